"""One way to tell whether two names mean the same person or body.

Text from a map can look identical on screen and differ underneath: 'é' written as one
character or as 'e' and a combining accent (NFD, as macOS file names and some PDFs give
it), a zero-width space or soft hyphen pasted from a web page, a non-breaking space, a
full-width letter, or a different case. Every comparison of people or bodies by their
names (a chair in free text, a role's name, a board named in a spreadsheet, a board
renamed between two maps) goes through `name_key`, so none of these makes one person two.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A name folded for comparison: NFKC (compatibility forms and combining accents
    composed), format characters dropped (zero-width spaces and joiners, soft hyphens, byte
    order marks, direction marks: Unicode category Cf), case folded, and runs of white space
    made one space, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    # Case folding can undo NFKC ('ǰ' folds to 'ǰ' decomposed): normalise once more.
    text = unicodedata.normalize("NFKC", text.casefold())
    return _SPACES.sub(" ", text).strip()


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same once folded by `name_key`."""
    return name_key(a) == name_key(b)
