"""Actor codes: dictionaries as data, dated entries chosen by the document date."""
import pytest

from detente import Coder, Settings


def codes(coder, text, date):
    return {(e.source, e.target) for e in coder.code(text, date=date)}


@pytest.mark.parametrize("text, date, source", [
    ("Karzai criticised Pakistan.", "2010-03-01", "AFGGOV"),     # president
    ("Karzai criticised Pakistan.", "2016-03-01", "AFGELI"),     # former president
    ("The Taliban attacked Pakistani troops.", "2019-03-01", "AFGINS"),
    ("The Taliban attacked Pakistani troops.", "2023-03-01", "AFGGOV"),
    ("The Kremlin criticised Pakistan.", "2015-03-01", "RUSGOV"),
    ("Kabul criticised Pakistan.", "2015-03-01", "AFGGOV"),       # a capital acting is its government
    ("Afghan border police criticised Pakistan.", "2015-03-01", "AFGCOP"),
    ("The Pakistani Taliban attacked Afghan troops.", "2015-03-01", "PAKINS"),
    ("Militants attacked Pakistani troops.", "2015-03-01", "---INS"),
    ("Zimbabwean Prime Minister Tendai Moyo criticised Pakistan.", "2015-03-01", "ZWEGOV"),  # title
])
def test_source_codes(coder, text, date, source):
    assert source in {s for s, _ in codes(coder, text, date)}


def test_a_bloc_is_each_member_beside_the_other_party(coder):
    pairs = codes(coder, "Iran and the E3 resume their nuclear talks in Vienna.", "2004-03-01")
    assert {("IRN", "FRA"), ("DEU", "IRN"), ("IRN", "GBR")} <= pairs
    assert not {p for p in pairs if "IRN" not in p}     # not France with Germany


def test_places_are_not_actors(coder):
    events = coder.code("A bomb exploded in Kabul and killed three people in Quetta.", date="2015-03-01")
    assert all(e.source[:3] not in ("AFG", "PAK") for e in events)


def test_user_actor_file_adds_and_overrides(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("# name\taliases\tcode\tstart\tend\tnote\n"
                     "Zarghona Wardak\tWardak\tAFGGOV\t2015-01-01\t2016-12-31\tgovernor (fictional)\n"
                     "Karzai\t\tAFGOPP\t\t\tour own reading of him\n", encoding="utf-8")
    coder = Coder(Settings(actors=str(extra)))
    assert ("AFGGOV", "PAK") in codes(coder, "Zarghona Wardak criticised Pakistan.", "2015-06-01")
    assert ("AFGOPP", "PAK") in codes(coder, "Karzai criticised Pakistan.", "2016-06-01")


def test_coordinated_and_pronoun_actors(coder):
    got = codes(coder, "India and Pakistan held talks in Delhi. They agreed to meet again next month.",
                "2015-03-02")
    assert {("IND", "PAK"), ("PAK", "IND")} <= got


def test_fold_takes_diacritics_off_one_character_for_one():
    from detente.actors import fold
    for text, folded in (("Erdoğan", "Erdogan"), ("Đinđić", "Dindic"), ("Piñera", "Pinera"),
                         ("Wałęsa", "Walesa"), ("plain text", "plain text"), ("Straße", "Straße")):
        assert fold(text) == folded
        assert len(fold(text)) == len(text)
