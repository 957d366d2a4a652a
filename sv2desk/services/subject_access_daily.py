"""The daily casework in a person's copy of their data (subject access): every change to
their details, consent given and withdrawn, notes, contacts, equality answers and the
waiting list. Free text goes through the same redactor as the rest of the copy, so names of
other people are found and offered for review."""

from __future__ import annotations

from sqlalchemy import select

from ..models import (CaseNote, ClientChange, ConsentRecord, ContactAttempt,
                      EqualityMonitoring, WaitingListEntry)
from ..policy import (consent as consent_policy, diary, equality, safe_contact,
                      waiting as waiting_policy)
from .clients import LABELS


def session_status(booked) -> str:
    label = diary.STATUSES.get(getattr(booked, "status", "") or "", "")
    if booked.suspended_at and booked.status == diary.PLANNED:
        return diary.SUSPENDED_LABEL
    if booked.status == diary.CANCELLED:
        return f"{label}: {diary.CANCELLED_BY.get(booked.cancelled_by or '', '').lower()}"
    return label


def _day(value) -> str:
    return value.isoformat() if value else ""


def sections(db, case, names: dict, redact, section) -> None:
    """Add the daily casework's sections (only those with something in them)."""
    s = "Changes to your details"
    groups = [[("When", c.changed_at[:16].replace("T", " ")),
               ("By", names.get(c.changed_by, "")),
               ("What", LABELS.get(c.field, c.field)),
               ("Before", redact(s, "Earlier value", c.old_value)),
               ("After", redact(s, "New value", c.new_value))]
              for c in db.scalars(select(ClientChange).where(ClientChange.case_id == case.id)
                                  .order_by(ClientChange.id))]
    if groups:
        section(s, groups, "The history of every change to your details, as it was kept.")

    s = "Your consent"
    groups = [[("To", consent_policy.KINDS.get(r.kind, r.kind)),
               ("Shared with", redact(s, "Shared with", r.shared_with)),
               ("Given on", _day(r.given_on)),
               ("How", consent_policy.HOW.get(r.how, r.how)),
               ("Recorded by", names.get(r.recorded_by, "")),
               ("Note", redact(s, "Consent note", r.note)),
               ("Withdrawn on", _day(r.withdrawn_on)),
               ("How it was withdrawn", consent_policy.HOW.get(r.withdrawn_how or "", "")),
               ("Withdrawal recorded by", names.get(r.withdrawal_recorded_by, "")),
               ("Note on the withdrawal", redact(s, "Withdrawal note", r.withdrawal_note))]
              for r in db.scalars(select(ConsentRecord).where(ConsentRecord.case_id == case.id)
                                  .order_by(ConsentRecord.id))]
    if groups:
        section(s, groups)

    s = "Notes"
    groups = [[("Date", n.noted_at.replace("T", " ")), ("By", names.get(n.written_by, "")),
               ("Note", redact(s, "Case note", n.text))]
              for n in db.scalars(select(CaseNote).where(CaseNote.case_id == case.id)
                                  .order_by(CaseNote.noted_at, CaseNote.id))]
    if groups:
        section(s, groups)

    s = "Contact with you"
    groups = [[("Date", r.at.replace("T", " ")),
               ("How", safe_contact.CHANNELS.get(r.channel, r.channel)),
               ("Who got in touch", safe_contact.DIRECTIONS.get(r.direction, r.direction)),
               ("How it went", safe_contact.OUTCOMES.get(r.outcome, r.outcome)),
               ("By", names.get(r.recorded_by, "")),
               ("Note", redact(s, "Contact note", r.note))]
              for r in db.scalars(select(ContactAttempt)
                                  .where(ContactAttempt.case_id == case.id)
                                  .order_by(ContactAttempt.at, ContactAttempt.id))]
    if groups:
        section(s, groups)

    row = db.scalar(select(EqualityMonitoring).where(EqualityMonitoring.case_id == case.id))
    if row is not None:
        section("Equality monitoring", [[
            (equality.QUESTIONS[q][0], equality.label(q, getattr(row, q)))
            for q in equality.QUESTIONS]], "Your answers, which were all optional.")

    s = "Waiting list"
    groups = [[("For", waiting_policy.SERVICES.get(w.service, w.service)),
               ("Priority", waiting_policy.PRIORITIES.get(w.priority, w.priority)),
               ("Waiting since", _day(w.waiting_since)),
               ("Allocated", (w.allocated_at or "")[:10]),
               ("Taken off the list", (w.removed_at or "")[:10]),
               ("Note", redact(s, "Waiting list note", w.note))]
              for w in db.scalars(select(WaitingListEntry)
                                  .where(WaitingListEntry.case_id == case.id)
                                  .order_by(WaitingListEntry.id))]
    if groups:
        section(s, groups)
