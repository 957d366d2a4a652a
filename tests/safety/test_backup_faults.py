"""Backups and restores when things go wrong: a drive that fills up or is pulled out
mid-way, the power cut (SIGKILL) during a backup or a restore, a restore stopped between
its two renames, and two copies of SV2 Desk using the same data at once.

What must hold: a failure is reported with a typed error and a plain message; nothing
half-written ever carries a backup's name; the data opens afterwards, in its old state
or (for a restore) the restored one, whole (integrity checks and the audit chain).
"""

from __future__ import annotations

import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry, Draft
from sv2desk.services import audit, auth, backups, drafts, restore
from sv2desk.store import archive, swap
from sv2desk.store import engine as engine_mod

from ..support.safety_helpers import assert_plain_message, snapshot, start_helper
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD


@pytest.fixture
def usb(tmp_path):
    path = tmp_path / "usb-drive"
    path.mkdir()
    return path


def _backups_in(folder) -> list:
    return sorted(p for p in folder.iterdir() if archive.parse_name(p.name))


def _opens_whole(folder, username="admin", password=ADMIN_PASSWORD) -> list[str]:
    """Sign in, check pages and the audit chain; return the drafts' forms (the state)."""
    session = auth.sign_in(folder, username, password)
    try:
        assert engine_mod.integrity_problems(session.workspace.engine) == []
        chain = audit.check_chain(session.workspace)
        assert chain.ok, chain.problem
        with session.workspace.engine.connect() as conn:
            forms = sorted(conn.execute(select(Draft.form)).scalars())
            conn.rollback()
    finally:
        auth.sign_out(session)
    return forms


# -- a drive that fills up, or goes away ----------------------------------------------------------

class _FillsUp(io.FileIO):
    """A file on a drive with ``room`` bytes free."""

    room = 64 * 1024

    def write(self, data):
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


class _Fails(io.FileIO):
    """A drive that stops answering part-way (a USB stick pulled out)."""

    def write(self, data):
        if self.tell() > 32 * 1024:
            raise OSError(errno.EIO, "Input/output error")
        return super().write(data)


@pytest.mark.parametrize("drive, error", [(_FillsUp, errors.DiskFull),
                                          (_Fails, errors.BackupFolderUnavailable)])
def test_a_drive_that_fails_mid_way_leaves_no_backup_and_says_why(
        admin_session, folder, usb, monkeypatch, drive, error):
    drafts.save(admin_session, "letter", {"body": "x" * 200_000})   # bigger than the room
    monkeypatch.setattr(archive, "create_file", drive)
    with pytest.raises(error) as failed:
        backups.create(admin_session, usb)
    assert_plain_message(failed.value)
    assert "no backup was made" in failed.value.message.lower()
    assert list(usb.iterdir()) == []                 # not even a temporary file is left
    assert not list(folder.glob(".backup-copy-*"))
    with admin_session.workspace.engine.connect() as conn:
        last = conn.execute(select(AuditEntry.action, AuditEntry.outcome)
                            .order_by(AuditEntry.seq.desc()).limit(1)).one()
        conn.rollback()
    assert tuple(last) == ("backups.create", "failed")
    monkeypatch.undo()
    assert len(_backups_in(usb)) == 0
    made = backups.create(admin_session, usb)             # with room again, it works
    assert _backups_in(usb) == [made.backup.path]


def test_a_folder_that_disappears_mid_way_leaves_no_backup(admin_session, usb):
    drafts.save(admin_session, "letter", {"body": "x" * 200_000})

    def pull_the_drive(fraction, message):
        if message == "Writing the backup" and usb.exists():
            shutil.rmtree(usb)
    with pytest.raises(errors.BackupFolderUnavailable) as failed:
        backups.create(admin_session, usb, progress=pull_the_drive)
    assert_plain_message(failed.value)
    assert not usb.exists()
    usb.mkdir()
    assert backups.automatic_if_due(admin_session).outcome == "no_folder"
    assert backups.create(admin_session, usb).backup.path.exists()


def test_a_backup_folder_that_is_not_there_is_reported(admin_session, usb):
    with pytest.raises(errors.BackupFolderUnavailable) as failed:
        backups.create(admin_session, usb / "not-plugged-in")
    assert_plain_message(failed.value)


# -- a restore stopped between its two renames -------------------------------------------------------

@pytest.mark.file_only
def test_a_restore_stopped_between_its_renames_is_finished_when_the_data_is_next_opened(
        created, folder, usb, monkeypatch):
    new, _ = created
    made = backups.create(new.session, usb)
    drafts.save(new.session, "after-the-backup", {})
    auth.sign_out(new.session)
    real_rename = os.rename

    def power_cut_before_the_second(src, dst):
        if ".restore-ready-" in Path(src).name:
            raise KeyboardInterrupt("the power went")
        real_rename(src, dst)
    monkeypatch.setattr(swap.os, "rename", power_cut_before_the_second)
    with pytest.raises(KeyboardInterrupt):
        restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    monkeypatch.undo()
    assert not folder.exists()           # between the renames: no data folder at all
    assert _opens_whole(folder) == []    # finished on opening: the restored data
    aside = [p for p in folder.parent.iterdir() if ".before-restore-" in p.name]
    assert len(aside) == 1 and _opens_whole(aside[0]) == ["after-the-backup"]


@pytest.mark.file_only
def test_an_unfinished_restore_beside_the_data_is_ignored_and_then_cleared(
        created, folder, usb, monkeypatch):
    new, _ = created
    made = backups.create(new.session, usb)
    auth.sign_out(new.session)
    monkeypatch.setattr(swap, "swap_in", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    monkeypatch.undo()
    left = [p.name for p in folder.parent.iterdir() if ".restore-ready-" in p.name]
    assert len(left) == 1
    assert _opens_whole(folder) == []                     # the old data, as it was
    restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    assert not [p for p in folder.parent.iterdir() if ".restore-ready-" in p.name
                or ".restoring-" in p.name]


# -- the power cut (SIGKILL) during a backup and during a restore ------------------------------------

HELPER = textwrap.dedent('''
    import os
    from pathlib import Path
    from sv2desk.services import auth, backups, restore
    from tests.support.forking import say, serve

    FOLDER = Path(os.environ["SV2_FOLDER"])
    USB = Path(os.environ["SV2_USB"])

    def work(kind, archive_path):
        progress = lambda fraction, message: say(f"progress {fraction}")
        if kind == "backup":
            session = auth.sign_in(FOLDER, "admin", os.environ["SV2_PASSWORD"])
            backups.create(session, USB, progress=progress)
            auth.sign_out(session)
        else:
            restore.restore(Path(archive_path), FOLDER,
                            recovery_key=os.environ["SV2_RECOVERY_KEY"], progress=progress)
        say("done")

    serve(work)
''')

ROUNDS = 8


@pytest.fixture
def helper(created, folder, usb, tmp_path):
    new, _ = created
    process, lines = start_helper(tmp_path, "kill_helper", HELPER, SV2_FOLDER=str(folder),
                                  SV2_USB=str(usb), SV2_PASSWORD=ADMIN_PASSWORD,
                                  SV2_RECOVERY_KEY=new.recovery_key)

    def run_and_kill(kind: str, archive_path, kill_at: float | None, rng) -> bool:
        """Start the work; kill it once its progress reaches ``kill_at`` (plus a moment).
        Returns True when it finished before the kill landed."""
        process.stdin.write(f"{kind} {archive_path}\n".encode())
        process.stdin.flush()
        first = lines.next()
        assert first.startswith("forked "), first
        worker = int(first.split()[1])
        finished = reaped = False
        while True:
            line = lines.next()
            if line == "done":
                finished = True
                break
            if line.startswith("reaped"):
                pytest.fail("the work ended by itself:\n" + stderr_path.read_text()[-3000:])
            if kill_at is not None and float(line.split()[1]) >= kill_at:
                # A moment more, so the kill lands anywhere in the work (the lines that
                # come meanwhile may include the end of it).
                for later in lines.watch(rng.uniform(0, 0.01)):
                    finished = finished or later == "done"
                    reaped = reaped or later.startswith("reaped")
                break
        if not finished:
            try:
                os.kill(worker, signal.SIGKILL)
            except ProcessLookupError:   # it finished (and was reaped) just before
                pass
        while not reaped:
            line = lines.next()
            finished = finished or line == "done"
            reaped = line.startswith("reaped")
        return finished

    yield new, run_and_kill
    process.stdin.close()
    process.wait(timeout=30)
    process.stdout.close()


@pytest.mark.file_only
def test_a_power_cut_during_a_backup_leaves_the_data_whole_and_no_false_backup(
        helper, folder, usb):
    new, run_and_kill = helper
    drafts.save(new.session, "bulk", {"body": "y" * 300_000})
    auth.sign_out(new.session)
    seed = random.randrange(2 ** 32)
    rng = random.Random(seed)
    kill_points = [0.0, 0.2, 0.45, 0.6, 0.84, 0.9, 0.99, None]
    for round_no, kill_at in enumerate(kill_points[:ROUNDS]):
        context = f"round {round_no}, kill at {kill_at} (seed {seed})"
        run_and_kill("backup", "-", kill_at, rng)
        assert _opens_whole(folder) == ["bulk"], context
        for path in _backups_in(usb):        # anything named as a backup is a whole backup
            restore.inspect(path, recovery_key=new.recovery_key)
    assert _backups_in(usb), "the last round was not killed: it made a backup"


@pytest.mark.file_only
def test_a_power_cut_during_a_restore_leaves_the_old_or_the_restored_data(
        helper, folder, usb):
    new, run_and_kill = helper
    made = backups.create(new.session, usb).backup.path
    auth.sign_out(new.session)
    seed = random.randrange(2 ** 32)
    rng = random.Random(seed)
    states = []
    for round_no, kill_at in enumerate([0.0, 0.3, 0.5, 0.85, 0.9, 0.95, 0.99, None]):
        context = f"round {round_no}, kill at {kill_at} (seed {seed})"
        session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
        drafts.save(session, f"round-{round_no}", {})
        auth.sign_out(session)
        before = _opens_whole(folder)
        finished = run_and_kill("restore", made, kill_at, rng)
        after = _opens_whole(folder, "manager", MANAGER_PASSWORD)
        assert after in (before, []), context        # the old state, or the backup's
        if finished:
            assert after == [], context
        states.append("restored" if after == [] else "old")
        for aside in folder.parent.glob(f"{folder.name}.before-restore-*"):
            _opens_whole(aside)
    assert "restored" in states and "old" in states, states


# -- two copies of SV2 Desk on the same data at once ------------------------------------------------

TWIN = textwrap.dedent('''
    import os, sys
    from pathlib import Path
    from sv2desk.policy import roles
    from sv2desk.services import accounts, auth, backups, drafts

    folder, user, password, tag, usb = sys.argv[1:6]
    session = auth.sign_in(Path(folder), user, password)
    for n in range(40):
        drafts.save(session, f"{tag}-{n}", {"n": n})
        if n % 10 == 5 and "admin" in session.roles:
            accounts.create_account(session, f"{tag}{n}", f"Made by {tag}", "made password 1",
                                    {roles.SUPPORT_WORKER})
        if n % 10 == 5 and "admin" not in session.roles:
            accounts.change_own_password(session, password, password + "x")
            password += "x"
        if n == 20 and "admin" in session.roles:
            backups.create(session, Path(usb))
        if n == 20 and "admin" not in session.roles:   # the daily one, at the same time
            assert backups.automatic_if_due(session).outcome == "made"
    auth.sign_out(session)
    print(password)
''')


@pytest.mark.file_only
def test_two_copies_of_sv2desk_writing_at_once_keep_everything(created, folder, tmp_path):
    new, _ = created
    script = tmp_path / "twin.py"
    script.write_text(TWIN)
    drives = [tmp_path / "drive-a", tmp_path / "drive-b"]
    for drive in drives:
        drive.mkdir()
    backups.set_folder(new.session, drives[1])
    auth.sign_out(new.session)
    runs = [("admin", ADMIN_PASSWORD, "a"), ("worker", WORKER_PASSWORD, "w")]
    processes = [subprocess.Popen([sys.executable, str(script), str(folder), user, password,
                                   tag, str(drive)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
                 for (user, password, tag), drive in zip(runs, drives)]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (out, err) in zip(processes, outputs):
        assert process.returncode == 0, err.decode()[-3000:]
    worker_password = outputs[1][0].decode().strip()
    assert worker_password == WORKER_PASSWORD + "xxxx"
    # Every commit of both is there, the chain is whole, and no key slot was lost.
    forms = _opens_whole(folder)
    assert len([f for f in forms if f.startswith("a-")]) == 40
    assert len([f for f in forms if f.startswith("w-")]) == 40
    auth.sign_out(auth.sign_in(folder, "worker", worker_password))
    for n in (5, 15, 25, 35):
        auth.sign_out(auth.sign_in(folder, f"a{n}", "made password 1"))
    for drive in drives:
        (path,) = _backups_in(drive)
        restore.inspect(path, recovery_key=new.recovery_key)
    before = snapshot(folder)
    assert before
