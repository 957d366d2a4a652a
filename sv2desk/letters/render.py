"""Rendering a letter to PDF with reportlab Platypus: A4, the organisation's letterhead,
plain English, and a large-print variant. Every piece of text is escaped before it
reaches a Paragraph, so names and notes can never become markup."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

BODY_PT, LARGE_PT = 11, 16


@dataclass(frozen=True)
class Letterhead:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    charity_number: str = ""
    logo_png: str = ""      # base64


@dataclass(frozen=True)
class LetterText:
    """What staff review and may edit before finalising."""

    kind: str
    subject: str
    recipient_lines: tuple[str, ...]
    body: str               # paragraphs separated by a blank line
    sign_off: tuple[str, ...]

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


def safe(text: str) -> str:
    """Escape text for a reportlab Paragraph; line breaks become <br/>."""
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return escape(cleaned).replace("\n", "<br/>")


def _styles(large: bool) -> dict[str, ParagraphStyle]:
    size = LARGE_PT if large else BODY_PT
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=size, leading=size * 1.4,
                          spaceAfter=size * 0.8)
    return {
        "body": body,
        "subject": ParagraphStyle("subject", parent=body, fontName="Helvetica-Bold"),
        "org": ParagraphStyle("org", parent=body, fontName="Helvetica-Bold",
                              fontSize=size + 5, leading=(size + 5) * 1.2, alignment=2,
                              spaceAfter=2),
        "head": ParagraphStyle("head", parent=body, fontSize=size if large else size - 1,
                               leading=(size if large else size - 1) * 1.3, alignment=2,
                               spaceAfter=0),
        "footer": ParagraphStyle("footer", parent=body, fontSize=8 if not large else 12,
                                 textColor=colors.grey),
        "block": ParagraphStyle("block", parent=body, spaceAfter=0),
    }


def _logo(letterhead: Letterhead, height_mm: float):
    if not letterhead.logo_png:
        return None
    try:
        data = base64.b64decode(letterhead.logo_png)
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a damaged logo never stops a letter
        return None
    h = height_mm * mm
    return Image(io.BytesIO(data), width=h * width / height, height=h)


def render(letter: LetterText, letterhead: Letterhead, *, large_print: bool = False,
           on: date | None = None) -> bytes:
    """The letter as PDF bytes, in memory."""
    on = on or date.today()
    s = _styles(large_print)
    buffer = io.BytesIO()

    def footer(canvas, doc):
        canvas.saveState()
        parts = [letterhead.name]
        if letterhead.charity_number:
            parts.append(f"Registered charity number {letterhead.charity_number}")
        canvas.setFont("Helvetica", 8 if not large_print else 11)
        canvas.setFillColor(colors.grey)
        canvas.drawString(20 * mm, 12 * mm, " · ".join(parts))
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=22 * mm,
                            title=letter.subject, author=letterhead.name)
    head_lines = [Paragraph(safe(letterhead.name), s["org"])]
    for line in letterhead.address.splitlines():
        if line.strip():
            head_lines.append(Paragraph(safe(line), s["head"]))
    for label, value in (("Phone", letterhead.phone), ("Email", letterhead.email)):
        if value:
            head_lines.append(Paragraph(safe(f"{label}: {value}"), s["head"]))
    logo = _logo(letterhead, 22 if not large_print else 26)
    head = Table([[logo or "", head_lines]], colWidths=[doc.width * 0.4, doc.width * 0.6])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story = [head, Spacer(1, 8 * mm)]
    story.append(Paragraph("Private and confidential", s["subject"]))
    for line in letter.recipient_lines:
        story.append(Paragraph(safe(line), s["block"]))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(safe(on.strftime("%d %B %Y").lstrip("0")), s["body"]))
    story.append(Paragraph(safe(letter.subject), s["subject"]))
    for paragraph in letter.paragraphs():
        story.append(Paragraph(safe(paragraph), s["body"]))
    closing = [Spacer(1, 2 * mm), Paragraph("Yours sincerely,", s["body"]), Spacer(1, 8 * mm)]
    closing += [Paragraph(safe(line), s["block"]) for line in letter.sign_off]
    story.append(KeepTogether(closing))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
