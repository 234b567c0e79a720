"""Reading pages, feeds and sitemaps over HTTP: real servers on 127.0.0.1 in threads of this
process, serving pages written for these tests (invented news, no text from anywhere)."""
import collections
import contextlib
import gzip
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from detente.fetch import Fetcher, read_inputs, read_urls
from detente.read import READ_LIMIT
from detente.records import Document, Skip

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Kenya and Tanzania sign border trade pact | The Lakeside Courier</title>
<link rel="canonical" href="{base}/news/kenya-tanzania-pact">
<meta property="article:published_time" content="2024-03-04T09:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
<a href="/world/africa">Rwandan soldiers shelled Congolese villages</a></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our site.
Accept all cookies or manage your choices.</p><button>Accept</button></div>
<main><article><h1>Kenya and Tanzania sign border trade pact</h1>
<p class="byline">By Amina Wekesa, Arusha</p>
<p>Kenya and Tanzania signed an agreement on cross-border trade in Arusha on Monday, ending a dispute over
customs fees that had slowed lorries at the Namanga crossing for months.</p>
<p>The Kenyan trade minister praised Tanzania for its cooperation and said both governments would review
the fees again next year.</p>
<p>Traders on both sides of the border welcomed the deal, which officials said would cut waiting times at
the crossing from days to hours.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/news/1">Ethiopian troops attacked Eritrean border posts near Badme</a></li>
<li><a href="/news/2">Sudan expelled the Chadian ambassador from Khartoum</a></li>
<li><a href="/news/3">Uganda accused Rwanda of arresting its citizens at the border</a></li>
</ul></aside>
<section class="teasers"><div class="teaser"><a href="/news/4"><h3>Somali police arrested opposition
leaders in Mogadishu</h3></a><p>Somali police arrested opposition leaders in Mogadishu on Sunday.</p></div>
</section></main><footer><p>The Lakeside Courier, Kisumu</p></footer></body></html>"""
NOT_CODED = ("Ethiopian", "Sudan", "Uganda", "Somali", "Rwandan", "cookies")

PLAIN = """<html><body><article><p>{first}</p><p>Officials said the talks would go on next month and that
fishermen on every shore of the lake would be asked for their views before any quota was agreed.</p>
</article></body></html>"""
PLAIN_1 = "Fishing ministers of Kenya, Uganda and Tanzania met in Entebbe to discuss falling catches in Lake Victoria."
PLAIN_2 = "Malawi and Zambia agreed to open a second border post at Mchinji to ease the queues of lorries."
LATIN1 = """<html><head>{meta}</head><body><article><p>The French foreign minister, H\u00e9l\u00e8ne Lef\u00e8vre,
met the president of Senegal in Dakar on Thursday to discuss fishing rights off the coast.</p><p>Officials
in Dakar said the two governments would meet again in Paris in the autumn, after the caf\u00e9 owners of the
harbour had been heard.</p></article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lakeside Courier</title>
<link>{base}/</link><description>News</description>
<item><title>Ministers meet over lake fishing</title><link>{base}/news/plain-1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>New border post for lorries</title><link>{base}/news/plain-2</link>
<pubDate>Wed, 06 Mar 2024 11:30:00 GMT</pubDate></item>
<item><title>The same story again</title><link>{base}/news/plain-1</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Lakeside Courier</title><id>urn:lakeside</id><updated>2024-03-07T08:00:00Z</updated>
<entry><title>Minister meets Senegal's president</title><link href="{base}/news/latin1-http"/>
<id>urn:1</id><published>2024-03-07T08:00:00Z</published><updated>2024-03-07T09:00:00Z</updated></entry>
<entry><title>Fishing rights</title><link href="/news/latin1-meta"/><id>urn:2</id><updated>2024-03-08T08:00:00Z</updated></entry>
</feed>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/kenya-tanzania</loc><lastmod>2024-03-04</lastmod></url>
<url><loc>{base}/news/latin1-meta</loc></url>
<url><loc>{base}/news/plain-2</loc><news:news><news:publication_date>2024-03-09T10:00:00Z</news:publication_date>
<news:title>Second border post opens</news:title></news:news></url>
</urlset>"""
INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap.xml</loc></sitemap><sitemap><loc>{base}/index-2.xml</loc></sitemap>
</sitemapindex>"""
EVIL = """<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>
<item><title>passwords</title><link>file:///etc/passwd</link></item>
<item><title>another port</title><link>{other}/news/plain-1</link></item>
<item><title>a private address</title><link>http://10.0.0.1/news/plain-1</link></item>
<item><title>loopback by another name</title><link>{localhost}/news/plain-1</link></item>
<item><title>ours, relative</title><link>/news/plain-2</link></item>
</channel></rss>"""
ALL = """<?xml version="1.0"?><rss version="2.0"><channel><title>Everything</title>
""" + "".join(f"<item><title>item {n}</title><link>{link}</link></item>\n" for n, link in enumerate(
    ["{base}/news/kenya-tanzania", "{base}/news/plain-1", "{base}/missing", "{base}/private/secret",
     "{base}/data.pdf", "file:///etc/passwd", "{other}/news/plain-1", "http://10.0.0.1/news/plain-1",
     "{base}/loop/a", "{base}/down-once"])) + "</channel></rss>"
EXPECTED_ALL = [("news/kenya-tanzania-pact", "coded", None), ("news/plain-1", "coded", None),
                ("missing", "skipped", "http-404"), ("private/secret", "skipped", "robots"),
                ("data.pdf", "skipped", "not-html"), ("file://etc/passwd", "skipped", "blocked"),
                ("OTHER", "skipped", "blocked"), ("http://10.0.0.1/news/plain-1", "skipped", "blocked"),
                ("loop/a", "skipped", "redirects"), ("down-once", "coded", None)]
BIG = 50 * 1024 * 1024


class Site:
    """What one server serves (path -> handler(request, n-th time asked)) and what it was asked."""

    def __init__(self, routes=None):
        self.routes = routes or {}
        self.log: list[str] = []
        self.agents: set[str] = set()
        self.counts = collections.Counter()
        self.lock = threading.Lock()
        self.big_sent = 0
        self.big_done = threading.Event()
        self.busy = collections.Counter()       # requests of each path being answered now,
        self.most_busy = collections.Counter()  # and at most

    def asked(self, since: int = 0) -> collections.Counter:
        with self.lock:
            return collections.Counter(self.log[since:])


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        site = self.server.site
        path = self.path.split("?")[0]
        with site.lock:
            site.log.append(path)
            site.agents.add(self.headers.get("User-Agent", ""))
            site.counts[path] += 1
            n = site.counts[path]
            site.busy[path] += 1
            site.most_busy[path] = max(site.most_busy[path], site.busy[path])
        self.busy_path = path
        try:
            route = site.routes.get(path)
            if route is None:
                return self.reply(404, "text/html", "<html><body><p>Nothing here.</p></body></html>")
            route(self, n)
        finally:
            self.answered()

    def answered(self):
        """The request no longer counts as being answered: called before a reply's last bytes
        go out, as the client may then send its next request before this thread runs on."""
        path, self.busy_path = getattr(self, "busy_path", None), None
        if path is not None:
            with self.server.site.lock:
                self.server.site.busy[path] -= 1

    def reply(self, status, ctype, body, headers=()):
        body = body.replace("{base}", self.server.base).encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.answered()
        try:
            self.wfile.write(body)
        except OSError:             # a client that stopped reading (timed out, or not a type it takes)
            pass

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(site: Site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.site = site
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.base
    finally:
        server.shutdown()
        server.server_close()


def page(body, ctype="text/html; charset=utf-8", headers=()):
    return lambda h, n: h.reply(200, ctype, body, headers)


def slowly(seconds, then):
    def route(h, n):
        time.sleep(seconds)
        then(h, n)
    return route


def big(h, n):
    """50 MB of markup, streamed without a length, counting what the client took."""
    site = h.server.site
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    chunk, sent = b"<p>" + b"word " * 13_000 + b"</p>\n", 0
    try:
        while sent < BIG:
            h.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass
    finally:
        site.big_sent = sent
        site.big_done.set()


def redirect(to):
    return lambda h, n: (h.send_response(302), h.send_header("Location", to), h.send_header("Content-Length", "0"),
                         h.end_headers())


def status_first(status, then, headers=()):
    """``status`` the first time, ``then`` after."""
    return lambda h, n: h.reply(status, "text/html", "<p>busy</p>", headers) if n == 1 else then(h, n)


@pytest.fixture(scope="module")
def web():
    """The news site, another loopback site (links must never reach it) and a site whose
    robots.txt fails."""
    other = Site({"/news/plain-1": page(PLAIN.replace("{first}", PLAIN_1))})
    down = Site({"/robots.txt": lambda h, n: h.reply(503, "text/plain", "down"),
                 "/news/plain-1": page(PLAIN.replace("{first}", PLAIN_1))})
    site = Site()
    with serving(site) as base, serving(other) as other_base, serving(down) as down_base:
        article = page(ARTICLE)
        site.routes.update({
            "/robots.txt": page("User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/news/kenya-tanzania": article,
            "/news/plain-1": slowly(0.2, page(PLAIN.replace("{first}", PLAIN_1))),
            "/news/plain-2": page(PLAIN.replace("{first}", PLAIN_2)),
            "/news/latin1-http": page(LATIN1.replace("{meta}", "").encode("latin-1"), "text/html; charset=iso-8859-1"),
            "/news/latin1-meta": page(LATIN1.replace("{meta}", '<meta charset="iso-8859-1">').encode("latin-1"),
                                      "text/html"),
            "/feed.rss": page(RSS, "application/rss+xml"),
            "/feed.atom": page(ATOM, "application/atom+xml"),
            "/sitemap.xml": page(SITEMAP, "application/xml"),
            "/index.xml": page(INDEX, "application/xml"),
            "/index-2.xml": page(INDEX, "application/xml"),
            "/evil.rss": page(EVIL.replace("{other}", other_base)
                              .replace("{localhost}", base.replace("127.0.0.1", "localhost")), "application/rss+xml"),
            "/all.rss": page(ALL.replace("{other}", other_base), "application/rss+xml"),
            "/private/secret": article,
            "/data.pdf": page(b"%PDF-1.4 not a page", "application/pdf"),
            "/flaky": status_first(500, article),
            "/down-once": status_first(503, page(PLAIN.replace("{first}", PLAIN_2))),
            "/busy": status_first(429, article, [("Retry-After", "1")]),
            "/busy-long": lambda h, n: h.reply(429, "text/html", "<p>busy</p>", [("Retry-After", "30")]),
            "/slow": slowly(3, article),
            "/loop/a": redirect("/loop/b"),
            "/loop/b": redirect("/loop/a"),
            "/to-other": redirect(other_base + "/news/plain-1"),
            "/moved": redirect("/news/plain-2"),
            "/big": big,
            "/gzipped": page(gzip.compress(PLAIN.replace("{first}", PLAIN_2).encode()), "text/html",
                             [("Content-Encoding", "gzip")]),
            "/gzip-bomb": page(gzip.compress(b"<p>" + b" " * (READ_LIMIT * 4)), "text/html",
                               [("Content-Encoding", "gzip")]),
        })
        yield collections.namedtuple("Web", "base site other_base other down_base down")(
            base, site, other_base, other, down_base, down)


def quick(**options) -> Fetcher:
    """A fetcher with no wait between requests (these servers are ours)."""
    return Fetcher(**{"delay": 0, "backoff": 0.05, **options})


def by_id(items):
    return {(i.id if isinstance(i, Document) else i.doc_id): i for i in items}


def test_an_article_page_is_its_main_text_under_its_canonical_url(web):
    since = len(web.site.log)
    [doc] = read_urls([web.base + "/news/kenya-tanzania"], fetcher=quick())
    assert isinstance(doc, Document) and doc.id == web.base + "/news/kenya-tanzania-pact"
    assert doc.title == "Kenya and Tanzania sign border trade pact" and doc.date == "2024-03-04"
    assert "Arusha on Monday" in doc.text and "Traders on both sides" in doc.text
    for words in NOT_CODED:
        assert words not in doc.text
    assert web.site.asked(since) == {"/robots.txt": 1, "/news/kenya-tanzania": 1}
    assert any(a.startswith("detente/") and "pypi.org/project/detente" in a for a in web.site.agents)


def test_feeds_keep_entry_titles_and_dates_in_feed_order(web):
    since = len(web.site.log)
    items = list(read_urls([web.base + "/feed.rss", web.base + "/feed.atom"], fetcher=quick()))
    # plain-1 is served slowest, yet comes first; the repeated RSS entry is read once, and
    # the Atom feed's relative link is resolved
    assert [i.id for i in items] == [web.base + p for p in ("/news/plain-1", "/news/plain-2", "/news/latin1-http",
                                                            "/news/latin1-meta")]
    assert [(i.title, i.date) for i in items] == [
        ("Ministers meet over lake fishing", "2024-03-05"), ("New border post for lorries", "2024-03-06"),
        ("Minister meets Senegal's president", "2024-03-07"), ("Fishing rights", "2024-03-08")]
    assert items[0].text.startswith(PLAIN_1)
    assert web.site.asked(since)["/robots.txt"] == 1 and web.site.asked(since)["/news/plain-1"] == 1


def test_latin1_pages_by_http_charset_and_by_meta_charset(web):
    items = list(read_urls([web.base + "/news/latin1-http", web.base + "/news/latin1-meta"], fetcher=quick()))
    for doc in items:
        assert isinstance(doc, Document) and doc.encoding == "iso8859-1"
        assert "H\u00e9l\u00e8ne Lef\u00e8vre" in doc.text and "caf\u00e9 owners" in doc.text


def test_sitemap_and_sitemap_index_one_level_deep(web):
    items = list(read_urls([web.base + "/sitemap.xml"], fetcher=quick()))
    assert [i.id for i in items] == [web.base + "/news/kenya-tanzania-pact", web.base + "/news/latin1-meta",
                                     web.base + "/news/plain-2"]
    assert (items[2].title, items[2].date) == ("Second border post opens", "2024-03-09")
    items = list(read_urls([web.base + "/index.xml"], fetcher=quick()))
    assert [i.id for i in items[:3]] == [web.base + "/news/kenya-tanzania-pact", web.base + "/news/latin1-meta",
                                         web.base + "/news/plain-2"]
    assert isinstance(items[3], Skip) and (items[3].doc_id, items[3].reason) == (web.base + "/index-2.xml",
                                                                                 "bad-sitemap")
    assert len(items) == 4


def test_failures_are_skips_with_short_reasons(web):
    since = len(web.site.log)
    urls = [web.base + p for p in ("/missing", "/data.pdf", "/loop/a", "/private/secret", "/moved", "/flaky")]
    items = by_id(read_urls(urls, fetcher=quick()))
    assert items[web.base + "/missing"].reason == "http-404"
    assert items[web.base + "/missing"].detail == "404 Not Found"
    assert items[web.base + "/data.pdf"].reason == "not-html"
    loop = items[web.base + "/loop/a"]
    assert loop.reason == "redirects" and "loop" in loop.detail and "\n" not in loop.detail
    assert items[web.base + "/private/secret"].reason == "robots"
    assert isinstance(items[web.base + "/news/plain-2"], Document)           # /moved, after its redirect
    assert isinstance(items[web.base + "/news/kenya-tanzania-pact"], Document)   # /flaky: 500, then 200
    asked = web.site.asked(since)
    assert asked["/flaky"] == 2 and "/private/secret" not in asked and asked["/robots.txt"] == 1


def test_429_waits_for_retry_after_and_gives_up_when_it_is_over_the_cap(web):
    started = time.monotonic()
    [doc] = read_urls([web.base + "/busy"], fetcher=quick())
    assert isinstance(doc, Document) and time.monotonic() - started >= 0.95
    started = time.monotonic()
    [skip] = read_urls([web.base + "/busy-long"], fetcher=quick(retry_cap=5))
    assert skip.reason == "http-429" and "asks to wait 30 s" in skip.detail
    assert time.monotonic() - started < 2


def test_a_slow_page_times_out(web):
    started = time.monotonic()
    [skip] = read_urls([web.base + "/slow"], fetcher=quick(timeout=0.5))
    assert (skip.reason, skip.detail) == ("timeout", "no answer within 0.5 s")
    assert time.monotonic() - started < 2.5


def test_a_huge_body_is_dropped_while_it_streams(web):
    [skip] = read_urls([web.base + "/big"], fetcher=quick())
    assert skip.reason == "too-large"
    assert web.site.big_done.wait(10)
    # what the server got into the socket: the client's limit plus what the kernel buffers
    assert READ_LIMIT < web.site.big_sent < 20 * 1024 * 1024


def test_links_to_files_other_ports_and_private_addresses_are_blocked(web):
    since = len(web.site.log)
    items = list(read_urls([web.base + "/evil.rss", web.base + "/to-other"], fetcher=quick()))
    got = [(i.doc_id, i.reason) if isinstance(i, Skip) else (i.id, "coded") for i in items]
    localhost = web.base.replace("127.0.0.1", "localhost")
    assert got == [("file://etc/passwd", "blocked"), (web.other_base + "/news/plain-1", "blocked"),
                   ("http://10.0.0.1/news/plain-1", "blocked"), (localhost + "/news/plain-1", "blocked"),
                   (web.base + "/news/plain-2", "coded"), (web.base + "/to-other", "blocked")]
    assert "not a public address" in items[1].detail and "scheme" in items[0].detail   # file:// as feedparser has it
    assert web.other.log == []                        # not even its robots.txt
    assert web.site.asked(since)["/to-other"] == 1
    # the user may name a loopback host themselves, and then links may reach it
    [doc] = read_urls([web.base + "/to-other"], allow_hosts=[("127.0.0.1", int(web.other_base.rsplit(":", 1)[1]))],
                      fetcher=quick())
    assert isinstance(doc, Document) and doc.id == web.other_base + "/news/plain-1"
    assert web.other.log == ["/robots.txt", "/news/plain-1"]     # no robots.txt there (404): all allowed


def test_robots_txt_that_cannot_be_read_disallows_the_site(web):
    [skip] = read_urls([web.down_base + "/news/plain-1"], fetcher=quick())
    assert skip.reason == "robots" and "503" in skip.detail and "RFC 9309" in skip.detail
    assert web.down.asked() == {"/robots.txt": 3}          # tried three times, the page never


def test_requests_to_one_host_are_spaced_and_bounded(web):
    since = len(web.site.log)
    started = time.monotonic()
    items = list(read_urls([web.base + p for p in ("/news/plain-2", "/news/latin1-http", "/news/latin1-meta")],
                           fetcher=quick(delay=0.3)))
    assert all(isinstance(i, Document) for i in items)
    assert time.monotonic() - started >= 0.9          # robots.txt and three pages, 0.3 s apart
    assert sum(web.site.asked(since).values()) == 4
    started = time.monotonic()
    urls = [f"{web.base}/news/plain-1?n={n}" for n in range(6)]         # 0.2 s each
    assert [i.id for i in read_urls(urls, fetcher=quick())] == urls
    assert web.site.most_busy["/news/plain-1"] == 2 and time.monotonic() - started >= 0.6


def test_compressed_bodies_are_counted_as_they_inflate(web):
    [doc, skip] = read_urls([web.base + "/gzipped", web.base + "/gzip-bomb"], fetcher=quick())
    assert isinstance(doc, Document) and doc.text.startswith(PLAIN_2)
    assert (skip.reason, skip.doc_id) == ("too-large", web.base + "/gzip-bomb")


def test_each_item_comes_with_the_input_it_was_read_from(web):
    got = [(given, type(item).__name__) for given, item in
           read_inputs([web.base + "/feed.rss", web.base + "/missing"], fetcher=quick())]
    assert got == [(web.base + "/feed.rss", "Document")] * 2 + [(web.base + "/missing", "Skip")]


def test_detente_code_on_a_url_codes_only_the_article(web, monkeypatch, capsys):
    from detente.cli import main
    monkeypatch.setenv("DETENTE_FETCH_DELAY", "0")
    assert main(["code", web.base + "/news/kenya-tanzania"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events and {e["doc_id"] for e in events} == {web.base + "/news/kenya-tanzania-pact"}
    assert {e["source"][:3] for e in events} <= {"KEN", "TZA", "---"}
    for e in events:
        assert not any(words in e["evidence"] for words in NOT_CODED)


def test_ingest_a_feed_url_stores_every_link_once(web, tmp_path):
    exe = Path(sys.executable).parent / "detente"
    db = tmp_path / "news.duckdb"
    feed = web.base + "/all.rss"
    since_other = len(web.other.log)
    env = {**os.environ, "DETENTE_FETCH_DELAY": "0"}
    first = subprocess.run([exe, "ingest", feed, "--db", db, "-q"], capture_output=True, text=True, env=env,
                           timeout=300)
    assert first.returncode == 3, first.stderr                       # some links skipped
    assert "coded 3, skipped 7" in first.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT doc_id, status, reason, input FROM documents").fetchall()
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    where = {"OTHER": web.other_base + "/news/plain-1"}
    expected = {(where.get(d, d if d.startswith(("file:", "http:")) else f"{web.base}/{d}"), s, r)
                for d, s, r in EXPECTED_ALL}
    assert {(d, s, r) for d, s, r, _ in rows} == expected
    assert {i for *_, i in rows} == {feed}
    assert events > 0
    again = subprocess.run([exe, "ingest", feed, "--db", db, "-q"], capture_output=True, text=True, env=env,
                           timeout=300)
    assert "coded 0, skipped 0, already stored 10" in again.stderr, again.stderr
    assert web.other.log[since_other:] == []
