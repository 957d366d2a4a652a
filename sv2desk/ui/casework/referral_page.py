"""New referral: the person, safe contact, who referred, what happened, the support asked
for, the perpetrator-interaction question, eligibility advice and the worker's decision.

Nothing typed is lost: a refused save keeps every box as it was and says what to fix next
to the field, and a form open when SV2 Desk locks comes back as a draft.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QScrollArea, QSpinBox, QStackedWidget,
                               QVBoxLayout, QWidget)

from ... import errors
from ...policy import referral as vocab
from ...services import referrals
from .eligibility_panel import EligibilityPanel
from ..common.forms import (Choice, FieldErrors, MessageLine, Ticks, as_date, date_edit, heading,
                    note_edit, row as _row, same_label_widths)
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
    "post_is_safe": "It is safe to send post",
    "may_call": "We may phone",
    "may_leave_voicemail": "We may leave a voicemail",
    "may_text": "We may send texts",
    "may_email": "We may email",
    "name_on_envelope_ok": "Our name may show on an envelope",
    "name_on_caller_display_ok": "Our name may show when we phone",
    "referrer_contact_consent": "The person agrees we may contact the referrer",
    "adult_at_risk": "The person may be an adult at risk",
    "assign_to_me": "Assign this referral to me",
}
WHO_REFERRED = {"self": "The person referred themselves", "external": "Another service"}


class ReferralPage(QWidget):
    """Emits ``case_created(case_id)`` on saving, and ``case_requested(case_id,
    start_assessment)`` from the "saved" panel."""

    title = "New referral"
    case_requested = Signal(int, bool)
    case_created = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.errors = FieldErrors()
        self.saved: referrals.NewCase | None = None
        self.first_error_field = ""
        self._build_inputs()
        self.form_content = QWidget()
        self.form_content.setObjectName("referral_content")
        self.form_content.setMaximumWidth(900)
        column = QVBoxLayout(self.form_content)
        intro = QLabel("Ask the questions in any order. If something is missing when you "
                       "save, a message appears next to it in red; nothing you typed is lost.")
        intro.setWordWrap(True)
        column.addWidget(intro)
        forms = []
        for title, rows in self._sections():
            box = QGroupBox(title)
            form = QFormLayout(box)
            forms.append(form)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for row in rows:
                if isinstance(row, QWidget):
                    form.addRow(row)
                else:
                    self.errors.add_row(form, *row)
            column.addWidget(box)
        column.addStretch()
        same_label_widths(forms + [self.referrer_box.layout(), self.age_row.layout()])
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form_content)
        self.scroll.setAccessibleName("Referral form")

        self.save_button = QPushButton("&Save the referral")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton("Clear the form")
        self.clear_button.clicked.connect(self.clear)
        self.message = MessageLine("referral_message")
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
        layout.addWidget(heading(self.title))
        layout.addWidget(self.stack, 1)
        self._update_visibility()
        self._update_advice()
        self._blank = self.values()

    # -- building -----------------------------------------------------------------------

    def _build_inputs(self) -> None:
        for name in TEXT_FIELDS:
            setattr(self, name, QLineEdit())
        for name in NOTE_FIELDS:
            setattr(self, name, note_edit())
        for name in TICK_FIELDS:
            box = QCheckBox(TICK_WORDS[name])
            box.setObjectName(name)
            setattr(self, name, box)
        self.assign_to_me.setChecked(True)
        self.date_of_birth = date_edit("Date of birth")
        self.date_of_birth.setMaximumDate(QDate.currentDate())
        self.dob_unknown = QCheckBox("Not known")
        self.dob_unknown.setChecked(True)
        self.approximate_age = QSpinBox()
        self.approximate_age.setRange(-1, 120)
        self.approximate_age.setSpecialValueText("Not known")
        self.approximate_age.setValue(-1)
        self.approximate_age.setSuffix(" years")
        self.who_referred = Choice(WHO_REFERRED, "Who referred", columns=2)
        self.who_referred.set_value("self")
        self.harm_categories = Ticks(vocab.HARM_CATEGORIES, "What happened", columns=3)
        self.harm_timing = Choice(vocab.HARM_TIMING, "When", columns=2)
        self.support_requested = Ticks(vocab.SUPPORT_TYPES, "Support asked for", columns=4)
        self.question = QLabel(vocab.INTERACTION_QUESTION)
        self.question.setObjectName("interaction_question")
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: bold;")
        self.interaction_answer = Choice(vocab.INTERACTION_ANSWERS, "Answer", columns=4)
        self.persons_named = PeopleNamedPanel()
        self.advice = EligibilityPanel(self._session)
        self.eligibility_decision = Choice(vocab.ELIGIBILITY_DECISIONS, "Your decision",
                                           columns=1)
        self.referral_date = date_edit("Referral date")
        self.referral_date.setMaximumDate(QDate.currentDate())
        self.arrived_by = QComboBox()
        self.arrived_by.addItem("Choose…", "")
        for code, words in vocab.ARRIVED_BY.items():
            self.arrived_by.addItem(words, code)

        self.name.setAccessibleName("Full name")
        self.safe_post_address.setPlaceholderText("Leave empty if it is the address above")
        self.harm_other.setPlaceholderText("If Other, or anything to add")
        self.postcode.textChanged.connect(self._update_advice)
        self.approximate_age.valueChanged.connect(self._update_advice)
        self.date_of_birth.dateChanged.connect(self._update_advice)
        self.dob_unknown.toggled.connect(self._update_visibility)
        self.adult_at_risk.toggled.connect(self._update_advice)
        self.who_referred.changed.connect(self._update_visibility)
        self.post_is_safe.toggled.connect(self._update_visibility)

    def _sections(self):
        self.referrer_box = QWidget()
        referrer = QFormLayout(self.referrer_box)
        referrer.setContentsMargins(0, 0, 0, 0)
        for text, name in (("Or&ganisation:", "referrer_organisation"),
                           ("Referrer's name:", "referrer_name"),
                           ("Their role:", "referrer_role"), ("Their phone:", "referrer_phone"),
                           ("Their email:", "referrer_email")):
            self.errors.add_row(referrer, text, name, getattr(self, name))
        referrer.addRow("", self.referrer_contact_consent)
        self.age_row = QWidget()
        age = QFormLayout(self.age_row)
        age.setContentsMargins(0, 0, 0, 0)
        self.errors.add_row(age, "Appro&ximate age:", "approximate_age", self.approximate_age)
        return [
            ("The person", [
                ("Full &name:", "name", self.name),
                ("Name they would like us to &use:", "preferred_name", self.preferred_name),
                ("Date of &birth:", "date_of_birth", _row(self.date_of_birth, self.dob_unknown)),
                self.age_row,
                ("Gender:", "gender", self.gender),
                ("Pronouns:", "pronouns", self.pronouns),
                ("A&ddress:", "address", self.address),
                ("&Postcode:", "postcode", self.postcode),
                ("P&hone:", "phone", self.phone),
                ("&Email:", "email", self.email)]),
            ("Safe contact", [
                ("Post:", "post_is_safe", self.post_is_safe),
                ("Safe address for post:", "safe_post_address", self.safe_post_address),
                ("Contact:", "may_call", _row(self.may_call, self.may_leave_voicemail,
                                              self.may_text, self.may_email)),
                ("Safe times to contact:", "safe_times", self.safe_times),
                ("Our name:", "name_on_envelope_ok",
                 _row(self.name_on_envelope_ok, self.name_on_caller_display_ok))]),
            ("Who referred", [
                ("Referred by:", "external_referral", self.who_referred),
                self.referrer_box]),
            ("What happened and when", [
                ("What happened:", "harm_categories", self.harm_categories),
                ("Details:", "harm_other", self.harm_other),
                ("When:", "harm_timing", self.harm_timing)]),
            ("Support asked for", [
                ("Support asked for:", "support_requested", self.support_requested),
                ("Anything else:", "support_other", self.support_other)]),
            ("Interactions with the person who harmed them", [
                self.question,
                ("Ans&wer:", "interaction_answer", self.interaction_answer),
                ("Details:", "interaction_details", self.interaction_details),
                ("People named:", "persons_named", self.persons_named)]),
            ("Eligibility", [
                self.advice,
                ("", "adult_at_risk", self.adult_at_risk),
                ("Safeguarding note:", "safeguarding_note", self.safeguarding_note),
                ("Your &decision:", "eligibility_decision", self.eligibility_decision),
                ("Why:", "eligibility_note", self.eligibility_note)]),
            ("The referral", [
                ("Referral da&te:", "referral_date", self.referral_date),
                ("How it arri&ved:", "arrived_by", self.arrived_by),
                ("", "assign_to_me", self.assign_to_me)]),
        ]

    def _build_saved_panel(self) -> QWidget:
        panel = QWidget()
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved_reference")
        self.saved_label.setWordWrap(True)
        self.saved_label.setStyleSheet("font-size: 13pt;")
        self.open_case_button = QPushButton("&Open the case")
        self.open_case_button.clicked.connect(lambda: self._request_case(False))
        self.assess_button = QPushButton("Start the &assessment")
        self.assess_button.clicked.connect(lambda: self._request_case(True))
        self.another_button = QPushButton("Take &another referral")
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
        self.referrer_box.setVisible(self.who_referred.value() == "external")
        self.date_of_birth.setEnabled(not self.dob_unknown.isChecked())
        self.age_row.setVisible(self.dob_unknown.isChecked())
        self.safe_post_address.setEnabled(self.post_is_safe.isChecked())
        self._update_advice()

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
        unknown = self.dob_unknown.isChecked()
        form.date_of_birth = None if unknown else as_date(self.date_of_birth)
        age = self.approximate_age.value()
        form.approximate_age = age if unknown and age >= 0 else None
        form.external_referral = self.who_referred.value() == "external"
        form.harm_categories = self.harm_categories.values()
        form.harm_timing = self.harm_timing.value()
        form.support_requested = self.support_requested.values()
        form.interaction_answer = self.interaction_answer.value()
        form.persons_named = self.persons_named.values()
        form.eligibility_decision = self.eligibility_decision.value()
        form.referral_date = as_date(self.referral_date)
        form.arrived_by = self.arrived_by.currentData() or ""
        return form

    def values(self) -> dict:
        """The form as JSON-friendly values (for drafts)."""
        values = asdict(self.form())
        for name, value in values.items():
            if isinstance(value, date):
                values[name] = value.isoformat()
            elif isinstance(value, set):
                values[name] = sorted(value)
        values["referred_by"] = self.who_referred.value()
        return values

    def set_values(self, values: dict) -> None:
        for name in TEXT_FIELDS:
            getattr(self, name).setText(str(values.get(name) or ""))
        for name in NOTE_FIELDS:
            getattr(self, name).setPlainText(str(values.get(name) or ""))
        for name in TICK_FIELDS:
            getattr(self, name).setChecked(bool(values.get(name, name == "assign_to_me")))
        born = values.get("date_of_birth")
        self.dob_unknown.setChecked(not born)
        if born:
            self.date_of_birth.setDate(QDate.fromString(born, Qt.DateFormat.ISODate))
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
        on = values.get("referral_date")
        self.referral_date.setDate(QDate.fromString(on, Qt.DateFormat.ISODate) if on
                                   else QDate.currentDate())
        self.arrived_by.setCurrentIndex(max(0, self.arrived_by.findData(
            values.get("arrived_by") or "")))
        self._update_visibility()

    # -- saving ------------------------------------------------------------------------

    def save(self) -> None:
        self.message.clear()
        numbered = self.persons_named.numbered_values()
        try:
            self.saved = referrals.create_referral(self._session, self.form())
        except errors.ValidationError as exc:
            self.show_problems(exc.fields, [n for n, _ in numbered])
            return
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return
        self.errors.clear()
        self.case_created.emit(self.saved.id)
        self.saved_label.setText(f"The referral is saved. Its reference is "
                                 f"{self.saved.reference}.\n\nEvery client has an initial "
                                 "options assessment next.")
        self.stack.setCurrentIndex(1)
        self.open_case_button.setFocus()

    def show_problems(self, problems: dict[str, str], row_numbers: list[int]) -> None:
        shown: dict[str, str] = {}
        for name, text in problems.items():
            if name.startswith("persons_named."):
                index = int(name.split(".", 1)[1])
                number = row_numbers[index] if index < len(row_numbers) else index + 1
                text = f"Person {number}: {text}"
                name = "persons_named"
                text = f"{shown[name]} {text}" if name in shown else text
            shown[name] = text
        unplaced = self.errors.show(shown)
        count = len(shown)
        self.message.setText(" ".join(unplaced) or (
            "1 thing needs attention: see the message next to it." if count == 1 else
            f"{count} things need attention: see the messages next to them."))
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
        self.message.clear()
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
