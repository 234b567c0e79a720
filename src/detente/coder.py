"""The coder: documents in, events out. It runs the stages in order

    read -> (prefilter) -> parse -> actors -> events -> (dates) -> Event records

and streams many documents (``pipe``), on several processes if asked. With the
prefilter (``Settings.prefilter``, on by default) only the sentences that can hold an
event, and those they draw on, are parsed and coded.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import multiprocessing as mp
import threading
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from . import cameo, dates, parse, places
from ._util import chunks, clip, tree_distance
from .actors import NO_COUNTRY, NONSTATE_ARMED, Actor, ActorMatcher, ActorResolver, Salience, address_tails
from .dictionaries import Dictionaries
from .errors import CoderError
from .events import (ANONYMOUS, ATTACK_ROOTS, BACK_CONTEXT, STATE_COERCION, EventExtractor, RawEvent, coercion_words,
                     settle)
from .prefilter import Prefilter
from .read import check, repaired
from .records import Document, DocResult, Event, Skip
from .settings import Settings

CODER_NAME = "detente-rules/1"
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "attr", "appos", "conj", "ROOT",
                      "dative"})


class Coder:
    """Codes English text into events. Load once, then call :meth:`code` or :meth:`pipe`."""

    def __init__(self, settings: Settings | None = None, nlp=None):
        self.settings = settings or Settings.from_env()
        self.nlp = nlp if nlp is not None else parse.load(self.settings.model)
        self.dicts = Dictionaries.load(self.settings.actors, self.settings.events)
        self.matcher = ActorMatcher(self.nlp, self.dicts)
        self.extractor = EventExtractor(self.dicts)
        self._known_verb = self.dicts.verbs.__contains__      # for the headline repair (parse)
        self._coercion_words = coercion_words(self.dicts)     # settle's ``before``
        self.prefilter = Prefilter(self.nlp, self.dicts, self.matcher) if self.settings.prefilter else None
        # tokens seen and parsed by this process; with the prefilter on, also sentences
        # (as it splits them) seen and parsed
        self.counts: Counter = Counter()
        self._namesake_cache: dict = {}     # (group name, home) -> namesake groups by state

    # -- one text ----------------------------------------------------------------------
    def code(self, text: str, date: str | None = None, doc_id: str = "doc") -> list[Event]:
        """Code one text; ``date`` (YYYY-MM-DD) anchors relative dates and dated actors.
        Raises :class:`CoderError` where a batch would record a ``coder-error`` skip."""
        result = self.code_document(Document(doc_id, text, date))
        if result.skip is not None and result.skip.reason == "coder-error":
            raise CoderError(f"{doc_id}: {result.skip.detail}")
        return list(result.events)

    def code_document(self, doc: Document) -> DocResult:
        return next(iter(self.pipe([doc])))

    # -- many documents ------------------------------------------------------------------
    def pipe(self, docs: Iterable[Document | Skip], processes: int = 1,
             chunk: int = 16) -> Iterator[DocResult]:
        """Code documents in order; skips pass through as results with their reason."""
        if processes <= 1:
            yield from self._pipe_local(docs)
            return
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        slots, stop = threading.Semaphore(4 * processes), threading.Event()

        def feed():        # at most 4 chunks per process in flight: memory does not grow with the input
            for batch in chunks(docs, chunk):
                while not slots.acquire(timeout=0.2):
                    if stop.is_set():
                        return
                yield batch

        with ctx.Pool(processes, initializer=_init_worker, initargs=(self.settings,)) as pool:
            try:
                for results in pool.imap(_work, feed()):
                    slots.release()
                    yield from results
            finally:
                stop.set()

    def _pipe_local(self, docs: Iterable[Document | Skip]) -> Iterator[DocResult]:
        for batch in chunks(docs, self.settings.batch_size):
            yield from self._code_isolated(batch)

    def _code_isolated(self, batch: list) -> list[DocResult]:
        """Code a batch; if anything in it fails, code its documents one by one, so that
        only the document that fails becomes a skip (``coder-error``) and the rest is coded."""
        try:
            return self._code_batch(batch)
        except Exception as e:
            if len(batch) > 1:
                return [r for d in batch for r in self._code_isolated([d])]
            doc_id = batch[0].id
            return [DocResult(doc_id, skip=Skip(doc_id, "coder-error", clip(f"{type(e).__name__}: {e}")))]

    def _code_batch(self, batch: list) -> list[DocResult]:
        s = self.settings
        todo: list[tuple[int, Document]] = []
        out: dict[int, DocResult] = {}
        for i, d in enumerate(batch):
            if isinstance(d, Skip):
                out[i] = DocResult(d.doc_id, skip=d)
                continue
            d = repaired(d)
            skip = check(d, s.max_chars)
            if skip is not None:
                out[i] = DocResult(d.id, skip=skip)
            else:
                todo.append((i, d))
        texts = [(i, off, text) for i, d in todo for off, text in parse.blocks(d.text)]
        parsed: dict[int, list] = {}
        if self.prefilter is not None:
            # tokenize and split everything, parse only what can hold an event
            tdocs = self.prefilter.split([self.nlp.make_doc(t) for _, _, t in texts])
            by_doc: dict[int, list] = {}
            for (i, off, _), td in zip(texts, tdocs):
                by_doc.setdefault(i, []).append((off, td))
            plans = [(i, off, plan) for i, blocks in by_doc.items()
                     for (off, _), plan in zip(blocks, self.prefilter.plan([td for _, td in blocks]))]
            pieces = [p for _, _, plan in plans for p in plan.pieces]
            sdocs = iter(self.nlp.pipe((p.doc for p in pieces), batch_size=s.batch_size))
            for i, off, plan in plans:
                parsed.setdefault(i, []).append(
                    (off, plan.sentences, [(p, next(sdocs)) for p in plan.pieces]))
            c = self.counts
            c["tokens"] += sum(len(td) for td in tdocs)
            c["parsed_tokens"] += sum(len(p.doc) for p in pieces)
            c["sentences"] += sum(plan.split for _, _, plan in plans)
            c["parsed_sentences"] += sum(plan.parsed for _, _, plan in plans)
        else:
            sdocs = self.nlp.pipe((t for _, _, t in texts), batch_size=s.batch_size)
            for (i, off, _), sdoc in zip(texts, sdocs):
                parsed.setdefault(i, []).append((off, None, [(None, sdoc)]))
                self.counts["tokens"] += len(sdoc)
                self.counts["parsed_tokens"] += len(sdoc)
        for i, d in todo:
            out[i] = self._code_parsed(d, parsed.get(i, []))
        return [out[i] for i in range(len(batch))]

    def _code_parsed(self, d: Document, blocks) -> DocResult:
        """Code the parsed pieces of one document. ``blocks``: per block of its text, the
        block's offset, its sentence count as the prefilter estimates it (None: all of it
        parsed) and its parsed pieces ((Piece or None, spaCy Doc)). Sentences are numbered
        as the parser splits the pieces and as the prefilter counts the stretches between."""
        day = dt.date.fromisoformat(d.date) if d.date else None
        salience = Salience()
        events: list[Event] = []
        unclaimed: list[Event] = []     # attacks nobody was named for, kept for a claim
        n_sent = 0
        for block_off, block_sentences, pieces in blocks:
            shift = 0       # sentences the parser found in pieces, minus what the prefilter counted
            for piece, sdoc in pieces:
                off = block_off + (piece.start if piece is not None else 0)
                first = n_sent + shift + (piece.first_sentence if piece is not None else 0)
                sdoc = parse.repair_headlines(self.nlp, sdoc, self._known_verb)
                sdoc = parse.repair_as_clauses(self.nlp, sdoc)
                sdoc = parse.repair_clause_verbs(self.nlp, sdoc, self._known_verb)
                sdoc = parse.repair_verb_complements(sdoc)
                sents = list(sdoc.sents)
                if piece is not None:
                    shift += len(sents) - piece.sentences
                else:
                    shift += len(sents)
                self._code_sentences(d, day, off, sdoc, sents, first, salience, events, unclaimed)
            n_sent += shift + (block_sentences or 0)
        return DocResult(d.id, tuple(_claimed_attacks(events, unclaimed)), n_sent)

    def _code_sentences(self, d, day, off, sdoc, sents, first, salience, events, unclaimed) -> None:
        mentions = self.matcher.mentions(sdoc)
        tails = address_tails(sdoc, mentions)
        if tails:
            parse.repair_address_subjects(self.nlp, sdoc, tails)   # in place, sentences kept
        sent_index = {}
        for k, s in enumerate(sents):
            for t in s:
                sent_index[t.i] = first + k
        res = ActorResolver(sdoc, mentions, self.dicts, day, salience, lambda t: sent_index[t.i])
        previous = None             # the sentence before, whose one named country may act here
        for k, sent in enumerate(sents):
            idx = first + k
            for t in sent:
                if t.dep_ in ARG_DEPS and (t.pos_ in ("PROPN", "NOUN") or t.i in mentions) and t.dep_ != "conj":
                    # (a news organisation is a source of reports, not what "it" or "its forces" stand for)
                    acts = [a for a in res.actors(t, coordinated=True)
                            if not (a.entry is not None and a.entry.kind == "firm" and a.code[3:6] == "MED")]
                    if len(acts) > 1:   # "Obama and Putin" can be "they"
                        acts = [dataclasses.replace(a, plural=True) for a in acts]
                    if acts:
                        salience.add(idx, acts, subject=t.dep_ in ("nsubj", "nsubjpass"), group=t.i)
            raw = self.extractor.events(sent, res, salience, idx) if not parse.is_heading(sent) else []
            if raw:
                found = dates.find(sent.text)
                # the one country the sentence names: whose home force nobody aims is at, and
                # whose state arrests and sentences where no one else is named to
                here = res.countries_named(sent)
                named = here if any(
                    r.code[:2] in ATTACK_ROOTS or r.code.startswith(STATE_COERCION) for r in raw) else set()
                alone = next(iter(named)) if len(named) == 1 else None
                before = None
                if previous is not None and not here and any(t.lemma_.lower() in self._coercion_words for t in sent):
                    there = res.countries_named(previous)
                    before = next(iter(there)) if len(there) == 1 else None
                start, supplied = len(events), set()     # (events whose state the coder supplied)
                costs = {}          # tolls by the attack they were the cost of (events._tolls_of_attacks)
                for r in raw:
                    place = places.locate(r.trigger, res)
                    context = salience.only_country(idx, window=BACK_CONTEXT)
                    if place is not None and place.country and (r.code[:2] in ATTACK_ROOTS or r.code.startswith(CLAIM_CODE)):
                        # (where it fights or claims attacks; it may meet anywhere)
                        r = dataclasses.replace(r, source=self._namesake(r.source, place.country, day),
                                                target=self._namesake(r.target, place.country, day))
                    settled = settle(r, place, context, alone, frozenset(named), before)
                    if settled is not None:
                        events.append(self._event(d, day, idx, off, sent, settled, found, place))
                        if r.source is None:
                            supplied.add(id(events[-1]))
                        if r.cost_of is not None:
                            costs[id(events[-1])] = off + r.cost_of.idx
                    elif r.source is None and r.mode == "asserted" and r.code[:2] in ATTACK_ROOTS:
                        # an attack nobody is named for is no event, unless someone claims it
                        # (_claimed_attacks): kept, by the unknown actor, until then
                        by_someone = dataclasses.replace(r, source=Actor("---", "", None, r.trigger.i))
                        settled = settle(by_someone, place, context, alone, frozenset(named), before)
                        if settled is not None:
                            unclaimed.append(self._event(d, day, idx, off, sent, settled, found, place))
                if costs:   # a toll is its attack's where that attack is coded
                    aimed_at: dict[int, set[str]] = {}     # coded attacks' target countries, by trigger offset
                    for e in events[start:]:
                        if e.mode == "asserted":
                            aimed_at.setdefault(e.trigger_span[0], set()).add(e.target[:3])
                    events[start:] = [e for e in events[start:] if not _toll_coded(e, costs.get(id(e)), aimed_at)]
                events[start:] = _one_prosecution(events[start:], supplied)
            previous = sent

    def _namesake(self, a: Actor | None, there: str, day) -> Actor | None:
        """An armed group of one state fighting in another where a group of its name is
        based is that group: "the Taliban" attacking in Swat, Pakistan, before 2021 is the
        Pakistani Taliban (PAKINS), not the Afghan one; not one the text gives its own
        nationality ("Afghan Taliban")."""
        e = a.entry if a is not None else None
        if e is None or e.kind != "group" or a.code[3:6] not in NONSTATE_ARMED or a.country in NO_COUNTRY \
                or there in (a.country, *NO_COUNTRY):
            return a
        words = a.text.lower().replace("-", " ").split()
        if any(x.kind == "adjective" and x.country == a.country
               for w in words for x in self.dicts.phrases.get(w.title(), ())):
            return a
        here = [x for x in self._namesakes(e.name, a.country).get(there, ()) if x.valid_on(day)]
        return dataclasses.replace(a, code=here[0].code, entry=here[0]) if here else a

    def _namesakes(self, name: str, home: str) -> dict[str, list]:
        """Armed groups of other states whose names contain ``name`` ("Pakistani Taliban",
        "Tehrik-i-Taliban Pakistan" for "Taliban"), by their state."""
        key = (name, home)
        if key not in self._namesake_cache:
            word = re.compile(rf"\b{re.escape(name.lower())}\b")
            found: dict[str, list] = {}
            for phrase, entries in self.dicts.phrases.items():
                if phrase.lower() == name.lower() or not word.search(phrase.lower()):
                    continue
                for x in entries:
                    if x.kind == "group" and x.code[3:6] in NONSTATE_ARMED and x.country not in (home, *NO_COUNTRY) \
                            and x not in found.setdefault(x.country, []):
                        found[x.country].append(x)
            self._namesake_cache[key] = found
        return self._namesake_cache[key]

    def _event(self, d: Document, day, idx, off, sent, r: RawEvent, found, place) -> Event:
        info = cameo.lookup(r.code)
        date, date_source, date_text = _event_date(r, sent, found, day)
        trig = r.trigger

        def span(a):
            return None if a is None or a.span is None else (off + a.span[0], off + a.span[1])

        return Event(
            doc_id=d.id, sentence=idx, start=off + sent.start_char, end=off + sent.end_char,
            source=r.source.code if r.source else "", target=r.target.code if r.target else "",
            cameo=r.code, plover=info.plover, quad_class=info.quad_class, goldstein=info.goldstein,
            mode=r.mode, date=date, date_source=date_source,
            trigger=trig.text, source_text=r.source.text if r.source else "",
            target_text=r.target.text if r.target else "",
            trigger_span=(off + trig.idx, off + trig.idx + len(trig.text)),
            source_span=span(r.source), target_span=span(r.target),
            date_text=date_text, evidence=sent.text,
            place=place.name if place else "", place_country=place.country if place else "",
            lat=place.lat if place else None, lon=place.lon if place else None, coder=CODER_NAME)


def _claimed_attacks(events: list[Event], unclaimed: list[Event] = ()) -> list[Event]:
    """Attacks nobody was named for, credited to whoever claimed them in the same
    sentence after them or in the next one: "A car bomb killed 12 people in Mogadishu.
    Al-Shabaab claimed responsibility." -> al-Shabaab did it (the guidelines' claimant).
    ``unclaimed``: attacks with no actor in the text at all ("three explosions killed 34
    people"), events only when claimed so."""
    if not any(e.cameo.startswith(CLAIM_CODE) for e in events):
        return events     # (most documents: no claim, so no attack to credit nor claim to aim)
    claims = [e for e in events if e.cameo.startswith(CLAIM_CODE) and e.mode == "asserted"
              and e.source and not e.source.startswith(("---", "IGO", "NGO"))]
    out, credited = [], {}
    for e in _merged(events, unclaimed):
        if e.cameo[:2] in ATTACK_ROOTS and e.mode == "asserted" and (not e.source or e.source.startswith("---")):
            by = next((c for c in claims if e.sentence <= c.sentence <= e.sentence + CLAIM_REACH
                       and c.trigger_span[0] > e.trigger_span[0] and c.source != e.target
                       and not set(e.target_text.lower().split()) & ANONYMOUS), None)
            # (not the attackers killed in it: "the four gunmen were killed in the attack")
            if by is not None:
                e = dataclasses.replace(e, source=by.source, source_text=by.source_text, source_span=by.source_span)
                credited.setdefault(id(by), e)
            elif any(e is u for u in unclaimed):
                continue
        out.append(e)
    for c in out:     # (or the claimant's attack the claim's own sentence tells: "claimed a series of attacks in ...")
        if c.cameo.startswith(CLAIM_CODE) and not c.target and id(c) not in credited:
            own = next((e for e in out if e.sentence == c.sentence and e.cameo[:2] in ATTACK_ROOTS
                        and e.mode == "asserted" and e.source == c.source and e.target), None)
            if own is not None:
                credited[id(c)] = own
    aimed = []
    for e in out:
        if e.cameo.startswith(CLAIM_CODE) and not e.target:
            # a claim that names no victim is aimed at those of the attack it claims, else
            # it says nothing of a relation ("the group claimed responsibility" alone)
            attack = credited.get(id(e))
            if attack is None or not attack.target:
                continue
            e = dataclasses.replace(e, target=attack.target, target_text=attack.target_text,
                                    target_span=attack.target_span)
        aimed.append(e)
    return aimed


def _toll_coded(e: Event, attack: int | None, aimed_at: dict[int, set[str]]) -> bool:
    """Whether toll ``e`` is the cost of an attack coded at offset ``attack`` at the same
    country (or either at no country)."""
    if attack is None or attack not in aimed_at:
        return False
    return e.target[:3] in ("", "---") or bool(aimed_at[attack] & {e.target[:3], "", "---"})


def _merged(events: list[Event], more: list[Event]) -> list[Event]:
    """``events`` in their order, with each of ``more`` before the first event after it
    in the text."""
    out = list(events)
    for m in more:
        at = next((k for k, e in enumerate(out) if e.trigger_span[0] > m.trigger_span[0]), len(out))
        out.insert(at, m)
    return out


CLAIM_CODE = "015"      # claim responsibility
CLAIM_REACH = 2         # sentences after an attack a claim of it may come
PROSECUTION = ("173",)  # arrest, detain, charge, try, sentence: one prosecution of the same people


def _event_date(r: RawEvent, sent, found, day) -> tuple[str | None, str | None, str]:
    """The date expression nearest the trigger in the parse tree (at most 4 steps),
    resolved against the document date; else the document date."""
    best, best_dist = None, 5
    for e in found:
        span = sent.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not _dates_event(e, span, r.trigger, r.mode):
            continue
        dist = tree_distance(span.root, r.trigger)
        if dist < best_dist:
            best, best_dist = e, dist
    if best is not None:
        # what is only possible or planned is dated forward: "could begin by early March"
        auxes = [c for c in r.trigger.children if c.dep_ == "aux"]
        future = r.mode == "hypothetical" and any(c.tag_ == "MD" or c.lower_ in ("will", "'ll", "shall") for c in auxes) \
            and not any(c.lower_ == "have" for c in auxes)
        when = dates.resolve(best, day, future=future)
        if when is not None:
            return when.isoformat(), "text", best.text
    year = _year_of(r.trigger)
    if year is not None and day is not None and int(year.text) < day.year:
        # an event named by its year is of that year: "the 1994 genocide", "the 2008 war"
        return dt.date(int(year.text), 1, 1).isoformat(), "text", year.text
    if day is not None:
        return day.isoformat(), "document", ""
    return None, None, ""


def _year_of(t: Token) -> Token | None:
    """The year that modifies an event noun ("the 1994 genocide"), if one does."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    return next((c for c in t.children if c.dep_ in ("nummod", "compound", "amod", "npadvmod")
                 and c.i < t.i and len(c.text) == 4 and c.text.isdigit() and 1800 <= int(c.text) <= 2100), None)


def _dates_event(e, span, trigger, mode: str) -> bool:
    """Whether a date expression can be the date of the event: not a bound of what
    happened ("the first time since 1971", "until March"; "by March" is the date of what
    is only planned) and not the date of another thing it names ("the war of 1971")."""
    prep = (e.groups.get("prep") or "").lower()
    if prep in ("since", "until") or (prep == "by" and mode == "asserted"):
        return False
    root = span.root
    prep = root if root.dep_ == "prep" else root.head if root.head.dep_ == "prep" else None
    if prep is not None and prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN") \
            and prep.head.i != trigger.i:
        return False
    return not _other_clause(root, trigger)


def _other_clause(t, trigger) -> bool:
    """Whether ``t`` hangs in a clause or phrase that tells another, earlier or later event
    ("after", "since", "following" + a verb or noun): "re-establish relations after severing
    them 55 years ago", "cut ties after the hostage crisis in 1980" are dated by the
    severing and the crisis, not by the re-establishing and the cutting."""
    above = {a.i for a in [trigger, *trigger.ancestors]}
    inner = None     # the verb or noun the date phrase belongs to, if not the trigger's
    for a in [t, *t.ancestors]:
        if a.i in above:
            return False
        if inner is None and a.i != t.i and (a.pos_ in ("VERB", "AUX", "NOUN", "PROPN")):
            inner = a
        if inner is not None and ((a.dep_ == "prep" and a.lower_ in OTHER_EVENT_PREPS) or any(
                c.dep_ == "mark" and c.lower_ in OTHER_EVENT_PREPS for c in a.children)):
            return True
    return False


OTHER_EVENT_PREPS = ("after", "before", "since", "following", "until")


_WORKER: Coder | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Coder(settings)


def _work(batch: list) -> list[DocResult]:
    assert _WORKER is not None
    return list(_WORKER._pipe_local(batch))


def _one_prosecution(events: list[Event], supplied: set[int]) -> list[Event]:
    """One sentence's events without the arrests and sentences whose state the coder
    supplied (``supplied``: ids of events no one was named doing) when the sentence names
    who arrested or sentenced the same people: "a court sentences the singer after he was
    convicted of insulting the prophet" is the court's one prosecution, not a second by
    the state. (One charged "last year" was charged apart: the date is part of the key.)"""
    def key(e):
        return e.target[:3], e.mode, e.date

    named = {key(e) for e in events if id(e) not in supplied and e.cameo[:3] in PROSECUTION and len(e.source) > 3}
    return [e for e in events if not (id(e) in supplied and e.cameo[:3] in PROSECUTION
                                      and len(e.source) == 3 and key(e) in named)]
