"""Writing outputs safely: a temporary file beside the target, then an atomic rename.

A write that fails (a full disk, a read-only folder, an interrupt) leaves what was there
before untouched and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from boardmap.errors import OutputError

TEMP_PREFIX = ".boardmap-tmp-"
# Names Windows reserves in any folder, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)


def safe_name(stem: str) -> str:
    """A file name stem that cannot leave its folder or clash with a reserved name."""
    name = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-") or "unnamed"
    if name.split("-")[0] in _WINDOWS_RESERVED or name in _WINDOWS_RESERVED:
        name = f"{name}-"
    return name[:120]


def write_atomic(path: Path | str, data: bytes | str) -> Path:
    """Write `data` to `path` all at once: readers see the old file or the new, never half."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    for folder in (path.parent, *path.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise OutputError(folder, "it is a file, not a folder: choose a folder with "
                                  "--out (nothing was changed)")
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:  # includes KeyboardInterrupt: never leave the temp file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(path, _reason(exc)) from exc
        raise
    return path


def write_if_changed(path: Path | str, data: bytes | str) -> bool:
    """Write only when the content differs, so unchanged files keep their timestamps.
    Returns whether the file was written."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.is_file() and path.read_bytes() == payload:
            return False
    except OSError:
        pass
    write_atomic(path, payload)
    return True


def remove_stale_temp_files(folder: Path | str) -> None:
    """Clear temporary files left by a process that was killed outright (SIGKILL)."""
    folder = Path(folder)
    if folder.is_dir():
        for tmp in folder.glob(TEMP_PREFIX + "*"):
            try:
                tmp.unlink()
            except OSError:
                pass


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and run it again (nothing was changed)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied; choose a folder you can write to with --out (nothing was changed)"
    return f"{exc.strerror or exc} (nothing was changed)"
