"""Moved to boardmap.say.guide; re-exported here until every caller imports it from there."""

from boardmap.say.guide import *  # noqa: F403
