"""The server against hostile clients: body, header and time limits, errors from below
FastAPI, HEAD, security headers, the answer cache's byte cap, and coding requests that
must not starve reads. Most run against a real ``detente serve`` through raw sockets,
where a client library would hide what the server does."""
import asyncio
import json
import socket
import threading
import time

import httpx
import psutil
import pytest
from fastapi.testclient import TestClient

from conftest import running_server

from detente.records import DocResult, Skip
from detente.serve import Guard, create_app

HEADER_TIMEOUT, BODY_TIMEOUT = 1, 2          # seconds, given to the server below
SECURITY = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


@pytest.fixture(scope="module")
def db(sample_db_to_read):
    return sample_db_to_read


@pytest.fixture(scope="module")
def server(db):
    with running_server(db, "--warm", 0, "--header-timeout", HEADER_TIMEOUT, "--body-timeout", BODY_TIMEOUT) as url:
        yield url


def connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def read_answer(sock: socket.socket) -> tuple[int, dict, bytes]:
    """Read until the server closes the connection: status, headers, body."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except ConnectionResetError:        # closed with some of the request unread: the answer came first
        pass
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, value in (line.split(": ", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def ask(url: str, data: bytes) -> tuple[int, dict, bytes]:
    with connect(url) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass                        # refused before the end of the request
        return read_answer(sock)


def assert_json_error(status: int, headers: dict, body: bytes, expected: int) -> None:
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["status"] == expected
    assert SECURITY.items() <= headers.items() and "default-src 'none'" in headers["content-security-policy"]


def server_process(url: str) -> psutil.Process:
    port = url.rsplit(":", 1)[1]
    (proc,) = [p for p in psutil.Process().children() if port in p.cmdline()]
    return proc


def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives(server):
    proc = server_process(server)
    rss = proc.memory_info().rss
    chunk = b"%x\r\n" % (1 << 20) + b"x" * (1 << 20) + b"\r\n"
    sent, start = 0, time.perf_counter()
    with connect(server) as sock:
        sock.sendall(b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            while sent < 1 << 30:                   # 1 GB, if the server took it
                sock.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass                                    # refused and closed: the 413 is waiting to be read
        status, headers, body = read_answer(sock)
    assert_json_error(status, headers, body, 413)
    assert time.perf_counter() - start < 5 and sent < 64 << 20
    assert proc.memory_info().rss - rss < 20 << 20
    assert httpx.get(server + "/api/health").status_code == 200


def test_idle_and_stalled_clients_get_408_and_are_closed(server):
    start = time.perf_counter()
    idle = [connect(server) for _ in range(50)]          # never send a byte
    stalled = connect(server)
    stalled.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")     # half a header
    assert httpx.get(server + "/api/health").status_code == 200       # others are still served
    status, headers, body = read_answer(stalled)
    assert_json_error(status, headers, body, 408)
    assert b"header" in body and HEADER_TIMEOUT * 0.9 < time.perf_counter() - start < HEADER_TIMEOUT + 1.5
    for sock in idle:
        assert read_answer(sock)[0] == 408
        sock.close()
    stalled.close()


def test_a_slow_body_gets_408(server):
    start = time.perf_counter()
    with connect(server) as sock:
        sock.sendall(b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"text\": \"Kab")
        status, headers, body = read_answer(sock)
    assert_json_error(status, headers, body, 408)
    assert b"body" in body and BODY_TIMEOUT * 0.9 < time.perf_counter() - start < BODY_TIMEOUT + 1.5


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 20_000 + b"\r\n\r\n", 431),
    (b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Endless: " + b"y" * 300_000, 431),     # never ends
    (b"GET /api/health HTTP/1.1\r\nHost: x\r\n" + b"X-Many: y\r\n" * 3000 + b"\r\n", 431),
    (b"GET /api/events?q=" + b"x" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 501),
    (b"GET /api/health HTTP/1.1 junk\r\nHost: x\r\n\r\n", 400),
    (b"GET /api/\x01 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
])
def test_errors_below_the_app_are_json(server, request_bytes, status):
    assert_json_error(*ask(server, request_bytes), status)


def test_head_is_answered_like_get_without_a_body(server):
    for path in ("/api/health", "/api/relations?a=AFG&b=PAK"):
        head = ask(server, b"HEAD %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path.encode())
        get = httpx.get(server + path)
        assert head[0] == get.status_code == 200 and head[2] == b""
        assert head[1]["content-type"] == get.headers["content-type"] == "application/json"
        assert int(head[1]["content-length"]) == len(get.content) > 0
    assert get.headers["x-cache"] == "hit"          # the HEAD's answer was kept for the GET


def test_every_answer_has_the_security_headers(server):
    query = {"a": "AFG", "b": "PAK", "limit": 2}
    answers = {"api": httpx.get(server + "/api/events", params=query),
               "cached": httpx.get(server + "/api/events", params=query),
               "error": httpx.get(server + "/api/nothing-here"),
               "dashboard": httpx.get(server + "/"),
               "static": httpx.get(server + "/static/app.js")}
    assert answers["cached"].headers["x-cache"] == "hit" and answers["error"].status_code == 404
    for name, r in answers.items():
        assert SECURITY.items() <= r.headers.items(), name
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], name
    dashboard = answers["dashboard"].headers["content-security-policy"]
    assert "default-src 'none'" in dashboard and "script-src 'self'" in dashboard and "unsafe-inline" not in dashboard


def test_worker_processes_have_the_same_limits(db):
    with running_server(db, "--warm", 0, "--workers", 2, "--header-timeout", HEADER_TIMEOUT) as url:
        assert_json_error(*ask(url, b"GET /api/health HTTP/1.1\r\nHost: x\r\n"), 408)
        assert_json_error(*ask(url, b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n"), 501)


def test_answer_cache_is_capped_by_bytes_and_clears():
    guard = Guard(None, max_entries=100, max_bytes=1000)
    for i in range(10):
        guard.store(f"/api/x?{i}", bytes(300))
    assert guard.size <= 1000 and list(guard.answers) == ["/api/x?7", "/api/x?8", "/api/x?9"]
    guard.store("/api/x?9", bytes(100))                 # replacing an answer counts once
    assert guard.size == 700 and guard.lookup("/api/x?7") is not None
    guard.store("/api/x?big", bytes(1001))              # over the whole cap: not kept
    assert "/api/x?big" not in guard.answers and guard.size == 700
    guard.store("/api/x?a", bytes(400))                 # 8 was least recently used
    assert list(guard.answers) == ["/api/x?9", "/api/x?7", "/api/x?a"] and guard.size == 800
    guard.clear()
    assert not guard.answers and guard.size == 0 and guard.lookup("/api/x?a") is None


def fake_coder(monkeypatch, code_document):
    class Coder:
        def __init__(self, settings=None):
            pass
    Coder.code_document = staticmethod(code_document)
    monkeypatch.setattr("detente.coder.Coder", Coder)


def test_a_full_coding_queue_answers_503_and_reads_go_on(db, monkeypatch):
    release, started = threading.Event(), threading.Event()

    def slow(doc):
        started.set()
        release.wait(10)
        return DocResult(doc.id)
    fake_coder(monkeypatch, slow)
    guard = create_app(str(db))

    async def scenario():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guard), base_url="http://t") as http:
            posts = [asyncio.create_task(http.post("/api/code", json={"text": f"text {i}"})) for i in range(12)]
            for _ in range(500):
                if sum(p.done() for p in posts) == 3 and started.is_set():
                    break
                await asyncio.sleep(0.01)
            begin = time.perf_counter()
            health = await http.get("/api/health")
            latency = time.perf_counter() - begin
            release.set()
            return await asyncio.gather(*posts), health, latency
    try:
        answers, health, latency = asyncio.run(scenario())
    finally:
        release.set()
    busy = [r for r in answers if r.status_code == 503]
    assert len(busy) == 3 and all(r.headers["retry-after"].isdigit() for r in busy)
    assert busy[0].json()["error"]["status"] == 503
    assert [r.status_code for r in answers].count(200) == 9
    assert health.status_code == 200 and latency < 1


def test_a_coder_failure_is_422_and_a_skip_is_reported(db, monkeypatch):
    answers = iter([RuntimeError("tokenizer exploded"),
                    DocResult("request", skip=Skip("request", "coder-error", "IndexError: list index")),
                    DocResult("request", skip=Skip("request", "not-english", "looks like German"))])

    def next_answer(doc):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer
    fake_coder(monkeypatch, next_answer)
    client = TestClient(create_app(str(db)), raise_server_exceptions=False)
    for detail in ("tokenizer exploded", "IndexError: list index"):
        r = client.post("/api/code", json={"text": "Kabul said so."})
        assert r.status_code == 422 and detail in r.json()["error"]["message"]
    r = client.post("/api/code", json={"text": "Kabul sagte das."})
    assert r.status_code == 200
    assert r.json() == {"events": [], "skipped": {"reason": "not-english", "detail": "looks like German"}}
