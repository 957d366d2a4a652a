"""Daily casework at 100,000 clients: a week of one worker's diary, a quarter's funder
return and the waiting list's first page (issue 17's budgets).

The rows are made-up and written in bulk straight into a fresh workspace (not through the
services, which would take hours at this size): clients and cases over three years of
referrals, 24 workers, about three sessions a case (booked, held, not attended, cancelled
and moved), equality answers for six in ten, concerns with decisions for one case in two
hundred, and waiting-list entries (4,000 still waiting). The workspace is kept in
.bench-cache/daily[-N]/ and made again when this file's data version changes, upgraded
by a sign-in when only the schema does (benchmarks/cache.py); each run works on a copy. SV2DESK_BENCH_CLIENTS sets another size.
Prints figures only: never a name, a key or a password.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, time as clock, timedelta, timezone
from pathlib import Path

CLIENTS = int(os.environ.get("SV2DESK_BENCH_CLIENTS", "100000"))
PASSWORD = "benchmark password 1"
USERNAME = "bench"
DATA_VERSION = "2"
CACHE_ROOT = Path(__file__).resolve().parent.parent / ".bench-cache"
SEED = 20261201
WORKERS = 24
WAITING = 4000

DIARY_BUDGET_MS = 100
RETURN_BUDGET_S = 2.0
WAITING_BUDGET_MS = 50
RUNS = 15


def _folder() -> Path:
    return CACHE_ROOT / (f"daily-{CLIENTS}" if CLIENTS != 100_000 else "daily")


def _marker() -> dict:
    from sv2desk.store import migrate
    return {"version": DATA_VERSION, "clients": CLIENTS, "seed": SEED,
            "schema": migrate.head_revision()}


def _iso(day: date, hour: int = 10) -> str:
    return datetime.combine(day, clock(hour)).replace(tzinfo=timezone.utc).isoformat()


def _fill(session, rng: random.Random, today: date) -> dict:
    from sqlalchemy import insert, select
    from sv2desk.models import (Account, Case, Client, Concern, Decision, EqualityMonitoring,
                                Room, Site, SupportSession, WaitingListEntry)
    from sv2desk.policy import equality, roles
    from sv2desk.services.accounts import insert_account

    statuses = ["closed"] * 6 + ["in_support"] * 2 + ["awaiting_support", "referred",
                                                       "assessing"]
    counts = {"sessions": 0}
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
        manager_id = db.scalar(select(Account.id).where(Account.username == USERNAME))
        first = today - timedelta(days=3 * 365)
        chunk = 5000
        for start in range(0, CLIENTS, chunk):
            n = min(chunk, CLIENTS - start)
            clients = [{"name": f"Client {start + i}", "postcode": rng.choice(
                ["DE1 1AA", "DE22 3BB", "S40 1XX", "DE7 5QQ", "SK17 6AA", "NG1 1AA", ""]),
                "approximate_age": rng.randint(14, 80), "created_at": _iso(today)}
                for i in range(n)]
            ids = db.execute(insert(Client).returning(Client.id), clients).scalars().all()
            cases = []
            for i, client_id in enumerate(ids):
                day = first + timedelta(days=rng.randrange(3 * 365))
                status = rng.choice(statuses)
                cases.append({
                    "reference": f"SV2-B{start + i:07d}", "client_id": client_id,
                    "status": status, "referral_date": day,
                    "arrived_by": "phone", "external_referral": rng.random() < 0.4,
                    "referrer_type": rng.choice(["police", "gp_health", "sarc", ""]),
                    "harm_categories": "sexual_assault", "harm_timing": "recent",
                    "support_requested": "counselling",
                    "interaction_answer": rng.choice(["no", "no", "yes", ""]),
                    "area_advice": "in_area", "eligibility_decision": "accept",
                    "assigned_worker_id": rng.choice(workers),
                    "closed_reason": "support_completed" if status == "closed" else None,
                    "closed_at": _iso(day + timedelta(days=rng.randint(20, 200)))
                    if status == "closed" else None,
                    "created_by": manager_id, "created_at": _iso(day), "updated_at": _iso(day)})
            case_ids = db.execute(insert(Case).returning(Case.id, Case.referral_date,
                                                         Case.assigned_worker_id),
                                  cases).all()
            sessions, answers, waits, concerns = [], [], [], []
            for case_id, referred, worker in case_ids:
                for k in range(rng.choice((0, 2, 3, 4, 5))):
                    day = referred + timedelta(days=14 + 7 * k)
                    future = day >= today
                    sessions.append({
                        "case_id": case_id, "session_date": day, "session_type": "counselling",
                        "worker_id": worker, "duration_minutes": 50, "planned": future,
                        "status": "planned" if future else rng.choice(
                            ["held"] * 6 + ["did_not_attend", "cancelled", "moved"]),
                        "cancelled_by": rng.choice(["client", "service"]),
                        "start_time": clock(rng.randint(9, 17)),
                        "room_id": rng.choice(rooms + [None]), "location": "Derby office",
                        "note": "", "created_at": _iso(referred)})
                if rng.random() < 0.6:
                    answers.append({"case_id": case_id, "recorded_by": worker,
                                    "recorded_at": _iso(referred),
                                    "ethnicity": rng.choice(list(equality.ETHNICITY)),
                                    "gender": rng.choice(list(equality.GENDER)),
                                    "age_band": rng.choice(list(equality.AGE_BANDS)),
                                    "version": 1})
                if rng.random() < 0.25:
                    still = len(waits) < WAITING * n // CLIENTS + 1 and referred > first
                    rank = rng.choice((1, 2, 3, 3, 3))
                    waits.append({"case_id": case_id, "service": rng.choice(
                                      ("counselling", "counselling", "isva", "group")),
                                  "priority": ("urgent", "high", "standard")[rank - 1],
                                  "priority_rank": rank,
                                  "waiting_since": referred, "added_by": worker,
                                  "added_at": _iso(referred), "open": still,
                                  "allocated_at": None if still else
                                  _iso(referred + timedelta(days=rng.randint(5, 90))),
                                  "allocated_worker_id": None if still else worker})
                if rng.random() < 0.005:
                    concerns.append({"case_id": case_id, "raised_by": manager_id,
                                     "raised_at": _iso(referred), "stage": "assessing",
                                     "risk_level": "medium", "status": "completed"})
            if sessions:
                db.execute(insert(SupportSession), sessions)
            if answers:
                db.execute(insert(EqualityMonitoring), answers)
            if waits:
                db.execute(insert(WaitingListEntry), waits)
            if concerns:
                made = db.execute(insert(Concern).returning(Concern.id, Concern.raised_at),
                                  concerns).all()
                db.execute(insert(Decision), [{
                    "concern_id": cid, "decided_by": manager_id, "outcome":
                    "support_continues", "steps_json": "{}", "safeguarding_reported_on": "",
                    "safeguarding_consent": "not_asked", "communicator": "worker",
                    "communicator_id": manager_id,
                    "decided_at": (datetime.fromisoformat(at) + timedelta(days=9)).isoformat()}
                    for cid, at in made])
            counts["sessions"] += len(sessions)
    return counts | {"workers": WORKERS}


def _build(folder: Path, report) -> dict:
    from sv2desk.services import auth, settings, setup
    from sv2desk.store import crypto
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    report.note(f"making the {CLIENTS:,}-client daily-casework workspace (once; kept in "
                f"{folder.relative_to(CACHE_ROOT.parent)})")
    started = time.perf_counter()
    new = setup.create_workspace(
        building / "workspace", organisation=settings.Organisation(name="Bench"),
        admin_username=USERNAME, admin_display_name="Bench Manager", admin_password=PASSWORD,
        kdf=crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    try:
        made = _fill(new.session, random.Random(SEED), date.today())
    finally:
        auth.sign_out(new.session)
    marker = _marker() | made | {"build_seconds": round(time.perf_counter() - started, 1)}
    (building / "marker.json").write_text(json.dumps(marker))
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    return marker


def _cached(report) -> tuple[Path, dict]:
    from . import cache
    folder = _folder()

    def build() -> None:
        report.note(f"made in {_build(folder, report)['build_seconds']:,.0f} s")
    return folder / "workspace", cache.kept(folder / "workspace", folder / "marker.json",
                                            _marker(), build, report)


def _median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run(report) -> None:
    report.section(f"Daily casework at {CLIENTS:,} clients (made-up rows, written in bulk)")
    from sqlalchemy import select
    from sv2desk.models import Account
    from sv2desk.policy import returns as returns_policy
    from sv2desk.services import auth, diary, returns, waiting_list
    source, marker = _cached(report)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    report.note(f"load average when measured: {load:.1f} on {os.cpu_count()} CPUs; "
                f"{marker['sessions']:,} sessions, {marker['workers']} workers")
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        session = auth.sign_in(folder, USERNAME, PASSWORD)
        try:
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
