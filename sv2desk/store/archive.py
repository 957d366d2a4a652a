"""The backup file: one archive holding the encrypted database and its key file.

A ``.sv2backup`` file is a ZIP archive (stored, not compressed: the database is
already encrypted) with four members, in this order:

    sv2desk.db      a consistent copy of the database, still encrypted under the
                    workspace's master key (SQLite's online backup, page by page)
    keys.json       the key slots at that moment, with the audit-chain head set to
                    the copy's own last entry (sealed with the master key as usual)
    manifest.json   format, when, the workspace id, the schema revision, the
                    audit-chain head, the key generation, and each member's size and
                    SHA-256; plus a summary (counts of clients, cases, accounts and
                    audit entries, and which accounts are administrators), encrypted
                    with AES-256-GCM under a key derived from the master key
    manifest.mac    HMAC-SHA256 of manifest.json under a key derived from the master key

So a backup opens only with a secret from its own keys.json (the recovery key of
the time, or an administrator's password of the time), and any change to any
member is found: the member's hash no longer matches the manifest, and the
manifest cannot be changed without the key. ZIP's own CRC-32 catches accidental
damage too, and a truncated file has lost ZIP's central directory.

The archive is written to a hidden temporary name in the destination folder,
synced, read back and checked, and only then renamed to its final name: a
half-written archive never carries a name that passes as a backup.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import sqlcipher3

from .. import errors
from . import crypto, engine as engine_mod
from .atomic_write import _fsync_dir
from .layout import DB_NAME, KEYS_NAME
from .slots import SlotFile, parse_json

FORMAT = "sv2desk-backup/1"
SUFFIX = ".sv2backup"
PREFIX = "sv2desk-"
PARTIAL = ".partial"
MANIFEST, MAC = "manifest.json", "manifest.mac"
MEMBERS = (DB_NAME, KEYS_NAME, MANIFEST, MAC)
CHUNK = 1 << 20
PAGES_PER_STEP = 2048

Progress = Callable[[float, str], None]


def _quiet(fraction: float, message: str) -> None:
    pass


def steady(progress: Progress | None) -> Progress:
    """``progress`` that never goes backwards and stays within 0..1 (rounded to 0.1%)."""
    if progress is None:
        return _quiet
    shown = [0.0]

    def report(fraction: float, message: str) -> None:
        shown[0] = max(shown[0], min(1.0, round(fraction, 3)))
        progress(shown[0], message)
    return report


def archive_name(workspace_id: str, when: datetime) -> str:
    """sv2desk-<first 8 of the workspace id>-<UTC date and time>.sv2backup"""
    return f"{PREFIX}{workspace_id[:8]}-{when.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def parse_name(name: str) -> tuple[str, datetime] | None:
    """(workspace id prefix, when) for a name made by :func:`archive_name`, else None."""
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    parts = name[len(PREFIX):-len(SUFFIX)].split("-")
    if len(parts) != 3 or len(parts[0]) != 8:
        return None
    try:
        when = datetime.strptime(f"{parts[1]}-{parts[2]}", "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return parts[0], when.replace(tzinfo=timezone.utc)


def _summary_key(master_key: bytes) -> bytes:
    return crypto.hkdf(master_key, "sv2desk backup summary")


def _mac_key(master_key: bytes) -> bytes:
    return crypto.hkdf(master_key, "sv2desk backup manifest")


UNREADABLE = ("The backup written to the backup folder did not read back correctly (the drive "
              "may be failing or was removed), so it was not kept and no backup was made. "
              "Try again, or choose another folder.")


def _write_error(exc: OSError) -> errors.SV2Error:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return errors.DiskFull(
            "There is not enough free space in the backup folder, so no backup was made. The "
            "data in SV2 Desk is unchanged. Free some space there (or choose another "
            "folder), then try again.")
    return errors.BackupFolderUnavailable()


# -- writing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    path: Path
    created_at: datetime
    size: int
    schema_revision: str | None
    audit_head: dict
    summary: dict = field(repr=False)


def snapshot(db_path: Path, key: bytes, target: Path, progress: Progress) -> None:
    """A consistent encrypted copy of the database at ``target`` (SQLite's online backup
    from a connection of its own, so the program's connection stays free meanwhile)."""
    source = engine_mod.connect(db_path, key, create=False)
    try:
        dest = engine_mod.connect(target, key)
        try:
            def step(_status, remaining, total):
                progress(0.4 * (1 - remaining / total) if total else 0.4,
                         "Copying the encrypted data")
            source.backup(dest, pages=PAGES_PER_STEP, progress=step)
            # A file on its own (no -wal beside it): rollback journal mode in the header.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()


def _slots_now(ws) -> SlotFile:
    """keys.json as on disk now (another window may have changed it since ``ws`` opened)."""
    try:
        slots = SlotFile.load(ws.keys_path)
        slots.verify(ws._master_key)
        if slots.workspace_id == ws.slots.workspace_id and not slots.pending:
            return slots
    except errors.SV2Error:
        pass
    return SlotFile.loads(ws.slots.dumps(ws._master_key))


# How the archive file is created (tests swap in a file that fills up or fails).
create_file = open
STALE_COPY_SECONDS = 24 * 3600


def _clear_stale_copies(folder: Path) -> None:
    """Copies left by a backup that was killed part-way (encrypted; this frees the space).
    Only old ones: another SV2 Desk window may be making a backup right now."""
    import time
    for path in folder.glob(".backup-copy-*.db*"):
        try:
            if time.time() - path.stat().st_mtime > STALE_COPY_SECONDS:
                path.unlink()
        except OSError:
            pass


def write(ws, destination: Path, when: datetime, describe: Callable,
          progress: Progress | None = None) -> Written:
    """Write a verified archive of open workspace ``ws`` into ``destination``.

    The consistent copy is made first in the workspace's own folder (it is encrypted,
    and removed afterwards). ``describe(conn)`` reads the copy and returns (schema
    revision, audit head dict, summary dict)."""
    progress = steady(progress)
    destination = Path(destination)
    if not destination.is_dir():
        raise errors.BackupFolderUnavailable()
    key, slots, db_path = ws._master_key, _slots_now(ws), ws.db_path
    final = destination / archive_name(slots.workspace_id, when)
    temp = destination / f".{final.name}{PARTIAL}"
    _clear_stale_copies(ws.folder)
    copy = ws.folder / f".backup-copy-{os.urandom(6).hex()}.db"
    try:
        progress(0.0, "Copying the encrypted data")
        try:
            if getattr(ws, "kind", "file") == "server":     # a SQLCipher copy of the server
                from .server_workspace import snapshot_to
                snapshot_to(ws, copy, progress)
            else:
                snapshot(db_path, key, copy, progress)
            conn = engine_mod.connect(copy, key, create=False)
            try:
                revision, head, summary = describe(conn)
            finally:
                conn.close()
        except sqlcipher3.OperationalError as exc:
            if "full" in str(exc).lower():   # the workspace's own disk, for the copy
                raise errors.DiskFull() from None
            raise
        slots.audit_head = dict(head)
        keys_bytes = slots.dumps(key)
        try:
            _write_zip(temp, copy, keys_bytes, key, slots, when, revision, head, summary,
                       progress)
            progress(0.85, "Checking the backup")
            try:
                verify(temp, key, progress=lambda f, m: progress(0.85 + 0.14 * f, m))
            except errors.NotFound:       # the folder went (a drive pulled out)
                raise errors.BackupFolderUnavailable() from None
            except (errors.BackupDamaged, errors.NotABackup):
                raise errors.BackupFolderUnavailable(UNREADABLE) from None
            os.replace(temp, final)
            _fsync_dir(destination)
        except OSError as exc:
            raise _write_error(exc) from None
        progress(1.0, "Backup finished")
        return Written(final, when, final.stat().st_size, revision, dict(head), summary)
    finally:
        for leftover in [Path(f"{copy}{end}") for end in ("", "-journal", "-wal", "-shm")] + [temp]:
            try:
                leftover.unlink()
            except OSError:
                pass


def _write_zip(temp: Path, copy: Path, keys_bytes: bytes, key: bytes, slots: SlotFile,
               when: datetime, revision, head, summary, progress: Progress) -> None:
    members = {}
    total = max(1, copy.stat().st_size)
    with create_file(temp, "wb") as raw:
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            digest, size = hashlib.sha256(), 0
            with open(copy, "rb") as src, zf.open(DB_NAME, "w", force_zip64=True) as dst:
                while chunk := src.read(CHUNK):
                    dst.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    progress(0.4 + 0.45 * size / total, "Writing the backup")
            members[DB_NAME] = {"size": size, "sha256": digest.hexdigest()}
            zf.writestr(KEYS_NAME, keys_bytes)
            members[KEYS_NAME] = {"size": len(keys_bytes),
                                  "sha256": hashlib.sha256(keys_bytes).hexdigest()}
            nonce, sealed = crypto.wrap(_summary_key(key), json.dumps(summary).encode(),
                                        slots.workspace_id.encode())
            manifest = {"format": FORMAT, "created_at": when.isoformat(),
                        "workspace_id": slots.workspace_id, "schema_revision": revision,
                        "audit_head": dict(head), "key_gen": slots.key_gen, "members": members,
                        "summary": {"nonce": crypto.b64(nonce), "sealed": crypto.b64(sealed)}}
            manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
            zf.writestr(MANIFEST, manifest_bytes)
            zf.writestr(MAC, crypto.mac(_mac_key(key), manifest_bytes))
        raw.flush()
        os.fsync(raw.fileno())


# -- reading ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Opened:
    """An archive's manifest and key file, read and checked for shape (not yet for the key)."""

    path: Path
    manifest: dict
    manifest_bytes: bytes = field(repr=False)
    mac: str = field(repr=False)
    slots: SlotFile = field(repr=False)

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_at"])


def _zip(path: Path) -> zipfile.ZipFile:
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise errors.NotFound("That backup file could not be found.") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        if path.suffix != SUFFIX:
            raise errors.NotABackup() from None
        raise errors.BackupDamaged() from None
    if [i.filename for i in zf.infolist()] != list(MEMBERS):
        zf.close()
        raise errors.NotABackup() if path.suffix != SUFFIX else errors.BackupDamaged()
    return zf


def read(path: Path) -> Opened:
    """Open an archive and read its manifest and key file. Raises BackupDamaged (or
    NotABackup) for anything that is not a whole archive of the right shape."""
    with _zip(path) as zf:
        try:
            # The small members are read whole, so their stated size is checked first: a
            # hostile archive could say a "manifest" of gigabytes.
            for name in (MANIFEST, MAC, KEYS_NAME):
                if zf.getinfo(name).file_size > SMALL_MEMBER_BYTES:
                    raise errors.BackupDamaged()
            manifest_bytes = zf.read(MANIFEST)
            mac = zf.read(MAC).decode("ascii")
            keys_bytes = zf.read(KEYS_NAME)
            manifest = parse_json(manifest_bytes)
            if type(manifest) is not dict or manifest.get("format") != FORMAT:
                raise errors.NotABackup()
            _check_manifest(manifest)
            expected = manifest["members"][KEYS_NAME]
            if hashlib.sha256(keys_bytes).hexdigest() != expected["sha256"]:
                raise errors.BackupDamaged()
            slots = SlotFile.loads(keys_bytes)
            if slots.workspace_id != manifest["workspace_id"]:
                raise errors.BackupDamaged()
        except errors.SlotFileDamaged:
            raise errors.BackupDamaged() from None
        except (KeyError, TypeError, ValueError, UnicodeDecodeError, zipfile.BadZipFile,
                OSError, OverflowError, RecursionError, AttributeError):
            raise errors.BackupDamaged() from None
    return Opened(Path(path), manifest, manifest_bytes, mac, slots)


SMALL_MEMBER_BYTES = 8 * 1024 * 1024


def _check_manifest(manifest: dict) -> None:
    """Every field the program uses, of the type it uses (ValueError otherwise)."""
    for name in ("created_at", "workspace_id"):
        if type(manifest.get(name)) is not str:
            raise ValueError(name)
    datetime.fromisoformat(manifest["created_at"])
    if manifest.get("schema_revision") is not None and \
            type(manifest["schema_revision"]) is not str:
        raise ValueError("schema_revision")
    if type(manifest.get("key_gen")) is not int:
        raise ValueError("key_gen")
    head = manifest.get("audit_head")
    if type(head) is not dict or type(head.get("seq")) is not int or \
            type(head.get("hash")) is not str:
        raise ValueError("audit_head")
    members = manifest.get("members")
    if type(members) is not dict:
        raise ValueError("members")
    for name in (DB_NAME, KEYS_NAME):
        member = members.get(name)
        if type(member) is not dict or type(member.get("size")) is not int or \
                member["size"] < 0 or type(member.get("sha256")) is not str:
            raise ValueError(name)
    summary = manifest.get("summary")
    if type(summary) is not dict or not all(type(summary.get(k)) is str
                                            for k in ("nonce", "sealed")):
        raise ValueError("summary")


def check_key(opened: Opened, key: bytes) -> dict:
    """Check the manifest's MAC and the key file's MAC with ``key``; return the summary.
    Raises BackupDamaged when either was altered."""
    if not crypto.mac_ok(_mac_key(key), opened.manifest_bytes, opened.mac):
        raise errors.BackupDamaged()
    try:
        opened.slots.verify(key)
    except errors.SlotFileTampered:
        raise errors.BackupDamaged() from None
    if opened.slots.pending or opened.slots.key_gen != opened.manifest.get("key_gen"):
        raise errors.BackupDamaged()
    sealed = opened.manifest["summary"]
    plain = crypto.unwrap(_summary_key(key), crypto.unb64(sealed["nonce"]),
                          crypto.unb64(sealed["sealed"]), opened.slots.workspace_id.encode())
    if plain is None:
        raise errors.BackupDamaged()
    return json.loads(plain)


def copy_database(opened: Opened, target: Path | None, progress: Progress | None = None) -> None:
    """Stream the database member, checking its size and SHA-256 against the manifest;
    write it to ``target`` (synced) unless target is None. Raises BackupDamaged."""
    progress = progress or _quiet
    expected = opened.manifest["members"][DB_NAME]
    total = max(1, int(expected["size"]))
    digest, size = hashlib.sha256(), 0
    out = open(target, "xb") if target is not None else None
    try:
        with _zip(opened.path) as zf, zf.open(DB_NAME) as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if out is not None:
                    out.write(chunk)
                progress(min(1.0, size / total), "Checking the backup")
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        # zipfile checks CRC-32 as it reads: damage shows here first
        raise errors.BackupDamaged() from None
    finally:
        if out is not None:
            out.close()
    if size != int(expected["size"]) or digest.hexdigest() != expected["sha256"]:
        raise errors.BackupDamaged()


def verify(path: Path, key: bytes, progress: Progress | None = None) -> tuple[dict, dict]:
    """Check a whole archive with ``key``: (manifest, summary). Raises BackupDamaged."""
    opened = read(path)
    summary = check_key(opened, key)
    copy_database(opened, None, progress)
    return opened.manifest, summary



def read_member(opened: Opened, name: str) -> bytes:
    """A small member's bytes, checked against the manifest."""
    try:
        with _zip(opened.path) as zf:
            data = zf.read(name)
    except (zipfile.BadZipFile, OSError, KeyError):
        raise errors.BackupDamaged() from None
    if hashlib.sha256(data).hexdigest() != opened.manifest["members"][name]["sha256"]:
        raise errors.BackupDamaged()
    return data


def sync_folder(folder: Path) -> None:
    """fsync every file in ``folder`` and the folder itself (before it is renamed into use)."""
    for path in Path(folder).rglob("*"):
        if path.is_file():
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def remove_folder(folder: Path) -> None:
    import shutil
    shutil.rmtree(folder, ignore_errors=True)
