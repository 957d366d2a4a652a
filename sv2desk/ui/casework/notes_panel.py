"""Notes and contacts on a case: dated notes (a note about the concern only where there is
one, and only the people on the case see it), and the log of calls, texts, emails, letters
and meetings. The ways the client said are safe are shown above the contact form; a contact
by a way they said is not safe is refused with the reason, and nothing typed is lost."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton,
                               QVBoxLayout, QWidget)

from ...policy import safe_contact
from ...services import contacts, notes
from ..common.field_errors import FieldErrors
from ..common.fields import as_datetime, choose_combo, datetime_edit, note_edit
from ..common.messages import NOTICE_STYLE, MessageLine, notice, plain_label
from ..common.operation import case_changed, op
from ..common.read_when_shown import CaseTab
from ..common.tables import fill, read_only_table
from ..common.text import tr


def _local(at: str) -> str:
    """A stored local time ("2026-12-01T13:26") as people read it: 01/12/2026 13:26."""
    try:
        return datetime.fromisoformat(at).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return at or ""


class NotesPanel(CaseTab, QWidget):
    """The case's notes and contact log, each with its form."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        # notes
        self.notes_table = read_only_table([tr("When"), tr("By"), tr("Note")],
                                           tr("Case notes"))
        self.note_text = note_edit(tr("Note"), 4, form="case_note", field="text")
        self.noted_at = datetime_edit(tr("When it happened"))
        self.about_concern = QCheckBox(tr("Abo&ut the concern"))
        self.about_concern_note = plain_label(tr("A note about the concern is seen only by "
                                                 "the people on the case."))
        self.about_concern_note.setWordWrap(True)
        self.add_note_button = QPushButton(tr("&Add the note"))
        self.add_note_button.clicked.connect(self.add_note)
        self.note_message = MessageLine("note_message")
        self.note_errors = FieldErrors(self.note_message)
        note_box = QGroupBox(tr("Add a note"))
        form = QFormLayout(note_box)
        self.note_errors.add_row(form, tr("&Note:"), "text", self.note_text)
        self.note_errors.add_row(form, tr("W&hen:"), "noted_at", self.noted_at)
        form.addRow("", self.about_concern)
        form.addRow("", self.about_concern_note)
        form.addRow("", self.add_note_button)
        # contacts
        self.safe_ways = notice(NOTICE_STYLE, "safe_ways")
        self.contacts_table = read_only_table(
            [tr("When"), tr("How"), tr("Who"), tr("How it went"), tr("By"), tr("Note")],
            tr("Contact log"))
        self.channel = choose_combo(tr("How"), safe_contact.CHANNELS)
        self.direction = choose_combo(tr("Who got in touch"), safe_contact.DIRECTIONS)
        self.direction.setCurrentIndex(self.direction.findData(safe_contact.OUTGOING))
        self.outcome = choose_combo(tr("How it went"), {})
        self.contact_at = datetime_edit(tr("When the contact was"))
        self.contact_note = note_edit(tr("Note on the contact"), 2, form="contact",
                                      field="note")
        self.record_contact_button = QPushButton(tr("&Record the contact"))
        self.record_contact_button.clicked.connect(self.record_contact)
        self.contact_message = MessageLine("contact_message")
        self.contact_errors = FieldErrors(self.contact_message)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        contact_box = QGroupBox(tr("Record a contact"))
        form = QFormLayout(contact_box)
        self.contact_errors.add_row(form, tr("Ho&w:"), "channel", self.channel)
        self.contact_errors.add_row(form, tr("Wh&o:"), "direction", self.direction)
        self.contact_errors.add_row(form, tr("How it &went:"), "outcome", self.outcome)
        self.contact_errors.add_row(form, tr("Whe&n:"), "at", self.contact_at)
        self.contact_errors.add_row(form, tr("No&te:"), "note", self.contact_note)
        form.addRow("", self.record_contact_button)

        left = QVBoxLayout()
        left.addWidget(self.notes_table, 1)
        left.addWidget(note_box)
        left.addWidget(self.note_message)
        right = QVBoxLayout()
        right.addWidget(self.safe_ways)
        right.addWidget(self.contacts_table, 1)
        right.addWidget(contact_box)
        right.addWidget(self.contact_message)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    def _channel_changed(self) -> None:
        channel = self.channel.currentData() or ""
        self.outcome.clear()
        self.outcome.addItem(tr("Choose…"), "")
        for code in safe_contact.OUTCOMES_FOR.get(channel, ()):
            self.outcome.addItem(tr(safe_contact.OUTCOMES[code]), code)

    # -- showing ---------------------------------------------------------------------

    def read(self) -> None:
        """Read the case's records for this tab (an audited view), on the database thread."""
        session, case_id = self._session, self.case_id
        op(self, lambda: (notes.for_case(session, case_id),
                          contacts.for_case(session, case_id)), key="refresh") \
            .success(self._show).failure(self.note_errors.failed).run()

    def _show(self, found) -> None:
        found_notes, log = found
        fill(self.notes_table, [
            (_local(n.noted_at), n.by,
             (tr("[About the concern] ") if n.about_concern else "") + n.text)
            for n in found_notes])
        fill(self.contacts_table, [(_local(c.at), c.channel_label,
                                    c.direction_label, c.outcome_label, c.by, c.note)
                                   for c in log.entries])
        ways = [safe_contact.CHANNELS[c].lower() for c, why in log.channels.items()
                if why is None and c != safe_contact.IN_PERSON]
        text = (tr("Safe ways to contact them: {ways}.").format(ways=", ".join(ways)) if ways
                else tr("They have not said any way of contacting them is safe: see them in "
                        "person, or wait for them to get in touch."))
        text += " " + (tr("A message may be left.") if log.may_leave_message
                       else tr("Do not leave a message."))
        if log.safe_times:
            text += " " + tr("Safe times: {times}").format(times=log.safe_times)
        self.safe_ways.setText(text)
        self.safe_ways.show()

    # -- adding ----------------------------------------------------------------------

    def add_note(self) -> None:
        session, case_id = self._session, self.case_id
        form = notes.NoteForm(self.note_text.toPlainText().strip(), as_datetime(self.noted_at),
                              self.about_concern.isChecked())
        self.note_errors.clear()
        op(self, lambda: notes.add(session, case_id, form), key="note") \
            .success(self._note_added).failure(self.note_errors.failed) \
            .changes(case_changed(case_id)).run()

    def _note_added(self, _id) -> None:
        self.note_text.clear()
        self.about_concern.setChecked(False)
        self.noted_at.setDateTime(QDateTime.currentDateTime())
        self.note_message.done(tr("The note is added."))
        self.read_now()

    def contact_form(self) -> contacts.ContactForm:
        return contacts.ContactForm(self.channel.currentData() or "",
                                    self.direction.currentData() or "",
                                    self.outcome.currentData() or "",
                                    as_datetime(self.contact_at),
                                    self.contact_note.toPlainText().strip())

    def record_contact(self) -> None:
        session, case_id, form = self._session, self.case_id, self.contact_form()
        self.contact_errors.clear()
        op(self, lambda: contacts.record(session, case_id, form), key="contact") \
            .success(self._contact_recorded).failure(self.contact_errors.failed) \
            .changes(case_changed(case_id)).run()

    def _contact_recorded(self, _id) -> None:
        self.contact_note.clear()
        self.channel.setCurrentIndex(0)
        self.contact_at.setDateTime(QDateTime.currentDateTime())
        self.contact_message.done(tr("The contact is recorded."))
        self.read_now()
