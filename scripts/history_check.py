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
import math
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
    # added 2026-12-05, chosen from the public record before the series were looked at
    ("TUR", "SYR", "2018-01", "conflict", "Turkish offensive on Afrin (Operation Olive Branch)"),
    ("TUR", "SYR", "2019-10", "conflict", "Turkish offensive in northeast Syria (Operation Peace Spring)"),
    ("USA", "SYR", "2017-04", "conflict", "US missile strike on Shayrat air base"),
    ("USA", "SYR", "2018-04", "conflict", "US, British and French strikes after the Douma attack"),
    ("ISR", "IRN", "2024-04", "conflict", "Iran's drone and missile attack on Israel; Israeli strike near Isfahan"),
    ("ISR", "IRN", "2024-10", "conflict", "Iran's missile attack on Israel; Israeli strikes on Iran"),
    ("ISR", "IRN", "2025-06", "conflict", "Twelve-Day War"),
    ("PRK", "KOR", "2010-05", "conflict", "Seoul blames Pyongyang for sinking the Cheonan, cuts trade"),
    ("PRK", "KOR", "2010-11", "conflict", "North Korean shelling of Yeonpyeong island"),
    ("THA", "KHM", "2011-02", "conflict", "border clashes near Preah Vihear"),
    ("THA", "KHM", "2025-07", "conflict", "border war of July 2025"),
    ("RUS", "TUR", "2015-11", "conflict", "Turkey shoots down a Russian Su-24"),
    ("SDN", "SSD", "2012-04", "conflict", "Heglig oil field crisis"),
    ("ISR", "PSE", "2009-01", "conflict", "Gaza war (Operation Cast Lead)"),
    ("ISR", "PSE", "2021-05", "conflict", "Gaza war of May 2021"),
    ("SAU", "IRN", "2016-01", "conflict", "execution of Nimr al-Nimr, embassy stormed, ties cut"),
    ("QAT", "SAU", "2017-06", "conflict", "Saudi-led states cut ties with Qatar and blockade it"),
    ("ARM", "AZE", "2016-04", "conflict", "Four-Day War in Nagorno-Karabakh"),
    ("IND", "PAK", "2016-09", "conflict", "Uri attack and India's cross-border strikes"),
    ("CHN", "TWN", "2022-08", "conflict", "Chinese military drills around Taiwan after Pelosi's visit"),
    ("PRK", "KOR", "2018-04", "cooperation", "Panmunjom summit"),
    ("PRK", "KOR", "2018-09", "cooperation", "Pyongyang summit"),
    ("SAU", "IRN", "2023-03", "cooperation", "ties restored in a Beijing-brokered deal"),
    ("QAT", "SAU", "2021-01", "cooperation", "Al-Ula declaration ends the blockade"),
    ("GRC", "MKD", "2018-06", "cooperation", "Prespa agreement on the name"),
    ("SRB", "XKX", "2013-04", "cooperation", "Brussels agreement on normalising relations"),
    ("USA", "RUS", "2010-04", "cooperation", "New START treaty signed in Prague"),
    ("ISR", "MAR", "2020-12", "cooperation", "Israel-Morocco normalisation agreement"),
    ("RUS", "TUR", "2016-08", "cooperation", "reconciliation: Erdogan visits Putin in St Petersburg"),
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
    fig.tight_layout(rect=(0, 0, 1, 0.985))      # room for the title above the first row
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
    for kind in ("conflict", "cooperation"):
        part = table[table["kind"] == kind]
        ranked = [(int(r[7].split()[0]), r[6]) for r in part.itertuples(index=False) if isinstance(r[7], str)]
        # the pair's most conflictual (cooperative) tenth: its ceil(n/10) top months, at least one
        top = sum(1 for rank, n in ranked if rank <= math.ceil(n / 10))
        print(f"\n{kind}: {top} of {len(part)} months in their pair's top tenth "
              f"(the ceil(n/10) top months of the n with events; {len(part) - len(ranked)} months "
              f"with no event); {sum(1 for rank, n in ranked if rank / n <= 0.10)} by rank/n <= 10%")
    return table


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
