"""Large data is opened at once and every page checked straight after signing in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from sv2desk import errors
from sv2desk.services import auth, referrals
from sv2desk.services.referrals import PersonNamed
from sv2desk.store.workspace import DB_NAME, Workspace
from sv2desk.ui.shell.shell import Shell

from ..support.service_examples import referral_form
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

PAGE = 4096


@pytest.fixture
def damaged_large(folder, monkeypatch):
    """A workspace treated as 'large' (checked after sign-in), with a byte flipped in its
    last page, which signing in does not read."""
    new = make_workspace(folder)
    # People named with long details: pages that signing in and the main window never read.
    form = referral_form(persons_named=[PersonNamed(f"Named {n}", "other", "x" * 3000)
                                        for n in range(40)])
    referrals.create_referral(new.session, form)
    auth.sign_out(new.session)
    path = folder / DB_NAME
    data = bytearray(path.read_bytes())
    data[len(data) - PAGE // 2] ^= 0x01
    path.write_bytes(bytes(data))
    monkeypatch.setattr(Workspace, "CHECK_ON_OPEN_BYTES", 0)
    return folder


def test_small_data_is_checked_while_opening(folder):
    session = make_workspace(folder).session
    auth.sign_out(session)
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert not auth.pages_need_checking(session)
    auth.sign_out(session)


def test_large_data_is_checked_after_signing_in(damaged_large):
    session = auth.sign_in(damaged_large, "admin", ADMIN_PASSWORD)
    assert auth.pages_need_checking(session)
    with pytest.raises(errors.WorkspaceDamaged) as damaged:
        auth.check_pages(session)
    assert "damaged" in damaged.value.message
    session.close()


def test_the_app_closes_damaged_data_and_says_so(qtbot, damaged_large):
    shell = Shell(damaged_large)
    window = shell.start()
    qtbot.keyClicks(window.username, "admin")
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(shell.main_window_shown, timeout=10000) as shown:
        window.submit_password()
    session = shown.args[0].session
    qtbot.waitUntil(lambda: not session.open, timeout=10000)
    qtbot.waitUntil(lambda: "damaged" in shell.window.message.text(), timeout=5000)
    shell.shutdown()
    for w in QApplication.topLevelWidgets():
        w.close()
        w.deleteLater()
    shell.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
