"""Binding a workspace to one PC with a device secret kept in the OS keyring.

There is never a plaintext fallback: with no keyring backend, binding is
refused and the workspace works unbound.
"""

from __future__ import annotations

import os

import keyring
from keyring.errors import KeyringError

from .. import errors

SERVICE = "SV2 Desk"


def _entry(workspace_id: str) -> str:
    return f"device-secret:{workspace_id}"


def backend_available() -> bool:
    """True when the keyring has a usable backend on this PC."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is the same as none
        return False
    module = type(backend).__module__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return False
    return getattr(backend, "priority", 1) > 0 or module.startswith("keyring.backends.chainer")


def unavailable_reason() -> str | None:
    """Plain-English reason binding is not possible here, or None when it is."""
    return None if backend_available() else errors.KeyringUnavailable.message


def new_secret() -> bytes:
    return os.urandom(32)


def store_secret(workspace_id: str, secret: bytes) -> None:
    if not backend_available():
        raise errors.KeyringUnavailable()
    try:
        keyring.set_password(SERVICE, _entry(workspace_id), secret.hex())
    except KeyringError:
        raise errors.KeyringUnavailable() from None


def load_secret(workspace_id: str) -> bytes | None:
    """This PC's device secret for the workspace; None when the keyring has none."""
    if not backend_available():
        return None
    try:
        text = keyring.get_password(SERVICE, _entry(workspace_id))
    except KeyringError:
        return None
    if text is None:
        return None
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""  # present but unreadable: reported as a mismatch
