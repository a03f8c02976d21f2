"""Shared fixtures: maps written into an isolated folder, and the CLI run in-process."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from boardmap.cli import run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted([ROOT / "data" / "boards.yaml", *(ROOT / "examples").glob("*.yaml")])

MINIMAL = """\
boardmap: 1
area: Testshire
as_of: 2014-06-17
boards:
  - id: hwbb
    name: Health and Wellbeing Board
    short: HWBB
    kind: statutory-board
  - id: lscb
    name: Local Safeguarding Children Board
    short: LSCB
    kind: statutory-board
links:
  - from: lscb
    to: hwbb
    type: challenges
"""


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to a file in tmp_path and return its path."""

    def write(text: str, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@dataclass
class Result:
    status: int
    out: str
    err: str


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the CLI in-process and capture what it prints."""

    def call(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = run(list(args))
        return Result(status, out.getvalue(), err.getvalue())

    return call
