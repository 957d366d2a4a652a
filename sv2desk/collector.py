"""Python's cycle collector, set for SV2 Desk: a long-running program that holds large,
long-lived things (the loaded modules and models, the connection check's caches of names
already worked out) and does short pieces of work between them.

Left as it is, the collector now and then walks every object the program holds: at
100,000 clients one such walk took about 100 ms in the middle of a connection check (a
referral's check went from 40 to 140 ms of processor time; make bench's slowest check).
After sign-in everything alive is frozen (``gc.freeze``: left out of later walks; CPython's
own facility for this), so the walks see only what the session makes; signing out thaws
it, so what the session leaves behind can still be collected. The youngest generation is
collected every 10,000 allocations instead of every 700, so the walks come less often.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """After signing in: what is alive now is left out of the collector's walks."""
    young, middle, old = gc.get_threshold()
    if young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    gc.freeze()


def thaw() -> None:
    """After signing out: everything is the collector's again."""
    gc.unfreeze()
