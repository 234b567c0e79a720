"""Loading the dictionaries (data files in ``detente/data``) into lookup tables.

Actor files (``data/actors``):
  countries.tsv  code, names, adjectives, capitals, cities, regions   ('|' separates variants)
  metonyms.tsv   phrase, code                       ("Kremlin" -> RUSGOV)
  companies.tsv  phrase, code                       ("Gazprom" -> RUSBUS, "Reuters" -> GBRMED)
  groups.tsv     name, aliases, code, start, end, note   (armed groups, IGOs, NGOs; dated)
  blocs.tsv      name, aliases, members, start, end, note   (groups of states read as each member)
  people*.tsv    name, aliases, code, start, end, office (who held which office when; one
                 file per coverage: people.tsv, people_1980_1999.tsv, ...)
  roles.tsv      phrase (spaCy lemmas), role        ("border force" -> MIL; role "-" = none)
Event files (``data/events``):
  verbs.tsv      code, pattern[, flags]   (first word the verb lemma; the rest must be in its
                 frame; flag "reverse": the subject receives, "received aid from X")
  nouns.tsv      code, pattern   (last word the head noun lemma; the rest its modifiers)
  cameo.tsv      the code table (see :mod:`detente.cameo`)
  intent_codes.tsv, refusal_codes.tsv   action code prefix -> the code of announcing it
                 (03/13) or refusing it (12)
Grammar (``data/grammar/words.txt``): the named word lists the mode, event and actor
finders read (modals, heads of hypothetical complements, speech verbs, prepositions ...),
see :func:`word_list`.

A user file in the people/groups layout adds entries or replaces built-in ones
with the same name (``Settings.actors``). A user event file (``Settings.events``) has the
verbs.tsv layout, with the flag ``noun`` for a noun pattern; a user pattern replaces ours
with the same words and wins ties with ours.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import cameo
from .errors import DictionaryError

# Which kind of name wins when one phrase has several entries.
KIND_RANK = {"person": 0, "group": 1, "bloc": 1, "metonym": 2, "firm": 2, "country": 3, "capital": 4,
             "adjective": 5, "city": 6, "region": 7}
PLACE_KINDS = frozenset({"city", "region"})
COUNTRY_KINDS = frozenset({"country", "capital", "adjective", "city", "region"})


FUNCTION_WORDS = frozenset("""with to on for from of in into at against by about over up down out off back
away upon toward towards through under as""".split())


@dataclass(frozen=True)
class ActorEntry:
    code: str              # CAMEO-style: AFGGOV, PAK, IGOUNO, ---INS
    kind: str              # see KIND_RANK
    name: str              # the canonical name of the entry
    start: dt.date | None = None
    end: dt.date | None = None
    members: tuple[str, ...] = ()   # a bloc's member states ("P5+1"), each of which it stands for

    @property
    def country(self) -> str:
        return self.code[:3]

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Pattern:
    code: str                  # CAMEO code, "*" (support verb) or "-" (block)
    words: tuple[str, ...]     # the other lemmas the pattern needs
    text: str
    reverse: bool = False      # the giver is the target's side: "received aid from X"


class Dictionaries:
    """All lookup tables the coder needs, loaded once per process."""

    def __init__(self, phrases, roles, verbs, nouns, version="detente-dict/1"):
        self.phrases: dict[str, list[ActorEntry]] = phrases      # surface phrase -> entries
        self.roles: dict[tuple[str, ...], str] = roles           # lemma tuple -> role
        self.verbs: dict[str, list[Pattern]] = verbs             # verb lemma -> patterns, longest first
        self.nouns: dict[str, list[Pattern]] = nouns             # head noun lemma -> patterns
        self.version = version
        self.role_max = max((len(k) for k in roles), default=1)

    @classmethod
    def load(cls, extra_actors: str | None = None, extra_events: str | None = None) -> "Dictionaries":
        return _load(extra_actors, extra_events)


def _data(path: str) -> tuple[str, str]:
    return path, resources.files("detente").joinpath("data", path).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _word_lists() -> dict[str, tuple[str, ...]]:
    name, text = _data("grammar/words.txt")
    lists: dict[str, list[str]] = {}
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            if not line.endswith("]") or line[1:-1].strip() in lists:
                raise DictionaryError(f"{name}:{n}: a list header is '[name]', once per name: {line[:80]!r}")
            current = lists.setdefault(line[1:-1].strip(), [])
        elif current is None:
            raise DictionaryError(f"{name}:{n}: words before the first '[name]' header")
        else:
            current.extend(w.lower() for w in line.split() if w.lower() not in current)
    return {k: tuple(v) for k, v in lists.items()}


def ranked_words(name: str) -> tuple[str, ...]:
    """The grammar word list ``name`` of ``data/grammar/words.txt``, in its file order
    (lower case; where the order matters, the first word is preferred)."""
    try:
        return _word_lists()[name]
    except KeyError:
        raise DictionaryError(f"grammar/words.txt has no list [{name}]") from None


def word_list(name: str) -> frozenset[str]:
    """The grammar word list ``name`` of ``data/grammar/words.txt``, as a set."""
    return frozenset(ranked_words(name))


@lru_cache(maxsize=None)
def word_pairs(name: str) -> dict[str, str]:
    """A two-column word table of ``data/grammar`` (``irregular_past``: lemma -> past)."""
    return {parts[0]: parts[1] for _, parts in _rows(_data(f"grammar/{name}.tsv"), 2)}


def code_map(name: str) -> dict[str, str]:
    """A two-column code table of ``data/events`` (``intent_codes``, ``refusal_codes``)."""
    table = {}
    for _, parts in _rows(_data(f"events/{name}.tsv"), 2):
        for code in parts[:2]:
            if not cameo.is_code(code):
                raise DictionaryError(f"events/{name}.tsv: {code!r} is not a CAMEO code")
        table[parts[0]] = parts[1]
    return table


def _rows(named_text, ncols_min):
    name, text = named_text
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.rstrip("\n").split("\t")]
        if len(parts) < ncols_min:
            raise DictionaryError(f"{name}:{n}: expected at least {ncols_min} tab-separated columns, "
                                  f"got {len(parts)}: {line[:80]!r}")
        yield n, parts


def _variants(field: str) -> list[str]:
    return [v.strip() for v in field.split("|") if v.strip()] if field else []


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


ACTOR_CODE = re.compile(r"[A-Z-]{3}[A-Z]{0,12}")      # a country (or ---, IGO...) and roles


def _dated_rows(named_text, kind, phrases):
    name = named_text[0]
    for n, parts in _rows(named_text, 3):
        parts += [""] * (6 - len(parts))
        canon, aliases, code, start, end = parts[:5]
        where = f"{name}:{n}"
        if not canon:
            raise DictionaryError(f"{where}: the name (first column) is empty")
        if not ACTOR_CODE.fullmatch(code.upper()):
            raise DictionaryError(f"{where}: {code[:40]!r} is not an actor code (3 letters or '---' for the "
                                  "country, then role letters: AFGGOV, ---INS)")
        first, last = _date(start, where), _date(end, where)
        if first and last and first > last:
            raise DictionaryError(f"{where}: the office ends ({last}) before it starts ({first})")
        entry = ActorEntry(code.upper(), kind, canon, first, last)
        for phrase in [canon, *_variants(aliases)]:
            phrases[phrase].append(entry)


def _bloc_rows(named_text, phrases):
    name = named_text[0]
    for n, parts in _rows(named_text, 3):
        parts += [""] * (6 - len(parts))
        canon, aliases, members, start, end = parts[:5]
        where = f"{name}:{n}"
        states = tuple(members.upper().split())
        if not canon or not states or not all(len(c) == 3 and c.isalpha() for c in states):
            raise DictionaryError(f"{where}: a bloc needs a name and its members as ISO3 codes (USA GBR FRA)")
        entry = ActorEntry("IGO", "bloc", canon, _date(start, where), _date(end, where), states)
        for phrase in [canon, *_variants(aliases)]:
            phrases[phrase].append(entry)


FLAGS = frozenset({"reverse", "noun"})


def _pattern_rows(named_text, nouns: bool | None) -> Iterator[tuple[bool, str, Pattern]]:
    """(is a noun pattern, head lemma, pattern) of each row of an event file; in a user
    file (``nouns`` None) a row is a verb pattern unless its flags say ``noun``."""
    name = named_text[0]
    for n, parts in _rows(named_text, 2):
        code, pattern = parts[0], parts[1].lower()
        where = f"{name}:{n}"
        if code not in ("*", "-") and not cameo.is_code(code):
            raise DictionaryError(f"{where}: {code[:40]!r} is not a CAMEO code")
        words = pattern.split()
        if not words:
            raise DictionaryError(f"{where}: empty pattern")
        flags = [f.strip() for f in parts[2].split(",") if f.strip()] \
            if len(parts) > 2 and not parts[2].startswith("#") else []
        unknown = [f for f in flags if f not in FLAGS]
        if unknown:
            raise DictionaryError(f"{where}: unknown flag {unknown[0][:40]!r}; flags are {', '.join(sorted(FLAGS))}")
        noun = nouns if nouns is not None else "noun" in flags
        head, rest = (words[-1], words[:-1]) if noun else (words[0], words[1:])
        yield noun, head, Pattern(code, tuple(rest), " ".join(words), reverse="reverse" in flags)


def _patterns(rows, user_rows=()) -> dict[str, list[Pattern]]:
    """Patterns by head lemma, most specific first. A user's pattern replaces ours with the
    same words (its code wins, "-" blocks it) and goes before ours among equals."""
    table: dict[str, list[Pattern]] = defaultdict(list)
    for head, pattern in rows:
        table[head].append(pattern)
    for head, pattern in reversed(list(user_rows)):
        table[head] = [pattern] + [p for p in table[head] if p.words != pattern.words]
    for pats in table.values():
        # most words first; among equals, more content words ("withdraw inspector" before
        # "withdraw from"); then file order
        pats.sort(key=lambda p: tuple(-n for n in pattern_rank(p)))
    return dict(table)


def pattern_rank(p: Pattern) -> tuple[int, int]:
    """How specific a pattern is: its words, then its content words."""
    return len(p.words), sum(w not in FUNCTION_WORDS for w in p.words)


def _user_file(path: str, what: str) -> tuple[str, str]:
    """(name, text) of a user's dictionary file, or a DictionaryError saying why not."""
    p = Path(path)
    try:
        return str(p), p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DictionaryError(f"{p}: {what} file not found") from None
    except OSError as e:
        raise DictionaryError(f"{p}: cannot read the {what} file ({e.strerror or e})") from None
    except UnicodeDecodeError as e:
        raise DictionaryError(f"{p}: byte {e.start} is not UTF-8; save the {what} file as UTF-8") from None


@lru_cache(maxsize=4)
def _load(extra_actors: str | None, extra_events: str | None) -> Dictionaries:
    phrases: dict[str, list[ActorEntry]] = defaultdict(list)
    for n, parts in _rows(_data("actors/countries.tsv"), 2):
        parts += [""] * (6 - len(parts))
        code, names, adjectives, capitals, cities, regions = parts[:6]
        canon = (_variants(names) or [code])[0]
        for kind, field in (("country", names), ("adjective", adjectives), ("capital", capitals),
                            ("city", cities), ("region", regions)):
            for v in _variants(field):
                phrases[v].append(ActorEntry(code, kind, canon if kind != "capital" else v))
    for name, kind in (("actors/metonyms.tsv", "metonym"), ("actors/companies.tsv", "firm")):
        for n, parts in _rows(_data(name), 2):
            phrases[parts[0]].append(ActorEntry(parts[1].upper(), kind, parts[0]))
    _dated_rows(_data("actors/groups.tsv"), "group", phrases)
    _bloc_rows(_data("actors/blocs.tsv"), phrases)
    actors_dir = resources.files("detente").joinpath("data", "actors")
    for name in sorted(f.name for f in actors_dir.iterdir() if f.name.startswith("people") and f.name.endswith(".tsv")):
        _dated_rows(_data(f"actors/{name}"), "person", phrases)
    if extra_actors:
        user: dict[str, list[ActorEntry]] = defaultdict(list)
        _dated_rows(_user_file(extra_actors, "actor"), "person", user)
        for phrase, entries in user.items():
            phrases[phrase] = entries          # the user's entries replace ours for that name
    for entries in phrases.values():
        entries.sort(key=lambda e: KIND_RANK[e.kind])
    roles = {}
    for n, parts in _rows(_data("actors/roles.tsv"), 2):
        roles[tuple(parts[0].lower().split())] = parts[1].upper()
    user = list(_pattern_rows(_user_file(extra_events, "event"), None)) if extra_events else []
    verbs = _patterns(((h, p) for _, h, p in _pattern_rows(_data("events/verbs.tsv"), False)),
                      [(h, p) for noun, h, p in user if not noun])
    nouns = _patterns(((h, p) for _, h, p in _pattern_rows(_data("events/nouns.tsv"), True)),
                      [(h, p) for noun, h, p in user if noun])
    return Dictionaries(dict(phrases), roles, verbs, nouns)
