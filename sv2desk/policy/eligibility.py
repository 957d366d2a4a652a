"""Eligibility advice: Derbyshire postcodes, age and adults at risk.

"SV2 provides counselling, advocacy and other support to anyone, all genders and
age, within the county of Derbyshire who has suffered rape or sexual abuse of any
kind, at any time." The tool advises; the worker decides, and the decision is
recorded with the referral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

IN_AREA = "in_area"
PARTLY_IN_AREA = "partly_in_area"
OUT_OF_AREA = "out_of_area"
UNKNOWN = "unknown"

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$")


@dataclass(frozen=True)
class Districts:
    """Postcode districts wholly and partly inside the county (from resources/)."""

    wholly: frozenset[str]
    partly: frozenset[str]


@dataclass(frozen=True)
class Advice:
    area: str
    message: str
    safeguarding_prompts: tuple[str, ...] = ()

    @property
    def suggests_signposting(self) -> bool:
        return self.area == OUT_OF_AREA


def district(postcode: str) -> str | None:
    """The outward part ('DE1') of a UK postcode, or None if it is not one."""
    match = _POSTCODE.match(" ".join(postcode.upper().split()))
    if not match:
        compact = postcode.upper().replace(" ", "")
        match = _POSTCODE.match(f"{compact[:-3]} {compact[-3:]}") if len(compact) > 4 else None
    return match.group(1) if match else None


def area_for(postcode: str, districts: Districts) -> tuple[str, str]:
    if not postcode.strip():
        return UNKNOWN, "No postcode given: check where the person lives."
    outward = district(postcode)
    if outward is None:
        return UNKNOWN, "That does not look like a UK postcode: check it with the person."
    if outward in districts.wholly:
        return IN_AREA, f"{outward} is inside Derbyshire."
    if outward in districts.partly:
        return PARTLY_IN_AREA, (f"{outward} is only partly inside Derbyshire: confirm the "
                                "address is in the county.")
    return OUT_OF_AREA, (f"{outward} is outside Derbyshire. SV2 supports people in "
                         "Derbyshire: consider signposting to a service in their area. "
                         "You can still record the referral.")


def age_on(date_of_birth: date | None, today: date) -> int | None:
    if date_of_birth is None:
        return None
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def advise(postcode: str, districts: Districts, *, date_of_birth: date | None = None,
           approximate_age: int | None = None, adult_at_risk: bool = False,
           today: date | None = None) -> Advice:
    """What the worker should consider. Never a decision."""
    today = today or date.today()
    area, message = area_for(postcode, districts)
    prompts = []
    age = age_on(date_of_birth, today)
    if age is None:
        age = approximate_age
    if age is not None and age < 18:
        prompts.append("The person is under 18: follow the safeguarding children procedure "
                       "and talk to your manager today.")
    if adult_at_risk:
        prompts.append("The person may be an adult at risk: follow the adult safeguarding "
                       "procedure and talk to your manager today.")
    return Advice(area, message, tuple(prompts))
