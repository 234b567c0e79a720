"""The CAMEO code table: PLOVER category, Goldstein value, quad class and name of each code."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DictionaryError

QUAD_NAMES = {0: "none", 1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}


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


def quad_of_root(root: int) -> int:
    return 1 if root <= 4 else 2 if root <= 8 else 3 if root <= 13 else 4


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
