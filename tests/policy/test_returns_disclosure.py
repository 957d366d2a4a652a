"""Small numbers in returns: every count under 5 is hidden, and no hidden count can be
worked back from the rest of the table and its total. Checked by trying every possibility:
for each table of small counts, everything a reader could know (the counts shown, which
cells are "<5" (0 to 4) and which "*" (5 or more), and the total) leaves every hidden cell
at least two possible values."""

from __future__ import annotations

import itertools

import pytest

from sv2desk.policy import disclosure
from sv2desk.policy.disclosure import HIDDEN, SMALL, WITHHELD, protect


def possible_values(shown: disclosure.Protected, length: int) -> list[set[int]]:
    """For each cell, every value it could hold given only what is shown."""
    total = int(shown.total)
    known = {i: int(c) for i, c in enumerate(shown.cells) if c.isdigit()}
    hidden = [i for i in range(length) if i not in known]
    rest = total - sum(known.values())
    ranges = [range(0, 5) if shown.cells[i] == SMALL else range(5, rest + 1) for i in hidden]
    found = [set() for _ in range(length)]
    for i, v in known.items():
        found[i].add(v)
    for combo in itertools.product(*ranges):
        if sum(combo) == rest:
            for i, v in zip(hidden, combo):
                found[i].add(v)
    return found


CASES = [v for n in (1, 2, 3) for v in itertools.product(range(13), repeat=n)] + \
    list(itertools.product((0, 1, 3, 4, 5, 9), repeat=4))


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_no_hidden_count_can_be_worked_back_from_what_is_shown(length):
    for values in (v for v in CASES if len(v) == length):
        shown = protect(values)
        if shown.total == SMALL:
            assert set(shown.cells) == {SMALL}
            continue
        assert int(shown.total) == sum(values)
        if shown.withheld:
            assert set(shown.cells) == {WITHHELD}
            continue
        for i, (value, cell) in enumerate(zip(values, shown.cells)):
            if value < 5:
                assert cell == SMALL, (values, shown)        # every small count hidden
            assert cell in (SMALL, HIDDEN) or int(cell) == value
        for i, could_be in enumerate(possible_values(shown, length)):
            assert values[i] in could_be
            if shown.cells[i] in (SMALL, HIDDEN):
                assert len(could_be) >= 2, (values, shown.cells, i, could_be)


def test_hiding_is_as_little_as_it_can_be():
    assert protect([10, 20, 30]).cells == ("10", "20", "30")
    assert protect([3, 20, 30]).cells == (SMALL, HIDDEN, "30")     # 3 alone: 53 - 50
    assert protect([3, 2, 30]).cells == (SMALL, SMALL, "30")       # 0-4 + 0-4 = 5: two ways
    assert protect([4, 4, 30]).cells == (SMALL, SMALL, HIDDEN)     # 8 = 4 + 4 only
    assert protect([0, 0, 7]).total == "7"


def test_medians_of_fewer_than_five_people_are_not_shown():
    assert disclosure.median_text([1, 2, 3, 4]) == disclosure.NOT_SHOWN
    assert disclosure.median_text([1, 2, 3, 4, 10]) == "3"
    assert disclosure.small(4) == SMALL and disclosure.small(5) == "5"
