"""Helpers shared by the safety tests (bad files, tampering, crash safety, canaries)."""

from __future__ import annotations

import hashlib
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sv2desk import errors

# Words that have no place in a message shown to a support worker.
JARGON = ("sqlite", "sqlcipher", "hmac", "traceback", "exception", "pragma", "malformed",
          "errno", "codec", "cipher", "decrypt", "nonetype", "keyerror", "valueerror", "0x")
LINE_TIMEOUT = 60  # seconds to wait for the next line before calling the helper stuck


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


ROOT = Path(__file__).resolve().parents[2]


def start_helper(tmp_path: Path, name: str, source: str, **env: str):
    """The kill -9 tests' helper process: ``source`` (a script that serves its commands
    with tests/support/forking.py) written to ``tmp_path``/``name``.py and started with
    ``env`` added to this process's environment. Returns (the process, its Lines)."""
    script = tmp_path / f"{name}.py"
    script.write_text(source)
    stderr_path = tmp_path / f"{name}.err"
    env = dict(os.environ, **env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=stderr, env=env)
    return process, Lines(process.stdout, stderr_path)


class Lines:
    """Lines from a pipe, waiting on the pipe itself (select) with a timeout."""

    def __init__(self, pipe, stderr_path):
        self.fd = pipe.fileno()
        self.buffer = b""
        self.stderr_path = stderr_path

    def next(self) -> str:
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.fd], [], [], LINE_TIMEOUT)
            chunk = os.read(self.fd, 65536) if ready else b""
            if not chunk:
                pytest.fail("the crash-test helper stopped or hung; its errors:\n"
                            + self.stderr_path.read_text(errors="replace")[-3000:])
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def watch(self, seconds: float) -> list[str]:
        """Wait on the pipe for up to ``seconds``; return the lines that came meanwhile
        (so a kill lands at a random moment of the worker's work, not just after a line)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    break
                self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        return [line.decode() for line in complete]
