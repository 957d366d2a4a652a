"""Sharing the outcome with the person: "The outcome of the discussion and any actions will
be shared directly with the person identified as a sexual perpetrator by the staff member
undertaking the assessment or providing support. In some circumstances the outcome may be
delivered by a manager." Then the case resumes where it was, or closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import errors
from sqlalchemy import update

from ..models import Letter, OutcomeCommunication
from ..policy import lifecycle, perpetrators as policy, referral as vocab
from . import audit, casefiles
from .concerns import COMPLETED, OUTCOME_TO_COMMUNICATE, get_concern
from .registry import operation
from .reviews import latest_decision


@dataclass
class CommunicationForm:
    communicated_on: datetime | None = None
    method: str = ""
    letter_sent: bool = False
    notes: str = ""


@operation("outcomes.record_communication")
def record_communication(session, concern_id: int, form: CommunicationForm) -> str:
    """Record when and how the outcome was shared. Returns the case's new status."""
    p = {}
    if form.communicated_on is None:
        p["communicated_on"] = "Say when the outcome was shared."
    elif form.communicated_on > datetime.now():
        p["communicated_on"] = "That is in the future."
    if form.method not in policy.COMMUNICATION_METHODS:
        p["method"] = "Say how the outcome was shared."
    if len(form.notes) > vocab.NOTE_LIMIT:
        p["notes"] = "The notes are too long."
    if p:
        raise errors.ValidationError(p)
    with session.workspace.transaction() as db:
        concern, case = get_concern(db, session, concern_id)
        if concern.status != OUTCOME_TO_COMMUNICATE:
            raise errors.ActionRefused("There is no decided outcome waiting to be shared on "
                                       "this case.")
        decision = latest_decision(db, concern.id)
        refusal = policy.communication_refusal(session.roles, session.account_id,
                                               decision.communicator_id)
        if refusal:
            raise errors.ActionRefused(refusal)
        if decision.outcome == "support_continues":
            target = concern.stage
        else:
            target = lifecycle.CLOSED
        casefiles.move(db, session, case, target)
        if target == lifecycle.CLOSED:
            case.closed_reason = "not_supported"
        case.status_before_hold = None
        case.needs_management_attention = False
        concern.status = COMPLETED
        concern.completed_at = audit.now_iso()
        record = OutcomeCommunication(
            concern_id=concern.id, recorded_by=session.account_id, recorded_at=audit.now_iso(),
            communicated_on=form.communicated_on.isoformat(timespec="minutes"),
            method=form.method, letter_sent=form.letter_sent, notes=form.notes,
            case_result=target)
        db.add(record)
        db.flush()
        # Letters already finalised for this concern are linked to how it was shared.
        db.execute(update(Letter).where(Letter.concern_id == concern.id,
                                        Letter.communication_id.is_(None))
                   .values(communication_id=record.id))
        casefiles.event(db, session, case, "outcome", "Outcome shared with the client ("
                        + policy.COMMUNICATION_METHODS[form.method].lower() + ")")
        audit.record(db, session.account_id, "outcomes.record_communication", "concern",
                     concern.id)
        return case.status
