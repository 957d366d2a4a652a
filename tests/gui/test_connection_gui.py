"""The connection check through its real widgets (pytest-qt, offscreen): a referral naming
a person of concern who is already a client raises a flag only managers see; the worker
who entered it sees nothing; the manager sees both records and the evidence in the
Manager queue and confirms it with the safety measures; then the session form refuses to
book the two clients at one place on one day, saying only that a restriction applies."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QWidget

from sv2desk.policy import roles
from sv2desk.services import accounts, assessments, referrals
from sv2desk.services.connections import check as connection_check, separation
from sv2desk.services.referrals import PersonNamed
from sv2desk.ui.review.connections_panel import ConnectionsPanel

from ..support.workspaces import MANAGER_PASSWORD
from .screens import click, referral, settle, sign_out  # noqa: F401

OTHER_PASSWORD = "other worker password"
NEXT_WEEK = date.today() + timedelta(days=7)
PLACE = "Derby office, Room 2"


def all_text(window: QWidget) -> str:
    return "\n".join(label.text() for label in window.findChildren(QLabel))


def assess(session, case_id: int) -> None:
    assessments.complete(session, case_id, assessments.AssessmentForm(
        identity_confirmed=True, interaction_answer="no", outcome="support_offered",
        options_offered={"counselling"}))


def plan_session(qtbot, main, case_id: int):
    """Plan a counselling session next week at PLACE through the case's session form."""
    caseload = main.show_area("My caseload")
    settle(qtbot)
    caseload.open_case(case_id)
    settle(qtbot)
    assert caseload.stack.currentWidget() is caseload.case_page
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.sessions)
    settle(qtbot)
    panel = page.sessions
    click(qtbot, panel.planned)
    panel.session_date.setDate(QDate(NEXT_WEEK.year, NEXT_WEEK.month, NEXT_WEEK.day))
    panel.session_type.setCurrentIndex(panel.session_type.findData("counselling"))
    settle(qtbot)
    qtbot.keyClicks(panel.location, PLACE)
    qtbot.keyClicks(panel.note, "First counselling session.")
    click(qtbot, panel.record_button)
    return panel


def test_a_flag_seen_only_by_a_manager_confirmed_then_a_booking_refused(
        qtbot, created, folder, open_main):
    new, _ = created
    accounts.create_account(new.session, "other", "Olu Other", OTHER_PASSWORD,
                            {roles.SUPPORT_WORKER})
    other = open_main("other", OTHER_PASSWORD)
    settle(qtbot)
    # Someone who looks like one of the named man's household (the same surname and
    # postcode): kept apart once confirmed, with no hold on the case (a client who looks
    # like the named man himself is held: tests/services/test_connection_holds.py).
    abuser = referrals.create_referral(other.session, referral(
        "Harold Flagstaff", date_of_birth=date(1971, 4, 9), postcode="DE22 1AB",
        assign_to_me=True)).id
    assess(other.session, abuser)

    worker = open_main()

    settle(qtbot)
    survivor = referrals.create_referral(worker.session, referral(
        "Amy Rowe", assign_to_me=True, interaction_answer="yes",
        persons_named=[PersonNamed("Gary Flagstaff", "ex-partner",
                                   "born 1985, lives DE22 1AB")])).id
    assess(worker.session, survivor)

    # The worker who entered it sees nothing of the flag or the other case.
    assert "Manager queue" not in worker.area_titles()
    assert not worker.findChildren(ConnectionsPanel)
    caseload = worker.show_area("My caseload")
    settle(qtbot)
    caseload.open_case(survivor)
    settle(qtbot)
    assert caseload.stack.currentWidget() is caseload.case_page
    view = caseload.case_page.view
    assert not any("connection" in e.what.lower() or "flag" in e.what.lower()
                   or "restriction" in e.what.lower() for e in view.timeline)
    shown = all_text(worker)
    assert "Harold" not in shown and "confidential" not in shown.lower()
    assert "Manager queue" not in worker.windowTitle()

    # The manager sees it in the Manager queue, both records side by side.
    manager = open_main("manager", MANAGER_PASSWORD)
    settle(qtbot)
    assert "Manager queue (1)" in [manager.nav.item(i).text()
                                   for i in range(manager.nav.count())]
    page = manager.show_area("Manager queue")
    settle(qtbot)
    panel = page.show_connections()
    settle(qtbot)
    assert page.tabs.tabText(page.tabs.currentIndex()).replace("&", "") == \
        "Possible connections (1)"
    assert panel.table.rowCount() == 1 and panel.current is not None
    sides = panel.left.text() + "\n" + panel.right.text()
    for expected in ("Harold Flagstaff", "Gary Flagstaff", "09/04/1971", "DE22 1AB",
                     "ex-partner", "Olu Other", "Wyn Worker"):
        assert expected in sides
    assert panel.current.left.case_reference in sides
    assert panel.current.right.case_reference in sides
    assert "Same surname" in panel.evidence.text()
    assert "possibly a relative" in panel.evidence.text()
    assert "Harold" not in manager.windowTitle()

    click(qtbot, panel.confirm_button)                     # the safety measures are required
    assert "safety measures" in panel.errors.message("safety_measures")
    assert panel.current.status == connection_check.OPEN
    qtbot.keyClicks(panel.safety_measures, "Separate days and workers; Derby office only.")
    click(qtbot, panel.confirm_button)
    assert panel.table.rowCount() == 1                     # decided, still listed
    assert panel.current.status == connection_check.CONFIRMED
    assert "Confirmed: kept apart" in panel.status.text()
    assert "Separate days and workers" in panel.history.text()
    assert "Confirmed" in panel.decided.text()
    assert page.tabs.tabText(1).replace("&", "") == "Possible connections"
    assert "Manager queue" in [manager.nav.item(i).text() for i in range(manager.nav.count())]
    click(qtbot, panel.dismiss_button)                     # a reason is required to dismiss
    assert "not the same person" in panel.errors.message("reason")

    # Booking the two at one place on one day: the second is refused, plainly.
    booked = plan_session(qtbot, other, abuser)
    assert booked.table.rowCount() == 1 and "planned" in booked.message.text()
    refused = plan_session(qtbot, worker, survivor)
    assert refused.message.text() == separation.BOOKING_REFUSED
    assert refused.message.isVisible()
    assert refused.table.rowCount() == 0
    assert "Harold" not in all_text(worker)
    for window in (other, worker, manager):
        assert window.windowTitle() == "SV2 Desk"
