"""The case lifecycle (policy/lifecycle.py): every allowed and every refused move, by table."""

from __future__ import annotations

import itertools

import pytest

from sv2desk.policy import lifecycle as L

ALLOWED = {
    (L.REFERRED, L.ASSESSING), (L.REFERRED, L.CLOSED),
    (L.ASSESSING, L.AWAITING_SUPPORT), (L.ASSESSING, L.CLOSED),
    (L.AWAITING_SUPPORT, L.IN_SUPPORT), (L.AWAITING_SUPPORT, L.CLOSED),
    (L.IN_SUPPORT, L.CLOSED),
    # "during the referral or at assessment stage, or whilst accessing support"
    (L.REFERRED, L.ON_HOLD), (L.ASSESSING, L.ON_HOLD), (L.AWAITING_SUPPORT, L.ON_HOLD),
    (L.IN_SUPPORT, L.ON_HOLD),
    (L.ON_HOLD, L.AWAITING_MANAGEMENT_REVIEW),
    (L.AWAITING_MANAGEMENT_REVIEW, L.OUTCOME_TO_COMMUNICATE),
    # the outcome shared: the case resumes where it was, or closes
    (L.OUTCOME_TO_COMMUNICATE, L.REFERRED), (L.OUTCOME_TO_COMMUNICATE, L.ASSESSING),
    (L.OUTCOME_TO_COMMUNICATE, L.AWAITING_SUPPORT), (L.OUTCOME_TO_COMMUNICATE, L.IN_SUPPORT),
    (L.OUTCOME_TO_COMMUNICATE, L.CLOSED),
}


@pytest.mark.parametrize("current,target", sorted(itertools.product(L.STATES, L.STATES)))
def test_every_move_is_allowed_or_refused_with_a_reason(current, target):
    expected = (current, target) in ALLOWED
    assert L.can_move(current, target) is expected
    reason = L.refusal(current, target)
    if expected:
        assert reason is None
    else:
        assert reason and reason[0].isupper() and reason.endswith(".")


@pytest.mark.parametrize("paused", [L.ON_HOLD, L.AWAITING_MANAGEMENT_REVIEW])
@pytest.mark.parametrize("target", [L.ASSESSING, L.AWAITING_SUPPORT, L.IN_SUPPORT, L.CLOSED])
def test_a_paused_case_cannot_move_on_until_the_outcome_and_says_why(paused, target):
    assert "paused" in L.refusal(paused, target)


@pytest.mark.parametrize("status,allowed", [
    (L.REFERRED, False), (L.ASSESSING, False), (L.AWAITING_SUPPORT, True),
    (L.IN_SUPPORT, True), (L.CLOSED, False), (L.ON_HOLD, False),
    (L.AWAITING_MANAGEMENT_REVIEW, False), (L.OUTCOME_TO_COMMUNICATE, False),
])
def test_support_is_offered_only_after_assessment_and_never_while_paused(status, allowed):
    reason = L.support_refusal(status)
    assert (reason is None) is allowed
    if status in L.PAUSED:
        assert reason == L.HOLD_REASON
    elif status in (L.REFERRED, L.ASSESSING):
        assert "initial options assessment" in reason


def test_every_state_has_a_plain_label():
    assert set(L.LABELS) == set(L.STATES)
    assert all(label and label[0].isupper() for label in L.LABELS.values())
