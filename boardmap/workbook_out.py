"""A map -> an Excel workbook (`boardmap export --to xlsx`), and the starter workbook
(`boardmap template`): a sheet per section, a heading row whose cells explain their column
in a comment, and drop-down lists (data validation) for kind, link type and cadence, and
for the boards a link joins.

Reading the workbook back (boardmap.workbook) gives the same map. The bytes are the same
for the same map: fixed document dates and fixed dates inside the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from boardmap import table_specs as t
from boardmap.model import BOARD_KINDS, COUNCIL_TIERS, LINK_TYPES, STATUTORY_ROLES, GovernanceMap
from boardmap.origins import located
from boardmap.say.vocab import CADENCE_EVERY
from boardmap.table_read import cell_name

# The sheets, in order, and their columns (the format's own field names).
SHEETS: tuple[t.Spec, ...] = (
    t.MAP,
    t.BOARDS,
    t.LINKS,
    t.ESCALATIONS,
    t.THEMES,
    t.GLOSSARY,
    t.ACCEPTED,
    t.AGREEMENTS,
    t.CONCERNS,
)
# How many rows the drop-down lists cover, below the heading.
LIST_ROWS = 2000
# Lists within a cell: read back split at ';' (and '|').
SEPARATOR = "; "
_FIXED = dt.datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def column_help() -> dict[str, dict[str, str]]:
    """What each column holds, for the comment on its heading (reader-facing wording, kept
    here in one place)."""
    kinds = ", ".join(BOARD_KINDS)
    types = ", ".join(LINK_TYPES)
    return {
        "map": {
            "area": "The place the map describes, for example Medway. Required.",
            "title": "A title for the map's diagrams and guide (optional).",
            "as_of": "The date the map describes, as a date (for example 2019-09-29).",
            "rules": "Rule packs to check the map against, separated by ';' (for example england-2023).",
            "urgent": "What to do when someone is in danger now, shown first in the guide "
            "(for example: If a child is in immediate danger, call 999).",
        },
        "boards": {
            "id": "A short id: lower-case letters, digits and '-', starting with a letter "
            "(for example hwbb). Leave blank to make one from the name.",
            "name": "The board's full name. Required.",
            "short": "Its acronym or short name (for example HWBB).",
            "kind": f"What sort of body it is. Pick from the list: {kinds}. Required.",
            "purpose": "What the board is for, in a sentence or two.",
            "basis": "The law or document it rests on (for example Health and Social Care Act 2012, s.194).",
            "statutory_role": f"The statutory role it fills, if any: {', '.join(STATUTORY_ROLES)}.",
            "chair": "Who chairs it: a board id (a role), or a name. Co-chairs separated by ';'.",
            "independent_chair": "yes if the chair is independent of the partners.",
            "members": "The boards, roles and organisations that sit on it: ids or names, separated by ';'.",
            "meets": "How often it meets (for example quarterly).",
            "areas": "Areas of work it belongs to, separated by ';'.",
            "top": "yes for a body at the top of the reporting lines.",
            "part_of": "The body this one is part of and answers to, by id (for example a "
            "council committee's council).",
            "tier": f"For a council, its tier: {', '.join(COUNCIL_TIERS)} (a district has "
            "no Health and Wellbeing Board of its own; its county has).",
            "since": "The date it was set up, as a date.",
            "until": "The date it ended, as a date (after since).",
            "url": "A web page about it.",
            "contact": "How to reach the board: an email address or a web page.",
        },
        "links": {
            "from": "The board the link starts from: pick an id from the list (or type a "
            "board's name). Required.",
            "to": "The board the link goes to: pick an id from the list. Required.",
            "type": f"What the link is. Pick from the list: {types}. Required.",
            "says": "The link in your own words, if the type's own phrase does not fit.",
            "what": "What passes along it (for example an annual report).",
            "cadence": "How often: pick from the list, or type your own (for example after each meeting).",
            "basis": "The law or document that sets the link up.",
            "review_by": "The date to review the link by, as a date.",
            "since": "The date the link began, as a date.",
            "until": "The date it ended, as a date.",
        },
        "escalations": {
            "id": "The route's id, on its first row (or leave blank to make one from the name).",
            "name": "The route's name, on its first row (for example When the boards "
            "disagree). Later rows without an id or name are its next steps.",
            "description": "What the route is for.",
            "between": "The boards whose disagreements it settles: ids or names, separated by ';'.",
            "action": "What happens at this step. Required on every row.",
            "involves": "Who takes part in this step: ids or names, separated by ';'.",
            "since": "The date the route began, as a date (on its first row).",
            "until": "The date it ended, as a date (on its first row).",
        },
        "themes": {
            "id": "The priority's id (or leave blank to make one from the name).",
            "name": "The shared priority's name. Required.",
            "description": "What it is about.",
            "lead": "The board that leads it: an id or name.",
            "supports": "The boards that support it: ids or names, separated by ';'.",
            "since": "The date it began (a plan's first year), as a date.",
            "until": "The date it ended, as a date.",
        },
        "glossary": {
            "term": "A word or acronym readers may not know. Required.",
            "meaning": "What it means, in plain words. Required.",
        },
        "accepted": {
            "rule": "The id of the gap rule whose finding is accepted (boardmap rules lists them). Required.",
            "board": "The board the finding is about, if it names one.",
            "boards": "The boards the finding is about, separated by ';'.",
            "link_from": "For a finding about a link: the board it starts from.",
            "link_to": "For a finding about a link: the board it goes to.",
            "link_type": "For a finding about a link: its type (optional).",
            "theme": "For a finding about a shared priority: its id.",
            "route": "For a finding about an escalation route: its id.",
            "role": "For a finding about a body the map lacks: its statutory_role (hwb, sab, csp...).",
            "area": "With role, in a map of several areas: the area that lacks the body.",
            "reason": "Why the gap is accepted. Required.",
            "since": "The date the acceptance starts, as a date.",
            "until": "The date the acceptance ends, as a date.",
        },
        "agreements": {
            "id": "The agreement's id, on its first row. Rows below it with no id or name "
            "add a signature or a covered link.",
            "name": "The agreement's name (for example Protocol between the HWB and the "
            "LSCB), on its first row.",
            "description": "What it sets out.",
            "between": "The boards party to it: ids, separated by ';' (two or more).",
            "status": "draft, agreed or withdrawn (default agreed).",
            "review_by": "The date it is due for review, as a date.",
            "url": "Where it is published.",
            "since": "The date it took effect, as a date.",
            "until": "The date it ended, as a date.",
            "covers_routes": "The escalation routes it sets out: ids, separated by ';'. "
            "Leave all covers columns blank if it covers every link.",
            "covers_from": "A link it sets out: the board the link starts from (one a row).",
            "covers_to": "A link it sets out: the board the link goes to.",
            "covers_type": "A link it sets out: the link's type (blank for every link of the pair).",
            "agreed_by": "A board that agreed it (one signature a row).",
            "agreed_on": "The date that board agreed it, as a date.",
            "agreed_ref": "Where its agreement is recorded (a minute reference or web page).",
        },
        "concerns": {
            "concern": "A worry a front-line worker may have (for example I am worried "
            "about a child). Required.",
            "do": "What to do about it.",
            "contact": "Whom to contact: a board's id, or a name.",
            "phone": "The phone number to call.",
            "email": "The email address to write to.",
            "web": "The web page to use.",
        },
    }


def template() -> bytes:
    """The starter workbook: the sheets and their headings, with no items."""
    return _workbook(None)


def to_workbook(gmap: GovernanceMap) -> bytes:
    """A workbook that boardmap reads back as the same map (every board of every date)."""
    return _workbook(located(gmap).undated)


def _workbook(gmap: GovernanceMap | None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"  # the drop-downs' choices; boardmap does not read it
    choices = {
        "kind": list(BOARD_KINDS),
        "type": list(LINK_TYPES),
        "cadence": list(CADENCE_EVERY),
        "statutory_role": list(STATUTORY_ROLES),
        "tier": list(COUNCIL_TIERS),
        "yes/no": ["yes", "no"],
    }
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(choices.items(), start=1):
        lists.cell(1, column, name)
        for row, value in enumerate(values, start=2):
            lists.cell(row, column, value)
        letter = cell_name(1, column)[:-1]
        ranges[name] = f"lists!${letter}$2:${letter}${len(values) + 1}"
    helps = column_help()
    rows = _rows(gmap) if gmap is not None else {}
    for spec in SHEETS:
        sheet = book.create_sheet(spec.name, len(book.sheetnames) - 1)
        _heading(sheet, spec, helps[spec.name])
        for item in rows.get(spec.name, []):
            sheet.append([_cell(item.get(name)) for name in spec.fields])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text that starts with '=' is text, not a formula
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        _validations(sheet, spec, ranges)
    book.move_sheet("lists", offset=len(book.sheetnames))
    book.properties.creator = "boardmap"
    book.properties.created = book.properties.modified = _FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


def _heading(sheet: Any, spec: t.Spec, helps: dict[str, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    sheet.append(list(spec.fields))
    for column, name in enumerate(spec.fields, start=1):
        cell = sheet.cell(1, column)
        cell.font = Font(bold=True)
        comment = Comment(helps.get(name, name), "boardmap")
        comment.width, comment.height = 300, 120
        cell.comment = comment
        width = 40 if name in ("purpose", "description", "action", "what", "reason", "meaning") else 18
        sheet.column_dimensions[cell_name(1, column)[:-1]].width = width
    sheet.freeze_panes = "A2"


def _validations(sheet: Any, spec: t.Spec, ranges: dict[str, str]) -> None:
    """Drop-down lists: a kind, a link type, a cadence, a statutory role, a council's tier,
    yes or no, and
    in the links sheet the ids of the boards; and a date in every date column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    wanted: dict[str, tuple[str, bool]] = {}  # column -> (list formula, strict)
    if spec.name == "boards":
        wanted = {
            "kind": (ranges["kind"], True),
            "statutory_role": (ranges["statutory_role"], True),
            "tier": (ranges["tier"], True),
            "independent_chair": (ranges["yes/no"], True),
            "top": (ranges["yes/no"], True),
        }
    elif spec.name == "links":
        ids = f"boards!$A$2:$A${LIST_ROWS + 1}"
        # from and to may also be a board's name, so other text is allowed (with a warning).
        wanted = {
            "from": (ids, False),
            "to": (ids, False),
            "type": (ranges["type"], True),
            "cadence": (ranges["cadence"], False),
        }
    elif spec.name == "accepted":
        wanted = {"link_type": (ranges["type"], True)}
    for column, name in enumerate(spec.fields, start=1):
        if name in spec.dates:
            letter = cell_name(1, column)[:-1]
            sheet.add_data_validation(_date_check(name, f"{letter}2:{letter}{LIST_ROWS + 1}"))
    for name, (formula, strict) in wanted.items():
        letter = cell_name(1, spec.fields.index(name) + 1)[:-1]
        check = DataValidation(
            type="list",
            formula1=f"={formula}",
            allow_blank=True,
            showDropDown=False,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
        )
        check.errorTitle = f"Not a {name.replace('_', ' ')} boardmap knows"
        check.error = (
            "Pick one from the list."
            if strict
            else "This is not on the list; boardmap will check it when it reads the map."
        )
        check.add(f"{letter}2:{letter}{LIST_ROWS + 1}")
        sheet.add_data_validation(check)


def _date_check(name: str, cells: str) -> Any:
    """A date column takes a date (Excel turns 2019-09-29 or 29/09/2019 typed in a UK
    locale into one); anything else is stopped with a message saying how to write it."""
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(1800,1,1)",
        formula2="DATE(9999,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
    )
    check.errorTitle = f"The {name.replace('_', ' ')} is a date"
    check.error = "Type a date, for example 2019-09-29."
    check.add(cells)
    return check


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    return value


def _rows(gmap: GovernanceMap) -> dict[str, list[dict[str, Any]]]:
    """Each sheet's rows, as field -> value."""
    out: dict[str, list[dict[str, Any]]] = {}
    out["map"] = [{"area": gmap.area, "title": gmap.title, "as_of": gmap.as_of, "rules": gmap.rules or None}]
    out["boards"] = [b.model_dump(exclude_defaults=True) for b in gmap.boards]
    out["links"] = [link.model_dump(by_alias=True, exclude_defaults=True) for link in gmap.links]
    routes: list[dict[str, Any]] = []
    for route in gmap.escalations:
        for index, step in enumerate(route.steps):
            row: dict[str, Any] = {"action": step.action, "involves": step.involves or None}
            if index == 0:
                row.update(
                    id=route.id,
                    name=route.name,
                    description=route.description,
                    between=route.between,
                    since=route.since,
                    until=route.until,
                )
            routes.append(row)
    out["escalations"] = routes
    out["themes"] = [theme.model_dump(exclude_defaults=True) for theme in gmap.themes]
    out["glossary"] = [{"term": term, "meaning": meaning} for term, meaning in gmap.glossary.items()]
    accepted = []
    for entry in gmap.accepted:
        row = entry.model_dump(exclude_defaults=True, exclude={"link"})
        if entry.link is not None:
            row.update(link_from=entry.link.from_, link_to=entry.link.to, link_type=entry.link.type)
        accepted.append(row)
    out["accepted"] = accepted
    out["map"][0]["urgent"] = gmap.urgent
    agreements: list[dict[str, Any]] = []
    for agreement in gmap.agreements:
        head = agreement.model_dump(exclude_defaults=True, exclude={"covers", "agreed"})
        if agreement.status != "agreed" or "status" in agreement.model_fields_set:
            head["status"] = agreement.status
        covers = agreement.covers
        if covers is not None:
            head["covers_routes"] = covers.routes or None
        extra = [{"agreed_by": s.by, "agreed_on": s.on, "agreed_ref": s.ref} for s in agreement.agreed]
        for index, ref in enumerate(covers.links if covers is not None else []):
            if index >= len(extra):
                extra.append({})
            extra[index].update(covers_from=ref.from_, covers_to=ref.to, covers_type=ref.type)
        agreements.append({**head, **(extra[0] if extra else {})})
        agreements.extend(extra[1:])
    out["agreements"] = agreements
    out["concerns"] = [c.model_dump(exclude_defaults=True) for c in gmap.concerns]
    return out


def fixed_zip(data: bytes) -> bytes:
    """A zip (xlsx, docx) rewritten with a fixed date on every entry, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()
