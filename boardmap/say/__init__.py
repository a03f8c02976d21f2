"""boardmap.say: the only place that makes the English a reader sees.

Stages (checks, views, the diff) return data; this package turns it into words:

- grammar: articles, plurals, counts, lists and dates (on the inflect library);
- vocab: one vocabulary of link types, kinds of body, statutory roles and cadences;
- names: how a body is named inside a sentence;
- says: reading a link's `says` (its {to} and {from} places, and whether it is complete);
- links: a link said as a label, a clause or sentences;
- diagrams: the diagrams' labels, legends, titles and descriptions (alt text);
- guide: the guide's headings and the sentences around the map's content.

Modules below this one import from here; nothing here imports a stage above the model.
"""

from boardmap.say.grammar import a, count, join, long_date, plural, sentence
from boardmap.say.links import link_label, link_sentences, link_words
from boardmap.say.names import area_name, running_name, the
from boardmap.say.vocab import KIND_NAMES, LINK_LABELS, LINK_MEANINGS, LINK_VERBS, ROLE_NAMES

__all__ = [
    "KIND_NAMES",
    "LINK_LABELS",
    "LINK_MEANINGS",
    "LINK_VERBS",
    "ROLE_NAMES",
    "a",
    "area_name",
    "count",
    "join",
    "link_label",
    "link_sentences",
    "link_words",
    "long_date",
    "plural",
    "running_name",
    "sentence",
    "the",
]
