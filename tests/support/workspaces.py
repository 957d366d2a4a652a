"""Workspaces for tests: the standard staff and passwords, and template workspaces made
once per test session and copied into each test's own folder.

Making a workspace runs every migration and writes keys.json several times (about 0.3 s).
A copy of a template is its files (the database, its write-ahead log folded in, keys.json,
signin.json) copied into the test's folder and opened with the administrator's password
through the same code that opens any workspace: about 30 ms, and nothing about keys.json
or the database has to be known here. The copy holds what the template holds: the same
rows and the same audit trail (with the template's times), and the same keys.

So that two workspaces in one test are still two different workspaces (a database or a
key file from one must not open with the other, a backup of one is not the other's), the
second workspace a test makes is copied from a second template, and so on: each template
is made by ``setup.create_workspace``, with its own master key, recovery key, workspace
id and signing keys. Copies in different tests may come from the same template; nothing
one test can see is shared.

``make_workspace`` (the administrator alone) and ``standard_workspace`` (administrator,
manager, support worker) are plain functions, for fixtures, helpers and Hypothesis state
machines; tests/conftest.py wraps them as fixtures (``created``, ``fresh_workspace``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sv2desk import errors
from sv2desk.policy import roles
from sv2desk.services import accounts, settings, setup
from sv2desk.services.session import Session
from sv2desk.store import crypto, layout, locks
from sv2desk.store import opening

# Argon2id made as cheap as it goes (64 KiB, one pass): the tests exercise the logic of
# key slots, `make bench` measures their cost. Each derivation takes about 0.05 ms here,
# against 5.5 ms at the 8 MiB floor a real workspace never goes under.
FAST_KDF = crypto.KdfParams(time_cost=1, memory_kib=64, parallelism=1)
ADMIN_PASSWORD = "admin password 1"
WORKER_PASSWORD = "worker password 1"
MANAGER_PASSWORD = "manager password 1"
OTHER_PASSWORD = "other worker password"      # the second support worker ("other")
SECOND_MANAGER_PASSWORD = "kestrel orchard lamp 2"  # a second manager ("second")
ORGANISATION = settings.Organisation(name="SV2 Test", phone="01332 000000",
                                     address="1 Test Street\nDerby")


def create_workspace(folder: Path, bind_to_pc: bool = False) -> setup.NewWorkspace:
    """A workspace made from nothing, as the set-up wizard makes one: the test
    organisation and the administrator "admin" (also a manager), signed in."""
    return setup.create_workspace(
        folder, organisation=ORGANISATION, admin_username="admin",
        admin_display_name="Ada Admin", admin_password=ADMIN_PASSWORD,
        bind_to_pc=bind_to_pc, kdf=FAST_KDF)


@dataclass
class Template:
    """A workspace made once and closed (its write-ahead log folded into the database),
    to be copied."""

    folder: Path
    recovery_key: str = field(repr=False)
    admin: tuple[int, str, str, frozenset[str]]   # id, username, display name, roles
    ids: dict[str, int]

    @classmethod
    def make(cls, folder: Path, build: Callable[[Session], dict[str, int]]) -> "Template":
        """Create a workspace in ``folder``, let ``build(admin_session)`` add to it (it
        returns the ids a test needs), and close it without signing out (the audit trail
        holds only what ``build`` did, as in a workspace just made)."""
        new = create_workspace(folder)
        session = new.session
        try:
            ids = build(session)
            admin = (session.account_id, session.username, session.display_name,
                     session.roles)
        finally:
            session.close()   # flushes the audit head into keys.json; the WAL is folded in
        wal = folder / (layout.DB_NAME + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise RuntimeError("the template's write-ahead log was not folded in")
        return cls(folder, new.recovery_key, admin, ids)

    def copy_to(self, folder: Path) -> setup.NewWorkspace:
        """The template's files in ``folder``, opened with the administrator signed in (as
        ``setup.create_workspace`` leaves a new workspace: no sign-in entry)."""
        folder = Path(folder)
        if layout.exists(folder):
            raise errors.WorkspaceExists()
        folder.mkdir(parents=True, exist_ok=True)
        for path in self.folder.iterdir():
            if path.name == locks.NAME:
                continue
            if path.is_dir():
                shutil.copytree(path, folder / path.name)
            else:
                shutil.copyfile(path, folder / path.name)
        admin_id, username, display_name, admin_roles = self.admin
        workspace, account_id = opening.unlock_with_password(folder, username,
                                                               ADMIN_PASSWORD)
        assert account_id == admin_id
        return setup.NewWorkspace(Session(workspace, admin_id, username, display_name,
                                          admin_roles), self.recovery_key)


def standard_staff(admin: Session) -> dict[str, int]:
    """The manager and the support worker of ``standard_workspace``."""
    manager = accounts.create_account(admin, "manager", "Mo Manager", MANAGER_PASSWORD,
                                      {roles.MANAGER})
    worker = accounts.create_account(admin, "worker", "Wyn Worker", WORKER_PASSWORD,
                                     {roles.SUPPORT_WORKER}, line_manager_id=manager.id)
    return {"admin": admin.account_id, "manager": manager.id, "worker": worker.id}


_TEMPLATES: dict[tuple[str, int], Template] = {}
_LOCK = threading.Lock()
_root: Path | None = None
_made_in: dict[str, object] = {"test": None}     # the test the counts below belong to
_made: dict[str, int] = {}                       # template name -> copies made in that test


def set_template_folder(folder: Path | None) -> None:
    """Where templates are made (tests/conftest.py gives a folder of pytest's temporary
    tree for the session); ``None`` forgets every template made so far."""
    global _root
    with _LOCK:
        _root = Path(folder) if folder is not None else None
        _TEMPLATES.clear()


def _current_test() -> str | None:
    # "tests/test_x.py::test_y (setup)": pytest sets it during each test's set-up, call and
    # teardown (a module fixture made during the first test's set-up counts as that test's).
    current = os.environ.get("PYTEST_CURRENT_TEST")
    return current.rsplit(" ", 1)[0] if current else None


def template(name: str, build: Callable[[Session], dict[str, int]], *,
             distinct: bool = True) -> Template:
    """A template called ``name`` (made on first use with ``build``, see Template.make).

    With ``distinct``, each call in one test gives a different template of that name, so
    the workspaces a test makes are separate workspaces; without it, always the first."""
    global _root
    with _LOCK:
        test = _current_test()
        if test != _made_in["test"]:
            _made_in["test"] = test
            _made.clear()
        number = _made.get(name, 0) if distinct else 0
        if distinct:
            _made[name] = number + 1
        if (name, number) not in _TEMPLATES:
            if _root is None:
                _root = Path(tempfile.mkdtemp(prefix="sv2desk-templates-"))
            folder = _root / f"{name.replace(' ', '-')}-{number + 1}"
            _TEMPLATES[name, number] = Template.make(folder, build)
        return _TEMPLATES[name, number]


def make_workspace(folder: Path, bind_to_pc: bool = False) -> setup.NewWorkspace:
    """A new workspace with the administrator "admin" (also a manager) signed in.

    Copied from a template; bound to this PC it is made from nothing (the device secret
    belongs in the keyring of this test)."""
    if bind_to_pc:
        return create_workspace(folder, bind_to_pc=True)
    return template("admin", lambda admin: {"admin": admin.account_id}).copy_to(folder)


def standard_workspace(folder: Path, *, distinct: bool = True
                       ) -> tuple[setup.NewWorkspace, dict[str, int]]:
    """A new workspace with an administrator (also a manager) signed in, a manager
    ("manager") and a support worker ("worker") whose line manager is that manager.
    Returns it with {"admin": id, "manager": id, "worker": id}.

    ``distinct=False`` copies the first template however many copies this test has made:
    for a state machine that makes one workspace per run and leaves the last behind (each
    copy has its own folder and data, but the same keys as the others)."""
    made = template("standard", standard_staff, distinct=distinct)
    return made.copy_to(folder), dict(made.ids)
