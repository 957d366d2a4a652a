"""Start the SV2 Desk desktop application."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv)
    app.setApplicationName("SV2 Desk")
    label = QLabel("SV2 Desk")
    label.setWindowTitle("SV2 Desk")
    label.resize(400, 200)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
