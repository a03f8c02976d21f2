"""The comparison as data: the areas, their matched bodies, the interfaces between matched
bodies (the link types each area has), the escalation routes and the findings per rule.
No sentences here: boardmap.compare.say words them, and the JSON report is this data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from boardmap.checks.engine import check
from boardmap.compare import say
from boardmap.compare.mapping import Mapping, read_mapping
from boardmap.compare.match import match
from boardmap.compare.records import (
    AgreementRow,
    Area,
    Comparison,
    Fact,
    Interface,
    Matching,
    OneSided,
    Route,
    RuleRow,
)
from boardmap.errors import UsageError
from boardmap.load import load
from boardmap.model import GovernanceMap, Link
from boardmap.say.grammar import long_date

_ANNUAL = re.compile(r"\b(annual|yearly)\s+report", re.IGNORECASE)


# When the law changed what a map of a given date would show.
LAW_CHANGES: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2015, 4, 1), "sab"),
    (dt.date(2019, 9, 29), "partnerships"),
    (dt.date(2022, 7, 1), "icbs"),
)


class CompareError(UsageError):
    """Maps that cannot be compared: the same map twice, or no body in common."""


def compare_paths(
    paths: Sequence[str], *, as_of: dt.date | None = None, mapping: str | None = None
) -> Comparison:
    """Load the maps at `paths` (on `as_of` where given) and compare them."""
    if len(paths) < 2:
        raise CompareError("give at least two maps to compare")
    seen: dict[Path, str] = {}
    for path in paths:
        resolved = Path(path).resolve()
        if resolved in seen:
            raise CompareError(f"{path} is given twice (as {seen[resolved]} and {path}); give each map once")
        seen[resolved] = path
    maps = [load(path, as_of=as_of) for path in paths]
    read = read_mapping(mapping, list(paths), maps) if mapping else None
    return compare_maps(maps, list(paths), as_of=as_of, mapping=read)


def compare_maps(
    maps: Sequence[GovernanceMap],
    paths: Sequence[str] | None = None,
    *,
    as_of: dt.date | None = None,
    mapping: Mapping | None = None,
) -> Comparison:
    """Compare loaded maps. Raises CompareError for the same map twice or no body in common."""
    paths = list(paths) if paths is not None else [m.sources[0] if m.sources else m.area for m in maps]
    _refuse_duplicates(maps, paths)
    areas = [
        Area(i, label, paths[i], gmap, check(gmap))
        for i, (gmap, label) in enumerate(zip(maps, _labels(maps, paths), strict=True))
    ]
    matching = match(maps, mapping)
    if not matching.common(("statutory", "common", "other", "people")):
        raise CompareError(say.nothing_in_common(areas, matching))
    interfaces, one_sided = _interfaces(areas, matching)
    return Comparison(
        areas,
        matching,
        interfaces,
        one_sided,
        _routes(areas, matching),
        _agreements(areas, matching),
        _findings(areas),
        as_of,
        _law_changes(maps),
    )


def _refuse_duplicates(maps: Sequence[GovernanceMap], paths: Sequence[str]) -> None:
    for i, a in enumerate(maps):
        for j in range(i):
            b = maps[j]
            if (a.area, a.as_of, a.boards, a.links, a.escalations) == (
                b.area,
                b.as_of,
                b.boards,
                b.links,
                b.escalations,
            ):
                raise CompareError(
                    f"{paths[j]} and {paths[i]} describe the same arrangements ({a.area} on "
                    f"{long_date(a.as_of)}): compare two different maps, or see how one map "
                    "changed with `boardmap diff OLD NEW`"
                )


def _labels(maps: Sequence[GovernanceMap], paths: Sequence[str]) -> list[str]:
    labels = [m.area for m in maps]
    if len(set(labels)) < len(labels):
        labels = [
            m.area if [x.area for x in maps].count(m.area) == 1 else f"{m.area} ({long_date(m.as_of)})"
            for m in maps
        ]
    if len(set(labels)) < len(labels):
        labels = [f"{label} ({Path(p).name})" for label, p in zip(labels, paths, strict=True)]
    return labels


def fact_of(link: Link) -> str:
    text = f"{link.what or ''} {link.says or ''}"
    if link.type == "informs" and _ANNUAL.search(text):
        return "annual-report"
    return link.type


def _interfaces(areas: list[Area], matching: Matching) -> tuple[list[Interface], list[OneSided]]:
    found: dict[tuple[str, str], dict[int, set[Fact]]] = {}
    joined: dict[tuple[str, str], dict[int, tuple[set[str], set[str]]]] = {}
    bodies = {b.key: b for b in matching.bodies}
    for area in areas:
        index = area.index
        for link in area.gmap.links:
            a = matching.by_board[index].get(link.from_)
            b = matching.by_board[index].get(link.to)
            if a is None or b is None or a is b or (a.group == b.group == "people"):
                continue
            pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
            found.setdefault(pair, {}).setdefault(index, set()).add((a.key == pair[0], fact_of(link)))
            sides = joined.setdefault(pair, {}).setdefault(index, (set(), set()))
            low, high = (link.from_, link.to) if a.key == pair[0] else (link.to, link.from_)
            sides[0].add(low)
            sides[1].add(high)
    interfaces: list[Interface] = []
    one_sided: list[OneSided] = []
    order = {b.key: n for n, b in enumerate(matching.bodies)}
    for (k1, k2), per_area in found.items():
        one, two = bodies[k1], bodies[k2]
        both = [i for i in one.areas() if i in two.areas()]
        facts = {i: frozenset(per_area.get(i, set())) for i in both}
        ends = {i: (frozenset(e[0]), frozenset(e[1])) for i, e in joined[(k1, k2)].items()}
        forward = sum(1 for fs in facts.values() for f in fs if f[0])
        backward = sum(1 for fs in facts.values() for f in fs if not f[0])
        if backward > forward or (backward == forward and order[k2] < order[k1]):
            one, two = two, one
            facts = {i: frozenset((not d, k) for d, k in fs) for i, fs in facts.items()}
            ends = {i: (e[1], e[0]) for i, e in ends.items()}
        face = Interface(one, two, facts, ends)
        if len(both) >= 2:
            interfaces.append(face)
            continue
        for shared, rare in ((one, two), (two, one)):
            lacking = [i for i in shared.areas() if i not in rare.areas()]
            if len(shared.areas()) > 1 and lacking and rare.group in ("statutory", "common"):
                one_sided.append(OneSided(face, rare, lacking))
                break
    interfaces.sort(key=lambda f: (not f.differs, order[f.first.key], order[f.second.key]))
    one_sided.sort(key=lambda o: (order[o.face.first.key], order[o.face.second.key]))
    return interfaces, one_sided


def _routes(areas: list[Area], matching: Matching) -> list[Route]:
    routes: list[Route] = []
    for area in areas:
        by_board = matching.by_board[area.index]
        for route in area.gmap.escalations:
            between = [by_board[b] for b in route.between if b in by_board]
            last = route.steps[-1].involves if route.steps else []
            routes.append(Route(area.index, route.id, route.name, between, len(route.steps), list(last)))
    return routes


def _agreements(areas: list[Area], matching: Matching) -> list[AgreementRow]:
    rows: list[AgreementRow] = []
    for area in areas:
        by_board = matching.by_board[area.index]
        for agreement in area.gmap.agreements:
            rows.append(
                AgreementRow(
                    area.index,
                    agreement.id,
                    agreement.name,
                    [by_board[b] for b in agreement.between if b in by_board],
                    agreement.status,
                    [(s.by, s.on.isoformat()) for s in agreement.agreed],
                    agreement.review_by.isoformat() if agreement.review_by else None,
                )
            )
    return rows


def _findings(areas: list[Area]) -> list[RuleRow]:
    rows: dict[str, RuleRow] = {}
    for area in areas:
        for finding in area.result.open:
            row = rows.setdefault(finding.rule, RuleRow(finding.rule, finding.severity))
            row.open[area.index] = row.open.get(area.index, 0) + 1
        for finding in area.result.accepted:
            row = rows.setdefault(finding.rule, RuleRow(finding.rule, finding.severity))
            row.accepted[area.index] = row.accepted.get(area.index, 0) + 1
    severity = {"error": 0, "warning": 1, "info": 2}
    return sorted(rows.values(), key=lambda r: (severity.get(r.severity, 3), r.rule))


def _law_changes(maps: Sequence[GovernanceMap]) -> list[str]:
    first = min(m.as_of for m in maps)
    last = max(m.as_of for m in maps)
    return [key for day, key in LAW_CHANGES if first < day <= last]
