"""Many made-up clients quickly: a few thousand taken through the services (sv2desk.demo),
then their rows copied, with new made-up people, until there are as many as asked.

For the benchmarks' 100,000-client workspace and ``sv2desk-admin demo`` with large numbers.
Through the services alone, 100,000 clients took 18 to 25 minutes and slowed as the data
grew (each referral is compared with everyone already there); here the first
``TEMPLATE`` are made through the services exactly as ``demo.fill`` makes them, and each
copy repeats those rows (their stages, timelines, assessments, sessions, concerns, audit
entries) under new ids, with a new made-up person in every field that holds personal
data: names, date of birth (the same side of 18), street, postcode (the same district, so
the area advice holds), phone, email, referrers' and named people's names. What the
services derive from those fields is derived by the services' own functions: the case
reference, the search index and the connection check's keys. Audit entries are chained
and signed, each by the person whose work it copies (they stay signed in meanwhile).

Not copied: the connection check's comparisons between copies (flags: copied people are
new made-up people, compared by nobody), and anything not tied to a case.
tests/services/test_demo_bulk.py checks a copy against the services' own rows.
Nothing here prints or logs a name, a note or a password.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Callable

from sqlalchemy import func, select

from .fill import PROGRESS_EVERY, DemoReport, fill as fill_through_services
from .people import INWARD_LETTERS, People
from ..models import Base, ConnectionKey
from ..services import audit, timeline, search_index
from ..services.connections.index import CLIENT, POC, client_person, key_rows, poc_person
from ..services.session import Session

TEMPLATE = 2_000               # clients made through the services before copying
CACHE_KIB = 128 * 1024         # the page cache while copying (SQLite's default is 2 MiB)
# Tables never copied: flags compare two records (copies are new people nobody compared).
NOT_COPIED = frozenset({"connection_flags", "connection_decisions", "connection_overrides"})
# Whole-number columns that point at a copied row without a foreign key.
REFERENCES = {("support_sessions", "suspended_for_concern_id"): "concerns",
              ("support_sessions", "moved_to_id"): "support_sessions"}
# Audit entries about a copied row: the table its object id is in.
AUDIT_OBJECTS = {"case": "cases", "client": "clients", "assessment": "assessments",
                 "support_session": "support_sessions", "concern": "concerns",
                 "person_of_concern": "persons_of_concern"}


def copied_tables() -> list:
    """The tables whose rows belong to a case (through their foreign keys), parents first."""
    wanted = {"clients", "cases"}
    tables = [t for t in Base.metadata.sorted_tables if t.name not in NOT_COPIED]
    grew = True
    while grew:
        grew = False
        for table in tables:
            if table.name not in wanted and any(
                    fk.column.table.name in wanted for fk in table.foreign_keys):
                wanted.add(table.name)
                grew = True
    return [t for t in tables if t.name in wanted]


def _references(table, copied: set[str]) -> dict[str, str]:
    """column -> the copied table it points at."""
    found = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys
             if fk.column.table.name in copied}
    found.update({column: target for (name, column), target in REFERENCES.items()
                  if name == table.name and column in table.c and target in copied})
    return found


class _Template:
    """The rows made through the services, by table, with the case each belongs to."""

    def __init__(self, db, first_case: int):
        self.tables = copied_tables()
        names = {t.name for t in self.tables}
        self.refs = {t.name: _references(t, names) for t in self.tables}
        self.rows: dict[str, list[dict]] = {}
        self.case_of: dict[str, dict[int, int]] = {}
        cases = [dict(r._mapping) for r in db.execute(
            select(Base.metadata.tables["cases"]).where(
                Base.metadata.tables["cases"].c.id >= first_case)
            .order_by(Base.metadata.tables["cases"].c.id))]
        self.case_ids = [c["id"] for c in cases]
        self.case_of["cases"] = {c["id"]: c["id"] for c in cases}
        self.case_of["clients"] = {c["client_id"]: c["id"] for c in cases}
        for table in self.tables:
            if table.name == "cases":
                self.rows["cases"] = cases
                continue
            rows = [dict(r._mapping) for r in db.execute(select(table).order_by(table.c.id))]
            if table.name != "clients":
                parents = [(c, t) for c, t in self.refs[table.name].items()
                           if t in self.case_of and c != "id"]
                of = {}
                for row in rows:
                    for column, target in parents:
                        case = self.case_of[target].get(row[column])
                        if case is not None:
                            of[row["id"]] = case
                            break
                self.case_of[table.name] = of
            rows = [r for r in rows if r["id"] in self.case_of[table.name]]
            self.rows[table.name] = rows
        self.base = {t.name: (db.scalar(select(func.max(t.c.id))) or 0) for t in self.tables}
        self.low = {name: min((r["id"] for r in rows), default=1)
                    for name, rows in self.rows.items()}
        self.span = {name: max((r["id"] for r in rows), default=0) - self.low[name] + 1
                     for name, rows in self.rows.items()}
        self.audit = [tuple(r) for r in db.execute(
            select(audit.AuditEntry.account_id, audit.AuditEntry.action,
                   audit.AuditEntry.object_type, audit.AuditEntry.object_id)
            .where(audit.AuditEntry.object_type.in_(list(AUDIT_OBJECTS)),
                   audit.AuditEntry.outcome == "ok")
            .order_by(audit.AuditEntry.seq))]

    def new_id(self, table: str, old: int | None, copy: int) -> int | None:
        if old is None:
            return None
        return self.base[table] + (copy - 1) * self.span[table] + (old - self.low[table] + 1)


def _insert_rows(db, table, rows: list[dict]) -> None:
    """``rows`` into ``table`` (every column given) by the driver's executemany: the same
    values an ORM insert writes (each passes through its column type's own bind step), without
    SQLAlchemy's per-row parameter building, which was a third of a copy's time."""
    if not rows:
        return
    conn = db.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    columns = list(table.columns)
    steps = [(c.name, c.type._cached_bind_processor(dialect)) for c in columns]
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    conn.exec_driver_sql(sql, [tuple(row[name] if step is None else step(row[name])
                                     for name, step in steps) for row in rows])


def _outside_transaction(workspace, pragma: str):
    """Run ``pragma`` on the workspace's connection outside a transaction (SQLite refuses
    to change the safety level inside one). Returns its first value, if any."""
    with workspace._lock, workspace.engine.connect() as conn:
        row = conn.connection.dbapi_connection.execute(pragma).fetchone()
    return row[0] if row else None


def _pool(people: People, gender: str) -> list[str]:
    return {"Man": people.men, "Non-binary": people.nonbinary}.get(gender, people.women)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _new_client(people: People, client: dict, case: dict) -> dict:
    """The same client, as a new made-up person (what decided the case's path is kept)."""
    rng = people.rng
    first, last = people.first_and_last(_pool(people, client["gender"]))
    new = dict(client, name=f"{first} {last}")
    if client["preferred_name"]:
        new["preferred_name"] = people.pick(_pool(people, client["gender"]))
    born = client["date_of_birth"]
    if born is not None:
        moved = born - timedelta(days=rng.randint(-180, 180))
        on = case["referral_date"]
        if moved < on and (_age(moved, on) < 18) == (_age(born, on) < 18):
            new["date_of_birth"] = moved
    town = client["address"].rsplit("\n", 1)[-1]
    new["address"] = people.address(town)
    if client["safe_post_address"] == client["address"]:
        new["safe_post_address"] = new["address"]
    district = client["postcode"].split()[0] if client["postcode"] else ""
    if district:
        new["postcode"] = (f"{district} {rng.randint(1, 9)}{people.pick(INWARD_LETTERS)}"
                           f"{people.pick(INWARD_LETTERS)}")
    if client["phone"]:
        new["phone"] = people.pick(people.phones)
    if client["email"]:
        new["email"] = people.email(first, last)
    return new


def _new_referrer(people: People, case: dict) -> dict:
    if not case["referrer_name"]:
        return case
    rf, rl = people.first_and_last(people.women if people.rng.random() < 0.6 else people.men)
    new = dict(case, referrer_name=f"{rf} {rl}")
    if case["referrer_phone"]:
        new["referrer_phone"] = people.pick(people.phones)
    if case["referrer_email"]:
        new["referrer_email"] = people.email(rf, rl)
    return new


def _write_copy(db, template: _Template, people: People, copy: int, count: int,
                signers: dict) -> Counter:
    """Copy the first ``count`` of the template's cases. Returns their statuses."""
    chosen = set(template.case_ids[:count])
    made: dict[str, list[dict]] = {}
    for table in template.tables:
        name, refs = table.name, template.refs[table.name]
        rows = []
        for row in template.rows[name]:
            if template.case_of[name][row["id"]] not in chosen:
                continue
            new = dict(row, id=template.new_id(name, row["id"], copy))
            for column, target in refs.items():
                if column != "id":
                    new[column] = template.new_id(target, row[column], copy)
            rows.append(new)
        made[name] = rows
    by_client = {c["id"]: c for c in made["clients"]}
    cases = []
    for case in made["cases"]:
        case = _new_referrer(people, case)
        case["reference"] = timeline.reference_for(case["id"], case["referral_date"])
        by_client[case["client_id"]] = _new_client(people, by_client[case["client_id"]], case)
        cases.append(case)
    made["cases"] = cases
    made["clients"] = list(by_client.values())
    if "persons_of_concern" in made:
        made["persons_of_concern"] = [
            dict(p, name=" ".join(people.first_and_last(
                people.men if people.rng.random() < 0.8 else people.women)))
            for p in made["persons_of_concern"]]
    for table in template.tables:
        rows = made[table.name]
        for start in range(0, len(rows), 5_000):
            _insert_rows(db, table, rows[start:start + 5_000])
    clients = {c["id"]: c for c in made["clients"]}
    search_index.index_new_cases(db, [
        (SimpleNamespace(**case), SimpleNamespace(**clients[case["client_id"]]))
        for case in made["cases"]])
    keys: list[dict] = []
    for c in made["clients"]:
        keys += key_rows(CLIENT, c["id"], client_person(
            c["name"], c["preferred_name"], c["date_of_birth"], c["approximate_age"],
            c["phone"], c["postcode"], c["created_at"]))
    for p in made.get("persons_of_concern", []):
        keys += key_rows(POC, p["id"], poc_person(
            p["name"], p["other_identifiers"], p["created_at"]))
    # In key order: each page of the index is then written once, not once per key.
    keys.sort(key=lambda row: (row["key"], row["kind"], row["record_id"]))
    for start in range(0, len(keys), 20_000):
        _insert_rows(db, ConnectionKey.__table__, keys[start:start + 20_000])
    entries = []
    for account_id, action, object_type, object_id in template.audit:
        table = AUDIT_OBJECTS[object_type]
        old = int(object_id)
        if template.case_of.get(table, {}).get(old) in chosen:
            entries.append((account_id, action, object_type,
                            template.new_id(table, old, copy)))
    audit.record_made_by(db, entries, signers)
    return Counter(c["status"] for c in made["cases"])


def fill(session: Session, clients: int, *, seed: int | None = None,
         add_to_existing: bool = False, template: int = TEMPLATE,
         progress: Callable[[int, float], None] | None = None,
         on_the_way: Callable[[int], None] | None = None) -> DemoReport:
    """Add ``clients`` made-up clients: up to ``template`` through the services
    (``demo.fill``), the rest copied from those. Same permissions and refusals as
    ``demo.fill``. ``progress(done, seconds)`` is called every 10,000;
    ``on_the_way(done)`` after each copy is committed (the benchmarks keep a copy of the
    data at 10,000 and 50,000 on the way to 100,000)."""
    if getattr(session.workspace, "kind", "file") != "file":
        # The office server: through the services only (the copies here write SQLite's
        # own tables and pragmas).
        return fill_through_services(session, clients, seed=seed, add_to_existing=add_to_existing,
                         progress=progress)
    started = time.perf_counter()
    copies = max(1, math.ceil(clients / max(1, template)))
    each = clients // copies
    first = clients - each * (copies - 1)       # the services make the most
    seed = seed if seed is not None else random.randrange(2 ** 32)
    with session.workspace.transaction() as db:
        first_case = (db.scalar(select(func.max(Base.metadata.tables["cases"].c.id))) or 0) + 1

    def multiply(holders: list[Session], report: DemoReport) -> None:
        if copies == 1:
            return
        signers = {h.account_id: h.workspace.signer_for(h.account_id) for h in holders}
        people = People(seed + 1)
        with session.workspace.transaction() as db:
            made = _Template(db, first_case)
        done = first
        # Commits not waiting for the disk while copying (WAL stays consistent at NORMAL:
        # a power cut can lose the last copies, never damage the file); put back after.
        synchronous = _outside_transaction(session.workspace, "PRAGMA synchronous")
        _outside_transaction(session.workspace, "PRAGMA synchronous = NORMAL")
        try:
            for copy in range(1, copies):
                with session.workspace.transaction() as db:
                    # A larger page cache while copying (the indexes outgrow the default).
                    db.connection().exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
                    statuses = _write_copy(db, made, people, copy, each, signers)
                report.by_status.update(statuses)
                report.clients += each
                before, done = done, done + each
                if progress and done // PROGRESS_EVERY > before // PROGRESS_EVERY:
                    progress(done, time.perf_counter() - started)
                if on_the_way is not None:
                    on_the_way(done)
        finally:
            _outside_transaction(session.workspace, f"PRAGMA synchronous = {synchronous}")
        sessions = len(made.rows.get("support_sessions", ()))
        named = len(made.rows.get("persons_of_concern", ()))
        # Counted in proportion (a partial copy holds the first cases of the template).
        share = (copies - 1) * each / max(1, first)
        report.sessions += round(sessions * share)
        report.persons_of_concern += round(named * share)
        report.needing_attention += round(report.needing_attention * share)

    try:
        report = fill_through_services(session, first, seed=seed, add_to_existing=add_to_existing,
                           progress=progress, after=multiply)
    finally:
        with session.workspace.transaction() as db:
            db.connection().exec_driver_sql("PRAGMA cache_size = -2000")   # SQLite's own
    report.seconds = time.perf_counter() - started
    return report
