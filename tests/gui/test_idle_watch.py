"""The idle lock's watcher: a key or a click in any window of SV2 Desk (the main window or a
dialog opened over it) starts the idle time again; building a screen does not."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from sv2desk.ui.shell.privacy import IdleWatcher

MINUTE = 60_000


def _window(qtbot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    box = QLineEdit()
    QVBoxLayout(window).addWidget(box)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window, box


def _time_passes(qtbot, watcher, ms: int = 30) -> int:
    """Let the idle time run down a little (a condition, not a sleep); returns what is left."""
    before = watcher.timer.remainingTime()
    qtbot.waitUntil(lambda: watcher.timer.remainingTime() <= before - ms, timeout=2000)
    return watcher.timer.remainingTime()


def test_a_key_pressed_in_the_window_starts_the_idle_time_again(qtbot):
    window, box = _window(qtbot)
    watcher = IdleWatcher(MINUTE)
    watcher.start()
    try:
        left = _time_passes(qtbot, watcher)
        box.setText("screens being built and filled in are not activity")
        box.setFocus()
        assert watcher.timer.remainingTime() <= left
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)   # as the system delivers it
        assert watcher.timer.remainingTime() > left
    finally:
        watcher.stop()


def test_a_click_in_a_dialog_opened_later_counts_too(qtbot):
    window, _box = _window(qtbot)
    watcher = IdleWatcher(MINUTE)
    watcher.start()
    try:
        dialog = QDialog(window)
        dialog.resize(200, 100)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.windowHandle() is not None and dialog.isActiveWindow())
        left = _time_passes(qtbot, watcher)
        QTest.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        assert watcher.timer.remainingTime() > left
        dialog.close()
    finally:
        watcher.stop()


def test_after_stopping_nothing_is_watched(qtbot):
    window, _box = _window(qtbot)
    watcher = IdleWatcher(MINUTE)
    watcher.start()
    watcher.stop()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert not watcher.timer.isActive()
