"""A map read from git at a revision: its files copied out of git into a temporary folder,
loaded as a working copy is, and its problems named `REV:path`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from boardmap.errors import MapError, Problem, ToolMissing, UsageError
from boardmap.load import load
from boardmap.model import GovernanceMap
from boardmap.say import diff as say


@dataclass(frozen=True)
class Revision:
    """A map read from git: the map, how to name it, and its temporary file names -> real."""

    gmap: GovernanceMap
    label: str
    file_names: dict[str, str]


def load_revision(path: Path | str, rev: str, workdir: Path | str, as_of: dt.date | None = None) -> Revision:
    """The map at `path` (a file or folder) as committed at git revision `rev`.

    The files are copied out of git into `workdir` (a temporary folder the caller owns), so
    that they load exactly as a working copy does; problems name them `REV:path`.
    """
    path = Path(path)
    where = path.resolve().parent
    spec = f"{rev}:./{path.name}"
    kind = _git(where, "cat-file", "-t", spec, what=f"{path} at {rev}")
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / path.name
    names: dict[str, str] = {}
    if kind == "tree":
        target.mkdir(parents=True, exist_ok=True)
        for name, blob in _tree_files(where, spec, what=f"{path} at {rev}"):
            data = _git_bytes(where, "cat-file", "blob", blob, what=f"{path / name} at {rev}")
            (target / name).write_bytes(data)
            names[str(target / name)] = f"{rev}:{path / name}"
    else:
        target.write_bytes(_git_bytes(where, "show", spec, what=f"{path} at {rev}"))
        names[str(target)] = f"{rev}:{path}"
    try:
        gmap = load(target, as_of=as_of)
    except MapError as exc:
        raise MapError(
            [Problem(names.get(p.file, p.file), p.line, p.column, p.rule, p.message) for p in exc.problems]
        ) from None
    return Revision(gmap, _revision_label(where, rev), names)


def _tree_files(where: Path, spec: str, what: str) -> list[tuple[str, str]]:
    """The map files of a committed folder, as (name, blob id), chosen as `check` chooses
    them in a working copy: files (not folders, links or submodules) named *.yaml or *.yml,
    not hidden. Read with -z: without it git quotes a name that is not plain ASCII
    ("b\303\274rds.yaml"), and a name may hold any character but '/' and NUL."""
    found = []
    for entry in _git_bytes(where, "ls-tree", "-z", spec, what=what).split(b"\0"):
        head, tab, raw_name = entry.partition(b"\t")
        if not tab:
            continue
        mode, kind, blob = head.decode("ascii", "replace").split()
        name = os.fsdecode(raw_name)
        if kind != "blob" or mode not in ("100644", "100755") or name.startswith("."):
            continue
        if name.lower().endswith((".yaml", ".yml")):
            found.append((name, blob))
    return sorted(found)


def _revision_label(where: Path, rev: str) -> str:
    info = _git(where, "log", "-1", "--format=%cs %h", rev, "--", what=rev).split()
    if len(info) != 2:
        return say.revision_label(rev, None, None)
    day, short = info
    return say.revision_label(rev, dt.date.fromisoformat(day), short)


def _git(where: Path, *args: str, what: str) -> str:
    return _git_bytes(where, *args, what=what).decode("utf-8", "replace").strip()


def _git_bytes(where: Path, *args: str, what: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise ToolMissing(
            "--git needs git, which is not installed; install git "
            "(for example `sudo apt install git`) or compare two files"
        ) from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git took too long to read {what}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1] if reason else f"git exited with status {done.returncode}"
        raise UsageError(f"cannot read {what} from git: {detail}")
    return done.stdout
