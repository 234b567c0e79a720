"""Stage 7, serve: a REST API over a detente database (FastAPI; ``detente serve``).

The server answers from a read-only snapshot of the database that follows the file
(:mod:`detente.snapshot`), so ingest and watch can write to it meanwhile; every query is
parameterised; every parameter is validated, unknown ones are refused, and every error
has one shape::

    {"error": {"status": 422, "message": "limit: must be at most 500"}}

Endpoints (all under ``/api``): ``events`` (filters and pages), ``relations`` (a
pair's series and turning points), ``actors``, ``network``, ``documents/{id}`` (text
and evidence spans) and ``POST code`` (code a text without storing it). The OpenAPI
description is at ``/openapi.json``; the dashboard (``web/static``: relations, evidence,
network, try it; Vega-Lite shipped with the package, no CDN) at ``/``.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import math
import re
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from ._util import one_line
from .errors import DetenteError
from .http import BODY_TIMEOUT, HEADER_TIMEOUT, MAX_HEADER
from .records import Document, DocResult
from .relations import busiest_pairs, network, relations, turning_points
from .snapshot import REFRESH, Snapshot

MAX_LIMIT = 500
MAX_BODY = 200_000            # bytes of a POST body
MAX_TEXT = 100_000            # characters of a text to code
CODE_QUEUE = 8                # coding requests that may wait for the coding thread
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"))
API_CSP = b"default-src 'none'; frame-ancestors 'none'"
# The dashboard loads everything from this server. Vega compiles its expressions with
# Function() ('unsafe-eval'; app.js could embed with {ast: true}, Vega's interpreter, to do
# without); vega-embed and its tooltip add one <style> element each, allowed by their hashes.
DASHBOARD_CSP = (b"default-src 'none'; script-src 'self' 'unsafe-eval'; "
                 b"style-src 'self' 'sha256-9uoGUaZm3j6W7+Fh2wfvjI8P7zXcclRw5tVUu3qKZa0=' "
                 b"'sha256-MmUum7+PiN7Rz79EUMm0OmUFWjCx6NZ97rdjoIbTnAg='; connect-src 'self'; "
                 b"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
CODE = r"^[A-Za-z-]{3,12}$"   # an actor code or prefix: AFG, AFGGOV, ---INS


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    date: dt.date | None = None


def _error(status: int, message: str) -> Response:
    return Response(_error_body(status, message), status_code=status, media_type="application/json")


def _allowed(*names: str):
    """A dependency refusing query parameters the endpoint does not know."""
    known = set(names)

    def check(request: Request):
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise HTTPException(400, f"unknown parameter(s): {', '.join(unknown)}; "
                                     f"this endpoint takes {', '.join(sorted(known)) or 'none'}")
    return Depends(check)


def _clean(value):
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _rows(cur) -> list[dict]:
    names = [c[0] for c in cur.description]
    return [{k: _clean(v) for k, v in zip(names, row)} for row in cur.fetchall()]


def _json(obj) -> Response:
    return Response(json.dumps(obj, separators=(",", ":")).encode(), media_type="application/json")


class Guard:
    """The outermost (pure ASGI) layer: refuses oversized bodies (counted as they arrive),
    answers HEAD as GET without the body, adds the security headers to every response, and
    answers repeated GETs of ``/api/`` from memory. A snapshot of the database never
    changes, so neither does an answer until the next snapshot (:meth:`clear` is called
    then); one request computes a missing answer while identical ones wait for it. The
    answers kept are bounded in number and in bytes."""

    def __init__(self, app, max_entries: int = 4096, max_answer: int = 2_000_000,
                 max_bytes: int = 256_000_000):
        self.app = app
        self.max_entries, self.max_answer, self.max_bytes = max_entries, max_answer, max_bytes
        self.answers: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0                                   # bytes held in answers
        self.lock = threading.Lock()                    # warm-up stores from its own thread
        self.pending: dict[str, asyncio.Event] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope["path"]
        send = _secured(send, DASHBOARD_CSP if path == "/" or path.startswith("/static/") else API_CSP)
        if scope["method"] == "HEAD":                   # answered as a GET without its body
            scope, send = {**scope, "method": "GET"}, _headless(send)
        has_body = False
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > MAX_BODY):
                return await _send(send, 413, _error_body(413, f"request body over {MAX_BODY} bytes"), close=True)
            has_body = has_body or name == b"transfer-encoding" or (name == b"content-length" and int(value) > 0)
        if has_body:
            receive = await _read_body(receive, send)
            if receive is None:
                return
        if scope["method"] != "GET" or not path.startswith("/api/") or path == "/api/health":
            return await self.app(scope, receive, send)
        key = self.key(path, parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        while key in self.pending:                      # the same request is being answered
            await self.pending[key].wait()
        body = self.lookup(key)
        if body is not None:
            return await _send(send, 200, body, b"hit")
        done = self.pending[key] = asyncio.Event()
        status, parts = 0, []

        async def capture(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if status == 200:
                    message = {**message, "headers": [*message.get("headers", []), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and status == 200:
                parts.append(message.get("body", b""))
            await send(message)
        try:
            await self.app(scope, receive, capture)
            body = b"".join(parts)
            if status == 200 and len(body) <= self.max_answer:
                self.store(key, body)
        finally:
            del self.pending[key]
            done.set()

    @staticmethod
    def key(path: str, query) -> str:
        """The same key for the same parameters in any order."""
        return path + "?" + urlencode(sorted(query))

    def lookup(self, key: str) -> bytes | None:
        with self.lock:
            body = self.answers.get(key)
            if body is not None:
                self.answers.move_to_end(key)
            return body

    def store(self, key: str, body: bytes) -> None:
        """Keep ``body``, forgetting the least recently used answers beyond
        ``max_entries`` answers or ``max_bytes`` bytes."""
        if len(body) > self.max_bytes:
            return
        with self.lock:
            old = self.answers.pop(key, None)
            self.size += len(body) - (len(old) if old is not None else 0)
            self.answers[key] = body
            while len(self.answers) > self.max_entries or self.size > self.max_bytes:
                self.size -= len(self.answers.popitem(last=False)[1])

    def clear(self) -> None:
        """Forget every answer (when the served database changes)."""
        with self.lock:
            self.answers.clear()
            self.size = 0


def _error_body(status: int, message: str) -> bytes:
    return json.dumps({"error": {"status": status, "message": message}}).encode()


async def _send(send, status: int, body: bytes, cache: bytes | None = None, close: bool = False) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if cache:
        headers.append((b"x-cache", cache))
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive, send):
    """Read the request body counting its bytes as they come, whatever its framing (a
    chunked body has no length to check up front), and answer 413 as soon as it passes
    ``MAX_BODY``. Returns a ``receive`` replaying the body to the app, or None when the
    request was refused or the client left."""
    parts, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return None
        part = message.get("body", b"")
        size += len(part)
        if size > MAX_BODY:
            await _send(send, 413, _error_body(413, f"request body over {MAX_BODY} bytes"), close=True)
            return None
        parts.append(part)
        more = message.get("more_body", False)
    body = b"".join(parts)

    async def replay():
        nonlocal body
        if body is None:
            return await receive()
        message, body = {"type": "http.request", "body": body, "more_body": False}, None
        return message
    return replay


def _secured(send, csp: bytes):
    """``send`` adding the security headers to the response."""
    async def secured(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", ()), *SECURITY_HEADERS,
                                              (b"content-security-policy", csp)]}
        await send(message)
    return secured


def _headless(send):
    """``send`` dropping the response body (a HEAD request)."""
    async def headless(message):
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)
    return headless


def create_app(db: str, settings=None, warm: int = 0, refresh: float = REFRESH):
    """The API app for the database file ``db``, wrapped in its :class:`Guard`. It answers
    from a copy of ``db``, copied again when the file changed, looked at every ``refresh``
    seconds (see :mod:`detente.snapshot`), so that ``detente ingest`` can write to ``db``
    meanwhile. ``warm``: compute the relations of this many of the busiest country pairs in
    the background at start-up and after each new copy, so their first requests are
    answered from memory."""
    state: dict = {"warm": warm == 0}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        snapshot.close()

    app = FastAPI(title="detente", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political event data: events, relations, actors and evidence.")

    async def answer(scope, receive, send):
        """The app. An answer computed while a new copy was swapped in may be the old copy's,
        and the Guard keeps it as soon as this returns: all answers are forgotten just after."""
        generation = snapshot.generation
        await app(scope, receive, send)
        if scope["type"] == "http" and snapshot.generation != generation:
            asyncio.get_running_loop().call_soon(guard.clear)

    def refreshed():
        guard.clear()
        if warm:
            state["warm"] = False
            threading.Thread(target=warm_up, args=(refresh,), name="detente-warm-up", daemon=True).start()

    guard = Guard(answer)
    snapshot = Snapshot(db, refresh=refresh, on_change=refreshed)

    def con():
        with snapshot.cursor() as cur:
            yield cur

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc):
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request, exc):
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return _error(422, "; ".join(parts))

    @app.exception_handler(DetenteError)
    async def detente_error(request, exc):
        return _error(400, str(exc))

    async def unreadable(request, exc):      # the copy served failed (disk, memory, damage), not the query
        return _error(503, "the database cannot be read now; try again later")
    for failure in (duckdb.OperationalError, duckdb.InternalError):
        app.add_exception_handler(failure, unreadable)

    @app.exception_handler(Exception)
    async def unexpected(request, exc):      # never a stack trace to the client
        return _error(500, "internal error")

    @app.get("/api/events", dependencies=[_allowed("a", "b", "actor", "direction", "start", "end", "root",
                                                   "plover", "quad", "mode", "place", "q", "limit", "offset")])
    def events(a: str | None = Query(None, pattern=CODE), b: str | None = Query(None, pattern=CODE),
               actor: str | None = Query(None, pattern=CODE),
               direction: Literal["both", "ab", "ba"] = "both",
               start: dt.date | None = None, end: dt.date | None = None,
               root: str | None = Query(None, pattern=r"^\d{2}$"),
               plover: str | None = Query(None, pattern=r"^[A-Za-z]{3,12}$"),
               quad: int | None = Query(None, ge=0, le=4),
               mode: Literal["asserted", "negated", "hypothetical"] | None = None,
               place: str | None = Query(None, max_length=100), q: str | None = Query(None, max_length=200),
               limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000),
               cur=Depends(con)):
        where, params = [], {}
        if a and b:
            params.update(a=a.upper(), b=b.upper())
            ab = "(starts_with(source, $a) AND starts_with(target, $b))"
            ba = "(starts_with(source, $b) AND starts_with(target, $a))"
            where.append({"ab": ab, "ba": ba}.get(direction, f"({ab} OR {ba})"))
        elif a or b:
            raise HTTPException(422, "a and b: give both for a pair, or use actor")
        if actor:
            params["actor"] = actor.upper()
            where.append("(starts_with(source, $actor) OR starts_with(target, $actor))")
        for name, sql, value in (("start", "date >= $start", start), ("end", "date <= $end", end),
                                 ("root", "cameo_root = $root", root), ("quad", "quad_class = $quad", quad),
                                 ("mode", "mode = $mode", mode)):
            if value is not None:
                params[name] = value
                where.append(sql)
        if plover:
            params["plover"] = plover.upper()
            where.append("plover = $plover")
        if place:
            params["place"] = place
            where.append("lower(place) = lower($place)")
        if q:
            # case-insensitive, the words taken literally; ILIKE compares without lower-casing
            # every sentence first (a regular expression is faster for common words, 3x slower
            # for rare ones); tested only on the rows the other filters keep
            params["q"] = "%" + re.sub(r"([\\%_])", r"\\\1", q) + "%"
            text = "evidence ILIKE $q ESCAPE '\\'"
            where.append(f"CASE WHEN {' AND '.join(where)} THEN {text} ELSE false END" if where else text)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        # One pass over the matching rows gives the total and the page: the number of rows
        # per date places the page on a few dates, and only their rows are sorted, however
        # deep the offset; the page's columns are then read by rowid (the snapshot does
        # not change under a query). A text search thus reads each evidence sentence once.
        # Within a date the order is that of event_id as text, as it has always been.
        total, page = cur.execute(f"""
            WITH m AS {"MATERIALIZED " if where else ""}(SELECT rowid AS r, date, event_id FROM events {clause}),
                 per_date AS (SELECT date, count(*) AS n FROM m GROUP BY date),
                 spans AS (SELECT date, n, sum(n) OVER (ORDER BY date DESC NULLS LAST ROWS UNBOUNDED PRECEDING) - n
                                  AS before FROM per_date),
                 dates AS (SELECT date, before FROM spans WHERE before < {offset + limit} AND before + n > {offset})
            SELECT (SELECT coalesce(sum(n), 0) FROM per_date),
                   (SELECT list(r) FROM (
                        SELECT m.r, min(dates.before) OVER ()
                                    + row_number() OVER (ORDER BY m.date DESC NULLS LAST, m.event_id::VARCHAR) - 1 AS pos
                        FROM m JOIN dates ON m.date IS NOT DISTINCT FROM dates.date)
                    WHERE pos >= {offset} AND pos < {offset + limit})""", params).fetchone()
        cur.execute("""SELECT event_id::VARCHAR AS event_id, doc_id, sentence, date, source, target, cameo,
                              plover, quad_class, goldstein, mode, trigger, source_text, target_text, evidence,
                              place, place_country
                       FROM events WHERE rowid IN (SELECT unnest($page::BIGINT[]))
                       ORDER BY date DESC NULLS LAST, event_id""", {"page": page or []})
        return _json({"total": total, "limit": limit, "offset": offset, "events": _rows(cur)})

    def relations_answer(a: str, b: str, freq: str, start, end, cur) -> dict:
        df = relations(db, a, b, freq=freq, start=start and start.isoformat(), end=end and end.isoformat(), con=cur)
        tps = turning_points(db, a, b, freq=freq, series=df, con=cur) if start is None and end is None else []
        series = json.loads(df.reset_index().to_json(orient="records", date_format="iso"))
        for row in series:
            row["period"] = row["period"][:10]
        return {"a": a.upper(), "b": b.upper(), "freq": freq, "series": series,
                "turning_points": [{"period": f"{t.period:%Y-%m-%d}", "direction": t.direction,
                                    "before": t.before, "after": t.after,
                                    "events": json.loads(t.events.assign(event_id=t.events.event_id.astype(str))
                                                         .to_json(orient="records", date_format="iso"))}
                                   for t in tps]}

    @app.get("/api/relations", dependencies=[_allowed("a", "b", "freq", "start", "end")])
    def relations_(a: str = Query(..., pattern=CODE), b: str = Query(..., pattern=CODE),
                   freq: Literal["W", "M", "Q", "Y"] = "M", start: dt.date | None = None,
                   end: dt.date | None = None, cur=Depends(con)):
        return _json(relations_answer(a, b, freq, start, end, cur))

    @app.get("/api/actors", dependencies=[_allowed("q", "limit", "offset")])
    def actors(q: str | None = Query(None, max_length=100), limit: int = Query(50, ge=1, le=MAX_LIMIT),
               offset: int = Query(0, ge=0, le=10_000_000), cur=Depends(con)):
        where = "WHERE contains(lower(name), lower($q)) OR starts_with(code, upper($q))" if q else ""
        cur.execute(f"""SELECT code, name, country, role, kind, start, "end" FROM actors {where}
                        ORDER BY code, name LIMIT {limit} OFFSET {offset}""", {"q": q} if q else {})
        return _json({"actors": _rows(cur)})

    @app.get("/api/network", dependencies=[_allowed("start", "end", "top", "by", "level")])
    def network_(start: dt.date | None = None, end: dt.date | None = None, top: int = Query(20, ge=1, le=200),
                 by: Literal["volume", "goldstein"] = "volume", level: Literal["country", "actor"] = "country",
                 cur=Depends(con)):
        df = network(db, start=start and start.isoformat(), end=end and end.isoformat(), top=top, by=by,
                     level=level, con=cur)
        return _json({"dyads": json.loads(df.to_json(orient="records"))})

    @app.get("/api/documents/{doc_id}", dependencies=[_allowed()])
    def document(doc_id: str, cur=Depends(con)):
        if len(doc_id) > 500:
            raise HTTPException(422, "doc_id: too long")
        cur.execute("SELECT doc_id, date, title, url, status, reason, text FROM documents WHERE doc_id = $id",
                    {"id": doc_id})
        rows = _rows(cur)
        if not rows:
            raise HTTPException(404, f"no document {doc_id!r}")
        cur.execute("""SELECT event_id::VARCHAR AS event_id, sentence, start, "end", source, target, cameo,
                              plover, quad_class, mode, date, trigger_start, trigger_end, source_start,
                              source_end, target_start, target_end, trigger, source_text, target_text
                       FROM events WHERE doc_id = $id ORDER BY start, trigger_start""", {"id": doc_id})
        return _json({**rows[0], "events": _rows(cur)})

    # Texts are coded one at a time on a thread of their own, so that reads, on the
    # threadpool, never wait behind them; at most CODE_QUEUE more wait for their turn.
    coding = ThreadPoolExecutor(1, thread_name_prefix="detente-code")
    coding_slots = asyncio.Semaphore(1 + CODE_QUEUE)

    def code_text(body: CodeRequest) -> DocResult:
        if "coder" not in state:
            from .coder import Coder
            state["coder"] = Coder(settings)
        return state["coder"].code_document(Document("request", body.text, body.date and body.date.isoformat()))

    @app.post("/api/code", dependencies=[_allowed()])
    async def code(body: CodeRequest):
        if coding_slots.locked():
            busy = _error(503, f"busy: {1 + CODE_QUEUE} texts are being coded or waiting; try again shortly")
            busy.headers["retry-after"] = "2"
            return busy
        async with coding_slots:
            try:
                result = await asyncio.get_running_loop().run_in_executor(coding, code_text, body)
            except Exception as exc:       # a text the coder fails on is the text's problem, not a 500
                return _error(422, f"the coder failed on this text: {exc or type(exc).__name__}")
        if result.skip is None:
            return {"events": [e.to_dict() for e in result.events]}
        if result.skip.reason == "coder-error":
            return _error(422, f"the coder failed on this text: {result.skip.detail}")
        return {"events": [], "skipped": {"reason": result.skip.reason, "detail": result.skip.detail}}

    static = Path(str(resources.files("detente").joinpath("web", "static")))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(static / "index.html")

    @app.get("/api/health", dependencies=[_allowed()])
    def health(cur=Depends(con)):
        """503 when the database cannot be read, though the last good copy is still served."""
        error = snapshot.error
        if error is None:
            try:
                n = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
            except duckdb.Error as e:
                error = f"{db}: cannot read the copy served ({one_line(str(e), 200)})"
        if error is not None:
            return Response(json.dumps({"status": "error", "error": error}).encode(), status_code=503,
                            media_type="application/json")
        return {"status": "ok", "documents": n, "version": __version__, "warm": state["warm"]}

    def warm_up(delay: float = 0):
        """Answer ``/api/relations?a=X&b=Y`` for the busiest country pairs ahead of time. A
        newer copy swapped in meanwhile ends it (its answers may differ) and forgets what it
        stored, perhaps after the swap's own clearing. After ``delay`` seconds: while an
        ingest writes, a new copy comes every few seconds, and warming up each is wasted."""
        generation = snapshot.generation
        time.sleep(delay)
        if snapshot.generation != generation:
            return
        try:
            with snapshot.cursor() as cur:
                for x, y in busiest_pairs(cur, warm):
                    for a, b in ((x, y), (y, x)):
                        body = json.dumps(relations_answer(a, b, "M", None, None, cur),
                                          separators=(",", ":")).encode()
                        for query in ({"a": a, "b": b}, {"a": a, "b": b, "freq": "M"}):
                            guard.store(guard.key("/api/relations", query.items()), body)
                        if snapshot.generation != generation:
                            guard.clear()
                            return
        except duckdb.Error:                 # the copy cannot be read: answered on request, or not
            pass
        finally:
            if snapshot.generation == generation:
                state["warm"] = True

    if warm:
        threading.Thread(target=warm_up, name="detente-warm-up", daemon=True).start()
    return guard


def _app_from_env():
    """The app of a worker process started by ``serve(workers=N)``."""
    import os
    return create_app(os.environ["DETENTE_SERVE_DB"], warm=int(os.environ.get("DETENTE_SERVE_WARM", "0")),
                      refresh=float(os.environ.get("DETENTE_SERVE_REFRESH", REFRESH)))


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings=None, workers: int = 1,
          warm: int = 30, header_timeout: float = HEADER_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
          max_header: int = MAX_HEADER, refresh: float = REFRESH) -> None:
    """Serve ``db`` with uvicorn; ``workers`` processes (each with its own copy of ``db``,
    looked at every ``refresh`` seconds); ``warm``: busy pairs answered ahead. A
    client has ``header_timeout`` seconds for a request header of at most ``max_header``
    bytes, then ``body_timeout`` seconds for its body (see :mod:`detente.http`)."""
    import uvicorn

    from .http import GuardedHttpTools, put_env
    common = dict(host=host, port=port, log_level="warning", ws="none")      # no websockets here
    if workers > 1:
        import os
        os.environ["DETENTE_SERVE_DB"] = str(db)
        os.environ["DETENTE_SERVE_WARM"] = str(warm)
        os.environ["DETENTE_SERVE_REFRESH"] = str(refresh)
        put_env(header_timeout, body_timeout, max_header)
        uvicorn.run("detente.serve:_app_from_env", factory=True, workers=workers, http="detente.http:from_env",
                    **common)
    else:
        uvicorn.run(create_app(db, settings, warm=warm, refresh=refresh),
                    http=GuardedHttpTools.limited(header_timeout, body_timeout, max_header), **common)
