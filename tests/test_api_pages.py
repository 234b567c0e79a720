"""GET /api/events pages are exactly those of the plain query (count, then ORDER BY ...
LIMIT ... OFFSET) whatever the filters and offset, undated events last."""
import json

import pytest
from fastapi.testclient import TestClient

from detente.cli import sample_path
from detente.ingest import ingest
from detente.store import connect

COLUMNS = """event_id::VARCHAR AS event_id, doc_id, sentence, date, source, target, cameo, plover, quad_class,
             goldstein, mode, trigger, source_text, target_text, evidence, place, place_country"""
UNDATED = ["Pakistani troops shelled Afghan border posts. Kabul condemned the shelling.",
           "Afghan forces attacked Pakistani checkpoints. Islamabad protested to Kabul.",
           "Pakistan and Afghanistan agreed to reopen the Torkham border crossing."]


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("pages") / "x.duckdb"
    extra = path.parent / "undated.jsonl"
    extra.write_text("\n".join(json.dumps({"id": f"u{k}", "text": t}) for k, t in enumerate(UNDATED)) + "\n")
    ingest([sample_path(), extra], path, coder=coder, progress=False)
    with connect(path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events WHERE date IS NULL").fetchone()[0] >= 2
    return path


@pytest.fixture(scope="module")
def client(db):
    from detente.serve import create_app
    return TestClient(create_app(str(db)), raise_server_exceptions=False)


def _reference(con, where: str, params: dict, limit: int, offset: int) -> dict:
    clause = f"WHERE {where}" if where else ""
    total = con.execute(f"SELECT count(*) FROM events {clause}", params).fetchone()[0]
    cur = con.execute(f"""SELECT {COLUMNS} FROM events {clause} ORDER BY date DESC NULLS LAST, event_id
                          LIMIT {limit} OFFSET {offset}""", params)
    names = [c[0] for c in cur.description]
    rows = [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in zip(names, r)} for r in cur.fetchall()]
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


FILTERS = [
    ({}, "", {}),
    ({"a": "AFG", "b": "PAK"}, "((starts_with(source, $a) AND starts_with(target, $b)) OR "
                               "(starts_with(source, $b) AND starts_with(target, $a)))", {"a": "AFG", "b": "PAK"}),
    ({"actor": "PAK", "mode": "asserted"}, "(starts_with(source, $x) OR starts_with(target, $x)) AND mode = 'asserted'",
     {"x": "PAK"}),
    ({"q": "BORDER"}, "contains(lower(evidence), 'border')", {}),
    ({"actor": "AFG", "q": "Border", "mode": "asserted"},
     "(starts_with(source, 'AFG') OR starts_with(target, 'AFG')) AND mode = 'asserted' "
     "AND contains(lower(evidence), 'border')", {}),
    ({"start": "2015-01-01", "end": "2015-12-31"}, "date >= DATE '2015-01-01' AND date <= DATE '2015-12-31'", {}),
    ({"q": "no such text anywhere"}, "contains(lower(evidence), 'no such text anywhere')", {}),
]


@pytest.mark.parametrize("query, where, params", FILTERS)
def test_every_page_equals_the_plain_query(client, db, query, where, params):
    with connect(db, read_only=True) as con:
        n = con.execute(f"SELECT count(*) FROM events {'WHERE ' + where if where else ''}", params).fetchone()[0]
        for limit in (1, 7, 50):
            for offset in sorted({0, 1, 5, limit, n // 2, max(n - limit, 0), max(n - 1, 0), n, n + 3}):
                got = client.get("/api/events", params={**query, "limit": limit, "offset": offset})
                assert got.status_code == 200
                assert got.json() == _reference(con, where, params, limit, offset), (query, limit, offset)


def test_undated_events_come_last(client, db):
    with connect(db, read_only=True) as con:
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    page = client.get("/api/events", params={"limit": 500, "offset": max(n - 500, 0)}).json()
    dates = [e["date"] for e in page["events"]]
    k = dates.index(None)
    assert k > 0 and all(d is None for d in dates[k:]) and dates[:k] == sorted(dates[:k], reverse=True)
