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

import codecs
import csv
import dataclasses
import datetime as dt
import gzip
import io
import json
import os
import re
import select
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from ._util import clip
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


def record_limit(max_chars: int) -> int:
    """Bytes a record, line or file may take before it is skipped unread as too long:
    room for ``max_chars`` characters of UTF-8 (at most 4 bytes each) and its markup."""
    return 4 * max_chars + 65_536


READ_LIMIT = record_limit(2_000_000)    # as Settings.max_chars's default
FIFO_WAIT = 10.0                        # seconds a named pipe may stay silent before it is skipped


def input_files(paths) -> Iterator[tuple[Path | str, str]]:
    """Each input file with its name: the path relative to the folder given (or the file
    name, for a file given as such), which makes the ids of records without one unique.
    A web address (``http://``, ``https://``) is passed on as itself, to be fetched."""
    from .fetch import is_url
    for p in paths:
        if is_url(p):
            yield p, p
            continue
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if not f.is_dir() and suffix_of(f) in SUFFIXES)
            for f in found:
                yield f, f.relative_to(p).as_posix()
        elif os.path.lexists(p):
            yield p, p.name
        else:
            raise InputError(f"{clip(str(p))}: no such file or folder")


def read_paths(paths, default_date: str | None = None, limit: int = READ_LIMIT,
               fifo_wait: float = FIFO_WAIT) -> Iterator[Document | Skip]:
    """Yield documents (and skips) from files, folders and web addresses (pages, feeds,
    sitemaps: :mod:`detente.fetch`), in order. Links may reach any host named among them."""
    for item, _ in read_sources(list(input_files(paths)), default_date, limit, fifo_wait):
        yield item


def read_sources(files, default_date: str | None = None, limit: int = READ_LIMIT,
                 fifo_wait: float = FIFO_WAIT) -> Iterator[tuple[Document | Skip, str]]:
    """Each record of ``files`` (as :func:`input_files` gives them) with where it came
    from: the full path of its file, or the web address given (a page, feed or sitemap)."""
    from itertools import groupby

    from .fetch import hosts_of, read_inputs
    allow = hosts_of(f for f, _ in files)
    for web, group in groupby(files, key=lambda f: isinstance(f[0], str)):
        if web:             # consecutive addresses are fetched together, several at once
            for url, item in read_inputs([url for url, _ in group], default_date, limit, allow_hosts=allow):
                yield item, url
            continue
        for f, name in group:
            where = repair(os.path.abspath(f))[0]
            for item in read_path(f, default_date, name=name, limit=limit, fifo_wait=fifo_wait):
                yield item, where


def read_path(path, default_date: str | None = None, name: str | None = None, limit: int = READ_LIMIT,
              fifo_wait: float = FIFO_WAIT) -> Iterator[Document | Skip]:
    """The documents of one file, read as a stream: no record, line or file over ``limit``
    bytes is held whole (it is skipped as ``too-long``), a truncated archive keeps what came
    before the damage, and a file that cannot be opened is one skip. ``name`` names the file
    in ids and messages (default: its file name)."""
    path = Path(path)
    name = repair(name or path.name)[0]
    if not os.path.lexists(path):
        raise InputError(f"{clip(str(path))}: no such file or folder")
    kind = suffix_of(path)
    if kind not in SUFFIXES:
        raise InputError(f"{clip(str(path))}: unknown input format {clip(kind) or '(no suffix)'!r}; "
                         f"use one of {', '.join(SUFFIXES)} or a folder of them")
    single = kind in (".txt", ".html", ".htm")
    file_id = name[:-len(kind)] if single and name.lower().endswith(kind) else name
    try:
        stream = _open(path, fifo_wait)
    except _Unreadable as e:
        yield Skip(file_id, e.reason, f"{name}: {e.detail}")
        return
    with stream:
        if single:
            yield _single(file_id, name, stream, default_date, kind != ".txt", limit)
            return
        json_lines = kind in (".jsonl", ".jsonl.gz", ".ndjson")
        try:           # JSON is UTF-8 unless a byte-order mark says UTF-16 or 32 (RFC 8259)
            encoding = sniff_encoding(stream.peek(65536)[:65536], "utf-8" if json_lines else None)
        except _BROKEN as e:
            yield Skip(name, "truncated", f"{name}: {_broken(e)}")
            return
        if encoding is None:
            yield Skip(name, "binary", f"{name}: not text in any encoding")
            return
        lines = stream if encoding == "utf-8" else _Recoded(stream, encoding)
        if json_lines:
            yield from _jsonl(name, lines, default_date, limit, encoding)
        else:
            yield from _csv(name, lines, default_date, limit, encoding)


class _Unreadable(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def _open(path: Path, fifo_wait: float):
    """A binary stream of the file (inflated if .gz). A named pipe is read once a writer
    sends something; one that stays silent for ``fifo_wait`` seconds, a device or a socket
    is not read."""
    try:
        st = os.stat(path)
        if stat.S_ISFIFO(st.st_mode):
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            poll = select.poll()
            poll.register(fd, select.POLLIN)
            if not poll.poll(int(fifo_wait * 1000)):
                os.close(fd)
                raise _Unreadable("no-writer", f"a named pipe with nothing written to it for {fifo_wait:g} s")
            os.set_blocking(fd, True)
            raw = os.fdopen(fd, "rb")
        elif not stat.S_ISREG(st.st_mode):
            raise _Unreadable("not-a-file", "a device or socket, not a file")
        else:
            raw = open(path, "rb")
    except OSError as e:
        raise _Unreadable("unreadable", e.strerror or str(e)) from None
    if path.name.lower().endswith(".gz"):
        return _Inflated(raw)
    return raw


class _Inflated(gzip.GzipFile):
    """A gzip stream that closes the file under it too."""

    def __init__(self, raw):
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self):
        try:
            super().close()
        finally:
            self._raw.close()


_BROKEN = (EOFError, OSError, zlib.error)     # a truncated or damaged archive, a failing disk


def _broken(e: Exception) -> str:
    return f"the file breaks off or is damaged here ({clip(str(e)) or type(e).__name__})"


def _lines(stream, limit: int) -> Iterator[tuple[int, bytes | None, tuple | None]]:
    """(line number, line, problem) for each line; the problem is None, ("too-long", why,
    1 if the line holds an odd number of double quotes) for a line over ``limit`` bytes
    (read past in pieces, never held whole; the line given is its first 4 kB) or
    ("truncated", why) for a stream that breaks off (the last item, with no line)."""
    n = 0
    while True:
        n += 1
        try:
            raw = stream.readline(limit + 1)
            if not raw:
                return
            if len(raw) > limit and not raw.endswith(b"\n"):
                size, quotes = len(raw), raw.count(b'"')
                while True:
                    piece = stream.readline(1 << 20)
                    size += len(piece)
                    quotes += piece.count(b'"')
                    if not piece or piece.endswith(b"\n"):
                        break
                yield n, raw[:4096], ("too-long", f"a line of {size:,} bytes > limit {limit:,}", quotes % 2)
                continue
        except _BROKEN as e:
            yield n, None, ("truncated", _broken(e) + "; the lines before it were read")
            return
        yield n, raw, None


def _single(doc_id: str, name: str, stream, default_date, html_text: bool, limit: int) -> Document | Skip:
    try:
        raw = stream.read(limit + 1)
    except _BROKEN as e:
        return Skip(doc_id, "unreadable", f"{name}: {clip(str(e))}")
    if html_text:
        return page_to_document(doc_id, raw, default_date=default_date, limit=limit, name=name)
    if len(raw) > limit:
        return Skip(doc_id, "too-long", f"{name}: over {limit:,} bytes (raise --max-chars to read it)")
    decoded = decode(raw)
    if isinstance(decoded, str):
        return Skip(doc_id, decoded, f"{name}: " + ("NUL bytes, not a text file" if decoded == "binary"
                                                      else "not text in any encoding"))
    text, encoding = decoded
    return Document(doc_id, text, default_date, encoding=encoding)


def _jsonl(name: str, stream, default_date, limit: int, encoding: str = "utf-8") -> Iterator[Document | Skip]:
    for n, raw, problem in _lines(stream, limit):
        where = f"{name}:{n}"
        if problem:
            yield Skip(_leading_id(raw) or where, problem[0], f"{where}: {problem[1]}")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Skip(where, "not-utf8", f"{where}: byte {e.start} is not UTF-8")
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            why = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield Skip(where, "bad-record", f"{where}: not JSON ({why})")
            continue
        yield record_to_document(rec, where, default_date, encoding)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def _codec(name) -> str | None:
    """Python's name for an encoding label, or None if there is no such codec."""
    try:
        return codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError, TypeError):
        return None


def sniff_encoding(head: bytes, declared: str | None = None, html: bool = False) -> str | None:
    """The encoding of a text that starts with ``head``, by its byte-order mark, the charset
    a server ``declared``, an HTML ``<meta charset>``, UTF-8 if it is valid, then detection
    (charset-normalizer); None for what is no text at all (NUL bytes that are not UTF-16).
    A declared or meta charset the bytes do not decode in is passed over."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if b"\x00" in head:
        half = max(1, len(head) // 2)
        even, odd = head[0::2].count(0) / half, head[1::2].count(0) / half
        if odd > 0.4 and even < 0.05:
            return "utf-16-le"
        if even > 0.4 and odd < 0.05:
            return "utf-16-be"
        return None
    candidates = [declared]
    if html:
        m = _META_CHARSET.search(head[:4096])
        candidates.append(m.group(1) if m else None)
    for name in (_codec(c) for c in candidates if c):
        if name and (_decodes(head, name) or declared == "utf-8" == name):
            return name
    if _decodes(head, "utf-8"):
        return "utf-8"
    import charset_normalizer
    matches = list(charset_normalizer.from_bytes(head))
    if not matches:
        return None
    # a short text fits several Latin code pages equally well; where Windows-1252 is one
    # of the best (as the web's legacy default), it is the likeliest
    least = min(m.percent_chaos for m in matches)
    if any("cp1252" in m.could_be_from_charset for m in matches if m.percent_chaos <= least + 0.5):
        return "cp1252"
    return _codec(matches[0].encoding)


def _decodes(head: bytes, encoding: str) -> bool:
    """Whether ``head`` decodes, allowing a character cut off at its end."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def decode(raw: bytes, declared: str | None = None, html: bool = False) -> tuple[str, str] | str:
    """(text, encoding) of a whole file or body, or the skip reason: ``binary`` (NUL bytes
    that are no UTF-16) or ``undecodable``."""
    encoding = sniff_encoding(raw[:65536], declared, html)
    if encoding is None:
        return "binary" if b"\x00" in raw[:65536] else "undecodable"
    try:
        return raw.decode(encoding), encoding.replace("utf-8-sig", "utf-8")
    except UnicodeDecodeError:
        if encoding in ("utf-8", "utf-8-sig"):          # valid at the head only: detect on the whole
            fallback = sniff_encoding(raw[-65536:], None)
            if fallback and fallback != "utf-8":
                try:
                    return raw.decode(fallback), fallback
                except UnicodeDecodeError:
                    pass
        return "undecodable"


class _Recoded:
    """A line-by-line stream of another encoding, given as UTF-8 (what the readers parse).
    Lines are bounded in characters, as the byte stream is bounded in bytes."""

    def __init__(self, stream, encoding: str):
        self.text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")

    def readline(self, size: int = -1) -> bytes:
        return self.text.readline(size).encode("utf-8", "surrogatepass")


_LEADING_ID = re.compile(rb'\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){1,500}"|-?\d{1,30})\s*[,}]')


def _leading_id(head: bytes | None) -> str | None:
    """The id of a JSON record too long to parse, when it is the record's first key."""
    m = _LEADING_ID.match(head or b"")
    if not m:
        return None
    try:
        return repair(str(json.loads(m.group(1))))[0]
    except ValueError:
        return None


class _BadLine(Exception):
    def __init__(self, line: int, reason: str, detail: str, odd_quotes: int = 0):
        super().__init__(detail)
        self.line, self.reason, self.detail, self.odd_quotes = line, reason, detail, odd_quotes


class _CsvFeed:
    """The decoded lines of a CSV stream for :mod:`csv`: a line that is too long, not
    UTF-8 or cut off raises :class:`_BadLine`, and the next call goes on after it."""

    def __init__(self, stream, limit: int):
        self.lines = _lines(stream, limit)
        self.line = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        n, raw, problem = next(self.lines)
        self.line = n
        if problem:
            raise _BadLine(n, *problem)
        try:
            return raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as e:
            raise _BadLine(n, "not-utf8", f"byte {e.start} is not UTF-8", raw.count(b'"') % 2) from None

    def close_quote(self) -> _BadLine | None:
        """Read past the rest of a quoted field whose start was skipped: up to the line
        that closes it (an odd number of quotes; quotes inside a field come in pairs).
        Returns the break in the file met on the way, if any."""
        for n, raw, problem in self.lines:
            self.line = n
            if problem and problem[0] == "truncated":
                return _BadLine(n, *problem)
            if (problem[2] if problem else raw.count(b'"') % 2):
                return None
        return None


def _csv(name: str, stream, default_date, limit: int, encoding: str = "utf-8") -> Iterator[Document | Skip]:
    feed = _CsvFeed(stream, limit)
    csv.field_size_limit(limit)
    reader = csv.reader(feed)
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except (_BadLine, csv.Error) as e:
        yield Skip(name, "bad-record", f"{name}: the header row cannot be read ({clip(str(e))})")
        return
    header = [h.strip().lower() for h in header]
    if "text" not in header:
        yield Skip(name, "bad-record", f"{name}: a CSV input needs a header row with a 'text' column "
                                       f"(and optionally id, date, title, url); found {clip(repr(header))}")
        return
    while True:
        first = feed.line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except _BadLine as e:
            where = f"{name}:{first}"
            yield Skip(where, e.reason, f"{name}:{e.line}: {e.detail}")
            if e.reason == "truncated":
                return
            # a record that went on from an earlier line was inside a quoted field there
            if (e.line > first) ^ e.odd_quotes:
                broken = feed.close_quote()
                if broken:
                    yield Skip(f"{name}:{broken.line}", broken.reason, f"{name}:{broken.line}: {broken.detail}")
                    return
            continue
        except csv.Error as e:
            where = f"{name}:{first}"
            reason = "too-long" if "larger than field limit" in str(e) else "bad-record"
            yield Skip(where, reason, f"{where}: {clip(str(e))}")
            continue
        if not row:
            continue
        where = f"{name}:{first}"
        if len(row) > len(header):
            yield Skip(where, "bad-record", f"{where}: {len(row)} cells for {len(header)} columns")
            continue
        yield record_to_document(dict(zip(header, row)), where, default_date, encoding)


def record_to_document(rec, where: str, default_date=None, encoding: str | None = None) -> Document | Skip:
    """Validate one JSON/CSV record; a missing id becomes ``where`` (file:line)."""
    if not isinstance(rec, dict):
        return Skip(where, "bad-record", f"{where}: a record must be a JSON object")
    doc_id = rec.get("id")
    doc_id, bad_id = repair(where if doc_id in (None, "") else str(doc_id))
    text = rec.get("text")
    if not isinstance(text, str):
        return Skip(doc_id, "bad-record", f"{where}: no 'text' string")
    text, bad_text = repair(text)
    date = rec.get("date") or default_date
    if date is not None:
        norm = normalise_date(date)
        if norm is None:
            return Skip(doc_id, "bad-record", f"{where}: date {clip(repr(date))} is not YYYY-MM-DD")
        date = norm
    title, bad_title = repair(rec["title"]) if isinstance(rec.get("title"), str) else (None, 0)
    url, bad_url = repair(rec["url"]) if isinstance(rec.get("url"), str) else (None, 0)
    bad = bad_id + bad_text + bad_title + bad_url
    note = f"{bad} lone surrogate(s) replaced with U+FFFD" if bad else None
    return Document(doc_id, text, date, title or None, url or None, note, encoding=encoding)


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (``"\\ud800"`` in JSON: not a character, and fatal to
    the tokenizer and to UTF-8) replaced by U+FFFD, and how many there were."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def repaired(doc: Document) -> Document:
    """The document with its text repaired (see :func:`repair`), noted on it."""
    text, bad = repair(doc.text)
    if not bad:
        return doc
    note = f"{bad} lone surrogate(s) replaced with U+FFFD"
    return dataclasses.replace(doc, text=text, note=f"{doc.note}; {note}" if doc.note else note)


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


def page_to_document(doc_id: str, raw: bytes, *, url: str | None = None, charset: str | None = None,
                     default_date: str | None = None, title: str | None = None, date: str | None = None,
                     limit: int = READ_LIMIT, name: str | None = None) -> Document | Skip:
    """The article in an HTML page: its main text without navigation, banners, comments
    and link lists (trafilatura), with its title, publication date (htmldate's reading of
    the page; else ``date``, a feed's; else ``default_date``), canonical URL, site name and
    language. ``raw`` is decoded by its byte-order mark, ``charset`` (a server's), its
    ``<meta charset>``, else detection. A page fetched from ``url`` is identified by its
    canonical URL when it gives one (else ``doc_id``); a file keeps ``doc_id``. Skips:
    ``too-long``, ``binary``, ``undecodable``, ``no-article-text`` (no main text found) and
    ``link-list`` (a section front: the main text is mostly the pages' link texts)."""
    where = name or url or doc_id
    if len(raw) > limit:
        return Skip(doc_id, "too-long", f"{clip(where)}: over {limit:,} bytes (raise --max-chars to read it)")
    decoded = decode(raw, charset, html=True)
    if isinstance(decoded, str):
        return Skip(doc_id, decoded, f"{clip(where)}: not text in any encoding")
    markup, encoding = decoded
    import trafilatura
    from lxml import etree
    tree = trafilatura.utils.load_html(markup)
    if tree is None:
        return Skip(doc_id, "no-article-text", f"{clip(where)}: not an HTML page")
    meta = _page_meta(tree)
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    links = {_words(" ".join(a.itertext())) for a in tree.iter("a")}
    # fast: trafilatura's own extractor without its slower fallbacks (readability, jusText);
    # the metadata is read above, as trafilatura's full metadata pass costs as much again
    page = trafilatura.bare_extraction(tree, url=url, fast=True, include_comments=False, include_links=False,
                                       include_images=False, include_tables=False)
    body = (page.text or "").strip() if page is not None else ""
    if not body:
        return Skip(doc_id, "no-article-text", f"{clip(where)}: no main text found")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    words = sum(len(p.split()) for p in paragraphs)
    linked = sum(len(p.split()) for p in paragraphs if _words(p) in links)
    if linked > 0.5 * words:
        return Skip(doc_id, "link-list", f"{clip(where)}: {linked} of {words} words of its text are links "
                                         "(a section front or list of stories)")
    canonical = meta["canonical"]
    text = "\n\n".join(p.strip() for p in paragraphs)
    return Document(canonical if url and canonical else doc_id, repair(text)[0],
                    meta["date"] or (normalise_date(date) if date else None) or default_date,
                    meta["title"] or (clip(title, 500) if title else None), canonical or url,
                    encoding=encoding, site=meta["site"], language=meta["language"])


def _page_meta(tree) -> dict:
    """A page's title, canonical URL, site name, language and publication date (htmldate:
    the page's metadata, then its visible dates; any date since 1900)."""
    import htmldate

    def first(*xpaths):
        for xp in xpaths:
            for value in tree.xpath(xp):
                value = " ".join(str(value).split())
                if value:
                    return clip(value, 500)
        return None
    title = first("//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content",
                  "//h1//text()", "//title/text()")
    canonical = first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    if canonical and not canonical.startswith(("http://", "https://")):
        canonical = None
    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True, min_date="1900-01-01")
    except Exception:            # htmldate is heuristics over arbitrary pages: no date, then
        found = None
    return {"title": title, "canonical": canonical,
            "site": first("//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content"),
            "language": first("/html/@lang", "//meta[@http-equiv='content-language']/@content"),
            "date": normalise_date(found) if found else None}


def _words(text: str) -> str:
    return " ".join(text.lower().split())
