"""A map back to YAML text: for imports, round trips and tools that write maps.

The one YAML emitter of boardmap: `boardmap import` writes its map through `dump_yaml` too.
"""

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
# libyaml's emitter where PyYAML has it (its wheels do): four times faster than the pure
# Python one on a large import, which matters at tens of thousands of rows.
_Base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[valid-type,misc]
    def ignore_aliases(self, data: Any) -> bool:
        # A map never shares a value between two places on purpose: each is written out in
        # full (no &id001 anchors), and the check for shared values is skipped.
        return True


# The first characters of the text _NOT_TEXT matches: a cheap test before the pattern.
_NOT_TEXT_FIRST = frozenset("0123456789+-.~nNtTfF")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Line breaks, tabs and invisible characters double-quoted, so that they are written as
    # escapes (\n, \L): PyYAML takes U+2028 for a line break (YAML 1.1), yaml-rs does not.
    if not value.isprintable():
        style: str | None = '"'
    else:
        style = "'" if value[:1] in _NOT_TEXT_FIRST and _NOT_TEXT.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _mapping(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=False)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(dict, _mapping)


def _emit(data: Any) -> str:
    # Lists of plain words stay on one line, [a, b]; everything else is in block style.
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )


def dump_yaml(data: dict[str, Any]) -> str:
    """A mapping as YAML, one key after another; a list of items is indented under its key
    (`boards:` then `  - id: ...`)."""
    return "".join(yaml_entry(key, value) for key, value in data.items())


def yaml_entry(key: str, value: Any) -> str:
    """One key of a mapping and its value, as YAML."""
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        # Split at "\n" only: str.splitlines would also split at a U+2028 inside a value.
        lines = _emit(value).split("\n")
        return f"{key}:\n" + "\n".join("  " + line if line.strip() else line for line in lines)
    return _emit({key: value})


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
    return dump_yaml(map_data(gmap))
