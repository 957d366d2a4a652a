"""The box an operation shows when it takes longer than half a second: what is being done,
and how far it has got when the service says. It cannot be closed; it goes when the work is
done. It keeps the window's Lock and Hide screen keys working."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from .shortcuts import carry_shortcuts


class ProgressDialog(QDialog):
    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)
        self.setObjectName("progress_dialog")
        self.setWindowTitle(self.tr("SV2 Desk — Working"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.label = QLabel(label)
        self.label.setObjectName("progress_label")
        self.label.setWordWrap(True)
        self.step = QLabel()
        self.step.setObjectName("progress_step")
        self.step.setWordWrap(True)
        self.step.hide()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)          # busy until the service says how far it has got
        self.bar.setAccessibleName(label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.step)
        self.setMinimumWidth(380)
        carry_shortcuts(self, parent)

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.bar.setRange(0, 100)
        self.bar.setValue(round(100 * max(0.0, min(1.0, fraction))))
        if message:
            self.step.setText(message)
            self.step.show()

    def finish(self) -> None:
        self.done(0)

    def reject(self) -> None:   # Escape does not close it: the work goes on regardless
        pass

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.isVisible() and not getattr(self, "_finishing", False):
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._finishing = True
        super().done(result)
