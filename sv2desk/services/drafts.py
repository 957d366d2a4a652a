"""Drafts: what was typed in a form when SV2 Desk locked, kept encrypted for the same person."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from .. import errors
from ..models import Draft
from ..policy import validation
from . import audit
from .registry import operation


@dataclass(frozen=True)
class DraftInfo:
    id: int
    form: str
    saved_at: str


@dataclass(frozen=True)
class DraftContent:
    id: int
    form: str
    values: dict


def _own(db, session, draft_id: int) -> Draft:
    draft = db.get(Draft, draft_id)
    if draft is None or draft.account_id != session.account_id:
        raise errors.NotFound("That draft could not be found.")
    return draft


@operation("drafts.save")
def save(session, form: str, values: dict) -> DraftInfo:
    if session.account_id is None:
        raise errors.ValidationError({"account": "Drafts need a staff account."})
    try:
        payload = json.dumps(values, ensure_ascii=False)
        payload.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        raise errors.ValidationError({"values": "This form holds something that cannot be "
                                                "kept as a draft."}) from None
    if not isinstance(form, str) or len(form) > validation.LINE or \
            len(payload) > validation.DRAFT:
        raise errors.ValidationError({"values": "This form is too large to keep as a draft."})
    with session.workspace.transaction() as db:
        draft = Draft(account_id=session.account_id, form=form, payload=payload,
                      saved_at=audit.now_iso())
        db.add(draft)
        db.flush()
        audit.record(db, session.account_id, "drafts.save", "draft", draft.id)
        return DraftInfo(draft.id, draft.form, draft.saved_at)


@operation("drafts.list_own")
def list_own(session) -> list[DraftInfo]:
    with session.workspace.transaction() as db:
        rows = db.scalars(select(Draft).where(Draft.account_id == session.account_id)
                          .order_by(Draft.id)).all()
        return [DraftInfo(d.id, d.form, d.saved_at) for d in rows]


@operation("drafts.take")
def take(session, draft_id: int) -> DraftContent:
    """Return a draft's values and remove it (it is back in a form now)."""
    with session.workspace.transaction() as db:
        draft = _own(db, session, draft_id)
        content = DraftContent(draft.id, draft.form, json.loads(draft.payload))
        db.delete(draft)
        audit.record(db, session.account_id, "drafts.take", "draft", draft_id)
        return content


@operation("drafts.discard")
def discard(session, draft_id: int) -> None:
    with session.workspace.transaction() as db:
        db.delete(_own(db, session, draft_id))
        audit.record(db, session.account_id, "drafts.discard", "draft", draft_id)
