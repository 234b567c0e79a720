"""Coding overhead: the same documents through bare spaCy (``nlp.pipe``, same model and
components) and through the detente coder, side by side in one run.

    python benchmarks/bench_coding.py [--docs 2000] [--repeat 3]

Prints sentences/s of each (median of ``--repeat`` runs) and their ratio.
"""
import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from detente import Coder, Document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reuters21578.jsonl.gz"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    docs = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("text", "").strip():
                docs.append(Document(r["id"], r["text"], r.get("date")))
            if len(docs) == args.docs:
                break
    coder = Coder()
    nlp = coder.nlp
    texts = [d.text for d in docs]
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))   # warm-up and count
    bare, full = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        events = sum(len(r.events) for r in coder.pipe(docs))
        full.append(time.perf_counter() - t)
    b, f = statistics.median(bare), statistics.median(full)
    print(f"{len(docs)} documents, {sentences} sentences, {events} events; pipes: {', '.join(nlp.pipe_names)}")
    print(f"bare spaCy nlp.pipe : {sentences / b:8.0f} sentences/s  (median of {args.repeat}: {b:.1f} s)")
    print(f"detente Coder.pipe  : {sentences / f:8.0f} sentences/s  (median of {args.repeat}: {f:.1f} s)")
    print(f"ratio detente / bare: {b / f:.2f}")


if __name__ == "__main__":
    main()
