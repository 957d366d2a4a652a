"""The packaged sv2desk and sv2desk-admin, run as they ship: help, version, first run,
sign-in, referrals, letters, a backup and its check, and the window on a screen."""

from __future__ import annotations

import re
import subprocess

import pytest

import sv2desk
from sv2desk import install_check

from conftest import ADMIN, GUI, office_env, run, stop, wait_for_log


def test_both_programs_say_their_version(package, home):
    for program in (GUI, ADMIN):
        done = run(program, "--version", env=office_env(home))
        assert done.stdout.strip() == f"SV2 Desk {sv2desk.__version__}"


def test_help_is_plain_text_without_a_screen(package, home):
    done = run(GUI, "--help", env=office_env(home))
    assert done.stdout.startswith("usage: sv2desk")
    assert "--workspace FOLDER" in done.stdout and "--version" in done.stdout
    assert f"{home}/.local/share/SV2 Desk/workspace" in done.stdout   # where the data goes
    assert done.stderr == ""
    admin = run(ADMIN, "--help", env=office_env(home))
    assert "check-install" in admin.stdout and "backup" in admin.stdout


def test_starting_without_a_screen_says_so_in_plain_words(package, home):
    done = run(GUI, env=office_env(home), check=False)
    assert done.returncode == 2
    assert "needs a desktop screen" in done.stderr
    assert "Aborted" not in done.stderr and "qt.qpa" not in done.stderr
    assert not (home / ".local/share/SV2 Desk").exists()   # nothing was made


def test_the_installation_check_passes_with_every_part_used(package, home):
    done = run(ADMIN, "check-install", env=office_env(home), timeout=300)
    out = done.stdout
    assert "Everything SV2 Desk needs is here." in out
    assert "PROBLEM" not in out
    assert re.search(r"installed in .*/build/dist/sv2desk", out)   # the frozen program ran
    assert "signed in through the sign-in window, the main window opened (11 areas)" in out
    assert "backup: made and checked (4 clients" in out
    assert "screen support: Qt" in out and "printing" in out
    assert re.search(r"keyring: .*(Secret Service|KDE Wallet|libsecret)", out)
    # Every practice name the package's fonts can print was read back out of the PDF.
    printed = next(line for line in out.splitlines() if "names printed as typed" in line)
    western = [n for pair in install_check.PRACTICE_NAMES for n in pair
               if all(ch.isspace() or ch.encode("cp1252", "ignore") for ch in n)]
    assert western and all(name in printed for name in western)
    fonts = [p for p in (sv2desk.paths.resource("fonts")).glob("**/*")
             if p.suffix.lower() in (".ttf", ".otf")]
    if fonts:   # once Unicode fonts are in resources/fonts, every name must print
        assert "no font in this package prints" not in out


def test_first_run_sign_in_referrals_backup_and_restore(package, home, tmp_path):
    env = office_env(home)
    data = home / ".local/share/SV2 Desk/workspace"
    made = run(ADMIN, "init", "--organisation", "SV2", "--admin-username", "ann",
               "--admin-name", "Ann Smith", "--recovery-sheet", str(tmp_path / "sheet.pdf"),
               env=env)
    assert f"SV2 Desk data created in {data}" in made.stdout
    assert re.search(r"^    [A-Z0-9]{4}(-[A-Z0-9]{4}){7}$", made.stdout, re.M)
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")

    listed = run(ADMIN, "accounts", "--user", "ann", "list", env=env)   # a sign-in
    assert "Ann Smith" in listed.stdout
    demo = run(ADMIN, "demo", "--user", "ann", "--clients", "12", "--seed", "3", "--no-practice",
               env=env)
    assert "Added 12 made-up clients" in demo.stdout     # 12 referrals through the rules

    for path in data.rglob("*"):   # nothing readable on disk: not the header, not a name
        if path.is_file():
            content = path.read_bytes()
            assert b"SQLite format 3" not in content[:16]
            assert b"Ann Smith" not in content

    (tmp_path / "usb").mkdir()
    backup = run(ADMIN, "backup", "--user", "ann", "--to", str(tmp_path / "usb"), env=env)
    archive = next((tmp_path / "usb").glob("*.sv2backup"))
    assert str(archive) in backup.stdout
    restored = tmp_path / "restored"
    checked = run(ADMIN, "--workspace", str(restored), "restore", str(archive), "--user",
                  "ann", "--yes", env=env)
    assert "clients: 12" in checked.stdout and f"Restored into {restored}" in checked.stdout
    verify = run(ADMIN, "--workspace", str(restored), "verify-audit", "--user", "ann", env=env)
    assert "complete and unaltered" in verify.stdout


def _start_window(env, *args) -> subprocess.Popen:
    return subprocess.Popen([str(GUI), *args], env=env, cwd=env["HOME"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)


def test_the_window_opens_offscreen_at_set_up_then_at_sign_in(package, home):
    env = office_env(home, QT_QPA_PLATFORM="offscreen")
    log = home / "logs" / "sv2desk.log"
    first = _start_window(env)
    try:
        assert "first window (SetupWizard) shown" in wait_for_log(log, "first window", first)
    finally:
        stop(first)
    run(ADMIN, "init", "--organisation", "SV2", "--admin-username", "ann", "--admin-name",
        "Ann Smith", env=env)
    log.unlink()
    second = _start_window(env)
    try:
        assert "first window (SignInWindow) shown" in wait_for_log(log, "first window", second)
        assert second.poll() is None          # still running, waiting for someone
    finally:
        _, err = stop(second)
    assert "Traceback" not in err


def test_the_window_opens_on_a_real_x_screen(package, home, xserver):
    """The X11 platform plugin and its libraries, as on a Linux desktop (Xvfb here)."""
    env = office_env(home, DISPLAY=xserver)
    run(ADMIN, "init", "--organisation", "SV2", "--admin-username", "ann", "--admin-name",
        "Ann Smith", env=env)
    window = _start_window(env)
    try:
        line = wait_for_log(home / "logs" / "sv2desk.log", "first window", window)
        assert "SignInWindow" in line
    finally:
        _, err = stop(window)
    assert "could not load the Qt platform plugin" not in err and "Traceback" not in err
