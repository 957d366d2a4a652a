"""The people a client names on a referral: a person who harmed them, or that person's
family or friends. An editable list: a row of boxes per person, added and removed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from PySide6.QtCore import QT_TR_NOOP

from ...policy import validation
from ...services.referrals import PersonNamed
from ..common.text import tr

HEADINGS = (QT_TR_NOOP("Name"), QT_TR_NOOP("Relationship to the client"),
            QT_TR_NOOP("Other details that identify them"))


class PersonRow:
    """The boxes for one person."""

    def __init__(self, number: int):
        self.name = QLineEdit()
        self.name.setMaxLength(validation.limit("person_named", "name"))
        self.relationship = QLineEdit()
        self.relationship.setMaxLength(validation.limit("person_named", "relationship"))
        self.relationship.setPlaceholderText(tr("For example: ex-partner, his brother"))
        self.other_identifiers = QLineEdit()
        self.other_identifiers.setMaxLength(validation.limit("person_named",
                                                             "other_identifiers"))
        self.other_identifiers.setPlaceholderText(tr("Age, address, workplace, social "
                                                     "media…"))
        self.remove = QPushButton(tr("Remove"))
        self.number(number)

    def number(self, n: int) -> None:
        self.name.setAccessibleName(tr("Name of person {n}").format(n=n))
        self.relationship.setAccessibleName(tr("Relationship to the client, person {n}")
                                            .format(n=n))
        self.other_identifiers.setAccessibleName(tr("Other details that identify person {n}")
                                                 .format(n=n))
        self.remove.setAccessibleName(tr("Remove person {n}").format(n=n))

    def widgets(self) -> tuple[QWidget, ...]:
        return self.name, self.relationship, self.other_identifiers, self.remove

    def value(self) -> PersonNamed:
        return PersonNamed(self.name.text().strip(), self.relationship.text().strip(),
                           self.other_identifiers.text().strip())

    def is_blank(self) -> bool:
        return not any(w.text().strip() for w in self.widgets()[:3])


class PeopleNamedPanel(QWidget):
    """Emits ``changed`` when a row is added or removed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(tr("People named"))
        self.rows: list[PersonRow] = []
        self._grid_holder = QWidget()
        self._grid = QGridLayout(self._grid_holder)
        self._grid.setContentsMargins(0, 0, 0, 0)
        for column, text in enumerate(HEADINGS):
            heading = QLabel(tr(text))
            heading.setWordWrap(True)
            self._grid.addWidget(heading, 0, column)
        self._grid.setColumnStretch(0, 2)
        self._grid.setColumnStretch(1, 2)
        self._grid.setColumnStretch(2, 3)
        self._grid_holder.hide()
        self.none_yet = QLabel(tr("Nobody named yet."))
        self.add_button = QPushButton(tr("&Add a person"))
        self.add_button.clicked.connect(self._add_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none_yet)
        layout.addWidget(self._grid_holder)
        layout.addLayout(buttons)
        self.setFocusProxy(self.add_button)

    def _add_clicked(self) -> None:
        self.add().name.setFocus()

    def add(self, person: PersonNamed | None = None) -> PersonRow:
        row = PersonRow(len(self.rows) + 1)
        if person is not None:
            row.name.setText(person.name)
            row.relationship.setText(person.relationship)
            row.other_identifiers.setText(person.other_identifiers)
        row.remove.clicked.connect(lambda: self.remove(row))
        self.rows.append(row)
        self._relayout()
        self.changed.emit()
        return row

    def remove(self, row: PersonRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._relayout()
        self.add_button.setFocus()
        self.changed.emit()

    def _relayout(self) -> None:
        for row in self.rows:
            for widget in row.widgets():
                self._grid.removeWidget(widget)
        for i, row in enumerate(self.rows):
            row.number(i + 1)
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, i + 1, column)
        self._grid_holder.setVisible(bool(self.rows))
        self.none_yet.setVisible(not self.rows)

    def numbered_values(self) -> list[tuple[int, PersonNamed]]:
        """(row number, person) for every row with something in it; blank rows are left out."""
        return [(i + 1, row.value()) for i, row in enumerate(self.rows) if not row.is_blank()]

    def values(self) -> list[PersonNamed]:
        return [person for _, person in self.numbered_values()]

    def set_values(self, people: list[PersonNamed]) -> None:
        for row in list(self.rows):
            self.remove(row)
        for person in people:
            self.add(person)
