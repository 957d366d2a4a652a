"""Which backups are kept: a rotating set of daily, weekly and monthly copies.

Automatic backups run when someone signs out or closes SV2 Desk, at most once a day.
Every backup (automatic or made by an administrator) joins one rotation: for each of
the last KEEP_DAILY days that have a backup, the newest of that day is kept; likewise
the newest of each of the last KEEP_WEEKLY weeks (Monday to Sunday) and of the last
KEEP_MONTHLY calendar months. Anything else is removed, so a drive holds at most
about two dozen backups and still reaches back a year.
"""

from __future__ import annotations

from datetime import datetime

KEEP_DAILY = 7
KEEP_WEEKLY = 5
KEEP_MONTHLY = 12


def _newest_per(times: list[datetime], period, count: int) -> set[datetime]:
    kept: dict = {}
    for when in sorted(times, reverse=True):
        key = period(when)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = when
    return set(kept.values())


def to_keep(times: list[datetime]) -> set[datetime]:
    """The backup times (of one workspace) the rotation keeps."""
    return (_newest_per(times, lambda t: t.date(), KEEP_DAILY)
            | _newest_per(times, lambda t: t.isocalendar()[:2], KEEP_WEEKLY)
            | _newest_per(times, lambda t: (t.year, t.month), KEEP_MONTHLY))


def describe() -> str:
    return (f"the newest backup of each of the last {KEEP_DAILY} days, {KEEP_WEEKLY} weeks "
            f"and {KEEP_MONTHLY} months")
