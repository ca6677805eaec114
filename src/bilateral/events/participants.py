"""Who acts and who is acted on: subjects and passive agents, commanders of forces, the other
side of a fight, and recipients from the lexicon's target slots and the clause around them."""

from __future__ import annotations

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.actors.resolve import ActorResolver
from bilateral.events.lexicon import Lexicon, Predicate, Slot
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree
from bilateral.rules.finders import slot_actors
from bilateral.rules.slots import Recipients, slots
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/words.yaml

COMMAND_VERBS = WORDS["command_verbs"]
FORCE_SECTORS = WORDS["force_sectors"]
FIGHT_NOUNS = WORDS["fight_nouns"]


class ParticipantFinder:
    """The actor-finding half of the event coder (a mixin of EventCoder)."""

    lex: Lexicon

    def _commander(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """For an act ordered of one's own forces ("Putin ordered Russia's forces to be put on
        alert", "the government ordered its troops to withdraw"), who gave the order: the act is
        theirs. Ordering another state to act is a demand, and yields nobody here."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.lemma_.lower() not in COMMAND_VERBS:
            return []
        subj = next((c for c in children(head) if c.dep_ == "nsubj"), None)
        ordered = [c for c in children(head) if c.dep_ == "dobj"]
        if subj is None or not ordered:
            return []
        commanders = resolver.actors_of(subj)
        codes = {a.code for a in commanders}
        forces = [a for o in ordered for a in resolver.actors_of(o)]
        own = bool(forces) and all(a.code in codes and a.sector in FORCE_SECTORS for a in forces)
        return commanders if own else []

    @staticmethod
    def _purpose_targets(verb: Token, resolver: ActorResolver) -> list[Actor]:
        """"used tear gas to disperse the protesters": force aimed at whom its purpose names
        ("to stop farmers marching": the people may be the subject of the clause under it)."""
        purposes = [c for c in children(verb) if c.dep_ in {"xcomp", "advcl"} and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in children(c))]
        clauses = purposes + [g for c in purposes for g in children(c) if g.dep_ in {"advcl", "ccomp", "xcomp"}]
        return [a for c in clauses for o in children(c) if o.dep_ in {"dobj", "nsubj"}
                for a in resolver.actors_of(o)][:2]

    def _opponents(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """The "with" side of a fight told in the verb's clause ("in a clash with X")."""
        for t in subtree(verb):
            if t.dep_ == "prep" and t.lower_ == "with" and t.head.lemma_.lower() in FIGHT_NOUNS:
                return [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
        return []

    def _subject(self, verb: Token, resolver: ActorResolver, passive: bool) -> list[Actor]:
        """Who does the verb's act: data/rules/slots.yaml, stage `source` (subjects, passive
        agents, the clauses a verb with no subject of its own hangs on)."""
        return slots().source(verb, resolver)

    def _targets(self, pred: Predicate, verb: Token, objects: list[Token], resolver: ActorResolver,
                 event_noun: Token | None, sources: list[Actor]) -> list[Actor]:
        found = self._recipients(pred, verb, objects, resolver, event_noun, [a.code for a in sources])
        if len(sources) == 1:
            # A lone actor is never its own recipient ("farmers blocked roads with their tractors");
            # coordinated ones may be each other's ("Armenia and Azerbaijan accused each other").
            found = [a for a in found if (a.code, a.sector) != (sources[0].code, sources[0].sector)]
        return found

    def _recipients(self, pred: Predicate, verb: Token, objects: list[Token], resolver: ActorResolver,
                    event_noun: Token | None, source_codes: list[str]) -> list[Actor]:
        """Who receives the act: data/rules/slots.yaml, stage `target` (the lexicon's slots,
        then the fallbacks in their order)."""
        return slots().targets(Recipients(pred, verb, objects, resolver, event_noun, source_codes, self.lex.nouns))

    @staticmethod
    def _slots(slots: tuple[Slot, ...], head: Token, objects: list[Token], resolver: ActorResolver) -> list[Actor]:
        """The actors of the first of `slots` that names any (an event noun's source and target)."""
        return slot_actors(slots, head, objects, resolver)


AGENT_DEPS = frozenset({"nsubj", "agent"})


def subject_token(verb: Token, passive: bool) -> Token | None:
    """The clause's subject word (a passive's agent phrase), climbing coordinated and
    complement verbs and adjectives ("is ready to withdraw")."""
    return syn.subject(verb, deps=AGENT_DEPS if passive else syn.clause.SUBJECT_DEPS, adjectives=True)
