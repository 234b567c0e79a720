"""Event dates: find date expressions in a sentence and resolve them against the
document date ("last week", "in late May", "on Tuesday", "several weeks ago").

:func:`find` returns every expression in a text with its character offsets and a
resolver; :func:`resolve` turns one into an ISO date given the document date and
whether the event is in the future (a hypothetical "will meet on Tuesday").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
           "few": 3, "several": 3, "some": 3, "many": 5}
PARTS = {"early": 5, "beginning of": 3, "start of": 3, "mid": 15, "mid-": 15, "middle of": 15,
         "late": 25, "end of": 28}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|" \
         r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_NUM = r"(?P<n>\d+|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
       r"several|few|some|many)"
_PART = r"(?:(?P<part>early|late|mid-|mid|the (?:beginning|start|end|middle) of)\s*)?"

PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("mdy", re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4})\b)?")),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?:,?\s+(?P<y>\d{4})\b)?")),
    ("month", re.compile(r"\b(?P<prep>(?i:in|since|until|by|during|of|last|this|next|early|late|mid-?|"
                         r"the (?:beginning|start|end|middle) of))\s+" + _PART + _MONTH +
                         r"\b(?:,?\s+(?P<y>\d{4})\b)?")),
    ("monthyear", re.compile(_MONTH + r"\s+(?P<y>\d{4})\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on|early|late)\s+)?(?P<wd>Monday|Tuesday|Wednesday|"
                           r"Thursday|Friday|Saturday|Sunday)\b(?:\s+(?:night|morning|evening|afternoon))?")),
    ("ago", re.compile(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|later|before)\b", re.I)),
    ("rel", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|"
                       r"last night|(?:earlier |later )?(?:this|last|next|past|previous) (?:week|weekend|month|year))\b",
                       re.I)),
    ("year", re.compile(r"\b(?P<prep>in|since|during|of|by|until)\s+(?:early |late |mid-)?(?P<y>(?:19|20)\d{2})\b")),
]


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    text: str
    kind: str
    groups: dict


def find(text: str) -> list[DateExpr]:
    """Every date expression in ``text``, longest first where they overlap."""
    found: list[DateExpr] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            found.append(DateExpr(m.start(), m.end(), m.group(0), kind, m.groupdict()))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[DateExpr] = []
    for e in found:
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


def resolve(expr: DateExpr, doc_date: dt.date | None, future: bool = False) -> dt.date | None:
    g = expr.groups
    k = expr.kind
    try:
        if k == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        if k in ("mdy", "dmy"):
            month = MONTHS[g["month"].lower().rstrip(".")]
            year = int(g["y"]) if g.get("y") else _year_for(month, doc_date, future)
            return dt.date(year, month, int(g["d"])) if year else None
        if k in ("month", "monthyear"):
            month = MONTHS[g["month"].lower().rstrip(".")]
            prep = (g.get("prep") or "").lower()
            part = (g.get("part") or (prep if prep in PARTS or prep.startswith("mid") or "of" in prep else "")
                    ).lower().replace("the ", "").rstrip()
            day = PARTS.get(part, PARTS.get(part.rstrip("-"), 1))
            if g.get("y"):
                year = int(g["y"])
            elif prep == "last" and doc_date:
                year = doc_date.year if month < doc_date.month else doc_date.year - 1
            elif prep == "next" and doc_date:
                year = doc_date.year if month > doc_date.month else doc_date.year + 1
            else:
                year = _year_for(month, doc_date, future)
            return dt.date(year, month, day) if year else None
        if k == "year":
            return dt.date(int(g["y"]), 1, 1)
        if doc_date is None:
            return None
        if k == "weekday":
            wd = WEEKDAYS[g["wd"].lower()]
            rel = (g.get("rel") or "").lower()
            if rel == "next" or (future and rel != "last"):
                delta = (wd - doc_date.weekday()) % 7 or 7
                return doc_date + dt.timedelta(days=delta)
            delta = (doc_date.weekday() - wd) % 7
            if rel == "last" and delta == 0:
                delta = 7
            return doc_date - dt.timedelta(days=delta)
        if k == "ago":
            n = g["n"].lower()
            n = int(n) if n.isdigit() else NUMBERS.get(n, 1)
            unit = g["unit"].lower()
            sign = 1 if g["dir"].lower() == "later" else -1
            return _shift(doc_date, unit, sign * n)
        if k == "rel":
            rel = g["rel"].lower()
            if rel in ("today", "tonight", "this morning", "this afternoon", "this evening"):
                return doc_date
            if rel in ("yesterday", "last night"):
                return doc_date - dt.timedelta(days=1)
            if rel == "tomorrow":
                return doc_date + dt.timedelta(days=1)
            unit = rel.split()[-1]
            unit = "week" if unit == "weekend" else unit
            if rel.endswith("weekend"):
                days = (doc_date.weekday() - 5) % 7
                return doc_date - dt.timedelta(days=days if "last" not in rel else days + 7)
            if "next" in rel:
                return _shift(doc_date, unit, 1)
            if "last" in rel or "past" in rel or "previous" in rel:
                return _shift(doc_date, unit, -1)
            return doc_date  # this week / earlier this month ...
    except (ValueError, KeyError, OverflowError):      # no such date: "3000000 days ago"
        return None
    return None


def _year_for(month: int, doc_date: dt.date | None, future: bool) -> int | None:
    if doc_date is None:
        return None
    if future:
        return doc_date.year if month >= doc_date.month else doc_date.year + 1
    return doc_date.year if month <= doc_date.month else doc_date.year - 1


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit in ("month", "year", "decade"):
        months = n * {"month": 1, "year": 12, "decade": 120}[unit]
        y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
        return dt.date(y, m + 1, 1 if unit == "month" else min(d.day, 28))
    raise ValueError(unit)
