"""A map back to YAML text: for imports, round trips and tools that write maps."""

from __future__ import annotations

import re
from typing import Any

import yaml

from boardmap.load import SECTIONS
from boardmap.model import GovernanceMap, MapFile

# Plain scalars that a YAML 1.2 parser (yaml-rs) reads as something other than text, though
# PyYAML (YAML 1.1) would write them unquoted: 0E0, 0o17, .inf, and so on.
_NOT_TEXT = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if _NOT_TEXT.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def map_data(gmap: GovernanceMap | MapFile) -> dict[str, Any]:
    """The map as plain data in format v1, leaving out empty and default fields."""
    data: dict[str, Any] = {"boardmap": 1}
    raw = gmap.model_dump(by_alias=True, exclude_defaults=True, mode="python")
    for key in ("area", "title", "as_of", "rules", "urgent", "glossary", *SECTIONS):
        if raw.get(key) not in (None, [], {}):
            data[key] = raw[key]
    return data


def dump_map(gmap: GovernanceMap | MapFile) -> str:
    """YAML text that `boardmap.load_text` reads back as the same map."""
    return yaml.dump(map_data(gmap), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
