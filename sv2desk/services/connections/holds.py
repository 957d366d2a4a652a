"""What a likely match does to a case: the connection check holds the client's open case for
a manager, before any assessment or support, and suspends its planned sessions. (A manager
confirming the match raises a concern on it, and dismissing it lets the case resume where
it was: flags.py, with the decisions.)

Every change of stage is a move in the lifecycle table (policy/lifecycle.py), made through
services/access.py. The worker on the case is told only that a manager needs to check the
referral: not the other case, not the name, not why.
"""

from __future__ import annotations

from sqlalchemy import select, update

from ...models import Case, SupportSession
from ...policy import access as rule, lifecycle
from .. import access, audit, timeline

HOLD_MOVE = "hold for a manager to check a likely match"


def hold_clients(db, session, client_ids) -> list[int]:
    """Hold every open case of these clients for a manager's check. Returns the case ids
    held now (a case already paused or closed is left as it is). A few queries however
    many clients: their open cases in one, their planned sessions suspended in one, one
    audit write for all the holds."""
    wanted = list(dict.fromkeys(c for c in client_ids if c is not None))
    if not wanted:
        return []
    # By client (their index), the stage tested here: with the stages in the query SQLite
    # read the index of open cases instead (0.3 s at 100,000 clients).
    cases = [c for c in db.scalars(select(Case).where(Case.client_id.in_(wanted)))
             if c.status in lifecycle.OPEN_STAGES]
    order = {client_id: n for n, client_id in enumerate(wanted)}
    cases.sort(key=lambda c: (order[c.client_id], c.id))
    for case in cases:
        before = case.status
        access.move(db, session, case, HOLD_MOVE, by=rule.CONNECTION_CHECK)
        case.status_before_hold = before
    _suspend_planned_sessions(db, session, cases)
    held = [case.id for case in cases]
    if held:
        audit.record_many(db, session.account_id, "connections.hold", "case", held)
    return held


def _suspend_planned_sessions(db, session, cases: list[Case]) -> None:
    """Planned sessions are never held while the case waits for the check."""
    if not cases:
        return
    suspended: dict[int, int] = {}
    for (case_id,) in db.execute(
            update(SupportSession)
            .where(SupportSession.case_id.in_([c.id for c in cases]),
                   SupportSession.planned.is_(True), SupportSession.suspended_at.is_(None))
            .values(suspended_at=audit.now_iso())
            .returning(SupportSession.case_id)):
        suspended[case_id] = suspended.get(case_id, 0) + 1
    for case in cases:
        count = suspended.get(case.id, 0)
        if count:
            timeline.event(db, session, case, "status",
                            f"{count} planned session{'s' if count != 1 else ''} "
                            "suspended until a manager has checked the referral.",
                            by=timeline.NOBODY)
