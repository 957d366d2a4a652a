"""Changing a client's details: contact details, safe-contact answers, names and pronouns,
language, interpreter and access needs. Saving keeps the old values in a history (a manager
sees it on the second tab). When someone else saved the record meanwhile, nothing is lost:
what was typed stays, with a message saying who changed what."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QTabWidget, QVBoxLayout, QWidget)

from ...policy import permissions
from ...services import clients
from ..common.field_errors import FieldErrors
from ..common.fields import line_edit, note_edit
from ..common.layout import scrolling
from ..common.messages import MessageLine, words
from ..common.operation import CASELOAD, case_changed, op
from ..common.tables import fill, read_only_table
from ..common.text import tr
from ..common.when import when

FORM = "client_details"
LINES = ("name", "preferred_name", "pronouns", "gender", "phone", "email", "postcode",
         "language", "interpreter_language")
NOTES = ("address", "safe_post_address", "safe_times", "access_needs")
TICKS = {
    "may_call": "We may phone them",
    "may_leave_voicemail": "We may leave a message on their phone",
    "may_text": "We may text them",
    "may_email": "We may email them",
    "post_is_safe": "Post is safe for them",
    "name_on_envelope_ok": "Our name may show on envelopes",
    "name_on_caller_display_ok": "Our name may show on caller display",
    "name_in_messages_ok": "Our name may show in texts and emails",
    "interpreter_needed": "They need an interpreter",
}


class ClientEditDialog(QDialog):
    """The client's details of one case, to change. Emits ``saved(labels)``."""

    saved = Signal(tuple)

    def __init__(self, session, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Change the client's details"))   # never a name in a title
        self.resize(760, 720)
        self._session, self.case_id = session, case_id
        self.current: clients.ClientDetails | None = None
        self.message = MessageLine("client_edit_message")
        self.errors = FieldErrors(self.message)
        self.lines = {name: line_edit(FORM, name, clients.LABELS[name])
                      for name in LINES}
        self.notes = {name: note_edit(clients.LABELS[name], 3, form=FORM, field=name)
                      for name in NOTES}
        self.ticks = {name: QCheckBox(tr(text)) for name, text in TICKS.items()}
        for name, box in self.ticks.items():
            box.setObjectName(name)

        who = QGroupBox(tr("Who they are"))
        form = QFormLayout(who)
        for name in ("name", "preferred_name", "pronouns", "gender"):
            self.errors.add_row(form, tr(clients.LABELS[name]) + ":", name,
                                self.lines[name])
        contact = QGroupBox(tr("Contact details and what is safe"))
        form = QFormLayout(contact)
        for name in ("phone", "email"):
            self.errors.add_row(form, tr(clients.LABELS[name]) + ":", name,
                                self.lines[name])
        self.errors.add_row(form, tr("Address:"), "address", self.notes["address"])
        self.errors.add_row(form, tr("Postcode:"), "postcode", self.lines["postcode"])
        for name in ("may_call", "may_leave_voicemail", "may_text", "may_email",
                     "post_is_safe"):
            form.addRow("", self.ticks[name])
        self.errors.add_row(form, tr("Address safe for post:"), "safe_post_address",
                            self.notes["safe_post_address"])
        self.errors.add_row(form, tr("Safe times:"), "safe_times", self.notes["safe_times"])
        for name in ("name_on_envelope_ok", "name_on_caller_display_ok", "name_in_messages_ok"):
            form.addRow("", self.ticks[name])
        needs = QGroupBox(tr("Language and access"))
        form = QFormLayout(needs)
        self.errors.add_row(form, tr("Language:"), "language", self.lines["language"])
        form.addRow("", self.ticks["interpreter_needed"])
        self.errors.add_row(form, tr("Interpreter's language:"), "interpreter_language",
                            self.lines["interpreter_language"])
        self.errors.add_row(form, tr("Access needs:"), "access_needs", self.notes["access_needs"])

        details = QWidget()
        column = QVBoxLayout(details)
        for box in (who, contact, needs):
            column.addWidget(box)
        column.addStretch()
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(details, "client_edit_scroll"), tr("&Details"))
        self.history = read_only_table([tr("When"), tr("By"), tr("What"), tr("Before"),
                                        tr("After")], tr("History of changes"))
        self.history_tab = QWidget()
        box = QVBoxLayout(self.history_tab)
        box.addWidget(words(tr("Every change to these details, newest first, with the value "
                               "it replaced. Only managers see this.")))
        box.addWidget(self.history, 1)
        if permissions.sees_every_case(session.roles):
            self.tabs.addTab(self.history_tab, tr("&History"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("&Save the changes"))
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.save_button.setEnabled(False)
        self.load()

    # -- reading ---------------------------------------------------------------------

    def load(self, keep_typed: bool = False) -> None:
        session, case_id = self._session, self.case_id
        op(self, lambda: clients.details(session, case_id), key="load") \
            .success(lambda found: self._loaded(found, keep_typed)) \
            .failure(self.errors.failed).run()
        if permissions.sees_every_case(session.roles):
            op(self, lambda: clients.history(session, case_id), key="history") \
                .success(self._history).failure(lambda exc: None).run()

    def _loaded(self, found: clients.ClientDetails, keep_typed: bool) -> None:
        typed = self.values() if keep_typed and self.current is not None else None
        self.current = found
        if typed is None:
            for name, edit in self.lines.items():
                edit.setText(getattr(found, name))
            for name, edit in self.notes.items():
                edit.setPlainText(getattr(found, name))
            for name, box in self.ticks.items():
                box.setChecked(getattr(found, name))
        self.save_button.setEnabled(True)

    def _history(self, changes) -> None:
        fill(self.history, [(when(c.at), c.by, tr(c.label), c.old, c.new) for c in changes])

    # -- saving ----------------------------------------------------------------------

    def values(self) -> clients.ClientDetails:
        base = self.current or clients.ClientDetails()
        changed = {name: edit.text().strip() for name, edit in self.lines.items()}
        changed |= {name: edit.toPlainText().strip() for name, edit in self.notes.items()}
        changed |= {name: box.isChecked() for name, box in self.ticks.items()}
        return replace(base, **changed)

    def save(self) -> None:
        session, case_id, details = self._session, self.case_id, self.values()
        self.errors.clear()
        op(self, lambda: clients.update(session, case_id, details), key="save") \
            .success(self._saved).failure(self._refused) \
            .changes(case_changed(case_id), CASELOAD).run()

    def _saved(self, labels: tuple) -> None:
        if not labels:
            self.message.done(tr("Nothing was changed."))
            return
        self.message.done(tr("Saved: {what}.").format(
            what=", ".join(tr(label).lower() for label in labels)))
        self.saved.emit(tuple(labels))
        self.load()

    def _refused(self, exc) -> None:
        self.errors.failed(exc)
        if isinstance(exc, clients.ChangedMeanwhile):
            # Read the record again for its new version, keeping what was typed here.
            self.load(keep_typed=True)
