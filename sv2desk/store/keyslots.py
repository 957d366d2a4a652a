"""Key slots: opening one with a password or the recovery key, and, while a workspace is
open, the slots and audit signing keys it keeps (the ``KeySlots`` part of a Workspace).

The master key is in memory only while the workspace is open; keys.json holds it wrapped
once per slot (store/slots.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import errors
from . import crypto, device, swap
from .layout import DB_NAME, KEYS_NAME
from .signers import Signer
from .slots import Slot, SlotFile, password_bytes

RECOVERY_SLOT = "recovery"


def device_secret_for(slots: SlotFile) -> bytes:
    if not slots.bound:  # a bound slot in a file without a binding: the file was edited
        raise errors.SlotFileTampered()
    secret = device.load_secret(slots.workspace_id)
    if secret is None:
        raise errors.DeviceNotEnrolled()
    if SlotFile.device_check(secret) != slots.device["check"]:
        raise errors.DeviceKeyMismatch()
    return secret


def account_slot_id(account_id: int) -> str:
    return f"account-{account_id}"


def read_file_slots(folder: Path) -> SlotFile:
    """The key slots of a workspace in one file on this PC (keys.json). A folder of either
    kind: store/opening.read_slots."""
    folder = Path(folder)
    swap.finish_interrupted(folder)   # a restore stopped between its two renames
    if not (folder / DB_NAME).exists():
        raise errors.WorkspaceNotFound()
    return SlotFile.load(folder / KEYS_NAME)


@dataclass(frozen=True)
class Opened:
    """A key slot opened with its secret: the current master key and what opened it."""

    slot: Slot
    kek: bytes = field(repr=False)
    master_key: bytes = field(repr=False)
    device_secret: bytes | None = field(repr=False, default=None)


def open_with_password(slots: SlotFile, username: str, password: str) -> Opened:
    """Open ``username``'s slot (in the workspace's keys.json, or a backup's)."""
    candidates = slots.find_users(username)
    if not candidates:
        crypto.derive_key(b"no such account", b"\0" * 16, slots.kdf)  # same wait either way
        raise errors.WrongPassword()
    # Usually one; accounts made before usernames were compared in one normal form may
    # share a tag, and then each is tried (policy/usernames.py).
    refusal = None
    for slot in candidates:
        if slot.kind == "disabled":
            refusal = refusal or errors.AccountDisabled()
            continue
        if slot.kind == "reset":
            refusal = errors.PasswordResetNeeded()
            continue
        device_secret = device_secret_for(slots) if slot.bound else None
        opened = slots.unlock(slot, password_bytes(password), device_secret)
        if opened is not None:
            return Opened(slot, opened[0], opened[1], device_secret)
        refusal = errors.WrongPassword()
    raise refusal


def open_with_recovery_key(slots: SlotFile, recovery_key: str) -> Opened:
    """Open the recovery slot; on bound data, also recover the device secret."""
    key = crypto.normalise_recovery_key(recovery_key)
    if key is None:
        raise errors.WrongRecoveryKey()
    slot = slots.recovery_slot()
    opened = slots.unlock(slot, key.encode(), None)
    if opened is None:
        raise errors.WrongRecoveryKey()
    device_secret = None
    if slots.bound:
        slots.verify(opened[1])
        device_secret = slots.device_secret_from_master(opened[1])
    return Opened(slot, opened[0], opened[1], device_secret)


class KeySlots:
    """The slots and signing keys of an open workspace (a part of Workspace)."""

    # -- key slots (the master key is in memory while open) ---------------------------

    def set_password_slot(self, account_id: int, username: str, password: str, *,
                          own: bool = False) -> None:
        """Create or replace the slot for an account, with a new signing key (announced in
        the audit trail by whoever is signed in here). ``own``: the person signed in here
        is that account and signs with it from now on (set-up of the first administrator)."""
        self._refuse_if_read_only()
        seed = os.urandom(32)
        slot = self.slots.make_slot(account_slot_id(account_id), "account",
                                    password_bytes(password), self._master_key,
                                    account_id=account_id, username=username,
                                    device_secret=self._device_secret, signing_seed=seed)
        self.unannounced.append((slot.signer, slot.sign_public, self._primary))
        self._store_new_key(slot.sign_public, lambda slots: slots.put(slot))
        if own:
            self._register(account_id, Signer.from_seed(slot.signer, seed), primary=True)

    def disable_slot(self, account_id: int, username: str) -> None:
        """Delete an account's slot, leaving a tombstone so sign-in can say why."""
        from .slots import Slot
        self._refuse_if_read_only()
        tombstone = Slot(id=account_slot_id(account_id), kind="disabled",
                         account_id=account_id, user_tag=self.slots.user_tag(username))
        self._update_slots(lambda slots: slots.put(tombstone))

    def _catch_up_slot(self, opened: "Opened") -> None:
        """A slot made before a change of key is rewrapped under the current key the first
        time it opens (its KEK is known now), and links nobody needs any more go. If that
        cannot be saved now (a full disk), the workspace is closed and the error raised:
        the slot still opens through the link next time."""
        if self.read_only or opened.slot.gen >= self.slots.key_gen:
            return

        def catch_up(slots: SlotFile) -> None:
            on_disk = next((s for s in slots.slots if s.id == opened.slot.id), None)
            # Rewrap only the slot that was opened (not one an administrator reset meanwhile).
            if on_disk is not None and on_disk.wrapped == opened.slot.wrapped:
                slots.put(slots.rewrap(on_disk, opened.kek, self._master_key))
                slots.prune_links()
        try:
            self._update_slots(catch_up)
        except BaseException:
            self.close()
            raise

    # -- audit signing keys ------------------------------------------------------------------

    def _register(self, account_id: int | None, signer: Signer, *, primary: bool = False):
        self._signers[account_id] = signer
        if primary:
            self._primary = account_id

    def _signing_key_of(self, opened: "Opened", actor: int | None) -> Signer:
        """The opened slot's signing key; made (and stored in keys.json, to be announced in
        the audit trail) for a slot from before entries were signed."""
        slot = opened.slot
        seed = self.slots.signing_seed(slot, opened.kek)
        if seed is not None:
            return Signer.from_seed(slot.signer, seed)
        on_disk = next((s for s in self.slots.slots if s.id == slot.id), None)
        if on_disk is not None and on_disk.salt == slot.salt and on_disk.sign_public:
            seed = self.slots.signing_seed(on_disk, opened.kek)   # made meanwhile elsewhere
            if seed is not None:
                return Signer.from_seed(slot.signer, seed)
        seed = os.urandom(32)
        signer = Signer.from_seed(slot.signer, seed)
        if self.read_only:      # nothing is kept from a read-only look: an unkept key
            return signer

        def add_key(slots: SlotFile) -> None:
            current = next((s for s in slots.slots if s.id == slot.id), None)
            if current is not None and current.salt == slot.salt and not current.sign_public:
                slots.put(slots.with_signing_key(current, opened.kek, seed)[0])
        self.unannounced.append((slot.signer, signer.public, actor))
        # Kept once the transaction that follows (the sign-in's, the countersign's) has
        # announced it; if none does, the next sign-in makes another.
        self._after_commit.append((signer.public, add_key))
        return signer

    def adopt(self, opened: "Opened", username: str | None = None) -> None:
        """Sign as the owner of the slot this workspace was opened with. Also gives a slot
        from an earlier version what this one adds (a signing key, the events key, the
        username tag in its new normal form)."""
        self._register(opened.slot.account_id,
                       self._signing_key_of(opened, opened.slot.account_id), primary=True)
        if self.read_only:
            return
        changes = []
        if self.slots.events is None:
            changes.append(lambda slots: slots.events or slots.make_events_key(self._master_key))
        if username is not None and opened.slot.user_tag != self.slots.user_tag(username):
            tag = self.slots.user_tag(username)

            def retag(slots: SlotFile) -> None:
                current = next((s for s in slots.slots if s.id == opened.slot.id), None)
                if current is not None and current.user_tag == opened.slot.user_tag:
                    current.user_tag = tag
            changes.append(retag)
        if changes:
            self._update_slots(lambda slots: [change(slots) for change in changes])

    @property
    def primary_account(self) -> int | None:
        return self._primary

    def signer_for(self, account_id: int | None, db=None) -> Signer:
        """The key that signs an entry made by ``account_id`` here: the signed-in person's,
        or a countersigner's unlocked for this transaction (``countersigner``)."""
        if db is not None:
            found = db.info.get("countersigners", {}).get(account_id)
            if found is not None:
                return found
        found = self._signers.get(account_id)
        if found is None:
            raise RuntimeError(f"no audit signing key is unlocked for account {account_id}: "
                               "an entry in someone else's name needs their password "
                               "(Workspace.countersigner)")
        return found

    def primary_signer(self) -> Signer:
        return self.signer_for(self._primary)

    def countersigner(self, db, account_id: int, password: str) -> bool:
        """Check ``account_id``'s password against their key slot; when it is right, their
        signing key signs the entries this transaction (``db``) records in their name.
        A real check, like ``password_matches``."""
        signer = self._signer_with_password(account_id, password)
        if signer is None:
            return False
        db.info.setdefault("countersigners", {})[account_id] = signer
        return True

    def add_signer(self, account_id: int, password: str) -> bool:
        """Another person signs in at this open workspace (sharing it, as the model-based
        test's sessions do): their password is checked against their slot and, when
        right, their key signs the entries made in their name here until it closes."""
        signer = self._signer_with_password(account_id, password)
        if signer is None:
            return False
        self._register(account_id, signer)
        return True

    def _signer_with_password(self, account_id: int, password: str):
        """``account_id``'s signing key, unwrapped from their slot with ``password`` (None
        when the password is not theirs)."""
        slot = self.slots.find_account(account_id)
        if slot is None or slot.kind != "account":
            return None
        try:
            opened = self.slots.unlock(slot, password_bytes(password), self._device_secret)
        except errors.DeviceNotEnrolled:
            return None
        if opened is None or opened[1] != self._master_key:
            return None
        return self._signing_key_of(Opened(slot, opened[0], opened[1], self._device_secret),
                                    account_id)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise errors.WorkspaceRolledBack()

    def password_matches(self, account_id: int, password: str) -> bool:
        """A real check of a password against the account's key slot."""
        slot = self.slots.find_account(account_id)
        if slot is None or slot.kind != "account":
            return False
        try:
            return self.slots.open_slot(slot, password_bytes(password),
                                        self._device_secret) == self._master_key
        except errors.DeviceNotEnrolled:
            return False
