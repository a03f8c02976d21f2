"""The diff's sentences about a link's own words (`says`): what the map now calls the link,
with its places filled and unfinished words marked, so that no quoted phrase reads as a
broken sentence."""

from __future__ import annotations

from boardmap.say.links import _own_words
from boardmap.say.says import ends_unfinished, fill, has_places

SAYS_NOW = "the map’s words for this link are now “{new}”"
SAYS_WAS = " (previously “{old}”)"
SAYS_NEW = " (previously none)"
SAYS_GONE = "the map no longer has words of its own for this link (previously “{old}”)"


def quoted_says(says: str | None, link_type: str, *, to: str, from_: str) -> str | None:
    """A `says` as a quotation: its places filled with the bodies' names, and '…' after
    words that stop short; None where there are none, or they are the type's own words."""
    text = " ".join((says or "").split()).rstrip(" .")
    if not text or text.lower() in _own_words(link_type):
        return None
    if has_places(text):
        return fill(text, to=to, from_=from_)
    return text.rstrip(" ,;:") + " …" if ends_unfinished(text) else text


def says_changed(
    said: str, before: str | None, after: str | None, link_type: str, *, to: str, from_: str
) -> str:
    """'<link>: the map’s words for this link are now “...” (previously “...”).'"""
    old = quoted_says(before, link_type, to=to, from_=from_)
    new = quoted_says(after, link_type, to=to, from_=from_)
    if new is None:
        return (
            f"{said}: "
            + (SAYS_GONE.format(old=old) if old else "the map’s words for this link changed only in form")
            + "."
        )
    return f"{said}: {SAYS_NOW.format(new=new)}" + (SAYS_WAS.format(old=old) if old else SAYS_NEW) + "."
