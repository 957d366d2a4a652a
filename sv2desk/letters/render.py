"""Rendering a letter to PDF: A4, the organisation's letterhead, plain English, and a
large-print variant, laid out by the document module (its fonts, styles, footer with
"Page x of y" and the case reference, and DRAFT on a letter not yet finalised). Every
piece of text goes through ``document.markup``, so names and notes can never become
markup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from . import document
from .document import Letterhead, para

__all__ = ["Letterhead", "LetterText", "render"]


@dataclass(frozen=True)
class LetterText:
    """What staff review and may edit before finalising."""

    kind: str
    subject: str
    recipient_lines: tuple[str, ...]
    body: str               # paragraphs separated by a blank line
    sign_off: tuple[str, ...]
    reference: str = ""     # the case reference, printed on every page
    service_ids: tuple[int, ...] = ()           # directory entries the letter names
    directory_warnings: tuple[str, ...] = ()    # entries to check before sending

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


def story(letter: LetterText, letterhead: Letterhead, *, large_print: bool = False,
          on: date | None = None) -> list:
    """The flowables of one letter (so a batch or a bundle can reuse them)."""
    on = on or date.today()
    s = document.styles(large_print)
    flow = [document.letterhead(letterhead, document.content_width(), large_print),
            Spacer(1, 8 * mm), para("Private and confidential", s["bold"])]
    flow += [para(line, s["block"]) for line in letter.recipient_lines]
    flow.append(Spacer(1, 6 * mm))
    flow.append(para(on.strftime("%d %B %Y").lstrip("0"), s["body"]))
    flow.append(para(letter.subject, s["bold"]))
    for paragraph in letter.paragraphs():
        flow += document.paras(paragraph, s["body"])
    closing = [Spacer(1, 2 * mm), para("Yours sincerely,", s["body"]), Spacer(1, 8 * mm)]
    closing += [para(line, s["block"]) for line in letter.sign_off]
    flow.append(KeepTogether(closing))
    return flow


def render(letter: LetterText, letterhead: Letterhead, *, large_print: bool = False,
           on: date | None = None, draft: bool = False) -> bytes:
    """The letter as PDF bytes, in memory. ``draft`` marks every page DRAFT."""
    from .templates import KINDS
    footer = document.Footer(f"Reference {letter.reference}" if letter.reference else "",
                             letterhead.footer_text(), draft=draft, large=large_print)
    title = KINDS[letter.kind].title if letter.kind in KINDS else "Letter"
    return document.build(story(letter, letterhead, large_print=large_print, on=on), footer,
                          title=title, author=letterhead.name)
