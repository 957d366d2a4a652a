"""Consent to processing and to information sharing: given (when, how, recorded by whom)
and withdrawn (the same), kept for the life of the record and included in subject access
(policy/consent.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from .. import errors
from ..models import Account, ConsentRecord
from ..policy import consent as policy, validation
from . import access, audit, timeline
from .use_case import use_case


@dataclass
class ConsentForm:
    kind: str = ""
    given_on: date | None = None
    how: str = ""
    shared_with: str = ""     # for sharing: with whom, and what for
    note: str = ""


@dataclass
class WithdrawalForm:
    withdrawn_on: date | None = None
    how: str = ""
    note: str = ""


@dataclass(frozen=True)
class ConsentView:
    id: int
    kind: str
    kind_label: str
    shared_with: str
    given_on: date
    how_label: str
    note: str
    recorded_by: str
    recorded_at: str
    withdrawn_on: date | None
    withdrawn_how_label: str
    withdrawal_note: str
    withdrawal_recorded_by: str

    @property
    def current(self) -> bool:
        return self.withdrawn_on is None


def consent_problems(form: ConsentForm) -> dict[str, str]:
    v = validation.Check("consent")
    v.choice("kind", form.kind, policy.KINDS, "Choose what the consent is to.")
    v.moment("given_on", form.given_on, required="Say when consent was given.",
             after_message="That date is in the future.")
    v.choice("how", form.how, policy.HOW, "Say how consent was given.")
    v.text("shared_with", form.shared_with,
           required="Say who the information may be shared with, and what for."
           if form.kind == policy.SHARING else None)
    v.text("note", form.note)
    return v.problems


def withdrawal_problems(form: WithdrawalForm, given_on: date | None = None) -> dict[str, str]:
    v = validation.Check("consent")
    v.moment("withdrawn_on", form.withdrawn_on, required="Say when consent was withdrawn.",
             after_message="That date is in the future.", not_before_day=given_on,
             before_message="That is before consent was given.")
    v.choice("how", form.how, policy.HOW, "Say how they withdrew consent.")
    v.text("note", form.note, limit_field="withdrawal_note")
    return v.problems


@use_case("consent.record")
def record(uc, case_id: int, form: ConsentForm) -> int:
    problems = consent_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "consent.record", case_id)
    row = ConsentRecord(case_id=case.id, kind=form.kind, given_on=form.given_on,
                        how=form.how, note=form.note,
                        shared_with=form.shared_with if form.kind == policy.SHARING else "",
                        recorded_by=uc.session.account_id, recorded_at=audit.now_iso())
    uc.db.add(row)
    uc.db.flush()
    timeline.event(uc.db, uc.session, case, "consent", "Consent recorded: "
                    + policy.KINDS[form.kind].lower())
    uc.audit("consent", row.id)
    return row.id


@use_case("consent.withdraw")
def withdraw(uc, consent_id: int, form: WithdrawalForm) -> None:
    problems = withdrawal_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    row = uc.db.get(ConsentRecord, consent_id) if isinstance(consent_id, int) else None
    if row is None:
        raise errors.NotYours()
    case = access.case(uc.db, uc.session, "consent.withdraw", row.case_id)
    if row.withdrawn_on is not None:
        raise errors.ActionRefused("This consent has already been recorded as withdrawn.")
    problems = withdrawal_problems(form, row.given_on)
    if problems:
        raise errors.ValidationError(problems)
    row.withdrawn_on = form.withdrawn_on
    row.withdrawn_how = form.how
    row.withdrawal_note = form.note
    row.withdrawal_recorded_by = uc.session.account_id
    row.withdrawal_recorded_at = audit.now_iso()
    timeline.event(uc.db, uc.session, case, "consent", "Consent withdrawn: "
                    + policy.KINDS[row.kind].lower())
    uc.audit("consent", row.id)


def views(db, case_id: int) -> list[ConsentView]:
    names = dict(db.execute(select(Account.id, Account.display_name)).all())
    rows = db.scalars(select(ConsentRecord).where(ConsentRecord.case_id == case_id)
                      .order_by(ConsentRecord.given_on.desc(), ConsentRecord.id.desc())).all()
    return [ConsentView(r.id, r.kind, policy.KINDS.get(r.kind, r.kind), r.shared_with,
                        r.given_on, policy.HOW.get(r.how, r.how), r.note,
                        names.get(r.recorded_by, ""), r.recorded_at, r.withdrawn_on,
                        policy.HOW.get(r.withdrawn_how or "", ""), r.withdrawal_note,
                        names.get(r.withdrawal_recorded_by, "")) for r in rows]


@use_case("consent.for_case")
def for_case(uc, case_id: int) -> list[ConsentView]:
    """Every consent record on the case, newest first, withdrawn ones included."""
    case = access.case(uc.db, uc.session, "consent.for_case", case_id)
    found = views(uc.db, case.id)
    uc.audit("case", case.id)
    return found
