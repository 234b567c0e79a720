"""Serving and ingesting one database at once; damaged and foreign databases, served and
at the command line. Real processes: ``detente serve`` and ``detente ingest``."""

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from conftest import running_server

from detente.store import connect

EXE = str(Path(sys.executable).parent / "detente")
NEW = 40          # documents of the second ingest


@pytest.fixture(scope="module")
def sample_db(sample_db_to_read):
    return sample_db_to_read


@pytest.fixture()
def db(sample_db, tmp_path):
    path = tmp_path / "served.duckdb"
    shutil.copyfile(sample_db, path)
    return path


def news(path: Path) -> Path:
    """Short invented reports, each naming the invented town of Zarkand."""
    with path.open("w") as f:
        for i in range(NEW):
            f.write(json.dumps({"id": f"zarkand-{i}", "date": f"2017-04-{1 + i % 28:02d}",
                                "text": f"Pakistani troops shelled Afghan border posts near Zarkand on "
                                        f"patrol {i}, Kabul said. Afghanistan condemned Pakistan."}) + "\n")
    return path


def wait_for(check, seconds: float = 15.0):
    """``check()`` once it is true (polled), else the last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def documents(url: str) -> int:
    return httpx.get(url + "/api/health", timeout=10).json().get("documents", 0)


def test_ingest_into_a_database_being_served(db, tmp_path):
    with running_server(db, "--refresh", 1, "--warm", 3) as url:
        before = documents(url)
        search = {"q": "Zarkand"}
        assert httpx.get(url + "/api/events", params=search).json()["total"] == 0      # now kept in memory
        statuses, failures, stop = [], [], threading.Event()

        def client():
            k = 0
            with httpx.Client(base_url=url, timeout=30) as http:
                while not stop.is_set():
                    k += 1
                    for path, params in (("/api/health", {}), ("/api/events", {"offset": k % 40, "limit": 7}),
                                         ("/api/relations", {"a": "AFG", "b": "PAK"}),
                                         ("/api/network", {"top": 1 + k % 9})):
                        try:
                            statuses.append(http.get(path, params=params).status_code)
                        except httpx.HTTPError as e:
                            failures.append(repr(e))
        reader = threading.Thread(target=client)
        reader.start()
        try:
            run = subprocess.run([EXE, "ingest", "--db", str(db), "--batch", "5", "-q", news(tmp_path / "z.jsonl")],
                                 capture_output=True, text=True, timeout=120)
            assert run.returncode in (0, 3), run.stderr
            assert wait_for(lambda: documents(url) == before + NEW), "health never counted the new documents"
            found = httpx.get(url + "/api/events", params=search).json()
            assert found["total"] >= NEW                            # not the answer kept from before
            assert {e["doc_id"] for e in found["events"]} <= {f"zarkand-{i}" for i in range(NEW)}
        finally:
            stop.set()
            reader.join(30)
        assert not failures and len(statuses) > 20
        assert all(s == 200 for s in statuses), sorted(set(statuses))
    con = connect(db, read_only=True)
    stored = con.execute("SELECT count(*) FROM documents WHERE starts_with(doc_id, 'zarkand-')").fetchone()[0]
    con.close()
    assert stored == NEW
    assert not list(db.parent.glob(".served.duckdb.snapshot-*"))          # the server cleaned up


def foreign(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE readings AS SELECT range AS x FROM range(1000)")
    con.close()


def test_a_damaged_database_while_served(db, sample_db, tmp_path):
    good = sample_db.read_bytes()
    with running_server(db, "--refresh", 1, "--warm", 0) as url:
        def health():
            r = httpx.get(url + "/api/health", timeout=10)
            return r.status_code, r.json()

        def broken(why: str):
            wait_for(lambda: why in health()[1].get("error", ""))
            code, body = health()
            assert code == 503 and body["status"] == "error" and why in body["error"], body
            assert "\n" not in body["error"] and len(body["error"]) < 400
            for path, params in (("/api/events", {"limit": 3, "offset": len(why)}), ("/api/actors", {"q": why[:3]}),
                                 ("/api/relations", {"a": "AFG", "b": "PAK", "freq": "Q"}),
                                 ("/api/documents/nothing", {}), ("/api/network", {"top": len(why)})):
                r = httpx.get(url + path, params=params, timeout=10)
                assert r.status_code in (200, 404), (path, r.status_code, r.text[:200])   # the last good copy
                assert r.headers["content-type"] == "application/json" and "Traceback" not in r.text

        db.write_bytes(os.urandom(200_000))
        broken("not a valid DuckDB database")
        db.write_bytes(good[:len(good) // 3])
        broken("truncated")
        db.unlink()
        foreign(db)
        broken("not a detente database")
        db.unlink()
        broken("no such database")
        db.write_bytes(good)
        assert wait_for(lambda: health()[0] == 200)


@pytest.fixture(scope="module")
def bad_files(sample_db, tmp_path_factory):
    where = tmp_path_factory.mktemp("bad")
    (where / "garbage.duckdb").write_bytes(os.urandom(100_000))
    good = sample_db.read_bytes()
    (where / "truncated.duckdb").write_bytes(good[:len(good) // 2])
    foreign(where / "foreign.duckdb")
    (where / "one.jsonl").write_text('{"id": "x", "text": "Kabul accused Islamabad of shelling."}\n')
    return where


@pytest.mark.parametrize("command", ["serve", "relations", "export", "ingest"])
@pytest.mark.parametrize("name", ["garbage", "truncated", "foreign"])
def test_a_damaged_or_foreign_database_is_one_line_at_the_command_line(bad_files, name, command):
    path = bad_files / f"{name}.duckdb"
    before = path.read_bytes()
    args = {"serve": ["serve", "--port", "1"], "relations": ["relations", "AFG", "PAK"],
            "export": ["export", "-o", str(bad_files / "out.jsonl")],
            "ingest": ["ingest", "-q", str(bad_files / "one.jsonl")]}[command]
    run = subprocess.run([EXE, *args, "--db", str(path)], capture_output=True, text=True, timeout=120)
    lines = run.stderr.splitlines()
    assert run.returncode == 2 and len(lines) == 1 and lines[0].startswith(f"detente: error: {path}: "), run.stderr
    assert path.read_bytes() == before                          # nothing was written into it


def test_a_port_in_use_is_one_line(sample_db):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([EXE, "serve", "--db", str(sample_db), "--port", str(port)],
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"detente: error: 127.0.0.1:{port}: address already in use"]


def test_queries_finish_on_the_copy_they_began_on_and_dead_servers_copies_are_removed(db):
    from detente.snapshot import Snapshot
    dead = db.parent / ".served.duckdb.snapshot-999-dead"          # a killed server's folder
    alive = db.parent / ".served.duckdb.snapshot-998-alive"        # a running one's
    for folder in (dead, alive):
        folder.mkdir()
        (folder / "1.duckdb").write_bytes(b"old copy")
        (folder / "lock").touch()
    import fcntl
    held = os.open(alive / "lock", os.O_RDWR)
    fcntl.flock(held, fcntl.LOCK_EX)
    snapshot = Snapshot(db, refresh=3600)
    try:
        assert not dead.exists() and alive.exists()
        first = snapshot._folder / "1.duckdb"
        with snapshot.cursor() as old:
            n = old.execute("SELECT count(*) FROM documents").fetchone()[0]
            assert not snapshot.maybe_refresh()                    # nothing changed
            con = duckdb.connect(str(db))
            con.execute("DELETE FROM events")
            con.close()
            assert snapshot.maybe_refresh() and snapshot.generation == 1
            assert old.execute("SELECT count(*) FROM events").fetchone()[0] > 0    # still the old copy
            with snapshot.cursor() as new:
                assert new.execute("SELECT count(*) FROM events").fetchone()[0] == 0
                assert new.execute("SELECT count(*) FROM documents").fetchone()[0] == n
            assert first.exists()
        assert not first.exists()                  # the old copy went with its last query
    finally:
        snapshot.close()
        os.close(held)
    assert sorted(p.name for p in db.parent.glob(".served.duckdb.snapshot-*")) == [alive.name]


def test_the_copies_go_even_when_closing_the_last_one_fails(db):
    from detente.snapshot import Snapshot
    snapshot = Snapshot(db, refresh=3600)
    folder = snapshot._folder

    def fails():
        raise OSError("disk went away")
    snapshot._current.drop = fails
    with pytest.raises(OSError):
        snapshot.close()
    assert not folder.exists()
    snapshot.close()                                # a second close (atexit's) does nothing


def test_a_copy_that_cannot_be_read_is_503_not_500(db):
    from fastapi.testclient import TestClient

    from detente.serve import create_app
    client = TestClient(create_app(str(db), refresh=3600), raise_server_exceptions=False)
    (copy,) = db.parent.glob(".served.duckdb.snapshot-*/1.duckdb")
    with copy.open("r+b") as f:                  # the disk under the server fails
        f.truncate(300_000)
    for path, params in (("/api/events", {"q": "kabul"}), ("/api/relations", {"a": "AFG", "b": "PAK"})):
        r = client.get(path, params=params)
        assert r.status_code == 503 and r.json()["error"]["message"].startswith("the database cannot be read")
