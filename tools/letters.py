"""Render every kind of letter and PDF with demo data to PNG (pdftoppm) into docs/letters/:
each letter kind, large print, a draft, a Polish and an Arabic letter, the recovery sheet,
the workflow report and a subject access copy.

Run: .venv/bin/python tools/letters.py   (needs poppler-utils; `make test` installs it)
Invented people only.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.letters import LETTERHEAD  # noqa: E402
from sv2desk.letters import (recovery_sheet, render as renderer,  # noqa: E402
                             subject_access as sar_pdf, templates, workflow_report)
from sv2desk.services import reports, settings  # noqa: E402

OUT = ROOT / "docs" / "letters"

SERVICES = ["Stop It Now (Lucy Faithfull Foundation)\nPhone: 0808 1000 900\n"
            "Web: https://www.stopitnow.org.uk\nOpening hours: check current hours",
            "Respect Phoneline\nPhone: 0808 802 4040\nWeb: https://respectphoneline.org.uk"]
SURVIVORS = ["Rape Crisis England & Wales 24/7 Support Line\nPhone: 0808 500 2222\n"
             "Web: https://rapecrisis.org.uk\nOpening hours: 24 hours a day, 7 days a week"]


def logo() -> str:
    """A simple demo logo, drawn with Qt (offscreen)."""
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(360, 160, QImage.Format.Format_ARGB32)
    image.fill(QColor("#6b2c91"))
    painter = QPainter(image)
    painter.setPen(QColor("white"))
    font = QFont("Sans", 64)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "SV2")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    del app
    return settings.logo_png(bytes(data))      # checked and re-encoded, as the app does


def letter(kind: str, greeting: str = "Sam", client: str = "Sam Example",
           address: tuple[str, ...] = ("2 Safe Road", "Matlock", "DE4 3AG")
           ) -> renderer.LetterText:
    values = {"organisation_name": LETTERHEAD.name, "organisation_phone": LETTERHEAD.phone,
              "greeting_name": greeting, "client_name": client,
              "reference": "SV2-2026-000123", "date": "27 November 2026",
              "worker_name": "Wyn Worker", "referrer_name": "Dr Rhiannon Example",
              "referrer_organisation": "Example Medical Practice",
              "next_steps": ("After careful review, we are not able to offer support to your "
                             "client. We have given them details of services that can help."
                             if kind == "referrer" else
                             "Your worker will be in touch to arrange your next session."
                             if kind == "outcome_support_continues" else
                             "We have listed below some services that can help you.")}
    subject, paragraphs = templates.load(kind).fill(
        values, SERVICES, SURVIVORS if kind == "outcome_not_supported" else None)
    to = (("Dr Rhiannon Example", "Example Medical Practice") if kind == "referrer"
          else (client, *address))
    return renderer.LetterText(kind, subject, to, "\n\n".join(paragraphs),
                               ("Wyn Worker", LETTERHEAD.name), reference="SV2-2026-000123")


def subject_access_copy() -> dict:
    return {"organisation": LETTERHEAD.name, "reference": "SV2-2026-000123",
            "withheld": [{"section": "Your referral", "item": "The referrer's name",
                          "reason": "Details of another person (third party)"}],
            "sections": [
                {"title": "Your details", "note": "", "groups": [[
                    {"label": "Name", "value": "Łucja Wąsowska-Żółć"},
                    {"label": "Preferred name", "value": "Łucja"},
                    {"label": "Address", "value": "2 Safe Road\nMatlock"},
                    {"label": "Postcode", "value": "DE4 3AG"}]]},
                {"title": "Support sessions", "note": "", "groups": [[
                    {"label": "Date", "value": "2026-11-02"},
                    {"label": "Note", "value": "Talked about [withheld: another person] and "
                                               "about the garden. " * 6}]]}]}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    head = renderer.Letterhead(**{**LETTERHEAD.__dict__, "logo_png": logo()})
    on = date(2026, 11, 27)
    pdfs = {kind: renderer.render(letter(kind), head, on=on) for kind in templates.KINDS}
    pdfs["outcome_not_supported-large-print"] = renderer.render(
        letter("outcome_not_supported"), head, large_print=True, on=on)
    pdfs["signposting-draft"] = renderer.render(letter("signposting"), head, on=on, draft=True)
    pdfs["polish"] = renderer.render(letter(
        "outcome_support_continues", "Łucja", "Łucja Wąsowska-Żółć",
        ("ul. Źródlana 4", "Chesterfield", "S40 1AA")), head, on=on)
    pdfs["arabic"] = renderer.render(letter(
        "signposting", "فاطمة", "فاطمة الزهراء", ("15 Normanton Road", "Derby", "DE23 6AA")),
        head, on=on)
    pdfs["recovery-sheet"] = recovery_sheet.render(
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", LETTERHEAD.name, "demo-workspace", on)
    pdfs["workflow-report"] = workflow_report.render(reports.Dashboard(
        {"Paused: explanation and line-manager discussion": 2,
         "Waiting for management review": 1, "Outcome to be shared": 1},
        {"up to a week": 2, "1 to 4 weeks": 1, "over 4 weeks": 1},
        reports.Durations(5, 9.0, 21.5), reports.Durations(4, 12.0, 30.0),
        {"Support ends": 3, "Support continues": 2}, 240, 240), LETTERHEAD.name, on)
    pdfs["subject-access"] = sar_pdf.render(subject_access_copy(), on)
    with tempfile.TemporaryDirectory() as tmp:
        for name, pdf in pdfs.items():
            source = Path(tmp) / f"{name}.pdf"
            source.write_bytes(pdf)
            for old in OUT.glob(f"{name}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-png", "-r", "70", str(source), str(OUT / name)],
                           check=True)
    for png in sorted(OUT.glob("*.png")):
        print(f"saved {png.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
