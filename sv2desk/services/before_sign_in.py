"""Questions the screens ask before anyone has signed in: is there data here, can it be bound?

Kept light to import, so the sign-in window appears quickly.
"""

from __future__ import annotations

from pathlib import Path

from ..store import layout


def workspace_exists(folder: Path) -> bool:
    return layout.exists(folder)


def binding_unavailable_reason() -> str | None:
    """Why this PC cannot bind the data to itself (no keyring), or None when it can."""
    from ..store import device
    return device.unavailable_reason()
