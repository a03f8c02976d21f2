"""The command line: exit statuses, output shapes, and no traceback whatever the input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, Result

Cli = Callable[..., Result]
WriteMap = Callable[..., Path]


def test_check_a_good_map_exits_0(cli: Cli, write_map: WriteMap) -> None:
    result = cli("check", str(write_map(MINIMAL)))
    assert result.status == 0
    assert "Testshire" in result.out


def test_check_a_broken_map_exits_2_with_located_errors(cli: Cli, write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("  - from: lscb", "  - from: lcsb"))
    result = cli("check", str(path))
    assert result.status == 2
    assert result.out == (f"{path}:14:11: unknown-board: no board has the id 'lcsb'; did you mean 'lscb'?\n")
    assert result.err == ("1 problem: the map was not loaded. Fix it and run `boardmap check` again.\n")


def test_no_path_and_no_default_map_says_so_and_how_to_give_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new user in the folder of their map.yaml typed `boardmap check`, and was told
    # "data/boards.yaml: no such file or folder", a file they had never heard of.
    monkeypatch.chdir(tmp_path)
    for command in ("check", "guide"):
        result = cli(command)
        assert (result.status, result.out) == (2, "")
        assert result.err == (
            "boardmap: no map was given, and there is no data/boards.yaml here (the map read "
            f"when none is given): give the map's path, for example `boardmap {command} map.yaml`\n"
        )
    named = cli("check", "data/boards.yaml")  # named, the path is reported as it is
    assert (
        named.err
        == "boardmap: data/boards.yaml: no such file or folder; give the path of a map (a .yaml file)\n"
    )


def test_check_json_shape_for_errors(cli: Cli, write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("  - from: lscb", "  - from: lcsb"))
    result = cli("check", str(path), "--format", "json")
    assert result.status == 2
    data = json.loads(result.out)
    assert set(data) == {"errors", "findings", "summary"}
    assert data["errors"] == [
        {
            "rule": "unknown-board",
            "message": "no board has the id 'lcsb'; did you mean 'lscb'?",
            "file": str(path),
            "line": 14,
            "column": 11,
        }
    ]
    assert data["findings"] == []
    assert data["summary"]["errors"] == 1


def test_check_json_shape_for_a_loaded_map(cli: Cli, write_map: WriteMap) -> None:
    result = cli("check", str(write_map(MINIMAL)), "--format", "json")
    data = json.loads(result.out)
    assert data["errors"] == []
    assert isinstance(data["findings"], list)
    for finding in data["findings"]:
        assert {"rule", "severity", "message", "boards", "file", "line"} <= set(finding)
        assert all(isinstance(b, str) for b in finding["boards"])
    assert data["summary"]["boards"] == 2


def test_check_defaults_to_data_boards_yaml(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "boards.yaml").write_text(MINIMAL, encoding="utf-8")
    result = cli("check")
    assert result.status == 0 and "Testshire, as of 17 June 2014" in result.out


def test_as_of_option(cli: Cli, write_map: WriteMap) -> None:
    path = write_map(
        MINIMAL.replace(
            "    kind: statutory-board\n  - id: lscb",
            "    kind: statutory-board\n    since: 2020-01-01\n  - id: lscb",
        )
    )
    result = cli("check", str(path), "--as-of", "2019-01-01", "--format", "json")
    assert json.loads(result.out)["summary"]["boards"] == 1
    bad = cli("check", str(path), "--as-of", "2019-13-01")
    assert bad.status == 2
    assert "'2019-13-01' is not a date; write it as YYYY-MM-DD" in bad.err


def test_schema_is_json_schema_of_the_format(cli: Cli) -> None:
    result = cli("schema")
    assert result.status == 0
    schema = json.loads(result.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    board = schema["$defs"]["Board"]
    assert board["additionalProperties"] is False
    assert set(board["required"]) == {"id", "name", "kind"}
    assert "statutory-board" in json.dumps(board["properties"]["kind"])
    link = schema["$defs"]["Link"]
    assert "from" in link["properties"] and "from_" not in link["properties"]


def test_schema_validates_the_example_map(cli: Cli) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    import yaml

    schema = json.loads(cli("schema").out)
    data = yaml.safe_load((ROOT / "data" / "boards.yaml").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as the strings editors see
    jsonschema.validate(data, schema)


def test_no_command_prints_help(cli: Cli) -> None:
    result = cli()
    assert result.status == 2
    assert "usage: boardmap" in result.out


def test_unknown_option_is_a_usage_error(cli: Cli) -> None:
    result = cli("check", "--no-such-option")
    assert result.status == 2
    assert "unrecognized arguments: --no-such-option" in result.err


def test_console_script_runs_as_a_module(write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("to: hwbb", "to: [hwbb"))
    proc = subprocess.run(
        [sys.executable, "-m", "boardmap", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"{path}:" in proc.stdout
