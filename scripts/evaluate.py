"""Code every gold set and score it with the shared scorer, on its tuning part and its
check part apart.

    python3 scripts/evaluate.py [--shared ../shared] [--sets petr2_gsr,plover,conflibert,news,news_own]

Sets: the dev halves in ``SHARED/eval/dev`` and ``news_own``, detente's own news set
(``eval/news_own/part_*.jsonl``: ids and annotations only; the texts are joined from
``SHARED/corpus/wcep_items.jsonl.gz``). Each set is split by a hash of the item's id:
*tuning* (errors may be read there) and *check* (never read; a gain on tuning that does
not show on check is fitting). Each set is coded once with ``.venv/bin/detente code``;
the outputs and the split gold files are left in ``out/eval``.
"""
import argparse
import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "eval"
SETS = ("petr2_gsr", "plover", "conflibert", "news", "news_own")


def part_of(item_id: str) -> str:
    """``tuning`` or ``check``: half the items each, the same every time."""
    return "tuning" if hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def news_own(shared: Path) -> list[dict]:
    """detente's own news set, with the texts joined from the corpus."""
    items = [json.loads(line) for f in sorted((ROOT / "eval" / "news_own").glob("part_*.jsonl"))
             for line in f.open(encoding="utf-8") if line.strip()]
    want = {r["id"] for r in items}
    texts = {}
    with gzip.open(shared / "corpus" / "wcep_items.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in want:
                texts[rec["id"]] = rec["text"]
    return [{**r, "text": texts[r["id"]], "set": "news"} for r in items if r["id"] in texts]


def write(path: Path, records) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in args.sets.split(","):
        if name == "news_own":
            gold = news_own(args.shared)
            if not gold:
                continue
        else:
            gold = [json.loads(line) for line in (args.shared / "eval" / "dev" / f"{name}.jsonl").open(encoding="utf-8")]
        whole = OUT / f"{name}.gold.jsonl"
        write(whole, gold)
        pred = OUT / f"{name}.jsonl"
        subprocess.run([str(ROOT / ".venv" / "bin" / "detente"), "code", str(whole), "-o", str(pred)],
                       stderr=subprocess.DEVNULL, check=False)
        for part in ("tuning", "check"):
            items = [r for r in gold if part_of(r["id"]) == part]
            path = OUT / f"{name}.{part}.gold.jsonl"
            write(path, items)
            r = subprocess.run([sys.executable, str(args.shared / "eval" / "score.py"), str(path), str(pred)],
                               capture_output=True, text=True, check=True)
            score = r.stdout.strip().splitlines()[-1].removeprefix("score: ")
            print(f"{name:10s} {part:6s} {len(items):5d} items  {score}", flush=True)


if __name__ == "__main__":
    main()
