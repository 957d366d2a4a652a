"""Start the SV2 Desk desktop application (the `sv2desk` program).

``--help`` and ``--version`` answer before Qt is loaded, so they work without a screen;
on Linux, a missing screen or missing system library is explained in plain words
(screen_check) instead of Qt aborting.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()

DESCRIPTION = """\
Start SV2 Desk, the casework program for SV2's support workers, managers and
administrators.

The first time it runs with no SV2 Desk data, it sets the data up: the
organisation's name, the first administrator, and the recovery key (shown once,
to write down or print). After that it opens at the sign-in window.
"""


def build_parser() -> argparse.ArgumentParser:
    from .. import about, paths
    parser = argparse.ArgumentParser(
        prog="sv2desk", description=DESCRIPTION,
        epilog=f"The data folder on this PC: {paths.default_workspace()}\n"
               "To look after the data from the command line (accounts, backups, checks), "
               "see 'sv2desk-admin --help'.",
        formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="show this help, and stop")
    parser.add_argument("--version", action="version", version=about.version_line(),
                        help="say which version of SV2 Desk this is, and stop")
    parser.add_argument("--workspace", metavar="FOLDER",
                        help="use the SV2 Desk data in FOLDER instead of this PC's usual "
                        "data folder (SV2DESK_WORKSPACE does the same)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .. import screen_check
    problem = screen_check.problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .. import __version__, logs, paths
    from .common import translator
    from .shell.shell import Shell

    logs.setup()
    log = logging.getLogger("sv2desk")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("SV2 Desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sv2desk")
    app.setWindowIcon(QIcon(str(paths.resource("icons", "sv2desk.png"))))
    translator.install(app)
    from .shell.garbage import GuiThreadCollector
    collector = GuiThreadCollector(app)          # noqa: F841 (kept by its parent)
    shell = Shell(Path(args.workspace) if args.workspace else paths.default_workspace())
    window = shell.start()
    app.aboutToQuit.connect(shell.shutdown)
    kind = type(window).__name__
    # Logged once the event loop runs, so the window has been laid out and painted.
    QTimer.singleShot(0, lambda: log.info(
        "started %s: first window (%s) shown, %.3f s after SV2 Desk's own code began",
        __version__, kind, time.perf_counter() - STARTED))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
