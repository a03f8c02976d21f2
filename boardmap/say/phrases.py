"""Phrases the link sentences and the guide share: how often (cadence), what passes along a
link, and a board's purpose as whole sentences."""

from __future__ import annotations

import functools
import re

from boardmap.model import Board
from boardmap.say.cadence import corrected
from boardmap.say.grammar import has_determiner, sentence
from boardmap.say.vocab import CADENCE_EVERY, PURPOSE_SUBJECT, PURPOSE_SUBJECTS


def cadence_phrase(cadence: str) -> str:
    """'every six months' for six-monthly (and for a plain misspelling of it); a free-text
    cadence as written."""
    text = corrected(cadence)
    return CADENCE_EVERY.get(text.lower().replace(" ", "-"), text)


def thing_sent(what: str) -> str:
    """What passes along a link as an object: 'its annual report', 'a yearly report'."""
    text = what.strip()
    return text if has_determiner(text) else f"its {text}"


# Words after a plural noun that starts a phrase: "Officers from ...", "Groups of ...".
_AFTER_NOUNS = frozenset(
    {
        "who",
        "from",
        "of",
        "that",
        "which",
        "in",
        "on",
        "with",
        "and",
        "for",
        "at",
        "whose",
        "working",
        "representing",
    }
)
# Verbs that often start a purpose ("Checks that ..."), whatever follows them.
_PURPOSE_VERBS = frozenset(
    {
        "advises",
        "agrees",
        "brings",
        "buys",
        "challenges",
        "checks",
        "commissions",
        "coordinates",
        "decides",
        "delivers",
        "develops",
        "ensures",
        "gives",
        "helps",
        "holds",
        "improves",
        "inspects",
        "investigates",
        "keeps",
        "leads",
        "looks",
        "makes",
        "manages",
        "meets",
        "monitors",
        "oversees",
        "plans",
        "promotes",
        "protects",
        "provides",
        "represents",
        "reviews",
        "runs",
        "scrutinises",
        "sets",
        "shares",
        "supervises",
        "supports",
        "works",
    }
)
# Nouns that could count with an article before them: "This covers the annual report".
_COUNTABLE = frozenset(
    {
        "report",
        "letter",
        "review",
        "inspection",
        "plan",
        "strategy",
        "summary",
        "update",
        "copy",
        "request",
        "draft",
        "record",
        "assessment",
        "audit",
        "briefing",
        "statement",
        "action",
        "business",
        "agenda",
        "minute",
    }
)


def purpose_sentence(purpose: str, board: Board) -> str:
    """A board's purpose as whole sentences: 'Plans how ...' becomes 'It plans how ...'
    ('This person leads ...' for a role); a purpose with its own subject is as written."""
    text = " ".join(purpose.split())
    first, _, rest = text.partition(" ")
    verb_led = (
        len(first) > 3
        and first.isalpha()
        and first[0].isupper()
        and first[1:].islower()
        and first.endswith("s")
        and not first.endswith("ss")
        and bool(rest)
        and (first.lower() in _PURPOSE_VERBS or rest.split()[0].lower().strip(",") not in _AFTER_NOUNS)
    )
    if verb_led:
        subject = PURPOSE_SUBJECTS.get(board.kind, PURPOSE_SUBJECT)
        text = f"{subject} {first.lower()} {rest}"
    return sentence(text)


@functools.lru_cache(maxsize=4096)  # a guide says each link's `what` several times
def with_article(what: str) -> str:
    """'annual report on ...' -> 'the annual report on ...'; plurals and mass nouns as written."""
    lowered = what.lower()
    if has_determiner(what) or not what[:1].islower():
        return what
    head = re.split(r"\s(?:on|of|for|from|about|to|with|and|including|in|by)\s|,", lowered)[0].split()
    if head and head[-1] in _COUNTABLE:
        return "the " + what
    return what


@functools.lru_cache(maxsize=1024)  # a map has few cadences, said for every link and board
def when_phrase(cadence: str) -> str:
    """How often, as it ends a sentence: 'every six months', 'when needed', 'at each meeting'."""
    phrase = " ".join(cadence_phrase(cadence).split())
    if phrase.lower().startswith("each "):
        phrase = "at " + phrase
    return phrase
