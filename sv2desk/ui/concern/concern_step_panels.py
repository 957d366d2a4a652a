"""The worker's steps in the concern workflow, each a form in the Concern tab:

    the explanation of the four points (policy paragraph 5)
    the line-manager discussion of risk and needs, countersigned on this PC (paragraph 4)
    sharing the outcome with the client, once a manager has decided (paragraph 7)

Problems are shown next to the field they belong to; the services refuse anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QWidget)

from ...policy import perpetrators as policy, validation
from ...services import concerns, outcomes
from ..common.field_errors import FieldErrors
from ..common.fields import Choice, as_datetime, datetime_edit, from_iso, note_edit
from ..common.layout import row as side_by_side
from ..common.messages import NOTICE_STYLE, MessageLine, notice
from ..common.operation import CASELOAD, QUEUE, case_changed, op
from ..common.text import tr
from .countersign_dialog import CountersignDialog


class StepPanel(QGroupBox):
    """One step's form. Emits ``recorded(message)`` once the service has accepted it."""

    recorded = Signal(str)

    def __init__(self, title: str, session, parent: QWidget | None = None):
        super().__init__(title, parent)
        self._session = session
        self.concern_id: int | None = None
        self.case_id: int | None = None
        self.message = MessageLine(f"{type(self).__name__.lower()}_message")
        self.errors = FieldErrors(self.message)
        self.form_layout = QFormLayout(self)
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)

    def set_concern(self, concern_id: int) -> None:
        """A different concern starts from an empty form; the same one keeps what is typed."""
        if concern_id != self.concern_id:
            self.concern_id = concern_id
            self.clear()

    def clear(self) -> None:
        self.errors.clear()
        self.message.clear()

    def _run(self, call, done_message: str) -> None:
        """Run the step's service call on the database thread; the case reloads after."""
        self.message.clear()
        case = self._case_id()
        op(self, call, key="record").success(lambda _: self._done(done_message)) \
            .failure(self.errors.failed) \
            .changes(CASELOAD, QUEUE, *([case_changed(case)] if case else [])).run()

    def _done(self, done_message: str) -> None:
        self.clear()
        self.recorded.emit(done_message)

    def _case_id(self) -> int | None:
        parent = self.parent()
        while parent is not None:
            if getattr(parent, "case_id", None) is not None:
                return parent.case_id
            parent = parent.parent()
        return None


class ExplanationPanel(StepPanel):
    """Each of the four points explained, or why not; when and how."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Explain the four points to the client"), session, parent)
        self.setObjectName("explanation_form")
        intro = QLabel(tr("Tell the client each of these. Tick each point you explained. If "
                          "you could not explain one (for example, it was not safe to), say "
                          "why."))
        intro.setWordWrap(True)
        self.form_layout.addRow(intro)
        self.ticks: dict[str, QCheckBox] = {}
        self.reasons: dict[str, QLineEdit] = {}
        for number, (name, words) in enumerate(policy.FOUR_POINTS, 1):
            tick = QCheckBox(tr("Explained"))
            tick.setObjectName(f"explained_{name}")
            tick.setAccessibleName(tr("Point {number} explained").format(number=number))
            reason = QLineEdit()
            reason.setMaxLength(validation.limit("explanation", "reason"))
            reason.setObjectName(f"reason_{name}")
            reason.setAccessibleName(tr("Why point {number} was not explained")
                                     .format(number=number))
            reason.setPlaceholderText(tr("If not explained: why not"))
            tick.toggled.connect(reason.setDisabled)
            self.ticks[name], self.reasons[name] = tick, reason
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(tick)
            line.addWidget(reason, 1)
            self.errors.add_row(self.form_layout, f"{number}. {tr(words)}", f"{name}_reason",
                                holder)
        self.explained_on = datetime_edit(tr("When you explained"))
        self.method = Choice(policy.EXPLANATION_METHODS, tr("How you explained"), columns=3)
        self.errors.add_row(self.form_layout, tr("&When:"), "explained_on",
                            side_by_side(self.explained_on))
        self.errors.add_row(self.form_layout, tr("&How:"), "method", self.method)
        self.record_button = QPushButton(tr("&Record the explanation"))
        self.record_button.clicked.connect(self.record)
        self.form_layout.addRow(side_by_side(self.record_button))
        self.form_layout.addRow(self.message)

    def clear(self) -> None:
        super().clear()
        for name in self.ticks:
            self.ticks[name].setChecked(False)
            self.reasons[name].clear()
            self.reasons[name].setEnabled(True)
        self.explained_on.setDateTime(QDateTime.currentDateTime())
        self.method.set_value("")

    def form(self) -> concerns.ExplanationForm:
        return concerns.ExplanationForm(
            explained_on=as_datetime(self.explained_on), method=self.method.value(),
            points={name: tick.isChecked() for name, tick in self.ticks.items()},
            reasons={name: edit.text().strip() for name, edit in self.reasons.items()
                     if not self.ticks[name].isChecked() and edit.text().strip()})

    def record(self) -> None:
        session, concern_id, form = self._session, self.concern_id, self.form()
        self._run(lambda: concerns.record_explanation(session, concern_id, form),
                  tr("The explanation is recorded."))

    def values(self) -> dict | None:
        form = self.form()
        if not (any(form.points.values()) or form.reasons or form.method):
            return None
        return {"explained_on": form.explained_on.isoformat(), "method": form.method,
                "points": form.points, "reasons": form.reasons}

    def set_values(self, values: dict) -> None:
        for name, on in (values.get("points") or {}).items():
            if name in self.ticks:
                self.ticks[name].setChecked(bool(on))
        for name, text in (values.get("reasons") or {}).items():
            if name in self.reasons:
                self.reasons[name].setText(str(text))
        from_iso(self.explained_on, values.get("explained_on"))
        self.method.set_value(str(values.get("method") or ""))


class DiscussionPanel(StepPanel):
    """The record of the discussion with the line manager, and their countersignature."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Discuss the risk and needs with your line manager"), session,
                         parent)
        self.setObjectName("discussion_form")
        self.manager_name = ""
        self.dialog: CountersignDialog | None = None
        self.who = QLabel()
        self.who.setObjectName("line_manager")
        self.who.setWordWrap(True)
        self.form_layout.addRow(self.who)
        self.risks = note_edit(tr("Risks discussed"), 4, form="discussion", field="risks")
        self.needs = note_edit(tr("Needs discussed"), 4, form="discussion", field="needs")
        self.safeguarding_action = note_edit(tr("Immediate safeguarding action"), 3,
                                             form="discussion", field="safeguarding_action")
        self.errors.add_row(self.form_layout, tr("Ris&ks discussed:"), "risks", self.risks)
        self.errors.add_row(self.form_layout, tr("N&eeds discussed:"), "needs", self.needs)
        self.errors.add_row(self.form_layout, tr("Immediate safe&guarding action (if any):"),
                            "safeguarding_action", self.safeguarding_action)
        self.countersign_button = QPushButton(tr("Ask your line manager to &countersign…"))
        self.countersign_button.clicked.connect(self.ask_to_countersign)
        self.form_layout.addRow(side_by_side(self.countersign_button))
        self.form_layout.addRow(self.message)

    def show_line_manager(self, line_manager: tuple[int, str] | None) -> None:
        if line_manager is None:
            self.manager_name = ""
            self.who.setText(tr("No line manager is set for the worker who raised this "
                                "concern, so nobody can countersign. Ask an administrator to "
                                "set one."))
            self.countersign_button.setEnabled(False)
            return
        self.manager_name = line_manager[1]
        self.who.setText(tr("Your line manager, {name}, countersigns this record by typing "
                            "their own password on this PC.").format(name=self.manager_name))
        self.countersign_button.setText(tr("Ask {name} to &countersign…").format(
            name=self.manager_name))
        self.countersign_button.setEnabled(True)

    def clear(self) -> None:
        super().clear()
        for edit in (self.risks, self.needs, self.safeguarding_action):
            edit.clear()

    def form(self) -> concerns.DiscussionForm:
        return concerns.DiscussionForm(risks=self.risks.toPlainText().strip(),
                                       needs=self.needs.toPlainText().strip(),
                                       safeguarding_action=self.safeguarding_action
                                       .toPlainText().strip())

    def ask_to_countersign(self) -> CountersignDialog:
        """A small dialog that does not block: the line manager types their password."""
        self.errors.clear()
        self.message.clear()
        self.dialog = CountersignDialog(self._session, self.concern_id, self.manager_name,
                                        self.form, parent=self.window(),
                                        case_id=self._case_id())
        self.dialog.countersigned.connect(self._countersigned)
        self.dialog.fields_refused.connect(self._refused)
        self.dialog.destroyed.connect(self._dialog_gone)
        self.dialog.open()
        return self.dialog

    def _dialog_gone(self) -> None:
        self.dialog = None

    def _countersigned(self) -> None:
        self.clear()
        self.recorded.emit(tr("The discussion is countersigned by {name}.").format(
            name=self.manager_name))

    def _refused(self, problems: dict) -> None:
        self.message.problem(" ".join(self.errors.show(problems)))

    def values(self) -> dict | None:
        form = self.form()
        if not (form.risks or form.needs or form.safeguarding_action):
            return None
        return {"risks": form.risks, "needs": form.needs,
                "safeguarding_action": form.safeguarding_action}

    def set_values(self, values: dict) -> None:
        self.risks.setPlainText(str(values.get("risks") or ""))
        self.needs.setPlainText(str(values.get("needs") or ""))
        self.safeguarding_action.setPlainText(str(values.get("safeguarding_action") or ""))


class OutcomePanel(StepPanel):
    """When and how the outcome was shared with the client (paragraph 7)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Share the outcome with the client"), session, parent)
        self.setObjectName("outcome_form")
        self.who = notice(NOTICE_STYLE, "outcome_who")
        self.who.show()
        self.form_layout.addRow(self.who)
        self.communicated_on = datetime_edit(tr("When the outcome was shared"))
        self.method = Choice(policy.COMMUNICATION_METHODS, tr("How it was shared"), columns=4)
        self.letter_sent = QCheckBox(tr("A letter was sent or handed over"))
        self.letter_sent.setObjectName("letter_sent")
        self.notes = note_edit(tr("Notes about sharing the outcome"), 4, form="communication",
                               field="notes")
        self.errors.add_row(self.form_layout, tr("&When:"), "communicated_on",
                            side_by_side(self.communicated_on))
        self.errors.add_row(self.form_layout, tr("&How:"), "method", self.method)
        self.errors.add_row(self.form_layout, "", "letter_sent", self.letter_sent)
        self.errors.add_row(self.form_layout, tr("N&otes:"), "notes", self.notes)
        self.record_button = QPushButton(tr("&Record that the outcome was shared"))
        self.record_button.clicked.connect(self.record)
        self.form_layout.addRow(side_by_side(self.record_button))
        self.form_layout.addRow(self.message)

    def show_decision(self, decision: dict, refusal: str | None = None) -> None:
        """Who shares it; the form is for them or a manager (``refusal``, from the
        service's access rule, says why not when this person may not)."""
        outcome = tr(policy.OUTCOMES.get(decision["outcome"], decision["outcome"]))
        who = decision.get("communicator_name", "")
        then = (tr("The case then carries on where it was.") if decision["outcome"] ==
                "support_continues" else tr("The case then closes."))
        self.who.setText(tr("The decision: {outcome}.\n{who} shares the outcome and any "
                            "actions with the client. {then}").format(
                                outcome=outcome, who=who, then=then)
                         + (f"\n{refusal}" if refusal else ""))
        for widget in self.findChildren(QWidget):
            if widget is not self.who:
                widget.setEnabled(refusal is None)

    def clear(self) -> None:
        super().clear()
        self.communicated_on.setDateTime(QDateTime.currentDateTime())
        self.method.set_value("")
        self.letter_sent.setChecked(False)
        self.notes.clear()

    def form(self) -> outcomes.CommunicationForm:
        return outcomes.CommunicationForm(
            communicated_on=as_datetime(self.communicated_on), method=self.method.value(),
            letter_sent=self.letter_sent.isChecked(), notes=self.notes.toPlainText().strip())

    def record(self) -> None:
        session, concern_id, form = self._session, self.concern_id, self.form()
        self._run(lambda: outcomes.record_communication(session, concern_id, form),
                  tr("The outcome is recorded as shared with the client."))

    def values(self) -> dict | None:
        form = self.form()
        if not (form.method or form.notes or form.letter_sent):
            return None
        return {"communicated_on": form.communicated_on.isoformat(), "method": form.method,
                "letter_sent": form.letter_sent, "notes": form.notes}

    def set_values(self, values: dict) -> None:
        from_iso(self.communicated_on, values.get("communicated_on"))
        self.method.set_value(str(values.get("method") or ""))
        self.letter_sent.setChecked(bool(values.get("letter_sent")))
        self.notes.setPlainText(str(values.get("notes") or ""))
