"""Stage 1, read: turn files into :class:`Document` records (or :class:`Skip` records).

Formats, chosen by suffix: ``.txt`` (one document, id = file stem), ``.html``/``.htm``
(one document, its visible text), ``.jsonl``/``.jsonl.gz`` (one record a line:
``{"id", "text", "date"?, "title"?, "url"?}``), ``.csv``/``.csv.gz`` (columns of
the same names) and folders of these (recursively, in sorted order).

Nothing in a batch is silently dropped: a record that cannot be used becomes a
``Skip`` with a reason, and :func:`check` gives the per-document reasons
(empty, binary, not English, too long) that :class:`detente.coder.Coder` applies.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import html.parser
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .records import Document, Skip

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".csv.gz")

# Function words of English and of the other languages news comes in most often (Latin
# script): a text whose foreign function words outnumber its English ones is not English.
# Headlines and wire briefs use few function words, so English is the default.
_ENGLISH = frozenset("""a an the of to in on at by for from with and or but not no is are was were be been
has have had it its this that these those he she they we you i his her their our as if than then there
which who whom whose what when where while after before about into over under said says will would
can could may should must also up out more most other some any such only just all both""".split())
_FOREIGN = frozenset("""die das und nicht ist ein eine einer mit sich auf für dem den des zu im auch
haben wurde wird sind zum zur über nach bei aus le la les des et est une dans pour pas sur au aux
qui que du ce cette sont avec par il elle ils ont été el los las y es un una por con para como más
pero sus fue ha han se lo le della che il gli delle sono nel alla dei ed os das não uma com em
pelo pela foi são het een en niet zijn voor ook dat bir ve bu ile için yang ini itu
dengan untuk tidak och att det som för på är av""".split()) - _ENGLISH
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for s in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return path.suffix.lower()


def read_paths(paths, default_date: str | None = None) -> Iterator[Document | Skip]:
    """Yield documents (and skips) from files and folders, in order."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and suffix_of(f) in SUFFIXES)
            for f in files:
                yield from read_path(f, default_date)
        else:
            yield from read_path(p, default_date)


def read_path(path, default_date: str | None = None) -> Iterator[Document | Skip]:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    kind = suffix_of(path)
    if kind == ".txt":
        yield _single(path, path.read_bytes(), default_date, html_text=False)
    elif kind in (".html", ".htm"):
        yield _single(path, path.read_bytes(), default_date, html_text=True)
    elif kind in (".jsonl", ".jsonl.gz", ".ndjson"):
        yield from _jsonl(path, default_date)
    elif kind in (".csv", ".csv.gz"):
        yield from _csv(path, default_date)
    else:
        raise InputError(f"{path}: unknown input format {kind or '(no suffix)'!r}; "
                         f"use one of {', '.join(SUFFIXES)} or a folder of them")


def _open_bytes(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _single(path: Path, raw: bytes, default_date, html_text: bool) -> Document | Skip:
    doc_id = path.stem
    if b"\x00" in raw[:65536]:
        return Skip(doc_id, "binary", f"{path.name}: NUL bytes, not a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return Skip(doc_id, "not-utf8", f"{path.name}: byte {e.start} is not UTF-8")
    date = default_date
    if html_text:
        text, meta_date = html_to_text(text)
        date = meta_date or date
    return Document(doc_id, text, date)


def _jsonl(path: Path, default_date) -> Iterator[Document | Skip]:
    try:
        with _open_bytes(path) as f:
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                where = f"{path.name}:{n}"
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    yield Skip(where, "not-utf8", f"{where}: byte {e.start} is not UTF-8")
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    yield Skip(where, "bad-record", f"{where}: not JSON ({e.msg})")
                    continue
                yield record_to_document(rec, where, default_date)
    except (OSError, EOFError) as e:  # truncated gzip, unreadable file
        yield Skip(path.name, "bad-record", f"{path.name}: {e}")


def _csv(path: Path, default_date) -> Iterator[Document | Skip]:
    with _open_bytes(path) as fb:
        raw = fb.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Skip(path.name, "not-utf8", f"{path.name}: byte {e.start} is not UTF-8")
        return
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise InputError(f"{path}: a CSV input needs a header row with a 'text' column "
                         f"(and optionally id, date, title, url); found {reader.fieldnames}")
    for n, row in enumerate(reader, 2):
        where = f"{path.name}:{n}"
        if None in row:  # more cells than header columns
            yield Skip(where, "bad-record", f"{where}: {len(reader.fieldnames) + len(row[None])} cells "
                                            f"for {len(reader.fieldnames)} columns")
            continue
        yield record_to_document(row, where, default_date)


def record_to_document(rec, where: str, default_date=None) -> Document | Skip:
    """Validate one JSON/CSV record; a missing id becomes ``where`` (file:line)."""
    if not isinstance(rec, dict):
        return Skip(where, "bad-record", f"{where}: a record must be a JSON object")
    doc_id = rec.get("id")
    doc_id = where if doc_id in (None, "") else str(doc_id)
    text = rec.get("text")
    if not isinstance(text, str):
        return Skip(doc_id, "bad-record", f"{where}: no 'text' string")
    date = rec.get("date") or default_date
    if date is not None:
        norm = normalise_date(date)
        if norm is None:
            return Skip(doc_id, "bad-record", f"{where}: date {date!r} is not YYYY-MM-DD")
        date = norm
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    return Document(doc_id, text, date, title or None, url or None)


def normalise_date(value) -> str | None:
    s = str(value).strip()[:10]
    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None


def check(doc: Document, max_chars: int) -> Skip | None:
    """The reason this document cannot be coded, or None."""
    text = doc.text
    if not text or not text.strip():
        return Skip(doc.id, "empty", "no text")
    if "\x00" in text[:65536] or _control_share(text[:65536]) > 0.05:
        return Skip(doc.id, "binary", "control characters: not text")
    if len(text) > max_chars:
        return Skip(doc.id, "too-long", f"{len(text):,} characters > limit {max_chars:,} "
                                        "(raise it with --max-chars or DETENTE_MAX_CHARS)")
    why = not_english(text[:20000])
    if why:
        return Skip(doc.id, "not-english", why)
    return None


def not_english(text: str) -> str | None:
    """Why ``text`` is not English (its script, or its function words), or None."""
    words = _WORD.findall(text)
    if not words:
        return "no words"
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for ch in w if ch < "\u0250")
    if latin / letters < 0.5:
        return "not in Latin script"
    lower = [w.lower() for w in words]
    english = sum(1 for w in lower if w in _ENGLISH)
    foreign = sum(1 for w in lower if w in _FOREIGN)
    if foreign >= 3 and foreign > 2 * english:
        return f"{foreign} foreign and {english} English function words"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\n\r\t\f\v") or "\x7f" <= ch < "\xa0" or ch == "\ufffd")
    return bad / len(text)


class _TextExtractor(html.parser.HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
              "article", "header", "footer", "blockquote", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth_skip = 0
        self.date: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.depth_skip += 1
        if tag == "meta":
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "date", "pubdate", "datepublished", "dc.date") and a.get("content"):
                self.date = self.date or normalise_date(a["content"])
        if tag == "time" and self.date is None:
            self.date = normalise_date(dict(attrs).get("datetime") or "")
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.depth_skip:
            self.depth_skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.depth_skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (paragraphs kept apart) and its published date."""
    p = _TextExtractor()
    p.feed(markup)
    p.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(p.parts))
    text = re.sub(r" *\n[\n ]*\n *", "\n\n", text).strip()
    return text, p.date
