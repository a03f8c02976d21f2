"""A build's findings kept in its manifest (boardmap.build.findings, issue 23): a build with
nothing changed reports exactly the findings and the exit status of a check, without checking
again; any change to the map's files, its date or the code checks again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from boardmap.build import build
from boardmap.build import findings as kept
from boardmap.checks import engine
from boardmap.checks.registry import Finding
from boardmap.folder import MANIFEST
from boardmap.load import load_located
from tests.conftest import EXAMPLES, ROOT

LAW = sorted((ROOT / "tests" / "maps" / "law").glob("*.yaml"))


def _fields(findings: list[Finding]) -> list[tuple[object, ...]]:
    """Every field, those left out of a finding's comparison too."""
    return [dataclasses.astuple(f) for f in findings]


def _no_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> object:
        raise AssertionError("the map was checked again")

    monkeypatch.setattr(engine, "check", refused)


@pytest.mark.parametrize("path", [*EXAMPLES, *LAW], ids=lambda p: p.name)
def test_a_build_with_nothing_changed_reports_the_same_findings_without_checking(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = build(path, out, formats=("dot",))
    checked = engine.check(load_located(path))
    assert _fields(first.findings) == _fields(checked.open)
    assert first.exit_status == (1 if checked.fails() else 0)
    _no_check(monkeypatch)
    again = build(path, out, formats=("dot",))
    assert _fields(again.findings) == _fields(first.findings)
    assert again.exit_status == first.exit_status
    assert again.written == [] and not again.made


def test_any_change_to_the_map_its_date_or_force_checks_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.yaml"
    text = (ROOT / "data" / "boards.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first = build(path, out, formats=("dot",))
    assert first.findings
    calls: list[object] = []
    check = engine.check

    def counted(gmap: object) -> object:
        calls.append(gmap)
        return check(gmap)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check", counted)
    # A comment line at the top: nothing in the map changes but every finding's line.
    path.write_text("# moved down a line\n" + text, encoding="utf-8")
    moved = build(path, out, formats=("dot",))
    assert len(calls) == 1
    assert [f.line for f in moved.findings] == [f.line + 1 for f in first.findings]
    build(path, out, formats=("dot",))
    assert len(calls) == 1  # kept again
    build(path, out, formats=("dot",), as_of=dt.date(2019, 6, 1))
    assert len(calls) == 2
    build(path, out, formats=("dot",), as_of=dt.date(2019, 6, 1), force=True)
    assert len(calls) == 3


def test_a_record_that_is_not_what_boardmap_writes_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    path = ROOT / "data" / "boards.yaml"
    first = build(path, out, formats=("dot",))
    manifest = out / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert set(data["findings"]) == {"key", "status", "open"}
    for spoilt in (
        {"line": "seven"},
        {"severity": "fatal"},
        {"until": "someday"},
        {"boards": "a"},
        {"extra": 1},
    ):
        broken = json.loads(json.dumps(data))
        broken["findings"]["open"][0].update(spoilt)
        manifest.write_text(json.dumps(broken), encoding="utf-8")
        again = build(path, out, formats=("dot",))
        assert _fields(again.findings) == _fields(first.findings), spoilt
        assert json.loads(manifest.read_text(encoding="utf-8"))["findings"] == data["findings"]
    manifest.write_text(json.dumps({**data, "findings": [1, 2]}), encoding="utf-8")
    assert _fields(build(path, out, formats=("dot",)).findings) == _fields(first.findings)


def test_every_field_of_a_finding_is_kept() -> None:
    finding = Finding(
        file="map.yaml",
        line=12,
        rule="missing-statutory-member",
        severity="warning",
        message='The board lacks ‘a’ member: "quoted" \u2014 and more.',
        boards=("sab", "council"),
        source="Care Act 2014, s.43",
        accepted="Agreed at the March meeting",
        links=(("sab", "council", "reports-to"),),
        theme="early-help",
        route="concerns",
        roles=("police", "icb"),
        area="Medway",
        missing=("police|pcc", "icb"),
        requirement="england-2023/sab-members",
        accepted_missing=(("icb", "They attend", dt.date(2027, 1, 31)), ("police", "Invited", None)),
        until=dt.date(2026, 12, 31),
        column=7,
    )
    written = json.loads(json.dumps(kept.record([finding], 0, "k" * 64)))
    recalled = kept.recall(written, "k" * 64)
    assert recalled is not None
    assert _fields(recalled[0]) == _fields([finding]) and recalled[1] == 0
    assert kept.recall(written, "j" * 64) is None  # another map's
    # A status that is not the one its findings give (1 only for an open error) is not kept.
    assert kept.recall({**written, "status": 1}, "k" * 64) is None
    error = dataclasses.replace(finding, severity="error")
    assert kept.recall(json.loads(json.dumps(kept.record([error], 0, "k" * 64))), "k" * 64) is None
    assert kept.recall(json.loads(json.dumps(kept.record([error], 1, "k" * 64))), "k" * 64) is not None


def test_a_map_read_from_a_workbook_is_always_checked(tmp_path: Path) -> None:
    from boardmap.workbook_out import to_workbook

    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(load_located(ROOT / "data" / "boards.yaml").map))
    assert kept.key(load_located(book), "code") is None
    assert kept.key(load_located(ROOT / "data" / "boards.yaml"), "code") is not None
