"""Every attack in the policy-kernel issue, as a named test through the real services (each
one broke before the access rule and the lifecycle table were put in one place)."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import lifecycle, roles, signin as signin_policy
from sv2desk.services import (accounts, assessments, auth, caseload, cases, concerns, letters,
                              outcomes, referrals, reviews, subject_access, support)
from sv2desk.services.connections import flags as connection_flags
from sv2desk.services.letters import LetterRequest
from sv2desk.store.signin_state import SigninState

from ..support.service_examples import (assessment_form, communication_form, concern_form,
                                        decision_form, discussion_form, explanation_form,
                                        referral_form, session_form)
from ..support.workspaces import (MANAGER_PASSWORD, SECOND_MANAGER_PASSWORD)

# On both kinds of workspace (tests/support/server_fixtures.py).
# On the office server too in `make test-server` (every workspace test on both kinds);
# `make test` runs the model-based test and the server's own tests there.


def last_entry(session):
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        row = conn.execute(select(AuditEntry.account_id, AuditEntry.action, AuditEntry.outcome)
                           .order_by(AuditEntry.seq.desc()).limit(1)).one()
        conn.rollback()
    return tuple(row)


def to_decision(people, case: int, outcome: str = "support_ends", **changes) -> int:
    """The worker raises a concern on their case; explained, countersigned, decided."""
    worker = people["worker"]
    concern = concerns.raise_concern(worker, case, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    reviews.decide(people["second"], concern, decision_form(outcome=outcome, **changes))
    return concern


def in_support(session, **changes) -> int:
    case = referrals.create_referral(session, referral_form(assign_to_me=True,
                                                            **changes)).id
    assessments.complete(session, case, assessment_form())
    support.record_session(session, case, session_form())
    return case


# -- decisions leaking to workers not on the case ----------------------------------------------

def test_a_worker_who_took_a_referral_later_reassigned_learns_nothing_of_its_decision(people):
    worker, other, manager = people["worker"], people["other"], people["manager"]
    # "other" takes the referral, with the client's consent to contact the referrer.
    case = referrals.create_referral(other, referral_form(
        assign_to_me=True, external_referral=True, referrer_organisation="GP surgery",
        referrer_name="Dr Referrer", referrer_contact_consent=True, address="1 Safe St",
        post_is_safe=True)).id
    cases.assign(manager, case, worker.account_id)
    assessments.complete(worker, case, assessment_form())
    concern = to_decision(people, case)
    letter = letters.finalise(worker, case, letters.compose(worker, case,
                                                            LetterRequest("referrer", [1])))
    outcomes.record_communication(worker, concern, communication_form())
    attempts = {
        "open": lambda: cases.open_case(other, case),
        "outcome letter": lambda: letters.compose(other, case,
                                                  LetterRequest("outcome_not_supported", [1])),
        "wrong outcome letter": lambda: letters.compose(
            other, case, LetterRequest("outcome_support_continues", [1])),
        "referrer letter": lambda: letters.compose(other, case, LetterRequest("referrer", [1])),
        "open the referrer letter": lambda: letters.open_letter(other, letter),
        "list letters": lambda: letters.list_for_case(other, case),
        "finalise": lambda: letters.finalise(other, case, letters.compose(
            worker, case, LetterRequest("outcome_not_supported", [1]))),
        "concern": lambda: concerns.view(other, concern),
    }
    for what, attempt in attempts.items():
        with pytest.raises(errors.NotYours) as refused:
            attempt()
        # The same words as for a case that does not exist: nothing of the decision.
        assert refused.value.message == errors.NotYours.message, what
        assert last_entry(other)[2] == "denied", what
    assert case not in caseload.case_ids(other, caseload.MINE)
    assert caseload.search(other, "Example") == []
    # The people on the case still see it all.
    view = cases.open_case(worker, case)
    assert view.referral["closed_reason"] == "not_supported"
    assert any("Closed" in t.what for t in view.timeline)


def test_any_worker_on_an_unassigned_paused_case_learns_nothing(people):
    other, manager = people["other"], people["manager"]
    case = referrals.create_referral(manager, referral_form()).id      # unassigned
    concerns.raise_concern(manager, case, concern_form())
    for attempt in (lambda: cases.open_case(other, case),
                    lambda: letters.compose(other, case,
                                            LetterRequest("outcome_not_supported", [1])),
                    lambda: concerns.for_case(other, case)):
        with pytest.raises(errors.NotYours):
            attempt()
    assert case not in caseload.case_ids(other, caseload.UNASSIGNED)


def test_the_refusal_that_names_the_decision_is_said_only_to_people_on_the_case(people):
    worker, other = people["worker"], people["other"]
    case = in_support(worker)
    to_decision(people, case)
    with pytest.raises(errors.ActionRefused) as on_case:
        letters.compose(worker, case, LetterRequest("outcome_support_continues", [1]))
    assert "does not match the decision" in on_case.value.message     # they may know it
    with pytest.raises(errors.NotYours) as off_case:
        letters.compose(other, case, LetterRequest("outcome_support_continues", [1]))
    assert "decision" not in off_case.value.message and "Support" not in off_case.value.message


def test_a_worker_cannot_take_an_unassigned_paused_case_and_read_the_allegation(people):
    other, manager = people["other"], people["manager"]
    case = referrals.create_referral(manager, referral_form()).id
    concern = concerns.raise_concern(manager, case, concern_form())
    with pytest.raises(errors.NotYours):
        cases.assign(other, case, other.account_id)
    assert last_entry(other) == (other.account_id, "cases.assign", "denied")
    with pytest.raises(errors.NotYours):
        concerns.view(other, concern)
    assert cases.open_case(manager, case).assigned_worker_id is None


def test_a_worker_cannot_close_a_case_assigned_to_someone_else_because_they_took_it(people):
    worker, other, manager = people["worker"], people["other"], people["manager"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    cases.assign(manager, case, other.account_id)
    with pytest.raises(errors.NotYours):
        cases.close(worker, case, "client_withdrew")
    assert cases.open_case(manager, case).status == lifecycle.REFERRED


# -- a paused case closed or restarted without the outcome being shared --------------------------

def test_at_outcome_to_be_shared_nothing_but_sharing_it_moves_the_case(people):
    worker = people["worker"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    assessments.start(worker, case)
    concern = to_decision(people, case, outcome="support_continues")
    assert cases.open_case(worker, case).status == lifecycle.OUTCOME_TO_COMMUNICATE
    for attempt in (lambda: cases.close(worker, case, "client_withdrew"),
                    lambda: assessments.start(worker, case),
                    lambda: assessments.complete(worker, case, assessment_form()),
                    lambda: support.record_session(worker, case, session_form()),
                    lambda: concerns.raise_concern(worker, case, concern_form())):
        with pytest.raises(errors.MoveRefused) as refused:
            attempt()
        assert "shared with the client first" in refused.value.message
        assert last_entry(worker)[2] == "denied"
    assert cases.open_case(worker, case).status == lifecycle.OUTCOME_TO_COMMUNICATE
    # The only way on: the outcome shared; the case resumes where it was, and the concern
    # is finished, so a new one can be raised later.
    assert outcomes.record_communication(worker, concern, communication_form()) == \
        lifecycle.ASSESSING
    assessments.complete(worker, case, assessment_form())
    support.record_session(worker, case, session_form())
    concerns.raise_concern(worker, case, concern_form())


def test_a_correction_that_changes_what_the_person_was_told_reopens_outcome_to_be_shared(
        people):
    worker, second = people["worker"], people["second"]
    case = in_support(worker)
    concern = to_decision(people, case, outcome="support_continues")
    first = concerns.view(worker, concern).decisions[-1]["id"]
    outcomes.record_communication(worker, concern, communication_form())
    assert cases.open_case(worker, case).status == lifecycle.IN_SUPPORT
    reviews.correct(second, first, decision_form(outcome="support_ends"),
                    "The manager had read the wrong record")
    view = cases.open_case(worker, case)
    assert view.status == lifecycle.OUTCOME_TO_COMMUNICATE and view.paused
    with pytest.raises(errors.MoveRefused):
        support.record_session(worker, case, session_form())
    assert outcomes.record_communication(worker, concern, communication_form()) == \
        lifecycle.CLOSED
    assert cases.open_case(worker, case).referral["closed_reason"] == "not_supported"


def test_a_correction_that_keeps_the_outcome_changes_nothing_the_person_was_told(people):
    worker, second = people["worker"], people["second"]
    case = in_support(worker)
    concern = to_decision(people, case, outcome="support_continues")
    first = concerns.view(worker, concern).decisions[-1]["id"]
    outcomes.record_communication(worker, concern, communication_form())
    reviews.correct(second, first, decision_form(victim_safety_note="Different rooms too"),
                    "Added the rooms")
    assert cases.open_case(worker, case).status == lifecycle.IN_SUPPORT
    with pytest.raises(errors.MoveRefused):      # an old version is not corrected again
        reviews.correct(second, first, decision_form(outcome="support_ends"), "Again")


def test_sessions_planned_before_a_concern_are_suspended_and_the_worker_told_which(people):
    worker = people["worker"]
    case = in_support(worker)
    support.record_session(worker, case, session_form(
        planned=True, session_date=datetime.now().date() + timedelta(days=7)))
    concern = concerns.raise_concern(worker, case, concern_form())
    view = cases.open_case(worker, case)
    planned = [s for s in view.sessions if s.planned]
    assert planned and all(s.suspended for s in planned)
    assert any("planned session suspended" in t.what for t in view.timeline)
    record = concerns.view(worker, concern)
    assert len(record.suspended_sessions) == 1
    with pytest.raises(errors.MoveRefused):      # nothing can be held while paused
        support.record_session(worker, case, session_form())


# -- revoked rights still working -----------------------------------------------------------------

def test_a_disabled_accounts_open_session_can_do_nothing_from_that_moment(people):
    worker, admin = people["worker"], people["admin"]
    ended = []
    worker.on_access_ended = ended.append
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    accounts.disable_account(admin, worker.account_id)
    for attempt in (lambda: referrals.create_referral(worker, referral_form()),
                    lambda: caseload.case_ids(worker, caseload.MINE),
                    lambda: cases.open_case(worker, case)):
        with pytest.raises(errors.AccessEnded):
            attempt()
        assert last_entry(admin) == (worker.account_id, last_entry(admin)[1], "denied")
    assert ended == [errors.AccessEnded.message]      # the desktop is told once


def test_a_manager_demoted_to_worker_loses_the_queue_and_subject_access_at_once(people):
    manager, admin = people["second"], people["admin"]
    case = referrals.create_referral(manager, referral_form()).id
    reviews.queue(manager)
    accounts.set_roles(admin, manager.account_id, {roles.SUPPORT_WORKER})
    for attempt in (lambda: reviews.queue(manager),
                    lambda: subject_access.export(manager, case)):
        with pytest.raises(errors.AccessEnded):
            attempt()
    # Signing in again gives the rights as they are now.
    again = auth.sign_in(manager.workspace.folder, "second", SECOND_MANAGER_PASSWORD)
    try:
        with pytest.raises(errors.PermissionDenied):
            reviews.queue(again)
    finally:
        auth.sign_out(again)


def test_a_role_given_while_signed_in_takes_effect_at_once(people):
    worker, admin = people["worker"], people["admin"]
    with pytest.raises(errors.PermissionDenied):
        reviews.queue(worker)
    accounts.set_roles(admin, worker.account_id, {roles.SUPPORT_WORKER, roles.MANAGER})
    assert reviews.queue(worker) == []


# -- countersigning --------------------------------------------------------------------------------

def test_the_countersign_is_throttled_exactly_like_sign_in(people, folder, created):
    worker = people["worker"]
    _, ids = created
    case = in_support(worker)
    concern = concerns.raise_concern(worker, case, concern_form())
    now = 1_000_000.0
    for attempt in range(signin_policy.FREE_ATTEMPTS):
        with pytest.raises(errors.ValidationError):
            concerns.countersign_discussion(worker, concern, "a wrong guess 1",
                                            discussion_form(), now=now + attempt)
        assert last_entry(worker) == (worker.account_id, "concerns.countersign_discussion",
                                      "failed")
    with pytest.raises(errors.TooManyAttempts):   # even the right password must wait
        concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form(),
                                        now=now + 10)
    # Counted for the manager's account, kept on disk: signing in waits too.
    state = SigninState.load(folder)
    assert state.count(ids["manager"])[0] == signin_policy.FREE_ATTEMPTS
    with pytest.raises(errors.TooManyAttempts):
        auth.sign_in(folder, "manager", MANAGER_PASSWORD, now=now + 10)
    later = now + signin_policy.FIRST_WAIT_SECONDS + 10
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form(),
                                    now=later)
    assert SigninState.load(folder).count(ids["manager"])[0] == 0


def test_a_line_manager_is_always_a_manager(people, created):
    admin, worker = people["admin"], people["worker"]
    _, ids = created
    with pytest.raises(errors.ValidationError) as refused:
        accounts.set_line_manager(admin, ids["worker"], people["other"].account_id)
    assert "manager" in refused.value.fields["line_manager"]
    with pytest.raises(errors.ValidationError):
        accounts.create_account(admin, "newbie", "New Person", "new password 12",
                                {roles.SUPPORT_WORKER}, line_manager_id=ids["worker"])
    # A manager who line-manages someone keeps the manager role until they are replaced.
    with pytest.raises(errors.ValidationError) as kept:
        accounts.set_roles(admin, ids["manager"], {roles.SUPPORT_WORKER})
    assert "line manager" in kept.value.fields["roles"]
    assert accounts.list_line_manager_problems(admin) == []
    assert worker


def test_links_to_a_line_manager_who_cannot_countersign_are_listed_for_the_administrator(
        people, created):
    admin, worker = people["admin"], people["worker"]
    _, ids = created
    # As in a workspace from before the rule: the line manager is made a worker directly.
    with admin.workspace.transaction() as db:
        from sv2desk.models import Account, AccountRole
        manager = db.get(Account, ids["manager"])
        manager.roles = [AccountRole(role=roles.SUPPORT_WORKER)]
    problems = dict(accounts.list_line_manager_problems(admin))
    assert "not a manager" in problems[ids["worker"]]
    case = in_support(worker)
    concern = concerns.raise_concern(worker, case, concern_form())
    with pytest.raises(errors.PermissionDenied) as refused:
        concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    assert "line manager" in refused.value.message


# -- refusals that were not audited ----------------------------------------------------------------

def test_deciding_or_correcting_your_own_concern_is_refused_and_audited(people, created):
    manager, second, admin = people["manager"], people["second"], people["admin"]
    _, ids = created
    accounts.set_line_manager(admin, ids["manager"], second.account_id)
    case = referrals.create_referral(manager, referral_form(assign_to_me=True)).id
    concern = concerns.raise_concern(manager, case, concern_form())
    concerns.record_explanation(manager, concern, explanation_form())
    concerns.countersign_discussion(manager, concern, SECOND_MANAGER_PASSWORD, discussion_form())
    with pytest.raises(errors.PermissionDenied) as refused:
        reviews.decide(manager, concern, decision_form())
    assert "You raised this concern" in refused.value.message
    assert last_entry(manager) == (manager.account_id, "reviews.decide", "denied")
    decision = reviews.decide(second, concern, decision_form())
    with pytest.raises(errors.PermissionDenied):
        reviews.correct(manager, decision, decision_form(outcome="support_ends"), "Mine")
    assert last_entry(manager) == (manager.account_id, "reviews.correct", "denied")


def test_a_refused_session_on_a_paused_case_is_audited(people):
    worker = people["worker"]
    case = in_support(worker)
    concerns.raise_concern(worker, case, concern_form())
    with pytest.raises(errors.MoveRefused):
        support.record_session(worker, case, session_form())
    assert last_entry(worker) == (worker.account_id, "support.record_session", "denied")


# -- facts asked, not invented -----------------------------------------------------------------------

def test_the_risk_level_is_the_workers_choice_and_not_assessed_is_one(people):
    worker = people["worker"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    with pytest.raises(errors.ValidationError) as asked:
        assessments.complete(worker, case, assessment_form(
            potential_perpetrator=True, perpetrator_notes="Said so"))
    assert "risk_level" in asked.value.fields
    assessments.complete(worker, case, assessment_form(
        potential_perpetrator=True, perpetrator_notes="Said so", risk_level="not_assessed"))
    record = concerns.view(worker, concerns.for_case(worker, case))
    assert record.risk_level == "not_assessed"
    assert concerns.view(worker, record.id).id == record.id


def test_consent_given_at_referral_appears_in_the_review(people):
    worker = people["worker"]
    case = in_support(worker, external_referral=True, referrer_organisation="GP surgery",
                      referrer_contact_consent=True)
    concern = concerns.raise_concern(worker, case, concern_form())
    assert concerns.view(people["manager"], concern).referrer_contact_consent is True


def test_the_timeline_names_who_actually_did_each_step(people):
    worker, manager = people["worker"], people["manager"]
    case = in_support(worker)
    concern = concerns.raise_concern(worker, case, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    history = {what: who for _, who, what in concerns.view(manager, concern).history}
    assert history["Line-manager discussion countersigned"] == "Mo Manager"
    assert history["Explanation to the client recorded"] == "Wyn Worker"
    assert history["Paused: explanation and line-manager discussion → "
                   "Paused: waiting for management review"] == "Mo Manager"


def test_text_of_only_invisible_characters_is_refused_by_every_service(people):
    worker, manager = people["worker"], people["manager"]
    zero_width = "\u200b\u200b"
    case = in_support(worker)
    with pytest.raises(errors.ValidationError):
        concerns.raise_concern(worker, case, dataclasses.replace(concern_form(),
                                                                 information=zero_width))
    concern = concerns.raise_concern(worker, case, concern_form())
    with pytest.raises(errors.ValidationError):
        concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD,
                                        dataclasses.replace(discussion_form(),
                                                            risks=zero_width))
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    with pytest.raises(errors.ValidationError):
        reviews.decide(people["second"], concern, decision_form(victim_safety_note=zero_width))
    decision = reviews.decide(people["second"], concern, decision_form())
    with pytest.raises(errors.ValidationError):
        reviews.correct(people["second"], decision, decision_form(), zero_width)
    flagged = referrals.create_referral(manager, referral_form(
        "Survivor One", interaction_answer="yes",
        persons_named=[referrals.PersonNamed("Harold Flagstaff", "ex-partner")]))
    referrals.create_referral(manager, referral_form("Harold Flagstaff"))
    flag = connection_flags.open_flags(manager)[0].id
    for attempt in (lambda: connection_flags.confirm(manager, flag, zero_width),
                    lambda: connection_flags.dismiss(manager, flag, zero_width)):
        with pytest.raises(errors.ValidationError):
            attempt()
    assert flagged


def test_an_explanation_dated_years_before_the_concern_is_refused(people):
    worker = people["worker"]
    case = in_support(worker)
    concern = concerns.raise_concern(worker, case, concern_form())
    with pytest.raises(errors.ValidationError) as refused:
        concerns.record_explanation(worker, concern, dataclasses.replace(
            explanation_form(), explained_on=datetime.now() - timedelta(days=3 * 365)))
    assert refused.value.fields == {"explained_on": "That is before the concern was raised."}


def test_an_outcome_cannot_be_shared_before_the_decision_existed(people):
    worker = people["worker"]
    case = in_support(worker)
    concern = to_decision(people, case)
    with pytest.raises(errors.ValidationError) as refused:
        outcomes.record_communication(worker, concern, outcomes.CommunicationForm(
            communicated_on=datetime.now() - timedelta(days=30), method="phone"))
    assert "before the decision" in refused.value.fields["communicated_on"]


def test_the_audit_trail_of_every_refusal_names_the_operation_and_nothing_else(people):
    other = people["other"]
    entries_before = last_entry(other)
    with pytest.raises(errors.NotYours):
        cases.open_case(other, 123456)
    assert last_entry(other) == (other.account_id, "cases.open", "denied")
    assert entries_before != last_entry(other)
    assert json.dumps(last_entry(other))


# -- found by the model-based test ------------------------------------------------------------------

def test_a_wrong_form_on_a_case_you_cannot_open_says_only_what_is_wrong_with_the_form(people):
    """Found by tests/support/policy_model.py: a form that is wrong in itself is refused before the
    case is looked up, so the answer is the same for a case that exists and is someone
    else's, and for one that does not exist: nothing about the case is said."""
    worker, other = people["worker"], people["other"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    answers = []
    for target in (case, 999_999):
        with pytest.raises(errors.ValidationError) as refused:
            cases.close(other, target, "not_supported")
        answers.append(refused.value.fields)
    assert answers[0] == answers[1] == {"reason": "Choose why the case is closing."}
    with pytest.raises(errors.NotYours):              # with a right form: not found
        cases.close(other, case, "client_withdrew")
