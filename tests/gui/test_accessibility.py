"""Every input on the shell's screens has an accessible name and is reachable by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from sv2desk.services import auth
from sv2desk.ui.shell.main_window import MainWindow
from sv2desk.ui.shell.setup_wizard import SetupWizard
from sv2desk.ui.shell.sign_in_window import SignInWindow

from ..support.workspaces import ADMIN_PASSWORD
from .screens import INPUTS, PARTS_OF_AN_INPUT, settle, unnamed_inputs  # noqa: F401


def unreachable(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INPUTS + (QAbstractButton,)) and not isinstance(
                widget.parent(), PARTS_OF_AN_INPUT):
            if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def test_set_up_wizard_inputs_are_named(qtbot, tmp_path):
    wizard = SetupWizard(tmp_path / "ws")
    qtbot.addWidget(wizard)
    assert unnamed_inputs(wizard) == []
    assert unreachable(wizard) == []


def test_sign_in_inputs_are_named(qtbot, tmp_path):
    window = SignInWindow(tmp_path)
    qtbot.addWidget(window)
    assert unnamed_inputs(window) == []
    assert unreachable(window) == []


def test_main_window_inputs_are_named(qtbot, created, folder):
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    window = MainWindow(session)
    qtbot.addWidget(window)
    settle(qtbot)
    assert unnamed_inputs(window) == []
    auth.sign_out(session)
