"""The case view: who the person is, what happened on the case, and what can be done next:
the initial options assessment, support sessions, taking an unassigned case, closing it.

Opening a case is an audited view (services.cases.open_case). A paused case says so
plainly; support that cannot be recorded says why, and the service refuses it anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from .. import errors
from ..policy import lifecycle
from ..services import assessments, cases
from .assessment_wizard import ASSESSMENT_FORM, AssessmentWizard
from .case_details import CaseDetails, Timeline
from .concern_panel import CONCERN_FORMS, ConcernPanel
from .concern_raise import RAISE_FORM, RaiseConcernPanel
from .forms import ALERT_STYLE, FieldErrors, MessageLine, heading, note_edit, notice, plain_label
from .letters_panel import LETTER_FORM, LettersPanel
from .support_sessions import ATTENTION, SESSION_FORM, SessionPanel, choose_combo


class ClosePanel(QGroupBox):
    """Closing the case, with the reason. Shown when asked for."""

    closed = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__("Close the case", parent)
        self._session = session
        self.case_id: int | None = None
        self.errors = FieldErrors()
        self.reason = choose_combo("Why the case is closing", lifecycle.CLOSE_REASONS)
        self.note = note_edit("Closing note", 60)
        self.confirm_button = QPushButton("Close the case &now")
        self.confirm_button.clicked.connect(self.close_case)
        self.keep_button = QPushButton("&Keep it open")
        self.keep_button.clicked.connect(self.hide)
        self.message = MessageLine("close_message")
        form = QFormLayout(self)
        self.errors.add_row(form, "Reason:", "reason", self.reason)
        self.errors.add_row(form, "Note:", "note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch()
        form.addRow("", buttons)
        form.addRow("", self.message)
        self.hide()

    def open_for(self, case_id: int) -> None:
        self.case_id = case_id
        self.reason.setCurrentIndex(0)
        self.note.clear()
        self.errors.clear()
        self.message.clear()
        self.show()
        self.reason.setFocus()

    def close_case(self) -> None:
        try:
            cases.close(self._session, self.case_id, self.reason.currentData() or "",
                        self.note.toPlainText().strip())
        except errors.ValidationError as exc:
            self.errors.show(exc.fields)
            return
        except errors.SV2Error as exc:
            self.errors.clear()
            self.message.setText(exc.message)
            return
        self.hide()
        self.closed.emit()


class CasePage(QWidget):
    """One open case. Emits ``back_requested`` for the list."""

    back_requested = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.view = None
        self.wizard: AssessmentWizard | None = None
        self.back_button = QPushButton("← &Back to the list")
        self.back_button.clicked.connect(self.back_requested)
        self.title = heading("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = plain_label()
        self.summary.setObjectName("case_summary")
        self.paused_banner = notice(ALERT_STYLE, "paused_banner")
        self.paused_banner.setText(lifecycle.HOLD_REASON)
        self.attention_banner = notice(ALERT_STYLE, "attention_banner")
        self.attention_banner.setText(ATTENTION)
        self.assess_button = QPushButton("Start the initial options &assessment")
        self.assess_button.clicked.connect(self.start_assessment)
        self.assign_button = QPushButton("Assign to &me")
        self.assign_button.clicked.connect(self.assign_to_me)
        self.close_button = QPushButton("&Close the case…")
        self.close_button.clicked.connect(self._ask_to_close)
        self.raise_button = QPushButton("Client identified as a potential &perpetrator…")
        self.raise_button.clicked.connect(self._ask_to_raise)
        self.message = MessageLine("case_message", style="font-weight: bold;")
        actions = QHBoxLayout()
        for button in (self.back_button, self.assess_button, self.assign_button,
                       self.close_button, self.raise_button):
            actions.addWidget(button)
        actions.addStretch()
        self.close_panel = ClosePanel(session)
        self.close_panel.closed.connect(lambda: self._after_action("The case is closed."))
        self.raise_panel = RaiseConcernPanel(session)
        self.raise_panel.raised.connect(self._concern_raised)

        self.details = CaseDetails()
        self.timeline = Timeline()
        self.sessions = SessionPanel(session)
        self.sessions.recorded.connect(lambda: self._after_action("", keep_tab=True))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, "&Details")
        self.tabs.addTab(self.timeline, "T&imeline")
        self.tabs.addTab(self.sessions, "&Support sessions")
        self.concern = ConcernPanel(session)
        self.concern.changed.connect(lambda message: self._after_action(message, keep_tab=True))
        self.review_requested = self.concern.review_requested
        self.tabs.addTab(self.concern, "Co&ncern")
        self.letters = LettersPanel(session)
        self.letters.finalised.connect(lambda _id: self._after_action("", keep_tab=True))
        self.tabs.addTab(self.letters, "&Letters")
        self.body = QStackedWidget()
        self.body.addWidget(self.tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.paused_banner)
        layout.addWidget(self.attention_banner)
        layout.addWidget(self.message)
        layout.addWidget(self.close_panel)
        layout.addWidget(self.raise_panel)
        layout.addWidget(self.body, 1)

    # -- showing a case ----------------------------------------------------------------

    def load(self, case_id: int) -> bool:
        """Open the case through the service (recorded as a view)."""
        try:
            view = cases.open_case(self._session, case_id)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return False
        if self.view is None or self.view.id != view.id:
            self.message.clear()
            self.close_panel.hide()
            self.raise_panel.cancel()
            self.sessions.clear_form()
            self.sessions.message.clear()
            self.tabs.setCurrentIndex(0)
        self.show_view(view)
        return True

    def show_view(self, view) -> None:
        self.view = view
        who = view.client.get("preferred_name") or view.client.get("name") or ""
        self.title.setText(f"{who} — {view.reference}" if who else view.reference)
        self.summary.setText(
            f"Status: {view.status_label}.  Worker: {view.assigned_worker_name}.  "
            f"Referred {view.referral_date.strftime('%d/%m/%Y')}"
            f"{' by ' + view.arrived_by.lower() if view.arrived_by else ''}.")
        self.paused_banner.setVisible(view.paused)
        self.attention_banner.setVisible(view.needs_management_attention and not view.paused)
        # What may be done comes from the service's access rule (view.can): a button is
        # shown only for what the services will allow this person now.
        can = view.can
        taking = can.get("cases.take") is None
        can_assess = (can.get("assessments.start") is None or taking) and (
            view.status == lifecycle.ASSESSING
            or view.status == lifecycle.REFERRED and not view.assessed)
        self.assess_button.setVisible(can_assess)
        self.assess_button.setText("Continue the initial options &assessment"
                                   if view.status == lifecycle.ASSESSING
                                   else "Start the initial options &assessment")
        self.assign_button.setVisible(view.assigned_worker_id is None and (
            taking or can.get("cases.assign") is None) and self._session.account_id is not None)
        self.close_button.setVisible(can.get("cases.close") is None)
        self.raise_button.setVisible(can.get("concerns.raise") is None)
        if view.status not in lifecycle.OPEN_STAGES:
            self.raise_panel.hide()
        concern_tab = self.tabs.indexOf(self.concern)
        self.tabs.setTabVisible(concern_tab, self.concern.show_case(view))
        self.details.show_view(view)
        self.timeline.show_view(view)
        self.sessions.show_view(view)
        self.letters.show_view(view)
        self._set_wizard_mode(self.wizard is not None)

    def clear(self) -> None:
        """Forget the case (going back to the list)."""
        self._drop_wizard()
        self.view = None
        self.details.show_view(None)
        self.timeline.show_view(None)
        self.message.clear()

    def _after_action(self, message: str, keep_tab: bool = False) -> None:
        tab = self.tabs.currentIndex()
        if self.view is not None and self.load(self.view.id):
            self.message.setText(message)
            if keep_tab:
                self.tabs.setCurrentIndex(tab)

    # -- actions -----------------------------------------------------------------------

    def assign_to_me(self) -> None:
        try:
            cases.assign(self._session, self.view.id, self._session.account_id)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return
        self._after_action("The case is assigned to you.")

    def _ask_to_close(self) -> None:
        self.raise_panel.hide()
        self.close_panel.open_for(self.view.id)

    # -- a concern: the client identified as a potential perpetrator -------------------

    def _ask_to_raise(self) -> None:
        self.close_panel.hide()
        self.raise_panel.open_for(self.view.id)

    def _concern_raised(self) -> None:
        self._after_action("The concern is recorded and the case is paused. Next: explain the "
                           "four points to the client and discuss the risk and needs with "
                           "your line manager.")
        self.show_concern()

    def show_concern(self) -> None:
        """Bring the Concern tab forward (when this person may see it)."""
        if self.tabs.isTabVisible(self.tabs.indexOf(self.concern)):
            self.tabs.setCurrentWidget(self.concern)

    def _restore_concern_draft(self, form: str, values: dict) -> None:
        if form == RAISE_FORM:
            if self.view is not None and self.view.status in lifecycle.OPEN_STAGES:
                self._ask_to_raise()
                self.raise_panel.set_values(values)
            return
        self.show_concern()
        self.concern.restore_draft(form, values)

    def start_assessment(self) -> AssessmentWizard | None:
        """Show the assessment wizard in place of the tabs (nothing recorded until Finish)."""
        if self.wizard is not None:
            return self.wizard
        try:
            if self.view.assigned_worker_id is None and \
                    self.view.can.get("cases.take") is None:
                # An unassigned referral: whoever assesses it takes it.
                cases.assign(self._session, self.view.id, self._session.account_id)
            assessments.start(self._session, self.view.id)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return None
        self.load(self.view.id)
        self.message.clear()
        self.wizard = AssessmentWizard(self._session, self.view)
        self.wizard.setAccessibleName("Initial options assessment")
        self.wizard.completed.connect(self._assessment_recorded)
        self.wizard.cancelled.connect(self._assessment_stopped)
        self.body.addWidget(self.wizard)
        self.body.setCurrentWidget(self.wizard)
        self.wizard.restart()
        self._set_wizard_mode(True)
        self.wizard.currentPage().setFocus()
        return self.wizard

    def _set_wizard_mode(self, on: bool) -> None:
        """While the assessment is open, it is finished or stopped before anything else."""
        self.back_button.setEnabled(not on)
        for button in (self.assess_button, self.assign_button, self.close_button,
                       self.raise_button):
            button.setEnabled(not on)
            if on:
                button.hide()
        if on:
            self.close_panel.hide()
            self.raise_panel.hide()

    def _drop_wizard(self) -> None:
        if self.wizard is not None:
            self.body.removeWidget(self.wizard)
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None
        self.body.setCurrentWidget(self.tabs)
        self._set_wizard_mode(False)

    def _assessment_recorded(self, status: str) -> None:
        self._drop_wizard()
        self._after_action("The assessment is recorded. The case is now: "
                           f"{lifecycle.WORKFLOW_LABELS.get(status, status)}.")
        if status in lifecycle.PAUSED:
            self.show_concern()

    def _assessment_stopped(self) -> None:
        self._drop_wizard()
        self._after_action("The assessment was stopped. Nothing from it was recorded.")

    # -- drafts ------------------------------------------------------------------------

    def drafts(self) -> list[tuple[str, dict]]:
        found = []
        if self.wizard is not None:
            found.append((ASSESSMENT_FORM, self.wizard.values()))
        values = self.sessions.values()
        if values:
            found.append((SESSION_FORM, values))
        found.extend(self.raise_panel.drafts() + self.concern.drafts())
        found.extend(self.letters.drafts())
        return found

    @staticmethod
    def handles_draft(form: str) -> bool:
        return form in (RAISE_FORM, *CONCERN_FORMS, ASSESSMENT_FORM, SESSION_FORM, LETTER_FORM)

    def restore_draft(self, form: str, values: dict) -> None:
        if form in (RAISE_FORM, *CONCERN_FORMS):
            self._restore_concern_draft(form, values)
            return
        if form == ASSESSMENT_FORM:
            wizard = self.start_assessment()
            if wizard is not None:
                wizard.set_values(values)
        elif form == SESSION_FORM:
            self.tabs.setCurrentWidget(self.sessions)
            self.sessions.set_values(values)
        elif form == LETTER_FORM:
            self.tabs.setCurrentWidget(self.letters)
            self.letters.restore_draft(values)
