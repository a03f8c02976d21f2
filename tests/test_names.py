"""One name per thing: every id or name that becomes a file name or an anchor becomes one
that nothing else in the map becomes (issues 20.8 and 24.3)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boardmap.build import build
from boardmap.errors import MapError
from boardmap.load import load_text
from boardmap.loader.references import all_plain
from boardmap.outputs import safe_name
from tests.conftest import Result

Cli = Callable[..., Result]
# Two areas that fold to one spelling, and two whose letters are all non-Latin; enough
# boards (more than 60) that each area gets a diagram of its own.
AREAS = ["Ynys Môn", "Ynys Mön", "Αθήνα", "Πάτρα"]


def _areas_map() -> str:
    boards = "".join(
        f"  - {{id: b{i}, name: Board {i}, kind: committee, areas: ['{AREAS[i % 4]}']}}\n" for i in range(64)
    )
    return f"boardmap: 1\narea: Wales and Greece\nas_of: 2024-01-01\nboards:\n{boards}"


def test_areas_that_fold_to_one_name_get_their_own_files(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(_areas_map(), encoding="utf-8")
    out = tmp_path / "out"
    report = build(path, out, formats=("dot",))
    areas = sorted(name for name in report.written if name.startswith("area-"))
    assert len(areas) == 4
    assert areas == sorted(f"{safe_name('area-' + a)}.dot" for a in AREAS)
    for area in AREAS:  # each file draws its own area
        text = (out / f"{safe_name('area-' + area)}.dot").read_text("utf-8")
        assert area in text
        assert all(other not in text for other in AREAS if other != area)
    index = (out / "index.md").read_text("utf-8")
    links = re.findall(r"\]\((area-[^)]+)\)", index)
    assert sorted(set(links)) == areas
    assert Counter(links) == dict.fromkeys(areas, 1)
    # A second build writes nothing, and --check agrees it is up to date.
    assert build(path, out, formats=("dot",)).written == []
    result = cli("build", str(path), "--out", str(out), "--format", "dot", "--check")
    assert result.status == 0, result.out


def test_board_ids_that_differ_by_a_trailing_hyphen_get_their_own_diagrams(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "boardmap: 1\narea: X\nas_of: 2024-01-01\nboards:\n"
        "  - {id: hwbb, name: First board, kind: committee}\n"
        "  - {id: hwbb-, name: Second board, kind: committee}\n"
        "links:\n  - {from: hwbb, to: hwbb-, type: reports-to}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build(path, out, formats=("dot",))
    second = f"board-hwbb-{hashlib.sha256(b'board-hwbb-').hexdigest()[:10]}.dot"
    assert {"board-hwbb.dot", second} <= set(report.written)
    assert "First board" in (out / "board-hwbb.dot").read_text("utf-8")
    assert 'label="Second board"' in (out / second).read_text("utf-8").replace(
        "\\n", " "
    ) or "Second board" in (out / second).read_text("utf-8")
    assert build(path, out, formats=("dot",)).written == []


def test_a_board_id_ending_in_heading_has_its_own_anchors(tmp_path: Path) -> None:
    from boardmap.guide import build_guide

    gmap = load_text(
        "boardmap: 1\narea: X\nas_of: 2024-01-01\nboards:\n"
        "  - {id: hwbb, name: Health board, kind: statutory-board}\n"
        "  - {id: hwbb-heading, name: Heading board, kind: partnership}\n"
        "  - {id: hwbb--caption, name: Caption board, kind: partnership}\n"
        "links:\n  - {from: hwbb-heading, to: hwbb, type: reports-to}\n"
        "  - {from: hwbb--caption, to: hwbb, type: reports-to}\n"
    )
    html = build_guide(gmap).html
    ids = re.findall(r'\sid="([^"]+)"', html)
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicates == []
    assert {"board-hwbb", "board-hwbb-heading", "board-hwbb_heading", "board-hwbb-heading_heading"} <= set(
        ids
    )
    # Every in-page link goes to an id that exists, once.
    for target in re.findall(r'href="#([^"]+)"', html):
        assert ids.count(target) == 1, target


def test_a_name_chosen_to_meet_anothers_file_name_is_refused_where_it_is() -> None:
    digest = hashlib.sha256(b"board-hwbb-").hexdigest()[:10]
    text = (
        "boardmap: 1\narea: X\nboards:\n"
        "  - {id: hwbb-, name: One, kind: committee}\n"
        f"  - {{id: hwbb-{digest}, name: Two, kind: committee}}\n"
    )
    with pytest.raises(MapError) as info:
        load_text(text, file="map.yaml")
    assert [str(p) for p in info.value.problems] == [
        f"map.yaml:5:10: duplicate-name: 'board-hwbb-{digest}' would be drawn into the same "
        f"file as 'board-hwbb-' (map.yaml:4): board-hwbb-{digest}.svg; rename one of them"
    ]


# Short names, and names about the 120 characters a file name may have (with "board-",
# "escalation-" or "area-" before them).
_LONG = st.sampled_from([n * "a" for n in (108, 109, 110, 113, 114, 115, 116)] + ["a" * 113 + "-"])
_ID_LIKE = st.text(alphabet="abz09-", min_size=0, max_size=4) | _LONG
_AREA = _ID_LIKE | st.sampled_from(["Ynys Môn", "con", "a b", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ID_LIKE, max_size=4), st.lists(_ID_LIKE, max_size=3), st.lists(_AREA, max_size=4))
def test_all_plain_is_every_name_being_its_own_file_name(
    boards: list[str], routes: list[str], areas: list[str]
) -> None:
    """The loader skips its name check where all_plain says every board's, route's and
    area's file name is the name itself: the same answer as safe_name for each."""
    gmap = SimpleNamespace(
        boards=[SimpleNamespace(id=b, areas=areas[i % 2 :: 2]) for i, b in enumerate(boards)],
        escalations=[SimpleNamespace(id=r) for r in routes],
    )
    names = (
        [f"board-{b}" for b in boards]
        + [f"escalation-{r}" for r in routes]
        + [f"area-{a}" for b in gmap.boards for a in b.areas]
    )
    assert all_plain(gmap) == all(safe_name(name) == name for name in names)  # type: ignore[arg-type]
