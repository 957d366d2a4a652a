"""Opening a case (an audited view), its timeline, assigning a worker, closing it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from .. import errors
from ..models import (Account, Assessment, CaseEvent, Concern, PersonOfConcern,
                      SupportSession)
from ..policy import lifecycle, permissions, referral as vocab
from . import audit, casefiles, connections
from .registry import operation


@dataclass(frozen=True)
class PersonOfConcernView:
    id: int
    name: str
    relationship: str
    other_identifiers: str


@dataclass(frozen=True)
class SessionView:
    id: int
    session_date: date
    session_type: str
    worker_name: str
    duration_minutes: int
    planned: bool
    note: str
    location: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    who: str
    what: str


@dataclass(frozen=True)
class CaseView:
    id: int
    reference: str
    status: str
    status_label: str
    paused: bool
    assigned_worker_id: int | None
    assigned_worker_name: str
    referral_date: date
    arrived_by: str
    client: dict          # the person's details and safe-contact preferences, as recorded
    referral: dict        # referrer, what happened, support asked for, eligibility
    interaction_answer: str
    interaction_details: str
    needs_management_attention: bool
    persons_of_concern: tuple[PersonOfConcernView, ...]
    sessions: tuple[SessionView, ...]
    assessed: bool
    timeline: tuple[TimelineEntry, ...]
    support_refusal: str | None   # why support cannot be recorded now (None: it can)


REFERRAL_FIELDS = ("external_referral", "referrer_organisation", "referrer_name",
                   "referrer_role", "referrer_phone", "referrer_email",
                   "referrer_contact_consent", "harm_categories", "harm_other", "harm_timing",
                   "support_requested", "support_other", "area_advice",
                   "eligibility_decision", "eligibility_note", "adult_at_risk",
                   "safeguarding_note", "closed_reason", "closed_note")


def _names(db) -> dict[int, str]:
    return dict(db.execute(select(Account.id, Account.display_name)).all())


@operation("cases.open")
def open_case(session, case_id: int) -> CaseView:
    """Everything about one case. Recorded in the audit trail as a view."""
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        names = _names(db)
        client = {c.name: getattr(case.client, c.name) for c in case.client.__table__.columns
                  if c.name not in ("id", "version", "created_at")}
        referral = {f: getattr(case, f) for f in REFERRAL_FIELDS}
        pocs = db.scalars(select(PersonOfConcern).where(PersonOfConcern.case_id == case.id)
                          .order_by(PersonOfConcern.id)).all()
        sessions = db.scalars(select(SupportSession).where(SupportSession.case_id == case.id)
                              .order_by(SupportSession.session_date)).all()
        events = db.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                            .order_by(CaseEvent.id)).all()
        assessed = db.scalar(select(Assessment.id).where(Assessment.case_id == case.id)
                             .limit(1)) is not None
        # Concern details: the worker on the case and managers only; anyone else sees that
        # the case is paused, and nothing more.
        from .concerns import on_the_case
        confidential_ok = on_the_case(session, case) or db.scalar(
            select(Concern.id).where(Concern.case_id == case.id,
                                     Concern.raised_by == session.account_id).limit(1))
        if not confidential_ok:
            events = [e for e in events if e.kind not in casefiles.CONFIDENTIAL_EVENTS]
        view = CaseView(
            id=case.id, reference=case.reference, status=case.status,
            status_label=lifecycle.LABELS[case.status],
            paused=case.status in lifecycle.PAUSED,
            assigned_worker_id=case.assigned_worker_id,
            assigned_worker_name=names.get(case.assigned_worker_id, "Not assigned"),
            referral_date=case.referral_date, arrived_by=vocab.ARRIVED_BY.get(case.arrived_by, ""),
            client=client, referral=referral, interaction_answer=case.interaction_answer,
            interaction_details=case.interaction_details,
            needs_management_attention=bool(confidential_ok and
                                            case.needs_management_attention),
            persons_of_concern=tuple(PersonOfConcernView(p.id, p.name, p.relationship_to_client,
                                                         p.other_identifiers) for p in pocs),
            sessions=tuple(SessionView(s.id, s.session_date,
                                       vocab.SESSION_TYPES.get(s.session_type, s.session_type),
                                       names.get(s.worker_id, ""), s.duration_minutes,
                                       s.planned, s.note, s.location) for s in sessions),
            assessed=assessed,
            timeline=tuple(TimelineEntry(e.at, names.get(e.account_id, ""), e.summary)
                           for e in events),
            support_refusal=lifecycle.support_refusal(case.status))
        audit.record(db, session.account_id, "case.view", "case", case.id)
        return view


@operation("cases.assign")
def assign(session, case_id: int, worker_id: int | None, *,
           override_reason: str = "") -> None:
    """A worker may take an unassigned case; a manager may assign anyone.

    Refused, with only "a confidential restriction applies", when the worker works with
    someone this client is kept apart from (services/connections.py); a manager may
    override that with a reason, which is recorded and audited."""
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        if not permissions.sees_every_case(session.roles):
            if worker_id != session.account_id or case.assigned_worker_id not in (
                    None, session.account_id):
                raise errors.PermissionDenied("Only a manager can assign a case to someone "
                                              "else. You can take an unassigned case yourself.")
        if worker_id is not None:
            worker = db.get(Account, worker_id)
            if worker is None or not worker.active:
                raise errors.ValidationError({"worker": "Choose an active member of staff."})
            connections.check_worker(db, session, case, worker_id, "assign", override_reason)
        case.assigned_worker_id = worker_id
        case.updated_at = audit.now_iso()
        casefiles.event(db, session, case, "assigned", "Worker assigned" if worker_id
                        else "Worker unassigned")
        audit.record(db, session.account_id, "cases.assign", "case", case.id)


@operation("cases.close")
def close(session, case_id: int, reason: str, note: str = "") -> None:
    if reason not in lifecycle.CLOSE_REASONS:
        raise errors.ValidationError({"reason": "Choose why the case is closing."})
    if len(note) > vocab.NOTE_LIMIT:
        raise errors.ValidationError({"note": "The note is too long."})
    with session.workspace.transaction() as db:
        case = casefiles.get_case(db, session, case_id)
        casefiles.move(db, session, case, lifecycle.CLOSED)
        case.closed_reason = reason
        case.closed_note = note
        casefiles.event(db, session, case, "closed",
                        "Closed: " + lifecycle.CLOSE_REASONS[reason])
        audit.record(db, session.account_id, "cases.close", "case", case.id)


def view_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(CaseView))
