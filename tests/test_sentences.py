"""No broken sentence in what boardmap writes (issue 12): the sentence linter
(tests/sentence_lint.py) run on the guide and the diff of every example map, and on 200 and
more real link phrases (tests/data/link_phrases.yaml) put through the guide, the diagram
labels and the diff."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from boardmap.diff import diff_maps
from boardmap.errors import BoardmapError
from boardmap.guide import build_guide
from boardmap.load import load, load_text
from boardmap.model import GovernanceMap
from boardmap.render.views import build_view, view_names
from boardmap.say import links
from boardmap.say.diff import says_changed
from boardmap.say.vocab import LINK_LABELS

from .conftest import EXAMPLES, ROOT
from .sentence_lint import lint, markdown_blocks, problems, sentences

PHRASES = Path(__file__).parent / "data" / "link_phrases.yaml"
NO_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


# -- the linter itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("It is accountable through its independent chair to.", ["ends on 'to'"]),
        ("It is led jointly by the safeguarding partners, including.", ["ends on 'including'"]),
        ("It scrutinises and challenges, on behalf of the LSCB,.", ["',.' or ' .'"]),
        ("It signs off the plan led by.", ["ends on 'by'"]),
        ("It sends the report to the the Board.", ["doubled word 'the'"]),
        ("it sends the report.", ["starts in lower case"]),
        ("It works with the police and.", ["ends on 'and'"]),
        ("It sends the .", ["',.' or ' .'", "ends on 'the'"]),
        (
            "The map describes this link as “sits as a participant observer, without a vote, on”.",
            ["ends on 'on'"],
        ),
        # Good English.
        ("The map does not say who it answers to.", []),
        ("This covers the letter, for the committee to note and comment on.", []),
        ("It takes part in steps 1 to 4.", []),
        ("A new chair was in post in 2014.", []),
        ("It reports to the Board (the map’s words: “is accountable to …”).", []),
        ("The council had had a review.", []),
    ],
)
def test_the_linter_finds_each_kind_of_broken_sentence(sentence: str, found: list[str]) -> None:
    assert problems(sentence) == found


def test_the_linter_finds_a_sentence_said_more_than_three_times() -> None:
    said = "This happens every three months."
    assert lint([f"A reports to B. {said}"] * 4) == [f"said 4 times: {said}"]
    assert lint([f"A reports to B. {said}"] * 3) == []
    assert lint(["It is short."] * 9) == []  # fewer than five words


def test_sentences_are_split_where_a_new_one_begins() -> None:
    assert sentences("One is here. Two (the map’s words: “x …”). A heading") == [
        "One is here.",
        "Two (the map’s words: “x …”).",
    ]


# -- every map in the repository -----------------------------------------------------------

# Every map that loads: the real ones (data/, the gallery in examples/) and the test maps
# (tests/maps/**). Not the hostile maps: their text is built to attack the outputs, not to
# read as English (tests/test_hostile*.py check what they are for).
MAPS = sorted(
    {
        *EXAMPLES,
        *(p for p in (ROOT / "tests" / "maps").rglob("*.yaml") if "hostile" not in p.parts),
    }
)
MAP_IDS = [str(p.relative_to(ROOT)) for p in MAPS]


@cache
def example(path: Path) -> GovernanceMap:
    return load(path)


def _loaded(path: Path) -> GovernanceMap:
    try:
        return example(path)
    except BoardmapError:
        pytest.skip(f"{path.name} is not a map that loads on its own (a fixture of another kind)")


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_every_guide_has_no_broken_or_repeated_sentence(path: Path) -> None:
    guide = build_guide(_loaded(path), with_gaps=True, drawn=lambda _: NO_SVG)
    assert _linted(guide.markdown) == []


def _linted(markdown: str) -> list[str]:
    return lint(markdown_blocks(markdown), cells=markdown_blocks(markdown, tables=True))


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_every_diagram_says_whole_sentences(path: Path) -> None:
    """Each diagram's description (its alt text) is whole sentences; each line's label reads
    as a whole sentence between the two boxes it joins ('X reports to Y.')."""
    assert _diagram_problems(_loaded(path)) == []


def _diagram_problems(gmap: GovernanceMap) -> list[str]:
    found: list[str] = []
    for name in view_names(gmap):
        view = build_view(gmap, name)
        found += [f"{name}: {p}" for p in lint([view.description])]
        for edge in view.edges:
            # The boxes stand for X and Y: a label is read between them, not run into their names.
            said = f"X {' '.join(edge.text.split())} Y."
            found += [f"{name}: {p}: {said}" for p in problems(said)]
    return found


def _emptied(gmap: GovernanceMap) -> GovernanceMap:
    """The same place with no links and no routes: every link of the map is 'new' against it."""
    return gmap.model_copy(update={"links": [], "escalations": [], "themes": [], "agreements": []})


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_every_diff_has_no_broken_sentence(path: Path) -> None:
    gmap = _loaded(path)
    if not gmap.links:
        pytest.skip(f"{path.name} has no links to add or remove")
    assert _diff_problems(gmap) == []


def _diff_problems(gmap: GovernanceMap) -> list[str]:
    """The diff of the map against itself with no links, both ways: every link added, then
    every link removed. (A diff lists one line per change, so lines are not counted as said
    again.)"""
    found: list[str] = []
    for old, new in ((_emptied(gmap), gmap), (gmap, _emptied(gmap))):
        diff = diff_maps(old, new, findings=False)
        blocks = [s for _, lines in diff.groups() for s in lines]
        assert blocks, "the diff says something"
        found += [p for p in lint(blocks) if not p.startswith("said ")]
    return found


def test_the_diff_of_every_pair_of_example_maps_has_no_broken_sentence() -> None:
    """Every example map against every other, both ways, findings included: boards, links,
    routes, themes and agreements added and removed, and the gaps that appear and go."""
    maps = [example(path) for path in EXAMPLES]
    found: dict[str, str] = {}
    for old, new in itertools.permutations(maps, 2):
        diff = diff_maps(old, new)
        blocks = [diff.summary(), *(s for _, lines in diff.groups() for s in lines)]
        for problem in lint(blocks):
            found.setdefault(problem, f"{old.area} -> {new.area}")
    assert found == {}


# -- real phrases through the guide, the labels and the diff ---------------------------------


def _phrases() -> list[dict[str, Any]]:
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    return list(data["phrases"])


def test_the_phrase_file_has_200_real_phrases_each_with_a_dated_source() -> None:
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    assert len(data["phrases"]) >= 200
    assert len({p["says"] for p in data["phrases"]}) == len(data["phrases"])
    for key, source in data["sources"].items():
        assert str(source["url"]).startswith(("http://", "https://")), key
        assert source["date"], key
    assert {p["source"] for p in data["phrases"]} == set(data["sources"])


PHRASE_MAP = """\
boardmap: 1
area: Testshire
as_of: 2023-01-01
boards:
  - {id: a, name: Testshire Safeguarding Children Partnership, kind: partnership}
  - {id: b, name: Health and Wellbeing Board, kind: statutory-board}
links:
"""


def _one(phrase: dict[str, Any]) -> GovernanceMap:
    says = phrase["says"].replace("\\", "\\\\").replace('"', '\\"')
    return load_text(
        PHRASE_MAP + f'  - {{from: a, to: b, type: {phrase["type"]}, says: "{says}", cadence: quarterly}}\n'
    )


@pytest.mark.parametrize("phrase", _phrases(), ids=lambda p: p["says"][:40])
def test_each_real_phrase_makes_whole_sentences(phrase: dict[str, Any]) -> None:
    gmap = _one(phrase)
    link, sender, receiver = gmap.links[0], gmap.board("a"), gmap.board("b")
    said = links.link_words(link, sender, receiver)
    blocks = [
        " ".join(said.sentences("The Testshire Safeguarding Children Partnership")),
        said.first("The Testshire Safeguarding Children Partnership"),
        said.cell(),
        said.row(),
    ]
    # The diff: the link added, and its words changed from none.
    added = diff_maps(gmap.model_copy(update={"links": []}), gmap, findings=False)
    blocks += [s for _, lines in added.groups() for s in lines]
    blocks.append(
        says_changed(
            "The Testshire Safeguarding Children Partnership reports to the Health and Wellbeing Board",
            None,
            phrase["says"],
            phrase["type"],
            to="the Health and Wellbeing Board",
            from_="the Testshire Safeguarding Children Partnership",
        )
    )
    assert lint(blocks) == []
    # The diagram's line: the map's words, or the type's own with the words quoted after.
    label = links.link_label(link, sender.name, receiver.name)
    assert label.strip() and label == " ".join(label.split())
    if label.endswith("…”)"):  # unfinished words, quoted after the type's own
        assert label.startswith(LINK_LABELS[phrase["type"]] + " (“")
    else:
        assert problems(label[0].upper() + label[1:] + ".") == []


def test_all_real_phrases_in_one_guide() -> None:
    phrases = _phrases()
    names = [f"Board {n}" for n in range(1, 21)]
    boards = "".join(
        f"  - {{id: b{n}, name: {name}, kind: partnership, purpose: Works on area {n} of the plan}}\n"
        for n, name in enumerate(names)
    )
    lines = []
    for n, phrase in enumerate(phrases):
        says = phrase["says"].replace("\\", "\\\\").replace('"', '\\"')
        sender = n // 19  # each link joins its own pair of boards
        receiver = (sender + 1 + n % 19) % 20
        lines.append(f'  - {{from: b{sender}, to: b{receiver}, type: {phrase["type"]}, says: "{says}"}}\n')
    gmap = load_text(
        PHRASE_MAP.replace(
            PHRASE_MAP[PHRASE_MAP.index("boards:") :], "boards:\n" + boards + "links:\n" + "".join(lines)
        )
    )
    guide = build_guide(gmap, with_gaps=True, drawn=lambda _: NO_SVG)
    assert _linted(guide.markdown) == []
    # The same links in the diagrams (labels between their boxes, and the alt text) and the diff.
    assert _diagram_problems(gmap) == []
    assert _diff_problems(gmap) == []
