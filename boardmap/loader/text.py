"""A map from YAML text (one file's worth), with its side table: what `load_text` reads, and
what the spreadsheet import checks its own output with."""

from __future__ import annotations

import datetime as dt

from boardmap.collector import no_gc
from boardmap.loader.dates import at_date
from boardmap.loader.file import validate
from boardmap.loader.merge import merge
from boardmap.origins import Loaded, Origins
from boardmap.source import Source


@no_gc()
def load_text_located(text: str, file: str = "<map>", as_of: dt.date | None = None) -> Loaded:
    """Load a map from YAML text, as `boardmap.load.load_located` does from a file."""
    source = Source(file, text)
    origins = Origins()
    parsed, problems = validate(source, origins)
    files = [(source, parsed)] if parsed is not None else []
    return at_date(merge(files, [source], problems, origins), as_of)
