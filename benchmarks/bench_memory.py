"""Memory: peak RSS of every process of an ingest of about 1k, 10k and 100k sentences.

    python benchmarks/bench_memory.py [--engine local|dask] [--workers 2] [--sizes 1000,10000,100000]

Runs ``detente ingest`` over the first items of the WCEP corpus (short news summaries)
holding about the wanted number of sentences, and samples the resident
memory of the command and every process it starts (coding processes, Dask scheduler,
nanny and workers) every 0.1 s. Prints, per size, the peak RSS of the largest process and
of the command itself. Flat means the peak does not grow with the input.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psutil
from _common import CORPUS, write_first

def peak_rss(cmd: list[str]) -> tuple[int, dict[str, int], float]:
    """Run ``cmd``; its exit status, peak RSS per process (by name and pid) and wall time."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    peaks: dict[str, int] = {}
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in procs:
            try:
                rss = p.memory_info().rss
                label = "command" if p.pid == root.pid else f"child {p.pid}"
                peaks[label] = max(peaks.get(label, 0), rss)
            except psutil.Error:
                pass
        time.sleep(0.1)
    return proc.wait(), peaks, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sizes", default="1000,10000,100000", help="sentences")
    ap.add_argument("--corpus", default=str(CORPUS / "wcep_items.jsonl.gz"))
    args = ap.parse_args()
    exe = str(Path(sys.executable).parent / "detente")
    print(f"engine {args.engine}, {args.workers} worker(s); peak RSS sampled every 0.1 s")
    print(f"{'sentences':>10} {'documents':>10} {'wall s':>7} {'largest process MB':>19} "
          f"{'command MB':>11} {'processes':>9}")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        tmp = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            items = write_first(args.corpus, tmp / "in.jsonl", sentences=size)
            db = tmp / f"{size}.duckdb"
            status, peaks, wall = peak_rss([exe, "ingest", str(tmp / "in.jsonl"), "--db", str(db), "-q",
                                            "--engine", args.engine, "--workers", str(args.workers)])
            if status not in (0, 3):
                sys.exit(f"ingest failed with status {status}")
            with duckdb.connect(str(db), read_only=True) as con:
                sentences = con.execute("SELECT sum(n_sentences) FROM documents").fetchone()[0]
            print(f"{sentences:10d} {items:10d} {wall:7.1f} {max(peaks.values()) / 2**20:19.0f} "
                  f"{peaks['command'] / 2**20:11.0f} {len(peaks):9d}")
            db.unlink()


if __name__ == "__main__":
    main()
