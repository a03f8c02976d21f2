"""The cyclic garbage collector paused for a stretch, and given back as it was; and what a
command that ends the process at once keeps until then, rather than free.

A module of its own, importing nothing of boardmap, so that the package can pause the
collector before it imports anything else (boardmap/__init__.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

_T = TypeVar("_T")


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


# What a command hands over to be freed by the end of the process, where the command line
# ends the process at once (boardmap.cli.app's _end_at_once, only `boardmap check` for now);
# None otherwise, and in a library's process: nothing is kept.
_KEPT: list[object] | None = None


def keep_until_exit() -> None:
    """From now on, `kept` holds what it is given until the process ends: the command line
    calls this where it will end the process at once, so that a national map's objects are
    not freed one by one before the end gives their memory back anyway (the parsed YAML,
    13 ms; the check's views and findings, 14 ms)."""
    global _KEPT
    if _KEPT is None:
        _KEPT = []


def kept(value: _T) -> _T:
    """`value`, held until the process ends where `keep_until_exit` was called; otherwise
    left as it is, to be freed as usual."""
    if _KEPT is not None:
        _KEPT.append(value)
    return value
