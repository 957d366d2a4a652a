"""Erasing for real inside the encrypted file: overwrite what is deleted, empty the log.

SQLite normally leaves deleted text in free pages and in the write-ahead log until
they are reused. While :func:`securely` is active, ``secure_delete`` makes SQLite
overwrite deleted content with zeros; afterwards the log is checkpointed and
truncated, so the old page images go too.
"""

from __future__ import annotations

from contextlib import contextmanager


def _driver(ws, *statements: str) -> None:
    """Run statements on the workspace's connection outside any SQLAlchemy transaction."""
    with ws.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for sql in statements:
            raw.execute(sql)


@contextmanager
def securely(ws):
    """For the ``with`` block: deleted and overwritten content is zeroed on disk."""
    if getattr(ws, "kind", "file") == "server":
        # Nothing is held on this PC. On the server, rows are deleted or blanked; until
        # VACUUM reclaims them, old row versions hold sealed text as ciphertext only.
        yield
        return
    with ws._lock:
        _driver(ws, "PRAGMA secure_delete = ON")
        try:
            yield
        finally:
            _driver(ws, "PRAGMA secure_delete = OFF")
            if not ws.read_only:
                _driver(ws, "PRAGMA wal_checkpoint(TRUNCATE)")


def optimise_search_index(ws) -> None:
    """Merge the search index into one segment, so entries of deleted rows (kept in older
    segments until a merge) are really gone."""
    if getattr(ws, "kind", "file") == "server":
        # A PC's login may not VACUUM (only the owner may): the server's autovacuum
        # reclaims the dead rows, and `sv2desk-admin server vacuum` does it at once.
        return
    with ws.transaction() as db:
        db.connection().exec_driver_sql(
            "INSERT INTO case_search(case_search) VALUES ('optimize')")
