"""First run on a PC joining the office server: the server's address, its CA certificate
with the fingerprint from the server's set-up sheet typed in to compare, and the owner's
password used once to make this PC's own login (kept in this PC's keyring, never in a file;
refused with the reason where the PC has no keyring)."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout)

from ... import errors
from ...services import office_server
from ..common.field_errors import FieldErrors
from ..common.fields import password_edit
from ..common.layout import row
from ..common.messages import ALERT_STYLE, MessageLine
from ..common.operation import op


class EnrolDialog(QDialog):
    """Emits ``enrolled()`` once this PC can sign in to the office server."""

    enrolled = Signal()

    def __init__(self, executor, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("SV2 Desk — Join the office server")
        self._executor = executor
        self._folder = Path(folder)
        self.errors = FieldErrors()
        self.message = MessageLine("enrol_message", ALERT_STYLE)
        intro = QLabel("Your administrator set up the office server and has its set-up sheet: "
                       "the server's address, the database name, the CA certificate file and "
                       "its fingerprint. The owner's password is used once, to give this PC "
                       "its own login, and never kept.")
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setAccessibleName("Server's name or address")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.port.setAccessibleName("Port")
        self.database = QLineEdit("sv2desk")
        self.database.setAccessibleName("Database name")
        self.owner = QLineEdit("postgres")
        self.owner.setAccessibleName("Server owner's role")
        self.owner_password = password_edit("Server owner's password")
        self.ca_file = QLineEdit()
        self.ca_file.setReadOnly(True)
        self.ca_file.setPlaceholderText("No certificate chosen")
        self.ca_file.setAccessibleName("Server's CA certificate")
        choose = QPushButton("C&hoose certificate…")
        choose.clicked.connect(self.choose_certificate)
        self.fingerprint = QLineEdit()
        self.fingerprint.setAccessibleName("Fingerprint from the set-up sheet")
        self.pc_name = QLineEdit(platform.node()[:40])
        self.pc_name.setAccessibleName("This PC's name")
        form = QFormLayout()
        self.errors.add_row(form, "Server's &name or address:", "host", self.host)
        form.addRow("&Port:", self.port)
        self.errors.add_row(form, "&Database name:", "database", self.database)
        self.errors.add_row(form, "Server &owner's role:", "owner", self.owner)
        self.errors.add_row(form, "Owner's pass&word:", "owner_password", self.owner_password)
        self.errors.add_row(form, "CA &certificate:", "ca", row(self.ca_file, choose))
        self.errors.add_row(form, "&Fingerprint on the sheet:", "fingerprint", self.fingerprint)
        self.errors.add_row(form, "This PC's na&me:", "pc_name", self.pc_name)
        self.join_button = QPushButton("&Join the office server")
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self.join)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.join_button)
        layout.addStretch()
        problem = office_server.keyring_problem()
        if problem:
            self.join_button.setEnabled(False)
            self.message.setText(problem)

    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "The server's CA certificate", "",
                                              "Certificates (*.pem *.crt)")
        if path:
            self.set_certificate(path)

    def set_certificate(self, path) -> bool:
        self.ca_file.setText(str(path))
        try:
            office_server.fingerprint_of(Path(path))
        except errors.SV2Error as exc:
            self.errors.show({"ca": exc.message})
            return False
        self.errors.show({})
        return True

    def _problems(self) -> dict[str, str]:
        p = {}
        for field, widget, text in (
                ("host", self.host, "Enter the server's name or address."),
                ("database", self.database, "Enter the database name from the sheet."),
                ("owner", self.owner, "Enter the server owner's role."),
                ("fingerprint", self.fingerprint, "Type the fingerprint from the set-up sheet."),
                ("pc_name", self.pc_name, "Give this PC a name (for example \"Front desk\").")):
            if not widget.text().strip():
                p[field] = text
        if not self.owner_password.text():
            p["owner_password"] = "Enter the owner's password."
        if not self.ca_file.text():
            p["ca"] = "Choose the server's CA certificate."
        return p

    def join(self) -> None:
        problems = self._problems()
        self.errors.show(problems)
        if problems:
            return
        owner = office_server.OwnerLogin(self.host.text().strip(), self.port.value(),
                                         self.owner.text().strip(), self.owner_password.text(),
                                         Path(self.ca_file.text()))
        database, fingerprint = self.database.text().strip(), self.fingerprint.text().strip()
        pc_name, folder = self.pc_name.text().strip(), self._folder
        self.join_button.setEnabled(False)
        self.message.setText("Joining the office server…")
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
            self.errors.show({"fingerprint": "This is not the fingerprint of the certificate "
                                             "chosen. Check the set-up sheet and the file, then "
                                             "try again."})
            self.message.setText("Nothing was changed: the certificate was not the server's.")
            return
        self.message.setText(exc.message if isinstance(exc, errors.SV2Error) else
                             errors.SV2Error.message)
