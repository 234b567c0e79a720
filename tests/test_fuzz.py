"""Property-based tests: whatever the input, nothing raises out of the library.

Readers get arbitrary bytes under every suffix (plain and gzip, whole and cut off) and
arbitrary JSON records; the date resolver arbitrary text and dates up to the calendar's
ends; the coder arbitrary text; the command line arbitrary option lists; the REST API
arbitrary query parameters. In CI (``CI`` set) the examples are derandomized, so a run is
reproducible; elsewhere each run explores new ones.
"""
import datetime as dt
import gzip
import json
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente import Document, Skip, dates
from detente.read import SUFFIXES, read_paths, record_to_document

settings.register_profile("detente", deadline=None, print_blob=True, derandomize=bool(os.environ.get("CI")),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("detente")

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"])
TEXT = st.one_of(st.text(max_size=200), st.text(alphabet=st.one_of(st.characters(), SURROGATES), max_size=50))


def _no_surrogates(s: str) -> bool:
    return not any("\ud800" <= ch <= "\udfff" for ch in s)


def _check_items(out) -> None:
    for item in out:
        assert isinstance(item, (Document, Skip))
        if isinstance(item, Document):
            assert isinstance(item.text, str) and _no_surrogates(item.text) and _no_surrogates(item.id)
            assert item.date is None or dt.date.fromisoformat(item.date)
        else:
            assert item.reason and isinstance(item.detail, str) and len(item.detail) < 1000


@settings(max_examples=300)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), cut=st.floats(0, 1), small=st.booleans())
def test_readers_take_any_bytes(data, suffix, cut, small):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"in{suffix}"
        if suffix.endswith(".gz"):
            packed = gzip.compress(data)
            data = packed[:int(len(packed) * cut)] if cut < 0.9 else packed
        path.write_bytes(data)
        _check_items(list(read_paths([tmp], limit=64 if small else 1 << 20)))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                    max_leaves=12)
RECORD = st.fixed_dictionaries({}, optional={"id": JSON, "text": JSON | TEXT, "date": JSON | st.dates().map(str),
                                             "title": JSON, "url": JSON}) | JSON


@settings(max_examples=300)
@given(rec=RECORD)
def test_any_json_record_is_a_document_or_a_skip(rec):
    _check_items([record_to_document(rec, "f.jsonl:1")])
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="ascii")
        _check_items(list(read_paths([tmp])))


PHRASES = st.sampled_from(["today", "tomorrow", "yesterday", "last week", "next month", "on Tuesday",
                           "next Friday", "in late May", "early March", "last year", "this weekend",
                           "in 2015", "June 3", "3 June 1999"])
NUMBERS = st.integers(0, 10 ** 30).map(str) | st.sampled_from(["a", "a few", "several", "twelve"])
UNITS = st.sampled_from(["day", "days", "week", "weeks", "month", "months", "year", "years", "decade"])
EDGES = st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30)])


@settings(max_examples=400)
@given(text=st.one_of(TEXT, PHRASES, st.tuples(NUMBERS, UNITS, st.sampled_from(["ago", "later", "earlier"]))
                      .map(" ".join)),
       day=st.none() | st.dates() | EDGES, future=st.booleans())
def test_dates_resolve_anything_or_nothing(text, day, future):
    for e in dates.find(text):
        got = dates.resolve(e, day, future=future)
        assert got is None or isinstance(got, dt.date)


@pytest.mark.slow
@settings(max_examples=60)
@given(text=st.one_of(TEXT, st.lists(st.sampled_from(
    ["Pakistan", "Afghan", "troops", "shelled", "met", "the", "Taliban", "in", "Kabul", "on", "Tuesday",
     "said", "not", "would", "\n\n", ".", ",", "'s", "-", "\u200b", "\ufffd", "3000000 days ago"]), max_size=40)
    .map(" ".join)), day=st.none() | st.dates() | EDGES)
def test_the_coder_codes_any_text_or_says_why_not(coder, text, day):
    result = coder.code_document(Document("fuzz", text, day.isoformat() if day else None))
    assert result.skip is None or result.skip.reason in ("empty", "binary", "not-english", "too-long")
    for e in result.events:
        assert 0 <= e.start <= e.end <= len(text) and e.cameo and e.mode in ("asserted", "negated", "hypothetical")


OPTIONS = ["--batch", "-j", "--processes", "--workers", "--max-chars", "--port", "--warm", "--date", "--format",
           "--engine", "--scheduler", "--db", "-o", "--freq", "--start", "--mode", "--model", "--actors",
           "--recode", "-q", "--no-prefilter", "--bogus", "--", "-"]
VALUES = st.one_of(st.integers(-10 ** 6, 10 ** 12).map(str), st.sampled_from(["", "x", "2016-06-15", "jsonl",
                                                                             "0", "-1", "1e9"]), TEXT)


@settings(max_examples=400)
@given(command=st.sampled_from(["code", "ingest", "export", "relations", "serve", "demo", "bogus"]),
       rest=st.lists(st.one_of(st.sampled_from(OPTIONS), VALUES), max_size=8))
def test_the_command_line_parses_or_refuses_in_one_line(command, rest, capsys):
    from detente.cli import build_parser
    try:
        build_parser().parse_args([command, *[a for a in rest if "\x00" not in a]])
    except SystemExit as e:
        assert e.code in (0, 2)
        err = capsys.readouterr().err
        if e.code == 2:
            assert err.startswith("detente: error: ") and err.count("\n") == 1


@pytest.fixture(scope="module")
def api(sample_db_to_read):
    from fastapi.testclient import TestClient

    from detente.serve import create_app
    with TestClient(create_app(str(sample_db_to_read)), raise_server_exceptions=False) as client:
        yield client


PARAMS = ["a", "b", "actor", "direction", "start", "end", "root", "plover", "quad", "mode", "place", "q",
          "limit", "offset", "freq", "top", "by", "level", "x"]
PARAM_VALUES = st.one_of(st.sampled_from(["AFG", "PAK", "AFGGOV", "---INS", "19", "2016-06-15", "M", "ab",
                                          "asserted", "volume", "actor", "-1", "0", "501", "%", "_", "\\",
                                          "' OR 1=1 --", "9" * 30]), st.text(max_size=30))


@settings(max_examples=300)
@given(path=st.sampled_from(["/api/events", "/api/relations", "/api/actors", "/api/network", "/api/health",
                             "/api/documents/"]),
       params=st.dictionaries(st.sampled_from(PARAMS), PARAM_VALUES, max_size=5), doc=st.text(max_size=40))
def test_the_api_answers_any_parameters_without_a_server_error(api, path, params, doc):
    url = path + (quote(doc.encode("utf-8", "surrogatepass"), safe="") if path.endswith("/") else "")
    r = api.get(url, params=params)
    assert r.status_code < 500, (url, params, r.text)
    assert r.headers["content-type"].startswith("application/json")
    if r.status_code >= 400:
        assert set(r.json()) == {"error"}
