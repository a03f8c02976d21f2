"""The comparison in plain words: every sentence `boardmap compare` and the guide's "How
other areas do it" annex print comes from here, built on boardmap.say (names, dates,
lists). Kept in one module so that it can move into the wording package whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from boardmap.model import Board
from boardmap.say.grammar import a as _a
from boardmap.say.grammar import join as join_names
from boardmap.say.grammar import long_date, sentence
from boardmap.say.names import running_name, the
from boardmap.say.vocab import LINK_LABELS, ROLE_NAMES

if TYPE_CHECKING:
    from boardmap.compare.records import (
        AgreementRow,
        Area,
        Body,
        Comparison,
        Interface,
        Matching,
        OneSided,
        Route,
    )

# What the comparison calls a body matched by its statutory role: the wording package's
# names, capitalised for a table's first column, and two families that span a change in the
# law (an LSCB and a partnership; a CCG and an ICB).
ROLE_LABELS: dict[str, str] = {
    **{role: name[0].upper() + name[1:] for role, name in ROLE_NAMES.items()},
    "children-safeguarding": "Safeguarding children board or partnership",
    "nhs-commissioner": "NHS commissioner (clinical commissioning group or integrated care board)",
}
COMMON_LABELS: dict[str, str] = {
    "integrated-care-partnership": "Integrated Care Partnership",
    "childrens-trust": "Children's Trust",
    "improvement-board": "Improvement Board",
    "executive-group": "Executive group",
    "corporate-parenting": "Corporate Parenting Board",
    "mash": "Multi-Agency Safeguarding Hub",
}
HOW: dict[str, str] = {
    "statutory role": "its statutory role",
    "name": "its name",
    "kind and name": "its kind and name",
    "mapping file": "the mapping file",
}
GROUP_HEADINGS: dict[str, str] = {
    "statutory": "Statutory bodies",
    "common": "Common bodies the law does not require",
    "other": "Other bodies found in more than one area",
}
ERAS: dict[str, str] = {
    "lscb": "a Local Safeguarding Children Board (the arrangement until 29 September 2019)",
    "safeguarding-partnership": "a safeguarding children partnership (the arrangement from "
    "29 September 2019)",
    "ccg": "a clinical commissioning group (until 30 June 2022)",
    "icb": "an integrated care board (from 1 July 2022)",
}
LAW_CHANGES: dict[str, str] = {
    "sab": "Safeguarding Adults Boards became statutory (1 April 2015)",
    "partnerships": "safeguarding children partnerships replaced Local Safeguarding Children "
    "Boards (29 September 2019)",
    "icbs": "integrated care boards replaced clinical commissioning groups (1 July 2022)",
}

# What one body does towards another: (singular, plural) with the other body named ({b}),
# then the same with the other as a pronoun ({b} is 'it' or 'them'), then after "does not".
_DOES: dict[str, tuple[str, str]] = {
    "sub-group-of": ("is a sub-group of {b}", "are sub-groups of {b}"),
    "reports-to": ("reports to {b}", "report to {b}"),
    "challenges": ("holds {b} to account", "hold {b} to account"),
    "annual-report": ("sends {b} its annual report", "send {b} their annual reports"),
    "informs": ("keeps {b} informed", "keep {b} informed"),
    "consults": ("consults {b}", "consult {b}"),
    "escalates-to": ("takes concerns it cannot resolve to {b}", "take concerns they cannot resolve to {b}"),
    "attends": ("attends meetings of {b}", "attend meetings of {b}"),
}
_DOES_PRONOUN: dict[str, tuple[str, str]] = {
    **_DOES,
    "attends": ("attends {s} meetings", "attend {s} meetings"),
}
# After "does not" / "do not" (sub-group-of is said on its own: "is not a sub-group of it").
_BARE: dict[str, tuple[str, str]] = {
    "reports-to": ("report to {b}", "report to {b}"),
    "challenges": ("hold {b} to account", "hold {b} to account"),
    "annual-report": ("send {b} its annual report", "send {b} their annual reports"),
    "informs": ("keep {b} informed", "keep {b} informed"),
    "consults": ("consult {b}", "consult {b}"),
    "escalates-to": ("take concerns to {b}", "take concerns to {b}"),
    "attends": ("attend {s} meetings", "attend {s} meetings"),
}
FACT_LABELS: dict[str, str] = {**LINK_LABELS, "annual-report": "sends its annual report"}
NO_LINK = "there is no link between them"


# -- names ----------------------------------------------------------------------------------


def body_label(key: str, board: Board, area: str) -> str:
    """What the comparison calls a matched body."""
    kind, _, rest = key.partition(":")
    if kind == "role":
        return ROLE_LABELS.get(rest, board.name)
    if kind == "common":
        return COMMON_LABELS.get(rest, board.name)
    return running_name(board, area)


def areas_list(names: Sequence[str]) -> str:
    """'A and B'; 'A, B and C'; with semicolons where a name has its own 'and' and there are
    more than two ('Blaby and Hinckley & Bosworth; Dorset; and Hillingdon')."""
    names = list(names)
    if len(names) > 2 and any(" and " in n for n in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    return join_names(names)


def _lower_first(label: str) -> str:
    """'Executive group' -> 'executive group' (a generic name); proper names ('Health and
    Wellbeing Board') and acronyms ('NHS commissioner') stay as they are."""
    first, *rest = label.split(" ")
    generic = rest and all(not w[:1].isupper() for w in rest if w[:1].isalpha())
    if generic and not first.isupper():
        return label[0].lower() + label[1:]
    return label


def names_in(area: Area, body: Body, only: frozenset[str] | None = None) -> tuple[str, bool]:
    """The body as the area's map names it inside a sentence, and whether that is plural:
    'the Safeguarding Children Board' (Islington's, without 'Islington'). With `only`, just
    those of its boards."""
    ids = [i for i in body.ids.get(area.index, []) if not only or i in only]
    boards = [area.gmap.board(i) for i in ids]
    named = [the(b.model_copy(update={"name": running_name(b, area.gmap.area)})) for b in boards]
    return join_names(named), len(named) > 1


def full_names(area: Area, body: Body) -> str:
    return join_names([area.gmap.board(i).name for i in body.ids.get(area.index, [])])


# -- the dates ------------------------------------------------------------------------------


def _on(area: Area) -> str:
    """'Islington on 10 October 2013'; just the label where it already gives the date."""
    day = long_date(area.gmap.as_of)
    return area.label if day in area.label else f"{area.label} on {day}"


def dates_note(cmp: Comparison) -> list[str]:
    areas = cmp.areas
    if cmp.as_of is not None:
        return [f"Every map is seen as it stands on {long_date(cmp.as_of)} (--as-of)."]
    if not cmp.different_dates:
        return [f"Every map describes {long_date(areas[0].gmap.as_of)}."]
    said = [f"These maps describe different dates: {areas_list([_on(a) for a in areas])}."]
    if cmp.law_changes:
        changes = join_names([LAW_CHANGES[c] for c in cmp.law_changes])
        said.append(
            f"Between those dates {changes}, so some differences below come from the "
            "law, not from local choices. To see every map on one date, add --as-of DATE."
        )
    return said


# -- which bodies each area has -----------------------------------------------------------


def _units(cmp: Comparison) -> str:
    """'areas', or 'maps' where one area is compared on two dates."""
    names = [a.gmap.area for a in cmp.areas]
    return "maps" if len(set(names)) < len(names) else "areas"


def presence(cmp: Comparison, body: Body) -> str:
    have = [a.label for a in cmp.areas if body.ids.get(a.index)]
    lack = [a.label for a in cmp.areas if not body.ids.get(a.index)]
    label = _lower_first(body.label)
    if not lack:
        every = f"Both {_units(cmp)} have" if len(cmp.areas) == 2 else f"Every {_units(cmp)[:-1]} has"
        return f"{every} {_a(label)}."
    verb = "has" if len(have) == 1 else "have"
    does = "does" if len(lack) == 1 else "do"
    return f"{areas_list(have)} {verb} {_a(label)}; {areas_list(lack)} {does} not."


def matched_by(body: Body, index: int) -> str:
    how = body.how.get(index, "")
    if how == "statutory role" and body.role:
        return f"statutory role ({body.role})"
    return how


def era_notes(cmp: Comparison) -> list[str]:
    """Bodies matched across a change in the law: an LSCB with a partnership, a CCG with an ICB."""
    said: list[str] = []
    for body in cmp.matching.bodies:
        if body.role not in ("children-safeguarding", "nhs-commissioner"):
            continue
        kinds: dict[str, list[str]] = {}
        for area in cmp.areas:
            for board_id in body.ids.get(area.index, []):
                role = area.gmap.board(board_id).statutory_role or ""
                kinds.setdefault(role, []).append(area.label)
        if len(kinds) > 1:
            parts = [
                f"in {areas_list(sorted(set(labels), key=labels.index))} it is {ERAS[role]}"
                for role, labels in kinds.items()
                if role in ERAS
            ]
            said.append(
                sentence(
                    f"The {_lower_first(body.label)} is matched across a change in "
                    f"the law: {'; '.join(parts)}"
                )
            )
    return said


def nothing_in_common(areas: Sequence[Area], matching: Matching) -> str:
    shown = []
    for area in areas:
        own = [b.label for b in matching.bodies if b.ids.get(area.index)]
        shown.append(
            f"{area.label} ({area.path}) has {join_names(own[:4]) or 'no boards'}"
            + (" and others" if len(own) > 4 else "")
        )
    return (
        "these maps have no body in common, so there is nothing to set side by side: "
        + "; ".join(shown)
        + ". If two of these are the same body under different names, "
        "say so in a mapping file (--mapping FILE; see docs/compare.md)"
    )


# -- interfaces -----------------------------------------------------------------------------


def _does(facts: Sequence[str], other: str, plural: bool, other_plural: bool, negative: bool = False) -> str:
    """'holds the Board to account, sends it its annual report and attends its meetings';
    negative: 'does not hold it to account or attend its meetings'."""
    pronoun, possessive = ("them", "their") if other_plural else ("it", "its")
    number = 1 if plural else 0
    if negative:
        said = []
        if "sub-group-of" in facts:
            said.append(("are not sub-groups of " if plural else "is not a sub-group of ") + pronoun)
        bare = [_BARE[f][number].format(b=pronoun, s=possessive) for f in facts if f in _BARE]
        if bare:
            said.append(("do not " if plural else "does not ") + _or(bare))
        return " and ".join(said)
    phrases = [
        (_DOES if n == 0 else _DOES_PRONOUN)[f][number].format(b=other if n == 0 else pronoun, s=possessive)
        for n, f in enumerate(facts)
    ]
    return join_names(phrases)


def _or(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]


def area_clause(cmp: Comparison, face: Interface, area: Area, with_missing: bool = True) -> str:
    """What one area's map shows between the two bodies of an interface, after 'In <area>'."""
    facts = face.facts.get(area.index, frozenset())
    ends = face.joined.get(area.index)
    first, first_plural = names_in(area, face.first, ends[0] if ends else None)
    second, second_plural = names_in(area, face.second, ends[1] if ends else None)
    others = [fs for i, fs in face.facts.items() if i != area.index] if with_missing else []
    parts: list[str] = []
    for forward, (subject, plural, obj, obj_plural) in (
        (True, (first, first_plural, second, second_plural)),
        (False, (second, second_plural, first, first_plural)),
    ):
        has = [f for f in _FACT_ORDER if (forward, f) in facts]
        if not has:
            continue
        missing = [
            f for f in _FACT_ORDER if (forward, f) not in facts and any((forward, f) in fs for fs in others)
        ]
        said = f"{subject} {_does(has, obj, plural, obj_plural)}"
        if missing:
            said += f" but {_does(missing, obj, plural, obj_plural, negative=True)}"
        parts.append(said)
    return " and ".join(parts) if parts else NO_LINK


_FACT_ORDER: tuple[str, ...] = (
    "sub-group-of",
    "reports-to",
    "challenges",
    "annual-report",
    "informs",
    "consults",
    "escalates-to",
    "attends",
)


def interface_sentence(cmp: Comparison, face: Interface) -> str:
    """'In Islington the Safeguarding Children Board holds the Health and Wellbeing Board to
    account and sends it its annual report; in Medway there is no link between them.'"""
    shown = [a for a in cmp.areas if a.index in face.facts]
    # Areas with links first, each on its own; then those with none, together, so that
    # 'there is no link between them' comes after the two bodies are named.
    linked = [f"in {a.label} {area_clause(cmp, face, a)}" for a in shown if face.facts[a.index]]
    unlinked = [a.label for a in shown if not face.facts[a.index]]
    if unlinked:
        linked.append(f"in {areas_list(unlinked)} {NO_LINK}")
    return sentence("; ".join(linked))


def one_sided_sentence(cmp: Comparison, item: OneSided) -> str:
    """'In Hillingdon the Safeguarding Adults Board reports to the Executive Leadership Group;
    Dorset has no executive group in its map.'"""
    said = [
        f"in {cmp.areas[i].label} {area_clause(cmp, item.face, cmp.areas[i], False)}" for i in item.face.facts
    ]
    lacking = [cmp.areas[i].label for i in item.lacking]
    verb = "has" if len(lacking) == 1 else "have"
    said.append(
        f"{areas_list(lacking)} {verb} no {_lower_first(item.missing.label)} in "
        f"{'its map' if len(lacking) == 1 else 'their maps'}"
    )
    return sentence("; ".join(said))


def same_everywhere(cmp: Comparison, face: Interface) -> str:
    facts = next(iter(face.facts.values()))
    areas = [a.label for a in cmp.areas if a.index in face.facts]
    every = f"both {_units(cmp)}" if len(areas) == 2 and len(cmp.areas) == 2 else areas_list(areas)
    first = f"the {_lower_first(face.first.label)}"
    second = f"the {_lower_first(face.second.label)}"
    parts = []
    forward = [f for f in _FACT_ORDER if (True, f) in facts]
    back = [f for f in _FACT_ORDER if (False, f) in facts]
    if forward:
        parts.append(f"{first} {_does(forward, second, False, False)}")
    if back:
        parts.append(f"{second} {_does(back, first, False, False)}")
    return sentence(f"In {every} {' and '.join(parts)}")


def facts_cell(face: Interface, index: int) -> str:
    """An area's facts as a table cell: 'A → B: holds to account, sends its annual report'."""
    facts = face.facts.get(index)
    if facts is None:
        return "not both in this map"
    parts = []
    for forward, (a, b) in (
        (True, (face.first.label, face.second.label)),
        (False, (face.second.label, face.first.label)),
    ):
        has = [FACT_LABELS[f] for f in _FACT_ORDER if (forward, f) in facts]
        if has:
            parts.append(f"{a} → {b}: {', '.join(has)}")
    return "; ".join(parts) if parts else "no link"


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
    between = join_names([f"the {_lower_first(bodies[k].label)}" for k in key]) if key else "bodies"
    said = []
    for area in cmp.areas:
        own = [r for r in routes if r.area == area.index]
        for route in own:
            steps = f"{route.steps} step{'s' if route.steps != 1 else ''}"
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


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def findings_summary(area: Area) -> str:
    result = area.result
    counts = [
        (result.count("error"), "error"),
        (result.count("warning"), "warning"),
        (result.count("info"), "note"),
    ]
    said = [_count(n, w) for n, w in counts if n]
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
                label = _lower_first(body.label)
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
