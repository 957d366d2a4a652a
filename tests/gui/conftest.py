"""Fixtures for the tests that drive SV2 Desk's real widgets (pytest-qt, offscreen): shells
started on a test's data folder, and main windows signed in as one of the standard staff."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from sv2desk.services import auth
from sv2desk.ui.common.operation import Desk
from sv2desk.ui.shell.main_window import MainWindow
from sv2desk.ui.shell.shell import Shell

from ..support.workspaces import WORKER_PASSWORD


@pytest.fixture
def make_shell(qtbot, request):
    """Shells built by a test; afterwards each is shut down and every window deleted."""
    if "created" in request.fixturenames:
        # The workspace outlives the shells (on the office server, its database is dropped
        # when ``created`` ends: a shell signing out after that could not reach it).
        request.getfixturevalue("created")
    shells = []

    def make(folder, **kwargs):
        shell = Shell(folder, **kwargs)
        shells.append(shell)
        return shell

    yield make
    for shell in shells:
        shell.shutdown()
    for window in QApplication.topLevelWidgets():
        window.close()
        window.deleteLater()
    for shell in shells:
        shell.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def open_main(qtbot, created, folder):
    """Main windows signed in as someone; afterwards each is closed, deleted, signed out."""
    made = []

    def make(username="worker", password=WORKER_PASSWORD) -> MainWindow:
        session = auth.sign_in(folder, username, password)
        window = MainWindow(session)
        window.show()
        made.append((window, session))
        return window

    yield make
    desk = Desk.current()
    desk.wait()             # nothing may still be using a session that is about to close
    for window, _session in made:
        window.leaving = True
        window.close()
        window.deleteLater()
    desk.wait()
    for _window, session in made:
        if session.open:
            auth.sign_out(session)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
