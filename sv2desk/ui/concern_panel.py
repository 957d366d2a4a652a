"""The Concern tab of the case view: where the potential-perpetrator workflow stands on this
case, the worker's next step, everything recorded so far, and the concern's history.

    paused ──► explain the four points ─┐
          └──► line-manager discussion ─┴─► waiting for management review
                 (countersigned)                 ──► outcome to be shared ──► resumed or closed

Only the worker on the case and managers see it (services.reviews.for_case and
reviews.view refuse anyone else, who sees only that the case is paused).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from .. import errors
from ..policy import lifecycle, perpetrators as policy, roles as role_names
from ..services import concerns, reviews
from .case_details import when
from .concern_record import ConcernSummary, HistoryTable
from .concern_steps import DiscussionBox, ExplanationBox, OutcomeBox
from .forms import NOTICE_STYLE, heading, notice

EXPLANATION_FORM, DISCUSSION_FORM, OUTCOME_FORM = ("concern.explanation", "concern.discussion",
                                                   "concern.outcome")
CONCERN_FORMS = (EXPLANATION_FORM, DISCUSSION_FORM, OUTCOME_FORM)
ON_HOLD, AWAITING_REVIEW = concerns.ON_HOLD, concerns.AWAITING_REVIEW
OUTCOME_TO_COMMUNICATE, COMPLETED = concerns.OUTCOME_TO_COMMUNICATE, concerns.COMPLETED
WHERE_IT_STANDS = lifecycle.CONCERN_LABELS
WAITING = ("Waiting for management review. The explanation and the countersigned discussion "
           "are recorded, and the case is in the manager queue. A member of the management "
           "team will review the risk and needs, case by case, and decide next steps. Nothing "
           "can be offered or booked until then.")


def has_concern_history(view) -> bool:
    """The timeline (filtered by the service for people not on the case) mentions one."""
    return any(entry.what.startswith("Concern raised") for entry in view.timeline)


class ConcernPanel(QScrollArea):
    """Emits ``changed(message)`` when a step is recorded (the case view reloads), and
    ``review_requested(concern_id)`` when a manager asks for the review screen."""

    changed = Signal(str)
    review_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Concern")
        self._session = session
        self.case_id: int | None = None
        self.record = None
        self.steps = QLabel()
        self.steps.setObjectName("concern_steps")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setWordWrap(True)
        self.waiting = notice(NOTICE_STYLE, "concern_waiting")
        self.review_button = QPushButton("Open the &review")
        self.review_button.clicked.connect(self._ask_for_review)
        self.explanation = ExplanationBox(session)
        self.discussion = DiscussionBox(session)
        self.outcome = OutcomeBox(session)
        for box in (self.explanation, self.discussion, self.outcome):
            box.recorded.connect(self.changed)
        forms = QHBoxLayout()
        forms.addWidget(self.explanation, 1, Qt.AlignmentFlag.AlignTop)
        forms.addWidget(self.discussion, 1, Qt.AlignmentFlag.AlignTop)
        self.summary = ConcernSummary(columns=2)
        self.history = HistoryTable()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.steps)
        layout.addWidget(self.waiting)
        top = QHBoxLayout()
        top.addWidget(self.review_button)
        top.addStretch()
        layout.addLayout(top)
        layout.addLayout(forms)
        layout.addWidget(self.outcome)
        layout.addWidget(heading("What has been recorded"))
        layout.addWidget(self.summary)
        layout.addWidget(heading("History of the concern"))
        layout.addWidget(self.history)
        layout.addStretch()
        self.setWidget(content)

    # -- loading -------------------------------------------------------------------------

    def show_case(self, view) -> bool:
        """Load the newest concern on the case, if this person may see it; True if so."""
        self.case_id = view.id
        record = None
        if view.paused or view.needs_management_attention or has_concern_history(view):
            try:
                concern_id = reviews.for_case(self._session, view.id)
                record = reviews.view(self._session, concern_id) if concern_id else None
            except errors.SV2Error:     # PermissionDenied: not on the case; they see "paused"
                record = None
        self.show_record(record)
        return record is not None

    def show_record(self, record) -> None:
        if record is not None and (self.record is None or self.record.id != record.id):
            self.verticalScrollBar().setValue(0)       # another concern: from the top
        self.record = record
        if record is None:
            return
        status = record.status
        self.steps.setText(self._steps_html(record))
        for box in (self.explanation, self.discussion, self.outcome):
            box.set_concern(record.id)
        self.explanation.setVisible(status == ON_HOLD and record.explanation is None)
        self.discussion.setVisible(status == ON_HOLD and record.discussion is None)
        if not self.discussion.isHidden():
            try:
                self.discussion.show_line_manager(concerns.line_manager(self._session,
                                                                        record.id))
            except errors.SV2Error as exc:
                self.discussion.message.setText(exc.message)
        self.outcome.setVisible(status == OUTCOME_TO_COMMUNICATE and bool(record.decisions))
        if not self.outcome.isHidden():
            self.outcome.show_decision(record.decisions[-1],
                                       record.can.get("outcomes.record_communication"))
        self.waiting.setText(WAITING if status == AWAITING_REVIEW else
                             self._finished_text(record) if status == COMPLETED else "")
        self.waiting.setVisible(status in (AWAITING_REVIEW, COMPLETED))
        self.review_button.setVisible(role_names.MANAGER in self._session.roles
                                      and status != ON_HOLD)
        self.review_button.setText("Open the &review" if status == AWAITING_REVIEW
                                   else "See the &decision in the review screen")
        self.summary.show_record(record)
        self.history.show_history(record.history)

    @staticmethod
    def _finished_text(record) -> str:
        shared = record.communication or {}
        how = policy.COMMUNICATION_METHODS.get(shared.get("method", ""), "").lower()
        then = lifecycle.LABELS.get(shared.get("case_result", ""), "")
        return (f"Finished: the outcome was shared with the client on "
                f"{when(shared.get('communicated_on', ''))} ({how}). "
                f"The case then became: {then}.")

    @staticmethod
    def _steps_html(record) -> str:
        explanation, discussion = record.explanation, record.discussion
        decision = record.decisions[-1] if record.decisions else None
        shared = record.communication
        steps = [
            ("The explanation of the four points to the client", explanation is not None,
             f"recorded: explained {when(explanation['explained_on'])}" if explanation
             else "to do"),
            ("The line-manager discussion of risk and needs", discussion is not None,
             f"countersigned by {discussion['manager_name']} "
             f"{when(discussion['countersigned_at'])}" if discussion else "to do"),
            ("Management review", decision is not None,
             f"decided by {decision['decided_by_name']}: "
             f"{policy.OUTCOMES.get(decision['outcome'], '')}" if decision else
             "waiting for a manager" if record.status == AWAITING_REVIEW else
             "after the two steps above"),
            ("Outcome shared with the client", shared is not None,
             f"shared {when(shared['communicated_on'])}" if shared else
             f"to do, by {decision['communicator_name']}" if decision else
             "after the decision"),
        ]
        current = next((n for n, (_, done, _) in enumerate(steps) if not done), None)
        lines = []
        for n, (title, done, state) in enumerate(steps):
            mark = "✓" if done else "→" if n == current or (n == 1 and current == 0) else "·"
            text = f"{mark} {n + 1}. {html.escape(title)}: {html.escape(state)}"
            lines.append(f"<b>{text}</b>" if not done and mark == "→" else text)
        stands = WHERE_IT_STANDS.get(record.status, record.status)
        return (f"<p style='font-size: large'><b>{html.escape(stands)}</b></p>"
                + "<br>".join(lines))

    def _ask_for_review(self) -> None:
        if self.record is not None:
            self.review_requested.emit(self.record.id)

    # -- drafts ------------------------------------------------------------------------

    def _boxes(self):
        return ((EXPLANATION_FORM, self.explanation), (DISCUSSION_FORM, self.discussion),
                (OUTCOME_FORM, self.outcome))

    def drafts(self) -> list[tuple[str, dict]]:
        if self.record is None:
            return []
        found = []
        for form, box in self._boxes():
            values = None if box.isHidden() else box.values()
            if values:
                found.append((form, values | {"case_id": self.case_id,
                                              "concern_id": self.record.id}))
        return found

    def restore_draft(self, form: str, values: dict) -> None:
        for name, box in self._boxes():
            if (name == form and self.record is not None and not box.isHidden()
                    and values.get("concern_id") == self.record.id):
                box.set_values(values)
