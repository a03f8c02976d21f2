"""A chunk's drawings made stage by stage (boardmap.render.drawn_in_stages, issue 23): each
the drawing render_drawing makes; a view that raises or warns at any stage is left out, for
render_drawing to draw and report in its turn."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from boardmap import render
from boardmap.load import load
from boardmap.render import drawn_in_stages, engines, render_drawing, view_names
from tests.conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("path", EXAMPLES[:4], ids=lambda p: p.stem)
def test_each_drawing_is_the_one_render_drawing_makes(path: Any) -> None:
    gmap = load(path)
    jobs = [(name, n % 2 == 0) for n, name in enumerate(view_names(gmap))]
    drawn = drawn_in_stages(gmap, jobs)
    assert list(drawn) == [name for name, _ in jobs]
    for name, page in jobs:
        assert drawn[name] == render_drawing(gmap, name, "svg", page=page)


def test_a_view_that_raises_or_warns_at_any_stage_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    gmap = load(ROOT / "data" / "boards.yaml")
    names = view_names(gmap)
    jobs = [(name, True) for name in names]
    fails_view, warns_view, fails_layout, warns_layout, laid_out_again = names[:5]
    build_view, draw, read = render.build_view, engines.render, render._read

    def building(gmap: Any, name: str, **kw: Any) -> Any:
        if name == fails_view:
            raise ValueError("test")
        if name == warns_view:
            warnings.warn("test", UserWarning, stacklevel=1)
        return build_view(gmap, name, **kw)

    def drawing(dot: str, fmt: str, **kw: Any) -> bytes:
        if kw.get("what") == f"the diagram '{fails_layout}'":
            raise engines.RenderFailed("test")
        if kw.get("what") == f"the diagram '{warns_layout}'":
            warnings.warn("test", UserWarning, stacklevel=1)
        return draw(dot, fmt, **kw)

    def reading(svg: bytes, view: Any, page: bool) -> Any:
        found, finished, copy = read(svg, view, page)
        return (["test"] if view.name == laid_out_again else found), finished, copy

    monkeypatch.setattr(render, "build_view", building)
    monkeypatch.setattr(engines, "render", drawing)
    monkeypatch.setattr(render, "_read", reading)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        drawn = drawn_in_stages(gmap, jobs)
    assert caught == []  # what a left-out view raised is not shown: render_drawing shows it
    assert list(drawn) == names[5:]
