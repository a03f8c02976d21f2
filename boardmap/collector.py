"""The cyclic garbage collector paused for a stretch, and given back as it was.

A module of its own, importing nothing of boardmap, so that the package can pause the
collector before it imports anything else (boardmap/__init__.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large map's objects triggers it
    over and over for nothing (it more than doubles load time at 10,000 boards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What was made meanwhile goes straight to the oldest generation: re-enabled as
            # it stood, the collector would first walk every object made while it was off
            # (some 80 ms after a national map's check) to find almost nothing to free.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
