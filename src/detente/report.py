"""Plain-text reports over the relations analysis (``detente relations``, ``detente demo``)."""
from __future__ import annotations

import math

import pandas as pd

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values) -> str:
    vals = [0.0 if (v is None or (isinstance(v, float) and math.isnan(v))) else float(v) for v in values]
    if not vals:
        return ""
    lo, hi = min(vals), max(vals)
    if hi == lo:
        return BLOCKS[3] * len(vals)
    return "".join(BLOCKS[min(7, int((v - lo) / (hi - lo) * 8))] for v in vals)


def relations_table(df: pd.DataFrame, a: str, b: str, turning=(), freq: str = "M", width: int = 110) -> str:
    fmt = {"W": "%Y-%m-%d", "M": "%Y-%m", "Q": "%Y-%m", "Y": "%Y"}[freq]
    lines = [f"{a}–{b} relations by {dict(W='week', M='month', Q='quarter', Y='year')[freq]} "
             f"(asserted events, each real event once)",
             f"Goldstein sum: {sparkline(df['both_goldstein_sum']) if len(df) else ''}",
             "",
             f"{'period':10} {a + '→' + b:>8} {b + '→' + a:>8} {'coop':>5} {'confl':>5} {'goldstein':>9} {'mean':>6}"]
    for period, r in df.iterrows():
        if r["both_events"] == 0:
            continue
        coop = int(r["both_verbal_coop"] + r["both_material_coop"])
        confl = int(r["both_verbal_conflict"] + r["both_material_conflict"])
        mean = r["both_goldstein_mean"]
        lines.append(f"{period.strftime(fmt):10} {int(r['ab_events']):8d} {int(r['ba_events']):8d} {coop:5d} "
                     f"{confl:5d} {r['both_goldstein_sum']:9.1f} {mean:6.1f}")
    if not len(df):
        lines.append("(no events between these actors)")
    if turning:
        lines += ["", "turning points:"]
        for tp in turning:
            lines.append(f"  {tp.period.strftime(fmt)}  {tp.direction} (Goldstein per {freq}: "
                         f"{tp.before:+.1f} → {tp.after:+.1f})")
            for _, e in tp.events.head(1).iterrows():
                text = " ".join(str(e["evidence"]).split())
                lines.append(f"    {e['date']:%Y-%m-%d} {e['source']}→{e['target']} {e['cameo']}: "
                             + (text if len(text) <= width - 30 else text[:width - 33] + "..."))
    return "\n".join(lines)


def plot(df: pd.DataFrame, a: str, b: str, path, turning=()) -> None:
    """Monthly cooperation and conflict bars with the Goldstein line, turning points marked."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 4.5))
    x = df.index
    coop = df["both_verbal_coop"] + df["both_material_coop"]
    confl = df["both_verbal_conflict"] + df["both_material_conflict"]
    width = 20 if len(x) > 1 and (x[1] - x[0]).days >= 28 else 5
    ax.bar(x, coop, width=width, color="#3b7dd8", label="cooperation events")
    ax.bar(x, -confl, width=width, color="#d8533b", label="conflict events")
    ax.set_ylabel("events (conflict below zero)")
    ax2 = ax.twinx()
    ax2.plot(x, df["both_goldstein_sum"], color="black", linewidth=1.2, label="Goldstein sum")
    ax2.set_ylabel("Goldstein sum")
    for tp in turning:
        ax.axvline(tp.period, color="#888", linestyle="--", linewidth=1)
    ax.set_title(f"{a}–{b} relations")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
