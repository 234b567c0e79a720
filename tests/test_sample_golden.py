"""The bundled sample, coded: compared line by line with golden/sample_events.jsonl.

A change to the coder that changes its output shows up here as a diff to review;
regenerate the file on purpose with ``UPDATE_GOLDEN=1 pytest tests/test_sample_golden.py``.
"""
import json
import os
from pathlib import Path

from detente.cli import sample_path
from detente.read import read_paths

GOLDEN = Path(__file__).parent / "golden" / "sample_events.jsonl"
FIELDS = ("doc_id", "sentence", "source", "target", "cameo", "mode", "date", "trigger")


def test_sample_output_matches_golden(coder):
    got = [json.dumps({k: e.to_dict()[k] for k in FIELDS}, ensure_ascii=False)
           for r in coder.pipe(read_paths([sample_path()])) for e in r.events]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(got) + "\n", encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert got == want
    assert len(got) > 48
