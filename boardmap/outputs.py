"""Writing one output file safely.

A regular file is written to a temporary file beside it, flushed and renamed into place, so a
reader sees the old file or the new one, never half, and a write that fails (a full disk, a
read-only folder, an interrupt) leaves what was there and no temporary file behind. A path
that is not a regular file (a device such as /dev/null, a named pipe, a link to
/proc/self/fd/1) is written straight into: renaming over it would replace the device or the
pipe with a file, and its reader would get nothing.

A new file gets the permissions the umask allows (as any program's would); a replaced file
keeps its own (a private 0600 file stays private).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from queue import SimpleQueue

from boardmap.errors import OutputError

TEMP_PREFIX = ".boardmap-tmp-"
# Names Windows reserves in any folder, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)

# A name that is its own stem: a-z, 0-9 and hyphens, starting and ending with a letter or digit.
_PLAIN_STEM = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", re.ASCII)


def safe_name(name: str) -> str:
    """The one file name stem (and SVG id) of a view, board, area or route name: one-to-one,
    and unable to leave its folder or name a device.

    A name that is already a plain stem (a-z, 0-9 and inner hyphens, at most 120
    characters, not a Windows device name) is its own stem: `board-hwbb`. Any other name
    keeps a readable part and adds ten hexadecimal digits of its SHA-256, so names that fold
    to one spelling stay apart: `area-Ynys Môn` and `area-Ynys Mön` are
    `area-ynys-m-n-<hash>` with two hashes, and the board ids `x` and `x-` are `board-x`
    and `board-x-<hash>`. (A map whose names still meet, which takes a name chosen to be
    another's hash, is refused by the loader: boardmap.load.)"""
    if len(name) <= 120 and _PLAIN_STEM.fullmatch(name) and name not in _WINDOWS_RESERVED:
        return name  # what the slug below makes of it: nearly every name (21,000 at 10,000 boards)
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "unnamed"
    if slug == name and len(slug) <= 120 and slug not in _WINDOWS_RESERVED:
        return slug
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug[:109].rstrip('-')}-{digest}"


def anchor(section: str, part: str) -> str:
    """The id of a part of a section in a page (its heading): the section's id, an
    underscore, the part. Section ids are ids or stems (no underscore), so no part's id can
    be another section's (a board `x-heading` and the heading of board `x`)."""
    return f"{section}_{part}"


def write_atomic(path: Path | str, data: bytes | str, *, through: bool = True) -> Path:
    """Write `data` to `path` all at once: readers see the old file or the new, never half.
    A path that is a device, a pipe or a socket (or a link to one) is written straight into
    where `through` (a file the user named); otherwise it is replaced like any other (an
    output folder's files, where a pipe of that name would only hang the command)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    existing = _existing(path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if through:
            _write_through(path, payload, existing)
            return path
        existing = None
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else new_file_mode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(path, reason(exc)) from exc
    # The folder's lock, so that a build's clean-up of killed processes' temporary files
    # (remove_stale_temp_files) cannot take this one's: `export -o diagrams/x.json` beside
    # a build into diagrams/.
    with locked(path.parent, required=False):
        _replace(path, payload, mode)
    return path


def _replace(path: Path, payload: bytes, mode: int) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(path, reason(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException as exc:  # includes KeyboardInterrupt: never leave the temp file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(path, reason(exc)) from exc
        raise


class Staged:
    """Files of one folder written ahead to temporary files beside their places, each made
    durable (fsync) by a few background threads while the caller goes on, and renamed into
    place one by one when it says so (`replace`): each file is still replaced atomically,
    its bytes on disk before its name, as write_atomic does; only the waiting for the disk
    is done meanwhile, several files at once, rather than for each file in turn (a build's
    914 fsyncs, 0.4 s and more at its end). Staging is only a head start: a file that could
    not be staged is written by write_atomic at its turn, which says what went wrong.
    `discard` removes what was staged and not replaced. Hold the folder's lock throughout
    (boardmap.folder.OutputFolder does), so no other boardmap clears these files."""

    THREADS = 4

    def __init__(self) -> None:
        self._files: dict[Path, tuple[str, bytes, Future[str]]] = {}
        self._queue: SimpleQueue[tuple[str, bytes, Future[str]] | None] | None = None
        self._mode: int | None = None

    def stage(self, path: Path, payload: bytes) -> None:
        """Write `payload` to a temporary file beside `path`, to be synced meanwhile: not
        where `path` holds these bytes already (nothing is to be written), nor again where
        these very bytes are staged for it."""
        staged = self._files.get(path)
        if staged is not None and staged[1] is payload:
            return
        self.drop(path)
        try:
            existing = path.lstat()
        except OSError:
            existing = None
        if existing is not None and stat.S_ISREG(existing.st_mode):
            if existing.st_size == len(payload) and read_bytes(path) == payload:
                return
            mode = stat.S_IMODE(existing.st_mode)  # a replaced file keeps its own
        elif existing is not None:
            return  # a link, a device, a pipe: write_atomic decides what becomes of it
        else:
            if self._mode is None:
                self._mode = new_file_mode()
            mode = self._mode
        try:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
        except OSError:
            return
        # Listed at once, so that `discard` removes it whatever interrupts what follows (a
        # Ctrl-C while writing, SIGTERM): no temporary file outlives the build.
        synced: Future[str] = Future()  # the bytes' SHA-256, once they are on disk
        self._files[path] = (tmp, payload, synced)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                os.fchmod(handle.fileno(), mode)
        except OSError:
            self.drop(path)
            return
        if self._queue is None:
            self._queue = SimpleQueue()
            for _ in range(self.THREADS):
                # Daemon threads: an interrupted build does not wait for a disk at its exit.
                threading.Thread(target=_syncing, args=(self._queue,), daemon=True).start()
        self._queue.put((tmp, payload, synced))

    def replace(self, path: Path, payload: bytes) -> bool:
        """Rename the file staged for `path` into place, once it is on disk, if it holds
        `payload`; whether it did (if not, the caller writes the file itself)."""
        staged = self._files.get(path)
        if staged is None or not (staged[1] is payload or staged[1] == payload):
            return False
        tmp, _, synced = staged
        try:
            synced.result()  # the wait an interrupt most often lands in: still listed here
            os.replace(tmp, path)
        except OSError as exc:
            self.drop(path)
            raise OutputError(path, reason(exc)) from exc
        del self._files[path]
        return True

    def digest(self, path: Path, payload: bytes) -> str | None:
        """The SHA-256 of `payload` where it is what was staged for `path` and its thread
        has worked it out (hashlib lets other threads run while it hashes), else None."""
        staged = self._files.get(path)
        if staged is None or staged[1] is not payload or not staged[2].done():
            return None
        return None if staged[2].exception() is not None else staged[2].result()

    def drop(self, path: Path) -> None:
        """Remove what was staged for `path` (its sync, if still to come, finds it gone)."""
        staged = self._files.pop(path, None)
        if staged is not None:
            _unlink(staged[0])

    def discard(self) -> None:
        """Remove every file staged and not replaced; let the threads end."""
        for path in list(self._files):
            self.drop(path)
        if self._queue is not None:
            for _ in range(self.THREADS):
                self._queue.put(None)
            self._queue = None


def _syncing(queue: SimpleQueue[tuple[str, bytes, Future[str]] | None]) -> None:
    """A thread's work: make each staged file durable and hash its bytes (for the
    folder's manifest), until told to stop (None)."""
    while (job := queue.get()) is not None:
        tmp, payload, synced = job
        try:
            fd = os.open(tmp, os.O_WRONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            synced.set_exception(exc)
        else:
            synced.set_result(hashlib.sha256(payload).hexdigest())


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_all(files: list[tuple[Path | str, bytes | str]]) -> list[Path]:
    """Write several files the user named, each atomically, in order. Where one fails, its
    OutputError names the files already replaced (the rest are as they were)."""
    written: list[Path] = []
    for path, data in files:
        try:
            written.append(write_atomic(path, data))
        except OutputError as exc:
            raise OutputError(exc.path, exc.reason, [str(p) for p in written]) from exc
    return written


# (thread, folder's real path) -> how many times that thread holds the folder. Two threads
# open the folder apart, and flock makes the second wait, as it would another process.
_HELD: dict[tuple[int, str], int] = {}


@contextmanager
def locked(folder: Path, *, required: bool = True) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (which exists) while writing there: another
    boardmap writing into it waits until this one is done. flock on the folder itself, so
    no lock file is left behind; re-entrant within a thread; a no-op where the system has no
    flock (Windows) or the file system has no locks (some network shares). Where the folder
    cannot be opened, an OutputError if `required`, else no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    key = (threading.get_ident(), os.path.realpath(folder))
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        if required:
            raise OutputError(folder, reason(exc)) from exc
        fd = -1
    if fd < 0:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # a file system without locks
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                raise OutputError(folder, reason(exc)) from exc
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
    finally:
        os.close(fd)  # closing releases the lock


def _existing(path: Path) -> os.stat_result | None:
    """What is at `path` now (following links), or None; a folder in the way, a name too
    long, or a folder that cannot be searched is an OutputError."""
    for folder in (path.parent, *path.parent.parents):
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
        found = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(path, reason(exc)) from exc
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(path, "it is a folder; give the name of a file to write")
    return found


def _write_through(path: Path, payload: bytes, existing: os.stat_result) -> None:
    """Write into a device, a named pipe or a link to one, as a shell's `>` would."""
    if stat.S_ISSOCK(existing.st_mode):
        raise OutputError(path, "it is a socket, not a file; give the name of a file to write")
    try:
        with open(path, "wb") as handle:
            handle.write(payload)
            handle.flush()
    except OSError as exc:
        raise OutputError(path, reason(exc)) from exc


def new_file_mode() -> int:
    """The permissions of a new file under the process's umask (0644 under the usual 022)."""
    return 0o666 & ~current_umask()


def current_umask() -> int:
    """The umask, read without changing it where the system allows (Linux's /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_if_changed(path: Path | str, data: bytes | str) -> bool:
    """Write only when the content differs, so unchanged files keep their timestamps.
    Returns whether the file was written."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if read_bytes(path) == payload:
        return False
    write_atomic(path, payload)
    return True


def read_bytes(path: Path) -> bytes | None:
    """A regular file's bytes, or None where there is none (or it cannot be read). A device
    or a pipe is never read: reading /dev/zero or a pipe with no writer would not end."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return path.read_bytes()
    except OSError:
        return None


def remove_stale_temp_files(folder: Path | str) -> None:
    """Clear temporary files left by a process that was killed outright (SIGKILL). Call it
    only while holding the folder's lock (boardmap.folder), so that no other boardmap is
    writing there."""
    folder = Path(folder)
    try:
        temps = list(folder.glob(TEMP_PREFIX + "*")) if folder.is_dir() else []
    except OSError:
        return
    for tmp in temps:
        try:
            tmp.unlink()
        except OSError:
            pass


def reason(exc: OSError) -> str:
    """Why a file could not be written, in words, with what to do."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and run it again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied; choose a folder you can write to with --out"
    if exc.errno == errno.ENAMETOOLONG:
        return (
            "the name is too long for this file system (at most 255 characters a name); choose a shorter one"
        )
    if exc.errno == errno.ENXIO:
        return "nothing is reading from this pipe; start its reader first"
    return f"{exc.strerror or exc}"
