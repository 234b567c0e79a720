"""Stage 5, store: coded documents and events in an embedded DuckDB file.

Schema (version 2; ``schema_migrations`` records what was applied):

``documents``  one row per input document: ``status`` is ``coded`` or ``skipped`` (with
               ``reason`` and ``detail``); ``text_hash`` identifies the text, so a re-run
               skips what is stored and re-codes a document whose text changed;
               ``encoding`` the bytes were decoded from, a page's ``site`` and ``language``
               (version 2).
``events``     every field of :class:`detente.records.Event`, flattened (spans become
               ``*_start``/``*_end``), plus ``event_id``, ``cameo_root`` and the two
               actors' countries.
``actors``     the actor dictionary entries the coder used: code, name, country, role,
               kind and validity dates.
``events_dedup`` (view) the same real event reported by several documents (same source,
               target, CAMEO root, event date, place and mode) as one row with its
               ``mentions``, ``documents`` and the ``event_ids`` of all its evidence.

All writes go through :meth:`Store.write_batch`, one transaction per batch, so an
interrupted run leaves whole documents or none. DuckDB allows one writing process per
file: the ingester opens the file for each batch and closes it in between, so other
processes can open it read-only (:func:`connect` retries while it is locked).
"""
from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

from ._util import clip
from .errors import InputError
from .records import DocResult, Document, Event

SCHEMA_VERSION = 2
_HEADERS = 3 * 4096                    # a DuckDB file's headers, before its first block
_ONE_AT_A_TIME = threading.Lock()      # see Store.connection

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "documents, events, actors, events_dedup", [
        """CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            text_hash VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            reason VARCHAR,
            detail VARCHAR,
            date DATE,
            title VARCHAR,
            url VARCHAR,
            input VARCHAR,
            n_sentences INTEGER,
            n_events INTEGER,
            text VARCHAR,
            coder VARCHAR,
            ingested_at TIMESTAMP DEFAULT current_timestamp)""",
        """CREATE TABLE events (
            event_id BIGINT PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            sentence INTEGER, start INTEGER, "end" INTEGER,
            source VARCHAR, target VARCHAR, source_country VARCHAR, target_country VARCHAR,
            cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, quad_class TINYINT, goldstein DOUBLE,
            mode VARCHAR, date DATE, date_source VARCHAR, date_text VARCHAR,
            trigger VARCHAR, source_text VARCHAR, target_text VARCHAR,
            trigger_start INTEGER, trigger_end INTEGER, source_start INTEGER, source_end INTEGER,
            target_start INTEGER, target_end INTEGER,
            evidence VARCHAR, place VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
            coder VARCHAR)""",
        "CREATE INDEX events_doc ON events (doc_id)",
        """CREATE TABLE actors (
            code VARCHAR, name VARCHAR, country VARCHAR, role VARCHAR, kind VARCHAR,
            start DATE, "end" DATE)""",
        """CREATE VIEW events_dedup AS
            SELECT min(event_id) AS event_id, source, target, source_country, target_country,
                   cameo_root, min(cameo) AS cameo, any_value(plover) AS plover,
                   any_value(quad_class) AS quad_class, avg(goldstein) AS goldstein, mode, date,
                   place, any_value(place_country) AS place_country,
                   count(*) AS mentions, count(DISTINCT doc_id) AS documents,
                   list(event_id ORDER BY event_id) AS event_ids
            FROM events
            GROUP BY source, target, source_country, target_country, cameo_root, mode, date, place""",
    ]),
    (2, "documents: encoding, site, language", [
        "ALTER TABLE documents ADD COLUMN encoding VARCHAR",
        "ALTER TABLE documents ADD COLUMN site VARCHAR",
        "ALTER TABLE documents ADD COLUMN language VARCHAR",
    ]),
]

EVENT_COLUMNS = (
    "event_id", "doc_id", "sentence", "start", "end", "source", "target", "source_country",
    "target_country", "cameo", "cameo_root", "plover", "quad_class", "goldstein", "mode", "date",
    "date_source", "date_text", "trigger", "source_text", "target_text", "trigger_start",
    "trigger_end", "source_start", "source_end", "target_start", "target_end", "evidence",
    "place", "place_country", "lat", "lon", "coder")
DOC_COLUMNS = ("doc_id", "text_hash", "status", "reason", "detail", "date", "title", "url", "input",
               "n_sentences", "n_events", "text", "coder", "encoding", "site", "language")


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def event_id(doc_id: str, ordinal: int) -> int:
    """A stable id: the same document coded anywhere gives the same ids."""
    h = hashlib.blake2b(f"{doc_id}\x00{ordinal}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(h, "big", signed=True)


class Locked(InputError):
    """Another process holds the database (DuckDB allows one writer and, meanwhile, no reader)."""


def connect(path: str | Path, read_only: bool = False, wait: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the database, waiting up to ``wait`` seconds while another process writes
    (then :class:`Locked`). Read-only, it must be a whole detente database; any file that
    cannot be opened (damaged, truncated, not DuckDB, no folder) is an :class:`InputError`
    of one line."""
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise InputError(f"{path}: no such database; build one with `detente ingest`")
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.Error as e:
            if "lock" not in str(e).lower():
                raise InputError(f"{path}: cannot open the database ({_one_line(e)})") from None
            if time.monotonic() >= deadline:
                raise Locked(f"{path}: cannot open the database ({_one_line(e)})") from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    if read_only and path != ":memory:":
        try:
            check_schema(con, path)
        except Exception:
            con.close()
            raise
    return con


def check_schema(con, path) -> None:
    """An :class:`InputError` unless ``con`` holds a detente database this version reads."""
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        have = con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] \
            if "schema_migrations" in tables else None
    except duckdb.Error as e:
        raise InputError(f"{path}: cannot read the database ({_one_line(e)})") from None
    if have is None or not {"documents", "events", "actors"} <= tables:
        raise InputError(f"{path}: not a detente database (no detente tables); build one with `detente ingest`")
    if have > SCHEMA_VERSION:
        raise InputError(f"{path}: database schema version {have} is newer than this detente "
                         f"({SCHEMA_VERSION}); upgrade detente")
    check_whole(con, path)


def check_whole(con, path) -> None:
    """An :class:`InputError` if the file is too short to hold the blocks in use: a truncated
    database opens, and fails only on reading the missing blocks (or on writing). (Free
    blocks at the end may be cut off, and are.)"""
    try:
        size, blocks = con.execute("SELECT block_size, used_blocks FROM pragma_database_size() "
                                   "WHERE database_name = current_database()").fetchone()
        have = Path(path).stat().st_size
    except (duckdb.Error, OSError) as e:
        raise InputError(f"{path}: cannot read the database ({_one_line(e)})") from None
    need = _HEADERS + size * blocks
    if have < need:
        raise InputError(f"{path}: the database is truncated ({have:,} bytes of {need:,})")


def _one_line(e: Exception) -> str:
    """An error's message on one line, clipped as every echoed message is."""
    return clip(" ".join(str(e).split()))


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`; returns the version found before.
    A database with tables of its own but no ``schema_migrations`` is someone else's: it is
    refused rather than given detente's tables."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if tables and "schema_migrations" not in tables:
        raise InputError(f"not a detente database (it has other tables: {', '.join(sorted(tables)[:5])}); "
                         "use a new file for detente")
    con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)""")
    have = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]
    if have > SCHEMA_VERSION:
        raise InputError(f"database schema version {have} is newer than this detente ({SCHEMA_VERSION}); "
                         "upgrade detente")
    for version, description, statements in MIGRATIONS:
        if version <= have:
            continue
        con.execute("BEGIN TRANSACTION")
        for sql in statements:
            con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version, description) VALUES (?, ?)", [version, description])
        con.execute("COMMIT")
    return have


class Store:
    """The one write path into a detente database (and a few reads the ingester needs)."""

    def __init__(self, path: str | Path = "detente.duckdb"):
        self.path = str(path)
        with self.connection() as con:
            check_whole(con, self.path)
            try:
                migrate(con)
            except InputError as e:
                raise InputError(f"{self.path}: {e}") from None
            except duckdb.Error as e:
                raise InputError(f"{self.path}: cannot use the database ({_one_line(e)})") from None

    @contextlib.contextmanager
    def connection(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, closed after it. One at a time in this
        process: DuckDB's cache of open databases is not safe for connections opened and
        closed by two threads at once (the local engine's feeder thread looks up stored
        documents while the main thread writes a batch; the writes then failed now and
        then with "python_arrow_scan does not exist")."""
        with _ONE_AT_A_TIME:
            con = connect(self.path, read_only=read_only)
            try:
                yield con
            finally:
                con.close()

    def known(self, con, ids: list[str]) -> dict[str, str]:
        """doc_id -> text_hash of the given ids that are stored for good: coded, or skipped
        for what the input is. Documents skipped for a setting (too long, not English) or
        because the coder failed on them are tried again."""
        if not ids:
            return {}
        rows = con.execute("""SELECT doc_id, text_hash FROM documents WHERE doc_id IN (SELECT unnest(?))
                              AND (status = 'coded' OR reason NOT IN ('too-long', 'not-english', 'coder-error'))""",
                           [ids]).fetchall()
        return dict(rows)

    def write_batch(self, con, items: Iterable[tuple[Document | None, DocResult, str, str]]) -> tuple[int, int]:
        """Store documents and their events in one transaction (see :func:`write_results`)."""
        return write_results(con, items)

    def load_parquet(self, con, documents: str, events: str) -> tuple[int, int]:
        """Load one partition written by another process (``documents`` and ``events``:
        Parquet files of those tables' rows) in one transaction; a stored document with
        the same id is replaced. Returns (documents, events)."""
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE TEMP TABLE part_docs AS SELECT * FROM read_parquet($p)", {"p": documents})
            con.execute("DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM part_docs)")
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM part_docs)")
            n_docs = con.execute("INSERT INTO documents SELECT * FROM part_docs").fetchone()[0]
            n_events = con.execute("INSERT INTO events SELECT * FROM read_parquet($p)", {"p": events}).fetchone()[0]
            con.execute("DROP TABLE part_docs")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return n_docs, n_events

    def write_actors(self, con, dicts) -> None:
        """Replace the ``actors`` table with the dictionary entries in use."""
        rows = set()
        for entries in dicts.phrases.values():
            for e in entries:
                code = e.code
                role = code[3:] if len(code) > 3 else ""
                rows.add((code, e.name, e.country, role, e.kind, e.start, e.end))
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM actors")
        _insert(con, "actors", ("code", "name", "country", "role", "kind", "start", "end"), sorted(rows, key=str))
        con.execute("COMMIT")


def write_results(con, items: Iterable[tuple[Document | None, DocResult, str, str]]) -> tuple[int, int]:
    """Store documents and their events in one transaction. Each item is
    (document or None for an unreadable record, result, text hash, input name).
    A stored document whose text changed is replaced. Returns (documents, events)."""
    docs, events, replaced = [], [], []
    for doc, result, digest, source in items:
        skip = result.skip
        docs.append((
            result.doc_id, digest, "skipped" if skip else "coded",
            skip.reason if skip else None, skip.detail if skip else (doc.note if doc else None),
            doc.date if doc else None, doc.title if doc else None, doc.url if doc else None, source,
            result.sentences, len(result.events),
            doc.text if doc is not None and (skip is None or skip.reason not in ("too-long", "binary")) else None,
            result.events[0].coder if result.events else None,
            doc.encoding if doc else None, doc.site if doc else None, doc.language if doc else None))
        replaced.append(result.doc_id)
        for k, e in enumerate(result.events):
            events.append(_event_row(e, k))
    con.execute("BEGIN TRANSACTION")
    try:
        if replaced:
            con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [replaced])
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [replaced])
        _insert(con, "documents", DOC_COLUMNS, docs)
        _insert(con, "events", EVENT_COLUMNS, events)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(docs), len(events)


def _insert(con, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows column-wise through Arrow (row-by-row ``executemany`` is far slower);
    DuckDB casts each column to the table's type."""
    if not rows:
        return
    import pyarrow as pa
    arrays = [pa.array(col) for col in zip(*rows)]
    con.register("detente_batch", pa.table(arrays, names=[f"c{k}" for k in range(len(columns))]))
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT * FROM detente_batch")
    finally:
        con.unregister("detente_batch")


def _event_row(e: Event, ordinal: int) -> tuple:
    ts, ss, tt = e.trigger_span, e.source_span, e.target_span
    return (event_id(e.doc_id, ordinal), e.doc_id, e.sentence, e.start, e.end, e.source, e.target,
            e.source[:3] or None, e.target[:3] or None, e.cameo, e.cameo[:2], e.plover, e.quad_class,
            e.goldstein, e.mode, e.date, e.date_source, e.date_text, e.trigger, e.source_text,
            e.target_text, ts[0], ts[1], ss[0] if ss else None, ss[1] if ss else None,
            tt[0] if tt else None, tt[1] if tt else None, e.evidence, e.place or None,
            e.place_country or None, e.lat, e.lon, e.coder)


def row_to_event(row: dict) -> Event:
    """An ``events`` row (as a dict) back to the Event the coder produced."""
    def span(a, b):
        return None if row.get(a) is None else (row[a], row[b])
    date = row.get("date")
    return Event(
        doc_id=row["doc_id"], sentence=row["sentence"], start=row["start"], end=row["end"],
        source=row["source"] or "", target=row["target"] or "", cameo=row["cameo"], plover=row["plover"] or "",
        quad_class=int(row["quad_class"]), goldstein=float(row["goldstein"]), mode=row["mode"],
        date=date.isoformat() if hasattr(date, "isoformat") else date, date_source=row["date_source"],
        trigger=row["trigger"], source_text=row["source_text"] or "", target_text=row["target_text"] or "",
        trigger_span=(row["trigger_start"], row["trigger_end"]),
        source_span=span("source_start", "source_end"), target_span=span("target_start", "target_end"),
        date_text=row["date_text"] or "", evidence=row["evidence"] or "", place=row["place"] or "",
        place_country=row["place_country"] or "", lat=row["lat"], lon=row["lon"], coder=row["coder"])
