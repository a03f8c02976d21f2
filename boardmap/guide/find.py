"""Find: an A to Z of what a reader may look for (boards, people and outside bodies,
concerns, shared priorities, escalation routes, abbreviations), each linked to its place.

The page shows it as a list of links, which works with scripts off; a small script, allowed
by its hash in the page's Content-Security-Policy, adds a search box above the guide that
filters the same list as the reader types (boardmap.guide.html).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class FindEntry:
    text: str  # what the list shows: "Health and Wellbeing Board (HWBB)"
    href: str  # where it leads: "#board-hwbb", or "area.html#board-hwbb" on another page
    terms: str = ""  # other words it is found by: its acronym, kind, lead board


def script() -> str:
    """The search box's script, as the page carries it."""
    return resources.files("boardmap.guide").joinpath("templates/find.js").read_text("utf-8").strip()


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def sorted_entries(entries: list[FindEntry]) -> list[FindEntry]:
    """A to Z, each place once per wording."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for entry in entries:
        if (entry.text, entry.href) not in seen:
            seen.add((entry.text, entry.href))
            unique.append(entry)
    return sorted(unique, key=lambda e: (e.text.casefold().removeprefix("the "), e.href))
