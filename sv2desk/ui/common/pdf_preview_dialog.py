"""Previewing and printing a PDF held in memory; saving a copy only after a warning.

A draft (not finalised) cannot be printed from its preview. Where printing must pass a
check first (a letter: the client's safe-contact choices, and the print record), the
owner passes ``before_print``, which runs before anything reaches the printer and may
refuse."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from .text import tr

DRAFT_NOTE = QT_TR_NOOP("This is a draft, marked DRAFT on every page, for checking only: it cannot be "
              "printed. Finalise the letter, then print it from \u201cLetters on this "
              "case\u201d.")
# The most dots an inch a printed page is drawn from (see print_to).
PRINT_DPI = 300
SAVE_WARNING = QT_TR_NOOP("A saved copy is NOT encrypted: anyone who can open that folder can read "
                "it. Save it only if you must, somewhere safe, and delete it when it is no "
                "longer needed.\n\nSave a copy anyway?")


class PdfPreviewDialog(QDialog):
    """Shows a PDF from memory (never from a file), with Print and Save a copy."""

    def __init__(self, pdf: bytes, title: str, *, suggested_name: str = "document.pdf",
                 on_printed: Callable[[], None] | None = None,
                 on_saved: Callable[[], None] | None = None,
                 before_print: Callable[[], bool] | None = None, draft: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"SV2 Desk — {title}")
        self.resize(720, 860)
        self._pdf = pdf
        self._suggested = suggested_name
        self._on_printed = on_printed
        self._on_saved = on_saved
        self._before_print = before_print
        self.draft = draft
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setAccessibleName(tr("{title} preview").format(title=title))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(tr("&Print…"))
        self.save_button = QPushButton(tr("&Save a copy…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_copy)
        layout = QVBoxLayout(self)
        if draft:
            self.print_button.hide()
            self.draft_note = QLabel(tr(DRAFT_NOTE))
            self.draft_note.setObjectName("draft_note")
            self.draft_note.setWordWrap(True)
            self.draft_note.setStyleSheet("#draft_note { font-weight: bold; color: #8a1c1c; }")
            layout.addWidget(self.draft_note)
        layout.addWidget(view)
        layout.addWidget(buttons)

    def print_document(self) -> bool:
        if self.draft or not self._may_print():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer, checked=True)

    def _may_print(self) -> bool:
        return self._before_print is None or bool(self._before_print())

    def print_to(self, printer: QPrinter, *, checked: bool = False) -> bool:
        """Paint every page onto ``printer`` from memory (never a draft; the owner's
        check first, unless ``print_document`` has just made it)."""
        if self.draft or (not checked and not self._may_print()):
            return False
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "SV2 Desk", tr("The printer could not be started. "
                                                     "Check it is switched on and try again."))
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                target.moveTo(0, 0)
                size = self.document.pagePointSize(page).toSize()
                size.scale(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                # Drawn from an image of at most 300 dots an inch (letters print sharply at
                # that; a 1200 dpi page would be a 139-megapixel image, 700 MB), scaled up
                # to the printer's own resolution by the painter.
                scale = min(1.0, PRINT_DPI / max(1, printer.resolution()))
                image = self.document.render(page, QSize(max(1, round(size.width() * scale)),
                                                         max(1, round(size.height() * scale))))
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
        if self._on_printed:
            self._on_printed()
        return True

    def save_copy(self) -> bool:
        answer = QMessageBox.warning(
            self, tr("SV2 Desk — Save an unencrypted copy?"), tr(SAVE_WARNING),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Save:
            return False
        path, _ = QFileDialog.getSaveFileName(self, tr("Save a copy"), self._suggested,
                                              tr("PDF files (*.pdf)"))
        if not path:
            return False
        try:
            with open(path, "wb") as handle:
                handle.write(self._pdf)
        except OSError:
            QMessageBox.warning(self, "SV2 Desk", tr("The copy could not be saved there. Choose "
                                                     "another folder (is the drive full or "
                                                     "read-only?)."))
            return False
        if self._on_saved:
            self._on_saved()
        return True
