"""Who acts and who is acted on, for the event coder: the slot rules (data/rules/slots.yaml,
bilateral.rules.slots) find subjects and passive agents, commanders of their own forces, the other
side of a fight, the recipients and whom an act with none is aimed at; this mixin only asks them."""

from __future__ import annotations

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.actors.resolve import ActorResolver
from bilateral.events.lexicon import Lexicon, Predicate, Slot
from bilateral.model import Actor
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

    def _untargeted(self, pred: Predicate, verb: Token, objects: list[Token], resolver: ActorResolver,
                    event_noun: Token | None, sources: list[Actor]) -> list[Actor]:
        """Whom a verb's act with no recipient after the sides rules is aimed at: data/rules/slots.yaml,
        stage `untargeted` (force aimed at whom its purpose names)."""
        return slots().untargeted(SlotAct(pred, verb, objects, resolver, event_noun, [a.code for a in sources],
                                          self.lex.nouns))

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
        """Who receives the act: data/rules/slots.yaml, stage `target` (the lexicon's slots,
        then the fallbacks in their order)."""
        return slots().targets(SlotAct(pred, verb, objects, resolver, event_noun, [a.code for a in sources],
                                       self.lex.nouns))

    @staticmethod
    def _slots(slots: tuple[Slot, ...], head: Token, objects: list[Token], resolver: ActorResolver) -> list[Actor]:
        """The actors of the first of `slots` that names any (an event noun's source and target)."""
        return slot_actors(slots, head, objects, resolver)


AGENT_DEPS = frozenset({"nsubj", "agent"})


def subject_token(verb: Token, passive: bool) -> Token | None:
    """The clause's subject word (a passive's agent phrase), climbing coordinated and
    complement verbs and adjectives ("is ready to withdraw")."""
    return syn.subject(verb, deps=AGENT_DEPS if passive else syn.clause.SUBJECT_DEPS, adjectives=True)
