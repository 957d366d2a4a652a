"""The line manager countersigns the record of the discussion of risk and needs by typing
their own password on this PC, in a small dialog that does not block the application
(opened with ``open()``, so a lock can close it at any time). The password is never kept."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from ... import errors
from ...services import concerns
from ..common.field_errors import FieldErrors
from ..common.fields import password_edit
from ..common.messages import MessageLine, plain_label
from ..common.operation import CASELOAD, QUEUE, case_changed, op
from ..common.shortcuts import carry_shortcuts
from ..common.text import tr


class CountersignDialog(QDialog):
    """Emits ``countersigned()`` on success, or ``fields_refused(problems)`` when the record
    itself needs something (shown by its fields in the case view, not here). The password
    is checked on the database thread (a real key derivation, about half a second)."""

    countersigned = Signal()
    fields_refused = Signal(dict)

    def __init__(self, session, concern_id: int, manager_name: str,
                 form: Callable[[], concerns.DiscussionForm], parent: QWidget | None = None,
                 case_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("SV2 Desk — Countersign the discussion"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self.setObjectName("countersign_dialog")   # a plain edge, so it stands out from the case
        self.setStyleSheet("#countersign_dialog { border: 2px solid palette(dark); }")
        self._session = session
        self._concern_id = concern_id
        self._case_id = case_id
        self._form = form
        self.manager_name = manager_name
        record = form()
        intro = QLabel(tr("{name}: please read the record of your discussion of the risk and "
                          "needs, then type your own password to countersign it. The password "
                          "is checked on this PC and not kept.").format(name=manager_name))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        summary = plain_label(tr("Risks: {risks}\nNeeds: {needs}\nImmediate safeguarding "
                                 "action: {action}").format(
            risks=record.risks or "—", needs=record.needs or "—",
            action=record.safeguarding_action or "—"))
        summary.setObjectName("countersign_summary")
        summary.setStyleSheet("#countersign_summary { background: palette(base); "
                              "border: 1px solid palette(mid); padding: 6px; }")
        self.message = MessageLine("countersign_message")
        self.errors = FieldErrors(self.message)
        self.password = password_edit(tr("{name}'s password").format(name=manager_name))
        form_layout = QFormLayout()
        self.errors.add_row(form_layout, tr("{name}'s &password:").format(name=manager_name),
                            "manager_password", self.password)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName(tr("Checking the password"))
        self.busy.hide()
        self.countersign_button = QPushButton(tr("&Countersign"))
        self.countersign_button.setDefault(True)
        self.countersign_button.clicked.connect(self.countersign)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.addButton(self.countersign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(summary)
        layout.addLayout(form_layout)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password.setFocus()
        carry_shortcuts(self, parent)

    def countersign(self) -> None:
        if self.busy.isVisible():
            return
        self.message.clear()
        password = self.password.text()
        self.password.clear()
        session, concern_id, record = self._session, self._concern_id, self._form()
        self._busy(True)
        changes = [CASELOAD, QUEUE] + ([case_changed(self._case_id)] if self._case_id else [])
        op(self, lambda: concerns.countersign_discussion(session, concern_id, password, record),
           key="countersign").success(self._done).failure(self._refused) \
            .changes(*changes).run()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.countersign_button.setEnabled(not busy)
        self.password.setEnabled(not busy)

    def _refused(self, exc) -> None:
        self._busy(False)
        if isinstance(exc, errors.ValidationError):
            others = {k: v for k, v in exc.fields.items() if k != "manager_password"}
            if others:
                self.fields_refused.emit(others)
                self.reject()
                return
        self.errors.failed(exc)
        self.password.setFocus()

    def _done(self, _result) -> None:
        self._busy(False)
        self.errors.clear()
        self.accept()
        self.countersigned.emit()

    def done(self, result: int) -> None:  # accepted, rejected or closed: the box is emptied
        self.password.clear()
        super().done(result)
