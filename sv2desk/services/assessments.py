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
from ..policy import lifecycle, perpetrators, referral as vocab, validation
from . import access, audit, timeline, concerns
from .use_case import use_case


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
    risk_level: str = ""                  # when a potential perpetrator: as the worker sees it


def check(form: AssessmentForm) -> dict[str, str]:
    v = validation.Check("assessment")
    if form.identity_confirmed is not True:
        v.fail("identity_confirmed", "Confirm who you are speaking to before going on.")
    v.choice("interaction_answer", form.interaction_answer, vocab.INTERACTION_ANSWERS,
             f"Review this question with the client: \u201c{vocab.INTERACTION_QUESTION}\u201d")
    risky = bool(form.immediate_risk or form.children_at_risk or form.adults_at_risk)
    v.text("safety_notes", form.safety_notes,
           required="Say what the risk is and what you have done about it." if risky else None)
    v.text("needs", form.needs)
    v.text("interaction_notes", form.interaction_notes)
    v.text("perpetrator_notes", form.perpetrator_notes,
           required="Say what information led to this, and where it came from."
           if form.potential_perpetrator else None)
    v.text("outcome_notes", form.outcome_notes)
    if form.potential_perpetrator:
        # No support options until a manager has reviewed the case; the worker says how
        # the risk seems now (or that it has not been assessed) - it is never assumed.
        v.choice("risk_level", form.risk_level, perpetrators.RISK_LEVELS,
                 "Choose the risk level as it seems now (or 'not assessed').")
    else:
        v.choice("outcome", form.outcome, vocab.ASSESSMENT_OUTCOMES,
                 "Choose the outcome of the assessment.")
        if form.outcome == "support_offered" and not form.options_offered:
            v.fail("options_offered", "Choose the support offered.")
    v.choices("options_offered", form.options_offered, vocab.SUPPORT_OPTIONS,
              "Choose from the list.")
    return v.problems


@use_case("assessments.start")
def start(uc, case_id: int) -> None:
    case = access.case(uc.db, uc.session, "assessments.start", case_id)
    access.move(uc.db, uc.session, case, "carry on with the initial options assessment"
                if case.status == lifecycle.ASSESSING
                else "start the initial options assessment")
    uc.audit("case", case.id)


OUTCOME_MOVES = {"support_offered": "finish the assessment: support offered",
                 "signposted": "finish the assessment: signposted or declined",
                 "declined": "finish the assessment: signposted or declined"}


@use_case("assessments.complete")
def complete(uc, case_id: int, form: AssessmentForm, *,
             equality_answers=None) -> str:
    """Record the finished assessment, with the equality monitoring answers when any were
    given (services/equality.py: every one optional). Returns the case's new status."""
    from . import equality
    problems = check(form)
    if equality_answers is not None:
        problems |= equality.equality_problems(equality_answers)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "assessments.complete", case_id)
    if case.status == lifecycle.REFERRED:
        access.move(uc.db, uc.session, case, "start the initial options assessment")
    record = Assessment(case_id=case.id, worker_id=uc.session.account_id,
                        completed_at=audit.now_iso(),
                        **{k: v for k, v in vars(form).items()
                           if k not in ("options_offered", "risk_level")},
                        options_offered=",".join(sorted(form.options_offered)))
    if form.potential_perpetrator:
        # Nothing is offered until a manager has reviewed the concern.
        record.outcome, record.options_offered = "", ""
    uc.db.add(record)
    uc.db.flush()
    case.interaction_answer = form.interaction_answer
    timeline.event(uc.db, uc.session, case, "assessment", "Initial options assessment recorded")
    if form.potential_perpetrator:
        # Straight into the perpetrator workflow: the case goes on hold at once.
        concerns.insert_concern(uc.db, uc.session, case, concerns.ConcernForm(
            information=form.perpetrator_notes, source="Initial options assessment",
            initial_risk_notes=form.safety_notes, risk_level=form.risk_level),
            move="finish the assessment: potential perpetrator")
    else:
        access.move(uc.db, uc.session, case, OUTCOME_MOVES[form.outcome])
        if case.status == lifecycle.CLOSED:
            case.closed_reason = ("signposted" if form.outcome == "signposted"
                                  else "client_withdrew")
    if equality_answers is not None:
        equality.save(uc.db, uc.session, case, equality_answers)
    uc.audit("assessment", record.id)
    return case.status
