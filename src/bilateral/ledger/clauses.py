"""Who and what a ledger sentence is about: a fact's subject, the states and organizations around
it, the story's pair, and whether its clause tells a standing state (for `ledger.extractor`)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from bilateral.actors.resolve import ActorResolver
from bilateral.ledger.dating import told_as_background
from bilateral.model import Actor
from bilateral.nlp.tree import children, sentence_at
from bilateral.rules.words import word_lists
from bilateral.syntax import accompanying, clause_verb, pobjs
from bilateral.syntax import subject as syntax_subject

WORDS = word_lists()
DECIDING_VERBS = WORDS["deciding_verbs"]


def broke_with_states(token: Token, resolver: ActorResolver) -> list[tuple[str, str]]:
    """"Managua broke with Taipei": a state breaking with a state severs relations."""
    subj = subject(token)
    if subj is None or unfulfilled(token):
        return []
    sources = [a for a in resolver.actors_of(subj) if a.kind == "state"]
    others = [a for p in pobjs(token, "with") for a in resolver.actors_of(p) if a.kind == "state"]
    return [(s.code, o.code) for s in sources for o in others if s.code != o.code]


def companions(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """States that take part in the change beside its subject: "joined the Commonwealth alongside
    Togo", "cut ties with Qatar together with Saudi Arabia"."""
    phrases = [p for c in children(verb) if c.dep_ in {"prep", "advmod"} for p in accompanying(c)]
    return [a for p in phrases for a in resolver.actors_of(p) if a.kind in {"state", "person"}]


def in_principle(verb: Token) -> bool:
    """"had been approved in principle": agreed to, not yet done."""
    return any(t.lower_ == "principle" for t in pobjs(verb, "in"))


def unfulfilled(verb: Token) -> bool:
    """A to-infinitive that is wanted or asked for, not a decision taken."""
    if verb.dep_ == "conj" and verb.tag_ != "VB":  # "to recognise Beijing and cut ties": the first verb's
        verb = verb.head
    return to_infinitive(verb) and verb.head.lemma_.lower() not in DECIDING_VERBS


def _told_states(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """The states a clause of telling says the change to ("informed Taipei that it was severing
    relations", "told Washington it would cut ties"): the object of the verb the change is the
    complement of."""
    clause = clause_verb(verb)
    if clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return []
    return [a for c in children(clause.head) if c.dep_ in {"dobj", "dative"}
            for a in resolver.actors_of(c) if a.kind in {"state", "person"}]


def story_pair(token: Token, resolver: ActorResolver, given: list[Actor]) -> list[tuple[str, str]]:
    """The two states the story is about, as far as its sentence: the two named most often
    (by name, capital or leader), one of them `given` when there is one; none when the story names
    fewer than two, or when a third is named as often as the second (no one pair stands out)."""
    if given:
        # "Tegucigalpa said it had informed Taipei that it was severing relations": the state
        # told of the change is the other party.
        told = [a.code for a in _told_states(token, resolver) if a.code != given[0].code]
        if len(set(told)) == 1:
            return [(given[0].code, told[0])]
    end = sentence_at(token.doc, token.i).end
    counts: dict[str, int] = {}
    for m in resolver.mentions:
        if m.start < end and m.form != "pair":
            for a in m.actors:
                if a.kind in {"state", "person"}:
                    counts[a.code] = counts.get(a.code, 0) + 1
    ranked = sorted(counts, key=lambda code: -counts[code])
    if given:
        others = [c for c in ranked if c != given[0].code]
        if not others or len(others) > 1 and counts[others[0]] == counts[others[1]]:
            return []
        return [(given[0].code, others[0])]
    if len(ranked) < 2 or len(ranked) > 2 and counts[ranked[1]] == counts[ranked[2]]:
        return []
    return [(ranked[0], ranked[1])]


def organization_left(verb: Token, resolver: ActorResolver) -> bool:
    """Whether a verb of leaving has an organization for what is left: its object ("quit OPEC") or
    the object of "from" or "out of" ("withdrew from the ICC", "pulled out of ECOWAS")."""
    slots = [c for c in children(verb) if c.dep_ == "dobj"] + pobjs(verb, ("from", "of"))
    slots += [p for c in children(verb) if c.dep_ in {"prt", "prep", "advmod"} and c.lower_ == "out"
              for p in pobjs(c, ("of",))]
    return any(a.kind == "organization" for t in slots for a in resolver.actors_of(t, place_fallback=False))


def organization_before(token: Token, resolver: ActorResolver) -> list[Actor]:
    """The organization the story has just named, for a membership told without one ("Belarus
    joined the SCO on Thursday. Minsk had been an observer since 2015"): the last one mentioned
    before the sentence, or none."""
    end = sentence_at(token.doc, token.i).start
    found = [a for m in resolver.mentions if m.start < end for a in m.actors if a.kind == "organization"]
    return found[-1:]


def recognition_switch_parties(token: Token, resolver: ActorResolver, prep: str) -> list[Actor]:
    return [a for p in pobjs(token, prep) for a in resolver.actors_of(p) if a.kind == "state"]


def in_place_phrase(token: Token, top: Token) -> bool:
    """Whether `token`, inside the phrase headed by `top`, names where something happens ("talks
    with Ukraine in Luxembourg"): the object of "in" or "at" on the way up to `top`."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in {"in", "at"}:
            return True
        token = token.head
    return False


def to_infinitive(verb: Token) -> bool:
    """"voted to leave", "decided to quit": a change decided or wanted, not yet made."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))


def mention_actors(token: Token, resolver: ActorResolver) -> list[Actor]:
    m = resolver.mention_at(token)
    return m.actors if m is not None and m.start == token.i else []


def canonical(words: list[str], head_lemma: str, head: Token) -> str:
    words = [w for w in words if w not in {"a", "the"}]
    if "all-weather" in words:
        words = ["all-weather"] + [w for w in words if w != "all-weather"]
    noun = "partnership" if head_lemma in {"partner", "partnership"} else head_lemma
    tail = []
    for t in head.doc[head.i + 1 : head.i + 7]:
        tail.append(t.lower_)
        joined = " ".join(tail)
        # "for the new era" and "in the new era" are translations of "for a new era".
        era = _NEW_ERA.fullmatch(joined)
        if era:
            return " ".join([*words, noun, f"{era.group(1) or ''}for a new era"])
    return " ".join([*words, noun])


_NEW_ERA = re.compile(r"(of coordination )?(?:for|in) (?:a|the) new era")


def pairs(actors: list[Actor]) -> list[tuple[str, str]]:
    codes = list(dict.fromkeys(a.code for a in actors))
    return [(codes[i], codes[j]) for i in range(len(codes)) for j in range(i + 1, len(codes))][:3]


def subject(verb: Token) -> Token | None:
    """The subject of a fact's clause: also a proper noun the parser left as a modifier, the noun a
    relative clause describes, and the subject of the clause above a participle or complement."""
    return syntax_subject(verb, climb=_SUBJECT_CLIMB, misparsed=True, relative=True, through_acl=True)


_SUBJECT_CLIMB = frozenset({"xcomp", "conj", "advcl", "relcl"})


def stative(token: Token, stative_verbs: frozenset[str]) -> bool:
    """A standing state, or an act told as background ("had previously applied"): its sentence's
    date, if any, is the fact's; the publication date is not."""
    verb = clause_verb(token)
    if verb.lemma_.lower() in stative_verbs or told_as_background(verb):
        return True
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in children(verb)) or any(
        c.lower_ in {"previously", "already", "earlier"} for c in children(verb) if c.dep_ == "advmod")


def with_someone(verb: Token, obj: Token) -> bool:
    """The relations are said to be with someone ("cut ties with Qatar"), named or not."""
    return any(c.dep_ == "prep" and c.lower_ == "with" for t in (verb, obj) for c in children(t))


def describes_subject(verb: Token) -> bool:
    """"became the first country to leave the court": an infinitive that describes what the
    subject became or is tells the subject's act, not a plan."""
    return verb.dep_ == "relcl" and verb.head.dep_ == "attr"
