"""boardmap.jsontext writes the text json.dumps(indent=N) writes, byte for byte."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from boardmap.jsontext import indented

_SCALARS = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=True)
_KEYS = st.text() | st.integers() | st.none() | st.booleans()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=5)
        | st.dictionaries(_KEYS, inner, max_size=3)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert indented(value) == json.dumps(value, indent=2)


@settings(max_examples=150, deadline=None)
@given(_VALUES, st.integers(min_value=0, max_value=4))
def test_the_same_text_with_any_indent(value: Any, indent: int) -> None:
    assert indented(value, indent=indent) == json.dumps(value, indent=indent)


def test_a_report_shaped_value_and_the_values_left_to_json() -> None:
    report = {
        "errors": [],
        "findings": [
            {"rule": "r", "message": 'caf\u00e9 \u201cquoted\u201d \U0001f600\n\t"x"', "boards": ["a", "b"]},
            {"line": 3, "column": None, "ok": True, "no": False, "missing": [], "more": {}},
            {"links": [["a", "b", "informs"]], "nested": [{"x": [1, "y"]}]},
        ],
        "summary": {"loaded": True, "by_severity": {"error": 0}},
    }
    assert indented(report) == json.dumps(report, indent=2)
    for value in (1.5, float("nan"), {1: "a"}, {"a": [1, 2.0]}, [True, None, -0.0], (), {}):
        assert indented(value) == json.dumps(value, indent=2)
