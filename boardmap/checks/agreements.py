"""The rules about agreements between boards (issue 15): a pair of statutory boards that work
together with nothing written down, an agreement past its review date, one that a board has
not agreed, and one that names links or routes the map no longer has.
"""

from __future__ import annotations

from collections.abc import Iterator

from boardmap import agreements
from boardmap.checks.context import Context
from boardmap.checks.packs import packs_in_force
from boardmap.checks.registry import Finding, LinkKey, rule
from boardmap.model import REPORTING_TYPES, Link
from boardmap.say import agreements as say

# Links through which one statutory board answers to, or holds to account, another.
JOINING_TYPES = REPORTING_TYPES | {"challenges"}


def _covering(ctx: Context) -> agreements.Covering:
    covering: agreements.Covering = ctx.memo("agreement-covering", lambda c: agreements.Covering.of(c.gmap))
    return covering


def _required_pairs(ctx: Context) -> dict[frozenset[str], str]:
    """Pairs of boards that a rule pack in force says should have a written protocol, each
    with the source the pack cites."""
    required: dict[frozenset[str], str] = {}
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.protocols:
            if not entry.in_force(on):
                continue
            first, second = entry.between
            for a in (b for r in first.split("|") for b in ctx.by_role.get(r, [])):
                for b in (b for r in second.split("|") for b in ctx.by_role.get(r, [])):
                    if a.id != b.id:
                        required.setdefault(frozenset((a.id, b.id)), entry.cited)
    return required


@rule(
    "no-agreement",
    "info",
    "two statutory boards joined by challenge or reporting links that no agreement sets out",
    "Where one statutory board holds another to account, or one reports to the other, the two "
    "usually write down how they work together in a protocol that both approve. This rule "
    "finds each pair of boards of kind statutory-board with a `statutory_role`, joined by "
    "challenges, reports-to or sub-group-of links where no agreement in the map's "
    "`agreements` section (other than a withdrawn one) covers any of those links. No Act or "
    "statutory guidance requires such a protocol, so this is information; it is a warning "
    "where a rule pack the map names requires a protocol between the two boards' statutory roles.",
    "Record the protocol the boards have agreed under `agreements:` (its id, name, the boards "
    "it is between and who agreed it when); `boardmap protocol PATH A B` drafts one from the "
    "map for the boards to approve. Or accept the finding with the reason.",
    severity_note="info / warning (pack)",
)
def no_agreement(ctx: Context) -> Iterator[Finding]:
    # A statutory board, as the rule packs know one: of kind statutory-board, with its role in law.
    statutory = {
        b.id for b in ctx.gmap.boards if b.kind == "statutory-board" and b.statutory_role is not None
    }
    joined: dict[frozenset[str], list[Link]] = {}
    # The joining links in the map's order, from the index's tables by type (not all links).
    for link in ctx.index.links_of_types(sorted(JOINING_TYPES)):
        if link.from_ in statutory and link.to in statutory and link.from_ != link.to:
            joined.setdefault(frozenset((link.from_, link.to)), []).append(link)
    required = _required_pairs(ctx)
    covering = _covering(ctx)
    covered_pairs = {frozenset(p) for a in agreements.live(ctx.gmap) for p in _pairs(a.between)}
    for pair, links in joined.items():
        if covering.of_links(links):
            continue
        a, b = ctx.sorted_ids(pair)
        source = required.get(pair)
        message = say.no_agreement(ctx.the(a), ctx.the(b), len(links), source)
        keys: list[LinkKey] = [(x.from_, x.to, x.type) for x in links]
        yield ctx.finding(
            "no-agreement",
            links[0],
            message,
            (a, b),
            links=keys,
            severity="warning" if source else "info",
            source=source,
        )
    for pair, source in required.items():
        if pair in joined or pair in covered_pairs:
            continue
        a, b = ctx.sorted_ids(pair)
        yield ctx.finding(
            "no-agreement",
            ctx.by_id[a],
            say.protocol_required(ctx.the(a), ctx.the(b), source),
            (a, b),
            severity="warning",
            source=source,
        )


def _pairs(ids: list[str]) -> Iterator[tuple[str, str]]:
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            yield a, b


@rule(
    "agreement-review-due",
    "warning",
    "an agreement whose review date has passed",
    "An agreement with a `review_by` date before the date the map describes has not been "
    "reviewed when its boards said it would be, so what it sets out may no longer be how the "
    "boards work. Withdrawn agreements are not reported.",
    "Review the agreement with the boards. Record the new approvals under `agreed` and set the "
    "next `review_by`; or, if the boards have replaced it, mark it `status: withdrawn` (or end "
    "it with `until`).",
)
def agreement_review_due(ctx: Context) -> Iterator[Finding]:
    for agreement in ctx.gmap.agreements:
        if agreements.review_due(agreement, ctx.gmap.as_of):
            assert agreement.review_by is not None
            yield ctx.finding(
                "agreement-review-due",
                agreement,
                say.review_due(agreement.name, agreement.review_by, ctx.gmap.as_of),
                agreement.between,
            )


@rule(
    "agreement-not-agreed",
    "warning",
    "an agreement that a board it is between has not agreed",
    "An agreement binds the boards that have approved it. This rule finds an agreement marked "
    "`status: agreed` that some board in its `between` has no entry for under `agreed` "
    "(a warning: the map says it is agreed but does not show that every board approved it), "
    "and an agreement still marked `status: draft` (information: it sets out nothing yet).",
    "Add each board's approval under `agreed` (by, on, and the minute or address as ref). If a "
    "board has not yet approved it, mark it `status: draft` until it does.",
    severity_note="warning / info (draft)",
)
def agreement_not_agreed(ctx: Context) -> Iterator[Finding]:
    for agreement in ctx.gmap.agreements:
        if agreement.status == "withdrawn":
            continue
        missing = agreements.not_agreed(agreement)
        named = [ctx.the(b) for b in missing]
        if agreement.status == "draft":
            yield ctx.finding(
                "agreement-not-agreed",
                agreement,
                say.draft(agreement.name, named),
                missing or agreement.between,
                severity="info",
            )
        elif missing:
            yield ctx.finding(
                "agreement-not-agreed",
                agreement,
                say.not_agreed(agreement.name, named),
                missing,
            )


@rule(
    "agreement-covers-missing",
    "warning",
    "an agreement that names a link or escalation route the map no longer has",
    "An agreement's `covers` lists the links and escalation routes it sets out. Where the map "
    "no longer has one of them (the link was removed or ended, the route renamed), either the "
    "boards work differently now and the agreement is out of date, or the map has lost "
    "something the boards still do.",
    "If the boards still work that way, put the link or route back in the map. If not, take it "
    "out of the agreement's `covers` and review the agreement with the boards.",
)
def agreement_covers_missing(ctx: Context) -> Iterator[Finding]:
    for agreement in ctx.gmap.agreements:
        if agreement.status == "withdrawn":
            continue
        pairs: agreements.Pairs = ctx.memo(
            "agreement-link-pairs", lambda c: agreements.link_pairs(c.gmap.links)
        )
        links, routes = agreements.missing_covers(ctx.gmap, agreement, pairs)
        for ref in links:
            yield ctx.finding(
                "agreement-covers-missing",
                agreement,
                say.covers_missing_link(agreement.name, ref.type, ctx.the(ref.from_), ctx.the(ref.to)),
                (ref.from_, ref.to),
                links=[(ref.from_, ref.to, ref.type or "")],
            )
        for route in routes:
            yield ctx.finding(
                "agreement-covers-missing",
                agreement,
                say.covers_missing_route(agreement.name, route),
                agreement.between,
                route=route,
            )
