"""Several PCs at once on the office server: each a separate process (tests/support/load_pc.py)
making mixed service calls at the same time. Nothing is lost, no call fails with a deadlock
or a serialisation failure (every refusal is one a person is shown, counted), the audit
trail stays one chain whose signatures hold, and the policy's invariants hold after.

`make test` runs 10 PCs with 30 operations each (about 480 service calls, 12 s here);
`make test-server` and `make soak` 10 PCs with 200 operations each (about 3,400 calls,
36 s) (SV2DESK_LOAD_PCS, SV2DESK_LOAD_OPERATIONS)."""

from __future__ import annotations

import os

import psycopg

from sv2desk.policy import lifecycle
from sv2desk.services import audit
from sv2desk.store import server

from ..support.office_pcs import run_pcs, staff_for

WORKSPACE_KINDS = ("server",)
PCS = int(os.environ.get("SV2DESK_LOAD_PCS", "10"))
OPERATIONS = int(os.environ.get("SV2DESK_LOAD_OPERATIONS", "30"))


def test_several_pcs_at_once_lose_nothing_and_keep_one_chain(created, folder, tmp_path, pg,
                                                             capsys):
    new, ids = created
    admin = new.session
    staff = staff_for(admin, ids, PCS)
    from sv2desk.services import signposting
    entry = min(signposting.search(admin), key=lambda e: e.id)     # the managers all edit it
    results = run_pcs(folder, staff, OPERATIONS, tmp_path)
    calls = sum(sum(r["counts"].values()) for r in results)
    seconds = max(r["seconds"] for r in results)
    slowest = max((tuple(r["slowest"]) for r in results), key=lambda s: s[0])
    refused = {}
    for r in results:
        for name, n in r["refused"].items():
            refused[name] = refused.get(name, 0) + n
    with capsys.disabled():
        print(f"\nserver load: {len(results)} PCs, {calls} service calls in {seconds:.1f} s "
              f"({calls / seconds:.0f} a second), slowest {slowest[1]} {slowest[0] * 1000:.0f} "
              f"ms; refused as a person is told: {refused or 'none'}")
    assert calls >= PCS * OPERATIONS
    # Nothing lost: every referral a PC was told it made is there, once.
    made = [case for r in results for case in r["referrals"]]
    assert len(made) == len(set(made))
    database = server.load_address(folder).database
    with psycopg.connect(**pg.owner().args(database)) as conn:
        found = {row[0] for row in conn.execute("SELECT id FROM cases")}
        assert set(made) <= found
        # The policy's invariants, read from the tables directly.
        paused_without_concern = conn.execute(
            "SELECT count(*) FROM cases c WHERE c.status = ANY(%s) AND NOT EXISTS ("
            "SELECT 1 FROM concerns k WHERE k.case_id = c.id AND k.status <> 'completed')",
            (list(lifecycle.PAUSED),)).fetchone()[0]
        assert paused_without_concern == 0
        decided_by_raiser = conn.execute(
            "SELECT count(*) FROM concern_decisions d JOIN concerns k ON k.id = d.concern_id "
            "WHERE d.decided_by = k.raised_by").fetchone()[0]
        assert decided_by_raiser == 0
        held_while_paused = conn.execute(
            "SELECT count(*) FROM support_sessions s JOIN concerns k ON k.case_id = s.case_id "
            "WHERE NOT s.planned AND s.created_at > k.raised_at AND (k.completed_at IS NULL "
            "OR s.created_at < k.completed_at)").fetchone()[0]
        assert held_while_paused == 0
        # Every save of the shared entry either went in or was refused as a conflict: none
        # silently overwrote another (its version went up once for each one that went in).
        saves = sum(r["counts"].get("signposting.save", 0) for r in results)
        conflicts = refused.get("signposting.save", 0)
        version, notes = conn.execute("SELECT version, notes FROM directory_entries "
                                      "WHERE id = %s", (entry.id,)).fetchone()
        assert version == entry.version + saves - conflicts
        if saves > conflicts:
            assert notes.startswith("Load note ")
        seqs = [r[0] for r in conn.execute("SELECT seq FROM audit_log ORDER BY seq")]
        assert seqs == list(range(1, len(seqs) + 1))
    report = audit.check_chain(admin.workspace)
    assert report.ok, report.problem
    assert report.unsigned == 0
