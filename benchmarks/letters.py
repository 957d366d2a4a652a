"""Letter budgets: one letter rendered (< 50 ms), and 500 in a batch with progress and cancel."""

from __future__ import annotations

import statistics
import time

from sv2desk.letters import batch, render as renderer
from sv2desk.letters.templates import load

LETTERHEAD = renderer.Letterhead("SV2 (Support Against Sexual Violence)",
                                 "1 Example Street\nDerby\nDE1 1AA", "01332 000000",
                                 "office@example.org", "1234567")


def sample(n: int) -> renderer.LetterText:
    template = load("outcome_not_supported")
    values = {"organisation_name": LETTERHEAD.name, "organisation_phone": LETTERHEAD.phone,
              "greeting_name": f"Person {n}", "client_name": f"Person {n}",
              "reference": f"SV2-2026-{n:06d}", "date": "27 November 2026",
              "worker_name": "A Worker", "next_steps": "There is nothing more you need to do."}
    services = ["Stop It Now\nPhone: 0808 1000 900\nWeb: https://www.stopitnow.org.uk",
                "Respect Phoneline\nPhone: 0808 802 4040"]
    subject, paragraphs = template.fill(values, services, services[:1])
    return renderer.LetterText("outcome_not_supported", subject,
                               (f"Person {n}", "1 Safe Road", "Derby"), "\n\n".join(paragraphs),
                               ("A Worker", LETTERHEAD.name))


def run(report) -> None:
    report.section("Letters (reportlab, in memory)")
    renderer.render(sample(0), LETTERHEAD)  # warm up fonts and imports
    times = []
    for n in range(30):
        start = time.perf_counter()
        renderer.render(sample(n), LETTERHEAD)
        times.append(time.perf_counter() - start)
    report.figure("one letter rendered, median of 30", statistics.median(times) * 1000, "ms",
                  budget=50, budget_text="< 50 ms", precision=1)
    letters = [(sample(n), n % 5 == 0) for n in range(500)]
    start = time.perf_counter()
    progress = 0
    for index, pdf in batch.render_many(letters, LETTERHEAD):
        progress = index + 1
    total = time.perf_counter() - start
    report.figure(f"{progress} letters in a batch (every 5th large print)", total, "s")
    stopped = []
    for index, _ in batch.render_many(letters, LETTERHEAD, cancelled=lambda: len(stopped) >= 50):
        stopped.append(index)
    report.note(f"cancel after 50: the batch stopped with {len(stopped)} rendered")
