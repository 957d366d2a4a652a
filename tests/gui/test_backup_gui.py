"""Administration → Backups, the automatic backup at sign-out, restore, and the Records area
(retention and subject access), driven through the real widgets."""

from __future__ import annotations

import errno
import shutil

import pytest
from PySide6.QtWidgets import QLineEdit
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sv2desk.policy import roles
from sv2desk.services import accounts, auth, backups
from sv2desk.ui.shell.sign_in_window import SignInWindow

from ..support.workspaces import ADMIN_PASSWORD, FAST_KDF, make_workspace
from .screens import click, settle, sign_in, sign_out


@pytest.fixture
def usb(tmp_path):
    path = tmp_path / "usb-drive"
    path.mkdir()
    return path


@pytest.fixture
def new(folder):
    """A workspace with its admin signed out (the shell signs in through its screens)."""
    made = make_workspace(folder)
    yield made
    auth.sign_out(made.session)


def admin_window(qtbot, make_shell, folder, new):
    auth.sign_out(new.session)
    shell = make_shell(folder, kdf=FAST_KDF)
    shell.start()
    return shell, sign_in(qtbot, shell, "admin", ADMIN_PASSWORD)


def backups_tab(qtbot, window):
    page = window.show_area("Administration")
    settle(qtbot)
    page.tabs.setCurrentWidget(page.backups)
    settle(qtbot)
    return page.backups


def test_back_up_now_shows_progress_to_the_end_and_lists_the_backup(
        qtbot, make_shell, folder, new, usb):
    shell, window = admin_window(qtbot, make_shell, folder, new)
    tab = backups_tab(qtbot, window)
    assert tab.table.rowCount() == 0 and tab.folder.text() == "No backup folder chosen yet."
    # chosen with the button, never typed: it is words, not a box to type in
    assert not isinstance(tab.folder, QLineEdit)
    click(qtbot, tab.backup_button)   # no folder yet
    assert "Choose a backup folder" in tab.errors.message("folder")
    tab.set_folder(str(usb))
    settle(qtbot)
    assert not tab.errors.message('folder')
    seen = []
    shown = tab.set_progress          # where the operation reports how far it has got

    def watched(fraction, message=""):
        seen.append(fraction)
        shown(fraction, message)
    tab.set_progress = watched
    with qtbot.waitSignal(tab.backup_finished, timeout=30000) as done:
        qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
        assert not tab.backup_button.isEnabled()    # running in the background
        settle(qtbot)
    assert isinstance(done.args[0], backups.BackupMade)
    assert seen and seen[-1] == pytest.approx(1.0) and tab.progress.value() == 100
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 3).text() == done.args[0].backup.path.name
    assert "daily" in tab.table.item(0, 2).text()
    assert "Backup made" in tab.message.text()
    assert tab.message.is_success                   # said as good news, not as a warning
    assert tab.step.text() == "Done."               # not still "Checking the backup"
    assert tab.backup_button.isEnabled()


def test_a_folder_that_is_gone_or_full_shows_a_plain_failure(
        qtbot, make_shell, folder, new, usb, monkeypatch):
    backups.set_folder(new.session, usb)
    shell, window = admin_window(qtbot, make_shell, folder, new)
    tab = backups_tab(qtbot, window)
    shutil.rmtree(usb)   # the drive was unplugged
    with qtbot.waitSignal(tab.backup_finished, timeout=30000):
        click(qtbot, tab.backup_button)
    assert "cannot be reached" in tab.message.text()
    assert "Traceback" not in tab.message.text() and tab.message.isVisible()

    usb.mkdir()
    from sv2desk.store import archive

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(archive, "write", full)
    with qtbot.waitSignal(tab.backup_finished, timeout=30000):
        click(qtbot, tab.backup_button)
    assert "drive full" in tab.message.text() and "No backup was made" in tab.message.text()
    assert tab.table.rowCount() == 0 and tab.backup_button.isEnabled()


def test_restore_shows_what_the_backup_holds_first_then_restores_after_the_key(
        qtbot, make_shell, folder, new, usb, monkeypatch):
    backups.set_folder(new.session, usb)
    made = backups.create(new.session)
    accounts.create_account(new.session, "later", "Later Person", "later password 1",
                            {roles.SUPPORT_WORKER})
    shell, window = admin_window(qtbot, make_shell, folder, new)
    box = backups_tab(qtbot, window).restore
    backups_tab(qtbot, window).table.selectRow(0)
    assert box.path.text() == str(made.backup.path)
    qtbot.keyClicks(box.recovery_key, "not the key")
    click(qtbot, box.check_button)
    qtbot.waitUntil(lambda: box.message.isVisible(), timeout=30000)
    assert "does not open this backup" in box.message.text()
    assert not box.restore_button.isEnabled()

    box.recovery_key.clear()
    qtbot.keyClicks(box.recovery_key, new.recovery_key)
    click(qtbot, box.check_button)
    qtbot.waitUntil(lambda: box.restore_button.isEnabled(), timeout=30000)
    assert "1 staff accounts" in box.summary.text() and "Nothing has been changed" in \
        box.summary.text()
    assert not list(folder.parent.glob("*before-restore*"))   # nothing changed yet
    assert "later" in {a.username for a in accounts.list_accounts(shell.session)}

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(backups_tab(qtbot, window).restored, timeout=60000) as done:
        click(qtbot, box.restore_button)
    assert not isinstance(done.args[0], BaseException), done.args[0]
    qtbot.waitUntil(lambda: isinstance(shell.window, SignInWindow))
    assert list(folder.parent.glob("*before-restore*"))
    again = sign_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    assert "later" not in {a.username for a in accounts.list_accounts(again.session)}


def test_the_automatic_backup_at_sign_out_runs_once_a_day(
        qtbot, make_shell, folder, new, usb):
    shell, window = admin_window(qtbot, make_shell, folder, new)
    sign_out(qtbot, shell)     # no folder set: nothing made, nothing said
    assert list(usb.iterdir()) == [] and shell.window.message.text() == ""
    window = sign_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    backups_tab(qtbot, window).set_folder(str(usb))
    settle(qtbot)
    sign_out(qtbot, shell)
    made = [p for p in usb.iterdir() if p.suffix == ".sv2backup"]
    assert len(made) == 1
    sign_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    sign_out(qtbot, shell)
    assert [p for p in usb.iterdir() if p.suffix == ".sv2backup"] == made

    shutil.rmtree(usb)   # unplugged: said plainly on the sign-in screen
    sign_in(qtbot, shell, "admin", ADMIN_PASSWORD)
    sign_out(qtbot, shell)
    assert "cannot be reached" in shell.window.message.text()


def test_the_subject_access_export_opens_a_preview_with_what_was_withheld(
        qtbot, make_shell, folder, created):
    from sv2desk.services import referrals
    from sv2desk.ui.common.pdf_preview_dialog import PdfPreviewDialog

    from ..support.service_examples import referral_form
    new, _ = created
    case = referrals.create_referral(new.session, referral_form("Sam Subject"))
    shell, window = admin_window(qtbot, make_shell, folder, new)
    page = window.show_area("Records")
    settle(qtbot)
    assert page.years.value() == 6 and page.years.isEnabled()
    assert "No closed case" in page.due_message.text()
    qtbot.keyClicks(page.search, "Sam Subject")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.results.count() == 1
    click(qtbot, page.export_button)
    assert isinstance(page.preview, PdfPreviewDialog) and page.preview.isVisible()
    assert page.preview.document.pageCount() >= 1
    assert "Sam" not in page.preview.windowTitle()
    assert page.bundle.case_id == case.id and page.withheld.count() >= 1
    assert page.withheld.isVisible()


def test_backups_say_when_the_last_was_made_and_list_the_copies_kept_here(
        qtbot, make_shell, folder, new, usb):  # noqa: F811
    new.session.workspace.backup_copy("before-migration-from-0007-test")
    shell, window = admin_window(qtbot, make_shell, folder, new)
    tab = backups_tab(qtbot, window)
    assert tab.status.text() == "No backup has been made yet."
    assert tab.kept.rowCount() == 1
    assert tab.kept.item(0, 1).text() == "Copy taken before an upgrade"
    tab.set_folder(str(usb))
    settle(qtbot)
    assert not tab.errors.message('folder')
    with qtbot.waitSignal(tab.backup_finished, timeout=30000):
        click(qtbot, tab.backup_button)
    assert "Nothing has changed since then." in tab.status.text()
    from sv2desk.services import referrals
    from ..support.service_examples import referral_form
    referrals.create_referral(shell.session, referral_form("Not Backed Up"))
    tab.refresh()
    settle(qtbot)
    assert "not backed up yet" in tab.status.text()


def test_a_file_set_aside_at_sign_in_is_said_on_screen(qtbot, make_shell, folder, new):  # noqa: F811
    (folder / "sv2desk.db-journal").write_bytes(b"an old journal" * 100)
    shell, window = admin_window(qtbot, make_shell, folder, new)
    assert shell.notice.isVisible()
    assert "sv2desk.db-journal" in shell.notice.text()
    assert "nothing that was saved has been lost" in shell.notice.text()
    shell.notice.close()


def test_subject_access_lists_other_peoples_names_to_withhold_or_release_first(
        qtbot, make_shell, folder, created):  # noqa: F811
    from sv2desk.services import referrals

    from ..support.service_examples import referral_form
    new, _ = created
    referrals.create_referral(new.session, referral_form(
        "Rowan Reviewed", interaction_answer="yes",
        interaction_details="Still sees Hector Quillfeather and Ada Admin",
        persons_named=[referrals.PersonNamed("Hector Quillfeather", "uncle", "")]))
    shell, window = admin_window(qtbot, make_shell, folder, new)
    page = window.show_area("Records")
    settle(qtbot)
    qtbot.keyClicks(page.search, "Rowan Reviewed")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot)
    click(qtbot, page.export_button)
    assert page.preview is None and page.names.isVisible()       # the names come first
    rows = {page.names.item(i).text(): page.names.item(i) for i in range(page.names.count())}
    hector = next(item for text, item in rows.items() if text.startswith("Hector"))
    ada = next(item for text, item in rows.items() if text.startswith("Ada Admin"))
    assert hector.checkState() == Qt.CheckState.Checked            # withheld by default
    assert ada.checkState() == Qt.CheckState.Unchecked             # staff: released
    ada.setCheckState(Qt.CheckState.Checked)                       # the manager withholds it
    click(qtbot, page.export_button)
    assert page.preview is not None and page.preview.isVisible()
    listed = [page.withheld.item(i).text() for i in range(page.withheld.count())]
    assert any("a member of staff" in text and "Interaction details" in text for text in listed)
    data = page.bundle.json.decode()
    assert "Quillfeather" not in data and "Ada Admin and" not in data


def test_a_manager_sees_the_audit_fingerprint_to_note_down(qtbot, make_shell, folder, new):  # noqa: F811
    import re
    shell, window = admin_window(qtbot, make_shell, folder, new)
    page = window.show_area("Records")
    settle(qtbot)
    click(qtbot, page.fingerprint_button)
    assert re.fullmatch(r"Entry [\d,]+: [0-9A-F]{4}(-[0-9A-F]{4}){3}", page.fingerprint.text())
