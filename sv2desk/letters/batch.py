"""Rendering many letters at once, with progress and a way to stop part-way.

A generator, so a Qt runnable (or the benchmark) can report each step and stop when
asked; finished PDFs are handed back in memory, never written to disk here.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from .render import Letterhead, LetterText, render


def render_many(letters: Iterable[tuple[LetterText, bool]], letterhead: Letterhead,
                cancelled: Callable[[], bool] = lambda: False) -> Iterator[tuple[int, bytes]]:
    """Yield (index, pdf) for each (letter, large_print); stops early when ``cancelled()``."""
    for index, (letter, large_print) in enumerate(letters):
        if cancelled():
            return
        yield index, render(letter, letterhead, large_print=large_print)
