"""Small numbers in figures that leave the service: no return can identify a person.

Every count below 5 is shown as "<5" (primary suppression). A count hidden that way must not
be workable back from what is shown: a breakdown's total minus the counts shown gives the
sum of the hidden ones, so when that sum would pin a hidden count down (one count hidden
alone, or two hidden counts of 4 whose total gives 8), the next smallest count is hidden
too, shown as "*" (secondary suppression), and so on. The total itself stays shown: the
same total (the quarter's referrals, say) is broken down several ways, so hiding it in one
table would hide nothing. When even hiding every count leaves one workable back, the
breakdown is not shown at all, only its total. Medians and other figures worked out from
fewer than 5 people are not shown.

What a reader of a table can know, and what this module guarantees against: a "<5" cell
is 0 to 4, a "*" cell is 5 or more, a shown cell is exact, and the cells add up to the
total. Given only that, every hidden cell could hold at least two different numbers
(tests/policy/test_returns_disclosure.py checks it by trying every possibility).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"          # a count below the threshold
HIDDEN = "*"          # hidden so that a small count cannot be worked out from the total
NOT_SHOWN = "not shown (fewer than 5)"
FOOTNOTE = (f'"{SMALL}": fewer than {THRESHOLD} (0 to {THRESHOLD - 1}), so that no one can '
            f'be identified. "{HIDDEN}": {THRESHOLD} or more, hidden so that a number under '
            f'{THRESHOLD} cannot be worked out from the total. "withheld": the numbers are '
            f'too small to break down without identifying someone; only the total is given.')


@dataclass(frozen=True)
class Protected:
    """A breakdown as it may be shown: each cell and the total, as text. ``withheld``: the
    breakdown could not be shown without a small count being workable back, so only the
    total is (every cell says so)."""

    cells: tuple[str, ...]
    total: str
    withheld: bool = False


def small(count: int) -> str:
    """One count on its own (no breakdown to protect)."""
    return SMALL if count < THRESHOLD else str(count)


def bounds(values, hidden: dict[int, str], total: int) -> dict[int, tuple[int, int]]:
    """(lowest, highest) each hidden cell could be, for someone who sees the shown cells,
    the total and which cells are "<5" and which "*"."""
    rest = total - sum(v for i, v in enumerate(values) if i not in hidden)
    own = {i: (0, min(THRESHOLD - 1, rest)) if kind == SMALL else (THRESHOLD, rest)
           for i, kind in hidden.items()}
    found = {}
    for i, (lo, hi) in own.items():
        others_lo = sum(o[0] for j, o in own.items() if j != i)
        others_hi = sum(o[1] for j, o in own.items() if j != i)
        found[i] = (max(lo, rest - others_hi), min(hi, rest - others_lo))
    return found


def _pinned(values, hidden, total: int) -> bool:
    return any(lo >= hi for lo, hi in bounds(values, hidden, total).values())


WITHHELD = "withheld"


def protect(values, total: int | None = None) -> Protected:
    """The cells of a breakdown (counts that add up to ``total``; by default their sum) as
    they may be shown, with small counts hidden and nothing hidden workable back."""
    values = [int(v) for v in values]
    total = sum(values) if total is None else int(total)
    if total < THRESHOLD:
        return Protected(tuple(SMALL for _ in values), SMALL)
    hidden = {i: SMALL for i, v in enumerate(values) if v < THRESHOLD}
    while hidden and _pinned(values, hidden, total):
        candidates = [i for i in range(len(values)) if i not in hidden]
        if not candidates:
            return Protected(tuple(WITHHELD for _ in values), str(total), withheld=True)
        hidden[min(candidates, key=lambda i: (values[i], i))] = HIDDEN
    return Protected(tuple(hidden.get(i, str(v)) for i, v in enumerate(values)), str(total))


def median_text(days, precision: int = 0) -> str:
    """A median of a figure about people (days waited, say), shown only when there are at
    least THRESHOLD of them."""
    values = sorted(days)
    if len(values) < THRESHOLD:
        return NOT_SHOWN
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return f"{median:.{precision}f}"
