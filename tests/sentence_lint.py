"""A sentence linter for the words boardmap writes (issue 12): what a reader would call a
broken sentence, found without a grammar library so that the tests say exactly what they
check.

A problem is reported where a sentence
- ends on a preposition, an article or a conjunction ("... is accountable to."),
- has ",." or " ." in it,
- says a word twice in a row ("the the"),
- starts with a lower-case letter,
and where a sentence of five or more words is said more than three times in one text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator

# Words a sentence cannot end on.
DANGLING = frozenset(
    {
        "to",
        "of",
        "with",
        "by",
        "for",
        "on",
        "in",
        "at",
        "from",
        "into",
        "onto",
        "via",
        "through",
        "under",
        "about",
        "within",
        "between",
        "including",
        "towards",
        "upon",
        "than",
        "as",
        "the",
        "a",
        "an",
        "its",
        "their",
        "this",
        "these",
        "each",
        "every",
        "and",
        "or",
        "but",
        "nor",
    }
)
# Doubled words that English allows.
DOUBLES_ALLOWED = frozenset({"had", "that"})
MAX_REPEATS = 3
MIN_REPEATED_WORDS = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9a-z])")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def sentences(block: str) -> list[str]:
    """The sentences of one paragraph, list item or table cell: the text split after '.',
    '!' or '?' where the next begins. Text that does not end like a sentence (a heading, a
    label) is not a sentence and is left out."""
    text = " ".join(block.split())
    found = []
    for part in _SENTENCE_END.split(text):
        part = part.strip()
        if re.search(r"[.!?][\"”’)\]]*$", part):
            found.append(part)
    return found


# A preposition may end a sentence where a relative clause or an infinitive strands it:
# 'The map does not say who it answers to.', '... for the committee to note and comment on.'
_RELATIVES = frozenset({"who", "whom", "which", "what", "where", "whose"})
_PREPOSITIONS = DANGLING - {
    "the",
    "a",
    "an",
    "its",
    "their",
    "this",
    "these",
    "each",
    "every",
    "and",
    "or",
    "but",
    "nor",
    "including",
}


def _stranded(word: str, before: list[str]) -> bool:
    """Whether a final preposition is stranded by a relative clause or an infinitive shortly
    before it (grammatical English), not left without its object."""
    if word not in _PREPOSITIONS:
        return False
    recent = [w.lower() for w in before]
    return bool(_RELATIVES.intersection(recent)) or "to" in recent[-5:-1]


def problems(sentence: str) -> list[str]:
    """What is wrong with one sentence ([] where nothing is)."""
    found: list[str] = []
    if ",." in sentence or " ." in sentence:
        found.append("',.' or ' .'")
    words = _WORD.findall(sentence)
    # The end of the sentence, past its full stop and any closing quotes or brackets: a quoted
    # phrase that stops on 'on' ('... as “sits as an observer on”.') breaks the sentence too.
    body = re.sub(r"[\"”’)\]]*[.!?][\"”’)\]]*$", "", sentence).rstrip()
    last = re.findall(r"[\w'’-]+", body)
    if (
        last
        and body[-1:].isalnum()
        and last[-1].lower() in DANGLING
        and not _stranded(last[-1].lower(), last[:-1])
    ):
        found.append(f"ends on {last[-1]!r}")
    for first, second in itertools.pairwise(words):
        if (
            first.lower() == second.lower()
            and first.lower() not in DOUBLES_ALLOWED
            and re.search(rf"\b{re.escape(first)}\s+{re.escape(second)}\b", sentence)
        ):
            found.append(f"doubled word {first!r}")
            break
    start = re.sub(r"^[\"“‘(\[*_\s]+", "", sentence)
    if start[:1].isalpha() and start[:1].islower():
        found.append("starts in lower case")
    return found


def lint(blocks: Iterable[str], cells: Iterable[str] = ()) -> list[str]:
    """Every problem in a text given as its blocks, as 'problem: sentence'; then each
    sentence of five or more words said more than three times. Table `cells` are checked
    for broken sentences but not counted as said again: a column repeats a value down its
    rows by design, each row naming its own body in its first cell."""
    said: Counter[str] = Counter()
    found: list[str] = []
    for counted, block in [*((True, b) for b in blocks), *((False, c) for c in cells)]:
        for sentence in sentences(block):
            found += [f"{problem}: {sentence}" for problem in problems(sentence)]
            if counted and len(_WORD.findall(sentence)) >= MIN_REPEATED_WORDS:
                said[sentence] += 1
    found += [f"said {count} times: {sentence}" for sentence, count in said.items() if count > MAX_REPEATS]
    return found


def markdown_blocks(markdown: str, *, tables: bool = False) -> Iterator[str]:
    """The blocks of a Markdown text as a reader sees them: paragraphs and list items (with
    `tables`, only the cells of its tables), with links, emphasis, anchors and headings
    taken out."""
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "<a ", "```", "|-", "| -", "|:")):
            continue
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"<[^>]+>", "", line).replace("**", "").replace("\\", "")
        line = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", line)
        if line.startswith("|") == tables:
            yield from ((cell.strip() for cell in line.strip("|").split("|")) if tables else (line,))
