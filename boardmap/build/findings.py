"""A build's findings kept in its folder's manifest, so that a build with nothing changed
reports them without checking the map again (issue 23: the check was a third of such a
build of the example map).

The record holds a key: the SHA-256 of the drawing code's fingerprint (which covers the
checks, their rule packs and the loader: boardmap.build.fingerprints.code_fingerprint), the
map's date and every file the map was read from, by name and text. Findings name files and
lines, so a change to any byte of any file, a new date or new code gives a new key, and the
map is checked again. A map read from a workbook is always checked: its cells are not text
the key could hold. The record is read as data, field by field; one that is not what this
module writes (a manifest edited by hand, another version) is ignored and written again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from boardmap.build.fingerprints import code_fingerprint
from boardmap.checks.registry import SEVERITIES, Finding
from boardmap.folder import OutputFolder
from boardmap.origins import Loaded
from boardmap.source import Source

VERSION = 1
_TEXTS = ("file", "rule", "severity", "message")
_OPTIONAL_TEXTS = ("source", "accepted", "theme", "route", "area", "requirement")
_LISTS = ("boards", "roles", "missing")


def found(loaded: Loaded, folder: OutputFolder | None, *, force: bool = False) -> tuple[list[Finding], int]:
    """The map's open findings and the exit status they give: the last build's where
    `folder`'s manifest keeps them for this map (not under `force`, which makes everything
    again), else checked now; kept in `folder` for the next build."""
    map_key = None if folder is None else key(loaded, code_fingerprint())
    recalled = (
        None if folder is None or map_key is None or force else recall(folder.previous_findings, map_key)
    )
    if recalled is not None:
        findings, status = recalled
    else:
        findings, status = _checked(loaded)
    if folder is not None and map_key is not None:
        folder.findings = record(findings, status, map_key)
    return findings, status


def _checked(loaded: Loaded) -> tuple[list[Finding], int]:
    # Imported here, while a build's workers draw, not before they start (boardmap.guideplan).
    from boardmap.checks.engine import check

    result = check(loaded)
    return list(result.open), 1 if result.fails() else 0


def key(loaded: Loaded, code: str) -> str | None:
    """The key of the map as read (None where it was not read from text files alone)."""
    files = loaded.files
    if not files or not all(isinstance(place, Source) for place in files.values()):
        return None
    digest = hashlib.sha256(f"{VERSION}\0{code}\0{loaded.map.as_of.isoformat()}\0".encode())
    for name, place in files.items():
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(place.text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def record(findings: Sequence[Finding], status: int, map_key: str) -> dict[str, Any]:
    """The record the manifest keeps: the key, the exit status and each open finding."""
    return {"key": map_key, "status": status, "open": [_written(f) for f in findings]}


def recall(kept: object, map_key: str) -> tuple[list[Finding], int] | None:
    """The findings and exit status a record keeps for this key; None where it keeps
    another map's, or is not a record this module wrote."""
    if not isinstance(kept, dict) or kept.get("key") != map_key or set(kept) != {"key", "status", "open"}:
        return None
    status, found = kept["status"], kept["open"]
    if status not in (0, 1) or isinstance(status, bool) or not isinstance(found, list):
        return None
    findings: list[Finding] = []
    for item in found:
        finding = _read(item)
        if finding is None:
            return None
        findings.append(finding)
    if status != (1 if any(f.severity == "error" for f in findings) else 0):
        return None  # not the status these findings give (boardmap check's)
    return findings, status


def _written(f: Finding) -> dict[str, Any]:
    return {
        "file": f.file,
        "line": f.line,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "boards": list(f.boards),
        "source": f.source,
        "accepted": f.accepted,
        "links": [list(link) for link in f.links],
        "theme": f.theme,
        "route": f.route,
        "roles": list(f.roles),
        "area": f.area,
        "missing": list(f.missing),
        "requirement": f.requirement,
        "accepted_missing": [[role, why, _date(until)] for role, why, until in f.accepted_missing],
        "until": _date(f.until),
        "column": f.column,
    }


def _date(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _read(item: object) -> Finding | None:
    """A finding as _written wrote it; None for anything else."""
    if not isinstance(item, dict) or item.keys() != _FIELDS:
        return None
    try:
        texts = {name: _text(item[name]) for name in _TEXTS}
        optional = {name: _optional(item[name]) for name in _OPTIONAL_TEXTS}
        lists = {name: tuple(_text(value) for value in _list(item[name])) for name in _LISTS}
        links = tuple(_triple(link) for link in _list(item["links"]))
        accepted_missing = tuple(
            (_text(part[0]), _text(part[1]), _day(part[2]))
            for part in (_list(entry, 3) for entry in _list(item["accepted_missing"]))
        )
        line, column = item["line"], item["column"]
        if not _whole(line) or not (column is None or _whole(column)):
            return None
        if texts["severity"] not in SEVERITIES:
            return None
        return Finding(
            file=texts["file"],
            line=line,
            rule=texts["rule"],
            severity=texts["severity"],  # one of SEVERITIES, as checked above
            message=texts["message"],
            boards=lists["boards"],
            source=optional["source"],
            accepted=optional["accepted"],
            links=links,
            theme=optional["theme"],
            route=optional["route"],
            roles=lists["roles"],
            area=optional["area"],
            missing=lists["missing"],
            requirement=optional["requirement"],
            accepted_missing=accepted_missing,
            until=_day(item["until"]),
            column=column,
        )
    except (TypeError, ValueError):
        return None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _list(value: object, length: int | None = None) -> list[object]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise TypeError
    return value


def _triple(value: object) -> tuple[str, str, str]:
    first, second, third = (_text(part) for part in _list(value, 3))
    return first, second, third


def _day(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_text(value))


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_FIELDS = frozenset(_written(Finding("", 0, "", "info", "")))  # the keys _written writes
