"""``detente watch``: rounds of ingest that code only what is new, survive failing
rounds, and stop on Ctrl-C or SIGTERM at any point with nothing lost and nothing twice."""
import io
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from detente.errors import ConfigError
from detente.watch import parse_every, watch

EXE = str(Path(sys.executable).parent / "detente")
TEXT = "Pakistani troops shelled Afghan border posts near the crossing, officials in Kabul said."


def write_records(path: Path, ids) -> None:
    with path.open("a") as f:
        for i in ids:
            f.write(json.dumps({"id": f"n{i}", "text": TEXT, "date": "2016-06-15"}) + "\n")


def stored(db) -> tuple[int, int]:
    for _ in range(100):                       # the watcher holds the file only while it commits
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                return (con.execute("SELECT count(*) FROM documents").fetchone()[0],
                        con.execute("SELECT count(*) FROM events").fetchone()[0])
        except duckdb.Error:
            time.sleep(0.1)
    raise AssertionError("database stayed locked")


def test_rounds_code_only_new_entries_and_survive_a_failing_round(tmp_path, coder):
    feed = tmp_path / "in"
    feed.mkdir()
    write_records(feed / "news.jsonl", range(3))
    db, out = tmp_path / "w.duckdb", io.StringIO()
    watch([feed], db, 0, once=True, coder=coder, stream=out)
    write_records(feed / "news.jsonl", range(3, 5))
    watch([feed], db, 0, once=True, coder=coder, stream=out)
    shutil.rmtree(feed)                                            # the input is gone for a round
    watch([feed], db, 0, once=True, coder=coder, stream=out)
    feed.mkdir()
    write_records(feed / "news.jsonl", range(6))
    assert watch([feed], db, 0, rounds=2, coder=coder, stream=out) == 2
    lines = out.getvalue().splitlines()
    assert "read 3 documents: coded 3" in lines[0] and "already stored 0" in lines[0]
    assert "read 5 documents: coded 2" in lines[1] and "already stored 3" in lines[1]
    assert "failed (" in lines[2] and "no such file or folder" in lines[2] and "trying again" in lines[2]
    assert "coded 1" in lines[3] and "already stored 5" in lines[3] and "coded 0" in lines[4]
    assert stored(db) == (6, 6)


@pytest.mark.parametrize("text, seconds", [("900", 900), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400),
                                           ("0.5s", 0.5)])
def test_intervals(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "-5m", "0", "15 minutes"])
def test_bad_intervals(text):
    with pytest.raises(ConfigError, match="--every"):
        parse_every(text)


@pytest.mark.slow
def test_sigterm_mid_round_then_a_rerun_loses_nothing_and_codes_nothing_twice(tmp_path):
    feed = tmp_path / "news.jsonl"
    write_records(feed, range(1500))
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([EXE, "watch", str(feed), "--db", str(db), "--every", "1h", "--batch", "100"],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not db.exists() or stored(db)[0] < 200):
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 0, err
    assert "watch stopped" in err and "Traceback" not in err
    part = stored(db)[0]
    assert 200 <= part < 1500                        # stopped mid-round, whole batches only
    r = subprocess.run([EXE, "watch", str(feed), "--db", str(db), "--once"], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    assert f"coded {1500 - part}" in r.stderr and f"already stored {part}" in r.stderr
    assert stored(db) == (1500, 1500)


def test_a_running_watch_picks_up_new_entries_and_stops_on_sigterm(tmp_path):
    feed = tmp_path / "news.jsonl"
    write_records(feed, range(2))
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([EXE, "watch", str(feed), "--db", str(db), "--every", "1s"],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not db.exists() or stored(db)[0] < 2):
            time.sleep(0.2)
        write_records(feed, range(2, 4))
        while time.monotonic() < deadline and stored(db)[0] < 4:
            time.sleep(0.2)
        assert stored(db) == (4, 4)
    finally:
        proc.send_signal(signal.SIGTERM)
        err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 0 and "round 1 at" in err and "coded 2" in err, err


PAGE = ("<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav><article>"
        "<p>{text}</p><p>Officials said the two governments would meet again next month to review the "
        "arrangement and report to their parliaments.</p></article></body></html>")
STORIES = [("Ghana and Togo open a border post", "Ghana and Togo opened a new border post at Aflao on Monday."),
           ("Peru and Chile sign a fishing accord", "Peru and Chile signed an accord on fishing rights in Lima."),
           ("Laos and Vietnam hold talks", "Laos and Vietnam held talks on a railway link in Hanoi.")]


@pytest.fixture()
def newsroom(monkeypatch):
    """A feed on loopback that can gain entries or go down between rounds."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    import threading
    state = {"entries": 2, "down": False}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path == "/robots.txt":
                return self.reply(404, "text/plain", "")
            if self.path == "/feed.rss":
                if state["down"]:
                    return self.reply(503, "text/plain", "down for maintenance")
                items = "".join(f"<item><title>{t}</title><link>{base}/story/{k}</link>"
                                f"<pubDate>Mon, 0{k + 1} Apr 2024 10:00:00 GMT</pubDate></item>"
                                for k, (t, _) in enumerate(STORIES[:state["entries"]]))
                return self.reply(200, "application/rss+xml",
                                  f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
                                  f"<link>{base}/</link><description>d</description>{items}</channel></rss>")
            k = int(self.path.rsplit("/", 1)[-1])
            return self.reply(200, "text/html; charset=utf-8", PAGE.format(title=STORIES[k][0], text=STORIES[k][1]))

        def reply(self, status, kind, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    monkeypatch.setenv("DETENTE_FETCH_DELAY", "0")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/feed.rss", state
    server.shutdown()


def test_a_feed_gains_entries_goes_down_and_comes_back(tmp_path, coder, newsroom):
    feed, state = newsroom
    db, out = tmp_path / "feed.duckdb", io.StringIO()
    watch([feed], db, 0, once=True, coder=coder, stream=out)            # two entries
    state["entries"] = 3
    watch([feed], db, 0, once=True, coder=coder, stream=out)            # one more
    state["down"] = True
    watch([feed], db, 0, once=True, coder=coder, stream=out)            # the feed is down
    state["down"] = False
    watch([feed], db, 0, once=True, coder=coder, stream=out)            # back, nothing new
    lines = out.getvalue().splitlines()
    assert "coded 2" in lines[0] and "already stored 0" in lines[0]
    assert "coded 1" in lines[1] and "already stored 2" in lines[1]
    assert "skipped 1 (http-503 1)" in lines[2] and "failed" not in lines[2]
    assert "coded 0" in lines[3] and "already stored 3" in lines[3]
    with duckdb.connect(str(db), read_only=True) as con:
        coded = con.execute("SELECT count(*) FROM documents WHERE status = 'coded'").fetchone()[0]
        dates = {r[0].isoformat() for r in con.execute("SELECT date FROM documents WHERE status = 'coded'").fetchall()}
        events = con.execute("SELECT count(DISTINCT doc_id) FROM events").fetchone()[0]
    assert coded == 3 and dates == {"2024-04-01", "2024-04-02", "2024-04-03"} and events >= 2
