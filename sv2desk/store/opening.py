"""Opening a data folder of either kind, chosen by what the folder holds: the workspace in one
file on this PC (workspace.py) or on the office server (server_workspace.py). Sign-in, the
command line and anything else that opens a folder it did not make come through here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


def read_slots(folder: Path) -> SlotFile:
    """The folder's key slots: keys.json, or the server's master copy."""
    return kind_of(folder).read_slots(Path(folder))


@contextmanager
def slots_for_sign_in(folder: Path) -> Iterator[SlotFile]:
    """The folder's key slots, for a sign-in that unlocks the folder inside this block. On
    the office server the connection that read them is kept for the workspace the sign-in
    opens (one TLS connection, not two), and closed at the block's end if the sign-in did
    not open it (a wrong password leaves no connection open)."""
    kind = kind_of(folder)
    if kind.kind != "server":
        yield kind.read_slots(Path(folder))
        return
    from .server_workspace import HANDOVER, fetch_slots
    try:
        yield fetch_slots(Path(folder), keep_connection=True)
    finally:
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
