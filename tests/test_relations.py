"""relations(), turning_points() and network() give what querying the events_dedup view
gives: they compute the view's rows from the filtered events instead, for speed."""
import json

import pandas as pd
import pytest

import detente
from detente.relations import FREQS, _widen, driving_events
from detente.cli import sample_path
from detente.ingest import ingest
from detente.store import connect

PAIR = """((starts_with(source, $a) AND starts_with(target, $b))
        OR (starts_with(source, $b) AND starts_with(target, $a)))"""


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    """The bundled sample plus the same events reported by several documents."""
    path = tmp_path_factory.mktemp("rel") / "x.duckdb"
    extra = path.parent / "repeats.jsonl"
    lines = [json.dumps({"id": f"r{k}", "text": f"Pakistani troops shelled Afghan border posts in Kunar on "
                         f"Tuesday, {who} said. Kabul condemned the shelling.", "date": "2016-06-15"})
             for k, who in enumerate(["officials", "witnesses", "a spokesman"])]
    extra.write_text("\n".join(lines) + "\n")
    ingest([sample_path(), extra], path, coder=coder, progress=False)
    with connect(path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events_dedup WHERE mentions > 1").fetchone()[0] > 0
    return path


def _view_series(con, a, b, freq, dedup):
    unit = FREQS[freq]
    rows = con.execute(f"""
        SELECT date_trunc('{unit}', date) AS period,
               CASE WHEN starts_with(source, $a) THEN 'ab' ELSE 'ba' END AS dir,
               count(*) AS events, count(*) FILTER (quad_class = 1) AS verbal_coop,
               count(*) FILTER (quad_class = 2) AS material_coop, count(*) FILTER (quad_class = 3) AS verbal_conflict,
               count(*) FILTER (quad_class = 4) AS material_conflict, sum(goldstein) AS goldstein_sum
        FROM {"events_dedup" if dedup else "events"}
        WHERE mode = 'asserted' AND date IS NOT NULL AND {PAIR}
        GROUP BY ALL ORDER BY period""", {"a": a, "b": b}).df()
    return _widen(rows, freq)


@pytest.mark.parametrize("freq", ["M", "Y"])
@pytest.mark.parametrize("dedup", [True, False])
def test_relations_equal_the_view(db, freq, dedup):
    with connect(db, read_only=True) as con:
        for a, b in [("AFG", "PAK"), ("PAKMIL", "AFG"), ("USA", "AFG")]:
            want = _view_series(con, a, b, freq, dedup)
            got = detente.relations(db, a, b, freq=freq, dedup=dedup, con=con)
            pd.testing.assert_frame_equal(got, want, check_exact=False)
    assert detente.relations(db, "AFG", "PAK", dedup=True)["both_events"].sum() < \
        detente.relations(db, "AFG", "PAK", dedup=False)["both_events"].sum()


def _view_driving(con, a, b, period, freq, direction, top=3):
    unit = FREQS[freq]
    return con.execute(f"""
        SELECT d.event_id, d.date, d.source, d.target, d.cameo, d.goldstein, d.mentions, e.evidence, e.doc_id
        FROM events_dedup d JOIN events e ON e.event_id = d.event_id
        WHERE d.mode = 'asserted' AND date_trunc('{unit}', d.date) >= CAST($p AS DATE)
          AND date_trunc('{unit}', d.date) <= CAST($p AS DATE) + INTERVAL 1 {unit}
          AND {PAIR.replace("source", "d.source").replace("target", "d.target")}
          AND d.goldstein {">" if direction == "improving" else "<"} 0
        ORDER BY d.goldstein * d.mentions {"DESC" if direction == "improving" else "ASC"}, d.event_id
        LIMIT {top}""", {"a": a, "b": b, "p": period.date()}).df()


@pytest.mark.parametrize("freq", ["W", "M", "Q", "Y"])
def test_driving_events_equal_the_view(db, freq):
    with connect(db, read_only=True) as con:
        periods = detente.relations(db, "AFG", "PAK", freq=freq, con=con).index
        for period in periods[:: max(1, len(periods) // 12)]:
            for direction in ("improving", "deteriorating"):
                got = driving_events(con, "AFG", "PAK", period, freq, direction)
                pd.testing.assert_frame_equal(got, _view_driving(con, "AFG", "PAK", period, freq, direction),
                                              check_exact=False)


def test_turning_points_carry_the_driving_events(db):
    tps = detente.turning_points(db, "AFG", "PAK") + detente.turning_points(db, "AFG", "PAK", penalty=0.5)
    assert len(tps) >= 2 and {tp.direction for tp in tps} == {"improving", "deteriorating"}
    with connect(db, read_only=True) as con:
        for tp in tps:
            pd.testing.assert_frame_equal(tp.events, _view_driving(con, "AFG", "PAK", tp.period, "M", tp.direction),
                                          check_exact=False)
        # the repeated report counts once, with the evidence of its first report
        got = driving_events(con, "AFG", "PAK", pd.Timestamp("2016-06-01"), "M", "deteriorating", top=50)
        first = con.execute("SELECT min(event_id) FROM events "
                            "WHERE doc_id LIKE 'r%' AND cameo_root = '19'").fetchone()[0]
        row = got[got.event_id == first].iloc[0]
        assert row.mentions == 3 and row.doc_id.startswith("r") and "shelled" in row.evidence


@pytest.mark.parametrize("level", ["country", "actor"])
@pytest.mark.parametrize("by", ["volume", "goldstein"])
@pytest.mark.parametrize("dedup", [True, False])
@pytest.mark.parametrize("top", [1, 2, 3, 5, 20, 500])
def test_network_equals_the_view(db, level, by, dedup, top):
    s, t = ("source_country", "target_country") if level == "country" else ("source", "target")
    order = "events DESC" if by == "volume" else "abs(goldstein_sum) DESC"
    with connect(db, read_only=True) as con:
        for start, end in [(None, None), ("2015-01-01", "2015-12-31")]:
            want = con.execute(f"""
                SELECT {s} AS source, {t} AS target, count(*) AS events, sum(goldstein) AS goldstein_sum,
                       avg(goldstein) AS goldstein_mean,
                       count(*) FILTER (quad_class IN (1, 2)) AS cooperation,
                       count(*) FILTER (quad_class IN (3, 4)) AS conflict
                FROM {"events_dedup" if dedup else "events"}
                WHERE mode = 'asserted' AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}
                  AND {s} <> '---' AND {t} <> '---'
                  AND ($start IS NULL OR date >= CAST($start AS DATE))
                  AND ($end IS NULL OR date <= CAST($end AS DATE))
                GROUP BY ALL ORDER BY {order}, source, target LIMIT {top}""", {"start": start, "end": end}).df()
            got = detente.network(db, start=start, end=end, top=top, by=by, level=level, dedup=dedup, con=con)
            assert len(got) > 0
            pd.testing.assert_frame_equal(got, want, check_exact=False)


def test_busiest_pairs_are_unordered_country_pairs_by_asserted_events(db):
    from detente.relations import busiest_pairs
    from detente.store import connect
    with connect(db, read_only=True) as con:
        pairs = busiest_pairs(con, 5)
        counts = [con.execute("""SELECT count(*) FROM events WHERE mode = 'asserted'
                                 AND ((source_country = $x AND target_country = $y)
                                   OR (source_country = $y AND target_country = $x))""", {"x": x, "y": y}).fetchone()[0]
                  for x, y in pairs]
    assert pairs[0] == ("AFG", "PAK") and all(x < y for x, y in pairs)
    assert counts == sorted(counts, reverse=True)
