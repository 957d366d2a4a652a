"""Staff roles. A person may hold several."""

from __future__ import annotations

SUPPORT_WORKER = "support_worker"
MANAGER = "manager"
ADMIN = "admin"

ALL_ROLES = (SUPPORT_WORKER, MANAGER, ADMIN)

LABELS = {
    SUPPORT_WORKER: "Support worker",
    MANAGER: "Manager",
    ADMIN: "Administrator",
}


def describe(roles) -> str:
    return ", ".join(LABELS[r] for r in ALL_ROLES if r in roles) or "No role"
