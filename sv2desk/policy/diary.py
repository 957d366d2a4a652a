"""Support sessions in the diary: what can become of a booked session, and the rules for
booking one in a room and a worker's day.

A session booked ("planned") is then held, not attended, cancelled (by the client or by the
service, with the reason) or moved to another time (the old booking is kept, marked as
moved, pointing at the new one). A session planned before a concern was raised is
suspended: it stays in the diary of the people on the case, frees its room, and can only be
cancelled, or moved once the case can have support again (policy/lifecycle.py).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

PLANNED, HELD, DID_NOT_ATTEND, CANCELLED, MOVED = ("planned", "held", "did_not_attend",
                                                   "cancelled", "moved")
STATUSES = {
    PLANNED: "Booked",
    HELD: "Held",
    DID_NOT_ATTEND: "Did not attend",
    CANCELLED: "Cancelled",
    MOVED: "Moved to another time",
}
SUSPENDED_LABEL = "Suspended while the case is paused"

BY_CLIENT, BY_SERVICE = "client", "service"
CANCELLED_BY = {BY_CLIENT: "Cancelled by the client", BY_SERVICE: "Cancelled by us"}
CASE_CLOSED_REASON = "The case was closed."

# The working day the diary shows, and the longest a session may be.
DAY_STARTS, DAY_ENDS = time(8, 0), time(20, 0)
LONGEST_MINUTES = 600

NOT_PLANNED = ("Only a session that is still booked can be changed: this one has already "
               "been {what}.")
SUSPENDED = ("This session was suspended when a concern was raised on the case, so it "
             "cannot be held or marked as not attended. Cancel it, or move it to a new time "
             "once the case can have support again.")
NOT_YET = "This session is in the future: it can be marked once its day has come."
ROOM_TAKEN = ("{room} is already booked at that time. Choose another time or another room "
              "(the room's diary shows when it is free).")
WORKER_BUSY = ("{worker} already has a session at that time. Choose another time, or "
               "another member of staff.")
ROOM_RETIRED = "That room is no longer in use. Choose another room."


def end_of(start: time, minutes: int) -> time:
    moment = datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)
    return moment.time() if moment.date() == date(2000, 1, 1) else time(23, 59)


def overlaps(a_start: time | None, a_minutes: int, b_start: time | None,
             b_minutes: int) -> bool:
    """Two sessions on the same day overlap (one without a time set overlaps nothing)."""
    if a_start is None or b_start is None:
        return False
    a_end, b_end = end_of(a_start, max(1, a_minutes)), end_of(b_start, max(1, b_minutes))
    return a_start < b_end and b_start < a_end


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())
