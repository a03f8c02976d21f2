"""The rules about the map's own words (issue 12): a link's `says` that stops where the other
body's name should follow, and a cadence word that looks misspelt. Both are warnings located
at the value itself, since the guide, the diagrams and the diff can only quote such words."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, rule
from boardmap.model import Link
from boardmap.say import findings as say
from boardmap.say.cadence import misspellings
from boardmap.say.places import cut_short
from boardmap.say.vocab import LINK_LABELS, LINK_VERBS


def _own_words(link: Link) -> bool:
    """Whether `says` is only the link type's own words ('reports to'), which need no {to}."""
    said = " ".join((link.says or "").lower().split()).rstrip(" .")
    return said in (LINK_LABELS[link.type], LINK_VERBS[link.type].format(b="").strip())


@rule(
    "says-incomplete",
    "warning",
    "a link's `says` stops on a word that needs the other body after it",
    "A link's `says` is read after the name of the body the link comes from: 'The Safeguarding "
    "Children Board is accountable through its independent chair to ...'. Where the words stop "
    "on a preposition ('to', 'with', 'on behalf of', 'led by'), 'including', an article or a "
    "conjunction, they make no sentence, so the guide, the diagrams and the diff fall back to "
    "the link type's own words and quote the map's words as unfinished. Write {to} where the "
    "body the link goes to is named (and {from} for the body it comes from, if the phrase "
    "does not start with it).",
    'Finish the phrase with {to}, as the message shows: says: "is accountable through its '
    "independent chair to {to}\"; or write the other body's name out in full.",
)
def says_incomplete(ctx: Context) -> Iterator[Finding]:
    # Each distinct `says` is read once: a map repeats its phrases over thousands of links.
    stops: dict[str | None, str | None] = {}
    for link in ctx.links_with.says:
        says = link.says
        stop = stops[says] if says in stops else stops.setdefault(says, cut_short(says))
        if stop is None or _own_words(link):
            continue
        file, line, column = ctx.loaded.position(link, "says")
        yield Finding(
            file=file,
            line=line,
            column=column,
            rule="says-incomplete",
            severity="warning",
            message=say.says_incomplete(link.says or "", stop),
            boards=(link.from_, link.to),
            links=((link.from_, link.to, link.type),),
        )


@rule(
    "cadence-unknown",
    "warning",
    "a link's `cadence` has a word that looks misspelt",
    "A link's `cadence` is one of as-needed, monthly, quarterly, six-monthly or annual, or "
    "free text that the guide prints as written ('This happens anually'). A word that is "
    "close to a cadence word (annually, quarterly, monthly, yearly, meeting ...) but is not "
    "one is taken as a misspelling.",
    "Correct the spelling, or use one of the cadences boardmap knows: as-needed, monthly, "
    "quarterly, six-monthly, annual.",
)
def cadence_unknown(ctx: Context) -> Iterator[Finding]:
    # Each distinct cadence is read once (a map repeats a handful over thousands of links),
    # and only the links whose cadence has a misspelt word are visited, in the map's order,
    # picked out by compress from the cadences read with the links (8 ms -> 2 ms at 10,000
    # boards).
    with_cadence = ctx.links_with
    misspelt_in = {
        cadence: found for cadence in set(with_cadence.cadences) if (found := misspellings(cadence))
    }
    flagged = map(misspelt_in.__contains__, with_cadence.cadences)
    for link, cadence in compress(zip(with_cadence.cadence, with_cadence.cadences, strict=True), flagged):
        for word, suggestion in misspelt_in[cadence]:
            file, line, column = ctx.loaded.position(link, "cadence")
            yield Finding(
                file=file,
                line=line,
                column=column,
                rule="cadence-unknown",
                severity="warning",
                message=say.cadence_unknown(cadence, word, suggestion),
                boards=(link.from_, link.to),
                links=((link.from_, link.to, link.type),),
            )
