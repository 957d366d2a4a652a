"""Daily casework at 100,000 clients: a week of one worker's diary, a quarter's funder
return and the waiting list's first page (issue 17's budgets).

The data is a copy of the casework benchmark's 100,000-client workspace (benchmarks/
casework.py: made once by sv2desk.demo.bulk and kept in .bench-cache/; every section shares
that one build), with what these figures need and the demo does not make added to the copy
in bulk, in a few seconds: its cases and their sessions spread over 24 support workers (as
a service that size has; the demo's 8 hold them otherwise), a site with six rooms the
sessions are booked into, equality answers for six in ten cases, and waiting-list entries
for one case in four (4,000 still waiting). Each run adds them to a fresh copy, so the cache
stays as it was made. SV2DESK_BENCH_CLIENTS sets another size.
Prints figures only: never a name, a key or a password.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, time as clock, timedelta, timezone
from pathlib import Path

PASSWORD = "benchmark password 1"
USERNAME = "bench"
SEED = 20261201
WORKERS = 24
WAITING = 4000

DIARY_BUDGET_MS = 100
RETURN_BUDGET_S = 2.0
WAITING_BUDGET_MS = 50
RUNS = 15


def _iso(day: date, hour: int = 10) -> str:
    return datetime.combine(day, clock(hour)).replace(tzinfo=timezone.utc).isoformat()


def _add_daily_work(session, rng: random.Random, today: date) -> dict:
    """Add to the casework data what the daily figures read (see the module's note), in
    bulk. Returns counts for the notes printed."""
    from sqlalchemy import insert, select, text
    from sv2desk.models import Case, EqualityMonitoring, Room, Site, WaitingListEntry
    from sv2desk.policy import equality, roles
    from sv2desk.services.accounts import insert_account

    with session.workspace.transaction() as db:
        workers = [insert_account(db, f"worker{n}", f"Worker {n}", {roles.SUPPORT_WORKER}).id
                   for n in range(WORKERS)]
        site = Site(name="Derby office", address="", active=True, updated_at=_iso(today))
        db.add(site)
        db.flush()
        rooms = []
        for n in range(6):
            room = Room(site_id=site.id, name=f"Room {n + 1}", notes="", step_free=True,
                        active=True, updated_at=_iso(today))
            db.add(room)
            db.flush()
            rooms.append(room.id)
        db.execute(text("CREATE TEMP TABLE bench_spread (n INTEGER PRIMARY KEY, worker "
                        "INTEGER, room INTEGER)"))
        db.execute(text("INSERT INTO bench_spread VALUES (:n, :w, :r)"),
                   [{"n": n, "w": w, "r": rooms[n % len(rooms)] if n % 7 else None}
                    for n, w in enumerate(workers)])
        db.execute(text(f"UPDATE cases SET assigned_worker_id = (SELECT worker FROM "
                        f"bench_spread WHERE n = cases.id % {WORKERS}) "
                        "WHERE assigned_worker_id IS NOT NULL"))
        db.execute(text(f"UPDATE support_sessions SET worker_id = (SELECT worker FROM "
                        f"bench_spread WHERE n = support_sessions.case_id % {WORKERS}), "
                        f"room_id = (SELECT room FROM bench_spread WHERE n = "
                        f"support_sessions.id % {WORKERS})"))
        db.execute(text("DROP TABLE bench_spread"))
        manager_id = session.account_id
        cases = db.execute(select(Case.id, Case.referral_date, Case.assigned_worker_id)
                           .order_by(Case.id)).all()
        answers, waits = [], []
        for case_id, referred, worker in cases:
            worker = worker or manager_id
            if rng.random() < 0.6:
                answers.append({"case_id": case_id, "recorded_by": worker,
                                "recorded_at": _iso(referred),
                                "ethnicity": rng.choice(list(equality.ETHNICITY)),
                                "gender": rng.choice(list(equality.GENDER)),
                                "age_band": rng.choice(list(equality.AGE_BANDS)),
                                "version": 1})
            if rng.random() < 0.25:
                rank = rng.choice((1, 2, 3, 3, 3))
                waits.append({"case_id": case_id, "service": rng.choice(
                                  ("counselling", "counselling", "isva", "group")),
                              "priority": ("urgent", "high", "standard")[rank - 1],
                              "priority_rank": rank, "note": "",
                              "waiting_since": referred, "added_by": worker,
                              "added_at": _iso(referred), "open": False,
                              "allocated_at": _iso(referred + timedelta(days=rng.randint(5, 90))),
                              "allocated_worker_id": worker})
        for n in rng.sample(range(len(waits)), min(WAITING, len(waits))):     # still waiting
            waits[n].update(open=True, allocated_at=None, allocated_worker_id=None)
        for rows, model in ((answers, EqualityMonitoring), (waits, WaitingListEntry)):
            for start in range(0, len(rows), 10_000):
                db.execute(insert(model), rows[start:start + 10_000])
        sessions = db.scalar(text("SELECT count(*) FROM support_sessions"))
    return {"sessions": sessions, "workers": WORKERS, "answers": len(answers),
            "waiting": sum(w["open"] for w in waits)}


def _median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run(report) -> None:
    from sqlalchemy import select
    from sv2desk.models import Account
    from sv2desk.policy import returns as returns_policy
    from sv2desk.services import auth, diary, returns, waiting_list
    from . import casework
    report.section(f"Daily casework at {casework.CLIENTS:,} clients (the casework build, "
                   "with sessions spread, rooms, equality answers and a waiting list added)")
    source, _ = casework._cached(report)
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        session = auth.sign_in(folder, USERNAME, PASSWORD)
        try:
            started = time.perf_counter()
            made = _add_daily_work(session, random.Random(SEED), date.today())
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
            report.note(f"added to a copy in {time.perf_counter() - started:.1f} s: "
                        f"{made['answers']:,} equality answers, {made['waiting']:,} waiting; "
                        f"{made['sessions']:,} sessions over {made['workers']} workers; "
                        f"load average when measured: {load:.1f} on {os.cpu_count()} CPUs")
            with session.workspace.transaction() as db:
                worker = db.scalar(select(Account.id).where(Account.username == "worker0"))
            monday = date.today() - timedelta(days=date.today().weekday())
            diary.worker_days(session, worker, monday, 7)                # warm up
            week = _median_ms(lambda: diary.worker_days(session, worker, monday, 7))
            shown = len(diary.worker_days(session, worker, monday, 7))
            quarter = returns_policy.last_complete(date.today())
            returns.preview(session, quarter)
            quarter_ms = _median_ms(lambda: returns.preview(session, quarter), 5)
            waiting_list.waiting(session)
            first_page = _median_ms(lambda: waiting_list.waiting(session))
            filtered = _median_ms(lambda: waiting_list.waiting(session, service="counselling",
                                                               priority="urgent"))
            total = waiting_list.waiting(session).total
        finally:
            auth.sign_out(session)
    report.figure(f"a week of one worker's diary ({shown} sessions), median of {RUNS}",
                  week, "ms", budget=DIARY_BUDGET_MS, budget_text=f"< {DIARY_BUDGET_MS} ms",
                  precision=1)
    report.figure("a quarter's funder return (returns.preview), median of 5",
                  quarter_ms / 1000, "s", budget=RETURN_BUDGET_S,
                  budget_text=f"< {RETURN_BUDGET_S:g} s")
    report.figure(f"the waiting list's first page ({total:,} waiting), median of {RUNS}",
                  first_page, "ms", budget=WAITING_BUDGET_MS,
                  budget_text=f"< {WAITING_BUDGET_MS} ms", precision=1)
    report.figure("  filtered by service and priority", filtered, "ms",
                  budget=WAITING_BUDGET_MS, budget_text=f"< {WAITING_BUDGET_MS} ms",
                  precision=1)


if __name__ == "__main__":
    from .run import Report
    run(Report())
