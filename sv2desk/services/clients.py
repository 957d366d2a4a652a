"""Keeping a client's record up to date: their contact details, safe-contact preferences,
name and pronouns, language, interpreter and access needs.

Every change keeps the old value, with who changed it and when, in a history a manager can
see; it is audited, and it re-runs the connection check (the person may now match someone
else). The record is changed in place, so everything that reads it (the posting check on a
letter, the contact log's safe-channel check) uses the answers as they are now.

Two people editing the same record: the second save is refused, saying who changed what
and when, and nothing they typed is lost (the screen keeps it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from .. import errors
from ..models import Account, Case, ClientChange
from ..policy import validation
from . import access, audit, timeline, search_index
from .connections import check as connection_check
from .referrals import ContactDetails
from .use_case import use_case

# What each detail is called, in the words of the form, for the history and for saying
# what someone else changed.
LABELS = {
    "name": "Name",
    "preferred_name": "Name they would like us to use",
    "date_of_birth": "Date of birth",
    "approximate_age": "Approximate age",
    "gender": "Gender",
    "pronouns": "Pronouns",
    "address": "Address",
    "postcode": "Postcode",
    "phone": "Phone",
    "email": "Email",
    "post_is_safe": "Post is safe",
    "safe_post_address": "Address that is safe for post",
    "may_call": "We may phone them",
    "may_leave_voicemail": "We may leave a message",
    "may_text": "We may text them",
    "may_email": "We may email them",
    "safe_times": "Safe times to contact",
    "name_on_envelope_ok": "Our name may show on envelopes",
    "name_on_caller_display_ok": "Our name may show on caller display",
    "name_in_messages_ok": "Our name may show in texts and emails",
    "language": "Language they would like to use",
    "interpreter_needed": "They need an interpreter",
    "interpreter_language": "Language for an interpreter",
    "access_needs": "Access needs",
}
# Details the connection check compares: a change to any of them checks the person again.
MATCHED = frozenset({"name", "preferred_name", "date_of_birth", "approximate_age", "phone",
                     "postcode"})
# Details the search index holds.
SEARCHED = frozenset({"name", "preferred_name", "date_of_birth", "postcode"})


@dataclass
class ClientDetails(ContactDetails):
    """A client's details as they can be changed: those asked at referral and the rest.
    ``version`` is the record's version when it was read: a save is refused if someone else
    has saved it since."""

    name_in_messages_ok: bool = False
    language: str = ""
    interpreter_needed: bool = False
    interpreter_language: str = ""
    access_needs: str = ""
    version: int = 0


DETAIL_FIELDS = tuple(f.name for f in fields(ClientDetails) if f.name != "version")
TEXT_FIELDS = tuple(validation.LIMITS["client_details"])
BOOLEANS = tuple(f.name for f in fields(ClientDetails)
                 if f.type in ("bool", bool) and f.name != "version")


@dataclass(frozen=True)
class Change:
    """One line of the history: a detail, what it was and what it became."""

    at: str
    by: str
    field: str
    label: str
    old: str
    new: str


class ChangedMeanwhile(errors.ActionRefused):
    """Someone else saved the record since it was opened here: nothing was saved."""

    def __init__(self, who: str, when: str, labels: list[str]):
        what = ", ".join(label.lower() for label in labels) or "some details"
        super().__init__(f"{who} changed this record at {when} while you had it open "
                         f"({what}), so your changes were not saved. What you typed is "
                         "still here: check their changes, then save again.")
        self.fields = tuple(labels)


def check(details: ClientDetails, today: date | None = None) -> dict[str, str]:
    """Field name -> plain-English problem (empty when the details can be saved)."""
    today = today or date.today()
    v = validation.Check("client_details")
    for name in TEXT_FIELDS:
        v.text(name, getattr(details, name))
    p = v.problems
    if not any(isinstance(getattr(details, n), str) and validation.visible(getattr(details, n))
               for n in ("name", "preferred_name")) and "name" not in p:
        p["name"] = "Enter the person's name, or the name they would like us to use."
    born = details.date_of_birth
    if born is not None:
        if not isinstance(born, date):
            p["date_of_birth"] = "Give a date."
        elif born > today:
            p["date_of_birth"] = "The date of birth is in the future."
        elif today.year - born.year > 120:
            p["date_of_birth"] = "Check the date of birth: that would be over 120 years ago."
    if details.approximate_age is not None:
        v.number("approximate_age", details.approximate_age, 0, 120,
                 "Give an age between 0 and 120.")
    if "email" not in p and details.email.strip() and "@" not in details.email:
        p["email"] = "That email address does not look right."
    if details.post_is_safe and "safe_post_address" not in p and not (
            validation.visible(details.safe_post_address) or validation.visible(details.address)):
        p["safe_post_address"] = "Post is marked safe: say which address it is safe to send to."
    if details.interpreter_needed and "interpreter_language" not in p and not (
            validation.visible(details.interpreter_language)
            or validation.visible(details.language)):
        p["interpreter_language"] = "Say which language the interpreter should speak."
    for name in BOOLEANS:
        if not isinstance(getattr(details, name), bool):
            p[name] = "Choose yes or no."
    if not isinstance(details.version, int) or isinstance(details.version, bool):
        p["version"] = "Open the record again before changing it."
    return p


def details_of(client) -> ClientDetails:
    return ClientDetails(**{name: getattr(client, name) for name in DETAIL_FIELDS},
                         version=client.version)


def _shown(value) -> str:
    """A value as the history shows it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _changed(db, case: Case, opened_version: int) -> ChangedMeanwhile:
    """Who saved the record since ``opened_version`` was read, when, and what."""
    rows = db.execute(select(ClientChange.field, ClientChange.changed_by,
                             ClientChange.changed_at)
                      .where(ClientChange.client_id == case.client_id)
                      .order_by(ClientChange.id.desc()).limit(200)).all()
    newest = rows[0] if rows else None
    labels: list[str] = []
    if newest is not None:
        # Every detail changed in saves made since it was opened (one save: one moment).
        saves = list(dict.fromkeys(r.changed_at for r in rows))
        recent = set(saves[:max(1, case.client.version - opened_version)])
        labels = list(dict.fromkeys(LABELS[r.field] for r in rows if r.changed_at in recent))
    who = db.scalar(select(Account.display_name).where(Account.id == newest.changed_by)) \
        if newest else None
    when = validation.as_local(newest.changed_at).strftime("%H:%M on %d/%m/%Y") \
        if newest else "a moment ago"
    return ChangedMeanwhile(who or "Someone else", when, labels)


@use_case("clients.details")
def details(uc, case_id: int) -> ClientDetails:
    """The client's details as they are now, to change them. Audited as a view."""
    case = access.case(uc.db, uc.session, "clients.details", case_id)
    found = details_of(case.client)
    uc.audit("case", case.id)
    return found


@use_case("clients.update")
def update(uc, case_id: int, changed: ClientDetails) -> tuple[str, ...]:
    """Save the client's details. Returns the labels of what changed (nothing saved when
    nothing changed). Refused if someone else saved the record since ``changed.version``."""
    problems = check(changed)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "clients.update", case_id)
    if case.erased_at:
        raise errors.ActionRefused("This case's personal data has been erased.")
    client = case.client
    if client.version != changed.version:
        raise _changed(uc.db, case, changed.version)
    now = audit.now_iso()
    differ = [name for name in DETAIL_FIELDS
              if getattr(client, name) != getattr(changed, name)]
    if not differ:      # saved as it was: nothing to keep, the save still audited
        uc.audit("case", case.id)
        return ()
    for name in differ:
        uc.db.add(ClientChange(case_id=case.id, client_id=client.id, field=name,
                            old_value=_shown(getattr(client, name)),
                            new_value=_shown(getattr(changed, name)),
                            changed_by=uc.session.account_id, changed_at=now))
        setattr(client, name, getattr(changed, name))
    uc.db.flush()
    labels = tuple(LABELS[name] for name in differ)
    timeline.event(uc.db, uc.session, case, "details", "Client's details changed: "
                    + ", ".join(label.lower() for label in labels))
    if SEARCHED & set(differ):
        search_index.index_case(uc.db, case, client)
    uc.audit("case", case.id)
    if MATCHED & set(differ):
        # The person may now match someone else: any flag is for managers only.
        connection_check.after_client_changed(uc.db, uc.session, client.id)
    return labels


@use_case("clients.history")
def history(uc, case_id: int) -> list[Change]:
    """Every change to the client's details, newest first: managers only. Audited."""
    case = access.case(uc.db, uc.session, "clients.history", case_id)
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = uc.db.scalars(select(ClientChange).where(ClientChange.client_id == case.client_id)
                      .order_by(ClientChange.id.desc())).all()
    uc.audit("case", case.id)
    return [Change(r.changed_at, names.get(r.changed_by, ""), r.field,
                   LABELS.get(r.field, r.field), r.old_value, r.new_value) for r in rows]
