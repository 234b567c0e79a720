"""Stage 3, actors: find actor names in a parsed document and turn noun phrases into
CAMEO-style actor codes (country + role), using the dictionaries and the document date.

``Pakistan's army`` -> PAKMIL, ``Afghan and Pakistani troops`` -> AFGMIL, PAKMIL,
``Karzai`` -> AFGGOV in 2010 and AFGELI (a former office holder) in 2016,
``the Taliban`` -> AFGINS before 2021-08-15 and AFGGOV after, ``militants`` -> ---INS,
``Kabul said`` -> AFGGOV, ``he``/``it``/``they`` -> the last fitting actor of the
current or previous sentence. Places (``in Kabul``) are not actors.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.attrs import IS_ASCII
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ._util import child as _child
from .dictionaries import ActorEntry, Dictionaries, COUNTRY_KINDS, PLACE_KINDS, word_list, word_pairs

# The word lists live in data/grammar/words.txt.
OF_PREPS = word_list("of_preps")
CHARGE_OF = word_list("charge_of_verbs")    # "convicts a Syrian national of murder": the charge
TREATY_NAMES = word_list("treaty_name_nouns")    # "the Treaty of Lisbon": named after a city, no party
NONSTATE_ARMED = ("INS", "REB", "SEP", "UAF")     # roles of armed groups that are no state's forces
DIVIDED = tuple(word_pairs("divided_countries").items())   # "the North" and "the South" of a divided country
FLEEING = word_list("fleeing_verbs")
LEADING = word_list("leading_verbs")
HONORIFICS = word_list("honorifics")            # "Mr Modi", "Sheikh Tamim": a title, not a first name
PERSON_NOUNS = word_list("person_nouns")        # singular role nouns that denote one person (he/she)
# Nouns that take their role from an "of" phrase: "members of the intelligence service".
PARTITIVE = word_list("partitive_nouns")
# Heads of a body take its code: "leaders of the opposition" -> OPP, "the head of the ISI" -> SPY.
HEADS_OF = word_list("heads_of")
FORMER = word_list("former_words")
PAIR_WORDS = word_list("pair_words")
GENERIC_BODIES = word_list("generic_bodies")
HE_SHE = word_list("pronouns_person")
SOVEREIGN = word_list("sovereign_nouns")      # a state's airspace, border, embassy
SPEECH_VERBS = word_list("speech_verbs")
IT = word_list("pronouns_thing")
STATE_NOUNS = word_list("state_nouns")
REGION_WORDS = word_list("region_words")
THEY = word_list("pronouns_plural")
LOCATIVE = word_list("actor_locatives")
PLACE_TYPES = word_list("place_types")
WATERS = word_list("water_nouns")           # "the Indian Ocean", "the Arabian Sea": no actor
DIRECTIONS = word_list("direction_words")
BACKING = word_list("backing_participles")
CHAMBER_HEADS = word_list("chamber_heads")       # "House", "Chamber" ... of
CHAMBER_MEMBERS = word_list("chamber_members")   # ... "Representatives", "Deputies": a legislature
STANCE_PREFIXES = word_list("stance_prefixes")
HOSTILE_AIMS = word_list("hostile_aims")
ARMED_ROLES = ("MIL", "UAF", "REB", "INS")      # roles an unnamed armed group may have
NO_COUNTRY = ("---", "IGO", "NGO", "IMG")      # actor codes that name no state


@dataclass(frozen=True)
class Actor:
    code: str
    text: str                       # the words naming it, as they appear
    span: tuple[int, int] | None    # character offsets in the parsed text (None: from context)
    token: int                      # index of its head token in the parsed doc
    person: bool = False
    plural: bool = False
    entry: ActorEntry | None = None

    @property
    def country(self) -> str:
        return self.code[:3]


@dataclass
class Mention:
    start: int
    end: int
    entries: list[ActorEntry]
    address: bool = False      # a country that ends a place's address: "in Toronto, Canada"


def address_tails(doc: Doc, mentions: dict[int, Mention]) -> list[tuple[int, int]]:
    """(start, end) of the countries that end a place's address: "in Toronto, Canada",
    "in Uvalde, United States" (a known place or not)."""
    return sorted({(m.start, m.end) for m in mentions.values() if m.address or (
        m.start >= 2 and m.entries[0].kind == "country" and doc[m.start - 1].text == ","
        and doc[m.start - 2].pos_ == "PROPN" and doc[m.start - 2].dep_ == "pobj")})


# -- places of the same name in several states ------------------------------------------
# "Georgia" is a state of the Caucasus and of the United States, "Tripoli" the capital of
# Libya and a city of Lebanon. The dictionary lists such a name under each state; which
# one a text means is read from the text: the address around it ("Tripoli, Lebanon",
# "Augusta, Georgia": a town one has not heard of, then its state), the places listed with
# it ("Alabama, Georgia and Ohio"), a state it is said to be part of ("the U.S. state of
# Georgia"), a title only a province has ("Georgia Governor Brian Kemp"); else the reading
# the same name has by such a sign elsewhere in the text; else the other places the text
# names. A state's own name or adjective says nothing for a reading that makes the name
# one of its provinces: news of the Caucasian state names the United States too, but not
# Atlanta or Alabama. With nothing to go by, the reading listed first (a country before a
# capital, a capital before a city) stands.
PROVINCE_TITLES = word_list("province_titles")


def _readings(m: Mention) -> dict[str, str]:
    """country -> kind of each state's reading of a place name (in dictionary order)."""
    readings: dict[str, str] = {}
    for e in m.entries:
        if e.kind in COUNTRY_KINDS:
            readings.setdefault(e.country, e.kind)
    return readings


def _homonym_sign(doc: Doc, m: Mention, out: dict[int, Mention], readings: dict[str, str]) -> str | None:
    """The state a place name of several states' belongs to by the words around it, if
    they say (see above)."""

    def state_of(mm, kinds=("city", "capital", "region", "country")):
        if mm is None or mm is m or len(_readings(mm)) > 1:
            return None
        e = mm.entries[0]
        return e.country if e.kind in kinds and e.country in readings else None

    region = next((c for c, kind in readings.items() if kind == "region"), None)
    if m.end + 1 < len(doc) and doc[m.end].text == ",":
        after = state_of(out.get(m.end + 1))
        if after:
            return after                                    # "Tripoli, Lebanon"
    if m.start >= 2 and doc[m.start - 1].text == ",":
        before = doc[m.start - 2]
        if before.i in out:
            found = state_of(out[before.i], ("city", "capital", "region"))
            if found:
                return found                                # "Batumi, Georgia"
        elif region and before.pos_ == "PROPN" and before.text[:1].isupper() \
                and not (before.i > 0 and doc[before.i - 1].text == ","):
            return region                                   # "Kennesaw, Georgia" (not "X, Y, Georgia")
    head = doc[m.end - 1]
    top = head
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    for x in top.subtree:
        if (x.dep_ in ("conj", "appos") or x.i == top.i) and not m.start <= x.i < m.end:
            found = state_of(out.get(x.i), ("city", "region"))
            if found:
                return found                                # "Alabama, Georgia and Ohio"
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        for c in head.head.head.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                found = state_of(out.get(c.i), ("country", "adjective"))
                if found:
                    return found                            # "the U.S. state of Georgia"
    if region and head.dep_ in ("compound", "poss") and head.head.lemma_.lower() in PROVINCE_TITLES:
        return region                                       # "Georgia Governor Brian Kemp"
    return None


def _homonym_readings(doc: Doc, out: dict[int, Mention], unique: list[Mention]) -> None:
    """Keep, of each place name of several states in ``unique``, the reading the text
    means (see above); ``out`` maps tokens to mentions."""
    homonyms = [(m, r) for m in unique if len(m.entries) > 1 for r in (_readings(m),) if len(r) > 1]
    if not homonyms:
        return
    signs = {id(m): _homonym_sign(doc, m, out, r) for m, r in homonyms}
    by_name = {}
    for m, _ in homonyms:
        if signs[id(m)]:
            by_name.setdefault(doc[m.start:m.end].text.lower(), signs[id(m)])
    for m, readings in homonyms:
        chosen = signs[id(m)] or by_name.get(doc[m.start:m.end].text.lower())
        if chosen is None:
            votes = dict.fromkeys(readings, 0)
            for mm in unique:
                e = mm.entries[0]
                if mm is m or len(_readings(mm)) > 1 or e.country not in readings or e.kind not in COUNTRY_KINDS \
                        or (e.kind in ("country", "adjective") and readings[e.country] == "region"):
                    continue
                votes[e.country] += 1
            default = next(iter(readings))
            best = max(votes.values())
            chosen = default if votes[default] == best else next(c for c, v in votes.items() if v == best)
        m.entries = [e for e in m.entries if e.kind not in COUNTRY_KINDS or e.country == chosen]


PRODUCTS = word_list("product_nouns")
# Kinds of dictionary name that are an actor's own code, not a country's: people, groups,
# organs ("the Kremlin") and firms
NAMED_KINDS = ("person", "group", "metonym", "firm")


def _product(last: Token) -> bool:
    """Whether a firm's name ending in ``last`` names one of its products: a number after
    it ("a Boeing 777", whichever of the two the parser makes the head) or a product noun
    the names qualify ("the Pfizer–BioNTech COVID-19 vaccine")."""
    top = last
    while top.dep_ == "compound" and top.head.i > top.i:
        top = top.head
    return any(c.dep_ == "nummod" for c in last.children) or (top is not last and (
        top.lemma_.lower() in PRODUCTS or top.pos_ == "NUM"))   # "a KLM Boeing 777 flew": the number heads it


class ActorMatcher:
    """Finds dictionary names in a Doc (one PhraseMatcher over every name), with or
    without their diacritics ("Erdoğan" and "Erdogan", "Đinđić" and "Djindjic" apart)."""

    def __init__(self, nlp, dicts: Dictionaries):
        self.dicts = dicts
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_lower: dict[str, list[str]] = {}
        for phrase in dicts.phrases:
            by_lower.setdefault(fold(phrase).lower(), []).append(phrase)
        self.by_lower = by_lower
        self.role_words = {w for phrase in dicts.roles for w in phrase}   # "Puntland Security Force"
        for lower, variants in by_lower.items():
            self.matcher.add(lower, [nlp.make_doc(fold(variants[0]))])
        self.vocab = nlp.vocab

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) of every name in ``doc``, matched with diacritics folded."""
        if not doc.to_array([IS_ASCII]).all():     # (doc.text would build every token)
            doc = Doc(doc.vocab, words=[fold(t.text) for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        return self.matcher(doc)

    def mentions(self, doc: Doc) -> dict[int, Mention]:
        spans = []
        for match_id, start, end in self.matches(doc):
            span = Span(doc, start, end)
            entries = self._fitting(self.vocab.strings[match_id], span)
            if entries:
                spans.append((span, entries))
        kept = {(s.start, s.end) for s in filter_spans([s for s, _ in spans])}
        out: dict[int, Mention] = {}
        for span, entries in spans:
            if (span.start, span.end) in kept:
                m = Mention(span.start, span.end, entries)
                for i in range(span.start, span.end):
                    out[i] = m
        for m in list({id(m): m for m in out.values()}.values()):
            shared = self._elided(doc, m, out)
            if shared is not None:
                out[shared.start] = shared    # "North and South Korea": North Korea too
        _homonym_readings(doc, out, list({id(m): m for m in out.values()}.values()))
        for m in [m for m in {id(m): m for m in out.values()}.values() if m.entries[0].kind == "firm"]:
            if _product(doc[m.end - 1]):
                for i in range(m.start, m.end):     # a firm's product, not the firm: "a Boeing 777",
                    del out[i]                      # "the Pfizer vaccine" (but "Huawei executives")
        for m in list({id(m): m for m in out.values()}.values()):
            if self._inside_longer_name(doc, m, out):
                for i in range(m.start, m.end):
                    del out[i]
                continue
            e, before = m.entries[0], out.get(m.start - 2)
            if e.kind == "country" and m.start >= 2 and doc[m.start - 1].text == "," and before is not None \
                    and before.entries[0].kind in ("city", "capital", "region") \
                    and before.entries[0].country == e.country:
                # "in Toronto, Canada": the country says where the place is; it is a place here
                m.entries = [ActorEntry(e.country, "region", e.name)]
                m.address = True
        return out

    def _elided(self, doc: Doc, m: Mention, out: dict[int, Mention]) -> Mention | None:
        """A name whose last words the conjunct after it shares: "North and South Korea",
        "East and West Germany". The capitalised word before "and" with the words after the
        first of ``m`` is a name too; its mention is that word alone."""
        if m.end - m.start < 2 or m.start < 2 or doc[m.start - 1].lower_ not in ("and", "or") \
                or not doc[m.start - 2].text[:1].isupper() or (m.start - 2) in out:
            return None
        word = doc[m.start - 2]
        lower = fold(" ".join([word.text, *(t.text for t in doc[m.start + 1:m.end])])).lower()
        if lower not in self.by_lower:
            return None
        entries = self._fitting(lower, doc[word.i:word.i + 1])
        return Mention(word.i, word.i + 1, entries) if entries else None

    def _inside_longer_name(self, doc: Doc, m: Mention, out: dict[int, Mention]) -> bool:
        """Whether a match is only part of a longer name nobody listed: a country at its
        end ("Guinea" in "Western New Guinea"; a district named after its province, "Kuz
        Kunar", stays in its country), a place-type word that is also a name ("the Afrin
        Canton"), a group's name after another name or a place ("the West Papua National
        Liberation Army"), or a city or region at its start ("Rif" in "Rif Dimashq", but not
        "the Puntland Security Force")."""
        e = m.entries[0]
        prev = doc[m.start - 1] if m.start > 0 else None
        nxt = doc[m.end] if m.end < len(doc) else None
        place_type = doc[m.start:m.end].text.lower() in PLACE_TYPES
        if e.kind == "adjective" and prev is not None and prev.i not in out and prev.text[:1].isupper() \
                and prev.lower_ in REGION_WORDS:
            return True   # "Central American", "Latin American": a region's people, not a state's
        if e.kind == "adjective" and nxt is not None and nxt.lower_ in WATERS and nxt.text[:1].isupper():
            return True   # "the Indian Ocean", "the Arabian Sea": a name of waters, not a state's people
        named = doc[prev.i - 1] if prev is not None and prev.lower_ == "of" and prev.i > 0 else None
        if named is not None and named.text[:1].isupper() and (
                named.lower_ in WATERS or (named.lower_ in TREATY_NAMES and e.kind in ("city", "capital"))):
            return True   # "the Sea of Japan" (not in Japan), "the Treaty of Lisbon" (signed there, no party)
        if e.kind in ("city", "region") and prev is not None and prev.text == "-" and prev.i > 0 \
                and not prev.whitespace_ and doc[prev.i - 1].text[:1].isupper() and not doc[prev.i - 1].whitespace_ \
                and prev.i - 1 not in out:
            return True   # "Crans-Montana" is no Montana: the end of a hyphenated name
        if (e.kind == "country" or place_type) and prev is not None and prev.pos_ == "PROPN" \
                and (prev.i not in out or place_type) \
                and prev.dep_ == "compound" and m.start <= prev.head.i < m.end \
                and prev.text[:1].isupper() and prev.lower_ not in DIRECTIONS:
            return True
        if e.kind == "group" and m.end - m.start >= 2 and prev is not None and prev.pos_ == "PROPN" \
                and not prev.is_sent_start \
                and (prev.i not in out or out[prev.i].entries[0].kind in ("city", "region")) \
                and prev.dep_ == "compound" and m.start <= prev.head.i < m.end \
                and prev.text[:1].isupper() and prev.lower_ not in DIRECTIONS:
            # "the West Papua National Liberation Army" is not Colombia's National Liberation
            # Army, nor "the National Security Council" the UN Security Council
            return True
        if e.kind == "person" and prev is not None and prev.pos_ == "PROPN" and prev.i not in out \
                and prev.dep_ in ("compound", "flat") and prev.head.i in range(m.start, m.end) \
                and prev.text[:1].isupper() and len(doc[m.start:m.end].text) < len(e.name) \
                and prev.lemma_.lower() not in self.role_words and prev.lower_.rstrip(".") not in HONORIFICS \
                and prev.text not in e.name.split():
            # another person of the same surname: "Bilal al-Sudani" is not Mohammed Shia al-Sudani
            return True
        if e.kind == "person" and nxt is not None and nxt.pos_ == "PROPN" and nxt.i not in out \
                and nxt.text[:1].isupper() and len(doc[m.start:m.end].text) < len(e.name) \
                and doc[m.end - 1].dep_ in ("compound", "flat") and doc[m.end - 1].head.i >= m.end \
                and nxt.lemma_.lower() not in self.role_words and nxt.text not in e.name.split():
            # another person's given name: "Marcos Antonio Avila Garcia" is not Marcos, "Arzu
            # Rana Deuba" not Arzu
            return True
        return (e.kind in ("city", "region") and nxt is not None and nxt.pos_ == "PROPN" and nxt.i not in out
                and nxt.text[:1].isupper() and nxt.lower_ not in PLACE_TYPES
                and nxt.lemma_.lower() not in self.role_words)

    def _fitting(self, lower: str, span: Span) -> list[ActorEntry]:
        text = span.text
        root = _nominal_root(span)
        if root.pos_ not in ("PROPN", "NOUN", "ADJ", "NUM", "X") and not (root.tag_ == "NNP") \
                and not any(not c.isalpha() and not c.isspace() for c in text) \
                and not (text[:1].isupper() and not root.is_stop and root.pos_ in ("PRON", "DET")):
            return []     # (a code like "P5+1" is a name whatever its tags, and so is a capitalised
            #              word the tagger took for a pronoun: "Houthis say they fired ...")
        entries: list[ActorEntry] = []
        for variant in self.by_lower[lower]:
            if _case_fits(variant, text, {e.kind for e in self.dicts.phrases[variant]}):
                entries.extend(self.dicts.phrases[variant])
        return entries


def _nominal_root(span: Span) -> Token:
    """The span's root; of a name the parser split ("the Intergovernmental Authority on
    Development" with "on Development" hung on a noun before it), its first nominal
    token whose head lies outside the span."""
    root = span.root
    if len(span) == 1 or root.pos_ in ("PROPN", "NOUN"):
        return root
    return next((t for t in span if t.pos_ in ("PROPN", "NOUN")
                 and not span.start <= t.head.i < span.end), root)


# Letters that do not decompose into a base letter and a mark.
_FOLD_EXTRA = {"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ħ": "h", "Ħ": "H"}


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    if c in _FOLD_EXTRA:
        return _FOLD_EXTRA[c]
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """``text`` with diacritics taken off its letters, one character for one (so that
    offsets and tokens stay put): "Erdoğan" -> "Erdogan"."""
    return text if text.isascii() else "".join(c if c.isascii() else _fold_char(c) for c in text)


STATE_FORCES = ("MIL", "COP")


def two_sides(roles) -> bool:
    """Whether roles include a state's forces and an armed group: two sides of a fight."""
    return any(r in NONSTATE_ARMED for r in roles) and any(r in STATE_FORCES for r in roles)


def _clause_verb(h: Token) -> Token:
    """The verb of the clause a token sits in (the root if none)."""
    v = h.head
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    return v


def _own_subject(h: Token) -> frozenset:
    """The tokens of the subject of the clause whose object pronoun ``h`` is: "Sudan
    left the bloc after accusing it of bias" -- "it" is not Sudan, which would be
    "itself". The subject a clause without one shares is its head's: a conjunct's, an
    adverbial's ("after accusing"); an infinitive's is its head's object if it has one
    ("asked Russia to help it": Russia)."""
    if h.dep_ not in ("dobj", "dative", "pobj"):
        return frozenset()
    v = h.head.head if h.dep_ == "pobj" else h.head
    if h.dep_ == "pobj" and (h.head.dep_ != "prep" or v.pos_ not in ("VERB", "AUX")):
        return frozenset()
    for _ in range(4):
        subj = _child(v, "nsubj") or _child(v, "nsubjpass")
        if subj is not None:
            return frozenset(t.i for t in (subj, *subj.conjuncts))
        head = v.head
        if v.dep_ == "xcomp":
            obj = _child(head, "dobj")
            if obj is not None:
                return frozenset(t.i for t in (obj, *obj.conjuncts))
        elif v.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        elif v.dep_ not in ("conj", "advcl"):
            return frozenset()
        if head.i == v.i or head.pos_ not in ("VERB", "AUX"):
            return frozenset()
        v = head
    return frozenset()


def _former(h: Token, role: str | None) -> str | None:
    """ELI for a government role a word before it says is no longer held: "former
    president", "the ousted prime minister", "a former Pakistani minister"."""
    return "ELI" if role == "GOV" and any(t.lower_ in FORMER for t in h.subtree if t.i < h.i) else role


def _noun_lemma(t: Token) -> str:
    """The lower-case lemma; plural proper nouns, which the tagger leaves as they are
    ("the Armed Forces"), made singular."""
    lemma = t.lemma_.lower()
    if t.tag_ == "NNPS" and lemma == t.lower_ and len(lemma) > 3 and lemma.endswith("s"):
        return lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1]
    return lemma


def _case_fits(pattern: str, text: str, kinds=()) -> bool:
    """Short all-capital names must match exactly (US, not "us"); capitalised names
    must be capitalised ("Turkey", not "turkey"), except demonyms and long personal
    names, which careless text writes in lower case ("tunisian rioters", "obama")."""
    pattern, text = fold(pattern), fold(text)
    if pattern[:3] in ("Al ", "Al-", "al ", "al-") and text[:3].lower() == pattern[:3].lower():
        pattern, text = pattern[3:], text[3:]   # the Arabic article in either case: "al Shabaab"
    letters = [c for c in pattern if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
        return text == pattern
    if pattern[:1].isupper() and not text[:1].isupper():
        return len(letters) >= 5 and any(k in ("adjective", "person") for k in kinds)
    return True


def choose(entries: list[ActorEntry], day: dt.date | None) -> ActorEntry | None:
    """The entry in force on ``day``; a dated person out of office becomes an ELI of
    their country, a dated group outside its ranges keeps its nearest code."""
    best = entries[0]
    same = [e for e in entries if e.kind == best.kind]
    if best.kind not in ("person", "group"):
        return best
    live = [e for e in same if e.valid_on(day)]
    if live:  # several offices at once (a general who is also president): the government one
        return next((e for e in live if e.code.endswith("GOV")), live[0])
    if day is None:  # undated text: the most recent office, the government one first
        latest = max(same, key=lambda e: (e.start or dt.date.min, e.code.endswith("GOV")))
        return latest
    nearest = min(same, key=lambda e: min(abs(((e.start or day) - day).days), abs(((e.end or day) - day).days)))
    if best.kind == "person":
        return ActorEntry(nearest.country + "ELI", "person", nearest.name, nearest.start, nearest.end)
    return nearest


def _chamber_members(h: Token) -> Token | None:
    """The members a house is "of", when ``h`` is a legislature's house: "Representatives"
    in "the House of Representatives", "Deputies" in "the Chamber of Deputies"."""
    if h.lemma_.lower() not in CHAMBER_HEADS:
        return None
    return next((o for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj" and _noun_lemma(o) in CHAMBER_MEMBERS), None)


def _backer(t: Token) -> bool:
    """Whether ``t`` names who backs someone, before the participle: "US-backed forces",
    "Iranian-backed rebels" (a side's sponsor, not a country the sentence is about)."""
    return t.dep_ in ("npadvmod", "compound", "nmod", "amod") and t.head.i == t.i + 2 \
        and t.doc[t.i + 1].text == "-" and t.head.lemma_.lower() in BACKING


def stance_prefix(t: Token) -> str:
    """"pro" or "anti" when the name ``t`` follows "pro-" or "anti-" (the side taken, not
    the actor), else ""."""
    doc = t.doc
    if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in STANCE_PREFIXES:
        return doc[t.i - 2].lower_
    return ""



@dataclass
class Salience:
    """Actors mentioned so far in a document, for he/she/it/they."""
    recent: list[tuple[int, Actor, bool, int]] = field(default_factory=list)

    def add(self, sentence: int, actors, subject: bool = False, group: int = -1):
        """Record actors in reading order; ``group`` ties coordinated ones ("Obama and Putin")."""
        for a in actors:
            self.recent.append((sentence, a, subject, group))
        del self.recent[:-40]

    def partner(self, other_country: str, sentence: int, window: int = 2) -> Actor | None:
        """The last named subject of the previous ``window`` sentences from another
        country: the implicit party of "an agreement with Pakistan"."""
        for s, a, subject, _ in reversed(self.recent):
            if s < sentence - window:
                break
            if s < sentence and subject and a.span is not None and a.country not in (other_country, "---"):
                return Actor(a.code, a.text, None, a.token, a.person, a.plural, a.entry)
        return None

    def pair(self, sentence: int, window: int) -> list[Actor]:
        """The last two states named in this sentence or the ``window`` before it: the
        sides of a border clash nobody is named for."""
        found: list[Actor] = []
        for s, a, _, _ in reversed(self.recent):
            if s < sentence - window:
                break
            if s <= sentence and a.country not in NO_COUNTRY \
                    and all(a.country != b.country for b in found):
                found.append(Actor(a.country, a.text, None, a.token, False, False, a.entry))
                if len(found) == 2:
                    return found[::-1]
        return []

    def only_country(self, sentence: int, window: int = 1) -> str | None:
        """The one country whose actors this sentence and the ``window`` before it name,
        if they name exactly one: whose "the government" or "the police" it is."""
        found = {a.country for s, a, _, _ in self.recent
                 if sentence - window <= s <= sentence and a.country not in NO_COUNTRY}
        return found.pop() if len(found) == 1 else None

    def last_state(self, sentence: int, before: int | None = None, window: int = 1) -> Actor | None:
        """The state last named (by itself, its government or people) in this sentence
        before token ``before`` or the ``window`` sentences before it."""
        for s, a, _, _ in reversed(self.recent):
            if s < sentence - window:
                break
            if s == sentence and before is not None and a.token >= before:
                continue
            if a.country not in NO_COUNTRY:
                return a
        return None

    def resolve(self, pronoun: str, sentence: int, before: int | None = None,
                not_tokens: frozenset = frozenset()) -> list[Actor]:
        """The last fitting subject of this or the previous sentence, else the last
        fitting actor; none named at a token of ``not_tokens``."""
        return self._resolve(pronoun, sentence, before, True, not_tokens) or \
            self._resolve(pronoun, sentence, before, False, not_tokens)

    def _resolve(self, pronoun, sentence, before, subjects_only, not_tokens) -> list[Actor]:
        for s, a, subject, group in reversed(self.recent):
            if s < sentence - 1:
                break
            if s == sentence and before is not None and a.token >= before:
                continue
            if s == sentence and a.token in not_tokens:
                continue
            if subjects_only and not subject:
                continue
            if pronoun in HE_SHE and a.person and not a.plural:
                return [a]
            if pronoun in IT and not a.person and not a.plural:
                return [a]
            if pronoun in THEY and (not a.person or a.plural):
                if group < 0:
                    return [a]
                return [b for s2, b, _, g in self.recent if g == group and s2 == s]
        return []


class ActorResolver:
    """Resolves noun phrases of one parsed text to actors."""

    def __init__(self, doc: Doc, mentions: dict[int, Mention], dicts: Dictionaries,
                 day: dt.date | None, salience: Salience, sentence_of):
        self.doc, self.mentions, self.dicts, self.day = doc, mentions, dicts, day
        self.salience = salience
        self.sentence_of = sentence_of
        self._cache: dict[int, list[Actor]] = {}

    @cached_property
    def text(self) -> str:
        """The text (``doc.text`` joins every token's text anew on each call)."""
        return self.doc.text

    # -- public -------------------------------------------------------------------------
    def actors(self, tok: Token, coordinated: bool = True) -> list[Actor]:
        """Actors named by the noun phrase headed by ``tok`` (and its conjuncts)."""
        heads = [tok] + ([c for c in tok.conjuncts if c.i > tok.i] if coordinated else [])
        out: list[Actor] = []
        for h in heads:
            for a in self._actors_one(h):
                if a.code.startswith("---") and out and not out[0].code.startswith("---") \
                        and not (out[0].country in NO_COUNTRY and two_sides({out[0].code[3:6], a.code[3:6]})):
                    # "Israeli helicopters and tanks": the tanks are Israeli too, and soldiers
                    # listed with a country's rebels are mostly its own; not the soldiers
                    # listed with a group of no country ("13 Al-Qaeda militants and two soldiers")
                    a = dataclasses.replace(a, code=out[0].country + a.code[3:])
                if all(a.code != b.code for b in out):
                    out.append(a)
        if coordinated:
            # a list parsed as apposition: "Peru, Chile, and Bolivia met"
            for c in tok.children:
                if c.dep_ != "appos" or c.i not in self.mentions:
                    continue
                for h in [c, *c.conjuncts]:
                    for a in self._actors_one(h):
                        if all(a.country != b.country for b in out):
                            out.append(a)
        return out

    def is_place(self, tok: Token) -> bool:
        m = self.mentions.get(tok.i)
        return bool(m and m.entries[0].kind in PLACE_KINDS)

    def is_people(self, tok: Token) -> bool:
        """Whether ``tok`` names a people ("Tunisians", "Afghan"), not a place."""
        m = self.mentions.get(tok.i)
        return bool(m and m.entries[0].kind == "adjective")

    def place_country(self, tok: Token) -> str | None:
        m = self.mentions.get(tok.i)
        if m and m.entries[0].kind in COUNTRY_KINDS:
            return m.entries[0].country
        return None

    # -- internals -------------------------------------------------------------------------
    def _actors_one(self, h: Token) -> list[Actor]:
        if h.i in self._cache:
            return self._cache[h.i]
        self._cache[h.i] = []  # guards against cycles
        res = self._resolve(h)
        self._cache[h.i] = res
        return res

    def _resolve(self, h: Token) -> list[Actor]:
        low = h.lower_
        if (h.pos_ == "PRON" or h.tag_ in ("PRP", "PRP$", "WP", "WDT")) and h.i not in self.mentions:
            return self._pronoun(h)     # (not a name the tagger took for one: "Houthis say ...")
        if low in STATE_NOUNS and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in h.children) \
                and not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in h.children):
            # "the country", "the nation": the state last named, as "it" would be
            a = self.salience.last_state(self.sentence_of(h), before=h.i, window=0)
            return [Actor(a.country, h.text, None, h.i)] if a is not None else []
        m = self.mentions.get(h.i)
        if m is None and h.text in ("North", "South") and any(c.dep_ == "det" and c.lower_ == "the" for c in h.children) \
                and not any(c.dep_ in ("compound", "amod", "poss", "prep") for c in h.children):
            # "ties with the South", "accused the North": the other half of a divided
            # country the text names (Korea, Sudan)
            named = {mm.entries[0].country for mm in self.mentions.values()}
            for pair in DIVIDED:
                if named & set(pair):
                    return [Actor(pair[0] if h.text == "North" else pair[1], h.text, None, h.i)]
        plural = h.tag_ in ("NNS", "NNPS")
        if m is not None:
            e = choose(m.entries, self.day)
            if e.kind in ("group", "metonym", "firm") and len(e.code) > 3:
                # "Pakistan's Taliban", "the Afghan Taliban", "the Syrian Border Security Force":
                # a home country named in the phrase wins
                other = [a for a in self._modifier_actors(h, m.start) if a.country != e.country
                         and a.entry is not None and a.entry.kind in ("country", "adjective")]
                if other:
                    return [self._make(other[0].country + e.code[3:], h, m, plural=plural, entry=e)]
            if e.kind == "bloc":
                return self._members(e, h, m)    # "Iran and the P5+1": each member state
            if e.kind == "metonym" and fold(self.doc[m.start:m.end].text).lower() in GENERIC_BODIES:
                # "In Bolivia, Congress refuses ...": a body many states have is the one of the
                # one country the sentence names, if that is another
                other = {self.mentions[i].entries[0].country for i in range(h.sent.start, h.sent.end)
                         if i in self.mentions and not (m.start <= i < m.end) and self.doc[i].dep_ == "pobj"
                         and self.doc[i].head.lower_ in ("in", "inside")
                         and self.doc[i].head.head.i == h.sent.root.i} - set(NO_COUNTRY)
                if len(other) == 1 and e.country not in other:
                    return [self._make(other.pop() + e.code[3:], h, m, plural=plural, entry=e)]
            if e.kind in NAMED_KINDS:
                return [self._make(e.code, h, m, person=e.kind == "person", plural=plural, entry=e)]
            if e.kind == "adjective" and any(c.lower_ == "ethnic" for c in h.children) and h.pos_ in ("PROPN", "NOUN"):
                # "ethnic Albanians" are a people, not Albania: take the country they are in
                home = [a for a in self._located_in(h) if a.country != e.country] or self._place_in_sentence(h, e.country)
                return [self._make(home[0].country if home else "---", h, m, plural=plural, entry=e)]
            if e.kind in ("country", "adjective"):
                role = self._role(h) if h.i != m.end - 1 or e.kind == "adjective" else None
                if e.kind == "adjective" and role is None and h.pos_ in ("PROPN", "NOUN") and plural:
                    # a people named by where they live: "Bosnian Serbs", "Albanians in Serbia"
                    home = [a for a in self._modifier_actors(h, h.i) if a.country != e.country] \
                        or [a for a in self._located_in(h) if a.country != e.country]
                    if home:
                        return [self._make(home[0].country, h, m, plural=True, entry=e)]
                return [self._make(e.country + (role or ""), h, m, plural=plural, entry=e)]
            if e.kind == "capital":
                if h.dep_ == "pobj" and h.head.lower_ in LOCATIVE:
                    return []
                if h.dep_ in ("compound", "amod"):
                    return [self._make(e.country, h, m, entry=e)]
                return [self._make(e.country + "GOV", h, m, entry=e)]
            if e.kind in ("city", "region") and h.dep_ == "nsubj" and h.head.pos_ == "VERB" \
                    and h.i == m.end - 1 and e.country and not m.address \
                    and not any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < m.start
                                for c in h.children):   # "Candice Bergen" is a person
                # a region or city that acts is its government: "Victoria eases restrictions"
                return [self._make(e.country + "GOV", h, m, entry=e)]
            return []  # cities and regions are places, not actors
        role, role_start = self._role_span(h)
        if role in ("-", "GOV") and plural and any(c.lower_ in PAIR_WORDS for c in h.children) \
                and not any(c.i in self.mentions for c in h.children if c.dep_ in ("amod", "compound", "nmod", "poss")):
            pair = self._last_two_countries(h)
            if pair:   # "both countries", "the two sides": the last two named
                return [Actor(a.country + ("" if role == "-" else role), a.text, None, h.i, False, True, a.entry)
                        for a in pair]
        if role in (None, "-", "GOV") and (low in PARTITIVE or h.lemma_.lower() in PARTITIVE | HEADS_OF):
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in OF_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            # "leaders of Armenia and Azerbaijan" (also when the parser hangs
                            # the names on a following noun)
                            inner = self.actors(p) or self._modifier_actors(p, p.i)
                            if inner and role == "GOV":   # "leaders of Pakistan" -> PAKGOV
                                inner = [a if len(a.code) > 3 else dataclasses.replace(a, code=a.code + "GOV")
                                         for a in inner]
                            if inner:
                                return [self._widen(a, h, person=a.person or not plural, plural=plural)
                                        for a in inner]
        if role is None and h.pos_ == "PROPN":
            return self._titled(h, plural)
        if role is None:
            return []
        countries = self._modifier_actors(h, role_start)
        if not countries and h.dep_ == "conj" and h.head.i < h.i and h.head.pos_ == "NOUN" \
                and not any(c.dep_ in ("det", "nummod") for c in h.children):
            # modifiers shared by a list of role nouns: "Israeli planes and tanks"
            countries = self._modifier_actors(h.head, h.head.i)
        if not countries and role != "-":
            countries = self._located_in(h)
        if not countries and role == "LEG":
            countries = self._chamber_of(h)
        person = not plural and h.lemma_.lower() in PERSON_NOUNS
        if not countries and role in ARMED_ROLES:
            against = self._opposed_state(h)
            if against is not None:
                # "forces bent on toppling the government in Kyiv": that state's insurgents
                return [self._make(against + ("REB" if role == "REB" else "INS"), h, None,
                                   plural=plural, first=role_start)]
        if not countries:
            if role == "-":
                return []
            return [self._make("---" + role, h, None, person=person, plural=plural, first=role_start)]
        out = []
        role = _former(h, role)
        for a in countries:
            if a.entry is not None and a.entry.kind in NAMED_KINDS and len(a.code) > 3:
                # an armed group's commanders, fighters and forces are the group: "Taliban
                # commanders", "Houthi forces" (not the state's army)
                code = a.code if role in ("-", "GOV") or a.code.endswith(role) or (
                    role == "MIL" and a.code[3:6] in NONSTATE_ARMED) else a.code[:3] + role
            else:
                code = a.country + ("" if role == "-" else role)
            lo = min(a.span[0], self.doc[role_start].idx) if a.span else self.doc[role_start].idx
            hi = h.idx + len(h.text)
            out.append(Actor(code, self.text[lo:hi], (lo, hi),
                             h.i, person, plural or len(countries) > 1, a.entry))
        return out

    def _role_span(self, h: Token) -> tuple[str | None, int]:
        if _chamber_members(h) is not None:
            return "LEG", h.i      # "the Dutch House of Representatives", "the Chamber of Deputies"
        lemmas = [_noun_lemma(h)]
        toks = [h]
        j = h.i - 1
        while j >= 0 and len(toks) < self.dicts.role_max:
            t = self.doc[j]
            # modifiers of the phrase, or flat siblings in a name's title ("Secretary General")
            if t.dep_ in ("compound", "amod", "nmod") and (t.head.i in {x.i for x in toks}
                                                   or (t.head.i == toks[0].head.i and toks[0].dep_ == "compound")):
                toks.insert(0, t)
                lemmas.insert(0, _noun_lemma(t))
                j -= 1
            else:
                break
        for k in range(len(lemmas)):
            role = self.dicts.roles.get(tuple(lemmas[k:]))
            if role == "-":
                # "opposition coalition", "rebel movement": the modifier names the role
                for j in range(k - 1, -1, -1):
                    inner = self.dicts.roles.get((lemmas[j],))
                    if inner and inner != "-":
                        return inner, toks[j].i
            if role == "GOV" and k == len(lemmas) - 1 and lemmas[k] in HEADS_OF:
                # "a union leader", "the gang leader", "student leaders": the head of the body
                # the modifier names, not of a government
                for j in range(k - 1, -1, -1):
                    inner = self.dicts.roles.get((lemmas[j],))
                    if inner and inner not in ("-", "GOV") and toks[j].dep_ == "compound" and toks[j].pos_ == "NOUN":
                        return inner, toks[j].i     # (a noun: not "a local Taliban leader")
            if role:
                return role, toks[k].i
        return None, h.i

    def _chamber_of(self, h: Token) -> list[Actor]:
        """The country of a legislature named as its members' house, given after them:
        "the House of Commons of the United Kingdom", "the House of Representatives of
        Connecticut"."""
        members = _chamber_members(h)
        for q in members.children if members is not None else ():
            if q.dep_ == "prep" and q.lower_ == "of":
                for x in q.children:
                    country = self.place_country(x) if x.dep_ == "pobj" else None
                    if country and country not in NO_COUNTRY:
                        return [Actor(country, x.text, None, x.i)]
        return []

    def _role(self, h: Token) -> str | None:
        role, _ = self._role_span(h)
        return None if role == "-" else role

    def _modifier_actors(self, h: Token, role_start: int) -> list[Actor]:
        """Countries, people or groups that modify a role noun: Afghan troops, Pakistan's
        army, the army of Pakistan, Taliban fighters, Afghan and Pakistani forces."""
        found: list[Actor] = []

        def add(actors):
            for a in actors:
                if all(a.code != b.code for b in found):
                    found.append(a)

        named = any(c.i in self.mentions for c in h.children if c.dep_ in ("amod", "compound", "nmod", "poss"))
        # a role phrase's own compound holds modifiers too: "a Rwandan army officer"
        inner = [c for c in h.children if role_start <= c.i < h.i and c.dep_ == "compound"
                 and c.i not in self.mentions]
        for c in [*h.children, *(x for k in inner for x in k.children)]:
            if c.i >= role_start and c.i < h.i and (c.i not in self.mentions
                                                    or self.mentions[c.i].entries[0].kind == "person"):
                continue  # part of the role phrase itself (unless a body's name: "an Indian Army base")
            if named and c.dep_ == "poss" and c.pos_ == "PRON":
                continue  # "its NATO allies": the name says who
            if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod", "appos"):
                if c.lemma_.lower() in BACKING or c.lower_ in BACKING:
                    continue   # a backer is not the actor: "US-backed forces", "Iranian-funded militias"
                if stance_prefix(c):
                    continue   # nor a cause: "pro-Russian separatists", "anti-Israel protesters"
                add(self.modifier(c, places=True))
                for cc in c.conjuncts:
                    add(self.modifier(cc, places=True))
            elif c.dep_ == "prep" and c.lower_ in OF_PREPS:
                charged = c.lower_ == "of" and h.dep_ in ("dobj", "nsubjpass") \
                    and h.head.lemma_.lower() in CHARGE_OF
                for p in c.children:
                    if p.dep_ == "pobj" and not (charged and p.pos_ == "NOUN" and p.i not in self.mentions):
                        add(self.modifier(p, places=True))
                        for pc in p.conjuncts:   # "the parliaments of Russia and Crimea"
                            add(self.modifier(pc, places=True))
            elif c.dep_ == "acl" and c.lemma_.lower() in LEADING and not found:
                # "a coalition led by Saudi Arabia": its leader acts
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            if p.dep_ == "pobj":
                                add(self.actors(p, coordinated=True))
            elif c.dep_ == "acl" and c.lemma_.lower() in FLEEING and not found:
                # "refugees fleeing the war in their country", "migrants fleeing Syria"
                for x in c.subtree:
                    if (x.dep_ == "dobj" and x.head.i == c.i) or (
                            x.dep_ == "pobj" and x.head.lower_ in ("from", "in")):
                        got = self.modifier(x, places=True)
                        if got:
                            add(got)
                            break
        return found

    def _last_two_countries(self, h: Token) -> list[Actor]:
        """The last two countries named before ``h`` in its sentence or the one before."""
        start = h.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        found: list[Actor] = []
        i = h.i - 1
        while i >= start and len(found) < 2:
            m = self.mentions.get(i)
            if m is not None:
                e = choose(m.entries, self.day)
                if e.country not in NO_COUNTRY \
                        and all(e.country != a.country for a in found):
                    found.append(self._make(e.country, self.doc[m.end - 1], m, entry=e))
                i = m.start - 1
            else:
                i -= 1
        return found[::-1] if len(found) == 2 else []

    def _titled(self, h: Token, plural: bool) -> list[Actor]:
        """A name we do not know, with a title we do: "Zimbabwean Prime Minister Robert
        Mugabe", "Palestinian leader Yasser Arafat", "Judge Alejandro Rivera"."""
        for c in sorted((c for c in h.lefts if c.dep_ in ("compound", "amod", "nmod")), key=lambda c: -c.i):
            role, start = self._role_span(c)
            if role is None or role == "-":
                continue
            countries = self._modifier_actors(c, start) or self._modifier_actors(h, start)
            lo = min([self.doc[start].idx] + [a.span[0] for a in countries if a.span])
            hi = h.idx + len(h.text)
            codes = [a.country for a in countries] or ["---"]
            role = _former(h, role)
            # an international body's officials are the body: "EU envoy Bernardino Leon" -> IGOEEC
            bodies = {a.country: a.code for a in countries if a.country in ("IGO", "NGO")}
            return [Actor(bodies.get(code, code + role), self.text[lo:hi], (lo, hi), h.i, not plural, plural)
                    for code in dict.fromkeys(codes)]
        return []

    def _opposed_state(self, h: Token) -> str | None:
        """The state an unnamed armed group is out to topple or undermine, by a clause on
        it: "rebels seeking to overthrow the Congolese government" -> COD. When what it
        undermines names no actor ("forces set on undermining that outcome"), the
        country nearest before it in the sentence other than its clause's subject's."""
        for clause in h.children:
            if clause.dep_ not in ("acl", "relcl", "amod"):
                continue
            for v in clause.subtree:
                if v.lemma_.lower() not in HOSTILE_AIMS or v.pos_ != "VERB" or v.i - clause.i > 6:
                    continue
                obj = _child(v, "dobj")
                if obj is None:
                    continue
                named = [a for a in self.actors(obj) if a.country not in NO_COUNTRY]
                if named:
                    return named[0].country if len(named[0].code) == 3 or named[0].code[3:] in (
                        "GOV", "MIL", "POL") else None
                found = self.actors(obj)
                if any(a.code[3:] not in ("GOV", "MIL") for a in found):
                    return None     # "fighters battling the Taliban": not against a state
                if found:           # "the government in Kyiv" (the parser hangs the place on the verb)
                    return next((self.place_country(o) for p in v.children if p.dep_ == "prep"
                                 and p.lower_ == "in" for o in p.children
                                 if o.dep_ == "pobj" and self.place_country(o)), None)
                return self._nearest_other_country(h)
        return None

    def _nearest_other_country(self, h: Token) -> str | None:
        verb = h.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = None
        for v in (verb, *verb.ancestors):
            subj = _child(v, "nsubj") or _child(v, "nsubjpass")
            if subj is not None:
                break
        own = {a.country for a in self.actors(subj)} if subj is not None else set()
        for t in reversed(list(h.sent[: h.i - h.sent.start])):
            m = self.mentions.get(t.i)
            if m is not None and m.entries[0].kind in ("country", "adjective", "capital") \
                    and m.entries[0].country not in own:
                return m.entries[0].country
        return None

    def countries_named(self, sent) -> set[str]:
        """The countries of the names in ``sent`` (states, their people, places, people
        and groups of a country), wherever they stand: "Syrian state media" too."""
        found = set()
        for t in sent:
            m = self.mentions.get(t.i)
            if m is not None and t.i == m.start and not stance_prefix(t) and not _backer(self.doc[m.end - 1]):
                found.add(choose(m.entries, self.day).country)
        return found - set(NO_COUNTRY)     # (not the side a "pro-Palestine" protest takes)

    def _place_in_sentence(self, h: Token, other_than: str) -> list[Actor]:
        """The first place of another country named in ``h``'s sentence."""
        for t in h.sent:
            m = self.mentions.get(t.i)
            if m is not None and t.i == m.start:
                e = m.entries[0]
                if e.kind in ("country", "city", "region", "capital") and e.country != other_than:
                    return [self._make(e.country, t, m, entry=e)]
        return []

    def _located_in(self, h: Token) -> list[Actor]:
        """The country of a role noun placed in it: "a court in Guyana", "police in Kabul"."""
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    m = self.mentions.get(p.i) if p.dep_ == "pobj" else None
                    if m is not None and m.entries[0].kind in COUNTRY_KINDS:
                        e = m.entries[0]
                        return [self._make(e.country, p, m, entry=e)]
        return []

    def modifier(self, t: Token, places: bool = False) -> list[Actor]:
        """The actor a modifier names: "Afghan", "Pakistan's", "Taliban"; a city or
        province only with ``places`` ("the Crimea government", not "the Samarra bombing")."""
        if t.pos_ == "PRON" or t.tag_ == "PRP$":
            return self._pronoun(t)
        m = self.mentions.get(t.i)
        if m is not None:
            e = choose(m.entries, self.day)
            if e.kind in PLACE_KINDS and not places:
                return []
            if e.kind == "bloc":     # "the P5+1 countries": each member
                return self._members(e, t, m)
            return [self._make(e.code if e.kind in NAMED_KINDS else e.country,
                               t, m, person=e.kind == "person", entry=e)]
        # a modifier that is itself a noun phrase with a name inside: "the Kabul government's",
        # "Vietnamese-led"
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "npadvmod") and c.i in self.mentions:
                return self.modifier(c, places)
        return []

    def _pronoun(self, h: Token) -> list[Actor]:
        low = h.lower_
        if h.tag_ in ("WDT", "WP") and h.head.dep_ == "relcl":
            return self.actors(h.head.head, coordinated=False)
        if low not in HE_SHE | IT | THEY:
            return []
        if low in IT and self._thing_before(h) is not None:
            return []       # "An earthquake struck Italy. It killed 250 people": the quake
        found = self.salience.resolve(low, self.sentence_of(h), before=h.i, not_tokens=_own_subject(h))
        if found and h.dep_ == "poss" and h.head.lemma_.lower() in SOVEREIGN and low in IT | THEY:
            # "Estonia reports that a Russian helicopter violated its airspace", "Indian jets
            # violated their airspace, Pakistan said": a state's airspace, border or embassy
            # that its doer would violate is the speaker's, not the doer's own
            speaker = self._speaker(h)
            if speaker and {a.country for a in found} <= self.doer_countries(h) \
                    and not {a.country for a in speaker} & {a.country for a in found}:
                found = speaker
        return [Actor(a.code, a.text, None, h.i, a.person, a.plural, a.entry) for a in found]

    def _thing_before(self, h: Token) -> Token | None:
        """The subject of the sentence before, if "it", the subject of its sentence's first
        clause, continues it and it is a thing no actor names (a storm, a deal, a report)."""
        if h.dep_ not in ("nsubj", "nsubjpass") or h.sent.start == 0 or any(
                t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") for t in h.doc[h.sent.start:h.i]):
            return None
        before = h.doc[h.sent.start - 1].sent
        subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ == "NOUN" and subj.tag_ == "NN" \
                and subj.i not in self.mentions and not self.actors(subj) \
                and not any(c.i in self.mentions for c in subj.children):   # (not "a British report": Britain's?)
            return subj
        return None

    def doer_countries(self, h: Token) -> set[str]:
        """The countries of the subject of the clause a possessive sits in."""
        v = _clause_verb(h)
        subj = _child(v, "nsubj") or _child(v, "nsubjpass")
        while subj is None and v.dep_ in ("xcomp", "conj", "acl") and v.head.i != v.i:
            v = v.head      # "Syria threatens to shut its border": the one who would shut it
            subj = _child(v, "nsubj") or _child(v, "nsubjpass") or (v if v.pos_ in ("NOUN", "PROPN") else None)
        return {a.country for a in self.actors(subj)} - set(NO_COUNTRY) if subj is not None else set()

    def _speaker(self, h: Token) -> list[Actor]:
        """The state that says the clause a token sits in: the subject of the speech verb
        above it, or of one hung on it ("..., Pakistan said")."""
        v = _clause_verb(h)
        for say in (v.head if v.dep_ in ("ccomp", "parataxis") else None,
                    *(c for c in v.children if c.dep_ in ("ccomp", "parataxis") and c.i > h.i)):
            if say is not None and say.lemma_.lower() in SPEECH_VERBS:
                subj = _child(say, "nsubj")
                if subj is not None and subj.i != h.i:
                    said = [a for a in self.actors(subj) if a.country not in NO_COUNTRY]
                    if said:
                        return [Actor(a.country, a.text, None, h.i) for a in said]
        return []

    def _members(self, e: ActorEntry, h: Token, m: Mention) -> list[Actor]:
        """A bloc's member states, each an actor of the bloc's name."""
        return [self._make(c, h, m, plural=True, entry=e) for c in e.members]

    def _make(self, code, h: Token, m: Mention | None, person=False, plural=False, entry=None, first=None):
        if m is not None:
            start_tok, end_tok = min(m.start, h.i), max(m.end - 1, h.i)
        else:
            start_tok, end_tok = (first if first is not None else h.i), h.i
        span = Span(self.doc, start_tok, end_tok + 1)
        return Actor(code, span.text, (span.start_char, span.end_char), h.i, person, plural, entry)

    def _widen(self, a: Actor, h: Token, person: bool, plural: bool) -> Actor:
        """The actor ``a`` named inside the phrase headed by ``h``, spanning from ``h``."""
        lo = h.idx
        hi = max(a.span[1], h.idx + len(h.text)) if a.span else h.idx + len(h.text)
        return Actor(a.code, self.text[lo:hi], (lo, hi), h.i, person, plural, a.entry)
