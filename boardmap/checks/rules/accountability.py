"""The rules about who a board answers to: no-accountability and reporting-cycle."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from boardmap.checks import law, packs
from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, LinkKey, Severity, rule
from boardmap.checks.rules.common import absorbed_gaps, law_marks, named, shortest_circle, with_law
from boardmap.graph import cycles
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, Board
from boardmap.say import findings as say
from boardmap.say.vocab import LINK_LABELS

# -- accountability ---------------------------------------------------------------------------


def unaccountable_ends(ctx: Context) -> dict[str, list[str]]:
    """Boards where a chain of reporting stops short of anyone accountable, each with the
    boards whose reporting runs up to it. One backward search from the accountable bodies
    (top: true, and every role, organisation and outside body) finds who is covered; a
    second, from the dead ends, shares out the rest."""
    graph = ctx.reporting
    pred = graph.pred
    succ = graph.succ
    # Groups made of the statutory partners answer through them (Children Act 2004, s.16E).
    partners = ctx.memo("partner-groups", law.partner_groups)
    anchors = [b.id for b in ctx.gmap.boards if b.top or b.kind not in GOVERNANCE_KINDS or b.id in partners]
    reached = set(anchors)
    queue = deque(anchors)
    while queue:
        node = queue.popleft()
        for parent in pred.get(node, ()):
            if parent not in reached:
                reached.add(parent)
                queue.append(parent)
    ends = [b.id for b in ctx.governance if b.id not in reached and b.id in ctx.linked and not succ.get(b.id)]
    owner = {end: end for end in ends}
    queue = deque(ends)
    while queue:
        node = queue.popleft()
        for parent in ctx.sorted_ids(pred.get(node, ())):
            if parent not in owner and parent not in reached:
                owner[parent] = owner[node]
                queue.append(parent)
    dependants: dict[str, list[str]] = {end: [] for end in ends}
    for board_id, end in owner.items():
        if board_id != end:
            dependants[end].append(board_id)
    return {end: ctx.sorted_ids(deps) for end, deps in dependants.items()}


def parent_duties(ctx: Context) -> dict[str, list[packs.UnshownDuty]]:
    """For each board no-accountability reports as answering to a parent by law that the
    map does not show (the Safeguarding Adults Board's chair accountable to the chief
    executive, with no chief executive in the map), the pack duties that say the same:
    no-accountability names them as its requirements, and statutory-duty-not-shown does
    not say them again. A duty to answer to a body the law parent does not cover stays
    with statutory-duty-not-shown."""
    ends: dict[str, list[str]] = ctx.memo("unaccountable-ends", unaccountable_ends)
    found: dict[str, list[packs.UnshownDuty]] = {}
    for duty in ctx.memo("unshown-duties", packs.unshown_duties):
        entry, board = duty.entry, duty.subject
        if board.id not in ends or entry.together or entry.direction != "to":
            continue
        parent = law.law_parent(board)
        if entry.type not in REPORTING_TYPES or parent is None:
            continue
        if absorbed_gaps(ctx, board.id, REPORTING_TYPES, "to") or _law_parent_present(ctx, board, parent):
            continue  # the finding says the law's links the map holds, not the parent
        if all(set(m.split("|")) <= set(parent.roles) for m in duty.missing):
            found.setdefault(board.id, []).append(duty)
    return found


@rule(
    "no-accountability",
    "warning",
    "a board whose chain of reports-to / sub-group-of / part_of never reaches anyone accountable",
    "Every board, partnership, committee and group should answer to someone: through "
    "reports-to and sub-group-of links, or the body it is `part_of`, its chain should reach "
    "a body marked `top: true` (such as Full Council) or a role, organisation or outside "
    "body. The law settles some of these chains itself, and they are not reported: a "
    "council committee (by kind, or a Health and Wellbeing Board or scrutiny committee, "
    "which the law makes committees of the council) is part of the map's council where the "
    "map has exactly one (an organisation with statutory_role: local-authority, or else a "
    "`top` body called a council); and a group whose members are the statutory "
    "safeguarding partners (the council, the NHS body and the police, by their statutory "
    "roles, or the council's officers) answers through them (Children Act 2004, s.16E). "
    "Where the body the law makes the board answer to is not in the map at all (no "
    "council, no chief executive), the finding is information: the map leaves the parent "
    "out; it does not show a gap. The finding is made where the chain stops, and names "
    "the boards whose reporting runs up to that point. Boards with no links at all are "
    "reported by isolated-board instead, and chains that go round in a circle by "
    "reporting-cycle. Where a statutory rule pack says to whom the board must answer, the "
    "message adds it with its source. Not covered: whether the parent really holds the "
    "board to account (the map's links are taken as stated).",
    "Add the reports-to (or sub-group-of) link the board really has, name the body it "
    "belongs to in `part_of`, or mark the body at the top of the local arrangements "
    "`top: true`. If it answers to a body outside the map, add that body (kind: external) "
    "and link to it, or accept the finding with the reason.",
    severity_note="warning / info (no parent)",
)
def no_accountability(ctx: Context) -> Iterator[Finding]:
    ends: dict[str, list[str]] = ctx.memo("unaccountable-ends", unaccountable_ends)
    for end, dependants in ends.items():
        board = ctx.by_id[end]
        message = say.unaccountable(ctx.the(end), named(ctx, dependants))
        gaps = absorbed_gaps(ctx, end, REPORTING_TYPES, "to")
        message, source = with_law(ctx, message, gaps)
        severity: Severity | None = None
        parent = law.law_parent(board)
        if parent is not None and not gaps:
            present = _law_parent_present(ctx, board, parent)
            if not present:
                severity = "info"
                message = say.parent_not_shown(
                    ctx.the(end),
                    parent.said,
                    parent.source,
                    named(ctx, dependants),
                    say.parent_hint(parent.roles),
                )
                source = parent.source
            elif parent.roles == ("local-authority",) and len(present) > 1:
                severity = "info"
                message = say.parent_unclear(ctx.the(end), parent.said, parent.source, named(ctx, present))
                source = parent.source
            else:
                partnership = board.statutory_role in law.PARTNERSHIP_ROLES
                message = say.parent_by_law(message, parent.said, parent.source, partnership)
                source = parent.source
        found = ctx.finding(
            "no-accountability", board, message, [end, *dependants], source=source, severity=severity
        )
        said: dict[str, list[packs.UnshownDuty]] = ctx.memo("parent-duties", parent_duties)
        yield law_marks(found, gaps, said.get(end, []))


def _law_parent_present(ctx: Context, board: Board, parent: law.LawParent) -> list[str]:
    """The bodies in the map (in the board's area) that the law makes the board answer to."""
    if parent.roles == ("local-authority",):
        return [c.id for c in law.councils_near(board, law.councils(ctx))]
    index: packs._RoleIndex = ctx.memo("role-index", packs.role_index)
    return [b.id for b in index.near(board, "|".join(parent.roles))]


def _link_word(ctx: Context, a: str, b: str) -> str:
    types = ctx.pair_types.get((a, b), frozenset())
    return LINK_LABELS["reports-to" if "reports-to" in types else "sub-group-of"]


@rule(
    "reporting-cycle",
    "error",
    "a circle of reports-to / sub-group-of links; the message lists the boards in order",
    "If A reports to B and B, directly or through others, reports back to A, the line of "
    "accountability goes round in a circle and none of the boards in it is clearly "
    "accountable. Usually one of the links is really 'keeps informed' or 'holds to "
    "account', not 'reports to'.",
    "Find the link in the circle that is not really accountability, and change its type "
    "(often to informs or challenges), or remove it.",
)
def reporting_cycle(ctx: Context) -> Iterator[Finding]:
    graph = ctx.reporting
    for component in cycles(graph):
        start = ctx.sorted_ids(component)[0]
        cycle = shortest_circle(ctx, graph.succ, start, component)
        steps = [(a, cycle[(i + 1) % len(cycle)]) for i, a in enumerate(cycle)]
        closed = not any(n not in component for b in component for n in graph.succ.get(b, ()))
        said = [(ctx.the(a), _link_word(ctx, a, b), ctx.the(b)) for a, b in steps]
        message = say.reporting_cycle(said, len(component), closed)
        first = steps[0]
        link_type = "reports-to" if "reports-to" in ctx.pair_types[first] else "sub-group-of"
        links: list[LinkKey] = []
        for a, b in steps:
            links.extend((a, b, t) for t in sorted(ctx.pair_types[(a, b)] & REPORTING_TYPES))
        yield ctx.finding("reporting-cycle", ctx.first_link[(*first, link_type)], message, cycle, links=links)
