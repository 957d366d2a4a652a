"""The connection check's index of blocking keys: each client and person of concern as the
matcher sees them, and the keys (64-bit hashes of a name sound, a name variant, a date of
birth, phone number or postcode: sv2desk/matching/blocking.py) kept in connection_keys, so
a check against 100,000 clients reads a few hundred rows instead of every one.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import delete, insert, select

from ... import paths
from ...matching import blocking, score as matching
from ...matching.variants import VARIANTS_FILE, dataset_version as variants_dataset_version
from ...models import Client, ConnectionKey, PersonOfConcern, Setting

CLIENT, POC = "client", "poc"       # the two kinds of record the check compares
# The blocking-key scheme. Change KEY_SCHEME (or the variants file) and every key is
# written again on the next check.
KEY_SCHEME = "1"
SCHEME_SETTING = "connections.key_scheme"
# Ids per IN (...) list: well under SQLite's limit on bound parameters.
CHUNK = 5_000


def chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


# -- people as the matcher sees them ------------------------------------------------------

def day_of(iso: str | None) -> date:
    try:
        return datetime.fromisoformat(iso).date() if iso else date.today()
    except ValueError:
        return date.today()


# Kept small: about 1 KB a person (the design budget is 250 MB for the whole program).
@lru_cache(maxsize=30_000)
def client_person(name, preferred_name, date_of_birth, approximate_age, phone, postcode,
                  created_at) -> matching.Person:
    return matching.person(name, preferred_name, date_of_birth=date_of_birth,
                           age=approximate_age, age_on=day_of(created_at), phone=phone or "",
                           postcode=postcode or "")


@lru_cache(maxsize=10_000)
def poc_person(name, other_identifiers, created_at) -> matching.Person:
    return matching.person(name, notes=other_identifiers or "", notes_on=day_of(created_at))


CLIENT_COLUMNS = (Client.id, Client.name, Client.preferred_name, Client.date_of_birth,
                   Client.approximate_age, Client.phone, Client.postcode, Client.created_at)


def client_from_row(row) -> matching.Person:
    return client_person(*row[1:])


# -- the index of blocking keys -------------------------------------------------------------

@lru_cache(maxsize=1)
def scheme() -> str:
    variants = paths.resource(VARIANTS_FILE).read_bytes()
    return (KEY_SCHEME + "-" + hashlib.sha256(variants).hexdigest()[:16] + "-nicknames-" +
            variants_dataset_version())


def key_rows(kind: str, record_id: int, person: matching.Person) -> list[dict]:
    return [{"key": k, "kind": kind, "record_id": record_id}
            for k in sorted(blocking.key_hashes(person))]


def index_one(db, kind: str, record_id: int, person: matching.Person) -> None:
    db.execute(delete(ConnectionKey).where(ConnectionKey.kind == kind,
                                           ConnectionKey.record_id == record_id))
    rows = key_rows(kind, record_id, person)
    if rows:
        db.execute(insert(ConnectionKey), rows)


def rebuild_index(db) -> int:
    """Write every record's keys again, a batch at a time. Returns how many records were
    indexed (about 40 seconds for 120,000)."""
    db.execute(delete(ConnectionKey))
    count = 0
    rows: list[dict] = []

    def flush(limit: int) -> None:
        if len(rows) >= limit:
            db.execute(insert(ConnectionKey), rows)
            rows.clear()

    for row in db.execute(select(*CLIENT_COLUMNS).execution_options(yield_per=5_000)):
        rows += key_rows(CLIENT, row.id, client_from_row(row))
        count += 1
        flush(20_000)
    for poc_id, name, notes, created in db.execute(
            select(PersonOfConcern.id, PersonOfConcern.name, PersonOfConcern.other_identifiers,
                   PersonOfConcern.created_at).execution_options(yield_per=5_000)):
        rows += key_rows(POC, poc_id, poc_person(name, notes, created))
        count += 1
        flush(20_000)
    flush(1)
    setting = db.get(Setting, SCHEME_SETTING)
    if setting is None:
        db.add(Setting(key=SCHEME_SETTING, value=scheme()))
    else:
        setting.value = scheme()
    db.flush()
    return count


def ensure_index(db) -> None:
    """Rebuild the keys if they were written under another scheme (or never: a workspace
    upgraded from before the connection check)."""
    setting = db.get(Setting, SCHEME_SETTING)
    if setting is None or setting.value != scheme():
        rebuild_index(db)

