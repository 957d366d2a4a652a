"""Helpers shared by the safety tests (bad files, tampering, crash safety, canaries)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sv2desk import errors

# Words that have no place in a message shown to a support worker.
JARGON = ("sqlite", "sqlcipher", "hmac", "traceback", "exception", "pragma", "malformed",
          "errno", "codec", "cipher", "decrypt", "nonetype", "keyerror", "valueerror", "0x")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> SHA-256 of its bytes)."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def changes(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """What differs between two snapshots (names only, never contents)."""
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": sorted(n for n in set(before) & set(after) if before[n] != after[n]),
    }


def assert_plain_message(exc: errors.SV2Error) -> None:
    """The error a person sees is plain English: no driver or crypto words, no code."""
    assert isinstance(exc, errors.SV2Error)
    message = exc.message
    assert message and message == str(exc)
    assert message[0].isupper() and message.rstrip().endswith(".")
    lowered = message.lower()
    found = [word for word in JARGON if word in lowered]
    assert not found, f"{type(exc).__name__} message uses jargon: {found}"


def flip_byte(path: Path, offset: int, mask: int = 0x01) -> None:
    """XOR one byte of a file in place (a negative offset counts from the end)."""
    data = bytearray(Path(path).read_bytes())
    data[offset] ^= mask
    Path(path).write_bytes(bytes(data))
