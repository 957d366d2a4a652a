"""A funder or commissioner return as a PDF, laid out by the document module (its fonts,
styles and footer): the quarter's figures and tables, counts already protected."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from . import document
from .document import para


def _table(header, rows):
    s = document.styles()
    width = document.content_width()
    cells = [[para(h, s["label"]) for h in header]]
    cells += [[para(str(label), s["value"]), para(str(value), s["value"])]
              for label, value in rows]
    return document.table(cells, [width * 0.78, width * 0.22], header=True)


def render(made, organisation: str) -> bytes:
    s = document.styles()
    day = made.made_on.strftime("%d %B %Y").lstrip("0")
    story = [para("Return to funders and commissioners", s["title"]),
             para(made.quarter.label, s["bold"]),
             para(f"{organisation} · made on {day}", s["body"]),
             Spacer(1, 3 * mm),
             para("Figures for the quarter", s["heading"]),
             _table(["Figure", "Value"], [(f.label, f.value) for f in made.figures])]
    for t in made.tables:
        story.append(KeepTogether([para(t.title, s["heading"]),
                                   _table([t.title.split(",")[0], "Number"],
                                          [*t.rows, ("Total", t.total)])]))
    story += [Spacer(1, 4 * mm), para(made.footnote, s["note"])]
    footer = document.Footer(f"Return {made.quarter.code}", organisation)
    return document.build(story, footer, title=f"Return {made.quarter.code}")
