"""Who fills an act's slots, as data (`data/rules/slots.yaml`), and the engine that applies them.

The stages:

- `source`: who does a verb's act. The rules are tried at the verb, in file order; the first
  that matches and answers decides. A rule answers with the actors of the words it picks
  (`take`; `take_found` answers only when they name an actor, else the next rule is tried),
  answers nobody (`none`), or moves to another word (`climb`: "agreed to withdraw" climbs from
  "withdraw" to "agreed"), where the rules are tried again from the top.
- `owner`: who does an act that neither a commander nor a source rule found a doer for, by what
  it names as its own ("recalled its ambassador"); tried like `source`.
- `target`: who receives it. The rules are tried in file order while nobody has been found;
  each matching rule looks with one finder (`find`) at some words (`at`): the slots it names,
  the objects of prepositions inside them, the first actor within them...
- `within`, `victim`: what the finders ask as they look: every `within` rule that matches names
  words inside a head that `first_actor_within` passes over (`skip`: a participle describing it,
  a meeting's venue); a `victim` rule that matches leaves out a victim that took the sentence's
  country (`drop`).
- `sides`: once a verb's sources and targets are found, every rule in order whose conditions
  hold changes them (`sides`: talks "held between" two sides in the passive are held by them;
  sides that act on "one another" are each other's targets).
- `untargeted`, `agentless`, `shared`: whom a verb's act with no recipient after the sides
  rules is aimed at (its purpose), who did an agentless passive, which act lends its recipients;
  tried like `target`.
- `placed`, `pairs`: whom a kept act with no recipient, once typed, hits (the place where it
  happens), and how the participants pair into events (see docs/how-to-add-a-rule.md).
- `same_country`: an event whose source and target are of one country loses its target when
  a rule matches (a state does not act on itself).
- `targetless`: the dyadic output drops an event with no target when a rule matches (an
  interaction needs its recipient).

Conditions are a small pattern language over the syntax layer, as in constructions.yaml: test
names (`passive`, `gerund_clause`, ... see SOURCE_TESTS and TARGET_TESTS), tests of the word at
hand (`dep_in`, `tag`, `pos`, `head_lemma_in`, `head_of_head_lemma_in`, `head_dep_in`, `has`), of the act (`type_in`,
`flag`), and `not`, `any`, `all`. Every rule names its `example`, the events the coder gives
for it (`expect`) and the PLOVER manual section or ANNOTATION.md rule it `follows`;
tests/test_slots.py codes each example. See docs/how-to-add-a-rule.md.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from spacy.tokens import Token

from bilateral.datafiles import LINE_KEY, package_data
from bilateral.errors import DataFileError
from bilateral.events.lexicon import Slot
from bilateral.model import Actor
from bilateral.ontology import PLOVER_TYPES
from bilateral.rules import finders
from bilateral.rules.finders import Victim
from bilateral.rules.schema import RULE, check_entry, compiled_condition, condition_leaves, read_rules
from bilateral.rules.slot_terms import (
    FINDERS,
    ON,
    PAIRINGS,
    PICKS,
    SIDES,
    SKIPS,
    STAGE_CONDITIONS,
    STAGE_TESTS,
    WORD_TESTS,
    Pair,
    Pairing,
    SameCountry,
    Sides,
    SlotAct,
    Step,
    Targetless,
    Then,
)
from bilateral.rules.words import WordLists, word_lists

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver

STAGES = ("commander", "source", "owner", "target", "within", "victim", "sides", "untargeted", "agentless", "shared",
          "placed", "pairs", "same_country", "targetless")
VERDICTS = {"same_country": "untarget", "victim": "drop", "targetless": "drop"}  # stages whose rules only say yes
WALKS = frozenset({"commander", "source", "owner"})  # the stages whose rules look at one word at a time
CLIMB_LIMIT = 64  # a parse is a tree, so a walk up it ends; this only guards a broken parse


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
    tests: tuple[Callable[[Any], bool], ...] = field(init=False, repr=False, compare=False)
    deps: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiled on load, and a `dep_in` condition checked first without a call: the source
        # rules are tried for every verb, several times over.
        tests = STAGE_TESTS[self.stage]
        hoisted = next((c for c in self.when if isinstance(c, dict) and "dep_in" in c), None)
        object.__setattr__(self, "deps", frozenset(hoisted["dep_in"]) if hoisted is not None else None)
        object.__setattr__(self, "tests", tuple(compiled_condition(c, tests, {}, self.words, WORD_TESTS)
                                                for c in self.when if c is not hoisted))

    def matches(self, at: Any) -> bool:
        if self.deps is not None and at.word.dep_ not in self.deps:
            return False
        for test in self.tests:  # noqa: SIM110 - a plain loop: no generator made per rule tried
            if not test(at):
                return False
        return True

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

    def lend(self, step: Step) -> Token:
        """A shared rule's lender: the word its `borrow` names."""
        return PICKS[self.then.borrow or ""](step)[0][0]

    def change(self, act: Sides) -> None:
        """A sides rule's change of the act's sources, targets and mutuality."""
        SIDES[self.then.sides or ""](act)

    def untargets(self, pair: SameCountry) -> bool:
        """A same_country rule's verdict: the event loses its target."""
        return self.matches(pair)

    def drops(self, at: Victim | Targetless) -> bool:
        """A victim or targetless rule's verdict: the victim or the event is left out."""
        return self.matches(at)

    def skips(self, step: Step) -> set[int]:
        """A within rule's words to pass over inside the step's word (none if it does not match)."""
        return SKIPS[self.then.skip or ""](step.word, self.then) if self.matches(step) else set()

    def pair(self, pairing: Pairing) -> list[Pair]:
        """A pairs rule's events: (source, target, reciprocal) for each."""
        return PAIRINGS[self.then.pair or ""](pairing, self.then)

    def find(self, r: SlotAct) -> list[Actor]:
        """A target rule's recipients (none found: the next rule is tried)."""
        then = self.then
        found = FINDERS[then.find or ""](r, ON[then.at or ""](r), then)
        if then.exclude_sources:
            found = [a for a in found if a.code not in r.source_codes]
        if then.exclude_targets:
            found = [a for a in found if a.code not in {t.code for t in r.targets}]
        return found


class Slots:
    """The slot rules of one file, by stage, checked on load; `source` and `targets` apply them."""

    def __init__(self, path: Path | None = None, words: WordLists | None = None) -> None:
        self.path = path or package_data("rules", "slots.yaml")
        self.words = words or word_lists()
        self.rules = read_rules(self.path, self._rule)
        self.by_stage = {stage: tuple(r for r in self.rules if r.stage == stage) for stage in STAGES}
        # A walk's rules indexed by the dependency of the word at hand: only those that can match
        # it are tried (a rule with no `dep_in` condition can match any), in file order.
        self.by_dep: dict[str, dict[str, tuple[SlotRule, ...]]] = {}
        for stage in WALKS:
            rules = self.by_stage[stage]
            named = {dep for r in rules for dep in r.deps or ()}
            self.by_dep[stage] = {dep: tuple(r for r in rules if r.deps is None or dep in r.deps) for dep in named}
            self.by_dep[stage][""] = tuple(r for r in rules if r.deps is None)

    def source(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who does the verb's act, by the first source rule that answers at the verb or at a
        word it climbs to; nobody when no rule answers."""
        return self._walk("source", verb, resolver)

    def commander(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who ordered the verb's act of their own forces, and so did it (stage `commander`)."""
        return self._walk("commander", verb, resolver)

    def owner(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who does an act no commander or subject was found for, by what it names as its own
        ("..., and recalled its ambassador"; stage `owner`)."""
        return self._walk("owner", verb, resolver)

    def _walk(self, stage: str, verb: Token, resolver: ActorResolver) -> list[Actor]:
        by_dep = self.by_dep[stage]
        word = verb
        for _ in range(CLIMB_LIMIT):
            rules = by_dep.get(word.dep_) or by_dep[""]
            if not rules:
                return []  # no rule of the stage can answer here
            answer = self._first_answer(rules, Step(word, verb, resolver), resolver)
            if not isinstance(answer, Token):
                return answer or []
            word = answer
        return []

    @staticmethod
    def _first_answer(rules: tuple[SlotRule, ...], step: Step, resolver: ActorResolver) -> list[Actor] | Token | None:
        for rule in rules:  # (their dependency already fits: only their other tests are asked)
            for test in rule.tests:
                if not test(step):
                    break
            else:
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

    def untargeted(self, act: SlotAct) -> list[Actor]:
        """Whom a verb's act with no recipient after the sides rules is aimed at, by the first
        untargeted rule that finds anyone ("used tear gas to disperse the protesters")."""
        return self._first_found("untargeted", act)

    def placed(self, act: SlotAct) -> list[Actor]:
        """Whom a kept act with no recipient hits, by the first placed rule that finds anyone
        (the place where it happens); `act.type` is its type as typed."""
        return self._first_found("placed", act)

    def skipped_within(self, head: Token, trigger: Token) -> set[int]:
        """The words inside `head` that first_actor_within passes over: every within rule's."""
        step = Step(head, trigger)
        skipped: set[int] = set()
        for rule in self.by_stage["within"]:
            skipped |= rule.skips(step)
        return skipped

    def drops_victim(self, victim: Victim) -> bool:
        """Whether a victim that took the sentence's country is left out (a victim rule matches)."""
        return any(rule.drops(victim) for rule in self.by_stage["victim"])

    def drops_targetless(self, event: Targetless) -> bool:
        """Whether the dyadic output drops an event with no target (a targetless rule matches)."""
        return any(rule.drops(event) for rule in self.by_stage["targetless"])

    def sides(self, act: Sides) -> None:
        """Change the act's sides by every sides rule, in order, whose conditions hold of the
        sides as the rules before it left them."""
        for rule in self.by_stage["sides"]:
            if rule.matches(act):
                rule.change(act)

    def lender(self, trigger: Token) -> Token | None:
        """The word whose act lends its recipients to the trigger's act, by the first `shared`
        rule that matches, if any."""
        step = Step(trigger, trigger)
        for rule in self.by_stage["shared"]:
            if rule.matches(step):
                return rule.lend(step)
        return None

    def pairs(self, pairing: Pairing) -> list[Pair]:
        """The act's participants paired into events by the first pairs rule that matches."""
        for rule in self.by_stage["pairs"]:
            if rule.matches(pairing):
                return rule.pair(pairing)
        return []

    def no_target(self, pair: SameCountry) -> bool:
        """Whether a state's act on its own country has no recipient after all (the first
        same_country rule that matches says so)."""
        return any(rule.untargets(pair) for rule in self.by_stage["same_country"])

    def _first_found(self, stage: str, act: SlotAct) -> list[Actor]:
        act.rules = self  # what the finders ask as they look (within, victim)
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
        action = self._then(stage, then, line, name)
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

    def _then(self, stage: str, then: dict[str, Any], line: int, name: str) -> Then:
        if stage in WALKS:
            return self._source_then(then, line, name)
        if stage == "pairs":
            return self._pairs_then(then, line, name)
        if stage in VERDICTS:
            if then != {"action": VERDICTS[stage]}:
                self._fail(line, name, f"then: expected action: {VERDICTS[stage]} (found {then})")
            return Then(VERDICTS[stage])
        if stage == "within":
            return self._within_then(then, line, name)
        if stage == "sides":
            if set(then) != {"sides"} or then["sides"] not in SIDES:
                self._fail(line, name, f"then: expected sides ({', '.join(SIDES)}) (found {then})")
            return Then("sides", sides=then["sides"])
        if stage == "shared":
            if set(then) != {"borrow"} or then["borrow"] not in CLIMBS:
                self._fail(line, name, f"then: expected borrow ({', '.join(sorted(CLIMBS))}) (found {then})")
            return Then("borrow", borrow=then["borrow"])
        return self._target_then(then, line, name)

    def _within_then(self, then: dict[str, Any], line: int, name: str) -> Then:
        if then.get("skip") not in SKIPS or set(then) - {"skip", "nouns"}:
            self._fail(line, name, f"then: expected skip ({', '.join(SKIPS)}), with nouns (found {then})")
        return Then("skip", skip=then["skip"], nouns=self._nouns(then, line, name))

    def _nouns(self, then: dict[str, Any], line: int, name: str) -> frozenset[str]:
        if "nouns" not in then:
            return frozenset()
        if then["nouns"] not in self.words.sets:
            self._fail(line, name, f"then.nouns: no word list {then['nouns']!r} in words.yaml")
        return self.words[then["nouns"]]

    def _pairs_then(self, then: dict[str, Any], line: int, name: str) -> Then:
        if then.get("pair") not in PAIRINGS or set(then) - {"pair", "sector"}:
            self._fail(line, name, f"then: expected pair ({', '.join(PAIRINGS)}), with sector (found {then})")
        return Then("pair", pair=then["pair"], sector=then.get("sector"))

    def _target_then(self, then: dict[str, Any], line: int, name: str) -> Then:
        unknown = set(then) - {"find", "at", "slots", "preps", "nouns", "sector", "exclude_sources", "exclude_targets"}
        if unknown or then.get("find") not in FINDERS or then.get("at") not in ON:
            self._fail(line, name, f"then: expected find ({', '.join(FINDERS)}) at ({', '.join(ON)}), with "
                                   f"slots, preps, nouns, sector, exclude_sources or exclude_targets (found {then})")
        slots = None if then.get("slots", "lexicon") == "lexicon" else tuple(
            self._slot(raw, line, name) for raw in then["slots"])
        return Then("find", find=then["find"], at=then["at"], slots=slots,
                    preps=frozenset(then.get("preps", ())),
                    nouns=self._nouns(then, line, name), sector=then.get("sector"),
                    exclude_sources=bool(then.get("exclude_sources")), exclude_targets=bool(then.get("exclude_targets")))

    def _slot(self, raw: Any, line: int, name: str) -> Slot:
        if isinstance(raw, str) and raw.startswith("prep:") and len(raw) > 5:
            return Slot("prep", raw[5:])
        if raw in {"obj", "dative", "poss", "amod", "compound"}:
            return Slot(raw)
        return self._fail(line, name, f"then.slots: unknown slot {raw!r} (obj, dative, poss, amod, compound, prep:WORD)")

    def _check_condition(self, condition: Any, stage: str, line: int, name: str) -> None:
        tests = STAGE_TESTS[stage]
        try:
            leaves = condition_leaves(condition)
        except ValueError as bad:
            self._fail(line, name, str(bad))
        for key, value in leaves:
            if key is None and value not in tests:
                self._fail(line, name, f"unknown {stage} test {value!r}; known: {', '.join(sorted(tests))}")
            elif key is None:
                continue
            elif key not in STAGE_CONDITIONS[stage]:
                self._fail(line, name, f"unknown {stage} condition {key!r}")
            elif key in {"lemma_in", "head_lemma_in", "head_of_head_lemma_in", "head_objects_own", "typed_in",
                         "promised_in", "sector_in"} \
                    and value not in self.words.sets:
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
