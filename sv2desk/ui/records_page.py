"""Records: how long closed cases are kept (set by an administrator), the closed cases past
that time for a manager to review and erase, and subject access exports.

A subject access bundle is built in memory and previewed; saving a copy warns first and
is recorded. Before it is made, the names of other people found in its free text (people
recorded on the case, staff, persons of concern on other records) are listed for the
manager to withhold (ticked) or release; what was withheld, and why, is listed beside the
preview.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton,
                               QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from .. import errors
from ..policy import roles as role_names
from ..services import audit, caseload, exports, retention, subject_access
from .forms import NOTICE_STYLE, FieldErrors, MessageLine, heading, row
from .pdf_preview import PdfPreviewDialog
from .sign_in import plain_message


def _table(columns, name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setAccessibleName(name)
    return table


class RecordsPage(QWidget):
    title = "Records"
    DUE_COLUMNS = ("Case", "Closed on", "Why it closed", "Kept until", "Worker")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.manager = role_names.MANAGER in session.roles
        self.due: list[retention.DueCase] = []
        self.found: list[caseload.CaseRow] = []
        self.preview: PdfPreviewDialog | None = None
        self.bundle = None

        # -- retention period (administrators change it) --
        self.errors = FieldErrors()
        self.years = QSpinBox()
        self.years.setRange(1, retention.MAX_YEARS)
        self.years.setSuffix(" years")
        self.years.setAccessibleName("Keep closed cases for")
        self.save_years = QPushButton("Save &period")
        self.save_years.clicked.connect(self.save_period)
        admin = role_names.ADMIN in session.roles
        self.years.setEnabled(admin)
        self.save_years.setVisible(admin)
        self.period_message = MessageLine("period_message", NOTICE_STYLE)
        period_box = QGroupBox("How long closed cases are kept")
        form = QFormLayout(period_box)
        self.errors.add_row(form, "Keep closed cases &for:", "years",
                            row(self.years, self.save_years))
        form.addRow("", self.period_message)

        # -- cases past it (managers) --
        self.due_table = _table(self.DUE_COLUMNS, "Closed cases past the retention period")
        self.erase_button = QPushButton("&Erase the selected cases…")
        self.erase_button.clicked.connect(self.confirm_erase)
        self.due_message = MessageLine("due_message", NOTICE_STYLE)
        due_box = QGroupBox("Closed cases past the retention period")
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.due_table)
        due_layout.addWidget(row(self.erase_button))
        due_layout.addWidget(self.due_message)

        # -- subject access (managers) --
        self.search = QLineEdit()
        self.search.setAccessibleName("Find the case")
        self.search.setPlaceholderText("Name, reference, date of birth or postcode")
        self.search.returnPressed.connect(self.find)
        find = QPushButton("F&ind")
        find.clicked.connect(self.find)
        self.results = QListWidget()
        self.results.setAccessibleName("Cases found")
        self.results.setMaximumHeight(110)
        self.export_button = QPushButton("Subject &access export…")
        self.export_button.clicked.connect(self.export_selected)
        self.names = QListWidget()
        self.names.setAccessibleName("Other people's names found: ticked ones are withheld")
        self.names.setMaximumHeight(150)
        self.names.setWordWrap(True)
        self.names_hint = QLabel("Names of other people found in what the copy would show. "
                                 "Ticked names are withheld (replaced); untick a name to "
                                 "release it. Then press \u201cMake the copy\u201d.")
        self.names_hint.setWordWrap(True)
        self.reviewed: tuple[int, list] | None = None     # (case id, names to review)
        self.withheld = QListWidget()
        self.withheld.setAccessibleName("Withheld from the bundle (other people's details)")
        self.withheld.setMaximumHeight(130)
        self.export_message = MessageLine("export_message")
        sar_box = QGroupBox("Subject access request")
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

        self.fingerprint = QLabel("Press the button to see it.")
        self.fingerprint.setAccessibleName("Audit fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        show = self.fingerprint_button = QPushButton("Show the audit &fingerprint")
        show.clicked.connect(self.show_fingerprint)
        print_box = QGroupBox("Audit fingerprint")
        prints = QVBoxLayout(print_box)
        explain = QLabel("A short fingerprint of everything in the audit trail so far. Note it "
                         "down with the date (for example in the management meeting's "
                         "minutes): an administrator can later check that the trail still "
                         "holds that entry unchanged, which nobody can fake from inside the "
                         "data folder.")
        explain.setWordWrap(True)
        prints.addWidget(explain)
        prints.addWidget(row(show, self.fingerprint))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title))
        layout.addWidget(print_box)
        layout.addWidget(period_box)
        layout.addWidget(due_box, 1)
        layout.addWidget(sar_box, 1)
        due_box.setVisible(self.manager)
        sar_box.setVisible(self.manager)
        self.refresh()

    def refresh(self) -> None:
        self.years.setValue(retention.read(self._session).years)
        if not self.manager:
            return
        self.due = retention.due(self._session)
        self.due_table.setRowCount(len(self.due))
        for r, case in enumerate(self.due):
            for c, value in enumerate((case.reference, case.closed_on.strftime("%d %b %Y"),
                                       case.closed_reason,
                                       case.keep_until.strftime("%d %b %Y"),
                                       case.worker_name)):
                self.due_table.setItem(r, c, QTableWidgetItem(value))
        self.due_table.resizeColumnsToContents()
        self.erase_button.setEnabled(bool(self.due))
        if not self.due:
            self.due_message.setText("No closed case is past the retention period.")

    # -- retention -----------------------------------------------------------------------

    def save_period(self) -> None:
        try:
            retention.set_period(self._session, self.years.value())
        except errors.ValidationError as exc:
            self.errors.show(exc.fields)
            return
        self.errors.clear()
        self.period_message.setText("Saved.")
        self.refresh()

    def selected_due(self) -> list[retention.DueCase]:
        rows = sorted({i.row() for i in self.due_table.selectionModel().selectedRows()})
        return [self.due[r] for r in rows if r < len(self.due)]

    def confirm_erase(self) -> None:
        chosen = self.selected_due()
        if not chosen:
            self.due_message.setText("Select the cases to erase in the list first.")
            return
        answer = QMessageBox.question(
            self, "SV2 Desk — Erase these cases?",
            f"Erase the personal data of {len(chosen)} closed case(s)?\n\nEvery word typed "
            "about the person goes and cannot be brought back. The case keeps only its dates "
            "and codes for the anonymous reports.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.erase(chosen)

    def erase(self, chosen) -> None:
        try:
            count = retention.erase(self._session, [c.case_id for c in chosen])
        except errors.SV2Error as exc:
            self.due_message.setText(plain_message(exc))
            return
        self.refresh()
        self.due_message.setText(f"{count} case(s) erased.")

    def show_fingerprint(self) -> None:
        try:
            found = audit.fingerprint(self._session)
        except errors.SV2Error as exc:
            self.fingerprint.setText(plain_message(exc))
            return
        if found is None:
            self.fingerprint.setText("The audit trail is empty.")
            return
        self.fingerprint.setText(f"Entry {found.seq:,}: {found.text}")

    # -- subject access ------------------------------------------------------------------

    def find(self) -> None:
        try:
            self.found = caseload.search(self._session, self.search.text())
        except errors.SV2Error as exc:
            self.export_message.setText(plain_message(exc))
            return
        self.results.clear()
        for case in self.found:
            item = QListWidgetItem(f"{case.reference}  ·  {case.name}  ·  {case.status_label}")
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            self.results.addItem(item)
        if self.found:
            self.results.setCurrentRow(0)
            self.export_message.clear()
        else:
            self.export_message.setText("No case matches that.")

    def review_names(self, case_id: int) -> list:
        """List the other people's names found, ticked where withheld by default."""
        found = subject_access.review(self._session, case_id)
        self.reviewed = (case_id, found)
        self.names.clear()
        for name in found:
            where = "; ".join(name.places[:3]) + (" …" if len(name.places) > 3 else "")
            item = QListWidgetItem(f"{name.name} ({name.who}), in {where}")
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

    def export_selected(self) -> PdfPreviewDialog | None:
        """First the names to review (if any are found); then, pressed again, the copy."""
        item = self.results.currentItem()
        if item is None:
            self.export_message.setText("Find the case and select it first.")
            return None
        case_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            if self.reviewed is None or self.reviewed[0] != case_id:
                self.withheld.hide()
                if self.review_names(case_id):
                    self.export_button.setText("Make the &copy…")
                    self.export_message.setText("Check the names listed below first.")
                    self.names.setFocus()
                    return None
            bundle = subject_access.export(self._session, case_id, self.withhold_choice())
        except errors.SV2Error as exc:
            self.export_message.setText(plain_message(exc))
            return None
        self.export_message.clear()
        self.export_button.setText("Subject &access export…")
        self.reviewed = None
        self.bundle = bundle
        self.withheld.clear()
        for w in bundle.withheld:
            self.withheld.addItem(f"Withheld: {w.section}: {w.item}. Why: {w.reason}")
        if not bundle.withheld:
            self.withheld.addItem("Nothing was withheld.")
        self.withheld.show()
        session = self._session
        self.preview = PdfPreviewDialog(
            bundle.pdf, "Subject access bundle",
            suggested_name=f"subject-access-{bundle.reference}.pdf",
            on_printed=lambda: exports.record_print(session, "subject_access", "case", case_id),
            on_saved=lambda: exports.record_saved_copy(session, "subject_access", "case",
                                                       case_id),
            parent=self)
        self.preview.show()
        return self.preview
