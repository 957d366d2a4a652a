"""Search input is bounded (characters and words), so a pasted letter cannot stall the
caseload: only its first 200 characters and 12 words are read, whatever was pasted, so
the cost of a search is bounded by a name's worth."""

from __future__ import annotations

import pytest

from sv2desk.services import search_index, caseload, referrals

from ..support.service_examples import referral_form


def test_a_search_within_the_bounds_still_finds_the_case(admin_session):
    referrals.create_referral(admin_session, referral_form("Quentin Marbleford"))
    words = " ".join(["Quen"] + ["Marb"] * (caseload.SEARCH_MAX_WORDS - 1))
    assert [r.name for r in caseload.search(admin_session, words)] == ["Quentin Marbleford"]


@pytest.mark.parametrize("typed", [
    "a" * (search_index.SEARCH_MAX_CHARACTERS + 1),             # one character too many
    " ".join(["ann"] * (search_index.SEARCH_MAX_WORDS + 1)),     # one word too many
    "o'b-" * 40,                                              # punctuation makes many words
    "word " * 1_000_000,                                      # a 5 MB paste
])
def test_too_long_a_search_reads_only_its_first_words(admin_session, typed):
    assert isinstance(caseload.search(admin_session, typed), list)
    expression = search_index.match_expression(typed)
    assert expression.count(" AND ") <= search_index.SEARCH_MAX_WORDS - 1
    assert len(expression) < 40 * search_index.SEARCH_MAX_WORDS


def test_the_expression_grows_only_with_what_was_typed():
    """Each accepted word adds one term: the expression is linear in the input."""
    sizes = [len(search_index.match_expression(" ".join(["smith"] * n)))
             for n in range(1, search_index.SEARCH_MAX_WORDS + 1)]
    steps = {b - a for a, b in zip(sizes, sizes[1:])}
    assert steps == {len(' AND "smith"*')}


def test_the_caseload_search_box_takes_no_more_than_the_bound(qtbot, admin_session):
    from sv2desk.ui.casework.caseload_page import CaseListPanel
    page = CaseListPanel(admin_session)
    qtbot.addWidget(page)
    assert page.search_box.maxLength() == caseload.SEARCH_MAX_CHARACTERS


def test_the_connection_checks_name_reading_is_bounded_whatever_it_is_given():
    from sv2desk.matching import normalise
    huge = "Anne " * 200_000 + "Smith"
    assert normalise.name_forms(huge) == normalise.name_forms(
        " ".join(["Anne"] * normalise.MAX_NAME_WORDS))
    assert normalise.name_forms("Anne Smith")[0].surname == "smith"
