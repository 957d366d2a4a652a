"""Raising a concern that a client may be a perpetrator, the explanation given to them,
and the line-manager discussion countersigned on the same PC.

The case goes on hold the moment a concern is raised. Concern details are visible to
the worker on the case and to managers only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from .. import errors
from ..models import Account, Case, Concern, Explanation, LineManagerDiscussion
from ..policy import lifecycle, perpetrators as policy, permissions, referral as vocab
from . import audit, casefiles, connections
from .registry import operation

ON_HOLD, AWAITING_REVIEW = "on_hold", "awaiting_review"
OUTCOME_TO_COMMUNICATE, COMPLETED = "outcome_to_communicate", "completed"


@dataclass
class ConcernForm:
    information: str = ""        # what led to it
    source: str = ""             # where it came from
    initial_risk_notes: str = ""
    risk_level: str = ""


@dataclass
class ExplanationForm:
    explained_on: datetime | None = None
    method: str = ""
    points: dict[str, bool] = field(default_factory=dict)    # FOUR_POINTS name -> explained
    reasons: dict[str, str] = field(default_factory=dict)    # name -> why not explained


@dataclass
class DiscussionForm:
    risks: str = ""
    needs: str = ""
    safeguarding_action: str = ""


def _long(p: dict, form, names) -> None:
    for name in names:
        if len(getattr(form, name)) > vocab.NOTE_LIMIT:
            p[name] = f"This must be {vocab.NOTE_LIMIT:,} characters or fewer."


def on_the_case(session, case: Case, concern: Concern | None = None) -> bool:
    """The worker on the case (assigned, or who raised the concern) or any manager."""
    return (permissions.sees_every_case(session.roles)
            or case.assigned_worker_id == session.account_id
            or (concern is not None and concern.raised_by == session.account_id))


def get_concern(db, session, concern_id: int) -> tuple[Concern, Case]:
    concern = db.get(Concern, concern_id)
    if concern is None:
        raise errors.NotFound("That concern could not be found.")
    case = db.get(Case, concern.case_id)
    if not on_the_case(session, case, concern):
        raise errors.PermissionDenied("Only the worker on this case and managers can see the "
                                      "details. The case is paused.")
    return concern, case


def open_concern(db, case_id: int) -> Concern | None:
    return db.scalar(select(Concern).where(Concern.case_id == case_id,
                                           Concern.status != COMPLETED))


def insert_concern(db, session, case: Case, form: ConcernForm) -> Concern:
    """Record the concern and put the case on hold at once (shared with the assessment)."""
    if open_concern(db, case.id) is not None:
        raise errors.ActionRefused("A concern is already open on this case.")
    stage = case.status
    casefiles.move(db, session, case, lifecycle.ON_HOLD)
    case.status_before_hold = stage
    case.needs_management_attention = True
    concern = Concern(case_id=case.id, raised_by=session.account_id, raised_at=audit.now_iso(),
                      stage=stage, information=form.information, source=form.source,
                      initial_risk_notes=form.initial_risk_notes,
                      risk_level=form.risk_level or "medium", status=ON_HOLD)
    db.add(concern)
    db.flush()
    casefiles.event(db, session, case, "concern",
                    "Concern raised: potential perpetrator. Case paused.")
    audit.record(db, session.account_id, "concerns.raise", "concern", concern.id)
    # Compare the client with everyone else now they are a potential perpetrator (flags
    # go to managers only).
    connections.after_concern(db, session, case)
    return concern


@operation("concerns.raise")
def raise_concern(session, case_id: int, form: ConcernForm) -> int:
    """A worker records that the client has been identified as a potential perpetrator."""
    p = {}
    if not form.information.strip():
        p["information"] = "Say what information led to this."
    if not form.source.strip():
        p["source"] = "Say where the information came from."
    if form.risk_level not in policy.RISK_LEVELS:
        p["risk_level"] = "Choose the risk level as it seems now."
    _long(p, form, ("information", "source", "initial_risk_notes"))
    if p:
        raise errors.ValidationError(p)
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        if case.status not in lifecycle.OPEN_STAGES:
            raise errors.ActionRefused(lifecycle.refusal(case.status, lifecycle.ON_HOLD))
        return insert_concern(db, session, case, form).id


def _maybe_ready_for_review(db, session, concern: Concern, case: Case) -> None:
    has_explanation = db.scalar(select(Explanation.id).where(
        Explanation.concern_id == concern.id).limit(1)) is not None
    has_discussion = db.scalar(select(LineManagerDiscussion.id).where(
        LineManagerDiscussion.concern_id == concern.id).limit(1)) is not None
    if has_explanation and has_discussion and concern.status == ON_HOLD:
        concern.status = AWAITING_REVIEW
        casefiles.move(db, session, case, lifecycle.AWAITING_MANAGEMENT_REVIEW)


@operation("concerns.record_explanation")
def record_explanation(session, concern_id: int, form: ExplanationForm) -> int:
    """The four points of the policy: each explained, or the reason it was not."""
    p = policy.explanation_problems(form.points, form.reasons)
    if form.explained_on is None:
        p["explained_on"] = "Say when you explained this."
    elif form.explained_on > datetime.now():
        p["explained_on"] = "That is in the future."
    if form.method not in policy.EXPLANATION_METHODS:
        p["method"] = "Say how you explained it (in person, phone or video)."
    for name, reason in form.reasons.items():
        if len(reason) > vocab.NOTE_LIMIT:
            p[f"{name}_reason"] = "This reason is too long."
    if p:
        raise errors.ValidationError(p)
    with session.workspace.transaction() as db:
        concern, case = get_concern(db, session, concern_id)
        if concern.status != ON_HOLD:
            raise errors.ActionRefused("The explanation has already been recorded and the "
                                       "concern has moved on.")
        values = {}
        for name, _ in policy.FOUR_POINTS:
            values[name] = bool(form.points.get(name))
            values[f"{name}_reason"] = "" if values[name] else form.reasons.get(name, "")
        record = Explanation(concern_id=concern.id, recorded_by=session.account_id,
                             recorded_at=audit.now_iso(),
                             explained_on=form.explained_on.isoformat(timespec="minutes"),
                             method=form.method, **values)
        db.add(record)
        db.flush()
        casefiles.event(db, session, case, "explanation", "Explanation to the client recorded")
        audit.record(db, session.account_id, "concerns.record_explanation", "concern",
                     concern.id)
        _maybe_ready_for_review(db, session, concern, case)
        return record.id


@operation("concerns.line_manager")
def line_manager(session, concern_id: int) -> tuple[int, str] | None:
    """Who must countersign: the line manager of the worker who raised the concern."""
    with session.workspace.transaction() as db:
        concern, _ = get_concern(db, session, concern_id)
        worker = db.get(Account, concern.raised_by)
        manager = db.get(Account, worker.line_manager_id) if worker.line_manager_id else None
        if manager is None or not manager.active:
            return None
        return manager.id, manager.display_name


@operation("concerns.countersign_discussion")
def countersign_discussion(session, concern_id: int, manager_password: str,
                           form: DiscussionForm) -> int:
    """The line manager types their own password on this PC to countersign the record
    of the discussion of risk and needs. Only then can the case reach the manager queue."""
    p = {}
    if not form.risks.strip():
        p["risks"] = "Record the risks you discussed."
    if not form.needs.strip():
        p["needs"] = "Record the needs you discussed."
    _long(p, form, ("risks", "needs", "safeguarding_action"))
    if p:
        raise errors.ValidationError(p)
    with session.workspace.transaction() as db:
        concern, case = get_concern(db, session, concern_id)
        if concern.status != ON_HOLD:
            raise errors.ActionRefused("The discussion has already been countersigned.")
        worker = db.get(Account, concern.raised_by)
        manager = db.get(Account, worker.line_manager_id) if worker.line_manager_id else None
        if manager is None or not manager.active:
            raise errors.ActionRefused("The worker who raised this concern has no line manager "
                                       "set. Ask an administrator to set one.")
        # A real check of the manager's password; when right, their own signing key signs
        # this transaction's entries in their name (the countersign below).
        if not session.workspace.countersigner(db, manager.id, manager_password):
            audit.record(db, session.account_id, "concerns.countersign_discussion", "concern",
                         concern.id, outcome="failed")
            db.commit()
            raise errors.ValidationError({"manager_password": f"That is not "
                                          f"{manager.display_name}'s password."})
        record = LineManagerDiscussion(concern_id=concern.id, worker_id=worker.id,
                                       manager_id=manager.id, countersigned_at=audit.now_iso(),
                                       risks=form.risks, needs=form.needs,
                                       safeguarding_action=form.safeguarding_action)
        db.add(record)
        db.flush()
        casefiles.event(db, session, case, "discussion",
                        "Line-manager discussion countersigned")
        audit.record(db, manager.id, "concerns.countersign_discussion", "concern", concern.id)
        _maybe_ready_for_review(db, session, concern, case)
        return record.id
