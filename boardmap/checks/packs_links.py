"""Required links a map lacks, and links a board must not have (the packs' `links` and
`independence` entries).

When the body at the other end of a required link is missing from the map altogether (a
map of children's boards with no Police and Crime Commissioner), the duty is still named
(`unshown_duties`, the statutory-duty-not-shown rule), as information: the map is silent,
not wrong. An entry marked `absent: report`, where the law makes the other body part of the
board's own arrangements (a safeguarding partnership's independent scrutiny), is reported
as a missing link instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from boardmap.checks.packs_data import IndependenceRule, LinkRule, packs_in_force
from boardmap.checks.shared import Views
from boardmap.model import Board
from boardmap.say.grammar import a as article
from boardmap.say.grammar import join
from boardmap.say.vocab import role_name

if TYPE_CHECKING:
    from boardmap.checks.registry import LinkKey

# A link of one of these types meets a requirement for the key's type: a body that reports
# to another sends it reports, so it also keeps it informed.
SATISFIES: dict[str, frozenset[str]] = {
    "informs": frozenset({"informs", "reports-to", "sub-group-of"}),
    "reports-to": frozenset({"reports-to", "sub-group-of"}),
}


# -- finding the bodies a rule is about -------------------------------------------------------


class _RoleIndex:
    """Boards by role and by area, so that matching a board to the bodies of its own area
    costs the size of the answer, not of the map."""

    def __init__(self, boards: list[Board]) -> None:
        self.by_role: dict[str, list[Board]] = defaultdict(list)
        self.by_role_area: dict[tuple[str, str], list[Board]] = defaultdict(list)
        self.arealess: dict[str, list[Board]] = defaultdict(list)
        for board in boards:
            role = board.statutory_role
            if role is None:
                continue
            self.by_role[role].append(board)
            if board.areas:
                for area in dict.fromkeys(board.areas):
                    self.by_role_area[(role, area)].append(board)
            else:
                self.arealess[role].append(board)

    def near(self, board: Board, roles: str) -> list[Board]:
        """Boards with one of `roles` whose area is the board's (a board with no `areas`
        covers the whole map), the board itself left out, in map order, each once."""
        found: dict[str, Board] = {}
        for role in roles.split("|"):
            if not board.areas:
                pool: list[Board] = self.by_role.get(role, [])
            else:
                pool = list(self.arealess.get(role, []))
                for area in board.areas:
                    pool.extend(self.by_role_area.get((role, area), []))
            for other in pool:
                if other.id != board.id:
                    found.setdefault(other.id, other)
        return list(found.values())


def sole_area(board: Board) -> str | None:
    """The area a statutory finding about the board is for: the board's own, where it
    serves one (a board serving several owes its duty in each; one serving none, in the
    whole map)."""
    return board.areas[0] if len(set(board.areas)) == 1 else None


def role_index(ctx: Views) -> _RoleIndex:
    return _RoleIndex(ctx.gmap.boards)


# -- link gaps ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackGap:
    """A required link the map lacks: from `subject` to each of `others` (or the reverse,
    by the entry's direction). `others` is empty where the other body is absent."""

    pack: str
    entry: LinkRule
    subject: Board
    others: tuple[Board, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The entry's counterparts ("a|b" for either role) the map does not show linked:
        those the gap's other bodies are, or every one where the other body is absent."""
        if not self.others:
            return tuple(self.entry.other)
        held = {o.statutory_role for o in self.others}
        return tuple(item for item in self.entry.other if held.intersection(item.split("|")))

    @property
    def links(self) -> list[LinkKey]:
        if self.entry.direction == "to":
            return [(self.subject.id, o.id, self.entry.type) for o in self.others]
        return [(o.id, self.subject.id, self.entry.type) for o in self.others]


def _has_link(ctx: Views, a: str, b: str, link_type: str) -> bool:
    found = ctx.pair_types.get((a, b))
    return bool(found and found & SATISFIES.get(link_type, frozenset({link_type})))


def _seated(ctx: Views, board_id: str, link_type: str) -> set[str]:
    """The members and chairs of the bodies `board_id` has a link to that meets `link_type`:
    a board that reports to a group in which the chief executive sits (an officer, kind
    `role`) sends the chief executive its reports (Hillingdon's Safeguarding Adults Board and its Executive
    Leadership Group)."""
    kinds = SATISFIES.get(link_type, frozenset({link_type}))
    # The boards each board has such a link to, found once per run: scanning the links of
    # those types for each call cost 30 ms at 10,000 boards.
    targets: dict[str, list[str]] = ctx.memo(
        f"link-targets:{'|'.join(sorted(kinds))}", lambda c: _targets(c, kinds)
    )
    seated: set[str] = set()
    for to in targets.get(board_id, ()):
        target = ctx.by_id[to]
        seated.update(target.members, target.chairs)
    return seated


def _targets(ctx: Views, kinds: frozenset[str]) -> dict[str, list[str]]:
    """Each board -> the boards in the map it has a link of one of `kinds` to."""
    found: dict[str, list[str]] = defaultdict(list)
    for kind in kinds:
        for link in ctx.links_by_type.get(kind, []):
            if link.to in ctx.by_id:
                found[link.from_].append(link.to)
    return found


def link_gaps(ctx: Views) -> list[PackGap]:
    """Every required link that the map lacks, for the packs in force on its date."""
    gaps: list[PackGap] = []
    on = ctx.gmap.as_of
    index: _RoleIndex | None = None
    for pack in packs_in_force(ctx):
        for entry in pack.links:
            if not entry.in_force(on):
                continue
            for subject in ctx.by_role.get(entry.board, []):
                index = index or role_index(ctx)
                gaps.extend(_entry_gaps(ctx, index, pack.pack, entry, subject))
    return gaps


def _entry_gaps(ctx: Views, index: _RoleIndex, pack: str, entry: LinkRule, subject: Board) -> list[PackGap]:
    gaps: list[PackGap] = []
    for roles in entry.other:
        others = index.near(subject, roles)
        if not others:
            if entry.absent == "report":
                gaps.append(PackGap(pack, entry, subject, ()))
            continue

        def linked(other: Board) -> bool:
            a, b = (subject.id, other.id) if entry.direction == "to" else (other.id, subject.id)
            if _has_link(ctx, a, b, entry.type):
                return True
            if entry.met_by_member and other.id in (*subject.members, *subject.chairs):
                return True
            # An officer who sits in a group the board reports to receives its reports.
            return (
                entry.direction == "to"
                and other.kind == "role"
                and other.id in _seated(ctx, subject.id, entry.type)
            )

        if entry.need == "any":
            if not any(linked(o) for o in others):
                gaps.append(PackGap(pack, entry, subject, tuple(others)))
        else:
            gaps.extend(PackGap(pack, entry, subject, (o,)) for o in others if not linked(o))
    shown = [g for g in gaps if g.others]
    if entry.together and len(shown) > 1:
        # One duty to them all: one finding names each body the map holds but not linked.
        merged = PackGap(pack, entry, subject, tuple(o for g in shown for o in g.others))
        return [*(g for g in gaps if not g.others), merged]
    return gaps


@dataclass(frozen=True)
class UnshownDuty:
    """A required link whose counterparts are not in the map at all: the duty stands, and
    the map cannot show it met. `missing` holds the roles absent, each "a|b" for either."""

    pack: str
    entry: LinkRule
    subject: Board
    missing: tuple[str, ...]
    # The area that lacks them, for a board serving several areas whose duty runs to a
    # body in each (a joint Safeguarding Adults Board sends its report to each council's
    # leader); None where the map lacks them in every area the board serves.
    area: str | None = None


def unshown_duties(ctx: Views) -> list[UnshownDuty]:
    """For each required link, the counterparts the map lacks altogether (an entry marked
    `absent: report` is reported as a missing link instead); and, for a board serving
    several areas and a duty to each such body (`need: each`), those the map lacks in one
    of its areas while it shows them in another."""
    found: list[UnshownDuty] = []
    on = ctx.gmap.as_of
    index: _RoleIndex = ctx.memo("role-index", role_index)
    for pack in packs_in_force(ctx):
        for entry in pack.links:
            if not entry.in_force(on) or entry.absent == "report" or entry.force == "power":
                continue  # reported as a missing link; or a power, which nobody need use
            for subject in ctx.by_role.get(entry.board, []):
                missing = tuple(r for r in entry.other if not index.near(subject, r))
                if missing:
                    found.append(UnshownDuty(pack.pack, entry, subject, missing))
                if entry.need == "each" and len(set(subject.areas)) > 1:
                    shown = [r for r in entry.other if r not in missing]
                    found.extend(_lacking_areas(index, pack.pack, entry, subject, shown))
    return found


def _lacking_areas(
    index: _RoleIndex, pack: str, entry: LinkRule, subject: Board, roles: list[str]
) -> list[UnshownDuty]:
    """The duty in each area of the board's where the map lacks bodies it shows elsewhere."""
    found: list[UnshownDuty] = []
    for area in dict.fromkeys(subject.areas):
        lacking = tuple(
            item
            for item in roles
            if not any(index.arealess.get(r) or index.by_role_area.get((r, area)) for r in item.split("|"))
        )
        if lacking:
            found.append(UnshownDuty(pack, entry, subject, lacking, area))
    return found


def duty_text(ctx: Views, gap: PackGap) -> str:
    """The duty as a sentence about this map's boards, ending with its source."""
    entry = gap.entry
    if gap.others:
        other = " or ".join(ctx.the(o.id) for o in gap.others)
    else:
        other = " or ".join(article(role_name(r)) for r in entry.other)
    text = entry.duty.format(board=ctx.the(gap.subject.id), other=other)
    return f"{text[:1].upper()}{text[1:]} ({entry.cited})"


def duty_lacking(ctx: Views, gap: PackGap) -> str:
    """The duty with what the map lacks, for a gap whose other bodies are in the map: 'X
    should be led by ... (source), but this map shows the Chief Constable neither ...'."""
    lacks = gap.entry.lacks.format(other=join([ctx.the(o.id) for o in gap.others]))
    return f"{duty_text(ctx, gap)}, but {lacks}"


def gap_message(ctx: Views, gap: PackGap) -> str:
    if gap.others:
        return f"{duty_lacking(ctx, gap)}."
    duty = duty_text(ctx, gap)
    roles = [r for item in gap.entry.other for r in item.split("|")]
    marks = " or ".join(f"statutory_role: {r}" for r in roles)
    names = " or ".join(role_name(item) for item in gap.entry.other)
    return f"{duty}, but this map has no {names} (a board marked {marks})."


# -- independence --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Breach:
    pack: str
    entry: IndependenceRule
    board: Board
    link_from: str
    link_to: str
    link_type: str


def independence_breaches(ctx: Views) -> list[Breach]:
    """Links a board has that its role forbids (an LSCB reporting to the HWB)."""
    found: list[Breach] = []
    on = ctx.gmap.as_of
    for pack in packs_in_force(ctx):
        for entry in pack.independence:
            if not entry.in_force(on):
                continue
            boards = {b.id: b for b in ctx.by_role.get(entry.board, [])}
            if not boards:
                continue
            kinds = set(entry.to_kinds)
            for link_type in entry.types:
                for link in ctx.links_by_type.get(link_type, []):
                    if link.from_ in boards and ctx.by_id[link.to].kind in kinds:
                        found.append(
                            Breach(pack.pack, entry, boards[link.from_], link.from_, link.to, link.type)
                        )
    return found
