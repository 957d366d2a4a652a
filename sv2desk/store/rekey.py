"""Changing the master key: every database page re-encrypted, the key slots carried over.

The problem: each staff slot wraps the master key under a key derived from that
person's password (Argon2id). A new master key can be wrapped for the administrator
doing the change (who types their password) and under a new recovery key, but not
for anyone else: their passwords are not known.

The scheme (like a LUKS key change, done lazily):

* keys.json keeps a *generation* number of the master key, and each slot the
  generation it wraps. The change writes a *link*: the new key (generation g+1)
  wrapped with AES-256-GCM under a key derived from the old one (generation g).
* A slot from before the change still opens: it gives key g, the link gives g+1.
  At that first sign-in the slot is rewrapped directly under the new key (the
  password's KEK is in hand then), and a link is dropped once no slot needs it.
* The recovery slot is replaced by a new recovery key, shown once. The old
  recovery key no longer opens the current data; it still opens the backups made
  before the change (each backup carries its own keys.json).
* While a link exists, anyone holding the old key and an old keys.json (an old
  backup, say) can follow it to the new key. So the change only shuts out the old
  key once every slot has caught up, or once an administrator finishes it at once
  (``finish``): the slots still waiting are replaced by "reset needed" markers
  (those people need an administrator to set a new password) and every link goes.
  For a suspected leak of the key, finish at once; for routine rotation, waiting
  for everyone's next sign-in is enough.

Crash safety: nobody else may have the data open (the in-use lock is taken
exclusively), and the steps are ordered so that a crash at any point leaves data
that opens: (1) keys.json gains the link and ``pending`` (sealed with the old key);
(2) the database is rekeyed in one SQLite transaction; (3) keys.json moves to the
new generation, sealed with the new key. Whoever opens the data next after a crash
between (1) and (3) calls :func:`settle`, which sees from the database which side of
(2) it is on and finishes or undoes the change. (After a crash the new recovery key
was never shown, so the old one keeps working through the link: change the key again.)
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from .. import errors
from . import crypto, engine as engine_mod, locks
from .layout import DB_NAME, KEYS_NAME
from .slots import Slot, SlotFile


def _opens(folder: Path, key: bytes) -> bool:
    try:
        engine_mod.probe(folder / DB_NAME, key)
    except errors.WorkspaceDamaged:
        return False
    return True


def settle(folder: Path, slots: SlotFile, master_key: bytes,
           device_secret: bytes | None) -> tuple[SlotFile, bytes]:
    """Bring an opened key up to date with keys.json as it is on disk now, and finish or
    undo a change of key that a crash interrupted. Call with the in-use lock held (so no
    change of key is running). Returns the key file and the database's key."""
    folder = Path(folder)
    try:
        fresh = SlotFile.load(folder / KEYS_NAME)
    except errors.SV2Error:
        fresh = slots
    if fresh.mac != slots.mac:   # changed since it was read (another window, or a change of key)
        if fresh.workspace_id != slots.workspace_id or fresh.key_gen < slots.key_gen:
            raise errors.SlotFileTampered()
        master_key = fresh.follow_links(master_key, slots.key_gen, fresh.key_gen)
        fresh.verify(master_key)
        slots = fresh
    if not slots.pending:
        return slots, master_key
    with locks.keys_update(folder):
        slots = SlotFile.load(folder / KEYS_NAME)
        slots.verify(master_key)
        if not slots.pending:
            return slots, master_key
        gen = slots.key_gen
        if _opens(folder, master_key):        # the database was never rekeyed: undo
            slots.links.pop(str(gen), None)
            slots.pending = False
            slots.save(folder / KEYS_NAME, master_key)
            return slots, master_key
        new_key = slots.follow_links(master_key, gen, gen + 1)
        if not _opens(folder, new_key):
            raise errors.WorkspaceDamaged()
        if slots.bound:
            secret = device_secret or slots.device_secret_from_master(master_key)
            slots.bind(secret, new_key)
        if slots.events is not None:
            slots.rewrap_events(master_key, new_key)
        slots.key_gen, slots.pending = gen + 1, False
        slots.save(folder / KEYS_NAME, new_key)
        return slots, new_key


def _save_changed(ws, change, seal_key: bytes, verify_key: bytes) -> None:
    """Read keys.json as on disk (sealed with ``verify_key``), change it, seal it with
    ``seal_key``."""
    with locks.keys_update(ws.folder):
        slots = SlotFile.load(ws.keys_path)
        slots.verify(verify_key)
        if slots.workspace_id != ws.slots.workspace_id:
            raise errors.SlotFileTampered()
        change(slots)
        slots.save(ws.keys_path, seal_key)
        ws.slots = slots


def change_key(ws, own=None, *, recovery_signing_seed: bytes | None = None,
               announce=None, _after_step=None) -> str:
    """Re-encrypt the open workspace ``ws`` under a new master key. ``own`` (an
    ``Opened`` from the administrator's own password, or None for a recovery-key session)
    has its slot rewrapped at once. Returns the new recovery key (show it once).

    ``_after_step(n)`` is for the crash tests only."""
    step = _after_step or (lambda n: None)
    with ws._lock, ws.hold.exclusive():
        if announce is not None:   # the new recovery signing key, into the trail first
            announce()
        old_key = ws._master_key
        new_key = os.urandom(crypto.KEY_BYTES)
        gen = ws.slots.key_gen

        def start(slots: SlotFile) -> None:
            if slots.key_gen != gen or slots.pending:
                raise errors.SlotFileTampered()
            slots.add_link(gen, old_key, new_key)
            slots.pending = True
        _save_changed(ws, start, old_key, old_key)
        step(1)

        def undo(slots: SlotFile) -> None:
            slots.links.pop(str(gen), None)
            slots.pending = False
        with ws.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            try:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                # One transaction: every page is rewritten under the new key, or none is.
                raw.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            except BaseException:
                _save_changed(ws, undo, old_key, old_key)
                raise
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        step(2)

        recovery_key = crypto.new_recovery_key()

        def finish(slots: SlotFile) -> None:
            slots.key_gen, slots.pending = gen + 1, False
            recovery = slots.recovery_slot()
            new_recovery = slots.make_slot(recovery.id, "recovery", recovery_key.encode(), new_key,
                                           signing_seed=recovery_signing_seed)
            slots.put(new_recovery)
            made.append(new_recovery)
            if slots.events is not None:
                slots.rewrap_events(old_key, new_key)
            if own is not None:
                mine = next((s for s in slots.slots if s.id == own.slot.id), None)
                if mine is not None and mine.wrapped == own.slot.wrapped:
                    slots.put(slots.rewrap(mine, own.kek, new_key))
            if slots.bound:
                slots.bind(ws._device_secret, new_key)
            slots.prune_links()
        made = []
        _save_changed(ws, finish, new_key, old_key)
        if recovery_signing_seed is None:   # (services/keys.py announces it beforehand)
            ws.unannounced.append((made[-1].signer, made[-1].sign_public, ws.primary_account))
        step(3)

        ws._master_key = new_key
        ws.engine.dispose()
        ws.engine = engine_mod.make_engine(ws.db_path, new_key)
        ws._sessions = sessionmaker(ws.engine, expire_on_commit=False)
    return recovery_key


def finish(ws, account_ids=None) -> int:
    """Shut the old keys out now: every slot still waiting for its owner's first sign-in
    since a change of key (or only those of ``account_ids``) becomes "reset needed", and
    the links nobody needs any more go. Returns how many accounts now need a reset."""
    dropped = []

    def drop_waiting(slots: SlotFile) -> None:
        dropped.clear()
        for slot in slots.waiting_slots():
            if slot.kind == "account" and (account_ids is None or slot.account_id in account_ids):
                slots.put(Slot(id=slot.id, kind="reset", account_id=slot.account_id,
                               user_tag=slot.user_tag))
                dropped.append(slot.account_id)
        slots.prune_links()   # all of them, unless the recovery slot itself is still waiting
    ws._refuse_if_read_only()
    ws._update_slots(drop_waiting)
    return len(dropped)
