"""MkDocs hooks: the reference pages made from boardmap's code at every build (so they can
never go stale), added to the site as if they were files in docs/."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from boardmap.reference import cli_page, fields_page, rules_page

PAGES = {"reference/fields.md": fields_page, "reference/rules.md": rules_page, "reference/cli.md": cli_page}


def on_files(files: Files, config: Any) -> Files:
    for uri, make in PAGES.items():
        files.append(File.generated(config, uri, content=make()))
    return files
