"""The comparison as one self-contained, accessible web page: inline CSS, no script, nothing
from the network (the guide's Content Security Policy), readable on a phone: each wide table
scrolls inside its own labelled frame, never the page."""

from __future__ import annotations

import html
from collections.abc import Iterator

from boardmap.compare.report import Document, Heading, Items, Para, Table

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #0b0c0c; background: #fff; }
.skip { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; background: #ffdd00;
  color: #0b0c0c; }
.skip:focus { left: 0; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 4px solid #1d70b8; padding-top: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: .5rem 0 1rem; }
h2 { font-size: 1.375rem; margin: 2rem 0 .75rem; padding-top: .5rem; border-top: 1px solid #b1b4b6; }
p, li { max-width: 42rem; overflow-wrap: anywhere; }
li + li { margin-top: .5rem; }
a { color: #1d70b8; }
a:focus, .frame:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
nav ul { padding-left: 1.25rem; }
.frame { overflow-x: auto; margin: 1rem 0; border: 1px solid #b1b4b6; }
table { border-collapse: collapse; min-width: 100%; font-size: .9375rem; }
caption { text-align: left; font-weight: 700; padding: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .5rem; border-top: 1px solid #b1b4b6;
  min-width: 8rem; }
thead th { background: #f3f2f1; border-top: 0; }
tbody th { background: #f8f8f8; }
td.none { color: #505a5f; }
footer { margin-top: 2rem; padding-bottom: 2rem; color: #505a5f; }
@media print { .skip, nav { display: none; } .frame { overflow: visible; border: 0; } }
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def render(doc: Document) -> str:
    return "\n".join(_page(doc)) + "\n"


def _page(doc: Document) -> Iterator[str]:
    yield "<!DOCTYPE html>"
    yield '<html lang="en-GB">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f"<title>{esc(doc.title)}</title>"
    yield f"<style>{CSS}</style>"
    yield "</head>"
    yield "<body>"
    yield '<a class="skip" href="#main">Skip to main content</a>'
    yield "<header>"
    yield f"<h1>{esc(doc.title)}</h1>"
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    if headings:
        yield '<nav aria-label="Contents"><ul>'
        for h in headings:
            yield f'<li><a href="#{esc(h.id)}">{esc(h.text)}</a></li>'
        yield "</ul></nav>"
    yield "</header>"
    yield '<main id="main" tabindex="-1">'
    last = len(doc.blocks) - 1
    for n, block in enumerate(doc.blocks):
        if n == last and isinstance(block, Para):
            break  # the closing line goes in the footer
        yield from _block(block)
    yield "</main>"
    if doc.blocks and isinstance(doc.blocks[-1], Para):
        yield f"<footer><p>{esc(doc.blocks[-1].text)}</p></footer>"
    yield "</body>"
    yield "</html>"


def _block(block: Heading | Para | Items | Table) -> Iterator[str]:
    if isinstance(block, Heading):
        yield f'<h{block.level} id="{esc(block.id)}">{esc(block.text)}</h{block.level}>'
    elif isinstance(block, Para):
        yield f"<p>{esc(block.text)}</p>"
    elif isinstance(block, Items):
        yield "<ul>"
        for item in block.items:
            yield f"<li>{esc(item)}</li>"
        yield "</ul>"
    else:
        yield from _table(block)


def _table(table: Table) -> Iterator[str]:
    # A focusable, labelled frame: keyboard users can scroll a wide table on a phone.
    yield f'<div class="frame" role="region" aria-label="{esc(table.caption)}" tabindex="0">'
    yield "<table>"
    yield f"<caption>{esc(table.caption)}</caption>"
    yield "<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in table.head) + "</tr></thead>"
    yield "<tbody>"
    for row in table.rows:
        head, *cells = row
        tds = "".join(
            f'<td class="none">{esc(c)}</td>' if c in ("none", "no link") else f"<td>{esc(c)}</td>"
            for c in cells
        )
        yield f'<tr><th scope="row">{esc(head)}</th>{tds}</tr>'
    yield "</tbody>"
    yield "</table>"
    yield "</div>"
