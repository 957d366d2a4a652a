"""Consent: what a client agreed to, when, how it was given and who recorded it, and when
it was withdrawn.

Two kinds are kept for every client: consent to the service keeping and using their
information (processing), and consent to share information with another organisation
(named, with what for). Withdrawing is recorded as carefully as giving: the record stays,
with the date of withdrawal, how it was said and who recorded it. A person's copy of their
data (subject access) includes every consent record.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

PROCESSING, SHARING = "processing", "sharing"
KINDS = {
    PROCESSING: "To us keeping and using their information",
    SHARING: "To us sharing information with another organisation",
}
HOW = {
    "in_person": "Said so in person",
    "phone": "Said so on the phone",
    "in_writing": "In writing (a signed form or letter)",
    "email": "By email",
    "online_form": "On the online referral form",
    "through_interpreter": "Through an interpreter",
}
WITHDRAWN_PROCESSING = ("Consent to keep and use their information has been withdrawn. "
                        "Speak to a manager about what happens to the record.")
