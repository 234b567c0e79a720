"""Mode: is an event asserted, negated or only hypothetical? And the speech acts that
statements about actions are: announcing one is an intent (CAMEO 03, or 13 for force),
refusing one a rejection (CAMEO 12).

``negated`` when the trigger itself is negated ("did not attack", "no agreement",
"refused to meet"); ``hypothetical`` when it sits under a modal, a condition (inside an
"if" clause or its main clause), a question, an infinitive of purpose or plan, or inside
what is demanded, offered, threatened, feared, claimed or expected; else ``asserted``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .dictionaries import code_map, word_list

# The word lists live in data/grammar/words.txt, the code tables in data/events.
MODALS = word_list("modals")
HYPOTHETICAL_HEADS = word_list("hypothetical_heads")   # heads whose complement is not (yet) a fact
NEGATING_HEADS = word_list("negating_heads")
DENYING = word_list("denying_heads")                   # "denies that it attacked": contested
FACT_PREPS = word_list("fact_preps")                   # "after the attack": it happened
RESPONDING = word_list("responding_verbs")             # "to address the incursion": it happened
RESPONDING_NOUNS = word_list("responding_nouns")
HEDGES = word_list("hedging_modifiers")                # "alleged abuses", "a possible ceasefire"
UNREAL = word_list("unreal_modifiers")                 # "a possible invasion": not (yet) a fact
IMPLICATIVE = word_list("implicative_heads")           # "managed to", "continued to": it happened
VOTING = word_list("voting_heads")                     # "the Senate votes to ratify the treaty" ...
VOTED_ACTS = word_list("acts_done_by_vote")            # ... ratified it: the vote is the act
INTENT_HEADS = word_list("intent_heads")
READY_HEADS = word_list("ready_heads")
INTENT_NOUNS = word_list("intent_nouns")
ANNOUNCING = word_list("announcing_verbs")
FUTURE = word_list("future")
LIKELIHOOD = word_list("likelihood_adverbs")
GOING_TO = word_list("going_to")
SPEECH = word_list("speech_verbs")
NEGATING_DETERMINERS = word_list("negating_determiners")
NOBODY = word_list("negating_pronouns")              # "nobody was arrested"
DONE_WITH_NO = word_list("done_with_no")              # "votes no confidence": done
CONDITIONAL_MARKS = word_list("conditional_marks")
CONDITION_MARKS = word_list("condition_marks")
# Intended or announced action -> the CAMEO code of the stated intention (root 03 for
# cooperation, root 13 for conflict): longest prefix of the action's code first.
INTENT_CODES = code_map("intent_codes")
REFUSING = word_list("refusing_heads")
# Refused or failed action -> the CAMEO code of the rejection (root 12).
REFUSAL_CODES = code_map("refusal_codes")


def refusal_code(code: str) -> str | None:
    """The code of refusing to do ``code`` (None for conflictual actions, whose refusal
    CAMEO does not code as a rejection)."""
    for k in (code, code[:3], code[:2]):
        if k in REFUSAL_CODES:
            return REFUSAL_CODES[k]
    return None


def intent_code(code: str) -> str | None:
    """The code of announcing or pledging the action ``code`` (None when CAMEO has no
    intent for it: statements, appeals, demands, accusations, rejections)."""
    if code[:2] in ("03", "13"):
        return code
    for k in (code, code[:3], code[:2]):
        if k in INTENT_CODES:
            return INTENT_CODES[k]
    return None


def intent_head(t: Token) -> Token | None:
    """The word that states an intention to do ``t``: "will visit" (t itself), "pledged
    to expel", "is ready to talk", "said they would boycott"; None when the action is
    only possible, conditional, negated or demanded of someone else."""
    node = t
    head_found = None
    for _ in range(6):
        kids = list(node.children)
        if any(c.dep_ == "neg" for c in kids):
            return None
        if conditional(node) and not _readiness(node, t):
            return None   # (but "ready to assist Belarus if necessary": a readiness stated, on a condition)
        modals = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in MODALS)}
        if modals and any(c.dep_ == "advmod" and c.lower_ in LIKELIHOOD for c in kids):
            return None   # "will likely discuss", "will probably appeal": a forecast, no intent stated
        if modals:
            if modals <= FUTURE or (modals == {"would"} and node.dep_ == "ccomp"
                                    and node.head.lemma_.lower() in SPEECH):
                head_found = head_found or node
            else:
                return None
        if (node.dep_ in ("xcomp", "conj", "acomp", "attr") or (node.dep_ == "advcl" and infinitive(node))) \
                and node.head.i != node.i:
            h = node.head
            if head_found is None and h.lemma_.lower() in INTENT_HEADS:
                head_found = h
            if head_found is None and node.dep_ == "advcl" and h.lemma_.lower() == "be":
                # "X has been willing, with Y, to explore ...": the parser hangs the
                # infinitive on the copula beside the adjective that states the intent
                head_found = next((c for c in h.children if c.dep_ == "acomp"
                                   and c.lemma_.lower() in INTENT_HEADS), None)
            node = h
            continue
        announced = announced_intent(node)
        if announced is not None:
            # "expressed readiness to meet X", "announced its intention to withdraw"
            return head_found or announced
        break
    return head_found


def _readiness(node: Token, t: Token) -> bool:
    """Whether ``node``, on the way up from the action ``t``, states a readiness to do it
    (the action itself under "ready", the adjective, or the copula it hangs on): what a
    condition then qualifies is the readiness, which is stated all the same."""
    if node.lemma_.lower() in READY_HEADS:
        return True
    if node.i == t.i:
        return node.dep_ == "xcomp" and node.head.lemma_.lower() in READY_HEADS
    return node.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in READY_HEADS
                                               for c in node.children)


def announced_intent(t: Token) -> Token | None:
    """The verb that announces an intention noun whose infinitive ``t`` is: "expressed
    [readiness] to meet", "states his [intention] to invite" -> expressed, states."""
    noun = t.head
    if t.dep_ != "acl" or not infinitive(t) or noun.lemma_.lower() not in INTENT_NOUNS or noun.dep_ != "dobj":
        return None
    verb = noun.head
    return verb if verb.lemma_.lower() in ANNOUNCING else None


def future(t: Token) -> bool:
    """Will/shall on the verb, or would in reported speech."""
    modals = {c.lower_ for c in t.children if c.dep_ == "aux" and c.tag_ == "MD"}
    return bool(modals & FUTURE) or ("would" in modals and t.dep_ == "ccomp"
                                     and t.head.lemma_.lower() in SPEECH)


def mode_of(t: Token, noun: Token | None = None, ignore_future: bool = False) -> str:
    """asserted, negated or hypothetical (see the module docstring). With
    ``ignore_future``, "will" on the trigger itself does not count: the mode of the
    clause that states an intention. ``noun`` is the event noun of a support verb."""
    mode = _mode_of(t, noun, ignore_future)
    if mode == "asserted" and t.pos_ == "NOUN" and any(
            c.dep_ in ("amod", "compound") and (c.lower_ in UNREAL or c.lemma_.lower() in UNREAL) for c in t.children):
        return "hypothetical"    # "anticipating a possible invasion" (but "cancelled a planned visit": negated)
    return mode


def _mode_of(t: Token, noun: Token | None, ignore_future: bool) -> str:
    if negated(t) or _done_by_nobody(t) or (noun is not None and negated(noun)):
        # "should not attack", "may not meet": a norm or a possibility, not a fact
        return "hypothetical" if has_modal(t, except_future=True) else "negated"
    if _responded_to(t):
        return "asserted"
    node = prev = t
    for _ in range(12):
        first = node.i == t.i
        if has_modal(node, ignore_future and first) or (conditional(node) and not (
                t.lemma_.lower() in READY_HEADS and _readiness(node, t))):
            return "hypothetical"   # (a readiness stated on a condition is stated: "willing to talk if ...")
        if not first and prev.dep_ == "relcl" and _responded_to(node):
            return "asserted"     # "the attack on its embassy, which killed ...": as the attack
        prev = node
        head = node.head
        if head.i == node.i:
            # a root infinitive is a misread plan: "the leaders of A and B plan to sign"
            # with "plan" taken for a noun
            to = next((c for c in node.children if c.dep_ == "aux" and c.tag_ == "TO"), None)
            if node.pos_ in ("VERB", "AUX") and to is not None and to.i > 0 and t.i != to.i - 1 \
                    and node.doc[to.i - 1].lemma_.lower() in HYPOTHETICAL_HEADS:
                return "hypothetical"
            return "asserted"
        dep, hl = node.dep_, head.lemma_.lower()
        if dep == "ccomp" and node.i < head.i and any(
                x.lower_ == ";" for x in node.doc[max(node.right_edge.i, node.i) + 1:head.i]):
            return "asserted"   # a clause before a semicolon stands alone: "X attacked Y; Z claimed ..."
        if (dep == "prep" and node.lower_ in FACT_PREPS) or (dep == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in FACT_PREPS for c in node.children)):
            # "votes on amendments after the president accuses MPs": what an "after" or
            # "amid" phrase tells happened, unless the clause it hangs on is still to come
            return "hypothetical" if has_modal(head) or conditional(head) else "asserted"
        if dep in ("nsubj", "nsubjpass") and node.pos_ in ("NOUN", "PROPN") and hl in HYPOTHETICAL_HEADS \
                and any(c.dep_ == "xcomp" and infinitive(c) for c in head.children):
            return "hypothetical"   # "talks are expected to begin", "a summit is set to take place"
        # an infinitive is the content of a plan, purpose or wish, unless its head says it
        # happened ("managed to", "continued to")
        if hl in VOTING and (head.pos_ == "VERB" or head.dep_ == "ROOT") and infinitive(node) \
                and node.lemma_.lower() in VOTED_ACTS:
            node = head      # "the Senate votes to ratify the treaty": as the vote is
            continue
        if node.pos_ in ("VERB", "AUX") and infinitive(node) and (hl not in IMPLICATIVE or head.pos_ != "VERB"):
            # ("used drones to strike" happened; "approves the use of missiles to strike" not yet)
            # a purpose is no complement: "refused to meet" did not happen, while "blocked
            # roads to protest" tells what the blocking was for
            return "negated" if first and hl in NEGATING_HEADS and mode_of(head) == "asserted" \
                and dep != "advcl" else "hypothetical"
        if dep == "ccomp" and hl in DENYING:
            return "hypothetical"   # "denies (that) it supplied drones"
        if dep in ("pcomp", "pobj") and node.tag_ == "VBG" and node.pos_ == "VERB" and hl == "against":
            return "hypothetical"   # "ruled against extraditing him", "warned against arming them"
        # the content of a demand, offer, threat, refusal, fear ...
        if dep in ("xcomp", "ccomp", "pcomp", "acl", "dobj", "pobj", "prep") or \
                (dep == "advcl" and head.pos_ == "ADJ"):   # "unlikely that the Taliban will ..."
            if hl in NEGATING_HEADS and (dep in ("xcomp", "pcomp", "dobj")
                                         or (dep == "prep" and (node.lower_ == "of" or (
                                             node.lower_ == "from" and t.head.i == node.i)))):
                # ("prevented from visiting", "barred from entering": not done; only the
                # act itself, not whatever the parser hangs below it)
                # "refused to meet" did not happen; "demanded that X cancel the deal" may yet
                return "negated" if (first or dep == "xcomp") and mode_of(head) == "asserted" else "hypothetical"
            if hl in HYPOTHETICAL_HEADS:
                return "hypothetical"
        if negated(head) and dep in ("xcomp", "ccomp", "pcomp", "dobj") and node.pos_ == "VERB":
            return "hypothetical"
        if dep == "ccomp" and any(c.dep_ == "acomp" and c.lemma_.lower() in HYPOTHETICAL_HEADS
                                  for c in head.children):
            return "hypothetical"   # "it is unlikely that ...", "it is possible that ..."
        node = head
    return "asserted"


def _responded_to(t: Token) -> bool:
    """An event noun that something responds to happened, whatever the response's own
    mode: "a meeting to address the Turkish incursion", "vowed to avenge the killing" (but
    not "to investigate alleged abuses", "to discuss a possible ceasefire")."""
    if t.pos_ != "NOUN" or any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in t.children):
        return False
    head = t.head
    if t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("to", "against", "for", "over", "on"):
        head = head.head     # "responded to the attack", "protested against the incursion"
    elif t.dep_ != "dobj":
        return False
    if not ((head.lemma_.lower() in RESPONDING and head.pos_ == "VERB")
            or (head.lemma_.lower() in RESPONDING_NOUNS and head.pos_ == "NOUN")):
        return False      # (nor "decided on a response to the attack on its embassy": it happened)
    return not any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in HEDGES for c in t.children)


def negated(t: Token) -> bool:
    for c in t.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(x.dep_ == "neg" for x in c.children):
            return True     # "no longer recognizes the government": not (any more)
        if c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS:
            return True
    return False


def _done_by_nobody(t: Token) -> bool:
    """A verb whose subject or object says it was not done: "no perpetrators were
    arrested", "nobody claimed it", "arrested no one", "signed no agreement" (but "votes
    no confidence")."""
    return t.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and (
            c.lower_ in NOBODY or (c.dep_ != "dobj" or c.lemma_.lower() not in DONE_WITH_NO)
            and any(d.dep_ == "det" and d.lower_ in NEGATING_DETERMINERS for d in c.children))
        for c in t.children)


def has_modal(t: Token, except_future: bool = False) -> bool:
    for c in t.children:
        if c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in MODALS):
            if except_future and (c.lower_ in FUTURE or c.lower_ == "would"):
                continue
            return True
        if c.dep_ == "aux" and c.lower_ in GOING_TO:
            return True
    # "is going to attack": going is the head verb with xcomp
    if t.dep_ == "xcomp" and t.head.lower_ == "going":
        return True
    return False


def conditional(t: Token) -> bool:
    """A clause under "if"/"unless", or the main clause of such a condition."""
    for c in t.children:
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
            return True
    return False


def infinitive(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
