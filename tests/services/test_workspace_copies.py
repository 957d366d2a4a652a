"""The workspaces the tests are given: copies of templates, each whole and as the set-up
leaves a new workspace; two in one test are separate workspaces, each opening only with its
own keys."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from sv2desk import errors
from sv2desk.policy import roles
from sv2desk.services import accounts, audit, auth
from sv2desk.store import device, layout

from ..support import workspaces
from ..support.safety_helpers import snapshot
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD


def _keys(folder) -> dict:
    return json.loads((folder / layout.KEYS_NAME).read_text("utf-8"))


@pytest.mark.file_only
def test_a_copy_holds_what_a_made_workspace_holds(created, folder, tmp_path):
    new, ids = created
    made = workspaces.create_workspace(tmp_path / "made")
    made_ids = workspaces.standard_staff(made.session)
    try:
        # The same audit trail as making it by hand: what was made, nobody signed in or out.
        trail = [(r.account_id, r.action, r.outcome) for r in audit.recent(new.session)]
        made_trail = [(r.account_id, r.action, r.outcome) for r in audit.recent(made.session)]
        assert trail == made_trail
        staff = {a.username: a for a in accounts.list_accounts(new.session)}
        assert set(staff) == {"admin", "manager", "worker"}
        assert staff["admin"].roles == {roles.ADMIN, roles.MANAGER}
        assert staff["manager"].roles == {roles.MANAGER}
        assert staff["worker"].roles == {roles.SUPPORT_WORKER}
        assert staff["worker"].line_manager_id == ids["manager"] == staff["manager"].id
        assert ids == {name: staff[name].id for name in staff} == made_ids
        assert audit.verify(new.session).ok
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            p.name for p in (tmp_path / "made").iterdir())
        assert _keys(folder)["kdf"] == _keys(tmp_path / "made")["kdf"]
    finally:
        auth.sign_out(made.session)


def test_every_standard_account_signs_in_with_its_own_password(created, folder):
    auth.sign_out(created[0].session)
    for username, password, expected in (("admin", ADMIN_PASSWORD, {roles.ADMIN, roles.MANAGER}),
                                         ("manager", MANAGER_PASSWORD, {roles.MANAGER}),
                                         ("worker", WORKER_PASSWORD, {roles.SUPPORT_WORKER})):
        with pytest.raises(errors.WrongPassword):
            auth.sign_in(folder, username, "not the password 1")
        session = auth.sign_in(folder, username, password)
        assert session.roles == expected
        assert audit.check_chain(session.workspace).ok
        auth.sign_out(session)


def test_two_copies_in_one_test_are_separate_workspaces(fresh_workspace, tmp_path):
    (one, _), (two, _) = fresh_workspace(), fresh_workspace()
    a, b = one.session.workspace, two.session.workspace
    assert a.folder != b.folder
    assert a.slots.workspace_id != b.slots.workspace_id
    assert a._master_key != b._master_key
    assert one.recovery_key != two.recovery_key
    one.session.close()
    two.session.close()
    # One's recovery key does not open the other; each opens with its own.
    with pytest.raises(errors.WrongRecoveryKey):
        auth.sign_in_with_recovery_key(a.folder, two.recovery_key)
    auth.sign_out(auth.sign_in_with_recovery_key(a.folder, one.recovery_key))
    # The database of one, beside the other's keys.json, is refused.
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copyfile(a.folder / layout.DB_NAME, mixed / layout.DB_NAME)
    shutil.copyfile(b.folder / layout.KEYS_NAME, mixed / layout.KEYS_NAME)
    with pytest.raises(errors.WorkspaceDamaged):
        auth.sign_in(mixed, "admin", ADMIN_PASSWORD)
    raw = (a.folder / layout.DB_NAME).read_bytes()
    assert not raw.startswith(b"SQLite format 3") and b"Wyn Worker" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(a.folder / layout.DB_NAME).execute("SELECT * FROM sqlite_master")


def test_a_workspace_from_the_first_template_again_is_a_separate_copy(tmp_path):
    """``distinct=False`` (for a state machine's one workspace per run): the same keys as
    the first copy, but its own folder and its own data."""
    one, _ = workspaces.standard_workspace(tmp_path / "one", distinct=False)
    two, _ = workspaces.standard_workspace(tmp_path / "two", distinct=False)
    try:
        assert one.session.workspace.slots.workspace_id == two.session.workspace.slots.workspace_id
        accounts.create_account(one.session, "extra", "Extra Person", "extra password 1",
                                {roles.SUPPORT_WORKER})
        assert "extra" not in {a.username for a in accounts.list_accounts(two.session)}
    finally:
        auth.sign_out(one.session)
        auth.sign_out(two.session)


def test_work_in_one_copy_is_not_seen_in_another(fresh_workspace):
    (one, _), (two, _) = fresh_workspace(), fresh_workspace()
    accounts.create_account(one.session, "extra", "Extra Person", "extra password 1",
                            {roles.SUPPORT_WORKER})
    assert "extra" not in {a.username for a in accounts.list_accounts(two.session)}
    assert "extra" not in {a.username for a in accounts.list_accounts(
        fresh_workspace()[0].session)}
    assert audit.verify(one.session).ok and audit.verify(two.session).ok


def test_the_template_was_left_whole_and_unchanged(tmp_path):
    template = workspaces.template("standard", workspaces.standard_staff)
    assert not (template.folder / (layout.DB_NAME + "-wal")).exists()
    before = snapshot(template.folder)
    new = template.copy_to(tmp_path / "copy")
    accounts.create_account(new.session, "another", "Another One", "another password 1",
                            {roles.MANAGER})
    auth.sign_out(new.session)
    assert snapshot(template.folder) == before


def test_a_copy_is_not_made_over_existing_data(created, folder):
    with pytest.raises(errors.WorkspaceExists):
        workspaces.make_workspace(folder)


def test_a_workspace_bound_to_this_pc_is_made_afresh(folder, memory_keyring):
    new = workspaces.make_workspace(folder, bind_to_pc=True)
    assert new.session.bound_to_pc
    assert list(memory_keyring.store) == [
        (device.SERVICE, f"device-secret:{new.session.workspace.slots.workspace_id}")]
    auth.sign_out(new.session)
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
