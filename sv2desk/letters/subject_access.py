"""The subject access bundle as a PDF (in memory), laid out by the document module. Any
field of any length flows over pages: a label and value table whose rows split across
pages, and letters of any number."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from . import document
from .document import para


def _text(value) -> str:
    return "" if value is None else str(value)


def story(document_: dict, on: date) -> list:
    s = document.styles()
    width = document.content_width()
    flow = [para(_text(document_.get("organisation")), s["label"]),
            para("Copy of the information we hold about you", s["title"]),
            para(f"Case reference {document_['reference']}. Produced on "
                 f"{on.strftime('%d %B %Y').lstrip('0')}.", s["body"])]
    if document_.get("withheld"):
        flow.append(para("Some information is not included because it is about other people, "
                         "or because the law allows us to withhold it. Where that is so, this "
                         "copy says \u201cwithheld\u201d.", s["note"]))
    for section in document_["sections"]:
        flow.append(para(section["title"], s["heading"]))
        if section.get("note"):
            flow.append(para(section["note"], s["note"]))
        for group in section["groups"]:
            if not group:
                continue
            rows, ends = [], []
            for item in group:     # a long value takes several rows, never one huge cell
                label = para(_text(item["label"]), s["label"])
                for n, piece in enumerate(document.pieces(_text(item["value"]))):
                    rows.append([label if n == 0 else "", para(piece, s["value"])])
                ends.append(len(rows) - 1)
            flow += [document.table(rows, [width * 0.34, width * 0.66], line_after=ends),
                     Spacer(1, 4 * mm)]
    return flow


def render(document_: dict, on: date | None = None) -> bytes:
    on = on or date.today()
    footer = document.Footer(f"Case reference {document_['reference']}",
                             "Private and confidential")
    return document.build(story(document_, on), footer,
                          title="Copy of the information we hold",
                          author=_text(document_.get("organisation")))
