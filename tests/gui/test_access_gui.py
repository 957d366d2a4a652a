"""Rights are current at every call, on the desktop too: a person whose account is turned
off (or who loses a role) while signed in is returned to the sign-in window with a plain
message at their next action."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from sv2desk import errors
from sv2desk.policy import roles
from sv2desk.services import accounts
from sv2desk.ui.shell.sign_in_window import SignInWindow

from ..support.workspaces import WORKER_PASSWORD
from .screens import click, settle, sign_in, sign_out  # noqa: F401


def test_a_worker_turned_off_while_signed_in_is_returned_to_sign_in(qtbot, created, folder,
                                                                    make_shell):
    new, ids = created
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    caseload = main.show_area("My caseload")
    accounts.disable_account(new.session, ids["worker"])      # on another PC, say
    tabs = caseload.list.scopes                               # "Unassigned referrals"
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    qtbot.waitUntil(lambda: isinstance(shell.window, SignInWindow), timeout=5000)
    assert shell.window.message.text() == errors.AccessEnded.message
    assert shell.session is None and (not shiboken6.isValid(main) or not main.isVisible())


def test_a_manager_demoted_while_signed_in_is_returned_to_sign_in(qtbot, created, folder,
                                                                  make_shell):
    new, ids = created
    from ..support.workspaces import MANAGER_PASSWORD
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "manager", MANAGER_PASSWORD)
    accounts.set_line_manager(new.session, ids["worker"], ids["admin"])
    accounts.set_roles(new.session, ids["manager"], {roles.SUPPORT_WORKER})
    main.show_area("Manager queue")
    qtbot.waitUntil(lambda: isinstance(shell.window, SignInWindow), timeout=5000)
    assert shell.window.message.text() == errors.AccessEnded.message
