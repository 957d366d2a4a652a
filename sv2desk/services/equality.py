"""Equality monitoring: optional answers, asked at the initial options assessment, seen
only by the worker on the case and managers (policy/equality.py has the questions).

Nothing is ever required: every question may be left unanswered or answered "Prefer not
to say". Funders see only protected counts (services/returns.py)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select

from .. import errors
from ..models import Account, EqualityMonitoring
from ..policy import equality as policy, validation
from . import access, audit, timeline
from .use_case import use_case


@dataclass
class EqualityForm:
    """The answers ("" where a question was not asked or not answered)."""

    ethnicity: str = ""
    disability: str = ""
    sexual_orientation: str = ""
    religion: str = ""
    age_band: str = ""
    gender: str = ""
    trans: str = ""


QUESTIONS = tuple(f.name for f in fields(EqualityForm))


@dataclass(frozen=True)
class EqualityView:
    answers: EqualityForm
    labels: dict            # question -> the answer in words ("Not recorded")
    recorded_by: str
    recorded_at: str
    version: int


def equality_problems(form: EqualityForm) -> dict[str, str]:
    v = validation.Check("equality")
    for question in QUESTIONS:
        value = getattr(form, question)
        if value != "":
            v.choice(question, value, policy.answers(question), "Choose from the list, "
                     "\u201cPrefer not to say\u201d, or leave it unanswered.")
    return v.problems


def _answered(form: EqualityForm) -> bool:
    return any(getattr(form, q) for q in QUESTIONS)


def save(db, session, case, form: EqualityForm) -> None:
    """Record the answers in the caller's transaction (shared with the assessment)."""
    row = db.scalar(select(EqualityMonitoring).where(EqualityMonitoring.case_id == case.id))
    if row is None:
        if not _answered(form):
            return
        row = EqualityMonitoring(case_id=case.id)
        db.add(row)
    for question in QUESTIONS:
        setattr(row, question, getattr(form, question))
    row.recorded_by = session.account_id
    row.recorded_at = audit.now_iso()
    db.flush()
    timeline.event(db, session, case, "equality", "Equality monitoring recorded")
    audit.record(db, session.account_id, "equality.record", "equality_monitoring", row.id)


@use_case("equality.record")
def record(uc, case_id: int, form: EqualityForm) -> None:
    problems = equality_problems(form)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "equality.record", case_id)
    save(uc.db, uc.session, case, form)


@use_case("equality.view")
def view(uc, case_id: int) -> EqualityView | None:
    """The answers recorded for the case (None: none yet). Audited as a view."""
    case = access.case(uc.db, uc.session, "equality.view", case_id)
    row = uc.db.scalar(select(EqualityMonitoring)
                    .where(EqualityMonitoring.case_id == case.id))
    uc.audit("case", case.id)
    if row is None:
        return None
    answers = EqualityForm(**{q: getattr(row, q) for q in QUESTIONS})
    who = uc.db.scalar(select(Account.display_name).where(Account.id == row.recorded_by))
    return EqualityView(answers, {q: policy.label(q, getattr(row, q)) for q in QUESTIONS},
                        who or "", row.recorded_at, row.version)
