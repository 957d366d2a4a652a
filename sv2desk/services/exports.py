"""Recording that a document left SV2 Desk: printed, or saved as an unencrypted copy."""

from __future__ import annotations

from . import audit
from .registry import operation


@operation("exports.record_print")
def record_print(session, document: str, object_type: str | None = None,
                 object_id=None) -> None:
    """``document`` is a kind such as "recovery_sheet" or "letter" (never a name)."""
    with session.workspace.transaction() as db:
        audit.record(db, session.account_id, f"print.{document}", object_type, object_id)


@operation("exports.record_saved_copy")
def record_saved_copy(session, document: str, object_type: str | None = None,
                      object_id=None) -> None:
    with session.workspace.transaction() as db:
        audit.record(db, session.account_id, f"export.{document}", object_type, object_id)
