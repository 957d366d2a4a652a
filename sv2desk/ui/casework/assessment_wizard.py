"""The initial options assessment, which every client has, as a wizard inside the case view.

    identity and eligibility → safety → needs → the interaction question → judgement
        judgement "no"  → support options (offered / signposted / declined) → summary
        judgement "yes" → marked for management attention (notes) ──────────→ summary

Nothing is recorded until "Record the assessment" on the summary page. The wizard lives
inside the main window (not a separate window), so locking keeps it as a draft.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget, QWizard,
                               QWizardPage)

from ... import errors
from ...policy import eligibility, equality as equality_policy, perpetrators, referral as vocab
from ...services import assessments
from ..common.field_errors import FieldErrors
from ..common.fields import Choice, Ticks, combo, note_edit
from ..common.messages import (ALERT_STYLE, ERROR_STYLE, NOTICE_STYLE, notice, plain_label,
                               plain_message)
from ..common.operation import CASELOAD, QUEUE, case_changed, op
from ..common.text import tr

ASSESSMENT_FORM = "assessment"
IDENTITY, SAFETY, NEEDS, INTERACTION, JUDGEMENT, PERPETRATOR, OPTIONS, SUMMARY = range(8)
JUDGEMENT_ANSWERS = {"no": QT_TR_NOOP("No"), "yes": QT_TR_NOOP("Yes")}
AREA_WORDS = {eligibility.IN_AREA: QT_TR_NOOP("inside Derbyshire"),
              eligibility.PARTLY_IN_AREA: QT_TR_NOOP("in a postcode district only partly "
                                                     "inside Derbyshire"),
              eligibility.OUT_OF_AREA: QT_TR_NOOP("outside Derbyshire"),
              eligibility.UNKNOWN: QT_TR_NOOP("not known (no postcode, or not a UK postcode)")}
JUDGEMENT_QUESTION = QT_TR_NOOP("From what you have heard and read, during the referral or "
                                "this assessment: does anything identify the client as a "
                                "potential perpetrator of sexual abuse?")
FOUR_POINTS = QT_TR_NOOP(
    "When you speak to the client, explain that:\n"
    "• SV2 is not able to support perpetrators of sexual abuse;\n"
    "• their referral needs will be discussed with a member of the management team;\n"
    "• SV2 will tell them the outcome of that discussion;\n"
    "• SV2 may have to report any safeguarding concerns to the relevant authority.")

# which page each of the service's field names is on
FIELD_PAGES = {**{q: NEEDS for q in equality_policy.QUESTIONS},"identity_confirmed": IDENTITY, "eligibility_confirmed": IDENTITY,
               "safety_notes": SAFETY, "needs": NEEDS, "interaction_answer": INTERACTION,
               "interaction_notes": INTERACTION, "perpetrator_notes": PERPETRATOR,
               "outcome": OPTIONS, "options_offered": OPTIONS, "outcome_notes": OPTIONS}


class Step(QWizardPage):
    """A page with a form whose problems are shown next to each field."""

    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self.setTitle(tr(title))
        self.setSubTitle(tr(subtitle))     # every page has one: the same heading style
        self.errors = FieldErrors()
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)

    def problems(self) -> dict[str, str]:
        return {}

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        problems = self.problems()
        self.errors.show(problems)
        return not problems


def _tick(text: str, name: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(name)
    return box


class AssessmentWizard(QWizard):
    """Emits ``completed(new status)`` once recorded, or ``cancelled()``."""

    completed = Signal(str)
    cancelled = Signal()

    def __init__(self, session, case, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)  # a part of the case view, not a window
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Record the assessment"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("&Stop without saving"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("&Back"))
        self._session = session
        self.case = case
        self.refused = ""
        self._build_pages()
        self.interaction_answer.set_value(case.interaction_answer)
        self.steps = QLabel()
        self.steps.setObjectName("assessment_steps")
        self.steps.setFixedWidth(250)
        self.steps.setWordWrap(True)
        self.steps.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.steps.setContentsMargins(0, 12, 12, 0)
        self.setSideWidget(self.steps)
        self.currentIdChanged.connect(self._show_steps)
        self.potential_perpetrator.changed.connect(self._show_steps)

    # -- pages -------------------------------------------------------------------------

    def _build_pages(self) -> None:
        case = self.case
        who = case.client.get("preferred_name") or case.client.get("name") or ""
        born = case.client.get("date_of_birth")
        age = case.client.get("approximate_age")
        decision = tr(vocab.ELIGIBILITY_DECISIONS.get(
            case.referral.get("eligibility_decision"), "")) or tr("none recorded")
        if born:
            born_text = born.strftime("%d/%m/%Y")
        elif age is not None:
            born_text = tr("not known (about {age})").format(age=age)
        else:
            born_text = tr("not known")
        about = tr("Reference {reference}. Name: {name}.\nDate of birth: {born}. Postcode: "
                   "{postcode}, {area}.\nDecision at referral: {decision}.").format(
            reference=case.reference, name=who, born=born_text,
            postcode=case.client.get("postcode") or tr("not given"),
            area=tr(AREA_WORDS.get(case.referral.get("area_advice"), QT_TR_NOOP("not checked"))),
            decision=decision)

        page = Step(QT_TR_NOOP("Who you are speaking to"),
                    QT_TR_NOOP("Check these details with the client before going on."))
        page.layout_.addWidget(plain_label(about))
        self.identity_confirmed = _tick(tr("I have confirmed who I am speaking to"),
                                        "identity_confirmed")
        self.eligibility_confirmed = _tick(tr("I have checked they are eligible (they live in "
                                              "Derbyshire, or the decision above stands)"),
                                           "eligibility_confirmed")
        page.errors.add_row(page.form, "", "identity_confirmed", self.identity_confirmed)
        page.errors.add_row(page.form, "", "eligibility_confirmed", self.eligibility_confirmed)
        page.problems = lambda: ({} if self.identity_confirmed.isChecked() else {
            "identity_confirmed": tr("Confirm who you are speaking to before going on.")})
        self._add(IDENTITY, page)

        page = Step(QT_TR_NOOP("Safety and immediate risk"),
                    QT_TR_NOOP("Ask about the client's safety now, and anyone else's."))
        self.immediate_risk = _tick(tr("The client is at immediate risk of harm"),
                                    "immediate_risk")
        self.children_at_risk = _tick(tr("Children may be at risk"), "children_at_risk")
        self.adults_at_risk = _tick(tr("An adult (the client or someone else) may be at risk"),
                                    "adults_at_risk")
        self.safety_notes = note_edit(tr("What the risk is and what you have done about it"),
                                      5, form="assessment", field="safety_notes")
        self.safety_prompt = notice(ALERT_STYLE, "safety_prompt")
        self.safety_prompt.setText(tr("Follow the safeguarding procedure and talk to your "
                                      "manager today. Say below what the risk is and what you "
                                      "have done."))
        for box in (self.immediate_risk, self.children_at_risk, self.adults_at_risk):
            page.form.addRow(box)
            box.toggled.connect(self._risk_changed)
        page.form.addRow(self.safety_prompt)
        page.errors.add_row(page.form, tr("What is the risk?"), "safety_notes",
                            self.safety_notes)
        page.problems = self._safety_problems
        self._add(SAFETY, page)

        page = Step(QT_TR_NOOP("Needs"),
                    QT_TR_NOOP("What the client needs from SV2, and anything that would make "
                               "support easier for them (access, language, times)."))
        self.needs = note_edit(tr("The client's needs"), 7, form="assessment", field="needs")
        page.errors.add_row(page.form, tr("&Needs:"), "needs", self.needs)
        explain = plain_label(tr("Equality monitoring: ask only if the client is happy to "
                                 "answer. Every question is optional, and \u201cPrefer not "
                                 "to say\u201d is always an answer. Only the worker on the "
                                 "case and managers see the answers."))
        explain.setWordWrap(True)
        page.form.addRow(explain)
        self.equality = {}
        for question, (asked, _) in equality_policy.QUESTIONS.items():
            box = combo(tr(asked), [(tr("Not asked or not answered"), "")] + [
                (tr(label), code) for code, label in equality_policy.answers(question).items()])
            box.setSizeAdjustPolicy(box.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(24)
            self.equality[question] = box
            page.errors.add_question(page.form, tr(asked), question, box)
        self._add(NEEDS, page)

        page = Step(QT_TR_NOOP("Interactions with the person who harmed them"),
                    QT_TR_NOOP("Review this question with the client, even if it was "
                               "answered at referral."))
        question = QLabel(tr(vocab.INTERACTION_QUESTION))
        question.setObjectName("assessment_interaction_question")
        question.setWordWrap(True)
        question.setStyleSheet("font-weight: bold;")
        page.layout_.addWidget(question)
        answered = vocab.INTERACTION_ANSWERS.get(case.interaction_answer)
        if answered:
            page.layout_.addWidget(plain_label(tr("At referral the answer was: {answer}.")
                                               .format(answer=tr(answered))))
        self.interaction_answer = Choice(vocab.INTERACTION_ANSWERS, tr("Answer"), columns=4)
        self.interaction_notes = note_edit(tr("Notes about interactions"), 5,
                                           form="assessment", field="interaction_notes")
        page.errors.add_row(page.form, tr("Ans&wer:"), "interaction_answer",
                            self.interaction_answer)
        page.errors.add_row(page.form, tr("Notes:"), "interaction_notes",
                            self.interaction_notes)
        page.problems = lambda: ({} if self.interaction_answer.value() else {
            "interaction_answer": tr("Choose the client's answer (or Declined to say).")})
        self._add(INTERACTION, page)

        page = Step(QT_TR_NOOP("Your judgement"),
                    QT_TR_NOOP("Think about everything you have heard and read so far."))
        judgement = QLabel(tr(JUDGEMENT_QUESTION))
        judgement.setObjectName("judgement_question")
        judgement.setWordWrap(True)
        judgement.setStyleSheet("font-weight: bold;")
        self.potential_perpetrator = Choice(JUDGEMENT_ANSWERS, tr("Potential perpetrator"),
                                            columns=2)
        self.potential_perpetrator.setAccessibleName(tr(JUDGEMENT_QUESTION))
        page.form.addRow(judgement)       # the question straight above its answers
        page.errors.add_row(page.form, tr("Your &judgement:"), "potential_perpetrator",
                            self.potential_perpetrator)
        page.problems = lambda: ({} if self.potential_perpetrator.value() else {
            "potential_perpetrator": tr("Choose Yes or No.")})
        self._add(JUDGEMENT, page)

        page = Step(QT_TR_NOOP("Marked for management attention"),
                    QT_TR_NOOP("Say what led to this; support is not offered until a manager "
                               "has reviewed it."))
        attention = notice(ALERT_STYLE, "attention_explained")
        attention.setText(tr("This case will be marked for management attention. Support "
                             "will not be offered until a manager has reviewed it. Discuss "
                             "the risk and needs with your line manager before any support is "
                             "offered."))
        attention.show()
        points = notice(NOTICE_STYLE, "four_points")
        points.setText(tr(FOUR_POINTS))
        points.show()
        page.layout_.addWidget(attention)
        page.layout_.addWidget(points)
        self.perpetrator_notes = note_edit(tr("What led to this, and where it came from"), 5,
                                           form="assessment", field="perpetrator_notes")
        page.errors.add_row(page.form, tr("What information led to this, and where did it "
                                          "come from?"), "perpetrator_notes",
                            self.perpetrator_notes)
        self.risk_level = Choice(perpetrators.RISK_LEVELS, tr("Risk level"), columns=2)
        page.errors.add_row(page.form, tr("Risk &level as it seems now:"), "risk_level",
                            self.risk_level)
        page.problems = lambda: {
            **({} if self.perpetrator_notes.toPlainText().strip() else {
                "perpetrator_notes": tr("Say what information led to this, and where it came "
                                        "from.")}),
            **({} if self.risk_level.value() else {
                "risk_level": tr("Choose the risk level as it seems now (or 'not "
                                 "assessed').")})}
        self._add(PERPETRATOR, page)

        page = Step(QT_TR_NOOP("Support options"), QT_TR_NOOP("What was agreed with the "
                                                              "client."))
        self.outcome = Choice(vocab.ASSESSMENT_OUTCOMES, tr("Outcome"), columns=1)
        self.options_offered = Ticks(vocab.SUPPORT_OPTIONS, tr("Support offered"), columns=3)
        self.outcome_notes = note_edit(tr("Notes about the outcome"), 5, form="assessment",
                                       field="outcome_notes")
        self.outcome_notes.setPlaceholderText(tr("For signposting: to which service, and why"))
        self.outcome.changed.connect(self._outcome_changed)
        page.errors.add_row(page.form, tr("&Outcome:"), "outcome", self.outcome)
        page.errors.add_row(page.form, tr("Support offered:"), "options_offered",
                            self.options_offered)
        page.errors.add_row(page.form, tr("Notes:"), "outcome_notes", self.outcome_notes)
        page.problems = self._options_problems
        self._outcome_changed(self.outcome.value())
        self._add(OPTIONS, page)

        page = Step(QT_TR_NOOP("Check and record"),
                    QT_TR_NOOP("Nothing has been recorded yet. Check the summary, then press "
                               "Record the assessment."))
        self.summary = plain_label()
        self.summary.setObjectName("assessment_summary")
        self.message = QLabel()
        self.message.setObjectName("assessment_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        page.layout_.addWidget(self.summary)
        page.layout_.addWidget(self.message)
        self._add(SUMMARY, page)

    def nextId(self) -> int:  # noqa: N802 (Qt's name): the two branches
        current = self.currentId()
        if current == JUDGEMENT:
            return PERPETRATOR if self.is_potential_perpetrator() else OPTIONS
        if current in (PERPETRATOR, OPTIONS):
            return SUMMARY
        return -1 if current == SUMMARY else super().nextId()

    def initializePage(self, page_id: int) -> None:  # noqa: N802 (Qt's name)
        super().initializePage(page_id)
        if page_id == SUMMARY:
            self._fill_summary()

    def _show_steps(self) -> None:
        """The steps on the left, this one in bold (the branch as currently chosen)."""
        branch = PERPETRATOR if self.is_potential_perpetrator() else OPTIONS
        shown = [i for i in self.pageIds() if i not in (PERPETRATOR, OPTIONS) or i == branch]
        lines = []
        for number, page_id in enumerate(shown, 1):
            words = f"{number}. {html.escape(self.page(page_id).title())}"
            lines.append(f"<p><b>{words}</b></p>" if page_id == self.currentId()
                         else f"<p>{words}</p>")
        self.steps.setText("<p style='font-size: large'>" + tr("Initial options assessment")
                           + "</p>" + "".join(lines))

    def _add(self, page_id: int, page: Step) -> None:
        page.layout_.addLayout(page.form)
        page.layout_.addStretch()
        self.setPage(page_id, page)

    def _risk_changed(self) -> None:
        self.safety_prompt.setVisible(self.any_risk())

    def _outcome_changed(self, outcome: str) -> None:
        self.options_offered.setEnabled(outcome == "support_offered")

    def any_risk(self) -> bool:
        return any(b.isChecked() for b in (self.immediate_risk, self.children_at_risk,
                                           self.adults_at_risk))

    def is_potential_perpetrator(self) -> bool:
        return self.potential_perpetrator.value() == "yes"

    def _safety_problems(self) -> dict[str, str]:
        if self.any_risk() and not self.safety_notes.toPlainText().strip():
            return {"safety_notes": tr("Say what the risk is and what you have done about it.")}
        return {}

    def _options_problems(self) -> dict[str, str]:
        if not self.outcome.value():
            return {"outcome": tr("Choose the outcome of the assessment.")}
        if self.outcome.value() == "support_offered" and not self.options_offered.values():
            return {"options_offered": tr("Choose the support offered.")}
        return {}

    # -- the record --------------------------------------------------------------------

    def form(self) -> assessments.AssessmentForm:
        """What will be recorded; the support options only on the branch that offers them."""
        perpetrator = self.is_potential_perpetrator()
        offered = self.outcome.value() == "support_offered" and not perpetrator
        return assessments.AssessmentForm(
            identity_confirmed=self.identity_confirmed.isChecked(),
            eligibility_confirmed=self.eligibility_confirmed.isChecked(),
            immediate_risk=self.immediate_risk.isChecked(),
            children_at_risk=self.children_at_risk.isChecked(),
            adults_at_risk=self.adults_at_risk.isChecked(),
            safety_notes=self.safety_notes.toPlainText().strip(),
            needs=self.needs.toPlainText().strip(),
            interaction_answer=self.interaction_answer.value(),
            interaction_notes=self.interaction_notes.toPlainText().strip(),
            potential_perpetrator=perpetrator,
            perpetrator_notes=self.perpetrator_notes.toPlainText().strip() if perpetrator else "",
            risk_level=self.risk_level.value() if perpetrator else "",
            outcome="" if perpetrator else self.outcome.value(),
            options_offered=self.options_offered.values() if offered else set(),
            outcome_notes="" if perpetrator else self.outcome_notes.toPlainText().strip())

    def _fill_summary(self) -> None:
        """Everything that will be recorded, in words: nothing typed is left out."""
        form = self.form()
        risks = [words for on, words in (
            (form.immediate_risk, tr("immediate risk to the client")),
            (form.children_at_risk, tr("children may be at risk")),
            (form.adults_at_risk, tr("an adult may be at risk"))) if on]
        lines = [
            tr("Identity confirmed.") if form.identity_confirmed
            else tr("Identity not confirmed."),
            tr("Risk: {risks}.").format(risks="; ".join(risks) or tr("none recorded"))]
        if form.safety_notes:
            lines.append(tr("What the risk is and what was done: {notes}").format(
                notes=form.safety_notes))
        lines.append(tr("Needs: {needs}").format(needs=form.needs or tr("none recorded.")))
        lines.append(tr("Interactions with the person who harmed them: {answer}.").format(
            answer=tr(vocab.INTERACTION_ANSWERS.get(form.interaction_answer,
                                                    "not answered"))))
        if form.interaction_notes:
            lines.append(tr("Notes about interactions: {notes}").format(
                notes=form.interaction_notes))
        if form.potential_perpetrator:
            lines.append(tr("You judged that the client may be a potential perpetrator. The "
                            "case will be marked for management attention, and support will "
                            "not be offered until a manager has reviewed it."))
            lines.append(tr("What led to this, and where it came from: {notes}").format(
                notes=form.perpetrator_notes or tr("not said")))
            lines.append(tr("Risk level as it seems now: {level}.").format(
                level=tr(perpetrators.RISK_LEVELS.get(form.risk_level, "not chosen"))))
        else:
            outcome = tr(vocab.ASSESSMENT_OUTCOMES.get(form.outcome, ""))
            offered = ", ".join(tr(vocab.SUPPORT_OPTIONS[o])
                                for o in sorted(form.options_offered))
            lines.append(tr("Outcome: {outcome}.").format(outcome=outcome) if not offered
                         else tr("Outcome: {outcome} ({offered}).").format(
                             outcome=outcome, offered=offered))
            if form.outcome_notes:
                lines.append(tr("Notes about the outcome: {notes}").format(
                    notes=form.outcome_notes))
            if form.outcome in ("signposted", "declined"):
                lines.append(tr("The case will be closed."))
        self.summary.setText("\n\n".join(lines))
        self.message.clear()

    def accept(self) -> None:
        """Record the assessment (the only moment anything is saved)."""
        session, case_id, form = self._session, self.case.id, self.form()
        answers = self.equality_answers()
        op(self, lambda: assessments.complete(session, case_id, form,
                                              equality_answers=answers), key="record") \
            .success(self.completed.emit).failure(self._refused) \
            .changes(case_changed(case_id), CASELOAD, QUEUE).run()

    def equality_answers(self):
        """The equality answers given (None when none was: nothing is recorded)."""
        from ...services.equality import EqualityForm
        answers = EqualityForm(**{q: box.currentData() or "" for q, box in self.equality.items()})
        return answers if any(vars(answers).values()) else None

    def _refused(self, exc) -> None:
        if isinstance(exc, errors.ValidationError):
            page_id = min((FIELD_PAGES.get(f, SUMMARY) for f in exc.fields), default=SUMMARY)
            while self.currentId() != page_id and page_id in self.visitedIds() \
                    and self.currentId() != self.startId():
                self.back()
            page = self.currentPage()
            unplaced = page.errors.show(exc.fields)
            if unplaced and page_id == SUMMARY:
                self.message.setText(" ".join(unplaced))
            return
        self.refused = plain_message(exc)
        self.message.setText(self.refused)

    def reject(self) -> None:
        """Stop without saving (the Escape key does not do this by accident)."""
        self.cancelled.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    # -- drafts ------------------------------------------------------------------------

    def values(self) -> dict:
        form = self.form()
        values = {name: getattr(self, name).isChecked() for name in (
            "identity_confirmed", "eligibility_confirmed", "immediate_risk",
            "children_at_risk", "adults_at_risk")}
        values.update({name: getattr(self, name).toPlainText() for name in (
            "safety_notes", "needs", "interaction_notes", "perpetrator_notes",
            "outcome_notes")})
        values.update(interaction_answer=form.interaction_answer,
                      potential_perpetrator=self.potential_perpetrator.value(),
                      risk_level=self.risk_level.value(),
                      outcome=self.outcome.value(),
                      options_offered=sorted(self.options_offered.values()),
                      case_id=self.case.id, page=self.currentId())
        return values

    def set_values(self, values: dict) -> None:
        for name in ("identity_confirmed", "eligibility_confirmed", "immediate_risk",
                     "children_at_risk", "adults_at_risk"):
            getattr(self, name).setChecked(bool(values.get(name)))
        for name in ("safety_notes", "needs", "interaction_notes", "perpetrator_notes",
                     "outcome_notes"):
            getattr(self, name).setPlainText(str(values.get(name) or ""))
        self.interaction_answer.set_value(values.get("interaction_answer") or "")
        self.potential_perpetrator.set_value(values.get("potential_perpetrator") or "")
        self.risk_level.set_value(str(values.get("risk_level") or ""))
        self.outcome.set_value(values.get("outcome") or "")
        self.options_offered.set_values(values.get("options_offered") or [])
        target = values.get("page")
        for _ in range(len(self.pageIds())):  # walk forward to where the person was
            if self.currentId() == target or not self.currentPage().validatePage():
                break
            self.next()
