"""Fault injection: what boardmap does to the files around it when things go wrong.

A small harness of hostile surroundings, each tried against the commands that write:
a manifest that lies or is not a manifest, files a person wrote where outputs go, special
files (devices, named pipes, links to /proc/self/fd) as outputs, a full disk, a read-only
or unsearchable folder, a name too long, a closed or full standard output, concurrent
builds into one folder, and permissions (issues 20 and 24). It runs in CI with the rest of
the suite; the cases that need a POSIX system skip with a reason elsewhere.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from boardmap import outputs
from boardmap.build import build
from boardmap.errors import OutputError
from boardmap.folder import (
    MANIFEST,
    OUTPUT_KINDS,
    ManifestError,
    NotOurs,
    parse_manifest,
    read_manifest,
)
from boardmap.outputs import TEMP_PREFIX, locked, write_atomic
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
posix = pytest.mark.skipif(os.name != "posix", reason="special files and flock are POSIX")

MAP = """\
boardmap: 1
area: Testshire
as_of: 2014-06-17
boards:
  - {id: hwbb, name: Health and Wellbeing Board, kind: statutory-board}
  - {id: lscb, name: Local Safeguarding Children Board, kind: statutory-board}
links:
  - {from: lscb, to: hwbb, type: challenges}
"""
DOTS = {"board-hwbb.dot", "board-lscb.dot", "challenge.dot", "overview.dot", "reporting.dot"}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(out: Path, outputs_: dict[str, object]) -> None:
    (out / MANIFEST).write_text(json.dumps({"manifest": 1, "outputs": outputs_}), "utf-8")


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path, tmp_path / "out"


def run_cli(
    *args: str, stdout: int | None = subprocess.PIPE, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "boardmap", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


# -- 20.1: a manifest deletes only what boardmap can prove it wrote ---------------------------


def test_a_hostile_manifest_cannot_delete_the_map_or_a_users_notes(
    project: tuple[Path, Path], cli: Cli
) -> None:
    """The map lives in the output folder; the manifest lists it and notes.txt, with their
    true hashes: neither is a name boardmap gives an output, so the manifest is refused."""
    out = project[1]
    out.mkdir()
    moved = out / "map.yaml"
    moved.write_text(MAP, encoding="utf-8")
    notes = out / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    manifest(
        out,
        {
            name: {"inputs": "", "sha256": sha((out / name).read_bytes())}
            for name in ("map.yaml", "notes.txt")
        },
    )
    result = cli("build", str(moved), "--out", str(out), "--format", "dot")
    assert result.status == 2
    assert result.err == (
        f"boardmap: {out / MANIFEST} is not a manifest boardmap wrote: it lists 'map.yaml', "
        "which is not a name boardmap gives an output. boardmap records in it which files in "
        "the folder are its own, so nothing was written. Run the command again with --force "
        "to remake the outputs and write a new manifest (even then, no file is deleted "
        "unless a manifest proves boardmap wrote it)\n"
    )
    assert moved.read_text(encoding="utf-8") == MAP
    assert notes.read_text(encoding="utf-8") == "my notes"
    # With --force the manifest is replaced, and still nothing of the user's is deleted.
    result = cli("build", str(moved), "--out", str(out), "--format", "dot", "--force")
    assert result.status == 0, result.err
    assert "removed /" not in result.out and ", 0 removed." in result.out
    assert moved.read_text(encoding="utf-8") == MAP
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert set(json.loads((out / MANIFEST).read_text("utf-8"))["outputs"]) == DOTS | {
        "index.md",
        "guide.html",
        "guide.md",
        "glance.html",
    }


def test_a_listed_file_whose_bytes_changed_is_left_with_a_message(
    project: tuple[Path, Path], cli: Cli
) -> None:
    path, out = project
    assert cli("build", str(path), "--out", str(out), "--format", "dot").status == 0
    extra = out / "board-gone.dot"
    extra.write_text("someone's own diagram", encoding="utf-8")
    entries = read_manifest(out)
    entries["board-gone.dot"] = {"inputs": "", "sha256": "0" * 64}  # not its hash
    manifest(out, entries)
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 0, result.err
    assert extra.read_text(encoding="utf-8") == "someone's own diagram"
    assert result.err == (
        f"left {extra}: boardmap no longer makes it, but did not write it "
        "as it is now, so it is not deleted\n"
    )
    assert "board-gone.dot" not in read_manifest(out)
    # The same file, listed with its true hash, is boardmap's own: it is removed.
    entries = read_manifest(out)
    entries["board-gone.dot"] = {"inputs": "", "sha256": sha(extra.read_bytes())}
    manifest(out, entries)
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert f"removed {extra}" in result.out
    assert not extra.exists()


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("[]", "it holds a list, not an object"),
        ("null", "it holds null, not an object"),
        ('"x"', "it holds a string, not an object"),
        ("3", "it holds a number, not an object"),
        ("[" * 100_000 + "]" * 100_000, "it is nested far too deeply to be a manifest"),
        ('{"manifest": 1, "outputs": []}', 'its "outputs" is a list, not an object'),
        ('{"manifest": true, "outputs": {}}', 'its "manifest" is not 1, the only version boardmap writes'),
        (
            '{"manifest": 1, "outputs": {"a.svg": "x"}}',
            'its entry for \'a.svg\' is not an object of "inputs" and a "sha256" of 64 hexadecimal digits',
        ),
        (
            '{"manifest": 1, "outputs": {"../x.svg": {}}}',
            "it lists '../x.svg', which is not a name boardmap gives an output",
        ),
        ('<<<<<<< HEAD\n{"manifest": 1}\n=======\n', "it is not JSON (Expecting value at line 1, column 1)"),
        ("\udcff", "it is not UTF-8 text"),
    ],
)
def test_a_manifest_that_is_not_one_gives_a_plain_message(
    project: tuple[Path, Path], cli: Cli, text: str, what: str
) -> None:
    path, out = project
    out.mkdir()
    (out / MANIFEST).write_bytes(text.encode("utf-8", "surrogateescape"))
    for extra in ((), ("--check",)):
        result = cli("build", str(path), "--out", str(out), "--format", "dot", *extra)
        assert result.status == 2
        assert result.err.startswith(f"boardmap: {out / MANIFEST} is not a manifest boardmap wrote: {what}. ")
        assert "internal error" not in result.err
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]
    result = cli("build", str(path), "--out", str(out), "--format", "dot", "--force")
    assert result.status == 0
    assert result.err == (f"boardmap: {out / MANIFEST} was not a manifest boardmap wrote; it is replaced\n")
    assert set(read_manifest(out)) == DOTS | {"index.md", "guide.html", "guide.md", "glance.html"}


def test_a_manifest_over_the_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardmap import folder

    monkeypatch.setattr(folder, "MANIFEST_LIMIT", 10)
    (tmp_path / MANIFEST).write_text('{"manifest": 1, "outputs": {}}', "utf-8")
    with pytest.raises(ManifestError, match="it is 30 bytes, more than the 0 MB"):
        read_manifest(tmp_path)


# -- 24.1: files a person wrote are not replaced without --force ------------------------------


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("build", "--format", "dot"), "index.md"),
        (("build", "--format", "dot"), "guide.html"),
        (("render", "--format", "dot"), "index.md"),
        (("render", "--format", "dot"), "overview.dot"),
        (("guide",), "guide.html"),
        (("guide",), "guide.md"),
    ],
)
def test_a_file_a_person_wrote_is_refused_then_replaced_with_force(
    project: tuple[Path, Path], cli: Cli, command: tuple[str, ...], name: str
) -> None:
    path, out = project
    out.mkdir()
    page = out / name
    page.write_text("# Our MkDocs home page\n", encoding="utf-8")
    result = cli(command[0], str(path), "--out", str(out), *command[1:])
    assert result.status == 2
    assert result.err == (
        f"boardmap: {page} is already there and boardmap did not write it (not in "
        f"{MANIFEST} as it is now), so nothing was written. Move it away, choose another "
        "folder with --out, or add --force to replace it\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [name]
    assert page.read_text(encoding="utf-8") == "# Our MkDocs home page\n"
    assert cli(command[0], str(path), "--out", str(out), *command[1:], "--force").status == 0
    assert page.read_text(encoding="utf-8") != "# Our MkDocs home page\n"
    # What boardmap wrote, it may replace again without --force; the other commands too.
    path.write_text(MAP.replace("Testshire", "Newshire"), encoding="utf-8")
    for again in (command, ("render", "--format", "dot"), ("guide",), ("build", "--format", "dot")):
        result = cli(again[0], str(path), "--out", str(out), *again[1:])
        assert result.status == 0, (again, result.err)


def test_build_check_says_which_files_a_build_would_refuse(project: tuple[Path, Path], cli: Cli) -> None:
    path, out = project
    out.mkdir()
    (out / "index.md").write_text("# Our home page\n", encoding="utf-8")
    result = cli("build", str(path), "--out", str(out), "--format", "dot", "--check")
    assert result.status == 1
    assert (
        f"{out / 'index.md'}: out of date, and not written by boardmap: a build will not "
        "replace it without --force\n"
    ) in result.out
    assert f"{out / 'overview.dot'}: out of date\n" in result.out


@pytest.mark.parametrize("fmt", ["docx", "html,md"])
def test_the_guide_in_every_format_can_be_written_again(
    project: tuple[Path, Path], cli: Cli, fmt: str
) -> None:
    """Every file a command records in the manifest must be a name the manifest may list
    (guide.docx was not: the second run was refused as a damaged manifest)."""
    pytest.importorskip("docx")
    path, out = project
    for _ in range(2):
        result = cli("guide", str(path), "--out", str(out), "--format", fmt)
        assert result.status == 0, result.err
    assert cli("build", str(path), "--out", str(out), "--format", "dot").status == 0


def test_a_file_with_the_new_bytes_already_is_not_refused(project: tuple[Path, Path], tmp_path: Path) -> None:
    path, out = project
    build(path, tmp_path / "first", formats=("dot",))
    out.mkdir()
    (out / "overview.dot").write_bytes((tmp_path / "first" / "overview.dot").read_bytes())
    report = build(path, out, formats=("dot",))
    assert "overview.dot" in report.unchanged


# -- 20.3: special files as outputs -------------------------------------------------------------


@posix
def test_export_to_a_named_pipe_writes_into_it(tmp_path: Path, cli: Cli, project: tuple[Path, Path]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = cli("export", str(project[0]), "--to", "json", "-o", str(fifo))
    reader.join(10)
    assert result.status == 0, result.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the pipe was replaced by a file"
    assert json.loads(got[0])["nodes"]


@posix
def test_diff_diagram_to_a_link_to_a_pipe_reaches_its_reader(
    tmp_path: Path, project: tuple[Path, Path]
) -> None:
    """`--diagram /proc/self/fd/1` style: a link to an open pipe; the reader gets the SVG."""
    path = project[0]
    code = textwrap.dedent(f"""\
        import os, sys
        os.symlink(f"/proc/self/fd/1", {str(tmp_path / "link.svg")!r})
        from boardmap.cli import run
        sys.exit(run(["diff", {str(path)!r}, {str(path)!r}, "--format", "json",
                      "--diagram", {str(tmp_path / "link.svg")!r}]))
    """)
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert b"</svg>" in proc.stdout
    assert (tmp_path / "link.svg").is_symlink()


@posix
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_to_dev_full_says_the_disk_is_full_and_leaves_the_device(
    cli: Cli, project: tuple[Path, Path]
) -> None:
    result = cli("export", str(project[0]), "--to", "json", "-o", "/dev/full")
    assert result.status == 2
    assert result.err == (
        "boardmap: cannot write /dev/full: the disk is full; free some "
        "space and run it again (nothing was changed)\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@posix
def test_export_to_dev_null_leaves_the_device(cli: Cli, project: tuple[Path, Path]) -> None:
    result = cli("export", str(project[0]), "--to", "mermaid", "-o", os.devnull)
    assert result.status == 0, result.err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@posix
def test_an_output_that_is_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    where = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(where))
        with pytest.raises(OutputError, match="it is a socket, not a file"):
            write_atomic(where, b"x")
        assert stat.S_ISSOCK(where.lstat().st_mode)


def test_an_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path, b"x")
    assert str(info.value) == (
        f"cannot write {tmp_path}: it is a folder; give the name of a file to write (nothing was changed)"
    )


@posix
def test_a_pipe_or_a_link_named_like_an_output_in_the_folder(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    """In an output folder (not a file the user named), a pipe would hang the build and a
    link would lead it to someone's file: both are refused, and --force replaces the pipe or
    the link itself, never what a link points to."""
    path, out = project
    out.mkdir()
    os.mkfifo(out / "overview.dot")
    theirs = tmp_path / "bashrc"
    theirs.write_text("export PATH=...\n", encoding="utf-8")
    (out / "reporting.dot").symlink_to(theirs)
    with pytest.raises(NotOurs) as info:
        build(path, out, formats=("dot",))
    assert info.value.names == ["overview.dot", "reporting.dot"]
    build(path, out, formats=("dot",), force=True)
    assert stat.S_ISREG((out / "overview.dot").lstat().st_mode)
    assert stat.S_ISREG((out / "reporting.dot").lstat().st_mode)
    assert theirs.read_text(encoding="utf-8") == "export PATH=...\n"


# -- 24.2: permissions ----------------------------------------------------------------------


@posix
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(
    tmp_path: Path, project: tuple[Path, Path], umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        build(project[0], project[1], formats=("dot",))
        written = write_atomic(tmp_path / "export.json", b"{}")
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in project[1].iterdir()}
    assert set(modes.values()) == {mode}, modes
    assert stat.S_IMODE(written.stat().st_mode) == mode


@posix
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, cli: Cli, project: tuple[Path, Path]) -> None:
    private = tmp_path / "private.json"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    assert cli("export", str(project[0]), "--to", "json", "-o", str(private)).status == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert json.loads(private.read_text("utf-8"))["nodes"]
    shared = tmp_path / "shared.json"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o664)
    write_atomic(shared, b"new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664


# -- 20.7: writes that fail, names and folders the system refuses ---------------------------


def test_an_out_name_over_255_characters_is_a_plain_message(
    cli: Cli, project: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / ("x" * 300)
    for command in (("build", "--format", "dot"), ("render", "--format", "dot"), ("guide",)):
        result = cli(command[0], str(project[0]), "--out", str(out), *command[1:])
        assert result.status == 2, result.err
        assert result.err == (
            f"boardmap: cannot write {out}: the name is too long for this "
            "file system (at most 255 characters a name); choose a shorter "
            "one (nothing was changed)\n"
        )


def test_an_unsearchable_folder_is_a_plain_message(
    cli: Cli, project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 does not stop root, so the refusal is injected where the system gives it."""
    locked_away = tmp_path / "locked"
    real = os.stat

    def refuse(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(locked_away)) and str(path) != str(locked_away):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    locked_away.mkdir()
    monkeypatch.setattr(os, "stat", refuse)
    result = cli("build", str(project[0]), "--out", str(locked_away / "out"), "--format", "dot")
    assert result.status == 2
    assert result.err == (
        f"boardmap: cannot write {locked_away / 'out'}: permission denied; "
        "choose a folder you can write to with --out (nothing was changed)\n"
    )


def test_an_os_error_naming_a_file_is_not_called_a_bug(
    cli: Cli, project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    check_command = importlib.import_module("boardmap.cli.check")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO), "/mnt/share/map.yaml")

    monkeypatch.setattr(check_command, "load_located", refuse)
    result = cli("check", str(project[0]))
    assert result.status == 2
    assert result.err == "boardmap: cannot use /mnt/share/map.yaml: Input/output error\n"


def test_a_read_only_file_among_the_outputs(
    project: tuple[Path, Path], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replacing a read-only file fails on some systems (a sync folder, Windows): the
    message names the files replaced before it."""
    path, out = project
    assert cli("build", str(path), "--out", str(out), "--format", "dot").status == 0
    path.write_text(MAP.replace("Testshire", "Newshire"), encoding="utf-8")
    real = os.replace

    def read_only(src: str, dst: str) -> None:
        if str(dst).endswith("challenge.dot"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dst)
        real(src, dst)

    monkeypatch.setattr(os, "replace", read_only)
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 2
    assert result.err == (
        f"boardmap: cannot write {out / 'challenge.dot'}: permission denied; "
        "choose a folder you can write to with --out. 2 files were already "
        "replaced, each whole: overview.dot, reporting.dot; every other "
        "file is as it was\n"
    )
    assert not list(out.glob(TEMP_PREFIX + "*"))


def test_export_csv_failing_on_its_second_file_names_the_first(
    project: tuple[Path, Path], cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def full_on_second(src: str, dst: str) -> None:
        if str(dst).endswith("-connections.csv"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", full_on_second)
    stem = tmp_path / "map"
    result = cli("export", str(project[0]), "--to", "csv", "-o", f"{stem}.csv")
    assert result.status == 2
    assert result.err == (
        f"boardmap: cannot write {stem}-connections.csv: the disk is full; "
        "free some space and run it again. 1 file was already replaced, "
        f"each whole: {stem}-elements.csv; every other file is as it was\n"
    )


def test_after_a_full_disk_part_way_the_next_build_of_a_changed_map_needs_no_force(
    project: tuple[Path, Path], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files replaced before the disk filled are recorded as pending in the manifest
    first, so they are still provably boardmap's when the map has changed again."""
    path, out = project
    assert cli("build", str(path), "--out", str(out), "--format", "dot").status == 0
    path.write_text(MAP.replace("Testshire", "Newshire"), encoding="utf-8")
    real = os.replace

    def full(src: str, dst: str) -> None:
        if str(dst).endswith("challenge.dot"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", full)
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 2 and "2 files were already replaced" in result.err
    monkeypatch.setattr(os, "replace", real)
    path.write_text(MAP.replace("Testshire", "Thirdshire"), encoding="utf-8")
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 0, result.err
    assert "Thirdshire" in (out / "overview.dot").read_text("utf-8")
    assert all("pending" not in entry for entry in read_manifest(out).values())


@posix
def test_a_single_write_beside_a_build_keeps_its_temp_file(tmp_path: Path) -> None:
    """`export -o out/x.json` while a build holds out/: the export waits for the folder's
    lock, so the build's clean-up of stale temporary files cannot take the export's."""
    out = tmp_path / "out"
    out.mkdir()
    code = textwrap.dedent(f"""\
        import time
        from pathlib import Path
        from boardmap.outputs import locked, remove_stale_temp_files
        with locked(Path({str(out)!r})):
            print("locked", flush=True)
            time.sleep(1.0)
            remove_stale_temp_files(Path({str(out)!r}))
    """)
    other = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert other.stdout is not None and other.stdout.readline() == b"locked\n"
    started = time.monotonic()
    write_atomic(out / "x.json", b"{}")
    assert time.monotonic() - started > 0.5, "the write did not wait for the folder"
    assert other.wait(30) == 0
    assert (out / "x.json").read_bytes() == b"{}"


# -- 24.5: standard output closed or full ---------------------------------------------------


BROKEN = "boardmap: 1\nboards:\n" + "".join(
    f"  - {{id: b{i}, name: B, kind: nonsense}}\n" for i in range(4000)
)


@posix
def test_check_into_a_closed_pipe_exits_with_its_own_status(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader (`head`) has gone before boardmap writes
    proc = subprocess.run(
        [sys.executable, "-m", "boardmap", "check", str(path)],
        stdout=write,
        stderr=subprocess.PIPE,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    os.close(write)
    assert proc.returncode == 2
    assert proc.stderr.decode().endswith(
        "boardmap: standard output was closed before everything was written; exit status 2\n"
    )
    assert b"Traceback" not in proc.stderr and b"Exception ignored" not in proc.stderr


@posix
def test_check_piped_into_head_exits_2_for_a_map_that_does_not_load(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    shell = f"set -o pipefail; {sys.executable} -m boardmap check {path} | head -1"
    proc = subprocess.run(
        ["bash", "-c", shell], capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert proc.returncode == 2
    assert proc.stdout.decode().count("\n") == 1
    assert b"bug in boardmap" not in proc.stderr


@posix
@pytest.mark.parametrize("command", [("check",), ("export", "--to", "json"), ("schema",)])
def test_started_with_standard_output_closed(tmp_path: Path, command: tuple[str, ...]) -> None:
    """`boardmap check map.yaml >&-`: Python has no standard output at all."""
    path = tmp_path / "map.yaml"
    path.write_text(BROKEN if command[0] == "check" else MAP, encoding="utf-8")
    args = " ".join([command[0], *([str(path)] if command[0] != "schema" else []), *command[1:]])
    proc = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m boardmap {args} >&-"],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    status = 2 if command[0] == "check" else 0
    assert proc.returncode == status
    assert proc.stderr.decode().endswith(
        f"boardmap: standard output was closed before everything was written; exit status {status}\n"
    )
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr


@posix
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_standard_output_on_a_full_disk_is_not_a_bug(project: tuple[Path, Path]) -> None:
    with open("/dev/full", "wb") as full:
        proc = run_cli("check", str(ROOT / "data" / "boards.yaml"), stdout=full.fileno())
    assert proc.returncode == 2
    assert proc.stderr.decode().endswith(
        "boardmap: cannot write to standard output: the disk is full; free some space and run it again\n"
    )
    assert b"bug in boardmap" not in proc.stderr and b"Exception ignored" not in proc.stderr


# -- 20.12: concurrent builds -----------------------------------------------------------------


@posix
def test_a_build_waits_for_the_folder_and_leaves_anothers_temp_file(project: tuple[Path, Path]) -> None:
    """Another process holds the folder, with its temporary file half written: a build's
    start-up clean-up must not delete it (it waits for the lock first)."""
    path, out = project
    out.mkdir()
    temp = out / f"{TEMP_PREFIX}other"
    code = textwrap.dedent(f"""\
        import sys, time
        from pathlib import Path
        from boardmap.outputs import locked
        with locked(Path({str(out)!r})):
            Path({str(temp)!r}).write_bytes(b"half")
            print("locked", flush=True)
            time.sleep(1.5)
            sys.exit(0 if Path({str(temp)!r}).read_bytes() == b"half" else 1)
    """)
    other = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert other.stdout is not None and other.stdout.readline() == b"locked\n"
    started = time.monotonic()
    build(path, out, formats=("dot",))
    assert time.monotonic() - started > 0.5, "the build did not wait for the lock"
    assert other.wait(30) == 0, "the other process's temporary file was deleted"


@posix
def test_two_builds_at_once_both_finish_whole(project: tuple[Path, Path]) -> None:
    path, out = project
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "boardmap", "build", str(path), "--out", str(out), "--format", "dot"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert set(read_manifest(out)) == DOTS | {"index.md", "guide.html", "guide.md", "glance.html"}
    assert not list(out.glob(TEMP_PREFIX + "*"))
    assert build(path, out, formats=("dot",)).written == []


def test_the_lock_is_reentrant_within_a_thread(tmp_path: Path) -> None:
    with locked(tmp_path), locked(tmp_path):
        pass


# -- the manifest, fuzzed -------------------------------------------------------------------


def _json_values() -> object:
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
        max_leaves=20,
    )


def test_fuzzed_manifests_parse_or_are_refused_by_name(tmp_path: Path) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    names = st.sampled_from(
        [
            "overview.svg",
            "index.md",
            "../up.svg",
            "notes.txt",
            "a.SVG",
            "",
            ".boardmap-manifest.json",
            "x" * 300 + ".svg",
        ]
    )
    entry = st.fixed_dictionaries(
        {"inputs": st.text(max_size=5), "sha256": st.sampled_from(["0" * 64, "g" * 64, "", "0"])}
    )
    manifests = st.fixed_dictionaries(
        {
            "manifest": st.sampled_from([1, 1.0, True, "1", 2]),
            "outputs": st.dictionaries(names, entry | _json_values(), max_size=4),
        }
    )

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(st.one_of(manifests, _json_values(), st.binary(max_size=40).map(lambda b: b)))
    def attempt(value: object) -> None:
        data = value if isinstance(value, bytes) else json.dumps(value).encode("utf-8")
        try:
            entries = parse_manifest(data, tmp_path / MANIFEST)
        except ManifestError as exc:
            assert str(exc).startswith(f"{tmp_path / MANIFEST} is not a manifest boardmap wrote: ")
            return
        for name, item in entries.items():
            assert "/" not in name and not name.startswith(".")
            assert name.rsplit(".", 1)[1] in OUTPUT_KINDS
            assert len(item["sha256"]) == 64

    attempt()


def test_a_build_over_a_fuzzed_manifest_deletes_nothing_it_did_not_write(project: tuple[Path, Path]) -> None:
    """Random manifests over a folder holding a person's files: whatever the manifest says,
    those files survive, and the build ends in outputs or a plain refusal."""
    import random

    path, out = project
    rng = random.Random(20)
    names = ["board-old.dot", "notes.dot", "index.md", "overview.dot", "readme.md"]
    for _ in range(60):
        if out.exists():
            for p in out.iterdir():
                p.unlink()
        else:
            out.mkdir()
        theirs = {}
        for name in rng.sample(names, 2):
            (out / name).write_text(f"a person's {name}", encoding="utf-8")
            theirs[name] = (out / name).read_bytes()
        entries: dict[str, object] = {}
        for name in rng.sample(names, rng.randint(0, 4)):
            digest = rng.choice(["0" * 64, sha(f"a person's {name}x".encode()), "f" * 64])
            entries[name] = {"inputs": rng.choice(["", "x"]), "sha256": digest}
        manifest(out, entries)
        force = rng.random() < 0.3
        try:
            build(path, out, formats=("dot",), force=force)
        except NotOurs:
            pass
        for name, data in theirs.items():
            if force and name in ("index.md", "overview.dot"):  # --force replaces outputs
                assert (out / name).read_bytes() != data
            else:
                assert (out / name).read_bytes() == data, name


# -- 20.2 and 20.10: text that reaches SVG and Graphviz ----------------------------------------


HOSTILE_TEXT = """\
boardmap: 1
area: "Test\\x01shire\\x07\\x1b[31m\\vX\\uFFFE"
as_of: 2014-06-17
boards:
  - id: board-a
    name: "Board\\x01 A\\x07 \\x1b[31m red\\v tab \\uFFFE\\uFFFF"
    kind: statutory-board
    purpose: 'Path C:\\Temp\\New and \\G'
  - id: board-b
    name: Board B
    kind: partnership
    purpose: 'Escapes \\N \\E \\T \\H \\L \\l \\n \\\\ end\\'
links:
  - {from: board-a, to: board-b, type: challenges, what: 'C:\\Temp\\New and \\G'}
"""


@pytest.fixture(scope="module")
def hostile_svgs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from boardmap.load import load_text
    from boardmap.render import render_all

    out = tmp_path_factory.mktemp("svg")
    gmap = load_text(HOSTILE_TEXT, file="map.yaml")
    render_all(gmap, out)
    return {p.name: p.read_bytes() for p in out.glob("*.svg")}


def test_control_characters_never_reach_the_svg(hostile_svgs: dict[str, bytes]) -> None:
    from xml.etree import ElementTree

    assert len(hostile_svgs) == 5
    for name, data in hostile_svgs.items():
        root = ElementTree.fromstring(data)  # well-formed, or this raises
        text = data.decode("utf-8")
        for bad in ("\x01", "\x07", "\x1b", "\x0b", "\ufffe", "\uffff"):
            assert bad not in text, (name, bad)
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text is not None
    overview = ElementTree.fromstring(hostile_svgs["overview.svg"])
    title = overview.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "How the boards relate, Test shire [31m X , 17 June 2014"


def test_graphviz_escapes_stay_verbatim_in_tooltips(hostile_svgs: dict[str, bytes]) -> None:
    from xml.etree import ElementTree

    titles = set()
    for data in hostile_svgs.values():
        for element in ElementTree.fromstring(data).iter():
            titles.add(element.get("{http://www.w3.org/1999/xlink}title"))
    assert "Path C:\\Temp\\New and \\G" in titles
    assert "Escapes \\N \\E \\T \\H \\L \\l \\n \\\\ end\\" in titles


def test_svg_that_is_not_well_formed_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    from boardmap.render import engines

    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    real = engines.render

    def broken(*args: object, **kwargs: object) -> bytes:
        return real(*args, **kwargs).replace(b"</svg>", b"\x01</svg>")  # type: ignore[arg-type]

    monkeypatch.setattr(engines, "render", broken)
    result = cli("render", str(path), "--out", str(tmp_path / "out"))
    assert result.status == 2
    assert "is not well-formed XML" in result.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_build_that_fails_late_says_truly_that_nothing_was_written(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    """The guide fails after every diagram is drawn: nothing is written (everything is made
    before anything is written), so 'Nothing was written' is true."""
    import boardmap.guide
    from boardmap.render.engines import RenderFailed

    path, out = project
    assert cli("build", str(path), "--out", str(out), "--format", "dot").status == 0
    before = snapshot(out)
    path.write_text(MAP.replace("Testshire", "Newshire"), encoding="utf-8")

    def fails(*args: object, **kwargs: object) -> None:
        raise RenderFailed("the guide's diagram could not be drawn")

    monkeypatch.setattr(boardmap.guide, "build_guide", fails)
    result = cli("build", str(path), "--out", str(out), "--format", "dot")
    assert result.status == 2
    assert result.err.endswith("Nothing was written: the outputs are as they were\n")
    assert snapshot(out) == before


@pytest.fixture(autouse=True)
def _no_leaked_umask() -> Iterator[None]:
    mask = outputs.current_umask()
    yield
    assert outputs.current_umask() == mask
