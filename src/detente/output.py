"""Writing events: JSON Lines (one event a line) and CSV, with the same fields."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from .records import EVENT_FIELDS, Event


def event_json(e: Event) -> str:
    return json.dumps(e.to_dict(), ensure_ascii=False)


class EventWriter:
    """Writes events to a text stream as ``jsonl`` or ``csv``."""

    def __init__(self, stream: TextIO, fmt: str = "jsonl"):
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"unknown format {fmt!r}")
        self.stream, self.fmt = stream, fmt
        self._csv = None
        if fmt == "csv":
            self._csv = csv.writer(stream)
            self._csv.writerow(EVENT_FIELDS)

    def write(self, events: Iterable[Event]) -> int:
        n = 0
        for e in events:
            if self._csv is not None:
                d = e.to_dict()
                self._csv.writerow(["" if d[k] is None else
                                    (json.dumps(d[k]) if isinstance(d[k], list) else d[k]) for k in EVENT_FIELDS])
            else:
                self.stream.write(event_json(e) + "\n")
            n += 1
        return n
