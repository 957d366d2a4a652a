"""The manager queue: every case awaiting management review, oldest first, with filters, and
the review screen for one of them. The navigation shows how many wait, e.g.
"Manager queue (3)", refreshed when the area is shown and after every decision. A second
tab lists the connection check's possible connections (ui/connection_flags.py); the badge
counts both."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from ... import errors
from ...policy import lifecycle, perpetrators as policy
from ...services import reviews
from .connections_panel import ConnectionsPanel
from ..common.forms import MessageLine, heading
from .review_panel import ReviewPanel

DECISION_FORM = "review.decision"
COLUMNS = ("Reference", "Client", "Waiting (days)", "Stage when raised", "Risk level",
           "External referral", "Raised by")
REFERRED_BY = (("Any referral", None), ("Another service", True), ("Self-referral", False))


def _combo(name: str, options) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in options:
        combo.addItem(text, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class QueueTable(QTableWidget):
    """The queue's rows; Enter or a double-click opens one (``open_requested(row)``)."""

    open_requested = Signal(int)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.open_requested.emit(self.currentRow())
            return
        super().keyPressEvent(event)


class QueueListPanel(QWidget):
    """Filters, the table and the count. Emits ``open_requested(concern_id, client_name)``."""

    open_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel("Every case waiting for management review, oldest first. Open one to "
                       "review the risk and needs and decide the next steps.")
        intro.setWordWrap(True)
        self.risk = _combo("Risk level", [("Any risk level", None)]
                           + [(words, code) for code, words in policy.RISK_LEVELS.items()])
        self.referred_by = _combo("Referred by", REFERRED_BY)
        self.stage = _combo("Stage when raised", [("Any stage", None)]
                            + [(lifecycle.LABELS[s], s) for s in lifecycle.OPEN_STAGES])
        filters = QHBoxLayout()
        for text, combo in (("&Risk level:", self.risk), ("Re&ferred by:", self.referred_by),
                            ("S&tage when raised:", self.stage)):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(12)
        filters.addStretch()
        self.table = QueueTable(0, len(COLUMNS))
        self.table.setAccessibleName("Cases waiting for review")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.open_requested.connect(self._open)
        self.open_button = QPushButton("&Open the review")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.count = QLabel()
        self.count.setObjectName("queue_count")
        self.message = MessageLine("queue_message")
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)

    def filters(self) -> dict:
        return {"risk_level": self.risk.currentData(), "external": self.referred_by.currentData(),
                "stage": self.stage.currentData()}

    def show_rows(self, rows: list[reviews.QueueRow], waiting: int) -> None:
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            texts = (row.reference, row.client_name, str(row.waiting_days), row.stage,
                     row.risk_level, "Yes" if row.external_referral else "No", row.raised_by)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, (row.concern_id, row.client_name))
                self.table.setItem(n, column, item)
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))
        shown = "" if len(rows) == waiting else f" Showing {len(rows)} (filtered)."
        self.count.setText("Nothing is waiting for review." if not waiting else
                           f"{waiting} case{'s' if waiting != 1 else ''} waiting for review."
                           + shown)

    def _open(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            concern_id, name = item.data(Qt.ItemDataRole.UserRole)
            self.open_requested.emit(concern_id, name)


class ManagerQueuePage(QWidget):
    """The queue, and the review screen of one case. Emits ``badge_changed(text)`` for the
    navigation and ``case_requested(case_id, False)`` to open a case."""

    title = "Manager queue"
    badge_changed = Signal(str)
    case_requested = Signal(int, bool)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.waiting = 0
        self.list = QueueListPanel()
        self.review = ReviewPanel(session)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.review)
        self.list.open_requested.connect(self.open_review)
        for combo in (self.list.risk, self.list.referred_by, self.list.stage):
            combo.currentIndexChanged.connect(self.refresh)
        self.review.back_requested.connect(self.back_to_queue)
        self.review.case_requested.connect(self.case_requested)
        self.review.decided.connect(self.refresh_count)
        self.flagged = 0
        self.connections = ConnectionsPanel(session)
        self.connections.count_changed.connect(self._flags_counted)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.stack, "")
        self.tabs.addTab(self.connections, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(self.tabs, 1)
        self.refresh_count()

    def badge(self) -> str:
        total = self.waiting + self.flagged
        return str(total) if total else ""

    def _tab_titles(self) -> None:
        self.tabs.setTabText(0, "Cases waiting for &review"
                             + (f" ({self.waiting})" if self.waiting else ""))
        self.tabs.setTabText(1, "&Possible connections"
                             + (f" ({self.flagged})" if self.flagged else ""))

    def _flags_counted(self, waiting: int) -> None:
        self.flagged = waiting
        self._tab_titles()
        self.badge_changed.emit(self.badge())

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.connections.refresh()

    def show_connections(self) -> ConnectionsPanel:
        self.tabs.setCurrentWidget(self.connections)
        return self.connections

    def refresh_count(self) -> None:
        try:
            self.waiting = reviews.count(self._session)
        except errors.SV2Error:
            self.waiting = 0
        self.flagged = self.connections.open_count()
        self._tab_titles()
        self.badge_changed.emit(self.badge())

    def refresh(self) -> None:
        """Ask the service for the queue (and the count for the badge) again."""
        self.refresh_count()
        self.list.message.clear()
        try:
            rows = reviews.queue(self._session, **self.list.filters())
        except errors.SV2Error as exc:
            self.list.message.setText(exc.message)
            rows = []
        self.list.show_rows(rows, self.waiting)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name): the area is shown
        super().showEvent(event)
        if self.stack.currentWidget() is self.list:
            self.refresh()
        else:
            self.refresh_count()
        if self.tabs.currentWidget() is self.connections:
            self.connections.refresh()

    def open_review(self, concern_id: int, client_name: str = "") -> bool:
        if not self.review.open_review(concern_id, client_name):
            self.list.message.setText(self.review.message.text())
            return False
        self.stack.setCurrentWidget(self.review)
        self.tabs.setCurrentWidget(self.stack)
        return True

    def back_to_queue(self) -> None:
        self.review.decision.correcting = None
        self.stack.setCurrentWidget(self.list)
        self.refresh()
        self.list.table.setFocus()

    # -- drafts ------------------------------------------------------------------------

    def drafts(self) -> list[tuple[str, dict]]:
        if self.stack.currentWidget() is not self.review:
            return []
        values = self.review.draft_values()
        return [(DECISION_FORM, values)] if values else []

    def restore_draft(self, form: str, values: dict) -> bool:
        if form != DECISION_FORM:
            return False
        if self.open_review(int(values.get("concern_id") or 0)):
            self.review.restore_values(values)
        return True
