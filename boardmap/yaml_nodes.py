"""Finding things in a YAML file's text and node tree: a key as the parser holds it, a node's
child by key or index, every node once, and the lines of a top-level list's items read
straight from the text (the fast road for a clean file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, overload

import yaml

try:  # LibYAML's C composer when present; the pure-Python one otherwise.
    SAFE_LOADER: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    SAFE_LOADER = yaml.SafeLoader


def key_value(key: yaml.ScalarNode) -> Any:
    """A key as the parser's dict holds it: plain 1, 1.0, true and 0x1 are one key (they
    are equal in Python), as are null and ~; quoted keys are text."""
    if key.style or len(key.value) > 100:
        return ("text", key.value)
    try:
        value = yaml.safe_load(key.value)
    except yaml.YAMLError:
        return ("text", key.value)
    if isinstance(value, str | int | float | bool) or value is None:
        return ("text", value) if isinstance(value, str) else value
    return ("text", key.value)


def child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value_node, key_node
        # A key that is not text (null, 1.5) is named by its value in Python ('None').
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and not key_node.style:
                value = key_value(key_node)
                if not isinstance(value, tuple) and str(value) == str(step):
                    return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return node.value[step], None
    return None, None


def walk(root: yaml.Node | None) -> Iterator[yaml.Node]:
    # Iterative, and each node once: aliases share nodes, so this stays linear.
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


# Top-level keys and list items are found by searching for the newline before them: in
# multiline mode '^' makes the regex engine test every character of the file, ten times
# slower on a national map (0.6 s of the load at 10,000 boards, issue 8).
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
_NEWLINE_TOP_KEY = re.compile(r"\n([A-Za-z_][\w-]*)[ \t]*:")
_FIRST_ITEM = re.compile(r"^([ \t]*)-(?:[ \t]|$)", re.M)


def top_keys(text: str) -> list[tuple[int, str, int]]:
    """Offsets, names and lines of the keys that start a line, in order."""
    first = _TOP_KEY.match(text)
    found = ([(0, first[1])] if first else []) + [
        (m.start() + 1, m[1]) for m in _NEWLINE_TOP_KEY.finditer(text)
    ]
    keys: list[tuple[int, str, int]] = []
    line, last = 1, 0
    for offset, name in found:
        line += text.count("\n", last, offset)
        last = offset
        keys.append((offset, name, line))
    return keys


def block_item_lines(
    text: str, section: str, starts: list[tuple[int, str, int]] | None = None
) -> ItemLines | None:
    """Lines of the items of a top-level block sequence `section:`; None where unsure.
    `starts` is `top_keys(text)`, where the caller has it already."""
    if starts is None:
        starts = top_keys(text)
    for i, (offset, name, key_line) in enumerate(starts):
        if name != section:
            continue
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        newline = text.find("\n", offset, end)
        body_start = newline + 1 if newline >= 0 else end
        first = _FIRST_ITEM.search(text, body_start, end)
        if first is None:
            return None
        item = re.compile(rf"\n{re.escape(first[1])}-(?:[ \t]|$)", re.M)
        offsets = [first.start()] + [m.start() + 1 for m in item.finditer(text, first.start(), end)]
        return ItemLines(text, offsets, key_line + text.count("\n", offset, offsets[0]))
    return None


class ItemLines(Sequence[int]):
    """The lines of a list's items, from the offsets where they start, each worked out when
    it is asked for: a national map's 50,000 links are found in one pass, but only the few
    thousand with a finding need a line. Every STEP-th item's line is counted from the one
    before it, once; an item's line from the nearest such mark, so each answer counts the
    newlines of at most STEP items. At 8, the 4,234 findings of a national map are placed
    in 12 ms, against 15 ms at 32 (counting every mark is 4 ms of it, the file's newlines
    counted once)."""

    STEP = 8

    def __init__(self, text: str, offsets: list[int], first_line: int) -> None:
        self._text = text
        self._offsets = offsets  # never empty: a list has a first item
        self._marks = [first_line]

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        offsets, marks, step = self._offsets, self._marks, self.STEP
        if index < 0:
            index += len(offsets)
        if not 0 <= index < len(offsets):
            raise IndexError(index)
        mark = index // step
        while len(marks) <= mark:
            last = (len(marks) - 1) * step
            marks.append(marks[-1] + self._text.count("\n", offsets[last], offsets[last + step]))
        return marks[mark] + self._text.count("\n", offsets[mark * step], offsets[index])
