"""Peak memory of boardmap on maps just under the 64 MB limit on a map file (issue 24).

    python bench/limit_memory.py [--out DIR] [--commands check,export] [--shapes ...]

A map file of up to 64 MB is read (a larger one is refused before it is read), so that size
is the most a single file can make boardmap hold. Each shape fills the 64 MB differently:

- national: bench/generate.py's synthetic national map, as many boards as fit (60,000: more
  entries than the 150,000 a map may hold, so refused, status 2, before validation);
- national-150k: the same at 24,000 boards, just under the limit on entries;
- long-text: 1,000 boards whose purposes are long (60 KB each);
- long-names: 20,000 boards with 3 KB names, each named in many findings;
- many-links: 2,000 boards and as many links as fit, with `says` and `what` filled in
  (480,000 links: refused, as above).

Each command runs in a fresh process; its peak resident memory (the child's own rusage) and
wall time are printed, with PASS where the peak is under 1 GB. The target is that no shape
peaks at 1 GB or more: `check` and `export` read the whole map and every finding, which is
what a map at the limit costs; `build` and `guide` add the diagrams (not measured here, as
drawing a 50,000-board map is limited by Graphviz, not by the map).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LIMIT = 64 * 1024 * 1024
TARGET_MB = 1024
FILL = int(LIMIT * 0.97)  # just under the limit


def _write(
    path: Path,
    head: list[str],
    item: Callable[[int], str],
    section: str = "boards",
    tail: Callable[[int], str] | None = None,
    tail_section: str = "links",
) -> int:
    """Write items until the file is just under the limit; returns how many."""
    with path.open("w", encoding="utf-8") as out:
        size = out.write("\n".join(head) + f"\n{section}:\n")
        n = 0
        while size < (FILL if tail is None else FILL // 2):
            size += out.write(item(n))
            n += 1
        if tail is not None:
            size += out.write(f"{tail_section}:\n")
            m = 0
            while size < FILL:
                size += out.write(tail(m))
                m += 1
    return n


def _generated(path: Path, boards: int) -> str:
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(boards), "-o", str(path)], check=True)
    items = sum(1 for line in path.open(encoding="utf-8") if line.startswith("  - "))
    return f"{boards:,} boards, {items:,} entries"


def national(path: Path) -> str:
    """As many boards as fit in 64 MB: more entries than a map may hold (refused)."""
    return _generated(path, 60_000)


def national_at_item_limit(path: Path) -> str:
    """The largest synthetic map under the limit on entries (150,000)."""
    return _generated(path, 24_000)


HEAD = ["boardmap: 1", "area: Testshire", "as_of: 2024-06-01"]


def long_text(path: Path) -> str:
    text = "Plans health and care together across the county. " * 1200  # 60 KB
    n = _write(
        path,
        HEAD,
        lambda i: (
            f"  - id: b{i}\n    name: Board {i}\n    kind: committee\n    purpose: {json.dumps(text)}\n"
        ),
    )
    return f"{n:,} boards with 60 KB purposes"


def long_names(path: Path) -> str:
    words = "Health and Wellbeing Partnership Board for the Integrated Care System " * 43

    def board(i: int) -> str:
        return f"  - {{id: b{i}, name: {json.dumps(f'{words}{i}')}, kind: partnership}}\n"

    n = _write(path, HEAD, board)
    return f"{n:,} boards with 3 KB names"


def many_links(path: Path) -> str:
    boards = 2_000

    def board(i: int) -> str:
        return f"  - {{id: b{i}, name: Board {i}, kind: committee}}\n"

    def link(i: int) -> str:
        a, b = i % boards, (i * 7 + 1) % boards
        b = b if b != a else (b + 1) % boards
        return (
            f"  - {{from: b{a}, to: b{b}, type: informs, says: sends its minutes, "
            f"what: the minutes of each meeting and a note of decisions {i}}}\n"
        )

    with path.open("w", encoding="utf-8") as out:
        size = out.write("\n".join(HEAD) + "\nboards:\n")
        for i in range(boards):
            size += out.write(board(i))
        size += out.write("links:\n")
        m = 0
        while size < FILL:
            size += out.write(link(m))
            m += 1
    return f"{boards:,} boards, {m:,} links"


SHAPES: dict[str, Callable[[Path], str]] = {
    "national": national,
    "national-150k": national_at_item_limit,
    "long-text": long_text,
    "long-names": long_names,
    "many-links": many_links,
}
COMMANDS = {
    "check": ["check", "--format", "json"],
    "export": ["export", "--to", "json"],
}


def measure(args: list[str]) -> tuple[int, float, float]:
    """Run boardmap in a fresh process: exit status, wall seconds, peak MB (its own rusage)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "boardmap", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the generated maps in this folder")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--commands", default=",".join(COMMANDS))
    options = parser.parse_args(argv)
    folder = options.out or Path(tempfile.mkdtemp(prefix="boardmap-limit-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"# peak memory at the 64 MB limit (target: under {TARGET_MB:,} MB)\n")
    print(f"{'shape':<11} {'command':<8} {'file':>8} {'status':>6} {'wall':>8} {'peak':>9}  result  (what)")
    failed = False
    for shape in options.shapes.split(","):
        path = folder / f"{shape}.yaml"
        what = SHAPES[shape](path)
        size = path.stat().st_size / 1_048_576
        for command in options.commands.split(","):
            status, wall, peak = measure([*COMMANDS[command][:1], str(path), *COMMANDS[command][1:]])
            ok = peak < TARGET_MB and status in (0, 1, 2)  # 2: refused, as it should be
            failed |= not ok
            print(
                f"{shape:<11} {command:<8} {size:>6.1f} MB {status:>6} {wall:>6.1f} s "
                f"{peak:>6,.0f} MB  {'PASS' if ok else 'FAIL'}    ({what})",
                flush=True,
            )
    if options.out is None:
        for path in folder.glob("*.yaml"):
            path.unlink()
        folder.rmdir()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n(this script itself: {own:,.0f} MB)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
