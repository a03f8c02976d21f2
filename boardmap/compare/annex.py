"""The guide's short annex "How other areas do it" (`boardmap guide --compare OTHER...`): what
the other areas' maps show that the guide's own map (the first compared) does not."""

from __future__ import annotations

from boardmap.compare import say, say_report
from boardmap.compare.records import Comparison
from boardmap.guide.doc import Heading, Items, Para, Section

ANNEX_ID = "other-areas"


def guide_annex(cmp: Comparison) -> Section:
    others = say.areas_list([a.label for a in cmp.areas[1:]])
    items = say_report.annex_items(cmp)
    blocks: list[Heading | Para | Items] = [
        Heading(2, (say_report.ANNEX_HEADING,), f"{ANNEX_ID}-heading"),
        Para((say_report.ANNEX_INTRO.format(others=others),), prose=False),
    ]
    if items:
        blocks.append(Items(tuple((item,) for item in items)))
    else:
        blocks.append(Para((say_report.ANNEX_NONE.format(others=others),), prose=False))
    return Section(ANNEX_ID, tuple(blocks))
