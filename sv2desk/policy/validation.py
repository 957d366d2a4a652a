"""What a person may type: one table of every free-text field's limit, and the checks
every service runs on what it is given (required text has something visible in it, text
fits its limit and can be saved, a choice is from its list, a date is possible).

Pure Python: no Qt, no SQL. A check collects plain-English problems, field by field, for
the form to show next to each field; the service refuses the call when there are any.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone

# -- the limits ------------------------------------------------------------------------

NAME = 200            # a person's or an organisation's name
LINE = 200            # one line of text: a role, a relationship, a place
PRONOUNS = 100
PHONE = 40
POSTCODE = 16
EMAIL = 200           # as the database column holds it
REFERENCE = 100       # another organisation's reference number
ADDRESS = 1_000       # a postal address, all its lines
NOTE = 20_000         # notes, reasons and anything written in sentences
LETTER_BODY = 20_000  # about seven pages of a letter
SEARCH = 200          # what is typed into a search box
SEARCH_WORDS = 12
USERNAME = 80
DIRECTORY_TEXT = 5_000
LANGUAGE = 100        # a language's name, as the person gives it
DRAFT = 2_000_000     # everything typed into one unfinished form, kept as a draft

# form -> field -> (limit, what the field is). Every free-text field a service accepts is
# here; tests/services/test_validation.py fails, naming the field, when one is missing.
LIMITS: dict[str, dict[str, tuple[int, str]]] = {
    "referral": {
        "name": (NAME, "The person's name"),
        "preferred_name": (NAME, "The name they would like us to use"),
        "gender": (NAME, "Gender"),
        "pronouns": (PRONOUNS, "Pronouns"),
        "address": (ADDRESS, "Address"),
        "postcode": (POSTCODE, "Postcode"),
        "phone": (PHONE, "Phone"),
        "email": (EMAIL, "Email"),
        "safe_post_address": (ADDRESS, "Address that is safe for post"),
        "safe_times": (NOTE, "Safe times to contact"),
        "referrer_organisation": (NAME, "Referring organisation"),
        "referrer_name": (NAME, "Referrer's name"),
        "referrer_role": (LINE, "Referrer's role"),
        "referrer_phone": (PHONE, "Referrer's phone"),
        "referrer_email": (EMAIL, "Referrer's email"),
        "harm_other": (NOTE, "What happened (other)"),
        "support_other": (NOTE, "Support asked for (other)"),
        "interaction_details": (NOTE, "Interactions with the person who harmed them"),
        "eligibility_note": (NOTE, "Eligibility note"),
        "safeguarding_note": (NOTE, "Safeguarding note"),
    },
    "client_details": {
        "name": (NAME, "The person's name"),
        "preferred_name": (NAME, "The name they would like us to use"),
        "gender": (NAME, "Gender"),
        "pronouns": (PRONOUNS, "Pronouns"),
        "address": (ADDRESS, "Address"),
        "postcode": (POSTCODE, "Postcode"),
        "phone": (PHONE, "Phone"),
        "email": (EMAIL, "Email"),
        "safe_post_address": (ADDRESS, "Address that is safe for post"),
        "safe_times": (NOTE, "Safe times to contact"),
        "language": (LANGUAGE, "Language they would like to use"),
        "interpreter_language": (LANGUAGE, "Language for an interpreter"),
        "access_needs": (NOTE, "Access needs"),
    },
    "case_note": {
        "text": (NOTE, "Note"),
    },
    "contact": {
        "note": (NOTE, "Note on the contact"),
    },
    "session_outcome": {
        "note": (NOTE, "Why the session was cancelled, or a note on it"),
    },
    "consent": {
        "shared_with": (LINE, "Who the information may be shared with, and what for"),
        "note": (NOTE, "Note on the consent"),
        "withdrawal_note": (NOTE, "Note on the withdrawal"),
    },
    "waiting_list": {
        "note": (NOTE, "Note for whoever allocates"),
        "removal_note": (NOTE, "Why they were taken off the list"),
    },
    "site": {
        "name": (NAME, "Site name"),
        "address": (ADDRESS, "Site address"),
    },
    "room": {
        "name": (NAME, "Room name"),
        "notes": (DIRECTORY_TEXT, "Notes about the room"),
    },
    "person_named": {
        "name": (NAME, "Name of the person named"),
        "relationship": (LINE, "Relationship to the client"),
        "other_identifiers": (NOTE, "Other details that identify them"),
    },
    "assessment": {
        "safety_notes": (NOTE, "Risk and safety notes"),
        "needs": (NOTE, "Needs"),
        "interaction_notes": (NOTE, "Interactions with the person who harmed them"),
        "perpetrator_notes": (NOTE, "What identified the client as a potential perpetrator"),
        "outcome_notes": (NOTE, "Notes on the outcome"),
    },
    "support_session": {
        "note": (NOTE, "Session note"),
        "location": (LINE, "Where the session takes place"),
        "override_reason": (NOTE, "Reason for overriding a restriction"),
    },
    "closing": {
        "note": (NOTE, "Closing note"),
    },
    "assignment": {
        "override_reason": (NOTE, "Reason for overriding a restriction"),
    },
    "concern": {
        "information": (NOTE, "What information led to the concern"),
        "source": (NOTE, "Where the information came from"),
        "initial_risk_notes": (NOTE, "Initial risk notes"),
    },
    "explanation": {
        "reason": (NOTE, "Why a point was not explained"),
    },
    "discussion": {
        "risks": (NOTE, "Risks discussed with the line manager"),
        "needs": (NOTE, "Needs discussed with the line manager"),
        "safeguarding_action": (NOTE, "Safeguarding action agreed"),
    },
    "decision": {
        "step_note": (NOTE, "Note on a next step"),
        "safeguarding_authority": (NAME, "Authority the concern was reported to"),
        "safeguarding_reference": (REFERENCE, "The authority's reference"),
        "safeguarding_lawful_basis": (NOTE, "Lawful basis for sharing without consent"),
        "victim_safety_note": (NOTE, "How the decision keeps victims, children and "
                                     "vulnerable people safe"),
        "communicator_reason": (NOTE, "Why a manager will share the outcome"),
        "correction_reason": (NOTE, "What is being corrected and why"),
    },
    "communication": {
        "notes": (NOTE, "Notes on how the outcome was shared"),
    },
    "letter": {
        "subject": (LINE, "Letter subject"),
        "recipient_line": (LINE, "A line of the address"),
        "body": (LETTER_BODY, "Letter text"),
        "sign_off_line": (LINE, "A line of the sign-off"),
        "reference": (40, "The case reference printed on every page"),
    },
    "connection_flag": {
        "safety_measures": (NOTE, "Safety measures agreed"),
        "reason": (NOTE, "Why the records are not the same person"),
    },
    "erasure": {
        "reason": (NOTE, "Why the record is erased early"),
    },
    "directory_entry": {
        "name": (NAME, "Service name"),
        "phone": (DIRECTORY_TEXT, "Phone"),
        "web": (DIRECTORY_TEXT, "Web address"),
        "address": (DIRECTORY_TEXT, "Address"),
        "opening_hours": (DIRECTORY_TEXT, "Opening hours"),
        "area_served": (DIRECTORY_TEXT, "Area served"),
        "notes": (DIRECTORY_TEXT, "Notes"),
    },
    "organisation": {     # what the letterhead has room for, on every letter
        "name": (120, "Organisation name"),
        "address": (400, "Organisation address (at most 8 lines)"),
        "phone": (60, "Organisation phone"),
        "email": (120, "Organisation email"),
        "charity_number": (120, "Charity number"),
    },
    "account": {
        "username": (USERNAME, "Username"),
        "display_name": (NAME, "Name shown to colleagues"),
    },
    "search": {
        "query": (SEARCH, "What to search for"),
    },
}


def limit(form: str, field: str) -> int:
    return LIMITS[form][field][0]


# -- what counts as text someone can see -------------------------------------------------

# Letters that draw nothing (fillers some keyboards and pastes leave behind).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def visible(value: str) -> bool:
    """True when the text has at least one character a person can see: not only spaces,
    line breaks, zero-width or control characters, or blank fillers."""
    for ch in value:
        if ch in _INVISIBLE_LETTERS or ch.isspace():
            continue
        if unicodedata.category(ch)[0] in "LNPS":
            return True
    return False


def savable(value: str) -> bool:
    """False for text holding half a character (a lone surrogate, as a broken copy and
    paste can leave): it cannot be stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


UNSAVABLE = ("This contains a character that cannot be saved (perhaps from copying and "
             "pasting). Type it again.")
NOT_TEXT = "This must be text."


def too_long(limit_: int) -> str:
    return f"This must be {limit_:,} characters or fewer."


# -- dates --------------------------------------------------------------------------------

def as_local(moment) -> datetime | None:
    """A stored time (ISO text, UTC) or a datetime, as a naive local time."""
    if moment is None or moment == "":
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
        return moment
    if isinstance(moment, date):
        return datetime(moment.year, moment.month, moment.day)
    return None


def day_of(moment) -> date | None:
    local = as_local(moment)
    return local.date() if local else None


# -- a form's check ----------------------------------------------------------------------

@dataclass
class Check:
    """The problems found in one form, field by field (empty when it can be saved).

    ``form`` names the form's row in LIMITS. Every method returns the value it was given
    when it is acceptable, so a check reads in the order of the form."""

    form: str

    def __post_init__(self):
        self.problems: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.problems.setdefault(field, message)

    def text(self, field: str, value, *, required: str | None = None,
             limit_field: str | None = None, name: str | None = None) -> None:
        """Free text: fits the field's limit, can be saved, and, when ``required`` is
        given, has something visible in it (``required`` is the message when not).
        ``limit_field`` names the LIMITS entry when it differs from the problem's name."""
        name = name or field
        if not isinstance(value, str):
            self.fail(name, NOT_TEXT)
            return
        maximum = limit(self.form, limit_field or field)
        if len(value) > maximum:
            self.fail(name, too_long(maximum))
        elif not savable(value):
            self.fail(name, UNSAVABLE)
        elif required is not None and not visible(value):
            self.fail(name, required)

    def choice(self, field: str, value, choices, message: str) -> None:
        if not isinstance(value, str) or value not in choices:
            self.fail(field, message)

    def choices(self, field: str, values, choices, message: str) -> None:
        try:
            ok = all(isinstance(v, str) for v in values) and set(values) <= set(choices)
        except TypeError:
            ok = False
        if not ok:
            self.fail(field, message)

    def number(self, field: str, value, low: int, high: int, message: str) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (isinstance(value, float) and not math.isfinite(value)) or \
                not low <= value <= high:
            self.fail(field, message)

    def moment(self, field: str, value, *, required: str | None = None,
               not_after=None, after_message: str = "That is in the future.",
               not_before_day=None, before_message: str = "") -> None:
        """A date or a date and time. ``not_after`` is the latest possible moment (by
        default: now); ``not_before_day`` the earliest possible day."""
        if value is None:
            if required is not None:
                self.fail(field, required)
            return
        if not isinstance(value, (date, datetime)):
            self.fail(field, "Give a date.")
            return
        when = as_local(value)
        latest = as_local(not_after) if not_after is not None else datetime.now()
        if isinstance(value, datetime):
            if when > latest:
                self.fail(field, after_message)
                return
        elif when.date() > latest.date():
            self.fail(field, after_message)
            return
        earliest = day_of(not_before_day) if not_before_day is not None else None
        if earliest is not None and when.date() < earliest:
            self.fail(field, before_message)

    @property
    def ok(self) -> bool:
        return not self.problems


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def limits_table() -> str:
    """The limits as a Markdown table, for docs/limits.md."""
    lines = ["| form | field | what it is | most characters |", "|---|---|---|---|"]
    for form, fields in LIMITS.items():
        for field, (most, label) in fields.items():
            lines.append(f"| {form} | {field} | {label} | {most:,} |")
    return "\n".join(lines) + "\n"
