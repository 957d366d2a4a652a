"""The policy on perpetrators of sexual abuse, paragraphs 4 to 7, as rules.

"If during the referral or at assessment stage, or whilst accessing support, a client
is identified as a potential sexual perpetrator then the staff will discuss the risk
and needs with their line manager before any support is offered or continues."
"""

from __future__ import annotations

POLICY_PARAGRAPH_4 = ("If during the referral or at assessment stage, or whilst accessing "
                      "support, a client is identified as a potential sexual perpetrator then "
                      "the staff will discuss the risk and needs with their line manager before "
                      "any support is offered or continues.")

# Paragraph 5: "The staff member will explain that we are not able to support perpetrators
# of sexual abuse and their referral needs will be discussed with a member of the management
# team, SV2 will communicate the outcome of the discussion to them. The staff member should
# also make it clear that we may have to report any safeguarding concerns to the relevant
# authority." The four points, each recorded as explained or with the reason it was not:
# (field name, what is said)
FOUR_POINTS = (
    ("not_able_to_support", "We are not able to support perpetrators of sexual abuse."),
    ("discussed_with_management", "Their referral needs will be discussed with a member of "
                                  "the management team."),
    ("outcome_will_be_communicated", "SV2 will communicate the outcome of that discussion "
                                     "to them."),
    ("safeguarding_may_be_reported", "We may have to report any safeguarding concerns to "
                                     "the relevant authority."),
)

EXPLANATION_METHODS = {"in_person": "In person", "phone": "Phone", "video": "Video call"}
COMMUNICATION_METHODS = {"in_person": "In person", "phone": "Phone", "video": "Video call",
                         "letter": "Letter"}
# Chosen by the worker (never assumed): how the risk seems when the concern is raised.
RISK_LEVELS = {"low": "Low", "medium": "Medium", "high": "High",
               "not_assessed": "Not assessed yet"}

# Paragraph 6: "All risk and needs will then be reviewed on a case by case basis with a
# member of the management team to decide next steps. Staff should consider contacting the
# referrer (if referred by an external service) signposting or obtaining advice from
# services which are available to support perpetrators, whilst always considering actions
# that do not put victims, children or vulnerable people at a greater risk."
NEXT_STEPS = {
    "contact_referrer": "Contact the referrer (external referrals only)",
    "signpost_perpetrator_services": "Signpost to services that support perpetrators",
    "advice_from_perpetrator_services": "Obtain advice from services that support perpetrators",
    "report_safeguarding": "Report a safeguarding concern to the relevant authority",
    "charity_commission_sir": "Consider a serious incident report to the Charity Commission",
}
STEP_STATUSES = {"done": "Done", "not_needed": "Not needed"}

OUTCOMES = {
    "support_continues": "Concern not substantiated: no further action, support continues",
    "support_ends": "Support ends: SV2 is not able to support this person",
}
SAFEGUARDING_CONSENT = {"given": "Shared with consent", "not_given": "Shared without consent",
                        "not_asked": "Consent not sought"}
COMMUNICATORS = {
    "worker": "The worker who did the assessment or provides support",
    "manager": "A manager",
}

# Paragraph 7: "The outcome of the discussion and any actions will be shared directly with
# the person identified as a sexual preparator by the staff member undertaking the
# assessment or providing support. In some circumstances the outcome may be delivered by a
# manager." (sic: "preparator" is the policy's word for perpetrator.) Who shares it is named
# in the decision (COMMUNICATORS); the lifecycle table lets only that person, or a manager,
# record that it was shared (policy/lifecycle.py, policy/access.py).

# Paragraph 2: "Whilst SV2 does not work with sexual perpetrators of any gender, SV2
# acknowledges there may be perpetrators of sexual abuse may have also experienced sexual
# abuse." So an outcome letter can also signpost the person to support for their own
# experience of abuse (services/letters.py: own_experience_service_ids).


def explanation_problems(points: dict[str, bool], reasons: dict[str, str]) -> dict[str, str]:
    """Any point not explained needs a reason (for example, it was not safe to)."""
    return {f"{name}_reason": "Say why this point was not explained (for example, it was "
                              "not safe to)."
            for name, _ in FOUR_POINTS
            if not points.get(name) and not reasons.get(name, "").strip()}

# Who may decide, countersign and share the outcome: policy/access.py (WHO) and the
# lifecycle table in policy/lifecycle.py.
