"""The README's one link before and after (issue 12): the map's words, the check's warning and
the guide's sentence it shows are what boardmap prints for the README's own map."""

from __future__ import annotations

import re
from pathlib import Path

from boardmap.checks.engine import check
from boardmap.guide import build_guide
from boardmap.load import load_text

from .sentence_lint import markdown_blocks

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
AFTER = 'says: "sends its annual report to {to}"'
BEFORE = 'says: "sends its annual report to"'
NO_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


def _shown() -> tuple[list[str], list[str]]:
    """The README's before and after lines, each without its label."""
    block = README.split("One link of\nthe map above, before and after", 1)[1].split("```text\n", 1)[1]
    lines = block.split("```", 1)[0].splitlines()
    before_at = next(i for i, line in enumerate(lines) if line.startswith("before"))
    after_at = next(i for i, line in enumerate(lines) if line.startswith("after"))
    strip = [re.sub(r"^(?:before|after)?\s+", "", line) for line in lines]
    return strip[before_at:after_at], strip[after_at:]


def _map(says: str) -> str:
    text = re.search(r"```yaml\n(.*?)```", README, re.S)
    assert text is not None
    assert AFTER in text.group(1)
    return text.group(1).replace(AFTER, says)


def _sentences(yaml_text: str) -> list[str]:
    guide = build_guide(load_text(yaml_text, "map.yaml"), drawn=lambda _: NO_SVG)
    return list(markdown_blocks(guide.markdown))


def test_the_readme_shows_one_link_before_and_after_as_boardmap_says_it() -> None:
    before, after = _shown()
    assert before[0] == BEFORE and after[0] == AFTER
    # Before: the check's warning, located at the value, and the guide's fall-back sentence.
    found = check(load_text(_map(BEFORE), "map.yaml"))
    warnings = [f"{f.file}:{f.line}:{f.column}: {f.rule}: {f.message}" for f in found.open]
    assert before[1] in warnings
    assert before[2] in _sentences(_map(BEFORE))
    # After: no such warning, and the map's own words make the sentence.
    assert not [f for f in check(load_text(_map(AFTER), "map.yaml")).open if f.rule == "says-incomplete"]
    assert after[1] in _sentences(_map(AFTER))
    assert len(after) == 2
