"""The comparison in plain words, continued: escalation routes, agreements, the findings of
each area, and the guide's "How other areas do it" annex (the names, dates, bodies and
interfaces are in boardmap.compare.say)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from boardmap.compare.say import area_clause, areas_list, full_names, lower_first
from boardmap.say.grammar import a as _a
from boardmap.say.grammar import count, long_date, sentence
from boardmap.say.grammar import join as join_names
from boardmap.say.names import the

if TYPE_CHECKING:
    from boardmap.compare.records import (
        AgreementRow,
        Area,
        Comparison,
        Route,
    )


# -- routes ---------------------------------------------------------------------------------


def route_groups(cmp: Comparison) -> list[tuple[tuple[str, ...], list[Route]]]:
    groups: dict[tuple[str, ...], list[Route]] = {}
    for route in cmp.routes:
        key = tuple(sorted({b.key for b in route.between}))
        groups.setdefault(key, []).append(route)
    return sorted(groups.items(), key=lambda kv: (-len({r.area for r in kv[1]}), kv[0]))


def settled_by(cmp: Comparison, route: Route) -> str:
    gmap = cmp.areas[route.area].gmap
    names = [the(gmap.board(b)) if b in gmap.by_id else b for b in route.settled_by]
    return join_names(names) if names else "nobody named"


def route_sentence(cmp: Comparison, key: tuple[str, ...], routes: list[Route]) -> str:
    bodies = {b.key: b for b in cmp.matching.bodies}
    between = join_names([f"the {lower_first(bodies[k].label)}" for k in key]) if key else "bodies"
    said = []
    for area in cmp.areas:
        own = [r for r in routes if r.area == area.index]
        for route in own:
            steps = count(route.steps, "step")
            said.append(f"{area.label} has a route of {steps}, settled last by {settled_by(cmp, route)}")
        if not own and all(area.index in bodies[k].areas() for k in key):
            said.append(f"{area.label} has both but no route in its map")
    return sentence(f"For concerns between {between}: {'; '.join(said)}")


def no_routes(cmp: Comparison) -> str | None:
    without = [a.label for a in cmp.areas if not a.gmap.escalations]
    if not without:
        return None
    if len(without) == 1:
        return f"The map of {without[0]} shows no escalation route."
    return f"The maps of {areas_list(without)} show no escalation route."


# -- agreements ----------------------------------------------------------------------------


def agreed_by(cmp: Comparison, row: AgreementRow) -> str:
    gmap = cmp.areas[row.area].gmap
    said = [
        f"{the(gmap.board(by)) if by in gmap.by_id else by} on {long_date(dt.date.fromisoformat(on))}"
        for by, on in row.agreed_by
    ]
    return join_names(said) if said else "not recorded"


def agreements_sentence(cmp: Comparison, area: Area) -> str:
    rows = [r for r in cmp.agreements if r.area == area.index]
    if not rows:
        return f"The map of {area.label} records no written agreement between its bodies."
    if len(rows) == 1:
        row = rows[0]
        review = (
            f"review by {long_date(dt.date.fromisoformat(row.review_by))}"
            if row.review_by
            else "no review date"
        )
        return (
            f"The map of {area.label} records one written agreement, “{row.name}”: agreed "
            f"by {agreed_by(cmp, row)}; {review}."
        )
    reviewed = sum(1 for r in rows if r.review_by)
    return (
        f"The map of {area.label} records {len(rows)} written agreements; {reviewed} of "
        "them have a review date."
    )


# -- findings -------------------------------------------------------------------------------


def findings_summary(area: Area) -> str:
    result = area.result
    counts = [
        (result.count("error"), "error"),
        (result.count("warning"), "warning"),
        (result.count("info"), "note"),
    ]
    said = [count(n, w) for n, w in counts if n]
    accepted = len(result.accepted)
    text = f"{area.label}: {join_names(said)} open" if said else f"{area.label}: nothing open"
    if accepted:
        text += f", {accepted} accepted with reasons"
    return text + "."


FINDINGS_NOTE = (
    "A finding is a gap `boardmap check` finds in a map. Each map shows only what "
    "its sources say, so a finding means either that the arrangement is missing or "
    "that the papers behind the map do not show it."
)


def finding_cell(row_open: int, row_accepted: int) -> str:
    parts = []
    if row_open:
        parts.append(f"{row_open} open")
    if row_accepted:
        parts.append(f"{row_accepted} accepted")
    return ", ".join(parts) or "none"


# -- the guide's annex ------------------------------------------------------------------------


def annex_items(cmp: Comparison, limit: int = 12) -> list[str]:
    """What the other areas have or do that the first map does not, for its guide."""
    own = cmp.areas[0]
    said: list[str] = []
    for body in cmp.matching.bodies:
        if body.group not in ("statutory", "common") or body.ids.get(own.index):
            continue
        for area in cmp.areas[1:]:
            if body.ids.get(area.index):
                label = lower_first(body.label)
                names = full_names(area, body)
                called = f": {names}" if names.lower() != label.lower() else ""
                said.append(f"{area.label} has {_a(label)}{called}. This map has none.")
    for face in cmp.interfaces:
        if own.index not in face.facts:
            continue
        mine = face.facts[own.index]
        for area in cmp.areas[1:]:
            theirs = face.facts.get(area.index)
            if theirs and theirs - mine:
                said.append(
                    sentence(
                        f"In {area.label} {area_clause(cmp, face, area, False)}; "
                        f"here {area_clause(cmp, face, own, False)}"
                    )
                )
    return said[:limit]


ANNEX_HEADING = "How other areas do it"
ANNEX_INTRO = (
    "What the maps of {others} show that this map does not. The boardmap compare "
    "command sets the maps side by side in full."
)
ANNEX_NONE = "The maps of {others} show nothing that this map lacks."

PRESENCE_NOTE = (
    "What each map shows: a map may leave out bodies outside its subject, so "
    "'does not' means that body is not in that area's map."
)
