"""Lock (Ctrl+L) and Hide screen (F12) keep working in a window-modal dialog."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget


def carry_shortcuts(dialog: QDialog, window: QWidget | None) -> None:
    """A dialog opened with ``open()`` blocks its main window, and with it the window's
    Lock (Ctrl+L) and Hide screen (F12) keys: the dialog answers them itself."""
    for name, key in (("lock_action", "Ctrl+L"), ("hide_action", "F12")):
        action = getattr(window, name, None)
        if action is not None:
            QShortcut(QKeySequence(key), dialog).activated.connect(action.trigger)
