"""Tables -> the items of a map: each row becomes the plain data of one board, link, route
or theme, checked against the format's own models, every problem placed at its cell.

Board ids left blank are made from names or acronyms; a link may name a board by its id,
its name or its acronym (in any case); plain words are read for kinds and link types.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from boardmap import messages
from boardmap.errors import Problem
from boardmap.model import ID_PATTERN, STATUTORY_ROLES, Board, Escalation, Link, Theme
from boardmap.names import name_key
from boardmap.say.grammar import long_date
from boardmap.say.vocab import LINK_LABELS
from boardmap.suggest import Suggester
from boardmap.table_read import Row, Table
from boardmap.table_specs import (
    BOARDS,
    ESCALATIONS,
    KIND_WORDS,
    LINKS,
    LIST_SPLIT,
    SPECS,
    THEMES,
    TYPE_WORDS,
    model_order,
    plain_word,
)

NO_BOARDS = (
    "the boards table lists no boards: under a first row of headings (name, kind, "
    "...), give one row for each board"
)


def slug(text: str) -> str:
    """An id from a name: 'Health & Wellbeing Board' -> 'health-wellbeing-board'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if not base:
        base = "board"
    elif not base[0].isalpha():
        base = "b-" + base
    return base[:64].rstrip("-")


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


def _key(text: str) -> str:
    return name_key(str(text))


@dataclass
class Origin:
    table: Table
    row: Row
    # For routes: the row of each step, in order.
    step_rows: list[Row] = field(default_factory=list)
    # For agreements: the row of each signature and covered link, by (part, index).
    parts: dict[tuple[str, int], Row] = field(default_factory=dict)


class Boards:
    """The boards read so far, and what each may be called in a link: id, name, name with
    acronym, or acronym."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}  # a name, folded -> the ids it may mean
        self.shown: dict[str, str] = {}  # a name, folded -> as the table writes it
        self.ids: dict[str, None] = {}  # in table order
        self._options: dict[str, str] | None = None  # what a slip may be for, by folded name
        self._suggest: Suggester | None = None

    def add(self, board_id: str, name: Any, short: Any) -> None:
        self.ids[board_id] = None
        self._options = self._suggest = None
        label = f"{name} ({short})" if name and short else None
        # An id typed in another case ('MSCB' for mscb) means the board, as its name does.
        for alias in dict.fromkeys((board_id, name, short, label)):
            if alias is not None:
                self.names.setdefault(_key(alias), []).append(board_id)
                self.shown.setdefault(_key(alias), str(alias))

    def misfit(self, value: Any) -> bool:
        """Whether a value is the id of a board whose own id cell is wrong (reported there)."""
        return isinstance(value, str) and value in self.ids and not re.fullmatch(ID_PATTERN, value)

    def resolve(self, value: Any, suggest: bool = True) -> tuple[str | None, str | None]:
        """The id a cell means, or None and why not (with a close name where `suggest`:
        that search costs a comparison with every name, so free text that may name no board,
        a chair, is looked up without it)."""
        text = str(value).strip()
        if text in self.ids:
            return text, None
        found = list(dict.fromkeys(self.names.get(_key(text), [])))
        if len(found) == 1:
            return found[0], None
        if not suggest:
            return None, None
        if found:
            return None, (f"{messages._show(text)} could be any of the boards {', '.join(found)}; use the id")
        if self._options is None:  # made once, not for each cell that names no board
            self._options = {board_id: board_id for board_id in self.ids} | self.shown
            self._suggest = Suggester(self._options)
        close = self._suggest.closest(_key(text)) if self._suggest else None
        hint = (
            f"; did you mean '{self._options[close]}'?"
            if close
            else "; add it to the boards, or give a board's id or name"
        )
        return None, f"no board has the id or name {messages._show(text)}{hint}"


@dataclass
class Reader:
    """Turns tables into the dicts of a map file, collecting every problem on the way."""

    problems: list[Problem] = field(default_factory=list)
    boards: Boards = field(default_factory=Boards)
    items: dict[str, list[tuple[dict[str, Any], Origin]]] = field(default_factory=dict)
    made_ids: int = 0  # boards whose id was left blank and made from the name or acronym

    def problem(
        self, table: Table, row: Row | int, fieldname: str | None, message: str, rule: str = "schema"
    ) -> None:
        number = row if isinstance(row, int) else row.number
        self.problems.append(table.at(number, fieldname, rule, message))

    # -- cells

    def text(self, table: Table, row: Row, name: str) -> Any:
        value = row.cells.get(name)
        if value is None or name in table.spec.bools:
            return value
        if name in table.spec.dates:
            return _date(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value) if not isinstance(value, str) else value

    def listed(self, table: Table, row: Row, name: str) -> list[str]:
        value = self.text(table, row, name)
        if value is None:
            return []
        return [part.strip() for part in LIST_SPLIT.split(str(value)) if part.strip()]

    def flag(self, table: Table, row: Row, name: str) -> bool | None:
        value = row.cells.get(name)
        if value is None or isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("yes", "y", "true", "1", "x"):
            return True
        if word in ("no", "n", "false", "0"):
            return False
        self.problem(table, row, name, f"{name} {messages._show(value)} should be yes or no")
        return None

    def refs(self, table: Table, row: Row, name: str) -> list[str]:
        """Board ids for a cell of board ids or names; unknown ones are reported."""
        out = []
        for value in self.listed(table, row, name):
            board_id, why = self.boards.resolve(value)
            if board_id is None:
                self.problem(table, row, name, str(why), "unknown-board")
            else:
                out.append(board_id)
        return out

    def ref(self, table: Table, row: Row, name: str) -> str | None:
        value = self.text(table, row, name)
        if value is None:
            return None
        board_id, why = self.boards.resolve(value)
        if board_id is None:
            self.problem(table, row, name, str(why), "unknown-board")
        return board_id

    def validate(
        self,
        model: type[BaseModel],
        data: dict[str, Any],
        table: Table,
        rows: list[Row],
        skip: Iterable[str] = (),
    ) -> bool:
        """Check one item with the format's own model; report each error at its cell."""
        try:
            model.model_validate(data)
        except ValidationError as exc:
            # One problem a cell: a reference already reported is not also "missing".
            seen = {(p.file, p.line, p.column) for p in self.problems}
            for error in exc.errors(include_url=False, include_input=True):
                loc = tuple(error["loc"])
                name = str(loc[0])
                row = rows[0]
                if name == "steps" and len(loc) > 2 and isinstance(loc[1], int):
                    row, name = rows[min(loc[1], len(rows) - 1)], str(loc[2])
                problem = table.at(row.number, name, "schema", cell_message(error, table.spec.name, name))
                if name in skip or (problem.file, problem.line, problem.column) in seen:
                    continue
                if name != "id" and self.boards.misfit(error.get("input")):
                    continue  # a board whose bad id is reported on its own row
                seen.add((problem.file, problem.line, problem.column))
                self.problems.append(problem)
            return False
        return True

    # -- items

    def read_boards(self, table: Table) -> None:
        taken: set[str] = set()
        pending: list[tuple[Row, dict[str, Any]]] = []
        for row in table.rows:  # ids given in the table first, so made-up ids avoid them
            given = self.text(table, row, "id")
            if given is not None and re.fullmatch(ID_PATTERN, given):
                if given in taken:
                    self.problem(
                        table,
                        row,
                        "id",
                        f"the board id '{given}' is used by an earlier row; give each board its own id",
                        "duplicate-id",
                    )
                taken.add(given)
        for row in table.rows:
            given = self.text(table, row, "id")
            name, short = self.text(table, row, "name"), self.text(table, row, "short")
            board_id = given if given is not None else unique(slug(short or name or "board"), taken)
            if given is None:
                self.made_ids += 1
            self.boards.add(board_id, name, short)
            pending.append((row, {"id": board_id}))
        for row, data in pending:
            self._board(table, row, data)

    def _board(self, table: Table, row: Row, data: dict[str, Any]) -> None:
        for name in BOARDS.fields[1:]:
            if name in ("members", "chair"):
                continue
            value = (
                self.flag(table, row, name)
                if name in BOARDS.bools
                else self.listed(table, row, name)
                if name in BOARDS.lists
                else self.text(table, row, name)
            )
            if value not in (None, [], False):
                data[name] = value
        if "kind" in data:
            data["kind"] = KIND_WORDS.get(plain_word(data["kind"]), data["kind"])
        if "statutory_role" in data:
            role = plain_word(data["statutory_role"])
            data["statutory_role"] = role if role in STATUTORY_ROLES else data["statutory_role"]
        members = self.refs(table, row, "members")
        if members:
            data["members"] = members
        chairs = [self.boards.resolve(c, suggest=False)[0] or c for c in self.listed(table, row, "chair")]
        if chairs:
            data["chair"] = chairs[0] if len(chairs) == 1 else chairs
        self._add("boards", Board, {k: data[k] for k in BOARDS.fields if k in data}, table, [row])

    def read_links(self, table: Table) -> None:
        for row in table.rows:
            data: dict[str, Any] = {}
            for name in LINKS.fields:
                value = self.ref(table, row, name) if name in ("from", "to") else self.text(table, row, name)
                if value is not None:
                    data[name] = value
            if "type" in data:
                data["type"] = TYPE_WORDS.get(plain_word(data["type"]), data["type"])
                if data.get("says") and _key(data["says"]) == _key(LINK_LABELS.get(data["type"], "")):
                    del data["says"]  # the type's own phrase: leave it to the type
            if data.get("from") and data.get("from") == data.get("to"):
                self.problem(
                    table, row, "to", f"this link goes from '{data['to']}' to itself; a link joins two boards"
                )
            self._add("links", Link, data, table, [row])

    def read_escalations(self, table: Table) -> None:
        routes: dict[str, tuple[dict[str, Any], list[Row]]] = {}
        current: str | None = None
        for row in table.rows:
            route_id, name = self.text(table, row, "id"), self.text(table, row, "name")
            key = route_id or (_key(name) if name else None)
            if key is None:
                if current is None:
                    self.problem(
                        table,
                        row,
                        "name",
                        "this step belongs to no route: give the route's name (or id) on its first row",
                    )
                    continue
                key = current
            current = key
            data, rows = routes.setdefault(key, ({"steps": []}, []))
            rows.append(row)
            for attr in (f for f in ESCALATIONS.fields if f not in ("between", "action", "involves")):
                value = self.text(table, row, attr)
                if value is not None:
                    data.setdefault(attr, value)
            between = data.setdefault("between", [])
            between.extend(b for b in self.refs(table, row, "between") if b not in between)
            step: dict[str, Any] = {}
            action = self.text(table, row, "action")
            if action is not None:
                step["action"] = action
            step["involves"] = self.refs(table, row, "involves")
            data["steps"].append(step)
        taken = {data["id"] for data, _ in routes.values() if "id" in data}
        for data, rows in routes.values():
            if "id" not in data:
                data["id"] = unique(slug(data.get("name", "route")), taken)
            for step in data["steps"]:
                if not step["involves"]:
                    del step["involves"]
            self._add("escalations", Escalation, model_order(Escalation, data), table, rows)

    def read_themes(self, table: Table) -> None:
        taken = {str(row.cells["id"]) for row in table.rows if "id" in row.cells}
        for row in table.rows:
            data: dict[str, Any] = {}
            for name in (f for f in THEMES.fields if f not in ("lead", "supports")):
                value = self.text(table, row, name)
                if value is not None:
                    data[name] = value
            data.setdefault("id", unique(slug(data.get("name", "theme")), taken))
            lead = self.ref(table, row, "lead")
            if lead is not None:
                data["lead"] = lead
            supports = self.refs(table, row, "supports")
            if supports:
                data["supports"] = supports
            self._add("themes", Theme, model_order(Theme, data), table, [row])

    def _add(
        self,
        section: str,
        model: type[BaseModel],
        data: dict[str, Any],
        table: Table,
        rows: list[Row],
        skip: Iterable[str] = (),
    ) -> None:
        skip = set(skip) | {name for name in table.spec.required if name not in table.columns}
        self.validate(model, data, table, rows, skip)
        if section == "boards" or section == "links":
            self._date_order(data, table, rows[0])
        self.items.setdefault(section, []).append((data, Origin(table, rows[0], rows)))

    def _date_order(self, data: dict[str, Any], table: Table, row: Row) -> None:
        since, until = data.get("since"), data.get("until")
        try:
            since = dt.date.fromisoformat(str(since)) if since is not None else None
            until = dt.date.fromisoformat(str(until)) if until is not None else None
        except ValueError:
            return  # already reported as a bad date
        if since and until and until <= since:
            self.problem(table, row, "until", f"until ({until}) must come after since ({since})")


def _date(value: Any) -> Any:
    """A date cell as a date where it is one: an Excel date, or text as YYYY-MM-DD (and
    nothing else: Python also reads 20240101 and 2024-W01-1, which the loader refuses)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, flags=re.ASCII):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# A date as people in the UK write it: 29/09/2019, 29.09.19, 9-3-2019 (day first).
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\s*")


def _day_first(text: str) -> dt.date | None:
    """The date a UK reader means by '29/09/2019', or None where it is not one."""
    match = _DAY_FIRST.fullmatch(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def cell_message(error: Any, section: str, name: str) -> str:
    given = error.get("input")
    meant = _day_first(given) if isinstance(given, str) and name in SPECS[section].dates else None
    if meant is not None:
        return (
            f"{name} {messages._show(given)} is not a date boardmap can read: dates are "
            f"written YYYY-MM-DD; did you mean {long_date(meant)}? Write it as "
            f"{meant.isoformat()}"
        )
    if error["type"] == "missing":
        return f"this row has no {name}; fill in the {name} column (it is required)"
    if error["type"] == "too_short" and name == "between":
        return "this route names no boards in its between column; name the boards it settles"
    return messages.schema_error(error, (section, 0, *error["loc"]))
