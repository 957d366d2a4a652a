"""Auto-lock after idle time, and the hide-screen key for when someone walks in."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ..common.text import tr

COVER_COLOUR = QColor("#5b6770")

ACTIVITY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                   QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Restarts a single-shot timer on any key or mouse event; ``idle`` is emitted when the
    timer runs out.

    The filter sits on each window's own QWindow, which receives every key, mouse and wheel
    event before passing it to the widget under it: a filter on the whole application would
    see every event of every widget (each layout, polish and timer), and each one crossing
    into Python made building a screen about a third slower (the stall probe)."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)   # its time left is exact
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle)
        self._app = None
        self._watched: list = []

    def start(self) -> None:
        self._app = QApplication.instance()
        self._app.focusWindowChanged.connect(self._watch)
        for window in self._app.topLevelWindows():
            self._watch(window)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._app is not None:
            self._app.focusWindowChanged.disconnect(self._watch)
            self._app = None
        for window in self._watched:
            if shiboken6.isValid(window):
                window.removeEventFilter(self)
        self._watched = []

    def _watch(self, window) -> None:
        """A window (the main window, a dialog) gets the keyboard: watch it too."""
        self._watched = [w for w in self._watched if shiboken6.isValid(w)]
        if window is not None and window not in self._watched:
            window.installEventFilter(self)
            self._watched.append(window)

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in ACTIVITY_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class _Cover(QWidget):
    """A plain panel over a whole window: no data, no names."""

    def __init__(self, window: QWidget, on_show_again):
        super().__init__(window)
        self.setObjectName("hide_cover")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, COVER_COLOUR)
        palette.setColor(QPalette.ColorRole.WindowText, QColor("white"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        label = QLabel("SV2 Desk")
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        label.setFont(font)
        button = QPushButton(tr("Show SV2 Desk (F12)"))
        button.setAccessibleName(tr("Show SV2 Desk again"))
        button.clicked.connect(on_show_again)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False


class ScreenHider(QObject):
    """F12 (or the toolbar button) covers every SV2 Desk window at once; F12 again shows them."""

    hidden_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._covers: list[tuple[QWidget, _Cover, str]] = []

    @property
    def hidden(self) -> bool:
        return bool(self._covers)

    def add_shortcut(self, window: QWidget) -> QShortcut:
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F12), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.toggle)
        return shortcut

    def toggle(self) -> None:
        if self.hidden:
            self.show_all()
        else:
            self.hide_all()

    def hide_all(self) -> None:
        if self.hidden:
            return
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, _Cover):
                self._covers.append((window, _Cover(window, self.show_all), window.windowTitle()))
                window.setWindowTitle("SV2 Desk")
        self.hidden_changed.emit(True)

    def show_all(self) -> None:
        for window, cover, title in self._covers:
            try:
                cover.hide()
                cover.deleteLater()
                window.setWindowTitle(title)
            except RuntimeError:  # the window went (for example, locked) meanwhile
                pass
        self._covers = []
        self.hidden_changed.emit(False)
