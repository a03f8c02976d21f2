"""Hostile and broken maps: nothing run, nothing exploded, never a traceback, nothing injected.

A map is written by people and passed around by email, so every map is untrusted input; its
outputs are published, so every output is read by a browser or a spreadsheet. The loader's
everyday errors are tested in test_load.py; this file tries to break it, then parses every
output made from a hostile map to show that none of the map's text is live there.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from boardmap.errors import MapError
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap
from tests.conftest import MINIMAL, ROOT, Result

Cli = Callable[..., Result]
WriteMap = Callable[..., Path]

HOSTILE = ROOT / "tests" / "maps" / "hostile"
BROKEN = HOSTILE / "broken"
# FILE:LINE:COL: RULE: message, with a line and a column of at least 1.
PROBLEM_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): "
    r"(?P<rule>[a-z-]+): (?P<message>.+)$"
)
# A generous bound on a process's peak memory: a bomb that got through would need gigabytes.
MAX_RSS_MB = 500


def problems(text: str) -> list[str]:
    with pytest.raises(MapError) as info:
        load_text(text, file="map.yaml")
    return [str(p) for p in info.value.problems]


def run_measured(*args: str, cwd: Path | None = None) -> tuple[int, str, str, float]:
    """Run the CLI in a fresh interpreter; return status, stdout, stderr and peak memory (MB)."""
    code = textwrap.dedent("""\
        import resource, sys
        from boardmap.cli import run
        status = run(sys.argv[1:])
        # VmHWM is this program's own peak. ru_maxrss is not: Linux carries it over from the
        # forked copy of the parent (pytest, hundreds of MB late in a run) across exec.
        try:
            with open("/proc/self/status") as status_file:
                peak = next(int(line.split()[1]) for line in status_file
                            if line.startswith("VmHWM:")) / 1024
        except (OSError, StopIteration):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak-rss-mb={peak:.0f}", file=sys.stderr)
        sys.exit(status)
    """)
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )
    match = re.search(r"peak-rss-mb=(\d+)\n?$", proc.stderr)
    assert match, f"the process did not finish normally (status {proc.returncode}): {proc.stderr}"
    return proc.returncode, proc.stdout, proc.stderr[: match.start()], float(match[1])


def assert_located(output: str, file: Path | str) -> list[re.Match[str]]:
    """Every line of a failed check names the file and a line and column of at least 1."""
    lines = output.strip().splitlines()
    assert lines, "no problem was reported"
    found = []
    for line in lines:
        match = PROBLEM_LINE.match(line)
        assert match, f"not FILE:LINE:COL: RULE: message: {line!r}"
        assert match["file"] == str(file)
        found.append(match)
    return found


# -- code in YAML: nothing constructed, nothing run ---------------------------------------

# Each of these, read by yaml.unsafe_load, would run a command, import a module or build an
# object. {marker} is a file the command would create; boardmap_marker is a module that
# creates it when imported.
TAGGED = {
    "apply": 'area: !!python/object/apply:os.system ["touch {marker}"]',
    "new": 'area: !!python/object/new:subprocess.check_call [[touch, "{marker}"]]',
    "object": "area: !!python/object:boardmap_marker.Thing {{x: 1}}",
    "name": "area: !!python/name:boardmap_marker.thing",
    "module": "area: !!python/module:boardmap_marker",
    "on a key": '? !!python/object/apply:os.system ["touch {marker}"]\n: x\narea: Testshire',
    "custom on a key": "!key area: Testshire",
    "custom on a value": "area: !include /etc/passwd",
    "in a flow list": 'area: Testshire\nrules: [!!python/object/apply:os.system ["touch {marker}"]]',
    "in a flow mapping": "area: Testshire\nglossary: {{a: !!python/name:boardmap_marker.thing }}",
    "on a flow key": "area: Testshire\nglossary: {{!!python/module:boardmap_marker : b}}",
    "on an anchor": "area: Testshire\nglossary: {{a: &x !!python/module:boardmap_marker , b: *x}}",
    "on a mapping": "area: !!python/object:boardmap_marker.Thing\n  x: 1",
    "verbatim": 'area: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
    "tag directive": 'area: !py!object/apply:os.system ["touch {marker}"]',
}
# A %TAG directive names a prefix before the document starts.
DIRECTIVES = {"tag directive": "%TAG !py! tag:yaml.org,2002:python/\n---\n"}


@pytest.fixture
def marker_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A module that leaves a marker file when imported; returns the marker's path."""
    marker = tmp_path / "ran"
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "boardmap_marker.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nthing = 1\nclass Thing:\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(modules))
    monkeypatch.delitem(sys.modules, "boardmap_marker", raising=False)
    return marker


@pytest.mark.parametrize("form", sorted(TAGGED))
def test_no_tag_constructs_or_runs_anything(
    form: str, cli: Cli, write_map: WriteMap, marker_module: Path
) -> None:
    line = TAGGED[form].format(marker=marker_module)
    text = DIRECTIVES.get(form, "") + MINIMAL.replace("area: Testshire", line)
    path = write_map(text)
    result = cli("check", str(path))
    assert result.status == 2
    found = assert_located(result.out, path)
    assert {m["rule"] for m in found} == {"yaml-syntax"}
    assert all(
        re.fullmatch(
            r"the tag '[^']+' is not allowed: a map holds only plain text, numbers, "
            r"dates, lists and mappings; remove the tag",
            m["message"],
        )
        for m in found
    )
    assert not marker_module.exists(), "a tag ran code"
    assert "boardmap_marker" not in sys.modules, "a tag imported a module"


def test_python_tags_fixture_runs_nothing_in_a_real_process(tmp_path: Path) -> None:
    status, out, err, _ = run_measured("check", str(BROKEN / "python-tags.yaml"), cwd=tmp_path)
    assert status == 2 and "Traceback" not in err
    assert [m["line"] for m in assert_located(out, BROKEN / "python-tags.yaml")] == ["3", "4"]
    assert list(tmp_path.iterdir()) == [], "a tag ran a command"


# -- broken files: a located error, exit status 2, never a traceback -----------------------

# Each fixture in tests/maps/hostile/broken: where its first problem is, and what it says.
BROKEN_EXPECTED = {
    "alias-bomb.yaml": (4, 10, "yaml-syntax", "expand to more than 100,000 items"),
    "alias-key.yaml": (8, 5, "yaml-syntax", "a key here is a list or a mapping"),
    "alias-long-value.yaml": (9, 271, "yaml-syntax", "expand the file to more than 64 MB of text"),
    "binary.yaml": (2, 118, "yaml-syntax", "not valid UTF-8 text (byte 0x80)"),
    "comment-only.yaml": (1, 1, "schema", "the file is empty"),
    "complex-key.yaml": (7, 3, "schema", "('a', 'b') should be text, not a list"),
    "custom-tag.yaml": (2, 1, "yaml-syntax", "the tag '!key' is not allowed"),
    "deep-compact.yaml": (4, 1, "yaml-syntax", "more than 1,000 columns of indentation"),
    "deep-flow.yaml": (2, 262, "yaml-syntax", "nests lists or mappings more than 255 levels deep"),
    "duplicate-keys.yaml": (7, 5, "yaml-syntax", "the key 'name' appears twice"),
    "empty.yaml": (1, 1, "schema", "the file is empty"),
    "empty-glossary-term.yaml": (7, 7, "schema", "a glossary term is empty; write the short form before"),
    "gzip.yaml": (1, 2, "yaml-syntax", "not valid UTF-8 text (byte 0x8B)"),
    "huge-number.yaml": (1, 1, "schema", "no file of this map gives its area"),
    "latin1.yaml": (2, 10, "yaml-syntax", "not valid UTF-8 text (byte 0xE9); it may be Latin-1"),
    "list-at-top.yaml": (1, 1, "schema", "the file holds a list at the top"),
    "list-for-boards.yaml": (4, 3, "schema", "boards should be a list, such as [a, b], not a mapping"),
    "nul.yaml": (2, 1, "yaml-syntax", "NUL character"),
    "python-tags.yaml": (3, 7, "yaml-syntax", "the tag '!!python/object/apply:os.system'"),
    "scalar-at-top.yaml": (1, 1, "schema", "the file holds a single value at the top"),
    "tab-indent.yaml": (4, 1, "yaml-syntax", "a tab indents this line; YAML indents with spaces only"),
    "two-documents.yaml": (1, 1, "yaml-syntax", "more than one YAML document"),
    "unclosed-quote.yaml": (2, 7, "yaml-syntax", "this quote is never closed"),
    "unknown-anchor.yaml": (2, 7, "yaml-syntax", "names no anchor &"),
    "utf16-odd.yaml": (3, 2, "yaml-syntax", "not valid UTF-16-LE text"),
}


def test_every_broken_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(BROKEN_EXPECTED)


@pytest.mark.parametrize("name", sorted(BROKEN_EXPECTED))
def test_broken_file_gives_a_located_error(name: str, cli: Cli) -> None:
    path = BROKEN / name
    result = cli("check", str(path))
    assert result.status == 2
    found = assert_located(result.out, path)
    line, column, rule, words = BROKEN_EXPECTED[name]
    first = found[0]
    assert (int(first["line"]), int(first["column"]), first["rule"]) == (line, column, rule)
    assert words in first["message"]
    assert "Traceback" not in result.out + result.err
    assert re.fullmatch(
        r"(1 problem: the map was not loaded\. Fix it|\d+ problems: the map was not loaded\. "
        r"Fix them) and run `boardmap check` again\.\n",
        result.err,
    )


def test_broken_files_in_json_are_valid_json(cli: Cli) -> None:
    for path in sorted(BROKEN.iterdir()):
        result = cli("check", str(path), "--format", "json")
        assert result.status == 2
        errors = json.loads(result.out)["errors"]
        assert errors and all(e["file"] == str(path) and e["line"] >= 1 and e["column"] >= 1 for e in errors)


def test_a_folder_of_broken_files_in_a_real_process(tmp_path: Path) -> None:
    """Every file of a folder is read and reported, in one run, by a real process."""
    folder = tmp_path / "map"
    folder.mkdir()
    for path in BROKEN.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    status, out, err, peak = run_measured("check", str(folder), cwd=tmp_path)
    assert status == 2
    assert "Traceback" not in out + err
    reported = {Path(m["file"]).name for m in (PROBLEM_LINE.match(x) for x in out.splitlines()) if m}
    assert reported == set(BROKEN_EXPECTED)
    assert peak < MAX_RSS_MB
    assert list(tmp_path.iterdir()) == [folder], "a tag ran a command"


def test_folder_with_no_yaml(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("boardmap: 1\n")
    (tmp_path / ".hidden.yaml").write_text("boardmap: 1\n")
    result = cli("check", str(tmp_path))
    assert result.status == 2
    assert result.err == (
        f"boardmap: {tmp_path}: the folder holds no map files (*.yaml or *.yml); "
        "point boardmap at a map file or a folder of them\n"
    )


def test_utf16_map_is_decoded(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(MINIMAL.replace("Testshire", "Ynys Môn").encode("utf-16"))
    result = cli("check", str(path))
    assert result.status == 0 and "Ynys Môn" in result.out


def test_sub_folders_are_not_map_files(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()  # a folder named like a map file
    (tmp_path / "a.yaml").write_text(MINIMAL)
    assert cli("check", str(tmp_path)).status == 0


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_path_that_is_not_a_regular_file_is_refused(cli: Cli, tmp_path: Path, special: str) -> None:
    # A pipe blocked for ever; /dev/zero filled the memory.
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "map.yaml"
        os.mkfifo(path)
    elif not path.exists():
        pytest.skip(f"{special} does not exist here")
    result = cli("check", str(path))
    assert result.status == 2
    assert result.err == (f"boardmap: {path}: not a regular file; give the path of a map (a .yaml file)\n")


def test_a_pipe_in_a_map_folder_is_not_read(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL)
    os.mkfifo(tmp_path / "b.yaml")
    assert cli("check", str(tmp_path)).status == 0


# -- size and shape: refused fast, memory bounded ----------------------------------------


def _long_value_bomb(count: int, size: int) -> str:
    """One long value, aliased `count` times: few bytes on disk, gigabytes once copied."""
    return (
        "s: &s "
        + "x" * size
        + "\n"
        + MINIMAL.replace(
            "    short: HWBB\n", f"    short: HWBB\n    members: [{', '.join(['*s'] * count)}]\n"
        )
    )


def _key_bomb(count: int, size: int) -> str:
    """A key that is a list of `count` aliases to a long value: pydantic's error message
    would spell the key out in full."""
    return MINIMAL + "s: &s " + "x" * size + "\n? [" + ", ".join(["*s"] * count) + "]\n: 1\n"


GENERATED_BOMBS: dict[str, tuple[Callable[[], str], str]] = {
    # 99,999 copies of a 100 KB value: 10 GB, were it copied
    "long value": (
        lambda: _long_value_bomb(99_999, 100_000),
        "yaml-syntax: aliases (*name) here expand the file to more than 64 MB of text",
    ),
    # a 200 MB message, were the key spelt out
    "list as key": (lambda: _key_bomb(200, 1_000_000), "yaml-syntax: a key here is a list or a mapping"),
    # crashed yaml-rs outright (a segfault) before the limit on indentation
    "deep block lists": (
        lambda: "boardmap: 1\narea:\n" + "- " * 100_000 + "x\n",
        "yaml-syntax: this line starts with more than 1,000 columns",
    ),
    "deep flow lists": (
        lambda: "boardmap: 1\narea: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "yaml-syntax: the file nests lists or mappings more than 255 levels deep",
    ),
    "deep flow mappings": (
        lambda: "boardmap: 1\narea: " + "{a: " * 100_000 + "}" * 100_000,
        "yaml-syntax: the file nests lists or mappings more than 255 levels deep",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED_BOMBS))
def test_bomb_is_refused_with_memory_bounded(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED_BOMBS[name]
    path = tmp_path / "map.yaml"
    path.write_text(make(), encoding="utf-8")
    status, out, err, peak = run_measured("check", str(path))
    assert status == 2 and "Traceback" not in err
    assert expected in out
    assert len(out) < 1000  # one short message, not the expanded value
    assert peak < MAX_RSS_MB


@pytest.mark.parametrize(
    "name", ["alias-bomb.yaml", "alias-long-value.yaml", "alias-key.yaml", "deep-compact.yaml"]
)
def test_bomb_fixture_is_refused_with_memory_bounded(name: str) -> None:
    status, out, _, peak = run_measured("check", str(BROKEN / name))
    assert status == 2
    assert len(out) < 1000
    assert peak < MAX_RSS_MB


@pytest.mark.parametrize(("depth", "refused"), [(255, False), (256, True)])
def test_nesting_limit_is_the_one_the_message_states(depth: int, refused: bool) -> None:
    text = MINIMAL.replace("area: Testshire", "area: Testshire\nrules: " + "[" * depth + "]" * depth)
    if refused:
        assert problems(text) == [
            "map.yaml:3:263: yaml-syntax: the file nests lists or mappings more than 255 levels "
            "deep; a map never needs that (check the indentation, brackets and quotes here)"
        ]
    else:  # read, then refused for what it is: rules must be a list of names
        assert all("schema" in p for p in problems(text))


def test_alias_bomb_is_refused_in_well_under_a_second_in_process() -> None:
    start = time.perf_counter()
    with pytest.raises(MapError):
        load(BROKEN / "alias-long-value.yaml")
    with pytest.raises(MapError):
        load(BROKEN / "alias-bomb.yaml")
    # Generous: the point is that it does not hang or swap (measured: a few milliseconds).
    assert time.perf_counter() - start < 5


def test_wrong_type_field_with_alias_expanded_value_gives_a_short_message() -> None:
    big = "big: &big [" + ", ".join(["a-long-board-name-repeated"] * 1000) + "]\n"
    nested = "huge: &huge [" + ", ".join(["*big"] * 30) + "]\n"
    text = MINIMAL.replace("area: Testshire", "area: *huge").replace(
        "    short: HWBB\n", "    short: HWBB\n    top: *huge\n    purpose: *big\n"
    )
    found = problems(big + nested + text)
    assert "map.yaml:4:1: schema: area should be text, not a list" in found
    assert "map.yaml:10:5: schema: top should be true or false, not a list" in found
    assert "map.yaml:11:5: schema: purpose should be text, not a list" in found
    assert max(len(p) for p in found) < 250


def test_long_values_are_cut_short_in_messages() -> None:
    long_id = "a" * 100_000
    text = (
        MINIMAL.replace("    short: HWBB\n", f"    short: HWBB\n    members: [{long_id}]\n")
        + f"? {'b' * 100_000}\n: 1\nrules: [{'c' * 100_000}]\n"
    )
    found = problems(text)
    assert len(found) == 3
    assert max(len(p) for p in found) < 300
    assert any("no board has the id 'aaaaa" in p and "...'" in p for p in found)


def test_many_aliases_of_one_long_unknown_id_are_reported_fast() -> None:
    # difflib's "did you mean" on a long value, once per alias, took minutes.
    text = (
        "s: &s "
        + "x" * 30_000
        + "\n"
        + MINIMAL.replace(
            "    short: HWBB\n", f"    short: HWBB\n    members: [{', '.join(['*s'] * 2000)}]\n"
        )
    )
    start = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - start < 5  # generous; measured: a fraction of a second
    assert [p for p in found if "unknown-board" in p] == [
        "map.yaml:1:4: unknown-board: no board has the id "
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'; "
        "declare it under `boards:` or fix the id"
    ]


def test_control_and_direction_characters_are_escaped_in_messages(cli: Cli, write_map: WriteMap) -> None:
    path = write_map(
        MINIMAL.replace(
            "    short: HWBB\n", '    short: HWBB\n    members: ["\\e[2J\\e]0;pwned\\a\\u202Eevil"]\n'
        )
    )
    result = cli("check", str(path))
    assert result.status == 2
    assert result.out == (
        f"{path}:8:15: unknown-board: no board has the id "
        "'\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil'; declare it under `boards:` "
        "or fix the id\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        "area: " + "9" * 5000,
        "area: 0x" + "f" * 4000,
        "area: Testshire\nglossary: {a: " + "9" * 5000 + "}",
    ],
)
def test_numbers_too_long_to_convert_are_a_located_error(line: str) -> None:
    found = problems(MINIMAL.replace("area: Testshire", line))
    assert any(
        re.fullmatch(
            r"map\.yaml:[23]:\d+: schema: this number is thousands of digits long, "
            r"far beyond anything a map holds: if it is meant as text, put it in "
            r"quotes",
            p,
        )
        for p in found
    )


def test_number_too_long_in_a_wrong_type_field() -> None:
    found = problems(MINIMAL.replace("    short: HWBB\n", "    short: HWBB\n    top: " + "9" * 5000 + "\n"))
    assert found == ["map.yaml:8:10: schema: top should be true or false, not a number too long to show"]


def test_map_over_64_mb_is_refused_with_the_limit(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    with path.open("wb") as handle:  # a sparse file: nothing is written, nothing read
        handle.truncate(65 * 1024 * 1024)
    result = cli("check", str(path))
    assert result.status == 2
    assert result.out == (
        f"{path}:1:1: yaml-syntax: the file is 65 MB; boardmap reads map files "
        "of up to 64 MB: split the map into a folder of smaller files\n"
    )


def big_map(boards: int) -> str:
    """A valid map of `boards` boards and as many links, about 1 KB per board."""
    purpose = "Plans and reviews how the partners work together on this theme. " * 14
    parts = ["boardmap: 1\narea: Bigshire\nas_of: 2024-06-01\nboards:\n"]
    parts += [
        f"  - id: b{i}\n    name: Board number {i}\n    kind: committee\n    purpose: {purpose}\n"
        for i in range(boards)
    ]
    parts.append("links:\n")
    parts += [f"  - {{from: b{i}, to: b{(i + 1) % boards}, type: reports-to}}\n" for i in range(boards)]
    return "".join(parts)


def test_a_20_mb_map_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(big_map(20_000), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    gmap = load(path)
    assert len(gmap.boards) == 20_000 and len(gmap.links) == 20_000


# -- injection: the map's text is text in every output ------------------------------------

# Pieces of tests/maps/hostile/injection.yaml that would be live markup, code or syntax if
# an output let them through; each must come out as plain text.
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
]
RESERVED_SVG_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "style"}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


@pytest.fixture(scope="module")
def hostile_map() -> GovernanceMap:
    return load(HOSTILE / "injection.yaml")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every diagram and the guide of the hostile map, as `boardmap build` writes them."""
    from boardmap.build import build

    out = tmp_path_factory.mktemp("hostile-build")
    build(HOSTILE / "injection.yaml", out)
    return out


def test_hostile_map_loads_with_its_text_intact(hostile_map: GovernanceMap) -> None:
    hwbb = hostile_map.board("hwbb")
    assert hwbb.name == "Health <script>alert(1)</script> Board"
    assert hwbb.purpose is not None and "back\\slash \\n \\l \\N" in hwbb.purpose
    assert hostile_map.board("lscb").name.startswith("Line one\nline two\r\n\u202eright-to-left")


def _unquoted(dot: str) -> str:
    """DOT text with every quoted string taken out: what is left is DOT's own syntax."""
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', dot)


def test_dot_keeps_the_maps_text_inside_quoted_strings(hostile_map: GovernanceMap) -> None:
    from boardmap.render import to_dot, view_names

    for view in view_names(hostile_map):
        syntax = _unquoted(to_dot(hostile_map, view))
        assert syntax.count("digraph") == 1, view
        # Outside quotes only DOT's own words: ids, attribute names, braces of the legend.
        for piece in ("script", "alert", "evil", 'label="x', "node [label", "-> b", "x -> y"):
            assert piece not in syntax, (view, piece)
        assert re.fullmatch(r'[\w\s{}\[\]=;,.#"\-<>%]*', syntax), view


def test_dot_parses_with_graphviz_into_only_the_maps_boards(
    hostile_map: GovernanceMap, tmp_path: Path
) -> None:
    dot_program = shutil.which("dot")
    if dot_program is None:
        pytest.skip("Graphviz's dot is not installed (the DOT text is checked structurally above)")
    from boardmap.render import to_dot

    source = tmp_path / "overview.dot"
    source.write_text(to_dot(hostile_map, "overview"), encoding="utf-8")
    proc = subprocess.run([dot_program, "-Tjson", str(source)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    graph = json.loads(proc.stdout)
    names = {o["name"] for o in graph["objects"] if "nodes" not in o and "subgraphs" not in o}
    boards = {n for n in names if not n.startswith(("legend-", "%"))}
    # Organisations are shown only through membership; the free-text chair has a box whose
    # id comes from the board's id and the chair's place, never from its text.
    assert boards == {"hwbb", "lscb", "ceo", "chair_hwbb_1"}
    labels = {o["name"]: o.get("label", "") for o in graph["objects"]}
    assert "<script>alert" in labels["hwbb"] and "onerror=alert(1)>" in labels["hwbb"]
    assert labels["chair_hwbb_1"].replace("\\n", " ") == "Cllr <svg onload=alert(1)> Smith"
    assert '}"; node' in labels["lscb"]
    # Edges join the map's boards only: nothing the labels said became a line.
    ends = {
        (graph["objects"][e["tail"]]["name"], graph["objects"][e["head"]]["name"])
        for e in graph.get("edges", [])
    }
    assert {pair for pair in ends if not any(n.startswith("legend-") for n in pair)} == {
        ("hwbb", "lscb"),
        ("hwbb", "ceo"),
        ("lscb", "ceo"),
        ("chair_hwbb_1", "hwbb"),
    }


# Elements that run, style, embed or submit; none may come from a map.
LIVE_ELEMENTS = {
    "script",
    "style",
    "foreignObject",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "base",
    "meta",
    "link",
    "img",
    "video",
    "audio",
    "source",
    "svg",
    "math",
    "template",
    "animate",
    "set",
    "handler",
}
# A page's own elements, which boardmap writes (never from the map's text).
OWN_ELEMENTS = {
    "svg": {"svg"},
    # the guide's stylesheet, charset/viewport, its diagrams, and its search box (an input and
    # the one script, allowed by its hash: checked in the guide's test below)
    "html": {"style", "meta", "svg", "input", "script"},
    "markdown": {"img"},  # the diagrams, as ![alt](overview.svg)
}
# Where a link may lead: a place on the page, or (from Markdown) a diagram file beside it.
LOCAL_TARGET = re.compile(r"#[a-z0-9-]+|[a-z0-9-]+\.(svg|png|pdf|dot|html)")


def _assert_no_live_markup(root: Any, kind: str) -> None:
    """No element that runs, styles or embeds but the page's own, no event handler, and no
    link or source but a local one."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = _local(element.tag)
        assert tag not in LIVE_ELEMENTS - OWN_ELEMENTS[kind], f"{kind}: a <{tag}> element"
        for name, value in element.attrib.items():
            attr = _local(name).lower()
            assert not attr.startswith("on"), f"{kind}: <{tag} {attr}={value!r}>"
            if attr in {"href", "src", "action", "formaction", "data", "xlink:href"}:
                assert LOCAL_TARGET.fullmatch(value), f"{kind}: <{tag} {attr}={value!r}>"


def test_every_svg_parses_and_holds_nothing_live(built: Path) -> None:
    svgs = sorted(built.glob("*.svg"))
    assert len(svgs) == 8
    for svg in svgs:
        root = ElementTree.parse(svg).getroot()
        assert _local(root.tag) == "svg"
        _assert_no_live_markup(root, "svg")
        text = " ".join("".join(e.itertext()) for e in root.iter() if _local(e.tag) == "text")
        if svg.name in {"overview.svg", "board-hwbb.svg"}:
            assert "Health <script>alert" in text and "onerror=alert(1)>" in text


def _html(text: str) -> Any:
    import html5lib

    # strict: a parse error (something the map's text broke) is an exception.
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def test_guide_html_parses_and_shows_the_maps_markup_as_text(built: Path) -> None:
    page = (built / "guide.html").read_text(encoding="utf-8")
    root = _html(page)
    _assert_no_live_markup(root, "html")
    assert len(root.findall(".//style")) == 1  # the guide's own stylesheet, nothing from the map
    from boardmap.guide import find

    # only the guide's own search script, never anything from the map
    assert [el.text for el in root.findall(".//script")] == [find.script()]
    assert root.find(".//title").text == ('Title <img src=x onerror=alert(1)> "}; digraph x { a -> b } //')
    text = "".join(root.itertext())
    for piece in MARKUP:
        assert piece in text, piece


@pytest.mark.parametrize("name", ["guide.md", "index.md"])
def test_markdown_outputs_hold_no_raw_html_from_the_map(built: Path, name: str) -> None:
    from markdown_it import MarkdownIt

    markdown = (built / name).read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark")

    def tokens(items: list[Any]) -> Any:
        for token in items:
            yield token
            yield from tokens(token.children or [])

    for token in tokens(parser.parse(markdown)):
        if token.type in {"html_inline", "html_block"}:
            # Only the guide's own anchors, made from ids: <a id="board-hwbb"></a>.
            assert re.fullmatch(r'<a id="[a-z0-9-]+">|</a>', token.content.strip()), token.content
        if token.type in {"link_open", "image"}:
            target = str(token.attrs.get("href") or token.attrs.get("src"))
            assert re.fullmatch(r"#[a-z0-9-]+|[a-z0-9-]+\.(svg|png|pdf|dot|html)", target), target
    html = parser.render(markdown)
    root = _html(f"<!DOCTYPE html><html><head><title>t</title></head><body>{html}</body></html>")
    _assert_no_live_markup(root, "markdown")
    text = "".join(root.itertext())
    assert "<script>alert" in text  # shown, as text


def test_csv_cells_cannot_start_a_formula(hostile_map: GovernanceMap) -> None:
    from boardmap.export import csv_tables

    cells = [
        cell for table in csv_tables(hostile_map) for row in csv.reader(io.StringIO(table)) for cell in row
    ]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "'@SUM(A1) -2+3 \tTabbed" in cells
    assert "Health <script>alert(1)</script> Board" in cells


def _without_control_characters(text: str) -> str:
    return text.replace(
        '"Control \\u0001\\u0008\\u000B\\u001B[31m red \\u007F and \\uFFFE non-character"',
        '"Control characters"',
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_parse_with_the_text_intact(fmt: str) -> None:
    import networkx as nx

    from boardmap.export import export

    text = _without_control_characters((HOSTILE / "injection.yaml").read_text(encoding="utf-8"))
    gmap = load_text(text, "injection.yaml")
    data = export(gmap, fmt)
    ElementTree.fromstring(data.encode("utf-8"))
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = read(io.BytesIO(data.encode("utf-8")))
    labels = {node: _lines(attrs.get("label")) for node, attrs in graph.nodes(data=True)}
    assert labels["hwbb"] == "Health <script>alert(1)</script> Board (<img src=x onerror=alert(1)>)"
    assert labels["lscb"] == _lines(gmap.board("lscb").label)


def _lines(text: str | None) -> str:
    # XML reads a line break written as CR LF as LF: the one change, and not a markup one.
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_parse_with_control_characters(hostile_map: GovernanceMap, fmt: str) -> None:
    from boardmap.export import export

    ElementTree.fromstring(export(hostile_map, fmt).encode("utf-8"))


def test_json_export_keeps_the_text_intact(hostile_map: GovernanceMap) -> None:
    from boardmap.export import export

    data = json.loads(export(hostile_map, "json"))
    names = {n["id"]: n.get("name") for n in data["nodes"]}
    assert names["hwbb"] == "Health <script>alert(1)</script> Board"
    assert names["council"] == hostile_map.board("council").name


# One Mermaid statement per line, each of a shape the exporter writes, the label quoted.
_MERMAID_LINE = re.compile(
    r'    b_[a-z0-9_]+(\[\[|\(\[|\[\(|\[/|\[\\|\[|\(|>)"[^"]*"(\]\]|\]\)|\)\]|/\]|\\\]|\]|\)):::k_[a-z_]+'
    r'|    b_[a-z0-9_]+ (-->|--o|==>|==x|-\.->|-\.-o|-\.-x)\|"[^"]*"\| b_[a-z0-9_]+'
    r"|    classDef k_[a-z_]+ [A-Za-z0-9:#.,\- ]+"
    r'|---|flowchart TD|title: ".*"'
)


def test_mermaid_labels_cannot_be_broken_out_of(hostile_map: GovernanceMap) -> None:
    from boardmap.export import export

    text = export(hostile_map, "mermaid")
    for line in text.splitlines():
        assert _MERMAID_LINE.fullmatch(line), line
    labels = re.findall(r'"([^"]*)"', text.split("flowchart TD", 1)[1])
    for label in labels:
        # Inside a label: no character Mermaid reads as syntax, only entity codes (#60;).
        assert not re.search(r"[<>\[\]{}|;%`\"]", re.sub(r"#(\d+|quot);", "", label)), label
    assert "%%{init" not in text and "\n    click " not in text


def test_check_of_the_hostile_map_reports_without_a_traceback(cli: Cli) -> None:
    result = cli("check", str(HOSTILE / "injection.yaml"))
    assert result.status == 0
    assert "Traceback" not in result.out + result.err
    assert result.out.splitlines()[-1] == "Open: 0 errors, 3 warnings, 0 information. Accepted: 0."


def test_check_findings_carry_no_line_breaks_or_direction_characters(cli: Cli) -> None:
    result = cli("check", str(HOSTILE / "injection.yaml"))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", result.out)
    assert "injection.yaml:20: no-accountability: Line one line two" in result.out


# -- file names: made from ids, always inside the output folder ---------------------------

WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("board-hwbb", "board-hwbb"),
        ("board-a--b", "board-a--b"),
        ("con", "con-"),
        ("CON", "con-"),
        ("aux", "aux-"),
        ("nul", "nul-"),
        ("prn", "prn-"),
        ("com1", "com1-"),
        ("lpt1", "lpt1-"),
        ("con.txt", "con-txt-"),
        ("../../etc/passwd", "etc-passwd-"),
        ("/absolute/path", "absolute-path-"),
        ("a\\b\\..\\c", "a-b-c-"),
        ("..", "unnamed-"),
        ("", "unnamed-"),
        ("   ", "unnamed-"),
        ("trailing. ", "trailing-"),
        ("naïve café", "na-ve-caf-"),
        ("x" * 300, "x" * 109 + "-"),
        ("a\x00b", "a-b-"),
        ("\u202eevil", "evil-"),
        ("board-x-", "board-x-"),
    ],
)
def test_safe_name(stem: str, expected: str) -> None:
    """A plain stem is itself; any other name keeps a readable part and ten digits of its
    hash, so that names which fold to one spelling stay apart (issues 20.8 and 24.3)."""
    import hashlib

    from boardmap.outputs import safe_name

    if expected.endswith("-"):
        expected += hashlib.sha256(stem.encode("utf-8")).hexdigest()[:10]
    assert safe_name(stem) == expected


def test_safe_name_never_leaves_the_folder_or_names_a_device(tmp_path: Path) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from boardmap.outputs import safe_name

    @settings(max_examples=500, deadline=None)
    @given(st.text(max_size=200))
    def check(stem: str) -> None:
        name = safe_name(stem)
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,119}", name)
        assert name not in WINDOWS_RESERVED  # Windows reserves the name alone (and "con.x")
        assert (tmp_path / f"{name}.svg").resolve().parent == tmp_path.resolve()

    check()


def test_safe_name_is_one_to_one(tmp_path: Path) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from boardmap.outputs import safe_name

    names = st.text(alphabet="aAbB-. _ôöΑ\u200b", max_size=8)

    @settings(max_examples=1000, deadline=None, derandomize=True)
    @given(names, names)
    def check(one: str, other: str) -> None:
        assert (safe_name(one) == safe_name(other)) == (one == other)

    check()


def test_render_all_with_windows_device_names_as_ids(tmp_path: Path) -> None:
    from boardmap.render import render_all

    ids = sorted(WINDOWS_RESERVED)
    boards = "".join(f"  - {{id: {i}, name: Board {i}, kind: committee}}\n" for i in ids)
    links = "".join(f"  - {{from: {i}, to: {ids[0]}, type: reports-to}}\n" for i in ids[1:])
    escalation = (
        "escalations:\n  - id: nul\n    name: Route\n    between: [con, aux]\n"
        "    steps:\n      - action: Meet.\n"
    )
    gmap = load_text(f"boardmap: 1\narea: X\nboards:\n{boards}links:\n{links}{escalation}")
    out = tmp_path / "out"
    paths = render_all(
        gmap, out, views=["overview", "board-con", "board-aux", "board-nul", "board-lpt1", "escalation-nul"]
    )
    assert {p.name for p in paths} == {
        "overview.svg",
        "board-con.svg",
        "board-aux.svg",
        "board-nul.svg",
        "board-lpt1.svg",
        "escalation-nul.svg",
        "index.md",
    }
    for path in out.iterdir():
        assert path.resolve().parent == out.resolve()
        assert path.name.split(".")[0] not in WINDOWS_RESERVED


def test_diff_report_and_diagram_of_hostile_maps_hold_nothing_live(cli: Cli, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    text = (HOSTILE / "injection.yaml").read_text(encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(
        text.replace(
            "  - id: ceo\n",
            '  - id: gone\n    name: "Gone <script>alert(3)</script>"\n    kind: role\n  - id: ceo\n',
        ),
        encoding="utf-8",
    )
    new = tmp_path / "new.yaml"
    new.write_text(
        text.replace("Health <script>alert(1)</script> Board", "Health <img src=x onerror=alert(2)> Board"),
        encoding="utf-8",
    )
    svg = tmp_path / "diff.svg"
    result = cli("diff", str(old), str(new), "--format", "markdown", "--diagram", str(svg))
    assert result.status == 0, result.err
    parser = MarkdownIt("commonmark")
    tokens = parser.parse(result.out)
    inline = [child for token in tokens for child in (token.children or [])]
    assert not [t for t in [*tokens, *inline] if t.type in {"html_inline", "html_block"}]
    root = _html(
        f"<!DOCTYPE html><html><head><title>t</title></head><body>{parser.render(result.out)}</body></html>"
    )
    _assert_no_live_markup(root, "markdown")
    shown = "".join(root.itertext())
    assert "Gone <script>alert(3)</script>" in shown
    assert "Health <img src=x onerror=alert(2)> Board" in shown
    _assert_no_live_markup(ElementTree.parse(svg).getroot(), "svg")
