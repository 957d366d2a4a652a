"""Sharing the outcome with the person: "The outcome of the discussion and any actions will
be shared directly with the person identified as a sexual perpetrator by the staff member
undertaking the assessment or providing support. In some circumstances the outcome may be
delivered by a manager." Then the case resumes where it was, or closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from .. import errors
from ..models import Letter, OutcomeCommunication
from ..policy import lifecycle, perpetrators as policy, validation
from . import access, audit, timeline
from .concerns import OUTCOME_TO_COMMUNICATE
from .use_case import use_case


@dataclass
class CommunicationForm:
    communicated_on: datetime | None = None
    method: str = ""
    letter_sent: bool = False
    notes: str = ""


def communication_problems(form: CommunicationForm, decided_at: str | None = None
                           ) -> dict[str, str]:
    check = validation.Check("communication")
    check.moment("communicated_on", form.communicated_on,
                 required="Say when the outcome was shared.", not_before_day=decided_at,
                 before_message="That is before the decision was recorded.")
    check.choice("method", form.method, policy.COMMUNICATION_METHODS,
                 "Say how the outcome was shared.")
    check.text("notes", form.notes)
    return check.problems


@use_case("outcomes.record_communication")
def record_communication(uc, concern_id: int, form: CommunicationForm) -> str:
    """Record when and how the outcome was shared. Returns the case's new status: the
    stage it was at when the concern was raised (support continues) or closed."""
    problems = communication_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    concern, case = access.concern(uc.db, uc.session, "outcomes.record_communication",
                                   concern_id)
    if concern.status != OUTCOME_TO_COMMUNICATE:
        raise errors.MoveRefused("There is no decided outcome waiting to be shared on "
                                 "this concern.")
    decision = access.latest_decision(uc.db, concern.id)
    problems = communication_problems(form, decision.decided_at)
    if problems:
        raise errors.ValidationError(problems)
    continues = decision.outcome == "support_continues"
    move = ("record that the outcome was shared: support continues" if continues else
            "record that the outcome was shared: support ends")
    target = access.move(uc.db, uc.session, case, move, concern=concern,
                         resume_to=case.status_before_hold or concern.stage)
    case.closed_reason = None if continues else lifecycle.WORKFLOW_CLOSE_REASON
    case.status_before_hold = None
    case.needs_management_attention = False
    when = validation.as_local(form.communicated_on)
    record = OutcomeCommunication(
        concern_id=concern.id, recorded_by=uc.session.account_id, recorded_at=audit.now_iso(),
        communicated_on=when.isoformat(timespec="minutes"),
        method=form.method, letter_sent=bool(form.letter_sent), notes=form.notes,
        case_result=target)
    uc.db.add(record)
    uc.db.flush()
    # Letters already finalised for this concern are linked to how it was shared.
    uc.db.execute(update(Letter).where(Letter.concern_id == concern.id,
                                    Letter.communication_id.is_(None))
               .values(communication_id=record.id))
    timeline.event(uc.db, uc.session, case, "outcome", "Outcome shared with the client ("
                    + policy.COMMUNICATION_METHODS[form.method].lower() + ")")
    uc.audit("concern", concern.id)
    return case.status
