"""The key-slot file (keys.json): the master key wrapped once per account and once for recovery.

Like LUKS key slots. Each slot holds the master key encrypted with AES-256-GCM
under a key derived from a password (or the recovery key) with Argon2id; when
the workspace is bound to a PC, a device secret from the keyring is mixed in.
The whole file carries a SHA-256 checksum (catches damage before any key is
tried) and an HMAC under a key derived from the master key (catches a slot
list that was altered, swapped or rolled back). It also holds the head of the
audit chain, so a database replaced by an older copy of itself is noticed.

After a change of master key (see rekey.py) each slot carries the generation of
the key it wraps, and ``links`` hold each newer key wrapped under the key before
it, so a slot made before the change still opens: its key is followed along the
links to the current one, and the slot is rewrapped under the current key at that
sign-in. Fields that only exist after a change of key are written only then, so
files written before it read, and verify, exactly as they did.
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
    kind: str                      # "account", "recovery", "disabled" (a tombstone, no key)
                                   # or "reset" (no key: wait for an administrator's reset)
    account_id: int | None = None
    user_tag: str | None = None
    kdf: crypto.KdfParams | None = None
    salt: bytes = b""
    bound: bool = False
    nonce: bytes = b""
    wrapped: bytes = b""
    gen: int = 0                   # the generation of the master key this slot wraps

    @property
    def has_key(self) -> bool:
        return self.kind in ("account", "recovery")

    def aad(self, workspace_id: str) -> bytes:
        return f"{workspace_id}|{self.id}|{self.kind}|{self.account_id}|{int(self.bound)}".encode()

    def to_json(self) -> dict:
        data = {"id": self.id, "kind": self.kind, "account_id": self.account_id,
                "user_tag": self.user_tag}
        if self.has_key:
            data.update(kdf=self.kdf.to_json(), salt=crypto.b64(self.salt), bound=self.bound,
                        nonce=crypto.b64(self.nonce), wrapped=crypto.b64(self.wrapped))
            if self.gen:
                data["gen"] = self.gen
        return data

    @classmethod
    def from_json(cls, d: dict) -> "Slot":
        slot = cls(id=str(d["id"]), kind=str(d["kind"]), account_id=d.get("account_id"),
                   user_tag=d.get("user_tag"))
        if slot.kind not in ("account", "recovery", "disabled", "reset"):
            raise ValueError("unknown slot kind")
        if slot.has_key:
            slot.gen = int(d.get("gen", 0))
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
    key_gen: int = 0                 # generation of the current master key (0: never changed)
    links: dict = field(default_factory=dict)   # "g" -> {nonce, wrapped}: key g+1 under key g
    pending: bool = False            # a change of key was started: the database may be at
                                     # key_gen or key_gen + 1 (see rekey.py)

    # -- reading and writing -----------------------------------------------------

    @classmethod
    def new(cls, kdf: crypto.KdfParams) -> "SlotFile":
        return cls(workspace_id=str(uuid.uuid4()), tag_salt=os.urandom(16), kdf=kdf)

    def body(self) -> dict:
        return {"format": FORMAT, "workspace_id": self.workspace_id,
                "tag_salt": crypto.b64(self.tag_salt), "kdf": self.kdf.to_json(),
                "slots": [s.to_json() for s in self.slots], "device": self.device,
                "audit_head": self.audit_head} | self._rekey_fields()

    def _rekey_fields(self) -> dict:
        if not (self.key_gen or self.links or self.pending):
            return {}
        return {"key_gen": self.key_gen, "links": self.links, "pending": self.pending}

    @classmethod
    def load(cls, path: Path) -> "SlotFile":
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise errors.SlotFileMissing() from None
        return cls._parse(raw)

    @classmethod
    def _parse(cls, raw: bytes) -> "SlotFile":
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
            links = {str(int(g)): {"nonce": str(v["nonce"]), "wrapped": str(v["wrapped"])}
                     for g, v in dict(data.get("links", {})).items()}
            return cls(workspace_id=str(data["workspace_id"]),
                       tag_salt=crypto.unb64(data["tag_salt"]),
                       kdf=crypto.KdfParams.from_json(data["kdf"]),
                       slots=[Slot.from_json(s) for s in data["slots"]],
                       device=data["device"], audit_head=dict(data["audit_head"]), mac=str(mac),
                       key_gen=int(data.get("key_gen", 0)), links=links,
                       pending=bool(data.get("pending", False)))
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise errors.SlotFileDamaged() from None

    def seal(self, master_key: bytes) -> None:
        self.mac = crypto.mac(self._mac_key(master_key), canonical(self.body()))

    def verify(self, master_key: bytes) -> None:
        if not crypto.mac_ok(self._mac_key(master_key), canonical(self.body()), self.mac):
            raise errors.SlotFileTampered()

    def save(self, path: Path, master_key: bytes) -> None:
        write_atomically(path, self.dumps(master_key))

    def dumps(self, master_key: bytes) -> bytes:
        """The file's bytes, sealed with ``master_key`` (for save, and for a backup)."""
        self.seal(master_key)
        data = self.body() | {"mac": self.mac}
        data["checksum"] = hashlib.sha256(canonical(data)).hexdigest()
        return json.dumps(data, indent=1, sort_keys=True).encode()

    @classmethod
    def loads(cls, raw: bytes) -> "SlotFile":
        """Read a key file held in memory (for example inside a backup)."""
        return cls._parse(raw)

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
        return self.rewrap(slot, self._kek(secret, slot, device_secret), master_key)

    def rewrap(self, slot: Slot, kek: bytes, master_key: bytes) -> Slot:
        """``slot`` wrapping ``master_key`` (the current generation's) under the same KEK."""
        new = Slot(id=slot.id, kind=slot.kind, account_id=slot.account_id,
                   user_tag=slot.user_tag, kdf=slot.kdf, salt=slot.salt, bound=slot.bound,
                   gen=self.key_gen)
        new.nonce, new.wrapped = crypto.wrap(kek, master_key, new.aad(self.workspace_id))
        return new

    def open_slot(self, slot: Slot, secret: bytes, device_secret: bytes | None) -> bytes | None:
        """The current master key, or None when the secret is wrong."""
        opened = self.unlock(slot, secret, device_secret)
        return None if opened is None else opened[1]

    def unlock(self, slot: Slot, secret: bytes,
               device_secret: bytes | None) -> tuple[bytes, bytes] | None:
        """(the slot's KEK, the current master key), or None when the secret is wrong.

        A slot from before a change of key opens the key of its generation, which is
        followed along the links to the current one."""
        kek = self._kek(secret, slot, device_secret)
        key = crypto.unwrap(kek, slot.nonce, slot.wrapped, slot.aad(self.workspace_id))
        if key is None:
            return None
        return kek, self.follow_links(key, slot.gen, self.key_gen)

    # -- changes of master key (rekey.py) -------------------------------------------

    def _link_aad(self, gen: int) -> bytes:
        return f"{self.workspace_id}|link|{gen}".encode()

    def add_link(self, gen: int, old_key: bytes, new_key: bytes) -> None:
        """Keep key ``gen + 1`` wrapped under key ``gen``."""
        nonce, wrapped = crypto.wrap(crypto.hkdf(old_key, "sv2desk key link"), new_key,
                                     self._link_aad(gen))
        self.links[str(gen)] = {"nonce": crypto.b64(nonce), "wrapped": crypto.b64(wrapped)}

    def follow_links(self, key: bytes, gen: int, upto: int) -> bytes:
        """Key ``upto`` from key ``gen``. A missing or altered link is a tampered file."""
        while gen < upto:
            link = self.links.get(str(gen))
            key = None if link is None else crypto.unwrap(
                crypto.hkdf(key, "sv2desk key link"), crypto.unb64(link["nonce"]),
                crypto.unb64(link["wrapped"]), self._link_aad(gen))
            if key is None:
                raise errors.SlotFileTampered()
            gen += 1
        return key

    def waiting_slots(self) -> list[Slot]:
        """Slots still wrapping an older key (their owner has not signed in since)."""
        return [s for s in self.slots if s.has_key and s.gen < self.key_gen]

    def prune_links(self) -> None:
        """Drop the links no slot needs any more."""
        oldest = min((s.gen for s in self.slots if s.has_key), default=self.key_gen)
        pending = {str(self.key_gen)} if self.pending else set()
        self.links = {g: v for g, v in self.links.items() if int(g) >= oldest or g in pending}

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
