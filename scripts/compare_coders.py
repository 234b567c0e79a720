"""What a change to the coder does to text nobody tuned to: code a random sample of the
WCEP corpus (items in neither news set) with two versions of detente and list the
asserted events (country-level source, CAMEO root, country-level target) that one gives
and the other does not, with a random sample of each for reading.

    python3 scripts/compare_coders.py --old 8ea61b9 [--new HEAD] [--items 1500] [--show 50]
                                      [--match REGEX]

``--match`` draws the sample only from items whose text matches a regular expression
(case-insensitive), to read a change on the sentences it concerns.

The old version runs from a git worktree of that commit; the new one from the working
tree (``--new HEAD``) or from another commit. Reading the shown events against
../shared/eval/NEWS_GUIDELINES.md gives the precision of what the change adds and of what
it removes.
"""
import argparse
import collections
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample(shared: Path, n: int, seed: int, out: Path, match: str | None = None) -> None:
    own = {json.loads(line)["id"] for f in (ROOT / "eval" / "news_own").glob("part_*.jsonl")
           for line in f.open(encoding="utf-8") if line.strip()}
    own |= {line.strip() for f in (ROOT / "eval" / "news_own").glob("ids*.txt")
            for line in f.open(encoding="utf-8") if line.strip()}     # drawn, perhaps not yet annotated
    dev = {json.loads(line)["id"] for line in (shared / "eval" / "dev" / "news.jsonl").open(encoding="utf-8")}
    with gzip.open(shared / "corpus" / "wcep_items.jsonl.gz", "rt", encoding="utf-8") as f:
        items = [r for r in map(json.loads, f) if r["id"] not in own and r["id"] not in dev]
    if match:
        pattern = re.compile(match, re.IGNORECASE)
        items = [r for r in items if pattern.search(r["text"])]
    random.seed(seed)
    with out.open("w", encoding="utf-8") as f:
        for r in random.sample(items, min(n, len(items))):
            f.write(json.dumps({"id": r["id"], "text": r["text"], "date": r["date"]}) + "\n")


def code(src: Path, items: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, "-m", "detente.cli", "code", str(items), "-o", str(out)],
                   env=env, check=True, stderr=subprocess.DEVNULL)


def asserted(path: Path):
    keys, rows = collections.defaultdict(set), {}
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        if r["mode"] != "asserted":
            continue
        k = (r["doc_id"], r["source"][:3], r["cameo"][:2], (r["target"] or "")[:3])
        keys[r["doc_id"]].add(k)
        rows[k] = r
    return keys, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", required=True, help="git commit of the old coder")
    ap.add_argument("--new", default="HEAD", help="git commit of the new coder, or HEAD for the working tree")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--items", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--show", type=int, default=50)
    ap.add_argument("--match", help="only items whose text matches this regular expression")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        items = tmp / "items.jsonl"
        sample(args.shared, args.items, args.seed, items, args.match)
        outs = {}
        try:
            for name, rev in (("old", args.old), ("new", args.new)):
                if rev == "HEAD" and name == "new":    # the working tree; "--old HEAD" is the commit
                    src = ROOT / "src"
                else:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tmp / name), rev],
                                   check=True)
                    src = tmp / name / "src"
                outs[name] = tmp / f"{name}.jsonl"
                code(src, items, outs[name])
            (old, old_rows), (new, new_rows) = asserted(outs["old"]), asserted(outs["new"])
        finally:
            for name in ("old", "new"):
                if (tmp / name).exists():
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp / name)])
    added = sorted(k for d in new for k in new[d] - old[d])
    removed = sorted(k for d in old for k in old[d] - new[d])
    print(f"{args.items} items (seed {args.seed}); asserted events (country-level source, root, target): "
          f"old {sum(map(len, old.values()))}, new {sum(map(len, new.values()))}; "
          f"added {len(added)}, removed {len(removed)}, in {len({k[0] for k in added + removed})} items")
    random.seed(args.seed)
    for name, keys, rows in (("added", added, new_rows), ("removed", removed, old_rows)):
        for k in sorted(random.sample(keys, min(args.show, len(keys)))):
            r = rows[k]
            print(f"{name:7s} {k[1]:>3s} -> {k[3]:3s} {r['cameo']:5s} [{r['trigger']}] {r['evidence'][:200]}")


if __name__ == "__main__":
    main()
