"""Where each part of a loaded map was written: the side table the loader returns with it.

A map is plain data (`boardmap.model`); where its boards, links and routes were declared is
the loader's knowledge, kept here beside the map, never inside it. `Loaded` is what the
loader returns (`boardmap.load.load_located`):

- `map`: the map as it stands on its date;
- `undated`: the map as merged, every board and theme of every date (the checks read it to
  say what has ended: "its member, the CCG, ended on 1 July 2022");
- `origins`: for each item of either map, the file and the path of its declaration;
- `files`: the parsed files by name (a YAML `Source`, or a workbook's sheet), which turn a
  path into a line and column (or a sheet's cell).

`load(path)` returns the map alone, as it always has; so that `check(load(path))` still
places each finding at its declaration, the loader also records each map it returns with
its side table, for as long as that map lives: `located(gmap)` finds it again. A map made by
hand has no record and `located` gives it a bare one (every item at line 1 of its first
file).
"""

from __future__ import annotations

import dataclasses
import itertools
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from boardmap.model import GovernanceMap

# (file, path of the item in that file's data): ("map.yaml", ("links", 3)).
Origin = tuple[str, tuple[str | int, ...]]


class Place(Protocol):
    """What the side table asks of a parsed file: where a path stands (a YAML file, or a
    workbook's sheet, whose lines are rows), and its text (a sheet's is empty, or `rules:`
    where its map sheet names rule packs)."""

    text: str

    def position(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]: ...

    def item_line(self, section: str, index: int) -> int: ...


class Origins:
    """Each item's origin, by the item itself (items are unhashable, so by identity: the table
    keeps every item it names alive, so an identity is never reused while it is here). A
    table `derived` from another adds the copies one run makes (the checks' inferred roles)
    and reads through to it, leaving the loader's own table as it was."""

    def __init__(self, parent: Origins | None = None) -> None:
        self._of: dict[int, tuple[object, Origin]] = {}
        # Whole sections placed at once (`place`), by the type of their items; and where a
        # type's items stand in several files' sections (a folder of 150 files), which
        # section holds each, by its identity, made when first asked for.
        self._placed: dict[type, list[_Section]] = {}
        self._holders: dict[type, dict[int, _Section]] = {}
        self._parent = parent

    def derived(self) -> Origins:
        return Origins(self)

    def set(self, item: object, origin: Origin) -> None:
        self._of[id(item)] = (item, origin)

    def place(self, file: str, section: str, items: list[Any]) -> None:
        """Each item of a file's section (`boards`, `links`...) at its index in that list, as
        `set` would place them one by one. Nothing is worked out for each item until an
        item of that type is asked for (a finding's link, a duplicate board), and then by
        dict() from the items' identities, with no Python code for each: a table of the
        63,000 items of a 10,000-board map cost 21 ms, most of a clean check's lookups
        are of a few thousand links and boards."""
        placed = _Section(file, section, items)
        for kind in set(map(type, placed.items)):
            self._placed.setdefault(kind, []).append(placed)
            self._holders.pop(kind, None)

    def get(self, item: object) -> Origin | None:
        key = id(item)
        found = self._of.get(key)
        if found is not None:
            return found[1]
        kind = type(item)
        sections = self._placed.get(kind)
        if sections:
            placed: _Section | None = sections[0]
            if len(sections) > 1:
                placed = self._holder(kind, sections).get(key)
            if placed is not None and (index := placed.index.get(key)) is not None:
                return placed.file, (placed.section, index)
        return self._parent.get(item) if self._parent is not None else None

    def _holder(self, kind: type, sections: list[_Section]) -> dict[int, _Section]:
        """Which of a type's sections holds each of its items, by identity (the first to
        place it, as `get` would find it looking through them in turn)."""
        holders = self._holders.get(kind)
        if holders is None:
            holders = self._holders[kind] = {}
            for placed in reversed(sections):
                holders.update(dict.fromkeys(map(id, placed.items), placed))
        return holders

    def copied(self, copy: object, original: object) -> None:
        """A copy made from an item (with a field changed) stands where the item stands."""
        origin = self.get(original)
        if origin is not None:
            self.set(copy, origin)


class _Section:
    """A file's section placed at once: its items (kept alive, so that no identity in the
    index is reused while the table lives) and, made when first asked for, each one's
    index by its identity."""

    def __init__(self, file: str, section: str, items: list[Any]) -> None:
        self.file = file
        self.section = section
        self.items = list(items)

    @cached_property
    def index(self) -> dict[int, int]:
        return dict(zip(map(id, self.items), itertools.count()))


@dataclass(frozen=True)
class Loaded:
    """A map as the loader returns it: the map, the undated map, and where each item stands."""

    map: GovernanceMap
    undated: GovernanceMap
    origins: Origins = field(default_factory=Origins)
    files: Mapping[str, Place] = field(default_factory=dict)

    @classmethod
    def bare(cls, gmap: GovernanceMap) -> Loaded:
        """A map with no side table (made by hand, or copied): itself undated, no origins."""
        return cls(gmap, gmap)

    def replace(
        self, gmap: GovernanceMap, undated: GovernanceMap | None = None, origins: Origins | None = None
    ) -> Loaded:
        """The same side table for another version of the map (its items copied from these)."""
        return dataclasses.replace(
            self,
            map=gmap,
            undated=self.undated if undated is None else undated,
            origins=self.origins if origins is None else origins,
        )

    def _first_file(self) -> str:
        return self.map.sources[0] if self.map.sources else "<map>"

    def line(self, item: object) -> tuple[str, int]:
        """The file and line where a board, link, route, theme or accepted entry is declared."""
        origin = self.origins.get(item)
        if origin is None:
            return self._first_file(), 1
        file, path = origin
        place = self.files.get(file)
        if place is None or len(path) < 2:
            return file, 1
        return file, place.item_line(str(path[0]), int(path[1]))

    def position(self, item: object, *path: str | int) -> tuple[str, int, int]:
        """The file, line and column of a value inside an item: a link's `says`. Where the
        map did not come from a file that can place it, the item's own line and column 1."""
        origin = self.origins.get(item)
        if origin is None:
            return self._first_file(), 1, 1
        file, base = origin
        place = self.files.get(file)
        if place is None:
            file, line = self.line(item)
            return file, line, 1
        line, column = place.position((*base, *path))
        return file, line, column


# The side tables of the maps `load` returned, by the map's identity, each dropped when its
# map is (weakref.finalize): the record holds no reference to the map itself.
# (A map that is its own undated map records None there.)
_RECORDS: dict[int, tuple[GovernanceMap | None, Origins, Mapping[str, Place]]] = {}


def remember(loaded: Loaded) -> GovernanceMap:
    """Record a loaded map's side table, so that `located(loaded.map)` finds it; the map."""
    gmap = loaded.map
    key = id(gmap)
    if key not in _RECORDS:
        weakref.finalize(gmap, _RECORDS.pop, key, None)
    undated = loaded.undated if loaded.undated is not gmap else None
    _RECORDS[key] = (undated, loaded.origins, loaded.files)
    return gmap


def located(gmap: GovernanceMap | Loaded) -> Loaded:
    """The map with its side table: as the loader returned it, or a bare one."""
    if isinstance(gmap, Loaded):
        return gmap
    record = _RECORDS.get(id(gmap))
    if record is None:
        return Loaded.bare(gmap)
    undated, origins, files = record
    return Loaded(gmap, gmap if undated is None else undated, origins, files)
