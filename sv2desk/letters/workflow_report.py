"""The managers' report on the perpetrator workflow as a PDF, laid out by the document
module (its fonts, styles and footer)."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from . import document
from .document import para


def _days(value) -> str:
    return "-" if value is None else f"{value:g}"


def _table(header, rows, shares):
    s = document.styles()
    width = document.content_width()
    cells = [[para(h, s["label"]) for h in header]]
    cells += [[para(str(v), s["value"]) for v in r] for r in rows]
    return document.table(cells, [width * share for share in shares], header=True)


def render(figures, organisation: str, made_on: date) -> bytes:
    s = document.styles()
    made = made_on.strftime("%d %B %Y").lstrip("0")
    story = [
        para("Potential perpetrator workflow: report for managers", s["title"]),
        para(f"{organisation} · made on {made}", s["body"]),
        Spacer(1, 4 * mm),
        para("Open concerns by stage", s["heading"]),
        _table(["Stage", "Cases"], list(figures.open_by_stage.items()), (0.8, 0.2)),
        para("Open concerns by age", s["heading"]),
        _table(["Waiting", "Cases"], list(figures.open_by_age.items()), (0.8, 0.2)),
        para("Time taken (days)", s["heading"]),
        _table(["From the concern being raised to", "Cases", "Median", "Longest"],
               [["the management decision", figures.to_decision.count,
                 _days(figures.to_decision.median_days),
                 _days(figures.to_decision.longest_days)],
                ["the outcome being shared", figures.to_communication.count,
                 _days(figures.to_communication.median_days),
                 _days(figures.to_communication.longest_days)]],
               (0.55, 0.15, 0.15, 0.15)),
        para("Decisions by outcome", s["heading"]),
        _table(["Outcome", "Decisions"], list(figures.decisions_by_outcome.items()),
               (0.8, 0.2)),
        para("The perpetrator-interaction question", s["heading"]),
        para(f"{figures.referrals_with_question_answered:,} of {figures.referrals:,} "
             f"referrals have the question answered "
             f"({figures.question_answered_percent:.1f}%; it should be 100%).", s["body"]),
    ]
    footer = document.Footer(f"Workflow report, {made}", organisation)
    return document.build(story, footer, title="Perpetrator workflow report")
