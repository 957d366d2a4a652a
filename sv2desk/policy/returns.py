"""Funder and commissioner returns: the quarters they are made for, and what a return holds.

The Ministry of Justice, the Police and Crime Commissioner and the NHS fund services like
this one and ask each quarter for the same kinds of figure: referrals by source, age band,
gender, ethnicity and district; how long people waited; sessions offered, attended and not
attended; how cases ended; and, for this service's own policy, how every referral was asked
the interaction question, how many concerns were raised, how long decisions took and how
their outcomes were shared. Quarters are the UK financial year's: April to June is the
first quarter of the year that starts in April.

Every count is protected before it is shown (policy/disclosure.py).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

QUARTER_MONTHS = {1: (4, 6), 2: (7, 9), 3: (10, 12), 4: (1, 3)}


@dataclass(frozen=True)
class Quarter:
    """Quarter ``number`` (1 to 4) of the financial year starting in April of ``year``."""

    year: int
    number: int

    @property
    def first_day(self) -> date:
        start, _ = QUARTER_MONTHS[self.number]
        return date(self.year + (1 if self.number == 4 else 0), start, 1)

    @property
    def last_day(self) -> date:
        _, end = QUARTER_MONTHS[self.number]
        year = self.year + (1 if self.number == 4 else 0)
        following = date(year + (1 if end == 12 else 0), 1 if end == 12 else end + 1, 1)
        return following - timedelta(days=1)

    @property
    def label(self) -> str:
        return (f"Quarter {self.number} of {self.year}/{str(self.year + 1)[-2:]} "
                f"({self.first_day.day} {self.first_day:%B %Y} to "
                f"{self.last_day.day} {self.last_day:%B %Y})")

    @property
    def code(self) -> str:
        return f"{self.year}-{str(self.year + 1)[-2:]}-Q{self.number}"

    def previous(self) -> "Quarter":
        return Quarter(self.year, self.number - 1) if self.number > 1 else \
            Quarter(self.year - 1, 4)


def quarter_of(day: date) -> Quarter:
    if day.month <= 3:
        return Quarter(day.year - 1, 4)
    return Quarter(day.year, (day.month - 4) // 3 + 1)


def last_complete(today: date) -> Quarter:
    """The most recent quarter that has ended."""
    return quarter_of(today).previous()


SELF_REFERRAL = "Self-referral"
REFERRER_TYPES = {
    "gp_health": "GP or other health service",
    "mental_health": "Mental health service",
    "sarc": "Sexual assault referral centre (SARC)",
    "police": "Police",
    "social_care": "Social care",
    "education": "School, college or university",
    "voluntary": "Charity or voluntary organisation",
    "other": "Another organisation",
}
REFERRER_NOT_RECORDED = "Another organisation (type not recorded)"
OUTSIDE_DERBYSHIRE = "Outside Derbyshire"
NOT_KNOWN = "Not known"
