"""Casework screens driven through their real widgets: the referral form, the initial
options assessment wizard (every branch), the caseload and search, the case view, support
sessions, and drafts kept over a lock (pytest-qt, offscreen)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWizard

from sv2desk.policy import lifecycle
from sv2desk.services import assessments, cases, concerns, referrals
from sv2desk.ui.casework import assessment_wizard as aw

from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD
from .screens import (LEFT, click, finish, next_page, open_case, open_wizard,  # noqa: F401
                      press_lock, refer, referral, settle, sign_in, sign_out, unnamed_inputs,
                      walk_to_judgement)


# -- the referral form ---------------------------------------------------------------------

def test_referral_form_refuses_without_the_interaction_answer_then_saves(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    page = main.show_area("New referral")
    assert main.windowTitle() == "SV2 Desk"
    qtbot.keyClicks(page.name, "Robin Example")
    qtbot.keyClicks(page.postcode, "NG1 1AA")
    qtbot.waitUntil(lambda: "outside Derbyshire" in page.advice.area.text())
    assert not page.advice.safeguarding.isVisible()
    # The date of birth, typed day first as people say it
    qtbot.keyClicks(page.date_of_birth, f"01/01/{date.today().year - 16}")
    qtbot.waitUntil(page.advice.safeguarding.isVisible)  # prominent, with the prompt
    assert "under 18" in page.advice.safeguarding.text()
    page.postcode.clear()
    qtbot.keyClicks(page.postcode, "DE1 1AA")
    qtbot.waitUntil(lambda: "inside Derbyshire" in page.advice.area.text())
    assert not page.referrer_box.isVisible()             # only for an external referral
    click(qtbot, page.who_referred.buttons["external"])
    assert page.referrer_box.isVisible()
    qtbot.keyClicks(page.referrer_organisation, "Example GP Surgery")
    click(qtbot, page.harm_categories.boxes["rape"])
    click(qtbot, page.harm_timing.buttons["non_recent"])
    click(qtbot, page.support_requested.boxes["counselling"])
    click(qtbot, page.eligibility_decision.buttons["accept"])
    page.arrived_by.setCurrentIndex(page.arrived_by.findData("phone"))
    settle(qtbot)
    click(qtbot, page.persons_named.add_button)
    qtbot.keyClicks(page.persons_named.rows[0].name, "Sam Named")
    qtbot.keyClicks(page.persons_named.rows[0].relationship, "ex-partner")
    page.scroll.verticalScrollBar().setValue(0)

    click(qtbot, page.save_button)                       # the question is not answered
    assert page.saved is None
    assert "Every referral must answer this question" in page.errors.message("interaction_answer")
    assert page.errors.message("name") == ""
    assert page.first_error_field == "interaction_answer"
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().value() > 0)
    label = page.errors.label("interaction_answer")
    top = label.mapTo(page.scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < page.scroll.viewport().height()    # scrolled to the message
    assert page.name.text() == "Robin Example"           # nothing typed is lost
    assert page.persons_named.rows[0].name.text() == "Sam Named"

    click(qtbot, page.interaction_answer.buttons["yes"])
    qtbot.keyClicks(page.interaction_details, "They live nearby.")
    click(qtbot, page.save_button)
    assert page.saved is not None
    assert page.saved.reference in page.saved_label.text()
    assert page.stack.currentIndex() == 1
    view = cases.open_case(main.session, page.saved.id)
    assert view.client["name"] == "Robin Example"
    assert view.interaction_answer == "yes"
    assert [p.name for p in view.persons_of_concern] == ["Sam Named"]
    assert view.referral["referrer_organisation"] == "Example GP Surgery"
    assert view.assigned_worker_id == main.session.account_id
    assert page.drafts() == []                           # saved: nothing to keep

    click(qtbot, page.assess_button)                     # straight into the assessment
    caseload = main.pages["My caseload"]
    assert main.stack.currentWidget() is caseload
    assert caseload.case_page.wizard is not None
    assert caseload.case_page.view.status == lifecycle.ASSESSING
    assert page.name.text() == ""                        # the form is ready for the next one
    assert caseload.list.model.total() == 1              # the list has heard of the new case


def test_a_referral_form_draft_survives_a_lock(qtbot, created, folder, make_shell):  # noqa: F811
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    page = main.show_area("New referral")
    assert page.drafts() == []                           # nothing typed, nothing kept
    qtbot.keyClicks(page.name, "Alex Draft")
    qtbot.keyClicks(page.postcode, "S40 1AA")
    click(qtbot, page.interaction_answer.buttons["unsure"])
    click(qtbot, page.harm_categories.boxes["other"])
    click(qtbot, page.persons_named.add_button)
    qtbot.keyClicks(page.persons_named.rows[0].name, "Named In Draft")
    press_lock(qtbot, main)
    assert shell.session is None
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    page = main.pages["New referral"]
    assert main.stack.currentWidget() is page            # back where they were
    assert page.name.text() == "Alex Draft"
    assert page.postcode.text() == "S40 1AA"
    assert page.interaction_answer.value() == "unsure"
    assert page.harm_categories.values() == {"other"}
    assert page.persons_named.rows[0].name.text() == "Named In Draft"
    qtbot.waitUntil(lambda: "inside Derbyshire" in page.advice.area.text())
    assert not main.draft_bar.isVisible()
    shell.shutdown()


# -- the initial options assessment ----------------------------------------------------------

@pytest.mark.parametrize("outcome, status", [("support_offered", lifecycle.AWAITING_SUPPORT),
                                             ("signposted", lifecycle.CLOSED),
                                             ("declined", lifecycle.CLOSED)])
def test_assessment_outcomes(qtbot, open_main, outcome, status):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Kim Assessed")
    page, wizard = open_wizard(qtbot, main, case_id)
    assert cases.open_case(main.session, case_id).status == lifecycle.ASSESSING
    walk_to_judgement(qtbot, wizard, risk=outcome == "declined")
    click(qtbot, wizard.potential_perpetrator.buttons["no"])
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.OPTIONS
    next_page(qtbot, wizard)
    assert "Choose the outcome" in wizard.page(aw.OPTIONS).errors.message("outcome")
    click(qtbot, wizard.outcome.buttons[outcome])
    if outcome == "support_offered":
        next_page(qtbot, wizard)                         # which support, too
        assert "Choose the support offered" in wizard.page(aw.OPTIONS).errors.message(
            "options_offered")
        click(qtbot, wizard.options_offered.boxes["counselling"])
    else:
        assert not wizard.options_offered.isEnabled()
        qtbot.keyClicks(wizard.outcome_notes, "Given the number of a local service.")
    next_page(qtbot, wizard)
    assert "Nothing has been recorded yet" in wizard.currentPage().subTitle()
    assert not cases.open_case(main.session, case_id).assessed
    finish(qtbot, wizard)
    assert page.wizard is None                           # back to the case
    view = cases.open_case(main.session, case_id)
    assert view.assessed and view.status == status
    assert lifecycle.LABELS[status] in page.message.text()
    assert not page.assess_button.isVisible()


def test_assessment_potential_perpetrator_branch(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Lee Flagged")
    page, wizard = open_wizard(qtbot, main, case_id)
    assert unnamed_inputs(main) == []                     # the wizard's inputs too
    walk_to_judgement(qtbot, wizard, risk=True)
    click(qtbot, wizard.potential_perpetrator.buttons["yes"])
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.PERPETRATOR
    text = wizard.currentPage().findChild(QLabel, "attention_explained").text()
    assert "marked for management attention" in text
    assert "will not be offered until a manager has reviewed it" in text
    next_page(qtbot, wizard)                             # what led to it, and where from
    assert wizard.currentId() == aw.PERPETRATOR
    assert "where it came from" in wizard.page(aw.PERPETRATOR).errors.message(
        "perpetrator_notes")
    qtbot.keyClicks(wizard.perpetrator_notes, "Said in the assessment; the referrer agreed.")
    next_page(qtbot, wizard)                             # the risk level is asked, not assumed
    assert wizard.currentId() == aw.PERPETRATOR
    assert "risk level" in wizard.page(aw.PERPETRATOR).errors.message("risk_level")
    click(qtbot, wizard.risk_level.buttons["not_assessed"])
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.SUMMARY              # the support options page is skipped
    assert aw.OPTIONS not in wizard.visitedIds()
    assert "management attention" in wizard.summary.text()
    finish(qtbot, wizard)
    assert page.wizard is None
    view = cases.open_case(main.session, case_id)
    assert view.assessed
    assert view.status != lifecycle.AWAITING_SUPPORT     # support is not offered
    assert view.needs_management_attention or view.paused
    concern = concerns.view(main.session, concerns.for_case(main.session, case_id))
    assert concern.risk_level == "not_assessed"
    assert page.paused_banner.isVisible() or page.attention_banner.isVisible()
    page.tabs.setCurrentWidget(page.sessions)
    settle(qtbot)
    assert page.sessions.refusal.isVisible()
    assert not page.sessions.record_button.isEnabled()


def test_stopping_the_assessment_records_nothing_and_a_lock_keeps_it(qtbot, created, folder,
                                                                      make_shell):  # noqa: F811
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    case_id = refer(main, "Pat Interrupted")
    page, wizard = open_wizard(qtbot, main, case_id)
    click(qtbot, wizard.identity_confirmed)
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.safety_notes, "Typed before the lock")
    press_lock(qtbot, main)
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    # back where they were, with what was typed (no need to open the draft)
    page = main.pages["My caseload"].case_page
    wizard = page.wizard
    assert wizard is not None and wizard.currentId() == aw.SAFETY
    assert wizard.identity_confirmed.isChecked()
    assert wizard.safety_notes.toPlainText() == "Typed before the lock"
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)            # Escape does not throw it away
    assert page.wizard is wizard
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    assert page.wizard is None
    assert "Nothing from it was recorded" in page.message.text()
    assert not cases.open_case(main.session, case_id).assessed
    shell.shutdown()


# -- caseload, search and the case view --------------------------------------------------------

def test_search_and_open_a_case(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    refer(main, "Morgan Searchable", preferred_name="Mo", postcode="S40 2AB")
    refer(main, "Someone Else")
    caseload = main.show_area("My caseload")
    caseload.list.refresh()
    settle(qtbot)
    assert caseload.list.model.total() == 2
    qtbot.keyClicks(caseload.list.search_box, "searchab")
    qtbot.keyClick(caseload.list.search_box, Qt.Key.Key_Return)
    settle(qtbot)
    assert caseload.list.model.rowCount() == 1
    index = caseload.list.model.index(0, 1)
    assert "Morgan Searchable" in index.data()
    for query in ("12/03/1990", "S40 2AB"):                # date of birth, postcode
        caseload.list.search_box.clear()
        qtbot.keyClicks(caseload.list.search_box, query)
        qtbot.keyClick(caseload.list.search_box, Qt.Key.Key_Return)
        settle(qtbot)
        assert caseload.list.model.rowCount() >= 1
    caseload.list.search_box.clear()
    qtbot.keyClicks(caseload.list.search_box, "Morgan")
    qtbot.keyClick(caseload.list.search_box, Qt.Key.Key_Return)
    settle(qtbot)
    table = caseload.list.table
    table.setCurrentIndex(caseload.list.model.index(0, 0))
    settle(qtbot)
    qtbot.keyClick(table, Qt.Key.Key_Return)              # Enter opens the case
    settle(qtbot)
    page = caseload.case_page
    assert caseload.stack.currentWidget() is page
    assert "Mo" in page.title.text() and main.windowTitle() == "SV2 Desk"
    assert "Referred" in page.summary.text()
    assert page.timeline.rowCount() >= 1
    assert unnamed_inputs(main) == []
    click(qtbot, page.back_button)
    assert caseload.stack.currentWidget() is caseload.list


def test_record_a_session_refused_before_assessment_then_recorded(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Ray Supported")
    caseload = open_case(qtbot, main, case_id)
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.sessions)
    settle(qtbot)
    panel = page.sessions
    assert panel.refusal.isVisible()
    assert "initial options assessment" in panel.refusal.text()
    assert not panel.record_button.isEnabled()
    panel.session_type.setCurrentIndex(panel.session_type.findData("check_in"))
    settle(qtbot)
    panel.record()                                        # the service refuses too
    settle(qtbot)
    assert "initial options assessment" in panel.message.text()
    panel.session_type.setCurrentIndex(0)

    settle(qtbot)
    assessments.complete(main.session, case_id, assessments.AssessmentForm(
        identity_confirmed=True, interaction_answer="no", outcome="support_offered",
        options_offered={"counselling"}))
    caseload.open_case(case_id)
    settle(qtbot)
    page.tabs.setCurrentWidget(panel)
    settle(qtbot)
    assert not panel.refusal.isVisible() and panel.record_button.isEnabled()
    click(qtbot, panel.record_button)                     # the type is required
    assert "type of session" in panel.errors.message("session_type")
    panel.session_type.setCurrentIndex(panel.session_type.findData("counselling"))
    settle(qtbot)
    qtbot.keyClicks(panel.note, "First session went well.")
    assert page.drafts()[0][0] == "support_session"       # a note in progress is kept on lock
    click(qtbot, panel.record_button)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 6).text() == "First session went well."   # the note, last
    assert page.view.status == lifecycle.IN_SUPPORT
    assert page.tabs.currentWidget() is panel


def test_take_an_unassigned_case_and_close_it(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Unassigned Person", assign_to_me=False)
    caseload = main.show_area("My caseload")
    lists = caseload.list
    assert lists.scopes.count() == 2                      # no "All cases" for a worker
    lists.scopes.setCurrentIndex(1)
    settle(qtbot)
    assert lists.model.total() == 1
    lists.table.doubleClicked.emit(lists.model.index(0, 0))
    settle(qtbot)
    page = caseload.case_page
    assert page.assign_button.isVisible()
    click(qtbot, page.assign_button)
    assert page.view.assigned_worker_id == main.session.account_id
    assert not page.assign_button.isVisible()
    click(qtbot, page.close_button)
    click(qtbot, page.close_panel.confirm_button)
    assert "why the case is closing" in page.close_panel.errors.message("reason")
    reason = page.close_panel.reason
    reason.setCurrentIndex(reason.findData("no_contact"))
    settle(qtbot)
    click(qtbot, page.close_panel.confirm_button)
    assert page.view.status == lifecycle.CLOSED
    assert not page.close_button.isVisible()
    assert cases.open_case(main.session, case_id).referral["closed_reason"] == "no_contact"


def test_a_paused_case_shows_the_banner(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Paused Person")
    caseload = open_case(qtbot, main, case_id)
    page = caseload.case_page
    view = page.view
    page.show_view(dataclasses.replace(view, status=lifecycle.ON_HOLD, paused=True,
                                       status_label=lifecycle.LABELS[lifecycle.ON_HOLD],
                                       support_refusal=lifecycle.HOLD_REASON))
    assert page.paused_banner.isVisible()
    assert page.paused_banner.text() == lifecycle.HOLD_REASON
    assert page.sessions.refusal.text() == lifecycle.HOLD_REASON
    assert not page.assess_button.isVisible()


def test_the_caseload_fetches_rows_lazily_and_sorts_by_header(qtbot, open_main):
    main = open_main("manager", MANAGER_PASSWORD)
    settle(qtbot)
    referrals.create_many(main.session, [     # one transaction: 300 one by one took 5 s
        referral(f"Client {n:03d}", preferred_name="", referral_date=date(2024, 1, 1 + n % 28))
        for n in range(300)])
    caseload = main.show_area("My caseload")
    lists = caseload.list
    assert lists.scopes.count() == 3 and lists.worker.isHidden()
    lists.scopes.setCurrentIndex(2)                       # all cases (a manager)
    settle(qtbot)
    assert not lists.worker.isHidden()
    model = lists.model
    assert model.total() == 300
    assert model.rowCount() == 100                        # one page of rows to begin with
    fetched = model.pages_fetched
    model.index(0, 1).data()
    model.index(99, 1).data()
    assert model.pages_fetched <= fetched + 1             # rows come a page at a time
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 200
    before = model.pages_fetched
    model.index(150, 1).data()
    assert model.pages_fetched == before + 1
    lists.table.scrollToBottom()                          # scrolling to the end reveals more
    lists.table.verticalScrollBar().setValue(lists.table.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    assert not model.canFetchMore()

    header = lists.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + 10
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    settle(qtbot)
    assert model.index(0, 1).data() == "Client 000"       # by name, A to Z
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    settle(qtbot)
    assert model.index(0, 1).data() == "Client 299"       # and Z to A
    x = header.sectionViewportPosition(3) + 10            # the worker column does not sort
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    settle(qtbot)
    assert header.sortIndicatorSection() == 1
    lists.worker.setCurrentIndex(lists.worker.findText("Wyn Worker"))
    settle(qtbot)
    assert model.total() == 0                             # the manager holds them all
    lists.worker.setCurrentIndex(lists.worker.findText("Mo Manager"))
    settle(qtbot)
    assert model.total() == 300
    lists.status.setCurrentIndex(lists.status.findData(lifecycle.CLOSED))
    settle(qtbot)
    # an empty list says why, and what to do
    assert model.total() == 0 and "No cases at this stage" in lists.count.text()
    assert "Any status" in lists.count.text()
