"""What every command shares: the map's options, the exit statuses, and printing for people."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import TextIO

from boardmap.messages import clip, terminal

DEFAULT_MAP = "data/boards.yaml"
EXIT_OK, EXIT_FINDINGS, EXIT_LOAD = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
FORCE_HELP = (
    "replace files in the folder that boardmap cannot prove it wrote (without it, "
    "such a file is left as it is and nothing is written), and a damaged manifest"
)


# -- shared options -------------------------------------------------------------------------


def parse_date(text: str) -> dt.date:
    """A date given as YYYY-MM-DD and nothing else: Python's fromisoformat also takes
    20240101 and 2024-W01-1, which the help does not offer and a reader could misread."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, flags=re.ASCII):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
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
        type=parse_date,
        metavar="DATE",
        help="show the map as it stands on this date, YYYY-MM-DD (default: the map's as_of)",
    )


def out(text: str = "", stream: TextIO | None = None) -> None:
    """Print a line for people. Text from the map can hold ESC and BEL (an OSC 52 sequence
    writes the clipboard): everything printed passes through messages.terminal."""
    print(terminal(text), file=stream or sys.stdout)


def write_data(text: str) -> None:
    """Write a document (an export, a protocol) to standard output as it is for a pipe or a
    file, but escaped as `out` escapes when standard output is a terminal: a CSV cell or a
    Markdown line from the map can hold ESC and BEL."""
    if sys.stdout.isatty():
        text = terminal(text)
    sys.stdout.write(text)


def err(text: str) -> None:
    print(terminal(text), file=sys.stderr)


def draw_formats(text: str) -> list[str]:
    """--format svg,png or --format svg --format png."""
    from boardmap.render.engines import FORMATS  # lazy: Graphviz's engines, 0.18 s of start-up

    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    for name in names:
        if name not in FORMATS:
            raise argparse.ArgumentTypeError(
                f"'{name}' is not a format boardmap draws; choose from {', '.join(FORMATS)}"
            )
    return names


def chosen_formats(args: argparse.Namespace) -> list[str]:
    """The formats asked for with --format (each a name or a comma list), in order, once."""
    return list(dict.fromkeys(f for group in (args.formats or [["svg"]]) for f in group))
