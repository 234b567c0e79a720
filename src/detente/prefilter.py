"""Stage 2a, prefilter: decide from the tokenizer's output alone which sentences can
hold an event, so that only those (and the sentences they draw on) are parsed.

Most news sentences cannot give an event. Every event needs a trigger word (a verb or
event noun of ``data/events``, or "want"/"wish" and "must"/"should"/"ought" for appeals
and demands) and an actor, and every actor comes from a word of its own sentence: a
dictionary name, a role noun ("troops", "the government", "President X"), or a pronoun
resolved through the salience of the sentences before. Statements and appeals (CAMEO 01
and 02) are kept only with a source *and* a target, so their words need two actors. The
test is on surface forms, before tagging and parsing:

- names: the coder's own actor PhraseMatcher with its case rules, without its
  part-of-speech check, so it finds at least the coder's names;
- trigger words (and the other words of their patterns) and role nouns: every form
  spaCy's rule lemmatizer (any part of speech's rules and exceptions, and the attribute
  ruler's lemmas) or the coder's own lemma guesses could turn into those lemmas, worked
  out once from the model's tables;
- pronouns (he/she/it/they and their forms) count as actors only when the sentence or the
  one before may add to salience; "they" and "both countries" count as two.

A sentence is *eventful* when it has a trigger word whose patterns can give something
other than a statement or appeal and one actor, or any trigger word and two. When an
eventful sentence reads the sentences before it (a pronoun: salience of the one before;
"both"/"two" with a role noun: the last two countries named in it and the one before;
a role noun: the one country named in it and the one before;
"with" and an event noun of cooperation: the partner, from the two before; a claim of
responsibility: the victims of the attack in the one before; an arrest, sentence or
deportation with no actor, after a sentence that names one: that sentence's state), the
sentences from the earliest of those that may add to salience are parsed too, and so on
backwards. Everything else is skipped: it adds
nothing to the salience that later sentences see, or no later sentence within reach
reads it.

Sentences come from the model's sentence recogniser (``senter``, a small tagger that
ships disabled in spaCy's English pipelines; a punctuation rule when the model has
none), joined wherever the cut is not sure (no full stop before it, or neither a capital
nor a line break after it). Runs of consecutive needed sentences are parsed as pieces
of their own (with the tokenizer's tokens and norms); the parser sets the sentence
boundaries inside a piece as it does in the whole text. Skipped sentences are counted so
that the sentence numbers of events match those of parsing everything, except where the
count of a skipped stretch differs from the parser's.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_SPACE, LOWER, NORM, ORTH, SPACY
from spacy.tokens import Doc

from .actors import HE_SHE, IT, PAIR_WORDS, THEY, ActorMatcher, _case_fits
from .dictionaries import Dictionaries, ranked_words
from .events import (AIR_PROJECTILES, ARTILLERY_PROJECTILES, BACK_BORDER, BACK_CONTEXT, BORDER, CLAIM_WORDS,
                     FIRING, GETTING, GIVING, HARDWARE, IMPACT_VERBS, INSULTING_VERBS, INSULTS, INTERCEPTING,
                     JOINT, LEAVING, MONEY, RELIEF, TAKING, WISH_VERBS, coercion_words, guessing_forms)

# how many sentences before its own a word may read: a pronoun resolves to this sentence
# or the one before (Salience.resolve), "both countries" are the last two named in them
# (ActorResolver._last_two_countries), the partner of "an agreement with X" is a subject
# of the two before (Salience.partner), an unnamed institution takes the one country named
# in them (events.BACK_CONTEXT, Salience.only_country)
BACK_PRONOUN, BACK_PAIR, BACK_PARTNER = 1, 1, 2     # and events.BACK_BORDER for "border clashes"
BACK_CLAIM = 1      # a claim of responsibility reads the attack in the sentence before (events._victims_before)
BACK_COERCED = 1    # an arrest nobody is named for reads the country the sentence before names (settle)
SAY_ROOTS = ("01", "02")    # kept only with a source and a target
TWO_ACTOR_WORDS = tuple(sorted(WISH_VERBS))          # _wishes: appeals, need two actors
OBLIGATION_WORDS = ranked_words("obligation_modals")  # _obligations: demands, need two actors
OPENING = ('"', "'", "\u201c", "\u2018", "(", "[")
COOPERATIVE = ("03", "04", "05", "06", "07")        # event nouns that find a partner (events.py)
# word categories (bits): trigger word, role noun with a role, any role noun, he/she/it, they,
# "with", "both"/"two", an event noun of cooperation
_TRIGGER, _ROLE, _ANY_ROLE, _ONE, _MANY, _WITH, _PAIR, _PARTNER, _BORDER, _CLAIM = 1, 2, 4, 8, 16, 32, 64, 128, 256, 512
_COERCE = 1024      # a state's arrests, sentences, deportations: done by the state the sentence before names


@dataclass(frozen=True)
class Piece:
    """A stretch of a text to parse: characters [start, end) of the text, the index of
    its first sentence and how many sentences the prefilter counts in it, and a Doc of
    its tokens (sentence boundaries inside left to the parser)."""
    start: int
    end: int
    first_sentence: int
    sentences: int
    doc: Doc


@dataclass(frozen=True)
class Plan:
    sentences: int              # sentences the parser would likely make of the text
    pieces: list                # Piece, in text order
    split: int                  # sentences as the prefilter splits them
    parsed: int                 # of those, inside the pieces


class Prefilter:
    def __init__(self, nlp, dicts: Dictionaries, matcher: ActorMatcher):
        self.nlp = nlp
        self.dicts = dicts
        self.matcher = matcher
        strings = nlp.vocab.strings
        lemma_forms = _LemmaInverter(nlp)

        def forms(lemma):
            return lemma_forms(lemma) | guessing_forms(lemma)

        def word_hashes(lemma):   # a pattern's other word, as lemma or lower-case form
            return frozenset(strings.add(f) for f in lemma_forms(lemma))

        # surface form of a trigger lemma -> its patterns: (codes beyond 01/02?, other words)
        triggers: dict[int, set] = {}
        for table in (dicts.verbs, dicts.nouns):
            for lemma, pats in table.items():
                needs = {(p.code[:2] not in SAY_ROOTS, tuple(word_hashes(w) for w in p.words))
                         for p in pats if p.code not in ("-", "*")}
                if needs:
                    for f in forms(lemma):
                        triggers.setdefault(strings.add(f), set()).update(needs)
        for lemma in GIVING | GETTING:     # events._gift: giving (or getting) arms, money or relief
            for f in forms(lemma):
                triggers.setdefault(strings.add(f), set()).update(
                    (True, (word_hashes(w),)) for w in HARDWARE | MONEY | RELIEF)
        # events._projectile: what a missile, rocket or shell did ("Russian missiles damaged
        # a power plant"), its firing and its interception
        projectiles = frozenset().union(*(word_hashes(w) for w in AIR_PROJECTILES | ARTILLERY_PROJECTILES))
        for lemma in IMPACT_VERBS | FIRING | INTERCEPTING:
            for f in forms(lemma):
                triggers.setdefault(strings.add(f), set()).add((True, (projectiles,)))
        # events._took_place: taking a named city or region ("seized Kunduz")
        place_words = frozenset(strings.add(phrase.split()[-1].lower()) for phrase, entries in dicts.phrases.items()
                                if any(e.kind in ("city", "capital", "region") for e in entries))
        for lemma in TAKING:
            for f in forms(lemma):
                triggers.setdefault(strings.add(f), set()).add((True, (place_words,)))
        # events._forces_left: forces leaving a named country or place ("troops left Lebanon")
        left_words = place_words | frozenset(strings.add(phrase.split()[-1].lower())
                                             for phrase, entries in dicts.phrases.items()
                                             if any(e.kind == "country" for e in entries))
        for lemma in LEAVING:
            for f in forms(lemma):
                triggers.setdefault(strings.add(f), set()).add((True, (left_words,)))
        # events._insult: calling someone an insult ("called Maduro a dictator")
        insults = frozenset().union(*(word_hashes(w) for w in INSULTS))
        for lemma in INSULTING_VERBS:
            for f in forms(lemma):
                triggers.setdefault(strings.add(f), set()).add((True, (insults,)))
        for lemma in TWO_ACTOR_WORDS:
            for f in forms(lemma):
                triggers.setdefault(strings.add(f), set()).add((False, ()))
        for w in OBLIGATION_WORDS:
            triggers.setdefault(strings.add(w), set()).add((False, ()))
        for w in JOINT:      # _joint_acts: two states acting together, need two actors
            triggers.setdefault(strings.add(w), set()).add((False, ()))
        self.triggers = {h: tuple(v) for h, v in triggers.items()}
        role_forms = set().union(*(lemma_forms(k[-1]) for k, r in dicts.roles.items() if r != "-"))
        any_role_forms = set().union(*(lemma_forms(k[-1]) for k in dicts.roles))
        partner_forms = set().union(*(forms(w) for w, pats in dicts.nouns.items()
                                      if any(p.code[:2] in COOPERATIVE for p in pats)))
        coerce_forms = set().union(*(forms(w) for w in coercion_words(dicts)))

        category: dict[int, int] = {}
        for bit, words in ((_ROLE, role_forms), (_ANY_ROLE, any_role_forms), (_ONE, HE_SHE | IT),
                           (_MANY, THEY), (_WITH, ("with",)), (_PAIR, PAIR_WORDS),
                           (_PARTNER, partner_forms), (_BORDER, BORDER), (_CLAIM, CLAIM_WORDS),
                           (_COERCE, coerce_forms)):
            for w in words:
                h = strings.add(w)
                category[h] = category.get(h, 0) | bit
        for h in self.triggers:
            category[h] = category.get(h, 0) | _TRIGGER
        self.category = category
        self.final = {strings.add(w) for w in (".", "!", "?")}
        self.quote = {strings.add(w) for w in ('"', "'", "''", "\u201d", "\u2019")}
        self.closing = self.quote | {strings.add(w) for w in (")", "]")}
        # a lemmatizer whose lemmas cannot be traced back to word forms: parse everything
        words = set(dicts.verbs) | set(dicts.nouns) | set(TWO_ACTOR_WORDS) | {k[-1] for k in dicts.roles} \
            | {w for table in (dicts.verbs, dicts.nouns) for pats in table.values() for p in pats for w in p.words}
        self.always = not lemma_forms.complete or bool(lemma_forms.unconstrained & words)
        self.senter = nlp.get_pipe("senter") if "senter" in nlp.component_names else None
        if self.senter is None:
            from spacy.pipeline import Sentencizer
            self.sentencizer = Sentencizer()

    # -- sentences ----------------------------------------------------------------------
    def split(self, docs: list[Doc]) -> list[Doc]:
        """Sets sentence starts on tokenized docs."""
        if self.senter is not None:
            return list(self.senter.pipe(docs, batch_size=64))
        return [self.sentencizer(d) for d in docs]

    # -- the decision -------------------------------------------------------------------
    def plan(self, docs: list[Doc]) -> list[Plan]:
        """The pieces to parse of one document, given as its split blocks (context can
        reach from one block into the one before)."""
        facts = [self._facts(d) for d in docs]
        need = [x for f in facts for x in f.eventful]
        adds = [x for f in facts for x in f.adds]
        back = [x for f in facts for x in f.back]
        for i in range(len(need) - 1, -1, -1):
            if need[i] and back[i]:
                # from the earliest sentence within reach that adds to salience, all of them,
                # so that the parser numbers them as it would in the whole text
                first = next((k for k in range(max(0, i - back[i]), i) if adds[k]), i)
                for k in range(first, i):
                    need[k] = True
        plans, k = [], 0
        for d, f in zip(docs, facts):
            n = len(f.sents)
            plans.append(self._pieces(d, f.sents, need[k:k + n], f.counts))
            k += n
        return plans

    def _facts(self, doc: Doc) -> "_Facts":
        """Per sentence: eventful?, names an actor?, a cue to read the sentences before?"""
        lower = doc.to_array(LOWER).tolist()
        sents, counts = self._sentences(doc, lower)
        n = len(sents)
        if self.always or n == 0:
            return _Facts(sents, [True] * n, [True] * n, [0] * n, counts)
        starts = np.array([a for a, _ in sents], dtype=np.int64)
        cat = self.category
        kind = np.fromiter((cat.get(h, 0) for h in lower), dtype=np.int64, count=len(lower))

        def count(bit):
            return np.add.reduceat((kind & bit) > 0, starts).astype(np.int64)

        names = np.zeros(n, np.int64)
        by_lower, phrases, strings = self.matcher.by_lower, self.matcher.dicts.phrases, self.nlp.vocab.strings
        for match_id, start, end in self.matcher.matches(doc):
            text = doc[start:end].text
            if any(_case_fits(v, text, {e.kind for e in phrases[v]}) for v in by_lower[strings[match_id]]):
                names[np.searchsorted(starts, start, side="right") - 1] += 1
        # "both countries", "the two sides": two actors from the sentences before
        pair = (count(_ANY_ROLE) > 0) & (count(_PAIR) > 0)
        border = count(_BORDER) > 0        # "border clashes": two states from before
        # "X claimed responsibility": its victims are those of the attack told before
        claim = (count(_CLAIM) > 0) & (count(_TRIGGER) > 0)
        named = names + count(_ROLE) + 2 * (pair | border) + claim
        pron = count(_ONE) + 2 * count(_MANY)
        # what the coder adds to salience: named actors, and role nouns taking their
        # country from a pronoun ("its neighbours")
        adds = (named > 0) | ((count(_ANY_ROLE) > 0) & (pron > 0))
        # a pronoun is an actor only when salience has one within reach
        reach = np.convolve(adds, np.ones(BACK_PRONOUN + 1, np.int64))[:n] > 0
        units = named + np.where(reach, pron, 0)
        eventful = [False] * n
        for i in np.flatnonzero((units >= 1) & (count(_TRIGGER) > 0)).tolist():
            a, b = sents[i]
            present = set(lower[a:b])
            eventful[i] = any((strong or units[i] >= 2) and all(not ws.isdisjoint(present) for ws in others)
                              for h in present if h in self.triggers
                              for strong, others in self.triggers[h])
        # "Gunmen storm a hotel in Lima. Four suspects are detained.": the state the sentence
        # before names made the arrests (settle's ``before``)
        coerced = (count(_COERCE) > 0) & (np.concatenate(([0], names[:-1])) > 0)
        for i in np.flatnonzero(coerced).tolist():
            eventful[i] = True
        # how far back it reads: a pronoun, "both countries", "an agreement with X"
        # ... and a role noun, the one country named there ("the government": settle)
        back = np.maximum.reduce([np.where(pron > 0, BACK_PRONOUN, 0), np.where(pair, BACK_PAIR, 0),
                                  np.where(count(_ANY_ROLE) > 0, BACK_CONTEXT, 0),
                                  np.where((count(_WITH) > 0) & (count(_PARTNER) > 0), BACK_PARTNER, 0),
                                  np.where(border & (count(_TRIGGER) > 0), BACK_BORDER, 0),
                                  np.where(claim, BACK_CLAIM, 0), np.where(coerced, BACK_COERCED, 0)])
        return _Facts(sents, eventful, adds.tolist(), back.tolist(), counts)

    def _sentences(self, doc: Doc, lower: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
        """The split doc's sentences (token ranges), joined where a boundary is not sure
        (no full stop before it, or no capital or line break after it: "Anti | -war",
        "11. | 6 pct", ". . | ."), so that a parsed piece never starts or ends inside a
        sentence the parser would make; and how many sentences the parser would likely
        make of each: one, plus one for each line break inside after a full stop. Only the
        numbering of the sentences after a skipped one depends on the count."""
        space = doc.to_array(IS_SPACE).tolist()
        # line breaks after a full stop (with or without a closing quote): the parser ends a
        # sentence there, the sentence recogniser often does not
        breaks = [i for i in np.flatnonzero(space).tolist() if 1 < i < len(lower) - 1 and "\n" in doc[i].text
                  and (lower[i - 1] in self.final or (lower[i - 1] in self.quote and lower[i - 2] in self.final))]
        sents: list[list[int]] = []
        counts: list[int] = []
        for s in doc.sents:
            c = 1 + sum(1 for i in breaks if s.start < i < s.end - 1)
            if sents and not self._sure(doc, lower, space, s.start):
                sents[-1][1] = s.end
                counts[-1] += c
            else:
                sents.append([s.start, s.end])
                counts.append(c)
        return [(a, b) for a, b in sents], counts

    def _sure(self, doc: Doc, lower: list[int], space: list[int], k: int) -> bool:
        j = k - 1
        newline = False
        while j >= 0 and space[j]:
            newline = newline or "\n" in doc[j].text
            j -= 1
        if j < 0:
            return True
        if lower[j] in self.closing and j > 0:
            j -= 1
        if lower[j] not in self.final:
            return False
        first = doc[k].text[:1]
        if first in OPENING and k + 1 < len(doc):
            first = doc[k + 1].text[:1]
        return newline or first.isupper()

    def _pieces(self, doc: Doc, sents, need, counts) -> Plan:
        """Runs of consecutive needed sentences, each as a Doc of its own."""
        pieces = []
        n = len(sents)
        first = np.concatenate(([0], np.cumsum(counts))).tolist()
        orth = spaces = None
        i = 0
        while i < n:
            if not need[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and need[j + 1]:
                j += 1
            if orth is None:
                arr = doc.to_array([ORTH, SPACY, NORM])
                orth, spaces = arr[:, 0].tolist(), arr[:, 1].astype(bool).tolist()
            a, b = sents[i][0], sents[j][1]
            words = [self.nlp.vocab.strings[o] for o in orth[a:b]]
            piece = Doc(self.nlp.vocab, words=words, spaces=spaces[a:b],
                        sent_starts=[True] + [None] * (len(words) - 1))
            piece.from_array([NORM], arr[a:b, 2:3])   # the tokenizer's norms ("Nov." -> "november")
            pieces.append(Piece(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), first[i], first[j + 1] - first[i],
                                piece))
            i = j + 1
        return Plan(first[n], pieces, n, sum(need))


@dataclass
class _Facts:
    sents: list         # (start, end) token offsets
    eventful: list      # can hold an event
    adds: list          # may add actors to salience (a name, a role noun)
    back: list          # how many sentences before it it may read
    counts: list        # parser sentences it likely holds


class _LemmaInverter:
    """lemma -> every lower-case surface form the pipeline's lemmatizer could give it.
    ``complete`` is False for lemmatizers it cannot invert (lookup tables, other modes);
    ``unconstrained`` holds lemmas the attribute ruler gives to words it does not spell
    out."""

    def __init__(self, nlp):
        self.rules: list[tuple[str, str]] = []
        self.exc: dict[str, set[str]] = {}
        self.unconstrained: set[str] = set()
        self.complete = True
        if "lemmatizer" in nlp.component_names:
            lemmatizer = nlp.get_pipe("lemmatizer")
            lookups = lemmatizer.lookups
            self.complete = getattr(lemmatizer, "mode", None) == "rule"
            # every part of speech's rules and exceptions: the tagger decides which apply
            if lookups.has_table("lemma_rules"):
                for rules in lookups.get_table("lemma_rules").values():
                    self.rules.extend((old, new) for old, new in rules)
            if lookups.has_table("lemma_exc"):
                for exc in lookups.get_table("lemma_exc").values():
                    for form, lemmas in exc.items():
                        for lemma in lemmas:
                            self.exc.setdefault(lemma.lower(), set()).add(form.lower())
        if "attribute_ruler" in nlp.component_names:
            for p in nlp.get_pipe("attribute_ruler").patterns:
                lemma = p["attrs"].get("LEMMA")
                if not lemma:
                    continue
                for pattern in p["patterns"]:
                    forms = _literal_forms(pattern, p.get("index", 0))
                    if forms is None:
                        self.unconstrained.add(lemma.lower())
                    else:
                        self.exc.setdefault(lemma.lower(), set()).update(forms)

    def __call__(self, lemma: str) -> set[str]:
        out = {lemma} | self.exc.get(lemma, set())
        for old, new in self.rules:
            if lemma.endswith(new):
                out.add(lemma[:len(lemma) - len(new)] + old)
        return out


def _literal_forms(pattern, index: int) -> set[str] | None:
    """The lower-case words the token at ``index`` of an attribute-ruler pattern
    matches, or None when the pattern does not spell them out."""
    if not -len(pattern) <= index < len(pattern):
        return None
    tok = pattern[index]
    for key in ("LOWER", "ORTH", "TEXT"):
        v = tok.get(key)
        if isinstance(v, str):
            return {v.lower()}
        if isinstance(v, dict) and "IN" in v:
            return {w.lower() for w in v["IN"]}
    return None
