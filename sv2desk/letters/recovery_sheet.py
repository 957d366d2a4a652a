"""The one-page recovery sheet printed at set-up: the recovery key and what it is for."""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def render(recovery_key: str, organisation_name: str, workspace_id: str,
           made_on: date | None = None) -> bytes:
    """The recovery sheet as PDF bytes (never written to disk here)."""
    made_on = made_on or date.today()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=12, leading=16)
    title = ParagraphStyle("title", parent=styles["Title"], fontSize=22, leading=26)
    key_style = ParagraphStyle("key", parent=body, fontName="Courier-Bold", fontSize=18,
                               leading=26, alignment=1)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=22 * mm, bottomMargin=22 * mm,
                            title="SV2 Desk recovery sheet", author="SV2 Desk")
    key_table = Table([[Paragraph(escape(recovery_key), key_style)]], colWidths=[doc.width])
    key_table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, "black"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 10),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    story = [
        Paragraph("SV2 Desk recovery sheet", title),
        Paragraph(escape(organisation_name), body),
        Spacer(1, 6 * mm),
        Paragraph("This is the recovery key for your SV2 Desk data. It opens the data if every "
                  "password is forgotten, or if the data has to be opened on a new PC.", body),
        Spacer(1, 6 * mm),
        key_table,
        Spacer(1, 8 * mm),
        Paragraph("<b>Keep this sheet locked away</b>, for example in the office safe. Anyone "
                  "who has it and a copy of the data can read every record.", body),
        Spacer(1, 3 * mm),
        Paragraph("Do not photograph it, email it or keep it with the PC. SV2 Desk does not keep "
                  "a copy and cannot show it again.", body),
        Spacer(1, 3 * mm),
        Paragraph("To use it, choose <b>Use the recovery key instead</b> on the sign-in screen.", body),
        Spacer(1, 10 * mm),
        Paragraph(f"Made on {made_on.strftime('%d %B %Y')}. "
                  f"Data reference: {escape(workspace_id)}", body),
    ]
    doc.build(story)
    return buffer.getvalue()
