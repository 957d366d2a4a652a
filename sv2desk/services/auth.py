"""Signing in and out: with a staff password, or with the recovery key.

Before the data is opened, everything read from the folder is treated as hostile
(keys.json, signin.json and the lock file are read strictly, and anything wrong is a
typed error with a plain message; see store/). After it opens, each sign-in also:
records any file that was set aside from beside the database (store/sidecars.py); checks
the audit trail's append-only protection and puts it back if it was removed (recorded,
and said to the person); carries events reported before sign-in into the audit trail,
marked as unauthenticated (store/signin_state.py); and finishes an erasure that a crash
interrupted (services/retention.py).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

from .. import collector, errors
from ..models import Account
from ..policy import roles as role_names, signin as signin_policy
from ..store import opening
from ..store.signin_state import SigninState
from ..store.workspace import Workspace
from . import audit, audit_trail
from .session import Session

PROTECTION_RESTORED = (
    "The protection that stops SV2 Desk's audit trail being changed had been removed "
    "outside SV2 Desk. It has been put back and this has been recorded. Tell your "
    "administrator, who should check the audit trail.")


def _unlock(folder: Path, username: str, password: str, slots, now: float,
            check_head: bool):
    """The workspace opened with ``password`` (after the wait a run of wrong passwords
    sets), the account id, and the sign-in record a failure was written to."""
    state = SigninState.load(folder, slots)      # SigninRecordDamaged: refused, unchanged
    slot = slots.find_user(username)
    account_id = slot.account_id if slot is not None else None
    if account_id is not None:
        wait = signin_policy.seconds_left(*state.count(account_id), now)
        if wait:
            state.add_event(account_id, "sign_in.throttled", now)
            state.save()
            raise errors.TooManyAttempts(wait)
    try:
        workspace, account_id = opening.unlock_with_password(folder, username, password, slots,
                                                             check_head=check_head)
    except errors.WrongPassword:
        state.record_failure(account_id, "sign_in.failed", now)
        raise
    except errors.AccountDisabled:
        state.record_failure(None, "sign_in.disabled_account", now)
        raise
    return workspace, account_id, state


def sign_in(folder: Path, username: str, password: str, *, now: float | None = None,
            check_head: bool = True) -> Session:
    """Open the workspace as a member of staff. Raises a typed error with a plain message.

    ``check_head=False`` lets verify-audit open a rolled-back database to report on it."""
    now = now if now is not None else time.time()
    with opening.slots_for_sign_in(folder) as slots:
        workspace, account_id, state = _unlock(folder, username, password, slots, now,
                                               check_head)
    try:
        # Views kept on this PC while the office server was away go first (one PC keeps none).
        workspace.carry_kept_views(audit_trail.write_views)
        with workspace.transaction() as db:
            account = db.get(Account, account_id)
            if account is None or not account.active:
                raise errors.AccountDisabled()
            audit.record(db, account.id, "sign_in", "account", account.id)
            notices, anchor = _after_opening(db, workspace, state, account.id)
            session = Session(workspace, account.id, account.username, account.display_name,
                              frozenset(r.role for r in account.roles))
            if role_names.ADMIN in session.roles:
                notices += _username_clashes(db)
    except BaseException:
        workspace.close()
        raise
    session.notices = notices
    _carried(workspace, state, anchor)
    if not workspace.read_only:
        state.clear(account_id)
    _strengthen_slot(session, password)
    _finish_interrupted_work(session)
    collector.settle()
    return session


def _strengthen_slot(session: Session, password: str) -> None:
    """A key slot made under the Argon2 floor (before the floor existed, or with a busy
    PC's calibration) is made again at the floor once its password has just opened it:
    the same master key and signing key under a KEK from a new salt and the floor's
    parameters, saved to keys.json in one atomic write (a new file renamed over the old,
    so a crash leaves the old slot or the new, both opening), and audited. The file's own
    parameters for new slots are raised with it. If it cannot be saved (a full disk), the
    sign-in stands, the old slot still opens, and the failure is recorded."""
    from ..store import crypto
    from ..store.slots import password_bytes
    workspace = session.workspace
    slot = workspace.slots.find_account(session.account_id)
    if (workspace.read_only or not crypto.floor_applies() or slot is None
            or not slot.has_key or not crypto.below_floor(slot.kdf)):
        return
    secret = password_bytes(password)
    opened = workspace.slots.unlock(slot, secret, workspace._device_secret)
    if opened is None:   # changed on disk since sign-in opened it: leave it for next time
        return
    stronger = workspace.slots.strengthened(slot, opened[0], secret, workspace._master_key,
                                            workspace._device_secret)

    def put(slots) -> None:
        on_disk = next((s for s in slots.slots if s.id == slot.id), None)
        # Only the slot this password opened (not one an administrator reset meanwhile).
        if on_disk is not None and on_disk.wrapped == slot.wrapped:
            slots.put(stronger)
        slots.kdf = crypto.at_least_floor(slots.kdf)
    outcome = "ok"
    try:
        workspace._update_slots(put)
    except (OSError, errors.SV2Error):
        outcome = "failed"
    with workspace.transaction() as db:
        audit.record(db, session.account_id, "key_slot.strengthened", "account",
                     session.account_id, outcome=outcome)


def sign_in_with_recovery_key(folder: Path, recovery_key: str, *,
                              check_head: bool = True) -> Session:
    """Open the workspace with the recovery key: an administrator's emergency way in
    (to reset a password, or to enrol this PC on a bound workspace). Never refused for a
    damaged signin.json: that file is set aside (untouched) and a new one started."""
    workspace = opening.unlock_with_recovery(folder, recovery_key, check_head=check_head)
    damaged = None
    try:
        try:
            state = SigninState.load(folder, workspace.slots)
        except errors.SigninRecordDamaged:
            state = None
        with workspace.transaction() as db:
            audit.record(db, None, "sign_in.recovery_key")
            if state is None:
                audit.record(db, None, "signin_record.damaged", "file", "signin.json",
                             outcome="failed")
                notices, anchor = [], None
            else:
                notices, anchor = _after_opening(db, workspace, state, None)
            notices += _username_clashes(db)
    except BaseException:
        workspace.close()
        raise
    if state is None and not workspace.read_only:
        damaged = SigninState.set_aside_damaged(folder)
        state = SigninState.load(folder, workspace.slots)
        state.save()
    elif state is not None:
        _carried(workspace, state, anchor)
    session = Session(workspace, None, "recovery", "Recovery key",
                      frozenset({role_names.ADMIN}), via_recovery_key=True)
    session.notices = notices + ([
        "SV2 Desk's record of wrong passwords (signin.json) was damaged. It has been put "
        "aside, untouched, in the set-aside folder inside the data folder, and a new one "
        "started: staff can sign in with their passwords again."] if damaged else [])
    _finish_interrupted_work(session)
    collector.settle()
    return session


def _after_opening(db, workspace: Workspace, state: SigninState,
                   account_id: int | None) -> tuple[list[str], int]:
    """Inside the sign-in's transaction: what opening found, into the audit trail.
    Returns what to tell the person, and the number of the last event carried over."""
    notices = []
    for aside in workspace.set_aside:
        for name in aside.names:
            audit.record(db, account_id, "workspace.file_set_aside", "file", name,
                         outcome="failed")
        notices.append(aside.message)
    if not workspace.read_only and audit.restore_protection(db):
        audit.record(db, account_id, "audit.protection_restored", "audit_log", None,
                     outcome="failed")
        notices.append(PROTECTION_RESTORED)
    return notices, _carry_over(db, workspace, state)


def _username_clashes(db) -> list[str]:
    """For an administrator: accounts made before usernames were compared in one form
    whose usernames now count as the same (each still signs in with their own password)."""
    from .accounts import username_clashes
    groups = username_clashes(db)
    if not groups:
        return []
    numbers = "; ".join(", ".join(str(i) for i in group) for group in groups)
    return [f"Some staff accounts have usernames that SV2 Desk now treats as the same (they "
            f"differ only in capitals, accents or how a letter was typed): accounts {numbers}. "
            "Each person still signs in with their own password, but a new account cannot "
            "take such a name. Turn off the ones no longer needed, or make the person a new "
            "account with a distinct username."]


def _carry_over(db, workspace: Workspace, state: SigninState) -> int:
    """Events reported before sign-in, into the trail: each marked unauthenticated; what
    could not be taken, one count."""
    found = state.open_events(workspace.slots.events_private(workspace._master_key))
    for event in found.events:
        at = datetime.fromtimestamp(event.at, timezone.utc).isoformat(timespec="microseconds")
        audit.record(db, event.account_id, event.action, "account", event.account_id,
                     outcome="failed", at=at, origin=audit.BEFORE_SIGN_IN)
    if found.not_kept:
        audit.record(db, None, "sign_in.events_not_kept", "count", found.not_kept,
                     outcome="failed", origin=audit.BEFORE_SIGN_IN)
    if found.refused or found.missing:
        audit.record(db, None, "sign_in.events_refused", "count",
                     found.refused + found.missing, outcome="failed",
                     origin=audit.BEFORE_SIGN_IN)
    return found.anchor


def _carried(workspace: Workspace, state: SigninState, db_anchor: int | None) -> None:
    """After the sign-in committed: keys.json remembers the last event taken (so the same
    events can never be taken twice), then signin.json lets them go."""
    if workspace.read_only or db_anchor is None:
        return   # a rolled-back copy keeps nothing: the events stay for later
    if db_anchor > workspace.slots.signin_anchor:
        def move(slots):
            slots.signin_anchor = max(slots.signin_anchor, db_anchor)
        workspace._update_slots(move)
    if state.events or state.overflow:
        state.carried_over(db_anchor)


def _finish_interrupted_work(session: Session) -> None:
    if session.workspace.read_only:
        return
    from . import retention
    retention.finish_interrupted(session)


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
        collector.thaw()


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
