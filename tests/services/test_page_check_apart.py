"""The page check after signing in to large data runs on a read-only connection of its own,
so the first page of cases never waits behind it (issue 19: sign-in to the first page).

Here a unit of work holds the workspace (its lock and the write lock) on one thread while
the page check runs to the end on another, and a search answers on the first thread while
a check is under way; the check still reads only committed data.
"""

from __future__ import annotations

import threading

import pytest

from sv2desk.services import auth, caseload

from ..support.workspaces import make_workspace


def test_the_page_check_does_not_wait_for_the_database_thread(folder):
    session = make_workspace(folder).session
    try:
        ws = session.workspace
        holding, finished = threading.Event(), threading.Event()
        checked: list[object] = []

        def check():
            holding.wait(10)
            try:
                auth.check_pages(session)
                checked.append("ok")
            except Exception as exc:   # noqa: BLE001 - reported below
                checked.append(exc)
            finished.set()
        thread = threading.Thread(target=check)
        thread.start()
        with ws.transaction() as db:          # the database thread, busy with a change
            db.connection()                   # holds SQLite's write lock from here
            holding.set()
            assert finished.wait(30), "the page check waited for the unit of work"
        thread.join(10)
        assert checked == ["ok"]
        assert ws.pages_checked
        assert caseload.search(session, "Smith") == []
    finally:
        auth.sign_out(session)


def test_a_search_answers_while_a_page_check_runs(folder):
    session = make_workspace(folder).session
    try:
        thread = threading.Thread(target=auth.check_pages, args=(session,))
        thread.start()
        assert caseload.search(session, "Smith") == []
        thread.join(30)
        assert not thread.is_alive()
    finally:
        auth.sign_out(session)


@pytest.mark.parametrize("lock_comes", ["during a statement", "between two statements"])
def test_locking_stops_a_page_check_under_way(folder, monkeypatch, lock_comes):
    """Locking (or signing out) while the check runs stops it: its connection, holding the
    key, does not outlive the workspace, and it says it stopped, not that data is damaged.
    An interrupt reaches only a statement running when it comes, so a lock that falls
    between two of the check's statements (here, just before its long one) is tried too."""
    from sv2desk import errors
    from sv2desk.store import engine as engine_mod

    started, locked = threading.Event(), threading.Event()

    def endless(conn, structure=True):   # a check that would never end by itself
        started.set()
        if lock_comes == "between two statements":
            locked.wait(10)              # the lock comes now, with no statement running
        conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                     "SELECT count(*) FROM c").fetchall()
        return []
    session = make_workspace(folder).session    # (small data: checked as it opened)
    monkeypatch.setattr(engine_mod, "connection_problems", endless)
    outcome: list[object] = []

    def check():
        try:
            auth.check_pages(session)
            outcome.append("finished")
        except Exception as exc:   # noqa: BLE001 - reported below
            outcome.append(exc)
    thread = threading.Thread(target=check)
    thread.start()
    assert started.wait(10)
    auth.lock(session)
    locked.set()
    thread.join(10)
    assert not thread.is_alive(), "the page check went on after the lock"
    assert len(outcome) == 1 and isinstance(outcome[0], errors.NotSignedIn)
    assert session.workspace._checking is None
