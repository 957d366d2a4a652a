"""Form helpers: a field with its own error message beneath it, password fields, coded
choices (radio buttons and tick boxes), dates, and coloured notice boxes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QDateEdit, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QRadioButton, QSizePolicy, QTableWidget, QVBoxLayout, QWidget)

from ...policy import signin as signin_policy

ERROR_STYLE = "color: #a4262c;"
# A prominent box for safeguarding prompts and paused cases: dark red text on pale red.
ALERT_STYLE = ("background: #fde7e9; color: #6b0f14; border: 2px solid #a4262c; "
               "border-radius: 4px; padding: 8px; font-weight: bold;")
# A calmer box for advice and notices.
NOTICE_STYLE = ("background: #fff4ce; color: #3b2f00; border: 1px solid #c9a400; "
                "border-radius: 4px; padding: 8px;")


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

    def label(self, field: str) -> QLabel | None:
        return self._labels.get(field)

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


def plain_label(text: str = "") -> QLabel:
    """A label for words a person typed: never read as markup, may be selected and copied."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def notice(style: str, object_name: str) -> QLabel:
    """A coloured box holding a message (hidden until it has one)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(f"#{object_name} {{ {style} }}")
    label.hide()
    return label


class MessageLine(QLabel):
    """A line of feedback that takes no room when there is nothing to say."""

    def __init__(self, object_name: str, style: str = ERROR_STYLE,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(style)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()


def same_label_widths(forms) -> None:
    """Line up the labels of several form layouts (one column, however many boxes)."""
    labels = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def note_edit(accessible_name: str = "", height: int = 70) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on rather than typing a tab."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    edit.setAccessibleName(accessible_name)
    return edit


def _grid(widget: QWidget, buttons: list, columns: int) -> None:
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    for i, button in enumerate(buttons):
        grid.addWidget(button, i // columns, i % columns)
    grid.setColumnStretch(columns, 1)


class Choice(QWidget):
    """Radio buttons for one answer from a set of coded answers (code -> words)."""

    changed = Signal(str)

    def __init__(self, options: dict[str, str], name: str, columns: int = 4,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, words in options.items():
            button = QRadioButton(words)
            button.setObjectName(f"{name.lower().replace(' ', '_')}_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            button.toggled.connect(self._toggled)
        _grid(self, list(self.buttons.values()), columns)
        self.setFocusProxy(next(iter(self.buttons.values())))

    def _toggled(self, on: bool) -> None:
        if on:
            self.changed.emit(self.value())

    def value(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, code: str) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)
            return
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit("")


class Ticks(QWidget):
    """Tick boxes for any number of a set of coded options (code -> words)."""

    changed = Signal()

    def __init__(self, options: dict[str, str], name: str, columns: int = 4,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.boxes: dict[str, QCheckBox] = {}
        for code, words in options.items():
            box = QCheckBox(words)
            box.setObjectName(f"{name.lower().replace(' ', '_')}_{code}")
            box.toggled.connect(self.changed)
            self.boxes[code] = box
        _grid(self, list(self.boxes.values()), columns)
        self.setFocusProxy(next(iter(self.boxes.values())))

    def values(self) -> set[str]:
        return {code for code, box in self.boxes.items() if box.isChecked()}

    def set_values(self, codes) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


def date_edit(accessible_name: str) -> QDateEdit:
    """A date box (day/month/year, with a calendar), set to today."""
    edit = QDateEdit(QDate.currentDate())
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


def as_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


def read_only_table(headers, accessible_name: str, parent: QWidget | None = None) -> QTableWidget:
    """A table of whole rows to look at and select, not to edit."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setAccessibleName(accessible_name)
    return table


def row(*widgets) -> QWidget:
    """Widgets side by side, packed to the left."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch()
    return holder
