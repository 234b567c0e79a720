"""Do the relation series reflect known history? For country pairs across regions, rank
each month by the dyad's Goldstein sum (asserted events, each real event once) and see
where the months of well-known wars, strikes and clashes, and of summits and
normalisation deals, fall.

    python scripts/history_check.py --db wcep.duckdb --out docs/history

Writes docs/history.md (a table) and docs/history.png (the series with the known months
marked). The months below are facts of the public record, chosen before looking at
the series.
"""
import argparse
import sys
from pathlib import Path

import pandas as pd

import detente

# pair, month, kind ("conflict" or "cooperation"), what happened
KNOWN = [
    ("RUS", "UKR", "2014-03", "conflict", "Russia seizes and annexes Crimea"),
    ("RUS", "UKR", "2022-02", "conflict", "Russia's full-scale invasion of Ukraine"),
    ("RUS", "UKR", "2022-03", "conflict", "battles for Kyiv, Kharkiv and Mariupol"),
    ("RUS", "GEO", "2008-08", "conflict", "Russo-Georgian war"),
    ("ISR", "PSE", "2014-07", "conflict", "Gaza war (Operation Protective Edge)"),
    ("ISR", "PSE", "2023-10", "conflict", "Hamas attack on Israel and the Gaza war"),
    ("ISR", "LBN", "2006-07", "conflict", "Israel-Hezbollah war"),
    ("ISR", "LBN", "2024-10", "conflict", "Israeli ground invasion of southern Lebanon"),
    ("IND", "PAK", "2019-02", "conflict", "Pulwama bombing and Balakot airstrike"),
    ("IND", "PAK", "2025-05", "conflict", "Indian strikes on Pakistan (Operation Sindoor) and clashes"),
    ("ARM", "AZE", "2020-10", "conflict", "second Nagorno-Karabakh war"),
    ("ARM", "AZE", "2023-09", "conflict", "Azerbaijani offensive in Nagorno-Karabakh"),
    ("USA", "IRQ", "2003-03", "conflict", "US-led invasion of Iraq"),
    ("SAU", "YEM", "2015-03", "conflict", "Saudi-led intervention in Yemen"),
    ("CHN", "IND", "2020-06", "conflict", "Galwan valley clash"),
    ("USA", "IRN", "2020-01", "conflict", "killing of Soleimani and Iran's missile strikes"),
    ("USA", "PRK", "2018-06", "cooperation", "Singapore summit"),
    ("USA", "PRK", "2019-02", "cooperation", "Hanoi summit"),
    ("USA", "CUB", "2014-12", "cooperation", "announcement of the normalisation of relations"),
    ("USA", "CUB", "2016-03", "cooperation", "Obama visits Havana"),
    ("ISR", "ARE", "2020-09", "cooperation", "Abraham Accords signed"),
    ("ETH", "ERI", "2018-07", "cooperation", "peace declaration ending the border war"),
    ("USA", "IRN", "2015-07", "cooperation", "nuclear deal (JCPOA) concluded"),
    ("IND", "PAK", "2004-01", "cooperation", "Vajpayee and Musharraf agree to resume dialogue"),
    ("ARM", "AZE", "2025-08", "cooperation", "peace declaration signed in Washington"),
]


def rank_table(db) -> pd.DataFrame:
    rows = []
    series = {}
    for a, b, month, kind, what in KNOWN:
        key = (a, b)
        if key not in series:
            series[key] = detente.relations(db, a, b, freq="M")
        df = series[key]
        active = df[df["both_events"] > 0]
        ts = pd.Timestamp(month + "-01")
        if ts not in active.index:
            rows.append((f"{a}-{b}", month, kind, what, 0, None, len(active), None))
            continue
        g = active["both_goldstein_sum"]
        if kind == "conflict":
            rank = int((g < g[ts]).sum()) + 1          # 1 = the most conflictual month
        else:
            rank = int((g > g[ts]).sum()) + 1          # 1 = the most cooperative month
        pct = rank / len(active)
        rows.append((f"{a}-{b}", month, kind, what, int(active.loc[ts, "both_events"]),
                     round(float(g[ts]), 1), len(active), f"{rank} ({pct:.0%})"))
    return pd.DataFrame(rows, columns=["pair", "month", "kind", "what happened", "events",
                                       "goldstein", "months with events", "rank (top %)"]), series


def figure(series, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    pairs = list(series)
    fig, axes = plt.subplots((len(pairs) + 2) // 3, 3, figsize=(15, 2.6 * ((len(pairs) + 2) // 3)))
    for ax, key in zip(axes.flat, pairs):
        df = series[key]
        ax.bar(df.index, df["both_goldstein_sum"].clip(lower=0), width=25, color="#3b7dd8")
        ax.bar(df.index, df["both_goldstein_sum"].clip(upper=0), width=25, color="#d8533b")
        for a, b, month, kind, _ in KNOWN:
            if (a, b) == key:
                ax.axvline(pd.Timestamp(month + "-01"), color="black" if kind == "conflict" else "green",
                           linestyle=":", linewidth=1)
        ax.set_title(f"{key[0]}–{key[1]}", fontsize=10)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(pairs):]:
        ax.axis("off")
    fig.suptitle("Monthly Goldstein sum per dyad (WCEP 2002–2026); dotted: known conflict (black) "
                 "and cooperation (green) months", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default="docs/history")
    args = ap.parse_args()
    table, series = rank_table(args.db)
    out = Path(args.out)
    figure(series, out.with_suffix(".png"))
    cols = list(table.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in table.itertuples(index=False):
        lines.append("| " + " | ".join("" if v is None else str(v) for v in row) + " |")
    print("\n".join(lines))
    return table


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
