"""Accuracy on the shared gold sets, scored by the shared scorer: a floor under the
figures README.md publishes, so that a change that loses accuracy fails here."""
import json
import subprocess
import sys

import pytest

from conftest import shared
from detente.output import EventWriter
from detente.read import read_paths

FLOORS = {  # measured (README) minus a small margin
    "petr2_gsr": ("root", 0.68),
    "plover": ("type+actors", 0.50),
    "conflibert": ("quad", 0.63),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_accuracy(coder, tmp_path, name):
    gold = shared("eval", "dev", f"{name}.jsonl")
    pred = tmp_path / f"{name}.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        writer = EventWriter(f)
        for result in coder.pipe(read_paths([gold])):
            writer.write(result.events)
    out = subprocess.run([sys.executable, str(shared("eval", "score.py")), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(out[:out.rindex("}") + 1])["sets"][name]
    level, floor = FLOORS[name]
    score = result[level]["macro_F1"] if level == "quad" else result[level]["F1"]
    assert score >= floor, f"{name} {level} F1 {score} fell below {floor}"
