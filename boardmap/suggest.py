"""'Did you mean ...?' over a map's ids or names, at a bounded cost.

difflib compares a value with every name it is given, and each comparison costs time in
the length of both; asked for each unknown id of a national map (a prefix renamed across
10,000 references, against 10,000 boards) that is 100 million comparisons: hours. Here the
names are indexed by their character trigrams once; each question compares the value only
with the few names that share its rarest trigrams, answers are remembered (an alias
repeats one value many times), and after MAX_QUESTIONS different values no more
suggestions are made: a map with that many unknown ids needs a look, not a hint for each.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator

MAX_QUESTIONS = 1000
# Lists this short are compared whole, exactly as difflib would.
_SMALL = 64
# Postings read for one question, rarest trigrams first, and candidates compared in full.
_POSTINGS_BUDGET = 4000
_CANDIDATES = 24
# Longer values are close to no id (ids are at most 64 characters), and difflib's cost grows
# with the value's length, which an alias can repeat 100,000 times.
MAX_LENGTH = 128


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """The names a value may be a slip for. Iterates as the names it was given."""

    def __init__(self, names: Iterable[str], cutoff: float = 0.75) -> None:
        self.names = list(dict.fromkeys(names))
        self.cutoff = cutoff
        self._index: dict[str, list[int]] | None = None
        self._answers: dict[str, str | None] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def closest(self, value: str) -> str | None:
        """The name closest to `value` (difflib's ratio at least `cutoff`), or None."""
        if value in self._answers:
            return self._answers[value]
        if len(value) > MAX_LENGTH or len(self._answers) >= MAX_QUESTIONS:
            return None
        candidates = self.names if len(self.names) <= _SMALL else self._candidates(value)
        close = difflib.get_close_matches(value, candidates, n=1, cutoff=self.cutoff)
        answer = close[0] if close else None
        self._answers[value] = answer
        return answer

    def _candidates(self, value: str) -> list[str]:
        if self._index is None:
            self._index = {}
            for number, name in enumerate(self.names):
                for gram in _trigrams(name[:MAX_LENGTH]):
                    self._index.setdefault(gram, []).append(number)
        index = self._index
        grams = sorted((g for g in _trigrams(value) if g in index), key=lambda g: len(index[g]))
        shared: Counter[int] = Counter()
        budget = _POSTINGS_BUDGET
        for gram in grams:
            postings = index[gram]
            if len(postings) > budget:
                break
            budget -= len(postings)
            shared.update(postings)
        # Ties broken by the names' order, so the same map always gets the same hint.
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:_CANDIDATES]
        return [self.names[number] for number, _ in best]
