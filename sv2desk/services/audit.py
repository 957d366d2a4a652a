"""The audit trail: append-only, hash-chained, signed entries, and checking them.

Each entry holds the SHA-256 of the previous entry and of its own canonical content, so
an edited, deleted or reordered entry breaks the chain; and each is signed (Ed25519) by
the person who made it, with the signing key kept in their own key slot, so nobody can
write an entry in someone else's name, or rehash the chain after changing one, without
that person's password. The keys are issued in the trail itself ("signing_key.issued"
entries, each signed by whoever issued it), so the trail checks itself from its first
entry. The head (last sequence number and hash) is also kept in keys.json, and in every
backup, outside the database, so a database swapped for an older copy of itself is
noticed. Entries hold ids and action names only: never personal data.

What someone holding the master key can still do is in docs/audit.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select, text
from sqlalchemy.orm import Session as Db

from ..models import AuditEntry
from ..store.workspace import Workspace
from .registry import operation

GENESIS = "0" * 64
ISSUED = "signing_key.issued"
BEFORE_SIGN_IN = "before_sign_in"

# Entries that record only that someone looked (a list, a search, a case or letter opened).
# A unit of work holding nothing else is synced to disk a moment later, with others
# (store/workspace.py: at most VIEW_SYNC_SECONDS behind, and before sign-out, lock or
# close); every other entry, and every change, is on disk before the call returns.
VIEWS = frozenset({
    "accounts.list", "audit.read", "case.view", "caseload.search", "caseload.view",
    "concerns.view", "connections.open_flags", "connections.view", "letters.open",
    "letters.preview", "reports.dashboard", "retention.due", "reviews.queue",
    "signposting.search",
})

# The append-only protection (migration 0001): checked at every sign-in and by verify.
TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def entry_hash(seq, at, account_id, action, object_type, object_id, outcome, prev_hash,
               signer=None, origin=None) -> str:
    fields = [seq, at, account_id, action, object_type, object_id, outcome, prev_hash]
    if signer is not None or origin is not None:   # unsigned entries: as they always were
        fields += [signer, origin]
    content = json.dumps(fields, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(content.encode()).hexdigest()


def signed_message(workspace_id: str, digest: str) -> bytes:
    return f"sv2desk audit entry|{workspace_id}|{digest}".encode()


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


def _workspace(db: Db) -> Workspace:
    ws = db.info.get("workspace")
    if ws is None:
        raise RuntimeError("audit entries are recorded inside Workspace.transaction()")
    return ws


def _row(db: Db, ws: Workspace, seq: int, prev: str, at: str, account_id, action: str,
         object_type, object_id, outcome: str, origin: str | None, signer=None) -> dict:
    if signer is None:
        signer = (ws.primary_signer() if origin == BEFORE_SIGN_IN
                  else ws.signer_for(account_id, db))
    digest = entry_hash(seq, at, account_id, action, object_type, object_id, outcome, prev,
                        signer.id, origin)
    return dict(seq=seq, at=at, account_id=account_id, action=action,
                object_type=object_type, object_id=object_id, outcome=outcome,
                prev_hash=prev, hash=digest, signer=signer.id, origin=origin,
                signature=signer.sign(signed_message(ws.slots.workspace_id, digest)).hex())


def _announce(db: Db, ws: Workspace, seq: int, prev: str) -> tuple[list[dict], int, str]:
    """Entries issuing the signing keys made in this workspace since the last commit."""
    rows, announced = [], db.info.setdefault("announced", set())
    for signer_id, public, actor in ws.unannounced:
        if public in announced:
            continue
        seq += 1
        row = _row(db, ws, seq, prev, now_iso(), actor, ISSUED, signer_id, public.hex(), "ok",
                   None)
        rows.append(row)
        announced.add(public)
        prev = row["hash"]
    return rows, seq, prev


def record(db: Db, account_id: int | None, action: str, object_type: str | None = None,
           object_id=None, outcome: str = "ok", at: str | None = None, *,
           origin: str | None = None) -> None:
    """Append one entry inside the caller's transaction (written with the rest of it),
    signed by ``account_id``'s key (which must be unlocked in this workspace: the person
    signed in, or a countersigner). ``origin=BEFORE_SIGN_IN`` marks an unauthenticated
    report, signed by whoever is signed in as having carried it over."""
    ws = _workspace(db)
    object_id = None if object_id is None else str(object_id)
    if (outcome == "ok" and origin is None and action in VIEWS and not ws.unannounced
            and ws.queue_view(db, (at or now_iso(), account_id, action, object_type,
                                   object_id, ws.signer_for(account_id, db)), write_views)):
        return      # on the office server: written with this PC's other views (below)
    ws.before_audit_entry(db)
    rows, seq, prev = _announce(db, ws, *_head(db))
    rows.append(_row(db, ws, seq + 1, prev, at or now_iso(), account_id, action, object_type,
                     object_id, outcome, origin))
    db.execute(AuditEntry.__table__.insert(), rows)
    db.info["audit_head"] = (rows[-1]["seq"], rows[-1]["hash"])
    db.info["audit_rows"] = db.info.get("audit_rows", 0) + len(rows)
    db.info["views_only"] = (db.info.get("views_only", True) and len(rows) == 1
                             and action in VIEWS and outcome == "ok" and origin is None)


def record_many(db: Db, account_id: int | None, action: str, object_type: str | None,
                object_ids, outcome: str = "ok") -> None:
    """Append one entry per object inside the caller's transaction, chained and signed
    exactly as ``record`` does, with one write (for bulk work such as many referrals)."""
    ws = _workspace(db)
    ws.before_audit_entry(db)
    entries, seq, prev = _announce(db, ws, *_head(db))
    for object_id in object_ids:
        seq += 1
        object_id = None if object_id is None else str(object_id)
        entries.append(_row(db, ws, seq, prev, now_iso(), account_id, action, object_type,
                            object_id, outcome, None))
        prev = entries[-1]["hash"]
    if entries:
        db.execute(AuditEntry.__table__.insert(), entries)
        db.info["audit_head"] = (seq, prev)
        db.info["audit_rows"] = db.info.get("audit_rows", 0) + len(entries)
        db.info["views_only"] = False


def record_made_by(db: Db, entries, signers: dict) -> int:
    """Append entries of (account_id, action, object_type, object_id), chained as
    ``record`` chains them, each signed by ``signers[account_id]``: for the bulk builder
    of made-up data (sv2desk/demo_bulk.py), which holds, signed in, everyone whose work it
    copies. Returns how many were written."""
    ws = _workspace(db)
    ws.before_audit_entry(db)
    rows, seq, prev = _announce(db, ws, *_head(db))
    written = 0
    for account_id, action, object_type, object_id in entries:
        seq += 1
        rows.append(_row(db, ws, seq, prev, now_iso(), account_id, action, object_type,
                         None if object_id is None else str(object_id), "ok", None,
                         signers[account_id]))
        prev = rows[-1]["hash"]
        if len(rows) >= 5_000:
            db.execute(AuditEntry.__table__.insert(), rows)
            written += len(rows)
            rows = []
    if rows:
        db.execute(AuditEntry.__table__.insert(), rows)
        written += len(rows)
    if written:
        db.info["audit_head"] = (seq, prev)
        db.info["audit_rows"] = db.info.get("audit_rows", 0) + written
        db.info["views_only"] = False
    return written


def write_views(conn, ws: Workspace, views) -> tuple[int, str] | None:
    """Append view entries queued on this PC (the office server's workspace queues them:
    store/server_workspace.py), chained and signed as ``record`` does, in the order they
    were made, on ``conn`` (a connection holding the write lock). Each is signed by the key
    resolved when it was queued. Returns the new head."""
    last = conn.execute(select(AuditEntry.seq, AuditEntry.hash)
                        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    rows = []
    for at, account_id, action, object_type, object_id, signer in views:
        seq += 1
        digest = entry_hash(seq, at, account_id, action, object_type, object_id, "ok", prev,
                            signer.id, None)
        rows.append(dict(seq=seq, at=at, account_id=account_id, action=action,
                         object_type=object_type, object_id=object_id, outcome="ok",
                         prev_hash=prev, hash=digest, signer=signer.id, origin=None,
                         signature=signer.sign(signed_message(ws.slots.workspace_id,
                                                              digest)).hex()))
        prev = digest
    if not rows:
        return None
    conn.execute(AuditEntry.__table__.insert(), rows)
    return seq, prev


# -- the append-only protection ----------------------------------------------------------

def _squash(sql: str | None) -> str:
    return re.sub(r"\s+", " ", (sql or "").strip()).casefold()


def _dialect(conn) -> str:
    dialect = getattr(conn, "dialect", None) or conn.get_bind().dialect
    return dialect.name


# On the office server (migration 0001): each trigger and what it runs.
SERVER_TRIGGERS = {"audit_log_no_update": "audit_log_refuse",
                   "audit_log_no_delete": "audit_log_refuse",
                   "audit_log_no_truncate": "audit_log_refuse"}


def _server_protection_problems(conn) -> list[str]:
    """On the office server: the triggers, enabled, running the refusing function; and no
    grant letting the application change or remove entries."""
    found = {name: (function, enabled) for name, function, enabled in conn.execute(text(
        "SELECT t.tgname, p.proname, t.tgenabled FROM pg_trigger t "
        "JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = 'audit_log'::regclass "
        "AND NOT t.tgisinternal"))}
    problems = [name for name, function in SERVER_TRIGGERS.items()
                if found.get(name) != (function, "O")]
    problems += sorted(set(found) - set(SERVER_TRIGGERS))
    source = conn.execute(text("SELECT prosrc FROM pg_proc WHERE proname = 'audit_log_refuse'"
                               )).scalar()
    if source is None or "raise exception" not in source.lower():
        problems.append("audit_log_refuse")
    if conn.execute(text("SELECT has_table_privilege('audit_log', 'UPDATE') OR "
                         "has_table_privilege('audit_log', 'DELETE') OR "
                         "has_table_privilege('audit_log', 'TRUNCATE')")).scalar() and \
            not conn.execute(text("SELECT rolsuper OR pg_has_role(current_user, ("
                                  "SELECT relowner FROM pg_class WHERE relname = 'audit_log'"
                                  "), 'MEMBER') FROM pg_roles WHERE rolname = current_user")
                             ).scalar():
        problems.append("grant")
    return problems


def protection_problems(conn) -> list[str]:
    """Names of the append-only triggers that are missing or not as made ([] when whole).
    ``conn``: a SQLAlchemy connection or ORM session."""
    if _dialect(conn) == "postgresql":
        return _server_protection_problems(conn)
    found = {name: sql for name, sql in conn.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"))}
    problems = [name for name, sql in TRIGGERS.items() if _squash(found.get(name)) != _squash(sql)]
    # A further trigger on the audit trail could rewrite what is inserted.
    problems += sorted(set(found) - set(TRIGGERS))
    return problems


def restore_protection(db: Db) -> list[str]:
    """Put the append-only triggers back as made (inside the caller's transaction).
    Returns what was wrong."""
    problems = protection_problems(db)
    if problems and _dialect(db) == "postgresql":
        # A PC's login cannot put them back (it cannot change the schema): the grant still
        # refuses changes; the administrator restores them (sv2desk-admin server upgrade).
        return problems
    for name in problems:
        db.execute(text(f'DROP TRIGGER IF EXISTS "{name.replace(chr(34), "")}"'))
        if name in TRIGGERS:
            db.execute(text(TRIGGERS[name]))
    return problems


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
    unsigned: int = 0                     # entries from before entries were signed
    notes: tuple[str, ...] = ()           # things worth knowing that are not a break


_PUBLIC_KEYS: dict[str, Ed25519PublicKey] = {}


def _verifies(public_hex: str, signature: str | None, message: bytes) -> bool:
    try:
        key = _PUBLIC_KEYS.get(public_hex)
        if key is None:
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
            if len(_PUBLIC_KEYS) < 10_000:
                _PUBLIC_KEYS[public_hex] = key
        key.verify(bytes.fromhex(signature or ""), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _expected_signer(row) -> str:
    return "recovery" if row.account_id is None else f"account-{row.account_id}"


class _Walk:
    """The chain, checked entry by entry: order, links, hashes, signatures."""

    def __init__(self, workspace_id: str):
        self.workspace_id = workspace_id
        self.keys: dict[str, list[str]] = {}     # signer -> public keys issued to it (hex)
        self.expected_prev, self.expected_seq = GENESIS, 1
        self.count = self.unsigned = 0
        self.signed_from: int | None = None
        self.restorations: list[int] = []

    def step(self, row) -> tuple[int, str] | None:
        """(seq, problem) for the first thing wrong with ``row``, else None."""
        self.count += 1
        if row.seq != self.expected_seq:
            return self.expected_seq, f"entry {self.expected_seq} is missing or out of order"
        if row.prev_hash != self.expected_prev:
            return row.seq, f"entry {row.seq} does not follow the entry before it"
        digest = entry_hash(row.seq, row.at, row.account_id, row.action, row.object_type,
                            row.object_id, row.outcome, row.prev_hash, row.signer, row.origin)
        if digest != row.hash:
            return row.seq, f"entry {row.seq} has been altered"
        problem = self._signature(row)
        if problem:
            return row.seq, problem
        if row.action == "audit.protection_restored":
            self.restorations.append(row.seq)
        self.expected_prev, self.expected_seq = row.hash, row.seq + 1
        return None

    def _signature(self, row) -> str | None:
        if row.signer is None:
            if self.signed_from is not None:
                return f"entry {row.seq} is not signed (entries are signed from {self.signed_from} on)"
            if row.origin is not None or row.signature is not None:
                return f"entry {row.seq} has been altered"
            self.unsigned += 1
            return None
        if self.signed_from is None:
            self.signed_from = row.seq
        message = signed_message(self.workspace_id, row.hash)
        issued = self.keys.get(row.signer, [])
        first_key = (row.action == ISSUED and row.object_type == row.signer and not issued)
        candidates = [row.object_id] if first_key else list(reversed(issued))
        if not any(_verifies(public, row.signature, message) for public in candidates):
            if not issued and not first_key:
                return (f"entry {row.seq} is signed as {row.signer}, who has no signing key "
                        "issued in the audit trail")
            return f"entry {row.seq} is not signed by {row.signer}'s key: it was written or changed by someone else"
        if row.origin is None and row.signer != _expected_signer(row):
            return (f"entry {row.seq} says it was made by {_expected_signer(row)} but is "
                    f"signed by {row.signer}")
        if row.origin not in (None, BEFORE_SIGN_IN):
            return f"entry {row.seq} has been altered"
        if row.action == ISSUED:
            try:
                Ed25519PublicKey.from_public_bytes(bytes.fromhex(row.object_id or ""))
            except ValueError:
                return f"entry {row.seq} issues a signing key that is not one"
            self.keys.setdefault(row.object_type, []).append(row.object_id)
        return None


CHECK_PAGE = 20_000     # entries read at a time by check_chain


def check_chain(workspace: Workspace) -> ChainReport:
    """Walk the whole chain; name the first entry that is wrong."""
    head = workspace.slots.audit_head
    head_seq, hash_at_head = int(head.get("seq", 0)), None
    walk = _Walk(workspace.slots.workspace_id)
    with workspace.engine.connect() as conn:
        protection = protection_problems(conn)
        conn.rollback()
        # In pages, each read in a moment of its own: entries are only ever appended, so
        # the pages are the chain; and no transaction stays open while the signatures are
        # checked (the office server ends a transaction left idle for a minute: at 100,000
        # clients the check takes longer than that).
        after = None
        while True:
            query = select(AuditEntry.__table__).order_by(AuditEntry.seq).limit(CHECK_PAGE)
            if after is not None:
                query = query.where(AuditEntry.seq > after)
            rows = conn.execute(query).all()
            conn.rollback()
            for row in rows:
                bad = walk.step(row)
                if bad is not None:
                    return ChainReport(False, walk.count, bad[0], bad[1], walk.unsigned)
                if row.seq == head_seq:
                    hash_at_head = row.hash
            if len(rows) < CHECK_PAGE:
                break
            after = rows[-1].seq
    count, expected_seq = walk.count, walk.expected_seq
    if head_seq >= expected_seq:
        return ChainReport(False, count, expected_seq,
                           f"entries from {expected_seq} onwards are missing: the database is "
                           "older than the last activity recorded in keys.json", walk.unsigned)
    if head_seq and hash_at_head != head.get("hash"):
        return ChainReport(False, count, head_seq,
                           f"entry {head_seq} does not match the copy kept in keys.json",
                           walk.unsigned)
    # Every signing key in keys.json must be one the trail issued to its owner.
    for slot in workspace.slots.slots:
        if slot.sign_public and walk.signed_from is not None and \
                slot.sign_public.hex() not in walk.keys.get(slot.signer, []):
            return ChainReport(False, count, expected_seq,
                               f"the key file holds a signing key for {slot.signer} that the "
                               "audit trail never issued (a key slot was replaced outside "
                               "SV2 Desk)", walk.unsigned)
    if protection:
        return ChainReport(False, count, expected_seq,
                           "the protection that stops audit entries being changed or deleted "
                           "has been removed or altered (" + ", ".join(protection) + ")",
                           walk.unsigned)
    notes = tuple(f"the protection that stops audit entries being changed had been removed "
                  f"outside SV2 Desk, and was put back at entry {seq}"
                  for seq in walk.restorations)
    if walk.unsigned:
        notes += (f"entries 1 to {walk.unsigned} were made before entries were signed (they are "
                  "held in place by the signed entries after them)",)
    return ChainReport(True, count, unsigned=walk.unsigned, notes=notes)


def fingerprint_of(seq: int, digest: str) -> str:
    """A short, readable form of an entry's hash: 16 hex digits in four groups."""
    short = digest[:16].upper()
    return "-".join(short[i:i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class Fingerprint:
    seq: int
    text: str          # e.g. 3F2A-9C1E-77B0-12DE
    at: str            # when that entry was made (UTC, ISO)


def fingerprint_now(workspace: Workspace) -> Fingerprint | None:
    with workspace.engine.connect() as conn:
        row = conn.execute(select(AuditEntry.seq, AuditEntry.hash, AuditEntry.at)
                           .order_by(AuditEntry.seq.desc()).limit(1)).first()
        conn.rollback()
    return None if row is None else Fingerprint(row[0], fingerprint_of(row[0], row[1]), row[2])


def matches_noted(workspace: Workspace, seq: int, noted: str) -> bool:
    """True when entry ``seq`` has the fingerprint someone noted down (case, spaces and
    dashes do not matter)."""
    wanted = re.sub(r"[^0-9a-f]", "", noted.casefold())
    if len(wanted) < 8:
        return False
    with workspace.engine.connect() as conn:
        row = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == seq)).first()
        conn.rollback()
    return row is not None and row[0].startswith(wanted)


@operation("audit.verify")
def verify(session) -> ChainReport:
    report = check_chain(session.workspace)
    if report.ok:
        from . import backups
        problems = backups.compare_with_backups(session.workspace)
        if problems:
            seq, problem = problems[0]
            report = ChainReport(False, report.entries, seq, problem, report.unsigned,
                                 report.notes)
    with session.workspace.transaction() as db:
        record(db, session.account_id, "audit.verify", outcome="ok" if report.ok else "failed")
    return report


@operation("audit.fingerprint")
def fingerprint(session) -> Fingerprint | None:
    """The audit trail's fingerprint now, for a manager to note down (with the date): a
    later check (verify-audit --noted) shows the trail still holds that entry unchanged."""
    session.require_open()
    found = fingerprint_now(session.workspace)
    with session.workspace.transaction() as db:
        record(db, session.account_id, "audit.fingerprint")
    return found


@operation("audit.read")
def recent(session, limit: int = 200) -> list[AuditRecord]:
    with session.workspace.transaction() as db:
        rows = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)).all()
        result = [AuditRecord(r.seq, r.at, r.account_id, r.action, r.object_type, r.object_id,
                              r.outcome) for r in rows]
        record(db, session.account_id, "audit.read")
    return result
