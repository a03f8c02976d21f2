"""`boardmap diff`, `protocol` and `compare`: a map against its past, two boards, other areas."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from boardmap.cli.common import DEFAULT_MAP, EXIT_OK, add_map_options, err, out, parse_date, write_data
from boardmap.errors import UsageError
from boardmap.load import load
from boardmap.outputs import safe_name, write_atomic


def add_diff(sub: Any) -> None:
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
        "--as-of",
        type=parse_date,
        metavar="DATE",
        help="see both maps on this date (with --to: the earlier date)",
    )
    p.add_argument(
        "--to",
        type=parse_date,
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
    from boardmap import diff  # lazy: the diff, 0.37 s of start-up

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


def add_protocol(sub: Any) -> None:
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
    from boardmap import protocol  # lazy: it brings the wording layer (inflect), 0.10 s

    gmap = load(args.path, as_of=args.as_of)
    protocol.check_boards(gmap, args.a, args.b)
    fmt = protocol.format_for(args.output, args.protocol_format)
    output = args.output
    if output is None and fmt == "docx":
        output = f"protocol-{safe_name(args.a)}-{safe_name(args.b)}.docx"
    if output is None:
        write_data(protocol.render(protocol.draft(gmap, args.a, args.b), fmt).decode("utf-8"))
        return EXIT_OK
    err(f"wrote {protocol.write_protocol(gmap, args.a, args.b, fmt, output)}")
    return EXIT_OK


# -- compare ------------------------------------------------------------------------------


def add_compare(sub: Any) -> None:
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
        type=parse_date,
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
    from boardmap.compare import compare_paths, render  # lazy: 0.25 s of start-up

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
