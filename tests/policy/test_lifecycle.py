"""The lifecycle table (policy/lifecycle.py): every move from every stage is allowed or
refused with a reason, a paused case moves only through the perpetrator workflow, and the
table agrees with the access rule (policy/access.py) about who and when."""

from __future__ import annotations

import itertools

import pytest

from sv2desk.policy import access, lifecycle as L, permissions

WORKFLOW_OPERATIONS = {"concerns.record_explanation", "concerns.countersign_discussion",
                       "reviews.decide", "reviews.correct", "outcomes.record_communication"}


@pytest.mark.parametrize("stage,move", sorted(itertools.product(L.STATES, L.MOVES_BY_NAME)))
def test_every_move_is_allowed_or_refused_with_a_reason(stage, move):
    reason = L.refusal(stage, move)
    if (stage, move) in L.TABLE:
        assert reason is None
        assert L.destination(stage, move, L.IN_SUPPORT) in L.STATES
    else:
        assert reason and reason[0].isupper() and reason.endswith(".")


@pytest.mark.parametrize("stage", L.PAUSED)
def test_a_paused_case_moves_only_through_the_perpetrator_workflow(stage):
    allowed = {L.MOVES_BY_NAME[move].operation for (s, move) in L.TABLE if s == stage}
    if stage == L.CONNECTION_CHECK:
        # held for a manager's check: the manager confirms or dismisses, or a concern is
        # raised on it by anyone who can see it
        assert allowed == {"connections.confirm", "connections.dismiss", "concerns.raise"}
    else:
        assert allowed <= WORKFLOW_OPERATIONS
    for operation in ("cases.close", "assessments.start", "assessments.complete",
                      "support.record_session") + (("concerns.raise",) if stage !=
                                                   L.CONNECTION_CHECK else ()):
        for move in L.moves_of(operation):
            assert (stage, move.name) not in L.TABLE
            assert "paused" in L.refusal(stage, move.name) or \
                "shared with the client first" in L.refusal(stage, move.name) or \
                L.refusal(stage, move.name) == L.CONNECTION_CHECK_REASON


def test_from_outcome_to_be_shared_the_only_way_on_is_recording_it_was_shared():
    onward = {L.destination(L.OUTCOME_TO_COMMUNICATE, move, L.IN_SUPPORT)
              for (stage, move) in L.TABLE if stage == L.OUTCOME_TO_COMMUNICATE}
    leaving = {move for (stage, move) in L.TABLE if stage == L.OUTCOME_TO_COMMUNICATE and
               L.destination(stage, move, L.IN_SUPPORT) != L.OUTCOME_TO_COMMUNICATE}
    assert {L.MOVES_BY_NAME[m].operation for m in leaving} == {"outcomes.record_communication"}
    assert onward == {L.OUTCOME_TO_COMMUNICATE, L.IN_SUPPORT, L.CLOSED}


def test_the_case_resumes_where_it_was_when_the_concern_was_raised():
    move = "record that the outcome was shared: support continues"
    for stage in L.OPEN_STAGES:
        assert L.destination(L.OUTCOME_TO_COMMUNICATE, move, stage) == stage


def test_a_correction_that_changes_the_outcome_pauses_the_case_again():
    changed = "correct the decision after it was shared: what the person was told changes"
    for stage in L.OPEN_STAGES + (L.CLOSED,):
        assert L.destination(stage, changed) == L.OUTCOME_TO_COMMUNICATE
    same = "correct the decision after it was shared: the same outcome"
    assert all(L.destination(stage, same) == stage for stage in L.OPEN_STAGES + (L.CLOSED,))


@pytest.mark.parametrize("stage", [L.AWAITING_SUPPORT, L.IN_SUPPORT])
def test_support_is_offered_only_after_assessment_and_never_while_paused(stage):
    for status in L.STATES:
        reason = L.support_refusal(status)
        assert (reason is None) is (status in (L.AWAITING_SUPPORT, L.IN_SUPPORT))
        if status in L.CONCERN_PAUSED:
            assert reason == L.HOLD_REASON
        elif status == L.CONNECTION_CHECK:      # it says nothing of why
            assert reason == "A manager needs to check this referral before support is " \
                "offered."
    assert (stage, "record a session that was held") in L.TABLE


def test_every_move_names_a_rule_of_who_and_an_operation_the_roles_allow():
    for move in L.MOVES:
        assert move.who in access.WHO, move.name
        assert move.operation in permissions.OPERATIONS, move.name
        rule = access.CASE_OPERATIONS[move.operation]
        # The operation's own rule admits the move's stages (one place says when).
        assert rule.stages is None or set(move.from_stages) <= set(rule.stages), move.name


def test_every_stage_has_a_label_and_the_paused_stages_one_name_each():
    assert set(L.LABELS) == set(L.WORKFLOW_LABELS) == set(L.STATES)
    paused = [L.WORKFLOW_LABELS[s] for s in L.PAUSED]
    assert len(set(paused)) == len(paused)
    # paused while the workflow runs; once decided, the worker is told it is theirs to share
    assert all(L.WORKFLOW_LABELS[s].startswith("Paused") for s in L.PAUSED
               if s != L.OUTCOME_TO_COMMUNICATE)
    assert L.WORKFLOW_LABELS[L.OUTCOME_TO_COMMUNICATE] == "Outcome ready to share"
    assert {L.LABELS[s] for s in L.PAUSED} == {"Paused"}   # all anyone else would see
    assert L.CONCERN_LABELS[L.CONCERN_OUTCOME_TO_COMMUNICATE] == \
        L.WORKFLOW_LABELS[L.OUTCOME_TO_COMMUNICATE]


def test_the_workflow_close_reason_is_not_a_staff_choice():
    assert L.WORKFLOW_CLOSE_REASON not in L.STAFF_CLOSE_REASONS
    assert set(L.STAFF_CLOSE_REASONS) | {L.WORKFLOW_CLOSE_REASON} == set(L.CLOSE_REASONS)


def test_the_table_for_the_docs_lists_every_move():
    rows = L.table_rows()
    assert len(rows) == len(L.MOVES)
    assert all(len(r) == 4 and all(r) for r in rows)
