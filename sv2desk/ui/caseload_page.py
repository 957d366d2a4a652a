"""My caseload: my cases, unassigned referrals and (for managers) every case, with filters,
sorting and search; opening a case shows the case view in the same area.

The table model holds only case ids. Rows are revealed a page at a time as the list is
scrolled (canFetchMore / fetchMore), and each row's details are fetched from the service
a page at a time, when first shown, and kept in a small cache, so 100,000 cases scroll
without loading them all.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QStackedWidget, QTabBar, QTableView, QVBoxLayout,
                               QWidget)

from .. import errors
from ..policy import lifecycle, permissions
from ..services import caseload
from .case_view import CasePage
from .forms import MessageLine, heading

PAGE_SIZE = 100
CACHE_PAGES = 8
# (heading, the service's sort key or None when the column cannot be sorted)
COLUMNS = (("Reference", "reference"), ("Name", "name"), ("Status", "status"),
           ("Worker", None), ("Referral date", "referral_date"))
SCOPES = ((caseload.MINE, "&My cases"), (caseload.UNASSIGNED, "&Unassigned referrals"),
          (caseload.ALL, "All &cases"))
STATUS_FILTERS = [("Open cases", "open"), ("Any status", None), ("Paused", "paused")] + [
    (lifecycle.LABELS[s], s) for s in (lifecycle.REFERRED, lifecycle.ASSESSING,
                                       lifecycle.AWAITING_SUPPORT, lifecycle.IN_SUPPORT,
                                       lifecycle.CLOSED)]
MANAGER_STATUS_FILTERS = [(lifecycle.WORKFLOW_LABELS[s], s) for s in lifecycle.PAUSED]
PAUSED_COLOUR = QColor("#a4262c")


class CaseloadModel(QAbstractTableModel):
    """Case ids in order; rows fetched lazily a page at a time through the service."""

    def __init__(self, session, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._session = session
        self.page_size = page_size
        self._ids: list[int] = []
        self._shown = 0
        self._pages: OrderedDict[int, dict[int, caseload.CaseRow]] = OrderedDict()
        self.pages_fetched = 0   # how many times rows were asked of the service

    # -- contents ------------------------------------------------------------------------

    def set_ids(self, ids: list[int], rows: list[caseload.CaseRow] = ()) -> None:
        """Show these cases; ``rows`` already known (search results) need no fetch."""
        self.beginResetModel()
        self._ids = list(ids)
        self._shown = min(self.page_size, len(self._ids))
        self._pages.clear()
        known = {row.id: row for row in rows}
        for start in range(0, len(self._ids) if known else 0, self.page_size):
            page = self._ids[start:start + self.page_size]
            self._pages[start // self.page_size] = {i: known[i] for i in page if i in known}
        self.endResetModel()

    def total(self) -> int:
        return len(self._ids)

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_at(self, row: int) -> caseload.CaseRow | None:
        case_id = self.case_id(row)
        if case_id is None:
            return None
        page = row // self.page_size
        if page not in self._pages:
            ids = self._ids[page * self.page_size:(page + 1) * self.page_size]
            self._pages[page] = {r.id: r for r in caseload.rows(self._session, ids)}
            self.pages_fetched += 1
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return self._pages[page].get(case_id)

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's names below too)
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = min(self.page_size, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.case_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            return PAUSED_COLOUR if row is not None and row.paused else None
        if row is None:
            return "Not available" if index.column() == 1 else ""
        return (row.reference, row.name, row.status_label, row.worker_name,
                row.referral_date.strftime("%d/%m/%Y"))[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return (Qt.SortOrder.DescendingOrder if COLUMNS[section][1] == "referral_date"
                    else Qt.SortOrder.AscendingOrder)
        return None


class CaseTable(QTableView):
    """The list of cases; Enter or a double-click opens one."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.doubleClicked.connect(self._open_index)

    def _open_index(self, index) -> None:
        case_id = index.data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.open_requested.emit(case_id)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)


class CaseList(QWidget):
    """Scope tabs, filters, search and the table. Emits ``open_requested(case_id)``."""

    open_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._sort = ("referral_date", True)
        manager = permissions.sees_every_case(session.roles)
        self.scopes = QTabBar()
        self.scopes.setExpanding(False)
        self.scopes.setDrawBase(False)
        self.scopes.setAccessibleName("Which cases")
        self._scope_codes = []
        for code, text in SCOPES:
            if code == caseload.ALL and not manager:
                continue
            self._scope_codes.append(code)
            self.scopes.addTab(text)
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search cases")
        self.search_box.setPlaceholderText("Search by name, reference, date of birth or postcode")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(caseload.SEARCH_MAX_CHARACTERS)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for text, code in STATUS_FILTERS + (MANAGER_STATUS_FILTERS if manager else []):
            self.status.addItem(text, code)
        self.worker = QComboBox()
        self.worker.setAccessibleName("Worker")
        self.worker.addItem("Any worker", None)
        if manager:
            for worker_id, name in caseload.workers(session):
                self.worker.addItem(name, worker_id)
        self.worker_label = QLabel("&Worker:")
        self.worker_label.setBuddy(self.worker)
        status_label = QLabel("S&tatus:")
        status_label.setBuddy(self.status)
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 1)
        filters.addWidget(status_label)
        filters.addWidget(self.status)
        filters.addWidget(self.worker_label)
        filters.addWidget(self.worker)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.worker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model = CaseloadModel(session, parent=self)
        self.table = CaseTable()
        self.table.setAccessibleName("Cases")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((150, 300, 170, 170, 120)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setObjectName("caseload_count")
        self.message = MessageLine("caseload_message")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scopes)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.search)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self.search)
        self.scopes.currentChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.worker.currentIndexChanged.connect(self.refresh)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.open_requested.connect(self.open_requested)
        self.refresh()

    def scope(self) -> str:
        return self._scope_codes[self.scopes.currentIndex()]

    def refresh(self) -> None:
        """Ask the service for the list again (or the search, if one is typed)."""
        if self.search_box.text().strip():
            self.search()
            return
        all_cases = self.scope() == caseload.ALL
        self.worker.setVisible(all_cases)
        self.worker_label.setVisible(all_cases)
        self.message.clear()
        try:
            ids = caseload.case_ids(self._session, self.scope(),
                                    status=self.status.currentData(),
                                    worker_id=self.worker.currentData() if all_cases else None,
                                    sort=self._sort[0], descending=self._sort[1])
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            ids = []
        self.model.set_ids(ids)
        total = len(ids)
        self.count.setText("No cases here." if not total else
                           f"{total:,} case{'s' if total != 1 else ''}.")

    def search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if not text:
            self.refresh()
            return
        self.message.clear()
        try:
            found = caseload.search(self._session, text)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            found = []
        self.model.set_ids([row.id for row in found], found)
        self.count.setText(
            "Nothing found. Check the spelling, or try part of the name." if not found else
            f"{len(found)} found (every case you may see, whatever the tabs and filters say)."
            + (" Showing the best matches: type more to narrow it down."
               if len(found) >= caseload.SEARCH_LIMIT else ""))

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:  # this column cannot be sorted: put the indicator back
            header = self.table.horizontalHeader()
            current = [k for _, k in COLUMNS].index(self._sort[0])
            header.blockSignals(True)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if self._sort[1]
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.refresh()


class CaseloadPage(QWidget):
    """The caseload list, and the case view when a case is open. Emits
    ``review_requested(concern_id)`` when a manager asks for a concern's review screen."""

    title = "My caseload"
    review_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.list = CaseList(session)
        self.case_page = CasePage(session)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.case_page)
        self.list.open_requested.connect(self.open_case)
        self.case_page.back_requested.connect(self.back_to_list)
        self.case_page.review_requested.connect(self.review_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(self.stack, 1)

    def open_case(self, case_id: int, assess: bool = False) -> bool:
        """Open a case (an audited view); with ``assess``, start its assessment too."""
        if not self.case_page.load(case_id):
            self.list.message.setText(self.case_page.message.text())
            return False
        self.stack.setCurrentWidget(self.case_page)
        if assess:
            self.case_page.start_assessment()
        return True

    def back_to_list(self) -> None:
        self.case_page.clear()
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        self.list.table.setFocus()

    def case_created_elsewhere(self, case_id: int) -> None:
        if self.stack.currentWidget() is self.list:
            self.list.refresh()

    def drafts(self) -> list[tuple[str, dict]]:
        return self.case_page.drafts() if self.stack.currentWidget() is self.case_page else []

    def restore_draft(self, form: str, values: dict) -> bool:
        if not self.case_page.handles_draft(form):
            return False
        if self.open_case(int(values.get("case_id") or 0)):
            self.case_page.restore_draft(form, values)
        return True
