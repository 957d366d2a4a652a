"""Client-side encryption of special-category text on the office server: concern
information, notes, safeguarding details, letters and drafts are sealed (AES-256-GCM under
a key derived from the workspace's master key) before they leave the PC, so the server, its
dumps and its backups never hold them in plain text. One-PC workspaces are not changed:
their whole file is encrypted by SQLCipher already.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .. import errors
from . import crypto

TEXT_PREFIX = "sv2s1:"
BYTES_PREFIX = b"sv2s1"
_AAD = b"sv2desk sealed column v1"


class Sealer:
    """Seals and opens column values with one workspace's column key."""

    def __init__(self, master_key: bytes):
        self._aead = AESGCM(crypto.hkdf(master_key, "sv2desk server column key"))

    def seal_bytes(self, value: bytes) -> bytes:
        nonce = os.urandom(12)
        return BYTES_PREFIX + nonce + self._aead.encrypt(nonce, value, _AAD)

    def open_bytes(self, value: bytes) -> bytes:
        value = bytes(value)
        if not value.startswith(BYTES_PREFIX):
            raise errors.WorkspaceDamaged()
        body = value[len(BYTES_PREFIX):]
        try:
            return self._aead.decrypt(body[:12], body[12:], _AAD)
        except (InvalidTag, ValueError):
            raise errors.WorkspaceDamaged() from None

    def seal_text(self, value: str) -> str:
        sealed = self.seal_bytes(value.encode("utf-8"))[len(BYTES_PREFIX):]
        return TEXT_PREFIX + base64.b64encode(sealed).decode("ascii")

    def open_text(self, value: str) -> str:
        if not value.startswith(TEXT_PREFIX):
            raise errors.WorkspaceDamaged()
        try:
            raw = base64.b64decode(value[len(TEXT_PREFIX):], validate=True)
        except ValueError:
            raise errors.WorkspaceDamaged() from None
        return self.open_bytes(BYTES_PREFIX + raw).decode("utf-8")


class NoKey:
    """Stands in on a connection that has no workspace key (the owner's, at set-up): any
    attempt to write or read sealed text there is a mistake, and is refused."""

    def seal_text(self, value):
        raise RuntimeError("sealed text written without the workspace key")

    seal_bytes = open_text = open_bytes = seal_text
