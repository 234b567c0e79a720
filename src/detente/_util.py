"""Small helpers shared by the stages."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice


def chunks(it: Iterable, n: int) -> Iterator[list]:
    """Consecutive lists of up to ``n`` items."""
    it = iter(it)
    while True:
        batch = list(islice(it, n))
        if not batch:
            return
        yield batch


def clip(text: str, n: int = 200) -> str:
    """At most ``n`` characters of ``text``: messages never echo more of the input."""
    return text if len(text) <= n else text[:n] + f"... ({len(text):,} characters)"


def one_line(text: str, n: int = 300) -> str:
    """``text`` clipped, with line breaks and other unprintable characters escaped."""
    text = clip(text, n)
    return text if text.isprintable() else "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def tree_distance(a, b) -> int:
    """Steps between two tokens of one parse tree (99 when they share no ancestor)."""
    up = {t.i: k for k, t in enumerate([a, *a.ancestors])}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return k + up[t.i]
    return 99


def child(t, dep: str):
    """The first dependent of token ``t`` with relation ``dep``, or None."""
    return next((c for c in t.children if c.dep_ == dep), None)
