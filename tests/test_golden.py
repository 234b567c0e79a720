"""Hand-written sentences (our own) with the events they must and must not give.

Each line of golden/sentences.jsonl: ``expect`` lists [source, target, CAMEO root,
mode, date?] that must be among the coded events; ``forbid`` lists [source, target, root,
mode] that must not; ``no_asserted`` / ``no_events`` / ``forbid_asserted_roots`` /
``forbid_asserted_codes`` / ``forbid_sources`` / ``forbid_targets`` say what else must not be there.
"""
import json
from pathlib import Path

import pytest

CASES = [json.loads(line) for line in (Path(__file__).parent / "golden" / "sentences.jsonl").open()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_sentence(coder, case):
    events = coder.code(case["text"], date=case["date"])
    got = [(e.source, e.target, e.cameo[:2], e.mode, e.date) for e in events]
    for exp in case["expect"]:
        src, tgt, root, mode = exp[:4]
        hits = [g for g in got if g[0] == src and g[1] == tgt and g[2] == root and g[3] == mode
                and (len(exp) < 5 or g[4] == exp[4])]
        assert hits, f"missing {exp} in {got}"
    for src, tgt, root, mode in case.get("forbid", []):
        assert [g for g in got if g[:4] == (src, tgt, root, mode)] == [], got
    if case.get("no_events"):
        assert got == []
    if case.get("no_asserted"):
        assert [g for g in got if g[3] == "asserted"] == []
    for root in case.get("forbid_asserted_roots", []):
        assert [g for g in got if g[2] == root and g[3] == "asserted"] == [], got
    for code in case.get("forbid_asserted_codes", []):
        assert [e for e in events if e.cameo == code and e.mode == "asserted"] == [], got
    for src in case.get("forbid_sources", []):
        assert [g for g in got if g[0] == src] == [], got
    for tgt in case.get("forbid_targets", []):
        assert [g for g in got if g[1] == tgt] == [], got
