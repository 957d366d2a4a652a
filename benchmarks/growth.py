"""How the lists, the search and the connection check grow with the data (issue 19, point 6):
the caseload's first page, the manager queue's first page, the search and the connection
check for one referral, measured at 10,000, 50,000 and 100,000 clients in one run and
printed as one table, with each figure's growth against the first size beside the growth
of the data (none should grow faster than the data).

Each size is a workspace made by benchmarks.casework.cached_workspace (kept in
.bench-cache/, made once; 10,000 and 50,000 are kept on the way when the 100,000 is made,
so a new machine builds once), copied, with concerns waiting for review added in proportion
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


def _both(figures: dict[str, float], name: str, calls) -> None:
    """The median wall-clock and processor time (this process alone) of ``calls``, in ms."""
    wall, cpu = [], []
    for call in calls:
        start, used = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    figures[name] = statistics.median(wall) * 1000
    figures[name + " cpu"] = statistics.median(cpu) * 1000


def _measure(source: Path, clients: int) -> dict[str, float]:
    from sv2desk.services import auth, caseload, referrals, reviews
    from sv2desk.services.connections import check as connection_check
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
            figures: dict[str, float] = {}
            _both(figures, "caseload first page", [lambda: caseload.rows(
                session, caseload.case_ids(session, caseload.ALL)[:casework.PAGE])] * RUNS)
            _both(figures, "queue first page",
                  [lambda: reviews.queue(session, limit=workflow.PAGE)] * RUNS)
            _both(figures, "search median",
                  [lambda q=q: caseload.search(session, q) for q in queries])
            checks: list[tuple[float, float]] = []
            real = connection_check.after_new_cases

            def timed(db, session_, case_ids):
                start, used = time.perf_counter(), time.process_time()
                raised = real(db, session_, case_ids)
                checks.append((time.perf_counter() - start, time.process_time() - used))
                return raised
            warm_up, *forms = _referral_forms(REFERRALS + 1)
            referrals.create_referral(session, warm_up)
            connection_check.after_new_cases = timed
            try:
                for form in forms:
                    referrals.create_referral(session, form)
            finally:
                connection_check.after_new_cases = real
            figures["connection check"] = statistics.median(c[0] for c in checks) * 1000
            figures["connection check cpu"] = statistics.median(c[1] for c in checks) * 1000
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
    for title, suffix in (("wall-clock (what a person waits)", ""),
                          ("processor time of this process alone (steadier on a busy "
                           "machine)", " cpu")):
        report.note(title + ":")
        columns = [c + suffix for c in COLUMNS]
        print(f"  {'clients':>9}  " + "  ".join(f"{c:>20}" for c in COLUMNS))
        first = min(measured)
        for clients, figures in sorted(measured.items()):
            print(f"  {clients:>9,}  " + "  ".join(f"{figures[c]:>20.2f}" for c in columns))
        for clients, figures in sorted(measured.items()):
            if clients == first:
                continue
            data = clients / first
            growth = ", ".join(f"{c.removesuffix(suffix)} x{figures[c] / measured[first][c]:.2f}"
                               for c in columns if measured[first][c])
            worse = [c.removesuffix(suffix) for c in columns if measured[first][c]
                     and figures[c] / measured[first][c] > data * 1.25]
            report.note(f"{clients:,} against {first:,} (data x{data:g}): {growth}"
                        + (f"; faster than the data: {', '.join(worse)}" if worse
                           else "; none faster than the data"))
