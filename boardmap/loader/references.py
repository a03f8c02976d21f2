"""The problems that need a whole map: duplicate and unknown ids, dates out of order, an
accepted entry or agreement naming nothing, two names drawn into one file, unknown packs.

Each is placed at its file, line and column through the map's side table (`Files`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardmap import messages
from boardmap.errors import Problem
from boardmap.model import (
    ID_PATTERN,
    Accepted,
    Agreement,
    Board,
    Escalation,
    GovernanceMap,
    Link,
    MapFile,
    Theme,
    _Located,
)
from boardmap.origins import Origins
from boardmap.outputs import safe_name
from boardmap.source import Source
from boardmap.suggest import Suggester


class _Declared:
    """'Did you mean' over the ids a map declares (boardmap.suggest), made at the first
    question: a clean map asks none, and sorting a national map's 10,000 ids for it cost
    3 ms."""

    def __init__(self, ids: set[str]) -> None:
        self._ids = ids
        self._suggester: Suggester | None = None

    def closest(self, value: str) -> str | None:
        if self._suggester is None:
            self._suggester = Suggester(sorted(self._ids))
        return self._suggester.closest(value)


@dataclass(frozen=True)
class Files:
    """The parsed files of a map, by name, and where each item of theirs was declared."""

    by_name: Mapping[str, Source]
    origins: Origins


def _where(item: _Located, files: Files, *path: str | int, key: bool = False) -> tuple[str, int, int]:
    origin = files.origins.get(item)
    assert origin is not None
    file, base = origin
    line, column = files.by_name[file].position(base + path, key=key)
    return file, line, column


def reference_problems(gmap: GovernanceMap, files: Files) -> Iterator[Problem]:
    """Duplicate ids, unknown ids, impossible dates: everything that needs the whole map."""
    ids: dict[str, Board] = {b.id: b for b in gmap.boards}
    unvalidated = any(s.unvalidated_ids for s in files.by_name.values())
    # Every board declared, valid or not, in file order: (id, file, index in `boards`);
    # none to look at where every board is valid and no two share an id (nearly every map:
    # placing a national map's 10,000 boards to find no duplicate cost 10 ms).
    rank: dict[str, int] = {}
    for number, name in enumerate(gmap.sources):
        rank.setdefault(name, number)  # a file's first place, as list.index gives it
    declarations = (
        sorted(
            [(o[0], o[1][1], b.id) for b in gmap.boards if (o := files.origins.get(b)) is not None]
            + [
                (s.file, i, board_id)
                for s in files.by_name.values()
                for i, board_id in s.unvalidated_ids.items()
            ],
            key=lambda d: (rank.get(d[0], 0), d[1]),
        )
        if unvalidated or len(ids) < len(gmap.boards)
        else []
    )
    first_seen: dict[str, tuple[str, int]] = {}
    for file, index, board_id in declarations:
        if board_id in first_seen:
            first_file, first_index = first_seen[board_id]
            line = files.by_name[first_file].position(("boards", first_index, "id"))[0]
            yield Problem(
                file,
                *files.by_name[file].position(("boards", index, "id")),
                "duplicate-id",
                messages.duplicate("board", board_id, (first_file, line, 1)),
            )
        else:
            first_seen[board_id] = (file, int(index))
    for kind, items in (
        ("escalation route", gmap.escalations),
        ("theme", gmap.themes),
        ("agreement", gmap.agreements),
    ):
        seen: dict[str, _Located] = {}
        for item in items:
            item_id: str = item.id
            if item_id in seen:
                first = _where(seen[item_id], files, "id")
                yield Problem(
                    *_where(item, files, "id"), "duplicate-id", messages.duplicate(kind, item_id, first)
                )
            seen.setdefault(item_id, item)

    # A board that failed validation still counts as declared (also under its id in lower
    # case), so one mistake is not echoed as "unknown board" wherever the board is named.
    declared = set(ids).union(
        *({i, i.lower()} for s in files.by_name.values() for i in s.unvalidated_ids.values())
    )
    known = _Declared(declared)  # 'did you mean', at a bounded cost

    def unknown(item: _Located, value: str, *path: str | int) -> Iterator[Problem]:
        if value not in declared:
            yield Problem(
                *_where(item, files, *path),
                "unknown-board",
                messages.unknown_board(value, _close(value, known)),
            )

    # The hot loops test before calling: a generator made for each of a national map's
    # 100,000 references cost a tenth of a second (issue 8).
    for board in gmap.boards:
        members = board.members
        if not declared.issuperset(members):  # one test for a board whose members are all known
            for i, member in enumerate(members):
                if member not in declared:
                    yield from unknown(board, member, "members", i)
        chair = board.chair  # `chairs` makes a list for each board: read the field once
        if chair is not None:
            for i, name in enumerate([chair] if isinstance(chair, str) else chair):
                if name not in declared and _looks_like_id(name, known):
                    yield from unknown(
                        board, name, *(("chair", i) if isinstance(chair, list) else ("chair",))
                    )
        if board.part_of is not None:
            if board.part_of == board.id:
                yield Problem(
                    *_where(board, files, "part_of"),
                    "schema",
                    f"'{board.id}' is named as part of itself; part_of names the "
                    "body this one belongs to (a committee's council)",
                )
            else:
                yield from unknown(board, board.part_of, "part_of")
        if board.tier is not None and board.kind != "organisation" and not board.top:
            yield Problem(
                *_where(board, files, "tier"), "schema", messages.tier_not_a_council(board.id, board.kind)
            )
        if board.until is not None:
            yield from _date_order(board, files)
    for link in gmap.links:
        source, target = link.from_, link.to  # each field read once (50,000 links)
        if source not in declared or target not in declared:
            yield from unknown(link, source, "from")
            yield from unknown(link, target, "to")
        if source == target:
            yield Problem(
                *_where(link, files, "to"),
                "schema",
                f"this link goes from '{target}' to itself; a link joins two boards",
            )
        if link.until is not None:
            yield from _date_order(link, files)
    dated: list[Escalation | Theme | Accepted] = [*gmap.escalations, *gmap.themes, *gmap.accepted]
    for dated_item in dated:
        if dated_item.until is not None:
            yield from _date_order(dated_item, files)
    # As above, a name is tested before `unknown` is called (6,000 at 10,000 boards).
    for route in gmap.escalations:
        for i, board_id in enumerate(route.between):
            if board_id not in declared:
                yield from unknown(route, board_id, "between", i)
        for s, step in enumerate(route.steps):
            for i, board_id in enumerate(step.involves):
                if board_id not in declared:
                    yield from unknown(route, board_id, "steps", s, "involves", i)
    for theme in gmap.themes:
        if theme.lead is not None and theme.lead not in declared:
            yield from unknown(theme, theme.lead, "lead")
        for i, board_id in enumerate(theme.supports):
            if board_id not in declared:
                yield from unknown(theme, board_id, "supports", i)
    for concern in gmap.concerns:
        if (
            concern.contact is not None
            and concern.contact not in declared
            and _looks_like_id(concern.contact, known)
        ):
            yield from unknown(concern, concern.contact, "contact")
    routes = {r.id for r in gmap.escalations}
    themes = {t.id for t in gmap.themes}
    for entry in gmap.accepted:
        yield from _accepted_problems(entry, files, declared, known, routes, themes)
    for agreement in gmap.agreements:
        yield from _agreement_problems(agreement, files, declared, known, gmap.as_of)


def _accepted_problems(
    entry: Accepted,
    files: Files,
    ids: set[str],
    known: _Declared,
    routes: set[str],
    themes: set[str],
) -> Iterator[Problem]:
    refs: list[tuple[str, tuple[str | int, ...]]] = []
    if entry.board is not None:
        refs.append((entry.board, ("board",)))
    for i, board_id in enumerate(entry.boards or []):
        refs.append((board_id, ("boards", i)))
    if entry.link is not None:
        refs += [(entry.link.from_, ("link", "from")), (entry.link.to, ("link", "to"))]
    for value, path in refs:
        if value not in ids:
            yield Problem(
                *_where(entry, files, *path),
                "unknown-board",
                messages.unknown_board(value, _close(value, known)),
            )
    if entry.route is not None and entry.route not in routes:
        yield Problem(
            *_where(entry, files, "route"),
            "schema",
            f"no escalation route has the id '{messages.clip(entry.route)}'",
        )
    if entry.theme is not None and entry.theme not in themes:
        yield Problem(
            *_where(entry, files, "theme"), "schema", f"no theme has the id '{messages.clip(entry.theme)}'"
        )


def _agreement_problems(
    agreement: Agreement, files: Files, ids: set[str], known: _Declared, today: dt.date
) -> Iterator[Problem]:
    """An agreement's boards, signatures, covered links and dates. A covered link or route
    the map no longer has is a finding (agreement-covers-missing), not an error."""

    def unknown(value: str, *path: str | int) -> Iterator[Problem]:
        if value not in ids:
            yield Problem(
                *_where(agreement, files, *path),
                "unknown-board",
                messages.unknown_board(value, _close(value, known)),
            )

    for i, board_id in enumerate(agreement.between):
        yield from unknown(board_id, "between", i)
    between = set(agreement.between)
    for i, signature in enumerate(agreement.agreed):
        if signature.by not in ids:
            yield from unknown(signature.by, "agreed", i, "by")
        elif signature.by not in between:
            yield Problem(
                *_where(agreement, files, "agreed", i, "by"),
                "schema",
                messages.signer_not_party(signature.by, agreement.between),
            )
        if signature.on > today:
            yield Problem(
                *_where(agreement, files, "agreed", i, "on"),
                "schema",
                messages.future_signature(signature.on, today),
            )
    if agreement.covers is not None:
        for i, ref in enumerate(agreement.covers.links):
            yield from unknown(ref.from_, "covers", "links", i, "from")
            yield from unknown(ref.to, "covers", "links", i, "to")
            if ref.from_ in ids and ref.to in ids and ref.from_ not in between and ref.to not in between:
                yield Problem(
                    *_where(agreement, files, "covers", "links", i),
                    "schema",
                    messages.cover_outside(ref.from_, ref.to, agreement.between),
                )
    if agreement.until is not None:
        yield from _date_order(agreement, files)


def name_problems(gmap: GovernanceMap, files: Files) -> Iterator[Problem]:
    """Two boards, routes or areas whose diagrams would share one file name (and one id in
    the guide): refused where the second is named. boardmap.outputs.safe_name keeps names
    apart that fold to one spelling, so this takes a name chosen to meet another's."""
    if all_plain(gmap):
        return  # every name is its own file name: two can meet only by being one name
    Named = tuple[str, Any, tuple[str | int, ...]]
    first: dict[str, Named] = {}  # file stem -> the first (name, item, path) to take it
    named: list[Named] = [
        *((f"board-{b.id}", b, ("id",)) for b in gmap.boards),
        *((f"escalation-{r.id}", r, ("id",)) for r in gmap.escalations),
        *((f"area-{area}", b, ("areas", i)) for b in gmap.boards for i, area in enumerate(b.areas)),
    ]

    def where(item: Any, path: tuple[str | int, ...]) -> tuple[str, int, int]:
        # Only for a clash: finding a place composes the whole file (PyYAML), which for a
        # clean map of 24,000 boards cost 550 MB and 20 s (bench/limit_memory.py).
        if files.origins.get(item) is None:
            return (gmap.sources[0] if gmap.sources else "<map>", 1, 1)
        return _where(item, files, *path)

    for name, item, path in named:
        stem = safe_name(name)
        seen = first.setdefault(stem, (name, item, path))
        if seen[0] != name:
            first_file, first_line, _ = where(seen[1], seen[2])
            yield Problem(
                *where(item, path),
                "duplicate-name",
                f"'{messages.clip(name)}' would be drawn into the same file as "
                f"'{messages.clip(seen[0])}' ({first_file}:{first_line}): {stem}.svg; "
                "rename one of them",
            )


# A name that is its own file name (boardmap.outputs.safe_name: a-z, 0-9 and inner hyphens,
# ending with a letter or digit, at most 120 characters) after its prefix: one pattern per
# prefix, for a whole list of names joined by newlines. No prefixed name is a Windows
# device name (those have no hyphen).
_PLAIN_AFTER = {
    prefix: re.compile(rf"(?:[a-z0-9-]{{0,{119 - len(prefix)}}}[a-z0-9]\n)*")
    for prefix in ("board-", "escalation-", "area-")
}


def all_plain(gmap: GovernanceMap) -> bool:
    """Whether every board's, route's and area's file name is the name itself (nearly every
    map), found by one regular expression over each kind's names joined: name_problems then
    has nothing to look for. Making and checking the 21,000 names of a national map one by
    one cost 16 ms."""
    kinds = (
        ("board-", [b.id for b in gmap.boards]),
        ("escalation-", [r.id for r in gmap.escalations]),
        ("area-", [area for b in gmap.boards for area in b.areas]),
    )
    return all(
        not names or _PLAIN_AFTER[prefix].fullmatch("\n".join(names) + "\n") for prefix, names in kinds
    )


# Where the rule packs' data files are (boardmap.checks.packs reads the same files).
PACK_DIR = Path(__file__).parent.parent / "checks" / "packs"


def pack_names() -> list[str]:
    """The rule packs boardmap ships: the names of the data files in boardmap/checks/packs/,
    read as files, so that loading a map does not import the checks."""
    return sorted(path.stem for path in PACK_DIR.glob("*.yaml"))


def pack_problems(files: list[tuple[Source, MapFile]]) -> Iterator[Problem]:
    """A rule pack named in `rules:` that boardmap does not have, at the `rules` of the file
    that names it."""
    packs = pack_names()
    for source, part in files:
        for rule in part.rules:
            if rule not in packs:
                yield Problem(
                    source.file, *source.position(("rules",)), "schema", messages.unknown_pack(rule, packs)
                )


def _date_order(
    item: Board | Link | Agreement | Escalation | Theme | Accepted, files: Files
) -> Iterator[Problem]:
    # An acceptance's `until` is its last day, so it may fall on its `since`.
    if isinstance(item, Accepted):
        if item.since is not None and item.until is not None and item.until < item.since:
            yield Problem(
                *_where(item, files, "until"),
                "schema",
                f"until ({item.until}) must not come before since ({item.since})",
            )
        return
    if item.since is not None and item.until is not None and item.until <= item.since:
        yield Problem(
            *_where(item, files, "until"),
            "schema",
            f"until ({item.until}) must come after since ({item.since})",
        )


def _looks_like_id(text: str, known: _Declared) -> bool:
    # A chair may be free text ("Councillor Smith"); an id-shaped chair close to a real id is
    # a typo, not a name.
    return bool(re.fullmatch(ID_PATTERN, text)) and ("-" in text or bool(_close(text, known)))


def _close(value: str, known: _Declared) -> str | None:
    return known.closest(value)


# -- dates -------------------------------------------------------------------------------
