"""Grammar for every sentence boardmap writes: articles, plurals, counts, lists, dates.

Built on the inflect library rather than hand-written rules, so that "an NHS trust", "an
outside body" and "3 outside bodies" come out right for words nobody listed.
"""

from __future__ import annotations

import datetime as dt
import functools
from types import ModuleType
from typing import Any


def _unchecked(target: Any = None, **_options: Any) -> Any:
    return target if target is not None else (lambda function: function)


def _import_inflect() -> ModuleType:
    """inflect without typeguard's run-time checks of its arguments (boardmap passes it
    strings): instrumenting its functions at import costs about 1.8 s of CPU in every run
    of every command, ten times what the rest of boardmap's start costs (issue 23). inflect
    reads only `typechecked` from typeguard, once, as it is imported: a stand-in is put in
    typeguard's place for that moment, and whatever was there before put back."""
    import sys

    if "inflect" in sys.modules:
        return sys.modules["inflect"]
    stand_in = ModuleType("typeguard")
    setattr(stand_in, "typechecked", _unchecked)  # noqa: B010
    before = sys.modules.get("typeguard")
    sys.modules["typeguard"] = stand_in
    try:
        import inflect
    finally:
        if before is None:
            del sys.modules["typeguard"]
        else:
            sys.modules["typeguard"] = before
    return inflect


_ENGINE = _import_inflect().engine()

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Words that already give a noun phrase its determiner: 'its report', 'the plan'.
DETERMINERS = (
    "a ",
    "an ",
    "the ",
    "its ",
    "their ",
    "his ",
    "her ",
    "each ",
    "every ",
    "any ",
    "all ",
    "some ",
    "this ",
    "these ",
    "those ",
    "one ",
    "two ",
    "three ",
    "four ",
)


@functools.lru_cache(maxsize=1024)
def a(noun: str) -> str:
    """The noun with 'a' or 'an' as it is said: 'a police force', 'an NHS trust', 'an outside
    body', 'a university'."""
    noun = noun.strip()
    if not noun:
        return noun
    return str(_ENGINE.a(noun))


@functools.lru_cache(maxsize=1024)
def plural(noun: str, count: int = 2) -> str:
    """The noun as `count` of it is said: plural('outside body') is 'outside bodies';
    plural('sub-group', 1) is 'sub-group'. An acronym takes a small 's': 'LSCBs'."""
    if count == 1:
        return noun
    last = noun.rsplit(" ", 1)[-1]
    if last.isupper() and len(last) > 1:
        return noun + "s"
    return str(_ENGINE.plural_noun(noun))


def count(number: int, noun: str, *, grouped: bool = False) -> str:
    """'1 sub-group', '12 sub-groups', '3 outside bodies', '0 links'; `grouped`: the
    thousands marked, as a diagram's description writes a large map's count ('1,204 links')."""
    return f"{number:,}" + f" {plural(noun, number)}" if grouped else f"{number} {plural(noun, number)}"


def agree(verb: str, number: int) -> str:
    """A verb of the present tense as `number` subjects take it: agree('chairs', 2) is
    'chair', agree('has', 3) 'have', agree('is', 1) 'is'."""
    return verb if number == 1 else str(_ENGINE.plural_verb(verb))


def its(number: int) -> str:
    """'its' for one, 'their' for more."""
    return "its" if number == 1 else str(_ENGINE.plural_adj("its"))


def capital(text: str) -> str:
    """The text with its first letter in capitals, the rest as written: 'The Board ...'."""
    return text[:1].upper() + text[1:]


def count_words(number: int, noun: str) -> str:
    """The count in words up to nine, as GOV.UK style writes it: 'one step', 'three steps',
    '12 steps'."""
    said = str(_ENGINE.number_to_words(str(number))) if 0 <= number < 10 else str(number)
    return f"{said} {plural(noun, number)}"


def join(items: list[str], conj: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (no comma before the last, as GOV.UK writes lists)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return str(_ENGINE.join(items, final_sep="", conj=conj))


def long_date(day: dt.date) -> str:
    """A date as GOV.UK writes it: 1 April 2019."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop where none ends it."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] in ".!?" or (text[-1] in '"”' and text[-2:-1] in (".", "!", "?")):
        return text
    return text + "."


def has_determiner(phrase: str) -> bool:
    """Whether a noun phrase starts with its own determiner: 'its report', 'the plan'."""
    return phrase.lower().startswith(DETERMINERS)
