"""Writing a build's files ahead (boardmap.outputs.Staged, issue 23): each file goes to a
temporary file beside its place as soon as it is made, is synced meanwhile, and is renamed
into place only when the build writes it; nothing staged and not written is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from boardmap.errors import BoardmapError
from boardmap.folder import OutputFolder
from boardmap.outputs import TEMP_PREFIX, Staged, new_file_mode


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_a_staged_file_is_renamed_into_place_with_the_mode_a_new_file_gets(tmp_path: Path) -> None:
    staged = Staged()
    target = tmp_path / "a.svg"
    data = b"<svg/>"
    staged.stage(target, data)
    assert not target.exists() and len(temps(tmp_path)) == 1  # nothing shown yet
    assert staged.replace(target, data) is True
    assert target.read_bytes() == data
    assert stat.S_IMODE(target.stat().st_mode) == new_file_mode()
    assert temps(tmp_path) == []
    staged.discard()


def test_a_replaced_file_keeps_its_own_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.svg"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    staged = Staged()
    staged.stage(target, b"new")
    assert target.read_bytes() == b"old"
    assert staged.replace(target, b"new")
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new", 0o600)
    staged.discard()


def test_other_bytes_or_a_link_are_left_for_the_ordinary_write(tmp_path: Path) -> None:
    staged = Staged()
    target = tmp_path / "a.svg"
    staged.stage(target, b"one")
    assert staged.replace(target, b"two") is False  # the caller writes it itself
    link = tmp_path / "b.svg"
    link.symlink_to(tmp_path / "elsewhere.svg")
    staged.stage(link, b"x")
    assert staged.replace(link, b"x") is False
    staged.discard()
    assert temps(tmp_path) == [] and not target.exists()


def test_what_was_staged_and_not_written_is_removed_when_the_folder_is_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(BoardmapError), OutputFolder(out) as folder:
        folder.stage("a.svg", b"<svg/>")
        folder.stage("b.svg", b"<svg/>")
        assert len(temps(out)) == 2
        raise BoardmapError("the build stopped")
    assert temps(out) == []
    assert not (out / "a.svg").exists()


def test_the_folder_writes_staged_files_and_records_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        folder.stage("a.svg", b"A")
        folder.intend({"a.svg": b"A", "b.svg": b"B"})
        assert folder.write("a.svg", b"A") and folder.write("b.svg", b"B")  # b: not staged
        folder.save()
    assert (out / "a.svg").read_bytes() == b"A" and (out / "b.svg").read_bytes() == b"B"
    assert temps(out) == [] and folder.replaced == ["a.svg", "b.svg"]


def test_an_interrupt_while_staging_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C (or SIGTERM, which the CLI turns into an exception) between making the
    # temporary file and listing it would leave it behind: it is listed at once.
    staged = Staged()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fchmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        staged.stage(tmp_path / "a.svg", b"<svg/>")
    monkeypatch.undo()
    assert len(temps(tmp_path)) == 1
    staged.discard()
    assert temps(tmp_path) == []


def test_an_interrupt_while_waiting_for_the_disk_leaves_no_temporary_file(tmp_path: Path) -> None:
    # The wait for a file's sync is where a signal most often lands (the build's end): the
    # file stays listed until it is in place, so `discard` still removes it.
    staged = Staged()
    target = tmp_path / "a.svg"
    staged.stage(target, b"<svg/>")
    tmp, payload, synced = staged._files[target]

    class Waiting:
        def result(self) -> None:
            raise KeyboardInterrupt

    staged._files[target] = (tmp, payload, Waiting())  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        staged.replace(target, b"<svg/>")
    synced.result()  # let the real sync finish before the file goes
    staged.discard()
    assert temps(tmp_path) == [] and not target.exists()


def test_a_staged_file_s_digest_is_its_bytes_sha256_once_synced(tmp_path: Path) -> None:
    import hashlib
    import time

    staged = Staged()
    target = tmp_path / "a.svg"
    data = b"<svg>" + b"x" * 5000 + b"</svg>"
    staged.stage(target, data)
    deadline = time.monotonic() + 10
    while staged.digest(target, data) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert staged.digest(target, data) == hashlib.sha256(data).hexdigest()
    assert staged.digest(target, bytes(bytearray(data))) is None  # another object: not known
    assert staged.digest(tmp_path / "b.svg", data) is None
    staged.discard()


def test_the_same_bytes_staged_again_are_left_as_they_are(tmp_path: Path) -> None:
    """A build stages the guide's files as soon as they are made and again at their turn:
    the second time writes nothing (the same temporary file), other bytes replace them."""
    staged = Staged()
    target = tmp_path / "guide.html"
    data = b"<p>guide</p>"
    staged.stage(target, data)
    first = temps(tmp_path)
    staged.stage(target, data)
    assert temps(tmp_path) == first
    other = b"<p>other</p>"
    staged.stage(target, other)
    assert len(temps(tmp_path)) == 1 and temps(tmp_path) != first
    assert staged.replace(target, other) is True
    assert target.read_bytes() == other and temps(tmp_path) == []
    staged.discard()


def test_a_file_that_holds_the_bytes_already_is_not_staged(tmp_path: Path) -> None:
    """Nothing is to be written where the file holds these bytes (a rebuild that changes
    nothing in it); other bytes of the same length are staged."""
    target = tmp_path / "a.svg"
    target.write_bytes(b"<svg/>")
    staged = Staged()
    staged.stage(target, b"<svg/>")
    assert temps(tmp_path) == []
    staged.stage(target, b"<svG/>")
    assert len(temps(tmp_path)) == 1
    staged.discard()
