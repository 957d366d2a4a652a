"""Office server beside one PC (DESIGN.md section 7): the casework workload at the
benchmark's size (100,000 clients unless SV2DESK_BENCH_CLIENTS says otherwise) on the
SQLCipher file and on PostgreSQL in one run (search, caseload first page, manager queue
page, open a case, a referral with its connection check, the dashboard), then the same
with 10 PCs on the server at once: flat out, and as 10 people working (about a second
between one person's calls). The budget (DESIGN.md: the same figures with 10 PCs working,
within 2x of one PC) compares 10 people working with one person working at the same pace,
on one PC alone: on this machine a call after a person's pause is slower than one straight
after another whatever the load (a bare round trip to the server after a second's pause
takes many times one made at once, printed as the floor), so comparing 10 people's calls
with one PC's calls made flat out would measure the pause, not the other 9 PCs. The
figures of one PC flat out are printed beside them as well.

The server is a throwaway cluster started here (Debian's postgresql, 127.0.0.1 only, TLS,
fsync on as a real server's), holding a copy of the cached casework workspace moved onto
it by `sv2desk-admin server move`'s code. The move (about 2 minutes at 100,000 clients on
a quiet 2-core PC, half of it checking the audit chain's signatures on the server) is made
once: the cluster's folder, stopped, and the PC's files are kept in .bench-cache/server/
(made again when the casework data, the schema or the PostgreSQL version changes), and
each later run starts a copy of that folder on a new port with a new certificate
authority. Prints figures only: never a name, a search typed, a key or a password."""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PCS = int(os.environ.get("SV2DESK_BENCH_PCS", "10"))
RUNS = 20
# 10 PCs each making one call straight after another (flat out: on this machine the 10
# PCs' own work shares its 2 cores with the server), then as 10 people working, each
# spending a second or so between calls on average (reading, typing): the budget's case.
PERSON_PAUSE = 1.0      # seconds between one person's calls, on average
PHASES = (("flat out", 0.0), ("people working", PERSON_PAUSE))
PAUSE = [0.0, None]
ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench-cache" / "server"
SERVER_VERSION = "1"
DATABASE = "sv2_bench"

# One PC of the 10: signs in and runs the same workload, printing its timings as JSON.
PC_CHILD = r"""
import json, os, sys, random
from pathlib import Path
import keyring
sys.path.insert(0, os.environ["BENCH_ROOT"])
from tests.support.keyrings import MemoryKeyring
keyring.set_keyring(MemoryKeyring())
from sv2desk.store import server
folder = Path(os.environ["BENCH_FOLDER"])
job = json.loads(sys.stdin.read())
server.store_login_password(server.load_address(folder), job["login"])
from benchmarks.server import workload
from sv2desk.services import auth
session = auth.sign_in(folder, job["user"], job["password"])
print(json.dumps(workload(session, job["queries"], job["ids"], job["runs"],
                          random.Random(job["seed"]), write=False, pause=job["pause"])))
auth.sign_out(session)
"""


def _timed(fn, *args, **kwargs) -> float:
    if PAUSE[0]:
        time.sleep(PAUSE[1].uniform(0, 2 * PAUSE[0]))     # reading, typing: not timed
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def workload(session, queries: list[str], ids: list[int], runs: int, rng, *,
             write: bool = True, pause: float = 0.0) -> dict[str, list[float]]:
    """The casework calls staff make most, each timed (seconds). ``pause``: a person's
    time between calls, on average (seconds; 0: one call straight after another)."""
    from sv2desk.services import caseload, cases, reports, reviews
    from tests.support.service_examples import referral_form
    from sv2desk.services import referrals
    PAUSE[:] = [pause, rng]
    times: dict[str, list[float]] = {k: [] for k in (
        "search", "caseload page", "queue page", "open a case", "dashboard", "referral")}
    for n in range(runs):
        times["search"].append(_timed(caseload.search, session, queries[n % len(queries)]))
        times["caseload page"].append(_timed(lambda: caseload.rows(
            session, caseload.case_ids(session, caseload.ALL, status="open")[:50])))
        times["queue page"].append(_timed(reviews.queue, session, limit=50))
        times["open a case"].append(_timed(cases.open_case, session, rng.choice(ids)))
        if n % 5 == 0:
            times["dashboard"].append(_timed(reports.dashboard, session))
        if write and n % 4 == 0:
            times["referral"].append(_timed(referrals.create_referral, session, referral_form(
                name=f"Benchmark Person {rng.randrange(10**6)}", assign_to_me=False)))
    return {k: v for k, v in times.items() if v}


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def run(report) -> None:
    from . import casework
    report.section(f"Office server beside one PC, {casework.CLIENTS:,} clients")
    try:
        from tests.support import pg_cluster
        if pg_cluster.server_bin() is None:
            report.note("skipped: PostgreSQL's server is not installed (make test installs it)")
            return
        source, kept_from = casework._cached(report)
    except Exception as exc:    # the section is skipped, never the whole benchmark run
        report.note(f"skipped: {type(exc).__name__}")
        return
    import keyring
    from sv2desk.services import auth, caseload, cases
    from sv2desk.store import server
    from tests.support.keyrings import MemoryKeyring
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    cluster = None
    rng = random.Random(casework.SEED)
    try:
        with tempfile.TemporaryDirectory(prefix="sv2desk-bench-server-") as tmp:
            one_pc = Path(tmp) / "one-pc"
            on_server = Path(tmp) / "server"
            shutil.copytree(source, one_pc)
            cluster, moved = _server_copy(report, source, kept_from, on_server)
            report.figure(f"moving the workspace to the server ({moved['rows']:,} rows, "
                          "counted and the chain checked)", moved["seconds"], "s",
                          precision=1)
            if "kept" in moved:
                report.note("(moved in an earlier run and kept in .bench-cache/server; "
                            f"started from there in {moved['kept']:.1f} s)")
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
            report.note(f"load average when measured: {load:.1f} on {os.cpu_count()} CPUs")
            results = {}
            for kind, folder in (("one PC", one_pc), ("server", on_server)):
                session = auth.sign_in(folder, casework.USERNAME, casework.PASSWORD)
                try:
                    queries = casework._queries(session, random.Random(casework.SEED))
                    ids = caseload.case_ids(session, caseload.ALL)
                    for q in queries[:5]:
                        caseload.search(session, q)          # warm up, not timed
                    cases.open_case(session, ids[0])
                    results[kind] = workload(session, queries, ids, RUNS, rng)
                finally:
                    auth.sign_out(session)
            for name in results["one PC"]:
                a = _median_ms(results["one PC"][name])
                b = _median_ms(results["server"][name])
                report.figure(f"{name}: one PC / server (median ms)", a, "ms", precision=1)
                report.figure("  on the server", b, "ms", precision=1)

            # -- 10 PCs at once on the server ----------------------------------------------
            login = server.login_password(server.load_address(on_server))
            session = auth.sign_in(on_server, casework.USERNAME, casework.PASSWORD)
            queries = casework._queries(session, random.Random(casework.SEED + 1))
            ids = list(caseload.case_ids(session, caseload.ALL))    # read before signing out
            auth.sign_out(session)
            job = {"login": login, "user": casework.USERNAME, "password": casework.PASSWORD,
                   "queries": queries, "ids": ids[:5000], "runs": RUNS}
            # One person working at a person's pace, alone: the people-working budget's base.
            one_person = _pcs_at_once(report, Path(tmp) / "one-person", on_server,
                                      dict(job, pause=PERSON_PAUSE), pcs=1)
            _round_trip_floor(report, on_server)
            for phase, (title, pause) in enumerate(PHASES):
                used = _machine_cpu(cluster)
                together = _pcs_at_once(report, Path(tmp) / f"phase{phase}", on_server,
                                        dict(job, pause=pause))
                pcs, by_server, seconds = (a - b for a, b in zip(_machine_cpu(cluster), used))
                report.note(f"{PCS} PCs, {title}: {seconds:.0f} s, the PCs' processes "
                            f"{pcs:.0f} CPU-s and the server's {by_server:.0f} (sign-ins "
                            f"included): {(pcs + by_server) / seconds:.2f} of the machine's "
                            f"{os.cpu_count()} cores on average")
                for name, values in together.items():
                    hot = _median_ms(results["server"][name])
                    busy = _median_ms(values)
                    label = f"{name}: {PCS} PCs, {title} (median ms)"
                    if not pause:
                        report.figure(label, busy, "ms", precision=1)
                        continue
                    alone = _median_ms(one_person[name])
                    report.figure(f"{name}: one person working alone (median ms)", alone,
                                  "ms", precision=1)
                    report.figure(label, busy, "ms", budget=2 * alone,
                                  budget_text=f"<= 2x one PC ({2 * alone:.1f})",
                                  precision=1)
                    report.note(f"  against one PC flat out ({hot:.1f} ms): x{busy / hot:.2f}")
    finally:
        keyring.set_keyring(previous)
        if cluster is not None:
            pg_cluster.remove(cluster)


def _round_trip_floor(report, on_server: Path) -> None:
    """The floor under every call on the server: a bare round trip (SELECT 1 on this PC's
    own connection) made straight after another, and after a person's pause."""
    import psycopg
    from sv2desk.store.server_workspace import _login
    from . import casework
    rng = random.Random(casework.SEED)
    with psycopg.connect(**_login(on_server)[1], autocommit=True) as conn:
        for title, pause in (("straight after another", 0.0),
                             ("after a person's pause", PERSON_PAUSE)):
            times = []
            for _ in range(RUNS // 2):
                if pause:
                    time.sleep(rng.uniform(0, 2 * pause))
                start = time.perf_counter()
                conn.execute("SELECT 1").fetchone()
                times.append(time.perf_counter() - start)
            report.figure(f"floor: a bare round trip to the server, {title}",
                          _median_ms(times), "ms", precision=2)


def _marker(kept_from: dict) -> dict:
    """What the kept server copy was made from: made again when any of it changes (the
    casework workspace's note names its build and its schema)."""
    from tests.support import pg_cluster
    return {"version": SERVER_VERSION, "casework": kept_from,
            "postgres": str(pg_cluster.server_bin())}


def _server_copy(report, source: Path, kept_from: dict, on_server: Path):
    """A running cluster holding the casework workspace (``source``, its cache note
    ``kept_from``) moved onto it, and ``on_server`` the PC's folder signed in to it; with
    what the move took (``kept``: started from .bench-cache/server, moved there in an
    earlier run)."""
    from sv2desk.services import auth, office_server
    from sv2desk.store import server
    from tests.support import pg_cluster
    from . import cache, casework
    marker = cache._read(CACHE / "marker.json")
    wanted = _marker(kept_from)
    if marker.get("wanted") == wanted and (CACHE / "cluster").is_dir():
        start = time.perf_counter()
        cluster = _start_kept(marker, on_server)
        return cluster, dict(marker["moved"], kept=time.perf_counter() - start)
    shutil.rmtree(CACHE, ignore_errors=True)
    cluster = pg_cluster.start_cluster(durable=True)
    try:
        shutil.copytree(source, on_server)
        session = auth.sign_in(on_server, casework.USERNAME, casework.PASSWORD)
        start = time.perf_counter()
        moved = office_server.move_to_server(session, cluster.owner(), DATABASE)
        seconds = time.perf_counter() - start
        report.note(f"moved in {seconds:.1f} s (load {os.getloadavg()[0]:.1f}); keeping the "
                    "server's folder in .bench-cache/server for the next run")
        result = {"rows": sum(moved.rows.values()), "seconds": seconds}
        # Kept: the cluster stopped (its folder whole, less the write-ahead log's spare
        # segments), the PC's files without the one-PC data the move set aside, and what
        # starts them again.
        _drop_spare_wal(cluster)
        cluster.stop("fast")
        building = CACHE.with_name(CACHE.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        subprocess.run(["cp", "-a", f"{cluster.root}/.", str(building / "cluster")],
                       check=True)
        shutil.copytree(on_server, building / "pc",
                        ignore=shutil.ignore_patterns(f"{office_server.MOVED_FOLDER}-*",
                                                      "sv2desk.lock"))
        address = server.load_address(on_server)
        secrets_file = building / "logins.json"
        secrets_file.write_text(json.dumps({"owner": cluster.password,
                                            "login": server.login_password(address)}))
        os.chmod(secrets_file, 0o600)
        (building / "marker.json").write_text(json.dumps({"wanted": wanted,
                                                          "moved": result}))
        building.rename(CACHE)
        cluster.start()
    except BaseException:
        pg_cluster.remove(cluster)
        raise
    return cluster, result


def _drop_spare_wal(cluster) -> None:
    """A checkpoint with the log's size limits lowered for it, so the segments the move
    filled (about 1 GB at 100,000 clients) are removed rather than kept for reuse; the
    limits are then put back as they were."""
    import psycopg
    with psycopg.connect(**cluster.owner().args("postgres"), autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET max_wal_size = '64MB'")
        conn.execute("ALTER SYSTEM SET min_wal_size = '32MB'")
        conn.execute("SELECT pg_reload_conf()")
        conn.execute("CHECKPOINT")
        conn.execute("ALTER SYSTEM RESET max_wal_size")
        conn.execute("ALTER SYSTEM RESET min_wal_size")
        conn.execute("SELECT pg_reload_conf()")


def _start_kept(marker: dict, on_server: Path):
    """A copy of the kept cluster's folder started on a free port with a new certificate
    authority (the kept one's may have expired), and the PC's files pointed at it."""
    import dataclasses
    from sv2desk.store import server
    from tests.support import pg_cluster
    logins = json.loads((CACHE / "logins.json").read_text())
    root = Path(tempfile.mkdtemp(prefix="sv2-pg-"))
    subprocess.run(["cp", "-a", f"{CACHE / 'cluster'}/.", str(root)], check=True)
    os.chmod(root, 0o755)
    tls = root / "tls"
    ca_pem = pg_cluster.make_ca_and_server_cert(tls)
    port = pg_cluster._free_port()
    if os.geteuid() == 0:
        for p in [root, tls, *tls.iterdir()]:
            shutil.chown(p, "postgres", "postgres")
    (root / "data" / "postmaster.pid").unlink(missing_ok=True)
    with open(root / "data" / "postgresql.conf", "a") as conf:   # the last setting wins
        conf.write(f"\nport = {port}\nunix_socket_directories = '{root}'\n"
                   f"ssl_cert_file = '{tls / 'server.crt'}'\n"
                   f"ssl_key_file = '{tls / 'server.key'}'\n")
    cluster = pg_cluster.Cluster(root, port, logins["owner"], ca_pem, pg_cluster.server_bin())
    try:
        cluster.start()
        shutil.copytree(CACHE / "pc", on_server)
        address = dataclasses.replace(server.load_address(on_server), port=port,
                                      ca_fingerprint=server.ca_fingerprint(ca_pem))
        server.save_address(on_server, address, ca_pem)
        server.store_login_password(address, logins["login"])
    except BaseException:
        pg_cluster.remove(cluster)
        raise
    return cluster


def _machine_cpu(cluster) -> tuple[float, float, float]:
    """CPU seconds used so far by the PCs' processes (this one's children, once ended) and
    by the server's, and the clock: what the PCs at once cost the machine."""
    import resource
    import psutil
    mine = resource.getrusage(resource.RUSAGE_CHILDREN)
    by_server = 0.0
    try:
        postmaster = psutil.Process(int((cluster.data / "postmaster.pid").read_text().split()[0]))
        for proc in [postmaster] + postmaster.children():
            try:
                t = proc.cpu_times()
                by_server += t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                pass
    except (OSError, ValueError, psutil.Error):
        pass
    return mine.ru_utime + mine.ru_stime, by_server, time.perf_counter()


def _pcs_at_once(report, where: Path, on_server: Path, job: dict,
                 pcs: int = PCS) -> dict[str, list[float]]:
    """``pcs`` separate processes, each a PC signed in to the server, running the workload
    at once; their timings put together."""
    from sv2desk.store import server
    where.mkdir()
    procs = []
    for n in range(pcs):
        pc = where / f"pc{n}"
        pc.mkdir()
        for name in ("keys.json", "signin.json", "server.json", server.CA_NAME):
            if (on_server / name).exists():
                shutil.copyfile(on_server / name, pc / name)
        env = dict(os.environ, BENCH_FOLDER=str(pc), BENCH_ROOT=str(ROOT))
        errors_file = open(where / f"pc{n}.err", "w+")
        proc = subprocess.Popen([sys.executable, "-c", PC_CHILD], cwd=ROOT, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=errors_file, text=True)
        proc.errors_file = errors_file
        proc.stdin.write(json.dumps(dict(job, seed=n)))
        proc.stdin.close()
        procs.append(proc)
    together: dict[str, list[float]] = {}
    for proc in procs:
        out = proc.stdout.read()
        proc.wait(timeout=1800)
        proc.errors_file.seek(0)
        err = proc.errors_file.read()
        proc.errors_file.close()
        if proc.returncode != 0:
            last = err.strip().splitlines()[-1][:120] if err.strip() else "no message"
            report.note(f"a PC failed: {last}")
            continue
        for name, values in json.loads(out.strip().splitlines()[-1]).items():
            together.setdefault(name, []).extend(values)
    return together
