"""Funder and commissioner returns: a quarter's figures, previewed and exported as XLSX, CSV
and PDF, with every count protected so that no return can identify a person
(policy/returns.py says what a return holds, policy/disclosure.py how counts are hidden).

Only counts leave this module: no name, reference or date of a person. Making a return
and exporting one are audited.
"""

from __future__ import annotations

import csv
import functools
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, func, or_, select

from .. import errors
from ..models import (Case, Client, Concern, Decision, EqualityMonitoring, OutcomeCommunication,
                      SupportSession, WaitingListEntry)
from ..policy import diary, disclosure, eligibility, equality, lifecycle, returns as policy
from .use_case import use_case

FORMATS = {"xlsx": "Excel workbook (.xlsx)", "csv": "CSV (comma-separated)", "pdf": "PDF"}


@dataclass(frozen=True)
class Table:
    """One breakdown as it may be shown: (label, shown count) rows and the total."""

    title: str
    rows: tuple[tuple[str, str], ...]
    total: str
    withheld: bool = False


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class Return:
    quarter: policy.Quarter
    tables: tuple[Table, ...]
    figures: tuple[Figure, ...]
    made_on: date
    footnote: str = disclosure.FOOTNOTE


def _table(title: str, counts: dict[str, int], total: int | None = None) -> Table:
    labels = list(counts)
    shown = disclosure.protect([counts[k] for k in labels], total)
    return Table(title, tuple(zip(labels, shown.cells)), shown.total, shown.withheld)


def _utc_bounds(quarter: policy.Quarter) -> tuple[str, str]:
    """The quarter as stored times (ISO, UTC) from its first local midnight to its last."""
    start = datetime.combine(quarter.first_day, time()).astimezone(timezone.utc)
    end = datetime.combine(quarter.last_day + timedelta(days=1), time()).astimezone(timezone.utc)
    return start.isoformat(timespec="microseconds"), end.isoformat(timespec="microseconds")


def _counted(labels, found) -> dict[str, int]:
    counts = dict.fromkeys(labels, 0)
    for label, n in Counter(found).items():
        counts[label] = counts.get(label, 0) + n
    return counts


def _district_order(outward: str) -> tuple[str, int, str]:
    """DE1, DE4, DE22 ... S40: letters, then the number as a number."""
    letters = outward.rstrip("0123456789ABCDEFGHJKLMNPQRSTUVWXY")[:2].rstrip("0123456789")
    rest = outward[len(letters):]
    digits = "".join(ch for ch in rest if ch.isdigit())
    return letters, int(digits or 0), rest


def _referrals(db, quarter) -> tuple[list[Table], int, list]:
    rows = db.execute(
        select(Case.external_referral, Case.referrer_type, Case.interaction_answer,
               Case.referral_date, Client.date_of_birth, Client.approximate_age,
               Client.postcode, EqualityMonitoring.age_band, EqualityMonitoring.gender,
               EqualityMonitoring.ethnicity)
        .join(Client, Client.id == Case.client_id)
        .outerjoin(EqualityMonitoring, EqualityMonitoring.case_id == Case.id)
        .where(Case.referral_date >= quarter.first_day, Case.referral_date <= quarter.last_day,
               Case.erased_at.is_(None))).all()
    total = len(rows)

    from .referrals import districts
    known = districts()

    @functools.lru_cache(maxsize=4096)
    def district(postcode: str) -> str:
        outward = eligibility.district(postcode)
        if outward is None:
            return policy.NOT_KNOWN
        if outward in known.wholly or outward in known.partly:
            return outward
        return policy.OUTSIDE_DERBYSHIRE

    def age(r) -> str:
        band = r.age_band
        if not band or band == equality.PREFER_NOT:
            years = eligibility.age_on(r.date_of_birth, r.referral_date) \
                if r.date_of_birth else r.approximate_age
            band = equality.age_band_for(years) or band
        return equality.label("age_band", band)

    # One pass over the quarter's referrals, each counted in every breakdown.
    by_source, by_age, by_gender, by_group, by_place = ([] for _ in range(5))
    for r in rows:
        by_source.append(policy.SELF_REFERRAL if not r.external_referral else
                         policy.REFERRER_TYPES.get(r.referrer_type,
                                                   policy.REFERRER_NOT_RECORDED))
        by_age.append(age(r))
        by_gender.append(equality.label("gender", r.gender or ""))
        by_group.append(equality.ethnic_group_label(r.ethnicity or ""))
        by_place.append(district(r.postcode or ""))
    sources = [policy.SELF_REFERRAL, *policy.REFERRER_TYPES.values()]
    ages = [*equality.AGE_BANDS.values(), equality.PREFER_NOT_LABEL, equality.NOT_RECORDED]
    genders = [*equality.GENDER.values(), equality.PREFER_NOT_LABEL, equality.NOT_RECORDED]
    groups = [*equality.ETHNIC_GROUPS.values(), equality.PREFER_NOT_LABEL,
              equality.NOT_RECORDED]
    places = sorted(set(by_place) - {policy.OUTSIDE_DERBYSHIRE, policy.NOT_KNOWN},
                    key=_district_order)
    tables = [
        _table("Referrals by source", _counted(sources, by_source), total),
        _table("Referrals by age", _counted(ages, by_age), total),
        _table("Referrals by gender", _counted(genders, by_gender), total),
        _table("Referrals by ethnic group", _counted(groups, by_group), total),
        _table("Referrals by postcode district",
               _counted([*places, policy.OUTSIDE_DERBYSHIRE, policy.NOT_KNOWN], by_place),
               total),
    ]
    return tables, total, rows


def _waiting(db, quarter, start: str, end: str) -> list[Figure]:
    allocated = db.execute(select(WaitingListEntry.waiting_since, WaitingListEntry.allocated_at)
                           .where(WaitingListEntry.allocated_at >= start,
                                  WaitingListEntry.allocated_at < end)).all()
    waited = [max(0, (datetime.fromisoformat(at).astimezone().date() - since).days)
              for since, at in allocated]
    still = db.scalar(select(func.count()).select_from(WaitingListEntry).where(
        WaitingListEntry.waiting_since <= quarter.last_day,
        or_(WaitingListEntry.open.is_(True),
            and_(WaitingListEntry.allocated_at.is_not(None),
                 WaitingListEntry.allocated_at >= end),
            and_(WaitingListEntry.removed_at.is_not(None),
                 WaitingListEntry.removed_at >= end))))
    return [
        Figure("People allocated from the waiting list", disclosure.small(len(waited))),
        Figure("Median days waited before allocation", disclosure.median_text(waited)),
        Figure("Still waiting at the end of the quarter", disclosure.small(still)),
    ]


def _sessions(db, quarter) -> Table:
    found = dict(((status, by), n) for status, by, n in db.execute(
        select(SupportSession.status, SupportSession.cancelled_by, func.count())
        .where(SupportSession.session_date >= quarter.first_day,
               SupportSession.session_date <= quarter.last_day,
               SupportSession.status != diary.MOVED)
        .group_by(SupportSession.status, SupportSession.cancelled_by)))

    def of(status, by=None):
        return sum(n for (s, b), n in found.items() if s == status and (by is None or b == by))
    counts = {
        "Attended": of(diary.HELD),
        "Not attended": of(diary.DID_NOT_ATTEND),
        "Cancelled by the client": of(diary.CANCELLED, diary.BY_CLIENT),
        "Cancelled by us": of(diary.CANCELLED) - of(diary.CANCELLED, diary.BY_CLIENT),
        "Still booked": of(diary.PLANNED),
    }
    return _table("Sessions offered", counts, sum(found.values()))


def _outcomes(db, start: str, end: str) -> Table:
    found = dict(db.execute(select(Case.closed_reason, func.count())
                            .where(Case.closed_at >= start, Case.closed_at < end)
                            .group_by(Case.closed_reason)).all())
    counts = {label: found.get(code, 0) for code, label in lifecycle.CLOSE_REASONS.items()}
    counts["Other"] += sum(n for code, n in found.items() if code not in lifecycle.CLOSE_REASONS)
    return _table("Cases closed, by how they ended", counts)


def _policy(db, referrals: list, start: str, end: str) -> tuple[Table, list[Figure]]:
    asked = sum(1 for r in referrals if r.interaction_answer)
    question = _table("Referrals asked the interaction question",
                      {"Asked and answered": asked, "Not asked": len(referrals) - asked},
                      len(referrals))
    raised = db.scalar(select(func.count()).select_from(Concern)
                       .where(Concern.raised_at >= start, Concern.raised_at < end))
    first = (select(Decision.concern_id, func.min(Decision.decided_at).label("at"))
             .group_by(Decision.concern_id).subquery())
    decided = db.execute(select(Concern.raised_at, first.c.at)
                         .join(first, first.c.concern_id == Concern.id)
                         .where(first.c.at >= start, first.c.at < end)).all()
    days = [max(0, (datetime.fromisoformat(at) - datetime.fromisoformat(raised_at))
                .total_seconds() / 86400) for raised_at, at in decided]
    shared = db.scalar(select(func.count()).select_from(OutcomeCommunication).where(
        OutcomeCommunication.recorded_at >= start, OutcomeCommunication.recorded_at < end))
    return question, [
        Figure("Concerns raised (potential perpetrators)", disclosure.small(raised)),
        Figure("Concerns decided by a manager", disclosure.small(len(days))),
        Figure("Median days from concern to decision", disclosure.median_text(days)),
        Figure("Outcomes shared with the person", disclosure.small(shared)),
    ]


def build(db, quarter: policy.Quarter, today: date | None = None) -> Return:
    start, end = _utc_bounds(quarter)
    referral_tables, total, referrals = _referrals(db, quarter)
    question, policy_figures = _policy(db, referrals, start, end)
    figures = [Figure("Referrals received", disclosure.small(total)),
               *_waiting(db, quarter, start, end), *policy_figures]
    tables = [*referral_tables, _sessions(db, quarter), _outcomes(db, start, end), question]
    return Return(quarter, tuple(tables), tuple(figures), today or date.today())


def _quarter(quarter) -> policy.Quarter:
    if not isinstance(quarter, policy.Quarter) or quarter.number not in (1, 2, 3, 4) or \
            not 2000 <= quarter.year <= 2100:
        raise errors.ValidationError({"quarter": "Choose a quarter from the list."})
    return quarter


@use_case("returns.preview")
def preview(uc, quarter: policy.Quarter) -> Return:
    """The quarter's return, to look at before exporting it. Audited."""
    quarter = _quarter(quarter)
    made = build(uc.db, quarter)
    uc.audit("return", quarter.code)
    return made


# -- exports --------------------------------------------------------------------------------

def _lines(made: Return) -> list[list[str]]:
    """The return as rows of cells: what the CSV holds, and the workbook's one sheet."""
    lines = [[f"Return for {made.quarter.label}"], [f"Made on {made.made_on:%d/%m/%Y}"], [],
             ["Figure", "Value"]]
    lines += [[f.label, f.value] for f in made.figures]
    for t in made.tables:
        lines += [[], [t.title, "Number"]]
        lines += [[label, value] for label, value in t.rows]
        lines.append(["Total", t.total])
    lines += [[], [made.footnote]]
    return lines


def to_csv(made: Return) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in _lines(made):
        writer.writerow(line)
    return buffer.getvalue().encode("utf-8-sig")   # Excel opens UTF-8 with its mark


def to_xlsx(made: Return) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    sheet.title = made.quarter.code
    bold = Font(bold=True)
    for line in _lines(made):
        sheet.append(line)
        row = sheet.max_row
        if len(line) == 2 and line[1] in ("Number", "Value") or row == 1:
            for cell in sheet[row]:
                cell.font = bold
        for cell in sheet[row]:
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.value = int(cell.value)        # a count shown in full is a number
            cell.alignment = Alignment(wrap_text=cell.column == 1)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    book.properties.creator = "SV2 Desk"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(made: Return, organisation: str) -> bytes:
    from ..letters import returns_report
    return returns_report.render(made, organisation)


@use_case("returns.export")
def export(uc, quarter: policy.Quarter, kind: str) -> bytes:
    """The quarter's return as a file's bytes (``kind``: xlsx, csv or pdf), in memory: the
    screen asks where to save it. Audited with the quarter and the format."""
    quarter = _quarter(quarter)
    if kind not in FORMATS:
        raise errors.ValidationError({"kind": "Choose Excel, CSV or PDF."})
    from . import settings
    organisation = settings.read(uc.session).organisation.name
    made = build(uc.db, quarter)
    uc.audit("return", f"{quarter.code}:{kind}")
    if kind == "csv":
        return to_csv(made)
    if kind == "xlsx":
        return to_xlsx(made)
    return to_pdf(made, organisation)

