"""A link said in words: its label on a diagram, its clause in a description or the diff,
and its sentences in the guide."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from boardmap.model import Board, Link
from boardmap.say.grammar import sentence
from boardmap.say.names import SMALL_WORDS, name_in, plural_name, the
from boardmap.say.phrases import cadence_phrase, thing_sent, when_phrase, with_article
from boardmap.say.places import ends_unfinished, fill, has_places
from boardmap.say.says import (
    _COMMON_FIRST,
    _PREPOSITION_TYPES,
    _SENT_THINGS,
    _lower_first,
    read_says,
)
from boardmap.say.vocab import (
    CADENCE_ADJECTIVES,
    GUIDE_QUOTED,
    GUIDE_WHAT,
    GUIDE_WHEN,
    LABEL_QUOTED,
    LINK_LABELS,
    LINK_VERBS,
    WHAT_PREPOSITIONS,
)


def link_label(link: Link, sender: str | None = None, receiver: str | None = None) -> str:
    """The words on a link's line (says_label)."""
    return says_label(link.says, link.type, sender, receiver)


@functools.cache  # one entry a link type
def _own_words(link_type: str) -> tuple[str, str]:
    """The link type's own words, which a map may repeat as its `says`: 'reports to'."""
    return LINK_LABELS[link_type], LINK_VERBS[link_type].format(b="").strip()


def says_label(
    says_: str | None, link_type: str, sender: str | None = None, receiver: str | None = None
) -> str:
    """The words on a link's line, read along the arrow from its sender to its receiver: the
    map's own `says` where given, else the type's phrase. Of a `says` with places, the {from}
    that starts it and the {to} that ends it are the arrow's ends and are left out; another
    place takes the body's name (`sender`, `receiver`: short names, where the caller has
    them): 'is accountable through its chair to {to}' -> 'is accountable through its chair
    to'."""
    says = " ".join((says_ or "").split())
    if not says:
        return LINK_LABELS[link_type]
    if says.lower().rstrip(" .") in _own_words(link_type):
        return LINK_LABELS[link_type]
    if ends_unfinished(says):  # quoted after the type's own words: 'reports to (“... to …”)'
        return LABEL_QUOTED.format(label=LINK_LABELS[link_type], says=says.rstrip(" ,;:"))
    if not has_places(says):
        return says
    if says.startswith("{from}") and not says.startswith(("{from}'s", "{from}’s")):
        says = says[len("{from}") :].lstrip(" ,")
    if says.endswith("{to}"):
        says = says[: -len("{to}")].rstrip(" ,")
    said = fill(says, to=receiver or "the other body", from_=sender or "it").strip()
    return said or LINK_LABELS[link_type]


def link_clause(link: Link, the_b: str) -> str:
    """A link as a verb phrase after its sending board's name, with what passes and how
    often: 'sends the Health and Wellbeing Board a yearly report'."""
    cadence = (link.cadence or "").strip()
    adjective = CADENCE_ADJECTIVES.get(cadence.lower())
    every = f" {cadence_phrase(cadence)}" if cadence and not adjective else ""
    if link.what:
        # "the yearly report" already says how often: do not add "every year" to it.
        said = {cadence.lower(), adjective or "", "annual" if adjective == "yearly" else ""} - {""}
        often = cadence and not any(word in link.what.lower() for word in said)
        sent = thing_sent(link.what) + (f" {cadence_phrase(cadence)}" if often else "")
    elif adjective:
        sent = f"a {adjective} report"
    else:
        sent = ""
    if link.type == "informs" and sent:
        return f"sends {the_b} {sent}"
    if link.type == "reports-to" and sent:
        return f"reports to {the_b} and sends it {sent}"
    base = LINK_VERBS[link.type].format(b=the_b)
    if sent:
        return f"{base}, through {sent}"
    return base + (f",{every}" if every else "")


def _plain(text: str) -> str:
    """A map's phrase ready to sit inside a sentence: one line, no full stop at the end, and
    a lower-case first letter unless it starts a name or an acronym."""
    text = " ".join(text.split()).rstrip(" .;")
    if (
        len(text) > 1
        and text[0].isupper()
        and text[1].islower()
        and text.split()[0]
        in (
            "Its",
            "Their",
            "Holds",
            "Reports",
            "Sends",
            "Keeps",
            "Consults",
            "Asks",
            "Takes",
            "Attends",
            "Is",
            "Are",
            "Has",
            "Gives",
            "Checks",
            "Makes",
            "Shares",
            "Passes",
            "Feeds",
        )
    ):
        text = text[0].lower() + text[1:]
    return text


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@functools.lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    # Kept: a guide reads each link's `what` once for each time it says the link.
    return frozenset(_stem(w) for w in re.findall(r"[A-Za-z’']+", text) if w.lower() not in SMALL_WORDS)


def _said_already(what: str, says: str) -> bool:
    """Whether `what` mostly repeats the words of `says` (then the guide leaves it out)."""
    words = _content_words(what)
    return bool(words) and len(words & _content_words(says)) * 2 >= len(words)


# The link types' verbs for a plural sender: 'The Agencies ... keep the Board informed'.
_PLURAL_VERBS = {
    "reports": "report",
    "holds": "hold",
    "takes": "take",
    "asks": "ask",
    "keeps": "keep",
    "is": "are",
    "attends": "attend",
}


def _agreeing(phrase: str, plural: bool) -> str:
    """A verb phrase of LINK_VERBS that agrees with a plural sender."""
    if not plural:
        return phrase
    first, _, rest = phrase.partition(" ")
    rest = rest.replace(" it cannot ", " they cannot ").replace("a sub-group of", "sub-groups of")
    return f"{_PLURAL_VERBS.get(first, first)} {rest}"


# Words that start a sentence after a link's first one, lower-cased when it is joined on.
_JOINED_STARTS = ("This ", "It ", "Its ", "They ", "Their ", "The ")


def _joined(said: list[str]) -> list[str]:
    """Sentences joined into one with semicolons: ['A reports to B.', 'This covers C.'] ->
    ['A reports to B; this covers C.']."""
    if len(said) <= 1:
        return said
    parts = [said[0].rstrip(".")]
    for more in said[1:]:
        more = more.rstrip(".")
        parts.append(more[0].lower() + more[1:] if more.startswith(_JOINED_STARTS) else more)
    return [sentence("; ".join(parts))]


@dataclass(frozen=True)
class LinkWords:
    """A link in plain words: what the sender does (a predicate that follows the sender's
    name), how often, the map's own words where they make no sentence, and the sentences
    after it."""

    predicate: str  # 'holds the Islington Health and Wellbeing Board to account on ...'
    possessive: bool  # the predicate follows "<sender>'s": "'s chair attends ..."
    more: tuple[str, ...]  # 'Its chair attends meetings when needed.', 'This covers ...'
    when: str | None  # 'every six months'
    quoted: str | None = None  # the map's words, quoted after the type's own: 'Annual report'

    def _first(self, head: str) -> str:
        """The first sentence: the predicate, then how often, then the map's quoted words."""
        text = f"{head} {self.predicate}"
        if self.when and "," not in self.predicate:
            text += f" {self.when}"
        if self.quoted:
            text += f" {GUIDE_QUOTED.format(says=self.quoted)}"
        return sentence(text)

    def _after(self) -> list[str]:
        said = list(self.more)
        if self.when and "," in self.predicate:
            said.append(GUIDE_WHEN.format(when=self.when))
        return said

    def sentences(self, sender: str) -> list[str]:
        """Every sentence, the first starting with the sender as `sender` names it."""
        if self.possessive:
            return [sentence(f"{sender}'s {self.predicate}"), *self._after_possessive()]
        return [self._first(sender), *self._after()]

    def first(self, sender: str) -> str:
        """Only the sentence that says the link, for a place that says the rest elsewhere
        (the receiver's section of the guide, where the sender's section has the details)."""
        return self.sentences(sender)[0]

    def _after_possessive(self) -> list[str]:
        said = list(self.more)
        if self.when:
            said.append(GUIDE_WHEN.format(when=self.when))
        return said

    def cell(self) -> str:
        """The link as a table cell, after a column naming the sender: 'Holds ... every
        year. This covers ...'."""
        return " ".join(self._cell_sentences())

    def row(self) -> str:
        """The same in one sentence, for a table whose rows may share their words: 'Holds
        ... every year; this covers ...', so that no sentence is said again row after row."""
        return _joined(self._cell_sentences())[0]

    def _cell_sentences(self) -> list[str]:
        if self.possessive:
            return [sentence(f"Its {self.predicate}"), *self._after_possessive()]
        first = self._first("")
        return [first[:1].upper() + first[1:], *self._after()]


# What a link without words of its own is said from (_type_words's arguments).
TypeWordsKey = tuple[str, str | None, str | None, bool, str]


def link_words(
    link: Link,
    sender: Board,
    receiver: Board,
    name: Callable[[Board], str] = the,
    *,
    kept: dict[TypeWordsKey, LinkWords] | None = None,
) -> LinkWords:
    """A link said in plain sentences that name both bodies in full. A `says` with {to} or
    {from} is filled with the bodies' names. Otherwise the map's own `says` is read
    (read_says): a verb phrase that names the receiver is the sentence itself; any other verb
    phrase, or a clause with its own subject, follows the link type's own sentence; a phrase
    that makes no sentence (a noun phrase, or one that stops at 'to' or 'led by') is quoted
    after the link type's own words: 'The Islington Safeguarding Children Board holds the
    Islington Health and Wellbeing Board to account on keeping children safe every six
    months. This covers performance.' `kept`, where given, keeps the words of links
    without their own `says` for links said alike (a guide says each link three times)."""
    says = _plain(link.says) if link.says else ""
    if says.lower() in _own_words(link.type):
        says = ""  # the map repeats the link type's own words
    if not says:
        key = (link.type, link.what, link.cadence, plural_name(sender), name(receiver))
        if kept is None:
            return _type_words(*key)
        words = kept.get(key)
        if words is None:
            words = kept[key] = _type_words(*key)
        return words
    base = _agreeing(LINK_VERBS[link.type].format(b=name(receiver)), plural_name(sender))
    more: list[str] = []
    possessive = False
    quoted: str | None = None
    if has_places(says):
        predicate, possessive, more, quoted = _placed(says, link, sender, receiver, name, base)
    elif ends_unfinished(says):
        predicate, quoted = base, says.rstrip(" ,;:") + " …"
    else:
        predicate, possessive, more, quoted = _read(says, link, sender, receiver, name, base)
    return _with_what_and_when(
        predicate, possessive, more, quoted, says, base, link.type, link.what, link.cadence
    )


def _type_words(
    link_type: str, what: str | None, cadence: str | None, plural: bool, the_receiver: str
) -> LinkWords:
    """A link without words of its own (`says`): said from its type, what passes, how often,
    whether its sender's name is plural and its receiver's name, and nothing else."""
    base = _agreeing(LINK_VERBS[link_type].format(b=the_receiver), plural)
    return _with_what_and_when(base, False, [], None, "", base, link_type, what, cadence)


def _with_what_and_when(
    predicate: str,
    possessive: bool,
    more: list[str],
    quoted: str | None,
    says: str,
    base: str,
    link_type: str,
    what_: str | None,
    cadence: str | None,
) -> LinkWords:
    """The link's words, with what passes (`what_`) and how often (`cadence`)."""
    what = " ".join((what_ or "").split()).rstrip(" .;")
    if what and not _said_already(what, says):
        what = what[0].lower() + what[1:] if what[1:2].islower() else what
        # Where the map's own words follow the sentence, what it covers goes after them.
        fold = not (possessive or quoted)
        predicate = _about(predicate, base, link_type, with_article(what), more, fold=fold)
    when = when_phrase(cadence) if cadence and cadence.strip() else None
    if when and (when.lower() in says.lower() or (cadence or "").lower() in says.lower()):
        when = None
    return LinkWords(predicate, possessive, tuple(more), when, quoted)


_Said = tuple[str, bool, list[str], str | None]  # predicate, possessive, more, quoted


def _placed(
    says: str, link: Link, sender: Board, receiver: Board, name: Callable[[Board], str], base: str
) -> _Said:
    """A `says` with {to} or {from}, filled with the names: '{from} is accountable to {to}',
    'is accountable through its chair to {to}' (about the sender), '{to} receives ...' (a
    clause of its own, after the link type's sentence)."""
    names = {"to": name(receiver), "from_": name(sender)}
    if says.startswith("{from}"):
        rest = says[len("{from}") :]
        if rest.startswith(("'s ", "’s ")):
            return fill(rest[3:], **names), True, [], None
        return fill(rest.strip(), **names), False, [], None
    filled = fill(says, **names)
    if says.startswith("{to}"):
        return base, False, [sentence(filled)], None
    form, text = read_says(filled, sender)
    if form == "possessive":
        return text.split(" ", 1)[1], True, [], None
    if form == "clause":
        return base, False, [sentence(text)], None
    if form == "preposition":
        return (
            (f"{base} {text}", False, [], None)
            if link.type in _PREPOSITION_TYPES
            else (base, False, [], text)
        )
    if form == "thing" and filled[:1].isupper():
        return base, False, [], filled
    return _lower_first(filled), False, [], None  # the format's rule: a verb phrase


def _read(
    says: str, link: Link, sender: Board, receiver: Board, name: Callable[[Board], str], base: str
) -> _Said:
    """A `says` without places, read for what it is (read_says)."""
    form, text = read_says(says, sender)
    more: list[str] = []
    if form == "verb":
        predicate = name_in(text, receiver, name) or _sent_to(text, link.type, name(receiver))
        if predicate is None:
            subject = name(sender) if sender.kind == "role" or plural_name(sender) else "it"
            return base, False, [sentence(f"{subject} {text}")], None
        return predicate, False, [], None
    if form == "possessive":
        named = name_in(text, receiver, name)
        if named is not None:
            return named.split(" ", 1)[1], True, [], None
        return base, False, [sentence(text)], None
    if form == "clause":
        return base, False, [sentence(name_in(text, receiver, name) or text)], None
    if form == "preposition" and link.type in _PREPOSITION_TYPES:
        return f"{base} {name_in(text, receiver, name) or text}", False, [], None
    thing = _sent_thing(text, link.type) if form == "thing" and not link.what else None
    if thing:
        return _about(base, base, link.type, thing, more), False, more, None
    return base, False, more, (text or None)


def _about(
    predicate: str, base: str, link_type: str, thing: str, more: list[str], *, fold: bool = True
) -> str:
    """The predicate with what the link is about: in the same sentence where it is the link
    type's own words and they take a preposition ('reports to the Full Council on the annual
    report'), else in a sentence after it ('This covers the annual report.')."""
    preposition = WHAT_PREPOSITIONS.get(link_type)
    if fold and preposition and predicate == base:
        return f"{predicate} {preposition} {thing}"
    more.append(GUIDE_WHAT.format(what=thing))
    return predicate


def _sent_thing(text: str, link_type: str) -> str | None:
    """A phrase that names something a board sends ('Annual report, presented by the
    chair'), ready to follow 'This covers'; None where the phrase is not that, or starts
    with a name ('Ofsted report')."""
    if link_type not in _SENDING_TYPES | {"consults"}:
        return None
    text = _lower_first(text, _COMMON_FIRST)
    head = re.split(r"\s(?:on|of|for|from|about|to|with|and|including|in|by)\s|,", text)[0].split()
    if not head or not text[:1].islower() or head[-1].lower() not in _SENT_THINGS:
        return None
    return with_article(text)


# Verbs after which "to <the receiver>" can follow what is sent: "feeds back learning ... to the
# Health and Wellbeing Board".
_SENDING_VERBS = ("feeds back ", "sends ", "reports ", "passes ", "presents ", "brings ")
_SENDING_TYPES = frozenset({"informs", "reports-to", "escalates-to"})


def _sent_to(says: str, link_type: str, the_b: str) -> str | None:
    """A phrase about sending, with the receiver put after what is sent (before the first
    comma): 'feeds back the results of its audits to the Board, with advice ...'. None where
    the phrase is not that simple (it names someone already, or says 'with' or 'within')."""
    if link_type not in _SENDING_TYPES or not says.lower().startswith(_SENDING_VERBS):
        return None
    head, comma, tail = says.partition(",")
    if re.search(r"\b(to|with|within|into)\b", head):
        return None
    return f"{head} to {the_b}{comma}{tail}"


def link_sentences(
    link: Link, sender: Board, receiver: Board, name: Callable[[Board], str] = the
) -> list[str]:
    """The sentences that say a link, naming both bodies in full."""
    return link_words(link, sender, receiver, name).sentences(name(sender))
