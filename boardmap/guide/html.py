"""The guide as one self-contained HTML page: inline CSS and SVG, nothing from the network.

Every piece of the map's text passes through `esc` (html.escape with quotes), so no name,
purpose or phrase in a map can become markup. A Content Security Policy forbids scripts and
every remote load as a second line of defence.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from importlib import resources

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
)
from boardmap.outputs import anchor, safe_name
from boardmap.say import guide as say

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def stylesheet() -> str:
    return resources.files("boardmap.guide").joinpath("templates/guide.css").read_text("utf-8")


def inline(parts: Inlines, anchors: set[str]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(esc(part))
        elif isinstance(part, Ref):
            target = f"board-{part.board}"
            if part.link and target in anchors:
                out.append(f'<a href="#{esc(target)}">{esc(part.text)}</a>')
            else:
                out.append(esc(part.text))
        elif isinstance(part, Anchor):
            out.append(f'<a href="{esc(part.href)}">{esc(part.text)}</a>')
        elif isinstance(part, Strong):
            out.append(f"<strong>{esc(part.text)}</strong>")
        elif isinstance(part, Contact):
            out.append(f'<a href="{esc(part.href)}">{esc(part.text)}</a>')
        elif isinstance(part, Code):
            out.append(f"<code>{esc(part.text)}</code>")
    return "".join(out)


def render(doc: Document) -> str:
    """The page, deterministic for the same document."""
    anchors = _anchors(doc.sections)
    return "\n".join(_page(doc, anchors)) + "\n"


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


def _page(doc: Document, anchors: set[str]) -> Iterator[str]:
    yield "<!DOCTYPE html>"
    yield '<html lang="en-GB">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield '<meta name="generator" content="boardmap">'
    yield f"<title>{esc(doc.title)}</title>"
    yield f"<style>\n{stylesheet().rstrip()}\n</style>"
    yield "</head>"
    yield "<body>"
    yield f'<a class="skip-link" href="#main">{esc(say.SKIP_LINK)}</a>'
    yield '<header class="page-header">'
    yield '<div class="wrap">'
    yield f"<h1>{esc(doc.title)}</h1>"
    yield f"<p>{esc(doc.lede)}</p>"
    yield "</div>"
    yield "</header>"
    yield '<div class="wrap">'
    yield '<main id="main" tabindex="-1">'
    # The first screen answers the reader (where a concern goes); the contents come after it.
    for n, section in enumerate(doc.sections):
        if n == 1:
            yield from _contents(doc)
        yield from _block(section, anchors)
    if len(doc.sections) < 2:
        yield from _contents(doc)
    yield "</main>"
    yield "</div>"
    yield '<footer class="page-footer">'
    yield '<div class="wrap">'
    for line in doc.footer:
        yield f"<p>{esc(line)}</p>"
    yield "</div>"
    yield "</footer>"
    yield "</body>"
    yield "</html>"


def _contents(doc: Document) -> Iterator[str]:
    yield '<nav class="contents" aria-labelledby="contents-heading">'
    yield f'<h2 id="contents-heading">{esc(say.CONTENTS)}</h2>'
    yield "<ul>"
    for href, text, children in doc.contents:
        if not children:
            yield f'<li><a href="{esc(href)}">{esc(text)}</a></li>'
            continue
        yield f'<li><a href="{esc(href)}">{esc(text)}</a>'
        yield "<ul>"
        for child_href, child_text in children:
            yield f'<li><a href="{esc(child_href)}">{esc(child_text)}</a></li>'
        yield "</ul>"
        yield "</li>"
    yield "</ul>"
    yield "</nav>"


def _block(block: Block, anchors: set[str]) -> Iterator[str]:
    if isinstance(block, Section):
        cls = f' class="{esc(block.kind)}"' if block.kind != "part" else ""
        ident = f' id="{esc(block.id)}"' if block.id else ""
        yield f"<section{ident}{cls}>"
        for child in block.blocks:
            yield from _block(child, anchors)
        yield "</section>"
    elif isinstance(block, Heading):
        ident = f' id="{esc(block.id)}"' if block.id else ""
        yield f"<h{block.level}{ident}>{inline(block.text, anchors)}</h{block.level}>"
    elif isinstance(block, Para):
        yield f"<p>{inline(block.text, anchors)}</p>"
    elif isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        yield f"<{tag}>"
        for n, item in enumerate(block.items):
            item_id = block.ids[n] if n < len(block.ids) else None
            attr = f' id="{esc(item_id)}"' if item_id else ""
            yield f"<li{attr}>{inline(item, anchors)}</li>"
        yield f"</{tag}>"
    elif isinstance(block, Facts):
        yield '<dl class="facts">'
        for label, value in block.rows:
            yield f"<dt>{esc(label)}</dt><dd>{inline(value, anchors)}</dd>"
        yield "</dl>"
    elif isinstance(block, Table):
        yield from _table(block, anchors)
    elif isinstance(block, Figure):
        yield from _figure(block)


def _table(table: Table, anchors: set[str]) -> Iterator[str]:
    yield "<table>"
    yield f"<caption>{inline(table.caption, anchors)}</caption>"
    yield "<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in table.head) + "</tr></thead>"
    yield "<tbody>"
    for n, row in enumerate(table.rows):
        ident = table.ids[n] if n < len(table.ids) else None
        cells = [f'<th scope="row">{inline(row[0], anchors)}</th>']
        cells += [f"<td>{inline(cell, anchors)}</td>" for cell in row[1:]]
        yield (f'<tr id="{esc(ident)}">' if ident else "<tr>") + "".join(cells) + "</tr>"
    yield "</tbody>"
    yield "</table>"


def _figure(figure: Figure) -> Iterator[str]:
    if figure.svg is None:
        reason = figure.missing or "unknown"
        yield f'<p class="missing">{esc(say.DIAGRAM_MISSING.format(reason=reason.rstrip(".")))}</p>'
        return
    caption = anchor(safe_name(figure.view), "caption")
    yield '<figure class="diagram">'
    # Focusable, so that keyboard users can scroll a wide diagram too.
    yield f'<div class="scroll" tabindex="0" role="group" aria-labelledby="{caption}">'
    yield figure.svg
    yield "</div>"
    yield (f'<figcaption id="{caption}">{esc(say.DIAGRAM_FILE.format(title=figure.title))} '
           f'<span class="hint">{esc(say.DIAGRAM_SCROLL)}</span></figcaption>')
    yield "</figure>"
