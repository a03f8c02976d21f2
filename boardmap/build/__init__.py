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
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardmap.build import findings as kept_findings
from boardmap.build.fingerprints import Fingerprints, settings
from boardmap.build.made import Made as _Made
from boardmap.build.made import Output as _Output
from boardmap.build.made import current as _current
from boardmap.build.made import keep as _keep
from boardmap.build.made import once as _once
from boardmap.build.watching import watch_changes
from boardmap.collector import no_gc
from boardmap.errors import BoardmapError, UsageError
from boardmap.folder import MANIFEST as MANIFEST  # re-exported: the name tests and tools know
from boardmap.folder import Entries, OutputFolder, foreign_files, read_manifest, sha256
from boardmap.load import load_located
from boardmap.model import GovernanceMap
from boardmap.outputs import read_bytes, safe_name

if TYPE_CHECKING:
    from boardmap.checks.engine import Finding
    from boardmap.guide import Prepared
    from boardmap.render import Drawing
    from boardmap.render.views import Labels

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
    from boardmap.drawpool import default_jobs

    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    workers = default_jobs() if jobs is None else jobs
    loaded = load_located(path, as_of=as_of)
    gmap = loaded.map
    out = Path(out_dir)
    report = BuildReport(out, checked_only=check_only)

    done: list[bool] = []
    folder: OutputFolder | None = None

    def checked() -> None:  # the findings: while the workers draw, else before writing
        if not done:
            done.append(True)
            report.findings, report.exit_status = kept_findings.found(loaded, folder, force=force)

    if check_only:
        _build(gmap, out, formats, read_manifest(out), None, force, report, progress, workers, checked)
    else:
        with OutputFolder(out, force=force) as folder:
            report.warning = folder.warning
            _build(gmap, out, formats, folder.previous, folder, force, report, progress, workers, checked)
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
    checked: Callable[[], None] = lambda: None,
) -> None:
    planned: set[str] = set()
    # Files no longer made that are provably boardmap's: deleted, so not listed in index.md.
    removable: set[str] = set()
    listed: list[frozenset[str]] = []  # the folder's files, listed once when first asked

    def present(name: str) -> bool:
        if name in planned:
            return True
        if not listed:  # one listing, not a stat for each view in each other format (2,700)
            listed.append(_files_in(out))
        return name not in removable and name in listed[0]

    cache = _Made(out)
    plan = plan_outputs(gmap, out, formats, cache, present=present)
    cache.meanwhile.append(checked)  # the map's findings, for the report
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

    # A head start on writing each output as it is made (OutputFolder.stage).
    stage = None if folder is None else folder.stage
    known: dict[str, bool] = {}

    def current(output: _Output) -> bool:  # asked early for the guide's files, then in turn
        if output.name not in known:
            known[output.name] = not force and _current(output, previous.get(output.name), out)
        return known[output.name]

    guide = [output for output in plan if output.late and output.name != INDEX]

    def guide_early() -> None:  # the guide, if it is to be made, while the last diagrams are drawn
        todo = [o for o in guide if not current(o)]
        if todo:
            guide[0].make()  # makes every part of the guide, and keeps them for their turn
            for output in todo:  # and starts writing them: not after the last diagram
                if stage is not None:
                    stage(output.name, output.make())

    cache.when_shown.append(guide_early)

    made = _make(plan, current, cache, report, progress, late=False, workers=workers, gmap=gmap, stage=stage)
    with no_gc():  # the guide: see boardmap.build.made.Made.busy
        made |= _make(plan, current, cache, report, progress, late=True, stage=stage)
    checked()  # where no worker drew, or it failed meanwhile: before anything is written
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


def _files_in(out: Path) -> frozenset[str]:
    """The names of the files in `out` (a link to a file counts, as Path.is_file counts it)."""
    try:
        with os.scandir(out) as entries:
            return frozenset(entry.name for entry in entries if entry.is_file())
    except OSError:  # not there yet, or not a folder: no file in it
        return frozenset()


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
    made: list[Fingerprints] = []

    def prints() -> Fingerprints:
        if not made:
            made.append(Fingerprints(gmap, settings=settings(formats)))
        return made[0]

    outputs: list[_Output] = []
    names = view_names(gmap)
    for name in names:
        for fmt in formats:
            outputs.append(
                _Output(
                    f"{safe_name(name)}.{fmt}",
                    _once(functools.partial(_view_print, prints, name, fmt)),
                    _drawer(gmap, name, fmt, cache),
                    job=(name, fmt),
                )
            )
    index: list[bytes] = []

    def make_index() -> bytes:
        if not index:
            index.append(_index(gmap, names, out, present, cache.labels))
        return index[0]

    # index.md is made after the diagrams, from the labels they came back with.
    outputs.append(
        _Output(INDEX, _once(lambda: prints().everything("index", *formats)), make_index, late=True)
    )
    outputs += _guide_outputs(gmap, prints, cache)
    cache.meanwhile.append(lambda: [output.inputs for output in outputs])  # last: for the end
    return outputs


def _view_print(prints: Callable[[], Fingerprints], name: str, fmt: str) -> str:
    return prints().view(name, fmt)


def _everything(prints: Callable[[], Fingerprints], *what: str) -> str:
    return prints().everything(*what)


def _drawer(gmap: GovernanceMap, name: str, fmt: str, cache: _Made) -> Callable[[], bytes]:
    def draw() -> bytes:
        from boardmap.drawpool import draw_one

        drawing = draw_one(gmap, (name, fmt))
        if drawing.page is not None:  # the guide's copy, made as the drawing was checked
            cache.copies[f"{safe_name(name)}.{fmt}"] = drawing.page
        if drawing.labels is not None:  # for index.md
            cache.labels[name] = drawing.labels
        return drawing.data

    return draw


def _index(
    gmap: GovernanceMap,
    names: list[str],
    out: Path,
    present: Callable[[str], bool] | None,
    known: dict[str, Labels] | None = None,
) -> bytes:
    from boardmap.render import index_markdown
    from boardmap.render.views import labels

    listed = [labels(gmap, n, known) for n in names]
    return index_markdown(gmap, listed, out, present=present).encode("utf-8")


def _guide_outputs(gmap: GovernanceMap, prints: Callable[[], Fingerprints], cache: _Made) -> list[_Output]:
    """guide.html, guide.md, glance.html and a big map's area pages, made together, after
    the diagrams (whose SVG they reuse)."""
    import importlib.util

    if importlib.util.find_spec("boardmap.guide") is None:  # a boardmap without the guide
        return []
    from boardmap.guideplan import area_files

    files = {**GUIDE_FILES, **{name: name for name in area_files(gmap).values()}}
    made: dict[str, bytes] = {}
    prepared: list[Prepared] = []

    def prepare() -> None:  # the guide's text, made while the workers draw
        from boardmap.guide import prepare_guide

        prepared.append(prepare_guide(gmap, known=cache.labels))

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
        _Output(file, _once(functools.partial(_everything, prints, "guide", kind)), part(kind), late=True)
        for kind, file in files.items()
    ]


# -- making and writing ----------------------------------------------------------------------------


def _make(
    plan: list[_Output],
    current: Callable[[_Output], bool],
    cache: _Made,
    report: BuildReport,
    progress: Progress | None,
    *,
    late: bool,
    workers: int = 1,
    gmap: GovernanceMap | None = None,
    stage: Callable[[str, bytes], None] | None = None,
) -> dict[str, bytes]:
    """Make every output (of this stage) that is not `current`; return name -> bytes.
    `stage(name, data)` is given each output as it is made, to start writing it."""
    todo: list[_Output] = []
    for output in plan:
        if output.late != late:
            continue
        if current(output):
            report.unchanged.append(output.name)
            cache.current.add(output.name)
        else:
            todo.append(output)
    made: dict[str, bytes] = {}
    jobs = [output.job for output in todo if output.job is not None]
    if gmap is not None and workers > 1 and todo and len(jobs) == len(todo):
        from boardmap import drawpool

        # The drawings the guide shows first: once they are back, the guide is made while the
        # workers draw the rest (Made.when_shown), not after the last.
        shown = drawpool.shown(gmap)
        wanted = [o.job is not None and o.job[1] == "svg" and o.job[0] in shown for o in todo]
        planned = sorted(range(len(todo)), key=lambda n: not wanted[n])  # each one's place in the plan
        todo = [todo[n] for n in planned]
        jobs = [output.job for output in todo if output.job is not None]
        first = waiting = sum(wanted)
        back: set[int] = set()

        def arrived(i: int, drawing: Drawing) -> None:
            back.add(i)
            output = todo[i]
            cache.fresh[output.name] = drawing.data
            _keep(cache, output, drawing)
            if stage is not None:
                stage(output.name, drawing.data)
            nonlocal waiting
            if i < first:
                waiting -= 1
                if waiting == 0:
                    cache.shown_back()

        try:
            drawn = drawpool.draw_all(
                gmap,
                jobs,
                workers,
                [o.name for o in todo],
                progress,
                meanwhile=cache.busy,
                arrived=arrived,
                planned=planned,
            )
        except drawpool.DrawFailed as failed:
            exc = drawpool.first_in_plan(gmap, jobs, planned, back, failed)
            raise BuildFailed(cache.out / todo[exc.index].name, exc.error) from exc.error
        for output, drawing in zip(todo, drawn, strict=True):
            made[output.name] = cache.fresh[output.name] = drawing.data
            _keep(cache, output, drawing)
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
        if stage is not None:
            stage(output.name, made[output.name])
        report.made.append(output.name)
    if progress is not None and todo:
        progress(len(todo), len(todo), "")
    return made


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
