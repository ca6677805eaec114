"""Whether an act was done, promised, negated, imagined or only commented on.

PLOVER manual, auxiliary modes: future, hypothetical and negation. Future cooperative acts become
AGREE (manual, AGREE definition); negated and hypothetical acts are not events.
"""

from __future__ import annotations

from spacy.tokens import Token

from bilateral.nlp.tree import children, per_token
from bilateral.rules.words import word_lists
from bilateral.syntax.clause import infinitive_complement

# Word lists and code tables: data/rules/words.yaml and codes.yaml (each says why it exists).
WORDS = word_lists()
FUTURE_WRAPPERS = WORDS["future_wrappers"]
WANTING_NOUNS = WORDS["wanting_nouns"]
INTENTION_NOUNS = WORDS["intention_nouns"]
ASPECTUAL_VERBS = WORDS["aspectual_verbs"]
WILLING = WORDS["willing"]
OPAQUE_WRAPPERS = WORDS["opaque_wrappers"]
ATTEMPT_VERBS = WORDS["attempt_verbs"]
SPEECH_VERBS = WORDS["speech_verbs"]
COMMENTARY_SECTORS = WORDS["commentary_sectors"]
COMMENTATORS = WORDS["commentators"]
HYPOTHETICAL_AUX = WORDS["hypothetical_aux"]
CONDITIONAL_AUX = WORDS["conditional_aux"]
FUTURE_AUX = WORDS["future_aux"]
EXPECTATION_HEADS = WORDS["expectation_heads"]
ADJUNCT_CLAUSE_MARKS = WORDS["adjunct_clause_marks"]
OBLIGATION_AUX = WORDS["obligation_aux"]
FORECAST_VERBS = WORDS["forecast_verbs"]
CHANCE_WORDS = WORDS["chance_words"]


REFUSAL_WHEN_NEGATED = WORDS["refusal_when_negated"]
REFUSAL_CODES_WHEN_NEGATED = WORDS["refusal_codes_when_negated"]


def is_hypothetical(verb: Token) -> bool:
    aux = {c.lower_ for c in children(verb) if c.dep_ == "aux"}
    if aux & HYPOTHETICAL_AUX:
        return True
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children(verb)):
        return True  # "whether Berlin would send Taurus missiles": asked, not told
    if "would" in aux and any(
        c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in children(c)) for c in children(verb)
    ):
        return True
    # "would have set up": a counterfactual in a relative clause.
    return "would" in aux and any(c.dep_ == "aux" and c.lower_ == "have" for c in children(verb))


def is_obligation(verb: Token) -> bool:
    """"Sudan must return", "Israel should lift", "Turkey ought to withdraw", "Iraq has to
    cooperate": what someone is told to do, not an act. Not "should have withdrawn" or "must have
    known" (a reproach or a guess about the past), nor "if Russia should attack" (a condition)."""
    aux = {c.lower_ for c in children(verb) if c.dep_ == "aux"}
    head = verb.head
    if aux & OBLIGATION_AUX:
        return "have" not in aux and not any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children(verb))
    if verb.dep_ == "xcomp" and head.lower_ in OBLIGATION_AUX and head.i != verb.i:
        return True  # "Turkey ought to withdraw": the parser makes "ought" the head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in WILLING and head.head.i != head.i:
        return is_obligation(head.head)  # "the US must be ready to mediate"
    purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))
    if (verb.dep_ == "xcomp" or purpose) and head.i != verb.i and head.pos_ in {"VERB", "AUX"} and is_obligation(head):
        return True  # "should stop buying Russian gas", "should do more to protect civilians"
    return verb.dep_ == "xcomp" and head.lemma_ == "have" and head.tag_ in {"VBZ", "VBP", "VBD"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)) and not any(
        c.dep_ == "dobj" for c in children(head))


def condition_of(verb: Token) -> str | None:
    """For a promised act with a condition attached, what kind of condition: "unless" for one the
    other side must meet ("will withdraw its force unless X holds elections", "would boycott the
    talks if its demands are not met"), "if" for any other ("would meet the mediator if he gave
    them a veto", "is willing to send material if Saudi Arabia is attacked"). None when the act is
    not promised, is itself a condition, or is a counterfactual ("would have")."""
    aux = {c.lower_ for c in children(verb) if c.dep_ == "aux"}
    # "may halt its mediation if ...", "could shun Australian beef if ...": a possibility with a
    # condition attached is still a promise or a threat; "should" and "can" are not promises.
    if not (aux & (FUTURE_AUX | CONDITIONAL_AUX) or is_future(verb)) or aux & (HYPOTHETICAL_AUX - CONDITIONAL_AUX) \
            or "have" in aux:
        return None
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children(verb)):
        return None
    # The condition hangs off the promised verb or off the word that promises it ("is willing").
    heads = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    found = None
    for clause in (c for h in heads for c in children(h) if c.dep_ == "advcl"):
        marks = {c.lower_ for c in children(clause) if c.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and any(c.dep_ == "neg" for c in children(clause))):
            return "unless"
        if "if" in marks:
            found = "if"
    return found


def is_background_state(verb: Token) -> bool:
    """"has held observer status since 2015", "have maintained relations since 1992": a standing
    state told as background is a ledger fact, not an event (annotation conventions). An event noun
    that is the subject of such a clause is that standing state ("the ceasefire has held since
    November")."""
    if verb.pos_ == "NOUN" and verb.dep_ in {"nsubj", "nsubjpass"} and verb.head.i != verb.i:
        verb = verb.head
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children(verb))
    since = any(c.lower_ == "since" and c.dep_ in {"prep", "mark"} for c in children(verb))
    return perfect and since


def is_counted_from(trigger: Token) -> bool:
    """"... since Russia invaded Ukraine in 2022", "the first trip abroad since the invasion": an act
    told as the point a span of time is counted from is the story's background, not its news."""
    if trigger.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "since" for c in children(trigger))
    return trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.lower_ == "since"


INTENT_WRAPPERS = WORDS["intent_wrappers"]


def _future_tense(verb: Token) -> bool | None:
    """True for "will/would/going to" on the verb, False for none, None when the verb is a bare
    conjunct that shares its auxiliary with the verb before it ("would expand ... and deepen";
    "recalled" has its own tense)."""
    aux = {c.lower_ for c in children(verb) if c.dep_ == "aux"}
    if verb.dep_ == "conj" and not aux and verb.head.i != verb.i and verb.tag_ == "VB":
        return None
    return bool(aux & FUTURE_AUX) or "going" in aux


def is_announced(verb: Token) -> bool:
    """An act stated as intended ("will boycott", "plans to impose", "is prepared to impose")."""
    tense = _future_tense(verb)
    if tense is None:
        return is_announced(verb.head)
    if tense:
        return True
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i:
        return False
    # "prepared to resume shelling": the intent may sit one complement up.
    return head.lemma_.lower() in INTENT_WRAPPERS | WILLING or is_announced(head)


def is_prepared(verb: Token) -> bool:
    """"The army prepared to resume shelling": getting ready to use force, as an act (the verb
    "prepare", not the adjective "is prepared to", which states a readiness)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i:
        return False
    return (head.lemma_.lower() == "prepare" and head.pos_ == "VERB") or is_prepared(head)


def is_failed(verb: Token) -> bool:
    """"failed to reach agreement": the act was tried and did not happen."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail" and verb.head.i != verb.i


# How an act hangs inside a clause that tells another: as its complement, purpose or conjunct.
_INSIDE_CLAUSE_DEPS = frozenset({"xcomp", "advcl", "conj"})


def is_intended_by_noun(verb: Token) -> bool:
    """"a demand to adhere to the deal", "its plan to annex", "a demand that Israel halt its
    campaign" (or "... that it do more to fight militants": an act inside that clause): an act a
    noun names as wanted or planned, not one that happened. An attempt is an
    act ("an attempt to assassinate the governor was thwarted"): PLOVER codes attempted violence
    as violence."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of" and verb.head.head.i != verb.head.i:
        # "no intention of talking with Washington": the act is only intended (or disowned)
        return verb.head.head.lemma_.lower() in INTENTION_NOUNS
    clause = verb
    while clause.dep_ in _INSIDE_CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head  # "the demand that it do more to fight militants": inside what is wanted
    if clause.i != verb.i and clause.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that"
                                                           for c in children(clause)):
        return clause.head.lemma_.lower() in WANTING_NOUNS
    if verb.dep_ != "acl":
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in children(verb)):
        # "Moscow's demand that Ukrainian troops withdraw": what the demand wants, not what happened
        return verb.head.lemma_.lower() in WANTING_NOUNS
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)) and \
        verb.head.lemma_.lower() not in ATTEMPT_VERBS


@per_token
def is_future(verb: Token) -> bool:
    tense = _future_tense(verb)
    if tense is None:
        return is_future(verb.head)
    if tense:
        return True
    head = verb.head
    if infinitive_complement(verb) and head.lemma_.lower() in ASPECTUAL_VERBS:
        return is_future(head)  # "pledged to keep supplying", "will continue to buy": as the aspect is
    return infinitive_complement(verb) and head.lemma_.lower() in FUTURE_WRAPPERS | WILLING | {"be"}


def expectation(verb: Token) -> bool:
    """"is (not) expected to attend", "is likely to", "is unlikely to lift": a forecast, not an act."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_.lower() not in EXPECTATION_HEADS:
        return False
    # the adjective is the complement of "be" ("Washington is unlikely to lift ..."), the participle
    # carries its own "is" or passive auxiliary ("is expected to attend")
    return (head.dep_ == "acomp" and head.head.lemma_.lower() == "be") or any(
        c.dep_ == "auxpass" or c.lower_ in {"is", "are", "was", "were"} for c in children(head)
    )


def forecast_noun(noun: Token) -> bool:
    """An event noun told as a forecast, a plan or a chance rather than as something that
    happened: the subject of a clause that is hypothetical or still to come ("talks *could
    resume*", "a summit *would be* the first"), that plans or expects it ("a meeting *is
    planned*"), or that weighs its chance ("a deal *is unlikely*", "*was still far off*"); or
    what a forecast is of ("diplomats *expect* a meeting", "*hope for* talks")."""
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.head.i == noun.i:
        return False
    head = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        aux = {c.lower_ for c in children(head) if c.dep_ in {"aux", "auxpass"}}
        # "would be the first": what would happen; "will take effect" tells what is decided
        return bool(aux & (HYPOTHETICAL_AUX | {"would"})) or is_hypothetical(head) or (
            # "is planned", "are expected": a plan still to come ("was planned for months" was carried out)
            noun.dep_ == "nsubjpass" and head.lemma_.lower() in FORECAST_VERBS and not aux & {"was", "were"}) or any(
            c.dep_ in {"acomp", "advmod"} and c.lemma_.lower() in CHANCE_WORDS for c in children(head))
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.i != head.i:
        head = head.head  # "hope for talks"
    elif noun.dep_ != "dobj":
        return False
    return head.lemma_.lower() in FORECAST_VERBS


def _gerund_complement(gerund: Token) -> bool:
    """A gerund the parser hung as an adverbial clause right after its verb (and particle): the
    verb's complement ("never ruled out *using* force"), not an act told alongside it."""
    head = gerund.head
    return head.i < gerund.i and all(t.dep_ == "prt" and t.head.i == head.i for t in head.doc[head.i + 1:gerund.i])


def governing_wrapper(verb: Token) -> Token | None:
    """The verb whose complement this act is, if that verb makes the act opaque."""
    tok = verb
    while tok.dep_ in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "conj", "advcl"} and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and not _gerund_complement(tok):
            return None  # "demanded ..., warning that ...": an act of its own alongside, not a complement
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ADJUNCT_CLAUSE_MARKS for c in children(tok)):
            return None  # "warned Washington ... after American bombers struck": told as the occasion, an act
        if tok.dep_ == "conj" and tok.head.dep_ == "ROOT" and tok.head.lemma_.lower() in OPAQUE_WRAPPERS:
            return None  # "accused X of piracy and demanded ...": coordinated with it, not inside it
        clause = tok.dep_
        if clause == "ccomp" and tok.i < tok.head.i and tok.head.lemma_.lower() not in SPEECH_VERBS:
            return None  # "Somalia recalls envoy, rejects deal": a clause before its verb is no complement
        if clause == "prep" and tok.i < tok.head.i and tok.head.pos_ in {"VERB", "AUX"}:
            return None  # "In a call with Putin, Macron urged him ...": a phrase before its verb frames it
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS and clause == "ccomp":
            return None  # "..., a court was told": a finite clause under "tell" is reported speech
        if tok.pos_ == "VERB" and tok.lemma_.lower() in OPAQUE_WRAPPERS:
            return tok
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS:
            return None
    return None
