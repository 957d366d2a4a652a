"""What every referral records, in the service's own words.

"It is SV2's view that anyone who has experienced sexual abuse has the right to access
safe, confidential support without the fear of meeting their abuser. To help
safeguarding and provide reassurance to our clients, all clients will access an initial
options assessment. This will include asking all new referrals whether they have any
interactions with perpetrators or the family and friends of preparators." (sic: the
policy's word; it means perpetrators.)

So every referral answers the interaction question before it is complete, the people
named are kept as persons of concern, and the connection check (services/connections/)
keeps a client from meeting their abuser at the service.
"""

from __future__ import annotations

INTERACTION_QUESTION = ("Do you have any interactions with the person(s) who harmed you, "
                        "or with their family or friends?")

INTERACTION_ANSWERS = {
    "yes": "Yes",
    "no": "No",
    "unsure": "Unsure",
    "declined": "Declined to say",
}

HARM_CATEGORIES = {
    "rape": "Rape",
    "sexual_assault": "Sexual assault",
    "childhood_sexual_abuse": "Childhood sexual abuse",
    "sexual_exploitation": "Sexual exploitation",
    "other": "Other",
}

HARM_TIMING = {
    "recent": "Recent (in the last 12 months)",
    "non_recent": "Non-recent",
}

SUPPORT_TYPES = {
    "counselling": "Counselling",
    "isva": "ISVA or advocacy",
    "helpline": "Helpline",
    "other": "Other",
}

ARRIVED_BY = {
    "phone": "Phone call",
    "email": "Email",
    "online_form": "Online form",
    "letter": "Letter",
    "in_person": "In person",
    "secure_referral": "Secure referral from another service",
}

ELIGIBILITY_DECISIONS = {
    "accept": "Accept the referral",
    "signpost": "Signpost to another service (the referral is still recorded)",
}

# The initial options assessment: what can be offered at the end of it.
SUPPORT_OPTIONS = {
    "counselling": "Counselling",
    "isva": "ISVA or advocacy",
    "helpline": "Helpline",
    "waiting_list": "Waiting list",
}

ASSESSMENT_OUTCOMES = {
    "support_offered": "Support offered",
    "signposted": "Signposted elsewhere",
    "declined": "The client declined support",
}

SESSION_TYPES = {
    "counselling": "Counselling",
    "isva": "ISVA or advocacy",
    "helpline": "Helpline call",
    "check_in": "Check-in",
    "other": "Other",
}

NAME_LIMIT = 200
SHORT_LIMIT = 200
NOTE_LIMIT = 20_000
