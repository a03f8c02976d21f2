"""The mapping file: how a reader states, or corrects, which bodies are the same.

    boardmap-compare: 1
    same:                          # these boards are one body, whatever their roles and names
      - name: Executive group      # what the comparison calls it
        bodies:
          Hillingdon: elg          # a map (its area, or its file as given) and a board id
          islington-2023.yaml: [executive-partnership]
    apart:                         # a board matched automatically that is not the same
      - map: Dorset and Bournemouth, Christchurch & Poole
        board: joint-meeting

Every problem is reported as FILE:LINE: what is wrong, and what to write instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from boardmap.errors import UsageError
from boardmap.model import GovernanceMap


class MappingError(UsageError):
    """A mapping file that cannot be used; says file and line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line}: {message}")


@dataclass
class Same:
    name: str
    bodies: dict[int, list[str]] = field(default_factory=dict)  # area index -> board ids


@dataclass
class Mapping:
    same: list[Same] = field(default_factory=list)
    apart: list[tuple[int, str]] = field(default_factory=list)  # (area index, board id)


def _names(path: str, gmap: GovernanceMap) -> set[str]:
    """Every way a mapping file may name a map: its area, its path as given, its file name
    and its file name without '.yaml'."""
    given = Path(path)
    return {gmap.area, path, given.name, given.stem}


def read_mapping(file: Path | str, paths: list[str], maps: list[GovernanceMap]) -> Mapping:
    """The mapping file `file`, checked against the maps being compared."""
    name = str(file)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read the mapping file {name}: {exc.strerror or exc}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or exc
        raise MappingError(name, line, f"this is not valid YAML ({problem})") from None
    if not isinstance(root, yaml.MappingNode):
        raise MappingError(
            name,
            1,
            "a mapping file starts with 'boardmap-compare: 1', then "
            "'same:' and 'apart:' lists (see docs/compare.md)",
        )
    top = _fields(name, root)
    if "boardmap-compare" not in top or _scalar(top["boardmap-compare"][1]) != "1":
        raise MappingError(name, 1, "the first line must be 'boardmap-compare: 1'")
    unknown = sorted(set(top) - {"boardmap-compare", "same", "apart"})
    if unknown:
        raise MappingError(
            name,
            _line(top[unknown[0]][0]),
            f"unknown field '{unknown[0]}'; a mapping file has only 'same' and 'apart'",
        )
    names = [_names(p, m) for p, m in zip(paths, maps, strict=True)]
    mapping = Mapping()
    seen: dict[tuple[int, str], int] = {}
    for node in _items(name, top, "same"):
        entry = _fields(name, node)
        _only(name, entry, {"name", "bodies"}, "same")
        if "name" not in entry or not _scalar(entry["name"][1]):
            raise MappingError(
                name, _line(node), "each 'same' entry needs a 'name': what the comparison calls the body"
            )
        if "bodies" not in entry or not isinstance(entry["bodies"][1], yaml.MappingNode):
            raise MappingError(
                name,
                _line(node),
                "each 'same' entry needs 'bodies': the map "
                "(its area or file) and the board id in it, one per line",
            )
        same = Same(_scalar(entry["name"][1]))
        for key_node, value in entry["bodies"][1].value:
            index = _which(name, key_node, names, maps)
            ids = (
                [_scalar(v) for v in value.value]
                if isinstance(value, yaml.SequenceNode)
                else [_scalar(value)]
            )
            for board_id in ids:
                _known(name, value, maps[index], board_id)
                _once(name, value, seen, (index, board_id))
            same.bodies.setdefault(index, []).extend(ids)
        mapping.same.append(same)
    for node in _items(name, top, "apart"):
        entry = _fields(name, node)
        _only(name, entry, {"map", "board"}, "apart")
        if "map" not in entry or "board" not in entry:
            raise MappingError(
                name,
                _line(node),
                "each 'apart' entry needs 'map' (its area or file) and 'board' (the board id in it)",
            )
        index = _which(name, entry["map"][1], names, maps)
        board_id = _scalar(entry["board"][1])
        _known(name, entry["board"][1], maps[index], board_id)
        _once(name, entry["board"][1], seen, (index, board_id))
        mapping.apart.append((index, board_id))
    return mapping


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(node: yaml.Node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _fields(file: str, node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise MappingError(file, _line(node), "expected 'field: value' lines here")
    return {_scalar(k): (k, v) for k, v in node.value}


def _items(file: str, top: dict[str, tuple[yaml.Node, yaml.Node]], key: str) -> list[Any]:
    if key not in top:
        return []
    node = top[key][1]
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise MappingError(file, _line(node), f"'{key}' is a list: start each entry with '- '")
    return list(node.value)


def _only(file: str, entry: dict[str, tuple[yaml.Node, yaml.Node]], allowed: set[str], where: str) -> None:
    for key, (node, _) in entry.items():
        if key not in allowed:
            raise MappingError(
                file,
                _line(node),
                f"unknown field '{key}' in a '{where}' entry; "
                f"use {' and '.join(repr(a) for a in sorted(allowed))}",
            )


def _which(file: str, node: yaml.Node, names: list[set[str]], maps: list[GovernanceMap]) -> int:
    said = _scalar(node)
    found = [i for i, known in enumerate(names) if said in known]
    if not found:
        choices = "; ".join(f"'{m.area}'" for m in maps)
        raise MappingError(
            file,
            _line(node),
            f"no map being compared is called '{said}'; name "
            f"a map by its area ({choices}) or by its file as given",
        )
    if len(found) > 1:
        raise MappingError(
            file, _line(node), f"'{said}' names more than one of the maps; name each by its file instead"
        )
    return found[0]


def _known(file: str, node: yaml.Node, gmap: GovernanceMap, board_id: str) -> None:
    if board_id not in gmap.by_id:
        raise MappingError(
            file, _line(node), f"{gmap.area}'s map has no board '{board_id}'; use a board id from that map"
        )


def _once(file: str, node: yaml.Node, seen: dict[tuple[int, str], int], key: tuple[int, str]) -> None:
    if key in seen:
        raise MappingError(
            file,
            _line(node),
            f"board '{key[1]}' is named twice (first on line {seen[key]}); name each board once",
        )
    seen[key] = _line(node)
