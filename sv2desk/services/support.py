"""Support sessions: recorded and planned. Every "offer or record support" action goes
through the access rule and the lifecycle table (services/access.py), which the perpetrator
workflow relies on to pause support."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import errors
from ..models import Account, SupportSession
from ..policy import referral as vocab, validation
from . import access, audit, timeline
from .connections import separation
from .use_case import use_case


@dataclass
class SessionForm:
    session_date: date | None = None
    session_type: str = ""
    duration_minutes: int = 50
    note: str = ""
    planned: bool = False
    worker_id: int | None = None     # defaults to the person recording it
    # Where: free text as the service names its rooms and venues ("Derby office, room 2");
    # blank for phone or video. Compared ignoring case, spaces and punctuation.
    location: str = ""


LOCATION_LIMIT = validation.limit("support_session", "location")


def check(form: SessionForm, today: date | None = None) -> dict[str, str]:
    today = today or date.today()
    v = validation.Check("support_session")
    if not isinstance(form.session_date, date):
        v.fail("session_date", "Enter the date of the session.")
    elif form.planned and form.session_date < today:
        v.fail("session_date", "A planned session must be today or later.")
    elif not form.planned and form.session_date > today:
        v.fail("session_date", "A session that happened cannot be in the future (plan it "
                               "instead).")
    v.choice("session_type", form.session_type, vocab.SESSION_TYPES,
             "Choose the type of session.")
    v.number("duration_minutes", form.duration_minutes, 0, 600,
             "Give the length in minutes (up to 600).")
    v.text("note", form.note)
    v.text("location", form.location)
    return v.problems


@use_case("support.record_session")
def record_session(uc, case_id: int, form: SessionForm, *,
                   override_reason: str = "") -> int:
    """Record a session that happened, or plan one; never while the case is paused or
    before the initial options assessment (the lifecycle table). A planned session is
    refused on the day of a session of someone the client is kept apart from (at any
    place), unless a manager overrides with a reason; either kind is refused with a worker who works with that person unless a manager
    overrides with a reason (services/connections/separation.py). The refusal says only that a
    confidential restriction applies."""
    problems = check(form)
    v = validation.Check("support_session")
    v.text("override_reason", override_reason)
    problems.update(v.problems)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "support.record_session", case_id)
    access.move(uc.db, uc.session, case, "plan a session" if form.planned
                else "record a session that was held")
    worker_id = form.worker_id or uc.session.account_id
    worker = uc.db.get(Account, worker_id) if isinstance(worker_id, int) else None
    if worker is None or not worker.active:
        raise errors.ValidationError({"worker": "Choose an active member of staff."})
    if form.planned:
        separation.check_booking(uc.db, uc.session, case, form.session_date, form.location,
                                  override_reason)
    separation.check_worker(uc.db, uc.session, case, worker_id, "session", override_reason)
    record = SupportSession(case_id=case.id, session_date=form.session_date,
                            session_type=form.session_type, worker_id=worker_id,
                            duration_minutes=int(form.duration_minutes),
                            planned=bool(form.planned), note=form.note,
                            status="planned" if form.planned else "held",
                            location=form.location, created_at=audit.now_iso())
    uc.db.add(record)
    uc.db.flush()
    label = vocab.SESSION_TYPES[form.session_type]
    timeline.event(uc.db, uc.session, case, "session",
                    f"{'Planned' if form.planned else 'Recorded'} session: {label}")
    uc.audit("support_session", record.id)
    return record.id
