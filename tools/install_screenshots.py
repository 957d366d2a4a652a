"""Pictures and program output for docs/installing.md, taken from the packaged programs.

Run with `make install-screenshots` (after `make package`; it runs this under xvfb-run).
Saves into docs/installing/: the packaged sv2desk's first window on a (virtual) X screen,
the About box, and what `sv2desk-admin check-install` printed. Made-up data only, in a
throwaway folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist" / "sv2desk"
OUT = ROOT / "docs" / "installing"
PASSWORD = "practice password 1"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def crop_to_window(image):
    """The part of the screen that is not the bare (black) X background."""
    black = QColor(0, 0, 0).rgb()
    xs = [x for x in range(0, image.width(), 4)
          if any(image.pixel(x, y) != black for y in range(0, image.height(), 8))]
    ys = [y for y in range(0, image.height(), 4)
          if any(image.pixel(x, y) != black for x in range(0, image.width(), 8))]
    return image.copy(QRect(xs[0], ys[0], xs[-1] - xs[0] + 4, ys[-1] - ys[0] + 4))


def packaged_first_window(home: Path) -> None:
    """Start the packaged sv2desk on this X screen with no data: the set-up wizard."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "DISPLAY": os.environ["DISPLAY"], "XAUTHORITY": os.environ.get("XAUTHORITY", ""),
           "SV2DESK_LOG_DIR": str(home / "logs")}
    log = home / "logs" / "sv2desk.log"
    window = subprocess.Popen([str(DIST / "sv2desk")], env=env, cwd=home,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (log.exists() and "first window" in log.read_text("utf-8")):
            if time.monotonic() > deadline or window.poll() is not None:
                raise SystemExit("the packaged sv2desk did not show its window")
            settle(50)
        settle(800)
        shot = QGuiApplication.primaryScreen().grabWindow(0).toImage()
        crop_to_window(shot).save(str(OUT / "packaged-first-window.png"))
        print("saved docs/installing/packaged-first-window.png")
    finally:
        window.terminate()
        window.wait(timeout=20)


def about_box(home: Path) -> None:
    """The About box, opened from the main window's toolbar (made-up data)."""
    from sv2desk.services import auth, settings, setup
    from sv2desk.store.crypto import KdfParams
    from sv2desk.ui.shell.main_window import MainWindow
    os.environ["HOME"] = str(home)              # so the log folder shown is this person's
    os.environ.pop("SV2DESK_LOG_DIR", None)
    folder = home / ".local/share/SV2 Desk/workspace"
    created = setup.create_workspace(
        folder, organisation=settings.Organisation(name="SV2", phone="01234 567890"),
        admin_username="ann", admin_display_name="Ann Example", admin_password=PASSWORD,
        kdf=KdfParams(1, 8 * 1024, 1))
    main = MainWindow(created.session)
    main.show()
    dialog = main.show_about()
    settle()
    dialog.screen().grabWindow(dialog.winId()).save(str(OUT / "about.png"))
    print("saved docs/installing/about.png")
    dialog.close()
    main.close()
    main.deleteLater()
    settle()
    auth.sign_out(created.session)


def check_install_output(home: Path) -> None:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "SV2DESK_LOG_DIR": str(home / "logs")}
    done = subprocess.run([str(DIST / "sv2desk-admin"), "check-install"], env=env,
                          capture_output=True, text=True, timeout=300)
    text = done.stdout.replace(str(DIST), "/opt/sv2desk")
    (OUT / "check-install.txt").write_text(text, "utf-8")
    print("saved docs/installing/check-install.txt")


def main() -> int:
    if not (DIST / "sv2desk").is_file():
        raise SystemExit("Run 'make package' first.")
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="sv2desk-shots-") as tmp:
        for step, name in ((packaged_first_window, "a"), (about_box, "b"),
                           (check_install_output, "c")):
            home = Path(tmp) / name / "home" / "office"
            home.mkdir(parents=True)
            step(home)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
