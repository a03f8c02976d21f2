"""Acronyms spelt out at their first use, reading the guide's document in order."""

from __future__ import annotations

import dataclasses

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
    # A part whose words stay as they are is kept, not made again (most parts, most times).
    done: list[Inline] = []
    for part in parts:
        if isinstance(part, str):
            done.append(glossary.spell_out(part))
        elif isinstance(part, Ref):
            board = glossary_board(glossary, part)
            text = glossary.spell_out(part.text)
            done.append(part if text == part.text else Ref(part.board, text, part.link))
            if board and glossary.mention(board):
                done.append(f" ({board})")
        elif isinstance(part, Anchor | Strong):
            text = glossary.spell_out(part.text)
            done.append(part if text == part.text else dataclasses.replace(part, text=text))
        else:
            done.append(part)  # a phone number, an address: as written
    return tuple(done)


def glossary_board(glossary: Glossary, ref: Ref) -> str | None:
    """The acronym to put after a board's name at its first mention, if it has one."""
    short = glossary.shorts.get(ref.board)
    return short if short and short not in ref.text.split() else None


def _spell_block(block: Block, glossary: Glossary) -> Block:
    if isinstance(block, Section):
        return Section(block.id, tuple(_spell_block(b, glossary) for b in block.blocks), block.kind)
    if isinstance(block, Heading):
        glossary.note(plain_text(block.text))
        return block
    if isinstance(block, Para):
        return Para(_spell_inlines(block.text, glossary), block.prose)
    if isinstance(block, Items):
        return Items(
            tuple(_spell_inlines(i, glossary) for i in block.items), block.ordered, block.ids, block.prose
        )
    if isinstance(block, Facts):
        return Facts(tuple((k, _spell_inlines(v, glossary)) for k, v in block.rows))
    if isinstance(block, Table):
        return Table(
            _spell_inlines(block.caption, glossary),
            block.head,
            tuple(tuple(_spell_inlines(c, glossary) for c in row) for row in block.rows),
            block.ids,
        )
    return dataclasses.replace(block, title=glossary.spell_out(block.title))
