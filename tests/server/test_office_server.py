"""Office server mode against a real PostgreSQL server (tests/support/pg_cluster.py): TLS pinned to
the enrolled CA, least-privilege roles, the audit trail append-only by grant and trigger,
row-level security that refuses what the access rule refuses, no allegation in plain text
on the server or in its dump, the same search results as a one-PC workspace, one audit
chain with several PCs writing, and what a person sees when the server goes away."""

from __future__ import annotations

import psycopg
import pytest

from sv2desk import errors
from sv2desk.services import (assessments, audit, auth, caseload, cases, concerns, drafts,
                              office_server, referrals, support)
from sv2desk.store import server
from sv2desk.store.server_workspace import ChangeListener

from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD, make_workspace
from ..support.service_examples import (assessment_form, concern_form, explanation_form,
                                        referral_form, session_form)

CANARY = "Canary-Allegation-7Q3X"


WORKSPACE_KINDS = ("server",)     # tests/support/server_fixtures.py: these are about the server


@pytest.fixture
def staff(created, folder):
    _, ids = created
    sessions = {"worker": auth.sign_in(folder, "worker", WORKER_PASSWORD),
                "manager": auth.sign_in(folder, "manager", MANAGER_PASSWORD)}
    yield sessions, ids
    for session in sessions.values():
        auth.sign_out(session)


def pc_login(folder) -> dict:
    """This PC's own connection arguments (its login from the keyring), as SV2 Desk uses."""
    from sv2desk.store.server_workspace import _login
    return _login(folder)[1]


def as_pc(folder, account_id=None, scope=""):
    conn = psycopg.connect(**pc_login(folder))
    conn.execute("SELECT set_config('sv2desk.account_id', %s, false), "
                 "set_config('sv2desk.scope', %s, false)",
                 ("" if account_id is None else str(account_id), scope))
    return conn


def _other_worker_and_admin_only(admin_session, ids):
    """Two more accounts for the row-level security tests: a support worker not on the case
    (the manager's, like the worker) and an administrator who is not a manager."""
    from sv2desk.policy import roles
    from sv2desk.services import accounts
    other = accounts.create_account(admin_session, "other", "Other Worker", "other pw 123456",
                                    {roles.SUPPORT_WORKER}, line_manager_id=ids["manager"])
    admin = accounts.create_account(admin_session, "adminonly", "Admin Only",
                                    "lantern orchard velvet quietly 7", {roles.ADMIN})
    return other, admin


def canary_concern(text: str = CANARY):
    return concerns.ConcernForm(information=text + " info", source=text + " source",
                                initial_risk_notes="", risk_level="medium")


def database_of(folder) -> str:
    return server.load_address(folder).database


def paused_case(staff) -> tuple[int, int]:
    (sessions, _ids) = staff
    worker = sessions["worker"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    concern = concerns.raise_concern(worker, case, canary_concern())
    concerns.record_explanation(worker, concern, explanation_form())
    return case, concern


# -- TLS and the pinned certificate --------------------------------------------------------

def test_the_server_refuses_a_connection_without_tls(pg):
    args = pg.owner().args()
    args["sslmode"] = "disable"
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        psycopg.connect(**args)


def test_a_server_with_another_ca_is_refused(created, folder, tmp_path):
    from ..support.pg_cluster import make_ca_and_server_cert
    other = tmp_path / "other"
    other.mkdir()
    make_ca_and_server_cert(other, ca_name="Someone else's CA")
    args = pc_login(folder)
    args["sslrootcert"] = str(other / "ca.pem")
    with pytest.raises(errors.ServerCertificateChanged):
        server.raw_connect(args)


def test_a_changed_certificate_in_the_folder_is_refused_before_connecting(created, folder,
                                                                          tmp_path):
    from ..support.pg_cluster import make_ca_and_server_cert
    other = tmp_path / "other"
    other.mkdir()
    (folder / server.CA_NAME).write_bytes(make_ca_and_server_cert(other))
    with pytest.raises(errors.ServerCertificateChanged):
        auth.sign_in(folder, "worker", WORKER_PASSWORD)


def test_the_pc_password_is_in_the_keyring_and_nowhere_in_the_folder(created, folder):
    address = server.load_address(folder)
    password = server.login_password(address)
    for path in folder.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path.name


def test_enrolling_without_a_keyring_is_refused_and_nothing_is_stored(created, pg, tmp_path,
                                                                      no_keyring):
    pc = tmp_path / "second-pc"
    fingerprint = server.ca_fingerprint(pg.ca_pem)
    with pytest.raises(errors.ServerKeyringUnavailable):
        office_server.enrol_pc(pc, pg.owner(), "sv2_template", fingerprint, pc_name="desk")
    assert not pc.exists()


def test_enrolling_checks_the_fingerprint_the_administrator_read_out(created, folder, pg,
                                                                     tmp_path):
    pc = tmp_path / "second-pc"
    database = database_of(folder)
    with pytest.raises(errors.ServerCertificateChanged):
        office_server.enrol_pc(pc, pg.owner(), database, "ab" * 32, pc_name="desk")
    assert not pc.exists()
    fingerprint = server.spaced(server.ca_fingerprint(pg.ca_pem))   # as printed, in groups
    office_server.enrol_pc(pc, pg.owner(), database, fingerprint, pc_name="desk")
    worker = auth.sign_in(pc, "worker", WORKER_PASSWORD)     # the same passwords, another PC
    try:
        assert worker.workspace.kind == "server"
        assert server.load_address(pc).login != server.load_address(folder).login
    finally:
        auth.sign_out(worker)


# -- least privilege -------------------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "CREATE TABLE stolen (x text)",
    "ALTER TABLE concerns DISABLE ROW LEVEL SECURITY",
    "DROP TRIGGER audit_log_no_update ON audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "UPDATE audit_log SET outcome = 'ok'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "DROP POLICY on_the_case ON concerns",
    "INSERT INTO key_file (id, body, version) VALUES (2, '', 1)",
])
def test_a_pc_login_cannot_change_the_schema_or_the_audit_trail(created, folder, statement):
    with as_pc(folder) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)


def test_even_the_owner_cannot_edit_the_audit_trail_while_its_triggers_stand(created, folder,
                                                                           pg):
    with psycopg.connect(**pg.owner().args(database_of(folder))) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="cannot be changed"):
            conn.execute("UPDATE audit_log SET outcome = 'ok' WHERE seq = 1")


def test_a_removed_trigger_is_reported_at_sign_in_and_by_the_chain_check(created, folder, pg):
    with psycopg.connect(**pg.owner().args(database_of(folder)), autocommit=True) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete ON audit_log")
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        assert auth.PROTECTION_RESTORED in worker.notices
        report = audit.check_chain(worker.workspace)
        assert not report.ok and "audit_log_no_delete" in report.problem
    finally:
        auth.sign_out(worker)


# -- row-level security: the database refuses what the access rule refuses ---------------

CONFIDENTIAL = ["concerns", "concern_explanations", "letters"]


def test_concern_rows_reach_only_the_people_on_the_case(staff, folder, admin_session):
    (sessions, ids) = staff
    case, concern = paused_case(staff)
    admin_only = admin_session.account_id      # the admin is also a manager here
    other, admin = _other_worker_and_admin_only(admin_session, ids)
    seen = {}
    for who, account in [("raiser", ids["worker"]), ("manager", ids["manager"]),
                         ("other worker", other.id), ("administrator", admin.id),
                         ("nobody", None), ("admin and manager", admin_only)]:
        with as_pc(folder, account) as conn:
            seen[who] = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                         for t in CONFIDENTIAL}
    assert seen["raiser"]["concerns"] == seen["manager"]["concerns"] == 1
    assert seen["raiser"]["concern_explanations"] == 1
    for outsider in ("other worker", "administrator", "nobody"):
        assert seen[outsider] == {t: 0 for t in CONFIDENTIAL}, outsider
    # The client software's rule says the same of the same people.
    other_session = auth.sign_in(folder, "other", "other pw 123456")
    try:
        with pytest.raises(errors.NotYours):
            concerns.view(other_session, concern)
        with pytest.raises(errors.NotYours):
            cases.open_case(other_session, case)
    finally:
        auth.sign_out(other_session)


def test_notes_about_a_concern_reach_only_the_people_on_the_case(staff, folder, admin_session):
    """Issue 17's notes marked as about the concern, read on the server as each role: the
    same rule as the concern's own rows (migration 0014). A note not about the concern is
    left to the services' rule (which hides a case that had a concern from anyone not on
    it); a note about it is hidden by the server too, and cannot be written or uncovered
    by anyone not on the case."""
    from sv2desk.services import notes
    (sessions, ids) = staff
    case, concern = paused_case(staff)
    worker = sessions["worker"]
    about = notes.add(worker, case, notes.NoteForm(text=CANARY + " note", about_concern=True))
    notes.add(worker, case, notes.NoteForm(text="Rang back, no answer"))
    manager_note = notes.add(sessions["manager"], case, notes.NoteForm(
        text="Spoke to the police liaison", about_concern=True))
    other, admin = _other_worker_and_admin_only(admin_session, ids)
    seen = {}
    for who, account in [("raiser and worker", ids["worker"]), ("manager", ids["manager"]),
                         ("other worker", other.id), ("administrator", admin.id),
                         ("nobody", None)]:
        with as_pc(folder, account) as conn:
            seen[who] = (
                {r[0] for r in conn.execute("SELECT id FROM case_notes "
                                            "WHERE concern_id IS NOT NULL")},
                conn.execute("SELECT count(*) FROM case_notes WHERE concern_id IS NULL"
                             ).fetchone()[0])
    assert seen["raiser and worker"] == seen["manager"] == ({about, manager_note}, 1)
    for outsider in ("other worker", "administrator", "nobody"):
        assert seen[outsider] == (set(), 1), outsider
    with as_pc(folder, other.id) as conn:
        # Uncovering one (marking it as not about the concern) reaches only the plain note.
        assert conn.execute("UPDATE case_notes SET concern_id = NULL").rowcount == 1
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO case_notes (case_id, concern_id, noted_at, text, "
                         "written_by, written_at) VALUES (%s, %s, '', '', %s, '')",
                         (case, concern, other.id))
    with as_pc(folder, ids["manager"]) as conn:
        assert conn.execute("SELECT count(*) FROM case_notes WHERE concern_id IS NOT NULL"
                            ).fetchone()[0] == 2       # the outsider's update touched neither
    # The services' rule says the same: the other worker cannot open the case at all.
    other_session = auth.sign_in(folder, "other", "other pw 123456")
    try:
        with pytest.raises(errors.NotYours):
            notes.for_case(other_session, case)
    finally:
        auth.sign_out(other_session)


def test_a_concern_cannot_be_written_for_a_case_the_person_is_not_on(staff, folder,
                                                                     admin_session):
    (sessions, ids) = staff
    case, concern = paused_case(staff)
    from sv2desk.services import accounts
    from sv2desk.policy import roles
    other = accounts.create_account(admin_session, "other2", "Other", "other pw 123456",
                                    {roles.SUPPORT_WORKER}, line_manager_id=ids["manager"])
    with as_pc(folder, other.id) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO concern_explanations (concern_id, recorded_by, recorded_at,"
                         " explained_on, method, not_able_to_support, not_able_to_support_reason,"
                         " discussed_with_management, discussed_with_management_reason,"
                         " outcome_will_be_communicated, outcome_will_be_communicated_reason,"
                         " safeguarding_may_be_reported, safeguarding_may_be_reported_reason)"
                         " VALUES (%s, %s, '', '', 'phone', true, '', true, '', true, '', true, '')",
                         (concern, other.id))
        conn.rollback()
        # Updating rows it cannot see changes nothing.
        cur = conn.execute("UPDATE concerns SET status = 'completed'")
        assert cur.rowcount == 0


def test_a_worker_does_not_see_an_unassigned_case_someone_else_raised_a_concern_on(
        staff, folder, admin_session):
    """The rule needs to know a concern exists even when the rows are hidden: the list must
    not show the case to a worker who may not see it (as on one PC)."""
    (sessions, ids) = staff
    manager = sessions["manager"]
    case = referrals.create_referral(manager, referral_form()).id
    concerns.raise_concern(manager, case, concern_form())
    for scope in (caseload.MINE, caseload.UNASSIGNED):
        assert case not in caseload.case_ids(sessions["worker"], scope)
    assert case not in {row.id for row in caseload.search(sessions["worker"], "Example")}
    assert case in caseload.case_ids(manager, caseload.UNASSIGNED)
    with pytest.raises(errors.NotYours):
        cases.open_case(sessions["worker"], case)


# -- special-category text never reaches the server in plain text ------------------------

def test_no_allegation_in_the_servers_tables_or_its_dump(staff, folder, pg):
    (sessions, ids) = staff
    worker = sessions["worker"]
    case = referrals.create_referral(worker, referral_form(
        assign_to_me=True, interaction_details=CANARY + " interaction",
        safeguarding_note=CANARY + " safeguarding")).id
    assessments.complete(worker, case, assessment_form(safety_notes=CANARY + " safety"))
    support.record_session(worker, case, session_form(note=CANARY + " session note"))
    drafts.save(worker, "referral", {"typed": CANARY + " draft"})
    concern = concerns.raise_concern(worker, case, canary_concern())
    concerns.record_explanation(worker, concern, explanation_form())
    # Through the services it reads back as typed.
    assert concerns.view(worker, concern).information == CANARY + " info"
    database = database_of(folder)
    dump = pg.pg_dump(database)
    assert "Example Client" in dump          # the dump is whole: clients' names are there
    assert CANARY not in dump
    with psycopg.connect(**pg.owner().args(database)) as conn:
        for table in ("concerns", "concern_explanations", "cases", "assessments",
                      "support_sessions", "drafts"):
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            assert rows, table
            assert CANARY not in repr(rows), table
        sealed = conn.execute("SELECT information FROM concerns").fetchone()[0]
        assert sealed.startswith("sv2s1:")


def test_a_sealed_value_changed_on_the_server_is_refused_not_misread(staff, folder, pg):
    (sessions, ids) = staff
    case, concern = paused_case(staff)
    with psycopg.connect(**pg.owner().args(database_of(folder))) as conn:
        conn.execute("UPDATE concerns SET information = 'sv2s1:' || "
                     "translate(substr(information, 7), 'ABCD', 'BCDA')")
        conn.commit()
    with pytest.raises(errors.WorkspaceDamaged):
        concerns.view(sessions["worker"], concern)


# -- the same search on both kinds -------------------------------------------------------

NAMES = ["Zoë O'Brien", "Zoe Smith-Jones", "Anna Kowalska", "Ánna Kowalski", "Jan Nowak",
         "محمد علي", "Priya Kaur", "Siobhán Ní Bhriain"]
QUERIES = ["zoe", "ZOË", "obrien", "o'brien", "smith", "smithjones", "jones", "anna", "kowal",
           "ann kow", "محمد", "kaur pri", "siobhan", "ni bh", "12/03/1990", "1990-03-12",
           "DE1", "de1 2ab", "SV2", "nobody", "zo sm"]


def _search_results(admin, worker) -> dict[str, list[str]]:
    import datetime
    for i, name in enumerate(NAMES):
        referrals.create_referral(worker, referral_form(
            name=name, assign_to_me=True, postcode="DE1 2AB" if i % 2 else "S40 1AA",
            date_of_birth=datetime.date(1990, 3, 12) if i == 3 else None))
    return {q: sorted(r.reference for r in caseload.search(admin, q)) for q in QUERIES}


def test_the_same_search_finds_the_same_cases_on_both_kinds(staff, tmp_path):
    (sessions, ids) = staff
    on_server = _search_results(sessions["manager"], sessions["worker"])
    one_pc = make_workspace(tmp_path / "one-pc")
    from sv2desk.services import accounts
    from sv2desk.policy import roles
    accounts.create_account(one_pc.session, "worker", "Wyn Worker", WORKER_PASSWORD,
                            {roles.SUPPORT_WORKER})
    worker = auth.sign_in(tmp_path / "one-pc", "worker", WORKER_PASSWORD)
    try:
        on_file = _search_results(one_pc.session, worker)
    finally:
        auth.sign_out(worker)
        auth.sign_out(one_pc.session)
    assert on_server == on_file
    assert on_server["zoe"] and on_server["kowal"] and on_server["محمد"]


# -- moving a one-PC workspace ---------------------------------------------------------------

def test_a_move_copies_every_row_keeps_the_chain_and_keeps_the_old_file(pg, tmp_path,
                                                                        memory_keyring):
    folder = tmp_path / "centre"
    new = make_workspace(folder)
    from sv2desk.services import accounts
    from sv2desk.policy import roles
    accounts.create_account(new.session, "worker", "Wyn Worker", WORKER_PASSWORD,
                            {roles.SUPPORT_WORKER})
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    concern = concerns.raise_concern(worker, case, canary_concern())
    auth.sign_out(worker)
    before = audit.check_chain(new.session.workspace)
    report = office_server.move_to_server(new.session, pg.owner(), "sv2_moved")
    try:
        assert report.chain_ok and report.rows["concerns"] == 1
        assert report.audit_entries > before.entries       # and the move itself
        assert (report.kept_at / "sv2desk.db").is_file()
        assert not (folder / "sv2desk.db").exists()
        worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)   # the same password
        try:
            assert worker.workspace.kind == "server"
            assert concerns.view(worker, concern).information == CANARY + " info"
            assert audit.check_chain(worker.workspace).ok
            # New rows carry on after the copied ones (the sequences were moved on).
            second = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
            assert second > case
        finally:
            auth.sign_out(worker)
    finally:
        from ..support.server_fixtures import _drop
        _drop(pg, "sv2_moved")


def test_a_move_without_a_keyring_is_refused_before_anything_is_made(pg, tmp_path,
                                                                   no_keyring):
    new = make_workspace(tmp_path / "centre")
    try:
        with pytest.raises(errors.ServerKeyringUnavailable):
            office_server.move_to_server(new.session, pg.owner(), "sv2_never_made")
        with psycopg.connect(**pg.owner().args()) as conn:
            assert conn.execute("SELECT 1 FROM pg_database WHERE datname = 'sv2_never_made'"
                                ).fetchone() is None
        assert (tmp_path / "centre" / "sv2desk.db").exists()
    finally:
        auth.sign_out(new.session)


# -- several PCs ---------------------------------------------------------------------------

def test_other_pcs_hear_of_changes(staff, folder):
    (sessions, ids) = staff
    listener = ChangeListener(sessions["manager"].workspace)
    try:
        case = referrals.create_referral(sessions["worker"], referral_form(assign_to_me=True)).id
        heard = listener.wait(5)
        assert f"case:{case}" in heard
        concerns.raise_concern(sessions["worker"], case, concern_form())
        assert "queue" in listener.wait(5)
    finally:
        listener.close()


def test_the_server_going_away_is_a_plain_message_and_work_resumes(staff, folder, pg):
    (sessions, ids) = staff
    worker = sessions["worker"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    with psycopg.connect(**pg.owner().args(), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (database_of(folder),))
    # The pool notices the dead connection and opens a new one: the person sees nothing.
    assert cases.open_case(worker, case).id == case
    pg.stop("fast")      # the server shut down under a PC in use
    try:
        with pytest.raises(errors.ServerUnavailable) as gone:
            assessments.complete(worker, case, assessment_form())
        assert "reconnects by itself" in gone.value.message
    finally:
        pg.start()
    assert cases.open_case(worker, case).status == "referred"     # nothing half-written
    assessments.complete(worker, case, assessment_form())
    assert cases.open_case(worker, case).status != "referred"
    assert audit.check_chain(worker.workspace).ok


# -- backups of the server -------------------------------------------------------------------

def test_a_backup_from_the_server_is_an_encrypted_file_that_restores_to_either_kind(
        staff, folder, tmp_path, created, pg):
    import zipfile
    from sv2desk.services import backups, restore
    (sessions, ids) = staff
    new, _ = created
    case, concern = paused_case(staff)
    usb = tmp_path / "usb"
    usb.mkdir()
    made = backups.create(new.session, usb)
    with zipfile.ZipFile(made.backup.path) as zf:
        db = zf.read("sv2desk.db")
    assert not db.startswith(b"SQLite format 3") and CANARY.encode() not in db
    # It is checked like any backup, and restores to a one-PC workspace elsewhere.
    info = restore.inspect(made.backup.path, recovery_key=new.recovery_key)
    assert info is not None
    elsewhere = tmp_path / "laptop" / "workspace"
    restore.restore(made.backup.path, elsewhere, recovery_key=new.recovery_key)
    worker = auth.sign_in(elsewhere, "worker", WORKER_PASSWORD)
    try:
        assert worker.workspace.kind == "file"
        assert concerns.view(worker, concern).information == CANARY + " info"
        assert audit.check_chain(worker.workspace).ok
        assert {r.id for r in caseload.search(worker, "Example")} == {case}
    finally:
        auth.sign_out(worker)
    # And back onto a server (a new database): restored to a PC, then moved in one step.
    from ..support.workspaces import ADMIN_PASSWORD
    from ..support.server_fixtures import _drop
    admin = auth.sign_in(elsewhere, "admin", ADMIN_PASSWORD)
    try:
        report = office_server.move_to_server(admin, pg.owner(), "sv2_restored")
        assert report.chain_ok and report.rows["concerns"] == 1
        worker = auth.sign_in(elsewhere, "worker", WORKER_PASSWORD)
        try:
            assert worker.workspace.kind == "server"
            assert concerns.view(worker, concern).information == CANARY + " info"
            assert audit.check_chain(worker.workspace).ok
        finally:
            auth.sign_out(worker)
    finally:
        if admin.open:
            auth.sign_out(admin)
        _drop(pg, "sv2_restored")


def test_a_draft_saved_while_the_server_is_away_is_kept_sealed_here_and_carried_over(
        staff, folder, pg):
    (sessions, ids) = staff
    worker = sessions["worker"]
    pg.stop("fast")
    try:
        kept = drafts.save(worker, "referral", {"name": CANARY + " typed"})
    finally:
        pg.start()
    waiting = list((folder / "drafts-waiting").glob("*.sv2draft"))
    assert kept.id == 0 and len(waiting) == 1
    assert CANARY.encode() not in waiting[0].read_bytes()       # sealed, not plain text
    # Back on the server at the next look, recorded in the audit trail, the file gone.
    listed = drafts.list_own(worker)
    assert [d.form for d in listed] == ["referral"]
    assert not list((folder / "drafts-waiting").glob("*.sv2draft"))
    assert drafts.take(worker, listed[0].id).values == {"name": CANARY + " typed"}
    assert audit.check_chain(worker.workspace).ok


def test_a_change_of_key_or_a_restore_over_a_server_folder_is_refused_plainly(
        created, folder, tmp_path):
    from sv2desk.services import backups, keys, restore
    from ..support.workspaces import ADMIN_PASSWORD
    new, _ = created
    with pytest.raises(errors.NotOnServer):
        keys.change(new.session, ADMIN_PASSWORD)
    usb = tmp_path / "usb"
    usb.mkdir()
    made = backups.create(new.session, usb)
    with pytest.raises(errors.NotOnServer):
        restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    assert not (folder / "sv2desk.db").exists() and (folder / "server.json").exists()


# -- erasure on the server ----------------------------------------------------------------

def test_erasure_on_the_server_leaves_no_erased_word_in_its_tables_or_its_dump(
        created, folder, pg):
    from datetime import date, timedelta
    from sv2desk.services import retention
    from ..support.canaries import Canaries, write_casework_canaries
    new, _ = created
    admin = new.session
    erased_words, kept_words = Canaries(), Canaries()
    erased = write_casework_canaries(admin, erased_words)
    write_casework_canaries(admin, kept_words)
    later = date.today() + timedelta(days=6 * 366 + 1)
    assert retention.erase(admin, [erased], today=later) == 1
    assert caseload.search(admin, erased_words["client name"]) == []
    assert len(caseload.search(admin, kept_words["client name"])) == 1
    assert audit.check_chain(admin.workspace).ok
    # Every typed value, sealed ones opened with the key: none of the erased case's words.
    from sqlalchemy import select
    from sv2desk.models import Base
    from ..support.canaries import user_text_columns
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    with admin.workspace.whole_database(), admin.workspace.transaction() as db:
        values = "\n".join(str(v) for table, column in user_text_columns()
                           for v in db.scalars(select(tables[table].c[column])) if v)
    assert [label for label, word in erased_words.items() if word in values] == []
    assert all(word in values for word in kept_words.values())
    database = database_of(folder)
    office_server.vacuum_database(pg.owner(), database)     # sv2desk-admin server vacuum
    dump = pg.pg_dump(database)
    assert [label for label, word in erased_words.items() if word in dump] == []
    # The dump is whole: the kept case's plain details are there (its sealed ones are not).
    assert kept_words["client name"] in dump and kept_words["closing note"] not in dump


def _pc_connections(pg, folder) -> int:
    with psycopg.connect(**pg.owner().args(), autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                            "AND application_name = 'sv2desk'",
                            (database_of(folder),)).fetchone()[0]


def test_a_sign_in_opens_one_connection_and_a_refused_one_leaves_none(created, folder, pg):
    """The connection that reads the key slots at sign-in is the one the workspace goes on
    with (one TLS connection, not two); a wrong password or a disabled account closes it."""
    auth.sign_out(created[0].session)
    assert _pc_connections(pg, folder) == 0
    for _ in range(3):
        with pytest.raises(errors.WrongPassword):
            auth.sign_in(folder, "worker", "not the worker's password")
    assert _pc_connections(pg, folder) == 0
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        assert _pc_connections(pg, folder) == 1
        assert audit.check_chain(worker.workspace).ok
    finally:
        auth.sign_out(worker)
    assert _pc_connections(pg, folder) == 0


class _Connection:
    closed = broken = False

    def close(self):
        self.closed = True


def test_a_kept_sign_in_connection_serves_only_its_folder_once_and_not_when_old(monkeypatch,
                                                                               tmp_path):
    from sv2desk.store import server_workspace
    handover, here, there = server_workspace._Handover(), tmp_path / "a", tmp_path / "b"
    other = _Connection()
    handover.give(here, other, "head")
    assert handover.take(there) is None and other.closed       # another folder: closed
    fresh = _Connection()
    handover.give(here, fresh, "head")
    assert handover.take(here) == (fresh, "head") and not fresh.closed
    assert handover.take(here) is None                          # once only
    old, replaced, newer = _Connection(), _Connection(), _Connection()
    handover.give(here, replaced, "head")
    handover.give(here, old, "head")
    assert replaced.closed                                      # a newer read replaces it
    now = server_workspace.time.monotonic()
    monkeypatch.setattr(server_workspace.time, "monotonic",
                        lambda: now + handover.MAX_AGE + 1)
    assert handover.take(here) is None and old.closed           # too old: closed, not used
    handover.give(here, newer, "head")
    handover.drop(here)
    assert newer.closed
