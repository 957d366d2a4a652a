"""sv2desk-admin, as an office administrator uses it: help in plain English, set-up with
a recovery sheet, accounts, and plain messages (never a traceback) when something is wrong."""

from __future__ import annotations

import argparse
import io
import re
import shlex

import pytest
from pypdf import PdfReader

from sv2desk import cli, errors
from sv2desk.services import auth
from sv2desk.store import workspace as ws_mod
from sv2desk.store import opening

from ..support.audit_tools import run_cli

RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")
ANN_PASSWORD = "ann's password 1"
WYN_PASSWORD = "wyn's password 1"
# Words that would mean the help was written for programmers, not an office administrator.
JARGON = ("argv", "kwargs", "args", "sqlite", "sqlcipher", "alembic", "argon2", "traceback",
          "exception", "stdin", "stdout", "none", "true", "false", "dest", "bool", "int",
          "str", "dict", "hkdf", "aes", "json")


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setenv("SV2DESK_KDF_TARGET_MS", "5")
    monkeypatch.delenv("SV2DESK_WORKSPACE", raising=False)


def _help_text(capsys, argv) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        cli.main(argv + ["--help"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert not err
    return out


def _flat(text: str) -> str:
    """Help text with its line wrapping undone, for looking for phrases."""
    return " ".join(text.split())


def _commands(parser: argparse.ArgumentParser, prefix=()):
    """Every command and sub-command path, found from the parser itself."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + (name,)
                yield from _commands(sub, prefix + (name,))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def test_main_help_reads_as_plain_english(capsys):
    text = _help_text(capsys, [])
    for phrase in ("set it up for the first time", "staff accounts", "audit trail",
                   "typed at a prompt, never on the command line", "--workspace"):
        assert phrase in _flat(text)
    for command in ("init", "status", "verify-audit", "accounts", "change-password", "enrol-pc"):
        assert re.search(rf"^\s+{command}\s+\S", text, re.M), f"{command} is not described"
    assert not _words(text) & set(JARGON)


@pytest.mark.parametrize("command", sorted(_commands(cli.build_parser())), ids=" ".join)
def test_every_command_has_plain_help(command, capsys):
    text = _help_text(capsys, list(command))
    assert f"usage: sv2desk-admin {' '.join(command)}" in text
    assert not _words(text) & set(JARGON), sorted(_words(text) & set(JARGON))
    # Each command says what it is for in a sentence, not only its options.
    sub = cli.build_parser()
    helps = {}
    for part in command:
        action = next(a for a in sub._actions if isinstance(a, argparse._SubParsersAction))
        helps = {c.dest: c.help for c in action._choices_actions}
        sub = action.choices[part]
    assert helps.get(command[-1]), f"'{' '.join(command)}' has no one-line description"


def test_help_for_key_commands_says_what_matters(capsys):
    init = _flat(_help_text(capsys, ["init"]))
    assert "recovery key is shown once" in init and "needs a keyring" in init
    verify = _flat(_help_text(capsys, ["verify-audit"]))
    assert "names the first entry" in verify and "older copy" in verify
    assert "administrator" in _flat(_help_text(capsys, ["accounts"]))


def test_every_example_in_the_help_and_the_readme_is_a_real_command():
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    examples = [line.strip() for line in (cli.EPILOG + readme).splitlines()
                if line.strip().startswith("sv2desk-admin ") and "--help" not in line]
    assert len(examples) >= 8
    for line in examples:
        argv = shlex.split(line)[1:]
        try:
            cli.build_parser().parse_args(argv)
        except SystemExit:
            pytest.fail(f"this example does not work: {line}")


# -- init ---------------------------------------------------------------------------------------


def _init(monkeypatch, capsys, folder, *extra):
    return run_cli(monkeypatch, capsys,
                   ["--workspace", folder, "init", "--organisation", "SV2 Derbyshire",
                    "--admin-username", "ann", "--admin-name", "Ann Smith", *extra],
                   new_password=ANN_PASSWORD)


def test_init_prints_the_recovery_key_once_and_writes_a_one_page_sheet(
        folder, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "sheet.pdf"
    code, out, err = _init(monkeypatch, capsys, folder, "--recovery-sheet", sheet)
    assert code == 0, err
    keys = RECOVERY_KEY.findall(out)
    assert len(keys) == 1
    recovery_key = keys[0]
    assert "shown once" in out
    assert "Bound to this PC: no" in out
    assert ANN_PASSWORD not in out + err

    reader = PdfReader(io.BytesIO(sheet.read_bytes()))
    assert len(reader.pages) == 1
    page_text = reader.pages[0].extract_text()
    assert recovery_key in page_text
    assert "SV2 Derbyshire" in page_text

    # The printed key opens the workspace, and nothing else is needed.
    workspace = opening.unlock_with_recovery(folder, recovery_key)
    workspace.close()
    code, out, _ = run_cli(monkeypatch, capsys,
                           ["--workspace", folder, "verify-audit", "--recovery-key"],
                           recovery_key=recovery_key.lower().replace("-", " "))
    assert code == 0
    assert "complete and unaltered" in out
    # And the administrator's password opens it too.
    auth.sign_out(auth.sign_in(folder, "ann", ANN_PASSWORD))


def test_init_refuses_an_existing_workspace(folder, monkeypatch, capsys):
    assert _init(monkeypatch, capsys, folder)[0] == 0
    code, out, err = _init(monkeypatch, capsys, folder)
    assert code == 2
    assert errors.WorkspaceExists.message in err
    assert "Traceback" not in err
    assert not RECOVERY_KEY.search(out)


def test_init_refuses_to_bind_to_a_pc_with_no_keyring(no_keyring, folder, monkeypatch, capsys):
    code, out, err = _init(monkeypatch, capsys, folder, "--bind-to-pc")
    assert code == 2
    assert "no keyring" in err
    assert "works without binding" in err
    assert "Traceback" not in err
    assert not RECOVERY_KEY.search(out)
    assert not ws_mod.exists(folder)


def test_status_says_whether_the_data_is_bound(no_keyring, folder, monkeypatch, capsys):
    _init(monkeypatch, capsys, folder)
    code, out, _ = run_cli(monkeypatch, capsys, ["--workspace", folder, "status"])
    assert code == 0
    assert "Staff accounts that can sign in: 1" in out
    assert "not bound to a PC" in out and "no keyring" in out


def test_status_prints_the_password_protection_and_says_when_it_is_under_the_floor(
        no_keyring, folder, monkeypatch, capsys):
    from sv2desk.store import crypto
    _init(monkeypatch, capsys, folder)   # made with the testing override: cheap settings
    kdf = opening.read_slots(folder).kdf
    code, out, _ = run_cli(monkeypatch, capsys, ["--workspace", folder, "status"])
    assert code == 0
    assert (f"Password protection (Argon2id): {kdf.memory_kib // 1024} MiB of memory, "
            f"{kdf.time_cost} passes, {kdf.parallelism} lanes") in out
    assert kdf != crypto.at_least_floor(kdf)
    assert "less than SV2 Desk's minimum (64 MiB of memory, 8 passes, 2 lanes)" in out


def test_init_with_a_short_password_is_refused_next_to_the_reason(folder, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys,
                             ["--workspace", folder, "init", "--organisation", "SV2",
                              "--admin-username", "ann", "--admin-name", "Ann Smith"],
                             new_password="short")
    assert code == 2
    assert "at least 10 characters" in err
    assert not ws_mod.exists(folder)


# -- accounts --------------------------------------------------------------------------------------


def _as_ann(monkeypatch, capsys, folder, *argv, new_password=None):
    return run_cli(monkeypatch, capsys, ["--workspace", folder, "accounts", "--user", "ann", *argv],
                   password=ANN_PASSWORD, new_password=new_password)


def _row(listing: str, username: str) -> str:
    return next(line for line in listing.splitlines() if f" {username} " in line)


def test_accounts_list_add_disable_and_reset_password(folder, monkeypatch, capsys):
    _init(monkeypatch, capsys, folder)
    code, out, _ = _as_ann(monkeypatch, capsys, folder, "list")
    assert code == 0
    assert "Ann Smith" in _row(out, "ann") and "Administrator" in _row(out, "ann")

    code, out, err = _as_ann(monkeypatch, capsys, folder, "add", "wyn", "Wyn Jones",
                             "--role", "support_worker", "--line-manager", "1",
                             new_password=WYN_PASSWORD)
    assert code == 0, err
    number = int(re.search(r"number (\d+)", out).group(1))
    code, out, _ = _as_ann(monkeypatch, capsys, folder, "list")
    row = _row(out, "wyn")
    assert "Wyn Jones" in row and "Support worker" in row and "line manager: Ann Smith" in row
    auth.sign_out(auth.sign_in(folder, "wyn", WYN_PASSWORD))

    code, out, _ = _as_ann(monkeypatch, capsys, folder, "reset-password", number,
                           new_password="reset for wyn 1")
    assert code == 0
    assert "has been reset" in out
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "wyn", WYN_PASSWORD)
    auth.sign_out(auth.sign_in(folder, "wyn", "reset for wyn 1"))

    code, out, _ = _as_ann(monkeypatch, capsys, folder, "disable", number)
    assert code == 0
    assert "turned off" in out
    code, out, _ = _as_ann(monkeypatch, capsys, folder, "list")
    assert "(turned off)" in _row(out, "wyn")
    with pytest.raises(errors.AccountDisabled):
        auth.sign_in(folder, "wyn", "reset for wyn 1")


def test_a_support_worker_cannot_manage_accounts_from_the_command_line(folder, monkeypatch,
                                                                       capsys):
    _init(monkeypatch, capsys, folder)
    _as_ann(monkeypatch, capsys, folder, "add", "wyn", "Wyn Jones", "--role", "support_worker",
            new_password=WYN_PASSWORD)
    code, out, err = run_cli(monkeypatch, capsys,
                             ["--workspace", folder, "accounts", "--user", "wyn", "add", "eve",
                              "Eve Evans", "--role", "admin"],
                             password=WYN_PASSWORD, new_password="eve password 1")
    assert code == 2
    assert errors.PermissionDenied.message in err
    assert "Traceback" not in err
    code, out, _ = _as_ann(monkeypatch, capsys, folder, "list")
    assert " eve " not in out


def test_adding_a_taken_username_says_so(folder, monkeypatch, capsys):
    _init(monkeypatch, capsys, folder)
    code, _, err = _as_ann(monkeypatch, capsys, folder, "add", "ANN", "Another Ann",
                           "--role", "manager", new_password="spruce kettle harbour 4")
    assert code == 2
    assert "already taken" in err


def test_wrong_password_gives_the_plain_message_and_no_traceback(folder, monkeypatch, capsys):
    _init(monkeypatch, capsys, folder)
    code, out, err = run_cli(monkeypatch, capsys,
                             ["--workspace", folder, "accounts", "--user", "ann", "list"],
                             password="not ann's password")
    assert code == 2
    assert err.strip() == errors.WrongPassword.message
    assert "Traceback" not in err and not out
    assert "not ann's password" not in err


def test_wrong_recovery_key_gives_the_plain_message(folder, monkeypatch, capsys):
    _init(monkeypatch, capsys, folder)
    code, out, err = run_cli(monkeypatch, capsys,
                             ["--workspace", folder, "verify-audit", "--recovery-key"],
                             recovery_key="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    assert code == 2
    assert err.strip() == errors.WrongRecoveryKey.message


def test_a_folder_with_no_data_gives_the_plain_message(folder, monkeypatch, capsys):
    code, _, err = run_cli(monkeypatch, capsys,
                           ["--workspace", folder, "accounts", "--user", "ann", "list"],
                           password=ANN_PASSWORD)
    assert code == 2
    assert err.strip() == errors.WorkspaceNotFound.message
