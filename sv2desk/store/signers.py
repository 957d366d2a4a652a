"""An audit signing key unlocked in an open workspace (Ed25519, from ``cryptography``).

Its private half is kept in its owner's key slot (slots.py), wrapped under the key their
password derives, so it is in memory only while they are signed in (or, for a
countersign, for one transaction). services/audit.py signs every entry with one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True)
class Signer:
    id: str                 # "account-<id>" or "recovery"
    public: bytes
    _private: Ed25519PrivateKey = field(repr=False, compare=False)

    @classmethod
    def from_seed(cls, signer_id: str, seed: bytes) -> "Signer":
        private = Ed25519PrivateKey.from_private_bytes(seed)
        return cls(signer_id, private.public_key().public_bytes_raw(), private)

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)
