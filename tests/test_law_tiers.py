"""A council's tier (issue 14): in a two-tier area the county council has the Health and
Wellbeing Board, the Safeguarding Adults Board and the children's safeguarding
arrangements, and the districts the Community Safety Partnerships; every council has a
crime and disorder committee. The fixture is written from Worcestershire's published papers
(tests/maps/law/worcestershire-two-tier-2025.yaml names them)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap.checks import tiers
from boardmap.checks.engine import CheckResult, Finding, check
from boardmap.errors import MapError
from boardmap.load import load_text
from boardmap.schema import json_schema
from tests.conftest import Result

WORCESTERSHIRE = Path(__file__).parent / "maps" / "law" / "worcestershire-two-tier-2025.yaml"
CDC_DUTY = (
    "Every local authority must have a crime and disorder committee (often one of its overview "
    "and scrutiny committees) to review and scrutinise the work of the Community Safety "
    "Partnership's responsible authorities (Police and Justice Act 2006, s.19(1))."
)
HWB_DUTY = (
    "Every local authority must establish a Health and Wellbeing Board for its area (Health "
    "and Social Care Act 2012, s.194(1))."
)
ADD_ONE = "Add one for that area, or list the area in the `areas` of the body that serves it"


def _text(**changes: str) -> str:
    text = WORCESTERSHIRE.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _check(text: str) -> CheckResult:
    return check(load_text(text, file="worcestershire.yaml"))


def _bodies(result: CheckResult) -> list[Finding]:
    return [f for f in result.open if f.rule == "missing-statutory-body"]


REDDITCH_TIER = '    tier: district        # said: a "Borough Council" may be a unitary council [W5]\n'


def test_a_two_tier_county_asks_each_council_only_for_its_own_bodies() -> None:
    # The county's area has its boards and no Community Safety Partnership of its own; the
    # districts' areas share one partnership and have no boards of the county's. The one
    # gap is Wyre Forest's crime and disorder committee, which the sources read do not show.
    [found] = _bodies(_check(_text()))
    assert found.message == (
        "This map has no crime and disorder committee or overview and scrutiny committee for the "
        "area 'wyre-forest' (Wyre Forest District Council) on 12 December 2025 (it shows one for "
        f"'worcestershire', 'redditch' and 'bromsgrove'). {CDC_DUTY} {ADD_ONE} (statutory_role: "
        "crime-and-disorder-committee, overview-and-scrutiny)."
    )
    assert (found.severity, found.area, found.missing) == (
        "info",
        "wyre-forest",
        ("crime-and-disorder-committee|overview-and-scrutiny",),
    )


def test_a_unitary_area_needs_the_county_bodies_of_its_own() -> None:
    result = _check(_text(**{REDDITCH_TIER: "    tier: unitary\n"}))
    hwb = [f for f in _bodies(result) if f.missing == ("hwb",)]
    assert [f.message for f in hwb] == [
        "This map has no Health and Wellbeing Board for the area 'redditch' (Redditch Borough "
        f"Council) on 12 December 2025 (it shows one for 'worcestershire'). {HWB_DUTY} {ADD_ONE} "
        "(statutory_role: hwb)."
    ]
    assert sorted(f.missing for f in _bodies(result) if f.area == "redditch") == [
        ("hwb",),
        ("sab",),
        ("safeguarding-partnership",),
    ]


def test_a_borough_council_with_no_tier_may_be_any_tier() -> None:
    # "Redditch Borough Council" does not say its tier (a Borough Council may be a unitary):
    # without `tier`, its area is asked for every body; the districts named "District
    # Council" are read as districts.
    result = _check(_text(**{REDDITCH_TIER: ""}))
    assert sorted({f.area for f in _bodies(result) if f.missing == ("hwb",)}, key=str) == ["redditch"]
    assert [f.area for f in _bodies(result) if f.missing == ("sab",)] == ["redditch"]


def test_a_county_needs_no_community_safety_partnership_of_its_own() -> None:
    # Without the districts' partnership, each district's area lacks one; the county's does not.
    start = "  - id: nwcsp\n"
    text = _text()
    cut = text[text.index(start) : text.index("  - id: redditch-panel\n")]
    links = [line for line in text.splitlines(keepends=True) if "nwcsp" in line and "from:" in line]
    text = text.replace(cut, "")
    for line in links:
        text = text.replace(line, "")
    csp = [f for f in _bodies(_check(text)) if f.missing == ("csp",)]
    assert sorted(str(f.area) for f in csp) == ["bromsgrove", "redditch", "wyre-forest"]
    [redditch] = [f for f in csp if f.area == "redditch"]
    assert redditch.message.startswith(
        "This map has no Community Safety Partnership for the area 'redditch' (Redditch Borough "
        "Council) on 12 December 2025. The responsible authorities"
    )


def test_a_county_with_none_of_its_boards_is_told_for_its_own_area() -> None:
    cut = (
        "  - id: hwb\n    name: Worcestershire Health and Wellbeing Board\n"
        "    kind: statutory-board\n    areas: [worcestershire]\n"
    )
    text = _text(**{cut: ""}).replace("  - {from: wsab, to: hwb,", "  - {from: wsab, to: ospb,")
    text = text.replace("  - {from: wscp, to: hwb,", "  - {from: wscp, to: ospb,")
    hwb = [f for f in _bodies(_check(text)) if f.missing == ("hwb",)]
    assert [f.message for f in hwb] == [
        "This map has no Health and Wellbeing Board for the area 'worcestershire' (Worcestershire "
        f"County Council) on 12 December 2025. {HWB_DUTY} {ADD_ONE} (statutory_role: hwb)."
    ]


# -- maps of one area ------------------------------------------------------------------------

ONE_COUNCIL = """\
boardmap: 1
area: Exampleshire
as_of: 2024-06-01
rules: [england-2023]
boards:
  - {{id: council, name: {name}, kind: organisation, statutory_role: local-authority{tier}}}
  - {{id: csp, name: Community Safety Partnership, kind: partnership, statutory_role: csp,
     members: [council]}}
  - {{id: scrutiny, name: Scrutiny Committee, kind: committee, statutory_role: crime-and-disorder-committee}}
links:
  - {{from: scrutiny, to: csp, type: challenges}}
  - {{from: csp, to: scrutiny, type: informs}}
"""


def _one(name: str, tier: str | None) -> list[tuple[str, ...]]:
    text = ONE_COUNCIL.format(name=name, tier=f", tier: {tier}" if tier else "")
    return sorted(f.missing for f in _bodies(_check(text)))


def test_a_map_of_one_district_is_not_asked_for_the_county_bodies() -> None:
    assert _one("Exampleshire District Council", None) == []
    assert _one("Exampleshire Borough Council", "district") == []


def test_a_map_of_one_unitary_or_unknown_council_is_asked_for_them_all() -> None:
    county_bodies = [("hwb",), ("sab",), ("safeguarding-partnership",)]
    assert _one("Exampleshire Borough Council", "unitary") == county_bodies
    assert _one("Exampleshire Borough Council", None) == county_bodies


def test_a_map_of_one_county_is_not_asked_for_a_community_safety_partnership() -> None:
    text = textwrap.dedent("""\
        boardmap: 1
        area: Exampleshire
        as_of: 2024-06-01
        rules: [england-2023]
        boards:
          - {id: council, name: Exampleshire County Council, kind: organisation, tier: county}
          - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board, statutory_role: hwb}
          - {id: sab, name: Safeguarding Adults Board, kind: statutory-board, statutory_role: sab}
          - {id: scp, name: Safeguarding Children Partnership, kind: partnership,
             statutory_role: safeguarding-partnership}
          - {id: scrutiny, name: Scrutiny Committee, kind: committee, statutory_role: overview-and-scrutiny}
        """)
    assert _bodies(_check(text)) == []
    unitary = _bodies(_check(text.replace("tier: county", "tier: unitary")))
    assert [f.missing for f in unitary] == [("csp",)]


# -- reading a tier from a council's name ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        ("Bromsgrove District Council", "district"),
        ("Wyre Forest District Council", "district"),
        ("City of Bradford Metropolitan District Council", "metropolitan"),
        ("Sefton Metropolitan Borough Council", "metropolitan"),
        ("Metropolitan Borough of Wirral", "metropolitan"),
        ("London Borough of Camden", "london-borough"),
        ("The London Borough of Barking and Dagenham", "london-borough"),
        # Names that do not settle it: left for the map to say.
        ("Durham County Council", None),  # a unitary council
        ("Worcestershire County Council", None),
        ("Redditch Borough Council", None),  # a district
        ("Halton Borough Council", None),  # a unitary council
        ("Leeds City Council", None),  # a metropolitan borough
        ("Royal Borough of Windsor and Maidenhead", None),  # a unitary council
    ],
)
def test_a_tier_is_read_only_from_a_name_that_settles_it(name: str, tier: str | None) -> None:
    assert tiers.tier_from_name(name) == tier


def test_explain_says_which_tiers_it_read(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "worcestershire.yaml"
    path.write_text(_text(), encoding="utf-8")
    out = cli("check", str(path), "--explain").out
    assert (
        "Councils' tiers read from the map:\n\n"
        "  Bromsgrove District Council is treated as a district council because its name is\n"
        "  'Bromsgrove District Council'; add `tier: district` to confirm.\n"
        "  Wyre Forest District Council is treated as a district council because its name is\n"
        "  'Wyre Forest District Council'; add `tier: district` to confirm.\n"
    ) in out
    assert "Councils' tiers read" not in cli("check", str(path)).out


# -- the field ---------------------------------------------------------------------------------


def test_a_tier_on_a_body_that_is_not_a_council_is_a_located_error() -> None:
    text = _text(
        **{
            "    areas: [bromsgrove, redditch, wyre-forest]   # [W5]\n": (
                "    areas: [bromsgrove, redditch, wyre-forest]   # [W5]\n    tier: district\n"
            )
        }
    )
    with pytest.raises(MapError) as caught:
        _check(text)
    lines = text.splitlines()
    start = lines.index("  - id: nwcsp")
    line = lines.index("    tier: district", start) + 1
    assert str(caught.value).splitlines()[0] == (
        f"worcestershire.yaml:{line}:11: schema: 'nwcsp' is a partnership and has a tier, which "
        "only a council has: give `tier` to the council itself (kind: organisation, or the "
        "`top: true` body that is the council)"
    )


def test_the_json_schema_lists_the_tiers() -> None:
    board = json_schema()["$defs"]["Board"]["properties"]["tier"]
    assert board["anyOf"][0]["enum"] == ["county", "district", "unitary", "metropolitan", "london-borough"]


def test_a_misspelt_tier_is_a_located_error_with_a_suggestion() -> None:
    text = _text(**{"    tier: county  ": "    tier: cuonty  "})
    with pytest.raises(MapError) as caught:
        _check(text)
    message = str(caught.value)
    assert "tier 'cuonty' is not one of: county, district, unitary, metropolitan, london-borough" in message
    assert "did you mean 'county'?" in message
