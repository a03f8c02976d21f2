"""Moved to boardmap.say. This module re-exports the old names so that callers not yet moved
keep working; import from boardmap.say.* in new code. It goes once no caller uses it."""

from boardmap.say.diagrams import *  # noqa: F403
from boardmap.say.grammar import join as join_names
from boardmap.say.grammar import long_date, sentence
from boardmap.say.links import *  # noqa: F403
from boardmap.say.links import LinkWords
from boardmap.say.names import area_name, name_in, running_name, the
from boardmap.say.phrases import *  # noqa: F403
from boardmap.say.says import SaysForm, read_says
from boardmap.say.vocab import *  # noqa: F403

__all__ = [
    "LinkWords",
    "SaysForm",
    "area_name",
    "join_names",
    "long_date",
    "name_in",
    "read_says",
    "running_name",
    "sentence",
    "the",
]
