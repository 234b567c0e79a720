"""Accuracy on the shared gold sets, scored by the shared scorer: a floor under the
figures README.md publishes, so that a change that loses accuracy fails here."""
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared
from detente.output import EventWriter
from detente.read import read_paths

FLOORS = {  # measured (README) minus a small margin
    "petr2_gsr": ("root", 0.68),
    "plover": ("type+actors", 0.56),
    "conflibert": ("quad", 0.72),
    "news": ("root", 0.62),
}


def _scores(coder, gold, pred) -> dict:
    """Code ``gold`` into ``pred`` and score it with the shared scorer (its JSON, by set)."""
    with pred.open("w", encoding="utf-8") as f:
        writer = EventWriter(f)
        for result in coder.pipe(read_paths([gold])):
            writer.write(result.events)
    out = subprocess.run([sys.executable, str(shared("eval", "score.py")), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out[:out.rindex("}") + 1])["sets"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_accuracy(coder, tmp_path, name):
    result = _scores(coder, shared("eval", "dev", f"{name}.jsonl"), tmp_path / f"{name}.jsonl")[name]
    level, floor = FLOORS[name]
    score = result[level]["macro_F1"] if level == "quad" else result[level]["F1"]
    assert score >= floor, f"{name} {level} F1 {score} fell below {floor}"


def test_own_news_set_accuracy(coder, tmp_path):
    """detente's own news set (eval/news_own: ids and annotations; texts from the corpus)."""
    items = [json.loads(line) for f in sorted((Path(__file__).parents[1] / "eval" / "news_own").glob("part_*.jsonl"))
             for line in f.open(encoding="utf-8") if line.strip()]
    want = {r["id"] for r in items}
    texts = {}
    with gzip.open(shared("corpus", "wcep_items.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in want:
                texts[rec["id"]] = rec["text"]
    gold = tmp_path / "news_own.gold.jsonl"
    with gold.open("w", encoding="utf-8") as f:
        for r in items:
            f.write(json.dumps({**r, "text": texts[r["id"]], "set": "news"}) + "\n")
    score = _scores(coder, gold, tmp_path / "news_own.jsonl")["news"]["root"]["F1"]
    assert score >= 0.45, f"news_own root F1 {score} fell below 0.45"
