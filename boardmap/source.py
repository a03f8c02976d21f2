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
from boardmap.messages import clip

# A map has no business replaying more than this many events through aliases: the cap
# turns a "billion laughs" file into an error in well under a second.
ALIAS_REPLAY_LIMIT = 100_000
# Deeper than this, a file is not a governance map; PyYAML's composer recurses per level.
MAX_DEPTH = 64
# How deep yaml-rs nests lists and mappings before it says "recursion limit exceeded".
MAX_FLOW_NESTING = 255
# Aliases replay a value without copying it, so a small file can stand for gigabytes of text
# (one long value aliased 100,000 times), which every output would then write out in full.
# Where a file uses aliases, the text it expands to is capped like a file's size.
MAX_EXPANDED_CHARS = 64 * 1024 * 1024
# yaml-rs and LibYAML's composer recurse once per level of block nesting and crash the whole
# process (a segfault, no message) at some 20,000 levels, which one 40 KB line of "- - - ..."
# reaches. Each block level takes at least a column of indentation or indicators, so a file
# whose lines all start with fewer than MAX_INDENT of them cannot go that deep.
MAX_INDENT = 1000
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{MAX_INDENT}}}")  # starts with '\n': a fast search
# Explicit tags a map may use: the YAML core schema. Anything else (!!python/object...,
# !!binary, custom !tags) is refused rather than ignored.
ALLOWED_TAGS = frozenset(
    {"!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
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
        self._items: dict[str, list[int] | None] = {}
        self._counts: dict[str, int] = {}
        self._top_keys: list[tuple[int, str]] | None = None
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
        if _has_alias(self.text):
            # Before yaml-rs: it copies every aliased value, so the bytes an alias bomb
            # expands to would be allocated before any check of ours could run.
            problems = self._alias_problems()
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
            return None, self._syntax_problems(str(exc))
        except (RecursionError, MemoryError, ValueError) as exc:  # pragma: no cover
            return None, self._syntax_problems(str(exc))
        except TypeError:
            # A complex key ('? ...', or a list or mapping used as a key) is unhashable.
            return None, [
                Problem(
                    self.file,
                    *self._complex_key(),
                    "yaml-syntax",
                    "a key here is a list or a mapping (a '? ' key); map keys "
                    "are plain words such as 'boards' or 'name'",
                )
            ]
        problems = self._tag_problems() if "!" in self.text else []
        if isinstance(data, list) and self._document_count() > 1:
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

    def _complex_key(self) -> tuple[int, int]:
        """Where the first '? ' (complex key) line is, else the start of the file."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            stripped = line.lstrip()
            if stripped.startswith("? ") or stripped == "?":
                return number, len(line) - len(stripped) + 1
        return 1, 1

    def _syntax_problems(self, message: str) -> list[Problem]:
        if "alias" in message and ("replay" in message or "limit" in message):
            line, column = self._first_alias()
            return [
                Problem(
                    self.file,
                    line,
                    column,
                    "yaml-syntax",
                    f"aliases (*name) here expand to more than {ALIAS_REPLAY_LIMIT:,} "
                    "items, far beyond any real map: write the lists out in full",
                )
            ]
        if "tag" in message.lower():
            tags = self._tag_problems()
            if tags:
                return tags
        if "tab" in message:
            tab = _indenting_tab(self.text)
            if tab is not None:
                return [
                    Problem(
                        self.file,
                        *tab,
                        "yaml-syntax",
                        "a tab indents this line; YAML indents with spaces only: replace the tab with spaces",
                    )
                ]
        if "unknown anchor" in message:
            match = re.search(r"line (\d+),? column (\d+)", message)
            if match:
                line, column = int(match[1]), int(match[2])
                name = re.match(r"\*([^\s,\]}]+)", self.text.splitlines()[line - 1][column - 1 :] + " ")
                alias = name[1] if name else "..."
                return [
                    Problem(
                        self.file,
                        line,
                        column,
                        "yaml-syntax",
                        f"the alias *{alias} names no anchor &{alias} before it in this "
                        "file: define the anchor first, or write the value out "
                        "(anchors do not carry from one file to another)",
                    )
                ]
        if "duplicate" in message:
            dupes = self._duplicate_keys()
            if dupes:
                return dupes
        match = re.search(r"line (\d+),? column (\d+)", message)
        reason = message.strip().splitlines()[-1].strip() if message.strip() else "bad YAML"
        # yaml-rs may end with a line of the source: never echo the map's text unchecked.
        reason = clip(reason, 200)
        if "recursion" in message:
            # yaml-rs's own limit on nested lists and mappings (MAX_DEPTH is for aliases).
            reason = (
                f"the file nests lists or mappings more than {MAX_FLOW_NESTING} levels "
                "deep; a map never needs that"
            )
        if match:
            return [
                Problem(
                    self.file,
                    int(match[1]),
                    int(match[2]),
                    "yaml-syntax",
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
                            self.file,
                            mark.line + 1,
                            mark.column + 1,
                            "yaml-syntax",
                            f"the tag '{shown}' is not allowed: a map holds only plain text, "
                            "numbers, dates, lists and mappings; remove the tag",
                        )
                    )
        except yaml.YAMLError:
            pass  # yaml-rs read it; any disagreement shows up as schema problems instead
        return problems

    def _alias_problems(self) -> list[Problem]:
        """Refuse what aliases can make of a small file: gigabytes of text (yaml-rs caps
        the number of values replayed, not their size), or a key that is a whole list
        (pydantic echoes such a key, expanded, in its error message).

        Reads the file's events with PyYAML, which replays nothing: each anchor's expanded
        size is counted once and added up wherever an alias names it.
        """
        sizes: dict[str, tuple[int, int]] = {}  # anchor -> (characters, nodes) it expands to
        collections: set[str] = set()  # anchors that name a list or a mapping
        # One frame per open collection:
        # [characters, nodes, anchor, is a mapping, items seen so far].
        frames: list[list[Any]] = [[0, 0, None, False, 0]]
        total = replayed = 0
        try:
            for event in yaml.parse(self.text, Loader=_SafeLoader):
                if isinstance(event, yaml.CollectionEndEvent):
                    size, nodes, anchor, _, _ = frames.pop()
                    if anchor:
                        sizes[anchor] = (size, nodes)
                    frames[-1][0] += size
                    frames[-1][1] += nodes
                    continue
                if not isinstance(event, yaml.NodeEvent):
                    continue
                parent = frames[-1]
                is_key = parent[3] and parent[4] % 2 == 0
                parent[4] += 1
                if isinstance(event, yaml.AliasEvent):
                    anchor = str(event.anchor)
                    size, nodes = sizes.get(anchor, (1, 1))
                    replayed += nodes
                    complex_key = is_key and anchor in collections
                else:
                    size = len(event.value) + 1 if isinstance(event, yaml.ScalarEvent) else 1
                    nodes = 1
                    complex_key = is_key and isinstance(event, yaml.CollectionStartEvent)
                if complex_key:
                    return [
                        self._at(
                            event,
                            "a key here is a list or a mapping; keys are field "
                            "names or glossary terms: write the key as plain text",
                        )
                    ]
                total += size
                if replayed > ALIAS_REPLAY_LIMIT:  # as yaml-rs would say, before it copies
                    return self._syntax_problems("alias replay limit")
                if total > MAX_EXPANDED_CHARS:
                    return [
                        self._at(
                            event,
                            "aliases (*name) here expand the file to more than "
                            f"{MAX_EXPANDED_CHARS // 1_048_576} MB of text, far beyond "
                            "any real map: write the values out in full",
                        )
                    ]
                if isinstance(event, yaml.CollectionStartEvent):
                    if event.anchor:
                        collections.add(event.anchor)
                    frames.append([size, 1, event.anchor, isinstance(event, yaml.MappingStartEvent), 0])
                    continue
                if isinstance(event, yaml.ScalarEvent) and event.anchor:
                    sizes[event.anchor] = (size, 1)
                parent[0] += size
                parent[1] += nodes
        except yaml.MarkedYAMLError as exc:
            # Refused rather than left to yaml-rs: what PyYAML could not read, it could not
            # measure either, and a bomb may lie beyond the point where it stopped.
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return [
                Problem(
                    self.file,
                    line,
                    column,
                    "yaml-syntax",
                    f"{exc.problem or 'bad YAML'} (check the indentation, brackets and quotes here)",
                )
            ]
        except yaml.YAMLError:
            return [Problem(self.file, 1, 1, "yaml-syntax", "the file is not valid YAML")]
        return []

    def _at(self, event: yaml.Event, message: str) -> Problem:
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Problem(self.file, line, column, "yaml-syntax", message)

    def huge_number(self) -> tuple[int, int]:
        """Where the first number too long for Python to turn into text stands."""
        try:
            for node in _walk(self.compose()):
                if isinstance(node, yaml.ScalarNode) and not node.style and len(node.value) > 1000:
                    try:
                        str(int(node.value.replace("_", ""), 0))
                    except ValueError:
                        return node.start_mark.line + 1, node.start_mark.column + 1
        except yaml.YAMLError:
            pass
        return 1, 1

    def _document_count(self) -> int:
        try:
            return sum(
                1
                for event in yaml.parse(self.text, Loader=_SafeLoader)
                if isinstance(event, yaml.DocumentStartEvent)
            )
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
            seen: dict[Any, yaml.Node] = {}
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                value = _key_value(key)
                if value in seen:
                    earlier = seen[value]
                    first = earlier.start_mark.line + 1
                    same = (
                        f"the key '{clip(key.value)}' appears twice in the same mapping "
                        f"(first at line {first})"
                        if earlier.value == key.value
                        else f"the keys '{clip(earlier.value)}' (line {first}) and "
                        f"'{clip(key.value)}' are one key to YAML, in the same "
                        "mapping"
                    )
                    problems.append(
                        Problem(
                            self.file,
                            key.start_mark.line + 1,
                            key.start_mark.column + 1,
                            "yaml-syntax",
                            f"{same}; YAML would silently keep only one: remove or rename one of them",
                        )
                    )
                else:
                    seen[value] = key
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

    def _section_lines(self, section: str) -> list[int] | None:
        # The file's top-level keys are found once for all five sections.
        if self._top_keys is None:
            self._top_keys = _top_keys(self.text)
        return _block_item_lines(self.text, section, self._top_keys)


def _key_value(key: yaml.ScalarNode) -> Any:
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


def _has_alias(text: str) -> bool:
    """Whether the text may hold an alias (*name): a '*' that starts a token. A '*' in prose
    ("*see note") costs only a closer look; no '*' at all, none."""
    at = text.find("*")
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + 1 : at + 2]
        if before in " \t\n\r[{,:?-" and after and after not in " \t\n\r,[]{}*":
            return True
        at = text.find("*", at + 1)
    return False


def _indenting_tab(text: str) -> tuple[int, int] | None:
    """Line and column of the first tab in a line's indentation, if any."""
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value_node, key_node
        # A key that is not text (null, 1.5) is named by its value in Python ('None').
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and not key_node.style:
                value = _key_value(key_node)
                if not isinstance(value, tuple) and str(value) == str(step):
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


# Top-level keys and list items are found by searching for the newline before them: in
# multiline mode '^' makes the regex engine test every character of the file, ten times
# slower on a national map (0.6 s of the load at 10,000 boards, issue 8).
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
_NEWLINE_TOP_KEY = re.compile(r"\n([A-Za-z_][\w-]*)[ \t]*:")
_FIRST_ITEM = re.compile(r"^([ \t]*)-(?:[ \t]|$)", re.M)


def _top_keys(text: str) -> list[tuple[int, str]]:
    """Offsets and names of the keys that start a line, in order."""
    first = _TOP_KEY.match(text)
    return ([(0, first[1])] if first else []) + [
        (m.start() + 1, m[1]) for m in _NEWLINE_TOP_KEY.finditer(text)
    ]


def _block_item_lines(
    text: str, section: str, starts: list[tuple[int, str]] | None = None
) -> list[int] | None:
    """Lines of the items of a top-level block sequence `section:`; None where unsure.
    `starts` is `_top_keys(text)`, where the caller has it already."""
    if starts is None:
        starts = _top_keys(text)
    for i, (offset, name) in enumerate(starts):
        if name != section:
            continue
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        newline = text.find("\n", offset, end)
        body_start = newline + 1 if newline >= 0 else end
        first = _FIRST_ITEM.search(text, body_start, end)
        if first is None:
            return None
        item = re.compile(rf"\n{re.escape(first[1])}-(?:[ \t]|$)", re.M)
        line = text.count("\n", 0, first.start()) + 1
        lines = [line]
        last = first.start()
        for m in item.finditer(text, first.start(), end):
            line += text.count("\n", last, m.start() + 1)
            last = m.start() + 1
            lines.append(line)
        return lines
    return None
