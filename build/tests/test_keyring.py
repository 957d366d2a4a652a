"""The packaged programs find a real keyring (GNOME Keyring's Secret Service on a private
D-Bus session) and bind the data to this PC with it: the keyring backends were packaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ADMIN, have, office_env, run

# Unlock (creating on first use) a login keyring in the test's home folder, then run the
# program in the same D-Bus session. The daemon ends with the session.
WITH_KEYRING = ('eval "$(printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock '
                '--components=secrets)" >/dev/null; exec "$@"')


@pytest.fixture
def keyring_home(home):
    have("dbus-run-session")
    have("gnome-keyring-daemon")
    (home / ".cache").mkdir()
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    return home


def with_keyring(home, *args, **extra):
    env = office_env(home, XDG_RUNTIME_DIR=str(home / "run"),
                     KEYRING_PASSWORD="keyring password for the test", **extra)
    return run(Path("/usr/bin/dbus-run-session"), "--", "sh", "-c",
               WITH_KEYRING, "sh", str(ADMIN), *args, env=env, timeout=300)


def test_the_keyring_is_found_and_named(package, keyring_home):
    out = with_keyring(keyring_home, "check-install").stdout
    assert "keyring: Secret Service (GNOME Keyring, KeePassXC) (binding to this PC can be " \
           "offered)" in out
    assert "Everything SV2 Desk needs is here." in out


def test_data_bound_to_this_pc_opens_with_a_password_here(package, keyring_home):
    made = with_keyring(keyring_home, "init", "--organisation", "SV2", "--admin-username",
                        "ann", "--admin-name", "Ann Smith", "--bind-to-pc")
    assert "Bound to this PC: yes" in made.stdout
    status = with_keyring(keyring_home, "status").stdout
    assert "PC binding: bound to this PC (the keyring holds its device key)" in status
    assert "Ann Smith" in with_keyring(keyring_home, "accounts", "--user", "ann", "list").stdout
    # Without the keyring (another PC, say) the password alone no longer opens it.
    refused = run(ADMIN, "accounts", "--user", "ann", "list", env=office_env(keyring_home),
                  check=False)
    assert refused.returncode == 2 and "recovery key" in refused.stderr
    assert "Traceback" not in refused.stderr
