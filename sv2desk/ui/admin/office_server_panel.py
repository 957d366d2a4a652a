"""Administration, Office server: where this PC's data is and, on one PC, moving it onto
the office server in one step (the owner's password used for that and forgotten).

What the panel shows is read through an operation when it is built (the status asks the
PC's keyring, which can take a tenth of a second): until then it says it is looking."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ... import errors
from ...services import office_server
from ..common.field_errors import FieldErrors
from ..common.messages import ALERT_STYLE, MessageLine, plain_message
from ..common.operation import op
from ..common.server_fields import ServerAddressFields
from ..common.text import tr

NOTICE = "background: #e6f2e6; padding: 8px; border-radius: 4px;"


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class OfficeServerPanel(QWidget):
    """Emits ``moved(message)`` once the data is on the server (everyone signs in again),
    and ``status_shown`` once it shows what it read."""

    moved = Signal(str)
    status_shown = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.errors = FieldErrors()
        self.info = None
        self.move_button: QPushButton | None = None
        self._layout = QVBoxLayout(self)
        self.message = MessageLine("server_message", ALERT_STYLE)
        self.looking = _plain(tr("Looking at where this data is kept…"))
        self._layout.addWidget(self.looking)
        self._layout.addWidget(self.message)
        self._layout.addStretch(1)
        op(self, lambda: office_server.status(session)).success(self._show_status) \
            .failure(lambda exc: self.looking.setText(plain_message(exc))).run()

    def _show_status(self, info) -> None:
        self.info = info
        self.looking.hide()
        at = self._layout.indexOf(self.message)
        if info.on_server:
            self._layout.insertWidget(at, self._where_box())
        else:
            self._layout.insertWidget(at, _plain(tr(
                "This data is in one encrypted file on this PC. A centre with several PCs can "
                "keep it on an office server (PostgreSQL) instead, so that everyone works on "
                "one caseload. Set the server up first (see the guide, docs/office-server.md); "
                "then move the data here, in one step. The file on this PC is kept until you "
                "remove it.")))
            self._layout.insertWidget(at + 1, self._move_box())
        self.status_shown.emit()

    # -- on the server ------------------------------------------------------------------

    def _where_box(self) -> QGroupBox:
        box = QGroupBox(tr("This data is on the office server"))
        form = QFormLayout(box)
        info = self.info
        for name, label, value in (
                ("server", tr("Server:"), tr("{host}, port {port}").format(host=info.host,
                                                                           port=info.port)),
                ("database", tr("Database:"), info.database),
                ("this_pc's_login", tr("This PC's login:"), info.login),
                ("certificate_fingerprint", tr("Certificate fingerprint:"), info.fingerprint)):
            shown = QLabel(value)
            shown.setObjectName(f"server_{name}")
            form.addRow(label, shown)
        form.addRow("", _plain(tr(
            "The connection is encrypted and checked against the certificate pinned when this "
            "PC was enrolled. This PC's password for the server is kept in its keyring only. "
            "Concern details, notes, safeguarding details, letters and drafts are encrypted "
            "on this PC before they reach the server. Other PCs' changes show here within "
            "seconds.")))
        return box

    # -- moving onto the server ------------------------------------------------------------

    def _move_box(self) -> QGroupBox:
        box = QGroupBox(tr("Move this data to the office server"))
        form = QFormLayout(box)
        self.fields = ServerAddressFields(self.errors, self)
        for name in ("host", "port", "database", "owner", "owner_password", "ca_file"):
            setattr(self, name, getattr(self.fields, name))
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("server_fingerprint_to_check")
        self.fingerprint.setWordWrap(True)
        self.fields.add_to(form, before_certificate=_plain(tr("Used for the move only, and "
                                                              "never kept.")))
        form.addRow("", self.fingerprint)
        self.move_button = QPushButton(tr("&Move to the office server"))
        self.move_button.clicked.connect(self.move)
        form.addRow("", self.move_button)
        if self.info.keyring_problem:
            self.move_button.setEnabled(False)
            self.message.setText(self.info.keyring_problem)
        return box

    def set_certificate(self, path) -> bool:
        fingerprint = self.fields.read_certificate(path)
        if fingerprint is None:
            self.fingerprint.clear()
            return False
        self.fingerprint.setText(tr("Check that this is the fingerprint on the server's "
                                    "set-up sheet: {fingerprint}").format(
                                        fingerprint=fingerprint))
        return True

    def move(self) -> None:
        problems = self.fields.problems()
        self.errors.show(problems)
        if problems:
            return
        owner, database = self.fields.owner_login(), self.fields.database_name()
        self.move_button.setEnabled(False)
        self.message.setText(tr("Moving the data to the office server… (this can take a few "
                                "minutes for a large caseload)"))
        session = self._session
        op(self, lambda: office_server.move_to_server(session, owner, database),
           key="move") \
            .success(self._moved).failure(self._refused).run()

    def _moved(self, report) -> None:
        self.owner_password.clear()
        text = tr("The data is now on the office server, checked row by row, with its audit "
                  "trail whole. The file that was on this PC is kept in {name} in the data "
                  "folder until you remove it. Everyone signs in again, with the same "
                  "passwords.").format(name=report.kept_at.name)
        self.message.setText(text)
        self.moved.emit(text)

    def _refused(self, exc) -> None:
        self.move_button.setEnabled(True)
        if isinstance(exc, errors.ValidationError):
            self.errors.show(exc.fields)
            self.message.clear()
            return
        self.message.setText(plain_message(exc))


OfficeServerTab = OfficeServerPanel     # the name it had when it was written
