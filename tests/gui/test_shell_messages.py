"""What the sign-in screen says when the data cannot be opened, and what the log keeps."""

from __future__ import annotations

import logging
import os
import uuid

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from sv2desk import logs
from sv2desk.services import accounts, auth
from sv2desk.ui.shell.shell import Shell

from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD, make_workspace
from .screens import click, settle, sign_out


@pytest.fixture
def shell_for(qtbot):
    made = []

    def make(folder, **kwargs):
        shell = Shell(folder, **kwargs)
        made.append(shell)
        shell.start()
        return shell

    yield make
    for shell in made:
        shell.shutdown()
    for window in QApplication.topLevelWidgets():
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def try_sign_in(qtbot, shell, username, password) -> str:
    window = shell.window
    if not window.username.isReadOnly():
        window.username.clear()
        qtbot.keyClicks(window.username, username)
    qtbot.keyClicks(window.password, password)
    with qtbot.waitSignal(window.attempt_finished, timeout=10000):
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    text = window.message.text()
    settle(qtbot)
    return text


@pytest.mark.file_only
def test_missing_key_file_is_explained(qtbot, created, folder, shell_for):
    auth.sign_out(created[0].session)
    os.remove(folder / "keys.json")
    message = try_sign_in(qtbot, shell_for(folder), "worker", WORKER_PASSWORD)
    assert "key file" in message and "missing" in message


@pytest.mark.file_only
def test_damaged_database_is_explained(qtbot, created, folder, shell_for):
    auth.sign_out(created[0].session)
    (folder / "sv2desk.db").write_bytes(os.urandom(8192))
    message = try_sign_in(qtbot, shell_for(folder), "worker", WORKER_PASSWORD)
    assert "damaged" in message and "Nothing has been changed" in message


def test_too_many_attempts_warns_first_then_counts_the_wait_down(qtbot, created, folder,
                                                                shell_for):
    shell = shell_for(folder)
    window = shell.window
    for tries in range(1, 5):
        assert "do not match" in try_sign_in(qtbot, shell, "worker", "wrong password")
        assert window.warning.isVisible() == (tries == 4)   # before the try that starts it
    assert "one more wrong password" in window.warning.text()
    assert "30 seconds" in window.warning.text()
    assert "do not match" in try_sign_in(qtbot, shell, "worker", "wrong password")
    assert "try again in 30 seconds" in window.warning.text()
    assert not window.sign_in_button.isEnabled()             # nothing to press while waiting
    window._countdown.timeout.emit()                          # a second goes by
    assert "try again in 29 seconds" in window.warning.text()
    for _ in range(29):
        window._countdown.timeout.emit()
    assert window.warning.text() == "You can try again now." and window.sign_in_button.isEnabled()
    # The service keeps its own count: the right password still has to wait its turn.
    message = try_sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    assert "too many wrong passwords" in message and "wait" in message
    assert "try again in" in window.warning.text()


def test_bound_workspace_on_a_pc_without_its_keyring_is_explained(
        qtbot, tmp_path, memory_keyring, shell_for):
    folder = tmp_path / "bound"
    new = make_workspace(folder, bind_to_pc=True)
    auth.sign_out(new.session)
    memory_keyring.store.clear()  # as if on another PC, or the keyring was emptied
    message = try_sign_in(qtbot, shell_for(folder), "admin", ADMIN_PASSWORD)
    assert "recovery key" in message and "enrol" in message


def test_keyring_state_shows_in_the_status_bar(qtbot, tmp_path, memory_keyring, shell_for):
    folder = tmp_path / "bound"
    auth.sign_out(make_workspace(folder, bind_to_pc=True).session)
    shell = shell_for(folder)
    with qtbot.waitSignal(shell.main_window_shown, timeout=10000) as shown:
        try_sign_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    assert "opens only on this PC" in shown.args[0].status_label.text()


def test_a_whole_session_leaves_no_names_or_passwords_in_the_log(qtbot, tmp_path, shell_for):
    log_path = logs.setup(tmp_path / "logs")
    canary = f"CANARY{uuid.uuid4().hex[:12]}"
    folder = tmp_path / "ws"
    new = make_workspace(folder)
    accounts.create_account(new.session, f"{canary}user", f"{canary} Name",
                            f"{canary} password", {"support_worker"})
    auth.sign_out(new.session)
    shell = shell_for(folder)
    assert "do not match" in try_sign_in(qtbot, shell, f"{canary}user", f"{canary} wrong")
    with qtbot.waitSignal(shell.main_window_shown, timeout=10000) as shown:
        try_sign_in(qtbot, shell, f"{canary}user", f"{canary} password")
    qtbot.keyClick(shown.args[0], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(shell.main_window_shown, timeout=10000):
        try_sign_in(qtbot, shell, f"{canary}user", f"{canary} password")
    sign_out(qtbot, shell)
    for handler in logging.getLogger("sv2desk").handlers:
        handler.flush()
    text = log_path.read_text("utf-8")
    assert "signed in" in text and "locked" in text  # the log is written...
    assert canary.lower() not in text.lower()        # ...with no names or passwords in it
