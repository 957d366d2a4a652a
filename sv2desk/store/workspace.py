"""A workspace: one folder holding the encrypted database (its units of work, here) and its
key-slot file (store/keyslots.py: opening a slot, and the slots and signing keys in use).

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
from pathlib import Path

import sqlcipher3
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from .. import errors
from . import crypto, device, engine as engine_mod, leftovers, locks, migrate, rekey, sidecars
from . import set_aside as kept_copies
from .signers import Signer
from .keyslots import (RECOVERY_SLOT, KeySlots, Opened, device_secret_for, open_with_password,
                       open_with_recovery_key, read_file_slots)
from .slots import SlotFile

from .layout import DB_NAME, KEYS_NAME, exists  # noqa: F401  (exists is part of this API)


def translate(exc: Exception) -> Exception:
    """A database driver error as the typed error a person can act on (when it is one)."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "disk full" in text:
        return errors.DiskFull()
    if any(word in text for word in ("malformed", "not a database", "hmac", "corrupt")):
        return errors.WorkspaceDamaged()
    return exc


class Workspace(KeySlots):
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
        self._sync_guard = threading.RLock()     # the view sync (its own thread runs it)
        self._fsyncing = threading.Lock()        # one fsync of the log at a time
        self._syncer: threading.Thread | None = None
        self._views_wait = threading.Event()
        self._closing = threading.Event()
        self.engine = self._make_engine(master_key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.closed = False
        # Files found beside the database that were not its own, set aside as it opened
        # (sidecars.SetAside); the sign-in records each one and says so.
        self.set_aside: list = []
        # Audit signing keys unlocked here (services/audit.py signs every entry with one):
        # the signed-in person's (also under ``None`` for the recovery key), and keys made
        # here that the audit trail has yet to announce: (signer id, public key, made by).
        self._signers: dict[int | None, Signer] = {}
        self._primary: int | None = None
        self.unannounced: list[tuple[str, bytes, int | None]] = []
        self._after_commit: list[tuple[bytes, object]] = []
        # True when opened (for verify-audit only) on a database older than the audit head
        # in keys.json: nothing is then written, so the evidence stays as it was found.
        self.read_only = False

    kind = "file"      # one encrypted file on this PC ("server": store/server_workspace.py)

    def _make_engine(self, master_key: bytes):
        return engine_mod.make_engine(self.db_path, master_key)

    def _translate(self, exc: Exception) -> Exception:
        return translate(exc)

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
        recovery_seed = os.urandom(32)
        recovery = slots.make_slot(RECOVERY_SLOT, "recovery", recovery_key.encode(), master_key,
                                   signing_seed=recovery_seed)
        slots.put(recovery)
        slots.make_events_key(master_key)
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
        ws._register(None, Signer.from_seed(recovery.signer, recovery_seed), primary=True)
        ws.unannounced.append((recovery.signer, recovery.sign_public, None))
        return ws, recovery_key

    # -- opening -------------------------------------------------------------------

    @classmethod
    def unlock_with_password(cls, folder: Path, username: str, password: str,
                             slots: SlotFile | None = None, *,
                             check_head: bool = True) -> tuple["Workspace", int]:
        """Open with a staff password. Returns the workspace and the account id."""
        slots = slots or cls.read_slots(folder)
        opened = open_with_password(slots, username, password)
        ws = cls._open(folder, slots, opened.master_key, opened.device_secret,
                       check_head=check_head)
        ws._catch_up_slot(opened)
        ws.adopt(opened, username)
        return ws, opened.slot.account_id

    @classmethod
    def unlock_with_recovery(cls, folder: Path, recovery_key: str,
                             slots: SlotFile | None = None, *,
                             check_head: bool = True) -> "Workspace":
        """Open with the recovery key. On a bound workspace this also enrols this PC
        (puts the device secret into this PC's keyring) where a keyring exists."""
        slots = slots or cls.read_slots(folder)
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
        ws.adopt(opened)
        return ws

    @classmethod
    def open_opened(cls, folder: Path, slots: SlotFile, opened: Opened) -> "Workspace":
        """Open with a slot already opened from ``slots`` (a restore opens the backup's own
        slot, to check the backup, before the data is unpacked)."""
        ws = cls._open(folder, slots, opened.master_key, opened.device_secret)
        ws.adopt(opened)
        return ws

    _device_secret_for = staticmethod(device_secret_for)
    read_slots = staticmethod(read_file_slots)     # (a ServerWorkspace: the server's copy)

    @classmethod
    def _open(cls, folder: Path, slots: SlotFile, master_key: bytes,
              device_secret: bytes | None, *, check_head: bool = True) -> "Workspace":
        """``check_head=False`` is only for verify-audit, which reports a rollback itself."""
        from . import server
        if cls is Workspace and server.is_server_folder(folder):
            raise TypeError("a folder on the office server opens as a ServerWorkspace: "
                            "open it through store/opening.py")
        slots.verify(master_key)
        # Waits while a change of key or a restore has the data to itself.
        hold = locks.InUse(folder)
        set_aside = None
        try:
            with hold.alone() as alone:
                if alone:   # nobody else has it open: whatever lies beside it is left over
                    keys = [master_key]
                    if slots.pending:   # a change of key stopped part-way: either key
                        keys.append(slots.follow_links(master_key, slots.key_gen,
                                                       slots.key_gen + 1))
                    set_aside = sidecars.check(Path(folder), keys, slots.audit_head)
                    leftovers.clear(Path(folder))
                    kept_copies.expire(Path(folder))
            slots, master_key = rekey.settle(Path(folder), slots, master_key, device_secret)
            engine_mod.probe(Path(folder) / DB_NAME, master_key)
        except OSError:
            hold.release()
            raise errors.WorkspaceDamaged() from None
        except BaseException:
            hold.release()
            raise
        ws = cls(folder, master_key, slots, device_secret, hold=hold)
        with ws.engine.connect() as conn:
            ws._changes_seen = conn.connection.dbapi_connection.total_changes
            conn.rollback()
        if set_aside is not None:
            ws.set_aside.append(set_aside)
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
        100,000 clients), which still catches any byte changed on disk.

        Runs on a read-only connection of its own (a snapshot of the data as committed),
        so it can run on any thread without holding up the work on the database thread:
        signing in to the first page need not wait for it (issue 19)."""
        if self.closed:
            raise errors.NotSignedIn()
        self._check_pages(structure)
        self._pages_checked = True

    def _check_pages(self, structure: bool = True) -> None:
        try:
            conn = engine_mod.connect(self.db_path, self._master_key, readonly=True)
        except (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
            raise errors.WorkspaceDamaged() from None
        self._checking = conn     # close() interrupts it: the key leaves with the rest
        # And so that a close that comes between two of the check's statements, or just
        # before its first, stops it too (an interrupt only reaches a statement running
        # then), SQLite asks every 10,000 steps of any statement whether to go on.
        closing = self._closing
        conn.set_progress_handler(lambda: 1 if closing.is_set() else 0, 10_000)
        try:
            if self._closing.is_set():
                raise errors.NotSignedIn()
            conn.execute("PRAGMA cipher_memory_security = OFF")
            conn.execute("PRAGMA busy_timeout = 5000")
            problems = engine_mod.connection_problems(conn, structure)
        except (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
            if self._closing.is_set():    # interrupted by close(): nothing was found
                raise errors.NotSignedIn() from None
            raise errors.WorkspaceDamaged() from None
        finally:
            self._checking = None
            conn.close()
        if problems:
            raise errors.WorkspaceDamaged()

    def _migrate(self) -> None:
        migrate.upgrade(self.engine, self.backup_copy)

    def carry_kept_views(self, write) -> int:
        """Views kept on this PC while the office server was away (store/server_workspace.py):
        one PC writes its views into its own file as they happen, so it keeps none."""
        return 0

    # -- using -----------------------------------------------------------------------

    def read(self, sql: str, params: tuple = ()) -> list[tuple] | None:
        """A small read on its own (the check of someone's rights at every call): run on the
        driver's connection in SQLite's own read snapshot, without taking the write lock
        a unit of work takes. None when a unit of work is open on this thread (its own
        reads see the same data)."""
        if self.closed:
            raise errors.NotSignedIn()
        with self._lock:
            if self._depth:
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

        A unit of work that changed anything is on disk (synced) before this returns.
        One that only recorded views (audit.VIEWS: a search, a list, a case opened) is
        committed at once but synced within VIEW_SYNC_SECONDS, with any later change, and
        always before the workspace closes (sign-out, lock): see ``sync_views``.
        """
        if self.closed:
            raise errors.NotSignedIn()
        with self._lock:
            if self.closed:          # closed (locked, signed out) while this one waited
                raise errors.NotSignedIn()
            db = self._sessions()
            db.info["workspace"] = self
            relaxed = self._depth == 0 and self._relax_sync()
            self._depth += 1
            try:
                yield db
                if self.read_only:
                    db.rollback()
                    db.info.pop("audit_head", None)
                else:
                    raw = self._note_change(db)
                    views_only = (relaxed and raw is not None and self.group_views
                                  and db.info.get("views_only", False)
                                  and not db.info.get("changed_rows")
                                  and not db.info.get("announced"))
                    db.commit()
                    if raw is not None:
                        self._changes_seen = raw.total_changes
                        if views_only:
                            self._views_waiting()
                        elif self._relaxed_now:
                            # What synchronous=FULL would have done (also for a unit of
                            # work inside another, whose commit is already made).
                            self._sync_wal()
            except sa_exc.DBAPIError as exc:
                db.rollback()
                raise self._translate(exc) from None
            except BaseException:
                db.rollback()
                raise
            finally:
                self._depth -= 1
                db.close()
                if relaxed:
                    self._restore_sync()
            announced = db.info.get("announced", ())
            if announced and not self.read_only:
                self.unannounced = [k for k in self.unannounced if k[1] not in announced]
                # Only now, with their announcement committed, do new signing keys go into
                # keys.json: a crash before this leaves a key issued but never used (and
                # the old slot as it was), never a key the trail did not issue.
                due = [c for c in self._after_commit if c[0] in announced]
                self._after_commit = [c for c in self._after_commit if c[0] not in announced]
                for _, change in due:
                    self._update_slots(change)
            head = db.info.pop("audit_head", None)
            if head is not None:
                self.record_audit_head(*head)

    # -- views grouped into one sync (issue 19) ------------------------------------------
    #
    # Every audited read (a search, a page of the caseload, a case opened) commits its
    # audit entry. With synchronous=FULL each such commit waits for the disk (about 2 ms
    # quiet, 4.5 ms busy: a quarter of a search). Instead, a unit of work runs with
    # synchronous=NORMAL and, when it changed anything, syncs the log itself before
    # returning (as FULL does); when it only recorded views, the sync is left to a thread
    # that makes every view committed since durable within VIEW_SYNC_SECONDS. A later
    # change's sync covers the views before it (the log is one file, written in order), so
    # the chain on disk is always a whole prefix of the chain: a power cut loses at most
    # the last VIEW_SYNC_SECONDS of view entries, never a change. A program killed (kill
    # -9) loses nothing: its commits are already in the operating system's hands.
    # The audit head goes into keys.json only after a sync, so it is never ahead of the
    # database on disk.

    VIEW_SYNC_SECONDS = 0.1
    group_views = True          # False: every view synced at once (the benchmark compares)
    _views_unsynced = False
    _relaxed_now = False        # the connection is at synchronous=NORMAL (a unit of work)
    _checking = None            # the page check's own connection, while it runs

    def _driver(self):
        return self.engine.raw_connection()

    def _relax_sync(self) -> bool:
        """Run the coming unit of work with synchronous=NORMAL (set outside a transaction,
        as SQLite requires). False when that cannot be done now (then FULL stays), and
        on the office server (its own commits: services see no difference)."""
        if self.engine.dialect.name != "sqlite":
            return False
        fairy = self._driver()
        try:
            fairy.driver_connection.execute("PRAGMA synchronous = NORMAL")
            self._relaxed_now = True
            return True
        except sqlcipher3.dbapi2.Error:
            return False
        finally:
            fairy.close()

    def _restore_sync(self) -> None:
        self._relaxed_now = False
        if self.engine.dialect.name != "sqlite":
            return
        fairy = self._driver()
        try:
            fairy.driver_connection.execute("PRAGMA synchronous = FULL")
        except sqlcipher3.dbapi2.Error:
            pass
        finally:
            fairy.close()

    def _sync_wal(self) -> None:
        """Flush the database's log to disk (what SQLite's FULL sync does at a commit).

        The guard is held only to take the note of views waiting, not during the fsync
        (5 to 30 ms on a busy disk): a view committed meanwhile only notes that it waits,
        and is covered by this fsync if written before it starts, else by the next."""
        with self._fsyncing:
            with self._sync_guard:
                self._views_unsynced = False
            try:
                self._fsync_log()
            except BaseException:
                with self._sync_guard:
                    self._views_unsynced = True
                raise

    def _fsync_log(self) -> None:
        wal = self.db_path.with_name(self.db_path.name + "-wal")
        try:
            with open(wal, "r+b") as f:
                os.fsync(f.fileno())
        except FileNotFoundError:
            pass            # folded back into the database (a checkpoint syncs it)

    def _views_waiting(self) -> None:
        """Note that views wait to be synced; one thread per open workspace syncs them
        VIEW_SYNC_SECONDS later (started the first time, ended by close)."""
        with self._sync_guard:
            self._views_unsynced = True
            if self._syncer is None:
                self._syncer = threading.Thread(target=self._sync_views_soon, daemon=True,
                                                name="sv2desk view sync")
                self._syncer.start()
        self._views_wait.set()

    def _sync_views_soon(self) -> None:
        while not self.closed:
            self._views_wait.wait()
            self._views_wait.clear()
            if self._closing.wait(self.VIEW_SYNC_SECONDS):
                return          # closing syncs them itself
            try:
                self.sync_views()
            except Exception:   # noqa: BLE001 - tried again at the next view or at close
                pass

    def sync_views(self) -> None:
        """Make every view entry committed so far durable (the view-sync thread calls this;
        so do closing and writing the audit head)."""
        with self._sync_guard:
            waiting = self._views_unsynced
        if not waiting:
            with self._fsyncing:    # a sync under way (its views noted synced) ends first
                return
        try:
            self._sync_wal()
        except OSError:
            pass                # still noted as waiting: tried again at the next sync or close

    def queue_view(self, db, entry, write) -> bool:
        """On the office server, a view's audit entry may wait to be written with this PC's
        others (store/server_workspace.py); here it is written with its unit of work."""
        return False

    def before_audit_entry(self, db) -> None:
        """Called before an audit entry is chained: here the unit of work already holds
        the write lock (SQLite's, from its first statement)."""
        return None

    CHANGED_SETTING = "data_changed_at_seq"
    _changes_seen = 0
    _depth = 0          # transactions open (nested calls share the lock)

    def _store_new_key(self, public: bytes, change) -> None:
        """Apply ``change`` (which puts a slot with the new signing key ``public`` into
        keys.json) once a transaction has committed its announcement; at once when no
        transaction is open here (the announcement then rides on the next one)."""
        if self._depth:
            self._after_commit.append((public, change))
        else:
            self._update_slots(change)

    def _note_change(self, db):
        """When this transaction changed anything besides audit entries, remember (in the
        database) the audit entry it reached, so the backup at sign-out knows whether
        anything changed since the last backup. Returns the driver connection (None when
        the transaction never touched the database)."""
        if not db.in_transaction():
            return None
        raw = db.connection().connection.dbapi_connection
        changed = raw.total_changes - self._changes_seen - db.info.get("audit_rows", 0)
        db.info["changed_rows"] = changed
        if changed > 0 and not db.info.get("bookkeeping"):
            head = db.info.get("audit_head")
            seq = head[0] if head else (db.execute(text(
                "SELECT coalesce(max(seq), 0) FROM audit_log")).scalar() or 0)
            db.execute(text("INSERT INTO settings (key, value, version) VALUES (:k, :v, 1) "
                            "ON CONFLICT (key) DO UPDATE SET value = :v, version = version + 1"),
                       {"k": self.CHANGED_SETTING, "v": str(seq)})
        return raw

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
        self.sync_views()       # never a head in keys.json ahead of the database on disk

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
        # The desktop's database thread may be in a unit of work: closing waits for it
        # (every unit of work holds this lock), and the ones waiting behind it are refused.
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self.closed:
            return
        self._closing.set()
        self._views_wait.set()
        checking = self._checking
        if checking is not None:      # a page check on its own connection: stop it
            try:
                checking.interrupt()
            except sqlcipher3.dbapi2.Error:
                pass
        if self._syncer is not None and self._syncer is not threading.current_thread():
            self._syncer.join(5)
        try:
            self.sync_views()
        except OSError:
            pass    # the checkpoint below syncs the log too
        try:
            self.flush_audit_head()
        except errors.SV2Error:
            pass  # keys.json could not be written (a full disk): the head stays a little behind
        self.closed = True
        try:
            # Fold the log back into the database, so a clean close leaves no -wal beside
            # it (SQLite then deletes it as the last connection closes).
            with self.engine.connect() as conn:
                conn.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:   # damaged or busy: closing goes on regardless
            pass
        self.engine.dispose()
        self._master_key = b""
        self._device_secret = None
        self._signers = {}
        self.hold.release()
