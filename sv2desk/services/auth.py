"""Signing in and out: with a staff password, or with the recovery key."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

from .. import errors
from ..models import Account
from ..policy import roles as role_names, signin as signin_policy
from ..store import workspace as ws_mod
from ..store.signin_state import SigninState
from ..store.workspace import Workspace
from . import audit
from .session import Session


def sign_in(folder: Path, username: str, password: str, *, now: float | None = None,
            check_head: bool = True) -> Session:
    """Open the workspace as a member of staff. Raises a typed error with a plain message.

    ``check_head=False`` lets verify-audit open a rolled-back database to report on it."""
    now = now if now is not None else time.time()
    slots = ws_mod.read_slots(folder)
    slot = slots.find_user(username)
    account_id = slot.account_id if slot is not None else None
    state = SigninState.load(folder)
    if account_id is not None:
        wait = signin_policy.seconds_left(*state.count(account_id), now)
        if wait:
            state.add_event(account_id, "sign_in.throttled", now)
            state.save()
            raise errors.TooManyAttempts(wait)
    try:
        workspace, account_id = Workspace.unlock_with_password(folder, username, password, slots,
                                                                  check_head=check_head)
    except errors.WrongPassword:
        state.record_failure(account_id, "sign_in.failed", now)
        raise
    except errors.AccountDisabled:
        state.record_failure(None, "sign_in.disabled_account", now)
        raise
    with workspace.transaction() as db:
        account = db.get(Account, account_id)
        if account is None or not account.active:
            workspace.close()
            raise errors.AccountDisabled()
        _flush_pending(db, state)
        audit.record(db, account.id, "sign_in", "account", account.id)
        session = Session(workspace, account.id, account.username, account.display_name,
                          frozenset(r.role for r in account.roles))
    if not workspace.read_only:  # a rolled-back copy keeps nothing: keep the events for later
        state.clear(account_id)
    return session


def sign_in_with_recovery_key(folder: Path, recovery_key: str, *,
                              check_head: bool = True) -> Session:
    """Open the workspace with the recovery key: an administrator's emergency way in
    (to reset a password, or to enrol this PC on a bound workspace)."""
    workspace = Workspace.unlock_with_recovery(folder, recovery_key, check_head=check_head)
    state = SigninState.load(folder)
    with workspace.transaction() as db:
        _flush_pending(db, state)
        audit.record(db, None, "sign_in.recovery_key")
    if not workspace.read_only:
        state.pending = []
        state.save()
    return Session(workspace, None, "recovery", "Recovery key",
                   frozenset({role_names.ADMIN}), via_recovery_key=True)


def verify_password(session: Session, account_id: int, password: str) -> bool:
    """True when ``password`` is ``account_id``'s (a real check against its key slot)."""
    session.require_open()
    return session.workspace.password_matches(account_id, password)


def sign_out(session: Session) -> None:
    _close(session, "sign_out")


def lock(session: Session) -> None:
    """Record that the screen locked, and close the workspace (the key leaves memory)."""
    _close(session, "lock")


def _close(session: Session, action: str) -> None:
    """Record the action, then close: the key leaves memory even if recording fails."""
    if not session.open:
        return
    try:
        with session.workspace.transaction() as db:
            audit.record(db, session.account_id, action)
    finally:
        session.close()


def _flush_pending(db, state: SigninState) -> None:
    for event in state.pending:
        at = datetime.fromtimestamp(float(event["at"]), timezone.utc).isoformat(
            timespec="microseconds")
        audit.record(db, event.get("account_id"), str(event["action"]), "account",
                     event.get("account_id"), outcome="failed", at=at)


def pages_need_checking(session: Session) -> bool:
    """True when the data was too large to check every page while signing in."""
    return session.open and not session.workspace.pages_checked


def check_pages(session: Session) -> None:
    """Check every page of the data (run on the database thread after signing in).
    Raises WorkspaceDamaged, with its plain message, if any page is wrong."""
    session.require_open()
    try:
        session.workspace.check_pages(structure=False)
    except errors.WorkspaceDamaged:
        try:
            with session.workspace.transaction() as db:
                audit.record(db, session.account_id, "workspace.page_check", outcome="failed")
        except Exception:  # the damage may stop even this being written
            pass
        raise
