"""Safe contact: which ways of getting in touch a client has said are safe, and the one rule
every contact attempt is checked against.

A survivor may live with, or near, the person who harmed them. A call they cannot take, a
voicemail someone else hears, a letter someone else opens or an email from a name that
gives the service away can put them in danger. So each client says which channels are safe
(phone, text, email, post), whether a message may be left, and whether the service's name
may show; staff may make contact only in those ways. When the client gets in touch with us,
nothing is refused: we record what they did.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

CALL, TEXT, EMAIL, LETTER, IN_PERSON = "call", "text", "email", "letter", "in_person"
CHANNELS = {
    CALL: "Phone call",
    TEXT: "Text message",
    EMAIL: "Email",
    LETTER: "Letter",
    IN_PERSON: "In person",
}

OUTGOING, INCOMING = "outgoing", "incoming"
DIRECTIONS = {OUTGOING: "We contacted them", INCOMING: "They contacted us"}

LEFT_MESSAGE = "left_message"
OUTCOMES = {
    "spoke": "Spoke with them",
    "no_answer": "No answer",
    LEFT_MESSAGE: "Left a message",
    "sent": "Sent",
    "replied": "They replied",
    "met": "Met them",
    "did_not_arrive": "They did not arrive",
    "wrong_details": "Wrong number or address",
    "other": "Other",
}
# Which outcomes make sense for which channel.
OUTCOMES_FOR = {
    CALL: ("spoke", "no_answer", LEFT_MESSAGE, "wrong_details", "other"),
    TEXT: ("sent", "replied", "wrong_details", "other"),
    EMAIL: ("sent", "replied", "wrong_details", "other"),
    LETTER: ("sent", "replied", "wrong_details", "other"),
    IN_PERSON: ("met", "did_not_arrive", "other"),
}


@dataclass(frozen=True)
class Preferences:
    """What the client said is safe (read from their record as it is now)."""

    may_call: bool
    may_leave_voicemail: bool
    may_text: bool
    may_email: bool
    post_is_safe: bool


def allowed(prefs: Preferences, channel: str) -> bool:
    return {CALL: prefs.may_call, TEXT: prefs.may_text, EMAIL: prefs.may_email,
            LETTER: prefs.post_is_safe, IN_PERSON: True}[channel]


def safe_channels(prefs: Preferences) -> list[str]:
    return [label for channel, label in CHANNELS.items()
            if channel != IN_PERSON and allowed(prefs, channel)]


def _instead(prefs: Preferences) -> str:
    ways = safe_channels(prefs)
    if not ways:
        return " They have not said any way of contacting them is safe: see them in person, " \
               "or wait for them to get in touch."
    return f" Ways they have said are safe: {', '.join(w.lower() for w in ways)}."


FORBIDDEN = {
    CALL: "The client has said we must not phone them.",
    TEXT: "The client has said we must not text them.",
    EMAIL: "The client has said we must not email them.",
    LETTER: "The client has said post is not safe for them.",
}
NO_MESSAGE = ("The client has said we must not leave a message. Hang up without leaving "
              "one, and record the call as not answered.")


def refusal(prefs: Preferences, channel: str, direction: str, outcome: str) -> str | None:
    """Why this contact may not be made (None: it may). Contact the client made is never
    refused; contact we make must use a channel they said is safe, and a message may be
    left only where they said so."""
    if direction == INCOMING:
        return None
    if not allowed(prefs, channel):
        return FORBIDDEN[channel] + _instead(prefs)
    if channel == CALL and outcome == LEFT_MESSAGE and not prefs.may_leave_voicemail:
        return NO_MESSAGE
    return None
