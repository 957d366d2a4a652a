"""My caseload: my cases, unassigned referrals and (for managers) every case, with filters,
sorting and search; opening a case shows the case view in the same area.

The table model holds only case ids. Rows are revealed a page at a time as the list is
scrolled (canFetchMore / fetchMore), and each row's details are fetched from the service
a page at a time, when first shown, and kept in a small cache, so 100,000 cases scroll
without loading them all. The list itself, and the first page of rows, come from one
operation on the database thread; the list looks again whenever an operation changes
which cases there are or where they stand.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QT_TR_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QStackedWidget, QTabBar, QTableView, QVBoxLayout,
                               QWidget)

from ...policy import lifecycle, permissions, validation
from ...services import caseload
from ..common.messages import MessageLine, heading
from ..common.operation import CASELOAD, Changes, Desk, op
from ..common.text import tr
from .case_panel import CasePanel

PAGE_SIZE = 100
CACHE_PAGES = 8
# (heading, the service's sort key or None when the column cannot be sorted)
COLUMNS = ((QT_TR_NOOP("Reference"), "reference"), (QT_TR_NOOP("Name"), "name"),
           (QT_TR_NOOP("Status"), "status"), (QT_TR_NOOP("Worker"), None),
           (QT_TR_NOOP("Referral date"), "referral_date"))
SCOPES = ((caseload.MINE, QT_TR_NOOP("&My cases")),
          (caseload.UNASSIGNED, QT_TR_NOOP("&Unassigned referrals")),
          (caseload.ALL, QT_TR_NOOP("All &cases")))
# Every stage by the one name it has everywhere (lifecycle.STAGES), as the people on the
# case see it; "Paused" gathers the three paused stages.
STATUS_FILTERS = ([(QT_TR_NOOP("Open cases"), "open"), (QT_TR_NOOP("Any status"), None),
                   (QT_TR_NOOP("Paused (any stage)"), "paused")]
                  + [(lifecycle.WORKFLOW_LABELS[s], s) for s in lifecycle.OPEN_STAGES]
                  + [(lifecycle.WORKFLOW_LABELS[s], s) for s in lifecycle.PAUSED]
                  + [(lifecycle.WORKFLOW_LABELS[lifecycle.CLOSED], lifecycle.CLOSED)])
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

    def set_ids(self, ids: list[int], rows=()) -> None:
        """Show these cases; ``rows`` already known (the first page, search results) need
        no fetch."""
        self.beginResetModel()
        # A long list's ids are read as far as they are shown (caseload.CaseIds).
        self._ids = ids if isinstance(ids, caseload.CaseIds) else list(ids)
        self._shown = min(self.page_size, len(self._ids))
        self._pages.clear()
        known = {row.id: row for row in rows}
        for start in range(0, len(self._ids) if known else 0, self.page_size):
            page = self._ids[start:start + self.page_size]
            if not any(i in known for i in page):
                break           # the rows known are the first pages'
            self._pages[start // self.page_size] = {i: known[i] for i in page if i in known}
        self.endResetModel()

    def total(self) -> int:
        return len(self._ids)

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_at(self, row: int) -> caseload.CaseRow | None:
        """A row's details. A page not yet fetched is read here, on the UI thread: one
        page of a hundred rows is a few milliseconds (``make bench``: caseload page)."""
        case_id = self.case_id(row)
        if case_id is None:
            return None
        page = row // self.page_size
        if page not in self._pages:
            ids = self._ids[page * self.page_size:(page + 1) * self.page_size]
            try:
                self._pages[page] = {r.id: r for r in caseload.rows(self._session, ids)}
            except Exception:   # the session closed under the list (locking): show nothing
                self._pages[page] = {}
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
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            return PAUSED_COLOUR if row is not None and row.paused else None
        if row is None:
            return tr("Not available") if index.column() == 1 else ""
        return (row.reference, row.name, tr(row.status_label), row.worker_name,
                row.referral_date.strftime("%d/%m/%Y"))[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][0])
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


class CaseListPanel(QWidget):
    """Scope tabs, filters, search and the table. Emits ``open_requested(case_id)``."""

    open_requested = Signal(int)
    loaded = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._sort = ("referral_date", True)
        self._asked = 0            # answers to an older question are not shown
        manager = permissions.sees_every_case(session.roles)
        self.scopes = QTabBar()
        self.scopes.setExpanding(False)
        self.scopes.setDrawBase(False)
        self.scopes.setAccessibleName(tr("Which cases"))
        self._scope_codes = []
        for code, text in SCOPES:
            if code == caseload.ALL and not manager:
                continue
            self._scope_codes.append(code)
            self.scopes.addTab(tr(text))
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(tr("Search cases"))
        self.search_box.setPlaceholderText(tr("Search by name, reference, date of birth or "
                                              "postcode"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(validation.limit("search", "query"))
        self.status = QComboBox()
        self.status.setAccessibleName(tr("Status"))
        for text, code in STATUS_FILTERS:
            self.status.addItem(tr(text), code)
        self.worker = QComboBox()
        self.worker.setAccessibleName(tr("Worker"))
        self.worker.addItem(tr("Any worker"), None)
        self.worker_label = QLabel(tr("&Worker:"))
        self.worker_label.setBuddy(self.worker)
        status_label = QLabel(tr("S&tatus:"))
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
        self.table.setAccessibleName(tr("Cases"))
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        metrics = self.table.fontMetrics()
        widest_stage = max(metrics.horizontalAdvance(tr(label))
                           for label in lifecycle.WORKFLOW_LABELS.values())
        for column, width in enumerate((150, 300, widest_stage + 24, 170, 120)):
            header_width = self.table.horizontalHeader().sectionSizeFromContents(column).width()
            self.table.setColumnWidth(column, max(width, header_width + 8))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setObjectName("caseload_count")
        self.count.setWordWrap(True)
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
        if manager:
            op(self, lambda: caseload.workers(session)).success(self._show_workers) \
                .failure(lambda exc: None).run()
        self.refresh()

    def _show_workers(self, workers) -> None:
        self.worker.blockSignals(True)
        for worker_id, name in workers:
            self.worker.addItem(name, worker_id)
        self.worker.blockSignals(False)

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
        session, scope = self._session, self.scope()
        status = self.status.currentData()
        worker_id = self.worker.currentData() if all_cases else None
        sort, descending = self._sort
        self._asked += 1
        asked = self._asked

        def look():
            ids = caseload.case_ids(session, scope, status=status, worker_id=worker_id,
                                    sort=sort, descending=descending)
            return ids, caseload.rows(session, ids[:PAGE_SIZE])

        op(self, look).success(lambda found: self._listed(asked, *found)) \
            .failure(lambda exc: self._refused(asked, exc)).run()

    def _listed(self, asked: int, ids, first_rows) -> None:
        if asked != self._asked:
            return
        self.message.clear()
        self.model.set_ids(ids, first_rows)
        self.count.setText(self._count_text(len(ids)))
        self.loaded.emit()

    def _refused(self, asked: int, exc) -> None:
        if asked != self._asked:
            return
        from ..common.messages import plain_message
        self.model.set_ids([])
        self.message.setText(plain_message(exc))
        self.count.clear()
        self.loaded.emit()

    def _count_text(self, total: int) -> str:
        if total:
            return tr("%n case(s).", "", total)
        if self.status.currentData() not in ("open", None):
            return tr("No cases at this stage. Choose \u201cAny status\u201d in Status to see "
                      "every case here.")
        scope = self.scope()
        if scope == caseload.MINE:
            return tr("You have no cases assigned to you yet. Referrals assigned to you "
                      "appear here: look in \u201cUnassigned referrals\u201d for ones to "
                      "take, or take a referral in \u201cNew referral\u201d.")
        if scope == caseload.UNASSIGNED:
            return tr("No referral is waiting for someone to take it.")
        return tr("No cases yet. Referrals appear here once they are taken in \u201cNew "
                  "referral\u201d.")

    def search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if not text:
            self.refresh()
            return
        session = self._session
        self._asked += 1
        asked = self._asked
        op(self, lambda: caseload.search(session, text)) \
            .success(lambda found: self._found(asked, found)) \
            .failure(lambda exc: self._refused(asked, exc)).run()

    def _found(self, asked: int, found) -> None:
        if asked != self._asked:
            return
        self.message.clear()
        self.model.set_ids([row.id for row in found], found)
        self.count.setText(
            tr("Nothing found. Check the spelling, or try part of the name.") if not found else
            tr("%n found (every case you may see, whatever the tabs and filters say).", "",
               len(found))
            + (" " + tr("Showing the best matches: type more to narrow it down.")
               if len(found) >= caseload.SEARCH_LIMIT else ""))
        self.loaded.emit()

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

    title = QT_TR_NOOP("My caseload")
    review_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.list = CaseListPanel(session)
        self._case_page: CasePanel | None = None      # built when a case is first opened
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.list.open_requested.connect(self.open_case)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(self.stack, 1)
        self._stale = False
        Desk.current().changed.connect(self._changed)

    @property
    def case_page(self) -> CasePanel:
        """The case view, built the first time it is wanted (not at sign-in)."""
        if self._case_page is None:
            page = self._case_page = CasePanel(self._session)
            self.stack.addWidget(page)
            page.back_requested.connect(self.back_to_list)
            page.review_requested.connect(self.review_requested)
            page.opened.connect(self._opened)
            page.refused.connect(self.list.message.setText)
        return self._case_page

    def _showing_case(self) -> bool:
        return self._case_page is not None and self.stack.currentWidget() is self._case_page

    def open_case(self, case_id: int, assess: bool = False, tab: int | None = None) -> None:
        """Open a case (an audited view); with ``assess``, start its assessment too. The
        case view shows when it has loaded (``case_page.opened``)."""
        self.case_page.load(case_id, assess=assess, tab=tab)

    def _opened(self) -> None:
        self.list.message.clear()
        self.stack.setCurrentWidget(self.case_page)

    def back_to_list(self) -> None:
        self.case_page.clear()
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        self.list.table.setFocus()

    def _changed(self, changes: Changes) -> None:
        """Another operation changed cases: the list looks again now if it is showing,
        otherwise when it is next shown."""
        if not changes.touches(CASELOAD) and not any(c.startswith("case:") for c in changes):
            return
        if self.stack.currentWidget() is self.list and self.isVisible():
            self.list.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale and self.stack.currentWidget() is self.list:
            self._stale = False
            self.list.refresh()

    # -- where the person was, and drafts ----------------------------------------------

    def place(self) -> dict:
        if self._showing_case() and self.case_page.view is not None:
            return {"case_id": self.case_page.view.id,
                    "tab": self.case_page.tabs.currentIndex()}
        return {}

    def go_to_place(self, values: dict) -> None:
        case_id = values.get("case_id")
        if isinstance(case_id, int) and not isinstance(case_id, bool):
            tab = values.get("tab")
            self.open_case(case_id, tab=tab if isinstance(tab, int) else None)

    def drafts(self) -> list[tuple[str, dict]]:
        return self.case_page.drafts() if self._showing_case() else []

    def restore_draft(self, form: str, values: dict) -> bool:
        if not CasePanel.handles_draft(form):
            return False
        case_id = values.get("case_id")
        if not isinstance(case_id, int) or isinstance(case_id, bool):
            return True
        self.case_page.load(case_id, draft=(form, values))
        return True
