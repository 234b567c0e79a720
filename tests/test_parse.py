"""The spaCy pipeline as detente loads it gives what spaCy gives: the lemmatizer with a
complete cache and the attribute ruler with its one-word rules looked up set the same
attributes as spaCy's own components."""
import json
from pathlib import Path

import spacy

from detente import Settings, parse
from detente.cli import sample_path
from detente.read import read_paths

GOLDEN = [json.loads(line) for line in (Path(__file__).parent / "golden" / "sentences.jsonl").open()]
ODD = [  # contractions and forms the attribute ruler has exceptions for, spaces, odd tokens
    "I ain't gonna go, y'all. Let's gotta c'mon! They'd've known; we'd said it's theirs.",
    "  Two  spaces,\n\na new line\tand a tab.   ",
    "",
    "U.S.-backed forces shelled the town; Nov. 2, 1987 -- 15.5 mln dlrs vs 12 pct.",
    "Hamas, Hizbullah and al-Shabaab condemned the U.N. resolution (again)!",
]


def attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_attributes_as_spacy():
    model = Settings().model
    ours = parse.load(model)
    assert type(ours.get_pipe("lemmatizer")).__name__.startswith("Cached")
    assert type(ours.get_pipe("attribute_ruler")).__name__.startswith("Indexed")
    stock = spacy.load(model, exclude=list(parse.UNUSED))
    texts = ODD + [c["text"] for c in GOLDEN] + [d.text for d in read_paths([sample_path()])]
    for _ in range(2):           # the second time from the caches
        for a, b in zip(stock.pipe(texts), ours.pipe(texts)):
            assert attributes(a) == attributes(b)


def test_unparsed_docs_go_through_spacys_own_matching():
    """The attribute ruler's lookup needs tags and dependencies; without, spaCy's way."""
    ours = parse.load(Settings().model)
    ruler = ours.get_pipe("attribute_ruler")
    doc = ours.make_doc("They went home.")
    assert ruler.match(doc) == super(type(ruler), ruler).match(doc)
