"""Issues 20 and 24, the text half: messages at the right place, nothing printed that acts on
a terminal, strict versions and dates, SARIF URIs, git file names read with -z.

Each test reproduces a case of the adversarial reviews; docs/safety.md names them."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap.checks.report import artifact_uri
from boardmap.errors import MapError
from boardmap.load import load

from .conftest import Result

Cli = Callable[..., Result]
Write = Callable[..., Path]

BOARDS = """\
boardmap: 1
area: Testshire
boards:
  - id: a
    name: A board
    kind: committee
  - id: b
    name: B board
    kind: committee
links:
  - {from: a, to: b, type: reports-to}
"""


def _problems(path: Path) -> list[str]:
    with pytest.raises(MapError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


# -- 20.7: an unknown key is reported as itself, at its own line ----------------------------


@pytest.mark.parametrize("key", ["date", "str", "list", "bool", "list[str]", "a[1]"])
def test_an_unknown_key_with_a_type_name_is_reported_as_itself(write_map: Write, key: str) -> None:
    path = write_map(
        BOARDS.replace(
            "    kind: committee\n  - id: b", f"    kind: committee\n    {key}: 2020-01-01\n  - id: b"
        )
    )
    [problem] = _problems(path)
    assert problem.startswith(
        f"{path}:7:5: schema: unknown field '{key}' in a board; valid fields are: id, name, "
    )


@pytest.mark.parametrize("key", ["date", "weird[1]"])
def test_an_unknown_top_level_key_with_a_type_name_is_at_its_line(write_map: Write, key: str) -> None:
    path = write_map(BOARDS + f"{key}: 3\n")
    [problem] = _problems(path)
    assert problem.startswith(
        f"{path}:12:1: schema: unknown field '{key}' at the top of the file; valid fields are: "
        "boardmap, area, title, as_of, rules, glossary, boards, links, escalations, themes, "
        "accepted"
    )


def test_a_glossary_term_called_date_is_named_where_it_is(write_map: Write) -> None:
    path = write_map(BOARDS + "glossary:\n  date: [not, text]\n")
    assert _problems(path) == [f"{path}:13:9: schema: date should be text, not a list"]


def test_a_union_field_is_still_reported_once_at_the_field(write_map: Write) -> None:
    path = write_map(
        BOARDS.replace("    kind: committee\n  - id: b", "    kind: committee\n    chair: {x: 1}\n  - id: b")
    )
    assert _problems(path) == [f"{path}:7:12: schema: chair should be text, not a mapping"]


# -- 24.10: the format version and dates parsed strictly ---------------------------------------


@pytest.mark.parametrize(("version", "shown"), [("true", "true"), ("1.0", "1.0"), ("True", "true")])
def test_a_version_that_only_equals_one_is_refused(write_map: Write, version: str, shown: str) -> None:
    path = write_map(BOARDS.replace("boardmap: 1", f"boardmap: {version}"))
    assert _problems(path) == [
        f"{path}:1:11: schema: the format version is the whole number 1, not {shown}: write `boardmap: 1`"
    ]


@pytest.mark.parametrize(
    "date", ["20240101", "2024-W01-1", "2024-02-30", "2024-1-1", "２０２４-01-01", "2024-01-01T00:00"]
)
def test_as_of_takes_only_yyyy_mm_dd(cli: Cli, write_map: Write, date: str) -> None:
    path = write_map(BOARDS)
    result = cli("check", str(path), "--as-of", date)
    assert result.status == 2
    assert result.err.splitlines()[-1] == (
        f"boardmap check: error: argument --as-of: '{date}' is not a date; write it as "
        "YYYY-MM-DD, for example 2019-09-29"
    )


def test_as_of_in_the_right_form_still_works(cli: Cli, write_map: Write) -> None:
    assert cli("check", str(write_map(BOARDS)), "--as-of", "2024-01-01").status == 0


@pytest.mark.parametrize("date", ["2024-01-01T00:00:00", "2024-1-1"])
def test_a_date_in_the_map_is_a_day_written_one_way(write_map: Write, date: str) -> None:
    path = write_map(
        BOARDS.replace("kind: committee\n  - id: b", f"kind: committee\n    since: '{date}'\n  - id: b")
    )
    assert _problems(path) == [
        f"{path}:7:12: schema: since '{date}' is not a date: write it as YYYY-MM-DD, a real "
        "date (for example 2014-06-17)"
    ]


# -- 24.9: SARIF URIs are URIs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "uri"),
    [
        ("my maps/a #1 100%.yaml", "my%20maps/a%20%231%20100%25.yaml"),
        ("/tmp/a b#c%?.yaml", "file:///tmp/a%20b%23c%25%3F.yaml"),
        ("data/boards.yaml", "data/boards.yaml"),
        ("cartes/été.yaml", "cartes/%C3%A9t%C3%A9.yaml"),
        ("C:\\maps\\a b.yaml", "file:///C:/maps/a%20b.yaml"),
    ],
)
def test_sarif_uris_are_percent_encoded(file: str, uri: str) -> None:
    assert artifact_uri(file) == uri


def test_sarif_of_a_map_named_with_a_hash_points_at_it(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "maps #2"
    folder.mkdir()
    path = folder / "50% plan.yaml"
    path.write_text(BOARDS.replace("links:\n  - {from: a, to: b, type: reports-to}\n", ""))
    result = cli("check", str(path), "--format", "sarif")
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(result.out)["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert uris == {path.as_uri()}
    assert "%23" in path.as_uri() and "%25" in path.as_uri()


# -- 20.9: nothing printed acts on the terminal ----------------------------------------------------

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
HOSTILE = "Evil\x1b[2J" + OSC52 + "\u202eboard\x9b31m"


def _hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(BOARDS)
    new.write_text(
        BOARDS.replace("name: B board", f"name: {json.dumps(HOSTILE)}")
        + "  - {from: b, to: a, type: informs, says: "
        + json.dumps(HOSTILE)
        + "}\n"
    )
    return old, new


def _no_raw_controls(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\x9b\u202e"), text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_prints_no_terminal_escapes(cli: Cli, tmp_path: Path, fmt: str) -> None:
    old, new = _hostile_pair(tmp_path)
    result = cli("diff", str(old), str(new), "--format", fmt)
    assert result.status == 0
    _no_raw_controls(result.out + result.err)
    shown = "Evil\\x1b[2J\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\u202eboard\\x9b31m"
    if fmt == "markdown":  # and Markdown's own brackets escaped
        shown = shown.replace("[", "\\[").replace("]", "\\]")
    assert shown in result.out


def test_diff_json_stays_valid_json_with_the_text_intact(cli: Cli, tmp_path: Path) -> None:
    old, new = _hostile_pair(tmp_path)
    result = cli("diff", str(old), str(new), "--format", "json")
    _no_raw_controls(result.out)
    texts: list[str] = []
    json.loads(
        result.out,
        object_hook=lambda d: (
            texts.extend(
                x for v in d.values() for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)
            )
            or d
        ),
    )
    assert any(HOSTILE in text for text in texts)


def test_render_list_prints_no_terminal_escapes(cli: Cli, tmp_path: Path) -> None:
    _, new = _hostile_pair(tmp_path)
    result = cli("render", str(new), "--list")
    assert result.status == 0
    _no_raw_controls(result.out)
    assert "\\x1b]52;c;" in result.out


def test_an_area_with_escapes_is_escaped_in_every_summary(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(BOARDS.replace("area: Testshire", f"area: {json.dumps(HOSTILE)}"))
    for args in (
        ["check", str(path)],
        ["render", str(path), "--out", str(tmp_path / "o"), "--format", "dot"],
    ):
        result = cli(*args)
        assert result.status == 0, result.err
        _no_raw_controls(result.out + result.err)


# -- 24.6 and 20.12: diff --git reads folder maps whatever their file names -------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        check=True,
        capture_output=True,
    )


@needs_git
def test_diff_git_reads_a_folder_with_names_that_are_not_ascii(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "00 top.yaml").write_text("boardmap: 1\narea: Ynys Môn\n")
    (folder / "bürds é.yaml").write_text(BOARDS.replace("area: Testshire\n", ""))
    (folder / "tab\there.yaml").write_text("boardmap: 1\n")
    (folder / 'quote".yaml').write_text("boardmap: 1\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "map")
    result = cli("diff", "--git", "HEAD", str(folder))
    assert result.status == 0, result.err
    assert "added" not in result.out and "removed" not in result.out
    assert "\nNothing changed from the map as committed on " in result.out


@needs_git
def test_diff_git_skips_a_directory_named_like_a_map_file(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    (folder / "sub.yaml").mkdir(parents=True)
    (folder / "sub.yaml" / "inner.yaml").write_text("not: a map of ours\n")
    (folder / "boards.yaml").write_text(BOARDS)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "map")
    assert cli("check", str(folder)).status == 0
    result = cli("diff", "--git", "HEAD", str(folder))
    assert result.status == 0, result.err
    assert "\nNothing changed from the map as committed on " in result.out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("args", [["export", "--to", "csv"], ["protocol", "b", "a"]])
def test_documents_on_standard_output_are_escaped_only_for_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from boardmap.cli import run

    _, new = _hostile_pair(tmp_path)
    command, *rest = args
    for stream, raw in ((io.StringIO(), True), (_Terminal(), False)):
        monkeypatch.setattr("sys.stdout", stream)
        assert run([command, str(new), *rest]) == 0
        text = stream.getvalue()
        assert ("\x1b" in text and "\x07" in text) is raw, command
        assert ("\\x1b" in text and "\\x07" in text) is not raw, command


@needs_git
def test_diff_git_reads_a_single_file_named_in_any_script(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "carte été #1 ыв.yaml"
    path.write_text(BOARDS)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "map")
    path.write_text(BOARDS.replace("name: B board", "name: Bee board"))
    result = cli("diff", "--git", "HEAD", str(path))
    assert result.status == 0, result.err
    assert "Bee board" in result.out


@pytest.mark.parametrize(("first", "second"), [("1", "true"), ("null", "~"), ("1", "1.0"), ("0x1", "1")])
def test_keys_that_yaml_reads_as_one_are_reported_at_the_second(
    write_map: Write, first: str, second: str
) -> None:
    path = write_map(
        BOARDS.replace(
            "    kind: committee\n  - id: b",
            f"    kind: committee\n    {first}: x\n    {second}: y\n  - id: b",
        )
    )
    assert _problems(path) == [
        f"{path}:8:5: yaml-syntax: the keys '{first}' (line 7) and '{second}' are one key to "
        "YAML, in the same mapping; YAML would silently keep only one: remove or rename one of "
        "them"
    ]


def test_keys_that_are_not_text_are_reported_where_they_are(write_map: Write) -> None:
    path = write_map(
        BOARDS.replace(
            "    kind: committee\n  - id: b",
            "    kind: committee\n    1: x\n    null: z\n    1.5: f\n  - id: b",
        )
    )
    assert [p.split(": schema: ")[0] for p in _problems(path)] == [
        f"{path}:7:8",
        f"{path}:8:11",
        f"{path}:9:10",
    ]
