"""The signposting directory's categories, and when an entry needs checking again.

"Staff should consider contacting the referrer (if referred by an external service)
signposting or obtaining advice from services which are available to support
perpetrators". The policy also recognises that "perpetrators of sexual abuse may
have also experienced sexual abuse": letters can point to support for that too.
"""

from __future__ import annotations

from datetime import date

CATEGORIES = {
    "harm_prevention": "Supports people who have harmed, or are worried about their behaviour",
    "survivors": "Supports survivors",
    "safeguarding": "Safeguarding authority",
    "police": "Police",
    "other": "Other",
}

STALE_AFTER_DAYS = 365
CHECK_BEFORE_USE = "Check before first use: an administrator has not confirmed these details yet."


def warning(confirmed: bool, last_checked: date | None, today: date) -> str | None:
    """What staff should be told before relying on an entry, or None."""
    if not confirmed:
        return CHECK_BEFORE_USE
    if last_checked is None or (today - last_checked).days > STALE_AFTER_DAYS:
        return ("Not checked for over 12 months: check the details are still right before "
                "giving them to anyone.")
    return None
