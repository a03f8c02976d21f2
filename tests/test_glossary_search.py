"""The guide's glossary finds acronyms with a quicker search (Glossary._found, issue 23)
that must find exactly what its pattern's own search finds: the same places, the same
acronyms, whatever stands before them."""

from __future__ import annotations

import random

import pytest

from boardmap.guide.glossary import Glossary

MEANINGS = {
    "JSNA": "Joint Strategic Needs Assessment",
    "SNA": "a shorter one inside it",
    "s.11": "section 11",
    "11": "eleven",
    "A&E": "Accident and Emergency",
    "E": "one letter",
    "O&S": "Overview and Scrutiny",
}


@pytest.mark.parametrize(
    "text",
    [
        "the JSNA and the JSNAs",
        "xJSNA, -JSNA, 'JSNA', ’SNA, &SNA, (JSNA)",
        "as.11 and s.11 and 11",  # refused at one place, found at a later one inside it
        "A&E, xA&E, &E, E-E, E&, EE",
        "O&S O&Ss xO&S",
        "",
        "nothing here",
    ],
)
def test_the_quick_search_finds_what_the_pattern_finds(text: str) -> None:
    glossary = Glossary(dict(MEANINGS), {})
    found = [(m.span(), m.groups()) for m in glossary._found(text)]
    assert found == [(m.span(), m.groups()) for m in glossary.pattern().finditer(text)]


def test_the_quick_search_agrees_on_random_texts() -> None:
    glossary = Glossary(dict(MEANINGS), {})
    pattern = glossary.pattern()
    chosen = random.Random(23)
    pieces = ["x", " ", "-", "&", "'", "’", "s", "(", ")", ".", *MEANINGS]
    for _ in range(3000):
        text = "".join(chosen.choice(pieces) for _ in range(10))
        assert [m.span() for m in glossary._found(text)] == [m.span() for m in pattern.finditer(text)], text


def test_a_text_said_again_is_spelt_out_as_the_first_time() -> None:
    # Glossary.spell_out gives a text it has read before as it is: the same words as reading
    # it afresh, since its acronyms are spelt out by then.
    glossary = Glossary(dict(MEANINGS), {})
    said = [glossary.spell_out(t) for t in ["the JSNA", "the JSNA", "JSNA and O&S", "JSNA and O&S", "no"]]
    assert said == [
        "the Joint Strategic Needs Assessment (JSNA)",
        "the JSNA",
        "JSNA and Overview and Scrutiny (O&S)",
        "JSNA and O&S",
        "no",
    ]
    assert glossary.used == {"JSNA", "O&S"}


def test_spelling_out_with_texts_kept_agrees_on_random_texts() -> None:
    chosen = random.Random(23)
    pieces = ["x", " ", "(", ")", "&", *MEANINGS]
    texts = ["".join(chosen.choice(pieces) for _ in range(6)) for _ in range(40)]
    kept, afresh = Glossary(dict(MEANINGS), {}), Glossary(dict(MEANINGS), {})
    for _ in range(2000):
        text = chosen.choice(texts)
        afresh._read.clear()
        assert kept.spell_out(text) == afresh.spell_out(text), text
        assert (kept.used, kept.introduced) == (afresh.used, afresh.introduced)


def test_a_section_spelt_out_is_kept_where_nothing_in_it_changes() -> None:
    from boardmap.guide.doc import Anchor, Facts, Items, Para, Ref, Section, Strong, Table
    from boardmap.guide.spelling import spell_out

    glossary = Glossary(dict(MEANINGS), {"x": "JSNA"})
    blocks = (
        Para(("the JSNA", Ref("x", "the board"))),
        Items((("the JSNA again", Strong("O&S")),)),
        Facts((("Plan", (Anchor("#a", "the JSNA"),)),)),
        Table(("no acronym",), ("a", "b"), ((("x",), (Ref("x", "the board"),)),)),
    )
    spelt = spell_out(Section("s", blocks), glossary)
    assert spelt.blocks == (
        Para(("the Joint Strategic Needs Assessment (JSNA)", Ref("x", "the board"))),
        Items((("the JSNA again", Strong("Overview and Scrutiny (O&S)")),)),
        Facts((("Plan", (Anchor("#a", "the JSNA"),)),)),
        Table(("no acronym",), ("a", "b"), ((("x",), (Ref("x", "the board"),)),)),
    )
    assert spelt.blocks[2] is blocks[2] and spelt.blocks[3] is blocks[3]  # nothing changed in them
    again = spell_out(spelt, glossary)  # every acronym met by now: all of it kept
    assert again is spelt
