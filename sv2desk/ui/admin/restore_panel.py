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

from ...services import auth, restore
from ..common.field_errors import FieldErrors
from ..common.fields import password_edit
from ..common.layout import row
from ..common.messages import DONE_STYLE, NOTICE_STYLE, MessageLine
from ..common.operation import op
from ..common.text import tr


def describe_contents(c: restore.BackupContents) -> str:
    made = c.created_at.astimezone().strftime("%A %d %B %Y at %H:%M")
    lines = [tr("This backup was made on {made}.").format(made=made),
             tr("It holds {clients} clients, {cases} cases, {accounts} staff accounts and "
                "{entries} audit-trail entries.").format(
                 clients=c.clients, cases=c.cases, accounts=c.accounts,
                 entries=c.audit_entries),
             tr("Data version: {version}").format(version=c.schema_revision or tr("unknown"))
             + (tr(" (an earlier version: it is brought up to date as it is restored).")
                if c.needs_upgrade else tr(" (this version)."))]
    return "\n".join(lines)


class RestorePanel(QGroupBox):
    restored = Signal(object)        # restore.Restored

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Restore a backup"), parent)
        self._session = session
        self.contents: restore.BackupContents | None = None

        self.message = MessageLine("restore_message")
        self.message.setAccessibleName(tr("Restore message"))
        self.errors = FieldErrors(self.message)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setFrame(False)      # chosen, not typed: it does not look like a box
        self.path.setPlaceholderText(tr("Choose a backup in the list above, or a file"))
        self.path.setAccessibleName(tr("Backup file to restore"))
        self.path.setMinimumWidth(380)
        browse = QPushButton(tr("Choose &file…"))
        browse.clicked.connect(self.browse)
        self.recovery_key = password_edit(tr("Recovery key from the time of the backup"))
        self.username = QLineEdit()
        self.username.setAccessibleName(tr("Or an administrator's username"))
        self.password = password_edit(tr("That administrator's password when the backup was "
                                         "made"))
        self.username.setPlaceholderText(tr("Username"))
        self.password.setPlaceholderText(tr("Password, as it was then"))
        self.recovery_key.setPlaceholderText(tr("The recovery key of the time the backup was "
                                                "made"))
        self.check_button = QPushButton(tr("Chec&k the backup"))
        self.check_button.clicked.connect(self.check)
        self.restore_button = QPushButton(tr("&Restore this backup…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.summary = MessageLine("restore_contents", DONE_STYLE)
        self.summary.setAccessibleName(tr("What the backup holds"))
        self.working = MessageLine("restore_working", NOTICE_STYLE)

        form = QFormLayout(self)
        self.errors.add_row(form, tr("Backup &file:"), "path", row(self.path, browse))
        self.errors.add_row(form, tr("Recovery &key:"), "secret", self.recovery_key)
        form.addRow(tr("Or administrator:"), row(self.username, self.password))
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
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose a backup"), self.path.text(),
                                              tr("SV2 Desk backups (*.sv2backup)"))
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
            self.errors.show({"path": tr("Choose the backup to restore.")})
            return None
        key = self.recovery_key.text().strip()
        if key:
            return {"recovery_key": key}
        if self.username.text().strip() and self.password.text():
            return {"username": self.username.text().strip(), "password": self.password.text()}
        self.errors.show({"secret": tr("Type the recovery key, or an administrator's username "
                                       "and password as they were when the backup was made.")})
        return None

    def _busy(self, busy: bool, text: str = "") -> None:
        self.check_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.contents is not None)
        self.working.setText(text)

    # -- check (reads only) --------------------------------------------------------------

    def check(self) -> None:
        """Check the whole backup on the database thread, with its progress; nothing is
        changed."""
        self._changed()
        secret = self._secret()
        if secret is None:
            return
        self.errors.clear()
        self._busy(True, tr("Checking the whole backup. Nothing is changed…"))
        path = Path(self.path.text())
        op(self, lambda report: restore.inspect(path, progress=report, **secret),
           progress=tr("Checking the backup…"), key="check") \
            .shown_in(self).success(self._checked).failure(self._failed).run()

    # the operation shows how far it has got in the working line
    def set_progress(self, fraction: float, message: str = "") -> None:
        self.working.setText(tr("{step} ({percent}%)").format(
            step=message or tr("Working"), percent=round(100 * max(0.0, min(1.0, fraction)))))

    def finish(self) -> None:
        self.working.clear()

    def _checked(self, contents: restore.BackupContents) -> None:
        self.contents = contents
        self._busy(False)
        self.summary.setText(describe_contents(contents) + "\n\n" + tr(
            "The backup is whole. Nothing has been changed yet."))
        self.restore_button.setEnabled(True)

    def _failed(self, exc) -> None:
        self._busy(False)
        self.errors.failed(exc)

    # -- restore -------------------------------------------------------------------------

    def confirm_restore(self) -> None:
        if self.contents is None:
            return
        answer = QMessageBox.question(
            self, tr("SV2 Desk — Restore this backup?"),
            tr("Everyone must be signed out of SV2 Desk on every PC first.\n\nSV2 Desk will "
               "sign you out, set the current data aside (renamed, not deleted) and put this "
               "backup in its place. Staff then sign in with the passwords they had when it "
               "was made.\n\nRestore it now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.start_restore()

    def start_restore(self) -> None:
        secret = self._secret()
        if secret is None or self.contents is None:
            return
        self._busy(True, tr("Restoring. Please wait: SV2 Desk signs out when it is done…"))
        session = self._session
        path, folder = self.contents.path, Path(session.workspace.folder)

        def work(report):
            auth.sign_out(session)   # a restore needs nobody to have the data open
            return restore.restore(path, folder, progress=report, **secret)

        op(self, work, progress=tr("Restoring the backup…"), key="restore") \
            .shown_in(self).success(self.restored.emit).failure(self._restore_failed).run()

    def _restore_failed(self, exc) -> None:
        self._failed(exc)
        self.restored.emit(exc)   # signed out either way: back to the sign-in screen
