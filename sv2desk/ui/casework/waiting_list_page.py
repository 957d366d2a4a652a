"""The waiting list: who is waiting for which service, urgent first and then longest
waiting, filtered by service and priority, a page at a time. A manager allocates the chosen
person to a worker, which starts their support; a client whose case is paused shows why they
cannot be allocated, and the button stays off."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout,
                               QWidget)

from ...policy import permissions, waiting as policy
from ...services import caseload, waiting_list
from ..common.field_errors import FieldErrors
from ..common.fields import combo, note_edit
from ..common.messages import MessageLine, heading, words
from ..common.operation import CASELOAD, Changes, Desk, op
from ..common.tables import fill, read_only_table
from ..common.text import tr

COLUMNS = ("Client", "Reference", "Service", "Priority", "Waiting since", "Days waiting",
           "Stage", "Worker", "Note")
ANY = None


class WaitingListPage(QWidget):
    """The list, its filters, and allocating or taking someone off it."""

    case_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.offset = 0
        self.page: waiting_list.WaitingPage | None = None
        self.title = heading(tr("Waiting list"))
        self.service = combo(tr("Service"), [(tr("Every service"), ANY)] + [
            (tr(label), code) for code, label in policy.SERVICES.items()])
        self.priority = combo(tr("Priority"), [(tr("Every priority"), ANY)] + [
            (tr(label), code) for code, label in policy.PRIORITIES.items()])
        for box in (self.service, self.priority):
            box.currentIndexChanged.connect(self._filtered)
        self.count = words()
        self.previous = QPushButton(tr("← &Previous page"))
        self.next = QPushButton(tr("&Next page →"))
        self.previous.clicked.connect(lambda: self._page(-1))
        self.next.clicked.connect(lambda: self._page(1))
        top = QHBoxLayout()
        for widget in (self.service, self.priority):
            top.addWidget(widget)
        top.addStretch()
        top.addWidget(self.previous)
        top.addWidget(self.next)
        self.table = read_only_table([tr(c) for c in COLUMNS], tr("People waiting"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemDoubleClicked.connect(self._open)
        self.why_not = words()
        self.why_not.setObjectName("why_not")
        self.worker = combo(tr("Worker to allocate to"), [])
        self.allocate_button = QPushButton(tr("&Allocate: start support"))
        self.allocate_button.clicked.connect(self.allocate)
        self.reason = combo(tr("Why they are coming off the list"), [
            (tr(label), code) for code, label in policy.STAFF_REMOVAL_REASONS.items()])
        self.removal_note = note_edit(tr("Why they were taken off the list"), 2,
                                      form="waiting_list", field="removal_note")
        self.remove_button = QPushButton(tr("&Take off the list"))
        self.remove_button.clicked.connect(self.remove)
        self.message = MessageLine("waiting_list_message")
        self.errors = FieldErrors(self.message)
        self.actions = QGroupBox(tr("The person chosen"))
        form = QFormLayout(self.actions)
        form.addRow(self.why_not)
        self.allocates = permissions.sees_every_case(session.roles)
        if self.allocates:
            self.errors.add_row(form, tr("&Worker:"), "worker", self.worker)
            form.addRow("", self.allocate_button)
        self.errors.add_row(form, tr("&Reason:"), "reason", self.reason)
        self.errors.add_row(form, tr("N&ote:"), "removal_note", self.removal_note)
        form.addRow("", self.remove_button)
        self.actions.setEnabled(False)
        self.actions.setMaximumWidth(420)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(self.actions)
        right.addWidget(self.message)
        right.addStretch()
        body.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.count)          # its own line: the count never squeezed
        layout.addLayout(body, 1)
        Desk.current().changed.connect(self._changed)
        self._loaded = False     # read when first shown (a view is audited: only when seen)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._loaded:
            return
        self._loaded = True
        if self.allocates:
            session = self._session
            op(self, lambda: caseload.workers(session), key="workers") \
                .success(self._workers).failure(lambda exc: None).run()
        self.refresh()

    def _workers(self, workers) -> None:
        for worker_id, name in workers:
            self.worker.addItem(name, worker_id)

    def _filtered(self) -> None:
        self.offset = 0
        self.refresh()

    def _page(self, direction: int) -> None:
        self.offset = max(0, self.offset + direction * waiting_list.PAGE)
        self.refresh()

    def refresh(self) -> None:
        session, offset = self._session, self.offset
        service, priority = self.service.currentData(), self.priority.currentData()
        op(self, lambda: waiting_list.waiting(session, service=service, priority=priority,
                                              offset=offset), key="refresh") \
            .success(self._show).failure(self.errors.failed).run()

    def _show(self, page: waiting_list.WaitingPage) -> None:
        self.page = page
        fill(self.table, [(r.client_name, r.reference, r.service_label, r.priority_label,
                           r.waiting_since.strftime("%d/%m/%Y"), str(r.days_waiting),
                           r.stage_label, r.worker_name, r.note) for r in page.rows],
             data=lambda n: page.rows[n].id)
        shown = len(page.rows)
        self.count.setText(tr("{first}–{last} of {total} waiting").format(
            first=page.offset + 1 if shown else 0, last=page.offset + shown, total=page.total))
        self.previous.setEnabled(page.offset > 0)
        self.next.setEnabled(page.offset + shown < page.total)
        self._selected()

    def chosen(self) -> waiting_list.WaitingRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        return self.page.rows[rows[0].row()] if rows and self.page else None

    def _selected(self) -> None:
        row = self.chosen()
        self.actions.setEnabled(row is not None)
        why = row.can_allocate if row is not None else None
        self.why_not.setText(why or "")
        self.why_not.setVisible(bool(why))
        self.allocate_button.setEnabled(row is not None and why is None)

    def _open(self, item) -> None:
        row = self.chosen()
        if row is not None:
            self.case_requested.emit(row.case_id)

    def _changed(self, changes: Changes) -> None:
        if self._loaded and changes.touches(CASELOAD, "waiting"):
            self.refresh()

    def allocate(self) -> None:
        row, session, worker = self.chosen(), self._session, self.worker.currentData()
        if row is None:
            return
        self.errors.clear()
        op(self, lambda: waiting_list.allocate(session, row.id, worker), key="allocate") \
            .success(lambda _: self.message.done(tr("Allocated: their support has started."))) \
            .failure(self.errors.failed).changes(CASELOAD, "waiting").run()

    def remove(self) -> None:
        row, session = self.chosen(), self._session
        if row is None:
            return
        reason, note = self.reason.currentData(), self.removal_note.toPlainText().strip()
        self.errors.clear()
        op(self, lambda: waiting_list.remove(session, row.id, reason, note), key="remove") \
            .success(lambda _: (self.removal_note.clear(),
                                self.message.done(tr("Taken off the waiting list.")))) \
            .failure(self.errors.failed).changes(CASELOAD, "waiting").run()
