"""Restoring a backup from Administration → Backups.

Choose the file, give the recovery key (or the password of someone who was an
administrator when it was made), and "Check the backup": the whole file is checked and
what it holds is shown, with nothing changed. Only then can it be restored; SV2 Desk
signs out first (a restore needs nobody to have the data open), the current data is set
aside, and the sign-in screen comes back, since the data changed underneath.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QLineEdit, QMessageBox,
                               QPushButton, QWidget)

from ... import errors
from ...services import auth, restore
from ..common.forms import NOTICE_STYLE, FieldErrors, MessageLine, password_edit, row
from ..shell.sign_in_window import plain_message


def describe_contents(c: restore.BackupContents) -> str:
    made = c.created_at.astimezone().strftime("%A %d %B %Y at %H:%M")
    lines = [f"This backup was made on {made}.",
             f"It holds {c.clients} clients, {c.cases} cases, {c.accounts} staff accounts "
             f"and {c.audit_entries} audit-trail entries.",
             f"Data version: {c.schema_revision or 'unknown'}"
             + (" (an earlier version: it is brought up to date as it is restored)."
                if c.needs_upgrade else " (this version).")]
    return "\n".join(lines)


class RestorePanel(QGroupBox):
    restored = Signal(object)        # restore.Restored

    def __init__(self, session, executor, relay, parent: QWidget | None = None):
        super().__init__("Restore a backup", parent)
        self._session = session
        self._executor = executor
        self._relay = relay
        self.contents: restore.BackupContents | None = None

        self.errors = FieldErrors()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("Choose a backup in the list above, or a file")
        self.path.setAccessibleName("Backup file to restore")
        self.path.setMinimumWidth(380)
        browse = QPushButton("Choose &file…")
        browse.clicked.connect(self.browse)
        self.recovery_key = password_edit("Recovery key from the time of the backup")
        self.username = QLineEdit()
        self.username.setAccessibleName("Or an administrator's username")
        self.password = password_edit("That administrator's password when the backup was made")
        self.username.setPlaceholderText("Username")
        self.password.setPlaceholderText("Password, as it was then")
        self.recovery_key.setPlaceholderText("The recovery key of the time the backup was made")
        self.check_button = QPushButton("Chec&k the backup")
        self.check_button.clicked.connect(self.check)
        self.restore_button = QPushButton("&Restore this backup…")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.summary = MessageLine("restore_contents", NOTICE_STYLE)
        self.summary.setAccessibleName("What the backup holds")
        self.message = MessageLine("restore_message")
        self.message.setAccessibleName("Restore message")
        self.working = MessageLine("restore_working", NOTICE_STYLE)

        form = QFormLayout(self)
        self.errors.add_row(form, "Backup &file:", "path", row(self.path, browse))
        self.errors.add_row(form, "Recovery &key:", "secret", self.recovery_key)
        form.addRow("Or administrator:", row(self.username, self.password))
        form.addRow("", row(self.check_button, self.restore_button))
        form.addRow("", self.summary)
        form.addRow("", self.message)
        form.addRow("", self.working)
        for edit in (self.recovery_key, self.username, self.password):
            edit.textEdited.connect(self._changed)

    def choose(self, path: Path) -> None:
        self.path.setText(str(path))
        self._changed()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a backup", self.path.text(),
                                              "SV2 Desk backups (*.sv2backup)")
        if path:
            self.choose(Path(path))

    def _changed(self) -> None:
        """Anything changed: check again before restoring."""
        self.contents = None
        self.restore_button.setEnabled(False)
        self.summary.clear()
        self.message.clear()

    def _secret(self) -> dict | None:
        if not self.path.text():
            self.errors.show({"path": "Choose the backup to restore."})
            return None
        key = self.recovery_key.text().strip()
        if key:
            return {"recovery_key": key}
        if self.username.text().strip() and self.password.text():
            return {"username": self.username.text().strip(), "password": self.password.text()}
        self.errors.show({"secret": "Type the recovery key, or an administrator's username "
                                    "and password as they were when the backup was made."})
        return None

    def _busy(self, busy: bool, text: str = "") -> None:
        self.check_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.contents is not None)
        self.working.setText(text)

    # -- check (reads only) --------------------------------------------------------------

    def check(self) -> None:
        self._changed()
        secret = self._secret()
        if secret is None:
            return
        self.errors.clear()
        self._busy(True, "Checking the whole backup. Nothing is changed…")
        path, relay = Path(self.path.text()), self._relay
        self._executor.submit(lambda: restore.inspect(path, progress=relay, **secret),
                              self._checked, self._failed)

    def _checked(self, contents: restore.BackupContents) -> None:
        self.contents = contents
        self._busy(False)
        self.summary.setText(describe_contents(contents) + "\n\nThe backup is whole. Nothing "
                             "has been changed yet.")
        self.restore_button.setEnabled(True)

    def _failed(self, exc) -> None:
        self._busy(False)
        if isinstance(exc, errors.ValidationError):
            self.message.clear()
            for field in self.errors.show(exc.fields):
                self.message.setText(exc.fields[field])
        else:
            self.message.setText(plain_message(exc))

    # -- restore -------------------------------------------------------------------------

    def confirm_restore(self) -> None:
        if self.contents is None:
            return
        answer = QMessageBox.question(
            self, "SV2 Desk — Restore this backup?",
            "Everyone must be signed out of SV2 Desk on every PC first.\n\nSV2 Desk will sign "
            "you out, set the current data aside (renamed, not deleted) and put this backup in "
            "its place. Staff then sign in with the passwords they had when it was made.\n\n"
            "Restore it now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.start_restore()

    def start_restore(self) -> None:
        secret = self._secret()
        if secret is None or self.contents is None:
            return
        self._busy(True, "Restoring. Please wait: SV2 Desk signs out when it is done…")
        session, relay = self._session, self._relay
        path, folder = self.contents.path, Path(session.workspace.folder)

        def work():
            auth.sign_out(session)   # a restore needs nobody to have the data open
            return restore.restore(path, folder, progress=relay, **secret)

        self._executor.submit(work, self.restored.emit, self._restore_failed)

    def _restore_failed(self, exc) -> None:
        self._failed(exc)
        self.restored.emit(exc)   # signed out either way: back to the sign-in screen
