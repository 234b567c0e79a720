"""Latency of relations queries on a detente database.

    python benchmarks/bench_relations.py --db wcep.duckdb [--repeat 30]

For each pair, opens nothing new: one read-only connection, as a server would hold,
and times ``relations()`` (monthly series, de-duplicated events), ``network()`` for a
year, and an event filter. Prints the median and 95th percentile per query.
"""
import argparse

from _common import timed

import detente
from detente.store import connect

PAIRS = [("AFG", "PAK"), ("RUS", "UKR"), ("ISR", "PSE"), ("IND", "PAK"), ("USA", "CHN"), ("USA", "IRN")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    con = connect(args.db, read_only=True)
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"database {args.db}: {n:,} events")
    print(f"{'query':34} {'median ms':>10} {'p95 ms':>8}")
    for a, b in PAIRS:
        _, med, p95 = timed(lambda: detente.relations(args.db, a, b, freq="M", con=con), args.repeat)
        print(f"relations {a}-{b} monthly{'':13} {med:10.1f} {p95:8.1f}")
    _, med, p95 = timed(lambda: detente.network(args.db, start="2022-01-01", end="2022-12-31", con=con), args.repeat)
    print(f"{'network 2022 top 20':34} {med:10.1f} {p95:8.1f}")
    q = ("SELECT * FROM events WHERE starts_with(source, 'RUS') AND starts_with(target, 'UKR') "
         "AND mode = 'asserted' AND date BETWEEN '2022-01-01' AND '2022-12-31' ORDER BY date LIMIT 50")
    _, med, p95 = timed(lambda: con.execute(q).fetchall(), args.repeat)
    print(f"{'events RUS>UKR 2022, page of 50':34} {med:10.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
