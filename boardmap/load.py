"""YAML files -> one GovernanceMap: parsing, validating, merging folders, dates, references.

Every problem in every file is collected and raised together as one MapError, each with
the file, line and column of the offending key or value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from boardmap import messages
from boardmap.errors import MapError, Problem, UsageError
from boardmap.model import (
    ID_PATTERN,
    Accepted,
    Agreement,
    Board,
    Concern,
    Escalation,
    GovernanceMap,
    Link,
    MapFile,
    Theme,
    _Located,
)
from boardmap.source import Source, decode, no_gc
from boardmap.suggest import Suggester

_T = TypeVar("_T", bound=_Located)

MAP_SUFFIXES = (".yaml", ".yml")
SECTIONS = ("boards", "links", "escalations", "themes", "accepted", "agreements", "concerns")
# Top-level scalars that may stand in several files of a folder, so long as they agree.
SHARED_FIELDS = ("area", "title", "as_of", "rules", "urgent")
# A map larger than this is refused before parsing, with the limit stated.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Boards, links and the other items of a map, counted before they are validated: each costs
# some 3 KB as a model, 5 KB by the time `export` has written it, so a 64 MB file of 480,000
# short links peaked at 1.5 GB in `check` and 2.3 GB in `export` (issue 24). At this many the
# peak stays under 1 GB (bench/limit_memory.py); England's boards are some 60,000 items.
MAX_ITEMS = 150_000


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


# The collector paused for the whole load, not only parsing and validation: merging,
# locating and dating a national map make hundreds of thousands of objects too, and each
# collection would walk all the map's (half a second at 10,000 boards, issue 8).
@no_gc()
def load(path: Path | str, as_of: dt.date | None = None) -> GovernanceMap:
    """Load a map file or folder as it stands on `as_of` (default: the map's own, or today).

    Raises MapError listing every problem found, each with its file, line and column.
    An Excel workbook (.xlsx) is a map too: see boardmap.workbook.
    """
    if str(path).lower().endswith((".xlsx", ".xlsm")) and not Path(path).is_dir():
        from boardmap.workbook import load_workbook

        return load_workbook(path, as_of)
    sources, problems = read_sources(path)
    files: list[tuple[Source, MapFile]] = []
    for source in sources:
        parsed, bad = _validate(source)
        problems.extend(bad)
        if parsed is not None:
            files.append((source, parsed))
    merged = _merge(files, sources, problems)
    return at_date(merged, as_of)


@no_gc()
def load_text(text: str, file: str = "<map>", as_of: dt.date | None = None) -> GovernanceMap:
    """Load a map from YAML text, as `load` does from a file."""
    source = Source(file, text)
    parsed, problems = _validate(source)
    files = [(source, parsed)] if parsed is not None else []
    return at_date(_merge(files, [source], problems), as_of)


# -- one file ------------------------------------------------------------------------------


def _validate(source: Source) -> tuple[MapFile | None, list[Problem]]:
    data, problems = source.parse()
    if problems:
        return None, problems
    if data is None:
        return None, [Problem(source.file, 1, 1, "schema", messages.EMPTY_FILE)]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [Problem(source.file, 1, 1, "schema", messages.not_a_mapping(kind))]
    merges = _merge_keys(source, data) if "<<" in source.text else []
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
        parsed = _salvage(data, source)
    except ValueError:
        # Python will not turn an integer of more than 4,300 digits into text (a guard
        # against slow conversions), and pydantic lets that ValueError through.
        problems = [Problem(source.file, *source.huge_number(), "schema", messages.HUGE_NUMBER)]
        parsed = _salvage(data, source)
    for section in SECTIONS:
        items: list[_Located] = getattr(parsed, section)
        source.check_item_count(section, len(items))
        for index, item in enumerate(items):
            origin = item._origin
            item._locate((source.file, (section, index)) if origin is None else (source.file, origin[1]))
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


def _salvage(data: dict[str, Any], source: Source) -> MapFile:
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
            parsed._origin = ("", (section, index))
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


def _merge(
    files: list[tuple[Source, MapFile]], sources: list[Source], problems: list[Problem]
) -> GovernanceMap:
    """Join the files' lists; raise MapError with `problems` and any found here."""
    problems = list(problems)
    if not files:
        raise MapError(problems)
    by_file = {s.file: s for s in sources}
    shared: dict[str, tuple[Any, str, int]] = {}
    for source, part in files:
        for field in SHARED_FIELDS:
            value = getattr(part, field)
            if value is None or value == []:
                continue
            if field == "rules":  # a set of packs: the order they are listed in is no matter
                value = sorted(set(value))
            line = source.position((field,))[0] if len(files) > 1 else 1
            if field in shared and shared[field][0] != value:
                first_value, first_file, first_line = shared[field]
                shown, first_shown = (
                    (", ".join(value), ", ".join(first_value))
                    if field == "rules"
                    else (str(value), str(first_value))
                )
                problems.append(
                    Problem(
                        source.file,
                        line,
                        1,
                        "schema",
                        f"{field} is '{messages.clip(shown)}' here but "
                        f"'{messages.clip(first_shown)}' in "
                        f"{first_file}:{first_line}; the files of one map must agree",
                    )
                )
            shared.setdefault(field, (value, source.file, line))
    glossary: dict[str, str] = {}
    rules: list[str] = []
    for source, part in files:
        for term, meaning in part.glossary.items():
            if glossary.get(term, meaning) != meaning:
                line, column = source.position(("glossary", term), key=True)
                problems.append(
                    Problem(
                        source.file,
                        line,
                        column,
                        "schema",
                        f"the glossary explains {messages.clip(term)} differently in another file; "
                        "keep one explanation",
                    )
                )
            glossary[term] = meaning
        rules.extend(r for r in part.rules if r not in rules)
    first_file = files[0][0].file if files else (sources[0].file if sources else "<map>")
    if "area" not in shared:
        problems.append(Problem(first_file, 1, 1, "schema", messages.NO_AREA))
    boards = [b for _, part in files for b in part.boards]
    # Where `boards:` itself was reported (say, `boards: null`), "no boards" says it twice.
    # Nor where boards were declared but none was valid: each is reported already.
    if (
        not boards
        and not any(p.message.startswith("boards ") for p in problems)
        and not any(s.declared_boards for s in sources)
    ):
        problems.append(Problem(first_file, 1, 1, "schema", messages.NO_BOARDS))
    gmap = GovernanceMap.model_construct(
        area=shared["area"][0] if "area" in shared else "",
        title=shared["title"][0] if "title" in shared else None,
        as_of=shared["as_of"][0] if "as_of" in shared else dt.date.today(),
        rules=rules,
        glossary=glossary,
        boards=boards,
        links=[x for _, part in files for x in part.links],
        escalations=[x for _, part in files for x in part.escalations],
        themes=[x for _, part in files for x in part.themes],
        accepted=[x for _, part in files for x in part.accepted],
        agreements=[x for _, part in files for x in part.agreements],
        urgent=shared["urgent"][0] if "urgent" in shared else None,
        concerns=[x for _, part in files for x in part.concerns],
        sources=[s.file for s in sources],
    )
    gmap._files = by_file
    count = sum(len(getattr(gmap, section)) for section in SECTIONS)
    if count > MAX_ITEMS:  # a folder whose files are each within the limit
        problems.append(Problem(first_file, 1, 1, "schema", messages.too_many(count, MAX_ITEMS)))
        raise MapError(problems)
    problems.extend(_reference_problems(gmap, by_file))
    problems.extend(_pack_problems(files))
    problems.extend(_name_problems(gmap, by_file))
    if problems:
        raise MapError(problems)
    return gmap


def _where(
    item: _Located, by_file: dict[str, Source], *path: str | int, key: bool = False
) -> tuple[str, int, int]:
    assert item._origin is not None
    file, base = item._origin
    line, column = by_file[file].position(base + path, key=key)
    return file, line, column


def _reference_problems(gmap: GovernanceMap, by_file: dict[str, Source]) -> Iterator[Problem]:
    """Duplicate ids, unknown ids, impossible dates: everything that needs the whole map."""
    ids: dict[str, Board] = {b.id: b for b in gmap.boards}
    # Every board declared, valid or not, in file order: (id, file, index in `boards`).
    declarations = sorted(
        [(b._origin[0], b._origin[1][1], b.id) for b in gmap.boards if b._origin]
        + [(s.file, i, board_id) for s in by_file.values() for i, board_id in s.unvalidated_ids.items()],
        key=lambda d: (gmap.sources.index(d[0]) if d[0] in gmap.sources else 0, d[1]),
    )
    first_seen: dict[str, tuple[str, int]] = {}
    for file, index, board_id in declarations:
        if board_id in first_seen:
            first_file, first_index = first_seen[board_id]
            line = by_file[first_file].position(("boards", first_index, "id"))[0]
            yield Problem(
                file,
                *by_file[file].position(("boards", index, "id")),
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
                first = _where(seen[item_id], by_file, "id")
                yield Problem(
                    *_where(item, by_file, "id"), "duplicate-id", messages.duplicate(kind, item_id, first)
                )
            seen.setdefault(item_id, item)

    # A board that failed validation still counts as declared (also under its id in lower
    # case), so one mistake is not echoed as "unknown board" wherever the board is named.
    declared = set(ids).union(*({i, i.lower()} for s in by_file.values() for i in s.unvalidated_ids.values()))
    known = Suggester(sorted(declared))  # 'did you mean', at a bounded cost

    def unknown(item: _Located, value: str, *path: str | int) -> Iterator[Problem]:
        if value not in declared:
            yield Problem(
                *_where(item, by_file, *path),
                "unknown-board",
                messages.unknown_board(value, _close(value, known)),
            )

    # The hot loops test before calling: a generator made for each of a national map's
    # 100,000 references cost a tenth of a second (issue 8).
    for board in gmap.boards:
        for i, member in enumerate(board.members):
            if member not in declared:
                yield from unknown(board, member, "members", i)
        chairs = board.chairs
        for i, chair in enumerate(chairs):
            path: tuple[str | int, ...] = ("chair", i) if isinstance(board.chair, list) else ("chair",)
            if chair not in declared and _looks_like_id(chair, known):
                yield from unknown(board, chair, *path)
        if board.part_of is not None:
            if board.part_of == board.id:
                yield Problem(
                    *_where(board, by_file, "part_of"),
                    "schema",
                    f"'{board.id}' is named as part of itself; part_of names the "
                    "body this one belongs to (a committee's council)",
                )
            else:
                yield from unknown(board, board.part_of, "part_of")
        if board.until is not None:
            yield from _date_order(board, by_file)
    for link in gmap.links:
        if link.from_ not in declared or link.to not in declared:
            yield from unknown(link, link.from_, "from")
            yield from unknown(link, link.to, "to")
        if link.from_ == link.to:
            yield Problem(
                *_where(link, by_file, "to"),
                "schema",
                f"this link goes from '{link.to}' to itself; a link joins two boards",
            )
        if link.until is not None:
            yield from _date_order(link, by_file)
    dated: list[Escalation | Theme | Accepted] = [*gmap.escalations, *gmap.themes, *gmap.accepted]
    for dated_item in dated:
        if dated_item.until is not None:
            yield from _date_order(dated_item, by_file)
    for route in gmap.escalations:
        for i, board_id in enumerate(route.between):
            yield from unknown(route, board_id, "between", i)
        for s, step in enumerate(route.steps):
            for i, board_id in enumerate(step.involves):
                yield from unknown(route, board_id, "steps", s, "involves", i)
    for theme in gmap.themes:
        if theme.lead is not None:
            yield from unknown(theme, theme.lead, "lead")
        for i, board_id in enumerate(theme.supports):
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
        yield from _accepted_problems(entry, by_file, declared, known, routes, themes)
    for agreement in gmap.agreements:
        yield from _agreement_problems(agreement, by_file, declared, known, gmap.as_of)


def _accepted_problems(
    entry: Accepted,
    by_file: dict[str, Source],
    ids: set[str],
    known: Suggester,
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
                *_where(entry, by_file, *path),
                "unknown-board",
                messages.unknown_board(value, _close(value, known)),
            )
    if entry.route is not None and entry.route not in routes:
        yield Problem(
            *_where(entry, by_file, "route"),
            "schema",
            f"no escalation route has the id '{messages.clip(entry.route)}'",
        )
    if entry.theme is not None and entry.theme not in themes:
        yield Problem(
            *_where(entry, by_file, "theme"), "schema", f"no theme has the id '{messages.clip(entry.theme)}'"
        )


def _agreement_problems(
    agreement: Agreement, by_file: dict[str, Source], ids: set[str], known: Suggester, today: dt.date
) -> Iterator[Problem]:
    """An agreement's boards, signatures, covered links and dates. A covered link or route
    the map no longer has is a finding (agreement-covers-missing), not an error."""

    def unknown(value: str, *path: str | int) -> Iterator[Problem]:
        if value not in ids:
            yield Problem(
                *_where(agreement, by_file, *path),
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
                *_where(agreement, by_file, "agreed", i, "by"),
                "schema",
                messages.signer_not_party(signature.by, agreement.between),
            )
        if signature.on > today:
            yield Problem(
                *_where(agreement, by_file, "agreed", i, "on"),
                "schema",
                messages.future_signature(signature.on, today),
            )
    if agreement.covers is not None:
        for i, ref in enumerate(agreement.covers.links):
            yield from unknown(ref.from_, "covers", "links", i, "from")
            yield from unknown(ref.to, "covers", "links", i, "to")
            if ref.from_ in ids and ref.to in ids and ref.from_ not in between and ref.to not in between:
                yield Problem(
                    *_where(agreement, by_file, "covers", "links", i),
                    "schema",
                    messages.cover_outside(ref.from_, ref.to, agreement.between),
                )
    if agreement.until is not None:
        yield from _date_order(agreement, by_file)


def _name_problems(gmap: GovernanceMap, by_file: dict[str, Source]) -> Iterator[Problem]:
    """Two boards, routes or areas whose diagrams would share one file name (and one id in
    the guide): refused where the second is named. boardmap.outputs.safe_name keeps names
    apart that fold to one spelling, so this takes a name chosen to meet another's."""
    from boardmap.outputs import safe_name

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
        if item._origin is None:
            return (gmap.sources[0] if gmap.sources else "<map>", 1, 1)
        return _where(item, by_file, *path)

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


# Where the rule packs' data files are (boardmap.checks.packs reads the same files).
PACK_DIR = Path(__file__).parent / "checks" / "packs"


def pack_names() -> list[str]:
    """The rule packs boardmap ships: the names of the data files in boardmap/checks/packs/,
    read as files, so that loading a map does not import the checks."""
    return sorted(path.stem for path in PACK_DIR.glob("*.yaml"))


def _pack_problems(files: list[tuple[Source, MapFile]]) -> Iterator[Problem]:
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
    item: Board | Link | Agreement | Escalation | Theme | Accepted, by_file: dict[str, Source]
) -> Iterator[Problem]:
    # An acceptance's `until` is its last day, so it may fall on its `since`.
    if isinstance(item, Accepted):
        if item.since is not None and item.until is not None and item.until < item.since:
            yield Problem(
                *_where(item, by_file, "until"),
                "schema",
                f"until ({item.until}) must not come before since ({item.since})",
            )
        return
    if item.since is not None and item.until is not None and item.until <= item.since:
        yield Problem(
            *_where(item, by_file, "until"),
            "schema",
            f"until ({item.until}) must come after since ({item.since})",
        )


def _looks_like_id(text: str, known: Suggester) -> bool:
    # A chair may be free text ("Councillor Smith"); an id-shaped chair close to a real id is
    # a typo, not a name.
    return bool(re.fullmatch(ID_PATTERN, text)) and ("-" in text or bool(_close(text, known)))


def _close(value: str, known: Suggester) -> str | None:
    return known.closest(value)


# -- dates -------------------------------------------------------------------------------


def in_force(item: Board | Link | Agreement | Escalation | Theme, on: dt.date) -> bool:
    """Since is the first day in force; until is the first day no longer in force."""
    return (item.since is None or item.since <= on) and (item.until is None or on < item.until)


def at_date(gmap: GovernanceMap, as_of: dt.date | None = None) -> GovernanceMap:
    """The map as it stands on a date: boards, links, routes and themes out of force are left
    out, and so is every mention of a board that is out of force (its links, its places in
    routes and themes, a `part_of` naming it)."""
    on = as_of or gmap.as_of
    boards = [b for b in gmap.boards if in_force(b, on)]
    live = {b.id for b in boards}
    everyone = {b.id for b in gmap.boards}
    gone = everyone - live

    def keep(ids: list[str]) -> list[str]:
        return [i for i in ids if i not in gone]

    if gone:
        boards = [_filtered_board(b, gone) for b in boards]
    links = [
        link
        for link in gmap.links
        # Most links carry no dates: skip the call for them (45,000 calls at 10,000 boards).
        if ((link.since is None and link.until is None) or in_force(link, on))
        and link.from_ in live
        and link.to in live
    ]
    escalations: list[Escalation] = []
    for route in gmap.escalations:
        if (route.since is not None or route.until is not None) and not in_force(route, on):
            continue
        if gone and (set(route.between) & gone or any(set(s.involves) & gone for s in route.steps)):
            steps = [s.model_copy(update={"involves": keep(s.involves)}) for s in route.steps]
            route = _copy(route, between=keep(route.between), steps=steps)
            if not route.between:
                continue
        escalations.append(route)
    themes: list[Theme] = []
    for theme in gmap.themes:
        if (theme.since is not None or theme.until is not None) and not in_force(theme, on):
            continue
        if gone and (theme.lead in gone or set(theme.supports) & gone):
            theme = _copy(
                theme, lead=None if theme.lead in gone else theme.lead, supports=keep(theme.supports)
            )
        themes.append(theme)
    concerns = [_copy(c, contact=None) if c.contact in gone else c for c in gmap.concerns]
    result = gmap.model_copy(
        update={
            "as_of": on,
            "boards": boards,
            "links": links,
            "escalations": escalations,
            "themes": themes,
            "agreements": _agreements_on(gmap.agreements, on),
            "concerns": concerns,
        }
    )
    result._by_id = None
    result._undated = gmap._undated if gmap._undated is not None else gmap  # for the checks
    return result


def _agreements_on(agreements: list[Agreement], on: dt.date) -> list[Agreement]:
    """The agreements in force on a date, each with only the signatures made by then."""
    kept: list[Agreement] = []
    for agreement in agreements:
        if not in_force(agreement, on):
            continue
        if any(s.on > on for s in agreement.agreed):
            # Not every approval was made yet on that date: it was still a draft then.
            status = "draft" if agreement.status == "agreed" else agreement.status
            agreement = _copy(agreement, agreed=[s for s in agreement.agreed if s.on <= on], status=status)
        kept.append(agreement)
    return kept


def _filtered_board(board: Board, gone: set[str]) -> Board:
    if gone.isdisjoint(board.members) and (board.chair is None or gone.isdisjoint(board.chairs)):
        if board.part_of is not None and board.part_of in gone:
            return _copy(board, part_of=None)
        return board  # nearly every board: no lists built (issue 8)
    members = [m for m in board.members if m not in gone]
    chairs = [c for c in board.chairs if c not in gone]
    part_of = None if board.part_of in gone else board.part_of
    if len(members) == len(board.members) and len(chairs) == len(board.chairs) and part_of == board.part_of:
        return board
    chair: str | list[str] | None
    if isinstance(board.chair, list):
        chair = chairs
    else:
        chair = chairs[0] if chairs else None
    return _copy(board, members=members, chair=chair, part_of=part_of)


def _copy(item: _T, **changes: Any) -> _T:
    copy = item.model_copy(update=changes)
    copy._origin = item._origin
    return copy


def origin_value(gmap: GovernanceMap, item: _Located, *path: str | int) -> tuple[str, int, int]:
    """The file, line and column of a value inside a board, link or route: a link's `says`.
    Where the map did not come from a YAML file, the item's own line and column 1."""
    if item._origin is None:
        return (gmap.sources[0] if gmap.sources else "<map>"), 1, 1
    file, base = item._origin
    source: Source | None = gmap._files.get(file)
    if source is None:
        file, line = origin_line(gmap, item)
        return file, line, 1
    line, column = source.position((*base, *path))
    return file, line, column


def origin_line(gmap: GovernanceMap, item: _Located) -> tuple[str, int]:
    """The file and line where a board, link, route, theme or accepted entry is declared."""
    if item._origin is None:
        return (gmap.sources[0] if gmap.sources else "<map>"), 1
    file, path = item._origin
    source: Source | None = gmap._files.get(file)
    if source is None or len(path) < 2:
        return file, 1
    return file, source.item_line(str(path[0]), int(path[1]))
