"""Retention: closed cases are kept for a set time (six years after closing unless the
administrator changes it), then listed for a manager to review and erase.

Erasing removes the personal data and keeps what anonymous reports count: the case row
stays with its status, dates and codes (harm categories, support asked for, how it
arrived, how it closed), and so do the rows of the perpetrator workflow with their
outcome codes and dates; every word a person typed goes (client details, referral
text, people named, assessment and session notes, concern, discussion and decision
text, letters), the client's date of birth becomes an age, the search index row and
the connection check's keys go, and the case reference is replaced. The audit trail
records the erasure by case number only.

What counts as a case's own rows is read from the schema: every row that points at
the case (or at one of its own rows) through a foreign key, unless it also points at
another case that is not being erased (a connection flag between two cases stays
while either case is kept). Text columns are the canary test's "user text" (String, Text
or SealedText not marked ``info={"system": True}``), so a new table joins in by itself.

SQLite's secure_delete is on while erasing, and the write-ahead log is emptied after,
so the erased words do not linger in free pages of the database file. The search index
is merged afterwards (its older segments still hold the words); the erasing transaction
leaves a marker that the next sign-in sees, so a crash before that merge is finished
then. Drafts that name the person go too, and so do the copies of the data kept on this
PC for a while (store/set_aside.py: files set aside, pre-upgrade copies, the data as it
was before a restore), which still hold the erased words. Backups made before the
erasure still hold them until the rotation removes those backups.

A concern that ended with "support continues" (no further action) can be erased sooner,
on request, with the reason recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import LargeBinary, String, delete, or_, select, text, update

from .. import errors
from ..models import (Account, Assessment, Base, Case, CaseEvent, Client, Concern, Draft,
                      Erasure, PersonOfConcern, Setting)
from ..models.base import SealedBytes, SealedText
from ..policy import lifecycle, validation
from ..store import erase as secure, set_aside
from . import audit, timeline
from .concerns import COMPLETED
from .use_case import use_case
from .reviews import latest_decision

SETTING = "retention_years"
UNFINISHED = "erasure_unfinished"   # set by an erasing transaction until the index is merged
DEFAULT_YEARS = 6
MAX_YEARS = 100
NOT_OWNED = frozenset({"erasures", "audit_log"})   # the record of erasures itself stays
REMOVED = frozenset({"letters"})   # a letter is all personal data: the row goes entirely


@dataclass(frozen=True)
class RetentionSettings:
    years: int


@dataclass(frozen=True)
class DueCase:
    """A closed case past its retention period (no names: open the case to see more)."""

    case_id: int
    reference: str
    closed_on: date
    closed_reason: str
    keep_until: date
    worker_name: str


def _years(db) -> int:
    row = db.get(Setting, SETTING)
    return int(row.value) if row is not None else DEFAULT_YEARS


def keep_until(closed_on: date, years: int) -> date:
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:        # 29 February
        return closed_on.replace(year=closed_on.year + years, day=28)


def _closed_on(closed_at: str | None, updated_at: str) -> date:
    stamp = datetime.fromisoformat(closed_at or updated_at)
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)).astimezone().date()


@use_case("retention.settings")
def read(uc) -> RetentionSettings:
    return RetentionSettings(_years(uc.db))


@use_case("retention.set_period")
def set_period(uc, years: int) -> RetentionSettings:
    """How many years closed cases are kept after closing."""
    if not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise errors.ValidationError({"years": f"Choose a whole number of years from 1 to "
                                               f"{MAX_YEARS}."})
    row = uc.db.get(Setting, SETTING)
    if row is None:
        uc.db.add(Setting(key=SETTING, value=str(years)))
    else:
        row.value = str(years)
    uc.audit("setting", SETTING)
    return RetentionSettings(years)


def _due(db, today: date) -> list[tuple]:
    """(row, closed on, keep until) for every closed case past the period, oldest first.
    SQL narrows to cases closed before the period (with a few days' margin for time
    zones); the exact date check is done here."""
    years = _years(db)
    bound = (keep_until(today, -years) + timedelta(days=3)).isoformat()
    rows = db.execute(
        select(Case.id, Case.reference, Case.closed_at, Case.updated_at, Case.closed_reason,
               Case.assigned_worker_id)
        .where(Case.status == lifecycle.CLOSED, Case.erased_at.is_(None),
               or_(Case.closed_at < bound, Case.closed_at.is_(None)))
        .order_by(Case.closed_at, Case.id))
    found = []
    for row in rows:
        closed_on = _closed_on(row.closed_at, row.updated_at)
        until = keep_until(closed_on, years)
        if until <= today:
            found.append((row, closed_on, until))
    return found


@use_case("retention.due")
def due(uc, today: date | None = None) -> list[DueCase]:
    """Closed cases past the retention period, oldest first, for a manager to review."""
    today = today or date.today()
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = [DueCase(row.id, row.reference, closed_on,
                    lifecycle.CLOSE_REASONS.get(row.closed_reason or "", ""), until,
                    names.get(row.assigned_worker_id, "Not assigned"))
            for row, closed_on, until in _due(uc.db, today)]
    uc.audit("queue", None)
    return rows


@use_case("retention.erase", unit_of_work=False)
def erase(uc, case_ids, today: date | None = None, progress=None) -> int:
    """Erase the personal data of these cases, each of which must be past its retention
    period. Returns how many were erased."""
    today = today or date.today()
    wanted = sorted(set(int(i) for i in case_ids))
    if not wanted:
        return 0
    ws = uc.session.workspace
    with secure.securely(ws):
        with uc.unit_of_work() as db:
            due_ids = {row.id for row, _, _ in _due(db, today)}
            refused = [i for i in wanted if i not in due_ids]
            if refused:
                raise errors.ActionRefused(
                    "Only closed cases past the retention period can be erased. Refresh the "
                    "list: a case may have been erased already or not be due yet.")
            now = audit.now_iso()
            words = _words_about(db, wanted)
            for start in range(0, len(wanted), 500):
                _erase_cases(db, wanted[start:start + 500], now)
                if progress:
                    progress(min(1.0, (start + 500) / len(wanted)), "Erasing")
            _erase_drafts(db, words, set(wanted))
            db.add_all(Erasure(kind="case", case_id=i, erased_by=uc.session.account_id,
                               erased_at=now, reason="") for i in wanted)
            _mark_unfinished(db)
            uc.audit_many("case", wanted)
        _finish(ws)
    set_aside.remove_all(ws.folder)
    return len(wanted)


def _mark_unfinished(db) -> None:
    if db.get(Setting, UNFINISHED) is None:
        db.add(Setting(key=UNFINISHED, value="1"))


def _finish(ws) -> None:
    """Merge the search index (inside ``securely``) and drop the unfinished marker."""
    secure.optimise_search_index(ws)
    with ws.transaction() as db:
        row = db.get(Setting, UNFINISHED)
        if row is not None:
            db.delete(row)


def finish_interrupted(session) -> bool:
    """At sign-in: finish an erasure a crash stopped before its search index was merged
    and its copies removed. True when there was one."""
    ws = session.workspace
    with ws.transaction() as db:
        unfinished = db.get(Setting, UNFINISHED) is not None
    if not unfinished:
        return False
    with secure.securely(ws):
        _finish(ws)
    set_aside.remove_all(ws.folder)
    with ws.transaction() as db:
        audit.record(db, session.account_id, "retention.erase_finished")
    return True


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _words_about(db, case_ids: list[int]) -> set[str]:
    """What a draft would hold if it named one of these cases' people: the client's names,
    the case reference, the names of people named in the case (three characters or more)."""
    words = set()
    for chunk in _chunks(case_ids):
        for row in db.execute(select(Client.name, Client.preferred_name, Case.reference)
                              .join(Case, Case.client_id == Client.id)
                              .where(Case.id.in_(chunk))):
            words.update(row)
        words.update(db.scalars(select(PersonOfConcern.name)
                                .where(PersonOfConcern.case_id.in_(chunk))))
    return {w for w in (_normal(x or "") for x in words) if len(w) >= 3}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _erase_drafts(db, words: set[str], case_ids: set[int]) -> int:
    """Delete every draft (anyone's) that names one of the people, or is about one of the
    cases. Returns how many."""
    import json
    gone = 0
    for draft in db.scalars(select(Draft)):
        try:
            values = json.loads(draft.payload)
        except ValueError:
            values = draft.payload
        text_ = _normal(" | ".join(_strings(values)))
        about = isinstance(values, dict) and values.get("case_id") in case_ids
        if about or any(word in text_ for word in words):
            db.delete(draft)
            gone += 1
    return gone


@use_case("retention.erase_concern", unit_of_work=False)
def erase_concern(uc, concern_id: int, reason: str) -> None:
    """Erase, sooner and on request, a concern that ended with no further action (support
    continued). The outcome code and dates stay for the anonymous reports."""
    check = validation.Check("erasure")
    check.text("reason", reason, required="Say why this is being erased now (for example, "
                                          "the client asked).")
    if check.problems:
        raise errors.ValidationError(check.problems)
    ws = uc.session.workspace
    with secure.securely(ws):
        with uc.unit_of_work() as db:
            concern = db.get(Concern, concern_id)
            if concern is None:
                raise errors.NotFound("That concern could not be found.")
            decision = latest_decision(db, concern.id)
            if concern.status != COMPLETED or decision is None or \
                    decision.outcome != "support_continues":
                raise errors.ActionRefused(
                    "Only a concern that has ended with no further action (support "
                    "continued) can be erased sooner. Others are kept for the retention period.")
            if db.scalar(select(Erasure.id).where(Erasure.concern_id == concern.id)):
                raise errors.ActionRefused("This concern has already been erased.")
            _erase_owned(db, {"concerns": {concern.id}})
            _erase_concern_traces(db, concern)
            db.add(Erasure(kind="concern", case_id=concern.case_id, concern_id=concern.id,
                           erased_by=uc.session.account_id, erased_at=audit.now_iso(),
                           reason=reason))
            uc.audit("concern", concern.id)


# -- the erasing itself ---------------------------------------------------------------------------

def _user_text(column) -> bool:
    return isinstance(column.type, (String, SealedText)) and not column.info.get("system")


def _blank_values(table) -> dict:
    values = {}
    for column in table.columns:
        if _user_text(column):
            values[column.name] = "{}" if column.name.endswith("_json") else ""
        elif isinstance(column.type, (LargeBinary, SealedBytes)):
            values[column.name] = b""
    return values


def _owned_rows(db, roots: dict[str, set[int]]) -> dict[str, set[int]]:
    """Rows of every table that belong to the roots (by foreign keys, transitively)."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    owned = {name: set(ids) for name, ids in roots.items()}
    kept_cases = None
    changed = True
    while changed:
        changed = False
        for table in tables.values():
            if table.name in NOT_OWNED or "id" not in table.c or table.name in roots:
                continue
            links = [fk for fk in table.foreign_keys if fk.column.table.name in owned]
            if not links:
                continue
            case_links = [fk for fk in table.foreign_keys if fk.column.table.name == "cases"]
            condition = None
            for fk in links:
                ids = owned[fk.column.table.name]
                if ids:
                    term = fk.parent.in_(ids)
                    condition = term if condition is None else condition | term
            if condition is None:
                continue
            found = set()
            columns = [table.c.id] + [fk.parent for fk in case_links]
            for row in db.execute(select(*columns).where(condition)):
                others = [v for v in row[1:] if v is not None]
                if len(case_links) > 1:
                    if kept_cases is None:
                        kept_cases = set(db.scalars(select(Case.id).where(
                            Case.erased_at.is_(None))))
                    if any(v in kept_cases and v not in owned.get("cases", ()) for v in others):
                        continue
                found.add(row[0])
            new = found - owned.get(table.name, set())
            if new:
                owned.setdefault(table.name, set()).update(new)
                changed = True
    return owned


def _erase_owned(db, roots: dict[str, set[int]]) -> dict[str, set[int]]:
    """Blank the typed words (and binary documents) of the roots' rows and their own rows."""
    owned = _owned_rows(db, roots)
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    for name, ids in owned.items():
        if not ids or name == "cases":
            continue
        table = tables[name]
        if name in REMOVED:
            for chunk in _chunks(sorted(ids)):
                db.execute(delete(table).where(table.c.id.in_(chunk)))
            continue
        values = _blank_values(table)
        if values:
            for chunk in _chunks(sorted(ids)):
                db.execute(update(table).where(table.c.id.in_(chunk)).values(**values))
    return owned


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _erase_cases(db, case_ids: list[int], now: str) -> None:
    owned = _erase_owned(db, {"cases": set(case_ids)})
    cases = Case.__table__
    case_values = _blank_values(cases)
    for case in db.scalars(select(Case).where(Case.id.in_(case_ids))):
        for name, value in case_values.items():
            setattr(case, name, value)
        case.reference = f"ERASED-{case.id:06d}"
        case.erased_at = now
    db.flush()
    # The client, when none of their other cases is kept.
    client_ids = set(db.scalars(select(Case.client_id).where(Case.id.in_(case_ids))))
    still_used = set(db.scalars(select(Case.client_id).where(
        Case.client_id.in_(client_ids), Case.erased_at.is_(None))))
    client_values = _blank_values(Client.__table__)
    for client in db.scalars(select(Client).where(Client.id.in_(client_ids - still_used))):
        if client.date_of_birth is not None and client.approximate_age is None:
            case_date = db.scalar(select(Case.referral_date).where(Case.client_id == client.id)
                                  .limit(1))
            client.approximate_age = _age(client.date_of_birth, case_date)
        client.date_of_birth = None
        for name, value in client_values.items():
            setattr(client, name, value)
    for chunk in _chunks(case_ids):
        db.execute(text(f"DELETE FROM case_search WHERE rowid IN ({','.join(map(str, chunk))})"))
    _forget_connection_keys(db, {"client": client_ids - still_used,
                                 "poc": owned.get("persons_of_concern", set())})


def _forget_connection_keys(db, records: dict[str, set[int]]) -> None:
    table = Base.metadata.tables.get("connection_keys")
    if table is None:
        return
    for kind, ids in records.items():
        for chunk in _chunks(sorted(ids)):
            db.execute(delete(table).where(table.c.kind == kind, table.c.record_id.in_(chunk)))


def _age(born: date, on: date | None) -> int:
    on = on or date.today()
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _erase_concern_traces(db, concern: Concern) -> None:
    """The concern's lines on the case timeline, and (when no other concern is open to
    question) the assessment's note that the client may be a perpetrator."""
    # From when it was raised until the next concern on the case (if any) was raised.
    following = db.scalar(select(Concern.raised_at).where(
        Concern.case_id == concern.case_id, Concern.raised_at > concern.raised_at)
        .order_by(Concern.raised_at).limit(1))
    window = [CaseEvent.at >= concern.raised_at]
    if following is not None:
        window.append(CaseEvent.at < following)
    db.execute(delete(CaseEvent).where(
        CaseEvent.case_id == concern.case_id,
        CaseEvent.kind.in_(timeline.CONFIDENTIAL_EVENTS), *window))
    others = db.scalar(select(Concern.id).where(
        Concern.case_id == concern.case_id, Concern.id != concern.id,
        Concern.id.not_in(select(Erasure.concern_id).where(Erasure.concern_id.is_not(None))))
        .limit(1))
    if others is None:
        db.execute(update(Assessment).where(Assessment.case_id == concern.case_id)
                   .values(perpetrator_notes="", potential_perpetrator=False))
