"""Pulling the plug: whatever SV2 Desk said it had saved is there after a hard kill.

A helper process (the script below) imports SV2 Desk once, then for each round
forks a worker that signs in and commits rows one at a time through the
services (drafts) and through the workspace engine (a plain table), printing
each id only after its commit returned. The test reads those lines from the
pipe and kills the worker with SIGKILL at a random point: during sign-in,
before its first commit, or a random few milliseconds after a random number
of commits (watching the pipe meanwhile). After every
kill the data is opened again: every reported row must be there with the
right contents, SQLite's and SQLCipher's integrity checks must be clean, and
the audit chain must be whole. Then the next round carries on.

(Forking from one helper keeps Python's start-up and imports out of each of the
many rounds; the process that is killed is the one that has the data open.)
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import textwrap

from sqlalchemy import text

from sv2desk.services import audit, auth

from ..support.safety_helpers import start_helper
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

ROUNDS = 24

HELPER = textwrap.dedent('''
    import os, random
    from pathlib import Path

    from sqlalchemy import text
    from sv2desk.services import auth, drafts
    from tests.support.forking import say, serve

    FOLDER = Path(os.environ["SV2_CRASH_FOLDER"])
    USER = os.environ["SV2_CRASH_USER"]
    PASSWORD = os.environ["SV2_CRASH_PASSWORD"]
    SIZES = (0, 40, 3000, 20000, 150000)  # small rows, overflow pages, WAL checkpoints

    def work(round_no, seed):
        rng = random.Random(seed)
        session = auth.sign_in(FOLDER, USER, PASSWORD)
        say(f"ready {os.getpid()}")
        for n in range(100000):
            size = rng.choice(SIZES)
            if rng.random() < 0.5:
                info = drafts.save(session, "crash-test",
                                   {"round": round_no, "n": n, "text": "d" * size})
                say(f"draft {info.id} {size}")
            else:
                with session.workspace.engine.begin() as conn:
                    row_id = conn.execute(
                        text("INSERT INTO crash_rows (round, body) VALUES (:r, :b)"),
                        {"r": round_no, "b": "r" * size}).lastrowid
                say(f"row {row_id} {size}")

    serve(work, lambda command: map(int, command.split()))
''')


def _record(line: str, reported: dict) -> None:
    kind, row_id, size = line.split()
    assert kind in ("draft", "row"), line
    reported[(kind, int(row_id))] = int(size)


def _check_after_crash(folder, reported: dict, context: str) -> None:
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        with session.workspace.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            integrity = [r[0] for r in raw.execute("PRAGMA integrity_check")]
            pages = [r[0] for r in raw.execute("PRAGMA cipher_integrity_check")]
            drafts = {r[0]: len(json.loads(r[1])["text"])
                      for r in raw.execute("SELECT id, payload FROM drafts")}
            rows = {r[0]: r[1] for r in raw.execute("SELECT id, length(body) FROM crash_rows")}
        chain = audit.check_chain(session.workspace)
    finally:
        auth.sign_out(session)
    assert integrity == ["ok"], context
    assert pages == [], context
    assert chain.ok, f"{context}: {chain.problem}"
    found = {("draft", i): n for i, n in drafts.items()} | {("row", i): n for i, n in rows.items()}
    missing = sorted(key for key in reported if key not in found)
    assert not missing, f"{context}: committed and reported, but gone: {missing}"
    wrong = sorted(key for key, size in reported.items() if found[key] != size)
    assert not wrong, f"{context}: reported rows with the wrong contents: {wrong}"


def test_every_reported_commit_survives_repeated_hard_kills(folder, tmp_path):
    new = make_workspace(folder)
    with new.session.workspace.engine.begin() as conn:
        conn.execute(text("CREATE TABLE crash_rows (id INTEGER PRIMARY KEY, round INTEGER, "
                          "body TEXT NOT NULL)"))
    auth.sign_out(new.session)

    seed = random.randrange(2 ** 32)
    rng = random.Random(seed)
    reported: dict[tuple[str, int], int] = {}
    kill_points = []
    worker = None
    helper, lines = start_helper(tmp_path, "crash_helper", HELPER,
                                 SV2_CRASH_FOLDER=str(folder), SV2_CRASH_USER="admin",
                                 SV2_CRASH_PASSWORD=ADMIN_PASSWORD)
    try:
        for round_no in range(ROUNDS):
            context = f"round {round_no} (seed {seed})"
            # -1: kill during sign-in; 0: before the first commit; n: after n commits.
            wait_for = {3: -1, 5: 0}.get(round_no % 8, rng.choice([0, 1, 1, 2, 3, 5, 8]))
            kill_points.append(wait_for)
            helper.stdin.write(f"{round_no} {rng.randrange(2 ** 32)}\n".encode())
            helper.stdin.flush()
            first = lines.next()
            assert first.startswith("forked "), first
            worker = int(first.split()[1])
            if wait_for >= 0:
                line = lines.next()
                assert line == f"ready {worker}", f"{context}: {line}"
                for _ in range(wait_for):
                    _record(lines.next(), reported)
                for line in lines.watch(rng.uniform(0, 0.03)):
                    _record(line, reported)
            os.kill(worker, signal.SIGKILL)
            # Anything it reported before the kill landed counts as reported too.
            while not (line := lines.next()).startswith("reaped "):
                if not line.startswith("ready "):
                    _record(line, reported)
            status = int(line.split()[1])
            worker = None
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"{context}: the worker ended by itself:\n"
                + stderr_path.read_text(errors="replace")[-3000:])
            _check_after_crash(folder, reported, context)
    finally:
        if worker is not None:
            try:
                os.kill(worker, signal.SIGKILL)
            except ProcessLookupError:
                pass
        helper.stdin.close()
        try:
            helper.wait(timeout=30)
        except subprocess.TimeoutExpired:
            helper.kill()
            helper.wait()
        helper.stdout.close()

    assert helper.returncode == 0
    assert len(kill_points) >= 20
    assert -1 in kill_points and 0 in kill_points
    kinds = {kind for kind, _ in reported}
    assert kinds == {"draft", "row"} and len(reported) >= 20, "too little was exercised"
