"""Opening a case (an audited view), its timeline, assigning a worker, closing it.
Every call goes through the access rule (services/access.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import select

from .. import errors
from ..models import Account, Assessment, Case, CaseEvent, PersonOfConcern, SupportSession
from ..policy import access as rule, lifecycle, permissions, referral as vocab, validation
from ..policy.roles import MANAGER
from . import access, audit, timeline
from .connections import separation
from .use_case import use_case


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
    suspended: bool = False   # planned, then suspended when a concern was raised


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
    # What this person may do on the case now: operation -> None (they may) or why not,
    # from the access rule, so screens show only what the services will allow.
    can: dict = field(default_factory=dict)


REFERRAL_FIELDS = ("external_referral", "referrer_organisation", "referrer_name",
                   "referrer_role", "referrer_phone", "referrer_email",
                   "referrer_contact_consent", "harm_categories", "harm_other", "harm_timing",
                   "support_requested", "support_other", "area_advice",
                   "eligibility_decision", "eligibility_note", "adult_at_risk",
                   "safeguarding_note", "closed_reason", "closed_note")


def _names(db) -> dict[int, str]:
    return dict(db.execute(select(Account.id, Account.display_name)).all())


CASE_ACTIONS = ("cases.take", "cases.assign", "cases.close", "assessments.start",
                "assessments.complete", "support.record_session", "concerns.raise",
                "referrals.add_person_of_concern", "letters.compose", "clients.update",
                "diary.book", "waiting_list.add")


@use_case("cases.open")
def open_case(uc, case_id: int) -> CaseView:
    """Everything about one case the person may see. Recorded in the audit trail as a view."""
    case = uc.db.get(Case, case_id) if isinstance(case_id, int) else None
    if case is None:
        raise errors.NotYours()
    found = access.check(uc.db, uc.session, "cases.open", case)    # its facts, read once
    me = access.actor(uc.session)
    names = _names(uc.db)
    client = {c.name: getattr(case.client, c.name) for c in case.client.__table__.columns
              if c.name not in ("id", "version", "created_at")}
    referral = {f: getattr(case, f) for f in REFERRAL_FIELDS}
    pocs = uc.db.scalars(select(PersonOfConcern).where(PersonOfConcern.case_id == case.id)
                      .order_by(PersonOfConcern.id)).all()
    sessions = uc.db.scalars(select(SupportSession).where(SupportSession.case_id == case.id)
                          .order_by(SupportSession.session_date)).all()
    events = uc.db.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                        .order_by(CaseEvent.id)).all()
    assessed = uc.db.scalar(select(Assessment.id).where(Assessment.case_id == case.id)
                         .limit(1)) is not None
    # The concern, its decision and what reveals them (the reason the case closed, the
    # workflow's timeline entries): the people on the case only (policy/access.py).
    confidential_ok = rule.sees_concern(me, found)
    if not confidential_ok:
        events = [e for e in events if e.kind not in timeline.CONFIDENTIAL_EVENTS]
        if found.had_concern:
            referral["closed_reason"], referral["closed_note"] = None, ""
    support = rule.refusal("support.record_session", me, found)
    view = CaseView(
        id=case.id, reference=case.reference, status=case.status,
        status_label=rule.stage_label(case.status, me, found),
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
                                   s.planned, s.note, s.location,
                                   s.suspended_at is not None) for s in sessions),
        assessed=assessed,
        timeline=tuple(TimelineEntry(e.at, names.get(e.account_id, ""), e.summary)
                       for e in events),
        support_refusal=support.reason if support else None,
        can={name: (r.reason if (r := rule.refusal(name, me, found)) else None)
             for name in CASE_ACTIONS})
    uc.audit("case", case.id)
    return view


@use_case("cases.assign")
def assign(uc, case_id: int, worker_id: int | None, *,
           override_reason: str = "") -> None:
    """A worker may take an unassigned referral (one with no concern ever raised on it)
    for themselves; a manager may assign anyone, or no one, to any case not closed.

    Refused, with only "a confidential restriction applies", when the worker works with
    someone this client is kept apart from (services/connections/separation.py); a manager may
    override that with a reason, which is recorded and audited."""
    check = validation.Check("assignment")
    check.text("override_reason", override_reason)
    if check.problems:
        raise errors.ValidationError(check.problems)
    case = access.case(uc.db, uc.session, "cases.open", case_id)
    taking = worker_id is not None and worker_id == uc.session.account_id and \
        case.assigned_worker_id is None and MANAGER not in uc.session.roles
    access.check(uc.db, uc.session, "cases.take" if taking else "cases.assign", case)
    if worker_id is not None:
        worker = uc.db.get(Account, worker_id) if isinstance(worker_id, int) else None
        if worker is None or not worker.active or not (
                {r.role for r in worker.roles} & permissions.CASEWORKERS):
            raise errors.ValidationError({"worker": "Choose an active member of staff "
                                                    "who works with clients."})
        separation.check_worker(uc.db, uc.session, case, worker_id, "assign", override_reason)
    case.assigned_worker_id = worker_id
    case.updated_at = audit.now_iso()
    timeline.event(uc.db, uc.session, case, "assigned", "Worker assigned" if worker_id
                    else "Worker unassigned")
    uc.audit("case", case.id)


@use_case("cases.close")
def close(uc, case_id: int, reason: str, note: str = "") -> None:
    """Close a case at an open stage, saying why. A paused case closes only through its
    outcome being shared (policy/lifecycle.py)."""
    check = validation.Check("closing")
    check.choice("reason", reason, lifecycle.STAFF_CLOSE_REASONS, "Choose why the case is "
                                                                  "closing.")
    check.text("note", note)
    if check.problems:
        raise errors.ValidationError(check.problems)
    case = access.case(uc.db, uc.session, "cases.close", case_id)
    access.move(uc.db, uc.session, case, "close the case")
    case.closed_reason = reason
    case.closed_note = note
    timeline.event(uc.db, uc.session, case, "closed",
                    "Closed: " + lifecycle.CLOSE_REASONS[reason])
    uc.audit("case", case.id)


def view_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(CaseView))
