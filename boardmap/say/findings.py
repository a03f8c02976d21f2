"""The words of the gap rules' findings: exact, because tools and people read them (and tests
assert them), and made only here. A rule finds the facts (which boards, which dates, how
many) and names the bodies; these functions turn the facts into the message.

Bodies come in already named for running text ('the Health and Wellbeing Board'); a name
that starts a sentence is given its capital here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from boardmap.say.grammar import agree, capital, count, its, join, long_date
from boardmap.say.vocab import TIER_NAMES

# How many boards a message names before it says "and N more".
NAMES_SHOWN = 4
# A finding about a group of overlapping boards names this many of them, then counts the rest.
OVERLAP_NAMED = 6


def some(names: Sequence[str], shown: int = NAMES_SHOWN, others: str = "more") -> str:
    """'the A, the B and the C'; past `shown` names, '... and 2 more'."""
    listed = list(names[:shown])
    if len(names) > shown:
        listed.append(f"{len(names) - shown} {others}")
    return join(listed)


def clauses(parts: Sequence[str]) -> str:
    """Whole clauses joined as a sentence joins them: 'a', 'a, and b', 'a, b, and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]


# -- accountability ---------------------------------------------------------------------------


def unaccountable(board: str, dependants: Sequence[str]) -> str:
    message = f"{capital(board)} does not report to anyone in this map, so it is not clear who it answers to."
    if dependants:
        message += (
            f" That leaves {some(dependants)} unclear too: {its(len(dependants))} "
            f"reporting runs up to {board} and stops there."
        )
    return message


def with_law(message: str, duties: Sequence[str]) -> str:
    """A finding's message with the law's duties about the same thing after it."""
    return " ".join([message, *(f"{duty}." for duty in duties)])


def parent_not_shown(board: str, parent: str, source: str, dependants: Sequence[str], hint: str) -> str:
    message = f"{capital(board)} answers to {parent} ({source}), which this map does not show."
    if dependants:
        message += f" {capital(some(dependants))} answer through it."
    return message + hint


def parent_hint(roles: Sequence[str]) -> str:
    """How to add the body the law makes a board answer to, where the map leaves it out."""
    if tuple(roles) == ("local-authority",):
        return (
            " Add the council (statutory_role: local-authority) and name it in "
            "`part_of`, if the map should show it."
        )
    return f" Add it (statutory_role: {', '.join(roles)}) and the link, if the map should show it."


def parent_unclear(board: str, parent: str, source: str, councils: Sequence[str]) -> str:
    return (
        f"{capital(board)} answers to {parent} ({source}), but this map shows several councils "
        f"({some(councils)}) and does not say which: name it in `part_of`."
    )


def parent_by_law(message: str, parent: str, source: str, partnership: bool) -> str:
    how = "list them among its members" if partnership else "add the link that shows it"
    return f"{message} By law it answers to {parent} ({source}); {how}."


def reporting_cycle(steps: Sequence[tuple[str, str, str]], caught: int, closed: bool) -> str:
    """`steps`: (board, what it does, the next board), round the circle; `caught`: how many
    boards the loops hold in all; `closed`: nothing in them answers to anyone outside."""
    if len(steps) == 2:
        (a, a_does, b), (_, b_does, _) = steps
        message = (
            f"{capital(a)} {a_does} {b}, and {b} {b_does} {a}: each answers to the other, so "
            "neither is clearly accountable."
        )
    else:
        said = clauses([f"{a} {does} {b}" for a, does, b in steps])
        message = (
            f"{capital(said)}: the line of accountability goes round in a circle, so none of "
            "them is clearly accountable."
        )
    if caught > len(steps):
        message += f" In all, {caught} boards are caught in these loops."
    if closed:
        message += " Nothing in the circle answers to anyone outside it."
    return message


# -- challenge and escalation -----------------------------------------------------------------


def no_route_for_answer(challenger: str, challenged: str) -> str:
    return (
        f"{capital(challenger)} holds {challenged} to account, but {challenged} does not "
        f"report to {challenger}, keep it informed or consult it in this map, so there is no "
        "route for its answer."
    )


def partnership_reports_to_nobody(scrutineer: str, partnership: str, act: str) -> str:
    return (
        f"{capital(scrutineer)} scrutinises {partnership}, which answers in the yearly report it "
        f"must publish on how effective its arrangements have been ({act}), but in this map the "
        "partnership reports to nobody and keeps nobody informed, so there is no route for its "
        "answer."
    )


def escalation_only_between(route: str, boards: Sequence[str]) -> str:
    return (
        f"Every step of the escalation route '{route}' involves only {join(list(boards))}, whose "
        "disagreements it is meant to settle, so nobody beyond them is named to settle one they "
        "cannot resolve themselves."
    )


def escalation_names_nobody(route: str, boards: Sequence[str]) -> str:
    return (
        f"No step of the escalation route '{route}' (for {join(list(boards))}) says who takes "
        "part, so nobody is named to settle a disagreement they cannot resolve themselves."
    )


def escalation_circle(hops: Sequence[str]) -> str:
    """`hops`: the boards round the circle, the first again at the end."""
    return (
        f"Unresolved concerns go round in a circle, from {' to '.join(hops)}, so a concern "
        "never reaches anyone who can settle it."
    )


def no_escalation_route(challenger: str, challenged: str) -> str:
    return (
        f"{capital(challenger)} holds {challenged} to account, but no escalation route in this "
        "map covers the two of them, so it is not clear how a disagreement between them would "
        "be settled."
    )


# -- scrutiny and isolation ---------------------------------------------------------------------


def unscrutinised(board: str) -> str:
    return (
        f"Nobody in this map holds {board} to account: no board, committee or person challenges "
        "or scrutinises its work."
    )


def isolated(board: str) -> str:
    return (
        f"{capital(board)} has no links to any other body in this map, so nobody can see who it "
        "answers to, who holds it to account or how it works with the other boards."
    )


def isolated_partners(board: str) -> str:
    """An isolated board made of the statutory partners, which answers through them."""
    return (
        f"{capital(board)} has no links to any other body in this map: it answers through its "
        "members, the statutory partners, but nobody can see who holds it to account or how it "
        "works with the other boards."
    )


def isolated_in(board: str, parent: str) -> str:
    """An isolated board whose parent the law gives (a council committee's council)."""
    return (
        f"{capital(board)} has no links to any other body in this map: it answers to {parent}, "
        "as a committee of it, but nobody can see who holds it to account or how it works with "
        "the other boards."
    )


# -- themes, chairs, reviews, membership --------------------------------------------------------


def theme_lead_ended(theme: str, lead: str, until: dt.date) -> str:
    return (
        f"The shared priority '{theme}' needs a new lead: its lead, {lead}, ended on "
        f"{long_date(until)}, so nobody is clearly responsible for it now."
    )


def theme_lead_not_begun(theme: str, lead: str, since: dt.date) -> str:
    return (
        f"The lead of the shared priority '{theme}', {lead}, begins only on {long_date(since)}, "
        "so until then nobody is clearly responsible for it."
    )


def theme_unled(theme: str) -> str:
    return f"No board leads the shared priority '{theme}', so nobody is clearly responsible for it."


def theme_supporters(supporters: Sequence[str]) -> str:
    """What follows the reason a theme has no lead: who supports it."""
    if len(supporters) == 1:
        return f" {capital(supporters[0])} supports it, but is not named as its lead."
    if supporters:
        none = "neither" if len(supporters) == 2 else "none"
        return f" {capital(some(supporters))} support it, but {none} is named as its lead."
    return ""


def shared_chair(challenger: str, challenged: str, chairs: Sequence[str]) -> str:
    return (
        f"{capital(challenger)} holds {challenged} to account, but {join(list(chairs))} "
        f"{agree('chairs', len(chairs))} both, so the chair would be challenging their own board."
    )


def review_overdue(sender: str, does: str, due: dt.date, on: dt.date) -> str:
    """`does`: what the sender does, with the other body named ('reports to the Board')."""
    return (
        f"The arrangement by which {sender} {does} was due for review by {long_date(due)}, and "
        f"that date has passed (this map describes {long_date(on)})."
    )


def overlap_pair(a: str, b: str, shared: int, together: int, imposed: Sequence[str]) -> str:
    message = (
        f"{capital(a)} and {b} share most of their members: {shared} of the {together} members "
        "of either sit on both"
    )
    if imposed:
        message += f", leaving aside {some(imposed)}, which the law requires of both"
    return message + ". They are candidates for joint or back-to-back meetings, or a shared agenda."


def overlap_group(boards: Sequence[str]) -> str:
    listed = some(boards, OVERLAP_NAMED, "other boards")
    return (
        f"{len(boards)} boards share most of their members, each with at least one of the others "
        f"(75% or more of the members of the two sit on both): {capital(listed)}. They are "
        "candidates for joint or back-to-back meetings, a shared agenda, or fewer boards."
    )


# -- statutory rule packs ------------------------------------------------------------------------


def members_missing(board: str, act: bool, missing: Sequence[str], cited: str) -> str:
    """The start of a missing-statutory-member message, up to its 'but '."""
    must = "must" if act else "should"
    return f"{capital(board)} {must} have {join(list(missing))} among its members ({cited}), but "


def members_none(roles: Sequence[str]) -> str:
    return f"none of the members this map lists is one (statutory_role: {', '.join(roles)})."


def members_none_of(said: Sequence[str]) -> str:
    return "none of the members this map lists is " + " or ".join(said)


def member_ended(member: str, until: dt.date) -> str:
    return f"its member {member} ended on {long_date(until)}"


def member_not_begun(member: str, since: dt.date) -> str:
    return f"its member {member} begins only on {long_date(since)}"


def with_role(said: str, roles: Sequence[str]) -> str:
    """'an integrated care board (statutory_role: icb)'."""
    return f"{said} (statutory_role: {', '.join(roles)})"


def members_dated(what: Sequence[str], fixes: Sequence[str]) -> str:
    """The rest of a missing-statutory-member message where members have ended or not begun."""
    return f"{clauses(what)}; add {join(list(fixes))} to its members."


def successor(noun: str, it: str) -> str:
    """'the integrated care board that replaced it'."""
    return f"the {noun} that replaced {it}"


def in_place(noun_with_article: str, count: int) -> str:
    """'an integrated care board in its place'."""
    return f"{noun_with_article} in {its(count)} place"


def predecessor(noun: str, it: str) -> str:
    """'the clinical commissioning group that it replaces'."""
    return f"the {noun} that {it} replaces"


def named_member(what: str, board: str, board_id: str) -> str:
    """The body to add, where the map has it: '..., the Integrated Care Board (id: icb),'."""
    return f"{what}, {board} (id: {board_id}),"


def independence(duty: str, cited: str, does: str) -> str:
    """`duty`: the pack's words about this map's boards; `does`: what the board does instead."""
    return f"{capital(duty)} ({cited}), but in this map it {does}."


def pack_out_of_era(pack: str, period: str, on: dt.date, right: Sequence[str]) -> str:
    hint = f" Use {' or '.join(right)}, the pack for that date." if right else ""
    return (
        f"This map asks to be checked against the {pack} rules, which apply {period}, but it "
        f"describes {long_date(on)}, so no statutory rule was checked.{hint}"
    )


# -- duties and bodies a map does not show (checks.lawrules) ---------------------------------


def duty_not_shown(
    duty: str,
    cited: str,
    missing: Sequence[str],
    roles: Sequence[str],
    *,
    named: bool = True,
    area: str | None = None,
) -> str:
    """`duty`: the pack's words about this map's boards; `missing`: the bodies the map does
    not hold, as nouns ('Police and Crime Commissioner'); `roles`: their statutory roles.
    `named`: whether the duty names just those bodies; where it names others too (the three
    lead safeguarding partners), the sentence says which the map does not show. `area`: the
    one area of a board serving several that lacks them."""
    count = len(missing)
    if not named:
        shows = f"does not show {join([f'the {m}' for m in missing], 'or')}"
    elif area is not None:
        shows = f"shows no {join(list(missing), 'or')} for the area '{area}'"
    else:
        shows = "shows " + (f"no {missing[0]}" if count == 1 else "neither" if count == 2 else "none of them")
    return (
        f"{capital(duty)} ({cited}); this map {shows}, so it cannot show that duty met "
        f"(statutory_role: {', '.join(roles)})."
    )


def missing_body(
    noun: str,
    on: dt.date,
    duty: str,
    cited: str,
    roles: Sequence[str],
    *,
    area: str | None = None,
    council: str | None = None,
    served: Sequence[str] = (),
    ended: tuple[str, dt.date] | None = None,
    pending: tuple[str, dt.date] | None = None,
) -> str:
    """'This map has no Safeguarding Adults Board [for the area 'kent' (Kent County Council)]
    on 1 November 2023 [(it shows one for 'medway')][: the X ended on ... and nothing ...].
    Each local authority must ... (source). Add it (statutory_role: sab).' `ended` and
    `pending` are the body (named) that ended or begins, and the date."""
    if area is None:
        message = f"This map has no {noun} on {long_date(on)}"
    else:
        where = f"the area '{area}'" + (f" ({council})" if council else "")
        message = f"This map has no {noun} for {where} on {long_date(on)}"
        if served:
            shown = join([f"'{a}'" for a in served])
            message += f" (it shows one for {shown})"
    if ended is not None:
        message += f": {ended[0]} ended on {long_date(ended[1])} and nothing in the map takes its place"
    if pending is not None:
        message += f"{',' if ended else ':'} {pending[0]} begins only on {long_date(pending[1])}"
    fix = (
        "Add it"
        if area is None
        else "Add one for that area, or list the area in the `areas` of the body that serves it"
    )
    return f"{message}. {capital(duty)} ({cited}). {fix} (statutory_role: {', '.join(roles)})."


def accepted_for(bodies: Sequence[str], reason: str, until: dt.date | None) -> str:
    """What an open finding's report adds for the missing bodies `accepted:` entries set
    aside: 'Accepted for the Police and Crime Commissioner: <reason> (until 31 March 2024)'.
    `bodies`: the roles' nouns, without an article."""
    ended = f" (until {long_date(until)})" if until else ""
    return f"Accepted for {join([f'the {b}' for b in bodies])}: {reason.strip()}{ended}"


def tier_read(council: str, tier: str, why: str) -> str:
    """'Bromsgrove District Council is treated as a district council because its name is
    'Bromsgrove District Council'; add `tier: district` to confirm.'"""
    return (
        f"{capital(council)} is treated as {TIER_NAMES[tier]} because {why}; add `tier: {tier}` to confirm."
    )


def pack_matched_nothing(pack: str, roles: Sequence[str]) -> str:
    return (
        f"This map asks to be checked against the {pack} rules, but none of its bodies is one "
        f"those rules are about (statutory_role: {', '.join(roles)}), so no link or member the "
        "law requires was checked. Give each statutory body its statutory_role, or a basis "
        "naming its Act and section."
    )


# -- the report of `boardmap check` -------------------------------------------------------------


def summary(area: str, on: dt.date, size: tuple[int, int], open_: tuple[int, int, int], accepted: int) -> str:
    """The last two lines of the text report: what was checked (`size`: boards and links),
    and how many findings are open (`open_`: errors, warnings and information) and accepted."""
    (boards, links) = size
    return (
        f"{area}, as of {long_date(on)}: {count(boards, 'board')}, {count(links, 'link')}.\n"
        f"{open_counts(*open_)} Accepted: {accepted}."
    )


def open_counts(errors: int, warnings: int, infos: int) -> str:
    """'Open: 0 errors, 2 warnings, 1 information.', as `check` and `build` both say it."""
    return f"Open: {count(errors, 'error')}, {count(warnings, 'warning')}, {infos} information."


def board_list(names: Sequence[str], total: int) -> str:
    """The boards a finding is about, after its rule id: 'A, B, C, and 4 more' (`names`: the
    first of the `total`)."""
    more = [f"and {total - len(names)} more"] if total > len(names) else []
    return ", ".join([*names, *more])


# -- the map's own words ---------------------------------------------------------------------


def says_incomplete(says: str, stop: str) -> str:
    """'... stops at 'to'; write the whole phrase with {to}: "... to {to}"'."""
    text = " ".join(says.split()).rstrip(" .;:,")
    return f"'{text}' stops at '{stop}'; write the whole phrase with {{to}}: \"{text} {{to}}\""


def cadence_unknown(cadence: str, word: str, suggestion: str) -> str:
    """ "cadence 'anually': did you mean 'annually'?", or, for a word of a longer cadence,
    "cadence 'Anually in March' has 'Anually': did you mean 'annually'?"."""
    text = " ".join(cadence.split())
    if text == word:
        return f"cadence '{text}': did you mean '{suggestion}'?"
    return f"cadence '{text}' has '{word}': did you mean '{suggestion}'?"


def nothing_in_force(day: dt.date, boards: int, first_start: dt.date | None, last_end: dt.date | None) -> str:
    """No board of the map is in force on the date it describes: most often an `as_of` typed
    wrong, which would otherwise pass as 'no open governance gaps' and an empty guide. A board
    without dates is always in force, so each board has a later start or an earlier end."""
    one = boards == 1
    if first_start is not None:
        when = f"{'it' if one else 'the first'} starts on {long_date(first_start)}"
    else:
        when = f"{'it' if one else 'the last'} ended on {long_date(last_end or day)}"
    none = "This map's one board is not" if one else f"None of this map's {count(boards, 'board')} is"
    return (
        f"{none} in force on {long_date(day)}, the date it describes: {when}. The other checks, "
        "the diagrams and the guide have nothing to show. Check the map's `as_of` (or --as-of), "
        "and the boards' `since` and `until`."
    )
