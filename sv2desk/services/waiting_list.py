"""The waiting list: referrals accepted for a service wait, with a priority and the date
they started waiting, until a manager allocates them to a worker, which starts support.

The list shows how long each person has waited, filters by service and priority, and holds
only cases the person may see (services/access.py). A case paused for the perpetrator policy
stays on it, marked, and cannot be allocated until its outcome has been shared and support
continues (policy/waiting.py, policy/lifecycle.py). Allocation is refused, saying only that
a confidential restriction applies, for a worker who works with someone the client is kept
apart from (services/connections/separation.py), unless a manager overrides with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from .. import errors
from ..models import Account, Case, Client, WaitingListEntry
from ..policy import access as rule, lifecycle, permissions, validation, waiting as policy
from . import access, audit, timeline
from .closing import leave_waiting_list
from .connections import separation
from .use_case import use_case

PAGE = 50


@dataclass
class WaitingForm:
    service: str = ""
    priority: str = "standard"
    waiting_since: date | None = None      # default: today
    note: str = ""


@dataclass(frozen=True)
class WaitingRow:
    id: int
    case_id: int
    reference: str
    client_name: str
    service: str
    service_label: str
    priority: str
    priority_label: str
    waiting_since: date
    days_waiting: int
    stage_label: str
    worker_name: str
    note: str
    can_allocate: str | None    # None: a manager may allocate it now; else why not


@dataclass(frozen=True)
class WaitingPage:
    rows: tuple[WaitingRow, ...]
    total: int                  # entries matching the filters (all pages)
    offset: int


@dataclass(frozen=True)
class EntryView:
    """One entry of a case, open or not."""

    id: int
    service_label: str
    priority_label: str
    waiting_since: date
    open: bool
    what_happened: str          # "Waiting", "Allocated to ... on ...", "Taken off: ..."


def waiting_problems(form: WaitingForm, earliest=None) -> dict[str, str]:
    v = validation.Check("waiting_list")
    v.choice("service", form.service, policy.SERVICES, "Choose the service they are waiting "
                                                       "for.")
    v.choice("priority", form.priority, policy.PRIORITIES, "Choose a priority.")
    v.moment("waiting_since", form.waiting_since,
             after_message="The date they started waiting cannot be in the future.",
             not_before_day=earliest, before_message="That is before the referral was made.")
    v.text("note", form.note)
    return v.problems


@use_case("waiting_list.add")
def add(uc, case_id: int, form: WaitingForm) -> int:
    """Put a case on the waiting list for a service (an accepted referral at an open
    stage; not while it is paused)."""
    problems = waiting_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "waiting_list.add", case_id)
    problems = waiting_problems(form, case.referral_date)
    if problems:
        raise errors.ValidationError(problems)
    if case.eligibility_decision != "accept":
        raise errors.ActionRefused(policy.NOT_ACCEPTED)
    if uc.db.scalar(select(WaitingListEntry.id).where(
            WaitingListEntry.case_id == case.id, WaitingListEntry.open.is_(True),
            WaitingListEntry.service == form.service).limit(1)):
        raise errors.ActionRefused(policy.ALREADY_WAITING.format(
            service=policy.SERVICES[form.service].lower()))
    entry = WaitingListEntry(
        case_id=case.id, service=form.service, priority=form.priority,
        priority_rank=policy.RANK[form.priority],
        waiting_since=form.waiting_since or date.today(), note=form.note,
        added_by=uc.session.account_id, added_at=audit.now_iso(), open=True)
    uc.db.add(entry)
    uc.db.flush()
    timeline.event(uc.db, uc.session, case, "waiting_list",
                    f"Added to the waiting list: {policy.SERVICES[form.service]}")
    uc.audit("waiting_list_entry", entry.id)
    return entry.id


def _filters(service: str | None, priority: str | None) -> dict[str, str]:
    problems = {}
    if service is not None and service not in policy.SERVICES:
        problems["service"] = "Choose a service from the list."
    if priority is not None and priority not in policy.PRIORITIES:
        problems["priority"] = "Choose a priority from the list."
    return problems


@use_case("waiting_list.list")
def waiting(uc, *, service: str | None = None, priority: str | None = None,
            offset: int = 0, limit: int = PAGE, today: date | None = None) -> WaitingPage:
    """Who is waiting, urgent first and then longest waiting first, one page at a time:
    only cases the person may see. Audited as a view of the list."""
    problems = _filters(service, priority)
    if not isinstance(offset, int) or not isinstance(limit, int) or offset < 0 or \
            not 1 <= limit <= 500:
        problems["page"] = "Ask for a page of 1 to 500 rows."
    if problems:
        raise errors.ValidationError(problems)
    today = today or date.today()
    conditions = [WaitingListEntry.open.is_(True)]
    if service:
        conditions.append(WaitingListEntry.service == service)
    if priority:
        conditions.append(WaitingListEntry.priority_rank == policy.RANK[priority])
    base = select(WaitingListEntry.id).where(and_(*conditions))
    if not permissions.sees_every_case(uc.session.roles):
        # Only the cases this person may open (a manager sees every case: no join).
        base = access.visible_cases(uc.session, base.join(
            Case, Case.id == WaitingListEntry.case_id))
    total = uc.db.scalar(select(func.count()).select_from(base.subquery()))
    ids = list(uc.db.scalars(base.order_by(WaitingListEntry.priority_rank,
                                        WaitingListEntry.waiting_since,
                                        WaitingListEntry.id).offset(offset).limit(limit)))
    rows = _rows(uc.db, uc.session, ids, today)
    uc.audit("waiting_list", None)
    return WaitingPage(tuple(rows), total, offset)


def _rows(db, session, ids: list[int], today: date) -> list[WaitingRow]:
    if not ids:
        return []
    found = db.execute(
        select(WaitingListEntry, Case.reference, Case.status, Case.assigned_worker_id,
               Client.name, Client.preferred_name)
        .join(Case, Case.id == WaitingListEntry.case_id)
        .join(Client, Client.id == Case.client_id)
        .where(WaitingListEntry.id.in_(ids))).all()
    names = dict(db.execute(select(Account.id, Account.display_name)).all())
    by_id = {r[0].id: r for r in found}
    me = access.actor(session)
    allocates = permissions.sees_every_case(session.roles)
    rows = []
    for entry_id in ids:
        entry, reference, status, worker, name, preferred = by_id[entry_id]
        paused = status in lifecycle.PAUSED
        if not allocates:
            why = "Only a manager can allocate from the waiting list."
        else:
            why = lifecycle.support_refusal(status)
        rows.append(WaitingRow(
            entry.id, entry.case_id, reference, preferred or name, entry.service,
            policy.SERVICES[entry.service], entry.priority, policy.PRIORITIES[entry.priority],
            entry.waiting_since, policy.days_waiting(entry.waiting_since, today),
            lifecycle.LABELS[status] if paused else lifecycle.WORKFLOW_LABELS[status],
            names.get(worker, "Not assigned"), entry.note, why))
    del me
    return rows


def _entry(db, entry_id) -> WaitingListEntry:
    entry = db.get(WaitingListEntry, entry_id) if isinstance(entry_id, int) else None
    if entry is None:
        raise errors.NotYours()
    return entry


@use_case("waiting_list.allocate")
def allocate(uc, entry_id: int, worker_id: int, *, override_reason: str = "") -> None:
    """Allocate a waiting client to a worker: the case is assigned to them and support
    starts. Managers only; never while the case is paused, or before its assessment."""
    check = validation.Check("assignment")
    check.text("override_reason", override_reason)
    if check.problems:
        raise errors.ValidationError(check.problems)
    entry = _entry(uc.db, entry_id)
    case = access.case(uc.db, uc.session, "waiting_list.allocate", entry.case_id)
    if not entry.open:
        raise errors.ActionRefused(policy.NOT_WAITING)
    worker = uc.db.get(Account, worker_id) if isinstance(worker_id, int) else None
    if worker is None or not worker.active or not (
            {r.role for r in worker.roles} & permissions.CASEWORKERS):
        raise errors.ValidationError({"worker": "Choose an active member of staff who "
                                                "works with clients."})
    separation.check_worker(uc.db, uc.session, case, worker_id, "allocate", override_reason)
    access.move(uc.db, uc.session, case, "allocate from the waiting list: support starts")
    case.assigned_worker_id = worker_id
    case.updated_at = audit.now_iso()
    entry.open = False
    entry.allocated_at = case.updated_at
    entry.allocated_by = uc.session.account_id
    entry.allocated_worker_id = worker_id
    timeline.event(uc.db, uc.session, case, "waiting_list", "Allocated from the waiting list: "
                    + policy.SERVICES[entry.service])
    uc.audit("waiting_list_entry", entry.id)


@use_case("waiting_list.remove")
def remove(uc, entry_id: int, reason: str, note: str = "") -> None:
    """Take someone off the waiting list, saying why."""
    check = validation.Check("waiting_list")
    check.choice("reason", reason, policy.STAFF_REMOVAL_REASONS,
                 "Choose why they are coming off the list.")
    check.text("removal_note", note)
    if check.problems:
        raise errors.ValidationError(check.problems)
    entry = _entry(uc.db, entry_id)
    case = access.case(uc.db, uc.session, "waiting_list.remove", entry.case_id)
    if not entry.open:
        raise errors.ActionRefused(policy.NOT_WAITING)
    leave_waiting_list(uc.session, entry, reason, note)
    timeline.event(uc.db, uc.session, case, "waiting_list", "Taken off the waiting list: "
                    + policy.SERVICES[entry.service])
    uc.audit("waiting_list_entry", entry.id)


@use_case("waiting_list.for_case")
def for_case(uc, case_id: int) -> list[EntryView]:
    """The case's waiting-list entries, open and past."""
    case = access.case(uc.db, uc.session, "waiting_list.for_case", case_id)
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = uc.db.scalars(select(WaitingListEntry).where(WaitingListEntry.case_id == case.id)
                      .order_by(WaitingListEntry.id.desc())).all()
    views = []
    for r in rows:
        if r.open:
            what = "Waiting"
        elif r.allocated_at:
            what = (f"Allocated to {names.get(r.allocated_worker_id, '')} on "
                    f"{validation.day_of(r.allocated_at):%d/%m/%Y}")
        else:
            what = ("Taken off the list: "
                    + policy.REMOVAL_REASONS.get(r.removed_reason or "", "").lower())
        views.append(EntryView(r.id, policy.SERVICES[r.service],
                               policy.PRIORITIES[r.priority], r.waiting_since, r.open,
                               what))
    uc.audit("case", case.id)
    return views


del rule
