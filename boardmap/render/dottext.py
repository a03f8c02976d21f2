"""DOT as text: a map's words made into labels and tooltips (`label()`, the one place that
cleans and escapes user text for DOT), and the statements of a graph written as they are
made (`Dot`), every value through boardmap.escape.dot_id, in the form the graphviz package
wrote."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from boardmap import escape as escape_text
from boardmap.render.styles import MAX_LINES, MAX_TOOLTIP


def clean(text: str) -> str:
    """User text as one plain line (boardmap.escape.plain)."""
    return escape_text.plain(text)


def escape(line: str) -> str:
    """One line of text made literal inside a quoted DOT label (boardmap.escape.dot_label)."""
    return escape_text.dot_label(line)


# A map's names recur in hundreds of its diagrams (a council, a police force, a board in
# every diagram that shows it): labels, their wrapping and IDs are remembered, which took
# DOT for the 1,000-board map's 894 diagrams from 0.94 s to 0.6 s of CPU (issue 23).
_REMEMBERED = 1 << 15


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most about `width` characters; a very long text is cut with an ellipsis."""
    return list(_wrapped(text, width))


@functools.lru_cache(maxsize=_REMEMBERED)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    lines = textwrap.wrap(clean(text), width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][: width - 2].rstrip() + " …"]
    return tuple(lines)


@functools.lru_cache(maxsize=_REMEMBERED)
def label(*parts: tuple[str | None, int], justify: str = "\\n") -> str:
    """A DOT label from user texts, each wrapped to its width: the one escaping path."""
    lines = [escape(line) for text, width in parts if text for line in _wrapped(text, width)]
    # Never read as a Graphviz HTML label (dot_id quotes "<Board>"), whatever it holds.
    return justify.join(lines) + (justify if justify != "\\n" else "")


def bullets(items: Iterable[str], width: int) -> str:
    """A left-aligned list label, one bullet per item, each item wrapped under its bullet."""
    lines = []
    for item in items:
        wrapped = _wrapped(item, width - 2)
        lines += ["• " + escape(wrapped[0])] + ["   " + escape(line) for line in wrapped[1:]]
    return "\\l".join(lines) + "\\l"


def attr_text(text: str) -> str:
    """A tooltip's value, one line (boardmap.escape.dot_tooltip), cut short as a label is: a
    300 KB purpose copied whole into every diagram made 305 KB SVGs (issue 24)."""
    return escape_text.dot_tooltip(clip_tooltip(text))


def clip_tooltip(text: str) -> str:
    """At most MAX_TOOLTIP characters of one line, cut at a space, with an ellipsis."""
    text = escape_text.plain(text)
    if len(text) <= MAX_TOOLTIP:
        return text
    cut = text.rfind(" ", MAX_TOOLTIP // 2, MAX_TOOLTIP - 1)
    return text[: cut if cut > 0 else MAX_TOOLTIP - 2].rstrip() + " …"


_id = functools.lru_cache(maxsize=_REMEMBERED)(escape_text.dot_id)


def _edge_end(name: str) -> str:
    """A line's end: a box's name, with a port and compass point after colons."""
    node, _, rest = name.partition(":")
    if not rest:
        return _id(node)
    port, _, compass = rest.partition(":")
    return ":".join([_id(node), _id(port), *([compass] if compass else [])])


def _a_list(attrs: Mapping[str, str | None], *, label_first: bool) -> str:
    """Attributes as DOT writes them, `name=value`, in order of name (a box's or a line's
    label first), each value through dot_id."""
    said = []
    if label_first and attrs.get("label") is not None:
        said.append(f"label={_id(attrs['label'])}")
    for name, value in sorted(attrs.items()):
        if value is not None and not (label_first and name == "label"):
            said.append(f"{_id(name)}={_id(value)}")
    return " ".join(said)


class Dot:
    """The statements of a graph or subgraph as DOT text lines, written as they are made
    (the form the graphviz package writes, so the text is what it always was)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def node(self, name: str, **attrs: str | None) -> None:
        self.lines.append(self.node_statement(name, attrs))

    def edge(self, tail: str, head: str, **attrs: str | None) -> None:
        self.lines.append(self.edge_statement(tail, head, attrs))

    def said(self, statement: str) -> None:
        """A statement written already (node_statement, edge_statement)."""
        self.lines.append(statement)

    @staticmethod
    def node_statement(name: str, attrs: Mapping[str, str | None]) -> str:
        said = _a_list(attrs, label_first=True)
        return f"\t{_id(name)} [{said}]\n" if said else f"\t{_id(name)}\n"

    @staticmethod
    def edge_statement(tail: str, head: str, attrs: Mapping[str, str | None]) -> str:
        said = _a_list(attrs, label_first=True)
        line = f"\t{_edge_end(tail)} -> {_edge_end(head)}"
        return f"{line} [{said}]\n" if said else f"{line}\n"

    def attr(self, **attrs: str | None) -> None:
        """Attributes of this (sub)graph itself."""
        if attrs:
            self.lines.append(f"\t{_a_list(attrs, label_first=False)}\n")

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[Dot]:
        """A subgraph (a cluster where its name starts 'cluster'), added when it is done."""
        sub = Dot()
        yield sub
        self.lines.append(f"\tsubgraph {_id(name)} {{\n" if name else "\t{\n")
        self.lines += ["\t" + line for line in sub.lines]
        self.lines.append("\t}\n")

    def source(self, name: str, **defaults: Mapping[str, str]) -> str:
        """The whole graph: its name, its defaults for 'graph', 'node' and 'edge', then its
        statements."""
        head = [f"digraph {_id(name)} {{\n"]
        for kind in ("graph", "node", "edge"):
            if defaults.get(kind):
                head.append(f"\t{kind} [{_a_list(defaults[kind], label_first=False)}]\n")
        return "".join([*head, *self.lines, "}\n"])
