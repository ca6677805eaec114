"""Slot finders that look beyond the clause: the place it names and the story told so far (the
story's fight, its opponents). `bilateral.rules.slot_terms` lists them with the clause's own
finders under the names the slot rules use."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.events.discourse import DISPUTING_KINDS, ActsTold
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree, subtree_indices
from bilateral.rules.words import word_lists

if TYPE_CHECKING:
    from bilateral.rules.slot_terms import Heads, SlotAct, Then

WORDS = word_lists()  # data/rules/words.yaml


def place_country(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """The country of the place the clause names, as the sector `then.sector` of it ("Kovrig has
    been detained in China": the Chinese state)."""
    place = r.resolver.clause_location(r.verb)
    return [replace(place, sector=then.sector)] if place is not None else []


def fight_opponent(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """The one state the story's fight so far sets against the act's sources (acts of words.yaml
    `fight_types`, rules/discourse.py), when the clause names no place the force went to."""
    if not r.source_codes or r.resolver.clause_location(r.verb) is not None:
        return []
    return ActsTold.of(r.verb.doc).opponent(frozenset(r.source_codes), WORDS["fight_types"])


def fight_sides(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """The two sides of the latest act of force or show of force (words.yaml `tension_types`) the
    story has told that the sources took no part in."""
    return ActsTold.of(r.verb.doc).latest_fight(WORDS["tension_types"], frozenset(r.source_codes))


def story_opponent(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """The one state the story's hostile acts so far (words.yaml `hostile_types`, reactions
    included) set against the act's sources: whom a retort with no addressee answers. Not when
    the clause names another actor the slot rules left ("warned of Beijing's growing interest"):
    the act is about that one, whoever it is aimed at."""
    if not r.source_codes or _names_another(r):
        return []
    return ActsTold.of(r.verb.doc).opponent(frozenset(r.source_codes), WORDS["hostile_types"], reactions=True,
                                            kinds=DISPUTING_KINDS)


def asker(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """Who made the latest request or demand (words.yaml `demand_types`) the story told to the
    act's sources: whom a refusal with no addressee answers ("refused to apologise"). Not when
    the clause names another actor: the refusal is then about that one."""
    if not r.source_codes or _names_another(r):
        return []
    return ActsTold.of(r.verb.doc).latest_asker(frozenset(r.source_codes), WORDS["demand_types"])


def _names_another(r: SlotAct) -> bool:
    """Whether the verb's clause, its subject aside, names an actor other than the sources."""
    subject = syn.subject(r.verb)
    skipped = set(subtree_indices(subject)) if subject is not None else set()
    for token in subtree(r.verb):
        mention = r.resolver.mention_at(token) if token.i not in skipped else None
        if mention is not None and any(a.code not in r.source_codes for a in mention.actors):
            return True
    return False


def counterpart_opponent(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """"Armenia accused its neighbour", "warned its rival": when a word looked on is one of
    `then.nouns` and names no actor itself, it is the one state (or organization) the story's
    hostile acts so far set against the act's sources, as for a retort (`story_opponent`)."""
    if not r.source_codes or not any(
            h.lemma_.lower() in then.nouns and not any(r.resolver.mention_at(t) for t in subtree(h))
            for h, _, _ in heads):
        return []
    return ActsTold.of(r.verb.doc).opponent(frozenset(r.source_codes), WORDS["hostile_types"], reactions=True,
                                            kinds=DISPUTING_KINDS)


def responded_to(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """Whom an act told as a response answers: the doers of the act told before it (events/
    discourse.py), when the act hangs on a verb of `then.nouns` ("responded by firing missiles",
    "retaliated, blacklisting ten lawmakers"), is told with "back" ("hit back with duties") or is
    done "in response" or "in retaliation" with nothing named after it. Not the verb of
    responding itself: "Beijing retaliated" says nothing of what was done."""
    if not r.source_codes or not any(_told_as_response(h, then.nouns) for h, _, _ in heads):
        return []
    return ActsTold.of(r.verb.doc).latest_doers(frozenset(r.source_codes))


def _told_as_response(verb: Token, words: frozenset[str]) -> bool:
    if any(c.dep_ == "prt" and c.lower_ == "back" for c in children(verb)):
        return True
    head = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "by" else verb.head
    if head.i != verb.i and verb.dep_ in {"pcomp", "advcl", "xcomp", "conj"} and head.lemma_.lower() in words:
        return True
    # "in response", "in retaliation": bare, naming nothing after it
    return any(p.lemma_.lower() in words and not list(children(p))
               for p in syn.pobjs(verb, "in"))
