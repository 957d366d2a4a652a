"""What a likely match does to a case: the connection check holds the client's open case for
a manager, before any assessment or support; a manager confirming the match raises a
concern on it (the perpetrator workflow runs from there), and a manager dismissing it lets
the case resume where it was.

Every change of stage is a move in the lifecycle table (policy/lifecycle.py), made through
services/access.py. The worker on the case is told only that a manager needs to check the
referral: not the other case, not the name, not why.
"""

from __future__ import annotations

from sqlalchemy import select, update

from ..models import Case, ConnectionFlag, SupportSession
from ..policy import access as rule, lifecycle
from . import access, audit, casefiles

HOLD_MOVE = "hold for a manager to check a likely match"
CONFIRM_MOVE = "confirm the likely match: raise a concern"
DISMISS_MOVE = "dismiss the likely match: the case resumes"
RAISE_MOVE = "raise a concern (potential perpetrator)"

# The concern a confirmed match raises, as the people on the case read it: where the
# match came from stays with the management team.
CONCERN_INFORMATION = ("A manager checked this referral and confirmed that the client is "
                       "likely to be a person the service must not support without review.")
CONCERN_SOURCE = "The service's own records, checked by a manager (the details are held by " \
                 "the management team)."


def _open_cases(db, client_id: int, stages) -> list[Case]:
    # The stage is tested here, not in the query: see hold_clients.
    return [c for c in db.scalars(select(Case).where(Case.client_id == client_id)
                                  .order_by(Case.id)) if c.status in stages]


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
            casefiles.event(db, session, case, "status",
                            f"{count} planned session{'s' if count != 1 else ''} "
                            "suspended until a manager has checked the referral.",
                            by=casefiles.NOBODY)


def _still_held_by_another(db, flag: ConnectionFlag, client_id: int) -> bool:
    """Another open flag holds this client (its case waits for that one too)."""
    from .connections import HOLD, OPEN, flag_details
    others = db.scalars(select(ConnectionFlag).where(ConnectionFlag.status == OPEN,
                                                     ConnectionFlag.id != flag.id))
    return any(flag_details(f)["rule"] == HOLD and flag_details(f)["held"] == client_id
               for f in others)


def after_confirm(db, session, flag: ConnectionFlag, held: int | None) -> list[int]:
    """A manager confirmed a match that holds ``held``'s cases: a concern is raised on each
    open or held case, by that manager, so another manager must decide (policy/access.py).
    Returns the new concerns' ids."""
    from .concerns import ConcernForm, insert_concern
    if held is None:
        return []
    form = ConcernForm(information=CONCERN_INFORMATION, source=CONCERN_SOURCE,
                       risk_level="not_assessed")
    raised = []
    for case in _open_cases(db, held, lifecycle.OPEN_STAGES + (lifecycle.CONNECTION_CHECK,)):
        access.check(db, session, "connections.confirm", case)
        move = CONFIRM_MOVE if case.status == lifecycle.CONNECTION_CHECK else RAISE_MOVE
        raised.append(insert_concern(db, session, case, form, move=move).id)
    return raised


def after_dismiss(db, session, flag: ConnectionFlag, held: int | None) -> list[int]:
    """A manager dismissed a match that held ``held``'s cases: each resumes where it was,
    unless another likely match still holds it. Returns the case ids resumed."""
    if held is None or _still_held_by_another(db, flag, held):
        return []
    resumed = []
    for case in _open_cases(db, held, (lifecycle.CONNECTION_CHECK,)):
        access.check(db, session, "connections.dismiss", case)
        access.move(db, session, case, DISMISS_MOVE, resume_to=case.status_before_hold)
        case.status_before_hold = None
        resumed.append(case.id)
    return resumed
