"""The manager queue and the management decision, case by case.

"All risk and needs will then be reviewed on a case by case basis with a member of
the management team to decide next steps."
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import func, select

from .. import errors
from ..models import (Account, Assessment, Case, CaseEvent, Client, Concern, Decision,
                      Explanation, LineManagerDiscussion, OutcomeCommunication)
from ..policy import lifecycle, perpetrators as policy, referral as vocab
from . import audit, casefiles
from .concerns import AWAITING_REVIEW, OUTCOME_TO_COMMUNICATE, get_concern
from .registry import operation


@dataclass(frozen=True)
class QueueRow:
    concern_id: int
    case_id: int
    reference: str
    client_name: str
    waiting_days: int
    stage: str
    risk_level: str
    external_referral: bool
    raised_by: str


@dataclass
class DecisionForm:
    steps: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (status, note)
    outcome: str = ""
    safeguarding_authority: str = ""
    safeguarding_reported_on: date | None = None
    safeguarding_reference: str = ""
    safeguarding_consent: str = ""
    safeguarding_lawful_basis: str = ""
    referrer_contact_consent: bool = False
    victim_safety_note: str = ""
    communicator: str = "worker"
    communicator_id: int | None = None       # for "manager": which manager (default: me)
    communicator_reason: str = ""


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


def _days_since(iso: str, today: date) -> int:
    return (today - datetime.fromisoformat(iso).astimezone(timezone.utc).date()).days


def _row_dict(obj, skip=("id",)) -> dict:
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns if c.name not in skip}


def concern_record(db, concern: Concern, case: Case) -> ConcernRecord:
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
        history=tuple((e.at, names.get(e.account_id, ""), e.summary) for e in events))


@operation("concerns.view")
def view(session, concern_id: int) -> ConcernRecord:
    """The concern's details: the worker on the case and managers only. Audited."""
    with session.workspace.transaction() as db:
        concern, case = get_concern(db, session, concern_id)
        record = concern_record(db, concern, case)
        audit.record(db, session.account_id, "concerns.view", "concern", concern.id)
        return record


@operation("concerns.for_case")
def for_case(session, case_id: int) -> int | None:
    """The id of the newest concern on a case the person may see details of, or None."""
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        concern = db.scalar(select(Concern).where(Concern.case_id == case.id)
                            .order_by(Concern.id.desc()).limit(1))
        if concern is None:
            return None
        get_concern(db, session, concern.id)
        return concern.id


@operation("reviews.queue")
def queue(session, *, risk_level: str | None = None, external: bool | None = None,
          stage: str | None = None, today: date | None = None, limit: int | None = None,
          offset: int = 0) -> list[QueueRow]:
    """Every case awaiting management review, oldest first (a page of it with ``limit``)."""
    today = today or date.today()
    query = (select(Concern.id, Concern.raised_at, Concern.stage, Concern.risk_level,
                    Concern.raised_by, Case.id.label("case_id"), Case.reference,
                    Case.external_referral, Client.name, Client.preferred_name)
             .join(Case, Case.id == Concern.case_id)
             .join(Client, Client.id == Case.client_id)
             .join(LineManagerDiscussion, LineManagerDiscussion.concern_id == Concern.id)
             .where(Concern.status == AWAITING_REVIEW)
             .order_by(LineManagerDiscussion.countersigned_at, Concern.id))
    if risk_level:
        query = query.where(Concern.risk_level == risk_level)
    if external is not None:
        query = query.where(Case.external_referral.is_(external))
    if stage:
        query = query.where(Concern.stage == stage)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with session.workspace.transaction() as db:
        names = dict(db.execute(select(Account.id, Account.display_name)).all())
        rows = [QueueRow(r.id, r.case_id, r.reference, r.preferred_name or r.name,
                         _days_since(r.raised_at, today),
                         lifecycle.LABELS.get(r.stage, r.stage),
                         policy.RISK_LEVELS.get(r.risk_level, r.risk_level),
                         r.external_referral, names.get(r.raised_by, ""))
                for r in db.execute(query)]
        audit.record(db, session.account_id, "reviews.queue", "queue", None)
        return rows


@operation("reviews.count")
def count(session) -> int:
    """How many cases wait for review (the badge in the navigation)."""
    with session.workspace.transaction() as db:
        return db.scalar(select(func.count()).select_from(Concern)
                         .where(Concern.status == AWAITING_REVIEW))


def _decision_problems(form: DecisionForm, external: bool) -> dict[str, str]:
    p: dict[str, str] = {}
    for code in policy.NEXT_STEPS:
        if code == "contact_referrer" and not external:
            continue
        status, note = form.steps.get(code, ("", ""))
        if status not in policy.STEP_STATUSES:
            p[f"step_{code}"] = "Consider this step: mark it done or not needed."
        elif len(note) > vocab.NOTE_LIMIT:
            p[f"step_{code}"] = "The note is too long."
    if not external and form.steps.get("contact_referrer", ("",))[0] == "done":
        p["step_contact_referrer"] = "This was a self-referral: there is no referrer to contact."
    if form.steps.get("report_safeguarding", ("",))[0] == "done":
        if not form.safeguarding_authority.strip():
            p["safeguarding_authority"] = "Say which authority the concern was reported to."
        if form.safeguarding_reported_on is None:
            p["safeguarding_reported_on"] = "Give the date it was reported."
        if not form.safeguarding_reference.strip():
            p["safeguarding_reference"] = "Give the authority's reference number."
        if form.safeguarding_consent not in policy.SAFEGUARDING_CONSENT:
            p["safeguarding_consent"] = "Say whether it was shared with the person's consent."
        elif form.safeguarding_consent != "given" and not form.safeguarding_lawful_basis.strip():
            p["safeguarding_lawful_basis"] = ("Shared without consent: record the lawful basis "
                                              "(for example DPA 2018 Schedule 1 paragraph 18).")
    if form.outcome not in policy.OUTCOMES:
        p["outcome"] = "Decide whether support continues or ends."
    if not form.victim_safety_note.strip():
        p["victim_safety_note"] = ("Write how this decision avoids putting victims, children "
                                   "or vulnerable people at greater risk.")
    if form.communicator not in policy.COMMUNICATORS:
        p["communicator"] = "Choose who will share the outcome."
    elif form.communicator == "manager" and not form.communicator_reason.strip():
        p["communicator_reason"] = "Say why a manager will share the outcome."
    for name in ("victim_safety_note", "communicator_reason", "safeguarding_lawful_basis"):
        if len(getattr(form, name)) > vocab.NOTE_LIMIT:
            p[name] = "This is too long."
    return p


def _insert_decision(db, session, concern: Concern, case: Case, form: DecisionForm,
                     corrects: Decision | None = None, reason: str = "") -> Decision:
    refusal = policy.decision_refusal(session.roles, session.account_id, concern.raised_by)
    if refusal:
        raise errors.ActionRefused(refusal)
    problems = _decision_problems(form, case.external_referral)
    if problems:
        raise errors.ValidationError(problems)
    if form.communicator == "worker":
        communicator_id = case.assigned_worker_id or concern.raised_by
    else:
        communicator_id = form.communicator_id or session.account_id
        person = db.get(Account, communicator_id)
        if person is None or not person.active or "manager" not in {r.role for r in person.roles}:
            raise errors.ValidationError({"communicator": "Choose an active manager."})
    steps = {code: {"status": s, "note": n} for code, (s, n) in form.steps.items()
             if code in policy.NEXT_STEPS and (code != "contact_referrer" or case.external_referral)}
    decision = Decision(
        concern_id=concern.id, decided_by=session.account_id, decided_at=audit.now_iso(),
        corrects_id=corrects.id if corrects else None, correction_reason=reason,
        outcome=form.outcome, steps_json=json.dumps(steps, ensure_ascii=False),
        safeguarding_authority=form.safeguarding_authority,
        safeguarding_reported_on=(form.safeguarding_reported_on.isoformat()
                                  if form.safeguarding_reported_on else ""),
        safeguarding_reference=form.safeguarding_reference,
        safeguarding_consent=form.safeguarding_consent,
        safeguarding_lawful_basis=form.safeguarding_lawful_basis,
        referrer_contact_consent=case.external_referral and form.referrer_contact_consent,
        victim_safety_note=form.victim_safety_note, communicator=form.communicator,
        communicator_id=communicator_id, communicator_reason=form.communicator_reason)
    db.add(decision)
    db.flush()
    return decision


@operation("reviews.decide")
def decide(session, concern_id: int, form: DecisionForm) -> int:
    """Record the management decision. The case then waits for the outcome to be shared."""
    with session.workspace.transaction() as db:
        concern, case = get_concern(db, session, concern_id)
        if concern.status != AWAITING_REVIEW:
            raise errors.ActionRefused(
                "This concern is not waiting for review: the explanation and the countersigned "
                "line-manager discussion come first, and a decision, once recorded, is "
                "corrected rather than replaced.")
        decision = _insert_decision(db, session, concern, case, form)
        concern.status = OUTCOME_TO_COMMUNICATE
        casefiles.move(db, session, case, lifecycle.OUTCOME_TO_COMMUNICATE)
        casefiles.event(db, session, case, "decision",
                        "Management decision: " + policy.OUTCOMES[form.outcome])
        audit.record(db, session.account_id, "reviews.decide", "decision", decision.id)
        return decision.id


@operation("reviews.correct")
def correct(session, decision_id: int, form: DecisionForm, reason: str) -> int:
    """A correction is a new decision that references the one it corrects."""
    if not reason.strip():
        raise errors.ValidationError({"correction_reason": "Say what is being corrected and why."})
    with session.workspace.transaction() as db:
        original = db.get(Decision, decision_id)
        if original is None:
            raise errors.NotFound("That decision could not be found.")
        concern, case = get_concern(db, session, original.concern_id)
        decision = _insert_decision(db, session, concern, case, form, original, reason)
        casefiles.event(db, session, case, "decision", "Management decision corrected")
        audit.record(db, session.account_id, "reviews.correct", "decision", decision.id)
        return decision.id


def latest_decision(db, concern_id: int) -> Decision | None:
    return db.scalar(select(Decision).where(Decision.concern_id == concern_id)
                     .order_by(Decision.id.desc()).limit(1))
