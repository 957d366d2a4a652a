"""Backup and restore of 100,000 clients (each < 30 s), with the time per 10,000 clients.

The workspace is built once (made-up people written straight into the database, with
the text a real case gathers: addresses, referral notes, an assessment, support
sessions with notes, people named, the search index) and kept in .bench-cache/backups.
Each run copies it to a temporary folder, signs in, makes a backup into another folder
through the service (progress reported, as the screens show it), then restores that
backup over the copy with the administrator's password: the whole archive checked
twice (once to show what it holds, once as it is unpacked), the database opened and
its pages checked, and the re-seal entry written.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CLIENTS = 100_000
PASSWORD = "benchmark password 1"
BUDGET_S = 30
CACHE = Path(__file__).resolve().parent.parent / ".bench-cache" / "backups"
BUILD_VERSION = "1"

WORDS = ("support counselling session talked about safety plan worried sleep work family "
         "friends appointment next week doctor police court statement letter phone call "
         "feeling better anxious calm progress goals garden walk music college housing "
         "benefits advocate hearing evidence nightmares routine plan review").split()


def _marker() -> dict:
    from sv2desk.store import migrate
    return {"version": BUILD_VERSION, "clients": CLIENTS, "schema": migrate.head_revision()}


def _notes(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def build(folder: Path, report) -> None:
    from sqlalchemy import insert, text

    from sv2desk.models import Assessment, Case, Client, PersonOfConcern, SupportSession
    from sv2desk.services import auth, search_index
    from .workspaces import new_bench_workspace

    started = time.perf_counter()
    session = new_bench_workspace(folder, PASSWORD)
    rng = random.Random(20240701)
    now = "2024-07-01T09:00:00+00:00"
    me = session.account_id
    syllables = ["ab", "bel", "cor", "dun", "el", "fen", "gar", "hol", "ith", "jor", "kel",
                 "lan", "mor", "nes", "ol", "par", "quin", "ros", "sel", "tor", "ul", "ven"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title()

    batch = 10_000
    poc_id = session_id = 0
    for first in range(1, CLIENTS + 1, batch):
        clients, cases, pocs, assessments, sessions, index = [], [], [], [], [], []
        for i in range(first, min(first + batch, CLIENTS + 1)):
            name = f"{word()} {word()}"
            postcode = f"DE{rng.randint(1, 75)} {rng.randint(1, 9)}AB"
            born = date(1950, 1, 1) + timedelta(days=rng.randrange(50 * 365))
            clients.append(dict(
                id=i, name=name, preferred_name="", date_of_birth=born, approximate_age=None,
                gender="", pronouns="", address=f"{rng.randint(1, 200)} {word()} Road\nDerby",
                postcode=postcode, phone=f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                email=f"{word().lower()}@example.org", safe_post_address="",
                safe_times=_notes(rng, 3, 8), created_at=now, version=1))
            status = rng.choice(["referred", "awaiting_support", "in_support", "closed", "closed"])
            reference = f"SV2-2024-{i:06d}"
            cases.append(dict(
                id=i, reference=reference, client_id=i, status=status,
                closed_note=_notes(rng, 5, 20) if status == "closed" else "",
                closed_at=now if status == "closed" else None,
                referral_date=date(2024, 1, 1), arrived_by="phone",
                referrer_organisation="", referrer_name="", referrer_role="",
                referrer_phone="", referrer_email="", harm_categories="rape",
                harm_other="", harm_timing="recent", support_requested="counselling",
                support_other="", interaction_answer="no",
                interaction_details=_notes(rng, 5, 25), area_advice="in_area",
                eligibility_decision="accept", eligibility_note=_notes(rng, 3, 12),
                safeguarding_note="", created_by=me, created_at=now, updated_at=now, version=1))
            index.append({"id": i, "names": name, "ref": reference,
                          "born": born.strftime("%Y%m%d"), "postcode": postcode})
            if rng.random() < 0.2:
                poc_id += 1
                pocs.append(dict(id=poc_id, case_id=i, name=f"{word()} {word()}",
                                 relationship_to_client="ex-partner",
                                 other_identifiers=_notes(rng, 2, 8), created_at=now))
            if status != "referred":
                assessments.append(dict(
                    case_id=i, worker_id=me, completed_at=now, interaction_answer="no",
                    safety_notes=_notes(rng, 10, 40), needs=_notes(rng, 10, 40),
                    interaction_notes="", perpetrator_notes="", outcome="support_offered",
                    options_offered="counselling", outcome_notes=_notes(rng, 5, 20)))
                for _ in range(rng.randint(1, 4)):
                    session_id += 1
                    sessions.append(dict(
                        id=session_id, case_id=i, session_date=date(2024, 3, 1),
                        session_type="counselling", worker_id=me, duration_minutes=50,
                        planned=False, note=_notes(rng, 20, 80), location="", created_at=now))
        with session.workspace.transaction() as db:
            for table, rows in ((Client, clients), (Case, cases), (PersonOfConcern, pocs),
                                (Assessment, assessments), (SupportSession, sessions)):
                if rows:
                    db.execute(insert(table), rows)
            db.execute(search_index._INSERT_SEARCH_ROW, index)
    with session.workspace.transaction() as db:
        db.execute(text("SELECT 1"))
    auth.sign_out(session)
    (folder / "bench-marker.json").write_text(json.dumps(_marker()))
    report.note(f"built {CLIENTS:,} clients with cases, assessments, sessions and people named "
                f"in {time.perf_counter() - started:.1f} s; kept in .bench-cache/backups")


def _cached(report) -> Path:
    from . import cache
    cache.kept(CACHE, CACHE / "bench-marker.json", _marker(), lambda: build(CACHE, report),
               report)
    report.note(f"the workspace kept in .bench-cache/backups ({CLIENTS:,} clients)")
    return CACHE


def run(report) -> None:
    from sv2desk.services import auth, backups, restore

    report.section(f"Backup and restore ({CLIENTS:,} clients)")
    cached = _cached(report)
    per = CLIENTS / 10_000
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder, drive = Path(tmp) / "workspace", Path(tmp) / "drive"
        shutil.copytree(cached, folder, ignore=shutil.ignore_patterns("bench-marker.json",
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
