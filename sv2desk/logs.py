"""The rotating log file. Log events and ids only: never names, notes, keys or passwords."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from . import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(folder: Path | None = None) -> Path:
    """Send SV2 Desk's log to sv2desk.log in the platform's log folder (rotated at 1 MB)."""
    folder = Path(folder) if folder else paths.log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sv2desk.log"
    root = logging.getLogger("sv2desk")
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
