"""The side table: where each item of a loaded map was declared, kept beside the map (issue 18)."""

from __future__ import annotations

import datetime as dt
import gc
import textwrap
from pathlib import Path

from boardmap import origins
from boardmap.checks.engine import check
from boardmap.load import load_text, load_text_located
from boardmap.model import GovernanceMap
from boardmap.origins import Loaded, Origins, located

MAP = textwrap.dedent("""\
    boardmap: 1
    area: Testshire
    as_of: 2020-01-01
    boards:
      - id: hwb
        name: Health and Wellbeing Board
        kind: statutory-board
      - id: old
        name: Old Board
        kind: partnership
        until: 2019-01-01
      - id: sab
        name: Safeguarding Adults Board
        kind: statutory-board
    links:
      - from: sab
        to: hwb
        type: informs
        says: reports each year to
    """)


def test_the_loader_returns_the_map_and_where_each_item_stands() -> None:
    loaded = load_text_located(MAP, file="map.yaml")
    gmap = loaded.map
    assert [b.id for b in gmap.boards] == ["hwb", "sab"]  # on its date
    assert [b.id for b in loaded.undated.boards] == ["hwb", "old", "sab"]  # every date
    assert loaded.line(gmap.board("sab")) == ("map.yaml", 12)
    assert loaded.line(loaded.undated.by_id["old"]) == ("map.yaml", 8)
    assert loaded.position(gmap.links[0], "says") == ("map.yaml", 19, 11)
    # The model holds nothing of the loader's: no private state beside its own index.
    assert gmap.__pydantic_private__ == {"_by_id": gmap.by_id}
    assert gmap.boards[0].__pydantic_private__ is None


def test_a_map_load_returned_finds_its_side_table_while_it_lives() -> None:
    gmap = load_text(MAP, file="map.yaml")
    assert located(gmap).line(gmap.links[0]) == ("map.yaml", 16)
    [finding] = [f for f in check(gmap).open if f.rule == "says-incomplete"]
    assert (finding.file, finding.line, finding.column) == ("map.yaml", 19, 11)
    key = id(gmap)
    assert key in origins._RECORDS
    del gmap, finding
    gc.collect()
    assert key not in origins._RECORDS  # dropped with its map


def test_a_map_made_by_hand_has_a_bare_side_table() -> None:
    gmap = GovernanceMap.model_validate(
        {
            "area": "Handshire",
            "as_of": dt.date(2020, 1, 1),
            "boards": [{"id": "a", "name": "A", "kind": "partnership"}],
        }
    )
    loaded = located(gmap)
    assert loaded.undated is gmap
    assert loaded.line(gmap.boards[0]) == ("<map>", 1)
    assert loaded.position(gmap.boards[0], "name") == ("<map>", 1, 1)


def test_a_derived_table_adds_copies_and_leaves_the_loader_s_own_as_it_was() -> None:
    loaded = load_text_located(MAP, file="map.yaml")
    board = loaded.map.board("hwb")
    copy = board.model_copy(update={"statutory_role": "hwb"})
    derived = loaded.origins.derived()
    derived.copied(copy, board)
    assert derived.get(copy) == derived.get(board) == ("map.yaml", ("boards", 0))
    assert loaded.origins.get(copy) is None
    assert Loaded(loaded.map, loaded.undated, derived, loaded.files).line(copy) == ("map.yaml", 5)
    assert Origins().get(board) is None


def test_each_item_of_a_folder_of_files_stands_where_its_file_declares_it(tmp_path: Path) -> None:
    """Where a type's items come from several files' sections, each is found in its own
    file at its own index (Origins keeps which section holds each item: a folder of 150
    files is looked up at once, not section by section)."""
    from boardmap.load import load_located

    for n in range(4):
        head = "boardmap: 1\narea: Testshire\nas_of: 2020-01-01\n" if n == 0 else "boardmap: 1\n"
        boards = "".join(
            f"  - id: b{n}-{i}\n    name: Board {n} {i}\n    kind: committee\n" for i in range(n + 2)
        )
        links = "".join(f"  - from: b{n}-{i}\n    to: b{n}-0\n    type: informs\n" for i in range(1, n + 2))
        (tmp_path / f"part-{n}.yaml").write_text(f"{head}boards:\n{boards}links:\n{links}", encoding="utf-8")
    loaded = load_located(tmp_path)
    for section, items in (("boards", loaded.map.boards), ("links", loaded.map.links)):
        seen: dict[str, int] = {}
        for item in items:
            name = item.id if section == "boards" else item.from_
            file = str(tmp_path / f"part-{name.split('-')[0][1:]}.yaml")
            index = seen[file] = seen.get(file, -1) + 1
            assert loaded.origins.get(item) == (file, (section, index))
            boards_at = 4 if file.endswith("part-0.yaml") else 2  # the line of `boards:`
            expected = boards_at + 1 + 3 * index if section == "boards" else None
            if expected is not None:
                assert loaded.line(item) == (file, expected)
