"""Helpers for tests that read or tamper with the audit trail from outside the services."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from sv2desk import cli
from sv2desk.models import AuditEntry
from sv2desk.store import opening

TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
}


def last_seq(session) -> int:
    """The newest audit entry's number, as the services left it (an office-server PC's
    views waiting to be written are written first, so they are not counted as after it)."""
    session.workspace.sync_views()
    with session.workspace.engine.connect() as conn:
        seq = conn.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())
                           .limit(1)).scalar() or 0
        conn.rollback()
    return seq


@contextmanager
def raw_database(folder: Path, recovery_key: str):
    """A plain SQL connection to the decrypted database, opened with the master key
    (via the recovery key) but without the services: what someone holding the key could do."""
    workspace = opening.unlock_with_recovery(folder, recovery_key, check_head=False)
    try:
        with workspace.engine.begin() as conn:
            yield conn
    finally:
        workspace.close()


@contextmanager
def without_append_only_triggers(folder: Path, recovery_key: str):
    """Drop the triggers that make audit_log append-only, yield the connection, put them back."""
    with raw_database(folder, recovery_key) as conn:
        for name in TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        yield conn
        for sql in TRIGGERS.values():
            conn.exec_driver_sql(sql)


def audit_rows(folder: Path, recovery_key: str) -> list:
    with raw_database(folder, recovery_key) as conn:
        return conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.seq)).all()


def run_cli(monkeypatch, capsys, argv: list[str], *, password: str | None = None,
            recovery_key: str | None = None, new_password: str | None = None):
    """Run sv2desk-admin in-process; prompts are answered from the test-only variables.
    Returns (exit code, stdout, stderr)."""
    for name, value in (("SV2DESK_PASSWORD", password), ("SV2DESK_RECOVERY_KEY", recovery_key),
                        ("SV2DESK_NEW_PASSWORD", new_password)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
