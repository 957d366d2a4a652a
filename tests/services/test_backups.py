"""Backups and restore, as an administrator uses them: a backup in a folder they choose, a
rotating set made at sign-out at most once a day, and a restore that checks the backup,
shows what it holds, sets the current data aside and opens with the same accounts."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry, Client
from sv2desk.policy import backups as rotation, roles
from sv2desk.services import accounts, audit, auth, backups, caseload, drafts, referrals, restore
from sv2desk.store import archive, migrate
from sv2desk.store.workspace import DB_NAME, KEYS_NAME

from ..support.safety_helpers import assert_plain_message, changes, snapshot
from ..support.service_examples import referral_form
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD


@pytest.fixture
def usb(tmp_path):
    path = tmp_path / "usb-drive"
    path.mkdir()
    return path


def _names(session) -> set[str]:
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        names = set(conn.execute(select(Client.name)).scalars())
        conn.rollback()
    return names


def _last_actions(session, n: int) -> list[tuple[str, str]]:
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.outcome)
                            .order_by(AuditEntry.seq.desc()).limit(n)).all()
        conn.rollback()
    return [tuple(r) for r in reversed(rows)]


@pytest.mark.file_only
def test_a_backup_restores_with_the_recovery_key_and_sets_the_current_data_aside(
        created, folder, usb):
    new, ids = created
    admin = new.session
    referrals.create_referral(admin, referral_form("Before Backup"))
    made = backups.create(admin, usb)
    assert made.backup.path.parent == usb and made.backup.path.name.endswith(".sv2backup")
    assert [b.path for b in backups.list_backups(admin)] == []   # no folder set: none listed
    referrals.create_referral(admin, referral_form("After Backup"))
    accounts.create_account(admin, "later", "Later Person", "later password 1",
                            {roles.SUPPORT_WORKER})
    assert ("backups.create", "ok") in _last_actions(admin, 20)
    auth.sign_out(admin)
    before = snapshot(folder)

    contents = restore.inspect(made.backup.path, recovery_key=new.recovery_key)
    assert (contents.clients, contents.cases, contents.accounts) == (1, 1, 3)
    assert contents.audit_entries > 0 and not contents.needs_upgrade
    assert contents.schema_revision == migrate.head_revision()
    assert abs(contents.created_at - datetime.now(timezone.utc)) < timedelta(hours=1)
    assert snapshot(folder) == before, "inspecting a backup changes nothing"

    steps = []
    done = restore.restore(made.backup.path, folder, recovery_key=new.recovery_key,
                           progress=lambda f, m: steps.append(f))
    assert steps == sorted(steps) and steps[-1] == 1.0
    # The data that was there is kept, byte for byte, in a dated folder beside it.
    assert done.set_aside.parent == folder.parent and "before-restore" in done.set_aside.name
    assert snapshot(done.set_aside) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == sorted(
        [folder.name, done.set_aside.name, usb.name])

    # The restored data opens with the same accounts and the same recovery key.
    for username, password in (("admin", ADMIN_PASSWORD), ("manager", MANAGER_PASSWORD),
                               ("worker", WORKER_PASSWORD)):
        auth.sign_out(auth.sign_in(folder, username, password))
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "later", "later password 1")
    auth.sign_out(auth.sign_in_with_recovery_key(folder, new.recovery_key))
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _names(session) == {"Before Backup"}
        assert len(caseload.search(session, "Before")) == 1
        report = audit.check_chain(session.workspace)
        assert report.ok, report.problem
        actions = [a for a, _ in _last_actions(session, 20)]
        assert "restore.reseal" in actions and "backups.create" not in actions
    finally:
        auth.sign_out(session)
    # The set-aside data still opens as it was.
    old = auth.sign_in(done.set_aside, "later", "later password 1")
    assert _names(old) == {"Before Backup", "After Backup"}
    auth.sign_out(old)


@pytest.mark.file_only
def test_restore_with_an_administrators_password_from_the_time_of_the_backup(
        created, folder, usb):
    new, _ = created
    admin = new.session
    made = backups.create(admin, usb)
    accounts.change_own_password(admin, ADMIN_PASSWORD, "a newer password 1")
    auth.sign_out(admin)
    before = snapshot(folder)
    # Today's password is not the one in the backup; a worker's is not an administrator's.
    for username, password, error in (("admin", "a newer password 1", errors.BackupKeyWrong),
                                      ("admin", "wrong password 1", errors.BackupKeyWrong),
                                      ("nobody", ADMIN_PASSWORD, errors.BackupKeyWrong),
                                      ("worker", WORKER_PASSWORD, errors.PermissionDenied),
                                      ("manager", MANAGER_PASSWORD, errors.PermissionDenied)):
        with pytest.raises(error) as refused:
            restore.restore(made.backup.path, folder, username=username, password=password)
        assert_plain_message(refused.value)
        assert snapshot(folder) == before
    with pytest.raises(errors.BackupKeyWrong):
        restore.inspect(made.backup.path, recovery_key="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    done = restore.restore(made.backup.path, folder, username="admin", password=ADMIN_PASSWORD)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _last_actions(session, 2) == [("restore.reseal", "ok"), ("sign_in", "ok")]
    finally:
        auth.sign_out(session)
    assert done.set_aside is not None


def test_restore_onto_a_pc_with_no_data_yet(created, tmp_path, usb):
    new, _ = created
    made = backups.create(new.session, usb)
    elsewhere = tmp_path / "new-pc" / "workspace"
    done = restore.restore(made.backup.path, elsewhere, recovery_key=new.recovery_key)
    assert done.set_aside is None
    auth.sign_out(auth.sign_in(elsewhere, "worker", WORKER_PASSWORD))


def test_the_backup_file_holds_only_encrypted_data_and_its_own_checks(created, usb):
    new, _ = created
    admin = new.session
    referrals.create_referral(admin, referral_form("Zebedee Quartermaine"))
    made = backups.create(admin, usb)
    with zipfile.ZipFile(made.backup.path) as zf:
        assert zf.namelist() == [DB_NAME, KEYS_NAME, "manifest.json", "manifest.mac"]
        db = zf.read(DB_NAME)
        manifest = json.loads(zf.read("manifest.json"))
        keys = json.loads(zf.read(KEYS_NAME))
    assert not db.startswith(b"SQLite format 3")
    raw = made.backup.path.read_bytes()
    for secret in (b"Zebedee", "Zebedee".encode("utf-16-le"), b"admin password",
                   new.recovery_key.encode()):
        assert secret not in raw
    # The manifest names the audit head of the copy; the key file carries the same head.
    assert manifest["audit_head"] == keys["audit_head"]
    assert manifest["audit_head"]["seq"] > 0
    assert set(manifest["members"]) == {DB_NAME, KEYS_NAME}
    assert "clients" not in json.dumps(manifest)     # the counts are sealed, not readable


# -- damaged and altered backups: refused before anything is changed -------------------------------

def _rezip(path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members.update(replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name in archive.MEMBERS:
            zf.writestr(name, members[name])


def _rehash(path, **member_bytes) -> None:
    """Replace members and fix up the manifest's hashes (an attacker can do that much)."""
    import hashlib
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    replace = {}
    for name, data in member_bytes.items():
        name = {"db": DB_NAME, "keys": KEYS_NAME}[name]
        replace[name] = data
        manifest["members"][name] = {"size": len(data),
                                     "sha256": hashlib.sha256(data).hexdigest()}
    replace["manifest.json"] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    _rezip(path, replace)


def _damage(kind, path, other, folder):
    data = path.read_bytes()
    if kind.startswith("truncated"):
        cut = {"truncated to half": len(data) // 2, "truncated by one byte": len(data) - 1,
               "truncated to the first kilobyte": 1024}[kind]
        path.write_bytes(data[:cut])
    elif kind == "a byte flipped in the database":
        with zipfile.ZipFile(path) as zf:
            offset = zf.getinfo(DB_NAME).header_offset + 30 + len(DB_NAME) + 5000
        changed = bytearray(data)
        changed[offset] ^= 1
        path.write_bytes(bytes(changed))
    elif kind == "a database page changed, hashes fixed up":
        with zipfile.ZipFile(path) as zf:
            db = bytearray(zf.read(DB_NAME))
        db[4096 + 100] ^= 0xFF
        _rehash(path, db=bytes(db))
    elif kind == "the database of another backup":
        with zipfile.ZipFile(other) as zf:
            _rehash(path, db=zf.read(DB_NAME))
    elif kind == "the key file of another backup":
        with zipfile.ZipFile(other) as zf:
            _rehash(path, keys=zf.read(KEYS_NAME))
    elif kind == "the current key file":
        _rehash(path, keys=(folder / KEYS_NAME).read_bytes())
    elif kind == "the manifest edited":
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
        manifest["created_at"] = "2001-01-01T00:00:00+00:00"
        _rezip(path, {"manifest.json": json.dumps(manifest, indent=1, sort_keys=True).encode()})
    elif kind == "the manifest's check removed":
        _rezip(path, {"manifest.mac": b""})
    elif kind == "not a backup at all":
        path.write_bytes(b"%PDF-1.4 a letter, not a backup")
    else:
        raise AssertionError(kind)


DAMAGE = ["truncated to half", "truncated by one byte", "truncated to the first kilobyte",
          "a byte flipped in the database", "a database page changed, hashes fixed up",
          "the database of another backup", "the key file of another backup",
          "the current key file", "the manifest edited", "the manifest's check removed",
          "not a backup at all"]


@pytest.mark.file_only
@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_or_altered_backup_is_refused_and_nothing_changes(created, folder, usb, kind):
    new, _ = created
    admin = new.session
    first = backups.create(admin, usb).backup.path
    drafts.save(admin, "letter", {"body": "something new"})
    second_drive = usb.with_name("second-drive")
    second_drive.mkdir()
    other = backups.create(admin, second_drive)
    auth.sign_out(admin)
    _damage(kind, first, other.backup.path, folder)
    before, around = snapshot(folder), sorted(p.name for p in folder.parent.iterdir())
    for attempt in (lambda: restore.inspect(first, recovery_key=new.recovery_key),
                    lambda: restore.restore(first, folder, recovery_key=new.recovery_key),
                    lambda: restore.restore(first, folder, username="admin",
                                            password=ADMIN_PASSWORD)):
        with pytest.raises((errors.BackupDamaged, errors.NotABackup)) as refused:
            attempt()
        assert_plain_message(refused.value)
        assert changes(before, snapshot(folder)) == {"added": [], "removed": [], "changed": []}
        assert sorted(p.name for p in folder.parent.iterdir()) == around
    # The good backup still restores.
    restore.restore(other.backup.path, folder, recovery_key=new.recovery_key)


@pytest.mark.file_only
def test_a_backup_from_a_newer_version_is_refused(created, folder, usb):
    new, _ = created
    made = backups.create(new.session, usb)
    auth.sign_out(new.session)
    with zipfile.ZipFile(made.backup.path) as zf:
        manifest_bytes = zf.read("manifest.json")
    # Only someone with the key could write such a manifest: play a later version.
    from sv2desk.store import crypto
    manifest = json.loads(manifest_bytes)
    manifest["schema_revision"] = "9999_from_the_future"
    opened = archive.read(made.backup.path)
    key = restore._unlock(opened, new.recovery_key, None, None).master_key
    data = json.dumps(manifest, indent=1, sort_keys=True).encode()
    _rezip(made.backup.path, {"manifest.json": data,
                              "manifest.mac": crypto.mac(archive._mac_key(key), data).encode()})
    before = snapshot(folder)
    with pytest.raises(errors.ActionRefused) as refused:
        restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    assert "newer version" in refused.value.message
    assert snapshot(folder) == before


# -- the backup folder, rotation, and the automatic backup -------------------------------------------

def test_the_backup_folder_is_a_setting_and_must_be_reachable(admin_session, usb, folder):
    assert backups.get_settings(admin_session).folder is None
    for bad in ("relative/folder", str(usb / "not-plugged-in"), str(folder / "backups")):
        with pytest.raises(errors.ValidationError):
            backups.set_folder(admin_session, bad)
    assert backups.set_folder(admin_session, usb).folder == usb
    settings = backups.get_settings(admin_session)
    assert settings.folder == usb and "7 days" in settings.rotation
    made = backups.create(admin_session)
    assert [b.path for b in backups.list_backups(admin_session)] == [made.backup.path]
    assert backups.set_folder(admin_session, None).folder is None
    with pytest.raises(errors.ValidationError):
        backups.create(admin_session)


def test_the_rotation_keeps_7_daily_5_weekly_and_12_monthly():
    start = datetime(2025, 1, 1, 17, 0)
    every_day = [start + timedelta(days=n) for n in range(500)]
    kept = rotation.to_keep(every_day)
    newest = every_day[-1]
    assert newest in kept
    assert {t for t in kept if newest - t < timedelta(days=7)} == set(every_day[-7:])
    weeks = {t.isocalendar()[:2] for t in kept}
    assert len({w for w in weeks if newest - timedelta(weeks=5) < datetime.fromisocalendar(
        w[0], w[1], 7)}) >= 5
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    assert len(kept) <= rotation.KEEP_DAILY + rotation.KEEP_WEEKLY + rotation.KEEP_MONTHLY
    # Several on one day: the newest of the day is the one kept.
    same_day = [datetime(2025, 3, 3, h) for h in (9, 12, 17)]
    assert rotation.to_keep(same_day) == {same_day[-1]}


def test_backups_over_months_are_rotated_in_the_folder(admin_session, usb):
    backups.set_folder(admin_session, usb)
    start = datetime(2025, 1, 6, 16, 30, tzinfo=timezone.utc)
    made = []
    for day in range(0, 120, 3):
        made.append(backups.create(admin_session, usb, now=start + timedelta(days=day)))
    (usb / "holiday-photos.jpg").write_bytes(b"not ours")
    (usb / "sv2desk-00000000-20250101-000000.sv2backup").write_bytes(b"another workspace's")
    last = backups.create(admin_session, usb, now=start + timedelta(days=121))
    present = {b.created_at for b in backups.list_backups(admin_session)}
    expected = rotation.to_keep([b.backup.created_at.astimezone() for b in made]
                                + [last.backup.created_at.astimezone()])
    assert {t.astimezone() for t in present} == expected
    assert last.backup.path.exists() and len(present) < len(made)
    assert (usb / "holiday-photos.jpg").exists()
    assert (usb / "sv2desk-00000000-20250101-000000.sv2backup").exists()


@pytest.mark.both_kinds   # the office server knows what changed in its own way
def test_the_automatic_backup_runs_whenever_something_changed(created, folder, usb):
    """The issue's day: a backup at 09:00 with no cases, a day of casework, signing out
    and closing several times: every sign-out after a change makes a backup, and one
    after only looking makes none."""
    new, _ = created
    admin = new.session
    assert backups.automatic_if_due(admin).outcome == "no_folder"
    backups.set_folder(admin, usb)
    auth.sign_out(admin)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    morning = datetime.now(timezone.utc).replace(hour=9, minute=0, second=0)
    try:
        first = backups.automatic_if_due(worker, now=morning)
        assert first.outcome == "made" and first.made.backup.path.exists()
        # Looking only (the caseload, a search) is not a change.
        caseload.case_ids(worker)
        assert backups.automatic_if_due(worker, now=morning + timedelta(minutes=5)).outcome \
            == "not_due"
        made_names = {first.made.backup.path.name}
        for hour in (11, 13, 16):
            referrals.create_referral(worker, referral_form(f"Day Person{hour}"))
            later = backups.automatic_if_due(worker, now=morning.replace(hour=hour))
            assert later.outcome == "made", hour
            made_names.add(later.made.backup.path.name)
            assert backups.automatic_if_due(worker, now=morning.replace(hour=hour, minute=1)
                                            ).outcome == "not_due"
        assert len(made_names) == 4
        # The last backup holds the day's work.
        contents = restore.inspect(later.made.backup.path, username="admin",
                                   password=ADMIN_PASSWORD)
        assert contents.cases == 3
        usb.rename(usb.with_name("unplugged"))
        drafts.save(worker, "referral", {"notes": "a change after the drive went"})
        gone = backups.automatic_if_due(worker, now=morning.replace(hour=17))
        assert gone.outcome == "unavailable" and "plugged in" in gone.message
        assert _last_actions(worker, 1) == [("backups.automatic", "unavailable")]
    finally:
        auth.sign_out(worker)


def test_administration_says_when_the_last_backup_was_made_and_what_is_not_in_it(
        created, folder, usb):
    new, _ = created
    admin = new.session
    state = backups.status(admin)
    assert state.last_made_at is None and state.changes_not_backed_up
    made = backups.create(admin, usb)
    state = backups.status(admin)
    assert state.last_made_at == made.backup.created_at and not state.changes_not_backed_up
    assert state.last_name == made.backup.path.name
    caseload.case_ids(admin)                    # a view: still all backed up
    assert not backups.status(admin).changes_not_backed_up
    referrals.create_referral(admin, referral_form("Not Yet Backed"))
    assert backups.status(admin).changes_not_backed_up


@pytest.mark.file_only
def test_a_restore_brings_an_older_schema_up_to_date(created, folder, usb, install_later_release):
    new, _ = created
    made = backups.create(new.session, usb)
    auth.sign_out(new.session)
    today = install_later_release()
    contents = restore.inspect(made.backup.path, recovery_key=new.recovery_key)
    assert contents.needs_upgrade and contents.schema_revision == today
    done = restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    assert done.upgraded
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert migrate.current_revision(session.workspace.engine) == migrate.head_revision()
        assert audit.check_chain(session.workspace).ok
    finally:
        auth.sign_out(session)


@pytest.mark.file_only
def test_restore_is_refused_while_someone_has_the_data_open(created, folder, usb):
    new, _ = created
    made = backups.create(new.session, usb)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    auth.sign_out(new.session)
    before = snapshot(folder)
    try:
        with pytest.raises(errors.WorkspaceInUse) as refused:
            restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
        assert_plain_message(refused.value)
        assert snapshot(folder) == before
        assert sorted(p.name for p in folder.parent.iterdir()) == sorted([folder.name, usb.name])
    finally:
        auth.sign_out(worker)
    restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)


def test_dates_in_names_are_read_back():
    when = datetime(2025, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    name = archive.archive_name("12345678-aaaa", when)
    assert archive.parse_name(name) == ("12345678", when)
    assert archive.parse_name("." + name + ".partial") is None
    assert archive.parse_name("sv2desk-1234-20250101-000000.sv2backup") is None
    assert date(2025, 2, 3) == archive.parse_name(name)[1].date()
