"""Changing the master key (for example after a recovery sheet went missing, or when
someone who could have copied the key has left), and a new recovery key with it.

How the other staff keep signing in without their passwords being known is explained in
store/rekey.py: in short, each person's key slot is carried over at their next sign-in,
and an administrator can finish the change at once, which asks for a password reset of
everyone who has not signed in since. Nobody else may have SV2 Desk open with the data
while the key changes (every page of the database is re-encrypted).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import select

from .. import errors
from ..models import Account
from ..store import rekey
from ..store.signers import Signer
from ..store.keyslots import open_with_password
from . import audit
from .use_case import use_case


@dataclass(frozen=True)
class KeyChange:
    recovery_key: str           # the new one: show once, print the sheet, then forget
    waiting: tuple[str, ...]    # display names of staff whose slot catches up at next sign-in


@dataclass(frozen=True)
class KeyStatus:
    generation: int                 # how many times the key has been changed
    waiting: tuple[str, ...]        # still to sign in since the last change
    old_keys_shut_out: bool         # False while the old key can still reach the new one


def _waiting_names(db, slots) -> tuple[str, ...]:
    ids = [s.account_id for s in slots.waiting_slots() if s.kind == "account"]
    if not ids:
        return ()
    names = db.scalars(select(Account.display_name).where(Account.id.in_(ids))
                       .order_by(Account.display_name)).all()
    return tuple(names)


@use_case("keys.change", unit_of_work=False)
def change(uc, password: str | None = None) -> KeyChange:
    """A new master key and a new recovery key. ``password`` is the administrator's own
    (asked again for this; not needed when signed in with the recovery key)."""
    ws = uc.session.workspace
    ws._refuse_if_read_only()
    if ws.kind == "server":     # docs/office-server.md: rekey on a PC, then move again
        raise errors.NotOnServer()
    own = None
    if uc.session.account_id is not None:
        try:
            own = open_with_password(ws.slots, uc.session.username, password or "")
        except (errors.WrongPassword, errors.PasswordResetNeeded):
            raise errors.ValidationError({"password": "Your password is not right."}) from None
    # The new recovery key's signing key is announced in the audit trail before it goes
    # into keys.json: a crash between leaves a key issued but never used, never one the
    # trail did not issue.
    seed = os.urandom(32)
    public = Signer.from_seed("recovery", seed).public
    def announce() -> None:      # once nobody else has the data open
        with ws.transaction() as db:
            audit.record(db, uc.session.account_id, audit.ISSUED, "recovery", public.hex())
    recovery_key = rekey.change_key(ws, own, recovery_signing_seed=seed, announce=announce)
    with uc.unit_of_work() as db:
        uc.audit("workspace", ws.slots.key_gen)
        return KeyChange(recovery_key, _waiting_names(db, ws.slots))


@use_case("keys.status")
def status(uc) -> KeyStatus:
    slots = uc.session.workspace.slots
    return KeyStatus(slots.key_gen, _waiting_names(uc.db, slots), not slots.links)


@use_case("keys.finish_change")
def finish_change(uc, account_ids=None) -> int:
    """Shut the old key out now. Everyone who has not signed in since the change (or only
    ``account_ids`` of them) needs an administrator to reset their password. Returns how
    many."""
    count = rekey.finish(uc.session.workspace, account_ids)
    uc.audit("workspace", uc.session.workspace.slots.key_gen)
    return count
