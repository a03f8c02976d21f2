"""Reading a link's `says`: what kind of phrase the map's words are, and whether they can
make a sentence.

A map's `says` is often a verb phrase ("sends its yearly report to the Board"), but
spreadsheets' Label columns bring noun phrases ("Annual report"), prepositional phrases
("via the Leader") and whole clauses ("The SAB consults the HWB on its plan"). Each reads
differently after a board's name, so `says` is sorted first. Where unsure, it is taken as
a phrase and quoted, which is always grammatical.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from boardmap.model import Board
from boardmap.say.names import patterns_naming, plural_named

SaysForm = Literal["none", "verb", "possessive", "clause", "preposition", "thing"]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that start what a board does, in their base form. Their '-s' and past forms are made
# from these (_verb_forms); a verb not listed still counts when a determiner follows it.
_VERBS = _word_set("""
    accept act advise agree align allocate answer appoint approve arrange ask assess assure
    attend audit bring brief buy call carry challenge champion chair check circulate collect
    comment commission communicate complete consider consult contribute convene co-operate
    cooperate co-ordinate coordinate copy cover decide delegate deliver develop direct discuss
    endorse engage ensure escalate evaluate examine explain feed flag forward fund gather get
    give govern guide hand hear help hold host identify improve inform inspect invite involve
    investigate issue keep lead liaise link listen look make manage meet monitor note notify
    offer oversee own pass plan play prepare present promote propose protect provide publish
    put question raise receive recommend refer reflect relay report represent request require
    respond return review run scrutinise scrutinize see seek send serve set share sign speak
    submit supervise support take talk tell track update use work write point ratify
    nominate advocate facilitate influence input produce signpost shape steer strengthen
    test train visit vote need want welcome
""")
# Of those, the ones also used as nouns ("Reports and minutes", "Updates for information"):
# they start a verb phrase only when a word that can follow a verb comes next.
_NOUN_TOO = _word_set("""
    audit brief call challenge champion chair check comment commission copy cover feed flag
    forward fund guide hand host issue lead link note offer plan present question report
    request return review set share support track update use work point sign influence input
    visit test train vote need shape welcome
""")
_NOT_AFTER_VERB = frozenset({"and", "or", "of", "for", "from", ",", "&"})
_IRREGULAR_PAST = {
    "bring": "brought",
    "buy": "bought",
    "feed": "fed",
    "get": "got",
    "give": "gave",
    "hear": "heard",
    "hold": "held",
    "keep": "kept",
    "lead": "led",
    "make": "made",
    "meet": "met",
    "put": "put",
    "run": "ran",
    "see": "saw",
    "seek": "sought",
    "send": "sent",
    "set": "set",
    "speak": "spoke",
    "take": "took",
    "tell": "told",
    "write": "wrote",
    "plan": "planned",
    "refer": "referred",
    "submit": "submitted",
}
# Words that make a clause finite whatever their subject: 'is led by', 'can call', 'must'.
_AUXILIARIES = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "does",
        "do",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
    }
)
# Adverbs that may come before the verb: 'sometimes attends', 'also reports'. Not 'yearly'
# and the like, which more often start a noun phrase ('yearly report').
_ADVERBS = frozenset(
    {
        "also",
        "sometimes",
        "often",
        "usually",
        "regularly",
        "formally",
        "informally",
        "jointly",
        "independently",
        "directly",
        "then",
        "now",
        "still",
        "always",
        "never",
        "only",
        "routinely",
        "occasionally",
        "normally",
        "generally",
        "already",
        "mainly",
        "currently",
    }
)
# Words after which an unlisted '-s' word is a verb: 'ratifies the plan', 'endorses its ...'.
_OBJECT_STARTS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "any",
        "all",
        "each",
        "every",
        "how",
        "what",
        "whether",
        "that",
        "this",
        "these",
        "those",
        "it",
        "them",
        "his",
        "her",
    }
)
# Words that start a clause's subject: 'The SAB consults ...', 'the partners are ...'.
_SUBJECT_STARTS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "these",
        "that",
        "those",
        "each",
        "every",
        "all",
        "both",
        "our",
        "it",
        "they",
        "he",
        "she",
        "we",
    }
)
# Prepositions whose phrase may end the link type's own sentence: 'reports to the Full
# Council via the Leader'. Only after verbs that end cleanly (_PREPOSITION_TYPES).
_PREPOSITIONS = frozenset(
    {
        "via",
        "through",
        "on",
        "about",
        "at",
        "in",
        "under",
        "for",
        "by",
        "using",
        "during",
        "as",
        "with",
        "within",
        "after",
        "before",
    }
)
_PREPOSITION_TYPES = frozenset({"reports-to", "challenges", "escalates-to", "informs"})
# What a phrase about something sent may be about: 'Annual report' -> 'This covers the
# annual report'.
_SENT_THINGS = frozenset(
    {
        "report",
        "reports",
        "minutes",
        "update",
        "updates",
        "summary",
        "plan",
        "plans",
        "strategy",
        "review",
        "reviews",
        "briefing",
        "briefings",
        "letter",
        "letters",
        "statement",
        "assessment",
        "papers",
        "findings",
        "recommendations",
        "data",
        "information",
    }
)
# Words that may start such a phrase in a spreadsheet's capitals: 'Annual report'.
_COMMON_FIRST = frozenset(
    {
        "annual",
        "yearly",
        "quarterly",
        "monthly",
        "six-monthly",
        "weekly",
        "regular",
        "written",
        "formal",
        "joint",
        "full",
        "draft",
        "summary",
        "performance",
        "progress",
        "minutes",
        "report",
        "reports",
        "update",
        "updates",
        "briefing",
        "strategic",
        "business",
        "key",
        "verbal",
    }
)
_WORD_CHARS = re.compile(r"[^\w&'’-]+")


def _verb_forms(base: str) -> tuple[str, str]:
    """The '-s' form and the past form of a regular verb: ('reports', 'reported')."""
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base in _IRREGULAR_PAST:
        past = _IRREGULAR_PAST[base]
    elif base.endswith("e"):
        past = base + "d"
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        past = base[:-1] + "ied"
    else:
        past = base + "ed"
    return third, past


def _verb_table() -> tuple[dict[str, str], dict[str, str]]:
    """'-s' form -> base, past form -> base, for every listed verb."""
    thirds: dict[str, str] = {}
    pasts: dict[str, str] = {}
    for base in _VERBS:
        third, past = _verb_forms(base)
        thirds[third] = base
        pasts[past] = base
    return thirds, pasts


_THIRD_FORMS, _PAST_FORMS = _verb_table()


def _tokens(text: str) -> list[str]:
    """The words of a phrase in lower case, a comma kept as a word of its own."""
    return [
        t for t in _WORD_CHARS.sub(lambda m: " , " if "," in m.group(0) else " ", text.lower()).split() if t
    ]


def _is_verb(tokens: list[str], at: int, plural: bool) -> bool:
    """Whether tokens[at] is a verb that agrees with a subject (plural or not) before it."""
    word = tokens[at]
    after = tokens[at + 1] if at + 1 < len(tokens) else ","
    if word in _AUXILIARIES:
        return True
    base = _THIRD_FORMS.get(word) if not plural else None
    if base is None and plural and word in _VERBS:
        base = word
    if base is None and word in _PAST_FORMS:
        base = _PAST_FORMS[word]
    if base is not None:
        if base not in _NOUN_TOO or after not in _NOT_AFTER_VERB:
            return True
        # 'questions and challenges the Director' (two verbs), not 'Reports and minutes'.
        return after in ("and", "or") and at + 2 < len(tokens) and _is_verb(tokens, at + 2, plural)
    # An unlisted verb: 'ratifies the plan'.
    return (
        not plural
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and after in _OBJECT_STARTS
    )


def _starts_with_verb(tokens: list[str], plural: bool) -> bool:
    at = 0
    while at < len(tokens) - 1 and tokens[at] in _ADVERBS:
        at += 1
    return bool(tokens) and _is_verb(tokens, at, plural)


def _clause_verb(tokens: list[str]) -> int | None:
    """Where the verb of a clause with its own subject is ('the partners are ...' -> 2),
    or None where the words do not read as subject-and-verb."""
    for at in range(1, min(len(tokens), 7)):
        if tokens[at] == ",":
            return None
        plural = tokens[at - 1].endswith("s") and not tokens[at - 1].endswith(("ss", "'s", "’s"))
        if tokens[at] in _AUXILIARIES or (tokens[at] not in _PAST_FORMS and _is_verb(tokens, at, plural)):
            return at
    return None


def _names_sender(subject: str, name: str, short: str | None) -> bool:
    """Whether a clause's subject is the sending board (of this name and short name): 'The
    SAB', 'the Board', 'It'."""
    subject = subject.strip()
    if subject.lower() in ("it", "they"):
        return True
    return any(p.fullmatch(subject) for p in patterns_naming(subject, name, short))


def read_says(says: str, sender: Board) -> tuple[SaysForm, str]:
    """How a link's `says` reads, and the words to use:
    'verb' ('sends its report', also 'The SAB sends its report' when the SAB is the sender,
    given back as 'sends its report'); 'possessive' ('its chair attends ...'); 'clause' (its
    own subject and verb: 'the partners are accountable ...'); 'preposition' ('via the
    Leader'); 'thing' (anything else: 'Annual report', 'Challenge session each March')."""
    return _read_says(says, sender.name, sender.short)


# A guide reads each link's `says` each time it says the link: an entry a link with words
# of its own (a 10,000-board map has 50,000 links).
@functools.lru_cache(maxsize=1 << 16)
def _read_says(says: str, name: str, short: str | None) -> tuple[SaysForm, str]:
    text = says.strip()
    if not text:
        return "none", ""
    tokens = _tokens(text)
    if not tokens:
        return "thing", text
    plural = plural_named(name)
    if tokens[0] in ("its", "their"):
        return ("possessive", text) if _clause_verb(tokens) is not None else ("thing", text)
    if _starts_with_verb(tokens, plural):
        return "verb", _lower_first(text)
    at = _clause_verb(tokens)
    words = text.split()
    if at is not None and len(words) > at and _tokens(" ".join(words[:at])) == tokens[:at]:
        subject, rest = " ".join(words[:at]), " ".join(words[at:])
        # A subject starts with 'the' or the like, or is a name: 'Kent Police', 'The SAB'.
        # 'Annual reports to the Council' has none: it is a phrase.
        named = all(w[:1].isupper() for w in words[:at]) and tokens[0] not in _COMMON_FIRST
        if tokens[0] in _SUBJECT_STARTS or named:
            if _names_sender(subject, name, short) and _starts_with_verb(tokens[at:], plural):
                return "verb", rest
            return "clause", text
    if tokens[0] in _PREPOSITIONS and len(tokens) > 1:
        return "preposition", _lower_first(text)
    return "thing", text


def _lower_first(text: str, only: frozenset[str] | None = None) -> str:
    """'Sends its report' -> 'sends its report'; 'SAB report' as written. With `only`,
    just those words: 'Annual report' -> 'annual report', but 'Ofsted report' as written."""
    first = text.split(" ", 1)[0]
    if (
        len(first) > 1
        and first[0].isupper()
        and first[1:].islower()
        and first.replace("-", "").isalpha()
        and (only is None or first.lower() in only)
    ):
        return text[0].lower() + text[1:]
    return text
