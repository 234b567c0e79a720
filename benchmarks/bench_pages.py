"""Reading article pages against coding them: extraction must not become the bottleneck.

    python benchmarks/bench_pages.py [--pages 1000] [--repeat 3]

Makes ``--pages`` article pages from the first Reuters-21578 stories (each story's text as
the article body, inside a page of the kind news sites serve: head with metadata and
scripts, navigation, a cookie banner, teasers, a "related stories" list, a footer), then,
in one process and side by side, times (medians of ``--repeat`` runs) turning the pages'
bytes into documents (``read.page_to_document``: decoding and trafilatura) and coding
those documents (``Coder.pipe``, one process, the default prefilter). Prints pages/s for
each and their ratio (target: extraction at least 5x the coding rate).
"""
import argparse
import html
import statistics
import time

from _common import CORPUS, first_records

from detente import Coder, Document
from detente.read import page_to_document

REUTERS = CORPUS / "reuters21578.jsonl.gz"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Example Wire</title>
<meta property="og:site_name" content="The Example Wire">
<meta property="article:published_time" content="{date}T09:30:00Z">
<link rel="canonical" href="https://wire.example.org/stories/{n}">
<script>window.dataLayer = window.dataLayer || []; function track(e) {{ dataLayer.push(e); }}</script>
<style>body {{ font-family: serif; }} .banner {{ position: fixed; }}</style></head>
<body><header><a href="/">The Example Wire</a><nav><ul>{nav}</ul></nav></header>
<div class="banner cookie-consent">We use cookies to improve your experience. <button>Accept all</button></div>
<main><article><h1>{title}</h1><p class="byline">By Staff Writers</p>{body}</article>
<aside class="teasers"><h2>Most read</h2><ul>{teasers}</ul></aside>
<section class="related"><h2>Related stories</h2><ul>{related}</ul></section></main>
<footer><p>Copyright The Example Wire. All rights reserved.</p><ul>{footer}</ul></footer></body></html>"""

NAV = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in
              ("World", "Business", "Markets", "Politics", "Technology", "Opinion", "Sport"))
TEASERS = ["Troops shell border posts as talks stall", "Ministers meet to discuss the trade accord",
           "Rebels seize a town in the north, officials say", "Central bank raises rates again",
           "Leaders sign a pact on fishing rights"]
FOOTER = "".join(f'<li><a href="/{s}">{s.title()}</a></li>' for s in ("about", "contact", "privacy", "terms"))


def make_pages(n: int) -> list[bytes]:
    pages = []
    for k, (_, rec) in enumerate(first_records(REUTERS, n)):
        paras = [p.strip() for p in rec["text"].split("\n\n") if p.strip()] or [rec["text"]]
        body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paras)
        links = "".join(f'<li><a href="/s/{k}-{i}">{t}</a></li>' for i, t in enumerate(TEASERS))
        title = html.escape(rec.get("title") or " ".join(rec["text"].split()[:8]))
        pages.append(PAGE.format(title=title, date=rec.get("date") or "1987-03-01", n=k, nav=NAV, body=body,
                                 teasers=links, related=links, footer=FOOTER).encode("utf-8"))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pages = make_pages(args.pages)
    coder = Coder()
    docs = [page_to_document(f"p{k}", raw) for k, raw in enumerate(pages)]       # warm both up
    docs = [d for d in docs if isinstance(d, Document)]
    list(coder.pipe(docs[:50]))
    extract, code = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        got = [page_to_document(f"p{k}", raw) for k, raw in enumerate(pages)]
        extract.append(time.perf_counter() - t)
        t = time.perf_counter()
        list(coder.pipe(docs))
        code.append(time.perf_counter() - t)
    kept = sum(isinstance(d, Document) for d in got)
    mb = sum(map(len, pages)) / 1e6
    e, c = statistics.median(extract), statistics.median(code)
    print(f"{len(pages)} pages ({mb:.1f} MB of HTML), {kept} with article text; medians of {args.repeat}")
    print(f"extraction (decode + trafilatura): {len(pages) / e:8.1f} pages/s  ({e:.2f} s)")
    print(f"coding (1 process, prefilter):     {len(docs) / c:8.1f} pages/s  ({c:.2f} s)")
    print(f"extraction / coding: {(len(pages) / e) / (len(docs) / c):.1f}x  (target >= 5x)")


if __name__ == "__main__":
    main()
