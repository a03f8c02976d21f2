"""Reading one YAML file safely, and finding where things stand in it.

Parsing takes the fast road: yaml-rs, a Rust parser that builds only plain data, refuses
duplicate keys and caps alias replay. Positions are needed only when something is wrong,
so PyYAML composes the file then (its node marks give every key's line and column);
that slower road is never taken for a clean map.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
import yaml_rs

from boardmap.collector import kept, no_gc
from boardmap.errors import Problem
from boardmap.yaml_nodes import SAFE_LOADER as _SafeLoader
from boardmap.yaml_nodes import block_item_lines, top_keys, walk
from boardmap.yaml_nodes import child as child_of
from boardmap.yaml_problems import (
    ALIAS_REPLAY_LIMIT,
    MAX_DEPTH,
    alias_problems,
    complex_key,
    document_count,
    has_alias,
    syntax_problems,
    tag_problems,
)

# yaml-rs and LibYAML's composer recurse once per level of block nesting and crash the whole
# process (a segfault, no message) at some 20,000 levels, which one 40 KB line of "- - - ..."
# reaches. Each block level takes at least a column of indentation or indicators, so a file
# whose lines all start with fewer than MAX_INDENT of them cannot go that deep.
MAX_INDENT = 1000
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{MAX_INDENT}}}")  # starts with '\n': a fast search


Path_ = tuple[str | int, ...]


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without a BOM), or UTF-16/32 with a BOM."""
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    )
    encoding = "utf-8"
    for bom, name in boms:
        if raw.startswith(bom):
            encoding, raw = name, raw[len(bom) :]
            break
    else:
        # UTF-16 saved without a BOM (some Windows tools): every other byte is zero.
        if len(raw) >= 4 and raw[1] == 0 and raw[3] == 0 and raw[0] and raw[2]:
            encoding = "utf-16-le"
        elif len(raw) >= 4 and raw[0] == 0 and raw[2] == 0 and raw[1] and raw[3]:
            encoding = "utf-16-be"
    try:
        text = raw.decode(encoding.replace("-sig", ""))
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        return None, [
            Problem(
                file,
                line,
                column,
                "yaml-syntax",
                f"the file is not valid {encoding.upper()} text (byte 0x{bad}); it may be "
                "Latin-1 or Windows-1252, or not a text file at all: save it as UTF-8",
            )
        ]
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        return None, [
            Problem(
                file,
                line,
                1,
                "yaml-syntax",
                "the file holds a NUL character, so it is not a text file: "
                "a map must be YAML text saved as UTF-8",
            )
        ]
    return text, []


class Source:
    """One map file's text, its parsed data, and (on demand) the positions of its nodes."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self._composed: yaml.Node | None = None
        self._compose_failed = False
        self._items: dict[str, Sequence[int] | None] = {}
        self._counts: dict[str, int] = {}
        self._top_keys: list[tuple[int, str, int]] | None = None
        # Ids of boards that failed validation, by their index in `boards`: declared, so
        # not reported as unknown, but still counted as duplicates.
        self.unvalidated_ids: dict[int, str] = {}
        # How many items `boards:` lists, valid or not (set where validation failed).
        self.declared_boards = 0

    # -- parsing ---------------------------------------------------------------------

    def parse(self) -> tuple[Any, list[Problem]]:
        """Parse the text into plain data, or say where and why it cannot be."""
        deep = _DEEP_LINE.search(self.text) or re.match(_DEEP_LINE.pattern[2:], self.text)
        if deep:
            line = self.text.count("\n", 0, deep.start()) + 1 + deep[0].startswith("\n")
            return None, [
                Problem(
                    self.file,
                    line,
                    1,
                    "yaml-syntax",
                    f"this line starts with more than {MAX_INDENT:,} columns of "
                    "indentation and nesting; a map never needs that",
                )
            ]
        if has_alias(self.text):
            # Before yaml-rs: it copies every aliased value, so the bytes an alias bomb
            # expands to would be allocated before any check of ours could run.
            problems = alias_problems(self)
            if problems:
                return None, problems
        try:
            with no_gc():
                data = yaml_rs.loads(
                    self.text,
                    # Dates stay text here and the models parse them: yaml-rs would also turn
                    # a quoted "2014-06-17" (meant as text) into a date.
                    parse_datetime=False,
                    alias_limits=yaml_rs.AliasLimits(
                        max_total_replayed_events=ALIAS_REPLAY_LIMIT,
                        max_replay_stack_depth=MAX_DEPTH,
                    ),
                )
        except yaml_rs.YAMLDecodeError as exc:
            return None, syntax_problems(self, str(exc))
        except (RecursionError, MemoryError, ValueError) as exc:  # pragma: no cover
            return None, syntax_problems(self, str(exc))
        except TypeError:
            # A complex key ('? ...', or a list or mapping used as a key) is unhashable.
            return None, [
                Problem(
                    self.file,
                    *complex_key(self),
                    "yaml-syntax",
                    "a key here is a list or a mapping (a '? ' key); map keys "
                    "are plain words such as 'boards' or 'name'",
                )
            ]
        # The parsed data is not needed once validated; where the process ends as the
        # command returns, it is kept rather than freed object by object (13 ms at 10,000
        # boards; boardmap.collector.kept).
        kept(data)
        problems = tag_problems(self) if "!" in self.text else []
        if isinstance(data, list) and document_count(self) > 1:
            problems.append(
                Problem(
                    self.file,
                    1,
                    1,
                    "yaml-syntax",
                    "the file holds more than one YAML document (a '---' line between "
                    "them): put each part of the map in a file of its own",
                )
            )
        return (None if problems else data), problems

    def huge_number(self) -> tuple[int, int]:
        """Where the first number too long for Python to turn into text stands."""
        try:
            for node in walk(self.compose()):
                if isinstance(node, yaml.ScalarNode) and not node.style and len(node.value) > 1000:
                    try:
                        str(int(node.value.replace("_", ""), 0))
                    except ValueError:
                        return node.start_mark.line + 1, node.start_mark.column + 1
        except yaml.YAMLError:
            pass
        return 1, 1

    def compose(self) -> yaml.Node | None:
        """PyYAML's node tree, with marks. Aliased nodes are shared, never expanded."""
        if self._composed is None and not self._compose_failed:
            try:
                with no_gc():
                    self._composed = yaml.compose(self.text, Loader=_SafeLoader)
            except yaml.YAMLError:
                self._compose_failed = True
                raise
        return self._composed

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at `path`, or of its key when `key` is set.

        Follows the path as far as the file goes and answers for the deepest node found.
        """
        try:
            node = self.compose()
        except yaml.YAMLError:
            return 1, 1
        if node is None:
            return 1, 1
        mark = node.start_mark
        for step in path:
            child, key_node = child_of(node, step)
            if child is None:
                break
            node = child
            mark = key_node.start_mark if (key and key_node is not None) else child.start_mark
            if key_node is not None and not key:
                # A value's own mark, except for empty values, which sit on the key's line.
                mark = (
                    child.start_mark
                    if child.start_mark.line >= key_node.start_mark.line
                    else key_node.start_mark
                )
        return mark.line + 1, mark.column + 1

    def item_line(self, section: str, index: int) -> int:
        """The line of item `index` of a top-level list, cheaply where the file allows.

        Block-style files (nearly all) are read with one regular expression, the first time a
        line is asked for; where that reading disagrees with the parsed data on how many
        items there are, the file is composed instead.
        """
        if section not in self._items:
            lines = self._section_lines(section)
            expected = self._counts.get(section)
            self._items[section] = (
                None if lines is None or (expected is not None and len(lines) != expected) else lines
            )
        lines = self._items[section]
        if lines is not None and 0 <= index < len(lines):
            return lines[index]
        return self.position((section, index))[0]

    def check_item_count(self, section: str, count: int) -> None:
        """Record how many items the parsed data holds, to check the fast index against."""
        self._counts[section] = count

    def _section_lines(self, section: str) -> Sequence[int] | None:
        # The file's top-level keys are found once for all five sections.
        if self._top_keys is None:
            self._top_keys = top_keys(self.text)
        return block_item_lines(self.text, section, self._top_keys)
