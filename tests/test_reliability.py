"""Hostile input, replayed: no single document stops a run, nothing is held whole that
could be huge, and every bad option or output is one line and exit status 2.

(The server's cases are in test_api_limits.py and test_serve_ingest.py.)
"""
import datetime as dt
import gzip
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from detente import Coder, Document, Skip, dates
from detente.errors import CoderError
from detente.cli import main
from detente.ingest import ingest
from detente.read import read_paths

SHELLING = "Pakistani troops shelled Afghan border posts {when}."
EXE = str(Path(sys.executable).parent / "detente")


def items(paths, **kw):
    out = list(read_paths(paths, **kw))
    return [d for d in out if isinstance(d, Document)], [s for s in out if isinstance(s, Skip)]


def one_line_error(r):
    """The run failed with exit status 2 and exactly one line: ``detente: error: ...``."""
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2, r.stderr
    assert len(lines) == 1 and lines[0].startswith("detente: error: "), r.stderr
    return lines[0]


# -- 1. a poison-pill document -------------------------------------------------------------

@pytest.mark.parametrize("when, doc_date", [
    ("3000000 days ago", "2016-06-15"),
    ("99999999999999999999 weeks later", "2016-06-15"),
    ("on Tuesday", "0001-01-01"),
    ("last week", "0001-01-02"),
    ("tomorrow", "9999-12-31"),
    ("next month", "9999-12-31"),
])
def test_date_phrases_past_the_calendar_resolve_to_no_date(when, doc_date, coder):
    day = dt.date.fromisoformat(doc_date)
    found = dates.find(SHELLING.format(when=when))
    assert found
    for e in found:
        assert dates.resolve(e, day) is None
        assert dates.resolve(e, day, future=True) in (None, dt.date(1, 1, 2))   # "on Tuesday" ahead
    events = coder.code(SHELLING.format(when=when), date=doc_date)
    assert [e.cameo[:2] for e in events] == ["19"] and events[0].date == doc_date


def _poison(monkeypatch):
    """Make the coder fail on any document that says POISON, as a bug would."""
    real = Coder._code_parsed

    def code_parsed(self, d, blocks):
        if "POISON" in d.text:
            raise RuntimeError("simulated coder bug")
        return real(self, d, blocks)
    monkeypatch.setattr(Coder, "_code_parsed", code_parsed)


@pytest.mark.parametrize("processes", [1, 2])
def test_a_poison_pill_in_1000_documents_is_one_coder_error_skip(tmp_path, coder, monkeypatch, processes):
    _poison(monkeypatch)
    path = tmp_path / "news.jsonl"
    with path.open("w") as f:
        for k in range(1000):
            text = SHELLING.format(when="on Tuesday") if k != 500 else "POISON. " + SHELLING.format(when="")
            f.write(json.dumps({"id": f"n{k}", "text": text, "date": "2016-06-15"}) + "\n")
    db = tmp_path / "news.duckdb"
    report = ingest([path], db, coder=coder, processes=processes, batch=100, progress=False)
    assert (report.coded, report.skipped, dict(report.reasons)) == (999, 1, {"coder-error": 1})
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT status, reason, count(*) FROM documents GROUP BY ALL ORDER BY 1").fetchall()
    assert rows == [("coded", None, 999), ("skipped", "coder-error", 1)]
    detail = con.execute("SELECT detail FROM documents WHERE doc_id = 'n500'").fetchone()[0]
    assert "simulated coder bug" in detail
    assert con.execute("SELECT count(DISTINCT doc_id) FROM events").fetchone()[0] == 999
    con.close()
    # a re-run tries the failed document again, and only it
    monkeypatch.undo()
    again = ingest([path], db, coder=coder, progress=False)
    assert (again.already, again.coded) == (999, 1)


def test_the_command_exits_4_when_the_coder_failed_on_a_document(tmp_path, monkeypatch, capsys):
    _poison(monkeypatch)
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in [
        ("ok", SHELLING.format(when="")), ("bad", "POISON " + SHELLING.format(when=""))]) + "\n")
    assert main(["code", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl")]) == 4
    err = capsys.readouterr().err
    assert "skipped bad: coder-error (RuntimeError: simulated coder bug)" in err
    assert [json.loads(x)["doc_id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()] == ["ok"]


def test_coding_one_text_raises_where_a_batch_records_a_coder_error(coder, monkeypatch):
    _poison(monkeypatch)
    with pytest.raises(CoderError, match="simulated coder bug"):
        coder.code("POISON. " + SHELLING.format(when=""), date="2016-06-15")
    assert [e.cameo[:2] for e in coder.code(SHELLING.format(when=""), date="2016-06-15")] == ["19"]


def test_a_crime_a_sentence_was_for_is_coded_under_a_clause_that_is_not_a_fact(coder):
    # once a coder-error: the stated-intent branch left the crime's code empty
    events = coder.code("A court orders the retrial of two men who were sentenced to death for killing "
                        "a singer in Dubai in 2008.", date="2010-03-04")
    assert events and all(e.cameo for e in events)


# -- 2. lone surrogates ----------------------------------------------------------------------

def test_lone_surrogates_are_replaced_and_noted(tmp_path, coder):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "s\\udc00", "text": "Pakistani troops \\ud800 shelled Afghan border posts.", '
                    '"title": "\\udfff"}\n', encoding="ascii")
    docs, skips = items([path])
    assert not skips and docs[0].id == "s\ufffd" and "\ufffd" in docs[0].text and docs[0].title == "\ufffd"
    assert docs[0].note == "3 lone surrogate(s) replaced with U+FFFD"
    db = tmp_path / "s.duckdb"
    assert ingest([path], db, coder=coder, progress=False).coded == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT detail, n_events FROM documents").fetchone() == (docs[0].note, 1)
    con.close()
    # text handed to the library directly is repaired the same way
    assert [e.cameo[:2] for e in coder.code("Pakistani troops \ud800 shelled Afghan border posts.")] == ["19"]


# -- 3. compression bombs, truncated archives, long lines ------------------------------------------

def _members(f, block: bytes, times: int) -> None:
    """Write ``block`` ``times`` over as gzip members (concatenated members inflate as one
    stream): a gigabyte of output costs a few megabytes of disk and no time."""
    member = gzip.compress(block, compresslevel=9)
    for _ in range(times):
        f.write(member)


# Runs a command and prints the peak RSS of its process tree: a parent of its own, so that
# no other child of the test session counts (RUSAGE_CHILDREN keeps the largest one ever).
_MEASURE = """
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(r.returncode)
"""


def _peak_rss_mb(args) -> tuple[subprocess.CompletedProcess, float]:
    r = subprocess.run([sys.executable, "-c", _MEASURE, EXE, *map(str, args)],
                       capture_output=True, text=True, timeout=600)
    lines = r.stderr.rstrip().splitlines()
    peak_kb = int(lines[-1])
    r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout, "\n".join(lines[:-1]) + "\n")
    return r, peak_kb / 1024


@pytest.mark.slow
def test_a_gigabyte_bomb_is_skipped_in_bounded_memory(tmp_path):
    csv_bomb, jsonl_bomb = tmp_path / "zeros.csv.gz", tmp_path / "line.jsonl.gz"
    with csv_bomb.open("wb") as f:
        f.write(gzip.compress(b'id,text\n1,"' + SHELLING.format(when="").encode() + b'"\n2,"'))
        _members(f, b"\x00" * (64 << 20), 16)                       # 1 GiB of zeros in one field
    with jsonl_bomb.open("wb") as f:
        f.write(gzip.compress(b'{"id": "bomb", "text": "'))
        _members(f, b"a" * (64 << 20), 16)                          # one line of 1 GiB
        f.write(gzip.compress(b'"}\n' + json.dumps({"id": "after", "text": SHELLING.format(when="")}).encode()
                              + b"\n"))
    r, peak = _peak_rss_mb(["code", csv_bomb, jsonl_bomb, "-o", tmp_path / "out.jsonl"])
    assert r.returncode == 3, r.stderr
    assert "skipped zeros.csv.gz:3: too-long" in r.stderr and "skipped bomb: too-long" in r.stderr
    assert {json.loads(x)["doc_id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()} == \
        {"1", "after"}
    assert peak < 900, f"peak RSS {peak:.0f} MB"          # the model is ~300 MB; the bomb was 2.4 GB


def test_truncated_archives_keep_what_came_before(tmp_path):
    lines = [json.dumps({"id": f"n{k}", "text": SHELLING.format(when="")}) for k in range(2000)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[:len(whole) // 2])
    csv_whole = gzip.compress(("id,text\n" + "\n".join(f'{k},"{SHELLING.format(when="")}"'
                                                       for k in range(2000)) + "\n").encode())
    (tmp_path / "cut.csv.gz").write_bytes(csv_whole[:len(csv_whole) // 2])
    (tmp_path / "garbage.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    docs, skips = items([tmp_path])
    by_file = {s.doc_id.split(":")[0]: s for s in skips}
    assert set(by_file) == {"cut.csv.gz", "cut.jsonl.gz", "garbage.jsonl.gz"}
    assert all(s.reason == "truncated" and "breaks off" in s.detail for s in skips)
    assert 100 < sum(d.id.startswith("n") for d in docs) < 2000      # the lines before the damage
    assert 100 < sum(d.id.isdigit() for d in docs) < 2000


def test_long_lines_and_fields_are_skipped_unread_and_the_rest_is_read(tmp_path):
    limit = 10_000
    big = "x" * 50_000
    (tmp_path / "a.jsonl").write_text("\n".join([
        json.dumps({"id": "before", "text": SHELLING.format(when="")}),
        json.dumps({"id": "long", "text": big}),
        json.dumps({"text": big, "id": "late-id"}),
        json.dumps({"id": "after", "text": SHELLING.format(when="")})]) + "\n")
    (tmp_path / "b.csv").write_text(f'id,text\n1,"{SHELLING.format(when="")}"\n2,"{big}"\n'
                                    f'3,"a\n{big}\nb"\n4,"{SHELLING.format(when="")}"\n')
    (tmp_path / "c.txt").write_text(big)
    docs, skips = items([tmp_path], limit=limit)
    assert [d.id for d in docs] == ["before", "after", "1", "4"]
    assert [(s.doc_id, s.reason) for s in skips] == [
        ("long", "too-long"), ("a.jsonl:3", "too-long"), ("b.csv:3", "too-long"), ("b.csv:4", "too-long"),
        ("c", "too-long")]


def test_messages_echo_at_most_200_characters_of_input(tmp_path):
    junk = "Z" * 5000
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "d", "text": "Kabul said so.", "date": junk}) + "\n")
    (tmp_path / "b.csv").write_text(f"{junk},{junk}\n1,2\n")
    _, skips = items([tmp_path])
    assert len(skips) == 2
    for s in skips:
        assert "Z" * 201 not in s.detail and len(s.detail) < 400


# -- 6. records without an id ------------------------------------------------------------------

def test_records_without_ids_in_different_folders_do_not_collide(tmp_path, coder):
    for folder in ("east", "west"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "news.jsonl").write_text(
            json.dumps({"text": f"{folder}: " + SHELLING.format(when="")}) + "\n")
    (tmp_path / "in" / "west" / "note.txt").write_text(SHELLING.format(when=""))
    db = tmp_path / "n.duckdb"
    report = ingest([tmp_path / "in"], db, coder=coder, progress=False)
    assert (report.coded, report.skipped) == (3, 0)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT doc_id, input FROM documents ORDER BY doc_id").fetchall()
    con.close()
    assert [r[0] for r in rows] == ["east/news.jsonl:1", "west/news.jsonl:1", "west/note"]
    assert rows[0][1] == str(tmp_path / "in" / "east" / "news.jsonl")
    # a file given as such is named by its file name
    docs, _ = items([tmp_path / "in" / "east" / "news.jsonl"])
    assert docs[0].id == "news.jsonl:1"


# -- 7. options, outputs and odd files -------------------------------------------------------------

@pytest.mark.parametrize("args, says", [
    (["ingest", "x.jsonl", "--batch", "0"], "--batch: 0 is out of range"),
    (["ingest", "x.jsonl", "--batch", "-5"], "--batch: -5 is out of range"),
    (["code", "x.jsonl", "-j", "0"], "-j/--processes: 0 is out of range"),
    (["code", "x.jsonl", "--max-chars", "lots"], "'lots' is not a whole number"),
    (["serve", "--port", "70000"], "--port: 70000 is out of range"),
    (["code", "x.jsonl", "--date", "15/06/2016"], "--date '15/06/2016' is not YYYY-MM-DD"),
    (["code", "x.jsonl", "--format", "xml"], "invalid choice: 'xml'"),
    (["code", "x.jsonl", "--no-such-option"], "unrecognized arguments: --no-such-option"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["code", "x.docx"], "unknown input format '.docx'"),
    (["code", "missing.jsonl"], "missing.jsonl: no such file or folder"),
])
def test_bad_options_are_one_line_and_exit_2(run_cli, tmp_path, args, says):
    (tmp_path / "x.jsonl").write_text(json.dumps({"id": "a", "text": SHELLING.format(when="")}) + "\n")
    (tmp_path / "x.docx").write_bytes(b"PK")
    assert says in one_line_error(run_cli(*args))


@pytest.mark.parametrize("content, says", [
    (None, "actor file not found"),
    ("dir", "cannot read the actor file"),
    (b"Ann Example\t\tXYZGOV\n\xff\xfe\n", "is not UTF-8"),
    ("Ann Example\t\tXYZGOV\nBob Example\t\tX1\n", "people.tsv:2: 'X1' is not an actor code"),
    ("Ann Example\t\tXYZGOV\t2010-01-01\t2009-12-31\n", "people.tsv:1: the office ends (2009-12-31) before"),
    ("Ann Example\t\tXYZGOV\t2010-13-01\n", "people.tsv:1: '2010-13-01' is not a YYYY-MM-DD date"),
    ("\t\tXYZGOV\n", "people.tsv:1: the name (first column) is empty"),
    ("Ann Example XYZGOV\n", "people.tsv:1: expected at least 3 tab-separated columns"),
])
def test_bad_actor_files_are_one_line_with_file_and_line(run_cli, tmp_path, content, says):
    (tmp_path / "x.txt").write_text(SHELLING.format(when=""))
    actors = tmp_path / "people.tsv"
    if content == "dir":
        actors.mkdir()
    elif isinstance(content, bytes):
        actors.write_bytes(content)
    elif content is not None:
        actors.write_text(content)
    assert says in one_line_error(run_cli("code", "x.txt", "--actors", actors))


def test_outputs_that_cannot_be_written_are_one_line(run_cli, tmp_path):
    (tmp_path / "x.txt").write_text(SHELLING.format(when=""))
    assert "No such file or directory" in one_line_error(run_cli("code", "x.txt", "-o", "no/such/dir/out.jsonl"))
    if os.path.exists("/dev/full"):
        assert "No space left on device" in one_line_error(run_cli("code", "x.txt", "-o", "/dev/full"))
        with open("/dev/full", "w") as full:
            r = subprocess.run([EXE, "code", "x.txt"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE,
                               text=True, timeout=600)
        assert r.returncode == 2 and r.stderr.strip().splitlines()[-1].startswith("detente: error: ")
        assert "Traceback" not in r.stderr
    r = run_cli("ingest", "x.txt", "--db", "no/such/dir/x.duckdb")
    assert "x.duckdb" in one_line_error(r)


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line(run_cli, tmp_path):
    (tmp_path / "x.txt").write_text(SHELLING.format(when=""))
    r = run_cli("ingest", "x.txt", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert "--scheduler tcp://127.0.0.1:9: cannot join the cluster" in one_line_error(r)


def test_a_named_pipe_without_a_writer_is_skipped_and_one_with_a_writer_is_read(tmp_path):
    silent, talking = tmp_path / "silent.jsonl", tmp_path / "talking.jsonl"
    os.mkfifo(silent)
    os.mkfifo(talking)

    def write():
        with open(talking, "w") as f:
            f.write(json.dumps({"id": "piped", "text": SHELLING.format(when="")}) + "\n")
    writer = threading.Thread(target=write)
    writer.start()
    started = time.monotonic()
    docs, skips = items([tmp_path], fifo_wait=0.5)
    writer.join(5)
    assert time.monotonic() - started < 5
    assert [d.id for d in docs] == ["piped"]
    assert [(s.doc_id, s.reason) for s in skips] == [("silent.jsonl", "no-writer")]
    assert stat.S_ISFIFO(os.stat(silent).st_mode)


def test_devices_and_unreadable_files_are_one_skip_each(tmp_path):
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")            # endless, and not a file
    (tmp_path / "locked.txt").write_text("x")
    os.chmod(tmp_path / "locked.txt", 0)
    (tmp_path / "ok.txt").write_text(SHELLING.format(when=""))
    docs, skips = items([tmp_path])
    assert [d.id for d in docs] == ["ok"] or os.geteuid() == 0      # root reads even mode 0
    got = {(s.doc_id, s.reason) for s in skips}
    assert ("zero.jsonl", "not-a-file") in got
    assert os.geteuid() == 0 or ("locked", "unreadable") in got


def test_gzip_members_inflate_to_the_whole(tmp_path):
    """The bomb test's cheap gigabyte is what it claims to be (checked on a small one)."""
    with (tmp_path / "m.gz").open("wb") as f:
        _members(f, b"ab" * 1000, 7)
    assert gzip.decompress((tmp_path / "m.gz").read_bytes()) == b"ab" * 7000
