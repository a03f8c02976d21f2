"""The guide as one self-contained HTML page: inline CSS and SVG, nothing from the network.

Every piece of the map's text passes through `esc` (html.escape with quotes), so no name,
purpose or phrase in a map can become markup. A Content Security Policy forbids scripts and
every remote load as a second line of defence.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
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
    KeyEntry,
    Para,
    Ref,
    Section,
    Strong,
    Table,
    anchors_in,
    lines_of,
)
from boardmap.guide.find import script, script_hash
from boardmap.outputs import anchor, safe_name
from boardmap.say import guide as say

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def csp(with_script: bool) -> str:
    """The page's Content-Security-Policy: nothing loaded from anywhere; the one inline
    script (the search box) allowed by its hash, and no other."""
    return f"{CSP}; script-src {script_hash(script())}" if with_script else CSP


def esc(text: str) -> str:
    # Most texts hold none of these (a 1,000-board guide's: 150,000 of 157,000 calls).
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


def stylesheet() -> str:
    return resources.files("boardmap.guide").joinpath("templates/guide.css").read_text("utf-8")


# Where each anchor a page may link to is: "" on the page itself, else the file of the page
# that has it (a guide of several pages, or the one-page sheet linking into the guide).
Anchors = Mapping[str, str]


def href(target: str, anchors: Anchors) -> str:
    """A link to an anchor, on this page or on the page that has it."""
    return f"{anchors.get(target, '')}#{target}"


def inline(parts: Inlines, anchors: Anchors) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(esc(part))
        elif isinstance(part, Ref):
            target = f"board-{part.board}"
            if part.link and target in anchors:
                out.append(f'<a href="{esc(href(target, anchors))}">{esc(part.text)}</a>')
            else:
                out.append(esc(part.text))
        elif isinstance(part, Anchor):
            link = href(part.href[1:], anchors) if part.href.startswith("#") else part.href
            out.append(f'<a href="{esc(link)}">{esc(part.text)}</a>')
        elif isinstance(part, Strong):
            out.append(f"<strong>{esc(part.text)}</strong>")
        elif isinstance(part, Contact):
            out.append(f'<a href="{esc(part.href)}">{esc(part.text)}</a>')
        elif isinstance(part, Code):
            out.append(f"<code>{esc(part.text)}</code>")
    return "".join(out)


def render(doc: Document, *, sheet: bool = False) -> str:
    """The page, deterministic for the same document. A `sheet` is the one-page summary:
    no contents, search or diagrams, and a stylesheet that fits it on one A4 sheet."""
    return assemble(pieces(doc, sheet=sheet))


def pieces(doc: Document, *, sheet: bool = False, listed: AToZ | None = None) -> list[str | Figure]:
    """The page's lines with each figure left as it is, for `assemble` to write: a build
    writes its guide while the diagrams are drawn, and only their figures once they are.
    `listed` is the A to Z of the page's `find`, where made already (AToZ.of)."""
    anchors = {**doc.elsewhere, **dict.fromkeys(anchors_in(doc.sections), "")}
    return list(_sheet(doc, anchors) if sheet else _page(doc, anchors, listed))


def assemble(parts: Sequence[str | Figure], place: Callable[[Figure], Figure] | None = None) -> str:
    """The page from its `pieces`, each figure written as `place` gives it (as it is, by
    default): render(doc) is assemble(pieces(doc))."""
    return "\n".join(lines_of(parts, _figure, place)) + "\n"


def _sheet(doc: Document, anchors: Anchors) -> Iterator[str | Figure]:
    yield "<!DOCTYPE html>"
    yield '<html lang="en-GB">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield '<meta name="generator" content="boardmap">'
    yield f"<title>{esc(doc.title)}</title>"
    yield f"<style>\n{stylesheet().rstrip()}\n{sheet_stylesheet().rstrip()}\n</style>"
    yield "</head>"
    yield '<body class="sheet">'
    yield '<header class="page-header">'
    yield '<div class="wrap">'
    yield f"<h1>{esc(doc.title)}</h1>"
    yield f"<p>{esc(doc.lede)}</p>"
    yield "</div>"
    yield "</header>"
    yield '<div class="wrap">'
    yield '<main id="main">'
    for section in doc.sections:
        yield from _block(section, anchors)
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


def sheet_stylesheet() -> str:
    return resources.files("boardmap.guide").joinpath("templates/sheet.css").read_text("utf-8")


def _page(doc: Document, anchors: Anchors, listed: AToZ | None) -> Iterator[str | Figure]:
    yield "<!DOCTYPE html>"
    yield '<html lang="en-GB">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{csp(bool(doc.find))}">'
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
    if doc.find:
        yield from _search(doc.find_hint)
    yield "</div>"
    yield "</header>"
    yield '<div class="wrap">'
    yield '<main id="main" tabindex="-1">'
    # The first screen answers the reader (where a concern goes); the contents come after it.
    for n, section in enumerate(doc.sections):
        if n == 1:
            yield from _contents(doc)
            yield from _a_to_z(doc, anchors, listed)
        yield from _block(section, anchors)
    if len(doc.sections) < 2:
        yield from _contents(doc)
        yield from _a_to_z(doc, anchors, listed)
    yield "</main>"
    yield "</div>"
    yield '<footer class="page-footer">'
    yield '<div class="wrap">'
    for line in doc.footer:
        yield f"<p>{esc(line)}</p>"
    yield "</div>"
    yield "</footer>"
    if doc.find:
        yield f"<script>{script()}</script>"
    yield "</body>"
    yield "</html>"


def _search(hint: str) -> Iterator[str]:
    """The search box: hidden until its script runs (with scripts off, the A to Z list
    does the same job); results appear under it, and a status line says how many."""
    yield '<div id="find" class="find" role="search" hidden>'
    yield f'<label for="find-box">{esc(say.FIND_LABEL)}</label>'
    yield (
        '<input id="find-box" type="search" autocomplete="off" spellcheck="false" '
        'aria-describedby="find-hint find-status" aria-controls="find-results">'
    )
    yield f'<p id="find-hint" class="hint">{esc(hint)}</p>'
    yield (
        f'<p id="find-status" role="status" data-none="{esc(say.FIND_NONE)}" '
        f'data-one="{esc(say.FIND_ONE)}" data-many="{esc(say.FIND_MANY)}"></p>'
    )
    yield f'<ul id="find-results" aria-label="{esc(say.FIND_RESULTS)}" hidden></ul>'
    yield "</div>"


@dataclass(frozen=True)
class AToZ:
    """The A to Z of a `find` list written but for the files of the pages its links lead to:
    a big map's guide writes the same list on each of its pages (150 of 8,800 entries at
    10,000 boards), so its words are escaped and joined once, and each page only puts in
    the files (esc of a link is esc of its parts)."""

    find: list[tuple[str, str, str]]  # what it is made from
    targets: tuple[str, ...]  # the anchor of each entry that links to one ('#...'), in order
    # The text around their files: before the first, between each and the next (its
    # '#anchor', its words, the entries linking elsewhere) and after the last.
    between: tuple[str, ...]

    @classmethod
    def of(cls, find: list[tuple[str, str, str]]) -> AToZ:
        targets: list[str] = []
        between: list[str] = []
        text: list[str] = []
        for n, (words, link, terms) in enumerate(find):
            if n:
                text.append("\n")
            data = f' data-terms="{esc(terms)}"' if terms else ""
            after = f'">{esc(words)}</a></li>'
            if link.startswith("#"):  # href(): the anchor's page, then '#' and the anchor
                text.append(f'<li{data}><a href="')
                between.append("".join(text))
                targets.append(link[1:])
                text = [f"#{esc(link[1:])}{after}"]
            else:
                text.append(f'<li{data}><a href="{esc(link)}{after}')
        between.append("".join(text))
        return cls(find, tuple(targets), tuple(between))

    def written(self, anchors: Anchors) -> str:
        """The list's entries, one a line, for a page whose anchors are `anchors`."""
        get = anchors.get
        files = {file: esc(file) for file in {*anchors.values(), ""}}
        found = [files[get(target, "")] for target in self.targets]
        pieces = itertools.chain.from_iterable(zip(self.between[:-1], found, strict=True))
        return "".join(pieces) + self.between[-1]


def _a_to_z(doc: Document, anchors: Anchors, listed: AToZ | None = None) -> Iterator[str]:
    """Everything the search box finds, as a list of links: the search without a script."""
    if not doc.find:
        return
    if listed is None or listed.find is not doc.find:
        listed = AToZ.of(doc.find)
    yield f'<nav class="a-to-z" aria-label="{esc(say.A_TO_Z)}">'
    yield f"<details><summary>{esc(say.A_TO_Z_SUMMARY)}</summary>"
    yield '<ul id="find-index">'
    yield listed.written(anchors)  # one piece: assemble joins the pieces with newlines as well
    yield "</ul>"
    yield "</details>"
    yield "</nav>"


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
    if doc.pages:
        yield f"<h3>{esc(say.PAGES)}</h3>"
        yield "<ul>"
        for file, text in doc.pages:
            current = ' aria-current="page"' if file == doc.current else ""
            yield f'<li><a href="{esc(file)}"{current}>{esc(text)}</a></li>'
        yield "</ul>"
    yield "</nav>"


def _block(block: Block, anchors: Anchors) -> Iterator[str | Figure]:
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
        yield block  # written by assemble, which may be given its drawing only then


def _table(table: Table, anchors: Anchors) -> Iterator[str]:
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


# The room a diagram has on the narrowest phone (360 CSS px, less guide.css's margins:
# the page's 1rem each side, a board section's border and indent, the figure's padding and
# border): a drawing no wider never scrolls, so its caption does not say it might.
_PHONE_ROOM_PX = 280
# The width the SVG pass gives the drawing (render.svgpass: style="width:NNNpx" on the root).
_SVG_WIDTH = re.compile(r'\s*<svg\b[^>]*?\sstyle="width:(\d+)px"')


def _may_scroll(svg: str) -> bool:
    """Whether a drawing may be wider than a phone's screen (its width unknown: it may)."""
    found = _SVG_WIDTH.match(svg)
    return found is None or int(found.group(1)) > _PHONE_ROOM_PX


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
    hint = f' <span class="hint">{esc(say.DIAGRAM_SCROLL)}</span>' if _may_scroll(figure.svg) else ""
    yield (
        f'<figcaption><span id="{caption}">{esc(say.DIAGRAM_FILE.format(title=figure.title))}</span>{hint}'
    )
    if figure.key:
        yield f'<ul class="key" aria-label="{esc(say.DIAGRAM_KEY)}">'
        for entry in figure.key:
            yield f"<li>{_sample(entry)}{esc(entry.text)}</li>"
        yield "</ul>"
    yield "</figcaption>"
    yield "</figure>"


# Arrowheads of the key's sample lines, the tip at (38, 8): Graphviz's names.
_HEADS = {
    "normal": '<polygon points="29,3.5 38,8 29,12.5" fill="{c}"/>',
    "empty": '<polygon points="29,3.5 38,8 29,12.5" fill="#ffffff" stroke="{c}"/>',
    "normalnormal": (
        '<polygon points="22,4 30,8 22,12" fill="{c}"/><polygon points="30,4 38,8 30,12" fill="{c}"/>'
    ),
    "diamond": '<polygon points="27,8 32.5,4 38,8 32.5,12" fill="{c}"/>',
    "obox": '<rect x="31" y="4.5" width="7" height="7" fill="#ffffff" stroke="{c}"/>',
    "box": '<rect x="31" y="4.5" width="7" height="7" fill="{c}"/>',
    "vee": '<polyline points="30,3.5 38,8 30,12.5" fill="none" stroke="{c}" stroke-width="1.5"/>',
    "odot": '<circle cx="34.5" cy="8" r="3.5" fill="#ffffff" stroke="{c}"/>',
    "dot": '<circle cx="34.5" cy="8" r="3.5" fill="{c}"/>',
    "crow": '<polyline points="38,3.5 30,8 38,12.5" fill="none" stroke="{c}" stroke-width="1.5"/>',
}


def _sample(entry: KeyEntry) -> str:
    """A small drawing of a key entry, hidden from screen readers (its words say it)."""
    colour = esc(entry.colour)
    if entry.line:
        dash = f' stroke-dasharray="{esc(entry.dash)}"' if entry.dash else ""
        end = 30 if entry.mark in _HEADS else 38
        drawn = (
            f'<line x1="2" y1="8" x2="{end}" y2="8" stroke="{colour}" '
            f'stroke-width="{entry.width:g}"{dash}/>' + _HEADS.get(entry.mark, "").format(c=colour)
        )
    else:
        dash = f' stroke-dasharray="{esc(entry.dash)}"' if entry.dash else ""
        paint = f'fill="{esc(entry.fill)}" stroke="#000000" stroke-width="{min(entry.width, 2.5):g}"{dash}'
        drawn = (
            f'<ellipse cx="20" cy="8" rx="17" ry="6.5" {paint}/>'
            if entry.mark == "ellipse"
            else f'<rect x="3" y="2" width="34" height="12" rx="{4 if entry.mark == "rounded" else 0}" '
            f"{paint}/>"
        )
    return (
        f'<svg class="sample" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" '
        f'focusable="false">{drawn}</svg>'
    )
