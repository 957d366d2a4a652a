"""Opening the data with the wrong secret, or with files that are not what they should be.

Each case must end in the specific typed error with a plain-English message,
and must leave every file in the data folder exactly as it was: same names
(no -wal or -shm left behind), same bytes.
"""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from sv2desk import errors
from sv2desk.services import auth
from sv2desk.store.workspace import DB_NAME, KEYS_NAME, Workspace

from ..support.safety_helpers import assert_plain_message, changes, snapshot
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

PAGE = 4096


@pytest.fixture
def closed(folder):
    """A workspace with some history (signin.json, a backup), signed out.

    Returns the recovery key."""
    new = make_workspace(folder)
    new.session.workspace.backup_copy("before-test")
    auth.sign_out(new.session)
    with pytest.raises(errors.WrongPassword):            # writes signin.json
        auth.sign_in(folder, "admin", "not the password")
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    assert {"sv2desk.db", "keys.json", "signin.json", "backups/before-test.db"} <= set(
        snapshot(folder))
    return new.recovery_key


def _open_both_ways(folder, recovery_key):
    """Try a staff password and the recovery key; return the two errors raised."""
    raised = []
    for attempt in (lambda: auth.sign_in(folder, "admin", ADMIN_PASSWORD),
                    lambda: auth.sign_in_with_recovery_key(folder, recovery_key)):
        try:
            session = attempt()
        except errors.SV2Error as exc:
            raised.append(exc)
        else:
            auth.sign_out(session)
            pytest.fail("the data opened although it should not have")
    return raised


def _assert_untouched(before, folder):
    after = snapshot(folder)
    assert changes(before, after) == {"added": [], "removed": [], "changed": []}


def _no_sqlcipher_noise(capfd):
    err = capfd.readouterr().err.lower()
    assert "hmac check failed" not in err
    assert "error core" not in err


# -- the wrong secret ---------------------------------------------------------------------

def test_wrong_password_is_refused_and_changes_only_the_attempt_counter(closed, folder, capfd):
    before = snapshot(folder)
    with pytest.raises(errors.WrongPassword) as wrong:
        auth.sign_in(folder, "admin", "not the password")
    assert_plain_message(wrong.value)
    # signin.json counts wrong passwords for the back-off (by design); nothing else moves.
    diff = changes(before, snapshot(folder))
    assert diff == {"added": [], "removed": [], "changed": ["signin.json"]}
    counters = (folder / "signin.json").read_text("utf-8")
    assert "admin" not in counters and "not the password" not in counters
    json.loads(counters)
    _no_sqlcipher_noise(capfd)


def test_wrong_password_at_the_store_changes_no_file(closed, folder, capfd):
    before = snapshot(folder)
    with pytest.raises(errors.WrongPassword) as wrong:
        Workspace.unlock_with_password(folder, "admin", "not the password")
    assert_plain_message(wrong.value)
    _assert_untouched(before, folder)
    _no_sqlcipher_noise(capfd)


@pytest.mark.parametrize("typed", [
    "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",   # the right shape, the wrong key
    "not a recovery key",                         # not even the right shape
    "",
])
def test_wrong_recovery_key_is_refused_and_changes_no_file(closed, folder, capfd, typed):
    before = snapshot(folder)
    with pytest.raises(errors.WrongRecoveryKey) as wrong:
        auth.sign_in_with_recovery_key(folder, typed)
    assert_plain_message(wrong.value)
    _assert_untouched(before, folder)
    _no_sqlcipher_noise(capfd)


# -- a database file that is not ours, or not whole ------------------------------------------

def _foreign_sqlite(folder, wal: bool):
    db = folder / DB_NAME
    db.unlink()
    conn = sqlite3.connect(db)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.executemany("INSERT INTO notes VALUES (?)", [("a plain note",)] * 50)
    conn.commit()
    conn.close()
    assert not (folder / (DB_NAME + "-wal")).exists()


def _truncate_to(size_of):
    def mutate(folder):
        db = folder / DB_NAME
        data = db.read_bytes()
        size = size_of(len(data))
        assert 0 < size < len(data)
        db.write_bytes(data[:size])
    return mutate


DAMAGED_DATABASES = {
    "plain SQLite file": lambda folder: _foreign_sqlite(folder, wal=False),
    "plain SQLite file in WAL mode": lambda folder: _foreign_sqlite(folder, wal=True),
    "truncated to 100 bytes": _truncate_to(lambda n: 100),
    "truncated to one page": _truncate_to(lambda n: PAGE),
    "truncated to two pages": _truncate_to(lambda n: 2 * PAGE),
    "truncated to half": _truncate_to(lambda n: (n // 2) // PAGE * PAGE),
    "last page missing": _truncate_to(lambda n: n - PAGE),
    "last 1000 bytes missing": _truncate_to(lambda n: n - 1000),
    "one byte short": _truncate_to(lambda n: n - 1),
    "random bytes": lambda folder: (folder / DB_NAME).write_bytes(
        os.urandom((folder / DB_NAME).stat().st_size)),
    "empty file": lambda folder: (folder / DB_NAME).write_bytes(b""),
}


@pytest.mark.parametrize("damage", list(DAMAGED_DATABASES))
def test_a_database_that_is_not_ours_or_not_whole(closed, folder, capfd, damage):
    DAMAGED_DATABASES[damage](folder)
    before = snapshot(folder)
    raised = _open_both_ways(folder, closed)
    for exc in raised:
        assert type(exc) is errors.WorkspaceDamaged, damage
        assert_plain_message(exc)
        assert "Nothing has been changed" in exc.message
    _assert_untouched(before, folder)
    _no_sqlcipher_noise(capfd)


# -- the key file --------------------------------------------------------------------------

KEY_FILE_PROBLEMS = {
    "missing": (lambda folder: (folder / KEYS_NAME).unlink(), errors.SlotFileMissing),
    "random bytes": (lambda folder: (folder / KEYS_NAME).write_bytes(os.urandom(3000)),
                     errors.SlotFileDamaged),
    "empty": (lambda folder: (folder / KEYS_NAME).write_bytes(b""), errors.SlotFileDamaged),
    "not an object": (lambda folder: (folder / KEYS_NAME).write_text("[1, 2, 3]"),
                      errors.SlotFileDamaged),
    "cut short": (lambda folder: (folder / KEYS_NAME).write_bytes(
        (folder / KEYS_NAME).read_bytes()[:500]), errors.SlotFileDamaged),
}


@pytest.mark.parametrize("problem", list(KEY_FILE_PROBLEMS))
def test_a_key_file_that_is_missing_or_not_whole(closed, folder, capfd, problem):
    mutate, expected = KEY_FILE_PROBLEMS[problem]
    mutate(folder)
    before = snapshot(folder)
    raised = _open_both_ways(folder, closed)
    for exc in raised:
        assert type(exc) is expected, problem
        assert_plain_message(exc)
        assert "Nothing has been changed" in exc.message
    _assert_untouched(before, folder)
    _no_sqlcipher_noise(capfd)


def test_the_good_files_still_open_after_all_that(closed, folder, capfd):
    """The fixture's workspace itself is fine: the failures above come from the damage."""
    before = snapshot(folder)
    session = auth.sign_in_with_recovery_key(folder, closed)
    auth.sign_out(session)
    after = snapshot(folder)
    assert not [name for name in after if name.endswith(("-wal", "-shm"))]
    assert set(after) == set(before)
    _no_sqlcipher_noise(capfd)
