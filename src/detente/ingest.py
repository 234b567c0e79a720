"""Ingest: inputs -> coder -> DuckDB, resumable and idempotent.

A document is identified by its id and the hash of its text. Documents already stored
with the same hash are not coded again; a stored document whose text changed is
re-coded and replaced; a second, different document with an id already used in the
same run is stored as skipped (``duplicate-id``) under ``id~hash``. Results are written
in batches, one transaction each, so ``kill -9`` loses at most the batch in flight and a
re-run completes the job with nothing lost and nothing twice.
"""
from __future__ import annotations

import collections
import gzip
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ._util import chunks
from .coder import Coder
from .read import input_files, read_sources, record_limit, suffix_of
from .records import DocResult, Document, Skip
from .settings import Settings
from .store import Store, text_hash


@dataclass
class IngestReport:
    read: int = 0
    coded: int = 0
    skipped: int = 0
    already: int = 0
    events: int = 0
    sentences: int = 0
    seconds: float = 0.0
    reasons: collections.Counter = field(default_factory=collections.Counter)

    def add(self, result: DocResult) -> None:
        """Count one document's result."""
        if result.skip is not None:
            self.skipped += 1
            self.reasons[result.skip.reason] += 1
        else:
            self.coded += 1
            self.events += len(result.events)
            self.sentences += result.sentences

    def merge(self, other: "IngestReport") -> None:
        """Add the counts of another report (a partition's, coded elsewhere)."""
        for name in ("read", "coded", "skipped", "already", "events", "sentences"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)

    def line(self) -> str:
        why = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items()))
        return (f"read {self.read} documents: coded {self.coded}, skipped {self.skipped}"
                + (f" ({why})" if why else "") + f", already stored {self.already}; "
                f"{self.events} events, {self.sentences} sentences in {self.seconds:.1f} s")


def count_records(files: list[Path]) -> int | None:
    """How many records the inputs hold (for the progress bar's ETA); None when that
    cannot be known without reading an input twice (a pipe) or at all."""
    total = 0
    for f in files:
        if not isinstance(f, Path) or not f.is_file():     # a pipe, or a web address
            return None
        kind = suffix_of(f)
        if kind in (".txt", ".html", ".htm"):
            total += 1
            continue
        opener = gzip.open if f.name.lower().endswith(".gz") else open
        try:
            with opener(f, "rb") as fh:
                ends, last = 0, b"\n"
                while piece := fh.read(1 << 20):       # lines of any length, in bounded memory
                    ends += piece.count(b"\n")
                    last = piece[-1:]
                total += ends + (last != b"\n")
        except (OSError, EOFError, zlib.error):
            return None
        if kind.startswith(".csv"):
            total -= 1
    return total


ENGINES = ("local", "dask")


def ingest(paths, db: str | Path = "detente.duckdb", settings: Settings | None = None,
           processes: int = 1, batch: int = 500, default_date: str | None = None,
           progress: bool | None = None, coder: Coder | None = None, recode: bool = False,
           engine: str = "local", scheduler: str | None = None, client=None,
           parts: str | Path | None = None, keep_parts: bool = False, on_partition=None) -> IngestReport:
    """Code every document of ``paths`` into the database ``db``; returns the account.
    With ``recode``, documents already stored are coded again and replaced (after a
    change of coder or dictionaries).

    ``engine="local"`` codes on ``processes`` processes of this machine; ``engine="dask"``
    codes partitions of ``batch`` documents on a Dask cluster: a new LocalCluster of
    ``processes`` workers, the running one at ``scheduler`` (or the given ``client``),
    through Parquet files under ``parts`` (see :mod:`detente.engine`)."""
    if engine not in ENGINES:
        from .errors import ConfigError
        raise ConfigError(f"engine {engine!r}: use one of {', '.join(ENGINES)}")
    started = time.monotonic()
    settings = settings or (coder.settings if coder is not None else Settings.from_env())
    store = Store(db)
    if engine == "local":
        coder = coder or Coder(settings)
        dicts = coder.dicts
    else:
        from .dictionaries import Dictionaries
        dicts = Dictionaries.load(settings.actors)
    with store.connection() as con:
        store.write_actors(con, dicts)
    files = list(input_files(paths))
    report = IngestReport()
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(total=count_records([f for f, _ in files]), unit="doc", dynamic_ncols=True, file=sys.stderr)

    seen: dict[str, str] = {}                           # id -> text hash, stored by this run

    def to_code() -> Iterator[tuple[Document | Skip, str, str]]:
        """(document or skip, text hash, input name) of what is to be coded, in order."""
        for chunk in chunks(read_sources(files, default_date, record_limit(settings.max_chars)), batch):
            ids = [_id(item) for item, _ in chunk]
            with store.connection() as con:
                stored = {} if recode else store.known(con, ids)
            for item, source in chunk:
                report.read += 1
                digest = text_hash(item.text if isinstance(item, Document) else f"{item.reason}:{item.detail}")
                ident = _id(item)
                if ident in seen and seen[ident] != digest:
                    # a second, different document with an id this run already used
                    ident = f"{ident}~{digest[:8]}"
                    item = Skip(ident, "duplicate-id", "an earlier record has the same id")
                    with store.connection() as con:
                        stored.update(store.known(con, [ident]))
                if stored.get(ident) == digest or seen.get(ident) == digest:
                    seen[ident] = digest
                    report.already += 1
                    if bar is not None:
                        bar.update(1)
                    continue
                seen[ident] = digest
                yield item, digest, source

    if engine == "dask":
        from . import engine as dask_engine

        def stored(part: IngestReport) -> None:
            report.merge(part)
            if bar is not None:
                bar.update(part.coded + part.skipped)
            if on_partition is not None:
                on_partition(part)

        dask_engine.run(to_code(), store, settings, client=client, workers=processes, scheduler=scheduler,
                        partition_size=batch, parts=parts, keep_parts=keep_parts, on_partition=stored)
        if bar is not None:
            bar.close()
        report.seconds = time.monotonic() - started
        return report

    pending: collections.deque = collections.deque()   # (doc or None, digest, input) in coding order

    def items() -> Iterator[Document | Skip]:
        for item, digest, source in to_code():
            pending.append((item if isinstance(item, Document) else None, digest, source))
            yield item

    out: list = []
    tick = time.monotonic()
    for result in coder.pipe(items(), processes=processes):
        doc, digest, source = pending.popleft()
        out.append((doc, result, digest, source))
        report.add(result)
        if bar is not None:
            bar.update(1)
            now = time.monotonic()
            if now - tick > 1:
                elapsed = now - started
                bar.set_postfix_str(f"{report.sentences / elapsed:,.0f} sent/s, {report.events} events")
                tick = now
        if len(out) >= batch:
            _flush(store, out)
    _flush(store, out)
    if bar is not None:
        bar.close()
    report.seconds = time.monotonic() - started
    return report


def _id(item) -> str:
    return item.id if isinstance(item, Document) else item.doc_id


def _flush(store: Store, out: list) -> None:
    if not out:
        return
    with store.connection() as con:
        store.write_batch(con, out)
    out.clear()
