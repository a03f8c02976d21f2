"""The diff's sentences about escalation routes, shared priorities (themes) and agreements
between boards, said from the diff's records (the rest of the diff's words: say.diff)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from boardmap.model import Agreement, Escalation, Theme
from boardmap.say.diff import Namer, names_of, quote
from boardmap.say.grammar import count, long_date, sentence

# -- escalation routes --------------------------------------------------------------------------


def route_added(route: Escalation, name: Namer) -> str:
    return (
        f'There is a new escalation route, "{route.name}", for concerns between '
        f"{names_of(name, route.between)}, in {count(len(route.steps), 'step')}."
    )


def route_removed(route: Escalation) -> str:
    return f'The escalation route "{route.name}" is no longer in the map.'


def route_changed(route: Escalation, field: str, before: Any, after: Any, name: Namer) -> str:
    """A changed name, list of boards or description (steps: `step_changed`)."""
    quoted = f'"{route.name}"'
    if field == "name":
        return f'The escalation route "{before}" is now called {quoted}.'
    if field == "between":
        return (
            f"The escalation route {quoted} now settles concerns between "
            f"{names_of(name, after)} (previously {names_of(name, before)})."
        )
    if after:
        return f"The description of the escalation route {quoted} now reads: {quote(after)}"
    return f"The escalation route {quoted} no longer has a description."


def step_changed(
    route: Escalation,
    what: str,
    number: int,
    before: str | None,
    after: str | None,
    involves: tuple[Sequence[str], Sequence[str]] | None,
    name: Namer,
) -> str:
    """One step of a route: its boards changed ('involves'), its words changed
    ('reworded'), or the step 'added' or 'removed'; `number` counts from 1."""
    quoted = f'"{route.name}"'
    if what == "involves" and involves is not None:
        was, now = involves
        return (
            f"Step {number} of {quoted} now involves {names_of(name, now) or 'no named board'} "
            f"(previously {names_of(name, was) or 'no named board'})."
        )
    if what == "reworded":
        return (
            f"Step {number} of {quoted} now reads: {quote(after or '')} "
            f"It previously read: {quote(before or '')}"
        )
    if what == "added":
        return f"{quoted} has a new step {number}: {quote(after or '')}"
    return f"Step {number} of {quoted} has been removed. It read: {quote(before or '')}"


# -- shared priorities (themes) ---------------------------------------------------------------


def theme_added(theme: Theme, name: Namer) -> str:
    text = f'There is a new shared priority, "{theme.name}"'
    text += f", led by {name(theme.lead)}" if theme.lead else ", with no lead board yet"
    if theme.supports:
        text += f" and supported by {names_of(name, theme.supports)}"
    return text + "."


def theme_removed(theme: Theme) -> str:
    return f'The shared priority "{theme.name}" is no longer in the map.'


def theme_changed(theme: Theme, field: str, before: Any, after: Any, name: Namer) -> Iterator[str]:
    quoted = f'"{theme.name}"'
    if field == "name":
        yield f'The shared priority "{before}" is now called {quoted}.'
    elif field == "lead":
        if after:
            was = f"previously {name(before)}" if before else "it had no lead board before"
            yield sentence(f"{name(after)} now leads the shared priority {quoted} ({was})")
        else:
            was = name(before or "")
            yield f"The shared priority {quoted} no longer has a lead board (previously {was})."
    elif field == "supports":
        joined = [s for s in after if s not in before]
        left = [s for s in before if s not in after]
        if joined:
            verb = "supports" if len(joined) == 1 else "support"
            yield sentence(f"{names_of(name, joined)} now {verb} the shared priority {quoted}")
        if left:
            verb = "supports" if len(left) == 1 else "support"
            yield sentence(f"{names_of(name, left)} no longer {verb} the shared priority {quoted}")
    elif after:
        yield f"The description of the shared priority {quoted} now reads: {quote(after)}"
    else:
        yield f"The shared priority {quoted} no longer has a description."


# -- agreements --------------------------------------------------------------------------------


def agreement_added(agreement: Agreement, standing: str, name: Namer) -> str:
    between = names_of(name, agreement.between)
    return f"There is a new agreement, “{agreement.name}”, between {between}: {standing}."


def agreement_removed(agreement: Agreement, ended_on: dt.date | None) -> str:
    if ended_on is not None:
        return f"The agreement “{agreement.name}” lapsed: it ended on {long_date(ended_on)}."
    return f"The agreement “{agreement.name}” is no longer in the map."


_AGREEMENT_STATUS = {
    "withdrawn": "The agreement {quoted} has been withdrawn.",
    "agreed": "The agreement {quoted} is now agreed.",
    "draft": "The agreement {quoted} is a draft again.",
}


def agreement_changed(
    old: Agreement, new: Agreement, field: str, name: Namer, *, covered: int = 0, lapsed: bool = False
) -> str:
    """One changed field of an agreement (`agreed`: `agreement_signed`); `covered` is how
    many of the new map's links it sets out; `lapsed`, that its review date passed."""
    quoted = f"“{new.name}”"
    if field == "name":
        return f"The agreement “{old.name}” is now called {quoted}."
    if field == "status":
        return _AGREEMENT_STATUS[new.status].format(quoted=quoted)
    if field == "between":
        now, was = names_of(name, new.between), names_of(name, old.between)
        return f"The agreement {quoted} is now between {now} (previously {was})."
    if field == "covers":
        return f"The agreement {quoted} now sets out {count(covered, 'link')} of this map."
    if field == "review_by":
        if lapsed and new.review_by is not None:
            return (
                f"The agreement {quoted} lapsed: its review was due by {long_date(new.review_by)}, "
                "and the map records no new review date."
            )
        if new.review_by is None:
            return f"The agreement {quoted} no longer has a review date."
        was = f" (previously {long_date(old.review_by)})." if old.review_by else "."
        return f"The agreement {quoted} is now due for review by {long_date(new.review_by)}{was}"
    label = {"description": "description", "url": "web address"}.get(field, field)
    return f"The {label} of the agreement {quoted} has changed."


def agreement_signed(
    agreement: Agreement, by: str, on: dt.date, ref: str | None, signed: bool, name: Namer
) -> str:
    """An approval recorded (`signed`) or no longer recorded."""
    quoted = f"“{agreement.name}”"
    if signed:
        said_ref = f" ({' '.join(ref.split())})" if ref else ""
        return sentence(f"{name(by)} agreed {quoted} on {long_date(on)}{said_ref}")
    return f"The map no longer records that {name(by)} agreed {quoted} (on {long_date(on)})."
