"""On the office server the operations that only look (a search, a page of the caseload,
the queue, a case opened) take no write lock: their view entries wait on the PC and are
written together, in one locked unit of work, at most a tenth of a second later and always
before the PC's next change and before sign-out (store/server_workspace.py). So a PC
looking never waits for another PC's work; a PC killed loses at most that last tenth of a
second of views, never a change; and the audit trail stays one chain whose signatures hold
with several PCs looking and changing at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import psycopg
import pytest

from sv2desk import errors
from sv2desk.policy import roles
from sv2desk.services import audit, auth, caseload, cases, referrals, reviews
from sv2desk.store import server
from sv2desk.store.server_workspace import READS

from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD
from ..support.service_examples import referral_form
from ..support.office_pcs import ROOT, pc_folder

WORKSPACE_KINDS = ("server",)


def _entries(pg, folder, action: str) -> int:
    with psycopg.connect(**pg.owner().args(server.load_address(folder).database)) as conn:
        return conn.execute("SELECT count(*) FROM audit_log WHERE action = %s",
                            (action,)).fetchone()[0]


def test_every_operation_that_runs_without_the_lock_is_one_the_services_have():
    from sv2desk.policy.permissions import OPERATIONS
    assert READS <= set(OPERATIONS)
    # Nothing that changes a record is among them.
    changing = ("create", "save", "update", "raise", "decide", "record", "finalise", "assign",
                "close", "move", "set_", "erase", "delete", "confirm", "dismiss")
    assert not [name for name in READS if any(word in name for word in changing)]


def test_a_pc_looks_while_another_holds_the_write_lock(created, folder, pg):
    """A search, the caseload and a case opened answer while the write lock is held
    elsewhere (before, each waited for it); their entries are written once it is free."""
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    before = _entries(pg, folder, "caseload.search")
    holder = psycopg.connect(**pg.owner().args(server.load_address(folder).database))
    holder.execute("SELECT pg_advisory_lock(%s)", (server.WRITE_LOCK,))
    answered = []

    def look():
        answered.append(len(caseload.search(worker, "Example")))
        answered.append(len(caseload.case_ids(worker)))
        answered.append(cases.open_case(worker, case).id)
    try:
        looking = threading.Thread(target=look)
        looking.start()
        looking.join(60)
        assert not looking.is_alive(), "a look waited for the write lock"
        assert answered == [1, 1, case]
        assert _entries(pg, folder, "caseload.search") == before     # waiting on the PC
    finally:
        holder.execute("SELECT pg_advisory_unlock(%s)", (server.WRITE_LOCK,))
        holder.close()
    auth.sign_out(worker)       # sign-out writes what is waiting, whatever the timer
    assert _entries(pg, folder, "caseload.search") == before + 1
    assert _entries(pg, folder, "caseload.list") >= 1
    assert _entries(pg, folder, "cases.open") >= 1


def test_views_go_on_the_server_before_the_pcs_next_change(created, folder, pg):
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    worker.workspace.VIEW_WRITE_SECONDS = 3600      # the timer never fires in this test
    try:
        for _ in range(3):
            caseload.search(worker, "Example")
        case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
        database = server.load_address(folder).database
        with psycopg.connect(**pg.owner().args(database)) as conn:
            searches = [r[0] for r in conn.execute(
                "SELECT seq FROM audit_log WHERE action = 'caseload.search'")]
            referral = conn.execute("SELECT min(seq) FROM audit_log WHERE object_id = %s "
                                    "AND action LIKE 'referrals.%%'", (str(case),)).fetchone()[0]
        assert len(searches) == 3 and max(searches) < referral
    finally:
        auth.sign_out(worker)


def test_a_killed_pc_loses_at_most_its_last_views_and_never_a_change(created, folder, pg,
                                                                    tmp_path):
    job = {"folder": str(pc_folder(folder, tmp_path / "pc")), "username": "worker",
           "password": WORKER_PASSWORD, "before": 5, "after": 3,
           "login_password": server.login_password(server.load_address(folder))}
    proc = subprocess.run([sys.executable, "-m", "tests.support.view_pc"], cwd=ROOT,
                          input=json.dumps(job), capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, SV2DESK_KDF_TARGET_MS="5"))
    assert proc.returncode == -9, proc.stderr[-3000:]       # killed, as the power going
    made = json.loads(proc.stdout.strip().splitlines()[-1])["case"]
    database = server.load_address(folder).database
    with psycopg.connect(**pg.owner().args(database)) as conn:
        assert conn.execute("SELECT count(*) FROM cases WHERE id = %s", (made,)).fetchone()[0]
        changed = conn.execute("SELECT count(*) FROM audit_log WHERE object_id = %s "
                               "AND action LIKE 'referrals.%%'", (str(made),)).fetchone()[0]
        assert changed >= 1
    searches = _entries(pg, folder, "caseload.search")
    assert 5 <= searches <= 5 + 3        # at most the views after the last write are lost
    admin = created[0].session
    report = audit.check_chain(admin.workspace)
    assert report.ok, report.problem
    assert report.unsigned == 0


def test_several_pcs_looking_and_changing_at_once_keep_one_signed_chain(created, folder, pg):
    people = [("worker", WORKER_PASSWORD), ("manager", MANAGER_PASSWORD),
              ("worker", WORKER_PASSWORD), ("manager", MANAGER_PASSWORD)]
    sessions = [auth.sign_in(folder, u, p) for u, p in people]
    made: list[int] = []
    failures: list[BaseException] = []

    def work(session, n):
        try:
            for i in range(8):
                if roles.MANAGER in session.roles:
                    reviews.queue(session)
                    caseload.search(session, "Example")
                else:
                    made.append(referrals.create_referral(
                        session, referral_form(f"Example Client {n}{i}",
                                               assign_to_me=True)).id)
                    caseload.search(session, "Example")
                    caseload.case_ids(session)
        except BaseException as exc:    # noqa: BLE001 - reported below
            failures.append(exc)
    threads = [threading.Thread(target=work, args=(s, n)) for n, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    for s in sessions:
        auth.sign_out(s)
    assert not failures, failures
    assert len(made) == 16
    database = server.load_address(folder).database
    with psycopg.connect(**pg.owner().args(database)) as conn:
        seqs = [r[0] for r in conn.execute("SELECT seq FROM audit_log ORDER BY seq")]
        assert seqs == list(range(1, len(seqs) + 1))
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'caseload.search'"
                            ).fetchone()[0] == 32
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'reviews.queue'"
                            ).fetchone()[0] == 16
    report = audit.check_chain(created[0].session.workspace)
    assert report.ok, report.problem
    assert report.unsigned == 0


def test_a_refusal_is_written_at_once_not_kept_with_the_views(created, folder, pg):
    from sv2desk import errors
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    worker.workspace.VIEW_WRITE_SECONDS = 3600      # the timer never fires in this test
    try:
        caseload.search(worker, "Example")
        with pytest.raises(errors.PermissionDenied):   # a support worker lists only theirs
            caseload.case_ids(worker, caseload.ALL)
        database = server.load_address(folder).database
        with psycopg.connect(**pg.owner().args(database)) as conn:
            assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'caseload.list' "
                                "AND outcome = 'denied'").fetchone()[0] == 1
    finally:
        auth.sign_out(worker)


# -- views still waiting when the server goes away as the PC closes ----------------------

def _audit_rows(pg, folder, after: int) -> list[tuple]:
    with psycopg.connect(**pg.owner().args(server.load_address(folder).database)) as conn:
        return conn.execute("SELECT seq, action, object_id FROM audit_log WHERE seq > %s "
                            "ORDER BY seq", (after,)).fetchall()


def _views_left_waiting_at_close(folder, pg) -> tuple[int, int]:
    """The worker looks three times, then the server stops before the views are written
    and the worker signs out. Returns (the case, the last entry on the server before)."""
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    worker.workspace.VIEW_WRITE_SECONDS = 3600      # the timer never fires in this test
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    last = _audit_rows(pg, folder, 0)[-1][0]
    caseload.search(worker, "Example")
    cases.open_case(worker, case)
    caseload.case_ids(worker)
    pg.stop("fast")
    try:
        with pytest.raises(errors.ServerUnavailable):
            auth.sign_out(worker)
    finally:
        pg.start()
    assert not worker.open                          # closed all the same: the key is gone
    assert _audit_rows(pg, folder, last) == []      # nothing reached the server
    return case, last


def test_views_waiting_when_the_server_goes_away_at_close_are_written_at_the_next_sign_in(
        created, folder, pg):
    case, last = _views_left_waiting_at_close(folder, pg)
    kept = list((folder / "drafts-waiting").glob("*.sv2views"))
    assert len(kept) == 1
    raw = kept[0].read_bytes()
    assert b"caseload" not in raw and b"cases.open" not in raw     # sealed, not plain text
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        rows = _audit_rows(pg, folder, last)
        # In the order they were made, before anything the new sign-in records.
        assert [(action, object_id) for _, action, object_id in rows[:4]] == [
            ("caseload.search", None), ("cases.open", str(case)), ("caseload.list", "mine"),
            ("sign_in", rows[3][2])]
        assert not list((folder / "drafts-waiting").glob("*.sv2views"))
        assert worker.notices == []
        report = audit.check_chain(worker.workspace)
        assert report.ok, report.problem
    finally:
        auth.sign_out(worker)
    # Written once only.
    again = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        assert [a for _, a, _ in _audit_rows(pg, folder, last)].count("cases.open") == 1
    finally:
        auth.sign_out(again)


def test_another_persons_kept_views_wait_for_them(created, folder, pg):
    _case, last = _views_left_waiting_at_close(folder, pg)
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    auth.sign_out(manager)
    assert "cases.open" not in [a for _, a, _ in _audit_rows(pg, folder, last)]
    assert len(list((folder / "drafts-waiting").glob("*.sv2views"))) == 1


def test_a_changed_or_foreign_file_of_kept_views_is_refused_plainly_and_not_applied(
        created, folder, pg):
    from sv2desk.store.sealing import Sealer
    _case, last = _views_left_waiting_at_close(folder, pg)
    [kept] = (folder / "drafts-waiting").glob("*.sv2views")
    changed = bytearray(kept.read_bytes())
    changed[len(changed) // 2] ^= 0x01
    kept.write_bytes(bytes(changed))
    # A file of another centre's data (another workspace key), shaped as this PC's are.
    workspace_id = json.loads((folder / "server.json").read_text())["workspace_id"]
    foreign = folder / "drafts-waiting" / "00000000000000000001-abcd.sv2views"
    foreign.write_bytes(Sealer(os.urandom(32)).seal_bytes(json.dumps({
        "format": 1, "workspace": workspace_id, "account": 3,
        "views": [["2026-01-01T00:00:00+00:00", "cases.open", "case", "1"]]}).encode()))
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        assert len(worker.notices) == 1
        notice = worker.notices[0]
        assert "could not open as this data's own" in notice and "Tell your administrator" in notice
        assert kept.name in notice and foreign.name in notice
        rows = _audit_rows(pg, folder, last)
        actions = [a for _, a, _ in rows]
        assert "cases.open" not in actions and "caseload.search" not in actions
        assert sorted(o for _, a, o in rows if a == "workspace.file_set_aside") == sorted(
            [kept.name, foreign.name])
        assert not list((folder / "drafts-waiting").glob("*.sv2views"))
        assert sorted(p.name for p in (folder / "set-aside").glob("*/*.sv2views")) == sorted(
            [kept.name, foreign.name])
        report = audit.check_chain(worker.workspace)
        assert report.ok, report.problem
    finally:
        auth.sign_out(worker)
