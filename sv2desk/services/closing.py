"""What a case closing ends, called by access.move as the case closes: its booked sessions are
cancelled by the service and it leaves the waiting list. Also how a booking's outcome and a
waiting-list entry's removal are written, for the diary's and the waiting list's own use cases
(diary.py, waiting_list.py) as for these.
"""

from __future__ import annotations

from sqlalchemy import select

from ..models import Case, SupportSession, WaitingListEntry
from ..policy import diary as diary_policy
from . import audit


def settle_booking(booked: SupportSession, session, status: str, note: str = "",
                   cancelled_by: str | None = None) -> None:
    booked.status = status
    booked.planned = False
    booked.cancelled_by = cancelled_by
    booked.outcome_note = note
    booked.outcome_recorded_by = session.account_id
    booked.outcome_recorded_at = audit.now_iso()


def leave_waiting_list(session, entry: WaitingListEntry, reason: str, note: str = "") -> None:
    entry.open = False
    entry.removed_at = audit.now_iso()
    entry.removed_by = session.account_id
    entry.removed_reason = reason
    entry.removal_note = note


def on_case_closed(db, session, case: Case) -> tuple[int, int]:
    """A case that closes has its booked sessions cancelled by the service and leaves the
    waiting list. Returns (sessions cancelled, waiting-list entries closed)."""
    entries = db.scalars(select(WaitingListEntry).where(
        WaitingListEntry.case_id == case.id, WaitingListEntry.open.is_(True))).all()
    for entry in entries:
        leave_waiting_list(session, entry, "case_closed")
    booked = db.scalars(select(SupportSession).where(
        SupportSession.case_id == case.id,
        SupportSession.status == diary_policy.PLANNED)).all()
    for one in booked:
        settle_booking(one, session, diary_policy.CANCELLED, diary_policy.CASE_CLOSED_REASON,
                       diary_policy.BY_SERVICE)
    return len(booked), len(entries)
