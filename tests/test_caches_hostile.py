"""Issue 23's caches and short cuts (a board's name in a sentence, the patterns a phrase may
name a board by, a link's `says` read once for each sender, the acronyms of a text spelt out
once, links said alike made once, escaping skipped for plain text, a board's box and line
kept with the map's index) against the inputs that could take them a different way: a name
full of regular-expression metacharacters, a name that starts another, the letters that
re.IGNORECASE takes for ASCII ones (the long s, the Kelvin sign, the dotless i), a name that
is not ASCII, acronyms inside words, `says` with markup and quotes, and two maps with the
same ids said one after the other in one process (the library, `boardmap watch`). Exact
words: these are what readers see."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from boardmap.build import MANIFEST, build
from boardmap.guide import markdown
from boardmap.guide.builder import Builder
from boardmap.guide.doc import Figure
from boardmap.guide.glossary import Glossary
from boardmap.load import load
from boardmap.model import Board, BoardKind, GovernanceMap
from boardmap.say.names import name_in, the
from boardmap.say.says import read_says

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "tests" / "maps" / "hostile" / "caches.yaml"

# The same map with the same ids, but another area and date, a board renamed, another's
# short name and another's name and kind changed, and one meaning of the glossary.
VARIANT = [
    ("area: Testshire", "area: Otherby"),
    ("as_of: 2024-01-01", "as_of: 2023-02-02"),
    ("JSNA: Joint Strategic Needs Assessment", "JSNA: Joint Strategic Needs Analysis"),
    ("name: Kent Police\n    kind: organisation", "name: Kent Constabulary Board\n    kind: external"),
    ("    short: SAB\n", "    short: TSAB\n"),
    ("name: Liaison Group", "name: Liaison Groups"),
]


def _variant(folder: Path) -> Path:
    text = MAP.read_text("utf-8")
    for old, new in VARIANT:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "variant.yaml"
    path.write_text(text, "utf-8")
    return path


def _undrawn(gmap: GovernanceMap, view: str, anchors: object) -> Figure:
    return Figure(view, None, view, f"{view} drawn", f"{view}.svg")


def _guide_md(path: Path) -> str:
    """The guide's Markdown, with each diagram left undrawn (no Graphviz needed)."""
    builder = Builder(load(path), with_gaps=False, findings=None, drawer=_undrawn)
    return markdown.render(builder.document())


SAID = [
    # Metacharacters in the name, named in full and in other cases by the map's phrases.
    "- The [Board (A+B) \\[x\\] .\\* $1 \\\\d](#board-meta) feeds back (A+B) \\[x\\] findings to the "
    "Health and Wellbeing Board (A+B) \\[x\\] .\\* $1 \\\\d.",
    "- The Safeguarding Adults Board's chair asks the [Board (A+B) \\[x\\] .\\* $1 \\\\d](#board-meta).",
    "- The Safeguarding Adults Board Executive ſends its report to the "
    "[Board (A+B) \\[x\\] .\\* $1 \\\\d](#board-meta).",
    # Letters re.IGNORECASE takes for ASCII ones, in the phrase: the name is found all the same.
    "- Kent Police asks the Liaison Group for views.",
    "- Kent Police holds the Kids Board to account.",
    "- The Kids Board reports to Kent Police and to the kent police.",
    # A name that is not ASCII, and one in capitals.
    "- The Liaison Group keeps the [Ärzte Forum](#board-aerzte) informed.",
    "- The [Ärzte Forum](#board-aerzte) keeps the Liaison Group informed.",
    # The long s in a phrase that makes no sentence: quoted, escaped, as the map wrote it.
    "- The [Board (A+B) \\[x\\] .\\* $1 \\\\d](#board-meta) keeps the Safeguarding Adults Board "
    'informed (the map’s words: “&lt;em&gt;sends&lt;/em&gt; "quoted" notes &amp; more to the '
    "ſafeguarding Adults Board”).",
    # A name that starts another's: each board named as itself.
    "- The [Safeguarding Adults Board Executive](#board-sab-exec) sends its minutes to the "
    "Safeguarding Adults Board.",
    "- The Safeguarding Adults Board Executive sends its minutes to the "
    "[Safeguarding Adults Board](#board-sab).",
    # The sender named by its short name: the phrase is the sentence's verb.
    "- The Safeguarding Adults Board sends its minutes to Testshire Council.",
    # Acronyms inside words stay as they are; the first mention is spelt out, not the next.
    "- The [Safeguarding Adults Board](#board-sab) (SAB): The SAB checks the Joint Strategic Needs "
    "Assessment (JSNA).",
    "- The [Safeguarding Adults Board Executive](#board-sab-exec): runs the SAB between meetings; "
    "reads the JSNA and the ſafeguarding plan.",
    "The SAB checks the JSNA. SABRE is not the SAB. The JSNA again.",
    "- The [Board (A+B) \\[x\\] .\\* $1 \\\\d](#board-meta): A name full of regex metacharacters (A+B) "
    "and C++ (a language) and Knock Out (a term) (K.O).",
    "- The [Kids Board](#board-kids) keeps the Safeguarding Adults Board Executive informed (the "
    "map’s words: “informs the SAB Executive, the SABRE team and …”).",
    # Links said alike from a plural and a singular sender, and the type's own words as says.
    "- The [Agencies represented on the Board](#board-agencies) report to the Health and Wellbeing Board.",
    "- Testshire Council reports to the Health and Wellbeing Board.",
    "- The [Agencies represented on the Board](#board-agencies) report to the Safeguarding Adults Board.",
    "- Testshire Council reports to the Safeguarding Adults Board.",
    "- The [Safeguarding Adults Board Executive](#board-sab-exec) keeps the Health and Wellbeing Board "
    "informed about the annual report every year.",
    "- The [Liaison Group](#board-liaison) keeps the Health and Wellbeing Board informed about the "
    "annual report every year.",
    # Markdown's and HTML's special characters escaped; text without them as it is.
    "- The [Health and Wellbeing Board](#board-hwbb) (HWBB): The HWBB &lt;b&gt;leads&lt;/b&gt; &amp; "
    "\"quotes\" 'single' \\*stars\\* \\_under\\_ \\[br\\] \\`tick\\`.",
]

# The same places in the variant: its new names, its own short name and glossary, nothing of
# the map said before it.
SAID_IN_VARIANT = [
    "A guide for front-line staff and partners in Otherby. It shows the boards as they were on "
    "2 February 2023.",
    "- The [Testshire Safeguarding Adults Board](#board-sab) (TSAB): The Safeguarding Adults Board "
    "(SAB) checks the Joint Strategic Needs Analysis (JSNA).",
    "- The [Testshire Safeguarding Adults Board Executive](#board-sab-exec) sends its minutes to the "
    "Testshire Safeguarding Adults Board.",
    # 'The SAB' no longer names the sender (its short name is TSAB): a clause of its own.
    "- The Testshire Safeguarding Adults Board keeps Testshire Council informed. The SAB sends its "
    "minutes to Testshire Council.",
    "- The [Liaison Groups](#board-liaison): Liaises with the Lıaison Group and the İnstitute.",
    # The Kelvin sign no longer names the receiver, now named otherwise: a sentence of its own.
    "- The Kids Board reports to the [Kent Constabulary Board](#board-police). It reports to \u212aent "
    "Police and to the kent police.",
    "- The [Agencies represented on the Board](#board-agencies) report to the Testshire Safeguarding "
    "Adults Board.",
]


def test_hostile_names_and_phrases_are_said_exactly() -> None:
    lines = _guide_md(MAP).splitlines()
    for line in SAID:
        assert line in lines


def test_two_maps_with_the_same_ids_said_one_after_the_other(tmp_path: Path) -> None:
    variant = _variant(tmp_path)
    first_variant = _guide_md(variant)
    first = _guide_md(MAP)
    again_variant = _guide_md(variant)
    again = _guide_md(MAP)
    assert again_variant == first_variant
    assert again == first
    lines = again_variant.splitlines()
    for line in SAID_IN_VARIANT:
        assert line in lines
    # Nothing kept from the other map: its names, short name, area or glossary.
    assert "Joint Strategic Needs Assessment" not in again_variant
    assert "Testshire Safeguarding Adults Board (SAB)" not in again_variant
    assert "(TSAB)" not in again and "Otherby" not in again and "Kent Constabulary" not in again


def _board(name: str, kind: BoardKind = "partnership", short: str | None = None) -> Board:
    return Board(id="x", name=name, kind=kind, short=short)


def _braced(board: Board) -> str:
    return "{" + the(board) + "}"


META = "Board (A+B) [x] .* $1 \\d"


@pytest.mark.parametrize(
    ("phrase", "board", "named"),
    [
        # The dotless i, the Kelvin sign and the long s in the phrase match as IGNORECASE
        # reads them, and so does a name that is not ASCII in other cases.
        (
            "asks the lıaison group for views",
            _board("Liaison Group", "officer-group"),
            "asks {the Liaison Group} for views",
        ),
        ("reports to \u212aent Police", _board("Kent Police", "organisation"), "reports to {Kent Police}"),
        ("reports to kent police", _board("Kent Police", "organisation"), "reports to {Kent Police}"),
        (
            "sends it to the ſafeguarding Adults Board",
            _board("Testshire Safeguarding Adults Board", short="SAB"),
            "sends it to {the Testshire Safeguarding Adults Board}",
        ),
        (
            "keeps the ÄRZTE FORUM informed",
            _board("Ärzte Forum", "external"),
            "keeps {the Ärzte Forum} informed",
        ),
        ("keeps the aerzte forum informed", _board("Ärzte Forum", "external"), None),
        # Metacharacters are the name's own letters, in any case.
        (f"feeds back to the {META} now", _board(META), f"feeds back to {{the {META}}} now"),
        (
            "feeds back to the board (a+b) [X] .* $1 \\D now",
            _board(META),
            f"feeds back to {{the {META}}} now",
        ),
        ("feeds back to the Board (A+B) [x] extra", _board(META), None),
        # A short name is matched as written, and not inside a word.
        (
            "sends it to the SAB.",
            _board("Testshire Safeguarding Adults Board", short="SAB"),
            "sends it to {the Testshire Safeguarding Adults Board}.",
        ),
        ("sends it to the sab", _board("Testshire Safeguarding Adults Board", short="SAB"), None),
        ("sends it to the SABRE team", _board("Testshire Safeguarding Adults Board", short="SAB"), None),
        ("briefs the SAB", _board("Safeguarding Adults Board"), "briefs {the Safeguarding Adults Board}"),
        ("briefs the SABs", _board("Safeguarding Adults Board"), None),
        # A name that starts another's names only itself.
        (
            "sends it to the Safeguarding Adults Board",
            _board("Testshire Safeguarding Adults Board Executive", "sub-group"),
            None,
        ),
        (
            "sends it to the SAB Executive",
            _board("Testshire Safeguarding Adults Board Executive", "sub-group"),
            None,
        ),
    ],
)
def test_name_in_hostile_phrases(phrase: str, board: Board, named: str | None) -> None:
    assert name_in(phrase, board, _braced) == named
    assert name_in(phrase, board, _braced) == named  # said again: the same


def test_read_says_depends_on_the_senders_short_name() -> None:
    said = "The SAB sends its minutes"
    sab = _board("Testshire Safeguarding Adults Board", short="SAB")
    tsab = _board("Testshire Safeguarding Adults Board", short="TSAB")
    for _ in range(2):  # alternately: nothing kept for one sender is given for the other
        assert read_says(said, sab) == ("verb", "sends its minutes")
        assert read_says(said, tsab) == ("clause", "The SAB sends its minutes")
    assert read_says(
        "The ſafeguarding Adults Board sends its minutes", _board("Testshire Safeguarding Adults Board")
    ) == (
        "verb",
        "sends its minutes",
    )


def test_acronyms_spelt_out_once_for_each_glossary() -> None:
    texts = [
        "The SAB meets; SABRE is not the SAB.",
        "C++ and K.O and the SAB.",
        "The SAB meets; SABRE is not the SAB.",
    ]
    for _ in range(2):  # a second guide's glossary spells out again
        glossary = Glossary({"SAB": "Safeguarding Adults Board", "C++": "a language", "K.O": "Knock Out"}, {})
        assert [glossary.spell_out(t) for t in texts] == [
            "The Safeguarding Adults Board (SAB) meets; SABRE is not the SAB.",
            "C++ (a language) and Knock Out (K.O) and the SAB.",
            "The SAB meets; SABRE is not the SAB.",
        ]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != MANIFEST}


def test_a_build_after_another_maps_in_one_process_is_the_build_alone(tmp_path: Path) -> None:
    """The library builds the map, then the variant with the same ids, in one process: the
    variant's files are those a fresh process writes for it alone."""
    variant = _variant(tmp_path)
    build(MAP, tmp_path / "first", force=True, jobs=1)
    build(variant, tmp_path / "after", force=True, jobs=1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "boardmap",
            "build",
            str(variant),
            "--out",
            str(tmp_path / "alone"),
            "--force",
            "--jobs",
            "1",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    alone = _files(tmp_path / "alone")
    assert "guide.md" in alone and "board-sab.svg" in alone
    assert _files(tmp_path / "after") == alone
