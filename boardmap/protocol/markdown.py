"""A Protocol as Markdown: headings, paragraphs, numbered steps and pipe tables."""

from __future__ import annotations

from collections.abc import Iterator

from boardmap.protocol.content import Protocol, Steps, Subheading, Table

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    """Map text made inert in Markdown: no markup, links or HTML of its own."""
    return " ".join(text.split()).translate(_SPECIAL)


def _cell(text: str) -> str:
    return _md(text) or " "


def lines(protocol: Protocol) -> Iterator[str]:
    yield f"# {_md(protocol.title)}"
    yield ""
    yield _md(protocol.lede)
    for section in protocol.sections:
        yield ""
        yield f"{'#' * section.level} {_md(section.heading)}"
        for block in section.blocks:
            yield ""
            if isinstance(block, str):
                yield _md(block)
            elif isinstance(block, Subheading):
                yield f"{'#' * (section.level + 1)} {_md(block.text)}"
            elif isinstance(block, Steps):
                for n, item in enumerate(block.items, 1):
                    yield f"{n}. {_md(item)}" if block.ordered else f"- {_md(item)}"
            elif isinstance(block, Table):
                if block.caption:
                    yield f"**{_md(block.caption)}**"
                    yield ""
                yield "| " + " | ".join(_cell(h) for h in block.head) + " |"
                yield "|" + "|".join(" --- " for _ in block.head) + "|"
                for row in block.rows:
                    yield "| " + " | ".join(_cell(c) for c in row) + " |"
    yield ""
    yield "---"
    yield ""
    yield _md(protocol.footer)


def to_markdown(protocol: Protocol) -> str:
    return "\n".join(lines(protocol)) + "\n"
