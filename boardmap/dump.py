"""A map back to YAML text: for imports, round trips and tools that write maps."""

from __future__ import annotations

from typing import Any

import yaml

from boardmap.model import GovernanceMap, MapFile

SECTIONS = ("boards", "links", "escalations", "themes", "accepted")


def map_data(gmap: GovernanceMap | MapFile) -> dict[str, Any]:
    """The map as plain data in format v1, leaving out empty and default fields."""
    data: dict[str, Any] = {"boardmap": 1}
    raw = gmap.model_dump(by_alias=True, exclude_defaults=True, mode="python")
    for key in ("area", "title", "as_of", "rules", "glossary", *SECTIONS):
        if raw.get(key) not in (None, [], {}):
            data[key] = raw[key]
    return data


def dump_map(gmap: GovernanceMap | MapFile) -> str:
    """YAML text that `boardmap.load_text` reads back as the same map."""
    return yaml.safe_dump(map_data(gmap), sort_keys=False, allow_unicode=True, width=100)
