"""The files SQLite reads beside the database when it opens it (``-wal``, ``-shm``,
``-journal``), checked before SQLite can see them.

SQLite applies a write-ahead log it finds beside the database, whatever its origin: an
old ``-wal`` put back by a sync tool, a file restore or an antivirus quarantine would
overwrite committed pages with old ones (and be deleted once applied). So, whenever
nobody else has the data open, anything beside the database is looked at first:

- a ``-journal`` is never SV2 Desk's own (the database is always in WAL mode): set aside;
- a ``-shm`` without a ``-wal`` is left over or foreign (SQLite rebuilds it): set aside;
- a ``-wal`` is tried on a copy of the database in a scratch folder inside the data
  folder (everything there stays encrypted, and the folder is removed afterwards): it is
  the database's own only if, applied to the copy, every page passes SQLCipher's HMAC
  check and SQLite's structure check, and the audit trail it gives still holds the
  database's own last entry and the head recorded in keys.json (entries are only ever
  appended, so the log a crash left behind extends both; an older or foreign one does
  not). Otherwise it is set aside, with its ``-shm``.

"Set aside" means renamed, untouched, into ``set-aside/<date and time>/`` inside the data
folder, where store/set_aside.py lists it and removes it after the set time.
"""

from __future__ import annotations

import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from . import engine as engine_mod, swap
from .atomic_write import _fsync_dir
from .layout import DB_NAME

SET_ASIDE = "set-aside"
SCRATCH_PREFIX = ".wal-check-"
WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER = 32

SET_ASIDE_MESSAGE = (
    "SV2 Desk found a file beside its data ({names}) that did not belong to it (a sync "
    "tool, a file restore or antivirus software may have put it back). It has been put "
    "aside unread, in the set-aside folder inside the data folder, and the data opened as "
    "it was last saved: nothing that was saved has been lost. Tell your administrator.")


@dataclass(frozen=True)
class SetAside:
    names: tuple[str, ...]      # the file names as they were beside the database
    folder: Path                # where they are now

    @property
    def message(self) -> str:
        return SET_ASIDE_MESSAGE.format(names=", ".join(self.names))


def _present(path: Path) -> bool:
    return os.path.lexists(path)


def _wal_header_ok(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            header = handle.read(WAL_HEADER)
    except OSError:
        return False
    if len(header) < WAL_HEADER:
        return False
    magic, version, page_size = struct.unpack(">III", header[:12])
    return magic in WAL_MAGIC and version == 3007000 and page_size == 4096


def _last_entry(conn) -> tuple[int, str] | None:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, "")


def _hash_at(conn, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


def _chain_end_alone(db: Path, key: bytes) -> tuple[int, str] | None:
    """The last audit entry of the database file on its own (None when it cannot be read
    alone, as after a crash part-way through a checkpoint)."""
    try:
        conn = engine_mod.connect(db, key, create=False)
    except sqlcipher3.Error:
        return None
    try:
        return _last_entry(conn)
    except sqlcipher3.Error:
        return None
    finally:
        conn.close()


def _log_belongs(folder: Path, key: bytes, audit_head: dict) -> bool:
    """Apply the -wal to a scratch copy of the database and judge the result."""
    scratch = folder / f"{SCRATCH_PREFIX}{os.urandom(6).hex()}"
    scratch.mkdir()
    try:
        copy = scratch / DB_NAME
        shutil.copyfile(folder / DB_NAME, copy)
        alone = _chain_end_alone(copy, key)
        for end in ("-wal", "-shm"):
            Path(f"{copy}{end}").unlink(missing_ok=True)
        shutil.copyfile(folder / f"{DB_NAME}-wal", f"{copy}-wal")
        try:
            conn = engine_mod.connect(copy, key, create=False)
        except sqlcipher3.Error:
            return False
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if conn.execute("PRAGMA application_id").fetchone()[0] != engine_mod.APPLICATION_ID:
                return False
            if [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")]:
                return False
            if [r[0] for r in conn.execute("PRAGMA quick_check")] != ["ok"]:
                return False
            if alone is not None and alone[0] and _hash_at(conn, alone[0]) != alone[1]:
                return False
            seq = int(audit_head.get("seq", 0) or 0)
            if seq and _hash_at(conn, seq) != audit_head.get("hash"):
                return False
            return True
        except sqlcipher3.Error:
            return False
        finally:
            conn.close()
    except OSError:
        return False   # no room for the copy: judged foreign, and kept (set aside) untouched
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _set_aside(folder: Path, names: list[str]) -> SetAside:
    target = folder / SET_ASIDE / swap.stamp()
    target.mkdir(parents=True)
    for name in names:
        os.rename(folder / name, target / name)
    _fsync_dir(target)
    _fsync_dir(folder)
    return SetAside(tuple(names), target)


def check(folder: Path, keys: list[bytes], audit_head: dict) -> SetAside | None:
    """Set aside whatever beside the database is not its own current journal. Call only
    while nobody else has the data open (the in-use lock held exclusively). Returns what
    was set aside, or None when nothing was."""
    folder = Path(folder)
    db = folder / DB_NAME
    wal, shm, journal = (folder / f"{DB_NAME}{end}" for end in ("-wal", "-shm", "-journal"))
    foreign = []
    if _present(journal):
        foreign.append(journal.name)
    if _present(wal):
        if not wal.is_file() or wal.is_symlink():
            foreign.append(wal.name)
        elif wal.stat().st_size == 0:
            pass        # an empty log: nothing in it to apply (SQLite starts it again)
        elif not db.is_file() or not _wal_header_ok(wal) or not any(
                _log_belongs(folder, key, audit_head) for key in keys):
            foreign.append(wal.name)
    if _present(shm) and (wal.name in foreign or not _present(wal)):
        foreign.append(shm.name)
    if not foreign:
        return None
    return _set_aside(folder, foreign)


def clear_scratch(folder: Path) -> None:
    """Scratch copies left by a check that was killed part-way (encrypted; frees space)."""
    for path in Path(folder).glob(f"{SCRATCH_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
