"""The one service helper every case operation calls: it reads what the access rule needs
(policy/access.py), refuses with the rule's plain reason, and moves a case through the
lifecycle table (policy/lifecycle.py) and nowhere else.

A refusal raises PermissionDenied (or a subclass); the use-case envelope (use_case.py)
writes the "denied" audit entry for it.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, func, or_, select

from .. import errors
from ..models import Account, Case, Concern, Decision
from ..policy import access as rule, lifecycle
from ..policy.roles import MANAGER
from . import audit, timeline, closing


def actor(session, account_id: int | None = None, roles=None) -> rule.Actor:
    if account_id is None:
        return rule.Actor(session.account_id, frozenset(session.roles))
    return rule.Actor(account_id, frozenset(roles or ()))


def concern_of(db, case: Case, concern: Concern | None = None) -> Concern | None:
    """The concern an operation on the case is about: the one given, else the newest."""
    if concern is not None:
        return concern
    return db.scalar(select(Concern).where(Concern.case_id == case.id)
                     .order_by(Concern.id.desc()).limit(1))


def latest_decision(db, concern_id: int) -> Decision | None:
    return db.scalar(select(Decision).where(Decision.concern_id == concern_id)
                     .order_by(Decision.id.desc()).limit(1))


def _on_server(db) -> bool:
    return db.get_bind().dialect.name == "postgresql"


def raisers_of(db, case_id: int) -> frozenset[int]:
    """Who raised the case's concerns (what the rule needs even when it is refusing). On
    the office server the concern rows themselves are hidden by row-level security from
    anyone not on the case, so the rule reads the ids through the server's own function."""
    if _on_server(db):
        return frozenset(db.scalars(select(func.sv2desk_concern_raisers(case_id))).all())
    return frozenset(db.scalars(select(Concern.raised_by)
                                .where(Concern.case_id == case_id)).all())


def facts(db, case: Case, concern: Concern | None = None) -> rule.CaseFacts:
    raisers = raisers_of(db, case.id)
    concern = concern_of(db, case, concern) if raisers else None
    line_manager = communicator = None
    if concern is not None:
        line_manager = db.scalar(select(Account.line_manager_id)
                                 .where(Account.id == concern.raised_by))
        decision = latest_decision(db, concern.id)
        communicator = decision.communicator_id if decision else None
    return rule.CaseFacts(case.status, case.assigned_worker_id, raisers,
                          concern.raised_by if concern else None, line_manager, communicator)


def refuse(refusal: rule.Refusal | None) -> None:
    """Raise the error for a refusal of the access rule or the lifecycle table."""
    if refusal is None:
        return
    if refusal.kind == rule.NOT_VISIBLE:
        raise errors.NotYours()
    if refusal.kind == rule.NOT_NOW:
        raise errors.MoveRefused(refusal.reason)
    raise errors.PermissionDenied(refusal.reason)


def check(db, session, operation: str, case: Case, concern: Concern | None = None,
          ) -> rule.CaseFacts:
    """Refuse ``operation`` on ``case`` unless the access rule allows it now."""
    found = facts(db, case, concern)
    refuse(rule.refusal(operation, actor(session), found))
    return found


def case(db, session, operation: str, case_id) -> Case:
    """The case, when the person may make ``operation`` on it now."""
    found = db.get(Case, case_id) if isinstance(case_id, int) else None
    if found is None:
        raise errors.NotYours()
    check(db, session, operation, found)
    return found


def concern(db, session, operation: str, concern_id) -> tuple[Concern, Case]:
    """The concern and its case, when the person may make ``operation`` on it now."""
    found = db.get(Concern, concern_id) if isinstance(concern_id, int) else None
    if found is None:
        raise errors.NotYours()
    on = db.get(Case, found.case_id)
    check(db, session, operation, on, found)
    return found, on


def sees_concern(db, session, case: Case) -> bool:
    return rule.sees_concern(actor(session), facts(db, case))


def stage_label(db, session, case: Case) -> str:
    return rule.stage_label(case.status, actor(session), facts(db, case))


def visible_cases(session, query):
    """``query`` (over Case) narrowed to the cases the person may see: the same rule as
    ``sees_case`` in policy/access.py, written as SQL so lists and counts never hold a case
    the person could not open."""
    if MANAGER in session.roles:
        return query
    me = session.account_id
    any_concern = (func.sv2desk_had_concern(Case.id)
                   if getattr(session.workspace, "kind", "file") == "server"
                   else exists().where(Concern.case_id == Case.id))
    raised = exists().where(and_(Concern.case_id == Case.id, Concern.raised_by == me))
    return query.where(or_(Case.assigned_worker_id == me, raised,
                           and_(Case.assigned_worker_id.is_(None), ~any_concern)))


def move(db, session, case: Case, move: str, *, concern: Concern | None = None,
         by: rule.Actor | None = None, resume_to: str | None = None) -> str:
    """Make a lifecycle move: refused unless the table has it from this stage and ``by``
    (default: the signed-in person) is who may make it. Moves the concern with it, and
    writes the timeline entry naming who made it. Returns the case's new stage."""
    mover = by or actor(session)
    found = facts(db, case, concern)
    refuse(rule.move_refusal(move, mover, found))
    step = lifecycle.MOVES_BY_NAME[move]
    before = case.status
    target = lifecycle.destination(before, move, resume_to)
    if step.concern_to is not None:
        target_concern = concern_of(db, case, concern)
        target_concern.status = step.concern_to
        if step.concern_to == lifecycle.CONCERN_COMPLETED:
            target_concern.completed_at = audit.now_iso()
        elif step.concern_to == lifecycle.CONCERN_OUTCOME_TO_COMMUNICATE:
            target_concern.completed_at = None
    if target == before:
        return before
    case.status = target
    case.updated_at = audit.now_iso()
    if target == lifecycle.CLOSED:
        case.closed_at = case.updated_at   # the retention period runs from here
        # A closed case waits for nothing and has nothing booked.
        closing.on_case_closed(db, session, case)
    else:
        case.closed_at = None
        case.closed_reason = None if before == lifecycle.CLOSED else case.closed_reason
    kind = "concern" if before in lifecycle.PAUSED or target in lifecycle.PAUSED else "status"
    timeline.event(db, session, case, kind, f"{lifecycle.WORKFLOW_LABELS[before]} → "
                                             f"{lifecycle.WORKFLOW_LABELS[target]}",
                    by=timeline.NOBODY if rule.CONNECTION_CHECK_ROLE in mover.roles
                    else mover.account_id)
    return target
