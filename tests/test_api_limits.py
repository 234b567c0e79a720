"""The server against hostile clients: body, header and time limits, errors from below
FastAPI, the answer cache's byte cap, coding requests that must not starve reads, and
security headers."""

from detente.serve import Guard


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
