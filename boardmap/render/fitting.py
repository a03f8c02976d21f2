"""Folding a large view until it can be read: bodies grouped into boxes with counts
(boardmap.render.fold), their lines merged and counted, rows staggered, and the note and
description that say what was folded."""

from __future__ import annotations

from dataclasses import dataclass, replace

from boardmap.model import Board, GovernanceMap, Link, Theme
from boardmap.outputs import safe_name
from boardmap.render import fold as folding
from boardmap.render.fold import MAX_OVERVIEW_LINES, MAX_OVERVIEW_NODES
from boardmap.render.viewdata import LINES_PER_BOX, STAGGER_ABOVE, Edge, Node, View
from boardmap.render.viewparts import (
    _by_id,
    _clauses,
    _theme_node,
    board_node,
    has_area_views,
    merge_parallel,
    overview_boards,
)
from boardmap.say.diagrams import (
    APART_FOLDED,
    DIAGRAM_DESCRIPTIONS,
    DIAGRAM_LABELS,
    FOLD_EXTRA_NOTES,
    FOLD_EXTRA_SHORT,
    FOLD_HEAD,
    FOLD_MORE,
    FOLD_MORE_AREAS,
    FOLDED,
    FOLDED_BODIES,
    FOLDED_LINE,
    FOLDED_MIXED,
    FOLDED_THEMES,
    FOLDED_UNLED,
)
from boardmap.say.grammar import agree, join, plural
from boardmap.say.grammar import count as counted
from boardmap.say.vocab import LINK_LABELS


def _fitted_view(
    gmap: GovernanceMap,
    name: str,
    kind: str,
    title: tuple[str, str],
    description: str,
    fitted: _Fitted,
    direction: str = "BT",
) -> View:
    return View(
        name,
        kind,
        *title,
        description,
        tuple(fitted.nodes),
        tuple(fitted.edges),
        direction=direction,
        note=_fold_note(gmap, fitted) if fitted.folded else None,
        apart_label=None if fitted.unlinked else APART_FOLDED,
    )


# -- folding a large view ------------------------------------------------------------------


@dataclass(frozen=True)
class _Fitted:
    """A view folded to fit: the fold kept, its boxes and lines, what else it drew as one
    box (keys of FOLD_EXTRA_NOTES), how many links join bodies inside one box, and
    whether the boxes drawn apart (those no line joins to another) have no links at all."""

    fold: folding.Fold
    nodes: list[Node]
    edges: list[Edge]
    extras: tuple[str, ...]
    inside: int
    unlinked: bool

    @property
    def folded(self) -> bool:
        return bool(self.fold.what or self.extras)


def _fit(
    gmap: GovernanceMap,
    boards: list[Board],
    edges: list[Edge],
    *,
    every: list[Board] | None = None,
    links: list[Link] | None = None,
    by_area: bool = True,
    fixed: dict[str, folding.Home] | None = None,
    unfolded: bool = False,
    themed: bool = False,
    first: bool = False,
) -> _Fitted:
    """The first fold (boardmap.render.fold) of `boards` that draws few enough boxes and
    lines: with a line for each type of link between two boxes, else one line for all of
    them. Where none does, the heaviest fold; with `first`, the first fold, whatever it
    draws. `themed`: the map's shared priorities are drawn too, those led from one box as
    one box. Boxes that no line joins to another are drawn apart, in rows."""
    last: tuple[folding.Fold, dict[str, str], list[Node]] | None = None
    for fold in folding.folds(
        gmap, boards, every=every, links=links, by_area=by_area, fixed=fixed, unfolded=unfolded
    ):
        into, extra = _fold_themes(gmap, fold.into) if themed else (fold.into, [])
        last = fold, into, extra
        if first:
            return _fitted(gmap, fold, into, extra, _folded_edges(edges, into), edges)
        boxes = len(fold.inside) + len(extra)
        if boxes > MAX_OVERVIEW_NODES:
            continue
        # How many lines each way would draw, counted before any line is made.
        typed, pairs = _line_counts(edges, into)
        if typed <= min(MAX_OVERVIEW_LINES, LINES_PER_BOX * boxes):
            return _fitted(gmap, fold, into, extra, _folded_edges(edges, into), edges)
        if pairs <= MAX_OVERVIEW_LINES:
            return _fitted(gmap, fold, into, extra, _mixed_edges(_folded_edges(edges, into)), edges)
    assert last is not None  # folds() yields at least one
    fold, into, extra = last
    return _fitted(gmap, fold, into, extra, _mixed_edges(_folded_edges(edges, into)), edges)


def _line_counts(edges: list[Edge], into: dict[str, str]) -> tuple[int, int]:
    """How many lines _folded_edges would draw, and how many _mixed_edges would."""
    typed: set[tuple[str, str, str]] = set()
    for edge in edges:
        tail, head = into.get(edge.tail), into.get(edge.head)
        if tail is not None and head is not None and tail != head:
            typed.add((tail, head, edge.type))
    return len(typed), len({(tail, head) for tail, head, _ in typed})


def _fitted(
    gmap: GovernanceMap,
    fold: folding.Fold,
    into: dict[str, str],
    extra: list[Node],
    lines: list[Edge],
    edges: list[Edge],
) -> _Fitted:
    nodes: list[Node] = []
    by_id = _by_id(gmap)
    area_views = any(group.area for group in fold.groups.values()) and has_area_views(gmap)
    for box, inside in fold.inside.items():
        group = fold.groups.get(box)
        if group is None:
            kinds = [by_id[b].kind for b in inside]
            note = FOLDED.format(things=folding.things(kinds)) if kinds else None
            nodes.append(board_node(gmap, by_id[box], note=note))
        else:
            node = _group_node(gmap, group)
            if group.area and area_views:  # an area's box opens the area's own diagram
                node = replace(node, link=f"{safe_name('area-' + group.area)}.svg")
            nodes.append(node)
    nodes += extra
    touched = {e.tail for e in lines} | {e.head for e in lines}
    # A box joined to no other is drawn in the rows of those apart, not on the top rank.
    nodes = [node if node.id in touched else replace(node, apart=True, top=False) for node in nodes]
    linked = {e.tail for e in edges} | {e.head for e in edges}
    unlinked = not any(
        node.id in linked or any(b in linked for b in fold.inside.get(node.id, ()))
        for node in nodes
        if node.apart
    )
    lines = _stagger(nodes, lines)
    drawable = sum(1 for e in edges if e.tail in into and e.head in into)
    extras = (
        ("themes",)
        if any(node.kind == "theme" and node.board is None and node.id.startswith("fold_") for node in extra)
        else ()
    ) + (("elsewhere",) if any(g.key == "elsewhere" for g in fold.groups.values()) else ())
    return _Fitted(fold, nodes, lines, extras, drawable - sum(line.count for line in lines), unlinked)


def _fold_themes(gmap: GovernanceMap, into: dict[str, str]) -> tuple[dict[str, str], list[Node]]:
    """The map's shared priorities beside a fold's boxes: each in the box of its lead (else
    of its first supporter drawn); several in one box drawn as one box that counts them."""
    homes: dict[str, list[Theme]] = {}
    for theme in gmap.themes:
        ends = [b for b in (theme.lead, *theme.supports) if b is not None and b in into]
        homes.setdefault(into[ends[0]] if ends else "", []).append(theme)
    into = dict(into)
    nodes: list[Node] = []
    for together in homes.values():
        if len(together) == 1:
            nodes.append(_theme_node(together[0]))
            into[nodes[-1].id] = nodes[-1].id
            continue
        node_id = f"fold_themes_{len(nodes) + 1}"  # an underscore: no theme id has one
        unled = sum(1 for theme in together if theme.lead is None)
        nodes.append(
            Node(
                node_id,
                FOLDED_THEMES.format(count=len(together)),
                "theme",
                note=FOLDED_UNLED.format(count=unled) if unled else None,
                tooltip=_clauses([theme.name for theme in together]),
                gap=unled > 0,
            )
        )
        into.update((f"theme-{theme.id}", node_id) for theme in together)
    return into, nodes


def _fold_note(gmap: GovernanceMap, fitted: _Fitted) -> str:
    """The note under a folded view's title: what was folded, and where to see the rest."""
    parts = [part for part in (fitted.fold.what,) if part]
    parts += [FOLD_EXTRA_NOTES[key] for key in fitted.extras]
    text = "; ".join(parts)
    if not fitted.fold.what:
        text = FOLD_HEAD + text
    more = FOLD_MORE_AREAS if has_area_views(gmap) else FOLD_MORE
    return f"{text}. {more}."


def _fold_short(fitted: _Fitted) -> str:
    """What was folded, as a folded view's description says it."""
    parts = [part for part in (fitted.fold.short,) if part]
    return "; ".join(parts + [FOLD_EXTRA_SHORT[key] for key in fitted.extras])


def _group_node(gmap: GovernanceMap, group: folding.Group) -> Node:
    """A box for several bodies: no board of its own to link to; its tooltip counts every
    kind of body inside it."""
    members = [_by_id(gmap)[b] for b in group.members]
    every_kind = folding.things((b.kind for b in members), named=None)
    tooltip = f"{group.text}: {FOLDED_BODIES.format(count=len(members), things=every_kind)}"
    return Node(id=group.id, text=group.text, kind="folded", note=group.note, tooltip=tooltip)


def _folded_edges(edges: list[Edge], into: dict[str, str]) -> list[Edge]:
    """Lines moved to the boxes their ends are drawn in; lines inside one box dropped. One
    line for each type between two boxes: where all its links join the two boards it joins,
    it lists what they say (merge_parallel); where it stands for links of bodies folded into
    a box, its label counts them."""
    groups: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in edges:
        tail, head = into.get(edge.tail), into.get(edge.head)
        if tail is not None and head is not None and tail != head:
            groups.setdefault((tail, head, edge.type), []).append(edge)
    kept: list[Edge] = []
    for (tail, head, kind), group in groups.items():
        if len(group) == 1 or all(e.tail == tail and e.head == head for e in group):
            kept += [replace(e, tail=tail, head=head, count=len(group)) for e in merge_parallel(group)]
        else:
            kept.append(
                replace(
                    group[0], tail=tail, head=head, also=(), count=len(group), text=_counted(kind, len(group))
                )
            )
    return kept


def _phrase(kind: str) -> str:
    return LINK_LABELS.get(kind) or DIAGRAM_LABELS[kind]


def _counted(kind: str, count: int) -> str:
    """'keeps informed (12 links)'."""
    return FOLDED_LINE.format(phrase=_phrase(kind), links=counted(count, "link"))


def _mixed_edges(lines: list[Edge]) -> list[Edge]:
    """One line from one box to another for lines of several types: its label counts the
    links, its tooltip says how many of each type."""
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for line in lines:
        pairs.setdefault((line.tail, line.head), []).append(line)
    kept: list[Edge] = []
    for (tail, head), group in pairs.items():
        if len(group) == 1:
            kept += group
            continue
        count = sum(line.count for line in group)
        tooltip = "; ".join(
            _counted(line.type, line.count) for line in sorted(group, key=lambda line: -line.count)
        )
        kept.append(
            Edge(
                tail,
                head,
                "links",
                FOLDED_MIXED.format(count=count, kinds=len(group)),
                ranked=any(line.ranked for line in group),
                count=count,
                tooltip=tooltip,
            )
        )
    return kept


def _stagger(nodes: list[Node], lines: list[Edge]) -> list[Edge]:
    """Boxes at the foot of the chart, when there are many, spread over a few rows (longer
    ranked lines for every other one), so the picture is not one very wide row."""
    heads = {line.head if not line.flip else line.tail for line in lines if line.ranked}
    tails = {line.tail if not line.flip else line.head for line in lines if line.ranked}
    feet = [node.id for node in nodes if node.id in tails and node.id not in heads]
    if len(feet) <= STAGGER_ABOVE:
        return lines
    rows = -(-len(feet) // STAGGER_ABOVE)
    length = {box: 1 + n % rows for n, box in enumerate(feet)}
    return [
        replace(line, length=length[foot])
        if line.ranked and (foot := line.head if line.flip else line.tail) in length
        else line
        for line in lines
    ]


def _fitted_lines(fitted: _Fitted) -> str:
    return _lines_text(fitted.nodes, fitted.edges, fitted.inside, unlinked=fitted.unlinked)


def _lines_text(
    nodes: list[Node],
    edges: list[Edge],
    inside: int = 0,
    *,
    unlinked: bool = True,
    related: str | None = None,
) -> str:
    """'12 lines, of which 8 “reports to” lines and 4 “keeps informed” lines; 2 of them are linked to
    no other body', and for a folded view how many links are inside boxes (`unlinked`:
    whether the boxes drawn apart have no links at all, or only links inside them;
    `related`: the ways the `related` boxes are related to others)."""
    d = DIAGRAM_DESCRIPTIONS
    counts: dict[str, int] = {}
    for edge in edges:
        phrase = _phrase(edge.type)
        counts[phrase] = counts.get(phrase, 0) + 1
    if edges:
        # '8 “reports to” lines': the label in quotes, then what it counts, so that a label
        # ending on 'to' does not end the sentence.
        kinds = join(
            [
                f"{n} “{text}” {plural('line', n)}"
                for text, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            ]
        )
        lines = d["overview-lines"].format(lines=counted(len(edges), "line"), kinds=kinds)
    else:
        lines = d["overview-no-lines"]
    alone = sum(1 for node in nodes if node.apart and not node.related)
    if alone and edges:
        lines += "; " + d["overview-isolated" if unlinked else "folded-apart"].format(
            count=alone, is_=agree("is", alone)
        )
    others = sum(1 for node in nodes if node.related)
    if others and related:
        lines += "; " + d["overview-related"].format(count=others, is_=agree("is", others), ways=related)
    if inside > 0 and not edges:
        return d["folded-all-inside"].format(links=counted(inside, "link", grouped=True))
    if inside > 0:
        lines += "; " + d["folded-inside"].format(links=counted(inside, "more link", grouped=True))
    return lines


def _fit_typed(gmap: GovernanceMap, nodes: list[Node], edges: list[Edge], *, themed: bool = False) -> _Fitted:
    """A view of one kind of line, folded as the overview is (the same boxes for the same
    areas); its bodies fold into those above them in the whole map."""
    by_id = _by_id(gmap)
    boards = [by_id[node.id] for node in nodes if node.board is not None]
    return _fit(gmap, boards, edges, every=overview_boards(gmap), themed=themed)
