"""Support sessions: recorded and planned. Every "offer or record support" action goes
through one policy check, ``lifecycle.support_refusal``, which the perpetrator workflow
relies on to pause support."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import errors
from ..models import Account, SupportSession
from ..policy import lifecycle, referral as vocab
from . import audit, casefiles, connections
from .registry import operation


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


LOCATION_LIMIT = 200


def check(form: SessionForm, today: date | None = None) -> dict[str, str]:
    today = today or date.today()
    p = {}
    if form.session_date is None:
        p["session_date"] = "Enter the date of the session."
    elif form.planned and form.session_date < today:
        p["session_date"] = "A planned session must be today or later."
    elif not form.planned and form.session_date > today:
        p["session_date"] = "A session that happened cannot be in the future (plan it instead)."
    if form.session_type not in vocab.SESSION_TYPES:
        p["session_type"] = "Choose the type of session."
    if not 0 <= int(form.duration_minutes) <= 600:
        p["duration_minutes"] = "Give the length in minutes (up to 600)."
    if len(form.note) > vocab.NOTE_LIMIT:
        p["note"] = f"The note must be {vocab.NOTE_LIMIT:,} characters or fewer."
    if len(form.location) > LOCATION_LIMIT:
        p["location"] = f"The place must be {LOCATION_LIMIT} characters or fewer."
    return p


def ensure_support_allowed(case) -> None:
    """The single policy check before any support is offered, booked or recorded."""
    reason = lifecycle.support_refusal(case.status)
    if reason:
        raise errors.ActionRefused(reason)


@operation("support.record_session")
def record_session(session, case_id: int, form: SessionForm, *,
                   override_reason: str = "") -> int:
    """Record a session that happened, or plan one. A planned session is refused on the
    day and at the place of a session of someone the client is kept apart from; either
    kind is refused with a worker who works with that person unless a manager overrides
    with a reason (services/connections.py). The refusal says only that a confidential
    restriction applies."""
    problems = check(form)
    if problems:
        raise errors.ValidationError(problems)
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        ensure_support_allowed(case)
        worker_id = form.worker_id or session.account_id
        worker = db.get(Account, worker_id)
        if worker is None or not worker.active:
            raise errors.ValidationError({"worker": "Choose an active member of staff."})
        if form.planned:
            connections.check_booking(db, session, case, form.session_date, form.location)
        connections.check_worker(db, session, case, worker_id, "session", override_reason)
        record = SupportSession(case_id=case.id, session_date=form.session_date,
                                session_type=form.session_type, worker_id=worker_id,
                                duration_minutes=int(form.duration_minutes),
                                planned=form.planned, note=form.note, location=form.location,
                                created_at=audit.now_iso())
        db.add(record)
        db.flush()
        label = vocab.SESSION_TYPES[form.session_type]
        casefiles.event(db, session, case, "session",
                        f"{'Planned' if form.planned else 'Recorded'} session: {label}")
        if not form.planned and case.status == lifecycle.AWAITING_SUPPORT:
            casefiles.move(db, session, case, lifecycle.IN_SUPPORT)
        audit.record(db, session.account_id, "support.record_session", "support_session",
                     record.id)
        return record.id
