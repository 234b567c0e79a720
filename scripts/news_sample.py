"""Draw the items of detente's own news set from the WCEP corpus: ``--per-year`` items of
each year 2002-2026, at random with a fixed seed, leaving out the items of the shared
dev set. Prints one id a line (the texts stay in the corpus; eval/news_own/ keeps only
ids and annotations).

    python3 scripts/news_sample.py [--per-year 13] [--seed 20261205] > eval/news_own/ids.txt

A second draw leaves out the first: ``--seed 20261206 --exclude eval/news_own/ids.txt``.
"""
import argparse
import gzip
import json
import random
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-year", type=int, default=13)
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="a file of ids (one a line) already drawn")
    args = ap.parse_args()
    dev = {json.loads(line)["id"] for line in open(args.shared / "eval" / "dev" / "news.jsonl", encoding="utf-8")}
    for path in args.exclude:
        dev |= {line.strip() for line in open(path, encoding="utf-8") if line.strip()}
    by_year = defaultdict(list)
    with gzip.open(args.shared / "corpus" / "wcep_items.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] not in dev and rec.get("text", "").strip():
                by_year[rec["date"][:4]].append(rec["id"])
    rng = random.Random(args.seed)
    for year in sorted(y for y in by_year if "2002" <= y <= "2026"):
        for i in sorted(rng.sample(by_year[year], min(args.per_year, len(by_year[year])))):
            print(i)


if __name__ == "__main__":
    main()
