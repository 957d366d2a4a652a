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


@operation("drafts.save", offline=True)
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
    saved_at = audit.now_iso()
    try:
        with session.workspace.transaction() as db:
            _carry_over_waiting(db, session)
            draft = Draft(account_id=session.account_id, form=form, payload=payload,
                          saved_at=saved_at)
            db.add(draft)
            db.flush()
            audit.record(db, session.account_id, "drafts.save", "draft", draft.id)
            saved = DraftInfo(draft.id, draft.form, draft.saved_at)
        _remove_carried(db.info)
        return saved
    except errors.ServerUnavailable:
        # The office server went away with the form open: what was typed is kept on this
        # PC, sealed under the workspace key, and goes to the server (and the audit trail)
        # the next time this person's drafts are looked at.
        from ..store.server_workspace import keep_draft_here
        keep_draft_here(session.workspace, {"account": session.account_id, "form": form,
                                            "payload": payload, "saved_at": saved_at})
        return DraftInfo(0, form, saved_at)


def _carry_over_waiting(db, session) -> None:
    """Drafts this PC kept while the server was away, put on the server in this unit of
    work (each one recorded as saved, then its file removed once that has committed)."""
    if getattr(session.workspace, "kind", "file") != "server":
        return
    from ..store.server_workspace import drafts_waiting_here
    for path, record in drafts_waiting_here(session.workspace):
        if record.get("account") != session.account_id:
            continue
        draft = Draft(account_id=session.account_id, form=str(record["form"]),
                      payload=str(record["payload"]), saved_at=str(record["saved_at"]))
        db.add(draft)
        db.flush()
        audit.record(db, session.account_id, "drafts.save", "draft", draft.id)
        db.info.setdefault("carried_drafts", []).append(path)


def _remove_carried(db_info) -> None:
    for path in db_info.get("carried_drafts", ()):
        path.unlink(missing_ok=True)


@operation("drafts.list_own")
def list_own(session) -> list[DraftInfo]:
    info = {}
    with session.workspace.transaction() as db:
        _carry_over_waiting(db, session)
        info = db.info
        rows = db.scalars(select(Draft).where(Draft.account_id == session.account_id)
                          .order_by(Draft.id)).all()
        found = [DraftInfo(d.id, d.form, d.saved_at) for d in rows]
    _remove_carried(info)
    return found


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
