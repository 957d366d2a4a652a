"""Recording that a document left SV2 Desk: printed, or saved as an unencrypted copy.

Only the kinds of document SV2 Desk makes can be recorded, against the kinds of record they
come from, so nothing else (a name, say) can be written into the audit trail this way."""

from __future__ import annotations

from .. import errors
from . import audit
from .use_case import use_case

DOCUMENTS = frozenset({"letter", "letter_preview", "workflow_report", "subject_access",
                       "recovery_sheet"})
RECORDS = frozenset({None, "letter", "case", "report", "account"})


def _check(document, object_type, object_id) -> None:
    if document not in DOCUMENTS or object_type not in RECORDS or not (
            object_id is None or (isinstance(object_id, int) and not isinstance(object_id, bool))):
        raise errors.ValidationError({"document": "SV2 Desk does not make that kind of "
                                                  "document."})


@use_case("exports.record_print", records_also=("print.",))
def record_print(uc, document: str, object_type: str | None = None,
                 object_id=None) -> None:
    """``document`` is a kind such as "recovery_sheet" or "letter" (never a name)."""
    _check(document, object_type, object_id)
    audit.record(uc.db, uc.session.account_id, f"print.{document}", object_type, object_id)


@use_case("exports.record_saved_copy", records_also=("export.",))
def record_saved_copy(uc, document: str, object_type: str | None = None,
                      object_id=None) -> None:
    _check(document, object_type, object_id)
    audit.record(uc.db, uc.session.account_id, f"export.{document}", object_type, object_id)
