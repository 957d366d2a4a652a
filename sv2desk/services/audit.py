"""The audit trail: append-only, hash-chained entries, and checking the chain.

Each entry holds the SHA-256 of the previous entry and of its own canonical
content, so an edited, deleted or reordered entry breaks the chain. The head
(last sequence number and hash) is also kept in keys.json, outside the
database, so a database swapped for an older copy of itself is noticed.
Entries hold ids and action names only: never personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

from ..models import AuditEntry
from ..store.workspace import Workspace
from .registry import operation

GENESIS = "0" * 64


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def entry_hash(seq, at, account_id, action, object_type, object_id, outcome, prev_hash) -> str:
    content = json.dumps([seq, at, account_id, action, object_type, object_id, outcome,
                          prev_hash], separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(content.encode()).hexdigest()


def _head(db: Db) -> tuple[int, str]:
    """(seq, hash) of the last entry. Read once per transaction: a transaction holds the
    database's write lock from its first statement, and entries are only ever appended
    here, so the last one this transaction appended is the last one there is."""
    head = db.info.get("audit_head")
    if head is not None:
        return head
    last = db.execute(select(AuditEntry.seq, AuditEntry.hash)
                      .order_by(AuditEntry.seq.desc()).limit(1)).first()
    return (last[0], last[1]) if last else (0, GENESIS)


def record(db: Db, account_id: int | None, action: str, object_type: str | None = None,
           object_id=None, outcome: str = "ok", at: str | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction (written with the rest of it)."""
    seq, prev = _head(db)
    seq += 1
    at = at or now_iso()
    object_id = None if object_id is None else str(object_id)
    entry = AuditEntry(seq=seq, at=at, account_id=account_id, action=action,
                       object_type=object_type, object_id=object_id, outcome=outcome,
                       prev_hash=prev,
                       hash=entry_hash(seq, at, account_id, action, object_type, object_id,
                                       outcome, prev))
    db.add(entry)
    db.info["audit_head"] = (seq, entry.hash)
    return entry


def record_many(db: Db, account_id: int | None, action: str, object_type: str | None,
                object_ids, outcome: str = "ok") -> None:
    """Append one entry per object inside the caller's transaction, chained exactly as
    ``record`` chains them, with one write (for bulk work such as many referrals)."""
    seq, prev = _head(db)
    entries = []
    for object_id in object_ids:
        seq += 1
        at = now_iso()
        object_id = None if object_id is None else str(object_id)
        digest = entry_hash(seq, at, account_id, action, object_type, object_id, outcome, prev)
        entries.append(dict(seq=seq, at=at, account_id=account_id, action=action,
                            object_type=object_type, object_id=object_id, outcome=outcome,
                            prev_hash=prev, hash=digest))
        prev = digest
    if entries:
        db.execute(AuditEntry.__table__.insert(), entries)
        db.info["audit_head"] = (seq, prev)


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str
    account_id: int | None
    action: str
    object_type: str | None
    object_id: str | None
    outcome: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def check_chain(workspace: Workspace) -> ChainReport:
    """Walk the whole chain; name the first entry that is wrong."""
    expected_prev, expected_seq, count = GENESIS, 1, 0
    head = workspace.slots.audit_head
    head_seq, hash_at_head = int(head.get("seq", 0)), None
    with workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.seq))
        for row in rows:
            count += 1
            if row.seq != expected_seq:
                return ChainReport(False, count, expected_seq,
                                   f"entry {expected_seq} is missing or out of order")
            if row.prev_hash != expected_prev:
                return ChainReport(False, count, row.seq,
                                   f"entry {row.seq} does not follow the entry before it")
            digest = entry_hash(row.seq, row.at, row.account_id, row.action, row.object_type,
                                row.object_id, row.outcome, row.prev_hash)
            if digest != row.hash:
                return ChainReport(False, count, row.seq, f"entry {row.seq} has been altered")
            if row.seq == head_seq:
                hash_at_head = row.hash
            expected_prev, expected_seq = row.hash, row.seq + 1
        conn.rollback()
    if head_seq >= expected_seq:
        return ChainReport(False, count, expected_seq,
                           f"entries from {expected_seq} onwards are missing: the database is "
                           "older than the last activity recorded in keys.json")
    if head_seq and hash_at_head != head.get("hash"):
        return ChainReport(False, count, head_seq,
                           f"entry {head_seq} does not match the copy kept in keys.json")
    return ChainReport(True, count)


@operation("audit.verify")
def verify(session) -> ChainReport:
    report = check_chain(session.workspace)
    with session.workspace.transaction() as db:
        record(db, session.account_id, "audit.verify", outcome="ok" if report.ok else "failed")
    return report


@operation("audit.read")
def recent(session, limit: int = 200) -> list[AuditRecord]:
    with session.workspace.transaction() as db:
        rows = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)).all()
        result = [AuditRecord(r.seq, r.at, r.account_id, r.action, r.object_type, r.object_id,
                              r.outcome) for r in rows]
        record(db, session.account_id, "audit.read")
    return result
