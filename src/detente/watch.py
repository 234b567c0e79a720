"""Watch: keep a database current by ingesting the same inputs (feeds, pages, files) in
rounds (``detente watch``).

Each round is one :func:`detente.ingest.ingest` of the inputs: what is stored already (same
id, same text) is not coded again, so a round codes only new entries. A round that fails
as a whole (a database locked too long by another writer, an input folder gone) is
reported and tried again next round; a feed that is down or returns garbage is a skip of
that round, recorded in ``documents`` and retried next round. Stopping at any point (Ctrl-C,
SIGTERM) loses at most the batch being written, which was not committed: the next run
codes it.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import threading
import time

from .errors import ConfigError, DetenteError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds of an interval written as ``900``, ``30s``, ``15m``, ``2h`` or ``1d``."""
    m = _DURATION.match(text or "")
    if not m:
        raise ConfigError(f"--every {text[:40]!r}: give seconds or a number with s, m, h or d (15m)")
    seconds = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if seconds <= 0:
        raise ConfigError(f"--every {text[:40]!r}: must be more than 0")
    return seconds


def watch(inputs, db, every: float, *, once: bool = False, rounds: int | None = None, coder=None,
          settings=None, processes: int = 1, batch: int = 500, default_date: str | None = None,
          stream=sys.stderr, stop: threading.Event | None = None) -> int:
    """Ingest ``inputs`` into ``db`` every ``every`` seconds (rounds start on that beat; a
    round that overruns is followed at once by the next) until ``stop`` is set, after
    ``rounds`` rounds, or after one with ``once``. Prints one line per round to
    ``stream``; returns the number of rounds run."""
    from .coder import Coder
    from .ingest import ingest
    coder = coder or Coder(settings)
    stop = stop or threading.Event()
    n = 0
    while not stop.is_set():
        n += 1
        started = time.monotonic()
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        try:
            report = ingest(inputs, db, coder=coder, processes=processes, batch=batch, default_date=default_date,
                            progress=False)
            line = f"round {n} at {stamp}: {report.line()}"
        except DetenteError as e:
            line = f"round {n} at {stamp}: failed ({e}); trying again next round"
        print(line, file=stream, flush=True)
        if once or (rounds is not None and n >= rounds):
            break
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    return n
