"""Issue 14's promise, for every requirement of every rule pack: `boardmap check` names each
statutory duty the map does not show, whether or not the counterpart is in the map.

The requirements are read from the packs' own data (boardmap/checks/packs/*.yaml), not from
a list here. For each duty (a required link), each required member and each required body,
a minimal map holds the subject body (by its statutory_role) and:

- (a) lacks the counterpart body entirely;
- (b) holds the counterpart, but not the link or the membership;
- (met) shows the duty met.

(a) and (b) must give a finding whose `requirement` names the pack's entry and whose
`missing` names the roles the map does not show; (met) must give none for it. Where a case
does not apply to a requirement, `_exempt` says why from the entry's own data: never a
silent skip.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from boardmap.checks import packs
from boardmap.checks.engine import check
from boardmap.checks.registry import Finding
from boardmap.load import load_text

SUBJECT = "subject"
# The kinds of the subject body and of its counterparts in the minimal maps; the law's
# roles, not the kinds, decide the duties (test_the_kinds_of_the_bodies_do_not_matter).
SUBJECT_KIND = "statutory-board"
BODY_KIND = "organisation"


def _on(pack: packs.Pack, entry: Any) -> dt.date:
    """A date on which both the pack and the entry are in force."""
    return max(pack.since, entry.since or pack.since)


def _id(role: str) -> str:
    return f"the-{role}"


def _body(role: str, **extra: Any) -> dict[str, Any]:
    # People and organisations alike as organisations: the law's roles, not the kinds,
    # decide the duties. Each is named after its role ("Testshire Police and Crime
    # Commissioner"), so that the messages read as they would on a real map.
    name = f"Testshire {packs.role_name(role)}"
    return {"id": _id(role), "name": name, "kind": BODY_KIND, "statutory_role": role, **extra}


def _subject(role: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": SUBJECT,
        "name": f"Testshire {packs.role_name(role)}",
        "kind": SUBJECT_KIND,
        "statutory_role": role,
        **extra,
    }


def _run(
    pack: packs.Pack, entry: Any, boards: list[dict[str, Any]], links: list[dict[str, Any]]
) -> list[Finding]:
    data = {
        "boardmap": 1,
        "area": "Testshire",
        "as_of": _on(pack, entry).isoformat(),
        "rules": [pack.pack],
        "boards": boards,
        "links": links,
    }
    result = check(load_text(yaml.safe_dump(data, sort_keys=False), file="duty.yaml"))
    return [f for f in result.open if f.requirement and f"{pack.pack}/{entry.id}" in _requirements(f)]


def _requirements(finding: Finding) -> list[str]:
    """The requirements a finding names (one that says several separates them with ', ')."""
    return (finding.requirement or "").split(", ")


# -- the requirements, from the packs' data ----------------------------------------------------


def _entries() -> Iterator[tuple[packs.Pack, Any]]:
    for name in packs.available_packs():
        pack = packs.load_pack(name)
        for group in (pack.links, pack.members, pack.bodies, pack.independence, pack.protocols):
            for entry in group:
                yield pack, entry


ENTRIES = list(_entries())
IDS = [f"{p.pack}/{e.id}" for p, e in ENTRIES]


FORBIDDEN = "a link the board must not have, not a duty the map can leave unshown"
PROTOCOL = "no pack shipped requires a protocol (no Act or statutory guidance does)"
BODY = "a body every area must have has no counterpart to link to"
POWER = "an Act's power (scrutiny that may happen): nobody need use it, so no body is missing"


def _exempt(entry: Any, case: str) -> str | None:
    """Why a case does not apply to a requirement, from the entry's own data (None: it does)."""
    if isinstance(entry, packs.IndependenceRule):
        return FORBIDDEN
    if isinstance(entry, packs.ProtocolRule):
        return PROTOCOL
    if isinstance(entry, packs.RequiredBody) and case == "b":
        return BODY
    if isinstance(entry, packs.LinkRule) and case.startswith("a") and entry.force == "power":
        return POWER
    return None


def _link(entry: packs.LinkRule, other: str) -> dict[str, Any]:
    pair = (SUBJECT, other) if entry.direction == "to" else (other, SUBJECT)
    return {"from": pair[0], "to": pair[1], "type": entry.type}


def _pick(roles: str, alt: int) -> str:
    """One of the roles that meet a requirement ("a|b"): the alt-th, or the last."""
    options = roles.split("|")
    return options[min(alt, len(options) - 1)]


def _link_maps(
    entry: packs.LinkRule, case: str, item: str | None, alt: int = 0
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The boards and links of a map for a link requirement: each counterpart (its first
    role) present and linked, except `item`, absent (a) or present but not linked (b). In
    the cases marked + the subject also keeps an unrelated body informed, so that it is not
    isolated: the duty is then said by the rule that reports a board with links."""
    boards, links = [_subject(_pick(entry.board, alt))], []
    if case.endswith("+"):
        boards.append({"id": "the-bystander", "name": "The bystander", "kind": "organisation"})
        links.append({"from": SUBJECT, "to": "the-bystander", "type": "informs"})
    for other in entry.other:
        role = _pick(other, alt)
        if other == item and case.startswith("a"):
            continue
        boards.append(_body(role))
        if other != item:
            links.append(_link(entry, _id(role)))
    return boards, links


def _member_maps(entry: packs.MemberRule, case: str, item: str | None, alt: int = 0) -> list[dict[str, Any]]:
    roles = [i if isinstance(i, str) else i.role for i in entry.include]
    members = [_id(_pick(r, alt)) for r in roles if r != item]
    # A board with no members listed is not checked (the map does not record its
    # membership): the minimal map always lists one that the rule does not ask for.
    members.append("the-bystander")
    boards = [_subject(_pick(entry.board, alt), members=members)]
    boards.append({"id": "the-bystander", "name": "The bystander", "kind": "organisation"})
    boards.extend(_body(_pick(r, alt)) for r in roles if r != item or case == "b")
    return boards


# (a) the counterpart absent, (b) present but not linked; + the subject not isolated.
LINK_CASES = ("a", "b", "a+", "b+")


def _cases(entry: Any) -> list[tuple[str, str | None]]:
    """Each case with the counterpart it leaves out: every counterpart in turn."""
    if isinstance(entry, packs.LinkRule):
        return [(case, item) for case in LINK_CASES for item in entry.other]
    items: list[str | None] = [None]
    if isinstance(entry, packs.MemberRule):
        items = [i if isinstance(i, str) else i.role for i in entry.include]
    return [(case, item) for case in ("a", "b") for item in items]


def _findings(pack: packs.Pack, entry: Any, case: str, item: str | None, alt: int = 0) -> list[Finding]:
    if isinstance(entry, packs.LinkRule):
        return _run(pack, entry, *_link_maps(entry, case, item, alt))
    if isinstance(entry, packs.MemberRule):
        return _run(pack, entry, _member_maps(entry, case, item, alt), [])
    assert isinstance(entry, packs.RequiredBody)
    # The map holds a body some other entry of the pack is about, so the pack matches.
    other = next(e.board for e in pack.links if not set(e.board.split("|")) & set(entry.role.split("|")))
    boards = [_subject(other.split("|")[0])]
    if case == "met":
        boards.append(_body(_pick(entry.role, alt)))
    return _run(pack, entry, boards, [])


@pytest.mark.parametrize(("pack", "entry"), ENTRIES, ids=IDS)
def test_every_unshown_duty_is_named(pack: packs.Pack, entry: Any) -> None:
    checked = 0
    # Each case with the first of the roles that meet each requirement ("a|b"), then the
    # second: a map may hold either.
    for (case, item), alt in itertools.product(_cases(entry), (0, 1)):
        if _exempt(entry, case):
            continue  # said, with its reason, in test_every_exemption_is_stated
        found = _findings(pack, entry, case, item, alt)
        where = f"{pack.pack}/{entry.id}, case {case}, {item or 'the body'} not shown (roles {alt})"
        assert found, f"{where}: no finding names the requirement"
        expected = (item,) if item is not None else (entry.role,)
        assert any(expected == f.missing or (item and item in f.missing) for f in found), (
            f"{where}: missing {[f.missing for f in found]}, not {expected}"
        )
        # Each finding cites the requirement's source (among others, where it says several),
        # or the part of it that sets the duty it says (no-accountability cites the guidance
        # that makes a Safeguarding Adults Board's chair accountable to the chief executive).
        assert all(f.source and (entry.cited in f.source or f.source in entry.cited) for f in found), (
            where,
            [f.source for f in found],
        )
        checked += 1
    if isinstance(entry, (packs.IndependenceRule, packs.ProtocolRule)):
        assert checked == 0
    else:
        assert checked > 0


MEMBERS = [(p, e) for p, e in ENTRIES if isinstance(e, packs.MemberRule)]


@pytest.mark.parametrize(("pack", "entry"), MEMBERS, ids=[f"{p.pack}/{e.id}" for p, e in MEMBERS])
def test_a_board_whose_members_the_map_does_not_list_is_not_checked(
    pack: packs.Pack, entry: packs.MemberRule
) -> None:
    """Stated, not skipped: a board with no members listed is not checked for members (the
    map does not record its membership; missing-statutory-member's documented scope, so
    that a map that models no membership is not told of every board's members). Cases (a)
    and (b) above therefore list one member the rule does not ask for."""
    boards = [_subject(entry.board.split("|")[0])]
    boards.extend(_body((i if isinstance(i, str) else i.role).split("|")[0]) for i in entry.include)
    assert _run(pack, entry, boards, []) == []


@pytest.mark.parametrize(("pack", "entry"), ENTRIES, ids=IDS)
def test_a_duty_shown_met_gives_no_finding(pack: packs.Pack, entry: Any) -> None:
    if isinstance(entry, (packs.IndependenceRule, packs.ProtocolRule)):
        assert _exempt(entry, "met")
        return
    # Met by each of the roles that meet it ("crime-and-disorder-committee|overview-and-
    # scrutiny": either committee), the first of each and then the second.
    for alt in (0, 1):
        if isinstance(entry, packs.LinkRule):
            found = _run(pack, entry, *_link_maps(entry, "met", None, alt))
        elif isinstance(entry, packs.MemberRule):
            found = _run(pack, entry, _member_maps(entry, "met", None, alt), [])
        else:
            found = _findings(pack, entry, "met", None, alt)
        assert [f.message for f in found] == [], alt


def test_every_exemption_is_stated() -> None:
    """The cases the audit leaves out, each with its reason, for the report and the docs."""
    exempt = {
        f"{p.pack}/{e.id} ({case})": reason
        for p, e in ENTRIES
        for case in dict.fromkeys(c for c, _ in _cases(e))
        if (reason := _exempt(e, case))
    }
    assert exempt == {
        **{f"{p}/os-scrutinises-hwb ({c})": POWER for p in packs.available_packs() for c in ("a", "a+")},
        **{f"england-2013/lscb-independent ({c})": FORBIDDEN for c in ("a", "b")},
        **{f"{p.pack}/{e.id} (b)": BODY for p, e in ENTRIES if isinstance(e, packs.RequiredBody)},
    }


def test_the_json_names_the_requirement_and_what_is_missing(cli: Any, write_map: Any) -> None:
    pack = packs.load_pack("england-2023")
    [entry] = [e for e in pack.links if e.id == "sab-annual-report"]
    boards, links = _link_maps(entry, "a", "pcc")
    text = yaml.safe_dump(
        {
            "boardmap": 1,
            "area": "Testshire",
            "as_of": "2024-01-01",
            "rules": ["england-2023"],
            "boards": boards,
            "links": links,
        },
        sort_keys=False,
    )
    out = cli("check", str(write_map(text)), "--format", "json")
    found = [
        f for f in json.loads(out.out)["findings"] if f.get("requirement") == "england-2023/sab-annual-report"
    ]
    assert [(f["rule"], f["missing"]) for f in found] == [("statutory-duty-not-shown", ["pcc"])]


@pytest.mark.parametrize(
    ("pack", "entry"),
    [(p, e) for p, e in ENTRIES if isinstance(e, packs.IndependenceRule)],
    ids=[i for i, (_, e) in zip(IDS, ENTRIES, strict=True) if isinstance(e, packs.IndependenceRule)],
)
def test_every_forbidden_link_is_named(pack: packs.Pack, entry: packs.IndependenceRule) -> None:
    """The exempt `independence` entries are checked the other way: the link the board must
    not have, present, is named with the requirement."""
    for link_type in entry.types:
        for kind in entry.to_kinds:
            boards = [
                _subject(entry.board.split("|")[0]),
                {"id": "the-other", "name": "The other", "kind": kind},
            ]
            links = [{"from": SUBJECT, "to": "the-other", "type": link_type}]
            found = _run(pack, entry, boards, links)
            assert [(f.rule, f.boards) for f in found] == [("statutory-independence", (SUBJECT, "the-other"))]


@pytest.mark.parametrize(
    ("subject_kind", "body_kind"),
    [
        # The kinds real maps give these bodies (organisations and outside bodies were tried
        # too, with the same result: about 1.5 s each, left out to keep the suite quick).
        *((k, "organisation") for k in ("partnership", "committee", "role")),
        *(("statutory-board", k) for k in ("role", "committee")),
    ],
)
def test_the_kinds_of_the_bodies_do_not_matter(
    subject_kind: str, body_kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every case of every requirement again, with the subject and its counterparts of
    other kinds (a commissioner is a role, a scrutiny committee a committee): each duty is
    still named, and each shown met still gives nothing."""
    monkeypatch.setattr(sys.modules[__name__], "SUBJECT_KIND", subject_kind)
    monkeypatch.setattr(sys.modules[__name__], "BODY_KIND", body_kind)
    unnamed: list[str] = []
    for pack, entry in ENTRIES:
        for case, item in _cases(entry):
            if _exempt(entry, case):
                continue
            found = _findings(pack, entry, case, item)
            if not any(item is None or item in f.missing for f in found):
                unnamed.append(f"{pack.pack}/{entry.id} ({case}, {item})")
        if isinstance(entry, packs.LinkRule) and _run(pack, entry, *_link_maps(entry, "met", None)):
            unnamed.append(f"{pack.pack}/{entry.id} (met)")
        if isinstance(entry, packs.MemberRule) and _run(pack, entry, _member_maps(entry, "met", None), []):
            unnamed.append(f"{pack.pack}/{entry.id} (met)")
    assert unnamed == []


EACH = [
    (p, e) for p, e in ENTRIES if isinstance(e, packs.LinkRule) and e.need == "each" and not _exempt(e, "a")
]


@pytest.mark.parametrize(("pack", "entry"), EACH, ids=[f"{p.pack}/{e.id}" for p, e in EACH])
def test_a_board_serving_two_areas_is_told_each_areas_duty(pack: packs.Pack, entry: packs.LinkRule) -> None:
    """A board serving two areas (a joint Safeguarding Adults Board) owes a duty to each
    such body in each area (`need: each`): where the map shows them, linked, in one area
    only, the other area's are named, with the area. (`need: any` entries ask for one such
    body, wherever it is: not asked per area.)"""
    boards, links = _link_maps(entry, "met", None)
    for board in boards:
        board["areas"] = ["north", "south"] if board["id"] == SUBJECT else ["north"]
    found = _run(pack, entry, boards, links)
    assert [(f.rule, f.area, f.missing) for f in found] == [
        ("statutory-duty-not-shown", "south", tuple(entry.other))
    ]
    assert "for the area 'south', so it cannot show that duty met" in found[0].message


def test_a_counterpart_out_of_force_is_named_with_its_date() -> None:
    """The map holds the body, but not on its date: the finding says when it ended, or when
    it begins, so that 'this map shows neither' is not read as the map never having one."""
    pack = packs.load_pack("england-2023")
    [entry] = [e for e in pack.links if e.id == "sab-annual-report"]
    boards, links = _link_maps(entry, "met", None)
    for board in boards:
        if board["id"] == "the-pcc":
            board["until"] = "2024-01-01"
        if board["id"] == "the-leader":
            board["since"] = "2024-09-01"
    data = {"boardmap": 1, "area": "Testshire", "as_of": "2024-06-01", "rules": ["england-2023"]}
    result = check(load_text(yaml.safe_dump({**data, "boards": boards, "links": links}, sort_keys=False)))
    [found] = [f for f in result.open if f.requirement == "england-2023/sab-annual-report"]
    assert found.message == (
        "The Testshire Safeguarding Adults Board must send the Leader of the Council and the "
        "Police and Crime Commissioner its annual report (Care Act 2014, Schedule 2, paragraph "
        "4); this map shows neither, so it cannot show that duty met (statutory_role: leader, "
        "pcc). Testshire Police and Crime Commissioner ended on 1 January 2024. Testshire "
        "Leader of the Council begins only on 1 September 2024."
    )
