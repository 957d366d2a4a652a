"""Shared by the casework services: finding a case the person may see, the case
timeline, the search index, and references."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import text

from .. import errors
from ..models import Case, CaseEvent, Client
from ..policy import lifecycle, permissions
from . import audit


def may_see(session, case: Case) -> bool:
    """Managers see every case; a worker sees cases assigned to them, cases they
    referred, and unassigned referrals (so they can pick them up)."""
    if permissions.sees_every_case(session.roles):
        return True
    return case.assigned_worker_id in (None, session.account_id) or \
        case.created_by == session.account_id


def get_case(db, session, case_id: int) -> Case:
    case = db.get(Case, case_id)
    if case is None or not may_see(session, case):
        raise errors.NotFound("That case could not be found, or it is not one of yours.")
    return case


def event(db, session, case: Case, kind: str, summary: str) -> None:
    """One line on the case's timeline (no personal data in ``summary``)."""
    db.add(CaseEvent(case_id=case.id, at=audit.now_iso(), account_id=session.account_id,
                     kind=kind, summary=summary))


# Timeline entries about a concern: shown only to the worker on the case and managers.
CONFIDENTIAL_EVENTS = frozenset({"concern", "explanation", "discussion", "decision", "outcome"})


def move(db, session, case: Case, target: str) -> None:
    """Move the case through the lifecycle, or refuse with the reason."""
    reason = lifecycle.refusal(case.status, target)
    if reason:
        raise errors.ActionRefused(reason)
    before = case.status
    case.status = target
    case.updated_at = audit.now_iso()
    if target == lifecycle.CLOSED:
        case.closed_at = case.updated_at   # the retention period runs from here
    if before in lifecycle.PAUSED and target in lifecycle.PAUSED:
        event(db, session, case, "concern", f"{lifecycle.WORKFLOW_LABELS[before]} → "
                                            f"{lifecycle.WORKFLOW_LABELS[target]}")
    else:
        event(db, session, case, "status",
              f"{lifecycle.LABELS[before]} → {lifecycle.LABELS[target]}")


def reference_for(case_id: int, on: date) -> str:
    return f"SV2-{on.year}-{case_id:06d}"


# -- search index (FTS5, inside the encrypted database) ---------------------------------

def _compact_postcode(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def _search_row(case: Case, client: Client) -> dict:
    names = " ".join(filter(None, [client.name, client.preferred_name]))
    # Also without punctuation, so "OBrien" finds "O'Brien" and "Smith-Jones" "SmithJones".
    joined = re.sub(r"[^\w\s]", "", names)
    if joined != names:
        names = f"{names} {joined}"
    born = client.date_of_birth.strftime("%Y%m%d") if client.date_of_birth else ""
    postcode = f"{client.postcode} {_compact_postcode(client.postcode)}".strip()
    return {"id": case.id, "names": names, "ref": case.reference, "born": born,
            "postcode": postcode}


_INSERT_SEARCH_ROW = text("INSERT INTO case_search(rowid, names, reference, born, postcode) "
                          "VALUES (:id, :names, :ref, :born, :postcode)")


def index_case(db, case: Case, client: Client) -> None:
    db.execute(text("DELETE FROM case_search WHERE rowid = :id"), {"id": case.id})
    db.execute(_INSERT_SEARCH_ROW, _search_row(case, client))


def index_new_cases(db, pairs) -> None:
    """Index many new cases at once: ``pairs`` of (case, client), not yet indexed."""
    rows = [_search_row(case, client) for case, client in pairs]
    if rows:
        db.execute(_INSERT_SEARCH_ROW, rows)


_DATE_FORMATS = (r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _as_date_token(word: str) -> str | None:
    m = re.fullmatch(_DATE_FORMATS[0], word)
    if m:
        day, month, year = (int(x) for x in m.groups())
    else:
        m = re.fullmatch(_DATE_FORMATS[1], word)
        if not m:
            return None
        year, month, day = (int(x) for x in m.groups())
    try:
        return date(year, month, day).strftime("%Y%m%d")
    except ValueError:
        return None


# What one search may hold (bounds the cost: the index is asked about each word, and
# FTS5's work grows faster than the number of words). The lead's validation table
# (policy/validation.py) is to take these over.
SEARCH_MAX_CHARACTERS = 200
SEARCH_MAX_WORDS = 12
SEARCH_TOO_LONG = (f"A search can be at most {SEARCH_MAX_CHARACTERS} characters and "
                   f"{SEARCH_MAX_WORDS} words. Type part of the name, the reference, the date "
                   "of birth or the postcode.")


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what was typed (every word must match, as a prefix).

    Dates of birth in the usual forms (12/03/1990, 1990-03-12) match the born column.
    Only letters and digits reach the expression, so typed punctuation cannot change it.
    Longer input than SEARCH_MAX_CHARACTERS / SEARCH_MAX_WORDS is refused (ValidationError)
    before any of it is split, so the cost of a search is linear in what was typed.
    """
    if len(query) > SEARCH_MAX_CHARACTERS:
        raise errors.ValidationError({"search": SEARCH_TOO_LONG})
    parts = []
    for word in query.split():
        as_date = _as_date_token(word)
        if as_date:
            parts.append(f'born : "{as_date}"')
            continue
        for token in re.findall(r"\w+", word):
            parts.append(f'"{token}"*')
        if len(parts) > SEARCH_MAX_WORDS:
            raise errors.ValidationError({"search": SEARCH_TOO_LONG})
    return " AND ".join(parts) or None
