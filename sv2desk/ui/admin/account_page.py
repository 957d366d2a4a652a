"""My account: who I am in SV2 Desk, and changing my own password (checked and set on the
database thread: a real key derivation)."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...policy import roles as role_names, signin as signin_policy
from ...services import accounts
from ..common.field_errors import FieldErrors
from ..common.fields import StrengthMeter, password_edit
from ..common.messages import MessageLine, heading
from ..common.operation import op
from ..common.text import tr


class AccountPage(QWidget):
    title = QT_TR_NOOP("My account")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.done = MessageLine("password_changed")
        self.errors = FieldErrors(self.done)
        self.current = password_edit(tr("Current password"))
        self.new = password_edit(tr("New password"))
        self.confirm = password_edit(tr("Type the new password again"))
        self.meter = StrengthMeter(self.new, strong=signin_policy.needs_strong_password(
            session.roles), user_inputs=lambda: (session.username, session.display_name))
        self.change_button = QPushButton(tr("&Change password"))
        self.change_button.clicked.connect(self.change_password)
        self.box = QGroupBox(tr("Change your password"))
        form = QFormLayout(self.box)
        self.errors.add_row(form, tr("C&urrent password:"), "current_password", self.current)
        self.errors.add_row(form, tr("&New password:"), "new_password", self.new)
        form.addRow("", self.meter)
        self.errors.add_row(form, tr("Type it &again:"), "confirm", self.confirm)
        form.addRow("", self.change_button)
        form.addRow("", self.done)
        self.box.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(self.about)
        layout.addWidget(self.box)
        layout.addStretch()

        def look():
            own = accounts.get_own(session)
            names = {a.id: a.display_name for a in accounts.list_accounts(session)}
            return own, names
        op(self, look).success(lambda found: self._show(*found)).run()

    def _show(self, own, names) -> None:
        if own is None:
            self.about.setText(tr("You opened SV2 Desk with the recovery key. Use "
                                  "Administration to reset a staff password, then sign in as "
                                  "that person."))
            return
        self.about.setText(tr("You are signed in as {name} ({username}).\nRoles: {roles}.\n"
                              "Line manager: {manager}.").format(
            name=own.display_name, username=own.username, roles=role_names.describe(own.roles),
            manager=names.get(own.line_manager_id, tr("none set"))))
        self.box.setEnabled(True)

    def change_password(self) -> None:
        self.done.clear()
        if self.new.text() != self.confirm.text():
            self.errors.show({"confirm": tr("The two new passwords are different.")})
            return
        session, current, new = self._session, self.current.text(), self.new.text()

        def changed(_result) -> None:
            self.errors.clear()
            for edit in (self.current, self.new, self.confirm):
                edit.clear()
            self.done.done(tr("Your password has been changed."))
        op(self, lambda: accounts.change_own_password(session, current, new), key="change") \
            .success(changed).failure(self.errors.failed).run()
