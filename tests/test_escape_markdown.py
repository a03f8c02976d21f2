"""One Markdown escaper (boardmap.escape.markdown) for the diff, the guide and the diagrams'
index (issue 18 item 6): map text is shown as written, whatever Markdown would read in it.

The diff's own escaper let '&copy;' become '©' and '~~x~~' strike through in GitHub's
Markdown; the index's let '*' and '_' in a heading make emphasis. Both are fixed by using
the guide's, the most complete of the three, everywhere."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from boardmap import escape
from boardmap.diff import diff_maps
from boardmap.guide import markdown as guide_markdown
from boardmap.load import load_text
from boardmap.render import index_markdown
from boardmap.render.views import View


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Health and Wellbeing Board", True, "Health and Wellbeing Board"),
        ("*Board* _one_ `code`", True, "\\*Board\\* \\_one\\_ \\`code\\`"),
        ("[a](b) ![c](d) <b> & &copy;", True, "\\[a\\](b) \\!\\[c\\](d) &lt;b&gt; &amp; &amp;copy;"),
        ("~~gone~~ {x} # | \\", True, "\\~\\~gone\\~\\~ \\{x\\} \\# \\| \\\\"),
        ("- not a list", True, "\\- not a list"),
        ("1. not a list", True, "1\\. not a list"),
        ("  12) not a list", True, "  12\\) not a list"),
        ("- inside a line", False, "- inside a line"),
        ("=", True, "\\="),
    ],
)
def test_the_escaper(text: str, start: bool, expected: str) -> None:
    assert escape.markdown(text, start=start) == expected
    if not start:
        assert escape.markdown_inside(text) == expected


LIVE = {"em_open", "strong_open", "s_open", "link_open", "image", "html_inline", "ordered_list_open"}


def _shown(markdown: str, allowed: frozenset[str] = frozenset()) -> str:
    """The text a reader sees once the Markdown is rendered (GitHub's strikethrough on),
    checking that nothing in it became markup but the kinds `allowed`."""
    parser = MarkdownIt("commonmark").enable("strikethrough")
    tokens = parser.parse(markdown)
    kinds = {t.type for token in tokens for t in [token, *(token.children or [])]}
    assert not kinds & (LIVE - allowed), kinds
    return "".join(t.content for token in tokens for t in (token.children or []) if t.type == "text")


@pytest.mark.parametrize("name", ["Fish &copy; Chips", "~~Old~~ Board", "*Star* Board", "1. Board"])
def test_the_diff_shows_names_as_written(name: str) -> None:
    base = textwrap.dedent("""\
        boardmap: 1
        area: Medway
        as_of: 2014-06-17
        boards:
          - id: a
            name: Leader of the Council
            kind: role
        """)
    added = base + f"  - id: b\n    name: {name!r}\n    kind: partnership\n"
    result = diff_maps(load_text(base, file="old.yaml"), load_text(added, file="new.yaml"), findings=False)
    markdown = result.to_markdown()
    assert name in _shown(markdown)


def test_the_guide_uses_the_one_escaper() -> None:
    assert guide_markdown.esc("- *a* & <b>") == escape.markdown("- *a* & <b>")
    assert guide_markdown._esc_mid("- *a*") == "- \\*a\\*"


def test_the_index_headings_and_alt_text_show_names_as_written(tmp_path: Path) -> None:
    gmap = load_text(
        "boardmap: 1\narea: '*Med*_way_'\nas_of: 2014-06-17\nboards:\n"
        "  - id: a\n    name: Leader\n    kind: role\n",
        file="map.yaml",
    )
    view = View(
        name="overview",
        kind="overview",
        title="Who answers to *whom*",
        place="*Med*_way_, 17 June 2014",
        description="A [diagram] of ~~boards~~ & <roles>",
        nodes=(),
        edges=(),
    )
    text = index_markdown(gmap, [view], tmp_path, present=lambda name: name == "overview.svg")
    assert "## Who answers to \\*whom\\*, \\*Med\\*\\_way\\_, 17 June 2014\n" in text
    assert "![A \\[diagram\\] of \\~\\~boards\\~\\~ &amp; &lt;roles&gt;](overview.svg)" in text
    shown = _shown(text, frozenset({"image", "link_open"}))
    assert "Who answers to *whom*, *Med*_way_, 17 June 2014" in shown
    parser = MarkdownIt("commonmark").enable("strikethrough")
    assert 'alt="A [diagram] of ~~boards~~ &amp; &lt;roles&gt;"' in parser.render(text)
    assert dt.date(2014, 6, 17) == gmap.as_of
