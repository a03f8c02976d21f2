"""A build's diagrams drawn in worker processes (`boardmap build --jobs N`, issue 23).

Each diagram is drawn from the map alone (a view's DOT text is a function of the map; the
`dot` layout is the same in any process, warm instance or fresh), so drawing them in N
processes gives the bytes one process gives: `--jobs 1` and `--jobs 2` write identical files
(tests/test_jobs.py). The parent hands out chunks of (view, format) pairs, keeps the progress
display, and takes the results in plan order; the first failure in plan order is the one
reported, as in one process.

Workers are forked where the platform allows it (the map is then shared, not copied), and
started fresh ('spawn', the map pickled to each) elsewhere. A small build is drawn in-process:
starting workers costs more than it saves. Interrupted (Ctrl-C, SIGTERM) or failing, the
parent stops its workers before it unwinds, so nothing is left running.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from boardmap import render
from boardmap.errors import BoardmapError
from boardmap.guideplan import shown_views
from boardmap.model import GovernanceMap
from boardmap.render import Drawing, engines

# Fewer diagrams than this to draw: draw them in this process.
MIN_POOLED = 32
# Chunks per worker: enough that a slow chunk at the end leaves no worker idle for long.
CHUNKS_PER_JOB = 6
MAX_CHUNK = 24
# The width asked for the pipe the drawings come back through (_widen).
PIPE_BYTES = 1 << 20

Job = tuple[str, str]  # (view name, format)
Progress = Callable[[int, int, str], None]

_gmap: GovernanceMap | None = None  # the map a worker draws from


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def draw_one(gmap: GovernanceMap, job: Job) -> Drawing:
    """One diagram drawn; an SVG the guide shows with its copy for the guide's page (made
    as it is read for the layout check, so the guide neither draws nor reads it again).
    Where its chunk drew it already, stage by stage (_draw_jobs), that drawing."""
    name, fmt = job
    if fmt == "svg":
        ready = _READY.pop(name, None) if _READY_FOR and _READY_FOR[0] is gmap else None
        if ready is not None:
            return ready
        return render.render_drawing(gmap, name, fmt, page=name in shown(gmap))
    return Drawing(render.render_view(gmap, name, fmt))


# The chunk's SVG drawings made stage by stage (render.drawn_in_stages), by view, for the
# map in _READY_FOR; draw_one takes each in its turn.
_READY: dict[str, Drawing] = {}
_READY_FOR: list[GovernanceMap] = []


_SHOWN: list[tuple[GovernanceMap, frozenset[str]]] = []  # the last map's, in this process


def shown(gmap: GovernanceMap) -> frozenset[str]:
    """The views whose page copy the guide will want (boardmap.guideplan.shown_views), kept
    for the last map; for any other, the guide reads the file itself."""
    if not _SHOWN or _SHOWN[0][0] is not gmap:
        _SHOWN[:] = [(gmap, shown_views(gmap))]
    return _SHOWN[0][1]


class _Failed:
    """A BoardmapError raised in a worker, carried back whole where it pickles, else as its
    class name and message."""

    def __init__(self, exc: BoardmapError) -> None:
        try:
            self.exc: BoardmapError | None = pickle.loads(pickle.dumps(exc))
            if type(self.exc) is not type(exc) or str(self.exc) != str(exc):
                self.exc = None
        except Exception:
            self.exc = None
        self.message = str(exc)
        self.exit_status = exc.exit_status

    def error(self) -> BoardmapError:
        if self.exc is not None:
            return self.exc
        exc = BoardmapError(self.message)
        exc.exit_status = self.exit_status
        return exc


# A chunk's drawings up to its first failure, the warnings each job raised (one list a job
# tried), and the failure.
Result = tuple[list[Drawing], list[list[warnings.WarningMessage]], "_Failed | None"]


def _start_worker(gmap: GovernanceMap | None) -> None:
    global _gmap
    if gmap is not None:  # spawned: the map comes pickled; forked, it is there already
        _gmap = gmap
    # The parent handles Ctrl-C and SIGTERM and stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A layout past its deadline ends this worker; the parent draws what it left undone
    # in-process, where the same layout is stopped in place and reported (BrokenProcessPool).
    engines.stop_process_on_deadline()


def _draw_chunk(chunk: Sequence[Job]) -> Result:
    """Draw a chunk in a worker (_draw_jobs)."""
    assert _gmap is not None
    return _draw_jobs(_gmap, chunk)


def _draw_jobs(gmap: GovernanceMap, chunk: Sequence[Job]) -> Result:
    """Draw a chunk: the bytes of each, up to the first failure, and the warnings
    (LayoutWarning) each raised, to be raised again in the parent in the plan's order."""
    drawn: list[Drawing] = []
    each: list[list[warnings.WarningMessage]] = []
    page = shown(gmap)
    _READY_FOR[:] = [gmap]
    try:
        _READY.update(
            render.drawn_in_stages(gmap, [(name, name in page) for name, fmt in chunk if fmt == "svg"])
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for job in chunk:
                seen = len(caught)
                try:
                    drawing = draw_one(gmap, job)
                except BoardmapError as exc:
                    return drawn, [*each, caught[seen:]], _Failed(exc)
                drawn.append(drawing)
                each.append(caught[seen:])
    finally:
        _READY.clear()
        _READY_FOR.clear()
    return drawn, each, None


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    # fork is unsafe with macOS's system libraries; spawn there and on Windows.
    method = "fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _chunks(jobs: Sequence[Job], workers: int) -> list[list[Job]]:
    """Chunks in order; the last few jobs (a chunk's worth for each worker) in chunks a
    quarter the size, so that at the end no worker waits long for another's last chunk."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(jobs) / (workers * CHUNKS_PER_JOB))))
    tail = max(0, len(jobs) - workers * size)
    chunks = [list(jobs[i : min(i + size, tail)]) for i in range(0, tail, size)]
    small = max(1, size // 4)
    return chunks + [list(jobs[i : i + small]) for i in range(tail, len(jobs), small)]


class DrawFailed(Exception):
    """Drawing stopped at jobs[index] with `error` (the first failure in plan order)."""

    def __init__(self, index: int, error: BoardmapError, *, first: bool = False) -> None:
        super().__init__(str(error))
        self.index, self.error = index, error
        self.first = first  # drawn in the plan's order: the first failure in it


def draw_all(
    gmap: GovernanceMap,
    jobs: Sequence[Job],
    workers: int,
    names: Sequence[str],
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
    arrived: Callable[[int, Drawing], object] | None = None,
    planned: Sequence[int] | None = None,
) -> list[Drawing]:
    """Every job drawn, in order, drawn by up to `workers` processes. `names` are the
    outputs' names, for the progress display; `meanwhile`, where given, is called once the
    workers have their work, for this process's own; `arrived(i, drawing)` as the drawing
    of jobs[i] comes back (in no set order; the build starts writing it). `planned[i]`,
    where given, is jobs[i]'s place in the plan, whose order the warnings are raised in
    (the jobs are drawn in theirs). Raises DrawFailed for the first job (in order) that
    failed with a BoardmapError (see first_in_plan); any other exception is raised as it is."""
    total = len(jobs)
    if workers <= 1 or total < MIN_POOLED:
        if planned is None:
            return _draw_here(gmap, jobs, names, progress)
        order = sorted(range(total), key=planned.__getitem__)  # in this process: the plan's
        drawn = _draw_here(gmap, [jobs[i] for i in order], [names[i] for i in order], progress, at=order)
        return [drawn[n] for n in sorted(range(total), key=order.__getitem__)]
    global _gmap
    context = _context()
    forked = context.get_start_method() == "fork"
    chunks = _chunks(jobs, workers)
    starts = [sum(len(c) for c in chunks[:i]) for i in range(len(chunks))]
    results: dict[int, Result] = {}
    _gmap = gmap if forked else None  # forked workers find the map here
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(None if forked else gmap,),
    )
    _widen(executor)
    clean = False
    try:
        pending: dict[Future[Result], int] = {
            executor.submit(_draw_chunk, chunk): i for i, chunk in enumerate(chunks)
        }
        if meanwhile is not None:  # this process's own work, done while the workers draw
            meanwhile()
        done = 0
        first_failure = len(chunks)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                results[index] = future.result()
                done += len(results[index][0])
                if arrived is not None:
                    for offset, drawing in enumerate(results[index][0]):
                        arrived(starts[index] + offset, drawing)
                if results[index][2] is not None and index < first_failure:
                    first_failure = index  # later chunks no longer matter
                    for other, i in list(pending.items()):
                        if i > index and other.cancel():
                            del pending[other]
                if progress is not None:
                    last = starts[index] + len(results[index][0]) - 1
                    progress(min(done, total), total, names[last] if last >= 0 else "")
        clean = True
    except BrokenProcessPool:  # a worker died (killed, out of memory): finish in-process
        clean = True
        return _finish_here(gmap, jobs, names, chunks, starts, results, progress, planned)
    finally:
        _gmap = None
        _stop(executor, clean)
    return _collect(chunks, starts, results, planned)


def first_in_plan(
    gmap: GovernanceMap, jobs: Sequence[Job], planned: Sequence[int], back: set[int], failed: DrawFailed
) -> DrawFailed:
    """The failure to report where `jobs` were drawn in another order than the plan's
    (`planned[i]` is jobs[i]'s place in it; boardmap.build draws the guide's first): the
    first in the plan's order, as one process reports it. A job before `failed` in the plan
    that did not come back (`back`: the indexes that did) may have failed too: it is drawn
    here, in the plan's order, and its failure is the one reported."""
    if failed.first:
        return failed
    before = sorted(
        (i for i in range(len(jobs)) if planned[i] < planned[failed.index] and i not in back),
        key=planned.__getitem__,
    )
    for i in before:
        try:
            draw_one(gmap, jobs[i])
        except BoardmapError as exc:
            return DrawFailed(i, exc)
    return failed


def _widen(executor: ProcessPoolExecutor) -> None:
    """The pipe the workers hand their drawings back through made as wide as Linux allows
    (1 MB, not 64 KB), so that a worker can put a chunk's drawings in it and go on drawing:
    this process, busy with the guide meanwhile, reads the pipe only between its own turns
    (one every 5 ms), and a worker waiting to hand back a chunk 64 KB at a time stood idle
    for up to 0.1 s a chunk. Where the pipe is not there to widen (another Python, another
    system), nothing changes but the speed."""
    fcntl = _fcntl()
    queue = getattr(executor, "_result_queue", None)
    reader = getattr(queue, "_reader", None)
    if fcntl is None or reader is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return
    try:
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (OSError, ValueError):
        pass


def _fcntl() -> Any:
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    return fcntl


def _collect(
    chunks: list[list[Job]], starts: list[int], results: dict[int, Result], planned: Sequence[int] | None
) -> list[Drawing]:
    drawn: list[Drawing] = []
    said: list[tuple[int, list[warnings.WarningMessage]]] = []
    for index in range(len(chunks)):
        data, caught, failed = results[index]
        said += [(starts[index] + n, each) for n, each in enumerate(caught)]
        drawn += data
        if failed is not None:
            _warn(said, None)
            raise DrawFailed(starts[index] + len(data), failed.error())
    _warn(said, planned)
    return drawn


def _warn(said: list[tuple[int, list[warnings.WarningMessage]]], planned: Sequence[int] | None) -> None:
    """The warnings the jobs raised, raised again here (where the CLI shows them), in the
    plan's order: each job's, by its place in the plan (`planned`) or in the jobs."""
    for _, caught in sorted(said, key=lambda job: planned[job[0]] if planned else job[0]):
        for warning in caught:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _finish_here(
    gmap: GovernanceMap,
    jobs: Sequence[Job],
    names: Sequence[str],
    chunks: list[list[Job]],
    starts: list[int],
    results: dict[int, Result],
    progress: Progress | None,
    planned: Sequence[int] | None = None,
) -> list[Drawing]:
    """The chunks the workers did not hand back, drawn here, in order, up to the first that
    fails; then every chunk's drawings and warnings (_collect)."""
    done = sum(len(results[index][0]) for index in results)
    for index, chunk in enumerate(chunks):
        if index in results:
            if results[index][2] is not None:
                break
            continue
        results[index] = _draw_jobs(gmap, chunk)
        done += len(results[index][0])
        last = starts[index] + len(results[index][0]) - 1
        if progress is not None:
            progress(done, len(jobs), names[last] if last >= 0 else "")
        if results[index][2] is not None:
            break
    return _collect(chunks, starts, results, planned)


def _draw_here(
    gmap: GovernanceMap,
    jobs: Sequence[Job],
    names: Sequence[str],
    progress: Progress | None,
    at: Sequence[int] | None = None,
) -> list[Drawing]:
    """The jobs drawn in this process, in order; a failure raised as DrawFailed for its
    index (at[index], where the jobs are others' in another order), the first in the plan."""
    drawn: list[Drawing] = []
    for index, job in enumerate(jobs):
        if progress is not None:
            progress(index, len(jobs), names[index])
        try:
            drawn.append(draw_one(gmap, job))
        except BoardmapError as exc:
            raise DrawFailed(at[index] if at is not None else index, exc, first=True) from exc
    return drawn


def _stop(executor: ProcessPoolExecutor, clean: bool) -> None:
    """Shut the pool down; after an interrupt or a failure, stop its workers first, so that
    neither this process nor its exit waits for a diagram nobody will use."""
    if not clean:
        kill = getattr(executor, "kill_workers", None)  # Python 3.14+
        if kill is not None:
            kill()
        else:
            for process in list(getattr(executor, "_processes", {}).values()):
                if process.is_alive():
                    process.kill()
    executor.shutdown(wait=clean, cancel_futures=True)
