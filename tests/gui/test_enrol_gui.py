"""First run on a second PC at a centre whose data is on the office server, driven as its
administrator would: "Join the office server" on the set-up wizard's first page, an empty
form saying what is missing, a wrong fingerprint refused, then the sign-in screen and the
same staff passwords."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sv2desk.services import auth, office_server
from sv2desk.store import server
from sv2desk.ui.shell.sign_in_window import SignInWindow

from ..support.server_fixtures import _drop
from ..support.workspaces import FAST_KDF, WORKER_PASSWORD

WORKSPACE_KINDS = ("file",)      # the first PC's data, moved onto the server here


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_second_pc_joins_the_office_server_from_the_first_run(
        qtbot, make_shell, created, pg, tmp_path, memory_keyring):
    new, _ = created
    office_server.move_to_server(new.session, pg.owner(), "sv2_gui_enrol")
    try:
        second = tmp_path / "second-pc"
        shell = make_shell(second, kdf=FAST_KDF)
        wizard = shell.start()
        assert wizard.join_button.isVisible()
        click(qtbot, wizard.join_button)
        dialog = shell.enrol_dialog
        assert dialog.isVisible()
        qtbot.waitUntil(dialog.join_button.isEnabled)     # once the keyring has answered
        click(qtbot, dialog.join_button)                  # nothing typed
        assert dialog.errors.message("host") == "Enter the server's name or address."
        assert "fingerprint" in dialog.errors.message("fingerprint")
        qtbot.keyClicks(dialog.host, pg.host)
        dialog.port.setValue(pg.port)
        dialog.database.clear()
        qtbot.keyClicks(dialog.database, "sv2_gui_enrol")
        dialog.owner.clear()
        qtbot.keyClicks(dialog.owner, pg.user)
        qtbot.keyClicks(dialog.owner_password, pg.password)
        assert dialog.set_certificate(pg.ca_path)
        dialog.pc_name.clear()
        qtbot.keyClicks(dialog.pc_name, "Front desk")
        # A fingerprint that is not the sheet's: refused, nothing kept on this PC.
        qtbot.keyClicks(dialog.fingerprint, "ab" * 32)
        click(qtbot, dialog.join_button)
        qtbot.waitUntil(lambda: dialog.join_button.isEnabled(), timeout=30_000)
        assert dialog.errors.message("fingerprint").startswith("This is not the fingerprint")
        assert dialog.message.text().startswith("Nothing was changed")
        assert dialog.owner_password.text() == "" and not server.is_server_folder(second)
        qtbot.keyClicks(dialog.owner_password, pg.password)
        dialog.fingerprint.clear()
        qtbot.keyClicks(dialog.fingerprint, server.spaced(server.ca_fingerprint(pg.ca_pem)))
        with qtbot.waitSignal(dialog.enrolled, timeout=30_000):
            click(qtbot, dialog.join_button)
        assert isinstance(shell.window, SignInWindow)
        assert "now uses the office server" in shell.window.message.text()
        assert dialog.owner_password.text() == ""          # the owner's password not kept
        worker = auth.sign_in(second, "worker", WORKER_PASSWORD)   # the same passwords
        try:
            assert worker.workspace.kind == "server"
        finally:
            auth.sign_out(worker)
    finally:
        _drop(pg, "sv2_gui_enrol")


def test_a_pc_without_a_keyring_is_told_it_cannot_join(qtbot, tmp_path, no_keyring):
    from sv2desk.ui.shell.enrol_dialog import EnrolDialog
    dialog = EnrolDialog(tmp_path / "pc")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.keyring_checked, timeout=10_000):
        pass
    assert not dialog.join_button.isEnabled()
    assert "no keyring" in dialog.message.text()


def test_the_office_server_panel_reads_where_the_data_is_off_the_screen_s_thread(
        qtbot, created, monkeypatch, memory_keyring):
    """Built at once with "Looking…"; the status (it asks the keyring) read by an operation
    on the database thread; then the move form, built from the shared server fields."""
    import threading

    from sv2desk.ui.admin.office_server_panel import OfficeServerPanel
    new, _ = created
    asked_on = []
    status = office_server.status

    def recorded(session):
        asked_on.append(threading.current_thread())
        return status(session)
    monkeypatch.setattr(office_server, "status", recorded)
    panel = OfficeServerPanel(new.session)
    qtbot.addWidget(panel)
    assert panel.looking.text().startswith("Looking") and panel.move_button is None
    with qtbot.waitSignal(panel.status_shown, timeout=10_000):
        pass
    assert asked_on and asked_on[0] is not threading.main_thread()
    assert panel.looking.isHidden() and panel.move_button.isEnabled()
    click(qtbot, panel.move_button)                      # nothing typed: each field says so
    assert panel.errors.message("host") == "Enter the server's name or address."
    assert panel.errors.message("ca") == "Choose the server's CA certificate."
