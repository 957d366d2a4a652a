"""What a likely match does (issue 18, point 1): the client's open case is held at once for
a manager, before any assessment or support, and the worker is told only that a manager
needs to check the referral. A manager confirms (a concern is raised on the case and the
perpetrator workflow runs, decided by a manager other than the one who confirmed) or
dismisses with a reason (the case resumes where it was). A survivor who looks like a
relative of a named person is kept apart without a hold. A flag dismissed stays dismissed
for the same pair unless a new date of birth, phone number or postcode appears.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import Case, Client, Concern, ConnectionFlag
from sv2desk.policy import lifecycle
from sv2desk.services import (accounts, assessments, cases, concerns, outcomes, referrals, reviews,
                              support)
from sv2desk.services.connections import check as connection_check, flags as connection_flags
from sv2desk.services.referrals import PersonNamed

from ..support.service_examples import (assessment_form, communication_form, concern_form,
                                        decision_form, discussion_form, explanation_form,
                                        referral_form, session_form)
from ..support.workspaces import MANAGER_PASSWORD, SECOND_MANAGER_PASSWORD

MESSAGE = "A manager needs to check this referral before support is offered"
LABEL = "Paused: a manager needs to check this referral before support is offered"
# What the held client's worker must never see: the survivor, the person they named, the
# survivor's case and worker.
SECRETS = ("Amy", "Rowe", "Gary Hollis", "ex-partner", "Other Worker")


def refer(session, name, *named: PersonNamed, **changes) -> int:
    form = referral_form(name, assign_to_me=True, **changes)
    if named:
        form.interaction_answer = "yes"
        form.persons_named = list(named)
    return referrals.create_referral(session, form).id


def status(session, case_id: int) -> str:
    return cases.open_case(session, case_id).status


def flags_on(manager, case_id: int) -> list[connection_flags.FlagView]:
    return [f for f in connection_flags.open_flags(manager, include_decided=True)
            if case_id in (f.left.case_id, f.right.case_id)]


def named_abuser(people) -> int:
    """Amy Rowe (the other worker's case) named Gary Hollis, born 2 March 1980."""
    return refer(people["other"], "Amy Rowe",
                 PersonNamed("Gary Hollis", "ex-partner", "DOB 02/03/1980"))


@pytest.fixture
def held(people):
    """The worker's new referral of 'Garry Holliss', born the same day: held at once."""
    survivor = named_abuser(people)
    case = refer(people["worker"], "Garry Holliss", date_of_birth=date(1980, 3, 2))
    return survivor, case


def test_a_likely_match_holds_the_new_case_at_once_and_the_worker_is_told_only_that(
        people, held):
    worker = people["worker"]
    survivor, case = held
    assert status(people["manager"], survivor) == lifecycle.REFERRED   # the survivor carries on
    view = cases.open_case(worker, case)
    assert view.status == lifecycle.CONNECTION_CHECK and view.paused
    assert view.status_label == LABEL
    assert view.support_refusal == MESSAGE + "."
    assert {view.can[op] for op in ("assessments.start", "assessments.complete",
                                    "support.record_session", "cases.close")} == {
        MESSAGE + "."}
    for attempt in (lambda: assessments.start(worker, case),
                    lambda: assessments.complete(worker, case, assessment_form()),
                    lambda: support.record_session(worker, case, session_form()),
                    lambda: cases.close(worker, case, "client_withdrew", "")):
        with pytest.raises(errors.ActionRefused) as refused:
            attempt()
        assert refused.value.message == MESSAGE + "."
    shown = repr(view)
    for secret in SECRETS + (cases.open_case(people["manager"], survivor).reference,):
        assert secret not in shown
    # Managers see why, on the flag: the rule in plain words, and the held case.
    (flag,) = flags_on(people["manager"], case)
    assert flag.rule == connection_check.HOLD
    assert flag.rule_label == (connection_flags.RULE_LABELS[connection_check.HOLD]
                               + connection_flags.HOLD_HELD)
    assert flag.held_case == view.reference
    assert "Same date of birth" in flag.evidence


def test_a_match_on_a_case_already_paused_by_a_concern_says_the_case_is_not_held(people):
    """Gary's case is paused while a concern about him is decided; then another client
    names him. The check raises a flag for a manager, but holds nothing, and its words
    must not say his case is held (a manager reading it would think confirming raises a
    concern)."""
    worker, manager = people["worker"], people["manager"]
    gary = refer(worker, "Gary Hollis", date_of_birth=date(1980, 3, 2))
    concerns.raise_concern(worker, gary, concern_form())
    paused = status(manager, gary)
    assert paused in lifecycle.CONCERN_PAUSED
    named_abuser(people)
    assert status(manager, gary) == paused                      # not held on top
    (flag,) = [f for f in flags_on(manager, gary) if f.status == connection_check.OPEN]
    assert flag.rule == connection_check.HOLD and flag.held_case == ""
    assert flag.rule_label.endswith(connection_flags.HOLD_NOT_HELD)
    assert "is held until" not in flag.rule_label


def test_someone_the_service_cannot_support_referred_again_is_held(people):
    manager, second, worker, other = (people[k] for k in ("manager", "second", "worker",
                                                          "other"))
    first = refer(other, "Gary Hollis", date_of_birth=date(1980, 3, 2))
    concern = concerns.raise_concern(other, first, concern_form())
    concerns.record_explanation(other, concern, explanation_form())
    concerns.countersign_discussion(other, concern, MANAGER_PASSWORD, discussion_form())
    reviews.decide(second, concern, decision_form(outcome="support_ends"))
    assert outcomes.record_communication(other, concern, communication_form()) == \
        lifecycle.CLOSED
    again = refer(worker, "Gary Hollis", date_of_birth=date(1980, 3, 2))
    assert status(worker, again) == lifecycle.CONNECTION_CHECK
    (flag,) = flags_on(manager, again)
    assert flag.rule == connection_check.HOLD and {flag.left.kind, flag.right.kind} == {"client"}


def test_confirming_raises_a_concern_and_another_manager_decides(people, admin_session,
                                                                created, held):
    worker, manager, second = people["worker"], people["manager"], people["second"]
    # The confirming manager's line manager countersigns the discussion.
    accounts.set_line_manager(admin_session, created[1]["manager"], second.account_id)
    _, case = held
    (flag,) = flags_on(manager, case)
    connection_flags.confirm(manager, flag.id, "Separate days and workers agreed")
    assert status(worker, case) == lifecycle.ON_HOLD
    concern = concerns.for_case(worker, case)
    shown = repr(concerns.view(worker, concern))
    for secret in SECRETS:
        assert secret not in shown
    with manager.workspace.transaction() as db:
        stored = db.get(Concern, concern)
        assert stored.raised_by == manager.account_id
        assert stored.stage == lifecycle.REFERRED        # where the case resumes to
    # the policy's workflow, as for any concern
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, SECOND_MANAGER_PASSWORD, discussion_form())
    with pytest.raises(errors.PermissionDenied) as refused:
        reviews.decide(manager, concern, decision_form())
    assert "confirmed the match" in refused.value.message
    reviews.decide(second, concern, decision_form(outcome="support_continues"))
    assert outcomes.record_communication(worker, concern, communication_form()) == \
        lifecycle.REFERRED
    assessments.complete(worker, case, assessment_form())     # support can now be offered


def test_dismissing_with_a_reason_resumes_the_case_where_it_was(people):
    worker, manager = people["worker"], people["manager"]
    case = refer(worker, "Garry Holliss", date_of_birth=date(1980, 3, 2))
    assessments.complete(worker, case, assessment_form())
    support.record_session(worker, case, session_form(planned=True,
                                                      session_date=date.today() +
                                                      timedelta(days=3)))
    named_abuser(people)                     # named later: the client's case is held
    view = cases.open_case(worker, case)
    assert view.status == lifecycle.CONNECTION_CHECK
    assert all(s.suspended for s in view.sessions if s.planned)
    # The hold names no one: not the other worker whose record matched.
    for secret in SECRETS:
        assert secret not in repr(view)
    assert [e.who for e in view.timeline[-2:]] == ["", ""]
    (flag,) = flags_on(manager, case)
    with pytest.raises(errors.ValidationError):
        connection_flags.dismiss(manager, flag.id, "  ")
    assert status(worker, case) == lifecycle.CONNECTION_CHECK
    connection_flags.dismiss(manager, flag.id, "Different person: checked with the referrer")
    assert status(worker, case) == lifecycle.AWAITING_SUPPORT
    support.record_session(worker, case, session_form())
    assert status(worker, case) == lifecycle.IN_SUPPORT


def test_a_case_held_by_two_matches_resumes_only_when_both_are_dismissed(people, held):
    manager, worker = people["manager"], people["worker"]
    _, case = held
    refer(people["other"], "Beth Kidd", PersonNamed("Garry Holliss", "uncle",
                                                    "born 2 March 1980"))
    first, second = sorted(flags_on(manager, case), key=lambda f: f.id)
    connection_flags.dismiss(manager, first.id, "Not him")
    assert status(worker, case) == lifecycle.CONNECTION_CHECK
    connection_flags.dismiss(manager, second.id, "Not him either")
    assert status(worker, case) == lifecycle.REFERRED


def test_only_managers_confirm_or_dismiss_and_no_one_holds_a_case_by_hand(people, held):
    _, case = held
    (flag,) = flags_on(people["manager"], case)
    for fn in (connection_flags.confirm, connection_flags.dismiss):
        with pytest.raises(errors.PermissionDenied):
            fn(people["worker"], flag.id, "words")
    assert status(people["worker"], case) == lifecycle.CONNECTION_CHECK
    # the hold is a move only the connection check makes
    from sv2desk.policy import access as rule
    facts = rule.CaseFacts(lifecycle.REFERRED, people["manager"].account_id)
    manager = rule.Actor(people["manager"].account_id, frozenset({"manager"}))
    assert rule.move_refusal("hold for a manager to check a likely match", manager, facts)
    assert rule.move_refusal("hold for a manager to check a likely match",
                             rule.CONNECTION_CHECK, facts) is None


def test_a_relative_of_a_named_person_is_kept_apart_without_a_hold(people):
    worker, manager = people["worker"], people["manager"]
    refer(people["other"], "Amy Rowe", PersonNamed("Gary Hollis", "ex-partner",
                                                   "landline 01332 123456, DE22 3AB"))
    relative = refer(worker, "Susan Hollis", phone="01332 123456", postcode="DE22 3AB")
    assert status(worker, relative) == lifecycle.REFERRED
    (flag,) = flags_on(manager, relative)
    assert flag.rule == connection_check.RELATIVE
    assert any("possibly a relative" in reason for reason in flag.evidence)
    connection_flags.confirm(manager, flag.id, "Different days")
    assert status(worker, relative) == lifecycle.REFERRED
    assert flag.keeps_apart


def _change_client(session, case_id: int, **values) -> list[int]:
    with session.workspace.transaction() as db:
        client = db.scalar(select(Client).join(Case, Case.client_id == Client.id)
                           .where(Case.id == case_id))
        for key, value in values.items():
            setattr(client, key, value)
        db.flush()
        return connection_check.after_client_changed(db, session, client.id)


def test_a_dismissed_flag_stays_dismissed_unless_something_new_appears(people, held):
    worker, manager = people["worker"], people["manager"]
    _, case = held
    (flag,) = flags_on(manager, case)
    connection_flags.dismiss(manager, flag.id, "Not him: a different middle name")
    assert _change_client(worker, case, name="Garry  Holliss") == []    # nothing new
    assert _change_client(worker, case, preferred_name="Gaz") == []
    assert status(worker, case) == lifecycle.REFERRED
    assert connection_flags.open_flags(manager) == []
    # a phone number not known when it was dismissed: back for a manager, and held again
    assert _change_client(worker, case, phone="07700 900777") == [flag.id]
    again = connection_flags.view(manager, flag.id)
    assert again.status == connection_check.OPEN
    assert [d.decision for d in again.decisions] == ["dismissed"]
    assert status(worker, case) == lifecycle.CONNECTION_CHECK
    with manager.workspace.transaction() as db:
        assert len(db.scalars(select(ConnectionFlag)).all()) == 1


def test_a_hold_suspends_each_held_cases_planned_sessions_and_audits_each_hold(people):
    """Holding several clients at once (one check can hold more than one): every open case
    is held, each one's planned sessions are suspended with its own count on its timeline,
    and each hold has its audit entry."""
    from datetime import datetime

    from sv2desk.models import AuditEntry, SupportSession
    from sv2desk.services.connections import holds as connection_holds

    worker = people["worker"]
    later = datetime.now().date() + timedelta(days=7)
    made = []
    for name, planned in (("Nell Ashby", 2), ("Orla Birch", 1), ("Pip Carver", 0)):
        case = refer(worker, name)
        assessments.complete(worker, case, assessment_form())
        support.record_session(worker, case, session_form())
        for n in range(planned):
            support.record_session(worker, case, session_form(
                planned=True, session_date=later + timedelta(days=n)))
        made.append(case)
    with worker.workspace.transaction() as db:
        clients = {db.get(Case, c).client_id: c for c in made}
        held = connection_holds.hold_clients(db, worker, [*clients, None, *clients])
    assert held == made
    manager = people["manager"]
    for case, planned in zip(made, (2, 1, 0)):
        view = cases.open_case(manager, case)
        assert view.status == lifecycle.CONNECTION_CHECK
        assert all(s.suspended for s in view.sessions if s.planned)
        said = [t.what for t in view.timeline if "suspended until a manager" in t.what]
        assert said == ([f"{planned} planned session{'s' if planned != 1 else ''} suspended "
                         "until a manager has checked the referral."] if planned else [])
    with worker.workspace.transaction() as db:
        audited = list(db.scalars(select(AuditEntry.object_id).where(
            AuditEntry.action == "connections.hold")))
        left = db.scalars(select(SupportSession).where(
            SupportSession.case_id.in_(made), SupportSession.planned.is_(True),
            SupportSession.suspended_at.is_(None))).all()
    assert sorted(audited) == sorted(str(c) for c in made) and left == []
