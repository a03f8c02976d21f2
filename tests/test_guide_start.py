"""The guide's first screen (issue 13, part 1): the map's `urgent` line and `concerns`, board
`contact`s, what the page says where the map says nothing, and the boards at a glance."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import html5lib
import pytest

from boardmap.dump import dump_map
from boardmap.errors import MapError
from boardmap.guide import build_guide
from boardmap.load import load_text
from boardmap.schema import json_schema

from .test_guide import text_of

XHTML = "{http://www.w3.org/1999/xhtml}"

MAP = """\
boardmap: 1
area: Testshire
as_of: 2020-01-01
urgent: If someone is in immediate danger, call 999. Out of hours, call 01234 000111.
boards:
  - id: scp
    name: Testshire Safeguarding Children Partnership
    short: SCP
    kind: partnership
    purpose: Makes sure agencies work together to keep children safe. It meets monthly.
    contact: scp@testshire.gov.uk
  - id: hwb
    name: Testshire Health and Wellbeing Board
    kind: statutory-board
    purpose: Plans how health and care services work together.
    contact: https://testshire.gov.uk/hwb
  - id: cabinet
    name: Cabinet
    kind: committee
    top: true
  - id: csp
    name: Community Safety Partnership
    kind: partnership
links:
  - {from: hwb, to: cabinet, type: reports-to}
  - {from: scp, to: hwb, type: informs}
concerns:
  - concern: I am worried about a child
    do: Call the children's front door the same working day
    contact: scp
    phone: 01234 567890
  - concern: Domestic abuse
    contact: The domestic abuse helpline
    phone: 0808 2000 247
    web: https://testshire.gov.uk/domestic-abuse
    email: mailto:help@testshire.gov.uk
"""


def gmap(text: str = MAP) -> Any:
    return load_text(textwrap.dedent(text), file="map.yaml")


def section(page: str, ident: str) -> Any:
    tree = html5lib.HTMLParser(strict=True).parse(page)
    found = tree.find(f".//{XHTML}*[@id='{ident}']")
    assert found is not None, ident
    return found


def words_of(el: Any) -> str:
    return text_of(el)


def links_of(el: Any) -> list[tuple[str, str]]:
    return [(a.get("href"), words_of(a)) for a in el.iter(f"{XHTML}a")]


def test_concerns_urgent_and_contact_load_and_dump_back() -> None:
    loaded = gmap()
    assert loaded.urgent.startswith("If someone is in immediate danger")
    assert [c.concern for c in loaded.concerns] == ["I am worried about a child", "Domestic abuse"]
    assert loaded.board("scp").contact == "scp@testshire.gov.uk"
    again = load_text(dump_map(loaded), file="again.yaml")
    assert again.concerns == loaded.concerns and again.urgent == loaded.urgent
    assert again.board("hwb").contact == "https://testshire.gov.uk/hwb"


def test_schema_describes_concerns_urgent_and_contact() -> None:
    schema = json_schema()
    assert "concerns" in schema["properties"] and "urgent" in schema["properties"]
    concern = schema["$defs"]["Concern"]
    assert concern["required"] == ["concern"]
    assert set(concern["properties"]) == {"concern", "do", "contact", "phone", "email", "web"}
    assert "contact" in schema["$defs"]["Board"]["properties"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "email",
            "not-an-address",
            "email 'not-an-address' is not an email address: write it as name@example.gov.uk",
        ),
        (
            "web",
            "testshire.gov.uk",
            "web 'testshire.gov.uk' is not a web address: write it in full, starting https://",
        ),
        (
            "phone",
            "call us",
            "phone 'call us' is not a phone number: write digits and spaces, such as 01634 334466",
        ),
        ("contact", "scpp", "no board has the id 'scpp'; did you mean 'scp'?"),
    ],
)
def test_a_bad_concern_field_is_reported_at_its_line(field: str, value: str, message: str) -> None:
    text = MAP + f"  - concern: Another\n    {field}: {value}\n"
    with pytest.raises(MapError) as caught:
        gmap(text)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("map.yaml", text.count("\n"))
    assert message in problem.message


def test_a_board_contact_that_is_neither_email_nor_web_is_refused() -> None:
    with pytest.raises(MapError) as caught:
        gmap(MAP.replace("contact: scp@testshire.gov.uk", "contact: ring the office"))
    [problem] = caught.value.problems
    assert problem.line == 11
    assert problem.message == (
        "contact 'ring the office' is not an email address or a web "
        "address: write name@example.gov.uk or a page's address starting "
        "https://"
    )


def test_first_screen_answers_from_urgent_and_concerns() -> None:
    page = build_guide(gmap()).html
    start = section(page, "start")
    said = words_of(start)
    assert said.startswith(
        "Where to take a concern If someone is in immediate danger, call 999. "
        "Out of hours, call 01234 000111."
    )
    child = section(page, "concern-1")
    assert words_of(child) == (
        "I am worried about a child Call the children's front door the same working day. "
        "Contact The Safeguarding Children Partnership (SCP) Phone 01234 567890 "
        "Email scp@testshire.gov.uk"
    )
    assert links_of(child) == [
        ("#board-scp", "Safeguarding Children Partnership"),
        ("tel:01234567890", "01234 567890"),
        ("mailto:scp@testshire.gov.uk", "scp@testshire.gov.uk"),
    ]
    abuse = section(page, "concern-2")
    assert links_of(abuse) == [
        ("tel:08082000247", "0808 2000 247"),
        ("mailto:help@testshire.gov.uk", "help@testshire.gov.uk"),
        ("https://testshire.gov.uk/domestic-abuse", "https://testshire.gov.uk/domestic-abuse"),
    ]
    assert "The domestic abuse helpline" in words_of(abuse)
    assert "This page cannot tell you" not in said  # the map does say where concerns go


def test_the_search_hint_offers_what_this_maps_search_finds() -> None:
    # The tutorial's map abbreviates its Health and Wellbeing Board 'HWB': a fixed 'For
    # example HWBB' sent a reader to a search that found nothing.
    page = build_guide(gmap()).html
    assert words_of(section(page, "find-hint")) == (
        "For example SCP or safeguarding. Press Enter to go to the first match."
    )
    index = section(page, "find-index")
    assert 'data-terms="SCP' in page and "Safeguarding" in words_of(index)
    plain = MAP.replace("    short: SCP\n", "").replace("Safeguarding Children", "Children's")
    assert words_of(section(build_guide(gmap(plain)).html, "find-hint")) == (
        "Press Enter to go to the first match."
    )
    no_topic = MAP.replace("Safeguarding Children", "Children's")
    assert words_of(section(build_guide(gmap(no_topic)).html, "find-hint")) == (
        "For example SCP. Press Enter to go to the first match."
    )


def test_first_screen_comes_before_the_contents() -> None:
    page = build_guide(gmap()).html
    assert page.index('id="start"') < page.index('class="contents"') < page.index('id="boards"')


def test_a_map_that_says_nothing_is_said_once_plainly_and_the_annex_says_how_to_add_it() -> None:
    bare = MAP[: MAP.index("concerns:")].replace(
        "urgent: If someone is in immediate danger, call 999. Out of hours, call 01234 000111.\n", ""
    )
    page = build_guide(gmap(bare), with_gaps=True).html
    start = words_of(section(page, "start"))
    expected = (
        "This page cannot tell you where to report a worry about a child or an adult. The "
        "map does not say. Ask your manager or your agency's safeguarding lead. The map does "
        "not list shared priorities. It does not say how boards settle a disagreement. How to "
        "add this to the map."
    )
    assert expected in start
    assert start.startswith("Where to take a concern If someone is in immediate danger, call 999.")
    assert page.count("The map does not say where") + page.count("cannot tell you where") == 1
    owners = words_of(section(page, "owners"))
    assert "Where a worry about a child, an adult or a family goes. Add a concerns list" in owners
    assert "What to do in an emergency." in owners
    assert "Which board leads each shared priority" in owners
    assert (
        "How to reach these boards: the Cabinet and the Community Safety Partnership. Add a contact to each"
    ) in owners
    assert (
        "Who these boards answer to: the Safeguarding Children Partnership and the Community "
        "Safety Partnership." in owners
    )
    assert '<a href="#owners">' in page


def test_the_priorities_intro_promises_a_lead_board_only_where_each_has_one() -> None:
    led = MAP + "themes:\n  - {id: help, name: Early help, lead: scp}\n"
    unled = led + "  - {id: mh, name: Mental health, supports: [hwb]}\n"
    intro = (
        "Each shared priority has a lead board. Take a concern about a priority to the board that leads it."
    )
    assert intro in words_of(section(build_guide(gmap(led)).html, "start"))
    start = words_of(section(build_guide(gmap(unled)).html, "start"))
    assert "Each shared priority has a lead board" not in start
    assert (
        "Shared priorities Take a concern about a priority to the board that leads it, where the map "
        "names one. Early help. The Safeguarding Children Partnership leads this work. Mental health. "
        "No board leads this work yet. The Health and Wellbeing Board also works on it."
    ) in start


def test_without_the_annex_the_page_does_not_point_to_it() -> None:
    bare = MAP[: MAP.index("concerns:")]
    page = build_guide(gmap(bare)).html
    assert "#owners" not in page and "How to add this to the map" not in page


def test_boards_at_a_glance_one_line_each_then_who_they_answer_to_said_once() -> None:
    page = build_guide(gmap()).html
    glance = section(page, "glance")
    lines = [words_of(li) for li in glance.iter(f"{XHTML}li")]
    assert lines == [
        "The Safeguarding Children Partnership: makes sure agencies work together to keep children safe.",
        "The Health and Wellbeing Board: plans how health and care services work together.",
        "The Cabinet",
        "The Community Safety Partnership",
    ]
    # What the map does not say they are for, once; then who they answer to, after the
    # list: each thing once, the boards grouped.
    [unsaid, answers] = [words_of(p) for p in glance.iter(f"{XHTML}p")]
    assert unsaid == "The map does not say what the Cabinet and the Community Safety Partnership are for."
    assert answers == (
        "The Health and Wellbeing Board answers to the Cabinet. The Cabinet answers to no other "
        "body in this map. The map does not say who the Safeguarding Children Partnership and the "
        "Community Safety Partnership answer to."
    )


def test_markdown_has_the_concerns_with_their_links(write_map: Callable[..., Any]) -> None:
    markdown = build_guide(gmap()).markdown
    assert "- **Phone:** [01234 567890](<tel:01234567890>)" in markdown
    assert "[https://testshire.gov.uk/domestic-abuse](<https://testshire.gov.uk/domestic-abuse>)" in markdown


def test_boards_with_no_purpose_are_named_once_not_under_each_board() -> None:
    page = build_guide(gmap()).html
    said = words_of(section(page, "boards"))
    assert (
        said.count("The map does not yet say what the Cabinet and the Community Safety Partnership do.") == 1
    )
    assert "The map does not yet say what it does" not in page


SAME_REPORT = """\
boardmap: 1
area: Testshire
as_of: 2023-01-01
boards:
  - {id: sab, name: Safeguarding Adults Board, kind: statutory-board}
  - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: osc, name: Health Scrutiny Committee, kind: committee}
  - {id: csp, name: Community Safety Partnership, kind: partnership}
links:
  - {from: sab, to: hwb, type: informs, what: annual report}
  - {from: sab, to: osc, type: informs, what: annual report}
  - {from: sab, to: csp, type: informs, what: annual report, says: "shares its annual report with {to}"}
"""


def test_the_same_link_to_several_bodies_is_said_once_naming_them_all() -> None:
    page = build_guide(gmap(SAME_REPORT)).html
    items = [words_of(li) for li in section(page, "board-sab").iter(f"{XHTML}li")]
    assert [i for i in items if i.startswith("The Safeguarding Adults Board")] == [
        "The Safeguarding Adults Board keeps the Health and Wellbeing Board and the Health "
        "Scrutiny Committee informed about the annual report.",
        # A link with words of its own is said on its own.
        "The Safeguarding Adults Board shares its annual report with the Community Safety Partnership.",
    ]


def test_boards_with_no_purpose_are_said_once_after_the_list() -> None:
    # Four boards of six with no purpose made four lines ending ': the map does not say what
    # it is for.' (the new-user review, on Herefordshire): one sentence now names them all;
    # a board alone in that keeps the words on its own line.
    gmap = load_text(
        textwrap.dedent("""\
            boardmap: 1
            area: Testshire
            as_of: 2024-01-01
            boards:
              - {id: hwb, name: Health and Wellbeing Board, kind: statutory-board,
                 purpose: Plans how health and care work together.}
              - {id: cab, name: Cabinet, kind: committee}
              - {id: os, name: Scrutiny Committee, kind: committee}
              - {id: cmt, name: Corporate Management Team, kind: officer-group}
            """)
    )
    page = build_guide(gmap).markdown
    glance = page.split("### The boards at a glance")[1].split("[A one-page summary")[0]
    assert "does not say what it is for" not in glance
    assert (
        "The map does not say what the [Cabinet](#board-cab), the [Scrutiny Committee](#board-os) "
        "and the [Corporate Management Team](#board-cmt) are for." in glance
    )
    assert "- The [Cabinet](#board-cab)\n" in glance
    alone = gmap.model_copy(update={"boards": gmap.boards[:2]})
    page = build_guide(alone).markdown
    assert "- The [Cabinet](#board-cab): the map does not say what it is for." in page
    assert "are for." not in page
