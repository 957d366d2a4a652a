"""The potential-perpetrator workflow driven through its real widgets (pytest-qt, offscreen):
a concern raised at assessment or from the case view, the explanation of the four points,
the line manager's countersignature on the same PC, the manager queue and its badge, the
review and decision (and a correction), the outcome shared, the case closed or resumed;
who may see what; the dashboard; a form kept over a lock."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import lifecycle, perpetrators, roles
from sv2desk.services import (accounts, assessments, auth, cases, concerns, referrals,
                              support)
from sv2desk.ui.concern.countersign_dialog import CountersignDialog
from sv2desk.ui.common.pdf_preview_dialog import PdfPreviewDialog

from ..support.service_examples import (concern_form, discussion_form, explanation_form,
                                        referral_form as service_referral)
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD
from .screens import (click, finish, next_page, open_case, open_wizard,  # noqa: F401
                      press_lock, refer, settle, sign_in, sign_out, unnamed_inputs,
                      walk_to_judgement)

OTHER_PASSWORD = "other worker password"
POINTS = [name for name, _ in perpetrators.FOUR_POINTS]


def nav_texts(main) -> list[str]:
    return [main.nav.item(i).text() for i in range(main.nav.count())]


def explain(qtbot, box, *, leave_out: str | None = None) -> None:
    """Tick the points explained (all but ``leave_out``) and say it was by phone."""
    for name in POINTS:
        if name != leave_out:
            click(qtbot, box.ticks[name])
    click(qtbot, box.method.buttons["phone"])


def countersign(qtbot, discussion, password: str) -> CountersignDialog:
    click(qtbot, discussion.countersign_button)
    dialog = discussion.dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle().startswith("SV2")
    qtbot.keyClicks(dialog.password, password)
    click(qtbot, dialog.countersign_button)
    return dialog


def decide(qtbot, decision, *, outcome: str, note: str = "No shared rooms or days; the "
           "referrer's service holds the risk plan.") -> None:
    for code, choice in decision.status.items():
        if choice.isVisibleTo(decision):
            click(qtbot, choice.buttons["not_needed"])
    click(qtbot, decision.outcome.buttons[outcome])
    if note:
        qtbot.keyClicks(decision.victim_safety_note, note)


# -- one case from a concern at assessment to the outcome shared, two accounts on one PC ----

@pytest.mark.parametrize("outcome", ["support_ends", "support_continues"])
def test_a_concern_at_assessment_through_review_to_the_outcome_shared(
        qtbot, created, folder, make_shell, outcome):
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    assert "Manager queue" not in main.area_titles()      # for managers only
    case_id = refer(main, "Robin Flagged")
    page, wizard = open_wizard(qtbot, main, case_id)
    walk_to_judgement(qtbot, wizard)
    click(qtbot, wizard.potential_perpetrator.buttons["yes"])
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.perpetrator_notes, "Said in the assessment that they harmed a child.")
    click(qtbot, wizard.risk_level.buttons["medium"])   # as the worker judges it
    next_page(qtbot, wizard)
    finish(qtbot, wizard)

    # The case view shows the concern workflow at once.
    concern = page.concern
    assert page.tabs.currentWidget() is concern
    assert page.paused_banner.isVisible() and not page.raise_button.isVisible()
    assert "explanation and line-manager discussion" in concern.steps.text()
    assert concern.explanation.isVisible() and concern.discussion.isVisible()
    assert unnamed_inputs(main) == []
    assert main.windowTitle() == "SV2 Desk"

    # The explanation: one point not explained needs a reason, said next to it.
    box = concern.explanation
    explain(qtbot, box, leave_out="safeguarding_may_be_reported")
    assert box.reasons["safeguarding_may_be_reported"].isEnabled()
    assert not box.reasons["not_able_to_support"].isEnabled()
    click(qtbot, box.record_button)
    assert "Say why this point was not explained" in box.errors.message(
        "safeguarding_may_be_reported_reason")
    assert box.errors.message("not_able_to_support_reason") == ""
    qtbot.keyClicks(box.reasons["safeguarding_may_be_reported"], "Their partner came in.")
    click(qtbot, box.record_button)
    assert "explanation is recorded" in page.message.text()
    assert not concern.explanation.isVisible()
    assert page.tabs.currentWidget() is concern

    # The discussion, countersigned by the line manager typing their own password here.
    discussion = concern.discussion
    assert "Mo Manager" in discussion.who.text()
    qtbot.keyClicks(discussion.risks, "Risk to children at the client's address.")
    qtbot.keyClicks(discussion.needs, "Wants help with their own abuse as a child.")
    dialog = countersign(qtbot, discussion, WORKER_PASSWORD)    # not the line manager's
    assert dialog.isVisible()
    assert dialog.errors.message("manager_password") == "That is not Mo Manager's password."
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, MANAGER_PASSWORD)
    with qtbot.waitSignal(dialog.countersigned):
        click(qtbot, dialog.countersign_button)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert "countersigned by Mo Manager" in page.message.text()
    assert concern.waiting.isVisible() and "Waiting for management review" in \
        concern.waiting.text()
    assert page.view.status == lifecycle.AWAITING_MANAGEMENT_REVIEW
    reference = page.view.reference

    # The worker signs out; the manager signs in on the same PC.
    with qtbot.waitSignal(shell.signed_out, timeout=20000):
        main.sign_out_action.trigger()
        settle(qtbot)
    main = sign_in(qtbot, shell, "manager", MANAGER_PASSWORD)
    assert "Manager queue (1)" in nav_texts(main)
    queue = main.show_area("Manager queue")
    settle(qtbot)
    table = queue.list.table
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row == [reference, "Robin Flagged", "0", "Being assessed", "Medium", "No",
                   "Wyn Worker"]
    queue.list.risk.setCurrentIndex(queue.list.risk.findData("high"))
    settle(qtbot)
    assert table.rowCount() == 0 and "filtered" in queue.list.count.text()
    queue.list.risk.setCurrentIndex(0)
    settle(qtbot)
    queue.list.referred_by.setCurrentIndex(queue.list.referred_by.findData(False))
    settle(qtbot)
    assert table.rowCount() == 1
    click(qtbot, queue.list.open_button)

    review = queue.review
    assert queue.stack.currentWidget() is review
    assert "Robin Flagged" in review.title.text() and main.windowTitle() == "SV2 Desk"
    shown = " ".join(label.text() for box in review.record_view.boxes
                     for label in box.findChildren(type(review.title)))
    for words in ("harmed a child", "Risk to children", "their own abuse", "Their partner "
                  "came in", "Evening appointments"):
        assert words in shown
    assert review.history.rowCount() >= 3
    assert unnamed_inputs(main) == []
    decision = review.decision
    assert not decision.status["contact_referrer"].isVisibleTo(decision)   # self-referral
    decide(qtbot, decision, outcome=outcome, note="")
    click(qtbot, decision.status["report_safeguarding"].buttons["done"])
    assert decision.safeguarding.isEnabled()
    qtbot.keyClicks(decision.safeguarding_authority, "Derbyshire Children's Services")
    qtbot.keyClicks(decision.safeguarding_reference, "CS-2024-118")
    click(qtbot, decision.safeguarding_consent.buttons["not_given"])
    assert decision.safeguarding_lawful_basis.isEnabled()
    qtbot.keyClicks(decision.safeguarding_lawful_basis, "DPA 2018 Sch 1 para 18")
    click(qtbot, decision.save_button)                    # the victim-safety note is missing
    assert "victims, children or vulnerable people at greater risk" in \
        decision.errors.message("victim_safety_note")
    assert review.right.currentWidget() is decision
    qtbot.keyClicks(decision.victim_safety_note, "Reported today; no shared rooms or days.")
    click(qtbot, decision.save_button)
    assert review.right.currentWidget() is review.decided_view
    assert review.right_scroll.verticalScrollBar().value() == 0   # the record, from its top
    assert review.decided_view.boxes.count() >= 1
    assert "decision is recorded" in review.message.text()
    assert review.decided_view.correct_button.isVisible()
    assert "Manager queue" in nav_texts(main)              # the badge has gone
    click(qtbot, review.back_button)
    assert queue.list.table.rowCount() == 0

    # The worker signs in again: the caseload says the outcome is ready to share, and the
    # case opens where that is done.
    with qtbot.waitSignal(shell.signed_out, timeout=20000):
        main.sign_out_action.trigger()
        settle(qtbot)
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    caseload = main.show_area("My caseload")
    settle(qtbot)
    statuses = [caseload.list.model.index(r, 2).data()
                for r in range(caseload.list.model.rowCount())]
    assert statuses == ["Outcome ready to share"]
    caseload = open_case(qtbot, main, case_id)
    page = caseload.case_page
    assert page.tabs.currentWidget() is page.concern
    assert "outcome is ready to share" in page.paused_banner.text()
    assert "until a manager has reviewed it" not in page.paused_banner.text()
    shared = page.concern.outcome
    assert shared.isVisible() and shared.record_button.isEnabled()
    assert "Wyn Worker shares the outcome" in shared.who.text()
    click(qtbot, shared.record_button)
    assert "how the outcome was shared" in shared.errors.message("method")
    click(qtbot, shared.method.buttons["letter"])
    click(qtbot, shared.letter_sent)
    click(qtbot, shared.record_button)
    view = cases.open_case(main.session, case_id)
    if outcome == "support_ends":
        assert view.status == lifecycle.CLOSED
        assert view.referral["closed_reason"] == "not_supported"
        assert not page.raise_button.isVisible()
    else:                                                 # back where it was: being assessed
        assert view.status == lifecycle.ASSESSING
        assert page.assess_button.isVisible()             # the assessment can carry on
        assert page.raise_button.isVisible()
    assert not page.paused_banner.isVisible()
    assert "Finished" in page.concern.waiting.text()
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.concern))   # the history stays
    shell.shutdown()


# -- raised from the case view; a manager shares the outcome; a correction --------------------

def test_a_concern_raised_in_support_resumes_support_after_a_corrected_decision(qtbot,
                                                                                open_main):
    worker = open_main()
    settle(qtbot)
    case_id = referrals.create_referral(worker.session, service_referral(
        name="Sky External", assign_to_me=True, external_referral=True,
        referrer_organisation="Example GP Surgery", referrer_contact_consent=True)).id
    assessments.complete(worker.session, case_id, assessments.AssessmentForm(
        identity_confirmed=True, interaction_answer="no", outcome="support_offered",
        options_offered={"counselling"}))
    support.record_session(worker.session, case_id, support.SessionForm(
        session_date=date.today(), session_type="counselling", duration_minutes=50))
    caseload = worker.show_area("My caseload")
    settle(qtbot)
    caseload.open_case(case_id)
    settle(qtbot)
    page = caseload.case_page
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.concern))   # no concern yet
    click(qtbot, page.raise_button)
    panel = page.raise_panel
    assert panel.isVisible() and "pauses the case at once" in panel.explained.text()
    click(qtbot, panel.raise_button)
    for field in ("information", "source", "risk_level"):
        assert panel.errors.message(field)
    qtbot.keyClicks(panel.information, "A named survivor told us the client abused them.")
    qtbot.keyClicks(panel.source, "Another client")
    click(qtbot, panel.risk_level.buttons["high"])
    click(qtbot, panel.raise_button)
    assert not panel.isVisible()
    assert page.view.status == lifecycle.ON_HOLD and page.paused_banner.isVisible()
    assert page.tabs.currentWidget() is page.concern
    explain(qtbot, page.concern.explanation)
    click(qtbot, page.concern.explanation.record_button)
    discussion = page.concern.discussion
    qtbot.keyClicks(discussion.risks, "Survivor attends the Tuesday group.")
    qtbot.keyClicks(discussion.needs, "None we can meet.")
    countersign(qtbot, discussion, MANAGER_PASSWORD)
    assert page.view.status == lifecycle.AWAITING_MANAGEMENT_REVIEW

    manager = open_main("manager", MANAGER_PASSWORD)

    settle(qtbot)
    assert "Manager queue (1)" in nav_texts(manager)
    queue = manager.show_area("Manager queue")
    settle(qtbot)
    assert queue.list.table.item(0, 4).text() == "High"
    assert queue.list.table.item(0, 5).text() == "Yes"
    queue.list.table.setCurrentCell(0, 0)
    settle(qtbot)
    queue.list.table.setFocus()
    qtbot.keyClick(queue.list.table, Qt.Key.Key_Return)     # Enter opens the review
    settle(qtbot)
    decision = queue.review.decision
    assert decision.status["contact_referrer"].isVisibleTo(decision)     # external referral
    decide(qtbot, decision, outcome="support_continues")
    click(qtbot, decision.status["contact_referrer"].buttons["done"])
    click(qtbot, decision.referrer_contact_consent)
    click(qtbot, decision.communicator.buttons["manager"])
    assert decision.communicator_reason.isEnabled()
    click(qtbot, decision.save_button)                     # a manager needs a reason
    assert "Say why a manager" in decision.errors.message("communicator_reason")
    qtbot.keyClicks(decision.communicator_reason, "The client asked for a manager.")
    click(qtbot, decision.save_button)
    review = queue.review
    assert review.right.currentWidget() is review.decided_view
    click(qtbot, review.decided_view.correct_button)       # a correction, not an edit
    assert review.right.currentWidget() is decision
    assert decision.outcome.value() == "support_continues"  # starts from the decision
    click(qtbot, decision.save_button)
    assert "corrected and why" in decision.errors.message("correction_reason")
    qtbot.keyClicks(decision.correction_reason, "The referrer was contacted, not just planned.")
    click(qtbot, decision.save_button)
    titles = [box.title() for box in review.decided_view.findChildren(type(
        review.record_view.boxes[0]))]
    assert "The decision now in force" in titles and "Earlier decision (corrected)" in titles
    assert len(concerns.view(manager.session, review.record.id).decisions) == 2

    caseload.open_case(case_id)                             # the worker was not named

    settle(qtbot)
    page.show_concern()
    assert not page.concern.outcome.record_button.isEnabled()
    assert "named to share the outcome" in page.concern.outcome.who.text()
    click(qtbot, review.case_button)                        # the manager opens the case
    manager_page = manager.pages["My caseload"].case_page
    assert manager.stack.currentWidget() is manager.pages["My caseload"]
    manager_page.show_concern()
    shared = manager_page.concern.outcome
    click(qtbot, shared.method.buttons["in_person"])
    click(qtbot, shared.record_button)
    assert manager_page.view.status == lifecycle.IN_SUPPORT
    caseload.open_case(case_id)
    settle(qtbot)
    page.tabs.setCurrentWidget(page.sessions)
    settle(qtbot)
    assert page.sessions.record_button.isEnabled()          # support continues


# -- who sees what ---------------------------------------------------------------------------

def test_another_worker_cannot_open_a_case_with_a_concern(qtbot, open_main, admin_session,
                                                         created):
    _, ids = created
    accounts.create_account(admin_session, "other", "Other Worker", OTHER_PASSWORD,
                            {roles.SUPPORT_WORKER}, line_manager_id=ids["manager"])
    manager = open_main("manager", MANAGER_PASSWORD)
    settle(qtbot)
    case_id = referrals.create_referral(manager.session, service_referral(
        name="Paused Unassigned")).id
    concerns.raise_concern(manager.session, case_id, concern_form())
    other = open_main("other", OTHER_PASSWORD)
    settle(qtbot)
    caseload = other.show_area("My caseload")
    settle(qtbot)
    caseload.open_case(case_id)          # as if it did not exist
    settle(qtbot)
    assert caseload.stack.currentWidget() is not caseload.case_page
    assert caseload.list.message.text() == errors.NotYours.message
    assert caseload.case_page.concern.record is None


def test_a_manager_who_raised_the_concern_is_told_another_must_decide(qtbot, open_main,
                                                                      admin_session, created):
    _, ids = created
    accounts.set_line_manager(admin_session, ids["manager"], ids["admin"])
    manager = open_main("manager", MANAGER_PASSWORD)
    settle(qtbot)
    case_id = referrals.create_referral(manager.session, service_referral(
        assign_to_me=True)).id
    concern = concerns.raise_concern(manager.session, case_id, concern_form())
    concerns.record_explanation(manager.session, concern, explanation_form())
    concerns.countersign_discussion(manager.session, concern, ADMIN_PASSWORD, discussion_form())
    queue = manager.show_area("Manager queue")
    settle(qtbot)
    queue.open_review(concern)
    settle(qtbot)
    assert queue.stack.currentWidget() is queue.review
    decision = queue.review.decision
    assert decision.refusal.isVisible()
    assert "You raised this concern" in decision.refusal.text()
    assert not decision.save_button.isEnabled()
    caseload = manager.show_area("My caseload")            # from the case view, the same
    caseload.open_case(case_id)
    settle(qtbot)
    click(qtbot, caseload.case_page.concern.review_button)
    assert manager.stack.currentWidget() is queue and queue.review.record.id == concern


# -- the dashboard -------------------------------------------------------------------------------

def test_the_dashboard_shows_figures_a_chart_and_exports_a_pdf(qtbot, open_main, tmp_path):
    worker = open_main()
    settle(qtbot)
    for name in ("First Flagged", "Second Flagged"):
        case_id = referrals.create_referral(worker.session, service_referral(
            name=name, assign_to_me=True)).id
        concern = concerns.raise_concern(worker.session, case_id, concern_form())
    concerns.record_explanation(worker.session, concern, explanation_form())
    concerns.countersign_discussion(worker.session, concern, MANAGER_PASSWORD,
                                    discussion_form())
    manager = open_main("manager", MANAGER_PASSWORD)
    settle(qtbot)
    page = manager.show_area("Reports")
    settle(qtbot)
    series = page.stage_chart.chart().series()
    assert series and series[0].barSets()[0].sum() == 2
    assert page.age_chart.chart().series()
    assert "Paused: waiting for management review: 1" in page.values["by_stage"].text()
    assert "None yet" in page.values["to_decision"].text()
    assert "100.0%" in page.values["question"].text()
    click(qtbot, page.export_button)                      # made on the database thread
    preview = page.preview
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert preview.document.pageCount() >= 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(300)   # an office printer's; a PDF's 1200 dpi takes 4 s a page
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer)
    settle(qtbot)                                         # the print is recorded
    manager.session.workspace.sync_views()      # views waiting on an office-server PC
    with manager.session.workspace.engine.connect() as conn:
        assert conn.scalar(select(AuditEntry.seq).where(
            AuditEntry.action == "print.workflow_report")) is not None
    preview.close()


# -- a lock at any moment ---------------------------------------------------------------------------

def test_a_lock_closes_the_countersign_box_and_keeps_the_discussion_as_a_draft(
        qtbot, created, folder, make_shell):
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    case_id = refer(main, "Dee Drafted")
    concerns.raise_concern(main.session, case_id, concern_form())
    caseload = main.show_area("My caseload")
    settle(qtbot)
    caseload.open_case(case_id)
    settle(qtbot)
    page = caseload.case_page
    page.show_concern()
    discussion = page.concern.discussion
    qtbot.keyClicks(discussion.risks, "Typed before the lock")
    click(qtbot, discussion.countersign_button)
    dialog = discussion.dialog
    qtbot.keyClicks(dialog.password, "half a passw")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.password, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert shell.session is None
    assert not any(isinstance(w, CountersignDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    # back where they were, with what was typed (no need to open the draft)
    page = main.pages["My caseload"].case_page
    assert page.tabs.currentWidget() is page.concern
    assert page.concern.discussion.risks.toPlainText() == "Typed before the lock"
    from sv2desk.services import drafts
    assert drafts.list_own(main.session) == []             # taken; the password never kept
    shell.shutdown()


def test_a_decision_half_made_is_kept_over_a_lock(qtbot, created, folder, make_shell):
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    case_id = referrals.create_referral(worker, service_referral(assign_to_me=True)).id
    concern = concerns.raise_concern(worker, case_id, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    auth.sign_out(worker)
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "manager", MANAGER_PASSWORD)
    queue = main.show_area("Manager queue")
    settle(qtbot)
    queue.open_review(concern)
    settle(qtbot)
    assert queue.stack.currentWidget() is queue.review
    decision = queue.review.decision
    click(qtbot, decision.status["report_safeguarding"].buttons["not_needed"])
    click(qtbot, decision.outcome.buttons["support_ends"])
    qtbot.keyClicks(decision.victim_safety_note, "Half written")
    press_lock(qtbot, main)
    assert shell.session is None
    main = sign_in(qtbot, shell, "manager", MANAGER_PASSWORD)
    # back where they were, with what was typed (no need to open the draft)
    queue = main.pages["Manager queue"]
    assert main.stack.currentWidget() is queue and queue.review.record.id == concern
    decision = queue.review.decision
    assert decision.status["report_safeguarding"].value() == "not_needed"
    assert decision.outcome.value() == "support_ends"
    assert decision.victim_safety_note.toPlainText() == "Half written"
    assert concerns.view(main.session, concern).decisions == ()    # nothing recorded yet
    shell.shutdown()
