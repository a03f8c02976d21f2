"""Two maps -> a plain-language change report that a committee paper can use unedited.

- `records`: what changed, as typed records (data only);
- `compare`: two maps -> those records (`agreements`: the agreements' part);
- `revisions`: a map read from git at a revision;
- `output`: the report said (by boardmap.say.diff) as text and Markdown, and JSON;
- `diagram`: both maps in one diagram.

Every sentence names boards in full; ids appear only in JSON.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from boardmap.diff.compare import compare
from boardmap.diff.diagram import DIAGRAM_FORMATS, diagram, write_diagram
from boardmap.diff.output import MapDiff
from boardmap.diff.records import Change, FieldChange, FindingChange
from boardmap.diff.revisions import Revision, load_revision
from boardmap.load import load
from boardmap.model import GovernanceMap
from boardmap.say import diff as say

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


def diff_maps(
    old: GovernanceMap,
    new: GovernanceMap,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    findings: bool = True,
    history: bool = False,
    file_names: dict[str, str] | None = None,
) -> MapDiff:
    """What changed from `old` to `new`: boards, links, routes, themes, agreements, settings
    and findings. `history=True` compares two dates of one map (`since` and `until` are its
    history, not changes); `file_names` renames the files findings point at to the names
    readers know (a git revision read into a temporary folder, say)."""
    changes = compare(
        old,
        new,
        old_label=old_label or say.side_label(old.as_of),
        new_label=new_label or say.side_label(new.as_of),
        findings=findings,
        history=history,
        file_names=file_names,
    )
    return MapDiff.of_changes(changes)


# -- the three ways to choose two maps ---------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Two maps and what changed between them."""

    old: GovernanceMap
    new: GovernanceMap
    diff: MapDiff


def compare_paths(old_path: Path | str, new_path: Path | str, as_of: dt.date | None = None) -> Comparison:
    """Two map files or folders, each seen on `as_of` (default: its own as_of)."""
    old, new = load(old_path, as_of=as_of), load(new_path, as_of=as_of)
    result = diff_maps(old, new, old_label=say.path_label(old_path), new_label=say.path_label(new_path))
    return Comparison(old, new, result)


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
            new, new_label = load(path, as_of=as_of), say.WORKING_COPY
        result = diff_maps(old.gmap, new, old_label=old.label, new_label=new_label, file_names=names)
    return Comparison(old.gmap, new, result)
