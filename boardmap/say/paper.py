"""The committee paper's words (`boardmap report`): its headings, and the sentences of its
summary, recommendations and background, made from the counts the checks return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from boardmap.say.grammar import count, join, long_date

WORDING: dict[str, str] = {
    "title": "Governance of {area}'s strategic boards: gaps in how they relate",
    "lede": "Report to the committee on the map of {area}'s boards as it stands on {date}.",
    "summary": "1. Summary",
    "recommendations": "2. Recommendations",
    "background": "3. Background",
    "findings": "4. Findings",
    "accepted": "5. Gaps accepted, with reasons",
    "sources": "6. Statutory sources",
    "none_open": "The map shows no open governance gap.",
    "none_accepted": "No gap has been accepted.",
    "none_sources": "No finding rests on a statutory source.",
    "what_to_do": "What to do:",
    "boards": "Boards:",
    "found_at": "Found at:",
    "source": "Source:",
    "accepted_caption": "Accepted gaps",
    "whole_map": "the map as a whole",
}
ACCEPTED_HEAD = ("Gap", "Boards", "Reason", "Accepted until")
SEVERITY_HEADINGS: dict[str, str] = {
    "error": "Errors: gaps that must be closed",
    "warning": "Warnings: gaps that should be closed or explained",
    "info": "Information: points to note",
}


def summary(
    area: str,
    on: dt.date,
    size: tuple[int, int],
    rules: Sequence[str],
    open_: tuple[int, int, int],
    accepted: int,
) -> str:
    """`size`: boards and links; `open_`: errors, warnings and points of information."""
    (boards, links), (errors, warnings, infos) = size, open_
    pack = "pack" if len(rules) == 1 else "packs"
    packs = f" and the statutory rule {pack} {join(list(rules))}" if rules else ""
    return (
        f"The map of {area}'s governance as it stands on {long_date(on)} holds "
        f"{count(boards, 'board')} and {count(links, 'link')} between them. Checked against the "
        f"rules of good governance{packs}, it shows {count(errors, 'error')}, "
        f"{count(warnings, 'warning')} and {count(infos, 'point')} of information still open, "
        f"and {count(accepted, 'gap')} accepted with reasons."
    )


def recommendations(errors: int, warnings: int, accepted: int, expiring: bool) -> list[str]:
    said = ["That the committee notes the governance gaps set out in section 4."]
    if errors:
        said.append(
            f"That the committee asks officers to close the {count(errors, 'error')} in section 4 "
            "and report back."
        )
    if warnings:
        said.append(
            f"That the committee agrees, for each of the {count(warnings, 'warning')}, either the "
            "action in section 4 or a reason to accept the gap."
        )
    if accepted:
        end = ", and renews or ends each acceptance before it expires." if expiring else "."
        said.append(f"That the committee reviews the {count(accepted, 'gap')} accepted in section 5{end}")
    return said


def background(area: str, on: dt.date, sources: Sequence[str]) -> list[str]:
    return [
        f"boardmap reads the map of {area}'s strategic boards, committees and partnerships, and "
        "the links between them (who reports to whom, who holds whom to account, who keeps whom "
        "informed), and checks it for gaps: bodies that answer to no one, statutory duties with "
        "no link to carry them, routes for concerns that lead nowhere.",
        f"The map describes {area} on {long_date(on)}. It came from {', '.join(sources) or 'one file'}.",
    ]


def footer(area: str, on: dt.date) -> str:
    return f"Made by boardmap from the map of {area} as it stands on {long_date(on)}."


def place(name: str, line: int, sheet: str | None = None) -> str:
    """Where a finding points: 'boards.yaml, line 42', or 'the boards sheet of boards.xlsx, row 3'."""
    return f"the {sheet} sheet of {name}, row {line}" if sheet else f"{name}, line {line}"
