"""`boardmap render` and `boardmap guide`: the diagrams and the plain-language guide."""

from __future__ import annotations

import argparse
import time
from typing import Any

from boardmap.cli.common import EXIT_OK, FORCE_HELP, add_map_options, chosen_formats, draw_formats, out
from boardmap.load import load
from boardmap.say import commands


def add_render(sub: Any) -> None:
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
        type=draw_formats,
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
    from boardmap.render import describe, render_all, view_names  # lazy: drawing, 0.18 s of start-up

    gmap = load(args.path, as_of=args.as_of)
    if args.list:
        for name in view_names(gmap):
            out(f"{name}: {describe(gmap, name)}")
        return EXIT_OK
    formats = chosen_formats(args)
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
    out(commands.drawn(views, gmap.area, gmap.as_of.isoformat(), formats, time.perf_counter() - started))
    return EXIT_OK


# -- guide --------------------------------------------------------------------------------


def add_guide(sub: Any) -> None:
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
    from boardmap.guide import write_guide  # lazy: the guide, 0.31 s of start-up

    gmap = load(args.path, as_of=args.as_of)
    annexes = []
    if args.compare:
        from boardmap.compare import compare_paths  # lazy: 0.25 s of start-up
        from boardmap.compare.annex import guide_annex

        annexes.append(guide_annex(compare_paths([args.path, *args.compare], as_of=args.as_of)))
    formats = list(dict.fromkeys(f for group in (args.formats or [["html", "md"]]) for f in group))
    written = []
    if "html" in formats or "md" in formats:  # written together, with the SVGs guide.md shows
        written += write_guide(gmap, args.out, with_gaps=args.with_gaps, annexes=annexes, force=args.force)
    office = [f for f in formats if f in ("docx", "pdf")]
    if office:
        from boardmap.office import write_guide_formats  # lazy: Word and PDF, 0.33 s of start-up

        written += write_guide_formats(
            gmap, args.out, office, with_gaps=args.with_gaps, annexes=annexes, force=args.force
        )
    for path in written:
        out(f"wrote {path}")
    return EXIT_OK
