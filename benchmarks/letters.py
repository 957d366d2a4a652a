"""Letter budgets: one letter rendered with embedded fonts (< 50 ms), a subject access copy
of a large case (< 2 s), and 100 letters in a batch
(given per 500) with progress and cancel."""

from __future__ import annotations

import statistics
import time

from sv2desk.letters import batch, render as renderer, subject_access as sar_pdf
from sv2desk.letters.templates import load
from sv2desk.services import third_parties

NAMES = ("Łucja Wąsowska-Żółć", "Nguyễn Thị Phương", "فاطمة الزهراء", "عائشہ بی بی ٹھاکر",
         "ਗੁਰਪ੍ਰੀਤ ਕੌਰ", "שרה כהן", "王秀英")

LETTERHEAD = renderer.Letterhead("SV2 (Support Against Sexual Violence)",
                                 "1 Example Street\nDerby\nDE1 1AA", "01332 000000",
                                 "office@example.org", "1234567")


def sample(n: int, name: str | None = None) -> renderer.LetterText:
    template = load("outcome_not_supported")
    values = {"organisation_name": LETTERHEAD.name, "organisation_phone": LETTERHEAD.phone,
              "greeting_name": name or f"Person {n}", "client_name": name or f"Person {n}",
              "reference": f"SV2-2026-{n:06d}", "date": "27 November 2026",
              "worker_name": "A Worker", "next_steps": "There is nothing more you need to do."}
    services = ["Stop It Now\nPhone: 0808 1000 900\nWeb: https://www.stopitnow.org.uk",
                "Respect Phoneline\nPhone: 0808 802 4040"]
    subject, paragraphs = template.fill(values, services, services[:1])
    return renderer.LetterText("outcome_not_supported", subject,
                               (name or f"Person {n}", "1 Safe Road", "Derby"),
                               "\n\n".join(paragraphs), ("A Worker", LETTERHEAD.name),
                               reference=f"SV2-2026-{n:06d}")


def large_case() -> dict:
    """A subject access document as the service builds it: 50 letters, 20 sessions and
    three notes at the 20,000-character limit."""
    letter = "\n\n".join(sample(0).paragraphs())
    note = ("A note written after the session, about how things are going. " * 400)[:20_000]
    groups = [[{"label": "Date", "value": "2026-01-01"}, {"label": "Subject",
                                                          "value": "Support"},
               {"label": "Letter", "value": letter}] for _ in range(50)]
    sessions = [[{"label": "Date", "value": "2026-01-01"},
                 {"label": "Note", "value": "Talked about the week and what comes next."}]
                for _ in range(20)]
    return {"organisation": LETTERHEAD.name, "reference": "SV2-2026-000001", "withheld": [],
            "sections": [{"title": "Your referral", "note": "",
                          "groups": [[{"label": "Notes", "value": note}] for _ in range(3)]},
                         {"title": "Support sessions", "note": "", "groups": sessions},
                         {"title": "Letters", "note": "", "groups": groups}]}


def run(report) -> None:
    report.section("Letters (reportlab, in memory, embedded fonts)")
    start = time.perf_counter()
    renderer.render(sample(0), LETTERHEAD)  # loads and registers the fonts once
    report.note(f"first letter, fonts loaded: {(time.perf_counter() - start) * 1000:.0f} ms")
    for label, name in (("one letter rendered, median of 30", None),
                        ("one letter with names in 7 scripts, median of 30", " ".join(NAMES))):
        times = []
        for n in range(30):
            start = time.perf_counter()
            renderer.render(sample(n, name), LETTERHEAD)
            times.append(time.perf_counter() - start)
        report.figure(label, statistics.median(times) * 1000, "ms", budget=50,
                      budget_text="< 50 ms", precision=1)
    document_ = large_case()
    start = time.perf_counter()
    pdf = sar_pdf.render(document_)
    pages = pdf.count(b"/Type /Page\n")
    report.figure(f"subject access PDF, large case ({pages} pages)",
                  time.perf_counter() - start, "s", budget=2, budget_text="< 2 s")
    finder = third_parties.NameFinder(["Client Name"])
    for n in range(5000):
        finder.add(f"Person{n} Surname{n % 977}", third_parties.INDEX)
    start = time.perf_counter()
    for section in document_["sections"]:
        for group in section["groups"]:
            for item in group:
                finder.redact(section["title"], item["value"])
    report.figure("names found in that case's text, index of 5,000", (time.perf_counter() - start)
                  * 1000, "ms", precision=1)
    # 100 (every 5th large print) show the batch's rate; 500 took 24 s of make bench.
    letters = [(sample(n), n % 5 == 0) for n in range(100)]
    start = time.perf_counter()
    progress = 0
    for index, pdf in batch.render_many(letters, LETTERHEAD):
        progress = index + 1
    total = time.perf_counter() - start
    report.figure(f"{progress} letters in a batch (every 5th large print)", total, "s")
    report.figure("  the same, per 500 letters", total / max(1, progress) * 500, "s")
    stopped = []
    for index, _ in batch.render_many(letters, LETTERHEAD, cancelled=lambda: len(stopped) >= 50):
        stopped.append(index)
    report.note(f"cancel after 50: the batch stopped with {len(stopped)} rendered")
