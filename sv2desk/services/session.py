"""The signed-in session every service call takes."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import errors
from ..store.workspace import Workspace


@dataclass(eq=False)
class Session:
    workspace: Workspace = field(repr=False)
    account_id: int | None          # None when opened with the recovery key
    username: str = field(repr=False)
    display_name: str = field(repr=False)
    roles: frozenset[str]
    via_recovery_key: bool = False
    # Plain-English things the person should be told straight after signing in (a file
    # set aside from beside the data, the audit trail's protection put back).
    notices: list[str] = field(default_factory=list, repr=False)

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
