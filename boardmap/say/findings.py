"""The words of findings about the map's own words: exact, because tools and people read
them, and located at the value they are about."""

from __future__ import annotations


def says_incomplete(says: str, stop: str) -> str:
    """'... stops at 'to'; write the whole phrase with {to}: "... to {to}"'."""
    text = " ".join(says.split()).rstrip(" .;:,")
    return f"'{text}' stops at '{stop}'; write the whole phrase with {{to}}: \"{text} {{to}}\""


def cadence_unknown(cadence: str, word: str, suggestion: str) -> str:
    """ "cadence 'anually': did you mean 'annually'?", or, for a word of a longer cadence,
    "cadence 'Anually in March' has 'Anually': did you mean 'annually'?"."""
    text = " ".join(cadence.split())
    if text == word:
        return f"cadence '{text}': did you mean '{suggestion}'?"
    return f"cadence '{text}' has '{word}': did you mean '{suggestion}'?"
