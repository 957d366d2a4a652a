"""The manager queue: every case awaiting management review, oldest first, with filters, and
the review screen for one of them. The navigation shows how many wait, e.g.
"Manager queue (3)", refreshed when the area is shown and after every decision. A second
tab lists the connection check's possible connections (ui/connection_flags.py); the badge
counts both."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from ...policy import lifecycle, perpetrators as policy
from ...services import reviews
from ...services.connections import flags as connection_flags
from ..common.fields import combo
from ..common.messages import MessageLine, heading, plain_message, words
from ..common.operation import FLAGS, QUEUE, Changes, Desk, op
from ..common.text import tr
from .connections_panel import ConnectionsPanel
from .review_panel import ReviewPanel

DECISION_FORM = "review.decision"
COLUMNS = (QT_TR_NOOP("Reference"), QT_TR_NOOP("Client"), QT_TR_NOOP("Waiting (days)"),
           QT_TR_NOOP("Stage when raised"), QT_TR_NOOP("Risk level"),
           QT_TR_NOOP("External referral"), QT_TR_NOOP("Raised by"))
REFERRED_BY = ((QT_TR_NOOP("Any referral"), None), (QT_TR_NOOP("Another service"), True),
               (QT_TR_NOOP("Self-referral"), False))


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
        intro = words(tr("Every case waiting for management review, oldest first. Open one "
                         "to review the risk and needs and decide the next steps."))
        self.risk = combo(tr("Risk level"), [(tr("Any risk level"), None)]
                          + [(tr(text), code) for code, text in policy.RISK_LEVELS.items()])
        self.referred_by = combo(tr("Referred by"), [(tr(t), v) for t, v in REFERRED_BY])
        self.stage = combo(tr("Stage when raised"), [(tr("Any stage"), None)]
                           + [(tr(lifecycle.LABELS[s]), s) for s in lifecycle.OPEN_STAGES])
        filters = QHBoxLayout()
        for text, box in ((tr("&Risk level:"), self.risk),
                          (tr("Re&ferred by:"), self.referred_by),
                          (tr("S&tage when raised:"), self.stage)):
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
            filters.addSpacing(12)
        filters.addStretch()
        self.table = QueueTable(0, len(COLUMNS))
        self.table.setAccessibleName(tr("Cases waiting for review"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
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
        self.open_button = QPushButton(tr("&Open the review"))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.count = QLabel()
        self.count.setObjectName("queue_count")
        self.count.setWordWrap(True)
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
        for n, found in enumerate(rows):
            texts = (found.reference, found.client_name, str(found.waiting_days),
                     tr(found.stage), tr(found.risk_level),
                     tr("Yes") if found.external_referral else tr("No"), found.raised_by)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, (found.concern_id, found.client_name))
                self.table.setItem(n, column, item)
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))
        shown = "" if len(rows) == waiting else " " + tr("Showing {n} (filtered).").format(
            n=len(rows))
        self.count.setText(tr("Nothing is waiting for review.") if not waiting else
                           tr("%n case(s) waiting for review.", "", waiting) + shown)

    def _open(self, row_number: int) -> None:
        item = self.table.item(row_number, 0)
        if item is not None:
            concern_id, name = item.data(Qt.ItemDataRole.UserRole)
            self.open_requested.emit(concern_id, name)


class ManagerQueuePage(QWidget):
    """The queue, and the review screen of one case. Emits ``badge_changed(text)`` for the
    navigation and ``case_requested(case_id, False)`` to open a case. The count and the
    list look again whenever an operation changes the queue or the possible connections."""

    title = QT_TR_NOOP("Manager queue")
    badge_changed = Signal(str)
    case_requested = Signal(int, bool)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.waiting = 0
        self.flagged = 0
        self.list = QueueListPanel()
        self.review = ReviewPanel(session)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.review)
        self.list.open_requested.connect(self.open_review)
        for box in (self.list.risk, self.list.referred_by, self.list.stage):
            box.currentIndexChanged.connect(self.refresh)
        self.review.back_requested.connect(self.back_to_queue)
        self.review.case_requested.connect(self.case_requested)
        self.connections = ConnectionsPanel(session)
        self.connections.count_changed.connect(self._flags_counted)
        self.review.opened.connect(self._review_opened)
        self.review.refused.connect(self.list.message.setText)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.stack, "")
        self.tabs.addTab(self.connections, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(self.tabs, 1)
        self._tab_titles()
        Desk.current().changed.connect(self._changed)
        self.refresh_count()

    def badge(self) -> str:
        total = self.waiting + self.flagged
        return str(total) if total else ""

    def _tab_titles(self) -> None:
        self.tabs.setTabText(0, tr("Cases waiting for &review")
                             + (f" ({self.waiting})" if self.waiting else ""))
        self.tabs.setTabText(1, tr("&Possible connections")
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

    def _changed(self, changes: Changes) -> None:
        if not changes.touches(QUEUE, FLAGS):
            return
        if self.isVisible() and self.stack.currentWidget() is self.list:
            self.refresh()
        else:
            self.refresh_count()
        if changes.touches(FLAGS) and self.tabs.currentWidget() is self.connections \
                and self.isVisible():
            self.connections.refresh()

    def refresh_count(self) -> None:
        """The counts for the badge and the tabs (on the database thread)."""
        session = self._session

        def counts():
            return reviews.count(session), connection_flags.count(session)

        def counted(found) -> None:
            self.waiting, self.flagged = found
            self._tab_titles()
            self.badge_changed.emit(self.badge())
        op(self, counts).success(counted).failure(lambda exc: None).run()

    def refresh(self) -> None:
        """Ask the service for the queue (and the counts for the badge) again."""
        session, filters = self._session, self.list.filters()

        def look():
            return (reviews.queue(session, **filters), reviews.count(session),
                    connection_flags.count(session))

        def found(answer) -> None:
            rows, self.waiting, self.flagged = answer
            self.list.message.clear()
            self.list.show_rows(rows, self.waiting)
            self._tab_titles()
            self.badge_changed.emit(self.badge())

        def refused(exc) -> None:
            self.list.message.setText(plain_message(exc))
            self.list.show_rows([], self.waiting)
        op(self, look).success(found).failure(refused).run()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name): the area is shown
        super().showEvent(event)
        if self.stack.currentWidget() is self.list:
            self.refresh()
        else:
            self.refresh_count()
        if self.tabs.currentWidget() is self.connections:
            self.connections.refresh()

    def open_review(self, concern_id: int, client_name: str = "") -> None:
        """Load the review (an audited view); it shows once loaded."""
        self.review.open_review(concern_id, client_name)

    def _review_opened(self) -> None:
        self.list.message.clear()
        self.stack.setCurrentWidget(self.review)
        self.tabs.setCurrentWidget(self.stack)

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
        concern_id = values.get("concern_id")
        if isinstance(concern_id, int) and not isinstance(concern_id, bool):
            self.review.open_review(concern_id, restore=values)
        return True
