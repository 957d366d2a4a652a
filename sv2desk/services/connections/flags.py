"""The managers' queue of flags the connection check raised: each flag with both records side
by side and the evidence, and a manager's decision on it. Confirming records the safety
measures agreed (from then on the two clients are kept apart: separation.py; a match that
held a case raises a concern on it), dismissing records the reason (a held case resumes);
both are audited and neither deletes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ... import errors
from ...matching import score as matching
from ...models import (Account, Case, Client, ConnectionDecision, ConnectionFlag, PersonOfConcern,
                      SupportSession)
from ...policy import lifecycle, validation
from .. import access, audit, concerns
from ..use_case import use_case
from . import separation
from .check import (CONFIRMED, DISMISSED, HOLD, LINK, OPEN, RELATIVE, TRIGGERS,
                    flag_details)
from .index import CLIENT, POC, day_of

STATUS_LABELS = {OPEN: "Waiting for a manager", CONFIRMED: "Confirmed: kept apart",
                 DISMISSED: "Dismissed: not the same person"}
KIND_LABELS = {CLIENT: "Client", POC: "Person of concern named by a client"}
RULE_LABELS = {
    HOLD: ("Likely the same person as someone another client named as the person who "
           "harmed them, or as someone the service decided it cannot support."),
    RELATIVE: ("Possibly a relative of a person another client named (the same surname "
               "and address or phone, but not the same person). Confirming keeps the two "
               "clients apart; their cases carry on."),
    LINK: ("Two records that may be one person, one of them identified as a potential "
           "perpetrator. Confirming keeps the clients apart."),
}
# What deciding a HOLD flag does, said after the rule: whether the check held the case
# depends on where the case was (a case already paused while a concern is decided, or
# closed, is not held; the flag alone asks a manager to look).
HOLD_HELD = (" Their case is held until a manager checks: confirming raises a concern on "
             "it, dismissing lets it carry on.")
HOLD_NOT_HELD = (" Their case is not held, because it was already paused or closed when the "
                 "check ran: confirming keeps the two clients apart.")
CONFIRM_MOVE = "confirm the likely match: raise a concern"
DISMISS_MOVE = "dismiss the likely match: the case resumes"
RAISE_MOVE = "raise a concern (potential perpetrator)"

# The concern a confirmed match raises, as the people on the case read it: where the
# match came from stays with the management team.
CONCERN_INFORMATION = ("A manager checked this referral and confirmed that the client is "
                       "likely to be a person the service must not support without review.")
CONCERN_SOURCE = "The service's own records, checked by a manager (the details are held by " \
                 "the management team)."


def _open_cases(db, client_id: int, stages) -> list[Case]:
    # The stage is tested here, not in the query: see holds.hold_clients.
    return [c for c in db.scalars(select(Case).where(Case.client_id == client_id)
                                  .order_by(Case.id)) if c.status in stages]


@dataclass(frozen=True)
class FlaggedRecord:
    """One side of a flag, shown beside the other."""

    kind: str
    kind_label: str
    record_id: int
    case_id: int
    case_reference: str
    case_status: str
    worker_name: str
    name: str
    preferred_name: str
    date_of_birth: date | None
    age: str                  # a client's approximate age, or the birth years read from a
                              # person of concern's identifiers ("born between 1975 and 1982")
    phone: str
    postcode: str
    relationship: str         # a person of concern: who they are to the client
    named_by: str             # a person of concern: the client who named them
    other_identifiers: str


@dataclass(frozen=True)
class DecisionView:
    id: int
    decision: str
    decided_by: str
    decided_at: str
    safety_measures: str
    reason: str
    replaces_id: int | None


@dataclass(frozen=True)
class FlagView:
    id: int
    score: int
    evidence: tuple[str, ...]
    status: str
    status_label: str
    trigger: str
    raised_at: str
    raised_by: str
    left: FlaggedRecord
    right: FlaggedRecord
    decisions: tuple[DecisionView, ...]
    keeps_apart: tuple[str, ...]    # the case references kept apart once confirmed
    clashes: tuple[str, ...]        # what already breaks that (for the manager to act on)
    rule: str = LINK                # HOLD, RELATIVE or LINK: what the flag is
    rule_label: str = ""            # that, in plain words, with what deciding does
    held_case: str = ""             # the reference of the case the flag holds, if any


def _names(db) -> dict[int, str]:
    return dict(db.execute(select(Account.id, Account.display_name)).all())


ERASED = "(no longer held)"


def _record_view(db, kind: str, record_id: int, case_id: int, names) -> FlaggedRecord:
    case = db.get(Case, case_id)
    record = db.get(Client if kind == CLIENT else PersonOfConcern, record_id)
    common = dict(kind=kind, kind_label=KIND_LABELS[kind], record_id=record_id,
                  case_id=case_id, case_reference=case.reference if case else ERASED,
                  case_status=lifecycle.LABELS[case.status] if case else "",
                  worker_name=names.get(case.assigned_worker_id, "Not assigned") if case
                  else "")
    if record is None or case is None:        # erased under the retention policy
        return FlaggedRecord(**common, name=ERASED, preferred_name="", date_of_birth=None,
                             age="", phone="", postcode="", relationship="", named_by="",
                             other_identifiers="")
    if kind == CLIENT:
        return FlaggedRecord(**common, name=record.name, preferred_name=record.preferred_name,
                             date_of_birth=record.date_of_birth,
                             age=str(record.approximate_age)
                             if record.approximate_age is not None else "",
                             phone=record.phone, postcode=record.postcode, relationship="",
                             named_by="", other_identifiers="")
    found = matching.person(record.name, notes=record.other_identifiers,
                            notes_on=day_of(record.created_at))
    birth = found.birth
    client = case.client
    return FlaggedRecord(**common, name=record.name, preferred_name="",
                         date_of_birth=birth.exact_date if birth else None,
                         age=f"born {birth.low}" if birth and not birth.exact_date
                         and birth.low == birth.high else
                         f"born between {birth.low} and {birth.high}"
                         if birth and not birth.exact_date else "",
                         phone=found.phone or "", postcode=_postcode_text(found.postcode),
                         relationship=record.relationship_to_client,
                         named_by=client.preferred_name or client.name,
                         other_identifiers=record.other_identifiers)


def _postcode_text(pc) -> str:
    return f"{pc.outward} {pc.full[len(pc.outward):]}" if pc else ""


def _clashes(db, pair, names) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if pair is None:
        return (), ()
    a, b = pair
    refs = {client: sorted(db.scalars(select(Case.reference).where(Case.client_id == client)))
            for client in pair}
    keeps = tuple(refs[a] + refs[b])
    out = []
    cases_a, cases_b = separation.open_case_ids(db, [a]), separation.open_case_ids(db, [b])
    if cases_a and cases_b:
        def workers(case_ids):
            found = set(db.scalars(select(Case.assigned_worker_id)
                                   .where(Case.id.in_(case_ids))))
            found |= set(db.scalars(select(SupportSession.worker_id)
                                    .where(SupportSession.case_id.in_(case_ids))))
            return {w for w in found if w is not None}
        for worker in sorted(workers(cases_a) & workers(cases_b)):
            out.append(f"{names.get(worker, 'One member of staff')} works with both.")
        today = date.today()
        sessions_b = db.execute(select(SupportSession.session_date, SupportSession.location)
                                .where(SupportSession.case_id.in_(cases_b),
                                       SupportSession.session_date >= today)).all()
        days_b = {d for d, _ in sessions_b}
        for day, place in db.execute(select(SupportSession.session_date,
                                            SupportSession.location)
                                     .where(SupportSession.case_id.in_(cases_a),
                                            SupportSession.session_date >= today)):
            if day in days_b:
                out.append(f"Both have sessions on {day:%d %B %Y}.")
    return keeps, tuple(dict.fromkeys(out))


def _view(db, flag: ConnectionFlag) -> FlagView:
    names = _names(db)
    decisions = db.scalars(select(ConnectionDecision).where(ConnectionDecision.flag_id ==
                                                            flag.id)
                           .order_by(ConnectionDecision.id)).all()
    keeps, clashes = _clashes(db, separation.separated_clients(db, flag), names)
    details = flag_details(flag)
    held = ", ".join(db.scalars(select(Case.reference).where(
        Case.client_id == details["held"], Case.status == lifecycle.CONNECTION_CHECK))) \
        if details["held"] is not None else ""
    return FlagView(
        id=flag.id, score=flag.score, evidence=tuple(flag_details(flag)["reasons"]),
        status=flag.status, status_label=STATUS_LABELS[flag.status],
        trigger=TRIGGERS.get(flag.trigger, flag.trigger), raised_at=flag.raised_at,
        raised_by=names.get(flag.raised_by, ""),
        left=_record_view(db, flag.left_kind, flag.left_id, flag.left_case_id, names),
        right=_record_view(db, flag.right_kind, flag.right_id, flag.right_case_id, names),
        decisions=tuple(DecisionView(d.id, d.decision, names.get(d.decided_by, ""),
                                     d.decided_at, d.safety_measures, d.reason,
                                     d.replaces_id) for d in decisions),
        keeps_apart=keeps, clashes=clashes if flag.status != DISMISSED else (),
        rule=details["rule"], rule_label=_rule_label(details["rule"], flag.status, held),
        held_case=held)


def _rule_label(rule: str, status: str, held_case: str) -> str:
    """The rule that raised a flag in plain words, with what deciding it does now."""
    if rule != HOLD or status != OPEN:
        return RULE_LABELS[rule]
    return RULE_LABELS[rule] + (HOLD_HELD if held_case else HOLD_NOT_HELD)


@use_case("connections.open_flags")
def open_flags(uc, *, include_decided: bool = False) -> list[FlagView]:
    """The manager queue: each flag with both records side by side and the evidence,
    oldest first. Decided flags too when asked. Recorded as a view."""
    query = select(ConnectionFlag).order_by(ConnectionFlag.id)
    if not include_decided:
        query = query.where(ConnectionFlag.status == OPEN)
    views = [_view(uc.db, flag) for flag in uc.db.scalars(query)]
    uc.audit("queue", None)
    return views


@use_case("connections.view")
def view(uc, flag_id: int) -> FlagView:
    flag = _get(uc.db, flag_id)
    result = _view(uc.db, flag)
    uc.audit("connection_flag", flag.id)
    return result


@use_case("connections.count")
def count(uc) -> int:
    """How many flags wait for a manager (the badge in the navigation)."""
    return uc.db.scalar(select(func.count()).select_from(ConnectionFlag)
                     .where(ConnectionFlag.status == OPEN))


def _get(db, flag_id: int) -> ConnectionFlag:
    flag = db.get(ConnectionFlag, flag_id)
    if flag is None:
        raise errors.NotFound("That flag could not be found.")
    return flag


def _decide(uc, flag_id: int, decision: str, safety_measures: str, reason: str) -> int:
    flag = _get(uc.db, flag_id)
    previous = uc.db.scalar(select(ConnectionDecision).where(
        ConnectionDecision.flag_id == flag.id).order_by(ConnectionDecision.id.desc())
        .limit(1))
    record = ConnectionDecision(flag_id=flag.id, decision=decision,
                                decided_by=uc.session.account_id, decided_at=audit.now_iso(),
                                safety_measures=safety_measures, reason=reason,
                                replaces_id=previous.id if previous else None)
    uc.db.add(record)
    flag.status = decision
    uc.db.flush()
    uc.audit("connection_flag", flag.id)
    details = flag_details(flag)
    if details["rule"] == HOLD:
        if decision == CONFIRMED:
            _after_confirm(uc.db, uc.session, flag, details["held"])
        else:
            _after_dismiss(uc.db, uc.session, flag, details["held"])
    return record.id


def _text_problem(value: str, field: str, missing: str) -> dict[str, str]:
    check = validation.Check("connection_flag")
    check.text(field, value, required=missing)
    return check.problems


@use_case("connections.confirm", records_also=("concerns.raise",))   # a hold
def confirm(uc, flag_id: int, safety_measures: str) -> int:
    """A manager confirms the two records are linked and records the safety measures
    agreed. From now on the two clients are kept apart. A flag dismissed earlier can be
    confirmed: the new decision names the one it replaces."""
    problems = _text_problem(safety_measures, "safety_measures",
                             "Record the safety measures agreed (for example separate "
                             "days, rooms and workers).")
    if problems:
        raise errors.ValidationError(problems)
    return _decide(uc, flag_id, CONFIRMED, safety_measures, "")


@use_case("connections.dismiss")
def dismiss(uc, flag_id: int, reason: str) -> int:
    """A manager dismisses the flag (not the same person), saying why. Nothing is
    deleted; the flag can be confirmed later if that was wrong."""
    problems = _text_problem(reason, "reason", "Say why this is not the same person.")
    if problems:
        raise errors.ValidationError(problems)
    return _decide(uc, flag_id, DISMISSED, "", reason)



# -- what a decision does to a case the check held -----------------------------------------

def _still_held_by_another(db, flag: ConnectionFlag, client_id: int) -> bool:
    """Another open flag holds this client (its case waits for that one too)."""
    others = db.scalars(select(ConnectionFlag).where(ConnectionFlag.status == OPEN,
                                                     ConnectionFlag.id != flag.id))
    return any(flag_details(f)["rule"] == HOLD and flag_details(f)["held"] == client_id
               for f in others)


def _after_confirm(db, session, flag: ConnectionFlag, held: int | None) -> list[int]:
    """A manager confirmed a match that holds ``held``'s cases: a concern is raised on each
    open or held case, by that manager, so another manager must decide (policy/access.py).
    Returns the new concerns' ids."""
    if held is None:
        return []
    form = concerns.ConcernForm(information=CONCERN_INFORMATION, source=CONCERN_SOURCE,
                       risk_level="not_assessed")
    raised = []
    for case in _open_cases(db, held, lifecycle.OPEN_STAGES + (lifecycle.CONNECTION_CHECK,)):
        access.check(db, session, "connections.confirm", case)
        move = CONFIRM_MOVE if case.status == lifecycle.CONNECTION_CHECK else RAISE_MOVE
        raised.append(concerns.insert_concern(db, session, case, form, move=move).id)
    return raised


def _after_dismiss(db, session, flag: ConnectionFlag, held: int | None) -> list[int]:
    """A manager dismissed a match that held ``held``'s cases: each resumes where it was,
    unless another likely match still holds it. Returns the case ids resumed."""
    if held is None or _still_held_by_another(db, flag, held):
        return []
    resumed = []
    for case in _open_cases(db, held, (lifecycle.CONNECTION_CHECK,)):
        access.check(db, session, "connections.dismiss", case)
        access.move(db, session, case, DISMISS_MOVE, resume_to=case.status_before_hold)
        case.status_before_hold = None
        resumed.append(case.id)
    return resumed
