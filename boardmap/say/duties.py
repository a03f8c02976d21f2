"""The words a statutory-duty-not-shown finding adds where the map holds the missing body
but not on its date: one that ended (with `until`) or has not yet begun (`since`), so that
'this map shows no Police and Crime Commissioner' is not read as the map never having one
(issue 14)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from boardmap.say.grammar import capital, long_date


def bodies_out_of_force(ended: Sequence[tuple[str, dt.date]], pending: Sequence[tuple[str, dt.date]]) -> str:
    """' The Kent Police and Crime Commissioner ended on 1 January 2024.' (each body named
    for running text, with its date), or '' where there is none."""
    sentences = [f"{capital(name)} ended on {long_date(day)}." for name, day in ended]
    sentences += [f"{capital(name)} begins only on {long_date(day)}." for name, day in pending]
    return "".join(f" {s}" for s in sentences)
