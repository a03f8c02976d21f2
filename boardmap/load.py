"""A map's files -> one GovernanceMap: the loader's entry points.

`load(path)` returns the map; `load_located(path)` returns it with its side table (a
`boardmap.origins.Loaded`: the undated map, and where each item was declared). The stages
are in `boardmap.loader`: one file (`file`), many files into one map (`merge`, with the
whole map's problems in `references`), and the map on a date (`dates`); a workbook is read
by `boardmap.workbook`. Every problem in every file is collected and raised together as one
MapError, each with the file, line and column of the offending key or value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from boardmap import messages
from boardmap.collector import no_gc
from boardmap.errors import Problem, UsageError
from boardmap.loader.dates import at_date, in_force
from boardmap.loader.file import MAX_ITEMS, SECTIONS, validate
from boardmap.loader.merge import merge
from boardmap.loader.references import pack_names
from boardmap.loader.text import load_text_located
from boardmap.model import GovernanceMap, MapFile
from boardmap.origins import Loaded, Origins, located, remember
from boardmap.source import Source, decode

__all__ = [
    "MAP_SUFFIXES",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "SECTIONS",
    "Loaded",
    "at_date",
    "in_force",
    "load",
    "load_located",
    "load_text",
    "load_text_located",
    "located",
    "map_files",
    "pack_names",
    "read_sources",
]

MAP_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")  # as boardmap.workbook.WORKBOOK_SUFFIXES
# A map larger than this is refused before parsing, with the limit stated.
MAX_FILE_BYTES = 64 * 1024 * 1024


def map_files(path: Path | str) -> list[Path]:
    """The YAML files that make up a map: the file itself, or a folder's, sorted by name."""
    path = Path(path)
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in MAP_SUFFIXES and p.is_file() and not p.name.startswith(".")
        )
        if not files:
            raise UsageError(
                f"{path}: the folder holds no map files (*.yaml or *.yml); "
                "point boardmap at a map file or a folder of them"
            )
        return files
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder; give the path of a map (a .yaml file)")
    if not path.is_file():
        # A pipe would block for ever, and /dev/zero fill the memory: its size is no guide.
        raise UsageError(f"{path}: not a regular file; give the path of a map (a .yaml file)")
    return [path]


def read_sources(path: Path | str) -> tuple[list[Source], list[Problem]]:
    """Read and decode every file of a map."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for file in map_files(path):
        name = str(file)
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                problems.append(Problem(name, 1, 1, "yaml-syntax", messages.too_big(size)))
                continue
            raw = file.read_bytes()
        except OSError as exc:
            raise UsageError(f"{name}: cannot read the file ({exc.strerror or exc})") from exc
        text, bad = decode(raw, name)
        problems.extend(bad)
        if text is not None:
            sources.append(Source(name, text))
    return sources, problems


def load(path: Path | str, as_of: dt.date | None = None) -> GovernanceMap:
    """Load a map file or folder as it stands on `as_of` (default: the map's own, or today).

    Raises MapError listing every problem found, each with its file, line and column.
    An Excel workbook (.xlsx) is a map too: see boardmap.workbook. The map's side table
    (where each item was declared) is kept for as long as the map lives: `located(gmap)`.
    """
    return remember(load_located(path, as_of))


def load_text(text: str, file: str = "<map>", as_of: dt.date | None = None) -> GovernanceMap:
    """Load a map from YAML text, as `load` does from a file."""
    return remember(load_text_located(text, file, as_of))


# The collector paused for the whole load, not only parsing and validation: merging,
# locating and dating a national map make hundreds of thousands of objects too, and each
# collection would walk all the map's (half a second at 10,000 boards, issue 8).
@no_gc()
def load_located(path: Path | str, as_of: dt.date | None = None) -> Loaded:
    """Load a map file, folder or workbook as `load` does, with its side table: the map on
    its date (`.map`), the undated map (`.undated`), and where each item was declared
    (`.line(item)`, `.position(item, *path)`)."""
    if str(path).lower().endswith(WORKBOOK_SUFFIXES) and not Path(path).is_dir():
        # Imported here, not at the top: the workbook reader and its spreadsheet code are
        # 0.05 s of CPU at every command's start on a YAML map (boardmap --help takes 0.23 s).
        from boardmap.workbook import load_workbook

        return load_workbook(path, as_of)
    sources, problems = read_sources(path)
    origins = Origins()
    files: list[tuple[Source, MapFile]] = []
    for source in sources:
        parsed, bad = validate(source, origins)
        problems.extend(bad)
        if parsed is not None:
            files.append((source, parsed))
    return at_date(merge(files, sources, problems, origins), as_of)
