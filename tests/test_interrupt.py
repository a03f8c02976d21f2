"""Nothing lost: a build that is killed, fails part-way, or cannot write leaves every output
whole (the old file or the new one, never half of either) and no temporary file behind.

Signals are sent to a real `boardmap build` process, slowed down by a wrapper that patches
boardmap in the child only (no test hook lives in boardmap itself).
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from boardmap import outputs
from boardmap.errors import OutputError
from boardmap.outputs import TEMP_PREFIX, write_atomic, write_if_changed
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]

MAP = """\
boardmap: 1
area: Testshire
as_of: 2014-06-17
boards:
  - {id: hwbb, name: Health and Wellbeing Board, short: HWBB, kind: statutory-board}
  - {id: lscb, name: Local Safeguarding Children Board, short: LSCB, kind: statutory-board}
  - {id: cabinet, name: Cabinet, kind: committee, top: true}
  - {id: leader, name: Leader of the Council, kind: role}
links:
  - {from: lscb, to: hwbb, type: challenges}
  - {from: hwbb, to: cabinet, type: reports-to}
  - {from: lscb, to: leader, type: reports-to}
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(TEMP_PREFIX + "*"))


@pytest.fixture
def built(tmp_path: Path, cli: Cli) -> tuple[Path, Path, dict[str, bytes]]:
    """A map, a complete build of it, and the bytes of that build; then the map is changed so
    that a second build would rewrite every output."""
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", str(path), "--out", str(out)).status == 0
    before = snapshot(out)
    assert len(before) >= 8
    path.write_text(MAP.replace("Testshire", "Newshire"), encoding="utf-8")
    return path, out, before


def assert_whole(out: Path, before: dict[str, bytes], after_ok: Callable[[str, bytes], bool]) -> None:
    """Every output is its old bytes, or new bytes that are complete; no temporary file."""
    assert temp_files(out) == []
    now = snapshot(out)
    assert set(now) == set(before)
    for name, data in now.items():
        assert data == before[name] or after_ok(name, data), f"{name} is neither old nor whole"


def complete(name: str, data: bytes) -> bool:
    """A whole output of the changed map."""
    text = data.decode("utf-8")
    if name.endswith(".svg"):
        return text.rstrip().endswith("</svg>") and "Newshire" in text
    if name.endswith(".html"):
        return text.rstrip().endswith("</html>") and "Newshire" in text
    return "Newshire" in text or name.startswith(".")


# -- write_atomic itself ------------------------------------------------------------------


def test_write_atomic_writes_the_whole_file(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "sub" / "a.svg", "<svg/>")
    assert path.read_text() == "<svg/>"
    assert temp_files(tmp_path) == []
    assert oct(path.stat().st_mode & 0o777) == "0o644"


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_full_disk_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "a.svg"
    target.write_bytes(b"old")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, where, full)
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"new")
    assert str(info.value) == (
        f"cannot write {target}: the disk is full; free some space and run it again (nothing was changed)"
    )
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EROFS])
def test_a_folder_that_cannot_be_written_gives_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "a.svg", b"new")
    assert str(info.value) == (
        f"cannot write {tmp_path / 'a.svg'}: permission denied; choose a "
        "folder you can write to with --out (nothing was changed)"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_while_writing_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.svg"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> None:
        assert temp_files(tmp_path), "the temporary file exists while writing"
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError) as info:
        write_atomic(blocker / "a.svg", b"new")
    assert str(info.value).startswith(f"cannot write {blocker}: it is a file, not a folder")
    assert str(info.value).endswith("(nothing was changed)")
    assert blocker.read_text() == "not a folder"


def test_write_if_changed_leaves_an_unchanged_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.svg"
    target.write_bytes(b"same")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    assert write_if_changed(target, b"same") is False
    assert target.stat().st_mtime == 1_000_000_000


def test_stale_temp_files_of_a_killed_process_are_cleared(tmp_path: Path) -> None:
    (tmp_path / f"{TEMP_PREFIX}abc").write_bytes(b"half")
    (tmp_path / "keep.svg").write_bytes(b"whole")
    outputs.remove_stale_temp_files(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.svg"]


# -- a build that fails or cannot write, through the CLI ----------------------------------


def test_a_render_failing_on_the_third_view_leaves_every_output_as_it_was(
    built: tuple[Path, Path, dict[str, bytes]], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardmap.render import engines

    path, out, before = built
    real = engines.render
    calls: list[int] = []

    def third_fails(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise engines.RenderFailed("Graphviz could not lay out this diagram")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engines, "render", third_fails)
    result = cli("build", str(path), "--out", str(out))
    assert result.status == 2
    assert "Graphviz could not lay out this diagram" in result.err
    assert "Traceback" not in result.out + result.err
    assert snapshot(out) == before
    assert temp_files(out) == []


def test_a_bug_part_way_leaves_every_output_as_it_was(
    built: tuple[Path, Path, dict[str, bytes]], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardmap.render import engines

    path, out, before = built
    real = engines.render
    calls: list[int] = []

    def third_breaks(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise ZeroDivisionError("a bug")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engines, "render", third_breaks)
    monkeypatch.delenv("BOARDMAP_DEBUG", raising=False)
    result = cli("build", str(path), "--out", str(out))
    assert result.status == 3
    assert result.err.startswith("boardmap: internal error (ZeroDivisionError: a bug).")
    assert snapshot(out) == before
    assert temp_files(out) == []


def test_a_full_disk_part_way_leaves_no_half_written_file(
    built: tuple[Path, Path, dict[str, bytes]], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, out, before = built
    real = os.replace
    calls: list[int] = []

    def third_fails(src: str, dst: str) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", third_fails)
    result = cli("build", str(path), "--out", str(out))
    assert result.status == 2
    # Issue 20.7: the message names the files already replaced (not "nothing was changed").
    # (The first rename is the manifest's, recording the bytes about to be written.)
    assert result.err == (
        f"boardmap: cannot write {out}/reporting.svg: the disk is full; free "
        "some space and run it again. 1 file was already replaced, each "
        "whole: overview.svg; every other file is as it was\n"
    )
    assert "Traceback" not in result.err
    assert_whole(out, before, complete)
    # The manifest still records what each output was made from (so the next build knows
    # which are out of date), and the bytes being written as pending (so it knows they are
    # its own).
    manifest = json.loads(snapshot(out)[".boardmap-manifest.json"])["outputs"]
    old = json.loads(before[".boardmap-manifest.json"])["outputs"]
    assert {name: {"inputs": e["inputs"], "sha256": e["sha256"]} for name, e in manifest.items()} == old
    assert all("pending" in manifest[name] for name in old if name.endswith(".svg"))
    monkeypatch.setattr(os, "replace", real)
    assert cli("build", str(path), "--out", str(out)).status == 0
    assert all(complete(name, data) for name, data in snapshot(out).items())


def test_an_output_folder_that_is_a_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    out = tmp_path / "out"
    out.write_text("a file, not a folder")
    result = cli("build", str(path), "--out", str(out))
    assert result.status == 2
    assert result.err.startswith("boardmap: ")
    assert "(nothing was changed)" in result.err or "not a folder" in result.err
    assert "Traceback" not in result.err
    assert out.read_text() == "a file, not a folder"


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root may write into a read-only folder, so "
    "chmod cannot make one here; the same path is tested with a refused mkstemp",
)
def test_a_read_only_output_folder(built: tuple[Path, Path, dict[str, bytes]], cli: Cli) -> None:
    path, out, before = built
    out.chmod(0o555)
    try:
        result = cli("build", str(path), "--out", str(out))
    finally:
        out.chmod(0o755)
    assert result.status == 2
    assert "permission denied; choose a folder you can write to with --out" in result.err
    assert snapshot(out) == before


def test_a_refused_output_folder_through_the_cli(
    built: tuple[Path, Path, dict[str, bytes]], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, out, before = built

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)
    result = cli("build", str(path), "--out", str(out))
    assert result.status == 2
    assert result.err.startswith(f"boardmap: cannot write {out}/")
    assert result.err.endswith(
        ": permission denied; choose a folder you can write to with --out (nothing was changed)\n"
    )
    assert snapshot(out) == before


# -- killed mid-way: SIGINT and SIGTERM to a real process ---------------------------------

# The child runs boardmap.cli.main() as the console script does, with one part slowed so the
# signal lands at a known stage: while drawing (nothing written yet) or inside write_atomic
# (a temporary file exists). "ready" on stderr says the stage has been reached.
CHILD = textwrap.dedent("""\
    import os, sys, time
    stage, count = sys.argv[1], int(sys.argv[2])
    calls = []

    def pause():
        calls.append(1)
        if len(calls) == count:
            print("ready", file=sys.stderr, flush=True)
            time.sleep(60)

    if stage == "drawing":
        from boardmap.render import engines
        real_render = engines.render
        def render(*args, **kwargs):
            pause()
            return real_render(*args, **kwargs)
        engines.render = render
    else:
        real_fsync = os.fsync
        def fsync(fd):
            real_fsync(fd)
            pause()
        os.fsync = fsync
    sys.argv = ["boardmap", *sys.argv[3:]]
    from boardmap.cli import main
    main()
""")


@pytest.fixture
def child(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start(stage: str, count: int, *args: str) -> subprocess.Popen[str]:
        script = tmp_path / "child.py"
        script.write_text(CHILD, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, str(script), stage, str(count), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        started.append(proc)
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line == "ready\n", line + proc.stderr.read()
        return proc

    yield start
    for proc in started:  # only the processes this test started
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("stage", ["drawing", "writing"])
def test_killed_mid_build_leaves_every_output_whole(
    built: tuple[Path, Path, dict[str, bytes]],
    child: Callable[..., subprocess.Popen[str]],
    sig: signal.Signals,
    stage: str,
) -> None:
    path, out, before = built
    # Writing: the second file is in its temporary file when the signal comes.
    proc = child(stage, 2 if stage == "writing" else 3, "build", str(path), "--out", str(out))
    if stage == "writing":
        assert temp_files(out), "the signal should land while a temporary file exists"
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == (130 if sig == signal.SIGINT else 128 + signal.SIGTERM), stderr
    assert "Traceback" not in stdout + stderr
    assert stderr.startswith(("boardmap: interrupted", "boardmap: terminated"))
    if stage == "drawing":
        assert snapshot(out) == before  # nothing is written until everything is drawn
    assert_whole(out, before, complete)
