"""A full `boardmap build` against a no-change one (goal: the no-change build costs at most 5%
of a full one), on data/boards.yaml and on a 1,000-board synthetic map.

    python bench/build_bench.py [--sizes example,1000] [--repeats 3]

Two figures for each map:
- in-process: `boardmap.build.build()` timed in one warm interpreter (imports done, the
  WebAssembly Graphviz compiled), so the figure is the build's own work;
- whole process: `boardmap build PATH --out DIR` as a user runs it, interpreter start and
  imports included (the same fixed cost on both sides, which a small map cannot amortise).
A full build starts from an empty folder; a no-change build runs again on the folder a full
build just made. The two are taken alternately; each figure is a median. `measure()` is what
bench/run.py calls.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "boards.yaml"
GOAL = 0.05


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(path: Path, repeats: int = 3) -> dict[str, float]:
    """Median seconds of a full and a no-change build of `path`, in-process."""
    from boardmap.build import build

    with tempfile.TemporaryDirectory(prefix="boardmap-bench-") as tmp:
        out = Path(tmp) / "out"
        build(path, Path(tmp) / "warm-up")  # imports, and the renderer's one-off compile
        full: list[float] = []
        none: list[float] = []
        made = 0
        for _ in range(repeats):
            shutil.rmtree(out, ignore_errors=True)
            full.append(_timed(lambda: build(path, out)))
            report = build(path, out)
            none.append(_timed(lambda: build(path, out)))
            made = max(made, len(report.made))
        files = len(list(out.iterdir()))
    if made:
        raise RuntimeError(f"a build with no change remade {made} outputs")
    return {"full": statistics.median(full), "no_change": statistics.median(none), "outputs": float(files)}


def measure_process(path: Path, repeats: int = 3) -> dict[str, float]:
    """The same, each build a whole `boardmap build` process."""
    command = [sys.executable, "-m", "boardmap", "build", str(path), "--out"]
    with tempfile.TemporaryDirectory(prefix="boardmap-bench-") as tmp:
        out = Path(tmp) / "out"

        def run(*extra: str) -> None:
            subprocess.run([*command, str(out), *extra], check=False, capture_output=True, cwd=ROOT)

        full: list[float] = []
        none: list[float] = []
        for _ in range(repeats):
            shutil.rmtree(out, ignore_errors=True)
            full.append(_timed(run))
            none.append(_timed(run))
    return {"full": statistics.median(full), "no_change": statistics.median(none)}


def synthetic(size: int, folder: Path) -> Path:
    """A map of `size` boards from bench/generate.py (the performance issue's generator)."""
    path = folder / f"synthetic-{size}.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(size), "-o", str(path)],
        check=True,
        cwd=ROOT,
    )
    return path


def _line(name: str, result: dict[str, float]) -> str:
    ratio = result["no_change"] / result["full"]
    verdict = "PASS" if ratio <= GOAL else "FAIL"
    return (
        f"  {name:<13} full {result['full']:8.3f} s   no change {result['no_change']:7.3f} s"
        f"   ratio {ratio:6.1%}   {verdict} (goal <= {GOAL:.0%})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="example,1000",
        help="comma-separated: 'example' (data/boards.yaml) and board counts",
    )
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="boardmap-bench-maps-") as tmp:
        for size in args.sizes.split(","):
            path = EXAMPLE if size == "example" else synthetic(int(size), Path(tmp))
            label = "data/boards.yaml" if size == "example" else f"{size} boards"
            print(f"\n{label}:")
            try:
                result = measure(path, repeats=args.repeats)
            except Exception as exc:  # report and go on: one map's failure is a finding too
                print(f"  could not build: {type(exc).__name__}: {exc}")
                failed = True
                continue
            print(f"  {int(result['outputs'])} files in the output folder")
            print(_line("in-process", result))
            print(_line("whole process", measure_process(path, repeats=args.repeats)))
            failed |= result["no_change"] / result["full"] > GOAL
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
