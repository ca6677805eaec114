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
from dataclasses import dataclass, field
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
STAGES = ("source", "target")
CLIMB_LIMIT = 64  # a parse is a tree, so a walk up it ends; this only guards a broken parse


@dataclass
class Step:
    """One word of the source walk: the word the rules look at now and the act's trigger."""

    word: Token
    trigger: Token

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
class Recipients:
    """What the target rules look at: the act's reading, trigger, objects and sources."""

    predicate: Predicate
    verb: Token
    objects: list[Token]
    resolver: ActorResolver
    event_noun: Token | None
    source_codes: list[str]
    nouns: Any  # the lexicon's event nouns, by lemma

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


def _joint_promise(r: Recipients) -> bool:
    return len(r.source_codes) > 1 and r.verb.dep_ == "xcomp" and r.verb.head.lemma_.lower() in WORDS["future_wrappers"]


TARGET_TESTS: dict[str, Callable[[Recipients], bool]] = {
    "event_noun": lambda r: r.event_noun is not None,
    "several_sources": lambda r: len(r.source_codes) > 1,
    "joint_promise": _joint_promise,
}

# The words a target rule looks on: (word, its objects, whether the source's own pronouns are
# spared) for each.
Heads = list[tuple[Token, list[Token], bool]]
ON: dict[str, Callable[[Recipients], Heads]] = {
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


def _lexicon_or(slots: tuple[Slot, ...] | None, r: Recipients) -> tuple[Slot, ...]:
    return r.predicate.targets if slots is None else slots


def _find_slots(r: Recipients, heads: Heads, then: Then) -> list[Actor]:
    own = frozenset(r.source_codes)
    for head, objs, spare_own in heads:
        found = finders.slot_actors(_lexicon_or(then.slots, r), head, objs, r.resolver, own if spare_own else frozenset())
        if found:
            return found
    return []


FINDERS: dict[str, Callable[[Recipients, Heads, Then], list[Actor]]] = {
    "slots": _find_slots,
    "preps_below": lambda r, heads, then: finders.preps_below([h for h, _, _ in heads], then.preps, r.resolver),
    "victims": lambda r, heads, then: finders.victims([h for h, _, _ in heads], r.verb, r.resolver, r.source_codes),
    "clause_subjects": lambda r, heads, then: [a for h, _, _ in heads for a in finders.clause_subjects(h, r.resolver)],
    "participle_agents": lambda r, heads, then: finders.participle_agents([h for h, _, _ in heads], r.resolver),
    "first_actor_within": lambda r, heads, then: finders.first_actor_within(
        [h for h, _, _ in heads], r.resolver, set(r.source_codes)),
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
    exclude_sources: bool = False


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
        tests = SOURCE_TESTS if self.stage == "source" else TARGET_TESTS
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

    def find(self, r: Recipients) -> list[Actor]:
        """A target rule's recipients (none found: the next rule is tried)."""
        then = self.then
        found = FINDERS[then.find or ""](r, ON[then.at or ""](r), then)
        return [a for a in found if a.code not in r.source_codes] if then.exclude_sources else found


# Tests of the word at hand (the step's word, or the act's trigger) and of the act.
WORD_TESTS: dict[str, Callable[[Any, Any, WordLists], bool]] = {
    "dep_in": lambda at, deps, words: at.word.dep_ in deps,
    "tag": lambda at, tag, words: at.word.tag_ == tag,
    "pos": lambda at, pos, words: at.word.pos_ == pos,
    "head_lemma_in": lambda at, name, words: at.word.head.lemma_.lower() in words[name],
    "head_dep_in": lambda at, deps, words: at.word.head.dep_ in deps,
    "has": lambda at, pick, words: bool(PICKS[pick](at)),
    "type_in": lambda at, types, words: at.predicate.plover_type in types,
    "flag": lambda at, flag, words: flag in at.predicate.flags,
}
STAGE_CONDITIONS = {"source": {"dep_in", "tag", "pos", "head_lemma_in", "head_dep_in", "has"},
                    "target": {"type_in", "flag"}}


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
        step = Step(verb, verb)
        for _ in range(CLIMB_LIMIT):
            answer = self._first_answer(step, resolver)
            if not isinstance(answer, Token):
                return answer or []
            step = Step(answer, verb)
        return []

    def _first_answer(self, step: Step, resolver: ActorResolver) -> list[Actor] | Token | None:
        for rule in self.by_stage["source"]:
            if rule.matches(step):
                answer = rule.answer(step, resolver)
                if answer is not None:
                    return answer
        return None

    def targets(self, recipients: Recipients) -> list[Actor]:
        """The recipients found by the first target rule that finds any."""
        for rule in self.by_stage["target"]:
            if rule.matches(recipients):
                found = rule.find(recipients)
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
        action = self._source_then(then, line, name) if stage == "source" else self._target_then(then, line, name)
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
        unknown = set(then) - {"find", "at", "slots", "preps", "exclude_sources"}
        if unknown or then.get("find") not in FINDERS or then.get("at") not in ON:
            self._fail(line, name, f"then: expected find ({', '.join(FINDERS)}) at ({', '.join(ON)}), "
                                   f"with slots, preps or exclude_sources (found {then})")
        slots = None if then.get("slots", "lexicon") == "lexicon" else tuple(
            self._slot(raw, line, name) for raw in then["slots"])
        return Then("find", find=then["find"], at=then["at"], slots=slots,
                    preps=frozenset(then.get("preps", ())), exclude_sources=bool(then.get("exclude_sources")))

    def _slot(self, raw: Any, line: int, name: str) -> Slot:
        if isinstance(raw, str) and raw.startswith("prep:") and len(raw) > 5:
            return Slot("prep", raw[5:])
        if raw in {"obj", "dative", "poss", "amod", "compound"}:
            return Slot(raw)
        return self._fail(line, name, f"then.slots: unknown slot {raw!r} (obj, dative, poss, amod, compound, prep:WORD)")

    def _check_condition(self, condition: Any, stage: str, line: int, name: str) -> None:
        tests = SOURCE_TESTS if stage == "source" else TARGET_TESTS
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
        elif key == "head_lemma_in" and value not in self.words.sets:
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
