"""Changing the master key: the data moves to a new key and a new recovery key; staff keep
their passwords (each slot catches up at its owner's next sign-in); the old key stops
opening the data; old backups still open with the old recovery key; a change that is
interrupted leaves data that opens."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import Draft
from sv2desk.services import accounts, audit, auth, backups, drafts, keys, restore
from sv2desk.store import engine as engine_mod, rekey
from sv2desk.store.opening import read_slots
from sv2desk.store.workspace import DB_NAME, KEYS_NAME

from ..support.safety_helpers import assert_plain_message, snapshot
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD, make_workspace

# Changing the key of the one-PC file in place (on the office server it is refused:
# tests/server/test_office_server.py).
pytestmark = pytest.mark.file_only


def _draft_forms(session) -> list[str]:
    with session.workspace.engine.connect() as conn:
        forms = sorted(conn.execute(select(Draft.form)).scalars())
        conn.rollback()
    return forms


def _check(folder, username, password) -> list[str]:
    session = auth.sign_in(folder, username, password)
    try:
        assert engine_mod.integrity_problems(session.workspace.engine) == []
        assert audit.check_chain(session.workspace).ok
        return _draft_forms(session)
    finally:
        auth.sign_out(session)


def test_a_new_key_and_recovery_key_and_everyone_keeps_their_password(created, folder, tmp_path):
    new, ids = created
    admin = new.session
    drafts.save(admin, "before-the-change", {})
    old_keys = (folder / KEYS_NAME).read_bytes()
    changed = keys.change(admin, ADMIN_PASSWORD)
    assert changed.recovery_key != new.recovery_key
    assert set(changed.waiting) == {"Mo Manager", "Wyn Worker"}
    drafts.save(admin, "after-the-change", {})
    status = keys.status(admin)
    assert status.generation == 1 and not status.old_keys_shut_out
    auth.sign_out(admin)

    # The old recovery key no longer opens the data; the new one does.
    with pytest.raises(errors.WrongRecoveryKey):
        auth.sign_in_with_recovery_key(folder, new.recovery_key)
    auth.sign_out(auth.sign_in_with_recovery_key(folder, changed.recovery_key))
    # The old key itself no longer opens the database: the old key file next to it fails.
    copy = tmp_path / "old-key-file"
    copy.mkdir()
    shutil.copy(folder / DB_NAME, copy / DB_NAME)
    (copy / KEYS_NAME).write_bytes(old_keys)
    with pytest.raises(errors.WorkspaceDamaged):
        auth.sign_in_with_recovery_key(copy, new.recovery_key)

    # The others sign in with their passwords; each slot moves to the new key as they do.
    assert _check(folder, "worker", WORKER_PASSWORD) == ["after-the-change", "before-the-change"]
    slots = read_slots(folder)
    assert [s.account_id for s in slots.waiting_slots()] == [ids["manager"]]
    assert _check(folder, "manager", MANAGER_PASSWORD) != []
    slots = read_slots(folder)
    assert slots.waiting_slots() == [] and slots.links == {}
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert keys.status(session).old_keys_shut_out
    finally:
        auth.sign_out(session)


def test_finishing_the_change_shuts_the_old_key_out_and_asks_for_password_resets(
        created, folder):
    new, ids = created
    admin = new.session
    keys.change(admin, ADMIN_PASSWORD)
    assert keys.finish_change(admin) == 2
    assert read_slots(folder).links == {}
    for username, password in (("worker", WORKER_PASSWORD), ("manager", MANAGER_PASSWORD)):
        with pytest.raises(errors.PasswordResetNeeded) as refused:
            auth.sign_in(folder, username, password)
        assert_plain_message(refused.value)
    accounts.reset_password(admin, ids["worker"], "a reset password 1")
    auth.sign_out(admin)
    assert _check(folder, "worker", "a reset password 1") == []


def test_an_old_backup_still_restores_with_the_old_recovery_key(created, folder, tmp_path):
    new, _ = created
    admin = new.session
    drive = tmp_path / "drive"
    drive.mkdir()
    drafts.save(admin, "in-the-old-backup", {})
    made = backups.create(admin, drive)
    changed = keys.change(admin, ADMIN_PASSWORD)
    auth.sign_out(admin)
    with pytest.raises(errors.BackupKeyWrong):
        restore.inspect(made.backup.path, recovery_key=changed.recovery_key)
    restore.restore(made.backup.path, folder, recovery_key=new.recovery_key)
    # The restored data is as it was then: the old recovery key and the old passwords.
    auth.sign_out(auth.sign_in_with_recovery_key(folder, new.recovery_key))
    assert _check(folder, "worker", WORKER_PASSWORD) == ["in-the-old-backup"]


def test_the_key_cannot_change_while_someone_else_has_the_data_open(created, folder):
    new, _ = created
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    before = snapshot(folder)
    try:
        with pytest.raises(errors.WorkspaceInUse) as refused:
            keys.change(new.session, ADMIN_PASSWORD)
        assert_plain_message(refused.value)
        # Nothing changed (the -shm is SQLite's index of the log, not data: any read, such
        # as the check of the administrator's rights, may touch it).
        shm = f"{DB_NAME}-shm"
        assert {k: v for k, v in snapshot(folder).items() if k != shm} == \
            {k: v for k, v in before.items() if k != shm}
        drafts.save(worker, "still-working", {})      # the other person carries on
    finally:
        auth.sign_out(worker)
    keys.change(new.session, ADMIN_PASSWORD)
    assert read_slots(folder).key_gen == 1


def test_a_wrong_password_changes_nothing(admin_session, folder):
    before = (folder / KEYS_NAME).read_bytes()
    with pytest.raises(errors.ValidationError):
        keys.change(admin_session, "not my password")
    assert (folder / KEYS_NAME).read_bytes() == before


@pytest.mark.parametrize("stop_after", [1, 2])
def test_a_change_interrupted_part_way_leaves_data_that_opens(created, folder, monkeypatch,
                                                              stop_after):
    """Step 1 wrote the link; step 2 re-encrypted the database. A crash after either: the
    next sign-in finishes (or undoes) the change, and the old recovery key still works
    (the new one was never shown)."""
    new, _ = created
    admin = new.session
    drafts.save(admin, "kept", {})
    real = rekey.change_key

    def interrupted(ws, own=None, **given):
        def stop(step):
            if step == stop_after:
                raise KeyboardInterrupt("the power went")
        return real(ws, own, _after_step=stop, **given)
    monkeypatch.setattr(rekey, "change_key", interrupted)
    with pytest.raises(KeyboardInterrupt):
        keys.change(admin, ADMIN_PASSWORD)
    admin.workspace.close()
    assert read_slots(folder).pending
    assert _check(folder, "worker", WORKER_PASSWORD) == ["kept"]
    slots = read_slots(folder)
    assert not slots.pending and slots.key_gen == stop_after - 1
    assert _check(folder, "admin", ADMIN_PASSWORD) == ["kept"]
    auth.sign_out(auth.sign_in_with_recovery_key(folder, new.recovery_key))


def test_a_workspace_bound_to_this_pc_keeps_working_after_a_change(memory_keyring, folder):
    new = make_workspace(folder, bind_to_pc=True)
    admin = new.session
    accounts.create_account(admin, "worker", "Wyn Worker", WORKER_PASSWORD, {"support_worker"})
    changed = keys.change(admin, ADMIN_PASSWORD)
    auth.sign_out(admin)
    assert _check(folder, "worker", WORKER_PASSWORD) == []
    assert _check(folder, "admin", ADMIN_PASSWORD) == []
    auth.sign_out(auth.sign_in_with_recovery_key(folder, changed.recovery_key))


def test_a_recovery_key_session_can_change_the_key(created, folder):
    new, _ = created
    auth.sign_out(new.session)
    session = auth.sign_in_with_recovery_key(folder, new.recovery_key)
    try:
        changed = keys.change(session)
    finally:
        auth.sign_out(session)
    assert len(changed.waiting) == 3
    assert _check(folder, "admin", ADMIN_PASSWORD) == []
