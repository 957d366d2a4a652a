"""Failed sign-in counters and events, kept outside the encrypted database (signin.json).

A wrong password cannot be written into the audit trail at the time (the database is
still locked), so each failure is kept here and carried into the audit trail at the next
successful sign-in. The counters persist across restarts so the back-off cannot be
dodged by closing the program. Holds account ids and times only: never a typed username
or password.

Anyone who can reach the data folder can write this file, so what it says is never
trusted as more than a report:

- an event names one of a fixed list of actions (ACTIONS); it is sealed to the
  workspace's events key (X25519, its public half in keys.json, its private half wrapped
  under the master key), so the folder shows only how many there are, and carries a
  number: the trail takes only numbers after the last one it took (``signin_anchor`` in
  keys.json), in order, and counts any it refuses or finds missing;
- at most MAX_EVENTS are kept; the rest are summarised as one count (``overflow``);
- in the audit trail each lands marked as reported before sign-in (unauthenticated),
  signed only as carried over by whoever signed in;
- the file is read strictly (size, types, numbers): any damage is SigninRecordDamaged,
  which refuses a password (the back-off cannot be applied) but never the recovery key.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .. import errors
from . import crypto
from .atomic_write import write_atomically

NAME = "signin.json"
FORMAT = "sv2desk-signin/2"
MAX_BYTES = 1024 * 1024
MAX_EVENTS = 100
MAX_ACCOUNTS = 10_000
# What may be reported before anyone has signed in.
ACTIONS = frozenset({
    "sign_in.failed", "sign_in.throttled", "sign_in.disabled_account",
    "concerns.countersign_discussion", "concerns.countersign_throttled",
})


@dataclass(frozen=True)
class Event:
    number: int
    at: float
    account_id: int | None
    action: str


@dataclass(frozen=True)
class CarriedOver:
    """What the file held, as the trail takes it."""

    events: tuple[Event, ...]
    anchor: int                # the number of the last event taken
    not_kept: int              # summarised as a count when they were recorded
    refused: int               # could not be opened, named an action not allowed, or out of order
    missing: int               # numbers skipped (events removed from the file)


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return crypto.hkdf(shared, "sv2desk signin event", salt=ephemeral + recipient)


def _aad(workspace_id: str, number: int) -> bytes:
    return f"{workspace_id}|signin event|{number}".encode()


def _whole(value, low: int = 0) -> int:
    if type(value) is not int or value < low:
        raise ValueError("not a whole number")
    return value


LATEST_TIME = 4_102_444_800.0    # 2100: a time past it was not written by SV2 Desk
MAX_COUNT = 1_000_000


def _time(value) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or \
            not 0 <= value <= LATEST_TIME:
        raise ValueError("not a time")
    return float(value)


def _reject_constant(name):
    raise ValueError(name)


@dataclass
class SigninState:
    path: Path
    failures: dict[str, dict] = field(default_factory=dict)   # account id -> {count, last}
    events: list[dict] = field(default_factory=list)          # {"n", "eph", "nonce", "sealed"}
    overflow: int = 0
    next_number: int = 1
    public_key: bytes | None = field(default=None, repr=False)
    workspace_id: str = ""
    anchor: int = 0

    @classmethod
    def load(cls, folder: Path, slots=None) -> "SigninState":
        """signin.json as it is (an empty record when there is none). ``slots``: the
        workspace's keys.json, read if not given, for the events key and the anchor.
        Raises SigninRecordDamaged when the file is there but is not what SV2 Desk writes."""
        path = Path(folder) / NAME
        if slots is None:
            from .slots import SlotFile
            try:
                slots = SlotFile.load(Path(folder) / "keys.json")
            except errors.SV2Error:
                slots = None
        state = cls(path)
        if slots is not None:
            state.public_key, state.workspace_id = slots.events_public, slots.workspace_id
            state.anchor = slots.signin_anchor
        try:
            if not os.path.lexists(path):
                state.next_number = state.anchor + 1
                return state
            if path.is_symlink() or not path.is_file():
                raise ValueError("not a file")
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise ValueError("too large")
            state._read(json.loads(raw.decode("utf-8"), parse_constant=_reject_constant))
        except (OSError, ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError,
                RecursionError, OverflowError):
            raise errors.SigninRecordDamaged() from None
        return state

    def _read(self, data) -> None:
        if type(data) is not dict:
            raise ValueError("not an object")
        failures = data.get("failures", {})
        if type(failures) is not dict or len(failures) > MAX_ACCOUNTS:
            raise ValueError("failures")
        for key, entry in failures.items():
            _whole(int(key), 1) if key.isdigit() else _reject_constant(key)
            if type(entry) is not dict:
                raise ValueError("failure")
            count = _whole(entry["count"])
            if count > MAX_COUNT:
                raise ValueError("count")
            self.failures[key] = {"count": count, "last": _time(entry["last"])}
        if data.get("format") is None:
            # Written by an earlier version: its plain events cannot be trusted, so they
            # are only counted.
            pending = data.get("pending", [])
            if type(pending) is not list:
                raise ValueError("pending")
            self.overflow = len(pending)
            self.next_number = self.anchor + 1
            return
        if data["format"] != FORMAT:
            raise ValueError("format")
        events = data["events"]
        if type(events) is not list or len(events) > MAX_EVENTS:
            raise ValueError("events")
        for event in events:
            if type(event) is not dict:
                raise ValueError("event")
            self.events.append({"n": _whole(event["n"], 1),
                                **{k: crypto.b64(crypto.unb64(event[k]))
                                   for k in ("eph", "nonce", "sealed")}})
        self.overflow = min(_whole(data["overflow"]), 10 ** 12)
        self.next_number = max(_whole(data["next"], 1), self.anchor + 1)
        if self.next_number > 10 ** 12:
            raise ValueError("next")

    def save(self) -> None:
        data = {"format": FORMAT, "failures": self.failures, "events": self.events,
                "overflow": self.overflow, "next": self.next_number}
        write_atomically(self.path, json.dumps(data).encode())

    def count(self, account_id: int | None) -> tuple[int, float]:
        entry = self.failures.get(str(account_id), {})
        return int(entry.get("count", 0)), float(entry.get("last", 0.0))

    def add_event(self, account_id: int | None, action: str, now: float | None = None) -> None:
        """Keep one event for the audit trail (sealed; counted only, past MAX_EVENTS or
        when the workspace has no events key yet)."""
        if action not in ACTIONS:
            raise ValueError(f"{action!r} is not an action reported before sign-in")
        number = self.next_number
        self.next_number += 1
        if len(self.events) >= MAX_EVENTS or self.public_key is None:
            self.overflow += 1
            return
        plain = json.dumps({"n": number, "at": now or time.time(), "account_id": account_id,
                            "action": action}).encode()
        ephemeral = X25519PrivateKey.generate()
        eph_public = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(self.public_key))
        nonce = os.urandom(12)
        sealed = AESGCM(_key(shared, eph_public, self.public_key)).encrypt(
            nonce, plain, _aad(self.workspace_id, number))
        self.events.append({"n": number, "eph": crypto.b64(eph_public),
                            "nonce": crypto.b64(nonce), "sealed": crypto.b64(sealed)})

    def record_failure(self, account_id: int | None, action: str, now: float | None = None) -> None:
        now = now or time.time()
        if account_id is not None:
            count, _ = self.count(account_id)
            self.failures[str(account_id)] = {"count": count + 1, "last": now}
        self.add_event(account_id, action, now)
        self.save()

    def count_failure(self, account_id: int, now: float | None = None) -> None:
        """Count a wrong password typed while someone is signed in (a countersignature):
        it is in the audit trail already, so no event is kept for later."""
        count, _ = self.count(account_id)
        self.failures[str(account_id)] = {"count": count + 1, "last": now or time.time()}
        self.save()

    def reset(self, account_id: int) -> None:
        """The right password was typed: the count starts again (other events are kept)."""
        if self.failures.pop(str(account_id), None) is not None:
            self.save()

    def clear(self, account_id: int) -> None:
        """Forget this account's failures (after it signed in). The events stay until the
        audit trail takes them (``carried_over``)."""
        if self.failures.pop(str(account_id), None) is not None:
            self.save()

    # -- into the audit trail ------------------------------------------------------------

    def open_events(self, private_key: bytes | None) -> CarriedOver:
        """The events, opened with the workspace's events key and checked: numbers after
        the anchor, rising, each action on the list."""
        taken, refused, missing, last = [], 0, 0, self.anchor
        private = X25519PrivateKey.from_private_bytes(private_key) if private_key else None
        for event in self.events:
            opened = None if private is None else self._open(private, event)
            if opened is None or opened.number != event["n"] or opened.number <= last:
                refused += 1
                continue
            missing += opened.number - last - 1
            last = opened.number
            taken.append(opened)
        return CarriedOver(tuple(taken), last, self.overflow, refused, missing)

    def _open(self, private: X25519PrivateKey, event: dict) -> Event | None:
        try:
            eph = crypto.unb64(event["eph"])
            shared = private.exchange(X25519PublicKey.from_public_bytes(eph))
            recipient = private.public_key().public_bytes_raw()
            plain = AESGCM(_key(shared, eph, recipient)).decrypt(
                crypto.unb64(event["nonce"]), crypto.unb64(event["sealed"]),
                _aad(self.workspace_id, event["n"]))
            data = json.loads(plain)
            account_id = data["account_id"]
            if account_id is not None:
                _whole(account_id, 1)
            if data["action"] not in ACTIONS:
                return None
            return Event(_whole(data["n"], 1), _time(data["at"]), account_id, data["action"])
        except Exception:   # anything that does not open as one of ours is refused
            return None

    def carried_over(self, anchor: int) -> None:
        """The trail has taken everything up to ``anchor``: empty the list and the count."""
        self.events, self.overflow = [], 0
        self.anchor = anchor
        self.next_number = max(self.next_number, anchor + 1)
        self.save()

    @staticmethod
    def set_aside_damaged(folder: Path) -> Path | None:
        """Move a damaged signin.json aside (untouched) so a new one can start; returns
        where it went. Only after a recovery-key sign-in."""
        from . import sidecars, swap
        path = Path(folder) / NAME
        if not os.path.lexists(path):
            return None
        target = Path(folder) / sidecars.SET_ASIDE / swap.stamp()
        target.mkdir(parents=True, exist_ok=True)
        os.rename(path, target / NAME)
        return target / NAME
