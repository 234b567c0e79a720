"""The REST API over a real database built from the bundled sample."""

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import running_server


@pytest.fixture(scope="module")
def db(sample_db_to_read):
    return sample_db_to_read


@pytest.fixture(scope="module")
def client(db):
    from detente.serve import create_app
    return TestClient(create_app(str(db)), raise_server_exceptions=False)


def test_relations_series_and_turning_points(client):
    r = client.get("/api/relations", params={"a": "AFG", "b": "PAK", "freq": "M"})
    assert r.status_code == 200
    data = r.json()
    assert data["series"] and {"period", "both_events", "ab_goldstein_sum"} <= set(data["series"][0])
    assert sum(row["both_events"] for row in data["series"]) > 30
    assert data["turning_points"] and data["turning_points"][0]["events"]


def test_events_filters_and_pages(client):
    r = client.get("/api/events", params={"a": "AFG", "b": "PAK", "mode": "asserted", "limit": 5})
    data = r.json()
    assert r.status_code == 200 and data["total"] > 5 and len(data["events"]) == 5
    e = data["events"][0]
    assert {e["source"][:3], e["target"][:3]} == {"AFG", "PAK"} and e["mode"] == "asserted"
    page2 = client.get("/api/events", params={"a": "AFG", "b": "PAK", "mode": "asserted", "limit": 5,
                                              "offset": 5}).json()
    assert {x["event_id"] for x in page2["events"]}.isdisjoint({x["event_id"] for x in data["events"]})
    conflict = client.get("/api/events", params={"actor": "PAK", "quad": 4}).json()["events"]
    assert conflict and all(x["quad_class"] == 4 for x in conflict)
    text = client.get("/api/events", params={"q": "Torkham"}).json()["events"]
    assert text and all("torkham" in x["evidence"].lower() for x in text)


def test_document_with_evidence_spans(client):
    e = client.get("/api/events", params={"actor": "AFG", "limit": 1}).json()["events"][0]
    doc = client.get(f"/api/documents/{e['doc_id']}").json()
    assert doc["text"] and doc["events"]
    for x in doc["events"]:
        assert doc["text"][x["trigger_start"]:x["trigger_end"]] == x["trigger"]


def test_actors_network_code_and_health(client):
    assert any(a["code"] == "AFGGOV" for a in client.get("/api/actors", params={"q": "Ghani"}).json()["actors"])
    dyads = client.get("/api/network", params={"top": 5}).json()["dyads"]
    assert {(d["source"], d["target"]) for d in dyads} >= {("PAK", "AFG")}
    r = client.post("/api/code", json={"text": "Pakistani troops shelled Afghan border posts on Tuesday.",
                                       "date": "2016-06-15"})
    assert r.status_code == 200
    (e,) = r.json()["events"]
    assert (e["source"], e["target"], e["cameo"][:2], e["date"]) == ("PAKMIL", "AFGMIL", "19", "2016-06-14")
    assert client.get("/api/health").json()["documents"] == 48
    assert client.get("/openapi.json").json()["info"]["title"] == "detente"


@pytest.mark.parametrize("method, url, kwargs, status", [
    ("get", "/api/events", {"params": {"actor": "AFG' OR 1=1; DROP TABLE events; --"}}, 422),
    ("get", "/api/events", {"params": {"q": "'; DROP TABLE events; --"}}, 200),      # just text
    ("get", "/api/events", {"params": {"limit": 10_000_000}}, 422),
    ("get", "/api/events", {"params": {"offset": -1}}, 422),
    ("get", "/api/events", {"params": {"limit": "ten"}}, 422),
    ("get", "/api/events", {"params": {"colour": "red"}}, 400),
    ("get", "/api/events", {"params": {"a": "AFG"}}, 422),
    ("get", "/api/events", {"params": {"start": "2015-13-45"}}, 422),
    ("get", "/api/relations", {"params": {"a": "AFG"}}, 422),
    ("get", "/api/relations", {"params": {"a": "AFG", "b": "PAK", "freq": "D"}}, 422),
    ("get", "/api/documents/..%2F..%2Fetc%2Fpasswd", {}, 404),
    ("get", "/api/documents/x", {"params": {"path": "/etc/passwd"}}, 400),
    ("get", "/api/nothing-here", {}, 404),
    ("post", "/api/code", {"json": {"text": "x" * 150_000}}, 422),
    ("post", "/api/code", {"content": b"{" + b" " * 300_000 + b"}",
                           "headers": {"content-type": "application/json"}}, 413),
    ("post", "/api/code", {"json": {"text": "Kabul said so.", "extra": 1}}, 422),
    ("post", "/api/code", {"json": {"text": ""}}, 422),
    ("post", "/api/code", {"content": b"not json", "headers": {"content-type": "application/json"}}, 422),
])
def test_hostile_requests_get_one_error_shape(client, method, url, kwargs, status):
    r = getattr(client, method)(url, **kwargs)
    assert r.status_code == status, r.text
    if status >= 400:
        body = r.json()
        assert set(body) == {"error"} and body["error"]["status"] == status
        assert "Traceback" not in r.text and "duckdb" not in r.text.lower()
    assert client.get("/api/health").json()["documents"] == 48          # nothing was dropped


def test_detente_serve_on_loopback(db):
    with running_server(db) as url:
        r = httpx.get(url + "/api/health", timeout=5)
        assert r.status_code == 200 and r.json()["status"] == "ok"
        r = httpx.get(url + "/api/relations", params={"a": "afg", "b": "pak", "freq": "Y"})
        assert [row["period"][:4] for row in r.json()["series"]] == ["2014", "2015", "2016"]


def test_repeated_gets_are_answered_from_memory(client):
    params = {"a": "AFG", "b": "PAK", "limit": 3}
    first = client.get("/api/events", params=params)
    again = client.get("/api/events", params=dict(reversed(list(params.items()))))   # same query, other order
    assert first.headers["x-cache"] == "miss" and again.headers["x-cache"] == "hit"
    assert again.json() == first.json()
    bad = client.get("/api/events", params={"limit": -1})                            # errors are never kept
    assert bad.status_code == 422 and "x-cache" not in client.get("/api/events", params={"limit": -1}).headers


def test_identical_requests_in_flight_are_computed_once(db):
    import asyncio

    from detente.serve import create_app
    guard = create_app(str(db))
    calls = []
    inner = guard.app

    async def counting(scope, receive, send):
        calls.append(scope["path"])
        await asyncio.sleep(0.05)           # slow enough for the others to arrive meanwhile
        await inner(scope, receive, send)
    guard.app = counting

    async def ask():
        transport = httpx.ASGITransport(app=guard)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await asyncio.gather(*(http.get("/api/network", params={"top": 3}) for _ in range(5)))
    answers = asyncio.run(ask())
    assert calls == ["/api/network"]
    assert [r.headers["x-cache"] for r in answers].count("miss") == 1
    assert len({r.content for r in answers}) == 1


def test_warm_up_answers_equal_computed_ones(db):
    import time

    from detente.serve import create_app
    warm = TestClient(create_app(str(db), warm=3))
    cold = TestClient(create_app(str(db)))
    for _ in range(200):
        if warm.get("/api/health").json()["warm"]:
            break
        time.sleep(0.05)
    for a, b in (("AFG", "PAK"), ("PAK", "AFG")):
        hot = warm.get("/api/relations", params={"a": a, "b": b})
        assert hot.headers["x-cache"] == "hit"
        assert hot.json() == cold.get("/api/relations", params={"a": a, "b": b, "freq": "M"}).json()


def test_text_search_is_literal_and_ignores_case(client):
    upper = client.get("/api/events", params={"q": "TORKHAM"}).json()
    assert upper["total"] > 0 and upper["total"] == client.get("/api/events", params={"q": "torkham"}).json()["total"]
    for pattern in (".*", "(", "[a-z]+", "%", "_", "\\", "a|b"):       # regex and LIKE syntax are plain characters
        r = client.get("/api/events", params={"q": pattern})
        assert r.status_code == 200
        assert all(pattern.lower() in e["evidence"].lower() for e in r.json()["events"])
