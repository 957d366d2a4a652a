"""Each person's window size and place, remembered on this PC: the main window opens as they
left it, or maximised the first time; other windows open centred on the screen they are on.
Kept per workspace and account number in this PC's settings folder: never a name."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget

from ... import paths

FILE = "window-places.ini"


def _settings() -> QSettings:
    folder = paths.settings_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return QSettings(str(folder / FILE), QSettings.Format.IniFormat)


def _key(workspace_id: str, account_id: int | None, window: str) -> str:
    who = "recovery" if account_id is None else str(int(account_id))
    return f"{workspace_id}/{who}/{window}"


def restore(window: QWidget, workspace_id: str, account_id: int | None,
            name: str = "main_window") -> None:
    """Show ``window`` where this person left it; maximised the first time."""
    saved = _settings().value(_key(workspace_id, account_id, name))
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        window.show()
        return
    centre(window)
    window.showMaximized()


def remember(window: QWidget, workspace_id: str, account_id: int | None,
             name: str = "main_window") -> None:
    settings = _settings()
    settings.setValue(_key(workspace_id, account_id, name), window.saveGeometry())
    settings.sync()


def screen_for_opening():
    """The screen the mouse pointer is on (where the person is looking), else the first."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def centre(window: QWidget, screen=None) -> None:
    """Put ``window`` in the middle of ``screen`` (its own, or where the pointer is),
    no bigger than the room there."""
    screen = screen or (window.screen() if window.isVisible() else screen_for_opening())
    if screen is None:
        return
    room = screen.availableGeometry()
    size = window.size().boundedTo(room.size())
    window.resize(size)
    frame = window.frameGeometry()
    frame.moveCenter(room.center())
    window.move(frame.topLeft())
