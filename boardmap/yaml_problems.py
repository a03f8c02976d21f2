"""What is wrong with a YAML file that does not parse, or parses into something a map may not
be: each problem placed at its line and column, found (slowly, by PyYAML) only once the fast
parser has refused the file or the file uses tags or aliases.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import yaml

from boardmap.errors import Problem
from boardmap.messages import TEXT_AFTER_QUOTE, UNCLOSED_QUOTE, clip
from boardmap.yaml_nodes import SAFE_LOADER as _SafeLoader
from boardmap.yaml_nodes import key_value, walk

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
# Explicit tags a map may use: the YAML core schema. Anything else (!!python/object...,
# !!binary, custom !tags) is refused rather than ignored.
ALLOWED_TAGS = frozenset(
    {"!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
)


class Parsed(Protocol):
    """The file a problem is found in (boardmap.source.Source): its name, its text, and its
    node tree with marks."""

    file: str
    text: str

    def compose(self) -> yaml.Node | None: ...


def quote_problem(source: Parsed, message: str) -> Problem | None:
    """A value in quotes gone wrong, in the words of the usual cause: a quote never closed
    (placed where it opens, not where the parser gave up, lines later), or text after a
    closing quote (an apostrophe inside single quotes, which yaml-rs calls double-quoted)."""
    if "trailing content" in message:
        match = re.search(r"line (\d+),? column (\d+)", message)
        if match:
            return Problem(source.file, int(match[1]), int(match[2]), "yaml-syntax", TEXT_AFTER_QUOTE)
        return None
    try:
        source.compose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark
        if mark is not None and exc.context == "while scanning a quoted scalar":
            return Problem(source.file, mark.line + 1, mark.column + 1, "yaml-syntax", UNCLOSED_QUOTE)
    except yaml.YAMLError:
        pass
    return None


def complex_key(source: Parsed) -> tuple[int, int]:
    """Where the first '? ' (complex key) line is, else the start of the file."""
    for number, line in enumerate(source.text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("? ") or stripped == "?":
            return number, len(line) - len(stripped) + 1
    return 1, 1


def syntax_problems(source: Parsed, message: str) -> list[Problem]:
    if "alias" in message and ("replay" in message or "limit" in message):
        line, column = first_alias(source)
        return [
            Problem(
                source.file,
                line,
                column,
                "yaml-syntax",
                f"aliases (*name) here expand to more than {ALIAS_REPLAY_LIMIT:,} "
                "items, far beyond any real map: write the lists out in full",
            )
        ]
    if "tag" in message.lower():
        tags = tag_problems(source)
        if tags:
            return tags
    if "tab" in message:
        tab = indenting_tab(source.text)
        if tab is not None:
            return [
                Problem(
                    source.file,
                    *tab,
                    "yaml-syntax",
                    "a tab indents this line; YAML indents with spaces only: replace the tab with spaces",
                )
            ]
    if "unknown anchor" in message:
        match = re.search(r"line (\d+),? column (\d+)", message)
        if match:
            line, column = int(match[1]), int(match[2])
            name = re.match(r"\*([^\s,\]}]+)", source.text.splitlines()[line - 1][column - 1 :] + " ")
            alias = name[1] if name else "..."
            return [
                Problem(
                    source.file,
                    line,
                    column,
                    "yaml-syntax",
                    f"the alias *{alias} names no anchor &{alias} before it in this "
                    "file: define the anchor first, or write the value out "
                    "(anchors do not carry from one file to another)",
                )
            ]
    if "duplicate" in message:
        dupes = duplicate_keys(source)
        if dupes:
            return dupes
    if "quoted scalar" in message or "unclosed quote" in message:
        quoted = quote_problem(source, message)
        if quoted is not None:
            return [quoted]
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
                source.file,
                int(match[1]),
                int(match[2]),
                "yaml-syntax",
                f"{reason} (check the indentation, brackets and quotes here)",
            )
        ]
    # yaml-rs said no without a place: ask PyYAML, whose errors carry marks.
    try:
        source.compose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [Problem(source.file, line, column, "yaml-syntax", str(exc.problem or reason))]
    except yaml.YAMLError:
        pass
    return [Problem(source.file, 1, 1, "yaml-syntax", reason)]


def tag_problems(source: Parsed) -> list[Problem]:
    problems = []
    try:
        for event in yaml.parse(source.text, Loader=_SafeLoader):
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in ALLOWED_TAGS:
                mark = event.start_mark
                assert mark is not None
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(
                    Problem(
                        source.file,
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


def alias_problems(source: Parsed) -> list[Problem]:
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
        for event in yaml.parse(source.text, Loader=_SafeLoader):
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
                    _at(
                        source,
                        event,
                        "a key here is a list or a mapping; keys are field "
                        "names or glossary terms: write the key as plain text",
                    )
                ]
            total += size
            if replayed > ALIAS_REPLAY_LIMIT:  # as yaml-rs would say, before it copies
                return syntax_problems(source, "alias replay limit")
            if total > MAX_EXPANDED_CHARS:
                return [
                    _at(
                        source,
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
                source.file,
                line,
                column,
                "yaml-syntax",
                f"{exc.problem or 'bad YAML'} (check the indentation, brackets and quotes here)",
            )
        ]
    except yaml.YAMLError:
        return [Problem(source.file, 1, 1, "yaml-syntax", "the file is not valid YAML")]
    return []


def _at(source: Parsed, event: yaml.Event, message: str) -> Problem:
    mark = event.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(source.file, line, column, "yaml-syntax", message)


def document_count(source: Parsed) -> int:
    try:
        return sum(
            1
            for event in yaml.parse(source.text, Loader=_SafeLoader)
            if isinstance(event, yaml.DocumentStartEvent)
        )
    except yaml.YAMLError:
        return 1


def first_alias(source: Parsed) -> tuple[int, int]:
    try:
        for event in yaml.parse(source.text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return event.start_mark.line + 1, event.start_mark.column + 1
    except yaml.YAMLError:
        pass
    return 1, 1


def duplicate_keys(source: Parsed) -> list[Problem]:
    try:
        root = source.compose()
    except yaml.YAMLError:
        return []
    problems: list[Problem] = []
    for node in walk(root):
        if not isinstance(node, yaml.MappingNode):
            continue
        seen: dict[Any, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            value = key_value(key)
            if value in seen:
                earlier = seen[value]
                first = earlier.start_mark.line + 1
                same = (
                    f"the key '{clip(key.value)}' appears twice in the same mapping (first at line {first})"
                    if earlier.value == key.value
                    else f"the keys '{clip(earlier.value)}' (line {first}) and "
                    f"'{clip(key.value)}' are one key to YAML, in the same "
                    "mapping"
                )
                problems.append(
                    Problem(
                        source.file,
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


def has_alias(text: str) -> bool:
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


def indenting_tab(text: str) -> tuple[int, int] | None:
    """Line and column of the first tab in a line's indentation, if any."""
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None
