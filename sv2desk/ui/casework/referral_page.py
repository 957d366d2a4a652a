"""New referral: the person, safe contact, who referred, what happened, the support asked
for, the perpetrator-interaction question, eligibility advice and the worker's decision.

Nothing typed is lost: a refused save keeps every box as it was and says what to fix next
to the field (each message goes as soon as that field is changed), and a form open when SV2
Desk locks comes back as a draft. Dates are typed day first, as people say them; an empty
date of birth means it is not known, and the approximate age is asked instead.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from PySide6.QtCore import QPoint, QT_TR_NOOP, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QSpinBox, QStackedWidget, QVBoxLayout,
                               QWidget)

from ...policy import referral as vocab
from ...services import referrals
from ..common.field_errors import FieldErrors
from ..common.fields import Choice, DateBox, Ticks, line_edit, note_edit
from ..common.layout import row as _row, same_label_widths
from ..common.messages import MessageLine, heading, words
from ..common.operation import CASELOAD, FLAGS, QUEUE, op
from ..common.text import tr
from .eligibility_panel import EligibilityPanel
from .people_named_panel import PeopleNamedPanel

REFERRAL_FORM = "referral.new"
TEXT_FIELDS = ("name", "preferred_name", "gender", "pronouns", "postcode", "phone", "email",
               "safe_times", "referrer_organisation", "referrer_name", "referrer_role",
               "referrer_phone", "referrer_email", "harm_other", "support_other")
NOTE_FIELDS = ("address", "safe_post_address", "interaction_details", "eligibility_note",
               "safeguarding_note")
TICK_FIELDS = ("post_is_safe", "may_call", "may_leave_voicemail", "may_text", "may_email",
               "name_on_envelope_ok", "name_on_caller_display_ok",
               "referrer_contact_consent", "adult_at_risk", "assign_to_me")
TICK_WORDS = {
    "post_is_safe": QT_TR_NOOP("It is safe to send post"),
    "may_call": QT_TR_NOOP("We may phone"),
    "may_leave_voicemail": QT_TR_NOOP("We may leave a voicemail"),
    "may_text": QT_TR_NOOP("We may send texts"),
    "may_email": QT_TR_NOOP("We may email"),
    "name_on_envelope_ok": QT_TR_NOOP("Our name may show on an envelope"),
    "name_on_caller_display_ok": QT_TR_NOOP("Our name may show when we phone"),
    "referrer_contact_consent": QT_TR_NOOP("The person agrees we may contact the referrer"),
    "adult_at_risk": QT_TR_NOOP("The person may be an adult at risk"),
    "assign_to_me": QT_TR_NOOP("Assign this referral to me"),
}
WHO_REFERRED = {"self": QT_TR_NOOP("The person referred themselves"),
                "external": QT_TR_NOOP("Another service")}
SAFE_TIMES_LIMIT = 500   # a line: the validation table allows more, nobody needs it here


class ReferralPage(QWidget):
    """Emits ``case_requested(case_id, start_assessment)`` from the "saved" panel."""

    title = QT_TR_NOOP("New referral")
    case_requested = Signal(int, bool)
    saved_referral = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.message = MessageLine("referral_message")
        self.errors = FieldErrors(self.message)
        self.saved: referrals.NewCase | None = None
        self.first_error_field = ""
        self._build_inputs()
        self.form_content = QWidget()
        self.form_content.setObjectName("referral_content")
        self.form_content.setMaximumWidth(960)
        column = QVBoxLayout(self.form_content)
        column.addWidget(words(tr("Ask the questions in any order. If something is missing "
                                  "when you save, a message appears next to it in red; "
                                  "nothing you typed is lost.")))
        forms = []
        for title, rows in self._sections():
            box = QGroupBox(tr(title))
            form = QFormLayout(box)
            forms.append(form)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for item in rows:
                if isinstance(item, QWidget):
                    form.addRow(item)
                else:
                    text, field, widget = item
                    self.errors.add_row(form, tr(text) if text else "", field, widget)
            column.addWidget(box)
        column.addStretch()
        same_label_widths(forms + [self.referrer_box.layout()])
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form_content)
        self.scroll.setAccessibleName(tr("Referral form"))

        self.save_button = QPushButton(tr("&Save the referral"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(tr("Clear the form"))
        self.clear_button.clicked.connect(self.clear)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.message, 1)
        bar.addStretch(0)   # keeps the buttons their own size while there is no message
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.scroll, 1)
        form_layout.addLayout(bar)

        self.stack = QStackedWidget()
        self.stack.addWidget(form_page)
        self.stack.addWidget(self._build_saved_panel())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(self.stack, 1)
        self._update_visibility()
        self._blank = self.values()

    # -- building -----------------------------------------------------------------------

    def _build_inputs(self) -> None:
        for name in TEXT_FIELDS:
            form, field = ("referral", name) if name != "safe_times" else ("", "")
            edit = line_edit(form, field)
            if name == "safe_times":
                edit.setMaxLength(SAFE_TIMES_LIMIT)
            setattr(self, name, edit)
        for name in NOTE_FIELDS:
            setattr(self, name, note_edit("", 3, form="referral", field=name))
        for name in TICK_FIELDS:
            box = QCheckBox(tr(TICK_WORDS[name]))
            box.setObjectName(name)
            setattr(self, name, box)
        self.assign_to_me.setChecked(True)
        self.date_of_birth = DateBox(tr("Date of birth"), optional=True)
        self.date_of_birth.setMaximumWidth(260)
        self.approximate_age = QSpinBox()
        self.approximate_age.setRange(-1, 120)
        self.approximate_age.setSpecialValueText(tr("Not known"))
        self.approximate_age.setValue(-1)
        self.approximate_age.setSuffix(tr(" years"))
        self.approximate_age.setAccessibleName(tr("Approximate age"))
        self.age_hint = QLabel(tr("Approximate age, if the date of birth is not known:"))
        self.age_hint.setBuddy(self.approximate_age)
        self.who_referred = Choice(WHO_REFERRED, tr("Who referred"), columns=2)
        self.who_referred.set_value("self")
        self.harm_categories = Ticks(vocab.HARM_CATEGORIES, tr("What happened"), columns=3)
        self.harm_timing = Choice(vocab.HARM_TIMING, tr("When"), columns=2)
        self.support_requested = Ticks(vocab.SUPPORT_TYPES, tr("Support asked for"), columns=3)
        self.question = QLabel(tr(vocab.INTERACTION_QUESTION))
        self.question.setObjectName("interaction_question")
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: bold;")
        self.interaction_answer = Choice(vocab.INTERACTION_ANSWERS, tr("Answer"), columns=4)
        self.persons_named = PeopleNamedPanel()
        self.advice = EligibilityPanel(self._session)
        self.eligibility_decision = Choice(vocab.ELIGIBILITY_DECISIONS, tr("Your decision"),
                                           columns=1)
        self.referral_date = DateBox(tr("Referral date"))
        self.referral_date.set_date(date.today())
        self.referral_date.setMaximumWidth(260)
        self.arrived_by = QComboBox()
        self.arrived_by.addItem(tr("Choose…"), "")
        for code, text in vocab.ARRIVED_BY.items():
            self.arrived_by.addItem(tr(text), code)

        self.name.setAccessibleName(tr("Full name"))
        self.safe_post_address.setPlaceholderText(tr("Leave empty if it is the address above"))
        self.harm_other.setPlaceholderText(tr("If Other, or anything to add"))
        self.postcode.textChanged.connect(self._update_advice)
        self.approximate_age.valueChanged.connect(self._update_advice)
        self.date_of_birth.textChanged.connect(self._update_visibility)
        self.date_of_birth.editingFinished.connect(lambda: self._check_date(
            "date_of_birth", self.date_of_birth))
        self.referral_date.editingFinished.connect(lambda: self._check_date(
            "referral_date", self.referral_date))
        self.adult_at_risk.toggled.connect(self._update_advice)
        self.who_referred.changed.connect(self._update_visibility)
        self.post_is_safe.toggled.connect(self._update_visibility)

    def _sections(self):
        self.referrer_box = QWidget()
        referrer = QFormLayout(self.referrer_box)
        referrer.setContentsMargins(0, 0, 0, 0)
        for text, name in ((QT_TR_NOOP("Or&ganisation:"), "referrer_organisation"),
                           (QT_TR_NOOP("Referrer's name:"), "referrer_name"),
                           (QT_TR_NOOP("Their role:"), "referrer_role"),
                           (QT_TR_NOOP("Their phone:"), "referrer_phone"),
                           (QT_TR_NOOP("Their email:"), "referrer_email")):
            self.errors.add_row(referrer, tr(text), name, getattr(self, name))
        referrer.addRow("", self.referrer_contact_consent)
        age = QWidget()
        age_row = QHBoxLayout(age)
        age_row.setContentsMargins(0, 0, 0, 0)
        age_row.addWidget(self.date_of_birth)
        age_row.addSpacing(16)
        age_row.addWidget(self.age_hint)
        age_row.addWidget(self.approximate_age)
        age_row.addStretch()
        return [
            (QT_TR_NOOP("The person"), [
                (QT_TR_NOOP("Full &name:"), "name", self.name),
                (QT_TR_NOOP("Name they would like us to &use:"), "preferred_name",
                 self.preferred_name),
                (QT_TR_NOOP("Date of &birth:"), "date_of_birth", age),
                (QT_TR_NOOP("Gender:"), "gender", self.gender),
                (QT_TR_NOOP("Pronouns:"), "pronouns", self.pronouns),
                (QT_TR_NOOP("A&ddress:"), "address", self.address),
                (QT_TR_NOOP("&Postcode:"), "postcode", self.postcode),
                (QT_TR_NOOP("P&hone:"), "phone", self.phone),
                (QT_TR_NOOP("&Email:"), "email", self.email)]),
            (QT_TR_NOOP("Safe contact"), [
                (QT_TR_NOOP("Post:"), "post_is_safe", self.post_is_safe),
                (QT_TR_NOOP("Safe address for post:"), "safe_post_address",
                 self.safe_post_address),
                (QT_TR_NOOP("Contact:"), "may_call", _row(self.may_call, self.may_leave_voicemail,
                                                          self.may_text, self.may_email)),
                (QT_TR_NOOP("Safe times to contact:"), "safe_times", self.safe_times),
                (QT_TR_NOOP("Our name:"), "name_on_envelope_ok",
                 _row(self.name_on_envelope_ok, self.name_on_caller_display_ok))]),
            (QT_TR_NOOP("Who referred"), [
                (QT_TR_NOOP("Referred by:"), "external_referral", self.who_referred),
                self.referrer_box]),
            (QT_TR_NOOP("What happened and when"), [
                (QT_TR_NOOP("What happened:"), "harm_categories", self.harm_categories),
                (QT_TR_NOOP("Details:"), "harm_other", self.harm_other),
                (QT_TR_NOOP("When:"), "harm_timing", self.harm_timing)]),
            (QT_TR_NOOP("Support asked for"), [
                (QT_TR_NOOP("Support asked for:"), "support_requested", self.support_requested),
                (QT_TR_NOOP("Anything else:"), "support_other", self.support_other)]),
            (QT_TR_NOOP("Interactions with the person who harmed them"), [
                self.question,
                (QT_TR_NOOP("Ans&wer:"), "interaction_answer", self.interaction_answer),
                (QT_TR_NOOP("Details:"), "interaction_details", self.interaction_details),
                (QT_TR_NOOP("People named:"), "persons_named", self.persons_named)]),
            (QT_TR_NOOP("Eligibility"), [
                self.advice,
                ("", "adult_at_risk", self.adult_at_risk),
                (QT_TR_NOOP("Safeguarding note:"), "safeguarding_note", self.safeguarding_note),
                (QT_TR_NOOP("Your &decision:"), "eligibility_decision",
                 self.eligibility_decision),
                (QT_TR_NOOP("Why:"), "eligibility_note", self.eligibility_note)]),
            (QT_TR_NOOP("The referral"), [
                (QT_TR_NOOP("Referral da&te:"), "referral_date", self.referral_date),
                (QT_TR_NOOP("How it arri&ved:"), "arrived_by", self.arrived_by),
                ("", "assign_to_me", self.assign_to_me)]),
        ]

    def _build_saved_panel(self) -> QWidget:
        panel = QWidget()
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved_reference")
        self.saved_label.setWordWrap(True)
        self.saved_label.setStyleSheet("font-size: 13pt;")
        self.open_case_button = QPushButton(tr("&Open the case"))
        self.open_case_button.clicked.connect(lambda: self._request_case(False))
        self.assess_button = QPushButton(tr("Start the &assessment"))
        self.assess_button.clicked.connect(lambda: self._request_case(True))
        self.another_button = QPushButton(tr("Take &another referral"))
        self.another_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        for button in (self.open_case_button, self.assess_button, self.another_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(panel)
        layout.addWidget(self.saved_label)
        layout.addLayout(buttons)
        layout.addStretch()
        return panel

    # -- live behaviour ----------------------------------------------------------------

    def _update_visibility(self) -> None:
        """Nothing appears or disappears as the form is filled in (the form never jumps):
        boxes that do not apply are turned off instead."""
        external = self.who_referred.value() == "external"
        self.referrer_box.setVisible(external)
        born_known = bool(self.date_of_birth.text().strip())
        self.approximate_age.setEnabled(not born_known)
        self.age_hint.setEnabled(not born_known)
        self.safe_post_address.setEnabled(self.post_is_safe.isChecked())
        self._update_advice()

    def _check_date(self, field: str, box: DateBox) -> None:
        problem = box.problem()
        if problem:
            label = self.errors.label(field)
            label.setText(problem)
            label.show()

    def _update_advice(self) -> None:
        form = self.form()
        self.advice.update_for(form.postcode, form.date_of_birth, form.approximate_age,
                               form.adult_at_risk)

    # -- reading and filling the form ----------------------------------------------------

    def form(self) -> referrals.ReferralForm:
        form = referrals.ReferralForm()
        for name in TEXT_FIELDS:
            setattr(form, name, getattr(self, name).text().strip())
        for name in NOTE_FIELDS:
            setattr(form, name, getattr(self, name).toPlainText().strip())
        for name in TICK_FIELDS:
            setattr(form, name, getattr(self, name).isChecked())
        born = self.date_of_birth.date() if not self.date_of_birth.problem() else None
        form.date_of_birth = born
        age = self.approximate_age.value()
        form.approximate_age = age if born is None and age >= 0 else None
        form.external_referral = self.who_referred.value() == "external"
        form.harm_categories = self.harm_categories.values()
        form.harm_timing = self.harm_timing.value()
        form.support_requested = self.support_requested.values()
        form.interaction_answer = self.interaction_answer.value()
        form.persons_named = self.persons_named.values()
        form.eligibility_decision = self.eligibility_decision.value()
        form.referral_date = (self.referral_date.date() if not self.referral_date.problem()
                              else None) or date.today()
        form.arrived_by = self.arrived_by.currentData() or ""
        return form

    def values(self) -> dict:
        """The form as JSON-friendly values (for drafts): dates as typed."""
        values = asdict(self.form())
        for name, value in values.items():
            if isinstance(value, date):
                values[name] = value.isoformat()
            elif isinstance(value, set):
                values[name] = sorted(value)
        values["referred_by"] = self.who_referred.value()
        values["date_of_birth_typed"] = self.date_of_birth.text()
        values["referral_date_typed"] = self.referral_date.text()
        return values

    def set_values(self, values: dict) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).setText(str(values.get(name) or ""))
        for name in NOTE_FIELDS:
            getattr(self, name).setPlainText(str(values.get(name) or ""))
        for name in TICK_FIELDS:
            getattr(self, name).setChecked(bool(values.get(name, name == "assign_to_me")))
        born = values.get("date_of_birth_typed")
        if isinstance(born, str):
            self.date_of_birth.setText(born)
        else:
            try:
                self.date_of_birth.set_date(date.fromisoformat(str(values.get("date_of_birth"))))
            except ValueError:
                self.date_of_birth.clear()
        age = values.get("approximate_age")
        self.approximate_age.setValue(age if isinstance(age, int) else -1)
        self.who_referred.set_value(values.get("referred_by") or (
            "external" if values.get("external_referral") else "self"))
        self.harm_categories.set_values(values.get("harm_categories") or [])
        self.harm_timing.set_value(values.get("harm_timing") or "")
        self.support_requested.set_values(values.get("support_requested") or [])
        self.interaction_answer.set_value(values.get("interaction_answer") or "")
        self.persons_named.set_values([
            referrals.PersonNamed(**{k: str(v) for k, v in p.items()
                                     if k in ("name", "relationship", "other_identifiers")})
            for p in values.get("persons_named") or [] if isinstance(p, dict)])
        self.eligibility_decision.set_value(values.get("eligibility_decision") or "")
        on = values.get("referral_date_typed")
        if isinstance(on, str) and on.strip():
            self.referral_date.setText(on)
        else:
            try:
                self.referral_date.set_date(date.fromisoformat(str(values.get("referral_date"))))
            except ValueError:
                self.referral_date.set_date(date.today())
        self.arrived_by.setCurrentIndex(max(0, self.arrived_by.findData(
            values.get("arrived_by") or "")))
        self._update_visibility()

    # -- saving ------------------------------------------------------------------------

    def save(self) -> None:
        """Save on the database thread (the connection check runs there too). A date SV2
        Desk cannot read is said by its box first: nothing is saved without it."""
        dates = {field: box.problem() for field, box in (
            ("date_of_birth", self.date_of_birth), ("referral_date", self.referral_date))}
        dates = {field: problem for field, problem in dates.items() if problem}
        if dates:
            self.show_problems(dates, [])
            return
        numbered = self.persons_named.numbered_values()
        session, form = self._session, self.form()
        op(self, lambda: referrals.create_referral(session, form),
           progress=None, key="save").success(self._saved) \
            .failure(lambda exc: self._refused(exc, [n for n, _ in numbered])) \
            .changes(CASELOAD, QUEUE, FLAGS).run()

    def _refused(self, exc, row_numbers: list[int]) -> None:
        from ... import errors
        if isinstance(exc, errors.ValidationError):
            self.show_problems(exc.fields, row_numbers)
        else:
            self.errors.failed(exc)

    def _saved(self, saved) -> None:
        self.saved = saved
        self.errors.clear()
        self.saved_referral.emit(saved.id)
        self.saved_label.setText(tr("The referral is saved. Its reference is {reference}.\n\n"
                                    "Every client has an initial options assessment next.")
                                 .format(reference=saved.reference))
        self.stack.setCurrentIndex(1)
        self.open_case_button.setFocus()

    def show_problems(self, problems: dict[str, str], row_numbers: list[int]) -> None:
        shown: dict[str, str] = {}
        for name, text in problems.items():
            if name.startswith("persons_named."):
                index = int(name.split(".", 1)[1])
                number = row_numbers[index] if index < len(row_numbers) else index + 1
                text = tr("Person {number}: {problem}").format(number=number, problem=text)
                name = "persons_named"
                text = f"{shown[name]} {text}" if name in shown else text
            shown[name] = text
        unplaced = self.errors.show(shown)
        count = len(shown) - len(unplaced)
        self.message.problem(" ".join(unplaced) or tr(
            "%n thing(s) need attention: see the message(s) next to them.", "", count))
        self.first_error_field = min(
            (name for name in shown if self.errors.label(name) is not None),
            key=self._position, default="")
        QTimer.singleShot(0, self._scroll_to_first_error)

    def _position(self, name: str) -> int:
        """How far down the form a field's row is."""
        row = self.errors.label(name).parentWidget()
        return row.mapTo(self.form_content, QPoint(0, 0)).y()

    def _scroll_to_first_error(self) -> None:
        label = self.errors.label(self.first_error_field)
        if label is None:
            return
        self.scroll.ensureWidgetVisible(label, 50, 50)
        self.scroll.ensureWidgetVisible(label.parentWidget(), 50, 50)
        label.parentWidget().layout().itemAt(0).widget().setFocus()

    def clear(self) -> None:
        self.set_values({})
        self.errors.clear()
        self.saved = None
        self.stack.setCurrentIndex(0)
        self.scroll.verticalScrollBar().setValue(0)
        self.name.setFocus()

    def _request_case(self, assess: bool) -> None:
        if self.saved is not None:
            case_id = self.saved.id
            self.clear()
            self.case_requested.emit(case_id, assess)

    # -- drafts ------------------------------------------------------------------------

    def drafts(self) -> list[tuple[str, dict]]:
        if self.stack.currentIndex() != 0:
            return []
        values = self.values()
        return [] if values == self._blank else [(REFERRAL_FORM, values)]

    def restore_draft(self, form: str, values: dict) -> bool:
        if form != REFERRAL_FORM:
            return False
        self.set_values(values)
        self.stack.setCurrentIndex(0)
        return True
