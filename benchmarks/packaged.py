"""The packaged application's start-up: start to sign-in window, and ``--version``.

Runs the programs `make package` built (build/dist/sv2desk/), offscreen, as an office
PC would start them: the clock runs from starting the process until its log says the
sign-in window is shown (the log line is written once Qt's event loop has run, so the
window has been laid out and painted).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist" / "sv2desk"
BUDGET_S = 1.0
RUNS = 5


def _env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "SV2DESK_LOG_DIR": str(home / "logs"),
            "SV2DESK_WORKSPACE": str(home / "data"), "SV2DESK_KDF_TARGET_MS": "5",
            "SV2DESK_NEW_PASSWORD": os.urandom(12).hex()}


def _until_shown(env: dict[str, str], log: Path, timeout: float = 30) -> float:
    """Seconds from starting sv2desk to its "first window shown" log line."""
    log.unlink(missing_ok=True)
    started = time.perf_counter()
    process = subprocess.Popen([str(DIST / "sv2desk")], env=env, cwd=env["HOME"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout:
            if log.exists() and "first window (SignInWindow) shown" in log.read_text("utf-8"):
                return time.perf_counter() - started
            if process.poll() is not None:
                raise RuntimeError(f"sv2desk exited with {process.returncode}")
            time.sleep(0.002)
        raise RuntimeError("the sign-in window was not shown in time")
    finally:
        process.terminate()
        process.wait(timeout=20)


def run(report) -> None:
    if not (DIST / "sv2desk").is_file():
        report.note("no package here: run 'make package' first (nothing measured)")
        return
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        home = Path(tmp)
        env = _env(home)
        subprocess.run([str(DIST / "sv2desk-admin"), "init", "--organisation", "Bench",
                        "--admin-username", "bench", "--admin-name", "Bench Admin"],
                       env=env, capture_output=True, check=True)
        log = home / "logs" / "sv2desk.log"
        _until_shown(env, log)        # the first start reads the files from disk
        starts = [_until_shown(env, log) for _ in range(RUNS)]
        versions = []
        for _ in range(RUNS):
            began = time.perf_counter()
            subprocess.run([str(DIST / "sv2desk"), "--version"], env=env,
                           capture_output=True, check=True)
            versions.append(time.perf_counter() - began)
    report.figure(f"packaged sv2desk: start to sign-in window, median of {RUNS}",
                  statistics.median(starts), "s", budget=BUDGET_S,
                  budget_text=f"< {BUDGET_S:g} s")
    report.note(f"(runs: {', '.join(f'{s:.3f}' for s in starts)} s, after one start to "
                "warm the disk cache)")
    report.figure(f"packaged sv2desk --version, median of {RUNS}",
                  statistics.median(versions), "s")
