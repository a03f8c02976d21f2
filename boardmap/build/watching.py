"""Watching a map's files: batches of changes, from watchfiles, for `boardmap build --watch`."""

from __future__ import annotations

import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def watch_changes(
    path: Path | str, stop_event: Any = None, poll: float = 0.5
) -> Iterator[set[tuple[Any, str]]]:
    """Batches of changes to a map's files, from watchfiles (editors that save by writing a
    new file and renaming it are seen too, since the folder is watched, not the file).

    The folder may be removed and made again (a branch switch, `git stash -u`, a sync tool):
    a watch on the removed folder would hear nothing more, so the folder's identity is
    checked every `poll` seconds; while it is gone the watch waits for it, and when it is
    back (or another folder has taken its place) a batch says so and watching goes on."""
    import watchfiles

    target = Path(path).resolve()
    folder_map = target.is_dir()
    folder = target if folder_map else target.parent

    def is_map(_change: Any, changed: str) -> bool:
        p = Path(changed)
        if folder_map:
            return p.parent == folder and p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".")
        return p == target

    def stopped() -> bool:
        return stop_event is not None and stop_event.is_set()

    while not stopped():
        identity = _identity(folder)
        back = False
        if identity is None:  # gone: wait for it to come back
            while identity is None and not stopped():
                time.sleep(poll)
                identity = _identity(folder)
            if stopped():
                return
            back = True
        moved = False
        # Ctrl-C ends the stream quietly rather than raising out of it. With a timeout the
        # stream yields at least every `poll` seconds, so its first batch comes once the
        # watch has started: saying the folder is back only then misses no edit made while
        # the build that follows runs.
        for batch in watchfiles.watch(
            folder,
            watch_filter=is_map,
            stop_event=stop_event,
            raise_interrupt=False,
            recursive=False,
            rust_timeout=max(1, int(poll * 1000)),
            yield_on_timeout=True,
        ):
            if back:
                batch = {*batch, (watchfiles.Change.added, str(folder))}
                back = False
            if batch:
                yield batch
            if _identity(folder) != identity:
                moved = True
                break
        if not moved:  # the stream ended: stopped, or Ctrl-C
            return


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of a folder, or None while there is none."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None
