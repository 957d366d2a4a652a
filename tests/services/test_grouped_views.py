"""Audit entries for views are synced to disk together, a moment later; changes at once.

Every search, page and case opened writes an audit entry. Waiting for the disk after
each (synchronous=FULL) cost a quarter of a search, so a unit of work that only recorded
views is committed without waiting and synced within Workspace.VIEW_SYNC_SECONDS, with
the next change, or before sign-out, lock and close (issue 19, point 3). Here: which
calls wait for the disk and when, the audit head in keys.json never ahead of what is on
disk, and a hard kill (SIGKILL) of a process doing views and changes: every change it
reported is there, no view entry older than the window is missing, the chain is whole.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import textwrap
import threading
import time

import pytest

from sv2desk.services import audit, auth, caseload, drafts
from sv2desk.store import workspace as ws_mod

from ..support.safety_helpers import start_helper
from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD, make_workspace


@pytest.fixture
def syncs(monkeypatch):
    """When the database's log was synced to disk (monotonic times)."""
    seen: list[float] = []
    real = ws_mod.Workspace._fsync_log

    def fsync_log(self):
        seen.append(time.monotonic())
        return real(self)
    monkeypatch.setattr(ws_mod.Workspace, "_fsync_log", fsync_log)
    return seen


def _wal_syncs(seen):
    return list(seen)


def _quiet(ws, window: float) -> None:
    """Set the view window, and write the audit head to keys.json now and not again
    during the test (it is written every few seconds, after a sync of its own)."""
    ws.VIEW_SYNC_SECONDS = window
    ws.HEAD_WRITE_SECONDS = 3600
    ws.flush_audit_head()
    ws._head_written = time.monotonic()    # as if just written
    ws.sync_views()


def test_a_search_does_not_wait_for_the_disk_but_is_synced_within_the_window(folder, syncs):
    session = make_workspace(folder).session
    try:
        _quiet(session.workspace, 0.05)
        syncs.clear()
        done = threading.Event()
        original = session.workspace.sync_views

        def sync_views():
            original()
            done.set()
        session.workspace.sync_views = sync_views
        before = time.monotonic()
        caseload.search(session, "Smith")
        returned = time.monotonic()
        assert _wal_syncs(syncs) == [], "the search waited for the disk"
        assert done.wait(5), "the view entry was never synced"
        synced = _wal_syncs(syncs)
        assert len(synced) == 1 and synced[0] >= returned
        assert synced[0] - before < 5
    finally:
        auth.sign_out(session)


def test_many_views_share_one_sync_and_a_change_is_on_disk_before_it_returns(folder, syncs):
    session = make_workspace(folder).session
    try:
        _quiet(session.workspace, 30)     # the timer cannot fire in this test
        syncs.clear()
        for _ in range(5):
            caseload.search(session, "Smith")
            caseload.case_ids(session, caseload.ALL)
        assert _wal_syncs(syncs) == []
        drafts.save(session, "grouped-views", {"text": "a change"})
        assert len(_wal_syncs(syncs)) == 1, "a change must be synced before it returns"
        # The change's sync covered the views before it: nothing is left waiting.
        assert not session.workspace._views_unsynced
    finally:
        auth.sign_out(session)


def test_a_view_never_waits_for_a_slow_sync_of_the_views_before_it(folder, monkeypatch):
    """The disk is slow to sync the earlier views: a search made meanwhile returns at once
    (it only notes that it waits), and the head is never written before the sync ends."""
    session = make_workspace(folder).session
    ws = session.workspace
    try:
        _quiet(ws, 30)                   # only this test's own sync runs
        syncing, release = threading.Event(), threading.Event()
        real = ws_mod.Workspace._fsync_log

        def slow_disk(self):
            syncing.set()
            release.wait(30)
            real(self)
        monkeypatch.setattr(ws_mod.Workspace, "_fsync_log", slow_disk)
        caseload.search(session, "Smith")
        sync = threading.Thread(target=ws.sync_views)
        sync.start()
        assert syncing.wait(10)
        searched = threading.Event()
        threading.Thread(target=lambda: (caseload.search(session, "Jones"),
                                         searched.set())).start()
        assert searched.wait(10), "the search waited for the earlier views' sync"
        assert ws._views_unsynced        # the new view waits for the next sync
        head = threading.Event()
        writer = threading.Thread(target=lambda: (ws.sync_views(), head.set()))
        writer.start()
        assert not head.wait(0.2)        # a sync for the head waits for the disk
        release.set()
        sync.join(10)
        writer.join(10)
        assert head.is_set() and not ws._views_unsynced
    finally:
        release.set()
        auth.sign_out(session)


@pytest.mark.file_only     # the server counterpart: tests/server/test_office_server_views.py
def test_a_refusal_is_not_treated_as_a_view(folder, syncs, created):
    from sv2desk import errors
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        _quiet(worker.workspace, 30)
        syncs.clear()
        with pytest.raises(errors.PermissionDenied):   # a support worker lists only theirs
            caseload.case_ids(worker, caseload.ALL)
        assert len(_wal_syncs(syncs)) == 1, "a 'denied' entry is synced before it returns"
    finally:
        auth.sign_out(worker)


@pytest.mark.parametrize("ending", ["sign_out", "lock", "close"])
def test_views_are_synced_before_sign_out_lock_and_close(folder, syncs, ending):
    session = make_workspace(folder).session
    _quiet(session.workspace, 30)
    caseload.search(session, "Smith")
    assert session.workspace._views_unsynced
    {"sign_out": auth.sign_out, "lock": auth.lock,
     "close": lambda s: s.workspace.close()}[ending](session)
    assert not session.workspace._views_unsynced
    assert session.workspace._syncer is None or not session.workspace._syncer.is_alive()


def test_the_audit_head_in_keys_json_is_written_only_after_a_sync(folder, syncs, monkeypatch):
    session = make_workspace(folder).session
    try:
        ws = session.workspace
        _quiet(ws, 30)
        ws.HEAD_WRITE_SECONDS = 5
        order: list[str] = []
        real_update = ws._update_slots

        def update(change):
            order.append("keys.json")
            return real_update(change)
        monkeypatch.setattr(ws, "_update_slots", update)
        real_sync = ws._sync_wal

        def sync():
            order.append("sync")
            return real_sync()
        monkeypatch.setattr(ws, "_sync_wal", sync)
        caseload.search(session, "Smith")
        order.clear()
        ws.flush_audit_head()
        assert order[:2] == ["sync", "keys.json"]
        assert audit.check_chain(ws).ok
    finally:
        auth.sign_out(session)


HELPER = textwrap.dedent('''
    import os, random, time
    from pathlib import Path
    from sv2desk.services import auth, caseload, drafts
    from tests.support.forking import say, serve

    FOLDER = Path(os.environ["SV2_VIEWS_FOLDER"])
    PASSWORD = os.environ["SV2_VIEWS_PASSWORD"]

    def work(seed):
        rng = random.Random(seed)
        session = auth.sign_in(FOLDER, "admin", PASSWORD)
        ws = session.workspace
        say("ready")
        for n in range(100000):
            if rng.random() < 0.2:
                info = drafts.save(session, "views-crash", {"n": n})
                kind, what = "change", info.id
            elif rng.random() < 0.5:
                caseload.search(session, "Smith")
                kind, what = "view", 0
            else:
                caseload.case_ids(session, caseload.ALL)
                kind, what = "view", 0
            seq = ws.read("SELECT max(seq) FROM audit_log")[0][0]
            say(f"{kind} {what} {seq} {time.monotonic():.6f}")

    serve(work, lambda command: (int(command),))
''')
ROUNDS = 6


def test_a_hard_kill_loses_no_change_and_no_view_older_than_the_window(folder, tmp_path):
    auth.sign_out(make_workspace(folder).session)
    window = ws_mod.Workspace.VIEW_SYNC_SECONDS
    seed = random.randrange(2 ** 32)
    rng = random.Random(seed)
    changes: dict[int, int] = {}          # draft id -> its audit entry
    views: list[tuple[int, float]] = []   # (audit entry, when reported)
    helper, lines = start_helper(tmp_path, "views_helper", HELPER,
                                 SV2_VIEWS_FOLDER=str(folder),
                                 SV2_VIEWS_PASSWORD=ADMIN_PASSWORD)
    worker = None

    def note(line: str) -> None:
        kind, what, seq, at = line.split()
        if kind == "change":
            changes[int(what)] = int(seq)
        elif kind == "view":
            views.append((int(seq), float(at)))
    try:
        for round_no in range(ROUNDS):
            context = f"round {round_no} (seed {seed})"
            helper.stdin.write(f"{rng.randrange(2 ** 32)}\n".encode())
            helper.stdin.flush()
            worker = int(lines.next().split()[1])
            assert lines.next() == "ready", context
            for line in lines.watch(rng.uniform(0.05, 0.4)):
                note(line)
            killed_at = time.monotonic()
            os.kill(worker, signal.SIGKILL)
            while not (line := lines.next()).startswith("reaped "):
                note(line)
            worker = None
            session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
            try:
                ws = session.workspace
                chain = audit.check_chain(ws)
                entries = {r[0]: r[1] for r in ws.read("SELECT seq, action FROM audit_log")}
                kept = {r[0] for r in ws.read("SELECT id FROM drafts")}
            finally:
                auth.sign_out(session)
            assert chain.ok, f"{context}: {chain.problem}"
            lost = sorted(d for d in changes if d not in kept)
            assert not lost, f"{context}: changes reported saved, then lost: {lost}"
            assert all(entries.get(seq) == "drafts.save" for seq in changes.values()), context
            old_views_lost = [seq for seq, at in views
                              if at < killed_at - window and seq not in entries]
            assert not old_views_lost, f"{context}: view entries lost: {old_views_lost}"
            assert all(entries.get(seq) in audit.VIEWS for seq, _ in views
                       if seq in entries), context
    finally:
        if worker is not None:
            os.kill(worker, signal.SIGKILL)
        helper.stdin.close()
        try:
            helper.wait(timeout=30)
        except subprocess.TimeoutExpired:
            helper.kill()
            helper.wait()
        helper.stdout.close()
    assert helper.returncode == 0
    assert len(changes) >= 3 and len(views) >= 20, "too little was exercised"
