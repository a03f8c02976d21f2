"""Acronyms spelt out at their first use, reading the guide's document in order."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from boardmap.guide.base import plain_text
from boardmap.guide.doc import (
    Anchor,
    Block,
    Facts,
    Heading,
    Inline,
    Inlines,
    Items,
    Para,
    Ref,
    Section,
    Strong,
    Table,
)
from boardmap.guide.glossary import Glossary


def spell_out(section: Section, glossary: Glossary) -> Section:
    """Acronyms spelt out at their first use, reading the guide in order."""
    done = _spell_block(section, glossary)
    assert isinstance(done, Section)
    return done


def _spell_inlines(parts: Inlines, glossary: Glossary) -> Inlines:
    # Parts whose words stay as they are (most, most times) are kept, and so are the tuple
    # and the block holding them where none changes: nothing is made again for nothing.
    done: list[Inline] = []
    same = True
    for part in parts:
        if isinstance(part, str):
            text = glossary.spell_out(part)
            same = same and text is part
            done.append(text)
        elif isinstance(part, Ref):
            board = glossary_board(glossary, part)
            text = glossary.spell_out(part.text)
            done.append(part if text == part.text else Ref(part.board, text, part.link))
            if board and glossary.mention(board):
                done.append(f" ({board})")
            same = same and done[-1] is part
        elif isinstance(part, Anchor | Strong):
            text = glossary.spell_out(part.text)
            done.append(part if text == part.text else dataclasses.replace(part, text=text))
            same = same and done[-1] is part
        else:
            done.append(part)  # a phone number, an address: as written
    return parts if same else tuple(done)


def glossary_board(glossary: Glossary, ref: Ref) -> str | None:
    """The acronym to put after a board's name at its first mention, if it has one."""
    short = glossary.shorts.get(ref.board)
    return short if short and short not in ref.text.split() else None


def _spell_block(block: Block, glossary: Glossary) -> Block:
    if isinstance(block, Section):
        blocks = tuple(_spell_block(b, glossary) for b in block.blocks)
        return block if _same(blocks, block.blocks) else Section(block.id, blocks, block.kind)
    if isinstance(block, Heading):
        glossary.note(plain_text(block.text))
        return block
    if isinstance(block, Para):
        text = _spell_inlines(block.text, glossary)
        return block if text is block.text else Para(text, block.prose)
    if isinstance(block, Items):
        items = tuple(_spell_inlines(i, glossary) for i in block.items)
        return block if _same(items, block.items) else Items(items, block.ordered, block.ids, block.prose)
    if isinstance(block, Facts):
        rows = tuple((k, _spell_inlines(v, glossary)) for k, v in block.rows)
        return block if _same([r[1] for r in rows], [r[1] for r in block.rows]) else Facts(rows)
    if isinstance(block, Table):
        caption = _spell_inlines(block.caption, glossary)
        cells = tuple(tuple(_spell_inlines(c, glossary) for c in row) for row in block.rows)
        if caption is block.caption and all(_same(a, b) for a, b in zip(cells, block.rows, strict=True)):
            return block
        return Table(caption, block.head, cells, block.ids)
    title = glossary.spell_out(block.title)
    return block if title is block.title else dataclasses.replace(block, title=title)


def _same(made: Sequence[object], was: Sequence[object]) -> bool:
    return all(a is b for a, b in zip(made, was, strict=True))
