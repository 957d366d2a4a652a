"""sv2desk-admin backup, restore and rekey, as an office administrator uses them."""

from __future__ import annotations

import re

import pytest

from sv2desk.services import auth, drafts
from sv2desk.store import archive

from ..support.audit_tools import run_cli
from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD

RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")


@pytest.fixture
def drive(tmp_path):
    path = tmp_path / "usb"
    path.mkdir()
    return path


def _backup(monkeypatch, capsys, folder, drive, *extra):
    return run_cli(monkeypatch, capsys, ["--workspace", folder, "backup", "--user", "admin",
                                         "--to", drive, *extra], password=ADMIN_PASSWORD)


@pytest.mark.file_only
def test_backup_then_restore_from_the_command_line(created, folder, drive, monkeypatch, capsys):
    new, _ = created
    auth.sign_out(new.session)
    code, out, err = _backup(monkeypatch, capsys, folder, drive, "--save-folder")
    assert code == 0, err
    (path,) = [p for p in drive.iterdir() if archive.parse_name(p.name)]
    assert f"Backup made: {path}" in out
    assert ADMIN_PASSWORD not in out + err
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    drafts.save(session, "after-the-backup", {})
    auth.sign_out(session)

    # Without --yes and without a keyboard to ask, nothing happens.
    code, out, err = run_cli(monkeypatch, capsys, ["--workspace", folder, "restore", path,
                                                   "--recovery-key"],
                             recovery_key=new.recovery_key)
    assert code != 0 and "Nothing has been changed" in out + err
    assert "clients: 0" in out and "staff accounts: 3" in out
    code, out, err = run_cli(monkeypatch, capsys, ["--workspace", folder, "restore", path,
                                                   "--recovery-key", "--yes"],
                             recovery_key=new.recovery_key)
    assert code == 0, err
    assert "set aside" in out and "kept in" in out
    assert new.recovery_key not in out + err
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    assert drafts.list_own(session) == []
    auth.sign_out(session)


def test_restore_of_a_damaged_backup_says_so_plainly(created, folder, drive, monkeypatch, capsys):
    new, _ = created
    auth.sign_out(new.session)
    _backup(monkeypatch, capsys, folder, drive)
    (path,) = list(drive.iterdir())
    path.write_bytes(path.read_bytes()[:-100])
    code, out, err = run_cli(monkeypatch, capsys, ["--workspace", folder, "restore", path,
                                                   "--user", "admin", "--yes"],
                             password=ADMIN_PASSWORD)
    assert code == 2
    assert "damaged or incomplete" in err and "Traceback" not in err


@pytest.mark.file_only
def test_rekey_shows_the_new_recovery_key_once(created, folder, monkeypatch, capsys, tmp_path):
    new, _ = created
    auth.sign_out(new.session)
    sheet = tmp_path / "sheet.pdf"
    code, out, err = run_cli(monkeypatch, capsys, ["--workspace", folder, "rekey", "--user",
                                                   "admin", "--recovery-sheet", sheet],
                             password=ADMIN_PASSWORD)
    assert code == 0, err
    (key,) = RECOVERY_KEY.findall(out)
    assert key != new.recovery_key and sheet.exists()
    assert "2 other staff account(s)" in out
    auth.sign_out(auth.sign_in_with_recovery_key(folder, key))
    code, out, err = run_cli(monkeypatch, capsys, ["--workspace", folder, "rekey", "--user",
                                                   "admin", "--finish"], password=ADMIN_PASSWORD)
    assert code == 0, err
    assert "2 staff account(s) need their password reset" in out


@pytest.mark.file_only
def test_rekey_with_someone_else_signed_in_is_refused(created, folder, monkeypatch, capsys):
    new, _ = created
    try:
        code, out, err = run_cli(monkeypatch, capsys, ["--workspace", folder, "rekey", "--user",
                                                       "admin"], password=ADMIN_PASSWORD)
    finally:
        auth.sign_out(new.session)
    assert code == 2
    assert "Someone else has SV2 Desk open" in err
    assert not RECOVERY_KEY.search(out)
