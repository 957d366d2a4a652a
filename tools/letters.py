"""Render every kind of letter with demo data to PNG (pdftoppm) into docs/letters/.

Run: .venv/bin/python tools/letters.py   (needs poppler-utils; `make test` installs it)
Invented people only.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.letters import LETTERHEAD  # noqa: E402
from sv2desk.letters import recovery_sheet, render as renderer, templates  # noqa: E402

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
    return base64.b64encode(bytes(data)).decode()


def letter(kind: str) -> renderer.LetterText:
    values = {"organisation_name": LETTERHEAD.name, "organisation_phone": LETTERHEAD.phone,
              "greeting_name": "Sam", "client_name": "Sam Example",
              "reference": "SV2-2026-000123", "date": "27 November 2026",
              "worker_name": "Wyn Worker", "referrer_name": "Dr Rhiannon Example",
              "referrer_organisation": "Example Medical Practice",
              "next_steps": ("After careful review, we are not able to offer support to your "
                             "client. We have given them details of services that can help."
                             if kind == "referrer" else
                             "We have listed below some services that can help you.")}
    subject, paragraphs = templates.load(kind).fill(
        values, SERVICES, SURVIVORS if kind == "outcome_not_supported" else None)
    to = (("Dr Rhiannon Example", "Example Medical Practice") if kind == "referrer"
          else ("Sam Example", "2 Safe Road", "Matlock", "DE4 3AG"))
    return renderer.LetterText(kind, subject, to, "\n\n".join(paragraphs),
                               ("Wyn Worker", LETTERHEAD.name))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    head = renderer.Letterhead(**{**LETTERHEAD.__dict__, "logo_png": logo()})
    pdfs = {kind: renderer.render(letter(kind), head, on=date(2026, 11, 27))
            for kind in templates.KINDS}
    pdfs["outcome_not_supported-large-print"] = renderer.render(
        letter("outcome_not_supported"), head, large_print=True, on=date(2026, 11, 27))
    pdfs["recovery-sheet"] = recovery_sheet.render(
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", LETTERHEAD.name, "demo-workspace",
        date(2026, 11, 27))
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
