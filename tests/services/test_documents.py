"""Every PDF SV2 Desk makes: every name printed as typed in any script (embedded fonts,
right-to-left text shaped and ordered), every field up to its limit flowing over pages,
"Page x of y" and the reference on every page (never the name), DRAFT on every page of a
draft, and one escaping function."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from pypdf import PdfReader

from sv2desk.letters import (document, recovery_sheet, render as renderer,
                             subject_access as sar_pdf, templates, workflow_report)
from sv2desk.services import reports
from sv2desk.services.settings import ORGANISATION_LIMITS

# One client of each community the service works with. (The Punjabi name avoids conjuncts
# and pre-base vowel signs only so that pypdf can read it back letter for letter: shaped
# Gurmukhi is drawn right but extracts in the order it is drawn. See test_gurmukhi_...)
NAMES = {
    "Polish": "Łucja Wąsowska-Żółć",
    "Romanian": "Ștefan Țărănescu",
    "Slovak": "Ľubomír Ďurčo",
    "Vietnamese": "Nguyễn Thị Phương",
    "Arabic": "فاطمة الزهراء",
    "Urdu": "عائشہ بی بی ٹھاکر",
    "Punjabi": "ਹਰਜੀਤ ਕੌਰ",
    "Hebrew": "שרה כהן",
    "Chinese": "王秀英",
}
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufefc]")
HEAD = document.Letterhead("SV2 (Support Against Sexual Violence)", "1 Example Street\nDerby",
                           "01332 000000", "office@example.org", "1234567")


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def has_name(name: str, text: str) -> bool:
    """``name`` in text extracted by pypdf. Right-to-left words come back one by one, each
    in reading order, in presentation forms (NFKC gives the letters as typed)."""
    flat = " ".join(unicodedata.normalize("NFKC", text).split())
    if RTL.search(name):
        return all(word in flat for word in name.split())
    return name in flat


def limits() -> dict[str, int]:
    """Field limits, from the one validation table."""
    from sv2desk.policy import validation
    return {"name": validation.limit("referral", "name"),
            "short": validation.limit("referral", "referrer_name"),
            "note": validation.limit("support_session", "note")}


def letter_for(kind: str, name: str, reference: str = "SV2-2026-000123",
               extra: str = "") -> renderer.LetterText:
    values = {"organisation_name": HEAD.name, "organisation_phone": HEAD.phone,
              "greeting_name": name, "client_name": name, "reference": reference,
              "date": "1 December 2026", "worker_name": "Wyn Worker",
              "referrer_name": name, "referrer_organisation": "Example Practice",
              "next_steps": "There is nothing more you need to do."}
    subject, paragraphs = templates.load(kind).fill(values, ["Stop It Now\nPhone: 0808 1000 900"],
                                                    ["Rape Crisis\nPhone: 0808 500 2222"])
    body = "\n\n".join(paragraphs) + (f"\n\n{extra}" if extra else "")
    return renderer.LetterText(kind, subject, (name, "2 Safe Road", "Matlock", "DE4 3AG"),
                               body, ("Wyn Worker", HEAD.name), reference=reference)


def sar_document(name: str, notes: list[str] | None = None) -> dict:
    return {"organisation": HEAD.name, "reference": "SV2-2026-000123",
            "sections": [{"title": "Your details", "note": "",
                          "groups": [[{"label": "Name", "value": name},
                                      {"label": "Address", "value": "2 Safe Road"}]]},
                         {"title": "Support sessions", "note": "",
                          "groups": [[{"label": "Note", "value": n}] for n in notes or []]}],
            "withheld": []}


def figures() -> reports.Dashboard:
    return reports.Dashboard({"Paused": 1}, {"up to a week": 1}, reports.Durations(1, 2.0, 3.0),
                             reports.Durations(0, None, None), {"Support ends": 2}, 10, 10)


# -- every name as typed -------------------------------------------------------------------------

@pytest.mark.parametrize("language", NAMES)
def test_every_name_is_printed_as_typed_in_every_kind_of_pdf(language):
    name = NAMES[language]
    made = {kind: renderer.render(letter_for(kind, name), HEAD) for kind in templates.KINDS}
    made["large print"] = renderer.render(letter_for("outcome_not_supported", name), HEAD,
                                          large_print=True)
    made["recovery sheet"] = recovery_sheet.render("ABCD-EFGH", name, "ws-1", date(2026, 1, 1))
    made["dashboard"] = workflow_report.render(figures(), name, date(2026, 1, 1))
    made["subject access"] = sar_pdf.render(sar_document(name))
    for what, pdf in made.items():
        text = "\n".join(pages_text(pdf))
        assert has_name(name, text), (language, what)
        assert "\u25a0" not in text and "\ufffd" not in text, (language, what)


def test_the_fonts_are_embedded_and_no_builtin_font_is_used():
    pdf = renderer.render(letter_for("signposting", " ".join(NAMES.values())), HEAD)
    used = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        drawn = set(re.findall(rb"/(F[\w+]+) [\d.]+ Tf", page.get_contents().get_data()))
        assert drawn
        for key in drawn:
            font = fonts["/" + key.decode()].get_object()
            descendant = font["/DescendantFonts"][0].get_object() \
                if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"], font["/BaseFont"]  # embedded
            used.add(str(font["/BaseFont"]).lstrip("/"))
    assert not any("Helvetica" in f or "Times" in f or "Courier" in f for f in used), used
    assert {"DejaVuSans", "NotoNaskhArabic-Regular", "NotoSansGurmukhi-Regular",
            "DroidSansFallback"} <= {f.split("+")[-1] for f in used}, used


def _unmarked(markup: str) -> str:
    return unicodedata.normalize("NFKC", re.sub(r"<[^>]+>", "", markup))


def test_right_to_left_names_are_drawn_right_to_left_inside_an_english_sentence():
    # Drawn left to right, the visual string holds the last word first, each word's
    # letters reversed: reading it right to left gives the name as typed.
    for name in (NAMES["Arabic"], NAMES["Urdu"], NAMES["Hebrew"]):
        drawn = _unmarked(document.markup(f"Dear {name}, welcome."))
        assert drawn.startswith("Dear ") and drawn.endswith(", welcome.")
        inner = drawn[len("Dear "):-len(", welcome.")]
        assert inner[::-1] == unicodedata.normalize("NFKC", name)


def test_arabic_is_shaped_into_joined_letter_forms():
    drawn = re.sub(r"<[^>]+>", "", document.markup(NAMES["Arabic"]))
    assert all("\ufb50" <= ch <= "\ufefc" or ch == " " for ch in drawn)   # joined forms


def test_gurmukhi_is_shaped_by_harfbuzz():
    # The pre-base vowel sign of ਕਿ is drawn before its consonant only when shaped.
    paragraph = document.para("ਗੁਰਪ੍ਰੀਤ ਕੌਰ ਕਿਰਨ", document.styles()["body"])
    assert paragraph.style.shaping == 1
    text = "\n".join(pages_text(document.build([paragraph], document.Footer("x"),
                                               title="t")))
    assert "ਿਕ" in text         # extracted in the order drawn: the sign first


def test_markup_in_any_text_is_printed_as_text():
    hostile = '<font face="Courier" color="red">x</font> <img src="/etc/passwd"/> & <b>'
    text = "\n".join(pages_text(renderer.render(letter_for("signposting", hostile), HEAD)))
    assert "".join(hostile.split()) in "".join(text.split())


# -- every page identifiable ---------------------------------------------------------------------

def test_every_page_says_page_x_of_y_and_the_reference_never_the_name():
    filler = "\n\n".join("A paragraph of the letter that goes on for a while. " * 8
                         for _ in range(30))
    name = NAMES["Polish"]
    pdf = renderer.render(letter_for("outcome_not_supported", name, extra=filler), HEAD)
    pages = pages_text(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        flat = " ".join(text.split())
        assert f"Page {number} of {len(pages)}" in flat
        assert "SV2-2026-000123" in flat
        if number > 1:
            assert name not in flat          # the name is in the letter, not the footer


def test_a_draft_says_draft_on_every_page_and_a_finalised_letter_does_not():
    filler = "\n\n".join("Words. " * 60 for _ in range(20))
    letter = letter_for("signposting", "Sam Example", extra=filler)
    draft = pages_text(renderer.render(letter, HEAD, draft=True))
    final = pages_text(renderer.render(letter, HEAD))
    assert len(draft) >= 2
    assert all("DRAFT" in page for page in draft)
    assert not any("DRAFT" in page for page in final)


# -- no length breaks a PDF ------------------------------------------------------------------

SCRIPTS = st.sampled_from(list(NAMES.values()) + ["<b>&amp;", "Ab\u0301c", "x" * 90])


def at_limit(parts: list[str], limit: int) -> str:
    text = " ".join(parts)
    while len(text) < limit:
        text += " " + text
    return text[:limit]


@hsettings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(SCRIPTS, min_size=1, max_size=6), large=st.booleans(),
       breaks=st.booleans(), kind=st.sampled_from(list(templates.KINDS)))
def test_every_pdf_kind_renders_with_every_field_at_its_limit(parts, large, breaks, kind):
    lim = limits()
    name = at_limit(parts, lim["name"])
    note = at_limit(parts, lim["note"])
    if breaks:
        note = note.replace(" ", "\n", 400)          # many short lines as well as long ones
    head = document.Letterhead(**{k: at_limit(parts, n).replace("\n", " ")
                                  for k, n in ORGANISATION_LIMITS.items()},
                               logo_png="")
    head = document.Letterhead(head.name, "\n".join([at_limit(parts, 48)] * 8), head.phone,
                               head.email, head.charity_number)
    letter = renderer.LetterText(kind, at_limit(parts, lim["short"]), tuple([name] * 8),
                                 note, (name, head.name), reference="SV2-2026-000123")
    pages = pages_text(renderer.render(letter, head, large_print=large, draft=breaks))
    assert all("SV2-2026-000123" in " ".join(p.split()) for p in pages)
    assert pages_text(recovery_sheet.render("KEY-" * 10, name, "ws", date(2026, 1, 1)))
    assert pages_text(workflow_report.render(figures(), name, date(2026, 1, 1)))
    sar = pages_text(sar_pdf.render(sar_document(name, [note, note[:5000]])))
    assert len(sar) >= 3 and f"Page {len(sar)} of {len(sar)}" in " ".join(sar[-1].split())


@pytest.mark.parametrize("key", ["WWWW-WWWW-WWWW-WWWW-WWWW-WWWW-WWWW-WWWW",
                                 "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"])
def test_the_recovery_key_is_printed_on_one_line(key):
    [page] = pages_text(recovery_sheet.render(key, "SV2", "ws-1", date(2026, 1, 1)))
    assert key in page.splitlines()[3] or any(line.strip() == key for line in page.splitlines())
