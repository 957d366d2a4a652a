"""Who may see and do what on a case: the one access rule every case operation goes through.

Two parts decide it. The role (support worker, manager, administrator; policy/permissions.py
says which roles may call an operation at all) and the person's relation to the case:
its assigned worker, someone who raised a concern on it, the line manager of the person who
raised the open concern, the person named to share the outcome, or none. The case's stage
then says which moves are possible (policy/lifecycle.py).

A concern, its decision and anything that reveals them (letters and their PDFs, the reason
the case closed, timeline entries, refusal messages, search results and counts) reach only
the people on the case: its assigned worker, whoever raised a concern on it, and managers.
A case that has had a concern is not shown to anyone else at all, so nothing about it can
be worked out from a list, a count or a refusal. A support worker may see and pick up an
unassigned referral only while no concern has ever been raised on it.

These rules are enforced by SV2 Desk's own software, not by cryptography: anyone who can
open the data holds the key to all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lifecycle as L
from .roles import MANAGER, SUPPORT_WORKER

# -- relations --------------------------------------------------------------------------

IS_MANAGER = "manager"                 # holds the manager role (the management team)
ASSIGNED = "assigned worker"           # the case's assigned worker
RAISER = "raised a concern"            # raised a concern on this case (any, ever)
RAISED_THIS = "raised this concern"    # raised the concern the operation is about
LINE_MANAGER = "raiser's line manager"  # line manager of whoever raised this concern
COMMUNICATOR = "named to share the outcome"
PICKUP = "may pick it up"              # a worker, the case unassigned and never had a concern
CHECK = "the connection check"         # the software itself, on saving a record it compares

RELATIONS = (IS_MANAGER, ASSIGNED, RAISER, RAISED_THIS, LINE_MANAGER, COMMUNICATOR, PICKUP,
             CHECK)


@dataclass(frozen=True)
class Actor:
    account_id: int | None
    roles: frozenset[str]


# The actor that makes the connection check's hold: not a person and not a role anyone can
# be given (accounts hold only roles.ALL_ROLES), so no one can make the move by hand.
CONNECTION_CHECK_ROLE = "connection check"
CONNECTION_CHECK = Actor(None, frozenset({CONNECTION_CHECK_ROLE}))


@dataclass(frozen=True)
class CaseFacts:
    """What the rule needs to know about a case (read by the one service helper)."""

    status: str
    assigned_worker_id: int | None
    raisers: frozenset[int] = frozenset()      # everyone who raised a concern on it
    concern_raiser: int | None = None          # who raised the concern acted on
    raiser_line_manager_id: int | None = None  # that person's line manager
    communicator_id: int | None = None         # named in the latest decision to share it

    @property
    def had_concern(self) -> bool:
        return bool(self.raisers)


def relations(actor: Actor, case: CaseFacts) -> frozenset[str]:
    me = actor.account_id
    found = set()
    if MANAGER in actor.roles:
        found.add(IS_MANAGER)
    if CONNECTION_CHECK_ROLE in actor.roles:
        found.add(CHECK)
    if me is not None:
        if case.assigned_worker_id == me:
            found.add(ASSIGNED)
        if me in case.raisers:
            found.add(RAISER)
        if case.concern_raiser == me:
            found.add(RAISED_THIS)
        if case.raiser_line_manager_id == me and MANAGER in actor.roles:
            found.add(LINE_MANAGER)
        if case.communicator_id == me:
            found.add(COMMUNICATOR)
    if case.assigned_worker_id is None and not case.had_concern and \
            actor.roles & {SUPPORT_WORKER, MANAGER}:
        found.add(PICKUP)
    return frozenset(found)


# -- who: the rules the tables below name ---------------------------------------------------

@dataclass(frozen=True)
class Who:
    any_of: frozenset[str]
    refusal: str
    except_: frozenset[str] = frozenset()
    excluded_refusal: str = ""     # said to someone in ``any_of`` who is excluded

    def allows(self, rels: frozenset[str]) -> bool:
        return bool(rels & self.any_of) and not rels & self.except_

    def refusal_for(self, rels: frozenset[str]) -> str:
        if rels & self.any_of and rels & self.except_ and self.excluded_refusal:
            return self.excluded_refusal
        return self.refusal


NOT_FOUND = "That case could not be found, or it is not one you can open."

WHO: dict[str, Who] = {
    "anyone who can see the case": Who(frozenset({IS_MANAGER, ASSIGNED, RAISER, PICKUP}),
                                       NOT_FOUND),
    "on the case": Who(frozenset({IS_MANAGER, ASSIGNED, RAISER}),
                       "Only the worker on this case, whoever raised the concern, and managers "
                       "can do this."),
    "assigned worker or manager": Who(frozenset({IS_MANAGER, ASSIGNED}),
                                      "Only the worker assigned to this case, or a manager, "
                                      "can do this. Ask a manager to assign the case to you."),
    "a worker taking it for themselves": Who(frozenset({PICKUP}),
                                             "Only a manager can assign this case. You can "
                                             "take an unassigned referral yourself."),
    "manager": Who(frozenset({IS_MANAGER}), "Only a member of the management team can do "
                                            "this."),
    "a manager assigning it": Who(frozenset({IS_MANAGER}),
                                  "Only a manager can assign a case to someone else, or "
                                  "assign a case with a concern. You can take an unassigned "
                                  "referral yourself."),
    "a manager who did not raise it": Who(frozenset({IS_MANAGER}),
                                          "Only a member of the management team can decide "
                                          "next steps.",
                                          frozenset({RAISED_THIS}),
                                          "You raised this concern (or confirmed the match "
                                          "that raised it), so another member of the "
                                          "management team must review it and decide."),
    "the raiser's line manager": Who(frozenset({LINE_MANAGER}),
                                     "Only the line manager of the worker who raised the "
                                     "concern, who must be a manager, can countersign."),
    "the person named to share it, or a manager": Who(
        frozenset({COMMUNICATOR, IS_MANAGER}),
        "Only the person named to share the outcome, or a manager, can record that it was "
        "shared or send the outcome letter."),
    "the connection check": Who(frozenset({CHECK}),
                                "Only the connection check holds a case for a manager's "
                                "check, when it finds a likely match."),
}

# -- what each case operation needs ---------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    who: str                                 # a key of WHO
    stages: tuple[str, ...] | None = None    # None: at any stage
    reveals_concern: bool = False            # shows the concern, its decision or letters


ANY = None
NOT_CLOSED = L.OPEN_STAGES + L.PAUSED
DECIDED = L.OPEN_STAGES + (L.OUTCOME_TO_COMMUNICATE, L.CLOSED)

CASE_OPERATIONS: dict[str, Rule] = {
    # seeing the case
    "cases.open": Rule("anyone who can see the case"),
    "caseload.rows": Rule("anyone who can see the case"),
    "caseload.list": Rule("anyone who can see the case"),
    "caseload.search": Rule("anyone who can see the case"),
    # casework that is not part of the perpetrator workflow
    "cases.take": Rule("a worker taking it for themselves", L.OPEN_STAGES),
    "cases.assign": Rule("a manager assigning it", NOT_CLOSED),
    "cases.close": Rule("assigned worker or manager", L.OPEN_STAGES),
    "assessments.start": Rule("assigned worker or manager", (L.REFERRED, L.ASSESSING)),
    "assessments.complete": Rule("assigned worker or manager", (L.REFERRED, L.ASSESSING)),
    "support.record_session": Rule("assigned worker or manager",
                                   (L.AWAITING_SUPPORT, L.IN_SUPPORT)),
    "referrals.add_person_of_concern": Rule("on the case", NOT_CLOSED),
    # the perpetrator workflow
    "concerns.raise": Rule("anyone who can see the case",
                           L.OPEN_STAGES + (L.CONNECTION_CHECK,)),
    "concerns.view": Rule("on the case", ANY, True),
    "concerns.for_case": Rule("on the case", ANY, True),
    "concerns.record_explanation": Rule("on the case", (L.ON_HOLD,), True),
    "concerns.line_manager": Rule("on the case", (L.ON_HOLD,), True),
    "concerns.countersign_discussion": Rule("on the case", (L.ON_HOLD,), True),
    "reviews.decide": Rule("a manager who did not raise it", (L.AWAITING_MANAGEMENT_REVIEW,),
                           True),
    "reviews.correct": Rule("a manager who did not raise it", DECIDED, True),
    "outcomes.record_communication": Rule("the person named to share it, or a manager",
                                          (L.OUTCOME_TO_COMMUNICATE,), True),
    # letters (any kind: a letter on a case may tell its outcome)
    "letters.compose": Rule("on the case", ANY, True),
    "letters.finalise": Rule("on the case", ANY, True),
    "letters.finalise_outcome": Rule("the person named to share it, or a manager", DECIDED,
                                     True),
    "letters.list_for_case": Rule("on the case", ANY, True),
    "letters.open": Rule("on the case", ANY, True),
    "letters.postal_check": Rule("on the case", ANY, True),
    "letters.print_for_post": Rule("on the case", ANY, True),
    "letters.hand_over": Rule("on the case", ANY, True),
    # the connection check: a manager confirms or dismisses a likely match on the case it
    # holds (the flag itself is for managers only: policy/permissions.py)
    "connections.hold": Rule("the connection check", L.OPEN_STAGES),
    "connections.confirm": Rule("manager"),
    "connections.dismiss": Rule("manager"),
    # records (managers): a person's request for a copy of their data
    "subject_access.export": Rule("manager"),
    # daily casework: the client's record (its history for managers), notes (a note about
    # the concern only for the people on the case), contacts, consent, equality monitoring
    # (the worker on the case and managers only)
    "clients.details": Rule("anyone who can see the case"),
    "clients.update": Rule("on the case", NOT_CLOSED),
    "clients.history": Rule("manager"),
    "notes.add": Rule("on the case"),
    "notes.about_concern": Rule("on the case", ANY, True),
    "notes.for_case": Rule("anyone who can see the case"),
    "contacts.record": Rule("on the case"),
    "contacts.for_case": Rule("anyone who can see the case"),
    "consent.record": Rule("on the case", NOT_CLOSED),
    "consent.withdraw": Rule("on the case"),
    "consent.for_case": Rule("anyone who can see the case"),
    "equality.record": Rule("assigned worker or manager", NOT_CLOSED),
    "equality.view": Rule("assigned worker or manager"),
    # the waiting list: a case waits at any open stage; allocating it starts support, so
    # only where support may be offered (never while it is paused)
    "waiting_list.add": Rule("assigned worker or manager", L.OPEN_STAGES),
    "waiting_list.allocate": Rule("manager", (L.AWAITING_SUPPORT, L.IN_SUPPORT)),
    "waiting_list.remove": Rule("assigned worker or manager", NOT_CLOSED),
    "waiting_list.for_case": Rule("anyone who can see the case"),
    # the diary: a session is booked, held or marked not attended only where support may
    # be offered; a booking can be cancelled at any stage (a paused case's sessions too)
    "diary.book": Rule("assigned worker or manager", (L.AWAITING_SUPPORT, L.IN_SUPPORT)),
    "diary.reschedule": Rule("assigned worker or manager", (L.AWAITING_SUPPORT, L.IN_SUPPORT)),
    "diary.held": Rule("assigned worker or manager", (L.AWAITING_SUPPORT, L.IN_SUPPORT)),
    "diary.did_not_attend": Rule("assigned worker or manager",
                                 (L.AWAITING_SUPPORT, L.IN_SUPPORT)),
    "diary.cancel": Rule("on the case"),
}


def sees_case(actor: Actor, case: CaseFacts) -> bool:
    return WHO["anyone who can see the case"].allows(relations(actor, case))


def sees_concern(actor: Actor, case: CaseFacts) -> bool:
    """May see the concern, its decision and everything that reveals them."""
    return WHO["on the case"].allows(relations(actor, case))


NOT_VISIBLE, NOT_WHO, NOT_NOW = "not visible", "not who", "not now"


@dataclass(frozen=True)
class Refusal:
    kind: str      # NOT_VISIBLE, NOT_WHO (the person) or NOT_NOW (the case's stage)
    reason: str    # what the person is told


def refusal(operation: str, actor: Actor, case: CaseFacts) -> Refusal | None:
    """Why ``actor`` may not make ``operation`` on ``case`` now (None: they may).

    Someone who may not see the case is told only that it could not be found, exactly as
    for a case that does not exist."""
    rels = relations(actor, case)
    if not WHO["anyone who can see the case"].allows(rels):
        return Refusal(NOT_VISIBLE, NOT_FOUND)
    rule = CASE_OPERATIONS[operation]
    who = WHO[rule.who]
    if not who.allows(rels):
        # Someone who cannot see the concern learns nothing about it from the refusal.
        return Refusal(NOT_WHO, who.refusal_for(rels) if sees_concern(actor, case)
                       or not rule.reveals_concern else WHO["on the case"].refusal)
    if rule.stages is not None and case.status not in rule.stages:
        return Refusal(NOT_NOW, L.stage_refusal(operation, case.status))
    return None


def move_refusal(move: str, actor: Actor, case: CaseFacts) -> Refusal | None:
    """Why ``actor`` may not make the lifecycle ``move`` on ``case`` now (None: they may)."""
    m = L.MOVES_BY_NAME[move]
    rels = relations(actor, case)
    if not WHO[m.who].allows(rels):
        return Refusal(NOT_WHO, WHO[m.who].refusal_for(rels))
    reason = L.refusal(case.status, move)
    return Refusal(NOT_NOW, reason) if reason else None


def stage_label(status: str, actor: Actor, case: CaseFacts) -> str:
    """The stage as this person is shown it."""
    return (L.WORKFLOW_LABELS if sees_concern(actor, case) else L.LABELS)[status]


def table_rows() -> list[tuple[str, str, str]]:
    """(operation, who, at which stages) for the docs."""
    rows = []
    for operation, rule in CASE_OPERATIONS.items():
        named = {None: "any", NOT_CLOSED: "any stage but closed",
                 DECIDED: "once a decision is recorded (not while it waits for one)",
                 L.OPEN_STAGES: "any open stage (not paused or closed)"}
        stages = named.get(rule.stages) or ", ".join(L.WORKFLOW_LABELS[s].lower()
                                                     for s in rule.stages)
        rows.append((operation, rule.who, stages))
    return rows
