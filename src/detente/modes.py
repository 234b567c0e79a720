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

MODALS = frozenset({"can", "could", "may", "might", "will", "would", "shall", "should", "must", "ought",
                    "'ll", "'d", "wo", "ca", "sha", "need"})
# Heads whose complement is not (yet) a fact.
HYPOTHETICAL_HEADS = frozenset("""want plan hope expect intend seek aim wish threaten promise pledge vow offer
propose agree urge ask call demand need consider prepare try attempt ready willing able likely unlikely set
poised due eager keen determined going order request appeal press push encourage invite persuade convince
mull weigh discuss debate suggest recommend advise insist condition prefer mean decide resolve vote
effort efforts attempt bid plan plans proposal demand demands call calls threat threats offer chance
opportunity possibility readiness willingness ability capacity need request appeal hope hopes pressure
commitment pledge promise intention desire move way option would expectation expectations fear fears
risk danger prospect prospects idea talk claim allege suspect believe think rumor rumour
speculate possible impossible unclear uncertain doubtful hard difficult""".split())
NEGATING_HEADS = frozenset("""refuse fail decline deny avoid prevent stop cease halt block reject rule
forbid prohibit ban oppose resist""".split())
# Heads whose complement did happen: "managed to", "continued to", "began to".
IMPLICATIVE = frozenset("""manage continue begin start resume keep proceed go happen help allow let dare
remember use get""".split())
INTENT_HEADS = frozenset("""plan intend seek aim prepare pledge promise vow want wish offer agree decide
hope resolve commit willing ready prepared determined eager keen set poised""".split())
FUTURE = frozenset({"will", "shall", "'ll"})
SPEECH = frozenset("""say tell announce state add report declare insist claim confirm write note reiterate
conclude stress""".split())
# Intended or announced action -> the CAMEO code of the stated intention (root 03 for
# cooperation, root 13 for conflict): longest prefix of the action's code first.
INTENT_CODES = {
    "04": "036", "046": "036", "045": "039", "05": "032", "057": "032", "06": "031", "061": "0311",
    "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331", "072": "0332",
    "073": "0333", "074": "0334", "08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353",
    "085": "0354", "086": "0355", "087": "0356", "14": "133", "15": "138", "16": "131", "161": "1313",
    "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136", "17": "130", "172": "132",
    "1723": "1323", "1724": "1324", "191": "1381", "192": "1382", "18": "1383", "19": "1384",
    "20": "1383", "204": "1385", "2041": "1385", "2042": "1385",
}


REFUSING = frozenset({"refuse", "decline", "fail", "reject", "balk"})
# Refused or failed action -> the CAMEO code of the rejection (root 12).
REFUSAL_CODES = {
    "03": "120", "04": "125", "05": "127", "057": "127", "06": "121", "061": "1211", "062": "1212",
    "063": "1213", "064": "1214", "07": "122", "071": "1221", "072": "1222", "073": "1223",
    "074": "1224", "08": "124", "083": "123", "0831": "1231", "084": "1243", "0841": "1243",
    "0842": "1243", "085": "1244", "086": "1245", "087": "1246",
}


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
        if any(c.dep_ == "neg" for c in kids) or conditional(node):
            return None
        modals = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in MODALS)}
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
            node = h
            continue
        break
    return head_found


def future(t: Token) -> bool:
    """Will/shall on the verb, or would in reported speech."""
    modals = {c.lower_ for c in t.children if c.dep_ == "aux" and c.tag_ == "MD"}
    return bool(modals & FUTURE) or ("would" in modals and t.dep_ == "ccomp"
                                     and t.head.lemma_.lower() in SPEECH)


def mode_of(t: Token, noun: Token | None = None, ignore_future: bool = False) -> str:
    """asserted, negated or hypothetical (see the module docstring). With
    ``ignore_future``, "will" on the trigger itself does not count: the mode of the
    clause that states an intention. ``noun`` is the event noun of a support verb."""
    if negated(t) or (noun is not None and negated(noun)):
        # "should not attack", "may not meet": a norm or a possibility, not a fact
        return "hypothetical" if has_modal(t, except_future=True) else "negated"
    node = t
    for _ in range(12):
        first = node.i == t.i
        if has_modal(node, ignore_future and first) or conditional(node):
            return "hypothetical"
        head = node.head
        if head.i == node.i:
            return "asserted"
        dep, hl = node.dep_, head.lemma_.lower()
        # an infinitive is the content of a plan, purpose or wish, unless its head says it
        # happened ("managed to", "continued to")
        if node.pos_ in ("VERB", "AUX") and infinitive(node) and hl not in IMPLICATIVE:
            return "negated" if first and hl in NEGATING_HEADS else "hypothetical"
        # the content of a demand, offer, threat, refusal, fear ...
        if dep in ("xcomp", "ccomp", "pcomp", "acl", "dobj", "pobj", "prep") or \
                (dep == "advcl" and head.pos_ == "ADJ"):   # "unlikely that the Taliban will ..."
            if hl in NEGATING_HEADS and dep in ("xcomp", "pcomp", "dobj"):
                return "negated" if first or dep == "xcomp" else "hypothetical"
            if hl in HYPOTHETICAL_HEADS:
                return "hypothetical"
        if negated(head) and dep in ("xcomp", "ccomp", "pcomp", "dobj") and node.pos_ == "VERB":
            return "hypothetical"
        if dep == "ccomp" and any(c.dep_ == "acomp" and c.lemma_.lower() in HYPOTHETICAL_HEADS
                                  for c in head.children):
            return "hypothetical"   # "it is unlikely that ...", "it is possible that ..."
        node = head
    return "asserted"


def negated(t: Token) -> bool:
    for c in t.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ in ("no", "neither"):
            return True
    return False


def has_modal(t: Token, except_future: bool = False) -> bool:
    for c in t.children:
        if c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in MODALS):
            if except_future and (c.lower_ in FUTURE or c.lower_ == "would"):
                continue
            return True
        if c.dep_ == "aux" and c.lower_ in ("going", "gon"):
            return True
    # "is going to attack": going is the head verb with xcomp
    if t.dep_ == "xcomp" and t.head.lower_ == "going":
        return True
    return False


def conditional(t: Token) -> bool:
    """A clause under "if"/"unless", or the main clause of such a condition."""
    for c in t.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "lest"):
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            return True
    return False


def infinitive(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
