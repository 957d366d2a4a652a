"""Hearing what other PCs changed, in office server mode: "case:<id>" when a case changed,
"queue" when the managers' queue did (ids only, never names). On one PC there is nothing
to hear: everything is done here."""

from __future__ import annotations


def listen(session):
    """A listener (``wait(seconds) -> set of changes``, ``close()``) on the office server,
    or None on a one-PC workspace. What it hears says only that something changed: screens
    ask the services again, which check the person's access as always."""
    workspace = session.workspace
    if getattr(workspace, "kind", "file") != "server" or workspace.closed:
        return None
    from ..store.server_workspace import ChangeListener
    return ChangeListener(workspace)
