"""A workspace whose data lives on the office server (PostgreSQL): the same services, the
same key slots and signed audit trail as a one-PC workspace, on the server's database.

What differs from a one-PC workspace, and where:
- the engine connects over verified TLS with this PC's login from the keyring (server.py);
- special-category text is sealed on this PC before it is sent (sealing.py);
- every unit of work first takes one advisory lock (as SQLite's BEGIN IMMEDIATE takes the
  write lock), so the audit trail stays one chain with several PCs writing, and names who
  is acting, for the row-level security (migration 0010); except the operations that only
  look (READS): they take no lock, and their view entries wait on this PC to be written
  together, in one locked unit of work, at most VIEW_WRITE_SECONDS later and always before
  this PC's next change and before sign-out, lock or close (as one PC groups its views
  into one sync: a PC killed loses at most that window of views, never a change);
- the key slots' master copy is a row on the server (``key_file``), changed under a row
  lock; this PC keeps a copy in keys.json with the audit head it last saw, so a server
  database put back to an older copy of itself is noticed here as on one PC;
- the schema is upgraded by the administrator with the owner's password, never by a PC
  (a PC's login cannot change the schema).
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import exc as orm_exc

from .. import errors
from . import locks, migrate, server
from .acting import ACTING, OPERATION
from .sealing import Sealer
from .slots import SlotFile
from .workspace import Workspace



def _login(folder: Path) -> tuple[server.ServerAddress, dict]:
    address = server.load_address(folder)
    ca = server.pinned_ca(folder, address)
    args = server.connect_args(address.host, address.port, address.database, address.login,
                               server.login_password(address), ca)
    return address, args


def fetch_slots(folder: Path, keep_connection: bool = False) -> SlotFile:
    """The key slots, from the server (before anyone has signed in: they are wrapped).

    ``keep_connection`` (a sign-in): the connection that read them, and the schema revision
    read with them in the same statement, are handed to the workspace opened next on this
    folder (``_Handover``), so a sign-in makes one TLS connection and asks the schema once,
    instead of two connections and a second question."""
    _, args = _login(folder)
    conn = server.raw_connect(args)
    try:
        row = conn.execute("SELECT (SELECT body FROM key_file WHERE id = 1), "
                           "(SELECT version_num FROM alembic_version LIMIT 1)").fetchone()
        conn.rollback()
    except psycopg.Error:
        conn.close()
        raise errors.ServerSchemaOutOfDate() from None
    except BaseException:
        conn.close()
        raise
    if row is None or row[0] is None:
        conn.close()
        raise errors.WorkspaceNotFound()
    if keep_connection:
        HANDOVER.give(folder, conn, row[1])
    else:
        conn.close()
    return SlotFile.loads(bytes(row[0]))


class _Handover:
    """The one connection a sign-in's slots read leaves for the workspace it opens next on
    the same folder, with the schema revision it saw. Taken once; closed when the sign-in
    fails (``drop``: a wrong password leaves no connection open), when another read
    replaces it, or when it is older than ``MAX_AGE`` seconds."""

    MAX_AGE = 30.0

    def __init__(self):
        self._lock = threading.Lock()
        self._held = None          # (folder, connection, revision, when)

    def give(self, folder: Path, conn, revision: str | None) -> None:
        with self._lock:
            old, self._held = self._held, (Path(folder), conn, revision, time.monotonic())
        if old is not None:
            old[1].close()

    def take(self, folder: Path):
        """(connection, revision) left for ``folder``, or None."""
        with self._lock:
            held, self._held = self._held, None
        if held is None:
            return None
        kept_for, conn, revision, when = held
        if kept_for != Path(folder) or time.monotonic() - when > self.MAX_AGE \
                or conn.closed or conn.broken:
            conn.close()
            return None
        return conn, revision

    def drop(self, folder: Path) -> None:
        """Close what is left for ``folder`` (a sign-in that did not open it)."""
        handed = self.take(folder)
        if handed is not None:
            handed[0].close()


HANDOVER = _Handover()


# The service operations that only look (a search, a page of a list, a case opened, the
# queue): their units of work run without the write lock, so PCs looking at once do not
# wait for each other. Should one write after all, the lock is taken before its first
# write (``_lock_before_writing``), so the audit trail stays one chain regardless.
READS = frozenset({
    "accounts.get_own", "accounts.list", "caseload.list", "caseload.rows", "caseload.search",
    "caseload.workers", "cases.open", "concerns.for_case", "concerns.view",
    "connections.count", "connections.open_flags", "connections.view", "letters.open",
    "reports.dashboard", "retention.due", "reviews.count", "reviews.queue", "settings.read",
    "signposting.search",
})

_WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "WITH")


class ServerWorkspace(Workspace):
    kind = "server"

    # View entries wait on this PC at most this long before they are written to the server.
    VIEW_WRITE_SECONDS = 0.1

    def __init__(self, folder, master_key, slots, device_secret, *, hold=None):
        self.address, self._args = _login(folder)
        self._whole = threading.local()
        self._views: list = []                 # (entry, writer) waiting to be written
        self._views_lock = threading.Lock()    # the list
        self._views_writing = threading.Lock()   # one write of them at a time
        self._head_lock = threading.Lock()
        self._views_due = threading.Event()
        self._views_stop = threading.Event()
        self._views_thread: threading.Thread | None = None
        super().__init__(folder, master_key, slots, device_secret, hold=hold)
        event.listen(self._sessions, "after_begin", self._begin_unit)

    def _make_engine(self, master_key: bytes):
        handed = HANDOVER.take(self.folder)
        self._handed_revision = handed[1] if handed else None
        engine = server.make_engine(self._args, first=handed[0] if handed else None)
        engine.dialect.sv2_sealer = Sealer(master_key)
        event.listen(engine, "before_cursor_execute", self._lock_before_writing)
        event.listen(engine, "after_cursor_execute", self._saw_statement)
        event.listen(engine, "commit", self._unit_ended)
        event.listen(engine, "rollback", self._unit_ended)
        return engine

    def _lock_before_writing(self, conn, cursor, statement, _params, _context, _many) -> None:
        """In a unit of work that began without the write lock (READS), take it before the
        first statement that writes."""
        if conn.info.get("sv2_unlocked") and \
                statement.lstrip()[:6].upper().startswith(_WRITES):
            self._take_lock(conn, cursor.connection)

    def _saw_statement(self, conn, _cursor, statement, _params, _context, _many) -> None:
        """Notes, per connection, that the unit of work changed rows other than audit
        entries (what the backup at sign-out asks), without asking the server."""
        head = statement.lstrip()[:40].upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE")) and "AUDIT_LOG" not in head:
            conn.info["sv2_changed"] = True

    # -- opening -------------------------------------------------------------------------

    read_slots = staticmethod(fetch_slots)      # the master copy, on the server

    @classmethod
    def _open(cls, folder, slots, master_key, device_secret, *, check_head=True):
        slots.verify(master_key)
        hold = locks.InUse(folder)
        try:
            ws = cls(folder, master_key, slots, device_secret, hold=hold)
        except BaseException:
            hold.release()
            raise
        try:
            ws._migrate()
            ws._carry_local_head()
            try:
                ws.check_audit_head()
            except errors.WorkspaceRolledBack:
                if check_head:
                    raise
                ws.read_only = True
            ws.flush_audit_head()
        except BaseException:
            ws.close()
            raise
        return ws

    def carry_kept_views(self, write) -> int:
        """The views kept on this PC from a session that closed while the server was away,
        written with ``write`` (the chain's own writer, services/audit_trail.write_views:
        the store does not import the services) before anything the sign-in records."""
        if self.read_only or self.unannounced:
            return 0
        return carry_kept_views(self, write)

    def _carry_local_head(self) -> None:
        """The audit head this PC last saw (its keys.json copy), when newer than the
        server's copy says: a server put back to an older copy is then refused."""
        try:
            local = SlotFile.load(self.keys_path)
            local.verify(self._master_key)
        except errors.SV2Error:
            local = None
        if local is not None and local.workspace_id == self.slots.workspace_id:
            if int(local.audit_head.get("seq", 0)) > int(self.slots.audit_head.get("seq", 0)):
                self.slots.audit_head = dict(local.audit_head)
        self._pending_head = (int(self.slots.audit_head.get("seq", 0)),
                              self.slots.audit_head.get("hash", ""))

    def _migrate(self) -> None:
        """A PC never changes the server's schema: it checks it is the one it knows."""
        current, self._handed_revision = self._handed_revision, None
        if current is None:         # not read with the slots just now: ask
            try:
                current = migrate.current_revision(self.engine)
            except sa_exc.DBAPIError as exc:
                raise self._translate(exc) from None
        if current != migrate.head_revision():
            raise errors.ServerSchemaOutOfDate()

    @property
    def pages_checked(self) -> bool:
        return True      # the server checks its own pages (data checksums, if turned on)

    def check_pages(self, structure: bool = True) -> None:
        return None

    def backup_copy(self, label: str):
        raise errors.NotOnServer()

    # -- units of work ---------------------------------------------------------------------

    def _begin_unit(self, db, transaction, connection) -> None:
        acting = ACTING.get()
        account = self._primary if acting is ... else acting
        actor = "" if account is None else str(int(account))
        scope = "all" if getattr(self._whole, "on", False) else ""
        connection.info.pop("sv2_changed", None)
        driver = connection.connection.driver_connection
        if OPERATION.get() in READS and self._depth <= 1:
            # A look runs statement by statement (autocommit): no BEGIN and no COMMIT, two
            # round trips fewer. Under READ COMMITTED each statement sees the newest
            # committed data either way. Who is acting is set for the connection (not the
            # transaction), and only when it differs from what the connection already has.
            connection.info["sv2_unlocked"] = True
            if driver.info.transaction_status == TransactionStatus.IDLE:
                driver.autocommit = True
            if driver.autocommit and connection.info.get("sv2_settings") == (actor, scope):
                return
            local = not driver.autocommit
            connection.exec_driver_sql(
                "SELECT set_config('sv2desk.account_id', %s, %s), "
                "set_config('sv2desk.scope', %s, %s)", (actor, local, scope, local))
            connection.info["sv2_settings"] = None if local else (actor, scope)
            return
        connection.info.pop("sv2_unlocked", None)
        if driver.autocommit:           # never a change outside one transaction
            driver.autocommit = False
        connection.exec_driver_sql(
            "SELECT set_config('sv2desk.account_id', %s, true), "
            "set_config('sv2desk.scope', %s, true), pg_advisory_xact_lock(%s)",
            (actor, scope, server.WRITE_LOCK))

    @staticmethod
    def _take_lock(conn, driver) -> None:
        """A look that writes after all: from here on, one transaction holding the lock
        (who is acting was set for the connection, so it holds in it)."""
        conn.info.pop("sv2_unlocked", None)
        if driver.autocommit:
            driver.autocommit = False
        driver.execute("SELECT pg_advisory_xact_lock(%s)", (server.WRITE_LOCK,))

    @staticmethod
    def _unit_ended(conn) -> None:
        if conn.invalidated:
            return      # the connection was lost mid-unit (its notes went with it)
        conn.info.pop("sv2_unlocked", None)
        driver = conn.connection.driver_connection
        if driver is not None and driver.autocommit:
            driver.autocommit = False       # a look's statements have all run

    def record_audit_head(self, seq: int, digest: str, *, now: float | None = None) -> None:
        """Only ever forward (the view entries are written on a thread of their own)."""
        with self._head_lock:
            pending = getattr(self, "_pending_head", None)
            if pending is not None and seq <= pending[0]:
                return
            super().record_audit_head(seq, digest, now=now)

    def before_audit_entry(self, db) -> None:
        """An entry is about to be chained: the unit must hold the write lock by now."""
        conn = db.connection()
        if conn.info.get("sv2_unlocked"):
            self._take_lock(conn, conn.connection.driver_connection)

    # -- views written together (issue 14) --------------------------------------------------

    def queue_view(self, db, entry, write) -> bool:
        """A view's audit entry made in a unit of work without the write lock waits on this
        PC, to be written with the others in one locked unit of work (``write_views``); it
        joins the queue only once its own unit of work has ended without error."""
        conn = db.connection()
        if not conn.info.get("sv2_unlocked") or self.read_only:
            return False
        db.info.setdefault("sv2_views", []).append((entry, write))
        return True

    def _views_made(self, views) -> None:
        with self._views_lock:
            self._views.extend(views)
            if self._views_thread is None and not self.closed:
                self._views_thread = threading.Thread(
                    target=self._write_views_soon, daemon=True, name="sv2desk view entries")
                self._views_thread.start()
        self._views_due.set()

    def _write_views_soon(self) -> None:
        while not self._views_stop.is_set():
            self._views_due.wait()
            self._views_due.clear()
            if self._views_stop.wait(self.VIEW_WRITE_SECONDS):
                return          # closing writes them itself
            try:
                self.write_views()
            except Exception:   # noqa: BLE001 - kept, tried again at the next view or close
                pass

    def write_views(self) -> None:
        """Write every view entry waiting on this PC, in one unit of work under the write
        lock. If the server cannot be reached they stay waiting (ServerUnavailable)."""
        with self._views_writing:
            with self._views_lock:
                batch, self._views = self._views, []
            if not batch:
                return
            try:
                with self.engine.begin() as conn:
                    conn.exec_driver_sql(
                        "SELECT set_config('sv2desk.account_id', %s, true), "
                        "pg_advisory_xact_lock(%s)",
                        ("" if self._primary is None else str(int(self._primary)),
                         server.WRITE_LOCK))
                    head = None
                    for write in dict.fromkeys(w for _, w in batch):
                        head = write(conn, self, [e for e, w in batch if w is write]) or head
            except BaseException as exc:
                with self._views_lock:
                    self._views[:0] = batch
                if isinstance(exc, sa_exc.DBAPIError):
                    raise self._translate(exc) from None
                raise
            if head is not None:
                self.record_audit_head(*head)

    def sync_views(self) -> None:
        self.write_views()

    @contextmanager
    def whole_database(self):
        """Units of work inside the block see every row (a backup, a move): for work an
        operation has already allowed, never for a person's own view."""
        before = getattr(self._whole, "on", False)
        self._whole.on = True
        try:
            yield
        finally:
            self._whole.on = before

    @contextmanager
    def transaction(self):
        if self._views and not self._depth and OPERATION.get() not in READS:
            self.write_views()      # this PC's views go before its next change
        db = None
        try:
            with super().transaction() as db:
                yield db
            views = db.info.pop("sv2_views", None)
            if views:
                self._views_made(views)
        except orm_exc.StaleDataError:      # a save raced another (the lock prevents it)
            raise errors.EditConflict() from None
        except (psycopg.OperationalError, sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
            raise self._translate(exc) from None

    def _translate(self, exc: Exception) -> Exception:
        """A lost connection, a server shut down, a lock not had within its time: the plain
        message (the unit of work was rolled back: nothing is half-written)."""
        orig = getattr(exc, "orig", exc)
        if isinstance(orig, (psycopg.OperationalError, psycopg.InterfaceError)) or \
                isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return errors.ServerUnavailable()
        return exc

    def _note_change(self, db):
        """As for one PC: when this unit changed anything besides audit entries, note the
        audit entry it reached (for the backup at sign-out)."""
        if not db.in_transaction():
            return None
        conn = db.connection()
        changed = conn.info.pop("sv2_changed", False)
        if changed and not db.info.get("bookkeeping"):
            head = db.info.get("audit_head")
            seq = head[0] if head else (db.execute(text(
                "SELECT coalesce(max(seq), 0) FROM audit_log")).scalar() or 0)
            db.execute(text("INSERT INTO settings (key, value, version) VALUES (:k, :v, 1) "
                            "ON CONFLICT (key) DO UPDATE SET value = :v, "
                            "version = settings.version + 1"),
                       {"k": self.CHANGED_SETTING, "v": str(seq)})
        return None

    def read(self, sql: str, params: tuple = ()) -> list[tuple] | None:
        if self.closed:
            raise errors.NotSignedIn()
        # One statement on its own (autocommit): one round trip, not a BEGIN, the read and
        # a ROLLBACK (it runs at every call, so on a busy server the two extra waits were
        # a good part of a quick look's time). It is the first statement of every call, so
        # it is where a connection the server ended finds out: then the pool's idle
        # connections are dropped and the read tried once more on a new one (it changes
        # nothing), so the person sees nothing when the server is back.
        with self._lock:
            if self._depth:
                return None
            for attempt in (1, 2):
                try:
                    fairy = self.engine.raw_connection()
                except sa_exc.DBAPIError as exc:
                    raise self._translate(exc) from None
                driver = fairy.driver_connection
                try:
                    driver.autocommit = True
                    rows = driver.execute(sql.replace("?", "%s"), tuple(params)).fetchall()
                    driver.autocommit = False
                    return [tuple(r) for r in rows]
                except psycopg.Error as exc:
                    fairy.invalidate()
                    lost = isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))
                    if not lost or attempt == 2:
                        raise self._translate(exc) from None
                    self.engine.pool.dispose()
                finally:
                    fairy.close()

    # -- key slots: the master copy on the server --------------------------------------------

    def _update_slots(self, change) -> None:
        with self._lock:
            try:
                with self.engine.begin() as conn:
                    row = conn.exec_driver_sql(
                        "SELECT body FROM key_file WHERE id = 1 FOR UPDATE").fetchone()
                    fresh = SlotFile.loads(bytes(row[0]))
                    fresh.verify(self._master_key)
                    if fresh.workspace_id != self.slots.workspace_id:
                        raise errors.SlotFileTampered()
                    change(fresh)
                    if int(self.slots.audit_head.get("seq", 0)) > int(
                            fresh.audit_head.get("seq", 0)):
                        fresh.audit_head = dict(self.slots.audit_head)
                    conn.exec_driver_sql(
                        "UPDATE key_file SET body = %s, version = version + 1 WHERE id = 1",
                        (fresh.dumps(self._master_key),))
            except sa_exc.DBAPIError as exc:
                raise self._translate(exc) from None
            self.slots = fresh
            self._save_local_copy()

    def _save_local_copy(self) -> None:
        try:
            self.slots.save(self.keys_path, self._master_key)
        except OSError:
            pass    # only this PC's copy: the next sign-in writes it again

    def flush_audit_head(self, now: float | None = None) -> None:
        """This PC's copy of the head (keys.json here); the server's copy moves with the
        key slots."""
        pending = getattr(self, "_pending_head", None)
        if pending is None or self.read_only:
            return
        seq, digest = pending
        if seq >= int(self.slots.audit_head.get("seq", 0)):
            self.slots.audit_head = {"seq": seq, "hash": digest}
        with locks.keys_update(self.folder):
            self._save_local_copy()
        self._pending_head = None
        self._head_written = time.monotonic() if now is None else now

    # -- closing ---------------------------------------------------------------------------

    def close(self) -> None:
        if self.closed:
            return
        self._views_stop.set()
        self._views_due.set()
        thread = self._views_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)
        try:
            self.write_views()
        except (errors.SV2Error, sa_exc.SQLAlchemyError):
            # The server went away: the views wait on this PC, sealed, for the next
            # sign-in to this server (``keep_views_here``), instead of being lost.
            with self._views_lock:
                batch, self._views = self._views, []
            try:
                keep_views_here(self, [entry for entry, _ in batch])
            except OSError:
                pass    # a full or read-only disk: then they are lost, as before
        try:
            self.flush_audit_head()
        except (errors.SV2Error, OSError):
            pass
        self.closed = True
        self.engine.dispose()
        self._master_key = b""
        self._device_secret = None
        self._signers = {}
        self.hold.release()


class ChangeListener:
    """Hears what other PCs changed (LISTEN/NOTIFY: "case:<id>" when a case changed,
    "queue" when the managers' queue did), on a connection of its own. Ids only."""

    def __init__(self, workspace: ServerWorkspace):
        self._conn = server.raw_connect(workspace._args, autocommit=True)
        self._conn.execute(f"LISTEN {server.NOTIFY_CHANNEL}")

    def wait(self, timeout: float, *, most: int = 500) -> set[str]:
        """What changed, gathered for up to ``timeout`` seconds (less once something came
        and nothing more follows at once). Raises ServerUnavailable if the server went."""
        changed: set[str] = set()
        try:
            for note in self._conn.notifies(timeout=timeout, stop_after=1):
                changed.add(note.payload)
            if changed:
                for note in self._conn.notifies(timeout=0.05, stop_after=most):
                    changed.add(note.payload)
        except psycopg.Error:
            raise errors.ServerUnavailable() from None
        return changed

    def close(self) -> None:
        try:
            self._conn.close()
        except psycopg.Error:
            pass


def snapshot_to(workspace: ServerWorkspace, target: Path, progress) -> None:
    """An encrypted SQLCipher copy of the server's data at ``target``, under the same master
    key (what an .sv2backup holds, from either kind): the schema made by the same
    migrations, every row copied within one unit of work (the write lock held, so the copy
    is consistent), sealed text opened on the way (the file is encrypted whole)."""
    from sqlalchemy import text as sql_text
    from ..models import Base
    from . import copying, engine as engine_mod
    key = workspace._master_key
    conn = engine_mod.connect(target, key)
    conn.execute(f"PRAGMA application_id = {engine_mod.APPLICATION_ID}")
    conn.close()
    dest = engine_mod.make_engine(target, key)
    try:
        migrate.upgrade(dest, lambda label: None)
        tables = [t for t in Base.metadata.sorted_tables]
        with workspace.whole_database(), workspace.transaction() as src, dest.begin() as dst:
            src.info["bookkeeping"] = True
            for n, table in enumerate(tables):
                copying.copy_rows(src, dst, table)
                progress(0.4 * (n + 1) / (len(tables) + 1), "Copying the data")
            rows = src.execute(sql_text(
                "SELECT rowid, names, reference, born, postcode FROM case_search")).all()
            if rows:
                dst.execute(sql_text("INSERT INTO case_search (rowid, names, reference, born, "
                                     "postcode) VALUES (:r, :n, :f, :b, :p)"),
                            [dict(r=r[0], n=r[1], f=r[2], b=r[3], p=r[4]) for r in rows])
        with dest.connect() as c:
            c.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            c.connection.dbapi_connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.dispose()


# -- drafts kept on this PC while the server cannot be reached -----------------------------

WAITING_DRAFTS = "drafts-waiting"


def _draft_sealer(workspace: ServerWorkspace) -> Sealer:
    from . import crypto
    return Sealer(crypto.hkdf(workspace._master_key, "sv2desk drafts kept on this PC"))


def keep_draft_here(workspace: ServerWorkspace, record: dict) -> None:
    """A draft that could not reach the server, sealed under the workspace key in this PC's
    data folder until it can (``record``: account, form, payload, saved_at)."""
    import json
    import os
    from .atomic_write import write_atomically
    folder = workspace.folder / WAITING_DRAFTS
    folder.mkdir(exist_ok=True)
    sealed = _draft_sealer(workspace).seal_bytes(json.dumps(record).encode("utf-8"))
    write_atomically(folder / f"{os.urandom(8).hex()}.sv2draft", sealed)


def drafts_waiting_here(workspace: ServerWorkspace) -> list[tuple[Path, dict]]:
    """The drafts this PC is keeping for the server (any file that does not open under this
    workspace's key is left alone)."""
    import json
    folder = workspace.folder / WAITING_DRAFTS
    found = []
    for path in sorted(folder.glob("*.sv2draft")) if folder.is_dir() else ():
        try:
            record = json.loads(_draft_sealer(workspace).open_bytes(path.read_bytes()[:2 << 20]))
        except (errors.SV2Error, OSError, ValueError):
            continue
        found.append((path, record))
    return found


# -- views kept on this PC when the server went away as it closed ------------------------

KEPT_VIEWS = ".sv2views"
VIEWS_FORMAT = 1
VIEWS_REFUSED_MESSAGE = (
    "SV2 Desk found a record of views waiting on this PC to go into the audit trail "
    "({names}) that it could not open as this data's own: it has been changed, or it "
    "belongs to other data. Nothing in it has been written to the audit trail. It has been "
    "put aside, unread, in the set-aside folder inside the data folder. Tell your "
    "administrator.")


def _views_sealer(workspace: ServerWorkspace) -> Sealer:
    from . import crypto
    return Sealer(crypto.hkdf(workspace._master_key, "sv2desk views kept on this PC"))


def keep_views_here(workspace: ServerWorkspace, entries) -> list[Path]:
    """View entries that could not reach the server as this PC closed, sealed under the
    workspace key beside the drafts (drafts-waiting/), one file per person, named so they
    sort in the order they were made. Only what the audit entry holds (when, who, which
    action on which record's number): no names, no text."""
    import json
    import os
    from .atomic_write import write_atomically
    by_account: dict = {}
    for at, account_id, action, object_type, object_id, _signer in entries:
        by_account.setdefault(account_id, []).append([at, action, object_type, object_id])
    written = []
    folder = workspace.folder / WAITING_DRAFTS
    for account_id, views in by_account.items():
        folder.mkdir(exist_ok=True)
        body = json.dumps({"format": VIEWS_FORMAT, "workspace": workspace.slots.workspace_id,
                           "account": account_id, "views": views}).encode("utf-8")
        path = folder / f"{time.time_ns():020d}-{os.urandom(4).hex()}{KEPT_VIEWS}"
        write_atomically(path, _views_sealer(workspace).seal_bytes(body))
        written.append(path)
    return written


@dataclass(frozen=True)
class ViewsRefused:
    """A file of kept views that did not open as this workspace's own, and where it went
    (read at sign-in like any file set aside: audited, and told to the person)."""
    names: tuple[str, ...]
    folder: Path

    @property
    def message(self) -> str:
        return VIEWS_REFUSED_MESSAGE.format(names=", ".join(self.names))


def _open_kept_views(workspace: ServerWorkspace, path: Path) -> tuple[int | None, list]:
    """(account, views) of a kept file; ValueError when it is not this workspace's own."""
    import json
    try:
        record = json.loads(_views_sealer(workspace).open_bytes(path.read_bytes()[:4 << 20]))
    except (errors.SV2Error, ValueError, UnicodeDecodeError) as exc:
        raise ValueError("does not open") from exc
    if not isinstance(record, dict) or record.get("format") != VIEWS_FORMAT or \
            record.get("workspace") != workspace.slots.workspace_id:
        raise ValueError("not this workspace's")
    account, views = record.get("account"), record.get("views")
    if (account is not None and type(account) is not int) or not isinstance(views, list) \
            or not all(isinstance(v, list) and len(v) == 4 and isinstance(v[0], str)
                       and isinstance(v[1], str) and all(x is None or isinstance(x, str)
                                                         for x in v[2:]) for v in views):
        raise ValueError("not a record of views")
    return account, views


def carry_kept_views(workspace: ServerWorkspace, write_views) -> int:
    """At sign-in (the person's signing key unlocked): the views this person made on this
    PC that waited for the server, written in the order they were made, each signed by
    their key, in one locked unit of work; then the files are removed. Another person's
    wait for that person's sign-in here. A file that does not open as this workspace's
    own is put aside unread and told (``ViewsRefused``), never applied. Returns how many
    views were written."""
    import os
    from . import swap
    folder = workspace.folder / WAITING_DRAFTS
    paths = sorted(folder.glob("*" + KEPT_VIEWS)) if folder.is_dir() else []
    if not paths:
        return 0
    mine, refused = [], []
    for path in paths:
        try:
            account, views = _open_kept_views(workspace, path)
        except (ValueError, OSError):
            refused.append(path)
            continue
        if account == workspace._primary:
            mine.append((path, views))
    if refused:
        target = workspace.folder / "set-aside" / swap.stamp()
        target.mkdir(parents=True, exist_ok=True)
        for path in refused:
            os.replace(path, target / path.name)
        workspace.set_aside.append(ViewsRefused(tuple(p.name for p in refused), target))
    if not mine:
        return 0
    signer = workspace.primary_signer()
    entries = [(at, workspace._primary, action, object_type, object_id, signer)
               for _, views in mine for at, action, object_type, object_id in views]
    try:
        with workspace.engine.begin() as conn:
            conn.exec_driver_sql(
                "SELECT set_config('sv2desk.account_id', %s, true), "
                "pg_advisory_xact_lock(%s)",
                ("" if workspace._primary is None else str(int(workspace._primary)),
                 server.WRITE_LOCK))
            head = write_views(conn, workspace, entries)
    except (sa_exc.SQLAlchemyError, errors.SV2Error):
        return 0        # kept for the next sign-in
    if head is not None:
        workspace.record_audit_head(*head)
    for path, _ in mine:
        path.unlink(missing_ok=True)
    return len(entries)
