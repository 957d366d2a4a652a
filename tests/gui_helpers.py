"""Waiting for SV2 Desk's screens in tests: every service call runs as an operation on the
database thread, so a test that clicks waits until the Desk has nothing running and nothing
waiting to be handed back (never a sleep)."""

from __future__ import annotations

from sv2desk.ui.common.operation import Desk


def settle(qtbot, timeout: int = 15000) -> None:
    """Wait until every operation started so far (and any it started) has finished and its
    result has reached the screen."""
    desk = Desk.current()
    qtbot.waitUntil(desk.idle, timeout=timeout)
    qtbot.wait(0)      # let queued slots run (a closure may have started another operation)
    qtbot.waitUntil(desk.idle, timeout=timeout)


def sign_out(qtbot, shell, timeout: int = 30000):
    """Sign out through the shell and wait for the sign-in window (the daily backup first)."""
    with qtbot.waitSignal(shell.signed_out, timeout=timeout) as done:
        shell.sign_out()
    settle(qtbot)
    return done.args[0]


def click(qtbot, widget) -> None:
    """Click ``widget`` near its left edge (a tick box's text may end before its box does),
    then wait for what the click started."""
    from PySide6.QtCore import QPoint, Qt
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                     pos=QPoint(min(8, widget.width() // 2), widget.height() // 2))
    settle(qtbot)


def press_lock(qtbot, main) -> None:
    """Ctrl+L in the main window (once it is the active window, as a person would see it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=5000)
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
