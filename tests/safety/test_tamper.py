"""A changed byte anywhere in the data, or an altered or swapped key file, is noticed.

SV2 Desk must refuse to open (with a typed error saying what is wrong) rather
than show data that is silently wrong. Every case is tried with a staff
password and with the recovery key, and must leave the files as they were.
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from sv2desk import errors
from sv2desk.services import auth, drafts
from sv2desk.store import crypto, slots as slots_mod
from sv2desk.store.workspace import DB_NAME, KEYS_NAME

from ..support.safety_helpers import assert_plain_message, changes, flip_byte, snapshot
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

PAGE = 4096
RESERVE = 80  # SQLCipher 4 keeps a 16-byte IV and a 64-byte HMAC at the end of every page


@pytest.fixture
def closed(folder):
    """A signed-out workspace of a few dozen pages; returns its recovery key."""
    new = make_workspace(folder)
    for i in range(12):
        drafts.save(new.session, "referral", {"notes": f"draft {i} " + "words " * 1200})
    auth.sign_out(new.session)
    assert not (folder / (DB_NAME + "-wal")).exists(), "closing must fold the WAL back in"
    assert (folder / DB_NAME).stat().st_size // PAGE >= 20
    return new.recovery_key


def _refused(folder, recovery_key):
    """Open with the password and with the recovery key; both must fail. Returns the errors."""
    found = []
    for attempt in (lambda: auth.sign_in(folder, "admin", ADMIN_PASSWORD),
                    lambda: auth.sign_in_with_recovery_key(folder, recovery_key)):
        try:
            session = attempt()
        except errors.SV2Error as exc:
            assert_plain_message(exc)
            found.append(exc)
        else:
            auth.sign_out(session)
            pytest.fail("altered data was opened as if nothing were wrong")
    return found


def _assert_refused_untouched(folder, recovery_key, expected):
    before = snapshot(folder)
    for exc in _refused(folder, recovery_key):
        assert type(exc) in expected, type(exc).__name__
    assert changes(before, snapshot(folder)) == {"added": [], "removed": [], "changed": []}


# -- the database ----------------------------------------------------------------------------

def _pages(folder) -> int:
    size = (folder / DB_NAME).stat().st_size
    assert size % PAGE == 0
    return size // PAGE


DB_OFFSETS = {
    "page 1, in the salt": lambda n: 5,
    "page 1, in the header": lambda n: 40,
    "page 1, in the contents": lambda n: 1500,
    "page 1, in its check value": lambda n: PAGE - 10,
    "page 2, in the contents": lambda n: PAGE + 2000,
    "a middle page, in the contents": lambda n: (n // 2) * PAGE + 1234,
    "a middle page, in its IV": lambda n: (n // 2) * PAGE + PAGE - RESERVE + 3,
    "the last page, in the contents": lambda n: (n - 1) * PAGE + 100,
    "the last byte of the file": lambda n: n * PAGE - 1,
}


@pytest.mark.parametrize("where", list(DB_OFFSETS))
def test_a_flipped_byte_in_the_database_is_noticed(closed, folder, where):
    flip_byte(folder / DB_NAME, DB_OFFSETS[where](_pages(folder)))
    _assert_refused_untouched(folder, closed, {errors.WorkspaceDamaged})


def test_a_database_from_another_workspace_is_noticed(closed, folder, tmp_path):
    other = tmp_path / "other"
    auth.sign_out(make_workspace(other).session)
    shutil.copyfile(other / DB_NAME, folder / DB_NAME)
    _assert_refused_untouched(folder, closed, {errors.WorkspaceDamaged})


# -- the key file: damage (the checksum catches it before any key is tried) --------------------

def _keys(folder) -> dict:
    return json.loads((folder / KEYS_NAME).read_text("utf-8"))


def _slot(data, kind):
    return next(s for s in data["slots"] if s["kind"] == kind)


def _number(name, value) -> str:
    return f'"{name}": {value}'


# where -> the text to change in keys.json (a string value, or ``"name": number``)
KEY_FILE_FLIPS = {
    "the recovery slot's wrapped key": lambda d: _slot(d, "recovery")["wrapped"],
    "the staff slot's wrapped key": lambda d: _slot(d, "account")["wrapped"],
    "the staff slot's salt": lambda d: _slot(d, "account")["salt"],
    "the staff slot's nonce": lambda d: _slot(d, "account")["nonce"],
    "the staff slot's user tag": lambda d: _slot(d, "account")["user_tag"],
    "the audit head's hash": lambda d: d["audit_head"]["hash"],
    "the audit head's number": lambda d: _number("seq", d["audit_head"]["seq"]),
    "the kdf memory cost": lambda d: _number("memory_kib", d["kdf"]["memory_kib"]),
    "the kdf time cost": lambda d: _number("time_cost", d["kdf"]["time_cost"]),
    "the workspace id": lambda d: d["workspace_id"],
    "the tag salt": lambda d: d["tag_salt"],
    "the MAC": lambda d: d["mac"],
    "the checksum": lambda d: d["checksum"],
}


@pytest.mark.parametrize("where", list(KEY_FILE_FLIPS))
def test_a_flipped_byte_in_the_key_file_is_noticed(closed, folder, where):
    needle = KEY_FILE_FLIPS[where](_keys(folder))
    raw = (folder / KEYS_NAME).read_bytes()
    assert raw.count(needle.encode()) >= 1
    start = raw.index(needle.encode())  # the first copy: the top-level one for the kdf
    # A number loses or gains one in its last digit; a string changes one middle character.
    offset = start + len(needle) - 1 if needle.startswith('"') else start + len(needle) // 2
    flip_byte(folder / KEYS_NAME, offset)
    json.loads((folder / KEYS_NAME).read_text("utf-8"))  # still JSON: only the value changed
    assert _keys(folder) != json.loads(raw)
    _assert_refused_untouched(folder, closed, {errors.SlotFileDamaged})


def test_every_slot_kdf_is_covered_too(closed, folder):
    """The per-slot copy of the kdf parameters (not only the top-level one)."""
    raw = (folder / KEYS_NAME).read_text("utf-8")
    assert raw.count('"memory_kib"') >= 3  # top level, recovery slot, staff slot
    needle = f'"memory_kib": {_keys(folder)["kdf"]["memory_kib"]}'
    start = raw.index(needle, raw.index('"slots"'))
    flip_byte(folder / KEYS_NAME, start + len(needle) - 1)
    _assert_refused_untouched(folder, closed, {errors.SlotFileDamaged})


# -- the key file: edited with the checksum put right (only the MAC can tell) --------------------

def _rewrite_with_checksum(folder, edit) -> None:
    data = _keys(folder)
    data.pop("checksum")
    edit(data)
    data["checksum"] = hashlib.sha256(slots_mod.canonical(data)).hexdigest()
    (folder / KEYS_NAME).write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")


def _drop_recovery_slot(data):
    data["slots"] = [s for s in data["slots"] if s["kind"] != "recovery"]


def _drop_staff_slot(data):
    data["slots"] = [s for s in data["slots"] if s["kind"] != "account"]


def _copy_staff_slot(data):
    extra = dict(_slot(data, "account"), id="account-99", account_id=99)
    data["slots"].append(extra)


def _fake_binding(data):
    data["device"] = {"check": "00" * 32, "nonce": "AAAAAAAAAAAAAAAA",
                      "wrapped": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}


EDITS = {
    "audit head moved back": lambda d: d["audit_head"].update(seq=1),
    "audit head hash replaced": lambda d: d["audit_head"].update(hash="ab" * 32),
    "kdf made cheaper": lambda d: d["kdf"].update(time_cost=1, memory_kib=8),
    "recovery slot removed": _drop_recovery_slot,
    "staff slot removed": _drop_staff_slot,
    "staff slot copied to another account": _copy_staff_slot,
    "binding added": _fake_binding,
    "tag salt replaced": lambda d: d.update(tag_salt="AAAAAAAAAAAAAAAAAAAAAA=="),
    "workspace id replaced": lambda d: d.update(
        workspace_id="00000000-0000-4000-8000-000000000000"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edited_key_file_with_a_good_checksum_is_refused_by_its_mac(closed, folder, edit):
    _rewrite_with_checksum(folder, EDITS[edit])
    before = snapshot(folder)
    raised = _refused(folder, closed)
    password_error, recovery_error = raised
    # With the recovery key the master key is found, so the MAC is checked and fails; or the
    # edit removed or spoilt the recovery slot itself, which reads as the wrong key.
    if edit in ("recovery slot removed",):
        assert type(recovery_error) is errors.SlotFileDamaged
    elif edit == "workspace id replaced":
        assert type(recovery_error) is errors.WrongRecoveryKey  # bound into every slot's AAD
    else:
        assert type(recovery_error) is errors.SlotFileTampered
    # With the password: the MAC fails, unless the edit already stops the staff slot opening
    # (then it is indistinguishable from a wrong password, and nothing is shown either way).
    if edit in ("staff slot removed", "tag salt replaced", "workspace id replaced"):
        assert type(password_error) is errors.WrongPassword
    else:
        assert type(password_error) is errors.SlotFileTampered
    after = snapshot(folder)
    diff = changes(before, after)
    # A refused password is counted in signin.json for the back-off; nothing else moves.
    assert diff["added"] in ([], ["signin.json"]) and not diff["removed"]
    assert set(diff["changed"]) <= {"signin.json"}
    assert after[KEYS_NAME] == before[KEYS_NAME] and after[DB_NAME] == before[DB_NAME]


def _staff_slot_edit(**fields):
    def edit(data):
        _slot(data, "account").update(fields)
    return edit


def _staff_kdf_edit(**fields):
    def edit(data):
        _slot(data, "account")["kdf"].update(fields)
    return edit


# Edits that make the file impossible rather than merely different: they are caught on
# reading (before any key work), not by a crash inside Argon2 or AES-GCM.
IMPOSSIBLE_EDITS = {
    "staff slot kdf memory below Argon2's floor": _staff_kdf_edit(memory_kib=1),
    "staff slot kdf time cost zero": _staff_kdf_edit(time_cost=0),
    "staff slot kdf time cost negative": _staff_kdf_edit(time_cost=-1),
    "staff slot kdf lanes zero": _staff_kdf_edit(parallelism=0),
    "staff slot kdf made too slow": _staff_kdf_edit(time_cost=crypto.MAX_TIME_COST + 1),
    "staff slot salt emptied": _staff_slot_edit(salt=""),
    "staff slot nonce cut short": _staff_slot_edit(nonce="AAAA"),
    "staff slot wrapped key cut short": _staff_slot_edit(wrapped="AAAA"),
    "binding replaced by nonsense": lambda d: d.update(device="bound"),
    "binding without its check": lambda d: d.update(device={"nonce": "", "wrapped": ""}),
}


@pytest.mark.parametrize("edit", list(IMPOSSIBLE_EDITS))
def test_an_impossible_key_file_with_a_good_checksum_is_called_damaged(closed, folder, edit):
    _rewrite_with_checksum(folder, IMPOSSIBLE_EDITS[edit])
    _assert_refused_untouched(folder, closed, {errors.SlotFileDamaged})


def test_removing_the_binding_from_a_bound_key_file_is_refused(folder, memory_keyring):
    new = make_workspace(folder, bind_to_pc=True)
    recovery_key = new.recovery_key
    auth.sign_out(new.session)
    _rewrite_with_checksum(folder, lambda d: d.update(device=None))
    password_error, recovery_error = _refused(folder, recovery_key)
    assert type(password_error) is errors.SlotFileTampered
    assert type(recovery_error) is errors.SlotFileTampered


def test_a_key_file_from_another_workspace_is_refused(closed, folder, tmp_path):
    """Same username and password in both, so the other file's slot opens: the key it
    holds must still not be taken for this data's key."""
    other = tmp_path / "other"
    other_new = make_workspace(other)
    auth.sign_out(other_new.session)
    shutil.copyfile(other / KEYS_NAME, folder / KEYS_NAME)
    before = snapshot(folder)
    password_error, recovery_error = _refused(folder, closed)
    assert type(password_error) in (errors.WorkspaceDamaged, errors.SlotFileTampered)
    assert type(recovery_error) is errors.WrongRecoveryKey
    with pytest.raises((errors.WorkspaceDamaged, errors.SlotFileTampered)):
        auth.sign_in_with_recovery_key(folder, other_new.recovery_key)
    assert changes(before, snapshot(folder)) == {"added": [], "removed": [], "changed": []}
