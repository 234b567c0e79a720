"""Plain-text reports over coded events (used by ``detente demo``)."""
from __future__ import annotations

import collections

from .cameo import QUAD_NAMES


def dyad_report(events, a: str, b: str, width: int = 120) -> str:
    """Monthly account of the asserted events between countries ``a`` and ``b``
    (both directions): counts per quad class and the Goldstein sum, then examples."""
    rows = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0.0])
    picked = []
    for e in events:
        if e.mode != "asserted" or not e.source or not e.target:
            continue
        pair = {e.source[:3], e.target[:3]}
        if pair != {a, b}:
            continue
        month = (e.date or "????-??")[:7]
        r = rows[month]
        r[0] += 1
        r[e.quad_class] += 1
        r[5] += e.goldstein
        picked.append(e)
    lines = [f"{a}-{b} relations, both directions, asserted events by month",
             f"{'month':8} {'events':>6} {'v.coop':>6} {'m.coop':>6} {'v.conf':>6} {'m.conf':>6} "
             f"{'goldstein':>9}  balance"]
    for month in sorted(rows):
        n, q1, q2, q3, q4, g = rows[month]
        bar = ("+" * min(20, round(max(g, 0) / 2))) or ("-" * min(20, round(-g / 2)))
        lines.append(f"{month:8} {n:6d} {q1:6d} {q2:6d} {q3:6d} {q4:6d} {g:9.1f}  {bar}")
    if not rows:
        lines.append("(no events)")
    lines.append("")
    lines.append("examples:")
    for e in sorted(picked, key=lambda e: e.date or "")[:12]:
        text = f"  {e.date} {e.source}->{e.target} {e.cameo} {QUAD_NAMES[e.quad_class]}: "
        lines.append((text + e.evidence.replace("\n", " "))[:width])
    return "\n".join(lines)
