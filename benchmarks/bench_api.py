"""Load on the REST API: 50 concurrent clients on loopback, p50/p95 latency per endpoint.

    python benchmarks/bench_api.py --db wcep.duckdb [--clients 50] [--seconds 15] [--workers 2]

Starts ``detente serve`` on a free loopback port and drives it with wrk (Debian package
``wrk``: a load generator in C, so the clients cost little of the 2 cores the server
shares with them): for each endpoint, ``--clients`` open connections each sending its
next request as soon as the last is answered, for ``--seconds``, over a mix of URLs
(many pairs, pages, documents and search words; the first request of each URL is a
cache miss and is counted). Prints the figures and stops the server.
"""
import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from detente.relations import busiest_pairs
from detente.store import connect

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.2f %.2f %.2f %.2f %d\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.duration))
end
"""


def mixes(url: str, pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The URLs each endpoint is asked for."""
    docs = [e["doc_id"] for e in httpx.get(url + "/api/events", params={"limit": 500}, timeout=60).json()["events"]]
    rnd = random.Random(7)
    q = lambda path, **p: path + "?" + urlencode(p) if p else path   # noqa: E731
    return {
        "GET /api/relations": [q("/api/relations", a=a, b=b) for a, b in pairs for a, b in ((a, b), (b, a))],
        "GET /api/events (pair, page)": [q("/api/events", a=a, b=b, mode="asserted", limit=50, offset=o)
                                         for a, b in pairs for o in (0, 50, 100)],
        "GET /api/events (filters)": [q("/api/events", a=a, b=b, start=f"{y}-01-01", end=f"{y}-12-31", quad=k)
                                      for a, b in pairs[:10] for y in (2015, 2022) for k in (1, 4)],
        "GET /api/events (text)": [q("/api/events", q=w, limit=50) for w in
                                   ("border", "talks", "attack", "sanctions", "ceasefire", "election", "aid",
                                    "protest", "treaty", "missile")],
        "GET /api/network": [q("/api/network", start=f"{y}-01-01", end=f"{y}-12-31", top=20)
                             for y in range(2010, 2026)],
        "GET /api/documents/{id}": [q(f"/api/documents/{d}") for d in rnd.sample(docs, min(300, len(docs)))],
        "GET /api/actors": [q("/api/actors", q=w) for w in ("Ghani", "Putin", "Taliban", "Modi", "Hamas",
                                                              "Zelensky", "NATO", "Khan", "Erdogan", "Biden")],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=15, help="duration per endpoint")
    ap.add_argument("--workers", type=int, default=2, help="server processes")
    ap.add_argument("--pairs", type=int, default=20, help="busiest country pairs asked for")
    ap.add_argument("--warm", type=int, default=30, help="the server's --warm")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench_api: needs wrk (apt-get install wrk)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = str(Path(sys.executable).parent / "detente")
    server = subprocess.Popen([exe, "serve", "--db", args.db, "--port", str(port), "--workers", str(args.workers),
                               "--warm", str(args.warm)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp(prefix="bench-api-"))
    try:
        t0 = time.monotonic()
        while True:       # every worker warm (health is not cached; each asks its own process)
            try:
                if all(httpx.get(url + "/api/health", timeout=5).json().get("warm") for _ in range(8)):
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() - t0 > 300:
                sys.exit("bench_api: the server did not start")
            time.sleep(0.5)
        print(f"server up and warm in {time.monotonic() - t0:.1f} s")
        with connect(args.db, read_only=True) as con:
            pairs = busiest_pairs(con, args.pairs)
        (tmp / "bench.lua").write_text(LUA)
        print(f"wrk: {args.clients} connections, {args.seconds} s per endpoint, server on loopback with "
              f"{args.workers} worker(s); {len(pairs)} busiest country pairs")
        print(f"{'endpoint':30} {'URLs':>5} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
              f"{'max ms':>7} {'req/s':>6} {'errors':>6}")
        for name, paths in mixes(url, pairs).items():
            (tmp / "paths.txt").write_text("\n".join(paths) + "\n")
            out = subprocess.run(["wrk", "-t2", f"-c{args.clients}", f"-d{args.seconds}s", "--timeout", "30s",
                                  "-s", str(tmp / "bench.lua"), url],
                                 env={**os.environ, "BENCH_PATHS": str(tmp / "paths.txt")},
                                 capture_output=True, text=True, check=True).stdout
            m = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out)
            n, status, sock, p50, p95, p99, mx, micros = m.groups()
            print(f"{name:30} {len(paths):5d} {int(n):8d} {float(p50):7.1f} {float(p95):7.1f} {float(p99):7.1f} "
                  f"{float(mx):7.1f} {int(n) / (int(micros) / 1e6):6.0f} {int(status) + int(sock):6d}")
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
