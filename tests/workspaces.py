"""Workspaces for tests: the standard staff and passwords, and template workspaces made
once per test session and copied, as separate workspaces, into each test's own folder.

Making a workspace runs every migration and writes keys.json several times (about 0.3 s);
a copy of a template made earlier in the session costs a few milliseconds. A copy is not
a clone: it gets its own master key (every page of the database re-encrypted with
SQLCipher's ``PRAGMA rekey``), its own workspace id, its own recovery key and freshly made
key slots (new salts), so two copies are as separate as two workspaces made by
``setup.create_workspace``: the database of one does not open with the other's keys.json,
one's recovery key does not open the other, their backups are told apart. What a copy
shares with its template is the database's contents: the same rows and the same audit
trail, with the template's times.

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
from sv2desk.store import crypto, engine as engine_mod, layout, signin_state
from sv2desk.store.slots import SlotFile
from sv2desk.store.workspace import RECOVERY_SLOT, Workspace, account_slot_id

# Argon2id made as cheap as it goes (64 KiB, one pass): the tests exercise the logic of
# key slots, `make bench` measures their cost. Each derivation takes about 0.05 ms here,
# against 5.5 ms at the 8 MiB floor a real workspace never goes under.
FAST_KDF = crypto.KdfParams(time_cost=1, memory_kib=64, parallelism=1)
ADMIN_PASSWORD = "admin password 1"
WORKER_PASSWORD = "worker password 1"
MANAGER_PASSWORD = "manager password 1"
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
    """A workspace made once (closed, its write-ahead log checkpointed into the database),
    to be copied. ``passwords`` holds the password of every account with a key slot:
    a copy makes each slot afresh, under its own master key."""

    folder: Path
    master_key: bytes = field(repr=False)
    slots: SlotFile = field(repr=False)
    admin: tuple[int, str, str, frozenset[str]]   # id, username, display name, roles
    passwords: dict[str, str] = field(repr=False)  # username -> password
    ids: dict[str, int]

    @classmethod
    def make(cls, folder: Path, build: Callable[[Session], dict[str, int]],
             passwords: dict[str, str]) -> "Template":
        """Create a workspace in ``folder``, let ``build(admin_session)`` add to it (it
        returns the ids a test needs), and close it without signing out (the audit trail
        holds only what ``build`` did, as in a workspace just made)."""
        new = create_workspace(folder)
        session = new.session
        try:
            ids = build(session)
            slots = session.workspace.slots
            master_key = session.workspace._master_key
            admin = (session.account_id, session.username, session.display_name,
                     session.roles)
        finally:
            session.close()   # flushes the audit head into keys.json; the WAL is checkpointed
        wal = folder / (layout.DB_NAME + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise RuntimeError("the template's write-ahead log was not checkpointed")
        slots = SlotFile.load(folder / layout.KEYS_NAME)
        slots.verify(master_key)
        passwords = {"admin": ADMIN_PASSWORD, **passwords}
        for slot in slots.slots:
            if slot.kind == "account" and not any(
                    slots.find_user(name) is slot for name in passwords):
                raise ValueError(f"the template has no password for account {slot.account_id}")
        return cls(folder, master_key, slots, admin, passwords, ids)

    def copy_to(self, folder: Path) -> setup.NewWorkspace:
        """A separate workspace in ``folder`` holding what the template holds, with the
        template's administrator signed in (as ``setup.create_workspace`` leaves it)."""
        folder = Path(folder)
        if layout.exists(folder):
            raise errors.WorkspaceExists()
        folder.mkdir(parents=True, exist_ok=True)
        master_key = os.urandom(crypto.KEY_BYTES)
        db_path = folder / layout.DB_NAME
        shutil.copyfile(self.folder / layout.DB_NAME, db_path)
        conn = engine_mod.connect(db_path, self.master_key, create=False)
        try:
            conn.execute(f"PRAGMA rekey = \"x'{master_key.hex()}'\"")
        finally:
            conn.close()
        for name in (signin_state.NAME,):
            if (self.folder / name).exists():
                shutil.copyfile(self.folder / name, folder / name)
        slots = SlotFile.new(self.slots.kdf)
        slots.tag_salt = self.slots.tag_salt    # so each username's tag stays what it was
        slots.audit_head = dict(self.slots.audit_head)
        recovery_key = crypto.new_recovery_key()
        for slot in self.slots.slots:
            if slot.kind == "recovery":
                slots.put(slots.make_slot(RECOVERY_SLOT, "recovery", recovery_key.encode(),
                                          master_key))
            elif slot.kind == "account":
                username = next(n for n in self.passwords if self.slots.find_user(n) is slot)
                slots.put(slots.make_slot(
                    account_slot_id(slot.account_id), "account",
                    self.passwords[username].encode(), master_key,
                    account_id=slot.account_id, username=username))
            else:                                # a tombstone holds no key: as it was
                slots.put(slot)
        slots.save(folder / layout.KEYS_NAME, master_key)
        workspace = Workspace(folder, master_key, slots, None)
        admin_id, username, display_name, admin_roles = self.admin
        return setup.NewWorkspace(Session(workspace, admin_id, username, display_name,
                                          admin_roles), recovery_key)


def _standard_staff(admin: Session) -> dict[str, int]:
    manager = accounts.create_account(admin, "manager", "Mo Manager", MANAGER_PASSWORD,
                                      {roles.MANAGER})
    worker = accounts.create_account(admin, "worker", "Wyn Worker", WORKER_PASSWORD,
                                     {roles.SUPPORT_WORKER}, line_manager_id=manager.id)
    return {"admin": admin.account_id, "manager": manager.id, "worker": worker.id}


_TEMPLATES: dict[str, Template] = {}
_TEMPLATE_LOCK = threading.Lock()
_template_root: Path | None = None


def set_template_folder(folder: Path | None) -> None:
    """Where templates are made (tests/conftest.py gives a folder of pytest's temporary
    tree for the session); ``None`` forgets every template made so far."""
    global _template_root
    with _TEMPLATE_LOCK:
        _template_root = Path(folder) if folder is not None else None
        _TEMPLATES.clear()


def template(name: str, build: Callable[[Session], dict[str, int]] | None = None,
             passwords: dict[str, str] | None = None) -> Template:
    """The template called ``name``, made on first use with ``build`` (see Template.make)."""
    global _template_root
    with _TEMPLATE_LOCK:
        if name not in _TEMPLATES:
            if build is None:
                raise KeyError(name)
            if _template_root is None:
                _template_root = Path(tempfile.mkdtemp(prefix="sv2desk-templates-"))
            folder = _template_root / name.replace(" ", "-")
            _TEMPLATES[name] = Template.make(folder, build, passwords or {})
        return _TEMPLATES[name]


def make_workspace(folder: Path, bind_to_pc: bool = False) -> setup.NewWorkspace:
    """A new workspace with the administrator "admin" (also a manager) signed in.

    Copied from a template; bound to this PC it is made from nothing (the device secret
    belongs in the keyring of this test)."""
    if bind_to_pc:
        return create_workspace(folder, bind_to_pc=True)
    return template("admin", lambda admin: {"admin": admin.account_id}).copy_to(folder)


def standard_workspace(folder: Path) -> tuple[setup.NewWorkspace, dict[str, int]]:
    """A new workspace with an administrator (also a manager) signed in, a manager
    ("manager") and a support worker ("worker") whose line manager is that manager.
    Returns it with {"admin": id, "manager": id, "worker": id}."""
    made = template("standard", _standard_staff,
                    {"manager": MANAGER_PASSWORD, "worker": WORKER_PASSWORD})
    return made.copy_to(folder), dict(made.ids)
