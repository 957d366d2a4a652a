"""The one document module every SV2 Desk PDF is built with: the embedded fonts and their
fallback chain, the one escaping function (``markup``), the house styles, the letterhead,
and the page template whose footer says "Page x of y" and the reference on every page
(never a name), with DRAFT across every page of anything not finalised.

All user text reaches a reportlab Paragraph only through ``markup``: it is escaped, and
the only tags in its output are the ``<font>`` and ``<br/>`` tags it makes itself from its
own font names. Right-to-left runs (Arabic, Urdu, Hebrew) are shaped (arabic-reshaper)
and put in visual order (python-bidi); Gurmukhi is shaped by HarfBuzz (reportlab's own
shaping with uharfbuzz), because its vowel signs are reordered and joined by the font.
"""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from .. import paths

# -- fonts -----------------------------------------------------------------------------------

SANS, SANS_BOLD = "SV2Sans", "SV2Sans-Bold"
FONT_FILES = {
    SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf",
    "SV2Arabic": "NotoNaskhArabic-Regular.ttf", "SV2Arabic-Bold": "NotoNaskhArabic-Bold.ttf",
    "SV2Gurmukhi": "NotoSansGurmukhi-Regular.ttf",
    "SV2Gurmukhi-Bold": "NotoSansGurmukhi-Bold.ttf",
    "SV2CJK": "DroidSansFallbackFull.ttf",
}
# Tried in this order for each word; a word with Arabic letters tries the Arabic font first.
FALLBACK = {False: (SANS, "SV2Arabic", "SV2Gurmukhi", "SV2CJK"),
            True: (SANS_BOLD, "SV2Arabic-Bold", "SV2Gurmukhi-Bold", "SV2CJK")}
ARABIC_FIRST = {False: "SV2Arabic", True: "SV2Arabic-Bold"}

_lock = threading.Lock()
_cmaps: dict[str, frozenset[int]] = {}


def fonts_folder():
    return paths.resource("fonts")


def register_fonts() -> None:
    """Register the embedded fonts with reportlab (once per process)."""
    if _cmaps:
        return
    with _lock:
        if _cmaps:
            return
        found = {}
        for name, file in FONT_FILES.items():
            font = TTFont(name, str(fonts_folder() / file), shapable=True)
            pdfmetrics.registerFont(font)
            found[name] = frozenset(font.face.charToGlyph)
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS,
                                      boldItalic=SANS_BOLD)
        _cmaps.update(found)


# -- the one escaping function -----------------------------------------------------------------

_RTL_LETTER = ("\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u08a0-\u08ff"
               "\ufb1d-\ufdff\ufe70-\ufefc")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
# a run of right-to-left text: RTL letters with the spaces, digits and punctuation between them
_RTL_RUN = re.compile(f"[{_RTL_LETTER}](?:[{_RTL_LETTER}\\d \\-'.,:()\u200c\u200d]*"
                      f"[{_RTL_LETTER}])?")
_SHAPED_SCRIPTS = re.compile("[\u0a00-\u0a7f]")     # Gurmukhi: HarfBuzz shapes it
_WORD = re.compile(r"(\s+)")


def _clean(text: str) -> str:
    """Drop control characters and half characters (lone surrogates); keep line breaks."""
    return "".join(ch for ch in text if ch in "\n\t" or (
        ch >= " " and unicodedata.category(ch) not in ("Cs", "Cc")))


def needs_shaping(text: str) -> bool:
    return bool(_SHAPED_SCRIPTS.search(text))


def _visual(run: str, shaped: bool) -> str:
    """A right-to-left run in the order it is drawn (left to right)."""
    if shaped:      # HarfBuzz will order the letters of each word; order the words only
        return " ".join(reversed(run.split(" ")))
    if _ARABIC.search(run):
        run = arabic_reshaper.reshape(run)
    return get_display(run, base_dir="R")


@functools.lru_cache(maxsize=4096)
def _font_for(word: str, bold: bool) -> tuple[tuple[str, str], ...]:
    """(font, text) pieces for one word: the first font that has every letter of it, else
    letter by letter (a letter no font has stays in the main font)."""
    chain = FALLBACK[bold]
    if _ARABIC.search(word):
        chain = (ARABIC_FIRST[bold],) + tuple(f for f in chain if f != ARABIC_FIRST[bold])
    codes = [ord(c) for c in word]
    for font in chain:
        if all(c in _cmaps[font] for c in codes):
            return ((font, word),)
    pieces: list[list[str]] = []
    for ch in word:
        font = next((f for f in chain if ord(ch) in _cmaps[f]), chain[0])
        if pieces and pieces[-1][0] == font:
            pieces[-1][1] += ch
        else:
            pieces.append([font, ch])
    return tuple((f, t) for f, t in pieces)


def markup(text, *, bold: bool = False, shaped: bool | None = None) -> str:
    """``text`` (any value; None is blank) made safe for a reportlab Paragraph: escaped,
    with line breaks as <br/>, each word in a font that has its letters, and right-to-left
    runs in the order they are drawn."""
    register_fonts()
    text = _clean("" if text is None else str(text))
    if shaped is None:
        shaped = needs_shaping(text)
    lines = []
    for line in text.split("\n"):
        line = _RTL_RUN.sub(lambda m: _visual(m.group(0), shaped), line)
        out = []
        for part in _WORD.split(line):
            if not part:
                continue
            if part.isspace():
                out.append(escape(part.replace("\t", "    ")))
                continue
            for font, piece in _font_for(part, bold):
                piece = escape(piece)
                out.append(piece if font == FALLBACK[bold][0] else
                           f'<font face="{font}">{piece}</font>')
        lines.append("".join(out))
    return "<br/>".join(lines)


def para(text, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text (or of the program's own words) in a house style."""
    bold = style.fontName == SANS_BOLD
    shaped = needs_shaping(_clean("" if text is None else str(text)))
    return Paragraph(markup(text, bold=bold, shaped=shaped),
                     _shaped_style(style) if shaped else style)


PIECE = 1200      # characters: a long text is laid out in pieces of about this size


def pieces(text, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of at most about ``size`` characters, at a line break where
    one is near, else after a sentence or a word. Each piece is laid out once: a 20,000
    character note costs no more per page than a short one, and never fills a cell
    taller than a page."""
    text = _clean("" if text is None else str(text))
    out = []
    while len(text) > size:
        cut = text.rfind("\n", size // 2, size)
        if cut < 0:
            cut = text.rfind(". ", size // 2, size)
            cut = cut + 1 if cut >= 0 else text.rfind(" ", size // 2, size)
        if cut <= 0:
            cut = size
        out.append(text[:cut].rstrip("\n"))
        text = text[cut:].lstrip(" \n") if text[cut:cut + 1] in (" ", "\n") else text[cut:]
    out.append(text)
    return out


def paras(text, style: ParagraphStyle) -> list[Paragraph]:
    """Paragraphs for a text of any length (see ``pieces``); only the last one has the
    style's space after it."""
    parts = pieces(text)
    if len(parts) == 1:
        return [para(parts[0], style)]
    joined = _joined_style(style)
    return [para(p, joined) for p in parts[:-1]] + [para(parts[-1], style)]


@functools.lru_cache(maxsize=None)
def _joined_style(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(style.name + "-joined", parent=style, spaceAfter=0)


@functools.lru_cache(maxsize=None)
def _shaped_style(style: ParagraphStyle) -> ParagraphStyle:
    """The same style with HarfBuzz shaping on (for Gurmukhi)."""
    return ParagraphStyle(style.name + "-shaped", parent=style, shaping=1)


# -- house styles ----------------------------------------------------------------------------

BODY_PT, LARGE_PT = 11, 16
MARGIN = 20 * mm
FOOTER_SPACE = 16 * mm
GREY = colors.HexColor("#555555")


@functools.lru_cache(maxsize=None)
def styles(large: bool = False) -> dict[str, ParagraphStyle]:
    """The house styles; ``large`` is the large-print variant (16 pt and up)."""
    register_fonts()
    size = LARGE_PT if large else BODY_PT
    body = ParagraphStyle("body", fontName=SANS, fontSize=size, leading=size * 1.4,
                          spaceAfter=size * 0.8)
    small = size if large else size - 1
    return {
        "body": body,
        "block": ParagraphStyle("block", parent=body, spaceAfter=0),
        "bold": ParagraphStyle("bold", parent=body, fontName=SANS_BOLD),
        "label": ParagraphStyle("label", parent=body, fontName=SANS_BOLD, spaceAfter=0),
        "value": ParagraphStyle("value", parent=body, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=SANS_BOLD, fontSize=size + 7,
                                leading=(size + 7) * 1.25, spaceAfter=size * 0.6),
        "heading": ParagraphStyle("heading", parent=body, fontName=SANS_BOLD,
                                  fontSize=size + 2, leading=(size + 2) * 1.3,
                                  spaceBefore=size * 0.8, spaceAfter=size * 0.4),
        "note": ParagraphStyle("note", parent=body, textColor=GREY),
        "org": ParagraphStyle("org", parent=body, fontName=SANS_BOLD, fontSize=size + 5,
                              leading=(size + 5) * 1.2, alignment=TA_RIGHT, spaceAfter=2),
        "head": ParagraphStyle("head", parent=body, fontSize=small, leading=small * 1.3,
                               alignment=TA_RIGHT, spaceAfter=0),
        "key": ParagraphStyle("key", parent=body, fontName=SANS_BOLD, fontSize=size + 2,
                              leading=(size + 2) * 1.8, alignment=TA_CENTER),
        "footer": ParagraphStyle("footer", parent=body, fontSize=12 if large else 8,
                                 leading=14 if large else 10, textColor=GREY, spaceAfter=0),
        "footer_right": ParagraphStyle("footer_right", parent=body, fontSize=12 if large else 8,
                                       leading=14 if large else 10, textColor=GREY,
                                       alignment=TA_RIGHT, spaceAfter=0),
    }


def table(rows, widths, *, header: bool = False, lines: bool = True,
          line_after: list[int] | None = None) -> Table:
    """A table whose rows may split across pages, so no cell is ever taller than a page;
    a thin line under every row, or only under the rows in ``line_after``."""
    t = Table(rows, colWidths=widths, splitInRow=1, repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), SANS),
             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if lines and line_after is None:
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey))
    for r in line_after or ():
        style.append(("LINEBELOW", (0, r), (-1, r), 0.25, colors.lightgrey))
    if header:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
    t.setStyle(TableStyle(style))
    return t


# -- the letterhead ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Letterhead:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    charity_number: str = ""
    logo_png: str = ""      # base64 of a PNG the settings service has checked and re-encoded

    def footer_text(self) -> str:
        parts = [self.name]
        if self.charity_number:
            parts.append(f"Registered charity number {self.charity_number}")
        return " · ".join(p for p in parts if p)


def letterhead(head: Letterhead, width: float, large: bool = False) -> Table:
    """The organisation's logo on the left and its name and details on the right."""
    from .logo import flowable
    s = styles(large)
    lines = [para(head.name, s["org"])]
    lines += [para(line, s["head"]) for line in head.address.splitlines() if line.strip()]
    for label, value in (("Phone", head.phone), ("Email", head.email)):
        if value:
            lines.append(para(f"{label}: {value}", s["head"]))
    logo = flowable(head.logo_png, 26 if large else 22, width * 0.38)
    t = Table([[logo or "", lines]], colWidths=[width * 0.4, width * 0.6], splitInRow=1)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("FONTNAME", (0, 0), (-1, -1), SANS),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return t


# -- the page template -------------------------------------------------------------------------

@dataclass(frozen=True)
class Footer:
    """What every page says at the bottom: ``reference`` (a case reference or a report's
    name, never a person's name) and "Page x of y"; ``left`` is the organisation's line."""

    reference: str
    left: str = ""
    draft: bool = False
    large: bool = False


DRAFT_WORDS = "DRAFT"
DRAFT_NOTE = "DRAFT: not finalised, not to be sent"


def _draw_footer(canvas: Canvas, footer: Footer, page: int, pages: int) -> None:
    width, _ = canvas._pagesize
    s = styles(footer.large)
    usable = width - 2 * MARGIN
    right = f"{footer.reference} · Page {page} of {pages}" if footer.reference \
        else f"Page {page} of {pages}"
    canvas.saveState()
    canvas.setStrokeColor(colors.lightgrey)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, FOOTER_SPACE - 2 * mm, width - MARGIN, FOOTER_SPACE - 2 * mm)
    r = para(right, s["footer_right"])
    _, rh = r.wrap(usable * 0.5, FOOTER_SPACE)
    r.drawOn(canvas, MARGIN + usable * 0.5, FOOTER_SPACE - 4 * mm - rh)
    if footer.left:
        left = para(footer.left, s["footer"])
        _, lh = left.wrap(usable * 0.48, FOOTER_SPACE)
        if lh > FOOTER_SPACE - 6 * mm:        # a very long name: first line only
            left = para(footer.left[:80] + "…", s["footer"])
            _, lh = left.wrap(usable * 0.48, FOOTER_SPACE)
        left.drawOn(canvas, MARGIN, FOOTER_SPACE - 4 * mm - lh)
    if footer.draft:
        _draw_draft(canvas)
    canvas.restoreState()


def _draw_draft(canvas: Canvas) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.18))
    canvas.setFont(SANS_BOLD, 130)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(52)
    canvas.drawCentredString(0, -45, DRAFT_WORDS)
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.7, 0.1, 0.1))
    canvas.setFont(SANS_BOLD, 10)
    canvas.drawCentredString(width / 2, height - 9 * mm, DRAFT_NOTE)
    canvas.restoreState()


def _numbered_canvas(footer: Footer):
    """A canvas that holds each page back until the end, so its footer can say "of y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                _draw_footer(self, footer, number, pages)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def build(story: list, footer: Footer, *, title: str, author: str = "SV2 Desk",
          top: float = 18 * mm) -> bytes:
    """Lay ``story`` out on A4 pages with the house margins and footer; the PDF's bytes
    (in memory: nothing is written to disk)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=top, bottomMargin=FOOTER_SPACE + 4 * mm,
                          title=title, author=author, subject="", creator="SV2 Desk",
                          invariant=1, initialFontName=SANS, initialFontSize=BODY_PT)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()


def content_width() -> float:
    return A4[0] - 2 * MARGIN
