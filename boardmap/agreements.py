"""Agreements between boards (the `agreements` section): what each sets out and who has agreed it.

Facts first: which links and escalation routes an agreement covers, which of them the map no
longer has, which boards have agreed it and which have not. The checks, the protocol, the
guide and the diff all ask here, so they agree on what "covered" and "agreed" mean. The few
sentences about an agreement's standing are at the end, in one place, to move into the
wording layer (boardmap/say) when it lands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from boardmap.model import Agreement, Escalation, GovernanceMap, Link, LinkRef, Signature
from boardmap.say.grammar import join, long_date
from boardmap.say.names import the


def live(gmap: GovernanceMap) -> list[Agreement]:
    """The agreements that set something out on the map's date: those not withdrawn (the
    loader has already left out those not in force)."""
    return [a for a in gmap.agreements if a.status != "withdrawn"]


Pairs = dict[tuple[str, str], list[tuple[int, Link]]]


def link_pairs(links: list[Link], among: Collection[str] | None = None) -> Pairs:
    """The map's links by (from, to), each with its place in the map; where `among` is
    given, only the links from those boards."""
    pairs: Pairs = {}
    for number, link in enumerate(links):
        if among is None or link.from_ in among:
            pairs.setdefault((link.from_, link.to), []).append((number, link))
    return pairs


def covered_links(gmap: GovernanceMap, agreement: Agreement, pairs: Pairs | None = None) -> list[Link]:
    """The map's links the agreement sets out, in map order: those it names in `covers`, or,
    where it names none, every link between two of its boards. `pairs` (link_pairs) saves
    a pass over the links where many agreements are asked about."""
    pairs = link_pairs(gmap.links) if pairs is None else pairs
    found: dict[int, Link] = {}
    if agreement.covers is None:
        among = list(dict.fromkeys(agreement.between))
        for a in among:
            for b in among:
                found.update(pairs.get((a, b), []))
    else:
        for ref in agreement.covers.links:
            found.update((n, x) for n, x in pairs.get((ref.from_, ref.to), []) if ref.type in (None, x.type))
    return [found[n] for n in sorted(found)]


def covered_routes(gmap: GovernanceMap, agreement: Agreement) -> list[Escalation]:
    """The escalation routes the agreement sets out: those it names, or, where `covers` is
    not given, every route whose boards are all among its own."""
    if agreement.covers is None:
        among = set(agreement.between)
        return [r for r in gmap.escalations if r.between and set(r.between) <= among]
    named = set(agreement.covers.routes)
    return [r for r in gmap.escalations if r.id in named]


def missing_covers(
    gmap: GovernanceMap, agreement: Agreement, pairs: Pairs | None = None
) -> tuple[list[LinkRef], list[str]]:
    """What the agreement's `covers` names that the map no longer has: links and route ids."""
    if agreement.covers is None:
        return [], []
    pairs = link_pairs(gmap.links) if pairs is None else pairs
    links = [
        ref
        for ref in agreement.covers.links
        if not any(ref.type in (None, x.type) for _, x in pairs.get((ref.from_, ref.to), []))
    ]
    routes = {r.id for r in gmap.escalations}
    return links, [r for r in agreement.covers.routes if r not in routes]


def signatures(agreement: Agreement) -> dict[str, Signature]:
    """Each board's latest recorded agreement, by board id, in the order of `between`."""
    latest: dict[str, Signature] = {}
    for signature in agreement.agreed:
        held = latest.get(signature.by)
        if held is None or signature.on >= held.on:
            latest[signature.by] = signature
    return {b: latest[b] for b in agreement.between if b in latest}


def not_agreed(agreement: Agreement) -> list[str]:
    """The boards in `between` that have not agreed it, in the order of `between`."""
    signed = signatures(agreement)
    return [b for b in dict.fromkeys(agreement.between) if b not in signed]


def review_due(agreement: Agreement, on: dt.date) -> bool:
    """Whether its review date has passed on a date."""
    return agreement.status != "withdrawn" and agreement.review_by is not None and agreement.review_by < on


@dataclass(frozen=True)
class Covering:
    """Which agreements set out which links and routes, found once for a map."""

    by_link: dict[int, list[Agreement]]
    by_route: dict[str, list[Agreement]]

    @classmethod
    def of(cls, gmap: GovernanceMap) -> Covering:
        by_link: dict[int, list[Agreement]] = {}
        by_route: dict[str, list[Agreement]] = {}
        agreements = live(gmap)
        # Only the links from the boards the agreements name can be covered: a map of
        # 50,000 links and a few agreements (or none) files the few, not all of them.
        named = {b for a in agreements for b in a.between} | {
            ref.from_ for a in agreements if a.covers is not None for ref in a.covers.links
        }
        pairs = link_pairs(gmap.links, named) if agreements else {}
        for agreement in agreements:
            for link in covered_links(gmap, agreement, pairs):
                by_link.setdefault(id(link), []).append(agreement)
            for route in covered_routes(gmap, agreement):
                by_route.setdefault(route.id, []).append(agreement)
        return cls(by_link, by_route)

    def of_links(self, links: Iterable[Link]) -> list[Agreement]:
        """The agreements that set out any of these links, each once, in map order."""
        found: dict[str, Agreement] = {}
        for link in links:
            for agreement in self.by_link.get(id(link), []):
                found.setdefault(agreement.id, agreement)
        return list(found.values())


# -- wording (to move into boardmap/say) ------------------------------------------------------


def _month(day: dt.date) -> str:
    return long_date(day).split(" ", 1)[1]  # '10 October 2014' -> 'October 2014'


def standing(gmap: GovernanceMap, agreement: Agreement) -> str:
    """Where an agreement stands, as a clause: 'agreed by both boards on 10 October 2013;
    due for review October 2014'."""

    def name(board_id: str) -> str:
        board = gmap.by_id.get(board_id)
        return the(board) if board else board_id

    if agreement.status == "withdrawn":
        return "withdrawn"
    signed = signatures(agreement)
    missing = not_agreed(agreement)
    parties = len(dict.fromkeys(agreement.between))
    dates = {s.on for s in signed.values()}
    if signed and not missing and len(dates) == 1:
        who = "both boards" if parties == 2 else f"all {parties} boards"
        said = f"agreed by {who} on {long_date(next(iter(dates)))}"
    elif signed:
        said = "agreed by " + join([f"{name(b)} on {long_date(s.on)}" for b, s in signed.items()])
        if missing:
            said += f"; no agreement by {join([name(b) for b in missing])} is recorded"
    else:
        said = "not yet agreed by " + ("either board" if parties == 2 else "any of the boards")
    if agreement.status == "draft":
        said = f"a draft, {said}"
    if agreement.review_by is not None:
        if agreement.review_by < gmap.as_of:
            said += f"; its review was due in {_month(agreement.review_by)}"
        else:
            said += f"; due for review {_month(agreement.review_by)}"
    return said


def sets_out(
    gmap: GovernanceMap, agreement: Agreement, again: bool = False, between: str | None = None
) -> str:
    """A sentence naming the agreement and where it stands (where it stands only the first
    time: `again` for the later mentions, which name the links' two bodies, `between`, so
    that no sentence is said again word for word)."""
    if again and between:
        return f"The links between {between} are also set out in “{agreement.name}”."
    if again:
        return f"This is also set out in “{agreement.name}”."
    return f"This is set out in “{agreement.name}”, {standing(gmap, agreement)}."
