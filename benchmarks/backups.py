"""Backup and restore of 100,000 clients (each < 30 s), with the time per 10,000 clients.

The data is a copy of the casework benchmark's 100,000-client workspace (benchmarks/
casework.py: made once by sv2desk.demo.bulk and kept in .bench-cache/; every section shares
that one build), which holds the text a real case gathers: addresses, referrers, people
named, assessments, support sessions, concerns, timelines, the search index, the
connection check's keys and a signed audit trail. Each run copies it to a temporary
folder, signs in, makes a backup into another folder through the service (progress
reported, as the screens show it), then restores that backup over the copy with the
administrator's password: the whole archive checked twice (once to show what it holds,
once as it is unpacked), the database opened and its pages checked, and the re-seal entry
written.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

PASSWORD = "benchmark password 1"
BUDGET_S = 30


def run(report) -> None:
    from sv2desk.services import auth, backups, restore

    from . import casework
    report.section(f"Backup and restore ({casework.CLIENTS:,} clients, the casework build)")
    cached, _ = casework._cached(report)
    per = casework.CLIENTS / 10_000
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder, drive = Path(tmp) / "workspace", Path(tmp) / "drive"
        shutil.copytree(cached, folder, ignore=shutil.ignore_patterns("backups",
                                                                     "sv2desk.lock"))
        drive.mkdir()
        db_mb = (folder / "sv2desk.db").stat().st_size / 1e6
        session = auth.sign_in(folder, "bench", PASSWORD)
        steps = []
        start = time.perf_counter()
        made = backups.create(session, drive, progress=lambda f, m: steps.append(f))
        backup_s = time.perf_counter() - start
        auth.sign_out(session)
        report.note(f"database {db_mb:.0f} MB; backup file {made.backup.size / 1e6:.0f} MB; "
                    f"{len(steps)} progress reports")
        report.figure("backup (copy, archive, read back and check)", backup_s, "s",
                      budget=BUDGET_S, budget_text=f"< {BUDGET_S} s", precision=2)
        report.figure("  per 10,000 clients", backup_s / per, "s", precision=2)

        start = time.perf_counter()
        restore.inspect(made.backup.path, username="bench", password=PASSWORD)
        inspect_s = time.perf_counter() - start
        start = time.perf_counter()
        restore.restore(made.backup.path, folder, username="bench", password=PASSWORD)
        restore_s = time.perf_counter() - start
        report.figure("restore: check and show what it holds", inspect_s, "s", precision=2)
        report.figure("restore: check, unpack, open, re-seal, swap in", restore_s, "s",
                      budget=BUDGET_S, budget_text=f"< {BUDGET_S} s", precision=2)
        report.figure("  both together", inspect_s + restore_s, "s",
                      budget=BUDGET_S, budget_text=f"< {BUDGET_S} s", precision=2)
        report.figure("  both, per 10,000 clients", (inspect_s + restore_s) / per, "s",
                      precision=2)
        start = time.perf_counter()
        auth.sign_out(auth.sign_in(folder, "bench", PASSWORD))
        report.figure("first sign-in to the restored data", time.perf_counter() - start, "s",
                      precision=2)
