"""`boardmap protocol` (issue 15): the protocol between two boards in Markdown, HTML and Word."""

from __future__ import annotations

import io
import re
import textwrap
import time
from pathlib import Path
from typing import Any

import html5lib
import pytest
import textstat
from docx import Document

from boardmap.load import load, load_text
from boardmap.protocol import draft, render
from tests.conftest import ROOT

ISLINGTON = ROOT / "examples" / "islington-hwbb-iscb.yaml"
# The seed papers live beside the repository (../shared/seeds), outside it.
SEED = next(
    (
        p
        for base in (ROOT.parent, ROOT.parent.parent)
        for p in sorted((base / "shared" / "seeds").glob("003_*.txt"))
    ),
    None,
)

MAP = """\
boardmap: 1
area: Testshire
as_of: 2015-06-01
boards:
  - id: hwb
    name: Testshire Health and Wellbeing Board
    short: HWB
    kind: statutory-board
    statutory_role: hwb
    basis: Health and Social Care Act 2012, section 194
    purpose: Plans how health and care services work together.
  - id: lscb
    name: Testshire Safeguarding Children Board
    kind: statutory-board
    statutory_role: lscb
    purpose: Checks how well agencies keep children safe.
  - {id: ce, name: Chief Executive, kind: role}
links:
  - from: lscb
    to: hwb
    type: challenges
    says: holds the board to account on keeping children safe
    what: performance figures
    cadence: six-monthly
  - {from: hwb, to: lscb, type: informs, what: the strategy, cadence: annual}
  - {from: lscb, to: ce, type: reports-to}
escalations:
  - id: disputes
    name: When the boards disagree
    between: [hwb, lscb]
    steps:
      - action: The chairs write to each other.
      - action: The chairs meet with the Chief Executive.
        involves: [hwb, lscb, ce]
themes:
  - {id: early-help, name: Early help, lead: lscb, supports: [hwb]}
"""

AGREEMENT = """\
agreements:
  - id: protocol
    name: Protocol between the two boards
    between: [hwb, lscb]
    covers:
      links: [{from: lscb, to: hwb}, {from: hwb, to: lscb}, {from: lscb, to: ce}]
      routes: [disputes]
    agreed:
      - {by: hwb, on: 2014-10-10, ref: Minute 12 of 10 October 2014}
    review_by: 2015-10-01
"""


def protocol_of(text: str = MAP + AGREEMENT) -> Any:
    return draft(load_text(text, file="testshire.yaml"), "hwb", "lscb")


# -- content ------------------------------------------------------------------------------------


def test_markdown_has_every_part_in_the_seed_protocols_order() -> None:
    md = render(protocol_of(), "md").decode()
    headings = re.findall(r"^(#+) (.+)$", md, re.M)
    assert headings == [
        ("#", "Protocol between the two boards"),
        ("##", "Why we have this protocol"),
        ("##", "What each board does"),
        ("###", "Health and Wellbeing Board (HWB)"),
        ("###", "Safeguarding Children Board"),
        ("##", "What each board does for the other"),
        ("##", "Who else the boards work with"),
        ("##", "Priorities we share"),
        ("##", "When a concern is not resolved"),
        ("##", "Review"),
        ("##", "Sign-off"),
    ]
    assert (
        "Status: agreed by the Testshire Health and Wellbeing Board on 10 October 2014; no "
        "agreement by the Testshire Safeguarding Children Board is recorded; due for review "
        "October 2015."
    ) in md
    assert "The law behind it: Health and Social Care Act 2012, section 194." in md
    assert (
        textwrap.dedent("""\
        **What the Safeguarding Children Board does for the Health and Wellbeing Board**

        | What it does | What passes | How often |
        | --- | --- | --- |
        """)
        + (
            "| Holds the Health and Wellbeing Board to account on keeping children safe. | "
            "Performance figures. | Every six months. |\n"
        )
        in md
    )
    assert "| Keeps the Safeguarding Children Board informed. | The strategy. | Every year. |" in md
    assert (
        "| Safeguarding Children Board | Reports to the Chief Executive. | Not stated. | Not stated. |"
    ) in md
    assert (
        "- Early help. The Safeguarding Children Board leads this work. The Health and "
        "Wellbeing Board supports it."
    ) in md
    assert "1. The chairs write to each other.\n2. The chairs meet with the Chief Executive." in md
    assert "The boards will review this protocol by 1 October 2015." in md
    assert (
        textwrap.dedent("""\
        | Board | Agreed on | Reference (minute or paper) |
        | --- | --- | --- |
        | Testshire Health and Wellbeing Board | 10 October 2014 | Minute 12 of 10 October 2014 |
        | Testshire Safeguarding Children Board |   |   |
        """)
        in md
    )
    assert md.endswith("Made by boardmap from testshire.yaml. It shows the map as it was on 1 June 2015.\n")


def test_without_an_agreement_it_is_a_draft_of_every_link_between_the_two() -> None:
    protocol = protocol_of(MAP)
    md = render(protocol, "md").decode()
    assert protocol.title == (
        "Protocol between the Health and Wellbeing Board and the Safeguarding Children Board"
    )
    assert "This is a draft. boardmap made it from the map of Testshire's boards." in md
    assert "Who else the boards work with" not in md  # no agreement says it covers the CE link
    assert "No review date is set. Agree one when you sign this protocol." in md
    assert "No board has agreed this protocol yet." in md
    assert md.count("|   |   |") == 2  # a blank sign-off row for each board


def test_markdown_escapes_the_maps_text() -> None:
    hostile = MAP.replace(
        "Plans how health and care services work together.",
        "Plans <script>alert(1)</script> | [x](http://e.test) *work*.",
    )
    md = render(protocol_of(hostile), "md").decode()
    assert "<script>" not in md and "[x](" not in md
    assert r"\<script\>alert(1)\</script\> \| \[x\](http://e.test) \*work\*" in md


def test_html_is_a_strict_accessible_page() -> None:
    page = render(protocol_of(), "html").decode()
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert tree.get("lang") == "en-GB"
    levels = [el.tag for el in tree.iter() if el.tag in ("h1", "h2", "h3")]
    assert levels[0] == "h1" and levels.count("h1") == 1
    tables = tree.findall(".//table")
    assert [t.find("caption").text for t in tables] == [
        "What the Health and Wellbeing Board does for the Safeguarding Children Board",
        "What the Safeguarding Children Board does for the Health and Wellbeing Board",
        "Other duties under this protocol",
        "Who agreed this protocol",
    ]
    sign_off = tables[-1]
    rows = [[(c.tag, c.get("scope"), "".join(c.itertext())) for c in tr] for tr in sign_off.find("tbody")]
    assert rows == [
        [
            ("th", "row", "Testshire Health and Wellbeing Board"),
            ("td", None, "10 October 2014"),
            ("td", None, "Minute 12 of 10 October 2014"),
        ],
        [("th", "row", "Testshire Safeguarding Children Board"), ("td", None, ""), ("td", None, "")],
    ]
    assert not any(el.tag in ("script", "img", "link", "iframe") for el in tree.iter())
    hostile = render(protocol_of(MAP.replace("Early help", "<b>Early</b> help")), "html").decode()
    assert "&lt;b&gt;Early&lt;/b&gt; help" in hostile


# -- Word -----------------------------------------------------------------------------------------


def _docx(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def test_word_has_real_headings_the_duties_table_and_the_sign_off_table() -> None:
    doc = _docx(render(protocol_of(), "docx"))
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name == "Title" or p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Title", "Protocol between the two boards"),
        ("Heading 1", "Why we have this protocol"),
        ("Heading 1", "What each board does"),
        ("Heading 2", "Health and Wellbeing Board (HWB)"),
        ("Heading 2", "Safeguarding Children Board"),
        ("Heading 1", "What each board does for the other"),
        ("Heading 1", "Who else the boards work with"),
        ("Heading 1", "Priorities we share"),
        ("Heading 1", "When a concern is not resolved"),
        ("Heading 1", "Review"),
        ("Heading 1", "Sign-off"),
    ]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    assert tables[1] == [
        ["What it does", "What passes", "How often"],
        [
            "Holds the Health and Wellbeing Board to account on keeping children safe.",
            "Performance figures.",
            "Every six months.",
        ],
    ]
    assert tables[-1] == [
        ["Board", "Agreed on", "Reference (minute or paper)"],
        ["Testshire Health and Wellbeing Board", "10 October 2014", "Minute 12 of 10 October 2014"],
        ["Testshire Safeguarding Children Board", "", ""],
    ]
    header = doc.tables[-1].rows[0]._tr
    assert header.xpath("./w:trPr/w:tblHeader")  # repeats on each page; read as the header
    steps = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert steps == ["The chairs write to each other.", "The chairs meet with the Chief Executive."]
    core = doc.core_properties
    assert core.title == "Protocol between the two boards"
    assert core.created.date().isoformat() == "2015-06-01"


def test_every_format_is_the_same_bytes_every_time() -> None:
    first = {fmt: render(protocol_of(), fmt) for fmt in ("md", "html", "docx")}
    time.sleep(1.1)  # the zip's and the core properties' timestamps would differ by now
    assert {fmt: render(protocol_of(), fmt) for fmt in ("md", "html", "docx")} == first


# -- the command ----------------------------------------------------------------------------------


@pytest.fixture
def map_path(write_map: Any) -> Path:
    path: Path = write_map(MAP + AGREEMENT)
    return path


def test_cli_writes_each_format_atomically(cli: Any, map_path: Path, tmp_path: Path) -> None:
    for name, check in (("p.md", b"# Protocol"), ("p.html", b"<!DOCTYPE html>"), ("p.docx", b"PK")):
        out = tmp_path / name
        result = cli("protocol", str(map_path), "hwb", "lscb", "-o", str(out))
        assert result.status == 0 and result.err == f"wrote {out}\n"
        assert out.read_bytes().startswith(check)
    assert not list(tmp_path.glob(".boardmap-tmp-*"))
    shown = cli("protocol", str(map_path), "hwb", "lscb", "--format", "html")
    assert shown.status == 0 and shown.out.startswith("<!DOCTYPE html>")


def test_cli_word_without_o_writes_a_named_file(
    cli: Any, map_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("protocol", str(map_path), "lscb", "hwb", "--format", "docx")
    assert result.status == 0 and result.err == "wrote protocol-lscb-hwb.docx\n"
    assert (tmp_path / "protocol-lscb-hwb.docx").read_bytes()[:2] == b"PK"


def test_cli_unknown_or_same_board_exits_2(cli: Any, map_path: Path) -> None:
    result = cli("protocol", str(map_path), "hwb", "lscbb")
    assert result.status == 2
    assert result.err == "boardmap: the map has no board with the id 'lscbb'; did you mean 'lscb'?\n"
    result = cli("protocol", str(map_path), "hwb", "hwb")
    assert result.status == 2
    assert result.err == (
        "boardmap: give two different boards: a protocol is between two boards, and both were 'hwb'\n"
    )
    result = cli("protocol", str(map_path), "nothing-like-it", "hwb")
    assert result.status == 2 and "did you mean" not in result.err


# -- the Islington reproduction ------------------------------------------------------------------

# Every duty in the table of the Islington protocol (seed 003: ../shared/seeds/003_*.txt,
# "Protocol agreement between Islington HWBB and ISCB", Appendix 4 to the report of the
# Director of Children's Services to the Health and Wellbeing Board, 10 October 2013, section
# "Function"), each with the words that say it in the drafted protocol.
ISLINGTON_TABLE = [
    # The HWBB column.
    (
        "Consult ISCB on issues which affect how children are safeguarded",
        "Consults the Safeguarding Children Board on anything that affects how children are kept safe",
    ),
    (
        "Take note of recommendations ... and report back to ISCB on subsequent progress",
        "Reports back on progress with the Safeguarding Children Board's recommendations",
    ),
    (
        "Invite the Chair of ISCB to attend the HWBB Board meetings, as needed",
        "Its chair attends Board meetings when needed",
    ),
    (
        "Ensure that messages and information provided by ISCB are appropriately disseminated",
        "passes on the Safeguarding Children Board's messages within its member agencies",
    ),
    (
        "Take an overview of the ISCB's activities",
        "Keeps an overview of the Safeguarding Children Board's work",
    ),
    # The ISCB column.
    (
        "Take responsibility for monitoring action to improve safeguarding including action plans "
        "arising from Serious Case Reviews",
        "monitors its action plans",
    ),
    (
        "Not be accountable for the operational work of local individuals and organisations",
        "it does not run services, and each agency stays responsible for its own work",
    ),
    (
        "Hold the HWBB to account on matters of safeguarding in all its activities",
        "Holds the Health and Wellbeing Board to account on keeping children safe in all its work",
    ),
    (
        "providing appropriate challenge on performance and results of performance indicators",
        "Performance and the results of performance indicators",
    ),
    (
        "Undertake audits and feedback results to the HWBB",
        "Feeds back the results of its audits to the Health and Wellbeing Board",
    ),
    ("Feedback learning from Serious Case Reviews", "Feeds back learning from serious case reviews"),
    (
        "Highlight gaps in service for the HWBB to consider as part of its commissioning process",
        "Points out gaps in services for the Health and Wellbeing Board to consider when it plans "
        "what to buy",
    ),
    (
        "Will provide six monthly reports on its findings from its scrutiny activity to the HWBB, "
        "including the annual report",
        "Reports what its scrutiny has found every six months to the Health and Wellbeing Board, "
        "including its annual report",
    ),
    # "Both organisations will".
    (
        "Have an on-going and direct relationship, communicating regularly",
        "Both boards keep a direct relationship and talk to each other regularly",
    ),
    (
        "Work together to ensure action taken by one body does not duplicate that taken by another",
        "neither repeats what the other does",
    ),
    (
        "no unhelpful strategic or operational gaps in policies, protocols, services or practice",
        "no gaps between them in policies, protocols, services or practice",
    ),
]
# Flesch reading ease (textstat 0.7.4) of the seed's protocol (Appendix 4, from "Protocol
# agreement between Islington HWBB and ISCB" to the end, its HTML tags removed): 22.82 as
# written; 45.15 when every bullet, table cell and paragraph is counted as a sentence of its
# own (the seed's bullets have no full stops, which the plain score counts against it).
SEED_FLESCH = 22.82
SEED_FLESCH_BY_ITEM = 45.15


def _seed_protocol(text: str) -> tuple[str, str]:
    protocol = text[text.index("Protocol agreement between Islington HWBB and ISCB") :]
    plain = re.sub(r"<[^>]+>", " ", protocol).replace("•", " ")
    items = re.sub(r"<[^>]+>", ". ", protocol).replace("•", ". ")
    items = re.sub(r"\n\s*\n", ".\n", re.sub(r"\n\s*-\s*", ".\n", items))
    return plain, items


def test_islington_protocol_says_every_duty_of_the_seed_table_and_reads_more_easily() -> None:
    protocol = draft(load(ISLINGTON), "hwbb", "iscb")
    text = " ".join(protocol.text().split())
    missing = [(seed, said) for seed, said in ISLINGTON_TABLE if said not in text]
    assert not missing
    score = textstat.flesch_reading_ease(protocol.text())
    assert score > SEED_FLESCH_BY_ITEM > SEED_FLESCH, score
    # And in the Word document, where officers will read it.
    doc = _docx(render(protocol, "docx"))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    body = " ".join(p.text for p in doc.paragraphs) + " " + cells
    assert not [said for _, said in ISLINGTON_TABLE if said not in " ".join(body.split())]


def test_the_seed_scores_as_recorded() -> None:
    if SEED is None:
        pytest.skip(
            "the seed papers (../shared/seeds) are not beside the repository; "
            "the test above uses the scores recorded from them"
        )
    text = SEED.read_text(encoding="utf-8")
    plain, items = _seed_protocol(text)
    assert textstat.flesch_reading_ease(plain) == SEED_FLESCH
    assert textstat.flesch_reading_ease(items) == SEED_FLESCH_BY_ITEM
    flat = " ".join(text.split())
    for seed, _ in ISLINGTON_TABLE:
        for part in seed.split(" ... "):
            assert part in flat, part


def test_a_direction_with_no_links_says_so_and_what_to_do() -> None:
    one_way = MAP.replace(
        "  - {from: hwb, to: lscb, type: informs, what: the strategy, cadence: annual}\n", ""
    )
    md = render(protocol_of(one_way), "md").decode()
    assert (
        "### What the Health and Wellbeing Board does for the Safeguarding Children Board\n\n"
        "The map shows nothing that the Health and Wellbeing Board does for the Safeguarding "
        "Children Board. Agree what it does, and add it to the map."
    ) in md
    assert "what each does for the other. It lists" in md  # no other bodies: not mentioned
