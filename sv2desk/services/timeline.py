"""The case's timeline: a line for each thing done to a case (no personal data in it),
who did it, which lines only the people on the case see, and the case's reference.
(Finding a case the person may act on, and moving it, is services/access.py.)"""

from __future__ import annotations

from datetime import date

from ..models import Case, CaseEvent
from . import audit


# ``by`` for what the software does itself (the connection check holding a case): the
# entry names no one, so it cannot tell the case's worker who saved the matching record.
NOBODY = object()


def event(db, session, case: Case, kind: str, summary: str, *, by=None) -> None:
    """One line on the case's timeline (no personal data in ``summary``), naming who did
    it: ``by`` when someone other than the signed-in person did (a countersigning line
    manager), NOBODY for the software itself, else the signed-in person."""
    account = None if by is NOBODY else by if by is not None else session.account_id
    db.add(CaseEvent(case_id=case.id, at=audit.now_iso(), account_id=account, kind=kind,
                     summary=summary))


# Timeline entries about a concern: shown only to the people on the case (policy/access.py).
CONFIDENTIAL_EVENTS = frozenset({"concern", "explanation", "discussion", "decision", "outcome",
                                 "concern_note"})


def reference_for(case_id: int, on: date) -> str:
    return f"SV2-{on.year}-{case_id:06d}"
