"""What each table of a spreadsheet holds: its columns (the format's own field names, and
the other names a column may go by), which are required, lists, yes/no or dates; the CSV
pair's Kumu headings; and the plain words a sheet may use for a kind or a link type.

Read by the readers of CSV files and workbooks (boardmap.table_read, boardmap.table_rows),
and by the writers of CSV files and workbooks (boardmap.export, boardmap.workbook_out).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from boardmap.model import Accepted, Agreement, Board, Concern, Escalation, Link, MapFile, Theme
from boardmap.say.vocab import KIND_NAMES, LINK_LABELS

# Description; From, To, Type, Label), then the rest of the format's fields.
ELEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ID", "id"),
    ("Label", "name"),
    ("Type", "kind"),
    ("Description", "purpose"),
    ("Short", "short"),
    ("Statutory role", "statutory_role"),
    ("Chair", "chair"),
    ("Independent chair", "independent_chair"),
    ("Members", "members"),
    ("Meets", "meets"),
    ("Areas", "areas"),
    ("Top", "top"),
    ("Basis", "basis"),
    ("Since", "since"),
    ("Until", "until"),
    ("URL", "url"),
)
# Columns written only where a board uses the field (so that maps without it export as
# before): the body a board is part of.
OPTIONAL_ELEMENT_COLUMNS: tuple[tuple[str, str], ...] = (("Part of", "part_of"), ("Tier", "tier"))
CONNECTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("From", "from"),
    ("To", "to"),
    ("Type", "type"),
    ("Label", "says"),
    ("Description", "what"),
    ("Cadence", "cadence"),
    ("Basis", "basis"),
    ("Review by", "review_by"),
    ("Since", "since"),
    ("Until", "until"),
)
# Lists are written with Kumu's separator; both it and ';' are read.
LIST_SEPARATOR = "|"
LIST_SPLIT = re.compile(r"[;|]")
# A cell a spreadsheet would run as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(text: str) -> str:
    """A leading apostrophe stops Excel and LibreOffice treating a cell as a formula. Text
    that starts with an apostrophe of its own gets one more, so that the import, which
    takes one off, gives it back as it was ('+44 is the code)."""
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def undo_defuse(text: str) -> str:
    """The apostrophe `defuse_cell` put before a formula character or an apostrophe."""
    return text[1:] if text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'")) else text


@dataclass(frozen=True)
class Spec:
    """What one table holds: its fields, the other names its columns may go by, and which
    fields are lists or required."""

    name: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    lists: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(default_factory=dict)
    bools: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()


def _kinds(annotation: Any) -> set[type]:
    """The plain types an annotation admits, through Optional, unions and Annotated:
    `Date | None` -> {date, NoneType}; `str | list[str] | None` -> {str, list, NoneType}."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kinds(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return set().union(*(_kinds(arg) for arg in get_args(annotation)))
    if origin is not None:
        return {origin}
    return {annotation} if isinstance(annotation, type) else set()


def _part(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, alone or in a list (a route's steps, an accepted link)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        inner = _part(arg)
        if inner is not None:
            return inner
    return None


# A field that holds a model takes a column for each of that model's fields, named with a
# prefix: an accepted entry's link is link_from, link_to, link_type; a route's steps are
# action and involves, one step a row.
_PREFIXES = {"steps": "", "link": "link_", "covers": "covers_", "links": "", "agreed": "agreed_"}


def _columns(
    model: type[BaseModel], prefix: str = "", only: tuple[str, ...] = ()
) -> Iterator[tuple[str, set[type]]]:
    """Each column of a model's table (or `only` those), in the model's order, with the
    types it admits."""
    for name, info in model.model_fields.items():
        part = _part(info.annotation)
        key = info.alias or name
        if only and key not in only:
            continue
        if part is not None:
            yield from _columns(part, prefix + _PREFIXES[key])
        else:
            yield prefix + key, _kinds(info.annotation)


def _spec(
    name: str,
    model: type[BaseModel],
    required: tuple[str, ...],
    *,
    only: tuple[str, ...] = (),
    order: tuple[str, ...] = (),
    aliases: dict[str, str] | None = None,
) -> Spec:
    """A table's spec from the model its rows become: the columns are the model's fields
    (or `only` those), lists, yes/no and dates as the model types them. `order`, where
    given, must name the same columns: the order the sheet shows them in."""
    columns = dict(_columns(model, only=only))
    if order:
        if set(order) != set(columns):
            raise ValueError(f"the {name} table's columns are not the fields of {model.__name__}")
        columns = {key: columns[key] for key in order}
    return Spec(
        name,
        tuple(columns),
        required,
        lists=frozenset(key for key, kinds in columns.items() if list in kinds),
        aliases=aliases or {},
        bools=frozenset(key for key, kinds in columns.items() if bool in kinds),
        dates=frozenset(key for key, kinds in columns.items() if dt.date in kinds),
    )


BOARDS = _spec(
    "boards",
    Board,
    required=("name", "kind"),
    aliases={"label": "name", "type": "kind", "description": "purpose"},
)
LINKS = _spec(
    "links", Link, required=("from", "to", "type"), aliases={"label": "says", "description": "what"}
)
# A route takes a row for each step; its id, name and boards stand on the first.
ESCALATIONS = _spec("escalations", Escalation, required=("action",))
THEMES = _spec("themes", Theme, required=("name",))
MAP = _spec(
    "map",
    MapFile,
    required=(),
    order=("area", "title", "as_of", "rules", "urgent"),
    only=("area", "title", "as_of", "rules", "urgent"),
)
# Read only where a workbook is the map itself (boardmap.workbook), not by `import`.
GLOSSARY = Spec("glossary", ("term", "meaning"), required=("term", "meaning"))
ACCEPTED = _spec("accepted", Accepted, required=("rule", "reason"))
# An agreement takes a row, and each further signature or covered link a row below it with
# no id or name (as an escalation route's steps do): its own fields come first.
AGREEMENTS = _spec(
    "agreements",
    Agreement,
    required=(),
    order=(
        "id",
        "name",
        "description",
        "between",
        "status",
        "review_by",
        "url",
        "since",
        "until",
        "covers_routes",
        "covers_from",
        "covers_to",
        "covers_type",
        "agreed_by",
        "agreed_on",
        "agreed_ref",
    ),
)
CONCERNS = _spec("concerns", Concern, required=("concern",))
SPECS = {
    spec.name: spec
    for spec in (BOARDS, LINKS, ESCALATIONS, THEMES, MAP, GLOSSARY, ACCEPTED, AGREEMENTS, CONCERNS)
}


def model_order(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """An item's data with its keys in the order of the model's fields (the YAML's order)."""
    keys = (info.alias or name for name, info in model.model_fields.items())
    return {key: data[key] for key in keys if key in data}


# Plain words a sheet may use for a kind or a link type ("Statutory board", "reports to").
def plain_word(value: Any) -> Any:
    return re.sub(r"[\s_]+", "-", value.strip().lower()) if isinstance(value, str) else value


KIND_WORDS = {plain_word(w): kind for kind, said in KIND_NAMES.items() for w in (kind, said)}
TYPE_WORDS = {plain_word(w): kind for kind, said in LINK_LABELS.items() for w in (kind, said)}
