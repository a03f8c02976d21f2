"""Text from a map made safe for each place it goes: one function per target.

- `plain`: one line of visible text (control, non-character and direction-override
  characters dropped, white space folded), the base of the others;
- `xml`: text inside an XML element or a double-quoted attribute (SVG <title>, <desc>);
- `dot_label`: one line inside a quoted Graphviz label, where Graphviz reads `\\N`, `\\G`,
  `\\n`, `\\l` as escapes;
- `dot_tooltip`: a quoted Graphviz tooltip, which Graphviz reads for escapes twice;
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
    """One line of a label made literal inside a quoted DOT string. The graphviz package
    escapes the double quotes; a backslash, which DOT would read as an escape (\\N, \\G,
    \\n, \\l ...), is doubled here. Call it on text already made `plain`."""
    return line.replace("\\", "\\\\")


def dot_tooltip(text: str) -> str:
    """A tooltip made literal inside a quoted DOT string. Graphviz expands escapes in a
    tooltip twice (once as an escString, again as it writes the SVG), so a backslash is
    written as four: `Path C:\\Temp\\New and \\G` stays exactly that in the SVG."""
    return plain(text).replace("\\", "\\\\\\\\")
