"""The floor that `boardmap check` is measured against, run in a fresh interpreter:

    python bench/floor.py MAP.yaml

yaml-rs parses the file, plain pydantic models of format v1 (the same fields, types, choices
and id pattern as boardmap.model, but no custom validators, no error locating, no merging
or dates) validate it, and networkx builds the MultiDiGraph. Nothing is printed but one JSON
line with the time each stage took, so the parent can check the work was done.

The cyclic garbage collector is off, as boardmap has it while loading and checking: with
it on, collections walking the map's million objects would add a second at 10,000 boards,
and the floor would flatter boardmap.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
import time
from typing import Annotated, Literal

start = time.perf_counter()
gc.disable()

import networkx as nx  # noqa: E402
import yaml_rs  # noqa: E402
from pydantic import BaseModel, ConfigDict, Field, StringConstraints  # noqa: E402

BoardId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Kind = Literal[
    "statutory-board",
    "partnership",
    "committee",
    "sub-group",
    "officer-group",
    "role",
    "organisation",
    "external",
]
LinkType = Literal[
    "reports-to", "challenges", "escalates-to", "consults", "informs", "sub-group-of", "attends", "meets-with"
]


class Plain(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Board(Plain):
    id: BoardId
    name: Text
    short: str | None = None
    kind: Kind
    purpose: str | None = None
    basis: str | None = None
    statutory_role: str | None = None
    chair: str | list[str] | None = None
    independent_chair: bool = False
    members: list[str] = Field(default_factory=list)
    meets: str | None = None
    areas: list[str] = Field(default_factory=list)
    top: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    url: str | None = None


class Link(Plain):
    from_: BoardId = Field(alias="from")
    to: BoardId
    type: LinkType
    says: str | None = None
    what: str | None = None
    cadence: str | None = None
    basis: str | None = None
    review_by: dt.date | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class Step(Plain):
    action: Text
    involves: list[str] = Field(default_factory=list)


class Escalation(Plain):
    id: BoardId
    name: Text
    description: str | None = None
    between: list[str] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)


class Theme(Plain):
    id: BoardId
    name: Text
    description: str | None = None
    lead: str | None = None
    supports: list[str] = Field(default_factory=list)


class LinkRef(Plain):
    from_: BoardId = Field(alias="from")
    to: BoardId
    type: LinkType | None = None


class Accepted(Plain):
    rule: Text
    board: str | None = None
    boards: list[str] | None = None
    link: LinkRef | None = None
    theme: str | None = None
    route: str | None = None
    reason: Text
    until: dt.date | None = None


class MapFile(Plain):
    boardmap: Literal[1]
    area: Text | None = None
    title: str | None = None
    as_of: dt.date | None = None
    rules: list[str] = Field(default_factory=list)
    glossary: dict[str, str] = Field(default_factory=dict)
    boards: list[Board] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    escalations: list[Escalation] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    accepted: list[Accepted] = Field(default_factory=list)


def main(path: str) -> None:
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        data = yaml_rs.loads(f.read(), parse_datetime=True)
    t1 = time.perf_counter()
    parsed = MapFile.model_validate(data)
    t2 = time.perf_counter()
    graph = nx.MultiDiGraph()
    for board in parsed.boards:
        graph.add_node(board.id, **{k: v for k, v in board.__dict__.items() if k != "id" and v is not None})
    for index, link in enumerate(parsed.links):
        attrs = {k: v for k, v in link.__dict__.items() if k != "from_" and v is not None}
        graph.add_edge(link.from_, link.to, index=index, **attrs)
    t3 = time.perf_counter()
    print(
        json.dumps(
            {
                "import": round(t0 - start, 4),
                "parse": round(t1 - t0, 4),
                "validate": round(t2 - t1, 4),
                "graph": round(t3 - t2, 4),
                "boards": graph.number_of_nodes(),
                "links": graph.number_of_edges(),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
