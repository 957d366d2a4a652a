"""The managers' report on the perpetrator workflow as a one- or two-page PDF."""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def _table(rows, widths):
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                               ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _days(value) -> str:
    return "-" if value is None else f"{value:g}"


def render(figures, organisation: str, made_on: date) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title="Perpetrator workflow report", author="SV2 Desk")
    wide = doc.width
    story = [
        Paragraph("Potential perpetrator workflow: report for managers", styles["Title"]),
        Paragraph(f"{escape(organisation)} · made on {made_on.strftime('%d %B %Y')}",
                  styles["Normal"]),
        Spacer(1, 6 * mm),
        Paragraph("Open concerns by stage", styles["Heading2"]),
        _table([["Stage", "Cases"]] + [[k, str(v)] for k, v in figures.open_by_stage.items()],
               [wide * 0.8, wide * 0.2]),
        Paragraph("Open concerns by age", styles["Heading2"]),
        _table([["Waiting", "Cases"]] + [[k, str(v)] for k, v in figures.open_by_age.items()],
               [wide * 0.8, wide * 0.2]),
        Paragraph("Time taken (days)", styles["Heading2"]),
        _table([["From the concern being raised to", "Cases", "Median", "Longest"],
                ["the management decision", str(figures.to_decision.count),
                 _days(figures.to_decision.median_days), _days(figures.to_decision.longest_days)],
                ["the outcome being shared", str(figures.to_communication.count),
                 _days(figures.to_communication.median_days),
                 _days(figures.to_communication.longest_days)]],
               [wide * 0.55, wide * 0.15, wide * 0.15, wide * 0.15]),
        Paragraph("Decisions by outcome", styles["Heading2"]),
        _table([["Outcome", "Decisions"]] +
               [[Paragraph(escape(k), styles["Normal"]), str(v)]
                for k, v in figures.decisions_by_outcome.items()],
               [wide * 0.8, wide * 0.2]),
        Paragraph("The perpetrator-interaction question", styles["Heading2"]),
        Paragraph(f"{figures.referrals_with_question_answered:,} of {figures.referrals:,} "
                  f"referrals have the question answered "
                  f"({figures.question_answered_percent:.1f}%; it should be 100%).",
                  styles["Normal"]),
    ]
    doc.build(story)
    return buffer.getvalue()
