"""Casework at 100,000 clients: search, the caseload's first page, opening a case, sign-in
(with its page checks) and memory after opening the caseload (DESIGN.md section 7).

The workspace is made once by ``sv2desk-admin demo``'s bulk path (``sv2desk.demo.bulk``: the
first 2,000 made-up clients taken through the services as ``sv2desk.demo.fill`` takes them,
the rest copies of those with new made-up people, checked against the services' own rows
in tests/services/test_demo_bulk.py) and kept in .bench-cache/casework/, with a note of what it was
made with: it is made again when the demo's data version changes, and upgraded in place
(as SV2 Desk upgrades a real workspace) when only the schema does. Each run works on a
copy in a temporary folder, so the cache stays as it was made. Its password protection is
set cheap (key derivation, about half a second on a real workspace, is timed in the first
section and does not depend on the number of clients): sign-in here is what the data's
size adds. ``cached_workspace(clients, report)`` gives other sections a workspace of any
size, made the same way: this one build is the data of every section at 100,000 clients
(daily casework, the connection check, backups, the perpetrator workflow, growth, the
office server), each working on a copy and adding only what its own figures need.

Set SV2DESK_BENCH_CLIENTS to try another size (a separate cache folder is kept per size).
Prints figures only: never a name, a search typed, a key or a password.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

CLIENTS = int(os.environ.get("SV2DESK_BENCH_CLIENTS", "100000"))
PASSWORD = "benchmark password 1"
USERNAME = "bench"
BUILD_VERSION = "2"      # 2: made by sv2desk.demo.bulk
CACHE_ROOT = Path(__file__).resolve().parent.parent / ".bench-cache"
SEED = 20240601

SEARCH_BUDGET_MS = 10
PAGE_BUDGET_MS = 50
OPEN_BUDGET_MS = 50
SIGN_IN_BUDGET_S = 1.5
CPU_LABELS = {"search": "search", "all": "first page of all", "open": "of open",
              "mine": "of mine", "case": "opening a case"}
FIRST_PAGE_BUDGET_S = 1.0   # issue 19: sign-in to the first page at 100,000 clients
RSS_BUDGET_MB = 250
PAGE = 50
QUERIES = 50
OPENS = 30
PAGE_RUNS = 10
SIGN_IN_RUNS = 3

MEMORY_CHILD = r"""
import json, os, sys
from pathlib import Path
import psutil
from sv2desk.services import auth, caseload
session = auth.sign_in(Path(os.environ["BENCH_FOLDER"]), os.environ["BENCH_USER"],
                       os.environ["BENCH_PASSWORD"])
ids = caseload.case_ids(session, caseload.ALL)
rows = caseload.rows(session, ids[:50])
rss = psutil.Process().memory_info().rss / 1e6
auth.sign_out(session)
print(json.dumps({"rss_mb": rss, "cases": len(ids), "rows": len(rows)}))
"""


def _cache_folder(clients: int = CLIENTS) -> Path:
    return CACHE_ROOT / (f"casework-{clients}" if clients != 100_000 else "casework")


def _marker(clients: int = CLIENTS) -> dict:
    """What the cached workspace was made with. Made again when any of these changes,
    except the schema: then it is upgraded in place, as SV2 Desk upgrades a real one."""
    from sv2desk import demo
    from sv2desk.demo import bulk as demo_bulk
    from sv2desk.store import migrate
    return {"version": BUILD_VERSION, "clients": clients, "seed": SEED,
            "demo": demo.DATA_VERSION, "template": demo_bulk.TEMPLATE,
            "schema": migrate.head_revision()}


def _build(folder: Path, report, clients: int = CLIENTS) -> None:
    """Make the workspace (sv2desk.demo.bulk), into a side folder first so an interrupted
    build never looks finished. Prints the time for each 10,000, which stays flat."""
    from sv2desk.demo import bulk as demo_bulk
    from sv2desk.services import auth, settings, setup
    from sv2desk.store import crypto

    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.parent.mkdir(parents=True, exist_ok=True)
    report.note(f"making the {clients:,}-client workspace (once; kept in "
                f"{folder.relative_to(CACHE_ROOT.parent)}); load {_load()}")
    started = time.perf_counter()
    new = setup.create_workspace(
        building / "workspace", organisation=settings.Organisation(name="Bench"),
        admin_username=USERNAME, admin_display_name="Bench Manager", admin_password=PASSWORD,
        kdf=crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    last = [0.0]

    def progress(done: int, seconds: float) -> None:
        report.note(f"  {done:,} clients ({seconds:,.0f} s; the last 10,000 in "
                    f"{seconds - last[0]:,.0f} s; load {_load()})")
        last[0] = seconds
    def on_the_way(done: int) -> None:
        if done in KEEP_ON_THE_WAY and done < clients:
            _keep_on_the_way(new.session, done, clients)
    try:
        result = demo_bulk.fill(new.session, clients, seed=SEED, progress=progress,
                                on_the_way=on_the_way)
    finally:
        auth.sign_out(new.session)
    seconds = time.perf_counter() - started
    (building / "marker.json").write_text(json.dumps(_marker(clients) | {
        "build_seconds": round(seconds, 1), "sessions": result.sessions,
        "persons_of_concern": result.persons_of_concern, "staff": result.staff_added,
        "by_status": dict(result.by_status)}))
    shutil.rmtree(building / "workspace" / "backups", ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)


# Sizes kept on the way to a larger one (the growth table's): a copy of the data at that
# size, made exactly as a build of that size makes it (the same first 2,000 through the
# services, the same copies after them), instead of building it again.
KEEP_ON_THE_WAY = (10_000, 50_000)


def _keep_on_the_way(session, done: int, clients: int) -> None:
    """Copy the data as it is now (``done`` clients) into that size's cache folder."""
    from sqlalchemy import text
    ws = session.workspace
    ws.flush_audit_head()
    target = _cache_folder(done)
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    (building / "workspace").mkdir(parents=True)
    with ws.transaction() as db:
        by_status = dict(db.execute(text("SELECT status, count(*) FROM cases GROUP BY status"))
                         .all())
        sessions = db.scalar(text("SELECT count(*) FROM support_sessions"))
        named = db.scalar(text("SELECT count(*) FROM persons_of_concern"))
    copy = ws.backup_copy("kept-on-the-way")        # folded together, then copied
    shutil.move(str(copy), building / "workspace" / ws.db_path.name)
    for name in ("keys.json", "signin.json"):
        if (ws.folder / name).exists():
            shutil.copy2(ws.folder / name, building / "workspace" / name)
    (building / "marker.json").write_text(json.dumps(_marker(done) | {
        "kept on the way": clients, "build_seconds": 0.0, "sessions": sessions,
        "persons_of_concern": named, "by_status": by_status}))
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)


def _load() -> str:
    """The machine's load average (1 minute) and its CPUs, for every figure printed."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{load:.1f} on {os.cpu_count()} CPUs"


def cached_workspace(clients: int, report) -> tuple[Path, dict]:
    """A workspace of ``clients`` made-up clients (made once, then kept in .bench-cache/):
    its folder, to copy before use, and the note of what it holds."""
    from . import cache
    folder = _cache_folder(clients)

    def build() -> None:
        _build(folder, report, clients)
        report.note(f"made in {json.loads((folder / 'marker.json').read_text())['build_seconds']:,.0f} s")
    marker = cache.kept(folder / "workspace", folder / "marker.json", _marker(clients), build,
                        report)
    return folder / "workspace", marker


def _cached(report) -> tuple[Path, dict]:
    return cached_workspace(CLIENTS, report)


def _ms(seconds: list[float]) -> list[float]:
    return sorted(s * 1000 for s in seconds)


def _queries(session, rng: random.Random) -> list[str]:
    """About 50 searches of the kinds staff type, from cases opened beforehand (not timed):
    surnames (common and rare), full names, preferred names, references, dates of birth in
    both forms, postcodes with and without the space, and prefixes of names."""
    from sv2desk.services import caseload, cases
    ids = caseload.case_ids(session, caseload.ALL)
    views = [cases.open_case(session, i) for i in rng.sample(ids, 60)]
    with_preferred = [v for v in views if v.client["preferred_name"]]
    with_dob = [v for v in views if v.client["date_of_birth"]]
    queries = []
    for v in views[:10]:
        queries.append(v.client["name"].split()[-1])                 # surname
    for v in views[10:16]:
        queries.append(v.client["name"])                             # full name
    for v in views[16:22]:
        queries.append(v.client["name"].split()[0][:3])              # a prefix typed so far
    for v in with_preferred[:5]:
        queries.append(v.client["preferred_name"])
    for v in views[22:28]:
        queries.append(v.reference)
    for n, v in enumerate(with_dob[:6]):
        born: date = v.client["date_of_birth"]
        queries.append(born.strftime("%d/%m/%Y") if n % 2 else born.isoformat())
    for n, v in enumerate(views[28:36]):
        postcode = v.client["postcode"]
        queries.append(postcode if n % 2 else postcode.replace(" ", "").lower())
    return queries[:QUERIES]


def _median_ms(fn, runs: int = PAGE_RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


ROWS_SQL = ("SELECT c.id, c.reference, cl.name, cl.preferred_name, c.status, "
            "c.assigned_worker_id, c.referral_date FROM cases c JOIN clients cl "
            "ON cl.id = c.client_id WHERE c.id IN ({})")
# What caseload.case_ids reads with a list: its first ids from the index, in order, and
# how many there are (the rest only when scrolled to).
FIRST_IDS_SQL = "SELECT id FROM cases {} ORDER BY referral_date DESC, id DESC LIMIT 200"
COUNT_SQL = "SELECT count(*) FROM cases {}"


def _floors(session, queries: list[str]) -> dict[str, float]:
    """The bare SQL each figure's service call runs, returning the same rows, on the same
    connection (no access rule, audit entry, transaction or row objects): milliseconds."""
    from sv2desk.services import search_index
    fairy = session.workspace.engine.raw_connection()
    conn = fairy.driver_connection

    def page(where: str, params: tuple = ()):
        def run():
            ids = [r[0] for r in conn.execute(FIRST_IDS_SQL.format(where), params)]
            conn.execute(COUNT_SQL.format(where), params).fetchone()
            first = ids[:PAGE]
            conn.execute(ROWS_SQL.format(",".join("?" * len(first))), first).fetchall()
            conn.execute("SELECT id, display_name FROM accounts").fetchall()
        return run

    def search():
        for q in queries:
            expression = search_index.match_expression(q)
            if expression is None:
                continue
            ids = [r[0] for r in conn.execute(
                "SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rank "
                "LIMIT 200", (expression,))][:PAGE]
            if ids:
                conn.execute(ROWS_SQL.format(",".join("?" * len(ids))), ids).fetchall()
            conn.execute("SELECT id, display_name FROM accounts").fetchall()
    try:
        return {"all": _median_ms(page("")),
                "open": _median_ms(page("WHERE status != 'closed'")),
                "mine": _median_ms(page("WHERE assigned_worker_id = ? AND status != 'closed'",
                                        (session.account_id,))),
                "search": _median_ms(search, runs=3) / max(1, len(queries))}
    finally:
        fairy.close()


def _beside(report, what: str, service_ms: float, floor_ms: float) -> None:
    report.note(f"  {what}: the bare SQL for the same rows {floor_ms:.2f} ms; service call "
                f"/ bare SQL x{service_ms / floor_ms if floor_ms else float('nan'):.2f}")


def _signed_in(folder: Path):
    from sv2desk.services import auth
    return auth.sign_in(folder, USERNAME, PASSWORD)


def run(report) -> None:
    report.section(f"Casework at {CLIENTS:,} clients (made-up: sv2desk.demo.bulk)")
    try:
        source, marker = _cached(report)
    except Exception as exc:  # the section is skipped, never the whole benchmark run
        report.note(f"skipped: the demo workspace could not be made ({type(exc).__name__})")
        return
    by_status = marker.get("by_status", {})
    report.note(f"{CLIENTS:,} clients; {marker.get('sessions', 0):,} support sessions; "
                f"{marker.get('persons_of_concern', 0):,} people named; cases: "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(by_status.items())))
    from sv2desk.services import audit, auth, caseload, cases
    from sv2desk.store import crypto

    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        size_mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
        report.note(f"database and key file: {size_mb:,.0f} MB")

        # -- signing in, then the page checks the app runs straight after on its one
        # database thread (before anything else queued there, such as the caseload) ------
        sign_ins: list[float] = []
        to_first_page: list[float] = []
        checks: list[float] = []
        for _ in range(SIGN_IN_RUNS):
            start = time.perf_counter()
            session = _signed_in(folder)
            signed_in = time.perf_counter()
            auth.check_pages(session)
            checked = time.perf_counter()
            caseload.rows(session, caseload.case_ids(session, caseload.ALL, status="open")[:PAGE])
            to_first_page.append(time.perf_counter() - start)
            sign_ins.append(signed_in - start)
            checks.append(checked - signed_in)
            auth.sign_out(session)
        # The same, with the page check on its own read-only connection in another thread
        # (as the desktop can run it): the first page no longer waits for it.
        apart: list[float] = []
        for _ in range(SIGN_IN_RUNS):
            start = time.perf_counter()
            session = _signed_in(folder)
            checker = threading.Thread(target=auth.check_pages, args=(session,))
            checker.start()
            caseload.rows(session, caseload.case_ids(session, caseload.ALL, status="open")[:PAGE])
            apart.append(time.perf_counter() - start)
            checker.join()
            auth.sign_out(session)
        session = _signed_in(folder)
        try:
            each = {"cipher_integrity_check": [], "quick_check": []}
            with session.workspace.engine.connect() as conn:
                for _ in range(SIGN_IN_RUNS):
                    for pragma, times in each.items():
                        start = time.perf_counter()
                        conn.exec_driver_sql(f"PRAGMA {pragma}").all()
                        times.append(time.perf_counter() - start)
                conn.rollback()
            # Key derivation: this workspace's (set cheap) and a real one's, calibrated now.
            here = session.workspace.slots.find_account(session.account_id).kdf
            real = crypto.calibrate(crypto.DEFAULT_TARGET_SECONDS)
            derive: dict[str, list[float]] = {"here": [], "real": []}
            for _ in range(SIGN_IN_RUNS):
                for which, params in (("here", here), ("real", real)):
                    start = time.perf_counter()
                    crypto.derive_key(b"benchmark", os.urandom(16), params)
                    derive[which].append(time.perf_counter() - start)

            # -- search, caseload, open -----------------------------------------------------
            queries = _queries(session, rng)
            for q in queries[:5]:
                caseload.search(session, q)                         # warm up, not timed
            searches: list[float] = []
            found = 0
            cpu: dict[str, list[float]] = {"search": [], "all": [], "open": [], "mine": [],
                                           "case": []}
            for q in queries:
                start, used = time.perf_counter(), time.process_time()
                hits = caseload.search(session, q)
                searches.append(time.perf_counter() - start)
                cpu["search"].append(time.process_time() - used)
                found += bool(hits)
            # The same searches with every view entry synced to disk before the call
            # returns (as before issue 19), then as they are now again.
            session.workspace.group_views = False
            unsynced: list[float] = []
            for q in queries:
                start = time.perf_counter()
                caseload.search(session, q)
                unsynced.append(time.perf_counter() - start)
            session.workspace.group_views = True
            floors = _floors(session, queries)
            pages: list[float] = []
            for _ in range(PAGE_RUNS):
                start, used = time.perf_counter(), time.process_time()
                ids = caseload.case_ids(session, caseload.ALL)
                rows = caseload.rows(session, ids[:PAGE])
                pages.append(time.perf_counter() - start)
                cpu["all"].append(time.process_time() - used)
            assert len(ids) >= CLIENTS and len(rows) == PAGE
            open_pages: list[float] = []
            mine_pages: list[float] = []
            for _ in range(PAGE_RUNS):
                start, used = time.perf_counter(), time.process_time()
                caseload.rows(session, caseload.case_ids(session, caseload.ALL,
                                                         status="open")[:PAGE])
                open_pages.append(time.perf_counter() - start)
                cpu["open"].append(time.process_time() - used)
                start, used = time.perf_counter(), time.process_time()
                caseload.rows(session, caseload.case_ids(session, caseload.MINE,
                                                         status="open")[:PAGE])
                mine_pages.append(time.perf_counter() - start)
                cpu["mine"].append(time.process_time() - used)
            id_only: list[float] = []
            for _ in range(PAGE_RUNS):
                start = time.perf_counter()
                caseload.case_ids(session, caseload.ALL)
                id_only.append(time.perf_counter() - start)
            # Every call here writes an audit entry and commits it (a view's is synced to
            # disk with others within 0.1 s; the audit head goes into keys.json every few
            # seconds): time that part alone with an audited call that reads next to nothing.
            audit_writes: list[float] = []
            for _ in range(PAGE_RUNS * 2):
                start = time.perf_counter()
                audit.recent(session, limit=1)
                audit_writes.append(time.perf_counter() - start)
            opens: list[float] = []
            for case_id in rng.sample(ids, OPENS):
                start, used = time.perf_counter(), time.process_time()
                cases.open_case(session, case_id)
                opens.append(time.perf_counter() - start)
                cpu["case"].append(time.process_time() - used)
        finally:
            auth.sign_out(session)

        # -- memory: a fresh process signs in and opens the caseload's first page --------
        env = dict(os.environ, BENCH_FOLDER=str(folder), BENCH_USER=USERNAME,
                   BENCH_PASSWORD=PASSWORD)
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD], env=env, text=True,
                             capture_output=True, timeout=300)
        memory = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 \
            else None

    search_ms, page_ms, open_ms = _ms(searches), _ms(pages), _ms(opens)
    report.load("after measuring")
    report.figure(f"search (service call), median of {len(queries)} varied queries",
                  statistics.median(search_ms), "ms", budget=SEARCH_BUDGET_MS,
                  budget_text=f"< {SEARCH_BUDGET_MS} ms", precision=2)
    _beside(report, "search", statistics.median(search_ms), floors["search"])
    report.figure("search, every view synced to disk at once (before issue 19), median",
                  statistics.median(_ms(unsynced)), "ms", precision=2)
    report.figure("search, 90th percentile", search_ms[int(len(search_ms) * 0.9)], "ms",
                  precision=2)
    report.figure("search, slowest", search_ms[-1], "ms", precision=2)
    report.note(f"({found} of {len(queries)} searches found something: surnames, full and "
                "preferred names, name prefixes, references, dates of birth, postcodes)")
    report.figure(f"caseload first page: ids for 'all' + rows for {PAGE}, median of "
                  f"{PAGE_RUNS}", statistics.median(page_ms), "ms", budget=PAGE_BUDGET_MS,
                  budget_text=f"< {PAGE_BUDGET_MS} ms", precision=1)
    _beside(report, "caseload first page, all", statistics.median(page_ms), floors["all"])
    report.figure(f"  of which the list of {len(ids):,} alone (caseload.case_ids: its count "
                  "and first ids)",
                  statistics.median(_ms(id_only)), "ms", precision=1)
    report.figure("caseload first page, all open cases (the page's first filter)",
                  statistics.median(_ms(open_pages)), "ms", budget=PAGE_BUDGET_MS,
                  budget_text=f"< {PAGE_BUDGET_MS} ms", precision=1)
    _beside(report, "caseload first page, open", statistics.median(_ms(open_pages)),
            floors["open"])
    report.figure("caseload first page, my open cases", statistics.median(_ms(mine_pages)),
                  "ms", budget=PAGE_BUDGET_MS, budget_text=f"< {PAGE_BUDGET_MS} ms",
                  precision=1)
    _beside(report, "caseload first page, mine", statistics.median(_ms(mine_pages)),
            floors["mine"])
    report.note("processor time of this process alone, medians (what the figures above "
                "would be on an idle machine, less waiting for the disk): " + ", ".join(
                    f"{CPU_LABELS[what]} {statistics.median(times) * 1000:.1f} ms"
                    for what, times in cpu.items()))
    report.figure(f"open a case (cases.open_case), median of {OPENS}",
                  statistics.median(open_ms), "ms", budget=OPEN_BUDGET_MS,
                  budget_text=f"< {OPEN_BUDGET_MS} ms", precision=1)
    report.figure("open a case, slowest", open_ms[-1], "ms", precision=1)
    report.figure("an audited call that reads next to nothing (the audit write alone)",
                  statistics.median(_ms(audit_writes)), "ms", precision=2)
    report.note("(part of every search, page and open above: the rights check, the entry "
                "signed and committed; views are synced to disk together within 0.1 s)")
    size_part = statistics.median(sign_ins) - statistics.median(derive["here"])
    key = statistics.median(derive["real"])
    report.figure(f"sign-in: what {CLIENTS:,} clients add (key derivation aside)", size_part,
                  "s", precision=3)
    report.figure("sign-in with key derivation calibrated on this PC", size_part + key, "s",
                  budget=SIGN_IN_BUDGET_S, budget_text=f"< {SIGN_IN_BUDGET_S:g} s")
    report.figure("page checks straight after (services.auth.check_pages)",
                  statistics.median(checks), "s")
    for pragma, times in each.items():
        report.figure(f"  for reference: PRAGMA {pragma}", statistics.median(times), "s")
    report.figure("sign-in to the first page of open cases (checks first, as the app does)",
                  statistics.median(to_first_page) - statistics.median(derive["here"]) + key,
                  "s")
    report.note("(the app opens data this size at once and checks the pages straight after; "
                "on its one database thread, anything queued there, such as the caseload, "
                "waits for the check)")
    report.figure("sign-in to the first page of open cases, the check alongside",
                  statistics.median(apart) - statistics.median(derive["here"]) + key, "s",
                  budget=FIRST_PAGE_BUDGET_S, budget_text=f"< {FIRST_PAGE_BUDGET_S:g} s")
    report.note("(the page check on its own read-only connection in another thread, as "
                "Workspace.check_pages allows; the desktop must submit it off the database "
                "thread for this)")
    if memory is None:
        report.note("memory: the child process failed: " + (out.stderr.strip().splitlines()
                                                             or ["no message"])[-1][:120])
    else:
        report.figure("resident memory after opening the caseload (fresh process)",
                      memory["rss_mb"], "MB", budget=RSS_BUDGET_MB,
                      budget_text=f"< {RSS_BUDGET_MB} MB", precision=1)


if __name__ == "__main__":
    from .run import Report
    run(Report())
