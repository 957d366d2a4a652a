"""The management decision on one concern (policy paragraph 6): each next step done or not
needed, the safeguarding report, a serious incident report considered, the outcome, how the
decision keeps victims, children and vulnerable people safe, and who shares the outcome.

The same form records a correction, which references the decision it corrects; a
recorded decision is never edited.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QT_TR_NOOP, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

from ...policy import perpetrators as policy
from ...services import reviews
from ..common.field_errors import FieldErrors
from ..common.fields import Choice, as_date, date_edit, line_edit, note_edit
from ..common.layout import row as side_by_side
from ..common.messages import ALERT_STYLE, MessageLine, notice
from ..common.operation import CASELOAD, QUEUE, case_changed, op
from ..common.text import tr

VICTIM_SAFETY = QT_TR_NOOP("How does this decision avoid putting victims, children or "
                           "vulnerable people at greater risk?")
SERIOUS_INCIDENT = QT_TR_NOOP("Consider whether this must be reported to the Charity "
                              "Commission as a serious incident (for example, harm or a risk "
                              "of harm to a client or someone else connected with SV2).")
CONSIDER = QT_TR_NOOP("Review the risk and needs, case by case. Consider each step and mark "
                      "it done or not needed, with a note. Always consider actions that do "
                      "not put victims, children or vulnerable people at a greater risk.")


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    return form


class DecisionPanel(QWidget):
    """Emits ``saved(message)`` once the decision (or correction) is recorded."""

    saved = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.record = None
        self.managers: list[tuple[int, str]] = []   # read with the concern
        self.correcting: dict | None = None      # the decision being corrected
        self.message = MessageLine("decision_message")
        self.errors = FieldErrors(self.message)
        self.refusal = notice(ALERT_STYLE, "decision_refusal")
        self.status: dict[str, Choice] = {}
        self.notes: dict[str, QWidget] = {}

        steps = QGroupBox(tr("Next steps"))
        self.steps_form = _form(steps)
        intro = QLabel(tr(CONSIDER))
        intro.setWordWrap(True)
        self.steps_form.addRow(intro)
        for code, words in policy.NEXT_STEPS.items():
            if code != "charity_commission_sir":
                self._add_step(self.steps_form, code, words)
        self.referrer_contact_consent = QCheckBox(tr("The person agrees we may contact the "
                                                     "referrer"))
        self.referrer_contact_consent.setObjectName("referrer_contact_consent")
        self.steps_form.insertRow(2, "", self.referrer_contact_consent)

        self.safeguarding = QGroupBox(tr("The safeguarding report (when reported)"))
        form = _form(self.safeguarding)
        self.safeguarding_authority = line_edit("decision", "safeguarding_authority")
        self.safeguarding_authority.setPlaceholderText(tr("For example: Derbyshire County "
                                                          "Council Children's Services "
                                                          "(Starting Point)"))
        self.safeguarding_reported_on = date_edit(tr("Date it was reported"))
        self.safeguarding_reference = line_edit("decision", "safeguarding_reference")
        self.safeguarding_consent = Choice(policy.SAFEGUARDING_CONSENT, tr("Consent"),
                                           columns=1)
        self.safeguarding_lawful_basis = line_edit("decision", "safeguarding_lawful_basis")
        self.safeguarding_lawful_basis.setPlaceholderText(tr("For example: DPA 2018 Schedule "
                                                             "1 paragraph 18"))
        self.errors.add_row(form, tr("Which &authority:"), "safeguarding_authority",
                            self.safeguarding_authority)
        self.errors.add_row(form, tr("Reported on:"), "safeguarding_reported_on",
                            side_by_side(self.safeguarding_reported_on))
        self.errors.add_row(form, tr("Their reference:"), "safeguarding_reference",
                            self.safeguarding_reference)
        self.errors.add_row(form, tr("Consent:"), "safeguarding_consent",
                            self.safeguarding_consent)
        self.errors.add_row(form, tr("Lawful basis for sharing without consent:"),
                            "safeguarding_lawful_basis", self.safeguarding_lawful_basis)

        incident = QGroupBox(tr("Serious incident"))
        form = _form(incident)
        hint = QLabel(tr(SERIOUS_INCIDENT))
        hint.setWordWrap(True)
        form.addRow(hint)
        self._add_step(form, "charity_commission_sir",
                       policy.NEXT_STEPS["charity_commission_sir"])

        decision = QGroupBox(tr("The decision"))
        form = _form(decision)
        self.outcome = Choice(policy.OUTCOMES, tr("Outcome"), columns=1)
        self.victim_safety_note = note_edit(tr(VICTIM_SAFETY), 4, form="decision",
                                            field="victim_safety_note")
        self.communicator = Choice(policy.COMMUNICATORS, tr("Who shares the outcome"),
                                   columns=1)
        self.communicator.set_value("worker")
        self.manager = QComboBox()
        self.manager.setAccessibleName(tr("Which manager"))
        self.communicator_reason = note_edit(tr("Why a manager shares the outcome"), 3,
                                             form="decision", field="communicator_reason")
        self.correction_reason = note_edit(tr("What is being corrected, and why"), 3,
                                           form="decision", field="correction_reason")
        self.errors.add_row(form, tr("&Outcome:"), "outcome", self.outcome)
        self.errors.add_row(form, tr(VICTIM_SAFETY), "victim_safety_note",
                            self.victim_safety_note)
        self.errors.add_row(form, tr("Who &shares the outcome with the person:"),
                            "communicator", self.communicator)
        self.errors.add_row(form, tr("Which manager:"), "communicator_id", self.manager)
        self.errors.add_row(form, tr("Why a manager:"), "communicator_reason",
                            self.communicator_reason)
        self.correction_row = form.rowCount()
        self.errors.add_row(form, tr("What is being corrected, and why:"), "correction_reason",
                            self.correction_reason)
        self.decision_form = form

        self.save_button = QPushButton(tr("&Record the decision"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(tr("Cancel the correction"))
        self.cancel_button.clicked.connect(self.cancel_correction)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.refusal, steps, self.safeguarding, incident, decision):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch()
        self.status["report_safeguarding"].changed.connect(self._update_enabled)
        self.safeguarding_consent.changed.connect(self._update_enabled)
        self.communicator.changed.connect(self._update_enabled)

    def _add_step(self, form: QFormLayout, code: str, words: str) -> None:
        status = Choice(policy.STEP_STATUSES, tr(words), columns=1)
        note = note_edit(tr("Note: {step}").format(step=tr(words)), 2, form="decision",
                         field="step_note")
        note.setPlaceholderText(tr("Note: what was done, or why it is not needed"))
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(status)
        line.addWidget(note, 1)
        self.status[code], self.notes[code] = status, note
        self.errors.add_row(form, tr(words.replace(" (external referrals only)", "")),
                            f"step_{code}", holder)

    # -- showing -----------------------------------------------------------------------

    def show_record(self, record, correcting: dict | None = None) -> None:
        """A new decision on ``record``, or a correction of the decision ``correcting``."""
        if self.record is None or record.id != self.record.id or correcting != self.correcting:
            self.clear()
        self.record, self.correcting = record, correcting
        external = record.external_referral
        self.steps_form.setRowVisible(1, external)
        self.steps_form.setRowVisible(2, external)
        worker = self.communicator.buttons["worker"]
        worker.setText(tr("{who} (the default)").format(who=tr(policy.COMMUNICATORS["worker"])))
        self.manager.clear()
        for person_id, name in self.managers:
            self.manager.addItem(name, person_id)
        self.manager.setCurrentIndex(max(0, self.manager.findData(self._session.account_id)))
        if correcting:
            self.set_values(self._decision_values(correcting))
        elif not self.referrer_contact_consent.isChecked():
            # Consent given at referral is carried in; the manager confirms or changes it.
            self.referrer_contact_consent.setChecked(record.referrer_contact_consent)
        self.decision_form.setRowVisible(self.correction_row, correcting is not None)
        self.save_button.setText(tr("&Record the correction") if correcting
                                 else tr("&Record the decision"))
        self.cancel_button.setVisible(correcting is not None)
        # Whether this person may decide (or correct) comes from the service's access rule.
        refusal = record.can.get("reviews.correct" if correcting else "reviews.decide")
        self.refusal.setText(refusal or "")
        self.refusal.setVisible(bool(refusal))
        for widget in self.findChildren(QWidget):
            if widget is not self.refusal and not isinstance(widget, QLabel):
                widget.setEnabled(refusal is None)
        self._update_enabled()

    def _update_enabled(self) -> None:
        if self.refusal.isVisibleTo(self):
            return
        reported = self.status["report_safeguarding"].value() == "done"
        self.safeguarding.setEnabled(reported)
        self.safeguarding_lawful_basis.setEnabled(
            reported and self.safeguarding_consent.value() in ("not_given", "not_asked"))
        by_manager = self.communicator.value() == "manager"
        self.manager.setEnabled(by_manager)
        self.communicator_reason.setEnabled(by_manager)

    def clear(self) -> None:
        self.set_values({})
        self.errors.clear()

    # -- reading, saving -----------------------------------------------------------------

    def form(self) -> reviews.DecisionForm:
        reported = self.status["report_safeguarding"].value() == "done"
        external = self.record is not None and self.record.external_referral
        by_manager = self.communicator.value() == "manager"
        return reviews.DecisionForm(
            steps={code: (choice.value(), self.notes[code].toPlainText().strip())
                   for code, choice in self.status.items()
                   if code != "contact_referrer" or external},
            outcome=self.outcome.value(),
            safeguarding_authority=self.safeguarding_authority.text().strip() if reported else "",
            safeguarding_reported_on=as_date(self.safeguarding_reported_on) if reported else None,
            safeguarding_reference=self.safeguarding_reference.text().strip() if reported else "",
            safeguarding_consent=self.safeguarding_consent.value() if reported else "",
            safeguarding_lawful_basis=(self.safeguarding_lawful_basis.text().strip()
                                       if self.safeguarding_lawful_basis.isEnabled() else ""),
            referrer_contact_consent=external and self.referrer_contact_consent.isChecked(),
            victim_safety_note=self.victim_safety_note.toPlainText().strip(),
            communicator=self.communicator.value(),
            communicator_id=self.manager.currentData() if by_manager else None,
            communicator_reason=(self.communicator_reason.toPlainText().strip()
                                 if by_manager else ""))

    def save(self) -> None:
        """Record the decision (or correction) on the database thread."""
        self.message.clear()
        if self.record is None:
            return
        session, form, record = self._session, self.form(), self.record
        correcting = self.correcting
        reason = self.correction_reason.toPlainText().strip()
        if correcting:
            call = lambda: reviews.correct(session, correcting["id"], form, reason)  # noqa: E731
        else:
            call = lambda: reviews.decide(session, record.id, form)  # noqa: E731
        op(self, call, key="save").success(lambda _: self._saved(bool(correcting))) \
            .failure(self.errors.failed) \
            .changes(case_changed(record.case_id), QUEUE, CASELOAD).run()

    def _saved(self, corrected: bool) -> None:
        message = (tr("The correction is recorded.") if corrected else
                   tr("The decision is recorded. The outcome is now ready to share with the "
                      "person."))
        self.correcting = None
        self.clear()
        self.saved.emit(message)

    def cancel_correction(self) -> None:
        self.correcting = None
        self.clear()
        self.saved.emit("")

    # -- values (drafts, corrections) ------------------------------------------------------

    @staticmethod
    def _decision_values(decision: dict) -> dict:
        return {"steps": {code: [step.get("status", ""), step.get("note", "")]
                          for code, step in decision.get("steps", {}).items()},
                **{name: decision.get(name) for name in (
                    "outcome", "safeguarding_authority", "safeguarding_reported_on",
                    "safeguarding_reference", "safeguarding_consent",
                    "safeguarding_lawful_basis", "referrer_contact_consent",
                    "victim_safety_note", "communicator", "communicator_id",
                    "communicator_reason")}}

    def values(self) -> dict:
        form = self.form()
        values = {name: getattr(form, name) for name in (
            "outcome", "safeguarding_authority", "safeguarding_reference",
            "safeguarding_consent", "safeguarding_lawful_basis", "referrer_contact_consent",
            "victim_safety_note", "communicator", "communicator_id", "communicator_reason")}
        values["steps"] = {code: list(pair) for code, pair in form.steps.items()}
        values["safeguarding_reported_on"] = (form.safeguarding_reported_on.isoformat()
                                              if form.safeguarding_reported_on else "")
        values["correction_reason"] = self.correction_reason.toPlainText()
        return values

    def has_input(self) -> bool:
        values = self.values()
        return bool(any(status for status, _ in values["steps"].values()) or values["outcome"]
                    or values["victim_safety_note"] or values["correction_reason"])

    def set_values(self, values: dict) -> None:
        steps = values.get("steps") or {}
        for code, choice in self.status.items():
            status, note = (list(steps.get(code) or ["", ""]) + ["", ""])[:2]
            choice.set_value(str(status or ""))
            self.notes[code].setPlainText(str(note or ""))
        self.outcome.set_value(str(values.get("outcome") or ""))
        self.safeguarding_authority.setText(str(values.get("safeguarding_authority") or ""))
        try:
            day = date.fromisoformat(str(values.get("safeguarding_reported_on") or ""))
        except ValueError:
            day = date.today()
        self.safeguarding_reported_on.setDate(QDate(day))
        self.safeguarding_reference.setText(str(values.get("safeguarding_reference") or ""))
        self.safeguarding_consent.set_value(str(values.get("safeguarding_consent") or ""))
        self.safeguarding_lawful_basis.setText(str(values.get("safeguarding_lawful_basis")
                                                   or ""))
        self.referrer_contact_consent.setChecked(bool(values.get("referrer_contact_consent")))
        self.victim_safety_note.setPlainText(str(values.get("victim_safety_note") or ""))
        self.communicator.set_value(str(values.get("communicator") or "worker"))
        index = self.manager.findData(values.get("communicator_id"))
        if index >= 0:
            self.manager.setCurrentIndex(index)
        self.communicator_reason.setPlainText(str(values.get("communicator_reason") or ""))
        self.correction_reason.setPlainText(str(values.get("correction_reason") or ""))
        self._update_enabled()
