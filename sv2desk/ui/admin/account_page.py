"""My account: who I am in SV2 Desk, and changing my own password."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ... import errors
from ...policy import roles as role_names
from ...services import accounts
from ..common.forms import FieldErrors, StrengthMeter, heading, password_edit


class AccountPage(QWidget):
    title = "My account"

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        own = accounts.get_own(session)
        about = QLabel()
        about.setWordWrap(True)
        if own is None:
            about.setText("You opened SV2 Desk with the recovery key. Use Administration to "
                          "reset a staff password, then sign in as that person.")
        else:
            managers = {a.id: a.display_name for a in accounts.list_accounts(session)}
            about.setText(f"You are signed in as {own.display_name} ({own.username}).\n"
                          f"Roles: {role_names.describe(own.roles)}.\n"
                          f"Line manager: {managers.get(own.line_manager_id, 'none set')}.")
        self.errors = FieldErrors()
        self.current = password_edit("Current password")
        self.new = password_edit("New password")
        self.confirm = password_edit("Type the new password again")
        self.meter = StrengthMeter(self.new)
        self.change_button = QPushButton("&Change password")
        self.change_button.clicked.connect(self.change_password)
        self.done = QLabel()
        self.done.setObjectName("password_changed")
        box = QGroupBox("Change your password")
        form = QFormLayout(box)
        self.errors.add_row(form, "C&urrent password:", "current_password", self.current)
        self.errors.add_row(form, "&New password:", "new_password", self.new)
        form.addRow("", self.meter)
        self.errors.add_row(form, "Type it &again:", "confirm", self.confirm)
        form.addRow("", self.change_button)
        form.addRow("", self.done)
        box.setEnabled(own is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(about)
        layout.addWidget(box)
        layout.addStretch()

    def change_password(self) -> None:
        self.done.clear()
        if self.new.text() != self.confirm.text():
            self.errors.show({"confirm": "The two new passwords are different."})
            return
        try:
            accounts.change_own_password(self._session, self.current.text(), self.new.text())
        except errors.ValidationError as exc:
            self.errors.show(exc.fields)
            return
        self.errors.clear()
        for edit in (self.current, self.new, self.confirm):
            edit.clear()
        self.done.setText("Your password has been changed.")
