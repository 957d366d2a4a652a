"""The finalised letters on a case: opening one, printing it for posting (only after the
client's safe-contact choices are checked) or to hand over in person. Every PDF is shown
from memory; printing it and saving an unencrypted copy are recorded. Printing from any
letter's preview goes through the same service call as the buttons here (the safe-contact
check for posting, and the print record), at the moment it is printed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QGroupBox, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...services import exports, letters
from ..common.layout import row
from ..common.messages import ALERT_STYLE, NOTICE_STYLE, MessageLine, notice, plain_message
from ..common.operation import op
from ..common.pdf_preview_dialog import PdfPreviewDialog
from ..common.tables import fill, read_only_table
from ..common.text import tr
from ..common.when import when

log = logging.getLogger(__name__)
HAND_OVER_NOTE = QT_TR_NOOP("Print this letter and hand it over in person. Do not post it.")
POST, HAND_OVER = "post", "hand_over"


def ask_print_purpose(parent: QWidget) -> str | None:
    """Posting it or handing it over in person (None: neither)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("SV2 Desk — Print this letter"),
                      tr("Is this letter to be posted, or handed over in person?"),
                      QMessageBox.StandardButton.Cancel, parent)
    post = box.addButton(tr("For pos&ting"), QMessageBox.ButtonRole.AcceptRole)
    hand = box.addButton(tr("To &hand over in person"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return {post: POST, hand: HAND_OVER}.get(box.clickedButton())


def show_pdf(owner: QWidget, session, pdf: bytes, title: str, *, document: str,
             object_type: str, object_id, note: str = "", message=None,
             before_print=None, draft: bool = False) -> PdfPreviewDialog:
    """Open a PDF from memory in a preview window (not modal). Printing it and saving a
    copy are recorded as ``print.<document>`` and ``export.<document>`` (on the database
    thread); with ``before_print`` the print is that call's to check and record instead."""

    def recorded(record) -> None:
        def failed(exc) -> None:
            log.warning("a print or saved copy could not be recorded")
            if message is not None:
                message.setText(plain_message(exc))
        op(owner, lambda: record(session, document, object_type, object_id)) \
            .failure(failed).run()

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


class LetterListPanel(QGroupBox):
    """The letters finalised on one case, newest last, with what can be done with each."""

    COLUMNS = (QT_TR_NOOP("Letter"), QT_TR_NOOP("Large print"), QT_TR_NOOP("Finalised by"),
               QT_TR_NOOP("When"))

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Letters on this case"), parent)
        self._session = session
        self.case_id: int | None = None
        self._letters: list[letters.LetterInfo] = []
        self.dialog: PdfPreviewDialog | None = None
        self.table = read_only_table([tr(c) for c in self.COLUMNS], tr("Finalised letters"),
                                     stretch=0)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(tr("&Open…"))
        self.open_button.clicked.connect(self.open_selected)
        self.post_button = QPushButton(tr("Print for pos&ting…"))
        self.post_button.clicked.connect(self.print_for_post)
        self.hand_button = QPushButton(tr("Print to &hand over in person…"))
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
        """The case's finalised letters, read on the database thread."""
        if case_id != self.case_id:
            self.postal.hide()
            self.message.clear()
        self.case_id = case_id
        if select_id is None and self.selected() is not None:
            select_id = self.selected().id      # keep the choice when the case reloads
        session = self._session
        op(self, lambda: letters.list_for_case(session, case_id)) \
            .success(lambda found: self._listed(case_id, found, select_id)) \
            .failure(lambda exc: self._listed(case_id, [], select_id, exc)).run()

    def _listed(self, case_id: int, found, select_id, exc=None) -> None:
        if case_id != self.case_id:
            return
        self._letters = list(found)
        if exc is not None:
            self.message.setText(plain_message(exc))
        self.table.blockSignals(True)
        self.table.clearSelection()
        fill(self.table, [(tr(info.title), tr("Yes") if info.large_print else tr("No"),
                           info.finalised_by, when(info.finalised_at))
                          for info in self._letters],
             data=lambda n: self._letters[n].id)
        row_number = next((r for r, i in enumerate(self._letters) if i.id == select_id), None)
        if row_number is not None:
            self.table.selectRow(row_number)
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
        self.dialog = show_pdf(self, self._session, pdf, tr(info.title), document="letter",
                               object_type="letter", object_id=info.id, note=note,
                               message=self.message,
                               before_print=_PrintCheck(self, info.id, purpose))
        return self.dialog

    def record_print(self, letter_id: int, purpose: str) -> bool:
        """The service's check and print record for posting or handing over, made as the
        letter goes to the printer; refused, say why here and keep handing it over in
        person available. (This one waits for its answer: nothing may reach the printer
        before the check has passed.)"""
        from ... import errors
        call = letters.print_for_post if purpose == POST else letters.hand_over
        session = self._session
        result: list = []
        op(self, lambda: call(session, letter_id)).success(lambda _: result.append(None)) \
            .failure(result.append).run()
        from ..common.operation import Desk
        desk = Desk.current()
        while not result:
            desk.wait(30_000)
            if not result and desk.idle():
                break
        refused = result[0] if result else errors.SV2Error(tr("The print could not be "
                                                               "checked. Try again."))
        if refused is None:
            return True
        text = plain_message(refused)
        self._postal_notice(text, refused=True)
        if self.dialog is not None:
            QMessageBox.warning(self.dialog, tr("SV2 Desk — Not printed"), text)
        self.hand_button.setFocus()
        return False

    def open_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.message.clear()
        session = self._session
        op(self, lambda: letters.open_letter(session, info.id), key="open") \
            .success(lambda pdf: self._show(info, pdf)) \
            .failure(lambda exc: self.message.setText(plain_message(exc))).run()

    def _postal_notice(self, text: str, refused: bool) -> None:
        style = ALERT_STYLE if refused else NOTICE_STYLE
        self.postal.setStyleSheet(f"#postal_notice {{ {style} }}")
        self.postal.setText(text)
        self.postal.show()

    def print_for_post(self) -> None:
        """Check the client's safe-contact choices first; refused, say why and keep
        handing it over in person available."""
        info = self.selected()
        if info is None:
            return
        self.message.clear()
        session = self._session

        def check():
            found = letters.postal_check(session, info.id)
            return found, (letters.open_letter(session, info.id) if found.allowed else None)

        def checked(answer) -> None:
            found, pdf = answer
            if not found.allowed:
                self._postal_notice(found.reason, refused=True)
                self.hand_button.setFocus()
                return
            note = found.envelope_note or tr("Post is safe for this client. Post it to the "
                                             "address on the letter.")
            self._postal_notice(note, refused=False)
            self._show(info, pdf, note, POST)

        def refused(exc) -> None:
            self._postal_notice(plain_message(exc), refused=True)
            self.hand_button.setFocus()
        op(self, check, key="post").success(checked).failure(refused).run()

    def hand_over(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.message.clear()
        session = self._session

        def opened(pdf) -> None:
            self.postal.hide()
            self._show(info, pdf, tr(HAND_OVER_NOTE), HAND_OVER)
        op(self, lambda: letters.open_letter(session, info.id), key="hand") \
            .success(opened).failure(lambda exc: self.message.setText(plain_message(exc))).run()


class _PrintCheck:
    """Run when Print is pressed in a letter's preview: the purpose (asked if the preview
    was opened without one), then the service's check and print record."""

    def __init__(self, owner: LetterListPanel, letter_id: int, purpose: str | None):
        self.owner, self.letter_id, self.purpose = owner, letter_id, purpose

    def __call__(self) -> bool:
        purpose = self.purpose or ask_print_purpose(self.owner.dialog or self.owner)
        return purpose is not None and self.owner.record_print(self.letter_id, purpose)
