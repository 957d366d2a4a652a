"""Signing in to large data: every page is checked straight after, but beside the database
thread, so the first page of cases and whatever the person asks for next never wait behind
the check (issue 19). The check is held by an Event the test controls."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from sv2desk import errors
from sv2desk.services import auth
from sv2desk.ui.shell.sign_in_window import SignInWindow

from ..support.workspaces import FAST_KDF, WORKER_PASSWORD
from .screens import settle


class HeldCheck:
    """The page check, held until the test lets it finish (then passing, or finding damage)."""

    def __init__(self, monkeypatch, *, damaged: bool = False):
        self.release = threading.Event()
        self.started = threading.Event()
        self.finished = threading.Event()
        self.damaged = damaged
        monkeypatch.setattr(auth, "pages_need_checking", lambda session: session.open)
        monkeypatch.setattr(auth, "check_pages", self)

    def __call__(self, session) -> None:
        self.started.set()
        try:
            assert self.release.wait(30), "the test never let the check finish"
            if self.damaged:
                raise errors.WorkspaceDamaged()
        finally:
            self.finished.set()


def _press_sign_in(qtbot, shell):
    window = shell.window
    assert isinstance(window, SignInWindow)
    qtbot.keyClicks(window.username, "worker")
    qtbot.keyClicks(window.password, WORKER_PASSWORD)
    with qtbot.waitSignal(shell.main_window_shown, timeout=10000) as shown:
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    return shown.args[0]


def test_the_first_page_and_the_next_question_come_while_the_check_still_runs(
        qtbot, created, folder, make_shell, monkeypatch):
    check = HeldCheck(monkeypatch)
    shell = make_shell(folder, kdf=FAST_KDF)
    shell.start()
    main = _press_sign_in(qtbot, shell)
    cases = main.show_area("My caseload").list
    qtbot.waitUntil(check.started.is_set, timeout=10000)
    qtbot.waitUntil(lambda: cases.count.text() != "", timeout=10000)  # the first page
    # The person asks for something else at once: answered on the database thread, which
    # the check (still held) does not occupy.
    with qtbot.waitSignal(cases.loaded, timeout=10000):
        cases.status.setCurrentIndex((cases.status.currentIndex() + 1) % cases.status.count())
    assert not check.finished.is_set()
    check.release.set()
    settle(qtbot)
    assert check.finished.is_set()
    assert shell.window is main and main.isVisible()   # the check found nothing wrong


def test_damage_found_by_the_check_closes_the_data_and_says_so(
        qtbot, created, folder, make_shell, monkeypatch):
    check = HeldCheck(monkeypatch, damaged=True)
    shell = make_shell(folder, kdf=FAST_KDF)
    shell.start()
    _press_sign_in(qtbot, shell)
    qtbot.waitUntil(check.started.is_set, timeout=10000)
    check.release.set()
    qtbot.waitUntil(lambda: isinstance(shell.window, SignInWindow), timeout=10000)
    settle(qtbot)
    assert shell.session is None
    assert shell.window.message.text() == errors.WorkspaceDamaged().message
