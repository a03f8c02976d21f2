"""How often something happens along a link: reading a free-text `cadence`, and finding a
misspelt cadence word ('anually': did you mean 'annually'?)."""

from __future__ import annotations

import difflib
import re

from boardmap.say.vocab import CADENCE_EVERY

# Words that cadences are written in. A word close to one of these but not one of them is
# taken as a misspelling of it; a word far from all of them is taken as written.
CADENCE_WORDS = frozenset(
    {
        *(w for key in CADENCE_EVERY for w in (key, *key.split("-"))),
        "annual",
        "annually",
        "yearly",
        "year",
        "years",
        "monthly",
        "month",
        "months",
        "quarterly",
        "quarter",
        "quarters",
        "weekly",
        "week",
        "weeks",
        "fortnightly",
        "fortnight",
        "daily",
        "termly",
        "term",
        "terms",
        "biannually",
        "biannual",
        "bimonthly",
        "meeting",
        "meetings",
        "needed",
        "required",
        "request",
        "every",
        "each",
        "twice",
        "three",
        "times",
        "least",
        "once",
        "other",
        "minimum",
        "regularly",
        "regular",
        "usually",
        "normally",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "spring",
        "summer",
        "autumn",
        "winter",
        "early",
        "after",
        "before",
        "during",
        "until",
        "since",
        "meets",
        "board",
        "cycle",
        "calendar",
        "financial",
        "business",
        "necessary",
        "appropriate",
        "arises",
        "occasionally",
        "when",
    }
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def misspellings(cadence: str) -> list[tuple[str, str]]:
    """Each misspelt word of a cadence with the word it is closest to:
    'Anually in March' -> [('Anually', 'annually')]."""
    found: list[tuple[str, str]] = []
    for word in _WORD.findall(cadence):
        lowered = word.lower()
        if len(lowered) < 5 or lowered in CADENCE_WORDS:
            continue
        close = difflib.get_close_matches(lowered, sorted(CADENCE_WORDS), n=1, cutoff=0.8)
        if close:
            found.append((word, close[0]))
    return found


def corrected(cadence: str) -> str:
    """A one-word cadence with its spelling mended where the word is plainly a known
    cadence misspelt ('anually' -> 'annually'); any other cadence as written."""
    text = cadence.strip()
    key = text.lower()
    if key in CADENCE_EVERY or " " in key:
        return text
    close = difflib.get_close_matches(key, sorted(CADENCE_EVERY), n=1, cutoff=0.85)
    return close[0] if close else text
