"""boardmap.say: `says` with {to} and {from}, the says-incomplete and cadence-unknown checks,
and the wording tables. Exact words, because these are what front-line staff read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap.checks.engine import check
from boardmap.errors import MapError
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap
from boardmap.say import grammar, links, names, places, vocab
from boardmap.say.cadence import corrected, misspellings
from boardmap.say.diff import says_changed
from tests.conftest import Result

HEAD = """\
boardmap: 1
area: T
as_of: 2023-01-01
boards:
  - {id: lscb, name: Safeguarding Children Board, kind: statutory-board}
  - {id: ce, name: Chief Executive, kind: role, top: true}
  - {id: hwbb, name: Health and Wellbeing Board, kind: statutory-board}
links:
"""


def one_link(says: str, type_: str = "reports-to", to: str = "ce", extra: str = "") -> GovernanceMap:
    return load_text(
        HEAD + f"  - from: lscb\n    to: {to}\n    type: {type_}\n    says: {json.dumps(says)}\n{extra}"
    )


def guide_sentences(gmap: GovernanceMap) -> list[str]:
    link = gmap.links[0]
    return links.link_sentences(link, gmap.board(link.from_), gmap.board(link.to))


# -- {to} and {from} -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("says_", "type_", "to", "expected", "label"),
    [
        (
            "is accountable through its independent chair to {to}",
            "reports-to",
            "ce",
            [
                "The Safeguarding Children Board is accountable through its independent chair to the "
                "Chief Executive."
            ],
            "is accountable through its independent chair to",
        ),
        (
            "{from} is accountable to {to} through its chair",
            "reports-to",
            "ce",
            ["The Safeguarding Children Board is accountable to the Chief Executive through its chair."],
            "is accountable to Chief Executive through its chair",
        ),
        (
            "{to} receives the annual report of {from}",
            "informs",
            "hwbb",
            [
                "The Safeguarding Children Board keeps the Health and Wellbeing Board informed.",
                "The Health and Wellbeing Board receives the annual report of the Safeguarding Children "
                "Board.",
            ],
            "Health and Wellbeing Board receives the annual report of Safeguarding Children Board",
        ),
        (
            "{from}'s chair sits on {to}",
            "attends",
            "hwbb",
            ["The Safeguarding Children Board's chair sits on the Health and Wellbeing Board."],
            "Safeguarding Children Board's chair sits on",
        ),
        (
            "reports on behalf of the partners to {to}",
            "reports-to",
            "ce",
            ["The Safeguarding Children Board reports on behalf of the partners to the Chief Executive."],
            "reports on behalf of the partners to",
        ),
    ],
)
def test_places_are_filled_with_the_bodies_names(
    says_: str, type_: str, to: str, expected: list[str], label: str
) -> None:
    gmap = one_link(says_, type_, to)
    assert guide_sentences(gmap) == expected
    sender, receiver = gmap.board("lscb"), gmap.board(to)
    assert links.link_label(gmap.links[0], sender.name, receiver.name) == label


@pytest.mark.parametrize(
    ("says_", "message"),
    [
        ("reports to {too}", "names an unknown place '{too}'"),
        ("{To} is told", "names an unknown place '{To}'"),
        ("reports to {x} and {to}", "names an unknown place '{x}'"),
    ],
)
def test_an_unknown_place_is_a_located_schema_error(says_: str, message: str) -> None:
    with pytest.raises(MapError) as caught:
        one_link(says_)
    assert str(caught.value).startswith(
        f"<map>:12:11: schema: says {json.dumps(says_)[1:-1]!r} {message}: write {{to}} where "
        "the body the link goes to is named, or {from} for the body it comes from"
    )


def test_braces_that_hold_no_word_are_text() -> None:
    gmap = one_link("sends { and } a lone { brace")
    assert gmap.links[0].says == "sends { and } a lone { brace"


def test_the_cli_exits_2_for_an_unknown_place(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        HEAD + '  - from: lscb\n    to: ce\n    type: reports-to\n    says: "is accountable to {chief}"\n',
        encoding="utf-8",
    )
    result = cli("check", str(path))
    assert result.status == 2
    assert (
        f"{path}:12:11: schema: says 'is accountable to {{chief}}' names an unknown place '{{chief}}'"
    ) in result.out


# -- says-incomplete and cadence-unknown --------------------------------------------------------

MAP_41 = (
    HEAD
    + "".join(f"  - {{from: hwbb, to: ce, type: informs, says: filler {n}}}\n" for n in range(7))
    + (
        "  - from: lscb\n    to: ce\n    type: reports-to\n"
        "    says: is accountable through its independent chair to\n"
    )
)


def test_says_incomplete_is_located_at_the_value_with_the_fix(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP_41, encoding="utf-8")
    out = cli("check", str(path)).out
    assert (
        f"{path}:19:11: says-incomplete: 'is accountable through its independent chair to' "
        "stops at 'to'; write the whole phrase with {to}: \"is accountable through its "
        'independent chair to {to}"'
    ) in out.splitlines()
    data = json.loads(cli("check", str(path), "--format", "json").out)
    found = [f for f in data["findings"] if f["rule"] == "says-incomplete"]
    assert [(f["line"], f["column"], f["boards"]) for f in found] == [(19, 11, ["lscb", "ce"])]


@pytest.mark.parametrize(
    ("says_", "stop"),
    [
        ("is accountable through its independent chair to", "to"),
        ("led jointly by the safeguarding partners, including", "including"),
        ("scrutinises and challenges, on behalf of", "on behalf of"),
        ("liaises with", "with"),
        ("signs off and oversees the Improvement Plan led by", "led by"),
        ("sits as a participant observer, without a vote, on", "on"),
        ("reports under the Improvement Notice to.", "to"),
        ("sends its report to the", "the"),
        ("works with the police and", "and"),
        ("keeps children safe, on behalf of", "on behalf of"),
    ],
)
def test_phrases_that_stop_short_are_found(says_: str, stop: str) -> None:
    assert places.cut_short(says_) == stop
    gmap = one_link(says_)
    found = [f for f in check(gmap).open if f.rule == "says-incomplete"]
    assert [f.message for f in found] == [
        f"'{says_.rstrip('.')}' stops at '{stop}'; write the whole phrase with {{to}}: "
        f'"{says_.rstrip(".")} {{to}}"'
    ]


@pytest.mark.parametrize(
    "says_",
    [
        "reports to",
        "holds to account",
        "Annual report",
        "is accountable to {to}",
        "keeps informed",
        "sends its yearly report to the HWBB",
        "reports to the Leader of the Council",
        "Challenge session each March",
        "reports via the Leader (Cabinet)",
    ],
)
def test_phrases_that_end_well_are_not_found(says_: str) -> None:
    assert not [f for f in check(one_link(says_)).open if f.rule == "says-incomplete"]


def test_a_misspelt_cadence_gets_did_you_mean() -> None:
    gmap = one_link("sends its report", extra="    cadence: anually\n")
    found = [f for f in check(gmap).open if f.rule == "cadence-unknown"]
    assert [(f.line, f.column, f.message) for f in found] == [
        (13, 14, "cadence 'anually': did you mean 'annually'?")
    ]
    gmap = one_link("sends its report", extra="    cadence: Quaterly in March\n")
    found = [f.message for f in check(gmap).open if f.rule == "cadence-unknown"]
    assert found == ["cadence 'Quaterly in March' has 'Quaterly': did you mean 'quarterly'?"]
    # The guide says the cadence it meant.
    assert guide_sentences(one_link("sends its report", extra="    cadence: anually\n")) == [
        "The Safeguarding Children Board sends its report to the Chief Executive every year."
    ]


@pytest.mark.parametrize(
    ("cadence", "found"),
    [
        ("annual", []),
        ("at each meeting", []),
        ("twice a year", []),
        ("Early in the year", []),
        ("monthy", [("monthy", "monthly")]),
        ("six-montly", [("six-montly", "six-monthly")]),
    ],
)
def test_cadence_words(cadence: str, found: list[tuple[str, str]]) -> None:
    assert misspellings(cadence) == found
    assert corrected("anually") == "annually" and corrected("at each meeting") == "at each meeting"


def test_the_rules_are_in_the_catalogue(cli: Callable[..., Result]) -> None:
    out = cli("rules").out
    assert "says-incomplete" in out and "cadence-unknown" in out
    explained = cli("explain", "says-incomplete").out
    assert "How to fix: Finish the phrase with {to}" in " ".join(explained.split())


# -- never a broken sentence ----------------------------------------------------------------


def test_unfinished_says_falls_back_to_the_type_and_quotes_the_words() -> None:
    gmap = one_link("is accountable through its independent chair to")
    assert guide_sentences(gmap) == [
        "The Safeguarding Children Board reports to the Chief Executive (the map’s words: “is "
        "accountable through its independent chair to …”)."
    ]
    assert links.link_label(gmap.links[0]) == (
        "reports to (“is accountable through its independent chair to …”)"
    )


def test_the_diff_quotes_says_with_places_filled() -> None:
    said = "The Safeguarding Children Board reports to the Chief Executive"
    assert says_changed(
        said,
        None,
        "is accountable to {to}",
        "reports-to",
        to="the Chief Executive",
        from_="the Safeguarding Children Board",
    ) == (
        f"{said}: the map’s words for this link are now “is accountable to the Chief "
        "Executive” (previously none)."
    )
    assert says_changed(said, "is accountable to", None, "reports-to", to="x", from_="y") == (
        f"{said}: the map no longer has words of its own for this link (previously “is accountable to …”)."
    )


# -- grammar, names and vocabulary -----------------------------------------------------------


@pytest.mark.parametrize(
    ("noun", "with_a", "many"),
    [
        ("NHS trust", "an NHS trust", "NHS trusts"),
        ("outside body", "an outside body", "outside bodies"),
        ("integrated care board", "an integrated care board", "integrated care boards"),
        ("police force", "a police force", "police forces"),
        ("officers' group", "an officers' group", "officers' groups"),
        ("sub-group", "a sub-group", "sub-groups"),
        ("shared priority", "a shared priority", "shared priorities"),
        ("LSCB", "an LSCB", "LSCBs"),
    ],
)
def test_articles_and_plurals(noun: str, with_a: str, many: str) -> None:
    assert grammar.a(noun) == with_a
    assert grammar.plural(noun) == many
    assert grammar.count(1, noun) == f"1 {noun}" and grammar.count(3, noun) == f"3 {many}"


def test_lists_counts_and_dates() -> None:
    import datetime as dt

    assert grammar.join([]) == "" and grammar.join(["A"]) == "A"
    assert grammar.join(["A", "B"]) == "A and B"
    assert grammar.join(["A", "B", "C"]) == "A, B and C"
    assert grammar.join(["A", "B"], "or") == "A or B"
    assert grammar.count_words(1, "step") == "one step"
    assert grammar.count_words(3, "step") == "three steps"
    assert grammar.count_words(12, "step") == "12 steps"
    assert grammar.long_date(dt.date(2019, 4, 1)) == "1 April 2019"
    assert vocab.count_of(3, "external") == "3 outside bodies"
    assert vocab.a_kind("external") == "an outside body"


@pytest.mark.parametrize(
    ("number", "noun", "grouped", "said"),
    [
        (1, "shared priority", False, "1 shared priority"),
        (3, "shared priority", False, "3 shared priorities"),
        (0, "error", False, "0 errors"),
        (1, "more link", False, "1 more link"),
        (1204, "link", True, "1,204 links"),
        (1204, "link", False, "1204 links"),
    ],
)
def test_counts(number: int, noun: str, grouped: bool, said: str) -> None:
    assert grammar.count(number, noun, grouped=grouped) == said


@pytest.mark.parametrize(
    ("verb", "number", "said"),
    [("is", 1, "is"), ("is", 2, "are"), ("has", 3, "have"), ("chairs", 2, "chair")],
)
def test_verbs_agree_with_their_count(verb: str, number: int, said: str) -> None:
    assert grammar.agree(verb, number) == said


def test_possessives_and_capitals() -> None:
    assert (grammar.its(1), grammar.its(2)) == ("its", "their")
    assert grammar.capital("the Health and Wellbeing Board") == "The Health and Wellbeing Board"


def test_one_table_of_statutory_roles() -> None:
    from boardmap.checks import packs
    from boardmap.model import STATUTORY_ROLES

    assert set(vocab.ROLE_NAMES) == set(STATUTORY_ROLES)
    assert packs.role_name("ccg|icb") == "clinical commissioning group or integrated care board"
    assert vocab.role_phrase("nhs-trust") == "an NHS trust"
    assert vocab.role_phrase("hwb") == "the Health and Wellbeing Board"
    assert packs.article("NHS trust") == "an NHS trust"


@pytest.mark.parametrize(
    ("name", "kind", "said"),
    [
        ("Medway Council", "organisation", "Medway Council"),
        ("Medway Council", "committee", "Medway Council"),
        ("Kent County Council", "organisation", "Kent County Council"),
        ("Full Council", "committee", "the Full Council"),
        ("Youth Council", "committee", "the Youth Council"),
        ("Local Healthwatch organisation", "organisation", "the Local Healthwatch organisation"),
        ("Kent Police", "organisation", "Kent Police"),
        ("Department for Education", "external", "the Department for Education"),
        ("Board A", "statutory-board", "Board A"),
        ("London Borough of Croydon", "organisation", "the London Borough of Croydon"),
        (
            "Royal Borough of Windsor and Maidenhead",
            "organisation",
            "the Royal Borough of Windsor and Maidenhead",
        ),
        ("Council of the Isles of Scilly", "organisation", "the Council of the Isles of Scilly"),
        (
            "City of Bradford Metropolitan District Council",
            "organisation",
            "the City of Bradford Metropolitan District Council",
        ),
        (
            "Mayor's Office for Policing and Crime",
            "organisation",
            "the Mayor's Office for Policing and Crime",
        ),
        (
            "Secretary of State for Levelling Up, Housing and Communities",
            "external",
            "the Secretary of State for Levelling Up, Housing and Communities",
        ),
        (
            "Commissioner of the Continuous Improvement Board",
            "external",
            "the Commissioner of the Continuous Improvement Board",
        ),
        ("Ofsted", "external", "Ofsted"),
        ("London Assembly", "external", "the London Assembly"),
    ],
)
def test_names_in_a_sentence(name: str, kind: str, said: str) -> None:
    from boardmap.model import Board

    assert names.the(Board(id="x", name=name, kind=kind)) == said  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "short", "phrase", "said"),
    [
        ("Safeguarding Children Board", None, "reports to the safeguarding children board", "reports to X"),
        ("Safeguarding Children Board", None, "sends the SCB its plan", "sends X its plan"),
        ("Safeguarding Children Board", "LSCB", "sends the LSCB its plan", "sends X its plan"),
        ("Safeguarding Children Board", "LSCB", "sends the lscb its plan", None),  # an acronym keeps its case
        ("Safeguarding Children Board", None, "asks the Board", "asks X"),
        ("Safeguarding Children Board", None, "asks the Panel", None),
        ("Safeguarding Children Board", None, "asks the Boards", None),
        # re.IGNORECASE reads a long s as 's' and the Kelvin sign as 'k': such a phrase names
        # the board, in the phrase or in the name, though lower() would not say so.
        ("Safeguarding Children Board", None, "reports to the ſafeguarding children board", "reports to X"),
        ("Kent Safeguarding Board", None, "reports to the \u212aent safeguarding board", "reports to X"),
        ("Hoſpital Truſt Board", None, "reports to the hospital trust board", "reports to X"),
        ("Hoſpital Truſt Board", None, "reports to the HOSPITAL TRUST BOARD", "reports to X"),
        ("Ynys Môn Board", None, "reports to the ynys môn board", "reports to X"),
    ],
)
def test_a_phrase_naming_a_board(name: str, short: str | None, phrase: str, said: str | None) -> None:
    from boardmap.model import Board

    board = Board(id="x", name=name, short=short, kind="statutory-board")  # type: ignore[arg-type]
    assert names.name_in(phrase, board, lambda _: "X") == said
    # The same as every pattern tried in turn: leaving out the ones whose text is not in the
    # phrase changes nothing.
    for naming in names._namings(name, short):
        found = re.search(naming.source, phrase, naming.flags)
        if found:
            assert said == phrase[: found.start()] + "X" + phrase[found.end() :]
            break
    else:
        assert said is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Mayor of Medway", "the Mayor of Medway"),
        ("Independent Chair (Jane Smith)", "the Independent Chair (Jane Smith)"),
        ("Director of Public Health", "the Director of Public Health"),
        ("Jane Smith", "Jane Smith"),
        ("Cllr Jane Smith", "Cllr Jane Smith"),
        # Sentence case describes the person: 'chaired by an independent chair'.
        ("Independent chair", "an independent chair"),
        ("Elected member chair", "an elected member chair"),
        ("NHS director", "an NHS director"),
    ],
)
def test_free_text_offices_take_the(text: str, said: str) -> None:
    assert names.free_name(text) == said


def test_the_command_lines_counts_agree() -> None:
    from boardmap.say import commands

    assert commands.not_loaded(1) == (
        "1 problem: the map was not loaded. Fix it and run `boardmap check` again."
    )
    assert commands.not_loaded(2) == (
        "2 problems: the map was not loaded. Fix them and run `boardmap check` again."
    )
    assert commands.built(0, 1, 2, "Done.") == "Open: 0 errors, 1 warning, 2 information. Done."
    assert commands.stale(1, "map.yaml", "site").startswith("1 output is out of date with map.yaml: ")
    assert commands.stale(2, "map.yaml", "site").startswith("2 outputs are out of date with map.yaml: ")
    assert commands.imported("map.yaml", [(1, "board"), (2, "escalation route")]) == (
        "wrote map.yaml: 1 board, 2 escalation routes. Run `boardmap check map.yaml` next."
    )


def test_who_supports_a_theme_with_no_lead_agrees_with_how_many() -> None:
    from boardmap.say.findings import theme_supporters

    assert theme_supporters(["the A Board"]) == " The A Board supports it, but is not named as its lead."
    assert theme_supporters(["the A Board", "the B Board"]) == (
        " The A Board and the B Board support it, but neither is named as its lead."
    )
    assert theme_supporters(["the A Board", "the B Board", "C Council"]) == (
        " The A Board, the B Board and C Council support it, but none is named as its lead."
    )
    assert theme_supporters([]) == ""


def test_the_papers_summary_names_one_rule_pack_or_several() -> None:
    import datetime as dt

    from boardmap.say.paper import summary

    one = summary("Herefordshire", dt.date(2018, 9, 1), (8, 7), ["england-2013"], (0, 6, 11), 0)
    assert one == (
        "The map of Herefordshire's governance as it stands on 1 September 2018 holds 8 boards and "
        "7 links between them. Checked against the rules of good governance and the statutory rule "
        "pack england-2013, it shows 0 errors, 6 warnings and 11 points of information still open, "
        "and 0 gaps accepted with reasons."
    )
    two = summary("Medway", dt.date(2019, 9, 29), (1, 0), ["england-2013", "england-2019"], (1, 0, 1), 1)
    assert "the statutory rule packs england-2013 and england-2019, it shows 1 error, 0 warnings" in two


def test_links_without_words_of_their_own_are_said_once_for_all_alike() -> None:
    # link_words's `kept` gives a link the words made for one said alike: the same words as
    # making them afresh, whatever the names.
    from tests.conftest import EXAMPLES

    kept: dict[links.TypeWordsKey, links.LinkWords] = {}
    for path in EXAMPLES:
        gmap = load(path)
        for link in gmap.links:
            sender, receiver = gmap.board(link.from_), gmap.board(link.to)
            for name in (names.the, lambda b: f"the {b.id}"):
                said = links.link_words(link, sender, receiver, name, kept=kept)
                assert said == links.link_words(link, sender, receiver, name)
                assert said is links.link_words(link, sender, receiver, name, kept=kept) or link.says
    assert kept


def test_a_says_read_again_for_another_sender_reads_for_that_sender() -> None:
    # read_says is kept by the phrase and the sender's name and short name: the same words
    # read for another sender are read afresh.
    from boardmap.model import Board
    from boardmap.say.says import read_says

    sab = Board(id="sab", name="Safeguarding Adults Board", kind="statutory-board")  # type: ignore[arg-type]
    hwb = Board(id="hwb", name="Health and Wellbeing Board", kind="statutory-board")  # type: ignore[arg-type]
    said = "The SAB sends its annual report"
    for _ in range(2):
        assert read_says(said, sab) == ("verb", "sends its annual report")
        assert read_says(said, hwb) == ("clause", said)
    short = Board(id="x", name="Adults Board", short="SAB", kind="statutory-board")  # type: ignore[arg-type]
    assert read_says(said, short) == ("verb", "sends its annual report")
