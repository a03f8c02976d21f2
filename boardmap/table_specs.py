"""What each table of a spreadsheet holds: its columns (the format's own field names, and
the other names a column may go by), which are required, lists, yes/no or dates; the CSV
pair's Kumu headings; and the plain words a sheet may use for a kind or a link type.

Read by the readers of CSV files and workbooks (boardmap.table_read, boardmap.table_rows),
and by the writers of CSV files and workbooks (boardmap.export, boardmap.workbook_out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from boardmap.words import KIND_NAMES, LINK_LABELS

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
OPTIONAL_ELEMENT_COLUMNS: tuple[tuple[str, str], ...] = (("Part of", "part_of"),)
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


BOARDS = Spec(
    "boards",
    (
        "id",
        "name",
        "short",
        "kind",
        "purpose",
        "basis",
        "statutory_role",
        "chair",
        "independent_chair",
        "members",
        "meets",
        "areas",
        "top",
        "part_of",
        "since",
        "until",
        "url",
        "contact",
    ),
    required=("name", "kind"),
    lists=frozenset({"members", "areas", "chair"}),
    aliases={"label": "name", "type": "kind", "description": "purpose"},
    bools=frozenset({"independent_chair", "top"}),
    dates=frozenset({"since", "until"}),
)
LINKS = Spec(
    "links",
    ("from", "to", "type", "says", "what", "cadence", "basis", "review_by", "since", "until"),
    required=("from", "to", "type"),
    aliases={"label": "says", "description": "what"},
    dates=frozenset({"review_by", "since", "until"}),
)
ESCALATIONS = Spec(
    "escalations",
    ("id", "name", "description", "between", "action", "involves", "since", "until"),
    required=("action",),
    lists=frozenset({"between", "involves"}),
    dates=frozenset({"since", "until"}),
)
THEMES = Spec(
    "themes",
    ("id", "name", "description", "lead", "supports", "since", "until"),
    required=("name",),
    lists=frozenset({"supports"}),
    dates=frozenset({"since", "until"}),
)
MAP = Spec(
    "map",
    ("area", "title", "as_of", "rules", "urgent"),
    required=(),
    lists=frozenset({"rules"}),
    dates=frozenset({"as_of"}),
)
# Read only where a workbook is the map itself (boardmap.workbook), not by `import`.
GLOSSARY = Spec("glossary", ("term", "meaning"), required=("term", "meaning"))
ACCEPTED = Spec(
    "accepted",
    (
        "rule",
        "board",
        "boards",
        "link_from",
        "link_to",
        "link_type",
        "theme",
        "route",
        "role",
        "area",
        "reason",
        "since",
        "until",
    ),
    required=("rule", "reason"),
    lists=frozenset({"boards"}),
    dates=frozenset({"since", "until"}),
)
# An agreement takes a row, and each further signature or covered link a row below it with
# no id or name (as an escalation route's steps do).
AGREEMENTS = Spec(
    "agreements",
    (
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
    required=(),
    lists=frozenset({"between", "covers_routes"}),
    dates=frozenset({"review_by", "since", "until", "agreed_on"}),
)
CONCERNS = Spec("concerns", ("concern", "do", "contact", "phone", "email", "web"), required=("concern",))
SPECS = {
    spec.name: spec
    for spec in (BOARDS, LINKS, ESCALATIONS, THEMES, MAP, GLOSSARY, ACCEPTED, AGREEMENTS, CONCERNS)
}


# Plain words a sheet may use for a kind or a link type ("Statutory board", "reports to").
def plain_word(value: Any) -> Any:
    return re.sub(r"[\s_]+", "-", value.strip().lower()) if isinstance(value, str) else value


KIND_WORDS = {plain_word(w): kind for kind, said in KIND_NAMES.items() for w in (kind, said)}
TYPE_WORDS = {plain_word(w): kind for kind, said in LINK_LABELS.items() for w in (kind, said)}
