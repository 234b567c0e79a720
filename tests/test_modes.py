"""Modes and speech acts: what is only possible is never coded as a fact."""
import pytest


def coded(coder, text, date="2016-06-15"):
    return {(e.source, e.target, e.cameo[:2], e.mode) for e in coder.code(text, date=date)}


@pytest.mark.parametrize("text, event", [
    # the mode of the action
    ("Pakistani troops attacked Afghan police.", ("PAKMIL", "AFGCOP", "19", "asserted")),
    ("Pakistani troops did not attack Afghan police.", ("PAKMIL", "AFGCOP", "19", "negated")),
    ("Pakistani troops never attacked Afghan police.", ("PAKMIL", "AFGCOP", "19", "negated")),
    ("Pakistani troops could attack Afghan police.", ("PAKMIL", "AFGCOP", "19", "hypothetical")),
    ("Pakistani troops should not attack Afghan police.", ("PAKMIL", "AFGCOP", "19", "hypothetical")),
    ("If Pakistani troops attack Afghan police, Kabul will respond.", ("PAKMIL", "AFGCOP", "19", "hypothetical")),
    ("Did Pakistani troops attack Afghan police?", ("PAKMIL", "AFGCOP", "19", "hypothetical")),
    ("Kabul fears that Pakistani troops may attack Afghan police.", ("PAKMIL", "AFGCOP", "19", "hypothetical")),
    ("Officials said Pakistani troops attacked Afghan police.", ("PAKMIL", "AFGCOP", "19", "asserted")),
    ("Pakistani troops continued to attack Afghan police.", ("PAKMIL", "AFGCOP", "19", "asserted")),
    # what was said is an event of its own
    # announcing an action is an intent (03), or a threat (13) when it is force
    ("Pakistan will release the Afghan prisoners.", ("PAK", "AFG", "03", "asserted")),
    ("Pakistan said it would shell Afghan border posts.", ("PAK", "AFGMIL", "13", "asserted")),
    # refusing one is a rejection (12)
    ("Pakistan refused to meet Afghan officials.", ("PAK", "AFGGOV", "12", "asserted")),
    ("Pakistan said it would not release the Afghan prisoners.", ("PAK", "AFG", "12", "asserted")),
    # saying another did something hostile is an accusation, that it must act a demand
    ("Kabul claimed that Pakistan had shelled Afghan villages.", ("AFGGOV", "PAK", "11", "asserted")),
    ("Kabul declared that Pakistan must close the militant camps.", ("AFGGOV", "PAK", "10", "asserted")),
])
def test_modes_and_statements(coder, text, event):
    assert event in coded(coder, text)


def test_unlikely_future_is_no_intent(coder):
    got = coded(coder, "It is unlikely that the Taliban will overrun Kabul.")
    assert not [e for e in got if e[3] == "asserted"]
