"""The contact log: every call, text, email, letter and meeting with the client, made or
received, with how it went.

Contact we make is checked against the client's safe-contact preferences as they are now
(policy/safe_contact.py): a channel they said is not safe is refused with the reason, and
so is leaving a message where they said not to. The refusal is recorded in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .. import errors
from ..models import Account, ContactAttempt
from ..policy import safe_contact as rule, validation
from . import access, audit, timeline
from .use_case import use_case


@dataclass
class ContactForm:
    channel: str = ""
    direction: str = rule.OUTGOING
    outcome: str = ""
    at: datetime | None = None     # when (default: now)
    note: str = ""


@dataclass(frozen=True)
class ContactView:
    id: int
    at: str                # local time, to the minute
    channel: str
    channel_label: str
    direction_label: str
    outcome_label: str
    note: str
    by: str


@dataclass(frozen=True)
class ContactLog:
    entries: tuple[ContactView, ...]
    # channel -> None when we may use it, else why not (the client's preferences now)
    channels: dict
    may_leave_message: bool
    safe_times: str


def preferences(client) -> rule.Preferences:
    return rule.Preferences(client.may_call, client.may_leave_voicemail, client.may_text,
                            client.may_email, client.post_is_safe)


def contact_problems(form: ContactForm, earliest=None) -> dict[str, str]:
    v = validation.Check("contact")
    v.choice("channel", form.channel, rule.CHANNELS, "Choose how the contact was made.")
    v.choice("direction", form.direction, rule.DIRECTIONS,
             "Say whether we contacted them or they contacted us.")
    if "channel" not in v.problems:
        v.choice("outcome", form.outcome, rule.OUTCOMES_FOR[form.channel],
                 "Choose how it went.")
    v.moment("at", form.at, after_message="A contact cannot be in the future.",
             not_before_day=earliest, before_message="That is before the referral was made.")
    v.text("note", form.note)
    return v.problems


@use_case("contacts.record", unit_of_work=False)
def record(uc, case_id: int, form: ContactForm) -> int:
    """Record a contact. One we made by a channel the client said is not safe, or a message
    left where they said not to, is refused with the reason (and the refusal audited)."""
    problems = contact_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    with uc.unit_of_work() as db:
        case = access.case(db, uc.session, "contacts.record", case_id)
        problems = contact_problems(form, case.referral_date)
        if problems:
            raise errors.ValidationError(problems)
        refused = rule.refusal(preferences(case.client), form.channel, form.direction,
                               form.outcome)
        if refused:
            # Kept (the unit of work commits), then the person is told why.
            uc.audit("case", case.id, outcome="refused")
        else:
            return _insert(db, uc.session, case, form)
    raise errors.ActionRefused(refused)


def _insert(db, session, case, form: ContactForm) -> int:
    when = validation.as_local(form.at or datetime.now())
    contact = ContactAttempt(case_id=case.id, at=when.isoformat(timespec="minutes"),
                             channel=form.channel, direction=form.direction,
                             outcome=form.outcome, note=form.note,
                             recorded_by=session.account_id, recorded_at=audit.now_iso())
    db.add(contact)
    db.flush()
    timeline.event(db, session, case, "contact",
                    f"Contact recorded: {rule.CHANNELS[form.channel].lower()}, "
                    f"{rule.OUTCOMES[form.outcome].lower()}")
    audit.record(db, session.account_id, "contacts.record", "contact_attempt", contact.id)
    return contact.id


@use_case("contacts.for_case")
def for_case(uc, case_id: int) -> ContactLog:
    """The contacts with the client, newest first, and which channels may be used now.
    Audited as a view."""
    case = access.case(uc.db, uc.session, "contacts.for_case", case_id)
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = uc.db.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case.id)
                      .order_by(ContactAttempt.at.desc(), ContactAttempt.id.desc())).all()
    prefs = preferences(case.client)
    channels = {c: rule.refusal(prefs, c, rule.OUTGOING, "") for c in rule.CHANNELS}
    uc.audit("case", case.id)
    return ContactLog(
        tuple(ContactView(r.id, r.at, r.channel, rule.CHANNELS[r.channel],
                          rule.DIRECTIONS[r.direction], rule.OUTCOMES[r.outcome], r.note,
                          names.get(r.recorded_by, "")) for r in rows),
        channels, prefs.may_call and prefs.may_leave_voicemail, case.client.safe_times)
