"""Reports for managers on the perpetrator workflow, and the dashboard's figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import func, select

from ..models import Case, Concern, Decision, OutcomeCommunication
from ..policy import lifecycle, perpetrators as policy, referral as vocab
from .concerns import AWAITING_REVIEW, COMPLETED, ON_HOLD, OUTCOME_TO_COMMUNICATE
from .use_case import use_case

STAGE_LABELS = {status: lifecycle.CONCERN_LABELS[status]
                for status in (ON_HOLD, AWAITING_REVIEW, OUTCOME_TO_COMMUNICATE)}
AGE_BANDS = ((0, 7, "up to a week"), (8, 28, "1 to 4 weeks"), (29, 10**6, "over 4 weeks"))


@dataclass(frozen=True)
class Durations:
    count: int
    median_days: float | None
    longest_days: float | None


@dataclass(frozen=True)
class Dashboard:
    open_by_stage: dict[str, int]
    open_by_age: dict[str, int]
    to_decision: Durations
    to_communication: Durations
    decisions_by_outcome: dict[str, int]
    referrals: int
    referrals_with_question_answered: int

    @property
    def question_answered_percent(self) -> float:
        return 100.0 if not self.referrals else \
            100.0 * self.referrals_with_question_answered / self.referrals


def _when(iso: str) -> datetime:
    value = datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _durations(pairs) -> Durations:
    days = [max(0.0, (_when(end) - _when(start)).total_seconds() / 86400)
            for start, end in pairs]
    if not days:
        return Durations(0, None, None)
    return Durations(len(days), round(statistics.median(days), 1), round(max(days), 1))


def figures(db, today: date | None = None) -> Dashboard:
    today = today or date.today()
    by_stage = {label: 0 for label in STAGE_LABELS.values()}
    by_age = {label: 0 for *_, label in AGE_BANDS}
    for status, raised_at in db.execute(select(Concern.status, Concern.raised_at)
                                        .where(Concern.status != COMPLETED)):
        by_stage[STAGE_LABELS[status]] += 1
        age = (today - _when(raised_at).date()).days
        by_age[next(label for low, high, label in AGE_BANDS if low <= age <= high)] += 1
    first_decision = (select(Decision.concern_id, func.min(Decision.decided_at).label("at"))
                      .group_by(Decision.concern_id).subquery())
    to_decision = db.execute(select(Concern.raised_at, first_decision.c.at)
                             .join(first_decision, first_decision.c.concern_id == Concern.id))
    to_communication = db.execute(
        select(Concern.raised_at, OutcomeCommunication.communicated_on)
        .join(OutcomeCommunication, OutcomeCommunication.concern_id == Concern.id))
    outcomes = {label: 0 for label in policy.OUTCOMES.values()}
    for outcome, n in db.execute(select(Decision.outcome, func.count())
                                 .where(Decision.corrects_id.is_(None))
                                 .group_by(Decision.outcome)):
        outcomes[policy.OUTCOMES[outcome]] = n
    total = db.scalar(select(func.count()).select_from(Case))
    answered = db.scalar(select(func.count()).select_from(Case).where(
        Case.interaction_answer.in_(list(vocab.INTERACTION_ANSWERS))))
    return Dashboard(by_stage, by_age, _durations(to_decision), _durations(to_communication),
                     outcomes, total, answered)


@use_case("reports.dashboard")
def dashboard(uc, today: date | None = None) -> Dashboard:
    result = figures(uc.db, today)
    uc.audit("report", None)
    return result


@use_case("reports.export_pdf")
def export_pdf(uc, today: date | None = None) -> bytes:
    """The dashboard as a PDF (in memory; printing or saving a copy is audited separately)."""
    from ..letters import workflow_report
    from . import settings
    result = figures(uc.db, today)
    uc.audit("report", None)
    organisation = settings.read(uc.session).organisation.name
    return workflow_report.render(result, organisation, today or date.today())
