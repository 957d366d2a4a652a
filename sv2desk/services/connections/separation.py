"""Keeping linked people apart: once a manager confirms a link between a client and a person
another client named, the two clients are never booked on the same day, at any place, and
one worker does not work with both, unless a manager overrides that with a reason
(recorded and audited; every refusal is audited). Whoever is refused is told only that a
confidential restriction applies and to speak to a manager.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from ... import errors
from ...models import Case, ConnectionFlag, ConnectionOverride, SupportSession
from ...policy import lifecycle, permissions, referral as vocab, validation
from .. import audit
from .check import CONFIRMED
from .index import CLIENT, POC

BOOKING_REFUSED = ("A confidential restriction applies to this booking, so it cannot be "
                   "made on this day. Please choose another day or speak to a manager.")
WORKER_REFUSED = ("A confidential restriction means this member of staff cannot work on "
                  "this case. Please speak to a manager.")
MANAGER_MAY_OVERRIDE = (" As a manager you can override it: give the reason, and it will "
                        "be recorded.")
OVERRIDE_LIMIT = vocab.NOTE_LIMIT


def separated_clients(db, flag: ConnectionFlag) -> tuple[int, int] | None:
    """The two clients a confirmed flag keeps apart (the client linked, and the client
    who named the person of concern), or None."""
    if {flag.left_kind, flag.right_kind} != {CLIENT, POC}:
        return None
    if flag.left_kind == CLIENT:
        linked, poc_case = flag.left_id, flag.right_case_id
    else:
        linked, poc_case = flag.right_id, flag.left_case_id
    named_by = db.scalar(select(Case.client_id).where(Case.id == poc_case))
    return linked, named_by


def kept_apart(db, client_id: int) -> dict[int, int]:
    """Other client id -> confirmed flag id, for every client kept apart from this one.

    A confirmed link between a client and a person of concern keeps that client apart
    from the client who named the person. A link between two persons of concern, or
    between two client records of one person, keeps no one apart."""
    own_cases = list(db.scalars(select(Case.id).where(Case.client_id == client_id)))
    flags = db.scalars(select(ConnectionFlag).where(
        ConnectionFlag.status == CONFIRMED,
        or_((ConnectionFlag.left_kind == CLIENT) & (ConnectionFlag.left_id == client_id),
            (ConnectionFlag.right_kind == CLIENT) & (ConnectionFlag.right_id == client_id),
            ConnectionFlag.left_case_id.in_(own_cases),
            ConnectionFlag.right_case_id.in_(own_cases)))).all()
    found: dict[int, int] = {}
    for flag in flags:
        pair = separated_clients(db, flag)
        if pair is not None and client_id in pair:
            other = pair[1] if pair[0] == client_id else pair[0]
            if other != client_id:
                found.setdefault(other, flag.id)
    return found


def open_case_ids(db, client_ids) -> list[int]:
    return list(db.scalars(select(Case.id).where(Case.client_id.in_(client_ids),
                                                 Case.status != lifecycle.CLOSED)))


def _works_with(db, worker_id: int, client_ids) -> bool:
    """The worker is assigned to, or has a session on, an open case of these clients."""
    case_ids = open_case_ids(db, client_ids)
    if not case_ids:
        return False
    if db.scalar(select(Case.id).where(Case.id.in_(case_ids),
                                       Case.assigned_worker_id == worker_id).limit(1)):
        return True
    return db.scalar(select(SupportSession.id).where(SupportSession.case_id.in_(case_ids),
                                                     SupportSession.worker_id == worker_id)
                     .limit(1)) is not None


def _refuse(session, message: str) -> None:
    """Refuse, saying only that a restriction applies (audited as denied by the operation,
    like every refusal)."""
    if permissions.sees_every_case(session.roles):
        message += MANAGER_MAY_OVERRIDE
    raise errors.RestrictionApplies(message)


def _override(db, session, case: Case, flag_ids, action: str, worker_id: int,
              reason: str) -> None:
    if not permissions.sees_every_case(session.roles):
        raise errors.PermissionDenied("Only a manager can override a confidential "
                                      "restriction.")
    check = validation.Check("assignment")
    check.text("override_reason", reason, required="Say why the restriction is overridden.")
    if check.problems:
        raise errors.ValidationError(check.problems)
    now = audit.now_iso()
    for flag_id in sorted(set(flag_ids)):
        record = ConnectionOverride(flag_id=flag_id, case_id=case.id, action=action,
                                    worker_id=worker_id, overridden_by=session.account_id,
                                    overridden_at=now, reason=reason)
        db.add(record)
        db.flush()
        audit.record(db, session.account_id, "connections.override", "connection_override",
                     record.id)


def check_worker(db, session, case: Case, worker_id: int | None, action: str,
                 override_reason: str = "") -> None:
    """Refuse a worker who works with someone this case's client is kept apart from,
    unless a manager gives a reason (recorded and audited)."""
    if worker_id is None:
        return
    apart = kept_apart(db, case.client_id)
    clashing = [flag_id for other, flag_id in apart.items()
                if _works_with(db, worker_id, [other])]
    if not clashing:
        return
    if not (isinstance(override_reason, str) and validation.visible(override_reason)):
        _refuse(session, WORKER_REFUSED)
    _override(db, session, case, clashing, action, worker_id, override_reason)


def check_booking(db, session, case: Case, on: date, location: str = "",
                  override_reason: str = "") -> None:
    """Refuse to book a session on a day when someone this case's client is kept apart
    from has a session, at any place (DESIGN.md: linked people are never booked on the
    same day; an unknown place, such as a phone session, counts as the same place), unless
    a manager gives a reason, which is recorded and audited. ``location`` is kept for the
    callers; the place no longer makes a booking safe."""
    apart = kept_apart(db, case.client_id)
    if not apart:
        return
    clashing = []
    for other, flag_id in apart.items():
        case_ids = open_case_ids(db, [other])
        if case_ids and db.scalar(select(SupportSession.id).where(
                SupportSession.case_id.in_(case_ids), SupportSession.session_date == on,
                SupportSession.suspended_at.is_(None),
                SupportSession.status.not_in(("cancelled", "moved"))).limit(1)) is not None:
            clashing.append(flag_id)
    if not clashing:
        return
    if not (isinstance(override_reason, str) and validation.visible(override_reason)):
        _refuse(session, BOOKING_REFUSED)
    _override(db, session, case, clashing, "booking", session.account_id, override_reason)

