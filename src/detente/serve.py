"""Stage 7, serve: a REST API over a detente database (FastAPI; ``detente serve``).

The database is opened read-only; every query is parameterised; every parameter is
validated, unknown ones are refused, and every error has one shape::

    {"error": {"status": 422, "message": "limit: must be at most 500"}}

Endpoints (all under ``/api``): ``events`` (filters and pages), ``relations`` (a
pair's series and turning points), ``actors``, ``network``, ``documents/{id}`` (text
and evidence spans) and ``POST code`` (code a text without storing it). The OpenAPI
description is at ``/openapi.json``; the dashboard (``web/static``: relations, evidence,
network, try it; Vega-Lite shipped with the package, no CDN) at ``/``.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import threading
from importlib import resources
from pathlib import Path
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .errors import DetenteError
from .relations import network, relations, turning_points
from .store import connect

MAX_LIMIT = 500
MAX_BODY = 200_000            # bytes of a POST body
MAX_TEXT = 100_000            # characters of a text to code
CODE = r"^[A-Za-z-]{3,12}$"   # an actor code or prefix: AFG, AFGGOV, ---INS


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    date: dt.date | None = None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


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


def create_app(db: str, settings=None) -> FastAPI:
    """The API app for the database file ``db`` (opened read-only)."""
    base = connect(db, read_only=True)
    coder_lock = threading.Lock()
    state: dict = {}

    app = FastAPI(title="detente", version=__version__, docs_url=None, redoc_url=None,
                  description="Political event data: events, relations, actors and evidence.")

    cursor_lock = threading.Lock()

    def con():
        with cursor_lock:     # creating cursors of one connection from many threads is not safe
            cur = base.cursor()
        try:
            yield cur
        finally:
            cur.close()

    answers: dict[str, bytes] = {}    # the database is read-only: a GET answer never changes

    @app.middleware("http")
    async def cached(request: Request, call_next):
        if request.method != "GET" or not request.url.path.startswith("/api/") or request.url.path == "/api/health":
            return await call_next(request)
        key = request.url.path + "?" + "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()))
        body = answers.get(key)
        if body is not None:
            return Response(body, media_type="application/json", headers={"x-cache": "hit"})
        response = await call_next(request)
        if response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        if len(body) < 2_000_000:
            if len(answers) > 4096:
                answers.clear()
            answers[key] = body
        return Response(body, status_code=200, media_type="application/json", headers={"x-cache": "miss"})

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
            return _error(413, f"request body over {MAX_BODY} bytes")
        return await call_next(request)

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
               quad: int | None = Query(None, ge=1, le=4),
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
            params["q"] = q
            where.append("contains(lower(evidence), lower($q))")
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        total = cur.execute(f"SELECT count(*) FROM events {clause}", params).fetchone()[0]
        cur.execute(f"""SELECT event_id::VARCHAR AS event_id, doc_id, sentence, date, source, target, cameo,
                               plover, quad_class, goldstein, mode, trigger, source_text, target_text, evidence,
                               place, place_country
                        FROM events {clause} ORDER BY date DESC NULLS LAST, event_id
                        LIMIT {limit} OFFSET {offset}""", params)
        return {"total": total, "limit": limit, "offset": offset, "events": _rows(cur)}

    @app.get("/api/relations", dependencies=[_allowed("a", "b", "freq", "start", "end")])
    def relations_(a: str = Query(..., pattern=CODE), b: str = Query(..., pattern=CODE),
                   freq: Literal["W", "M", "Q", "Y"] = "M", start: dt.date | None = None,
                   end: dt.date | None = None, cur=Depends(con)):
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

    @app.get("/api/actors", dependencies=[_allowed("q", "limit", "offset")])
    def actors(q: str | None = Query(None, max_length=100), limit: int = Query(50, ge=1, le=MAX_LIMIT),
               offset: int = Query(0, ge=0, le=10_000_000), cur=Depends(con)):
        where = "WHERE contains(lower(name), lower($q)) OR starts_with(code, upper($q))" if q else ""
        cur.execute(f"""SELECT code, name, country, role, kind, start, "end" FROM actors {where}
                        ORDER BY code, name LIMIT {limit} OFFSET {offset}""", {"q": q} if q else {})
        return {"actors": _rows(cur)}

    @app.get("/api/network", dependencies=[_allowed("start", "end", "top", "by", "level")])
    def network_(start: dt.date | None = None, end: dt.date | None = None, top: int = Query(20, ge=1, le=200),
                 by: Literal["volume", "goldstein"] = "volume", level: Literal["country", "actor"] = "country",
                 cur=Depends(con)):
        df = network(db, start=start and start.isoformat(), end=end and end.isoformat(), top=top, by=by,
                     level=level, con=cur)
        return {"dyads": json.loads(df.to_json(orient="records"))}

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
        return {**rows[0], "events": _rows(cur)}

    @app.post("/api/code", dependencies=[_allowed()])
    def code(body: CodeRequest):
        with coder_lock:
            if "coder" not in state:
                from .coder import Coder
                state["coder"] = Coder(settings)
            events = state["coder"].code(body.text, date=body.date.isoformat() if body.date else None,
                                         doc_id="request")
        return {"events": [e.to_dict() for e in events]}

    static = Path(str(resources.files("detente").joinpath("web", "static")))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(static / "index.html")

    @app.get("/api/health", dependencies=[_allowed()])
    def health(cur=Depends(con)):
        n = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
        return {"status": "ok", "documents": n, "version": __version__}

    return app


def _app_from_env() -> FastAPI:
    """The app of a worker process started by ``serve(workers=N)``."""
    import os
    return create_app(os.environ["DETENTE_SERVE_DB"])


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings=None, workers: int = 1) -> None:
    import uvicorn
    if workers > 1:
        import os
        os.environ["DETENTE_SERVE_DB"] = str(db)
        uvicorn.run("detente.serve:_app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")
    else:
        uvicorn.run(create_app(db, settings), host=host, port=port, log_level="warning")
