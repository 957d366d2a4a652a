"""The case lifecycle (DESIGN.md section 2): one table of every move a case and its concern
can make, keyed by (stage, move), saying where it goes and who may make it.

"All clients will access an initial options assessment." A case is one referral episode of
one person. It moves referred -> assessing -> awaiting support -> in support -> closed.
"If during the referral or at assessment stage, or whilst accessing support, a client is
identified as a potential sexual perpetrator then the staff will discuss the risk and needs
with their line manager before any support is offered or continues": from any open stage a
concern puts the case on hold, and nothing may be offered or continued until the workflow
ends. "All risk and needs will then be reviewed on a case by case basis with a member of
the management team to decide next steps." "The outcome of the discussion and any actions
will be shared directly with the person identified as a sexual perpetrator by the staff
member undertaking the assessment or providing support. In some circumstances the outcome
may be delivered by a manager." Only then does the case resume, or close.

Nothing else moves a paused case: no close, no assessment, no support, no booking. Who may
make each move is named here and defined in policy/access.py.

"Anyone who has experienced sexual abuse has the right to access safe, confidential support
without the fear of meeting their abuser." When the connection check finds that a client
is likely to be a person another client named as the one who harmed them, or someone the
service decided it cannot support, their open case is held at once for a manager to check,
before any assessment or support. The worker is told only that a manager needs to check the
referral. The manager either confirms the match, which raises a concern on the case (the
workflow above runs from there, decided by a manager other than the one who confirmed), or
dismisses it with a reason, and the case resumes where it was.
"""

from __future__ import annotations

from dataclasses import dataclass

REFERRED = "referred"
ASSESSING = "assessing"
AWAITING_SUPPORT = "awaiting_support"
IN_SUPPORT = "in_support"
CLOSED = "closed"
ON_HOLD = "on_hold"
AWAITING_MANAGEMENT_REVIEW = "awaiting_management_review"
OUTCOME_TO_COMMUNICATE = "outcome_to_communicate"
CONNECTION_CHECK = "connection_check"

# What the worker on a case held by the connection check is told, and all they are told:
# not the other case, not the name, not why.
CONNECTION_CHECK_WORDS = "a manager needs to check this referral before support is offered"
CONNECTION_CHECK_REASON = CONNECTION_CHECK_WORDS[0].upper() + CONNECTION_CHECK_WORDS[1:] + "."


@dataclass(frozen=True)
class Stage:
    name: str
    label: str           # what everyone who can see the case is shown
    workflow_label: str  # what the people on the case (and managers) are shown


STAGES: dict[str, Stage] = {s.name: s for s in (
    Stage(REFERRED, "Referred", "Referred"),
    Stage(ASSESSING, "Being assessed", "Being assessed"),
    Stage(AWAITING_SUPPORT, "Waiting for support", "Waiting for support"),
    Stage(IN_SUPPORT, "In support", "In support"),
    Stage(CLOSED, "Closed", "Closed"),
    Stage(ON_HOLD, "Paused", "Paused: explanation and line-manager discussion"),
    Stage(AWAITING_MANAGEMENT_REVIEW, "Paused", "Paused: waiting for management review"),
    Stage(OUTCOME_TO_COMMUNICATE, "Paused", "Outcome ready to share"),
    Stage(CONNECTION_CHECK, "Paused", "Paused: " + CONNECTION_CHECK_WORDS),
)}

STATES = tuple(STAGES)
LABELS = {name: stage.label for name, stage in STAGES.items()}
WORKFLOW_LABELS = {name: stage.workflow_label for name, stage in STAGES.items()}

# The stages a concern can be raised from ("during the referral or at assessment
# stage, or whilst accessing support").
OPEN_STAGES = (REFERRED, ASSESSING, AWAITING_SUPPORT, IN_SUPPORT)
# Paused by a concern (the perpetrator workflow).
CONCERN_PAUSED = (ON_HOLD, AWAITING_MANAGEMENT_REVIEW, OUTCOME_TO_COMMUNICATE)
# Every stage at which nothing may be offered, booked or recorded and the case cannot move
# on: the concern's, and the connection check's hold.
PAUSED = CONCERN_PAUSED + (CONNECTION_CHECK,)

# The concern's own stages, which move with the case's.
CONCERN_ON_HOLD = "on_hold"
CONCERN_AWAITING_REVIEW = "awaiting_review"
CONCERN_OUTCOME_TO_COMMUNICATE = "outcome_to_communicate"
CONCERN_COMPLETED = "completed"
CONCERN_STAGES = {CONCERN_ON_HOLD: ON_HOLD, CONCERN_AWAITING_REVIEW: AWAITING_MANAGEMENT_REVIEW,
                  CONCERN_OUTCOME_TO_COMMUNICATE: OUTCOME_TO_COMMUNICATE,
                  CONCERN_COMPLETED: None}
# Where a concern stands, in the same words as the case's stage (one name for one stage).
CONCERN_LABELS = {concern: WORKFLOW_LABELS[stage] if stage else
                  "Finished: the outcome has been shared"
                  for concern, stage in CONCERN_STAGES.items()}

# Reasons a case closes, as a person would say them.
CLOSE_REASONS = {
    "support_completed": "Support completed",
    "client_withdrew": "The client withdrew or declined support",
    "no_contact": "We could not make contact",
    "signposted": "Signposted to another service",
    "out_of_area": "Out of area (signposted)",
    "not_supported": "Not able to support (perpetrator policy)",
    "other": "Other",
}
# Only the perpetrator workflow closes a case with this reason, when the outcome is shared.
WORKFLOW_CLOSE_REASON = "not_supported"
STAFF_CLOSE_REASONS = {k: v for k, v in CLOSE_REASONS.items() if k != WORKFLOW_CLOSE_REASON}

# Where a move goes when it is not one fixed stage.
RESUME = "resume"    # back to the stage the case was at when the concern was raised
STAYS = "stays"      # the case stays where it is


@dataclass(frozen=True)
class Move:
    name: str                    # what the move is called, in the service's words
    operation: str               # the service operation that makes it
    from_stages: tuple[str, ...]
    to: str                      # a stage, RESUME or STAYS
    who: str                     # a rule in policy/access.py WHO
    concern_to: str | None = None  # where the concern goes (None: it does not move)


EVERY_STAGE_BUT_CLOSED = OPEN_STAGES + PAUSED

MOVES: tuple[Move, ...] = (
    Move("start the initial options assessment", "assessments.start", (REFERRED,), ASSESSING,
         "assigned worker or manager"),
    Move("carry on with the initial options assessment", "assessments.start", (ASSESSING,),
         STAYS, "assigned worker or manager"),
    Move("finish the assessment: support offered", "assessments.complete",
         (ASSESSING,), AWAITING_SUPPORT, "assigned worker or manager"),
    Move("finish the assessment: signposted or declined", "assessments.complete",
         (ASSESSING,), CLOSED, "assigned worker or manager"),
    Move("finish the assessment: potential perpetrator", "assessments.complete",
         (ASSESSING,), ON_HOLD, "assigned worker or manager", CONCERN_ON_HOLD),
    Move("record a session that was held", "support.record_session",
         (AWAITING_SUPPORT, IN_SUPPORT), IN_SUPPORT, "assigned worker or manager"),
    Move("plan a session", "support.record_session", (AWAITING_SUPPORT, IN_SUPPORT), STAYS,
         "assigned worker or manager"),
    Move("allocate from the waiting list: support starts", "waiting_list.allocate",
         (AWAITING_SUPPORT, IN_SUPPORT), IN_SUPPORT, "manager"),
    Move("book a session in the diary", "diary.book", (AWAITING_SUPPORT, IN_SUPPORT), STAYS,
         "assigned worker or manager"),
    Move("move a booked session to another time", "diary.reschedule",
         (AWAITING_SUPPORT, IN_SUPPORT), STAYS, "assigned worker or manager"),
    Move("mark a booked session as held", "diary.held", (AWAITING_SUPPORT, IN_SUPPORT),
         IN_SUPPORT, "assigned worker or manager"),
    Move("mark a booked session as not attended", "diary.did_not_attend",
         (AWAITING_SUPPORT, IN_SUPPORT), STAYS, "assigned worker or manager"),
    Move("close the case", "cases.close", OPEN_STAGES, CLOSED, "assigned worker or manager"),
    Move("raise a concern (potential perpetrator)", "concerns.raise",
         OPEN_STAGES + (CONNECTION_CHECK,), ON_HOLD, "anyone who can see the case",
         CONCERN_ON_HOLD),
    Move("record the explanation (discussion not yet countersigned)",
         "concerns.record_explanation", (ON_HOLD,), STAYS, "on the case"),
    Move("record the explanation (discussion already countersigned)",
         "concerns.record_explanation", (ON_HOLD,), AWAITING_MANAGEMENT_REVIEW, "on the case",
         CONCERN_AWAITING_REVIEW),
    Move("countersign the line-manager discussion (explanation not yet recorded)",
         "concerns.countersign_discussion", (ON_HOLD,), STAYS, "the raiser's line manager"),
    Move("countersign the line-manager discussion (explanation already recorded)",
         "concerns.countersign_discussion", (ON_HOLD,), AWAITING_MANAGEMENT_REVIEW,
         "the raiser's line manager", CONCERN_AWAITING_REVIEW),
    Move("decide next steps", "reviews.decide", (AWAITING_MANAGEMENT_REVIEW,),
         OUTCOME_TO_COMMUNICATE, "a manager who did not raise it",
         CONCERN_OUTCOME_TO_COMMUNICATE),
    Move("record that the outcome was shared: support continues",
         "outcomes.record_communication", (OUTCOME_TO_COMMUNICATE,), RESUME,
         "the person named to share it, or a manager", CONCERN_COMPLETED),
    Move("record that the outcome was shared: support ends",
         "outcomes.record_communication", (OUTCOME_TO_COMMUNICATE,), CLOSED,
         "the person named to share it, or a manager", CONCERN_COMPLETED),
    Move("correct the decision before the outcome is shared", "reviews.correct",
         (OUTCOME_TO_COMMUNICATE,), STAYS, "a manager who did not raise it"),
    Move("correct the decision after it was shared: what the person was told changes",
         "reviews.correct", OPEN_STAGES + (CLOSED,), OUTCOME_TO_COMMUNICATE,
         "a manager who did not raise it", CONCERN_OUTCOME_TO_COMMUNICATE),
    Move("correct the decision after it was shared: the same outcome", "reviews.correct",
         OPEN_STAGES + (CLOSED,), STAYS, "a manager who did not raise it"),
    # the connection check (DESIGN.md section 5)
    Move("hold for a manager to check a likely match", "connections.hold", OPEN_STAGES,
         CONNECTION_CHECK, "the connection check"),
    Move("confirm the likely match: raise a concern", "connections.confirm",
         (CONNECTION_CHECK,), ON_HOLD, "manager", CONCERN_ON_HOLD),
    Move("dismiss the likely match: the case resumes", "connections.dismiss",
         (CONNECTION_CHECK,), RESUME, "manager"),
)

MOVES_BY_NAME: dict[str, Move] = {m.name: m for m in MOVES}
# (stage, move name) -> the move. Anything not listed is refused.
TABLE: dict[tuple[str, str], Move] = {(stage, m.name): m for m in MOVES
                                      for stage in m.from_stages}

HOLD_REASON = ("This case is paused: the client has been identified as a potential "
               "perpetrator of sexual abuse. No support can be offered, booked or recorded, "
               "and the case cannot move on, until a manager has reviewed it and the outcome "
               "has been shared with the client.")
OUTCOME_WAITING = ("The decision on this case has to be shared with the client first. "
                   "Record that the outcome was shared; nothing else can move the case "
                   "until then.")


# Operations that offer or record support: refused, at a stage that does not allow it, with
# the one reason support_refusal gives.
SUPPORT_OPERATIONS = frozenset({"support.record_session", "waiting_list.allocate", "diary.book",
                                "diary.reschedule", "diary.held", "diary.did_not_attend"})


def destination(stage: str, move: str, resume_to: str | None = None) -> str:
    """Where ``move`` takes a case at ``stage`` (``resume_to``: the stage to resume)."""
    to = TABLE[(stage, move)].to
    if to == STAYS:
        return stage
    if to == RESUME:
        return resume_to if resume_to in OPEN_STAGES else REFERRED
    return to


def refusal(stage: str, move: str) -> str | None:
    """Plain-English reason ``move`` cannot be made from ``stage``, or None when it can."""
    if move not in MOVES_BY_NAME:
        raise KeyError(f"no move called {move!r} in the lifecycle table")
    if (stage, move) in TABLE:
        return None
    return stage_refusal(MOVES_BY_NAME[move].operation, stage)


def stage_refusal(operation: str, stage: str) -> str:
    """Why ``operation`` cannot be done on a case at ``stage``."""
    if stage == OUTCOME_TO_COMMUNICATE:
        return OUTCOME_WAITING
    if stage == CONNECTION_CHECK:
        return CONNECTION_CHECK_REASON
    if operation.startswith("connections."):
        return "Only a case held for a manager's check can be confirmed or dismissed this way."
    if operation in SUPPORT_OPERATIONS:
        return support_refusal(stage)
    if stage in PAUSED:
        return HOLD_REASON
    if stage == CLOSED:
        return "This case is closed. Open a new referral if the person comes back."
    if operation.startswith("assessments."):
        return "This case has already been assessed."
    if operation.startswith(("concerns.", "reviews.", "outcomes.")):
        return "The concern on this case is not at that step."
    return f"A case that is {LABELS[stage].lower()} cannot do that."


def support_refusal(status: str) -> str | None:
    """The one check every "offer or record support" action goes through.

    Support may be offered or recorded only for a case waiting for or in support,
    and never while it is paused for the perpetrator workflow or held by the connection check.
    """
    if status == CONNECTION_CHECK:
        return CONNECTION_CHECK_REASON
    if status in PAUSED:
        return HOLD_REASON
    if status in (AWAITING_SUPPORT, IN_SUPPORT):
        return None
    if status == CLOSED:
        return "This case is closed, so no support can be recorded on it."
    return ("Support can be offered once the initial options assessment is finished. "
            "Every client has an initial options assessment first.")


def moves_of(operation: str) -> tuple[Move, ...]:
    return tuple(m for m in MOVES if m.operation == operation)


def table_rows() -> list[tuple[str, str, str, str]]:
    """(from, move, to, who) for the docs, in the order of the table."""
    def stage_words(stages):
        if set(stages) == set(OPEN_STAGES):
            return "any open stage (not paused or closed)"
        if set(stages) == set(OPEN_STAGES + (CLOSED,)):
            return "any stage but paused (after the outcome was shared)"
        return ", ".join(WORKFLOW_LABELS[s].lower() for s in stages)

    def to_words(move: Move):
        if move.to == STAYS:
            return "stays where it is"
        if move.to == RESUME:
            return ("the stage it was at when it was held" if move.from_stages ==
                    (CONNECTION_CHECK,) else "the stage it was at when the concern was raised")
        return WORKFLOW_LABELS[move.to].lower()
    return [(stage_words(m.from_stages), m.name, to_words(m), m.who) for m in MOVES]
