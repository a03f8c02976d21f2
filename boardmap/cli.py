"""The command line: arguments in, library calls, messages and an exit status out.

`run(argv) -> int` does the work and never raises for bad input; `main()` exits with it.
Heavy modules (rendering, the guide) are imported inside the command that needs them, so
that `boardmap check` starts fast enough to run on every save.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from boardmap.errors import BoardmapError, LayoutWarning, MapError, Problem
from boardmap.version import __version__

DEFAULT_MAP = "data/boards.yaml"
EXIT_OK, EXIT_FINDINGS, EXIT_LOAD = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
FORCE_HELP = (
    "replace files in the folder that boardmap cannot prove it wrote (without it, "
    "such a file is left as it is and nothing is written), and a damaged manifest"
)


# -- shared options -------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    """A date given as YYYY-MM-DD and nothing else: Python's fromisoformat also takes
    20240101 and 2024-W01-1, which the help does not offer and a reader could misread."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, flags=re.ASCII):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    from boardmap.messages import clip

    raise argparse.ArgumentTypeError(
        f"'{clip(text)}' is not a date; write it as YYYY-MM-DD, for example 2019-09-29"
    )


def add_map_options(parser: argparse.ArgumentParser) -> None:
    """PATH and --as-of, the same for every command that reads a map."""
    parser.add_argument(
        "path",
        nargs="?",
        default=DEFAULT_MAP,
        metavar="PATH",
        help=f"a map file (.yaml, or an Excel workbook .xlsx), or a folder of *.yaml files "
        f"(default: {DEFAULT_MAP})",
    )
    parser.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="show the map as it stands on this date, YYYY-MM-DD (default: the map's as_of)",
    )


def out(text: str = "", stream: TextIO | None = None) -> None:
    """Print a line for people. Text from the map can hold ESC and BEL (an OSC 52 sequence
    writes the clipboard): everything printed passes through messages.terminal."""
    from boardmap.messages import terminal

    print(terminal(text), file=stream or sys.stdout)


def write_data(text: str) -> None:
    """Write a document (an export, a protocol) to standard output as it is for a pipe or a
    file, but escaped as `out` escapes when standard output is a terminal: a CSV cell or a
    Markdown line from the map can hold ESC and BEL."""
    if sys.stdout.isatty():
        from boardmap.messages import terminal

        text = terminal(text)
    sys.stdout.write(text)


def err(text: str) -> None:
    from boardmap.messages import terminal

    print(terminal(text), file=sys.stderr)


# -- check -------------------------------------------------------------------------------


def _add_check(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="load a map and report its errors and governance gaps",
        description="Load a map, report every error in it (file:line:column), then the "
        "governance gaps found. Exit status: 2 if the map cannot be loaded, 1 if an "
        "error-severity gap is open (or any warning with --strict), otherwise 0.",
    )
    add_map_options(p)
    p.add_argument(
        "--format",
        choices=["text", "json", "sarif"],
        default="text",
        help="text for people, json for tools, sarif (2.1.0) for code-scanning tools (default: text)",
    )
    p.add_argument(
        "--explain", action="store_true", help="add each finding's fix hint (how to close the gap)"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when any warning is open, not only an error")
    p.set_defaults(handler=cmd_check)


def _problems_json(problems: Sequence[Problem]) -> dict[str, Any]:
    return {
        "errors": [p.as_json() for p in problems],
        "findings": [],
        "summary": {"loaded": False, "errors": len(problems), "findings": 0},
    }


def cmd_check(args: argparse.Namespace) -> int:
    from boardmap.source import no_gc

    # The whole map stays alive until the process ends: cyclic collections over it would
    # find nothing to free, and cost a tenth of a national map's check.
    with no_gc():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from boardmap.checks import report
    from boardmap.checks.engine import check
    from boardmap.load import load

    try:
        gmap = load(args.path, as_of=args.as_of)
    except MapError as exc:
        if args.format == "json":
            out(json.dumps(_problems_json(exc.problems), indent=2))
        elif args.format == "sarif":
            out(json.dumps(report.problems_sarif(exc.problems), indent=2))
        else:
            for problem in exc.problems:
                out(str(problem))
            count = len(exc.problems)
            err(
                f"{count} problem{'s' if count != 1 else ''}: the map was not loaded. "
                "Fix them and run `boardmap check` again."
            )
        return EXIT_LOAD
    result = check(gmap)
    if args.format == "json":
        out(json.dumps(report.as_json(gmap, result), indent=2))
    elif args.format == "sarif":
        out(json.dumps(report.as_sarif(result), indent=2))
    else:
        for line in report.text_lines(gmap, result, explain=args.explain):
            out(line)
    return EXIT_FINDINGS if result.fails(strict=args.strict) else EXIT_OK


# -- rules and explain ----------------------------------------------------------------------


def _add_rules(sub: Any) -> None:
    p = sub.add_parser(
        "rules",
        help="list the governance gap rules: id, severity, what each finds",
        description="List every rule `boardmap check` applies, with its severity and what it "
        "finds. `boardmap explain RULE` shows one in full.",
    )
    p.set_defaults(handler=cmd_rules)


def cmd_rules(args: argparse.Namespace) -> int:
    from boardmap.checks import report

    for line in report.catalogue_lines():
        out(line)
    return EXIT_OK


def _add_explain(sub: Any) -> None:
    p = sub.add_parser(
        "explain",
        help="explain one rule: what it finds, why it matters, how to fix it",
        description="Explain one gap rule in full: what it finds, why it matters, how to fix "
        "it, and for statutory rules the requirements and sources it checks.",
    )
    p.add_argument("rule", metavar="RULE", help="a rule id, as `boardmap rules` lists them")
    p.set_defaults(handler=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    import difflib

    from boardmap.checks import report
    from boardmap.checks.engine import catalogue
    from boardmap.errors import UsageError

    rules = catalogue()
    if args.rule not in rules:
        close = difflib.get_close_matches(args.rule, list(rules), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else "."
        raise UsageError(f"no rule has the id '{args.rule}'{hint} Valid rules: {', '.join(rules)}.")
    for line in report.explain_lines(rules[args.rule]):
        out(line)
    return EXIT_OK


# -- schema -------------------------------------------------------------------------------


def _add_schema(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the map format, for editors",
        description="Print a JSON Schema of format v1, generated from the models. Save it and "
        "point your editor at it (see the README) to complete fields and flag mistakes.",
    )
    p.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    from boardmap.schema import json_schema

    out(json.dumps(json_schema(), indent=2))
    return EXIT_OK


# -- render -------------------------------------------------------------------------------


def _formats(text: str) -> list[str]:
    """--format svg,png or --format svg --format png."""
    from boardmap.render.engines import FORMATS

    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    for name in names:
        if name not in FORMATS:
            raise argparse.ArgumentTypeError(
                f"'{name}' is not a format boardmap draws; choose from {', '.join(FORMATS)}"
            )
    return names


def _chosen_formats(args: argparse.Namespace) -> list[str]:
    """The formats asked for with --format (each a name or a comma list), in order, once."""
    return list(dict.fromkeys(f for group in (args.formats or [["svg"]]) for f in group))


def _add_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="draw the map's diagrams (SVG, PNG, PDF or DOT)",
        description="Draw the map's diagrams into a folder, one file per view and format, "
        "and list them with their descriptions (alt text) in index.md. Views: overview, "
        "reporting, challenge, themes, escalation-<route id>, board-<board id>. SVG and PNG "
        "need no Graphviz (drawn in-process; PNG is the SVG rasterised by resvg with a shipped "
        "font, the same bytes on every machine); PDF needs Graphviz's dot. A render that "
        "fails leaves the folder as it was.",
    )
    add_map_options(p)
    p.add_argument(
        "--out", default="diagrams", metavar="DIR", help="the folder to write to (default: diagrams)"
    )
    p.add_argument(
        "--format",
        action="append",
        type=_formats,
        dest="formats",
        metavar="FORMAT",
        help="svg (default), png, pdf or dot; repeat, or give several as svg,png",
    )
    p.add_argument(
        "--view",
        action="append",
        dest="views",
        metavar="NAME",
        help="draw only this view; repeat for several (default: every view)",
    )
    p.add_argument(
        "--with-members",
        action="store_true",
        help="show organisations in the overview, with the boards they sit on",
    )
    p.add_argument(
        "--renderer",
        choices=["auto", "wasm", "system"],
        default="auto",
        help="who draws SVG and PNG: the built-in Graphviz (wasm, with resvg for "
        "PNG), the system's dot, or auto (built-in when installed); PDF always uses "
        "dot",
    )
    p.add_argument(
        "--list", action="store_true", help="list the map's views and what each shows, and draw nothing"
    )
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(handler=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    import time

    from boardmap.load import load
    from boardmap.render import describe, render_all, view_names

    gmap = load(args.path, as_of=args.as_of)
    if args.list:
        for name in view_names(gmap):
            out(f"{name}: {describe(gmap, name)}")
        return EXIT_OK
    formats = _chosen_formats(args)
    started = time.perf_counter()
    paths = render_all(
        gmap,
        args.out,
        formats=formats,
        views=args.views,
        renderer=args.renderer,
        with_members=args.with_members,
        force=args.force,
    )
    for path in paths:
        out(f"wrote {path}")
    views = len(args.views) if args.views else len(view_names(gmap))
    out(
        f"{views} view{'s' if views != 1 else ''} of {gmap.area} as of "
        f"{gmap.as_of.isoformat()} drawn as {', '.join(formats)} in "
        f"{time.perf_counter() - started:.1f} s."
    )
    return EXIT_OK


# -- guide --------------------------------------------------------------------------------


def _add_guide(sub: Any) -> None:
    p = sub.add_parser(
        "guide",
        aliases=["document"],
        help="write the plain-language guide to how the boards relate (HTML and Markdown; "
        "Word or PDF with --format)",
        description="Write guide.html (one self-contained, accessible web page with its "
        "diagrams inside it) and guide.md (the same in Markdown, linking to the diagrams' SVG "
        "files beside it) for front-line staff: what each board does, who it answers to, who "
        "holds it to account, where to take a concern, and a glossary.",
    )
    add_map_options(p)
    p.add_argument(
        "--out",
        default="diagrams",
        metavar="DIR",
        help="the folder to write guide.html and guide.md to (default: diagrams)",
    )
    p.add_argument(
        "--with-gaps",
        action="store_true",
        help="add an annex listing the map's open governance gaps, for governance officers",
    )
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.add_argument(
        "--compare",
        nargs="+",
        metavar="OTHER",
        default=[],
        help="add a short annex, 'How other areas do it': what these other areas' "
        "maps show that this map does not (see boardmap compare)",
    )
    p.add_argument(
        "--format",
        action="append",
        type=_guide_formats,
        dest="formats",
        metavar="FORMAT",
        help="html and md (the default, both), docx (Word, with "
        "the diagrams as pictures), or pdf (printed by Chromium); repeat, or give "
        "several as html,docx",
    )
    p.set_defaults(handler=cmd_guide)


GUIDE_FORMATS = ("html", "md", "docx", "pdf")


def _guide_formats(text: str) -> list[str]:
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    for name in names:
        if name not in GUIDE_FORMATS:
            raise argparse.ArgumentTypeError(
                f"'{name}' is not a format the guide is written in; choose from {', '.join(GUIDE_FORMATS)}"
            )
    return names


def cmd_guide(args: argparse.Namespace) -> int:
    from boardmap.guide import write_guide
    from boardmap.load import load

    gmap = load(args.path, as_of=args.as_of)
    annexes = []
    if args.compare:
        from boardmap.compare import compare_paths
        from boardmap.compare.annex import guide_annex

        annexes.append(guide_annex(compare_paths([args.path, *args.compare], as_of=args.as_of)))
    formats = list(dict.fromkeys(f for group in (args.formats or [["html", "md"]]) for f in group))
    written = []
    if "html" in formats or "md" in formats:  # written together, with the SVGs guide.md shows
        written += write_guide(gmap, args.out, with_gaps=args.with_gaps, annexes=annexes, force=args.force)
    office = [f for f in formats if f in ("docx", "pdf")]
    if office:
        from boardmap.office import write_guide_formats

        written += write_guide_formats(
            gmap, args.out, office, with_gaps=args.with_gaps, annexes=annexes, force=args.force
        )
    for path in written:
        out(f"wrote {path}")
    return EXIT_OK


# -- build --------------------------------------------------------------------------------


def _add_build(sub: Any) -> None:
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
        type=_formats,
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
    from boardmap import build

    if args.check and args.watch:
        from boardmap.errors import UsageError

        raise UsageError("use --check or --watch, not both")
    options: dict[str, Any] = {
        "as_of": args.as_of,
        "force": args.force,
        "formats": tuple(_chosen_formats(args)),
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
    from boardmap.messages import one_line

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
    count, errors = len(report.findings), sum(f.severity == "error" for f in report.findings)
    out(
        f"{count} finding{'' if count == 1 else 's'} ({errors} error{'' if errors == 1 else 's'})"
        f". {report.summary()}"
    )


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
    count = len(report.stale)
    err(
        f"{count} output{'s are' if count != 1 else ' is'} out of date with {path}: "
        f"run `boardmap build {path} --out {report.out_dir}` and commit the result."
    )
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
        import time

        now = time.monotonic()
        if self.start is None:
            self.start = now
        if self.bar is None and done < total and now - self.start > self.DELAY:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Drawing", total=total)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total, description=f"Drawing {name}")
        if done >= total:  # one stage of the build is drawn
            if self.bar is not None:
                self.bar.stop()
            self.bar, self.start = None, None


# -- diff ---------------------------------------------------------------------------------


def _add_diff(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        help="say in plain words what changed between two versions of a map",
        description="Compare two maps and print a plain-language change report: boards, "
        "links, escalation routes and themes added, removed and changed, and the findings "
        "that appear or are resolved. Compare two files or folders (OLD NEW), a map with "
        "itself at a git revision (--git REV [PATH], or --git A..B), or two dates of one map "
        "(PATH --as-of DATE --to DATE). Exit status: 0, or 2 when a map cannot be loaded.",
    )
    p.add_argument(
        "maps",
        nargs="*",
        metavar="MAP",
        help=f"OLD and NEW maps; with --git or --to, one PATH (default: {DEFAULT_MAP})",
    )
    p.add_argument(
        "--git",
        metavar="REV",
        help="compare PATH as committed at REV (HEAD, HEAD~1, a tag) with the "
        "working copy; A..B compares two revisions",
    )
    p.add_argument(
        "--as-of", type=_date, metavar="DATE", help="see both maps on this date (with --to: the earlier date)"
    )
    p.add_argument(
        "--to",
        type=_date,
        metavar="DATE",
        help="compare PATH on --as-of DATE (default: its as_of) with PATH on this date",
    )
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="text for the terminal, markdown for a committee paper, json for tools",
    )
    p.add_argument(
        "--diagram",
        metavar="FILE",
        help="also draw both maps in one diagram (.svg or .dot), marking what is new and what was removed",
    )
    p.set_defaults(handler=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    from boardmap import diff
    from boardmap.errors import UsageError

    if (args.git or args.to) and len(args.maps) > 1:
        raise UsageError("with --git or --to, give one map (PATH), not two")
    if args.git and args.to:
        raise UsageError("use --git or --to, not both")
    if not (args.git or args.to) and len(args.maps) != 2:
        raise UsageError(
            "give two maps to compare (OLD NEW), or one map with --git REV or with --as-of DATE --to DATE"
        )
    path = args.maps[0] if args.maps else DEFAULT_MAP
    if args.git:
        found = diff.compare_git(path, args.git, as_of=args.as_of)
    elif args.to:
        found = diff.compare_dates(path, args.as_of, args.to)
    else:
        found = diff.compare_paths(args.maps[0], args.maps[1], as_of=args.as_of)
    if args.diagram:
        # On standard error: standard output is the report (JSON with --format json).
        err(f"wrote {diff.write_diagram(found.old, found.new, found.diff, args.diagram)}")
    if args.format == "json":
        # JSON escapes C0 controls itself; C1 controls and direction marks, which the
        # terminal would act on, become \u escapes too, so the JSON stays valid.
        out(_json_escapes(json.dumps(found.diff.to_json(), indent=2, ensure_ascii=False)))
    elif args.format == "markdown":
        out(found.diff.to_markdown().rstrip("\n"))
    else:
        out(found.diff.to_text().rstrip("\n"))
    return EXIT_OK


def _json_escapes(text: str) -> str:
    return re.sub("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m[0]):04x}", text)


# -- protocol -------------------------------------------------------------------------------


def _add_protocol(sub: Any) -> None:
    p = sub.add_parser(
        "protocol",
        help="draft the protocol between two boards (Markdown, HTML or Word)",
        description="Draft, from the map, the protocol between boards A and B in plain "
        "language: why it exists, each board's role and legal basis, what each does for the "
        "other (every link between them, with what passes and how often), who else they work "
        "with under it, shared priorities, the escalation steps, the review date and a "
        "sign-off table. Where the map records an agreement between them (`agreements:`), it "
        "follows what that covers and who has signed it. Exit status: 0, or 2 when the map "
        "cannot be loaded or a board id is unknown.",
    )
    add_map_options(p)
    p.add_argument("a", metavar="A", help="the id of one board")
    p.add_argument("b", metavar="B", help="the id of the other board")
    p.add_argument(
        "--format",
        choices=["md", "html", "docx"],
        dest="protocol_format",
        help="md (Markdown), html (one web page) or docx (Word); default: from the "
        "name given with -o, else md",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically); default: standard output, or protocol-A-B.docx for Word",
    )
    p.set_defaults(handler=cmd_protocol)


def cmd_protocol(args: argparse.Namespace) -> int:
    from boardmap.load import load
    from boardmap.protocol import check_boards, draft, format_for, render, write_protocol

    gmap = load(args.path, as_of=args.as_of)
    check_boards(gmap, args.a, args.b)
    fmt = format_for(args.output, args.protocol_format)
    output = args.output
    if output is None and fmt == "docx":
        from boardmap.outputs import safe_name

        output = f"protocol-{safe_name(args.a)}-{safe_name(args.b)}.docx"
    if output is None:
        write_data(render(draft(gmap, args.a, args.b), fmt).decode("utf-8"))
        return EXIT_OK
    err(f"wrote {write_protocol(gmap, args.a, args.b, fmt, output)}")
    return EXIT_OK


# -- compare ------------------------------------------------------------------------------


def _add_compare(sub: Any) -> None:
    p = sub.add_parser(
        "compare",
        help="compare several areas' maps side by side: bodies, links, routes, gaps",
        description="Set two or more areas' maps side by side: which statutory and common "
        "bodies each has, how matched bodies work together in each (and what one area does "
        "that another does not), escalation routes, and the findings per rule. Bodies are "
        "matched by statutory role, then by name, never by id; --mapping FILE states or "
        "corrects the match (docs/compare.md). Exit status: 0, or 2 when a map cannot be "
        "loaded or the maps cannot be compared (the same map twice, no body in common).",
    )
    p.add_argument("maps", nargs="+", metavar="MAP", help="two or more map files or folders")
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="see every map as it stands on this date, YYYY-MM-DD (default: each map's own as_of)",
    )
    p.add_argument(
        "--format",
        choices=["text", "md", "markdown", "html", "json"],
        default="text",
        help="text for the terminal, md for a committee paper, html "
        "for one self-contained web page, json for tools (default: text)",
    )
    p.add_argument(
        "--mapping", metavar="FILE", help="a mapping file saying which bodies are the same (docs/compare.md)"
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output"
    )
    p.set_defaults(handler=cmd_compare)


def cmd_compare(args: argparse.Namespace) -> int:
    from boardmap.compare import compare_paths, render
    from boardmap.outputs import write_atomic

    found = compare_paths(args.maps, as_of=args.as_of, mapping=args.mapping)
    text = render(found, args.format)
    if found.different_dates and found.as_of is None:
        dates = "; ".join(f"{a.gmap.area} {a.gmap.as_of.isoformat()}" for a in found.areas)
        err(
            f"note: the maps describe different dates ({dates}); add --as-of DATE to see them all on one date"
        )
    if args.output:
        err(f"wrote {write_atomic(args.output, text)}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- export and import --------------------------------------------------------------------


def _add_export(sub: Any) -> None:
    from_formats = "graphml, gexf, json, csv, mermaid, dot"
    p = sub.add_parser(
        "export",
        help="write the map for other tools: GraphML, GEXF, JSON, CSV, Mermaid, DOT",
        description="Write the map in a format other tools read: graphml (yEd, Gephi), gexf "
        "(Gephi), json (networkx node-link data), csv (Kumu's elements and connections "
        "sheets), mermaid (a flowchart GitHub draws), dot (the overview diagram's Graphviz "
        "source). Prints to standard output, or writes FILE with -o; for csv, -o FILE writes "
        "FILE-elements.csv and FILE-connections.csv. Exit status: 0, or 2 when the map "
        "cannot be loaded.",
    )
    add_map_options(p)
    p.add_argument(
        "--to",
        required=True,
        metavar="FORMAT",
        choices=["graphml", "gexf", "json", "csv", "mermaid", "dot", *OFFICE_EXPORTS],
        help=f"the format: {from_formats}; or, with -o, xlsx (an Excel workbook "
        "that boardmap reads back as the same map), drawio (every diagram, "
        "editable in diagrams.net, which also saves as Visio) or pptx (every "
        "diagram as an editable PowerPoint slide); see docs/office.md",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output"
    )
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from boardmap.export import csv_tables, export
    from boardmap.load import load
    from boardmap.outputs import write_all, write_atomic

    if args.to in OFFICE_EXPORTS:
        from boardmap.office import export_office

        path = export_office(args.path, args.to, args.output, as_of=args.as_of)
        err(f"wrote {path}")
        return EXIT_OK
    gmap = load(args.path, as_of=args.as_of)
    if args.output is None:
        write_data(export(gmap, args.to))
        return EXIT_OK
    if args.to == "csv":
        stem = args.output[:-4] if args.output.lower().endswith(".csv") else args.output
        elements, connections = csv_tables(gmap)
        written = write_all([(f"{stem}-elements.csv", elements), (f"{stem}-connections.csv", connections)])
    else:
        written = [write_atomic(args.output, export(gmap, args.to))]
    err(f"wrote {' and '.join(str(p) for p in written)}")
    return EXIT_OK


# Formats `export --to` writes through boardmap.office (binary or many-page files).
OFFICE_EXPORTS = ("xlsx", "drawio", "pptx")


def _add_report(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="write the gap report as a committee paper (Word, Markdown or HTML)",
        description="Check the map and write its governance gaps as a committee paper in the "
        "usual shape of an English council report: summary, recommendations, background, the "
        "findings by severity with what to do about each, the gaps accepted with their reasons "
        "and expiry, and the statutory sources. Exit status: 0, or 2 when the map cannot be "
        "loaded.",
    )
    add_map_options(p)
    p.add_argument(
        "--format",
        choices=["docx", "md", "html", "pdf"],
        default="docx",
        help="docx (Word, the default), md, html, or pdf (printed by Chromium)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: gap-report.FORMAT)")
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from boardmap.office import write_report

    path = write_report(args.path, args.format, args.output, as_of=args.as_of)
    err(f"wrote {path}")
    return EXIT_OK


def _add_template(sub: Any) -> None:
    p = sub.add_parser(
        "template",
        help="write a starter Excel workbook to keep a map in",
        description="Write a starter workbook (.xlsx): a sheet for each part of a map (map, "
        "boards, links, escalations, themes, glossary, accepted), a heading row whose cells "
        "explain their column in a comment, and drop-down lists for kind, link type, cadence "
        "and the boards a link joins. Fill it in and give it to any command in place of a "
        "YAML map: `boardmap check boards.xlsx`. Exit status: 0, or 2 when FILE exists.",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="boards.xlsx",
        help="the workbook to write (default: boards.xlsx)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=cmd_template)


def cmd_template(args: argparse.Namespace) -> int:
    from pathlib import Path

    from boardmap.errors import UsageError
    from boardmap.outputs import write_atomic
    from boardmap.workbook_out import template

    if not args.output.lower().endswith(".xlsx"):
        raise UsageError(f"{args.output}: a workbook's name ends in .xlsx; give -o NAME.xlsx")
    if Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} already exists; choose another file, or add --force to replace it")
    err(
        f"wrote {write_atomic(args.output, template())}. Fill in the boards and links sheets, "
        f"then run `boardmap check {args.output}`."
    )
    return EXIT_OK


def _add_import(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="make a map from spreadsheets: a boards CSV and a links CSV, or a workbook",
        description="Make a YAML map from a boards CSV and a links CSV (in that order), or from "
        "an .xlsx workbook with sheets 'boards' and 'links' (and, if you like, 'escalations', "
        "'themes' and 'map'). Columns are named as the map format's fields; list cells are "
        "separated by ';'; ids left blank are made from names; links may name boards by id "
        "or by name. Every bad cell is reported as FILE[:SHEET]:ROW:COLUMN and nothing is "
        "written. Exit status: 0, or 2 when a cell is bad or a file cannot be read.",
    )
    p.add_argument("tables", nargs="+", metavar="TABLE", help="BOARDS.csv [LINKS.csv], or WORKBOOK.xlsx")
    p.add_argument("-o", "--output", metavar="FILE", help="write the map to FILE (default: standard output)")
    p.add_argument(
        "--area", metavar="NAME", help="the place the map describes (default: the 'map' sheet's area)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace FILE if it exists (otherwise an existing map is never overwritten)",
    )
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from boardmap.errors import UsageError
    from boardmap.outputs import write_atomic
    from boardmap.tables import read_tables

    if args.output and Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} already exists; choose another file, or add --force to replace it")
    try:
        result = read_tables([Path(t) for t in args.tables], area=args.area)
    except MapError as exc:
        for problem in exc.problems:
            err(str(problem))
        count = len(exc.problems)
        err(
            f"{count} problem{'s' if count != 1 else ''}: no map was written. Fix the cells "
            "named and run `boardmap import` again."
        )
        return EXIT_LOAD
    if args.output is None:
        sys.stdout.write(result.text)
        return EXIT_OK
    write_atomic(args.output, result.text)
    counts = [
        (result.boards, "board"),
        (result.links, "link"),
        (result.escalations, "escalation route"),
        (result.themes, "theme"),
    ]
    said = ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for n, what in counts)
    err(f"wrote {args.output}: {said}. Run `boardmap check {args.output}` next.")
    return EXIT_OK


# -- the parser ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boardmap",
        description="Map how a place's strategic boards relate, find the gaps, and keep the "
        "diagrams and the plain-language guide up to date.",
    )
    parser.add_argument("--version", action="version", version=f"boardmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_check(sub)
    _add_rules(sub)
    _add_explain(sub)
    _add_schema(sub)
    _add_render(sub)
    _add_guide(sub)
    _add_build(sub)
    _add_diff(sub)
    _add_protocol(sub)
    _add_compare(sub)
    _add_export(sub)
    _add_import(sub)
    _add_template(sub)
    _add_report(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. Bad input never raises out of here.

    Standard output is guarded: a reader that goes away (`boardmap check map.yaml | head`)
    or a full disk does not change what the command does, and the exit status is still the
    command's own (a map that does not load is 2 even when nobody read the report); a full
    disk or another failure to write it is exit 2 with a plain message."""
    original = sys.stdout
    # Started with standard output closed (`>&-`): Python has none; write into nothing.
    guard = _GuardedStdout(original if original is not None else open(os.devnull, "w"))  # noqa: SIM115
    guard.closed = original is None
    sys.stdout = guard
    try:
        status = _run(argv)
        guard.flush()
    finally:
        sys.stdout = original
        if original is None:
            guard.stream.close()
    if guard.failure is not None:
        from boardmap.outputs import reason

        _lost_stdout()
        err(f"boardmap: cannot write to standard output: {reason(guard.failure)}")
        return max(status, EXIT_LOAD)
    if guard.closed:
        _lost_stdout()
        err(f"boardmap: standard output was closed before everything was written; exit status {status}")
    return status


_STDOUT_LOST = False


def _lost_stdout() -> None:
    global _STDOUT_LOST
    _STDOUT_LOST = True


class _GuardedStdout:
    """Standard output that notes a closed pipe or a failed write instead of raising, and
    drops what comes after, so the command runs on to its real exit status."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed = False  # the reader went away (EPIPE)
        self.failure: OSError | None = None  # anything else: a full disk, an I/O error

    def write(self, text: str) -> int:
        self._guarded(lambda: self.stream.write(text))
        return len(text)

    def flush(self) -> None:
        self._guarded(self.stream.flush)

    def _guarded(self, action: Callable[[], object]) -> None:
        if self.closed or self.failure is not None:
            return
        try:
            action()
        except BrokenPipeError:
            self.closed = True
        except OSError as exc:
            self.failure = exc
        except ValueError:  # written to after being closed (sys.stdout.close())
            self.closed = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message already
        return int(exc.code) if isinstance(exc.code, int) else EXIT_LOAD
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_LOAD
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", LayoutWarning)
            warnings.showwarning = _show_warning
            return handler(args)
    except MapError as exc:
        for problem in exc.problems:
            err(str(problem))
        return EXIT_LOAD
    except BoardmapError as exc:
        err(f"boardmap: {exc}")
        return exc.exit_status
    except KeyboardInterrupt:
        err("boardmap: interrupted; outputs already written are complete, nothing is half-written")
        return 130
    except Exception as exc:
        if isinstance(exc, OSError) and exc.filename is not None:
            # A file or folder the system refused (a name too long, a folder that cannot be
            # searched): the environment, not a bug.
            from boardmap.messages import clip
            from boardmap.outputs import reason

            err(f"boardmap: cannot use {clip(str(exc.filename), 300)}: {reason(exc)}")
            return EXIT_LOAD
        # A bug in boardmap, not in the map.
        if os.environ.get("BOARDMAP_DEBUG"):
            raise
        err(
            f"boardmap: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "boardmap, not in your map; please report it with the map attached. "
            "Set BOARDMAP_DEBUG=1 to see the details."
        )
        return 3


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """boardmap's own warnings (a diagram drawn in a simpler form) as one plain line."""
    err(f"boardmap: warning: {message}")


def _terminated(signum: int, frame: object) -> None:
    err("boardmap: terminated; outputs already written are complete, nothing is half-written")
    raise SystemExit(128 + signum)


def main() -> None:
    # Python's default for SIGTERM (kill, a CI job's timeout) ends the process at once, which
    # would leave a temporary file beside an output. As SystemExit it unwinds like Ctrl-C,
    # through the clean-up in outputs.write_atomic, and exits with the usual 128 + 15.
    signal.signal(signal.SIGTERM, _terminated)
    status = run()
    if _STDOUT_LOST and sys.stdout is not None:  # what is still buffered cannot be
        try:  # written: drop it, quietly, at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    sys.exit(status)
