"""Administration: staff accounts (add, turn off, reset password, roles, line manager)
and settings (idle lock time, organisation details and letterhead logo)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QSpinBox, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from .. import errors
from ..policy import roles as role_names
from ..services import accounts, settings
from .forms import (ALERT_STYLE, FieldErrors, StrengthMeter, heading, notice, password_edit,
                    read_only_table, row)
from .setup_wizard import logo_as_png_base64

NEW_ACCOUNT_FORM = "admin.new_account"


def _role_boxes(prefix: str) -> dict[str, QCheckBox]:
    boxes = {}
    for role in role_names.ALL_ROLES:
        box = QCheckBox(role_names.LABELS[role])
        box.setObjectName(f"{prefix}_{role}")
        boxes[role] = box
    return boxes


class StaffTab(QWidget):
    COLUMNS = ("Name", "Username", "Roles", "Line manager", "Status")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._accounts: list[accounts.StaffAccount] = []

        self.table = read_only_table(self.COLUMNS, "Staff accounts")
        self.table.itemSelectionChanged.connect(self._selected)

        # new account form (kept as a draft if SV2 Desk locks)
        self.new_errors = FieldErrors()
        self.new_name = QLineEdit()
        self.new_username = QLineEdit()
        self.new_password = password_edit("New account's password")
        self.new_confirm = password_edit("Type the new account's password again")
        self.new_meter = StrengthMeter(self.new_password)
        self.new_roles = _role_boxes("new_role")
        self.new_roles[role_names.SUPPORT_WORKER].setChecked(True)
        self.new_manager = QComboBox()
        self.new_manager.setAccessibleName("New account's line manager")
        self.create_button = QPushButton("&Add account")
        self.create_button.clicked.connect(self.create_account)
        self.create_message = QLabel()
        self.create_message.setObjectName("create_message")
        new_box = QGroupBox("Add a staff account")
        form = QFormLayout(new_box)
        self.new_errors.add_row(form, "Full &name:", "display_name", self.new_name)
        self.new_errors.add_row(form, "&Username:", "username", self.new_username)
        self.new_errors.add_row(form, "&Password:", "password", self.new_password)
        form.addRow("", self.new_meter)
        self.new_errors.add_row(form, "Type it a&gain:", "confirm", self.new_confirm)
        self.new_errors.add_row(form, "Roles:", "roles", row(*self.new_roles.values()))
        self.new_errors.add_row(form, "&Line manager:", "line_manager", self.new_manager)
        form.addRow("", self.create_button)
        form.addRow("", self.create_message)

        # the selected account
        self.edit_errors = FieldErrors()
        self.edit_box = QGroupBox("The selected account")
        self.edit_roles = _role_boxes("edit_role")
        self.edit_manager = QComboBox()
        self.edit_manager.setAccessibleName("Selected account's line manager")
        self.save_button = QPushButton("Save &roles and line manager")
        self.save_button.clicked.connect(self.save_selected)
        self.reset_password = password_edit("Reset password to")
        self.reset_button = QPushButton("Reset &password")
        self.reset_button.clicked.connect(self.reset_selected)
        self.disable_button = QPushButton("&Turn this account off")
        self.disable_button.clicked.connect(self.disable_selected)
        self.edit_message = QLabel()
        self.edit_message.setObjectName("edit_message")
        eform = QFormLayout(self.edit_box)
        self.edit_errors.add_row(eform, "Roles:", "roles", row(*self.edit_roles.values()))
        self.edit_errors.add_row(eform, "Line &manager:", "line_manager", self.edit_manager)
        eform.addRow("", self.save_button)
        self.edit_errors.add_row(eform, "New pass&word:", "new_password", self.reset_password)
        eform.addRow("", self.reset_button)
        self.edit_errors.add_row(eform, "", "account", self.disable_button)
        eform.addRow("", self.edit_message)
        self.edit_box.setEnabled(False)

        right_panel = QWidget()
        right_panel.setMaximumWidth(470)
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
        self.refresh()

    # -- data ----------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        self._accounts = accounts.list_accounts(self._session, include_inactive=True)
        names = {a.id: a.display_name for a in self._accounts}
        self.table.setRowCount(len(self._accounts))
        for row, a in enumerate(self._accounts):
            values = (a.display_name, a.username, role_names.describe(a.roles),
                      names.get(a.line_manager_id, ""), "Active" if a.active else "Turned off")
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(row, col, item)
            if a.id == select_id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        problems = accounts.list_line_manager_problems(self._session)
        self.line_manager_problems.setText("\n".join(
            f"{names.get(account_id, account_id)}: {problem}" for account_id, problem in problems))
        self.line_manager_problems.setVisible(bool(problems))
        # A line manager countersigns concerns, so only active managers are offered.
        active = [a for a in self._accounts if a.active and role_names.MANAGER in a.roles]
        for combo in (self.new_manager, self.edit_manager):
            current = combo.currentData()
            combo.clear()
            combo.addItem("No line manager", None)
            for a in active:
                combo.addItem(a.display_name, a.id)
            index = combo.findData(current)
            combo.setCurrentIndex(max(0, index))

    def selected(self) -> accounts.StaffAccount | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        account_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((a for a in self._accounts if a.id == account_id), None)

    def _selected(self) -> None:
        account = self.selected()
        self.edit_errors.clear()
        self.edit_message.clear()
        self.edit_box.setEnabled(account is not None and account.active)
        if account is None:
            return
        self.edit_box.setTitle(f"The selected account: {account.display_name}")
        for role, box in self.edit_roles.items():
            box.setChecked(role in account.roles)
        self.edit_manager.setCurrentIndex(max(0, self.edit_manager.findData(
            account.line_manager_id)))

    # -- actions ----------------------------------------------------------------------------

    def create_account(self) -> None:
        self.create_message.clear()
        if self.new_password.text() != self.new_confirm.text():
            self.new_errors.show({"confirm": "The two passwords are different."})
            return
        roles = {r for r, box in self.new_roles.items() if box.isChecked()}
        try:
            created = accounts.create_account(
                self._session, self.new_username.text(), self.new_name.text(),
                self.new_password.text(), roles, self.new_manager.currentData())
        except errors.ValidationError as exc:
            self.new_errors.show(exc.fields)
            return
        self.new_errors.clear()
        self.clear_new_form()
        self.create_message.setText(f"Account {created.username} added. They can sign in now.")
        self.refresh(select_id=created.id)

    def clear_new_form(self) -> None:
        for edit in (self.new_name, self.new_username, self.new_password, self.new_confirm):
            edit.clear()

    def save_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        roles = {r for r, box in self.edit_roles.items() if box.isChecked()}
        try:
            accounts.set_roles(self._session, account.id, roles)
            accounts.set_line_manager(self._session, account.id, self.edit_manager.currentData())
        except errors.ValidationError as exc:
            self.edit_errors.show(exc.fields)
            return
        self.refresh(select_id=account.id)
        self.edit_message.setText("Saved.")

    def reset_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        try:
            accounts.reset_password(self._session, account.id, self.reset_password.text())
        except errors.ValidationError as exc:
            self.edit_errors.show(exc.fields)
            return
        self.reset_password.clear()
        self.edit_errors.clear()
        self.edit_message.setText("Password reset. Give it to the person privately.")

    def disable_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(
            self, "SV2 Desk", f"Turn off the account for {account.display_name}? They will "
            "no longer be able to sign in.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            accounts.disable_account(self._session, account.id)
        except errors.ValidationError as exc:
            self.edit_errors.show(exc.fields)
            return
        self.refresh(select_id=account.id)
        self.edit_message.setText("The account is turned off.")

    # -- drafts ------------------------------------------------------------------------------

    def draft(self) -> dict | None:
        """What was typed in the new-account form (never the password)."""
        values = {"display_name": self.new_name.text(), "username": self.new_username.text(),
                  "roles": sorted(r for r, b in self.new_roles.items() if b.isChecked()),
                  "line_manager_id": self.new_manager.currentData()}
        if not values["display_name"].strip() and not values["username"].strip():
            return None
        return values

    def restore(self, values: dict) -> None:
        self.new_name.setText(values.get("display_name", ""))
        self.new_username.setText(values.get("username", ""))
        for role, box in self.new_roles.items():
            box.setChecked(role in values.get("roles", []))
        index = self.new_manager.findData(values.get("line_manager_id"))
        self.new_manager.setCurrentIndex(max(0, index))
        self.new_password.setFocus()


class SettingsTab(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        current = settings.read(session)
        org = current.organisation
        self.errors = FieldErrors()
        self.idle = QSpinBox()
        self.idle.setRange(1, 60)
        self.idle.setSuffix(" minutes")
        self.idle.setValue(current.idle_lock_minutes)
        self.name = QLineEdit(org.name)
        self.address = QPlainTextEdit(org.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(70)
        self.phone = QLineEdit(org.phone)
        self.email = QLineEdit(org.email)
        self.charity_number = QLineEdit(org.charity_number)
        self._logo_png = org.logo_png
        self.logo_state = QLabel("A logo is set." if org.logo_png else "No logo.")
        choose = QPushButton("Choose &logo…")
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton("Re&move logo")
        remove.clicked.connect(self._remove_logo)
        self.save_button = QPushButton("&Save settings")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("settings_message")
        form = QFormLayout(self)
        self.errors.add_row(form, "Lock after &idle for:", "idle_lock_minutes", self.idle)
        self.errors.add_row(form, "Organisation &name:", "name", self.name)
        self.errors.add_row(form, "&Address:", "address", self.address)
        self.errors.add_row(form, "&Phone:", "phone", self.phone)
        self.errors.add_row(form, "&Email:", "email", self.email)
        self.errors.add_row(form, "&Charity number:", "charity_number", self.charity_number)
        self.errors.add_row(form, "Letterhead logo:", "logo", row(self.logo_state, choose, remove))
        form.addRow("", self.save_button)
        form.addRow("", self.message)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "",
                                              "Pictures (*.png *.jpg *.jpeg)")
        if not path:
            return
        try:
            self._logo_png = logo_as_png_base64(path)
        except (OSError, ValueError) as exc:
            self.errors.show({"logo": str(exc) if isinstance(exc, ValueError)
                              else "That logo file could not be read."})
            return
        self.logo_state.setText("A new logo is chosen (press Save).")

    def _remove_logo(self) -> None:
        self._logo_png = ""
        self.logo_state.setText("No logo (press Save).")

    def save(self) -> None:
        org = settings.Organisation(
            name=self.name.text().strip(), address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(), email=self.email.text().strip(),
            charity_number=self.charity_number.text().strip(), logo_png=self._logo_png)
        try:
            settings.update(self._session, organisation=org,
                            idle_lock_minutes=self.idle.value())
        except errors.ValidationError as exc:
            self.errors.show(exc.fields)
            self.message.clear()
            return
        self.errors.clear()
        self.message.setText("Settings saved.")
        window = self.window()
        if hasattr(window, "settings_changed"):
            window.settings_changed.emit()


class AdminPage(QWidget):
    title = "Administration"

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.staff = StaffTab(session)
        self.settings = SettingsTab(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.staff, "&Staff accounts")
        self.tabs.addTab(self.settings, "Se&ttings")
        from .backup_tab import BackupTab
        self.backups = BackupTab(session)
        self.tabs.addTab(self.backups, "&Backups")
        from .office_server_tab import OfficeServerTab
        self.office_server = OfficeServerTab(session)
        self.office_server.moved.connect(self._moved_to_server)
        self.tabs.addTab(self.office_server, "&Office server")
        self._session = session
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(self.tabs)

    def _moved_to_server(self, message: str) -> None:
        """The data moved: this session's file is closed, so everyone signs in again."""
        if self._session.on_access_ended is not None:
            self._session.on_access_ended(message)

    def drafts(self) -> list[tuple[str, dict]]:
        values = self.staff.draft()
        return [(NEW_ACCOUNT_FORM, values)] if values else []

    def restore_draft(self, form: str, values: dict) -> bool:
        if form != NEW_ACCOUNT_FORM:
            return False
        self.tabs.setCurrentWidget(self.staff)
        self.staff.restore(values)
        return True
