"""`boardmap check`, `rules`, `explain` and `schema`: the map's errors and gaps, and the rules."""

from __future__ import annotations

import argparse
import difflib
import json
from collections.abc import Sequence
from typing import Any

from boardmap.cli.common import EXIT_FINDINGS, EXIT_LOAD, EXIT_OK, add_map_options, err, out
from boardmap.collector import kept, no_gc
from boardmap.errors import MapError, Problem, UsageError
from boardmap.jsontext import indented
from boardmap.load import load_located
from boardmap.say import commands
from boardmap.schema import json_schema

# -- check -------------------------------------------------------------------------------


def add_check(sub: Any) -> None:
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
    # Nothing of check's needs clean-up at exit: the process ends as the command returns.
    p.set_defaults(handler=cmd_check, ends_at_once=True)


def _problems_json(problems: Sequence[Problem]) -> dict[str, Any]:
    return {
        "errors": [p.as_json() for p in problems],
        "findings": [],
        "summary": {"loaded": False, "errors": len(problems), "findings": 0},
    }


def cmd_check(args: argparse.Namespace) -> int:
    # The whole map stays alive until the process ends: cyclic collections over it would
    # find nothing to free, and cost a tenth of a national map's check.
    with no_gc():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from boardmap.checks import report  # lazy: the checks, 0.20 s of start-up
    from boardmap.checks.engine import check  # lazy: the checks, 0.20 s of start-up

    try:
        loaded = load_located(args.path, as_of=args.as_of)
    except MapError as exc:
        if args.format == "json":
            out(indented(_problems_json(exc.problems)))
        elif args.format == "sarif":
            out(indented(report.problems_sarif(exc.problems)))
        else:
            for problem in exc.problems:
                out(str(problem))
            err(commands.not_loaded(len(exc.problems)))
        return EXIT_LOAD
    gmap = loaded.map
    # Kept, where the process ends as the command returns (boardmap.collector.kept): the
    # check's views and findings are not freed one by one first.
    result = kept(check(loaded))
    kept(loaded)
    if args.format == "json":
        out(kept(indented(report.as_json(gmap, result))))
    elif args.format == "sarif":
        out(kept(indented(report.as_sarif(result))))
    else:
        for line in report.text_lines(gmap, result, explain=args.explain):
            out(line)
    return EXIT_FINDINGS if result.fails(strict=args.strict) else EXIT_OK


# -- rules and explain ----------------------------------------------------------------------


def add_rules(sub: Any) -> None:
    p = sub.add_parser(
        "rules",
        help="list the governance gap rules: id, severity, what each finds",
        description="List every rule `boardmap check` applies, with its severity and what it "
        "finds. `boardmap explain RULE` shows one in full.",
    )
    p.set_defaults(handler=cmd_rules)


def cmd_rules(args: argparse.Namespace) -> int:
    from boardmap.checks import report  # lazy: the checks, 0.20 s of start-up

    for line in report.catalogue_lines():
        out(line)
    return EXIT_OK


def add_explain(sub: Any) -> None:
    p = sub.add_parser(
        "explain",
        help="explain one rule: what it finds, why it matters, how to fix it",
        description="Explain one gap rule in full: what it finds, why it matters, how to fix "
        "it, and for statutory rules the requirements and sources it checks.",
    )
    p.add_argument("rule", metavar="RULE", help="a rule id, as `boardmap rules` lists them")
    p.set_defaults(handler=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    from boardmap.checks import report  # lazy: the checks, 0.20 s of start-up
    from boardmap.checks.engine import catalogue  # lazy: the checks, 0.20 s of start-up

    rules = catalogue()
    if args.rule not in rules:
        close = difflib.get_close_matches(args.rule, list(rules), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else "."
        raise UsageError(f"no rule has the id '{args.rule}'{hint} Valid rules: {', '.join(rules)}.")
    for line in report.explain_lines(rules[args.rule]):
        out(line)
    return EXIT_OK


# -- schema -------------------------------------------------------------------------------


def add_schema(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the map format, for editors",
        description="Print a JSON Schema of format v1, generated from the models. Save it and "
        "point your editor at it (see the README) to complete fields and flag mistakes.",
    )
    p.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    out(json.dumps(json_schema(), indent=2))
    return EXIT_OK
