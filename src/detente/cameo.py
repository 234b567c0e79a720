"""The CAMEO code table: PLOVER category, Goldstein value, quad class and name of each code."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DictionaryError

@dataclass(frozen=True)
class CameoCode:
    code: str
    plover: str          # "" for CAMEO 01 (public statements), which PLOVER does not code
    plover_mode: str     # PLOVER's mode and context for the code ("visit", "military")
    plover_context: str
    goldstein: float
    quad_class: int
    name: str

    @property
    def root(self) -> str:
        return self.code[:2]


@lru_cache(maxsize=1)
def table() -> dict[str, CameoCode]:
    text = resources.files("detente").joinpath("data/events/cameo.tsv").read_text(encoding="utf-8")
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 7:
            raise DictionaryError(f"cameo.tsv:{n}: expected 7 columns, got {len(parts)}")
        code, plover, pmode, pcontext, g, q, name = parts
        out[code] = CameoCode(code, plover, pmode, pcontext, float(g), int(q), name)
    return out


def lookup(code: str) -> CameoCode:
    """The table row of a code; unknown 4-digit codes fall back to their 3-digit parent."""
    t = table()
    for c in (code, code[:3], code[:2]):
        if c in t:
            row = t[c]
            return row if c == code else CameoCode(code, row.plover, row.plover_mode, row.plover_context,
                                                   row.goldstein, row.quad_class, row.name)
    raise DictionaryError(f"unknown CAMEO code {code!r}")


def is_code(code: str) -> bool:
    return code in table()
