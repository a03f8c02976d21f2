"""Issue 24, look-alike text and bounded costs: names compared after one normalisation, and
every cost that grew with a hostile map's size (suggestions, tooltips, overlapping pairs,
memory) bounded. docs/safety.md names each test."""

from __future__ import annotations

import json
import unicodedata

import pytest

from boardmap.checks.engine import check
from boardmap.load import load_text
from boardmap.names import name_key, same_name
from boardmap.tables import import_tables

CHALLENGE = """\
boardmap: 1
area: Testshire
as_of: 2020-01-01
boards:
  - {{id: scb, name: Safeguarding Children Board, kind: statutory-board, chair: {a}}}
  - {{id: hwb, name: Health and Wellbeing Board, kind: statutory-board, chair: {b}}}
links:
  - {{from: scb, to: hwb, type: challenges}}
"""

NAME = "Cllr Zoë Brontë-Smith"
LOOK_ALIKES = {
    "NFD": unicodedata.normalize("NFD", NAME),
    "zero-width space": "Cllr Zo\u200bë Brontë-Smith",
    "soft hyphen": "Cllr Zoë Bron\u00adtë-Smith",
    "word joiner and BOM": "\ufeffCllr Zoë\u2060 Brontë-Smith",
    "no-break and ideographic spaces": "Cllr\u00a0Zoë\u3000Brontë-Smith",
    "capitals and spacing": "  CLLR zoË   brontë-SMITH ",
    "full-width letters": "Ｃｌｌｒ Zoë Brontë-Smith",
    "direction marks": "\u200eCllr Zoë Brontë-Smith\u200f",
}


@pytest.mark.parametrize("form", sorted(LOOK_ALIKES))
def test_look_alike_names_are_one_name(form: str) -> None:
    assert name_key(LOOK_ALIKES[form]) == name_key(NAME) == "cllr zoë brontë-smith"
    assert same_name(LOOK_ALIKES[form], NAME)


def test_different_names_stay_different() -> None:
    assert not same_name("Cllr Zoe Bronte-Smith", NAME)  # no accents: another spelling
    assert not same_name("Cllr Zoë Brontë Smith", NAME)
    assert not same_name("Dr A. Rao", "Dr A Rao")


@pytest.mark.parametrize("form", sorted(LOOK_ALIKES))
def test_a_shared_chair_written_two_ways_is_one_person(form: str) -> None:
    gmap = load_text(CHALLENGE.format(a=json.dumps(NAME), b=json.dumps(LOOK_ALIKES[form])))
    found = [f for f in check(gmap).open if f.rule == "shared-chair-conflict"]
    assert [f.boards for f in found] == [("scb", "hwb")]


def test_a_chair_written_as_a_roles_name_in_another_form_is_that_role() -> None:
    text = CHALLENGE.format(a="leader", b=json.dumps("the\u200b leader OF THE COUNCIL"))
    text = text.replace("the leader", "leader")
    text += "  - {from: leader, to: hwb, type: attends}\n"
    text = text.replace(
        "boards:\n", "boards:\n  - {id: leader, name: Leader of the\u00a0Council, kind: role}\n"
    )
    gmap = load_text(text.replace('"the\\u200b leader', '"\\u200bleader'))
    found = [f for f in check(gmap).open if f.rule == "shared-chair-conflict"]
    assert [f.boards for f in found] == [("scb", "hwb")]


def test_the_import_finds_a_board_by_a_look_alike_name(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "boards.csv").write_text(
        f"name,kind\n{NAME} Board,committee\nHealth Board,committee\n", encoding="utf-8"
    )
    (folder / "links.csv").write_text(
        f"from,to,type\n{LOOK_ALIKES['NFD']} board,health\u200b board,reports-to\n", encoding="utf-8"
    )
    text = import_tables([folder / "boards.csv", folder / "links.csv"], area="T")
    assert "  - from: cllr-zoe-bronte-smith-board\n    to: health-board\n" in text


# -- 24.8: costs without bounds -------------------------------------------------------------------


def _overlapping(boards: int) -> str:
    lines = ["boardmap: 1", "area: Testshire", "as_of: 2020-01-01", "boards:"]
    lines += [f"  - {{id: m{n}, name: Member {n}, kind: organisation}}" for n in range(10)]
    # Eight members in common and one of two others: 8 of 10, or all 9, sit on both.
    lines += [
        f"  - {{id: b{n}, name: Board {n}, kind: partnership, "
        f"members: [m0, m1, m2, m3, m4, m5, m6, m7, m{8 + n % 2}]}}"
        for n in range(boards)
    ]
    return "\n".join(lines) + "\n"


def test_boards_that_all_overlap_are_one_finding() -> None:
    import time

    gmap = load_text(_overlapping(600))
    started = time.perf_counter()
    found = [f for f in check(gmap).open if f.rule == "membership-overlap"]
    assert time.perf_counter() - started < 30
    assert len(found) == 1  # was 179,700: one for each pair
    [finding] = found
    assert finding.boards == tuple(f"b{n}" for n in range(600))
    assert finding.message == (
        "600 boards share most of their members, each with at least one of the others (75% "
        "or more of the members of the two sit on both): Board 0, Board 1, Board 2, Board 3, "
        "Board 4, Board 5 and 594 other boards. They are candidates for joint or back-to-back "
        "meetings, a shared agenda, or fewer boards."
    )


def test_separate_groups_are_separate_findings_and_a_pair_keeps_its_words() -> None:
    text = _overlapping(3) + (
        "  - {id: p, name: Pair One, kind: partnership, members: [m9, q1, q2, q3]}\n"
        "  - {id: q, name: Pair Two, kind: partnership, members: [m9, q1, q2, q3]}\n"
        "  - {id: q1, name: Q1, kind: external}\n  - {id: q2, name: Q2, kind: external}\n"
        "  - {id: q3, name: Q3, kind: external}\n"
    )
    found = [f for f in check(load_text(text)).open if f.rule == "membership-overlap"]
    assert [f.boards for f in found] == [("b0", "b1", "b2"), ("p", "q")]
    assert found[1].message == (
        "The Pair One and the Pair Two share most of their members: 4 of the 4 members of "
        "either sit on both. They are candidates for joint or back-to-back meetings, or a "
        "shared agenda."
    )


def test_a_group_is_accepted_by_naming_its_boards() -> None:
    text = _overlapping(3) + (
        "accepted:\n  - {rule: membership-overlap, boards: [b2, b0, b1], "
        "reason: one board meeting in three parts}\n"
    )
    result = check(load_text(text))
    assert [f.rule for f in result.open if f.rule == "membership-overlap"] == []
    assert [f.boards for f in result.accepted] == [("b0", "b1", "b2")]


def _renamed(boards: int) -> str:
    lines = ["boardmap: 1", "area: Testshire", "boards:"]
    lines += [f"  - {{id: testshire-board-{n}, name: Board {n}, kind: committee}}" for n in range(boards)]
    lines.append("links:")
    lines += [
        f"  - {{from: oldshire-board-{n}, to: testshire-board-{n - 1}, type: reports-to}}"
        for n in range(1, boards)
    ]
    return "\n".join(lines) + "\n"


def test_did_you_mean_for_a_renamed_prefix_is_bounded() -> None:
    import time

    from boardmap.errors import MapError
    from boardmap.suggest import MAX_QUESTIONS

    text = _renamed(10_000)
    started = time.perf_counter()
    with pytest.raises(MapError) as caught:
        load_text(text, file="map.yaml")
    took = time.perf_counter() - started
    problems = caught.value.problems
    assert len(problems) == 9_999
    assert str(problems[0]) == (
        "map.yaml:10005:12: unknown-board: no board has the id "
        "'oldshire-board-1'; did you mean 'testshire-board-1'?"
    )
    hinted = [p for p in problems if "did you mean" in p.message]
    assert len(hinted) == MAX_QUESTIONS == 1000
    assert str(problems[-1]).endswith(
        "no board has the id 'oldshire-board-9999'; declare it under `boards:` or fix the id"
    )
    assert took < 30  # more than a minute before (every unknown id against every board)


def test_suggestions_match_difflib_on_small_and_large_lists() -> None:
    import difflib

    from boardmap.suggest import Suggester

    ids = [f"board-{word}-{n}" for word in ("health", "care", "safety", "police") for n in range(40)]
    suggest = Suggester(ids)
    for value in ("board-helth-3", "board-polic-39", "bord-care-7", "zzz", "board-safety-12x"):
        expected = difflib.get_close_matches(value, ids, n=1, cutoff=0.75)
        assert suggest.closest(value) == (expected[0] if expected else None), value


def test_a_long_purpose_is_clipped_in_tooltips(tmp_path: object) -> None:
    from boardmap.render import render_all
    from boardmap.render.dot import MAX_TOOLTIP

    purpose = "Plans health and care together. " * 10_000  # 320 KB
    gmap = load_text(
        "boardmap: 1\narea: T\nboards:\n"
        f"  - {{id: a, name: A, kind: committee, purpose: {json.dumps(purpose)}}}\n"
        "  - {id: b, name: B, kind: committee}\n"
        "links:\n  - {from: a, to: b, type: reports-to}\n"
    )
    from pathlib import Path

    paths = render_all(gmap, Path(str(tmp_path)), formats=["dot"])
    for path in paths:
        text = path.read_text()
        assert len(text) < 20_000, path
        if 'tooltip="Plans' in text:
            tip = text.split('tooltip="Plans', 1)[1].split('"', 1)[0]
            assert len("Plans" + tip) <= MAX_TOOLTIP
            assert tip.endswith(" …")


def test_a_map_of_more_items_than_the_limit_is_refused_before_validation(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib
    from pathlib import Path

    from boardmap.errors import MapError
    from boardmap.load import load

    monkeypatch.setattr(importlib.import_module("boardmap.loader.file"), "MAX_ITEMS", 100)
    monkeypatch.setattr(importlib.import_module("boardmap.loader.merge"), "MAX_ITEMS", 100)
    folder = Path(str(tmp_path))
    path = folder / "map.yaml"
    path.write_text(_renamed(60).replace("oldshire", "testshire"))
    with pytest.raises(MapError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:1: schema: the map holds 119 boards, links and other entries; boardmap "
        "reads maps of up to 100 (England's boards are some 60,000): make a map for each area"
    ]
    # A folder whose files are each within the limit is counted whole.
    (folder / "parts").mkdir()
    text = _renamed(40).replace("oldshire", "testshire")
    (folder / "parts" / "a.yaml").write_text(text)
    (folder / "parts" / "b.yaml").write_text(
        text.replace("testshire-", "otherdale-").replace("area: Testshire\n", "")
    )
    with pytest.raises(MapError) as caught:
        load(folder / "parts")
    assert [p.message for p in caught.value.problems] == [
        "the map holds 158 boards, links and other entries; boardmap reads maps of up to 100 "
        "(England's boards are some 60,000): make a map for each area"
    ]


def test_the_item_limit_keeps_a_map_at_the_size_limit_under_a_gigabyte(tmp_path: object) -> None:
    """Half a million short links (the shape that peaked at 1.5 GB in `check`) in a fresh
    process: refused before validation, with the peak well under 1 GB."""
    from pathlib import Path

    from .test_safety import run_measured

    path = Path(str(tmp_path)) / "links.yaml"
    with path.open("w") as out:
        out.write("boardmap: 1\narea: T\nboards:\n")
        out.writelines(f"  - {{id: b{n}, name: B{n}, kind: committee}}\n" for n in range(200))
        out.write("links:\n")
        out.writelines(
            f"  - {{from: b{n % 200}, to: b{(n + 1) % 200}, type: informs}}\n" for n in range(400_000)
        )
    status, out_text, _, peak = run_measured("check", str(path))
    assert status == 2
    assert out_text == (
        f"{path}:204:1: schema: the map holds 400,200 boards, links and other "
        "entries; boardmap reads maps of up to 150,000 (England's boards are "
        "some 60,000): make a map for each area\n"
    )
    assert peak < 1024
