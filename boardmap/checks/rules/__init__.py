"""The gap rules: each a small function over the shared views of a map (engine.Context).

Every rule runs in time linear, or nearly, in boards and links: reachability by one
breadth-first search from the accountable bodies, cycles by strongly connected components,
membership overlap by signatures of small member sets and prefix filtering over an
inverted index of members. Rules are
registered in catalogue order; their ids are a contract (maps name them in `accepted:`).

The rules live in one module per theme; importing this package registers them all, in the
order below, which is the catalogue's order."""

# isort: off
from boardmap.checks.rules import accountability  # noqa: F401
from boardmap.checks.rules import challenge  # noqa: F401
from boardmap.checks.rules import themes  # noqa: F401
from boardmap.checks.rules import overlap  # noqa: F401
from boardmap.checks.rules import statutory  # noqa: F401
# isort: on
