"""Cores: the same ingest with the local engine on 1 and 2 processes and the Dask engine
on 1 and 2 workers (a LocalCluster on loopback), side by side in one run.

    python benchmarks/bench_cores.py [--docs 2000] [--repeat 3]

Each run is the real command, ``detente ingest INPUT --db NEW.duckdb ...``, timed from
start to exit (reading, model loading, cluster start, coding, storing). Prints the median
wall time of each configuration, sentences/s and the speedup of 2 over 1, and checks that
every configuration stored the same events.
"""
import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reuters21578.jsonl.gz"
CONFIGS = {
    "local, 1 process": ["--engine", "local", "--workers", "1"],
    "local, 2 processes": ["--engine", "local", "--workers", "2"],
    "dask, 1 worker": ["--engine", "dask", "--workers", "1", "--batch", "100"],
    "dask, 2 workers": ["--engine", "dask", "--workers", "2", "--batch", "100"],
}


def sample(corpus: str, n: int, path: Path) -> int:
    with gzip.open(corpus, "rt", encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        k = 0
        for line in f:
            if json.loads(line).get("text", "").strip():
                out.write(line)
                k += 1
                if k == n:
                    break
    return k


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    exe = str(Path(sys.executable).parent / "detente")
    with tempfile.TemporaryDirectory(prefix="bench-cores-") as tmp:
        tmp = Path(tmp)
        n = sample(args.corpus, args.docs, tmp / "in.jsonl")
        times = {name: [] for name in CONFIGS}
        stored, sentences = {}, None
        for r in range(args.repeat):
            for name, opts in CONFIGS.items():       # interleaved, so drift hits every configuration alike
                db = tmp / f"{r}-{len(times[name])}-{name.replace(' ', '').replace(',', '_')}.duckdb"
                t = time.perf_counter()
                out = subprocess.run([exe, "ingest", str(tmp / "in.jsonl"), "--db", str(db), "-q", *opts],
                                     capture_output=True, text=True)
                times[name].append(time.perf_counter() - t)
                if out.returncode not in (0, 3):
                    sys.exit(f"{name}: {out.stderr}")
                with duckdb.connect(str(db), read_only=True) as con:
                    stored[name] = con.execute("SELECT count(*), sum(hash(event_id)) FROM events").fetchone()
                    sentences = con.execute("SELECT sum(n_sentences) FROM documents").fetchone()[0]
                db.unlink()
        print(f"{n} Reuters-21578 documents, {sentences} sentences; median of {args.repeat} runs each, "
              "interleaved")
        print(f"{'configuration':22} {'wall s':>8} {'sentences/s':>12}")
        med = {name: statistics.median(ts) for name, ts in times.items()}
        for name, m in med.items():
            print(f"{name:22} {m:8.1f} {sentences / m:12.0f}    runs: {', '.join(f'{t:.1f}' for t in times[name])}")
        print(f"speedup local 2 vs 1 processes: {med['local, 1 process'] / med['local, 2 processes']:.2f}x")
        print(f"speedup dask 2 vs 1 workers:    {med['dask, 1 worker'] / med['dask, 2 workers']:.2f}x")
        same = len(set(stored.values())) == 1
        print(f"same events in every configuration: {'yes' if same else 'NO'} "
              f"({next(iter(stored.values()))[0]} events)")


if __name__ == "__main__":
    main()
