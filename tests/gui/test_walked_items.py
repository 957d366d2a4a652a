"""Three things a new user hit, each driven through the real widgets: every page of the
initial options assessment has the same heading style; its summary shows everything that
will be recorded, the needs and what led to a concern included; and on the decision form
"Decide whether support continues or ends" goes as soon as an outcome is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWizard

from sv2desk.services import auth, concerns, referrals
from sv2desk.ui.casework import assessment_wizard as aw

from ..support.service_examples import (concern_form, discussion_form, explanation_form,
                                        referral_form as service_referral)
from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD
from .screens import click, next_page, open_wizard, refer, settle, walk_to_judgement


def _heading(wizard: QWizard) -> tuple:
    """The heading showing the current page's title: its font, as a person sees it."""
    title = wizard.currentPage().title()
    shown = [label for label in wizard.findChildren(QLabel)
             if label.text() == title and label.isVisible() and label is not wizard.steps]
    assert shown, f"no heading shows {title!r}"
    font = shown[0].font()
    return (font.pointSizeF(), font.bold(), font.family())


def test_every_assessment_page_has_the_same_heading_and_the_summary_says_everything(
        qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Heading Person", assign_to_me=True)
    _page, wizard = open_wizard(qtbot, main, case_id)
    headings = {wizard.currentId(): _heading(wizard)}
    subtitles = {wizard.currentId(): wizard.currentPage().subTitle()}
    wizard.currentIdChanged.connect(lambda page_id: (
        headings.__setitem__(page_id, _heading(wizard)),
        subtitles.__setitem__(page_id, wizard.currentPage().subTitle())))
    walk_to_judgement(qtbot, wizard)
    click(qtbot, wizard.potential_perpetrator.buttons["yes"])
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.PERPETRATOR
    qtbot.keyClicks(wizard.perpetrator_notes, "Told us they hurt a cousin years ago.")
    click(qtbot, wizard.risk_level.buttons["medium"])
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.SUMMARY
    assert set(headings) >= {aw.IDENTITY, aw.SAFETY, aw.NEEDS, aw.INTERACTION, aw.JUDGEMENT,
                             aw.PERPETRATOR, aw.SUMMARY}
    assert len(set(headings.values())) == 1, headings          # one heading style throughout
    assert all(subtitles.values()), subtitles                  # each page says what it is for
    assert wizard.summary.text().split("\n\n") == [
        "Identity confirmed.",
        "Risk: none recorded.",
        "Needs: Evening appointments.",                                 # the needs typed
        "Interactions with the person who harmed them: Unsure.",
        "You judged that the client may be a potential perpetrator. The case will be marked "
        "for management attention, and support will not be offered until a manager has "
        "reviewed it.",
        "What led to this, and where it came from: Told us they hurt a cousin years ago.",
        "Risk level as it seems now: Medium."]


def test_the_decision_problem_goes_once_an_outcome_is_chosen(qtbot, created, folder,
                                                              open_main):
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    case_id = referrals.create_referral(worker, service_referral(assign_to_me=True)).id
    concern = concerns.raise_concern(worker, case_id, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    auth.sign_out(worker)
    main = open_main("manager", MANAGER_PASSWORD)
    queue = main.show_area("Manager queue")
    settle(qtbot)
    queue.open_review(concern)
    settle(qtbot)
    decision = queue.review.decision
    click(qtbot, decision.save_button)              # nothing chosen: refused, said by each
    settle(qtbot)
    assert decision.errors.message("outcome") == "Decide whether support continues or ends."
    assert decision.errors.message("victim_safety_note")
    click(qtbot, decision.outcome.buttons["support_ends"])
    assert decision.errors.message("outcome") == ""                # gone once chosen
    assert decision.errors.message("victim_safety_note")           # (the other still says)
    qtbot.keyClicks(decision.victim_safety_note, "They are not offered support here.")
    assert decision.errors.message("victim_safety_note") == ""
