"""What a build makes, as it plans it (Output) and as it makes it (Made): boardmap.build's
bookkeeping, apart from its steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING

from boardmap.collector import no_gc
from boardmap.errors import BoardmapError
from boardmap.outputs import read_bytes

if TYPE_CHECKING:
    from boardmap.render import Drawing
    from boardmap.render.svgpage import Page
    from boardmap.render.views import Labels


@dataclass
class Made:
    """The bytes of every output known to be current in this run, so that the guide can use
    the diagrams already drawn instead of drawing them again."""

    out: Path
    fresh: dict[str, bytes] = field(default_factory=dict)  # made in this run
    current: set[str] = field(default_factory=set)  # on disk and up to date
    # The page's copy of each SVG drawn in this run (boardmap.render.Drawing.page).
    copies: dict[str, Page] = field(default_factory=dict)
    # What can be made while the workers draw (index.md, the guide's text), done then.
    meanwhile: list[Callable[[], object]] = field(default_factory=list)
    # Each view's heading and description (from its drawing, else built once), for index.md.
    labels: dict[str, Labels] = field(default_factory=dict)
    # What can be made once the drawings the guide shows are back, while the workers draw the
    # rest (the guide itself), done then.
    when_shown: list[Callable[[], object]] = field(default_factory=list)

    def busy(self) -> None:
        """Make what can be made while the workers draw. A failure here is left for the
        output's own turn, which reports it in plan order. The cyclic collector is paused
        meanwhile (boardmap.collector.no_gc): the guide's objects are kept or go as they are
        done with, and its collections, finding nothing to free, cost a quarter of the
        guide's text (0.3 s at 1,000 boards)."""
        _make_each(self.meanwhile)

    def shown_back(self) -> None:
        """The drawings the guide shows are back: make what waited for them (as `busy`)."""
        _make_each(self.when_shown)

    def get(self, name: str) -> bytes | None:
        if name in self.fresh:
            return self.fresh[name]
        return read_bytes(self.out / name) if name in self.current else None


@dataclass(frozen=True)
class Output:
    name: str
    # The fingerprint of what it is made from, hashed when first asked for: a full build
    # needs none before drawing, and hashes them while its workers draw (0.12 s at 1,000
    # boards, no longer before the first diagram is drawn).
    fingerprint: Callable[[], str]
    make: Callable[[], bytes]
    late: bool = False  # made after the other outputs are written (it lists them)
    job: tuple[str, str] | None = None  # (view, format): a diagram, which a worker can draw

    @property
    def inputs(self) -> str:
        """The fingerprint of what it is made from."""
        return self.fingerprint()


def once(fingerprint: Callable[[], str]) -> Callable[[], str]:
    """`fingerprint`, worked out on the first call only."""
    said: list[str] = []

    def once() -> str:
        if not said:
            said.append(fingerprint())
        return said[0]

    return once


def _make_each(makers: list[Callable[[], object]]) -> None:
    with no_gc():
        for make in makers:
            try:
                make()
            except BoardmapError:
                pass


def keep(cache: Made, output: Output, drawing: Drawing) -> None:
    """What the guide and index.md take from a drawing: its page's copy, its labels."""
    if drawing.page is not None:
        cache.copies[output.name] = drawing.page
    if drawing.labels is not None and output.job is not None:
        cache.labels[output.job[0]] = drawing.labels


def current(output: Output, entry: dict[str, str] | None, out: Path) -> bool:
    """Whether the file on disk is what this output's inputs made last time."""
    if not entry or entry.get("inputs") != output.inputs:
        return False
    data = read_bytes(out / output.name)
    return data is not None and sha256(data).hexdigest() == entry.get("sha256")
