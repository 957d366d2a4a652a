"""The Concern tab of the case view: where the potential-perpetrator workflow stands on this
case, the worker's next step, everything recorded so far, and the concern's history.

    paused ──► explain the four points ─┐
          └──► line-manager discussion ─┴─► waiting for management review
                 (countersigned)                 ──► outcome to be shared ──► resumed or closed

Only the worker on the case and managers see it (services.concerns.for_case and
concerns.view refuse anyone else, who sees only that the case is paused).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ... import errors
from ...policy import lifecycle, perpetrators as policy, roles as role_names
from ...services import concerns
from ..common.messages import NOTICE_STYLE, heading, notice
from ..common.text import tr
from ..common.when import when
from .concern_record_panel import ConcernRecordPanel, HistoryTable
from .concern_step_panels import DiscussionPanel, ExplanationPanel, OutcomePanel

EXPLANATION_FORM, DISCUSSION_FORM, OUTCOME_FORM = ("concern.explanation", "concern.discussion",
                                                   "concern.outcome")
CONCERN_FORMS = (EXPLANATION_FORM, DISCUSSION_FORM, OUTCOME_FORM)
ON_HOLD, AWAITING_REVIEW = concerns.ON_HOLD, concerns.AWAITING_REVIEW
OUTCOME_TO_COMMUNICATE, COMPLETED = concerns.OUTCOME_TO_COMMUNICATE, concerns.COMPLETED
WHERE_IT_STANDS = lifecycle.CONCERN_LABELS
WAITING = QT_TR_NOOP("Waiting for management review. The explanation and the countersigned discussion "
           "are recorded, and the case is in the manager queue. A member of the management "
           "team will review the risk and needs, case by case, and decide next steps. Nothing "
           "can be offered or booked until then.")


def has_concern_history(view) -> bool:
    """The timeline (filtered by the service for people not on the case) mentions one."""
    return any(entry.what.startswith("Concern raised") for entry in view.timeline)


def concern_on_case(session, view):
    """On the database thread: the newest concern on the case, if this person may see it
    (None otherwise: they see only that the case is paused), and the raiser's line manager
    while the discussion waits for a countersignature."""
    if not (view.paused or view.needs_management_attention or has_concern_history(view)):
        return None, None
    try:
        concern_id = concerns.for_case(session, view.id)
        record = concerns.view(session, concern_id) if concern_id else None
    except errors.PermissionDenied:
        return None, None
    line_manager = None
    if record is not None and record.status == ON_HOLD and record.discussion is None:
        try:
            line_manager = ("found", concerns.line_manager(session, record.id))
        except errors.SV2Error as exc:
            line_manager = ("refused", exc.message)
    return record, line_manager


class ConcernPanel(QScrollArea):
    """Emits ``changed(message)`` when a step is recorded (the case view reloads), and
    ``review_requested(concern_id)`` when a manager asks for the review screen."""

    changed = Signal(str)
    review_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(tr("Concern"))
        self._session = session
        self.case_id: int | None = None
        self.record = None
        self.steps = QLabel()
        self.steps.setObjectName("concern_steps")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setWordWrap(True)
        self.waiting = notice(NOTICE_STYLE, "concern_waiting")
        self.review_button = QPushButton(tr("Open the &review"))
        self.review_button.clicked.connect(self._ask_for_review)
        self.explanation = ExplanationPanel(session)
        self.discussion = DiscussionPanel(session)
        self.outcome = OutcomePanel(session)
        for box in (self.explanation, self.discussion, self.outcome):
            box.recorded.connect(self.changed)
        forms = QHBoxLayout()
        forms.addWidget(self.explanation, 1, Qt.AlignmentFlag.AlignTop)
        forms.addWidget(self.discussion, 1, Qt.AlignmentFlag.AlignTop)
        self.summary = ConcernRecordPanel(columns=2)
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
        layout.addWidget(heading(tr("What has been recorded")))
        layout.addWidget(self.summary)
        layout.addWidget(heading(tr("History of the concern")))
        layout.addWidget(self.history)
        layout.addStretch()
        self.setWidget(content)

    # -- loading -------------------------------------------------------------------------

    def show_record(self, view, record, line_manager=None) -> bool:
        """Show what was read with the case (``concern_on_case``); True when this person
        may see the concern (the tab is shown)."""
        self.case_id = view.id
        if record is not None and (self.record is None or self.record.id != record.id):
            self.verticalScrollBar().setValue(0)       # another concern: from the top
        self.record = record
        if record is None:
            return False
        status = record.status
        self.steps.setText(self._steps_html(record))
        for box in (self.explanation, self.discussion, self.outcome):
            box.set_concern(record.id)
        self.explanation.setVisible(status == ON_HOLD and record.explanation is None)
        self.discussion.setVisible(status == ON_HOLD and record.discussion is None)
        if not self.discussion.isHidden() and line_manager is not None:
            kind, found = line_manager
            if kind == "found":
                self.discussion.show_line_manager(found)
            else:
                self.discussion.message.setText(found)
        self.outcome.setVisible(status == OUTCOME_TO_COMMUNICATE and bool(record.decisions))
        if not self.outcome.isHidden():
            self.outcome.show_decision(record.decisions[-1],
                                       record.can.get("outcomes.record_communication"))
        self.waiting.setText(tr(WAITING) if status == AWAITING_REVIEW else
                             self._finished_text(record) if status == COMPLETED else "")
        self.waiting.setVisible(status in (AWAITING_REVIEW, COMPLETED))
        self.review_button.setVisible(role_names.MANAGER in self._session.roles
                                      and status != ON_HOLD)
        self.review_button.setText(tr("Open the &review") if status == AWAITING_REVIEW
                                   else tr("See the &decision in the review screen"))
        self.summary.show_record(record)
        self.history.show_history(record.history)
        return True

    @staticmethod
    def _finished_text(record) -> str:
        shared = record.communication or {}
        how = tr(policy.COMMUNICATION_METHODS.get(shared.get("method", ""), "")).lower()
        then = tr(lifecycle.WORKFLOW_LABELS.get(shared.get("case_result", ""), ""))
        return tr("Finished: the outcome was shared with the client on {when} ({how}). The "
                  "case then became: {then}.").format(
            when=when(shared.get("communicated_on", "")), how=how, then=then)

    @staticmethod
    def _steps_html(record) -> str:
        explanation, discussion = record.explanation, record.discussion
        decision = record.decisions[-1] if record.decisions else None
        shared = record.communication
        steps = [
            (tr("The explanation of the four points to the client"), explanation is not None,
             tr("recorded: explained {when}").format(when=when(explanation["explained_on"]))
             if explanation else tr("to do")),
            (tr("The line-manager discussion of risk and needs"), discussion is not None,
             tr("countersigned by {name} {when}").format(
                 name=discussion["manager_name"], when=when(discussion["countersigned_at"]))
             if discussion else tr("to do")),
            (tr("Management review"), decision is not None,
             tr("decided by {name}: {outcome}").format(
                 name=decision["decided_by_name"],
                 outcome=tr(policy.OUTCOMES.get(decision["outcome"], "")))
             if decision else tr("waiting for a manager")
             if record.status == AWAITING_REVIEW else tr("after the two steps above")),
            (tr("Outcome shared with the client"), shared is not None,
             tr("shared {when}").format(when=when(shared["communicated_on"])) if shared else
             tr("to do, by {name}").format(name=decision["communicator_name"]) if decision
             else tr("after the decision")),
        ]
        current = next((n for n, (_, done, _) in enumerate(steps) if not done), None)
        lines = []
        for n, (title, done, state) in enumerate(steps):
            mark = "✓" if done else "→" if n == current or (n == 1 and current == 0) else "·"
            text = f"{mark} {n + 1}. {html.escape(title)}: {html.escape(state)}"
            lines.append(f"<b>{text}</b>" if not done and mark == "→" else text)
        stands = tr(WHERE_IT_STANDS.get(record.status, record.status))
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
