"""Case notes: dated notes on the case's timeline, by whom.

A note about the case's concern is for the people on the case only (its assigned worker,
whoever raised a concern on it, and managers: policy/access.py), like everything else that
reveals a concern; anyone else who can see the case sees its other notes. Notes are never
changed once written: a correction is another note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .. import errors
from ..models import Account, CaseNote
from ..policy import validation
from . import access, audit, timeline
from .use_case import use_case


@dataclass
class NoteForm:
    text: str = ""
    noted_at: datetime | None = None    # when what it records happened (default: now)
    about_concern: bool = False         # a note about the case's concern


@dataclass(frozen=True)
class NoteView:
    id: int
    noted_at: str          # local time, to the minute
    written_at: str
    by: str
    text: str
    about_concern: bool


def note_problems(form: NoteForm, earliest=None) -> dict[str, str]:
    v = validation.Check("case_note")
    v.text("text", form.text, required="Write the note.")
    v.moment("noted_at", form.noted_at, after_message="A note cannot be dated in the future.",
             not_before_day=earliest, before_message="That is before the referral was made.")
    if not isinstance(form.about_concern, bool):
        v.fail("about_concern", "Choose yes or no.")
    return v.problems


@use_case("notes.add")
def add(uc, case_id: int, form: NoteForm) -> int:
    """Add a note to the case (the people on the case; a note about the concern only while
    the case has one)."""
    problems = note_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "notes.add", case_id)
    problems = note_problems(form, case.referral_date)
    if problems:
        raise errors.ValidationError(problems)
    concern = None
    if form.about_concern:
        access.check(uc.db, uc.session, "notes.about_concern", case)
        concern = access.concern_of(uc.db, case)
        if concern is None:
            raise errors.ActionRefused("There is no concern on this case to write a "
                                       "note about.")
    when = validation.as_local(form.noted_at or datetime.now())
    note = CaseNote(case_id=case.id, concern_id=concern.id if concern else None,
                    noted_at=when.isoformat(timespec="minutes"), text=form.text,
                    written_by=uc.session.account_id, written_at=audit.now_iso())
    uc.db.add(note)
    uc.db.flush()
    timeline.event(uc.db, uc.session, case, "concern_note" if concern else "note",
                    "Note about the concern added" if concern else "Note added")
    uc.audit("case_note", note.id)
    return note.id


@use_case("notes.for_case")
def for_case(uc, case_id: int) -> list[NoteView]:
    """The case's notes, newest first; notes about a concern only for the people on the
    case. Audited as a view."""
    case = access.case(uc.db, uc.session, "notes.for_case", case_id)
    sees_concern = access.sees_concern(uc.db, uc.session, case)
    query = select(CaseNote).where(CaseNote.case_id == case.id)
    if not sees_concern:
        query = query.where(CaseNote.concern_id.is_(None))
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = uc.db.scalars(query.order_by(CaseNote.noted_at.desc(), CaseNote.id.desc())).all()
    uc.audit("case", case.id)
    return [NoteView(n.id, n.noted_at, n.written_at, names.get(n.written_by, ""), n.text,
                     n.concern_id is not None) for n in rows]
