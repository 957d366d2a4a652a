"""Possible connections (issue 7, DESIGN.md section 5): the confidential flags the
connection check raises, for managers only. A flag shows both records side by side with
the evidence for the match; the manager confirms it (with the safety measures agreed) or
dismisses it (with the reason). Decided flags stay in the list, marked as decided: nothing
is deleted, and a decision can be replaced by another."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...services.connections import (check as connection_check, flags as connection_flags,
                                     index as connection_index)
from ..common.field_errors import FieldErrors
from ..common.fields import note_edit
from ..common.messages import MessageLine, plain_label, plain_message
from ..common.operation import CASELOAD, FLAGS, op
from ..common.text import tr

COLUMNS = (QT_TR_NOOP("Raised"), QT_TR_NOOP("Why the check ran"), QT_TR_NOOP("Records"),
           QT_TR_NOOP("Score"), QT_TR_NOOP("Status"))
INTRO = QT_TR_NOOP("Each new client and person of concern is compared with everyone already "
         "recorded; only managers see these flags. A match with someone a client named as "
         "the person who harmed them, or someone we cannot support, holds the case: "
         "confirming raises a concern on it. Otherwise confirming keeps the two apart. "
         "Dismiss a flag if they are not the same person.")
FIELDS = ((QT_TR_NOOP("Record"), "kind_label"), (QT_TR_NOOP("Name"), "name"),
          (QT_TR_NOOP("Preferred name"), "preferred_name"),
          (QT_TR_NOOP("Date of birth"), "date_of_birth"), (QT_TR_NOOP("Age"), "age"),
          (QT_TR_NOOP("Phone"), "phone"), (QT_TR_NOOP("Postcode"), "postcode"),
          (QT_TR_NOOP("Who they are to the client"), "relationship"),
          (QT_TR_NOOP("Named by"), "named_by"),
          (QT_TR_NOOP("Other details given"), "other_identifiers"),
          (QT_TR_NOOP("Case"), "case_reference"), (QT_TR_NOOP("Case status"), "case_status"),
          (QT_TR_NOOP("Worker"), "worker_name"))
# Rows that only make sense for one kind of record (hidden for the other).
ONLY_FOR = {"preferred_name": connection_index.CLIENT, "relationship": connection_index.POC,
            "named_by": connection_index.POC, "other_identifiers": connection_index.POC}


def _day(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


def _text(record, attribute: str) -> str:
    value = getattr(record, attribute)
    if value is None or value == "":
        return tr("Not known")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return tr(value) if attribute in ("kind_label", "case_status") else str(value)


class RecordPanel(QGroupBox):
    """One side of a flag: what is held about the person, and which case they are on."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.values: dict[str, QLabel] = {}
        for words, attribute in FIELDS:
            label = plain_label()
            label.setAccessibleName(f"{title}: {tr(words)}")
            self.values[attribute] = label
            self.form.addRow(tr("{field}:").format(field=tr(words)), label)

    def show_record(self, record) -> None:
        for attribute, label in self.values.items():
            label.setText(_text(record, attribute))
            kind = ONLY_FOR.get(attribute)
            self.form.setRowVisible(label, kind is None or kind == record.kind)

    def text(self) -> str:
        return "\n".join(label.text() for label in self.values.values())


class ConnectionsPanel(QWidget):
    """The list of flags, one flag side by side, and the two decisions. Emits
    ``count_changed(open_flags)`` after every refresh and decision."""

    count_changed = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.flags: list = []
        self.current = None
        intro = QLabel(tr(INTRO))
        intro.setWordWrap(True)
        self.show_decided = QCheckBox(tr("Show &decided flags too"))
        self.show_decided.setChecked(True)
        self.show_decided.toggled.connect(lambda: self.refresh())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(tr("Possible connections"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_flag(row))
        self.count = QLabel()
        self.count.setObjectName("flag_count")
        self.message = MessageLine("flag_message")

        self.status = QLabel()
        self.status.setObjectName("flag_status")
        self.status.setWordWrap(True)
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        self.left = RecordPanel(tr("Record on one case"))
        self.right = RecordPanel(tr("Record on the other case"))
        sides = QHBoxLayout()
        sides.addWidget(self.left, 1)
        sides.addWidget(self.right, 1)
        self.evidence = plain_label()
        self.evidence.setObjectName("flag_evidence")
        self.evidence.setAccessibleName(tr("Evidence for the match"))
        self.history = plain_label()
        self.history.setObjectName("flag_history")
        self.history.setAccessibleName(tr("Decisions and what they mean"))
        self.decided = MessageLine("flag_decided")
        self.errors = FieldErrors(self.decided)
        self.safety_measures = note_edit(tr("Safety measures agreed"), 3,
                                         form="connection_flag", field="safety_measures")
        self.confirm_button = QPushButton(tr("&Confirm: the same person, keep them apart"))
        self.confirm_button.clicked.connect(self.confirm)
        self.reason = note_edit(tr("Why this is not the same person"), 3,
                                form="connection_flag", field="reason")
        self.dismiss_button = QPushButton(tr("D&ismiss: not the same person"))
        self.dismiss_button.clicked.connect(self.dismiss)
        decide = QGroupBox(tr("Decide"))
        form = QFormLayout(decide)
        self.errors.add_row(form, tr("Safety &measures agreed:"), "safety_measures",
                            self.safety_measures)
        form.addRow("", self.confirm_button)
        self.errors.add_row(form, tr("Reason for &dismissing:"), "reason", self.reason)
        form.addRow("", self.dismiss_button)

        detail = QWidget()
        inner = QVBoxLayout(detail)
        inner.addWidget(self.status)
        inner.addLayout(sides)
        why = QVBoxLayout()
        why.addWidget(self.evidence)
        why.addWidget(self.history)
        why.addStretch()
        act = QVBoxLayout()
        act.addWidget(decide)
        act.addWidget(self.decided)
        act.addStretch()
        lower = QHBoxLayout()
        lower.addLayout(why, 1)
        lower.addLayout(act, 1)
        inner.addLayout(lower)
        inner.addStretch()
        self.detail = detail
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        top = QWidget()
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(intro)
        upper.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.show_decided)
        upper.addLayout(bottom)
        upper.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([170, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        detail.setEnabled(False)

    # -- the list --------------------------------------------------------------------

    def refresh(self, keep: int | None = None) -> None:
        """Ask the service for the flags again (on the database thread); open ones first,
        then decided ones."""
        keep = keep if keep is not None else (self.current.id if self.current else None)
        session, decided = self._session, self.show_decided.isChecked()
        op(self, lambda: connection_flags.open_flags(session, include_decided=decided)) \
            .success(lambda found: self._listed(found, keep, decided)) \
            .failure(lambda exc: self._listed([], keep, decided, exc)).run()

    def _listed(self, found, keep, decided: bool, exc=None) -> None:
        self.message.clear()
        if exc is not None:
            self.message.setText(plain_message(exc))
        self.flags = sorted(found, key=lambda f: f.status != connection_check.OPEN)
        waiting = sum(1 for f in self.flags if f.status == connection_check.OPEN)
        if not decided:
            waiting = len(self.flags)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.flags))
        for n, flag in enumerate(self.flags):
            texts = (_day(flag.raised_at), tr(flag.trigger),
                     tr("{one} and {other}").format(one=flag.left.case_reference,
                                                    other=flag.right.case_reference),
                     str(flag.score), tr(flag.status_label))
            for column, text in enumerate(texts):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.count.setText(tr("No possible connections wait for a manager.") if not waiting
                           else tr("%n possible connection(s) waiting for a manager.", "",
                                   waiting))
        ids = [f.id for f in self.flags]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        if row >= 0:
            self.table.selectRow(row)
        self.show_flag(row)
        self.count_changed.emit(waiting)

    def select_flag(self, flag_id: int) -> bool:
        ids = [f.id for f in self.flags]
        if flag_id not in ids:
            return False
        self.table.selectRow(ids.index(flag_id))
        self.show_flag(ids.index(flag_id))
        return True

    # -- one flag --------------------------------------------------------------------

    def show_flag(self, row: int) -> None:
        self.current = self.flags[row] if 0 <= row < len(self.flags) else None
        self.detail.setEnabled(self.current is not None)
        self.errors.clear_fields()
        if self.current is None:
            self.status.setText(tr("Choose a flag to see both records."))
            for box in (self.left, self.right):
                for label in box.values.values():
                    label.clear()
            self.evidence.clear()
            self.history.clear()
            return
        flag = self.current
        self.status.setText(
            tr("{status}. Score {score} (a flag is raised at {threshold}). {trigger} on {day}")
            .format(status=tr(flag.status_label), score=flag.score,
                    threshold=connection_check.THRESHOLD, trigger=tr(flag.trigger),
                    day=_day(flag.raised_at))
            + (tr(", by {name}.").format(name=flag.raised_by) if flag.raised_by else "."))
        self.left.show_record(flag.left)
        self.right.show_record(flag.right)
        self.confirm_button.setText(
            tr("&Confirm: the same person, raise a concern") if flag.held_case
            else tr("&Confirm: the same person, keep them apart"))
        self.evidence.setText(tr(flag.rule_label)
                              + (tr(" Held: {case}.").format(case=flag.held_case)
                                 if flag.held_case else "")
                              + "\n\n" + tr("What matched:") + "\n"
                              + "\n".join(f"•  {line}" for line in flag.evidence))
        lines = []
        for d in flag.decisions:
            said = (tr("safety measures: {text}").format(text=d.safety_measures)
                    if d.safety_measures else tr("reason: {text}").format(text=d.reason))
            word = tr("Confirmed") if d.decision == connection_check.CONFIRMED else tr("Dismissed")
            lines.append(tr("{word} by {name} on {day}; {said}").format(
                word=word, name=d.decided_by, day=_day(d.decided_at), said=said))
        if flag.keeps_apart:
            lines.append(tr("Confirming keeps these cases apart: {what}.").format(
                what=", ".join(flag.keeps_apart)))
        lines.extend(tr("Needs action: {clash}").format(clash=clash) for clash in flag.clashes)
        self.history.setText("\n".join(lines))
        self.history.setVisible(bool(lines))

    def confirm(self) -> None:
        self._decide(connection_flags.confirm, self.safety_measures,
                     tr("Confirmed. The two clients are now kept apart."))

    def dismiss(self) -> None:
        self._decide(connection_flags.dismiss, self.reason,
                     tr("Dismissed. The flag stays on record and can be confirmed later."))

    def _decide(self, action, edit, done: str) -> None:
        self.decided.clear()
        if self.current is None:
            return
        session, flag_id, text = self._session, self.current.id, edit.toPlainText().strip()

        def decided(_result) -> None:
            self.safety_measures.clear()
            self.reason.clear()
            self.refresh(keep=flag_id)
            self.decided.done(done)
        op(self, lambda: action(session, flag_id, text), key="decide").success(decided) \
            .failure(self.errors.failed).changes(FLAGS, CASELOAD).run()
