"""The one-page recovery sheet printed at set-up: the recovery key and what it is for."""

from __future__ import annotations

from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table, TableStyle

from . import document
from .document import para


def render(recovery_key: str, organisation_name: str, workspace_id: str,
           made_on: date | None = None) -> bytes:
    """The recovery sheet as PDF bytes (never written to disk here)."""
    made_on = made_on or date.today()
    s = document.styles()
    body = s["body"]
    # the key on one line: as large as fits, up to 18 pt
    room = document.content_width() - 24
    size = max(6.0, min(18.0, room / max(1.0, stringWidth(recovery_key, document.SANS_BOLD, 1))))
    key_style = ParagraphStyle("key-fitted", parent=s["key"], fontSize=size, leading=size * 1.6)
    key_table = Table([[para(recovery_key, key_style)]], colWidths=[document.content_width()],
                      splitInRow=1)
    key_table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, "black"),
                                   ("FONTNAME", (0, 0), (-1, -1), document.SANS),
                                   ("TOPPADDING", (0, 0), (-1, -1), 10),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
    bold = s["bold"]
    story = [
        para("SV2 Desk recovery sheet", s["title"]),
        para(organisation_name, body),
        Spacer(1, 6 * mm),
        para("This is the recovery key for your SV2 Desk data. It opens the data if every "
             "password is forgotten, or if the data has to be opened on a new PC.", body),
        Spacer(1, 6 * mm),
        key_table,
        Spacer(1, 8 * mm),
        para("Keep this sheet locked away, for example in the office safe.", bold),
        para("Anyone who has it and a copy of the data can read every record.", body),
        para("Do not photograph it, email it or keep it with the PC. SV2 Desk does not keep "
             "a copy and cannot show it again.", body),
        para("To use it, choose \u201cUse the recovery key instead\u201d on the sign-in "
             "screen.", body),
        Spacer(1, 10 * mm),
        para(f"Made on {made_on.strftime('%d %B %Y').lstrip('0')}.", body),
    ]
    footer = document.Footer(f"Data reference {workspace_id}", organisation_name)
    return document.build(story, footer, title="SV2 Desk recovery sheet", top=22 * mm)
