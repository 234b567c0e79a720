"""The records that flow through detente: documents in, events and skips out."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

@dataclass(frozen=True)
class Document:
    """One input document. ``date`` is ISO ``YYYY-MM-DD`` or None."""
    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    note: str | None = None      # what reading had to repair (stored as the document's detail)
    encoding: str | None = None  # the encoding the bytes were decoded from
    site: str | None = None      # a page's site name
    language: str | None = None  # a page's declared language


@dataclass(frozen=True)
class Skip:
    """A document (or input record) that was not coded, and why."""
    doc_id: str
    reason: str          # short code: empty, binary, not-utf8, not-english, too-long, bad-record,
                         # truncated, unreadable, not-a-file, no-writer, coder-error
    detail: str = ""


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, when, and the evidence for it.

    ``start``/``end`` are the character offsets of the evidence sentence in the
    document text; ``*_span`` are the offsets of the source, target and trigger
    words (``None`` when the actor was resolved from an earlier sentence or is
    not named). ``date_source`` says where ``date`` came from: ``"text"`` (a
    date expression in the sentence, resolved against the document date),
    ``"document"`` (the document date) or ``None`` (no date known).
    """
    doc_id: str
    sentence: int
    start: int
    end: int
    source: str
    target: str
    cameo: str
    plover: str
    quad_class: int
    goldstein: float
    mode: str
    date: str | None
    date_source: str | None
    trigger: str
    source_text: str
    target_text: str
    trigger_span: tuple[int, int]
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    date_text: str = ""
    evidence: str = ""
    place: str = ""                 # city, province or country named as where it happened
    place_country: str = ""
    lat: float | None = None        # coordinates of a city place
    lon: float | None = None
    coder: str = "detente-rules/1"

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        for k in ("trigger_span", "source_span", "target_span"):
            if d[k] is not None:
                d[k] = list(d[k])
        return d



EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


@dataclass(frozen=True)
class DocResult:
    """What coding one document produced: its events, or the skip that explains none."""
    doc_id: str
    events: tuple[Event, ...] = ()
    sentences: int = 0
    skip: Skip | None = None

    @property
    def coded(self) -> bool:
        return self.skip is None
