"""Driving SV2 Desk's screens in tests: clicks, signing in through the real window, the
referral made for a screen to show, the assessment wizard's pages, and the check that every
input has an accessible name.

Every service call runs as an operation on the database thread, so a helper that clicks
waits until the Desk has nothing running and nothing waiting to be handed back (``settle``,
never a sleep)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit,
                               QWidget, QWizard)

from sv2desk.services import referrals
from sv2desk.ui.casework import assessment_wizard as aw
from sv2desk.ui.common.operation import Desk
from sv2desk.ui.shell.main_window import MainWindow
from sv2desk.ui.shell.sign_in_window import SignInWindow

LEFT = Qt.MouseButton.LeftButton
INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)  # spin boxes and date boxes
PARTS_OF_AN_INPUT = (QComboBox, QAbstractSpinBox)  # their own line edit is part of them


def settle(qtbot, timeout: int = 15000) -> None:
    """Wait until every operation started so far (and any it started) has finished and its
    result has reached the screen."""
    desk = Desk.current()
    qtbot.waitUntil(desk.idle, timeout=timeout)
    qtbot.wait(0)      # let queued slots run (a closure may have started another operation)
    qtbot.waitUntil(desk.idle, timeout=timeout)


def click(qtbot, widget) -> None:
    """Click near the left edge (a tick box's text may end before its box does), then wait
    for what the click started."""
    qtbot.mouseClick(widget, LEFT, pos=QPoint(min(8, widget.width() // 2), widget.height() // 2))
    settle(qtbot)


def sign_out(qtbot, shell, timeout: int = 30000):
    """Sign out through the shell and wait for the sign-in window (the daily backup first)."""
    with qtbot.waitSignal(shell.signed_out, timeout=timeout) as done:
        shell.sign_out()
    settle(qtbot)
    return done.args[0]


def press_lock(qtbot, main) -> None:
    """Ctrl+L in the main window (once it is the active window, as a person would see it)."""
    from PySide6.QtWidgets import QApplication
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=5000)
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def next_page(qtbot, wizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def sign_in(qtbot, shell, username, password) -> MainWindow:
    window = shell.window
    assert isinstance(window, SignInWindow)
    if window.username.isReadOnly():  # the lock screen: the same person only
        assert window.username.text() == username
    else:
        window.username.clear()
        qtbot.keyClicks(window.username, username)
    qtbot.keyClicks(window.password, password)
    with qtbot.waitSignal(shell.main_window_shown, timeout=10000) as shown:
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    main = shown.args[0]
    qtbot.waitUntil(main.isActiveWindow, timeout=5000)   # as the person sees it: in front
    return main


def unnamed_inputs(root: QWidget) -> list[str]:
    assert len(root.findChildren(QLineEdit)) >= 2  # the check below has inputs to look at
    missing = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INPUTS) and not isinstance(widget.parent(), PARTS_OF_AN_INPUT):
            if not widget.accessibleName().strip():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def referral(name: str, **changes) -> referrals.ReferralForm:
    form = referrals.ReferralForm(
        name=name, postcode="DE1 1AA", date_of_birth=date(1990, 3, 12),
        harm_categories={"sexual_assault"}, harm_timing="recent",
        support_requested={"counselling"}, interaction_answer="no",
        eligibility_decision="accept", referral_date=date.today(), arrived_by="phone")
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def refer(main: MainWindow, name: str, **changes) -> int:
    return referrals.create_referral(main.session, referral(name, **changes)).id


# -- the initial options assessment ----------------------------------------------------------

def open_case(qtbot, main: MainWindow, case_id: int):
    """Open a case in the caseload area and wait for it to show."""
    caseload = main.show_area("My caseload")
    caseload.open_case(case_id)
    settle(qtbot)
    assert caseload.stack.currentWidget() is caseload.case_page
    return caseload


def open_wizard(qtbot, main: MainWindow, case_id: int):
    caseload = open_case(qtbot, main, case_id)
    click_target = caseload.case_page.assess_button
    assert click_target.isVisible()
    click(qtbot, click_target)
    wizard = caseload.case_page.wizard
    assert wizard is not None and wizard.currentId() == aw.IDENTITY
    return caseload.case_page, wizard


def walk_to_judgement(qtbot, wizard, *, risk: bool = False) -> None:
    next_page(qtbot, wizard)                             # identity must be confirmed first
    assert wizard.currentId() == aw.IDENTITY
    assert "Confirm who you are speaking to" in wizard.page(aw.IDENTITY).errors.message(
        "identity_confirmed")
    click(qtbot, wizard.identity_confirmed)
    click(qtbot, wizard.eligibility_confirmed)
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.SAFETY
    if risk:
        click(qtbot, wizard.children_at_risk)
        assert wizard.safety_prompt.isVisible()
        next_page(qtbot, wizard)                         # notes are required with any risk
        assert wizard.currentId() == aw.SAFETY
        assert "what the risk is" in wizard.page(aw.SAFETY).errors.message("safety_notes")
        qtbot.keyClicks(wizard.safety_notes, "Children at home; referred to MASH today.")
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.NEEDS
    qtbot.keyClicks(wizard.needs, "Evening appointments.")
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.INTERACTION
    assert wizard.interaction_answer.value() == "no"     # the referral's answer, to review
    click(qtbot, wizard.interaction_answer.buttons["unsure"])
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.JUDGEMENT
    next_page(qtbot, wizard)                             # a judgement is required
    assert wizard.currentId() == aw.JUDGEMENT


def finish(qtbot, wizard) -> None:
    assert wizard.currentId() == aw.SUMMARY
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
