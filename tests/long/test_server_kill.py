"""kill -9 of the office server in the middle of several PCs' work (`make soak`, not
`make test`): after it restarts, everything a PC was told was saved is there, the audit
trail is one whole chain with every signature, and the PCs carry on."""

from __future__ import annotations

import os
import threading
import time

import psycopg
import pytest

from sv2desk.services import audit, auth, office_server
from tests.support import pg_cluster, workspaces
from tests.support.workspaces import ADMIN_PASSWORD
from tests.support.office_pcs import run_pcs, staff_for

ROUNDS = int(os.environ.get("SV2DESK_SERVER_KILLS", "3"))


@pytest.fixture
def durable():
    cluster = pg_cluster.start_cluster(durable=True)      # fsync on, as a real server
    try:
        office_server.prepare_database(cluster.owner(), "sv2_template")
        yield cluster
    finally:
        pg_cluster.remove(cluster)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_killed_server_loses_nothing_committed(durable, tmp_path, memory_keyring, round_):
    folder = tmp_path / "centre"
    new, ids = workspaces.standard_workspace(folder)
    office_server.move_to_server(new.session, durable.owner(), "sv2_kill",
                                 template="sv2_template")
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    staff = staff_for(admin, ids, 6)
    auth.sign_out(admin)
    stop = threading.Event()

    def kill_once_busy():
        """kill -9 once the PCs have saved some work (at most a minute from now)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with psycopg.connect(**durable.owner().args("sv2_kill")) as conn:
                if conn.execute("SELECT count(*) FROM cases").fetchone()[0] >= 10 * (round_ + 1):
                    durable.kill()
                    return
            if stop.wait(0.2):          # the PCs finished first: nothing to kill
                return
    killer = threading.Thread(target=kill_once_busy)
    killer.start()
    try:
        results = run_pcs(folder, staff, 400, tmp_path, expect_server_to_go=True)
    finally:
        stop.set()
        killer.join()
    assert any(r["server_gone"] for r in results), "the server was not killed mid-work"
    durable.start()
    made = [case for r in results for case in r["referrals"]]
    with psycopg.connect(**durable.owner().args("sv2_kill")) as conn:
        found = {row[0] for row in conn.execute("SELECT id FROM cases")}
    assert set(made) <= found, f"{len(set(made) - found)} saved referrals lost"
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        report = audit.check_chain(admin.workspace)
        assert report.ok, report.problem
    finally:
        auth.sign_out(admin)
    print(f"\nkill -9 round {round_ + 1}: {len(made)} referrals saved before the kill, "
          f"all there after; chain of {report.entries} entries whole")
