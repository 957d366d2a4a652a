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

Each slot with a key also holds its owner's audit signing key (Ed25519, see
services/audit.py): the public half in the clear, the private half wrapped under the
same key the password (or the recovery key) derives, so only its owner can sign. The
file holds the public half of the key that seals events recorded before anyone signs
in (``events``; its private half is wrapped under the master key), and the number of
the last such event carried into the audit trail (``signin_anchor``).

Everything read from the file is checked for type, size and shape before use: a damaged
or hostile file is SlotFileDamaged (or SlotFileUnreadable), never a crash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from .. import errors
from ..policy import usernames
from . import crypto
from .files import write_atomically

FORMAT = "sv2desk-keys/1"
SALT_BYTES, NONCE_BYTES, TAG_BYTES = 16, 12, 16
SIGN_KEY_BYTES = 32
MAX_FILE_BYTES = 4 * 1024 * 1024     # thousands of slots; anything larger is not ours
MAX_SLOTS = 5000


def _int(value, low: int = 0) -> int:
    """A whole number read from the file (not a bool, a float or text)."""
    if type(value) is not int or value < low:
        raise ValueError("not a whole number")
    return value


def _str(value) -> str:
    if type(value) is not str:
        raise ValueError("not text")
    return value


def _dict(value) -> dict:
    if type(value) is not dict:
        raise ValueError("not an object")
    return value


def _reject_constant(name):
    raise ValueError(f"{name} is not allowed")


def parse_json(raw: bytes):
    """JSON as SV2 Desk writes it: UTF-8, no NaN or Infinity, nesting Python can read.
    ValueError for anything else."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


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
    sign_public: bytes = b""       # the owner's audit signing key (public half)
    sign_nonce: bytes = b""
    sign_wrapped: bytes = b""      # its private half, wrapped under the slot's KEK

    @property
    def has_key(self) -> bool:
        return self.kind in ("account", "recovery")

    @property
    def signer(self) -> str:
        """Who this slot signs audit entries as: "account-<id>" or "recovery"."""
        return "recovery" if self.kind == "recovery" else f"account-{self.account_id}"

    def sign_aad(self, workspace_id: str) -> bytes:
        return f"{workspace_id}|{self.id}|signing|{self.sign_public.hex()}".encode()

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
            if self.sign_public:
                data["signing"] = {"public": crypto.b64(self.sign_public),
                                   "nonce": crypto.b64(self.sign_nonce),
                                   "wrapped": crypto.b64(self.sign_wrapped)}
        return data

    @classmethod
    def from_json(cls, d: dict) -> "Slot":
        d = _dict(d)
        account_id = d.get("account_id")
        user_tag = d.get("user_tag")
        slot = cls(id=_str(d["id"]), kind=_str(d["kind"]),
                   account_id=None if account_id is None else _int(account_id, 1),
                   user_tag=None if user_tag is None else _str(user_tag))
        if slot.kind not in ("account", "recovery", "disabled", "reset"):
            raise ValueError("unknown slot kind")
        if slot.kind != "recovery" and slot.account_id is None:
            raise ValueError("a staff slot without its account")
        if slot.has_key:
            slot.gen = _int(d.get("gen", 0))
            slot.kdf = crypto.KdfParams.from_json(_dict(d["kdf"]))
            slot.salt = crypto.unb64(_str(d["salt"]))
            if type(d["bound"]) is not bool:
                raise ValueError("bound")
            slot.bound = d["bound"]
            slot.nonce = crypto.unb64(_str(d["nonce"]))
            slot.wrapped = crypto.unb64(_str(d["wrapped"]))
            if (len(slot.salt), len(slot.nonce), len(slot.wrapped)) != (
                    SALT_BYTES, NONCE_BYTES, crypto.KEY_BYTES + TAG_BYTES):
                raise ValueError("slot field sizes")
            if "signing" in d:
                signing = _dict(d["signing"])
                slot.sign_public = crypto.unb64(_str(signing["public"]))
                slot.sign_nonce = crypto.unb64(_str(signing["nonce"]))
                slot.sign_wrapped = crypto.unb64(_str(signing["wrapped"]))
                if (len(slot.sign_public), len(slot.sign_nonce), len(slot.sign_wrapped)) != (
                        SIGN_KEY_BYTES, NONCE_BYTES, SIGN_KEY_BYTES + TAG_BYTES):
                    raise ValueError("signing key sizes")
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
    events: dict | None = None       # {"public", "nonce", "wrapped"}: seals signin.json events
    signin_anchor: int = 0           # the last signin.json event carried into the audit trail

    # -- reading and writing -----------------------------------------------------

    @classmethod
    def new(cls, kdf: crypto.KdfParams) -> "SlotFile":
        return cls(workspace_id=str(uuid.uuid4()), tag_salt=os.urandom(16), kdf=kdf)

    def body(self) -> dict:
        return {"format": FORMAT, "workspace_id": self.workspace_id,
                "tag_salt": crypto.b64(self.tag_salt), "kdf": self.kdf.to_json(),
                "slots": [s.to_json() for s in self.slots], "device": self.device,
                "audit_head": self.audit_head} | self._rekey_fields() | self._event_fields()

    def _rekey_fields(self) -> dict:
        if not (self.key_gen or self.links or self.pending):
            return {}
        return {"key_gen": self.key_gen, "links": self.links, "pending": self.pending}

    def _event_fields(self) -> dict:
        fields = {}
        if self.events is not None:
            fields["events"] = self.events
        if self.signin_anchor:
            fields["signin_anchor"] = self.signin_anchor
        return fields

    @classmethod
    def load(cls, path: Path) -> "SlotFile":
        path = Path(path)
        try:
            if path.is_symlink() or (path.exists() and not path.is_file()):
                raise errors.SlotFileUnreadable()
            with open(path, "rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise errors.SlotFileMissing() from None
        except OSError:
            raise errors.SlotFileUnreadable() from None
        if len(raw) > MAX_FILE_BYTES:
            raise errors.SlotFileDamaged()
        return cls._parse(raw)

    @classmethod
    def _parse(cls, raw: bytes) -> "SlotFile":
        try:
            data = _dict(parse_json(raw))
            checksum = _str(data.pop("checksum"))
            if hashlib.sha256(canonical(data)).hexdigest() != checksum:
                raise ValueError("checksum")
            mac = _str(data.pop("mac"))
            if data.pop("format") != FORMAT:
                raise ValueError("format")
            device = data["device"]
            if device is not None and not (type(device) is dict and all(
                    type(device.get(k)) is str for k in ("check", "nonce", "wrapped"))):
                raise ValueError("device")
            links = {}
            for g, v in _dict(data.get("links", {})).items():
                v = _dict(v)
                links[str(_int(int(g)))] = {"nonce": _str(v["nonce"]),
                                            "wrapped": _str(v["wrapped"])}
            head = _dict(data["audit_head"])
            head = {"seq": _int(head.get("seq", 0)), "hash": _str(head.get("hash", ""))}
            slot_list = data["slots"]
            if type(slot_list) is not list or len(slot_list) > MAX_SLOTS:
                raise ValueError("slots")
            slots = [Slot.from_json(s) for s in slot_list]
            if len({s.id for s in slots}) != len(slots):
                raise ValueError("two slots with one id")
            events = data.get("events")
            if events is not None:
                events = {k: _str(_dict(events)[k]) for k in ("public", "nonce", "wrapped")}
                if len(crypto.unb64(events["public"])) != 32:
                    raise ValueError("events key size")
            pending = data.get("pending", False)
            if type(pending) is not bool:
                raise ValueError("pending")
            return cls(workspace_id=_str(data["workspace_id"]),
                       tag_salt=crypto.unb64(_str(data["tag_salt"])),
                       kdf=crypto.KdfParams.from_json(_dict(data["kdf"])),
                       slots=slots, device=device, audit_head=head, mac=mac,
                       key_gen=_int(data.get("key_gen", 0)), links=links, pending=pending,
                       events=events, signin_anchor=_int(data.get("signin_anchor", 0)))
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError,
                OverflowError, IndexError):
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
        """A salted hash of a username (in policy/usernames.py's normal form), so keys.json
        does not list staff names."""
        norm = usernames.normal_form(username)
        return hashlib.sha256(self.tag_salt + norm.encode("utf-8", "surrogatepass")).hexdigest()

    def legacy_user_tag(self, username: str) -> str:
        """The tag as versions before the NFKC normal form made it (NFC of the case fold);
        such a slot is given the new tag at its owner's next sign-in."""
        norm = unicodedata.normalize("NFC", username.strip().casefold())
        return hashlib.sha256(self.tag_salt + norm.encode("utf-8", "surrogatepass")).hexdigest()

    def find_users(self, username: str) -> list[Slot]:
        """Every slot this username may be (usually one; two accounts made before usernames
        were compared in one form can share a tag, and each is tried)."""
        tags = [self.user_tag(username), self.legacy_user_tag(username)]
        return [s for tag in dict.fromkeys(tags) for s in self.slots if s.user_tag == tag]

    def find_user(self, username: str) -> Slot | None:
        found = self.find_users(username)
        return found[0] if found else None

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
                  device_secret: bytes | None = None,
                  signing_seed: bytes | None = None) -> Slot:
        """A new slot, with a new audit signing key (``signing_seed`` when given)."""
        slot = Slot(id=slot_id, kind=kind, account_id=account_id,
                    user_tag=self.user_tag(username) if username else None,
                    kdf=self.kdf, salt=os.urandom(16),
                    bound=(kind == "account" and device_secret is not None))
        kek = self._kek(secret, slot, device_secret)
        return self.with_signing_key(self.rewrap(slot, kek, master_key), kek, signing_seed)[0]

    def rewrap(self, slot: Slot, kek: bytes, master_key: bytes) -> Slot:
        """``slot`` wrapping ``master_key`` (the current generation's) under the same KEK."""
        new = Slot(id=slot.id, kind=slot.kind, account_id=slot.account_id,
                   user_tag=slot.user_tag, kdf=slot.kdf, salt=slot.salt, bound=slot.bound,
                   gen=self.key_gen, sign_public=slot.sign_public, sign_nonce=slot.sign_nonce,
                   sign_wrapped=slot.sign_wrapped)
        new.nonce, new.wrapped = crypto.wrap(kek, master_key, new.aad(self.workspace_id))
        return new

    def strengthened(self, slot: Slot, old_kek: bytes, secret: bytes, master_key: bytes,
                     device_secret: bytes | None) -> Slot:
        """``slot`` made again at least at the floor's Argon2 parameters (a new salt, a KEK
        derived from ``secret`` with them), wrapping the same master key and holding the
        same audit signing key (its seed opened with ``old_kek``), so entries it signed
        before still verify. Takes one derivation at the new parameters."""
        seed = self.signing_seed(slot, old_kek)
        new = dataclasses.replace(slot, kdf=crypto.at_least_floor(slot.kdf),
                                  salt=os.urandom(SALT_BYTES))
        kek = self._kek(secret, new, device_secret)
        new = self.rewrap(new, kek, master_key)
        if seed is not None:
            new = self.with_signing_key(new, kek, seed)[0]
        return new

    # -- audit signing keys (services/audit.py) ------------------------------------------

    @staticmethod
    def _sign_kek(kek: bytes) -> bytes:
        return crypto.hkdf(kek, "sv2desk audit signing key")

    def with_signing_key(self, slot: Slot, kek: bytes,
                         seed: bytes | None = None) -> tuple[Slot, bytes]:
        """``slot`` holding a (new, unless ``seed`` is given) signing key; and its seed."""
        seed = seed or os.urandom(SIGN_KEY_BYTES)
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
        new = dataclasses.replace(slot, sign_public=public)
        new.sign_nonce, new.sign_wrapped = crypto.wrap(self._sign_kek(kek), seed,
                                                       new.sign_aad(self.workspace_id))
        return new, seed

    def signing_seed(self, slot: Slot, kek: bytes) -> bytes | None:
        """The slot's private signing key (None when it has none, or it does not open)."""
        if not slot.sign_public:
            return None
        return crypto.unwrap(self._sign_kek(kek), slot.sign_nonce, slot.sign_wrapped,
                             slot.sign_aad(self.workspace_id))

    # -- the key that seals events recorded before sign-in (store/signin_state.py) --------

    def _events_aad(self) -> bytes:
        return f"{self.workspace_id}|signin events".encode()

    def make_events_key(self, master_key: bytes) -> None:
        private = X25519PrivateKey.generate()
        raw = private.private_bytes_raw()
        nonce, wrapped = crypto.wrap(crypto.hkdf(master_key, "sv2desk signin events key"),
                                     raw, self._events_aad())
        self.events = {"public": crypto.b64(private.public_key().public_bytes_raw()),
                       "nonce": crypto.b64(nonce), "wrapped": crypto.b64(wrapped)}

    @property
    def events_public(self) -> bytes | None:
        return None if self.events is None else crypto.unb64(self.events["public"])

    def events_private(self, master_key: bytes) -> bytes | None:
        if self.events is None:
            return None
        try:
            return crypto.unwrap(crypto.hkdf(master_key, "sv2desk signin events key"),
                                 crypto.unb64(self.events["nonce"]),
                                 crypto.unb64(self.events["wrapped"]), self._events_aad())
        except ValueError:
            return None

    def rewrap_events(self, old_master: bytes, new_master: bytes) -> None:
        """After a change of master key: the same events key, wrapped under the new one."""
        raw = self.events_private(old_master)
        if raw is None:
            self.make_events_key(new_master)
            return
        nonce, wrapped = crypto.wrap(crypto.hkdf(new_master, "sv2desk signin events key"),
                                     raw, self._events_aad())
        self.events = dict(self.events, nonce=crypto.b64(nonce), wrapped=crypto.b64(wrapped))

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
