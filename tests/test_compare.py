"""`boardmap compare`: bodies matched across maps (by role, then name, never by id), the
interfaces said in exact sentences, routes and findings side by side, bad input refused with
clear messages, every example compared, and the mapping file."""

from __future__ import annotations

import itertools
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boardmap.compare import CompareError, compare_paths, render
from boardmap.compare.annex import guide_annex
from boardmap.compare.mapping import MappingError
from boardmap.guide import build_guide
from boardmap.load import load
from tests.conftest import ROOT

GALLERY = sorted([ROOT / "data" / "boards.yaml", *(ROOT / "examples").glob("*.yaml")])
ISLINGTON = ROOT / "examples" / "islington-hwbb-iscb.yaml"
TRI_BOROUGH = ROOT / "examples" / "tri-borough-lscb.yaml"
HILLINGDON = ROOT / "examples" / "hillingdon-2023.yaml"
DORSET = ROOT / "examples" / "dorset-bcp-sab-2023.yaml"
ISLINGTON_2023 = ROOT / "examples" / "islington-iscp-2023.yaml"


def area_map(
    area: str,
    links: str = "",
    extra: str = "",
    as_of: str = "2016-01-01",
    ids: tuple[str, str] = ("hwb", "scb"),
) -> str:
    hwb, scb = ids
    head = textwrap.dedent(f"""\
        boardmap: 1
        area: {area}
        as_of: {as_of}
        boards:
          - id: {hwb}
            name: {area} Health and Wellbeing Board
            kind: statutory-board
            statutory_role: hwb
          - id: {scb}
            name: {area} Safeguarding Children Board
            kind: statutory-board
            statutory_role: lscb
          - id: council
            name: {area} Council
            kind: organisation
            statutory_role: local-authority
        """)
    boards = textwrap.indent(textwrap.dedent(extra), "  ")
    linked = "links:\n" + textwrap.indent(textwrap.dedent(links), "  ") if links else ""
    return head + boards + linked


CHALLENGE_AND_REPORT = """\
- from: scb
  to: hwb
  type: challenges
- from: scb
  to: hwb
  type: informs
  what: annual report on keeping children safe
"""


@pytest.fixture
def two(tmp_path: Path) -> Callable[..., list[str]]:
    def make(a: str, b: str) -> list[str]:
        paths = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
        paths[0].write_text(a, encoding="utf-8")
        paths[1].write_text(b, encoding="utf-8")
        return [str(p) for p in paths]

    return make


def lines_of(text: str) -> str:
    """Text with its wrapping undone, to find a sentence wrapped over lines."""
    return " ".join(" ".join(line.strip().removeprefix("- ") for line in text.splitlines()).split())


# -- matching --------------------------------------------------------------------------------


def test_bodies_are_matched_by_statutory_role_across_areas() -> None:
    cmp = compare_paths([str(ISLINGTON), str(TRI_BOROUGH)])
    bodies = {b.key: b for b in cmp.matching.bodies}
    hwb = bodies["role:hwb"]
    assert hwb.ids == {0: ["hwbb"], 1: ["hammersmith-fulham-hwb"]}
    assert hwb.how == {0: "statutory role", 1: "statutory role"}
    children = bodies["role:children-safeguarding"]
    assert children.ids == {0: ["iscb"], 1: ["lscb"]}
    assert children.label == "Safeguarding children board or partnership"


def test_matched_by_names_the_statutory_roles_a_map_writes() -> None:
    # It said "statutory role (children-safeguarding)", a value no map can write.
    from boardmap.compare.say import matched_by

    cmp = compare_paths([str(ISLINGTON), str(TRI_BOROUGH)])
    bodies = {b.key: b for b in cmp.matching.bodies}
    assert matched_by(bodies["role:children-safeguarding"], 0) == (
        "statutory role (lscb or safeguarding-partnership)"
    )
    assert matched_by(bodies["role:hwb"], 1) == "statutory role (hwb)"
    assert "Matched by: statutory role (lscb or safeguarding-partnership)" in render(cmp, "text")


def test_bodies_are_never_matched_by_id(two: Callable[..., list[str]]) -> None:
    # The same id names different bodies; different ids name the same body.
    a = area_map("Area A", ids=("hwb", "scb"))
    b = area_map("Area B", ids=("scb", "hwb"))
    cmp = compare_paths(two(a, b))
    bodies = {x.key: x for x in cmp.matching.bodies}
    assert bodies["role:hwb"].ids == {0: ["hwb"], 1: ["scb"]}
    assert bodies["role:children-safeguarding"].ids == {0: ["scb"], 1: ["hwb"]}


def test_common_bodies_are_matched_by_name_and_others_by_kind_and_name(two: Callable[..., list[str]]) -> None:
    extra_a = """\
      - id: elt
        name: Area A Executive Leadership Group
        kind: officer-group
      - id: cpb
        name: Area A Corporate Parenting Board
        kind: committee
      - id: youth
        name: Youth Council of Area A
        kind: committee
    """
    extra_b = """\
      - id: exec-partnership
        name: Executive Partnership
        kind: partnership
      - id: parenting
        name: Corporate Parenting Panel
        kind: committee
      - id: yc
        name: Area B Youth Council
        kind: committee
    """
    cmp = compare_paths(two(area_map("Area A", extra=extra_a), area_map("Area B", extra=extra_b)))
    bodies = {x.key: x for x in cmp.matching.bodies}
    assert bodies["common:executive-group"].ids == {0: ["elt"], 1: ["exec-partnership"]}
    assert bodies["common:corporate-parenting"].ids == {0: ["cpb"], 1: ["parenting"]}
    assert bodies["name:body:youth council"].ids == {0: ["youth"], 1: ["yc"]}
    assert bodies["name:body:youth council"].how == {0: "kind and name", 1: "kind and name"}


def test_a_partnership_is_matched_with_a_board_across_the_2019_change() -> None:
    cmp = compare_paths([str(ISLINGTON), str(HILLINGDON)])
    children = {b.key: b for b in cmp.matching.bodies}["role:children-safeguarding"]
    assert children.ids == {0: ["iscb"], 1: ["scp-board"]}
    text = lines_of(render(cmp, "text"))
    assert (
        "The safeguarding children board or partnership is matched across a change in the "
        "law: in Islington it is a Local Safeguarding Children Board (the arrangement until "
        "29 September 2019); in Hillingdon it is a safeguarding children partnership (the "
        "arrangement from 29 September 2019)."
    ) in text


# -- interfaces, in exact sentences ----------------------------------------------------------


def test_an_interface_one_area_has_and_another_lacks(two: Callable[..., list[str]]) -> None:
    cmp = compare_paths(two(area_map("Area A", CHALLENGE_AND_REPORT), area_map("Area B")))
    text = lines_of(render(cmp, "text"))
    assert (
        "In Area A the Safeguarding Children Board holds the Health and Wellbeing Board to "
        "account and sends it its annual report; in Area B there is no link between them."
    ) in text


def test_an_interface_both_have_in_part(two: Callable[..., list[str]]) -> None:
    report_only = """\
    - from: scb
      to: hwb
      type: informs
      what: the annual report
    - from: hwb
      to: scb
      type: consults
    """
    cmp = compare_paths(two(area_map("Area A", CHALLENGE_AND_REPORT), area_map("Area B", report_only)))
    text = lines_of(render(cmp, "text"))
    assert (
        "In Area A the Safeguarding Children Board holds the Health and Wellbeing Board to "
        "account and sends it its annual report; in Area B the Safeguarding Children Board "
        "sends the Health and Wellbeing Board its annual report but does not hold it to "
        "account and the Health and Wellbeing Board consults the Safeguarding Children "
        "Board."
    ) in text
    face = cmp.interfaces[0]
    assert face.facts == {
        0: frozenset({(True, "challenges"), (True, "annual-report")}),
        1: frozenset({(True, "annual-report"), (False, "consults")}),
    }


def test_interfaces_the_same_everywhere_are_said_once(two: Callable[..., list[str]]) -> None:
    same = "- from: scb\n  to: council\n  type: reports-to\n"
    text = lines_of(render(compare_paths(two(area_map("Area A", same), area_map("Area B", same))), "text"))
    assert (
        "In both areas the safeguarding children board or partnership reports to the local authority."
    ) in text


def test_a_link_to_a_body_only_one_area_has() -> None:
    text = lines_of(render(compare_paths([str(HILLINGDON), str(DORSET)]), "text"))
    assert (
        "In Hillingdon the Safeguarding Adults Board reports to the Executive Leadership "
        "Group and the Executive Leadership Group holds the Safeguarding Adults Board to "
        "account; Dorset and Bournemouth, Christchurch & Poole has no executive group in its "
        "map."
    ) in text


def test_which_bodies_each_area_has() -> None:
    text = lines_of(render(compare_paths([str(ISLINGTON), str(HILLINGDON)]), "text"))
    assert "Hillingdon has an executive group; Islington does not." in text
    assert "Both areas have a safeguarding children board or partnership." in text
    assert "Islington has a Health and Wellbeing Board; Hillingdon does not." in text


# -- routes, agreements and findings --------------------------------------------------------


def test_escalation_routes_side_by_side() -> None:
    cmp = compare_paths([str(ISLINGTON), str(HILLINGDON)])
    islington = [r for r in cmp.routes if r.area == 0]
    assert [(r.steps, r.settled_by) for r in islington] == [(4, ["hwbb", "iscb", "dcs", "chief-executive"])]
    text = lines_of(render(cmp, "text"))
    assert ("Hillingdon has a route of 2 steps, settled last by the Executive Leadership Group.") in text


def test_agreements_side_by_side() -> None:
    cmp = compare_paths([str(ISLINGTON), str(ISLINGTON_2023)])
    assert [(r.area, r.id, r.status, r.agreed_by) for r in cmp.agreements] == [
        (0, "hwbb-iscb-protocol", "agreed", [("hwbb", "2013-10-10")])
    ]
    text = lines_of(render(cmp, "text"))
    assert (
        "The map of Islington (10 October 2013) records one written agreement, “Protocol "
        "between Islington's Health and Wellbeing Board and Safeguarding Children Board”: "
        "agreed by the Islington Health and Wellbeing Board on 10 October 2013; no review "
        "date."
    ) in text
    assert ("The map of Islington (1 April 2023) records no written agreement between its bodies.") in text
    data = json.loads(render(cmp, "json"))
    assert data["agreements"][0]["agreed"] == [{"by": "hwbb", "on": "2013-10-10"}]


def test_one_area_on_two_dates_is_labelled_by_date() -> None:
    cmp = compare_paths([str(ISLINGTON), str(ISLINGTON_2023)])
    assert [a.label for a in cmp.areas] == ["Islington (10 October 2013)", "Islington (1 April 2023)"]
    text = lines_of(render(cmp, "text"))
    assert (
        "In Islington (1 April 2023) the Executive Partnership keeps the Safeguarding "
        "Children Partnership informed; Islington (10 October 2013) has no executive group "
        "in its map."
    ) in text


def test_findings_per_rule_per_area() -> None:
    from boardmap.checks.engine import check

    cmp = compare_paths([str(HILLINGDON), str(DORSET)])
    results = [check(load(HILLINGDON)), check(load(DORSET))]
    rows = {r.rule: r for r in cmp.findings}
    for index, result in enumerate(results):
        for rule in {f.rule for f in result.open}:
            assert rows[rule].open[index] == sum(1 for f in result.open if f.rule == rule)
        for rule in {f.rule for f in result.accepted}:
            assert rows[rule].accepted[index] == sum(1 for f in result.accepted if f.rule == rule)
    assert set(rows) == {f.rule for r in results for f in [*r.open, *r.accepted]}
    severity = {"error": 0, "warning": 1, "info": 2}
    assert [severity[r.severity] for r in cmp.findings] == sorted(severity[r.severity] for r in cmp.findings)
    hillingdon = results[0]
    warnings, notes = hillingdon.count("warning"), hillingdon.count("info")
    # (Since issue 14 Hillingdon's statutory findings are information: the map does not
    # show the bodies concerned, and its adults board reports to a group the chief
    # executive sits in.)
    assert notes > 1 and len(hillingdon.accepted) == 1
    text = lines_of(render(cmp, "text"))
    said = f"{warnings} warning{'' if warnings == 1 else 's'} and " if warnings else ""
    assert (f"Hillingdon: {said}{notes} notes open, 1 accepted with reasons.") in text


# -- bad input --------------------------------------------------------------------------------


def test_the_same_map_twice_is_refused(cli: Any) -> None:
    result = cli("compare", str(ISLINGTON), str(ISLINGTON))
    assert result.status == 2
    assert result.err.strip() == (
        f"boardmap: {ISLINGTON} is given twice (as {ISLINGTON} and {ISLINGTON}); give each map once"
    )


def test_two_copies_of_one_map_are_refused(tmp_path: Path, cli: Any) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(ISLINGTON.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("compare", str(ISLINGTON), str(copy))
    assert result.status == 2
    assert result.err.strip() == (
        f"boardmap: {ISLINGTON} and {copy} describe the same arrangements (Islington on 10 "
        "October 2013): compare two different maps, or see how one map changed with "
        "`boardmap diff OLD NEW`"
    )


def test_maps_with_no_body_in_common_are_refused(two: Callable[..., list[str]], cli: Any) -> None:
    a = "boardmap: 1\narea: North\nboards:\n  - {id: x, name: North Forum, kind: partnership}\n"
    b = "boardmap: 1\narea: South\nboards:\n  - {id: x, name: South Panel, kind: committee}\n"
    paths = two(a, b)
    result = cli("compare", *paths)
    assert result.status == 2
    assert result.err.strip() == (
        f"boardmap: these maps have no body in common, so there is nothing to set side by side: "
        f"North ({paths[0]}) has North Forum; South ({paths[1]}) has South Panel. If two of these are the "
        "same body under different names, say so in a mapping file (--mapping FILE; see "
        "docs/compare.md)"
    )
    assert "Traceback" not in result.err


def test_maps_of_different_dates_are_compared_with_a_clear_note(
    two: Callable[..., list[str]], cli: Any
) -> None:
    paths = two(area_map("Area A", as_of="2016-01-01"), area_map("Area B", as_of="2020-01-01"))
    result = cli("compare", *paths)
    assert result.status == 0
    assert result.err.strip() == (
        "note: the maps describe different dates (Area A 2016-01-01; "
        "Area B 2020-01-01); add --as-of DATE to see them all on one "
        "date"
    )
    assert (
        "These maps describe different dates: Area A on 1 January 2016 and Area B on 1 "
        "January 2020. Between those dates safeguarding children partnerships replaced Local "
        "Safeguarding Children Boards (29 September 2019), so some differences below come "
        "from the law, not from local choices."
    ) in lines_of(result.out)
    on_one_day = cli("compare", *paths, "--as-of", "2020-01-01")
    assert on_one_day.err == ""
    assert "Every map is seen as it stands on 1 January 2020 (--as-of)." in on_one_day.out


def test_one_map_is_not_enough(cli: Any) -> None:
    result = cli("compare", str(ISLINGTON))
    assert result.status == 2
    assert result.err.strip() == "boardmap: give at least two maps to compare"


def test_a_map_that_does_not_load_says_where(two: Callable[..., list[str]], cli: Any) -> None:
    paths = two(area_map("Area A"), "boardmap: 1\narea: B\nboards:\n  - id: x\n")
    result = cli("compare", *paths)
    assert result.status == 2
    assert f"{paths[1]}:4:5: schema: this board has no `name`" in result.err
    assert "Traceback" not in result.err


# -- every example --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pair", list(itertools.combinations(GALLERY, 2)), ids=lambda p: f"{p[0].stem}-vs-{p[1].stem}"
)
def test_every_pair_of_examples_compares_in_every_format(pair: tuple[Path, Path]) -> None:
    cmp = compare_paths([str(p) for p in pair])
    assert cmp.matching.common(("statutory", "common", "other", "people"))
    text = render(cmp, "text")
    assert text.startswith(f"How {cmp.areas[0].label} and {cmp.areas[1].label} compare\n")
    assert render(cmp, "md").startswith("# How ")
    assert "<table>" in render(cmp, "html")
    assert json.loads(render(cmp, "json"))["areas"][1]["file"] == str(pair[1])


def test_the_whole_gallery_compares_at_once() -> None:
    cmp = compare_paths([str(p) for p in GALLERY])
    areas = {a.gmap.area for a in cmp.areas}
    assert len(areas) >= 8
    assert any(f.differs for f in cmp.interfaces)


# -- formats and output ---------------------------------------------------------------------


def test_json_carries_data_not_prose() -> None:
    data = json.loads(render(compare_paths([str(ISLINGTON), str(TRI_BOROUGH)]), "json"))
    assert set(data) == {
        "areas",
        "as_of",
        "different_dates",
        "law_changes_between",
        "bodies",
        "interfaces",
        "routes",
        "agreements",
        "findings",
    }
    face = next(
        f
        for f in data["interfaces"]
        if {f["first"], f["second"]} == {"role:children-safeguarding", "role:hwb"}
    )
    assert face["first"] == "role:children-safeguarding" and face["differs"] is True
    assert face["in"]["Hammersmith & Fulham, Kensington & Chelsea and Westminster"] == {
        "first_to_second": ["annual-report"],
        "second_to_first": [],
    }
    assert data["law_changes_between"] == ["sab"]


def test_markdown_has_the_matrix_table() -> None:
    md = render(compare_paths([str(ISLINGTON), str(HILLINGDON)]), "md")
    assert "| Body | Islington | Hillingdon | Matched by |" in md
    assert ("| Executive group | none | Executive Leadership Group | name |") in md


def test_output_file_is_written_atomically(tmp_path: Path, cli: Any) -> None:
    out = tmp_path / "compare.html"
    result = cli("compare", str(ISLINGTON), str(HILLINGDON), "--format", "html", "-o", str(out))
    assert result.status == 0
    assert result.out == ""
    assert f"wrote {out}" in result.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert "<script" not in page and "http" not in page.split("</head>")[0].replace("http-equiv", "")


def test_map_text_is_escaped_in_html(two: Callable[..., list[str]]) -> None:
    a = area_map("Area A", extra="  - {id: x, name: '<script>Board</script>', kind: partnership}\n")
    b = area_map("Area B", extra="  - {id: y, name: '<script>Board</script>', kind: partnership}\n")
    page = render(compare_paths(two(a, b)), "html")
    assert "<script>" not in page and "&lt;script&gt;Board&lt;/script&gt;" in page


# -- the mapping file --------------------------------------------------------------------------


def test_a_mapping_file_joins_and_separates_bodies(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        textwrap.dedent(f"""\
        boardmap-compare: 1
        same:
          - name: Officers who run the boards
            bodies:
              Islington: business-managers-meeting
              {HILLINGDON.name}: [elg]
        apart:
          - map: Hillingdon
            board: sab
        """),
        encoding="utf-8",
    )
    cmp = compare_paths([str(ISLINGTON), str(HILLINGDON)], mapping=str(mapping))
    bodies = {b.label: b for b in cmp.matching.bodies}
    joined = bodies["Officers who run the boards"]
    assert joined.ids == {0: ["business-managers-meeting"], 1: ["elg"]}
    assert joined.how == {0: "mapping file", 1: "mapping file"}
    assert bodies["Hillingdon Safeguarding Adults Board"].key == "only:1:sab"
    assert "role:sab" not in {b.key for b in cmp.matching.bodies}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("same: []\n", "mapping.yaml:1: the first line must be 'boardmap-compare: 1'"),
        (
            "boardmap-compare: 1\nsame:\n  - name: X\n    bodies:\n      Hilingdon: elg\n",
            "mapping.yaml:5: no map being compared is called 'Hilingdon'; name a map by its area "
            "('Islington'; 'Hillingdon') or by its file as given",
        ),
        (
            "boardmap-compare: 1\napart:\n  - map: Hillingdon\n    board: nope\n",
            "mapping.yaml:4: Hillingdon's map has no board 'nope'; use a board id from that map",
        ),
        (
            "boardmap-compare: 1\nsame:\n  - name: X\n    bodies: {Hillingdon: elg}\napart:\n"
            "  - map: Hillingdon\n    board: elg\n",
            "mapping.yaml:7: board 'elg' is named twice (first on line 4); name each board once",
        ),
        (
            "boardmap-compare: 1\nmatch: []\n",
            "mapping.yaml:2: unknown field 'match'; a mapping file has only 'same' and 'apart'",
        ),
        ("boardmap-compare: 1\nsame: [\n", "mapping.yaml:3: this is not valid YAML"),
    ],
)
def test_a_bad_mapping_file_says_file_and_line(
    tmp_path: Path, text: str, message: str, cli: Any, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mapping.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        compare_paths([str(ISLINGTON), str(HILLINGDON)], mapping="mapping.yaml")
    assert str(caught.value).startswith(message)
    result = cli("compare", str(ISLINGTON), str(HILLINGDON), "--mapping", "mapping.yaml")
    assert result.status == 2 and result.err.startswith(f"boardmap: {message}")


# -- the guide's annex -----------------------------------------------------------------------


def test_guide_compare_adds_how_other_areas_do_it(tmp_path: Path, cli: Any) -> None:
    result = cli("guide", str(ISLINGTON), "--compare", str(HILLINGDON), "--out", str(tmp_path))
    assert result.status == 0
    md = (tmp_path / "guide.md").read_text(encoding="utf-8")
    section = md[md.index("## How other areas do it") :]
    assert "What the maps of Hillingdon show that this map does not." in section
    assert ("- Hillingdon has an executive group: Executive Leadership Group. This map has none.") in section
    assert '<a href="#other-areas">How other areas do it</a>' in (tmp_path / "guide.html").read_text(
        encoding="utf-8"
    )


def test_guide_annex_says_when_others_show_nothing_more() -> None:
    gmap = load(ISLINGTON)
    annex = guide_annex(compare_paths([str(ISLINGTON), str(TRI_BOROUGH)]))
    guide = build_guide(gmap, annexes=[annex])
    assert "## How other areas do it" in guide.markdown


def test_guide_compare_with_nothing_in_common_is_refused(
    two: Callable[..., list[str]], cli: Any, tmp_path: Path
) -> None:
    a = "boardmap: 1\narea: North\nboards:\n  - {id: x, name: North Forum, kind: partnership}\n"
    b = "boardmap: 1\narea: South\nboards:\n  - {id: x, name: South Panel, kind: committee}\n"
    paths = two(a, b)
    result = cli("guide", paths[0], "--compare", paths[1], "--out", str(tmp_path / "out"))
    assert result.status == 2
    assert "no body in common" in result.err
    assert not (tmp_path / "out").exists()


def test_compare_error_is_a_usage_error() -> None:
    from boardmap.errors import UsageError

    assert issubclass(CompareError, UsageError)
