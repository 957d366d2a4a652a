"""Canaries: unique markers written through the services into the text a person types, to
be looked for on disk afterwards (tests/safety/test_canaries.py,
tests/services/test_retention.py)."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import String

from sv2desk.models import Base
from sv2desk.models.base import SealedText
from sv2desk.services import assessments, cases, referrals, support

from .service_examples import assessment_form, referral_form, session_form


class Canaries(dict):
    """label -> canary. A canary is 'CANARY-' and 32 random hex digits."""

    def new(self, label: str) -> str:
        value = f"CANARY-{uuid.uuid4().hex}"
        self[label] = value
        return value

    def new_short(self, label: str) -> str:
        """A 16-character canary ('C-' and 14 random hex digits), for short columns
        such as the postcode."""
        value = f"C-{uuid.uuid4().hex[:14]}"
        self[label] = value
        return value

    def pattern(self) -> re.Pattern:
        """Any canary (or its random part alone) in UTF-8 or UTF-16-LE."""
        needles = []
        for value in self.values():
            for text in (value, value.split("-", 1)[1]):
                needles += [re.escape(text.encode("utf-8")), re.escape(text.encode("utf-16-le"))]
        return re.compile(b"|".join(needles))

    def label_of(self, found: bytes) -> str:
        for label, value in self.items():
            for text in (value, value.split("-", 1)[1]):
                if found in (text.encode("utf-8"), text.encode("utf-16-le")):
                    return label
        return "?"


def user_text_columns() -> list[tuple[str, str]]:
    return [(table.name, column.name)
            for table in Base.metadata.sorted_tables for column in table.columns
            if isinstance(column.type, (String, SealedText)) and not column.info.get("system")]


def write_casework_canaries(session, c: Canaries) -> int:
    """One case taken from an external referral to closed, with a canary in every text
    field on the way: the client, the referral, people named, the assessment, a support
    session and the closing note. Returns the case id."""
    form = referral_form(
        c.new("client name"), preferred_name=c.new("client preferred name"),
        gender=c.new("client gender"), pronouns=c.new("client pronouns"),
        address=c.new("client address"), postcode=c.new_short("client postcode"),
        phone=c.new("client phone"), email=c.new("client email") + "@example.org",
        post_is_safe=True, safe_post_address=c.new("safe post address"),
        safe_times=c.new("safe times"), external_referral=True,
        referrer_organisation=c.new("referrer organisation"),
        referrer_name=c.new("referrer name"), referrer_role=c.new("referrer role"),
        referrer_phone=c.new("referrer phone"),
        referrer_email=c.new("referrer email") + "@example.org",
        harm_categories={"other"}, harm_other=c.new("harm other"),
        support_requested={"other"}, support_other=c.new("support other"),
        interaction_answer="yes", interaction_details=c.new("interaction details"),
        persons_named=[referrals.PersonNamed(c.new("person named"),
                                             c.new("person named relationship"),
                                             c.new("person named identifiers"))],
        eligibility_note=c.new("eligibility note"), adult_at_risk=True,
        safeguarding_note=c.new("safeguarding note"))
    case = referrals.create_referral(session, form).id
    referrals.add_person_of_concern(session, case, referrals.PersonNamed(
        c.new("person of concern added"), c.new("added relationship"),
        c.new("added identifiers")))
    assessments.complete(session, case, assessment_form(
        immediate_risk=True, safety_notes=c.new("assessment safety notes"),
        needs=c.new("assessment needs"), interaction_answer="yes",
        interaction_notes=c.new("assessment interaction notes"),
        perpetrator_notes=c.new("assessment perpetrator notes"),
        outcome_notes=c.new("assessment outcome notes")))
    support.record_session(session, case, session_form(note=c.new("support session note")))
    write_daily_casework_canaries(session, case, c)
    cases.close(session, case, "support_completed", c.new("closing note"))
    return case


def write_daily_casework_canaries(session, case: int, c: Canaries) -> None:
    """The daily casework on a case waiting for support: its details changed (the history
    keeps old and new), a note, a contact, consent given and withdrawn, the waiting list
    joined and left, a booking cancelled with its reason."""
    from dataclasses import replace
    from datetime import date, time

    from sv2desk.services import (clients, consent, contacts, diary, notes,
                                  waiting_list)
    found = clients.details(session, case)
    clients.update(session, case, replace(
        found, language=c.new("client language"), interpreter_needed=True,
        interpreter_language=c.new("interpreter language"),
        access_needs=c.new("access needs")))
    found = clients.details(session, case)
    clients.update(session, case, replace(found, access_needs=c.new("access needs 2")))
    notes.add(session, case, notes.NoteForm(c.new("case note")))
    contacts.record(session, case, contacts.ContactForm("in_person", outcome="met",
                                                        note=c.new("contact note")))
    given = consent.record(session, case, consent.ConsentForm(
        "sharing", date.today(), "in_writing", c.new("consent shared with"),
        c.new("consent note")))
    consent.withdraw(session, given, consent.WithdrawalForm(date.today(), "phone",
                                                            c.new("withdrawal note")))
    entry = waiting_list.add(session, case, waiting_list.WaitingForm(
        "counselling", note=c.new("waiting list note")))
    waiting_list.remove(session, entry, "no_longer_needed", c.new("removal note"))
    booked = diary.book(session, case, diary.BookingForm(
        date.today(), time(9, 0), 50, "counselling", location=c.new("booking place")))
    diary.cancel(session, booked, "client", c.new("cancellation reason"))
