"""The ``detente`` command, run as a user runs it."""
import csv
import io
import json

from conftest import shared

TEXT = "Pakistani troops shelled Afghan border posts on Tuesday. Kabul condemned the shelling."
SCORER_FIELDS = {"doc_id", "start", "end", "source", "target", "cameo", "plover", "quad_class",
                 "goldstein", "mode", "date"}


def test_code_txt_to_stdout(run_cli, tmp_path):
    (tmp_path / "torkham.txt").write_text(TEXT)
    r = run_cli("code", "torkham.txt", "--date", "2016-06-15")
    assert r.returncode == 0, r.stderr
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert events and SCORER_FIELDS <= set(events[0])
    e = events[0]
    assert (e["doc_id"], e["source"], e["target"], e["cameo"][:2], e["date"]) == \
        ("torkham", "PAKMIL", "AFGMIL", "19", "2016-06-14")
    assert e["plover"] == "ASSAULT" and e["quad_class"] == 4 and e["goldstein"] < 0
    assert "read 1 documents: coded 1, skipped 0" in r.stderr


def test_code_csv_output_has_the_same_fields(run_cli, tmp_path):
    (tmp_path / "torkham.txt").write_text(TEXT)
    r = run_cli("code", "torkham.txt", "--date", "2016-06-15", "--format", "csv", "-o", "out.csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert rows and SCORER_FIELDS <= set(rows[0]) and rows[0]["source"] == "PAKMIL"


def test_bad_documents_are_skipped_with_reasons_and_exit_status_3(run_cli, tmp_path):
    lines = [json.dumps({"id": "good", "text": TEXT, "date": "2016-06-15"}),
             json.dumps({"id": "empty", "text": "  "}),
             "{broken json",
             json.dumps({"id": "german", "text": "Die pakistanischen Truppen haben am Dienstag afghanische "
                         "Grenzposten beschossen, sagten Beamte in Kabul. Die Regierung wies die Vorwürfe "
                         "zurück und sprach von einer Provokation."}),
             json.dumps({"id": "huge", "text": "Kabul said so. " * 700_000})]   # about 10 MB
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    r = run_cli("code", "batch.jsonl", "-o", "events.jsonl")
    assert r.returncode == 3, r.stderr
    assert "skipped empty: empty" in r.stderr
    assert "skipped batch.jsonl:3: bad-record" in r.stderr
    assert "skipped german: not-english" in r.stderr
    assert "skipped huge: too-long" in r.stderr
    assert "read 5 documents: coded 1, skipped 4" in r.stderr
    events = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert {e["doc_id"] for e in events} == {"good"}


def test_huge_document_is_coded_when_the_limit_allows(run_cli, tmp_path):
    para = "Pakistani troops shelled Afghan border posts. The weather was mild and the market was busy.\n\n"
    (tmp_path / "long.txt").write_text(para * 3000)            # about 280 KB, parsed in blocks
    r = run_cli("code", "long.txt", "--date", "2016-06-15", "--max-chars", "400000")
    assert r.returncode == 0, r.stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(events) == 3000
    assert len({e["start"] for e in events}) == 3000


def test_unreadable_input_is_a_one_line_error(run_cli, tmp_path):
    r = run_cli("code", "missing.jsonl")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert r.stderr.startswith("detente: error: ") and "no such file" in r.stderr
    r = run_cli("code", "x.txt", "--date", "June 5")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_missing_model_is_a_clear_error(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    r = run_cli("code", "a.txt", "--model", "no_such_model_xyz")
    assert r.returncode == 2
    assert "cannot load the spaCy model 'no_such_model_xyz'" in r.stderr and "DETENTE_MODEL" in r.stderr


def test_gzip_jsonl_corpus_and_processes(run_cli, tmp_path):
    corpus = shared("corpus", "lee.jsonl.gz")
    one = run_cli("code", corpus, "-o", "one.jsonl")
    two = run_cli("code", corpus, "-o", "two.jsonl", "--processes", "2")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    a, b = (tmp_path / "one.jsonl").read_text(), (tmp_path / "two.jsonl").read_text()
    assert a == b and a.count("\n") > 50
    assert "read 350 documents: coded 350" in one.stderr


def test_demo_builds_a_database_and_reports(run_cli, tmp_path):
    r = run_cli("demo")
    assert r.returncode == 0, r.stderr
    assert "AFG–PAK relations by month" in r.stdout and "turning points:" in r.stdout
    assert "read 48 documents: coded 48, skipped 0" in r.stdout
    assert (tmp_path / "detente-demo.duckdb").exists()


def test_ingest_relations_and_export_commands(run_cli, tmp_path):
    from detente.cli import sample_path
    r = run_cli("ingest", sample_path(), "--db", "x.duckdb", "-q")
    assert r.returncode == 0 and "read 48 documents: coded 48" in r.stderr, r.stderr
    r = run_cli("relations", "AFG", "PAK", "--db", "x.duckdb", "--plot", "afpak.png")
    assert r.returncode == 0, r.stderr
    assert "Goldstein sum: " in r.stdout and "2015-" in r.stdout
    assert (tmp_path / "afpak.png").read_bytes()[:4] == b"\x89PNG"
    r = run_cli("relations", "AFG", "PAK", "--db", "x.duckdb", "--format", "json", "--freq", "Q")
    data = json.loads(r.stdout)
    assert data["series"] and {"period", "both_events", "ab_goldstein_sum"} <= set(data["series"][0])
    r = run_cli("relations", "afg", "pak", "--db", "x.duckdb", "--format", "csv")
    assert r.stdout.startswith("period,ab_events")
    for fmt in ("jsonl", "csv", "parquet", "gdelt", "plover"):
        r = run_cli("export", "--db", "x.duckdb", "--format", fmt, "-o", f"out.{fmt}")
        assert r.returncode == 0 and (tmp_path / f"out.{fmt}").stat().st_size > 1000, (fmt, r.stderr)
    rows = list(csv.reader((tmp_path / "out.gdelt").open(), delimiter="\t"))
    assert rows and all(len(row) == 61 for row in rows)
    plover = json.loads((tmp_path / "out.plover").read_text().splitlines()[0])
    assert {"id", "date", "event", "mode", "context", "src_actor", "src_agent", "tgt_actor", "tgt_agent"} <= set(plover)
    jsonl = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(jsonl) == int(r.stderr.split()[1]) and SCORER_FIELDS <= set(jsonl[0])


def test_relations_errors_are_one_line(run_cli):
    r = run_cli("relations", "AFG", "PAK", "--db", "missing.duckdb")
    assert r.returncode == 2 and "no such database" in r.stderr and r.stderr.count("\n") == 1
    r = run_cli("relations", "AF'G;DROP", "PAK", "--db", "missing.duckdb")
    assert r.returncode == 2


def test_no_prefilter_flag_reaches_the_settings(monkeypatch):
    from detente.cli import _settings, build_parser
    monkeypatch.delenv("DETENTE_PREFILTER", raising=False)
    for command in ("code", "ingest"):
        assert _settings(build_parser().parse_args([command, "in.txt"])).prefilter is True
        assert _settings(build_parser().parse_args([command, "in.txt", "--no-prefilter"])).prefilter is False
