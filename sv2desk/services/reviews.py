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
from ..models import Account, Case, Client, Concern, Decision, LineManagerDiscussion
from ..policy import lifecycle, perpetrators as policy
from ..policy import validation
from ..policy.roles import MANAGER
from . import access, audit, timeline, concerns as concern_service
from .concerns import AWAITING_REVIEW, OUTCOME_TO_COMMUNICATE
from .use_case import use_case


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
    referrer_contact_consent: bool = False   # the review form starts from the referral's
    victim_safety_note: str = ""
    communicator: str = "worker"
    communicator_id: int | None = None       # for "manager": which manager (default: me)
    communicator_reason: str = ""


def _days_since(iso: str, today: date) -> int:
    return (today - datetime.fromisoformat(iso).astimezone(timezone.utc).date()).days


@use_case("reviews.queue")
def queue(uc, *, risk_level: str | None = None, external: bool | None = None,
          stage: str | None = None, today: date | None = None, limit: int | None = None,
          offset: int = 0) -> list[QueueRow]:
    """Every case awaiting management review, oldest first (a page of it with ``limit``)."""
    today = today or date.today()
    # The page is chosen from the concerns and their discussions alone (small tables);
    # only its rows are then joined to cases and clients, so a page reads 50 of those
    # among 100,000, not every waiting one's (issue 19).
    page = (select(Concern.id.label("concern_id"), LineManagerDiscussion.id.label("lmd_id"))
            .join(LineManagerDiscussion, LineManagerDiscussion.concern_id == Concern.id)
            .where(Concern.status == AWAITING_REVIEW))
    if risk_level:
        page = page.where(Concern.risk_level == risk_level)
    if external is not None:
        page = page.join(Case, Case.id == Concern.case_id).where(
            Case.external_referral.is_(external))
    if stage:
        page = page.where(Concern.stage == stage)
    page = page.order_by(LineManagerDiscussion.countersigned_at, Concern.id)
    if limit is not None:
        page = page.limit(limit).offset(offset)
    page = page.subquery()
    query = (select(Concern.id, Concern.raised_at, Concern.stage, Concern.risk_level,
                    Concern.raised_by, Case.id.label("case_id"), Case.reference,
                    Case.external_referral, Client.name, Client.preferred_name)
             .join(page, page.c.concern_id == Concern.id)
             .join(LineManagerDiscussion, LineManagerDiscussion.id == page.c.lmd_id)
             .join(Case, Case.id == Concern.case_id)
             .join(Client, Client.id == Case.client_id)
             .order_by(LineManagerDiscussion.countersigned_at, Concern.id))
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = [QueueRow(r.id, r.case_id, r.reference, r.preferred_name or r.name,
                     _days_since(r.raised_at, today),
                     lifecycle.LABELS.get(r.stage, r.stage),
                     policy.RISK_LEVELS.get(r.risk_level, r.risk_level),
                     r.external_referral, names.get(r.raised_by, ""))
            for r in uc.db.execute(query)]
    uc.audit("queue", None)
    return rows


@use_case("reviews.count")
def count(uc) -> int:
    """How many cases wait for review (the badge in the navigation)."""
    return uc.db.scalar(select(func.count()).select_from(Concern)
                     .where(Concern.status == AWAITING_REVIEW))


def decision_problems(form: DecisionForm, external: bool, *, referred_on=None
                      ) -> dict[str, str]:
    check = validation.Check("decision")
    steps = form.steps if isinstance(form.steps, dict) else {}
    for code in policy.NEXT_STEPS:
        if code == "contact_referrer" and not external:
            continue
        entry = steps.get(code, ("", ""))
        status, note = entry if isinstance(entry, tuple) and len(entry) == 2 else ("", "")
        if status not in policy.STEP_STATUSES:
            check.fail(f"step_{code}", "Consider this step: mark it done or not needed.")
        else:
            check.text("step_note", note, name=f"step_{code}")
    if not external and steps.get("contact_referrer", ("",))[0] == "done":
        check.fail("step_contact_referrer",
                   "This was a self-referral: there is no referrer to contact.")
    reported = steps.get("report_safeguarding", ("",))[0] == "done"
    check.text("safeguarding_authority", form.safeguarding_authority,
               required="Say which authority the concern was reported to." if reported else None)
    check.text("safeguarding_reference", form.safeguarding_reference,
               required="Give the authority's reference number." if reported else None)
    check.text("safeguarding_lawful_basis", form.safeguarding_lawful_basis)
    if reported:
        check.moment("safeguarding_reported_on", form.safeguarding_reported_on,
                     required="Give the date it was reported.",
                     after_message="The date reported cannot be in the future.",
                     not_before_day=referred_on,
                     before_message="That is before the referral was made.")
        check.choice("safeguarding_consent", form.safeguarding_consent,
                     policy.SAFEGUARDING_CONSENT,
                     "Say whether it was shared with the person's consent.")
        if form.safeguarding_consent in ("not_given", "not_asked") and \
                isinstance(form.safeguarding_lawful_basis, str) and \
                not validation.visible(form.safeguarding_lawful_basis):
            check.fail("safeguarding_lawful_basis", "Shared without consent: record the lawful "
                       "basis (for example DPA 2018 Schedule 1 paragraph 18).")
    check.choice("outcome", form.outcome, policy.OUTCOMES,
                 "Decide whether support continues or ends.")
    check.text("victim_safety_note", form.victim_safety_note,
               required="Write how this decision avoids putting victims, children or "
                        "vulnerable people at greater risk.")
    check.choice("communicator", form.communicator, policy.COMMUNICATORS,
                 "Choose who will share the outcome.")
    check.text("communicator_reason", form.communicator_reason,
               required="Say why a manager will share the outcome."
               if form.communicator == "manager" else None)
    return check.problems


def _communicator(db, session, concern: Concern, case: Case, form: DecisionForm) -> int:
    """Who is named to share the outcome: the worker on the case, or a manager."""
    if form.communicator == "worker":
        worker_id = case.assigned_worker_id or concern.raised_by
        worker = db.get(Account, worker_id)
        if worker is None or not worker.active:
            raise errors.ValidationError({"communicator": "The worker on this case is no "
                                          "longer active: name a manager to share it."})
        return worker_id
    communicator_id = form.communicator_id or session.account_id
    person = db.get(Account, communicator_id) if isinstance(communicator_id, int) else None
    if person is None or not person.active or MANAGER not in {r.role for r in person.roles}:
        raise errors.ValidationError({"communicator": "Choose an active manager."})
    return communicator_id


def _insert_decision(db, session, concern: Concern, case: Case, form: DecisionForm,
                     corrects: Decision | None = None, reason: str = "") -> Decision:
    problems = decision_problems(form, case.external_referral,
                                 referred_on=case.referral_date)
    if problems:
        raise errors.ValidationError(problems)
    communicator_id = _communicator(db, session, concern, case, form)
    steps = {code: {"status": s, "note": n} for code, (s, n) in form.steps.items()
             if code in policy.NEXT_STEPS and (code != "contact_referrer" or case.external_referral)}
    reported = steps.get("report_safeguarding", {}).get("status") == "done"
    decision = Decision(
        concern_id=concern.id, decided_by=session.account_id, decided_at=audit.now_iso(),
        corrects_id=corrects.id if corrects else None, correction_reason=reason,
        outcome=form.outcome, steps_json=json.dumps(steps, ensure_ascii=False),
        safeguarding_authority=form.safeguarding_authority if reported else "",
        safeguarding_reported_on=(form.safeguarding_reported_on.isoformat()
                                  if reported and form.safeguarding_reported_on else ""),
        safeguarding_reference=form.safeguarding_reference if reported else "",
        safeguarding_consent=form.safeguarding_consent if reported else "",
        safeguarding_lawful_basis=form.safeguarding_lawful_basis if reported else "",
        referrer_contact_consent=bool(case.external_referral and form.referrer_contact_consent),
        victim_safety_note=form.victim_safety_note, communicator=form.communicator,
        communicator_id=communicator_id,
        communicator_reason=form.communicator_reason if form.communicator == "manager" else "")
    db.add(decision)
    db.flush()
    return decision


@use_case("reviews.decide")
def decide(uc, concern_id: int, form: DecisionForm) -> int:
    """Record the management decision. The case then waits for the outcome to be shared."""
    concern, case = access.concern(uc.db, uc.session, "reviews.decide", concern_id)
    if concern.status != AWAITING_REVIEW:
        raise errors.MoveRefused("This concern is not waiting for review.")
    decision = _insert_decision(uc.db, uc.session, concern, case, form)
    access.move(uc.db, uc.session, case, "decide next steps", concern=concern)
    timeline.event(uc.db, uc.session, case, "decision",
                    "Management decision: " + policy.OUTCOMES[form.outcome])
    uc.audit("decision", decision.id)
    return decision.id


@use_case("reviews.correct")
def correct(uc, decision_id: int, form: DecisionForm, reason: str) -> int:
    """A correction is a new decision that references the one it corrects. When it changes
    what the person was told after the outcome was shared, the case is paused again until
    the new outcome is shared."""
    check = validation.Check("decision")
    check.text("correction_reason", reason, required="Say what is being corrected and why.")
    if check.problems:
        raise errors.ValidationError(check.problems)
    original = uc.db.get(Decision, decision_id) if isinstance(decision_id, int) else None
    if original is None:
        raise errors.NotYours()
    concern, case = access.concern(uc.db, uc.session, "reviews.correct", original.concern_id)
    newest = access.concern_of(uc.db, case)
    if newest.id != concern.id:
        raise errors.MoveRefused("A newer concern has been raised on this case: only the "
                                 "decision on the newest concern can be corrected.")
    latest = latest_decision(uc.db, concern.id)
    if latest.id != original.id:
        raise errors.MoveRefused("This decision has already been corrected: correct the "
                                 "newest version instead.")
    decision = _insert_decision(uc.db, uc.session, concern, case, form, original, reason)
    if concern.status == OUTCOME_TO_COMMUNICATE:
        move = "correct the decision before the outcome is shared"
    elif decision.outcome != original.outcome:
        move = "correct the decision after it was shared: what the person was told changes"
    else:
        move = "correct the decision after it was shared: the same outcome"
    before = case.status
    access.move(uc.db, uc.session, case, move, concern=concern)
    timeline.event(uc.db, uc.session, case, "decision", "Management decision corrected")
    if case.status != before:
        # Paused again: the new outcome has to be shared before anything else.
        case.status_before_hold = before if before in lifecycle.OPEN_STAGES \
            else concern.stage
        case.needs_management_attention = True
        concern_service.suspend_planned_sessions(uc.db, uc.session, case, concern)
    uc.audit("decision", decision.id)
    return decision.id


latest_decision = access.latest_decision
