"""One signposting directory entry: read-only details for everyone, and the form managers
and administrators use to add or change one; administrators also confirm ("These details
are right, checked today") and retire entries. The service refuses anyone else anyway."""

from __future__ import annotations

from PySide6.QtCore import QDate, QT_TR_NOOP, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from ...errors import EditConflict
from ...policy import permissions, signposting as policy
from ...services import signposting
from ..common.field_errors import FieldErrors
from ..common.fields import as_date, choose_combo, date_edit, line_edit, note_edit
from ..common.layout import row
from ..common.messages import BOLD_STYLE, NOTICE_STYLE, MessageLine, notice, plain_label
from ..common.operation import op
from ..common.text import tr


def checked_text(service) -> str:
    return service.last_checked.strftime("%d/%m/%Y") if service.last_checked else tr("Never")


def warning_notice(object_name: str) -> QLabel:
    """The amber box that tells staff to check an entry before relying on it."""
    return notice(NOTICE_STYLE, object_name)


class ServiceDetailsPanel(QWidget):
    """The selected entry, read only (for support workers)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.warning = warning_notice("service_warning")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for field, text in (("name", QT_TR_NOOP("Name:")), ("category", QT_TR_NOOP("Category:")),
                            ("phone", QT_TR_NOOP("Phone:")), ("web", QT_TR_NOOP("Web:")),
                            ("address", QT_TR_NOOP("Address:")),
                            ("opening_hours", QT_TR_NOOP("Opening hours:")),
                            ("area_served", QT_TR_NOOP("Area:")),
                            ("notes", QT_TR_NOOP("Notes:")),
                            ("last_checked", QT_TR_NOOP("Last checked:"))):
            label = plain_label()
            label.setObjectName(f"detail_{field}")
            self.values[field] = label
            form.addRow(QLabel(tr(text)), label)
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
                label.setText(tr(service.category_label))
            elif field == "last_checked":
                label.setText(checked_text(service))
            else:
                label.setText(getattr(service, field) or "—")
        warning = service.warning if service is not None else None
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))


class ServiceEditorPanel(QWidget):
    """Add or change an entry; confirm or retire it (administrators)."""

    saved = Signal(int)       # the entry's id
    retired = Signal(str)     # its name

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.entry_id: int | None = None
        self._opened = None       # the entry as shown: a save is refused if changed since
        self._name = ""
        self.message = MessageLine("service_message", style=BOLD_STYLE)
        self.errors = FieldErrors(self.message)
        self.warning = warning_notice("service_warning")
        self.name = line_edit("directory_entry", "name")
        self.category = choose_combo(tr("Category"), policy.CATEGORIES)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(16)
        self.phone = line_edit("directory_entry", "phone")
        self.web = line_edit("directory_entry", "web")
        self.address = note_edit(tr("Address"), 3, form="directory_entry", field="address")
        self.opening_hours = line_edit("directory_entry", "opening_hours")
        self.area_served = line_edit("directory_entry", "area_served")
        self.notes = note_edit(tr("Notes"), 4, form="directory_entry", field="notes")
        self.checked = QCheckBox(tr("I checked these details on"))
        self.checked_on = date_edit(tr("Date the details were checked"))
        self.checked.toggled.connect(self.checked_on.setEnabled)
        self.save_button = QPushButton(tr("&Save the service"))
        self.save_button.clicked.connect(self.save)
        self.confirm_button = QPushButton(tr("These details are right, checked &today"))
        self.confirm_button.clicked.connect(self.confirm)
        self.retire_button = QPushButton(tr("&Retire…"))
        self.retire_button.clicked.connect(self._ask_to_retire)
        self.retire_question = QLabel(tr("Take this service out of the directory? Letters "
                                         "that named it keep it."))
        self.retire_question.setWordWrap(True)
        self.retire_yes = QPushButton(tr("Retire &it"))
        self.retire_yes.clicked.connect(self.retire)
        self.retire_no = QPushButton(tr("&Keep it"))
        self.retire_no.clicked.connect(self._keep)
        self.retire_box = QWidget()
        ask = QVBoxLayout(self.retire_box)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(self.retire_question)
        ask.addWidget(row(self.retire_yes, self.retire_no))
        self.retire_box.hide()

        form = QFormLayout()
        self.errors.add_row(form, tr("&Name:"), "name", self.name)
        self.errors.add_row(form, tr("Ca&tegory:"), "category", self.category)
        self.errors.add_row(form, tr("&Phone:"), "phone", self.phone)
        self.errors.add_row(form, tr("&Web:"), "web", self.web)
        self.errors.add_row(form, tr("A&ddress:"), "address", self.address)
        self.errors.add_row(form, tr("&Opening hours:"), "opening_hours", self.opening_hours)
        self.errors.add_row(form, tr("&Area:"), "area_served", self.area_served)
        self.errors.add_row(form, tr("No&tes:"), "notes", self.notes)
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
        self.errors.clear_fields()
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

    def save(self) -> None:
        session, form, entry_id, opened = self._session, self.form(), self.entry_id, \
            self._opened
        confirmed = permissions.allows("signposting.confirm", session.roles) and \
            form.last_checked is not None

        def saved(new_id: int) -> None:
            self.entry_id = new_id
            self.saved.emit(new_id)
            self.message.done(tr("Saved.") if confirmed else
                              tr("Saved. An administrator needs to confirm these details "
                                 "before staff rely on them."))
        op(self, lambda: signposting.save(session, form, entry_id, opened=opened),
           key="save").success(saved).failure(self._save_refused).run()

    def _save_refused(self, exc) -> None:
        self.errors.failed(exc)
        if isinstance(exc, EditConflict):
            # Someone else saved it since it was shown: nothing saved, the typing left as it
            # is, and the next save (having been told who and what) is over their version.
            session, entry_id = self._session, self.entry_id

            def reread(found) -> None:
                self._opened = next((s for s in found if s.id == entry_id), self._opened)
            op(self, lambda: signposting.search(session), key="reread") \
                .success(reread).failure(lambda _exc: None).run()

    def confirm(self) -> None:
        if self.entry_id is None:
            return
        session, entry_id = self._session, self.entry_id

        def confirmed(_result) -> None:
            self.saved.emit(entry_id)
            self.message.done(tr("Confirmed: these details were checked today."))
        op(self, lambda: signposting.confirm(session, entry_id), key="confirm") \
            .success(confirmed).failure(self.errors.failed).run()

    def _ask_to_retire(self) -> None:
        self.retire_box.show()
        self.retire_no.setFocus()

    def _keep(self) -> None:
        self.retire_box.hide()
        self.retire_button.setFocus()

    def retire(self) -> None:
        if self.entry_id is None:
            return
        session, entry_id, name = self._session, self.entry_id, self._name

        def retired(_result) -> None:
            self.show_service(None)
            self.retired.emit(name)
            self.message.done(tr("{name} is no longer in the directory.").format(name=name))
        op(self, lambda: signposting.retire(session, entry_id), key="retire") \
            .success(retired).failure(self.errors.failed).run()
