"""Screens that read what they show from the services when they are shown, not before:
each read of a case's records is an audited view, so it is made only when someone sees it.
A change while hidden marks the screen stale; it reads again when next shown.

    class NotesPanel(CaseTab, QWidget):
        def read(self):                 # the case's notes, through an operation
            ...

``show_view(view)`` (a case tab) or ``mark_stale()`` (any screen) asks for a read: now if
the screen is showing, otherwise when it is next shown. ``read_now()`` reads at once.
"""

from __future__ import annotations


class ReadWhenShown:
    """Mixed in before a QWidget class; the screen defines ``read()``."""

    _stale = True           # nothing read yet

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.read_now()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.read_now()

    def read_now(self) -> None:
        if not self.can_read():
            return
        self._stale = False
        self.read()

    def can_read(self) -> bool:
        return True

    def read(self) -> None:
        raise NotImplementedError


class CaseTab(ReadWhenShown):
    """A tab of the case view: ``show_view(view)`` says which case it is about."""

    case_id: int | None = None

    def show_view(self, view) -> None:
        self.case_id = view.id if view is not None else None
        self.mark_stale()

    def can_read(self) -> bool:
        return self.case_id is not None
