"""The guide as plain data: blocks of inline text, written once and rendered twice (HTML and
Markdown), so that both say exactly the same thing in the same order."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

# Characters a map's text may not carry into the page: controls (and so forged marks) and
# the bidirectional overrides that can make text read differently from what it says.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None) -> str:
    """A map's text on one line, with nothing that could forge markup or reorder the line."""
    if not text:  # most of a link's phrases are not given
        return ""
    return " ".join(_UNSAFE.sub("", text).split())


@dataclass(frozen=True)
class Ref:
    """A mention of a body in the map: linked to its section where it has one."""

    board: str
    text: str
    link: bool = True


@dataclass(frozen=True)
class Anchor:
    """A link to another part of the page."""

    href: str  # a fragment ('#route-x'), or another page of the guide ('guide-x.html')
    text: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Contact:
    """A way to reach someone: 'mailto:...', 'tel:...' or an 'https://' page. Following it
    leaves the page; the page itself loads nothing."""

    href: str
    text: str


@dataclass(frozen=True)
class Code:
    """A rule id or a field name: kept on one line."""

    text: str


Inline = str | Ref | Anchor | Strong | Contact | Code
Inlines = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inlines
    id: str | None = None


@dataclass(frozen=True)
class Para:
    text: Inlines
    prose: bool = True  # counted as the guide's prose (for the readability measure)


@dataclass(frozen=True)
class Items:
    items: tuple[Inlines, ...]
    ordered: bool = False
    ids: tuple[str | None, ...] = ()  # an anchor for each item, where it has one
    prose: bool = True  # counted as the guide's prose (a summary list, like a table, is not)


@dataclass(frozen=True)
class Facts:
    """Labelled facts about a board: a description list."""

    rows: tuple[tuple[str, Inlines], ...]


@dataclass(frozen=True)
class Table:
    caption: Inlines
    head: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    ids: tuple[str | None, ...] = ()  # an anchor for each row, where it has one


@dataclass(frozen=True)
class KeyEntry:
    """One entry of a diagram's key, drawn by the page as a small sample beside its words:
    a line (colour, dashes, width, arrowhead) or a box (shape, fill, border)."""

    text: str
    line: bool
    colour: str = "#000000"
    dash: str = ""  # an SVG stroke-dasharray; "" for a solid line
    width: float = 1.0
    mark: str = ""  # a line's arrowhead (Graphviz's name); a box's shape
    fill: str = "#ffffff"


@dataclass(frozen=True)
class Figure:
    """A diagram: sanitised inline SVG (None where it could not be drawn) and its file name."""

    view: str
    svg: str | None
    title: str
    description: str
    file: str
    missing: str | None = None  # why it could not be drawn
    key: tuple[KeyEntry, ...] = ()  # what its lines and boxes mean, shown under it


@dataclass(frozen=True)
class Section:
    id: str | None
    blocks: tuple[Block, ...]
    kind: str = "part"  # 'part', 'board' (a new page in print), 'entry', 'concern', ...


Block = Heading | Para | Items | Facts | Table | Figure | Section


@dataclass
class Document:
    title: str
    lede: str
    contents: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    # The A to Z the page's search box looks in: (what it shows, where it leads, other words
    # it is found by).
    find: list[tuple[str, str, str]] = field(default_factory=list)
    # The line under the search box, with examples this page's search finds.
    find_hint: str = ""
    # Anchors on other pages that this one links to, and the file of each such page.
    elsewhere: dict[str, str] = field(default_factory=dict)
    # A guide of several pages: each page's file and name, and which one this is.
    pages: list[tuple[str, str]] = field(default_factory=list)
    current: str = ""


def anchors_in(blocks: list[Section] | tuple[Block, ...]) -> set[str]:
    """Every id a document's sections, list items and table rows carry."""
    found: set[str] = set()
    for block in blocks:
        if isinstance(block, Section):
            if block.id:
                found.add(block.id)
            found |= anchors_in(block.blocks)
        elif isinstance(block, Items | Table):
            found |= {i for i in block.ids if i}
        elif isinstance(block, Heading) and block.id:
            found.add(block.id)
    return found


def inline_text(parts: Inlines) -> str:
    """The words of inline parts, without any markup."""
    return "".join(p if isinstance(p, str) else p.text for p in parts)


def walk(blocks: tuple[Block, ...] | list[Section]) -> list[Block]:
    """Every block in reading order, sections opened."""
    found: list[Block] = []
    for block in blocks:
        found.append(block)
        if isinstance(block, Section):
            found.extend(walk(block.blocks))
    return found


# A page made while its diagrams are drawn: its lines, with a Figure where each goes.
Parts = Sequence[str | Figure]


def lines_of(
    parts: Parts, figure: Callable[[Figure], Iterable[str]], place: Callable[[Figure], Figure] | None
) -> list[str]:
    """The page's lines: each figure written by the format's `figure`, as `place` gives it
    (as it is, by default). One loop for the HTML and the Markdown pages."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            lines.append(part)
        else:
            lines.extend(figure(place(part) if place is not None else part))
    return lines
