"""The DuckDB store and ingest: a real database file, every document accounted for."""
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import shared
from detente.cli import sample_path
from detente.ingest import ingest
from detente.store import SCHEMA_VERSION, Store, connect

TEXT = "Pakistani troops shelled Afghan border posts on Tuesday. Kabul condemned the shelling."


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, coder):
    db = tmp_path_factory.mktemp("db") / "sample.duckdb"
    report = ingest([sample_path()], db, coder=coder, progress=False)
    assert (report.read, report.coded, report.skipped) == (48, 48, 0)
    return db


def test_schema_is_versioned_and_migrations_are_idempotent(tmp_path):
    db = tmp_path / "x.duckdb"
    Store(db)
    Store(db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT max(version), count(*) FROM schema_migrations").fetchone() == \
            (SCHEMA_VERSION, SCHEMA_VERSION)
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "events", "actors", "events_dedup"} <= tables


def test_a_version_1_database_is_migrated_with_its_rows(tmp_path):
    from detente.store import MIGRATIONS
    db = tmp_path / "v1.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                    "applied_at TIMESTAMP DEFAULT current_timestamp)")
        for sql in MIGRATIONS[0][2]:
            con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version, description) VALUES (1, 'v1')")
        con.execute("INSERT INTO documents (doc_id, text_hash, status) VALUES ('old', 'h', 'coded')")
    Store(db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT doc_id, encoding, site, language FROM documents").fetchall() == \
            [("old", None, None, None)]
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_ingest_stores_what_the_coder_produces(sample_db, coder):
    from detente.read import read_paths
    want = sorted(json.dumps(e.to_dict(), sort_keys=True)
                  for r in coder.pipe(read_paths([sample_path()])) for e in r.events)
    from detente.export import export
    out = sample_db.parent / "events.jsonl"
    n = export(sample_db, "jsonl", out)
    got = sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.read_text().splitlines())
    assert n == len(want) and got == want         # export jsonl is exactly the code format


def test_rerun_skips_stored_documents_and_recodes_changed_ones(tmp_path, coder):
    db = tmp_path / "x.duckdb"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT, "date": "2016-06-15"}) + "\n")
    first = ingest([src], db, coder=coder, progress=False)
    again = ingest([src], db, coder=coder, progress=False)
    assert (first.coded, again.coded, again.already) == (1, 0, 1)
    src.write_text(json.dumps({"id": "a", "text": "Kabul praised Islamabad.", "date": "2016-06-16"}) + "\n")
    changed = ingest([src], db, coder=coder, progress=False)
    assert changed.coded == 1
    assert ingest([src], db, coder=coder, progress=False, recode=True).coded == 1
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*), max(date) FROM documents").fetchone()[0] == 1
        assert {r[0] for r in con.execute("SELECT cameo FROM events").fetchall()} == {"051"}


def test_bad_records_are_stored_as_skipped_with_reasons(tmp_path, coder):
    db = tmp_path / "x.duckdb"
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write("\n".join([
            json.dumps({"id": "ok", "text": TEXT, "date": "2016-06-15"}),
            json.dumps({"id": "empty", "text": ""}),
            "{oops",
            json.dumps({"id": "ok", "text": "Another text with the same id."}),
            json.dumps({"id": "ru", "text": "Пакистанские войска обстреляли афганские пограничные посты"}),
        ]) + "\n")
    report = ingest([src], db, coder=coder, progress=False)
    assert (report.read, report.coded, report.skipped) == (5, 1, 4)
    with connect(db, read_only=True) as con:
        rows = dict(con.execute("SELECT doc_id, coalesce(reason, status) FROM documents").fetchall())
    assert rows["ok"] == "coded" and rows["empty"] == "empty" and rows["ru"] == "not-english"
    assert rows["in.jsonl.gz:3"] == "bad-record"
    assert [v for k, v in rows.items() if k.startswith("ok~")] == ["duplicate-id"]
    assert "already stored 0" in report.line()
    again = ingest([src], db, coder=coder, progress=False)
    # a skip that depends on settings (not English, too long) is tried again; the rest is kept
    assert (again.already, again.skipped, again.reasons["not-english"]) == (4, 1, 1)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_relations_series_turning_points_and_network(sample_db):
    import detente
    df = detente.relations(sample_db, "AFG", "PAK", freq="M")
    assert {"ab_events", "ba_events", "both_events", "both_verbal_coop", "both_material_conflict",
            "both_goldstein_sum", "both_goldstein_mean"} <= set(df.columns)
    assert df["both_events"].sum() > 30
    assert (df["both_events"] == df["ab_events"] + df["ba_events"]).all()
    # the 2014-15 reset is more cooperative than the 2016 border crisis
    assert df.loc["2014-11":"2015-01", "both_goldstein_sum"].sum() > 0 > df.loc["2016-03":"2016-12", "both_goldstein_sum"].sum()
    tps = detente.turning_points(sample_db, "AFG", "PAK")
    assert tps and all(tp.direction in ("improving", "deteriorating") for tp in tps)
    assert all(len(tp.events) >= 1 for tp in tps)
    net = detente.network(sample_db, top=5)
    assert {tuple(r) for r in net[["source", "target"]].values} >= {("PAK", "AFG"), ("AFG", "PAK")}
    assert detente.relations(sample_db, "AFG", "PAK", freq="Y").index.year.tolist() == [2014, 2015, 2016]


def test_dedup_view_merges_repeated_reports(tmp_path, coder):
    db = tmp_path / "x.duckdb"
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"r{k}", "text": f"Pakistani troops shelled Afghan border posts in Kunar on "
                         f"Tuesday, {who} said.", "date": "2016-06-15"})
             for k, who in enumerate(["officials", "witnesses", "a spokesman"])]
    src.write_text("\n".join(lines) + "\n")
    ingest([src], db, coder=coder, progress=False)
    with connect(db, read_only=True) as con:
        raw = con.execute("SELECT count(*) FROM events WHERE cameo_root = '19'").fetchone()[0]
        dedup = con.execute("SELECT mentions, documents, len(event_ids), place FROM events_dedup "
                            "WHERE cameo_root = '19'").fetchall()
    assert raw == 3 and dedup == [(3, 3, 3, "Kunar")]


def _count(db) -> int:
    try:
        with connect(db, read_only=True, wait=5) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except Exception:
        return -1


def test_kill_9_and_rerun_equals_an_uninterrupted_run(tmp_path):
    corpus = shared("corpus", "lee.jsonl.gz")
    exe = str(Path(sys.executable).parent / "detente")
    whole, broken = tmp_path / "whole.duckdb", tmp_path / "broken.duckdb"
    subprocess.run([exe, "ingest", str(corpus), "--db", str(whole), "-q"], check=True, capture_output=True)
    proc = subprocess.Popen([exe, "ingest", str(corpus), "--db", str(broken), "-q", "--batch", "10"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen_while_writing = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        n = _count(broken) if broken.exists() else -1
        if n >= 0:
            seen_while_writing.append(n)      # a reader got in while the writer was at work
        if n >= 60:
            break
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    interrupted = _count(broken)
    assert 0 < interrupted < 350, interrupted
    assert seen_while_writing and max(seen_while_writing) > 0
    subprocess.run([exe, "ingest", str(corpus), "--db", str(broken), "-q"], check=True, capture_output=True)
    q = "SELECT count(*), count(DISTINCT doc_id), sum(n_events) FROM documents"
    qe = "SELECT count(*), count(DISTINCT event_id) FROM events"
    with connect(whole, read_only=True) as a, connect(broken, read_only=True) as b:
        assert a.execute(q).fetchone() == b.execute(q).fetchone()
        assert a.execute(qe).fetchone() == b.execute(qe).fetchone()
        assert a.execute(q).fetchone()[0] == 350
        ids = "SELECT event_id FROM events ORDER BY 1"
        assert a.execute(ids).fetchall() == b.execute(ids).fetchall()


def test_documents_keep_their_encoding_site_and_language(tmp_path, coder):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "legacy.txt").write_bytes("Pakistani troops shelled Afghan border posts, Kabul said. "
                                                 "Café owners fled.".encode("cp1252"))
    (tmp_path / "in" / "page.html").write_text(
        "<html lang='en'><head><meta property='og:site_name' content='Example Wire'></head><body><article>"
        "<p>Pakistani troops shelled Afghan border posts near the crossing, officials in Kabul said.</p>"
        "<p>Kabul asked Islamabad for an inquiry into the shelling of the posts.</p></article></body></html>")
    db = tmp_path / "e.duckdb"
    assert ingest([tmp_path / "in"], db, coder=coder, progress=False).coded == 2
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT doc_id, encoding, site, language FROM documents ORDER BY doc_id").fetchall()
    assert rows == [("legacy", "cp1252", None, None), ("page", "utf-8", "Example Wire", "en")]
