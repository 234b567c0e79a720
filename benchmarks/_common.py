"""Shared by the benchmarks: their inputs (the first records of a corpus in
``../shared/corpus``) and timing."""
import gzip
import json
import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def first_records(path, n: int | None = None, sentences: int | None = None) -> Iterator[tuple[str, dict]]:
    """(line, record) of the first records with a non-empty text: ``n`` of them, or as
    many as hold about ``sentences`` sentences (counted by their full stops)."""
    k = seen = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record.get("text", "").strip()
            if not text:
                continue
            yield line, record
            k += 1
            seen += max(1, len(SENTENCE_END.findall(text)))
            if k == n or (sentences is not None and seen >= sentences):
                return


def write_first(path, out: Path, n: int | None = None, sentences: int | None = None) -> int:
    """Write those records' lines to ``out``; returns how many."""
    k = 0
    with open(out, "w", encoding="utf-8") as f:
        for line, _ in first_records(path, n, sentences):
            f.write(line)
            k += 1
    return k


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """Milliseconds of a first call of ``fn``, then the median and p95 of ``repeat`` more."""
    t = time.perf_counter()
    fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return first, statistics.median(times), times[int(0.95 * (len(times) - 1))]
