"""The signed-in session every service call takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import errors
from ..store.workspace import Workspace


@dataclass(eq=False)
class Session:
    workspace: Workspace = field(repr=False)
    account_id: int | None          # None when opened with the recovery key
    username: str = field(repr=False)
    display_name: str = field(repr=False)
    roles: frozenset[str]           # as they are now: re-read at every operation
    via_recovery_key: bool = False
    # Plain-English things the person should be told straight after signing in (a file
    # set aside from beside the data, the audit trail's protection put back).
    notices: list[str] = field(default_factory=list, repr=False)
    # Called (from whichever thread made the call) when an administrator has turned the
    # account off or taken a role away: the desktop returns to the sign-in window.
    on_access_ended: Callable[[str], None] | None = field(default=None, repr=False)
    access_ended: bool = False

    @property
    def open(self) -> bool:
        return not self.workspace.closed

    @property
    def bound_to_pc(self) -> bool:
        return self.workspace.bound

    def require_open(self) -> None:
        if self.workspace.closed:
            raise errors.NotSignedIn()

    def close(self) -> None:
        self.workspace.close()

    def rights_now(self) -> str | None:
        """Re-read the account's state and roles (one small read): None when the session
        may go on (roles given since sign-in take effect at once), else why it may not."""
        if self.account_id is None:      # the recovery key: an administrator's emergency way in
            return None
        rows = self.workspace.read(
            "SELECT a.active, r.role FROM accounts a LEFT JOIN account_roles r "
            "ON r.account_id = a.id WHERE a.id = ?", (self.account_id,))
        if rows is None:                 # inside another call's unit of work: checked there
            return None
        active = bool(rows and rows[0][0])
        roles = frozenset(role for _, role in rows if role)
        if not active or not roles >= self.roles:
            self.roles = roles if active else frozenset()
            return errors.AccessEnded.message
        self.roles = roles
        return None
