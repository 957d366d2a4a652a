"""The caseload's search index (FTS5 inside the encrypted database; PostgreSQL's text
search on the office server): the row each case gets, and what a typed search becomes."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import text

from ..models import Case, Client
from ..policy import validation


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


# What one search reads (validation.SEARCH characters and SEARCH_WORDS words, as
# caseload.search cuts it): also applied here, to the words punctuation makes, so the
# expression, and FTS5's work on it, never grows past a name's worth.
SEARCH_MAX_CHARACTERS = validation.SEARCH
SEARCH_MAX_WORDS = validation.SEARCH_WORDS


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what was typed (every word must match, as a prefix).

    Dates of birth in the usual forms (12/03/1990, 1990-03-12) match the born column.
    Only letters and digits reach the expression, so typed punctuation cannot change it.
    Only the first SEARCH_MAX_CHARACTERS characters and SEARCH_MAX_WORDS words (as the
    index sees words: punctuation splits them) are read, so the cost is bounded whatever
    was pasted.
    """
    parts = [f'born : "{text}"' if born else f'"{text}"*'
             for born, text in _terms(query, r"\w+")]
    return " AND ".join(parts) or None


def _terms(query: str, token_pattern: str) -> list[tuple[bool, str]]:
    """What a typed search is read as, within its bounds: (True, date) for a date of birth,
    (False, word) for each run of ``token_pattern`` in the other words."""
    terms = []
    for word in query[:SEARCH_MAX_CHARACTERS].split():
        as_date = _as_date_token(word)
        if as_date:
            terms.append((True, as_date))
        else:
            terms.extend((False, token) for token in re.findall(token_pattern, word))
    return terms[:SEARCH_MAX_WORDS]


# -- the office server's counterpart (PostgreSQL text search, migration 0002) -------------

def server_query(query: str) -> str | None:
    """The same words as ``match_expression``, as a PostgreSQL tsquery: every word a prefix
    of a word in the names, reference or postcode; a date of birth matches the born column
    (weight B). Only letters and digits reach it."""
    parts = [f"'{text}':B" if born else f"'{text}':*"
             for born, text in _terms(query, r"[^\W_]+")]
    return " & ".join(parts) or None


def search_ids(db, typed: str, expression: str, limit: int) -> list[int]:
    """Case ids whose index row matches what was typed, best first (at most ``limit``)."""
    if db.get_bind().dialect.name == "postgresql":
        query = server_query(typed)
        if query is None:
            return []
        # Closest names first (the trigram index), then the newest.
        return [r[0] for r in db.execute(text(
            "SELECT rowid FROM case_search WHERE words @@ to_tsquery('simple', "
            "sv2desk_fold(:q)) ORDER BY similarity(sv2desk_fold(names), sv2desk_fold(:typed)) "
            "DESC, rowid DESC LIMIT :n"), {"q": query, "typed": typed, "n": limit})]
    return [r[0] for r in db.execute(
        text("SELECT rowid FROM case_search WHERE case_search MATCH :q "
             "ORDER BY rank LIMIT :n"), {"q": expression, "n": limit})]
