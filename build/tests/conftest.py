"""Running the packaged programs (build/dist/sv2desk/) as an office PC would: no source
tree, no virtual environment, no screen unless a test gives one.

These tests need `make package` first; `make test-package` does both. A missing package
is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "build" / "dist" / "sv2desk"
GUI = DIST / "sv2desk"
ADMIN = DIST / "sv2desk-admin"
PASSWORD = "a long practice password 1"

sys.path.insert(0, str(ROOT / "build"))   # bundle.py: what the build was asked to include


def office_env(home: Path, **extra: str) -> dict[str, str]:
    """What a freshly installed program sees: a home folder, a plain PATH, UTF-8, and
    nothing of this test run (no DISPLAY, no QT_QPA_PLATFORM, no PYTHONPATH)."""
    env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "SV2DESK_LOG_DIR": str(home / "logs"), "SV2DESK_KDF_TARGET_MS": "5",
           "SV2DESK_PASSWORD": PASSWORD, "SV2DESK_NEW_PASSWORD": PASSWORD}
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def package() -> Path:
    if not (GUI.is_file() and ADMIN.is_file()):
        pytest.fail(f"There is no package in {DIST}: run 'make package' first "
                    "('make test-package' builds it and runs these tests).")
    return DIST


@pytest.fixture
def home(tmp_path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def run(program: Path, *args: str, env: dict[str, str], cwd: Path | None = None,
        timeout: float = 180, check: bool = True) -> subprocess.CompletedProcess:
    """Run a packaged program; on an unexpected exit code, fail showing what it said."""
    done = subprocess.run([str(program), *args], env=env, cwd=cwd or env["HOME"],
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        pytest.fail(f"{program.name} {' '.join(args)} exited with {done.returncode}\n"
                    f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}")
    return done


def wait_for_log(log: Path, text: str, process: subprocess.Popen, timeout: float = 60) -> str:
    """The log line holding ``text``, once the program writes it (it runs by itself, so
    this polls the file until it appears or the program exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            for line in log.read_text("utf-8").splitlines():
                if text in line:
                    return line
        if process.poll() is not None:
            break
        time.sleep(0.02)
    out, err = process.communicate(timeout=10) if process.poll() is not None else ("", "")
    pytest.fail(f"The program did not log {text!r} (exit code {process.poll()}).\n"
                f"log: {log.read_text('utf-8') if log.exists() else '(none)'}\n"
                f"stdout: {out}\nstderr: {err}")


def stop(process: subprocess.Popen) -> tuple[str, str]:
    """End a program this test started (by its own handle) and collect what it printed."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def have(command: str) -> None:
    if shutil.which(command) is None:
        pytest.fail(f"This test needs '{command}' (make test-package installs it).")


@pytest.fixture
def xserver(tmp_path):
    """A virtual X screen (Xvfb) for this test alone; yields its DISPLAY."""
    have("Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1280x900x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=20)
