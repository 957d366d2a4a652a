"""Administration → Settings: the idle lock time, and the organisation's details and
letterhead logo for letters. Read and saved on the database thread."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QPushButton, QSpinBox, QWidget

from ... import errors
from ...services import settings
from ..common.field_errors import FieldErrors
from ..common.fields import count_suffix, line_edit, note_edit
from ..common.layout import row
from ..common.messages import MessageLine
from ..common.operation import SETTINGS, op
from ..common.text import tr
from ..shell.setup_wizard import logo_as_png_base64


class SettingsPanel(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.message = MessageLine("settings_message")
        self.errors = FieldErrors(self.message)
        self.idle = QSpinBox()
        self.idle.setRange(1, 60)
        count_suffix(self.idle, "%n minute(s)")
        self.name = line_edit("organisation", "name")
        self.address = note_edit(tr("Address"), 4, form="organisation", field="address")
        self.phone = line_edit("organisation", "phone")
        self.email = line_edit("organisation", "email")
        self.charity_number = line_edit("organisation", "charity_number")
        self._logo_png = ""
        self.logo_state = QLabel()
        choose = QPushButton(tr("Choose &logo…"))
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton(tr("Re&move logo"))
        remove.clicked.connect(self._remove_logo)
        self.save_button = QPushButton(tr("&Save settings"))
        self.save_button.clicked.connect(self.save)
        form = QFormLayout(self)
        self.errors.add_row(form, tr("Lock after &idle for:"), "idle_lock_minutes", self.idle)
        self.errors.add_row(form, tr("Organisation &name:"), "name", self.name)
        self.errors.add_row(form, tr("&Address:"), "address", self.address)
        self.errors.add_row(form, tr("&Phone:"), "phone", self.phone)
        self.errors.add_row(form, tr("&Email:"), "email", self.email)
        self.errors.add_row(form, tr("&Charity number:"), "charity_number",
                            self.charity_number)
        self.errors.add_row(form, tr("Letterhead logo:"), "logo",
                            row(self.logo_state, choose, remove))
        form.addRow("", self.save_button)
        form.addRow("", self.message)
        self.setEnabled(False)          # until the settings have been read
        op(self, lambda: settings.read(session)).success(self._show).run()

    def _show(self, current) -> None:
        self._opened = current      # a save over someone else's newer one is refused
        org = current.organisation
        self.idle.setValue(current.idle_lock_minutes)
        self.name.setText(org.name)
        self.address.setPlainText(org.address)
        self.phone.setText(org.phone)
        self.email.setText(org.email)
        self.charity_number.setText(org.charity_number)
        self._logo_png = org.logo_png
        self.logo_state.setText(tr("A logo is set.") if org.logo_png else tr("No logo."))
        self.setEnabled(True)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose a logo"), "",
                                              tr("Pictures (*.png *.jpg *.jpeg)"))
        if not path:
            return

        def read():
            try:
                return logo_as_png_base64(path)
            except OSError:
                raise errors.ValidationError({"logo": tr("That logo file could not be "
                                                         "read.")}) from None
            except ValueError as exc:
                raise errors.ValidationError({"logo": str(exc)}) from None

        def chosen(png: str) -> None:
            self._logo_png = png
            self.logo_state.setText(tr("A new logo is chosen (press Save)."))
        op(self, read, key="logo").success(chosen).failure(self.errors.failed).run()

    def _remove_logo(self) -> None:
        self._logo_png = ""
        self.logo_state.setText(tr("No logo (press Save)."))

    def save(self) -> None:
        org = settings.Organisation(
            name=self.name.text().strip(), address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(), email=self.email.text().strip(),
            charity_number=self.charity_number.text().strip(), logo_png=self._logo_png)
        session, minutes = self._session, self.idle.value()
        opened = getattr(self, "_opened", None)

        def saved(_result) -> None:
            self.errors.clear()
            self._opened = _result
            self.message.done(tr("Settings saved."))
            window = self.window()
            if hasattr(window, "settings_changed"):
                window.settings_changed.emit()
        op(self, lambda: settings.update(session, organisation=org, idle_lock_minutes=minutes,
                                         opened=opened),
           key="save").success(saved).failure(self.errors.failed).changes(SETTINGS).run()
