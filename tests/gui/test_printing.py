"""Printing from a preview draws each page from an image of at most 300 dots an inch, so a
high-resolution printer does not need a 700 MB image a page."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from sv2desk.letters import recovery_sheet
from sv2desk.ui.common import pdf_preview_dialog as pdf_preview
from sv2desk.ui.common.pdf_preview_dialog import PdfPreviewDialog


def test_a_1200_dpi_printer_gets_pages_drawn_from_300_dpi_images(qtbot, tmp_path):
    dialog = PdfPreviewDialog(recovery_sheet.render("ABCD-EFGH", "SV2", "id"),
                              "Recovery sheet")
    qtbot.addWidget(dialog)
    sizes = []
    render = dialog.document.render
    dialog.document.render = lambda page, size: sizes.append(size) or render(page, size)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(1200)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    (size,) = sizes
    a4_inches = (8.27, 11.69)
    assert size.width() <= a4_inches[0] * pdf_preview.PRINT_DPI + 1
    assert size.height() <= a4_inches[1] * pdf_preview.PRINT_DPI + 1
    assert size.width() >= a4_inches[0] * pdf_preview.PRINT_DPI * 0.8   # still sharp
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 1
