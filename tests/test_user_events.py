"""Users' own event patterns (``--events`` / ``DETENTE_EVENTS``): README's worked example."""
import json

import pytest

from detente import Coder
from detente.errors import DictionaryError
from detente.settings import Settings

PATTERNS = "# my patterns\n161\tostracize\n112\trebuke\n191\tquarantine\tnoun\n"
TEXT = [("1", "Russia ostracized Georgia."), ("2", "France rebuked Italy."),
        ("3", "The Chinese navy imposed a quarantine on Taiwan.")]


def codes(out: str):
    return [(e["doc_id"], e["source"], e["target"], e["cameo"]) for e in map(json.loads, out.splitlines())]


def test_the_worked_example_adds_and_overrides_patterns(run_cli, tmp_path):
    (tmp_path / "mine.tsv").write_text(PATTERNS)
    (tmp_path / "news.jsonl").write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in TEXT))
    plain = codes(run_cli("code", "news.jsonl").stdout)
    assert ("1", "RUS", "GEO", "161") not in plain and ("2", "FRA", "ITA", "111") in plain
    r = run_cli("code", "news.jsonl", "--events", "mine.tsv")
    assert r.returncode == 0, r.stderr
    assert codes(r.stdout) == [("1", "RUS", "GEO", "161"), ("2", "FRA", "ITA", "112"), ("3", "CHNMIL", "TWN", "191")]


@pytest.mark.parametrize("row, says", [
    ("999\tostracize\n", "mine.tsv:1: '999' is not a CAMEO code"),
    ("161\t \n", "mine.tsv:1: empty pattern"),
    ("161\tostracize\tnuon\n", "mine.tsv:1: unknown flag 'nuon'"),
])
def test_bad_rows_are_refused_with_file_and_line(tmp_path, row, says):
    (tmp_path / "mine.tsv").write_text(row)
    with pytest.raises(DictionaryError, match=says.replace("(", r"\(")):
        Coder(Settings(events=str(tmp_path / "mine.tsv")))


def test_a_user_block_removes_our_pattern(tmp_path, coder):
    (tmp_path / "mine.tsv").write_text("-\tshell\n")
    text = "Pakistani troops shelled Afghan border posts."
    assert [e.cameo[:2] for e in coder.code(text)] == ["19"]
    assert Coder(Settings(events=str(tmp_path / "mine.tsv"))).code(text) == []
