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
    text = text.replace("boards:\n", "boards:\n  - {id: leader, name: Leader of the\u00a0Council, "
                        "kind: role}\n")
    gmap = load_text(text.replace('"the\\u200b leader', '"\\u200bleader'))
    found = [f for f in check(gmap).open if f.rule == "shared-chair-conflict"]
    assert [f.boards for f in found] == [("scb", "hwb")]


def test_the_import_finds_a_board_by_a_look_alike_name(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "boards.csv").write_text(
        f"name,kind\n{NAME} Board,committee\nHealth Board,committee\n", encoding="utf-8")
    (folder / "links.csv").write_text(
        f"from,to,type\n{LOOK_ALIKES['NFD']} board,health\u200b board,reports-to\n",
        encoding="utf-8")
    text = import_tables([folder / "boards.csv", folder / "links.csv"], area="T")
    assert "  - from: cllr-zoe-bronte-smith-board\n    to: health-board\n" in text
