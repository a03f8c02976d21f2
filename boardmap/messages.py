"""The words of load errors: what is wrong, then what to do about it.

Kept apart from the loader so the wording can be read (and tested) in one place. A message
never echoes a whole value from the map: a value can be huge (an alias bomb) or hostile.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from boardmap.model import (
    AGREEMENT_STATUSES,
    BOARD_KINDS,
    COUNCIL_TIERS,
    LINK_TYPES,
    STATUTORY_ROLES,
    Accepted,
    Board,
    Concern,
    Escalation,
    LinkRef,
    MapFile,
    Step,
    Theme,
)
from boardmap.model import Link as LinkModel
from boardmap.say.vocab import a_kind

EMPTY_FILE = "the file is empty: a map starts with `boardmap: 1`, then `area:` and `boards:`"
NO_AREA = "no file of this map gives its area: add `area: <the place>` (for example `area: Medway`)"
HUGE_NUMBER = (
    "this number is thousands of digits long, far beyond anything a map holds: "
    "if it is meant as text, put it in quotes"
)
MERGE_KEY = (
    "merge keys (<<: *name) are not supported: write the fields out in full "
    "(a plain alias, such as members: *core, is fine)"
)
TEXT_AFTER_QUOTE = (
    "text follows the closing quote of this value, so a quote mark inside it ended it: "
    "inside single quotes write an apostrophe twice ('Children''s Board'), or put the value in "
    'the other quote marks ("Children\'s Board"), or leave the quotes off'
)
UNCLOSED_QUOTE = (
    "this quote is never closed, so the lines after it were read as part of the value: end "
    "the value with the same quote mark"
)
NOT_A_MAP = (
    "this file is not a map: it has no `boardmap: 1` and none of a map's fields (area, boards, "
    "links, ...). boardmap reads every .yaml and .yml file of a folder: move this one out of the "
    "map's folder, or give the map's own file"
)
NO_BOARDS = "the map declares no boards: add a `boards:` list with at least one board"

# Which model a location within a file points into, by the name of the list it sits in.
_SECTION_MODELS: dict[str, type[Any]] = {
    "boards": Board,
    "links": LinkModel,
    "escalations": Escalation,
    "themes": Theme,
    "accepted": Accepted,
    "concerns": Concern,
    "steps": Step,
    "link": LinkRef,
}
_WHAT = {
    "boards": "board",
    "links": "link",
    "escalations": "escalation route",
    "themes": "theme",
    "accepted": "accepted entry",
    "concerns": "concern",
    "steps": "step",
    "link": "link reference",
}
# What to do with text longer than its field takes.
_SHORTEN = {
    "name": "give the name people use, and put the rest in `purpose`",
    "short": "give the acronym or short name people use (for example HWBB)",
}
_SHORTEN_NAME = "give the name people use, and put the rest in `description`"
_LABELS = {"short": "short form"}
_CHOICES = {
    "kind": BOARD_KINDS,
    "type": LINK_TYPES,
    "statutory_role": STATUTORY_ROLES,
    "role": STATUTORY_ROLES,  # an accepted entry's missing body
    "status": AGREEMENT_STATUSES,
    "tier": COUNCIL_TIERS,
}


# Characters that would act on a terminal or reorder the text around them (ANSI escapes,
# right-to-left overrides): shown as \x1b, \u202e... rather than passed to the screen.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same, but for the line break that ends a line of a report.
_UNSAFE_IN_TEXT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return match[0].encode("unicode_escape").decode("ascii")


def terminal(text: str) -> str:
    """Text for a terminal (or a file a terminal may show): every control and direction
    character but the line break escaped (ESC as \x1b, BEL as \x07, U+202E as \u202e), so
    text from the map cannot act on the terminal (an OSC 52 sequence writes the clipboard)
    nor reorder what is shown around it. Everything boardmap prints passes through here."""
    return _UNSAFE_IN_TEXT.sub(_escaped, text)


def one_line(text: str) -> str:
    """Text for a terminal line: line breaks and runs of spaces folded to one space, other
    control and direction characters escaped (\u202e), so a name from the map can neither
    split a finding across lines nor reorder what is shown around it."""
    return terminal(" ".join(text.split()))


def clip(text: str, limit: int = 60) -> str:
    """Text from the map, made safe to echo in a message: control and direction characters
    escaped, and cut short. Every message that quotes the map goes through here, because
    a value can be huge (one long value aliased thousands of times) or hostile."""
    text = _UNSAFE.sub(_escaped, text[: limit + 1])
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: Any) -> str:
    """A short, safe rendering of a scalar from the map."""
    if isinstance(value, dict | list | tuple | set | frozenset):
        return {dict: "a mapping", list: "a list", tuple: "a list", set: "a set", frozenset: "a mapping"}[
            type(value)
        ]
    if isinstance(value, str):
        return f"'{clip(value, 58)}'"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        return clip(repr(value))
    except ValueError:  # an integer past Python's 4,300-digit limit for turning it into text
        return "a number too long to show"


def _model_at(loc: tuple[str | int, ...]) -> tuple[type[Any], str]:
    """The model and its everyday name for the mapping that holds the last step of loc."""
    model: type[Any] = MapFile
    what = "the top of the file"
    for step in loc[:-1]:
        if isinstance(step, str) and step in _SECTION_MODELS:
            model, what = _SECTION_MODELS[step], _WHAT[step]
    return model, what


# The top-level fields in the order the format lists them.
_TOP_ORDER = (
    "boardmap",
    "area",
    "title",
    "as_of",
    "rules",
    "glossary",
    "boards",
    "links",
    "escalations",
    "themes",
    "accepted",
    "urgent",
    "concerns",
)


def _fields(model: type[Any]) -> list[str]:
    names = [info.alias or name for name, info in model.model_fields.items()]
    if model is MapFile:
        names.sort(key=lambda n: _TOP_ORDER.index(n) if n in _TOP_ORDER else len(_TOP_ORDER))
    return names


def _field_name(loc: tuple[str | int, ...]) -> str:
    for step in reversed(loc):
        if isinstance(step, str):
            return clip(step)
    return "value"


def schema_error(error: Any, loc: tuple[str | int, ...]) -> str:
    """One pydantic error, in words that say how to fix it."""
    kind = error["type"]
    value = error.get("input")
    field = _field_name(loc)
    model, what = _model_at(loc)
    if kind == "missing":
        if field == "boardmap":
            return "the file does not say `boardmap: 1` at the top; every map file starts with it"
        return f"this {what} has no `{field}`; add `{field}: ...` (it is required)"
    if kind == "invalid_key":
        # pydantic names the key by its repr, e.g. "('a', 'b')" for `? [a, b]`.
        return (
            "a key here is not plain text (a list, a mapping or a number); keys are "
            "field names or glossary terms: write the key as text"
        )
    if kind == "extra_forbidden":
        valid = _fields(model)
        close = difflib.get_close_matches(field, valid, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (
            f"unknown field '{field}' {'at ' + what if what.startswith('the ') else 'in a ' + what}; "
            f"{hint}valid fields are: {', '.join(valid)}"
        )
    if field == "boardmap" and kind == "literal_error" and value == "1":
        return "write the format version as a number, without quotes: `boardmap: 1`"
    if field == "boardmap" and kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if field == "boardmap" and kind == "literal_error":
        return f"this file says format version {_show(value)}; boardmap reads version 1: write `boardmap: 1`"
    if kind == "literal_error":
        choices = _CHOICES.get(field, ())
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5) if choices else []
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listed = ", ".join(choices) if choices else error["msg"]
        return f"{field} {_show(value)} is not one of: {listed}{hint}"
    if kind == "string_pattern_mismatch":
        suggestion = _id_from(value) if isinstance(value, str) else None
        example = f" (for example '{suggestion}')" if suggestion else ""
        return (
            f"{field} {_show(value)} is not a valid id: use lower-case letters a-z, digits "
            f"and '-', starting with a letter, at most 64 characters{example}"
        )
    if kind.startswith("date") or (kind == "value_error" and "date" in error["msg"]):
        reason = error["msg"].removeprefix("Value error, ")
        if kind != "value_error":
            reason = "write it as YYYY-MM-DD, a real date (for example 2014-06-17)"
        return f"{field} {_show(value)} is not a date: {reason}"
    if kind == "value_error":  # a field's own check (an email address, a web address)
        return f"{field} {_show(value)} {error['msg'].removeprefix('Value error, ')}"
    if kind == "string_too_long":
        most = (error.get("ctx") or {}).get("max_length")
        size = len(value) if isinstance(value, str) else 0
        # Only a board has a `purpose` for the rest of a long name; routes, priorities and
        # agreements have a `description`; the map's area and title have neither.
        if model is MapFile:
            whose, shorten = "the map's", "shorten it"
        elif field == "name" and what != "board":
            whose, shorten = f"a {what}'s", _SHORTEN_NAME
        else:
            whose, shorten = f"a {what}'s", _SHORTEN.get(field, "shorten it")
        return (
            f"{field} {_show(value)} is {size:,} characters long; {whose} "
            f"{_LABELS.get(field, field)} has at most {most} characters: {shorten}"
        )
    if kind == "string_too_short" and error.get("loc", ())[-1:] == ("[key]",):  # a glossary term
        return (
            "a glossary term is empty; write the short form before its meaning "
            "(JSNA: Joint Strategic Needs Assessment)"
        )
    if kind == "string_too_short":
        return f"{field} is empty; give it some text"
    if kind == "too_short":
        least = (error.get("ctx") or {}).get("min_length", 1)
        return f"{field} needs at least {'one item' if least == 1 else f'{least} items'}"
    if kind in ("string_type",):
        return f"{field} should be text, not {_show(value)}"
    if kind in ("list_type",):
        return f"{field} should be a list, such as [a, b], not {_show(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{field} should be true or false, not {_show(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if loc and isinstance(loc[-1], int):
            section = _WHAT.get(str(loc[-2]), "item") if len(loc) > 1 else "item"
            return f"each {section} should be a mapping of fields (key: value), not {_show(value)}"
        return f"{field} should be a mapping of fields (key: value), not {_show(value)}"
    if kind.startswith("union"):
        return f"{field} should be text or a list of texts, not {_show(value)}"
    return f"{field}: {error['msg']}"


def _id_from(value: str) -> str | None:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:64]
    return slug if re.fullmatch(r"[a-z][a-z0-9-]*", slug) else None


def not_a_mapping(kind: str) -> str:
    return (
        f"the file holds {kind} at the top; a map is a mapping that starts with "
        "`boardmap: 1`, then `area:` and `boards:`"
    )


def too_big(size: int) -> str:
    return (
        f"the file is {size / 1_048_576:.0f} MB; boardmap reads map files of up to 64 MB: "
        "split the map into a folder of smaller files"
    )


def too_many(count: int, limit: int) -> str:
    return (
        f"the map holds {count:,} boards, links and other entries; boardmap reads maps of "
        f"up to {limit:,} (England's boards are some 60,000): make a map for each area"
    )


def duplicate(kind: str, item_id: str, first: tuple[str, int, int]) -> str:
    file, line, _ = first
    return f"the {kind} id '{clip(item_id)}' is declared twice: first at {file}:{line}; give each its own id"


def unknown_board(value: str, close: str | None) -> str:
    hint = f"; did you mean '{close}'?" if close else "; declare it under `boards:` or fix the id"
    return f"no board has the id '{clip(value)}'{hint}"


def tier_not_a_council(board_id: str, kind: str) -> str:
    return (
        f"'{board_id}' is {a_kind(kind)} and has a tier, which only a council has: give "
        "`tier` to the council itself (kind: organisation, or the `top: true` body that is "
        "the council)"
    )


def unknown_pack(name: str, packs: list[str]) -> str:
    return f"there is no rule pack called '{clip(name)}'; the packs are: {', '.join(packs) or 'none'}"


# -- agreements (issue 15) ----------------------------------------------------------------


def signer_not_party(board_id: str, between: list[str]) -> str:
    return (
        f"'{clip(board_id)}' is not one of the boards this agreement is between "
        f"({', '.join(clip(b) for b in between)}); add it to `between`, or correct `by`"
    )


def future_signature(day: Any, today: Any) -> str:
    return (
        f"this agreement is dated {day}, after the date the map describes ({today}); "
        "record an agreement once it is made, or correct the date"
    )


def cover_outside(from_: str, to: str, between: list[str]) -> str:
    return (
        f"this link, from '{clip(from_)}' to '{clip(to)}', neither starts nor ends at one of "
        f"the boards this agreement is between ({', '.join(clip(b) for b in between)}); an "
        "agreement covers only what its own boards do"
    )
