"""The gap rules: each a small function over the shared views of a map (engine.Context).

Every rule runs in time linear, or nearly, in boards and links: reachability by one
breadth-first search from the accountable bodies, cycles by strongly connected components,
membership overlap by signatures of small member sets and prefix filtering over an
inverted index of members. Rules are
registered in catalogue order; their ids are a contract (maps name them in `accepted:`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterator

from boardmap.checks import law, packs
from boardmap.checks.engine import Adjacency, Context, Finding, LinkKey, Severity, rule
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, Board, Escalation, Theme
from boardmap.names import name_key
from boardmap.words import LINK_LABELS, LINK_VERBS, join_names

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
OVERLAP_THRESHOLD = 0.75
# Boards with fewer members than this are not compared: a shared pair of members says little.
OVERLAP_MIN_MEMBERS = 3
# How many boards a message names before it says "and N more".
NAMES_SHOWN = 4


def _names(ctx: Context, ids: list[str]) -> str:
    shown = [ctx.the(i) for i in ids[:NAMES_SHOWN]]
    if len(ids) > NAMES_SHOWN:
        shown.append(f"{len(ids) - NAMES_SHOWN} more")
    return join_names(shown)


def _absorbed(ctx: Context, board_id: str, link_types: frozenset[str], direction: str) -> list[packs.PackGap]:
    """The statutory gaps a generic finding about this board says better in its own message
    (the Act's words added to "does not report to anyone"), so they are not said twice."""
    return [
        g
        for g in ctx.gaps_by_subject.get(board_id, [])
        if g.entry.type in link_types and g.entry.direction == direction and g.others
    ]


def _with_law(ctx: Context, message: str, gaps: list[packs.PackGap]) -> tuple[str, str | None]:
    if not gaps:
        return message, None
    duties = " ".join(packs.duty_text(ctx, g) + "." for g in gaps)
    sources = "; ".join(dict.fromkeys(g.entry.cited for g in gaps))
    return f"{message} {duties}", sources


# -- accountability ---------------------------------------------------------------------------


def _unaccountable_ends(ctx: Context) -> dict[str, list[str]]:
    """Boards where a chain of reporting stops short of anyone accountable, each with the
    boards whose reporting runs up to it. One backward search from the accountable bodies
    (top: true, and every role, organisation and outside body) finds who is covered; a
    second, from the dead ends, shares out the rest."""
    graph = ctx.reporting
    pred = graph.pred
    succ = graph.succ
    # Groups made of the statutory partners answer through them (Children Act 2004, s.16E).
    partners = law.partner_groups(ctx)
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
    ends: dict[str, list[str]] = ctx.memo("unaccountable-ends", _unaccountable_ends)
    for end, dependants in ends.items():
        board = ctx.by_id[end]
        message = (
            f"{ctx.The(end)} does not report to anyone in this map, so it is not clear who it answers to."
        )
        if dependants:
            whose = "its" if len(dependants) == 1 else "their"
            message += (
                f" That leaves {_names(ctx, dependants)} unclear too: {whose} "
                f"reporting runs up to {ctx.the(end)} and stops there."
            )
        gaps = _absorbed(ctx, end, REPORTING_TYPES, "to")
        message, source = _with_law(ctx, message, gaps)
        severity: Severity | None = None
        parent = law.law_parent(board)
        if parent is not None and not gaps:
            present = _law_parent_present(ctx, board, parent)
            if not present:
                severity = "info"
                message = (
                    f"{ctx.The(end)} answers to {parent.said} ({parent.source}), "
                    "which this map does not show."
                )
                if dependants:
                    message += (
                        f" {_names(ctx, dependants)[:1].upper()}"
                        f"{_names(ctx, dependants)[1:]} answer through it."
                    )
                message += _parent_hint(board, parent)
                source = parent.source
            elif parent.roles == ("local-authority",) and len(present) > 1:
                severity = "info"
                message = (
                    f"{ctx.The(end)} answers to {parent.said} ({parent.source}), but "
                    f"this map shows several councils ({_names(ctx, present)}) and does "
                    f"not say which: name it in `part_of`."
                )
                source = parent.source
            else:
                how = (
                    "list them among its members"
                    if board.statutory_role in law.PARTNERSHIP_ROLES
                    else "add the link that shows it"
                )
                message += f" By law it answers to {parent.said} ({parent.source}); {how}."
                source = parent.source
        yield ctx.finding(
            "no-accountability", board, message, [end, *dependants], source=source, severity=severity
        )


def _law_parent_present(ctx: Context, board: Board, parent: law.LawParent) -> list[str]:
    """The bodies in the map (in the board's area) that the law makes the board answer to."""
    if parent.roles == ("local-authority",):
        return [c.id for c in law.councils_near(board, law.councils(ctx))]
    index: packs._RoleIndex = ctx.memo("role-index", packs.role_index)
    return [b.id for b in index.near(board, "|".join(parent.roles))]


def _parent_hint(board: Board, parent: law.LawParent) -> str:
    if parent.roles == ("local-authority",):
        return (
            " Add the council (statutory_role: local-authority) and name it in "
            "`part_of`, if the map should show it."
        )
    roles = ", ".join(parent.roles)
    return f" Add it (statutory_role: {roles}) and the link, if the map should show it."


def _circle(ctx: Context, succ: dict[str, list[str]], start: str, members: set[str]) -> list[str]:
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


def _link_word(ctx: Context, a: str, b: str) -> str:
    types = ctx.pair_types.get((a, b), set())
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
    for component in graph.cycles():
        start = ctx.sorted_ids(component)[0]
        cycle = _circle(ctx, graph.succ, start, component)
        steps = [(a, cycle[(i + 1) % len(cycle)]) for i, a in enumerate(cycle)]
        if len(cycle) == 2:
            a, b = cycle
            message = (
                f"{ctx.The(a)} {_link_word(ctx, a, b)} {ctx.the(b)}, and {ctx.the(b)} "
                f"{_link_word(ctx, b, a)} {ctx.the(a)}: each answers to the other, so "
                "neither is clearly accountable."
            )
        else:
            parts = [f"{ctx.the(a)} {_link_word(ctx, a, b)} {ctx.the(b)}" for a, b in steps]
            said = ", ".join(parts[:-1]) + ", and " + parts[-1]
            message = (
                f"{said[:1].upper()}{said[1:]}: the line of accountability goes round "
                "in a circle, so none of them is clearly accountable."
            )
        if len(component) > len(cycle):
            message += f" In all, {len(component)} boards are caught in these loops."
        if not any(n not in component for b in component for n in graph.succ.get(b, ())):
            message += " Nothing in the circle answers to anyone outside it."
        first = steps[0]
        link_type = "reports-to" if "reports-to" in ctx.pair_types[first] else "sub-group-of"
        links: list[LinkKey] = []
        for a, b in steps:
            links.extend((a, b, t) for t in sorted(ctx.pair_types[(a, b)] & REPORTING_TYPES))
        yield ctx.finding("reporting-cycle", ctx.first_link[(*first, link_type)], message, cycle, links=links)


# -- challenge and escalation -----------------------------------------------------------------


def _challenge_pairs(ctx: Context) -> dict[frozenset[str], list[LinkKey]]:
    """Each pair of bodies joined by a challenges link (either way), with those links in
    the order they are declared."""
    pairs: dict[frozenset[str], list[LinkKey]] = defaultdict(list)
    for link in ctx.links_by_type.get("challenges", []):
        key: LinkKey = (link.from_, link.to, "challenges")
        pair = pairs[frozenset((link.from_, link.to))]
        if key not in pair:
            pair.append(key)
    return pairs


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
        if ctx.pair_types.get((b, a), set()) & ANSWER_TYPES or _part_of(ctx, b, a):
            continue
        message = (
            f"{ctx.The(a)} holds {ctx.the(b)} to account, but {ctx.the(b)} does not "
            f"report to {ctx.the(a)}, keep it informed or consult it in this map, so "
            "there is no route for its answer."
        )
        if _scrutiny_of_partnership(ctx, a, b):
            if _reports_out(ctx, b):
                continue  # it answers in its published yearly report
            act = (
                "Care Act 2014, Schedule 2, paragraph 4"
                if ctx.by_id[b].statutory_role == "sab"
                else "Children Act 2004, s.16G"
            )
            message = (
                f"{ctx.The(a)} scrutinises {ctx.the(b)}, which answers in the yearly "
                "report it must publish on how effective its arrangements have been "
                f"({act}), but in this map the partnership reports "
                "to nobody and keeps nobody informed, so there is no route for its "
                "answer."
            )
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
    found: set[str] = ctx.memo(
        "reports-out", lambda c: {x.from_ for t in ANSWER_TYPES for x in c.links_by_type.get(t, [])}
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
    boards = join_names([ctx.the(b) for b in route.between])
    if involved:
        message = (
            f"Every step of the escalation route '{route.name}' involves only "
            f"{boards}, whose disagreements it is meant to settle, so nobody beyond "
            "them is named to settle one they cannot resolve themselves."
        )
    else:
        message = (
            f"No step of the escalation route '{route.name}' (for {boards}) says who "
            "takes part, so nobody is named to settle a disagreement they cannot "
            "resolve themselves."
        )
    yield ctx.finding("escalation-dead-end", route, message, route.between, route=route.id)


def _escalation_cycles(ctx: Context) -> Iterator[Finding]:
    graph = Adjacency.of((x.from_, x.to) for x in ctx.links_by_type.get("escalates-to", []))
    for component in graph.cycles():
        start = ctx.sorted_ids(component)[0]
        cycle = _circle(ctx, graph.succ, start, component)
        hops = " to ".join(ctx.the(b) for b in [*cycle, cycle[0]])
        message = (
            f"Unresolved concerns go round in a circle, from {hops}, so a concern "
            "never reaches anyone who can settle it."
        )
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
    pairs: dict[frozenset[str], list[LinkKey]] = ctx.memo("challenge-pairs", _challenge_pairs)
    for links in pairs.values():
        a, b, _ = links[0]
        if ctx.by_id[a].kind not in GOVERNANCE_KINDS or ctx.by_id[b].kind not in GOVERNANCE_KINDS:
            continue
        if routes.get(a, set()) & routes.get(b, set()):
            continue
        if all(_settled(ctx, x, y) for x, y, _ in links):
            continue
        message = (
            f"{ctx.The(a)} holds {ctx.the(b)} to account, but no escalation route in "
            "this map covers the two of them, so it is not clear how a disagreement "
            "between them would be settled."
        )
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
    "independent chair, to the council's Chief Executive). Boards with no links at all are "
    "reported by isolated-board instead. Where a statutory rule pack says who must "
    "scrutinise the board, the message adds it with its source. Not covered: whether the "
    "body it reports to does hold it to account in practice.",
    "Add the challenges link from the body that scrutinises the board (what it examines "
    "and how often), or accept the finding with the reason.",
)
def unscrutinised(ctx: Context) -> Iterator[Finding]:
    for board in ctx.memo("unscrutinised", _unscrutinised):
        message = (
            f"Nobody in this map holds {ctx.the(board.id)} to account: no board, "
            "committee or person challenges or scrutinises its work."
        )
        message, source = _with_law(ctx, message, _absorbed(ctx, board.id, frozenset({"challenges"}), "from"))
        yield ctx.finding("unscrutinised", board, message, [board.id], source=source)


def _unscrutinised(ctx: Context) -> list[Board]:
    # A body that reports to another (or is part of it) is held to account by it.
    succ = ctx.reporting.succ
    return [
        b
        for b in ctx.governance
        if b.kind in SCRUTINISED_KINDS
        and b.id in ctx.linked
        and b.id not in ctx.challenged
        and not succ.get(b.id)
    ]


@rule(
    "isolated-board",
    "warning",
    "a board, partnership, committee or group with no links at all",
    "A body with no links to any other shows nothing about who it answers to, who holds "
    "it to account or how it works with the others: the very questions a map is for. Where "
    "a statutory rule pack requires links of the body, the message adds them with their "
    "sources.",
    "Add the links the body has (reports-to, informs, challenges...), with a comment "
    "citing where each is stated, or remove the body if it no longer meets.",
)
def isolated_board(ctx: Context) -> Iterator[Finding]:
    for board in ctx.governance:
        if board.id not in ctx.linked:
            message = (
                f"{ctx.The(board.id)} has no links to any other body in this map, so "
                "nobody can see who it answers to, who holds it to account or how it "
                "works with the other boards."
            )
            gaps = [g for g in ctx.gaps_by_subject.get(board.id, []) if g.others]
            message, source = _with_law(ctx, message, gaps)
            yield ctx.finding("isolated-board", board, message, [board.id], source=source)


# -- themes, chairs, reviews, membership --------------------------------------------------------


@rule(
    "theme-without-lead",
    "warning",
    "a shared priority (theme) with no lead board",
    "A priority that several boards support but none leads tends to fall between them: "
    "nobody is clearly responsible for it, and partners cannot tell whom to ask. A lead "
    "the map names that has ended by the map's date (its `until` has passed) leads "
    "nothing, and the finding says so.",
    "Agree which board leads the theme and name it in `lead:` (where the lead has ended, "
    "the board that took over its work).",
)
def theme_without_lead(ctx: Context) -> Iterator[Finding]:
    for theme in ctx.gmap.themes:
        if theme.lead is not None:
            continue
        message = _leadless(ctx, theme)
        if len(theme.supports) == 1:
            message += f" {ctx.The(theme.supports[0])} supports it, but is not named as its lead."
        elif theme.supports:
            names = _names(ctx, theme.supports)
            message += f" {names[:1].upper()}{names[1:]} support it, but none is named as its lead."
        yield ctx.finding("theme-without-lead", theme, message, theme.supports, theme=theme.id)


def _leadless(ctx: Context, theme: Theme) -> str:
    """Why a theme has no lead on the map's date: none was named, or the lead the map names
    has ended (or not yet begun), which the loader's dated map no longer shows."""
    declared = ctx.undated_themes.get(theme.id)
    lead = ctx.out_of_force.get(declared.lead) if declared and declared.lead else None
    if lead is not None and lead.until is not None and lead.until <= ctx.gmap.as_of:
        return (
            f"The shared priority '{theme.name}' needs a new lead: its lead, "
            f"{ctx.the(lead.id)}, ended on {ctx.date(lead.until)}, so nobody is clearly "
            "responsible for it now."
        )
    if lead is not None and lead.since is not None and ctx.gmap.as_of < lead.since:
        return (
            f"The lead of the shared priority '{theme.name}', {ctx.the(lead.id)}, begins "
            f"only on {ctx.date(lead.since)}, so until then nobody is clearly responsible "
            "for it."
        )
    return f"No board leads the shared priority '{theme.name}', so nobody is clearly responsible for it."


def _fold(text: str) -> str:
    # The one normalisation of names (boardmap.names): the same person written in NFD, with
    # a zero-width space or in capitals is one person.
    return name_key(text)


def _role_names(ctx: Context) -> dict[str, str]:
    return {_fold(b.name): b.id for b in ctx.gmap.boards if b.kind == "role"}


def _chair_keys(ctx: Context, board: Board) -> dict[str, str]:
    """A board's chairs, keyed so that the same person matches: a role's id, or the free
    text folded (case and spacing); text that is a role's name counts as that role."""
    names: dict[str, str] = ctx.memo("role-names", _role_names)
    keys: dict[str, str] = {}
    for chair in board.chairs:
        key = chair if chair in ctx.by_id else names.get(_fold(chair), _fold(chair))
        keys[key] = chair
    return keys


@rule(
    "shared-chair-conflict",
    "warning",
    "A challenges B and they share a chair (the same role or the same name)",
    "A board cannot hold another to account if the same person chairs both: the chair "
    "would be challenging their own board. Boards that share a chair but do not challenge "
    "each other are fine.",
    "Give one of the boards a different (ideally independent) chair, or move the challenge "
    "to a body the chair does not lead.",
)
def shared_chair_conflict(ctx: Context) -> Iterator[Finding]:
    pairs: dict[frozenset[str], list[LinkKey]] = ctx.memo("challenge-pairs", _challenge_pairs)
    for links in pairs.values():
        a, b, _ = links[0]
        chairs_a = _chair_keys(ctx, ctx.by_id[a])
        if not chairs_a:
            continue
        shared = [
            k if k in ctx.by_id else chairs_a[k] for k in _chair_keys(ctx, ctx.by_id[b]) if k in chairs_a
        ]
        if not shared:
            continue
        who = join_names([ctx.the(c) for c in shared])
        message = (
            f"{ctx.The(a)} holds {ctx.the(b)} to account, but {who} "
            f"{'chairs' if len(shared) == 1 else 'chair'} both, so the chair would be "
            "challenging their own board."
        )
        yield ctx.finding("shared-chair-conflict", ctx.first_link[links[0]], message, [a, b], links=links)


@rule(
    "review-overdue",
    "warning",
    "a link whose `review_by` date is before the map's date",
    "Arrangements between boards (protocols, reporting lines) are agreed for a time and "
    "should be reviewed by the date set. A review date in the past means the arrangement "
    "may no longer match what happens.",
    "Review the arrangement with both boards, then set a new `review_by` date (or remove "
    "the link if it has lapsed).",
)
def review_overdue(ctx: Context) -> Iterator[Finding]:
    on = ctx.gmap.as_of
    for link in ctx.gmap.links:
        if link.review_by is None or link.review_by >= on:
            continue
        what = LINK_VERBS[link.type].format(b=ctx.the(link.to))
        message = (
            f"The arrangement by which {ctx.the(link.from_)} {what} was due for review "
            f"by {ctx.date(link.review_by)}, and that date has passed (this map "
            f"describes {ctx.date(on)})."
        )
        yield ctx.finding(
            "review-overdue", link, message, [link.from_, link.to], links=[(link.from_, link.to, link.type)]
        )


def _overlapping_pairs(
    members: dict[str, frozenset[str]], threshold: float
) -> list[tuple[str, str, int, int]]:
    """Pairs of boards whose member sets have a Jaccard similarity of at least `threshold`,
    as (a, b, shared, together), sorted.

    Two joins, each finding the pairs the other does not (issue 23):
    - pairs whose larger set is small (SIGNATURE_BUDGET): by signatures. Two sets that
      similar, the larger of size n, share at least ceil(t*n) members, so both hold a common
      subset of that size; each set lists its subsets of that size for each partner size it
      could have, and only sets listing the same subset are compared. This stays fast where
      prefix filtering prunes nothing: 10,000 boards each drawing five members from one
      pool of 200.
    - pairs whose larger set is larger: prefix filtering. With members ordered rarest first,
      two sets that similar must share one of the first |s| - ceil(t|s|) + 1 members of
      each, so only those go into the inverted index, and common members (the council, the
      police) almost never do.
    Where prefix filtering would look at fewer candidates than listing the signatures costs
    (members skewed, as in real maps), it takes every pair instead."""
    frequency = Counter(m for found in members.values() for m in found)
    ordered = {b: sorted(found, key=lambda m: (frequency[m], m)) for b, found in members.items()}
    small = _signature_sizes(threshold)
    # Where members are skewed (each area's council and police on most of its boards, but
    # few boards sharing rarer members) prefix filtering prunes almost everything and costs
    # less than listing signatures: then it takes every pair. Both joins are exact, so the
    # choice changes how long the join takes, never what it finds.
    if _prefix_work(ordered, threshold) <= SIGNATURE_COST * _signature_count(members, threshold, small):
        small = 0
    pairs = _pairs_by_signature(members, threshold, small)
    pairs += _pairs_by_prefix(members, ordered, threshold, small)
    return sorted(
        (x, y, shared, together) if x < y else (y, x, shared, together) for x, y, shared, together in pairs
    )


def _prefix_work(ordered: dict[str, list[str]], threshold: float) -> int:
    """How many candidates prefix filtering would look at: for each member, the pairs of
    sets holding it in their prefix."""
    holders: Counter[str] = Counter()
    for tokens in ordered.values():
        size = len(tokens)
        holders.update(tokens[: size - math.ceil(threshold * size - 1e-9) + 1])
    return sum(c * (c - 1) // 2 for c in holders.values())


def _signature_count(members: dict[str, frozenset[str]], threshold: float, largest: int) -> int:
    sizes = Counter(len(found) for found in members.values() if len(found) <= largest)
    return sum(
        count
        * sum(math.comb(size, _must_share(n, threshold)) for n in _partner_sizes(size, threshold, largest))
        for size, count in sizes.items()
    )


# Listing a signature costs about this many candidates of prefix filtering looked at.
SIGNATURE_COST = 8
# Sets are joined by signatures while each lists at most this many subsets.
SIGNATURE_BUDGET = 64


def _must_share(size: int, threshold: float) -> int:
    """How many members a set of `size` shares with any smaller or equal set that similar."""
    return math.ceil(threshold * size - 1e-9)


def _partner_sizes(size: int, threshold: float, largest: int) -> range:
    """The sizes, from `size` up to `largest`, that a set of `size` can be that similar to."""
    return range(size, min(largest, math.floor(size / threshold + 1e-9)) + 1)


def _signature_sizes(threshold: float) -> int:
    """The largest set size (and every size below it) whose signatures fit the budget."""
    largest = 0
    for size in range(1, 200):
        count = sum(
            math.comb(size, _must_share(n, threshold)) for n in _partner_sizes(size, threshold, size + 200)
        )
        if count > SIGNATURE_BUDGET:
            break
        largest = size
    return largest


def _pairs_by_signature(
    members: dict[str, frozenset[str]], threshold: float, largest: int
) -> list[tuple[str, str, int, int]]:
    """The pairs whose larger set has at most `largest` members."""
    from itertools import combinations

    buckets: dict[tuple[int, tuple[str, ...]], list[str]] = defaultdict(list)
    for board, found in members.items():
        if len(found) > largest:
            continue
        tokens = sorted(found)
        for partner in _partner_sizes(len(found), threshold, largest):
            for subset in combinations(tokens, _must_share(partner, threshold)):
                buckets[partner, subset].append(board)
    candidates: set[tuple[str, str]] = set()
    for (partner, _), boards in buckets.items():
        if len(boards) < 2:
            continue
        larger = [b for b in boards if len(members[b]) == partner]  # the pair's larger set
        smaller = [b for b in boards if len(members[b]) < partner]
        for i, x in enumerate(larger):
            for y in (*larger[i + 1 :], *smaller):
                candidates.add((x, y) if x < y else (y, x))
    pairs: list[tuple[str, str, int, int]] = []
    for x, y in candidates:
        shared = len(members[x] & members[y])
        together = len(members[x]) + len(members[y]) - shared
        if shared >= threshold * together - 1e-9:
            pairs.append((x, y, shared, together))
    return pairs


def _pairs_by_prefix(
    members: dict[str, frozenset[str]], ordered: dict[str, list[str]], threshold: float, largest_small: int
) -> list[tuple[str, str, int, int]]:
    """The pairs whose larger set has more than `largest_small` members (`ordered`: each
    set's members, rarest first)."""
    ordered = {
        b: tokens for b, tokens in ordered.items() if len(tokens) >= threshold * (largest_small + 1) - 1e-9
    }
    index: dict[str, list[str]] = defaultdict(list)
    pairs: list[tuple[str, str, int, int]] = []
    for board in sorted(ordered, key=lambda b: (len(ordered[b]), b)):
        tokens = ordered[board]
        size = len(tokens)
        prefix = size - math.ceil(threshold * size - 1e-9) + 1
        probe = size > largest_small  # a pair of two small sets is the signatures' to find
        candidates: set[str] = set()
        for token in tokens[:prefix]:
            if probe:
                for other in index[token]:
                    if len(members[other]) >= threshold * size:
                        candidates.add(other)
            index[token].append(board)
        for other in candidates:
            shared = len(members[board] & members[other])
            together = size + len(members[other]) - shared
            if shared >= threshold * together - 1e-9:
                pairs.append((other, board, shared, together))
    return pairs


@rule(
    "membership-overlap",
    "info",
    "two boards whose member lists overlap by 75% or more: candidates to combine meetings",
    "When most of the people at one board's table also sit at another's (a Jaccard "
    "similarity of 0.75 or more between their member lists), the two may be covering the "
    "same ground twice. They are candidates for joint or back-to-back meetings, or a shared "
    "agenda. Members the law requires of both boards (the council, the NHS and the police, "
    "which must sit on a safeguarding children partnership and a Safeguarding Adults Board "
    "alike) are left out of the comparison: an overlap the law imposes says nothing about "
    "duplicated effort. Only boards with at least three other members are compared. Boards "
    "joined by overlapping pairs (a with b, b with c) are one finding for the group, naming "
    "six of them and counting the rest.",
    "Consider joint meetings or a shared forward plan; if the overlap is deliberate, "
    "accept the finding with the reason, naming every board of the pair or group "
    "(`boards: [a, b]`).",
)
def membership_overlap(ctx: Context) -> Iterator[Finding]:
    members = {
        b.id: frozenset(b.members) for b in ctx.governance if len(set(b.members)) >= OVERLAP_MIN_MEMBERS
    }
    # Leaving out shared members only lowers a pair's similarity, so the pairs found on
    # the whole lists include every pair that still overlaps without them.
    pairs: list[tuple[str, str, int, int, set[str]]] = []  # (a, b, shared, together, imposed)
    for x, y, shared, together in _overlapping_pairs(members, OVERLAP_THRESHOLD):
        a, b = ctx.sorted_ids([x, y])
        imposed = _imposed_members(ctx, a, b, members[a] & members[b])
        if imposed:
            shared -= len(imposed)
            together -= len(imposed)
            if (
                min(len(members[a]), len(members[b])) - len(imposed) < OVERLAP_MIN_MEMBERS
                or shared < OVERLAP_THRESHOLD * together - 1e-9
            ):
                continue
        pairs.append((a, b, shared, together, imposed))
    # One finding for each group of boards joined by overlapping pairs: 600 boards that
    # share their members are one thing to look at, not 180,000 findings (issue 24).
    by_pair = {(a, b): (shared, together, imposed) for a, b, shared, together, imposed in pairs}
    for group in _clusters(ctx, list(by_pair)):
        if len(group) > 2:
            yield ctx.finding("membership-overlap", ctx.by_id[group[0]], _cluster_message(ctx, group), group)
            continue
        a, b = group
        shared, together, imposed = by_pair[a, b]
        message = (
            f"{ctx.The(a)} and {ctx.the(b)} share most of their members: {shared} of "
            f"the {together} members of either sit on both"
        )
        if imposed:
            message += (
                f", leaving aside {_names(ctx, ctx.sorted_ids(imposed))}, which the law requires of both"
            )
        message += ". They are candidates for joint or back-to-back meetings, or a shared agenda."
        yield ctx.finding("membership-overlap", ctx.by_id[a], message, [a, b])


# A finding about a group of overlapping boards names this many of them, then counts the rest.
OVERLAP_NAMED = 6


def _clusters(ctx: Context, pairs: list[tuple[str, str]]) -> list[list[str]]:
    """The groups of boards that overlapping pairs join (connected components), each in map
    order, the groups in the order of their first board."""
    parent: dict[str, str] = {}

    def root(board: str) -> str:
        while parent.setdefault(board, board) != board:
            parent[board] = parent[parent[board]]
            board = parent[board]
        return board

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for board in parent:
        groups[root(board)].append(board)
    ordered = [ctx.sorted_ids(group) for group in groups.values()]
    return sorted(ordered, key=lambda group: (ctx.order.get(group[0], len(ctx.order)), group[0]))


def _cluster_message(ctx: Context, group: list[str]) -> str:
    named = [ctx.the(b) for b in group[:OVERLAP_NAMED]]
    if len(group) > OVERLAP_NAMED:
        named.append(f"{len(group) - OVERLAP_NAMED} other boards")
    listed = join_names(named)
    return (
        f"{len(group)} boards share most of their members, each with at least one of the "
        f"others (75% or more of the members of the two sit on both): "
        f"{listed[:1].upper()}{listed[1:]}. They are candidates for joint or back-to-back "
        "meetings, a shared agenda, or fewer boards."
    )


def _imposed_members(ctx: Context, a: str, b: str, shared: frozenset[str]) -> set[str]:
    """The shared members that the law requires of both boards, through the boards' and the
    members' statutory roles."""
    role_a, role_b = ctx.by_id[a].statutory_role, ctx.by_id[b].statutory_role
    if role_a is None or role_b is None:
        return set()
    required = packs.required_member_roles(ctx.gmap.as_of)
    both = required.get(role_a, frozenset()) & required.get(role_b, frozenset())
    return {m for m in shared if m in ctx.by_id and ctx.by_id[m].statutory_role in both}


# -- statutory rule packs ------------------------------------------------------------------------


@rule(
    "missing-statutory-link",
    "warning",
    "a link that a statutory rule pack requires is absent",
    "A map that lists packs under `rules:` (england-2013, england-2019, england-2023) is "
    "checked against the links the law and statutory guidance require between bodies with a "
    "`statutory_role` (or a basis or name that says what they are): annual reports, "
    "accountability of chairs, scrutiny. An Act's requirement is a warning; statutory "
    "guidance's, an Act's power (scrutiny that may happen) and a requirement not checked "
    "against its text are information; each names its source. This rule reports a required "
    "link between two bodies the map holds; where the map lacks the other body altogether, "
    "statutory-duty-not-shown names the duty instead (a safeguarding partnership with no "
    "independent scrutineer is reported here, as the scrutiny is part of its own "
    "arrangements). Where no-accountability, unscrutinised or isolated-board already "
    "reports the board, the requirement is added to that finding instead. Not covered: "
    "what passes along a link, and how often.",
    "Add the link the source requires (with what passes and how often), or, if it exists "
    "outside the map's scope, accept the finding with the reason.",
    severity_note="warning (Act) / info (guidance)",
)
def missing_statutory_link(ctx: Context) -> Iterator[Finding]:
    ends: dict[str, list[str]] = ctx.memo("unaccountable-ends", _unaccountable_ends)
    unchallenged = {b.id for b in ctx.memo("unscrutinised", _unscrutinised)}
    for gap in ctx.pack_gaps:
        entry = gap.entry
        if gap.others and gap.subject.kind in GOVERNANCE_KINDS and gap.subject.id not in ctx.linked:
            continue  # said in the isolated-board finding
        if (
            gap.others
            and entry.direction == "to"
            and entry.type in REPORTING_TYPES
            and gap.subject.id in ends
        ):
            continue  # said in the no-accountability finding
        if (
            gap.others
            and entry.direction == "from"
            and entry.type == "challenges"
            and gap.subject.id in unchallenged
        ):
            continue  # said in the unscrutinised finding
        # With need: any, the others are candidates, not the boards concerned.
        others = [o.id for o in gap.others] if entry.need == "each" else []
        yield ctx.finding(
            "missing-statutory-link",
            gap.subject,
            packs.gap_message(ctx, gap),
            [gap.subject.id, *others],
            severity=entry.severity,
            source=entry.cited,
            links=gap.links,
        )


@rule(
    "missing-statutory-member",
    "warning",
    "a board lacks a member that a statutory rule pack requires",
    "The Acts name the bodies that must sit on a Health and Wellbeing Board, a Local "
    "Safeguarding Children Board, a safeguarding partnership, a Safeguarding Adults Board "
    "and a Community Safety Partnership. A board whose `members` are listed is checked for "
    "them, through the members' `statutory_role` (a chair counts as a member). A board "
    "with no members listed is not checked. A member the map lists that has ended by its "
    "date (a clinical commissioning group after 1 July 2022) is named, with what replaced "
    "it.",
    "Add the missing bodies to `members` (and give each its `statutory_role`), or accept "
    "the finding with the reason.",
    severity_note="warning (Act) / info (guidance)",
)
def missing_statutory_member(ctx: Context) -> Iterator[Finding]:
    for gap in packs.member_gaps(ctx):
        entry = gap.entry
        yield ctx.finding(
            "missing-statutory-member",
            gap.board,
            _member_message(ctx, gap),
            [gap.board.id],
            severity=entry.severity,
            source=entry.cited,
        )


def _member_message(ctx: Context, gap: packs.MemberGap) -> str:
    entry = gap.entry
    must = "must" if entry.force == "act" else "should"
    head = (
        f"{ctx.The(gap.board.id)} {must} have {join_names(list(gap.missing))} among its "
        f"members ({entry.cited}), but "
    )
    dated = [i for i in gap.items if i.ended or i.pending]
    if not dated:
        roles = ", ".join(packs.required_roles(entry, gap.missing))
        return head + f"none of the members this map lists is one (statutory_role: {roles})."
    # Members the map lists that have ended (or not yet begun): say so, and what replaces
    # them, rather than that none was listed.
    plain = [i for i in gap.items if not (i.ended or i.pending)]
    clauses: list[str] = []
    fixes: list[str] = []
    if plain:
        clauses.append("none of the members this map lists is " + " or ".join(i.said for i in plain))
        fixes.extend(f"{i.said} (statutory_role: {', '.join(i.roles.split('|'))})" for i in plain)
    for item in dated:
        for board in item.ended:
            assert board.until is not None
            clauses.append(f"its member {ctx.the(board.id)} ended on {ctx.date(board.until)}")
        for board in item.pending:
            assert board.since is not None
            clauses.append(f"its member {ctx.the(board.id)} begins only on {ctx.date(board.since)}")
    for item in dated:
        fixes.append(_successor(ctx, gap.board, item, alone=len(clauses) == 1))
    said = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + ", and " + clauses[-1]
    return head + said + "; add " + join_names(fixes) + " to its members."


def _successor(ctx: Context, board: Board, item: packs.MissingMember, alone: bool) -> str:
    """What to add in place of members that ended (or have not begun): 'the integrated care
    board that replaced it (statutory_role: icb)', naming the body where the map has one."""
    wanted = item.roles.split("|")
    listed = [*item.ended, *item.pending]
    had = {b.statutory_role for b in listed}
    roles = [r for r in wanted if r not in had] or wanted
    it = "it" if alone else (ctx.the(listed[0].id) if len(listed) == 1 else "them")
    if item.ended:
        noun = packs.role_name("|".join(roles))
        if had == {"ccg"} and roles == ["icb"]:
            what = f"the {noun} that replaced {it}"  # 1 July 2022 (Health and Care Act 2022)
        else:
            what = f"{packs.article(noun)} in {'its' if len(listed) == 1 else 'their'} place"
    elif had == {"icb"} and roles == ["ccg"]:
        what = f"the {packs.role_name('ccg')} that {it} replaces"
    else:
        what = item.said
    candidates: list[Board] = ctx.memo("role-index", packs.role_index).near(board, "|".join(roles))
    if len(candidates) == 1:  # the map has the body to add: name it
        return f"{what}, {ctx.the(candidates[0].id)} (id: {candidates[0].id}),"
    return f"{what} (statutory_role: {', '.join(roles)})"


@rule(
    "statutory-independence",
    "info",
    "a board reports to, or is a sub-group of, a body that a rule pack says it must stay independent of",
    "Working Together to Safeguard Children (2015, chapter 3) says a Local Safeguarding "
    "Children Board should not be subordinate to, nor subsumed within, other local "
    "structures such as the Health and Wellbeing Board or the Children's Trust, so that it "
    "can challenge them. Its chair answers to the chief executive, a role, which is fine.",
    "Change the link to what it is: usually informs (the board sends its report) or "
    "challenges (it holds the other to account).",
    severity_note="warning (Act) / info (guidance)",
)
def statutory_independence(ctx: Context) -> Iterator[Finding]:
    for breach in packs.independence_breaches(ctx):
        entry = breach.entry
        duty = entry.duty.format(board=ctx.the(breach.board.id), other=ctx.the(breach.link_to))
        verb = LINK_VERBS[breach.link_type].format(b=ctx.the(breach.link_to))
        message = f"{duty[:1].upper()}{duty[1:]} ({entry.cited}), but in this map it {verb}."
        key: LinkKey = (breach.link_from, breach.link_to, breach.link_type)
        yield ctx.finding(
            "statutory-independence",
            ctx.first_link[key],
            message,
            [breach.link_from, breach.link_to],
            severity=entry.severity,
            source=entry.cited,
            links=[key],
        )


@rule(
    "rule-pack-era",
    "info",
    "the map asks for statutory rule packs none of which covers its date",
    "Each pack describes one era: england-2013 the Local Safeguarding Children Boards "
    "(1 April 2013 to 28 September 2019), england-2019 the safeguarding partnerships (from "
    "29 September 2019), england-2023 Working Together 2023 and the Health and Care Act "
    "2022 (from 15 December 2023). A map whose date falls outside every pack it names is "
    "not checked against any statutory rule, and says so.",
    "Name the pack for the map's date under `rules:` (a map holding several years may name both).",
)
def rule_pack_era(ctx: Context) -> Iterator[Finding]:
    for pack in packs.out_of_era(ctx):
        right = [p for p in packs.available_packs() if packs.load_pack(p).in_force(ctx.gmap.as_of)]
        hint = f" Use {' or '.join(right)}, the pack for that date." if right else ""
        message = (
            f"This map asks to be checked against the {pack.pack} rules, which apply "
            f"{pack.period}, but it describes {ctx.date(ctx.gmap.as_of)}, so no "
            f"statutory rule was checked.{hint}"
        )
        file, line = _rules_line(ctx)
        yield Finding(file, line, "rule-pack-era", "info", message)


def _rules_line(ctx: Context) -> tuple[str, int]:
    """Where `rules:` stands: the first file that has it."""
    files = ctx.gmap._files
    for name in ctx.gmap.sources:
        source = files.get(name)
        if source is not None and re.search(r"^rules\s*:", source.text, re.M):
            return name, int(source.position(("rules",))[0])
    return (ctx.gmap.sources[0] if ctx.gmap.sources else "<map>"), 1


# -- accepted entries (raised by the engine, registered here for the catalogue) -----------------


@rule(
    "accepted-expired",
    "warning",
    "an accepted finding whose `until` date has passed; the finding is open again",
    "An entry under `accepted:` sets a finding aside until a date. Once the map's date is "
    "past it, the finding is reported again as open, and this warning points at the entry, "
    "so that nobody relies on an acceptance that was meant to be temporary.",
    "Look at the finding again: fix the gap in the map, or renew the entry with a new "
    "`until` date and an up-to-date reason.",
)
def accepted_expired(ctx: Context) -> Iterator[Finding]:
    return iter(())  # raised by the engine while it matches accepted entries


@rule(
    "accepted-unmatched",
    "info",
    "an accepted entry that accepts no finding (the gap is closed, or the entry is mistyped)",
    "Every entry under `accepted:` should set aside a finding that boardmap makes. An entry "
    "that matches nothing on the map's date has outlived its gap, or names a rule, board or "
    "link wrongly; left in place it could silently accept a different gap later. Entries "
    "naming a board that is not in force on the map's date are not reported.",
    "Remove the entry if the gap is closed; otherwise correct its rule id, board or link "
    "(`boardmap rules` lists the rule ids).",
)
def accepted_unmatched(ctx: Context) -> Iterator[Finding]:
    return iter(())  # raised by the engine while it matches accepted entries
