"""`boardmap export`, `report`, `template` and `import`: the map to and from other tools' files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from boardmap.cli.common import EXIT_LOAD, EXIT_OK, add_map_options, err, write_data
from boardmap.errors import MapError, UsageError
from boardmap.export import csv_tables, export
from boardmap.load import load
from boardmap.outputs import write_all, write_atomic
from boardmap.say import commands


def add_export(sub: Any) -> None:
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
    if args.to in OFFICE_EXPORTS:
        from boardmap.office import export_office  # lazy: Office formats, 0.33 s of start-up

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


def add_report(sub: Any) -> None:
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
    from boardmap.office import write_report  # lazy: Word and PDF, 0.33 s of start-up

    path = write_report(args.path, args.format, args.output, as_of=args.as_of)
    err(f"wrote {path}")
    return EXIT_OK


def add_template(sub: Any) -> None:
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
    from boardmap.workbook_out import template  # lazy: spreadsheets, 0.05 s of start-up

    if not args.output.lower().endswith(".xlsx"):
        raise UsageError(f"{args.output}: a workbook's name ends in .xlsx; give -o NAME.xlsx")
    if Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} already exists; choose another file, or add --force to replace it")
    err(
        f"wrote {write_atomic(args.output, template())}. Fill in the boards and links sheets, "
        f"then run `boardmap check {args.output}`."
    )
    return EXIT_OK


def add_import(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="make a map from spreadsheets: a boards CSV and a links CSV, or a workbook",
        description="Make a YAML map from a boards CSV and a links CSV (in that order), or from "
        "an .xlsx workbook with sheets 'boards' and 'links' (and, if you like, 'escalations', "
        "'themes', 'map', 'accepted', 'agreements', 'concerns' and 'glossary': a workbook is "
        "imported whole). Columns are named as the map format's fields; list cells are "
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
    from boardmap.tables import read_tables  # lazy: spreadsheets, 0.05 s of start-up

    if args.output and Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} already exists; choose another file, or add --force to replace it")
    try:
        result = read_tables([Path(t) for t in args.tables], area=args.area)
    except MapError as exc:
        for problem in exc.problems:
            err(str(problem))
        err(commands.not_imported(len(exc.problems)))
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
    # A workbook's further sheets, named only when they held something.
    counts += [
        (n, noun)
        for n, noun in (
            (result.accepted, "accepted gap"),
            (result.agreements, "agreement"),
            (result.concerns, "concern"),
        )
        if n
    ]
    err(commands.imported(str(args.output), counts))
    return EXIT_OK
