"""Records: how long closed cases are kept (set by an administrator), the closed cases past
that time for a manager to review and erase, and subject access exports.

A subject access bundle is built in memory and previewed; saving a copy warns first and
is recorded. Before it is made, the names of other people found in its free text (people
recorded on the case, staff, persons of concern on other records) are listed for the
manager to withhold (ticked) or release; what was withheld, and why, is listed beside the
preview.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from ...policy import roles as role_names, validation
from ...services import audit, caseload, exports, retention, subject_access
from ..common.field_errors import FieldErrors
from ..common.fields import count_suffix
from ..common.layout import row
from ..common.messages import NOTICE_STYLE, MessageLine, heading, plain_message, words
from ..common.operation import CASELOAD, RECORDS, op
from ..common.pdf_preview_dialog import PdfPreviewDialog
from ..common.tables import fill, read_only_table
from ..common.text import tr

DUE_COLUMNS = (QT_TR_NOOP("Case"), QT_TR_NOOP("Closed on"), QT_TR_NOOP("Why it closed"),
               QT_TR_NOOP("Kept until"), QT_TR_NOOP("Worker"))


class RecordsPage(QWidget):
    title = QT_TR_NOOP("Records")
    DUE_COLUMNS = DUE_COLUMNS

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.manager = role_names.MANAGER in session.roles
        self.due: list[retention.DueCase] = []
        self.found: list[caseload.CaseRow] = []
        self.preview: PdfPreviewDialog | None = None
        self.bundle = None

        # -- retention period (administrators change it) --
        self.period_message = MessageLine("period_message", NOTICE_STYLE)
        self.errors = FieldErrors(self.period_message)
        self.years = QSpinBox()
        self.years.setRange(1, retention.MAX_YEARS)
        count_suffix(self.years, "%n year(s)")
        self.years.setAccessibleName(tr("Keep closed cases for"))
        self.save_years = QPushButton(tr("Save &period"))
        self.save_years.clicked.connect(self.save_period)
        admin = role_names.ADMIN in session.roles
        self.years.setEnabled(admin)
        self.save_years.setVisible(admin)
        period_box = QGroupBox(tr("How long closed cases are kept"))
        form = QFormLayout(period_box)
        self.errors.add_row(form, tr("Keep closed cases &for:"), "years",
                            row(self.years, self.save_years))
        form.addRow("", self.period_message)

        # -- cases past it (managers) --
        self.due_table = read_only_table([tr(c) for c in DUE_COLUMNS],
                                         tr("Closed cases past the retention period"))
        self.due_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.erase_button = QPushButton(tr("&Erase the selected cases…"))
        self.erase_button.clicked.connect(self.confirm_erase)
        self.due_message = MessageLine("due_message", NOTICE_STYLE)
        due_box = QGroupBox(tr("Closed cases past the retention period"))
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.due_table)
        due_layout.addWidget(row(self.erase_button))
        due_layout.addWidget(self.due_message)

        # -- subject access (managers) --
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Find the case"))
        self.search.setPlaceholderText(tr("Name, reference, date of birth or postcode"))
        self.search.setMaxLength(validation.limit("search", "query"))
        self.search.returnPressed.connect(self.find)
        find = QPushButton(tr("F&ind"))
        find.clicked.connect(self.find)
        self.results = QListWidget()
        self.results.setAccessibleName(tr("Cases found"))
        self.results.setMaximumHeight(110)
        self.export_button = QPushButton(tr("Subject &access export…"))
        self.export_button.clicked.connect(self.export_selected)
        self.names = QListWidget()
        self.names.setAccessibleName(tr("Other people's names found: ticked ones are "
                                        "withheld"))
        self.names.setMaximumHeight(150)
        self.names.setWordWrap(True)
        self.names_hint = words(tr("Names of other people found in what the copy would "
                                   "show. Ticked names are withheld (replaced); untick a name "
                                   "to release it. Then press \u201cMake the copy\u201d."))
        self.reviewed: tuple[int, list] | None = None     # (case id, names to review)
        self.withheld = QListWidget()
        self.withheld.setAccessibleName(tr("Withheld from the bundle (other people's "
                                           "details)"))
        self.withheld.setMaximumHeight(130)
        self.export_message = MessageLine("export_message")
        sar_box = QGroupBox(tr("Subject access request"))
        sar = QVBoxLayout(sar_box)
        sar.addWidget(row(self.search, find))
        sar.addWidget(self.results)
        sar.addWidget(row(self.export_button))
        sar.addWidget(self.export_message)
        sar.addWidget(self.names_hint)
        sar.addWidget(self.names)
        sar.addWidget(self.withheld)
        self.names_hint.hide()
        self.names.hide()
        self.withheld.hide()
        self.search.setMinimumWidth(340)

        self.fingerprint = QLabel(tr("Press the button to see it."))
        self.fingerprint.setAccessibleName(tr("Audit fingerprint"))
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        show = self.fingerprint_button = QPushButton(tr("Show the audit &fingerprint"))
        show.clicked.connect(self.show_fingerprint)
        print_box = QGroupBox(tr("Audit fingerprint"))
        prints = QVBoxLayout(print_box)
        explain = QLabel(tr("A short fingerprint of everything in the audit trail so far. Note it "
                         "down with the date (for example in the management meeting's "
                         "minutes): an administrator can later check that the trail still "
                         "holds that entry unchanged, which nobody can fake from inside the "
                         "data folder."))
        explain.setWordWrap(True)
        prints.addWidget(explain)
        prints.addWidget(row(show, self.fingerprint))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(print_box)
        layout.addWidget(period_box)
        layout.addWidget(due_box, 1)
        layout.addWidget(sar_box, 1)
        due_box.setVisible(self.manager)
        sar_box.setVisible(self.manager)
        self.refresh()

    def refresh(self) -> None:
        """The period, and (for managers) the cases past it, read on the database thread."""
        session, manager = self._session, self.manager

        def look():
            return retention.read(session).years, (retention.due(session) if manager else [])
        op(self, look).success(lambda found: self._show(*found)).run()

    def _show(self, years: int, due) -> None:
        self.years.setValue(years)
        if not self.manager:
            return
        self.due = list(due)
        fill(self.due_table, [(case.reference, case.closed_on.strftime("%d %b %Y"),
                               tr(case.closed_reason), case.keep_until.strftime("%d %b %Y"),
                               case.worker_name) for case in self.due])
        self.erase_button.setEnabled(bool(self.due))
        if not self.due and not self.due_message.is_success:
            self.due_message.setText(tr("No closed case is past the retention period."))

    # -- retention -----------------------------------------------------------------------

    def save_period(self) -> None:
        session, years = self._session, self.years.value()

        def saved(_result) -> None:
            self.errors.clear()
            self.period_message.done(tr("Saved."))
            self.refresh()
        op(self, lambda: retention.set_period(session, years), key="period") \
            .success(saved).failure(self.errors.failed).changes(RECORDS).run()

    def selected_due(self) -> list[retention.DueCase]:
        rows = sorted({i.row() for i in self.due_table.selectionModel().selectedRows()})
        return [self.due[r] for r in rows if r < len(self.due)]

    def confirm_erase(self) -> None:
        chosen = self.selected_due()
        if not chosen:
            self.due_message.setText(tr("Select the cases to erase in the list first."))
            return
        answer = QMessageBox.question(
            self, tr("SV2 Desk — Erase these cases?"),
            tr("Erase the personal data of %n closed case(s)?", "", len(chosen)) + "\n\n"
            + tr("Every word typed about the person goes and cannot be brought back. The "
                 "case keeps only its dates and codes for the anonymous reports."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.erase(chosen)

    def erase(self, chosen) -> None:
        """Erase on the database thread, showing how far it has got (it rewrites the free
        pages of the database file, which takes a while)."""
        session, ids = self._session, [c.case_id for c in chosen]

        def erased(count: int) -> None:
            self.due_message.done(tr("%n case(s) erased.", "", count))
            self.refresh()
        op(self, lambda report: retention.erase(session, ids, progress=report),
           progress=tr("Erasing the chosen cases…"), key="erase").success(erased) \
            .failure(lambda exc: self.due_message.problem(plain_message(exc))) \
            .changes(RECORDS, CASELOAD).run()

    def show_fingerprint(self) -> None:
        session = self._session

        def shown(found) -> None:
            if found is None:
                self.fingerprint.setText(tr("The audit trail is empty."))
                return
            self.fingerprint.setText(tr("Entry {seq:,}: {text}").format(seq=found.seq,
                                                                         text=found.text))
        op(self, lambda: audit.fingerprint(session), key="fingerprint").success(shown) \
            .failure(lambda exc: self.fingerprint.setText(plain_message(exc))).run()

    # -- subject access ------------------------------------------------------------------

    def find(self) -> None:
        session, text = self._session, self.search.text()
        op(self, lambda: caseload.search(session, text), key="find").success(self._found) \
            .failure(lambda exc: self.export_message.setText(plain_message(exc))).run()

    def _found(self, found) -> None:
        self.found = list(found)
        self.results.clear()
        for case in self.found:
            item = QListWidgetItem(f"{case.reference}  ·  {case.name}  ·  "
                                   f"{tr(case.status_label)}")
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            self.results.addItem(item)
        if self.found:
            self.results.setCurrentRow(0)
            self.export_message.clear()
        else:
            self.export_message.setText(tr("No case matches that."))

    def show_names(self, case_id: int, found) -> list:
        """List the other people's names found, ticked where withheld by default."""
        self.reviewed = (case_id, found)
        self.names.clear()
        for name in found:
            where = "; ".join(name.places[:3]) + (" …" if len(name.places) > 3 else "")
            item = QListWidgetItem(tr("{name} ({who}), in {where}").format(
                name=name.name, who=name.who, where=where))
            item.setData(Qt.ItemDataRole.UserRole, name.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name.withhold_by_default
                               else Qt.CheckState.Unchecked)
            self.names.addItem(item)
        self.names.setVisible(bool(found))
        self.names_hint.setVisible(bool(found))
        return found

    def withhold_choice(self) -> set[str]:
        return {self.names.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.names.count())
                if self.names.item(i).checkState() == Qt.CheckState.Checked}

    def export_selected(self) -> None:
        """First the names to review (if any are found); then, pressed again, the copy.
        Both are made on the database thread."""
        item = self.results.currentItem()
        if item is None:
            self.export_message.setText(tr("Find the case and select it first."))
            return
        case_id = item.data(Qt.ItemDataRole.UserRole)
        session = self._session
        if self.reviewed is None or self.reviewed[0] != case_id:
            self.withheld.hide()

            def reviewed(found) -> None:
                if self.show_names(case_id, found):
                    self.export_button.setText(tr("Make the &copy…"))
                    self.export_message.setText(tr("Check the names listed below first."))
                    self.names.setFocus()
                else:
                    self._make_copy(case_id, set())
            op(self, lambda: subject_access.review(session, case_id), key="review") \
                .success(reviewed) \
                .failure(lambda exc: self.export_message.setText(plain_message(exc))).run()
            return
        self._make_copy(case_id, self.withhold_choice())

    def _make_copy(self, case_id: int, withhold: set[str]) -> None:
        session = self._session
        op(self, lambda _report: subject_access.export(session, case_id, withhold),
           progress=tr("Making the subject access copy…"), key="export") \
            .success(lambda bundle: self._made(case_id, bundle)) \
            .failure(lambda exc: self.export_message.setText(plain_message(exc))).run()

    def _made(self, case_id: int, bundle) -> PdfPreviewDialog:
        self.export_message.clear()
        self.export_button.setText(tr("Subject &access export…"))
        self.reviewed = None
        self.bundle = bundle
        self.withheld.clear()
        for w in bundle.withheld:
            self.withheld.addItem(tr("Withheld: {section}: {item}. Why: {why}").format(
                section=w.section, item=w.item, why=w.reason))
        if not bundle.withheld:
            self.withheld.addItem(tr("Nothing was withheld."))
        self.withheld.show()
        session = self._session

        def record(call) -> None:
            op(self, lambda: call(session, "subject_access", "case", case_id)).run()
        self.preview = PdfPreviewDialog(
            bundle.pdf, tr("Subject access bundle"),
            suggested_name=f"subject-access-{bundle.reference}.pdf",
            on_printed=lambda: record(exports.record_print),
            on_saved=lambda: record(exports.record_saved_copy), parent=self)
        self.preview.show()
        return self.preview
