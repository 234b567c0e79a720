import datetime as dt

import pytest

from detente import dates

DOC = dt.date(2015, 6, 12)  # a Friday


@pytest.mark.parametrize("text, expected", [
    ("clashes such as occurred last week", "2015-06-05"),
    ("in a letter in late May", "2015-05-25"),
    ("in early June", "2015-06-05"),
    ("in mid-March", "2015-03-15"),
    ("on Tuesday", "2015-06-09"),
    ("on Friday", "2015-06-12"),
    ("last Friday", "2015-06-05"),
    ("next Monday", "2015-06-15"),
    ("several weeks ago", "2015-05-22"),
    ("two days ago", "2015-06-10"),
    ("three years ago", "2012-06-12"),
    ("yesterday", "2015-06-11"),
    ("today", "2015-06-12"),
    ("last month", "2015-05-01"),
    ("on March 5, 2014", "2014-03-05"),
    ("on 5 March", "2015-03-05"),
    ("in December", "2014-12-01"),        # a month after the document month: last year
    ("in 2008", "2008-01-01"),
    ("2015-05-05", "2015-05-05"),
])
def test_resolves_against_document_date(text, expected):
    found = dates.find(text)
    assert len(found) == 1, found
    assert dates.resolve(found[0], DOC).isoformat() == expected


def test_future_weekday_looks_forward():
    (e,) = dates.find("will meet on Tuesday")
    assert dates.resolve(e, DOC, future=True).isoformat() == "2015-06-16"


def test_modal_may_is_not_a_month():
    assert dates.find("Pakistan may not be ready, they may attack") == []


def test_relative_needs_document_date():
    (e,) = dates.find("last week")
    assert dates.resolve(e, None) is None
    (e,) = dates.find("on March 5, 2014")
    assert dates.resolve(e, None).isoformat() == "2014-03-05"



@pytest.mark.parametrize("text, key, expected", [
    # a bound is not the event's date
    ("It was the first time since the war of 1971 that Indian jets attacked Pakistan.",
     ("INDMIL", "19", "PAK"), "2019-12-20"),
    ("Turkish police have detained the journalist since March.", ("TURCOP", "17", "TURMED"), "2019-12-20"),
    # the date of something else the sentence names is not the event's date
    ("Indian jets attacked Pakistan for the first time since the crisis of 2001.",
     ("INDMIL", "19", "PAK"), "2019-12-20"),
    # an event's own date still counts
    ("Indian jets attacked Pakistan in 1971.", ("INDMIL", "19", "PAK"), "1971-01-01"),
    # what only could happen is dated forward
    ("Officials said Kabul and Islamabad could meet in January.", ("AFGGOV", "04", "PAKGOV"), "2020-01-01"),
])
def test_event_dates_in_sentences(coder, text, key, expected):
    got = {(e.source, e.cameo[:2], e.target): e.date for e in coder.code(text, date="2019-12-20")}
    assert got.get(key) == expected, got
