"""The article that started the project, coded end to end (read from ../shared/seed)."""
import pytest

from conftest import shared

SEED_DATE = "2015-06-30"   # the piece reviews "the last nine months" since Ghani's election


@pytest.fixture(scope="module")
def seed(coder):
    text = shared("seed", "000_145f3cb4179141c0.txt").read_text(encoding="utf-8")
    events = coder.code(text, date=SEED_DATE, doc_id="seed")
    return text, events


def sentence_events(events, text, words):
    return [e for e in events if words in text[e.start:e.end]]


def dyad(e):
    return e.source[:3], e.target[:3]


def test_ghani_demands_of_pakistan(seed):
    text, events = seed
    demands = [e for e in events if e.mode == "asserted" and e.cameo[:2] == "10"
               and dyad(e) == ("AFG", "PAK")]
    assert demands, [(e.source, e.cameo, e.target, e.mode) for e in events if e.cameo[:2] == "10"]
    e = demands[0]
    assert e.source == "AFGGOV"                    # "he" = Ghani, president in 2015
    assert e.date == "2015-05-25" and e.date_source == "text"   # "in late May"
    assert text[e.trigger_span[0]:e.trigger_span[1]] == e.trigger


def test_pakistan_ignores_ghanis_ultimatums(seed):
    _, events = seed
    rejections = [e for e in events if e.mode == "asserted" and e.cameo[:2] == "12"
                  and dyad(e) == ("PAK", "AFG")]
    assert any(e.target_text.startswith("Ghani") for e in rejections), rejections


def test_intelligence_sharing_agreement_is_afghan_pakistani_cooperation(seed):
    text, events = seed
    coop = [e for e in sentence_events(events, text, "intelligence sharing")
            if e.mode == "asserted" and {e.source[:3], e.target[:3]} == {"AFG", "PAK"}
            and e.quad_class in (1, 2)]
    assert coop, sentence_events(events, text, "intelligence sharing")


@pytest.mark.parametrize("words", [
    "it can visibly make their cross-border movement more difficult",
    "If efforts to improve relations fail",
    "Pakistan can also be more strategic",
])
def test_possibilities_are_never_asserted(seed, words):
    text, events = seed
    assert words in text
    assert [e for e in sentence_events(events, text, words) if e.mode == "asserted"] == []


def test_every_event_carries_its_evidence(seed):
    text, events = seed
    assert len(events) >= 10
    for e in events:
        assert e.doc_id == "seed" and 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.evidence
        lo, hi = e.trigger_span
        assert e.start <= lo < hi <= e.end and text[lo:hi] == e.trigger
        for span, words in ((e.source_span, e.source_text), (e.target_span, e.target_text)):
            if span is not None:
                assert text[span[0]:span[1]] == words


def asserted(events, source, target, roots):
    return [e for e in events if e.mode == "asserted" and e.source.startswith(source)
            and e.target.startswith(target) and e.cameo[:2] in roots]


@pytest.mark.parametrize("source, target, roots, what", [
    ("PAKSPY", "AFGINS", ("06",), "the ISI colluded with Afghan insurgents"),
    ("PAK", "AFG", ("12",), "Pakistan complicated Afghan-sponsored peace efforts"),
    ("PAK", "AFGMIL", ("02",), "Pakistan's efforts to enlist the Afghan army"),
    ("AFGGOV", "PAK", ("03",), "Ghani agreed to have cadets train in Pakistan"),
    ("AFGMIL", "PAKMIL", ("06",), "Afghan troops coordinating with Pakistani forces"),
    ("PAKMIL", "AFGMIL", ("06",), "... and the other way round"),
    ("AFG", "AFGGOV", ("11",), "Afghan criticism of Ghani"),
    ("USA", "AFG", ("03",), "the Western commitment to Afghanistan"),
    ("PAK", "AFGGOV", ("12",), "Pakistan ignored Ghani's ultimatums"),
    ("PAK", "AFG", ("03",), "Pakistan willing, with Afghanistan, to explore a negotiated way out"),
    ("PAK", "AFGINS", ("05", "07"), "Pakistan backs forces set on undermining Afghan stability"),
])
def test_key_events_of_the_seed(seed, source, target, roots, what):
    _, events = seed
    assert asserted(events, source, target, roots), what


def test_taliban_accused_of_terrorism(seed):
    _, events = seed
    assert [e for e in events if e.mode == "asserted" and e.cameo[:3] == "112" and e.target == "AFGINS"]


def test_last_weeks_border_clash_both_ways_dated_from_the_text(seed):
    _, events = seed
    for source, target in (("AFG", "PAK"), ("PAK", "AFG")):
        clash = asserted(events, source, target, ("19",))
        assert clash, (source, target)
        assert clash[0].date == "2015-06-23" and clash[0].date_source == "text"   # "last week"


def test_no_asserted_force_between_the_two_except_the_clash(seed):
    _, events = seed
    force = [e for e in events if e.mode == "asserted" and e.quad_class == 4
             and {e.source[:3], e.target[:3]} == {"AFG", "PAK"}]
    assert {e.cameo[:2] for e in force} == {"19"} and len(force) == 2, force
