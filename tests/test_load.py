"""The loader: what it accepts, and the exact place and words of every error it reports."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

import boardmap
from boardmap import api
from boardmap.errors import MapError, UsageError
from boardmap.load import load, load_text
from tests.conftest import MINIMAL

WriteMap = Callable[..., Path]


def problems(path: Path | str) -> list[str]:
    """The problems a map gives, as the CLI prints them, with the folder left out."""
    with pytest.raises(MapError) as info:
        load(path)
    folder = str(Path(path).parent if Path(path).is_file() else path) + "/"
    return [str(p).replace(folder, "") for p in info.value.problems]


# -- what loads ---------------------------------------------------------------------------


def test_minimal_map_loads_into_models(write_map: WriteMap) -> None:
    gmap = load(write_map(MINIMAL))
    assert gmap.area == "Testshire"
    assert gmap.as_of == dt.date(2014, 6, 17)
    assert [b.id for b in gmap.boards] == ["hwbb", "lscb"]
    assert gmap.board("hwbb").label == "Health and Wellbeing Board (HWBB)"
    assert gmap.links[0].from_ == "lscb" and gmap.links[0].type == "challenges"


def test_every_field_of_format_v1(write_map: WriteMap) -> None:
    gmap = load(
        write_map("""\
        boardmap: 1
        area: Medway
        title: How Medway's strategic boards work together
        as_of: 2014-06-17
        rules: [england-2013]
        glossary:
          JSNA: Joint Strategic Needs Assessment
        boards:
          - id: hwbb
            name: Health and Wellbeing Board
            short: HWBB
            kind: statutory-board
            purpose: Plans how health and care services work together.
            basis: Health and Social Care Act 2012, section 194
            statutory_role: hwb
            chair: [leader, chief-executive]
            independent_chair: false
            members: [medway-council]
            meets: every two months
            areas: [medway]
            top: false
            since: 2013-04-01
            until: 2019-09-29
            url: https://example.org/hwbb
          - {id: mscb, name: Medway Safeguarding Children Board, kind: statutory-board}
          - {id: leader, name: Leader of the Council, kind: role}
          - {id: chief-executive, name: Chief Executive, kind: role}
          - {id: medway-council, name: Medway Council, kind: organisation, top: true}
        links:
          - from: mscb
            to: hwbb
            type: challenges
            says: holds the board to account on safeguarding
            what: six-monthly report on scrutiny findings
            cadence: six-monthly
            basis: Protocol between HWBB and MSCB, 2014
            review_by: 2015-06-30
            since: 2014-06-17
        escalations:
          - id: hwbb-mscb-disagreement
            name: When the two boards disagree
            between: [hwbb, mscb]
            steps:
              - action: Either chair writes to the other board.
              - action: A resolution meeting.
                involves: [chief-executive]
        themes:
          - id: early-help
            name: Early help
            lead: mscb
            supports: [hwbb]
        accepted:
          - rule: no-accountability
            board: mscb
            reason: Reports to the Department for Education, outside this map.
            until: 2015-03-31
          - rule: challenge-without-response
            link: {from: mscb, to: hwbb, type: challenges}
            reason: Agreed in the protocol.
        """)
    )
    hwbb = gmap.board("hwbb")
    assert hwbb.chairs == ["leader", "chief-executive"]
    assert hwbb.statutory_role == "hwb" and hwbb.until == dt.date(2019, 9, 29)
    assert hwbb.meets == "every two months" and hwbb.areas == ["medway"]
    link = gmap.links[0]
    assert link.review_by == dt.date(2015, 6, 30) and link.cadence == "six-monthly"
    assert gmap.escalations[0].steps[1].involves == ["chief-executive"]
    assert gmap.themes[0].lead == "mscb"
    assert gmap.accepted[1].link is not None and gmap.accepted[1].link.from_ == "mscb"
    assert gmap.glossary == {"JSNA": "Joint Strategic Needs Assessment"}
    assert gmap.rules == ["england-2013"]


def test_quoted_date_shaped_text_stays_text(write_map: WriteMap) -> None:
    gmap = load(write_map(MINIMAL.replace("short: HWBB", 'short: "2014-06-17"')))
    assert gmap.board("hwbb").short == "2014-06-17"


def test_as_of_defaults_to_today(write_map: WriteMap) -> None:
    gmap = load(write_map(MINIMAL.replace("as_of: 2014-06-17\n", "")))
    assert gmap.as_of == dt.date.today()


def test_library_api_is_exported() -> None:
    assert boardmap.load is load and boardmap.load_text is load_text
    assert issubclass(boardmap.MapError, boardmap.BoardmapError)


# -- the graph -----------------------------------------------------------------------------


def test_graph_is_a_multidigraph_keeping_parallel_links(write_map: WriteMap) -> None:
    gmap = load(
        write_map(
            MINIMAL
            + """\
  - {from: lscb, to: hwbb, type: informs, what: annual report}
  - {from: lscb, to: hwbb, type: informs, what: audit findings}
"""
        )
    )
    graph = api.graph(gmap)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["hwbb"]["name"] == "Health and Wellbeing Board"
    assert graph.nodes["hwbb"]["kind"] == "statutory-board"
    keys = sorted(k for _, _, k in graph.edges(keys=True))
    assert keys == ["challenges", "informs", "informs-2"]
    assert graph.edges["lscb", "hwbb", "informs-2"]["what"] == "audit findings"
    assert graph.edges["lscb", "hwbb", "informs"]["index"] == 1
    assert graph.graph["area"] == "Testshire"


# -- since / until -------------------------------------------------------------------------

HISTORY = """\
boardmap: 1
area: Medway
boards:
  - {id: hwbb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: mscb, name: Safeguarding Children Board, kind: statutory-board, until: 2019-09-29}
  - {id: mscp, name: Safeguarding Children Partnership, kind: partnership, since: 2019-09-29}
  - {id: ceo, name: Chief Executive, kind: role}
links:
  - {from: mscb, to: hwbb, type: challenges}
  - {from: mscp, to: hwbb, type: informs}
  - {from: hwbb, to: ceo, type: reports-to, since: 2015-01-01}
escalations:
  - id: dispute
    name: Disputes
    between: [hwbb, mscb, mscp]
    steps:
      - action: Chairs meet.
        involves: [mscb, mscp, ceo]
themes:
  - {id: early-help, name: Early help, lead: mscb, supports: [hwbb, mscp]}
"""


def test_as_of_leaves_out_boards_and_links_not_in_force(write_map: WriteMap) -> None:
    path = write_map(HISTORY)
    before = load(path, as_of=dt.date(2014, 6, 17))
    assert [b.id for b in before.boards] == ["hwbb", "mscb", "ceo"]
    assert [(link.from_, link.type) for link in before.links] == [("mscb", "challenges")]
    assert before.escalations[0].between == ["hwbb", "mscb"]
    assert before.escalations[0].steps[0].involves == ["mscb", "ceo"]
    assert before.themes[0].lead == "mscb" and before.themes[0].supports == ["hwbb"]

    after = load(path, as_of=dt.date(2020, 1, 1))
    assert [b.id for b in after.boards] == ["hwbb", "mscp", "ceo"]
    assert [(link.from_, link.type) for link in after.links] == [("mscp", "informs"), ("hwbb", "reports-to")]
    assert after.themes[0].lead is None and after.themes[0].supports == ["hwbb", "mscp"]


def test_until_is_the_first_day_no_longer_in_force(write_map: WriteMap) -> None:
    path = write_map(HISTORY)
    assert "mscb" not in load(path, as_of=dt.date(2019, 9, 29)).by_id
    assert "mscb" in load(path, as_of=dt.date(2019, 9, 28)).by_id
    assert "mscp" in load(path, as_of=dt.date(2019, 9, 29)).by_id


def test_filtering_keeps_declaration_lines(write_map: WriteMap) -> None:
    from boardmap.load import load_located, located

    path = write_map(HISTORY)
    loaded = load_located(path, as_of=dt.date(2020, 1, 1))
    gmap = loaded.map
    assert loaded.line(gmap.board("mscp")) == (str(path), 6)
    assert loaded.line(gmap.links[1]) == (str(path), 11)
    assert loaded.line(gmap.themes[0]) == (str(path), 20)
    # A map `load` returned finds its side table again, for as long as it lives.
    again = load(path, as_of=dt.date(2020, 1, 1))
    assert located(again).line(again.board("mscp")) == (str(path), 6)
    assert "mscb" in located(again).undated.by_id and "mscb" not in again.by_id


def test_every_item_s_line_is_its_declaration_in_a_long_list(write_map: WriteMap) -> None:
    """Item lines are read from the text and worked out as they are asked for, counted from
    a mark every 8 items (boardmap.yaml_nodes.ItemLines): in a list of 150 boards and 150
    links of uneven length, with comments and blank lines between, in any order asked,
    each is the line PyYAML gives the item's node."""
    import yaml

    from boardmap.load import load_located

    boards, links = [], []
    for i in range(150):
        extra = "".join(f"    # note {k}\n" for k in range(i % 4)) + ("\n" if i % 7 == 0 else "")
        boards.append(f"  - id: b{i}\n{extra}    name: Board {i}\n    kind: committee\n")
        more = "    cadence: monthly\n" if i % 3 else ""
        links.append(f"  - from: b{i}\n    to: b{(i + 1) % 150}\n    type: informs\n{more}")
    text = "boardmap: 1\narea: Testshire\nboards:\n" + "".join(boards) + "links:\n" + "".join(links)
    path = write_map(text)
    loaded = load_located(path)
    node = yaml.compose(text)
    sections = {key.value: value.value for key, value in node.value}
    order = [*range(149, -1, -5), *range(150)]  # backwards in steps, then every one
    for section, items in (("boards", loaded.map.boards), ("links", loaded.map.links)):
        for i in order:
            assert loaded.line(items[i]) == (str(path), sections[section][i].start_mark.line + 1)


# -- folders -------------------------------------------------------------------------------


def test_folder_files_merge_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b-links.yml").write_text(
        "boardmap: 1\nlinks:\n  - {from: lscb, to: hwbb, type: challenges}\n"
    )
    (tmp_path / "a-boards.yaml").write_text(
        "boardmap: 1\narea: Testshire\nrules: [england-2013]\nboards:\n"
        "  - {id: hwbb, name: Health and Wellbeing Board, kind: statutory-board}\n"
        "  - {id: lscb, name: Safeguarding Children Board, kind: statutory-board}\n"
    )
    (tmp_path / "notes.txt").write_text("not a map")
    gmap = load(tmp_path)
    assert gmap.area == "Testshire" and len(gmap.links) == 1
    assert gmap.sources == [str(tmp_path / "a-boards.yaml"), str(tmp_path / "b-links.yml")]


def test_another_tools_yaml_in_the_folder_is_one_problem_saying_it_is_not_a_map(tmp_path: Path) -> None:
    # A repository's mkdocs.yml beside the map gave "does not say `boardmap: 1`" (so add it?)
    # and an unknown field for each of its keys.
    (tmp_path / "map.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Boards\nnav:\n  - index.md\n", encoding="utf-8")
    assert problems(tmp_path) == [
        "mkdocs.yml:1:1: schema: this file is not a map: it has no `boardmap: 1` and none of a "
        "map's fields (area, boards, links, ...). boardmap reads every .yaml and .yml file of a "
        "folder: move this one out of the map's folder, or give the map's own file"
    ]
    # A map file that only forgot the version is told just that.
    (tmp_path / "mkdocs.yml").unlink()
    (tmp_path / "more.yaml").write_text(
        "links:\n  - {from: hwbb, to: lscb, type: informs}\n", encoding="utf-8"
    )
    assert problems(tmp_path) == [
        "more.yaml:1:1: schema: the file does not say `boardmap: 1` at the top; every map file starts with it"
    ]


def test_folder_files_that_disagree_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("boardmap: 1\narea: Medway\nboards:\n  - {id: a, name: A, kind: role}\n")
    (tmp_path / "b.yaml").write_text("boardmap: 1\narea: Kent\n")
    assert problems(tmp_path) == [
        "b.yaml:2:1: schema: area is 'Kent' here but 'Medway' in a.yaml:2; the files of one map must agree"
    ]


def test_folder_files_may_repeat_shared_fields_that_agree(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("boardmap: 1\narea: Medway\nboards:\n  - {id: a, name: A, kind: role}\n")
    (tmp_path / "b.yaml").write_text("boardmap: 1\narea: Medway\nlinks: []\n")
    assert load(tmp_path).area == "Medway"


def test_ids_must_be_unique_across_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("boardmap: 1\narea: Medway\nboards:\n  - {id: a, name: A, kind: role}\n")
    (tmp_path / "b.yaml").write_text("boardmap: 1\nboards:\n  - id: a\n    name: B\n    kind: role\n")
    assert problems(tmp_path) == [
        "b.yaml:3:9: duplicate-id: the board id 'a' is declared twice: first at "
        "a.yaml:4; give each its own id"
    ]


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="holds no map files"):
        load(tmp_path)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        load(tmp_path / "nope.yaml")


# -- errors, each at its exact place ------------------------------------------------------


def test_misspelt_board_id_in_a_link_is_located_with_a_suggestion(write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("  - from: lscb", "  - from: lcsb"))
    assert problems(path) == [
        "map.yaml:14:11: unknown-board: no board has the id 'lcsb'; did you mean 'lscb'?"
    ]


def test_unknown_board_with_nothing_close(write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("    to: hwbb", "    to: police"))
    assert problems(path) == [
        "map.yaml:15:9: unknown-board: no board has the id 'police'; declare it under `boards:` or fix the id"
    ]


def test_five_mistakes_are_all_reported_in_one_run(write_map: WriteMap) -> None:
    path = write_map("""\
        boardmap: 1
        area: Medway
        boards:
          - id: hwbb
            name: Health and Wellbeing Board
            purpse: Plans health and care.
            kind: statutory-board
          - id: mscb
            name: Safeguarding Children Board
            kind: statutory
          - id: mscb
            name: Copy
            kind: role
        links:
          - from: mscbb
            to: hwbb
            type: challenges
          - from: mscb
            to: hwbb
            type: informs
            since: 2014-13-45
        """)
    assert problems(path) == [
        "map.yaml:6:5: schema: unknown field 'purpse' in a board; did you mean 'purpose'? "
        "valid fields are: id, name, short, kind, purpose, basis, statutory_role, chair, "
        "independent_chair, members, meets, areas, top, part_of, tier, since, until, url, contact",
        "map.yaml:10:11: schema: kind 'statutory' is not one of: statutory-board, partnership, "
        "committee, sub-group, officer-group, role, organisation, external; "
        "did you mean 'statutory-board'?",
        "map.yaml:11:9: duplicate-id: the board id 'mscb' is declared twice: first at "
        "map.yaml:8; give each its own id",
        "map.yaml:15:11: unknown-board: no board has the id 'mscbb'; did you mean 'mscb'?",
        "map.yaml:21:12: schema: since '2014-13-45' is not a date: write it as YYYY-MM-DD, "
        "a real date (for example 2014-06-17)",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "    kind: statutory-board\n  - id: lscb",
                "    kind: statutory-board\n    top: maybe\n  - id: lscb",
            ),
            "map.yaml:9:10: schema: top should be true or false, not 'maybe'",
        ),
        (
            ("  - id: hwbb\n    name: Health and Wellbeing Board\n", "  - id: hwbb\n"),
            "map.yaml:5:5: schema: this board has no `name`; add `name: ...` (it is required)",
        ),
        (
            ("  - id: hwbb", "  - id: HWBB"),
            "map.yaml:5:9: schema: id 'HWBB' is not a valid id: use lower-case letters a-z, digits "
            "and '-', starting with a letter, at most 64 characters (for example 'hwbb')",
        ),
        (
            ("    type: challenges", "    type: scrutinises"),
            "map.yaml:16:11: schema: type 'scrutinises' is not one of: reports-to, challenges, "
            "escalates-to, consults, informs, sub-group-of, attends, meets-with",
        ),
        (
            ("as_of: 2014-06-17", "as_of: 2014"),
            "map.yaml:3:8: schema: as_of 2014 is not a date: write the date in full, as YYYY-MM-DD "
            "(for example 2014-06-17)",
        ),
        (
            ("    short: HWBB\n", "    short: HWBB\n    members: medway-council\n"),
            "map.yaml:8:14: schema: members should be a list, such as [a, b], not 'medway-council'",
        ),
        (
            ("    name: Health and Wellbeing Board\n", "    name: [a, b]\n"),
            "map.yaml:6:11: schema: name should be text, not a list",
        ),
        (
            ("boardmap: 1", "boardmap: 2"),
            "map.yaml:1:11: schema: this file says format version 2; boardmap reads version 1: "
            "write `boardmap: 1`",
        ),
        (
            ("boardmap: 1\n", ""),
            "map.yaml:1:1: schema: the file does not say `boardmap: 1` at the top; every map file "
            "starts with it",
        ),
        (
            ("area: Testshire\n", ""),
            "map.yaml:1:1: schema: no file of this map gives its area: add `area: <the place>` "
            "(for example `area: Medway`)",
        ),
        (
            ("    type: challenges", "    type: challenges\n    colour: red"),
            "map.yaml:17:5: schema: unknown field 'colour' in a link; valid fields are: from, to, "
            "type, says, what, cadence, basis, review_by, since, until",
        ),
        (
            (
                "    kind: statutory-board\n  - id: lscb",
                "    kind: statutory-board\n    statutory_role: hwbb\n  - id: lscb",
            ),
            None,
        ),
    ],
)
def test_schema_errors_are_located_and_explained(
    write_map: WriteMap, change: tuple[str, str], expected: str | None
) -> None:
    text = MINIMAL.replace(*change)
    assert text != MINIMAL
    found = problems(write_map(text))
    if expected is None:  # a bad enum value: the message lists the allowed values
        assert len(found) == 1 and "statutory_role 'hwbb' is not one of: hwb, lscb" in found[0]
        assert "did you mean 'hwb'?" in found[0]
    else:
        assert found == [expected]


def test_a_name_too_long_or_blank_and_a_long_short_form_are_located_with_what_to_do(
    write_map: WriteMap,
) -> None:
    # A paragraph pasted into `name` (12,000 characters) used to load and fill the guide.
    pasted = "Board " * 2000
    text = (
        MINIMAL.replace("    name: Health and Wellbeing Board\n", f"    name: {pasted.strip()}\n")
        .replace("    short: HWBB\n", "    short: The Health and Wellbeing Board of the Council\n")
        .replace("    name: Local Safeguarding Children Board\n", '    name: "   "\n')
    )
    assert problems(write_map(text)) == [
        "map.yaml:6:11: schema: name 'Board Board Board Board Board Board Board Board Board B...' "
        "is 11,999 characters long; a board's name has at most 200 characters: give the name "
        "people use, and put the rest in `purpose`",
        "map.yaml:7:12: schema: short 'The Health and Wellbeing Board of the Council' is 45 "
        "characters long; a board's short form has at most 40 characters: give the acronym or "
        "short name people use (for example HWBB)",
        "map.yaml:10:11: schema: name '   ' is only spaces: write the name people use for the board",
    ]
    at_most = MINIMAL.replace("    name: Health and Wellbeing Board\n", f"    name: {'B' * 200}\n")
    assert load(write_map(at_most)).board("hwbb").name == "B" * 200


def test_link_to_itself_and_dates_out_of_order(write_map: WriteMap) -> None:
    path = write_map(
        MINIMAL.replace("    to: hwbb", "    to: lscb").replace(
            "    kind: statutory-board\n  - id: lscb",
            "    kind: statutory-board\n    since: 2015-01-01\n    until: 2014-01-01\n  - id: lscb",
        )
    )
    assert problems(path) == [
        "map.yaml:10:12: schema: until (2014-01-01) must come after since (2015-01-01)",
        "map.yaml:17:9: schema: this link goes from 'lscb' to itself; a link joins two boards",
    ]


def test_references_everywhere_are_checked(write_map: WriteMap) -> None:
    path = write_map(
        MINIMAL
        + """\
escalations:
  - id: route
    name: Route
    between: [hwbb, lscbb]
    steps:
      - action: Meet.
        involves: [chief-exec]
themes:
  - {id: t, name: Theme, lead: hwb, supports: [lscb, nobody]}
accepted:
  - {rule: isolated-board, board: hwbx, reason: fine}
  - {rule: x, theme: nope, reason: fine}
"""
    )
    assert problems(path) == [
        "map.yaml:20:21: unknown-board: no board has the id 'lscbb'; did you mean 'lscb'?",
        "map.yaml:23:20: unknown-board: no board has the id 'chief-exec'; "
        "declare it under `boards:` or fix the id",
        "map.yaml:25:32: unknown-board: no board has the id 'hwb'; did you mean 'hwbb'?",
        "map.yaml:25:54: unknown-board: no board has the id 'nobody'; "
        "declare it under `boards:` or fix the id",
        "map.yaml:27:35: unknown-board: no board has the id 'hwbx'; did you mean 'hwbb'?",
        "map.yaml:28:22: schema: no theme has the id 'nope'",
    ]


def test_chair_may_be_free_text_but_an_id_typo_is_caught(write_map: WriteMap) -> None:
    ceo = "  - {id: chief-executive, name: Chief Executive, kind: role}\n"
    text = MINIMAL.replace("links:\n", ceo + "links:\n")
    ok = text.replace("    short: HWBB\n", "    short: HWBB\n    chair: Councillor Jane Smith\n")
    assert load(write_map(ok)).board("hwbb").chair == "Councillor Jane Smith"
    typo = text.replace("    short: HWBB\n", "    short: HWBB\n    chair: cheif-executive\n")
    assert problems(write_map(typo)) == [
        "map.yaml:8:12: unknown-board: no board has the id 'cheif-executive'; did you mean 'chief-executive'?"
    ]


def test_unknown_rule_pack(write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("as_of: 2014-06-17\n", "as_of: 2014-06-17\nrules: [england-2031]\n"))
    assert problems(path) == [
        "map.yaml:4:8: schema: there is no rule pack called 'england-2031'; "
        "the packs are: england-2013, england-2019, england-2023"
    ]


# -- YAML itself ---------------------------------------------------------------------------


def test_yaml_syntax_error_is_located(write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("  - from: lscb", "  - from: [lscb"))
    assert problems(path) == [
        "map.yaml:15:7: yaml-syntax: illegal placement of ':' indicator "
        "(check the indentation, brackets and quotes here)"
    ]


UNCLOSED = (
    "yaml-syntax: this quote is never closed, so the lines after it were read as part of the "
    "value: end the value with the same quote mark"
)
AFTER_QUOTE = (
    "yaml-syntax: text follows the closing quote of this value, so a quote mark inside it "
    "ended it: inside single quotes write an apostrophe twice ('Children''s Board'), or put "
    'the value in the other quote marks ("Children\'s Board"), or leave the quotes off'
)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        # The parser gives up lines later (at the next key, or the end of the file), and
        # yaml-rs said "invalid indentation in multiline quoted scalar" there.
        ('"Health and Wellbeing Board', f"map.yaml:6:11: {UNCLOSED}"),
        # An apostrophe inside single quotes, which yaml-rs called "double-quoted".
        ("'Children's Board'", f"map.yaml:6:21: {AFTER_QUOTE}"),
        ('"The "Health" Board"', f"map.yaml:6:17: {AFTER_QUOTE}"),
    ],
)
def test_a_quote_gone_wrong_is_placed_and_explained(write_map: WriteMap, name: str, where: str) -> None:
    text = MINIMAL.replace("    name: Health and Wellbeing Board\n", f"    name: {name}\n")
    assert problems(write_map(text)) == [where]


def test_an_unclosed_quote_in_a_flow_mapping_is_placed_at_the_quote(write_map: WriteMap) -> None:
    text = MINIMAL + '  - {from: hwbb, to: lscb, type: informs, says: "keeps it informed}\n'
    assert problems(write_map(text)) == [f"map.yaml:17:49: {UNCLOSED}"]


def test_duplicate_keys_are_an_error_naming_both_lines(write_map: WriteMap) -> None:
    path = write_map(MINIMAL.replace("    short: HWBB\n", "    short: HWBB\n    name: Other\n"))
    assert problems(path) == [
        "map.yaml:8:5: yaml-syntax: the key 'name' appears twice in the same mapping "
        "(first at line 6); YAML would silently keep only one: remove or rename one of them"
    ]


def test_python_tags_construct_nothing(write_map: WriteMap, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write_map(
        MINIMAL.replace("area: Testshire", f"area: !!python/object/apply:os.system ['touch {marker}']")
    )
    assert problems(path) == [
        "map.yaml:2:7: yaml-syntax: the tag '!!python/object/apply:os.system' is not allowed: "
        "a map holds only plain text, numbers, dates, lists and mappings; remove the tag"
    ]
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!custom", "!!binary", "!!set", "!<tag:evil.example,2020:x>"])
def test_any_unknown_tag_is_an_error(write_map: WriteMap, tag: str) -> None:
    [found] = problems(write_map(MINIMAL.replace("area: Testshire", f"area: {tag} Testshire")))
    assert found.startswith("map.yaml:2:7: yaml-syntax: the tag ")


def test_core_tags_are_allowed(write_map: WriteMap) -> None:
    gmap = load(write_map(MINIMAL.replace("area: Testshire", "area: !!str Testshire")))
    assert gmap.area == "Testshire"


def test_alias_bomb_is_refused_quickly(write_map: WriteMap) -> None:
    lines = ["boardmap: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = write_map("\n".join(lines) + "\n")
    start = time.perf_counter()
    found = problems(path)
    elapsed = time.perf_counter() - start
    assert found == [
        "map.yaml:3:10: yaml-syntax: aliases (*name) here expand to more than 100,000 items, "
        "far beyond any real map: write the lists out in full"
    ]
    assert elapsed < 5  # a generous bound: the point is that it does not hang


def test_deep_nesting_is_refused(write_map: WriteMap) -> None:
    [found] = problems(write_map("boardmap: 1\narea: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert ": yaml-syntax: " in found


def test_more_than_one_document(write_map: WriteMap) -> None:
    assert problems(write_map(MINIMAL + "---\n" + MINIMAL)) == [
        "map.yaml:1:1: yaml-syntax: the file holds more than one YAML document (a '---' line "
        "between them): put each part of the map in a file of its own"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "",
            "map.yaml:1:1: schema: the file is empty: a map starts with `boardmap: 1`, "
            "then `area:` and `boards:`",
        ),
        (
            "# only a comment\n",
            "map.yaml:1:1: schema: the file is empty: a map starts with "
            "`boardmap: 1`, then `area:` and `boards:`",
        ),
        (
            "- hwbb\n- lscb\n",
            "map.yaml:1:1: schema: the file holds a list at the top; a map is a "
            "mapping that starts with `boardmap: 1`, then `area:` and `boards:`",
        ),
        (
            "hello\n",
            "map.yaml:1:1: schema: the file holds a single value at the top; a map is a "
            "mapping that starts with `boardmap: 1`, then `area:` and `boards:`",
        ),
    ],
)
def test_files_that_are_not_maps(write_map: WriteMap, content: str, expected: str) -> None:
    assert problems(write_map(content)) == [expected]


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    assert problems(path) == [
        "map.yaml:2:118: yaml-syntax: the file is not valid UTF-8 text (byte 0x80); it may be "
        "Latin-1 or Windows-1252, or not a text file at all: save it as UTF-8"
    ]


def test_nul_bytes_mean_not_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"boardmap: 1\narea: X\x00\n")
    assert problems(path) == [
        "map.yaml:2:1: yaml-syntax: the file holds a NUL character, so it is not a text file: "
        "a map must be YAML text saved as UTF-8"
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings_with_or_without_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(MINIMAL.replace("Testshire", "Tŷ Newydd").encode(encoding))
    assert load(path).area == "Tŷ Newydd"


def test_latin1_file_says_what_the_encoding_must_be(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(MINIMAL.replace("Testshire", "Cafétown").encode("latin-1"))
    assert problems(path) == [
        "map.yaml:2:10: yaml-syntax: the file is not valid UTF-8 text (byte 0xE9); it may be "
        "Latin-1 or Windows-1252, or not a text file at all: save it as UTF-8"
    ]


def test_load_text_reports_like_load() -> None:
    with pytest.raises(MapError) as info:
        load_text(MINIMAL.replace("to: hwbb", "to: hwbx"), file="inline.yaml")
    assert [str(p) for p in info.value.problems] == [
        "inline.yaml:15:9: unknown-board: no board has the id 'hwbx'; did you mean 'hwbb'?"
    ]


# -- mistakes a new user makes (from a trial on unseen maps) ---------------------------------


def test_tab_indentation_is_located_and_named(write_map: WriteMap) -> None:
    path = write_map("boardmap: 1\narea: X\nboards:\n  - id: hwb\n\tname: HWB\n    kind: role\n")
    assert problems(path) == [
        "map.yaml:5:1: yaml-syntax: a tab indents this line; YAML indents with spaces only: "
        "replace the tab with spaces"
    ]


def test_merge_keys_are_refused_plainly(write_map: WriteMap) -> None:
    path = write_map(
        "boardmap: 1\narea: X\nboards:\n  - &sg {id: sg1, name: S, kind: sub-group}\n"
        "  - <<: *sg\n    id: sg2\n"
    )
    assert problems(path) == [
        "map.yaml:5:5: yaml-syntax: merge keys (<<: *name) are not supported: write the fields "
        "out in full (a plain alias, such as members: *core, is fine)"
    ]


def test_a_complex_key_is_a_located_error_not_a_crash(write_map: WriteMap) -> None:
    # Found by test_fuzz on an example map: '? boards:' made yaml-rs raise TypeError.
    path = write_map("boardmap: 1\narea: X\n? boards:\n  - id: a\n")
    assert problems(path) == [
        "map.yaml:3:1: yaml-syntax: a key here is a list or a mapping (a '? ' key); map keys "
        "are plain words such as 'boards' or 'name'"
    ]


def test_plain_aliases_work(write_map: WriteMap) -> None:
    gmap = load(
        write_map(
            MINIMAL.replace("    short: HWBB\n", "    short: HWBB\n    members: &core [lscb]\n").replace(
                "    short: LSCB\n", "    short: LSCB\n    members: *core\n"
            )
        )
    )
    assert gmap.board("lscb").members == ["lscb"]


def test_an_alias_without_its_anchor(write_map: WriteMap) -> None:
    path = write_map("boardmap: 1\narea: X\nboards:\n  - {id: a, name: A, kind: role, members: *m}\n")
    assert problems(path) == [
        "map.yaml:4:43: yaml-syntax: the alias *m names no anchor &m before it in this file: "
        "define the anchor first, or write the value out (anchors do not carry from one file "
        "to another)"
    ]


def test_quoted_version_and_null_boards(write_map: WriteMap) -> None:
    path = write_map('boardmap: "1"\narea: X\nboards: null\n')
    assert problems(path) == [
        "map.yaml:1:11: schema: write the format version as a number, without quotes: `boardmap: 1`",
        "map.yaml:3:9: schema: boards should be a list, such as [a, b], not nothing (an empty value)",
    ]


def test_folder_files_must_agree_on_rules(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "boardmap: 1\narea: X\nrules: [england-2013]\nboards:\n  - {id: a, name: A, kind: role}\n"
    )
    (tmp_path / "b.yaml").write_text("boardmap: 1\nrules: [england-2019]\n")
    assert problems(tmp_path) == [
        "b.yaml:2:1: schema: rules is 'england-2019' here but 'england-2013' in a.yaml:3; "
        "the files of one map must agree"
    ]
    (tmp_path / "b.yaml").write_text("boardmap: 1\nrules: [england-2013]\n")
    assert load(tmp_path).rules == ["england-2013"]


def test_unknown_rule_pack_is_placed_in_the_file_that_names_it(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "boardmap: 1\narea: X\n# rules live in b.yaml\nboards:\n  - {id: a, name: A, kind: role}\n"
    )
    (tmp_path / "b.yaml").write_text("boardmap: 1\nrules: [england-2031]\n")
    assert problems(tmp_path) == [
        "b.yaml:2:8: schema: there is no rule pack called 'england-2031'; "
        "the packs are: england-2013, england-2019, england-2023"
    ]


def test_the_loader_knows_a_workbook_by_the_workbook_reader_s_own_suffixes() -> None:
    # boardmap.load keeps its own copy so that reading a YAML map does not import the
    # workbook reader (docs/architecture.md: imports at the top, save where start-up needs).
    import importlib

    from boardmap import workbook

    assert importlib.import_module("boardmap.load").WORKBOOK_SUFFIXES == workbook.WORKBOOK_SUFFIXES


def test_the_area_and_the_names_of_routes_and_priorities_are_held_to_a_names_length(
    write_map: WriteMap,
) -> None:
    # A 10,000-character area became the guide's title; a route or priority name of only
    # spaces made a heading of nothing. An area refused is not also "no file gives its area".
    text = MINIMAL.replace("area: Testshire", f"area: {'A' * 250}") + (
        "themes:\n"
        f"  - {{id: t, name: {'T' * 230}, lead: hwbb}}\n"
        "escalations:\n"
        "  - id: r\n"
        '    name: "   "\n'
        "    between: [hwbb]\n"
        "    steps: [{action: Talk.}]\n"
    )
    found = problems(write_map(text))
    assert [p.split(": schema: ")[1] for p in found] == [
        f"area '{'A' * 55}...' is 250 characters long; the map's area has at most 200 characters: shorten it",
        f"name '{'T' * 55}...' is 230 characters long; a theme's name has at most 200 characters: "
        "give the name people use, and put the rest in `description`",
        "name '   ' is only spaces: write it out",
    ]
