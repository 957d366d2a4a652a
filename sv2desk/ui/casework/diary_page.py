"""The diary: a week (or a day) of one worker's sessions, or of one room's, and what to do
with a booked session: mark it held or not attended, cancel it (who cancelled, and why) or
move it to another time. A session on a case the viewer may not open shows only as busy;
a session suspended because its case is paused says so, and can only be cancelled."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout, QPushButton,
                               QRadioButton, QTimeEdit, QVBoxLayout, QWidget)

from ...policy import diary as policy, permissions
from ...services import caseload, diary
from ..common.field_errors import FieldErrors
from ..common.layout import flow
from ..common.fields import as_date, combo, date_edit, note_edit
from ..common.messages import MessageLine, heading, words
from ..common.operation import CASELOAD, Changes, Desk, op
from ..common.read_when_shown import ReadWhenShown
from ..common.tables import fill, read_only_table
from ..common.text import tr

COLUMNS = ("Day", "Time", "Client", "Type", "Worker", "Where", "What happened")
WEEK, DAY = 7, 1


class DiaryPage(ReadWhenShown, QWidget):
    """Whose diary, which week, the sessions in it, and what to do with one."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.entries: list[diary.DiaryEntry] = []
        self.title = heading(tr("Diary"))
        self.whose = combo(tr("Whose diary"), [(tr("My diary"), ("worker",
                                                                  session.account_id))])
        self.first_day = date_edit(tr("First day shown"))
        self.first_day.setDate(self.first_day.date().addDays(
            1 - self.first_day.date().dayOfWeek()))
        self.span = combo(tr("How much to show"), [(tr("A week"), WEEK), (tr("A day"), DAY)])
        self.previous = QPushButton(tr("← &Earlier"))
        self.next = QPushButton(tr("&Later →"))
        self.previous.clicked.connect(lambda: self._step(-1))
        self.next.clicked.connect(lambda: self._step(1))
        for widget in (self.whose, self.span):
            widget.currentIndexChanged.connect(self.refresh)
        self.first_day.dateChanged.connect(self.refresh)
        top = QHBoxLayout()
        for widget in (self.whose, self.previous, self.first_day, self.next, self.span):
            top.addWidget(widget)
        top.addStretch()
        self.table = read_only_table([tr(c) for c in COLUMNS], tr("Sessions in the diary"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.empty = words(tr("Nothing is booked in this time."))
        # what to do with a booked session
        self.held_button = QPushButton(tr("&Held"))
        self.missed_button = QPushButton(tr("&Did not attend"))
        self.held_button.clicked.connect(lambda: self._mark(diary.held))
        self.missed_button.clicked.connect(lambda: self._mark(diary.did_not_attend))
        self.by_client = QRadioButton(tr("The client cancelled"))
        self.by_service = QRadioButton(tr("We cancelled"))
        self.cancelled_by = QButtonGroup(self)
        self.cancelled_by.addButton(self.by_client)
        self.cancelled_by.addButton(self.by_service)
        self.reason = note_edit(tr("Why the session was cancelled, or a note on it"), 2,
                                form="session_outcome", field="note")
        self.cancel_button = QPushButton(tr("&Cancel the session"))
        self.cancel_button.clicked.connect(self.cancel)
        self.move_day = date_edit(tr("New day"))
        self.move_time = QTimeEdit(QTime(10, 0))
        self.move_time.setDisplayFormat("HH:mm")
        self.move_time.setAccessibleName(tr("New time"))
        self.move_button = QPushButton(tr("&Move to this time"))
        self.move_button.clicked.connect(self.move)
        self.message = MessageLine("diary_message")
        self.errors = FieldErrors(self.message)
        self.actions = QGroupBox(tr("The session chosen"))
        form = QFormLayout(self.actions)
        form.addRow(flow(self.held_button, self.missed_button))
        form.addRow("", flow(self.by_client, self.by_service))
        self.errors.add_row(form, tr("&Reason or note:"), "note", self.reason)
        self.errors.add_row(form, "", "cancelled_by", self.cancel_button)
        self.errors.add_row(form, tr("New &day:"), "session_date", self.move_day)
        self.errors.add_row(form, tr("New &time:"), "start_time", self.move_time)
        form.addRow("", self.move_button)
        self.actions.setMaximumWidth(520)
        self.actions.setEnabled(False)

        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        body.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.actions)
        right.addWidget(self.message)
        right.addStretch()
        body.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        Desk.current().changed.connect(self._changed)
        self._choices_read = False

    def read(self) -> None:
        """When shown (a view is audited: only when seen): whose diaries there are, the
        first time; the sessions after that."""
        if not self._choices_read:
            self._choices_read = True
            self._load_choices()
        else:
            self.refresh()

    # -- whose diary ---------------------------------------------------------------------

    def _load_choices(self) -> None:
        session = self._session

        def load():
            workers = caseload.workers(session) if permissions.sees_every_case(session.roles) \
                else []
            return workers, diary.rooms(session)[1]
        op(self, load, key="choices").success(self._choices).failure(self.errors.failed).run()

    def _choices(self, found) -> None:
        workers, rooms = found
        self.whose.blockSignals(True)
        for worker_id, name in workers:
            if worker_id != self._session.account_id:
                self.whose.addItem(tr("{name}'s diary").format(name=name), ("worker", worker_id))
        for room in rooms:
            self.whose.addItem(room.label, ("room", room.id))
        self.whose.blockSignals(False)
        self.refresh()

    def _step(self, direction: int) -> None:
        self.first_day.setDate(self.first_day.date().addDays(direction * self.span.currentData()))

    # -- the sessions ----------------------------------------------------------------------

    def refresh(self) -> None:
        session = self._session
        kind, which = self.whose.currentData()
        first, days = as_date(self.first_day), self.span.currentData()
        call = diary.worker_days if kind == "worker" else diary.room_days
        op(self, lambda: call(session, which, first, days), key="refresh") \
            .success(self._show).failure(self.errors.failed).run()

    def _show(self, entries) -> None:
        self.entries = list(entries)
        fill(self.table, [(e.day.strftime("%a %d/%m"),
                           f"{e.start:%H:%M}–{e.end:%H:%M}" if e.start else "",
                           e.client or tr("Busy"), e.type_label, e.worker, e.place,
                           tr(e.status_label)) for e in self.entries],
             data=lambda n: self.entries[n].id)
        self.empty.setVisible(not self.entries)
        self._selected()

    def chosen(self) -> diary.DiaryEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        return self.entries[rows[0].row()] if rows else None

    def _selected(self) -> None:
        entry = self.chosen()
        booked = entry is not None and entry.status == policy.PLANNED and entry.case_id
        self.actions.setEnabled(bool(booked))
        if booked:
            self.held_button.setEnabled(not entry.suspended)
            self.missed_button.setEnabled(not entry.suspended)
            later = entry.day + timedelta(days=7)
            self.move_day.setDate(QDate(later.year, later.month, later.day))

    def select_session(self, session_id: int) -> None:
        for n, entry in enumerate(self.entries):
            if entry.id == session_id:
                self.table.selectRow(n)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(CASELOAD, "diary") or any(c.startswith("case:") for c in changes):
            self.mark_stale()          # read again now if showing, else when next shown

    # -- what to do with a session -------------------------------------------------------------

    def _mark(self, call) -> None:
        entry, session = self.chosen(), self._session
        if entry is None:
            return
        note = self.reason.toPlainText().strip()
        self._run(lambda: call(session, entry.id, note), tr("Recorded."))

    def cancel(self) -> None:
        entry, session = self.chosen(), self._session
        if entry is None:
            return
        by = policy.BY_CLIENT if self.by_client.isChecked() else \
            policy.BY_SERVICE if self.by_service.isChecked() else ""
        reason = self.reason.toPlainText().strip()
        self._run(lambda: diary.cancel(session, entry.id, by, reason),
                  tr("The session is cancelled."))

    def move(self) -> None:
        entry, session = self.chosen(), self._session
        if entry is None:
            return
        form = diary.BookingForm(session_date=as_date(self.move_day),
                                 start_time=self.move_time.time().toPython(),
                                 duration_minutes=entry.minutes,
                                 session_type=entry.session_type,
                                 worker_id=entry.worker_id, room_id=entry.room_id,
                                 location="" if entry.room_id else entry.place)
        self._run(lambda: diary.reschedule(session, entry.id, form),
                  tr("The session is moved."))

    def _run(self, call, done: str) -> None:
        self.errors.clear()
        op(self, call, key="act").success(lambda _: self._done(done)) \
            .failure(self.errors.failed).changes(CASELOAD, "diary").run()

    def _done(self, text: str) -> None:
        self.reason.clear()
        self.message.done(text)

