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


def _add_concerns(session, rng: random.Random) -> dict[str, int]:
    from sqlalchemy import select
    from sv2desk.models import (Case, Concern, Decision, Explanation, LineManagerDiscussion,
                                OutcomeCommunication)
    from sv2desk.services.audit import now_iso

    counts = {"on_hold": 0, "awaiting_review": 0, "outcome_to_communicate": 0, "completed": 0}
    statuses = list(counts)
    with session.workspace.transaction() as db:
        case_ids = list(db.scalars(select(Case.id)))
        for case_id in rng.sample(case_ids, CONCERNS):
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
            report.figure("dashboard figures, median", statistics.median(dashboard_times) * 1000,
                          "ms", budget=DASHBOARD_BUDGET_MS,
                          budget_text=f"< {DASHBOARD_BUDGET_MS} ms", precision=1)
        finally:
            auth.sign_out(session)
