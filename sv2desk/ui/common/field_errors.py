"""A form's problems shown where they belong: each field's message in red under it (gone as
soon as that field is changed), anything else in the form's message line.

    self.problems = FieldErrors(self.message)
    self.problems.add_row(form, tr("&Name:"), "name", self.name)
    ...
    op(self, save).success(...).failure(self.problems.failed).run()
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDateTimeEdit,
                               QFormLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
                               QSizePolicy, QVBoxLayout, QWidget)

from ... import errors
from .fields import Choice, Ticks
from .messages import MessageLine, plain_message
from .text import tr

ERROR_COLOUR = QColor("#a4262c")     # messages.ERROR_STYLE's red


def on_change(widget: QWidget, callback) -> None:
    """Call ``callback()`` whenever a person changes ``widget`` or any input inside it."""
    inputs = [widget] + widget.findChildren(QWidget)
    for item in inputs:
        if isinstance(item, (Choice, Ticks)):
            item.changed.connect(lambda *_: callback())
        elif isinstance(item, QLineEdit):
            item.textEdited.connect(lambda *_: callback())
        elif isinstance(item, QPlainTextEdit):
            item.textChanged.connect(callback)
        elif isinstance(item, QComboBox):
            item.activated.connect(lambda *_: callback())
        elif isinstance(item, QAbstractButton) and item.isCheckable():
            item.toggled.connect(lambda *_: callback())
        elif isinstance(item, QDateTimeEdit):
            item.dateTimeChanged.connect(lambda *_: callback())
        elif isinstance(item, QAbstractSpinBox) and hasattr(item, "valueChanged"):
            item.valueChanged.connect(lambda *_: callback())
        elif isinstance(item, QListWidget):
            item.itemChanged.connect(lambda *_: callback())


class FieldErrors:
    """Shows each ValidationError field message in a label under its field; a field's
    message goes when the field is changed. With ``message``, what has no field (and a
    refusal) goes in that line (``line``)."""

    def __init__(self, message: MessageLine | None = None):
        self._labels: dict[str, QLabel] = {}
        self.line = message

    def label_for(self, field: str, watch: QWidget | None = None) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        # Red by its palette, not a style sheet of its own: a style sheet per label (80 on
        # the referral form) was a fifth of the time of building a screen.
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        label.setPalette(palette)
        label.setWordWrap(True)
        label.setAccessibleName(tr("Problem with {field}").format(
            field=field.replace("_", " ")))
        label.hide()
        self._labels[field] = label
        if watch is not None:
            on_change(watch, lambda: self.clear_field(field))
        return label

    def add_row(self, layout: QFormLayout, text: str, field: str, widget: QWidget) -> QLabel:
        """Add ``widget`` with its label, and an error line under it. Returns the label."""
        label = QLabel(text)      # one line: a form's row is as high as its field
        layout.addRow(label, self._with_error_line(label, text, field, widget))
        return label

    def add_question(self, layout: QFormLayout, text: str, field: str,
                     widget: QWidget) -> QLabel:
        """Add a question too long for a form's label column: the question wrapped across
        the form's width, then ``widget`` with its error line under it. Returns the label."""
        label = QLabel(text)
        label.setWordWrap(True)
        box = self._with_error_line(label, text, field, widget)
        layout.addRow(label)
        layout.addRow(box)
        return label

    def _with_error_line(self, label: QLabel, text: str, field: str,
                         widget: QWidget) -> QWidget:
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        inner.addWidget(self.label_for(field, widget))
        label.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(text.replace("&", "").rstrip(":?"))
        return box

    def show(self, fields: dict[str, str]) -> list[str]:
        """Show messages; returns the ones with no field here (to show elsewhere)."""
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

    def failed(self, exc: BaseException) -> None:
        """An operation was refused: field messages by their fields, the rest (or the
        refusal itself) in the message line, with a count when there are several."""
        if isinstance(exc, errors.ValidationError):
            unplaced = self.show(exc.fields)
            if self.line is not None:
                placed = len(exc.fields) - len(unplaced)
                summary = "" if not placed else tr(
                    "%n thing(s) need attention: see the message(s) in red.", "", placed)
                self.line.problem(" ".join(unplaced) or summary)
            return
        self.clear()
        if self.line is not None:
            self.line.problem(plain_message(exc))

    def clear_field(self, field: str) -> None:
        label = self._labels.get(field)
        if label is not None and label.text():
            label.clear()
            label.hide()
            if self.line is not None and not any(l.text() for l in self._labels.values()):
                self.line.clear()

    def clear_fields(self) -> None:
        """Hide the field messages, keeping what the message line says."""
        for label in self._labels.values():
            label.clear()
            label.hide()

    def clear(self) -> None:
        self.clear_fields()
        if self.line is not None:
            self.line.clear()

    def label(self, field: str) -> QLabel | None:
        return self._labels.get(field)

    def message(self, field: str) -> str:
        """The message shown under ``field`` now ("" when none)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
