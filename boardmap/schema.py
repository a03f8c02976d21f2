"""A JSON Schema of format v1, generated from the models, for editors' YAML support."""

from __future__ import annotations

from typing import Any

from boardmap.model import MapFile

SCHEMA_ID = "https://boardmap.example/schema/v1.json"


def json_schema() -> dict[str, Any]:
    """The schema of one map file. `area` and `boards` are optional per file because a folder
    may spread them over several files; `boardmap check` insists on them for the whole map."""
    schema = MapFile.model_json_schema(by_alias=True, mode="validation")
    # The packs are files, not a type: list them so an editor catches `england-2109`.
    from boardmap.checks.packs import available_packs

    schema["properties"]["rules"]["items"]["enum"] = available_packs()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "boardmap map, format version 1",
        "description": "Strategic boards and how they relate: reporting, challenge, "
        "escalation. See https://github.com/ (boardmap README, 'The map format').",
        **{k: v for k, v in schema.items() if k != "title"},
    }
