"""The Dask engine on a real ``dask.distributed`` cluster (worker processes on loopback):
the same documents and events as the local engine, whatever the partitions, and a worker
killed mid-job costs nothing."""
import json
import os
import signal

import pytest

from detente.cli import sample_path
from detente.ingest import ingest
from detente.store import connect

DOC_COLUMNS = "doc_id, text_hash, status, reason, detail, date, title, url, input, n_sentences, n_events, text, coder"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The bundled sample plus records a real feed has: malformed, empty, binary-ish, an id
    used twice with different texts, a non-English text."""
    folder = tmp_path_factory.mktemp("engine-in")
    sample = sample_path().read_text(encoding="utf-8").splitlines()
    first = json.loads(sample[0])
    extra = [
        "{not json",
        json.dumps({"id": "empty-1", "text": "   ", "date": "2015-01-02"}),
        json.dumps({"id": first["id"], "text": "Pakistan accused Afghanistan of sheltering militants.",
                    "date": "2015-03-01"}),
        json.dumps({"id": "fr-1", "date": "2015-04-01", "text": "Le gouvernement pakistanais a accusé les "
                    "autorités afghanes de soutenir les insurgés dans la région frontalière, selon le ministre."}),
    ]
    path = folder / "feed.jsonl"
    path.write_text("\n".join(sample[:30] + extra[:2] + sample[30:] + extra[2:]) + "\n", encoding="utf-8")
    return [path]


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c, Client(c) as client:
        yield client


@pytest.fixture(scope="module")
def local_db(tmp_path_factory, inputs, coder):
    db = tmp_path_factory.mktemp("engine-local") / "local.duckdb"
    ingest(inputs, db, coder=coder, progress=False, batch=500)
    return db


def tables(db):
    with connect(db, read_only=True) as con:
        docs = con.execute(f"SELECT {DOC_COLUMNS} FROM documents ORDER BY doc_id").fetchall()
        events = con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        actors = con.execute("SELECT * FROM actors ORDER BY ALL").fetchall()
    return docs, events, actors


@pytest.mark.parametrize("partition", [4, 13, 500])
def test_dask_gives_the_local_engines_documents_and_events(tmp_path, inputs, cluster, local_db, partition):
    db = tmp_path / "dask.duckdb"
    accounts = []
    report = ingest(inputs, db, engine="dask", client=cluster, batch=partition, progress=False,
                    on_partition=accounts.append)
    docs, events, actors = tables(db)
    want_docs, want_events, want_actors = tables(local_db)
    assert len(want_events) > 150 and any(d[2] == "skipped" for d in want_docs)
    assert docs == want_docs
    assert events == want_events
    assert actors == want_actors
    assert len(accounts) == -(-report.read // partition) and report.events == len(events)
    assert report.skipped == sum(d[2] == "skipped" for d in docs)
    assert not list(tmp_path.glob(".detente-parts-*")), "partition files are removed once loaded"


def test_a_rerun_on_dask_codes_nothing_again(tmp_path, inputs, cluster, local_db):
    db = tmp_path / "dask.duckdb"
    ingest(inputs, db, engine="dask", client=cluster, batch=20, progress=False)
    again = ingest(inputs, db, engine="dask", client=cluster, batch=20, progress=False)
    assert again.coded == 0 and again.events == 0
    assert again.already == again.read - 1 and dict(again.reasons) == {"not-english": 1}   # a setting's skip is retried
    assert tables(db) == tables(local_db)


def test_kept_parts_are_a_parquet_dataset_duckdb_queries_in_place(tmp_path, inputs, cluster, local_db):
    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    ingest(inputs, db, engine="dask", client=cluster, batch=10, progress=False, parts=parts, keep_parts=True)
    with connect(db, read_only=True) as con:
        n = con.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(parts / "events" / "*.parquet")}).fetchone()[0]
        assert n == con.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_a_worker_killed_mid_job_loses_and_duplicates_nothing(tmp_path, inputs, local_db):
    from dask.distributed import Client, LocalCluster
    db = tmp_path / "dask.duckdb"
    killed = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as lc, Client(lc) as client:
        def kill_a_busy_worker(account):
            if killed:
                return
            busy = {addr: tasks for addr, tasks in client.processing().items() if tasks}
            if not busy:
                return
            addr = next(iter(busy))
            pid = client.run(os.getpid, workers=[addr])[addr]
            os.kill(pid, signal.SIGKILL)            # no goodbye: the task it was running is lost
            killed.append((addr, busy[addr]))

        report = ingest(inputs, db, engine="dask", client=client, batch=4, progress=False,
                        on_partition=kill_a_busy_worker)
    assert killed, "a worker was killed while it had work"
    assert tables(db) == tables(local_db)
    assert report.read == report.coded + report.skipped


def test_the_command_joins_a_running_cluster(tmp_path, inputs, cluster, local_db, run_cli):
    db, parts = tmp_path / "cli.duckdb", tmp_path / "parts"
    r = run_cli("ingest", *inputs, "--db", db, "-q", "--engine", "dask", "--scheduler",
                cluster.scheduler.address, "--batch", "16", "--parts", parts)
    assert r.returncode == 3, r.stderr                 # 3: some documents were skipped
    assert "coded 48, skipped 4 (bad-record 1, duplicate-id 1, empty 1, not-english 1)" in r.stderr
    assert tables(db) == tables(local_db)
    assert len(list((parts / "events").glob("part-*.parquet"))) == 4
    bad = run_cli("ingest", *inputs, "--db", tmp_path / "x.duckdb", "--scheduler", "tcp://127.0.0.1:1")
    assert bad.returncode == 2 and "--scheduler needs --engine dask" in bad.stderr
