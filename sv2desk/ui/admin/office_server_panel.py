"""Administration, Office server: where this PC's data is and, on one PC, moving it onto
the office server in one step (the owner's password used for that and forgotten)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ... import errors
from ...services import office_server
from ..common.field_errors import FieldErrors
from ..common.fields import password_edit
from ..common.layout import row
from ..common.messages import ALERT_STYLE, MessageLine
from ..common.operation import op

NOTICE = "background: #e6f2e6; padding: 8px; border-radius: 4px;"


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class OfficeServerTab(QWidget):
    """Emits ``moved(message)`` once the data is on the server (everyone signs in again)."""

    moved = Signal(str)

    def __init__(self, session, executor=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.errors = FieldErrors()
        self.info = office_server.status(session)
        layout = QVBoxLayout(self)
        self.message = MessageLine("server_message", ALERT_STYLE)
        if self.info.on_server:
            layout.addWidget(self._where_box())
        else:
            layout.addWidget(_plain(
                "This data is in one encrypted file on this PC. A centre with several PCs can "
                "keep it on an office server (PostgreSQL) instead, so that everyone works on "
                "one caseload. Set the server up first (see the guide, docs/office-server.md); "
                "then move the data here, in one step. The file on this PC is kept until you "
                "remove it."))
            layout.addWidget(self._move_box())
        layout.addWidget(self.message)
        layout.addStretch(1)

    # -- on the server ------------------------------------------------------------------

    def _where_box(self) -> QGroupBox:
        box = QGroupBox("This data is on the office server")
        form = QFormLayout(box)
        info = self.info
        for label, value in (("Server:", f"{info.host}, port {info.port}"),
                             ("Database:", info.database), ("This PC's login:", info.login),
                             ("Certificate fingerprint:", info.fingerprint)):
            shown = QLabel(value)
            shown.setObjectName(f"server_{label.rstrip(':').lower().replace(' ', '_')}")
            form.addRow(label, shown)
        form.addRow("", _plain(
            "The connection is encrypted and checked against the certificate pinned when this "
            "PC was enrolled. This PC's password for the server is kept in its keyring only. "
            "Concern details, notes, safeguarding details, letters and drafts are encrypted "
            "on this PC before they reach the server. Other PCs' changes show here within "
            "seconds."))
        return box

    # -- moving onto the server ------------------------------------------------------------

    def _move_box(self) -> QGroupBox:
        box = QGroupBox("Move this data to the office server")
        form = QFormLayout(box)
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
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("server_fingerprint_to_check")
        self.fingerprint.setWordWrap(True)
        self.errors.add_row(form, "Server's &name or address:", "host", self.host)
        form.addRow("&Port:", self.port)
        self.errors.add_row(form, "&Database name:", "database", self.database)
        self.errors.add_row(form, "Server &owner's role:", "owner", self.owner)
        self.errors.add_row(form, "Owner's pass&word:", "owner_password", self.owner_password)
        form.addRow("", _plain("Used for the move only, and never kept."))
        self.errors.add_row(form, "CA &certificate:", "ca", row(self.ca_file, choose))
        form.addRow("", self.fingerprint)
        self.move_button = QPushButton("&Move to the office server")
        self.move_button.clicked.connect(self.move)
        form.addRow("", self.move_button)
        if self.info.keyring_problem:
            self.move_button.setEnabled(False)
            self.message.setText(self.info.keyring_problem)
        return box

    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "The server's CA certificate", "",
                                              "Certificates (*.pem *.crt)")
        if path:
            self.set_certificate(path)

    def set_certificate(self, path) -> bool:
        self.ca_file.setText(str(path))
        try:
            fingerprint = office_server.fingerprint_of(Path(path))
        except errors.SV2Error as exc:
            self.fingerprint.clear()
            self.errors.show({"ca": exc.message})
            return False
        self.errors.show({})
        self.fingerprint.setText("Check that this is the fingerprint on the server's set-up "
                                 f"sheet: {fingerprint}")
        return True

    def _problems(self) -> dict[str, str]:
        p = {}
        if not self.host.text().strip():
            p["host"] = "Enter the server's name or address."
        if not self.owner.text().strip():
            p["owner"] = "Enter the server owner's role."
        if not self.owner_password.text():
            p["owner_password"] = "Enter the owner's password."
        if not self.ca_file.text():
            p["ca"] = "Choose the server's CA certificate."
        return p

    def move(self) -> None:
        problems = self._problems()
        self.errors.show(problems)
        if problems:
            return
        owner = office_server.OwnerLogin(self.host.text().strip(), self.port.value(),
                           self.owner.text().strip(), self.owner_password.text(),
                           Path(self.ca_file.text()))
        database = self.database.text().strip()
        self.move_button.setEnabled(False)
        self.message.setText("Moving the data to the office server… (this can take a few "
                             "minutes for a large caseload)")
        session = self._session
        op(self, lambda: office_server.move_to_server(session, owner, database), key="move") \
            .success(self._moved).failure(self._refused).run()

    def _moved(self, report) -> None:
        self.owner_password.clear()
        text = ("The data is now on the office server, checked row by row, with its audit "
                "trail whole. The file that was on this PC is kept in "
                f"{report.kept_at.name} in the data folder until you remove it. Everyone "
                "signs in again, with the same passwords.")
        self.message.setText(text)
        self.moved.emit(text)

    def _refused(self, exc) -> None:
        self.move_button.setEnabled(True)
        if isinstance(exc, errors.ValidationError):
            self.errors.show(exc.fields)
            self.message.clear()
            return
        self.message.setText(exc.message if isinstance(exc, errors.SV2Error) else
                             errors.SV2Error.message)
