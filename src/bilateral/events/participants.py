"""Who acts and who is acted on: subjects and passive agents, commanders of forces, the other
side of a fight, and recipients from the lexicon's target slots and the clause around them."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.actors.resolve import ActorResolver
from bilateral.events import modality as mod
from bilateral.events.lexicon import Lexicon, Predicate, Slot
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree, subtree_indices
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/words.yaml

COMMAND_VERBS = WORDS["command_verbs"]
FORCE_SECTORS = WORDS["force_sectors"]
FIGHT_NOUNS = WORDS["fight_nouns"]
ARMED_OPPONENTS = WORDS["armed_opponent_sectors"]
DOCUMENT_NOUNS = WORDS["document_nouns"]
VENUE_NOUNS = WORDS["venue_nouns"]
OBJECT_CONTROL_VERBS = WORDS["object_control_verbs"]
OWN_PRONOUNS = frozenset({"its", "their", "his", "her"})


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
        tok: Token | None = verb
        while tok is not None:
            is_passive = syn.is_passive(tok)
            if is_passive:
                agents = syn.pobjs(tok, None, deps=("agent",))
                if agents:
                    return resolver.actors_of(agents[0])
                # The parser often hangs "by X" on the object ("sanctions on Turkey's agency by
                # the United States"): any "by" phrase under a passive verb names the agent.
                for t in subtree(tok):
                    if t.dep_ == "prep" and t.lower_ == "by" and t.head.i != tok.i:
                        found = [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
                        if found:
                            return found
                if tok is verb:
                    return []
            several = [c for c in children(tok) if c.dep_ == "nsubj"]
            if len(several) > 1:
                # "Leaders of Russia, China and India met": a list the parser cut into two subjects.
                return unique_actors(a for c in several for a in resolver.actors_of(c))
            subj = next((c for c in children(tok) if c.dep_ in {"nsubj", "csubj"} or (
                c.dep_ == "nsubjpass" and not is_passive)), None) or syn.misparsed_subject(tok)
            if subj is not None:
                if subj.lower_ in {"which", "who", "that"} and tok.dep_ == "relcl":
                    return resolver.actors_of(tok.head)
                return resolver.actors_of(subj)
            if tok.dep_ == "acl":
                # "farmers marching on New Delhi": the noun the participle describes acts;
                # "sanctions imposed by X" is passive and was handled above.
                if tok.tag_ == "VBN":
                    return []
                if tok.head.lemma_.lower() in DOCUMENT_NOUNS and tok.head.dep_ == "dobj":
                    # "issued a joint statement urging Russia to ...": the statement's authors urge.
                    tok = tok.head.head
                    continue
                return resolver.actors_of(tok.head)
            if syn.is_gerund_clause(tok):
                tok = tok.head.head  # "established ties with China after cutting its links with Taiwan"
                continue
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
                # "..., prompting Riyadh to expel the ambassador": Riyadh expels
                made = [c for c in children(tok.head) if c.dep_ == "dobj"]
                if made:
                    return resolver.actors_of(made[0])
            if (tok.dep_ in {"xcomp", "conj", "advcl", "ccomp", "acl"} or (
                    tok.dep_ == "acomp" and tok.pos_ == "ADJ")) and tok.head.i != tok.i:
                # ("is ready to withdraw": the adjective's subject is the verb's)
                # Object-control verbs ("urged China to act"): the actor of the complement is the
                # object of the head, which is not the event we code; stop there.
                if tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in children(tok.head)) and \
                        tok.head.lemma_.lower() in mod.OPAQUE_WRAPPERS:
                    return []
                tok = tok.head
                continue
            return []
        return []

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
        found = self._slots(pred.targets, verb, objects, resolver, own=frozenset(source_codes))
        if not found and event_noun is not None:
            found = self._slots(pred.targets, event_noun, [], resolver)
        if not found and not pred.targets:
            found = self._slots((Slot("obj"), Slot("prep", "with"), Slot("prep", "against"),
                                 Slot("prep", "on"), Slot("prep", "to")), verb, objects, resolver)
        if not found:
            # "signed agreements normalising relations with Israel": a "with" inside the object.
            for obj in objects:
                for t in subtree(obj):
                    if t.dep_ == "prep" and t.lower_ in {"with", "between"} and t.i != obj.i:
                        found += [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
        if not found and pred.plover_type in {"ASSAULT", "COERCE", "MOBILIZE"}:
            # "launched a full-scale invasion of the country", "an attack on Kyiv"
            for obj in objects:
                if obj.lemma_.lower() in self.lex.nouns:
                    found = self._slots((Slot("prep", "of"), Slot("prep", "on"), Slot("prep", "against"),
                                         Slot("prep", "into")), obj, [], resolver)
                    if found:
                        break
        if not found and pred.plover_type in {"ASSAULT", "COERCE"}:
            # "rebels killed dozens of Malian soldiers": the victims, also of the rebels' own country.
            found = [a for obj in objects for a in self._victims(obj, verb, resolver, source_codes)]
        if not found and pred.plover_type in {"AGREE", "AID", "COOPERATE"}:
            # "pledged 3.5 trillion yen in investment in India", "loans for Egypt"
            found = self._slots((Slot("prep", "in"), Slot("prep", "for")), objects[0], [], resolver) \
                if objects else []
            # "pledged 5.5 billion dollars in aid to Ukraine": what the sum is in names who gets it
            for kind in ([] if found else syn.pobjs(verb, "in") + [k for obj in objects for k in syn.pobjs(obj, "in")]):
                found = self._slots((Slot("prep", "to"), Slot("prep", "for")), kind, [], resolver)
                if found:
                    break
        if not found:
            # "Belarus recognizes that the government of the PRC is ...": the clause's subject.
            # "warned that Moscow would respond": the speaker again is no recipient.
            for clause in (c for c in children(verb) if c.dep_ == "ccomp"):
                for subj in (c for c in children(clause) if c.dep_ in {"nsubj", "nsubjpass"}):
                    found += [a for a in resolver.actors_of(subj) if a.code not in source_codes]
        if not found and pred.plover_type in {"ACCUSE", "REJECT", "SUPPORT"}:
            # "called the charge brought by South Africa outrageous", "vetoed a resolution drafted by
            # the U.S.": the author of what is judged receives the judgement.
            for obj in objects:
                for acl in (c for c in children(obj) if c.dep_ == "acl" and c.tag_ == "VBN"):
                    found += [a for p in syn.pobjs(acl, None, deps=("agent",)) for a in resolver.actors_of(p)
                              if a.code not in source_codes]
        mutual_group = "mutual" in pred.flags and len(source_codes) > 1
        # "Armenia and Azerbaijan agreed to end the fighting": a joint promise is made to each other.
        joint_promise = len(source_codes) > 1 and verb.dep_ == "xcomp" and \
            verb.head.lemma_.lower() in mod.FUTURE_WRAPPERS
        if not found and not mutual_group and not joint_promise:  # "A and B held talks": they talk with each other
            # "warned that Moscow would respond to any deployment of NATO troops", "submitted
            # applications to join the EU": the first other actor inside the complement or object.
            found = self._first_actor_within(verb, objects, resolver, exclude=set(source_codes))
        return found

    @staticmethod
    def _victims(obj: Token, verb: Token, resolver: ActorResolver, source_codes: list[str]) -> list[Actor]:
        """Who an act of force or repression hits: the object's actors. Victims with no country of
        their own ("killing five people") take the sentence's, which may be the attacker's own
        ("Russian missiles struck Kyiv, killing five people"): such a self-dyad is kept only when
        the clause names a place of that country ("police in Minsk detained protesters") or the
        victims are armed opponents of the state (ANNOTATION.md: rebels take their country)."""
        named = resolver.actors_of(obj, place_fallback=False)
        if named:
            return named
        place = resolver.clause_location(verb)
        return [a for a in resolver.actors_of(obj) if a.code not in source_codes or a.sector in ARMED_OPPONENTS
                or (place is not None and place.code == a.code)]

    def _first_actor_within(self, verb: Token, objects: list[Token], resolver: ActorResolver,
                            exclude: set[str]) -> list[Actor]:
        heads = [*objects, *(c for c in children(verb) if c.dep_ in {"ccomp", "xcomp"})]
        for head in heads:
            # not inside a passive participle of the object ("talks mediated by the EU"), nor in
            # the venue of a meeting ("talks on the sidelines of the G20 summit")
            skipped = {t.i for c in children(head) if c.dep_ == "acl" and c.tag_ == "VBN" for t in subtree(c)}
            for venue in (t for t in subtree(head) if t.dep_ == "pobj" and t.lemma_ in VENUE_NOUNS):
                skipped |= subtree_indices(venue.head)
            for t in subtree(head):
                if t.i in skipped:
                    continue
                m = resolver.mention_at(t)
                if m is not None and m.start == t.i:
                    actors = [a for a in m.actors if a.code not in exclude and a.kind != "place"]
                    if actors:
                        return unique_actors([*actors, *self._coordinated(t, m.end, resolver, exclude)])
        return []

    @staticmethod
    def _coordinated(first: Token, end: int, resolver: ActorResolver, exclude: set[str]) -> list[Actor]:
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

    def _slots(self, slots: tuple[Slot, ...], head: Token, objects: list[Token],
               resolver: ActorResolver, own: frozenset[str] = frozenset()) -> list[Actor]:
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


AGENT_DEPS = frozenset({"nsubj", "agent"})


def unique_actors(actors: Iterable[Actor]) -> list[Actor]:
    """The actors in order, one per code."""
    out: list[Actor] = []
    for actor in actors:
        if all(a.code != actor.code for a in out):
            out.append(actor)
    return out


def subject_token(verb: Token, passive: bool) -> Token | None:
    """The clause's subject word (a passive's agent phrase), climbing coordinated and
    complement verbs and adjectives ("is ready to withdraw")."""
    return syn.subject(verb, deps=AGENT_DEPS if passive else syn.clause.SUBJECT_DEPS, adjectives=True)
