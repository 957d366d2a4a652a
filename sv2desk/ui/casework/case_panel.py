"""The case view: who the person is, what happened on the case, and what can be done next:
the initial options assessment, support sessions, taking an unassigned case, closing it.

Opening a case is an audited view (services.cases.open_case), read on the database thread
together with the concern this person may see and the letters on it. A paused case says
so plainly; support that cannot be recorded says why, and the service refuses it anyway.
When a manager has decided, the case opens on the Concern tab: the outcome is ready to
share. The view reloads itself whenever an operation changes this case.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from ...policy import lifecycle
from ...services import cases
from ..common.field_errors import FieldErrors
from ..common.fields import choose_combo, note_edit
from ..common.layout import FlowLayout
from ..common.lazy_tabs import LazyTabs, TabBuiltWhenShown
from ..common.messages import (ALERT_STYLE, BOLD_STYLE, MessageLine, heading, notice,
                               plain_label, plain_message)
from ..common.operation import CASELOAD, Changes, Desk, case_changed, op
from ..common.text import tr
from ..concern.concern_panel import CONCERN_FORMS, ConcernPanel, concern_on_case
from ..concern.raise_concern_panel import RAISE_FORM, RaiseConcernPanel
from ..letters.letters_panel import LETTER_FORM, LettersPanel
from .assessment_wizard import ASSESSMENT_FORM, AssessmentWizard
from .booking_panel import BookingPanel
from .case_details_panel import CaseDetailsPanel, Timeline
from .client_edit_dialog import ClientEditDialog
from .consent_panel import ConsentPanel
from .notes_panel import NotesPanel
from .support_sessions_panel import ATTENTION, SESSION_FORM, SupportSessionsPanel

(DETAILS_TAB, TIMELINE_TAB, SESSIONS_TAB, CONCERN_TAB, LETTERS_TAB, NOTES_TAB, BOOKING_TAB,
 CONSENT_TAB) = range(8)
READY_TO_SHARE = QT_TR_NOOP("A manager has decided: the outcome is ready to share with the "
                            "client. See the Concern tab for the decision, then record that "
                            "it was shared. Nothing else can move the case until then.")


@dataclass(frozen=True)
class CaseLoaded:
    """Everything one opening of a case reads, in one operation."""
    view: cases.CaseView
    concern: object          # services.reviews.ConcernRecord, or None
    line_manager: tuple[int, str] | None


def look_up_case(session, case_id: int) -> CaseLoaded:
    """On the database thread: the case (an audited view) and what goes with it."""
    view = cases.open_case(session, case_id)
    record, line_manager = concern_on_case(session, view)
    return CaseLoaded(view, record, line_manager)


class ClosePanel(QGroupBox):
    """Closing the case, with the reason. Shown when asked for."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Close the case"), parent)
        self._session = session
        self.case_id: int | None = None
        self.message = MessageLine("close_message")
        self.errors = FieldErrors(self.message)
        self.reason = choose_combo(tr("Why the case is closing"), lifecycle.STAFF_CLOSE_REASONS)
        self.note = note_edit(tr("Closing note"), 3, form="closing", field="note")
        self.confirm_button = QPushButton(tr("Close the case &now"))
        self.confirm_button.clicked.connect(self.close_case)
        self.keep_button = QPushButton(tr("&Keep it open"))
        self.keep_button.clicked.connect(self.hide)
        form = QFormLayout(self)
        self.errors.add_row(form, tr("Reason:"), "reason", self.reason)
        self.errors.add_row(form, tr("Note:"), "note", self.note)
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
        self.show()
        self.reason.setFocus()

    def close_case(self) -> None:
        session, case_id = self._session, self.case_id
        reason, note = self.reason.currentData() or "", self.note.toPlainText().strip()
        op(self, lambda: cases.close(session, case_id, reason, note), key="close") \
            .success(lambda _: self._closed()).failure(self.errors.failed) \
            .changes(case_changed(case_id), CASELOAD).run()

    def _closed(self) -> None:
        self.hide()
        parent = self.parent()
        while parent is not None and not isinstance(parent, CasePanel):
            parent = parent.parent()
        if parent is not None:
            parent.say(tr("The case is closed."))


class CasePanel(LazyTabs, QWidget):
    """One open case. Emits ``opened`` when a case has loaded, ``refused(message)`` when
    it could not be opened, and ``back_requested`` for the list."""

    back_requested = Signal()
    opened = Signal()
    refused = Signal(str)
    review_requested = Signal(int)

    sessions = TabBuiltWhenShown(SESSIONS_TAB, QT_TR_NOOP("&Support sessions"),
                                 SupportSessionsPanel)
    concern = TabBuiltWhenShown(CONCERN_TAB, QT_TR_NOOP("Co&ncern"), ConcernPanel)
    letters = TabBuiltWhenShown(LETTERS_TAB, QT_TR_NOOP("&Letters"), LettersPanel)
    notes = TabBuiltWhenShown(NOTES_TAB, QT_TR_NOOP("N&otes and contacts"), NotesPanel)
    booking = TabBuiltWhenShown(BOOKING_TAB, QT_TR_NOOP("Dia&ry and waiting list"),
                                BookingPanel)
    consent = TabBuiltWhenShown(CONSENT_TAB, QT_TR_NOOP("Consent and e&quality"),
                                ConsentPanel)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.view = None
        self.wizard: AssessmentWizard | None = None
        self._next_message = ""
        self._loading: int | None = None
        self.back_button = QPushButton(tr("← &Back to the list"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = heading("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = plain_label()
        self.summary.setObjectName("case_summary")
        self.paused_banner = notice(ALERT_STYLE, "paused_banner")
        self.attention_banner = notice(ALERT_STYLE, "attention_banner")
        self.attention_banner.setText(tr(ATTENTION))
        self.assess_button = QPushButton(tr("Start the initial options &assessment"))
        self.assess_button.clicked.connect(self.start_assessment)
        self.assign_button = QPushButton(tr("Assign to &me"))
        self.assign_button.clicked.connect(self.assign_to_me)
        self.close_button = QPushButton(tr("&Close the case…"))
        self.close_button.clicked.connect(self._ask_to_close)
        self.edit_button = QPushButton(tr("Change the client's de&tails…"))
        self.edit_button.clicked.connect(self.edit_client)
        self.raise_button = QPushButton(tr("Client identified as a potential &perpetrator…"))
        self.raise_button.clicked.connect(self._ask_to_raise)
        self.message = MessageLine("case_message", style=BOLD_STYLE)
        actions = FlowLayout()          # onto a second line when the words are long
        for button in (self.back_button, self.assess_button, self.assign_button,
                       self.close_button, self.raise_button):
            actions.addWidget(button)
        self.close_panel = ClosePanel(session)
        self.raise_panel = RaiseConcernPanel(session)
        self.raise_panel.raised.connect(self._concern_raised)

        self.details = CaseDetailsPanel()
        self.timeline = Timeline()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, tr("&Details"))
        self.tabs.addTab(self.timeline, tr("T&imeline"))
        self.add_tab_places()                   # the others: built when first shown
        self._concern_shown: tuple | None = None   # what the Concern tab shows when built
        self.body = QStackedWidget()
        self.body.addWidget(self.tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.edit_button)
        layout.addLayout(title_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.paused_banner)
        layout.addWidget(self.attention_banner)
        layout.addWidget(self.message)
        layout.addWidget(self.close_panel)
        layout.addWidget(self.raise_panel)
        layout.addWidget(self.body, 1)
        Desk.current().changed.connect(self._changed)

    # -- the tabs, each built when first shown (ui/common/lazy_tabs.py) ------------------

    def tab_built(self, name: str, panel: QWidget) -> None:
        if name == "concern":
            panel.changed.connect(self.say)
            panel.review_requested.connect(self.review_requested)
            if self._concern_shown is not None:
                panel.show_record(*self._concern_shown)
        elif self.view is not None:
            panel.show_view(self.view)

    # -- showing a case ----------------------------------------------------------------

    def load(self, case_id: int, *, assess: bool = False, tab: int | None = None,
             draft: tuple[str, dict] | None = None) -> None:
        """Open the case through the service (recorded as a view), on the database thread.
        Then, with ``assess``, start its assessment; with ``draft``, put a draft back."""
        session = self._session
        self._loading = case_id
        op(self, lambda: look_up_case(session, case_id), key=f"load:{case_id}") \
            .success(lambda loaded: self._loaded(loaded, assess, tab, draft)) \
            .failure(self._refused).run()

    def reload(self) -> None:
        if self.view is not None:
            self.load(self.view.id, tab=self.tabs.currentIndex())

    def _refused(self, exc) -> None:
        self._loading = None
        message = plain_message(exc)
        self.message.setText(message)
        self.refused.emit(message)

    def _loaded(self, loaded: CaseLoaded, assess: bool, tab: int | None, draft) -> None:
        self._loading = None
        view = loaded.view
        another = self.view is None or self.view.id != view.id
        if another:
            self.message.clear()
            self.close_panel.hide()
            self.raise_panel.cancel()
            if self.is_built("sessions"):
                self.sessions.clear_form()
                self.sessions.message.clear()
        self.show_view(view, loaded.concern, loaded.line_manager)
        if self._next_message:
            self.message.setText(self._next_message)
            self._next_message = ""
        if tab is not None and 0 <= tab < self.tabs.count() and self.tabs.isTabVisible(tab):
            self.tabs.setCurrentIndex(tab)
        elif another:
            ready = (view.status == lifecycle.OUTCOME_TO_COMMUNICATE
                     and self.tabs.isTabVisible(CONCERN_TAB))
            self.tabs.setCurrentIndex(CONCERN_TAB if ready else DETAILS_TAB)
        self.opened.emit()
        if assess:
            self.start_assessment()
        if draft is not None:
            self.restore_draft(*draft)

    def show_view(self, view, concern=None, line_manager=None) -> None:
        self.view = view
        who = view.client.get("preferred_name") or view.client.get("name") or ""
        self.title.setText(f"{who} — {view.reference}" if who else view.reference)
        referred = view.referral_date.strftime("%d/%m/%Y")
        summary = tr("Status: {status}.  Worker: {worker}.  Referred {date}.").format(
            status=tr(view.status_label), worker=view.assigned_worker_name, date=referred)
        if view.arrived_by:
            summary = tr("Status: {status}.  Worker: {worker}.  Referred {date} by "
                         "{how}.").format(status=tr(view.status_label),
                                          worker=view.assigned_worker_name, date=referred,
                                          how=view.arrived_by.lower())
        self.summary.setText(summary)
        ready = view.status == lifecycle.OUTCOME_TO_COMMUNICATE and concern is not None
        self.paused_banner.setText(tr(READY_TO_SHARE) if ready else lifecycle.HOLD_REASON)
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
        self.assess_button.setText(tr("Continue the initial options &assessment")
                                   if view.status == lifecycle.ASSESSING
                                   else tr("Start the initial options &assessment"))
        self.assign_button.setVisible(view.assigned_worker_id is None and (
            taking or can.get("cases.assign") is None) and self._session.account_id is not None)
        self.close_button.setVisible(can.get("cases.close") is None)
        self.edit_button.setVisible(can.get("clients.update") is None)
        self.raise_button.setVisible(can.get("concerns.raise") is None)
        if view.status not in lifecycle.OPEN_STAGES:
            self.raise_panel.hide()
        self._concern_shown = (view, concern, line_manager)
        if self.is_built("concern"):
            self.concern.show_record(view, concern, line_manager)
        self.tabs.setTabVisible(CONCERN_TAB, concern is not None)
        self.details.show_view(view)
        self.timeline.show_view(view)
        for panel in self.built_tabs():
            if not isinstance(panel, ConcernPanel):
                panel.show_view(view)
        self._set_wizard_mode(self.wizard is not None)

    def clear(self) -> None:
        """Forget the case (going back to the list)."""
        self._drop_wizard()
        self.view = None
        self.details.show_view(None)
        self.timeline.show_view(None)
        self.message.clear()

    def say(self, message: str) -> None:
        """Show ``message`` once the case has reloaded after an operation changed it."""
        if not message:
            return
        if self._loading is not None:
            self._next_message = message
        else:
            self.message.setText(message)

    def _changed(self, changes: Changes) -> None:
        if self.view is not None and changes.case(self.view.id) and self.wizard is None:
            self.load(self.view.id, tab=self.tabs.currentIndex())

    # -- actions -----------------------------------------------------------------------

    def edit_client(self) -> ClientEditDialog | None:
        """Open the client's details to change (a dialog; the case reloads after a save)."""
        if self.view is None:
            return None
        dialog = ClientEditDialog(self._session, self.view.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _labels: self.reload())
        dialog.open()
        return dialog

    def assign_to_me(self) -> None:
        session, case_id = self._session, self.view.id
        self._next_message = tr("The case is assigned to you.")
        op(self, lambda: cases.assign(session, case_id, session.account_id), key="assign") \
            .failure(self._action_refused).changes(case_changed(case_id), CASELOAD).run()

    def _action_refused(self, exc) -> None:
        self._next_message = ""
        self.message.setText(plain_message(exc))

    def _ask_to_close(self) -> None:
        self.raise_panel.hide()
        self.close_panel.open_for(self.view.id)

    # -- a concern: the client identified as a potential perpetrator -------------------

    def _ask_to_raise(self) -> None:
        self.close_panel.hide()
        self.raise_panel.open_for(self.view.id)

    def _concern_raised(self, _concern_id: int) -> None:
        self._next_message = tr("The concern is recorded and the case is paused. Next: "
                                "explain the four points to the client and discuss the risk "
                                "and needs with your line manager.")
        if self.view is not None:
            self.load(self.view.id, tab=CONCERN_TAB)

    def show_concern(self) -> None:
        """Bring the Concern tab forward (when this person may see it)."""
        if self.tabs.isTabVisible(CONCERN_TAB):
            self.tabs.setCurrentWidget(self.concern)

    def _restore_concern_draft(self, form: str, values: dict) -> None:
        if form == RAISE_FORM:
            if self.view is not None and self.view.status in lifecycle.OPEN_STAGES:
                self._ask_to_raise()
                self.raise_panel.set_values(values)
            return
        self.show_concern()
        self.concern.restore_draft(form, values)

    def start_assessment(self) -> None:
        """Show the assessment wizard in place of the tabs (nothing recorded until Finish).
        An unassigned referral is taken by whoever assesses it."""
        if self.wizard is not None or self.view is None:
            return
        from ...services import assessments
        session, view = self._session, self.view
        take = view.assigned_worker_id is None and view.can.get("cases.take") is None

        def begin():
            if take:
                cases.assign(session, view.id, session.account_id)
            assessments.start(session, view.id)
            return look_up_case(session, view.id)
        op(self, begin, key="assess").success(self._assessment_started) \
            .failure(self._action_refused).changes(case_changed(view.id), CASELOAD).run()

    def _assessment_started(self, loaded: CaseLoaded) -> None:
        self.show_view(loaded.view, loaded.concern, loaded.line_manager)
        self.message.clear()
        self.wizard = AssessmentWizard(self._session, loaded.view)
        self.wizard.setAccessibleName(tr("Initial options assessment"))
        self.wizard.completed.connect(self._assessment_recorded)
        self.wizard.cancelled.connect(self._assessment_stopped)
        self.body.addWidget(self.wizard)
        self.body.setCurrentWidget(self.wizard)
        self.wizard.restart()
        self._set_wizard_mode(True)
        self.wizard.currentPage().setFocus()
        if self._pending_assessment is not None:
            self.wizard.set_values(self._pending_assessment)
            self._pending_assessment = None

    _pending_assessment: dict | None = None

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
        self._next_message = tr("The assessment is recorded. The case is now: {stage}.") \
            .format(stage=tr(lifecycle.WORKFLOW_LABELS.get(status, status)))
        if self.view is not None:
            self.load(self.view.id, tab=CONCERN_TAB if status in lifecycle.PAUSED
                      else DETAILS_TAB)

    def _assessment_stopped(self) -> None:
        self._drop_wizard()
        self._next_message = tr("The assessment was stopped. Nothing from it was recorded.")
        self.reload()

    # -- drafts ------------------------------------------------------------------------

    def drafts(self) -> list[tuple[str, dict]]:
        found = []
        if self.wizard is not None:
            found.append((ASSESSMENT_FORM, self.wizard.values()))
        values = self.sessions.values() if self.is_built("sessions") else None
        if values:
            found.append((SESSION_FORM, values))
        found.extend(self.raise_panel.drafts())
        if self.is_built("concern"):          # (a tab never built holds nothing typed)
            found.extend(self.concern.drafts())
        if self.is_built("letters"):
            found.extend(self.letters.drafts())
        return found

    @staticmethod
    def handles_draft(form: str) -> bool:
        return form in (RAISE_FORM, *CONCERN_FORMS, ASSESSMENT_FORM, SESSION_FORM, LETTER_FORM)

    def restore_draft(self, form: str, values: dict) -> None:
        """Put a draft back into the case now showing (``load(..., draft=...)`` first)."""
        if form in (RAISE_FORM, *CONCERN_FORMS):
            self._restore_concern_draft(form, values)
            return
        if form == ASSESSMENT_FORM:
            if self.wizard is not None:
                self.wizard.set_values(values)
            else:
                self._pending_assessment = values
                self.start_assessment()
        elif form == SESSION_FORM:
            self.tabs.setCurrentWidget(self.sessions)
            self.sessions.set_values(values)
        elif form == LETTER_FORM:
            self.tabs.setCurrentWidget(self.letters)
            self.letters.restore_draft(values)
