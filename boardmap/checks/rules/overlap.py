"""The membership-overlap rule and the similarity join behind it (signatures for small
member sets, prefix filtering for larger ones)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import chain, combinations

from boardmap.checks import packs
from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, rule
from boardmap.checks.rules.common import named
from boardmap.say import findings as say

OVERLAP_THRESHOLD = 0.75
# Boards with fewer members than this are not compared: a shared pair of members says little.
OVERLAP_MIN_MEMBERS = 3


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
    frequency = Counter(chain.from_iterable(members.values()))
    # Each member's place, rarest first (ties by name): one sort, then a lookup per member.
    rank = {m: i for i, m in enumerate(sorted(frequency, key=lambda m: (frequency[m], m)))}
    ordered = {b: sorted(found, key=rank.__getitem__) for b, found in members.items()}
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
    prefix = {size: size - math.ceil(threshold * size - 1e-9) + 1 for size in set(map(len, ordered.values()))}
    holders = Counter(chain.from_iterable(tokens[: prefix[len(tokens)]] for tokens in ordered.values()))
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
    # For each set size, the partner sizes it can meet and how many members it must share.
    plan = {
        size: [
            (partner, _must_share(partner, threshold)) for partner in _partner_sizes(size, threshold, largest)
        ]
        for size in range(1, largest + 1)
    }
    # Most signatures are listed by one set only: the first set to list each is kept on its
    # own, and a list is made only for a signature that a second set lists too (a list for
    # each of the dense map's 60,000 signatures was most of the join's time).
    first: dict[tuple[int, tuple[str, ...]], str] = {}
    shared_by: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    for board, found in members.items():
        steps = plan.get(len(found))
        if not steps:
            continue
        tokens = sorted(found)
        for partner, must in steps:
            for subset in combinations(tokens, must):
                key = (partner, subset)
                seen = first.setdefault(key, board)
                if seen is not board:
                    shared_by.setdefault(key, [seen]).append(board)
    candidates: set[tuple[str, str]] = set()
    for (partner, _), boards in shared_by.items():
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
        b.id: found for b in ctx.governance if len(found := frozenset(b.members)) >= OVERLAP_MIN_MEMBERS
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
            yield ctx.finding(
                "membership-overlap", ctx.by_id[group[0]], say.overlap_group(named(ctx, group)), group
            )
            continue
        a, b = group
        shared, together, imposed = by_pair[a, b]
        left = named(ctx, ctx.sorted_ids(imposed))
        message = say.overlap_pair(ctx.the(a), ctx.the(b), shared, together, left)
        yield ctx.finding("membership-overlap", ctx.by_id[a], message, [a, b])


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


def _imposed_members(ctx: Context, a: str, b: str, shared: frozenset[str]) -> set[str]:
    """The shared members that the law requires of both boards, through the boards' and the
    members' statutory roles."""
    role_a, role_b = ctx.by_id[a].statutory_role, ctx.by_id[b].statutory_role
    if role_a is None or role_b is None:
        return set()
    required = packs.required_member_roles(ctx.gmap.as_of)
    both = required.get(role_a, frozenset()) & required.get(role_b, frozenset())
    return {m for m in shared if m in ctx.by_id and ctx.by_id[m].statutory_role in both}
