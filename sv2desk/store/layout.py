"""The names of the files in a workspace folder (light to import: no database code)."""

from __future__ import annotations

from pathlib import Path

DB_NAME = "sv2desk.db"
KEYS_NAME = "keys.json"


def exists(folder: Path) -> bool:
    """True when the folder already holds SV2 Desk data (or part of it). A restore that
    stopped half-way through putting its folder in place is finished first."""
    from .swap import finish_interrupted
    finish_interrupted(folder)
    return (Path(folder) / DB_NAME).exists() or (Path(folder) / KEYS_NAME).exists()
