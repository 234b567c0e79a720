"""Coding overhead and the prefilter: the same documents through bare spaCy (``nlp.pipe``,
same model and components, every sentence parsed), through the detente coder parsing
every sentence, and through the coder with the prefilter (only the sentences that can
hold an event, and those they draw on, are parsed), side by side in one run.

    python benchmarks/bench_coding.py [--docs 2000] [--repeat 3] [--scores]

Four runs, interleaved, each timed ``--repeat`` times (medians): spaCy as it comes
(``spacy.load``), the same model as detente loads it (``parse.load``: same output, faster
lemmatizer and attribute ruler), the coder parsing every sentence, and the coder with the
prefilter. Sentences/s of each count the sentences bare spaCy finds (the same number for
all four). Then the ratios, the share of sentences and tokens the prefilter parses, and
how many events each coder gives and how many differ. ``--scores`` also codes the shared
gold sets both ways and scores them with the shared scorer.
"""
import argparse
import collections
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import CORPUS, first_records

from detente import Coder, Document
from detente.output import EventWriter
from detente.read import read_paths
from detente.settings import Settings

SHARED = CORPUS.parent
REUTERS = CORPUS / "reuters21578.jsonl.gz"
GOLD_SETS = ("petr2_gsr", "plover", "conflibert")


def load(path, n):
    return [Document(r["id"], r["text"], r.get("date")) for _, r in first_records(path, n)]


def differ(a, b, drop=()):
    """Events of ``a`` not in ``b`` (as a multiset), comparing every field but ``drop``."""
    def keys(events):
        return collections.Counter(json.dumps({k: v for k, v in e.to_dict().items() if k not in drop},
                                              sort_keys=True) for e in events)
    return sum((keys(a) - keys(b)).values())


def scores(coders):
    """Scores on the shared gold sets (dev halves) with each coder."""
    out = {}
    for name in GOLD_SETS:
        gold = SHARED / "eval" / "dev" / f"{name}.jsonl"
        for label, coder in coders.items():
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
                writer = EventWriter(f)
                for result in coder.pipe(read_paths([gold])):
                    writer.write(result.events)
            line = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), f.name],
                                  capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            Path(f.name).unlink()
            out.setdefault(name, {})[label] = line.removeprefix("score: ")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default=str(REUTERS))
    ap.add_argument("--scores", action="store_true", help="score the shared gold sets both ways")
    args = ap.parse_args()
    docs = load(args.corpus, args.docs)
    import spacy
    from detente import parse
    settings = Settings.from_env()
    stock = spacy.load(settings.model, exclude=list(parse.UNUSED))   # spaCy as it comes
    full = Coder(Settings.from_env(prefilter=False))
    fast = Coder(Settings.from_env(prefilter=True), nlp=full.nlp)
    nlp = full.nlp                           # the same model as detente loads it (parse.load)
    texts = [d.text for d in docs]
    # warm-up (and the count): each pipeline once over every text, so that the caches of
    # both (spaCy's lemmatizer cache, detente's) hold the same words when timed
    sentences = sum(len(list(doc.sents)) for doc in stock.pipe(texts, batch_size=64))
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    for coder in (full, fast):
        for _ in coder.pipe(docs[:50]):      # warm-up: the coder's lazy tables (places)
            pass
    runs = {"stock": lambda: sum(1 for _ in stock.pipe(texts, batch_size=64)),
            "spacy": lambda: sum(1 for _ in nlp.pipe(texts, batch_size=64)),
            "full": lambda: [e for r in full.pipe(docs) for e in r.events],
            "fast": lambda: [e for r in fast.pipe(docs) for e in r.events]}
    times = {k: [] for k in runs}
    events = {}
    for _ in range(args.repeat):
        fast.counts.clear()
        for key, run in runs.items():
            t = time.perf_counter()
            events[key] = run()
            times[key].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    c = fast.counts

    def line(label, key):
        print(f"{label:38s}: {sentences / med[key]:6.0f} sentences/s  (median of {args.repeat}: {med[key]:.1f} s)")

    print(f"{len(docs)} documents, {sentences} sentences (as bare spaCy splits them); pipes: "
          f"{', '.join(nlp.pipe_names)}")
    line("bare spaCy nlp.pipe", "stock")
    line("spaCy nlp.pipe as detente loads it", "spacy")
    line("detente, every sentence parsed", "full")
    line("detente, prefilter", "fast")
    print(f"ratio detente every sentence / bare spaCy : {med['stock'] / med['full']:.2f}  "
          f"(/ spaCy as detente loads it: {med['spacy'] / med['full']:.2f})")
    print(f"ratio detente prefilter / bare spaCy      : {med['stock'] / med['fast']:.2f}  "
          f"(/ detente every sentence: {med['full'] / med['fast']:.2f})")
    print(f"prefilter parsed {c['parsed_sentences']} of {c['sentences']} sentences "
          f"({c['parsed_sentences'] / max(c['sentences'], 1):.0%}), {c['parsed_tokens']} of "
          f"{c['tokens']} tokens ({c['parsed_tokens'] / max(c['tokens'], 1):.0%})")
    a, b = events["full"], events["fast"]
    print(f"events: every sentence {len(a)}, prefilter {len(b)}; not in the other: {differ(a, b)} / {differ(b, a)} "
          f"(any field), {differ(a, b, ('sentence',))} / {differ(b, a, ('sentence',))} (any field but the "
          f"sentence number); in {len({e.doc_id for e in set(a) ^ set(b)})} documents")
    if args.scores:
        for name, by in scores({"every sentence": full, "prefilter": fast}).items():
            for label, line in by.items():
                print(f"{name:11s} {label:15s} {line}")


if __name__ == "__main__":
    main()
