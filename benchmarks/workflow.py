"""Perpetrator-workflow budgets at 100,000 clients and 5,000 concerns (issue 5):
the manager queue's first page (< 50 ms) and the dashboard figures (< 200 ms).

Starts from a copy of the casework benchmark's cached 100,000-client workspace. The
5,000 concerns are written straight into the database in one transaction (taking each
through the services would mean 5,000 real countersignatures at half a second each);
the timed calls are the services the screens use.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

CONCERNS = 5_000
QUEUE_BUDGET_MS = 50
DASHBOARD_BUDGET_MS = 200
RUNS = 10
PAGE = 50


def _add_concerns(session, rng: random.Random, count: int = CONCERNS) -> dict[str, int]:
    from sqlalchemy import select
    from sv2desk.models import (Case, Concern, Decision, Explanation, LineManagerDiscussion,
                                OutcomeCommunication)
    from sv2desk.services.audit import now_iso

    counts = {"on_hold": 0, "awaiting_review": 0, "outcome_to_communicate": 0, "completed": 0}
    statuses = list(counts)
    with session.workspace.transaction() as db:
        case_ids = list(db.scalars(select(Case.id)))
        for case_id in rng.sample(case_ids, min(count, len(case_ids))):
            status = rng.choices(statuses, weights=[2, 3, 1, 4])[0]
            counts[status] += 1
            at = now_iso()
            concern = Concern(case_id=case_id, raised_by=session.account_id, raised_at=at,
                              stage="in_support", information="bench", source="bench",
                              initial_risk_notes="", risk_level=rng.choice(["low", "medium",
                                                                            "high"]),
                              status=status, completed_at=at if status == "completed" else None)
            db.add(concern)
            db.flush()
            if status == "on_hold":
                continue
            db.add(Explanation(concern_id=concern.id, recorded_by=session.account_id,
                               recorded_at=at, explained_on=at[:16], method="phone",
                               not_able_to_support=True, discussed_with_management=True,
                               outcome_will_be_communicated=True,
                               safeguarding_may_be_reported=True))
            db.add(LineManagerDiscussion(concern_id=concern.id, worker_id=session.account_id,
                                         manager_id=session.account_id, countersigned_at=at,
                                         risks="bench", needs="bench"))
            if status == "awaiting_review":
                continue
            decision = Decision(concern_id=concern.id, decided_by=session.account_id,
                                decided_at=at, outcome=rng.choice(["support_continues",
                                                                   "support_ends"]),
                                steps_json=json.dumps({}), safeguarding_reported_on="",
                                safeguarding_consent="", victim_safety_note="bench",
                                communicator="worker", communicator_id=session.account_id)
            db.add(decision)
            if status == "completed":
                db.flush()
                db.add(OutcomeCommunication(concern_id=concern.id,
                                            recorded_by=session.account_id, recorded_at=at,
                                            communicated_on=at[:16], method="phone",
                                            case_result="closed"))
    return counts


def run(report) -> None:
    from . import casework
    from sv2desk.services import auth, reports, reviews

    report.section(f"Perpetrator workflow at {casework.CLIENTS:,} clients and "
                   f"{CONCERNS:,} concerns")
    try:
        source, _ = casework._cached(report)
    except Exception as exc:
        report.note(f"skipped: the demo workspace could not be made ({type(exc).__name__})")
        return
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        session = auth.sign_in(folder, casework.USERNAME, casework.PASSWORD)
        try:
            counts = _add_concerns(session, rng)
            report.note("concerns: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
            queue_times, dashboard_times = [], []
            for _ in range(RUNS):
                start = time.perf_counter()
                rows = reviews.queue(session, limit=PAGE)
                queue_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                reports.dashboard(session)
                dashboard_times.append(time.perf_counter() - start)
            report.figure(f"manager queue, first page ({len(rows)} of "
                          f"{counts['awaiting_review']:,} waiting), median",
                          statistics.median(queue_times) * 1000, "ms",
                          budget=QUEUE_BUDGET_MS, budget_text=f"< {QUEUE_BUDGET_MS} ms",
                          precision=1)
            floor = _floors(session)
            report.note(f"  the bare SQL for the same page {floor['queue']:.2f} ms; service call "
                        f"/ bare SQL x{statistics.median(queue_times) * 1000 / floor['queue']:.2f}")
            report.figure("dashboard figures, median", statistics.median(dashboard_times) * 1000,
                          "ms", budget=DASHBOARD_BUDGET_MS,
                          budget_text=f"< {DASHBOARD_BUDGET_MS} ms", precision=1)
            report.note(f"  the bare SQL for the same figures {floor['dashboard']:.2f} ms; "
                        "service call / bare SQL x"
                        f"{statistics.median(dashboard_times) * 1000 / floor['dashboard']:.2f} "
                        "(the rest: working out the durations in Python)")
            report.load("after measuring")
            _access_rule(report, session, rng)
        finally:
            auth.sign_out(session)


QUEUE_SQL = (
    "SELECT c.id, c.raised_at, c.stage, c.risk_level, c.raised_by, k.id, k.reference, "
    "k.external_referral, cl.name, cl.preferred_name FROM concerns c JOIN (SELECT concerns.id "
    "AS cid, l.id AS lid FROM concerns JOIN line_manager_discussions l ON l.concern_id = "
    "concerns.id WHERE concerns.status = 'awaiting_review' ORDER BY l.countersigned_at, "
    "concerns.id LIMIT 50) p ON p.cid = c.id JOIN line_manager_discussions l ON l.id = p.lid "
    "JOIN cases k ON k.id = c.case_id JOIN clients cl ON cl.id = k.client_id "
    "ORDER BY l.countersigned_at, c.id")
DASHBOARD_SQL = (
    "SELECT status, raised_at FROM concerns WHERE status != 'completed'",
    "SELECT c.raised_at, f.at FROM concerns c JOIN (SELECT concern_id, min(decided_at) AS at "
    "FROM concern_decisions GROUP BY concern_id) f ON f.concern_id = c.id",
    "SELECT c.raised_at, o.communicated_on FROM concerns c JOIN outcome_communications o "
    "ON o.concern_id = c.id",
    "SELECT outcome, count(*) FROM concern_decisions WHERE corrects_id IS NULL GROUP BY outcome",
    "SELECT count(*) FROM cases",
    "SELECT count(*) FROM cases WHERE interaction_answer IN ('yes', 'no', 'unsure', "
    "'declined')",
)


def _floors(session) -> dict[str, float]:
    """The bare SQL of the queue's page and the dashboard, on the same connection (ms)."""
    fairy = session.workspace.engine.raw_connection()
    conn = fairy.driver_connection
    try:
        return {"queue": _median_ms(lambda: conn.execute(QUEUE_SQL).fetchall(), RUNS),
                "dashboard": _median_ms(lambda: [conn.execute(q).fetchall()
                                                 for q in DASHBOARD_SQL], RUNS)}
    finally:
        fairy.close()


ACCESS_RUNS = 20


def _median_ms(fn, runs: int = ACCESS_RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _access_rule(report, manager, rng: random.Random) -> None:
    """What the one access rule costs a support worker at this size: their lists (the
    rule as SQL), opening a case (the rule's facts), and re-reading their rights at every
    call, each beside the bare query on the same connection."""
    from sqlalchemy import select, text
    from sv2desk.models import Case
    from sv2desk.policy import roles
    from sv2desk.services import accounts, caseload, cases
    from sv2desk.services.session import Session

    report.note("the access rule, for a support worker with 20 cases among all of them:")
    worker = accounts.create_account(manager, "benchworker", "Bench Worker",
                                     "bench worker password", {roles.SUPPORT_WORKER})
    with manager.workspace.transaction() as db:
        open_ids = list(db.scalars(select(Case.id).where(Case.status != "closed")))
    mine = rng.sample(open_ids, 20)
    for case_id in mine:
        cases.assign(manager, case_id, worker.id)
    # The worker signs in at the manager's open workspace (their own key signs their
    # audit entries, as at a shared PC).
    assert manager.workspace.add_signer(worker.id, "bench worker password")
    session = Session(manager.workspace, worker.id, "benchworker", "Bench Worker",
                      frozenset({roles.SUPPORT_WORKER}))
    engine = manager.workspace.engine
    with engine.connect() as conn:
        def bare(sql, **params):
            return lambda: conn.execute(text(sql), params).fetchall()
        floors = {
            "unassigned": bare("SELECT id FROM cases WHERE assigned_worker_id IS NULL AND "
                               "status != 'closed' ORDER BY referral_date DESC, id DESC"),
            "mine": bare("SELECT id FROM cases WHERE assigned_worker_id = :w AND status != "
                         "'closed' ORDER BY referral_date DESC, id DESC", w=worker.id),
            "rights": bare("SELECT active FROM accounts WHERE id = :w", w=worker.id),
        }
        floor = {name: _median_ms(fn) for name, fn in floors.items()}
        conn.rollback()
    unassigned = _median_ms(lambda: caseload.case_ids(session, caseload.UNASSIGNED,
                                                      status="open"))
    own = _median_ms(lambda: caseload.case_ids(session, caseload.MINE, status="open"))
    first_page = caseload.case_ids(session, caseload.UNASSIGNED, status="open")[:50]
    rows = _median_ms(lambda: caseload.rows(session, first_page))
    opened = _median_ms(lambda: cases.open_case(session, mine[0]))
    rights = _median_ms(session.rights_now, runs=200)
    report.figure("  unassigned referrals with no concern (ids), median", unassigned, "ms",
                  precision=1)
    report.note(f"    the bare query without the rule: {floor['unassigned']:.1f} ms")
    report.figure("  my open cases (ids), median", own, "ms", precision=1)
    report.note(f"    the bare query without the rule: {floor['mine']:.1f} ms")
    report.figure("  first page of rows, median", rows, "ms", budget=50,
                  budget_text="< 50 ms", precision=1)
    report.figure("  open one of my cases, median", opened, "ms", budget=50,
                  budget_text="< 50 ms", precision=1)
    report.figure("  re-reading my rights (every call), median of 200", rights, "ms",
                  precision=2)
    report.note(f"    the bare query: {floor['rights']:.2f} ms (the rest is its transaction)")
