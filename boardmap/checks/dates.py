"""The rule about the map's date itself: a date on which none of the map's boards is in force
(an `as_of` typed wrong, or a --as-of before the arrangements began), which would otherwise
pass as a map with no gaps and make an empty guide."""

from __future__ import annotations

from collections.abc import Iterator

from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, rule
from boardmap.say import findings as say


@rule(
    "nothing-in-force",
    "warning",
    "no board of the map is in force on the date the map describes",
    "A board with `since` after the map's date, or `until` on or before it, is not part of "
    "the map on that date. Where that is true of every board, the check finds no gaps and the "
    "diagrams and the guide are empty: most often the map's `as_of` (or the date given with "
    "--as-of) is mistyped, or is before the arrangements began.",
    "Correct the map's `as_of` (or --as-of) to a date when the boards exist, or correct the "
    "boards' `since` and `until` dates.",
)
def nothing_in_force(ctx: Context) -> Iterator[Finding]:
    boards = ctx.undated.boards
    if ctx.gmap.boards or not boards:
        return
    on = ctx.gmap.as_of
    starts = [b.since for b in boards if b.since is not None and b.since > on]
    ends = [b.until for b in boards if b.until is not None and b.until <= on]
    first = min(starts) if starts else None
    last = max(ends) if ends else None
    # Placed at the board that starts first (or ended last): the one the date misses by least.
    if first is not None:
        near = next(b for b in boards if b.since == first)
    else:
        near = next((b for b in boards if last is not None and b.until == last), boards[0])
    file, line = ctx.where(near)
    yield Finding(
        file=file,
        line=line,
        rule="nothing-in-force",
        severity="warning",
        message=say.nothing_in_force(on, len(boards), first, last),
    )
