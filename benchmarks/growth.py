"""How the lists, the search and the connection check grow with the data (issue 19, point 6):
the caseload's first page, the manager queue's first page, the search and the connection
check for one referral, measured at 10,000, 50,000 and 100,000 clients in one run and
printed as one table, with each figure's growth against the first size beside the growth
of the data (none should grow faster than the data).

Each size is a workspace made by benchmarks.casework.cached_workspace (kept in
.bench-cache/, made once), copied, with concerns waiting for review added in proportion
(5 in every 100 clients, as benchmarks/workflow.py adds 5,000 to 100,000). Set
SV2DESK_BENCH_GROWTH (for example "2000,5000,10000") to try other sizes.
Prints figures only: never a name, a search typed, a key or a password.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

SIZES = tuple(int(n) for n in os.environ.get("SV2DESK_BENCH_GROWTH",
                                             "10000,50000,100000").split(","))
CONCERNS_PER_100 = 5
RUNS = 10
REFERRALS = 15
COLUMNS = ("caseload first page", "queue first page", "search median", "connection check")


def _measure(source: Path, clients: int) -> dict[str, float]:
    from sv2desk.services import auth, caseload, connections, referrals, reviews
    from . import casework, workflow
    from .connections import _referral_forms

    rng = random.Random(clients)
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        session = auth.sign_in(folder, casework.USERNAME, casework.PASSWORD)
        try:
            workflow._add_concerns(session, rng, clients * CONCERNS_PER_100 // 100)
            queries = casework._queries(session, rng)
            figures = {
                "caseload first page": casework._median_ms(lambda: caseload.rows(
                    session, caseload.case_ids(session, caseload.ALL)[:casework.PAGE]), RUNS),
                "queue first page": casework._median_ms(
                    lambda: reviews.queue(session, limit=workflow.PAGE), RUNS),
            }
            searches = []
            for q in queries:
                start = time.perf_counter()
                caseload.search(session, q)
                searches.append(time.perf_counter() - start)
            figures["search median"] = statistics.median(searches) * 1000
            checks: list[float] = []
            real = connections.after_new_cases

            def timed(db, session_, case_ids):
                start = time.perf_counter()
                raised = real(db, session_, case_ids)
                checks.append(time.perf_counter() - start)
                return raised
            warm_up, *forms = _referral_forms(REFERRALS + 1)
            referrals.create_referral(session, warm_up)
            connections.after_new_cases = timed
            try:
                for form in forms:
                    referrals.create_referral(session, form)
            finally:
                connections.after_new_cases = real
            figures["connection check"] = statistics.median(checks) * 1000
        finally:
            auth.sign_out(session)
    return figures


def run(report) -> None:
    from . import casework
    report.section("Growth: " + ", ".join(f"{n:,}" for n in SIZES) + " clients in one run "
                   "(milliseconds, median)")
    measured: dict[int, dict[str, float]] = {}
    for clients in SIZES:
        try:
            source, _ = casework.cached_workspace(clients, report)
        except Exception as exc:   # the section is skipped, never the whole run
            report.note(f"skipped {clients:,}: the workspace could not be made "
                        f"({type(exc).__name__})")
            continue
        measured[clients] = _measure(source, clients)
        report.load(f"after {clients:,}")
    if not measured:
        return
    print(f"  {'clients':>9}  " + "  ".join(f"{c:>20}" for c in COLUMNS))
    first = min(measured)
    for clients, figures in sorted(measured.items()):
        print(f"  {clients:>9,}  " + "  ".join(f"{figures[c]:>20.2f}" for c in COLUMNS))
    for clients, figures in sorted(measured.items()):
        if clients == first:
            continue
        data = clients / first
        growth = ", ".join(f"{c} x{figures[c] / measured[first][c]:.2f}" for c in COLUMNS
                           if measured[first][c])
        worse = [c for c in COLUMNS if measured[first][c]
                 and figures[c] / measured[first][c] > data * 1.25]
        report.note(f"{clients:,} against {first:,} (data x{data:g}): {growth}"
                    + (f"; faster than the data: {', '.join(worse)}" if worse
                       else "; none faster than the data"))
