"""The caseload lists at any size: the same ids, in the same order, as the plain query, and
read from an index in order (no sort of every case) for the lists a person opens first.

The ids come back as one JSON array built inside SQLite (issue 19: a fifth of the time of
100,000 rows); these tests hold it to the rows the query itself returns, for every scope,
filter and sort. The query plans are checked (not timed: the figures are in make bench)
so that a change of query or index that would make SQLite sort or read every case row is
seen here.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sv2desk import demo
from sv2desk.policy import roles
from sv2desk.services import accounts, auth, caseload, reports

from ..support.workspaces import ADMIN_PASSWORD, make_workspace


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lists") / "workspace"
    new = make_workspace(folder)
    demo.fill(new.session, 80, seed=11)
    auth.sign_out(new.session)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    yield session
    auth.sign_out(session)


def _plain(session, sql: str, **params) -> list[int]:
    with session.workspace.engine.connect() as conn:
        found = [r[0] for r in conn.execute(text(sql), params)]
        conn.rollback()
    return found


ORDER = {"referral_date": "c.referral_date", "reference": "c.id", "name": "cl.name",
         "status": "c.status"}
WHERE = {None: "1", "open": "c.status != 'closed'", "paused": "c.status IN ('on_hold', "
         "'awaiting_review', 'outcome_to_communicate')", "in_support": "c.status = 'in_support'"}


@pytest.mark.parametrize("first_ids", [caseload.FIRST_IDS, 7])
@pytest.mark.parametrize("status", list(WHERE))
@pytest.mark.parametrize("sort", list(ORDER))
@pytest.mark.parametrize("descending", [True, False])
def test_the_ids_are_the_plain_querys_rows_in_its_order(filled, status, sort, descending,
                                                        first_ids, monkeypatch):
    """Also with only the first 7 read with the list (the rest when scrolled to)."""
    monkeypatch.setattr(caseload, "FIRST_IDS", first_ids)
    way = "DESC" if descending else "ASC"
    expected = _plain(filled, f"SELECT c.id FROM cases c JOIN clients cl ON cl.id = c.client_id "
                              f"WHERE {WHERE[status]} ORDER BY {ORDER[sort]} {way}, c.id {way}")
    found = caseload.case_ids(filled, caseload.ALL, status=status, sort=sort,
                              descending=descending)
    assert found == expected
    assert len(found) > 0


def test_the_first_page_reads_only_the_first_ids_and_the_count(filled, monkeypatch):
    """A long list hands back its length and first page without reading every id; the
    rest is read once, when something past the first ids is wanted."""
    monkeypatch.setattr(caseload, "FIRST_IDS", 10)
    expected = _plain(filled, "SELECT id FROM cases ORDER BY referral_date DESC, id DESC")
    assert len(expected) > 10
    reads = []
    real = caseload._ordered_ids
    monkeypatch.setattr(caseload, "_ordered_ids", lambda db, q: reads.append(1) or real(db, q))
    found = caseload.case_ids(filled, caseload.ALL)
    assert len(found) == len(expected)
    assert found[:10] == expected[:10] and found[3] == expected[3]
    assert reads == []                              # the first page: nothing more read
    assert found[10] == expected[10] and found[-1] == expected[-1]
    assert list(found) == expected and found[5:15] == expected[5:15]
    assert reads == [1]                             # the rest: read once
    rows = caseload.rows(filled, found[:10])
    assert [r.id for r in rows] == expected[:10]


def test_a_workers_own_list_and_the_unassigned_list_are_the_plain_querys(filled):
    workers = dict(caseload.workers(filled))
    assert workers
    for worker_id in workers:
        expected = _plain(filled, "SELECT id FROM cases WHERE assigned_worker_id = :w AND "
                                  "status != 'closed' ORDER BY referral_date DESC, id DESC",
                          w=worker_id)
        assert caseload.case_ids(filled, caseload.ALL, status="open",
                                 worker_id=worker_id) == expected
    unassigned = _plain(filled, "SELECT id FROM cases WHERE assigned_worker_id IS NULL "
                                "ORDER BY referral_date DESC, id DESC")
    assert caseload.case_ids(filled, caseload.UNASSIGNED) == unassigned


def test_an_empty_list_is_empty(folder):
    session = make_workspace(folder).session
    try:
        account = accounts.create_account(session, "worker", "Wyn Worker",
                                          "worker password 1", {roles.SUPPORT_WORKER})
        assert caseload.case_ids(session, caseload.ALL) == []
        assert caseload.case_ids(session, caseload.ALL, worker_id=account.id) == []
    finally:
        auth.sign_out(session)


def _plan(session, sql: str) -> str:
    with session.workspace.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
        conn.rollback()
    return " | ".join(r[-1] for r in rows)


@pytest.mark.parametrize("where, index", [
    ("1", "ix_cases_referral_date_status"),
    ("status != 'closed'", "ix_cases_open_referral_date"),
    ("assigned_worker_id = 3 AND status != 'closed'", "ix_cases_worker_referral_date"),
])
def test_the_first_lists_are_read_from_an_index_in_order(filled, where, index):
    plan = _plan(filled, f"SELECT id FROM cases WHERE {where} "
                         "ORDER BY referral_date DESC, id DESC")
    assert f"COVERING INDEX {index}" in plan
    assert "TEMP B-TREE" not in plan


def test_the_dashboard_counts_the_question_from_an_index(filled):
    plan = _plan(filled, "SELECT count(*) FROM cases WHERE interaction_answer IN "
                         "('yes', 'no', 'unsure', 'declined')")
    assert "COVERING INDEX ix_cases_interaction_answer" in plan
    figures = reports.dashboard(filled)
    answered = _plain(filled, "SELECT id FROM cases WHERE interaction_answer != ''")
    assert figures.referrals_with_question_answered == len(answered) > 0
