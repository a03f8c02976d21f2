"""Reading one YAML file safely, and finding where things stand in it.

Parsing takes the fast road: yaml-rs, a Rust parser that builds only plain data, refuses
duplicate keys and caps alias replay. Positions are needed only when something is wrong,
so PyYAML composes the file then (its node marks give every key's line and column);
that slower road is never taken for a clean map.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
import yaml_rs

from boardmap.errors import Problem

# A map has no business replaying more than this many events through aliases: the cap
# turns a "billion laughs" file into an error in well under a second.
ALIAS_REPLAY_LIMIT = 100_000
# Deeper than this, a file is not a governance map; PyYAML's composer recurses per level.
MAX_DEPTH = 64
# Explicit tags a map may use: the YAML core schema. Anything else (!!python/object...,
# !!binary, custom !tags) is refused rather than ignored.
ALLOWED_TAGS = frozenset(
    {"!"}
    | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
)

try:  # LibYAML's C composer when present; the pure-Python one otherwise.
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader

Path_ = tuple[str | int, ...]


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large map's objects triggers it
    over and over for nothing (it more than doubles load time at 10,000 boards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
                file, line, column, "yaml-syntax",
                f"the file is not valid {encoding.upper()} text (byte 0x{bad}); it may be "
                "Latin-1 or Windows-1252, or not a text file at all: save it as UTF-8",
            )
        ]
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        return None, [
            Problem(
                file, line, 1, "yaml-syntax",
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
        self._items: dict[str, list[int] | None] = {}
        # Ids of boards that failed validation, by their index in `boards`: declared, so
        # not reported as unknown, but still counted as duplicates.
        self.unvalidated_ids: dict[int, str] = {}

    # -- parsing ---------------------------------------------------------------------

    def parse(self) -> tuple[Any, list[Problem]]:
        """Parse the text into plain data, or say where and why it cannot be."""
        try:
            with no_gc():
                data = yaml_rs.loads(
                    self.text,
                    parse_datetime=True,
                    alias_limits=yaml_rs.AliasLimits(
                        max_total_replayed_events=ALIAS_REPLAY_LIMIT,
                        max_replay_stack_depth=MAX_DEPTH,
                    ),
                )
        except yaml_rs.YAMLDecodeError as exc:
            return None, self._syntax_problems(str(exc))
        except (RecursionError, MemoryError, ValueError) as exc:  # pragma: no cover
            return None, self._syntax_problems(str(exc))
        problems = self._tag_problems() if "!" in self.text else []
        if isinstance(data, list) and self._document_count() > 1:
            problems.append(
                Problem(
                    self.file, 1, 1, "yaml-syntax",
                    "the file holds more than one YAML document (a '---' line between "
                    "them): put each part of the map in a file of its own",
                )
            )
        return (None if problems else data), problems

    def _syntax_problems(self, message: str) -> list[Problem]:
        if "alias" in message and ("replay" in message or "limit" in message):
            line, column = self._first_alias()
            return [
                Problem(
                    self.file, line, column, "yaml-syntax",
                    f"aliases (*name) here expand to more than {ALIAS_REPLAY_LIMIT:,} "
                    "items, far beyond any real map: write the lists out in full",
                )
            ]
        if "tag" in message.lower():
            tags = self._tag_problems()
            if tags:
                return tags
        if "duplicate" in message:
            dupes = self._duplicate_keys()
            if dupes:
                return dupes
        match = re.search(r"line (\d+),? column (\d+)", message)
        reason = message.strip().splitlines()[-1].strip() if message.strip() else "bad YAML"
        if "recursion" in message:
            reason = f"the file nests deeper than {MAX_DEPTH} levels; a map never needs that"
        if match:
            return [
                Problem(
                    self.file, int(match[1]), int(match[2]), "yaml-syntax",
                    f"{reason} (check the indentation, brackets and quotes here)",
                )
            ]
        # yaml-rs said no without a place: ask PyYAML, whose errors carry marks.
        try:
            self.compose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return [Problem(self.file, line, column, "yaml-syntax", str(exc.problem or reason))]
        except yaml.YAMLError:
            pass
        return [Problem(self.file, 1, 1, "yaml-syntax", reason)]

    def _tag_problems(self) -> list[Problem]:
        problems = []
        try:
            for event in yaml.parse(self.text, Loader=_SafeLoader):
                tag = getattr(event, "tag", None)
                if tag is not None and tag not in ALLOWED_TAGS:
                    mark = event.start_mark
                    assert mark is not None
                    shown = tag.replace("tag:yaml.org,2002:", "!!")
                    problems.append(
                        Problem(
                            self.file, mark.line + 1, mark.column + 1, "yaml-syntax",
                            f"the tag '{shown}' is not allowed: a map holds only plain text, "
                            "numbers, dates, lists and mappings; remove the tag",
                        )
                    )
        except yaml.YAMLError:
            pass  # yaml-rs read it; any disagreement shows up as schema problems instead
        return problems

    def _document_count(self) -> int:
        try:
            return sum(1 for event in yaml.parse(self.text, Loader=_SafeLoader)
                       if isinstance(event, yaml.DocumentStartEvent))
        except yaml.YAMLError:
            return 1

    def _first_alias(self) -> tuple[int, int]:
        try:
            for event in yaml.parse(self.text, Loader=_SafeLoader):
                if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                    return event.start_mark.line + 1, event.start_mark.column + 1
        except yaml.YAMLError:
            pass
        return 1, 1

    def _duplicate_keys(self) -> list[Problem]:
        try:
            root = self.compose()
        except yaml.YAMLError:
            return []
        problems: list[Problem] = []
        for node in _walk(root):
            if not isinstance(node, yaml.MappingNode):
                continue
            seen: dict[str, yaml.Node] = {}
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                if key.value in seen:
                    first = seen[key.value].start_mark.line + 1
                    problems.append(
                        Problem(
                            self.file, key.start_mark.line + 1, key.start_mark.column + 1,
                            "yaml-syntax",
                            f"the key '{key.value}' appears twice in the same mapping (first "
                            f"at line {first}); YAML would silently keep only one: "
                            "remove or rename one of them",
                        )
                    )
                else:
                    seen[key.value] = key
        return problems

    # -- positions ---------------------------------------------------------------------

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
            child, key_node = _child(node, step)
            if child is None:
                break
            node = child
            mark = key_node.start_mark if (key and key_node is not None) else child.start_mark
            if key_node is not None and not key:
                # A value's own mark, except for empty values, which sit on the key's line.
                mark = child.start_mark if child.start_mark.line >= key_node.start_mark.line \
                    else key_node.start_mark
        return mark.line + 1, mark.column + 1

    def item_line(self, section: str, index: int) -> int:
        """The line of item `index` of a top-level list, cheaply where the file allows.

        Block-style files (nearly all) are read with one regular expression; anything
        else falls back to composing the file.
        """
        if section not in self._items:
            self._items[section] = _block_item_lines(self.text, section)
        lines = self._items[section]
        if lines is not None and 0 <= index < len(lines):
            return lines[index]
        return self.position((section, index))[0]

    def check_item_count(self, section: str, count: int) -> None:
        """Drop the fast index of a section when it disagrees with the parsed data."""
        if section not in self._items:
            self._items[section] = _block_item_lines(self.text, section)
        lines = self._items[section]
        if lines is not None and len(lines) != count:
            self._items[section] = None


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return node.value[step], None
    return None, None


def _walk(root: yaml.Node | None) -> Iterator[yaml.Node]:
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


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)


def _block_item_lines(text: str, section: str) -> list[int] | None:
    """Lines of the items of a top-level block sequence `section:`; None where unsure."""
    starts = [(m.start(), m[1]) for m in _TOP_KEY.finditer(text)]
    for i, (offset, name) in enumerate(starts):
        if name != section:
            continue
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        body_start = text.index("\n", offset) + 1 if "\n" in text[offset:end] else end
        body = text[body_start:end]
        first = re.search(r"^([ \t]*)-(?:[ \t]|$)", body, re.M)
        if first is None:
            return None
        indent = re.escape(first[1])
        line0 = text.count("\n", 0, body_start) + 1
        lines = []
        last = 0
        count = 0
        for m in re.finditer(rf"^{indent}-(?:[ \t]|$)", body, re.M):
            count += body.count("\n", last, m.start())
            last = m.start()
            lines.append(line0 + count)
        return lines
    return None
