"""The guide: what it says (every link, in plain words), how it says it (acronyms spelt out,
readability), and that the page is safe, self-contained, well formed and deterministic.

The browser and axe checks are in test_guide_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import sys
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import html5lib
import pytest
import textstat

from boardmap.checks.engine import Finding
from boardmap.guide import Guide, build_guide, find, write_guide
from boardmap.guide.builder import Builder
from boardmap.guide.diagrams import inline_svg
from boardmap.guide.doc import Ref
from boardmap.guide.glossary import ACRONYM_SHAPE, BUILT_IN, WELL_KNOWN, spells_out
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap
from boardmap.say.links import link_sentences

from .conftest import EXAMPLES, ROOT

SEED_PROTOCOL = Path("/work/shared/seeds/003_d7c112aa4e9f6dad.txt")
# textstat 0.7.4's Flesch reading ease of the Islington protocol (seed 003, from "APPENDIX 4"
# to the end), measured once: the guide must read more easily than the text it replaces.
SEED_FLESCH = 21.81
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"

SMALL = """\
boardmap: 1
area: Testshire
as_of: 2014-06-17
glossary:
  JSNA: Joint Strategic Needs Assessment
boards:
  - id: hwbb
    name: Testshire Health and Wellbeing Board
    short: HWBB
    kind: statutory-board
    purpose: Plans how health and care services work together. It owns the JSNA.
    chair: leader
    members: [council, ccg]
    meets: every two months
    basis: Health and Social Care Act 2012, section 194
  - id: lscb
    name: Testshire Safeguarding Children Board
    short: LSCB
    kind: statutory-board
    independent_chair: true
  - id: leader
    name: Leader of the Council
    kind: role
  - id: council
    name: Testshire Council
    kind: organisation
  - id: ccg
    name: NHS Testshire CCG
    kind: organisation
links:
  - from: lscb
    to: hwbb
    type: challenges
    says: holds the board to account for how its plans keep children safe
    what: six-monthly report on its scrutiny findings
    cadence: six-monthly
  - from: hwbb
    to: leader
    type: reports-to
  - from: hwbb
    to: lscb
    type: informs
    says: feeds back progress on the LSCB's recommendations
    cadence: as-needed
escalations:
  - id: disagree
    name: When the two boards disagree
    between: [hwbb, lscb]
    steps:
      - action: Either chair writes to the other board.
      - action: The two chairs meet with the Leader.
        involves: [hwbb, lscb, leader]
themes:
  - id: early-help
    name: Early help
    lead: lscb
    supports: [hwbb]
"""

HOSTILE_NAME = 'Evil <script>alert(1)</script> "Board" <img src=x onerror=alert(2)>'


# -- helpers ---------------------------------------------------------------------------------


@cache
def example_guide(path: Path) -> tuple[GovernanceMap, Guide]:
    """Each example map's guide, built once for the whole module (drawing takes a moment)."""
    gmap = load(path)
    return gmap, build_guide(gmap)


def small_map(text: str = SMALL) -> GovernanceMap:
    return load_text(textwrap.dedent(text), file="small.yaml")


def parse(page: str) -> Any:
    """The page parsed by html5lib in strict mode: any parse error fails the test."""
    return html5lib.HTMLParser(strict=True).parse(page)


BLOCKS = {"p", "li", "dt", "dd", "th", "td", "h1", "h2", "h3", "h4", "caption", "figcaption"}


def text_of(element: Any) -> str:
    """An element's words, with a space between blocks (a <dt> and its <dd>, table cells)."""
    parts: list[str] = []

    def visit(el: Any) -> None:
        block = isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in BLOCKS
        if block:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            visit(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")

    visit(element)
    return " ".join("".join(parts).split())


def main_text(tree: Any, *, headings: bool = True) -> str:
    """The words of <main> in reading order, without diagrams and the glossary (which
    spells acronyms out by definition), and without headings if asked."""
    main = tree.find(f".//{XHTML}main")
    parts: list[str] = []

    def visit(el: Any) -> None:
        if el.tag == f"{SVG}svg" or el.get("id") == "glossary" or el.get("class") == "a-to-z":
            return
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if not headings and re.fullmatch(r"h[1-6]", tag):
            return
        block = tag in BLOCKS
        parts.append(" " if block else "")
        parts.append(el.text or "")
        for child in el:
            visit(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    visit(main)
    return " ".join("".join(parts).split())


EXAMPLE_IDS = [p.name for p in EXAMPLES]


# -- what the guide says ---------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_link_is_in_a_sentence_or_table_row_naming_both_bodies(path: Path) -> None:
    gmap, guide = example_guide(path)
    tree = parse(guide.html)
    running = Builder(
        gmap, with_gaps=False, findings=None, drawer=lambda *a: pytest.fail("not drawn")
    ).running
    texts = [text_of(el) for el in tree.iter(f"{XHTML}li")] + [text_of(el) for el in tree.iter(f"{XHTML}tr")]
    for link in gmap.links:
        a, b = running[link.from_], running[link.to]
        assert any(a in t and b in t for t in texts), (
            f"no sentence or table row names both {a!r} and {b!r} ({link.type})"
        )


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_board_has_its_section_and_every_person_an_entry(path: Path) -> None:
    gmap, guide = example_guide(path)
    tree = parse(guide.html)
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    for board in gmap.boards:
        if board.kind == "organisation":
            assert f"board-{board.id}" not in ids  # one section per board, not per agency
        else:
            assert f"board-{board.id}" in ids
    for route in gmap.escalations:
        assert f"route-{route.id}" in ids


def test_the_issue_example_sentence() -> None:
    gmap = small_map()
    link = gmap.links[0]
    said = link_sentences(link, gmap.board("lscb"), gmap.board("hwbb"))
    assert said == [
        "The Testshire Safeguarding Children Board holds the Testshire Health and Wellbeing "
        "Board to account for how its plans keep children safe every six months.",
        "This covers the six-monthly report on its scrutiny findings.",
    ]


def test_board_section_says_purpose_chair_members_meetings_law_and_each_relationship() -> None:
    guide = build_guide(small_map())
    section = parse(guide.html).find(f".//{XHTML}section[@id='board-hwbb']")
    said = text_of(section)
    for expected in [
        "Testshire Health and Wellbeing Board (HWBB)",
        "It plans how health and care services work together.",
        "Who chairs it The Leader of the Council",
        "Who sits on it Testshire Council and NHS Testshire Clinical Commissioning Group (CCG)",
        "How often it meets Every two months.",
        "The law behind it Health and Social Care Act 2012, section 194.",
        "What it is A board the law requires",
        # Grouped by direction: above it (reporting first, then who holds it to account) ...
        "Who it answers to The Health and Wellbeing Board reports to the Leader of the Council. "
        "The Safeguarding Children Board holds the Health and Wellbeing Board to account for how "
        "its plans keep children safe every six months.",
        # ... and alongside it.
        "Who it works with The Health and Wellbeing Board feeds back progress on the "
        "Safeguarding Children Board's recommendations when needed.",
        "When a concern is not resolved When the two boards disagree: it takes part in step 2.",
    ]:
        assert expected in said
    other = text_of(parse(guide.html).find(f".//{XHTML}section[@id='board-lscb']"))
    assert "Who chairs it An independent chair" in other
    # A missing line above a board is said as a fact among its facts, not left out.
    assert (
        "Who chairs it An independent chair Who oversees it Nobody in this map "
        "Who answers to it The Safeguarding Children Board holds" in other
    )
    # No boilerplate: no paragraph explaining the kind, no sentence about the diagram.
    assert "The law says the area must have this board" not in said
    assert "The sentences above describe the same links" not in guide.html


def test_start_says_where_to_take_a_concern() -> None:
    guide = build_guide(small_map())
    start = text_of(parse(guide.html).find(f".//{XHTML}section[@id='start']"))
    assert (
        "Early help. The Safeguarding Children Board (LSCB) leads this work. The Health and "
        "Wellbeing Board (HWBB) also works on it." in start
    )
    assert (
        "When the two boards disagree: for concerns between the Health and Wellbeing Board "
        "and the Safeguarding Children Board, in 2 steps." in start
    )
    assert "follow your own agency's safeguarding procedures" in start.lower()


def test_escalation_route_is_numbered_steps_with_its_flowchart() -> None:
    guide = build_guide(small_map())
    route = parse(guide.html).find(f".//{XHTML}section[@id='route-disagree']")
    steps = [text_of(li) for li in route.find(f".//{XHTML}ol").iter(f"{XHTML}li")]
    assert route.find(f".//{XHTML}ol") is not None
    assert steps == [
        "Either chair writes to the other board.",
        "The two chairs meet with the Leader. This step involves the Health and Wellbeing "
        "Board, the Safeguarding Children Board and the Leader of the Council.",
    ]
    assert route.find(f".//{SVG}svg") is not None


def test_interface_table_rows_name_who_and_what() -> None:
    guide = build_guide(small_map())
    table = parse(guide.html).find(f".//{XHTML}section[@id='table']")
    rows = [[text_of(c) for c in tr] for tr in table.iter(f"{XHTML}tr")]
    assert ["Who", "What they do"] in rows
    assert [
        "Safeguarding Children Board",
        "Holds the Health and Wellbeing Board to account for "
        "how its plans keep children safe every six months; this covers the six-monthly report "
        "on its scrutiny findings.",
    ] in rows


def test_glossary_lists_map_and_built_in_acronyms_used() -> None:
    guide = build_guide(small_map())
    glossary = text_of(parse(guide.html).find(f".//{XHTML}section[@id='glossary']"))
    for entry in [
        "HWBB Testshire Health and Wellbeing Board",
        "JSNA Joint Strategic Needs Assessment",
        "LSCB Testshire Safeguarding Children Board",
        "CCG Clinical Commissioning Group",  # used in a member's name
        "NHS National Health Service",
    ]:
        assert entry in glossary
    assert "MASH" not in glossary  # built in, but not used here


def test_built_in_glossary_has_the_common_acronyms() -> None:
    for key in [
        "HWB",
        "HWBB",
        "LSCB",
        "SAB",
        "CSP",
        "JSNA",
        "JHWS",
        "MASH",
        "CCG",
        "ICB",
        "DCS",
        "DASS",
        "PCC",
        "SCR",
        "CSPR",
        "SAR",
        "LAC",
        "CAN",
        "O&S",
        "Ofsted",
    ]:
        assert key in BUILT_IN


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_acronyms_are_spelt_out_at_first_use(path: Path) -> None:
    gmap, guide = example_guide(path)
    main = parse(guide.html).find(f".//{XHTML}main")
    known = set(BUILT_IN) | set(gmap.glossary) | {b.short for b in gmap.boards if b.short}
    seen: set[str] = set(WELL_KNOWN)
    glossary = main.find(f".//{XHTML}section[@id='glossary']")
    skipped = set(glossary.iter()) if glossary is not None else set()  # spells out by design
    a_to_z = main.find(f".//{XHTML}nav[@class='a-to-z']")  # an index, as the glossary is
    skipped |= set(a_to_z.iter()) if a_to_z is not None else set()
    for element in main.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag not in {"h2", "h3", "h4", "p", "li", "dd", "td", "th", "caption"}:
            continue
        if element in skipped:
            continue
        text = text_of(element)
        for match in ACRONYM_SHAPE.finditer(text):
            token = match.group(1)
            where = f"...{text[max(0, match.start() - 60) : match.end() + 20]}"
            assert token in known, f"unexplained acronym {token!r}: {where}"
            if token in seen:
                continue
            before, after = text[: match.start()], text[match.end() :]
            # '<meaning> (KEY)', or in a bracketed short name: 'NHS Medway CCG (Medway CCG)'.
            spelt = before.rfind("(") > before.rfind(")") and after.lstrip("s").startswith(")")
            described = after.startswith(" (")  # 'Medway CAN (Medway's children's partnership)'
            if tag.startswith("h"):  # a heading is the body's name; brackets there spell out
                if spelt:
                    seen.add(token)
                continue
            seen.add(token)
            assert spelt or described, f"{token!r} first used without its meaning: {where}"


GLOSSARY_ORDER = """\
boardmap: 1
area: Salopshire
as_of: 2023-10-01
glossary:
  ICB: Integrated Care Board
boards:
  - {id: hwb, name: Salopshire Health and Wellbeing Board, short: HWBB, kind: statutory-board,
     purpose: Brings the council and the NHS together.}
  - {id: icb, name: "NHS Salop Integrated Care Board", short: ICB, kind: organisation}
  - {id: dass, name: Director of Adult Social Care, kind: role, statutory_role: dass}
  - {id: dcs, name: Director of Children's Services, kind: role, statutory_role: dcs}
links:
  - {from: hwb, to: icb, type: informs}
escalations:
  - id: disputes
    name: When the boards disagree
    between: [hwb, icb]
    steps:
      - action: The Chief Executive meets the DCS and DASS.
        involves: [dass, dcs]
"""


def test_glossary_prefers_the_maps_glossary_then_its_boards_then_the_built_in_list() -> None:
    guide = build_guide(small_map(GLOSSARY_ORDER))
    tree = parse(guide.html)
    glossary = text_of(tree.find(f".//{XHTML}section[@id='glossary']"))
    assert "ICB Integrated Care Board" in glossary  # the map's glossary, not the board's name
    assert "HWBB Salopshire Health and Wellbeing Board" in glossary  # the board's name
    assert "DASS Director of Adult Social Care" in glossary  # the map's holder of the role
    assert "DCS Director of Children's Services" in glossary  # built in, and the same
    steps = text_of(tree.find(f".//{XHTML}section[@id='route-disputes']"))
    assert (
        "The Chief Executive meets the Director of Children's Services (DCS) and Director "
        "of Adult Social Care (DASS)."
    ) in steps


GLOSSARY_DESCRIPTION = """\
boardmap: 1
area: Medway
as_of: 2014-06-17
glossary:
  CAN: the name of Medway's children's partnership (the papers do not spell it out)
  JSNA: Joint Strategic Needs Assessment
boards:
  - {id: hwb, name: Medway Health and Wellbeing Board, kind: statutory-board,
     purpose: Agrees the JSNA.}
  - {id: can, name: Medway CAN, kind: partnership, purpose: Brings partners for children together.}
links:
  - {from: can, to: hwb, type: reports-to}
"""


@pytest.mark.parametrize(
    ("key", "meaning", "spelt"),
    [
        ("JSNA", "Joint Strategic Needs Assessment", True),
        ("HWBB", "Health and Wellbeing Board", True),
        ("DfE", "Department for Education", True),
        ("CAN", "the name of Medway's children's partnership", False),
        ("CAN", "Medway CAN, the children's partnership", False),
        ("LAC", "children looked after by the council", False),
    ],
)
def test_a_glossary_meaning_spells_out_or_describes(key: str, meaning: str, spelt: bool) -> None:
    assert spells_out(key, meaning) is spelt


def test_a_glossary_description_goes_after_the_acronym_never_inside_a_name() -> None:
    """A real map's glossary said what 'CAN' names rather than what the letters stand for;
    the guide read 'The Medway the name of Medway's children's partnership (...) (CAN)'."""
    guide = build_guide(small_map(GLOSSARY_DESCRIPTION))
    text = text_of(parse(guide.html).find(f".//{XHTML}main"))
    assert "Medway the name of" not in text
    assert "Medway CAN (the name of Medway's children's partnership" in text
    assert "Joint Strategic Needs Assessment (JSNA)" in text


def test_links_with_a_label_that_is_not_a_verb_phrase_read_as_sentences() -> None:
    """Imports map a spreadsheet's Label column to `says`: the trial's labels."""
    guide = build_guide(
        small_map("""\
        boardmap: 1
        area: T
        as_of: 2023-01-01
        boards:
          - {id: top, name: Full Council, kind: committee, top: true}
          - {id: a, name: Safeguarding Adults Board, kind: statutory-board}
          - {id: b, name: Health and Wellbeing Board, kind: statutory-board}
        links:
          - {from: a, to: top, type: reports-to, says: Annual report}
          - {from: b, to: top, type: reports-to, says: via the Leader}
          - {from: a, to: b, type: consults, says: "The SAB consults the HWB on its strategic plan"}
          - {from: b, to: a, type: challenges, says: "Challenge session each March"}
        """)
    )
    tree = parse(guide.html)
    section = text_of(tree.find(f".//{XHTML}section[@id='board-top']"))
    # In the receiver's section only the link's own sentence (with what it is about, where the
    # link type takes it in the same sentence); the rest is said in the sender's.
    assert (
        "Who answers to it The Safeguarding Adults Board reports to the Full Council on the "
        "annual report. "
        "The Health and Wellbeing Board reports to the Full Council via the Leader."
    ) in section
    sender = text_of(tree.find(f".//{XHTML}section[@id='board-a']"))
    assert "The Safeguarding Adults Board reports to the Full Council on the annual report." in sender
    table = tree.find(f".//{XHTML}section[@id='table']")
    rows = [[text_of(c) for c in tr] for tr in table.iter(f"{XHTML}tr")]
    assert [
        "Safeguarding Adults Board",
        "Consults the Health and Wellbeing Board on its strategic plan.",
    ] in rows
    assert [
        "Health and Wellbeing Board",
        "Holds the Safeguarding Adults Board to account (the map’s words: “Challenge session each March”).",
    ] in rows
    assert "It Annual report" not in guide.markdown and "It via" not in guide.markdown


def test_acronym_in_map_text_is_spelt_out_once() -> None:
    guide = build_guide(small_map())
    text = main_text(parse(guide.html))
    assert text.count("Joint Strategic Needs Assessment (JSNA)") == 1
    assert "It owns the Joint Strategic Needs Assessment (JSNA)." in text
    assert "NHS Testshire Clinical Commissioning Group (CCG)" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_reads_easily_flesch_at_least_60_and_easier_than_the_seed(path: Path) -> None:
    _, guide = example_guide(path)
    score = textstat.flesch_reading_ease(guide.prose)
    assert score >= 60, f"{path.name}: Flesch reading ease {score}"
    assert score > SEED_FLESCH


def test_seed_figure_is_what_textstat_says() -> None:
    if not SEED_PROTOCOL.is_file():
        pytest.skip(f"the seed protocol is not at {SEED_PROTOCOL}")
    text = SEED_PROTOCOL.read_text(encoding="utf-8")
    assert textstat.flesch_reading_ease(text[text.index("APPENDIX 4") :]) == SEED_FLESCH


def test_guide_own_sentences_are_short() -> None:
    """The guide's own wording (not the map's): no sentence longer than 25 words."""
    guide = build_guide(small_map())
    for sentence in re.findall(r"\b[^.!?]+[.!?]*", guide.prose):
        assert textstat.lexicon_count(sentence) <= 25, sentence


ISLINGTON_DUTIES = [
    # The protocol's table (seed 003, Function and Implementation), in the guide's words.
    "consults the Safeguarding Children Board on anything that affects how children are kept safe",
    "reports back on progress with the Safeguarding Children Board's recommendations",
    "attends meetings of the Health and Wellbeing Board, without a vote",
    "passes on the Safeguarding Children Board's messages within its member agencies",
    "keeps an overview of the Safeguarding Children Board's work",
    "monitors its action plans",
    "can call any agency on the Board to account",
    "holds the Health and Wellbeing Board to account on keeping children safe in all its work",
    "feeds back the results of its audits to the Health and Wellbeing Board, with advice on how to improve",
    "feeds back learning from serious case reviews",
    "points out gaps in services",
    "reports what its scrutiny has found every six months to the Health and Wellbeing Board, "
    "including its annual report",
    "attends meetings of the Safeguarding Children Board, without a vote",
    "involves the Safeguarding Children Board in its strategy, needs assessment and priorities",
    "oversees and evaluates the parts of the strategy that are about keeping children safe",
    "sends a formal report of progress against the strategy's targets",
    "into the Health and Wellbeing Board's agenda setting",
    "into the Safeguarding Children Board's agenda setting",
    "The business unit managers of the two boards meet every three months",
    "sends its annual report on how well children are kept safe in Islington",
    "Either chair makes a formal written request for information",
    "Either chair asks for an item on either board's agenda",
    "either chair asks for a meeting of the two chairs",
    "a resolution meeting is held",
]


def test_islington_guide_says_every_duty_of_the_protocol_table() -> None:
    path = ROOT / "examples" / "islington-hwbb-iscb.yaml"
    if not path.is_file():
        pytest.skip("the Islington example map is not in examples/")
    _, guide = example_guide(path)
    text = main_text(parse(guide.html))
    missing = [duty for duty in ISLINGTON_DUTIES if duty not in text]
    assert not missing


# -- the page ---------------------------------------------------------------------------------


def only_the_find_script(tree: Any) -> None:
    """The page's one script is the search box's own, allowed by its hash in the page's
    Content-Security-Policy (and no other script can run)."""
    scripts = list(tree.iter(f"{XHTML}script"))
    assert [el.text for el in scripts] == [find.script()]
    assert not scripts[0].attrib
    policy = tree.find(f".//{XHTML}meta[@http-equiv='Content-Security-Policy']").get("content")
    digest = base64.b64encode(hashlib.sha256(find.script().encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1]
    assert "default-src 'none'" in policy


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_html_parses_strictly_and_loads_nothing(path: Path) -> None:
    _, guide = example_guide(path)
    tree = parse(guide.html)
    only_the_find_script(tree)
    for el in tree.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        assert tag not in (
            "link",
            "img",
            "iframe",
            "object",
            "embed",
            "image",
            "foreignObject",
            "base",
            "form",
        )
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), (tag, name)
            assert local != "src", (tag, name)
            if local == "href":
                # Within the page, to its one-page summary beside it, or a way to reach
                # someone from the map's concerns (followed by the reader, never loaded).
                assert value.startswith(("#", "tel:", "mailto:", "https://")) or value == "glance.html", (
                    tag,
                    value,
                )
            assert "url(" not in value or value.count("url(#") == value.count("url("), value
    css = tree.find(f".//{XHTML}style").text
    assert "@import" not in css and "url(" not in css


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_every_fragment_link_lands_and_ids_are_unique(path: Path) -> None:
    _, guide = example_guide(path)
    tree = parse(guide.html)
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for el in tree.iter():
        for name, value in el.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and value.startswith("#"):
                assert value[1:] in ids, value


def test_page_structure_landmarks_skip_link_headings_in_order() -> None:
    guide = build_guide(small_map())
    tree = parse(guide.html)
    body = tree.find(f"{XHTML}body")
    first = body[0]
    assert first.tag == f"{XHTML}a" and first.get("href") == "#main"
    assert text_of(first) == "Skip to main content"
    for landmark in ("header", "nav", "main", "footer"):
        assert tree.find(f".//{XHTML}{landmark}") is not None
    assert tree.get("lang") == "en-GB"
    levels = [
        int(el.tag[-1])
        for el in tree.iter()
        if isinstance(el.tag, str) and re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", el.tag)
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_every_diagram_has_a_text_alternative_and_a_caption() -> None:
    guide = build_guide(small_map())
    tree = parse(guide.html)
    figures = list(tree.iter(f"{XHTML}figure"))
    assert len(figures) >= 3  # the overview, each board, the route
    ids = {el.get("id"): el for el in tree.iter() if el.get("id")}
    for figure in figures:
        svg = figure.find(f".//{SVG}svg")
        assert svg.get("role") == "img"
        labels = svg.get("aria-labelledby").split()
        assert [ids[i].tag for i in labels] == [f"{SVG}title", f"{SVG}desc"]
        assert all(text_of(ids[i]) for i in labels)
        assert text_of(figure.find(f"{XHTML}figcaption")).startswith("Diagram: ")


def test_print_stylesheet_starts_each_board_on_a_new_a4_page() -> None:
    css = parse(build_guide(small_map()).html).find(f".//{XHTML}style").text
    assert "@page { size: A4;" in css
    print_rules = css[css.index("@media print") :]
    assert re.search(r"section\.board \{[^}]*break-before: page", print_rules)


def test_output_is_deterministic() -> None:
    first, second = build_guide(small_map()), build_guide(small_map())
    assert first.html == second.html
    assert first.markdown == second.markdown


@pytest.mark.parametrize("path", EXAMPLES[:1], ids=EXAMPLE_IDS[:1])
def test_example_output_is_deterministic(path: Path) -> None:
    gmap = load(path)
    assert build_guide(gmap).html == build_guide(load(path)).html


# -- untrusted maps ----------------------------------------------------------------------------


HOSTILE = f"""\
boardmap: 1
area: "Area <b>bold</b> & co"
title: "</title><script>alert('t')</script>"
glossary:
  "X<s>": "<script>g()</script>"
boards:
  - id: evil
    name: '{HOSTILE_NAME}'
    short: "E<i>"
    kind: statutory-board
    purpose: "Runs <a href='http://evil.example'>things</a> & \\"quotes\\" \\u202eright-to-left"
    meets: "*every* [week](http://x) | `code` # not a heading"
  - id: good
    name: Good Board
    kind: committee
links:
  - from: evil
    to: good
    type: challenges
    says: "holds the board to account <svg onload=alert(3)>"
    what: "' onmouseover='alert(4)"
escalations:
  - id: r
    name: "<iframe src=http://evil.example>"
    between: [evil, good]
    steps:
      - action: "1. Step <script>s()</script>"
"""


def test_hostile_map_text_never_becomes_markup() -> None:
    gmap = load_text(HOSTILE, file="hostile.yaml")
    guide = build_guide(gmap, with_gaps=True, findings=[])
    tree = parse(guide.html)
    tags = {el.tag.rsplit("}", 1)[-1] for el in tree.iter() if isinstance(el.tag, str)}
    assert not tags & {"iframe", "img", "b", "i", "s"}
    only_the_find_script(tree)
    for el in tree.iter():
        for name, value in el.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on")
            if name.rsplit("}", 1)[-1] == "href":
                assert value.startswith("#") or value == "glance.html"
    page_text = text_of(tree)
    assert HOSTILE_NAME in page_text  # shown as text, literally
    assert "\u202e" not in guide.html and "\u202e" not in guide.markdown
    assert "<script" not in guide.markdown and "<iframe" not in guide.markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in guide.markdown
    assert "\\*every\\* \\[week\\](http://x)" in guide.markdown


def test_inline_svg_drops_anything_live_and_prefixes_ids() -> None:
    svg = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200pt"
     height="100pt" onload="alert(1)">
<title id="t">A title</title><desc id="d">A description</desc>
<script>alert(2)</script>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
<defs><linearGradient id="g1"/></defs>
<g id="board-hwbb"><a xlink:href="#board-hwbb" target="_blank"><text>HWBB</text></a></g>
<a xlink:href="http://evil.example/"><text>out</text></a>
<a xlink:href="#board-nothing"><text>nowhere</text></a>
<rect fill="url(#g1)" style="fill:url(http://evil.example/x)" onclick="x()"/>
<image href="http://evil.example/i.png"/>
</svg>"""
    markup, title, desc = inline_svg(svg, "v--", {"board-hwbb"})
    assert (title, desc) == ("A title", "A description")
    for gone in (
        "<script",
        "alert",
        "foreignObject",
        "evil.example",
        "onclick",
        "onload",
        "target",
        "image",
        "#board-nothing",
    ):
        assert gone not in markup
    assert 'id="v--board-hwbb"' in markup  # the drawing's own ids never clash with the page's
    assert 'xlink:href="#board-hwbb"' in markup  # a link to the board's section stays
    assert 'fill="url(#v--g1)"' in markup
    assert 'role="img"' in markup and 'aria-labelledby="v--t v--d"' in markup
    assert 'style="width:200px"' in markup


def test_guide_without_a_renderer_says_why_each_diagram_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boardmap.render", None)
    monkeypatch.setitem(sys.modules, "boardmap.render.views", None)
    guide = build_guide(small_map())
    assert "<svg" not in guide.html
    tree = parse(guide.html)
    assert tree.find(f".//{XHTML}figure") is None
    assert "Health and Wellbeing Board" in text_of(tree)


def test_fake_drawer_is_used_for_every_diagram() -> None:
    """The builder takes its diagrams from a drawer (build passes one that reuses SVGs)."""
    from boardmap.guide import html
    from boardmap.guide.doc import Figure

    drawn: list[str] = []

    def drawer(gmap: GovernanceMap, view: str, anchors: set[str]) -> Figure:
        drawn.append(view)
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg"><title>{view}</title><desc>{view}</desc></svg>'
        ).encode()
        markup, title, desc = inline_svg(svg, f"{view}--", anchors)
        return Figure(view, markup, title, desc, f"{view}.svg")

    document = Builder(small_map(), with_gaps=False, findings=None, drawer=drawer).document()
    page = html.render(document)
    assert drawn == ["overview", "board-hwbb", "board-lscb", "escalation-disagree"]
    assert page.count("<figure") == 4


# -- the annex, the files and the command ------------------------------------------------------


def test_with_gaps_adds_an_annex_of_open_findings_only() -> None:
    findings = [
        Finding(
            "small.yaml", 7, "no-accountability", "error", "Nobody holds the board to account.", ("lscb",)
        ),
        Finding(
            "small.yaml",
            9,
            "old-rule",
            "warning",
            "Accepted already.",
            ("hwbb",),
            accepted="Known and agreed.",
        ),
    ]
    guide = build_guide(small_map(), with_gaps=True, findings=findings)
    annex = parse(guide.html).find(f".//{XHTML}section[@id='annex']")
    rows = [[text_of(c) for c in tr] for tr in annex.iter(f"{XHTML}tr")]
    assert rows == [
        ["How serious", "What is wrong", "Where in the map"],
        ["Must fix", "Nobody holds the board to account.", "small.yaml, line 7, rule no-accountability"],
    ]
    assert parse(build_guide(small_map()).html).find(f".//{XHTML}section[@id='annex']") is None


def test_a_missing_line_above_a_board_links_to_its_finding_in_the_annex() -> None:
    findings = [
        Finding(
            "small.yaml", 7, "no-accountability", "warning", "The board does not report to anyone.", ("lscb",)
        )
    ]
    page = build_guide(small_map(), with_gaps=True, findings=findings).html
    tree = parse(page)
    lscb = tree.find(f".//{XHTML}section[@id='board-lscb']")
    assert [text_of(dt) for dt in lscb.iter(f"{XHTML}dt")].count("Who oversees it") == 1
    [fact] = [dd for dd in lscb.iter(f"{XHTML}dd") if "Nobody" in text_of(dd)]
    assert text_of(fact) == "Nobody in this map (see the gap)"
    assert fact.find(f"{XHTML}a").get("href") == "#finding-1"
    row = tree.find(f".//{XHTML}tr[@id='finding-1']")
    assert text_of(row).startswith("Should fix The board does not report to anyone.")


def test_annex_says_must_for_a_duty_and_keeps_the_rule_id_on_one_line() -> None:
    findings = [
        Finding(
            "small.yaml",
            4,
            "missing-statutory-link",
            "warning",
            "The board must share the needs assessment with the council, but this map shows no such link.",
            ("hwbb",),
        )
    ]
    page = build_guide(small_map(), with_gaps=True, findings=findings).html
    row = parse(page).find(f".//{XHTML}tr[@id='finding-1']")
    assert text_of(row).startswith("Must fix The board must share")
    assert "<code>missing-statutory-link</code>" in page
    css = parse(page).find(f".//{XHTML}style").text
    assert re.search(r"code \{[^}]*white-space: nowrap", css)


def test_annex_lists_the_worst_first_then_by_file_and_line() -> None:
    findings = [
        Finding("b.yaml", 3, "rule-i", "info", "Note one."),
        Finding("a.yaml", 9, "rule-w", "warning", "Warning at a 9."),
        Finding("a.yaml", 20, "rule-e", "error", "Error at a 20."),
        Finding("a.yaml", 2, "rule-w", "warning", "Warning at a 2."),
        Finding("a.yaml", 5, "rule-e", "error", "Error at a 5."),
    ]
    guide = build_guide(small_map(), with_gaps=True, findings=findings)
    annex = parse(guide.html).find(f".//{XHTML}section[@id='annex']")
    rows = [[text_of(c) for c in tr] for tr in annex.iter(f"{XHTML}tr")][1:]
    assert [(row[0], row[1]) for row in rows] == [
        ("Must fix", "Error at a 5."),
        ("Must fix", "Error at a 20."),
        ("Should fix", "Warning at a 2."),
        ("Should fix", "Warning at a 9."),
        ("For information", "Note one."),
    ]


def test_with_gaps_without_findings_says_so() -> None:
    guide = build_guide(small_map(), with_gaps=True, findings=[])
    annex = parse(guide.html).find(f".//{XHTML}section[@id='annex']")
    assert "The checks found no open gaps in the map." in text_of(annex)


def test_markdown_has_the_same_sections_anchors_and_image_links() -> None:
    guide = build_guide(small_map())
    md = guide.markdown
    for anchor in (
        "start",
        "board-hwbb",
        "board-lscb",
        "board-leader",
        "route-disagree",
        "table",
        "glossary",
    ):
        assert f'<a id="{anchor}"></a>' in md
    assert "![" in md and "](overview.svg)" in md and "](board-hwbb.svg)" in md
    assert "1. Either chair writes to the other board." in md
    assert "| Who | What they do |" in md
    assert md.startswith("# How the boards in Testshire work together\n")


def test_write_guide_writes_both_files(tmp_path: Path) -> None:
    written = write_guide(small_map(), tmp_path / "out")
    assert written[-3:] == [
        tmp_path / "out" / "guide.html",
        tmp_path / "out" / "guide.md",
        tmp_path / "out" / "glance.html",
    ]
    # and the SVG of every diagram guide.md shows, so that the Markdown guide is whole
    markdown = written[-2].read_text(encoding="utf-8")
    assert [p.name for p in written[:-3]] == sorted(
        name for name in re.findall(r"\]\(([^)\s]+\.svg)\)", markdown)
    )
    assert "overview.svg" in [p.name for p in written]
    assert written[-3].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list((tmp_path / "out").glob(".boardmap-tmp-*"))


def test_cli_guide_and_its_document_alias(
    tmp_path: Path, cli: Callable[..., Any], write_map: Callable[..., Path]
) -> None:
    path = write_map(SMALL)
    result = cli("guide", str(path), "--out", str(tmp_path / "a"))
    assert result.status == 0
    assert result.out.endswith(
        f"wrote {tmp_path / 'a' / 'guide.html'}\nwrote {tmp_path / 'a' / 'guide.md'}\n"
        f"wrote {tmp_path / 'a' / 'glance.html'}\n"
    )
    assert f"wrote {tmp_path / 'a' / 'overview.svg'}\n" in result.out
    result = cli("document", str(path), "--out", str(tmp_path / "b"), "--with-gaps", "--as-of", "2014-06-17")
    assert result.status == 0
    assert "Annex: gaps in the arrangements" in (tmp_path / "b" / "guide.html").read_text("utf-8")


def test_cli_guide_on_a_broken_map_says_where(
    cli: Callable[..., Any], write_map: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_map("boardmap: 1\narea: X\nboards:\n  - id: a\n    kind: committee\n")
    result = cli("guide", str(path), "--out", str(tmp_path / "o"))
    assert result.status == 2
    assert "map.yaml:4:" in result.err and "name" in result.err
    assert not (tmp_path / "o").exists()


def test_a_board_part_of_another_is_overseen_by_it() -> None:
    # `part_of` is a reporting line (format.md): the guide says who oversees the board and
    # whom it answers to, instead of "Nobody in this map" (issue 14).
    text = SMALL.replace(
        "    independent_chair: true\n", "    independent_chair: true\n    part_of: council\n", 1
    )
    guide = build_guide(small_map(text))
    lscb = text_of(parse(guide.html).find(f".//{XHTML}section[@id='board-lscb']"))
    assert "Who oversees it Testshire Council" in lscb
    assert "Nobody in this map" not in lscb
    glance = text_of(parse(guide.html).find(f".//{XHTML}section[@id='start']"))
    assert "The Safeguarding Children Board answers to Testshire Council." in glance


def test_a_council_committee_is_overseen_by_its_council() -> None:
    # The law makes a committee part of the map's one council (issue 14): the guide says so,
    # as the checks do, rather than "Nobody in this map".
    text = SMALL.replace(
        "  - id: leader\n",
        "  - id: audit\n    name: Audit Committee\n    kind: committee\n  - id: leader\n",
        1,
    )
    guide = build_guide(small_map(text))
    audit = text_of(parse(guide.html).find(f".//{XHTML}section[@id='board-audit']"))
    assert "Who oversees it Testshire Council" in audit
    glance = text_of(parse(guide.html).find(f".//{XHTML}section[@id='start']"))
    assert "The Audit Committee answers to Testshire Council." in glance


def test_only_a_drawing_wider_than_a_phone_says_it_scrolls(tmp_path: Path) -> None:
    # "A wide diagram scrolls sideways" under a 176-pixel drawing cried wolf: the hint is
    # kept for drawings wider than the narrowest phone's room (280 px), and for any whose
    # width is not known.
    from boardmap.guide.doc import Figure
    from boardmap.guide.html import _figure
    from boardmap.say.guide import DIAGRAM_SCROLL

    def caption(svg: str) -> str:
        page = "\n".join(_figure(Figure("overview", svg, "Overview", "", "overview.svg")))
        return page.split("<figcaption>")[1]

    narrow = '<svg xmlns="http://www.w3.org/2000/svg" width="132pt" style="width:176px"></svg>'
    wide = '<svg xmlns="http://www.w3.org/2000/svg" width="954pt" style="width:1272px"></svg>'
    assert DIAGRAM_SCROLL not in caption(narrow)
    assert DIAGRAM_SCROLL in caption(wide)
    assert DIAGRAM_SCROLL in caption('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    gmap = load(ROOT / "data" / "boards.yaml")
    page = build_guide(gmap).html
    widths = [int(w) for w in re.findall(r'<svg\b[^>]*? style="width:(\d+)px"', page)]
    assert page.count(DIAGRAM_SCROLL) == sum(w > 280 for w in widths) < len(widths)


def test_marks_become_refs_wherever_they_stand() -> None:
    # Base.inlines splits the text at the marks namer puts in: at the start, at the end, side
    # by side, unlinked ('='), or none at all.
    base = Builder(small_map(), with_gaps=False, findings=None, drawer=lambda *a: pytest.fail("not drawn"))
    hwbb = Ref("hwbb", base.running["hwbb"])
    lscb = Ref("lscb", base.running["lscb"], link=False)
    assert base.inlines("\x02hwbb\x03 asks \x02=lscb\x03.") == (hwbb, " asks ", lscb, ".")
    assert base.inlines("to \x02hwbb\x03\x02=lscb\x03") == ("to ", hwbb, lscb)
    assert base.inlines("no marks") == ("no marks",)
    assert base.inlines("") == ()
    namer = base.namer("lscb")
    assert base.inlines(namer(base.gmap.board("hwbb")) + " and " + namer(base.gmap.board("lscb"))) == (
        "the ",
        hwbb,
        " and the ",
        lscb,
    )
