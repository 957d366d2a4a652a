"""The diary: sessions booked at a time, in a room or elsewhere, for a worker; what became of
each booking (held, not attended, cancelled, moved); a worker's and a room's days; and the
sites and rooms an administrator keeps.

Booking, moving and marking a session held or not attended go through the access rule and
the lifecycle table (support only where the case allows it, never while it is paused); every
booking, a move included, goes through the connection check's separation (the same site on
the same day as someone the client is kept apart from is refused; a worker who works with
that person needs a manager's reason). A session suspended when a concern was raised stays
in the diary, frees its room, and can only be cancelled, or moved once support may continue
(policy/diary.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import and_, or_, select

from .. import errors
from ..models import Account, Case, Client, Room, Site, SupportSession
from ..policy import diary as policy, permissions, referral as vocab, validation
from . import access, audit, timeline, versions
from .closing import settle_booking
from .connections import separation
from .use_case import use_case

LONGEST_VIEW = 31    # days one call of a day or week view may cover


@dataclass
class BookingForm:
    session_date: date | None = None
    start_time: time | None = None
    duration_minutes: int = 50
    session_type: str = ""
    worker_id: int | None = None      # default: the person booking
    room_id: int | None = None        # a room, or none (phone, video, elsewhere)
    location: str = ""                # where, when not in one of our rooms
    note: str = ""


@dataclass
class SiteForm:
    name: str = ""
    address: str = ""
    active: bool = True


@dataclass
class RoomForm:
    site_id: int | None = None
    name: str = ""
    notes: str = ""
    step_free: bool = False
    active: bool = True


@dataclass(frozen=True)
class DiaryEntry:
    """One session in a day view. ``client`` is empty and ``case_id`` None for a session on
    a case the viewer may not open: the slot shows only as busy."""

    id: int
    case_id: int | None
    reference: str
    client: str
    day: date
    start: time | None
    end: time | None
    minutes: int
    type_label: str
    worker_id: int
    worker: str
    room_id: int | None
    place: str
    status: str
    status_label: str
    suspended: bool
    session_type: str = ""     # its code (empty for a slot shown only as busy)


@dataclass(frozen=True)
class RoomView:
    id: int
    site_id: int
    site: str
    name: str
    notes: str
    step_free: bool
    active: bool
    version: int = 0        # when read: a save naming it is refused if saved since

    @property
    def label(self) -> str:
        return f"{self.site}: {self.name}"


@dataclass(frozen=True)
class SiteView:
    id: int
    name: str
    address: str
    active: bool
    version: int = 0        # when read: a save naming it is refused if saved since


SITE_LABELS = {"name": "name", "address": "address", "active": "in use"}
ROOM_LABELS = {"site_id": "site", "name": "name", "notes": "notes",
               "step_free": "step-free access", "active": "in use"}


def _site_view(s: Site) -> SiteView:
    return SiteView(s.id, s.name, s.address, s.active, s.version)


def _room_view(r: Room, site: Site) -> RoomView:
    return RoomView(r.id, r.site_id, site.name, r.name, r.notes, r.step_free,
                    r.active and site.active, r.version)


# -- checks -------------------------------------------------------------------------------

def booking_problems(form: BookingForm, today: date | None = None) -> dict[str, str]:
    today = today or date.today()
    v = validation.Check("support_session")
    if not isinstance(form.session_date, date):
        v.fail("session_date", "Enter the day of the session.")
    elif form.session_date < today:
        v.fail("session_date", "A session can be booked for today or later.")
    if not isinstance(form.start_time, time):
        v.fail("start_time", "Enter the time the session starts.")
    elif not policy.DAY_STARTS <= form.start_time < policy.DAY_ENDS:
        v.fail("start_time", f"Sessions can start between {policy.DAY_STARTS:%H:%M} and "
                             f"{policy.DAY_ENDS:%H:%M}.")
    v.number("duration_minutes", form.duration_minutes, 5, policy.LONGEST_MINUTES,
             f"Give the length in minutes (5 to {policy.LONGEST_MINUTES}).")
    v.choice("session_type", form.session_type, vocab.SESSION_TYPES,
             "Choose the type of session.")
    for name in ("worker_id", "room_id"):
        value = getattr(form, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            v.fail(name, "Choose from the list.")
    v.text("location", form.location)
    v.text("note", form.note)
    return v.problems


def _session(db, session_id) -> SupportSession:
    found = db.get(SupportSession, session_id) if isinstance(session_id, int) and \
        not isinstance(session_id, bool) else None
    if found is None:
        raise errors.NotYours()
    return found


def _room(db, room_id) -> tuple[Room, Site] | None:
    if room_id is None:
        return None
    room = db.get(Room, room_id)
    if room is None or not room.active:
        raise errors.ValidationError({"room_id": policy.ROOM_RETIRED})
    site = db.get(Site, room.site_id)
    if site is None or not site.active:
        raise errors.ValidationError({"room_id": policy.ROOM_RETIRED})
    return room, site


def _worker(db, worker_id: int) -> Account:
    worker = db.get(Account, worker_id)
    if worker is None or not worker.active or not (
            {r.role for r in worker.roles} & permissions.CASEWORKERS):
        raise errors.ValidationError({"worker_id": "Choose an active member of staff who "
                                                   "works with clients."})
    return worker


# Sessions that take a worker's or a room's time: booked (and not suspended), or held.
def _occupying(query):
    return query.where(or_(and_(SupportSession.status == policy.PLANNED,
                                SupportSession.suspended_at.is_(None)),
                           SupportSession.status.in_((policy.HELD, policy.DID_NOT_ATTEND))))


def _clash(db, column, value, day: date, start: time, minutes: int,
           ignore: int | None) -> bool:
    query = _occupying(select(SupportSession.id, SupportSession.start_time,
                              SupportSession.duration_minutes)
                       .where(column == value, SupportSession.session_date == day))
    for other_id, other_start, other_minutes in db.execute(query):
        if other_id != ignore and policy.overlaps(start, minutes, other_start, other_minutes):
            return True
    return False


def _place_checks(db, session, case: Case, form: BookingForm, worker: Account,
                  override_reason: str, ignore: int | None = None) -> tuple[str, int | None]:
    """Refuse a booking that clashes, or that the connection check keeps apart. Returns
    where it is (the site's name for a room) and the room."""
    room = _room(db, form.room_id)
    place = room[1].name if room else form.location
    minutes = int(form.duration_minutes)
    if room and _clash(db, SupportSession.room_id, room[0].id, form.session_date,
                       form.start_time, minutes, ignore):
        raise errors.ActionRefused(policy.ROOM_TAKEN.format(room=room[0].name))
    if _clash(db, SupportSession.worker_id, worker.id, form.session_date, form.start_time,
              minutes, ignore):
        raise errors.ActionRefused(policy.WORKER_BUSY.format(worker=worker.display_name))
    separation.check_booking(db, session, case, form.session_date, place)
    separation.check_worker(db, session, case, worker.id, "session", override_reason)
    return place, room[0].id if room else None


def _override_problems(override_reason) -> dict[str, str]:
    v = validation.Check("support_session")
    v.text("override_reason", override_reason)
    return v.problems


def _insert(db, session, case: Case, form: BookingForm, worker: Account, place: str,
            room_id: int | None) -> SupportSession:
    booked = SupportSession(
        case_id=case.id, session_date=form.session_date, session_type=form.session_type,
        worker_id=worker.id, duration_minutes=int(form.duration_minutes), planned=True,
        status=policy.PLANNED, start_time=form.start_time, room_id=room_id, note=form.note,
        location=place, created_at=audit.now_iso())
    db.add(booked)
    db.flush()
    return booked


# -- booking and what becomes of it -------------------------------------------------------

@use_case("diary.book")
def book(uc, case_id: int, form: BookingForm, *, override_reason: str = "") -> int:
    """Book a session: only where the case may have support (never while it is paused);
    refused when the room or the worker is taken, or the connection check keeps the client
    apart from someone there that day."""
    problems = booking_problems(form) | _override_problems(override_reason)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "diary.book", case_id)
    access.move(uc.db, uc.session, case, "book a session in the diary")
    worker = _worker(uc.db, form.worker_id or uc.session.account_id)
    place, room_id = _place_checks(uc.db, uc.session, case, form, worker, override_reason)
    booked = _insert(uc.db, uc.session, case, form, worker, place, room_id)
    timeline.event(uc.db, uc.session, case, "session",
                    f"Session booked: {vocab.SESSION_TYPES[form.session_type]} on "
                    f"{form.session_date:%d/%m/%Y} at {form.start_time:%H:%M}")
    uc.audit("support_session", booked.id)
    return booked.id


def _booked(db, session, operation: str, session_id) -> tuple[SupportSession, Case]:
    booked = _session(db, session_id)
    case = access.case(db, session, operation, booked.case_id)
    if booked.status != policy.PLANNED:
        what = policy.STATUSES.get(booked.status, booked.status).lower()
        by = booked.outcome_recorded_by
        if by is not None and by != session.account_id:    # another person, meanwhile
            who = db.scalar(select(Account.display_name).where(Account.id == by))
            raise errors.SettledMeanwhile(who, (f"marked {what}",),
                                          (booked.outcome_recorded_at or "")[11:16] or None)
        raise errors.ActionRefused(policy.NOT_PLANNED.format(what=what))
    return booked, case


@use_case("diary.reschedule")
def reschedule(uc, session_id: int, form: BookingForm, *,
               override_reason: str = "") -> int:
    """Move a booked session to a new time (and room or worker): the old booking is kept,
    marked as moved; the new one is checked as any booking is. A suspended session can be
    moved once the case may have support again. Returns the new booking."""
    problems = booking_problems(form) | _override_problems(override_reason)
    if problems:
        raise errors.ValidationError(problems)
    booked, case = _booked(uc.db, uc.session, "diary.reschedule", session_id)
    access.move(uc.db, uc.session, case, "move a booked session to another time")
    worker = _worker(uc.db, form.worker_id or booked.worker_id)
    place, room_id = _place_checks(uc.db, uc.session, case, form, worker, override_reason,
                                   ignore=booked.id)
    moved = _insert(uc.db, uc.session, case, form, worker, place, room_id)
    settle_booking(booked, uc.session, policy.MOVED)
    booked.moved_to_id = moved.id
    timeline.event(uc.db, uc.session, case, "session",
                    f"Session moved from {booked.session_date:%d/%m/%Y} to "
                    f"{form.session_date:%d/%m/%Y} at {form.start_time:%H:%M}")
    uc.audit("support_session", moved.id)
    return moved.id


def _marking(db, session, operation: str, session_id, today: date | None):
    booked, case = _booked(db, session, operation, session_id)
    if booked.suspended_at is not None:
        raise errors.ActionRefused(policy.SUSPENDED)
    if booked.session_date > (today or date.today()):
        raise errors.ActionRefused(policy.NOT_YET)
    return booked, case


def _note_problems(note, required: str | None = None) -> dict[str, str]:
    v = validation.Check("session_outcome")
    v.text("note", note, required=required)
    return v.problems


@use_case("diary.held")
def held(uc, session_id: int, note: str = "", *, today: date | None = None) -> None:
    """Mark a booked session as held (on or after its day; not a suspended one)."""
    problems = _note_problems(note)
    if problems:
        raise errors.ValidationError(problems)
    booked, case = _marking(uc.db, uc.session, "diary.held", session_id, today)
    access.move(uc.db, uc.session, case, "mark a booked session as held")
    settle_booking(booked, uc.session, policy.HELD, note)
    timeline.event(uc.db, uc.session, case, "session", "Session held: "
                    + vocab.SESSION_TYPES.get(booked.session_type, "session"))
    uc.audit("support_session", booked.id)


@use_case("diary.did_not_attend")
def did_not_attend(uc, session_id: int, note: str = "", *,
                   today: date | None = None) -> None:
    """Mark a booked session as not attended (on or after its day; not a suspended one)."""
    problems = _note_problems(note)
    if problems:
        raise errors.ValidationError(problems)
    booked, case = _marking(uc.db, uc.session, "diary.did_not_attend", session_id, today)
    access.move(uc.db, uc.session, case, "mark a booked session as not attended")
    settle_booking(booked, uc.session, policy.DID_NOT_ATTEND, note)
    timeline.event(uc.db, uc.session, case, "session", "Session not attended: "
                    f"{booked.session_date:%d/%m/%Y}")
    uc.audit("support_session", booked.id)


@use_case("diary.cancel")
def cancel(uc, session_id: int, cancelled_by: str, reason: str) -> None:
    """Cancel a booked session, saying who cancelled it and why (at any stage: a suspended
    session of a paused case too)."""
    problems = _note_problems(reason, "Say why the session was cancelled.")
    if cancelled_by not in policy.CANCELLED_BY:
        problems["cancelled_by"] = "Say whether the client or we cancelled it."
    if problems:
        raise errors.ValidationError(problems)
    booked, case = _booked(uc.db, uc.session, "diary.cancel", session_id)
    settle_booking(booked, uc.session, policy.CANCELLED, reason, cancelled_by)
    timeline.event(uc.db, uc.session, case, "session", f"Session on "
                    f"{booked.session_date:%d/%m/%Y} cancelled: "
                    f"{policy.CANCELLED_BY[cancelled_by].lower()}")
    uc.audit("support_session", booked.id)


# -- the day and week views ---------------------------------------------------------------

def _range(first_day, days) -> tuple[date, date]:
    if not isinstance(first_day, date) or isinstance(days, bool) or not isinstance(days, int) \
            or not 1 <= days <= LONGEST_VIEW:
        raise errors.ValidationError({"days": f"Ask for a day, or up to {LONGEST_VIEW} days."})
    return first_day, first_day + timedelta(days=days - 1)


def _entries(db, session, query) -> list[DiaryEntry]:
    rows = db.execute(query.order_by(SupportSession.session_date, SupportSession.start_time,
                                     SupportSession.id)).all()
    if not rows:
        return []
    case_ids = {r.case_id for r in rows}
    visible = set(db.scalars(access.visible_cases(
        session, select(Case.id).where(Case.id.in_(case_ids)))))
    details = {r.id: r for r in db.execute(
        select(Case.id, Case.reference, Client.name, Client.preferred_name)
        .join(Client, Client.id == Case.client_id).where(Case.id.in_(visible)))}
    names = dict(db.execute(select(Account.id, Account.display_name)).all())
    rooms = {r.id: r.name for r in db.execute(select(Room.id, Room.name))}
    found = []
    for r in rows:
        seen = details.get(r.case_id)
        end = policy.end_of(r.start_time, r.duration_minutes) if r.start_time else None
        place = f"{r.location}: {rooms[r.room_id]}" if r.room_id in rooms else r.location
        found.append(DiaryEntry(
            r.id, r.case_id if seen else None, seen.reference if seen else "",
            (seen.preferred_name or seen.name) if seen else "", r.session_date, r.start_time,
            end, r.duration_minutes,
            vocab.SESSION_TYPES.get(r.session_type, "") if seen else "Busy",
            r.worker_id, names.get(r.worker_id, ""), r.room_id, place, r.status,
            policy.SUSPENDED_LABEL if r.suspended_at and r.status == policy.PLANNED
            else policy.STATUSES.get(r.status, r.status), r.suspended_at is not None,
            r.session_type if seen else ""))
    return found


_COLUMNS = (SupportSession.id, SupportSession.case_id, SupportSession.session_date,
            SupportSession.start_time, SupportSession.duration_minutes,
            SupportSession.session_type, SupportSession.worker_id, SupportSession.room_id,
            SupportSession.location, SupportSession.status, SupportSession.suspended_at)


@use_case("diary.worker_days")
def worker_days(uc, worker_id: int, first_day: date, days: int = 7) -> list[DiaryEntry]:
    """A worker's sessions from ``first_day`` for ``days`` days (7: a week), in time
    order, moved bookings left out (their new time shows). A support worker sees their own
    diary; managers anyone's. A session on a case the viewer may not open shows as busy."""
    start, end = _range(first_day, days)
    if worker_id != uc.session.account_id and not permissions.sees_every_case(uc.session.roles):
        raise errors.PermissionDenied("You can see your own diary. A manager can see "
                                      "anyone's.")
    query = select(*_COLUMNS).where(
        SupportSession.worker_id == worker_id, SupportSession.session_date >= start,
        SupportSession.session_date <= end, SupportSession.status != policy.MOVED)
    found = _entries(uc.db, uc.session, query)
    uc.audit("account", worker_id)
    return found


@use_case("diary.room_days")
def room_days(uc, room_id: int, first_day: date, days: int = 7) -> list[DiaryEntry]:
    """What a room is booked for from ``first_day`` for ``days`` days: sessions that take
    the room (not cancelled, moved or suspended). Clients' names only on cases the viewer
    may open."""
    start, end = _range(first_day, days)
    if not isinstance(room_id, int) or uc.db.get(Room, room_id) is None:
        raise errors.NotFound("That room could not be found.")
    query = _occupying(select(*_COLUMNS).where(
        SupportSession.room_id == room_id, SupportSession.session_date >= start,
        SupportSession.session_date <= end))
    found = _entries(uc.db, uc.session, query)
    uc.audit("room", room_id)
    return found


# -- sites and rooms ----------------------------------------------------------------------

@use_case("diary.rooms")
def rooms(uc, *, include_retired: bool = False) -> tuple[list[SiteView], list[RoomView]]:
    """The sites and their rooms (in use only, unless ``include_retired``)."""
    sites = uc.db.scalars(select(Site).order_by(Site.name, Site.id)).all()
    site_views = [_site_view(s) for s in sites if include_retired or s.active]
    names = {s.id: s for s in sites}
    room_views = [_room_view(r, names[r.site_id])
                  for r in uc.db.scalars(select(Room).order_by(Room.site_id, Room.name))
                  if include_retired or (r.active and names[r.site_id].active)]
    return site_views, room_views


@use_case("diary.save_site")
def save_site(uc, form: SiteForm, site_id: int | None = None, *,
              opened: SiteView | None = None) -> int:
    """Add a site, or change one (retire it by setting ``active`` false: its rooms go out
    of use; sessions booked there stay). ``opened``: the site as read for this change; if
    someone else saved it since, nothing is saved and EditConflict says who and what."""
    v = validation.Check("site")
    v.text("name", form.name, required="Give the site a name.")
    v.text("address", form.address)
    if not isinstance(form.active, bool):
        v.fail("active", "Choose yes or no.")
    if v.problems:
        raise errors.ValidationError(v.problems)
    site = uc.db.get(Site, site_id) if site_id is not None else Site()
    if site is None:
        raise errors.NotFound("That site could not be found.")
    if site_id is not None:
        versions.refuse_if_changed(uc.db, site.version, opened, "site", site.id,
                                   _site_view(site), SITE_LABELS)
    site.name, site.address, site.active = form.name.strip(), form.address, form.active
    site.updated_at = audit.now_iso()
    uc.db.add(site)
    uc.db.flush()
    uc.audit("site", site.id)
    return site.id


@use_case("diary.save_room")
def save_room(uc, form: RoomForm, room_id: int | None = None, *,
              opened: RoomView | None = None) -> int:
    """Add a room to a site, or change one (retire it by setting ``active`` false).
    ``opened``: the room as read for this change (refused, saying who and what, if someone
    else saved it since)."""
    v = validation.Check("room")
    v.text("name", form.name, required="Give the room a name.")
    v.text("notes", form.notes)
    for name in ("step_free", "active"):
        if not isinstance(getattr(form, name), bool):
            v.fail(name, "Choose yes or no.")
    if v.problems:
        raise errors.ValidationError(v.problems)
    site = uc.db.get(Site, form.site_id) if isinstance(form.site_id, int) else None
    if site is None:
        raise errors.ValidationError({"site_id": "Choose the site the room is at."})
    room = uc.db.get(Room, room_id) if room_id is not None else Room()
    if room is None:
        raise errors.NotFound("That room could not be found.")
    if room_id is not None:
        versions.refuse_if_changed(uc.db, room.version, opened, "room", room.id,
                                   _room_view(room, uc.db.get(Site, room.site_id)),
                                   ROOM_LABELS)
    room.site_id, room.name, room.notes = site.id, form.name.strip(), form.notes
    room.step_free, room.active, room.updated_at = form.step_free, form.active, \
        audit.now_iso()
    uc.db.add(room)
    uc.db.flush()
    uc.audit("room", room.id)
    return room.id
