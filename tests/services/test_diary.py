"""The diary in the services: a session is booked only where support may be offered, a room
or a worker cannot be double-booked, a booking is cancelled (by whom, why), moved or marked
not attended, the connection check's separation applies to every booking (a move too), and
a worker's or a room's days show what they should and nothing they should not."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from sv2desk import errors
from sv2desk.policy import diary as policy, lifecycle
from sv2desk.services import assessments, cases, concerns, diary, referrals
from sv2desk.services.connections import flags as connection_flags, separation
from sv2desk.services.diary import RoomForm, SiteForm
from sv2desk.services.referrals import PersonNamed

from ..support.service_examples import assessment_form, booking_form, concern_form, referral_form

# The services' own tests: on one PC and on the office server (tests/support/server_fixtures.py).
# On the office server too in `make test-server` (every workspace test on both kinds);
# `make test` runs the model-based test and the server's own tests there.

TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)


def assessed(session, name="Dana Diary", **changes) -> int:
    case = referrals.create_referral(session, referral_form(name, assign_to_me=True,
                                                            **changes)).id
    assessments.complete(session, case, assessment_form())
    return case


@pytest.fixture
def rooms(people):
    admin = people["admin"]
    site = diary.save_site(admin, SiteForm(name="Derby office", address="1 Main St"))
    return {"site": site,
            "one": diary.save_room(admin, RoomForm(site_id=site, name="Room 1")),
            "two": diary.save_room(admin, RoomForm(site_id=site, name="Room 2"))}


def test_a_room_or_a_worker_cannot_be_double_booked(people, rooms):
    worker, other = people["worker"], people["other"]
    a, b = assessed(worker, "Ann Able"), assessed(other, "Bea Best")
    diary.book(worker, a, booking_form(room_id=rooms["one"], start_time=time(10, 0)))
    with pytest.raises(errors.ActionRefused) as taken:
        diary.book(other, b, booking_form(room_id=rooms["one"], start_time=time(10, 30)))
    assert "Room 1 is already booked" in taken.value.message
    with pytest.raises(errors.ActionRefused) as busy:
        diary.book(worker, a, booking_form(room_id=rooms["two"], start_time=time(10, 49)))
    assert "already has a session" in busy.value.message
    diary.book(other, b, booking_form(room_id=rooms["one"], start_time=time(10, 50)))
    diary.book(worker, a, booking_form(room_id=rooms["two"], start_time=time(11, 0)))


def test_only_a_case_that_may_have_support_can_be_booked(people, rooms):
    worker, manager = people["worker"], people["manager"]
    referred = referrals.create_referral(worker, referral_form("Ref Only",
                                                               assign_to_me=True)).id
    with pytest.raises(errors.MoveRefused) as refused:
        diary.book(worker, referred, booking_form())
    assert "initial options assessment" in refused.value.message
    paused = assessed(worker, "Pat Paused")
    booked = diary.book(worker, paused, booking_form(room_id=rooms["one"]))
    concerns.raise_concern(manager, paused, concern_form())
    with pytest.raises(errors.MoveRefused) as refused:
        diary.book(worker, paused, booking_form(2))
    assert refused.value.message == lifecycle.HOLD_REASON
    with pytest.raises(errors.MoveRefused):
        diary.reschedule(worker, booked, booking_form(3))
    # The suspended session frees its room, and can still be cancelled.
    assert diary.room_days(manager, rooms["one"], TOMORROW, 1) == []
    (entry,) = diary.worker_days(worker, worker.account_id, TOMORROW, 1)
    assert entry.suspended and entry.status_label == policy.SUSPENDED_LABEL
    diary.cancel(worker, booked, "service", "Paused while a manager reviews")


def test_a_suspended_session_cannot_be_held_or_marked_not_attended(people):
    worker, manager = people["worker"], people["manager"]
    case = assessed(worker)
    booked = diary.book(worker, case, booking_form(0))
    concerns.raise_concern(manager, case, concern_form())
    for mark in (diary.held, diary.did_not_attend):
        with pytest.raises(errors.PermissionDenied):    # the case is paused
            mark(worker, booked)


def test_what_becomes_of_a_booking(people, rooms):
    worker = people["worker"]
    case = assessed(worker)
    first = diary.book(worker, case, booking_form(0, start_time=time(9, 0)))
    with pytest.raises(errors.ValidationError) as bad:
        diary.cancel(worker, first, "client", "  ")
    assert "note" in bad.value.fields
    with pytest.raises(errors.ActionRefused) as early:
        diary.did_not_attend(worker, diary.book(worker, case, booking_form(5)))
    assert early.value.message == policy.NOT_YET
    diary.did_not_attend(worker, first, "No reply at the door")
    with pytest.raises(errors.ActionRefused) as done:
        diary.cancel(worker, first, "client", "Too late")
    assert "did not attend" in done.value.message
    second = diary.book(worker, case, booking_form(1, room_id=rooms["one"]))
    moved = diary.reschedule(worker, second, booking_form(2, room_id=rooms["two"]))
    days = diary.worker_days(worker, worker.account_id, TODAY, 7)
    assert [(e.day, e.status) for e in days] == [
        (TODAY, policy.DID_NOT_ATTEND), (TODAY + timedelta(days=2), policy.PLANNED),
        (TODAY + timedelta(days=5), policy.PLANNED)]
    assert diary.room_days(worker, rooms["one"], TODAY, 7) == []   # moved out of Room 1
    assert [e.id for e in diary.room_days(worker, rooms["two"], TODAY, 7)] == [moved]
    diary.cancel(worker, moved, "client", "Unwell")
    assert diary.room_days(worker, rooms["two"], TODAY, 7) == []
    assert cases.open_case(worker, case).status == lifecycle.AWAITING_SUPPORT
    third = diary.book(worker, case, booking_form(0, start_time=time(15, 0)))
    diary.held(worker, third, "Went well")
    assert cases.open_case(worker, case).status == lifecycle.IN_SUPPORT


def test_closing_a_case_cancels_what_is_booked(people):
    worker = people["worker"]
    case = assessed(worker)
    diary.book(worker, case, booking_form(3))
    cases.close(worker, case, "client_withdrew")
    (entry,) = diary.worker_days(worker, worker.account_id, TODAY, 7)
    assert entry.status == policy.CANCELLED


def test_a_workers_diary_is_their_own_or_a_managers_and_hides_cases_they_cannot_open(
        people):
    worker, other, manager = people["worker"], people["other"], people["manager"]
    case = assessed(worker, "Secret Name")
    diary.book(worker, case, booking_form())
    with pytest.raises(errors.PermissionDenied):
        diary.worker_days(other, worker.account_id, TODAY)
    (seen,) = diary.worker_days(manager, worker.account_id, TODAY)
    assert seen.client == "Secret Name"
    # A session of another worker's case booked in their diary shows only as busy.
    cases.assign(manager, case, other.account_id)
    (busy,) = diary.worker_days(worker, worker.account_id, TODAY)
    assert (busy.client, busy.case_id, busy.type_label) == ("", None, "Busy")
    with pytest.raises(errors.ValidationError):
        diary.worker_days(worker, worker.account_id, TODAY, 400)


def test_every_booking_and_every_move_is_kept_apart_from_a_confirmed_connection(
        people, rooms):
    worker, other, manager = people["worker"], people["other"], people["manager"]
    # Someone who looks like one of the named man's household (the same surname and
    # postcode): kept apart once confirmed, with no hold (a client who looks like the named
    # man himself is held for a manager before any booking: tests/services/test_connection_holds.py).
    survivor = assessed(worker, "Amy Rowe", interaction_answer="yes", persons_named=[
        PersonNamed("Gary Flagstaff", "ex-partner", "born 1985, lives DE22 1AB")])
    abuser = assessed(other, "Harold Flagstaff", date_of_birth=date(1971, 4, 9),
                      postcode="DE22 1AB")
    (flag,) = connection_flags.open_flags(manager)
    connection_flags.confirm(manager, flag.id, "Separate days at the Derby office")
    diary.book(worker, survivor, booking_form(1, room_id=rooms["one"]))
    with pytest.raises(errors.ActionRefused) as refused:   # same site, same day, other room
        diary.book(other, abuser, booking_form(1, room_id=rooms["two"],
                                               start_time=time(15, 0)))
    assert refused.value.message == separation.BOOKING_REFUSED
    for secret in ("Amy", "Rowe", "Flagstaff"):
        assert secret not in refused.value.message
    elsewhere = diary.book(other, abuser, booking_form(2, room_id=rooms["two"]))
    with pytest.raises(errors.ActionRefused):
        diary.reschedule(other, elsewhere, booking_form(1, room_id=rooms["two"],
                                                        start_time=time(16, 0)))
    with pytest.raises(errors.ActionRefused) as worker_refused:
        diary.book(manager, abuser, booking_form(4, worker_id=worker.account_id))
    assert worker_refused.value.message.startswith(separation.WORKER_REFUSED)


def test_rooms_are_kept_by_an_administrator(people, rooms):
    with pytest.raises(errors.PermissionDenied):
        diary.save_room(people["manager"], RoomForm(site_id=rooms["site"], name="Room 9"))
    with pytest.raises(errors.ValidationError):
        diary.save_room(people["admin"], RoomForm(site_id=rooms["site"], name=" "))
    diary.save_room(people["admin"], RoomForm(site_id=rooms["site"], name="Room 1",
                                              active=False), rooms["one"])
    _, in_use = diary.rooms(people["worker"])
    assert [r.name for r in in_use] == ["Room 2"]
    case = assessed(people["worker"])
    with pytest.raises(errors.ValidationError) as retired:
        diary.book(people["worker"], case, booking_form(room_id=rooms["one"]))
    assert retired.value.fields["room_id"] == policy.ROOM_RETIRED
