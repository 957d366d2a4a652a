"""Read-only tables: whole rows to look at and select, columns that fit their words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from .text import tr
from .when import when


def read_only_table(headers, accessible_name: str, parent: QWidget | None = None,
                    *, stretch: int | None = None) -> QTableWidget:
    """A table of whole rows to look at and select, not to edit. Columns fit their
    contents; ``stretch`` takes the room left over (the last column if not given)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setAccessibleName(accessible_name)
    return table


def fill(table: QTableWidget, rows, data=None) -> None:
    """Put ``rows`` (tuples of words) in the table, each row's cells holding ``data(n)``
    (UserRole), then fit each column to its words and its heading."""
    rows = list(rows)
    table.setRowCount(len(rows))
    for n, texts in enumerate(rows):
        value = data(n) if data is not None else None
        for column, text in enumerate(texts):
            item = QTableWidgetItem("" if text is None else str(text))
            item.setToolTip(item.text())
            if value is not None:
                item.setData(Qt.ItemDataRole.UserRole, value)
            table.setItem(n, column, item)
    fit_columns(table)


def fit_columns(table: QTableWidget) -> None:
    """Each column as wide as its words and its heading (the stretching one takes what is
    left)."""
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        if header.stretchLastSection() and column == table.columnCount() - 1:
            continue
        table.resizeColumnToContents(column)
        width = max(table.columnWidth(column), header.sectionSizeHint(column))
        table.setColumnWidth(column, width)


class EventTable(QTableWidget):
    """When, who and what happened, newest first (a case's timeline, a concern's history)."""

    def __init__(self, accessible_name: str, widths=(140, 160), parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels((tr("When"), tr("Who"), tr("What happened")))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            self.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

    def show_events(self, events) -> None:
        """``events``: (at, who, what) in the order they happened."""
        entries = list(reversed(list(events)))
        self.setRowCount(len(entries))
        for row, (at, who, what) in enumerate(entries):
            for column, text in enumerate((when(at), who, what)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
        self.resizeRowsToContents()
