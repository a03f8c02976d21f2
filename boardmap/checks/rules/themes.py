"""The rules about themes, chairs and reviews: theme-without-lead, shared-chair-conflict and
review-overdue."""

from __future__ import annotations

from collections.abc import Iterator

from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, LinkKey, rule
from boardmap.checks.rules.common import challenge_pairs, named
from boardmap.model import Board, Theme
from boardmap.names import name_key
from boardmap.say import findings as say
from boardmap.say.vocab import LINK_VERBS

# -- themes, chairs, reviews, membership --------------------------------------------------------


@rule(
    "theme-without-lead",
    "warning",
    "a shared priority (theme) with no lead board",
    "A priority that several boards support but none leads tends to fall between them: "
    "nobody is clearly responsible for it, and partners cannot tell whom to ask. A lead "
    "the map names that has ended by the map's date (its `until` has passed) leads "
    "nothing, and the finding says so.",
    "Agree which board leads the theme and name it in `lead:` (where the lead has ended, "
    "the board that took over its work).",
)
def theme_without_lead(ctx: Context) -> Iterator[Finding]:
    for theme in ctx.gmap.themes:
        if theme.lead is not None:
            continue
        message = _leadless(ctx, theme) + say.theme_supporters(named(ctx, theme.supports))
        yield ctx.finding("theme-without-lead", theme, message, theme.supports, theme=theme.id)


def _leadless(ctx: Context, theme: Theme) -> str:
    """Why a theme has no lead on the map's date: none was named, or the lead the map names
    has ended (or not yet begun), which the loader's dated map no longer shows."""
    declared = ctx.undated_themes.get(theme.id)
    lead = ctx.out_of_force.get(declared.lead) if declared and declared.lead else None
    if lead is not None and lead.until is not None and lead.until <= ctx.gmap.as_of:
        return say.theme_lead_ended(theme.name, ctx.the(lead.id), lead.until)
    if lead is not None and lead.since is not None and ctx.gmap.as_of < lead.since:
        return say.theme_lead_not_begun(theme.name, ctx.the(lead.id), lead.since)
    return say.theme_unled(theme.name)


def _fold(text: str) -> str:
    # The one normalisation of names (boardmap.names): the same person written in NFD, with
    # a zero-width space or in capitals is one person.
    return name_key(text)


def _role_names(ctx: Context) -> dict[str, str]:
    return {_fold(b.name): b.id for b in ctx.gmap.boards if b.kind == "role"}


def _chair_keys(ctx: Context, board: Board) -> dict[str, str]:
    """A board's chairs, keyed so that the same person matches: a role's id, or the free
    text folded (case and spacing); text that is a role's name counts as that role."""
    names: dict[str, str] = ctx.memo("role-names", _role_names)
    keys: dict[str, str] = {}
    for chair in board.chairs:
        key = chair if chair in ctx.by_id else names.get(_fold(chair), _fold(chair))
        keys[key] = chair
    return keys


@rule(
    "shared-chair-conflict",
    "warning",
    "A challenges B and they share a chair (the same role or the same name)",
    "A board cannot hold another to account if the same person chairs both: the chair "
    "would be challenging their own board. Boards that share a chair but do not challenge "
    "each other are fine.",
    "Give one of the boards a different (ideally independent) chair, or move the challenge "
    "to a body the chair does not lead.",
)
def shared_chair_conflict(ctx: Context) -> Iterator[Finding]:
    pairs: dict[frozenset[str], list[LinkKey]] = ctx.memo("challenge-pairs", challenge_pairs)
    for links in pairs.values():
        a, b, _ = links[0]
        chairs_a = _chair_keys(ctx, ctx.by_id[a])
        if not chairs_a:
            continue
        shared = [
            k if k in ctx.by_id else chairs_a[k] for k in _chair_keys(ctx, ctx.by_id[b]) if k in chairs_a
        ]
        if not shared:
            continue
        message = say.shared_chair(ctx.the(a), ctx.the(b), named(ctx, shared))
        yield ctx.finding("shared-chair-conflict", ctx.first_link[links[0]], message, [a, b], links=links)


@rule(
    "review-overdue",
    "warning",
    "a link whose `review_by` date is before the map's date",
    "Arrangements between boards (protocols, reporting lines) are agreed for a time and "
    "should be reviewed by the date set. A review date in the past means the arrangement "
    "may no longer match what happens.",
    "Review the arrangement with both boards, then set a new `review_by` date (or remove "
    "the link if it has lapsed).",
)
def review_overdue(ctx: Context) -> Iterator[Finding]:
    on = ctx.gmap.as_of
    for link in ctx.links_with.review_by:
        if link.review_by is None or link.review_by >= on:
            continue
        what = LINK_VERBS[link.type].format(b=ctx.the(link.to))
        message = say.review_overdue(ctx.the(link.from_), what, link.review_by, on)
        yield ctx.finding(
            "review-overdue", link, message, [link.from_, link.to], links=[(link.from_, link.to, link.type)]
        )
