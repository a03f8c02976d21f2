"""The comparison in plain words: every sentence `boardmap compare` and the guide's "How
other areas do it" annex print comes from here, built on boardmap.say (names, dates,
lists). Kept in one module so that it can move into the wording package whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from boardmap.compare.records import FACTS, ROLE_FAMILIES
from boardmap.model import Board
from boardmap.say.grammar import a as _a
from boardmap.say.grammar import agree, its, long_date, sentence
from boardmap.say.grammar import join as join_names
from boardmap.say.grammar import plural as plural_of
from boardmap.say.names import running_name, the
from boardmap.say.vocab import LINK_LABELS, ROLE_NAMES

if TYPE_CHECKING:
    from boardmap.compare.records import (
        Area,
        Body,
        Comparison,
        Interface,
        Matching,
        OneSided,
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


def lower_first(label: str) -> str:
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
    label = lower_first(body.label)
    if not lack:
        every = f"Both {_units(cmp)} have" if len(cmp.areas) == 2 else f"Every {_units(cmp)[:-1]} has"
        return f"{every} {_a(label)}."
    verb = agree("has", len(have))
    does = agree("does", len(lack))
    return f"{areas_list(have)} {verb} {_a(label)}; {areas_list(lack)} {does} not."


def matched_by(body: Body, index: int) -> str:
    how = body.how.get(index, "")
    if how == "statutory role" and body.role:
        # A family of roles ('children-safeguarding') is said as the values a map writes.
        roles = [role for role, family in ROLE_FAMILIES.items() if family == body.role] or [body.role]
        return f"statutory role ({' or '.join(roles)})"
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
                    f"The {lower_first(body.label)} is matched across a change in the law: {'; '.join(parts)}"
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
    return join_names(phrases, "or")


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
        has = [f for f in FACTS if (forward, f) in facts]
        if not has:
            continue
        missing = [f for f in FACTS if (forward, f) not in facts and any((forward, f) in fs for fs in others)]
        said = f"{subject} {_does(has, obj, plural, obj_plural)}"
        if missing:
            said += f" but {_does(missing, obj, plural, obj_plural, negative=True)}"
        parts.append(said)
    return " and ".join(parts) if parts else NO_LINK


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
    verb = agree("has", len(lacking))
    said.append(
        f"{areas_list(lacking)} {verb} no {lower_first(item.missing.label)} in "
        f"{its(len(lacking))} {plural_of('map', len(lacking))}"
    )
    return sentence("; ".join(said))


def same_everywhere(cmp: Comparison, face: Interface) -> str:
    facts = next(iter(face.facts.values()))
    areas = [a.label for a in cmp.areas if a.index in face.facts]
    every = f"both {_units(cmp)}" if len(areas) == 2 and len(cmp.areas) == 2 else areas_list(areas)
    first = f"the {lower_first(face.first.label)}"
    second = f"the {lower_first(face.second.label)}"
    parts = []
    forward = [f for f in FACTS if (True, f) in facts]
    back = [f for f in FACTS if (False, f) in facts]
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
        has = [FACT_LABELS[f] for f in FACTS if (forward, f) in facts]
        if has:
            parts.append(f"{a} → {b}: {', '.join(has)}")
    return "; ".join(parts) if parts else "no link"
