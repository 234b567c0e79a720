"""Cores: the same ingest with the local engine on 1 and 2 processes and the Dask engine
on 1 and 2 workers (a LocalCluster on loopback), side by side in one run.

    python benchmarks/bench_cores.py [--docs 4000] [--repeat 3]

Each run is the real command, ``detente ingest INPUT --db NEW.duckdb ...``, timed from
start to exit (reading, model loading, cluster start, coding, storing). The same command
on a single document gives each configuration's fixed cost (start-up: imports, model
loading, starting processes or a cluster); the rest is the coding phase. Prints the
median wall time of each configuration, sentences/s end to end and in the coding phase,
the speedups of 2 over 1 both ways, and checks that every configuration stored the same
events.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from _common import CORPUS, write_first

CONFIGS = {
    "local, 1 process": ["--engine", "local", "--workers", "1"],
    "local, 2 processes": ["--engine", "local", "--workers", "2"],
    "dask, 1 worker": ["--engine", "dask", "--workers", "1", "--batch", "250"],
    "dask, 2 workers": ["--engine", "dask", "--workers", "2", "--batch", "250"],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default=str(CORPUS / "reuters21578.jsonl.gz"))
    args = ap.parse_args()
    exe = str(Path(sys.executable).parent / "detente")
    with tempfile.TemporaryDirectory(prefix="bench-cores-") as tmp:
        tmp = Path(tmp)
        n = write_first(args.corpus, tmp / "in.jsonl", n=args.docs)
        write_first(args.corpus, tmp / "one.jsonl", n=1)
        times = {name: [] for name in CONFIGS}
        start = {name: [] for name in CONFIGS}
        stored, sentences = {}, None

        def ingest(name, opts, inp, db):
            t = time.perf_counter()
            out = subprocess.run([exe, "ingest", str(inp), "--db", str(db), "-q", *opts], capture_output=True,
                                 text=True)
            if out.returncode not in (0, 3):
                sys.exit(f"{name}: {out.stderr}")
            return time.perf_counter() - t

        for r in range(args.repeat):
            for name, opts in CONFIGS.items():       # interleaved, so drift hits every configuration alike
                db = tmp / f"{r}-{name.replace(' ', '').replace(',', '_')}.duckdb"
                times[name].append(ingest(name, opts, tmp / "in.jsonl", db))
                with duckdb.connect(str(db), read_only=True) as con:
                    stored[name] = con.execute("SELECT count(*), sum(hash(event_id)) FROM events").fetchone()
                    sentences = con.execute("SELECT sum(n_sentences) FROM documents").fetchone()[0]
                db.unlink()
                start[name].append(ingest(name, opts, tmp / "one.jsonl", db))
                db.unlink()
        print(f"{n} Reuters-21578 documents, {sentences} sentences; median of {args.repeat} runs each, "
              "interleaved")
        print(f"{'configuration':22} {'wall s':>7} {'start-up s':>10} {'sent/s':>7} {'coding s':>9} {'sent/s':>7}")
        med = {name: statistics.median(ts) for name, ts in times.items()}
        fixed = {name: statistics.median(ts) for name, ts in start.items()}
        coding = {name: med[name] - fixed[name] for name in CONFIGS}
        for name in CONFIGS:
            print(f"{name:22} {med[name]:7.1f} {fixed[name]:10.1f} {sentences / med[name]:7.0f} "
                  f"{coding[name]:9.1f} {sentences / coding[name]:7.0f}    runs: "
                  f"{', '.join(f'{t:.1f}' for t in times[name])}")
        for what, one, two in (("local 2 vs 1 processes", "local, 1 process", "local, 2 processes"),
                               ("dask 2 vs 1 workers   ", "dask, 1 worker", "dask, 2 workers")):
            print(f"speedup {what}: {med[one] / med[two]:.2f}x end to end, "
                  f"{coding[one] / coding[two]:.2f}x in the coding phase")
        same = len(set(stored.values())) == 1
        print(f"same events in every configuration: {'yes' if same else 'NO'} "
              f"({next(iter(stored.values()))[0]} events)")


if __name__ == "__main__":
    main()
