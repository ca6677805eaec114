"""Who acts and who is acted on, for the event coder: the slot rules (data/rules/slots.yaml,
bilateral.rules.slots) find subjects and passive agents, commanders of their own forces, the other
side of a fight and the recipients; what is still code here is named in docs/how-to-add-a-rule.md."""

from __future__ import annotations

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.actors.resolve import ActorResolver
from bilateral.events.lexicon import Lexicon, Predicate, Slot
from bilateral.model import Actor
from bilateral.nlp.tree import children
from bilateral.rules.finders import slot_actors
from bilateral.rules.slot_terms import SlotAct
from bilateral.rules.slots import slots


class ParticipantFinder:
    """The actor-finding half of the event coder (a mixin of EventCoder)."""

    lex: Lexicon

    @staticmethod
    def _commander(verb: Token, resolver: ActorResolver) -> list[Actor]:
        """For an act ordered of one's own forces ("Putin ordered Russia's forces to be put on
        alert"), who gave the order: the act is theirs (data/rules/slots.yaml, stage `commander`).
        Ordering another state to act is a demand, and yields nobody here."""
        return slots().commander(verb, resolver)

    @staticmethod
    def _purpose_targets(verb: Token, resolver: ActorResolver) -> list[Actor]:
        """"used tear gas to disperse the protesters": force aimed at whom its purpose names
        ("to stop farmers marching": the people may be the subject of the clause under it)."""
        purposes = [c for c in children(verb) if c.dep_ in {"xcomp", "advcl"} and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in children(c))]
        clauses = purposes + [g for c in purposes for g in children(c) if g.dep_ in {"advcl", "ccomp", "xcomp"}]
        return [a for c in clauses for o in children(c) if o.dep_ in {"dobj", "nsubj"}
                for a in resolver.actors_of(o)][:2]

    def _agentless_sources(self, verb: Token, pred: Predicate, targets: list[Actor],
                           resolver: ActorResolver) -> list[Actor]:
        """Who did a hostile act told in the passive with no agent: data/rules/slots.yaml, stage
        `agentless` (the other side of a fight, the state where repression happens)."""
        return slots().agentless(SlotAct(pred, verb, [], resolver, None, [], self.lex.nouns, targets))

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
        return slots().targets(SlotAct(pred, verb, objects, resolver, event_noun, source_codes, self.lex.nouns))

    @staticmethod
    def _slots(slots: tuple[Slot, ...], head: Token, objects: list[Token], resolver: ActorResolver) -> list[Actor]:
        """The actors of the first of `slots` that names any (an event noun's source and target)."""
        return slot_actors(slots, head, objects, resolver)


AGENT_DEPS = frozenset({"nsubj", "agent"})


def subject_token(verb: Token, passive: bool) -> Token | None:
    """The clause's subject word (a passive's agent phrase), climbing coordinated and
    complement verbs and adjectives ("is ready to withdraw")."""
    return syn.subject(verb, deps=AGENT_DEPS if passive else syn.clause.SUBJECT_DEPS, adjectives=True)
