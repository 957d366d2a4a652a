"""The audit trail's own use cases (checking it, its fingerprint, the latest entries), and
the trail itself for the services, by the name they know it: ``audit.record(...)`` and the
rest are services/audit_trail.py's (how entries are chained, signed and checked)."""

from __future__ import annotations

from sqlalchemy import select

from .audit_trail import (AuditEntry, AuditRecord, BEFORE_SIGN_IN, ChainReport, FORMER_NAMES,
                          Fingerprint, GENESIS, ISSUED, TRIGGERS, VIEWS, check_chain, current_name,
                          entry_hash, fingerprint_now, fingerprint_of, matches_noted, now_iso,
                          protection_problems, record, record_made_by, record_many,
                          restore_protection, signed_message)
from .use_case import use_case

__all__ = ['AuditEntry', 'AuditRecord', 'BEFORE_SIGN_IN', 'ChainReport', 'FORMER_NAMES',
           'Fingerprint', 'GENESIS', 'ISSUED', 'TRIGGERS', 'VIEWS', 'check_chain', 'current_name',
           'entry_hash', 'fingerprint_now', 'fingerprint_of', 'matches_noted', 'now_iso',
           'protection_problems', 'record', 'record_made_by', 'record_many', 'restore_protection',
           'signed_message', 'verify', 'fingerprint', 'recent']


@use_case("audit.verify", unit_of_work=False)
def verify(uc) -> ChainReport:
    """The whole chain checked, then the check recorded (the check reads in pages of its
    own, with no unit of work held open while the signatures are checked)."""
    report = check_chain(uc.session.workspace)
    if report.ok:
        from . import backups
        problems = backups.compare_with_backups(uc.session.workspace)
        if problems:
            seq, problem = problems[0]
            report = ChainReport(False, report.entries, seq, problem, report.unsigned,
                                 report.notes)
    with uc.unit_of_work():
        uc.audit(outcome="ok" if report.ok else "failed")
    return report


@use_case("audit.fingerprint", unit_of_work=False)
def fingerprint(uc) -> Fingerprint | None:
    """The audit trail's fingerprint now, for a manager to note down (with the date): a
    later check (verify-audit --noted) shows the trail still holds that entry unchanged."""
    found = fingerprint_now(uc.session.workspace)
    with uc.unit_of_work():
        uc.audit()
    return found


@use_case("audit.read")
def recent(uc, limit: int = 200) -> list[AuditRecord]:
    rows = uc.db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)).all()
    result = [AuditRecord(r.seq, r.at, r.account_id, r.action, r.object_type, r.object_id,
                          r.outcome) for r in rows]
    uc.audit()
    return result
