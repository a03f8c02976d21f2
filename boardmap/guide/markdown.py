"""The guide in Markdown, for wikis and repositories: the same document as the HTML page,
with each diagram as an image link to its SVG file beside the guide."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from boardmap import escape
from boardmap.guide.doc import (
    Anchor,
    Block,
    Code,
    Contact,
    Document,
    Facts,
    Figure,
    Heading,
    Inlines,
    Items,
    Para,
    Ref,
    Section,
    Strong,
    Table,
    lines_of,
)
from boardmap.say import guide as say


def esc(text: str) -> str:
    """Map text as literal Markdown: no emphasis, links, HTML or lists can start in it."""
    return escape.markdown(text)


def inline(parts: Inlines, anchors: set[str], *, start: bool = False) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(esc(part) if (start and not out) else _esc_mid(part))
        elif isinstance(part, Ref):
            target = f"board-{part.board}"
            text = _esc_mid(part.text)
            out.append(f"[{text}](#{target})" if part.link and target in anchors else text)
        elif isinstance(part, Anchor):
            out.append(f"[{_esc_mid(part.text)}]({part.href})")
        elif isinstance(part, Strong):
            out.append(f"**{_esc_mid(part.text)}**")
        elif isinstance(part, Contact):
            out.append(f"[{_esc_mid(part.text)}](<{part.href}>)")
        elif isinstance(part, Code):
            out.append(f"`{part.text.replace('`', '')}`")
    return "".join(out)


# Inside a line, list markers cannot start anything; only the special characters matter.
_esc_mid = escape.markdown_inside


def render(doc: Document) -> str:
    return assemble(pieces(doc))


def pieces(doc: Document) -> list[str | Figure]:
    """The page's lines with each figure left as it is, for `assemble` to write (as
    boardmap.guide.html.pieces)."""
    return list(_page(doc, _anchors(doc.sections)))


def assemble(parts: Sequence[str | Figure], place: Callable[[Figure], Figure] | None = None) -> str:
    """The page from its `pieces`, each figure written as `place` gives it (as it is, by
    default): render(doc) is assemble(pieces(doc))."""
    text = "\n".join(lines_of(parts, _figure, place))
    # Blank lines run together into one: as re.sub(r"\n{3,}", "\n\n", text), ten times
    # quicker over a 1,000-board guide's 3.4 MB.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


def _anchors(blocks: list[Section] | tuple[Block, ...]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        if isinstance(block, Section):
            if block.id:
                found.add(block.id)
            found |= _anchors(block.blocks)
        elif isinstance(block, Items | Table):
            found |= {i for i in block.ids if i}
    return found


def _page(doc: Document, anchors: set[str]) -> Iterator[str | Figure]:
    yield f"# {esc(doc.title)}"
    yield ""
    yield esc(doc.lede)
    yield ""
    yield f"**{esc(say.CONTENTS)}**"
    yield ""
    for href, text, children in doc.contents:
        yield f"- [{_esc_mid(text)}]({href})"
        for child_href, child_text in children:
            yield f"  - [{_esc_mid(child_text)}]({child_href})"
    yield ""
    for section in doc.sections:
        yield from _block(section, anchors)
    yield "---"
    yield ""
    for line in doc.footer:
        yield esc(line)
        yield ""


def _block(block: Block, anchors: set[str]) -> Iterator[str | Figure]:
    if isinstance(block, Section):
        if block.id:
            yield f'<a id="{block.id}"></a>'
            yield ""
        for child in block.blocks:
            yield from _block(child, anchors)
    elif isinstance(block, Heading):
        yield f"{'#' * block.level} {inline(block.text, anchors)}"
        yield ""
    elif isinstance(block, Para):
        yield inline(block.text, anchors, start=True)
        yield ""
    elif isinstance(block, Items):
        for number, item in enumerate(block.items, 1):
            marker = f"{number}." if block.ordered else "-"
            ident = block.ids[number - 1] if number <= len(block.ids) else None
            anchor = f'<a id="{ident}"></a>' if ident else ""
            yield f"{marker} {anchor}{inline(item, anchors, start=not anchor)}"
        yield ""
    elif isinstance(block, Facts):
        for label, value in block.rows:
            yield f"- **{esc(label)}:** {inline(value, anchors)}"
        yield ""
    elif isinstance(block, Table):
        yield f"**{inline(block.caption, anchors)}**"
        yield ""
        yield "| " + " | ".join(esc(h) for h in block.head) + " |"
        yield "|" + "---|" * len(block.head)
        for n, row in enumerate(block.rows):
            ident = block.ids[n] if n < len(block.ids) else None
            anchor = f'<a id="{ident}"></a>' if ident else ""
            yield "| " + anchor + " | ".join(inline(cell, anchors) for cell in row) + " |"
        yield ""
    elif isinstance(block, Figure):
        yield block  # written by assemble, which may be given its drawing only then


def _figure(figure: Figure) -> Iterator[str]:
    if figure.svg is None:
        reason = figure.missing or "unknown"
        yield f"*{_esc_mid(say.DIAGRAM_MISSING.format(reason=reason.rstrip('.')))}*"
        yield ""
        return
    alt = _esc_mid(figure.description or figure.title)
    yield f"![{alt}]({figure.file})"
    yield ""
    yield f"*{_esc_mid(say.DIAGRAM_FILE.format(title=figure.title))}*"
    yield ""
    if figure.key:
        yield f"{_esc_mid(say.DIAGRAM_KEY)}: " + ", ".join(_esc_mid(e.text) for e in figure.key) + "."
        yield ""
