"""The finalised letters on a case: opening one, printing it for posting (only after the
client's safe-contact choices are checked) or to hand over in person. Every PDF is shown
from memory; printing it and saving an unencrypted copy are recorded. Printing from any
letter's preview goes through the same service call as the buttons here (the safe-contact
check for posting, and the print record), at the moment it is printed."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from .. import errors
from ..services import exports, letters
from .case_details import when
from .forms import ALERT_STYLE, NOTICE_STYLE, MessageLine, notice, row
from .pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)
HAND_OVER_NOTE = "Print this letter and hand it over in person. Do not post it."
POST, HAND_OVER = "post", "hand_over"


def ask_print_purpose(parent: QWidget) -> str | None:
    """Posting it or handing it over in person (None: neither)."""
    box = QMessageBox(QMessageBox.Icon.Question, "SV2 Desk — Print this letter",
                      "Is this letter to be posted, or handed over in person?",
                      QMessageBox.StandardButton.Cancel, parent)
    post = box.addButton("For pos&ting", QMessageBox.ButtonRole.AcceptRole)
    hand = box.addButton("To &hand over in person", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return {post: POST, hand: HAND_OVER}.get(box.clickedButton())


def show_pdf(owner: QWidget, session, pdf: bytes, title: str, *, document: str,
             object_type: str, object_id, note: str = "", message=None,
             before_print=None, draft: bool = False) -> PdfPreviewDialog:
    """Open a PDF from memory in a preview window (not modal). Printing it and saving a
    copy are recorded as ``print.<document>`` and ``export.<document>``; with
    ``before_print`` the print is that call's to check and record instead."""

    def recorded(record) -> None:
        try:
            record(session, document, object_type, object_id)
        except errors.SV2Error as exc:
            log.warning("a print or saved copy could not be recorded")
            if message is not None:
                message.setText(exc.message)

    dialog = PdfPreviewDialog(
        pdf, title, suggested_name=f"{document.replace('_', '-')}.pdf",
        on_printed=None if before_print else lambda: recorded(exports.record_print),
        on_saved=lambda: recorded(exports.record_saved_copy), before_print=before_print,
        draft=draft, parent=owner.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if note:
        label = notice(NOTICE_STYLE, "preview_note")
        label.setText(note)
        label.show()
        dialog.layout().insertWidget(0, label)
    dialog.show()
    return dialog


class LetterList(QGroupBox):
    """The letters finalised on one case, newest last, with what can be done with each."""

    COLUMNS = ("Letter", "Large print", "Finalised by", "When")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__("Letters on this case", parent)
        self._session = session
        self.case_id: int | None = None
        self._letters: list[letters.LetterInfo] = []
        self.dialog: PdfPreviewDialog | None = None
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setAccessibleName("Finalised letters")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton("&Open…")
        self.open_button.clicked.connect(self.open_selected)
        self.post_button = QPushButton("Print for pos&ting…")
        self.post_button.clicked.connect(self.print_for_post)
        self.hand_button = QPushButton("Print to &hand over in person…")
        self.hand_button.clicked.connect(self.hand_over)
        self.postal = notice(NOTICE_STYLE, "postal_notice")
        self.message = MessageLine("letters_list_message")
        buttons = QVBoxLayout()
        buttons.addWidget(row(self.open_button, self.post_button))
        buttons.addWidget(row(self.hand_button))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.postal)
        layout.addWidget(self.message)
        self._selected()

    def show_case(self, case_id: int, select_id: int | None = None) -> None:
        if case_id != self.case_id:
            self.postal.hide()
            self.message.clear()
        self.case_id = case_id
        if select_id is None and self.selected() is not None:
            select_id = self.selected().id      # keep the choice when the case reloads
        try:
            self._letters = letters.list_for_case(self._session, case_id)
        except errors.SV2Error as exc:
            self._letters = []
            self.message.setText(exc.message)
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(self._letters))
        for row, info in enumerate(self._letters):
            for column, text in enumerate((info.title, "Yes" if info.large_print else "No",
                                           info.finalised_by, when(info.finalised_at))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        row = next((r for r, i in enumerate(self._letters) if i.id == select_id), None)
        if row is not None:
            self.table.selectRow(row)
        self.table.blockSignals(False)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.post_button, self.hand_button):
            button.setEnabled(chosen)

    def selected(self) -> letters.LetterInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        letter_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((i for i in self._letters if i.id == letter_id), None)

    def _selected(self) -> None:
        self._enable()
        self.postal.hide()

    # -- actions -----------------------------------------------------------------------

    def _show(self, info, pdf: bytes, note: str = "", purpose: str | None = None
              ) -> PdfPreviewDialog:
        self.dialog = show_pdf(self, self._session, pdf, info.title, document="letter",
                               object_type="letter", object_id=info.id, note=note,
                               message=self.message,
                               before_print=_PrintCheck(self, info.id, purpose))
        return self.dialog

    def record_print(self, letter_id: int, purpose: str) -> bool:
        """The service's check and print record for posting or handing over; refused,
        say why here and keep handing it over in person available."""
        try:
            if purpose == POST:
                letters.print_for_post(self._session, letter_id)
            else:
                letters.hand_over(self._session, letter_id)
        except errors.SV2Error as exc:
            self._postal_notice(exc.message, refused=True)
            if self.dialog is not None:
                QMessageBox.warning(self.dialog, "SV2 Desk — Not printed", exc.message)
            self.hand_button.setFocus()
            return False
        return True

    def open_selected(self) -> PdfPreviewDialog | None:
        info = self.selected()
        if info is None:
            return None
        self.message.clear()
        try:
            pdf = letters.open_letter(self._session, info.id)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return None
        return self._show(info, pdf)

    def _postal_notice(self, text: str, refused: bool) -> None:
        style = ALERT_STYLE if refused else NOTICE_STYLE
        self.postal.setStyleSheet(f"#postal_notice {{ {style} }}")
        self.postal.setText(text)
        self.postal.show()

    def print_for_post(self) -> PdfPreviewDialog | None:
        """Check the client's safe-contact choices first; refused, say why and keep
        handing it over in person available."""
        info = self.selected()
        if info is None:
            return None
        self.message.clear()
        try:
            check = letters.postal_check(self._session, info.id)
            if not check.allowed:
                self._postal_notice(check.reason, refused=True)
                self.hand_button.setFocus()
                return None
            note = check.envelope_note or ("Post is safe for this client. Post it to the "
                                           "address on the letter.")
            pdf = letters.open_letter(self._session, info.id)
        except errors.SV2Error as exc:
            self._postal_notice(exc.message, refused=True)
            self.hand_button.setFocus()
            return None
        self._postal_notice(note, refused=False)
        return self._show(info, pdf, note, POST)

    def hand_over(self) -> PdfPreviewDialog | None:
        info = self.selected()
        if info is None:
            return None
        self.message.clear()
        try:
            pdf = letters.open_letter(self._session, info.id)
        except errors.SV2Error as exc:
            self.message.setText(exc.message)
            return None
        self.postal.hide()
        return self._show(info, pdf, HAND_OVER_NOTE, HAND_OVER)


class _PrintCheck:
    """Run when Print is pressed in a letter's preview: the purpose (asked if the preview
    was opened without one), then the service's check and print record."""

    def __init__(self, owner: LetterList, letter_id: int, purpose: str | None):
        self.owner, self.letter_id, self.purpose = owner, letter_id, purpose

    def __call__(self) -> bool:
        purpose = self.purpose or ask_print_purpose(self.owner.dialog or self.owner)
        return purpose is not None and self.owner.record_print(self.letter_id, purpose)
