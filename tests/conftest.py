"""Shared fixtures: a fresh encrypted workspace per test (copied from a template made once
per session, see tests/support/workspaces.py), cheap key derivation, keyrings."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest

from sv2desk.services import auth, setup

# The server fixtures are a plugin module too (below): its asserts rewritten like a conftest's.
pytest.register_assert_rewrite("tests.support.server_fixtures")

from .support import releases, server_fixtures, workspaces
from .support.keyrings import MemoryKeyring
from .support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD

pytest_plugins = ["tests.support.server_fixtures"]

def pytest_configure(config):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "5")
    # Window sizes and places go in a folder of this run's own, not the developer's.
    import tempfile
    os.environ["SV2DESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="sv2desk-test-settings-")
    # Start every test from "no keyring" (as on these Linux machines, and whatever the
    # developer's PC has); tests that want one install it with a fixture. Without this,
    # keyring would pick MemoryKeyring as the best backend it can find.
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())


@pytest.fixture(scope="session", autouse=True)
def workspace_templates(tmp_path_factory):
    """Templates are made in the session's temporary folder, once each, on first use."""
    workspaces.set_template_folder(tmp_path_factory.mktemp("templates"))
    yield
    workspaces.set_template_folder(None)


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(request):
    """In a test that drives Qt, Python's cyclic garbage collector runs only here, on the
    GUI thread, before and after the test. Left to itself it runs in whichever thread is
    allocating when it falls due, often SV2 Desk's database thread, and freeing a Qt object
    there can crash the whole run (it did once in `make test`: a segfault while a sign-in
    ran on that thread)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


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


@pytest.fixture
def created(folder, workspace_kind, request):
    """A new workspace with an admin (also a manager), a manager and a support worker, of
    the kind ``workspace_kind`` (tests/support/server_fixtures.py: one file, or the office server).

    Yields (NewWorkspace, {"admin": id, "manager": id, "worker": id}); the admin
    session is signed out at the end of the test if still open.
    """
    if workspace_kind == "server":
        admin, recovery_key, ids = server_fixtures.server_workspace(folder, request,
                                                                    _standard)
        yield setup.NewWorkspace(admin, recovery_key), ids
        auth.sign_out(admin)
        return
    new, ids = workspaces.standard_workspace(folder)
    yield new, ids
    auth.sign_out(new.session)


def _standard(folder):
    new, ids = workspaces.standard_workspace(folder)
    return new, ids, ADMIN_PASSWORD


@pytest.fixture
def admin_session(created):
    return created[0].session


@pytest.fixture
def people(created, admin_session, folder):
    """Signed in, for the perpetrator workflow: the worker (line manager: 'manager'),
    'other' (another support worker, same line manager), 'manager', 'second' (a second
    manager) and 'admin' (the administrator, also a manager). Signed out at the end.
    (A test module with a different cast defines its own ``people``.)"""
    from sv2desk.policy import roles
    from sv2desk.services import accounts
    _, ids = created
    accounts.create_account(admin_session, "other", "Other Worker",
                            workspaces.OTHER_PASSWORD, {roles.SUPPORT_WORKER},
                            line_manager_id=ids["manager"])
    accounts.create_account(admin_session, "second", "Second Manager",
                            workspaces.SECOND_MANAGER_PASSWORD, {roles.MANAGER})
    sessions = {"worker": auth.sign_in(folder, "worker", WORKER_PASSWORD),
                "other": auth.sign_in(folder, "other", workspaces.OTHER_PASSWORD),
                "manager": auth.sign_in(folder, "manager", MANAGER_PASSWORD),
                "second": auth.sign_in(folder, "second", workspaces.SECOND_MANAGER_PASSWORD)}
    yield sessions | {"admin": admin_session}
    for session in sessions.values():
        auth.sign_out(session)


@pytest.fixture
def fresh_workspace(tmp_path):
    """Make new workspaces, as many as a test needs: ``fresh_workspace()`` returns
    (NewWorkspace, {"admin": id, "manager": id, "worker": id}) like ``created``, each in
    its own folder under the test's tmp_path (or in ``fresh_workspace(folder)``), with the
    administrator signed in. Each is a separate workspace (its own master key, recovery key,
    workspace id and signing keys): the n-th in a test is copied from the n-th template,
    made once per session. A copy costs about 15 ms (11 ms of CPU); ``created`` is one.
    ``fresh_workspace(distinct=False)`` copies the first template every time (for many
    short-lived workspaces in one test, such as one per Hypothesis example).
    Every administrator session still open is closed at the end of the test.

    For a Hypothesis state machine (which cannot take fixtures), call
    ``tests.support.workspaces.standard_workspace(folder, distinct=False)`` in its set-up and close
    the session in its teardown.
    """
    made = []

    def make(folder=None, *, distinct=True):
        folder = folder or tmp_path / f"fresh-{len(made) + 1}"
        new, ids = workspaces.standard_workspace(folder, distinct=distinct)
        made.append(new)
        return new, ids

    yield make
    for new in made:
        if new.session.open:
            new.session.close()


@pytest.fixture
def install_later_release(tmp_path, monkeypatch):
    """Call it to "install" a later release: today's migrations plus one more revision
    on top of today's head (tests/support/releases.py). Returns today's head."""
    return lambda: releases.install(tmp_path, monkeypatch)


_TRANSLATOR = []


@pytest.fixture(autouse=True)
def british_english(request):
    """Tests that drive widgets run with the translator SV2 Desk loads (en_GB: "1 minute",
    "30 seconds"), installed once for the session's QApplication."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        if not _TRANSLATOR:
            request.getfixturevalue("qapp")
            from sv2desk.ui.common import translator
            _TRANSLATOR.append(translator.install())
    yield
