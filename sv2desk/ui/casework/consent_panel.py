"""Consent and equality monitoring on a case. Consent to processing and to sharing is
recorded with the day, how it was given and who recorded it, and withdrawn the same way.
The equality questions are asked at the initial options assessment: every one optional,
every one with "Prefer not to say"; only the worker on the case and managers see them."""

from __future__ import annotations

from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout,
                               QWidget)

from ...policy import consent as consent_policy, equality as equality_policy
from ...services import consent, equality
from ..common.field_errors import FieldErrors
from ..common.layout import scrolling
from ..common.fields import as_date, choose_combo, combo, date_edit, line_edit, note_edit
from ..common.messages import MessageLine, words
from ..common.operation import case_changed, op
from ..common.read_when_shown import CaseTab
from ..common.tables import fill, read_only_table
from ..common.text import tr

NOT_ASKED = ""


class ConsentPanel(CaseTab, QWidget):
    """The case's consent records (give, withdraw) and its equality answers."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.records: list = []
        self.table = read_only_table([tr("To"), tr("Shared with"), tr("Given"), tr("How"),
                                      tr("Recorded by"), tr("Withdrawn")], tr("Consent"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.kind = choose_combo(tr("What the consent is to"), consent_policy.KINDS)
        self.given_on = date_edit(tr("Day consent was given"))
        self.how = choose_combo(tr("How consent was given"), consent_policy.HOW)
        self.shared_with = line_edit("consent", "shared_with",
                                     tr("Who it may be shared with, and what for"))
        self.note = note_edit(tr("Note on the consent"), 2, form="consent", field="note")
        self.record_button = QPushButton(tr("Record the &consent"))
        self.record_button.clicked.connect(self.record)
        self.withdraw_how = choose_combo(tr("How they withdrew consent"), consent_policy.HOW)
        self.withdrawn_on = date_edit(tr("Day consent was withdrawn"))
        self.withdraw_button = QPushButton(tr("Record that the chosen consent was &withdrawn"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.withdraw_button.setEnabled(False)
        self.consent_message = MessageLine("consent_message")
        self.consent_errors = FieldErrors(self.consent_message)
        box = QGroupBox(tr("Consent"))
        form = QFormLayout(box)
        form.addRow(self.table)
        self.consent_errors.add_row(form, tr("&To:"), "kind", self.kind)
        self.consent_errors.add_row(form, tr("&Given on:"), "given_on", self.given_on)
        self.consent_errors.add_row(form, tr("Ho&w:"), "how", self.how)
        self.consent_errors.add_row(form, tr("&Shared with:"), "shared_with", self.shared_with)
        self.consent_errors.add_row(form, tr("N&ote:"), "note", self.note)
        form.addRow("", self.record_button)
        self.consent_errors.add_row(form, tr("Withdrawn o&n:"), "withdrawn_on",
                                    self.withdrawn_on)
        self.consent_errors.add_row(form, tr("How withdra&wn:"), "withdraw_how",
                                    self.withdraw_how)
        form.addRow("", self.withdraw_button)

        self.questions = {}
        equality_box = QGroupBox(tr("Equality monitoring (optional)"))
        form = QFormLayout(equality_box)
        form.addRow(words(tr("Ask at the assessment. Every question is optional: leave it "
                             "as not asked, or choose \u201cPrefer not to say\u201d. Only the "
                             "worker on the case and managers see the answers.")))
        self.equality_message = MessageLine("equality_message")
        self.equality_errors = FieldErrors(self.equality_message)
        for question, (asked, _) in equality_policy.QUESTIONS.items():
            box_ = combo(tr(asked), [(tr("Not asked or not answered"), NOT_ASKED)] + [
                (tr(label), code) for code, label in equality_policy.answers(question).items()])
            box_.setSizeAdjustPolicy(box_.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box_.setMinimumContentsLength(24)
            self.questions[question] = box_
            self.equality_errors.add_question(form, tr(asked), question, box_)
        self.save_equality_button = QPushButton(tr("Save the &answers"))
        self.save_equality_button.clicked.connect(self.save_equality)
        form.addRow("", self.save_equality_button)
        self.equality_box = equality_box

        left = QVBoxLayout()
        left.addWidget(box)
        left.addWidget(self.consent_message)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(equality_box)
        right.addWidget(self.equality_message)
        right.addStretch()
        inner = QWidget()
        layout = QHBoxLayout(inner)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner))     # wrapped questions take the height they need

    # -- showing ---------------------------------------------------------------------

    def read(self) -> None:
        """Read the case's records for this tab (an audited view), on the database thread."""
        session, case_id = self._session, self.case_id
        op(self, lambda: consent.for_case(session, case_id), key="consent") \
            .success(self._consents).failure(self.consent_errors.failed).run()
        op(self, lambda: equality.view(session, case_id), key="equality") \
            .success(self._answers).failure(self._no_answers).run()

    def _consents(self, records) -> None:
        self.records = list(records)
        fill(self.table, [(r.kind_label, r.shared_with, r.given_on.strftime("%d/%m/%Y"),
                           r.how_label, r.recorded_by,
                           r.withdrawn_on.strftime("%d/%m/%Y") if r.withdrawn_on else "")
                          for r in self.records])
        self._selected()

    def _answers(self, found) -> None:
        self.equality_box.setEnabled(True)
        for question, box in self.questions.items():
            code = getattr(found.answers, question) if found else NOT_ASKED
            box.setCurrentIndex(max(0, box.findData(code)))

    def _no_answers(self, exc) -> None:
        """Not the worker on the case nor a manager: the answers are not theirs to see."""
        self.equality_box.setEnabled(False)
        for box in self.questions.values():
            box.setCurrentIndex(0)
        self.equality_message.setText(tr("Only the worker on this case and managers see the "
                                         "equality answers."))

    def chosen(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        return self.records[rows[0].row()] if rows else None

    def _selected(self) -> None:
        record = self.chosen()
        self.withdraw_button.setEnabled(record is not None and record.current)

    # -- recording -------------------------------------------------------------------

    def record(self) -> None:
        session, case_id = self._session, self.case_id
        form = consent.ConsentForm(self.kind.currentData() or "", as_date(self.given_on),
                                   self.how.currentData() or "",
                                   self.shared_with.text().strip(),
                                   self.note.toPlainText().strip())
        self.consent_errors.clear()
        op(self, lambda: consent.record(session, case_id, form), key="record") \
            .success(lambda _: self._recorded(tr("The consent is recorded."))) \
            .failure(self.consent_errors.failed).changes(case_changed(case_id)).run()

    def withdraw(self) -> None:
        record, session, case_id = self.chosen(), self._session, self.case_id
        if record is None:
            return
        form = consent.WithdrawalForm(as_date(self.withdrawn_on),
                                      self.withdraw_how.currentData() or "")
        self.consent_errors.clear()
        op(self, lambda: consent.withdraw(session, record.id, form), key="withdraw") \
            .success(lambda _: self._recorded(tr("The withdrawal is recorded."))) \
            .failure(self._withdraw_refused).changes(case_changed(case_id)).run()

    def _withdraw_refused(self, exc) -> None:
        fields = getattr(exc, "fields", None)
        if fields and "how" in fields:     # the form's "how" is the withdrawal's here
            fields["withdraw_how"] = fields.pop("how")
        self.consent_errors.failed(exc)

    def _recorded(self, text: str) -> None:
        self.note.clear()
        self.shared_with.clear()
        self.consent_message.done(text)
        self.read_now()

    def save_equality(self) -> None:
        session, case_id = self._session, self.case_id
        form = equality.EqualityForm(**{q: box.currentData() or ""
                                        for q, box in self.questions.items()})
        self.equality_errors.clear()
        op(self, lambda: equality.record(session, case_id, form), key="save_equality") \
            .success(lambda _: self.equality_message.done(tr("The answers are saved."))) \
            .failure(self.equality_errors.failed).changes(case_changed(case_id)).run()
