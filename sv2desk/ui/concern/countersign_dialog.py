"""The line manager countersigns the record of the discussion of risk and needs by typing
their own password on this PC, in a small dialog that does not block the application
(opened with ``open()``, so a lock can close it at any time). The password is never kept."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from ... import errors
from ...services import concerns
from ..common.forms import FieldErrors, MessageLine, password_edit, plain_label


def carry_shortcuts(dialog: QDialog, window: QWidget | None) -> None:
    """A dialog opened with ``open()`` blocks its main window, and with it the window's
    Lock (Ctrl+L) and Hide screen (F12) keys: the dialog answers them itself."""
    for name, key in (("lock_action", "Ctrl+L"), ("hide_action", "F12")):
        action = getattr(window, name, None)
        if action is not None:
            QShortcut(QKeySequence(key), dialog).activated.connect(action.trigger)


class CountersignDialog(QDialog):
    """Emits ``countersigned()`` on success, or ``fields_refused(problems)`` when the record
    itself needs something (shown by its fields in the case view, not here)."""

    countersigned = Signal()
    fields_refused = Signal(dict)

    def __init__(self, session, concern_id: int, manager_name: str,
                 form: Callable[[], concerns.DiscussionForm], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("SV2 Desk — Countersign the discussion")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self.setObjectName("countersign_dialog")   # a plain edge, so it stands out from the case
        self.setStyleSheet("#countersign_dialog { border: 2px solid palette(dark); }")
        self._session = session
        self._concern_id = concern_id
        self._form = form
        self.manager_name = manager_name
        record = form()
        intro = QLabel(f"{manager_name}: please read the record of your discussion of the risk "
                       "and needs, then type your own password to countersign it. The "
                       "password is checked on this PC and not kept.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        summary = plain_label(f"Risks: {record.risks or '—'}\nNeeds: {record.needs or '—'}\n"
                              f"Immediate safeguarding action: "
                              f"{record.safeguarding_action or '—'}")
        summary.setObjectName("countersign_summary")
        summary.setStyleSheet("#countersign_summary { background: palette(base); "
                              "border: 1px solid palette(mid); padding: 6px; }")
        self.errors = FieldErrors()
        self.password = password_edit(f"{manager_name}'s password")
        self.message = MessageLine("countersign_message")
        form_layout = QFormLayout()
        self.errors.add_row(form_layout, f"{manager_name}'s &password:", "manager_password",
                            self.password)
        self.countersign_button = QPushButton("&Countersign")
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
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password.setFocus()
        carry_shortcuts(self, parent)

    def countersign(self) -> None:
        self.message.clear()
        password = self.password.text()
        self.password.clear()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)   # a real password check
        try:
            concerns.countersign_discussion(self._session, self._concern_id, password,
                                            self._form())
        except errors.ValidationError as exc:
            others = {k: v for k, v in exc.fields.items() if k != "manager_password"}
            if others:
                self.fields_refused.emit(others)
                self.reject()
                return
            self.errors.show(exc.fields)
            self.password.setFocus()
            return
        except errors.SV2Error as exc:
            self.errors.clear()
            self.message.setText(exc.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.errors.clear()
        self.accept()
        self.countersigned.emit()

    def done(self, result: int) -> None:  # accepted, rejected or closed: the box is emptied
        self.password.clear()
        super().done(result)
