"""Statutory rule packs: the data validates, each era applies its own requirements, every
finding names its source, and bodies a map leaves out are not reported as missing."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardmap.checks import packs, packs_data
from boardmap.checks.engine import CheckResult, Finding, check
from boardmap.load import load_text
from boardmap.say import vocab

FILE = "map.yaml"

# A map of the LSCB era that meets every requirement of england-2013 that applies to it.
LSCB_ERA = """\
boardmap: 1
area: Testshire
as_of: 2016-06-01
rules: [england-2013]
boards:
  - {id: lscb, name: Testshire Safeguarding Children Board, kind: statutory-board, statutory_role: lscb}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board, statutory_role: hwb}
  - {id: ce, name: Chief Executive, kind: role, statutory_role: chief-executive}
  - {id: leader, name: Leader of the Council, kind: role, statutory_role: leader}
  - {id: lm, name: Lead Member for Children, kind: role, statutory_role: lead-member}
  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
  - {id: os, name: Scrutiny Committee, kind: committee, statutory_role: overview-and-scrutiny}
links:
  - {from: lscb, to: ce, type: reports-to}
  - {from: lscb, to: leader, type: informs}
  - {from: lscb, to: hwb, type: informs}
  - {from: lm, to: lscb, type: attends}
  - {from: hwb, to: council, type: reports-to}
  - {from: os, to: hwb, type: challenges}
  - {from: hwb, to: os, type: informs}
  - {from: os, to: lscb, type: challenges}
  - {from: lscb, to: os, type: informs}
  - {from: os, to: council, type: reports-to}
"""

# The same place after 2019: a safeguarding partnership with its independent scrutineer.
PARTNERSHIP_ERA = """\
boardmap: 1
area: Testshire
as_of: 2020-06-01
rules: [england-2019]
boards:
  - id: sp
    name: Testshire Safeguarding Children Partnership
    kind: partnership
    statutory_role: safeguarding-partnership
  - {id: scrutineer, name: Independent Scrutineer, kind: role, statutory_role: independent-scrutineer}
  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
links:
  - {from: scrutineer, to: sp, type: challenges}
  - {from: sp, to: scrutineer, type: reports-to}
"""


def _check(text: str) -> CheckResult:
    return check(load_text(text, file=FILE))


def _pack_findings(text: str) -> list[Finding]:
    return [
        f
        for f in _check(text).open
        if f.rule
        in ("missing-statutory-link", "missing-statutory-member", "statutory-independence", "rule-pack-era")
    ]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _without(text: str, line: str) -> str:
    assert line in text
    return text.replace(line + "\n", "")


# -- the data ---------------------------------------------------------------------------------


def test_the_packs_shipped_validate() -> None:
    assert packs.available_packs() == ["england-2013", "england-2019", "england-2023"]
    for name in packs.available_packs():
        pack = packs.load_pack(name)
        assert pack.pack == name
        for entry in (*pack.links, *pack.members, *pack.independence, *pack.bodies):
            assert entry.source
            # Recalled requirements are left out of the older packs; england-2023 has two,
            # reported as information with "as recalled: not checked against the text".
            if name != "england-2023":
                assert entry.confidence == "text"
    recalled = [e for e in packs.load_pack("england-2023").links if e.confidence == "recalled"]
    assert [(e.id, e.severity) for e in recalled] == [
        ("sp-yearly-report", "info"),
        ("icp-strategy-hwb", "info"),
    ]
    assert recalled[0].cited.endswith(", as recalled: not checked against the text")


def test_each_pack_covers_its_era() -> None:
    lscb, partnership = packs.load_pack("england-2013"), packs.load_pack("england-2019")
    assert lscb.era == "1 April 2013 to 28 September 2019"
    assert partnership.era == "29 September 2019 onwards"
    assert {e.id for e in lscb.links} >= {
        "lscb-annual-report",
        "lscb-chair-accountable",
        "sab-annual-report",
        "csp-scrutinised",
        "pcp-scrutinises-pcc",
        "os-scrutinises-hwb",
    }
    assert "sp-independent-scrutiny" not in {e.id for e in lscb.links}
    assert {e.id for e in partnership.links} >= {"sp-independent-scrutiny", "icb-plan-hwb"}
    assert not any(e.board == "lscb" for e in partnership.links)
    assert not any(e.id in ("ccg-plan-hwb", "hwb-jsna") for p in (lscb, partnership) for e in p.links)


@pytest.fixture
def pack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Packs read from a folder of the test's own."""
    monkeypatch.setattr(packs_data, "PACK_DIR", tmp_path)
    monkeypatch.setattr(sys.modules["boardmap.loader.references"], "PACK_DIR", tmp_path)
    packs.load_pack.cache_clear()
    yield tmp_path
    packs.load_pack.cache_clear()


PACK_HEAD = """\
pack: test-pack
title: Test
description: A pack for tests.
since: 2000-01-01
"""


def test_a_broken_pack_is_refused_with_its_name(pack_dir: Path) -> None:
    (pack_dir / "test-pack.yaml").write_text(
        PACK_HEAD
        + textwrap.dedent("""\
    members:
      - {id: x, board: hwbb, include: [dcs], source: An Act, force: act, confidence: text}
    """)
    )
    with pytest.raises(packs.PackError, match="unknown statutory role 'hwbb'"):
        packs.load_pack("test-pack")
    (pack_dir / "other.yaml").write_text(PACK_HEAD)
    with pytest.raises(packs.PackError, match="calls itself 'test-pack'"):
        packs.load_pack("other")


def test_a_recalled_requirement_is_information_and_says_so(pack_dir: Path) -> None:
    (pack_dir / "test-pack.yaml").write_text(
        PACK_HEAD
        + textwrap.dedent("""\
    links:
      - id: ccg-plan-hwb
        board: ccg
        direction: to
        other: [hwb]
        type: consults
        need: each
        duty: "{board} must consult {other} on its draft commissioning plan"
        source: NHS Act 2006, ss.14Z13-14Z15
        force: act
        confidence: recalled
    """)
    )
    text = textwrap.dedent("""\
    boardmap: 1
    area: Testshire
    as_of: 2014-01-01
    rules: [test-pack]
    boards:
      - {id: ccg, name: Testshire CCG, kind: organisation, statutory_role: ccg}
      - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board, statutory_role: hwb, top: true}
    links:
      - {from: ccg, to: hwb, type: informs}
    """)
    [finding] = _pack_findings(text)
    assert finding.severity == "info"
    assert finding.source == "NHS Act 2006, ss.14Z13-14Z15, as recalled: not checked against the text"
    assert finding.message == (
        "Testshire CCG must consult the Health and Wellbeing Board on its draft commissioning "
        "plan (NHS Act 2006, ss.14Z13-14Z15, as recalled: not checked against the text), but "
        "this map shows no such link."
    )


# -- the LSCB era --------------------------------------------------------------------------------


def test_a_map_meeting_the_lscb_era_rules_has_no_statutory_finding() -> None:
    assert _pack_findings(LSCB_ERA) == []


@pytest.mark.parametrize(
    "link, severity, message",
    [
        (
            "  - {from: lscb, to: leader, type: informs}",
            "info",
            "The Testshire Safeguarding Children Board should send the Leader of the Council its "
            "annual report on the effectiveness of safeguarding (Working Together to Safeguard "
            "Children 2013 and 2015, chapter 3; Children Act 2004, s.14A), but this map shows no "
            "such link.",
        ),
        (
            "  - {from: lm, to: lscb, type: attends}",
            "info",
            "The Lead Member for Children should attend meetings of the Testshire Safeguarding "
            "Children Board as a participating observer (Working Together to Safeguard Children "
            "2015, chapter 3), but this map shows no such link.",
        ),
    ],
)
def test_lscb_era_guidance_is_information_naming_its_source(link: str, severity: str, message: str) -> None:
    text = _without(LSCB_ERA, link)
    [finding] = _pack_findings(text)
    assert finding.rule == "missing-statutory-link"
    assert finding.severity == severity
    assert finding.message == message
    assert finding.source is not None and finding.source in finding.message
    assert finding.line == _line(text, "id: lscb,")


def test_a_power_to_scrutinise_is_information() -> None:
    # Overview and scrutiny may review the HWB (a power, not a duty): information (issue 14).
    text = _without(LSCB_ERA, "  - {from: os, to: hwb, type: challenges}")
    text = text.replace(
        "  - {from: os, to: lscb, type: challenges}",
        "  - {from: os, to: lscb, type: challenges}\n  - {from: leader, to: hwb, type: challenges}",
    )
    [finding] = _pack_findings(text)
    assert (finding.rule, finding.severity, finding.boards) == ("missing-statutory-link", "info", ("hwb",))
    assert finding.message == (
        "The Health and Wellbeing Board is a council committee, open to scrutiny by the "
        "council's overview and scrutiny committees (Local Government Act 2000, s.9F; Health "
        "and Social Care Act 2012, s.194(11)), but no overview and scrutiny committee in this "
        "map holds it to account."
    )
    assert finding.links == (("os", "hwb", "challenges"),)


def test_a_reports_to_link_meets_a_requirement_to_inform() -> None:
    text = LSCB_ERA.replace(
        "{from: lscb, to: hwb, type: informs}", "{from: lscb, to: leader, type: reports-to}"
    )
    assert [
        f.message
        for f in _pack_findings(text)
        if f.rule == "missing-statutory-link" and "hwb" not in f.boards
    ] == []


def test_a_generic_finding_carries_the_law_instead_of_repeating_it() -> None:
    # Nobody holds the HWB to account: unscrutinised says so, with the Act's requirement.
    # (With the council in the map, the HWB would be its committee, held to account by it.)
    text = _without(LSCB_ERA, "  - {from: os, to: hwb, type: challenges}")
    text = _without(text, "  - {from: hwb, to: council, type: reports-to}")
    text = _without(text, "  - {from: os, to: council, type: reports-to}")
    text = _without(
        text,
        "  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}",
    )
    result = _check(text)
    assert [f for f in result.open if f.rule == "missing-statutory-link"] == []
    [finding] = [f for f in result.open if f.rule == "unscrutinised"]
    assert finding.message.endswith(
        "The Health and Wellbeing Board is a council committee, open to scrutiny by the "
        "council's overview and scrutiny committees (Local Government Act 2000, s.9F; Health "
        "and Social Care Act 2012, s.194(11))."
    )
    assert finding.source == "Local Government Act 2000, s.9F; Health and Social Care Act 2012, s.194(11)"


def test_no_accountability_carries_the_chairs_accountability() -> None:
    text = LSCB_ERA.replace("{from: lscb, to: ce, type: reports-to}", "{from: lscb, to: ce, type: informs}")
    result = _check(text)
    [finding] = [f for f in result.open if f.rule == "no-accountability"]
    assert finding.message == (
        "The Testshire Safeguarding Children Board does not report to anyone in this map, so it "
        "is not clear who it answers to. The Testshire Safeguarding Children Board should answer "
        "to the Chief Executive, who holds its chair to account (Working Together to Safeguard "
        "Children 2015, chapter 3)."
    )
    assert [f for f in result.open if f.rule == "missing-statutory-link"] == []


def test_an_isolated_board_carries_its_statutory_links() -> None:
    text = LSCB_ERA.replace(
        "  - {id: ce,",
        "  - {id: csp, name: Community Safety Partnership, kind: partnership, statutory_role: csp}\n"
        "  - {id: ce,",
    )
    result = _check(text)
    assert [f for f in result.open if f.rule == "missing-statutory-link"] == []
    [finding] = [f for f in result.open if f.rule == "isolated-board"]
    assert finding.message == (
        "The Community Safety Partnership has no links to any other body in this map, so nobody "
        "can see who it answers to, who holds it to account or how it works with the other "
        "boards. The Community Safety Partnership must have its work reviewed and scrutinised "
        "by the council's crime and disorder committee, at least once a year (Police and "
        "Justice Act 2006, s.19)."
    )
    assert finding.source == "Police and Justice Act 2006, s.19"


def test_bodies_left_out_of_the_map_are_not_reported() -> None:
    # No PCC, no Healthwatch, no CCG in LSCB_ERA: their links are not required.
    text = _without(
        LSCB_ERA, "  - {id: leader, name: Leader of the Council, kind: role, statutory_role: leader}"
    )
    text = _without(text, "  - {from: lscb, to: leader, type: informs}")
    assert _pack_findings(text) == []


def test_lscb_members() -> None:
    text = LSCB_ERA.replace("statutory_role: lscb}", "statutory_role: lscb, members: [council]}")
    [finding] = _pack_findings(text)
    assert (finding.rule, finding.severity, finding.boards) == (
        "missing-statutory-member",
        "warning",
        ("lscb",),
    )
    assert finding.message == (
        "The Testshire Safeguarding Children Board must have a police force, a probation "
        "service, a clinical commissioning group and an NHS trust among its members (Children "
        "Act 2004, s.13(3)), but none of the members this map lists is one (statutory_role: "
        "police, probation, ccg, nhs-trust)."
    )
    assert finding.source == "Children Act 2004, s.13(3)"


def test_lscb_with_every_required_member() -> None:
    text = (
        LSCB_ERA.replace(
            "statutory_role: lscb}",
            "statutory_role: lscb, members: [council, police, probation, ccg, trust]}",
        ).replace(
            "  - {id: os,",
            "\n".join(
                [
                    "  - {id: police, name: Testshire Police, kind: organisation, statutory_role: police}",
                    "  - {id: probation, name: Probation Service, kind: organisation,"
                    " statutory_role: probation}",
                    "  - {id: ccg, name: Testshire CCG, kind: organisation, statutory_role: ccg}",
                    "  - {id: trust, name: Testshire Hospitals, kind: organisation,"
                    " statutory_role: nhs-trust}",
                    "  - {id: os,",
                ]
            ),
        )
        + "  - {from: hwb, to: ccg, type: informs}\n"
    )
    assert _pack_findings(text) == []
    without_trust = text.replace(
        "members: [council, police, probation, ccg, trust]", "members: [council, police, probation, ccg]"
    )
    [finding] = _pack_findings(without_trust)
    assert (finding.rule, finding.file, finding.line) == (
        "missing-statutory-member",
        FILE,
        _line(without_trust, "id: lscb,"),
    )
    assert "must have an NHS trust among its members" in finding.message


def test_a_board_with_no_members_listed_is_not_checked_for_members() -> None:
    assert [f for f in _pack_findings(LSCB_ERA) if f.rule == "missing-statutory-member"] == []


def test_lscb_must_not_report_to_the_hwb() -> None:
    text = LSCB_ERA + "  - {from: lscb, to: hwb, type: sub-group-of}\n"
    [finding] = _pack_findings(text)
    assert (finding.rule, finding.severity, finding.boards) == (
        "statutory-independence",
        "info",
        ("lscb", "hwb"),
    )
    assert finding.line == _line(text, "{from: lscb, to: hwb, type: sub-group-of}")
    assert finding.message == (
        "The Testshire Safeguarding Children Board should not be subordinate to, nor subsumed "
        "within, other local structures such as the Health and Wellbeing Board (Working "
        "Together to Safeguard Children 2015, chapter 3), but in this map it is a sub-group of "
        "the Health and Wellbeing Board, working under its direction."
    )


def test_sab_rules_start_in_april_2015() -> None:
    text = LSCB_ERA.replace(
        "  - {id: ce,",
        "  - {id: sab, name: Safeguarding Adults Board, kind: statutory-board, statutory_role: sab}\n"
        "  - {id: ce,",
    ) + ("  - {from: sab, to: ce, type: reports-to}\n  - {from: os, to: sab, type: challenges}\n")
    later = {f.links for f in _pack_findings(text)}
    assert later == {(("sab", "leader", "informs"),), (("sab", "hwb", "informs"),)}
    earlier = text.replace("as_of: 2016-06-01", "as_of: 2015-03-31")
    assert _pack_findings(earlier) == []


def test_boards_are_matched_within_their_areas() -> None:
    text = LSCB_ERA.replace("statutory_role: lscb}", "statutory_role: lscb, areas: [north, south]}")
    text = text.replace(
        "statutory_role: chief-executive}", "statutory_role: chief-executive, areas: [north]}"
    )
    text = text.replace(
        "  - {id: leader,",
        "  - {id: ce-east, name: Chief Executive of Eastshire, kind: role, statutory_role: chief-executive, "
        "areas: [east]}\n  - {id: ce-south, name: Chief Executive of Southshire, kind: role, "
        "statutory_role: chief-executive, areas: [south]}\n  - {id: leader,",
    )
    boards = {f.boards for f in _pack_findings(text)}
    assert boards == {("lscb", "ce-south")}


def test_a_map_outside_its_packs_era_says_so() -> None:
    text = LSCB_ERA.replace("as_of: 2016-06-01", "as_of: 2020-01-01")
    [finding] = _pack_findings(text)
    assert (finding.rule, finding.severity, finding.line) == ("rule-pack-era", "info", 4)
    # One sentence: the pack's era once, not its title and its dates both (issue 3 trial).
    assert finding.message == (
        "This map asks to be checked against the england-2013 rules, which apply from "
        "1 April 2013 to 28 September 2019, but it describes 1 January 2020, so no statutory "
        "rule was checked. Use england-2019, the pack for that date."
    )
    early = LSCB_ERA.replace("as_of: 2016-06-01", "as_of: 2019-01-01").replace(
        "rules: [england-2013]", "rules: [england-2019]"
    )
    [finding] = _pack_findings(early)
    assert finding.message == (
        "This map asks to be checked against the england-2019 rules, which apply from "
        "29 September 2019, but it describes 1 January 2019, so no statutory rule was "
        "checked. Use england-2013, the pack for that date."
    )
    both = text.replace("rules: [england-2013]", "rules: [england-2013, england-2019]")
    assert [f for f in _pack_findings(both) if f.rule == "rule-pack-era"] == []


# -- the partnership era -------------------------------------------------------------------------------


def test_a_map_meeting_the_partnership_era_rules_has_no_statutory_finding() -> None:
    assert _pack_findings(PARTNERSHIP_ERA) == []


def test_a_partnership_without_an_independent_scrutineer() -> None:
    text = _without(PARTNERSHIP_ERA, "  - {from: scrutineer, to: sp, type: challenges}")
    text = _without(text, "  - {from: sp, to: scrutineer, type: reports-to}")
    text = _without(
        text,
        "  - {id: scrutineer, name: Independent Scrutineer, kind: role, "
        "statutory_role: independent-scrutineer}",
    )
    text = text.replace("links:\n", "links:\n  - {from: sp, to: council, type: reports-to}\n")
    [finding] = _pack_findings(text)
    assert (finding.rule, finding.severity, finding.boards) == ("missing-statutory-link", "warning", ("sp",))
    assert finding.message == (
        "The Testshire Safeguarding Children Partnership must include independent scrutiny of "
        "how well its arrangements work, by an independent scrutineer (Children Act 2004, "
        "s.16G; Working Together to Safeguard Children 2018, chapter 3 (2023, chapter 2)), but "
        "this map has no independent scrutineer (a board marked statutory_role: "
        "independent-scrutineer)."
    )


def test_partnership_members() -> None:
    text = PARTNERSHIP_ERA.replace(
        "statutory_role: safeguarding-partnership\n",
        "statutory_role: safeguarding-partnership\n    members: [council]\n",
    )
    [finding] = _pack_findings(text)
    assert finding.message.startswith(
        "The Testshire Safeguarding Children Partnership must have a clinical commissioning "
        "group or integrated care board and a police force among its members (Children Act "
        "2004, s.16E)"
    )


def test_icb_rules_from_july_2022() -> None:
    text = (
        PARTNERSHIP_ERA.replace("as_of: 2020-06-01", "as_of: 2023-01-01")
        + "  - {from: icb, to: council, type: reports-to}\n"
        + "  - {from: hwb, to: council, type: reports-to}\n"
    )
    text = text.replace(
        "  - {id: council,",
        "  - {id: icb, name: Testshire Integrated Care Board, kind: partnership, statutory_role: icb}\n"
        "  - {id: hwb, name: Health and Wellbeing Board, kind: committee, statutory_role: hwb}\n"
        "  - {id: council,",
    )
    ids = sorted(f.links for f in _pack_findings(text))
    # The HWB need not "inform" the council or the ICB of the assessment they make through
    # it (no hwb-jsna requirement since issue 14); the ICB must consult it on its plan.
    assert ids == [(("icb", "hwb", "consults"),)]
    before = text.replace("as_of: 2023-01-01", "as_of: 2022-06-30")
    assert (("icb", "hwb", "consults"),) not in [f.links for f in _pack_findings(before)]


def test_lscb_rules_do_not_apply_after_2019() -> None:
    text = (
        PARTNERSHIP_ERA.replace(
            "  - {id: council,",
            "  - {id: lscb, name: Old Safeguarding Children Board, kind: statutory-board, "
            "statutory_role: lscb, top: true}\n  - {id: council,",
        )
        + "  - {from: scrutineer, to: lscb, type: challenges}\n"
        + "  - {from: lscb, to: scrutineer, type: informs}\n"
    )
    assert _pack_findings(text) == []


# -- members that have ended (issue 3, new-user trial) --------------------------------------------

# A partnership that listed its CCG, after CCGs gave way to integrated care boards.
ENDED = """\
boardmap: 1
area: Testshire
as_of: 2023-01-01
rules: [england-2019]
boards:
  - id: sp
    name: Testshire Safeguarding Children Partnership
    kind: partnership
    statutory_role: safeguarding-partnership
    members: [council, police, ccg]
  - {id: scrutineer, name: Independent Scrutineer, kind: role, statutory_role: independent-scrutineer}
  - {id: council, name: Testshire Council, kind: organisation, statutory_role: local-authority}
  - {id: police, name: Testshire Police, kind: organisation, statutory_role: police}
  - {id: ccg, name: Testshire Clinical Commissioning Group, kind: organisation, statutory_role: ccg,
     until: 2022-07-01}
  - {id: icb, name: NHS Testshire Integrated Care Board, kind: organisation, statutory_role: icb,
     since: 2022-07-01}
links:
  - {from: scrutineer, to: sp, type: challenges}
  - {from: sp, to: scrutineer, type: reports-to}
"""


def test_a_member_that_ended_is_named_with_what_replaced_it() -> None:
    [finding] = _pack_findings(ENDED)
    assert (finding.rule, finding.severity, finding.boards, finding.line) == (
        "missing-statutory-member",
        "warning",
        ("sp",),
        _line(ENDED, "- id: sp"),
    )
    # Before: "..., but none of the members this map lists is one (statutory_role: ccg, icb)."
    assert finding.message == (
        "The Testshire Safeguarding Children Partnership must have a clinical commissioning "
        "group or integrated care board among its members (Children Act 2004, s.16E), but its "
        "member the Testshire Clinical Commissioning Group ended on 1 July 2022; add the "
        "integrated care board that replaced it, the NHS Testshire Integrated Care Board "
        "(id: icb), to its members."
    )


def test_an_ended_member_whose_successor_is_not_in_the_map() -> None:
    text = _without(
        ENDED,
        "  - {id: icb, name: NHS Testshire Integrated Care Board, kind: "
        "organisation, statutory_role: icb,\n     since: 2022-07-01}",
    )
    [finding] = _pack_findings(text)
    assert finding.message.endswith(
        "but its member the Testshire Clinical Commissioning Group ended on 1 July 2022; add "
        "the integrated care board that replaced it (statutory_role: icb) to its members."
    )


def test_an_ended_member_and_one_never_listed() -> None:
    text = ENDED.replace("members: [council, police, ccg]", "members: [council, ccg]")
    [finding] = _pack_findings(text)
    assert finding.message == (
        "The Testshire Safeguarding Children Partnership must have a clinical commissioning "
        "group or integrated care board and a police force among its members (Children Act "
        "2004, s.16E), but none of the members this map lists is a police force, and its "
        "member the Testshire Clinical Commissioning Group ended on 1 July 2022; add a police "
        "force (statutory_role: police) and the integrated care board that replaced the "
        "Testshire Clinical Commissioning Group, the NHS Testshire Integrated Care Board "
        "(id: icb), to its members."
    )


def test_a_member_that_has_not_begun() -> None:
    text = ENDED.replace("as_of: 2023-01-01", "as_of: 2022-01-01").replace(
        "members: [council, police, ccg]", "members: [council, police, icb]"
    )
    [finding] = _pack_findings(text)
    assert finding.message.endswith(
        "but its member the NHS Testshire Integrated Care Board begins only on 1 July 2022; "
        "add the clinical commissioning group that it replaces, the Testshire Clinical "
        "Commissioning Group (id: ccg), to its members."
    )


def test_a_board_whose_members_have_all_ended_is_still_checked() -> None:
    text = ENDED.replace("members: [council, police, ccg]", "members: [ccg]")
    [finding] = _pack_findings(text)
    assert "its member the Testshire Clinical Commissioning Group ended on 1 July 2022" in finding.message
    assert "none of the members this map lists is a local authority or a police force" in finding.message


def test_the_member_in_force_on_each_date_gives_no_finding() -> None:
    # No false alarm: the CCG before July 2022, the ICB after it.
    text = ENDED.replace("members: [council, police, ccg]", "members: [council, police, ccg, icb]")
    assert _pack_findings(text) == []
    assert _pack_findings(text.replace("as_of: 2023-01-01", "as_of: 2022-01-01")) == []


def test_the_readme_lists_every_statutory_role_boardmap_accepts() -> None:
    # The packs' findings ask for `statutory_role: fire-and-rescue`; a reader must find it.
    from boardmap.model import STATUTORY_ROLES

    readme = (Path(__file__).parent.parent / "docs" / "gaps.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Statutory rule packs") :]
    section = section[: section.index("\n### ", 1)]
    rows = [
        line
        for line in section.splitlines()
        if line.startswith("| `") and not line.startswith("| `statutory_role`")
    ]
    listed = [row.split("`")[1] for row in rows]
    assert listed == list(STATUTORY_ROLES)
    additions = [row.split("`")[1] for row in rows if "boardmap's addition" in row]
    assert additions == ["fire-and-rescue", "nhs-trust"]
    for role in STATUTORY_ROLES:  # every role the packs can ask for has a name in messages
        assert role in vocab.ROLE_NAMES
