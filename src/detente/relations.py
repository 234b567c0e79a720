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


# The columns by which the ``events_dedup`` view (store.py) merges the reports of one real event.
DEDUP_KEYS = "source, target, source_country, target_country, cameo_root, mode, date, place"


def _dedup(where: str, columns: str, table: str = "events") -> str:
    """The rows of ``events_dedup`` that ``where`` (a condition on the view's key columns)
    keeps, with only ``columns`` (aggregates as the view defines them) computed.

    The same rows and values as ``SELECT ... FROM events_dedup WHERE ...``: the filter is
    on grouping columns, so applying it before grouping keeps whole groups. Querying the
    view itself costs more on a large database, because DuckDB keeps computing its
    ``count(DISTINCT doc_id)`` (a second aggregation and a join) even when it is not used."""
    return f"(SELECT {columns} FROM {table} WHERE {where} GROUP BY {DEDUP_KEYS})"


def relations(db, a: str, b: str, freq: str = "M", start: str | None = None, end: str | None = None,
              dedup: bool = True, mode: str = "asserted", con=None) -> pd.DataFrame:
    """One row per period: for ``a->b``, ``b->a`` and ``both``, the number of events, the
    count of each quad class and the Goldstein sum and mean. Periods with no events are
    present with zeros, from the first to the last period with any."""
    a, b, unit = _check(a, b, freq)
    own = con is None
    con = con or connect(db, read_only=True)
    try:
        where = """mode = $mode AND date IS NOT NULL
              AND ((starts_with(source, $a) AND starts_with(target, $b))
                OR (starts_with(source, $b) AND starts_with(target, $a)))
              AND ($start IS NULL OR date >= CAST($start AS DATE))
              AND ($end IS NULL OR date <= CAST($end AS DATE))"""
        if dedup:
            table = _dedup(where, "source, date, any_value(quad_class) AS quad_class, "
                                  "avg(goldstein) AS goldstein, count(*) AS mentions")
        else:
            table = f"(SELECT source, date, quad_class, goldstein, 1 AS mentions FROM events WHERE {where})"
        rows = con.execute(f"""
            SELECT date_trunc('{unit}', date) AS period,
                   CASE WHEN starts_with(source, $a) THEN 'ab' ELSE 'ba' END AS dir,
                   count(*) AS events,
                   count(*) FILTER (quad_class = 1) AS verbal_coop,
                   count(*) FILTER (quad_class = 2) AS material_coop,
                   count(*) FILTER (quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (quad_class = 4) AS material_conflict,
                   sum(goldstein) AS goldstein_sum,
                   sum(mentions) AS reports
            FROM {table}
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
        found = []
        bounds = [0, *breaks, len(signal)]
        for k, br in enumerate(breaks):
            before = float(signal[bounds[k]:br].mean())
            after = float(signal[br:bounds[k + 2]].mean())
            found.append((df.index[br], before, after, "improving" if after > before else "deteriorating"))
        events = _driving_events(con, a, b, [(p, d) for p, _, _, d in found], freq, top)
        return [TurningPoint(p, before, after, d, ev) for (p, before, after, d), ev in zip(found, events)]
    finally:
        if own:
            con.close()


def driving_events(con, a: str, b: str, period, freq: str, direction: str, top: int = 3) -> pd.DataFrame:
    """The events of ``period`` and the next that push the relation in ``direction`` the
    most (Goldstein value times mentions), each real event once, with the evidence of its
    first report."""
    return _driving_events(con, a, b, [(period, direction)], freq, top)[0]


def _driving_events(con, a: str, b: str, wanted: list, freq: str, top: int = 3) -> list[pd.DataFrame]:
    """:func:`driving_events` of each (period, direction) in ``wanted``, from one query."""
    a, b, unit = _check(a, b, freq)
    if not wanted:
        return []
    # events_dedup rows computed from the periods' events alone (not joined back to the
    # whole events table); sign +1 keeps positive Goldstein values, largest first
    where = f"""mode = 'asserted'
          AND date_trunc('{unit}', date) IN (SELECT p FROM wanted UNION ALL SELECT p + INTERVAL 1 {unit} FROM wanted)
          AND ((starts_with(source, $a) AND starts_with(target, $b))
            OR (starts_with(source, $b) AND starts_with(target, $a)))"""
    d = _dedup(where, "min(event_id) AS event_id, date, source, target, min(cameo) AS cameo, "
                      "avg(goldstein) AS goldstein, count(*) AS mentions, "
                      "arg_min(evidence, event_id) AS evidence, arg_min(doc_id, event_id) AS doc_id")
    rows = con.execute(f"""
        WITH wanted AS (SELECT unnest($k) AS k, CAST(unnest($p) AS DATE) AS p, unnest($sign) AS sign)
        SELECT w.k, d.event_id, d.date, d.source, d.target, d.cameo, d.goldstein, d.mentions, d.evidence, d.doc_id
        FROM {d} d JOIN wanted w ON date_trunc('{unit}', d.date) >= w.p
                                AND date_trunc('{unit}', d.date) <= w.p + INTERVAL 1 {unit}
        WHERE d.goldstein * w.sign > 0
        QUALIFY row_number() OVER (PARTITION BY w.k ORDER BY d.goldstein * d.mentions * -w.sign, d.event_id)
                <= {int(top)}
        ORDER BY w.k, d.goldstein * d.mentions * -w.sign, d.event_id""",
        {"a": a, "b": b, "k": list(range(len(wanted))), "p": [pd.Timestamp(p).date() for p, _ in wanted],
         "sign": [1 if direction == "improving" else -1 for _, direction in wanted]}).df()
    out = []
    for k in range(len(wanted)):
        part = rows[rows["k"] == k].drop(columns="k").reset_index(drop=True)
        if part.empty:      # as a query with no rows gives it: text columns of dtype object
            part = part.astype({c: object for c, t in part.dtypes.items() if isinstance(t, pd.StringDtype)})
        out.append(part)
    return out


def busiest_pairs(con, n: int) -> list[tuple[str, str]]:
    """The ``n`` country pairs (unordered, alphabetical within a pair) with the most
    asserted events between two different countries."""
    return con.execute("""
        SELECT least(source_country, target_country) AS x, greatest(source_country, target_country) AS y
        FROM events WHERE mode = 'asserted' AND source_country <> target_country
          AND regexp_full_match(source_country, '[A-Z]{3}') AND regexp_full_match(target_country, '[A-Z]{3}')
        GROUP BY ALL ORDER BY count(*) DESC, x, y LIMIT $n""", {"n": int(n)}).fetchall()


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
        where = f"""mode = 'asserted' AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}
              AND {s} <> '---' AND {t} <> '---'
              AND ($start IS NULL OR date >= CAST($start AS DATE))
              AND ($end IS NULL OR date <= CAST($end AS DATE))"""
        cols = f"{s}, {t}, any_value(quad_class) AS quad_class, avg(goldstein) AS goldstein"
        first = ""
        if dedup and by == "volume":
            # A dyad has no more real events than reports. So the real events of the `top`
            # dyads with the most reports are counted first; the top-th largest of these counts
            # is a floor that no dyad with fewer reports can reach, and only the other dyads
            # with at least that many reports need de-duplicating too (most often none).
            def among(dyads):
                return _dedup(where, cols, f"events SEMI JOIN {dyads} ON {s} = {dyads}.s_ AND {t} = {dyads}.t_")
            first = f"""WITH reports AS (SELECT {s} AS s_, {t} AS t_, count(*) AS n FROM events WHERE {where}
                                     GROUP BY ALL),
                 busiest AS (SELECT s_, t_ FROM reports ORDER BY n DESC, s_, t_ LIMIT {int(top)}),
                 counted AS MATERIALIZED {among("busiest")},
                 floor AS (SELECT coalesce(min(n), 0) AS n FROM
                               (SELECT count(*) AS n FROM counted GROUP BY {s}, {t} ORDER BY n DESC LIMIT {int(top)})),
                 rest AS (SELECT s_, t_ FROM reports WHERE n >= (SELECT n FROM floor)
                          EXCEPT SELECT s_, t_ FROM busiest)"""
            table = f"(SELECT * FROM counted UNION ALL SELECT * FROM {among('rest')})"
        elif dedup:
            table = _dedup(where, cols)
        else:
            table = f"(SELECT {s}, {t}, quad_class, goldstein FROM events WHERE {where})"
        return con.execute(f"""{first}
            SELECT {s} AS source, {t} AS target, count(*) AS events, sum(goldstein) AS goldstein_sum,
                   avg(goldstein) AS goldstein_mean,
                   count(*) FILTER (quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (quad_class IN (3, 4)) AS conflict
            FROM {table}
            GROUP BY ALL ORDER BY {order}, source, target LIMIT {int(top)}""",
            {"start": start, "end": end}).df()
    finally:
        if own:
            con.close()
