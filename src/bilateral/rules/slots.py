"""Who fills an act's slots, as data (`data/rules/slots.yaml`), and the engine that applies them.

Two stages:

- `source`: who does a verb's act. The rules are tried at the verb, in file order; the first
  that matches and answers decides. A rule answers with the actors of the words it picks
  (`take`; `take_found` answers only when they name an actor, else the next rule is tried),
  answers nobody (`none`), or moves to another word (`climb`: "agreed to withdraw" climbs from
  "withdraw" to "agreed"), where the rules are tried again from the top.
- `target`: who receives it. The rules are tried in file order while nobody has been found;
  each matching rule looks with one finder (`find`) at some words (`at`): the slots it names,
  the objects of prepositions inside them, the first actor within them...

Conditions are a small pattern language over the syntax layer, as in constructions.yaml: test
names (`passive`, `gerund_clause`, ... see SOURCE_TESTS and TARGET_TESTS), tests of the word at
hand (`dep_in`, `tag`, `pos`, `head_lemma_in`, `head_dep_in`, `has`), of the act (`type_in`,
`flag`), and `not`, `any`, `all`. Every rule names its `example`, the events the coder gives
for it (`expect`) and the PLOVER manual section or ANNOTATION.md rule it `follows`;
tests/test_slots.py codes each example. See docs/how-to-add-a-rule.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.datafiles import LINE_KEY, load_yaml, package_data
from bilateral.errors import DataFileError
from bilateral.events.lexicon import Predicate, Slot
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree
from bilateral.ontology import PLOVER_TYPES
from bilateral.rules import finders
from bilateral.rules.schema import Field, Shape, check_entry
from bilateral.rules.words import WordLists, word_lists

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver

WORDS = word_lists()  # data/rules/words.yaml
STAGES = ("commander", "source", "target", "agentless")
WALKS = frozenset({"commander", "source"})  # the stages whose rules look at one word at a time
CLIMB_LIMIT = 64  # a parse is a tree, so a walk up it ends; this only guards a broken parse


@dataclass
class Step:
    """One word of the source walk: the word the rules look at now and the act's trigger."""

    word: Token
    trigger: Token
    resolver: ActorResolver

    @cached_property
    def passive(self) -> bool:
        return syn.is_passive(self.word)

    @cached_property
    def subject(self) -> Token | None:
        """The word's own subject (a passive's grammatical subject is its object, not its doer),
        or a proper noun the parser left as a modifier."""
        return next((c for c in children(self.word) if c.dep_ in {"nsubj", "csubj"} or (
            c.dep_ == "nsubjpass" and not self.passive)), None) or syn.misparsed_subject(self.word)


@dataclass
class SlotAct:
    """What the target and agentless rules look at: the act's reading, trigger, objects, sources
    and (for an agentless passive) targets."""

    predicate: Predicate
    verb: Token
    objects: list[Token]
    resolver: ActorResolver
    event_noun: Token | None
    source_codes: list[str]
    nouns: Any  # the lexicon's event nouns, by lemma
    targets: list[Actor] = field(default_factory=list)

    @property
    def word(self) -> Token:
        return self.verb


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
    "head_object": lambda s: [[d]] if (d := next((c for c in children(s.word.head) if c.dep_ == "dobj"), None)) else [],
}

SOURCE_TESTS: dict[str, Callable[[Step], bool]] = {
    "passive": lambda s: s.passive,
    "at_trigger": lambda s: s.word.i == s.trigger.i,
    "several_subjects": lambda s: sum(c.dep_ == "nsubj" for c in children(s.word)) > 1,
    "relative_subject": lambda s: s.subject is not None and s.subject.lower_ in syn.clause.RELATIVE_PRONOUNS,
    "gerund_clause": lambda s: syn.is_gerund_clause(s.word),
    "has_head": lambda s: s.word.head.i != s.word.i,
}


def _joint_promise(r: SlotAct) -> bool:
    return len(r.source_codes) > 1 and r.verb.dep_ == "xcomp" and r.verb.head.lemma_.lower() in WORDS["future_wrappers"]


TARGET_TESTS: dict[str, Callable[[SlotAct], bool]] = {
    "event_noun": lambda r: r.event_noun is not None,
    "several_sources": lambda r: len(r.source_codes) > 1,
    "joint_promise": _joint_promise,
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
    if subj is None:
        return False
    codes = {a.code for a in s.resolver.actors_of(subj)}
    forces = [a for o in children(head) if o.dep_ == "dobj" for a in s.resolver.actors_of(o)]
    return bool(forces) and all(a.code in codes and a.sector in sectors for a in forces)


def _place_country(r: SlotAct, heads: Heads, then: Then) -> list[Actor]:
    """The country of the place the clause names, as the sector `then.sector` of it ("Kovrig has
    been detained in China": the Chinese state)."""
    place = r.resolver.clause_location(r.verb)
    return [replace(place, sector=then.sector)] if place is not None else []


FINDERS: dict[str, Callable[[SlotAct, Heads, Then], list[Actor]]] = {
    "slots": _find_slots,
    "preps_below": lambda r, heads, then: finders.preps_below([h for h, _, _ in heads], then.preps, r.resolver),
    "victims": lambda r, heads, then: finders.victims([h for h, _, _ in heads], r.verb, r.resolver, r.source_codes),
    "clause_subjects": lambda r, heads, then: [a for h, _, _ in heads for a in finders.clause_subjects(h, r.resolver)],
    "participle_agents": lambda r, heads, then: finders.participle_agents([h for h, _, _ in heads], r.resolver),
    "first_actor_within": lambda r, heads, then: finders.first_actor_within(
        [h for h, _, _ in heads], r.resolver, set(r.source_codes)),
    "fight_opponents": lambda r, heads, then: finders.opponents(
        [h for h, _, _ in heads], then.preps, then.nouns, r.resolver),
    "place_country": _place_country,
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
    exclude_sources: bool = False
    exclude_targets: bool = False


RULE = Shape({
    "id": Field(str), "stage": Field(str), "when": Field(list), "then": Field(dict),
    "example": Field(str), "expect": Field(list), "follows": Field(str), "why": Field(str, required=False),
})
SOURCE_ACTIONS = ("take", "take_found", "climb", "none")
CLIMBS = frozenset({"head", "head_of_head"})


@dataclass(frozen=True)
class SlotRule:
    id: str
    stage: str
    when: tuple[Any, ...]
    then: Then
    example: str
    expect: tuple[dict[str, Any], ...]
    follows: str
    line: int
    words: WordLists = field(repr=False, compare=False)

    @cached_property
    def _tests(self) -> tuple[Callable[[Any], bool], ...]:
        tests = SOURCE_TESTS if self.stage in WALKS else TARGET_TESTS
        return tuple(_compiled(c, tests, self.words) for c in self.when)

    def matches(self, at: Any) -> bool:
        return all(test(at) for test in self._tests)

    def answer(self, step: Step, resolver: ActorResolver) -> list[Actor] | Token | None:
        """A source rule's answer at a step: actors, a word to climb to, or None (go on)."""
        then = self.then
        if then.action == "none":
            return []
        groups = PICKS[then.pick or ""](step)
        if then.action == "climb":
            return groups[0][0]
        if then.action == "take":
            found = [a for t in (groups[0] if groups else []) for a in resolver.actors_of(t)]
            return finders.unique_actors(found) if then.unique else found
        for group in groups:  # take_found
            found = [a for t in group for a in resolver.actors_of(t)]
            if found:
                return found
        return None

    def find(self, r: SlotAct) -> list[Actor]:
        """A target rule's recipients (none found: the next rule is tried)."""
        then = self.then
        found = FINDERS[then.find or ""](r, ON[then.at or ""](r), then)
        if then.exclude_sources:
            found = [a for a in found if a.code not in r.source_codes]
        if then.exclude_targets:
            found = [a for a in found if a.code not in {t.code for t in r.targets}]
        return found


# Tests of the word at hand (the step's word, or the act's trigger) and of the act.
WORD_TESTS: dict[str, Callable[[Any, Any, WordLists], bool]] = {
    "dep_in": lambda at, deps, words: at.word.dep_ in deps,
    "tag": lambda at, tag, words: at.word.tag_ == tag,
    "pos": lambda at, pos, words: at.word.pos_ == pos,
    "head_lemma_in": lambda at, name, words: at.word.head.lemma_.lower() in words[name],
    "head_dep_in": lambda at, deps, words: at.word.head.dep_ in deps,
    "has": lambda at, pick, words: bool(PICKS[pick](at)),
    "head_objects_own": lambda at, name, words: _own_forces(at, words[name]),
    "type_in": lambda at, types, words: at.predicate.plover_type in types,
    "flag": lambda at, flag, words: flag in at.predicate.flags,
}
WALK_CONDITIONS = frozenset({"dep_in", "tag", "pos", "head_lemma_in", "head_dep_in", "has", "head_objects_own"})
STAGE_CONDITIONS = {"commander": WALK_CONDITIONS, "source": WALK_CONDITIONS,
                    "target": frozenset({"type_in", "flag"}), "agentless": frozenset({"type_in", "flag"})}


def _compiled(condition: Any, tests: dict[str, Callable[[Any], bool]], words: WordLists) -> Callable[[Any], bool]:
    if isinstance(condition, str):
        return tests[condition]
    key, value = next((k, v) for k, v in condition.items() if k != LINE_KEY)
    if key == "not":
        inner = _compiled(value, tests, words)
        return lambda at: not inner(at)
    if key in {"any", "all"}:
        options = [_compiled(c, tests, words) for c in value]
        combine = any if key == "any" else all
        return lambda at: combine(option(at) for option in options)
    test = WORD_TESTS[key]
    return lambda at: test(at, value, words)


class Slots:
    """The slot rules of one file, by stage, checked on load; `source` and `targets` apply them."""

    def __init__(self, path: Path | None = None, words: WordLists | None = None) -> None:
        self.path = path or package_data("rules", "slots.yaml")
        self.words = words or word_lists()
        data = load_yaml(self.path)
        if not isinstance(data, list):
            raise DataFileError(str(self.path), None, "expected a list of rules")
        self.rules = [self._rule(entry) for entry in data]
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise DataFileError(str(self.path), rule.line, f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        self.by_stage = {stage: tuple(r for r in self.rules if r.stage == stage) for stage in STAGES}

    def source(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who does the verb's act, by the first source rule that answers at the verb or at a
        word it climbs to; nobody when no rule answers."""
        return self._walk("source", verb, resolver)

    def commander(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who ordered the verb's act of their own forces, and so did it (stage `commander`)."""
        return self._walk("commander", verb, resolver)

    def _walk(self, stage: str, verb: Token, resolver: ActorResolver) -> list[Actor]:
        step = Step(verb, verb, resolver)
        for _ in range(CLIMB_LIMIT):
            answer = self._first_answer(stage, step, resolver)
            if not isinstance(answer, Token):
                return answer or []
            step = Step(answer, verb, resolver)
        return []

    def _first_answer(self, stage: str, step: Step, resolver: ActorResolver) -> list[Actor] | Token | None:
        for rule in self.by_stage[stage]:
            if rule.matches(step):
                answer = rule.answer(step, resolver)
                if answer is not None:
                    return answer
        return None

    def targets(self, act: SlotAct) -> list[Actor]:
        """The recipients found by the first target rule that finds any."""
        return self._first_found("target", act)

    def agentless(self, act: SlotAct) -> list[Actor]:
        """Who did an act told in the passive with no agent, by the first agentless rule that
        finds anyone."""
        return self._first_found("agentless", act)

    def _first_found(self, stage: str, act: SlotAct) -> list[Actor]:
        for rule in self.by_stage[stage]:
            if rule.matches(act):
                found = rule.find(act)
                if found:
                    return found
        return []


    # -- reading and checking the file ----------------------------------------------------------

    def _rule(self, entry: Any) -> SlotRule:
        name = str(entry.get("id", "rule")) if isinstance(entry, dict) else "rule"
        check_entry(self.path, name, entry, RULE)
        line, stage = entry[LINE_KEY], entry["stage"]
        if stage not in STAGES:
            self._fail(line, name, f"stage {stage!r} is not one of {', '.join(STAGES)}")
        for condition in entry["when"]:
            self._check_condition(condition, stage, line, name)
        then = {k: v for k, v in entry["then"].items() if k != LINE_KEY}
        action = self._source_then(then, line, name) if stage in WALKS else self._target_then(then, line, name)
        return SlotRule(name, stage, tuple(entry["when"]), action, entry["example"],
                        tuple({k: v for k, v in e.items() if k != LINE_KEY} for e in entry["expect"]),
                        entry["follows"], line, self.words)

    def _source_then(self, then: dict[str, Any], line: int, name: str) -> Then:
        if then == {"action": "none"}:
            return Then("none")
        actions = [k for k in then if k in SOURCE_ACTIONS]
        if len(actions) != 1 or set(then) - {actions[0], "unique"}:
            self._fail(line, name, f"then: expected one of take, take_found, climb, or action: none (found {then})")
        action, pick = actions[0], then[actions[0]]
        if pick not in (CLIMBS if action == "climb" else PICKS):
            known = CLIMBS if action == "climb" else PICKS
            self._fail(line, name, f"then.{action}: unknown word {pick!r}; known: {', '.join(sorted(known))}")
        return Then(action, pick=pick, unique=bool(then.get("unique", False)))

    def _target_then(self, then: dict[str, Any], line: int, name: str) -> Then:
        unknown = set(then) - {"find", "at", "slots", "preps", "nouns", "sector", "exclude_sources", "exclude_targets"}
        if unknown or then.get("find") not in FINDERS or then.get("at") not in ON:
            self._fail(line, name, f"then: expected find ({', '.join(FINDERS)}) at ({', '.join(ON)}), with "
                                   f"slots, preps, nouns, sector, exclude_sources or exclude_targets (found {then})")
        if "nouns" in then and then["nouns"] not in self.words.sets:
            self._fail(line, name, f"then.nouns: no word list {then['nouns']!r} in words.yaml")
        slots = None if then.get("slots", "lexicon") == "lexicon" else tuple(
            self._slot(raw, line, name) for raw in then["slots"])
        return Then("find", find=then["find"], at=then["at"], slots=slots,
                    preps=frozenset(then.get("preps", ())),
                    nouns=self.words[then["nouns"]] if "nouns" in then else frozenset(), sector=then.get("sector"),
                    exclude_sources=bool(then.get("exclude_sources")), exclude_targets=bool(then.get("exclude_targets")))

    def _slot(self, raw: Any, line: int, name: str) -> Slot:
        if isinstance(raw, str) and raw.startswith("prep:") and len(raw) > 5:
            return Slot("prep", raw[5:])
        if raw in {"obj", "dative", "poss", "amod", "compound"}:
            return Slot(raw)
        return self._fail(line, name, f"then.slots: unknown slot {raw!r} (obj, dative, poss, amod, compound, prep:WORD)")

    def _check_condition(self, condition: Any, stage: str, line: int, name: str) -> None:
        tests = SOURCE_TESTS if stage in WALKS else TARGET_TESTS
        if isinstance(condition, str):
            if condition not in tests:
                self._fail(line, name, f"unknown {stage} test {condition!r}; known: {', '.join(sorted(tests))}")
            return
        keys = [k for k in condition if k != LINE_KEY] if isinstance(condition, dict) else []
        if len(keys) != 1:
            self._fail(line, name, f"a condition is a test name or a one-key mapping, not {condition!r}")
        key, value = keys[0], condition[keys[0]]
        if key == "not":
            self._check_condition(value, stage, line, name)
        elif key in {"any", "all"}:
            for inner in value:
                self._check_condition(inner, stage, line, name)
        elif key not in STAGE_CONDITIONS[stage]:
            self._fail(line, name, f"unknown {stage} condition {key!r}")
        elif key in {"head_lemma_in", "head_objects_own"} and value not in self.words.sets:
            self._fail(line, name, f"{key}: no word list {value!r} in words.yaml")
        elif key == "has" and value not in PICKS:
            self._fail(line, name, f"has: unknown word {value!r}; known: {', '.join(sorted(PICKS))}")
        elif key == "type_in" and not (isinstance(value, list) and set(value) <= set(PLOVER_TYPES)):
            self._fail(line, name, f"type_in: expected a list of PLOVER types, found {value!r}")

    def _fail(self, line: int, name: str, reason: str) -> NoReturn:
        raise DataFileError(str(self.path), line, f"{name}: {reason}")


@lru_cache(maxsize=1)
def slots() -> Slots:
    """The packaged slot rules, read once per process (they are immutable)."""
    return Slots()
