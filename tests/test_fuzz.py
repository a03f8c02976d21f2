"""Fuzzing the loader: random maps and random mutations of the example maps (lines deleted,
duplicated or swapped, values swapped, indentation changed, hostile snippets and random bytes
inserted, truncation). Every run must end in a loaded map or in a MapError whose problems
each name the file, a line and a column inside it; never in any other exception.

2,000 mutations in the ordinary suite, with a fixed seed so that CI is repeatable; set
BOARDMAP_FUZZ_EXAMPLES=N for N of them with a fresh seed each run (a longer hunt).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from contextlib import redirect_stderr, redirect_stdout

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from boardmap.cli import run
from boardmap.errors import MapError, Problem
from boardmap.load import load_text
from boardmap.model import BOARD_KINDS, LINK_TYPES
from boardmap.source import decode
from tests.conftest import EXAMPLES

FILE = "fuzz.yaml"
EXTRA = int(os.environ.get("BOARDMAP_FUZZ_EXAMPLES", "0"))
MUTATIONS = EXTRA or 2000


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,  # time is not the property here; bombs have their own tests
        derandomize=not EXTRA,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


TEXTS = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES}
# Snippets a careless edit or a hostile sender might put anywhere in a file.
SNIPPETS = [
    "!!python/object/apply:os.system ['true']",
    "!custom",
    "!!binary aGVsbG8=",
    "&a",
    "*a",
    "*undefined",
    "<<: *a",
    "? ",
    "- - - -",
    "[",
    "]",
    "{",
    "}",
    "{a: 1}: b",
    '"',
    "'",
    "|",
    ">-",
    "%TAG ! tag:x,2000:",
    "---",
    "...",
    "#",
    ": ",
    "\t",
    "\ufeff",
    "\u202e",
    "\x1b[2J",
    "9" * 5000,
    "0x" + "f" * 4000,
    "2014-13-45",
    "2014",
    "~",
    "null",
    "yes",
    "NaN",
    ".inf",
    "kind: statutory",
    "type: scrutinises",
    "from: nobody",
    "id: Bad Id",
    "boardmap: 2",
    "x" * 2000,
    "[" * 100 + "]" * 100,
    "a: &x [1, 2]\nb: [*x, *x, *x]",
]


def check_problems(problems: list[Problem], text: str) -> None:
    """Each problem names the file and a line and column inside it, in one short line."""
    assert problems, "a MapError with no problem"
    last_line = text.count("\n") + 1
    for problem in problems:
        assert problem.file == FILE
        assert 1 <= problem.line <= last_line + 1, problem
        assert problem.column >= 1, problem
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", problem.rule), problem
        assert problem.message and "\n" not in problem.message, problem
        assert len(problem.message) < 1000, problem
        assert "Traceback" not in problem.message


def outcome(raw: bytes) -> None:
    """Read bytes as `load` does: decode, then parse and validate. Any exception but a
    MapError escapes and fails the test."""
    text, problems = decode(raw, FILE)
    if text is None:
        event("not text")
        check_problems(problems, raw.decode("utf-8", "replace"))
        return
    try:
        load_text(text, FILE)
    except MapError as exc:
        event(f"errors: {exc.problems[0].rule}")  # --hypothesis-show-statistics shows the mix
        check_problems(exc.problems, text)
    else:
        event("loaded")


# -- mutations of the example maps ----------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = TEXTS[draw(st.sampled_from(sorted(TEXTS)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        how = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap lines",
                    "swap values",
                    "indent",
                    "dedent",
                    "tab",
                    "snippet",
                    "text",
                    "truncate",
                ]
            )
        )
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(j, lines[i])
        elif how == "swap lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif how == "swap values":
            a, b = lines[i].partition(": "), lines[j].partition(": ")
            if a[1] and b[1]:
                lines[i], lines[j] = a[0] + ": " + b[2], b[0] + ": " + a[2]
        elif how in ("indent", "dedent", "tab"):
            body = lines[i].lstrip(" ")
            indent = len(lines[i]) - len(body)
            change = draw(st.integers(1, 6))
            indent = indent + change if how == "indent" else max(0, indent - change)
            lines[i] = ("\t" if how == "tab" else "") + " " * indent + body
        elif how in ("snippet", "text"):
            piece = draw(st.sampled_from(SNIPPETS)) if how == "snippet" else draw(st.text(max_size=30))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        else:
            del lines[i:]
    raw = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # now and then, bytes that are not text at all
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    return raw


@fuzz_settings(MUTATIONS)
@given(mutated())
def test_mutated_example_maps_load_or_give_located_errors(raw: bytes) -> None:
    outcome(raw)


def test_examples_themselves_load() -> None:
    for name, text in TEXTS.items():
        assert load_text(text, name).boards, name


# -- random maps ---------------------------------------------------------------------------

FIELDS = [
    "boardmap",
    "area",
    "title",
    "as_of",
    "rules",
    "glossary",
    "boards",
    "links",
    "escalations",
    "themes",
    "accepted",
    "id",
    "name",
    "kind",
    "from",
    "to",
    "type",
    "since",
    "until",
    "chair",
    "members",
    "steps",
    "action",
    "involves",
    "between",
    "lead",
    "supports",
    "rule",
    "board",
    "reason",
    "link",
    "short",
    "top",
    "url",
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    | st.text(max_size=20)
    | st.sampled_from([*BOARD_KINDS, *LINK_TYPES, "hwbb", "lscb", 1])
)
keys = st.sampled_from(FIELDS) | st.text(max_size=10)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)


@st.composite
def random_maps(draw: st.DrawFn) -> bytes:
    data = draw(st.dictionaries(keys, values, max_size=8))
    if draw(st.booleans()):
        data = {"boardmap": 1, "area": "Testshire", **data}
    top = data if draw(st.integers(0, 9)) else draw(values)
    style = draw(st.sampled_from([None, True, False]))
    return yaml.safe_dump(top, default_flow_style=style, allow_unicode=True).encode("utf-8")


@fuzz_settings(max(300, MUTATIONS // 8))
@given(random_maps())
def test_random_maps_load_or_give_located_errors(raw: bytes) -> None:
    outcome(raw)


# -- through the command line, in-process ----------------------------------------------------


@fuzz_settings(max(100, MUTATIONS // 10))
@given(mutated())
def test_check_exits_0_1_or_2_without_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    folder = tmp_path_factory.getbasetemp() / "fuzz-cli"
    folder.mkdir(exist_ok=True)
    path = folder / FILE
    path.write_bytes(raw)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = run(["check", str(path)])
    printed = out.getvalue() + err.getvalue()
    assert status in (0, 1, 2), printed
    assert "Traceback" not in printed and "internal error" not in printed, printed
    if status == 2:
        assert re.search(rf"^{re.escape(str(path))}:[1-9]\d*:[1-9]\d*: [a-z-]+: ", out.getvalue(), re.M), (
            printed
        )
