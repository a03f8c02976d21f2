"""A Protocol as one self-contained, accessible HTML page (no scripts, nothing fetched)."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from boardmap.protocol.content import Protocol, Steps, Subheading, Table

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.1875rem; line-height: 1.5;
  color: #0b0c0c; max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1, h2, h3, h4 { line-height: 1.25; }
.table-frame { overflow-x: auto; margin: 1rem 0; }
.table-frame:focus { outline: 3px solid #ffdd00; }
table { border-collapse: collapse; width: 100%; min-width: 30rem; }
caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }
th, td { border: 1px solid #505a5f; padding: 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f2f1; }
td:empty::after { content: "\\00a0"; }
footer { border-top: 1px solid #b1b4b6; margin-top: 2rem; padding-top: 1rem; font-size: 1rem; }
@media print { body { max-width: none; } tr { break-inside: avoid; } }
"""


def _e(text: str) -> str:
    return escape(" ".join(text.split()), quote=True)


def _table(table: Table, number: int) -> Iterator[str]:
    # A wide table scrolls inside its own frame on a phone (WCAG 1.4.10 allows it for tables),
    # which can take the keyboard's focus and is named by the table's caption.
    label = f"table-{number}"
    yield (f'<div class="table-frame" role="region" tabindex="0" aria-labelledby="{label}"><table>')
    yield f'<caption id="{label}">{_e(table.caption)}</caption>'

    yield "<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in table.head) + "</tr></thead>"
    yield "<tbody>"
    for row in table.rows:
        first, *rest = row
        head = f'<th scope="row">{_e(first)}</th>' if table.row_heads else f"<td>{_e(first)}</td>"
        yield f"<tr>{head}" + "".join(f"<td>{_e(c)}</td>" for c in rest) + "</tr>"
    yield "</tbody></table></div>"


def lines(protocol: Protocol) -> Iterator[str]:
    yield "<!DOCTYPE html>"
    yield '<html lang="en-GB">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f"<title>{_e(protocol.title)}</title>"
    yield f"<style>{STYLE}</style>"
    yield "</head>"
    yield "<body>"
    yield "<main>"
    yield f"<h1>{_e(protocol.title)}</h1>"
    yield f"<p>{_e(protocol.lede)}</p>"
    tables = 0
    for section in protocol.sections:
        yield "<section>"
        yield f"<h{section.level}>{_e(section.heading)}</h{section.level}>"
        for block in section.blocks:
            if isinstance(block, str):
                yield f"<p>{_e(block)}</p>"
            elif isinstance(block, Subheading):
                level = section.level + 1
                yield f"<h{level}>{_e(block.text)}</h{level}>"
            elif isinstance(block, Steps):
                tag = "ol" if block.ordered else "ul"
                yield f"<{tag}>" + "".join(f"<li>{_e(i)}</li>" for i in block.items) + f"</{tag}>"
            else:
                tables += 1
                yield from _table(block, tables)
        yield "</section>"
    yield "</main>"
    yield f"<footer><p>{_e(protocol.footer)}</p></footer>"
    yield "</body>"
    yield "</html>"


def to_html(protocol: Protocol) -> str:
    return "\n".join(lines(protocol)) + "\n"
