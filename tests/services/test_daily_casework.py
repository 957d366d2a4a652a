"""The casework a centre runs on every day, in the services: keeping a client's record up to
date (with its history), case notes, the contact log and its safe-contact rule, consent,
equality monitoring and the waiting list.

Each rule is checked as the person it protects would notice it: a refusal with its reason,
a value kept with who changed it, a list that leaves something out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import lifecycle
from sv2desk.services import (assessments, cases, clients, concerns, consent, contacts, equality,
                              letters, notes, referrals, waiting_list)
from sv2desk.services.connections import flags as connection_flags
from sv2desk.services.clients import ClientDetails
from sv2desk.services.consent import ConsentForm, WithdrawalForm
from sv2desk.services.contacts import ContactForm
from sv2desk.services.equality import EqualityForm
from sv2desk.services.letters import LetterRequest
from sv2desk.services.notes import NoteForm
from sv2desk.services.waiting_list import WaitingForm

from ..support.audit_tools import last_seq
from ..support.service_examples import assessment_form, concern_form, referral_form
from sv2desk.practice import earlier_today

# The services' own tests: on one PC and on the office server (tests/support/server_fixtures.py).
# On the office server too in `make test-server` (every workspace test on both kinds);
# `make test` runs the model-based test and the server's own tests there.

TODAY = date.today()


def refer(session, name="Casey Client", **changes) -> int:
    return referrals.create_referral(session, referral_form(name, assign_to_me=True,
                                                            **changes)).id


def actions(session, since=0) -> list[tuple]:
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.seq, AuditEntry.action, AuditEntry.outcome)
                            .where(AuditEntry.seq > since).order_by(AuditEntry.seq)).all()
        conn.rollback()
    return [(r.action, r.outcome) for r in rows]


# -- the client's record ----------------------------------------------------------------------

def test_a_change_keeps_the_old_value_with_who_and_when_for_a_manager(people):
    worker, manager = people["worker"], people["manager"]
    case = refer(worker, phone="01332 000111")
    before = clients.details(worker, case)
    changed = replace(before, phone="07700 900123", pronouns="they/them", may_text=True)
    assert set(clients.update(worker, case, changed)) == {
        "Phone", "Pronouns", "We may text them"}
    history = {c.field: c for c in clients.history(manager, case)}
    assert (history["phone"].old, history["phone"].new) == ("01332 000111", "07700 900123")
    assert (history["may_text"].old, history["may_text"].new) == ("No", "Yes")
    assert history["phone"].by == "Wendy Worker" or history["phone"].by
    assert clients.details(worker, case).phone == "07700 900123"
    with pytest.raises(errors.PermissionDenied):
        clients.history(worker, case)     # the history is for managers
    assert ("clients.update", "ok") in actions(manager)
    assert ("clients.history", "denied") in actions(manager)


def test_a_second_save_of_the_same_record_is_refused_saying_who_changed_what(people):
    worker, manager = people["worker"], people["manager"]
    case = refer(worker)
    mine, theirs = clients.details(worker, case), clients.details(manager, case)
    clients.update(manager, case, replace(theirs, postcode="DE22 1AA"))
    with pytest.raises(clients.ChangedMeanwhile) as refused:
        clients.update(worker, case, replace(mine, phone="07700 900000"))
    assert "Postcode" in refused.value.fields
    assert "not saved" in refused.value.message
    assert clients.details(worker, case).phone == ""


def test_details_are_checked_like_any_form(people):
    case = refer(people["worker"])
    found = clients.details(people["worker"], case)
    with pytest.raises(errors.ValidationError) as bad:
        clients.update(people["worker"], case, replace(
            found, name="", preferred_name=" \u200b ", email="not an address",
            post_is_safe=True, address="", safe_post_address="", phone="x" * 41,
            interpreter_needed=True, language=""))
    assert set(bad.value.fields) >= {"name", "email", "safe_post_address", "phone",
                                       "interpreter_language"}


def test_an_edit_re_runs_the_connection_check(people):
    worker, manager = people["worker"], people["manager"]
    from sv2desk.services.referrals import PersonNamed
    refer(worker, "Amy Rowe", interaction_answer="yes",
          persons_named=[PersonNamed("Harold Flagstaff", "ex-partner", "born 9/4/1971")])
    other = refer(people["other"], "Hal Smith")
    assert not connection_flags.open_flags(manager)
    found = clients.details(people["other"], other)
    clients.update(people["other"], other, replace(
        found, name="Harold Flagstaff", date_of_birth=date(1971, 4, 9)))
    flags = connection_flags.open_flags(manager)
    assert len(flags) == 1 and other in (flags[0].left.case_id, flags[0].right.case_id)


def test_the_posting_check_uses_the_answers_as_they_are_now(people):
    worker = people["worker"]
    case = refer(worker, address="1 Safe Street\nDerby", post_is_safe=True)
    letter = letters.finalise(worker, case, letters.compose(
        worker, case, LetterRequest("signposting", [1])))
    assert letters.postal_check(worker, letter).allowed
    found = clients.details(worker, case)
    clients.update(worker, case, replace(found, post_is_safe=False))
    check = letters.postal_check(worker, letter)
    assert not check.allowed and "not safe" in check.reason
    found = clients.details(worker, case)
    clients.update(worker, case, replace(found, post_is_safe=True,
                                                safe_post_address="2 Other Road\nDerby"))
    assert not letters.postal_check(worker, letter).allowed   # not the safe address now


def test_someone_not_on_the_case_cannot_read_or_change_the_record(people):
    case = refer(people["worker"])
    for call in (lambda s: clients.details(s, case),
                 lambda s: notes.for_case(s, case),
                 lambda s: contacts.for_case(s, case)):
        with pytest.raises(errors.NotYours):
            call(people["other"])


# -- notes --------------------------------------------------------------------------------

def test_notes_are_dated_signed_and_a_concern_note_needs_a_concern(people):
    worker, manager = people["worker"], people["manager"]
    case = refer(worker)
    notes.add(worker, case, NoteForm("Spoke about safety planning",
                                     earlier_today(timedelta(hours=2))))
    with pytest.raises(errors.ActionRefused):
        notes.add(worker, case, NoteForm("About the concern", about_concern=True))
    with pytest.raises(errors.ValidationError) as bad:
        notes.add(worker, case, NoteForm("Next week", datetime.now() + timedelta(days=2)))
    assert "noted_at" in bad.value.fields
    with pytest.raises(errors.ValidationError):
        notes.add(worker, case, NoteForm(" \n "))
    concerns.raise_concern(manager, case, concern_form())
    notes.add(worker, case, NoteForm("Discussed with my line manager", about_concern=True))
    found = notes.for_case(worker, case)
    assert [n.about_concern for n in found] == [True, False]
    assert found[1].text == "Spoke about safety planning" and found[1].by
    timeline = cases.open_case(manager, case).timeline
    assert any(e.what == "Note about the concern added" for e in timeline)
    with pytest.raises(errors.NotYours):      # a case with a concern: the people on it only
        notes.for_case(people["other"], case)


# -- the contact log ----------------------------------------------------------------------------

def test_a_contact_by_a_channel_the_client_forbade_is_refused_with_the_reason(people):
    worker = people["worker"]
    case = refer(worker, may_call=True, may_leave_voicemail=False, may_text=False)
    seq = last_seq(worker)
    with pytest.raises(errors.ActionRefused) as refused:
        contacts.record(worker, case, ContactForm("text", outcome="sent"))
    assert "must not text" in refused.value.message and "phone call" in refused.value.message
    with pytest.raises(errors.ActionRefused) as refused:
        contacts.record(worker, case, ContactForm("call", outcome="left_message"))
    assert "must not leave a message" in refused.value.message
    assert actions(worker, seq) == [("contacts.record", "refused")] * 2
    contacts.record(worker, case, ContactForm("call", outcome="no_answer"))
    contacts.record(worker, case, ContactForm("text", "incoming", "replied"))   # they did
    log = contacts.for_case(worker, case)
    assert [e.channel for e in log.entries] and len(log.entries) == 2
    assert log.channels["text"] and log.channels["call"] is None
    assert not log.may_leave_message
    # Once the client says texts are safe, the same text is accepted.
    found = clients.details(worker, case)
    clients.update(worker, case, replace(found, may_text=True))
    contacts.record(worker, case, ContactForm("text", outcome="sent"))


def test_an_outcome_must_fit_the_channel(people):
    case = refer(people["worker"], may_email=True)
    with pytest.raises(errors.ValidationError) as bad:
        contacts.record(people["worker"], case, ContactForm("email", outcome="met"))
    assert "outcome" in bad.value.fields


# -- consent --------------------------------------------------------------------------------

def test_consent_given_and_withdrawn_is_kept_with_who_and_how(people):
    worker = people["worker"]
    case = refer(worker)
    with pytest.raises(errors.ValidationError) as bad:
        consent.record(worker, case, ConsentForm("sharing", TODAY, "phone"))
    assert "shared_with" in bad.value.fields
    given = consent.record(worker, case, ConsentForm(
        "sharing", TODAY - timedelta(days=3), "in_writing", "The GP, to share risk"))
    with pytest.raises(errors.ValidationError):     # before it was given
        consent.withdraw(worker, given, WithdrawalForm(TODAY - timedelta(days=5), "phone"))
    consent.withdraw(worker, given, WithdrawalForm(TODAY, "phone", "Changed their mind"))
    with pytest.raises(errors.ActionRefused):
        consent.withdraw(worker, given, WithdrawalForm(TODAY, "phone"))
    (view,) = consent.for_case(worker, case)
    assert not view.current and view.withdrawn_on == TODAY and view.withdrawal_recorded_by
    assert view.shared_with == "The GP, to share risk" and view.how_label.startswith("In wr")


# -- equality monitoring ---------------------------------------------------------------------

def test_equality_answers_are_optional_and_seen_only_by_the_worker_and_managers(people):
    worker, manager = people["worker"], people["manager"]
    case = refer(worker)
    equality.record(worker, case, EqualityForm())          # nothing answered: nothing kept
    assert equality.view(worker, case) is None
    with pytest.raises(errors.ValidationError):
        equality.record(worker, case, EqualityForm(ethnicity="martian"))
    equality.record(worker, case, EqualityForm(ethnicity="prefer_not_to_say",
                                               age_band="25_34"))
    view = equality.view(manager, case)
    assert view.labels["ethnicity"] == "Prefer not to say"
    assert view.labels["religion"] == "Not recorded"
    cases.assign(manager, case, people["other"].account_id)
    with pytest.raises(errors.PermissionDenied):
        equality.view(worker, case)                        # no longer their case


# -- the waiting list ------------------------------------------------------------------------

def assessed(session, name, **changes) -> int:
    case = refer(session, name, referral_date=TODAY - timedelta(days=30), **changes)
    assessments.complete(session, case, assessment_form())
    return case


def test_the_list_is_urgent_first_then_longest_waiting_and_filters(people):
    worker, manager = people["worker"], people["manager"]
    a, b, c = (assessed(worker, n) for n in ("Ann Able", "Bea Best", "Cat Cole"))
    waiting_list.add(worker, a, WaitingForm("counselling", "standard", TODAY - timedelta(9)))
    waiting_list.add(worker, b, WaitingForm("counselling", "urgent", TODAY - timedelta(1)))
    waiting_list.add(worker, c, WaitingForm("isva", "standard", TODAY - timedelta(20)))
    with pytest.raises(errors.ActionRefused):
        waiting_list.add(worker, a, WaitingForm("counselling"))      # already waiting
    page = waiting_list.waiting(manager)
    assert [r.case_id for r in page.rows] == [b, c, a] and page.total == 3
    assert [r.days_waiting for r in page.rows] == [1, 20, 9]
    assert [r.case_id for r in waiting_list.waiting(manager, service="counselling").rows] \
        == [b, a]
    assert [r.case_id for r in waiting_list.waiting(manager, priority="standard").rows] \
        == [c, a]
    assert waiting_list.waiting(people["other"]).total == 0   # not their cases
    with pytest.raises(errors.ValidationError):
        waiting_list.waiting(manager, service="astrology")


def test_allocation_starts_support_and_a_paused_client_cannot_be_allocated(people):
    worker, manager, other = people["worker"], people["manager"], people["other"]
    case = assessed(worker, "Dee Dale")
    paused = assessed(worker, "Eve East")
    entry = waiting_list.add(worker, case, WaitingForm("counselling"))
    held = waiting_list.add(worker, paused, WaitingForm("counselling"))
    concerns.raise_concern(manager, paused, concern_form())
    rows = {r.case_id: r for r in waiting_list.waiting(manager).rows}
    assert rows[paused].can_allocate == lifecycle.HOLD_REASON
    assert rows[case].can_allocate is None
    with pytest.raises(errors.MoveRefused) as refused:
        waiting_list.allocate(manager, held, other.account_id)
    assert "paused" in refused.value.message
    with pytest.raises(errors.PermissionDenied):
        waiting_list.allocate(worker, entry, other.account_id)   # managers allocate
    waiting_list.allocate(manager, entry, other.account_id)
    view = cases.open_case(manager, case)
    assert view.assigned_worker_id == other.account_id and view.status == lifecycle.IN_SUPPORT
    with pytest.raises(errors.ActionRefused):
        waiting_list.allocate(manager, entry, other.account_id)  # no longer waiting
    assert [r.case_id for r in waiting_list.waiting(manager).rows] == [paused]


def test_a_case_that_closes_leaves_the_list_and_a_signposted_one_cannot_join(people):
    worker, manager = people["worker"], people["manager"]
    case = assessed(worker, "Fay Ford")
    waiting_list.add(worker, case, WaitingForm("group"))
    cases.close(worker, case, "client_withdrew")
    assert waiting_list.waiting(manager).total == 0
    (entry,) = waiting_list.for_case(manager, case)
    assert not entry.open and "closed" in entry.what_happened
    signposted = refer(worker, "Gil Gray", eligibility_decision="signpost")
    with pytest.raises((errors.ActionRefused, errors.PermissionDenied)):
        waiting_list.add(worker, signposted, WaitingForm("counselling"))


# -- subject access ------------------------------------------------------------------------

def test_a_copy_of_their_data_holds_consent_and_the_history_of_edits(people):
    import json
    from sv2desk.services import subject_access
    from sv2desk.services.referrals import PersonNamed
    worker, manager = people["worker"], people["manager"]
    case = refer(worker, phone="01332 000111", interaction_answer="yes",
                 persons_named=[PersonNamed("Bartholomew Thistlewood", "ex-partner")])
    found = clients.details(worker, case)
    clients.update(worker, case, replace(found, phone="07700 900123",
                                                language="Polish"))
    given = consent.record(worker, case, ConsentForm("processing", TODAY, "in_person",
                                                     note="Read the leaflet together"))
    consent.withdraw(worker, given, WithdrawalForm(TODAY, "phone"))
    notes.add(worker, case, NoteForm("Worried Bartholomew Thistlewood saw her in town"))
    contacts.record(worker, case, ContactForm("in_person", outcome="met", note="At the office"))
    data = json.loads(subject_access.export(manager, case).json)
    titles = {s["title"]: s for s in data["sections"]}
    assert {"Changes to your details", "Your consent", "Notes", "Contact with you"} <= \
        set(titles)
    flat = json.dumps(titles["Changes to your details"])
    assert "01332 000111" in flat and "07700 900123" in flat and "Polish" in flat
    consent_text = json.dumps(titles["Your consent"])
    assert "Read the leaflet together" in consent_text and TODAY.isoformat() in consent_text
    everything = json.dumps(data)
    assert "Thistlewood" not in everything          # another person's name is withheld
    assert "At the office" in everything
