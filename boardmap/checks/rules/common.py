"""What the gap rules share: the kinds and roles they treat alike, and the helpers that name
boards, add the law's words to a finding, find a circle and place a finding at `rules:`."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import replace

from boardmap.checks import packs
from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, LinkKey
from boardmap.model import REPORTING_TYPES
from boardmap.say import findings as say

# Links through which a challenged body can answer the body that challenges it: a body
# consulted on the plans it is challenged on has a route for its answer too.
ANSWER_TYPES = REPORTING_TYPES | {"informs", "consults"}
# The statutory roles of committees set up to scrutinise: their challenge ends in reports
# and recommendations that the constitution, and the Acts behind it, deal with.
SCRUTINY_ROLES = frozenset(
    {"overview-and-scrutiny", "health-scrutiny", "crime-and-disorder-committee", "police-and-crime-panel"}
)
# Kinds that the law or the arrangements expect someone to scrutinise.
SCRUTINISED_KINDS = frozenset({"statutory-board", "partnership"})


def named(ctx: Context, ids: Iterable[str]) -> list[str]:
    """The boards' names for running text ('the Health and Wellbeing Board')."""
    return [ctx.the(i) for i in ids]


def absorbed_gaps(
    ctx: Context, board_id: str, link_types: frozenset[str], direction: str
) -> list[packs.PackGap]:
    """The statutory gaps a generic finding about this board says better in its own message
    (the Act's words added to "does not report to anyone"), so they are not said twice."""
    return [
        g
        for g in ctx.gaps_by_subject.get(board_id, [])
        if g.entry.type in link_types and g.entry.direction == direction and g.others
    ]


def with_law(ctx: Context, message: str, gaps: list[packs.PackGap]) -> tuple[str, str | None]:
    if not gaps:
        return message, None
    sources = "; ".join(dict.fromkeys(g.entry.cited for g in gaps))
    # A duty to several bodies together (the lead safeguarding partners) says which of them
    # the map holds but does not show linked.
    duties = [packs.duty_lacking(ctx, g) if g.entry.together else packs.duty_text(ctx, g) for g in gaps]
    return say.with_law(message, duties), sources


def law_marks(
    finding: Finding, gaps: list[packs.PackGap], duties: Iterable[packs.UnshownDuty] = ()
) -> Finding:
    """A generic finding that says statutory gaps in its own message (with_law), or a duty
    whose counterpart the map lacks, names their requirements and the counterparts the map
    does not show, as the missing-statutory-link and statutory-duty-not-shown findings it
    stands for would: `requirement` holds each requirement, separated by ', ' where there
    are several (issue 14: every duty the map does not show is named, in the data as in
    the sentence). `roles` stays empty, so an `accepted:` entry naming a role does not set
    the whole finding aside."""
    marks = [(f"{g.pack}/{g.entry.id}", g.missing) for g in gaps]
    marks.extend((f"{d.pack}/{d.entry.id}", d.missing) for d in duties)
    if not marks:
        return finding
    requirements = ", ".join(dict.fromkeys(r for r, _ in marks))
    missing = tuple(dict.fromkeys(item for _, items in marks for item in items))
    return replace(finding, requirement=requirements, missing=missing)


def shortest_circle(
    ctx: Context, succ: Mapping[str, Iterable[str]], start: str, members: set[str]
) -> list[str]:
    """The shortest circle through `start` inside a strongly connected set of boards
    (breadth-first, trying boards in map order, so the answer is always the same)."""
    parent: dict[str, str] = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in ctx.sorted_ids(succ.get(node, ())):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if nxt in members and nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return [start]  # not reached: every member of a strongly connected set is on a circle


def challenge_pairs(ctx: Context) -> dict[frozenset[str], list[LinkKey]]:
    """Each pair of bodies joined by a challenges link (either way), with those links in
    the order they are declared."""
    pairs: dict[frozenset[str], list[LinkKey]] = defaultdict(list)
    for link in ctx.links_by_type.get("challenges", []):
        key: LinkKey = (link.from_, link.to, "challenges")
        pair = pairs[frozenset((link.from_, link.to))]
        if key not in pair:
            pair.append(key)
    return pairs


def rules_line(ctx: Context) -> tuple[str, int]:
    """Where `rules:` stands: the first file that has it."""
    files = ctx.loaded.files
    for name in ctx.gmap.sources:
        source = files.get(name)
        if source is not None and re.search(r"^rules\s*:", source.text, re.M):
            # A workbook is one source whose `rules` stand on its map sheet: name the sheet.
            return str(getattr(source, "file", name)), int(source.position(("rules",))[0])
    return (ctx.gmap.sources[0] if ctx.gmap.sources else "<map>"), 1
