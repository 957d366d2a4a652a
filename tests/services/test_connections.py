"""The connection check in the services: a survivor never meets their abuser here.

Flags are raised when a referral is saved, a person of concern is named, or a client is
identified as a potential perpetrator; only managers see them; the worker who entered
the referral sees nothing; a manager confirms (with safety measures) or dismisses (with
a reason), audited and never deleted; once confirmed, the two clients are never booked
on the same day (at any place) and do not share a worker unless a manager overrides with
a reason, and every refusal is audited. What a match does to the case (the hold) is in
tests/services/test_connection_holds.py. Each rule is checked where it is enforced, in the service.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, func, select

from sv2desk import errors
from sv2desk.models import (AuditEntry, Base, ConnectionFlag, ConnectionKey,
                            ConnectionOverride, Setting)
from sv2desk.policy import roles
from sv2desk.services import accounts, assessments, audit, auth, cases, concerns, referrals, support
from sv2desk.services.connections import (flags as connection_flags, index as connection_index,
                                          separation)
from sv2desk.services.use_case import REGISTRY
from sv2desk.services.referrals import PersonNamed

from ..support.service_examples import (assessment_form, concern_form, referral_form, session_form)
from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD

OTHER_PASSWORD = "other worker password"
ONLY_ADMIN_PASSWORD = "quiet lantern meadow 8"
NEXT_WEEK = date.today() + timedelta(days=7)


@pytest.fixture
def people(created, admin_session, folder):
    """Signed-in sessions: 'worker' and 'other' (support workers), 'manager', and an
    administrator who is not a manager ('only_admin'). Signed out at the end."""
    _, ids = created
    accounts.create_account(admin_session, "other", "Olu Other", OTHER_PASSWORD,
                            {roles.SUPPORT_WORKER}, line_manager_id=ids["manager"])
    accounts.create_account(admin_session, "onlyadmin", "Only Admin", ONLY_ADMIN_PASSWORD,
                            {roles.ADMIN})
    sessions = {"worker": auth.sign_in(folder, "worker", WORKER_PASSWORD),
                "other": auth.sign_in(folder, "other", OTHER_PASSWORD),
                "manager": auth.sign_in(folder, "manager", MANAGER_PASSWORD),
                "only_admin": auth.sign_in(folder, "onlyadmin", ONLY_ADMIN_PASSWORD)}
    yield sessions
    for session in sessions.values():
        auth.sign_out(session)


def refer(session, name, *named: PersonNamed, **changes) -> int:
    form = referral_form(name, assign_to_me=True, **changes)
    if named:
        form.interaction_answer = "yes"
        form.persons_named = list(named)
    return referrals.create_referral(session, form).id


def all_flags(manager) -> list[connection_flags.FlagView]:
    return connection_flags.open_flags(manager, include_decided=True)


def flag_between(manager, case_a: int, case_b: int) -> connection_flags.FlagView:
    found = [f for f in all_flags(manager)
             if {f.left.case_id, f.right.case_id} == {case_a, case_b}]
    assert len(found) == 1, f"expected one flag between the two cases, found {len(found)}"
    return found[0]


def audit_actions(session, since: int = 0) -> list[tuple]:
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.seq, AuditEntry.account_id, AuditEntry.action,
                                   AuditEntry.object_type, AuditEntry.object_id)
                            .where(AuditEntry.seq > since).order_by(AuditEntry.seq)).all()
        conn.rollback()
    return [tuple(r) for r in rows]


def last_seq(session) -> int:
    rows = audit_actions(session)
    return rows[-1][0] if rows else 0


# -- flags are raised -----------------------------------------------------------------------

def _referral_names_an_existing_client(p):
    abuser = refer(p["other"], "Harold Flagstaff", date_of_birth=date(1971, 4, 9))
    survivor = refer(p["worker"], "Amy Rowe",
                     PersonNamed("Harry Flagstaff", "ex-partner", "born 9/4/1971"))
    return survivor, abuser, "A referral was saved", {"poc", "client"}


def _person_named_later_is_an_existing_client(p):
    abuser = refer(p["other"], "Harold Flagstaff", postcode="DE22 1AB")
    survivor = refer(p["worker"], "Amy Rowe")
    referrals.add_person_of_concern(p["worker"], survivor,
                                    PersonNamed("H. Flagstaff", "neighbour", "lives DE22 1AB"))
    return survivor, abuser, "A person of concern was named", {"poc", "client"}


def _new_client_matches_a_person_of_concern(p):
    survivor = refer(p["worker"], "Amy Rowe",
                     PersonNamed("Dave Smith (ex-partner)", "ex-partner",
                                 "DOB 12/03/1985, mob 07700 900456"))
    abuser = refer(p["other"], "David Smith", date_of_birth=date(1985, 3, 12))
    return survivor, abuser, "A referral was saved", {"poc", "client"}


def _two_clients_name_the_same_person(p):
    first = refer(p["worker"], "Amy Rowe", PersonNamed("Wayne Bagshaw", "stepfather"))
    second = refer(p["other"], "Beth Kidd", PersonNamed("Wayne Bagshaw", "uncle"))
    return first, second, "A referral was saved", {"poc"}


def _concern_about_a_client_referred_before(p):
    earlier = refer(p["other"], "Harold Flagstaff", date_of_birth=date(1971, 4, 9))
    now = refer(p["worker"], "Harry Flagstaff", date_of_birth=date(1971, 4, 9))
    assert not all_flags(p["manager"]), "one person referred twice is not a connection"
    concerns.raise_concern(p["worker"], now, concern_form())
    return now, earlier, "A client was identified as a potential perpetrator", {"client"}


def _concern_about_a_client_named_on_another_case(p):
    abuser = refer(p["other"], "Harold Flagstaff", date_of_birth=date(1971, 4, 9))
    survivor = refer(p["worker"], "Amy Rowe",
                     PersonNamed("Harold Flagstaff", "ex-partner", "age about 53"))
    before = {f.id for f in all_flags(p["manager"])}
    concerns.raise_concern(p["other"], abuser, concern_form())
    # the link was flagged when the survivor named him; the concern does not flag it twice
    assert {f.id for f in all_flags(p["manager"])} == before
    return survivor, abuser, "A referral was saved", {"poc", "client"}


def _assessment_identifies_a_potential_perpetrator(p):
    earlier = refer(p["other"], "Gary Hughes", postcode="DE22 3AB")
    now = refer(p["worker"], "Gary Hughes", postcode="DE22 3AB")
    assessments.complete(p["worker"], now, assessment_form(
        potential_perpetrator=True, perpetrator_notes="Said in the assessment", outcome="",
        risk_level="medium"))
    return now, earlier, "A client was identified as a potential perpetrator", {"client"}


FLAGGED = {
    "a referral names a person of concern who is an existing client":
        _referral_names_an_existing_client,
    "a person of concern named later is an existing client":
        _person_named_later_is_an_existing_client,
    "a new client matches an existing person of concern": _new_client_matches_a_person_of_concern,
    "two clients name the same person": _two_clients_name_the_same_person,
    "a concern is raised about a client referred before": _concern_about_a_client_referred_before,
    "a concern is raised about a client another case named":
        _concern_about_a_client_named_on_another_case,
    "the assessment identifies a potential perpetrator referred before":
        _assessment_identifies_a_potential_perpetrator,
}


@pytest.mark.parametrize("scenario", FLAGGED, ids=list(FLAGGED))
def test_a_likely_match_raises_one_flag_for_managers(people, scenario):
    case_a, case_b, trigger, kinds = FLAGGED[scenario](people)
    flag = flag_between(people["manager"], case_a, case_b)
    assert flag.status == "open" and flag.score >= 50
    assert flag.trigger == trigger
    assert {flag.left.kind, flag.right.kind} == kinds
    assert flag.evidence and all(isinstance(reason, str) for reason in flag.evidence)
    assert connection_flags.count(people["manager"]) == len(
        connection_flags.open_flags(people["manager"]))


def test_the_manager_sees_both_records_side_by_side(people):
    survivor = refer(people["worker"], "Amy Rowe", PersonNamed(
        "Dave Smith", "ex-partner", "DOB 12/03/1985, mob 07700 900456, lives DE22 1AB"))
    abuser = refer(people["other"], "David Smith", date_of_birth=date(1985, 3, 12),
                   phone="07700900456", postcode="DE22 1AB", preferred_name="Dai")
    flag = flag_between(people["manager"], survivor, abuser)
    client, named = ((flag.left, flag.right) if flag.left.kind == "client"
                     else (flag.right, flag.left))
    assert (client.name, client.preferred_name, client.date_of_birth, client.phone,
            client.postcode) == ("David Smith", "Dai", date(1985, 3, 12), "07700900456",
                                 "DE22 1AB")
    assert client.case_id == abuser and client.worker_name == "Olu Other"
    assert client.case_reference.startswith("SV2-")
    assert (named.name, named.relationship, named.date_of_birth, named.phone,
            named.postcode, named.named_by) == ("Dave Smith", "ex-partner", date(1985, 3, 12),
                                               "07700900456", "DE22 1AB", "Amy Rowe")
    assert named.case_id == survivor and named.worker_name == "Wyn Worker"
    assert "Same date of birth" in flag.evidence and "Same mobile phone number" in flag.evidence
    assert flag.raised_by == "Olu Other"
    assert set(flag.keeps_apart) == {client.case_reference, named.case_reference}


# -- no flag --------------------------------------------------------------------------------

def _own_person_of_concern(p):
    refer(p["worker"], "John Smith", PersonNamed("John Smith", "father", "his dad, same name"))


def _same_survivor_referred_twice(p):
    refer(p["worker"], "Amy Rowe", PersonNamed("Dean Rowe", "stepfather"),
          date_of_birth=date(1990, 5, 1))
    refer(p["other"], "Amy Rowe", PersonNamed("Dean Rowe", "stepfather"),
          date_of_birth=date(1990, 5, 1))


def _similar_clients_with_no_concern(p):
    refer(p["worker"], "Gary Hughes")
    refer(p["other"], "Gary Hughes")


def _someone_else_with_the_name(p):
    refer(p["other"], "John Smith", date_of_birth=date(1960, 3, 1))
    refer(p["worker"], "Amy Rowe", PersonNamed("John Smith", "ex-partner", "DOB 15/07/1988"))


NOT_FLAGGED = {
    "a client and the people they named": _own_person_of_concern,
    "one survivor referred twice, naming the same person": _same_survivor_referred_twice,
    "two clients alike, neither a potential perpetrator": _similar_clients_with_no_concern,
    "someone else with the same name (dates of birth years apart)": _someone_else_with_the_name,
}


@pytest.mark.parametrize("scenario", NOT_FLAGGED, ids=list(NOT_FLAGGED))
def test_no_flag(people, scenario):
    NOT_FLAGGED[scenario](people)
    assert all_flags(people["manager"]) == []
    assert connection_flags.count(people["manager"]) == 0


# -- the worker who entered the referral sees nothing --------------------------------------------

def test_the_worker_sees_nothing_of_the_other_case(people):
    worker, manager = people["worker"], people["manager"]
    refer(people["other"], "Harold Flagstaff", date_of_birth=date(1971, 4, 9))
    plain = refer(worker, "Carol Plain", PersonNamed("Nobody Known", "neighbour"))
    seq = last_seq(worker)
    form = referral_form("Amy Rowe", assign_to_me=True, interaction_answer="yes",
                         persons_named=[PersonNamed("Harry Flagstaff", "ex-partner",
                                                    "born 9/4/1971")])
    result = referrals.create_referral(worker, form)
    assert set(vars(result)) == {"id", "reference"}
    flag = flag_between(manager, result.id, flag_id_case(manager, result.id))
    # Their view of the case: the timeline of any referral, and nothing for management.
    mine, other = cases.open_case(worker, result.id), cases.open_case(worker, plain)
    assert [e.what for e in mine.timeline] == [e.what for e in other.timeline]
    assert not mine.needs_management_attention
    # The flag is in the audit trail, which a support worker cannot read.
    assert (worker.account_id, "connections.flag_raised", "connection_flag", str(flag.id)) in [
        r[1:] for r in audit_actions(worker, seq)]
    with pytest.raises(errors.PermissionDenied):
        audit.recent(worker)
    for name, args in (("connections.open_flags", ()), ("connections.count", ()),
                       ("connections.view", (flag.id,)),
                       ("connections.confirm", (flag.id, "measures")),
                       ("connections.dismiss", (flag.id, "reason"))):
        with pytest.raises(errors.PermissionDenied):
            REGISTRY[name](worker, *args)
    # Nor can they open the other worker's case.
    other_case = flag.right.case_id if flag.left.case_id == result.id else flag.left.case_id
    with pytest.raises(errors.NotFound):
        cases.open_case(worker, other_case)


def flag_id_case(manager, case_id: int) -> int:
    """The case on the other side of the only flag touching ``case_id``."""
    (flag,) = [f for f in all_flags(manager) if case_id in (f.left.case_id, f.right.case_id)]
    return flag.right.case_id if flag.left.case_id == case_id else flag.left.case_id


@pytest.mark.parametrize("role", ["worker", "only_admin"])
def test_only_managers_see_confirm_or_dismiss_flags(people, role):
    _referral_names_an_existing_client(people)
    flag = all_flags(people["manager"])[0]
    session = people[role]
    before = last_seq(session)
    calls = [(connection_flags.open_flags, ()), (connection_flags.count, ()),
             (connection_flags.view, (flag.id,)),
             (connection_flags.confirm, (flag.id, "measures")),
             (connection_flags.dismiss, (flag.id, "reason"))]
    for fn, args in calls:
        with pytest.raises(errors.PermissionDenied):
            fn(session, *args)
    # (Another PC's views may be written in between: the office server's PCs share one trail.)
    assert [(r[1], r[2]) for r in audit_actions(session, before)
            if r[1] == session.account_id] == [
        (session.account_id, fn.operation_name) for fn, _ in calls]
    assert connection_flags.view(people["manager"], flag.id).status == "open"


# -- a manager decides: audited, reasons required, never deleted ------------------------------

def test_confirm_and_dismiss_need_words_are_audited_and_delete_nothing(people):
    manager = people["manager"]
    survivor, abuser, _, _ = _referral_names_an_existing_client(people)
    flag = flag_between(manager, survivor, abuser)
    for fn, field in ((connection_flags.confirm, "safety_measures"),
                      (connection_flags.dismiss, "reason")):
        with pytest.raises(errors.ValidationError) as refused:
            fn(manager, flag.id, "   ")
        assert set(refused.value.fields) == {field}
    seq = last_seq(manager)
    first = connection_flags.dismiss(manager, flag.id, "Different person: checked the DOB")
    second = connection_flags.confirm(manager, flag.id, "Separate days, rooms and workers")
    entries = [r[1:] for r in audit_actions(manager, seq) if r[1] == manager.account_id]
    with manager.workspace.transaction() as db:
        (concern_id,) = db.scalars(select(concerns.Concern.id)
                                   .where(concerns.Concern.case_id == abuser)).all()
    # dismissed, the held case resumed; confirmed later, a concern is raised on it
    assert entries == [(manager.account_id, "connections.dismiss", "connection_flag", str(flag.id)),
                       (manager.account_id, "connections.confirm", "connection_flag", str(flag.id)),
                       (manager.account_id, "concerns.raise", "concern", str(concern_id))]
    view = connection_flags.view(manager, flag.id)
    assert view.status == "confirmed"
    assert [(d.id, d.decision, d.decided_by, d.reason, d.safety_measures, d.replaces_id)
            for d in view.decisions] == [
        (first, "dismissed", "Mo Manager", "Different person: checked the DOB", "", None),
        (second, "confirmed", "Mo Manager", "", "Separate days, rooms and workers", first)]
    assert connection_flags.open_flags(manager) == []            # decided: off the queue
    assert [f.id for f in all_flags(manager)] == [flag.id]  # but never gone
    assert not [name for name in REGISTRY if name.startswith("connections.")
                and any(word in name for word in ("delete", "remove", "erase"))]
    with pytest.raises(errors.NotFound):
        connection_flags.confirm(manager, 999_999, "measures")


# -- once confirmed: kept apart ---------------------------------------------------------------

@pytest.fixture
def linked(people):
    """A survivor (the worker's case) who named a man, and a client who looks like one of
    his household (the other worker's case: the same surname, landline and postcode),
    both waiting for support, and the flag between them (no hold: a relative)."""
    survivor = refer(people["worker"], "Amy Rowe",
                     PersonNamed("Gary Flagstaff", "ex-partner",
                                 "landline 01332 123456, DE22 3AB"))
    abuser = refer(people["other"], "Susan Flagstaff", phone="01332 123456",
                   postcode="DE22 3AB")
    assert cases.open_case(people["other"], abuser).status == "referred"
    assessments.complete(people["worker"], survivor, assessment_form())
    assessments.complete(people["other"], abuser, assessment_form())
    flag = flag_between(people["manager"], survivor, abuser)
    support.record_session(people["worker"], survivor, session_form(
        planned=True, session_date=NEXT_WEEK, location="Derby office, Room 2"))
    return survivor, abuser, flag.id


BOOKINGS = [
    # (decision on the flag, day, place, refused?)
    ("confirmed", NEXT_WEEK, "derby office room 2", True),
    ("confirmed", NEXT_WEEK, "Chesterfield office", True),    # another place, the same day
    ("confirmed", NEXT_WEEK, "", True),        # a phone session: an unknown place is the same
    ("confirmed", NEXT_WEEK + timedelta(days=1), "Derby office, Room 2", False),
    ("open", NEXT_WEEK, "Derby office, Room 2", False),
    ("dismissed", NEXT_WEEK, "Derby office, Room 2", False),
]


@pytest.mark.parametrize("decision, day, place, refused", BOOKINGS)
def test_linked_people_are_never_booked_on_one_day(people, linked, decision, day, place,
                                                   refused):
    survivor, abuser, flag = linked
    if decision == "confirmed":
        connection_flags.confirm(people["manager"], flag, "Separate days and rooms")
    elif decision == "dismissed":
        connection_flags.dismiss(people["manager"], flag, "Not the same person")
    form = session_form(planned=True, session_date=day, location=place)
    if refused:
        for session in (people["other"], people["manager"]):
            seq = last_seq(session)
            with pytest.raises(errors.ActionRefused) as stopped:
                support.record_session(session, abuser, form)
            message = stopped.value.message
            assert message.startswith(separation.BOOKING_REFUSED)
            assert ("As a manager" in message) == (session is people["manager"])
            for secret in ("Amy", "Rowe", "Flagstaff", "Derby", "SV2-", "Wyn"):
                assert secret not in message
            # every refusal is audited
            assert [r[1:] for r in audit_actions(session, seq)
                    if r[1] == session.account_id][-1] == (
                session.account_id, "support.record_session", None, None)
        # a worker's reason does not book it; a manager's does, recorded and audited
        with pytest.raises(errors.PermissionDenied):
            support.record_session(people["other"], abuser, form,
                                   override_reason="I asked them")
        seq = last_seq(people["manager"])
        support.record_session(people["manager"], abuser, form,
                               override_reason="Separate buildings and times agreed")
        with people["manager"].workspace.transaction() as db:
            (override,) = db.scalars(select(ConnectionOverride)).all()
            assert (override.flag_id, override.case_id, override.action, override.reason) == \
                (flag, abuser, "booking", "Separate buildings and times agreed")
        assert "connections.override" in [r[2] for r in audit_actions(people["manager"], seq)]
    else:
        assert support.record_session(people["other"], abuser, form)


ASSIGNMENTS = [
    # (who acts, how: assign or a session, override reason, outcome)
    ("manager", "assign", "", "refused"),
    ("manager", "assign", "Only Welsh-speaking worker; sessions on different days", "overridden"),
    ("worker", "assign", "", "refused"),
    ("worker", "assign", "I am the only one free", "denied"),
    ("other", "session", "", "refused"),
    ("manager", "session", "Cover for one session, agreed with both managers", "overridden"),
    ("other", "session", "I need to", "denied"),
]


@pytest.mark.parametrize("actor, how, reason, outcome", ASSIGNMENTS)
def test_linked_people_do_not_share_a_worker_unless_a_manager_overrides(people, created, linked,
                                                                        actor, how, reason,
                                                                        outcome):
    survivor, abuser, flag = linked
    connection_flags.confirm(people["manager"], flag, "Separate workers")
    worker_id = created[1]["worker"]       # the survivor's worker
    if how == "assign" and actor == "worker":
        cases.assign(people["manager"], abuser, None)    # unassigned: a worker may take it
    session = people[actor]
    seq = last_seq(session)

    def attempt():
        if how == "assign":
            cases.assign(session, abuser, worker_id, override_reason=reason)
        else:
            support.record_session(session, abuser, session_form(worker_id=worker_id),
                                   override_reason=reason)

    if outcome == "refused":
        with pytest.raises(errors.ActionRefused) as stopped:
            attempt()
        assert stopped.value.message.startswith(separation.WORKER_REFUSED)
        for secret in ("Amy", "Rowe", "Flagstaff", "Wyn", "SV2-"):
            assert secret not in stopped.value.message
        assert ("As a manager" in stopped.value.message) == (actor == "manager")
    elif outcome == "denied":
        with pytest.raises(errors.PermissionDenied):
            attempt()
    else:
        attempt()
        with people["manager"].workspace.transaction() as db:
            (override,) = db.scalars(select(ConnectionOverride)).all()
            assert (override.flag_id, override.case_id, override.action, override.worker_id,
                    override.reason) == (flag, abuser, how, worker_id, reason)
        actions = [r[2] for r in audit_actions(session, seq)]
        assert "connections.override" in actions
    view = cases.open_case(people["manager"], abuser)
    changed = (view.assigned_worker_id == worker_id if how == "assign"
               else any(s.worker_name == "Wyn Worker" for s in view.sessions))
    assert changed == (outcome == "overridden")


def test_a_confirmed_flag_shows_what_already_breaks_it(people, linked):
    survivor, abuser, flag = linked
    support.record_session(people["other"], abuser, session_form(
        planned=True, session_date=NEXT_WEEK, location="derby office room 2"))
    cases.assign(people["manager"], abuser, people["worker"].account_id)
    connection_flags.confirm(people["manager"], flag, "Move the booking; reassign")
    view = connection_flags.view(people["manager"], flag)
    assert "Wyn Worker works with both." in view.clashes
    assert any(c.startswith("Both have sessions on") for c in view.clashes)


def test_no_restriction_before_confirmation_or_after_dismissal(people, linked):
    survivor, abuser, flag = linked
    cases.assign(people["manager"], abuser, people["worker"].account_id)
    connection_flags.dismiss(people["manager"], flag, "Not him")
    support.record_session(people["worker"], abuser, session_form(
        planned=True, session_date=NEXT_WEEK, location="Derby office, Room 2"))


# -- the index of blocking keys ----------------------------------------------------------------

def test_a_workspace_from_before_the_check_is_indexed_on_the_first_check(people):
    abuser = refer(people["other"], "Harold Flagstaff", date_of_birth=date(1971, 4, 9))
    with people["manager"].workspace.transaction() as db:    # as after the upgrade to 0005
        db.execute(delete(ConnectionKey))
        db.execute(delete(Setting).where(Setting.key == connection_index.SCHEME_SETTING))
    survivor = refer(people["worker"], "Amy Rowe",
                     PersonNamed("Harry Flagstaff", "ex-partner", "born 9/4/1971"))
    flag_between(people["manager"], survivor, abuser)
    with people["manager"].workspace.transaction() as db:
        assert db.scalar(select(func.count()).select_from(ConnectionKey)) > 0
        assert db.get(Setting, connection_index.SCHEME_SETTING).value == connection_index.scheme()


@pytest.mark.file_only
def test_the_migration_makes_what_the_models_describe(people):
    with people["manager"].workspace.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        conn.rollback()
    mine = [d for d in diff if "connection" in repr(d) or "location" in repr(d)]
    assert mine == []
    assert ConnectionFlag.__table__.c.evidence_json.info.get("system")
