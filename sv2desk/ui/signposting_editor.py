"""One signposting directory entry: read-only details for everyone, and the form managers
and administrators use to add or change one; administrators also confirm ("These details
are right, checked today") and retire entries. The service refuses anyone else anyway."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from .. import errors
from ..policy import permissions, signposting as policy
from ..services import signposting
from .forms import (NOTICE_STYLE, FieldErrors, MessageLine, as_date, date_edit, note_edit,
                    notice, plain_label, row)
from .support_sessions import choose_combo


def checked_text(service) -> str:
    return service.last_checked.strftime("%d/%m/%Y") if service.last_checked else "Never"


def warning_notice(object_name: str) -> QLabel:
    """The amber box that tells staff to check an entry before relying on it."""
    return notice(NOTICE_STYLE, object_name)


class ServiceDetails(QWidget):
    """The selected entry, read only (for support workers)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.warning = warning_notice("service_warning")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for field, text in (("name", "Name:"), ("category", "Category:"), ("phone", "Phone:"),
                            ("web", "Web:"), ("address", "Address:"),
                            ("opening_hours", "Opening hours:"), ("area_served", "Area:"),
                            ("notes", "Notes:"), ("last_checked", "Last checked:")):
            label = plain_label()
            label.setObjectName(f"detail_{field}")
            self.values[field] = label
            form.addRow(QLabel(text), label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addStretch()
        self.show_service(None)

    def show_service(self, service) -> None:
        for field, label in self.values.items():
            if service is None:
                label.setText("—" if field == "name" else "")
            elif field == "category":
                label.setText(service.category_label)
            elif field == "last_checked":
                label.setText(checked_text(service))
            else:
                label.setText(getattr(service, field) or "—")
        warning = service.warning if service is not None else None
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))


class ServiceEditor(QWidget):
    """Add or change an entry; confirm or retire it (administrators)."""

    saved = Signal(int)       # the entry's id
    retired = Signal(str)     # its name

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.entry_id: int | None = None
        self._opened = None       # the entry as shown: a save is refused if changed since
        self._name = ""
        self.errors = FieldErrors()
        self.warning = warning_notice("service_warning")
        self.name = QLineEdit()
        self.category = choose_combo("Category", policy.CATEGORIES)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(16)
        self.phone = QLineEdit()
        self.web = QLineEdit()
        self.address = note_edit("Address", 52)
        self.opening_hours = QLineEdit()
        self.area_served = QLineEdit()
        self.notes = note_edit("Notes", 70)
        self.checked = QCheckBox("I checked these details on")
        self.checked_on = date_edit("Date the details were checked")
        self.checked.toggled.connect(self.checked_on.setEnabled)
        self.save_button = QPushButton("&Save the service")
        self.save_button.clicked.connect(self.save)
        self.confirm_button = QPushButton("These details are right, checked &today")
        self.confirm_button.clicked.connect(self.confirm)
        self.retire_button = QPushButton("&Retire…")
        self.retire_button.clicked.connect(self._ask_to_retire)
        self.retire_question = QLabel("Take this service out of the directory? Letters that "
                                      "named it keep it.")
        self.retire_question.setWordWrap(True)
        self.retire_yes = QPushButton("Retire &it")
        self.retire_yes.clicked.connect(self.retire)
        self.retire_no = QPushButton("&Keep it")
        self.retire_no.clicked.connect(self._keep)
        self.retire_box = QWidget()
        ask = QVBoxLayout(self.retire_box)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(self.retire_question)
        ask.addWidget(row(self.retire_yes, self.retire_no))
        self.retire_box.hide()
        self.message = MessageLine("service_message", style="font-weight: bold;")

        form = QFormLayout()
        self.errors.add_row(form, "&Name:", "name", self.name)
        self.errors.add_row(form, "Ca&tegory:", "category", self.category)
        self.errors.add_row(form, "&Phone:", "phone", self.phone)
        self.errors.add_row(form, "&Web:", "web", self.web)
        self.errors.add_row(form, "A&ddress:", "address", self.address)
        self.errors.add_row(form, "&Opening hours:", "opening_hours", self.opening_hours)
        self.errors.add_row(form, "&Area:", "area_served", self.area_served)
        self.errors.add_row(form, "No&tes:", "notes", self.notes)
        self.errors.add_row(form, "", "last_checked", row(self.checked, self.checked_on))
        roles = session.roles
        self.confirm_button.setVisible(permissions.allows("signposting.confirm", roles))
        self.retire_button.setVisible(permissions.allows("signposting.retire", roles))
        buttons = QVBoxLayout()
        buttons.addWidget(row(self.save_button, self.retire_button))
        buttons.addWidget(row(self.confirm_button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.retire_box)
        layout.addWidget(self.message)
        layout.addStretch()
        self.show_service(None)

    # -- showing -----------------------------------------------------------------------

    def show_service(self, service, keep_message: bool = False) -> None:
        """Fill the form from an entry (None: a blank form for a new one)."""
        self.entry_id = service.id if service is not None else None
        self._opened = service
        self._name = service.name if service is not None else ""
        for field in ("name", "phone", "web", "opening_hours", "area_served"):
            getattr(self, field).setText(getattr(service, field) if service else "")
        self.address.setPlainText(service.address if service else "")
        self.notes.setPlainText(service.notes if service else "")
        self.category.setCurrentIndex(max(0, self.category.findData(
            service.category if service else "")))
        self.checked.setChecked(bool(service and service.last_checked))
        self.checked_on.setEnabled(self.checked.isChecked())
        self.checked_on.setDate(QDate(service.last_checked) if service and service.last_checked
                                else QDate.currentDate())
        warning = service.warning if service is not None else None
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))
        self.confirm_button.setEnabled(service is not None)
        self.retire_button.setEnabled(service is not None)
        self.retire_box.hide()
        self.errors.clear()
        if not keep_message:
            self.message.clear()

    def form(self) -> signposting.ServiceForm:
        return signposting.ServiceForm(
            name=self.name.text().strip(), category=self.category.currentData() or "",
            phone=self.phone.text().strip(), web=self.web.text().strip(),
            address=self.address.toPlainText().strip(),
            opening_hours=self.opening_hours.text().strip(),
            area_served=self.area_served.text().strip(), notes=self.notes.toPlainText().strip(),
            last_checked=as_date(self.checked_on) if self.checked.isChecked() else None)

    # -- actions -----------------------------------------------------------------------

    def _refused(self, exc: errors.SV2Error) -> None:
        self.errors.clear()
        self.message.setText(exc.message)

    def save(self) -> None:
        form = self.form()
        try:
            entry_id = signposting.save(self._session, form, self.entry_id,
                                        opened=self._opened)
        except errors.EditConflict as exc:
            # Someone else saved it since it was shown: nothing saved, the typing left as it
            # is, and the next save (having been told who and what) is over their version.
            self._refused(exc)
            self._opened = next((s for s in signposting.search(self._session)
                                 if s.id == self.entry_id), self._opened)
            return
        except errors.ValidationError as exc:
            self.message.clear()
            for text in self.errors.show(exc.fields):
                self.message.setText(text)
            return
        except errors.SV2Error as exc:
            self._refused(exc)
            return
        confirmed = permissions.allows("signposting.confirm", self._session.roles) and \
            form.last_checked is not None
        self.entry_id = entry_id
        self.saved.emit(entry_id)
        self.message.setText("Saved." if confirmed else
                             "Saved. An administrator needs to confirm these details before "
                             "staff rely on them.")

    def confirm(self) -> None:
        if self.entry_id is None:
            return
        try:
            signposting.confirm(self._session, self.entry_id)
        except errors.SV2Error as exc:
            self._refused(exc)
            return
        self.saved.emit(self.entry_id)
        self.message.setText("Confirmed: these details were checked today.")

    def _ask_to_retire(self) -> None:
        self.retire_box.show()
        self.retire_no.setFocus()

    def _keep(self) -> None:
        self.retire_box.hide()
        self.retire_button.setFocus()

    def retire(self) -> None:
        if self.entry_id is None:
            return
        try:
            signposting.retire(self._session, self.entry_id)
        except errors.SV2Error as exc:
            self._refused(exc)
            return
        name = self._name
        self.show_service(None)
        self.retired.emit(name)
        self.message.setText(f"{name} is no longer in the directory.")
