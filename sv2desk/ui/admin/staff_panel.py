"""Administration → Staff accounts: add one, turn one off, reset a password, roles and line
manager. Passwords are checked by strength as they are typed (Strong for a manager or an
administrator) and set on the database thread (a real key derivation)."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ...policy import roles as role_names, signin as signin_policy
from ...services import accounts
from ..common.field_errors import FieldErrors
from ..common.fields import StrengthMeter, line_edit, password_edit
from ..common.layout import flow, row
from ..common.messages import ALERT_STYLE, MessageLine, notice
from ..common.operation import ACCOUNTS, Changes, Desk, op
from ..common.tables import fill, read_only_table
from ..common.text import tr

NEW_ACCOUNT_FORM = "admin.new_account"
COLUMNS = (QT_TR_NOOP("Name"), QT_TR_NOOP("Username"), QT_TR_NOOP("Roles"),
           QT_TR_NOOP("Line manager"), QT_TR_NOOP("Status"))


def _role_boxes(prefix: str) -> dict[str, QCheckBox]:
    boxes = {}
    for role in role_names.ALL_ROLES:
        box = QCheckBox(tr(role_names.LABELS[role]))
        box.setObjectName(f"{prefix}_{role}")
        boxes[role] = box
    return boxes


class StaffPanel(QWidget):
    COLUMNS = COLUMNS

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._accounts: list[accounts.StaffAccount] = []
        self._select_after: int | None = None

        self.table = read_only_table([tr(c) for c in COLUMNS], tr("Staff accounts"))
        self.table.itemSelectionChanged.connect(self._selected)

        # new account form (kept as a draft if SV2 Desk locks)
        self.create_message = MessageLine("create_message")
        self.new_errors = FieldErrors(self.create_message)
        self.new_name = line_edit("account", "display_name")
        self.new_username = line_edit("account", "username")
        self.new_password = password_edit(tr("New account's password"))
        self.new_confirm = password_edit(tr("Type the new account's password again"))
        self.new_roles = _role_boxes("new_role")
        self.new_roles[role_names.SUPPORT_WORKER].setChecked(True)
        self.new_meter = StrengthMeter(self.new_password, user_inputs=lambda: (
            self.new_username.text(), self.new_name.text()))
        for box in self.new_roles.values():
            box.toggled.connect(self._new_roles_changed)
        self.new_manager = QComboBox()
        self.new_manager.setAccessibleName(tr("New account's line manager"))
        self.create_button = QPushButton(tr("&Add account"))
        self.create_button.clicked.connect(self.create_account)
        new_box = QGroupBox(tr("Add a staff account"))
        form = QFormLayout(new_box)
        self.new_errors.add_row(form, tr("Full &name:"), "display_name", self.new_name)
        self.new_errors.add_row(form, tr("&Username:"), "username", self.new_username)
        self.new_errors.add_row(form, tr("&Password:"), "password", self.new_password)
        form.addRow("", self.new_meter)
        self.new_errors.add_row(form, tr("Type it a&gain:"), "confirm", self.new_confirm)
        self.new_errors.add_row(form, tr("Roles:"), "roles", flow(*self.new_roles.values()))
        self.new_errors.add_row(form, tr("&Line manager:"), "line_manager", self.new_manager)
        form.addRow("", self.create_button)
        form.addRow("", self.create_message)

        # the selected account
        self.edit_message = MessageLine("edit_message")
        self.edit_errors = FieldErrors(self.edit_message)
        self.edit_box = QGroupBox(tr("The selected account"))
        self.edit_roles = _role_boxes("edit_role")
        self.edit_manager = QComboBox()
        self.edit_manager.setAccessibleName(tr("Selected account's line manager"))
        self.save_button = QPushButton(tr("Save &roles and line manager"))
        self.save_button.clicked.connect(self.save_selected)
        self.reset_password = password_edit(tr("Reset password to"))
        self.reset_meter = StrengthMeter(self.reset_password)
        self.reset_button = QPushButton(tr("Reset &password"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.disable_button = QPushButton(tr("&Turn this account off"))
        self.disable_button.clicked.connect(self.disable_selected)
        eform = QFormLayout(self.edit_box)
        self.edit_errors.add_row(eform, tr("Roles:"), "roles", flow(*self.edit_roles.values()))
        self.edit_errors.add_row(eform, tr("Line &manager:"), "line_manager",
                                 self.edit_manager)
        eform.addRow("", self.save_button)
        self.edit_errors.add_row(eform, tr("New pass&word:"), "new_password",
                                 self.reset_password)
        eform.addRow("", self.reset_meter)
        eform.addRow("", self.reset_button)
        self.edit_errors.add_row(eform, "", "account", self.disable_button)
        eform.addRow("", self.edit_message)
        self.edit_box.setEnabled(False)

        right_panel = QWidget()
        right_panel.setMaximumWidth(520)
        right = QVBoxLayout(right_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(new_box)
        right.addWidget(self.edit_box)
        right.addStretch()
        # Line managers who cannot countersign (turned off, or not managers): to put right.
        self.line_manager_problems = notice(ALERT_STYLE, "line_manager_problems")
        left = QVBoxLayout()
        left.addWidget(self.line_manager_problems)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(right_panel)
        Desk.current().changed.connect(self._changed)
        self.refresh()

    def _new_roles_changed(self) -> None:
        self.new_meter.set_strong(signin_policy.needs_strong_password(self._new_roles()))

    def _new_roles(self) -> set[str]:
        return {r for r, box in self.new_roles.items() if box.isChecked()}

    def _changed(self, changes: Changes) -> None:
        if changes.touches(ACCOUNTS):
            self.refresh(self._select_after)

    # -- data ----------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """The accounts and any line-manager problems, read on the database thread."""
        session = self._session
        if select_id is None and self.selected() is not None:
            select_id = self.selected().id

        def look():
            return (accounts.list_accounts(session, include_inactive=True),
                    accounts.list_line_manager_problems(session))
        op(self, look).success(lambda found: self._listed(*found, select_id)).run()

    def _listed(self, found, problems, select_id) -> None:
        self._select_after = None
        self._accounts = list(found)
        names = {a.id: a.display_name for a in self._accounts}
        self.table.blockSignals(True)
        fill(self.table, [(a.display_name, a.username, role_names.describe(a.roles),
                           names.get(a.line_manager_id, ""),
                           tr("Active") if a.active else tr("Turned off"))
                          for a in self._accounts], data=lambda n: self._accounts[n].id)
        self.table.blockSignals(False)
        self.line_manager_problems.setText("\n".join(
            f"{names.get(account_id, account_id)}: {problem}" for account_id, problem in problems))
        self.line_manager_problems.setVisible(bool(problems))
        # A line manager countersigns concerns, so only active managers are offered.
        active = [a for a in self._accounts if a.active and role_names.MANAGER in a.roles]
        for box in (self.new_manager, self.edit_manager):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("No line manager"), None)
            for a in active:
                box.addItem(a.display_name, a.id)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        row_number = next((n for n, a in enumerate(self._accounts) if a.id == select_id), None)
        if row_number is not None:
            self.table.selectRow(row_number)
        self._selected(keep_message=True)

    def selected(self) -> accounts.StaffAccount | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        account_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((a for a in self._accounts if a.id == account_id), None)

    def _selected(self, keep_message: bool = False) -> None:
        account = self.selected()
        if keep_message:
            self.edit_errors.clear_fields()
        else:
            self.edit_errors.clear()
        self.edit_box.setEnabled(account is not None and account.active)
        if account is None:
            self.edit_box.setTitle(tr("The selected account"))
            return
        self.edit_box.setTitle(tr("The selected account: {name}").format(
            name=account.display_name))
        for role, box in self.edit_roles.items():
            box.setChecked(role in account.roles)
        self.edit_manager.setCurrentIndex(max(0, self.edit_manager.findData(
            account.line_manager_id)))
        self.reset_meter.set_strong(signin_policy.needs_strong_password(account.roles))

    # -- actions ----------------------------------------------------------------------------

    def create_account(self) -> None:
        self.create_message.clear()
        if self.new_password.text() != self.new_confirm.text():
            self.new_errors.show({"confirm": tr("The two passwords are different.")})
            return
        session = self._session
        username, name = self.new_username.text(), self.new_name.text()
        password, roles = self.new_password.text(), self._new_roles()
        manager = self.new_manager.currentData()
        op(self, lambda: accounts.create_account(session, username, name, password, roles,
                                                 manager),
           progress=None, key="create").success(self._created) \
            .failure(self.new_errors.failed).changes(ACCOUNTS).run()

    def _created(self, created) -> None:
        self.new_errors.clear()
        self.clear_new_form()
        self._select_after = created.id
        self.create_message.done(tr("Account {username} added. They can sign in now.")
                                 .format(username=created.username))

    def clear_new_form(self) -> None:
        """Empty, as for the first account: the roles back to Support worker alone."""
        for edit in (self.new_name, self.new_username, self.new_password, self.new_confirm):
            edit.clear()
        for role, box in self.new_roles.items():
            box.setChecked(role == role_names.SUPPORT_WORKER)
        self.new_manager.setCurrentIndex(0)

    def save_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        session, roles = self._session, {r for r, b in self.edit_roles.items() if b.isChecked()}
        manager = self.edit_manager.currentData()

        def save():
            # Refused, saying who and what, if someone else changed the account since it
            # was listed here (the typing stays; the list shows theirs once refreshed).
            changed = accounts.set_roles(session, account.id, roles, opened=account)
            accounts.set_line_manager(session, account.id, manager, opened=changed)

        def saved(_result) -> None:
            self._select_after = account.id
            self.edit_message.done(tr("Saved."))
        op(self, save, key="save").success(saved).failure(self.edit_errors.failed) \
            .changes(ACCOUNTS).run()

    def reset_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        session, password = self._session, self.reset_password.text()

        def reset(_result) -> None:
            self.reset_password.clear()
            self.edit_errors.clear()
            self.edit_message.done(tr("Password reset. Give it to the person privately."))
        op(self, lambda: accounts.reset_password(session, account.id, password),
           key="reset").success(reset).failure(self.edit_errors.failed).run()

    def disable_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(
            self, "SV2 Desk", tr("Turn off the account for {name}? They will no longer be "
                                 "able to sign in.").format(name=account.display_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        session = self._session

        def disabled(_result) -> None:
            self._select_after = account.id
            self.edit_message.done(tr("The account is turned off."))
        op(self, lambda: accounts.disable_account(session, account.id), key="disable") \
            .success(disabled).failure(self.edit_errors.failed).changes(ACCOUNTS).run()

    # -- drafts ------------------------------------------------------------------------------

    def draft(self) -> dict | None:
        """What was typed in the new-account form (never the password)."""
        values = {"display_name": self.new_name.text(), "username": self.new_username.text(),
                  "roles": sorted(self._new_roles()),
                  "line_manager_id": self.new_manager.currentData()}
        if not values["display_name"].strip() and not values["username"].strip():
            return None
        return values

    def restore(self, values: dict) -> None:
        self.new_name.setText(str(values.get("display_name") or ""))
        self.new_username.setText(str(values.get("username") or ""))
        for role, box in self.new_roles.items():
            box.setChecked(role in (values.get("roles") or []))
        index = self.new_manager.findData(values.get("line_manager_id"))
        self.new_manager.setCurrentIndex(max(0, index))
        self.new_password.setFocus()
