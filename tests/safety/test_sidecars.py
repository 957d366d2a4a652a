"""Nothing committed is lost to a file beside the database that does not belong to it.

SQLite applies a -wal it finds beside the database as it opens it. An old one put back
(a sync tool, a file restore, an antivirus quarantine) or one from another workspace
must be found before SQLite sees it, set aside untouched with a plain message, and the
data must open exactly as it was committed. The database's own log, left by a crash,
must still be applied.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sv2desk.models import Case
from sv2desk.services import auth, referrals
from sv2desk.store.layout import DB_NAME

from ..support.safety_helpers import snapshot
from ..support.service_examples import referral_form
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

WAL, SHM, JOURNAL = (f"{DB_NAME}{end}" for end in ("-wal", "-shm", "-journal"))


def _cases(session) -> int:
    with session.workspace.transaction() as db:
        return db.scalar(select(func.count()).select_from(Case))


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _set_aside_files(folder):
    return sorted(p for p in (folder / "set-aside").rglob("*") if p.is_file()) \
        if (folder / "set-aside").exists() else []


def test_an_old_log_put_back_is_set_aside_and_every_case_stays(folder, tmp_path):
    """The issue's scenario: the -wal copied after 5 referrals, 30 more made over three
    sessions, closed, the old -wal put back: all 35 cases are still there."""
    new = make_workspace(folder)
    session = new.session
    for i in range(5):
        referrals.create_referral(session, referral_form(f"Early Person{i}"))
    assert (folder / WAL).stat().st_size > 0
    old_log = tmp_path / "old.db-wal"
    shutil.copyfile(folder / WAL, old_log)
    auth.sign_out(session)
    for round_no in range(3):
        session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
        for i in range(10):
            referrals.create_referral(session, referral_form(f"Later Person{round_no}x{i}"))
        auth.sign_out(session)
    assert not (folder / WAL).exists(), "a clean close leaves no -wal"
    committed = _digest(folder / DB_NAME)

    shutil.copyfile(old_log, folder / WAL)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _cases(session) == 35
        [aside] = session.workspace.set_aside
        assert aside.names == (WAL,)
        assert "nothing that was saved has been lost" in aside.message
        assert "sv2desk.db-wal" in aside.message
    finally:
        auth.sign_out(session)
    # Set aside untouched, byte for byte; the database file itself was never rewritten
    # from it (it only moved on by this sign-in's own work).
    [kept] = _set_aside_files(folder)
    assert kept.name == WAL and _digest(kept) == _digest(old_log)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _cases(session) == 35 and session.workspace.set_aside == []
        # The set-aside is in the audit trail, by name of file only.
        with session.workspace.transaction() as db:
            from sv2desk.models import AuditEntry
            found = db.execute(select(AuditEntry.object_id).where(
                AuditEntry.action == "workspace.file_set_aside")).scalars().all()
        assert found == [WAL]
    finally:
        auth.sign_out(session)
    assert committed  # (the database before the put-back, for the reader of this test)


def test_a_log_from_another_workspace_is_set_aside(folder, tmp_path):
    other = tmp_path / "other"
    other_new = make_workspace(other)
    referrals.create_referral(other_new.session, referral_form("Other Person"))
    foreign = tmp_path / "foreign.db-wal"
    shutil.copyfile(other / WAL, foreign)
    auth.sign_out(other_new.session)

    new = make_workspace(folder)
    referrals.create_referral(new.session, referral_form("Own Person"))
    auth.sign_out(new.session)
    shutil.copyfile(foreign, folder / WAL)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _cases(session) == 1
        assert [a.names for a in session.workspace.set_aside] == [(WAL,)]
    finally:
        auth.sign_out(session)
    assert _digest(_set_aside_files(folder)[0]) == _digest(foreign)


@pytest.mark.parametrize("name, content", [
    (JOURNAL, b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + os.urandom(4000)),   # a "hot journal"
    (SHM, os.urandom(32768)),                                            # a lone -shm
    (WAL, b"not a log at all" * 10),                                     # no log header
    (WAL, None),                                                         # a folder
])
def test_other_files_beside_the_database_are_set_aside(folder, name, content):
    new = make_workspace(folder)
    referrals.create_referral(new.session, referral_form("Only Person"))
    auth.sign_out(new.session)
    if content is None:
        (folder / name).mkdir()
    else:
        (folder / name).write_bytes(content)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _cases(session) == 1
        assert name in session.workspace.set_aside[0].names
    finally:
        auth.sign_out(session)
    assert not os.path.lexists(folder / name) or name != JOURNAL


CRASHER = textwrap.dedent('''
    import os, sys
    from sv2desk.services import auth, referrals
    from tests.support.service_examples import referral_form
    session = auth.sign_in(sys.argv[1], "admin", sys.argv[2])
    for i in range(6):
        referrals.create_referral(session, referral_form(f"Crash Person{i}"))
    print("committed", flush=True)
    os.kill(os.getpid(), 9)
''')


def test_the_databases_own_log_after_a_crash_is_applied(folder, tmp_path):
    new = make_workspace(folder)
    auth.sign_out(new.session)
    script = tmp_path / "crash.py"
    script.write_text(CRASHER)
    done = subprocess.run([sys.executable, str(script), str(folder), ADMIN_PASSWORD],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2])))
    assert done.returncode == -signal.SIGKILL and "committed" in done.stdout, done.stderr
    assert (folder / WAL).stat().st_size > 0, "the crash left the log behind"
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert _cases(session) == 6
        assert session.workspace.set_aside == []
    finally:
        auth.sign_out(session)
    assert not (folder / "set-aside").exists()
    assert not [p for p in snapshot(folder) if p.startswith(".wal-check")]
