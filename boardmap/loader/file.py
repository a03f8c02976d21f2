"""One YAML file of a map -> a MapFile: parsed, validated, each problem at its line and column.

A file with mistakes still gives its valid parts (`_salvage`), so that one run can also
report the mistakes that need the whole map.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from boardmap import messages
from boardmap.collector import no_gc
from boardmap.errors import Problem
from boardmap.model import (
    Accepted,
    Agreement,
    Board,
    Concern,
    Escalation,
    Link,
    MapFile,
    Theme,
    _Located,
)
from boardmap.origins import Origins
from boardmap.source import Source

SECTIONS = ("boards", "links", "escalations", "themes", "accepted", "agreements", "concerns")
# The top-level fields of a map file: a file with none of them (nor `boardmap`) is not a map.
_MAP_FIELDS = frozenset(field.alias or name for name, field in MapFile.model_fields.items())
# Boards, links and the other items of a map, counted before they are validated: each costs
# some 3 KB as a model, 5 KB by the time `export` has written it, so a 64 MB file of 480,000
# short links peaked at 1.5 GB in `check` and 2.3 GB in `export` (issue 24). At this many the
# peak stays under 1 GB (bench/limit_memory.py); England's boards are some 60,000 items.
MAX_ITEMS = 150_000


def validate(source: Source, origins: Origins) -> tuple[MapFile | None, list[Problem]]:
    """One file as a MapFile (its valid parts, where it has mistakes) and its problems; the
    origin of each item it declares goes into `origins`."""
    data, problems = source.parse()
    if problems:
        return None, problems
    if data is None:
        return None, [Problem(source.file, 1, 1, "schema", messages.EMPTY_FILE)]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(source.file, 1, 1, "schema", messages.not_a_mapping(kind))]
    if "boardmap" not in data and not any(isinstance(key, str) and key in _MAP_FIELDS for key in data):
        # Another tool's YAML (mkdocs.yml, docker-compose.yaml) in the folder of a map: one
        # problem saying so, not "no `boardmap: 1`" and an unknown field for each of its keys.
        return None, [Problem(source.file, 1, 1, "schema", messages.NOT_A_MAP)]
    # '<' first: a one-character search is a memchr, a two-character one walks the text
    # (8 ms for a 9 MB map that holds no '<' at all).
    merges = _merge_keys(source, data) if "<" in source.text and "<<" in source.text else []
    if merges:
        return None, merges
    crowded = _too_many_items(source, data)
    if crowded:
        return None, crowded
    problems = []
    try:
        with no_gc():
            parsed = MapFile.model_validate(data)
    except ValidationError as exc:
        problems = list(_schema_problems(source, exc, data))
        parsed = _salvage(data, source, origins)
    except ValueError:
        # Python will not turn an integer of more than 4,300 digits into text (a guard
        # against slow conversions), and pydantic lets that ValueError through.
        problems = [Problem(source.file, *source.huge_number(), "schema", messages.HUGE_NUMBER)]
        parsed = _salvage(data, source, origins)
    file = source.file
    for section in SECTIONS:
        items: list[_Located] = getattr(parsed, section)
        source.check_item_count(section, len(items))
        if not problems:  # a salvaged item was placed by _salvage, at its index in the file
            origins.place(file, section, items)
    return parsed, problems


def _too_many_items(source: Source, data: dict[Any, Any]) -> list[Problem]:
    """More items in a file than a map may hold, refused before they are validated."""
    count = sum(len(value) for key, value in data.items() if key in SECTIONS and isinstance(value, list))
    if count <= MAX_ITEMS:
        return []
    biggest = max((k for k in SECTIONS if isinstance(data.get(k), list)), key=lambda k: len(data[k]))
    match = re.search(rf"(?m)^{biggest}[ \t]*:", source.text)
    line = source.text.count("\n", 0, match.start()) + 1 if match else 1
    return [Problem(source.file, line, 1, "schema", messages.too_many(count, MAX_ITEMS))]


def _merge_keys(source: Source, data: Any, path: tuple[str | int, ...] = ()) -> list[Problem]:
    """YAML 1.1 merge keys (<<: *name), which yaml-rs reads as an ordinary key: refuse them
    plainly, rather than as an unknown field and missing fields."""
    found: list[Problem] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "<<":
                line, column = source.position((*path, key), key=True)
                found.append(Problem(source.file, line, column, "yaml-syntax", messages.MERGE_KEY))
            else:
                found += _merge_keys(source, value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _merge_keys(source, item, (*path, index))
    return found


def _salvage(data: dict[str, Any], source: Source, origins: Origins) -> MapFile:
    """The valid parts of a file that failed validation, so that one run can also report
    the mistakes that need the whole map (unknown and duplicate ids)."""
    fields: dict[str, Any] = {}
    for name in MapFile.model_fields:
        if name in SECTIONS or name not in data:
            continue
        try:  # each top-level field on its own, so one bad field spoils nothing else
            fields[name] = getattr(MapFile.model_validate({"boardmap": 1, name: data[name]}), name)
        except ValueError:  # a ValidationError, or a number too long to convert (see above)
            pass
    for section in SECTIONS:
        model: Any = {
            "boards": Board,
            "links": Link,
            "escalations": Escalation,
            "themes": Theme,
            "accepted": Accepted,
            "agreements": Agreement,
            "concerns": Concern,
        }[section]
        good = []
        raw = data.get(section)
        if section == "boards" and isinstance(raw, list):
            source.declared_boards = len(raw)
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                parsed = model.model_validate(item)
            except ValueError:  # a ValidationError, or a number too long to convert
                if section == "boards" and isinstance(item, dict) and isinstance(item.get("id"), str):
                    source.unvalidated_ids[index] = item["id"]
                continue
            origins.set(parsed, (source.file, (section, index)))
            good.append(parsed)
        fields[section] = good
    return MapFile.model_construct(**fields)


def _schema_problems(source: Source, exc: ValidationError, data: Any) -> Iterator[Problem]:
    seen: set[tuple[Any, ...]] = set()
    for error in exc.errors(include_url=False, include_input=True):
        loc = _trim(error["loc"], data, missing=error["type"] == "missing")
        key = error["type"] == "extra_forbidden"
        line, column = source.position(loc, key=key)
        text = messages.schema_error(error, loc)
        # A union reports one error per branch; one message per place is enough.
        if (loc, line, column) in seen:
            continue
        seen.add((loc, line, column))
        yield Problem(source.file, line, column, "schema", text)


def _trim(loc: tuple[str | int, ...], data: Any, missing: bool = False) -> tuple[str | int, ...]:
    """pydantic's location of an error, as a path in the file's data.

    pydantic appends a union's branch names ('str', 'list[str]') to a location; they are
    cut off where the data has no such key. A key the map really holds keeps its place,
    whatever it is called: an unknown key `date`, `str` or `a[1]` is reported as itself,
    at its own line."""
    out: list[str | int] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, dict) and (key := _key_named(node, step)):
            node = node[key[0]]  # a key that is not text (a number, null): pydantic gives str(key)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        elif missing and step == loc[-1] and isinstance(node, dict):
            pass  # the required field the mapping lacks: its name ends the path
        else:
            break
        out.append(step)
    return tuple(out)


def _key_named(node: dict[Any, Any], step: str | int) -> tuple[Any] | None:
    """The key (in a 1-tuple, as it may be None) that pydantic calls `step`."""
    return next(((k,) for k in node if not isinstance(k, str) and str(k) == step), None)


# -- many files -> one map ----------------------------------------------------------------
