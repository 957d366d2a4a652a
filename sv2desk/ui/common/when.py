"""Moments and days as people read them: local day and time, day/month/year."""

from __future__ import annotations

from datetime import date, datetime


def when(at: str) -> str:
    """An ISO timestamp (UTC) as local day and time."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return at or ""


def day(iso: str) -> str:
    """An ISO date as day/month/year."""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or ""
