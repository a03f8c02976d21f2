"""JSON text written as `json.dumps(value, indent=2)` (or another indent) writes it, byte
for byte, faster.

With an indent, the standard library encodes in Python, one generator step for each value
(its C encoder has no indent in Python 3.11): `boardmap check --format json` of a national
map (4,000 findings, 2.3 MB) took 31 ms, and `--format sarif` (4 MB) 110 ms; a build's
manifest (indent 1) 9 ms -> 7 ms at 1,000 boards, twice a build. `indented`
writes each list of strings with one join over the C string encoder and each mapping as
one join of its items: 20 ms and 50 ms. Values it does not know (a float, a key that is
not a string, a subclass of str or int) are left to `json.dumps` whole, so the text is
always the standard library's; tests/test_jsontext.py compares the two on random values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring_ascii as _string
from typing import Any

__all__ = ["indented"]

_int = int.__repr__


class _Unknown(Exception):
    """A value this module does not write: json.dumps writes the whole text instead."""


def indented(value: Any, indent: int = 2) -> str:
    """`json.dumps(value, indent=indent)`: the same text."""
    try:
        return _value(value, "", " " * indent)
    except _Unknown:
        return json.dumps(value, indent=indent)


def _value(value: Any, pad: str, step: str) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        return _mapping(value, pad, step) if value else "{}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = pad + step
        items: Iterable[str]
        if all(type(item) is str for item in value):
            items = map(_string, value)
        else:
            items = (_value(item, inner, step) for item in value)
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + pad + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return _int(value)
    raise _Unknown


def _mapping(mapping: dict[Any, Any], pad: str, step: str) -> str:
    inner = pad + step
    items = []
    for key, value in mapping.items():
        if type(key) is not str:
            raise _Unknown
        items.append(
            _string(key) + ": " + (_string(value) if type(value) is str else _value(value, inner, step))
        )
    return "{\n" + inner + (",\n" + inner).join(items) + "\n" + pad + "}"
