"""boardmap diff: every kind of change said in exact, plain sentences; git revisions; dates."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from boardmap.diff import MapDiff, diff_maps
from boardmap.load import load, load_text
from tests.conftest import EXAMPLES, Result

BASE = """\
boardmap: 1
area: Medway
as_of: 2014-06-17
boards:
  - id: hwbb
    name: Health and Wellbeing Board
    short: HWBB
    kind: statutory-board
    purpose: Plans how health and care services work together in Medway.
    chair: leader
    members: [medway-council]
  - id: mscb
    name: Medway Safeguarding Children Board
    short: MSCB
    kind: statutory-board
    chair: Independent chair
  - id: leader
    name: Leader of the Council
    kind: role
  - id: dcs
    name: Director of Children's Services
    kind: role
  - id: medway-council
    name: Medway Council
    kind: organisation
  - id: kent-police
    name: Kent Police
    kind: organisation
links:
  - from: mscb
    to: hwbb
    type: challenges
  - from: hwbb
    to: leader
    type: reports-to
    cadence: quarterly
escalations:
  - id: disagreement
    name: When the two boards disagree
    between: [hwbb, mscb]
    steps:
      - action: Either chair writes to the other board.
      - action: The two chairs meet.
themes:
  - id: early-help
    name: Early help
    lead: mscb
    supports: [hwbb]
"""


def _map(text: str = BASE):  # type: ignore[no-untyped-def]
    return load_text(textwrap.dedent(text), file="map.yaml")


def _diff(new_text: str, old_text: str = BASE) -> MapDiff:
    return diff_maps(_map(old_text), _map(new_text), findings=False)


def _lines(result: MapDiff) -> list[tuple[str, list[str]]]:
    return result.groups()


def _edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# -- what each kind of change says ----------------------------------------------------------


def test_no_change_says_nothing_changed() -> None:
    result = _diff(BASE)
    assert result.empty
    assert result.groups() == []
    assert result.to_text() == (
        "Changes to the map of Medway's boards\n\n"
        "Nothing changed from the map as of 17 June 2014 to the map as of 17 June 2014.\n"
    )


def test_purpose_changed() -> None:
    result = _diff(_edit("work together in Medway.", "work together across Medway."))
    assert _lines(result) == [
        (
            "Boards changed",
            [
                'The purpose of the Health and Wellbeing Board now reads: "Plans how health and care '
                'services work together across Medway." It previously read: "Plans how health and '
                'care services work together in Medway."'
            ],
        )
    ]
    change = result.of("board", "changed")[0]
    assert change.key == ("hwbb",)
    assert [f.field for f in change.fields] == ["purpose"]


def test_chair_changed_and_co_chairs() -> None:
    result = _diff(_edit("    chair: leader\n", "    chair: [dcs, kent-police]\n"))
    assert _lines(result) == [
        (
            "Boards changed",
            [
                "The Health and Wellbeing Board is now chaired jointly by the Director of Children's "
                "Services and Kent Police (previously by the Leader of the Council)."
            ],
        )
    ]


def test_free_text_chair_and_no_chair() -> None:
    result = _diff(_edit("    chair: Independent chair\n", ""))
    assert _lines(result) == [
        (
            "Boards changed",
            [
                "The Medway Safeguarding Children Board no longer has a chair recorded (previously "
                "chaired by an independent chair)."
            ],
        )
    ]


def test_name_kind_short_and_members() -> None:
    new = _edit(
        "    name: Medway Safeguarding Children Board\n    short: MSCB\n    kind: statutory-board\n",
        "    name: Medway Safeguarding Children Partnership\n    short: MSCP\n"
        "    kind: partnership\n    members: [medway-council, kent-police]\n",
    )
    result = _diff(new)
    assert _lines(result) == [
        (
            "Boards changed",
            [
                "The Medway Safeguarding Children Board is now called the Medway Safeguarding "
                "Children Partnership.",
                "The Medway Safeguarding Children Partnership is now abbreviated to MSCP (previously MSCB).",
                "The Medway Safeguarding Children Partnership is now a partnership (previously a "
                "statutory board).",
                "Medway Council and Kent Police now sit on the Medway Safeguarding Children Partnership.",
            ],
        )
    ]


def test_a_new_name_that_reads_the_same_in_a_sentence_is_quoted() -> None:
    # 'Health and Wellbeing Board' and 'The Health and Wellbeing Board' are both 'the Health
    # and Wellbeing Board' in a sentence: the rename shows the two names as written.
    result = _diff(
        _edit("    name: Health and Wellbeing Board\n", "    name: The Health and Wellbeing Board\n")
    )
    assert _lines(result) == [
        (
            "Boards changed",
            [
                'The Health and Wellbeing Board is now called "The Health and Wellbeing Board" '
                '(previously "Health and Wellbeing Board").'
            ],
        )
    ]


def test_other_board_fields() -> None:
    new = _edit(
        "    chair: Independent chair\n",
        "    chair: Independent chair\n    independent_chair: true\n"
        "    statutory_role: lscb\n    meets: every two months\n"
        "    basis: Children Act 2004, section 13\n    until: 2019-09-29\n",
    )
    result = _diff(new)
    assert _lines(result) == [
        (
            "Boards changed",
            [
                "The Medway Safeguarding Children Board now has an independent chair.",
                "In law, the Medway Safeguarding Children Board is now the Local Safeguarding "
                "Children Board.",
                "The legal basis of the Medway Safeguarding Children Board is now Children Act 2004, "
                "section 13.",
                "The Medway Safeguarding Children Board now meets every two months.",
                "The Medway Safeguarding Children Board now ends on 29 September 2019 (previously no "
                "end date).",
            ],
        )
    ]


def test_member_leaves() -> None:
    result = _diff(_edit("    members: [medway-council]\n", ""))
    assert _lines(result) == [
        ("Boards changed", ["Medway Council no longer sits on the Health and Wellbeing Board."])
    ]


def test_board_added() -> None:
    new = _edit(
        "links:\n",
        textwrap.dedent("""\
          - id: cspb
            name: Community Safety Partnership
            short: CSP
            kind: partnership
            chair: kent-police
            purpose: Works to cut crime and the fear of crime.
        links:
        """),
    )
    result = _diff(new)
    assert _lines(result) == [
        (
            "Boards added",
            [
                "The Community Safety Partnership (CSP) is a new partnership, chaired by "
                'Kent Police. Its purpose: "Works to cut crime and the fear of crime."'
            ],
        )
    ]
    assert result.summary() == "1 board added."


def test_board_removed_takes_its_links_routes_and_themes_along() -> None:
    new = _edit(
        "  - id: mscb\n    name: Medway Safeguarding Children Board\n    short: MSCB\n"
        "    kind: statutory-board\n    chair: Independent chair\n",
        "",
    )
    new = _edit("  - from: mscb\n    to: hwbb\n    type: challenges\n", "", new)
    new = new[: new.index("escalations:")]
    result = _diff(new)
    assert _lines(result) == [
        (
            "Boards removed",
            ["The Medway Safeguarding Children Board (MSCB) is no longer part of the arrangements."],
        ),
        (
            "Links removed",
            [
                "The Medway Safeguarding Children Board no longer holds the "
                "Health and Wellbeing Board to account (removed)."
            ],
        ),
        (
            "Escalation routes",
            ['The escalation route "When the two boards disagree" is no longer in the map.'],
        ),
        ("Shared priorities (themes)", ['The shared priority "Early help" is no longer in the map.']),
    ]
    assert result.summary() == (
        "1 board removed; 1 link removed; 1 escalation route removed; 1 shared priority removed."
    )


def test_changed_id_with_same_name_is_a_change_not_a_new_board() -> None:
    new = BASE.replace("id: mscb", "id: lscb").replace("mscb", "lscb")
    result = _diff(new)
    assert result.empty


def test_link_added_names_both_boards_and_what_passes() -> None:
    new = _edit(
        "escalations:",
        textwrap.dedent("""\
          - from: mscb
            to: hwbb
            type: informs
            cadence: annual
          - from: mscb
            to: leader
            type: reports-to
            what: annual report
        escalations:"""),
    )
    result = _diff(new)
    assert _lines(result) == [
        (
            "Links added",
            [
                "The Medway Safeguarding Children Board now sends the Health and Wellbeing Board a "
                "yearly report (new).",
                "The Medway Safeguarding Children Board now reports to the Leader of the Council and "
                "sends it its annual report (new).",
            ],
        )
    ]


def test_link_removed() -> None:
    new = _edit("  - from: hwbb\n    to: leader\n    type: reports-to\n    cadence: quarterly\n", "")
    assert _lines(_diff(new)) == [
        (
            "Links removed",
            [
                "The Health and Wellbeing Board no longer reports to the Leader of the Council and "
                "sends it a quarterly report (removed)."
            ],
        )
    ]


def test_link_changed() -> None:
    new = _edit(
        "    cadence: quarterly\n",
        "    cadence: six-monthly\n    says: sends its plans to\n"
        "    basis: Constitution, part 3\n    review_by: 2015-06-30\n",
    )
    said = "The Health and Wellbeing Board reports to the Leader of the Council"
    assert _lines(_diff(new)) == [
        (
            "Links changed",
            [
                f"{said}: the map’s words for this link are now “sends its plans to …” (previously none).",
                f"{said}: now every six months (previously every three months).",
                f"{said}: this now rests on Constitution, part 3.",
                f"{said}: due for review by 30 June 2015 (previously no review date).",
            ],
        )
    ]


def test_parallel_links_are_matched_in_order() -> None:
    twice = _edit(
        "    cadence: quarterly\n",
        "    cadence: quarterly\n  - from: hwbb\n    to: leader\n    type: reports-to\n    cadence: annual\n",
    )
    result = _diff(twice)
    assert [c.key for c in result.changes] == [("hwbb", "leader", "reports-to", 2)]
    assert result.sentences(result.changes[0]) == (
        "The Health and Wellbeing Board now reports to the Leader of the Council and sends it "
        "a yearly report (new).",
    )


def test_route_steps_inserted_changed_and_involved() -> None:
    new = _edit(
        "      - action: Either chair writes to the other board.\n      - action: The two chairs meet.\n",
        "      - action: Either chair writes to the other board.\n"
        "      - action: Either chair asks for an item on the other board's agenda.\n"
        "      - action: The two chairs meet.\n        involves: [hwbb, mscb]\n",
    )
    new = _edit("    name: When the two boards disagree\n", "    name: When the boards disagree\n", new)
    quoted = '"When the boards disagree"'
    assert _lines(_diff(new)) == [
        (
            "Escalation routes",
            [
                f'The escalation route "When the two boards disagree" is now called {quoted}.',
                f'{quoted} has a new step 2: "Either chair asks for an item on the other board\'s agenda."',
                f"Step 3 of {quoted} now involves the Health and Wellbeing Board and the Medway "
                "Safeguarding Children Board (previously no named board).",
            ],
        )
    ]


def test_route_step_reworded_and_removed() -> None:
    new = _edit(
        "      - action: Either chair writes to the other board.\n      - action: The two chairs meet.\n",
        "      - action: The chairs meet within a month.\n",
    )
    assert _lines(_diff(new)) == [
        (
            "Escalation routes",
            [
                'Step 1 of "When the two boards disagree" now reads: "The chairs meet within a '
                'month." It previously read: "Either chair writes to the other board."',
                'Step 2 of "When the two boards disagree" has been removed. It read: "The two chairs meet."',
            ],
        )
    ]


def test_route_added() -> None:
    new = _edit(
        "themes:",
        textwrap.dedent("""\
          - id: chairs
            name: When the chairs cannot agree
            between: [hwbb, mscb]
            steps:
              - action: The Chief Executive decides.
        themes:"""),
    )
    assert _lines(_diff(new)) == [
        (
            "Escalation routes",
            [
                'There is a new escalation route, "When the chairs cannot agree", for concerns between '
                "the Health and Wellbeing Board and the Medway Safeguarding Children Board, in 1 step."
            ],
        )
    ]


def test_theme_lead_and_supporters() -> None:
    new = _edit("    lead: mscb\n    supports: [hwbb]\n", "    lead: hwbb\n    supports: [mscb]\n")
    assert _lines(_diff(new)) == [
        (
            "Shared priorities (themes)",
            [
                'The Health and Wellbeing Board now leads the shared priority "Early help" (previously '
                "the Medway Safeguarding Children Board).",
                'The Medway Safeguarding Children Board now supports the shared priority "Early help".',
                'The Health and Wellbeing Board no longer supports the shared priority "Early help".',
            ],
        )
    ]


def test_theme_added_without_lead() -> None:
    new = BASE + "  - id: transitions\n    name: Moving to adult services\n    supports: [hwbb]\n"
    assert _lines(_diff(new)) == [
        (
            "Shared priorities (themes)",
            [
                'There is a new shared priority, "Moving to adult services", with no lead board yet '
                "and supported by the Health and Wellbeing Board."
            ],
        )
    ]


def test_map_settings() -> None:
    new = _edit("area: Medway\n", "area: Medway\ntitle: How Medway's boards work together\n")
    assert _lines(_diff(new)) == [
        ("The map", ["The map's title is now \"How Medway's boards work together\"."])
    ]


def test_dates_of_one_map_ignore_since_and_until() -> None:
    history = _edit("    chair: Independent chair\n", "    chair: Independent chair\n    until: 2019-09-29\n")
    history = _edit(
        "links:\n",
        textwrap.dedent("""\
          - id: mscp
            name: Medway Safeguarding Children Partnership
            short: MSCP
            kind: partnership
            since: 2019-09-29
            chair: [dcs, kent-police]
        links:
        """),
        history,
    )
    history = _edit(
        "    cadence: quarterly\n",
        "    cadence: quarterly\n    until: 2019-01-01\n"
        "  - from: hwbb\n    to: leader\n    type: reports-to\n    cadence: annual\n"
        "    since: 2019-01-01\n  - from: mscp\n    to: hwbb\n    type: informs\n"
        "    cadence: annual\n",
        history,
    )
    import datetime as dt

    before = load_text(history, file="map.yaml", as_of=dt.date(2018, 1, 1))
    after = load_text(history, file="map.yaml", as_of=dt.date(2020, 1, 1))
    result = diff_maps(before, after, history=True, findings=False)
    assert result.to_text() == textwrap.dedent("""\
        Changes to the map of Medway's boards

        From the map as of 1 January 2018 to the map as of 1 January 2020. In short: 1 board added, 1 removed; 1 link added, 1 removed, 1 changed; 1 escalation route changed; 1 shared priority changed.

        Boards added
          - The Medway Safeguarding Children Partnership (MSCP) is a new partnership, chaired jointly by the Director of Children's Services and Kent Police. It started on 29 September 2019.

        Boards removed
          - The Medway Safeguarding Children Board (MSCB) is no longer part of the arrangements. It ended on 29 September 2019.

        Links added
          - The Medway Safeguarding Children Partnership now sends the Health and Wellbeing Board a yearly report (new).

        Links removed
          - The Medway Safeguarding Children Board no longer holds the Health and Wellbeing Board to account (removed).

        Links changed
          - The Health and Wellbeing Board reports to the Leader of the Council: now every year (previously every three months).

        Escalation routes
          - The escalation route "When the two boards disagree" now settles concerns between the Health and Wellbeing Board (previously the Health and Wellbeing Board and the Medway Safeguarding Children Board).

        Shared priorities (themes)
          - The shared priority "Early help" no longer has a lead board (previously the Medway Safeguarding Children Board).
        """)  # noqa: E501


# -- formats ------------------------------------------------------------------------------------


def test_markdown_escapes_names_and_reads_as_a_paper() -> None:
    new = _edit(
        "    purpose: Plans how health and care services work together in Medway.\n",
        "    purpose: Plans *all* health_care [services].\n",
    )
    markdown = _diff(new).to_markdown()
    assert markdown == textwrap.dedent("""\
        ## Changes to the map of Medway's boards

        From the map as of 17 June 2014 to the map as of 17 June 2014. In short: 1 board changed.

        ### Boards changed

        - The purpose of the Health and Wellbeing Board now reads: "Plans \\*all\\* health\\_care \\[services\\]." It previously read: "Plans how health and care services work together in Medway."
        """)  # noqa: E501


def test_json_lists_keys_fields_and_counts() -> None:
    new = _edit("    cadence: quarterly\n", "    cadence: annual\n")
    data = _diff(new).to_json()
    assert data["summary"]["links"] == {"added": 0, "removed": 0, "changed": 1}
    assert data["changes"] == [
        {
            "kind": "link",
            "status": "changed",
            "key": {"from": "hwbb", "to": "leader", "type": "reports-to", "occurrence": 1},
            "fields": [{"field": "cadence", "old": "quarterly", "new": "annual"}],
        }
    ]
    assert data["old"] == {"label": "the map as of 17 June 2014", "as_of": "2014-06-17"}
    json.dumps(data)  # serialisable as it stands
    assert "sentences" not in json.dumps(data)  # fields, not prose


def test_order_is_deterministic() -> None:
    new = _edit("    chair: leader\n", "    chair: dcs\n")
    new = _edit("    cadence: quarterly\n", "    cadence: annual\n", new)
    assert _diff(new).to_json() == _diff(new).to_json()
    assert [c.kind for c in _diff(new).changes] == ["board", "link"]


# -- the command line ---------------------------------------------------------------------------


def test_cli_two_files(write_map: Callable[..., Path], cli: Callable[..., Result]) -> None:
    old = write_map(BASE, "old.yaml")
    new = write_map(_edit("    chair: leader\n", "    chair: dcs\n"), "new.yaml")
    result = cli("diff", str(old), str(new))
    assert result.status == 0
    assert (
        "  - The Health and Wellbeing Board is now chaired by the Director of Children's "
        "Services (previously by the Leader of the Council)."
    ) in result.out
    assert f"From the map in {old} to the map in {new} (both as of 17 June 2014)." in result.out


def test_cli_formats(write_map: Callable[..., Path], cli: Callable[..., Result]) -> None:
    old = write_map(BASE, "old.yaml")
    new = write_map(_edit("    chair: leader\n", "    chair: dcs\n"), "new.yaml")
    markdown = cli("diff", str(old), str(new), "--format", "markdown")
    assert "### Boards changed\n\n- The Health and Wellbeing Board is now chaired" in markdown.out
    data = json.loads(cli("diff", str(old), str(new), "--format", "json").out)
    assert data["summary"]["boards"]["changed"] == 1


def test_cli_load_error_exits_2(write_map: Callable[..., Path], cli: Callable[..., Result]) -> None:
    old = write_map(BASE, "old.yaml")
    bad = write_map(_edit("    chair: leader\n", "    chiar: leader\n"), "bad.yaml")
    result = cli("diff", str(old), str(bad))
    assert result.status == 2
    assert "bad.yaml:10:5: schema: unknown field 'chiar'" in result.err


def test_cli_usage_errors(cli: Callable[..., Result]) -> None:
    result = cli("diff", "one.yaml")
    assert result.status == 2
    assert result.err == (
        "boardmap: give two maps to compare (OLD NEW), or one map with "
        "--git REV or with --as-of DATE --to DATE\n"
    )


def test_cli_dates(write_map: Callable[..., Path], cli: Callable[..., Result]) -> None:
    path = write_map(
        _edit("    chair: Independent chair\n", "    chair: Independent chair\n    until: 2019-09-29\n")
    )
    result = cli("diff", str(path), "--as-of", "2018-01-01", "--to", "2020-01-01")
    assert result.status == 0
    assert (
        "  - The Medway Safeguarding Children Board (MSCB) is no longer part of the "
        "arrangements. It ended on 29 September 2019."
    ) in result.out


# -- git -----------------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        check=True,
        capture_output=True,
        env={
            "GIT_COMMITTER_DATE": "2024-03-05T10:00:00",
            "GIT_AUTHOR_DATE": "2024-03-05T10:00:00",
            "PATH": "/usr/bin:/bin",
            "HOME": str(repo),
        },
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data" / "boards.yaml").write_text(BASE, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    return root


@needs_git
def test_git_head_against_working_copy(repo: Path, cli: Callable[..., Result]) -> None:
    path = repo / "data" / "boards.yaml"
    path.write_text(_edit("    chair: leader\n", "    chair: dcs\n"), encoding="utf-8")
    result = cli("diff", "--git", "HEAD", str(path), "--format", "markdown")
    assert result.status == 0
    out = result.out
    assert "From the map as committed on 5 March 2024 (" in out
    assert ") to the map as it stands now (both as of 17 June 2014)." in out
    assert (
        "- The Health and Wellbeing Board is now chaired by the Director of Children's "
        "Services (previously by the Leader of the Council)."
    ) in out


@needs_git
def test_git_two_revisions_and_a_folder(repo: Path, cli: Callable[..., Result]) -> None:
    folder = repo / "map"
    folder.mkdir()
    (folder / "a.yaml").write_text(BASE, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "folder")
    (folder / "a.yaml").write_text(
        _edit("    cadence: quarterly\n", "    cadence: annual\n"), encoding="utf-8"
    )
    _git(repo, "commit", "-q", "-am", "yearly")
    result = cli("diff", "--git", "HEAD~1..HEAD", str(folder))
    assert result.status == 0
    assert (
        "  - The Health and Wellbeing Board reports to the Leader of the Council: now every "
        "year (previously every three months)."
    ) in result.out
    unchanged = cli("diff", "--git", "HEAD", str(folder))
    assert "Nothing changed from the map as committed on 5 March 2024" in unchanged.out


@needs_git
def test_git_unknown_revision(repo: Path, cli: Callable[..., Result]) -> None:
    result = cli("diff", "--git", "no-such-rev", str(repo / "data" / "boards.yaml"))
    assert result.status == 2
    assert result.err.startswith(
        f"boardmap: cannot read {repo / 'data' / 'boards.yaml'} at no-such-rev from git: "
    )


@needs_git
def test_git_revision_with_errors_names_the_revision(repo: Path, cli: Callable[..., Result]) -> None:
    path = repo / "data" / "boards.yaml"
    path.write_text(_edit("    chair: leader\n", "    chiar: leader\n"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "typo")
    path.write_text(BASE, encoding="utf-8")
    result = cli("diff", "--git", "HEAD", str(path))
    assert result.status == 2
    assert f"HEAD:{path}:10:5: schema: unknown field 'chiar'" in result.err


def test_what_that_says_how_often_is_not_repeated() -> None:
    new = _edit(
        "escalations:",
        textwrap.dedent("""\
          - from: mscb
            to: hwbb
            type: informs
            what: the yearly report on safeguarding
            cadence: annual
          - from: mscb
            to: leader
            type: informs
            what: minutes
            cadence: quarterly
        escalations:"""),
    )
    assert _lines(_diff(new)) == [
        (
            "Links added",
            [
                "The Medway Safeguarding Children Board now sends the Health and Wellbeing Board the "
                "yearly report on safeguarding (new).",
                "The Medway Safeguarding Children Board now sends the Leader of the Council its minutes "
                "every three months (new).",
            ],
        )
    ]


# -- findings -----------------------------------------------------------------------------------


def test_findings_that_appear_and_disappear() -> None:
    new = _edit(
        "  - from: hwbb\n    to: leader\n    type: reports-to\n    cadence: quarterly\n",
        "  - from: mscb\n    to: leader\n    type: reports-to\n",
    )
    new = new.replace(
        "links:\n",
        "  - id: improvement-board\n    name: Improvement Board\n"
        "    kind: partnership\nlinks:\n  - from: improvement-board\n    to: hwbb\n"
        "    type: informs\n",
        1,
    )
    result = diff_maps(_map(), _map(new))
    # The Health and Wellbeing Board answers to Medway Council by law (a committee of it,
    # Health and Social Care Act 2012, s.194(11)): losing its reports-to link opens no gap.
    assert [
        (title, lines)
        for title, lines in result.groups()
        if "finding" in title.lower() or "gap" in title.lower()
    ] == [
        (
            "New gaps",
            [
                "Warning: Nobody in this map holds the Improvement Board to account: no board, "
                "committee or person challenges or scrutinises its work.",
                "Warning: The Improvement Board does not report to anyone in this map, so it is not "
                "clear who it answers to.",
            ],
        ),
        (
            "Findings no longer raised",
            [
                "No longer raised (was information): The Medway Safeguarding Children Board answers "
                "to the council's chief executive, who holds its chair to account (Working Together "
                "to Safeguard Children 2015, chapter 3), which this map does not show. Add it "
                "(statutory_role: chief-executive) and the link, if the map should show it. The "
                "Medway Safeguarding Children Board is treated as the Local Safeguarding Children "
                "Board because its name is 'Medway Safeguarding Children Board'; add "
                "`statutory_role: lscb` to confirm.",
            ],
        ),
    ]
    data = result.to_json()["findings"]
    assert [(f["status"], f["rule"], f["boards"]) for f in data] == [
        ("appeared", "unscrutinised", ["improvement-board"]),
        ("appeared", "no-accountability", ["improvement-board"]),
        ("resolved", "no-accountability", ["mscb"]),
    ]
    # (Since issue 14 the board's missing link to the chief executive is one finding, not
    # also unscrutinised.)
    assert result.summary().endswith("2 new gaps; 1 finding resolved.")


def test_a_board_removed_resolves_nothing() -> None:
    # Removing a board takes its findings with it: the diff says so, and counts no gap as
    # resolved (issue 14).
    old = BASE.replace(
        "links:\n",
        "  - id: improvement-board\n    name: Improvement Board\n"
        "    kind: partnership\nlinks:\n  - from: improvement-board\n    to: hwbb\n"
        "    type: informs\n",
        1,
    )
    result = diff_maps(_map(old), _map())
    removed = [f for f in result.findings if f.status == "removed"]
    assert [(f.finding.rule, f.finding.boards) for f in removed] == [
        ("unscrutinised", ("improvement-board",)),
        ("no-accountability", ("improvement-board",)),
    ]
    assert result.finding_sentence(removed[1]) == (
        "No longer raised because the Improvement Board is no longer in the map, which does "
        "not resolve it (was a warning): The Improvement Board does not report to anyone in "
        "this map, so it is not clear who it answers to."
    )
    assert not [f for f in result.findings if f.status == "resolved"]
    assert "resolved" not in result.summary()
    assert result.summary().endswith("2 findings gone with a removed board.")


def test_a_duty_missing_more_bodies_is_a_gap_changed() -> None:
    # The Leader leaves the 2014 Medway map: the board's report to the Leader is no longer a
    # link the map lacks (gone with the board, nothing resolved), and the duty not shown now
    # names the Leader too: a gap that changed, neither new nor resolved (issue 14).
    text = (Path(__file__).resolve().parents[1] / "data" / "boards.yaml").read_text()
    old = load_text(text)
    new = old.model_copy(
        update={
            "boards": [b for b in old.boards if b.id != "leader"],
            "links": [link for link in old.links if "leader" not in (link.from_, link.to)],
        }
    )
    result = diff_maps(old, new)
    changed = [f for f in result.findings if f.status == "changed"]
    assert [(f.finding.rule, f.finding.missing, f.was_missing) for f in changed] == [
        ("statutory-duty-not-shown", ("chief-executive", "leader", "pcc"), ("chief-executive", "pcc"))
    ]
    assert result.finding_sentence(changed[0]).startswith(
        "Information, changed: this map no longer shows the Leader of the Council. The Medway "
        "Safeguarding Children Board should send the chief executive, the Leader of the Council "
        "and the Police and Crime Commissioner its annual report"
    )
    assert [f.status for f in result.findings] == ["changed", "removed"]
    assert result.summary().endswith("1 gap changed; 1 finding gone with a removed board.")
    data = result.to_json()["findings"][0]
    assert (data["status"], data["missing"], data["was_missing"]) == (
        "changed",
        ["chief-executive", "leader", "pcc"],
        ["chief-executive", "pcc"],
    )
    back = diff_maps(new, old)
    again = [f for f in back.findings if f.status == "changed"]
    assert back.finding_sentence(again[0]).startswith(
        "Information, changed: this map now shows the Leader of the Council. The Medway "
        "Safeguarding Children Board should send the chief executive and the Police and Crime "
        "Commissioner its annual report"
    )


def test_finding_accepted_says_the_reason() -> None:
    new = BASE + textwrap.dedent("""\
        accepted:
          - rule: no-accountability
            board: mscb
            reason: It reports to the Department for Education, outside this map.
        """)
    result = diff_maps(_map(), _map(new))
    assert result.groups() == [
        (
            "Findings no longer raised",
            [
                "Accepted by the map's owners (was information): The Medway Safeguarding Children "
                "Board answers to the council's chief executive, who holds its chair to account "
                "(Working Together to Safeguard Children 2015, chapter 3), which this map does not "
                "show. Add it (statutory_role: chief-executive) and the link, if the map should show "
                "it. The Medway Safeguarding Children Board is treated as the Local Safeguarding "
                "Children Board because its name is 'Medway Safeguarding Children Board'; add "
                "`statutory_role: lscb` to confirm. Their reason: It reports to the Department for "
                "Education, outside this map."
            ],
        )
    ]


def test_information_findings_are_called_information() -> None:
    # An accepted entry that names no rule boardmap has: an information finding.
    odd = BASE + textwrap.dedent("""\
        accepted:
          - rule: no-such-rule
            board: mscb
            reason: A typo.
        """)
    appeared_in = diff_maps(_map(), _map(odd))
    appeared = appeared_in.findings
    assert [f.finding.severity for f in appeared] == ["info"]
    assert appeared_in.finding_sentence(appeared[0]).startswith(
        "Information: This accepted entry names the rule 'no-such-rule'"
    )
    resolved_in = diff_maps(_map(odd), _map())
    assert resolved_in.finding_sentence(resolved_in.findings[0]).startswith(
        "No longer raised (was information): This accepted entry names the rule 'no-such-rule'"
    )


def test_finding_reworded_by_its_surroundings_is_the_same_finding() -> None:
    # The theme's supporters change, so its finding's message does; the gap itself does not.
    old = _edit("    lead: mscb\n", "")
    new = _edit("    supports: [hwbb]\n", "    supports: [hwbb, mscb]\n", old)
    result = diff_maps(_map(old), _map(new))
    assert result.findings == ()
    assert result.summary() == "1 shared priority changed."


# -- the diagram ---------------------------------------------------------------------------------


def _svg_texts(path: Path) -> list[str]:
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    return [" ".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_diagram_marks_new_and_removed(
    write_map: Callable[..., Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    old = write_map(BASE, "old.yaml")
    new_text = _edit(
        "  - from: hwbb\n    to: leader\n    type: reports-to\n    cadence: quarterly\n",
        "  - from: mscb\n    to: leader\n    type: reports-to\n",
    )
    new_text = _edit(
        "links:\n",
        "  - id: cspb\n    name: Community Safety Partnership\n    kind: partnership\nlinks:\n",
        new_text,
    )
    new = write_map(new_text, "new.yaml")
    dot = cli("diff", str(old), str(new), "--diagram", str(tmp_path / "changes.dot"))
    assert dot.status == 0
    source = (tmp_path / "changes.dot").read_text(encoding="utf-8")
    assert 'cspb [label="Community Safety\\nPartnership\\n(new)"' in source
    assert (
        'mscb -> leader [label="new: reports to" arrowhead=normal arrowsize=0.9 color="#009E73" '
        'fontcolor="#00684A" fontname="Helvetica-Bold" penwidth=3 style=bold]'
    ) in source
    assert (
        'hwbb -> leader [label="removed: reports\\nto" arrowhead=normal arrowsize=0.9 color="#D55E00" '
        'fontcolor="#A33F00" penwidth=2 style=dashed]'
    ) in source
    svg = cli("diff", str(old), str(new), "--diagram", str(tmp_path / "changes.svg"))
    assert svg.status == 0
    texts = _svg_texts(tmp_path / "changes.svg")
    assert "new: reports to" in texts
    assert "removed: reports" in texts
    assert "(new)" in texts
    svg_text = (tmp_path / "changes.svg").read_text(encoding="utf-8")
    assert (
        '<desc id="boardmap-changes-desc">Both maps of Medway&#x27;s boards in one diagram, from the map in'
    ) in svg_text
    assert "1 board and 1 link are new and 1 link was removed." in svg_text


def test_diagram_says_what_changed_in_a_box_and_the_command_names_the_file(
    write_map: Callable[..., Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    old = write_map(BASE, "old.yaml")
    new_text = _edit(
        "    chair: leader\n    members: [medway-council]\n",
        "    chair: dcs\n    members: [medway-council, kent-police]\n",
    )
    new_text = _edit("    cadence: quarterly\n", "    cadence: monthly\n", new_text)
    new = write_map(new_text, "new.yaml")
    target = tmp_path / "changes.dot"
    result = cli("diff", str(old), str(new), "--diagram", str(target))
    assert result.status == 0
    assert result.err == f"wrote {target}\n"
    assert result.out.startswith("Changes to the map of Medway's boards\n")
    source = target.read_text(encoding="utf-8")
    assert (
        'hwbb [label="Health and Wellbeing\\nBoard (HWBB)\\n(changed: chair,\\nmembers)" color="#E69F00"'
    ) in source
    assert (
        'tooltip="The Health and Wellbeing Board is now chaired by the Director of '
        "Children's Services (previously by the Leader of the Council). Kent Police now sits "
        'on the Health and Wellbeing Board."]'
    ) in source
    assert (
        'tooltip="The Health and Wellbeing Board reports to the Leader of the Council: now '
        'every month (previously every three months)."]'
    ) in source


def test_diagram_needs_a_known_suffix(
    write_map: Callable[..., Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    old = write_map(BASE, "old.yaml")
    result = cli("diff", str(old), str(old), "--diagram", str(tmp_path / "changes.gif"))
    assert result.status == 2
    assert result.err == (
        f"boardmap: --diagram {tmp_path / 'changes.gif'}: the file name must end in .svg, .dot, .png, .pdf\n"
    )


# -- the Medway example across the 2019 change ------------------------------------------------

MEDWAY_2019 = Path(__file__).resolve().parents[1] / "examples" / "medway-2019.yaml"


@pytest.mark.skipif(not MEDWAY_2019.exists(), reason="examples/medway-2019.yaml is not there")
def test_medway_across_the_2019_change(cli: Callable[..., Result]) -> None:
    result = cli(
        "diff", str(MEDWAY_2019), "--as-of", "2018-01-01", "--to", "2020-01-01", "--format", "markdown"
    )
    assert result.status == 0
    out = result.out
    assert out.startswith(
        "## Changes to the map of Medway's boards\n\nFrom the map as of "
        "1 January 2018 to the map as of 1 January 2020. In short: "
    )
    assert (
        "- The Medway Safeguarding Children Board (MSCB) is no longer part of the "
        "arrangements. It ended on 29 September 2019."
    ) in out
    assert "- The Medway Safeguarding Children Partnership (MSCP) is a new partnership." in out
    assert (
        "- The Medway Safeguarding Children Partnership now sends the Health and Wellbeing "
        "Board the yearly report on the safeguarding arrangements (new)."
    ) in out
    assert "mscb" not in out and "mscp" not in out  # no ids in the prose


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_map_compared_with_itself_has_no_changes(path: Path) -> None:
    # Two duties missed by one board are two findings, not one that 'changed' (issue 14).
    gmap = load(path)
    result = diff_maps(gmap, load(path))
    assert result.empty, [(f.status, f.finding.rule, f.finding.boards) for f in result.findings]
