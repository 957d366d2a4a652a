"""First run on a PC joining the office server: the server's address, its CA certificate
with the fingerprint from the server's set-up sheet typed in to compare, and the owner's
password used once to make this PC's own login (kept in this PC's keyring, never in a file;
refused with the reason where the PC has no keyring)."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ... import errors
from ...services import office_server
from ..common.field_errors import FieldErrors
from ..common.messages import ALERT_STYLE, MessageLine, plain_message
from ..common.operation import op
from ..common.server_fields import ServerAddressFields
from ..common.text import tr


class EnrolDialog(QDialog):
    """Emits ``enrolled()`` once this PC can sign in to the office server. Whether this PC
    has a keyring is asked through an operation (the Join button waits for the answer)."""

    enrolled = Signal()
    keyring_checked = Signal()

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("SV2 Desk — Join the office server"))
        self._folder = Path(folder)
        self.errors = FieldErrors()
        self.message = MessageLine("enrol_message", ALERT_STYLE)
        intro = QLabel(tr("Your administrator set up the office server and has its set-up "
                          "sheet: the server's address, the database name, the CA certificate "
                          "file and its fingerprint. The owner's password is used once, to "
                          "give this PC its own login, and never kept."))
        intro.setWordWrap(True)
        self.fields = ServerAddressFields(self.errors, self)
        for name in ("host", "port", "database", "owner", "owner_password", "ca_file"):
            setattr(self, name, getattr(self.fields, name))
        self.fingerprint = QLineEdit()
        self.fingerprint.setAccessibleName(tr("Fingerprint from the set-up sheet"))
        self.pc_name = QLineEdit(platform.node()[:40])
        self.pc_name.setAccessibleName(tr("This PC's name"))
        form = QFormLayout()
        self.fields.add_to(form)
        self.errors.add_row(form, tr("&Fingerprint on the sheet:"), "fingerprint",
                            self.fingerprint)
        self.errors.add_row(form, tr("This PC's na&me:"), "pc_name", self.pc_name)
        self.join_button = QPushButton(tr("&Join the office server"))
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self.join)
        self.join_button.setEnabled(False)       # until the keyring has been asked about
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.join_button)
        layout.addStretch()
        op(self, office_server.keyring_problem).success(self._keyring_answered) \
            .failure(lambda exc: self._keyring_answered(plain_message(exc))).run()

    def _keyring_answered(self, problem: str | None) -> None:
        self.join_button.setEnabled(not problem)
        if problem:
            self.message.setText(problem)
        self.keyring_checked.emit()

    def set_certificate(self, path) -> bool:
        return self.fields.read_certificate(path) is not None

    def _problems(self) -> dict[str, str]:
        p = self.fields.problems()
        if not self.fingerprint.text().strip():
            p["fingerprint"] = tr("Type the fingerprint from the set-up sheet.")
        if not self.pc_name.text().strip():
            p["pc_name"] = tr('Give this PC a name (for example "Front desk").')
        return p

    def join(self) -> None:
        problems = self._problems()
        self.errors.show(problems)
        if problems:
            return
        owner, database = self.fields.owner_login(), self.fields.database_name()
        fingerprint = self.fingerprint.text().strip()
        pc_name, folder = self.pc_name.text().strip(), self._folder
        self.join_button.setEnabled(False)
        self.message.setText(tr("Joining the office server…"))
        op(self, lambda: office_server.enrol_pc(folder, owner, database, fingerprint,
                                                pc_name=pc_name), key="join") \
            .success(self._joined).failure(self._refused).run()

    def _joined(self, _address) -> None:
        self.owner_password.clear()
        self.message.clear()
        self.enrolled.emit()
        self.accept()

    def _refused(self, exc) -> None:
        self.owner_password.clear()
        self.join_button.setEnabled(True)
        if isinstance(exc, errors.ValidationError):
            self.errors.show(exc.fields)
            self.message.clear()
            return
        if isinstance(exc, errors.ServerCertificateChanged):   # before connecting to anything
            self.errors.show({"fingerprint": tr(
                "This is not the fingerprint of the certificate chosen. Check the set-up "
                "sheet and the file, then try again.")})
            self.message.setText(tr("Nothing was changed: the certificate was not the "
                                    "server's."))
            return
        self.message.setText(plain_message(exc))
