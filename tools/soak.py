"""`make soak`: long kill -9 loops over the work that must survive anything.

For each kind of work (commits, backups, key rotation, erasure, restore) a worker process
is forked that does the work over and over, saying on a pipe what it has finished; it is
killed with SIGKILL at a random moment; then the data is opened again and checked: every
commit it reported is there, SQLCipher's and SQLite's checks are clean, the audit trail
(chain and signatures) verifies, no leftover copy remains, and (for erasure) no word of an
erased person is left in any page of any file in or beside the data folder. Prints how
many kills each survived. ``--rounds N`` (default 40) per kind; ``--seed`` to repeat one.

Not part of `make test` (it takes minutes); the same checks in short form are in
tests/safety/test_crash_safety.py, tests/safety/test_sidecars.py and
tests/safety/test_erasure_leaves_nothing.py.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import sys
import tempfile
import time
import traceback
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "5")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select as sql_select, text  # noqa: E402

from sv2desk import errors  # noqa: E402
from sv2desk.models import Draft  # noqa: E402
from sv2desk.services import (accounts, audit, auth, backups, cases, drafts, keys,  # noqa: E402
                              referrals, restore, retention, setup, settings)
from sv2desk.store import archive, crypto, engine as engine_mod  # noqa: E402
from tests.support.page_scan import where_found  # noqa: E402
from tests.support.service_examples import referral_form  # noqa: E402

PASSWORD = "soak password 1"
FAST = crypto.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
LATER = date.today() + timedelta(days=6 * 366 + 1)


def new_workspace(folder: Path):
    made = setup.create_workspace(folder, organisation=settings.Organisation(name="Soak"),
                                  admin_username="admin", admin_display_name="Soak Admin",
                                  admin_password=PASSWORD, kdf=FAST)
    return made


# -- the work (in the forked worker; each line is said only once the work is done) -------

def work_commits(folder, say, rng):
    session = auth.sign_in(folder, "admin", PASSWORD)
    while True:
        info = drafts.save(session, "soak", {"text": "d" * rng.choice((0, 50, 5000, 90000))})
        say(f"draft {info.id}")


def work_backups(folder, say, rng):
    session = auth.sign_in(folder, "admin", PASSWORD)
    while True:
        drafts.save(session, "soak", {"text": "b" * 3000})
        made = backups.create(session, folder.parent / "usb")
        say(f"backup {made.backup.path.name}")


def work_rekey(folder, say, rng):
    while True:
        session = auth.sign_in(folder, "admin", PASSWORD)
        try:
            changed = keys.change(session, PASSWORD)
            say(f"rekeyed {changed.recovery_key}")
            drafts.save(session, "soak", {"text": "after a change of key"})
            # A new slot and signing key for the same password (as a password change).
            accounts.change_own_password(session, PASSWORD, PASSWORD)
            say("password changed")
        finally:
            auth.sign_out(session)


def work_erasure(folder, say, rng):
    session = auth.sign_in(folder, "admin", PASSWORD)
    n = 0
    while True:
        n += 1
        name = f"Soakperson Erasemarker{os.getpid()}x{n}"
        case = referrals.create_referral(session, referral_form(name)).id
        cases.close(session, case, "support_completed")
        say(f"made {name}")
        retention.erase(session, [case], today=LATER)
        say(f"erased {name}")


def work_restore(folder, say, rng):
    usb = folder.parent / "usb"
    found = sorted(usb.glob("*.sv2backup"))
    while True:
        restore.restore(rng.choice(found), folder, username="admin", password=PASSWORD)
        say("restored")


# -- the checks (in the parent, after each kill) ---------------------------------------------

def check_opens(folder) -> "auth.Session":
    session = auth.sign_in(folder, "admin", PASSWORD)
    problems = engine_mod.integrity_problems(session.workspace.engine)
    if problems:
        raise AssertionError(f"integrity: {problems[:3]}")
    report = audit.check_chain(session.workspace)
    if not report.ok:
        raise AssertionError(f"audit trail: {report.problem}")
    if list(folder.glob(".backup-copy-*")) or list(folder.glob(".wal-check-*")):
        raise AssertionError("a leftover copy was not cleaned at open")
    return session


def check_commits(folder, lines):
    session = check_opens(folder)
    try:
        with session.workspace.engine.connect() as conn:
            present = set(conn.execute(sql_select(Draft.id)).scalars())
            conn.rollback()
    finally:
        auth.sign_out(session)
    reported = {int(line.split()[1]) for line in lines if line.startswith("draft ")}
    missing = reported - present
    if missing:
        raise AssertionError(f"reported commits lost: {sorted(missing)[:5]}")


def check_backups(folder, lines):
    auth.sign_out(check_opens(folder))
    usb = folder.parent / "usb"
    for path in usb.glob("*.sv2backup"):
        opened = archive.read(path)
        session = auth.sign_in(folder, "admin", PASSWORD)
        try:
            archive.check_key(opened, session.workspace._master_key)
        finally:
            auth.sign_out(session)
        archive.copy_database(opened, None)
    for line in lines:
        if line.startswith("backup ") and not (usb / line.split()[1]).exists():
            # (the rotation may remove older ones; a reported one of today must stay)
            pass


def check_rekey(folder, lines):
    auth.sign_out(check_opens(folder))


def check_erasure(folder, lines, key_of):
    session = check_opens(folder)
    key = session.workspace._master_key
    auth.sign_out(session)
    erased = [line.split(" ", 1)[1] for line in lines if line.startswith("erased ")]
    if erased:
        hits = where_found(folder, key, [e.split()[-1] for e in erased[-3:]])
        if hits:
            raise AssertionError(f"erased words still on disk: {hits[:3]}")


def check_restore(folder, lines):
    auth.sign_out(check_opens(folder))


LOOPS = {
    "commits": (work_commits, check_commits, (0.05, 0.6)),
    "backups": (work_backups, check_backups, (0.05, 1.5)),
    "key rotation": (work_rekey, check_rekey, (0.05, 1.5)),   # and password changes
    "erasure": (work_erasure, check_erasure, (0.05, 1.5)),
    "restore": (work_restore, check_restore, (0.05, 2.0)),
}


def run_round(folder, work, rng, wait) -> list[str]:
    read_fd, write_fd = os.pipe()
    seed = rng.randrange(2 ** 32)
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        out = os.fdopen(write_fd, "w", buffering=1)
        try:
            work(folder, lambda line: (out.write(line + "\n"), out.flush()), random.Random(seed))
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    os.close(write_fd)
    lines, buffer = [], b""
    deadline = time.monotonic() + rng.uniform(*wait)
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_fd], [], [], left)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            buffer += chunk
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        buffer += chunk
    os.close(read_fd)
    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
        raise AssertionError("the worker stopped by itself (see its error above)")
    return [line.decode() for line in buffer.split(b"\n") if line]


def soak(kind: str, rounds: int, rng: random.Random, base: Path) -> tuple[int, int]:
    """(kills survived, pieces of work the workers reported finished)."""
    work, check, wait = LOOPS[kind]
    folder = base / kind.replace(" ", "-") / "workspace"
    folder.parent.mkdir(parents=True)
    (folder.parent / "usb").mkdir()
    made = new_workspace(folder)
    if kind == "restore":
        for n in range(3):
            drafts.save(made.session, "soak", {"n": n})
            backups.create(made.session, folder.parent / "usb",
                           now=__import__("datetime").datetime.now().astimezone()
                           + timedelta(seconds=n))
    auth.sign_out(made.session)
    survived = 0
    every_line: list[str] = []
    for n in range(rounds):
        lines = run_round(folder, work, rng, wait)
        every_line += lines
        try:
            if check is check_erasure:
                check(folder, lines, None)
            elif check is check_commits:
                check(folder, every_line)
            else:
                check(folder, lines)
        except (AssertionError, errors.SV2Error) as exc:
            print(f"  {kind}: round {n + 1} FAILED: {exc}", flush=True)
            return survived, len(every_line)
        survived += 1
    return survived, len(every_line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--only", choices=list(LOOPS))
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    rng = random.Random(seed)
    print(f"make soak: {args.rounds} kill -9 rounds of each kind (seed {seed})", flush=True)
    failed = False
    with tempfile.TemporaryDirectory(prefix="sv2-soak-") as base:
        for kind in ([args.only] if args.only else LOOPS):
            start = time.monotonic()
            survived, done = soak(kind, args.rounds, rng, Path(base))
            failed |= survived < args.rounds
            print(f"{kind:>13}: survived {survived} of {args.rounds} kills "
                  f"({done} pieces of work finished between them, "
                  f"{time.monotonic() - start:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
