"""Every screen with a pseudo-translation that makes every string a third longer (as
German or Polish would), at 1280x800: no label, button, tab or column heading is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QTabWidget

from sv2desk.services import auth, concerns, referrals
from sv2desk.ui.common.translator import PseudoTranslator, lengthen

from ..support.service_examples import concern_form, discussion_form, explanation_form
from ..support.workspaces import ADMIN_PASSWORD, FAST_KDF, MANAGER_PASSWORD, WORKER_PASSWORD
from .cut_off import cut_off
from .screens import settle

SIZE = (1280, 800)


@pytest.fixture
def pseudo(qapp):
    translator = PseudoTranslator(qapp)
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def every_tab(qtbot, widget, seen: dict[str, list[str]], where: str, window) -> None:
    """Look at ``window`` with each tab of each tab widget under ``widget`` shown."""
    seen[where] = cut_off(window)
    for tabs in widget.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        for i in range(tabs.count()):
            if tabs.isTabVisible(i) and tabs.isTabEnabled(i):
                tabs.setCurrentIndex(i)
                settle(qtbot)        # (a tab built when first shown reads what it shows)
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
                seen[f"{where} / {tabs.tabText(i)}"] = cut_off(window)


def test_the_pseudo_translation_lengthens_every_string_by_a_third():
    for text in ("Sign in", "Record the decision", "{count} cases", "&Save"):
        made = lengthen(text)
        assert len(made) >= len(text) * 4 / 3
    assert "{count}" in lengthen("{count} cases") and lengthen("&Save").startswith("&")


def test_no_words_are_cut_on_any_screen_a_third_longer(qtbot, pseudo, created, folder,
                                                       open_main):
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    case = referrals.create_referral(worker, referrals.ReferralForm(
        name="Long Words", postcode="DE1 1AA", harm_categories={"sexual_assault"},
        harm_timing="recent", support_requested={"counselling"}, interaction_answer="no",
        eligibility_decision="accept", referral_date=__import__("datetime").date.today(),
        arrived_by="phone", assign_to_me=True)).id
    concern = concerns.raise_concern(worker, case, concern_form())
    concerns.record_explanation(worker, concern, explanation_form())
    concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    auth.sign_out(worker)
    main = open_main("admin", ADMIN_PASSWORD)
    main.resize(*SIZE)
    settle(qtbot)
    assert "~" in main.windowTitle() or main.nav.item(0).text() != "My caseload"
    assert main.minimumSizeHint().width() <= SIZE[0]
    seen: dict[str, list[str]] = {}
    for title in main.area_titles():
        page = main.show_area(title)
        settle(qtbot)
        every_tab(qtbot, page, seen, title, main)
    caseload = main.show_area("My caseload")
    caseload.open_case(case)   # (the administrator is also a manager: sees every case)
    settle(qtbot)
    every_tab(qtbot, caseload.case_page, seen, "a case", main)
    queue = main.show_area("Manager queue")
    queue.open_review(concern)
    settle(qtbot)
    every_tab(qtbot, queue, seen, "a review", main)
    cut = {where: found for where, found in seen.items() if found}
    assert not cut, "\n".join(f"{where}: {found}" for where, found in cut.items())


def test_no_words_are_cut_at_sign_in_or_set_up_a_third_longer(qtbot, pseudo, tmp_path):
    from PySide6.QtWidgets import QWizard

    from sv2desk.ui.shell.enrol_dialog import EnrolDialog
    from sv2desk.ui.shell.setup_wizard import SetupWizard
    from sv2desk.ui.shell.sign_in_window import SignInWindow
    seen = {}
    window = SignInWindow(tmp_path)
    qtbot.addWidget(window)
    window.show()
    seen["sign in"] = cut_off(window)
    window.recovery_link.click()
    seen["sign in with the recovery key"] = cut_off(window)
    wizard = SetupWizard(tmp_path / "ws", kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    enrol = EnrolDialog(tmp_path / "pc", wizard)      # "Join the office server" instead
    enrol.show()
    settle(qtbot)
    seen["join the office server"] = cut_off(enrol)
    enrol.close()
    # Every page, filled in as a person would, through the real set-up to the last page
    # (the recovery key).
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    seen[f"set-up: {wizard.currentPage().title()}"] = cut_off(wizard)
    qtbot.keyClicks(wizard.organisation_page.name, "SV2 Derbyshire")
    next_button.click()
    admin = wizard.admin_page
    seen[f"set-up: {admin.title()}"] = cut_off(wizard)
    qtbot.keyClicks(admin.display_name, "Ada Admin")
    qtbot.keyClicks(admin.username, "ada")
    qtbot.keyClicks(admin.password, ADMIN_PASSWORD)
    qtbot.keyClicks(admin.confirm, ADMIN_PASSWORD)
    next_button.click()
    assert wizard.currentPage() is wizard.location_page
    seen[f"set-up: {wizard.currentPage().title()}"] = cut_off(wizard)
    with qtbot.waitSignal(wizard.creation_finished, timeout=20000) as done:
        next_button.click()
    assert done.args == [True]
    seen[f"set-up: {wizard.currentPage().title()}"] = cut_off(wizard)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentPage() is wizard.recovery_page
    seen[f"set-up: {wizard.currentPage().title()}"] = cut_off(wizard)
    assert len([w for w in seen if w.startswith("set-up")]) == len(wizard.pageIds())
    wizard.recovery_page.confirmed.setChecked(True)
    with qtbot.waitSignal(wizard.completed, timeout=5000) as finished:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    auth.sign_out(finished.args[0])
    cut = {where: found for where, found in seen.items() if found}
    assert not cut, "\n".join(f"{where}: {found}" for where, found in cut.items())
