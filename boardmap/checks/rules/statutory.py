"""The rules from the statutory rule packs (missing-statutory-link, missing-statutory-member,
statutory-independence, rule-pack-era), and the accepted-entry findings the engine raises."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from boardmap.checks import packs
from boardmap.checks.context import Context
from boardmap.checks.registry import Finding, LinkKey, narrowing, rule
from boardmap.checks.rules.accountability import unaccountable_ends
from boardmap.checks.rules.challenge import unscrutinised_boards
from boardmap.checks.rules.common import rules_line
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, Board
from boardmap.say import findings as say
from boardmap.say import members as say_members
from boardmap.say.vocab import LINK_VERBS

# -- statutory rule packs ------------------------------------------------------------------------


@rule(
    "missing-statutory-link",
    "warning",
    "a link that a statutory rule pack requires is absent",
    "A map that lists packs under `rules:` (england-2013, england-2019, england-2023) is "
    "checked against the links the law and statutory guidance require between bodies with a "
    "`statutory_role` (or a basis or name that says what they are): annual reports, "
    "accountability of chairs, scrutiny. An Act's requirement is a warning; statutory "
    "guidance's, an Act's power (scrutiny that may happen) and a requirement not checked "
    "against its text are information; each names its source. This rule reports a required "
    "link between two bodies the map holds; where the map lacks the other body altogether, "
    "statutory-duty-not-shown names the duty instead (a safeguarding partnership with no "
    "independent scrutineer is reported here, as the scrutiny is part of its own "
    "arrangements). Where no-accountability, unscrutinised or isolated-board already "
    "reports the board, the requirement is added to that finding instead. Not covered: "
    "what passes along a link, and how often.",
    "Add the link the source requires (with what passes and how often), or, if it exists "
    "outside the map's scope, accept the finding with the reason.",
    severity_note="warning (Act) / info (guidance)",
)
def missing_statutory_link(ctx: Context) -> Iterator[Finding]:
    ends: dict[str, list[str]] = ctx.memo("unaccountable-ends", unaccountable_ends)
    unchallenged = {b.id for b in ctx.memo("unscrutinised", unscrutinised_boards)}
    for gap in ctx.pack_gaps:
        entry = gap.entry
        if gap.others and gap.subject.kind in GOVERNANCE_KINDS and gap.subject.id not in ctx.linked:
            continue  # said in the isolated-board finding
        if (
            gap.others
            and entry.direction == "to"
            and entry.type in REPORTING_TYPES
            and gap.subject.id in ends
        ):
            continue  # said in the no-accountability finding
        if (
            gap.others
            and entry.direction == "from"
            and entry.type == "challenges"
            and gap.subject.id in unchallenged
        ):
            continue  # said in the unscrutinised finding
        # With need: any, the others are candidates, not the boards concerned.
        others = [o.id for o in gap.others] if entry.need == "each" else []
        found = ctx.finding(
            "missing-statutory-link",
            gap.subject,
            packs.gap_message(ctx, gap),
            [gap.subject.id, *others],
            severity=entry.severity,
            source=entry.cited,
            links=gap.links,
            requirement=f"{gap.pack}/{entry.id}",
        )
        yield replace(found, area=packs.sole_area(gap.subject), missing=gap.missing)


@rule(
    "missing-statutory-member",
    "warning",
    "a board lacks a member that a statutory rule pack requires",
    "The Acts name the bodies that must sit on a Health and Wellbeing Board, a Local "
    "Safeguarding Children Board, a safeguarding partnership, a Safeguarding Adults Board "
    "and a Community Safety Partnership. A board whose `members` are listed is checked for "
    "them, through the members' `statutory_role` (a chair counts as a member). A board "
    "with no members listed is not checked. A member the map lists that has ended by its "
    "date (a clinical commissioning group after 1 July 2022) is named, with what replaced "
    "it.",
    "Add the missing bodies to `members` (and give each its `statutory_role`), or accept "
    "the finding with the reason: for the board (`board`), or member by member (`role`, "
    "one entry a member, the finding staying open for the others).",
    severity_note="warning (Act) / info (guidance)",
)
def missing_statutory_member(ctx: Context) -> Iterator[Finding]:
    for gap in packs.member_gaps(ctx):
        yield _member_finding(ctx, gap)


def _member_finding(ctx: Context, gap: packs.MemberGap) -> Finding:
    """The finding, with the members the board lacks as data: each by its statutory roles
    ("ccg|icb" where either would do), so that `accepted:` entries name them by role."""
    entry = gap.entry
    found = ctx.finding(
        "missing-statutory-member",
        gap.board,
        _member_message(ctx, gap),
        [gap.board.id],
        severity=entry.severity,
        source=entry.cited,
        requirement=f"{gap.pack}/{entry.id}",
    )
    missing = tuple(item.roles for item in gap.items)
    roles = tuple(dict.fromkeys(r for item in missing for r in item.split("|")))
    return replace(found, missing=missing, roles=roles, area=packs.sole_area(gap.board))


@narrowing("missing-statutory-member")
def _member_without(ctx: Context, finding: Finding, remaining: tuple[str, ...]) -> Finding:
    """The member finding naming only the members still missing, where `accepted:` entries
    set the others aside."""
    for gap in ctx.memo("member-gaps", packs.member_gaps):
        if gap.board.id == finding.boards[0] and f"{gap.pack}/{gap.entry.id}" == finding.requirement:
            items = tuple(i for i in gap.items if i.roles in remaining)
            return _member_finding(ctx, replace(gap, items=items))
    return finding  # not reached: every such finding comes from one of these gaps


def _member_message(ctx: Context, gap: packs.MemberGap) -> str:
    entry = gap.entry
    head = say.members_missing(ctx.the(gap.board.id), entry.force == "act", gap.missing, entry.cited)
    dated = [i for i in gap.items if i.ended or i.pending]
    if not dated:
        return head + _none_listed(ctx, gap)
    # Members the map lists that have ended (or not yet begun): say so, and what replaces
    # them, rather than that none was listed.
    plain = [i for i in gap.items if not (i.ended or i.pending)]
    clauses: list[str] = []
    fixes: list[str] = []
    if plain:
        clauses.append(say.members_none_of([i.said for i in plain]))
        fixes.extend(say.with_role(i.said, i.roles.split("|")) for i in plain)
    for item in dated:
        for board in item.ended:
            assert board.until is not None
            clauses.append(say.member_ended(ctx.the(board.id), board.until))
        for board in item.pending:
            assert board.since is not None
            clauses.append(say.member_not_begun(ctx.the(board.id), board.since))
    for item in dated:
        fixes.append(_successor(ctx, gap.board, item, alone=len(clauses) == 1))
    return head + say.members_dated(clauses, fixes)


def _none_listed(ctx: Context, gap: packs.MemberGap) -> str:
    """Why none of the listed members will do, naming the bodies the map holds (in the
    board's area) that would, but does not list among its members."""
    index: packs._RoleIndex = ctx.memo("role-index", packs.role_index)
    held: list[str] = []
    absent: list[packs.MissingMember] = []
    for item in gap.items:
        found = index.near(gap.board, item.roles)
        if found:
            held.extend(say_members.held_body(ctx.the(b.id), b.id) for b in found)
        else:
            absent.append(item)
    if not held:
        return say.members_none(packs.required_roles(gap.entry, gap.missing))
    roles = packs.required_roles(gap.entry, tuple(i.said for i in absent))
    return say_members.members_held(held, [i.said for i in absent], roles)


def _successor(ctx: Context, board: Board, item: packs.MissingMember, alone: bool) -> str:
    """What to add in place of members that ended (or have not begun): 'the integrated care
    board that replaced it (statutory_role: icb)', naming the body where the map has one."""
    wanted = item.roles.split("|")
    listed = [*item.ended, *item.pending]
    had = {b.statutory_role for b in listed}
    roles = [r for r in wanted if r not in had] or wanted
    it = "it" if alone else (ctx.the(listed[0].id) if len(listed) == 1 else "them")
    if item.ended:
        noun = packs.role_name("|".join(roles))
        if had == {"ccg"} and roles == ["icb"]:
            what = say.successor(noun, it)  # 1 July 2022 (Health and Care Act 2022)
        else:
            what = say.in_place(packs.article(noun), len(listed))
    elif had == {"icb"} and roles == ["ccg"]:
        what = say.predecessor(packs.role_name("ccg"), it)
    else:
        what = item.said
    candidates: list[Board] = ctx.memo("role-index", packs.role_index).near(board, "|".join(roles))
    if len(candidates) == 1:  # the map has the body to add: name it
        return say.named_member(what, ctx.the(candidates[0].id), candidates[0].id)
    return say.with_role(what, roles)


@rule(
    "statutory-independence",
    "info",
    "a board reports to, or is a sub-group of, a body that a rule pack says it must stay independent of",
    "Working Together to Safeguard Children (2015, chapter 3) says a Local Safeguarding "
    "Children Board should not be subordinate to, nor subsumed within, other local "
    "structures such as the Health and Wellbeing Board or the Children's Trust, so that it "
    "can challenge them. Its chair answers to the chief executive, a role, which is fine.",
    "Change the link to what it is: usually informs (the board sends its report) or "
    "challenges (it holds the other to account).",
    severity_note="warning (Act) / info (guidance)",
)
def statutory_independence(ctx: Context) -> Iterator[Finding]:
    for breach in packs.independence_breaches(ctx):
        entry = breach.entry
        duty = entry.duty.format(board=ctx.the(breach.board.id), other=ctx.the(breach.link_to))
        verb = LINK_VERBS[breach.link_type].format(b=ctx.the(breach.link_to))
        message = say.independence(duty, entry.cited, verb)
        key: LinkKey = (breach.link_from, breach.link_to, breach.link_type)
        yield ctx.finding(
            "statutory-independence",
            ctx.first_link[key],
            message,
            [breach.link_from, breach.link_to],
            severity=entry.severity,
            source=entry.cited,
            links=[key],
            requirement=f"{breach.pack}/{entry.id}",
        )


@rule(
    "rule-pack-era",
    "info",
    "the map asks for statutory rule packs none of which covers its date",
    "Each pack describes one era: england-2013 the Local Safeguarding Children Boards "
    "(1 April 2013 to 28 September 2019), england-2019 the safeguarding partnerships (from "
    "29 September 2019), england-2023 Working Together 2023 and the Health and Care Act "
    "2022 (from 15 December 2023). A map whose date falls outside every pack it names is "
    "not checked against any statutory rule, and says so.",
    "Name the pack for the map's date under `rules:` (a map holding several years may name both).",
)
def rule_pack_era(ctx: Context) -> Iterator[Finding]:
    for pack in packs.out_of_era(ctx):
        right = [p for p in packs.available_packs() if packs.load_pack(p).in_force(ctx.gmap.as_of)]
        message = say.pack_out_of_era(pack.pack, pack.period, ctx.gmap.as_of, right)
        file, line = rules_line(ctx)
        yield Finding(file, line, "rule-pack-era", "info", message)


# -- accepted entries (raised by the engine, registered here for the catalogue) -----------------


@rule(
    "accepted-expired",
    "warning",
    "an accepted finding whose `until` date has passed; the finding is open again",
    "An entry under `accepted:` sets a finding aside until a date. Once the map's date is "
    "past it, the finding is reported again as open, and this warning points at the entry, "
    "so that nobody relies on an acceptance that was meant to be temporary.",
    "Look at the finding again: fix the gap in the map, or renew the entry with a new "
    "`until` date and an up-to-date reason.",
)
def accepted_expired(ctx: Context) -> Iterator[Finding]:
    return iter(())  # raised by the engine while it matches accepted entries


@rule(
    "accepted-unmatched",
    "info",
    "an accepted entry that accepts no finding (the gap is closed, or the entry is mistyped)",
    "Every entry under `accepted:` should set aside a finding that boardmap makes. An entry "
    "that matches nothing on the map's date has outlived its gap, or names a rule, board or "
    "link wrongly; left in place it could silently accept a different gap later. Entries "
    "naming a board that is not in force on the map's date are not reported.",
    "Remove the entry if the gap is closed; otherwise correct its rule id, board or link "
    "(`boardmap rules` lists the rule ids).",
)
def accepted_unmatched(ctx: Context) -> Iterator[Finding]:
    return iter(())  # raised by the engine while it matches accepted entries
