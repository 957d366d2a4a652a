"""Casework in the services: the initial options assessment, support sessions, who sees which
case, assigning and closing, the caseload lists and search.

Each rule is checked where it is enforced, in the service, as the person it protects
would notice it: a refusal with a plain reason, a case that cannot be found, a list that
leaves something out.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import lifecycle, referral as vocab, roles
from sv2desk.services import (accounts, assessments, auth, caseload, cases, referrals,
                              support)

from ..support.service_examples import assessment_form, referral_form, session_form
from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD, make_workspace

OTHER_PASSWORD = "other worker password"
TODAY = date.today()


@pytest.fixture
def people(created, admin_session, folder):
    """Signed-in sessions: 'worker' and 'other' (support workers), 'manager', and the
    administrator (also a manager) as 'admin'. Signed out at the end."""
    _, ids = created
    accounts.create_account(admin_session, "other", "Olu Other", OTHER_PASSWORD,
                            {roles.SUPPORT_WORKER}, line_manager_id=ids["manager"])
    sessions = {"worker": auth.sign_in(folder, "worker", WORKER_PASSWORD),
                "other": auth.sign_in(folder, "other", OTHER_PASSWORD),
                "manager": auth.sign_in(folder, "manager", MANAGER_PASSWORD)}
    yield sessions | {"admin": admin_session}
    for session in sessions.values():
        auth.sign_out(session)


def new_case(session, name="Casey Client", **changes) -> int:
    return referrals.create_referral(session, referral_form(name, **changes)).id


def status(session, case_id) -> str:
    return cases.open_case(session, case_id).status


def at_stage(session, stage: str, **changes) -> int:
    """A case taken through the services to ``stage``."""
    case = new_case(session, **changes)
    if stage == lifecycle.ASSESSING:
        assessments.start(session, case)
    elif stage in (lifecycle.AWAITING_SUPPORT, lifecycle.IN_SUPPORT):
        assessments.complete(session, case, assessment_form())
        if stage == lifecycle.IN_SUPPORT:
            support.record_session(session, case, session_form())
    elif stage == lifecycle.CLOSED:
        cases.close(session, case, "no_contact")
    assert status(session, case) == stage
    return case


def last_audit(session) -> tuple:
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        row = conn.execute(select(AuditEntry.account_id, AuditEntry.action,
                                  AuditEntry.object_type, AuditEntry.object_id,
                                  AuditEntry.outcome)
                           .order_by(AuditEntry.seq.desc()).limit(1)).one()
        conn.rollback()
    return tuple(row)


# -- the initial options assessment ------------------------------------------------------------

@pytest.mark.parametrize("outcome, new_status, closed_reason", [
    ("support_offered", lifecycle.AWAITING_SUPPORT, None),
    ("signposted", lifecycle.CLOSED, "signposted"),
    ("declined", lifecycle.CLOSED, "client_withdrew"),
])
def test_the_assessment_outcome_moves_the_case_on(admin_session, outcome, new_status,
                                                  closed_reason):
    case = new_case(admin_session)
    form = assessment_form(outcome=outcome,
                           options_offered={"counselling"} if outcome == "support_offered"
                           else set())
    assert assessments.complete(admin_session, case, form) == new_status
    view = cases.open_case(admin_session, case)
    assert (view.status, view.referral["closed_reason"], view.assessed) == (
        new_status, closed_reason, True)
    assert "Initial options assessment recorded" in [t.what for t in view.timeline]
    assert not view.needs_management_attention


@pytest.mark.parametrize("outcome", sorted(vocab.ASSESSMENT_OUTCOMES))
def test_a_potential_perpetrator_is_marked_for_management_and_not_offered_support(
        admin_session, outcome):
    case = new_case(admin_session)
    new_status = assessments.complete(admin_session, case, assessment_form(
        outcome=outcome, potential_perpetrator=True, risk_level="not_assessed",
        perpetrator_notes="The client said they had been accused by a neighbour"))
    view = cases.open_case(admin_session, case)
    assert view.needs_management_attention
    assert new_status == view.status
    assert view.status not in (lifecycle.AWAITING_SUPPORT, lifecycle.IN_SUPPORT,
                               lifecycle.CLOSED)
    assert view.support_refusal
    with pytest.raises(errors.ActionRefused) as refused:
        support.record_session(admin_session, case, session_form())
    assert refused.value.message == view.support_refusal
    assert cases.open_case(admin_session, case).sessions == ()


def test_the_interaction_question_is_reviewed_at_assessment(admin_session):
    case = new_case(admin_session, interaction_answer="declined")
    assessments.complete(admin_session, case, assessment_form(
        interaction_answer="yes", interaction_notes="Sees the family at the school gate"))
    assert cases.open_case(admin_session, case).interaction_answer == "yes"


ASSESSMENT_CHECKS = [
    (dict(identity_confirmed=False), "identity_confirmed"),
    (dict(interaction_answer=""), "interaction_answer"),
    (dict(immediate_risk=True, safety_notes=" "), "safety_notes"),
    (dict(children_at_risk=True), "safety_notes"),
    (dict(adults_at_risk=True), "safety_notes"),
    (dict(potential_perpetrator=True, perpetrator_notes="", risk_level="low"),
     "perpetrator_notes"),
    (dict(potential_perpetrator=True, perpetrator_notes="Said so"), "risk_level"),
    (dict(potential_perpetrator=True, perpetrator_notes="\u200b\u2060", risk_level="low"),
     "perpetrator_notes"),
    (dict(outcome=""), "outcome"),
    (dict(outcome="support_offered", options_offered=set()), "options_offered"),
    (dict(options_offered={"housing"}), "options_offered"),
    (dict(needs="x" * 20_001), "needs"),
]


@pytest.mark.parametrize("changes, field", ASSESSMENT_CHECKS,
                         ids=[f for _, f in ASSESSMENT_CHECKS])
def test_an_incomplete_assessment_is_refused_and_the_case_does_not_move(admin_session,
                                                                        changes, field):
    case = new_case(admin_session)
    with pytest.raises(errors.ValidationError) as caught:
        assessments.complete(admin_session, case, assessment_form(**changes))
    assert set(caught.value.fields) == {field}
    if field == "interaction_answer":
        assert vocab.INTERACTION_QUESTION in caught.value.fields[field]
    view = cases.open_case(admin_session, case)
    assert (view.status, view.assessed) == (lifecycle.REFERRED, False)


def test_starting_the_assessment_moves_a_referral_to_assessing(admin_session):
    case = new_case(admin_session)
    assessments.start(admin_session, case)
    assessments.start(admin_session, case)  # opening the wizard again changes nothing
    assert status(admin_session, case) == lifecycle.ASSESSING
    assert assessments.complete(admin_session, case, assessment_form()) == \
        lifecycle.AWAITING_SUPPORT


@pytest.mark.parametrize("stage", [lifecycle.AWAITING_SUPPORT, lifecycle.IN_SUPPORT,
                                   lifecycle.CLOSED])
def test_a_case_is_assessed_once(admin_session, stage):
    case = at_stage(admin_session, stage)
    with pytest.raises(errors.ActionRefused) as refused:
        assessments.complete(admin_session, case, assessment_form())
    assert refused.value.message
    assert status(admin_session, case) == stage


HALF = "Notes \ud800 pasted"  # half a character (a lone surrogate): cannot be stored


@pytest.mark.parametrize("field", ["safety_notes", "needs", "interaction_notes",
                                   "perpetrator_notes", "outcome_notes"])
def test_half_a_character_in_the_assessment_is_refused_naming_the_field(admin_session, field):
    case = new_case(admin_session)
    with pytest.raises(errors.ValidationError) as caught:
        assessments.complete(admin_session, case, assessment_form(**{field: HALF}))
    assert set(caught.value.fields) == {field}
    assert "cannot be saved" in caught.value.fields[field]
    view = cases.open_case(admin_session, case)
    assert (view.status, view.assessed) == (lifecycle.REFERRED, False)


def test_half_a_character_in_a_session_or_closing_note_is_refused_naming_it(admin_session):
    case = at_stage(admin_session, lifecycle.AWAITING_SUPPORT)
    with pytest.raises(errors.ValidationError) as caught:
        support.record_session(admin_session, case, session_form(note=HALF))
    assert set(caught.value.fields) == {"note"}
    with pytest.raises(errors.ValidationError) as caught:
        cases.close(admin_session, case, "other", HALF)
    assert set(caught.value.fields) == {"note"}
    view = cases.open_case(admin_session, case)
    assert (view.status, view.sessions) == (lifecycle.AWAITING_SUPPORT, ())


# -- support sessions --------------------------------------------------------------------------

@pytest.mark.parametrize("stage", [lifecycle.REFERRED, lifecycle.ASSESSING, lifecycle.CLOSED])
@pytest.mark.parametrize("planned", [False, True], ids=["recorded", "planned"])
def test_no_support_session_before_the_assessment_or_after_closing(admin_session, stage,
                                                                   planned):
    case = at_stage(admin_session, stage)
    form = session_form(planned=planned,
                        session_date=TODAY + timedelta(days=7) if planned else TODAY)
    with pytest.raises(errors.ActionRefused) as refused:
        support.record_session(admin_session, case, form)
    message = refused.value.message
    assert message == lifecycle.support_refusal(stage)
    assert ("assessment" in message) if stage != lifecycle.CLOSED else ("closed" in message)
    view = cases.open_case(admin_session, case)
    assert (view.status, view.sessions) == (stage, ())


def test_the_first_recorded_session_starts_support(admin_session):
    case = at_stage(admin_session, lifecycle.AWAITING_SUPPORT)
    planned = support.record_session(admin_session, case, session_form(
        planned=True, session_date=TODAY + timedelta(days=3), session_type="counselling",
        note="Room 2"))
    assert status(admin_session, case) == lifecycle.AWAITING_SUPPORT  # planned is not started
    done = support.record_session(admin_session, case, session_form(
        session_type="isva", duration_minutes=45, note="Talked through the court date"))
    support.record_session(admin_session, case, session_form(session_type="check_in"))
    view = cases.open_case(admin_session, case)
    assert view.status == lifecycle.IN_SUPPORT
    assert view.support_refusal is None
    by_id = {s.id: s for s in view.sessions}
    assert (by_id[planned].planned, by_id[planned].session_type, by_id[planned].note) == (
        True, "Counselling", "Room 2")
    assert (by_id[done].planned, by_id[done].duration_minutes, by_id[done].worker_name,
            by_id[done].note) == (False, 45, "Ada Admin", "Talked through the court date")
    timeline = [t.what for t in view.timeline]
    assert "Planned session: Counselling" in timeline
    assert "Recorded session: ISVA or advocacy" in timeline
    assert "Waiting for support → In support" in timeline


@pytest.mark.parametrize("changes, field", [
    (dict(session_date=None), "session_date"),
    (dict(planned=True, session_date=TODAY - timedelta(days=1)), "session_date"),
    (dict(session_date=TODAY + timedelta(days=1)), "session_date"),
    (dict(session_type="coffee"), "session_type"),
    (dict(duration_minutes=601), "duration_minutes"),
    (dict(duration_minutes=-5), "duration_minutes"),
    (dict(note="x" * 20_001), "note"),
])
def test_a_session_form_is_checked(admin_session, changes, field):
    case = at_stage(admin_session, lifecycle.AWAITING_SUPPORT)
    with pytest.raises(errors.ValidationError) as caught:
        support.record_session(admin_session, case, session_form(**changes))
    assert set(caught.value.fields) == {field}
    assert cases.open_case(admin_session, case).sessions == ()


def test_a_session_can_be_recorded_for_a_colleague_but_not_a_former_one(created, people):
    _, ids = created
    admin = people["admin"]
    case = at_stage(admin, lifecycle.AWAITING_SUPPORT)
    support.record_session(admin, case, session_form(worker_id=ids["worker"]))
    assert [s.worker_name for s in cases.open_case(admin, case).sessions] == ["Wyn Worker"]
    other = next(a for a in accounts.list_accounts(admin) if a.username == "other")
    accounts.disable_account(admin, other.id)
    with pytest.raises(errors.ValidationError) as caught:
        support.record_session(admin, case, session_form(worker_id=other.id))
    assert set(caught.value.fields) == {"worker"}


# -- who sees which case -------------------------------------------------------------------

@pytest.fixture
def visibility(people, created):
    """Cases: the worker's own, the other worker's, an unassigned one, and one the worker
    referred that is now held by the other worker."""
    _, ids = created
    worker, other, manager = people["worker"], people["other"], people["manager"]
    other_id = other.account_id
    made = {
        "own": new_case(worker, "Owen Own", assign_to_me=True),
        "others": new_case(other, "Olive Others", assign_to_me=True),
        "unassigned": new_case(manager, "Una Unassigned"),
        "referred": new_case(worker, "Rhys Referred", assign_to_me=True),
    }
    cases.assign(manager, made["referred"], other_id)
    return made


def test_a_worker_sees_own_and_unassigned_cases_but_not_a_colleagues(people, visibility):
    """Taking a referral gives no lasting access: once a manager assigns it to a colleague,
    the worker who took it no longer sees it (policy/access.py)."""
    worker = people["worker"]
    for key in ("own", "unassigned"):
        assert cases.open_case(worker, visibility[key]).id == visibility[key]
    for key in ("others", "referred"):
        with pytest.raises(errors.NotFound) as hidden:
            cases.open_case(worker, visibility[key])
        assert hidden.value.message == errors.NotYours.message
        with pytest.raises(errors.NotFound) as missing:
            cases.open_case(worker, 999_999)        # said exactly as for no case at all
        assert missing.value.message == hidden.value.message
    # Nothing else can be done to it either, and nothing about it is said.
    case = visibility["others"]
    for attempt in (lambda: assessments.complete(worker, case, assessment_form()),
                    lambda: assessments.start(worker, case),
                    lambda: support.record_session(worker, case, session_form()),
                    lambda: cases.close(worker, case, "other"),
                    lambda: cases.assign(worker, case, worker.account_id),
                    lambda: referrals.add_person_of_concern(
                        worker, case, referrals.PersonNamed("Somebody"))):
        with pytest.raises(errors.NotFound):
            attempt()
    assert status(people["manager"], case) == lifecycle.REFERRED


def test_managers_see_every_case(people, visibility):
    for who in ("manager", "admin"):
        for case in visibility.values():
            assert cases.open_case(people[who], case).id == case
        assert set(caseload.case_ids(people[who], caseload.ALL)) == set(visibility.values())


def test_only_managers_can_list_every_case(people, visibility):
    with pytest.raises(errors.PermissionDenied) as refused:
        caseload.case_ids(people["worker"], caseload.ALL)
    assert refused.value.message
    assert last_audit(people["worker"])[1:] == ("caseload.list", None, None, "denied")


def test_a_workers_lists_rows_and_search_leave_out_colleagues_cases(people, visibility):
    worker = people["worker"]
    assert caseload.case_ids(worker, caseload.MINE) == [visibility["own"]]
    assert caseload.case_ids(worker, caseload.UNASSIGNED) == [visibility["unassigned"]]
    rows = caseload.rows(worker, list(visibility.values()))
    assert {r.id for r in rows} == {visibility[k] for k in ("own", "unassigned")}
    found = {r.name for r in caseload.search(worker, "o")}  # every name has an o
    assert "Olive Others" not in found
    assert caseload.search(worker, "Olive") == []
    assert [r.name for r in caseload.search(people["manager"], "Olive")] == ["Olive Others"]


def test_opening_a_case_is_recorded_as_a_view(people, visibility):
    worker = people["worker"]
    cases.open_case(worker, visibility["own"])
    assert last_audit(worker) == (worker.account_id, "cases.open", "case",
                                  str(visibility["own"]), "ok")


# -- assigning -------------------------------------------------------------------------------

def test_a_worker_can_take_an_unassigned_case(people, visibility):
    worker = people["worker"]
    cases.assign(worker, visibility["unassigned"], worker.account_id)
    view = cases.open_case(worker, visibility["unassigned"])
    assert (view.assigned_worker_id, view.assigned_worker_name) == (worker.account_id,
                                                                    "Wyn Worker")
    assert "Worker assigned" in [t.what for t in view.timeline]
    assert visibility["unassigned"] in caseload.case_ids(worker, caseload.MINE)


@pytest.mark.parametrize("case_key", ["unassigned", "own"])
def test_a_worker_cannot_give_a_case_to_someone_else(people, visibility, case_key):
    worker, other = people["worker"], people["other"]
    before = cases.open_case(worker, visibility[case_key]).assigned_worker_id
    for target in (other.account_id, None):
        with pytest.raises(errors.PermissionDenied) as refused:
            cases.assign(worker, visibility[case_key], target)
        assert "Only a manager" in refused.value.message
    assert cases.open_case(worker, visibility[case_key]).assigned_worker_id == before


def test_a_manager_can_assign_reassign_and_unassign(people, visibility):
    manager, worker, other = people["manager"], people["worker"], people["other"]
    case = visibility["others"]
    cases.assign(manager, case, worker.account_id)
    assert cases.open_case(worker, case).assigned_worker_name == "Wyn Worker"
    cases.assign(manager, case, None)
    assert cases.open_case(other, case).assigned_worker_id is None
    with pytest.raises(errors.ValidationError) as caught:
        cases.assign(manager, case, 999_999)
    assert set(caught.value.fields) == {"worker"}


def test_workers_offered_for_assignment_are_active_caseworkers(people, created):
    _, ids = created
    names = [name for _, name in caseload.workers(people["worker"])]
    assert names == sorted(names, key=str.lower)
    assert {"Wyn Worker", "Olu Other", "Mo Manager", "Ada Admin"} == set(names)


# -- closing ---------------------------------------------------------------------------------

def test_only_the_perpetrator_workflow_closes_a_case_as_not_supported(admin_session):
    case = at_stage(admin_session, lifecycle.IN_SUPPORT)
    with pytest.raises(errors.ValidationError) as refused:
        cases.close(admin_session, case, lifecycle.WORKFLOW_CLOSE_REASON)
    assert "reason" in refused.value.fields
    assert cases.open_case(admin_session, case).status == lifecycle.IN_SUPPORT


@pytest.mark.parametrize("reason", sorted(lifecycle.STAFF_CLOSE_REASONS))
def test_a_case_closes_with_a_reason(admin_session, reason):
    case = at_stage(admin_session, lifecycle.IN_SUPPORT)
    cases.close(admin_session, case, reason, "Ended well")
    view = cases.open_case(admin_session, case)
    assert (view.status, view.referral["closed_reason"], view.referral["closed_note"]) == (
        lifecycle.CLOSED, reason, "Ended well")
    assert "Closed: " + lifecycle.CLOSE_REASONS[reason] in [t.what for t in view.timeline]
    assert view.support_refusal


@pytest.mark.parametrize("reason, note, field", [("", "", "reason"), ("bored", "", "reason"),
                                                 ("other", "x" * 20_001, "note")])
def test_closing_needs_a_known_reason_and_a_note_that_fits(admin_session, reason, note, field):
    case = new_case(admin_session)
    with pytest.raises(errors.ValidationError) as caught:
        cases.close(admin_session, case, reason, note)
    assert set(caught.value.fields) == {field}
    assert status(admin_session, case) == lifecycle.REFERRED


def test_a_closed_case_stays_closed(admin_session):
    case = at_stage(admin_session, lifecycle.CLOSED)
    with pytest.raises(errors.ActionRefused) as refused:
        cases.close(admin_session, case, "other")
    assert "closed" in refused.value.message
    with pytest.raises(errors.ActionRefused):
        assessments.start(admin_session, case)


# -- the caseload lists ----------------------------------------------------------------------

@pytest.fixture
def caseload_cases(people):
    """Four cases, made by the manager, with known dates, names and stages."""
    manager, worker = people["manager"], people["worker"]
    made = {
        "b_in_support": at_stage(manager, lifecycle.IN_SUPPORT, name="Bea Brown",
                                 referral_date=date(2024, 3, 1)),
        "d_referred": at_stage(manager, lifecycle.REFERRED, name="Dee Davies",
                               referral_date=date(2024, 1, 15)),
        "a_closed": at_stage(manager, lifecycle.CLOSED, name="Ann Adams",
                             referral_date=date(2024, 5, 20)),
        "c_waiting": at_stage(manager, lifecycle.AWAITING_SUPPORT, name="Cal Clarke",
                              preferred_name="Cally", referral_date=date(2024, 3, 1)),
    }
    cases.assign(manager, made["c_waiting"], worker.account_id)
    return made


def test_the_caseload_sorts_by_date_name_reference_and_status(people, caseload_cases):
    manager, c = people["manager"], caseload_cases
    by_date = caseload.case_ids(manager, caseload.ALL)
    # Newest first; the same day falls back to the newest case.
    assert by_date == [c["a_closed"], c["c_waiting"], c["b_in_support"], c["d_referred"]]
    assert caseload.case_ids(manager, caseload.ALL, descending=False) == by_date[::-1]
    assert caseload.case_ids(manager, caseload.ALL, sort="name", descending=False) == [
        c["a_closed"], c["b_in_support"], c["c_waiting"], c["d_referred"]]
    assert caseload.case_ids(manager, caseload.ALL, sort="reference", descending=False) == \
        sorted(c.values())
    by_status = caseload.case_ids(manager, caseload.ALL, sort="status", descending=False)
    assert by_status == sorted(c.values(), key=lambda i: (status(manager, i), i))


def test_the_caseload_filters(people, caseload_cases):
    manager, worker, c = people["manager"], people["worker"], caseload_cases
    ids = lambda **kw: set(caseload.case_ids(manager, caseload.ALL, **kw))  # noqa: E731
    assert ids(status="open") == {c["b_in_support"], c["d_referred"], c["c_waiting"]}
    assert ids(status=lifecycle.CLOSED) == {c["a_closed"]}
    assert ids(status=lifecycle.AWAITING_SUPPORT) == {c["c_waiting"]}
    assert ids(status="paused") == set()
    assert ids(worker_id=worker.account_id) == {c["c_waiting"]}
    assert set(caseload.case_ids(manager, caseload.UNASSIGNED)) == {
        c["b_in_support"], c["d_referred"], c["a_closed"]}
    assert caseload.case_ids(worker, caseload.MINE, status="open") == [c["c_waiting"]]
    assert caseload.case_ids(worker, caseload.MINE, status=lifecycle.CLOSED) == []


def test_caseload_rows_come_back_in_the_order_asked_with_plain_labels(people, caseload_cases):
    manager, c = people["manager"], caseload_cases
    order = [c["c_waiting"], c["a_closed"], 999_999]
    rows = caseload.rows(manager, order)
    assert [r.id for r in rows] == order[:2]
    waiting, closed = rows
    assert (waiting.name, waiting.status_label, waiting.worker_name, waiting.paused) == (
        "Cally (Cal Clarke)", "Waiting for support", "Wyn Worker", False)
    assert (closed.name, closed.status_label, closed.worker_name, closed.referral_date) == (
        "Ann Adams", "Closed", "Not assigned", date(2024, 5, 20))
    assert caseload.rows(manager, []) == []


# -- search ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_workspace(tmp_path_factory):
    """One workspace for the search tests (searching changes nothing but the audit trail):
    (the administrator's session, case ids by key)."""
    s = make_workspace(tmp_path_factory.mktemp("search") / "workspace").session
    made = {
        "zoe": new_case(s, "Zoë Ångström", preferred_name="Zo", date_of_birth=date(1990, 3, 12),
                        postcode="DE22 3AB"),
        "smith": new_case(s, "Sam Smith", preferred_name="Jo", date_of_birth=date(1985, 11, 2),
                          postcode="S40 1LP"),
        "obrien": new_case(s, "Niamh O'Brien", postcode="ng10 4ab",
                           date_of_birth=date(1990, 3, 21)),
    }
    yield s, made
    auth.sign_out(s)


@pytest.fixture
def searcher(search_workspace):
    return search_workspace[0]


@pytest.fixture
def searchable(search_workspace):
    return search_workspace[1]


@pytest.mark.parametrize("query, expected", [
    ("Smith", {"smith"}), ("smi", {"smith"}), ("SAM SMITH", {"smith"}), ("sam smi", {"smith"}),
    ("Jo", {"smith"}), ("Zo", {"zoe"}),                                  # preferred names
    ("zoe", {"zoe"}), ("Zoë", {"zoe"}), ("angstrom", {"zoe"}), ("ÅNGSTRÖM", {"zoe"}),
    ("12/03/1990", {"zoe"}), ("1990-03-12", {"zoe"}), ("12.3.1990", {"zoe"}),
    ("21/03/1990", {"obrien"}), ("02/11/1985", {"smith"}), ("12/03/1991", set()),
    ("DE22 3AB", {"zoe"}), ("de223ab", {"zoe"}), ("DE22", {"zoe"}), ("S40 1LP", {"smith"}),
    ("s401lp", {"smith"}), ("NG10 4AB", {"obrien"}), ("NG104AB", {"obrien"}),
    ("O'Brien", {"obrien"}), ("Niamh", {"obrien"}),
    ("nobody", set()), ("", set()), ("   ", set()),
])
def test_search_finds_names_references_dates_of_birth_and_postcodes(searcher, searchable,
                                                                    query, expected):
    found = {r.id for r in caseload.search(searcher, query)}
    assert found == {searchable[k] for k in expected}


def test_search_finds_a_case_by_its_reference(searcher, searchable):
    for key, case in searchable.items():
        reference = cases.open_case(searcher, case).reference
        assert [r.id for r in caseload.search(searcher, reference)] == [case]
        assert [r.reference for r in caseload.search(searcher, reference.lower())] == \
            [reference]


@pytest.mark.parametrize("query", [
    '"', '""', "'", "*", "**", "smith*", "*smith", "AND", "OR", "NOT", "smith AND", "AND smith",
    "smith OR zoe", "smith NOT zoe", "NEAR(smith zoe)", "NEAR(smith zoe, 2)", "(", ")",
    "(smith", "smith)", "-smith", "smith -zoe", "+smith", "^smith", "names:smith", "names : x",
    "{names}: smith", "born:1990", "smith:", ":", '"smith', 'smith"', "a\"b", "\\", "%", "_",
    "smith; DROP TABLE cases", "' OR 1=1 --", "\x00", "\u200b", "😀", "ﬁ", "ǅ", "٣", "x" * 500,
    "1990-02-30", "31/02/1990", "00/00/0000", "99/99/9999", "1/1/1",
])
def test_search_syntax_typed_by_a_person_never_raises(searcher, searchable, query):
    result = caseload.search(searcher, query)
    assert isinstance(result, list)


@pytest.mark.parametrize("query", ['"smith"', "smith*", "(smith)", "-smith", "smith:", "^smith",
                                   "{smith}"])
def test_punctuation_around_a_name_is_ignored(searcher, searchable, query):
    assert [r.id for r in caseload.search(searcher, query)] == [searchable["smith"]]


def test_search_is_recorded_without_what_was_typed(searcher, searchable):
    caseload.search(searcher, "Smith")
    assert last_audit(searcher)[1:] == ("caseload.search", "caseload", None, "ok")


# -- demonstration data ---------------------------------------------------------------------

def test_demo_data_reaches_every_stage_through_the_services(created, admin_session):
    from sv2desk import demo
    from sv2desk.policy import eligibility
    from sv2desk.services import audit
    report = demo.fill(admin_session, 60, seed=7)
    manager = admin_session
    ids = caseload.case_ids(manager, caseload.ALL)
    assert len(ids) == report.clients == 60
    views = [cases.open_case(manager, i) for i in ids]
    statuses = {v.status for v in views}
    assert {lifecycle.REFERRED, lifecycle.ASSESSING, lifecycle.AWAITING_SUPPORT,
            lifecycle.IN_SUPPORT, lifecycle.CLOSED} <= statuses
    attention = [v for v in views if v.needs_management_attention]
    assert attention and all(v.support_refusal and v.status != lifecycle.AWAITING_SUPPORT
                             for v in attention)
    assert sum(report.by_status.values()) == 60
    assert report.by_status == Counter(v.status for v in views)
    # People named, sessions recorded and planned, external referrals, out-of-area advice.
    assert sum(len(v.persons_of_concern) for v in views) == report.persons_of_concern > 0
    sessions = [s for v in views for s in v.sessions]
    assert len(sessions) == report.sessions
    assert any(s.planned for s in sessions) and any(not s.planned for s in sessions)
    assert any(v.referral["external_referral"] for v in views)
    areas = Counter(v.referral["area_advice"] for v in views)
    assert areas[eligibility.IN_AREA] + areas[eligibility.PARTLY_IN_AREA] > 40
    assert areas[eligibility.OUT_OF_AREA] >= 1
    # Staff were added to hold the cases, and hold them.
    staff = accounts.list_accounts(manager)
    assert sum(roles.SUPPORT_WORKER in a.roles for a in staff) == demo.WORKERS_WANTED
    assert report.staff_added == demo.WORKERS_WANTED - 1  # the fixture has one worker
    holders = {v.assigned_worker_id for v in views} - {None, manager.account_id}
    assert len(holders) >= 4
    assert any(v.assigned_worker_id is None for v in views)
    # Written through the services: audited, chained, and searchable.
    assert audit.check_chain(manager.workspace).ok
    some = views[0].client["name"].split()[-1]
    assert views[0].id in {r.id for r in caseload.search(manager, some)}


def test_demo_data_is_not_mixed_into_data_that_holds_cases(created, admin_session):
    from sv2desk import demo
    new_case(admin_session)
    with pytest.raises(errors.ActionRefused) as refused:
        demo.fill(admin_session, 5, seed=1)
    assert "already holds 1 cases" in refused.value.message
    assert len(caseload.case_ids(admin_session, caseload.ALL)) == 1
    assert len(accounts.list_accounts(admin_session)) == 3  # no staff added either
    report = demo.fill(admin_session, 5, seed=1, add_to_existing=True)
    assert len(caseload.case_ids(admin_session, caseload.ALL)) == 6
    assert report.staff_added == demo.WORKERS_WANTED - 1


def test_demo_with_the_recovery_key_works_through_the_staff_it_adds(created, folder):
    from sv2desk import demo
    new, _ = created
    recovery = auth.sign_in_with_recovery_key(folder, new.recovery_key)
    try:
        with pytest.raises(errors.ActionRefused) as refused:
            demo.fill(recovery, 5, seed=2)
        assert "recovery key" in refused.value.message
        report = demo.fill(recovery, 12, seed=2, add_to_existing=True)
    finally:
        auth.sign_out(recovery)
    assert report.clients == 12 and report.staff_added == demo.WORKERS_WANTED - 1
    assert len(caseload.case_ids(new.session, caseload.ALL)) == 12


def test_demo_from_the_command_line_prints_counts_and_no_names(created, admin_session, folder,
                                                               monkeypatch, capsys):
    from ..support.audit_tools import run_cli
    from ..support.workspaces import ADMIN_PASSWORD
    code, out, err = run_cli(monkeypatch, capsys,
                             ["--workspace", str(folder), "demo", "--user", "admin",
                              "--clients", "25", "--seed", "3", "--no-practice"],
                             password=ADMIN_PASSWORD)
    assert code == 0, err
    assert "Added 25 made-up clients" in out and "passwords were not shown" in out
    rows = caseload.rows(admin_session, caseload.case_ids(admin_session, caseload.ALL))
    assert len(rows) == 25
    printed = out + err
    for row in rows:
        for part in row.name.replace("(", " ").replace(")", " ").split():
            if len(part) > 3:
                assert part not in printed
    staff = [a for a in accounts.list_accounts(admin_session) if a.username != "admin"]
    assert not any(a.display_name in printed or a.username in printed for a in staff)


def test_search_finds_names_typed_without_their_punctuation(admin_session):
    from sv2desk.services import caseload, referrals
    from ..support.service_examples import referral_form
    case = referrals.create_referral(admin_session, referral_form("Siobhan O'Brien-Kelly")).id
    for typed in ("OBrien", "o'brien", "OBrienKelly", "Siobhan O'Brien-Kelly"):
        assert [row.id for row in caseload.search(admin_session, typed)] == [case], typed
