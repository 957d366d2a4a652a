"""The review screen: one concern's risk and needs and its history on the left, and on the
right the management decision (policy paragraph 6), or, once decided, the decision shown
read-only with "Correct this decision"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from ... import errors
from ...services import concerns, reviews
from ..casework.case_details_panel import when
from ..concern.concern_record_panel import (ConcernRecordPanel, HistoryTable, communication_rows, decision_rows,
                             record_box)
from .decision_panel import DecisionPanel
from ..common.forms import NOTICE_STYLE, MessageLine, heading, notice, plain_label

NOT_READY = ("This concern is not ready for a decision yet: the explanation to the client and "
             "the countersigned line-manager discussion come first.")


def _scroll(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setAccessibleName(name)
    return area


class DecidedPanel(QWidget):
    """The decisions recorded (original and corrections), read-only."""

    correct_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.correct_button = QPushButton("&Correct this decision…")
        self.correct_button.clicked.connect(self.correct_requested)
        self.boxes = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel("A recorded decision is not changed. If something in it is wrong, "
                       "record a correction: the original stays in the record.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
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
            title = ("The decision now in force" if n == len(record.decisions) - 1
                     else "Earlier decision (corrected)")
            self.boxes.addWidget(record_box(title, decision_rows(decision,
                                                                record.external_referral),
                                            f"decided_box_{n}"))
        self.boxes.addWidget(record_box("The outcome shared with the person",
                                        communication_rows(record.communication)))


class ReviewPanel(QWidget):
    """Emits ``back_requested``, ``case_requested(case_id, False)`` and ``decided(message)``."""

    back_requested = Signal()
    case_requested = Signal(int, bool)
    decided = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.record = None
        self._client_name = ""
        self.back_button = QPushButton("← &Back to the queue")
        self.back_button.clicked.connect(self.back_requested)
        self.case_button = QPushButton("Open the &case")
        self.case_button.clicked.connect(self._open_case)
        self.title = heading("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_line = plain_label()
        self.summary_line.setObjectName("review_summary")
        self.message = MessageLine("review_message", style="font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.case_button)
        top.addStretch()

        self.record_view = ConcernRecordPanel(columns=1)
        self.history = HistoryTable()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading("Risk and needs"))
        left_layout.addWidget(self.record_view)
        left_layout.addWidget(heading("History of the concern"))
        left_layout.addWidget(self.history)
        left_layout.addStretch()

        self.decision = DecisionPanel(session)
        self.decision.saved.connect(self._saved)
        self.decided_view = DecidedPanel()
        self.decided_view.correct_requested.connect(self.start_correction)
        self.not_ready = notice(NOTICE_STYLE, "review_not_ready")
        self.not_ready.setText(NOT_READY)
        self.not_ready.show()
        holder = QWidget()
        QVBoxLayout(holder).addWidget(self.not_ready, 0, Qt.AlignmentFlag.AlignTop)
        self.right = QStackedWidget()
        for widget in (self.decision, self.decided_view, holder):
            self.right.addWidget(widget)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.right_heading = heading("The decision")
        right_layout.addWidget(self.right_heading)
        right_layout.addWidget(self.right, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.left_scroll = _scroll(left, "Risk and needs")
        self.right_scroll = _scroll(right, "The decision")
        splitter.addWidget(self.left_scroll)
        splitter.addWidget(self.right_scroll)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([420, 560])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.summary_line)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def open_review(self, concern_id: int, client_name: str = "") -> bool:
        """Load the concern (an audited view); False with the reason shown if refused."""
        try:
            record = reviews.view(self._session, concern_id)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return False
        if self.record is None or self.record.id != record.id:
            self.message.clear()
            self._client_name = client_name
        self.show_record(record)
        return True

    def show_record(self, record) -> None:
        self.record = record
        name = self._client_name
        self.title.setText(f"Review: {name} — {record.reference}" if name
                           else f"Review: {record.reference}")
        self.summary_line.setText(
            f"Concern raised {when(record.raised_at)} by {record.raised_by}, while the case "
            f"was: {record.stage.lower()}. "
            f"{'Referred by another service.' if record.external_referral else 'Self-referral.'}")
        self.record_view.show_record(record, with_outcome=False)
        self.right_scroll.verticalScrollBar().setValue(0)
        self.history.show_history(record.history)
        if record.decisions and self.decision.correcting is None:
            self.right_heading.setText("The decision")
            self.decided_view.show_record(record)
            self.right.setCurrentWidget(self.decided_view)
        elif record.status == concerns.AWAITING_REVIEW or self.decision.correcting:
            self.right_heading.setText("Correct the decision" if self.decision.correcting
                                       else "The decision")
            self.decision.show_record(record, self.decision.correcting)
            self.right.setCurrentWidget(self.decision)
        else:
            self.right.setCurrentIndex(2)

    def start_correction(self) -> None:
        if self.record is None or not self.record.decisions:
            return
        self.message.clear()
        self.decision.show_record(self.record, self.record.decisions[-1])
        self.right_heading.setText("Correct the decision")
        self.right.setCurrentWidget(self.decision)
        self.right_scroll.verticalScrollBar().setValue(0)
        self.decision.correction_reason.setFocus()

    def _saved(self, message: str) -> None:
        if self.record is not None:
            self.open_review(self.record.id)
        self.message.setText(message)
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
