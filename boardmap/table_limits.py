"""Limits on reading tables (CSV files and .xlsx workbooks), each applied before the work it
guards, so that a hostile or broken file is refused with a plain message and exit 2, in
seconds and with memory bounded, rather than hanging, filling the memory or being called a
bug in boardmap.

A workbook is a zip of XML parts. Before openpyxl reads any of it, `check_package` reads
the zip's directory: how many parts, and how large each says it unpacks to (zipfile stops
reading a part at that size, so the figure cannot lie), and it refuses any part that
declares a DTD (`<!DOCTYPE`, `<!ENTITY`: the "billion laughs" and external entities;
Excel never writes one). A sheet's `<dimension>` is never trusted (it can claim a
million rows and 16,384 columns for one far cell, or fewer rows than the sheet holds):
`sheet_rows` reads the rows the sheet holds. Every table, from a CSV or a sheet, is read
through `Budget`, which counts rows, cells and the text they hold as they are read.
"""

from __future__ import annotations

import codecs
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from boardmap.errors import MapError, Problem, UsageError

# The same limits as a YAML map's (boardmap.load.MAX_FILE_BYTES and
# boardmap.yaml_problems.MAX_EXPANDED_CHARS, ALIAS_REPLAY_LIMIT).
MAX_TABLE_BYTES = 64 * 1024 * 1024  # a CSV file or a workbook, as stored
MAX_TEXT_CHARS = 64 * 1024 * 1024  # the text every cell of an import holds, all told
MAX_ITEMS = 100_000  # rows that hold something, in one table
# A workbook unpacks to XML several times the size of its text.
MAX_PART_BYTES = 64 * 1024 * 1024  # one part of a workbook, unpacked
MAX_PACKAGE_BYTES = 256 * 1024 * 1024  # all its parts, unpacked
MAX_PARTS = 10_000
# Rows read, blank ones too: no sheet holds more than Excel's 1,048,576.
MAX_ROWS_READ = 1_048_576
# Cells read, blank ones inside a row too: a row with one cell in column XFD is 16,384.
MAX_CELLS = 4_000_000
# However the limits above are met, reading stops after this long (an import of 100,000
# rows takes some 7 s here, 500 MB at its peak).
MAX_SECONDS = 300
# Problems reported from one import, at most.
MAX_PROBLEMS = 1000

_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)")
_ELEMENT = re.compile(r"<[A-Za-z_:]")
_CHUNK = 1 << 16


def _mb(size: int) -> str:
    return f"{size / 1_048_576:,.0f} MB"


def bad_workbook(path: Path, detail: str) -> UsageError:
    """The one message for a file that is not a workbook boardmap can read."""
    return UsageError(
        f"{path}: not an Excel workbook that boardmap can read ({detail}); "
        "open it in Excel or LibreOffice and save it as .xlsx"
    )


def check_package(path: Path) -> None:
    """Refuse a workbook whose parts would unpack too large, or that declares a DTD, before
    anything parses it. Raises UsageError."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
            if len(parts) > MAX_PARTS:
                raise UsageError(
                    f"{path}: the workbook holds {len(parts):,} parts; a workbook "
                    f"of boards holds a few dozen (boardmap reads up to "
                    f"{MAX_PARTS:,}): save the tables in a new workbook"
                )
            total = 0
            for part in parts:
                total += part.file_size
                if part.file_size > MAX_PART_BYTES:
                    raise UsageError(
                        f"{path}: the workbook's part {_name(part)} unpacks to "
                        f"{_mb(part.file_size)}; boardmap reads parts of up to "
                        f"{_mb(MAX_PART_BYTES)} (a sheet of 100,000 boards is smaller): save "
                        "the tables in a new workbook, or as CSV files"
                    )
            if total > MAX_PACKAGE_BYTES:
                raise UsageError(
                    f"{path}: the workbook unpacks to {_mb(total)}; boardmap reads "
                    f"workbooks of up to {_mb(MAX_PACKAGE_BYTES)} unpacked: save "
                    "the tables in a new workbook, or as CSV files"
                )
            for part in parts:
                if not part.is_dir() and _declares_dtd(book, part):
                    raise UsageError(
                        f"{path}: the workbook's part {_name(part)} declares a DTD "
                        "(<!DOCTYPE or <!ENTITY), which Excel never writes and which can be "
                        "made to expand without end or to read other files; boardmap does not "
                        "read it: open the workbook in Excel or LibreOffice and save it again"
                    )
    except zipfile.BadZipFile as exc:
        raise bad_workbook(path, str(exc)) from None
    except (
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        zlib.error,
        struct.error,
    ) as exc:
        # A damaged part, an encrypted one, or a compression zipfile does not know.
        raise bad_workbook(path, f"{type(exc).__name__}: {exc}") from None


def _name(part: zipfile.ZipInfo) -> str:
    from boardmap.messages import clip

    return clip(part.filename, 80)


def _declares_dtd(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (everything before its first element) declares a DTD.
    Read in pieces, in the encodings an XML parser would guess from its first bytes."""
    with book.open(part) as stream:
        head = stream.read(4)
        encoding = _guess_encoding(head)
        if encoding is None:
            return False  # not XML (an image, a binary part): no parser reads it as XML
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = decoder.decode(head)
        while True:
            element = _ELEMENT.search(text)
            prolog = text[: element.start()] if element else text
            if _DTD.search(prolog):
                return True
            if element:
                return False
            chunk = stream.read(_CHUNK)
            if not chunk:
                return False
            text = text[-16:] + decoder.decode(chunk)


def _guess_encoding(head: bytes) -> str | None:
    """The encoding an XML parser would read these first bytes in (XML 1.0, appendix F),
    or None where they cannot start an XML document."""
    for bom, name in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return name
    if head[:2] == b"<\x00":
        return "utf-32-le" if head[2:4] == b"\x00\x00" else "utf-16-le"
    if head[:2] == b"\x00<" or head[:4] == b"\x00\x00\x00<":
        return "utf-32-be" if head[:2] == b"\x00\x00" else "utf-16-be"
    if head[:1] == b"<" or head[:1].isspace():
        return "utf-8"
    if head[:4] == b"\x4c\x6f\xa7\x94":  # '<?xm' in EBCDIC
        return "cp037"
    return None


class Budget:
    """What one import has read so far: rows and cells per table, text in all, and the time
    it has taken. Raises MapError at the row where a limit is passed."""

    def __init__(self, problems: list[Problem] | None = None) -> None:
        self.text = 0
        self.started = time.monotonic()
        # The problems the reader collects: a flood of them (a formula in each of a million
        # cells) is cut short, as each costs memory and a line of output.
        self.problems = problems if problems is not None else []

    def rows(self, where: str, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        """The rows of one table, counted as they are read."""
        items = cells = 0
        number = 0
        for number, row in enumerate(rows, start=1):
            if number > MAX_ROWS_READ:
                raise self._refuse(
                    where,
                    number,
                    f"the table goes on past row "
                    f"{MAX_ROWS_READ:,}, more rows than Excel itself holds: "
                    "delete the rows below the table",
                )
            if number % 1024 == 0 and time.monotonic() - self.started > MAX_SECONDS:
                raise self._refuse(
                    where,
                    number,
                    f"reading the tables has taken more than "
                    f"{MAX_SECONDS // 60} minutes by this row, far longer than a "
                    "map of boards takes: check that this is the right file",
                )
            if len(self.problems) > MAX_PROBLEMS:
                kept = sorted(self.problems)[:MAX_PROBLEMS]
                raise MapError(
                    [
                        *kept,
                        Problem(
                            where,
                            number,
                            1,
                            "schema",
                            (
                                f"more than {MAX_PROBLEMS:,} problems by this row; boardmap stopped reading "
                                "here: fix those shown and import the tables again"
                            ),
                        ),
                    ]
                )
            cells += len(row)
            if cells > MAX_CELLS:
                raise self._refuse(
                    where,
                    number,
                    f"the table holds more than {MAX_CELLS:,} "
                    "cells by this row (a cell far to the right makes a row "
                    "that wide): delete the columns and rows outside the table",
                )
            size = 0
            for cell in row:
                value = getattr(cell, "value", cell)
                if isinstance(value, str):
                    size += len(value)
                elif value is not None:
                    size += 1
            if size and number > 1:  # a row below the headings that holds something
                items += 1
                self.text += size
                if items > MAX_ITEMS:
                    raise self._refuse(
                        where,
                        number,
                        f"the table holds more than "
                        f"{MAX_ITEMS:,} rows, far beyond any real map (a "
                        "national map has some 10,000 boards): split it, or "
                        "check that this is the right file",
                    )
                if self.text > MAX_TEXT_CHARS:
                    raise self._refuse(
                        where,
                        number,
                        f"the tables hold more than "
                        f"{_mb(MAX_TEXT_CHARS)} of text by this row, the most "
                        "a map may hold: check that this is the right file, or "
                        "split the map",
                    )
            yield row

    @staticmethod
    def _refuse(where: str, row: int, message: str) -> MapError:
        return MapError([Problem(where, row, 1, "schema", message)])


def sheet_rows(sheet: Any, path: Path, values_only: bool = True) -> Iterator[Sequence[Any]]:
    """The rows a read-only openpyxl sheet holds, whatever its `<dimension>` claims (a
    declared A1:XFD1048576 made openpyxl pad every row to 16,384 cells; a stale A1:D3 made it
    stop at row 3). Anything openpyxl raises while reading is the file's fault: UsageError."""
    try:
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=values_only)
    except Exception as exc:  # openpyxl on a damaged file; see below
        raise bad_workbook(path, _detail(exc)) from None
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except MemoryError:
            raise UsageError(f"{path}: the workbook is too large to read in the memory there is") from None
        except Exception as exc:
            # openpyxl reads XML a hostile file controls: a part that does not parse, a
            # cell naming a shared string that is not there (IndexError), a date out of
            # range (OverflowError), an attribute of the wrong kind (TypeError)... Each is
            # bad input; any bug in boardmap itself is outside this `try`.
            raise bad_workbook(path, _detail(exc)) from None
        yield row


def _detail(exc: BaseException) -> str:
    from boardmap.messages import clip

    return clip(f"{type(exc).__name__}: {exc}", 160)
