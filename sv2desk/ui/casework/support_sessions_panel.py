"""Support sessions on a case: the list, and the form to record one that happened or plan
one. When support cannot be recorded (not yet assessed, paused, closed) the reason is shown
plainly and the form is turned off; the service refuses it anyway. A confidential
restriction (the connection check) is shown plainly beside the form; where the service lets
a manager override it, a reason box appears."""

from __future__ import annotations

from PySide6.QtCore import QDate, QT_TR_NOOP
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox,
                               QPushButton, QVBoxLayout, QWidget)

from ... import errors
from ...policy import referral as vocab
from ...services import support
from ...services.connections import separation
from ..common.binding import Binding
from ..common.field_errors import FieldErrors
from ..common.fields import as_date, choose_combo, count_suffix, date_edit, line_edit, note_edit
from ..common.messages import NOTICE_STYLE, MessageLine, notice
from ..common.operation import CASELOAD, case_changed, op
from ..common.tables import fill, read_only_table
from ..common.text import tr

SESSION_FORM = "support_session"
ATTENTION = QT_TR_NOOP("This case is marked for management attention: the client may be a "
                       "potential perpetrator of sexual abuse. Support will not be offered "
                       "until a manager has reviewed it. Discuss the risk and needs with your "
                       "line manager.")
COLUMNS = (QT_TR_NOOP("Date"), QT_TR_NOOP("Type"), QT_TR_NOOP("Worker"), QT_TR_NOOP("Minutes"),
           QT_TR_NOOP("Happened or planned"), QT_TR_NOOP("Where"), QT_TR_NOOP("Note"))


class SupportSessionsPanel(QWidget):
    """Support sessions on the case, and the form to record or plan one."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.case_id: int | None = None
        self.table = read_only_table([tr(c) for c in COLUMNS], tr("Support sessions"))
        self.refusal = notice(NOTICE_STYLE, "support_refusal")
        self.message = MessageLine("session_message")
        self.errors = FieldErrors(self.message)
        self.session_date = date_edit(tr("Date of the session"))
        self.planned = QCheckBox(tr("This is a planned session (today or later)"))
        self.session_type = choose_combo(tr("Type of session"), vocab.SESSION_TYPES)
        self.duration = QSpinBox()
        self.duration.setRange(0, 600)
        self.duration.setValue(50)
        count_suffix(self.duration, "%n minute(s)")
        self.duration.setAccessibleName(tr("Length of the session"))
        self.location = line_edit("support_session", "location", tr("Where the session is"))
        self.location.setPlaceholderText(tr("For example: Derby office, room 2 (blank for "
                                            "phone)"))
        self.note = note_edit(tr("Session note"), 5, form="support_session", field="note")
        self.override_reason = note_edit(tr("Reason for overriding the restriction"), 3,
                                         form="support_session", field="override_reason")
        self.record_button = QPushButton(tr("&Record the session"))
        self.record_button.clicked.connect(self.record)
        self.planned.toggled.connect(self._planned_changed)
        self.form_box = QGroupBox(tr("Record or plan a session"))
        form = QFormLayout(self.form_box)
        self.errors.add_row(form, tr("&Date:"), "session_date", self.session_date)
        form.addRow("", self.planned)
        self.errors.add_row(form, tr("T&ype:"), "session_type", self.session_type)
        self.errors.add_row(form, tr("&Length:"), "duration_minutes", self.duration)
        self.errors.add_row(form, tr("&Where:"), "location", self.location)
        self.errors.add_row(form, tr("N&ote:"), "note", self.note)
        self.errors.add_row(form, tr("Override &reason:"), "override_reason",
                            self.override_reason)
        self._override_row = form.rowCount() - 1
        form.setRowVisible(self._override_row, False)
        self._form_layout = form
        self.errors.add_row(form, "", "worker", self.record_button)
        self.form_box.setMaximumWidth(520)
        self.binding = Binding(session_date=self.session_date, planned=self.planned,
                               session_type=self.session_type, duration_minutes=self.duration,
                               location=self.location, note=self.note)
        right = QVBoxLayout()
        right.addWidget(self.refusal)
        right.addWidget(self.form_box)
        right.addWidget(self.message)
        right.addStretch()
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(right)
        self.refusal.setMaximumWidth(520)
        self.message.setMaximumWidth(520)

    def _planned_changed(self, planned: bool) -> None:
        self.record_button.setText(tr("Plan the &session") if planned
                                   else tr("&Record the session"))

    def show_view(self, view) -> None:
        self.case_id = view.id
        fill(self.table, [
            (s.session_date.strftime("%d/%m/%Y"), s.session_type, s.worker_name,
             str(s.duration_minutes),
             (tr("Suspended (case paused)") if s.suspended else tr("Planned"))
             if s.planned else tr("Happened"), s.location, s.note)
            for s in view.sessions])
        reason = view.support_refusal
        if reason and view.needs_management_attention and not view.paused:
            reason = tr(ATTENTION)
        self.refusal.setText(reason or "")
        self.refusal.setVisible(bool(reason))
        for widget in self.form_box.findChildren(QWidget):
            widget.setEnabled(not reason)

    def form(self) -> support.SessionForm:
        return support.SessionForm(
            session_date=as_date(self.session_date),
            session_type=self.session_type.currentData() or "",
            duration_minutes=self.duration.value(), note=self.note.toPlainText().strip(),
            planned=self.planned.isChecked(), location=self.location.text().strip())

    def _show_override(self, shown: bool) -> None:
        self._form_layout.setRowVisible(self._override_row, shown)
        if not shown:
            self.override_reason.clear()

    def record(self) -> None:
        session, case_id, form = self._session, self.case_id, self.form()
        override = self.override_reason.toPlainText().strip()
        planned = form.planned
        op(self, lambda: support.record_session(session, case_id, form,
                                                override_reason=override), key="record") \
            .success(lambda _: self._recorded(planned)).failure(self._refused) \
            .changes(case_changed(case_id), CASELOAD).run()

    def _refused(self, exc) -> None:
        self.errors.failed(exc)
        if isinstance(exc, errors.SV2Error) and not isinstance(exc, errors.ValidationError):
            # A manager may override a restriction on the worker (not on the day and place).
            self._show_override(exc.message.endswith(separation.MANAGER_MAY_OVERRIDE.strip()))

    def _recorded(self, planned: bool) -> None:
        self.clear_form()
        self.message.done(tr("The session is planned.") if planned
                          else tr("The session is recorded."))

    def clear_form(self) -> None:
        self.binding.clear()
        self.session_date.setDate(QDate.currentDate())
        self._show_override(False)
        self.errors.clear()

    def values(self) -> dict | None:
        if not self.note.toPlainText().strip() or self.case_id is None:
            return None
        values = self.binding.values()
        values["note"] = self.note.toPlainText()
        return {"case_id": self.case_id, **values}

    def set_values(self, values: dict) -> None:
        self.binding.set_values(values)
