"""Every view of every map lays out: finite coordinates, every box and line present (issue 25).

A property test draws maps of several areas whose links start and end, with isolated bodies,
shared bodies outside any area, chairs given as text, themes and sub-groups, on several dates,
with the built-in renderer and the system `dot` where it is installed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardmap import load, load_text
from boardmap.errors import LayoutWarning
from boardmap.render import dot as dot_module
from boardmap.render import engines, layout, render_view, view_names
from boardmap.render.views import build_view

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted([ROOT / "data" / "boards.yaml", *(ROOT / "examples").glob("*.yaml")])
KINDS = [
    "statutory-board",
    "partnership",
    "committee",
    "sub-group",
    "officer-group",
    "role",
    "organisation",
    "external",
]
TYPES = ["reports-to", "challenges", "escalates-to", "consults", "informs", "sub-group-of", "attends"]
DATES = [dt.date(2015, 1, 1), dt.date(2019, 6, 1), dt.date(2021, 1, 1), dt.date(2024, 1, 1)]


def _lays_out(gmap: object, name: str, renderer: str) -> list[str]:
    view = build_view(gmap, name)  # type: ignore[arg-type]
    svg = engines.render(dot_module.to_dot(view), "svg", renderer=renderer)
    return layout.problems(svg, view)


@st.composite
def maps(draw: st.DrawFn) -> str:
    areas = draw(
        st.lists(st.sampled_from(["north", "south", "east", "west"]), min_size=1, max_size=3, unique=True)
    )
    count = draw(st.integers(min_value=2, max_value=14))
    boards = []
    for i in range(count):
        board: dict[str, object] = {
            "id": f"b{i}",
            "name": f"Body number {i}",
            "kind": draw(st.sampled_from(KINDS)),
        }
        if draw(st.booleans()):
            board["areas"] = draw(st.lists(st.sampled_from(areas), min_size=1, max_size=2, unique=True))
        if draw(st.integers(0, 4)) == 0:
            board["top"] = True
        if draw(st.integers(0, 4)) == 0:
            board["chair"] = draw(st.sampled_from(["Councillor A. Smith", "The Mayor"]))
        if draw(st.integers(0, 5)) == 0:
            board["until"] = str(draw(st.sampled_from(DATES[1:])))
        if draw(st.integers(0, 5)) == 0:
            board["members"] = [
                f"b{j}" for j in draw(st.lists(st.integers(0, count - 1), max_size=3, unique=True)) if j != i
            ]
        boards.append(board)
    links = []
    for _ in range(draw(st.integers(0, count * 2))):
        a, b = draw(st.integers(0, count - 1)), draw(st.integers(0, count - 1))
        if a == b:
            continue
        link: dict[str, object] = {"from": f"b{a}", "to": f"b{b}", "type": draw(st.sampled_from(TYPES))}
        when = draw(st.integers(0, 3))
        if when == 1:
            link["since"] = str(draw(st.sampled_from(DATES[1:])))
        elif when == 2:
            link["until"] = str(draw(st.sampled_from(DATES[1:])))
        links.append(link)
    document: dict[str, object] = {
        "boardmap": 1,
        "area": "Testshire",
        "as_of": "2024-01-01",
        "boards": boards,
        "links": links,
    }
    if draw(st.booleans()):
        document["themes"] = [{"id": "t1", "name": "Early help", "lead": "b0", "supports": [f"b{count - 1}"]}]
    return yaml.safe_dump(document, sort_keys=False)


def _every_view_lays_out(text: str, renderer: str) -> None:
    for date in DATES:
        try:
            gmap = load_text(text, as_of=date)
        except Exception:  # a generated map can leave no board in force on an early date
            continue
        for name in view_names(gmap):
            assert _lays_out(gmap, name, renderer) == [], (name, str(date), text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=maps())
def test_every_view_lays_out_on_every_date_in_process(text: str) -> None:
    _every_view_lays_out(text, "wasm")


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=maps())
def test_every_view_lays_out_on_every_date_with_system_dot(text: str) -> None:
    _every_view_lays_out(text, "system")


def _history(path: Path) -> list[dt.date]:
    """The map's own date and every date on which something in it starts or ends."""
    gmap = load(path)
    dates = {gmap.as_of}
    for text in path.read_text(encoding="utf-8").split():
        try:
            dates.add(dt.date.fromisoformat(text.strip("'\",{}[]")))
        except ValueError:
            pass
    return sorted(dates)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_lays_out_on_every_date_of_its_history(path: Path) -> None:
    drawn = 0
    for date in _history(path):
        try:
            gmap = load(path, as_of=date)
        except Exception:
            continue
        for name in view_names(gmap):
            assert _lays_out(gmap, name, "wasm") == [], (name, str(date))
            drawn += 1
    assert drawn >= len(view_names(load(path)))


# The map of issue 25: two councils sharing a police force and an NHS body; on the map's
# date one council's only link has ended, so its top body stands apart.
TWO_COUNCILS = """\
boardmap: 1
area: Twin boroughs
as_of: 2024-01-01
boards:
  - {id: north-council, name: North Full Council, kind: committee, top: true, areas: [north]}
  - {id: south-council, name: South Full Council, kind: committee, top: true, areas: [south]}
  - {id: north-cabinet, name: North Cabinet, kind: committee, top: true, areas: [north]}
  - {id: south-hwb, name: South Health and Wellbeing Board, kind: statutory-board,
     areas: [south]}
  - {id: police, name: Shire Police, kind: organisation}
  - {id: nhs, name: Shire ICB, kind: organisation}
  - {id: sab, name: Joint Safeguarding Adults Board, kind: statutory-board, members: [police, nhs]}
links:
  - {from: north-cabinet, to: north-council, type: reports-to, until: 2023-06-01}
  - {from: south-hwb, to: south-council, type: reports-to}
  - {from: sab, to: south-hwb, type: informs}
"""


def test_top_bodies_inside_clusters_are_not_put_in_a_rank_group() -> None:
    gmap = load_text(TWO_COUNCILS)
    text = dot_module.to_dot(build_view(gmap, "overview"))
    assert "rank=max" not in text
    for name in view_names(gmap):
        assert _lays_out(gmap, name, "wasm") == []


def test_a_bad_layout_is_drawn_again_simply_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    gmap = load_text(TWO_COUNCILS)
    real = engines.render

    def nan_first(dot: str, fmt: str = "svg", **kwargs: object) -> bytes:
        svg = real(dot, fmt, **kwargs)  # type: ignore[arg-type]
        return svg if "cluster" not in dot else svg.replace(b'points="', b'points="nan,nan ')

    monkeypatch.setattr(engines, "render", nan_first)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = render_view(gmap, "overview")
    assert [str(w.message) for w in caught if w.category is LayoutWarning] == [
        "Graphviz could not lay out the diagram 'overview' in full (18 coordinates are not "
        "numbers (NaN or infinite)); it is drawn without its boxes for areas and its legend"
    ]
    assert b"nan" not in svg


def test_a_layout_that_cannot_be_mended_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from boardmap.cli import run

    path = tmp_path / "map.yaml"
    path.write_text(TWO_COUNCILS, encoding="utf-8")
    real = engines.render
    monkeypatch.setattr(
        engines,
        "render",
        lambda dot, fmt="svg", **kw: real(dot, fmt, **kw).replace(b'viewBox="', b'viewBox="nan nan '),
    )
    assert run(["render", str(path), "--out", str(tmp_path / "out"), "--view", "overview"]) == 2
    assert not (tmp_path / "out" / "overview.svg").exists()


def test_problems_names_what_is_wrong() -> None:
    gmap = load_text(TWO_COUNCILS)
    view = build_view(gmap, "overview")
    empty = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="43pt" height="43pt" '
        b'viewBox="0.00 0.00 43.00 43.00"><g class="graph"><polygon '
        b'points="nan,nan nan,nan"/></g></svg>'
    )
    found = layout.problems(empty, view)
    assert found[0] == "4 coordinates are not numbers (NaN or infinite)"
    assert found[1] == "the picture is empty (43 by 43 points)"
    assert found[2].startswith(f"{len(view.nodes)} of its {len(view.nodes)} boxes are missing")
    assert layout.problems(b"<svg", view)[0].startswith("the SVG is not well-formed XML")


def test_guide_out_writes_every_image_guide_md_shows(tmp_path: Path) -> None:
    import re

    from boardmap.cli import run

    out = tmp_path / "empty"
    assert run(["guide", str(ROOT / "data" / "boards.yaml"), "--out", str(out)]) == 0
    text = (out / "guide.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    assert "overview.svg" in images and len(images) > 5
    for image in images:
        assert (out / image).is_file(), image
        assert (
            layout.problems(
                (out / image).read_bytes(),
                build_view(load(ROOT / "data" / "boards.yaml"), image.removesuffix(".svg")),
            )
            == []
        )
