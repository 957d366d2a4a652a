"""Reading, filling and emptying a form in one place: a Binding maps each field's name to
its input, so the form's values (for a draft, or for the service) come from one table
instead of three hand-written lists."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDateEdit, QDateTimeEdit,
                               QLineEdit, QPlainTextEdit, QSpinBox, QWidget)

from .fields import Choice, DateBox, Ticks


class Binding:
    """``values()`` as plain JSON-friendly values, ``set_values(dict)`` (anything missing
    goes back to its default), ``clear()``, and ``is_blank()``."""

    def __init__(self, **inputs: QWidget):
        self.inputs: dict[str, QWidget] = dict(inputs)
        self.defaults = {name: self._read(widget) for name, widget in self.inputs.items()}

    def add(self, name: str, widget: QWidget) -> None:
        self.inputs[name] = widget
        self.defaults[name] = self._read(widget)

    @staticmethod
    def _read(widget: QWidget):
        if isinstance(widget, DateBox):
            return widget.text().strip()
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, Choice):
            return widget.value()
        if isinstance(widget, Ticks):
            return sorted(widget.values())
        if isinstance(widget, QAbstractButton):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
            return widget.dateTime().toPython().replace(second=0, microsecond=0).isoformat()
        if isinstance(widget, QDateEdit):
            return widget.date().toPython().isoformat()
        if isinstance(widget, QSpinBox):
            return widget.value()
        raise TypeError(f"no binding for {type(widget).__name__}")

    @staticmethod
    def _write(widget: QWidget, value) -> None:
        if isinstance(widget, (QLineEdit, DateBox)):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, Choice):
            widget.set_value(value)
        elif isinstance(widget, Ticks):
            widget.set_values(value if isinstance(value, (list, tuple, set)) else ())
        elif isinstance(widget, QAbstractButton):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            widget.setCurrentIndex(index if index >= 0 else 0)
        elif isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
            try:
                widget.setDateTime(QDateTime(datetime.fromisoformat(str(value))))
            except (TypeError, ValueError):
                widget.setDateTime(QDateTime.currentDateTime())
        elif isinstance(widget, QDateEdit):
            try:
                widget.setDate(QDate(date.fromisoformat(str(value))))
            except (TypeError, ValueError):
                widget.setDate(QDate.currentDate())
        elif isinstance(widget, QSpinBox):
            widget.setValue(value if isinstance(value, int) and not isinstance(value, bool)
                            else widget.minimum())

    def values(self) -> dict:
        return {name: self._read(widget) for name, widget in self.inputs.items()}

    def set_values(self, values: dict) -> None:
        for name, widget in self.inputs.items():
            self._write(widget, values.get(name, self.defaults[name]))

    def clear(self) -> None:
        self.set_values({})

    def is_blank(self) -> bool:
        """Nothing differs from how the form started."""
        return self.values() == self.defaults
