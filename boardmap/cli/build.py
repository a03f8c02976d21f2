"""`boardmap build`: check, draw and write in one run, once or on every save."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from boardmap.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORCE_HELP,
    add_map_options,
    chosen_formats,
    draw_formats,
    err,
    out,
)
from boardmap.errors import MapError, UsageError
from boardmap.messages import one_line
from boardmap.say import commands


def add_build(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="check the map, then bring the diagrams and guide up to date",
        description="Check the map, draw its diagrams and write its guide in one run, "
        "remaking only the outputs whose part of the map changed (a manifest in the output "
        "folder records what each was made from). Outputs of boards no longer in the map are "
        "removed. Exit status: check's (1 where an error-severity gap is open, otherwise 0), "
        "2 when the map cannot be loaded (then no output is touched); with --check, 1 when "
        "an output is out of date.",
    )
    add_map_options(p)
    p.add_argument(
        "--out",
        default="diagrams",
        metavar="DIR",
        help="the folder for diagrams and the guide (default: diagrams)",
    )
    p.add_argument(
        "--format",
        action="append",
        type=draw_formats,
        dest="formats",
        metavar="FORMAT",
        help="draw diagrams as svg (default), png, pdf or dot; repeat, or give several as svg,png",
    )
    p.add_argument("--force", action="store_true", help="remake every output; " + FORCE_HELP)
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the outputs that are out of date with the map and "
        "exit 1 if there are any (for pre-commit and CI)",
    )
    p.add_argument(
        "--watch", action="store_true", help="build again whenever a map file is saved, until Ctrl-C"
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="draw diagrams in N processes (default: one per core; 1 draws them "
        "in this process); the outputs are the same whatever N",
    )
    p.set_defaults(handler=cmd_build)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes: give 1 or more")
    return value


def cmd_build(args: argparse.Namespace) -> int:
    from boardmap import build  # lazy: the build brings drawing and networkx, 0.20 s of start-up

    if args.check and args.watch:
        raise UsageError("use --check or --watch, not both")
    options: dict[str, Any] = {
        "as_of": args.as_of,
        "force": args.force,
        "formats": tuple(chosen_formats(args)),
        "jobs": args.jobs,
    }
    if args.watch:
        out(f"Watching {args.path}; press Ctrl-C to stop.")
        try:
            build.watch(
                args.path,
                args.out,
                on_build=_print_build,
                on_error=_print_error,
                progress=_progress(),
                **options,
            )
        except KeyboardInterrupt:  # during a build: what it had not written stays as it was
            pass
        out("Stopped watching.")
        return EXIT_OK
    report = build.build(args.path, args.out, check_only=args.check, progress=_progress(), **options)
    if args.check:
        return _print_stale(report, args.path)
    _print_build(report)
    return report.exit_status


def _print_build(report: Any) -> None:
    for finding in report.findings:
        out(one_line(f"{finding.file}:{finding.line}: {finding.severity}: {finding.rule}: {finding.message}"))
    for name in report.written:
        out(f"wrote {report.out_dir / name}")
    for name in report.removed:
        out(f"removed {report.out_dir / name}")
    for name in getattr(report, "left", []):
        err(
            f"left {report.out_dir / name}: boardmap no longer makes it, but did not write it "
            "as it is now, so it is not deleted"
        )
    if getattr(report, "warning", ""):
        err(f"boardmap: {report.warning}")
    severities = [f.severity for f in report.findings]
    errors, warnings, infos = (severities.count(s) for s in ("error", "warning", "info"))
    out(commands.built(errors, warnings, infos, report.summary()))


def _print_error(exc: Exception) -> None:
    if isinstance(exc, MapError):
        for problem in exc.problems:
            err(str(problem))
        err("The map has errors: the outputs were left as they were. Fix the map and save it.")
    else:  # the build's own errors say what became of the outputs
        err(f"boardmap: {exc}")


def _print_stale(report: Any, path: str) -> int:
    if not report.stale:
        out(f"{report.out_dir} is up to date with {path}.")
        return EXIT_OK
    refused = set(getattr(report, "refused", []))
    for name in report.written:
        if name in refused:
            out(
                f"{report.out_dir / name}: out of date, and not written by boardmap: a build "
                "will not replace it without --force"
            )
        else:
            out(f"{report.out_dir / name}: out of date")
    for name in report.removed:
        out(f"{report.out_dir / name}: no longer made from the map")
    err(commands.stale(len(report.stale), path, str(report.out_dir)))
    return EXIT_FINDINGS


def _progress() -> Callable[[int, int, str], None] | None:
    """A progress bar on the terminal (stderr), once drawing has taken more than a moment."""
    return _ProgressBar() if sys.stderr.isatty() else None


class _ProgressBar:
    DELAY = 0.5  # seconds of drawing before a bar is worth showing

    def __init__(self) -> None:
        self.start: float | None = None
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if self.start is None:
            self.start = now
        if self.bar is None and done < total and now - self.start > self.DELAY:
            from rich.console import Console
            from rich.progress import Progress  # lazy: only once a bar is shown, 0.03 s

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Drawing", total=total)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total, description=f"Drawing {name}")
        if done >= total:  # one stage of the build is drawn
            if self.bar is not None:
                self.bar.stop()
            self.bar, self.start = None, None
