"""The page check after signing in to large data runs on a read-only connection of its own,
so the first page of cases never waits behind it (issue 19: sign-in to the first page).

Here a unit of work holds the workspace (its lock and the write lock) on one thread while
the page check runs to the end on another, and a search answers on the first thread while
a check is under way; the check still reads only committed data.
"""

from __future__ import annotations

import threading

from sv2desk.services import auth, caseload

from .workspaces import make_workspace


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
