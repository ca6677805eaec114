"""Where the slot rules (`data/rules/slots.yaml`) look for actors: the words a rule may pick
around a verb, and the actors those words name. Each function answers one question about the
parse through the syntax layer; the rules say which is asked, in which clause shape, and in which
order. (`bilateral.rules.slots` applies them.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.events.lexicon import Slot
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree
from bilateral.rules.words import word_lists

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver

OWN_PRONOUNS = frozenset({"its", "their", "his", "her"})
PURPOSE_CLAUSE_DEPS = frozenset({"xcomp", "advcl"})
UNDER_PURPOSE_DEPS = frozenset({"advcl", "ccomp", "xcomp"})
PURPOSE_OBJECT_DEPS = frozenset({"dobj", "nsubj"})
PURPOSE_LIMIT = 2  # whom a purpose names is its object and what is coordinated with it, not a list
HYPOTHETICAL_AUX = word_lists()["hypothetical_aux"]  # data/rules/words.yaml


def unique_actors(actors: Iterable[Actor]) -> list[Actor]:
    """The actors in order, one per code."""
    out: list[Actor] = []
    for actor in actors:
        if all(a.code != actor.code for a in out):
            out.append(actor)
    return out


def slot_actors(slots: Iterable[Slot], head: Token, objects: list[Token], resolver: ActorResolver,
                own: frozenset[str] = frozenset()) -> list[Actor]:
    """The actors of the first slot that names any. `own`: the source's codes, which a
    possessive pronoun naming the source itself does not make a recipient ("froze its
    participation in the CSTO": the CSTO, by the next slot)."""
    for slot in slots:
        found: list[Actor] = []
        if slot.kind == "obj":
            # The first object that names an actor: "designated Kenya a major non-NATO ally".
            for obj in objects:
                found = resolver.actors_of(obj)
                if found:
                    break
        elif slot.kind == "dative":
            found = [a for c in children(head) if c.dep_ in {"dative", "iobj"} for a in resolver.actors_of(c)]
        elif slot.kind == "poss":
            # The owner of the object: "Iran's demand", "Ukrainian navy vessels".
            found = [a for obj in objects or [head] for c in children(obj)
                     if c.dep_ in {"poss", "amod", "compound", "nmod"} for a in resolver.actors_of(c)
                     if not (c.lower_ in OWN_PRONOUNS and a.code in own)]
        elif slot.kind in {"amod", "compound"}:
            found = [a for c in children(head) if c.dep_ in {"amod", "compound", "nmod"}
                     for a in resolver.actors_of(c)]
        elif slot.kind == "prep":
            found = [a for pobj in syn.prep_objects(head, objects, slot.prep or "") for a in resolver.actors_of(pobj)]
        if found:
            return found
    return []


def preps_below(heads: list[Token], preps: frozenset[str], resolver: ActorResolver) -> list[Actor]:
    """The objects of `preps` anywhere inside each head but on the head itself ("signed
    agreements normalising relations with Israel": the "with" inside the object)."""
    return [a for head in heads for t in subtree(head) if t.dep_ == "prep" and t.lower_ in preps and t.i != head.i
            for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]


def opponents(heads: list[Token], preps: frozenset[str], nouns: frozenset[str], resolver: ActorResolver) -> list[Actor]:
    """The other side of a fight told in the clause: the objects of the first of `preps` on one
    of `nouns` inside the heads ("soldiers were killed in a clash with Chinese troops")."""
    for head in heads:
        for t in subtree(head):
            if t.dep_ == "prep" and t.lower_ in preps and t.head.lemma_.lower() in nouns:
                return [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
    return []


@dataclass
class Victim:
    """One victim an act of force or repression hits whose own words name no country, so that it
    takes the sentence's (what the `victim` rules of data/rules/slots.yaml look at): the actor,
    the act's sources' codes and the place the clause names, if any."""

    actor: Actor
    source_codes: list[str]
    place: Actor | None


def victims(heads: list[Token], verb: Token, resolver: ActorResolver, source_codes: list[str],
            drops: Callable[[Victim], bool]) -> list[Actor]:
    """Who an act of force or repression hits: the objects' actors. Victims with no country of
    their own ("killing five people") take the sentence's, which may be the attacker's own; those
    `drops` says of (the `victim` rules) are left out."""
    out: list[Actor] = []
    for obj in heads:
        named = resolver.actors_of(obj, place_fallback=False)
        if named:
            out += named
            continue
        place = resolver.clause_location(verb)
        out += [a for a in resolver.actors_of(obj) if not drops(Victim(a, source_codes, place))]
    return out


def purpose_objects(verb: Token, resolver: ActorResolver, verbs: frozenset[str] = frozenset()) -> list[Actor]:
    """Whom the verb's purpose names: the objects and subjects of its "to"-clauses and of the
    clauses under them ("used tear gas to disperse the protesters", "to stop farmers marching"),
    at most PURPOSE_LIMIT. With `verbs`, only the to-clauses of those verbs count ("sent warships
    *to deter* Iran", not "to protect Israel")."""
    purposes = [c for c in children(verb) if c.dep_ in PURPOSE_CLAUSE_DEPS and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in children(c)) and (not verbs or c.lemma_.lower() in verbs)]
    clauses = purposes + [g for c in purposes for g in children(c) if g.dep_ in UNDER_PURPOSE_DEPS]
    return [a for c in clauses for o in children(c) if o.dep_ in PURPOSE_OBJECT_DEPS
            for a in resolver.actors_of(o)][:PURPOSE_LIMIT]


# What tells the occasion of an act: an adverbial clause of time or cause ("*as* Chinese warplanes
# crossed the line"), a phrase of what it follows ("*after* a standoff with China", "*amid* a
# dispute with France"), and whom its to-clause addresses ("to send a message *to* Iran").
OCCASION_MARKS = frozenset({"after", "as", "because", "when", "while"})
OCCASION_PREPS = frozenset({"after", "amid", "amidst", "following", "over"})


def occasion_actors(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """Whom the occasion of the verb's act names, in the first place that names anyone: the
    subject of an adverbial clause of time or cause, the actors inside a phrase of what the act
    follows, or the objects of "to" in its to-clause (a show of force "to send a message to
    Iran")."""
    for c in children(verb):
        found: list[Actor] = []
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in OCCASION_MARKS for m in children(c)):
            found = [a for s in children(c) if s.dep_ in {"nsubj", "nsubjpass"} for a in resolver.actors_of(s)]
        elif c.dep_ == "prep" and c.lower_ in OCCASION_PREPS:
            found = [a for p in children(c) if p.dep_ in {"pobj", "pcomp"} for t in subtree(p)
                     if (m := resolver.mention_at(t)) is not None and m.start == t.i
                     for a in m.actors if a.kind != "place"]
        elif c.dep_ in PURPOSE_CLAUSE_DEPS and any(a.dep_ == "aux" and a.lower_ == "to" for a in children(c)):
            found = [a for t in children(c) if t.dep_ in {"prep", "dative"} and t.lower_ == "to"
                     for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
        if found:
            return found[:PURPOSE_LIMIT]
    return []


# The conjunctions of a condition an act hangs on ("would respond *if* Seoul resumed the broadcasts").
CONDITION_MARKS = frozenset({"if", "unless"})


def condition_subjects(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """The subjects of the verb's conditional clauses: whose doing a threat hangs on ("said it
    would take countermeasures if Washington went ahead with the sale"). None for an act told as
    a possibility ("could impose sanctions if Iran attacks"): it is no one's threat."""
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children(verb)):
        return []
    return [a for c in children(verb) if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in children(c))
        for s in children(c) if s.dep_ in {"nsubj", "nsubjpass"} for a in resolver.actors_of(s)]


def clause_subjects(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """The subjects of the verb's clausal complements ("Belarus recognizes that the government of
    the PRC is ...", "said in a statement that Washington's actions were ...")."""
    return [a for clause in syn.reported_clauses(verb) for subj in children(clause)
            if subj.dep_ in {"nsubj", "nsubjpass"} for a in resolver.actors_of(subj)]


def participle_agents(heads: list[Token], resolver: ActorResolver) -> list[Actor]:
    """The agents of passive participles describing each head ("a resolution drafted by the U.S.")."""
    return [a for obj in heads for acl in children(obj) if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for p in syn.pobjs(acl, None, deps=("agent",)) for a in resolver.actors_of(p)]


def first_actor_within(heads: list[Token], resolver: ActorResolver, exclude: set[str],
                       skipped: Callable[[Token], set[int]]) -> list[Actor]:
    """The first actor named inside the heads, in order, with those coordinated with it; not in
    the words `skipped` gives for a head (the `within` rules: a participle describing it, the
    venue of a meeting)."""
    for head in heads:
        skip = skipped(head)
        for t in subtree(head):
            if t.i in skip:
                continue
            m = resolver.mention_at(t)
            if m is not None and m.start == t.i:
                actors = [a for a in m.actors if a.code not in exclude and a.kind != "place"]
                if actors:
                    return unique_actors([*actors, *coordinated(t, m.end, resolver, exclude)])
    return []


def coordinated(first: Token, end: int, resolver: ActorResolver, exclude: set[str]) -> list[Actor]:
    """The actors coordinated with a mention found inside an object: "tariffs on goods from
    Mexico and Canada" is aimed at both, not only at the first named."""
    doc = first.doc
    # the mention's syntactic head: its token whose head lies outside it
    head = next((doc[i] for i in range(first.i, end) if not first.i <= doc[i].head.i < end), first)
    out: list[Actor] = []
    for conj in head.conjuncts:
        if conj.i < head.i:
            continue
        for t in subtree(conj):
            m = resolver.mention_at(t)
            if m is not None and m.start == t.i and m.start <= conj.i < m.end:
                out += [a for a in m.actors if a.code not in exclude and a.kind != "place"]
                break
    return out
