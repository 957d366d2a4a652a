"""Screens that keep what was typed as a draft when SV2 Desk locks: each says which forms
it has open and takes a draft back. The main window asks every page that keeps drafts."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class KeepsDrafts(Protocol):
    def drafts(self) -> list[tuple[str, dict]]:
        """Every unfinished form on this screen, as (form name, values)."""

    def restore_draft(self, form: str, values: dict) -> bool:
        """Put a draft back; False when it is not one of this screen's forms."""
