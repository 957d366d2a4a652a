"""Raising a concern that a client may be a perpetrator, the explanation given to them,
the line-manager discussion countersigned on the same PC, and the concern's record.

The case goes on hold the moment a concern is raised, and any sessions planned for it are
suspended. The concern's details are for the people on the case only (policy/access.py).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update

from .. import errors
from ..models import (Account, Assessment, Case, CaseEvent, Concern, Decision, Explanation,
                      LineManagerDiscussion, OutcomeCommunication, SupportSession)
from ..policy import access as rule, lifecycle, perpetrators as policy, referral as vocab
from ..policy import signin as signin_policy, validation
from ..policy.roles import MANAGER
from ..store.signin_state import SigninState
from . import access, audit, timeline
from .connections import check as connection_check
from .use_case import use_case

ON_HOLD, AWAITING_REVIEW = lifecycle.CONCERN_ON_HOLD, lifecycle.CONCERN_AWAITING_REVIEW
OUTCOME_TO_COMMUNICATE = lifecycle.CONCERN_OUTCOME_TO_COMMUNICATE
COMPLETED = lifecycle.CONCERN_COMPLETED


@dataclass
class ConcernForm:
    information: str = ""        # what led to it
    source: str = ""             # where it came from
    initial_risk_notes: str = ""
    risk_level: str = ""         # chosen by the worker: low, medium, high or not assessed


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


def concern_problems(form: ConcernForm) -> dict[str, str]:
    check = validation.Check("concern")
    check.text("information", form.information, required="Say what information led to this.")
    check.text("source", form.source, required="Say where the information came from.")
    check.text("initial_risk_notes", form.initial_risk_notes)
    check.choice("risk_level", form.risk_level, policy.RISK_LEVELS,
                 "Choose the risk level as it seems now (or 'not assessed').")
    return check.problems


def open_concern(db, case_id: int) -> Concern | None:
    return db.scalar(select(Concern).where(Concern.case_id == case_id,
                                           Concern.status != COMPLETED))


def insert_concern(db, session, case: Case, form: ConcernForm, *,
                   move: str = "raise a concern (potential perpetrator)") -> Concern:
    """Record the concern and put the case on hold at once (shared with the assessment):
    sessions planned for the case are suspended. A case held by the connection check keeps
    the stage it was at before the hold, to resume to."""
    stage = case.status_before_hold if case.status == lifecycle.CONNECTION_CHECK \
        else case.status
    concern = Concern(case_id=case.id, raised_by=session.account_id, raised_at=audit.now_iso(),
                      stage=stage, information=form.information, source=form.source,
                      initial_risk_notes=form.initial_risk_notes,
                      risk_level=form.risk_level, status=ON_HOLD)
    db.add(concern)
    db.flush()
    access.move(db, session, case, move, concern=concern)
    case.status_before_hold = stage
    case.needs_management_attention = True
    timeline.event(db, session, case, "concern",
                    "Concern raised: potential perpetrator. Case paused.")
    suspend_planned_sessions(db, session, case, concern)
    audit.record(db, session.account_id, "concerns.raise", "concern", concern.id)
    # Compare the client with everyone else now they are a potential perpetrator (flags
    # go to managers only).
    connection_check.after_concern(db, session, case)
    return concern


def suspend_planned_sessions(db, session, case: Case, concern: Concern) -> int:
    """Sessions planned for a case that is paused are suspended: they stay on record,
    marked with the concern, and are never held while it is paused."""
    suspended = db.execute(
        update(SupportSession)
        .where(SupportSession.case_id == case.id, SupportSession.planned.is_(True),
               SupportSession.suspended_at.is_(None))
        .values(suspended_at=audit.now_iso(), suspended_for_concern_id=concern.id)
    ).rowcount
    if suspended:
        timeline.event(db, session, case, "concern",
                        f"{suspended} planned session{'s' if suspended != 1 else ''} "
                        "suspended while the case is paused.")
    return suspended


@use_case("concerns.raise")
def raise_concern(uc, case_id: int, form: ConcernForm) -> int:
    """A worker records that the client has been identified as a potential perpetrator.
    Sessions planned for the case are suspended (listed in the concern's record)."""
    problems = concern_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "concerns.raise", case_id)
    return insert_concern(uc.db, uc.session, case, form).id


def _ready_for_review_move(db, concern: Concern, step: str) -> str:
    """The lifecycle move for ``step`` ('explanation' or 'countersign'): it sends the case to
    the manager queue when the other of the two is already recorded."""
    if step == "explanation":
        done = db.scalar(select(LineManagerDiscussion.id).where(
            LineManagerDiscussion.concern_id == concern.id).limit(1)) is not None
        return ("record the explanation (discussion already countersigned)" if done else
                "record the explanation (discussion not yet countersigned)")
    done = db.scalar(select(Explanation.id).where(
        Explanation.concern_id == concern.id).limit(1)) is not None
    return ("countersign the line-manager discussion (explanation already recorded)" if done
            else "countersign the line-manager discussion (explanation not yet recorded)")


def explanation_problems(form: ExplanationForm, raised_at: str | None = None
                         ) -> dict[str, str]:
    check = validation.Check("explanation")
    check.problems.update(policy.explanation_problems(
        form.points if isinstance(form.points, dict) else {},
        {k: v for k, v in (form.reasons if isinstance(form.reasons, dict) else {}).items()
         if isinstance(v, str) and validation.visible(v)}))
    check.moment("explained_on", form.explained_on, required="Say when you explained this.",
                 not_before_day=raised_at,
                 before_message="That is before the concern was raised.")
    check.choice("method", form.method, policy.EXPLANATION_METHODS,
                 "Say how you explained it (in person, phone or video).")
    for name, reason in (form.reasons.items() if isinstance(form.reasons, dict) else ()):
        check.text("reason", reason, name=f"{name}_reason")
    return check.problems


@use_case("concerns.record_explanation")
def record_explanation(uc, concern_id: int, form: ExplanationForm) -> int:
    """The four points of the policy: each explained, or the reason it was not."""
    problems = explanation_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    concern, case = access.concern(uc.db, uc.session, "concerns.record_explanation", concern_id)
    if uc.db.scalar(select(Explanation.id).where(Explanation.concern_id == concern.id)
                 .limit(1)) is not None:
        raise errors.MoveRefused("The explanation has already been recorded.")
    problems = explanation_problems(form, concern.raised_at)
    if problems:
        raise errors.ValidationError(problems)
    values = {}
    for name, _ in policy.FOUR_POINTS:
        values[name] = bool(form.points.get(name))
        values[f"{name}_reason"] = "" if values[name] else form.reasons.get(name, "")
    record = Explanation(concern_id=concern.id, recorded_by=uc.session.account_id,
                         recorded_at=audit.now_iso(),
                         explained_on=validation.as_local(form.explained_on)
                         .isoformat(timespec="minutes"),
                         method=form.method, **values)
    uc.db.add(record)
    uc.db.flush()
    timeline.event(uc.db, uc.session, case, "explanation", "Explanation to the client recorded")
    uc.audit("concern", concern.id)
    access.move(uc.db, uc.session, case, _ready_for_review_move(uc.db, concern, "explanation"),
                concern=concern)
    return record.id


def _line_manager(db, concern: Concern) -> Account | None:
    """The line manager of the worker who raised the concern, when they can countersign:
    active and holding the manager role now."""
    worker = db.get(Account, concern.raised_by)
    manager = db.get(Account, worker.line_manager_id) if worker and worker.line_manager_id \
        else None
    if manager is None or not manager.active or MANAGER not in {r.role for r in manager.roles}:
        return None
    return manager


@use_case("concerns.line_manager")
def line_manager(uc, concern_id: int) -> tuple[int, str] | None:
    """Who must countersign: the line manager of the worker who raised the concern."""
    concern, _ = access.concern(uc.db, uc.session, "concerns.line_manager", concern_id)
    manager = _line_manager(uc.db, concern)
    return (manager.id, manager.display_name) if manager else None


NO_LINE_MANAGER = ("The worker who raised this concern has no line manager who can "
                   "countersign (a line manager must be an active manager). Ask an "
                   "administrator to set one.")


def discussion_problems(form: DiscussionForm) -> dict[str, str]:
    check = validation.Check("discussion")
    check.text("risks", form.risks, required="Record the risks you discussed.")
    check.text("needs", form.needs, required="Record the needs you discussed.")
    check.text("safeguarding_action", form.safeguarding_action)
    return check.problems


@use_case("concerns.countersign_discussion")
def countersign_discussion(uc, concern_id: int, manager_password: str,
                           form: DiscussionForm, *, now: float | None = None) -> int:
    """The line manager types their own password on this PC to countersign the record
    of the discussion of risk and needs. Only then can the case reach the manager queue.

    Wrong passwords count exactly as at sign-in (per account, kept in signin.json, with
    the same back-off), so the countersignature cannot be used to guess a password."""
    problems = discussion_problems(form)
    if not isinstance(manager_password, str):
        problems["manager_password"] = validation.NOT_TEXT
    if problems:
        raise errors.ValidationError(problems)
    now = time.time() if now is None else now
    concern, case = access.concern(uc.db, uc.session, "concerns.countersign_discussion",
                                   concern_id)
    if uc.db.scalar(select(LineManagerDiscussion.id).where(
            LineManagerDiscussion.concern_id == concern.id).limit(1)) is not None:
        raise errors.MoveRefused("The discussion has already been countersigned.")
    manager = _line_manager(uc.db, concern)
    if manager is None:
        raise errors.PermissionDenied(NO_LINE_MANAGER)
    countersigner = access.actor(uc.session, manager.id, {r.role for r in manager.roles})
    move = _ready_for_review_move(uc.db, concern, "countersign")
    access.refuse(access.rule.move_refusal(move, countersigner, access.facts(uc.db, case,
                                                                              concern)))
    state = SigninState.load(uc.session.workspace.folder)
    wait = signin_policy.seconds_left(*state.count(manager.id), now)
    if wait:
        uc.audit("concern", concern.id, outcome="throttled")
        uc.db.commit()
        raise errors.TooManyAttempts(wait)
    # A real check of the manager's password; when right, their own signing key signs
    # this transaction's entries in their name (the countersign below).
    if not uc.session.workspace.countersigner(uc.db, manager.id, manager_password):
        state.count_failure(manager.id, now)
        uc.audit("concern", concern.id, outcome="failed")
        uc.db.commit()
        raise errors.ValidationError({"manager_password": f"That is not "
                                      f"{manager.display_name}'s password."})
    state.reset(manager.id)
    record = LineManagerDiscussion(concern_id=concern.id, worker_id=concern.raised_by,
                                   manager_id=manager.id, countersigned_at=audit.now_iso(),
                                   risks=form.risks, needs=form.needs,
                                   safeguarding_action=form.safeguarding_action)
    uc.db.add(record)
    uc.db.flush()
    timeline.event(uc.db, uc.session, case, "discussion",
                    "Line-manager discussion countersigned", by=manager.id)
    audit.record(uc.db, manager.id, "concerns.countersign_discussion", "concern", concern.id)
    access.move(uc.db, uc.session, case, move, concern=concern, by=countersigner)
    return record.id


# -- the concern's record, for the people on the case ---------------------------------------

@dataclass(frozen=True)
class ConcernRecord:
    """Everything about one concern, for the worker on the case and managers."""

    id: int
    case_id: int
    reference: str
    status: str
    stage: str
    raised_by: str
    raised_by_id: int
    raised_at: str
    information: str
    source: str
    initial_risk_notes: str
    risk_level: str
    external_referral: bool
    explanation: dict | None
    discussion: dict | None
    decisions: tuple[dict, ...]
    communication: dict | None
    assessment_needs: str
    assessment_safety_notes: str
    history: tuple[tuple[str, str, str], ...]     # (when, who, what)
    referrer_contact_consent: bool = False         # as recorded with the referral
    stage_label: str = ""                          # where the case stands, in words
    suspended_sessions: tuple[tuple[str, str], ...] = ()   # (date, type) suspended by it
    # What the person looking may do next: operation -> None (they may) or why not.
    can: dict = field(default_factory=dict)


def _row_dict(obj, skip=("id",)) -> dict:
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns if c.name not in skip}


def concern_record(db, concern: Concern, case: Case, session=None) -> ConcernRecord:
    names = dict(db.execute(select(Account.id, Account.display_name)).all())
    explanation = db.scalar(select(Explanation).where(Explanation.concern_id == concern.id))
    discussion = db.scalar(select(LineManagerDiscussion)
                           .where(LineManagerDiscussion.concern_id == concern.id))
    decisions = db.scalars(select(Decision).where(Decision.concern_id == concern.id)
                           .order_by(Decision.id)).all()
    communication = db.scalar(select(OutcomeCommunication)
                              .where(OutcomeCommunication.concern_id == concern.id))
    assessment = db.scalar(select(Assessment).where(Assessment.case_id == case.id)
                           .order_by(Assessment.id.desc()).limit(1))
    events = db.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                        .order_by(CaseEvent.id)).all()
    discussion_view = None
    if discussion is not None:
        discussion_view = _row_dict(discussion) | {"manager_name": names.get(discussion.manager_id, "")}
    return ConcernRecord(
        id=concern.id, case_id=case.id, reference=case.reference, status=concern.status,
        stage=lifecycle.LABELS.get(concern.stage, concern.stage),
        raised_by=names.get(concern.raised_by, ""), raised_by_id=concern.raised_by,
        raised_at=concern.raised_at, information=concern.information, source=concern.source,
        initial_risk_notes=concern.initial_risk_notes, risk_level=concern.risk_level,
        external_referral=case.external_referral,
        explanation=_row_dict(explanation) if explanation else None,
        discussion=discussion_view,
        decisions=tuple(_row_dict(d, skip=()) | {"steps": json.loads(d.steps_json),
                                                 "decided_by_name": names.get(d.decided_by, ""),
                                                 "communicator_name":
                                                     names.get(d.communicator_id, "")}
                        for d in decisions),
        communication=_row_dict(communication) if communication else None,
        assessment_needs=assessment.needs if assessment else "",
        assessment_safety_notes=assessment.safety_notes if assessment else "",
        history=tuple((e.at, names.get(e.account_id, ""), e.summary) for e in events),
        referrer_contact_consent=bool(case.external_referral and case.referrer_contact_consent),
        stage_label=lifecycle.WORKFLOW_LABELS[case.status],
        suspended_sessions=tuple(
            (s.session_date.isoformat(), vocab.SESSION_TYPES.get(s.session_type, ""))
            for s in db.scalars(select(SupportSession).where(
                SupportSession.suspended_for_concern_id == concern.id)
                .order_by(SupportSession.session_date))),
        can=_what_may_be_done(db, session, concern, case))


WORKFLOW_OPERATIONS = ("concerns.record_explanation", "concerns.countersign_discussion",
                       "reviews.decide", "reviews.correct", "outcomes.record_communication",
                       "letters.finalise_outcome")


def _what_may_be_done(db, session, concern: Concern, case: Case) -> dict[str, str | None]:
    """For each step of the workflow: None when this person may take it now, else why not
    (from the access rule, so the screens never hold a rule of their own)."""
    if session is None:
        return {}
    found = access.facts(db, case, concern)
    me = access.actor(session)
    result = {}
    for name in WORKFLOW_OPERATIONS:
        refusal = rule.refusal(name, me, found)
        result[name] = refusal.reason if refusal else None
    if concern.status == COMPLETED and result["outcomes.record_communication"] is None:
        result["outcomes.record_communication"] = "The outcome has been shared."
    return result


@use_case("concerns.view")
def view(uc, concern_id: int) -> ConcernRecord:
    """The concern's details: the people on the case only (policy/access.py). Audited."""
    concern, case = access.concern(uc.db, uc.session, "concerns.view", concern_id)
    record = concern_record(uc.db, concern, case, uc.session)
    uc.audit("concern", concern.id)
    return record


@use_case("concerns.for_case")
def for_case(uc, case_id: int) -> int | None:
    """The id of the newest concern on a case the person may see the concern of, or None."""
    case = access.case(uc.db, uc.session, "cases.open", case_id)
    concern = access.concern_of(uc.db, case)
    if concern is None:
        return None
    access.check(uc.db, uc.session, "concerns.for_case", case, concern)
    return concern.id
