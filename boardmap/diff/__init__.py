"""Two maps -> a plain-language change report that a committee paper can use unedited.

- `records`: what changed, as records (a change, its fields before and after, findings);
- `compare`: two maps -> those records;
- `revisions`: a map read from git at a revision;
- `diagram`: both maps in one diagram.

Every sentence names boards in full; ids appear only in JSON.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from boardmap.diff.compare import diff_maps
from boardmap.diff.diagram import DIAGRAM_FORMATS, diagram, write_diagram
from boardmap.diff.records import Change, FieldChange, FindingChange, MapDiff
from boardmap.diff.revisions import Revision, load_revision
from boardmap.load import load
from boardmap.model import GovernanceMap

__all__ = [
    "DIAGRAM_FORMATS",
    "Change",
    "Comparison",
    "FieldChange",
    "FindingChange",
    "MapDiff",
    "Revision",
    "compare_dates",
    "compare_git",
    "compare_paths",
    "diagram",
    "diff_maps",
    "load_revision",
    "write_diagram",
]


@dataclass(frozen=True)
class Comparison:
    """Two maps and what changed between them."""

    old: GovernanceMap
    new: GovernanceMap
    diff: MapDiff


def compare_paths(old_path: Path | str, new_path: Path | str, as_of: dt.date | None = None) -> Comparison:
    """Two map files or folders, each seen on `as_of` (default: its own as_of)."""
    old, new = load(old_path, as_of=as_of), load(new_path, as_of=as_of)
    return Comparison(
        old, new, diff_maps(old, new, old_label=f"the map in {old_path}", new_label=f"the map in {new_path}")
    )


def compare_dates(path: Path | str, as_of: dt.date | None, to: dt.date) -> Comparison:
    """One map on two dates: `as_of` (default: the map's own) and `to`."""
    old, new = load(path, as_of=as_of), load(path, as_of=to)
    return Comparison(old, new, diff_maps(old, new, history=True))


def compare_git(path: Path | str, revisions: str, as_of: dt.date | None = None) -> Comparison:
    """The map at `path` as committed at a revision against the working copy, or at two
    revisions ("A..B"; an empty side means HEAD on the left, the working copy on the right)."""
    first, _, second = revisions.partition("..")
    with tempfile.TemporaryDirectory(prefix="boardmap-diff-") as tmp:
        old = load_revision(path, first or "HEAD", Path(tmp) / "old", as_of=as_of)
        names = dict(old.file_names)
        if second:
            after = load_revision(path, second, Path(tmp) / "new", as_of=as_of)
            new, new_label = after.gmap, after.label
            names.update(after.file_names)
        else:
            new, new_label = load(path, as_of=as_of), "the map as it stands now"
        result = diff_maps(old.gmap, new, old_label=old.label, new_label=new_label, file_names=names)
    return Comparison(old.gmap, new, result)
