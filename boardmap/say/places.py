"""Where a link's `says` puts the other bodies ({to} and {from}), and whether it stops where
another body's name should follow ('is accountable through its independent chair to')."""

from __future__ import annotations

import functools
import re

# -- {to} and {from}: where the map puts the other bodies ------------------------------------

# The places a `says` may name (boardmap.model checks that no other is used).
PLACE = re.compile(r"\{(to|from)\}")


def has_places(says: str | None) -> bool:
    """Whether a `says` names where the bodies go: 'is accountable to {to}'."""
    return bool(says) and PLACE.search(says or "") is not None


def fill(says: str, *, to: str, from_: str) -> str:
    """The `says` with each body's name in its place."""
    return PLACE.sub(lambda m: to if m.group(1) == "to" else from_, says)


# -- a `says` that stops where another body's name should follow ------------------------------

# Endings that need an object after them, longest first: 'on behalf of', 'led by', 'to'.
_CUT_PHRASES = (
    "on behalf of",
    "in partnership with",
    "in relation to",
    "in respect of",
    "with input from",
    "in addition to",
    "together with",
    "along with",
    "as well as",
    "such as",
    "led by",
    "chaired by",
    "supported by",
    "overseen by",
    "hosted by",
    "agreed by",
    "signed off by",
    "approved by",
)
_CUT_WORDS = frozenset(
    {
        # prepositions
        "to",
        "with",
        "on",
        "of",
        "for",
        "by",
        "from",
        "into",
        "onto",
        "towards",
        "toward",
        "through",
        "via",
        "under",
        "about",
        "at",
        "in",
        "within",
        "between",
        "across",
        "including",
        "alongside",
        "against",
        "among",
        "amongst",
        "upon",
        "than",
        "like",
        "as",
        "incl",
        "inc",
        "re",
        "regarding",
        "concerning",
        "per",
        "without",
        "beside",
        "besides",
        "unto",
        # articles and determiners
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "each",
        "every",
        "this",
        "these",
        # conjunctions
        "and",
        "or",
        "but",
        "nor",
        "&",
        "whether",
        "that",
        "which",
        "who",
        "whom",
    }
)
_LAST_WORDS = re.compile(r"[\w&'’-]+")


@functools.lru_cache(maxsize=1 << 16)  # each link's phrase, each time it is said or drawn
def cut_short(says: str | None) -> str | None:
    """Where a phrase stops on a word that needs an object after it, that ending ('to', 'led
    by', 'on behalf of', 'including', 'the', 'and'); None where the phrase ends well, names its
    places with {to}/{from}, or is empty."""
    if not says or has_places(says):
        return None
    text = " ".join(says.split()).rstrip(" .;:,-–—…")
    words = [w.lower() for w in _LAST_WORDS.findall(text)]
    if not words or text[-1:] in (")", "]", '"', "”", "'", "’"):
        return None
    tail = " ".join(words[-4:])
    for phrase in _CUT_PHRASES:
        if tail == phrase or tail.endswith(" " + phrase):
            return phrase
    return words[-1] if words[-1] in _CUT_WORDS else None


def ends_unfinished(says: str | None) -> bool:
    """Whether a phrase stops on a comma or a word needing an object: 'on behalf of,'."""
    if not says:
        return False
    return cut_short(says) is not None or says.rstrip().endswith((",", ";", ":"))
