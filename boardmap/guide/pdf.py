"""HTML -> PDF through Chromium's headless print, for the guide (`boardmap guide --format
pdf`) and the committee paper. Chromium is optional: without it the command says so and
what to install. The PDF's dates are set to the epoch, as for Graphviz's PDFs, so the same
page gives the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from boardmap.errors import BoardmapError, ToolMissing

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL = (
    "install Chromium (apt-get install chromium, brew install --cask chromium) or "
    "Google Chrome, or set BOARDMAP_CHROMIUM to its path"
)
TIMEOUT_SECONDS = 120.0


class PrintFailed(BoardmapError):
    """Chromium could not print the page."""


def chromium() -> str | None:
    """The path of a Chromium or Chrome to print with, if there is one."""
    given = os.environ.get("BOARDMAP_CHROMIUM")
    if given:
        return shutil.which(given)
    return next((found for name in NAMES if (found := shutil.which(name))), None)


def html_to_pdf(html: str, what: str = "the page") -> bytes:
    """The page printed to PDF (A4, no browser headers or footers)."""
    from boardmap.render.engines import _PDF_DATE, _epoch

    program = chromium()
    if program is None:
        raise ToolMissing(
            f"PDF of {what} needs Chromium, which is not installed: {INSTALL}; "
            "or write HTML and print it from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="boardmap-pdf-") as folder:
        page, out = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            program,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            f"--user-data-dir={Path(folder) / 'profile'}",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired as exc:
            raise PrintFailed(
                f"Chromium took longer than {TIMEOUT_SECONDS:.0f} seconds to print {what}, and was stopped"
            ) from exc
        except OSError as exc:
            raise ToolMissing(f"cannot run {program} ({exc.strerror or exc}): {INSTALL}") from exc
        if not out.is_file() or out.stat().st_size == 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PrintFailed(
                f"Chromium could not print {what} to PDF"
                f" ({reason[-1] if reason else f'exit status {done.returncode}'})"
            )
        data = out.read_bytes()
    return _PDF_DATE.sub(_epoch, data)
