"""The signposting directory area: services people can be pointed to, searchable by
everyone, with a visible warning on any entry to check before use. Managers and
administrators add and change entries; administrators confirm and retire them."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...policy import permissions, signposting as policy, validation
from ...services import signposting
from ..common.messages import MessageLine, heading, plain_message
from ..common.operation import DIRECTORY, Changes, Desk, op
from ..common.text import tr
from .service_panels import ServiceDetailsPanel, ServiceEditorPanel, checked_text

COLUMNS = (QT_TR_NOOP("Name"), QT_TR_NOOP("Before use"), QT_TR_NOOP("Last checked"),
           QT_TR_NOOP("Category"), QT_TR_NOOP("Phone"), QT_TR_NOOP("Web"),
           QT_TR_NOOP("Opening hours"), QT_TR_NOOP("Area"), QT_TR_NOOP("Notes"))
WIDEST = (360, 200, 120, 220, 150, 240, 240, 200)   # a column fits its words up to this
WARNING_BACKGROUND = QColor("#fff4ce")


def short_warning(warning: str | None) -> str:
    if not warning:
        return ""
    return (tr("Check before first use") if warning == policy.CHECK_BEFORE_USE
            else tr("Check: over 12 months"))


class SignpostingPage(QWidget):
    title = QT_TR_NOOP("Signposting directory")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._services: list[signposting.Service] = []
        self.can_edit = permissions.allows("signposting.save", session.roles)

        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(tr("Search the directory"))
        self.search_box.setPlaceholderText(tr("Search by name, area or notes"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(validation.limit("search", "query"))
        self.category = QComboBox()
        self.category.setAccessibleName(tr("Category"))
        self.category.addItem(tr("Any category"), None)
        for code, words in policy.CATEGORIES.items():
            self.category.addItem(tr(words), code)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(16)
        category_label = QLabel(tr("Ca&tegory:"))
        category_label.setBuddy(self.category)
        self.add_button = QPushButton(tr("&Add a service"))
        self.add_button.clicked.connect(self.add_new)
        self.add_button.setVisible(self.can_edit)
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 2)
        filters.addWidget(category_label)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.add_button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(tr("Services"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.count = QLabel()
        self.count.setObjectName("directory_count")
        self.message = MessageLine("directory_message")

        if self.can_edit:
            self.editor = ServiceEditorPanel(session)
            self.editor.saved.connect(lambda entry_id: self.refresh(select_id=entry_id))
            self.editor.retired.connect(lambda _name: self.refresh())
            self.details = None
            side = self.editor
        else:
            self.editor = None
            self.details = ServiceDetailsPanel()
            side = self.details
        self.side_box = QGroupBox(tr("The selected service"))
        box_layout = QVBoxLayout(self.side_box)
        box_layout.addWidget(side)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.side_box)
        scroll.setFixedWidth(440)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        left = QVBoxLayout()
        left.addLayout(filters)
        left.addWidget(self.table, 1)
        left.addWidget(self.count)
        left.addWidget(self.message)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        if not self.can_edit:
            hint = QLabel(tr("Give these details only after checking any warning. A manager "
                             "or administrator can change them."))
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(body, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        self._loaded = False
        Desk.current().changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(DIRECTORY) and self._loaded:
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Look the directory up when the area is first shown (each search is audited)."""
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    # -- the list ----------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Search the directory on the database thread (each search is audited)."""
        self._search_timer.stop()
        self._loaded = True
        session, text, category = self._session, self.search_box.text(), \
            self.category.currentData()
        op(self, lambda: signposting.search(session, text, category)) \
            .success(lambda found: self._listed(found, select_id)) \
            .failure(lambda exc: self._listed([], select_id, exc)).run()

    def _listed(self, found, select_id, exc=None) -> None:
        self.message.clear()
        if exc is not None:
            self.message.setText(plain_message(exc))
        self._services = list(found)
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(self._services))
        for row, service in enumerate(self._services):
            values = (service.name, short_warning(service.warning), checked_text(service),
                      tr(service.category_label), service.phone, service.web,
                      service.opening_hours, service.area_served, service.notes)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, service.id)
                item.setToolTip(service.warning if column == 1 and service.warning else text)
                if service.warning and column in (0, 1):
                    item.setBackground(WARNING_BACKGROUND)
                self.table.setItem(row, column, item)
        self._fit_columns()
        self.table.blockSignals(False)
        total = len(self._services)
        self.count.setText(tr("Nothing found. Try fewer words, or any category.") if not total
                           else tr("%n service(s).", "", total))
        row = next((r for r, s in enumerate(self._services) if s.id == select_id), None)
        if row is not None:
            self.table.selectRow(row)
        else:
            self._show(None)

    def _fit_columns(self) -> None:
        """Names are never cut off: each column fits its words (and heading), up to a
        sensible width; the full text is in each cell's tooltip."""
        header = self.table.horizontalHeader()
        for column, widest in enumerate(WIDEST):
            self.table.resizeColumnToContents(column)
            width = max(header.sectionSizeHint(column),
                        min(self.table.columnWidth(column), widest))
            self.table.setColumnWidth(column, width)

    def selected(self) -> signposting.Service | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((s for s in self._services if s.id == entry_id), None)

    def _selected(self) -> None:
        self._show(self.selected())

    def _show(self, service) -> None:
        if self.editor is not None:
            if service is None and self.editor.entry_id is None:
                return          # a new entry being typed stays as it is
            same = service is not None and service.id == self.editor.entry_id
            self.editor.show_service(service, keep_message=same)
            self.side_box.setTitle(tr("The selected service") if service
                                   else tr("A new service"))
        else:
            self.details.show_service(service)

    def add_new(self) -> None:
        self.table.clearSelection()
        self.editor.show_service(None)
        self.side_box.setTitle(tr("A new service"))
        self.editor.name.setFocus()
