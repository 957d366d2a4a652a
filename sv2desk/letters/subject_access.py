"""The subject access bundle as a PDF (reportlab, in memory). Every piece of text is
escaped with the letters' ``safe`` before it reaches a Paragraph."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .render import safe

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
_LABEL = ParagraphStyle("label", parent=_BODY, fontName="Helvetica-Bold")
_TITLE = ParagraphStyle("title", parent=_BODY, fontName="Helvetica-Bold", fontSize=16,
                        leading=20, spaceAfter=6)
_HEADING = ParagraphStyle("heading", parent=_BODY, fontName="Helvetica-Bold", fontSize=12,
                          leading=15, spaceBefore=10, spaceAfter=4)
_NOTE = ParagraphStyle("note", parent=_BODY, textColor=colors.HexColor("#444444"),
                       spaceAfter=4)


def _text(value) -> str:
    return "" if value is None else str(value)


def render(document: dict, on: date | None = None) -> bytes:
    on = on or date.today()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=20 * mm,
                            title="Copy of the information we hold",
                            author=_text(document.get("organisation")))

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, 12 * mm, "Private and confidential")
        canvas.drawRightString(A4[0] - 18 * mm, 12 * mm, f"Page {_doc.page}")
        canvas.restoreState()

    story = [Paragraph(safe(_text(document.get("organisation"))), _LABEL),
             Paragraph("Copy of the information we hold about you", _TITLE),
             Paragraph(safe(f"Case reference {document['reference']}. Produced on "
                            f"{on.strftime('%d %B %Y').lstrip('0')}."), _BODY)]
    if document.get("withheld"):
        story.append(Paragraph(safe(
            "Some information is not included because it is about other people, or because "
            "the law allows us to withhold it. Where that is so, this copy says "
            "\u201cwithheld\u201d."), _NOTE))
    for section in document["sections"]:
        story.append(Paragraph(safe(section["title"]), _HEADING))
        if section.get("note"):
            story.append(Paragraph(safe(section["note"]), _NOTE))
        for group in section["groups"]:
            if not group:
                continue
            rows = [[Paragraph(safe(_text(item["label"])), _LABEL),
                     Paragraph(safe(_text(item["value"])), _BODY)] for item in group]
            table = Table(rows, colWidths=[doc.width * 0.36, doc.width * 0.64])
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
            story += [table, Spacer(1, 4 * mm)]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
