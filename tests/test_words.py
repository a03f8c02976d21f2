"""boardmap.say (links, says, names): how a link's `says` is read and said, and how a board is named in a
sentence. Exact sentences, because these are what front-line staff read."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from boardmap.checks.engine import Finding, Severity
from boardmap.load import load_text
from boardmap.model import Board, GovernanceMap
from boardmap.say.links import link_sentences, link_words
from boardmap.say.names import the
from boardmap.say.says import read_says

# The trial's map: a spreadsheet's Label column gives noun phrases, prepositional phrases and
# whole clauses as `says`.
SAYS_MAP = """\
boardmap: 1
area: T
as_of: 2023-01-01
boards:
  - {id: top, name: Full Council, kind: committee, top: true}
  - {id: a, name: Safeguarding Adults Board, kind: statutory-board}
  - {id: b, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: scp, name: Safeguarding Children Partnership, kind: partnership}
  - {id: ce, name: Chief Executive, kind: role}
  - {id: agencies, name: Agencies represented on the Board, kind: organisation}
links:
  - {from: a, to: top, type: reports-to, says: Annual report}
  - {from: b, to: top, type: reports-to, says: via the Leader}
  - {from: a, to: b, type: consults, says: "The SAB consults the HWB on its strategic plan"}
  - {from: scp, to: ce, type: reports-to,
     says: the partners are accountable through the Chief Executive}
  - {from: scp, to: b, type: informs, says: yearly report}
  - {from: b, to: a, type: challenges, says: "Challenge session each March"}
  - {from: a, to: b, type: informs, says: sends its yearly report to the HWBB}
  - {from: a, to: b, type: informs, says: "Annual report, presented by the independent chair"}
  - {from: b, to: a, type: consults, says: via the Leader}
  - {from: a, to: ce, type: informs, says: Ofsted report}
  - {from: a, to: ce, type: reports-to, says: its chair is accountable to the Chief Executive}
  - {from: a, to: b, type: attends, says: its chair attends when needed}
  - {from: agencies, to: b, type: informs}
  - {from: a, to: b, type: informs, says: questions and challenges the Director}
  - {from: a, to: b, type: informs, says: Reports and minutes}
"""


@pytest.fixture(scope="module")
def says_map() -> GovernanceMap:
    return load_text(SAYS_MAP, file="says.yaml")


def said(gmap: GovernanceMap, n: int) -> str:
    link = gmap.links[n]
    return " ".join(link_sentences(link, gmap.board(link.from_), gmap.board(link.to)))


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        # A noun phrase: what is sent.
        (0, "The Safeguarding Adults Board reports to the Full Council on the annual report."),
        # A prepositional phrase ends the link type's own sentence.
        (1, "The Health and Wellbeing Board reports to the Full Council via the Leader."),
        # A clause whose subject is the sender ('The SAB', its initials) is a verb phrase.
        (2, "The Safeguarding Adults Board consults the Health and Wellbeing Board on its strategic plan."),
        # A clause with a subject of its own is a sentence of its own.
        (
            3,
            "The Safeguarding Children Partnership reports to the Chief Executive. The partners "
            "are accountable through the Chief Executive.",
        ),
        (
            4,
            "The Safeguarding Children Partnership keeps the Health and Wellbeing Board informed "
            "about the yearly report.",
        ),
        # Anything else is quoted as the map's words.
        (
            5,
            "The Health and Wellbeing Board holds the Safeguarding Adults Board to account (the map’s "
            "words: “Challenge session each March”).",
        ),
        # A verb phrase reads as before.
        (
            6,
            "The Safeguarding Adults Board keeps the Health and Wellbeing Board informed. It sends "
            "its yearly report to the HWBB.",
        ),
        (
            7,
            "The Safeguarding Adults Board keeps the Health and Wellbeing Board informed about "
            "the annual report, presented by the independent chair.",
        ),
        # 'asks ... before deciding via the Leader' would say something else: quoted.
        (
            8,
            "The Health and Wellbeing Board asks the Safeguarding Adults Board for its views before "
            "deciding (the map’s words: “via the Leader”).",
        ),
        # A name is not lower-cased into 'the ofsted report'.
        (
            9,
            "The Safeguarding Adults Board keeps the Chief Executive informed (the map’s words: "
            "“Ofsted report”).",
        ),
        (10, "The Safeguarding Adults Board's chair is accountable to the Chief Executive."),
        (
            11,
            "The Safeguarding Adults Board attends meetings of the Health and Wellbeing Board, "
            "without a vote. Its chair attends when needed.",
        ),
        # A plural name takes a plural verb.
        (12, "The Agencies represented on the Board keep the Health and Wellbeing Board informed."),
        (
            13,
            "The Safeguarding Adults Board keeps the Health and Wellbeing Board informed. It "
            "questions and challenges the Director.",
        ),
        (
            14,
            "The Safeguarding Adults Board keeps the Health and Wellbeing Board informed about "
            "reports and minutes.",
        ),
    ],
)
def test_link_sentences_read_every_kind_of_says(says_map: GovernanceMap, n: int, expected: str) -> None:
    assert said(says_map, n) == expected


def test_a_table_cell_says_the_same(says_map: GovernanceMap) -> None:
    link = says_map.links[3]
    cell = link_words(link, says_map.board("scp"), says_map.board("ce")).cell()
    assert cell == (
        "Reports to the Chief Executive. The partners are accountable through the Chief Executive."
    )
    # The guide's table row: one sentence, so rows with the same words repeat no sentence.
    assert link_words(link, says_map.board("scp"), says_map.board("ce")).row() == (
        "Reports to the Chief Executive; the partners are accountable through the Chief Executive."
    )
    link = says_map.links[0]
    cell = link_words(link, says_map.board("a"), says_map.board("top")).cell()
    assert cell == "Reports to the Full Council on the annual report."


@pytest.mark.parametrize(
    ("says", "form", "text"),
    [
        ("sends its yearly report to the HWBB", "verb", "sends its yearly report to the HWBB"),
        ("Sends its report", "verb", "sends its report"),
        ("sometimes attends board meetings", "verb", "sometimes attends board meetings"),
        ("is led by the police", "verb", "is led by the police"),
        (
            "reviewed the board alongside its inspection",
            "verb",
            "reviewed the board alongside its inspection",
        ),
        ("It reports via the Leader", "verb", "reports via the Leader"),
        ("The SAB consults the HWB", "verb", "consults the HWB"),
        ("its chair attends Board meetings", "possessive", "its chair attends Board meetings"),
        ("its annual report", "thing", "its annual report"),
        ("the partners are accountable", "clause", "the partners are accountable"),
        ("Kent Police attends as an observer", "clause", "Kent Police attends as an observer"),
        ("Annual reports to the Full Council", "thing", "Annual reports to the Full Council"),
        ("Updates for information", "thing", "Updates for information"),
        ("via the Leader", "preposition", "via the Leader"),
        ("Annual report", "thing", "Annual report"),
        ("", "none", ""),
    ],
)
def test_read_says_sorts_phrases(says_map: GovernanceMap, says: str, form: str, text: str) -> None:
    assert read_says(says, says_map.board("a")) == (form, text)


def test_plural_sender_reads_base_form_verbs() -> None:
    agencies = Board(id="x", name="Agencies represented on the Board", kind="organisation")
    forum = Board(id="y", name="Schools Forum", kind="committee")
    assert read_says("give an account of their work", agencies)[0] == "verb"
    assert read_says("give an account of their work", forum)[0] == "thing"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Board A", "partnership", "Board A"),
        ("Panel 2", "committee", "Panel 2"),
        ("Group IV", "sub-group", "Group IV"),
        ("Board of Governors", "committee", "the Board of Governors"),
        ("Safeguarding Board for Area C", "partnership", "the Safeguarding Board for Area C"),
        ("The Children's Trust", "partnership", "the Children's Trust"),
        ("Cabinet", "committee", "the Cabinet"),
        ("Kent Police", "organisation", "Kent Police"),
    ],
)
def test_the_names_a_board_in_a_sentence(name: str, kind: str, expected: str) -> None:
    assert the(Board(id="x", name=name, kind=kind)) == expected


def test_board_a_reports_to_board_b_without_the() -> None:
    gmap = load_text(
        textwrap.dedent("""\
        boardmap: 1
        area: T
        as_of: 2023-01-01
        boards:
          - {id: a, name: Board A, kind: partnership}
          - {id: b, name: Board B, kind: partnership}
        links:
          - {from: a, to: b, type: reports-to}
        """)
    )
    assert said(gmap, 0) == "Board A reports to Board B."


# The build's closing line, which counts the findings (boardmap.cli).


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        (["warning"], "Open: 0 errors, 1 warning, 0 information. 2 written."),
        (["error"], "Open: 1 error, 0 warnings, 0 information. 2 written."),
        (["error", "error", "info"], "Open: 2 errors, 0 warnings, 1 information. 2 written."),
        ([], "Open: 0 errors, 0 warnings, 0 information. 2 written."),
    ],
)
def test_build_counts_findings_in_the_singular_and_plural(
    severities: list[Severity], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from boardmap.cli.build import _print_build

    findings = [Finding("m.yaml", 1, "unscrutinised", s, "A gap.") for s in severities]
    report = SimpleNamespace(
        findings=findings, written=[], removed=[], out_dir=Path("out"), summary=lambda: "2 written."
    )
    _print_build(report)
    assert capsys.readouterr().out.splitlines()[-1] == expected
