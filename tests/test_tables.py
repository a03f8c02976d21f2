"""boardmap import: CSV and xlsx tables -> a YAML map, and every bad cell at its place."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from boardmap.errors import MapError, UsageError
from boardmap.export import csv_tables
from boardmap.load import load, load_text
from boardmap.table_rows import slug
from boardmap.tables import import_tables, read_tables

TABLES = Path(__file__).parent / "maps" / "tables"
Cli = Callable[..., Any]


def problems_of(paths: list[Path], area: str | None = "Testshire") -> list[str]:
    with pytest.raises(MapError) as caught:
        import_tables(paths, area=area)
    return [str(p) for p in caught.value.problems]


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An .xlsx file with one sheet per entry, rows as given (the first is the heading)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_to_yaml_to_csv_gives_back_the_same_rows(tmp_path: Path) -> None:
    elements, connections = TABLES / "kumu-elements.csv", TABLES / "kumu-connections.csv"
    text = import_tables([elements, connections], area="Testshire")
    gmap = load_text(text)
    again_elements, again_connections = csv_tables(gmap)
    assert again_elements == elements.read_text(encoding="utf-8")
    assert again_connections == connections.read_text(encoding="utf-8")


def test_csv_round_trip_keeps_every_field() -> None:
    text = import_tables([TABLES / "kumu-elements.csv", TABLES / "kumu-connections.csv"], area="Testshire")
    gmap = load_text(text)
    hwbb, tscp = gmap.board("hwbb"), gmap.board("tscp")
    assert hwbb.chair == ["leader", "ccg-chair"]
    assert hwbb.members == ["testshire-council", "testshire-ccg"]
    assert hwbb.since == dt.date(2013, 4, 1)
    assert tscp.chair == 'Independent scrutineer, "Jo" Smith'  # free text, not a board
    assert tscp.independent_chair is True
    assert tscp.areas == ["north", "south"]
    assert gmap.board("testshire-ccg").name == "=Testshire CCG, formula-looking"
    says = [(link.type, link.says) for link in gmap.links]
    assert says == [
        ("reports-to", None),
        ("challenges", "holds the board to account on keeping children safe"),
        ("informs", None),
        ("informs", "-sends minutes"),
        ("challenges", None),
    ]


def test_officers_csv_with_blank_ids_and_names_in_links() -> None:
    text = import_tables([TABLES / "boards.csv", TABLES / "links.csv"], area="Testshire")
    assert text == (TABLES / "expected.yaml").read_text(encoding="utf-8")
    gmap = load_text(text)
    assert [b.id for b in gmap.boards] == [
        "hwbb",
        "lscb",
        "leader",
        "testshire-council",
        "testshire-police",
        "full-council",
    ]
    assert gmap.board("lscb").kind == "statutory-board"  # written "Statutory board"
    assert gmap.board("hwbb").chair == "leader"  # written "Leader of the Council"
    assert [(x.from_, x.to, x.type) for x in gmap.links] == [
        ("lscb", "hwbb", "challenges"),
        ("hwbb", "full-council", "reports-to"),
        ("lscb", "hwbb", "informs"),
    ]


def test_the_import_is_deterministic() -> None:
    paths = [TABLES / "boards.csv", TABLES / "links.csv"]
    assert import_tables(paths, area="Testshire") == import_tables(paths, area="Testshire")


def test_bad_csv_cells_are_all_reported_at_their_place(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path,
        "boards.csv",
        "id,name,kind,since,purpse,top\n"
        "hwbb,Health Board,statutry-board,2014-13-01,x,maybe\n"
        ",,committee,,,\n"
        "Bad Id,Cabinet,committee,17/06/2014,,\n",
    )
    links = write_csv(
        tmp_path,
        "links.csv",
        "from,to,type\n"
        "hwbb,cabinet,reports-to\n"
        "hwbb,Nowhere Board,reports-to\n"
        "hwbb,hwbb,informs\n"
        "Helth Board,hwbb,tells\n",
    )
    b, li = str(boards), str(links)
    kinds = "statutory-board, partnership, committee, sub-group, officer-group, role, organisation, external"
    types = "reports-to, challenges, escalates-to, consults, informs, sub-group-of, attends, meets-with"
    assert problems_of([boards, links]) == [
        f"{b}:1:5: schema: unknown column 'purpse' in the boards table; did you mean "
        "'purpose'? the columns are: id, name, short, kind, purpose, basis, statutory_role, "
        "chair, independent_chair, members, meets, areas, top, part_of, tier, since, until, url, "
        "contact",
        f"{b}:2:3: schema: kind 'statutry-board' is not one of: {kinds}; did you mean 'statutory-board'?",
        f"{b}:2:4: schema: since '2014-13-01' is not a date: write it as YYYY-MM-DD, a real "
        "date (for example 2014-06-17)",
        f"{b}:2:6: schema: top 'maybe' should be yes or no",
        f"{b}:3:2: schema: this row has no name; fill in the name column (it is required)",
        f"{b}:4:1: schema: id 'Bad Id' is not a valid id: use lower-case letters a-z, digits "
        "and '-', starting with a letter, at most 64 characters (for example 'bad-id')",
        f"{b}:4:4: schema: since '17/06/2014' is not a date boardmap can read: dates are "
        "written YYYY-MM-DD; did you mean 17 June 2014? Write it as 2014-06-17",
        f"{li}:3:2: unknown-board: no board has the id or name 'Nowhere Board'; add it to "
        "the boards, or give a board's id or name",
        f"{li}:4:2: schema: this link goes from 'hwbb' to itself; a link joins two boards",
        f"{li}:5:1: unknown-board: no board has the id or name 'Helth Board'; did you mean 'Health Board'?",
        f"{li}:5:3: schema: type 'tells' is not one of: {types}; did you mean 'attends'?",
    ]


def test_missing_required_column_is_reported_once(tmp_path: Path) -> None:
    boards = write_csv(tmp_path, "boards.csv", "name\nCabinet\nScrutiny\n")
    assert problems_of([boards]) == [
        f"{boards}:1:1: schema: the boards table has no 'kind' column; add a column headed "
        "'kind' (it is required)"
    ]


def test_name_that_fits_two_boards_asks_for_the_id(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path,
        "boards.csv",
        "name,kind\nHealth Board,committee\nHealth Board,partnership\nCabinet,committee\n",
    )
    links = write_csv(tmp_path, "links.csv", "from,to,type\nHealth Board,Cabinet,reports-to\n")
    assert problems_of([boards, links]) == [
        f"{links}:2:1: unknown-board: 'Health Board' could be any of the boards "
        "health-board, health-board-2; use the id"
    ]


def test_duplicate_ids_and_cells_without_heading(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path, "boards.csv", "id,name,kind\ncab,Cabinet,committee\ncab,Scrutiny,committee,oops\n"
    )
    assert problems_of([boards]) == [
        f"{boards}:3:1: duplicate-id: the board id 'cab' is used by an earlier row; give each "
        "board its own id",
        f"{boards}:3:4: schema: this cell is under a column with no heading; add a heading or clear the cell",
    ]


def test_until_before_since_is_reported_at_until(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path, "boards.csv", "name,kind,since,until\nCabinet,committee,2019-01-01,2018-01-01\n"
    )
    assert problems_of([boards]) == [
        f"{boards}:2:4: schema: until (2018-01-01) must come after since (2019-01-01)"
    ]


def test_the_comment_on_made_up_ids_is_written_only_where_an_id_was_made(tmp_path: Path) -> None:
    note = "# Ids left blank in the tables were made from the boards' names or acronyms.\n"
    given = write_csv(tmp_path, "given.csv", "id,name,kind\nhwb,Health and Wellbeing Board,statutory-board\n")
    blank = write_csv(tmp_path, "blank.csv", "id,name,kind\n,Health and Wellbeing Board,statutory-board\n")
    assert import_tables([given], area="Testshire").startswith(
        "# Imported by `boardmap import` from given.csv.\n"
        "# Check it with `boardmap check`; from now on, edit this file or import the tables again.\n"
        "boardmap: 1\n"
    )
    assert note in import_tables([blank], area="Testshire")


def test_made_up_ids_are_slugs_and_unique(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path,
        "boards.csv",
        "id,name,short,kind\n"
        ",Health & Wellbeing Board,,statutory-board\n"
        ",Health & Wellbeing Board (old),,statutory-board\n"
        "health-wellbeing-board-2,Taken,,committee\n"
        ",Health & Wellbeing Board,,committee\n"
        ",2gether NHS Trust,,organisation\n"
        ",Bwrdd Iechyd Môn,,partnership\n"
        ",Youth Offending Team,YOT,partnership\n",
    )
    gmap = load_text(import_tables([boards], area="Testshire"))
    assert [b.id for b in gmap.boards] == [
        "health-wellbeing-board",
        "health-wellbeing-board-old",
        "health-wellbeing-board-2",
        "health-wellbeing-board-3",
        "b-2gether-nhs-trust",
        "bwrdd-iechyd-mon",
        "yot",
    ]
    assert slug("!!!") == "board"
    assert len(slug("x" * 100)) == 64


def test_text_a_yaml_reader_could_mistake_stays_text(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path,
        "boards.csv",
        "name,short,kind,meets\n"
        "yes,1e3,committee,0o17\n"
        "null,2014-06-17,committee,.inf\n"
        "Board: the sequel,#1,committee,- first Monday\n",
    )
    gmap = load_text(import_tables([boards], area="Testshire"))
    assert [(b.name, b.short, b.meets) for b in gmap.boards] == [
        ("yes", "1e3", "0o17"),
        ("null", "2014-06-17", ".inf"),
        ("Board: the sequel", "#1", "- first Monday"),
    ]


def test_excel_csv_in_windows_1252_and_with_a_bom(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,kind\nCorporate Parents’ Board,committee\n".encode("cp1252"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes("name,kind\nCabinet,committee\n".encode("utf-8-sig"))
    assert load_text(import_tables([latin], area="X")).boards[0].name == "Corporate Parents’ Board"
    assert load_text(import_tables([bom], area="X")).boards[0].id == "cabinet"


def test_usage_errors(tmp_path: Path) -> None:
    boards = write_csv(tmp_path, "boards.csv", "name,kind\nCabinet,committee\n")
    with pytest.raises(UsageError, match=r"say which place the map describes: give --area NAME"):
        import_tables([boards])
    with pytest.raises(UsageError, match=r"give a workbook \(\.xlsx\) with sheets 'boards'"):
        import_tables([tmp_path / "boards.txt"], area="X")
    with pytest.raises(UsageError, match=r"no such file"):
        import_tables([tmp_path / "missing.csv"], area="X")
    (tmp_path / "fake.xlsx").write_text("not a zip")
    with pytest.raises(UsageError, match=r"not an Excel workbook that boardmap can read"):
        import_tables([tmp_path / "fake.xlsx"])


# -- xlsx ----------------------------------------------------------------------------------------

GOOD_SHEETS: dict[str, list[list[Any]]] = {
    "boards": [
        ["id", "name", "short", "kind", "since", "Independent chair", "members"],
        [
            None,
            "Health and Wellbeing Board",
            "HWBB",
            "statutory-board",
            dt.datetime(2013, 4, 1),
            False,
            "Testshire Council",
        ],
        [None, "Local Safeguarding Children Board", "LSCB", "Statutory board", None, True, None],
        [None, "Director of Children's Services", "DCS", "role", None, None, None],
        [None, "Chief Executive", None, "role", None, None, None],
        ["council", "Testshire Council", None, "organisation", None, None, None],
    ],
    "links": [
        ["from", "to", "type", "says", "Review by"],
        ["LSCB", "Health and Wellbeing Board", "challenges", None, dt.datetime(2015, 6, 30)],
        ["hwbb", "Local Safeguarding Children Board (LSCB)", "reports to", None, None],
    ],
    "escalations": [
        ["id", "name", "between", "action", "involves"],
        [None, "When the two boards disagree", "HWBB; LSCB", "Either chair writes.", None],
        [None, None, None, "The two chairs meet.", "HWBB;LSCB"],
        [None, None, None, "A resolution meeting.", "DCS; Chief Executive"],
    ],
    "themes": [["name", "lead", "supports"], ["Early help", "LSCB", "HWBB"]],
    "map": [
        ["area", "title", "as_of", "rules"],
        ["Testshire", "How Testshire's boards work", dt.datetime(2014, 6, 17), "england-2013"],
    ],
    "Notes": [["officers may keep other sheets; boardmap leaves them alone"]],
}


def test_xlsx_workbook_becomes_a_map_that_check_loads(tmp_path: Path, cli: Cli) -> None:
    book = workbook(tmp_path / "book.xlsx", GOOD_SHEETS)
    out = tmp_path / "map.yaml"
    result = cli("import", str(book), "-o", str(out))
    assert result.status == 0, result.err
    assert result.err == (
        f"wrote {out}: 5 boards, 2 links, 1 escalation route, 1 theme. Run `boardmap check {out}` next.\n"
    )
    gmap = load(out)
    assert (gmap.area, gmap.title, gmap.as_of, gmap.rules) == (
        "Testshire",
        "How Testshire's boards work",
        dt.date(2014, 6, 17),
        ["england-2013"],
    )
    assert [b.id for b in gmap.boards] == ["hwbb", "lscb", "dcs", "chief-executive", "council"]
    assert gmap.board("hwbb").since == dt.date(2013, 4, 1)
    assert gmap.board("hwbb").members == ["council"]
    assert gmap.board("lscb").independent_chair is True
    assert gmap.links[0].review_by == dt.date(2015, 6, 30)
    assert gmap.links[1].type == "reports-to"
    route = gmap.escalations[0]
    assert (route.id, route.between) == ("when-the-two-boards-disagree", ["hwbb", "lscb"])
    assert [(s.action, s.involves) for s in route.steps] == [
        ("Either chair writes.", []),
        ("The two chairs meet.", ["hwbb", "lscb"]),
        ("A resolution meeting.", ["dcs", "chief-executive"]),
    ]
    assert [(t.id, t.lead, t.supports) for t in gmap.themes] == [("early-help", "lscb", ["hwbb"])]
    assert cli("check", str(out)).status in (0, 1)  # loads; findings are another matter


def test_area_option_overrides_the_map_sheet(tmp_path: Path) -> None:
    book = workbook(tmp_path / "book.xlsx", GOOD_SHEETS)
    assert load_text(import_tables([book], area="Elsewhere")).area == "Elsewhere"


def test_xlsx_bad_cells_are_reported_with_sheet_row_and_column(tmp_path: Path, cli: Cli) -> None:
    sheets = {
        "boards": [
            ["id", "name", "kind", "since"],
            [None, "Health Board", "statutory", None],
            [None, None, "committee", 2014],
            [None, "Cabinet", "committee", "1 April 2013"],
        ],
        "links": [
            ["from", "to", "type"],
            ["Health Board", "Cabinet", "reports-to"],
            ["Health Board", "Scrutiny", "reports-to"],
            ["Cabinet", "Health Board", "oversees"],
        ],
        "themes": [["name", "lead"], [None, "Cabinet"]],
        "link": [["from"]],
    }
    book = workbook(tmp_path / "book.xlsx", sheets)
    out = tmp_path / "map.yaml"
    result = cli("import", str(book), "-o", str(out), "--area", "Testshire")
    assert result.status == 2
    assert result.out == ""
    assert not out.exists()
    kinds = "statutory-board, partnership, committee, sub-group, officer-group, role, organisation, external"
    types = "reports-to, challenges, escalates-to, consults, informs, sub-group-of, attends, meets-with"
    assert result.err.splitlines() == [
        f"{book}:boards:2:3: schema: kind 'statutory' is not one of: {kinds}; did you mean "
        "'statutory-board'?",
        f"{book}:boards:3:2: schema: this row has no name; fill in the name column (it is required)",
        f"{book}:boards:3:4: schema: since 2014 is not a date: write the date in full, as "
        "YYYY-MM-DD (for example 2014-06-17)",
        f"{book}:boards:4:4: schema: since '1 April 2013' is not a date: write it as "
        "YYYY-MM-DD, a real date (for example 2014-06-17)",
        f"{book}:link:1:1: schema: boardmap does not read a sheet called 'link'; did you "
        "mean 'links'? Rename the sheet",
        f"{book}:links:3:2: unknown-board: no board has the id or name 'Scrutiny'; add it "
        "to the boards, or give a board's id or name",
        f"{book}:links:4:3: schema: type 'oversees' is not one of: {types}",
        f"{book}:themes:2:1: schema: this row has no name; fill in the name column (it is required)",
        "8 problems: no map was written. Fix the cells named and run `boardmap import` again.",
    ]
    assert "Traceback" not in result.err


def test_workbook_without_a_boards_sheet(tmp_path: Path) -> None:
    book = workbook(tmp_path / "book.xlsx", {"Sheet1": [["name", "kind"]]})
    with pytest.raises(UsageError) as caught:
        import_tables([book], area="X")
    assert str(caught.value) == (
        f"{book}: the workbook has no sheet called 'boards' (its sheets: Sheet1); name the "
        "sheet of boards 'boards' and the sheet of links 'links'"
    )


def test_escalation_route_errors_point_at_the_step(tmp_path: Path) -> None:
    sheets = {
        "boards": [["name", "kind"], ["Cabinet", "committee"], ["Scrutiny", "committee"]],
        "escalations": [
            ["name", "between", "action"],
            [None, None, "An orphan step."],
            ["Disputes", "Cabinet; Scrutiny", "Talk."],
            [None, None, None, "x"],
            ["Empty", None, "Talk."],
        ],
    }
    book = workbook(tmp_path / "book.xlsx", sheets)
    where = f"{book}:escalations"
    assert problems_of([book]) == [
        f"{where}:2:1: schema: this step belongs to no route: give the route's name (or id) on its first row",
        f"{where}:4:4: schema: this cell is under a column with no heading; add a heading or clear the cell",
        f"{where}:5:2: schema: this route names no boards in its between column; name the boards it settles",
    ]


def test_problems_the_loader_finds_go_back_to_their_cell(tmp_path: Path) -> None:
    # Unknown rule packs and duplicate theme ids are found only by loading the whole map.
    sheets = {
        "boards": [["name", "kind"], ["Cabinet", "committee"]],
        "themes": [["id", "name"], ["help", "Early help"], ["help", "Late help"]],
        "map": [["area", "rules"], ["Testshire", "england-1066"]],
    }
    book = workbook(tmp_path / "book.xlsx", sheets)
    found = problems_of([book], area=None)
    assert found[0].startswith(
        f"{book}:map:2:2: schema: there is no rule pack called 'england-1066'; the packs are: "
    )
    assert found[1] == (
        f"{book}:themes:3:1: duplicate-id: the theme id 'help' is declared "
        f"twice: first at {book}:themes:2; give each its own id"
    )


# -- the command ---------------------------------------------------------------------------------


def test_import_prints_to_stdout_by_default(tmp_path: Path, cli: Cli) -> None:
    result = cli("import", str(TABLES / "boards.csv"), str(TABLES / "links.csv"), "--area", "Testshire")
    assert result.status == 0
    assert result.out == (TABLES / "expected.yaml").read_text(encoding="utf-8")


def test_import_never_overwrites_without_force(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "map.yaml"
    out.write_text("hand-edited\n")
    args = ("import", str(TABLES / "boards.csv"), "--area", "Testshire", "-o", str(out))
    result = cli(*args)
    assert result.status == 2
    assert result.err == (
        f"boardmap: {out} already exists; choose another file, or add --force to replace it\n"
    )
    assert out.read_text() == "hand-edited\n"
    assert cli(*args, "--force").status == 0
    assert load(out).boards[0].id == "hwbb"


def test_exported_csv_pair_imports_through_the_command(tmp_path: Path, cli: Cli) -> None:
    for name in ("kumu-elements.csv", "kumu-connections.csv"):
        shutil.copy(TABLES / name, tmp_path / name)
    out = tmp_path / "map.yaml"
    assert (
        cli(
            "import",
            str(tmp_path / "kumu-elements.csv"),
            str(tmp_path / "kumu-connections.csv"),
            "--area",
            "Testshire",
            "-o",
            str(out),
        ).status
        == 0
    )
    assert cli("export", str(out), "--to", "csv", "-o", str(tmp_path / "again")).status == 0
    assert (tmp_path / "again-elements.csv").read_bytes() == (TABLES / "kumu-elements.csv").read_bytes()
    assert (tmp_path / "again-connections.csv").read_bytes() == (TABLES / "kumu-connections.csv").read_bytes()


MULTI_LINE = """\
boardmap: 1
area: Salopshire
as_of: 2023-10-01
boards:
  - id: hwb
    name: Salopshire Health and Wellbeing Board
    kind: statutory-board
    purpose: |
      Brings the council, the NHS and Healthwatch together to improve health and
      wellbeing across Salopshire.
      It owns the Joint Strategic Needs Assessment.
  - id: scp
    name: Salopshire Safeguarding Children Partnership
    kind: partnership
    purpose: >
      The three safeguarding partners share the duty
      to keep children safe.
links:
  - from: scp
    to: hwb
    type: informs
    what: |
      its yearly report
      and its plan
"""


def test_csv_round_trip_of_block_scalars_gives_the_same_bytes(tmp_path: Path, cli: Cli) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(MULTI_LINE, encoding="utf-8")
    assert cli("export", str(source), "--to", "csv", "-o", str(tmp_path / "first")).status == 0
    first = [tmp_path / "first-elements.csv", tmp_path / "first-connections.csv"]
    assert (
        cli("import", *map(str, first), "--area", "Salopshire", "-o", str(tmp_path / "again.yaml")).status
        == 0
    )
    again = load(tmp_path / "again.yaml")
    assert again.board("hwb").purpose == (
        "Brings the council, the NHS and Healthwatch together to improve health and\n"
        "wellbeing across Salopshire.\nIt owns the Joint Strategic Needs Assessment.\n"
    )
    assert again.board("scp").purpose == (
        "The three safeguarding partners share the duty to keep children safe.\n"
    )
    assert again.links[0].what == "its yearly report\nand its plan\n"
    assert (
        cli("export", str(tmp_path / "again.yaml"), "--to", "csv", "-o", str(tmp_path / "second")).status == 0
    )
    for name in ("elements", "connections"):
        assert (tmp_path / f"second-{name}.csv").read_bytes() == (tmp_path / f"first-{name}.csv").read_bytes()


def test_a_name_ending_in_a_line_break_is_still_stripped(tmp_path: Path) -> None:
    boards = write_csv(
        tmp_path, "boards.csv", 'name,kind,purpose\n"Cabinet\n",committee,"Sets the budget.  \n"\n'
    )
    gmap = load_text(import_tables([boards], area="Testshire"))
    assert gmap.boards[0].name == "Cabinet"
    assert gmap.boards[0].purpose == "Sets the budget.\n"


@pytest.mark.parametrize(
    ("cell", "meant"),
    [
        ("29/09/2019", "did you mean 29 September 2019? Write it as 2019-09-29"),
        ("9/3/2019", "did you mean 9 March 2019? Write it as 2019-03-09"),
        ("29.09.19", "did you mean 29 September 2019? Write it as 2019-09-29"),
    ],
)
def test_a_uk_date_is_an_error_that_says_how_to_write_it(tmp_path: Path, cell: str, meant: str) -> None:
    boards = write_csv(tmp_path, "boards.csv", f"name,kind,since\nCabinet,committee,{cell}\n")
    assert problems_of([boards]) == [
        f"{boards}:2:3: schema: since '{cell}' is not a date boardmap can read: dates are "
        f"written YYYY-MM-DD; {meant}"
    ]


def test_a_date_that_is_no_day_keeps_the_plain_message(tmp_path: Path) -> None:
    boards = write_csv(tmp_path, "boards.csv", "name,kind,since\nCabinet,committee,31/02/2019\n")
    assert problems_of([boards]) == [
        f"{boards}:2:3: schema: since '31/02/2019' is not a date: write it as YYYY-MM-DD, a real "
        "date (for example 2014-06-17)"
    ]


def test_read_tables_counts() -> None:
    result = read_tables([TABLES / "boards.csv", TABLES / "links.csv"], area="Testshire")
    assert (result.boards, result.links, result.escalations, result.themes) == (6, 3, 0, 0)


def test_the_library_function() -> None:
    import boardmap

    text = boardmap.import_tables([str(TABLES / "boards.csv"), TABLES / "links.csv"], area="Testshire")
    assert text == (TABLES / "expected.yaml").read_text(encoding="utf-8")


HOSTILE_NAMES = [
    'Quote " board',
    "Back\\slash",
    "Key: value",
    "# not a comment",
    "[a list]",
    "{a: map}",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick`",
    "Line one\nline two",
    "Tab\there",
    "Line\u2028separator",
    "Next\x85line",
    "}; digraph x {",
    '"]; click X call alert(1)',
    "<script>alert(1)</script>",
    "- dash",
    "? question",
    "Ends with colon:",
    "Yes",
    "NULL",
    "~",
    "0x1F",
    "1_000",
    ".5",
    "Café Board",
    "😀 Board",
]


def test_hostile_names_survive_the_import_unchanged(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "boards.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "short", "kind", "purpose", "areas"])
        for name in HOSTILE_NAMES:
            writer.writerow([name, name, "committee", name, 'a, b; "c"; [d]; e: f; #g; 2019-09-29'])
    weird = tmp_path / "bo\nards #1.csv"
    shutil.copy(path, weird)
    text = import_tables([weird], area='Hostile: "shire"\n---')
    assert "\nards" not in text  # the file name cannot end its comment line
    gmap = load_text(text)
    assert gmap.area == 'Hostile: "shire"\n---'
    assert [b.name for b in gmap.boards] == [n.strip() for n in HOSTILE_NAMES]
    assert [b.short for b in gmap.boards] == [n.strip() for n in HOSTILE_NAMES]
    assert {tuple(b.areas) for b in gmap.boards} == {("a, b", '"c"', "[d]", "e: f", "#g", "2019-09-29")}


def test_empty_and_binary_tables(tmp_path: Path) -> None:
    empty = write_csv(tmp_path, "empty.csv", "")
    headings = write_csv(tmp_path, "headings.csv", "name,kind\n")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    no_boards = (
        "schema: the boards table lists no boards: under a first row of headings "
        "(name, kind, ...), give one row for each board"
    )
    assert problems_of([empty]) == [f"{empty}:1:1: {no_boards}"]
    assert problems_of([headings]) == [f"{headings}:1:1: {no_boards}"]
    assert problems_of([binary]) == [
        f"{binary}:1:1: schema: this is not a CSV text file (it holds NUL characters); save the sheet as CSV"
    ]


def test_the_tables_columns_are_the_models_fields() -> None:
    """The columns come from the format's models: a field added to a model is a column, a
    list, a yes/no or a date as the model types it."""
    from pydantic import Field

    from boardmap.model import Date, Theme
    from boardmap.table_specs import ACCEPTED, BOARDS, ESCALATIONS, LINKS, THEMES, _spec

    assert THEMES.fields == ("id", "name", "description", "lead", "supports", "since", "until")
    assert ESCALATIONS.fields == (
        "id",
        "name",
        "description",
        "between",
        "action",
        "involves",
        "since",
        "until",
    )
    assert ACCEPTED.fields[3:6] == ("link_from", "link_to", "link_type")
    assert (BOARDS.lists, BOARDS.bools) == ({"members", "areas", "chair"}, {"independent_chair", "top"})
    assert LINKS.dates == {"review_by", "since", "until"} and LINKS.required == ("from", "to", "type")

    class Wider(Theme):
        colour: str | None = None
        review_by: Date | None = None
        partners: list[str] = Field(default_factory=list)

    wider = _spec("themes", Wider, required=("name",))
    assert wider.fields == (*THEMES.fields, "colour", "review_by", "partners")
    assert (wider.dates, wider.lists) == ({"since", "until", "review_by"}, {"supports", "partners"})
    with pytest.raises(ValueError, match="the themes table's columns are not the fields of Theme"):
        _spec("themes", Theme, required=(), order=("id", "name"))


def test_the_import_writes_yaml_with_the_one_emitter(tmp_path: Path) -> None:
    """dump.py writes the import's YAML: text with a line separator, a tab or a colon comes
    back as it was, and the map reads back the same."""
    from boardmap.dump import dump_map, map_data

    boards = write_csv(
        tmp_path,
        "boards.csv",
        'id,name,kind,purpose,areas\na,"Line\u2028separator",committee,"tab\there: yes",north;south\n',
    )
    text = import_tables([boards], area="Testshire")
    assert '    name: "Line\\Lseparator"\n    kind: committee\n    purpose: "tab\\there: yes"\n' in text
    assert "    areas: [north, south]\n" in text
    gmap = load_text(text)
    assert (gmap.boards[0].name, gmap.boards[0].purpose) == ("Line\u2028separator", "tab\there: yes")
    assert map_data(load_text(dump_map(gmap))) == map_data(gmap)


def test_import_keeps_since_and_until_of_routes_and_themes(tmp_path: Path) -> None:
    """A route's and a shared priority's dates, as the YAML has them (on a route's first
    row), whether Excel dates or text as YYYY-MM-DD."""
    sheets = dict(GOOD_SHEETS)
    sheets["escalations"] = [
        [*GOOD_SHEETS["escalations"][0], "since", "until"],
        [*GOOD_SHEETS["escalations"][1], dt.datetime(2016, 4, 1), "2020-03-31"],
        *(list(row) for row in GOOD_SHEETS["escalations"][2:]),
    ]
    sheets["themes"] = [["name", "lead", "since", "until"], ["Early help", "LSCB", "2019-04-01", None]]
    text = import_tables([workbook(tmp_path / "book.xlsx", sheets)])
    assert "    since: 2016-04-01\n    until: 2020-03-31\n" in text
    gmap = load_text(text, as_of=dt.date(2019, 6, 1))
    assert (gmap.escalations[0].since, gmap.escalations[0].until) == (
        dt.date(2016, 4, 1),
        dt.date(2020, 3, 31),
    )
    assert (gmap.themes[0].since, gmap.themes[0].until) == (dt.date(2019, 4, 1), None)
