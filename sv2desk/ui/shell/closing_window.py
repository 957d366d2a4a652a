"""The window shown while SV2 Desk signs out or closes: the daily backup's progress, and
that it can be left to finish (SV2 Desk then closes, or shows the sign-in window, by
itself). No data is on screen: the main window has already gone."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ..common.messages import heading, words
from ..common.text import tr


class ClosingWindow(QWidget):
    def __init__(self, quitting: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.quitting = quitting
        self.setWindowTitle(tr("SV2 Desk — Closing") if quitting
                            else tr("SV2 Desk — Signing out"))
        self.title = heading(tr("Closing SV2 Desk") if quitting else tr("Signing out"))
        self.explain = words(
            tr("Any change since the last backup is being backed up now. You can leave "
               "this: SV2 Desk closes by itself when it is done.") if quitting else
            tr("Any change since the last backup is being backed up now. You can leave "
               "this: the sign-in window comes back by itself when it is done."))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName(tr("Backup progress"))
        self.step = QLabel(tr("Keeping unfinished forms and checking whether a backup is "
                              "due…"))
        self.step.setObjectName("closing_step")
        self.step.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.bar)
        layout.addWidget(self.step)
        layout.addStretch()
        self.resize(520, 240)
        self._done = False

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.bar.setRange(0, 100)
        self.bar.setValue(round(100 * max(0.0, min(1.0, fraction))))
        if message:
            self.step.setText(message)

    def finish(self) -> None:
        self._done = True
        self.bar.setRange(0, 100)
        self.bar.setValue(100)
        self.step.setText(tr("Done."))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Closing this window does not stop the backup; SV2 Desk closes when it is done.
        if not self._done and self.quitting:
            self.hide()
            event.ignore()
            return
        super().closeEvent(event)
