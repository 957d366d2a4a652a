"""The desktop on the office server: a change made on another PC reaches this PC's manager
queue badge and caseload by itself, within seconds (LISTEN/NOTIFY), without a click."""

from __future__ import annotations

import threading

from sv2desk.services import auth, caseload as caseload_service, changes, concerns, referrals
from sv2desk.ui.shell.main_window import MainWindow

from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD
from ..support.service_examples import (concern_form, discussion_form, explanation_form,
                                        referral_form)

WORKSPACE_KINDS = ("server",)


def _nav_text(window, title: str) -> str:
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        if item.text().startswith(title):
            return item.text()
    return ""


def _all_cases_shown(qtbot, window):
    """The manager's window on screen with every case listed, the list's own reading done
    (so whatever arrives after it can only come through the change watcher)."""
    window.show()
    qtbot.waitExposed(window)
    caseload = window.pages["My caseload"].list
    with qtbot.waitSignal(caseload.loaded, timeout=10_000):
        caseload.scopes.setCurrentIndex(caseload._scope_codes.index(caseload_service.ALL))
    return caseload


def test_another_pcs_concern_reaches_the_queue_badge_and_caseload(qtbot, created, folder,
                                                                   tmp_path):
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)   # "another PC"
    window = MainWindow(manager)
    qtbot.addWidget(window)
    try:
        assert _nav_text(window, "Manager queue") == "Manager queue"
        caseload = _all_cases_shown(qtbot, window)
        assert caseload.table.model().rowCount() == 0
        case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
        qtbot.waitUntil(lambda: caseload.table.model().rowCount() == 1, timeout=10_000)
        concern = concerns.raise_concern(worker, case, concern_form())
        concerns.record_explanation(worker, concern, explanation_form())
        concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
        qtbot.waitUntil(lambda: _nav_text(window, "Manager queue") == "Manager queue (1)",
                        timeout=10_000)
    finally:
        window.close()
        auth.sign_out(worker)
        auth.sign_out(manager)


def test_a_change_made_before_this_pc_listens_is_not_missed(qtbot, created, folder,
                                                            monkeypatch):
    """Another PC's referral lands between the window's first reading of the caseload and
    the moment its watcher starts listening: the watcher asks again once it listens."""
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)   # "another PC"
    may_listen = threading.Event()
    listen = changes.listen

    def held_back(session):
        may_listen.wait(20)
        return listen(session)

    monkeypatch.setattr(changes, "listen", held_back)
    window = MainWindow(manager)
    qtbot.addWidget(window)
    try:
        caseload = _all_cases_shown(qtbot, window)
        assert caseload.table.model().rowCount() == 0
        referrals.create_referral(worker, referral_form(assign_to_me=True))
        may_listen.set()
        qtbot.waitUntil(lambda: caseload.table.model().rowCount() == 1, timeout=10_000)
    finally:
        may_listen.set()
        window.close()
        auth.sign_out(worker)
        auth.sign_out(manager)
