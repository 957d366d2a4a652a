"""The desktop on the office server: a change made on another PC reaches this PC's manager
queue badge and caseload by itself, within seconds (LISTEN/NOTIFY), without a click."""

from __future__ import annotations

from sv2desk.services import auth, caseload as caseload_service, concerns, referrals
from sv2desk.ui.shell.main_window import MainWindow

from .conftest import MANAGER_PASSWORD, WORKER_PASSWORD
from .service_examples import (concern_form, discussion_form, explanation_form,
                               referral_form)

WORKSPACE_KINDS = ("server",)


def _nav_text(window, title: str) -> str:
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        if item.text().startswith(title):
            return item.text()
    return ""


def test_another_pcs_concern_reaches_the_queue_badge_and_caseload(qtbot, created, folder,
                                                                   tmp_path):
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)   # "another PC"
    window = MainWindow(manager)
    qtbot.addWidget(window)
    try:
        assert _nav_text(window, "Manager queue") == "Manager queue"
        caseload = window.pages["My caseload"].list
        caseload.scopes.setCurrentIndex(caseload._scope_codes.index(caseload_service.ALL))
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
