"""Caseload lists and search. Lists hand back ids only; rows are fetched a page at a time,
so 100,000 cases scroll without loading them all."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, literal_column, select, text

from .. import errors
from ..models import Account, Case, Client
from ..policy import lifecycle, permissions, validation
from ..policy.roles import MANAGER
from . import access, search_index
from .use_case import use_case

MINE, UNASSIGNED, ALL = "mine", "unassigned", "all"
SORTS = {
    "referral_date": Case.referral_date,
    "reference": Case.id,
    "name": Client.name,
    "status": Case.status,
}
SEARCH_LIMIT = 50
FIRST_IDS = 200     # ids read with the list (the first page and a little scrolling)
SEARCH_MAX_CHARACTERS = search_index.SEARCH_MAX_CHARACTERS
SEARCH_MAX_WORDS = search_index.SEARCH_MAX_WORDS


@dataclass(frozen=True)
class CaseRow:
    id: int
    reference: str
    name: str
    status_label: str
    worker_name: str
    referral_date: date
    paused: bool


@use_case("caseload.list")
def case_ids(uc, scope: str = MINE, *, status: str | None = None,
             worker_id: int | None = None, sort: str = "referral_date",
             descending: bool = True) -> "CaseIds":
    """The ids of the cases in a list, in order. Recorded as one view of the list."""
    if scope not in (MINE, UNASSIGNED, ALL):
        raise errors.ValidationError({"scope": "Choose which cases to list."})
    if scope == ALL and MANAGER not in uc.session.roles:
        raise errors.PermissionDenied("Only managers can list every case.")
    query = select(Case.id)
    if sort == "name":
        query = query.join(Client, Client.id == Case.client_id)
    if scope == MINE:
        query = query.where(Case.assigned_worker_id == uc.session.account_id)
    elif scope == UNASSIGNED:
        query = query.where(Case.assigned_worker_id.is_(None))
    query = access.visible_cases(uc.session, query)
    if status == "paused":
        query = query.where(Case.status.in_(lifecycle.PAUSED))
    elif status == "open":
        # Written out (not a bound value) so SQLite can read the index of open cases.
        query = query.where(Case.status != literal_column(f"'{lifecycle.CLOSED}'"))
    elif status:
        query = query.where(Case.status == status)
    if worker_id is not None:
        query = query.where(Case.assigned_worker_id == worker_id)
    column = SORTS.get(sort, Case.referral_date)
    order = [column.desc() if descending else column.asc(),
             Case.id.desc() if descending else Case.id.asc()]
    query = query.order_by(*order)
    if sort == "name":      # no index gives this order: every id at once, sorted once
        ids = CaseIds.whole(_ordered_ids(uc.db, query))
    else:
        ids = CaseIds.first_page(uc.session, uc.db, query)
    uc.audit("caseload", scope)
    return ids


class CaseIds(Sequence):
    """The ids of a list, in order, read only as far as they are used: how many there are
    (a count) and the first FIRST_IDS of them (from the index, in order) when the list is
    asked for; all the rest at once the first time anything past those is wanted
    (scrolling down). So the first page of 100,000 cases does not fetch 100,000 ids.
    Compares equal to the list of the same ids."""

    def __init__(self, total: int, head: list[int], rest=None) -> None:
        self._total, self._head, self._rest = total, head, rest
        self._all: list[int] | None = head if len(head) >= total else None

    @classmethod
    def whole(cls, ids: list[int]) -> "CaseIds":
        return cls(len(ids), ids)

    @classmethod
    def first_page(cls, session, db, query) -> "CaseIds":
        head = [row[0] for row in db.execute(query.limit(FIRST_IDS)).all()]
        if len(head) < FIRST_IDS:
            return cls.whole(head)
        total = db.execute(select(func.count()).select_from(
            query.order_by(None).subquery())).scalar_one()

        def rest() -> list[int]:
            with session.workspace.transaction() as later:
                return _ordered_ids(later, query)
        return cls(total, head, rest)

    def _everything(self) -> list[int]:
        if self._all is None:
            found = self._rest()
            # Cases may have come or gone since the count: what is shown stays as counted.
            shown = set(self._head)
            self._all = (self._head + [i for i in found[len(self._head):]
                                       if i not in shown])[:self._total]
            self._total = len(self._all)
        return self._all

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._total)
            if step == 1 and stop <= len(self._head):
                return self._head[start:stop]
            return self._everything()[index]
        if 0 <= index < len(self._head):
            return self._head[index]
        return self._everything()[index]

    def __iter__(self):
        return iter(self._head if self._all is self._head else self._everything())

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, tuple, CaseIds)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"CaseIds({self._total} cases)"


def _ordered_ids(db, query) -> list[int]:
    """The ids ``query`` returns, in its order. On SQLite as one JSON array built inside
    the database (100,000 ids: one value instead of 100,000 rows, about a fifth of the
    time); the LIMIT keeps SQLite from dropping the inner ORDER BY, so the array is built
    in that order (tests/services/test_list_speed.py checks it against the rows)."""
    conn = db.connection()
    if conn.dialect.name == "sqlite":
        inner = query.limit(-1).subquery()
        found = conn.execute(select(func.json_group_array(inner.c.id))).scalar()
        return json.loads(found) if found else []
    # Straight from the driver's cursor: 100,000 plain integers need no row objects.
    return [row[0] for row in conn.execute(query).cursor.fetchall()]


def _rows(db, session, ids: list[int]) -> list[CaseRow]:
    """The rows for ``ids`` the person may see (policy/access.py, as SQL), in that order.
    Everyone who can see a paused case is on it, so stages are shown in full."""
    ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
    if not ids:
        return []
    names = dict(db.execute(select(Account.id, Account.display_name)).all())
    found = db.execute(access.visible_cases(session,
        select(Case.id, Case.reference, Client.name, Client.preferred_name, Case.status,
               Case.assigned_worker_id, Case.referral_date)
        .join(Client, Client.id == Case.client_id).where(Case.id.in_(ids)))).all()
    by_id = {}
    for r in found:
        name = r.name if not r.preferred_name or r.preferred_name == r.name \
            else f"{r.preferred_name} ({r.name})" if r.name else r.preferred_name
        by_id[r.id] = CaseRow(r.id, r.reference, name, lifecycle.WORKFLOW_LABELS[r.status],
                              names.get(r.assigned_worker_id, "Not assigned"),
                              r.referral_date, r.status in lifecycle.PAUSED)
    return [by_id[i] for i in ids if i in by_id]


@use_case("caseload.rows")
def rows(uc, ids: list[int]) -> list[CaseRow]:
    """The rows for some ids (one page), in the order asked. Cases the person may not
    see are left out."""
    return _rows(uc.db, uc.session, list(ids))


@use_case("caseload.search")
def search(uc, query: str, limit: int = SEARCH_LIMIT) -> list[CaseRow]:
    """Find cases by name, preferred name, reference, date of birth or postcode. Only cases
    the person may open are found."""
    if not isinstance(query, str):
        raise errors.ValidationError({"query": validation.NOT_TEXT})
    # Bounded (its first characters and words), so a long paste costs no more than a name.
    words = query[:validation.SEARCH].split()[:validation.SEARCH_WORDS]
    expression = search_index.match_expression(" ".join(words))
    if expression is None:
        return []
    limit = max(1, min(int(limit), SEARCH_LIMIT))
    ids = search_index.search_ids(uc.db, " ".join(words), expression, limit * 4)
    # Rows for the best ``limit`` first; more only if the access rule left some out.
    result: list[CaseRow] = []
    for start in range(0, len(ids), limit):
        result += _rows(uc.db, uc.session, ids[start:start + limit])
        if len(result) >= limit:
            break
    result = result[:limit]
    uc.audit("caseload", None)
    return result


@use_case("caseload.workers")
def workers(uc) -> list[tuple[int, str]]:
    """Active staff who can hold cases, for filters and assignment."""
    return [(a.id, a.display_name) for a in uc.db.scalars(
        select(Account).where(Account.active.is_(True))
        .order_by(func.lower(Account.display_name)))
        if {r.role for r in a.roles} & permissions.CASEWORKERS]
