"""boardmap.source.no_gc: the cyclic collector paused for a stretch, and given back as it was."""

from __future__ import annotations

import gc

from boardmap.source import no_gc


def test_the_collector_is_paused_inside_and_enabled_again_after() -> None:
    assert gc.isenabled()
    with no_gc():
        assert not gc.isenabled()
        with no_gc():  # nested: the inner one leaves the outer's pause alone
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing left in the permanent generation


def test_what_was_made_while_paused_is_not_walked_at_once_but_still_collected() -> None:
    """Objects made in the pause go to the oldest generation, so the next young collection
    does not walk them; a full collection still frees their cycles."""
    with no_gc():
        made = [[] for _ in range(10_000)]
        cycle: list[object] = []
        cycle.append(cycle)
    young = gc.get_count()[0]
    assert young < 1_000  # not the 10,000 lists made in the pause
    del made, cycle
    assert gc.collect() >= 1  # the cycle made in the pause is still found and freed


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with no_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
