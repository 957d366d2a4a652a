"""Administration, Office server, driven as an administrator would: on one PC, choosing
the server's certificate shows its fingerprint to compare, an empty form says what is
missing, and Move puts the data on the server (everyone then signs in again); on the
server, the tab says where the data is and which certificate is pinned."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sv2desk.services import auth
from sv2desk.store import server
from sv2desk.ui.admin.office_server_panel import OfficeServerTab

from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD
from ..support.server_fixtures import _drop

WORKSPACE_KINDS = ("file",)


def _shown(qtbot, tab):
    """The tab reads where the data is through an operation: wait for what it read."""
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.status_shown, timeout=10_000):
        pass
    return tab


def test_moving_from_administration(qtbot, created, folder, pg, memory_keyring):
    new, _ = created
    tab = _shown(qtbot, OfficeServerTab(new.session))
    tab.show()
    qtbot.mouseClick(tab.move_button, Qt.MouseButton.LeftButton)
    assert tab.errors.message("host") == "Enter the server's name or address."
    assert tab.errors.message("owner_password") == "Enter the owner's password."
    qtbot.keyClicks(tab.host, pg.host)
    tab.port.setValue(pg.port)
    tab.database.clear()
    qtbot.keyClicks(tab.database, "sv2_gui_move")
    tab.owner.clear()
    qtbot.keyClicks(tab.owner, pg.user)
    qtbot.keyClicks(tab.owner_password, pg.password)
    assert tab.set_certificate(pg.ca_path)
    assert server.spaced(server.ca_fingerprint(pg.ca_pem)) in tab.fingerprint.text()
    try:
        with qtbot.waitSignal(tab.moved, timeout=60_000):
            qtbot.mouseClick(tab.move_button, Qt.MouseButton.LeftButton)
        assert "now on the office server" in tab.message.text()
        assert tab.owner_password.text() == ""            # the owner's password is not kept
        worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
        assert worker.workspace.kind == "server"
        on_server = _shown(qtbot, OfficeServerTab(auth.sign_in(folder, "admin",
                                                               ADMIN_PASSWORD)))
        assert on_server.findChild(type(tab.fingerprint), "server_database").text() == \
            "sv2_gui_move"
        auth.sign_out(on_server._session)
        auth.sign_out(worker)
    finally:
        _drop(pg, "sv2_gui_move")


def test_a_pc_without_a_keyring_cannot_start_a_move_and_is_told_why(qtbot, created,
                                                                     no_keyring):
    new, _ = created
    tab = _shown(qtbot, OfficeServerTab(new.session))
    assert not tab.move_button.isEnabled()
    assert "no keyring" in tab.message.text()


def test_a_file_that_is_not_a_certificate_is_refused_with_the_reason(qtbot, created,
                                                                     tmp_path, memory_keyring):
    new, _ = created
    tab = _shown(qtbot, OfficeServerTab(new.session))
    bogus = tmp_path / "not-a-cert.pem"
    bogus.write_text("hello")
    assert not tab.set_certificate(bogus)
    assert "not a certificate" in tab.errors.message("ca")
