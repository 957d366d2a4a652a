"""Copies of the data kept on this PC for a while, just in case: listed for the
administrator (Administration -> Backups), removed after KEEP_DAYS, and removed at once by
an erasure (they still hold the words being erased).

    <folder>/set-aside/<date and time>/    files found beside the database that were not
                                           its own (sidecars.py), a damaged signin.json
    <folder>/backups/*.db                  the copy taken before a schema upgrade
    <parent>/<name>.before-restore-<date>  the data that was there before a restore

All of them are encrypted like the data itself. Before a file is removed its bytes are
overwritten with zeros, so the removed copy is not left readable on the disk (as far as
the disk allows: some drives keep old blocks).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import locks, sidecars, swap

KEEP_DAYS = 30
KINDS = {"set_aside": "Files set aside from beside the data",
         "pre_upgrade": "Copy taken before an upgrade",
         "before_restore": "The data as it was before a restore"}


@dataclass(frozen=True)
class KeptCopy:
    path: Path
    kind: str               # a key of KINDS
    made_at: datetime       # UTC
    size: int

    @property
    def remove_after(self) -> datetime:
        return self.made_at + timedelta(days=KEEP_DAYS)

    @property
    def description(self) -> str:
        return KINDS[self.kind]


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _when(path: Path, stamp: str | None) -> datetime:
    for form in ("%Y%m%d-%H%M%S-%f", "%Y%m%d-%H%M%S"):
        try:
            return datetime.strptime(stamp or "", form).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.fromtimestamp(path.lstat().st_mtime, timezone.utc)


def kept_copies(folder: Path) -> list[KeptCopy]:
    """Every kept copy of this data folder, oldest first."""
    folder = Path(folder)
    found = []
    try:
        for path in (folder / sidecars.SET_ASIDE).iterdir():
            found.append(KeptCopy(path, "set_aside", _when(path, path.name), _size(path)))
    except OSError:
        pass
    try:
        for path in (folder / "backups").glob("*.db"):
            found.append(KeptCopy(path, "pre_upgrade", _when(path, None), _size(path)))
    except OSError:
        pass
    prefix = f"{folder.name}.{swap.BEFORE}-"
    try:
        for path in folder.parent.iterdir():
            if path.name.startswith(prefix) and path.is_dir() and not path.is_symlink():
                found.append(KeptCopy(path, "before_restore",
                                      _when(path, path.name[len(prefix):]), _size(path)))
    except OSError:
        pass
    return sorted(found, key=lambda c: c.made_at)


def _overwrite(path: Path) -> None:
    try:
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            chunk = b"\0" * (1 << 20)
            written = 0
            while written < size:
                handle.write(chunk[:min(len(chunk), size - written)])
                written += min(len(chunk), size - written)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass


def remove(copy: KeptCopy) -> bool:
    """Remove one kept copy (its files zeroed first). False when it is in use (someone has
    a set-aside workspace open) or cannot be removed."""
    path = copy.path
    try:
        if copy.kind == "before_restore":
            with locks.exclusive_folder(path):
                for item in path.rglob("*"):
                    if item.is_file() and not item.is_symlink():
                        _overwrite(item)
            shutil.rmtree(path)
        elif path.is_dir() and not path.is_symlink():
            for item in path.rglob("*"):
                if item.is_file() and not item.is_symlink():
                    _overwrite(item)
            shutil.rmtree(path)
        else:
            if path.is_file() and not path.is_symlink():
                _overwrite(path)
            path.unlink()
    except Exception:   # in use (WorkspaceInUse), or the disk refused: kept for next time
        return False
    return True


def expire(folder: Path, now: datetime | None = None) -> int:
    """Remove the copies older than KEEP_DAYS. Returns how many went."""
    now = now or datetime.now(timezone.utc)
    return sum(remove(c) for c in kept_copies(folder) if c.remove_after <= now)


def remove_all(folder: Path) -> int:
    """Remove every kept copy (an erasure: they hold what is being erased)."""
    return sum(remove(c) for c in kept_copies(folder))
