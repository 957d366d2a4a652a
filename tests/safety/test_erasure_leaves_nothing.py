"""Erasure leaves nothing behind on this PC: not in the database's free pages or its
-wal, not in a draft that names the person, not in the copies kept for a while (files set
aside, the pre-upgrade copy, the data as it was before a restore), not in the search
index even when SV2 Desk is killed straight after the erasure commits, not in leftover
backup copies. After each, every page of every file in and beside the data folder is
decrypted with the master key and searched (free pages and WAL frames included).

Backups on the backup drive keep the words until the rotation removes them (at most a
year), as the README says; the drive here is elsewhere, so it is not searched.
"""

from __future__ import annotations

import pytest

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

from sv2desk.services import auth, backups, cases, drafts, referrals, restore, retention
from sv2desk.store import set_aside

from ..support.page_scan import where_found
from ..support.service_examples import referral_form
from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD

LATER = date.today() + timedelta(days=6 * 366 + 1)   # past six years from today

SURNAME = "Quorblethwaite"
NAME = f"Zebedee {SURNAME}"


def _erasable_case(session) -> int:
    case = referrals.create_referral(session, referral_form(NAME)).id
    cases.close(session, case, "support_completed")
    return case


@pytest.mark.file_only
def test_erasure_leaves_no_word_in_or_beside_the_data_folder(created, folder, tmp_path):
    new, _ = created
    admin = new.session
    key = admin.workspace._master_key
    usb = tmp_path / "elsewhere" / "usb"
    usb.mkdir(parents=True)
    case = _erasable_case(admin)
    # A worker's draft naming the person, kept over a lock.
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    drafts.save(worker, "referral", {"client_name": NAME, "notes": "second referral"})
    drafts.save(worker, "referral", {"client_name": "Someone Else", "notes": "unrelated"})
    auth.sign_out(worker)
    # The data as it was before a restore, and a pre-upgrade copy.
    made = backups.create(admin, usb)
    auth.sign_out(admin)
    restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    # A stale -wal set aside (it holds the name too).
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    admin.workspace.backup_copy("before-migration-from-0007-test")
    referrals.create_referral(admin, referral_form("Another Person"))
    stale = tmp_path / "stale-wal"
    shutil.copyfile(folder / "sv2desk.db-wal", stale)
    auth.sign_out(admin)
    shutil.copyfile(stale, folder / "sv2desk.db-wal")
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert admin.workspace.set_aside
    kinds = {c.kind for c in set_aside.kept_copies(folder)}
    assert kinds == {"set_aside", "pre_upgrade", "before_restore"}
    # The scan sees the name everywhere it is before the erasure (it can fail).
    before = {where for where, _ in where_found(folder, key, [SURNAME])}
    assert any(".before-restore-" in w for w in before), before
    assert any("backups/" in w for w in before) and any("set-aside" in w for w in before)

    assert retention.erase(admin, [case], today=LATER) == 1
    assert set_aside.kept_copies(folder) == []
    assert [d.form for d in drafts.list_own(admin)] == []
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    assert len(drafts.list_own(worker)) == 1          # the unrelated draft stays
    auth.sign_out(worker)
    assert where_found(folder, key, [SURNAME]) == []       # open, with its -wal
    auth.sign_out(admin)
    assert where_found(folder, key, [SURNAME]) == []       # closed


KILLER = textwrap.dedent('''
    import os, sys
    from datetime import date, timedelta
    from sv2desk.services import auth, retention
    from sv2desk.store import erase
    def killed(ws):
        print("erased", flush=True)
        os.kill(os.getpid(), 9)
    erase.optimise_search_index = killed
    session = auth.sign_in(sys.argv[1], "admin", sys.argv[2])
    retention.erase(session, [int(sys.argv[3])],
                    today=date.today() + timedelta(days=6 * 366 + 1))
''')


@pytest.mark.file_only
def test_a_kill_straight_after_the_erasure_commits_is_finished_at_the_next_sign_in(
        created, folder, tmp_path):
    new, _ = created
    admin = new.session
    key = admin.workspace._master_key
    case = _erasable_case(admin)
    auth.sign_out(admin)
    assert where_found(folder, key, [SURNAME])          # in the index (and elsewhere)
    script = tmp_path / "kill.py"
    script.write_text(KILLER)
    done = subprocess.run([sys.executable, str(script), str(folder), ADMIN_PASSWORD, str(case)],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2])))
    assert done.returncode == -signal.SIGKILL and "erased" in done.stdout, done.stderr
    # Killed with the words still in the search index's older segments.
    assert where_found(folder, key, [SURNAME.lower()])
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    auth.sign_out(session)
    assert where_found(folder, key, [SURNAME.lower(), NAME]) == []


@pytest.mark.file_only
def test_leftover_backup_copies_are_cleaned_at_the_next_open(created, folder):
    new, _ = created
    admin = new.session
    _erasable_case(admin)
    auth.sign_out(admin)
    for n in range(3):     # what ten killed backups left behind
        shutil.copyfile(folder / "sv2desk.db", folder / f".backup-copy-{n:012x}.db")
    (folder / ".wal-check-00000000").mkdir()
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    assert not list(folder.glob(".backup-copy-*")) and not list(folder.glob(".wal-check-*"))
