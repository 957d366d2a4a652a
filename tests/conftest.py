"""Shared fixtures: a fresh encrypted workspace per test, cheap key derivation, keyrings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend

from sv2desk.policy import roles
from sv2desk.services import accounts, auth, settings, setup
from sv2desk.store.crypto import KdfParams

from . import server_fixtures

pytest_plugins = ["tests.server_fixtures"]

# Argon2id at its cheapest: the tests exercise the logic, `make bench` measures the cost.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
ADMIN_PASSWORD = "admin password 1"
WORKER_PASSWORD = "worker password 1"
MANAGER_PASSWORD = "manager password 1"


def pytest_configure(config):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "5")
    # Start every test from "no keyring" (as on these Linux machines, and whatever the
    # developer's PC has); tests that want one install it with a fixture. Without this,
    # keyring would pick MemoryKeyring below as the best backend it can find.
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


class MemoryKeyring(KeyringBackend):
    """A working keyring held in memory, for tests."""

    priority = 10

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    """Install a working in-memory keyring for the test; restore the old one after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    """The state of these Linux machines: only the fail backend."""
    from keyring.backends import fail
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "workspace"


def make_workspace(folder, bind_to_pc=False):
    return setup.create_workspace(
        folder, organisation=settings.Organisation(name="SV2 Test", phone="01332 000000",
                                                   address="1 Test Street\nDerby"),
        admin_username="admin", admin_display_name="Ada Admin",
        admin_password=ADMIN_PASSWORD, bind_to_pc=bind_to_pc, kdf=FAST_KDF)


@pytest.fixture
def created(folder, workspace_kind, request):
    """A new workspace with an admin (also a manager), a manager and a support worker, of
    the kind ``workspace_kind`` (tests/server_fixtures.py: one file, or the office server).

    Yields (NewWorkspace, {"admin": id, "manager": id, "worker": id}); the admin
    session is signed out at the end of the test if still open.
    """
    if workspace_kind == "server":
        admin, recovery_key, ids = server_fixtures.server_workspace(folder, request,
                                                                    _three_staff)
        yield setup.NewWorkspace(admin, recovery_key), ids
    else:
        new, ids, _ = _three_staff(folder)
        admin = new.session
        yield new, ids
    auth.sign_out(admin)


def _three_staff(folder):
    new = make_workspace(folder)
    admin = new.session
    manager = accounts.create_account(admin, "manager", "Mo Manager", MANAGER_PASSWORD,
                                      {roles.MANAGER})
    worker = accounts.create_account(admin, "worker", "Wyn Worker", WORKER_PASSWORD,
                                     {roles.SUPPORT_WORKER}, line_manager_id=manager.id)
    return new, {"admin": admin.account_id, "manager": manager.id, "worker": worker.id}, \
        ADMIN_PASSWORD


@pytest.fixture
def admin_session(created):
    return created[0].session
