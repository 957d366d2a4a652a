"""The initial options assessment, which every client has.

The wizard commits nothing until it finishes; then ``complete`` records it in one
transaction and moves the case on. If the worker judges that something identifies
the client as a potential perpetrator, a concern is raised there and then and the
case goes on hold (the perpetrator workflow, services/concerns.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import errors
from ..models import Assessment
from ..policy import lifecycle, referral as vocab
from . import audit, casefiles, concerns
from .registry import operation


@dataclass
class AssessmentForm:
    identity_confirmed: bool = False
    eligibility_confirmed: bool = False
    immediate_risk: bool = False
    children_at_risk: bool = False
    adults_at_risk: bool = False
    safety_notes: str = ""
    needs: str = ""
    interaction_answer: str = ""          # the question reviewed with the client
    interaction_notes: str = ""
    potential_perpetrator: bool = False
    perpetrator_notes: str = ""
    outcome: str = ""                     # support_offered / signposted / declined
    options_offered: set[str] = field(default_factory=set)
    outcome_notes: str = ""


def check(form: AssessmentForm) -> dict[str, str]:
    p: dict[str, str] = {}
    if not form.identity_confirmed:
        p["identity_confirmed"] = "Confirm who you are speaking to before going on."
    if form.interaction_answer not in vocab.INTERACTION_ANSWERS:
        p["interaction_answer"] = ("Review this question with the client: "
                                   f"\u201c{vocab.INTERACTION_QUESTION}\u201d")
    if (form.immediate_risk or form.children_at_risk or form.adults_at_risk) \
            and not form.safety_notes.strip():
        p["safety_notes"] = "Say what the risk is and what you have done about it."
    if form.potential_perpetrator and not form.perpetrator_notes.strip():
        p["perpetrator_notes"] = "Say what information led to this, and where it came from."
    if form.potential_perpetrator and not form.outcome:
        pass  # no support options until a manager has reviewed the case
    elif form.outcome not in vocab.ASSESSMENT_OUTCOMES:
        p["outcome"] = "Choose the outcome of the assessment."
    elif form.outcome == "support_offered" and not form.options_offered:
        p["options_offered"] = "Choose the support offered."
    if not set(form.options_offered) <= set(vocab.SUPPORT_OPTIONS):
        p["options_offered"] = "Choose from the list."
    for name in ("safety_notes", "needs", "interaction_notes", "perpetrator_notes",
                 "outcome_notes"):
        if len(getattr(form, name)) > vocab.NOTE_LIMIT:
            p[name] = f"This must be {vocab.NOTE_LIMIT:,} characters or fewer."
    return p


@operation("assessments.start")
def start(session, case_id: int) -> None:
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        if case.status != lifecycle.ASSESSING:
            casefiles.move(db, session, case, lifecycle.ASSESSING)
        audit.record(db, session.account_id, "assessments.start", "case", case.id)


@operation("assessments.complete")
def complete(session, case_id: int, form: AssessmentForm) -> str:
    """Record the finished assessment. Returns the case's new status."""
    problems = check(form)
    if problems:
        raise errors.ValidationError(problems)
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        if case.status == lifecycle.REFERRED:
            casefiles.move(db, session, case, lifecycle.ASSESSING)
        elif case.status != lifecycle.ASSESSING:
            raise errors.ActionRefused(lifecycle.refusal(case.status, lifecycle.AWAITING_SUPPORT)
                                       or "This case has already been assessed.")
        record = Assessment(case_id=case.id, worker_id=session.account_id,
                            completed_at=audit.now_iso(),
                            **{k: v for k, v in vars(form).items() if k != "options_offered"},
                            options_offered=",".join(sorted(form.options_offered)))
        db.add(record)
        db.flush()
        case.interaction_answer = form.interaction_answer
        casefiles.event(db, session, case, "assessment", "Initial options assessment recorded")
        if form.potential_perpetrator:
            # Straight into the perpetrator workflow: the case goes on hold at once.
            concerns.insert_concern(db, session, case, concerns.ConcernForm(
                information=form.perpetrator_notes, source="Initial options assessment",
                initial_risk_notes=form.safety_notes, risk_level="medium"))
        if form.outcome == "support_offered" and not form.potential_perpetrator:
            casefiles.move(db, session, case, lifecycle.AWAITING_SUPPORT)
        elif form.outcome in ("signposted", "declined") and not form.potential_perpetrator:
            casefiles.move(db, session, case, lifecycle.CLOSED)
            case.closed_reason = "signposted" if form.outcome == "signposted" else "client_withdrew"
        audit.record(db, session.account_id, "assessments.complete", "assessment", record.id)
        return case.status
