"""The words of the slot rules (`data/rules/slots.yaml`): what each stage's rules look at, the
tests their conditions name, the words they pick and the finders they look with. Each entry is
one question about the parse, answered through the syntax layer (`bilateral.rules.finders`);
`bilateral.rules.slots` reads the rules and applies them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.events.lexicon import Predicate, Slot
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree, subtree_indices
from bilateral.rules import finders, story_finders
from bilateral.rules.finders import Victim
from bilateral.rules.words import WordLists, word_lists

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver

WORDS = word_lists()  # data/rules/words.yaml


class Step:
    """One word of the source walk: the word the rules look at now and the act's trigger. (A
    plain class, its answers worked out once: it is made for every verb the coder looks at.)"""

    __slots__ = ("word", "trigger", "resolver", "_passive", "_subject")

    def __init__(self, word: Token, trigger: Token, resolver: ActorResolver | None = None) -> None:
        self.word, self.trigger = word, trigger
        self.resolver = resolver  # (the `shared` stage looks at words only)
        self._passive: bool | None = None
        self._subject: Token | None | bool = False  # False: not yet worked out

    @property
    def passive(self) -> bool:
        if self._passive is None:
            self._passive = syn.is_passive(self.word)
        return self._passive

    @property
    def subject(self) -> Token | None:
        """The word's own subject (a passive's grammatical subject is its object, not its doer),
        or a proper noun the parser left as a modifier."""
        if self._subject is False:
            self._subject = next((c for c in children(self.word) if c.dep_ in {"nsubj", "csubj"} or (
                c.dep_ == "nsubjpass" and not self.passive)), None) or syn.misparsed_subject(self.word)
        return self._subject  # type: ignore[return-value]


class Guards(Protocol):
    """What a finder asks the slot rules as it looks (bilateral.rules.slots.Slots answers): which
    words inside a head it passes over (stage `within`) and which unnamed victims it leaves out
    (stage `victim`)."""

    def skipped_within(self, head: Token, trigger: Token) -> set[int]: ...

    def drops_victim(self, victim: Victim) -> bool: ...


@dataclass
class SlotAct:
    """What the target, untargeted, agentless and placed rules look at: the act's reading,
    trigger, objects, sources, (for an agentless passive) targets and (for a kept act) its PLOVER
    type as typed."""

    predicate: Predicate
    verb: Token
    objects: list[Token]
    resolver: ActorResolver
    event_noun: Token | None
    source_codes: list[str]
    nouns: Any  # the lexicon's event nouns, by lemma
    targets: list[Actor] = field(default_factory=list)
    type: str | None = None  # the kept act's type as typed (stage `placed`)
    rules: Guards | None = None  # the rules the finders ask (set by Slots when it applies them)

    @property
    def word(self) -> Token:
        return self.verb


@dataclass
class Pairing:
    """What the pairs rules look at: a kept act's sources and targets, its reading, whether it is
    mutual (reciprocal) and whether it is cooperative."""

    sources: list[Actor]
    targets: list[Actor]
    predicate: Predicate
    mutual: bool
    cooperative: bool


@dataclass
class Sides:
    """What the sides rules look at and change: a verb's act once its sources and targets are
    found (before the agentless rules), and whether the act is mutual for them."""

    predicate: Predicate
    verb: Token
    objects: list[Token]
    passive: bool
    sources: list[Actor]
    targets: list[Actor]
    mutual: bool = False

    @property
    def word(self) -> Token:
        return self.verb


@dataclass
class Targetless:
    """What the targetless rules look at: one event of a kept act with no target (none found,
    or taken by a same_country rule), its PLOVER type as typed and the type a promise is of."""

    source: Actor | None
    type: str
    promised: str | None


@dataclass
class SameCountry:
    """What the same_country rules look at: one event of an act whose source and target are of
    one country, the act's PLOVER type as typed, and whether the target is the place where the
    act happened (the clause names it)."""

    source: Actor
    target: Actor
    type: str
    placed: bool


def domestic_pair(src: Actor, tgt: Actor) -> bool:
    """Two sides of one country that can act on each other: a place of it, or the government and
    rebels, the opposition or a region ("Sudan lifted the state of emergency in West Darfur"); a
    state and itself cannot."""
    if tgt.kind == "place":
        return True
    sectors = {src.sector or "GOV", tgt.sector or "GOV"}
    return tgt.kind != "person" and len(sectors) == 2 and bool(sectors & WORDS["society_sectors"])


Pair = tuple[Actor | None, Actor | None, bool]  # source, target, reciprocal
Groups = list[list[Token]]

# The words a source rule may pick from the word at hand, as groups (each group one answer).
PICKS: dict[str, Callable[[Step], Groups]] = {
    "agent": lambda s: [agents[:1]] if (agents := syn.pobjs(s.word, None, deps=("agent",))) else [],
    # "sanctions on Turkey's agency by the United States": "by" hung on another word
    "by_phrases_below": lambda s: [[p for p in children(t) if p.dep_ == "pobj"] for t in subtree(s.word)
                                   if t.dep_ == "prep" and t.lower_ == "by" and t.head.i != s.word.i],
    "subjects": lambda s: [subjects] if (subjects := [c for c in children(s.word) if c.dep_ == "nsubj"]) else [],
    "subject": lambda s: [[s.subject]] if s.subject is not None else [],
    "head": lambda s: [[s.word.head]],
    "head_of_head": lambda s: [[s.word.head.head]],
    "head_subject": lambda s: [[d]] if (d := next((c for c in children(s.word.head) if c.dep_ == "nsubj"), None)) else [],
    # "..., and recalled its ambassador": the possessives of the actor's own on the verb's objects
    "owner_possessives": lambda s: [[c for obj in syn.objects(s.word, False) for c in children(obj)
                                     if c.dep_ == "poss" and c.lower_ in WORDS["owner_pronouns"]]],
    "head_object": lambda s: [[d]] if (d := next((c for c in children(s.word.head) if c.dep_ == "dobj"), None)) else [],
    # "fighting broke out between Armenia and Azerbaijan": the sides a fight is between
    "between_objects": lambda s: [objs] if (objs := syn.pobjs(s.word, "between")) else [],
    # "fighting broke out with Azerbaijani forces": the other side of a fight
    "with_objects": lambda s: [objs] if (objs := syn.pobjs(s.word, "with")) else [],
    # "were killed in a Russian missile strike": the owners of the attack the toll was suffered in
    "attack_owners": lambda s: [owners] if (owners := [
        c for p in syn.pobjs(s.word, "in") if p.lemma_.lower() in WORDS["attack_nouns"]
        for c in children(p) if c.dep_ in {"amod", "poss", "compound"}]) else [],
}

SOURCE_TESTS: dict[str, Callable[[Step], bool]] = {
    "passive": lambda s: s.passive,
    "at_trigger": lambda s: s.word.i == s.trigger.i,
    "several_subjects": lambda s: [c.dep_ for c in children(s.word)].count("nsubj") > 1,
    "relative_subject": lambda s: s.subject is not None and s.subject.lower_ in syn.clause.RELATIVE_PRONOUNS,
    "gerund_clause": lambda s: syn.is_gerund_clause(s.word),
    "has_head": lambda s: s.word.head.i != s.word.i,
    # "Japan said [the missiles had landed ...]": the head's head comes first ("..., state media reported" does not)
    "head_told_after_its_head": lambda s: s.word.head.head.i < s.word.head.i,
}


def _joint_promise(r: SlotAct) -> bool:
    return len(r.source_codes) > 1 and syn.infinitive_complement(r.verb) and r.verb.head.lemma_.lower() in WORDS["future_wrappers"]


TARGET_TESTS: dict[str, Callable[[SlotAct], bool]] = {
    "event_noun": lambda r: r.event_noun is not None,
    "passive": lambda r: syn.is_passive(r.verb),
    "several_sources": lambda r: len(r.source_codes) > 1,
    "joint_promise": _joint_promise,
}

SIDES_TESTS: dict[str, Callable[[Sides], bool]] = {
    "passive": lambda s: s.passive,
    "no_sources": lambda s: not s.sources,
    "no_targets": lambda s: not s.targets,
    "several_sources": lambda s: len(s.sources) > 1,
    "sources_of_several_countries": lambda s: len({a.code for a in s.sources}) > 1,
    "lone_source": lambda s: len(s.sources) == 1,
    "targets_of_several_countries": lambda s: len({t.code for t in s.targets}) > 1,
    "names_one_another": lambda s: syn.names_one_another(s.verb, s.objects),
}


def _targets_are_sources(s: Sides) -> None:
    s.sources, s.targets = s.targets, []


def _sources_are_targets(s: Sides) -> None:
    s.targets, s.mutual = list(s.sources), True


def _targets_not_sources(s: Sides) -> None:
    sides = {(a.code, a.sector) for a in s.sources}
    s.targets = [a for a in s.targets if (a.code, a.sector) not in sides]


# What a sides rule does to the act's sides.
SIDES: dict[str, Callable[[Sides], None]] = {
    "targets_are_sources": _targets_are_sources,  # "talks were held between Russia and China"
    "sources_are_targets": _sources_are_targets,  # "fired on one another": each on the other
    "targets_not_sources": _targets_not_sources,  # "farmers blocked roads with their tractors"
}

SAME_COUNTRY_TESTS: dict[str, Callable[[SameCountry], bool]] = {
    "domestic_pair": lambda p: domestic_pair(p.source, p.target),
    "source_is_person": lambda p: p.source.kind == "person",
    "target_is_person": lambda p: p.target.kind == "person",
    "target_is_place": lambda p: p.target.kind == "place",
    "placed": lambda p: p.placed,
}

VICTIM_TESTS: dict[str, Callable[[Victim], bool]] = {
    "of_a_source": lambda v: v.actor.code in v.source_codes,
    "in_a_place_of_theirs": lambda v: v.place is not None and v.place.code == v.actor.code,
}

PAIR_TESTS: dict[str, Callable[[Pairing], bool]] = {
    "cooperative": lambda p: p.cooperative,
    "no_targets": lambda p: not p.targets,
    "several_sources": lambda p: len(p.sources) > 1,
    "has_sources": lambda p: bool(p.sources),
    "a_source_among_other_targets": lambda p: any(
        any(t.code == s.code for t in p.targets) and any(t.code != s.code for t in p.targets) for s in p.sources),
}


# The words a target rule looks on: (word, its objects, whether the source's own pronouns are
# spared) for each.
Heads = list[tuple[Token, list[Token], bool]]
ON: dict[str, Callable[[SlotAct], Heads]] = {
    "verb": lambda r: [(r.verb, r.objects, True)],
    "event_noun": lambda r: [(r.event_noun, [], False)] if r.event_noun is not None else [],
    "objects": lambda r: [(o, [], False) for o in r.objects],
    "first_object": lambda r: [(r.objects[0], [], False)] if r.objects else [],
    "event_noun_objects": lambda r: [(o, [], False) for o in r.objects if o.lemma_.lower() in r.nouns],
    # "pledged 5.5 billion dollars in aid to Ukraine": what the sum is in
    "in_phrases": lambda r: [(k, [], False) for k in syn.pobjs(r.verb, "in")
                             + [k for o in r.objects for k in syn.pobjs(o, "in")]],
    "objects_and_complements": lambda r: [(h, [], False) for h in [*r.objects, *(
        c for c in children(r.verb) if c.dep_ in {"ccomp", "xcomp"})]],
}


def _lexicon_or(slots: tuple[Slot, ...] | None, r: SlotAct) -> tuple[Slot, ...]:
    return r.predicate.targets if slots is None else slots


def _find_slots(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    own = frozenset(r.source_codes)
    for head, objs, spare_own in heads:
        found = finders.slot_actors(_lexicon_or(then.slots, r), head, objs, r.resolver, own if spare_own else frozenset())
        if found:
            return found
    return []


def _own_forces(s: Step, sectors: frozenset[str]) -> bool:
    """The head's objects name actors, all of the head subject's country and of `sectors` ("Putin
    ordered Russia's forces to ...", "the government ordered its troops to ...")."""
    head = s.word.head
    subj = next((c for c in children(head) if c.dep_ == "nsubj"), None)
    if subj is None or s.resolver is None:
        return False
    codes = {a.code for a in s.resolver.actors_of(subj)}
    forces = [a for o in children(head) if o.dep_ == "dobj" for a in s.resolver.actors_of(o)]
    return bool(forces) and all(a.code in codes and a.sector in sectors for a in forces)


def _guards(r: SlotAct) -> Guards:
    assert r.rules is not None, "the finders are asked by the slot rules, which set r.rules"
    return r.rules


FINDERS: dict[str, Callable[[SlotAct, Heads, Then], list[Actor]]] = {
    "slots": _find_slots,
    "preps_below": lambda r, heads, then: finders.preps_below([h for h, _, _ in heads], then.preps, r.resolver),
    "victims": lambda r, heads, then: finders.victims([h for h, _, _ in heads], r.verb, r.resolver, r.source_codes,
                                                      _guards(r).drops_victim),
    "clause_subjects": lambda r, heads, then: [a for h, _, _ in heads for a in finders.clause_subjects(h, r.resolver)],
    "participle_agents": lambda r, heads, then: finders.participle_agents([h for h, _, _ in heads], r.resolver),
    "first_actor_within": lambda r, heads, then: finders.first_actor_within(
        [h for h, _, _ in heads], r.resolver, set(r.source_codes), lambda head: _guards(r).skipped_within(head, r.verb)),
    "purpose_objects": lambda r, heads, then: [a for h, _, _ in heads
                                               for a in finders.purpose_objects(h, r.resolver, then.nouns)],
    "occasion": lambda r, heads, then: [a for h, _, _ in heads for a in finders.occasion_actors(h, r.resolver)],
    "condition_subjects": lambda r, heads, then: [
        a for h, _, _ in heads for a in finders.condition_subjects(h, r.resolver)],
    # the place the clause names itself ("struck the centre of Kyiv": Ukraine)
    "clause_place": lambda r, heads, then: [place] if (place := r.resolver.clause_location(r.verb)) else [],
    "fight_opponents": lambda r, heads, then: finders.opponents(
        [h for h, _, _ in heads], then.preps, then.nouns, r.resolver),
    "place_country": story_finders.place_country,
    "fight_opponent": story_finders.fight_opponent,
    "fight_sides": story_finders.fight_sides,
    "story_opponent": story_finders.story_opponent,
    "asker": story_finders.asker,
    "counterpart_opponent": story_finders.counterpart_opponent,
    "responded_to": story_finders.responded_to,
}


@dataclass(frozen=True)
class Then:
    """A rule's action: for `source`, `take`/`take_found`/`climb` a pick or `none`; for `target`,
    a finder on some words, with its slots or prepositions."""

    action: str
    pick: str | None = None
    unique: bool = False
    find: str | None = None
    at: str | None = None
    slots: tuple[Slot, ...] | None = None  # None: the lexicon reading's own target slots
    preps: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()  # a word list the finder's words hang on
    sector: str | None = None  # the sector an actor found is of
    pair: str | None = None  # a pairs rule's pairing
    borrow: str | None = None  # a shared rule's word whose act lends its recipients
    sides: str | None = None  # a sides rule's change of the act's sides (SIDES)
    skip: str | None = None  # a within rule's words to pass over (SKIPS)
    exclude_sources: bool = False
    exclude_targets: bool = False


def _phrases_of_nouns(head: Token, then: Then) -> set[int]:
    """The prepositional phrases inside the head whose object is one of `then.nouns` ("on the
    sidelines of the G20 summit")."""
    return {i for t in subtree(head) if t.dep_ == "pobj" and t.lemma_ in then.nouns for i in subtree_indices(t.head)}


# The words inside a head that a within rule has first_actor_within pass over.
SKIPS: dict[str, Callable[[Token, Then], set[int]]] = {
    # "talks mediated by the EU": a passive participle describing the head
    "passive_participles": lambda head, then: {t.i for c in children(head) if c.dep_ == "acl" and c.tag_ == "VBN"
                                               for t in subtree(c)},
    "phrases_of_nouns": _phrases_of_nouns,
}


# Tests of the word at hand (the step's word, or the act's trigger) and of the act.
# Each makes, from the condition's value and the word lists, the test itself (made once per rule:
# the source rules are tried for every verb).
Test = Callable[[Any], bool]


def _dep_in(deps: list[str], words: WordLists) -> Test:
    wanted = frozenset(deps)
    return lambda at: at.word.dep_ in wanted


def _head_dep_in(deps: list[str], words: WordLists) -> Test:
    wanted = frozenset(deps)
    return lambda at: at.word.head.dep_ in wanted


def _lemma_in(name: str, words: WordLists) -> Test:
    lemmas = words[name]
    return lambda at: at.word.lemma_.lower() in lemmas


def _head_lemma_in(name: str, words: WordLists) -> Test:
    lemmas = words[name]
    return lambda at: at.word.head.lemma_.lower() in lemmas


def _head_of_head_lemma_in(name: str, words: WordLists) -> Test:
    """The word's head's head: the verb whose object carries the word ("vetoed a statement *criticising*")."""
    lemmas = words[name]
    return lambda at: at.word.head.head.lemma_.lower() in lemmas


def _has(pick: str, words: WordLists) -> Test:
    picks = PICKS[pick]
    return lambda at: bool(picks(at))


def _head_objects_own(name: str, words: WordLists) -> Test:
    sectors = words[name]
    return lambda at: _own_forces(at, sectors)


def _type_in(types: list[str], words: WordLists) -> Test:
    wanted = frozenset(types)
    return lambda at: at.predicate.plover_type in wanted


def _subject_lemma_in(name: str, words: WordLists) -> Test:
    lemmas = words[name]
    return lambda at: any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in lemmas for c in children(at.word))


def _typed_in(name: str, words: WordLists) -> Test:
    types = words[name]
    return lambda at: at.type in types


def _promised_in(name: str, words: WordLists) -> Test:
    types = words[name]
    return lambda at: at.promised in types


def _sector_in(name: str, words: WordLists) -> Test:
    sectors = words[name]
    return lambda at: at.actor.sector in sectors


WORD_TESTS: dict[str, Callable[[Any, WordLists], Test]] = {
    "dep_in": _dep_in,
    "tag": lambda tag, words: lambda at: at.word.tag_ == tag,
    "pos": lambda pos, words: lambda at: at.word.pos_ == pos,
    "head_lemma_in": _head_lemma_in,
    "head_of_head_lemma_in": _head_of_head_lemma_in,
    "lemma_in": _lemma_in,
    "head_dep_in": _head_dep_in,
    "has": _has,
    "head_objects_own": _head_objects_own,
    "type_in": _type_in,
    "typed_in": _typed_in,
    "promised_in": _promised_in,
    "sector_in": _sector_in,
    "flag": lambda flag, words: lambda at: flag in at.predicate.flags,
    "cameo_in": lambda name, words: lambda at: at.predicate.cameo in words[name],
    "subject_lemma_in": _subject_lemma_in,
}
WALK_CONDITIONS = frozenset({"dep_in", "tag", "pos", "head_lemma_in", "head_of_head_lemma_in", "head_dep_in", "has",
                             "head_objects_own", "subject_lemma_in"})
ACT_CONDITIONS = frozenset({"type_in", "flag"})
STAGE_CONDITIONS = {"commander": WALK_CONDITIONS, "source": WALK_CONDITIONS | {"lemma_in"}, "shared": WALK_CONDITIONS,
                    "owner": WALK_CONDITIONS | {"lemma_in"}, "within": WALK_CONDITIONS,
                    "target": ACT_CONDITIONS | {"cameo_in"}, "agentless": ACT_CONDITIONS | {"cameo_in"}, "untargeted": ACT_CONDITIONS,
                    "placed": ACT_CONDITIONS | {"typed_in"}, "sides": ACT_CONDITIONS | {"cameo_in"}, "pairs": ACT_CONDITIONS,
                    "victim": frozenset({"sector_in"}), "same_country": frozenset({"typed_in"}),
                    "targetless": frozenset({"typed_in", "promised_in"})}



def _each_source_with_each_target(p: Pairing, then: Then) -> list[Pair]:
    sources: list[Actor | None] = [*p.sources] or [None]
    targets: list[Actor | None] = [*p.targets] or [None]
    return [(src, tgt, p.mutual and tgt is not None) for src in sources for tgt in targets]


def _each_source_with_each_other_target(p: Pairing, then: Then) -> list[Pair]:
    """Every source with every target but those of its own country, when there are others."""
    return [(src, tgt, reciprocal) for src, tgt, reciprocal in _each_source_with_each_target(p, then)
            if tgt is None or src is None or tgt.code != src.code or all(t.code == src.code for t in p.targets)]


# How a pairs rule pairs the act's participants into events.
PAIRINGS: dict[str, Callable[[Pairing, Then], list[Pair]]] = {
    "among_sources": lambda p, then: [(a, b, True) for i, a in enumerate(p.sources) for b in p.sources[i + 1:]],
    "each_source_with_each_target": _each_source_with_each_target,
    "each_source_with_each_other_target": _each_source_with_each_other_target,
    "own_side": lambda p, then: [(src, replace(src, sector=then.sector), False) for src in p.sources],
}
STAGE_TESTS: dict[str, dict[str, Callable[[Any], bool]]] = {
    "commander": SOURCE_TESTS, "source": SOURCE_TESTS, "owner": SOURCE_TESTS, "shared": SOURCE_TESTS,
    "within": SOURCE_TESTS, "target": TARGET_TESTS, "untargeted": TARGET_TESTS, "agentless": TARGET_TESTS,
    "placed": TARGET_TESTS, "sides": SIDES_TESTS, "victim": VICTIM_TESTS, "same_country": SAME_COUNTRY_TESTS,
    "targetless": {}, "pairs": PAIR_TESTS,
}
