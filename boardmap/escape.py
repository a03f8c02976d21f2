"""Text from a map made safe for each place it goes: one function per target.

- `plain`: one line of visible text (control, non-character and direction-override
  characters dropped, white space folded), the base of the others;
- `xml`: text inside an XML element or a double-quoted attribute (SVG <title>, <desc>);
- `dot_label`: one line inside a quoted Graphviz label, where Graphviz reads `\\N`, `\\G`,
  `\\n`, `\\l` as escapes;
- `dot_tooltip`: a quoted Graphviz tooltip, which Graphviz reads for escapes twice;
- `dot_id`: any value as one DOT ID (quoted where it must be), the last step of each;
- a terminal: boardmap.messages.one_line and clip.

Every character Graphviz or an XML reader cannot take is dropped here, so a map's text can
never make a diagram that is not well-formed (issue 20: U+0001, U+0007, U+001B, U+000B from
a spreadsheet's soft line break, U+FFFE).
"""

from __future__ import annotations

import re

# Characters that would change how text reads rather than what it says: control characters
# (C0, DEL, C1), the bidirectional overrides and isolates that can make text display in an
# order other than the one it is stored in (U+202A-U+202E, U+2066-U+2069), lone surrogates,
# and the non-characters U+FFFE and U+FFFF, which XML does not allow.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 does not allow at all (tab, line feed and carriage return it does).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain(text: str) -> str:
    """User text as one plain line: invisible characters made spaces, runs of white space
    (including line breaks) made one space."""
    return " ".join(_INVISIBLE.sub(" ", text).split())


def xml(text: str) -> str:
    """Text for an XML element or a double- or single-quoted attribute: characters XML does
    not allow dropped, and & < > " ' written as references."""
    text = _NOT_XML.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def dot_label(line: str) -> str:
    """One line of a label made literal inside a quoted DOT string. dot_id escapes the
    double quotes; a backslash, which DOT would read as an escape (\\N, \\G,
    \\n, \\l ...), is doubled here. Call it on text already made `plain`."""
    return line.replace("\\", "\\\\")


# What DOT reads as an ID without quotes: a name or a number (as the graphviz package has it).
_DOT_BARE = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_DOT_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
# A double quote, with the backslashes before it: an escaped one (\") is taken as it is.
_DOT_QUOTE = re.compile(r'((?:\\{2})*)\\?"')


def dot_id(text: str) -> str:
    """Any text as one DOT ID, never read as HTML: as it is where DOT reads it as a name or
    a number, otherwise in double quotes with each double quote escaped. Labels and
    tooltips reach it from dot_label and dot_tooltip; this is the last step of every value
    boardmap writes into DOT (boardmap.render.dot), written as the graphviz package would."""
    if _DOT_BARE.match(text) and text.lower() not in _DOT_KEYWORDS:
        return text
    if '"' in text:
        text = _DOT_QUOTE.sub(r'\1\\"', text)
    return f'"{text}"'


def dot_tooltip(text: str) -> str:
    """A tooltip made literal inside a quoted DOT string. Graphviz expands escapes in a
    tooltip twice (once as an escString, again as it writes the SVG), so a backslash is
    written as four: `Path C:\\Temp\\New and \\G` stays exactly that in the SVG."""
    return plain(text).replace("\\", "\\\\\\\\")


# Characters that could start Markdown or HTML inside a line of text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


_MD_REFERENCES = {"<": "&lt;", ">": "&gt;"}


def _md_special(match: re.Match[str]) -> str:
    return _MD_REFERENCES.get(match.group(1), "\\" + match.group(1))


def _list_marker(match: re.Match[str]) -> str:
    # '- ' becomes '\\- '; '1. ' becomes '1\\. ' (a backslash before a digit is not an
    # escape in Markdown, and would be shown).
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


def markdown(text: str, *, start: bool = True) -> str:
    """Text from a map as literal Markdown: no emphasis, link, image, code, table cell, HTML
    or entity can start in it. '&', '<' and '>' become references; the other characters
    Markdown reads are escaped with a backslash. `start` (text at the start of a line) also
    escapes what would begin a list or a heading underline there ('- ', '1. ', '=')."""
    text = markdown_inside(text)
    if start:
        text = _MD_LINE_START.sub(_list_marker, text)
    return text


def markdown_inside(text: str) -> str:
    """markdown(text, start=False): text inside a line, where only the special characters
    matter (the guide's Markdown escapes 100,000 texts so)."""
    if "&" in text or _MD_SPECIAL.search(text):  # most texts hold neither
        text = text.replace("&", "&amp;")
        text = _MD_SPECIAL.sub(_md_special, text)
    return text
