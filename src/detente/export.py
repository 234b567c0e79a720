"""Export a detente database: ``jsonl`` (exactly the ``detente code`` event format),
``csv`` (the same fields), ``parquet`` (the ``events`` table), ``gdelt`` (the GDELT 2.0
event table's 61 tab-separated columns, one row per de-duplicated event, the fields we
do not have left empty) and ``plover`` (PLOVER's JSON event layout, one object a line).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from . import cameo
from .errors import ConfigError
from .output import EventWriter
from .store import EVENT_COLUMNS, connect, row_to_event

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


def export(db, fmt: str, out: str | Path, mode: str | None = None) -> int:
    """Write the database's events to ``out`` in ``fmt``; returns the number of rows."""
    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    where = "WHERE mode = $mode" if mode else ""
    params = {"mode": mode} if mode else {}
    con = connect(db, read_only=True)
    try:
        if fmt == "parquet":
            cols = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
            path = str(out).replace("'", "''")
            con.execute(f"COPY (SELECT {cols} FROM events {where} ORDER BY doc_id, event_id) "
                        f"TO '{path}' (FORMAT parquet)", params)
            return con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()[0]
        if fmt == "gdelt":
            return _gdelt(con, out, where, params)
        cur = con.execute(f"SELECT e.*, d.url FROM events e LEFT JOIN documents d USING (doc_id) {where} "
                          "ORDER BY e.doc_id, e.sentence, e.trigger_start, e.event_id", params)
        names = [c[0] for c in cur.description]
        n = 0
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer = EventWriter(f, fmt) if fmt in ("jsonl", "csv") else None
            while rows := cur.fetchmany(10_000):
                for row in rows:
                    rec = dict(zip(names, row))
                    e = row_to_event(rec)
                    if writer is not None:
                        writer.write([e])
                    else:
                        f.write(json.dumps(_plover(e, rec), ensure_ascii=False) + "\n")
                    n += 1
        return n
    finally:
        con.close()


def _plover(e, rec) -> dict:
    info = cameo.lookup(e.cameo)
    return {
        "id": str(rec["event_id"]), "date": e.date, "event": e.plover, "mode": info.plover_mode,
        "context": info.plover_context, "src_actor": e.source[:3], "src_agent": e.source[3:],
        "src_other": e.source_text, "tgt_actor": e.target[:3], "tgt_agent": e.target[3:],
        "tgt_other": e.target_text, "text": e.evidence, "source": e.doc_id, "url": rec.get("url") or "",
        "location": {"name": e.place, "country": e.place_country, "lat": e.lat, "lon": e.lon},
        "cameo": e.cameo, "goldstein": e.goldstein, "quad_class": e.quad_class, "assertion": e.mode,
    }


def _gdelt(con, out, where, params) -> int:
    cur = con.execute(f"""
        SELECT d.event_id, d.date, d.source, d.target, d.source_country, d.target_country, d.cameo,
               d.cameo_root, d.quad_class, d.goldstein, d.mentions, d.documents, d.place, d.place_country,
               e.lat, e.lon, e.source_text, e.target_text, doc.url, doc.ingested_at
        FROM events_dedup d JOIN events e ON e.event_id = d.event_id
        LEFT JOIN documents doc ON doc.doc_id = e.doc_id
        {where.replace('mode', 'd.mode')} ORDER BY d.date, d.event_id""", params)
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        while rows := cur.fetchmany(10_000):
            for (eid, date, src, tgt, sc, tc, code, root, quad, gold, mentions, docs, place, pc,
                 lat, lon, stext, ttext, url, added) in rows:
                ymd = date.strftime("%Y%m%d") if date else ""
                fields = {
                    "GLOBALEVENTID": eid, "SQLDATE": ymd, "MonthYear": ymd[:6], "Year": ymd[:4],
                    "FractionDate": f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}" if date else "",
                    "Actor1Code": src, "Actor1Name": stext, "Actor1CountryCode": sc,
                    "Actor1Type1Code": (src or "")[3:6],
                    "Actor2Code": tgt, "Actor2Name": ttext, "Actor2CountryCode": tc,
                    "Actor2Type1Code": (tgt or "")[3:6],
                    "IsRootEvent": 1, "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": root,
                    "QuadClass": quad, "GoldsteinScale": gold, "NumMentions": mentions,
                    "NumSources": docs, "NumArticles": docs,
                    "ActionGeo_Type": "" if not place else ("4" if lat is not None else "1"),
                    "ActionGeo_FullName": place, "ActionGeo_CountryCode": pc,
                    "ActionGeo_Lat": lat, "ActionGeo_Long": lon,
                    "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "", "SOURCEURL": url,
                }
                row = ["" if fields.get(c) is None else fields[c] for c in GDELT_COLUMNS]
                w.writerow(row)
                n += 1
    return n
