"""boardmap.diff.revisions: a map read from git at a revision, its files named REV:path, its
label said by boardmap.say.diff; and a finding of a committed map points at REV:path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from boardmap.diff import compare_git
from boardmap.diff.revisions import load_revision
from boardmap.say import diff as say

from .test_diff import BASE, _edit, _git, needs_git


@pytest.mark.parametrize(
    ("rev", "day", "short", "expected"),
    [
        ("HEAD", dt.date(2024, 3, 5), "abc1234", "the map as committed on 5 March 2024 (abc1234)"),
        ("v1.0", None, None, "the map at v1.0"),
    ],
)
def test_the_label_of_a_revision(rev: str, day: dt.date | None, short: str | None, expected: str) -> None:
    assert say.revision_label(rev, day, short) == expected


@needs_git
def test_a_folder_at_a_revision_keeps_its_names(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = repo / "map"
    folder.mkdir(parents=True)
    (folder / "bürds.yaml").write_text(BASE, encoding="utf-8")
    (folder / ".hidden.yaml").write_text("not: a map\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a map\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    found = load_revision(folder, "HEAD", tmp_path / "work")
    assert found.label.startswith("the map as committed on 5 March 2024 (")
    assert [b.id for b in found.gmap.boards][:2] == ["hwbb", "mscb"]
    assert found.file_names == {
        str(tmp_path / "work" / "map" / "bürds.yaml"): f"HEAD:{folder / 'bürds.yaml'}"
    }


@needs_git
def test_findings_of_a_revision_point_at_the_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    path = repo / "data" / "boards.yaml"
    unlinked = _edit("links:\n", "  - id: lonely\n    name: Lonely Board\n    kind: partnership\nlinks:\n")
    path.write_text(unlinked, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    path.write_text(BASE, encoding="utf-8")
    found = compare_git(path, "HEAD")
    removed = [f for f in found.diff.findings if f.status == "removed"]
    assert removed and {f.finding.file for f in removed} == {f"HEAD:{path}"}
    assert found.diff.new_label == "the map as it stands now"
    assert not [f for f in found.diff.findings if f.status == "resolved"]
