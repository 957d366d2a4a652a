"""The key-slot file (keys.json): the master key wrapped once per account and once for recovery.

Like LUKS key slots. Each slot holds the master key encrypted with AES-256-GCM
under a key derived from a password (or the recovery key) with Argon2id; when
the workspace is bound to a PC, a device secret from the keyring is mixed in.
The whole file carries a SHA-256 checksum (catches damage before any key is
tried) and an HMAC under a key derived from the master key (catches a slot
list that was altered, swapped or rolled back). It also holds the head of the
audit chain, so a database replaced by an older copy of itself is noticed.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import errors
from . import crypto
from .files import write_atomically

FORMAT = "sv2desk-keys/1"
SALT_BYTES, NONCE_BYTES, TAG_BYTES = 16, 12, 16


def canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def password_bytes(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


@dataclass
class Slot:
    id: str
    kind: str                      # "account", "recovery" or "disabled" (a tombstone, no key)
    account_id: int | None = None
    user_tag: str | None = None
    kdf: crypto.KdfParams | None = None
    salt: bytes = b""
    bound: bool = False
    nonce: bytes = b""
    wrapped: bytes = b""

    def aad(self, workspace_id: str) -> bytes:
        return f"{workspace_id}|{self.id}|{self.kind}|{self.account_id}|{int(self.bound)}".encode()

    def to_json(self) -> dict:
        data = {"id": self.id, "kind": self.kind, "account_id": self.account_id,
                "user_tag": self.user_tag}
        if self.kind != "disabled":
            data.update(kdf=self.kdf.to_json(), salt=crypto.b64(self.salt), bound=self.bound,
                        nonce=crypto.b64(self.nonce), wrapped=crypto.b64(self.wrapped))
        return data

    @classmethod
    def from_json(cls, d: dict) -> "Slot":
        slot = cls(id=str(d["id"]), kind=str(d["kind"]), account_id=d.get("account_id"),
                   user_tag=d.get("user_tag"))
        if slot.kind not in ("account", "recovery", "disabled"):
            raise ValueError("unknown slot kind")
        if slot.kind != "disabled":
            slot.kdf = crypto.KdfParams.from_json(d["kdf"])
            slot.salt = crypto.unb64(d["salt"])
            slot.bound = bool(d["bound"])
            slot.nonce = crypto.unb64(d["nonce"])
            slot.wrapped = crypto.unb64(d["wrapped"])
            if (len(slot.salt), len(slot.nonce), len(slot.wrapped)) != (
                    SALT_BYTES, NONCE_BYTES, crypto.KEY_BYTES + TAG_BYTES):
                raise ValueError("slot field sizes")
        return slot


@dataclass
class SlotFile:
    workspace_id: str
    tag_salt: bytes
    kdf: crypto.KdfParams
    slots: list[Slot] = field(default_factory=list)
    device: dict | None = None       # {"check": hex, "nonce": b64, "wrapped": b64} when bound
    audit_head: dict = field(default_factory=lambda: {"seq": 0, "hash": ""})
    mac: str = ""

    # -- reading and writing -----------------------------------------------------

    @classmethod
    def new(cls, kdf: crypto.KdfParams) -> "SlotFile":
        return cls(workspace_id=str(uuid.uuid4()), tag_salt=os.urandom(16), kdf=kdf)

    def body(self) -> dict:
        return {"format": FORMAT, "workspace_id": self.workspace_id,
                "tag_salt": crypto.b64(self.tag_salt), "kdf": self.kdf.to_json(),
                "slots": [s.to_json() for s in self.slots], "device": self.device,
                "audit_head": self.audit_head}

    @classmethod
    def load(cls, path: Path) -> "SlotFile":
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise errors.SlotFileMissing() from None
        try:
            data = json.loads(raw.decode("utf-8"))
            checksum = data.pop("checksum")
            if hashlib.sha256(canonical(data)).hexdigest() != checksum:
                raise ValueError("checksum")
            mac = data.pop("mac")
            if data.pop("format") != FORMAT:
                raise ValueError("format")
            device = data["device"]
            if device is not None and not all(isinstance(device.get(k), str)
                                              for k in ("check", "nonce", "wrapped")):
                raise ValueError("device")
            return cls(workspace_id=str(data["workspace_id"]),
                       tag_salt=crypto.unb64(data["tag_salt"]),
                       kdf=crypto.KdfParams.from_json(data["kdf"]),
                       slots=[Slot.from_json(s) for s in data["slots"]],
                       device=data["device"], audit_head=dict(data["audit_head"]), mac=str(mac))
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise errors.SlotFileDamaged() from None

    def seal(self, master_key: bytes) -> None:
        self.mac = crypto.mac(self._mac_key(master_key), canonical(self.body()))

    def verify(self, master_key: bytes) -> None:
        if not crypto.mac_ok(self._mac_key(master_key), canonical(self.body()), self.mac):
            raise errors.SlotFileTampered()

    def save(self, path: Path, master_key: bytes) -> None:
        self.seal(master_key)
        data = self.body() | {"mac": self.mac}
        data["checksum"] = hashlib.sha256(canonical(data)).hexdigest()
        write_atomically(path, json.dumps(data, indent=1, sort_keys=True).encode())

    @staticmethod
    def _mac_key(master_key: bytes) -> bytes:
        return crypto.hkdf(master_key, "sv2desk keys.json mac")

    # -- slots -------------------------------------------------------------------

    def user_tag(self, username: str) -> str:
        """A salted hash of a username, so keys.json does not list staff names."""
        norm = unicodedata.normalize("NFC", username.strip().casefold())
        return hashlib.sha256(self.tag_salt + norm.encode("utf-8")).hexdigest()

    def find_user(self, username: str) -> Slot | None:
        tag = self.user_tag(username)
        return next((s for s in self.slots if s.user_tag == tag), None)

    def find_account(self, account_id: int) -> Slot | None:
        return next((s for s in self.slots if s.account_id == account_id), None)

    def recovery_slot(self) -> Slot:
        slot = next((s for s in self.slots if s.kind == "recovery"), None)
        if slot is None:
            raise errors.SlotFileDamaged()
        return slot

    def _kek(self, secret: bytes, slot: Slot, device_secret: bytes | None) -> bytes:
        kek = crypto.derive_key(secret, slot.salt, slot.kdf)
        if slot.bound:
            if device_secret is None:
                raise errors.DeviceNotEnrolled()
            kek = crypto.hkdf(kek, "sv2desk slot kek bound to device", salt=device_secret)
        return kek

    def make_slot(self, slot_id: str, kind: str, secret: bytes, master_key: bytes, *,
                  account_id: int | None = None, username: str | None = None,
                  device_secret: bytes | None = None) -> Slot:
        slot = Slot(id=slot_id, kind=kind, account_id=account_id,
                    user_tag=self.user_tag(username) if username else None,
                    kdf=self.kdf, salt=os.urandom(16),
                    bound=(kind == "account" and device_secret is not None))
        slot.nonce, slot.wrapped = crypto.wrap(self._kek(secret, slot, device_secret), master_key,
                                               slot.aad(self.workspace_id))
        return slot

    def open_slot(self, slot: Slot, secret: bytes, device_secret: bytes | None) -> bytes | None:
        """The master key, or None when the secret is wrong."""
        return crypto.unwrap(self._kek(secret, slot, device_secret), slot.nonce, slot.wrapped,
                             slot.aad(self.workspace_id))

    def put(self, slot: Slot) -> None:
        self.slots = [s for s in self.slots if s.id != slot.id] + [slot]

    def remove(self, slot_id: str) -> None:
        self.slots = [s for s in self.slots if s.id != slot_id]

    # -- device binding ---------------------------------------------------------

    @property
    def bound(self) -> bool:
        return self.device is not None

    @staticmethod
    def device_check(device_secret: bytes) -> str:
        return crypto.mac(device_secret, b"sv2desk device check")

    def bind(self, device_secret: bytes, master_key: bytes) -> None:
        nonce, wrapped = crypto.wrap(crypto.hkdf(master_key, "sv2desk device secret"),
                                     device_secret, self.workspace_id.encode())
        self.device = {"check": self.device_check(device_secret),
                       "nonce": crypto.b64(nonce), "wrapped": crypto.b64(wrapped)}

    def device_secret_from_master(self, master_key: bytes) -> bytes:
        secret = crypto.unwrap(crypto.hkdf(master_key, "sv2desk device secret"),
                               crypto.unb64(self.device["nonce"]),
                               crypto.unb64(self.device["wrapped"]), self.workspace_id.encode())
        if secret is None:
            raise errors.SlotFileTampered()
        return secret
