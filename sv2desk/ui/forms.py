"""Form helpers: a field with its own error message beneath it, and password fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QLabel, QLineEdit, QProgressBar, QSizePolicy,
                               QVBoxLayout, QWidget)

from ..policy import signin as signin_policy

ERROR_STYLE = "color: #a4262c;"


class FieldErrors:
    """Shows each ValidationError field message in a label next to its field."""

    def __init__(self):
        self._labels: dict[str, QLabel] = {}

    def label_for(self, field: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setAccessibleName(f"Problem with {field.replace('_', ' ')}")
        label.hide()
        self._labels[field] = label
        return label

    def add_row(self, layout: QFormLayout, text: str, field: str, widget: QWidget) -> None:
        """Add ``widget`` with its label, and an error line under it."""
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        inner.addWidget(self.label_for(field))
        label = QLabel(text)
        label.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        layout.addRow(label, box)

    def show(self, fields: dict[str, str]) -> list[str]:
        """Show messages; returns the fields that had no label (to show elsewhere)."""
        self.clear()
        unplaced = []
        for field, message in fields.items():
            label = self._labels.get(field)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message)
            label.show()
        return unplaced

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and label.isVisibleTo(label.parentWidget()) else ""


def password_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    return edit


class StrengthMeter(QWidget):
    """A bar and a word saying how strong a new password is, and the minimum length."""

    def __init__(self, edit: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self._bar = QProgressBar()
        self._bar.setRange(0, 4)
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(8)
        self._bar.setAccessibleName("Password strength")
        self._label = QLabel()
        self._label.setObjectName("strength_label")
        self._label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._label)
        edit.textChanged.connect(self.update_for)
        self.update_for("")

    def update_for(self, password: str) -> None:
        score = signin_policy.password_strength(password)
        self._bar.setValue(score)
        word = signin_policy.STRENGTH_LABELS[score]
        minimum = signin_policy.MIN_PASSWORD_LENGTH
        if score == 0:
            self._label.setText(f"Strength: {word}. Use at least {minimum} characters; "
                                "a few unrelated words work well.")
        else:
            self._label.setText(f"Strength: {word}.")

    @property
    def text(self) -> str:
        return self._label.text()


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
