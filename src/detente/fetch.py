"""Stage 1, read, from the web: news pages, RSS/Atom feeds and sitemaps fetched over HTTP(S)
(``detente code URL``, ``detente ingest URL``).

A URL given is fetched once and read by what it holds: a feed's entries (feedparser; each
entry's title and date go with its page), a sitemap's pages (``<urlset>``; a
``<sitemapindex>`` is followed one level deep) or an article page, turned into a
:class:`Document` by :func:`detente.read.page_to_document`. Every URL ends as a document or
a :class:`Skip` with a short reason (``http-404``, ``timeout``, ``too-large``, ``not-html``,
``robots``, ``redirects``, ``unreachable``, ``blocked``, ``bad-url``, ``bad-feed``,
``bad-sitemap``, ``no-link``, ``undecodable``), in a stable order: the order given, a feed's
or sitemap's pages in document order.

Politeness: a User-Agent naming detente, robots.txt read once per site and obeyed (its
Crawl-delay too), at most ``per_host`` requests to a host at once and ``delay`` seconds
between their starts, retries with backoff on 429, 5xx and broken connections (Retry-After
honoured up to ``retry_cap``). Safety: a body is counted while it streams in (decoded, so a
gzip bomb is counted at its size) and dropped at ``limit``; only http(s) links are followed,
and a link or redirect to a loopback, private or otherwise non-public address is refused
(``blocked``) unless its host:port is one the user named.

The HTTP is the standard library's :mod:`http.client` rather than httpx: the address check
must hold for the very socket that is connected (a name checked and then resolved again
could point elsewhere by then), and ``http.client`` lets us open that socket ourselves,
where httpx's transport hides its network backend; it also leaves content decoding to us,
so the size bound counts decoded bytes. The cost is no connection reuse, which at one
request a second per host matters little.
"""
from __future__ import annotations

import email.utils
import functools
import http.client
import io
import ipaddress
import itertools
import os
import re
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.robotparser
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from . import __version__
from ._util import one_line
from .errors import ConfigError
from .read import READ_LIMIT, page_to_document
from .records import Document, Skip

USER_AGENT = f"detente/{__version__} (+https://pypi.org/project/detente/)"
AGENT_TOKEN = "detente"          # the name robots.txt rules address
PER_HOST = 2                     # requests to one host at once
DELAY = 1.0                      # seconds between the starts of requests to one host (env DETENTE_FETCH_DELAY)
TIMEOUT = 20.0                   # seconds to connect, and for each read
DEADLINE = 120.0                 # seconds a whole response may take, however steadily it trickles
TRIES = 3
BACKOFF = 1.0                    # seconds before the second try; doubled for each further one
RETRY_CAP = 60.0                 # the longest Retry-After (or Crawl-delay) waited for
REDIRECTS = 5
THREADS = 8
ROBOTS_LIMIT = 512 * 1024        # bytes of robots.txt read (RFC 9309 asks for at least 500 KiB)

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"text/xml", "application/xml", "application/rss+xml", "application/atom+xml",
                        "application/rdf+xml", "application/gzip", "application/x-gzip"})
ANY_TYPE = PAGE_TYPES | FEED_TYPES
_REDIRECT = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOST = re.compile(r"[a-z0-9._:-]+")
_ROOT = re.compile(rb"<(?![?!/])(?:[\w.-]+:)?([\w.-]+)")
_QUOTE_SAFE = "/%:@!$&'()*+,;=-._~?"


class FetchError(Exception):
    """A URL that gives nothing to read; ``reason`` is the skip's short code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Response:
    """A fetched body: ``url`` after redirects, the media type and charset the server gave."""
    url: str
    content_type: str | None
    charset: str | None
    body: bytes


def is_url(text) -> bool:
    """Whether an input is a web address to fetch rather than a path."""
    return isinstance(text, str) and text[:8].lower().startswith(("http://", "https://"))


def hosts_of(urls: Iterable) -> frozenset[tuple[str, int]]:
    """The (host, port) of each URL among ``urls``: the hosts a user named, which links may
    reach even at a loopback or private address."""
    found = set()
    for url in urls:
        if is_url(url):
            try:
                found.add(_split(url)[1:3])
            except FetchError:
                pass
    return frozenset(found)


def _echo(text, n: int = 100) -> str:
    """What the network said, as one short line."""
    return one_line(str(text), n)


def _split(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) of an http(s) URL."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise FetchError("bad-url", f"not a URL ({_echo(e, 60)})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("blocked", f"{_echo(scheme, 20) or 'no'} scheme: only http and https links are followed")
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        host = ""
    if not host or not _HOST.fullmatch(host):
        raise FetchError("bad-url", "no host name a request can be sent to")
    target = urllib.parse.quote(parts.path or "/", safe=_QUOTE_SAFE)
    if parts.query:
        target += "?" + urllib.parse.quote(parts.query, safe=_QUOTE_SAFE)
    return scheme, host, port or (443 if scheme == "https" else 80), target


def _non_public(ip) -> bool:
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    elif ip in _NAT64:
        ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified or not ip.is_global)


class _Host:
    """One host's share of the fetcher: its request slots and when it may next be asked."""

    def __init__(self, slots: int, delay: float):
        self.slots = threading.BoundedSemaphore(slots)
        self.lock = threading.Lock()
        self.next = 0.0
        self.delay = delay


class _Robots:
    def __init__(self):
        self.lock = threading.Lock()
        self.rules: urllib.robotparser.RobotFileParser | None = None
        self.why: str | None = None         # why everything is disallowed, when robots.txt could not be read


class Fetcher:
    """HTTP(S) GETs, polite and bounded (see the module's docstring); safe to share among
    threads. ``allow_hosts``: (host, port) pairs links may reach at non-public addresses."""

    def __init__(self, *, allow_hosts: Iterable[tuple[str, int]] = (), per_host: int = PER_HOST,
                 delay: float = DELAY, timeout: float = TIMEOUT, deadline: float = DEADLINE, tries: int = TRIES,
                 backoff: float = BACKOFF, retry_cap: float = RETRY_CAP, limit: int = READ_LIMIT,
                 redirects: int = REDIRECTS, threads: int = THREADS, user_agent: str = USER_AGENT):
        if per_host < 1 or tries < 1 or threads < 1 or min(delay, timeout, deadline, backoff, retry_cap) < 0:
            raise ConfigError("fetcher: per_host, tries and threads must be 1 or more, times 0 or more")
        self.allow = frozenset(allow_hosts)
        self.per_host, self.delay, self.timeout, self.deadline = per_host, delay, timeout, deadline
        self.tries, self.backoff, self.retry_cap, self.limit = tries, backoff, retry_cap, limit
        self.redirects, self.threads = redirects, threads
        self.headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate", "Connection": "close",
                        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                                  "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"}
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, _Robots] = {}

    def get(self, url: str, accept: frozenset[str] = PAGE_TYPES) -> Response:
        """The body at ``url``, following redirects; a body of a media type not in ``accept``
        (a missing type is let through, for the reader to judge) is not read. Raises
        :class:`FetchError`."""
        return self._get(url, accept, self.limit, robots=True)

    def _get(self, url: str, accept, limit: int, robots: bool, cut: bool = False) -> Response:
        chain = [url]
        for _ in range(self.redirects + 1):
            scheme, host, port, target = _split(url)
            if (host, port) not in self.allow:
                self._resolve(host, port)        # refused before anything is asked of it, robots.txt included
            if robots:
                self._obey_robots(scheme, host, port, url)
            answer = self._request(scheme, host, port, target, url, accept, limit, cut)
            if isinstance(answer, Response):
                return answer
            url = urllib.parse.urldefrag(urllib.parse.urljoin(url, answer))[0]
            if url in chain:
                raise FetchError("redirects", "a redirect loop: " + _echo(" -> ".join(chain + [url]), 150))
            chain.append(url)
        raise FetchError("redirects", f"more than {self.redirects} redirects, the last to {_echo(url, 120)}")

    def _resolve(self, host: str, port: int) -> list:
        """The addresses of ``host``, all public unless the user named it."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as e:
            raise FetchError("unreachable", f"{_echo(host, 80)}: the name does not resolve "
                                            f"({_echo(getattr(e, 'strerror', None) or e, 60)})") from None
        if (host, port) not in self.allow:
            for info in infos:
                ip = ipaddress.ip_address(info[4][0].split("%")[0])
                if _non_public(ip):
                    raise FetchError("blocked", f"{_echo(host, 80)}:{port} is at {ip}, not a public address, "
                                                "and not a host named on the command line")
        return infos

    def _connect(self, host: str, port: int, address, timeout=None, source_address=None) -> socket.socket:
        """http.client's way of opening its socket, ours: only to the addresses just checked."""
        error: OSError = OSError(f"{host}: no address")
        for family, kind, proto, _, addr in self._resolve(host, port):
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                sock.connect(addr)
                return sock
            except OSError as e:
                sock.close()
                error = e
        raise error

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(self.per_host, self.delay)
            return self._hosts[host]

    @contextmanager
    def _turn(self, host: str):
        """A request slot of ``host``, at least its delay after the last request started."""
        h = self._host(host)
        with h.slots:
            with h.lock:
                now = time.monotonic()
                start = max(now, h.next)
                h.next = start + h.delay
            if start > now:
                time.sleep(start - now)
            yield

    def _hold_off(self, host: str, seconds: float) -> None:
        """Ask ``host`` nothing more for ``seconds`` (its Retry-After, or a backoff)."""
        h = self._host(host)
        with h.lock:
            h.next = max(h.next, time.monotonic() + seconds)

    def _obey_robots(self, scheme: str, host: str, port: int, url: str) -> None:
        origin = f"{scheme}://{host}" + ("" if port == (443 if scheme == "https" else 80) else f":{port}")
        with self._lock:
            robots = self._robots.setdefault(origin, _Robots())
        with robots.lock:                        # one fetch of robots.txt per site, however many threads ask
            if robots.rules is None:
                robots.rules, robots.why = self._read_robots(origin, host)
        if not robots.rules.can_fetch(AGENT_TOKEN, url):
            raise FetchError("robots", robots.why or f"{_echo(origin, 80)}/robots.txt disallows "
                                                     f"{_echo(urllib.parse.urlsplit(url).path, 100)}")

    def _read_robots(self, origin: str, host: str):
        """The rules of a site. A robots.txt that is not there (4xx) allows everything; one
        that cannot be read (5xx, 429, timeout, no connection) disallows everything, as
        RFC 9309 asks: the site may be down because it is overloaded."""
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            r = self._get(origin + "/robots.txt", None, ROBOTS_LIMIT, robots=False, cut=True)
        except FetchError as e:
            if e.reason.startswith("http-4") and e.reason != "http-429":
                rules.allow_all = True
                return rules, None
            rules.disallow_all = True
            return rules, f"{_echo(origin, 80)}/robots.txt could not be read ({e.reason}: {_echo(e.detail, 80)}); " \
                          "nothing on the site is fetched (RFC 9309)"
        rules.parse(r.body.decode("utf-8", "replace").splitlines())
        crawl = rules.crawl_delay(AGENT_TOKEN)
        if crawl:
            h = self._host(host)
            h.delay = max(h.delay, min(float(crawl), self.retry_cap))
        return rules, None

    def _request(self, scheme: str, host: str, port: int, target: str, url: str, accept, limit: int,
                 cut: bool) -> Response | str:
        """One GET with its retries: the response, or the Location it redirects to."""
        for attempt in range(1, self.tries + 1):
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            conn = kind(host, port, timeout=self.timeout)
            # http.client's hook for opening its socket (socket.create_connection by default)
            conn._create_connection = functools.partial(self._connect, host, port)
            r = None
            with self._turn(host):
                try:
                    started = time.monotonic()
                    conn.request("GET", target, headers=self.headers)
                    r = conn.getresponse()
                    if r.status in _REDIRECT and r.getheader("Location"):
                        return r.getheader("Location")
                    if 200 <= r.status < 300:
                        return self._response(r, url, accept, limit, cut, started)
                    status = f"{r.status} {_echo(r.reason, 60)}".strip()
                    if (r.status != 429 and r.status < 500) or attempt == self.tries:
                        tries = f" (after {attempt} tries)" if attempt > 1 else ""
                        raise FetchError(f"http-{r.status}", status + tries)
                    wait = _retry_after(r.getheader("Retry-After"))
                    if wait is not None and wait > self.retry_cap:
                        raise FetchError(f"http-{r.status}", f"{status}: asks to wait {wait:g} s, "
                                                             f"more than {self.retry_cap:g}")
                    wait = self.backoff * 2 ** (attempt - 1) if wait is None else wait
                except TimeoutError:
                    raise FetchError("timeout", f"no answer within {self.timeout:g} s") from None
                except ssl.SSLError as e:
                    raise FetchError("unreachable", f"TLS: {_echo(e.reason or e, 100)}") from None
                except (OSError, http.client.HTTPException) as e:
                    if attempt == self.tries:
                        raise FetchError("unreachable", f"{type(e).__name__}: {_echo(e, 100)} "
                                                        f"(after {attempt} tries)") from None
                    wait = self.backoff * 2 ** (attempt - 1)
                finally:                # the response holds the socket once the connection lets go of it
                    if r is not None:
                        r.close()
                    conn.close()
            self._hold_off(host, wait)

    def _response(self, r, url: str, accept, limit: int, cut: bool, started: float) -> Response:
        """The body of a 2xx answer, if its type is one asked for: streamed, decoded and
        counted, and dropped once over ``limit`` bytes (or cut there, with ``cut``)."""
        ctype = (r.getheader("Content-Type") or "").split(";")[0].strip().lower() or None
        if accept is not None and ctype is not None and ctype not in accept:
            raise FetchError("not-html", f"content type {_echo(ctype, 60)}")
        too_large = FetchError("too-large", f"over {limit:,} bytes (raise --max-chars to read it)")
        length = (r.getheader("Content-Length") or "").strip()
        if not cut and length.isdigit() and int(length) > limit:
            raise too_large
        coding = (r.getheader("Content-Encoding") or "identity").strip().lower()
        if coding in ("gzip", "x-gzip", "deflate"):
            inflate = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in coding else zlib.MAX_WBITS)
        elif coding != "identity":
            raise FetchError("undecodable", f"content encoding {_echo(coding, 40)} was not asked for")
        else:
            inflate = None
        body = bytearray()
        while len(body) <= limit:
            if time.monotonic() - started > self.deadline:
                raise FetchError("timeout", f"the answer took over {self.deadline:g} s")
            piece = r.read(65536)
            if not piece:
                break
            if inflate is not None:
                try:                                    # never more out than there is room for
                    piece = inflate.decompress(piece, limit + 1 - len(body))
                except zlib.error as e:
                    raise FetchError("undecodable", f"a broken {coding} body ({_echo(e, 60)})") from None
            body += piece
        if len(body) > limit:
            if not cut:
                raise too_large
            del body[limit:]
        charset = r.headers.get_content_charset()
        return Response(url, ctype, charset[:40] if charset else None, bytes(body))


def _retry_after(value: str | None) -> float | None:
    """Seconds of a Retry-After header (a number or an HTTP date); None if none or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo else None


def _gunzip(body: bytes, limit: int) -> bytes:
    """A gzipped file (a ``sitemap.xml.gz``) inflated, at most ``limit`` bytes of it."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(body, limit + 1)
    except zlib.error as e:
        raise FetchError("undecodable", f"a broken gzip file ({_echo(e, 60)})") from None
    if len(out) > limit:
        raise FetchError("too-large", f"over {limit:,} bytes inflated")
    return out


@dataclass(frozen=True)
class _Link:
    """A page (or, in a sitemap index, a sitemap) to fetch, with what its list says of it."""
    url: str | None
    title: str | None = None
    date: str | None = None
    where: str = ""             # the id of its skip when it has no URL


@dataclass(frozen=True)
class _More:
    """What a feed or sitemap lists, to be read in its place."""
    links: list
    sitemaps: bool = False


def read_urls(urls, default_date: str | None = None, limit: int = READ_LIMIT, allow_hosts=None,
              fetcher: Fetcher | None = None) -> Iterator[Document | Skip]:
    """The documents (and skips) of pages, feeds and sitemaps at ``urls``, in order: the
    order given, a feed's or sitemap's pages in its order. Links may reach the hosts of
    ``urls`` and of ``allow_hosts`` even at non-public addresses."""
    for _, item in read_inputs(urls, default_date, limit, allow_hosts, fetcher):
        yield item


def read_inputs(urls, default_date: str | None = None, limit: int = READ_LIMIT, allow_hosts=None,
                fetcher: Fetcher | None = None) -> Iterator[tuple[str, Document | Skip]]:
    """As :func:`read_urls`, each item with the URL given that it came from. Up to
    ``fetcher.threads`` fetches run at once, and at most twice that many results wait to be
    taken at each level (inputs, a feed's or sitemap's pages, an index's sitemaps)."""
    urls = list(urls)
    allow = hosts_of(urls) | frozenset(allow_hosts or ())
    if fetcher is None:
        fetcher = Fetcher(allow_hosts=allow, limit=limit, delay=_env_delay())
    else:
        fetcher.allow = fetcher.allow | allow
    seen: set[str] = set()

    def first(link: _Link) -> bool:
        """Whether a link is new to this read (a page listed twice is read once)."""
        if link.url is None:
            return True
        if link.url in seen:
            return False
        seen.add(link.url)
        return True

    def expand(result):
        given, found = result
        if not isinstance(found, _More):
            return None
        job = _sitemap if found.sitemaps else _page
        return (functools.partial(_tag, given, job, fetcher, link, default_date, limit)
                for link in found.links if first(link))

    with ThreadPoolExecutor(fetcher.threads, thread_name_prefix="detente-fetch") as pool:
        jobs = (functools.partial(_tag, url, _input, fetcher, _Link(url), default_date, limit)
                for url in urls if first(_Link(url)))
        yield from _in_order(pool, jobs, 2 * fetcher.threads, expand)


def _env_delay() -> float:
    text = os.environ.get("DETENTE_FETCH_DELAY")
    if text is None:
        return DELAY
    try:
        delay = float(text)
    except ValueError:
        delay = -1.0
    if not 0 <= delay <= 3600:
        raise ConfigError(f"DETENTE_FETCH_DELAY={text[:40]!r}: give seconds between requests to a host (0 to 3600)")
    return delay


def _in_order(pool, jobs: Iterator, window: int, expand) -> Iterator:
    """The results of ``jobs`` run on ``pool``, in the order of the jobs, with at most
    ``window`` submitted and not yet taken; a result that ``expand`` turns into more jobs is
    replaced by their results, in its place."""
    pending: deque = deque()
    try:
        while True:
            for job in itertools.islice(jobs, window - len(pending)):
                pending.append(pool.submit(job))
            if not pending:
                return
            result = pending.popleft().result()
            more = expand(result)
            if more is None:
                yield result
            else:
                yield from _in_order(pool, more, window, expand)
    finally:
        for future in pending:
            future.cancel()


def _tag(given: str, job, fetcher: Fetcher, link: _Link, default_date, limit: int):
    """A job's result with the URL given that it came from; a failed fetch is a skip."""
    try:
        return given, job(fetcher, link, default_date, limit)
    except FetchError as e:
        return given, Skip(link.url, e.reason, e.detail)


def _input(fetcher: Fetcher, link: _Link, default_date, limit: int):
    """A URL given: a feed, a sitemap (or index) or a page, by its root element."""
    r = fetcher.get(link.url, ANY_TYPE)
    body = _gunzip(r.body, limit) if r.body[:2] == b"\x1f\x8b" else r.body
    root = _root(body)
    if root in ("rss", "feed", "rdf"):
        return _feed(r, body)
    if root in ("urlset", "sitemapindex"):
        return _urls(r.url, body)
    return _to_document(r, link, default_date, limit)


def _page(fetcher: Fetcher, link: _Link, default_date, limit: int) -> Document | Skip:
    """A page a feed or sitemap links to."""
    if link.url is None:
        return Skip(link.where, "no-link", "a feed entry without a link to its page")
    return _to_document(fetcher.get(link.url, PAGE_TYPES), link, default_date, limit)


def _sitemap(fetcher: Fetcher, link: _Link, default_date, limit: int):
    """A sitemap a sitemap index lists: its pages (another index is not followed)."""
    r = fetcher.get(link.url, FEED_TYPES)
    body = _gunzip(r.body, limit) if r.body[:2] == b"\x1f\x8b" else r.body
    found = _urls(r.url, body)
    if isinstance(found, _More) and found.sitemaps:
        return Skip(link.url, "bad-sitemap", "a sitemap index inside a sitemap index (followed one level deep only)")
    return found


def _to_document(r: Response, link: _Link, default_date, limit: int) -> Document | Skip:
    return page_to_document(r.url, r.body, url=r.url, charset=r.charset, default_date=default_date,
                            title=link.title, date=link.date, limit=limit)


def _root(body: bytes) -> str:
    """The local name of the document's first element, lower case (``html``, ``rss``, ``urlset``)."""
    head = re.sub(rb"<!--.*?-->", b"", body[:8192], flags=re.S)
    m = _ROOT.search(head)
    return m.group(1).decode("ascii", "replace").lower() if m else ""


def _feed(r: Response, body: bytes) -> _More | Skip:
    """The entries of an RSS or Atom feed: each one's link, title and date."""
    import feedparser
    ctype = (r.content_type or "application/xml") + (f"; charset={r.charset}" if r.charset else "")
    # a stream, never bytes or a string: feedparser opens a string that names a URL or a file
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": r.url, "content-type": ctype})
    if not parsed.entries and parsed.bozo:
        return Skip(r.url, "bad-feed", f"not a feed feedparser can read ({_echo(parsed.get('bozo_exception'), 100)})")
    links = []
    for n, entry in enumerate(parsed.entries, 1):
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        title = " ".join(str(entry.get("title") or "").split())[:500] or None
        link = str(entry.get("link") or "").strip() or None
        links.append(_Link(urllib.parse.urljoin(r.url, link) if link else None, title,
                           time.strftime("%Y-%m-%d", stamp) if stamp else None, f"{r.url}#entry-{n}"))
    return _More(links)


def _urls(url: str, body: bytes) -> _More | Skip:
    """The pages of a ``<urlset>`` (with a news sitemap's title and date) or the sitemaps
    of a ``<sitemapindex>``, in document order."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as e:
        root, why = None, _echo(e, 100)
    else:
        why = "no root element"
    if root is None:
        return Skip(url, "bad-sitemap", f"not XML ({why})")
    kind = etree.QName(root).localname
    links = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname not in ("url", "sitemap"):
            continue
        found = {}
        for child in node.iter():
            if isinstance(child.tag, str):
                found.setdefault(etree.QName(child).localname, " ".join((child.text or "").split()))
        if found.get("loc"):
            links.append(_Link(urllib.parse.urljoin(url, found["loc"]), found.get("title", "")[:500] or None,
                               (found.get("publication_date") or "")[:10] or None))
    return _More(links, sitemaps=kind == "sitemapindex")
