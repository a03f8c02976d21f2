"""Diagrams of a map: views (views.py) -> DOT (dot.py) -> SVG, PNG or PDF (engines.py).

from boardmap.render import render_all, render_view, to_dot, describe
render_all(gmap, "diagrams")                      # every view as SVG, and diagrams/index.md
svg = render_view(gmap, "reporting")              # bytes
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from boardmap import escape
from boardmap.errors import LayoutWarning, UsageError
from boardmap.model import GovernanceMap
from boardmap.outputs import safe_name
from boardmap.render import dot as dot_module
from boardmap.render import engines, layout, raster, svgpage, svgpass
from boardmap.render.views import Labels, View, build_view, view_names
from boardmap.say.diagrams import INDEX_FILES, INDEX_NOTE, INDEX_TITLE
from boardmap.say.grammar import long_date

__all__ = [
    "FORMATS",
    "Drawing",
    "LayoutWarning",
    "build_view",
    "describe",
    "draw_view",
    "render_all",
    "render_drawing",
    "render_view",
    "to_dot",
    "view_names",
]

FORMATS = engines.FORMATS
INDEX = "index.md"
_T = TypeVar("_T")


def to_dot(gmap: GovernanceMap, view_name: str, *, with_members: bool = False) -> str:
    """The DOT text of a view (deterministic)."""
    return dot_module.to_dot(build_view(gmap, view_name, with_members=with_members))


def describe(gmap: GovernanceMap, view_name: str) -> str:
    """The one-sentence plain description of a view: its SVG <title>/<desc> and alt text."""
    return build_view(gmap, view_name).description


def render_view(
    gmap: GovernanceMap,
    view_name: str,
    fmt: str = "svg",
    *,
    renderer: str = "auto",
    with_members: bool = False,
) -> bytes:
    """One view drawn as svg, png, pdf, or dot (the DOT text itself)."""
    return render_drawing(gmap, view_name, fmt, renderer=renderer, with_members=with_members).data


@dataclass(frozen=True)
class Drawing:
    """A view drawn: the file's bytes and, for SVG where asked, the copy a page can hold
    inline (boardmap.render.svgpage.Page: cleaned by an allow-list, its key taken out), and
    what index.md says of the view (so that the process that lists it need not build it)."""

    data: bytes
    page: svgpage.Page | None = None
    labels: Labels | None = None


def render_drawing(
    gmap: GovernanceMap,
    view_name: str,
    fmt: str = "svg",
    *,
    renderer: str = "auto",
    with_members: bool = False,
    page: bool = False,
) -> Drawing:
    """One view drawn (as render_view), with, for SVG and `page`, its copy for a page: the
    drawing is read once, for the layout check and the copy together."""
    _check_format(fmt)
    view = build_view(gmap, view_name, with_members=with_members)
    drawing = _render(view, fmt, renderer, page=page)
    return Drawing(drawing.data, drawing.page, Labels(view.name, view.heading, view.description))


def drawn_in_stages(gmap: GovernanceMap, jobs: Sequence[tuple[str, bool]]) -> dict[str, Drawing]:
    """SVG drawings of several views (name, page), each as render_drawing(gmap, name, "svg",
    page=page) draws it, made stage by stage: every view, then every DOT text, then every
    layout, then every reading. Drawing one view after another switches between Python's
    work and Graphviz's compiled code for each, and the caches they both need go cold: a
    build's worker draws its chunks some 10% quicker this way (issue 23). A view whose
    drawing raises, warns or has to be laid out again is left out, for render_drawing to
    draw in its turn, so that its error or warning comes as before."""
    done: dict[str, Drawing] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def clean(step: Callable[[], _T]) -> _T | None:
            """The step's result, or None where it raised or warned."""
            seen = len(caught)
            try:
                result = step()
            except Exception:  # render_drawing draws it again, and reports it
                return None
            return result if len(caught) == seen else None

        views = {name: clean(functools.partial(build_view, gmap, name)) for name, _ in jobs}
        dots = {
            name: clean(functools.partial(dot_module.to_dot, view))
            for name, view in views.items()
            if view is not None
        }
        svgs: dict[str, bytes | None] = {}
        for name, dot in dots.items():
            what = f"the diagram '{name}'"
            svgs[name] = (
                None if dot is None else clean(functools.partial(engines.render, dot, "svg", what=what))
            )
        for name, page in jobs:
            view, svg = views.get(name), svgs.get(name)
            read = (
                clean(functools.partial(_read, svg, view, page))
                if view is not None and svg is not None
                else None
            )
            if view is not None and read is not None and not read[0]:  # not to be laid out again
                done[name] = Drawing(read[1], read[2], Labels(view.name, view.heading, view.description))
    return done


def draw_view(view: View, fmt: str = "svg", *, renderer: str = "auto") -> bytes:
    """A view made elsewhere (the diff's diagram of two maps) drawn as svg, png, pdf or dot,
    through the same DOT builder, layout check and SVG finish as the map's own views."""
    _check_format(fmt)
    return _render(view, fmt, renderer).data


def _render(view: View, fmt: str, renderer: str, *, page: bool = False) -> Drawing:
    """Draw a view, checking the layout first (issue 25): a layout with NaN coordinates or
    missing boxes is drawn again without clusters or rank groups, with a warning naming the
    diagram; a picture that still cannot be laid out is an error, never written as fine."""
    what = f"the diagram '{view.name}'"
    if fmt == "dot":
        return Drawing(dot_module.to_dot(view).encode("utf-8"))
    # PNG and PDF are checked as SVG from the renderer that draws them. The built-in PNG is
    # that checked SVG rasterised, not a second layout; PDF is drawn from the checked form.
    engine = renderer if fmt in ("svg", "png") else engines.choose(fmt, renderer)
    svg = engines.render(dot_module.to_dot(view), "svg", renderer=engine, what=what)
    wanted = page and fmt == "svg"
    found, finished, copy = _read(svg, view, wanted)
    simple = False
    if found:
        retry = engines.render(dot_module.to_dot(view, simple=True), "svg", renderer=engine, what=what)
        still, finished, copy = _read(retry, view, wanted)
        if still:
            raise engines.RenderFailed(
                f"Graphviz could not lay out {what}: {'; '.join(still)}. Nothing was written "
                "for it; please report this with the map attached"
            )
        warnings.warn(
            LayoutWarning(
                f"Graphviz could not lay out {what} in full ({'; '.join(found)}); it is drawn "
                "without its boxes for areas and its legend"
            ),
            stacklevel=3,
        )
        svg, simple = retry, True
    if fmt == "svg":
        return Drawing(finished, copy)
    if fmt == "png" and engines.choose(fmt, renderer) == "wasm":
        return Drawing(raster.svg_to_png(svg, what=what))
    return Drawing(engines.render(dot_module.to_dot(view, simple=simple), fmt, renderer=renderer, what=what))


def _read(svg: bytes, view: View, page: bool) -> tuple[list[str], bytes, svgpage.Page | None]:
    """Graphviz's SVG finished (its title and description first, its comments gone) and
    read once: what is wrong with its layout, the finished bytes and the page's copy. The
    pass is also the check that the finished SVG is well-formed."""
    finished = engines.label_svg(svg, view.heading, view.description, f"boardmap-{safe_name(view.name)}")
    if finished is None:
        return ["Graphviz's output is not SVG"], svg, None
    try:
        facts, copy = svgpass.read(finished, page=page, key=True)
    except svgpass.NotSvg as exc:
        return [f"the SVG is not well-formed XML ({exc.reason})"], svg, None
    return layout.problems_in(facts, view), finished, copy


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"cannot draw diagrams as '{fmt}'; choose from {', '.join(FORMATS)}")


def render_all(
    gmap: GovernanceMap,
    out_dir: Path | str,
    formats: Sequence[str] = ("svg",),
    views: Iterable[str] | None = None,
    *,
    renderer: str = "auto",
    with_members: bool = False,
    force: bool = False,
) -> list[Path]:
    """Draw views (default: all) in each format as `<out_dir>/<view>.<fmt>`, and list them in
    `<out_dir>/index.md` with their alt text. Returns every path, written or already current.

    Everything is drawn before anything is written, and each file is replaced atomically, so a
    render that fails leaves the folder as it was. Unchanged files keep their timestamps. A
    file boardmap cannot prove it wrote (boardmap.folder) is not replaced unless `force`.
    Diagrams an earlier run drew that this run no longer draws (a board that was removed)
    are deleted when drawing every view, but only those boardmap can prove it wrote."""
    from boardmap.folder import OutputFolder

    for fmt in formats:
        _check_format(fmt)
    names = list(views) if views is not None else view_names(gmap)
    built = [build_view(gmap, name, with_members=with_members) for name in names]
    out = Path(out_dir)
    files: dict[str, bytes] = {}
    for view in built:
        for fmt in formats:
            files[f"{safe_name(view.name)}.{fmt}"] = _render(view, fmt, renderer).data
    current = {safe_name(view.name) for view in built}
    with OutputFolder(out, force=force) as folder:
        stale = []
        if views is None:  # diagrams of boards and routes no longer in the map
            for name in sorted(folder.previous):  # the manifest `build` keeps too
                stem, _, fmt = name.rpartition(".")
                if fmt in formats and stem not in current and re.fullmatch(r"[a-z0-9-]+", stem):
                    stale.append(name)

        def present(name: str) -> bool:
            return name in files or (name not in stale and (out / name).is_file())

        # index.md lists every view drawn in the folder, by this run or an earlier one; only
        # those need building (a 10,000-board map has 8,800 views).
        everything = (
            list(built)
            if views is None
            else [
                build_view(gmap, name, with_members=with_members)
                for name in view_names(gmap)
                if any(present(f"{safe_name(name)}.{fmt}") for fmt in FORMATS)
            ]
        )
        files[INDEX] = index_markdown(gmap, everything, out, present=present).encode("utf-8")
        folder.refuse_foreign(files)
        folder.intend(files)
        for name, data in files.items():
            folder.write(name, data)
        for name in stale:
            folder.remove(name)
        folder.save()
    return [out / name for name in files]


class Listed(Protocol):
    """What index.md says of a view: a View, or its boardmap.render.views.Labels."""

    @property
    def name(self) -> str: ...

    @property
    def heading(self) -> str: ...

    @property
    def description(self) -> str: ...


def index_markdown(
    gmap: GovernanceMap, views: Sequence[Listed], out: Path, present: Callable[[str], bool] | None = None
) -> str:
    """index.md: for each view drawn in `out`, its title, its image with the alt text, and
    links to every format it is drawn in. `present(name)` says whether a file is (or is
    about to be) in the folder; by default, whether it is there now."""
    if present is None:
        present = lambda name: (out / name).is_file()  # noqa: E731
    title = INDEX_TITLE.format(area=gmap.area, date=long_date(gmap.as_of))
    lines = [f"# {_md_alt(title)}", "", INDEX_NOTE, ""]
    for view in views:
        stem = safe_name(view.name)
        drawn = [fmt for fmt in FORMATS if present(f"{stem}.{fmt}")]
        if not drawn:
            continue
        lines += [f"## {_md_alt(view.heading)}", ""]
        image = next((fmt for fmt in ("svg", "png") if fmt in drawn), None)
        alt = _md_alt(view.description)
        lines += [f"![{alt}]({stem}.{image})" if image else alt, ""]
        links = ", ".join(f"[{fmt.upper()}]({stem}.{fmt})" for fmt in drawn)
        lines += [f"{INDEX_FILES} {links}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_alt(text: str) -> str:
    """Text safe in a Markdown heading or inside ![...], one line: nothing Markdown or HTML
    reads in it is live (issue 9; boardmap.escape.markdown)."""
    return escape.markdown(escape.plain(text), start=False)
