"""A second save of a record someone else saved meanwhile (two PCs on the office server, or
two windows on one PC): refused with who changed it, when, and which details, so nothing is
silently overwritten and the person's typing stays on their screen (EditConflict).

A service that shows a record for changing gives its version with it (the record's
``version`` column); the save names the record as it was opened (``opened``), and is
refused when the version has moved on since."""

from __future__ import annotations

from sqlalchemy import select

from .. import errors
from ..models import Account, AuditEntry
from . import audit


def refuse_if_changed(db, version_now: int, opened, object_type: str, object_id,
                      now, labels: dict[str, str]) -> None:
    """EditConflict when ``opened`` (a view read earlier, carrying ``version``) is older
    than ``version_now``. ``now`` is the record as it is (a view of the same kind);
    ``labels`` names, in words, the details compared to say what changed."""
    if opened is None:
        return
    version = getattr(opened, "version", None)
    if not isinstance(version, int) or version == version_now:
        return
    fields = [label for name, label in labels.items()
              if getattr(opened, name, None) != getattr(now, name, None)]
    raise conflict(db, object_type, object_id, fields)


def conflict(db, object_type: str, object_id, fields) -> errors.EditConflict:
    """Who saved ``object_type`` ``object_id`` last (its last change in the audit trail),
    when (hours and minutes), with ``fields``."""
    last = db.execute(select(AuditEntry.account_id, AuditEntry.at).where(
        AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id),
        AuditEntry.outcome == "ok", AuditEntry.action.not_in(audit.VIEWS))
        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    who = at = None
    if last is not None:
        who = db.scalar(select(Account.display_name).where(Account.id == last[0]))
        at = last[1][11:16]
    return errors.EditConflict(who, tuple(fields), at)
