"""Every file read before sign-in is hostile: a fuzz of damaged variants.

keys.json, signin.json and the lock file are damaged in more than 200 ways (wrong JSON
types at every level, NaN and huge numbers, deep nesting, huge sizes, other encodings,
folders and links in place of files) and each damaged folder is put through sign-in
(password and recovery key) and every sv2desk-admin command. Whatever happens: no
traceback, only typed errors with plain-English messages; when something is refused,
every file is byte-identical afterwards; and the recovery key is never locked out by
anything but the key file itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from sv2desk import cli, errors
from sv2desk.services import auth, backups
from sv2desk.store import slots as slots_mod

from ..support.safety_helpers import assert_plain_message, changes, snapshot
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

KEYS, SIGNIN, LOCK = "keys.json", "signin.json", "sv2desk.lock"
ODD_VALUES = [None, True, -1, 1.5, "x" * 300, [[[]]]]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A signed-out workspace with history: a wrong password carried over, one waiting in
    signin.json, and a backup on a drive. Returns (folder, recovery key, backup)."""
    base = tmp_path_factory.mktemp("hostile")
    folder, usb = base / "workspace", base / "usb"
    usb.mkdir()
    new = make_workspace(folder)
    made = backups.create(new.session, usb)
    auth.sign_out(new.session)
    for _ in range(2):
        with pytest.raises(errors.WrongPassword):
            auth.sign_in(folder, "admin", "not the password")
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "admin", "not the password")
    assert {KEYS, SIGNIN, LOCK} <= set(snapshot(folder))
    return folder, new.recovery_key, made.backup.path


def _keys_data(folder) -> dict:
    return json.loads((folder / KEYS).read_text("utf-8"))


def _write_keys(folder, data: dict, fix_checksum: bool = True) -> None:
    """keys.json with ``data`` (checksum put right, so the damage is reached past it)."""
    data = dict(data)
    if fix_checksum:
        data.pop("checksum", None)
        data["checksum"] = hashlib.sha256(slots_mod.canonical(data)).hexdigest()
    (folder / KEYS).write_text(json.dumps(data), "utf-8")


def _whole_file(name: str, raw: bytes | None):
    def damage(folder):
        path = folder / name
        path.unlink()
        if raw is None:
            path.mkdir()               # a folder in place of the file
        else:
            path.write_bytes(raw)
    return damage


def _link(name: str, to: str):
    def damage(folder):
        (folder / name).unlink()
        os.symlink(to, folder / name)
    return damage


def _keys_field(key: str, value):
    def damage(folder):
        data = _keys_data(folder)
        data[key] = value
        _write_keys(folder, data)
    return damage


def _slot_field(kind: str, key: str, value):
    def damage(folder):
        data = _keys_data(folder)
        slot = next(s for s in data["slots"] if s["kind"] == kind)
        slot[key] = value
        _write_keys(folder, data)
    return damage


def _signin_field(path: tuple, value):
    def damage(folder):
        data = json.loads((folder / SIGNIN).read_text("utf-8"))
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        (folder / SIGNIN).write_text(json.dumps(data), "utf-8")
    return damage


WHOLE_DOCUMENTS = {
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "a string": b'"keys"',
    "a number": b"12",
    "null": b"null",
    "NaN": b"NaN",
    "an object with NaN": b'{"a": NaN}',
    "Infinity": b'{"failures": {"1": {"count": Infinity, "last": 1}}}',
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "objects nested 50,000 deep": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "a 6 MB string": b'"' + b"x" * 6_000_000 + b'"',
    "Latin-1 bytes": '{"naïve": "café"}'.encode("latin-1"),
    "UTF-16 with its mark": '{"a": 1}'.encode("utf-16"),
    "a byte-order mark first": b"\xef\xbb\xbf{}",
    "NUL bytes": b"\0" * 4096,
    "random bytes": bytes(range(256)) * 8,
    "half an escape": b'{"a": "\\ud800"}',
    "a huge number": b'{"a": ' + b"9" * 5000 + b"}",
}


def _variants() -> dict:
    found = {}
    for label, raw in WHOLE_DOCUMENTS.items():
        found[f"keys.json: {label}"] = (_whole_file(KEYS, raw), KEYS)
        found[f"signin.json: {label}"] = (_whole_file(SIGNIN, raw), SIGNIN)
    for name in (KEYS, SIGNIN, LOCK):
        found[f"{name}: a folder in its place"] = (_whole_file(name, None), name)
        found[f"{name}: a link to nowhere"] = (_link(name, "/nonexistent/sv2"), name)
    found[f"{KEYS}: a link to an endless device"] = (_link(KEYS, "/dev/zero"), KEYS)
    found[f"{SIGNIN}: a link to an endless device"] = (_link(SIGNIN, "/dev/zero"), SIGNIN)
    found[f"{LOCK}: garbage inside"] = (_whole_file(LOCK, os.urandom(999)), LOCK)
    found[f"{LOCK}: read-only"] = (lambda f: os.chmod(f / LOCK, 0o400), LOCK)
    for key in ("format", "workspace_id", "tag_salt", "kdf", "slots", "device", "audit_head",
                "mac", "key_gen", "links", "pending", "events", "signin_anchor"):
        for i, value in enumerate(ODD_VALUES):
            found[f"keys.json field {key} = {value!r:.20} ({i})"] = (_keys_field(key, value), KEYS)
    for kind in ("recovery", "account"):
        for key in ("id", "kind", "account_id", "user_tag", "kdf", "salt", "bound", "nonce",
                    "wrapped", "gen", "signing"):
            for i, value in enumerate((None, True, 2.5, {"public": 1})):
                found[f"keys.json {kind} slot {key} = {value!r:.20} ({i})"] = (
                    _slot_field(kind, key, value), KEYS)
    for path in (("format",), ("failures",), ("events",), ("overflow",), ("next",),
                 ("failures", "1"), ("failures", "1", "count"), ("failures", "1", "last"),
                 ("events", 0), ("events", 0, "n"), ("events", 0, "sealed")):
        for i, value in enumerate((None, -1, "3", 10 ** 30)):
            found[f"signin.json {'/'.join(map(str, path))} = {value!r:.20} ({i})"] = (
                _signin_field(path, value), SIGNIN)
    return found


VARIANTS = _variants()

# The sv2desk-admin commands, as an administrator would type them (prompts answered by
# the test-only variables). Each runs on every damaged folder in turn.
COMMANDS = [
    ["status"],
    ["verify-audit", "--user", "admin"],
    ["verify-audit", "--recovery-key"],
    ["accounts", "--user", "admin", "list"],
    ["accounts", "--user", "admin", "add", "newperson", "New Person", "--role", "support_worker"],
    ["accounts", "--user", "admin", "reset-password", "1"],
    ["change-password", "--user", "admin"],
    ["backup", "--user", "admin", "--to", "{usb}"],
    ["rekey", "--user", "admin"],
    ["enrol-pc"],
    ["demo", "--user", "admin", "--clients", "1"],
    ["init", "--organisation", "X", "--admin-username", "a", "--admin-name", "A B"],
    ["restore", "{backup}", "--recovery-key"],
]


def test_there_are_enough_variants():
    assert len(VARIANTS) >= 200
    assert len(VARIANTS) // (len(COMMANDS) - 1) >= 20
    assert len({name for _, name in VARIANTS.values()}) == 3


def _run(monkeypatch, capsys, argv, recovery_key) -> tuple[int, str]:
    monkeypatch.setenv("SV2DESK_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("SV2DESK_NEW_PASSWORD", "a new password 1")
    monkeypatch.setenv("SV2DESK_RECOVERY_KEY", recovery_key)
    capsys.readouterr()
    try:
        code = cli.main(argv)
    except SystemExit as exc:      # argparse, or a refusal said as SystemExit
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out + err


def _unchanged(before, folder, wrong_password: bool) -> None:
    """Every file byte-identical; except that an edit which leaves a slot unable to open
    is indistinguishable from a wrong password, which is counted in signin.json (for the
    back-off) as any wrong password is."""
    diff = changes(before, snapshot(folder))
    if wrong_password and diff["changed"] == [SIGNIN]:
        diff["changed"] = []
    assert diff == {"added": [], "removed": [], "changed": []}


def _attempt(fn):
    """Run one way in; return the typed error (None when it opened, and then sign out)."""
    try:
        session = fn()
    except errors.SV2Error as exc:
        assert_plain_message(exc)
        return exc
    auth.sign_out(session)
    return None


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_damaged_file_is_a_plain_refusal_that_changes_nothing(
        pristine, tmp_path, monkeypatch, capsys, variant):
    source, recovery_key, backup = pristine
    damage, damaged_file = VARIANTS[variant]
    folder = tmp_path / "workspace"
    shutil.copytree(source, folder, symlinks=True)
    damage(folder)
    before = snapshot(folder)
    keys_ok = damaged_file != KEYS

    # A staff password: refused with a typed error, nothing changed (or it opens).
    refused = _attempt(lambda: auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    if refused is not None:
        _unchanged(before, folder, type(refused) is errors.WrongPassword)

    # Commands: no traceback; a refusal changes nothing. Each is given a fresh copy of the
    # damage, so what one command may legitimately change cannot hide another's. "status"
    # sees every variant, each other command every twelfth (over 20 variants each).
    index = list(VARIANTS).index(variant)
    for command in (COMMANDS[0], COMMANDS[1 + index % (len(COMMANDS) - 1)]):
        shutil.rmtree(folder)
        shutil.copytree(source, folder, symlinks=True)
        damage(folder)
        before = snapshot(folder)
        argv = ["--workspace", str(folder)] + [a.format(usb=tmp_path, backup=backup)
                                                for a in command]
        code, said = _run(monkeypatch, capsys, argv, recovery_key)
        assert "Traceback" not in said and "Error:" not in said, (command, said[-2000:])
        if code != 0:
            assert said.strip(), command
            _unchanged(before, folder, errors.WrongPassword.message in said)

    # The recovery key is never locked out by signin.json or the lock file.
    shutil.rmtree(folder)
    shutil.copytree(source, folder, symlinks=True)
    damage(folder)
    refused = _attempt(lambda: auth.sign_in_with_recovery_key(folder, recovery_key))
    if keys_ok and damaged_file != LOCK:
        assert refused is None, f"the recovery key was refused: {refused!r}"
    if refused is None and damaged_file == SIGNIN:
        # ...and after it, staff sign in again.
        auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))


# -- backups: a restore reads a file from anywhere ------------------------------------------

def _rezip(manifest_change=None, extra=None, order=None):
    """A copy of the backup with its manifest changed (or members added or reordered)."""
    import zipfile

    def make(source, target):
        with zipfile.ZipFile(source) as zf:
            members = {name: zf.read(name) for name in zf.namelist()}
        if manifest_change is not None:
            members["manifest.json"] = manifest_change(members["manifest.json"])
        names = order or list(members)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
            for name in names:
                out.writestr(name, members[name])
            for name, data in (extra or {}).items():
                out.writestr(name, data)
    return make


def _manifest_field(path: tuple, value):
    def change(raw: bytes) -> bytes:
        data = json.loads(raw)
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return json.dumps(data).encode()
    return _rezip(change)


def _raw_backup(data: bytes | None):
    def make(source, target):
        if data is None:
            target.mkdir()
        else:
            target.write_bytes(data)
    return make


BACKUP_DAMAGE = {
    "empty": _raw_backup(b""),
    "a folder": _raw_backup(None),
    "random bytes": _raw_backup(os.urandom(5000)),
    "cut in half": lambda s, t: t.write_bytes(s.read_bytes()[: s.stat().st_size // 2]),
    "last byte gone": lambda s, t: t.write_bytes(s.read_bytes()[:-1]),
    "a member more": _rezip(extra={"evil.txt": b"x"}),
    "members reordered": _rezip(order=["keys.json", "sv2desk.db", "manifest.json",
                                       "manifest.mac"]),
    "manifest nested deep": _rezip(lambda raw: b"[" * 50_000 + b"]" * 50_000),
    "manifest NaN": _rezip(lambda raw: raw.replace(b'"key_gen": 0', b'"key_gen": NaN')),
    "manifest not UTF-8": _rezip(lambda raw: raw + "é".encode("latin-1")),
    "manifest a list": _rezip(lambda raw: b"[]"),
}
for _path in (("created_at",), ("workspace_id",), ("schema_revision",), ("key_gen",),
              ("audit_head",), ("audit_head", "seq"), ("members",),
              ("members", "sv2desk.db", "size"), ("members", "keys.json", "sha256"),
              ("summary",), ("summary", "nonce")):
    for _value in (None, [], {"a": 1}, -1, "x", 10 ** 40):
        BACKUP_DAMAGE[f"manifest {'/'.join(_path)} = {_value!r:.12}"] = _manifest_field(
            _path, _value)


@pytest.mark.parametrize("damage", list(BACKUP_DAMAGE))
def test_a_damaged_backup_is_refused_plainly_and_nothing_changes(
        pristine, tmp_path, monkeypatch, capsys, damage):
    from sv2desk.services import restore
    source, recovery_key, backup = pristine
    folder = tmp_path / "workspace"
    shutil.copytree(source, folder, symlinks=True)
    target = tmp_path / backup.name
    BACKUP_DAMAGE[damage](backup, target)
    before = snapshot(folder)
    with pytest.raises(errors.SV2Error) as refused:
        restore.restore(target, folder, recovery_key=recovery_key)
    assert type(refused.value) in (errors.BackupDamaged, errors.NotABackup, errors.NotFound,
                                   errors.ActionRefused), type(refused.value)
    assert_plain_message(refused.value)
    code, said = _run(monkeypatch, capsys, ["--workspace", str(folder), "restore", str(target),
                                            "--recovery-key", "--yes"], recovery_key)
    assert code == 2 and "Traceback" not in said and said.strip()
    assert changes(before, snapshot(folder)) == {"added": [], "removed": [], "changed": []}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["workspace", target.name])


def test_there_are_many_backup_variants():
    assert len(BACKUP_DAMAGE) >= 60
