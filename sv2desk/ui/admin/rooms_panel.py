"""Sites and rooms, kept by the administrator: add a site, add a room to it (step-free or
not), retire either. Sessions already booked in a retired room stay in the diary."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton,
                               QVBoxLayout, QWidget)

from ...services import diary
from ..common.field_errors import FieldErrors
from ..common.fields import combo, line_edit, note_edit
from ..common.messages import MessageLine
from ..common.operation import op
from ..common.tables import fill, read_only_table
from ..common.text import tr, yes_no


class RoomsPanel(QWidget):
    """The sites and rooms the diary books into."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.rooms: list[diary.RoomView] = []
        self.table = read_only_table([tr("Site"), tr("Room"), tr("Step-free"), tr("In use"),
                                      tr("Notes")], tr("Rooms"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.site_name = line_edit("site", "name", tr("Site name"))
        self.site_address = note_edit(tr("Site address"), 2, form="site", field="address")
        self.add_site_button = QPushButton(tr("Add the &site"))
        self.add_site_button.clicked.connect(self.add_site)
        self.site = combo(tr("Site the room is at"), [])
        self.room_name = line_edit("room", "name", tr("Room name"))
        self.step_free = QCheckBox(tr("Step-free access"))
        self.room_notes = note_edit(tr("Notes about the room"), 2, form="room", field="notes")
        self.add_room_button = QPushButton(tr("Add the &room"))
        self.add_room_button.clicked.connect(self.add_room)
        self.retire_button = QPushButton(tr("Re&tire the chosen room"))
        self.retire_button.clicked.connect(self.retire)
        self.retire_button.setEnabled(False)
        self.message = MessageLine("rooms_message")
        self.errors = FieldErrors(self.message)          # the site form's
        self.room_errors = FieldErrors(self.message)     # the room form's
        sites = QGroupBox(tr("Add a site"))
        form = QFormLayout(sites)
        self.errors.add_row(form, tr("Site &name:"), "name", self.site_name)
        self.errors.add_row(form, tr("A&ddress:"), "address", self.site_address)
        form.addRow("", self.add_site_button)
        rooms = QGroupBox(tr("Add a room"))
        form = QFormLayout(rooms)
        self.room_errors.add_row(form, tr("S&ite:"), "site_id", self.site)
        self.room_errors.add_row(form, tr("R&oom name:"), "name", self.room_name)
        form.addRow("", self.step_free)
        self.room_errors.add_row(form, tr("No&tes:"), "notes", self.room_notes)
        form.addRow("", self.add_room_button)
        right = QVBoxLayout()
        right.addWidget(sites)
        right.addWidget(rooms)
        right.addWidget(self.retire_button)
        right.addWidget(self.message)
        right.addStretch()
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(right)
        self.refresh()

    def refresh(self) -> None:
        session = self._session
        op(self, lambda: diary.rooms(session, include_retired=True), key="rooms") \
            .success(self._show).failure(self.errors.failed).run()

    def _show(self, found) -> None:
        sites, self.rooms = found
        chosen = self.site.currentData()
        self.site.clear()
        for site in sites:
            if site.active:
                self.site.addItem(site.name, site.id)
        self.site.setCurrentIndex(max(0, self.site.findData(chosen)))
        fill(self.table, [(r.site, r.name, yes_no(r.step_free), yes_no(r.active), r.notes)
                          for r in self.rooms])
        self._selected()

    def chosen(self) -> diary.RoomView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        return self.rooms[rows[0].row()] if rows else None

    def _selected(self) -> None:
        room = self.chosen()
        self.retire_button.setEnabled(room is not None and room.active)

    def _run(self, call, done: str, errors: FieldErrors, clear=None) -> None:
        self.errors.clear()
        self.room_errors.clear()

        def saved(_result) -> None:
            if clear is not None:
                clear()
            self.message.done(done)
            self.refresh()
        op(self, call, key="save").success(saved).failure(errors.failed) \
            .changes("diary").run()

    def add_site(self) -> None:
        session = self._session
        form = diary.SiteForm(self.site_name.text().strip(),
                              self.site_address.toPlainText().strip())
        self._run(lambda: diary.save_site(session, form), tr("The site is added."),
                  self.errors, lambda: (self.site_name.clear(), self.site_address.clear()))

    def add_room(self) -> None:
        session = self._session
        form = diary.RoomForm(self.site.currentData(), self.room_name.text().strip(),
                              self.room_notes.toPlainText().strip(), self.step_free.isChecked())
        self._run(lambda: diary.save_room(session, form), tr("The room is added."),
                  self.room_errors, lambda: (self.room_name.clear(), self.room_notes.clear()))

    def retire(self) -> None:
        room, session = self.chosen(), self._session
        if room is None:
            return
        form = diary.RoomForm(room.site_id, room.name, room.notes, room.step_free, False)
        self._run(lambda: diary.save_room(session, form, room.id, opened=room),
                  tr("The room is retired: it can no longer be booked."), self.room_errors)
