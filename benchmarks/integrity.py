"""What the data's integrity costs: signing each audit entry, checking the whole trail
(hashes and signatures), and the check of a -wal left beside the database by a crash.

No budget in the design covers these directly; they show what the signatures add to
every audited call (a few tens of microseconds) and how long verify-audit takes per
100,000 entries.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

# The walk is the same work for every entry (a hash and a signature checked), so 20,000
# entries give the time per 100,000 in a fifth of the wait (`make bench` under 15 minutes);
# SV2DESK_BENCH_AUDIT_ENTRIES=100000 walks that many.
ENTRIES = int(os.environ.get("SV2DESK_BENCH_AUDIT_ENTRIES", "20000"))
PASSWORD = "benchmark password 1"


def run(report) -> None:
    os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "5")
    from sv2desk.services import audit, auth, drafts, settings, setup
    from sv2desk.store import crypto, sidecars

    report.section("Integrity: signed audit entries, verify-audit, a -wal after a crash")
    with tempfile.TemporaryDirectory(prefix="sv2-bench-integrity-") as tmp:
        folder = Path(tmp) / "workspace"
        made = setup.create_workspace(
            folder, organisation=settings.Organisation(name="Bench"), admin_username="admin",
            admin_display_name="Bench Admin", admin_password=PASSWORD,
            kdf=crypto.KdfParams(1, 8 * 1024, 1))
        session = made.session
        ws = session.workspace
        start = time.perf_counter()
        for chunk in range(ENTRIES // 10_000):
            with ws.transaction() as db:
                audit.record_many(db, session.account_id, "caseload.view", "case",
                                  range(chunk * 10_000, (chunk + 1) * 10_000))
        per_entry = (time.perf_counter() - start) / ENTRIES
        report.figure("one signed audit entry (recorded in bulk)", per_entry * 1e6, "us")
        start = time.perf_counter()
        for _ in range(200):
            with ws.transaction() as db:
                audit.record(db, session.account_id, "caseload.view", "case", 1)
        report.figure("one audited call's transaction (one signed entry)",
                      (time.perf_counter() - start) / 200 * 1000, "ms")
        start = time.perf_counter()
        chain = audit.check_chain(ws)
        elapsed = time.perf_counter() - start
        report.figure(f"verify-audit walk of {chain.entries:,} entries (every signature)",
                      elapsed, "s")
        report.figure("  the same, per 100,000 entries", elapsed / chain.entries * 100_000,
                      "s")
        report.note("" if chain.ok else f"the chain did not verify: {chain.problem}")
        # A -wal as a crash leaves it: tried on a scratch copy before SQLite may apply it.
        drafts.save(session, "bench", {"text": "x" * 20_000})
        keep = Path(tmp) / "wal"
        shutil.copyfile(folder / "sv2desk.db-wal", keep)
        auth.sign_out(session)
        shutil.copyfile(keep, folder / "sv2desk.db-wal")
        slots = ws.slots
        session = auth.sign_in(folder, "admin", PASSWORD)
        key = session.workspace._master_key
        auth.sign_out(session)
        shutil.copyfile(keep, folder / "sv2desk.db-wal")
        size = (folder / "sv2desk.db").stat().st_size / 1e6
        start = time.perf_counter()
        sidecars.check(folder, [key], {"seq": 0, "hash": ""})
        report.figure(f"checking a -wal beside a {size:.0f} MB database", 
                      time.perf_counter() - start, "s")
        del slots
