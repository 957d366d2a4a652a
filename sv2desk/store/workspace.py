"""A workspace: one folder holding the encrypted database and its key-slot file.

    <folder>/sv2desk.db     SQLCipher 4 database (plus -wal and -shm while open)
    <folder>/keys.json      key slots, device binding, audit-chain head (see slots.py)
    <folder>/signin.json    failed sign-in counters (see signin_state.py)
    <folder>/backups/       encrypted copies taken before a schema migration
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.orm import Session as OrmSession, sessionmaker

from .. import errors
from . import crypto, device, engine as engine_mod, locks, migrate, rekey, swap
from .slots import Slot, SlotFile, password_bytes

from .layout import DB_NAME, KEYS_NAME, exists  # noqa: F401  (exists is part of this API)
RECOVERY_SLOT = "recovery"


def account_slot_id(account_id: int) -> str:
    return f"account-{account_id}"


def read_slots(folder: Path) -> SlotFile:
    folder = Path(folder)
    swap.finish_interrupted(folder)   # a restore stopped between its two renames
    if not (folder / DB_NAME).exists():
        raise errors.WorkspaceNotFound()
    return SlotFile.load(folder / KEYS_NAME)


@dataclass(frozen=True)
class Opened:
    """A key slot opened with its secret: the current master key and what opened it."""

    slot: Slot
    kek: bytes = field(repr=False)
    master_key: bytes = field(repr=False)
    device_secret: bytes | None = field(repr=False, default=None)


def open_with_password(slots: SlotFile, username: str, password: str) -> Opened:
    """Open ``username``'s slot (in the workspace's keys.json, or a backup's)."""
    slot = slots.find_user(username)
    if slot is None:
        crypto.derive_key(b"no such account", b"\0" * 16, slots.kdf)  # same wait either way
        raise errors.WrongPassword()
    if slot.kind == "disabled":
        raise errors.AccountDisabled()
    if slot.kind == "reset":
        raise errors.PasswordResetNeeded()
    device_secret = Workspace._device_secret_for(slots) if slot.bound else None
    opened = slots.unlock(slot, password_bytes(password), device_secret)
    if opened is None:
        raise errors.WrongPassword()
    return Opened(slot, opened[0], opened[1], device_secret)


def open_with_recovery_key(slots: SlotFile, recovery_key: str) -> Opened:
    """Open the recovery slot; on bound data, also recover the device secret."""
    key = crypto.normalise_recovery_key(recovery_key)
    if key is None:
        raise errors.WrongRecoveryKey()
    slot = slots.recovery_slot()
    opened = slots.unlock(slot, key.encode(), None)
    if opened is None:
        raise errors.WrongRecoveryKey()
    device_secret = None
    if slots.bound:
        slots.verify(opened[1])
        device_secret = slots.device_secret_from_master(opened[1])
    return Opened(slot, opened[0], opened[1], device_secret)


def translate(exc: Exception) -> Exception:
    """A database driver error as the typed error a person can act on (when it is one)."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "disk full" in text:
        return errors.DiskFull()
    if any(word in text for word in ("malformed", "not a database", "hmac", "corrupt")):
        return errors.WorkspaceDamaged()
    return exc


class Workspace:
    """An open (unlocked) workspace. Holds the master key while open."""

    def __init__(self, folder: Path, master_key: bytes, slots: SlotFile,
                 device_secret: bytes | None, *, hold: locks.InUse | None = None):
        self.folder = Path(folder)
        # Held while open: a restore or a change of key waits for everyone to close.
        self.hold = hold or locks.InUse(self.folder)
        self._master_key = master_key
        self.slots = slots
        self._device_secret = device_secret
        self._lock = threading.RLock()
        self.engine = engine_mod.make_engine(self.db_path, master_key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.closed = False
        # True when opened (for verify-audit only) on a database older than the audit head
        # in keys.json: nothing is then written, so the evidence stays as it was found.
        self.read_only = False

    # -- paths -------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def keys_path(self) -> Path:
        return self.folder / KEYS_NAME

    @property
    def bound(self) -> bool:
        return self.slots.bound

    # -- creating ------------------------------------------------------------------

    @classmethod
    def create(cls, folder: Path, *, bind_to_pc: bool = False,
               kdf: crypto.KdfParams | None = None) -> tuple["Workspace", str]:
        """A new, empty workspace. Returns it open, with the recovery key (shown once)."""
        folder = Path(folder)
        if exists(folder):
            raise errors.WorkspaceExists()
        if bind_to_pc and not device.backend_available():
            raise errors.KeyringUnavailable()
        folder.mkdir(parents=True, exist_ok=True)
        master_key = os.urandom(crypto.KEY_BYTES)
        slots = SlotFile.new(kdf or crypto.calibrate())
        recovery_key = crypto.new_recovery_key()
        slots.put(slots.make_slot(RECOVERY_SLOT, "recovery", recovery_key.encode(), master_key))
        device_secret = None
        if bind_to_pc:
            device_secret = device.new_secret()
            device.store_secret(slots.workspace_id, device_secret)
            # A keyring that takes the secret but cannot give it back would lock every
            # staff password out: treat it as no keyring.
            if device.load_secret(slots.workspace_id) != device_secret:
                raise errors.KeyringUnavailable()
            slots.bind(device_secret, master_key)
        conn = engine_mod.connect(folder / DB_NAME, master_key)
        conn.execute(f"PRAGMA application_id = {engine_mod.APPLICATION_ID}")
        conn.close()
        slots.save(folder / KEYS_NAME, master_key)
        ws = cls(folder, master_key, slots, device_secret)
        ws._migrate()
        return ws, recovery_key

    # -- opening -------------------------------------------------------------------

    @classmethod
    def unlock_with_password(cls, folder: Path, username: str, password: str,
                             slots: SlotFile | None = None, *,
                             check_head: bool = True) -> tuple["Workspace", int]:
        """Open with a staff password. Returns the workspace and the account id."""
        slots = slots or read_slots(folder)
        opened = open_with_password(slots, username, password)
        ws = cls._open(folder, slots, opened.master_key, opened.device_secret,
                       check_head=check_head)
        ws._catch_up_slot(opened)
        return ws, opened.slot.account_id

    @classmethod
    def unlock_with_recovery(cls, folder: Path, recovery_key: str,
                             slots: SlotFile | None = None, *,
                             check_head: bool = True) -> "Workspace":
        """Open with the recovery key. On a bound workspace this also enrols this PC
        (puts the device secret into this PC's keyring) where a keyring exists."""
        slots = slots or read_slots(folder)
        opened = open_with_recovery_key(slots, recovery_key)
        if opened.device_secret is not None:
            device_secret = opened.device_secret
            if device.backend_available() and device.load_secret(slots.workspace_id) != device_secret:
                try:
                    device.store_secret(slots.workspace_id, device_secret)
                except errors.KeyringUnavailable:
                    pass  # enrolling is a bonus: the recovery key opens the data regardless
        ws = cls._open(folder, slots, opened.master_key, opened.device_secret,
                       check_head=check_head)
        ws._catch_up_slot(opened)
        return ws

    @classmethod
    def open_opened(cls, folder: Path, slots: SlotFile, opened: Opened) -> "Workspace":
        """Open with a slot already opened from ``slots`` (a restore opens the backup's own
        slot, to check the backup, before the data is unpacked)."""
        return cls._open(folder, slots, opened.master_key, opened.device_secret)

    @staticmethod
    def _device_secret_for(slots: SlotFile) -> bytes:
        if not slots.bound:  # a bound slot in a file without a binding: the file was edited
            raise errors.SlotFileTampered()
        secret = device.load_secret(slots.workspace_id)
        if secret is None:
            raise errors.DeviceNotEnrolled()
        if SlotFile.device_check(secret) != slots.device["check"]:
            raise errors.DeviceKeyMismatch()
        return secret

    @classmethod
    def _open(cls, folder: Path, slots: SlotFile, master_key: bytes,
              device_secret: bytes | None, *, check_head: bool = True) -> "Workspace":
        """``check_head=False`` is only for verify-audit, which reports a rollback itself."""
        slots.verify(master_key)
        # Waits while a change of key or a restore has the data to itself.
        hold = locks.InUse(folder)
        try:
            slots, master_key = rekey.settle(Path(folder), slots, master_key, device_secret)
            engine_mod.probe(Path(folder) / DB_NAME, master_key)
        except BaseException:
            hold.release()
            raise
        ws = cls(folder, master_key, slots, device_secret, hold=hold)
        try:
            if ws.db_path.stat().st_size <= cls.CHECK_ON_OPEN_BYTES:
                ws.check_pages()
            ws._migrate()
            try:
                ws.check_audit_head()
            except errors.WorkspaceRolledBack:
                if check_head:
                    raise
                # Writing here would fork the chain and, once it grew past the head,
                # move the head in keys.json onto the old copy: the rollback would vanish.
                ws.read_only = True
        except BaseException:
            ws.close()
            raise
        return ws

    # Every page is checked (SQLCipher's HMACs and SQLite's structure) while the data is
    # opened when the file is up to this size. A larger file would make sign-in slow
    # (about 2.6 s at 100,000 clients), so it is opened at once and checked straight after
    # on the database thread (see services.auth.check_pages). Either way, a damaged page is
    # never read as data: SQLCipher checks each page's HMAC whenever it reads it.
    CHECK_ON_OPEN_BYTES = 48 * 1024 * 1024

    @property
    def pages_checked(self) -> bool:
        return getattr(self, "_pages_checked", False)

    def check_pages(self, structure: bool = True) -> None:
        """Read and check every page; WorkspaceDamaged if any is wrong. Without
        ``structure`` only SQLCipher's page HMACs are checked (a quarter of the time at
        100,000 clients), which still catches any byte changed on disk."""
        with self._lock:
            self._check_pages(structure)
            self._pages_checked = True

    def _check_pages(self, structure: bool = True) -> None:
        try:
            problems = engine_mod.integrity_problems(self.engine, structure)
        except (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
            raise errors.WorkspaceDamaged() from None
        except Exception as exc:  # SQLAlchemy wraps driver errors
            if "DatabaseError" in type(exc).__name__ or "database" in str(exc).lower():
                raise errors.WorkspaceDamaged() from None
            raise
        if problems:
            raise errors.WorkspaceDamaged()

    def _migrate(self) -> None:
        migrate.upgrade(self.engine, self.backup_copy)

    # -- using -----------------------------------------------------------------------

    def read(self, sql: str, params: tuple = ()) -> list[tuple] | None:
        """A small read on its own (the check of someone's rights at every call): run on the
        driver's connection in SQLite's own read snapshot, without taking the write lock
        a unit of work takes. None when a unit of work is open on this thread (its own
        reads see the same data)."""
        if self.closed:
            raise errors.NotSignedIn()
        with self._lock:
            if getattr(self, "_in_transaction", False):
                return None
            fairy = self.engine.raw_connection()
            try:
                cursor = fairy.driver_connection.cursor()
                cursor.execute(sql, params)
                return cursor.fetchall()
            except sqlcipher3.dbapi2.Error as exc:
                raise translate(exc) from None
            finally:
                fairy.close()

    @contextmanager
    def transaction(self):
        """One unit of work: an ORM session committed at the end (or rolled back).

        Audit entries appended inside it move the audit-chain head in keys.json
        once the transaction has committed. On a read-only workspace (see
        ``read_only``) the work is rolled back instead of committed.
        """
        if self.closed:
            raise errors.NotSignedIn()
        with self._lock:
            db = self._sessions()
            outer, self._in_transaction = getattr(self, "_in_transaction", False), True
            try:
                yield db
                if self.read_only:
                    db.rollback()
                    db.info.pop("audit_head", None)
                else:
                    db.commit()
            except sa_exc.DBAPIError as exc:
                db.rollback()
                raise translate(exc) from None
            except BaseException:
                db.rollback()
                raise
            finally:
                db.close()
                self._in_transaction = outer
            head = db.info.pop("audit_head", None)
            if head is not None:
                self.record_audit_head(*head)

    # keys.json is rewritten (and synced to disk) at most this often for the audit head
    # alone, and always when the workspace closes: rewriting it after every view cost
    # about 13 ms a call. A database rolled back within the last few seconds of activity
    # is therefore not noticed; anything older is.
    HEAD_WRITE_SECONDS = 5.0

    def record_audit_head(self, seq: int, digest: str, *, now: float | None = None) -> None:
        if self.read_only or seq <= int(self.slots.audit_head.get("seq", 0)):
            return
        self._pending_head = (seq, digest)
        now = time.monotonic() if now is None else now
        if now - getattr(self, "_head_written", -1e9) >= self.HEAD_WRITE_SECONDS:
            self.flush_audit_head(now)

    def flush_audit_head(self, now: float | None = None) -> None:
        """Write the newest audit head to keys.json (if it moved since the last write)."""
        pending = getattr(self, "_pending_head", None)
        if pending is None or self.read_only:
            return
        seq, digest = pending

        def move_head(slots: SlotFile) -> None:
            if seq > int(slots.audit_head.get("seq", 0)):
                slots.audit_head = {"seq": seq, "hash": digest}
        self._update_slots(move_head)
        self._pending_head = None
        self._head_written = time.monotonic() if now is None else now

    def _update_slots(self, change) -> None:
        """Apply ``change`` to keys.json as it is on disk now (another SV2 Desk window or the
        admin command line may have changed it since this one opened), then save it."""
        with self._lock, locks.keys_update(self.folder):
            try:
                fresh = SlotFile.load(self.keys_path)
                fresh.verify(self._master_key)
                if fresh.workspace_id != self.slots.workspace_id:
                    raise errors.SlotFileTampered()
            except errors.SV2Error:
                fresh = self.slots
            change(fresh)
            fresh.save(self.keys_path, self._master_key)
            self.slots = fresh

    def check_audit_head(self) -> None:
        """Refuse a database older than the audit head recorded in keys.json."""
        head = self.slots.audit_head
        if not head.get("seq"):
            return
        with self.engine.connect() as conn:
            row = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"),
                               {"s": head["seq"]}).fetchone()
            conn.rollback()
        if row is None or row[0] != head["hash"]:
            raise errors.WorkspaceRolledBack()

    # -- key slots (the master key is in memory while open) ---------------------------

    def set_password_slot(self, account_id: int, username: str, password: str) -> None:
        """Create or rewrap the slot for an account."""
        self._refuse_if_read_only()
        slot = self.slots.make_slot(account_slot_id(account_id), "account",
                                    password_bytes(password), self._master_key,
                                    account_id=account_id, username=username,
                                    device_secret=self._device_secret)
        self._update_slots(lambda slots: slots.put(slot))

    def disable_slot(self, account_id: int, username: str) -> None:
        """Delete an account's slot, leaving a tombstone so sign-in can say why."""
        from .slots import Slot
        self._refuse_if_read_only()
        tombstone = Slot(id=account_slot_id(account_id), kind="disabled",
                         account_id=account_id, user_tag=self.slots.user_tag(username))
        self._update_slots(lambda slots: slots.put(tombstone))

    def _catch_up_slot(self, opened: "Opened") -> None:
        """A slot made before a change of key is rewrapped under the current key the first
        time it opens (its KEK is known now), and links nobody needs any more go. If that
        cannot be saved now (a full disk), the workspace is closed and the error raised:
        the slot still opens through the link next time."""
        if self.read_only or opened.slot.gen >= self.slots.key_gen:
            return

        def catch_up(slots: SlotFile) -> None:
            on_disk = next((s for s in slots.slots if s.id == opened.slot.id), None)
            # Rewrap only the slot that was opened (not one an administrator reset meanwhile).
            if on_disk is not None and on_disk.wrapped == opened.slot.wrapped:
                slots.put(slots.rewrap(on_disk, opened.kek, self._master_key))
                slots.prune_links()
        try:
            self._update_slots(catch_up)
        except BaseException:
            self.close()
            raise

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise errors.WorkspaceRolledBack()

    def password_matches(self, account_id: int, password: str) -> bool:
        """A real check of a password against the account's key slot."""
        slot = self.slots.find_account(account_id)
        if slot is None or slot.kind != "account":
            return False
        try:
            return self.slots.open_slot(slot, password_bytes(password),
                                        self._device_secret) == self._master_key
        except errors.DeviceNotEnrolled:
            return False

    # -- files ---------------------------------------------------------------------------

    def backup_copy(self, label: str) -> Path:
        """An encrypted copy of the database (same key) in backups/."""
        target_dir = self.folder / "backups"
        target_dir.mkdir(exist_ok=True)
        target = target_dir / f"{label}.db"
        with self._lock, self.engine.connect() as conn:
            # On the driver connection, outside a transaction: SQLAlchemy would open one
            # (BEGIN IMMEDIATE), and a checkpoint inside a transaction cannot run.
            busy = conn.connection.dbapi_connection.execute(
                "PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy:  # another program holds the data open: the file alone is not complete
                raise errors.WorkspaceInUse()
            shutil.copyfile(self.db_path, target)
        return target

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.flush_audit_head()
        except errors.SV2Error:
            pass  # keys.json could not be written (a full disk): the head stays a little behind
        self.closed = True
        self.engine.dispose()
        self._master_key = b""
        self._device_secret = None
        self.hold.release()
