"""The potential-perpetrator workflow (policy paragraphs 4 to 7), guarded in the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import lifecycle, perpetrators
from sv2desk.services import (accounts, assessments, caseload, cases, concerns, letters,
                              outcomes, referrals, reports, reviews, support)

from ..support.service_examples import (assessment_form, communication_form, concern_form,
                                        decision_form, discussion_form, explanation_form,
                                        referral_form, session_form)
from ..support.workspaces import (MANAGER_PASSWORD, SECOND_MANAGER_PASSWORD, WORKER_PASSWORD)
from sv2desk.practice import earlier_today

# On both kinds of workspace (tests/support/server_fixtures.py).
# On the office server too in `make test-server` (every workspace test on both kinds);
# `make test` runs the model-based test and the server's own tests there.


def case_in_support(worker, **changes) -> int:
    case = referrals.create_referral(worker, referral_form(assign_to_me=True, **changes)).id
    assessments.complete(worker, case, assessment_form())
    support.record_session(worker, case, session_form())
    return case


def status(session, case_id) -> str:
    return cases.open_case(session, case_id).status


def to_review(people, case_id) -> int:
    worker = people["worker"]
    concern = concerns.raise_concern(worker, case_id, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    return concern


# -- raising a concern puts the case on hold at once ---------------------------------------

@pytest.mark.parametrize("stage", [lifecycle.REFERRED, lifecycle.AWAITING_SUPPORT,
                                   lifecycle.IN_SUPPORT])
def test_a_concern_at_any_stage_pauses_support(people, stage):
    worker = people["worker"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    if stage != lifecycle.REFERRED:
        assessments.complete(worker, case, assessment_form())
    if stage == lifecycle.IN_SUPPORT:
        support.record_session(worker, case, session_form())
    assert status(worker, case) == stage
    concerns.raise_concern(worker, case, concern_form())
    assert status(worker, case) == lifecycle.ON_HOLD
    with pytest.raises(errors.ActionRefused) as refused:
        support.record_session(worker, case, session_form())
    assert "paused" in refused.value.message and "potential perpetrator" in refused.value.message
    with pytest.raises(errors.ActionRefused):
        support.record_session(worker, case, session_form(planned=True))
    with pytest.raises(errors.ActionRefused):
        cases.close(worker, case, "other")
    with pytest.raises(errors.ActionRefused):
        assessments.start(worker, case)


def test_the_assessment_wizard_raises_the_concern_itself(people):
    worker = people["worker"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    result = assessments.complete(worker, case, assessment_form(
        potential_perpetrator=True, perpetrator_notes="Disclosed harming a child",
        risk_level="high"))
    assert result == lifecycle.ON_HOLD
    concern = concerns.for_case(worker, case)
    record = concerns.view(worker, concern)
    assert record.information == "Disclosed harming a child"
    assert record.stage == lifecycle.LABELS[lifecycle.ASSESSING]
    assert record.risk_level == "high"        # as the worker chose it, never assumed


def test_a_concern_needs_what_led_to_it_and_where_it_came_from(people):
    case = case_in_support(people["worker"])
    with pytest.raises(errors.ValidationError) as bad:
        concerns.raise_concern(people["worker"], case, concerns.ConcernForm())
    assert {"information", "source", "risk_level"} <= set(bad.value.fields)


# -- the explanation of the four points ------------------------------------------------------

def test_a_point_not_explained_needs_a_reason(people):
    case = case_in_support(people["worker"])
    concern = concerns.raise_concern(people["worker"], case, concern_form())
    points = {name: True for name, _ in perpetrators.FOUR_POINTS}
    points["safeguarding_may_be_reported"] = False
    form = concerns.ExplanationForm(earlier_today(timedelta(hours=1)), "phone", points)
    with pytest.raises(errors.ValidationError) as bad:
        concerns.record_explanation(people["worker"], concern, form)
    assert set(bad.value.fields) == {"safeguarding_may_be_reported_reason"}
    form.reasons = {"safeguarding_may_be_reported": "It was not safe to: partner present"}
    concerns.record_explanation(people["worker"], concern, form)
    explanation = concerns.view(people["worker"], concern).explanation
    assert explanation["safeguarding_may_be_reported"] is False
    assert explanation["safeguarding_may_be_reported_reason"].startswith("It was not safe")


def test_the_four_points_are_the_policys_words():
    said = " ".join(text for _, text in perpetrators.FOUR_POINTS)
    for words in ("not able to support perpetrators of sexual abuse",
                  "discussed with a member of the management team",
                  "communicate the outcome", "report any safeguarding concerns to the relevant "
                  "authority"):
        assert words in said


# -- line-manager countersignature before the queue -------------------------------------------

def test_only_the_line_managers_real_password_countersigns(people, folder):
    worker, manager = people["worker"], people["manager"]
    case = case_in_support(worker)
    concern = concerns.raise_concern(worker, case, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    assert concerns.line_manager(worker, concern)[1] == "Mo Manager"
    for wrong in ("", "not the password", SECOND_MANAGER_PASSWORD, WORKER_PASSWORD):
        with pytest.raises(errors.ValidationError) as bad:
            concerns.countersign_discussion(worker, concern, wrong, discussion_form())
        assert "Mo Manager" in bad.value.fields["manager_password"]
    assert reviews.count(manager) == 0  # not in the queue before the countersignature
    with pytest.raises(errors.ActionRefused):
        reviews.decide(manager, concern, decision_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    assert reviews.count(manager) == 1
    assert status(worker, case) == lifecycle.AWAITING_MANAGEMENT_REVIEW
    manager.workspace.sync_views()      # views waiting on an office-server PC
    with manager.workspace.engine.connect() as conn:
        actions = conn.execute(select(AuditEntry.account_id, AuditEntry.outcome).where(
            AuditEntry.action == "concerns.countersign_discussion")).all()
    assert actions.count((worker.account_id, "failed")) == 4
    assert (manager.account_id, "ok") in actions


def test_a_worker_without_a_line_manager_is_told_to_get_one(people, admin_session, created):
    _, ids = created
    accounts.set_line_manager(admin_session, ids["worker"], None)
    case = case_in_support(people["worker"])
    concern = concerns.raise_concern(people["worker"], case, concern_form())
    with pytest.raises(errors.PermissionDenied) as refused:
        concerns.countersign_discussion(people["worker"], concern, MANAGER_PASSWORD,
                                        discussion_form())
    assert "no line manager" in refused.value.message


# -- the manager queue -------------------------------------------------------------------------

def test_queue_is_oldest_first_with_filters(people):
    worker, manager = people["worker"], people["manager"]
    first = to_review(people, case_in_support(worker, name="First Person"))
    second = to_review(people, case_in_support(
        worker, name="Second Person", external_referral=True,
        referrer_organisation="GP surgery"))
    queue = reviews.queue(manager)
    assert [row.concern_id for row in queue] == [first, second]
    assert queue[1].external_referral and not queue[0].external_referral
    assert queue[0].waiting_days == 0 and queue[0].risk_level == "Medium"
    assert [r.concern_id for r in reviews.queue(manager, external=True)] == [second]
    assert reviews.queue(manager, risk_level="high") == []
    with pytest.raises(errors.PermissionDenied):
        reviews.queue(worker)


# -- the decision, case by case -------------------------------------------------------------------

def test_decision_guards(people):
    worker, manager, second = people["worker"], people["manager"], people["second"]
    case = case_in_support(worker)
    concern = to_review(people, case)
    with pytest.raises(errors.PermissionDenied):          # not a manager
        reviews.decide(worker, concern, decision_form())
    with pytest.raises(errors.ValidationError) as bad:    # the victim-safety note is required
        reviews.decide(manager, concern, decision_form(victim_safety_note=" "))
    assert "victims, children or vulnerable people" in bad.value.fields["victim_safety_note"]
    with pytest.raises(errors.ValidationError) as bad:    # every next step considered
        reviews.decide(manager, concern, decision_form(steps={}))
    assert "step_report_safeguarding" in bad.value.fields
    assert "step_contact_referrer" not in bad.value.fields  # self-referral: not offered
    with pytest.raises(errors.ValidationError) as bad:
        reviews.decide(manager, concern, decision_form(communicator="manager"))
    assert "communicator_reason" in bad.value.fields
    steps = decision_form().steps | {"report_safeguarding": ("done", "")}
    with pytest.raises(errors.ValidationError) as bad:
        reviews.decide(manager, concern, decision_form(steps=steps, safeguarding_consent="not_given"))
    assert {"safeguarding_authority", "safeguarding_reported_on", "safeguarding_reference",
            "safeguarding_lawful_basis"} <= set(bad.value.fields)
    decision = reviews.decide(manager, concern, decision_form(
        steps=steps, safeguarding_authority="Derbyshire MASH", safeguarding_consent="not_given",
        safeguarding_reported_on=date.today(), safeguarding_reference="REF-1",
        safeguarding_lawful_basis="DPA 2018 Sch 1 para 18", outcome="support_ends"))
    assert status(worker, case) == lifecycle.OUTCOME_TO_COMMUNICATE
    with pytest.raises(errors.ActionRefused):             # decided once; corrections only
        reviews.decide(second, concern, decision_form())
    correction = reviews.correct(second, decision, decision_form(outcome="support_ends"),
                                 "Reference number mistyped")
    record = concerns.view(manager, concern)
    assert [d["corrects_id"] for d in record.decisions] == [None, decision]
    assert record.decisions[0]["safeguarding_reference"] == "REF-1"  # never edited
    assert correction != decision


def test_contact_the_referrer_is_offered_only_for_external_referrals(people):
    worker, manager = people["worker"], people["manager"]
    own = to_review(people, case_in_support(worker))
    steps = decision_form().steps | {"contact_referrer": ("done", "")}
    with pytest.raises(errors.ValidationError) as bad:
        reviews.decide(manager, own, decision_form(steps=steps))
    assert "self-referral" in bad.value.fields["step_contact_referrer"]
    external = to_review(people, case_in_support(worker, external_referral=True,
                                                 referrer_organisation="GP"))
    reviews.decide(manager, external, decision_form(steps=steps, referrer_contact_consent=True))
    assert concerns.view(manager, external).decisions[0]["referrer_contact_consent"] is True


# -- the outcome shared, then the case resumes or closes -------------------------------------------

@pytest.mark.parametrize("outcome,expected", [("support_continues", lifecycle.IN_SUPPORT),
                                              ("support_ends", lifecycle.CLOSED)])
def test_outcome_shared_resumes_or_closes(people, outcome, expected):
    worker, manager = people["worker"], people["manager"]
    case = case_in_support(worker)
    concern = to_review(people, case)
    reviews.decide(manager, concern, decision_form(outcome=outcome))
    with pytest.raises(errors.PermissionDenied):          # someone not on the case at all
        outcomes.record_communication(people["other"], concern, communication_form())
    with pytest.raises(errors.ActionRefused):             # still paused until it is shared
        support.record_session(worker, case, session_form())
    assert outcomes.record_communication(worker, concern, communication_form(
        letter_sent=True)) == expected
    view = cases.open_case(worker, case)
    assert view.status == expected
    if expected == lifecycle.CLOSED:
        assert view.referral["closed_reason"] == "not_supported"
    else:
        support.record_session(worker, case, session_form())


def test_a_manager_may_share_the_outcome_with_a_reason(people):
    worker, manager, second = people["worker"], people["manager"], people["second"]
    concern = to_review(people, case_in_support(worker))
    reviews.decide(manager, concern, decision_form(
        communicator="manager", communicator_id=second.account_id,
        communicator_reason="The client asked not to deal with the worker again"))
    with pytest.raises(errors.PermissionDenied) as refused:  # the worker was not named
        outcomes.record_communication(worker, concern, communication_form())
    assert "named to share the outcome" in refused.value.message
    outcomes.record_communication(second, concern, communication_form())


# -- confidentiality --------------------------------------------------------------------------------

def test_a_case_with_a_concern_is_hidden_from_workers_not_on_it(people):
    manager, other = people["manager"], people["other"]
    # an unassigned referral (so every worker may open it), until a manager raises a concern
    case = referrals.create_referral(manager, referral_form(name="Hidden Person")).id
    assert cases.open_case(other, case).id == case
    concern = concerns.raise_concern(manager, case, concern_form())
    # From now on it is as if it did not exist, to anyone not on the case.
    for attempt in (lambda: cases.open_case(other, case), lambda: concerns.view(other, concern),
                    lambda: concerns.for_case(other, case),
                    lambda: letters.list_for_case(other, case)):
        with pytest.raises(errors.NotYours) as hidden:
            attempt()
        assert hidden.value.message == errors.NotYours.message
    assert case not in caseload.case_ids(other, caseload.UNASSIGNED)
    assert caseload.rows(other, [case]) == []
    assert caseload.search(other, "Hidden") == []
    assert any("Concern raised" in e.what for e in cases.open_case(manager, case).timeline)


# -- reports ----------------------------------------------------------------------------------------

def test_dashboard_figures(people):
    worker, manager = people["worker"], people["manager"]
    waiting = to_review(people, case_in_support(worker))
    done = to_review(people, case_in_support(worker))
    reviews.decide(manager, done, decision_form(outcome="support_ends"))
    outcomes.record_communication(worker, done, communication_form())
    figures = reports.dashboard(manager)
    assert figures.open_by_stage["Paused: waiting for management review"] == 1
    assert figures.to_decision.count == 1 and figures.to_communication.count == 1
    assert figures.decisions_by_outcome[perpetrators.OUTCOMES["support_ends"]] == 1
    assert figures.question_answered_percent == 100.0
    assert waiting
    from pypdf import PdfReader
    import io
    text = PdfReader(io.BytesIO(reports.export_pdf(manager))).pages[0].extract_text()
    assert "Paused: waiting for management review" in text and "100.0%" in text
