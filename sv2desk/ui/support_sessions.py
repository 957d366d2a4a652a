"""Support sessions on a case: the list, and the form to record one that happened or plan
one. When support cannot be recorded (not yet assessed, paused, closed) the reason is shown
plainly and the form is turned off; the service refuses it anyway. A confidential
restriction (the connection check) is shown plainly beside the form; where the service lets
a manager override it, a reason box appears."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from .. import errors
from ..policy import referral as vocab
from ..services import connections, support
from .forms import (ERROR_STYLE, NOTICE_STYLE, FieldErrors, MessageLine, as_date, date_edit,
                    note_edit, notice)

SESSION_FORM = "support_session"
ATTENTION = ("This case is marked for management attention: the client may be a potential "
             "perpetrator of sexual abuse. Support will not be offered until a manager has "
             "reviewed it. Discuss the risk and needs with your line manager.")


def choose_combo(name: str, options: dict[str, str]) -> QComboBox:
    """A drop-down of coded options that starts on "Choose…" (no answer yet)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem("Choose…", "")
    for code, words in options.items():
        combo.addItem(words, code)
    return combo


class SessionPanel(QWidget):
    """Support sessions on the case, and the form to record or plan one."""

    recorded = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.case_id: int | None = None
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(("Date", "Type", "Worker", "Minutes",
                                              "Happened or planned", "Note", "Where"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Support sessions")
        self.refusal = notice(NOTICE_STYLE, "support_refusal")
        self.errors = FieldErrors()
        self.session_date = date_edit("Date of the session")
        self.planned = QCheckBox("This is a planned session (today or later)")
        self.session_type = choose_combo("Type of session", vocab.SESSION_TYPES)
        self.duration = QSpinBox()
        self.duration.setRange(0, 600)
        self.duration.setValue(50)
        self.duration.setSuffix(" minutes")
        self.duration.setAccessibleName("Length of the session")
        self.location = QLineEdit()
        self.location.setAccessibleName("Where the session is")
        self.location.setPlaceholderText("For example: Derby office, room 2 (blank for phone)")
        self.location.setMaxLength(support.LOCATION_LIMIT)
        self.note = note_edit("Session note", 90)
        self.override_reason = note_edit("Reason for overriding the restriction", 50)
        self.record_button = QPushButton("&Record the session")
        self.record_button.clicked.connect(self.record)
        self.planned.toggled.connect(self._planned_changed)
        self.message = MessageLine("session_message")
        self.form_box = QGroupBox("Record or plan a session")
        form = QFormLayout(self.form_box)
        self.errors.add_row(form, "&Date:", "session_date", self.session_date)
        form.addRow("", self.planned)
        self.errors.add_row(form, "T&ype:", "session_type", self.session_type)
        self.errors.add_row(form, "&Length:", "duration_minutes", self.duration)
        self.errors.add_row(form, "&Where:", "location", self.location)
        self.errors.add_row(form, "N&ote:", "note", self.note)
        self.errors.add_row(form, "Override &reason:", "override_reason", self.override_reason)
        self._override_row = form.rowCount() - 1
        form.setRowVisible(self._override_row, False)
        self._form_layout = form
        self.errors.add_row(form, "", "worker", self.record_button)
        self.form_box.setMaximumWidth(460)
        right = QVBoxLayout()
        right.addWidget(self.refusal)
        right.addWidget(self.form_box)
        right.addWidget(self.message)
        right.addStretch()
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(right)
        self.refusal.setMaximumWidth(460)
        self.message.setMaximumWidth(460)

    def _planned_changed(self, planned: bool) -> None:
        self.record_button.setText("Plan the &session" if planned else "&Record the session")

    def show_view(self, view) -> None:
        self.case_id = view.id
        self.table.setRowCount(len(view.sessions))
        for row, s in enumerate(view.sessions):
            for column, text in enumerate((s.session_date.strftime("%d/%m/%Y"), s.session_type,
                                           s.worker_name, str(s.duration_minutes),
                                           ("Suspended (case paused)" if s.suspended
                                            else "Planned") if s.planned else "Happened",
                                           s.note, s.location)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        reason = view.support_refusal
        if reason and view.needs_management_attention and not view.paused:
            reason = ATTENTION
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
        self.message.clear()
        try:
            support.record_session(self._session, self.case_id, self.form(),
                                   override_reason=self.override_reason.toPlainText().strip())
        except errors.ValidationError as exc:
            for text in self.errors.show(exc.fields):
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(text)
            return
        except errors.SV2Error as exc:
            self.errors.clear()
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
            # A manager may override a restriction on the worker (not on the day and place).
            self._show_override(exc.message.endswith(connections.MANAGER_MAY_OVERRIDE.strip()))
            return
        self.errors.clear()
        self.message.setStyleSheet("")
        self.message.setText("The session is planned." if self.planned.isChecked()
                             else "The session is recorded.")
        self.clear_form()
        self.recorded.emit()

    def clear_form(self) -> None:
        self.session_date.setDate(QDate.currentDate())
        self.planned.setChecked(False)
        self.session_type.setCurrentIndex(0)
        self.duration.setValue(50)
        self.location.clear()
        self.note.clear()
        self._show_override(False)
        self.errors.clear()

    def values(self) -> dict | None:
        if not self.note.toPlainText().strip() or self.case_id is None:
            return None
        form = self.form()
        return {"case_id": self.case_id, "session_date": form.session_date.isoformat(),
                "session_type": form.session_type, "duration_minutes": form.duration_minutes,
                "note": self.note.toPlainText(), "planned": form.planned,
                "location": form.location}

    def set_values(self, values: dict) -> None:
        on = QDate.fromString(str(values.get("session_date") or ""), "yyyy-MM-dd")
        self.session_date.setDate(on if on.isValid() else QDate.currentDate())
        self.planned.setChecked(bool(values.get("planned")))
        self.session_type.setCurrentIndex(max(0, self.session_type.findData(
            values.get("session_type") or "")))
        self.duration.setValue(int(values.get("duration_minutes") or 0))
        self.location.setText(str(values.get("location") or ""))
        self.note.setPlainText(str(values.get("note") or ""))
