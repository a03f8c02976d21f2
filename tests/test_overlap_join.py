"""membership-overlap's similarity join (issue 23): signatures for small member sets and
prefix filtering for larger ones find exactly the pairs, and so the findings, that comparing
every pair of boards finds."""

from __future__ import annotations

import itertools
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardmap.checks.engine import check
from boardmap.checks.rules import overlap as rules
from boardmap.load import load_text

Pairs = list[tuple[str, str, int, int]]


def brute(members: dict[str, frozenset[str]], threshold: float) -> Pairs:
    """Every pair compared, with the rule's own test of similarity."""
    pairs = []
    for x, y in itertools.combinations(sorted(members), 2):
        shared = len(members[x] & members[y])
        together = len(members[x] | members[y])
        if shared >= threshold * together - 1e-9:
            pairs.append((x, y, shared, together))
    return sorted(pairs)


@st.composite
def member_sets(draw: st.DrawFn) -> dict[str, frozenset[str]]:
    """Boards drawing members from one pool: small pools make dense, overlapping maps;
    sizes run past the signatures' limit, so both joins and the pairs between them are
    tried."""
    pool = [f"m{i}" for i in range(draw(st.integers(1, 40)))]
    count = draw(st.integers(0, 30))
    sets: dict[str, frozenset[str]] = {}
    base = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=24, unique=True))
    for i in range(count):
        if draw(st.booleans()):  # near a shared base: many similar sets
            keep = draw(st.lists(st.sampled_from(base), unique=True, min_size=1))
            extra = draw(st.lists(st.sampled_from(pool), unique=True, max_size=3))
            found = frozenset(keep) | frozenset(extra)
        else:
            found = frozenset(draw(st.lists(st.sampled_from(pool), unique=True, min_size=1, max_size=24)))
        sets[f"b{i:02d}"] = found
    return sets


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(member_sets(), st.sampled_from([0.5, 0.6, 2 / 3, 0.75, 0.8, 0.9, 1.0]))
def test_the_join_finds_the_pairs_that_comparing_every_pair_finds(
    members: dict[str, frozenset[str]], threshold: float
) -> None:
    expected = brute(members, threshold)
    assert rules._overlapping_pairs(members, threshold) == expected
    # Each way of joining, forced: signatures wherever sets are small enough, and prefix
    # filtering for every pair.
    for cost in (-1, 10**9):
        with mock.patch.object(rules, "SIGNATURE_COST", cost):
            assert rules._overlapping_pairs(members, threshold) == expected


def test_signatures_take_small_sets_and_prefixes_the_rest() -> None:
    assert rules._signature_sizes(0.75) == 9
    members = {
        "a": frozenset("abcde"),
        "b": frozenset("abcde"),
        "c": frozenset("abcdef"),
        "d": frozenset("abcdefghijkl"),
        "e": frozenset("abcdefghijkm"),
        "f": frozenset("abcdefghi"),
    }
    small = rules._signature_sizes(0.75)
    by_signature = rules._pairs_by_signature(members, 0.75, small)
    ordered = {b: sorted(found) for b, found in members.items()}
    by_prefix = rules._pairs_by_prefix(members, ordered, 0.75, small)
    assert sorted(by_signature) == [("a", "b", 5, 5), ("a", "c", 5, 6), ("b", "c", 5, 6)]
    assert sorted((min(x, y), max(x, y)) for x, y, _, _ in by_prefix) == [("d", "e"), ("d", "f"), ("e", "f")]
    assert rules._overlapping_pairs(members, 0.75) == brute(members, 0.75)


def test_the_join_is_chosen_by_its_cost() -> None:
    """Uniform small sets from one pool: prefix filtering would look at many candidates,
    so signatures are listed; skewed sets (a common member and rare ones): prefixes."""
    import random

    rng = random.Random(1)
    dense = {f"b{i}": frozenset(f"m{m}" for m in rng.sample(range(200), 5)) for i in range(3000)}
    ordered = {b: sorted(found) for b, found in dense.items()}
    assert rules._prefix_work(ordered, 0.75) > rules.SIGNATURE_COST * rules._signature_count(dense, 0.75, 9)
    skewed = {f"b{i}": frozenset({"council", f"r{i}a", f"r{i}b", f"r{i}c"}) for i in range(3000)}
    ordered = {b: sorted(found, key=lambda m: (m == "council", m)) for b, found in skewed.items()}
    assert rules._prefix_work(ordered, 0.75) == 0


# -- the findings themselves ----------------------------------------------------------------


@st.composite
def maps(draw: st.DrawFn) -> str:
    """A map of boards whose members come from a small pool (so they overlap), some boards
    with statutory roles whose members the law requires of both (left out of the
    comparison)."""
    pool = draw(st.integers(3, 14))
    count = draw(st.integers(2, 24))
    lines = ["boardmap: 1", "area: Testshire", "as_of: 2024-06-01", "boards:"]
    roles = [None, "safeguarding-partnership", "sab", "csp"]
    member_roles = ["local-authority", "police", "icb"]
    for i in range(pool):
        lines += [f"  - id: m{i}", f"    name: Member {i}", "    kind: organisation"]
        if i < len(member_roles):
            lines.append(f"    statutory_role: {member_roles[i]}")
    for i in range(count):
        members = draw(st.lists(st.integers(0, pool - 1), unique=True, max_size=pool))
        lines += [
            f"  - id: b{i}",
            f"    name: Board {i}",
            "    kind: partnership",
            f"    members: [{', '.join(f'm{m}' for m in members)}]",
        ]
        role = draw(st.sampled_from(roles))
        if role:
            lines.append(f"    statutory_role: {role}")
    lines.append("links: []")
    return "\n".join(lines) + "\n"


def _overlap_findings(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    result = check(load_text(text, file="map.yaml"))
    return [(f.message, tuple(f.boards), str(f.line)) for f in result.open if f.rule == "membership-overlap"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_the_findings_are_those_of_comparing_every_pair(text: str) -> None:
    fast = _overlap_findings(text)
    with mock.patch.object(rules, "_overlapping_pairs", brute):
        slow = _overlap_findings(text)
    assert fast == slow
