"""Docs that cannot go stale: every command has help and is documented (README or docs/)."""

from __future__ import annotations

import argparse
import re

import pytest

from boardmap.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:  # argparse keeps subparsers here; there is no public API
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("boardmap has no subcommands")


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_a_readme_entry(name: str) -> None:
    sub = _commands()[name]
    assert sub.description or sub.format_help().strip()
    for action in sub._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, f"boardmap {name} {action.option_strings[0]} has no help text"
    # The README is kept short: a command may be documented in docs/ instead.
    docs = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    assert f"boardmap {name}" in docs, f"neither the README nor docs/ mentions `boardmap {name}`"


def test_quick_start_is_exactly_make_build_and_make_test() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.S)
    assert block is not None
    assert block[1].split("\n")[:-1] == ["make build", "make test"]
    first_section = re.search(r"^## (.+)$", README, re.M)
    assert first_section is not None and first_section[1] == "Quick start"


def test_the_readme_is_short_and_its_links_resolve() -> None:
    """A user's document of at most about 250 lines; every link into the repository opens."""
    assert len(README.splitlines()) <= 250
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    local = [link.split("#")[0] for link in links if "://" not in link and link.split("#")[0]]
    assert local
    for link in local:
        assert (ROOT / link).exists(), link
