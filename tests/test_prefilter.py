"""The prefilter (parse only the sentences that can hold an event): what it keeps, and
that coding with it gives what coding every sentence gives."""
import functools
import json
from pathlib import Path

import pytest

from conftest import shared
from detente import Coder, Settings, parse
from detente.cli import sample_path
from detente.events import _verb_keys
from detente.prefilter import _ANY_ROLE, _TRIGGER
from detente.read import read_paths

GOLDEN = [json.loads(line) for line in (Path(__file__).parent / "golden" / "sentences.jsonl").open()]
DATE = "2015-06-01"


@pytest.fixture(scope="module")
def both():
    full = Coder(Settings(prefilter=False))
    return full, Coder(Settings(prefilter=True), nlp=full.nlp)


def coded(coder, text, date=DATE):
    return [e.to_dict() for e in coder.code(text, date=date)]


def pieces(coder, text):
    """(first sentence, sentences) of each piece the prefilter would parse, and the count."""
    plan = coder.prefilter.plan(coder.prefilter.split([coder.nlp.make_doc(text)]))[0]
    return [(p.first_sentence, p.sentences) for p in plan.pieces], plan.sentences


def test_on_by_default_and_off_by_environment():
    assert Settings().prefilter is True
    assert Settings.from_env({"DETENTE_PREFILTER": "0"}).prefilter is False


def test_sample_coded_the_same_both_ways(both):
    full, fast = both
    docs = list(read_paths([sample_path()]))
    a = [e.to_dict() for r in full.pipe(docs) for e in r.events]
    b = [e.to_dict() for r in fast.pipe(docs) for e in r.events]
    assert a == b and len(a) > 48
    assert 0 < fast.counts["parsed_sentences"] < fast.counts["sentences"]     # it does skip some


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_golden_sentences_coded_the_same_both_ways(both, case):
    full, fast = both
    assert coded(full, case["text"], case["date"]) == coded(fast, case["text"], case["date"])


def test_every_event_is_in_a_parsed_piece(both):
    """On the sample: the trigger of every event that parsing every sentence finds lies in
    a piece the prefilter parses."""
    full, fast = both
    for doc in read_paths([sample_path()]):
        plan = fast.prefilter.plan(fast.prefilter.split([fast.nlp.make_doc(doc.text)]))[0]
        spans = [(p.start, p.end) for p in plan.pieces]
        for e in full.code_document(doc).events:
            assert any(a <= e.trigger_span[0] and e.trigger_span[1] <= b for a, b in spans), (doc.id, e)


def test_surface_forms_cover_what_the_parser_lemmatizes(both):
    """Every word of the sample and the golden sentences that the coder would look up as a
    trigger or role noun (by its lemma, after parsing) is known to the prefilter by its
    form (before parsing)."""
    full, fast = both
    d, pf = full.dicts, fast.prefilter
    texts = [doc.text for doc in read_paths([sample_path()])] + [c["text"] for c in GOLDEN]
    real = {k for table in (d.verbs, d.nouns) for k, pats in table.items()
            if any(p.code not in ("-", "*") for p in pats)}
    nouns = real & set(d.nouns)
    heads = {k[-1] for k in d.roles}
    checked = 0
    for sdoc in full.nlp.pipe(texts):
        for t in sdoc:
            cat = pf.category.get(t.lower, 0)
            if t.pos_ == "VERB" and any(k in d.verbs and k in real for k in _verb_keys(t)):
                assert cat & _TRIGGER, t.text
                checked += 1
            if t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in nouns or t.lower_ in nouns):
                assert cat & _TRIGGER, t.text
                checked += 1
            if t.lemma_.lower() in heads:
                assert cat & _ANY_ROLE, t.text
                checked += 1
    assert checked > 300


@pytest.mark.parametrize("text, kept, n", [
    # one actor and a trigger: parsed; no trigger, or only a statement with one actor: skipped
    ("Pakistan attacked Afghanistan. The weather was fine. The markets were quiet. India condemned Pakistan.",
     [(0, 1), (3, 1)], 4),
    ("Pakistan made a statement.", [], 1),
    # a pronoun reads the salience of the sentence before: it is parsed too
    ("The Pakistani army is large. It shelled Afghan border posts on Tuesday.", [(0, 2)], 2),
    # "both countries" are the last two named
    ("Afghanistan and Pakistan are neighbours. Both countries agreed to reopen the border.", [(0, 2)], 2),
    # the partner of "an agreement with X" is a subject of the two sentences before
    ("Ghani visited Islamabad. The visit was short. It ended with an agreement with Pakistan.", [(0, 3)], 3),
    # an arrest nobody is named for is by the state the sentence before names
    ("Rebels raided a town in Mali. The weather was fine. Nine were detained.", [(0, 1)], 3),
    ("Rebels raided a town in Mali. Nine were detained.", [(0, 2)], 2),
])
def test_what_is_parsed(both, text, kept, n):
    full, fast = both
    assert pieces(fast, text) == (kept, n)
    assert coded(full, text) == coded(fast, text)


def test_context_gives_the_event(both):
    full, fast = both
    events = coded(fast, "The Pakistani army is large. It shelled Afghan border posts on Tuesday.")
    assert [(e["sentence"], e["source"], e["target"]) for e in events] == [(1, "PAKMIL", "AFGMIL")]


@pytest.mark.parametrize("text, cut", [
    ("Non-callable for life, the deal was rated AAA by Moody's.", 1),        # "Non | -callable"
    ("The Bass family holds an 11. 6 pct stake in the company.", 5),          # "11. | 6 pct"
    ("Pakistan attacked Afghanistan. India condemned it.", 4),
])
def test_pieces_start_only_at_sure_sentence_ends(both, text, cut):
    """Where the sentence recogniser cuts without a full stop before, or without a capital
    or line break after, the prefilter does not start or end a piece."""
    _, fast = both
    tdoc = fast.nlp.make_doc(text)
    for t in tdoc:
        t.is_sent_start = t.i in (0, cut)
    sents, counts = fast.prefilter._sentences(tdoc, [t.lower for t in tdoc])
    sure = text.startswith("Pakistan")
    assert len(sents) == (2 if sure else 1) and sum(counts) == 2


def test_long_documents_in_blocks(both, monkeypatch):
    """Blocks of a long text are planned together: context reaches into the block before."""
    full, fast = both
    monkeypatch.setattr(parse, "blocks", functools.partial(parse.blocks, size=60))
    text = ("The Pakistani army is large and well equipped for war. It shelled Afghan border posts on Tuesday. "
            "The weather was fine. Markets were quiet in the capital all week. "
            "Afghan officials met in Kabul on Monday. They condemned Pakistan.")
    assert len(list(parse.blocks(text))) > 3
    a, b = coded(full, text), coded(fast, text)
    assert a == b and ("PAKMIL", "AFGMIL") in {(e["source"], e["target"]) for e in a}


def test_gold_sets_coded_the_same_both_ways(both):
    """The shared development gold sets: the same events both ways, so the same scores."""
    full, fast = both
    for name in ("petr2_gsr", "plover", "conflibert"):
        docs = list(read_paths([shared("eval", "dev", f"{name}.jsonl")]))
        a = [e.to_dict() for r in full.pipe(docs) for e in r.events]
        b = [e.to_dict() for r in fast.pipe(docs) for e in r.events]
        assert a == b, name


def test_the_prefilter_knows_every_form_the_coder_guesses_back_to_a_lemma():
    from detente.events import guessed_lemmas, guessing_forms
    for lemma in ("stage", "shell", "stop", "deny", "agree", "sanction", "meet", "free"):
        forms = guessing_forms(lemma)
        for form in ("staged", "shelled", "stopped", "denied", "agreed", "sanctions", "meeting", "freed"):
            if lemma in guessed_lemmas(form):
                assert form in forms, (lemma, form)
