"""Putting a restored workspace in place of the current one, safe against a crash.

Beside the workspace folder ``<parent>/<name>``:

    <name>.restoring-<stamp>        being filled and checked (never opened as data)
    <name>.restore-ready-<stamp>    complete, checked, synced
    <name>.before-restore-<stamp>   the workspace that was there before (kept, never deleted)

The swap is two renames: the current folder to ``before-restore``, then
``restore-ready`` to the workspace's name. A crash before the first leaves the old
workspace in place (a stale ``restore-ready`` folder beside it is ignored); a crash
between them leaves no workspace folder but both of the others, and
:func:`finish_interrupted` (called whenever the data folder is looked for) completes
the second rename. Light to import: no database code.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from .atomic_write import _fsync_dir

RESTORING, READY, BEFORE = "restoring", "restore-ready", "before-restore"


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%d-%H%M%S-%f")


def sibling(folder: Path, kind: str, when: str) -> Path:
    folder = Path(folder)
    return folder.with_name(f"{folder.name}.{kind}-{when}")


def _siblings(folder: Path, kind: str) -> dict[str, Path]:
    folder = Path(folder)
    prefix = f"{folder.name}.{kind}-"
    try:
        entries = list(folder.parent.iterdir())
    except OSError:
        return {}
    return {p.name[len(prefix):]: p for p in entries if p.name.startswith(prefix) and p.is_dir()}


def finish_interrupted(folder: Path) -> bool:
    """Complete a restore that stopped between its two renames. True when it did."""
    folder = Path(folder)
    if folder.exists():
        return False
    ready, before = _siblings(folder, READY), _siblings(folder, BEFORE)
    both = sorted(set(ready) & set(before))
    if not both:
        return False
    os.rename(ready[both[-1]], folder)
    _fsync_dir(folder.parent)
    return True


def clear_unfinished(folder: Path) -> None:
    """Remove what earlier restores of this folder left half-made (never a set-aside
    workspace). Everything in them is encrypted; this only frees the space."""
    for kind in (RESTORING, READY):
        for path in _siblings(folder, kind).values():
            shutil.rmtree(path, ignore_errors=True)


def swap_in(ready: Path, folder: Path, when: str) -> Path | None:
    """Set the current workspace aside (if there is one) and put ``ready`` in its place.
    Returns where the old one went, or None when there was none."""
    folder = Path(folder)
    aside = None
    if folder.exists():
        aside = sibling(folder, BEFORE, when)
        os.rename(folder, aside)
        _fsync_dir(folder.parent)
    os.rename(ready, folder)
    _fsync_dir(folder.parent)
    return aside
