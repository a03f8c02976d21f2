"""Links inside a Word document: a bookmark where each part of the guide starts, and a
hyperlink to it wherever the guide mentions that part (a board's name, "see the route
below", the contents); links that leave the document (mailto:, tel:, https:) as Word's
external hyperlinks.

Word's bookmark names hold only letters, digits and '_', start with a letter and run to
at most 40 characters, so each anchor of the guide ('board-hwbb') is given such a name
('board_hwbb'), one to one, in the order the anchors appear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

MAX_NAME = 40
STYLE = "Hyperlink"  # Word's own name for the style of a link's text
_COLOUR = RGBColor(0x05, 0x63, 0xC1)  # Word's default colour for a hyperlink


def bookmark_names(anchors: Iterable[str]) -> dict[str, str]:
    """A Word bookmark name for each anchor, distinct, in the order given."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for anchor in anchors:
        if anchor in names:
            continue
        base = re.sub(r"[^A-Za-z0-9]", "_", anchor, flags=re.ASCII)
        if not base[:1].isalpha():
            base = "b_" + base
        name, n = base[:MAX_NAME], 1
        while name in taken:
            n += 1
            suffix = f"_{n}"
            name = base[: MAX_NAME - len(suffix)] + suffix
        taken.add(name)
        names[anchor] = name
    return names


def add_style(word: Any) -> None:
    """The character style hyperlinks are drawn in (blue, underlined), as Word has it."""
    if STYLE in [style.name for style in word.styles]:
        return
    style = word.styles.add_style(STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = _COLOUR
    style.font.underline = True


def bookmark(paragraph: Any, name: str, ident: int) -> None:
    """A bookmark at the start of a paragraph (where a link to it lands)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    element = paragraph._p
    properties = element.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        element.insert(0, start)
    start.addnext(end)


def internal_link(paragraph: Any, name: str, text: str) -> None:
    """A hyperlink to the bookmark `name`."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), name)
    link.set(qn("w:history"), "1")
    link.append(_run(text))
    paragraph._p.append(link)


def external_link(paragraph: Any, url: str, text: str) -> None:
    """A hyperlink that leaves the document: an email address, a phone number, a web page."""
    ident = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), ident)
    link.set(qn("w:history"), "1")
    link.append(_run(text))
    paragraph._p.append(link)


def _run(text: str) -> Any:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), STYLE)
    properties.append(style)
    run.append(properties)
    words = OxmlElement("w:t")
    words.set(qn("xml:space"), "preserve")
    words.text = text
    run.append(words)
    return run
