"""Opening a data folder of either kind, chosen by what the folder holds: the workspace in one
file on this PC (workspace.py) or on the office server (server_workspace.py). Sign-in, the
command line and anything else that opens a folder it did not make come through here.
"""

from __future__ import annotations

from pathlib import Path

from .slots import SlotFile
from .workspace import Workspace


def kind_of(folder: Path) -> type[Workspace]:
    """The class that opens ``folder``. (The office server's modules, and PostgreSQL's
    driver, are imported only for a folder on the server.)"""
    from . import server
    if server.is_server_folder(Path(folder)):
        from .server_workspace import ServerWorkspace
        return ServerWorkspace
    return Workspace


def read_slots(folder: Path, *, for_sign_in: bool = False) -> SlotFile:
    """The folder's key slots: keys.json, or the server's master copy. ``for_sign_in``:
    an office server's connection that read them is kept for the sign-in's
    ``unlock_with_password`` (which must follow, or ``let_go``)."""
    kind = kind_of(folder)
    if for_sign_in and kind.kind == "server":
        from .server_workspace import fetch_slots
        return fetch_slots(Path(folder), keep_connection=True)
    return kind.read_slots(Path(folder))


def let_go(folder: Path) -> None:
    """After a sign-in that did not open the folder: close the connection kept for it."""
    from . import server
    if server.is_server_folder(Path(folder)):
        from .server_workspace import HANDOVER
        HANDOVER.drop(Path(folder))


def unlock_with_password(folder: Path, username: str, password: str,
                         slots: SlotFile | None = None, *,
                         check_head: bool = True) -> tuple[Workspace, int]:
    """Open with a staff password. Returns the workspace and the account id."""
    return kind_of(folder).unlock_with_password(folder, username, password, slots,
                                                check_head=check_head)


def unlock_with_recovery(folder: Path, recovery_key: str, slots: SlotFile | None = None, *,
                         check_head: bool = True) -> Workspace:
    """Open with the recovery key (on a bound workspace this also enrols this PC)."""
    return kind_of(folder).unlock_with_recovery(folder, recovery_key, slots,
                                                check_head=check_head)
