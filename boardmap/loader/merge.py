"""Many files -> one map: the files' lists joined, the fields they share agreeing, and the
whole map's problems found (boardmap.loader.references).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from boardmap import messages
from boardmap.errors import MapError, Problem
from boardmap.loader.file import MAX_ITEMS, SECTIONS
from boardmap.loader.references import Files, name_problems, pack_problems, reference_problems
from boardmap.model import GovernanceMap, MapFile
from boardmap.origins import Loaded, Origins
from boardmap.source import Source

# Top-level scalars that may stand in several files of a folder, so long as they agree.
SHARED_FIELDS = ("area", "title", "as_of", "rules", "urgent")


def merge(
    files: list[tuple[Source, MapFile]], sources: list[Source], problems: list[Problem], origins: Origins
) -> Loaded:
    """Join the files' lists into one map, with the side table of where each item stands;
    raise MapError with `problems` and any found here."""
    problems = list(problems)
    if not files:
        raise MapError(problems)
    by_file = {s.file: s for s in sources}
    shared: dict[str, tuple[Any, str, int]] = {}
    for source, part in files:
        for field in SHARED_FIELDS:
            value = getattr(part, field)
            if value is None or value == []:
                continue
            if field == "rules":  # a set of packs: the order they are listed in is no matter
                value = sorted(set(value))
            line = source.position((field,))[0] if len(files) > 1 else 1
            if field in shared and shared[field][0] != value:
                first_value, first_file, first_line = shared[field]
                shown, first_shown = (
                    (", ".join(value), ", ".join(first_value))
                    if field == "rules"
                    else (str(value), str(first_value))
                )
                problems.append(
                    Problem(
                        source.file,
                        line,
                        1,
                        "schema",
                        f"{field} is '{messages.clip(shown)}' here but "
                        f"'{messages.clip(first_shown)}' in "
                        f"{first_file}:{first_line}; the files of one map must agree",
                    )
                )
            shared.setdefault(field, (value, source.file, line))
    glossary: dict[str, str] = {}
    rules: list[str] = []
    for source, part in files:
        for term, meaning in part.glossary.items():
            if glossary.get(term, meaning) != meaning:
                line, column = source.position(("glossary", term), key=True)
                problems.append(
                    Problem(
                        source.file,
                        line,
                        column,
                        "schema",
                        f"the glossary explains {messages.clip(term)} differently in another file; "
                        "keep one explanation",
                    )
                )
            glossary[term] = meaning
        rules.extend(r for r in part.rules if r not in rules)
    first_file = files[0][0].file if files else (sources[0].file if sources else "<map>")
    # Where an area was given but refused (too long, only spaces), that is reported already.
    if "area" not in shared and not any(p.message.startswith("area ") for p in problems):
        problems.append(Problem(first_file, 1, 1, "schema", messages.NO_AREA))
    boards = [b for _, part in files for b in part.boards]
    # Where `boards:` itself was reported (say, `boards: null`), "no boards" says it twice.
    # Nor where boards were declared but none was valid: each is reported already.
    if (
        not boards
        and not any(p.message.startswith("boards ") for p in problems)
        and not any(s.declared_boards for s in sources)
    ):
        problems.append(Problem(first_file, 1, 1, "schema", messages.NO_BOARDS))
    gmap = GovernanceMap.model_construct(
        area=shared["area"][0] if "area" in shared else "",
        title=shared["title"][0] if "title" in shared else None,
        as_of=shared["as_of"][0] if "as_of" in shared else dt.date.today(),
        rules=rules,
        glossary=glossary,
        boards=boards,
        links=[x for _, part in files for x in part.links],
        escalations=[x for _, part in files for x in part.escalations],
        themes=[x for _, part in files for x in part.themes],
        accepted=[x for _, part in files for x in part.accepted],
        agreements=[x for _, part in files for x in part.agreements],
        urgent=shared["urgent"][0] if "urgent" in shared else None,
        concerns=[x for _, part in files for x in part.concerns],
        sources=[s.file for s in sources],
    )
    count = sum(len(getattr(gmap, section)) for section in SECTIONS)
    if count > MAX_ITEMS:  # a folder whose files are each within the limit
        problems.append(Problem(first_file, 1, 1, "schema", messages.too_many(count, MAX_ITEMS)))
        raise MapError(problems)
    located = Files(by_file, origins)
    problems.extend(reference_problems(gmap, located))
    problems.extend(pack_problems(files))
    problems.extend(name_problems(gmap, located))
    if problems:
        raise MapError(problems)
    return Loaded(gmap, gmap, origins, by_file)
