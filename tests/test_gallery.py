"""The gallery of real arrangements (examples/): every map loads, builds and names its sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from boardmap.build import build
from boardmap.load import load
from tests.conftest import ROOT

GALLERY = sorted((ROOT / "examples").glob("*.yaml"))
# A source is a published address, or one of the briefing's seed papers (read from council
# papers handed to the project); a date is written as a year at least.
SOURCE = re.compile(r"https?://\S+|seeds/\S+|seed \d{3}")
YEAR = re.compile(r"\b(19|20)\d\d\b")


def _header(path: Path) -> str:
    """The comment block at the top of a map file, before its first field after `boardmap:`."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def test_the_gallery_holds_at_least_eight_areas() -> None:
    areas = {load(path).area for path in GALLERY}
    assert len(areas) >= 8, sorted(areas)


@pytest.mark.parametrize("path", GALLERY, ids=lambda p: p.stem)
def test_each_example_names_its_sources_and_their_dates_at_the_top(path: Path) -> None:
    header = _header(path)
    assert SOURCE.search(header), f"{path.name}: no source address in the opening comment"
    assert YEAR.search(header), f"{path.name}: no date in the opening comment"


@pytest.mark.parametrize("path", GALLERY, ids=lambda p: p.stem)
def test_each_example_loads_and_builds(path: Path, tmp_path: Path) -> None:
    gmap = load(path)
    assert gmap.boards and gmap.links
    report = build(path, tmp_path / path.stem)
    assert (tmp_path / path.stem / "guide.html").exists()
    assert report.written
    # No example has an open error-severity gap: the gallery shows arrangements that work.
    assert report.exit_status == 0


def test_gallery_doc_lists_every_example() -> None:
    doc = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    for path in GALLERY:
        assert f"examples/{path.name}" in doc, f"docs/gallery.md does not list {path.name}"
