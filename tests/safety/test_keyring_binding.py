"""Binding the data to this PC with a device secret kept in the system keyring.

A copy of the data folder must not open with a staff password on another PC;
the recovery key opens it anywhere and enrols that PC; with no usable keyring
binding is refused (never a plaintext fallback) and unbound data works.
"""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from sv2desk import cli, errors
from sv2desk.services import auth
from sv2desk.store import device, workspace as ws_mod

from ..support.keyrings import MemoryKeyring
from ..support.safety_helpers import assert_plain_message, changes, snapshot
from ..support.workspaces import ADMIN_PASSWORD, make_workspace


class WrongValueKeyring(KeyringBackend):
    """A keyring that answers, but with a value that is not this data's device secret."""

    priority = 10

    def __init__(self, value: str):
        super().__init__()
        self.value = value
        self.written: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.written.get((service, username), self.value)

    def set_password(self, service, username, password):
        self.written[(service, username)] = password

    def delete_password(self, service, username):
        self.written.pop((service, username), None)


class BrokenKeyring(KeyringBackend):
    """A keyring whose reads fail (a locked or broken store); writes may fail too."""

    priority = 10

    def __init__(self, writes_fail: bool):
        super().__init__()
        self.writes_fail = writes_fail
        self.writes = 0

    def get_password(self, service, username):
        raise KeyringError("the keyring is locked")

    def set_password(self, service, username, password):
        self.writes += 1
        if self.writes_fail:
            raise KeyringError("the keyring is locked")

    def delete_password(self, service, username):
        raise KeyringError("the keyring is locked")


@pytest.fixture
def use_keyring():
    """Switch keyring backend during a test (a different PC); the old one is restored."""
    previous = keyring.get_keyring()

    def switch(backend):
        keyring.set_keyring(backend)
        return backend

    yield switch
    keyring.set_keyring(previous)


def _bound(folder):
    """Bound data made on this PC (the current keyring), signed out; its recovery key."""
    new = make_workspace(folder, bind_to_pc=True)
    assert new.session.bound_to_pc
    recovery_key = new.recovery_key
    auth.sign_out(new.session)
    return recovery_key


def _status(capsys, monkeypatch, folder) -> str:
    monkeypatch.setenv("SV2DESK_WORKSPACE", str(folder))
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("PC binding:"))
    return line


# -- a PC with a keyring -----------------------------------------------------------------------

def test_bound_data_opens_with_a_password_on_the_pc_it_was_made_on(
        folder, memory_keyring, capsys, monkeypatch):
    _bound(folder)
    secrets_kept = list(memory_keyring.store.values())
    assert len(secrets_kept) == 1 and len(bytes.fromhex(secrets_kept[0])) == 32
    # The device secret is in the keyring only: not in any file of the data folder.
    for path in folder.rglob("*"):
        if path.is_file():
            assert secrets_kept[0].encode() not in path.read_bytes()
            assert bytes.fromhex(secrets_kept[0]) not in path.read_bytes()
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert session.bound_to_pc
    auth.sign_out(session)
    assert "bound to this PC" in _status(capsys, monkeypatch, folder)


def test_on_another_pc_a_password_is_refused_until_the_recovery_key_enrols_it(
        folder, memory_keyring, use_keyring, capsys, monkeypatch):
    recovery_key = _bound(folder)
    other_pc = use_keyring(MemoryKeyring())          # the folder copied to a new PC
    before = snapshot(folder)
    with pytest.raises(errors.DeviceNotEnrolled) as refused:
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert_plain_message(refused.value)
    assert "recovery key" in refused.value.message
    assert changes(before, snapshot(folder))["changed"] in ([], ["signin.json"])
    assert "does not hold its key" in _status(capsys, monkeypatch, folder)

    session = auth.sign_in_with_recovery_key(folder, recovery_key)
    assert other_pc.store, "opening with the recovery key enrols this PC"
    assert other_pc.store == memory_keyring.store   # the same device secret as the first PC
    auth.sign_out(session)
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    assert "bound to this PC" in _status(capsys, monkeypatch, folder)


def test_the_admin_command_enrols_a_pc(folder, memory_keyring, use_keyring, capsys,
                                       monkeypatch):
    recovery_key = _bound(folder)
    other_pc = use_keyring(MemoryKeyring())
    monkeypatch.setenv("SV2DESK_WORKSPACE", str(folder))
    monkeypatch.setenv("SV2DESK_RECOVERY_KEY", recovery_key)
    assert cli.main(["enrol-pc"]) == 0
    assert "enrolled" in capsys.readouterr().out
    assert other_pc.store
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))


@pytest.mark.parametrize("value", [os.urandom(32).hex(), "not hex at all", ""],
                         ids=["another key", "not hex at all", "empty"])
def test_a_keyring_holding_a_different_key_is_a_mismatch_not_a_wrong_password(
        folder, memory_keyring, use_keyring, capsys, monkeypatch, value):
    recovery_key = _bound(folder)
    use_keyring(WrongValueKeyring(value))
    with pytest.raises(errors.DeviceKeyMismatch) as mismatch:
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert_plain_message(mismatch.value)
    assert "recovery key" in mismatch.value.message
    assert "holds a different key" in _status(capsys, monkeypatch, folder)
    # The recovery key puts the right secret back; then the password works again.
    auth.sign_out(auth.sign_in_with_recovery_key(folder, recovery_key))
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))


def test_a_wrong_password_on_bound_data_is_still_just_a_wrong_password(folder, memory_keyring):
    _bound(folder)
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "admin", "not the password")


# -- a PC without a (working) keyring -------------------------------------------------------------

def test_with_no_keyring_binding_is_refused_and_unbound_data_works(
        folder, no_keyring, capsys, monkeypatch):
    with pytest.raises(errors.KeyringUnavailable) as refused:
        make_workspace(folder, bind_to_pc=True)
    assert_plain_message(refused.value)
    assert not ws_mod.exists(folder), "nothing is left half made"
    new = make_workspace(folder)
    assert not new.session.bound_to_pc
    auth.sign_out(new.session)
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    status = _status(capsys, monkeypatch, folder)
    assert "not bound to a PC" in status and "no keyring" in status


def test_the_admin_command_refuses_binding_without_a_keyring(folder, no_keyring, capsys,
                                                             monkeypatch):
    monkeypatch.setenv("SV2DESK_NEW_PASSWORD", ADMIN_PASSWORD)
    code = cli.main(["--workspace", str(folder), "init", "--organisation", "SV2",
                     "--admin-username", "ann", "--admin-name", "Ann Smith", "--bind-to-pc"])
    assert code == 2
    err = capsys.readouterr().err
    assert errors.KeyringUnavailable.message in err
    assert not ws_mod.exists(folder)


def test_bound_data_on_a_pc_with_no_keyring_opens_only_with_the_recovery_key(
        folder, memory_keyring, use_keyring, capsys, monkeypatch):
    from keyring.backends import fail
    recovery_key = _bound(folder)
    use_keyring(fail.Keyring())
    with pytest.raises(errors.DeviceNotEnrolled):
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert "does not hold its key" in _status(capsys, monkeypatch, folder)
    session = auth.sign_in_with_recovery_key(folder, recovery_key)  # no plaintext fallback
    assert session.bound_to_pc
    auth.sign_out(session)
    assert not [p for p in folder.rglob("*") if "device" in p.name.lower()]
    with pytest.raises(errors.DeviceNotEnrolled):
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)


@pytest.mark.parametrize("writes_fail", [True, False], ids=["reads-and-writes-fail",
                                                             "reads-fail"])
def test_a_keyring_that_raises_behaves_like_no_keyring(
        folder, memory_keyring, use_keyring, capsys, monkeypatch, tmp_path, writes_fail):
    recovery_key = _bound(folder)
    broken = use_keyring(BrokenKeyring(writes_fail))
    # Binding new data is refused, as with no keyring (a secret that cannot be read back
    # would lock every staff password out at once).
    other = tmp_path / "other"
    with pytest.raises(errors.KeyringUnavailable):
        make_workspace(other, bind_to_pc=True)
    assert not ws_mod.exists(other)
    # Unbound data works.
    new = make_workspace(other)
    auth.sign_out(new.session)
    auth.sign_out(auth.sign_in(other, "admin", ADMIN_PASSWORD))
    # Bound data: the password is refused with the typed error, the recovery key still opens.
    with pytest.raises(errors.DeviceNotEnrolled):
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert "does not hold its key" in _status(capsys, monkeypatch, folder)
    session = auth.sign_in_with_recovery_key(folder, recovery_key)
    assert session.bound_to_pc
    auth.sign_out(session)
    assert broken.writes >= 1


def test_status_needs_no_password_and_shows_no_secret(folder, memory_keyring, capsys,
                                                     monkeypatch):
    _bound(folder)
    monkeypatch.setenv("SV2DESK_WORKSPACE", str(folder))
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    secret = next(iter(memory_keyring.store.values()))
    assert secret not in out and ADMIN_PASSWORD not in out
    assert "Staff accounts that can sign in: 1" in out
    assert device.backend_available()
