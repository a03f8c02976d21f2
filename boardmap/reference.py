"""The reference pages of the documentation, made from the code so that they cannot drift:
the map format's fields (from the pydantic models), the gap rules (from the rule registry and
the statutory packs) and the command line (from argparse).

    from boardmap.reference import fields_page, rules_page, cli_page

docs/hooks.py adds the three pages to the MkDocs site at build time; tests/test_reference.py
checks that every field, rule, command and option appears in them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from boardmap import model

# The models of the map format, in the order the format reference explains them: the
# heading of each table and the model whose fields it lists.
SECTIONS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("The map (top level of each file)", model.MapFile),
    ("`boards`: each board or body", model.Board),
    ("`links`: each relationship", model.Link),
    ("`escalations`: each escalation route", model.Escalation),
    ("`escalations` → `steps`: each step", model.Step),
    ("`themes`: each shared priority", model.Theme),
    ("`accepted`: each accepted finding", model.Accepted),
    ("`accepted` → `link`, and `agreements` → `covers` → `links`", model.LinkRef),
    ("`agreements`: each agreement between boards", model.Agreement),
    ("`agreements` → `agreed`: each approval", model.Signature),
    ("`agreements` → `covers`", model.Covers),
    ("`concerns`: where each kind of concern goes", model.Concern),
)


def _models() -> list[tuple[str, type[BaseModel]]]:
    return [(heading, cls) for heading, cls in SECTIONS]


def _type_name(annotation: Any) -> str:
    """A field's type in a reader's words: text, date, yes/no, a list of ..., one of ..."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (types.UnionType, typing.Union):
        kinds = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(kinds))
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"a list of {_type_name(args[0])}" if args else "a list"
    if origin is dict:
        return "a mapping of text to text"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"a mapping ({annotation.__name__})"
    names = {str: "text", int: "a whole number", bool: "`true` or `false`", dt.date: "a date, YYYY-MM-DD"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _required(info: FieldInfo) -> str:
    return "required" if info.is_required() else "optional"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return ""
    if info.default_factory is not None:
        return "empty"
    if info.default is None:
        return ""
    value = info.default
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def field_rows(cls: type[BaseModel]) -> Iterator[tuple[str, str, str, str]]:
    """(name as written in a map, type, required or optional, default) of each field."""
    for name, info in cls.model_fields.items():
        yield (info.alias or name, _type_name(info.annotation), _required(info), _default(info))


def fields_page() -> str:
    lines = [
        "# Map fields",
        "",
        "Every field of the map format, made from boardmap's own models each time the "
        "documentation is built, so it always matches the code. What each field means, "
        "with examples, is in [the format reference](../format.md).",
        "",
    ]
    for heading, cls in _models():
        lines += [f"## {heading}", "", "| field | type | | default |", "| --- | --- | --- | --- |"]
        lines += [
            f"| `{name}` | {kind} | {required} | {default} |"
            for name, kind, required, default in field_rows(cls)
        ]
        lines.append("")
    lines += [
        "## Values",
        "",
        "| field | values |",
        "| --- | --- |",
        f"| `kind` | {_choices(model.BoardKind)} |",
        f"| `type` (links) | {_choices(model.LinkType)} |",
        f"| `statutory_role` | {_choices(model.StatutoryRole)} |",
        "",
    ]
    return "\n".join(lines)


def _choices(annotation: Any) -> str:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return ", ".join(f"`{value}`" for value in typing.get_args(annotation))


def rules_page() -> str:
    from boardmap.checks.engine import catalogue
    from boardmap.checks.packs import available_packs, load_pack

    lines = [
        "# Gap rules",
        "",
        "Every rule `boardmap check` runs, made from the rule registry each time the "
        "documentation is built. `boardmap explain RULE` prints the same text.",
        "",
        "| rule | severity | finds |",
        "| --- | --- | --- |",
    ]
    rules = catalogue()
    lines += [f"| [`{r.id}`](#{r.id}) | {r.severity_text} | {_cell(r.summary)} |" for r in rules.values()]
    lines.append("")
    for r in rules.values():
        lines += [
            f"## {r.id}",
            "",
            f"**Severity:** {r.severity_text}.",
            "",
            r.explanation,
            "",
            f"**What to do:** {r.fix}",
            "",
        ]
    lines += [
        "# Statutory rule packs",
        "",
        "Each pack holds what one era's law and guidance require; each requirement cites its source.",
        "",
    ]
    for name in available_packs():
        pack = load_pack(name)
        lines += [f"## {name}", "", *_pack_lines(pack), ""]
    return "\n".join(lines)


def _pack_lines(pack: Any) -> Iterator[str]:
    """A pack's description, then each requirement with its force and source, from the pack's
    own data: every list of requirements the pack model has, whatever it is called."""
    yield f"*{pack.title}* ({_era(pack)}). {_cell(pack.description)}"
    yield ""
    for group in type(pack).model_fields:
        entries = getattr(pack, group)
        if not isinstance(entries, list) or not entries or not isinstance(entries[0], BaseModel):
            continue
        yield f"**{group.replace('_', ' ').capitalize()}**"
        yield ""
        for entry in entries:
            said = (
                (getattr(entry, "duty", None) or getattr(entry, "note", None) or "")
                .replace("{board}", "the board")
                .replace("{other}", "the other body")
            )
            force = {"act": "an Act", "guidance": "guidance"}.get(getattr(entry, "force", ""), "")
            yield (
                f"- `{entry.id}`"
                + (f": {_cell(said)}" if said else "")
                + (f" ({force}: {_cell(entry.source)})" if force else "")
            )
        yield ""


def _era(pack: Any) -> str:
    start = f"from {pack.since:%-d %B %Y}"
    return f"{start} to {pack.until:%-d %B %Y}" if pack.until else start


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def cli_page() -> str:
    from boardmap.cli import build_parser

    parser = build_parser()
    lines = [
        "# Command line",
        "",
        "Every command and option, made from boardmap's own argument parser each time the "
        "documentation is built. `boardmap COMMAND --help` prints the same.",
        "",
        "```",
        parser.format_help().rstrip(),
        "```",
        "",
    ]
    for name, sub in commands(parser).items():
        lines += [f"## boardmap {name}", "", "```", sub.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each command's own parser, by name (aliases left out)."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    found[name] = sub
    return found
