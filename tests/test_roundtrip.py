"""Property tests: any valid map survives dump -> load unchanged, and the two YAML parsers
(yaml-rs for speed, PyYAML for error positions) read every example map alike."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardmap.dump import dump_map
from boardmap.load import load, load_text
from boardmap.model import BOARD_KINDS, LINK_TYPES, MapFile
from tests.conftest import EXAMPLES

ids = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
# Any text a person might type, including quotes, colons, '#', newlines and non-Latin
# scripts; no surrogates (not encodable) and no control characters YAML cannot carry.
text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from(["\n", "\t", ":", "#", "'", '"', "-", "{", "}", "&", "*", "!", "|"]),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def maps(draw: st.DrawFn) -> MapFile:
    board_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    boards = [
        {
            "id": board_id,
            "name": draw(text),
            "kind": draw(st.sampled_from(BOARD_KINDS)),
            **({"short": draw(text)} if draw(st.booleans()) else {}),
            **({"purpose": draw(text)} if draw(st.booleans()) else {}),
            **(
                {"members": draw(st.lists(st.sampled_from(board_ids), max_size=3))}
                if draw(st.booleans())
                else {}
            ),
            **({"top": True} if draw(st.booleans()) else {}),
        }
        for board_id in board_ids
    ]
    links = []
    for _ in range(draw(st.integers(0, 10))):
        a, b = draw(st.sampled_from(board_ids)), draw(st.sampled_from(board_ids))
        if a == b:
            continue
        link = {"from": a, "to": b, "type": draw(st.sampled_from(LINK_TYPES))}
        if draw(st.booleans()):  # braces name places ({to}), which the model checks
            link["says"] = draw(text.filter(lambda s: "{" not in s and "}" not in s))
        if draw(st.booleans()):
            link["review_by"] = draw(dates)
        links.append(link)
    return MapFile.model_validate(
        {
            "boardmap": 1,
            "area": draw(text),
            "as_of": draw(dates),
            "boards": boards,
            "links": links,
        }
    )


@settings(
    max_examples=int(os.environ.get("BOARDMAP_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(maps())
def test_dump_then_load_gives_the_same_map(original: MapFile) -> None:
    loaded = load_text(dump_map(original))
    assert loaded.area == original.area and loaded.as_of == original.as_of
    assert loaded.boards == original.boards
    assert loaded.links == original.links


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_both_parsers_agree_on_every_example_map(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not there yet")
    source = path.read_text(encoding="utf-8")
    # boardmap asks yaml-rs for dates as text (the models parse them); PyYAML makes dates.
    assert yaml_rs.loads(source, parse_datetime=False) == _dates_as_text(yaml.safe_load(source))


def _dates_as_text(value: object) -> object:
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_map_loads_and_round_trips(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not there yet")
    gmap = load(path)
    again = load_text(dump_map(gmap))
    assert again.boards == gmap.boards and again.links == gmap.links
    assert again.escalations == gmap.escalations and again.themes == gmap.themes
