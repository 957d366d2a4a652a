"""The waiting list: a referral accepted for a service waits, with a priority and the date
it started waiting, until it is allocated to a worker, which starts support.

"All clients will access an initial options assessment", and no support is offered while a
case is paused for the perpetrator policy: so a case can be added to the list at any open
stage, but allocated only once it is waiting for or in support (policy/lifecycle.py), never
while it is paused.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

SERVICES = {
    "counselling": "Counselling",
    "isva": "ISVA (independent sexual violence advocacy)",
    "helpline": "Helpline support",
    "group": "Group work",
}

# Priority: rank 1 is seen first.
PRIORITIES = {
    "urgent": "Urgent",
    "high": "High",
    "standard": "Standard",
}
RANK = {"urgent": 1, "high": 2, "standard": 3}

REMOVAL_REASONS = {
    "no_longer_needed": "No longer needed",
    "client_withdrew": "The client withdrew",
    "no_contact": "We could not make contact",
    "added_in_error": "Added in error",
    "case_closed": "The case was closed",
}
STAFF_REMOVAL_REASONS = {k: v for k, v in REMOVAL_REASONS.items() if k != "case_closed"}

ALREADY_WAITING = "This client is already on the waiting list for {service}."
NOT_ACCEPTED = ("This referral was recorded as signposted to another service, so it cannot "
                "wait for ours. Record a new referral if they come back.")
NOT_WAITING = "This client is no longer waiting: they were allocated or taken off the list."


def days_waiting(since, today) -> int:
    return max(0, (today - since).days)
