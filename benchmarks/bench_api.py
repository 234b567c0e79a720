"""Load on the REST API: 50 concurrent clients on loopback, p50/p95 latency per endpoint.

    python benchmarks/bench_api.py --db wcep.duckdb [--clients 50] [--requests 1000]

Starts ``detente serve`` on a free loopback port, sends ``--requests`` requests per
endpoint from ``--clients`` concurrent clients (bounded in count and time), prints the
figures and stops the server.
"""
import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

PAIRS = [("AFG", "PAK"), ("RUS", "UKR"), ("ISR", "PSE"), ("IND", "PAK"), ("USA", "CHN"), ("USA", "IRN")]


def endpoints(doc_ids):
    return {
        "GET /api/relations": lambda: ("/api/relations", dict(zip("ab", random.choice(PAIRS)), freq="M")),
        "GET /api/events (pair, page)": lambda: ("/api/events", {**dict(zip("ab", random.choice(PAIRS))),
                                                                 "mode": "asserted", "limit": 50,
                                                                 "offset": random.choice([0, 50, 100])}),
        "GET /api/events (text)": lambda: ("/api/events", {"q": random.choice(["border", "talks", "attack"]),
                                                           "limit": 50}),
        "GET /api/network": lambda: ("/api/network", {"start": "2022-01-01", "end": "2022-12-31", "top": 20}),
        "GET /api/documents/{id}": lambda: (f"/api/documents/{random.choice(doc_ids)}", {}),
        "GET /api/actors": lambda: ("/api/actors", {"q": random.choice(["Ghani", "Putin", "Taliban"])}),
    }


async def run(url, make, clients, total, deadline):
    times, errors = [], 0
    queue = asyncio.Queue()
    for _ in range(total):
        queue.put_nowait(make())

    async def client(http):
        nonlocal errors
        while not queue.empty() and time.monotonic() < deadline:
            path, params = queue.get_nowait()
            t = time.perf_counter()
            r = await http.get(url + path, params=params)
            times.append((time.perf_counter() - t) * 1000)
            errors += r.status_code != 200

    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=clients)) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return times, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=120, help="time limit per endpoint")
    ap.add_argument("--workers", type=int, default=2, help="server processes")
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = str(Path(sys.executable).parent / "detente")
    server = subprocess.Popen([exe, "serve", "--db", args.db, "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(url + "/api/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        docs = [e["doc_id"] for e in httpx.get(url + "/api/events", params={"limit": 500}).json()["events"]]
        print(f"{args.clients} concurrent clients, {args.requests} requests per endpoint, "
              f"server on loopback with {args.workers} worker(s)")
        print(f"{'endpoint':32} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6}")
        for name, make in endpoints(docs).items():
            t0 = time.monotonic()
            times, errors = asyncio.run(run(url, make, args.clients, args.requests, t0 + args.seconds))
            wall = time.monotonic() - t0
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(f"{name:32} {len(times):6d} {statistics.median(times):8.1f} {p95:8.1f} "
                  f"{len(times) / wall:7.0f} {errors:6d}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
