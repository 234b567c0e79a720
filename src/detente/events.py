"""Stage 4, events: find event triggers in a parsed sentence, give them CAMEO codes,
find their source and target actors in the dependency parse, and decide their mode.

Triggers are verbs (``attacked``, ``held talks with``, ``called on``) and event nouns
(``clashes``, ``an agreement for intelligence sharing``, ``Ghani's ultimatums``), found
with the verb and noun patterns of :mod:`detente.dictionaries`. A support verb
(``launched``, ``carried out``, ``reached``) takes its code from its event-noun object.

Modes, and the events that statements are (intents, refusals), come from
:mod:`detente.modes`; what was said about others (allegations, obligations, wishes) is
coded here.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import places
from ._util import child as _child
from .actors import (BACKING, HE_SHE, LEADING, NO_COUNTRY, NONSTATE_ARMED, PAIR_WORDS, PARTITIVE, SOVEREIGN,
                     Actor, ActorResolver, Salience, stance_prefix, two_sides)
from .dictionaries import Dictionaries, Pattern, pattern_rank, ranked_words, word_list, word_pairs
from .modes import (CONDITION_MARKS, FACT_PREPS, REFUSING, SPEECH, announced_intent, conditional, future, infinitive,
                    intent_code, intent_head, mode_of, negated, refusal_code)

FRAME_SKIP = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "punct", "cc", "conj",
                        "mark", "advcl", "parataxis", "relcl", "auxpass", "neg", "intj", "dep",
                        "appos", "ccomp", "meta", "predet", "preconj"})
# The word lists live in data/grammar/words.txt.
TARGET_PREPS = ranked_words("target_preps")          # the first preferred
LOOSE_TARGET_PREPS = word_list("loose_target_preps")
NOUN_TARGET_PREPS = word_list("noun_target_preps")
COMM_NOUNS = word_list("communication_nouns")
# Verbs whose object is the subject of their infinitive: "urged Pakistan to act".
OBJECT_CONTROL = word_list("object_control")
WISH_VERBS = word_list("wish_verbs")
OCCURRENCE_VERBS = word_list("occurrence_verbs")
EXPELLING = word_list("expelling_verbs")
WALKOUT_VERBS = word_list("walkout_verbs")
RIOTING = word_list("rioting_verbs")
CIVIC_ROLES = ("LAB", "CVL", "EDU", "HLH", "BUS", "OPP", "MED", "AGR", "REL")   # who strike by stopping work
HAPPENING_PREPS = word_list("happening_preps")
ISSUING_VERBS = word_list("issuing_verbs")
PLACE_PREPS = word_list("place_preps")
DURING = word_list("during_preps")
AIR_PROJECTILES = word_list("air_projectiles")
ARTILLERY_PROJECTILES = word_list("artillery_projectiles")
IMPACT_VERBS = word_list("impact_verbs")
PROJECTILE_HEADS = word_list("projectile_heads")
AID_CODES = frozenset({"070", "071", "072", "073", "074", "075", "033"})   # giving: the object is the gift
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
# mediating (and offering or asking to): done between others, never by co-mediators with
# each other ("the deal was brokered by Kuwait and the United States")
MEDIATION = ("045", "039", "108", "028")
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07"})


@dataclass
class Trigger:
    token: Token                 # the verb or event noun
    code: str
    pattern: Pattern
    noun: Token | None = None    # the event noun of a support verb
    projectile: Token | None = None   # what landed, for an impact verb ("a rocket ... hit")


@dataclass(frozen=True)
class RawEvent:
    trigger: Token
    code: str
    source: Actor | None
    target: Actor | None
    mode: str
    partners: frozenset = frozenset()   # countries of the sources that did it together
    cost_of: Token | None = None        # the attack this toll was the cost of (_tolls_of_attacks)


class EventExtractor:
    def __init__(self, dicts: Dictionaries):
        self.dicts = dicts
        # the head nouns of the dictionaries' bodies: "party" of "ruling party", "ministry"
        self._body_nouns = frozenset(k[-1] for k, role in dicts.roles.items() if role != "-")

    # -- triggers -----------------------------------------------------------------------
    def triggers(self, sent: Span, names=frozenset()) -> list[Trigger]:
        """Verb and noun triggers of a sentence; ``names`` are token indices inside actor
        names ("Shanghai Cooperation Organisation"), which are never triggers."""
        out: list[Trigger] = []
        consumed: set[int] = set()
        stopped: set[int] = set()     # protests told as prevented (_suppressed)
        for t in sent:
            if t.pos_ != "VERB" or t.dep_ == "amod" or t.i in stopped:
                continue      # (a participle naming a kind of thing or a state: "an
                              # arresting device", "the captured soldier": no act told here)
            pats = None
            for key in _verb_keys(t):
                pats = self.dicts.verbs.get(key)
                if pats:
                    break
            projectile = _projectile(t)
            if projectile is not None:
                # "a rocket fired from Gaza struck Ashkelon": the fire, by whoever fired it
                code = _projectile_kind(projectile)
                out.append(Trigger(t, code, Pattern(code, (), f"{projectile.lemma_} {t.lemma_}", False),
                                   projectile=projectile))
                continue
            eased = self._eased(t) or self._suppressed(t) or self._stopped(t)
            if eased is not None:
                consumed.add(eased.noun.i)
                if eased.code == SUPPRESSION:
                    stopped.add(eased.noun.i)
                out.append(eased)
                continue
            gift = _gift(t)
            if gift is not None and gift[0].lemma_.lower() in MUNITIONS \
                    and not any(w.lemma_.lower() in HARDWARE for w in gift[0].subtree) \
                    and getattr(_child(t, "nsubj"), "i", None) not in names:
                gift = None     # bombs sent by someone no dictionary knows are an attack: "sent pipe bombs to CNN"
            if gift is not None and (not pats or t.lemma_.lower() in GETTING):
                # "donated vaccine doses to Burundi", "received vaccines from India"
                out.append(_gift_trigger(t, gift))
                continue
            bomber = _child(t, "nsubj") if t.lemma_.lower() in SELF_EXPLODING else None
            if bomber is not None and bomber.lemma_.lower() == "bomber":
                # "a suicide bomber exploded near a checkpoint": the bombing, by the bomber
                code = "1831" if any(c.lower_ == "suicide" for c in bomber.children) else "183"
                out.append(Trigger(t, code, Pattern(code, (), f"bomber {t.lemma_.lower()}", False)))
                continue
            if t.lemma_.lower() in LEAVING and _forces_left(t, names, self.dicts.roles):
                # "Syrian troops left Lebanon", "the last Russian soldiers leave Gori": a
                # retreat (0874), not "the strike left 20 dead" nor "the minister left Paris"
                out.append(Trigger(t, "0874", Pattern("0874", (), f"{t.lemma_.lower()} <place>")))
                continue
            insult = _insult(t, names, self.dicts.roles) if t.lemma_.lower() in INSULTING_VERBS else None
            accusation = _best(pats, _frame(t), t) if insult is not None and pats else None
            if insult is not None and not (accusation is not None and accusation.code[:2] == "11"
                                           and accusation.words):
                # "called Maduro a dictator", "describes Israel as a threat": denouncing them
                # (a pattern's accusation first: "labelled Hamas a terrorist group", 112)
                out.append(Trigger(t, "111", Pattern("111", (), f"{t.lemma_.lower()} <insult>")))
                continue
            if not pats:
                noun, npat = self._instrument(t)
                if noun is not None:      # "targeted military sites with missile strikes"
                    consumed.add(noun.i)
                    out.append(Trigger(t, npat.code, npat, noun))
                continue
            frame = _frame(t)
            pat = _best(pats, frame, t)
            if t.lemma_.lower() in TAKING and (pat is None or not pat.words or pat.code == "-") \
                    and _took_place(t, names):
                # "the Taliban seized Kunduz", "rebels captured Goma": territory (192), not
                # property or people
                out.append(Trigger(t, "192", Pattern("192", (), f"{t.lemma_.lower()} <place>")))
                continue
            if pat is not None and pat.code == "-":
                continue
            if pat is not None and pat.code.startswith("087") and not pat.words \
                    and _thing_object(t, self.dicts.roles):
                continue      # "withdrew landing permission", "withdraws his candidacy": no retreat
            if pat is not None and pat.code.startswith("087"):
                left = self._withdrawn_from(t)
                if left == "-":
                    continue  # "withdrew from the race": no retreat
                if left is not None:
                    out.append(left)
                    continue
            if pat is not None and pat.code.startswith("0841") and not pat.words \
                    and _released_thing(t, self.dicts.roles, names):
                continue      # "released funds", "released water from the dam": no one freed
            if pat is not None and pat.code.startswith("054") and not pat.words \
                    and _thing_object(t, self.dicts.roles, names):
                continue      # "recognizes esports as a sport": no state or body recognized
            if pat is not None and pat.code != "*" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in TIME_UNITS
                    and any(p.dep_ == "poss" for p in c.children)
                    and not any(p.dep_ == "nummod" for p in c.children) for c in t.children):
                continue      # "the offensive enters its third week": its own time passing, no act
            if pat is not None and pat.code.startswith("042") and _goods(_child(t, "nsubj")):
                continue      # "vaccine doses arrive in Canada": goods, no visit
            if pat is not None and pat.code.startswith("173") and t.lemma_.lower() in TAKING \
                    and _seized_goods(t):
                # "captured 700 Humvees and dozens of armoured vehicles": property seized
                # (1711), no one arrested
                pat = Pattern("1711", pat.words, f"{t.lemma_.lower()} <goods>", False)
            if pat is not None and pat.code == "192" and not pat.words and _retaken_captives(t):
                # "recaptured 130 of the inmates who escaped": people caught again, no ground taken
                pat = Pattern("173", (), f"{t.lemma_.lower()} <captives>", False)
            if pat is not None and pat.code[:2] in ("02", "14") and t.lemma_.lower() in NAMING \
                    and any(c.dep_ == "oprd" for c in t.children):
                continue      # "calls it an attack on press freedom", "called it a strike": naming it,
                              # no appeal "on" anyone, no strike called
            if pat is not None and pat.code.startswith("04") and _received_with(t):
                continue      # "protesters were met with tear gas", "a plan met with criticism": how it was received
            if pat is not None and pat.code.startswith("17") and _recorded(t):
                continue      # "captured on camera", "caught on video": filmed, not arrested
            if pat is not None and t.lemma_.lower() in BUYING and _bought(t):
                continue      # "ordered 80 planes", "has ordered vaccine doses": a purchase
            if pat is not None and pat.code.startswith("204") and t.i > 0 and t.doc[t.i - 1].lower_ == "tear":
                pat = Pattern("175", (), "tear gas", False)   # "were tear gassed by police": repression
            if pat is not None and pat.code[:2] in FORCEFUL_ROOTS and _sporting(t):
                continue      # "the Netherlands beat Denmark 4-2 in the final": a game
            if pat is not None and pat.code[:2] in ("15", "19") and t.lemma_.lower() in FIRING \
                    and any(w in SPACE_WORDS for w in frame):
                continue      # a rocket that carries a satellite or probe into space is no attack
            if (pat is None or pat.code == "*") and gift is not None and gift[1] == "072":
                out.append(_gift_trigger(t, gift))     # "provided bombs to Israel": arms given, no bombing
                continue
            if pat is None or pat.code == "*":
                noun, code, npat = self._event_noun(t, frame, pat) if pat is not None else (None, None, None)
                if noun is None:
                    if gift is not None:     # "delivered eight helicopters to Jordan": military aid
                        out.append(_gift_trigger(t, gift))
                    continue
                consumed.add(noun.i)
                out.append(Trigger(t, code, npat, noun))
            else:
                for w in pat.words:
                    for tok in frame.get(w, ()):
                        consumed.add(tok.i)
                # "three were killed in a shooting": the killing was the shooting, one event
                consumed.update(o.i for o in _toll_acts(t))
                if t.lemma_.lower() in CLAUSE_ACCUSING and any(c.dep_ == "ccomp" for c in t.children) \
                        and _child(t, "dobj") is None:
                    # "activists charge that the army fired first": said, not a prosecution
                    pat = Pattern("112", (), f"{t.lemma_.lower()} that", False)
                out.append(Trigger(t, pat.code, pat))
        for tr in out:
            if tr.code in LEAVING_CODES:     # the agreement or talks left are no event of their own
                consumed.update(o.i for n in (tr.token, tr.noun) if n is not None for o in _left_things(n))
        for t in sent:
            if t.i in consumed or t.pos_ not in ("NOUN", "PROPN") or t.i in names:
                continue
            if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):
                continue  # "attack helicopter", "ceasefire agreement": the head decides
            if t.tag_ in ("NNP", "NNPS") and t.i > t.sent.start and t.text[:1].isupper():
                continue  # a named event ("the Eritrean-Ethiopian War") is history, not news
            pat = self._noun_code(t)
            if pat is not None and pat.code not in ("-", "*"):
                out.append(Trigger(t, pat.code, pat))
                if pat.code in LEAVING_CODES:    # (what it leaves is no event of its own)
                    consumed.update(o.i for o in _left_things(t))
        out.sort(key=lambda tr: tr.token.i)
        return out

    def _noun_pattern(self, t: Token) -> Pattern | None:
        pats = self.dicts.nouns.get(t.lemma_.lower()) or self.dicts.nouns.get(t.lower_)
        if not pats and t.tag_ in ("NNP", "NNPS"):
            # a name's plural keeps its form as lemma: "Strategic Arms Limitation Talks"
            pats = next((self.dicts.nouns[g] for g in guessed_lemmas(t.lower_) if g in self.dicts.nouns), None)
        if not pats:
            return None
        mods = {c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod", "nmod")}
        mods |= {c.lower_ for c in t.children if c.dep_ in ("compound", "amod", "nmod")}
        for p in pats:
            if all(w in mods for w in p.words):
                return p
        return None

    def _eased(self, verb: Token) -> Trigger | None:
        """Easing a restriction or sanction the verb's object names: "relaxed sanctions on
        Iran" (085), "lifted the curfew" (0813), "the travel ban was removed" (081), "ended
        the blockade of Gaza" (0872); the object is then no imposition of its own."""
        if verb.lemma_.lower() not in EASING:
            return None
        return self._recoded(verb, _acted_on(verb), _easing_code)

    def _stopped(self, verb: Token) -> Trigger | None:
        """Stopping the cooperation or aid the verb's object names reduces relations (16):
        "suspended military aid to Egypt" (1622), "froze arms sales to Riyadh" (1622),
        "halted security cooperation with Israel" (160); the object is then no cooperation
        of its own."""
        if verb.lemma_.lower() in STOPPING or _with_particle(verb) in STOPPING:   # "halted", "called off"
            stopped = _acted_on(verb)
        else:      # "announced a halt of military aid to Kyiv": the stopping, by its noun
            stopped = [o for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in STOPPING_NOUNS
                       for o in _pobjs(c, "of")]
        if not stopped:
            return None
        protest = _in_protest(verb)
        return self._recoded(verb, stopped, lambda code: _stopping_code(code) or (
            "160" if protest and code[:2] == "04" else None))

    def _recoded(self, verb: Token, nouns, recode) -> Trigger | None:
        """The verb as what it does to the first of ``nouns`` whose event code ``recode``
        maps (easing a sanction, stopping aid); the noun is then no event of its own."""
        for n in nouns:
            p = self._noun_pattern(n)
            code = recode(p.code) if p is not None else None
            if code is not None:
                return Trigger(verb, code, Pattern(code, (), f"{verb.lemma_} {n.lemma_}", False), n)
        return None

    def _withdrawn_from(self, t: Token) -> Trigger | str | None:
        """A withdrawal from what is no place nor force: from an agreement it reduces
        relations (160: "pulled out of the arms treaty", "its withdrawal from the climate
        accord"), from talks it halts them (164); from a contest it is no event ("-":
        "withdrew from the presidential race"). None for a retreat."""
        for o in _left_things(t):
            if o.lemma_.lower() in CONTESTS:
                return "-"
            code = self._agreed(o)
            if code is not None:
                return Trigger(t, code, Pattern(code, (), f"{t.lemma_.lower()} from {o.lemma_.lower()}", False), o)
        return None

    def _noun_code(self, n: Token) -> Pattern | None:
        """An event noun's pattern; a withdrawal's as what it leaves (_withdrawn_from):
        "its withdrawal from the accord" 160, "from the race" none ("-")."""
        p = self._noun_pattern(n)
        if p is not None and _in_command(n):
            return None       # "put in charge of the inquiry", "took charge": command, no accusation
        if p is not None and p.code.startswith("087"):
            left = self._withdrawn_from(n)
            if left == "-":
                return Pattern("-", (), f"{n.lemma_.lower()} from a contest", False)
            if left is not None:
                return left.pattern
        return p

    def _agreed(self, n: Token) -> str | None:
        """What leaving the agreement (160) or talks (164) ``n`` names is, else None."""
        p = self._noun_pattern(n)
        return None if p is None else "160" if p.code.startswith("05") else "164" if p.code.startswith("04") else None

    def _parties_of(self, n: Token, res: ActorResolver) -> list[Actor]:
        """Who an agreement or talks are with: "talks with Seoul", "the Iran deal", "WTO
        talks"; none from the words of a treaty's name ("the Intermediate-Range Nuclear
        Forces Treaty") nor the city it was signed in ("the Paris Agreement")."""
        with_whom = [a for o in _pobjs(n, "with", "between") for a in res.actors(o)]
        if with_whom:
            return with_whom
        return [a for c in n.children if c.dep_ in ("compound", "amod", "nmod", "poss") and not (
                    c.i in res.mentions and res.mentions[c.i].entries[0].kind in ("capital", "city"))
                for a in res.modifier(c) if a.country != "---"]

    def _suppressed(self, verb: Token) -> Trigger | None:
        """A protest the verb stops from happening: "police prevented the march", "blocked
        a rally", "stopped students from demonstrating" restrict political freedom (1721),
        done by a state (``events``); the protest itself is no event of its own."""
        if verb.lemma_.lower() not in SUPPRESSING:
            return None
        for n in _acted_on(verb, from_too=True):
            p = self._noun_pattern(n) if n.pos_ != "VERB" else next(
                (v for v in self.dicts.verbs.get(n.lemma_.lower(), ()) if not v.words), None)
            if p is not None and p.code[:2] == "14":
                return Trigger(verb, SUPPRESSION, Pattern(SUPPRESSION, (), f"{verb.lemma_} {n.lemma_}", False), n)
        return None

    def _instrument(self, verb: Token):
        """An attack the verb is done with: "hit the camps with air strikes" (195)."""
        for p in verb.children:
            if p.dep_ == "prep" and p.lower_ == "with":
                for n in p.children:
                    if n.dep_ == "pobj":
                        pat = self._noun_pattern(n)
                        if pat is not None and pat.code[:2] in ATTACK_ROOTS:
                            return n, pat
        return None, None

    def _condemned_place(self, verb: Token, res: ActorResolver) -> list[Actor]:
        """The country where what a verb's object names happened, when it names no
        actor: "condemned the bombing in Kabul", "the coup in Niger", "the Houla massacre"."""
        obj = _child(verb, "dobj")
        if obj is None:
            return []
        for c in obj.children:
            if c.dep_ == "compound" and c.pos_ == "PROPN" and res.place_country(c):
                return _place_target(c, res)
        return _protest_venue(obj, res, [], deep=True)

    def _event_noun(self, verb: Token, frame, pat: Pattern | None = None):
        # not "took part in", "involved in": a part in it, no one's own act ("soldiers who
        # took part in Israel's assault", "officials claim he was involved in the kidnapping")
        preps = set(pat.words) if pat is not None and verb.lemma_.lower() not in PARTAKING else set()
        for c in verb.children:
            # its object, or the object of its own preposition: "engaged in urban warfare"
            objs = [c] if c.dep_ in ("dobj", "attr", "nsubjpass", "oprd") else \
                [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in preps else []
            # "held a second round of talks", "launched a wave of raids": the events
            objs = [x for o in objs for x in ([o] if o.lemma_.lower() not in SERIES_NOUNS else
                                              [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                                               for g in p.children if g.dep_ == "pobj"] or [o])]
            for o in objs:
                for n in [o, *o.conjuncts]:
                    p = self._noun_code(n)      # ("announced its withdrawal from the accord")
                    if p is not None and p.code not in ("-", "*"):
                        return n, p.code, p
        return None, None, None

    # -- arguments ----------------------------------------------------------------------
    def events(self, sent: Span, res: ActorResolver, salience: Salience, sent_index: int) -> list[RawEvent]:
        out: list[RawEvent] = []
        seen = set()
        question = sent.text.rstrip().endswith("?")
        triggers = self.triggers(sent, res.mentions)
        by_token = {tr.token.i: tr for tr in triggers}
        for tr in triggers:
            if _consequence(tr, by_token) or _accident_toll(tr) or _disaster_did(tr) \
                    or _nature_warned_of(tr) or _self_harm(tr):
                continue
            if tr.projectile is not None:
                sources, targets = self._verb_args(tr, res)
                sources = _launched_by(tr.projectile, res)
                for c in tr.token.children if not targets and tr.token.lemma_.lower() in FIRING else ():
                    # a headline's reduced passive read as two verbs: "shells fired from
                    # Syria hit a Turkish town" -> what the second verb hit
                    if c.dep_ in ("advcl", "conj") and c.lemma_.lower() in IMPACT_VERBS \
                            and c.tag_ in ("VB", "VBD", "VBZ", "VBP") and _child(c, "nsubj") is None and _child(c, "nsubjpass") is None:
                        targets = self._verb_targets(c, Trigger(c, tr.code, tr.pattern), res)
                        break
                if tr.token.lemma_.lower() in INTERCEPTING:
                    # those who intercept it were its target ("Israel intercepted a drone")
                    who = _child(tr.token, "nsubj") or next(
                        (o for a in tr.token.children if a.dep_ == "agent" for o in a.children), None)
                    targets = res.actors(who) if who is not None else []
            elif tr.token.pos_ == "VERB":
                obj = _child(tr.token, "dobj") or _child(tr.token, "nsubjpass")
                if tr.code.startswith("084") and tr.token.lemma_.lower() in FREEING and obj is not None \
                        and obj.lemma_.lower() in PUBLISHED:
                    continue     # what is published is not freed: "releases GDP figures", "a birth certificate"
                if tr.code.startswith("084") and tr.token.lemma_.lower() in FREEING and any(
                        o.lemma_.lower() in CARE_PLACES for o in _pobjs(tr.token, "from")):
                    continue     # "released from hospital": discharged, no captive freed
                sources, targets = self._verb_args(tr, res)
                if tr.code.startswith(RETREAT) and tr.noun is not None and tr.noun.dep_ == "nsubjpass" \
                        and tr.noun.head.i == tr.token.i and not sources:
                    # "the withdrawal of Israeli troops from Lebanon was completed": the
                    # withdrawal says who withdrew from where
                    sources, targets = self._noun_args(tr.noun, res, words=tr.pattern.words, code=tr.code)
                if tr.code == "192":
                    # "retook the town from the separatists": taken from them
                    taken_from = [a for o in _pobjs(tr.token, "from") if not res.is_place(o) for a in res.actors(o)]
                    if any(a.country != "---" for a in taken_from):
                        targets = taken_from     # (those of no country leave it to the place, settle)
                if not targets and tr.pattern.text.endswith(" <place>") and obj is not None:
                    # "troops left the Georgian town of Gori": the place's country
                    country = res.place_country(_place_named(obj))
                    if country and country not in NO_COUNTRY:
                        targets = [Actor(country, obj.text, None, obj.i)]
                if tr.code == SUPPRESSION and tr.noun is not None and tr.noun.i != tr.token.i \
                        and (any(a.code[3:6] not in STATE_BODIES for a in sources)
                             or (not sources and _child(tr.token, "nsubj") is not None)):
                    continue     # only a state restricts: not "counter-protesters blocked a march"
                if not sources and not targets and tr.code[:2] in RECIPROCAL_ROOTS:
                    # "a deal is reached between Iran and the P5+1", "talks were held
                    # between Sudan and South Sudan": the parties, with each other
                    sources = _between_parties(tr.token, res)
                if not targets and tr.code[:3] in MEDIATION:
                    # "Qatar mediates between Israel and Hamas", "a truce between X and Y,
                    # mediated by Qatar": between whom
                    held = [tr.token] + ([tr.token.head] if tr.token.dep_ == "acl" else [])
                    targets = [a for h in held for o in _pobjs(h, "between") for a in res.actors(o, coordinated=True)]
                if tr.code.startswith("087") and all(a.country == "---" for a in targets):
                    # "withdrew from Iraq", "pulled its troops out of Syria": from that place's country
                    left = _left_place(tr.token, res)
                    if left is not None and left.country not in {a.country for a in sources}:
                        targets = [Actor(left.country, left.name, None, tr.token.i)]
                fallen = tr.code == "192" and tr.pattern is not None and tr.pattern.reverse   # "fell to"
                if tr.code == "192" and (tr.token.lemma_.lower() in INCURSION or fallen) and not (
                        any(a.code[3:6] in FIGHTING_ROLES and a.code[3:6] != "COP" for a in sources)
                        and (_fallen_place(tr.token, res) if fallen else _entered_place(tr.token, res))):
                    # only armed forces entering a place take it, not an air zone; only ground
                    # falls to them: not "the presidency fell to the speaker"
                    continue
                if fallen and not targets:     # "the city of Mosul fell": Mosul's country
                    targets = next((_place_target(o, res) for o in _pobjs(_child(tr.token, "nsubj"), "of")
                                    if res.place_country(o)), [])
                if not sources and tr.code[:2] in ATTACK_ROOTS:
                    sources, targets = self._pattern_noun_args(
                        tr, res, sources, targets, lambda: salience.pair(sent_index, BACK_BORDER))
                if tr.code[:2] in ATTACK_ROOTS and all(a.country == "---" for a in targets) and not _symmetric(tr):
                    # "five soldiers were killed when a bomber blew himself up": at the dead
                    targets = _dead_when(tr.token, res) or targets
                if not sources and tr.code[:2] in ATTACK_ROOTS and (
                        tr.token.lemma_.lower() in TOLL_VERBS or tr.code.startswith("181")):
                    # "three police officers die when a Taliban bomber blows himself up", "two
                    # aid workers were abducted when gunmen stormed a village": by them
                    sources = _killer_when(tr.token, res)
                if not sources and not targets and (_happening_preps(tr.token) or (
                        tr.token.tag_ == "VBG" and tr.code[:2] in ATTACK_ROOTS
                        and _between(tr.token))):
                    # a gerund that happens: "fighting broke out between X and Y", or that is
                    # told with its parties: "fighting between X and Y killed 40"
                    sources, targets = self._noun_args(tr.token, res, words=tr.pattern.words, code=tr.code)
            else:
                sources, targets = self._noun_args(tr.token, res, words=tr.pattern.words, code=tr.code)
                if not sources and not targets and tr.code[:2] in RECIPROCAL_ROOTS and tr.token.dep_ == "nsubjpass":
                    sources = _between_parties(tr.token.head, res)   # "talks were held between X and Y"
                if not sources and not targets and tr.code[:2] == "19" and _at_border(tr.token):
                    # "border clashes" with no side named: the two states the text is about
                    sources = salience.pair(sent_index, BACK_BORDER)
                elif not sources and targets and tr.code[:2] == "19" and _at_border(tr.token) \
                        and _with_partner(tr.token) and _symmetric(tr):
                    # "Cambodia says ... cross-border clashes with Thailand": the other side
                    # is the other state the text is about
                    sources = [a for a in salience.pair(sent_index, BACK_BORDER)
                               if a.country not in {t.country for t in targets}][:1]
                if not sources and targets and tr.code[:2] == "19" and _with_partner(tr.token):
                    # "a Thai soldier was killed in clashes with Cambodian troops": the
                    # casualties were one side of the fighting
                    sources = [a for a in _casualties(tr.token, res) if a.code not in {t.code for t in targets}]
                if not sources and tr.token.dep_ == "dobj" and tr.token.head.pos_ == "VERB" \
                        and tr.token.head.i not in by_token and tr.token.head.lemma_.lower() not in RECEIVING \
                        and tr.token.head.lemma_.lower() not in DESCRIBING and tr.token.head.lemma_.lower() not in SPEECH:
                    # the object of a verb nobody codes is the subject's act: "Japan approves
                    # new sanctions against Iran", "the US rolled back tariffs on China"
                    sources = _subject_actors(tr.token.head, res, other=targets)
                if not sources and tr.token.dep_ == "dobj" and tr.token.head.lemma_.lower() in ATTRIBUTING:
                    # "police attribute the bombing to al-Shabaab": by whom they say did it
                    sources = [a for o in _pobjs(tr.token.head, "to") for a in res.actors(o)]
                if not targets and tr.token.dep_ == "dobj" and tr.token.head.lemma_.lower() in RECEIVING:
                    # "Ghani drew heavy criticism", "the plan faced threats": aimed at the subject
                    targets = _subject_actors(tr.token.head, res)
                if not targets and tr.token.dep_ == "pobj" and tr.token.head.lower_ == "under" \
                        and tr.token.head.head.pos_ in ("VERB", "AUX"):
                    # "a police squad came under a grenade attack", "is under siege": at the subject
                    targets = [a for a in _subject_actors(tr.token.head.head, res, other=sources)
                               if a.country != "---"]
                if not sources and len(targets) == 1 and tr.code[:2] in COOPERATIVE_ROOTS \
                        and _with_partner(tr.token):
                    partner = salience.partner(targets[0].country, sent_index)
                    if partner is not None:
                        sources = [partner]
            if not sources and tr.code[:2] == "19" and _symmetric(tr):
                # "five Turkish soldiers were killed in clashes in northern Iraq": the dead
                # were one side, the country they fought in the other
                dead = targets or (_casualties(tr.token, res) if tr.token.pos_ != "VERB" else [])
                abroad = _fought_abroad(tr.token, dead, res)
                if abroad:
                    sources, targets = abroad, dead
                elif not targets and len({a.code[3:6] for a in dead}) == 2 and len(dead) == 2 \
                        and all(a.code[3:6] in FIGHTING_ROLES for a in dead):
                    # "two rebels and a police officer died in clashes": the dead of the two
                    # kinds were the two sides (each to the other, below)
                    sources, targets = dead[:1], dead[1:]
            if not sources and (tr.code[:3] == "174" or tr.token.lemma_.lower() in ("expel", "deport")) \
                    and tr.token.pos_ == "VERB":
                # "was deported from New Zealand": by the state it is deported from
                froms = _pobjs(tr.token, "from")
                out_of = next((places.place_of(o, res) for o in froms), None)
                if out_of is not None and out_of.country:
                    sources = [Actor(out_of.country, out_of.name, None, tr.token.i)]
                else:
                    # "Russia is expelled from the Council of Europe": by the body it leaves
                    sources = [a for o in froms for a in res.actors(o) if a.country in ("IGO", "NGO")]
            if not targets and (tr.code[:2] in ("14", "15") or tr.code[:3] == "018"):
                # a protest is aimed at where it is held; sympathy goes to where it happened
                targets = _protest_venue(tr.token, res, sources, deep=tr.code[:3] == "018")
            if not targets and tr.code[:2] == "15":
                # a show of force is aimed at the country it is shown near: "drills around
                # Taiwan", "near the Ukrainian border", "off the coast of Japan"
                targets = _shown_near(tr, res, sources)
            if not targets and tr.code[:3] == "015" and tr.token.pos_ == "VERB":
                # claiming an attack is addressed to its victims: "claimed the bombing in Kabul"
                claimed = _claimed_event(tr.token)
                if claimed is not None:
                    targets = [a for a in self._noun_args(claimed, res, code="19")[1]
                               if a.country not in {s.country for s in sources}] or \
                        _protest_venue(claimed, res, sources, deep=True) or \
                        _protest_venue(_counted(claimed), res, sources, deep=True)
                if not targets:
                    # "gunmen attacked a police station in Quetta; the BLA claimed
                    # responsibility": the victims of the attack told before it
                    targets = self._victims_before(tr, by_token, res, sources)
            if (tr.code[:2] == "12" or tr.code[:3] == "016") and tr.token.pos_ == "VERB" and all(
                    a.country in {s.country for s in sources} for a in targets):
                # "Pakistan rejects this claim", "Hamas denies the allegation": made by
                # whoever claimed or alleged it before
                targets = self._claimant_before(tr.token, res, sources) or targets
            if not targets and tr.code[:2] == "11" and tr.token.pos_ == "VERB":
                # "Turkey condemned the coup in Niger": aimed at where what it condemns happened
                targets = self._condemned_place(tr.token, res)
            if sources and tr.code[:2] in HOSTILE_ROOTS and tr.code[:4] not in ("1723", "1724") \
                    and all(a.country == "---" for a in targets):   # (curfews are imposed at home)
                # "a boycott in response to Pakistan's involvement", "expels three diplomats
                # in retaliation for Russian attacks": aimed at whoever did what it answers
                answered = [a for a in self._answered(tr.token, res) if a.country not in NO_COUNTRY
                            and a.country not in {s.country for s in sources}]
                if answered and targets:
                    targets = [dataclasses.replace(t, code=answered[0].country + t.code[3:]) for t in targets]
                elif answered:
                    targets = answered
            if not targets and tr.code[:2] == "14":
                # "held rallies to protest against the Israeli occupation": at whom its purpose is
                held = [*tr.token.children, *(tr.noun.children if tr.noun is not None else ())]
                purpose = next((by_token[c.i] for c in held if c.dep_ in ("advcl", "xcomp", "relcl", "acl")
                                and infinitive(c) and c.i in by_token and by_token[c.i].code[:2] in ("11", "14")), None)
                if purpose is not None:
                    targets = [a for a in self._verb_args(purpose, res)[1]
                               if a.country not in NO_COUNTRY and a.country not in {s.country for s in sources}]
            if not targets and tr.code[:2] == "14" and sources and sources[0].country not in NO_COUNTRY:
                # a protest with no other address is aimed at the protesters' own government
                targets = [Actor(sources[0].country + "GOV", "", None, tr.token.i)]
            code = tr.code
            if code[:2] == "19" and tr.token.lemma_.lower() in WALKOUT_VERBS and _child(tr.token, "dobj") is None \
                    and sources and all(a.code[3:6] in CIVIC_ROLES for a in sources):
                code = "143"     # "French workers strike to force ...": a strike, not an attack
            elif code[:2] == "19" and tr.token.lemma_.lower() in RIOTING and sources \
                    and all(a.code[3:6] in CIVIC_ROLES for a in sources):
                code = "145"     # "protesters storm the prime minister's office": a riot, not a battle
            if code == "144" and tr.token.pos_ == "VERB" and sources and all(_institution(a) for a in sources):
                # a state that blocks is no protester: a court or parliament blocking a
                # decision, or a state blocking what an international body would do,
                # rejects it; a government blocking goods, people or websites restricts
                # them ("China blocks Google services")
                code = "120" if all(a.code[3:6] in ("JUD", "LEG") for a in sources) \
                    or any(a.code.startswith("IGO") for a in targets) else "172"
            if code[:2] == "16" and sources and targets and tr.token.pos_ == "VERB" \
                    and {a.country for a in targets} <= {a.country for a in sources}:
                # "Canada closes its embassy in Venezuela", "recalls its ambassador to Italy":
                # its own mission is where the relation is cut, with the host
                host = _host_country(tr.token, res, {a.country for a in sources})
                if host is not None:
                    targets = [host]
                elif len({a.country for a in sources}) >= 3 and any(
                        c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in OWN_POSSESSIVES for p in c.children)
                        for c in tr.token.children):
                    # "France, Spain and Italy recall their ambassadors": each its own, from
                    # a host not named here, not from each other (two that recall theirs
                    # mostly recall them from each other: "Thailand and Cambodia recall ...")
                    targets = []
            elif code[:2] == "16" and sources and any(a.country in {s.country for s in sources} for a in targets):
                # "withdraws its ambassador from Qatar": not from itself
                targets = [a for a in targets if a.country not in {s.country for s in sources}]
            if not targets and sources and code[:3] == "042":
                # "arrived in Hanoi", "a visit to the Czech Republic": the country visited
                to = _visited(tr.token, res)
                if to is not None and all(a.country not in (to.country, "---") for a in sources):
                    targets = [to]
            if not targets and sources and code[:2] == "03" and tr.token.pos_ == "VERB" \
                    and len({a.country for a in sources}) < 2:
                # "agreed to have cadets train in Pakistan": with the country it is to happen in
                # (two that agree agree with each other, wherever: "India and Pakistan agreed
                # in Qingdao")
                targets = _complement_place(tr.token, res, by_token, sources) or \
                    _intended_abroad(tr.token, res, sources)
            if code[:3] == "060" and len({a.country for a in sources}) >= 2 and not _with_partner(tr.token):
                targets = []     # "France and Germany teamed up (to ...)": with each other
            if code[:3] in ("171", "173") and code != "1712" and tr.token.pos_ == "VERB" and any(
                    c.dep_ == "dobj" and _taken_ground(c, res) for c in tr.token.children):
                code = "192"     # seizing a town or military posts is taking territory, not an arrest
            weapon = _toll_of(tr, by_token)
            if weapon is not None and _symmetric(weapon) \
                    and _between(weapon.token) \
                    and len({a.code for a in self._noun_args(weapon.token, res, code=weapon.code)[0]}) >= 2:
                continue     # "clashes between X and Y killed 18": the clash, X with Y, not on the dead
            if weapon is not None:
                code = weapon.code     # "Russian shelling killed four civilians": shelling (194)
                if not sources:        # "killed by Russian shelling" read as a participle
                    sources = self._noun_args(weapon.token, res, code=weapon.code)[0]
            # "X and Y complete the withdrawal of their forces": each from the other
            pairs_each_other = code[:3] == "087" and len({a.country for a in sources} - set(NO_COUNTRY)) >= 2 \
                and bool(targets) and all(t.country in {a.country for a in sources} for t in targets)
            if pairs_each_other:
                targets = []
            if len({a.code for a in sources}) >= 2 and _symmetric(tr) and targets \
                    and all(len(a.code) == 3 and res.place_country(res.doc[a.token]) for a in targets):
                targets = []     # "police and protesters clash in La Paz": with each other, there
            if not targets and len({a.code for a in sources}) >= 2 and _joint(tr):
                # "Japan and the Philippines held joint naval drills": done with each other
                code = code if code[:2] in RECIPROCAL_ROOTS else "062" if code[:2] in FORCEFUL_ROOTS else "060"
            if code[:2] == "13" and _warned_of_others(tr.token, res, sources):
                code, targets = "010", []    # "the WWF warned that millions may go hungry": a statement
            claimant = _claiming_verb(tr.token) if tr.code[:2] in ATTACK_ROOTS else None
            if claimant is not None:
                # "Hamas claimed responsibility for the attack": it happened, by the claimant
                counted = _counted(tr.token)
                if not targets:       # "for the bombing in Peshawar": on that place's country
                    targets = _protest_venue(tr.token, res, [], deep=True) or \
                        _protest_venue(counted, res, [], deep=True)     # "a wave of bombings in ..."
                if not sources and (targets or any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                   for c in counted.children)):
                    # (with no victim named, "the attack" was told of before; "an attack" was not)
                    sources = _subject_actors(claimant, res)
            mode = "hypothetical" if question else mode_of(tr.token, tr.noun)
            if mode == "asserted" and code[:2] in TALKED_OF_ROOTS and _topic_of_talks(tr.token):
                mode = "hypothetical"    # "held talks with Israel on the withdrawal of its troops"
            if claimant is not None and mode == "hypothetical" and (sources or targets) \
                    and mode_of(claimant) in ("asserted", "negated"):     # (also "nobody claimed it")
                # (an attack claimed with no victim named was told of before: "the attack")
                mode = "asserted"
            if mode != "asserted" and tr.token.pos_ != "VERB" and _instance_happened(tr.token):
                mode = "asserted"    # "to avoid border clashes such as occurred last week"
            if mode == "hypothetical" and code[:2] == "02" and _attempted(tr.token):
                mode = "asserted"    # "tried to persuade X", "efforts to enlist X": the appeal was made
            coded = [(tr.token, code, mode)]
            alleged = _allegation(tr, by_token, res, sources)
            if alleged is not None:
                out.extend(alleged)
            if mode == "negated" and not question and tr.token.pos_ == "VERB" and future(tr.token):
                code = refusal_code(tr.code)     # "said it would not send troops": a refusal
                if code:
                    coded.append((tr.token, code, "asserted"))
            if mode == "negated" and not question and tr.token.pos_ == "VERB":
                head = tr.token.head
                code = refusal_code(tr.code)
                if code and head.lemma_.lower() in REFUSING and head.i not in by_token and \
                        tr.token.dep_ in ("xcomp", "ccomp") and mode_of(head) == "asserted":
                    coded.append((head, code, "asserted"))   # refusing to do X is itself an event
            if mode == "hypothetical" and not question and tr.token.pos_ == "VERB" \
                    and not (tr.pattern is not None and tr.pattern.reverse):
                # (what the subject is to undergo is no intent of its: "will face trial")
                head = intent_head(tr.token)
                if head is not None and mode_of(head, ignore_future=True) != "asserted":
                    head = None   # "it is unlikely that the Taliban will overrun": no stated intent

                # (of the act as read here: "teachers will strike" pledges a strike, not an attack)
                intent = intent_code(coded[0][1]) if head is not None and (
                    head.i == tr.token.i or head.i not in by_token) else None
                if intent is not None and not sources and tr.token.dep_ == "ccomp" \
                        and any(c.dep_ == "auxpass" for c in tr.token.children) \
                        and _child(tr.token, "agent") is None and tr.token.head.lemma_.lower() in SPEECH:
                    # "Khan says the captured pilot will be released": the speaker's side will
                    # (not a news agency that reports it: "Yonhap reported jets will be deployed")
                    speaker = _child(tr.token.head, "nsubj")
                    sources = [a for a in res.actors(speaker) if a.code[3:6] != "MED"] if speaker is not None else []
                    if not sources:
                        intent = None     # an intention nobody states is none
                if intent is not None and intent == coded[0][1]:
                    coded = [(head, intent, "asserted")]    # "willing to seek a negotiated end"
                elif intent is not None:
                    coded.append((head, intent, "asserted"))  # the stated intent is itself an event
                if intent is not None and not targets:
                    # "X was willing, together with Y, to ...": Y is who it is to be done with
                    targets = [a for a in _stated_with(head, res)
                               if a.country not in {s.country for s in sources}]
            punished = _punished_crime(tr, by_token)
            if punished is not None:
                # the crime a court or the police punish happened; those convicted did it,
                # those arrested are only suspected
                judges, punishes = self._verb_args(by_token[punished.i], res)
                convicted = ((not sources or tr.token.pos_ == "VERB") and punished.lemma_.lower() in CONVICTING) \
                    or tr.token.dep_ == "advcl"     # "arrested three men after they attacked a bus": they did
                if convicted:
                    # "sentenced four men after bombing a mall": the men bombed, not the court
                    # (someone the text names but we do not know, never the court)
                    sources = punishes or [Actor("---", "", None, tr.token.i)]
                if not sources:
                    sources = [Actor("---", "", None, tr.token.i)]
                if all(a.country == "---" for a in targets):
                    # a crime done to no one the text gives a country was done where the
                    # text places it ("for the murders of six Jesuits in San Salvador"), or
                    # else where a court convicts for it ("a Kenyan court convicted three
                    # men over the bombing of a hotel"); those convicted, of no country
                    # named, are of it too. Not what was done "in a raid" or "in clashes":
                    # how, not what for.
                    where = next((a.country for a in _protest_venue(tr.token, res, [], deep=True)), None)
                    if where is None and not targets and _child(punished, "nsubj") is not None and (
                            tr.token.head.lower_ != "in" or _definite(tr.token)):
                        where = next((a.country for a in judges if a.country not in NO_COUNTRY), None)
                    if where is not None:
                        targets = [dataclasses.replace(a, code=where + a.code[3:]) for a in targets] \
                            or [Actor(where, "", None, tr.token.i)]
                        if convicted:
                            sources = [dataclasses.replace(a, code=where + a.code[3:])
                                       if a.country == "---" and a.code[3:] else a for a in sources]
                mode = "asserted"
                coded = [(tr.token, code, mode)]
            nested = punished is None and (claimant is None or not targets) and tr.token.pos_ != "VERB" \
                and _argument_of_trigger(tr.token, by_token) \
                and not (tr.token.dep_ == "dobj" and tr.token.head.lemma_.lower() in REPELLING) \
                and not ((code[:2] == "14" or (code[:2] in ATTACK_ROOTS and tr.token.dep_ == "pobj"))
                         and _toll_cause(tr.token))   # the subject of a toll verb is its code (_toll_of)
            pairs = list(_pairs(sources, targets, coded[0][1],
                                between=_between(tr.token),
                                aimed=tr.token.pos_ == "VERB" and not _symmetric(tr) and any(
                                    c.dep_ in ("dobj", "nsubj") for c in tr.token.children)))
            if coded[0][1][:2] in ONE_TO_OTHERS and tr.token.pos_ == "VERB" and len({a.country for a in sources}) >= 2 \
                    and {a.code for a in targets} <= {a.code for a in sources} \
                    and not _symmetric(tr) and _recipient(tr.token, self.dicts.roles):
                # "Canada and Germany offer refuge to some of them", "Spain and Italy praised
                # him": to those, not to each other
                pairs = [(s, None) for s in sources]
            if not sources and len(targets) >= 2 and tr.token.pos_ == "VERB" and _child(tr.token, "nsubj") is not None:
                # "Jia Qinglin meets with Japanese business leaders and lawmakers": someone the
                # text names (but we do not know) with each of them, not they with each other
                pairs = [(None, t) for t in targets]
            if pairs_each_other or (not targets and tr.token.lemma_.lower() in EXCHANGING
                                    and len({a.country for a in sources}) >= 2):
                # "Russia and Ukraine swapped prisoners": with each other
                pairs = [(a, b) for a in sources for b in sources if a.country != b.country and not _same_bloc(a, b)]
            mirrored = []
            if sources and targets and _symmetric(tr):
                # "Thai troops clashed with Cambodian troops": each did it to the other
                mirrored = [(t, s) for s, t in pairs if s is not None and t is not None]
                pairs += mirrored
            if nested and _same_event_as_head(tr, by_token):
                continue          # "signs free trade agreements with ...": the signing is the event
            partners = _partners(sources, res)
            for trig, code, m in coded:
                for s, t in pairs:
                    if nested and not (s and t):
                        continue  # "rejected a UN appeal": the appeal is the rejection's object
                    if m != mode and (s, t) in mirrored:
                        continue  # "X said it was ready to meet Y", "X refused to meet Y": a
                        #           stated intent or refusal is X's own, not Y's
                    key = (s.code if s else "", t.code if t else "", code)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(RawEvent(trig, code, s, t, m, partners if t is None else frozenset()))
        out.extend(self._obligations(sent, res, by_token, seen))
        out.extend(self._wishes(sent, res, by_token, seen))
        out.extend(self._joint_acts(sent, res, by_token, seen))
        return _drop_fragments([_critics_at_home(r) for r in _tolls_of_attacks(out)])

    def _wishes(self, sent: Span, res: ActorResolver, by_token, seen) -> list[RawEvent]:
        """Wanting another party to act is appealing to it (CAMEO 02): "Nigeria wants
        Accra to reopen the border" -> NGA appeals to GHA."""
        out = []
        for v in sent:
            if v.lemma_.lower() not in WISH_VERBS or v.i in by_token or v.pos_ != "VERB":
                continue
            if negated(v) or mode_of(v) != "asserted":
                continue
            subj = _child(v, "nsubj")
            comp = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp")), None)
            if subj is None or comp is None:
                continue
            addressee = _child(comp, "nsubj") or _child(v, "dobj")
            if addressee is None:
                continue
            for s in res.actors(subj):
                for t in res.actors(addressee):
                    key = (s.code, t.code, "020")
                    if s.code != t.code and key not in seen:
                        seen.add(key)
                        out.append(RawEvent(v, "020", s, t, "asserted"))
        return out

    def _joint_acts(self, sent: Span, res: ActorResolver, by_token, seen) -> list[RawEvent]:
        """States that act together cooperate, whatever the act: "Ugandan and Kenyan
        police jointly raided a warehouse", "Kenyan and Somali forces launched a joint
        offensive against the rebels" -> each side with the other (062 between forces and
        in a forceful act, 060 else), beside the act itself, evidenced by the word that
        says so. Not what they say together ("jointly announced", "a joint statement"),
        nor what their people do together (a joint protest)."""
        out = []
        if not any(t.lower_ in JOINT for t in sent):
            return out       # (most sentences: no word of acting together)
        for v in sent:
            if v.pos_ != "VERB" or v.lemma_.lower() in SPEECH:
                continue
            word = _done_jointly(v)
            if word is None:
                continue
            tr = by_token.get(v.i)
            objs = [by_token.get(c.i) for c in v.children if c.dep_ == "dobj"]
            codes = [t.code for t in (tr, *objs) if t is not None]
            if any(c[:2] <= "06" or c[:2] == "14" for c in codes):
                continue     # said or agreed together: the verbal act is the event (and
                #              "held joint drills", cooperation itself, is coded as it is;
                #              a joint protest is its people's)
            subj = _child(v, "nsubj")
            if subj is None:
                continue
            sides = [a for a in res.actors(subj) if a.country not in NO_COUNTRY]
            if len({a.country for a in sides}) < 2 or any(a.code[3:6] not in ACTING_STATE for a in sides):
                continue
            military = any(c[:2] in FORCEFUL_ROOTS for c in codes) or all(a.code[3:6] == "MIL" for a in sides)
            code = "062" if military else "060"
            mode = mode_of(v)
            for s in sides:
                for t in sides:
                    key = (s.code, t.code, code)
                    if s.country == t.country or _same_bloc(s, t) or key in seen:
                        continue
                    seen.add(key)
                    out.append(RawEvent(word, code, s, t, mode))
        return out

    def _obligations(self, sent: Span, res: ActorResolver, by_token, seen) -> list[RawEvent]:
        """Saying that another party must (or should) act is demanding it of them (or
        appealing to them): "Washington declared that China must drop barriers"."""
        out = []
        for v in sent:
            if v.dep_ != "ccomp" or v.head.lemma_.lower() not in SPEECH:
                continue
            modals = {c.lower_ for c in v.children if c.dep_ == "aux" and c.tag_ == "MD"}
            code = "100" if modals & {"must"} else "020" if modals & {"should", "ought"} else None
            if code is None or negated(v) or conditional(v):
                continue
            speaker, subj = _child(v.head, "nsubj"), _child(v, "nsubj") or _child(v, "nsubjpass")
            if speaker is None or subj is None:
                continue
            for s in res.actors(speaker):
                for t in res.actors(subj):
                    key = (s.code, t.code, code)
                    if s.country != t.country and key not in seen:
                        seen.add(key)
                        out.append(RawEvent(v.head, code, s, t, "asserted"))
        return out

    def _claimant_before(self, v: Token, res: ActorResolver, sources) -> list[Actor]:
        """Who made the claim ``v`` rejects ("rejects this claim", "denied the allegation"):
        the subject of the last claiming or alleging verb before it, in its sentence or the
        one before, when the claim has no owner of its own."""
        claim = next((c for c in v.children if c.dep_ == "dobj"
                      and c.lemma_.lower() in CLAIM_NOUNS | OFFER_NOUNS), None)
        if claim is None or any(c.dep_ in ("poss", "amod") or (c.dep_ == "compound" and c.pos_ != "NOUN")
                                for c in claim.children) \
                or any(p.dep_ == "prep" and p.lower_ in ("by", "from") for p in claim.children):
            return []
        # (an offer or proposal rejected was made by whoever offered or proposed it:
        # "Hamas offered a truce ... Israel dismissed the peace offer")
        makers = OFFERING if claim.lemma_.lower() in OFFER_NOUNS else CLAIMANT_VERBS
        own = {a.country for a in sources}
        start = v.sent.start if v.sent.start == 0 else res.doc[v.sent.start - 1].sent.start
        above = {a.i for a in v.ancestors}      # not the verb that reports the rejection itself
        for t in reversed(res.doc[start:v.i]):
            if t.pos_ == "VERB" and t.lemma_.lower() in makers and t.i not in above:
                subj = _child(t, "nsubj")
                got = [a for a in res.actors(subj) if a.country not in own] if subj is not None else []
                if got:
                    return got
        return []

    def _victims_before(self, tr: Trigger, by_token, res: ActorResolver, sources) -> list[Actor]:
        """The targets of the last attack told before ``tr`` in its sentence, or else in the
        sentence before ("A car bomb killed six soldiers in Kabul. The Taliban claimed
        responsibility."), given the country of its place where the text gives them none."""
        own = {a.code for a in sources}
        start = tr.token.sent.start
        candidates = [x for x in by_token.values() if x.token.i < tr.token.i]
        if start > 0:
            candidates += self.triggers(res.doc[start - 1].sent, res.mentions)
        for other in sorted(candidates, key=lambda x: -x.token.i):
            if other.code[:2] not in ATTACK_ROOTS:
                continue
            got = self._verb_args(other, res)[1] if other.token.pos_ == "VERB" else \
                self._noun_args(other.token, res, code=other.code)[1]
            place = places.locate(other.token, res)
            here = place.country if place is not None and place.country not in (None, *NO_COUNTRY) else ""
            if here:
                got = [dataclasses.replace(a, code=here + a.code[3:]) if a.country == "---" else a for a in got] \
                    or [Actor(here, place.name, None, other.token.i)]
            got = [a for a in got if a.code not in own and a.country not in NO_COUNTRY]
            if got:
                return got
        return []

    def _verb_args(self, tr: Trigger, res: ActorResolver):
        v = tr.token
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
            # the second of two passive participles, with the agent of both: "is shot and
            # killed by Israeli forces"
            v.dep_ == "conj" and v.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in v.head.children)
            # (with the agent of both, or, after another act, with no subject or object of
            # its own: "three soldiers are ambushed and killed in Mosul")
            and (_child(v, "agent") is not None or (
                v.head.lemma_.lower() in self.dicts.verbs
                and not any(c.dep_ in ("nsubj", "dobj") for c in v.children))))
        sources: list[Actor] = []
        targets: list[Actor] = []
        subj = _child(v, "nsubj") or _child(v, "csubj")
        # (or a clause the parser made the subject or complement of another verb, which is
        # a participle on its noun: "two citizens arrested over a plot are former soldiers")
        if subj is not None and (((v.dep_ == "ROOT" or (v.dep_ in ("csubj", "ccomp") and v.lemma_.lower() in TRANSITIVE_ONLY
                                                        and (v.tag_ == "VBN" or v.dep_ == "csubj")))
                                  and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
                                  and v.lemma_.lower() not in INTRANSITIVE
                                  and ((v.tag_ == "VBN" and _child(v, "dobj") is None)   # else active, mis-tagged
                                       or (v.tag_ == "VBD" and v.lemma_.lower() in TRANSITIVE_ONLY
                                                           and _child(v, "dobj") is None
                                                           and not any(_child(o, "dobj") is not None
                                                                       for o in v.conjuncts)
                                                           and not any(_reduced_relative(c) for c in v.children))
                                       # a past form with a "by" agent and no object is a participle:
                                       # "the pilots of a jet shot down by Syria are recovered"
                                       or (v.tag_ == "VBD" and _child(v, "agent") is not None
                                           and _child(v, "dobj") is None)))
                                 or _reduced_relative(v)):
            # a headline's passive: "Two Israelis killed in bombings", "Journalist detained"
            passive = True
            sp_headline = subj
            subj = None
        elif v.tag_ == "VBN" and v.dep_ in ("xcomp", "oprd") and subj is None and _child(v, "dobj") is None \
                and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
            # a participle said of the subject: "48 people are reported killed", "were found
            # shot": they suffered it
            passive = True
            sp_headline = _child(v.head, "nsubjpass") or _child(v.head, "dobj") or _child(v.head, "nsubj")
        else:
            sp_headline = None
        if subj is None and not passive and v.dep_ in ("ROOT", "advcl", "conj", "ccomp"):
            # a headline the parser read as a name: "Turkey shells Kurdish positions", "...
            # after Hamas fires rockets into Israel"
            subj = next((c for c in v.children if c.dep_ == "compound" and c.i < v.i
                         and (v.dep_ == "ROOT" or c.pos_ == "PROPN")), None) or _stranded_subject(v)
        if passive:
            agent = _shared_agent(v)
            if agent is not None:
                p = _child(agent, "pobj")
                if p is not None:     # "by Israeli F-15s": the owner of what did it
                    sources = res.actors(p) or [m for c in p.children if c.dep_ in ("amod", "compound", "poss")
                                                for m in res.modifier(c)]
            sp = _child(v, "nsubjpass") or sp_headline
            if sp is None and v.dep_ == "conj":   # "... imprisoned and were released by Putin"
                sp = _child(v.head, "nsubjpass") or _child(v.head, "nsubj")
            if sp is not None and _projectile_kind(sp):
                # "three rockets were fired from Gaza", "four Russian missiles were shot down
                # near Odesa": by whoever fired them, at no one yet
                sources = sources or _launched_by(sp, res)
            elif sp is not None:
                if tr.code[:3] in ("181", "171") and v.dep_ == "ccomp" and sp is sp_headline \
                        and v.head.lemma_.lower() in FREEING:
                    # "gunmen release a toddler kidnapped on Thursday" read as a clause: they held her
                    sources = sources or _subject_actors(v.head, res)
                targets = res.actors(sp) or self._inside_object(
                    sp, res, own_event=tr.noun is not None and tr.noun.i == sp.i) or [
                    # "his movements had been restricted", "their assets were frozen": the owner
                    a for c in sp.children if c.dep_ == "poss" and c.pos_ == "PRON" for a in res.modifier(c)]
                second = [a for o in v.children if o.dep_ == "nsubjpass" and o.i != sp.i for a in res.actors(o)]
                if second and two_sides({a.code[3:6] for a in targets + second}):
                    # a second subject the parser did not join, of the other side: "three
                    # policemen and two rebels are killed" (they fought each other)
                    targets = targets + [a for a in second if a.code not in {t.code for t in targets}]
        elif subj is not None:
            # an event noun as subject carries its own actors: "US drone attacks killed ..."
            sources = res.actors(subj) or self._inside_object(subj, res)
            if all(a.country == "---" for a in sources) and _child(subj, "acl") is not None:
                # "a drone attack conducted by the United States killed ..."
                sources = [a for a in self._noun_args(subj, res)[0] if a.country != "---"] or sources
            if sources and all(a.country == "---" for a in sources) and subj.dep_ == "compound" \
                    and subj.head.dep_ == "ROOT" and subj.head.tag_ == "NNS":
                # (a name whose verb was read as a noun keeps the modifiers the parser hung
                # on that noun: "the Indonesian Navy intercepts and seizes ...")
                country = next((m.country for c in subj.head.children if c.dep_ == "amod" and c.i < subj.i
                                for m in res.modifier(c) if m.country not in NO_COUNTRY), None)
                if country is not None:
                    sources = [dataclasses.replace(a, code=country + a.code[3:]) for a in sources]
        else:
            agent = _by_agent(v) if v.tag_ == "VBG" else None
            # a gerund with its own agent is that agent's, not the clause's subject's:
            # "soldiers were killed in shelling by the Indian Army"
            sources = (res.actors(agent) if agent is not None else []) or self._inherited_subject(v, res)
        if not sources and not passive and v.tag_ == "VBG":
            # a gerund the parser left a verb, with its owner: "due to Russian shelling"
            sources = [a for c in v.children if c.dep_ in ("amod", "poss") and c.i < v.i
                       for a in res.modifier(c)]
        if not sources and not passive:
            agent = _by_agent(v)
            if agent is not None:   # a gerund with its agent: "shelling by Azerbaijani forces"
                sources = res.actors(agent)
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            head_actors = res.actors(v.head)
            if (v.tag_ == "VBN" or (v.tag_ == "VBD" and _child(v, "agent") is not None)) \
                    and not targets and _child(v, "dobj") is None:
                # "troops deployed in X", "a British toddler kidnapped in Nigeria" (or tagged
                # a past form, with its "by" agent: "a drone shot down by Iran"); with an
                # object it is active: "the coalition bombed Sanaa" read as a participle
                targets = head_actors or [m for c in v.head.children if c.dep_ in ("amod", "compound", "poss")
                                          and c.i < v.head.i for m in res.modifier(c)]
                agent = _child(v, "agent")
                by = [a for o in (agent.children if agent is not None else ()) if o.dep_ == "pobj"
                      for a in res.actors(o)]
                if by:      # "a Turkish ship seized by Iran": the participle's agent did it
                    sources = by
                if not sources and tr.code[:3] in ("181", "171") and v.head.dep_ == "dobj" \
                        and v.head.head.lemma_.lower() in FREEING:
                    # "gunmen released a toddler kidnapped on Thursday": they held her
                    sources = _subject_actors(v.head.head, res, other=targets)
            elif not sources:
                sources = head_actors or self._author(v.head, res)
        elif v.dep_ == "advcl" and v.tag_ == "VBN" and v.i < v.head.i and not targets \
                and _child(v, "nsubjpass") is None:
            # "Backed by Russian jets, Syrian troops retook the town": the participle's agent
            # did it to the clause's subject (not one told after it: the parser may hang a
            # participle that describes the object there)
            by = [a for g in v.children if g.dep_ == "agent" for o in g.children if o.dep_ == "pobj"
                  for a in res.actors(o) if a.country != "---"]
            done_to = _subject_actors(v.head, res) if by else []
            if done_to:
                sources, targets = by, done_to
        if not targets:
            targets = self._verb_targets(v, tr, res)
        if not targets and _child(v, "dobj") is None:
            # "released engineer Peter Moore kidnapped in Baghdad", the participle read as
            # a clause of its own: the released is its subject
            # (or an adjective's: "found [the commander guilty]", the found is its subject)
            rel = next((c for c in v.children if c.dep_ == "ccomp" and (_reduced_relative(c) or _small_clause(c))
                        and _child(c, "nsubj") is not None), None)
            if rel is not None:
                released = _child(rel, "nsubj")
                targets = res.actors(released) or self._inside_object(released, res)
        if not targets and tr.code.startswith(SANCTIONS):
            targets = _sanctioned(v, res, sources)
        if not targets and tr.code[:2] in GRIEVANCE_ROOTS:
            # "protest over Orbán's attempts to ...", "criticized over the government's
            # decision": at whose act it is over
            targets = [a for o in _pobjs(v, "over") for c in o.children if c.dep_ == "poss" and c.pos_ != "PRON"
                       for a in res.actors(c) if a.code not in {s.code for s in sources}
                       and a.code[3:6] not in PRIVATE_ROLES]     # (a firm's plan: company news)
        if not targets and tr.code[:2] in ("02", "10", "11"):
            targets = self._addressee(v, res)
        if not targets and tr.code[:2] == "13":
            targets = self._threatened(v, res)
        if tr.pattern is not None and tr.pattern.reverse:
            return targets, sources
        own = {a.country for a in sources}
        companions = [a for o in _companions(v) for a in res.actors(o, coordinated=True)
                      if a.country != "---" and a.country not in own]
        rest = [a for a in targets if a.code not in {c.code for c in companions}]
        if sources and companions and rest:
            # "the US, along with Britain, imposed sanctions on Iran": both did it, to Iran
            sources, targets = sources + companions, rest
        return sources, targets

    def _pattern_noun_args(self, tr: Trigger, res: ActorResolver, sources, targets, border_pair=None):
        """A pattern that names the attack ("killed in an attack", "killed in a gunfight")
        reads the attack's own agent and partner: "by Somali militants" did it; "with
        Pakistani troops" fought those the verb says were killed, if they are armed or a
        state; civilians killed in "border clashes with Tajikistan" are no side: the other
        state the text is about (``border_pair``) is."""
        frame = _frame(tr.token)
        # the words of the pattern, then an attack the verb says it was done in ("killed
        # in an Israeli strike", where the pattern is "kill militant")
        named = [n for w in (tr.pattern.words if tr.pattern else ()) for n in frame.get(w, ())]
        if tr.code[:2] == "19":     # (its code stays the verb's: a killing in a strike is 18)
            named += [o for o in _pobjs(tr.token, "in", "by") if o not in named]
        for n in named:
            if n.pos_ not in ("NOUN", "PROPN"):
                continue
            npat = self._noun_pattern(n)
            if npat is None or npat.code[:2] not in FORCEFUL_ROOTS:
                continue   # "kill soldier": the soldiers are the victims, not an attack
            by, partner = self._noun_args(n, res, words=tr.pattern.words, code=tr.code)
            if by:
                return by, targets
            if partner and targets and _with_partner(n):
                side = {a.code for a in partner}
                fought = [a for a in targets if a.code not in side
                          and (len(a.code) == 3 or a.code[3:6] in FIGHTING_ROLES)]
                if not fought and border_pair is not None and _at_border(n):
                    countries = {a.country for a in partner}
                    fought = [a for a in border_pair() if a.country not in countries][:1]
                if not fought:
                    fought = [a for a in targets if a.code not in side]
                return fought + partner, []
        return sources, targets

    def _author(self, n: Token, res: ActorResolver) -> list[Actor]:
        """Who issued a text or decision that acts ("a resolution condemning Iran"), or made
        an effort: its owner ("Pakistan's efforts to enlist ..."), its "by"/"from" agent, or
        the subject of the verb that issued it ("the Council passed a resolution condemning
        ...", "the Senate approved a bill imposing sanctions")."""
        for c in n.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                a = res.actors(c)
                if a:
                    return a
        for p in n.children:
            if p.dep_ == "prep" and p.lower_ in ("by", "from"):
                for o in p.children:
                    if o.dep_ == "pobj" and not res.is_place(o):
                        a = res.actors(o)
                        if a:
                            return a
        if n.dep_ == "dobj" and n.head.lemma_.lower() in ISSUING_VERBS:
            s = _child(n.head, "nsubj")
            if s is not None:
                return res.actors(s)
        return []

    def _answered(self, t: Token, res: ActorResolver) -> list[Actor]:
        """The doer of what an act answers: "in response to Pakistan's involvement",
        "in retaliation for Israeli strikes" -> PAK, ISR."""
        near = [t, *(c for c in t.children if c.dep_ == "dobj")]
        for a in t.ancestors if t.pos_ != "VERB" else ():
            near.append(a)           # "leads a boycott ... in response to", hung on the verb
            if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("prep", "pcomp"):
                break
        for p in (c for x in near for c in x.children):
            if p.dep_ != "prep" or p.lower_ not in ("in", "as"):
                continue
            for n in p.children:
                if n.dep_ != "pobj" or n.lemma_.lower() not in ANSWERS:
                    continue
                for q in n.children:
                    if q.dep_ == "prep" and q.lower_ in ("to", "for", "against", "over", "at"):
                        for o in q.children:
                            if o.dep_ == "pobj":
                                who = [a for c in o.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                                       for a in res.modifier(c)] or self._noun_args(o, res)[0] or res.actors(o)
                                if who:
                                    return who
        return []

    def _threatened(self, v: Token, res: ActorResolver) -> list[Actor]:
        """Whom a threat is aimed at: the one whose action is its condition ("threatened
        to leave the talks if Canada signs the deal", "... unless Baghdad accepted")."""
        for node in (v, *(c for c in v.children if c.dep_ in ("xcomp", "ccomp"))):
            for c in node.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                    s = _child(c, "nsubj")
                    if s is not None:
                        return res.actors(s)
        return []

    def _addressee(self, v: Token, res: ActorResolver) -> list[Actor]:
        """Who a demand or appeal is made of, or an allegation made against: the subject
        of its content clause ("demanded that Hamas renounce violence" -> Hamas, "alleging
        he trafficked arms" -> he)."""
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp"):
                s = _child(c, "nsubj") or _child(c, "nsubjpass")
                if s is None and c.pos_ == "VERB":
                    # "demanded that Islamabad act": the name read as a compound of the verb
                    s = next((n for n in c.children if n.dep_ == "compound" and n.i < c.i), None)
                if s is not None:
                    # or whose the subject is: "alleged that Sudan's election was rigged"
                    return res.actors(s) or [a for m in s.children if m.dep_ in ("poss", "amod", "compound")
                                             for a in (res.actors(m) if m.dep_ == "poss" else res.modifier(m))]
        return []

    def _inherited_subject(self, v: Token, res: ActorResolver) -> list[Actor]:
        node = v
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return []
            if node.dep_ == "xcomp" or (node.dep_ == "ccomp" and head.lemma_ in OBJECT_CONTROL):
                if head.lemma_ in OBJECT_CONTROL:
                    obj = _child(head, "dobj")
                    if obj is not None:
                        return res.actors(obj)
                # "X is known to have colluded", "X was urged to act": the passive's subject
                s = _child(head, "nsubj") or _child(head, "nsubjpass") or _stranded_subject(head)
                if s is not None:
                    return res.actors(s)
                agent = _child(head, "agent")
                if agent is not None and _child(agent, "pobj") is not None:
                    return res.actors(_child(agent, "pobj"))
                node = head
                continue
            if node.dep_ in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
                s = _child(head, "nsubj")         # "France is ready to contribute troops"
                if s is not None:
                    return res.actors(s)
                node = head
                continue
            if node.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
                if node.dep_ == "conj" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children) \
                        and _child(head, "nsubjpass") is not None and _child(head, "agent") is None:
                    # "X are known to have ... and colluded with Y": X colluded
                    return res.actors(_child(head, "nsubjpass"))
                if any(c.dep_ == "nsubjpass" for c in head.children):
                    agent = _child(head, "agent")
                    if agent is not None and _child(agent, "pobj") is not None:
                        return res.actors(_child(agent, "pobj"))
                    return []
                s = _child(head, "nsubj")
                if s is not None:
                    # (or whose the subject is, as for the first verb, where it is a body:
                    # "Zimbabwe's ruling party threatens him and calls him a thug"; not a
                    # thing: "rules that Japan's whaling program is ... and forbids")
                    return res.actors(s) or [a for m in s.children if m.dep_ == "poss" and m.pos_ != "PRON"
                                             and s.lemma_.lower() in self._body_nouns for a in res.actors(m)]
                node = head
                continue
            if node.dep_ == "conj" and node.tag_ in ("VBZ", "VBD", "VBP") and head.pos_ in ("NOUN", "PROPN") \
                    and head.dep_ == "dobj" and head.head.pos_ == "VERB":
                # a finite verb the parser joined to the object before it: "Japan limits rice
                # exports and bans beef imports" (Japan bans)
                node = head.head
                s = _child(node, "nsubj")
                if s is not None:
                    return res.actors(s)
                continue
            if node.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
                obj = _child(head.head, "dobj")
                if head.lower_ in ("for", "of", "with") and obj is not None and res.actors(obj):
                    # "warned Iran for backing X", "thanked Japan for sending", "accused the
                    # police of detaining refugees"
                    return res.actors(obj)
                s = _child(head.head, "nsubj") or _child(head.head, "nsubjpass")
                return res.actors(s) if s is not None else []
            announcer = announced_intent(node)
            if announcer is not None:
                # "Erdogan expressed readiness to meet Assad": who announced it
                s = _child(announcer, "nsubj")
                return res.actors(s) if s is not None else []
            if node.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and not res.actors(head) \
                    and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
                node = head  # "lodged a protest, charging its neighbour": the protester charges
                continue
            return []
        return []

    def _verb_targets(self, v: Token, tr: Trigger, res: ActorResolver) -> list[Actor]:
        if tr.code[:2] in ("11", "12"):
            # "condemned the invasion of Ukraine by Russia": at whoever did what it names
            # (the parser may hang the noun's "by" on the active verb, which has no agent)
            active = not any(c.dep_ == "auxpass" for c in v.children)
            doers = [a for o in v.children if o.dep_ == "dobj"
                     and getattr(self._noun_pattern(o), "code", "-") not in ("-", "*")
                     for b in _pobjs(o, "by") + (_pobjs(v, "by") if active else [])
                     if not res.is_place(b) for a in res.actors(b)]
            if doers:
                return doers
        if tr.code in LEAVING_CODES:
            left = next((o for o in _left_things(v) + (_left_things(tr.noun) if tr.noun is not None else [])
                         if self._agreed(o)), None)
            if left is not None:      # "withdrew from the nuclear deal with Iran"
                return self._parties_of(left, res) or [a for o in _pobjs(v, "with") for a in res.actors(o)]
        # direct and indirect objects; what is given is not whom it is given to:
        # "contribute troops to X", "send peacekeepers to X"
        moved = _moves_object(tr.code) and v.lemma_.lower() not in EXPELLING
        words = set(tr.pattern.words) if tr.pattern and tr.code[:3] in AID_CODES else set()
        if tr.pattern is not None and "with" in tr.pattern.words and tr.code[:2] in COOPERATIVE_ROOTS:
            words |= set(tr.pattern.words) - {"with"}    # what is put together: "joined forces with Hamas"
        forceful = tr.code[:2] in FORCEFUL_ROOTS
        # "imposed sanctions with Canada on Lebanese officials": the partner of a one-way
        # action is not its target when the verb or its object names whom it is aimed at
        # ("imposed coordinated sanctions with Canada on X"); nor, with "against", the
        # partner of a hostile act ("launched joint strikes with Somalia against al-Shabaab")
        # (the object's only beside a partner: not "denounced the US stance on Jerusalem")
        heads = (v, *(d for d in v.children if d.dep_ == "dobj"))
        partnered = tr.code[:2] not in COOPERATIVE_ROOTS and any(     # (cooperating with X against Y is with X)
            c.dep_ == "prep" and c.lower_ == "with" for h in heads for c in h.children)
        aimed_elsewhere = any(
            c.dep_ == "prep" and ((c.lower_ == "against" and partnered) or (
                c.lower_ in ("on", "against", "upon") and tr.code[:2] in ONE_WAY_ROOTS + ("17",)
                and (h is v or partnered)))
            and (res.actors(o) or [m for a in o.children if a.dep_ == "amod" for m in res.modifier(a)])
            for h in heads for c in h.children for o in c.children if o.dep_ == "pobj")
        if tr.code.startswith(BETWEEN_STATES) and v.lemma_.lower() not in EXPELLING:
            # the state one's envoy is posted to: "recalled its ambassador to Hungary" (one
            # expels another state's envoy to oneself)
            a = [x for o in v.children if o.dep_ == "dobj" for p in _pobjs(o, "to") for x in res.actors(p)]
            if a:
                return a
        if tr.code[:2] == "11":
            # "voiced its opposition to the Chinese dam project": at whom the stance is
            a = [x for o in v.children if o.dep_ == "dobj" and _stance_of(o)
                 for p in _pobjs(o, "to") for x in res.actors(p) or self._inside_object(p, res)]
            if a:
                return a
        if tr.code[:2] == "02":
            # "called for the UN to intervene": asked of the subject of what it calls for (the
            # parser reads "for" as that clause's mark), or of the mark's object ("calls for
            # the Council to stop the abuse")
            marks = _for_marks(v)
            own = {x.country for x in _subject_actors(v, res)} if marks else set()
            a = [x for m in marks for s in (*m.head.children, *m.children)
                 if s.dep_ in ("nsubj", "pobj") for x in res.actors(s)
                 if not (x.code == x.country and x.country in own)]    # (not "for Britain to stay": its own)
            if a:
                return a
        if tr.code[:2] == "04" or (tr.pattern is not None and "with" in tr.pattern.words
                                   and tr.code[:2] in COOPERATIVE_ROOTS):
            # "discussed the Ukraine crisis with Putin": consulted is whom it was discussed
            # with, not what (the parser may hang "with" on the object); so with a pattern's
            # own "with": "joined forces with al-Shabaab"
            for p in [*(c for c in v.children if c.dep_ == "prep"),
                      *(p for o in v.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep")]:
                if p.lower_ == "with":
                    a = [x for o in p.children if o.dep_ == "pobj"
                         for x in res.actors(o) or self._inside_object(o, res)]
                    if a:     # ("shared evidence with the US Department of Justice")
                        return a
        for dep in ("dobj", "dative", "iobj", "attr", "oprd", "npadvmod"):
            for c in v.children:
                if c.dep_ != dep or c.lemma_.lower() in words:
                    continue
                if dep == "npadvmod" and (c.pos_ != "PROPN" or c.i < v.i or _child(v, "dobj") is not None):
                    continue   # a name the parser took for an adverb: "Ivanka visits Japan"
                if moved and dep == "dobj":
                    continue   # "withdrew its troops from X", "strengthened its forces in X"
                if dep == "dobj" and v.lemma_.lower() in FIRING and any(
                        _projectile_kind(x) for x in (c, *c.conjuncts, *_pobjs(c, "of"))):
                    continue   # what is fired is not its target: "launched 600 drones at Ukraine"
                # what is exchanged is no party ("both sides exchanged artillery fire"), though
                # it may name one ("exchanged prisoners with Hezbollah")
                if dep == "dobj" and v.lemma_.lower() in EXCHANGING:
                    a = [x for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                         for o in p.children if o.dep_ == "pobj" for x in res.actors(o)]
                    if a:
                        return a
                    continue
                if dep == "dobj" and c.lemma_.lower() in places.DIPLOMATIC_POSTS and not forceful:
                    # one's own embassy abroad stands for relations with the host state:
                    # "reopened its embassy in Tripoli" (not "threatened to close the US embassy
                    # in Bolivia": the owner's)
                    own = {a.country for a in _subject_actors(v, res)}
                    host = [Actor(country, o.text, None, o.i) for o in _pobjs(c, "in")
                            if (country := res.place_country(o)) and country not in NO_COUNTRY and country not in own]
                    if host and own and all(a.country in own for a in res.actors(c)):
                        return host
                # force used on a city is used on its country, not its government: "shelled Kyiv"
                a = (_place_target(c, res) if forceful and res.place_country(c) else []) or res.actors(c)
                if not a and forceful and dep == "dobj":
                    # a town only the gazetteer knows: "Russian troops shell Kramatorsk"
                    town = places.place_of(c, res)
                    a = [Actor(town.country, town.name, None, c.i)] if town is not None else []
                if a:
                    return a
                # a protest put down is put down on its marchers, not on whom it was against:
                # "police broke up a protest against the mine's Chinese owners"
                protest = tr.code[:2] == "17" and (npat := self._noun_pattern(c)) is not None \
                    and npat.code[:2] == "14"
                inner = self._inside_object(c, res, owners=False,
                                            together=tr.code[:2] in COOPERATIVE_ROOTS or protest,
                                            own_event=tr.noun is not None and tr.noun.i == c.i)
                if inner and not aimed_elsewhere:
                    return inner
        preps = [c for c in v.children if c.dep_ in ("prep", "dative")]
        if not any(p.lower_ in ("to", "into") for p in preps) and (moved or words):
            # where what is given or sent goes: "delivered eight helicopters to Jordan", also
            # hung on its last conjunct: "provided bombs and other munitions to Israel"
            preps += [p for o in v.children if o.dep_ == "dobj" for n in (o, *o.conjuncts)
                      for p in (*n.children, *(x for g in _pobjs(n, "of") for x in g.children))
                      if p.dep_ == "prep" and p.lower_ in ("to", "into")]
        if aimed_elsewhere:
            preps = [p for p in preps if p.lower_ != "with"]
            preps += [p for o in v.children if o.dep_ == "dobj" and partnered for p in o.children
                      if p.dep_ == "prep" and p.lower_ in ("on", "against", "upon")]
        # (who does it with the subject is no target: "the US, together with Britain, struck Yemen")
        companions = {o.i for o in _companions(v)}
        preps = [p for p in preps if not any(o.dep_ == "pobj" and o.i in companions for o in p.children)]
        if tr.pattern is not None and tr.pattern.reverse and tr.code[:2] == "17":
            # "goes on trial at the International Criminal Court", "before a military court
            # in Cairo": the court tries them (else the state of the place, settle)
            subject = {x.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree}
            courts = [a for c in v.subtree if c.dep_ == "prep" and c.lower_ in ("at", "before", "in")
                      and c.i not in subject
                      for o in c.children if o.dep_ == "pobj" for a in res.actors(o)
                      if a.code[3:6] == "JUD" or a.code.startswith("IGO")]
            if courts:
                return courts
        giver = _giver_of_goods(v) if tr.pattern is not None and tr.pattern.reverse else None
        givers = res.actors(giver) if giver is not None else []
        if givers:
            return givers     # "received vaccine doses donated by China"
        if tr.pattern is not None and tr.pattern.reverse and not any(p.lower_ == "from" for p in preps):
            # whom it is got from, deeper: "receives grain as humanitarian aid from Russia",
            # "received a loan of $2 billion from the IMF"
            preps += [p for c in v.children if c.dep_ in ("prep", "dobj")
                      for o in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"])
                      for p in o.children if p.dep_ == "prep" and p.lower_ == "from"]
        wanted = [w for w in tr.pattern.words] if tr.pattern else []
        preps.sort(key=lambda p: (p.lower_ not in wanted,
                                  TARGET_PREPS.index(p.lower_) if p.lower_ in TARGET_PREPS else 99))
        for p in preps:
            if p.lower_ not in TARGET_PREPS and p.lower_ not in wanted:
                continue
            loose = p.lower_ in LOOSE_TARGET_PREPS and p.lower_ not in wanted \
                and tr.code[:2] not in ("04", "06", "07")
            if loose and p.lower_ == "for" and moved:
                # "called up reserve units for a possible conflict with Chad"
                inner = [a for o in p.children if o.dep_ == "pobj" for a in self._inside_object(o, res)]
                if inner:
                    return inner
            if loose and not ((tr.noun is not None or tr.pattern.words) and p.lower_ == "for"):
                continue
            for o in p.children:
                if o.dep_ == "pobj" and forceful and p.lower_ in ("to", "into") and res.is_place(o):
                    return _place_target(o, res)   # "deployed 16,000 troops to Crimea"
                if o.dep_ == "pobj" and not res.is_place(o):
                    if tr.code[:2] in ATTACK_ROOTS and o.lemma_.lower() in wanted and p.lower_ not in (
                            "on", "against", "at"):
                        continue   # "killed in Israeli strikes": the attack's own actors did it
                    # "issued warrants for three Kenyan officials": the noun's object, on the verb
                    a = res.actors(o) or ([] if loose else self._inside_object(o, res))
                    if a:
                        return a
        # "in a letter to X", "in a phone call with X"
        for p in preps:
            for o in p.children:
                if o.dep_ == "pobj" and o.lemma_.lower() in COMM_NOUNS:
                    for pp in o.children:
                        if pp.dep_ == "prep" and pp.lower_ in ("to", "with"):
                            for oo in pp.children:
                                if oo.dep_ == "pobj":
                                    a = res.actors(oo)
                                    if a:
                                        return a
        # an infinitive complement or purpose carries the object: "agreed to give aid to
        # Kabul", "opened fire to disperse demonstrators"
        for c in v.children:
            if (c.dep_ == "xcomp" or (c.dep_ == "advcl" and infinitive(c))) and c.pos_ == "VERB":
                inner = self._verb_targets(c, Trigger(c, tr.code, tr.pattern), res)
                if inner:
                    return inner
        if tr.noun is not None:
            _, t = self._noun_args(tr.noun, res, own_source=False, code=tr.code)
            if t:
                return t
            stop = tr.noun.head.head if tr.noun.dep_ == "pobj" and tr.noun.head.lower_ == "of" else None
            if stop is not None and stop.lemma_.lower() in STOPPING_NOUNS:
                # "a halt of military aid to Kyiv": the stopping noun carries the recipient
                t = [a for p in stop.children if p.dep_ == "prep" and p.lower_ in ("to", "with", "for")
                     for o in p.children if o.dep_ == "pobj" for a in res.actors(o)]
                if t:
                    return t
        if not moved and not any(c.dep_ in ("dobj", "nsubjpass") for c in v.children):
            # verbs that share one object: "arrested and charged X", "convicts and sentences X"
            for other in v.conjuncts:
                obj = _child(other, "dobj")
                if obj is not None and other.i > v.i and _child(other, "nsubj") is None \
                        and _child(other, "nsubjpass") is None:
                    a = res.actors(obj)
                    if a:
                        return a
        if tr.code[:2] in ATTACK_ROOTS:
            # "launched air strikes killing dozens of Houthi fighters": at those they killed
            for o in v.children:
                a = self._killed_by(o, res) if o.dep_ == "dobj" else []
                if a:
                    return a
        for c in v.children:
            if c.dep_ == "dobj" and not (moved or c.lemma_.lower() in words):
                # whoever runs or holds the object (read last: "froze assets held by Putin")
                inner = [a for a in _owners(c, res) if a.country not in NO_COUNTRY]
                if inner:
                    return inner
        if forceful or tr.code[:2] == "13" or tr.code[:3] == "087":
            # force used (or threatened) in a place: "imposed a curfew in Cizre", "shells
            # fell on targets in Jericho", "threatened to resume attacks in Israel"
            obj_preps = [p for o in v.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep"]
            for p in preps + obj_preps:
                if p.lower_ in PLACE_PREPS:
                    for o in p.children:
                        if o.dep_ == "pobj":
                            # "in Jericho", "in the town of Cizre", "at targets in Jericho"
                            for x in (o, *(y for pp in o.children if pp.dep_ == "prep"
                                           and pp.lower_ in ("of", "in", "near")
                                           for y in pp.children if y.dep_ == "pobj")):
                                if res.place_country(x):
                                    return _place_target(x, res)
        return []

    def _killed_by(self, n: Token, res: ActorResolver, only: Token | None = None) -> list[Actor]:
        """Those an attack noun killed, wounded or destroyed, told by a participle on it
        ("strikes killing nine militants"); ``only``: that participle."""
        return [a for c in ((only,) if only is not None else n.children)
                if c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in TOLL_VERBS
                for d in c.children if d.dep_ == "dobj"
                for a in res.actors(d) or self._inside_object(d, res)]

    def _inside_object(self, obj: Token, res: ActorResolver, depth: int = 0, owners: bool = True,
                       together: bool = False, own_event: bool = False) -> list[Actor]:
        """The actor behind a non-actor object: Ghani's ultimatums, an Australian
        ultimatum, the demands of Kabul, an agreement with Pakistan, goods from Germany.
        With ``together`` (a cooperative act), not whom it is against: "coordinate strikes
        against the Islamic State with the United States". With ``owners``, also whoever
        a participle says runs or holds it: "power stations operated by the Houthis". A
        side taken is no actor behind the object: not "pro-" ("pro-Palestinian marches";
        but a leader's or government's side is theirs), nor "anti-" on an event of others
        ("condemned the anti-Japan riots"); an "anti-" on the act's own noun (``own_event``:
        "joined anti-Japan protests") or words ("chanted anti-US slogans") is whom it is
        against."""
        for c in obj.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":   # not "held their first meeting"
                a = res.actors(c)
                if a:
                    return a
            if c.dep_ == "poss" and obj.lemma_.lower() in SOVEREIGN:
                # "a Russian helicopter violated its airspace, Estonia said": someone else's
                # (not "Chad closes its border with Sudan")
                a = [x for x in res.actors(c) if x.country not in res.doer_countries(c)]
                if a:
                    return a
        attack = None     # whether the object is an attack noun, looked up once if needed
        other_event = False   # or another event noun ("agreement", "meeting")
        for c in obj.children:
            if c.dep_ in ("amod", "compound", "nmod"):
                if attack is None:
                    pat = self._noun_pattern(obj)
                    attack = pat is not None and pat.code[:2] in ATTACK_ROOTS
                    other_event = pat is not None and not attack and pat.code not in ("-", "*")
                if attack and c.i in res.mentions and res.mentions[c.i].entries[0].kind in ("capital", "city"):
                    continue      # "a Kabul suicide bombing": where it was, not whose
                if attack and c.dep_ == "compound" and c.pos_ == "NOUN" and any(
                        a.code[3:6] in CIVIL_ROLES for a in res.actors(c, coordinated=False)):
                    continue      # "a church bombing": on whom, not whose
                if c.lemma_.lower() in BACKING:
                    continue      # "an Egypt-mediated truce", "US-backed talks": no party to it
                stance = stance_prefix(c)
                if stance == "pro" and not together and any(
                        x.person or x.code[3:6] == "GOV" for x in res.modifier(c) or res.actors(c, coordinated=False)):
                    stance = ""   # a leader's or government's side is theirs: "the pro-Gaddafi stronghold of Sirte"
                if stance and (together or stance == "pro" or ((attack or other_event) and not own_event)):
                    continue      # "broke up anti-China protests", "condemned the anti-Japan riots",
                    #               "banned pro-Palestinian marches": the side taken, not whose
                    #               (but "joined anti-Japan protests", "chanted anti-US slogans":
                    #               the act's own noun or words, at whom it is)
                # "an Australian ultimatum", "US Predator attacks", "a Karen guerrilla stronghold"
                a = res.modifier(c) or (res.actors(c, coordinated=False) if c.dep_ == "compound" else [])
                if a and other_event and c.pos_ == "NOUN" and all(x.country == "---" for x in a):
                    continue      # "a visiting forces agreement", "a police training deal": what about
                if a:
                    return a
        for c in obj.children:
            if c.dep_ == "appos":   # "Novofedorivka, an airbase of the Ukrainian Navy"
                a = res.actors(c, coordinated=False)
                if a:
                    return a
        for c in (c for c in obj.children if c.dep_ == "prep"
                  and c.lower_ in ("of", "with", "against", "on", "by", "from", "for")
                  and not (together and c.lower_ == "against")):
            for o in _prep_objects(c):
                if not res.is_place(o):
                    a = res.actors(o) or (self._inside_object(o, res, depth + 1) if depth < 2 else [])
                    if a:
                        return a
        return _owners(obj, res) if owners else []

    def _noun_args(self, n: Token, res: ActorResolver, own_source: bool = True, words=(), code: str = ""):
        sources: list[Actor] = []
        targets: list[Actor] = []
        mediation = code[:3] in MEDIATION
        pattern_mods = set(words)   # "intelligence" in "intelligence sharing" is no actor
        undergone = code.startswith(UNDERGONE) and not _pobjs(n, "of")
        for c in [*n.children, *_happening_preps(n)]:
            if c.dep_ in ("poss",) and own_source and undergone:
                # "his release from prison", "the opposition leader's arrest": who underwent
                # it; a state or its body did it ("Iran's executions", "the army's arrests")
                for a in res.actors(c):
                    if a.person or a.code[3:6] not in STATE_BODIES:
                        targets.append(a)
                    else:
                        sources.append(a)
            elif c.dep_ in ("poss",) and own_source:
                sources += res.actors(c)
            elif c.dep_ in ("amod", "compound", "nmod") and own_source:
                if c.lemma_.lower() in pattern_mods or n.lemma_.lower() in EXPLOSION:
                    continue      # "a China coal mine blast": where, not who
                stance = stance_prefix(c)
                if stance:
                    if stance == "anti" and code[:2] in ("11", "12", "14"):
                        targets += res.actors(c)    # "anti-regime protests": at the regime
                    continue          # the side taken, not the actor ("pro-Kremlin rallies")
                if c.lemma_.lower() in BACKING or c.lower_ in BACKING or (
                        c.i + 2 < n.i and n.doc[c.i + 1].text == "-" and n.doc[c.i + 2].lower_ in BACKING):
                    continue      # "UN-backed talks", "a US-backed offensive": the backer is no party
                if code[:2] in ATTACK_ROOTS and c.i in res.mentions \
                        and res.mentions[c.i].entries[0].kind in ("capital", "city"):
                    targets += _place_target(c, res)    # "the Brussels bombings": where, at whom
                    continue
                if code[:2] in ATTACK_ROOTS and c.dep_ == "compound" and c.pos_ == "NOUN":
                    civil = [a for a in res.actors(c, coordinated=False) if a.code[3:6] in CIVIL_ROLES]
                    if civil:
                        targets += civil      # "the school attack", "a church bombing": at whom
                        continue
                sources += [a for a in res.actors(c, coordinated=True)]
                if c.lemma_.lower() in LEADING and c.pos_ == "VERB":
                    # "Saudi-led airstrikes": by the leader
                    sources += [a for a in res.modifier(c) if a.code not in {s.code for s in sources}]
                for cc in c.conjuncts:
                    sources += res.actors(cc, coordinated=False)
            elif c.dep_ == "acl":
                # "an attack carried out by the United States": the participle's agent
                # (not "a ceasefire mediated by Qatar": the mediator is no party)
                if own_source and not any(p.code[:3] in MEDIATION for p in self.dicts.verbs.get(c.lemma_.lower(), ())) \
                        and not (c.lemma_.lower() in SPEECH and _between(n)):
                    # (nor "a ceasefire between Israel and Hamas, announced by Egypt": its
                    # parties are named, the announcer is none)
                    sources += [a for g in c.children if g.dep_ == "agent"
                                for o in g.children if o.dep_ == "pobj" for a in res.actors(o)]
                if code[:2] in ATTACK_ROOTS:
                    targets += self._killed_by(n, res, only=c)   # "airstrikes killing nine militants"
            elif c.dep_ == "prep":
                prep = c.lower_
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if prep == "by" and own_source:
                    for o in objs:
                        sources += res.actors(o)
                elif prep == "between" and mediation:
                    for o in objs:     # a mediator works between the parties: they are targets
                        targets += res.actors(o)
                elif prep == "between" and own_source:
                    for o in objs:
                        sources += res.actors(o)
                elif prep in NOUN_TARGET_PREPS:
                    for o in objs:
                        if res.is_place(o):
                            if code[:2] in FORCEFUL_ROOTS and prep in ("of", "on", "against"):
                                targets += _place_target(o, res)   # "the annexation of Crimea"
                            elif code.startswith(RETREAT) and prep == "from":
                                targets += _place_target(o, res)   # "the withdrawal ... from Georgia"
                            continue
                        if code.startswith(RETREAT) and prep == "of" and own_source:
                            # "the withdrawal of Russian troops (from Georgia)": they withdraw
                            sources += res.actors(o)
                        elif code.startswith(RETREAT) and prep == "from":
                            targets += res.actors(o) or self._inside_object(o, res)
                        elif prep == "from" and own_source:
                            sources += res.actors(o)
                        elif prep in ("of", "for", "over"):
                            targets += res.actors(o)
                        else:
                            targets += res.actors(o) or self._inside_object(o, res)
        bare = [a for a in sources if n.doc[a.token].head.i == n.i and n.doc[a.token].dep_ in ("amod", "compound", "nmod")
                and a.code[:3] == "---" and len(a.code) > 3]
        named = {a.country for a in sources} - {"---"}
        if len(sources) == 2 and len(bare) == 1 and len(named) == 1:
            # "a U.S. military raid", "Israel's military assault": the military is the named country's
            sources = [dataclasses.replace(bare[0], code=next(iter(named)) + bare[0].code[3:])]
        if any(a.country != "---" for a in sources):
            # "an Arakan Army drone attack": the drone is the named actor's
            sources = [a for a in sources if a.country != "---"
                       or n.doc[a.token].lemma_.lower() not in WEAPON_PLATFORMS]
        return _unique(sources), _unique(targets)


FORCEFUL_ROOTS = frozenset({"15", "17", "18", "19", "20"})
RETREAT = "0874"    # retreating or surrendering militarily: what is said "of" it is who does it
# People and places no attack is by: "a school attack", "a mosque bombing" are on them
CIVIL_ROLES = ("EDU", "REL", "HLH", "MED", "BUS", "CVL", "LAB", "AGR", "REF")
# Force whose target the place gives when the text names no one: strikes, raids, shelling,
# occupation, curfews and arrests "in" a place are aimed at its country.
PLACED_ROOTS = frozenset({"17", "18", "19", "20"})
# Roots of acts done to someone (yield, investigate, demand, disapprove, reject, protest,
# reduce relations, coerce): with no one named they are done at home; force only where
# the sentence names no other country (see settle). Statements, cooperation,
# consultation, threats and shows of force are not: their addressee, when the text
# gives none, is unknown.
DOMESTIC_ROOTS = frozenset({"08", "09", "10", "11", "12", "14", "16", "17"})
# Yielding done to no one: stepping down from office (accede to demands for a change in
# leadership, 0831) names no one it is done to.
UNDIRECTED = ("0831",)
# Reductions only done to another state: diplomatic ties cut or downgraded, ambassadors
# recalled (161). With no other state named, their target is unknown.
BETWEEN_STATES = ("161",)
# Reductions done to another party, a state's own rebels too: cooperation, aid, talks or
# mediation cut or stopped. With no party named, their target is unknown (a state
# government suspending its own aid acts on no one we know, not on its country).
TO_ANOTHER = ("160", "162", "164", "165")
# Sanctions, embargoes, frozen assets and import bans (163) fall on another state: when
# the verb names no one, on the country its object comes from or belongs to.
SANCTIONS = ("163",)
GRIEVANCE_ROOTS = ("11", "12", "14")    # criticism, rejection, protest: at whose act they are over
# Acts that say someone acted, named or not: abductions, suicide, car and roadside bombings,
# assassinations; and any assault whose words say so (PERPETRATED_WORDS: a bombing, a
# shooting, an attack). An explosion, a death or a wound with no actor in the text says
# no such thing.
PERPETRATED = ("181", "1831", "1832", "1833", "186")
# What only a state does to people under its rule: seizures, restrictions, arrests and
# prosecutions, deportations, repression; and verdicts. Done where the text names no one,
# it was done by the state of the place ("was arrested in Lahore" -> PAK); done to people
# the text gives no country, to people of the place, or else of the state acting.
STATE_COERCION = ("116", "171", "172", "173", "174", "175")
PEOPLE_COERCION = ("173", "174", "175")
# Restrictions eased (081x) are a state's too, on the same people: "lifted its ban on
# opposition newspapers" -> its own press.
EASED_COERCION = ("081",)


def coercion_words(dicts: Dictionaries) -> frozenset:
    """Verb and noun lemmas that alone name an arrest, sentence or deportation: where no one
    is named, done by the state the sentence before names (``settle``'s ``before``; the
    coder and the prefilter key on the same words)."""
    return frozenset(w for table in (dicts.verbs, dicts.nouns) for w, pats in table.items()
                     if any(p.code.startswith(PEOPLE_COERCION) and not p.words for p in pats))
FOREIGN = word_list("foreign_words")
STATE_ROLES = ("", "GOV", "MIL")      # a country, its government or its armed forces
BOMBING = word_list("bombing_words")   # not a blast or an explosion: "a China coal mine blast"
PERPETRATED_WORDS = word_list("perpetrated_words")   # "killed in a bombing / shooting / attack"
EXPLOSION = word_list("explosion_words")
EXECUTING = word_list("executing_verbs")    # "executed in Iran": by the state (settle)
FINDING = word_list("finding_verbs")        # "found hanged": a death, not an execution


def settle(r: RawEvent, place, context: str | None = None, alone: str | None = None,
           named: frozenset = frozenset(), before: str | None = None) -> RawEvent | None:
    """The event settled (:func:`_settled`), unless it is company news (:func:`_company_news`)."""
    out = _settled(r, place, context, alone, named, before)
    return None if out is not None and _company_news(out) else out


def _settled(r: RawEvent, place, context: str | None = None, alone: str | None = None,
             named: frozenset = frozenset(), before: str | None = None) -> RawEvent | None:
    """The event with the target its place gives, and without the events nobody did.

    Force used where the text names no target, or violence against people it gives no
    country ("five police officers", "civilians"), is aimed at the country of the place it
    happened:
    "Turkish jets bombed positions in northern Iraq" -> TUR -> IRQ. An asserted act of
    force with no actor at all is no event ("floods killed 300 people", "a man was killed
    in a strike"), unless the act itself says someone did it (a bombing, a kidnapping):
    then its source is the unknown actor ``---``. An act on people nobody names is done
    at the actor's home (DOMESTIC_ROOTS); ``alone``: the one country the sentence names,
    if it names one; ``before``: the one country the sentence before names, if this one
    names none (whose state made the arrests, sentences, deportations nobody is named for)."""
    if r.code[:2] == "19" and _walkout(r):
        r = dataclasses.replace(r, code=LABOUR_STRIKE)   # "doctors launched a strike over pay"
    forceful = r.code[:2] in PLACED_ROOTS
    if r.code == "183" and r.source is not None and r.source.country not in NO_COUNTRY \
            and r.source.code[3:6] in STATE_ROLES and r.trigger.lemma_.lower() in BOMBING:
        # a state's bombing is an air strike (195); a bombing by others stays 183
        r = dataclasses.replace(r, code="195")
    if r.code.startswith(UNDIRECTED) and r.source is None and r.target is not None:
        # "after the resignation of Prime Minister Monti": he steps down, at no one
        r = dataclasses.replace(r, source=r.target, target=None)
    if r.code.startswith(BETWEEN_STATES) and r.source is not None and r.target is not None \
            and r.target.country == r.source.country and r.source.country not in NO_COUNTRY:
        # diplomatic ties are with another state: "France recalls its ambassador" is not
        # France on its own government
        r = dataclasses.replace(r, target=None)
    if r.code[:2] == "14" and r.source is not None and r.source.country == "---" and r.target is not None \
            and r.target.country not in NO_COUNTRY and r.target.code[3:6] in ("GOV", "ELI"):
        # "a million people protest against Yemeni President Saleh": his own people, unless
        # the text places them elsewhere ("protesters storm the US embassy in Baghdad")
        home = place.country if place is not None and place.country else r.target.country
        r = dataclasses.replace(r, source=dataclasses.replace(r.source, code=home + r.source.code[3:]))
    if r.code.startswith("0841") and r.source is None and r.mode == "asserted" and _from_custody(r.trigger):
        # "was released from prison", "freed from house arrest": by the state that held them
        # (the place's, else theirs), as an arrest nobody is named for is the state's
        r = _state_coercion(r, place, alone, context)
    if (r.code.startswith(STATE_COERCION) or r.code.startswith(EASED_COERCION)) and r.mode == "asserted" and not (
            r.code == "1712" and r.source is None):
        # (property destroyed by no one named is no state's doing: "an arson attack at a
        # restaurant", "logging is destroying the forests")
        r = _state_coercion(r, place, alone, context or (before if r.code.startswith(PEOPLE_COERCION) else None))
    elif r.mode == "asserted" and r.trigger.lemma_.lower() in EXECUTING:
        if r.trigger.head.lemma_.lower() in FINDING or any(
                c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves") for c in r.trigger.children):
            return None      # "is found hanged in his cell", "hanged himself": a death, no one's act
        # an execution nobody is named for is the state's ("four men are executed in Iran"),
        # of its own people unless the text says otherwise
        r = _state_coercion(r, place, alone, context)
    if r.target is not None and r.source is not None and r.target.code == "---GOV" \
            and r.source.country not in NO_COUNTRY and r.source.code[3:6] not in ("", "GOV"):
        # "opposition leaders criticized the government", "the Kenyan parliament rejected the
        # government's budget": a state's own people, body, party or rebels act on its
        # government (not the other way: "the government arrested American journalists")
        r = dataclasses.replace(r, target=dataclasses.replace(r.target, code=r.source.country + "GOV"))
    elif r.source is not None and r.target is not None and r.source.code == "---GOV" \
            and r.code[:2] in RECIPROCAL_ROOTS and r.target.country not in NO_COUNTRY \
            and r.target.code[3:6] not in ("", "GOV"):
        # the other direction of the same talks or fighting
        r = dataclasses.replace(r, source=dataclasses.replace(r.source, code=r.target.country + "GOV"))
    if place is not None and place.country:
        r = _placed_roles(r, place.country)
        if r.source is None and r.code[:2] == "14" and r.mode == "asserted":
            # protests nobody is named for: people of the place, against its government
            r = dataclasses.replace(r, source=Actor(place.country + "CVL", "", None, r.trigger.i),
                                    target=r.target or Actor(place.country + "GOV", "", None, r.trigger.i))
    else:
        if r.source is not None and r.target is not None:
            # no place: a court, police or parliament acts on, or is acted on by, its own country
            for a, b in ((r.source, r.target), (r.target, r.source)):
                if a.code[3:6] in HOME_ROLES and b.country not in NO_COUNTRY:
                    r = _placed_roles(r, b.country, HOME_ROLES, armed=False)
                    break
            if r.source.country == "---" and r.target.country not in NO_COUNTRY \
                    and (r.target.entry is None or r.target.entry.kind in ("country", "capital", "city", "region")) \
                    and _home_force(r.trigger.doc[r.source.token]):
                # "government forces bombarded districts of Homs": the state's own forces where
                # they strike (not "a Turkish post encircled by government forces": whose post)
                r = dataclasses.replace(r, source=dataclasses.replace(
                    r.source, code=r.target.country + r.source.code[3:]))
        if r.code[:2] == "14" and r.source is not None and r.source.country not in NO_COUNTRY \
                and r.target is not None and r.target.code == "---GOV":
            # "workers strike against the government": their own
            r = dataclasses.replace(r, target=dataclasses.replace(r.target, code=r.source.country + "GOV"))
        if context and not any(a is not None and a.country == context for a in (r.source, r.target)):
            # "the government", "the police" of the one country the text is about here; not
            # beside an actor of that country ("Russia released the detainees": others)
            r = _placed_roles(r, context)
    # (a projectile brought down was fired at someone else: "two Iranian drones were shot
    # down over the Gulf" is not Iran's strike on itself)
    downed = forceful and r.source is not None and _downing(r.trigger)
    if forceful and place is not None and place.country and not (downed and place.country == r.source.country):
        if r.target is None:
            r = dataclasses.replace(r, target=Actor(place.country, place.name, None, r.trigger.i))
        elif r.target.code.startswith("---") and r.code[:2] != "17":   # those arrested may be foreigners
            r = dataclasses.replace(r, target=dataclasses.replace(r.target, code=place.country + r.target.code[3:]))
    others = named - {r.source.country} - r.partners if r.source is not None else frozenset()
    if r.target is None and r.source is not None and r.code[:2] in ATTACK_ROOTS and r.code[:3] != "191" \
            and r.mode == "asserted" and r.source.country not in NO_COUNTRY and len(others) == 1:
        # an attack at no one named, in a sentence that names one other country (not one of
        # its co-attackers): at it ("Ukraine cuts power, citing Russian attacks on power stations")
        r = dataclasses.replace(r, target=Actor(next(iter(others)), "", None, r.trigger.i))
    if r.source is None and forceful and r.mode == "asserted":
        if not r.code.startswith(PERPETRATED) and not (r.code[:2] in ("18", "19") and (
                _someone_acted(r.trigger) or _done_to(r.trigger))):
            return None
        # force by no one named is mostly not a state's: "a convoy was ambushed" (180, not 190)
        r = dataclasses.replace(r, source=Actor("---", "", None, r.trigger.i),
                                code="180" if r.code == "190" else r.code)
    if r.target is None and (r.source is None or r.source.code == "---"):
        return None      # no one named on either side: "a car bomb explodes outside a courthouse"
    if r.source is None and r.target.country == "---":
        return None      # nor a country: "a school trip", "a man was arrested by town police"
    if r.code[:2] in ("15", "19") and r.source is not None and r.source.code[3:6] in PRIVATE_ROLES \
            and _fired_projectile(r.trigger):
        return None      # "SpaceX launches its Starship rocket": a firm's launch, no show of force
    if r.target is None and r.mode == "asserted" and r.code[:2] == "19" and r.source.country not in NO_COUNTRY \
            and _fired_projectile(r.trigger) == "missile" and r.trigger.dep_ not in ("pcomp", "advcl", "acl"):
        # a missile fired at no one the text names is a show of force (150), not a strike on
        # the launcher's own country: "North Korea launches two short-range ballistic missiles"
        # (not one fired as a means, "brought down the jet by firing two missiles"; one fired
        # at something that is no one's is a strike at no one known, "at the USS Mason")
        aimed = any(p.dep_ == "prep" and p.lower_ in AIMING_PREPS and at.dep_ == "pobj" and at.lower_ not in places.WATERS
                    for x in (r.trigger, *(c for c in r.trigger.children if c.dep_ == "dobj"))
                    for p in x.children for at in p.children)
        return r if aimed else dataclasses.replace(r, code=SHOW_OF_FORCE)
    if r.target is None and r.mode == "asserted" and r.source.country not in NO_COUNTRY \
            and r.source.code[3:6] != "BUS" \
            and not r.code.startswith(UNDIRECTED + BETWEEN_STATES + TO_ANOTHER) and (
            r.code[:2] in DOMESTIC_ROOTS or (forceful and alone == r.source.country and not downed)):
        # an act on people the text does not name is on the actor's own country: "Mexico
        # bans e-cigarettes", "the senate opened an inquiry", "thousands protested" (not a
        # firm's: "Sony investigates a hacking incident" is company news); force
        # only where the sentence names no other country ("an Iraqi airstrike near Al Qaim
        # killed a militant leader", not "Israel bombed the port, Syrian media said")
        r = dataclasses.replace(r, target=Actor(r.source.country, "", None, r.trigger.i))
    return r


# Roles of a state's own institutions and people: one the text gives no country acts
# where the event happens ("police arrested 30 protesters in Lagos" -> NGACOP).
PLACED_ROLES = ("COP", "MIL", "JUD", "GOV", "LEG", "OPP", "CVL", "MED", "BUS", "EDU", "LAB", "HLH", "AGR")


HOME_ROLES = ("COP", "JUD", "LEG", "OPP")
HOME_FORCE_WORDS = word_list("home_force_words")
BACK_CONTEXT = 1     # sentences before its own whose named country an unnamed institution takes
# Armed groups the text gives no country are of the place they fight in ("rebels
# captured two towns in Idlib" -> SYRREB), as the guidelines accept; those it names only by
# what they did (gunmen, attackers, a bomber) stay unknown.
PLACEABLE_ARMED_ROLES = ("REB", "INS", "SEP")
FIGHTING_ROLES = ("MIL", "COP", "REB", "INS", "SEP", "UAF")   # who may be a side of a clash
ANONYMOUS = word_list("anonymous_doers")
# Aircraft, drones, ships and guns no text gives a country are not the place's own: they
# fly and fire across borders ("a drone attack near Abu Dhabi" is nobody's from there)
WEAPON_PLATFORMS = word_list("weapon_platforms")


def _placed_roles(r: RawEvent, country: str, roles=PLACED_ROLES, armed: bool = True) -> RawEvent:
    """The event with its ``---`` actors of ``roles`` (and, with ``armed``, its armed
    groups not named by their deed) given ``country``."""
    def fill(a: Actor | None, doer: bool = False) -> Actor | None:
        if a is None or a.country != "---" or _foreign(r.trigger, a):
            return a
        if doer and (r.trigger.doc[a.token].lemma_.lower() in WEAPON_PLATFORMS or r.code[:3] == "042"):
            return a      # (a visitor is not of the place visited)
        role = a.code[3:6]
        if role not in roles and not (armed and role in PLACEABLE_ARMED_ROLES
                                      and not set(a.text.lower().split()) & ANONYMOUS):
            return a
        return dataclasses.replace(a, code=country + a.code[3:])
    return dataclasses.replace(r, source=fill(r.source, doer=True), target=fill(r.target))


def _home_force(t: Token) -> bool:
    """Forces named as the state's own: "government forces", "pro-government troops",
    "regime forces" (not "anti-government forces")."""
    return any(x.lemma_.lower() in HOME_FORCE_WORDS and stance_prefix(x) != "anti"
               for c in t.children if c.dep_ in ("amod", "compound", "nmod") for x in c.subtree)


PRIVATE_ROLES = ("BUS", "MED")


def _company_news(r: RawEvent) -> bool:
    """Firms and news organisations acting alone, on each other or with private people are
    company news, not political events (the guidelines): "Apple and Samsung signed a patent
    deal", "the tabloid endorses Brexit", "a guard delivering cash to a bank"; a state, its
    organs or an armed or political group acting on a firm ("the Commission fined Google")
    or a firm on them is one, and so is a protest against a firm, or force and coercion
    ("two men murdered a journalist"). Read on the settled event (its actors filled)."""
    sides = [a for a in (r.source, r.target) if a is not None]
    return r.code[:2] < "14" and any(a.code[3:6] in PRIVATE_ROLES for a in sides) \
        and all(a.code[3:6] in PRIVATE_ROLES + CIVIL_ROLES for a in sides)


LABOUR_STRIKE = "143"
WALKOUTS = word_list("walkout_nouns")


def _walkout(r: RawEvent) -> bool:
    """A strike by workers, doctors, students or other civilians is a strike from work
    (143), not an attack: "dockworkers held a strike at the port", "teachers strike over pay"."""
    if r.source is None or r.source.code[3:6] not in CIVIL_ROLES + ("OPP",):
        return False
    t = r.trigger
    # (the verb only without an object: "teachers strike", not "a train struck a herd")
    return (t.lemma_.lower() in WALKOUTS and _child(t, "dobj") is None) or any(
        x.lemma_.lower() in WALKOUTS for c in t.children if c.dep_ in ("dobj", "attr", "prep")
        for x in ([c] if c.dep_ != "prep" else [o for o in c.children if o.dep_ == "pobj"]))


def _someone_acted(t: Token) -> bool:
    """An act or doer that says someone acted is the trigger or among its words ("killed in
    a bombing", "a bomb attack"), unlike a bomb, blast or explosion alone."""
    # (not those it was done to: "several attackers were also killed" says no one killed them)
    victims = {x.i for c in t.children if c.dep_ == "nsubjpass" or (c.dep_ == "dobj" and c.lower_ in ANONYMOUS)
               or (c.dep_ == "prep" and c.lower_ == "including") for x in c.subtree}
    near = [t, *t.children, *(g for c in t.children for g in c.children)]
    return any(x.lemma_.lower() in PERPETRATED_WORDS and x.i not in victims and not _by_animal(x) for x in near) or any(
        w in PERPETRATED_WORDS and any(x.i not in victims and not _by_animal(x) for x in xs)
        for w, xs in _frame(t).items())


ANIMALS = word_list("animal_words")


def _by_animal(n: Token) -> bool:
    """An attack an animal made is no one's act: "killed in a shark attack"."""
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in ANIMALS for c in n.children)


def _done_to(t: Token) -> bool:
    """A passive act of force that is not a toll says someone did it ("a helicopter was shot
    down", "the convoy was shelled"), unlike "three people were killed"."""
    subject = _child(t, "nsubjpass")
    return t.pos_ == "VERB" and t.lemma_.lower() not in TOLL_VERBS \
        and any(c.dep_ == "auxpass" for c in t.children) \
        and not (subject is not None and _child(subject, "poss") is not None) \
        and not any(_child(c, "agent") is not None for c in t.conjuncts)
    # (not "Israel's offensive was launched", whose doer is its possessor; not "shot and
    # killed by police", whose doer the other verb has)


CUSTODY = word_list("custody_nouns")


def _from_custody(v: Token) -> bool:
    """Whether a release is "from" a state's custody: "released from prison", "freed from
    house arrest", "released from detention" (not "from hospital", "from captivity")."""
    return any(o.lemma_.lower() in CUSTODY for o in _pobjs(v, "from"))


def _state_coercion(r: RawEvent, place, alone: str | None = None, context: str | None = None) -> RawEvent:
    """A state's arrests, sentences and restrictions: the state of the place when no one is
    named ("three journalists were detained in Tehran" -> IRN -> IRN), and a country for
    those it acts on when the text gives them none, unless it calls them foreign or deports
    them ("the Turkish police arrested dozens of students" -> TUR -> TUREDU)."""
    source, target = r.source, r.target
    here = place.country if place is not None and place.country else ""
    # "sentenced for the murders of eight officers in Sinaloa, Mexico"; else the one country
    # the text is about here ("Insurgents raid two districts in Mozambique. Six are arrested.")
    named = here or alone or context or ""
    state = source.country if source is not None and source.country not in NO_COUNTRY else ""
    if target is not None and target.country == "---" and (named or state) and r.code[:3] != "174" \
            and not _foreign(r.trigger, target):      # the deported are mostly foreigners
        target = dataclasses.replace(target, code=(named or state) + target.code[3:])
    elif target is None and r.code[:3] in PEOPLE_COERCION and (named or state):
        # arrests, sentences and deportations are of people: "sentenced a blogger"
        target = Actor(named or state, "", None, r.trigger.i)
    if source is None:
        # (the deported are mostly foreigners: their country is where they are sent, not who sent them)
        country = here or (target.country if target is not None and target.country not in NO_COUNTRY
                           and r.code[:3] != "174" else "")
        if country:
            source = Actor(country, place.name if here else "", None, r.trigger.i)
    return dataclasses.replace(r, source=source, target=target)


def _critics_at_home(r: RawEvent) -> RawEvent:
    """Criticism nobody is named for, of an official, comes from the official's own
    country ("Ghani drew heavy criticism", "the minister was condemned for ..."), unless
    the text places it abroad ("international criticism")."""
    if r.code[:2] == "11" and r.source is None and r.target is not None and r.mode == "asserted" \
            and r.target.country not in NO_COUNTRY and r.target.code[3:6] in ("GOV", "ELI") \
            and not _said_abroad(r.trigger):
        return dataclasses.replace(r, source=Actor(r.target.country, "", None, r.trigger.i))
    return r


ABROAD = word_list("abroad_words")


def _said_abroad(t: Token) -> bool:
    """Whether the text places criticism abroad: "international criticism", "drew
    condemnation from abroad", "Western condemnation"."""
    near = [t, *t.children, *(g for c in t.children for g in c.children)]
    return any(x.lower_ in ABROAD or x.lemma_.lower() in ABROAD for x in near)


def _foreign(trigger: Token, a: Actor) -> bool:
    """Whether the text calls the actor foreign: "two foreign journalists"."""
    head = trigger.doc[a.token]
    return head.lemma_.lower() in FOREIGN or any(c.lower_ in FOREIGN for c in head.children)


def _moves_object(code: str) -> bool:
    """Codes whose direct object is what is moved, not whom it is aimed at: troops
    deployed (15), withdrawn (087) or expelled (166)."""
    return code[:2] == "15" or code[:3] in ("087", "166") or code[:4] in ("0874",)


def _place_target(t: Token, res: ActorResolver) -> list[Actor]:
    """Force used on a place is used on its country: "shelled Aleppo", "annexed Crimea"."""
    country = res.place_country(t)
    if not country:
        return []
    m = res.mentions.get(t.i)
    span = res.doc[m.start:m.end] if m is not None else res.doc[t.i:t.i + 1]
    return [Actor(country, span.text, (span.start_char, span.end_char), t.i)]


def _protest_venue(t: Token, res: ActorResolver, sources, deep: bool = False) -> list[Actor]:
    """A protest in another country's capital or city is aimed at that country:
    "Danish and Dutch students held a rally in Moscow" -> RUS. With ``deep``, the
    place may hang on the verb's object: "sorrow for the shootings in South Carolina"."""
    own = {a.country for a in sources}
    nodes = [t, t.head] if t.pos_ != "VERB" else [t]
    if deep:
        nodes += [o for c in t.subtree if c.dep_ in ("dobj", "pobj") for o in (c,)]
    for node in nodes:
        for p in node.children:
            if p.dep_ == "prep" and p.lower_ in ("in", "at", "outside"):
                for o in p.children:
                    if o.dep_ != "pobj":
                        continue
                    # "in Moscow", "in the southern town of Basra"
                    place = o if res.place_country(o) else next(
                        (x for pp in o.children if pp.dep_ == "prep" and pp.lower_ == "of"
                         for x in pp.children if res.place_country(x)), None)
                    if place is None:
                        continue
                    country = res.place_country(place)
                    # abroad: aimed at that country; at home: at its government
                    code = country if country not in own or deep else country + "GOV"
                    return [dataclasses.replace(a, code=code) for a in _place_target(place, res)]
    return []


POSTURE_PREPS = word_list("posture_preps")


def _shown_near(tr: Trigger, res: ActorResolver, sources) -> list[Actor]:
    """The other country a show of force is held around, near, off or into; or whose
    border it is held at ("near the Ukrainian border", "on the border with South Korea")."""
    own = {a.country for a in sources}
    nodes = [tr.token, *(c for c in tr.token.children if c.dep_ == "dobj")]
    if tr.noun is not None:
        nodes.append(tr.noun)
    for node in nodes:
        for p in node.children:
            if p.dep_ != "prep" or p.lower_ not in POSTURE_PREPS:
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                # "off the coast of Japan", "near the border with South Korea": the named one
                inner = [o, *(x for pp in o.children if pp.dep_ == "prep" and pp.lower_ in ("of", "with", "off", "near", "around")
                              for x in pp.children if x.dep_ == "pobj")]
                for x in inner:
                    country = res.place_country(x) or next(
                        (a.country for a in res.actors(x) if len(a.code) == 3 or a.code[3:6] == "GOV"), None)
                    if not country and x.lemma_.lower() in BORDER:
                        country = next((a.country for c in x.children if c.dep_ in ("amod", "compound")
                                        for a in res.modifier(c)), None)
                    if country and country not in own and country not in NO_COUNTRY:
                        return [Actor(country, x.text, None, x.i)]
    return []


ALLEGE = word_list("allege_verbs")
CLAIM_NOUNS = word_list("claim_nouns")
CLAIM = "015"          # claim responsibility
CLAIMANT_VERBS = ALLEGE | SPEECH    # who made a claim that is rejected: "X said/alleged ..."
OFFER_NOUNS = word_list("offer_nouns")          # "rejected the offer": made by whoever offered it
OFFERING = word_list("offering_verbs")


def _allegation(tr: Trigger, by_token, res: ActorResolver, sources) -> list[RawEvent] | None:
    """Saying that someone did something hostile is accusing them (CAMEO 112):
    "Chile claimed that Peru had closed the pass" -> CHL accuses PER."""
    t = tr.token
    if t.dep_ != "ccomp" or t.head.lemma_.lower() not in ALLEGE or t.head.i in by_token:
        return None
    if int(tr.code[:2]) < 9 or not sources:
        return None
    speaker = _child(t.head, "nsubj")
    if speaker is None:
        return None
    return [RawEvent(t.head, "112", s, a, "asserted") for s in res.actors(speaker) for a in sources
            if s.code != a.code]


def _toll_of_dead(v: Token, by_attack: bool = False) -> bool:
    """A toll verb told of its dead, by no one it names: "five guards were killed", "three
    died"; not "police shot and killed him", "were killed by police". With ``by_attack``,
    its agent is an attack: "were killed by Russian shelling"."""
    return v.pos_ == "VERB" and v.lemma_.lower() in TOLL_VERBS | DYING and _child(v, "dobj") is None \
        and (by_attack or _child(v, "agent") is None) \
        and (_child(v, "nsubjpass") is not None or (v.lemma_.lower() in DYING and not by_attack))


def _tolls_of_attacks(events: list[RawEvent]) -> list[RawEvent]:
    """The tolls that are the cost of an attack coded beside them by someone it names,
    marked with it (``cost_of``; the coder drops them where that attack is coded): "two
    guards are killed when a gunman opens fire", "were wounded after a shooting by gunmen",
    "were killed by Russian shelling" are one attack, not also a killing by the same or by
    no one. The attack is then aimed at the dead where it names only a place ("when jets
    struck a house in Rafah": at the people killed, in Gaza). Not where the dead are of
    another country than what was attacked."""
    attacks: dict[int, list[RawEvent]] = {}
    for e in events:
        if e.code[:2] in ATTACK_ROOTS and e.source is not None:
            attacks.setdefault(e.trigger.i, []).append(e)
    if not attacks:
        return events
    costs, aimed = {}, {}

    for e in events:
        if e.code[:2] not in ATTACK_ROOTS:
            continue
        v = e.trigger
        by = [o for p in v.children if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj" and o.i in attacks]
        if not _toll_of_dead(v, by_attack=bool(by)):
            continue
        causes = [c for c in v.children if _told_when(c)] + [
            o for p in v.children if p.dep_ == "prep" and p.lower_ in CASUALTY_PREPS
            for o in p.children if o.dep_ == "pobj"] + by
        q = next((q for c in causes for q in attacks.get(c.i, ()) if q is not e and q.mode == e.mode
                  and (e.source is None or e.source.country in ("---", q.source.country))
                  and (e.target is None or q.target is None or "---" in (e.target.country, q.target.country)
                       or q.target.country == e.target.country)), None)
        if q is None:
            continue
        home = e.target.country if e.target is not None else "---"     # (the dead's, else the attacked's)
        if home == "---" and q.target is not None:
            home = q.target.country
        if q.target is None and home == "---":
            continue     # (the toll is then the only record of at whom)
        costs[id(e)] = q.trigger
        if e.target is not None and e.target.code[3:] and (q.target is None or not q.target.code[3:]):
            dead = dataclasses.replace(e.target, code=home + e.target.code[3:])
            if dead not in aimed.setdefault(id(q), []):
                aimed[id(q)].append(dead)
    return [x for e in events for x in (
        [dataclasses.replace(e, target=t) for t in aimed[id(e)]] if aimed.get(id(e))
        else [dataclasses.replace(e, cost_of=costs[id(e)])] if id(e) in costs else [e])]


def _drop_fragments(events: list[RawEvent]) -> list[RawEvent]:
    """Keep one-sided events only where the sentence has no asserted event with both a
    source and a target (they are then its only record); a statement (01) or appeal
    (02) with no addressee says nothing about a relation and is dropped."""
    complete = any(e.source and e.target and e.mode == "asserted" and e.source.code != "---"
                   and e.trigger.lower_ not in JOINT and not (e.code[:2] == "02" and e.target.country == "---")
                   for e in events)
    # (nor an appeal to people of no country: "declares an emergency and asks residents to stay
    # home" still declares it)
    # (the cooperation of those who act together is beside their act, _joint_acts: "British
    # and French jets carry out a joint strike near Palmyra" is still a strike in Syria)
    out = []
    for e in events:
        if e.source and e.target:
            out.append(e)
        elif e.target and e.code.startswith(STATE_COERCION) and e.mode == "asserted" \
                and e.trigger.tag_ == "VBN" and _child(e.trigger, "nsubj") is None:
            out.append(e)    # a passive's agent is the state of its place: "were sentenced in Mexico"
        elif not complete and e.code[:2] not in ("01", "02"):
            out.append(e)
        elif e.source and e.code[:2] == "14" and e.mode == "asserted":
            out.append(e)    # a protest is aimed at where it is held (coder): "protest in Dhaka, calling for ..."
        elif e.source and e.code[:3] == CLAIM and e.mode == "asserted":
            out.append(e)    # a claim of responsibility is aimed at the victims of what it claims (coder)
    return out


ACCIDENT = word_list("accident_verbs")


DISASTERS = word_list("disaster_nouns")


def _disaster_did(tr: Trigger) -> bool:
    """What a fire, flood or earthquake did is no one's act: "a huge fire destroys part of
    the archive" (not "Israeli fire killed two", "artillery fire hit the town")."""
    subj = _child(tr.token, "nsubj") if tr.token.pos_ == "VERB" else None
    return subj is not None and subj.lemma_.lower() in DISASTERS \
        and not any(c.dep_ in ("amod", "compound", "nmod", "poss") and (c.pos_ in ("PROPN", "NOUN", "PRON")
                                                                       or c.tag_ == "NNP" or c.text[:1].isupper())
                    for c in subj.children)


def _nature_warned_of(tr: Trigger) -> bool:
    """A warning of a storm, flood or tsunami is no threat: "issues a blizzard warning",
    "warns of a tsunami" (not "warns of strikes")."""
    if tr.code[:2] != "13":
        return False
    t = tr.noun if tr.noun is not None else tr.token
    near = [*t.children, *(g for c in t.children if c.dep_ == "prep" for g in c.children)]
    if t.dep_ == "acl" and t.head.lemma_.lower() in DISASTERS:
        return True      # "a tsunami warning" read as a participle of "tsunami"
    return any(x.lemma_.lower() in DISASTERS for x in near if x.dep_ in ("compound", "pobj", "amod"))


def _self_harm(tr: Trigger) -> bool:
    """Harm someone does to himself is no act on anyone: "the gunman shot himself"."""
    if tr.token.pos_ != "VERB" or tr.code[:2] not in ("18", "19") or tr.token.lemma_.lower() not in SELF_HARM:
        return False
    subject = _child(tr.token, "nsubj")
    if subject is not None and any(x.lemma_.lower() in ("bomber", "suicide") for x in subject.subtree):
        return False     # "a suicide bomber killed himself and 19 others": the attack
    return any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE and not c.conjuncts for c in tr.token.children)


SELF_HARM = word_list("self_harm_verbs")
REFLEXIVE = ("himself", "herself", "themselves", "itself")


def _accident_toll(tr: Trigger) -> bool:
    """The toll of an accident is no event: "a jet crashes, killing the pilot"."""
    t = tr.token
    if t.lemma_.lower() not in TOLL_VERBS or t.dep_ not in ("advcl", "conj", "xcomp", "acl"):
        return False      # (an "acl": hung on the place, "collided ... in Mpika, Zambia killing nine")
    # the verb it follows, where the parser hung the participle higher up ("people died as a
    # helicopter crashed, killing all on board")
    before = next((v for v in reversed(t.doc[t.sent.start:t.i]) if v.pos_ == "VERB"), None)
    return t.head.lemma_.lower() in ACCIDENT or (
        t.tag_ == "VBG" and before is not None and before.lemma_.lower() in ACCIDENT)


def _consequence(tr: Trigger, by_token) -> bool:
    """A participle that states the toll of a violent event already coded:
    "bombarded the city, killing eight people"."""
    t = tr.token
    while t.dep_ == "conj" and t.tag_ == "VBG" and t.head.tag_ == "VBG" and t.head.dep_ in ("acl", "advcl") \
            and t.head.i not in by_token and _child(t.head, "nsubj") is None:
        t = t.head      # the participle before it tells how: "bombed X, using missiles, killing 20"
    head = by_token.get(t.head.i)
    if t.dep_ == "acl" and t.tag_ == "VBG" and tr.token.lemma_.lower() in TOLL_VERBS and _child(t, "nsubj") is None:
        # hung on the attack's object: "ambushed a convoy in Sinai killing 18 police"
        n = t.head
        while n.dep_ in ("pobj", "prep", "dobj", "conj", "appos") and n.head.i != n.i and n.pos_ != "VERB":
            n = n.head
        head = by_token.get(n.i) if n.pos_ == "VERB" and n.i != t.head.i else None
        return head is not None and head is not tr and tr.code[:2] in ATTACK_ROOTS and head.code[:2] in ATTACK_ROOTS
    return (t.dep_ == "advcl" and t.tag_ == "VBG" and head is not None and head is not tr
            and tr.code[:2] in ("18", "19", "20") and head.code[:2] in ("18", "19", "20")
            and _child(t, "nsubj") is None
            # a gerund used as a noun is the cause, not the toll: "killed due to Russian shelling"
            and not any(c.dep_ in ("amod", "poss", "det") and c.i < t.i for c in t.children))


# Verbs that state what an attack cost (killing, wounding, destroying): when the attack is
# what killed ("an air strike killed 12", "were killed by shelling"), the event is the
# attack, of its own kind (an air strike is 195, not a killing 1823).
TOLL_VERBS = word_list("toll_verbs")
ANSWERS = word_list("answer_nouns")
HOSTILE_ROOTS = ("11", "12", "13", "14", "16", "17", "18", "19", "20")
DYING = word_list("dying_verbs")
TRANSITIVE_ONLY = word_list("transitive_only_verbs")
INTRANSITIVE = word_list("intransitive_verbs")
CONVICTING = word_list("convicting_verbs")
PUNISHING = CONVICTING | word_list("arresting_verbs")
PART_NOUNS = word_list("part_nouns")
DEFINITE = ("the", "this", "that", "these", "those")
ATTACK_ROOTS = ("18", "19", "20")


def _reduced_relative(v: Token) -> bool:
    """A participle the parser read as a clause complement with a subject, where it
    modifies the noun before it: "released engineer Peter Moore kidnapped in Baghdad"
    (ccomp of a verb that must have an object and has none; no "that", no auxiliary, no
    object of its own)."""
    return (v.dep_ == "ccomp" and v.tag_ in ("VBD", "VBN") and v.lemma_.lower() in TRANSITIVE_ONLY
            and _child(v, "nsubj") is not None and _child(v, "dobj") is None
            and _child(v.head, "dobj") is None and v.head.pos_ == "VERB"
            and v.head.lemma_.lower() in TRANSITIVE_ONLY     # a verb that wants that object
            and not any(c.dep_ in ("aux", "auxpass", "mark") for c in v.children))


TOLL_WHEN = word_list("toll_when_marks")       # "killed when / as / after X attacked"
CASUALTY_PREPS = word_list("casualty_preps")   # "killed in / after / following clashes with X"


def _dead_when(v: Token, res: ActorResolver) -> list[Actor]:
    """Those killed or wounded by the attack ``v`` told as when it happened: "five soldiers
    were killed when a bomber blew himself up", "three soldiers died as militants attacked",
    "peacekeepers are killed after Azeri forces open fire"."""
    if not _told_when(v):
        return []
    return [a for a in _dead_of(v.head, res) if a.country != "---"]


def _told_when(c: Token) -> bool:
    """A clause telling when a toll happened: "when / as / after X attacked"."""
    return c.dep_ == "advcl" and any(m.lower_ in TOLL_WHEN and m.dep_ in ("advmod", "mark") for m in c.children)


def _killer_when(v: Token, res: ActorResolver) -> list[Actor]:
    """The subject of a clause telling when a toll happened, if it names an armed actor:
    "four police officers die when a Taliban bomber blows himself up" -> AFGINS."""
    for c in v.children:
        if _told_when(c) and c.lemma_.lower() not in ACCIDENT:
            subj = _child(c, "nsubj")
            if subj is not None:
                return [a for a in res.actors(subj) if a.code[3:6] in FIGHTING_ROLES]
    return []


def _casualties(n: Token, res: ActorResolver) -> list[Actor]:
    """Who was killed or wounded in the event noun ``n``: "soldiers were killed in clashes"."""
    if n.dep_ != "pobj" or n.head.dep_ != "prep" or n.head.lower_ not in CASUALTY_PREPS:
        return []
    v = n.head.head
    # "four soldiers killed and nine wounded in clashes": the dead of the first verb too
    return _dead_of(v, res) or (_dead_of(v.head, res) if v.dep_ == "conj" else [])


def _dead_of(v: Token, res: ActorResolver) -> list[Actor]:
    """Who a toll verb says was killed or wounded: "soldiers were killed", "soldiers died",
    a headline's "soldiers killed in clashes" (a subject and no object)."""
    if v.pos_ != "VERB" or not (v.lemma_.lower() in TOLL_VERBS or v.lemma_.lower() in DYING):
        return []
    who = _child(v, "nsubjpass") or (_child(v, "nsubj") if v.lemma_.lower() in DYING
                                     or _child(v, "dobj") is None else None)
    return res.actors(who) if who is not None else []


SYMMETRIC = word_list("symmetric_words")
ONE_WAY_ROOTS = ("02", "10", "11", "12", "13", "16")   # appeals, demands, criticism, rejection, threats, cuts


def _symmetric(tr: Trigger) -> bool:
    """Whether the action is one both parties do to each other: clashing, meeting,
    negotiating, signing an agreement, exchanging prisoners."""
    if tr.code[:2] in ONE_WAY_ROOTS:
        return False   # "rejects talks with Israel", "calls for talks": not done to each other
    words = {tr.token.lemma_.lower()} | set(tr.pattern.words if tr.pattern else ())
    if tr.noun is not None:
        words.add(tr.noun.lemma_.lower())
    return bool(words & SYMMETRIC)


def _shared_agent(v: Token) -> Token | None:
    """The "by" agent of a passive verb, or the one it shares with a participle after it:
    "is kidnapped and beheaded by militants" (the later participle's agent did both),
    "three journalists are killed and a third wounded by gunmen" (the toll's second count,
    read as a noun with its own participle)."""
    return _child(v, "agent") or next(
        (a for c in v.children if c.dep_ == "conj" and c.tag_ == "VBN"
         and not any(x.dep_ in ("nsubjpass", "auxpass") for x in c.children)
         for a in c.children if a.dep_ == "agent"), None) or next(
        (a for c in v.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "NUM", "PRON")
         for x in c.children if x.dep_ == "acl" and x.tag_ == "VBN" and x.lemma_.lower() in TOLL_VERBS
         for a in x.children if a.dep_ == "agent"), None)


def _toll_of(tr: Trigger, by_token) -> Trigger | None:
    """The attack noun that is the subject (or passive agent) of a toll verb."""
    t = tr.token
    if t.pos_ != "VERB" or t.lemma_.lower() not in TOLL_VERBS:
        return None
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    agent = _shared_agent(t) if any(c.dep_ == "auxpass" for c in t.children) else _child(t, "agent")
    subjects += [o for o in (agent.children if agent is not None else ()) if o.dep_ in ("pobj", "pcomp")]
    # "killed by Russian shelling" parsed as the agent "Russian" and a participle "shelling"
    subjects += [c for c in t.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                 and any(a.dep_ == "agent" and a.i < c.i and all(x.i < c.i for x in a.subtree) and
                         c.i == max(x.i for x in a.subtree) + 1 for a in t.children)]
    for n in subjects:
        for m in (n, *n.conjuncts):
            noun = by_token.get(m.i)
            if noun is not None and noun is not tr and (noun.token.pos_ != "VERB" or m.tag_ == "VBG") \
                    and noun.code[:2] in ATTACK_ROOTS and noun.token.lemma_.lower() not in TOLL_VERBS:
                return noun
    return None


EASING = word_list("easing_verbs")
SPACE_WORDS = word_list("space_words")
CLAUSE_ACCUSING = word_list("clause_accusing_verbs")
SUPPRESSING = word_list("suppressing_verbs")
STATE_BODIES = ("", "GOV", "MIL", "COP", "JUD", "LEG", "SPY")
# What is done to people, whose possessive without an "of" object is who underwent it:
# arrests, trials and sentences, expulsions, releases, abductions, killings.
UNDERGONE = ("173", "174", "0841", "181", "182", "186")
SUPPRESSION = "1721"     # restrictions on political freedoms: a protest stopped (_suppressed)
HELD_POSITIONS = word_list("held_positions")
FIRING = word_list("firing_verbs")
INTERCEPTING = word_list("intercepting_verbs")


def _easing_code(code: str) -> str | None:
    """The CAMEO code of easing what ``code`` imposes: restrictions 172x -> 081x (a ban on
    parties 1722 -> 0812, a curfew 1723 -> 0813, martial law 1724 -> 0814), economic
    sanctions and embargoes 163 -> 085, a blockade or siege 191 -> 0872."""
    if code.startswith("172"):
        return "081" + code[3:]
    if code.startswith("163"):
        return "085"
    if code.startswith("191"):
        return "0872"
    return None


STOPPING = word_list("stopping_verbs")
CONTESTS = word_list("contest_nouns")
STOPPING_NOUNS = word_list("stopping_nouns")


def _with_particle(v: Token) -> str:
    """A phrasal verb as one word list entry: "called off" -> "call_off" ("" without a particle)."""
    prt = next((c for c in v.children if c.dep_ == "prt"), None)
    return f"{v.lemma_.lower()}_{prt.lower_}" if prt is not None else ""


def _in_protest(v: Token) -> bool:
    """Whether the verb says it was done in protest: "cancelled the visit in protest at the
    arrest", "called off the meeting to protest the ruling"."""
    return any(o.lemma_.lower() == "protest" for o in _pobjs(v, "in", "as")) or any(
        c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() == "protest" and infinitive(c) for c in v.children)


def _stopping_code(code: str) -> str | None:
    """The CAMEO code of stopping what ``code`` gives: aid 07x -> 162x (economic 1621,
    military 1622, humanitarian 1623), cooperation 06x -> 160, talks 040/046 -> 164,
    mediation 045 -> 165 (not a visit called off: as often for floods or illness as in
    protest)."""
    if code[:3] in ("071", "072", "073"):
        return "162" + code[2]
    if code[:3] == "070":
        return "162"
    if code[:2] == "06":
        return "160"
    if code[:3] in ("040", "046"):
        return "164"      # talks, negotiations
    if code[:3] == "045":
        return "165"
    return None


GIVING = word_list("giving_verbs")
HARDWARE = word_list("military_hardware")
MUNITIONS = word_list("munition_heads")
MONEY = word_list("money_words")
RELIEF = word_list("relief_goods")
GETTING = word_list("getting_verbs")
CARGO_WORDS = word_list("cargo_words")
TIME_UNITS = word_list("time_units")
BUYING = word_list("buying_verbs")
BOUGHT_GOODS = HARDWARE | RELIEF     # what a buying verb buys rather than orders done


def _gift(v: Token) -> tuple[Token, str] | None:
    """What a giving verb gives and the aid it is: arms (072: "supplied tanks", "drones
    were delivered"), and, given to someone, money (071: "donated $10 million to Haiti")
    or relief (073: "vaccine doses", "fuel"); or what a getting verb gets from someone
    ("received $2 billion from the IMF")."""
    lemma = v.lemma_.lower()
    if lemma in GETTING:
        if not any(p.dep_ == "prep" and p.lower_ == "from" for c in v.children if c.dep_ in ("prep", "dobj")
                   for p in (c, *c.subtree)) and not _giver_of_goods(v):
            return None
        goods = [(c, {w.lemma_.lower() for w in c.subtree}) for c in v.children if c.dep_ == "dobj"]
    elif lemma in GIVING:
        goods = [(c, {c.lemma_.lower(), *(x.lemma_.lower() for x in c.children
                                          if x.dep_ in ("compound", "nmod", "quantmod", "nummod", "amod"))}
                  | (_goods_words(c) if c.lemma_.lower() in CARGO_WORDS else set())   # "a shipment of test kits"
                  | ({"$"} if any(x.tag_ == "$" for x in c.subtree) else set()))
                 for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
        # to someone: "to Haiti", or a bare indirect object ("gave Ukraine $1 billion")
        to = any((p.dep_ in ("prep", "dative") and p.lower_ in ("to", "for"))
                 or (p.dep_ == "dative" and p.pos_ in ("PROPN", "NOUN")) for p in v.children) or any(
            p.dep_ == "prep" and p.lower_ == "to" for c, _ in goods
            for p in (*c.children, *(x for o in _pobjs(c, "of") for x in o.children)))   # "a shipment of X to Y"
        if not to:     # arms are aid whoever gets them; money and relief, given to someone
            goods = [(c, words & HARDWARE) for c, words in goods]
    else:
        return None
    for c, words in goods:
        code = "072" if words & HARDWARE or c.lemma_.lower() in MUNITIONS else "071" if words & MONEY \
            else "073" if words & RELIEF else None
        if code:
            return c, code
    return None


def _goods(n: Token | None) -> bool:
    """Whether ``n`` names goods or aid rather than people or craft: "doses", "a shipment
    of fuel", "U.S. aid", "a donation of vaccines"."""
    # (not a name, "Secretary of State Rice"; nor arms: a warship or plane may visit)
    return n is not None and bool(_goods_words(n) & (RELIEF | MONEY | CARGO_WORDS))


RECORDINGS = word_list("recording_nouns")
RECEPTION = word_list("reception_verbs")


def _received_with(v: Token) -> bool:
    """Whether a verb of meeting says how something was received, not who met: "were met
    with tear gas", "was greeted with protests" (a passive with "with" and no "by" agent;
    "was met by the foreign minister" is a meeting)."""
    return v.lemma_.lower() in RECEPTION and any(c.dep_ == "auxpass" for c in v.children) \
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in v.children) and _child(v, "agent") is None


def _recorded(v: Token) -> bool:
    """Whether a verb of taking is said of a recording: "captured on camera", "caught on
    video", "captured by security cameras"."""
    return any(x.lemma_.lower() in RECORDINGS for p in v.children
               if p.dep_ in ("prep", "agent") and p.lower_ in ("on", "by", "in")
               for o in p.children if o.dep_ == "pobj"
               # (the parser may hang the recording on what it shows: "on camera kicking ...")
               for x in (o, *(c for c in o.children if c.dep_ == "compound")))


def _retaken_captives(v: Token) -> bool:
    """Whether what a verb of retaking takes back is captives: "recaptured the escaped
    prisoners", "recaptures 130 of 150 inmates"."""
    obj = _of_number(_child(v, "dobj"))     # ("130 of 150 inmates": the inmates)
    return obj is not None and obj.lemma_.lower() in CAPTIVES


def _seized_goods(v: Token) -> bool:
    """Whether what a taking verb takes is arms or goods, not people: "captured tanks"."""
    objs = [o for c in v.children if c.dep_ in ("dobj", "nsubjpass") for o in (c, *c.conjuncts)]
    return bool(objs) and all(_goods_words(o) & (HARDWARE | RELIEF | MONEY | CARGO_WORDS) for o in objs)


def _bought(v: Token) -> bool:
    """Whether a buying verb's object is itself goods ("ordered 80 planes", "ordered
    168,000 doses"), not an act done to goods ("ordered the seizure of two jets") nor
    people told to act ("ordered its fighters to observe a ceasefire")."""
    objs = [c for c in v.children if c.dep_ == "dobj"]
    return bool(objs) and not any(c.dep_ in ("xcomp", "ccomp") for c in v.children) \
        and all(o.pos_ == "NOUN" and o.lemma_.lower() in BOUGHT_GOODS for o in objs)


def _goods_words(n: Token) -> set[str]:
    """The lemmas that say what a common noun is: its own, and its "of" objects' ("a
    shipment of fuel", "dozens of vehicles"); none for a name."""
    if n.pos_ != "NOUN":
        return set()
    return {n.lemma_.lower(), *(x.lemma_.lower() for o in _pobjs(n, "of") for x in (o, *o.conjuncts))}


def _giver_of_goods(v: Token) -> Token | None:
    """The agent of a giving participle on a getting verb's object: "received vaccine
    doses donated by China" -> China."""
    return next((o for d in v.children if d.dep_ == "dobj" for g in d.children
                 if g.dep_ == "acl" and g.tag_ == "VBN" and g.lemma_.lower() in GIVING
                 for a in g.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)


def _gift_trigger(v: Token, gift: tuple[Token, str]) -> Trigger:
    obj, code = gift
    return Trigger(v, code, Pattern(code, (obj.lemma_.lower(),), f"{v.lemma_} {obj.lemma_}", v.lemma_.lower() in GETTING))


def _complement_place(v: Token, res: ActorResolver, by_token, sources) -> list[Actor]:
    """A foreign country where what is agreed or intended is to happen (not a meeting
    place: talks in Geneva are not with Switzerland)."""
    own = {a.country for a in sources}
    nodes = [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]
    nodes += [g for c in nodes for g in c.children if g.dep_ in ("xcomp", "ccomp")]
    for c in nodes:
        if c.i in by_token and by_token[c.i].code[:2] == "04":
            continue
        heads = [c, *(o for o in c.children if o.dep_ == "dobj")]    # "build a port in Sri Lanka"
        for p in (p for h in heads for p in h.children):
            if p.dep_ == "prep" and p.lower_ in PLACE_PREPS:
                for o in p.children:
                    country = res.place_country(o) if o.dep_ == "pobj" else None
                    if country and country not in own:
                        return _place_target(o, res)
    return []


BORDER = word_list("border_words")
CLAIM_WORDS = word_list("claim_words")   # "claimed responsibility": reads the attack before (_victims_before)
BACK_BORDER = 4     # sentences before a border clash read for its sides (prefilter.BACK_BORDER)


TAKING = word_list("taking_verbs")
INSTITUTION_ROLES = ("GOV", "JUD", "LEG", "MIL", "COP", "SPY")


def _institution(a: Actor) -> bool:
    """A state (by its name or capital, or an institution of it) or an international body;
    not a people ("Kosovo Serbs", "hundreds of Americans")."""
    return a.country not in NO_COUNTRY and (a.code[3:6] in INSTITUTION_ROLES or (
        len(a.code) == 3 and a.entry is not None and a.entry.kind in ("country", "capital"))) \
        or a.code.startswith("IGO")


SPORTING = word_list("sporting_nouns")
SCORE = re.compile(r"^\d{1,3}\s*[–-]\s*\d{1,3}$")


def _sporting(v: Token) -> bool:
    """Whether a verb tells a game's result: a score ("beat Denmark 4–2", "won 85–77"), a
    game it was done in ("defeated Spain in the final") or a prize ("captured bronze")."""
    # (a score stands on its own, not as a count: "killed 20–30 militants" is no game)
    return any(SCORE.match(c.text) and c.dep_ not in ("nummod", "quantmod") for c in v.subtree if c.i > v.i) or any(
        o.lemma_.lower() in SPORTING for o in _pobjs(v, "in", "at") + [c for c in v.children if c.dep_ == "dobj"])


def _took_place(v: Token, names) -> bool:
    """Whether the verb's object is a named city or region (by the actor names of the
    sentence): "seized Kunduz", "captured Goma and Bukavu"."""
    obj = _child(v, "dobj")
    m = names.get(obj.i) if obj is not None and hasattr(names, "get") else None
    if obj is not None and m is None and obj.pos_ == "PROPN" and any(
            c.dep_ == "appos" and (c.lemma_.lower() in places.PLACE_TYPES or c.lemma_.lower() in PLACE_APPOSITIONS)
            for c in obj.children):
        return True       # a name nobody listed, said to be a place: "captured Nyabibwe, a town ..."
    return m is not None and m.entries[0].kind in ("city", "capital", "region")


PLACE_APPOSITIONS = word_list("place_appositions")
LEAVING = word_list("leaving_verbs")
SELF_EXPLODING = word_list("self_exploding_verbs")
REPELLING = word_list("repelling_verbs")


def _forces_left(v: Token, names, roles) -> bool:
    """Whether armed forces (the subject, by its role noun) leave a named country, city or
    region (the object): "Syrian troops left Lebanon", "the army quits Gori"."""
    subj, obj = _child(v, "nsubj"), _child(v, "dobj")
    if subj is None or obj is None or roles.get((subj.lemma_.lower(),)) != "MIL":
        return False
    obj = _place_named(obj)
    m = names.get(obj.i) if hasattr(names, "get") else None
    return m is not None and m.entries[0].kind in ("country", "city", "capital", "region")


ONE_TO_OTHERS = ("03", "04", "05", "06")     # done by several to another, unless symmetric


def _recipient(v: Token, roles) -> Token | None:
    """Whom a verb's act is aimed at, where the text names someone we do not know: "offer
    refuge to some of them", "promised the refugees shelter", "praised him" (a pronoun, a
    person's name or people; not "agreed to a ceasefire", "resumed the Composite
    Dialogue")."""
    for c in v.children:
        if c.dep_ in ("dative", "iobj", "dobj") or (c.dep_ == "prep" and c.lower_ == "to"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None) if c.pos_ == "ADP" else c
            obj = _of_number(obj)      # "to thousands of them": those the number counts
            if obj is not None and (obj.pos_ == "PRON" or obj.ent_type_ == "PERSON" or obj.tag_ == "DT"
                                    or (obj.lemma_.lower(),) in roles):
                return obj
    return None


def _place_named(obj: Token) -> Token:
    """The name of a place its type names: "the town of Gori" -> Gori."""
    if obj.lemma_.lower() in places.PLACE_TYPES:
        return next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"), obj)
    return obj


def _owners(obj: Token, res: ActorResolver) -> list[Actor]:
    """Whoever a participle or a relative clause says runs, holds or made a thing: "seaports
    and power stations operated by the Houthis", "assets held by Putin", "the law which
    parliament passed", "the decision Israel took" (not "the law that bans ...": there the
    thing is the subject)."""
    for c in (*obj.children, *(x for conj in obj.conjuncts for x in conj.children)):
        if c.dep_ == "acl" and c.tag_ == "VBN":
            a = [x for g in c.children if g.dep_ == "agent" for o in g.children if o.dep_ == "pobj"
                 for x in res.actors(o)]
            if a:
                return a
        if c.dep_ == "relcl" and c.pos_ == "VERB" and not any(
                x.dep_ in ("dobj", "nsubjpass") and not _relative_word(x) for x in c.children):
            subj = _child(c, "nsubj")
            a = res.actors(subj) if subj is not None and not _relative_word(subj) else []
            if a:
                return a
    return []


def _relative_word(t: Token) -> bool:
    """"which", "who", "that" opening a relative clause."""
    return t.tag_ in ("WDT", "WP") or t.lower_ == "that"


OWN_POSSESSIVES = word_list("own_possessives")


def _host_country(v: Token, res: ActorResolver, own: set) -> Actor | None:
    """The other country a verb's own mission is "in", "to" or "from": "closes its embassy
    in Venezuela", "recalls its ambassador to Italy", "withdraws its envoy from Qatar"."""
    nodes = [v, *(c for c in v.children if c.dep_ == "dobj")]
    for n in nodes:
        for p in n.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "to", "from"):
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                country = res.place_country(o) or next((a.country for a in res.actors(o)), None)
                if country and country not in own and country not in NO_COUNTRY:
                    return Actor(country, o.text, None, o.i)
    return None


def _at_border(n: Token) -> bool:
    return any(c.dep_ in ("compound", "amod") and (c.lemma_.lower() in BORDER or c.lower_ in BORDER)
               for c in n.children)


def _instance_happened(n: Token) -> bool:
    """An event noun said to have an instance that happened: "clashes such as occurred
    last week", "an attack like the one that happened on Tuesday"."""
    doc = n.doc
    after = list(doc[n.i + 1:min(n.i + 8, n.sent.end)])
    words = [t.lower_ for t in after]
    for k in range(len(after) - 1):
        if words[k] in ("such", "like") or (words[k] == "as" and k > 0 and words[k - 1] == "such"):
            for t in after[k + 1:k + 5]:
                if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in OCCURRENCE_VERBS and t.tag_ in ("VBD", "VBN"):
                    return True
    return any(c.dep_ == "relcl" and c.lemma_.lower() in OCCURRENCE_VERBS and c.tag_ == "VBD" for c in n.children)


MEETING = word_list("meeting_words")
TOPIC_PREPS = word_list("topic_preps")
# what talks are held on is still to come when it is a settlement: an agreement, aid,
# easing or a withdrawal ("talks on a ceasefire"); an attack they are on happened
TALKED_OF_ROOTS = ("03", "05", "06", "07", "08")


def _topic_of_talks(n: Token) -> bool:
    """Whether an event noun is what talks or a meeting are about: "held talks with Israel
    on the withdrawal of its troops", "negotiations over a prisoner exchange"."""
    if n.pos_ != "NOUN" or n.dep_ != "pobj" or n.head.lower_ not in TOPIC_PREPS:
        return False
    h = n.head.head
    return h.lemma_.lower() in MEETING or (h.pos_ == "VERB" and any(
        o.dep_ == "dobj" and o.lemma_.lower() in MEETING for o in h.children))


def _intended_abroad(v: Token, res: ActorResolver, sources) -> list[Actor]:
    """The foreign country that is the place of an agreement or intention, when the parse
    hangs the place elsewhere in the sentence; never a meeting's venue."""
    if any(t.lemma_.lower() in MEETING for t in v.sent):
        return []
    place = places.locate(v, res)
    if place is None or not place.country or place.country in {a.country for a in sources}:
        return []
    return [Actor(place.country, place.name, None, v.i)]


ATTEMPT = word_list("attempt_words")
EXCHANGING = word_list("exchange_verbs")
RECEIVING = word_list("receiving_verbs")
COMMAND_NOUNS = word_list("command_nouns")   # "in charge of": an office held
COMMAND_HEADS = word_list("command_heads")
ATTRIBUTING = word_list("attributing_verbs")  # "attributed the bombing to X": X did it
DESCRIBING = word_list("describing_verbs") | ATTRIBUTING   # "described the meeting as frank": not who met
PARTAKING = word_list("partaking_verbs")     # "took part in", "was involved in"
FREEING = word_list("freeing_verbs")         # those who free hostages held them
PUBLISHED = word_list("published_nouns")      # released, they are published: no one is freed
CARE_PLACES = word_list("care_places")      # "released from hospital": discharged


def _attempted(t: Token) -> bool:
    """An infinitive that was attempted: "tried to persuade", "efforts to enlist"."""
    return (infinitive(t) and t.dep_ in ("xcomp", "acl", "advcl") and t.head.lemma_.lower() in ATTEMPT
            and mode_of(t.head) == "asserted")


def _same_event_as_head(tr: Trigger, by_token) -> bool:
    """Whether an event noun is the object of a trigger of its own kind: the same event
    told twice ("signed agreements", "held talks" where the verb is coded itself)."""
    n = tr.token
    head = by_token.get(n.head.i) if n.dep_ in ("dobj", "nsubjpass", "attr") else None
    return head is not None and head is not tr and head.code[:3] == tr.code[:3]


def _toll_cause(n: Token) -> bool:
    """Whether the event noun is what a toll is told of: "protests killed 30", "eight
    people were killed in protests": the event happened, whatever else is coded."""
    v = n.head.head if n.dep_ == "pobj" and n.head.lower_ in ("in", "during", "amid") else n.head
    return (n.dep_ in ("nsubj", "pobj") and v.pos_ == "VERB"
            and (v.lemma_.lower() in TOLL_VERBS or v.lemma_.lower() in DYING))


def _definite(n: Token) -> bool:
    """Whether a noun phrase names something known: "the murder", "his role"."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in n.children)


def _punished_crime(tr, by_token) -> Token | None:
    """The conviction, sentence or arrest whose reason the crime ``tr`` is: "convicted two
    men of the murder", "arrested for the kidnapping", "jailed over the attack", "convicted
    of kidnapping two tourists", "sentenced after bombing a mall", "jailed over his role in
    the bombings", "found guilty of genocide"."""
    n = tr.token
    if tr.code[:2] in ATTACK_ROOTS and n.pos_ == "VERB" and n.dep_ == "advcl" \
            and any(c.dep_ == "mark" and c.lower_ == "after" for c in n.children) \
            and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in n.children):
        # "sentenced sixteen people after they burned a student": they, those sentenced
        v = n.head
        return v if v.i in by_token and by_token[v.i].code[:3] == "173" and v.lemma_.lower() in PUNISHING else None
    if tr.code[:2] not in ATTACK_ROOTS or n.dep_ != ("pcomp" if n.pos_ == "VERB" else "pobj") \
            or n.head.lower_ not in ("of", "for", "over", "in", "after"):
        return None
    v = n.head.head
    if n.head.lower_ == "in" and v.lemma_.lower() in PART_NOUNS and v.dep_ == "pobj":
        v = v.head.head          # "over his role in the bombings": the part someone took
    if v.dep_ in ("dobj", "oprd", "acomp") or _small_clause(v):   # "convicted two men of ...", "found him guilty of"
        v = v.head
    if v.i in by_token and by_token[v.i].code[:3] == "173" and v.lemma_.lower() in PUNISHING:
        return v
    return None


STANCE_ROLES = word_list("stance_role_nouns")


def _stance_of(n: Token) -> bool:
    """Whether a role noun states a stance toward what follows "to": "voiced its
    opposition to the dam project"."""
    return n.lemma_.lower() in STANCE_ROLES and any(c.dep_ == "prep" and c.lower_ == "to" for c in n.children)


def _argument_of_trigger(n: Token, by_token) -> bool:
    """Whether an event noun is what another trigger acts on or about ("rejected the
    appeal", "talks on a ceasefire"), not an event of its own told beside it: what came
    before or after it ("put on alert after a naval clash") is one."""
    if n.dep_ == "nsubj" and n.i in by_token and by_token[n.i].code[:2] == "14":
        return False     # a protest that says something was held: "a rally in Kiev calls for ..."
    if n.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "nsubj") and n.head.i in by_token:
        return True
    return n.dep_ == "pobj" and n.head.dep_ in ("prep", "agent") and n.head.head.i in by_token \
        and n.head.lower_ not in FACT_PREPS      # (or its passive's agent: "killed by a bomb")


def _by_agent(v: Token) -> Token | None:
    """The object of a verb's own "by" phrase: "shelling by Azerbaijani forces"."""
    return next((o for p in v.children if p.dep_ == "prep" and p.lower_ == "by"
                 for o in p.children if o.dep_ == "pobj"), None)


def _stranded_subject(v: Token) -> Token | None:
    """The subject the parser joined to the clause before: "announces its intervention in
    Yemen and Saudi Arabia begins launching airstrikes" (Saudi Arabia begins). A finite
    clause verb with no subject, right after a name that is the last of an "and" pair,
    takes that name as its subject."""
    if v.tag_ not in ("VBZ", "VBD") or v.dep_ not in ("ccomp", "conj") or v.i < 3 \
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children):
        return None
    h = v.head
    if v.dep_ == "conj" and h.dep_ == "ROOT" and h.tag_ == "NNS" and h.i < v.i and h.lower_.endswith("s"):
        # "Taiwanese President Tsai Ing-wen regrets and condemns ...", the first verb read
        # as a plural noun with the name as its modifier: the name is both verbs' subject
        name = next((c for c in reversed(list(h.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if name is not None:
            return name
    prev = v.doc[v.i - 1]
    if prev.pos_ != "PROPN" or prev.dep_ != "conj" or prev.head.i >= prev.i \
            or not any(c.dep_ == "cc" and c.lower_ == "and" for c in prev.head.children):
        return None
    return prev


def _subject_actors(v: Token, res: ActorResolver, other=()) -> list[Actor]:
    """The actors of ``v``'s subject, but those of ``other`` (the event's other side)."""
    subj = _child(v, "nsubj")
    codes = {a.code for a in other}
    return [a for a in res.actors(subj) if a.code not in codes] if subj is not None else []


def _visited(t: Token, res: ActorResolver) -> Actor | None:
    """The country a visit goes to: a place after "to" in the visit's words ("a visit to
    the Czech Republic", "travelled to Hanoi"), else the place it happens in ("arrived in
    Hanoi")."""
    for p in sorted((x for x in t.subtree if x.dep_ == "prep" and x.lower_ in ("to", "into")),
                    key=lambda x: abs(x.i - t.i)):
        for o in p.children:
            country = res.place_country(o) if o.dep_ == "pobj" else None
            if country and country not in NO_COUNTRY:
                return Actor(country, o.text, None, o.i)
    place = places.locate(t, res)
    if place is not None and place.country and place.country not in NO_COUNTRY:
        return Actor(place.country, place.name, None, t.i)
    return None


def _fought_abroad(t: Token, casualties: list[Actor], res: ActorResolver) -> list[Actor]:
    """The country of the place where a state's forces (the casualties) fought, when it is
    another country: their adversary there."""
    states = {a.country for a in casualties if a.code[3:6] in ("", "GOV", "MIL", "COP")
              and a.country not in NO_COUNTRY}
    place = places.locate(t, res)
    if len(states) != 1 or place is None or not place.country or place.country in states \
            or place.country in NO_COUNTRY:
        return []
    return [Actor(place.country, place.name, None, t.i)]


CLAIMING = word_list("claiming_verbs")
SERIES_NOUNS = word_list("series_nouns")   # "a series of attacks": the attacks
INCURSION = word_list("incursion_verbs")


def _territory(t: Token, res: ActorResolver) -> bool:
    """Whether ``t`` names territory: a named place that is not its people, or a place's
    kind ("the district of Afrin", "the settlement of X", "Georgian territory"), not
    "Taiwan's air defence zone" or "a hospital complex"."""
    if (res.place_country(t) and not res.is_people(t)) or t.lemma_.lower() in places.PLACE_TYPES:
        return True
    # a town no list names, placed by the region or country after it: "Mellit, North Darfur"
    if t.pos_ != "PROPN" or t.i in res.mentions:
        return False
    after = [c for c in t.children if c.dep_ in ("appos", "conj") and c.i > t.i and c.doc[c.left_edge.i - 1].text == ","]
    after += [x for c in after for x in c.children if x.dep_ in ("appos", "conj") and x.i > c.i]
    return any(res.place_country(c) and not res.is_people(c) for c in after)


def _held_position(t: Token) -> bool:
    """Whether ``t`` names a military post, base or the like, itself or by an apposition
    ("two checkpoints", "Novofedorivka, an airbase of the Ukrainian Navy")."""
    return any(x.lemma_.lower() in HELD_POSITIONS for x in (t, *(a for a in t.children if a.dep_ == "appos")))


def _taken_ground(t: Token, res: ActorResolver) -> bool:
    """Whether what is seized is ground: territory, a post, a part of a place ("the
    outskirts of Homs", "the enclave", "a strategic hill"), or a share of any of these
    ("most of the old quarter", "half of the district")."""
    if t.lemma_.lower() in SHARE_WORDS:     # ("part", "parts" are area nouns too)
        return any(_taken_ground(o, res) for o in _pobjs(t, "of"))
    return _territory(t, res) or _held_position(t) or t.lemma_.lower() in places.AREA_NOUNS


SHARE_WORDS = word_list("share_words")


def _entered_place(v: Token, res: ActorResolver) -> bool:
    """Whether what a verb of entering goes into is territory ("entered Afrin", "moved
    into the Gaza Strip")."""
    objs = [c for c in v.children if c.dep_ == "dobj"]
    objs += [o for p in v.children if p.dep_ == "prep" and p.lower_ == "into" for o in p.children
             if o.dep_ == "pobj"]
    return any(_territory(o, res) for o in objs)


COMPANIONS = word_list("companion_words")


def _companions(v: Token) -> list[Token]:
    """Who does the verb's act with its subject: "the US, along with Britain, imposed",
    "Britain, alongside the US, launched", "froze the assets jointly with Switzerland",
    "bombed positions in coordination with Syria", "imposed coordinated sanctions with
    Canada" (the objects of "with" that such a word leads; "alongside" itself)."""
    # (on the verb only "jointly with" and "in coordination with": there "along with" and
    # "alongside" mostly join the object, "kills a minister along with his wife")
    subj = _child(v, "nsubj")
    out = []
    for h in (v, *((subj,) if subj is not None else ())):
        for p in h.children:
            if p.dep_ != "prep":
                continue
            lower = p.lower_
            if lower == "alongside" and h is subj:
                out += [o for o in p.children if o.dep_ == "pobj"]
            elif lower in COMPANIONS and h is subj:         # "along with", "together with"
                out += [o for w in p.children if w.dep_ == "prep" and w.lower_ == "with" for o in w.children
                        if o.dep_ == "pobj"]
            elif lower == "with" and p.i > 0 and p.doc[p.i - 1].lower_ in COMPANIONS \
                    and (h is subj or p.doc[p.i - 1].lower_ == "jointly"):
                out += [o for o in p.children if o.dep_ == "pobj"]     # "jointly with"
            elif lower == "in":                             # "in coordination with"
                out += [o for n in p.children if n.dep_ == "pobj" and n.lemma_.lower() in COMPANIONS
                        for w in n.children if w.dep_ == "prep" and w.lower_ == "with"
                        for o in w.children if o.dep_ == "pobj"]
    # an act the object says is joint: "imposed coordinated sanctions with Canada on X"
    for d in v.children:
        if d.dep_ == "dobj" and any(a.dep_ == "amod" and (a.lower_ in JOINT or a.lower_ == "coordinated")
                                    for a in d.children):
            out += [o for o in _pobjs(d, "with") + _pobjs(v, "with")]
    return out


def _fallen_place(v: Token, res: ActorResolver) -> bool:
    """Whether what falls to someone is ground: "Kabul fell to the Taliban", "the town of
    Kunduz has fallen to insurgents" (not "oil prices fell to a low")."""
    subj = _child(v, "nsubj")
    return subj is not None and _taken_ground(subj, res)


def _claimed_event(v: Token) -> Token | None:
    """What a claim of responsibility is for: "claimed responsibility for the attack", "for
    a series of attacks"."""
    for r in v.children:
        if r.dep_ == "dobj" and r.lemma_.lower() in CLAIM_WORDS:
            for p in r.children:
                if p.dep_ == "prep" and p.lower_ == "for":
                    claimed = _child(p, "pobj")
                    return _of_series(claimed) if claimed is not None else None
    return None


def _prep_objects(p: Token) -> list[Token]:
    """A preposition's objects; with a participle the parser hung on it, that participle's
    subject if a name: "severed relations with Chad, reducing its allies to 24" parsed
    "with [Chad reducing ...]" (not "with security forces conducting a deployment")."""
    return [o for o in p.children if o.dep_ == "pobj"] + [
        s for o in p.children if o.dep_ == "pcomp" and o.tag_ == "VBG"
        for s in o.children if s.dep_ == "nsubj" and s.pos_ == "PROPN"]


LEAVING_CODES = ("160", "164")     # leaving an agreement, leaving talks (_withdrawn_from)


def _left_things(t: Token) -> list[Token]:
    """What a withdrawal leaves: the objects of its "from" or "out of" ("withdrew from the
    treaty", "pulled out of the talks", "its withdrawal from the accord")."""
    outs = [c for c in t.children if c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "out"]
    return _pobjs(t, "from") + [o for x in outs for o in _pobjs(x, "of")] + (_pobjs(t, "of") if outs else [])


def _in_command(n: Token) -> bool:
    """A bare singular noun of command after "in" or a taking verb: "in charge of the
    army", "took charge of the talks" hold an office, they accuse no one."""
    return n.lower_ in COMMAND_NOUNS and n.head.lemma_.lower() in COMMAND_HEADS \
        and not any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in n.children)


def _of_number(obj: Token | None) -> Token | None:
    """What a number or a partitive noun counts ("130 of the inmates", "thousands of
    prisoners", "some of them"): its "of" object; else the noun itself."""
    if obj is not None and (obj.pos_ == "NUM" or obj.lower_ in PARTITIVE or obj.lemma_.lower() in PARTITIVE):
        return next(iter(_pobjs(obj, "of")), obj)
    return obj


def _sanctioned(v: Token, res: ActorResolver, sources: list[Actor]) -> list[Actor]:
    """Whom sanctions a verb imposes with no named target fall on: the other country their
    object names anywhere in it ("froze $30 billion in Libyan assets", "banned imports of all
    goods made in Saudi Arabia", "tariffs on steel made in China"), if it names one or two."""
    own = {a.country for a in sources}
    found: dict[str, Actor] = {}
    for o in v.children:
        if o.dep_ != "dobj":
            continue
        for t in o.subtree:
            if t.i not in res.mentions:
                continue
            for a in res.modifier(t, places=True):
                if a.country not in own and a.country not in NO_COUNTRY and a.country not in found:
                    found[a.country] = Actor(a.country, t.text, None, t.i)
    return list(found.values()) if len(found) <= 2 else []


def _pobjs(t: Token, *preps: str) -> list[Token]:
    """The objects of ``t``'s own prepositions ``preps``: "withdrew from Iraq" -> Iraq."""
    return [o for p in t.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children if o.dep_ == "pobj"]


def _left_place(v: Token, res: ActorResolver):
    """The named place a verb of withdrawing leaves: its object, or the object of its
    "from" or "out of" ("withdrew from Iraq", "pulled its troops out of Syria"); a
    place's own name, not one a name carries ("withdrew from the Kyoto Protocol")."""
    left = [c for c in v.children if c.dep_ == "dobj"] + _left_things(v)
    return next((p for o in left if res.place_country(o)
                 for p in [places.place_of(o, res)] if p is not None and p.country), None)


def _counted(n: Token) -> Token:
    """The noun of number that counts ``n`` ("a wave of bombings" for "bombings"), else
    ``n`` (the inverse of ``_of_series``)."""
    p = n.head
    if n.dep_ == "pobj" and p.dep_ == "prep" and p.lower_ == "of" and p.head.lemma_.lower() in SERIES_NOUNS:
        return p.head
    return n


def _of_series(n: Token) -> Token:
    """The events a noun of number counts ("a series of attacks", "a wave of bombings"),
    else the noun itself."""
    if n.lemma_.lower() in SERIES_NOUNS:
        inner = _pobjs(n, "of")
        if inner:
            return inner[0]
    return n


def _claiming_verb(n: Token) -> Token | None:
    """The verb claiming responsibility for the event noun ``n``, if any (the inverse of
    ``_claimed_event``)."""
    n = _counted(n)
    v = n.head.head.head
    if v.pos_ != "VERB" or v.lemma_.lower() not in CLAIMING:
        return None
    claimed = _claimed_event(v)
    return v if claimed is not None and claimed.i in (n.i, *(c.i for p in n.children for c in p.children)) else None


def _with_partner(n: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in n.children)


def _projectile(v: Token) -> Token | None:
    """The projectile that is the subject of an impact verb: "a rocket ... struck", or of
    a firing verb with no object, a headline's passive misread as active ("Rockets fired
    from Gaza landed in Israel")."""
    lemma = v.lemma_.lower()
    if lemma in INTERCEPTING:
        # "two missiles launched from Yemen were intercepted over Riyadh": they were fired
        p = _child(v, "nsubjpass") or _child(v, "dobj")
        return p if p is not None and _projectile_kind(p) else None
    if lemma not in IMPACT_VERBS and not (lemma in FIRING and _child(v, "dobj") is None):
        return None
    subj = _child(v, "nsubj")
    return subj if subj is not None and _projectile_kind(subj) else None


SHOW_OF_FORCE = "150"
AIMING_PREPS = word_list("aiming_preps")


def _fired_projectile(v: Token) -> str | None:
    """What a firing verb fires, if it is a projectile: "missile" for missiles ("launched two
    ballistic missiles"), "other" for rockets, shells and drones; None for anything else."""
    if v.pos_ != "VERB" or v.lemma_.lower() not in FIRING:
        return None
    for o in v.children:
        if o.dep_ == "dobj" and _projectile_kind(o) is not None:
            return "missile" if any(x.lemma_.lower() == "missile" for x in (o, *o.conjuncts)) else "other"
    return None


def _downing(v: Token) -> bool:
    """Whether ``v`` brings something down from the air: "shot down", "downed"."""
    return v.lemma_.lower() == "down" or any(c.dep_ == "prt" and c.lower_ == "down" for c in v.children)


def _projectile_kind(n: Token) -> str | None:
    """"195" for a missile or drone, "194" for a rocket, shell or mortar round ("mortar
    rounds", "artillery shells"), None for anything else."""
    kinds = [n]
    if n.lemma_.lower() in PROJECTILE_HEADS:
        kinds += [c for c in n.children if c.dep_ in ("compound", "amod")]
        kinds += [o for p in n.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for w in kinds:
        lemma = w.lemma_.lower()
        if lemma in AIR_PROJECTILES:
            return "195"
        if lemma in ARTILLERY_PROJECTILES:
            return "194"
    return None


def _launched_by(p: Token, res: ActorResolver) -> list[Actor]:
    """Who fired a projectile: its modifier ("an Israeli missile"), else the state of the
    place it was fired from ("a rocket fired from Gaza", "rockets from Lebanon")."""
    named = [a for c in p.children if c.dep_ in ("amod", "compound", "poss", "nmod") for a in res.modifier(c)]
    # a name deeper in its modifiers: "a Ukrainian Air Force Bayraktar drone"
    named = named or next(([a] for c in p.children if c.dep_ in ("compound", "nmod") and c.i < p.i
                           for t in c.subtree if t.i in res.mentions for a in res.modifier(t)), [])
    # "a missile fired by the Houthis": the agent of the participle
    named = named or [a for v in p.children if v.dep_ == "acl" for g in v.children if g.dep_ == "agent"
                      for o in g.children if o.dep_ == "pobj" for a in res.actors(o)]
    if named:
        return named
    froms = [q for q in p.children if q.dep_ == "prep" and q.lower_ == "from"]
    froms += [q for v in p.children if v.dep_ == "acl" for q in v.children if q.dep_ == "prep" and q.lower_ == "from"]
    if p.dep_ in ("nsubj", "nsubjpass"):
        # "three rockets were fired from Gaza", "a shell from Syria landed": the verb's origin
        froms += [q for q in p.head.children if q.dep_ == "prep" and q.lower_ == "from"]
    for q in froms:
        for o in q.children:
            if o.dep_ == "pobj":
                a = _place_target(o, res) or res.actors(o) or \
                    [m for c in o.children if c.dep_ in ("amod", "poss", "compound", "nmod") for m in res.modifier(c)]
                if a:      # "from Gaza", "from Armenian positions"
                    return a
    return []


def _warned_of_others(v: Token, res: ActorResolver, sources) -> bool:
    """A warning that something will befall others, not that the speaker will act, is a
    statement, no threat: "the WWF warns that billions may face shortages" (but "Iran
    warns it will retaliate", "warned Israel to stop")."""
    if v.pos_ != "VERB" or v.lemma_.lower() not in WARNING or _child(v, "dobj") is not None or not sources:
        return False
    content = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if content is None or infinitive(content):
        return False      # ("warns Iran not to use its embassy": a demand, read as a clause)
    subject = _child(content, "nsubj") or _child(content, "nsubjpass")
    if subject is None or subject.pos_ == "PRON":
        return False      # "warned it would respond": the speaker, as likely as not
    return not {a.country for a in res.actors(subject)} & {a.country for a in sources}


WARNING = word_list("warning_verbs")


def _stated_with(head: Token, res: ActorResolver) -> list[Actor]:
    """Partners named beside a statement of intent or its copula: "willing along with
    Afghanistan", "was ready, together with Venezuela, ..."."""
    out = []
    for h in (head, head.head) if head.dep_ == "acomp" else (head,):
        for p in h.children:
            if p.dep_ != "prep":
                continue
            withs = [p] if p.lower_ == "with" else \
                [q for q in p.children if q.dep_ == "prep" and q.lower_ == "with"] if p.lower_ == "along" else []
            for w in withs:
                for o in w.children:
                    if o.dep_ == "pobj":
                        out += res.actors(o)
    return out


def _unique(actors):
    out = []
    for a in actors:
        if all(a.code != b.code or a.token != b.token for b in out):
            out.append(a)
    return out


JOINT = word_list("joint_words")
SAID_TOGETHER = word_list("said_together_nouns")
ACTING_STATE = ("", "GOV", "MIL", "COP", "SPY")     # a state's own organs acting (_joint_acts)


def _happening_preps(n: Token) -> list[Token]:
    """The parties of an event said to happen: "clashes erupted between X and Y", "talks
    took place with Y", "protests continued against Z": the prepositions of the verb of
    occurrence belong to its subject, the event."""
    if n.dep_ != "nsubj" or n.head.lemma_.lower() not in OCCURRENCE_VERBS:
        return []
    return [c for c in n.head.children if c.dep_ == "prep" and c.lower_ in HAPPENING_PREPS]


def _done_jointly(v: Token) -> Token | None:
    """The word that says a verb's act is done together: "jointly patrolled", "worked
    together", "launched a joint offensive", "conducted combined patrols"."""
    for c in v.children:
        if c.dep_ == "advmod" and c.lower_ in JOINT and not any(g.dep_ == "prep" for g in c.children):
            return c     # (not "together with Y": Y is a partner, _stated_with)
        if c.dep_ == "dobj" and c.lemma_.lower() not in SAID_TOGETHER:
            word = next((g for g in c.children if g.dep_ == "amod" and g.lower_ in JOINT), None)
            if word is not None:
                return word
    return None


def _joint(tr: Trigger) -> bool:
    """Whether the event is said to be done together: "joint drills", "patrolled jointly"."""
    nodes = [n for n in (tr.token, tr.noun) if n is not None]
    nodes += [c for c in tr.token.children if c.dep_ == "dobj"]        # "held joint drills"
    return any(c.lower_ in JOINT for n in nodes for c in n.children)


ONE_SIDED_FORCE = ("191", "192", "194", "195")   # blockades, occupation, shelling, air strikes


def _pairs(sources, targets, code, between: bool = False, aimed: bool = False):
    if sources and targets:
        for s in sources:
            others = [t for t in targets if t.code != s.code]
            if not others:
                yield s, None    # "rejected a call for its forces ...": no one else named
            for t in others:
                yield s, t
        return
    group = sources or targets
    if len(group) >= 2 and (code[:2] in RECIPROCAL_ROOTS or (between and code[:2] not in ONE_WAY_ROOTS)) \
            and code[:3] not in MEDIATION and (between or not (
            code.startswith(ONE_SIDED_FORCE) or (aimed and code[:2] == "19"))) \
            and (sources or between or code[:2] not in ATTACK_ROOTS or _opposed(targets)):
        # "Azerbaijani and Armenian forces clashed", "shelling between Indian and Pakistani
        # troops": with each other; not "Russian and Syrian jets conduct airstrikes", nor
        # "troops from Chad and Niger attack rebel positions" or "attacked at dawn" (what
        # they attack is another, named or not);
        # those it was done to only when they are two sides ("three policemen and two
        # rebels died"), not "the British and German embassies were attacked"
        for s in group:
            for t in group:
                if s is not t and s.code != t.code and not _same_bloc(s, t):
                    yield s, t
        return
    for s in sources:
        yield s, None
    for t in targets:
        yield None, t
    if not group and (code[:2] in ("14", "18", "19", "20") or (code[:2] == "17" and code[:3] != "171")):
        # "riots in Quito leave four dead", "a bomb attack in Kano kills 30": no actor
        # named; the event's place may still give one (``settle``)
        yield None, None


def _opposed(actors) -> bool:
    """Two sides of a fight among them: a state's forces and an armed group, or armed
    forces of two countries ("Indian and Pakistani soldiers were killed")."""
    roles = {a.code[3:6] for a in actors}
    return two_sides(roles) or (
        roles <= {"", *FIGHTING_ROLES} and len({a.country for a in actors}) >= 2)


def _acted_on(verb: Token, from_too: bool = False) -> list[Token]:
    """What a verb acts on: its object, or its passive subject, with their conjuncts; with
    ``from_too``, also what it keeps someone from ("stopped them from marching")."""
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if from_too:
        held += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
                 for o in p.children if o.dep_ in ("pobj", "pcomp")]
    return [n for c in held for n in (c, *c.conjuncts)]


def _between(t: Token) -> bool:
    """Whether ``t`` has a "between" phrase of its own: "clashes between X and Y"."""
    return any(c.dep_ == "prep" and c.lower_ == "between" for c in t.children)


def _between_parties(v: Token, res: ActorResolver) -> list[Actor]:
    """The actors of a "between" phrase on a passive verb or on its subject."""
    if not any(c.dep_ == "auxpass" for c in v.children):
        return []
    subject = _child(v, "nsubjpass")
    # (also where the parser hung it on a place: "held in Doha between X and Y")
    places = [o for p in v.children if p.dep_ == "prep" and p.lower_ != "between" for o in p.children if o.dep_ == "pobj"]
    for h in (v, *((subject,) if subject is not None else ()), *places):
        for p in h.children:
            if p.dep_ == "prep" and p.lower_ == "between":
                o = _child(p, "pobj")
                found = res.actors(o, coordinated=True) if o is not None else []
                if len({a.country for a in found}) >= 2:
                    return found
    return []


def _partners(sources: list[Actor], res: ActorResolver) -> frozenset:
    """The countries of sources that act side by side ("American and British airstrikes");
    not "both countries", the two sides the text is about (they may be at war)."""
    if any(c.lower_ in PAIR_WORDS for a in sources for c in res.doc[a.token].children):
        return frozenset()
    return frozenset(a.country for a in sources)


def _same_bloc(a: Actor, b: Actor) -> bool:
    """Two members of one bloc named together act side by side: "Iran and the P5+1 resume
    talks" are talks of Iran with each of the six, not of the six among themselves."""
    return a.entry is not None and a.entry is b.entry and a.entry.kind == "bloc"


def _verb_keys(t: Token):
    """The lemma, then guesses for when the lemmatizer slips ("staged" -> "stag")."""
    yield t.lemma_.lower()
    yield from guessed_lemmas(t.lower_)


# Irregular past tenses, also after a verb prefix: "retook" -> "retake", "overran" -> "overrun"
# (the lemmatizer leaves prefixed forms it does not know as they are).
IRREGULAR_PAST = word_pairs("irregular_past")
IRREGULAR_LEMMA = {past: lemma for lemma, past in IRREGULAR_PAST.items()}
VERB_PREFIXES = ("", "re", "over", "under", "out", "mis", "with", "up", "fore")


def guessed_lemmas(low: str):
    """Lemmas guessed from a lower-case word form by its ending."""
    for prefix in VERB_PREFIXES:
        if low.startswith(prefix) and low[len(prefix):] in IRREGULAR_LEMMA:
            yield prefix + IRREGULAR_LEMMA[low[len(prefix):]]
    if low.endswith("ied"):
        yield low[:-3] + "y"
    if low.endswith("ed"):
        yield low[:-1]          # staged -> stage
        yield low[:-2]          # shelled -> shell
        if len(low) > 4 and low[-3] == low[-4]:
            yield low[:-3]      # shelled -> shell, stopped -> stop
    if low.endswith("ing"):
        yield low[:-3]
        yield low[:-3] + "e"
    if low.endswith("s"):
        yield low[:-1]


def guessing_forms(lemma: str) -> set[str]:
    """The inverse of :func:`guessed_lemmas`: word forms it guesses back to ``lemma``
    (and the lemma itself), for the prefilter."""
    out = {lemma, lemma + "d", lemma + "ed", lemma + "ing", lemma + "s", lemma + lemma[-1:] + "ed"}
    for prefix in VERB_PREFIXES:
        if lemma.startswith(prefix) and lemma[len(prefix):] in IRREGULAR_PAST:
            out.add(prefix + IRREGULAR_PAST[lemma[len(prefix):]])
    if lemma.endswith("y"):
        out.add(lemma[:-1] + "ied")
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    return out


def _frame(v: Token) -> dict[str, list[Token]]:
    """Lemmas (and lowercase forms) of the verb's dependents down to three levels, not
    crossing into subjects or other clauses: the words a verb pattern may require."""
    frame: dict[str, list[Token]] = {}
    # the subject of a passive is the verb's logical object: "evidence was presented"
    stack = [(c, 1) for c in v.children if c.dep_ != "nsubjpass"] + [(p, 1) for p in _shared_toll_phrase(v)]
    for c in v.children:
        if c.dep_ == "nsubjpass":
            for key in {c.lemma_.lower(), c.lower_}:
                frame.setdefault(key, []).append(c)
    while stack:
        t, depth = stack.pop()
        if (t.dep_ in FRAME_SKIP and not (t.dep_ == "ccomp" and _small_clause(t))
                and not (t.dep_ == "appos" and _object_predicate(t))) \
                or (t.dep_ == "aux" and t.lower_ != "to"):
            continue
        if depth > 2 and t.dep_ in ("prep", "prt", "agent", "dative"):
            continue  # a preposition in the verb's pattern must be its own (or its object's)
        as_in = t.lower_ in DURING or (t.dep_ == "prep" and t.head.i == v.i and t.lower_ in CASUALTY_PREPS
                                       and _toll_of_dead(v))
        for key in {t.lemma_.lower(), t.lower_} | ({"in"} if as_in else set()):
            # "killed during raids" as "killed in raids"; the dead "after an ambush by
            # rebels" or "following an air strike" died in it (not "police killed him
            # after his attack": what came before)
            frame.setdefault(key, []).append(t)
        if depth < 4:
            stack.extend((c, depth + 1) for c in t.children)
    for m in _for_marks(v):     # "calls for the UN to act": the verb's "for", as the parser
        frame.setdefault("for", []).append(m)      # reads it, marks the clause after it
    return frame


def _for_marks(v: Token) -> list[Token]:
    """The "for" that marks an infinitive clause of ``v``: the verb's own preposition as the
    parser reads "calls for the UN to act" (the clause's subject, or the mark's object, is
    whom it is asked of)."""
    return [m for c in v.children if c.dep_ in ("advcl", "ccomp") and infinitive(c)
            for m in c.children if m.dep_ == "mark" and m.lower_ == "for"]


def _shared_toll_phrase(v: Token) -> list[Token]:
    """The phrase that tells how a toll came about, which the parser hangs on its last count
    only: "eight are killed and seven injured in an arson attack" (the killing was the
    attack too). Empty unless ``v`` is a count with none of its own and the phrase is an
    act by someone it does not name (a clash's sides, "a Russian drone attack" or "a raid
    on militants" are then the noun's own event)."""
    if v.pos_ != "VERB" or v.lemma_.lower() not in TOLL_VERBS \
            or any(c.dep_ == "prep" and c.lower_ in CASUALTY_PREPS for c in v.children):
        return []
    return [p for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in TOLL_VERBS
            for p in c.children if p.dep_ == "prep" and p.lower_ in CASUALTY_PREPS and _unnamed_acts(p)]


def _toll_acts(v: Token) -> list[Token]:
    """The acts by someone unnamed a toll verb says it came about in ("killed in a
    shooting", "killed and five injured in a knife attack"): the toll's own event."""
    if v.pos_ != "VERB" or v.lemma_.lower() not in TOLL_VERBS:
        return []
    phrases = [c for c in v.children if c.dep_ == "prep" and c.lower_ in CASUALTY_PREPS] + _shared_toll_phrase(v)
    return [o for p in phrases for o in _unnamed_acts(p)]


def _unnamed_acts(p: Token) -> list[Token]:
    """The objects of ``p`` that are acts saying someone acted and naming neither who nor
    at whom: "a shooting", "a jihadist ambush", "a knife attack" (not "a Russian drone
    attack", "an ambush by gunmen", "Israel's raids", "a raid on militants")."""
    return [o for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in PERPETRATED_WORDS
            and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "on", "against", "between", "with"))
                        or (c.dep_ in ("amod", "compound", "nmod") and (c.pos_ == "PROPN" or c.text[:1].isupper()))
                        for c in o.children)]


WITHDRAWN_FORCES = word_list("withdrawn_forces")


def _thing_object(v: Token, roles, names=None) -> bool:
    """Whether the verb's object is a thing, not people or a force: a common noun with no
    role of people, no number of them, and (given the name tokens ``names``) no state or
    body named in it: "withdrew its support", "recognized same-sex marriage"; not
    "withdrew 300 troops", "withdrew its contingent", "recognized the independence of
    Kosovo"."""
    obj = _child(v, "dobj")
    if obj is None or obj.pos_ != "NOUN" or (obj.lemma_.lower(),) in roles \
            or obj.lemma_.lower() in WITHDRAWN_FORCES or _child(obj, "nummod") is not None:
        return False
    return names is None or not any(x.i in names or (x.lemma_.lower(),) in roles for x in obj.subtree)


CAPTIVES = word_list("captive_nouns")


def _released_thing(v: Token, roles, names) -> bool:
    """Whether what a verb releases is a thing, not people: a common noun (or "thousands
    of" one) that is no role, no captive and names no state or body: "released its annual
    report", "released eight bombs", "releases water from the dam"; not "released two
    sailors", "thousands of prisoners", "a fourth hostage", "the blogger Ali Abdulemam"."""
    obj = _of_number(_child(v, "dobj"))
    if obj is None or obj.pos_ != "NOUN":
        return False
    return not any(x.i in names or (x.lemma_.lower(),) in roles or x.lemma_.lower() in CAPTIVES
                   for x in obj.subtree)


NAMING = word_list("naming_verbs")


INSULTS = word_list("insult_nouns")
INSULTING_VERBS = NAMING | {"describe"}     # "describes Israel as a threat"


def _insult(v: Token, names, roles) -> Token | None:
    """What a naming verb calls a person or body, if an insult: "called Maduro a
    dictator", "calls him a 'thug'", "describes the United States as an atomic criminal",
    "declaring Putin a war criminal", "was called a fascist" (not what it calls an act or
    a thing: "called it a terrorist attack", "calls the sanctions a threat")."""
    obj = _child(v, "dobj") or _child(v, "nsubjpass")
    clause = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp") and _child(c, "nsubj") is not None), None)
    if obj is None and clause is not None:      # "declaring [Putin a war criminal]"
        obj = _child(clause, "nsubj")
    if obj is None or not (obj.i in names or (obj.lemma_.lower(),) in roles or obj.lower_ in HE_SHE):
        return None
    preds = [c for c in v.children if c.dep_ in ("oprd", "attr")]
    preds += [c for c in obj.children if _object_predicate(c)]
    preds += [o for c in v.children if c.dep_ in ("xcomp", "ccomp") for o in (c, *c.children)
              if o.dep_ in ("attr", "xcomp", "ccomp", "oprd") or o is c]
    preds += _pobjs(v, "as")
    for n in preds:
        if n.pos_ in ("NOUN", "PROPN") and {n.lemma_.lower(), *(m.lemma_.lower() for m in n.children
                                                              if m.dep_ in ("compound", "amod"))} & INSULTS:
            return n
    return None


def _object_predicate(t: Token) -> bool:
    """What a naming verb makes its object, read by the parser as the object's apposition:
    "declared [Hezbollah] [a terrorist organisation]" (an indefinite noun after the object)."""
    return t.dep_ == "appos" and t.head.dep_ == "dobj" and t.head.head.lemma_.lower() in NAMING \
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)


def _small_clause(t: Token) -> bool:
    """An adjective the parser made a clause of its own with the verb's object as its
    subject: "found [the commander guilty]" (a verb's complement, as "found him guilty")."""
    return t.dep_ == "ccomp" and t.pos_ == "ADJ" and t.head.pos_ == "VERB" \
        and not any(c.dep_ == "neg" for c in t.children)     # (found not guilty: acquitted)


def _best(pats: list[Pattern], frame, verb: Token | None = None) -> Pattern | None:
    """The longest pattern whose words the frame holds; among equally long ones, the one
    whose words stand nearest the verb ("suspended negotiations on a trade deal" halts
    talks, 164, not trade, 163), then the first in the file."""
    best, rank = None, None
    for p in pats:
        if all(w in frame for w in p.words) and not (
                verb is not None and len(p.words) == 1 and p.words[0] in PARTICLES
                and not any(t.head.i == verb.i for t in frame[p.words[0]])):
            if best is None:
                if verb is None or not p.words:
                    return p
                best, rank, near = p, pattern_rank(p), None
            elif pattern_rank(p) != rank:
                break
            else:      # a tie, rare: only then how near the words stand
                near = _nearness(best, frame, verb) if near is None else near
                d = _nearness(p, frame, verb)
                if d < near:
                    best, near = p, d
    return best


def _nearness(p: Pattern, frame, verb: Token) -> int:
    """How far below the verb a pattern's words stand, summed over its words; a noun's
    modifier stands with it ("cut off internet access": the internet as near as access)."""
    def depth(t: Token) -> int:
        d = steps = 0
        while t.i != verb.i and steps < 8 and t.head.i != t.i:
            d += t.dep_ not in ("compound", "amod")
            t, steps = t.head, steps + 1
        return d
    return sum(min(depth(t) for t in frame[w]) for w in p.words)


# The particle of a phrasal verb pattern is the verb's own word: "gave in to the demands",
# not "were given prison sentences in Dubai"
PARTICLES = word_list("phrasal_particles")


