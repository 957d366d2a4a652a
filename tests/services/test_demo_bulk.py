"""The bulk builder of made-up clients (sv2desk/demo/bulk.py) against the services' own rows.

A few clients are made through the services (demo.fill), then copied twice. Every copied
case must hold what its original holds (stage, dates, timeline, assessment, sessions,
concern, audit entries), with new made-up people in the personal fields, and what the
services derive from those fields (reference, search index, connection keys) exactly as
the services' functions derive it; the audit chain whole; the services find and open the
copies as they do the originals.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select, text

from sv2desk.demo import bulk as demo_bulk
from sv2desk.models import Base
from sv2desk.services import audit, auth, timeline, search_index, caseload, cases
from sv2desk.services.connections import index as connection_index
from sv2desk.store.engine import integrity_problems

from ..support.workspaces import ADMIN_PASSWORD, make_workspace

TEMPLATE = 30
COPIES = 3
PERSONAL = {"clients": {"name", "preferred_name", "date_of_birth", "address",
                        "safe_post_address", "postcode", "phone", "email"},
            "cases": {"reference", "referrer_name", "referrer_phone", "referrer_email"},
            "persons_of_concern": {"name"}}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk") / "workspace"
    new = make_workspace(folder)
    report = demo_bulk.fill(new.session, TEMPLATE * COPIES, seed=7, template=TEMPLATE)
    with new.session.workspace.engine.connect() as conn:
        report.left_with = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                            for p in ("journal_mode", "synchronous", "cache_size")}
        conn.rollback()
    auth.sign_out(new.session)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    yield session, report
    auth.sign_out(session)


def _rows(db, name):
    table = Base.metadata.tables[name]
    return [dict(r._mapping) for r in db.execute(select(table).order_by(table.c.id))]


def _copies(rows):
    """Rows in the order made: the template's, then each copy's, as lists of equal length."""
    size = len(rows) // COPIES
    assert len(rows) == size * COPIES
    return [rows[k * size:(k + 1) * size] for k in range(COPIES)]


def test_every_table_of_casework_holds_the_template_once_per_copy(built):
    session, report = built
    assert report.clients == TEMPLATE * COPIES
    assert sum(report.by_status.values()) == TEMPLATE * COPIES
    with session.workspace.transaction() as db:
        for table in demo_bulk.copied_tables():
            count = db.scalar(text(f"SELECT count(*) FROM {table.name}"))
            assert count % COPIES == 0, table.name
        by_status = Counter(db.scalars(text("SELECT status FROM cases")))
    assert by_status == report.by_status


def test_a_copied_case_holds_what_its_original_holds(built):
    session, _ = built
    with session.workspace.transaction() as db:
        for name in ("clients", "cases", "persons_of_concern", "assessments",
                     "support_sessions", "concerns"):
            template, *copies = _copies(_rows(db, name))
            skip = PERSONAL.get(name, set()) | {"id", "case_id", "client_id", "concern_id",
                                                 "suspended_for_concern_id", "created_at"}
            for copy in copies:
                for old, new in zip(template, copy):
                    same = {k: v for k, v in old.items() if k not in skip}
                    assert {k: new[k] for k in same} == same, name
        events = _rows(db, "case_events")
        per_case: dict[int, list] = {}
        for e in events:
            per_case.setdefault(e["case_id"], []).append((e["kind"], e["summary"],
                                                          e["account_id"]))
        timelines = [per_case.get(c["id"]) for c in _rows(db, "cases")]
        template, *copies = _copies(timelines)
        for copy in copies:
            assert copy == template


def test_each_copy_is_a_new_made_up_person_in_the_same_district_and_age_group(built):
    session, _ = built
    with session.workspace.transaction() as db:
        clients = _copies(_rows(db, "clients"))
        case_rows = _copies(_rows(db, "cases"))
    template = clients[0]
    for copy, copy_cases in zip(clients[1:], case_rows[1:]):
        renamed = sum(a["name"] != b["name"] for a, b in zip(template, copy))
        assert renamed >= 0.9 * len(template)
        for old, new, case in zip(template, copy, copy_cases):
            assert old["postcode"].split()[0] == new["postcode"].split()[0]
            if old["date_of_birth"]:
                on = case["referral_date"]
                assert (demo_bulk._age(old["date_of_birth"], on) < 18) == \
                    (demo_bulk._age(new["date_of_birth"], on) < 18)
            assert bool(old["phone"]) == bool(new["phone"])
            assert bool(old["email"]) == bool(new["email"])


def test_what_the_services_derive_is_derived_by_the_services_own_functions(built):
    session, _ = built
    with session.workspace.transaction() as db:
        clients = {c["id"]: c for c in _rows(db, "clients")}
        for case in _rows(db, "cases"):
            client = clients[case["client_id"]]
            assert case["reference"] == timeline.reference_for(case["id"],
                                                                case["referral_date"])
            expected = search_index._search_row(type("C", (), case), type("P", (), client))
            found = db.execute(text("SELECT names, reference, born, postcode FROM "
                                    "case_search WHERE rowid = :id"), {"id": case["id"]}).one()
            assert tuple(found) == (expected["names"], expected["ref"], expected["born"],
                                    expected["postcode"])
            keys = sorted(db.scalars(text("SELECT key FROM connection_keys WHERE kind = "
                                          "'client' AND record_id = :id"), {"id": client["id"]}))
            person = connection_index.client_person(
                client["name"], client["preferred_name"], client["date_of_birth"],
                client["approximate_age"], client["phone"], client["postcode"],
                client["created_at"])
            assert keys == sorted(r["key"] for r in connection_index.key_rows(
                connection_index.CLIENT, client["id"], person))


def test_the_audit_trail_is_whole_and_records_each_copy_as_the_services_did(built):
    session, _ = built
    assert audit.check_chain(session.workspace).ok
    with session.workspace.transaction() as db:
        entries = db.execute(text("SELECT action, object_type, object_id, account_id FROM "
                                  "audit_log ORDER BY seq")).all()
        case_ids = [c for c in db.scalars(text("SELECT id FROM cases ORDER BY id"))]
    template, *copies = _copies(case_ids)
    about = Counter()
    for action, object_type, object_id, account in entries:
        if object_type == "case":
            k = next(n for n, ids in enumerate([template, *copies]) if int(object_id) in ids)
            about[(k, action, account)] += 1
    for k in range(1, COPIES):
        assert {(a, who): n for (c, a, who), n in about.items() if c == k} == \
            {(a, who): n for (c, a, who), n in about.items() if c == 0}


def test_the_services_find_and_open_a_copied_case_as_they_do_its_original(built):
    session, _ = built
    ids = caseload.case_ids(session, caseload.ALL, sort="reference", descending=False)
    assert len(ids) == TEMPLATE * COPIES
    original, copied = ids[0], ids[TEMPLATE * 2]
    a, b = cases.open_case(session, original), cases.open_case(session, copied)
    assert a.status == b.status
    surname = b.client["name"].split()[-1]
    assert copied in [row.id for row in caseload.search(session, b.client["name"])]
    assert any(row.id == copied for row in caseload.search(session, surname, limit=50)) or \
        len(caseload.search(session, surname, limit=50)) == 50


def test_the_builder_leaves_an_ordinary_workspace_behind(built):
    """The copies are written with a larger cache and commits not waiting for the disk;
    the workspace is left as the app keeps it (WAL, synchronous FULL) and every page
    passes SQLCipher's and SQLite's checks."""
    session, report = built
    assert report.left_with == {"journal_mode": "wal", "synchronous": 2, "cache_size": -2000}
    assert integrity_problems(session.workspace.engine) == []
