"""First run: organisation details, the first administrator, where the data lives,
then the recovery key, shown once, which must be stored safely before finishing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget, QWizard, QWizardPage)

from .. import errors, paths
from ..letters import recovery_sheet
from ..policy import signin as signin_policy
from ..services import exports, settings, setup
from ..services.workspace_files import binding_unavailable_reason, workspace_exists
from .forms import ERROR_STYLE, FieldErrors, StrengthMeter, password_edit
from .pdf_preview import PdfPreviewDialog
from .tasks import DatabaseExecutor

def logo_as_png_base64(path: str) -> str:
    """The PNG or JPEG at ``path``, checked and re-encoded as PNG by the settings service
    (base64); raises ValueError, in plain words, for anything else."""
    with open(path, "rb") as handle:
        data = handle.read(settings.MAX_LOGO_BYTES + 1)
    try:
        return settings.logo_png(data)
    except errors.ValidationError as exc:
        raise ValueError(exc.fields["logo"]) from None


class OrganisationPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle("Your organisation")
        self.setSubTitle("These details go at the top of letters. You can change them later "
                         "in Administration.")
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(70)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.charity_number = QLineEdit()
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("Optional")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose a logo file")
        browse.clicked.connect(self._choose_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo)
        row.addWidget(browse)
        self.logo.setAccessibleName("Logo file")
        form = QFormLayout(self)
        self.errors.add_row(form, "Organisation &name:", "name", self.name)
        self.errors.add_row(form, "&Address:", "address", self.address)
        self.errors.add_row(form, "&Phone:", "phone", self.phone)
        self.errors.add_row(form, "&Email:", "email", self.email)
        self.errors.add_row(form, "&Charity number:", "charity_number", self.charity_number)
        self.errors.add_row(form, "&Logo (optional):", "logo", logo_row)
        self._logo_png = ""

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "",
                                              "Pictures (*.png *.jpg *.jpeg)")
        if path:
            self.logo.setText(path)

    def organisation(self) -> settings.Organisation:
        return settings.Organisation(
            name=self.name.text().strip(), address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(), email=self.email.text().strip(),
            charity_number=self.charity_number.text().strip(), logo_png=self._logo_png)

    def validatePage(self) -> bool:
        problems = {}
        self._logo_png = ""
        if self.logo.text().strip():
            try:
                self._logo_png = logo_as_png_base64(self.logo.text().strip())
            except (OSError, ValueError) as exc:
                problems["logo"] = (str(exc) if isinstance(exc, ValueError)
                                    else "That logo file could not be read.")
        try:
            settings.validate_organisation(self.organisation())
        except errors.ValidationError as exc:
            problems.update(exc.fields)
        self.errors.show(problems)
        return not problems


class AdminPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle("The first administrator")
        self.setSubTitle("This person can add staff accounts and change settings. Choose a "
                         "password nobody else knows.")
        self.errors = FieldErrors()
        self.display_name = QLineEdit()
        self.username = QLineEdit()
        self.password = password_edit("Password")
        self.confirm = password_edit("Type the password again")
        self.meter = StrengthMeter(self.password)
        form = QFormLayout(self)
        self.errors.add_row(form, "Full &name:", "display_name", self.display_name)
        self.errors.add_row(form, "&Username:", "username", self.username)
        self.errors.add_row(form, "&Password:", "password", self.password)
        form.addRow("", self.meter)
        self.errors.add_row(form, "Type it &again:", "confirm", self.confirm)

    def validatePage(self) -> bool:
        problems = {}
        if not self.display_name.text().strip():
            problems["display_name"] = "Enter the administrator's name."
        username = self.username.text().strip()
        if not username:
            problems["username"] = "Enter a username."
        elif any(ch.isspace() for ch in username):
            problems["username"] = "A username is one word, with no spaces."
        problem = signin_policy.password_problem(self.password.text())
        if problem:
            problems["password"] = problem
        elif self.confirm.text() != self.password.text():
            problems["confirm"] = "The two passwords are different. Type them again."
        self.errors.show(problems)
        return not problems


class LocationPage(QWizardPage):
    def __init__(self, default_folder: Path):
        super().__init__()
        self.setTitle("Where the data lives")
        self.setSubTitle("SV2 Desk keeps everything in one encrypted folder on this PC.")
        self.errors = FieldErrors()
        self.folder = QLineEdit(str(default_folder))
        browse = QPushButton("B&rowse…")
        browse.setAccessibleName("Choose the data folder")
        browse.clicked.connect(self._choose)
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder)
        row.addWidget(browse)
        self.folder.setAccessibleName("Data folder")
        self.bind = QCheckBox("&Bind the data to this PC (recommended for a single office PC)")
        self.bind_reason = QLabel()
        self.bind_reason.setWordWrap(True)
        reason = binding_unavailable_reason()
        if reason:
            self.bind.setEnabled(False)
            self.bind_reason.setText("Not available here: " + reason)
        else:
            self.bind.setChecked(True)
            self.bind_reason.setText("Staff passwords will then only open the data on this "
                                     "PC. The recovery key still opens it anywhere.")
        form = QFormLayout(self)
        self.errors.add_row(form, "&Folder:", "folder", row_widget)
        form.addRow("", self.bind)
        form.addRow("", self.bind_reason)

    def _choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choose the data folder")
        if path:
            self.folder.setText(path)

    def validatePage(self) -> bool:
        text = self.folder.text().strip()
        problem = None
        if not text:
            problem = "Choose a folder."
        else:
            folder = Path(text)
            if workspace_exists(folder):
                problem = "SV2 Desk data already exists there. Choose an empty folder."
            elif folder.exists() and not folder.is_dir():
                problem = "That is a file, not a folder."
        self.errors.show({"folder": problem} if problem else {})
        return problem is None


class CreatingPage(QWizardPage):
    """Creates the workspace in the background, with a busy indicator."""

    def __init__(self, wizard: "SetupWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Setting up")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Next >")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Working")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addStretch()
        self._done = False

    def initializePage(self) -> None:
        self._done = False
        self.status.setText("Setting up the encrypted data. This takes a few seconds…")
        self.busy.show()
        self._wizard.start_creating()

    def finished_ok(self) -> None:
        self._done = True
        self.busy.hide()
        self.status.setText("Done. Press Next to see your recovery key.")
        self.completeChanged.emit()

    def failed(self, message: str) -> None:
        self.busy.hide()
        self.status.setText(message + "\n\nPress Back to change the details.")

    def isComplete(self) -> bool:
        return self._done


class RecoveryPage(QWizardPage):
    def __init__(self, wizard: "SetupWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Your recovery key")
        self.setSubTitle("This key opens the data if every password is forgotten. It is shown "
                         "only now: print the recovery sheet or write it down, and keep it "
                         "locked away.")
        self.key = QLabel()
        self.key.setObjectName("recovery_key")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("Monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSize(16)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setAccessibleName("Recovery key")
        self.print_button = QPushButton("&Print the recovery sheet…")
        self.print_button.clicked.connect(self._wizard.show_recovery_sheet)
        self.confirmed = QCheckBox("I have &stored the recovery key safely")
        self.confirmed.toggled.connect(self.completeChanged)
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        layout.addWidget(self.confirmed)
        layout.addWidget(self.reminder)

    def initializePage(self) -> None:
        self.key.setText(self._wizard.recovery_key)

    def isComplete(self) -> bool:
        return self.confirmed.isChecked()


class SetupWizard(QWizard):
    """Emits ``completed(session)`` once the recovery key is confirmed stored."""

    completed = Signal(object)
    creation_finished = Signal(bool)
    join_requested = Signal()      # this PC joins an office server instead (enrol_dialog.py)

    def __init__(self, executor: DatabaseExecutor, default_folder: Path | None = None,
                 kdf=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("SV2 Desk — Set up")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(640, 520)
        self._executor = executor
        self._kdf = kdf
        self.session = None
        self.recovery_key = ""
        self.organisation_page = OrganisationPage()
        self.admin_page = AdminPage()
        self.location_page = LocationPage(default_folder or paths.default_workspace())
        self.creating_page = CreatingPage(self)
        self.recovery_page = RecoveryPage(self)
        for page in (self.organisation_page, self.admin_page, self.location_page,
                     self.creating_page, self.recovery_page):
            self.addPage(page)
        # On the first page only: a PC at a centre whose data is on the office server.
        self.setButtonText(QWizard.WizardButton.CustomButton1, "&Join the office server…")
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.join_button = self.button(QWizard.WizardButton.CustomButton1)
        self.join_button.clicked.connect(self.join_requested)
        self.currentIdChanged.connect(
            lambda page_id: self.join_button.setVisible(page_id == self.startId()))

    def start_creating(self) -> None:
        org = self.organisation_page.organisation()
        admin = self.admin_page
        folder = Path(self.location_page.folder.text().strip())
        bind = self.location_page.bind.isChecked()
        username, name = admin.username.text().strip(), admin.display_name.text().strip()
        password = admin.password.text()
        kdf = self._kdf
        self._executor.submit(
            lambda: setup.create_workspace(folder, organisation=org, admin_username=username,
                                           admin_display_name=name, admin_password=password,
                                           bind_to_pc=bind, kdf=kdf),
            self._created, self._creation_failed)

    def _created(self, new) -> None:
        self.session = new.session
        self.recovery_key = new.recovery_key
        self.admin_page.password.clear()
        self.admin_page.confirm.clear()
        self.creating_page.finished_ok()
        self.creation_finished.emit(True)

    def _creation_failed(self, exc) -> None:
        message = exc.message if isinstance(exc, errors.SV2Error) else (
            "The data could not be set up there. Check the folder can be written to, "
            "and try again.")
        self.creating_page.failed(message)
        self.creation_finished.emit(False)

    def recovery_sheet_pdf(self) -> bytes:
        return recovery_sheet.render(self.recovery_key,
                                     self.organisation_page.organisation().name,
                                     self.session.workspace.slots.workspace_id)

    def show_recovery_sheet(self) -> None:
        session = self.session
        dialog = PdfPreviewDialog(
            self.recovery_sheet_pdf(), "Recovery sheet",
            suggested_name="SV2 Desk recovery sheet.pdf",
            on_printed=lambda: exports.record_print(session, "recovery_sheet"),
            on_saved=lambda: exports.record_saved_copy(session, "recovery_sheet"),
            parent=self)
        dialog.exec()

    def reject(self) -> None:
        if self.session is not None:
            self.recovery_page.reminder.setText(
                "The data has been set up. Store the recovery key safely and tick the box "
                "to confirm before finishing.")
            return
        super().reject()

    def accept(self) -> None:
        if not self.recovery_page.isComplete():
            return
        self.recovery_key = ""
        self.recovery_page.key.clear()
        super().accept()
        self.completed.emit(self.session)
