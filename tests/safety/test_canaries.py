"""No word a person typed ever reaches the disk in plaintext.

Canary strings (unique markers) are written through the services into every
user text column, then every file in the data folder (database, -wal, -shm,
keys.json, signin.json, backups/) and the temp folder is searched for them, in
UTF-8 and UTF-16-LE, while the data is open and after it is closed, and after a
sort big enough to spill to a temp file if temp_store were not MEMORY.

Which columns are "user text" is read from the schema: every String/Text column
not marked ``info={"system": True}``. A new column without a canary written
into it makes ``test_every_user_text_column_holds_a_canary`` fail: add it to
``canary_workspace`` below.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from sv2desk import errors

from sv2desk.models import Base
from sv2desk.policy import roles
from sv2desk.services import (accounts, assessments, auth, caseload, drafts, referrals, settings,
                              setup, support)
from sv2desk.services.connections import flags as connection_flags
from sv2desk.store import engine as engine_mod
from sv2desk.store.workspace import DB_NAME

from ..support.canaries import Canaries, user_text_columns, write_casework_canaries
from ..support.service_examples import assessment_form, referral_form, session_form
from ..support.workspaces import ADMIN_PASSWORD, FAST_KDF, WORKER_PASSWORD
from sv2desk.practice import earlier_today

SORT_ROWS = 20_000
SMALL_CACHE = "PRAGMA cache_size = -500"  # 500 KiB, so a few MB of sorting would spill


def leaks(canaries: Canaries, *folders: Path) -> list[str]:
    """'<file>: <canary label>' for every canary found in a file under ``folders``.

    Names the canary by its label only, so a failure prints no data."""
    pattern = canaries.pattern()
    found = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                for match in pattern.finditer(path.read_bytes()):
                    found.append(f"{path.name}: {canaries.label_of(match.group())}")
    return sorted(set(found))


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """A fresh temp folder for this test, named by every variable a temp file could follow."""
    path = tmp_path / "tmp"
    path.mkdir()
    for name in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(path))
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    return path


@contextmanager
def sqlite_temp_files_in(raw_conn, path: Path):
    """SQLite reads TMPDIR once per process, so point its temp folder here directly."""
    raw_conn.execute(f"PRAGMA temp_store_directory = '{path}'")
    try:
        yield
    finally:
        raw_conn.execute("PRAGMA temp_store_directory = ''")


def _open_files() -> dict[str, str]:
    """fd -> path of every regular file this process has open (deleted ones too)."""
    files = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("/") and not target.startswith(("/dev/", "/proc/")):
            files[fd] = target
    return files


def sort_and_watch(raw_conn, table: str) -> dict[str, bytes]:
    """Run a big ORDER BY and, mid-way through reading it, return the contents of every
    file opened during the sort (SQLite deletes its temp files as soon as it opens them,
    so they are read through /proc/self/fd)."""
    before = _open_files()
    cursor = raw_conn.execute(f"SELECT body FROM {table} ORDER BY sort_key")
    try:
        assert cursor.fetchone() is not None  # the sort is done; its output is being read
        opened = {fd: target for fd, target in _open_files().items()
                  if before.get(fd) != target}
        contents = {}
        for fd, target in opened.items():
            with open(f"/proc/self/fd/{fd}", "rb") as handle:
                contents[target] = handle.read()
        rows = 1 + len(cursor.fetchall())
    finally:
        cursor.close()
    assert rows == SORT_ROWS
    return contents


def fill_sort_table(raw_conn, table: str, canaries: Canaries) -> None:
    marker = canaries.new(f"{table} rows")
    raw_conn.execute(f"CREATE TABLE {table} (sort_key TEXT, body TEXT)")
    raw_conn.execute("BEGIN")
    raw_conn.executemany(
        f"INSERT INTO {table} VALUES (?, ?)",
        ((uuid.uuid4().hex, f"{marker} row {i} " + "notes " * 15) for i in range(SORT_ROWS)))
    raw_conn.execute("COMMIT")


def _small_png() -> str:
    """A real logo (the settings service accepts only a PNG or JPEG it can re-encode)."""
    import base64
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (107, 44, 145)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


@pytest.fixture
def canary_workspace(folder, temp_dir):
    """A workspace with a canary in every user text column, written through the services.

    Yields (admin session, canaries)."""
    c = Canaries()
    first_org = settings.Organisation(
        name=c.new("organisation name at set-up"), address=c.new("address at set-up"))
    new = setup.create_workspace(
        folder, organisation=first_org, admin_username=c.new("admin username"),
        admin_display_name="Ada " + c.new("admin display name"),
        admin_password=ADMIN_PASSWORD, kdf=FAST_KDF)
    admin = new.session
    accounts.create_account(admin, c.new("worker username"), c.new("worker display name"),
                            WORKER_PASSWORD, {roles.SUPPORT_WORKER})
    settings.update(admin, organisation=settings.Organisation(
        name=c.new("organisation name"), address=c.new("organisation address"),
        phone=c.new("organisation phone"), email=c.new("organisation email") + "@example.org",
        charity_number=c.new("charity number"), logo_png=_small_png()))
    # A wrong password (kept in signin.json, sealed, until the next sign-in).
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, c["worker username"], c.new("wrong password typed"))
    worker = auth.sign_in(folder, c["worker username"], WORKER_PASSWORD)
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, c["worker username"], c.new("another wrong password"))
    drafts.save(worker, "referral", {"client_name": c.new("draft client name"),
                                     "notes": "Ffion said " + c.new("draft notes")})
    auth.sign_out(worker)
    drafts.save(admin, "letter", {"body": c.new("admin draft")})
    write_casework_canaries(admin, c)
    from sv2desk.services import diary
    site = diary.save_site(admin, diary.SiteForm(c.new("site name"), c.new("site address")))
    diary.save_room(admin, diary.RoomForm(site, c.new("room name"), c.new("room notes")))
    write_workflow_canaries(admin, folder, c)
    write_erasure_canaries(admin, folder, c)   # before others: it empties the WAL
    write_connection_canaries(admin, c)
    yield admin, c
    auth.sign_out(admin)


def write_workflow_canaries(admin, folder, c: Canaries) -> None:
    """A concern taken through the whole perpetrator workflow, a letter and a directory
    entry, with a canary in every text field on the way."""
    from datetime import datetime, timedelta

    from sv2desk.policy import perpetrators
    from sv2desk.services import concerns, letters, outcomes, reviews, signposting

    second = accounts.create_account(admin, "second" + c.new_short("second username"),
                                     c.new("second display name"), "second password 1",
                                     {roles.MANAGER})
    accounts.set_line_manager(admin, admin.account_id, second.id)
    entry = signposting.save(admin, signposting.ServiceForm(
        name=c.new("service name"), category="harm_prevention", phone=c.new("service phone"),
        web=c.new("service web"), address=c.new("service address"),
        opening_hours=c.new("service hours"), area_served=c.new("service area"),
        notes=c.new("service notes")))
    case = referrals.create_referral(admin, referral_form(
        "Workflow Client", address="1 Safe Street", post_is_safe=True, assign_to_me=True,
        external_referral=True, referrer_organisation="A GP surgery",
        referrer_contact_consent=True)).id
    concern = concerns.raise_concern(admin, case, concerns.ConcernForm(
        information=c.new("concern information"), source=c.new("concern source"),
        initial_risk_notes=c.new("concern risk notes"), risk_level="high"))
    concerns.record_explanation(admin, concern, concerns.ExplanationForm(
        earlier_today(timedelta(hours=1)), "in_person",
        points={name: False for name, _ in perpetrators.FOUR_POINTS},
        reasons={name: c.new(f"reason {name}") for name, _ in perpetrators.FOUR_POINTS}))
    concerns.countersign_discussion(admin, concern, "second password 1", concerns.DiscussionForm(
        risks=c.new("discussion risks"), needs=c.new("discussion needs"),
        safeguarding_action=c.new("discussion safeguarding action")))
    manager = auth.sign_in(folder, second.username, "second password 1")
    form = reviews.DecisionForm(
        steps={code: ("done", c.new(f"step note {code}")) for code in perpetrators.NEXT_STEPS},
        outcome="support_ends", safeguarding_authority=c.new("safeguarding authority"),
        safeguarding_reported_on=datetime.now().date(),
        safeguarding_reference=c.new("safeguarding reference"), safeguarding_consent="not_given",
        safeguarding_lawful_basis=c.new("lawful basis"), referrer_contact_consent=True,
        victim_safety_note=c.new("victim safety note"), communicator="manager",
        communicator_reason=c.new("communicator reason"))
    decision = reviews.decide(manager, concern, form)
    reviews.correct(manager, decision, form, c.new("correction reason"))
    text = letters.compose(manager, case, letters.LetterRequest("outcome_not_supported", [entry]))
    from dataclasses import replace
    letters.finalise(manager, case, replace(text, body=text.body + "\n\n" + c.new("letter text")))
    outcomes.record_communication(manager, concern, outcomes.CommunicationForm(
        earlier_today(timedelta(minutes=1)), "letter", True, c.new("communication notes")))
    auth.sign_out(manager)


def write_connection_canaries(session, c: Canaries) -> None:
    """A confidential flag confirmed, dismissed and confirmed again (safety measures and
    the reason), then a session booked with a worker the restriction applies to, overridden
    by a manager with a reason, at a place with a canary for its name."""
    # A relative of the man named (same surname and address): kept apart, with no hold on
    # the case (a client like the man himself would be held for a manager's check).
    referrals.create_referral(session, referral_form(
        "Survivor Canary", interaction_answer="yes", assign_to_me=True,
        persons_named=[referrals.PersonNamed("Harold Flagstaff", "ex-partner",
                                             "landline 01332 123456, DE22 3AB")]))
    linked = referrals.create_referral(session, referral_form(
        "Susan Flagstaff", phone="01332 123456", postcode="DE22 3AB", assign_to_me=True)).id
    flag = connection_flags.open_flags(session)[0].id
    connection_flags.confirm(session, flag, c.new("connection safety measures"))
    connection_flags.dismiss(session, flag, c.new("connection dismissal reason"))
    connection_flags.confirm(session, flag, "Separate days and workers")
    assessments.complete(session, linked, assessment_form())
    support.record_session(session, linked, session_form(
        planned=True, location=c.new("session location")),
        override_reason=c.new("connection override reason"))


def write_erasure_canaries(admin, folder, c: Canaries) -> None:
    """A concern that ended with no further action, erased on request with a reason."""
    from sv2desk.services import concerns, outcomes, retention, reviews

    from ..support.service_examples import (communication_form, concern_form, decision_form,
                                            discussion_form, explanation_form)
    case = referrals.create_referral(admin, referral_form("Erasure Client",
                                                          assign_to_me=True)).id
    concern = concerns.raise_concern(admin, case, concern_form())
    concerns.record_explanation(admin, concern, explanation_form())
    concerns.countersign_discussion(admin, concern, "second password 1", discussion_form())
    second = auth.sign_in(folder, "second" + c["second username"], "second password 1")
    reviews.decide(second, concern, decision_form())
    auth.sign_out(second)
    outcomes.record_communication(admin, concern, communication_form())
    retention.erase_concern(admin, concern, c.new("erasure reason"))


def test_every_user_text_column_holds_a_canary(canary_workspace):
    admin, canaries = canary_workspace
    columns = user_text_columns()
    # Today's user text; the list is read from the schema, so new columns join it.
    assert {("accounts", "username"), ("accounts", "display_name"), ("settings", "value"),
            ("drafts", "payload")} <= set(columns)
    table_of = {table.name: table for table in Base.metadata.sorted_tables}
    uncovered = []
    with admin.workspace.engine.connect() as conn:
        for table, column in columns:
            values = conn.execute(select(table_of[table].c[column])).scalars().all()
            if not any(canary in (value or "") for value in values
                       for canary in canaries.values()):
                uncovered.append(f"{table}.{column}")
        conn.rollback()
    assert not uncovered, ("user text columns with no canary written into them: add them to "
                           f"canary_workspace in tests/safety/test_canaries.py: {uncovered}")


def test_no_canary_in_any_file_while_open_or_after_close(canary_workspace, folder, temp_dir):
    admin, canaries = canary_workspace
    wal = folder / (DB_NAME + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the check must include a live WAL"
    assert (folder / (DB_NAME + "-shm")).exists()
    assert (folder / "signin.json").exists() and (folder / "keys.json").exists()
    assert leaks(canaries, folder, temp_dir) == []

    backup = admin.workspace.backup_copy("canary-check")
    drafts.save(admin, "letter", {"body": canaries.new("draft after the backup")})
    assert backup.stat().st_size > 0 and wal.stat().st_size > 0
    assert leaks(canaries, folder, temp_dir) == []

    auth.sign_out(admin)
    assert not wal.exists()
    assert leaks(canaries, folder, temp_dir) == []

    # Opened again (and closed) the files still hold no canary.
    session = auth.sign_in(folder, canaries["worker username"], WORKER_PASSWORD)
    assert leaks(canaries, folder, temp_dir) == []
    auth.sign_out(session)
    assert leaks(canaries, folder, temp_dir) == []


def test_no_canary_in_a_backup_or_in_a_restored_copy(canary_workspace, folder, temp_dir,
                                                    tmp_path):
    """The backup file on the drive, and everything a restore leaves beside the data (the
    restored data, the set-aside data), hold no canary either."""
    from sv2desk.services import backups, restore
    admin, canaries = canary_workspace
    drive = tmp_path / "backup-drive"
    drive.mkdir()
    made = backups.create(admin, drive)
    assert made.backup.path.stat().st_size > 0
    assert leaks(canaries, drive, folder, temp_dir) == []
    auth.sign_out(admin)
    restore.restore(made.backup.path, folder, username=canaries["admin username"],
                    password=ADMIN_PASSWORD)
    assert any(".before-restore-" in p.name for p in folder.parent.iterdir())
    assert leaks(canaries, folder.parent, temp_dir) == []
    session = auth.sign_in(folder, canaries["worker username"], WORKER_PASSWORD)
    auth.sign_out(session)
    assert leaks(canaries, folder.parent, temp_dir) == []


def test_the_search_index_is_inside_the_encrypted_file(canary_workspace, folder, temp_dir):
    """Names and postcodes are indexed for search (FTS5): the index lives in the same
    encrypted database, and holds the canaries, so the file scan covers it."""
    admin, canaries = canary_workspace
    with admin.workspace.engine.connect() as conn:
        index_tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name LIKE 'case_search%'").scalars().all()
        conn.rollback()
    assert "case_search" in index_tables and "case_search_data" in index_tables
    for label in ("client name", "client preferred name", "client postcode"):
        found = caseload.search(admin, canaries[label])
        assert len(found) == 1, label
    assert leaks(canaries, folder, temp_dir) == []
    auth.sign_out(admin)
    assert leaks(canaries, folder, temp_dir) == []


def test_a_large_sort_keeps_canaries_out_of_temp_files(canary_workspace, folder, temp_dir):
    admin, canaries = canary_workspace
    with admin.workspace.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        raw.execute(SMALL_CACHE)
        fill_sort_table(raw, "canary_sort", canaries)
        with sqlite_temp_files_in(raw, temp_dir):
            opened = sort_and_watch(raw, "canary_sort")
    pattern = canaries.pattern()
    assert [path for path, data in opened.items() if pattern.search(data)] == []
    assert list(opened) == [], "the sort opened a file: it spilled out of memory"
    assert leaks(canaries, folder, temp_dir) == []
    auth.sign_out(admin)
    assert leaks(canaries, folder, temp_dir) == []


def test_the_temp_file_watch_does_see_a_sort_that_spills(tmp_path, temp_dir):
    """The check above can fail: the same sort with temp_store=FILE is caught in the act."""
    canaries = Canaries()
    raw = engine_mod.connect(tmp_path / "control.db", os.urandom(32))
    try:
        raw.execute("PRAGMA temp_store = FILE")
        raw.execute(SMALL_CACHE)
        fill_sort_table(raw, "control_sort", canaries)
        with sqlite_temp_files_in(raw, temp_dir):
            opened = sort_and_watch(raw, "control_sort")
    finally:
        raw.close()
    assert opened, "a sort this size with temp_store=FILE should spill to a temp file"
    assert all(path.startswith(str(temp_dir)) for path in opened)
    pattern = canaries.pattern()
    assert any(pattern.search(data) for data in opened.values())


def test_the_file_scan_finds_a_canary_in_either_encoding(tmp_path):
    canaries = Canaries()
    canaries.new("in UTF-8")
    canaries.new("in UTF-16")
    canaries.new("only its random part")
    (tmp_path / "a.bin").write_bytes(b"x" + canaries["in UTF-8"].encode() + b"y")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.bin").write_bytes(canaries["in UTF-16"].encode("utf-16-le"))
    (tmp_path / "c.bin").write_bytes(canaries["only its random part"][7:].encode())
    assert leaks(canaries, tmp_path) == ["a.bin: in UTF-8", "b.bin: in UTF-16",
                                         "c.bin: only its random part"]
