"""First run: organisation details, the first administrator, where the data lives, then the
recovery key, shown once, which must be stored safely before finishing.

Once the data is being set up there is no going back to change the details (the data
exists), and the window cannot be closed until the recovery key is confirmed stored: the
person is told why. If SV2 Desk stops before that, administrators are reminded at sign-in
that the key was never confirmed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget, QWizard, QWizardPage)

from ... import errors, paths
from ...policy import signin as signin_policy, validation
from ...services.before_sign_in import binding_unavailable_reason, workspace_exists
from ..common.field_errors import FieldErrors
from ..common.fields import StrengthMeter, line_edit, note_edit, password_edit
from ..common.messages import ERROR_STYLE, words
from ..common.operation import op
from ..common.text import tr

MAX_LOGO_BYTES = 2 * 1024 * 1024


def logo_as_png_base64(path: str) -> str:
    """The PNG or JPEG at ``path``, checked and re-encoded as PNG by the settings service
    (base64); raises ValueError, in plain words, for anything else. (Run it in an
    operation: decoding a large picture takes a while.)"""
    from ...services import settings
    with open(path, "rb") as handle:
        data = handle.read(settings.MAX_LOGO_BYTES + 1)
    try:
        return settings.logo_png(data)
    except errors.ValidationError as exc:
        raise ValueError(exc.fields["logo"]) from None


class OrganisationStep(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Your organisation"))
        self.setSubTitle(tr("These details go at the top of letters. You can change them "
                            "later in Administration."))
        self.errors = FieldErrors()
        self.name = line_edit("organisation", "name")
        self.address = note_edit(tr("Address"), 4, form="organisation", field="address")
        self.phone = line_edit("organisation", "phone")
        self.email = line_edit("organisation", "email")
        self.charity_number = line_edit("organisation", "charity_number")
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(tr("Optional"))
        self.logo.setAccessibleName(tr("Logo file"))
        browse = QPushButton(tr("&Browse…"))
        browse.setAccessibleName(tr("Choose a logo file"))
        browse.clicked.connect(self._choose_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo)
        row.addWidget(browse)
        form = QFormLayout(self)
        self.errors.add_row(form, tr("Organisation &name:"), "name", self.name)
        self.errors.add_row(form, tr("&Address:"), "address", self.address)
        self.errors.add_row(form, tr("&Phone:"), "phone", self.phone)
        self.errors.add_row(form, tr("&Email:"), "email", self.email)
        self.errors.add_row(form, tr("&Charity number:"), "charity_number",
                            self.charity_number)
        self.errors.add_row(form, tr("&Logo (optional):"), "logo", logo_row)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose a logo"), "",
                                              tr("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.logo.setText(path)

    def organisation(self, logo_png: str = ""):
        from ...services import settings
        return settings.Organisation(
            name=self.name.text().strip(), address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(), email=self.email.text().strip(),
            charity_number=self.charity_number.text().strip(), logo_png=logo_png)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        from ...services import settings
        problems = {}
        logo = self.logo.text().strip()
        if logo:
            path = Path(logo)
            if not path.is_file():
                problems["logo"] = tr("That logo file could not be found. Choose it again, "
                                      "or leave the box empty.")
            elif path.stat().st_size > MAX_LOGO_BYTES:
                problems["logo"] = tr("That picture is over 2 MB. Choose a smaller PNG or "
                                      "JPEG.")
        try:
            settings.validate_organisation(self.organisation())
        except errors.ValidationError as exc:
            problems.update(exc.fields)
        self.errors.show(problems)
        return not problems


class AdministratorStep(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("The first administrator"))
        self.setSubTitle(tr("This person can add staff accounts and change settings. Choose "
                            "a password nobody else knows: it must be rated Strong."))
        self.errors = FieldErrors()
        self.display_name = line_edit("account", "display_name")
        self.username = line_edit("account", "username")
        self.password = password_edit(tr("Password"))
        self.confirm = password_edit(tr("Type the password again"))
        self.meter = StrengthMeter(self.password, strong=True, user_inputs=self._about_them)
        form = QFormLayout(self)
        self.errors.add_row(form, tr("Full &name:"), "display_name", self.display_name)
        self.errors.add_row(form, tr("&Username:"), "username", self.username)
        self.errors.add_row(form, tr("&Password:"), "password", self.password)
        form.addRow("", self.meter)
        self.errors.add_row(form, tr("Type it &again:"), "confirm", self.confirm)

    def _about_them(self) -> tuple[str, ...]:
        return self.username.text(), self.display_name.text()

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        problems = {}
        if not validation.visible(self.display_name.text()):
            problems["display_name"] = tr("Enter the administrator's name.")
        username = self.username.text().strip()
        if not username:
            problems["username"] = tr("Enter a username.")
        elif any(ch.isspace() for ch in username):
            problems["username"] = tr("A username is one word, with no spaces.")
        problem = signin_policy.password_problem(self.password.text(), strong=True,
                                                 user_inputs=self._about_them())
        if problem:
            problems["password"] = problem
        elif self.confirm.text() != self.password.text():
            problems["confirm"] = tr("The two passwords are different. Type them again.")
        self.errors.show(problems)
        return not problems


class LocationStep(QWizardPage):
    def __init__(self, default_folder: Path):
        super().__init__()
        self.setTitle(tr("Where the data lives"))
        self.setSubTitle(tr("SV2 Desk keeps everything in one encrypted folder on this PC. "
                            "Pressing Set up creates it: the details cannot be changed here "
                            "after that."))
        # Once the data is made there is no going back to change these details.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("&Set up"))
        self.errors = FieldErrors()
        self.folder = QLineEdit(str(default_folder))
        self.folder.setAccessibleName(tr("Data folder"))
        browse = QPushButton(tr("B&rowse…"))
        browse.setAccessibleName(tr("Choose the data folder"))
        browse.clicked.connect(self._choose)
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder)
        row.addWidget(browse)
        self.bind = QCheckBox(tr("&Bind the data to this PC (recommended for a single office "
                                 "PC)"))
        self.bind_reason = words()
        reason = binding_unavailable_reason()
        if reason:
            self.bind.setEnabled(False)
            self.bind_reason.setText(tr("Not available here: {reason}").format(reason=reason))
        else:
            self.bind.setChecked(True)
            self.bind_reason.setText(tr("Staff passwords will then only open the data on "
                                        "this PC. The recovery key still opens it anywhere."))
        form = QFormLayout(self)
        self.errors.add_row(form, tr("&Folder:"), "folder", row_widget)
        form.addRow("", self.bind)
        form.addRow("", self.bind_reason)

    def _choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Choose the data folder"))
        if path:
            self.folder.setText(path)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        text = self.folder.text().strip()
        problem = None
        if not text:
            problem = tr("Choose a folder.")
        else:
            folder = Path(text)
            if workspace_exists(folder):
                problem = tr("SV2 Desk data already exists there. Choose an empty folder.")
            elif folder.exists() and not folder.is_dir():
                problem = tr("That is a file, not a folder.")
        self.errors.show({"folder": problem} if problem else {})
        return problem is None


class CreatingStep(QWizardPage):
    """Creates the workspace in the background, with a busy indicator. After the commit
    page there is no Back; if setting up fails nothing was made, and "Change the details"
    goes back to the start with everything typed kept."""

    def __init__(self, wizard: "SetupWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Setting up"))
        self.status = words()
        self.status.setObjectName("setup_status")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(tr("Working"))
        self.change_button = QPushButton(tr("&Change the details"))
        self.change_button.clicked.connect(wizard.restart)
        self.change_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        self._done = False

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self._done = False
        self.change_button.hide()
        self.status.setStyleSheet("")
        self.status.setText(tr("Setting up the encrypted data. This takes a few seconds…"))
        self.busy.show()
        self._wizard.start_creating()

    def finished_ok(self) -> None:
        self._done = True
        self.busy.hide()
        self.status.setText(tr("Done. Press Next to see your recovery key."))
        self.completeChanged.emit()

    def failed(self, message: str) -> None:
        self.busy.hide()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message + "\n\n" + tr("Nothing was set up. Press Change the "
                                                   "details to put it right."))
        self.change_button.show()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self._done


class RecoveryStep(QWizardPage):
    def __init__(self, wizard: "SetupWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Your recovery key"))
        self.setSubTitle(tr("This key opens the data if every password is forgotten. It is "
                            "shown only now: print the recovery sheet or write it down, and "
                            "keep it locked away."))
        self.key = QLabel()
        self.key.setObjectName("recovery_key")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("Monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSize(16)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setWordWrap(True)
        self.key.setAccessibleName(tr("Recovery key"))
        self.print_button = QPushButton(tr("&Print the recovery sheet…"))
        self.print_button.clicked.connect(self._wizard.show_recovery_sheet)
        self.confirmed = QCheckBox(tr("I have &stored the recovery key safely"))
        self.confirmed.toggled.connect(self.completeChanged)
        self.confirmed.toggled.connect(lambda _: self.reminder.clear())
        self.reminder = words()
        self.reminder.setObjectName("recovery_reminder")
        self.reminder.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        layout.addWidget(self.confirmed)
        layout.addWidget(self.reminder)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.key.setText(self._wizard.recovery_key)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.confirmed.isChecked()


class SetupWizard(QWizard):
    """Emits ``completed(session)`` once the recovery key is confirmed stored."""

    completed = Signal(object)
    creation_finished = Signal(bool)
    join_requested = Signal()      # this PC joins an office server instead (enrol_dialog.py)

    def __init__(self, default_folder: Path | None = None, kdf=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("SV2 Desk — Set up"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(700, 580)
        self._kdf = kdf
        self.session = None
        self.recovery_key = ""
        self.preview = None
        self.reminder_box = None
        self.organisation_page = OrganisationStep()
        self.admin_page = AdministratorStep()
        self.location_page = LocationStep(default_folder or paths.default_workspace())
        self.creating_page = CreatingStep(self)
        self.recovery_page = RecoveryStep(self)
        for page in (self.organisation_page, self.admin_page, self.location_page,
                     self.creating_page, self.recovery_page):
            self.addPage(page)
        # On the first page only: a PC at a centre whose data is on the office server.
        self.setButtonText(QWizard.WizardButton.CustomButton1, tr("&Join the office server…"))
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.join_button = self.button(QWizard.WizardButton.CustomButton1)
        self.join_button.clicked.connect(self.join_requested)
        self.currentIdChanged.connect(
            lambda page_id: self.join_button.setVisible(page_id == self.startId()))

    def start_creating(self) -> None:
        organisation = self.organisation_page
        logo = organisation.logo.text().strip()
        admin = self.admin_page
        folder = Path(self.location_page.folder.text().strip())
        bind = self.location_page.bind.isChecked()
        username, name = admin.username.text().strip(), admin.display_name.text().strip()
        password = admin.password.text()
        kdf = self._kdf

        def create():
            from ...services import setup
            try:
                logo_png = logo_as_png_base64(logo) if logo else ""
            except OSError:
                raise errors.ValidationError({"logo": tr("That logo file could not be "
                                                         "read.")}) from None
            except ValueError as exc:
                raise errors.ValidationError({"logo": str(exc)}) from None
            return setup.create_workspace(
                folder, organisation=organisation.organisation(logo_png),
                admin_username=username, admin_display_name=name, admin_password=password,
                bind_to_pc=bind, kdf=kdf, recovery_key_stored=False)
        op(self, create).success(self._created).failure(self._creation_failed).run()

    def _created(self, new) -> None:
        self.session = new.session
        self.recovery_key = new.recovery_key
        self.admin_page.password.clear()
        self.admin_page.confirm.clear()
        self.creating_page.finished_ok()
        self.creation_finished.emit(True)

    def _creation_failed(self, exc) -> None:
        if isinstance(exc, errors.ValidationError):
            message = " ".join(exc.fields.values())
        elif isinstance(exc, errors.SV2Error):
            message = exc.message
        else:
            message = tr("The data could not be set up there. Check the folder can be "
                         "written to, and try again.")
        self.creating_page.failed(message)
        self.creation_finished.emit(False)

    def show_recovery_sheet(self) -> None:
        """The recovery sheet, made on the database thread, previewed from memory."""
        from ...letters import recovery_sheet
        from ...services import exports
        from ..common.pdf_preview_dialog import PdfPreviewDialog
        session, key = self.session, self.recovery_key
        name = self.organisation_page.organisation().name

        def shown(pdf: bytes) -> None:
            self.preview = PdfPreviewDialog(
                pdf, tr("Recovery sheet"), suggested_name="SV2 Desk recovery sheet.pdf",
                on_printed=lambda: op(self, lambda: exports.record_print(
                    session, "recovery_sheet")).run(),
                on_saved=lambda: op(self, lambda: exports.record_saved_copy(
                    session, "recovery_sheet")).run(),
                parent=self)
            self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview.open()
        op(self, lambda: recovery_sheet.render(key, name, session.workspace.slots.workspace_id),
           progress=None, key="recovery_sheet").success(shown).run()

    def reject(self) -> None:
        """Cancel, Escape or closing the window. Before the data exists: leave. After: the
        recovery key must be stored first, and the person is told so."""
        if self.session is None:
            if not self.creating_page.busy.isHidden() and self.currentPage() is \
                    self.creating_page:
                return      # setting up is under way: it cannot be stopped half-way
            super().reject()
            return
        if self.currentPage() is not self.recovery_page:
            self.next()     # "Done. Press Next": show the key rather than lose it
        text = tr("The data has been set up, but the recovery key has not been stored yet. "
                  "Without it nobody can open the data if every password is forgotten. "
                  "Print the recovery sheet or write the key down, then tick the box to "
                  "confirm before finishing.")
        self.recovery_page.reminder.setText(text)
        if self.reminder_box is None:
            self.reminder_box = QMessageBox(QMessageBox.Icon.Information,
                                            tr("SV2 Desk — Store the recovery key first"),
                                            text, QMessageBox.StandardButton.Ok, self)
            self.reminder_box.finished.connect(lambda _: setattr(self, "reminder_box", None))
            self.reminder_box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.reminder_box.open()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.session is not None and not self.recovery_page.isComplete():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def accept(self) -> None:
        if not self.recovery_page.isComplete():
            return
        from ...services import settings
        session = self.session

        def stored(_result) -> None:
            self.recovery_key = ""
            self.recovery_page.key.clear()
            super(SetupWizard, self).accept()
            self.completed.emit(session)
        op(self, lambda: settings.update(session, recovery_key_stored=True),
           key="accept").success(stored).run()
