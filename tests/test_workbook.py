"""A workbook is a map (issue 16): every command reads an .xlsx map, every problem at its
cell, the starter template, and export --to xlsx that reads back as the same map."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from boardmap import build
from boardmap.dump import map_data
from boardmap.errors import MapError
from boardmap.load import load, located
from boardmap.model import BOARD_KINDS, COUNCIL_TIERS, LINK_TYPES
from boardmap.say.vocab import CADENCE_EVERY
from boardmap.workbook_out import template, to_workbook
from tests.conftest import EXAMPLES, ROOT, Result

Cli = Callable[..., Result]
MEDWAY = ROOT / "data" / "boards.yaml"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_yaml_to_xlsx_to_yaml_is_the_same_map(path: Path, tmp_path: Path) -> None:
    gmap = load(path)
    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(gmap))
    again = load(book)
    assert map_data(located(again).undated) == map_data(located(gmap).undated)  # every board of every date
    assert map_data(again) == map_data(gmap)  # and the map as it stands on its date
    assert to_workbook(again) == book.read_bytes()  # and the same bytes again


EVERY_PART = """\
boardmap: 1
area: Testshire
title: How Testshire's boards work
as_of: 2020-01-01
rules: [england-2019]
urgent: If someone is in immediate danger, call 999.
glossary:
  HWB: Health and Wellbeing Board
boards:
  - {id: hwb, name: Health and Wellbeing Board, short: HWB, kind: statutory-board,
     statutory_role: hwb, contact: hwb@testshire.gov.uk, chair: [leader, ce], areas: [health, care],
     since: 2013-04-01, purpose: "Plans health and care; = not a formula"}
  - {id: scp, name: Safeguarding Children Partnership, kind: partnership, independent_chair: true,
     members: [hwb, ce], top: true, url: "https://testshire.gov.uk/scp"}
  - {id: leader, name: Leader of the Council, kind: role}
  - {id: ce, name: Chief Executive, kind: role}
  - {id: old, name: An old board, kind: committee, since: 2010-01-01, until: 2015-01-01}
  - {id: cabinet, name: Cabinet, kind: committee, part_of: council}
  - {id: council, name: Testshire Council, kind: organisation, tier: unitary}
links:
  - {from: hwb, to: scp, type: informs, what: the strategy, cadence: annual, review_by: 2021-01-01}
  - {from: scp, to: hwb, type: challenges, says: "asks {to} about its plans"}
  - {from: scp, to: ce, type: reports-to}
escalations:
  - id: disagree
    name: When the boards disagree
    between: [hwb, scp]
    since: 2018-01-01
    steps:
      - {action: The chairs meet., involves: [leader]}
      - {action: The Chief Executive decides.}
themes:
  - {id: early-help, name: Early help, lead: scp, supports: [hwb], since: 2019-04-01,
     until: 2022-04-01}
accepted:
  - {rule: challenge-without-response, link: {from: scp, to: hwb, type: challenges},
     reason: It answers at the next meeting., since: 2019-06-01, until: 2021-06-01}
agreements:
  - id: protocol
    name: Protocol between the boards
    between: [hwb, scp]
    covers:
      links: [{from: hwb, to: scp, type: informs}, {from: scp, to: hwb}]
      routes: [disagree]
    agreed:
      - {by: hwb, "on": 2019-10-10, ref: minute 12}
      - {by: scp, "on": 2019-11-10}
    status: agreed
    review_by: 2021-10-01
concerns:
  - {concern: I am worried about a child, do: Call the front door, contact: scp,
     phone: 01234 567890}
  - {concern: Domestic abuse, contact: The helpline, web: "https://testshire.gov.uk/da",
     email: "mailto:help@testshire.gov.uk"}
"""


def test_every_part_of_the_format_round_trips(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(EVERY_PART)
    gmap = load(source)
    assert gmap.agreements and gmap.concerns and gmap.urgent and gmap.accepted
    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(gmap))
    again = load(book)
    assert map_data(located(again).undated) == map_data(located(gmap).undated)
    assert "old" in [b.id for b in located(again).undated.boards]  # ended boards are kept
    assert again.board("cabinet").part_of == "council"
    assert again.board("council").tier == "unitary"


def test_import_of_a_workbook_keeps_every_sheet(tmp_path: Path, cli: Cli) -> None:
    """`boardmap import book.xlsx` writes the map `boardmap check book.xlsx` reads: accepted
    gaps, agreements, concerns, the glossary and the urgent line are not dropped."""
    source = tmp_path / "map.yaml"
    source.write_text(EVERY_PART)
    gmap = load(source)
    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(gmap))
    result = cli("import", str(book), "-o", str(tmp_path / "imported.yaml"))
    assert result.status == 0, result.err
    assert result.err.strip() == (
        f"wrote {tmp_path / 'imported.yaml'}: 7 boards, 3 links, 1 escalation route, 1 theme, "
        "1 accepted gap, 1 agreement, 2 concerns. "
        f"Run `boardmap check {tmp_path / 'imported.yaml'}` next."
    )
    imported = tmp_path / "imported.yaml"
    text = imported.read_text()
    assert "# Agreements between boards, from the agreements sheet of map.xlsx." in text
    again = load(imported)
    assert map_data(located(again).undated) == map_data(located(gmap).undated)


def test_an_agreements_signature_errors_are_at_their_row(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(EVERY_PART)
    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(load(source)))
    wb = load_workbook(book)
    sheet = wb["agreements"]
    heading = [c.value for c in sheet[1]]
    on, by = heading.index("agreed_on") + 1, heading.index("agreed_by") + 1
    sheet.cell(3, on, "10/11/2019")  # the second signature's date, typed the UK way
    sheet.cell(3, by, "nobody")
    wb.save(book)
    on_cell, by_cell = f"{chr(64 + on)}3", f"{chr(64 + by)}3"
    assert _problems(book) == [
        f"{book}:agreements!{by_cell}: unknown-board: no board has the id or name 'nobody'; add "
        "it to the boards, or give a board's id or name",
        f"{book}:agreements!{on_cell}: schema: agreed_on '10/11/2019' is not a date boardmap "
        "can read: dates are written YYYY-MM-DD; did you mean 10 November 2019? Write it as "
        "2019-11-10",
    ]


def test_export_and_check_from_the_command_line(tmp_path: Path, cli: Cli) -> None:
    book = tmp_path / "medway.xlsx"
    result = cli("export", str(MEDWAY), "--to", "xlsx", "-o", str(book))
    assert (result.status, result.err) == (0, f"wrote {book}\n")
    from_yaml, from_xlsx = cli("check", str(MEDWAY)), cli("check", str(book))
    assert from_xlsx.status == from_yaml.status
    # The same findings, placed at the sheet and row of what they are about.
    assert from_xlsx.out.count(f"{book}:") == from_yaml.out.count(f"{MEDWAY}:") > 10
    assert f"{book}:boards:2: missing-statutory-link" in from_xlsx.out
    assert cli("export", str(MEDWAY), "--to", "xlsx").err == (
        "boardmap: --to xlsx writes a file, not text: give -o NAME.xlsx\n"
    )


def test_render_guide_build_and_diff_read_a_workbook(tmp_path: Path, cli: Cli) -> None:
    book = tmp_path / "medway.xlsx"
    book.write_bytes(to_workbook(load(MEDWAY)))
    assert cli("render", str(book), "--out", str(tmp_path / "d"), "--view", "overview").status == 0
    assert (tmp_path / "d" / "overview.svg").is_file()
    assert cli("guide", str(book), "--out", str(tmp_path / "g")).status == 0
    assert "Health and Wellbeing Board" in (tmp_path / "g" / "guide.md").read_text()
    assert cli("build", str(book), "--out", str(tmp_path / "b")).status in (0, 1)
    assert (tmp_path / "b" / "guide.html").is_file()
    same = cli("diff", str(MEDWAY), str(book))
    assert same.status == 0 and "Nothing changed from the map in" in same.out, same.out


def test_build_watch_rebuilds_a_workbook_and_keeps_outputs_on_error(tmp_path: Path) -> None:
    book = tmp_path / "medway.xlsx"
    book.write_bytes(to_workbook(load(MEDWAY)))
    out = tmp_path / "out"
    built: list[Any] = []
    errors: list[Exception] = []

    def batches() -> Any:
        yield {"saved"}
        _edit(book, "links", "B2", "nobody")
        yield {"saved again"}

    build.watch(book, out, on_build=built.append, on_error=errors.append, changes=batches(), formats=("svg",))
    assert (len(built), len(errors)) == (2, 1)
    assert isinstance(errors[0], MapError)
    assert str(errors[0].problems[0]).startswith(f"{book}:links!B2: unknown-board: ")
    assert (out / "guide.html").is_file()  # the last good build stays


# -- every problem at its cell --------------------------------------------------------------


def _edit(book: Path, sheet: str, cell: str, value: Any, data_type: str | None = None) -> None:
    wb = load_workbook(book)
    wb[sheet][cell] = value
    if data_type:
        wb[sheet][cell].data_type = data_type
    wb.save(book)


@pytest.fixture
def medway_book(tmp_path: Path) -> Path:
    book = tmp_path / "boards.xlsx"
    book.write_bytes(to_workbook(load(MEDWAY)))
    return book


def _problems(book: Path) -> list[str]:
    with pytest.raises(MapError) as caught:
        load(book)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_board_is_placed_at_its_cell(medway_book: Path, cli: Cli) -> None:
    _edit(medway_book, "links", "B2", "hwbbb")  # the first link goes from dcs to hwbb
    expected = (
        f"{medway_book}:links!B2: unknown-board: no board has the id or name 'hwbbb'; did you mean 'hwbb'?"
    )
    assert _problems(medway_book) == [expected]
    result = cli("check", str(medway_book))
    assert (result.status, result.out.splitlines()[0]) == (2, expected)
    as_json = json.loads(cli("check", str(medway_book), "--format", "json").out)
    assert as_json["errors"][0]["cell"] == "B2"
    assert as_json["errors"][0]["file"] == f"{medway_book}:links"
    # SARIF names the workbook itself, and the cell as a logical place (a zip has no lines).
    sarif = json.loads(cli("check", str(medway_book), "--format", "sarif").out)
    assert sarif["runs"][0]["results"][0]["locations"] == [
        {
            "physicalLocation": {"artifactLocation": {"uri": medway_book.as_uri()}},
            "logicalLocations": [{"name": "links!B2", "fullyQualifiedName": "links!B2", "kind": "element"}],
        }
    ]


def test_sarif_of_a_workbook_names_the_workbook_and_the_row(medway_book: Path, cli: Cli) -> None:
    # 'boards.xlsx:boards' is no file: the artifact is the workbook, the sheet and row logical.
    sarif = json.loads(cli("check", str(medway_book), "--format", "sarif").out)
    results = sarif["runs"][0]["results"]
    assert results
    for result in results:
        [location] = result["locations"]
        assert location["physicalLocation"] == {"artifactLocation": {"uri": medway_book.as_uri()}}
        [place] = location["logicalLocations"]
        sheet, row = place["name"].split(":")
        assert sheet in ("boards", "links", "map", "themes", "accepted") and int(row) >= 1


def test_errors_found_only_by_loading_the_whole_map_go_to_their_cell(medway_book: Path) -> None:
    _edit(medway_book, "map", "D2", "england-1066")
    _edit(medway_book, "themes", "A3", load_workbook(medway_book)["themes"]["A2"].value)
    found = _problems(medway_book)
    assert found[0].startswith(f"{medway_book}:map!D2: schema: there is no rule pack called 'england-1066'")
    assert found[1].startswith(f"{medway_book}:themes!A3: duplicate-id: the theme id ")


def test_a_finding_about_the_rule_packs_names_the_map_sheet(medway_book: Path, cli: Cli) -> None:
    # It said "boards.xlsx:2", a row of no sheet, where YAML says the line of `rules:`.
    _edit(medway_book, "map", "D2", "england-2019")
    result = cli("check", str(medway_book))
    assert f"\n{medway_book}:map:2: rule-pack-era\n" in result.out
    [era] = [
        f
        for f in json.loads(cli("check", str(medway_book), "--format", "json").out)["findings"]
        if f["rule"] == "rule-pack-era"
    ]
    assert (era["file"], era["line"]) == (f"{medway_book}:map", 2)


def _column(sheet: str, name: str) -> str:
    from boardmap.table_read import cell_name
    from boardmap.table_specs import SPECS

    return cell_name(1, SPECS[sheet].fields.index(name) + 1)[:-1]


def test_bad_cells_each_at_their_cell(medway_book: Path) -> None:
    _edit(medway_book, "boards", "D3", "statutory")  # kind
    since, until = (_column("boards", name) for name in ("since", "until"))
    _edit(medway_book, "boards", f"{since}3", "29/09/2019")  # typed the UK way
    _edit(medway_book, "boards", f"{until}3", 43000)  # a number
    _edit(medway_book, "links", "C2", "oversees")  # type
    _edit(medway_book, "links", "K1", "colour")  # an unknown column
    found = _problems(medway_book)
    where = str(medway_book)
    assert found[0].startswith(f"{where}:boards!D3: schema: kind 'statutory' is not one of: ")
    assert found[1] == (
        f"{where}:boards!{since}3: schema: since '29/09/2019' is not a date "
        "boardmap can read: dates are written YYYY-MM-DD; did you mean 29 "
        "September 2019? Write it as 2019-09-29"
    )
    assert found[2] == (
        f"{where}:boards!{until}3: schema: until 43000 is not a date: write the "
        "date in full, as YYYY-MM-DD (for example 2014-06-17)"
    )
    assert found[3].startswith(
        f"{where}:links!K1: schema: unknown column 'colour' in the "
        "links table; the columns are: from, to, type"
    )
    assert found[4].startswith(f"{where}:links!C2: schema: type 'oversees' is not one of: ")
    assert len(found) == 5


def test_formulas_merged_cells_and_hidden_sheets_are_refused_at_their_cell(medway_book: Path) -> None:
    wb = load_workbook(medway_book)
    wb["boards"]["C2"] = '=UPPER("hwbb")'
    wb["links"].merge_cells("D2:E2")
    wb["themes"].sheet_state = "hidden"
    wb.save(medway_book)
    where = str(medway_book)
    assert _problems(medway_book) == [
        f"{where}:boards!C2: schema: this cell holds a formula ('=UPPER(\"hwbb\")'); boardmap "
        "reads typed values only: copy the cell and paste it back as a value (Paste Special, "
        "Values)",
        f"{where}:links!D2: schema: cells D2 to E2 are merged; boardmap reads one value a "
        "cell: unmerge them (Merge & Center, Unmerge Cells) and fill in each cell",
        f"{where}:themes!A1: schema: the sheet 'themes' is hidden, and boardmap reads it: "
        "unhide it (right-click a sheet tab, Unhide) so that readers see what the map holds, "
        "or delete it",
    ]


def test_clear_acceptances(medway_book: Path) -> None:
    """What is read as meant: an id in another case, a real Excel date, a text cell that
    starts with '=', other sheets (notes) left alone."""
    _edit(medway_book, "links", "A2", "DCS")  # the first link goes from dcs to hwbb
    _edit(medway_book, "links", "B2", "Hwbb")
    _edit(medway_book, "boards", "E2", "=not a formula", data_type="s")
    _edit(medway_book, "map", "C2", dt.datetime(2014, 6, 17))
    wb = load_workbook(medway_book)
    wb.create_sheet("Notes")["A1"] = "anything at all"
    wb.save(medway_book)
    gmap = load(medway_book)
    assert gmap.board("hwbb").purpose == "=not a formula"
    assert gmap.as_of == dt.date(2014, 6, 17)
    assert (gmap.links[0].from_, gmap.links[0].to) == ("dcs", "hwbb")


def test_a_sheet_name_close_to_one_boardmap_reads_is_an_error(medway_book: Path) -> None:
    wb = load_workbook(medway_book)
    wb["themes"].title = "theme"
    wb.save(medway_book)
    assert _problems(medway_book) == [
        f"{medway_book}:theme!A1: schema: boardmap does not read a sheet called 'theme'; did "
        "you mean 'themes'? Rename the sheet"
    ]


def test_a_bad_workbook_writes_nothing(medway_book: Path, tmp_path: Path, cli: Cli) -> None:
    _edit(medway_book, "links", "A2", "nobody")
    out = tmp_path / "out"
    result = cli("build", str(medway_book), "--out", str(out))
    assert result.status == 2 and "Traceback" not in result.err
    assert f"{medway_book}:links!A2: unknown-board:" in result.err
    assert not out.exists()
    not_a_book = tmp_path / "fake.xlsx"
    not_a_book.write_text("not a zip")
    bad = cli("check", str(not_a_book))
    assert bad.status == 2 and bad.err.startswith(
        f"boardmap: {not_a_book}: not an Excel workbook that boardmap can read"
    )


# -- the template ---------------------------------------------------------------------------


def test_template_has_sheets_comments_and_drop_downs(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "boards.xlsx"
    result = cli("template", "-o", str(path))
    assert result.status == 0, result.err
    assert path.read_bytes() == template()
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "map",
        "boards",
        "links",
        "escalations",
        "themes",
        "glossary",
        "accepted",
        "agreements",
        "concerns",
        "lists",
    ]
    assert wb["lists"].sheet_state == "hidden"
    boards, links = wb["boards"], wb["links"]
    assert [c.value for c in boards[1]][:4] == ["id", "name", "short", "kind"]
    for sheet in wb.worksheets[:-1]:
        for cell in sheet[1]:
            assert cell.comment is not None and len(cell.comment.text) > 15, (sheet.title, cell.value)
    assert "Pick from the list" in boards["D1"].comment.text

    def choices(formula: str) -> list[Any]:
        sheet_name, cells = formula.lstrip("=").split("!")
        first, last = cells.replace("$", "").split(":")
        return [c.value for row in wb[sheet_name][first:last] for c in row]

    def validation(sheet: Any, column: str) -> Any:
        return next(
            v
            for v in sheet.data_validations.dataValidation
            if any(str(r).startswith(f"{column}2:") for r in v.sqref.ranges)
        )

    assert choices(validation(boards, "D").formula1) == list(BOARD_KINDS)
    assert choices(validation(links, "C").formula1) == list(LINK_TYPES)
    assert choices(validation(links, "F").formula1) == list(CADENCE_EVERY)
    assert validation(links, "A").formula1 == "=boards!$A$2:$A$2001"
    assert validation(links, "B").formula1 == "=boards!$A$2:$A$2001"
    assert validation(boards, "D").errorStyle == "stop"
    tier = [c.value for c in boards[1]].index("tier")
    assert choices(validation(boards, get_column_letter(tier + 1)).formula1) == list(COUNCIL_TIERS)
    assert validation(links, "A").errorStyle == "warning"  # a board's name is allowed too
    assert cli("template", "-o", str(path)).status == 2  # never overwritten without --force


def test_a_filled_in_template_is_a_map(tmp_path: Path) -> None:
    path = tmp_path / "boards.xlsx"
    path.write_bytes(template())
    wb = load_workbook(path)
    wb["map"].append(["Testshire", None, dt.datetime(2024, 4, 1)])
    wb["boards"].append(["hwb", "Health and Wellbeing Board", "HWB", "statutory-board"])
    wb["boards"].append([None, "Cabinet", None, "committee"])
    wb["links"].append(["hwb", "cabinet", "reports-to", None, "an annual report", "annual"])
    wb.save(path)
    gmap = load(path)
    assert [b.id for b in gmap.boards] == ["hwb", "cabinet"]
    assert (gmap.links[0].from_, gmap.links[0].to, gmap.links[0].cadence) == ("hwb", "cabinet", "annual")
    assert (gmap.area, gmap.as_of) == ("Testshire", dt.date(2024, 4, 1))


def test_an_empty_template_says_what_to_fill_in(tmp_path: Path) -> None:
    path = tmp_path / "boards.xlsx"
    path.write_bytes(template())
    assert _problems(path) == [
        f"{path}:boards!A1: schema: the boards table lists no boards: under a first row of "
        "headings (name, kind, ...), give one row for each board"
    ]


def test_every_date_column_takes_a_date_in_excel(tmp_path: Path) -> None:
    """Themes, routes and accepted entries have since and until columns, as boards and links
    do, and Excel is told that every date column holds a date."""
    from boardmap.table_specs import SPECS

    wb = load_workbook(io.BytesIO(template()))
    for name in ("themes", "escalations", "accepted"):
        assert {"since", "until"} <= set(SPECS[name].dates), name
    for name, spec in SPECS.items():
        sheet = wb[name]
        heading = [c.value for c in sheet[1]]
        dated = {
            str(cells).split(":")[0][:-1]
            for check in sheet.data_validations.dataValidation
            if check.type == "date"
            for cells in check.sqref.ranges
        }
        wanted = {_column(name, field) for field in spec.dates}
        assert dated == wanted, (name, heading)
    check = next(v for v in wb["themes"].data_validations.dataValidation if v.type == "date")
    assert (check.formula1, check.formula2, check.errorStyle) == (
        "DATE(1800,1,1)",
        "DATE(9999,12,31)",
        "stop",
    )
    assert check.error == "Type a date, for example 2019-09-29."


def test_since_and_until_of_themes_routes_and_accepted_entries_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(EVERY_PART)
    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(load(source)))
    wb = load_workbook(book)
    for sheet, row, since, until in (
        ("themes", 2, dt.datetime(2019, 4, 1), dt.datetime(2022, 4, 1)),
        ("escalations", 2, dt.datetime(2018, 1, 1), None),
        ("accepted", 2, dt.datetime(2019, 6, 1), dt.datetime(2021, 6, 1)),
    ):
        cells = wb[sheet]
        assert cells[f"{_column(sheet, 'since')}{row}"].value == since, sheet
        assert cells[f"{_column(sheet, 'until')}{row}"].value == until, sheet
    again = load(book, as_of=dt.date(2020, 1, 1))
    undated = located(again).undated
    assert (undated.themes[0].since, undated.themes[0].until) == (
        dt.date(2019, 4, 1),
        dt.date(2022, 4, 1),
    )
    assert undated.escalations[0].since == dt.date(2018, 1, 1)
    assert (again.accepted[0].since, again.accepted[0].until) == (dt.date(2019, 6, 1), dt.date(2021, 6, 1))


def test_bad_dates_of_themes_routes_and_accepted_entries_are_at_their_cell(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(EVERY_PART)
    book = tmp_path / "map.xlsx"
    book.write_bytes(to_workbook(load(source)))
    theme_until, route_since = _column("themes", "until"), _column("escalations", "since")
    accepted_since, accepted_until = _column("accepted", "since"), _column("accepted", "until")
    _edit(book, "themes", f"{theme_until}2", "31/03/2022")
    _edit(book, "escalations", f"{route_since}2", "spring 2018")
    _edit(book, "accepted", f"{accepted_since}2", dt.datetime(2021, 6, 1))
    _edit(book, "accepted", f"{accepted_until}2", dt.datetime(2019, 6, 1))
    assert _problems(book) == [
        f"{book}:escalations!{route_since}2: schema: since 'spring 2018' is not a date: write it "
        "as YYYY-MM-DD, a real date (for example 2014-06-17)",
        f"{book}:themes!{theme_until}2: schema: until '31/03/2022' is not a date boardmap can "
        "read: dates are written YYYY-MM-DD; did you mean 31 March 2022? Write it as 2022-03-31",
    ]
    # Once each cell reads, the checks of the whole map: an acceptance ending before it starts.
    _edit(book, "themes", f"{theme_until}2", dt.datetime(2022, 3, 31))
    _edit(book, "escalations", f"{route_since}2", None)
    assert _problems(book) == [
        f"{book}:accepted!{accepted_until}2: schema: until (2019-06-01) must not come before "
        "since (2021-06-01)",
    ]


# -- bad input through the command line: located, exit 2, never a traceback -----------------


def _merge(book: Path) -> None:
    wb = load_workbook(book)
    wb["links"].merge_cells("D2:E2")
    wb.save(book)


def _hide(book: Path) -> None:
    wb = load_workbook(book)
    wb["themes"].sheet_state = "hidden"
    wb.save(book)


def _rename(book: Path) -> None:
    wb = load_workbook(book)
    wb["themes"].title = "Themes 2019"
    wb.create_sheet("concern")
    wb.save(book)


BAD_WORKBOOKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "formula": (
        lambda book: _edit(book, "boards", "C2", "=1+1"),
        "boards!C2: schema: this cell holds a formula ('=1+1'); boardmap reads typed values only",
    ),
    "merged cells": (_merge, "links!D2: schema: cells D2 to E2 are merged"),
    "hidden sheet": (_hide, "themes!A1: schema: the sheet 'themes' is hidden, and boardmap reads it"),
    "date as text": (
        lambda book: _edit(book, "map", "C2", "17/06/2014"),
        "map!C2: schema: as_of '17/06/2014' is not a date boardmap can read",
    ),
    "date as a number": (
        lambda book: _edit(book, "boards", f"{_column('boards', 'until')}3", 43000),
        f"boards!{_column('boards', 'until')}3: schema: until 43000 is not a date: write the date in full",
    ),
    "unknown column": (
        lambda book: _edit(book, "boards", "Z1", "colour"),
        "boards!Z1: schema: unknown column 'colour' in the boards table; the columns are: id, name,",
    ),
    "unknown sheet like one boardmap reads": (
        _rename,
        "concern!A1: schema: boardmap does not read a sheet called 'concern'; did you mean 'concerns'?",
    ),
    "an id that is not one": (
        lambda book: _edit(book, "boards", "A2", "HWBB board"),
        "boards!A2: schema: id 'HWBB board' is not a valid id",
    ),
}


@pytest.mark.parametrize("case", BAD_WORKBOOKS, ids=str)
def test_bad_workbooks_are_located_with_exit_2(case: str, medway_book: Path, cli: Cli) -> None:
    spoil, expected = BAD_WORKBOOKS[case]
    spoil(medway_book)
    result = cli("check", str(medway_book))
    assert result.status == 2, result.out + result.err
    assert "Traceback" not in result.out + result.err
    assert result.out.splitlines()[0].startswith(f"{medway_book}:{expected}"), result.out


def test_a_sheet_claiming_a_million_rows_is_read_by_the_rows_it_holds(tmp_path: Path, cli: Cli) -> None:
    """openpyxl trusts a sheet's declared <dimension>; boardmap reads the rows there are,
    so a sheet claiming a million rows and columns is checked in seconds, and a stray cell
    at its far corner is placed at its cell."""
    from tests import xlsx_parts as xl

    sheets = {
        "map": xl.sheet_data([["area"], ["Testshire"]]),
        "boards": xl.sheet_data([["id", "name", "kind"], ["a", "A board", "committee"], ["b", "B", "role"]]),
        "links": xl.sheet_data([["from", "to", "type"], ["b", "a", "reports-to"]]),
    }
    huge = {name: "A1:XFD1048576" for name in sheets}
    clean = xl.write(tmp_path / "claims.xlsx", sheets, dimension=huge)
    started = time.perf_counter()
    result = cli("check", str(clean))
    assert time.perf_counter() - started < 20
    assert result.status in (0, 1) and "Traceback" not in result.err, result.err
    assert [b.id for b in load(clean).boards] == ["a", "b"]
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    stray = xl.write(tmp_path / "stray.xlsx", {**sheets, "boards": sheets["boards"] + far}, dimension=huge)
    result = cli("check", str(stray))
    assert result.status == 2
    assert result.out.splitlines()[0] == (
        f"{stray}:boards!XFD1048576: schema: this cell is under a column with no heading; "
        "add a heading or clear the cell"
    )
