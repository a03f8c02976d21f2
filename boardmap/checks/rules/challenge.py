"""The rules about holding a board to account: challenge-without-response, escalation-dead-end,
no-escalation-route, unscrutinised and isolated-board."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from boardmap.checks import law
from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, LinkKey, rule
from boardmap.checks.rules.accountability import unaccountable_ends
from boardmap.checks.rules.common import (
    ANSWER_TYPES,
    SCRUTINISED_KINDS,
    SCRUTINY_ROLES,
    absorbed_gaps,
    challenge_pairs,
    law_marks,
    named,
    shortest_circle,
    with_law,
)
from boardmap.graph import cycles
from boardmap.model import Board, Escalation
from boardmap.say import findings as say

# -- challenge and escalation -----------------------------------------------------------------


@rule(
    "challenge-without-response",
    "warning",
    "A challenges B, but B has no reports-to, informs or consults link back to A for its answer",
    "Holding a board to account needs a way back: the challenged board has to answer, "
    "with reports, information or action. If B neither reports to A, keeps A informed, "
    "consults A (a board consulted on the plans it is challenged on hears the answer in "
    "the consultation) nor is part of A, the map shows no route for B's answer, and the "
    "challenge may have no visible effect. "
    "The one exception is the independent scrutineer of a safeguarding children "
    "partnership: the scrutiny is part of the partnership's own arrangements, and the "
    "partnership answers it in the yearly report it must publish on how effective those "
    "arrangements have been (Children Act 2004, s.16G); so too a Safeguarding Adults "
    "Board that an area has independently scrutinised, which must publish an annual report "
    "(Care Act 2014, Schedule 2, paragraph 4). A partnership or board that sends its "
    "report, or reports, to anyone (an informs or reports-to link) has a route for its "
    "answer.",
    "Add the link by which the challenged board answers (informs, consults or reports-to, "
    "with what it sends and how often), or accept the finding with the reason.",
)
def challenge_without_response(ctx: Context) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for link in ctx.links_by_type.get("challenges", []):
        a, b = link.from_, link.to
        if (a, b) in seen:
            continue
        seen.add((a, b))
        if ctx.pair_types.get((b, a), frozenset()) & ANSWER_TYPES or _part_of(ctx, b, a):
            continue
        message = say.no_route_for_answer(ctx.the(a), ctx.the(b))
        if _scrutiny_of_partnership(ctx, a, b):
            if _reports_out(ctx, b):
                continue  # it answers in its published yearly report
            act = (
                "Care Act 2014, Schedule 2, paragraph 4"
                if ctx.by_id[b].statutory_role == "sab"
                else "Children Act 2004, s.16G"
            )
            message = say.partnership_reports_to_nobody(ctx.the(a), ctx.the(b), act)
        yield ctx.finding("challenge-without-response", link, message, [a, b], links=[(a, b, "challenges")])


def _part_of(ctx: Context, board: str, whole: str) -> bool:
    parent = ctx.parents.get(board)
    return parent is not None and parent.board == whole


def _scrutiny_of_partnership(ctx: Context, a: str, b: str) -> bool:
    # A Safeguarding Adults Board answers in the annual report it must publish too (Care
    # Act 2014, Schedule 2, paragraph 4), where an area has it independently scrutinised.
    return ctx.by_id[a].statutory_role == "independent-scrutineer" and ctx.by_id[b].statutory_role in (
        "safeguarding-partnership",
        "sab",
    )


def _reports_out(ctx: Context, board_id: str) -> bool:
    """Whether a board reports to, or keeps informed, any body in the map."""
    # From the pairs of boards linked and their link types, not the links themselves.
    found: set[str] = ctx.memo(
        "reports-out",
        lambda c: {a for (a, _), types in c.pair_types.items() if not types.isdisjoint(ANSWER_TYPES)},
    )
    return board_id in found


@rule(
    "escalation-dead-end",
    "error",
    "an escalation route that never brings in anyone beyond its own boards, or a circle "
    "of escalates-to links",
    "An escalation route exists for disagreements the boards cannot settle themselves, so "
    "its last steps must involve someone else: a director, the chief executive, a joint "
    "meeting. A route whose steps involve only the boards it is between (or name nobody) "
    "ends where it started. Likewise, escalates-to links that lead back to where they "
    "began mean an unresolved concern is never settled.",
    "Add a final step naming who settles the matter (`involves:` with their ids), or "
    "break the circle of escalates-to links so that it ends with someone who can decide.",
)
def escalation_dead_end(ctx: Context) -> Iterator[Finding]:
    for route in ctx.gmap.escalations:
        yield from _dead_end_route(ctx, route)
    yield from _escalation_cycles(ctx)


def _dead_end_route(ctx: Context, route: Escalation) -> Iterator[Finding]:
    between = set(route.between)
    involved = {b for step in route.steps for b in step.involves}
    if not involved <= between:
        return
    boards = named(ctx, route.between)
    if involved:
        message = say.escalation_only_between(route.name, boards)
    else:
        message = say.escalation_names_nobody(route.name, boards)
    yield ctx.finding("escalation-dead-end", route, message, route.between, route=route.id)


def _escalation_cycles(ctx: Context) -> Iterator[Finding]:
    graph = ctx.index.typed("escalation")
    for component in cycles(graph):
        start = ctx.sorted_ids(component)[0]
        cycle = shortest_circle(ctx, graph.succ, start, component)
        message = say.escalation_circle(named(ctx, [*cycle, cycle[0]]))
        keys: list[LinkKey] = [(a, cycle[(i + 1) % len(cycle)], "escalates-to") for i, a in enumerate(cycle)]
        yield ctx.finding("escalation-dead-end", ctx.first_link[keys[0]], message, cycle, links=keys)


@rule(
    "no-escalation-route",
    "info",
    "two boards joined by a challenges link share no escalation route",
    "When one board holds another to account they will sometimes disagree. Without an "
    "agreed route (write, meet, then a resolution meeting with senior officers) a "
    "disagreement has nowhere to go. Only pairs of boards, partnerships, committees and "
    "groups are considered; challenge by an inspectorate or a person follows other routes. "
    "Nor is a challenge whose outcome is settled already: by a scrutiny committee (a body "
    "whose statutory_role is overview-and-scrutiny, health-scrutiny, "
    "crime-and-disorder-committee or police-and-crime-panel), whose reports and "
    "recommendations the council's constitution and the Acts behind it deal with; or by a "
    "body that the challenged board itself reports to, directly or up its chain, which "
    "settles the matter with the authority it already has.",
    "Add an escalation route under `escalations:` with both boards in `between` and steps "
    "that end with someone who can settle the matter, or accept the finding.",
)
def no_escalation_route(ctx: Context) -> Iterator[Finding]:
    routes: dict[str, set[str]] = defaultdict(set)
    for route in ctx.gmap.escalations:
        for board_id in route.between:
            routes[board_id].add(route.id)
    pairs: dict[frozenset[str], list[LinkKey]] = ctx.memo("challenge-pairs", challenge_pairs)
    bodies = ctx.governance_ids
    for links in pairs.values():
        a, b, _ = links[0]
        if a not in bodies or b not in bodies:
            continue
        shared = routes.get(a)
        if shared and not shared.isdisjoint(routes.get(b, ())):
            continue
        if all(_settled(ctx, x, y) for x, y, _ in links):
            continue
        message = say.no_escalation_route(ctx.the(a), ctx.the(b))
        yield ctx.finding("no-escalation-route", ctx.first_link[links[0]], message, [a, b], links=links)


def _settled(ctx: Context, challenger: str, target: str) -> bool:
    """Whether a disagreement arising from this challenge is settled without an agreed
    route: scrutiny by a committee set up for it (overview and scrutiny, health scrutiny,
    the crime and disorder committee, the police and crime panel), or challenge by a body
    the target answers to, which settles it with the authority it has already."""
    if ctx.by_id[challenger].statutory_role in SCRUTINY_ROLES:
        return True
    return _answers_to(ctx, target, challenger)


def _answers_to(ctx: Context, board: str, above: str) -> bool:
    """Whether `board`'s chain of reports-to / sub-group-of links reaches `above`."""
    succ = ctx.reporting.succ
    seen = {board}
    stack = [board]
    while stack:
        for parent in succ.get(stack.pop(), ()):
            if parent == above:
                return True
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return False


# -- scrutiny and isolation ---------------------------------------------------------------------


@rule(
    "unscrutinised",
    "warning",
    "a statutory board or partnership that nobody challenges",
    "A statutory board or partnership spends public money and makes decisions for several "
    "agencies; someone should hold it to account (overview and scrutiny, an independent "
    "scrutineer, another board). A board that reports to another body, is a sub-group of "
    "it or is part of it (`part_of`, or a committee's council) is held to account by that "
    "body, and is not reported (a Safeguarding Children Board reporting, through its "
    "independent chair, to the council's Chief Executive); nor is a Safeguarding Children or "
    "Adults Board whose link to the chief executive the map does not show, which "
    "no-accountability reports with its source. Boards with no links at all are "
    "reported by isolated-board instead. Where a statutory rule pack says who must "
    "scrutinise the board, the message adds it with its source. Not covered: whether the "
    "body it reports to does hold it to account in practice.",
    "Add the challenges link from the body that scrutinises the board (what it examines "
    "and how often), or accept the finding with the reason.",
)
def unscrutinised(ctx: Context) -> Iterator[Finding]:
    for board in ctx.memo("unscrutinised", unscrutinised_boards):
        message = say.unscrutinised(ctx.the(board.id))
        gaps = absorbed_gaps(ctx, board.id, frozenset({"challenges"}), "from")
        message, source = with_law(ctx, message, gaps)
        yield law_marks(ctx.finding("unscrutinised", board, message, [board.id], source=source), gaps)


def unscrutinised_boards(ctx: Context) -> list[Board]:
    # A body that reports to another (or is part of it) is held to account by it.
    succ = ctx.reporting.succ
    ends: dict[str, list[str]] = ctx.memo("unaccountable-ends", unaccountable_ends)
    return [
        b
        for b in ctx.governance
        if b.kind in SCRUTINISED_KINDS
        and b.id in ctx.linked
        and b.id not in ctx.challenged
        and not succ.get(b.id)
        and not _held_by_law(b, ends)
    ]


def _held_by_law(board: Board, ends: dict[str, list[str]]) -> bool:
    """A Safeguarding Children or Adults Board that the law makes answer to the council's
    chief executive, who holds its chair to account (Working Together 2015, chapter 3; Care
    and Support Statutory Guidance, chapter 14): where the map does not show that,
    no-accountability says so, with the source; one fact, one finding (issue 14)."""
    parent = law.law_parent(board)
    return parent is not None and parent.roles == ("chief-executive",) and board.id in ends


@rule(
    "isolated-board",
    "warning",
    "a board, partnership, committee or group with no links at all",
    "A body with no links to any other shows nothing about who it answers to, who holds "
    "it to account or how it works with the others: the very questions a map is for. A "
    "council committee with no links still answers to the map's one council (the law makes "
    "it a committee of the council), and a group whose members are the statutory partners "
    "answers through them; the message says so. Where "
    "a statutory rule pack requires links of the body, the message adds them with their "
    "sources.",
    "Add the links the body has (reports-to, informs, challenges...), with a comment "
    "citing where each is stated, or remove the body if it no longer meets.",
)
def isolated_board(ctx: Context) -> Iterator[Finding]:
    for board in ctx.governance:
        if board.id not in ctx.linked:
            # A council committee with no links still answers to its council, and a group
            # of the statutory partners through them, by law.
            parent = ctx.parents.get(board.id)
            if parent is not None:
                message = say.isolated_in(ctx.the(board.id), ctx.the(parent.board))
            elif board.id in ctx.memo("partner-groups", law.partner_groups):
                message = say.isolated_partners(ctx.the(board.id))
            else:
                message = say.isolated(ctx.the(board.id))
            gaps = [g for g in ctx.gaps_by_subject.get(board.id, []) if g.others]
            message, source = with_law(ctx, message, gaps)
            yield law_marks(ctx.finding("isolated-board", board, message, [board.id], source=source), gaps)
