"""The command line: arguments in, library calls, messages and an exit status out.

`run(argv) -> int` does the work and never raises for bad input; `main()` exits with it.
Each command group lives in a module of this package (check, draw, build, compare, files)
that adds its parser and calls the library.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from boardmap.cli import build, check, compare, draw, files
from boardmap.cli.common import DEFAULT_MAP, EXIT_LOAD, Handler, err
from boardmap.collector import keep_until_exit
from boardmap.errors import BoardmapError, LayoutWarning, MapError
from boardmap.messages import clip
from boardmap.outputs import reason
from boardmap.say.commands import no_default_map
from boardmap.version import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boardmap",
        description="Map how a place's strategic boards relate, find the gaps, and keep the "
        "diagrams and the plain-language guide up to date.",
    )
    parser.add_argument("--version", action="version", version=f"boardmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.add_check(sub)
    check.add_rules(sub)
    check.add_explain(sub)
    check.add_schema(sub)
    draw.add_render(sub)
    draw.add_guide(sub)
    build.add_build(sub)
    compare.add_diff(sub)
    compare.add_protocol(sub)
    compare.add_compare(sub)
    files.add_export(sub)
    files.add_import(sub)
    files.add_template(sub)
    files.add_report(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. Bad input never raises out of here.

    Standard output is guarded: a reader that goes away (`boardmap check map.yaml | head`)
    or a full disk does not change what the command does, and the exit status is still the
    command's own (a map that does not load is 2 even when nobody read the report); a full
    disk or another failure to write it is exit 2 with a plain message."""
    original = sys.stdout
    # Started with standard output closed (`>&-`): Python has none; write into nothing.
    guard = _GuardedStdout(original if original is not None else open(os.devnull, "w"))  # noqa: SIM115
    guard.closed = original is None
    sys.stdout = guard
    try:
        status = _run(argv)
        guard.flush()
    finally:
        sys.stdout = original
        if original is None:
            guard.stream.close()
    if guard.failure is not None:
        _lost_stdout()
        err(f"boardmap: cannot write to standard output: {reason(guard.failure)}")
        return max(status, EXIT_LOAD)
    if guard.closed:
        _lost_stdout()
        err(f"boardmap: standard output was closed before everything was written; exit status {status}")
    return status


_STDOUT_LOST = False
# Whether the command run holds nothing that needs Python's clean-up at exit (no worker
# processes, threads, temporary files or open outputs): set from the command's defaults
# (`ends_at_once`, only `check` for now); main() then ends the process at once.
_ENDS_AT_ONCE = False
# Whether this is the process's own command line (main()), which ends the process when the
# command returns; run() alone (a test, a program) goes on after it.
_IN_MAIN = False


def _lost_stdout() -> None:
    global _STDOUT_LOST
    _STDOUT_LOST = True


class _GuardedStdout:
    """Standard output that notes a closed pipe or a failed write instead of raising, and
    drops what comes after, so the command runs on to its real exit status."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed = False  # the reader went away (EPIPE)
        self.failure: OSError | None = None  # anything else: a full disk, an I/O error

    def write(self, text: str) -> int:
        self._guarded(lambda: self.stream.write(text))
        return len(text)

    def flush(self) -> None:
        self._guarded(self.stream.flush)

    def _guarded(self, action: Callable[[], object]) -> None:
        if self.closed or self.failure is not None:
            return
        try:
            action()
        except BrokenPipeError:
            self.closed = True
        except OSError as exc:
            self.failure = exc
        except ValueError:  # written to after being closed (sys.stdout.close())
            self.closed = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message already
        return int(exc.code) if isinstance(exc.code, int) else EXIT_LOAD
    handler: Handler | None = getattr(args, "handler", None)
    global _ENDS_AT_ONCE
    _ENDS_AT_ONCE = bool(getattr(args, "ends_at_once", False))
    if _ENDS_AT_ONCE and _IN_MAIN:
        keep_until_exit()  # what the command leaves is freed by the process's end
    if handler is None:
        parser.print_help()
        return EXIT_LOAD
    given = list(sys.argv[1:] if argv is None else argv)
    if (
        getattr(args, "path", None) == DEFAULT_MAP
        and DEFAULT_MAP not in given
        and not os.path.exists(DEFAULT_MAP)
    ):
        # No PATH given and none where the default looks: say so, not "data/boards.yaml: no such file".
        err(f"boardmap: {no_default_map(str(args.command), DEFAULT_MAP)}")
        return EXIT_LOAD
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", LayoutWarning)
            warnings.showwarning = _show_warning
            return handler(args)
    except MapError as exc:
        for problem in exc.problems:
            err(str(problem))
        return EXIT_LOAD
    except BoardmapError as exc:
        err(f"boardmap: {exc}")
        return exc.exit_status
    except KeyboardInterrupt:
        err("boardmap: interrupted; outputs already written are complete, nothing is half-written")
        return 130
    except Exception as exc:
        if isinstance(exc, OSError) and exc.filename is not None:
            # A file or folder the system refused (a name too long, a folder that cannot be
            # searched): the environment, not a bug.
            err(f"boardmap: cannot use {clip(str(exc.filename), 300)}: {reason(exc)}")
            return EXIT_LOAD
        # A bug in boardmap, not in the map.
        if os.environ.get("BOARDMAP_DEBUG"):
            raise
        err(
            f"boardmap: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "boardmap, not in your map; please report it with the map attached. "
            "Set BOARDMAP_DEBUG=1 to see the details."
        )
        return 3


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """boardmap's own warnings (a diagram drawn in a simpler form) as one plain line."""
    err(f"boardmap: warning: {message}")


def _terminated(signum: int, frame: object) -> None:
    err("boardmap: terminated; outputs already written are complete, nothing is half-written")
    raise SystemExit(128 + signum)


def main() -> None:
    # Python's default for SIGTERM (kill, a CI job's timeout) ends the process at once, which
    # would leave a temporary file beside an output. As SystemExit it unwinds like Ctrl-C,
    # through the clean-up in outputs.write_atomic, and exits with the usual 128 + 15.
    signal.signal(signal.SIGTERM, _terminated)
    # The process ends once the command returns: Python's last collection at exit would walk
    # every object of the map to free nothing the end of the process does not (0.3 s of a
    # 10,000-board check). Frozen objects are left out of it; files are closed as before.
    atexit.register(gc.freeze)
    global _IN_MAIN
    _IN_MAIN = True
    status = run()
    if _STDOUT_LOST and sys.stdout is not None:  # what is still buffered cannot be
        try:  # written: drop it, quietly, at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    if _ENDS_AT_ONCE:
        _end_at_once(status)
    sys.exit(status)


def _end_at_once(status: int) -> None:
    """End the process now, its output flushed: Python's own exit would free every object of
    the map one by one (some 75 ms of CPU after a 10,000-board check) for memory the end of
    the process gives back anyway. mypy ends the same way, for the same reason."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone, or a stream closed: nothing to keep
            pass
    os._exit(status)
