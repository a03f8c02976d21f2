"""The rules that keep a statutory duty from hiding by omission (issue 14): duties whose
counterpart the map leaves out, bodies the law requires of every area that the map lacks,
and rule packs that found nothing in the map to check.

Registered after rules.py (engine.catalogue imports this module second), so the
catalogue lists them after the other statutory rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from boardmap.checks import packs
from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, narrowing, rule
from boardmap.checks.rules.accountability import parent_duties
from boardmap.checks.rules.common import rules_line
from boardmap.say import duties as say_duties
from boardmap.say import findings as say
from boardmap.say.grammar import join
from boardmap.say.vocab import role_name_beside


@rule(
    "statutory-duty-not-shown",
    "info",
    "a duty a statutory rule pack names, whose counterpart the map does not hold at all",
    "Where the law requires a link between a statutory body and another body (a "
    "Safeguarding Adults Board sends its annual report to the Leader of the council and "
    "the Police and Crime Commissioner, Care Act 2014, Schedule 2, paragraph 4) and the map "
    "has no body of that kind, the duty cannot be seen, met or missed. This finding names "
    "the duty, its source and the bodies the map does not show, so that leaving a body out "
    "never hides a duty. It is information: the map is silent, not wrong. Where "
    "no-accountability already says whom the law makes a board answer to, the duty is not "
    "said again. A board serving several areas (its `areas`) is told, area by area, of a "
    "duty to such a body in each (`need: each`) that the map shows in one area and not "
    "another. Where the map holds the body only out of force (ended with `until`, or not "
    "yet begun), the finding says when. Not covered: bodies outside the map's area that "
    "the map does not mark with `areas`.",
    "Add the missing bodies (with the `statutory_role` the message gives) and the link the "
    "source requires; or, where the map leaves them out on purpose, accept the finding "
    "with the reason, naming each role it leaves out (`accepted:` with `rule` and `role`, "
    "one entry a role): an entry accepts only the body it names, and the finding stays "
    "open for the others.",
)
def statutory_duty_not_shown(ctx: Context) -> Iterator[Finding]:
    # no-accountability names whom the law makes a board answer to, where the map does not
    # show it, with the pack's requirement (a duty to several bodies together is said here:
    # no-accountability names those the map holds, this finding those it does not).
    said: dict[str, list[packs.UnshownDuty]] = ctx.memo("parent-duties", parent_duties)
    for duty in ctx.memo("unshown-duties", packs.unshown_duties):
        if duty not in said.get(duty.subject.id, ()):
            yield _duty_finding(ctx, duty)


def _duty_finding(ctx: Context, duty: packs.UnshownDuty) -> Finding:
    entry = duty.entry
    names = [f"the {packs.role_name(r)}" for r in duty.missing]
    text = entry.duty.format(board=ctx.the(duty.subject.id), other=join(names))
    roles = tuple(r for item in duty.missing for r in item.split("|"))
    # A duty to several offices together names each as the duty does ('the council's chief
    # executive' beside 'the chief executive of the integrated care board').
    noun = role_name_beside if entry.together else packs.role_name
    nouns = [noun(r) for r in duty.missing]
    message = say.duty_not_shown(text, entry.cited, nouns, roles, named=not entry.together, area=duty.area)
    message += _out_of_force(ctx, duty, roles)
    found = ctx.finding(
        "statutory-duty-not-shown", duty.subject, message, [duty.subject.id], source=entry.cited
    )
    return replace(
        found,
        roles=roles,
        missing=duty.missing,
        area=duty.area or packs.sole_area(duty.subject),
        requirement=f"{duty.pack}/{entry.id}",
    )


def _out_of_force(ctx: Context, duty: packs.UnshownDuty, roles: tuple[str, ...]) -> str:
    """The bodies of the missing roles that the map holds, in the board's areas (or the
    finding's area), but that ended before its date or begin after it."""
    on = ctx.gmap.as_of
    areas = {duty.area} if duty.area is not None else set(duty.subject.areas)
    found = [
        b
        for b in ctx.out_of_force.values()
        if b.statutory_role in roles and (not areas or not b.areas or areas.intersection(b.areas))
    ]
    found.sort(key=lambda b: ctx.order.get(b.id, 0))
    ended = [(ctx.the(b.id), b.until) for b in found if b.until is not None and b.until <= on]
    pending = [(ctx.the(b.id), b.since) for b in found if b.since is not None and on < b.since]
    return say_duties.bodies_out_of_force(ended, pending)


@narrowing("statutory-duty-not-shown")
def _duty_without(ctx: Context, finding: Finding, remaining: tuple[str, ...]) -> Finding:
    """The duty finding naming only the bodies still missing, where `accepted:` entries set
    the others aside (issue 14: an entry naming one role accepts that body alone)."""
    duties: list[packs.UnshownDuty] = ctx.memo("unshown-duties", packs.unshown_duties)
    for duty in duties:
        if (
            duty.subject.id == finding.boards[0]
            and f"{duty.pack}/{duty.entry.id}" == finding.requirement
            and (duty.area is None or duty.area == finding.area)
        ):
            return _duty_finding(ctx, replace(duty, missing=remaining))
    return finding  # not reached: every such finding comes from one of these duties


@rule(
    "missing-statutory-body",
    "info",
    "a body the law requires of every area is not in the map on its date",
    "Each rule pack lists the bodies the law requires of every local authority's area: a "
    "Health and Wellbeing Board, a Safeguarding Adults Board, safeguarding arrangements "
    "for children (a Local Safeguarding Children Board until 28 September 2019, a "
    "safeguarding partnership after), a Community Safety Partnership and a crime and "
    "disorder committee. A map checked against the pack that has none of one on its date "
    "gets this finding, with the date the last one ended where the map holds it with an "
    "`until`: a warning where the map ended the body and nothing took its place (for an "
    "Act's requirement), information where the map never shows one (it may lie outside "
    "what the map covers). Bodies are found by `statutory_role`, or by a basis or name "
    "that says what they are. A map of several areas (its boards list `areas`) needs one "
    "for each area it shows: a body that lists several areas serves each of them (a joint "
    "Safeguarding Adults Board), one that lists none serves the whole map. In a two-tier "
    "area each area is asked only for its councils' bodies: a district's (a council with "
    "`tier: district`, or named 'X District Council') needs no Health and Wellbeing "
    "Board, Safeguarding Adults Board or children's safeguarding arrangements, and a "
    "county's no Community Safety Partnership. Not covered: the tier of a council the map "
    "neither gives a `tier` nor names by it (its area is asked for every body).",
    "Add the body (with its `statutory_role`), or the one that took over from the ended "
    "body; if the map leaves it out on purpose, accept the finding with the reason, naming "
    "the body's role (`accepted:` with `rule`, `role` and, in a map of several areas, "
    "`area`).",
    severity_note="info / warning (ended)",
)
def missing_statutory_body(ctx: Context) -> Iterator[Finding]:
    unmatched = {p.pack for p in _unmatched(ctx)}
    for gap in packs.missing_bodies(ctx):
        if gap.pack in unmatched:
            continue  # rule-pack-matched-nothing says why: the map's bodies were not found
        entry = gap.entry
        boards = [b.id for b in (gap.ended, gap.pending) if b is not None]
        item = gap.ended or gap.pending
        file, line = ctx.where(item) if item is not None else rules_line(ctx)
        # A body the map ended with nothing in its place is a gap; one the map never shows
        # may lie outside what the map covers: information (issue 14).
        severity = entry.severity if gap.ended is not None else "info"
        yield Finding(
            file,
            line,
            "missing-statutory-body",
            severity,
            _missing_body_message(ctx, gap),
            tuple(boards),
            source=entry.cited,
            roles=tuple(entry.role.split("|")),
            area=gap.area,
            missing=(entry.role,),
            requirement=f"{gap.pack}/{entry.id}",
        )


def _missing_body_message(ctx: Context, gap: packs.BodyGap) -> str:
    entry = gap.entry
    ended = pending = None
    if gap.ended is not None:
        assert gap.ended.until is not None
        ended = (ctx.the(gap.ended.id), gap.ended.until)
    if gap.pending is not None:
        assert gap.pending.since is not None
        pending = (ctx.the(gap.pending.id), gap.pending.since)
    return say.missing_body(
        packs.role_name(entry.role),
        ctx.gmap.as_of,
        entry.duty,
        entry.cited,
        entry.role.split("|"),
        area=gap.area,
        council=_council_of(ctx, gap.area) if gap.area is not None else None,
        served=gap.served,
        ended=ended,
        pending=pending,
    )


def _council_of(ctx: Context, area: str) -> str | None:
    """The name of the one council in the map whose area is `area` alone, if there is one."""
    councils = [b for b in ctx.by_role.get("local-authority", []) if b.areas == [area]]
    return councils[0].name if len(councils) == 1 else None


@rule(
    "rule-pack-matched-nothing",
    "info",
    "the map asks for statutory rule packs, but none of its bodies is one they are about",
    "A rule pack checks the bodies the law names (a Health and Wellbeing Board, a "
    "Safeguarding Adults Board...), which boardmap knows by their `statutory_role`, or "
    "reads from a basis that cites the Act and section or from a well-known name. Where "
    "the map asks for packs and no body in it is one they are about, no link or member "
    "the law requires was checked, and this finding says so.",
    "Give each statutory body its `statutory_role` (the values are listed in the format "
    "reference), or a `basis` naming its Act and section.",
)
def rule_pack_matched_nothing(ctx: Context) -> Iterator[Finding]:
    for pack in _unmatched(ctx):
        subjects = _subjects(pack)
        file, line = rules_line(ctx)
        message = say.pack_matched_nothing(pack.pack, sorted(subjects))
        yield Finding(file, line, "rule-pack-matched-nothing", "info", message)


def _subjects(pack: packs.Pack) -> set[str]:
    found: set[str] = {e.board for e in pack.links}
    found.update(e.board for e in pack.members)
    found.update(e.board for e in pack.independence)
    return found


def _unmatched(ctx: Context) -> list[packs.Pack]:
    """The packs in force of which no body in the map is a subject."""
    return [p for p in packs.packs_in_force(ctx) if not any(ctx.by_role.get(r) for r in _subjects(p))]
