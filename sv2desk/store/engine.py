"""The SQLCipher 4 engine: one encrypted file, keyed with a raw 256-bit key."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from .. import errors

APPLICATION_ID = 0x53563244  # "SV2D": marks the file as SV2 Desk's


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes, *, readonly: bool = False,
            create: bool = True) -> sqlcipher3.Connection:
    """A raw sqlcipher3 connection with the key applied and SQLCipher's log silenced."""
    mode = "ro" if readonly else ("rwc" if create else "rw")
    uri = f"{Path(path).resolve().as_uri()}?mode={mode}"
    conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(_key_pragma(key))
    return conn


def probe(path: Path, key: bytes, *, expect_app_id: bool = True) -> None:
    """Check that ``path`` is an SV2 Desk database this key opens.

    Raises WorkspaceDamaged otherwise; only reads. The connection is opened
    read-write (without creating the file) because a read-only connection to a
    WAL database leaves the -wal and -shm files it made behind when it fails;
    a read-write one removes them when it closes, as SQLite does for the last
    connection.
    """
    if not Path(path).is_file():
        raise errors.WorkspaceNotFound()
    try:
        conn = connect(path, key, create=False)
    except sqlcipher3.DatabaseError:
        raise errors.WorkspaceDamaged() from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if expect_app_id and app_id != APPLICATION_ID:
            raise errors.WorkspaceDamaged()
    except sqlcipher3.DatabaseError:
        raise errors.WorkspaceDamaged() from None
    finally:
        conn.close()


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine over one long-lived connection (callers serialise access)."""
    engine = create_engine(
        "sqlite://", module=sqlcipher3.dbapi2, creator=lambda: connect(path, key),
        poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn, _record):
        # Off (SQLCipher's own default since 4.5): with it on, every page read locks and
        # wipes memory, making searches over 10x slower (see `make bench`). SV2 Desk does
        # not promise that memory is wiped; the file on disk is encrypted either way.
        dbapi_conn.execute("PRAGMA cipher_memory_security = OFF")
        dbapi_conn.execute("PRAGMA journal_mode = WAL")
        dbapi_conn.execute("PRAGMA synchronous = FULL")
        dbapi_conn.execute("PRAGMA foreign_keys = ON")
        # Sorts and temporary tables stay in memory: nothing spills to a temp file.
        dbapi_conn.execute("PRAGMA temp_store = MEMORY")
        dbapi_conn.execute("PRAGMA busy_timeout = 5000")

    # Let SQLAlchemy, not the driver, decide when transactions begin.
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def connection_problems(conn: sqlcipher3.Connection, structure: bool = True) -> list[str]:
    """``integrity_problems`` on a driver connection of its own (the page check's)."""
    problems = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")]
    quick = [r[0] for r in conn.execute("PRAGMA quick_check")] if structure else []
    return problems + [q for q in quick if q != "ok"]


def integrity_problems(engine: Engine, structure: bool = True) -> list[str]:
    """Messages from SQLCipher's page check (every page's HMAC: catches any changed byte)
    and, with ``structure``, SQLite's structure check (empty when clean)."""
    with engine.connect() as conn:
        problems = [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
        quick = ([r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
                 if structure else [])
        conn.rollback()
    return problems + [q for q in quick if q != "ok"]
