"""detente: political event data from news text.

    >>> import detente
    >>> events = detente.code("Pakistani troops shelled Afghan border posts on Tuesday.", date="2016-06-15")
    >>> [(e.source, e.cameo, e.target, e.mode, e.date) for e in events]     # doctest: +SKIP
    [('PAKMIL', '194', 'AFGMIL', 'asserted', '2016-06-14')]

For many documents, build one :class:`Coder` and stream them through ``Coder.pipe``.
"""
from __future__ import annotations

from .coder import Coder
from .errors import CoderError, ConfigError, DetenteError, DictionaryError, InputError, ModelError
from .export import export
from .ingest import IngestReport, ingest
from .read import read_paths
from .records import Document, DocResult, Event, Skip
from .relations import TurningPoint, network, relations, turning_points
from .settings import Settings

__version__ = "0.1.0"
__all__ = [
    "Coder", "CoderError", "ConfigError", "DetenteError", "DictionaryError", "DocResult", "Document", "Event",
    "IngestReport", "InputError", "ModelError", "Settings", "Skip", "TurningPoint", "code", "export",
    "ingest", "network", "read_paths", "relations", "turning_points", "__version__",
]

_default: Coder | None = None


def code(text: str, date: str | None = None) -> list[Event]:
    """Code one English text into events (the coder is loaded once and reused)."""
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(text, date=date)
