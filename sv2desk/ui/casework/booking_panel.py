"""On a case: book a session in the diary (day, time, room, worker) and put the client on
the waiting list for a service. Either is refused with its reason where the case cannot have
it (not yet assessed, paused, signposted); a confidential restriction from the connection
check is said plainly, naming no one."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QSpinBox,
                               QTimeEdit, QVBoxLayout, QWidget)

from ...policy import referral as vocab, waiting as waiting_policy
from ...services import diary, waiting_list
from ..common.field_errors import FieldErrors
from ..common.fields import as_date, choose_combo, count_suffix, date_edit, line_edit, note_edit
from ..common.messages import MessageLine
from ..common.operation import CASELOAD, case_changed, op
from ..common.read_when_shown import CaseTab
from ..common.tables import fill, read_only_table
from ..common.text import tr


class BookingPanel(CaseTab, QWidget):
    """Book a session for the case; add the case to the waiting list."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.day = date_edit(tr("Day of the session"))
        self.start = QTimeEdit(QTime(10, 0))
        self.start.setDisplayFormat("HH:mm")
        self.start.setAccessibleName(tr("Time the session starts"))
        self.length = QSpinBox()
        self.length.setRange(5, 600)
        self.length.setValue(50)
        count_suffix(self.length, "%n minute(s)")
        self.length.setAccessibleName(tr("Length of the session"))
        self.session_type = choose_combo(tr("Type of session"), vocab.SESSION_TYPES)
        self.room = choose_combo(tr("Room"), {})
        self.room.setItemText(0, tr("No room (phone, video or elsewhere)"))
        for box in (self.session_type, self.room):     # a long room name opens the list
            box.setSizeAdjustPolicy(box.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(20)
        self.location = line_edit("support_session", "location", tr("Where, if not a room"))
        self.booking_note = note_edit(tr("Note on the booking"), 2, form="support_session",
                                      field="note")
        self.book_button = QPushButton(tr("&Book the session"))
        self.book_button.clicked.connect(self.book)
        self.book_message = MessageLine("booking_message")
        self.book_errors = FieldErrors(self.book_message)
        booking = QGroupBox(tr("Book a session in the diary"))
        form = QFormLayout(booking)
        self.book_errors.add_row(form, tr("&Day:"), "session_date", self.day)
        self.book_errors.add_row(form, tr("&Time:"), "start_time", self.start)
        self.book_errors.add_row(form, tr("&Length:"), "duration_minutes", self.length)
        self.book_errors.add_row(form, tr("T&ype:"), "session_type", self.session_type)
        self.book_errors.add_row(form, tr("&Room:"), "room_id", self.room)
        self.book_errors.add_row(form, tr("&Elsewhere:"), "location", self.location)
        self.book_errors.add_row(form, tr("N&ote:"), "note", self.booking_note)
        self.book_errors.add_row(form, "", "worker_id", self.book_button)

        self.waiting_table = read_only_table([tr("Service"), tr("Priority"),
                                              tr("Waiting since"), tr("What happened")],
                                             tr("Waiting list entries"))
        self.service = choose_combo(tr("Service they are waiting for"),
                                    waiting_policy.SERVICES)
        self.priority = choose_combo(tr("Priority"), waiting_policy.PRIORITIES)
        self.priority.setCurrentIndex(self.priority.findData("standard"))
        self.waiting_note = note_edit(tr("Note for whoever allocates"), 2, form="waiting_list",
                                      field="note")
        self.wait_button = QPushButton(tr("Add to the &waiting list"))
        self.wait_button.clicked.connect(self.add_to_list)
        self.wait_message = MessageLine("waiting_message")
        self.wait_errors = FieldErrors(self.wait_message)
        waiting = QGroupBox(tr("The waiting list"))
        form = QFormLayout(waiting)
        form.addRow(self.waiting_table)
        self.wait_errors.add_row(form, tr("Ser&vice:"), "service", self.service)
        self.wait_errors.add_row(form, tr("&Priority:"), "priority", self.priority)
        self.wait_errors.add_row(form, tr("Not&e:"), "note", self.waiting_note)
        form.addRow("", self.wait_button)

        left = QVBoxLayout()
        left.addWidget(booking)
        left.addWidget(self.book_message)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(waiting)
        right.addWidget(self.wait_message)
        right.addStretch()
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    def read(self) -> None:
        """Read the case's records for this tab (an audited view), on the database thread."""
        session, case_id = self._session, self.case_id
        op(self, lambda: (diary.rooms(session)[1], waiting_list.for_case(session, case_id)),
           key="load").success(self._loaded).failure(self.wait_errors.failed).run()

    def _loaded(self, found) -> None:
        rooms, entries = found
        chosen = self.room.currentData()
        while self.room.count() > 1:
            self.room.removeItem(1)
        for room in rooms:
            self.room.addItem(room.label, room.id)
        self.room.setCurrentIndex(max(0, self.room.findData(chosen)))
        fill(self.waiting_table, [(e.service_label, e.priority_label,
                                   e.waiting_since.strftime("%d/%m/%Y"), e.what_happened)
                                  for e in entries])

    def booking(self) -> diary.BookingForm:
        return diary.BookingForm(
            session_date=as_date(self.day), start_time=self.start.time().toPython(),
            duration_minutes=self.length.value(),
            session_type=self.session_type.currentData() or "",
            room_id=self.room.currentData() or None, location=self.location.text().strip(),
            note=self.booking_note.toPlainText().strip())

    def book(self) -> None:
        session, case_id, form = self._session, self.case_id, self.booking()
        self.book_errors.clear()
        op(self, lambda: diary.book(session, case_id, form), key="book") \
            .success(self._booked).failure(self.book_errors.failed) \
            .changes(case_changed(case_id), CASELOAD).run()

    def _booked(self, _id) -> None:
        self.booking_note.clear()
        self.day.setDate(QDate.currentDate())
        self.book_message.done(tr("The session is booked: it is in the diary."))

    def add_to_list(self) -> None:
        session, case_id = self._session, self.case_id
        form = waiting_list.WaitingForm(self.service.currentData() or "",
                                        self.priority.currentData() or "",
                                        note=self.waiting_note.toPlainText().strip())
        self.wait_errors.clear()
        op(self, lambda: waiting_list.add(session, case_id, form), key="wait") \
            .success(self._added).failure(self.wait_errors.failed) \
            .changes(case_changed(case_id), "waiting").run()

    def _added(self, _id) -> None:
        self.waiting_note.clear()
        self.wait_message.done(tr("They are on the waiting list."))
        self.read_now()
