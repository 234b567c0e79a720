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
