"""The rules from the statutory rule packs (missing-statutory-link, missing-statutory-member,
statutory-independence, rule-pack-era), and the accepted-entry findings the engine raises."""

from __future__ import annotations

from collections.abc import Iterator

from boardmap.checks import packs
from boardmap.checks.engine import Context, Finding, LinkKey, rule
from boardmap.checks.rules.accountability import unaccountable_ends
from boardmap.checks.rules.challenge import unscrutinised_boards
from boardmap.checks.rules.common import rules_line
from boardmap.model import GOVERNANCE_KINDS, REPORTING_TYPES, Board
from boardmap.words import LINK_VERBS, join_names

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
        yield ctx.finding(
            "missing-statutory-link",
            gap.subject,
            packs.gap_message(ctx, gap),
            [gap.subject.id, *others],
            severity=entry.severity,
            source=entry.cited,
            links=gap.links,
        )


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
    "the finding with the reason.",
    severity_note="warning (Act) / info (guidance)",
)
def missing_statutory_member(ctx: Context) -> Iterator[Finding]:
    for gap in packs.member_gaps(ctx):
        entry = gap.entry
        yield ctx.finding(
            "missing-statutory-member",
            gap.board,
            _member_message(ctx, gap),
            [gap.board.id],
            severity=entry.severity,
            source=entry.cited,
        )


def _member_message(ctx: Context, gap: packs.MemberGap) -> str:
    entry = gap.entry
    must = "must" if entry.force == "act" else "should"
    head = (
        f"{ctx.The(gap.board.id)} {must} have {join_names(list(gap.missing))} among its "
        f"members ({entry.cited}), but "
    )
    dated = [i for i in gap.items if i.ended or i.pending]
    if not dated:
        roles = ", ".join(packs.required_roles(entry, gap.missing))
        return head + f"none of the members this map lists is one (statutory_role: {roles})."
    # Members the map lists that have ended (or not yet begun): say so, and what replaces
    # them, rather than that none was listed.
    plain = [i for i in gap.items if not (i.ended or i.pending)]
    clauses: list[str] = []
    fixes: list[str] = []
    if plain:
        clauses.append("none of the members this map lists is " + " or ".join(i.said for i in plain))
        fixes.extend(f"{i.said} (statutory_role: {', '.join(i.roles.split('|'))})" for i in plain)
    for item in dated:
        for board in item.ended:
            assert board.until is not None
            clauses.append(f"its member {ctx.the(board.id)} ended on {ctx.date(board.until)}")
        for board in item.pending:
            assert board.since is not None
            clauses.append(f"its member {ctx.the(board.id)} begins only on {ctx.date(board.since)}")
    for item in dated:
        fixes.append(_successor(ctx, gap.board, item, alone=len(clauses) == 1))
    said = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + ", and " + clauses[-1]
    return head + said + "; add " + join_names(fixes) + " to its members."


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
            what = f"the {noun} that replaced {it}"  # 1 July 2022 (Health and Care Act 2022)
        else:
            what = f"{packs.article(noun)} in {'its' if len(listed) == 1 else 'their'} place"
    elif had == {"icb"} and roles == ["ccg"]:
        what = f"the {packs.role_name('ccg')} that {it} replaces"
    else:
        what = item.said
    candidates: list[Board] = ctx.memo("role-index", packs.role_index).near(board, "|".join(roles))
    if len(candidates) == 1:  # the map has the body to add: name it
        return f"{what}, {ctx.the(candidates[0].id)} (id: {candidates[0].id}),"
    return f"{what} (statutory_role: {', '.join(roles)})"


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
        message = f"{duty[:1].upper()}{duty[1:]} ({entry.cited}), but in this map it {verb}."
        key: LinkKey = (breach.link_from, breach.link_to, breach.link_type)
        yield ctx.finding(
            "statutory-independence",
            ctx.first_link[key],
            message,
            [breach.link_from, breach.link_to],
            severity=entry.severity,
            source=entry.cited,
            links=[key],
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
        hint = f" Use {' or '.join(right)}, the pack for that date." if right else ""
        message = (
            f"This map asks to be checked against the {pack.pack} rules, which apply "
            f"{pack.period}, but it describes {ctx.date(ctx.gmap.as_of)}, so no "
            f"statutory rule was checked.{hint}"
        )
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
