"""Hostile and broken maps: nothing run, nothing exploded, never a traceback, nothing injected.

A map is written by people and passed around by email, so every map is untrusted input; its
outputs are published, so every output is read by a browser or a spreadsheet. The loader's
everyday errors are tested in test_load.py; this file tries to break it, then parses every
output made from a hostile map to show that none of the map's text is live there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap.errors import MapError
from boardmap.load import load, load_text
from tests.conftest import MINIMAL, ROOT, Result

Cli = Callable[..., Result]
WriteMap = Callable[..., Path]

HOSTILE = ROOT / "tests" / "maps" / "hostile"
BROKEN = HOSTILE / "broken"
# FILE:LINE:COL: RULE: message, with a line and a column of at least 1.
PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): "
                          r"(?P<rule>[a-z-]+): (?P<message>.+)$")
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
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak-rss-mb={peak:.0f}", file=sys.stderr)
        sys.exit(status)
    """)
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)
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
        f"open({str(marker)!r}, 'w').close()\nthing = 1\nclass Thing:\n    pass\n")
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
    assert all(re.fullmatch(r"the tag '[^']+' is not allowed: a map holds only plain text, numbers, "
                            r"dates, lists and mappings; remove the tag", m["message"]) for m in found)
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
    "deep-flow.yaml": (2, 262, "yaml-syntax", "the file nests deeper than 64 levels"),
    "duplicate-keys.yaml": (7, 5, "yaml-syntax", "the key 'name' appears twice"),
    "empty.yaml": (1, 1, "schema", "the file is empty"),
    "gzip.yaml": (1, 2, "yaml-syntax", "not valid UTF-8 text (byte 0x8B)"),
    "huge-number.yaml": (1, 1, "schema", "no file of this map gives its area"),
    "latin1.yaml": (2, 10, "yaml-syntax", "not valid UTF-8 text (byte 0xE9); it may be Latin-1"),
    "list-at-top.yaml": (1, 1, "schema", "the file holds a list at the top"),
    "list-for-boards.yaml": (1, 1, "schema", "the map declares no boards"),
    "nul.yaml": (2, 1, "yaml-syntax", "NUL character"),
    "python-tags.yaml": (3, 7, "yaml-syntax", "the tag '!!python/object/apply:os.system'"),
    "scalar-at-top.yaml": (1, 1, "schema", "the file holds a single value at the top"),
    "tab-indent.yaml": (4, 2, "yaml-syntax", "tabs disallowed"),
    "two-documents.yaml": (1, 1, "yaml-syntax", "more than one YAML document"),
    "unclosed-quote.yaml": (3, 1, "yaml-syntax", "(check the indentation, brackets and quotes here)"),
    "unknown-anchor.yaml": (2, 7, "yaml-syntax", "unknown anchor"),
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
    assert re.fullmatch(r"\d+ problems?: the map was not loaded\. Fix them and run `boardmap "
                        r"check` again\.\n", result.err)


def test_broken_files_in_json_are_valid_json(cli: Cli) -> None:
    for path in sorted(BROKEN.iterdir()):
        result = cli("check", str(path), "--format", "json")
        assert result.status == 2
        errors = json.loads(result.out)["errors"]
        assert errors and all(e["file"] == str(path) and e["line"] >= 1 and e["column"] >= 1
                              for e in errors)


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
    assert result.err == (f"boardmap: {tmp_path}: the folder holds no map files (*.yaml or *.yml); "
                          "point boardmap at a map file or a folder of them\n")


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
def test_a_path_that_is_not_a_regular_file_is_refused(cli: Cli, tmp_path: Path,
                                                      special: str) -> None:
    # A pipe blocked for ever; /dev/zero filled the memory.
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "map.yaml"
        os.mkfifo(path)
    elif not path.exists():
        pytest.skip(f"{special} does not exist here")
    result = cli("check", str(path))
    assert result.status == 2
    assert result.err == (f"boardmap: {path}: not a regular file; give the path of a map "
                          "(a .yaml file)\n")


def test_a_pipe_in_a_map_folder_is_not_read(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL)
    os.mkfifo(tmp_path / "b.yaml")
    assert cli("check", str(tmp_path)).status == 0


# -- size and shape: refused fast, memory bounded ----------------------------------------

def _long_value_bomb(count: int, size: int) -> str:
    """One long value, aliased `count` times: few bytes on disk, gigabytes once copied."""
    return ("s: &s " + "x" * size + "\n" + MINIMAL.replace(
        "    short: HWBB\n", f"    short: HWBB\n    members: [{', '.join(['*s'] * count)}]\n"))


def _key_bomb(count: int, size: int) -> str:
    """A key that is a list of `count` aliases to a long value: pydantic's error message
    would spell the key out in full."""
    return MINIMAL + "s: &s " + "x" * size + "\n? [" + ", ".join(["*s"] * count) + "]\n: 1\n"


GENERATED_BOMBS: dict[str, tuple[Callable[[], str], str]] = {
    # 99,999 copies of a 100 KB value: 10 GB, were it copied
    "long value": (lambda: _long_value_bomb(99_999, 100_000),
                   "yaml-syntax: aliases (*name) here expand the file to more than 64 MB of text"),
    # a 200 MB message, were the key spelt out
    "list as key": (lambda: _key_bomb(200, 1_000_000),
                    "yaml-syntax: a key here is a list or a mapping"),
    # crashed yaml-rs outright (a segfault) before the limit on indentation
    "deep block lists": (lambda: "boardmap: 1\narea:\n" + "- " * 100_000 + "x\n",
                         "yaml-syntax: this line starts with more than 1,000 columns"),
    "deep flow lists": (lambda: "boardmap: 1\narea: " + "[" * 100_000 + "]" * 100_000 + "\n",
                        "yaml-syntax: the file nests deeper than 64 levels"),
    "deep flow mappings": (lambda: "boardmap: 1\narea: " + "{a: " * 100_000 + "}" * 100_000,
                           "yaml-syntax: the file nests deeper than 64 levels"),
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


@pytest.mark.parametrize("name", ["alias-bomb.yaml", "alias-long-value.yaml", "alias-key.yaml",
                                  "deep-compact.yaml"])
def test_bomb_fixture_is_refused_with_memory_bounded(name: str) -> None:
    status, out, _, peak = run_measured("check", str(BROKEN / name))
    assert status == 2
    assert len(out) < 1000
    assert peak < MAX_RSS_MB


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
        "    short: HWBB\n", "    short: HWBB\n    top: *huge\n    purpose: *big\n")
    found = problems(big + nested + text)
    assert "map.yaml:4:1: schema: area should be text, not a list" in found
    assert "map.yaml:10:5: schema: top should be true or false, not a list" in found
    assert "map.yaml:11:5: schema: purpose should be text, not a list" in found
    assert max(len(p) for p in found) < 250


def test_long_values_are_cut_short_in_messages() -> None:
    long_id = "a" * 100_000
    text = MINIMAL.replace("    short: HWBB\n", f"    short: HWBB\n    members: [{long_id}]\n") \
        + f"? {'b' * 100_000}\n: 1\nrules: [{'c' * 100_000}]\n"
    found = problems(text)
    assert len(found) == 3
    assert max(len(p) for p in found) < 300
    assert any("no board has the id 'aaaaa" in p and "...'" in p for p in found)


def test_many_aliases_of_one_long_unknown_id_are_reported_fast() -> None:
    # difflib's "did you mean" on a long value, once per alias, took minutes.
    text = "s: &s " + "x" * 30_000 + "\n" + MINIMAL.replace(
        "    short: HWBB\n", f"    short: HWBB\n    members: [{', '.join(['*s'] * 2000)}]\n")
    start = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - start < 5  # generous; measured: a fraction of a second
    assert [p for p in found if "unknown-board" in p] == [
        "map.yaml:1:4: unknown-board: no board has the id "
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'; "
        "declare it under `boards:` or fix the id"]


def test_control_and_direction_characters_are_escaped_in_messages(cli: Cli,
                                                                  write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace(
        "    short: HWBB\n", '    short: HWBB\n    members: ["\\e[2J\\e]0;pwned\\a\\u202Eevil"]\n'))
    result = cli("check", str(path))
    assert result.status == 2
    assert result.out == (f"{path}:8:15: unknown-board: no board has the id "
                          "'\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil'; declare it under `boards:` "
                          "or fix the id\n")


@pytest.mark.parametrize("line", [
    "area: " + "9" * 5000,
    "area: 0x" + "f" * 4000,
    "area: Testshire\nglossary: {a: " + "9" * 5000 + "}",
])
def test_numbers_too_long_to_convert_are_a_located_error(line: str) -> None:
    found = problems(MINIMAL.replace("area: Testshire", line))
    assert any(re.fullmatch(r"map\.yaml:[23]:\d+: schema: this number is thousands of digits long, "
                            r"far beyond anything a map holds: if it is meant as text, put it in "
                            r"quotes", p) for p in found)


def test_number_too_long_in_a_wrong_type_field() -> None:
    found = problems(MINIMAL.replace("    short: HWBB\n", "    short: HWBB\n    top: " + "9" * 5000 + "\n"))
    assert found == ["map.yaml:8:10: schema: top should be true or false, not a number too long to show"]


def test_map_over_64_mb_is_refused_with_the_limit(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    with path.open("wb") as handle:  # a sparse file: nothing is written, nothing read
        handle.truncate(65 * 1024 * 1024)
    result = cli("check", str(path))
    assert result.status == 2
    assert result.out == (f"{path}:1:1: yaml-syntax: the file is 65 MB; boardmap reads map files "
                          "of up to 64 MB: split the map into a folder of smaller files\n")


def big_map(boards: int) -> str:
    """A valid map of `boards` boards and as many links, about 1 KB per board."""
    purpose = "Plans and reviews how the partners work together on this theme. " * 14
    parts = ["boardmap: 1\narea: Bigshire\nas_of: 2024-06-01\nboards:\n"]
    parts += [f"  - id: b{i}\n    name: Board number {i}\n    kind: committee\n"
              f"    purpose: {purpose}\n" for i in range(boards)]
    parts.append("links:\n")
    parts += [f"  - {{from: b{i}, to: b{(i + 1) % boards}, type: reports-to}}\n" for i in range(boards)]
    return "".join(parts)


def test_a_20_mb_map_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(big_map(20_000), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    gmap = load(path)
    assert len(gmap.boards) == 20_000 and len(gmap.links) == 20_000
