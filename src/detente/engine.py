"""Scale out: code partitions of the input on a Dask cluster (``detente ingest --engine dask``).

The local engine codes on this machine's cores (``Coder.pipe(processes=N)``). The Dask
engine gives the same results on one machine or many:

1. the client reads the inputs and decides what to code, as the local engine does
   (documents already stored are left out, id clashes become ``duplicate-id`` skips),
   and cuts the rest into partitions of ``partition_size`` documents;
2. each partition is a Dask task: the worker loads the coder once (per process), codes
   the partition and writes its ``documents`` and ``events`` rows as two Parquet files
   under ``parts`` (written under a temporary name, then renamed, so a killed task leaves
   no half file and a retried one rewrites the same bytes);
3. the client loads each finished partition into the DuckDB file in one transaction
   (a re-coded document replaces its old rows), and deletes its files unless asked to
   keep them (``keep_parts``: a Parquet dataset DuckDB can query in place).

A worker that dies mid-task costs only that task: the scheduler runs it again elsewhere.
An interrupted client loses at most the partitions not yet loaded; a re-run codes them.
Partitions hold whole documents and a document's events depend only on its own text and
date, so the events are the same whatever the number of workers or partitions.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from ._util import chunks, clip
from .errors import ConfigError
from .ingest import IngestReport
from .records import Document, Skip
from .settings import Settings
from .store import Store, migrate, write_results

Item = tuple[Document | Skip, str, str]     # (document or unreadable record, text hash, input name)

_CODERS: dict = {}

# Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes glibc's
# mmap threshold: the parser's arrays are then mapped and unmapped on every allocation, and
# coding is about 15% slower. Unset, glibc adapts both thresholds as usual.
WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


def _coder(settings: Settings):
    """The coder of this worker process, loaded on its first task."""
    coder = _CODERS.get(settings)
    if coder is None:
        from .coder import Coder
        coder = _CODERS[settings] = Coder(settings)
    return coder


def _load_coder(settings: Settings) -> bool:
    _coder(settings)
    return True


def code_partition(part: int, items: list[Item], parts: str, settings: Settings) -> tuple[int, IngestReport]:
    """Code one partition and write its rows to ``parts/{documents,events}/part-NNNNNN.parquet``.
    Returns the partition's number and account."""
    import duckdb
    results = list(_coder(settings)._pipe_local([item for item, _, _ in items]))
    con = duckdb.connect()                       # the same schema and row code as the local engine
    try:
        migrate(con)
        write_results(con, [(item if isinstance(item, Document) else None, result, digest, source)
                            for (item, digest, source), result in zip(items, results)])
        for table in ("documents", "events"):
            final = Path(parts) / table / f"part-{part:06d}.parquet"
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
            con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_path(tmp)}' (FORMAT parquet)")
            os.replace(tmp, final)
    finally:
        con.close()
    account = IngestReport()
    for result in results:
        account.add(result)
    return part, account


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


SCHEDULER_TIMEOUT = "10s"      # to reach a running scheduler


def client_for(workers: int | None = None, scheduler: str | None = None):
    """A Dask client: joined to ``scheduler`` (``tcp://HOST:PORT``), or to a new
    LocalCluster of ``workers`` worker processes (one thread each) on loopback."""
    import dask
    from dask.distributed import Client, LocalCluster
    if scheduler:
        try:
            return Client(scheduler, timeout=SCHEDULER_TIMEOUT), None
        except (OSError, TimeoutError, ValueError) as e:
            raise ConfigError(f"--scheduler {clip(scheduler, 100)}: cannot join the cluster "
                              f"({clip(str(e) or type(e).__name__, 150)})") from None
    with dask.config.set(WORKER_CONFIG):
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
    return Client(cluster), cluster


def run(items: Iterable[Item], store: Store, settings: Settings, *, client=None, workers: int | None = None,
        scheduler: str | None = None, partition_size: int = 500, parts: str | Path | None = None,
        keep_parts: bool = False, on_partition: Callable[[IngestReport], None] | None = None) -> None:
    """Code ``items`` on Dask and load the results into ``store``; ``on_partition`` is
    called with each partition's account once it is stored."""
    from dask.distributed import as_completed
    own = client is None
    cluster = None
    if own:
        client, cluster = client_for(workers, scheduler)
    folder = Path(parts) if parts else Path(tempfile.mkdtemp(prefix=".detente-parts-", dir=Path(store.path).parent))
    try:
        workers_now = list(client.scheduler_info().get("workers", {}))
        n_workers = max(1, len(workers_now))
        # every worker loads the coder at once, before the first partition is cut
        client.gather([client.submit(_load_coder, settings, workers=[w], allow_other_workers=True, pure=False,
                                     key=f"detente-load-{uuid.uuid4().hex}")
                       for w in workers_now])
        window = 2 * n_workers + 2                   # partitions in flight: bounded memory on the client
        running = as_completed()
        for part, batch in enumerate(chunks(items, partition_size)):
            running.add(client.submit(code_partition, part, batch, str(folder), settings, pure=False,
                                      key=f"detente-part-{part}-{uuid.uuid4().hex[:8]}"))
            if running.count() >= window:
                _load(next(running), store, folder, keep_parts, on_partition)
        for future in running:
            _load(future, store, folder, keep_parts, on_partition)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
        if not parts and not keep_parts:
            shutil.rmtree(folder, ignore_errors=True)


def _load(future, store: Store, folder: Path, keep: bool, on_partition) -> None:
    part, account = future.result()
    future.release()
    name = f"part-{part:06d}.parquet"
    docs, events = folder / "documents" / name, folder / "events" / name
    with store.connection() as con:
        store.load_parquet(con, str(docs), str(events))
    if not keep:
        docs.unlink(missing_ok=True)
        events.unlink(missing_ok=True)
    if on_partition is not None:
        on_partition(account)
