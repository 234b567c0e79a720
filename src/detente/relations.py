"""Stage 6, analyse: relations between two actors over time, their turning points, and
the network of the strongest dyads.

    >>> import detente
    >>> df = detente.relations("detente.duckdb", "AFG", "PAK", freq="M")      # doctest: +SKIP
    >>> tp = detente.turning_points("detente.duckdb", "AFG", "PAK")           # doctest: +SKIP

Actors are matched by code prefix: ``"AFG"`` is every Afghan actor, ``"AFGGOV"`` the
government only. By default only asserted events count, and each real event once
(the ``events_dedup`` view); ``dedup=False`` counts every report.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .errors import ConfigError
from .store import connect

FREQS = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}
COLUMNS = ("events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
           "goldstein_sum", "goldstein_mean")


def _check(a: str, b: str, freq: str) -> tuple[str, str, str]:
    if freq not in FREQS:
        raise ConfigError(f"freq {freq!r}: use one of {', '.join(FREQS)}")
    for code in (a, b):
        if not (3 <= len(code) <= 12 and code.replace("-", "").isalnum()):
            raise ConfigError(f"actor {code!r}: give a CAMEO-style code such as AFG or AFGGOV")
    return a.upper(), b.upper(), FREQS[freq]


def _table(dedup: bool) -> str:
    return "events_dedup" if dedup else "events"


def relations(db, a: str, b: str, freq: str = "M", start: str | None = None, end: str | None = None,
              dedup: bool = True, mode: str = "asserted", con=None) -> pd.DataFrame:
    """One row per period: for ``a->b``, ``b->a`` and ``both``, the number of events, the
    count of each quad class and the Goldstein sum and mean. Periods with no events are
    present with zeros, from the first to the last period with any."""
    a, b, unit = _check(a, b, freq)
    own = con is None
    con = con or connect(db, read_only=True)
    try:
        weight = "mentions" if dedup else "1"
        rows = con.execute(f"""
            SELECT date_trunc('{unit}', date) AS period,
                   CASE WHEN starts_with(source, $a) THEN 'ab' ELSE 'ba' END AS dir,
                   count(*) AS events,
                   count(*) FILTER (quad_class = 1) AS verbal_coop,
                   count(*) FILTER (quad_class = 2) AS material_coop,
                   count(*) FILTER (quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (quad_class = 4) AS material_conflict,
                   sum(goldstein) AS goldstein_sum,
                   sum({weight}) AS reports
            FROM {_table(dedup)}
            WHERE mode = $mode AND date IS NOT NULL
              AND ((starts_with(source, $a) AND starts_with(target, $b))
                OR (starts_with(source, $b) AND starts_with(target, $a)))
              AND ($start IS NULL OR date >= CAST($start AS DATE))
              AND ($end IS NULL OR date <= CAST($end AS DATE))
            GROUP BY ALL ORDER BY period""",
            {"a": a, "b": b, "mode": mode, "start": start, "end": end}).df()
    finally:
        if own:
            con.close()
    return _widen(rows, freq)


def _widen(rows: pd.DataFrame, freq: str) -> pd.DataFrame:
    counts = ["events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "goldstein_sum"]
    if rows.empty:
        cols = [f"{d}_{c}" for d in ("ab", "ba", "both") for c in COLUMNS]
        return pd.DataFrame(columns=cols, index=pd.DatetimeIndex([], name="period"))
    rows["period"] = pd.to_datetime(rows["period"])
    wide = rows.pivot_table(index="period", columns="dir", values=counts, aggfunc="sum", fill_value=0)
    alias = {"W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}[freq]
    full = pd.date_range(wide.index.min(), wide.index.max(), freq=alias)
    wide = wide.reindex(full, fill_value=0)
    out = pd.DataFrame(index=full)
    out.index.name = "period"
    for d in ("ab", "ba"):
        for c in counts:
            out[f"{d}_{c}"] = wide[(c, d)] if (c, d) in wide.columns else 0
        out[f"{d}_goldstein_mean"] = (out[f"{d}_goldstein_sum"] / out[f"{d}_events"]).where(out[f"{d}_events"] > 0)
    for c in counts:
        out[f"both_{c}"] = out[f"ab_{c}"] + out[f"ba_{c}"]
    out["both_goldstein_mean"] = (out["both_goldstein_sum"] / out["both_events"]).where(out["both_events"] > 0)
    ints = [c for c in out.columns if not c.endswith(("_sum", "_mean"))]
    out[ints] = out[ints].astype("int64")
    return out


@dataclass(frozen=True)
class TurningPoint:
    period: pd.Timestamp
    before: float           # mean Goldstein sum per period in the segment before
    after: float            # ... and after
    direction: str          # "improving" or "deteriorating"
    events: pd.DataFrame    # the events of the period that drive the change


def turning_points(db, a: str, b: str, freq: str = "M", series: pd.DataFrame | None = None,
                   penalty: float | None = None, top: int = 3, con=None) -> list[TurningPoint]:
    """Periods where the relation shifts: change points in the mean of the dyad's
    Goldstein series (smoothed over three periods, standardised; ruptures' PELT with an
    L2 cost and a penalty of log(n) unless given), each with the events of that period
    and the next that push in the direction of the change."""
    import numpy as np
    import ruptures

    own = con is None
    con = con or connect(db, read_only=True)
    try:
        df = series if series is not None else relations(db, a, b, freq, con=con)
        if len(df) < 4:
            return []
        signal = df["both_goldstein_sum"].rolling(3, center=True, min_periods=1).mean().to_numpy(dtype=float)
        scale = signal.std() or 1.0
        x = ((signal - signal.mean()) / scale).reshape(-1, 1)
        pen = penalty if penalty is not None else float(np.log(len(x)))
        breaks = ruptures.Pelt(model="l2", min_size=3).fit(x).predict(pen=pen)[:-1]
        out = []
        bounds = [0, *breaks, len(signal)]
        for k, br in enumerate(breaks):
            before = float(signal[bounds[k]:br].mean())
            after = float(signal[br:bounds[k + 2]].mean())
            period = df.index[br]
            direction = "improving" if after > before else "deteriorating"
            events = driving_events(con, a, b, period, freq, direction, top)
            out.append(TurningPoint(period, before, after, direction, events))
        return out
    finally:
        if own:
            con.close()


def driving_events(con, a: str, b: str, period, freq: str, direction: str, top: int = 3) -> pd.DataFrame:
    a, b, unit = _check(a, b, freq)
    order = "DESC" if direction == "improving" else "ASC"
    return con.execute(f"""
        SELECT d.event_id, d.date, d.source, d.target, d.cameo, d.goldstein, d.mentions, e.evidence, e.doc_id
        FROM events_dedup d JOIN events e ON e.event_id = d.event_id
        WHERE d.mode = 'asserted' AND date_trunc('{unit}', d.date) >= CAST($p AS DATE)
          AND date_trunc('{unit}', d.date) <= CAST($p AS DATE) + INTERVAL 1 {unit}
          AND ((starts_with(d.source, $a) AND starts_with(d.target, $b))
            OR (starts_with(d.source, $b) AND starts_with(d.target, $a)))
          AND d.goldstein {">" if direction == "improving" else "<"} 0
        ORDER BY d.goldstein * d.mentions {order}, d.event_id LIMIT {int(top)}""",
        {"a": a, "b": b, "p": pd.Timestamp(period).date()}).df()


def network(db, start: str | None = None, end: str | None = None, top: int = 20, by: str = "volume",
            level: str = "country", dedup: bool = True, con=None) -> pd.DataFrame:
    """The strongest dyads of a period: by ``volume`` (events) or ``goldstein`` (the most
    cooperative and most conflictual, by absolute Goldstein sum), between countries
    (``level="country"``) or full actor codes (``level="actor"``)."""
    if by not in ("volume", "goldstein"):
        raise ConfigError(f"by {by!r}: use volume or goldstein")
    if level not in ("country", "actor"):
        raise ConfigError(f"level {level!r}: use country or actor")
    s, t = ("source_country", "target_country") if level == "country" else ("source", "target")
    order = "events DESC" if by == "volume" else "abs(goldstein_sum) DESC"
    own = con is None
    con = con or connect(db, read_only=True)
    try:
        return con.execute(f"""
            SELECT {s} AS source, {t} AS target, count(*) AS events, sum(goldstein) AS goldstein_sum,
                   avg(goldstein) AS goldstein_mean,
                   count(*) FILTER (quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (quad_class IN (3, 4)) AS conflict
            FROM {_table(dedup)}
            WHERE mode = 'asserted' AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}
              AND {s} <> '---' AND {t} <> '---'
              AND ($start IS NULL OR date >= CAST($start AS DATE))
              AND ($end IS NULL OR date <= CAST($end AS DATE))
            GROUP BY ALL ORDER BY {order}, source, target LIMIT {int(top)}""",
            {"start": start, "end": end}).df()
    finally:
        if own:
            con.close()
