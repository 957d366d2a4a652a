"""Files that work killed part-way leaves in the data folder, removed the next time the
data is opened by someone who has it to themselves (so nobody else can be using them).

All of them are encrypted (or hold no personal data); removing them frees the space and
leaves no old copy of erased words behind:

    .backup-copy-*.db*   the consistent copy a backup makes before writing its archive
    .wal-check-*/        the scratch copy sidecars.py tries a -wal on
    .tmp-*               a small file being written (atomic_write.write_atomically)
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from . import sidecars

PATTERNS = (".backup-copy-*.db*", ".tmp-*")
# A failed sign-in in another window writes signin.json without opening the data, so a
# .tmp- file younger than this may be one being written right now.
TMP_GRACE_SECONDS = 120


def clear(folder: Path) -> int:
    """Remove what killed work left. Call only while nobody else has the data open.
    Returns how many were removed."""
    folder = Path(folder)
    removed = 0
    for pattern in PATTERNS:
        for path in folder.glob(pattern):
            try:
                if pattern == ".tmp-*" and time.time() - path.lstat().st_mtime < TMP_GRACE_SECONDS:
                    continue
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed += 1
            except OSError:
                pass
    sidecars.clear_scratch(folder)
    return removed
