"""The command line's own sentences about what a command did: counts of problems, views,
outputs and findings, said with say.grammar so that '1 problem' and '3 problems' agree."""

from __future__ import annotations

from collections.abc import Sequence

from boardmap.say.findings import open_counts
from boardmap.say.grammar import agree, count


def not_loaded(problems: int) -> str:
    them = "it" if problems == 1 else "them"
    return f"{count(problems, 'problem')}: the map was not loaded. Fix {them} and run `boardmap check` again."


def no_default_map(command: str, default: str) -> str:
    """`boardmap check` with no PATH, in a folder without the default map."""
    return (
        f"no map was given, and there is no {default} here (the map read when none is given): "
        f"give the map's path, for example `boardmap {command} map.yaml`"
    )


def not_imported(problems: int) -> str:
    return (
        f"{count(problems, 'problem')}: no map was written. Fix the cells named and run "
        "`boardmap import` again."
    )


def imported(path: str, counts: Sequence[tuple[int, str]]) -> str:
    """'wrote map.yaml: 12 boards, 1 link, ...', then what to run next."""
    said = ", ".join(count(n, noun) for n, noun in counts)
    return f"wrote {path}: {said}. Run `boardmap check {path}` next."


def drawn(views: int, area: str, as_of: str, formats: Sequence[str], seconds: float) -> str:
    return f"{count(views, 'view')} of {area} as of {as_of} drawn as {', '.join(formats)} in {seconds:.1f} s."


def built(errors: int, warnings: int, infos: int, summary: str) -> str:
    """The build's last line: its open findings as `check` counts them, then its outputs."""
    return f"{open_counts(errors, warnings, infos)} {summary}"


def stale(outputs: int, path: str, out_dir: str) -> str:
    return (
        f"{count(outputs, 'output')} {agree('is', outputs)} out of date with {path}: "
        f"run `boardmap build {path} --out {out_dir}` and commit the result."
    )
