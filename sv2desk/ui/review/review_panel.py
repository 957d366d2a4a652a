"""The review screen: one concern's risk and needs and its history on the left (one tab
each, so neither needs long scrolling), and on the right the management decision (policy
paragraph 6), or, once decided, the decision shown read-only with "Correct this decision".

The concern, and the managers who could share the outcome, are read in one operation (an
audited view); after a decision the decided record is shown from its top.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QSplitter, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from ...policy import roles as role_names
from ...services import accounts, concerns
from ..common.layout import scrolling
from ..common.messages import (BOLD_STYLE, NOTICE_STYLE, MessageLine, heading, notice,
                               plain_label, plain_message, words)
from ..common.operation import Changes, Desk, op
from ..common.text import tr
from ..common.when import when
from ..concern.concern_record_panel import (ConcernRecordPanel, HistoryTable,
                                            communication_rows, decision_rows, record_box)
from .decision_panel import DecisionPanel

NOT_READY = QT_TR_NOOP("This concern is not ready for a decision yet: the explanation to the "
                       "client and the countersigned line-manager discussion come first.")


def look_up_review(session, concern_id: int):
    """On the database thread: the concern (an audited view) and the managers who could
    share its outcome."""
    record = concerns.view(session, concern_id)
    managers = [(person.id, person.display_name) for person in accounts.list_accounts(session)
                if role_names.MANAGER in person.roles]
    return record, managers


class DecidedPanel(QWidget):
    """The decisions recorded (original and corrections), read-only."""

    correct_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.correct_button = QPushButton(tr("&Correct this decision…"))
        self.correct_button.clicked.connect(self.correct_requested)
        self.boxes = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(words(tr("A recorded decision is not changed. If something in it is "
                                  "wrong, record a correction: the original stays in the "
                                  "record.")))
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addLayout(self.boxes)
        layout.addStretch()

    def show_record(self, record) -> None:
        while self.boxes.count():
            widget = self.boxes.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for n, decision in reversed(list(enumerate(record.decisions))):
            title = (QT_TR_NOOP("The decision now in force") if n == len(record.decisions) - 1
                     else QT_TR_NOOP("Earlier decision (corrected)"))
            self.boxes.addWidget(record_box(title, decision_rows(decision,
                                                                record.external_referral),
                                            f"decided_box_{n}"))
        self.boxes.addWidget(record_box(QT_TR_NOOP("The outcome shared with the person"),
                                        communication_rows(record.communication)))


class ReviewPanel(QWidget):
    """Emits ``opened`` once a concern has loaded, ``refused(message)``, ``back_requested``,
    ``case_requested(case_id, False)`` and ``decided(message)``."""

    opened = Signal()
    refused = Signal(str)
    back_requested = Signal()
    case_requested = Signal(int, bool)
    decided = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.record = None
        self._client_name = ""
        self._next_message = ""
        self.back_button = QPushButton(tr("← &Back to the queue"))
        self.back_button.clicked.connect(self.back_requested)
        self.case_button = QPushButton(tr("Open the &case"))
        self.case_button.clicked.connect(self._open_case)
        self.title = heading("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_line = plain_label()
        self.summary_line.setObjectName("review_summary")
        self.message = MessageLine("review_message", style=BOLD_STYLE)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.case_button)
        top.addStretch()

        self.record_view = ConcernRecordPanel(columns=1)
        self.history = HistoryTable()
        record_holder = QWidget()
        record_layout = QVBoxLayout(record_holder)
        record_layout.addWidget(self.record_view)
        record_layout.addStretch()
        self.left_scroll = scrolling(record_holder, tr("Risk and needs"))
        self.left = QTabWidget()
        self.left.addTab(self.left_scroll, tr("Risk and &needs"))
        self.left.addTab(self.history, tr("&History of the concern"))

        self.decision = DecisionPanel(session)
        self.decision.saved.connect(self._saved)
        self.decided_view = DecidedPanel()
        self.decided_view.correct_requested.connect(self.start_correction)
        self.not_ready = notice(NOTICE_STYLE, "review_not_ready")
        self.not_ready.setText(tr(NOT_READY))
        self.not_ready.show()
        holder = QWidget()
        QVBoxLayout(holder).addWidget(self.not_ready, 0, Qt.AlignmentFlag.AlignTop)
        self.right = QStackedWidget()
        for widget in (self.decision, self.decided_view, holder):
            self.right.addWidget(widget)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.right_heading = heading(tr("The decision"))
        right_layout.addWidget(self.right_heading)
        right_layout.addWidget(self.right, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.right_scroll = scrolling(right, tr("The decision"))
        splitter.addWidget(self.left)
        splitter.addWidget(self.right_scroll)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 560])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.summary_line)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        Desk.current().changed.connect(self._changed)

    def open_review(self, concern_id: int, client_name: str = "", *,
                    restore: dict | None = None) -> None:
        """Load the concern (an audited view) on the database thread; ``opened`` once it
        shows, ``refused(message)`` if it may not."""
        session = self._session
        op(self, lambda: look_up_review(session, concern_id), key=f"open:{concern_id}") \
            .success(lambda found: self._opened(found, client_name, restore)) \
            .failure(self._refused).run()

    def _refused(self, exc) -> None:
        message = plain_message(exc)
        self.message.setText(message)
        self.refused.emit(message)

    def _opened(self, found, client_name: str, restore: dict | None) -> None:
        record, managers = found
        if self.record is None or self.record.id != record.id:
            self.message.clear()
            self._client_name = client_name
        elif client_name:
            self._client_name = client_name
        self.decision.managers = managers
        self.show_record(record)
        if self._next_message:
            self.message.setText(self._next_message)
            self._next_message = ""
        self.opened.emit()
        if restore is not None:
            self.restore_values(restore)

    def _changed(self, changes: Changes) -> None:
        if self.record is not None and self.isVisible() and changes.case(self.record.case_id):
            self.open_review(self.record.id)

    def show_record(self, record) -> None:
        self.record = record
        name = self._client_name
        self.title.setText(tr("Review: {name} — {reference}").format(
            name=name, reference=record.reference) if name
            else tr("Review: {reference}").format(reference=record.reference))
        self.summary_line.setText(
            tr("Concern raised {when} by {name}, while the case was: {stage}.").format(
                when=when(record.raised_at), name=record.raised_by,
                stage=tr(record.stage).lower())
            + " " + (tr("Referred by another service.") if record.external_referral
                     else tr("Self-referral.")))
        self.record_view.show_record(record, with_outcome=False)
        self.history.show_history(record.history)
        if record.decisions and self.decision.correcting is None:
            self.right_heading.setText(tr("The decision"))
            self.decided_view.show_record(record)
            self.right.setCurrentWidget(self.decided_view)
        elif record.status == concerns.AWAITING_REVIEW or self.decision.correcting:
            self.right_heading.setText(tr("Correct the decision") if self.decision.correcting
                                       else tr("The decision"))
            self.decision.show_record(record, self.decision.correcting)
            self.right.setCurrentWidget(self.decision)
        else:
            self.right.setCurrentIndex(2)
        self.right_scroll.verticalScrollBar().setValue(0)   # whatever shows, from its top

    def start_correction(self) -> None:
        if self.record is None or not self.record.decisions:
            return
        self.message.clear()
        self.decision.show_record(self.record, self.record.decisions[-1])
        self.right_heading.setText(tr("Correct the decision"))
        self.right.setCurrentWidget(self.decision)
        self.right_scroll.verticalScrollBar().setValue(0)
        self.decision.correction_reason.setFocus()

    def _saved(self, message: str) -> None:
        """The decision is recorded: the case has changed, so it reloads (``_changed``),
        and the record is shown from its top with what was decided."""
        self._next_message = message
        if self.record is not None and not self.isVisible():
            self.open_review(self.record.id)
        if message:
            self.decided.emit(message)

    def _open_case(self) -> None:
        if self.record is not None:
            self.case_requested.emit(self.record.case_id, False)

    # -- drafts ------------------------------------------------------------------------

    def draft_values(self) -> dict | None:
        if (self.record is None or self.right.currentWidget() is not self.decision
                or not self.decision.isEnabled() or not self.decision.has_input()):
            return None
        values = self.decision.values()
        values["concern_id"] = self.record.id
        values["correcting"] = self.decision.correcting["id"] if self.decision.correcting \
            else None
        return values

    def restore_values(self, values: dict) -> None:
        correcting = values.get("correcting")
        if correcting and self.record is not None:
            decision = next((d for d in self.record.decisions if d["id"] == correcting), None)
            if decision is not None:
                self.start_correction()
        if self.right.currentWidget() is self.decision:
            self.decision.set_values(values)
