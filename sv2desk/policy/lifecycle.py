"""The case lifecycle (DESIGN.md section 2), from the policy's own words.

"All clients will access an initial options assessment." A case is one referral
episode of one person. It moves referred -> assessing -> awaiting support ->
in support -> closed. "If during the referral or at assessment stage, or whilst
accessing support, a client is identified as a potential sexual perpetrator then
the staff will discuss the risk and needs with their line manager before any
support is offered or continues": from any open stage a concern puts the case
on hold, and nothing may be offered or continued until the workflow ends.
"""

from __future__ import annotations

REFERRED = "referred"
ASSESSING = "assessing"
AWAITING_SUPPORT = "awaiting_support"
IN_SUPPORT = "in_support"
CLOSED = "closed"
ON_HOLD = "on_hold"
AWAITING_MANAGEMENT_REVIEW = "awaiting_management_review"
OUTCOME_TO_COMMUNICATE = "outcome_to_communicate"

STATES = (REFERRED, ASSESSING, AWAITING_SUPPORT, IN_SUPPORT, CLOSED, ON_HOLD,
          AWAITING_MANAGEMENT_REVIEW, OUTCOME_TO_COMMUNICATE)

LABELS = {
    REFERRED: "Referred",
    ASSESSING: "Being assessed",
    AWAITING_SUPPORT: "Waiting for support",
    IN_SUPPORT: "In support",
    CLOSED: "Closed",
    ON_HOLD: "Paused",
    AWAITING_MANAGEMENT_REVIEW: "Paused",
    OUTCOME_TO_COMMUNICATE: "Paused",
}

# Fuller names for the paused stages, shown only to the worker on the case and managers.
WORKFLOW_LABELS = {
    ON_HOLD: "Paused: explanation and line-manager discussion",
    AWAITING_MANAGEMENT_REVIEW: "Paused: waiting for management review",
    OUTCOME_TO_COMMUNICATE: "Paused: outcome to be shared",
}

# The stages a concern can be raised from ("during the referral or at assessment
# stage, or whilst accessing support").
OPEN_STAGES = (REFERRED, ASSESSING, AWAITING_SUPPORT, IN_SUPPORT)
PAUSED = (ON_HOLD, AWAITING_MANAGEMENT_REVIEW, OUTCOME_TO_COMMUNICATE)

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

# (from, to) -> what the move is called. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (REFERRED, ASSESSING): "start the initial options assessment",
    (REFERRED, CLOSED): "close the referral",
    (ASSESSING, AWAITING_SUPPORT): "finish the assessment with support offered",
    (ASSESSING, CLOSED): "finish the assessment with signposting elsewhere",
    (AWAITING_SUPPORT, IN_SUPPORT): "start support",
    (AWAITING_SUPPORT, CLOSED): "close the case",
    (IN_SUPPORT, CLOSED): "close the case",
    **{(stage, ON_HOLD): "raise a concern (potential perpetrator)" for stage in OPEN_STAGES},
    (ON_HOLD, AWAITING_MANAGEMENT_REVIEW): "line-manager discussion countersigned",
    (AWAITING_MANAGEMENT_REVIEW, OUTCOME_TO_COMMUNICATE): "management decision recorded",
    **{(OUTCOME_TO_COMMUNICATE, stage): "outcome communicated; case resumes"
       for stage in OPEN_STAGES},
    (OUTCOME_TO_COMMUNICATE, CLOSED): "outcome communicated; case closes",
}

HOLD_REASON = ("This case is paused: the client has been identified as a potential "
               "perpetrator of sexual abuse. No support can be offered, booked or recorded, "
               "and the case cannot move on, until a manager has reviewed it and the outcome "
               "has been shared with the client.")


def can_move(current: str, target: str) -> bool:
    return (current, target) in TRANSITIONS


def refusal(current: str, target: str) -> str | None:
    """Plain-English reason a move is refused, or None when it is allowed."""
    if can_move(current, target):
        return None
    if current in PAUSED:
        return HOLD_REASON
    if current == CLOSED:
        return "This case is closed. Open a new referral if the person comes back."
    return (f"A case that is {LABELS[current].lower()} cannot move to "
            f"'{LABELS[target].lower()}' from here.")


def support_refusal(status: str) -> str | None:
    """The one check every "offer or record support" action goes through.

    Support may be offered or recorded only for a case waiting for or in support,
    and never while it is paused for the perpetrator workflow.
    """
    if status in PAUSED:
        return HOLD_REASON
    if status in (AWAITING_SUPPORT, IN_SUPPORT):
        return None
    if status == CLOSED:
        return "This case is closed, so no support can be recorded on it."
    return ("Support can be offered once the initial options assessment is finished. "
            "Every client has an initial options assessment first.")
