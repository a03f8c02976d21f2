"""An output folder that boardmap writes into: its lock, its manifest, and which files in it
boardmap may replace or delete.

`<out>/.boardmap-manifest.json` records every file boardmap wrote there, with the SHA-256 of
its bytes (and, for `build`, the fingerprint of what it was made from). From it:

- a file is boardmap's own only while it is listed in a well-formed manifest AND its bytes
  still match the recorded hash; anything else (a page a person wrote, a diagram edited by
  hand, a name a hostile manifest lists) is someone else's;
- someone else's file is never deleted, and never replaced unless the user says `--force`;
- a manifest that is not one boardmap wrote (not JSON, not an object, a wrong entry) stops
  the command with exit 2 naming it, rather than being trusted or silently dropped.

While a command writes into a folder it holds a lock on the folder (flock on the folder
itself, so no lock file is left behind), so that two builds into one folder take turns and
one's clean-up of killed processes' temporary files cannot delete the other's.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Any

from boardmap import jsontext
from boardmap.errors import BoardmapError, OutputError
from boardmap.messages import clip
from boardmap.outputs import Staged, locked, read_bytes, reason, remove_stale_temp_files, write_atomic
from boardmap.say import folders

MANIFEST = ".boardmap-manifest.json"
MANIFEST_VERSION = 1
MANIFEST_LIMIT = 64 * 1024 * 1024  # bytes; a 10,000-board build's manifest is about 5 MB
# A name the manifest may list: a plain file name boardmap gives an output, nothing else
# (no folder, no dot file, only the kinds of file boardmap writes).
# Every kind of file a command writes through OutputFolder (OutputFolder.write refuses any
# other name, so a new kind is caught by its first test, not by a user's next build).
OUTPUT_KINDS = ("svg", "png", "pdf", "dot", "md", "html", "docx", "xlsx", "pptx", "drawio")
OUTPUT_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{0,199}\.(?:" + "|".join(OUTPUT_KINDS) + ")")
_SHA256 = re.compile(r"[0-9a-f]{64}")

Entries = dict[str, dict[str, str]]


class ManifestError(BoardmapError):
    """The manifest is not one boardmap wrote: exit 2, naming it, with what to do."""

    def __init__(self, path: Path, what: str) -> None:
        self.path, self.what = path, what
        super().__init__(str(self))

    def __str__(self) -> str:
        return folders.manifest_not_ours(str(self.path), self.what)


class NotOurs(BoardmapError):
    """Files that boardmap would replace but cannot prove it wrote: exit 2, naming them."""

    def __init__(self, out: Path, names: list[str]) -> None:
        self.out, self.names = out, sorted(names)
        super().__init__(str(self))

    def __str__(self) -> str:
        return folders.not_ours([str(self.out / name) for name in self.names], MANIFEST)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the manifest -------------------------------------------------------------------------------


def read_manifest(out: Path | str) -> Entries:
    """name -> {"inputs", "sha256"} as the last command wrote them; {} where there is no
    manifest. Raises ManifestError for anything that is not a manifest boardmap wrote."""
    return read_manifest_record(out)[0]


def read_manifest_record(out: Path | str) -> tuple[Entries, object]:
    """The manifest's entries (read_manifest) and its record of the last build's findings
    (boardmap.build.findings reads it; None where there is none)."""
    path = Path(out) / MANIFEST
    try:
        found = path.lstat()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            return {}, None
        raise ManifestError(path, f"it cannot be read ({reason(exc)})") from exc
    if not stat.S_ISREG(found.st_mode):
        raise ManifestError(path, "it is not a regular file")
    if found.st_size > MANIFEST_LIMIT:
        raise ManifestError(
            path,
            f"it is {found.st_size:,} bytes, more than the {MANIFEST_LIMIT // 2**20} MB a manifest may be",
        )
    try:
        data = path.read_bytes()
        return _parse_manifest(data, path)
    except OSError as exc:
        raise ManifestError(path, f"it cannot be read ({reason(exc)})") from exc


def parse_manifest(data: bytes, path: Path) -> Entries:
    """The entries of a manifest's bytes; ManifestError naming `path` for anything else."""
    return _parse_manifest(data, path)[0]


def _parse_manifest(data: bytes, path: Path) -> tuple[Entries, object]:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ManifestError(path, "it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ManifestError(
            path, f"it is not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ManifestError(path, "it is nested far too deeply to be a manifest") from None
    if not isinstance(parsed, dict):
        raise ManifestError(path, f"it holds {_kind(parsed)}, not an object")
    if parsed.get("manifest") != MANIFEST_VERSION or isinstance(parsed.get("manifest"), bool):
        raise ManifestError(
            path, f'its "manifest" is not {MANIFEST_VERSION}, the only version boardmap writes'
        )
    outputs = parsed.get("outputs")
    if not isinstance(outputs, dict):
        raise ManifestError(path, f'its "outputs" is {_kind(outputs)}, not an object')
    entries: Entries = {}
    for name, entry in outputs.items():
        if not OUTPUT_NAME.fullmatch(name):
            raise ManifestError(
                path, f"it lists '{clip(name)}', which is not a name boardmap gives an output"
            )
        if not (
            isinstance(entry, dict)
            and set(entry) in ({"inputs", "sha256"}, {"inputs", "sha256", "pending"})
            and isinstance(entry["inputs"], str)
            and len(entry["inputs"]) <= 200
            and all(isinstance(entry[k], str) and _SHA256.fullmatch(entry[k]) for k in entry if k != "inputs")
        ):
            raise ManifestError(
                path,
                f"its entry for '{name}' is not an object of "
                '"inputs" and a "sha256" of 64 hexadecimal digits',
            )
        entries[name] = dict(entry)
    return entries, parsed.get("findings")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "an object"


def manifest_text(entries: Mapping[str, Mapping[str, str]], findings: Mapping[str, Any] | None = None) -> str:
    """The manifest: the outputs' entries and, where given, the build's findings."""
    manifest: dict[str, Any] = {
        "manifest": MANIFEST_VERSION,
        "note": "Made by boardmap: the files it wrote here, and what each was made from. Do not edit.",
        "outputs": {name: dict(entries[name]) for name in sorted(entries)},
    }
    if findings is not None:
        manifest["findings"] = findings
    return jsontext.indented(manifest, indent=1) + "\n"


def owned(out: Path, previous: Entries, name: str, data: bytes | None = None) -> bool:
    """Whether the file `name` in `out` is boardmap's: listed in the manifest `previous`,
    and its bytes (`data`, or read now) match the record."""
    entry = previous.get(name)
    if entry is None:
        return False
    if data is None:
        data = read_bytes(out / name)
    # "pending": the bytes a run was about to write when it stopped (a full disk part-way).
    return data is not None and sha256(data) in (entry["sha256"], entry.get("pending"))


def foreign_files(out: Path, previous: Entries, files: Mapping[str, bytes]) -> list[str]:
    """The names among `files` (name -> new bytes) whose writing into `out` would replace a
    file that is not boardmap's (a pipe, a link, a file not recorded as it is now)."""
    found = []
    for name, data in files.items():
        path = out / name
        if not os.path.lexists(path):
            continue
        current = read_bytes(path)
        if current == data and not path.is_symlink():
            continue
        if current is None or path.is_symlink() or not owned(out, previous, name, current):
            found.append(name)
    return found


# -- the folder ---------------------------------------------------------------------------------


class OutputFolder:
    """A folder being written: locked, its manifest read, each write checked and recorded.

    with OutputFolder(out, force=force) as folder:
        folder.refuse_foreign(files)        # before writing anything
        for name, data in files.items():
            folder.write(name, data)
        folder.save()                       # the manifest, last
    """

    def __init__(self, out: Path | str, *, force: bool = False) -> None:
        self.out = Path(out)
        self.force = force
        self.previous: Entries = {}
        self.entries: Entries = {}
        self.replaced: list[str] = []  # names written by this run
        self.removed: list[str] = []
        self.left: list[str] = []  # files no longer made, left because they are not ours
        self.warning = ""  # a damaged manifest ignored under --force
        # The last build's findings as the manifest kept them, and this build's to keep
        # (boardmap.build.findings).
        self.previous_findings: object = None
        self.findings: dict[str, Any] | None = None
        self._lock: AbstractContextManager[None] | None = None
        self._staged = Staged()

    def __enter__(self) -> OutputFolder:
        _make_folder(self.out)
        self._lock = locked(self.out)
        self._lock.__enter__()
        try:
            remove_stale_temp_files(self.out)
            try:
                self.previous, self.previous_findings = read_manifest_record(self.out)
            except ManifestError as exc:
                if not self.force:
                    raise
                self.warning = f"{exc.path} was not a manifest boardmap wrote; it is replaced"
            self.entries = dict(self.previous)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._staged.discard()
            if kind is not None:
                # Stopped (Ctrl-C, SIGTERM, an error) perhaps between making a temporary file
                # and listing it: while the lock is held, every one in the folder is ours.
                remove_stale_temp_files(self.out)
        finally:
            if self._lock is not None:
                self._lock.__exit__(kind, exc, tb)

    def owns(self, name: str, data: bytes | None = None) -> bool:
        """Whether the file `name` is boardmap's: listed, and its bytes match the record."""
        return owned(self.out, self.previous, name, data)

    def foreign(self, files: Mapping[str, bytes]) -> list[str]:
        """The names among `files` whose writing would replace a file boardmap did not write
        (a file already holding exactly the new bytes is not replaced)."""
        return foreign_files(self.out, self.previous, files)

    def refuse_foreign(self, files: Mapping[str, bytes]) -> None:
        """Raise NotOurs, before anything is written, unless --force."""
        if not self.force:
            foreign = self.foreign(files)
            if foreign:
                raise NotOurs(self.out, foreign)

    def intend(self, files: Mapping[str, bytes]) -> None:
        """Before replacing any file, record in the manifest the bytes each is about to get
        ("pending"), so that a run stopped part-way (a full disk) leaves files the next run
        can still prove are boardmap's, whatever the map says by then."""
        interim = {name: dict(entry) for name, entry in self.previous.items()}
        changed = False
        for name, data in files.items():
            digest = self._digest(name, data)
            entry = interim.get(name)
            if entry is None:
                interim[name] = {"inputs": "", "sha256": digest}
                changed = True
            elif digest != entry["sha256"]:
                entry["pending"] = digest
                changed = True
        if changed:
            self.write_manifest(manifest_text(interim).encode("utf-8"))

    def stage(self, name: str, data: bytes) -> None:
        """Make a head start on writing `name` (boardmap.outputs.Staged): its bytes go to a
        temporary file now, synced meanwhile; `write` renames it into place, or writes the
        file itself where staging failed. Nothing the folder shows changes until then."""
        if OUTPUT_NAME.fullmatch(name):
            self._staged.stage(self.out / name, data)

    def write(self, name: str, data: bytes, inputs: str = "") -> bool:
        """Write `name` where its bytes differ, and record it; whether it was written."""
        if not OUTPUT_NAME.fullmatch(name):  # a bug: the manifest could not list it
            raise ValueError(f"{name!r} is not a name boardmap.folder.OUTPUT_NAME allows")
        path = self.out / name
        written = False
        digest = self._digest(name, data)
        if read_bytes(path) != data or path.is_symlink():
            try:
                if not self._staged.replace(path, data):
                    write_atomic(path, data, through=False)
            except OutputError as exc:
                raise OutputError(exc.path, exc.reason, self.replaced) from exc
            self.replaced.append(name)
            written = True
        self.entries[name] = {"inputs": inputs, "sha256": digest}
        return written

    def _digest(self, name: str, data: bytes) -> str:
        """The SHA-256 of the bytes for `name`: worked out already where they were staged."""
        return self._staged.digest(self.out / name, data) or sha256(data)

    def keep(self, name: str, inputs: str, digest: str) -> None:
        """Record a file left as it is (current already)."""
        self.entries[name] = {"inputs": inputs, "sha256": digest}

    def remove(self, name: str) -> bool:
        """Delete a file boardmap made and no longer makes, only if it is provably boardmap's;
        otherwise leave it (and say so in `left`)."""
        self.entries.pop(name, None)
        path = self.out / name
        if not OUTPUT_NAME.fullmatch(name) or not os.path.lexists(path):
            return False
        if path.is_symlink() or not self.owns(name):
            self.left.append(name)
            return False
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise OutputError(path, reason(exc), self.replaced) from exc
        self.removed.append(name)
        return True

    def forget(self, name: str) -> None:
        self.entries.pop(name, None)

    def save(self) -> bool:
        """Write the manifest (last); whether its bytes changed."""
        if self.previous and self.entries == self.previous and self.findings == self.previous_findings:
            # Nothing changed: the manifest read at the start records exactly these entries
            # (making its indented JSON is a sixth of a no-change build of a small map).
            return False
        text = manifest_text(self.entries, self.findings).encode("utf-8")
        return self.write_manifest(text)

    def write_manifest(self, text: bytes) -> bool:
        path = self.out / MANIFEST
        if read_bytes(path) == text:
            return False
        try:
            write_atomic(path, text, through=False)
        except OutputError as exc:
            raise OutputError(exc.path, exc.reason, self.replaced) from exc
        return True


def _make_folder(out: Path) -> None:
    """Make the output folder (and its parents) or say plainly why it cannot be."""
    for folder in (out, *out.parents):
        try:
            found = folder.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise OutputError(folder, reason(exc)) from exc
        if not stat.S_ISDIR(found.st_mode):
            raise OutputError(folder, "it is a file, not a folder: choose a folder with --out")
        break
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out, reason(exc)) from exc
