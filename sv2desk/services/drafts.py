"""Drafts: what was typed in a form when SV2 Desk locked, kept encrypted for the same person."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from .. import errors
from ..models import Draft
from ..policy import validation
from . import audit
from .use_case import use_case


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


@use_case("drafts.save", unit_of_work=False, offline=True)
def save(uc, form: str, values: dict) -> DraftInfo:
    if uc.session.account_id is None:
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
        with uc.unit_of_work() as db:
            _carry_over_waiting(db, uc.session)
            draft = Draft(account_id=uc.session.account_id, form=form, payload=payload,
                          saved_at=saved_at)
            db.add(draft)
            db.flush()
            uc.audit("draft", draft.id)
            saved = DraftInfo(draft.id, draft.form, draft.saved_at)
        _remove_carried(db.info)
        return saved
    except errors.ServerUnavailable:
        # The office server went away with the form open: what was typed is kept on this
        # PC, sealed under the workspace key, and goes to the server (and the audit trail)
        # the next time this person's drafts are looked at.
        from ..store.server_workspace import keep_draft_here
        keep_draft_here(uc.session.workspace, {"account": uc.session.account_id, "form": form,
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


@use_case("drafts.list_own")
def list_own(uc) -> list[DraftInfo]:
    _carry_over_waiting(uc.db, uc.session)
    info = uc.db.info
    uc.after_commit(lambda: _remove_carried(info))
    rows = uc.db.scalars(select(Draft).where(Draft.account_id == uc.session.account_id)
                         .order_by(Draft.id)).all()
    return [DraftInfo(d.id, d.form, d.saved_at) for d in rows]


@use_case("drafts.take")
def take(uc, draft_id: int) -> DraftContent:
    """Return a draft's values and remove it (it is back in a form now)."""
    draft = _own(uc.db, uc.session, draft_id)
    content = DraftContent(draft.id, draft.form, json.loads(draft.payload))
    uc.db.delete(draft)
    uc.audit("draft", draft_id)
    return content


@use_case("drafts.discard")
def discard(uc, draft_id: int) -> None:
    uc.db.delete(_own(uc.db, uc.session, draft_id))
    uc.audit("draft", draft_id)
