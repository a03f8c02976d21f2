"""The words of the findings about agreements between boards (issue 15): made only here, from
the facts the agreement rules find; bodies come in named for running text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from boardmap.say.grammar import a as with_a
from boardmap.say.grammar import agree, capital, count, join, long_date

JOINING = "challenge or reporting link"


def no_agreement(first: str, second: str, links: int, source: str | None) -> str:
    joined = with_a(JOINING) if links == 1 else count(links, JOINING)
    message = (
        f"{capital(first)} and {second} are joined by {joined}, but no agreement in this map sets "
        "out how they work together."
    )
    if source:
        message += f" A rule pack in force requires a written protocol between them ({source})."
    return message


def protocol_required(first: str, second: str, source: str) -> str:
    return (
        f"A rule pack in force requires a written protocol between {first} and {second} "
        f"({source}), and no agreement in this map is between them."
    )


def review_due(agreement: str, due: dt.date, on: dt.date) -> str:
    return (
        f"The agreement “{agreement}” was due for review by {long_date(due)}, which has passed "
        f"(this map describes {long_date(on)})."
    )


def draft(agreement: str, missing: Sequence[str]) -> str:
    said = f" {capital(join(list(missing)))} {agree('has', len(missing))} not agreed it." if missing else ""
    return f"The agreement “{agreement}” is still a draft.{said}"


def not_agreed(agreement: str, missing: Sequence[str]) -> str:
    return (
        f"The agreement “{agreement}” is marked as agreed, but this map records no agreement by "
        f"{join(list(missing), 'or')}."
    )


def covers_missing_link(agreement: str, link_type: str | None, sender: str, receiver: str) -> str:
    kind = f"{link_type} " if link_type else ""
    return (
        f"The agreement “{agreement}” sets out a {kind}link from {sender} to {receiver}, but this "
        "map has no such link."
    )


def covers_missing_route(agreement: str, route: str) -> str:
    return (
        f"The agreement “{agreement}” sets out the escalation route '{route}', but this map has no "
        "route with that id."
    )
