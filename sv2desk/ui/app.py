"""Start the SV2 Desk desktop application."""

from __future__ import annotations

import logging
import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from .. import logs, paths
    from .shell import Shell

    logs.setup()
    app = QApplication(sys.argv)
    app.setApplicationName("SV2 Desk")
    shell = Shell(paths.default_workspace())
    shell.start()
    app.aboutToQuit.connect(shell.shutdown)
    logging.getLogger("sv2desk").info("started")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
