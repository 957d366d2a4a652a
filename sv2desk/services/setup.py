"""Setting up a new workspace: the database, the recovery key and the first administrator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import errors
from ..policy import roles as role_names, signin as signin_policy
from ..store import crypto
from ..store.workspace import Workspace
from . import accounts, audit, settings, signposting
from .session import Session


@dataclass(frozen=True)
class NewWorkspace:
    session: Session
    recovery_key: str   # show once, then forget


def create_workspace(folder: Path, *, organisation: settings.Organisation,
                     admin_username: str, admin_display_name: str, admin_password: str,
                     bind_to_pc: bool = False, kdf: crypto.KdfParams | None = None,
                     extra_roles=(role_names.MANAGER,),
                     recovery_key_stored: bool = True) -> NewWorkspace:
    """Create the workspace and sign the first administrator in."""
    problem = signin_policy.password_problem(
        admin_password, strong=True, user_inputs=(admin_username, admin_display_name,
                                                  organisation.name))
    if problem:
        raise errors.ValidationError({"password": problem})
    settings.validate_organisation(organisation)
    workspace, recovery_key = Workspace.create(folder, bind_to_pc=bind_to_pc, kdf=kdf)
    try:
        with workspace.transaction() as db:
            audit.record(db, None, "workspace.create")
            admin = accounts.insert_account(db, admin_username, admin_display_name,
                                            {role_names.ADMIN, *extra_roles})
            settings.store_organisation(db, organisation)
            if not recovery_key_stored:     # the set-up window: until the person confirms
                settings._store(db, settings.RECOVERY_KEY_STORED, "no")
            signposting.seed(db)
            workspace.set_password_slot(admin.id, admin.username, admin_password, own=True)
            audit.record(db, admin.id, "accounts.create", "account", admin.id)
            session = Session(workspace, admin.id, admin.username, admin.display_name,
                              frozenset(r.role for r in admin.roles))
    except BaseException:
        workspace.close()
        for name in ("sv2desk.db", "sv2desk.db-wal", "sv2desk.db-shm", "keys.json",
                     "sv2desk.lock"):
            (Path(folder) / name).unlink(missing_ok=True)
        raise
    return NewWorkspace(session, recovery_key)
