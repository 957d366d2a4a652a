"""The office server's address fields, the same wherever they are asked for (moving this
PC's data onto the server, a PC joining it): the server's name or address, port, database,
the owner's role and password (used once, never kept) and its CA certificate file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFormLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from ... import errors
from ...services import office_server
from .field_errors import FieldErrors
from .fields import password_edit
from .layout import row
from .text import tr


class ServerAddressFields:
    """The fields, added to a form's rows with their error lines (``add_to``)."""

    def __init__(self, errors_: FieldErrors, parent: QWidget):
        self.errors = errors_
        self._parent = parent
        self.host = QLineEdit()
        self.host.setAccessibleName(tr("Server's name or address"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.port.setAccessibleName(tr("Port"))
        self.database = QLineEdit("sv2desk")
        self.database.setAccessibleName(tr("Database name"))
        self.owner = QLineEdit("postgres")
        self.owner.setAccessibleName(tr("Server owner's role"))
        self.owner_password = password_edit(tr("Server owner's password"))
        self.ca_file = QLineEdit()
        self.ca_file.setReadOnly(True)
        self.ca_file.setPlaceholderText(tr("No certificate chosen"))
        self.ca_file.setAccessibleName(tr("Server's CA certificate"))
        self.choose_button = QPushButton(tr("C&hoose certificate…"))
        self.choose_button.clicked.connect(self.choose_certificate)

    def add_to(self, form: QFormLayout, *, before_certificate=None) -> None:
        """The rows, in order; ``before_certificate`` (a widget) goes just above the
        certificate's row."""
        self.errors.add_row(form, tr("Server's &name or address:"), "host", self.host)
        form.addRow(tr("&Port:"), self.port)
        self.errors.add_row(form, tr("&Database name:"), "database", self.database)
        self.errors.add_row(form, tr("Server &owner's role:"), "owner", self.owner)
        self.errors.add_row(form, tr("Owner's pass&word:"), "owner_password",
                            self.owner_password)
        if before_certificate is not None:
            form.addRow("", before_certificate)
        self.errors.add_row(form, tr("CA &certificate:"), "ca",
                            row(self.ca_file, self.choose_button))

    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._parent, tr("The server's CA certificate"),
                                              "", tr("Certificates (*.pem *.crt)"))
        if path:
            self._parent.set_certificate(path)

    def read_certificate(self, path) -> str | None:
        """Take the certificate file at ``path``: its fingerprint, or None with the reason
        said under the field. (Reading one small file: quick enough for the UI thread.)"""
        self.ca_file.setText(str(path))
        try:
            fingerprint = office_server.fingerprint_of(Path(path))
        except errors.SV2Error as exc:
            self.errors.show({"ca": exc.message})
            return None
        self.errors.show({})
        return fingerprint

    def problems(self) -> dict[str, str]:
        """What is missing, in the field's own words."""
        p = {}
        for field, widget, text in (
                ("host", self.host, tr("Enter the server's name or address.")),
                ("database", self.database, tr("Enter the database name from the sheet.")),
                ("owner", self.owner, tr("Enter the server owner's role."))):
            if not widget.text().strip():
                p[field] = text
        if not self.owner_password.text():
            p["owner_password"] = tr("Enter the owner's password.")
        if not self.ca_file.text():
            p["ca"] = tr("Choose the server's CA certificate.")
        return p

    def owner_login(self) -> office_server.OwnerLogin:
        return office_server.OwnerLogin(self.host.text().strip(), self.port.value(),
                                        self.owner.text().strip(), self.owner_password.text(),
                                        Path(self.ca_file.text()))

    def database_name(self) -> str:
        return self.database.text().strip()
