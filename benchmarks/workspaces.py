"""A fresh workspace for a benchmark to fill (cheap key derivation: it is timed elsewhere)."""

from __future__ import annotations

import shutil
from pathlib import Path


def new_bench_workspace(folder: Path, password: str):
    """Replace ``folder`` with a new workspace; returns the signed-in admin's session."""
    from sv2desk.services import settings, setup
    from sv2desk.store.crypto import KdfParams

    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    return setup.create_workspace(folder, organisation=settings.Organisation(name="Bench"),
                                  admin_username="bench", admin_display_name="Bench Mark",
                                  admin_password=password,
                                  kdf=KdfParams(1, 8 * 1024, 1)).session
