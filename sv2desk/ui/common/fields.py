"""The kinds of input SV2 Desk's forms use: coded choices (radio buttons and tick boxes),
drop-downs of coded options, dates typed day first, passwords with a strength meter, notes
a few lines high. Each takes its longest length from the one validation table."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QT_TR_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit,
                               QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
                               QRadioButton, QSizePolicy, QVBoxLayout, QWidget)

from ...policy import signin as signin_policy, validation
from .text import tr

CHOOSE = QT_TR_NOOP("Choose…")


def line_edit(form: str = "", field: str = "", accessible_name: str = "") -> QLineEdit:
    """One line of text, at most as long as the validation table allows."""
    edit = QLineEdit()
    if form:
        edit.setMaxLength(validation.limit(form, field))
    if accessible_name:
        edit.setAccessibleName(accessible_name)
    return edit


class NoteEdit(QPlainTextEdit):
    """A few lines of free text; Tab moves on rather than typing a tab. A limit from the
    validation table stops typing (and pasting) past it."""

    def __init__(self, accessible_name: str = "", lines: int = 4, limit: int = 0,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible_name)
        self.limit = limit
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._height = height
        if limit:
            self.textChanged.connect(self._keep_to_limit)

    def sizeHint(self):  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        hint.setHeight(self._height)
        return hint

    def _keep_to_limit(self) -> None:
        text = self.toPlainText()
        if len(text) > self.limit:
            cursor = self.textCursor()
            position = min(cursor.position(), self.limit)
            self.setPlainText(text[:self.limit])
            cursor = self.textCursor()
            cursor.setPosition(position)
            self.setTextCursor(cursor)


def note_edit(accessible_name: str = "", lines: int = 4, *, form: str = "",
              field: str = "") -> NoteEdit:
    return NoteEdit(accessible_name, lines, validation.limit(form, field) if form else 0)


def password_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    edit.setMaxLength(1000)
    return edit


ESTIMATE_AFTER_MS = 150     # the strength is worked out this long after the last key


class StrengthMeter(QWidget):
    """A bar and a word saying how strong a new password is (zxcvbn's estimate), and what
    is needed: Strong for a manager or an administrator."""

    def __init__(self, edit: QLineEdit, *, strong: bool = False, user_inputs=lambda: (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.strong = strong
        self._user_inputs = user_inputs
        self._edit = edit
        self._bar = QProgressBar()
        self._bar.setRange(0, 4)
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(8)
        self._bar.setAccessibleName(tr("Password strength"))
        self._label = QLabel()
        self._label.setObjectName("strength_label")
        self._label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._label)
        # The estimate is worked out once typing pauses, not at every key (each one takes
        # a few milliseconds: a pasted or quickly typed password held the screen still).
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(ESTIMATE_AFTER_MS)
        self._pause.timeout.connect(lambda: self.update_for(self._edit.text()))
        edit.textChanged.connect(self._typed)
        self.update_for("")

    def _typed(self, password: str) -> None:
        if len(password) < signin_policy.MIN_PASSWORD_LENGTH:
            self._pause.stop()
            self.update_for(password)      # "too short" needs no estimate: said at once
        else:
            self._pause.start()

    def set_strong(self, strong: bool) -> None:
        self.strong = strong
        self.update_for(self._edit.text())

    def update_for(self, password: str) -> None:
        self._pause.stop()
        minimum = signin_policy.MIN_PASSWORD_LENGTH
        need = (tr("A manager's or administrator's password must be Strong.") if self.strong
                else tr("It must be at least Fair."))
        if len(password) < minimum:
            self._bar.setValue(0)
            self._label.setText(tr("Strength: too short. Use at least {n} characters; a few "
                                   "unrelated words work well. {need}").format(
                                       n=minimum, need=need))
            return
        score = signin_policy.password_strength(password, self._user_inputs())
        self._bar.setValue(score)
        word = tr(signin_policy.STRENGTH_LABELS[score])
        enough = score >= (signin_policy.STRONG if self.strong
                           else signin_policy.LEAST_STRENGTH)
        self._label.setText(tr("Strength: {word}.").format(word=word)
                            + ("" if enough else " " + need))

    @property
    def text(self) -> str:
        """What the meter says once typing has paused."""
        if self._pause.isActive():
            self.update_for(self._edit.text())
        return self._label.text()


def _grid(widget: QWidget, buttons: list, columns: int) -> None:
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    for i, button in enumerate(buttons):
        grid.addWidget(button, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(columns, 1)


def _checkable(cls, words: str):
    """A radio button or tick box whose words wrap instead of being cut off, with its box
    level with the first line."""
    button = cls(words)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


class Choice(QWidget):
    """Radio buttons for one answer from a set of coded answers (code -> words)."""

    changed = Signal(str)

    def __init__(self, options: dict[str, str], name: str, columns: int = 4,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, text in options.items():
            button = _checkable(QRadioButton, tr(text))
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

    def set_value(self, code) -> None:
        code = str(code or "")
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
        for code, text in options.items():
            box = _checkable(QCheckBox, tr(text))
            box.setObjectName(f"{name.lower().replace(' ', '_')}_{code}")
            box.toggled.connect(self.changed)
            self.boxes[code] = box
        _grid(self, list(self.boxes.values()), columns)
        self.setFocusProxy(next(iter(self.boxes.values())))

    def values(self) -> set[str]:
        return {code for code, box in self.boxes.items() if box.isChecked()}

    def set_values(self, codes) -> None:
        codes = set(codes or ())
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


def choose_combo(name: str, options: dict[str, str]) -> QComboBox:
    """A drop-down of coded options that starts on "Choose…" (no answer yet)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(tr(CHOOSE), "")
    for code, text in options.items():
        combo.addItem(tr(text), code)
    return combo


def combo(name: str, options) -> QComboBox:
    """A drop-down of (words, value) pairs, as wide as its longest item."""
    box = QComboBox()
    box.setAccessibleName(name)
    for text, value in options:
        box.addItem(text, value)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


def date_edit(accessible_name: str) -> QDateEdit:
    """A date box (day/month/year, with a calendar), set to today."""
    edit = QDateEdit(QDate.currentDate())
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


def as_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


def datetime_edit(accessible_name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime())
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


def as_datetime(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().replace(second=0, microsecond=0)


def from_iso(edit: QDateTimeEdit, text) -> None:
    try:
        edit.setDateTime(QDateTime(datetime.fromisoformat(str(text))))
    except ValueError:
        edit.setDateTime(QDateTime.currentDateTime())


MONTHS = {name: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for name in names}


def read_day_first(text: str, today: date | None = None) -> date | None:
    """A date typed day first: 12/3/1990, 12.03.90, 12-03-1990, 12 March 1990, 12031990.
    None when it is not a date. A two-digit year is the most recent one not after today."""
    today = today or date.today()
    text = text.strip().lower()
    parts = re.split(r"[\s/.\-,]+", text)
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) in (6, 8):
        digits = parts[0]
        parts = [digits[:2], digits[2:4], digits[4:]]
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    day, month, year = parts
    month_number = int(month) if month.isdigit() else MONTHS.get(month)
    if month_number is None or len(year) not in (2, 4):
        return None
    year_number = int(year)
    if len(year) == 2:
        year_number += 2000 if 2000 + year_number <= today.year else 1900
    try:
        return date(year_number, month_number, int(day))
    except ValueError:
        return None


class DateBox(QLineEdit):
    """A date typed day first, as a person says it (12/03/1990); empty is allowed when
    ``optional``. ``problem()`` says in plain words what is wrong with what is typed."""

    def __init__(self, accessible_name: str, *, optional: bool = False,
                 latest: date | None = None, earliest: date | None = date(1900, 1, 1),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(tr("Day/month/year, for example 12/03/1990")
                                + (tr(" (empty if not known)") if optional else ""))
        self.setMaxLength(40)
        self.optional = optional
        self.latest = latest
        self.earliest = earliest

    def set_date(self, value: date | None) -> None:
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def date(self) -> date | None:
        return read_day_first(self.text()) if self.text().strip() else None

    def problem(self, today: date | None = None) -> str:
        text = self.text().strip()
        if not text:
            return "" if self.optional else tr("Type the date, day first (12/03/1990).")
        found = read_day_first(text)
        if found is None:
            return tr("That is not a date SV2 Desk can read. Type it day first, for "
                      "example 12/03/1990.")
        latest = self.latest or today or date.today()
        if found > latest:
            return tr("That date is after today. Check the year.")
        if self.earliest is not None and found < self.earliest:
            return tr("That date is too long ago. Check the year.")
        return ""


def count_suffix(spin, words: str) -> None:
    """A spin box's unit that agrees with its number: "1 minute", "5 minutes" (``words``
    like "%n minute(s)", through the translator)."""

    def agree(value: int) -> None:
        text = tr(words, "", value)
        number = str(value)
        spin.setSuffix(text[len(number):] if text.startswith(number) else " " + text)
    spin.valueChanged.connect(agree)
    agree(spin.value())
