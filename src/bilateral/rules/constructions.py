"""Constructions as data (`data/rules/constructions.yaml`) and the engine that applies them.

A construction is a rule: at a `stage` of coding, `when` every condition holds of the act at hand,
`then` its action is taken. The conditions are a small pattern language over the syntax layer:
named tests (`negated`, `failed`, ... see TESTS), tests against the word lists (`lemma_in`,
`cameo_in`, `type_in`, `object_lemma_in`, `flag`, `cameo`), `not`, `any` and `all`. The actions are
`drop` (no event), `refuse` (a rejection, PLOVER REJECT), `set`/`add_flags` (another reading
of the act: CAMEO code, PLOVER type and mode) and `untarget` (the act has no recipient after all). Within a stage the rules are tried in file order
and the first that matches decides. The stages, in the order the coder reaches them:

- `sentence`: once per sentence, before any act (the rule's act is the sentence's root, with no
  reading or actors): `drop` codes nothing in it (analysts' commentary);
- `choose`, `preferred`, `unmatched`, `recipients`: a verb's reading given by the sentence's
  shape before the lexicon is asked, picked among the lexicon's, given when no lexicon reading
  fits, and once the recipients are found (their actions and tests: rules/reading_tests.py);
- `preferred_nominal`: an event noun's reading, picked among the lexicon's;
- `reading`: a verb's lexicon reading is settled (after its recipients are found);
- `sourceless`: an event noun with no source of its own finds one (a meeting framing a clause);
- `nominal`: an event noun's reading is settled (or it is dropped);
- `retold`: an act told in reported speech that is the speaker's act (an obligation: a demand);
- `act`: before an act becomes events, its modality (negation, failure, statements);
- `intent`, `unreal`: threats and offers, then acts that did not happen;
- `kept`: acts inside wrappers, and which acts are not events after all.

Every rule names its `example` sentence and what the coder gives for it (`expect`), and the
PLOVER manual section or ANNOTATION.md rule it `follows`; tests/test_constructions.py codes each
example. See docs/how-to-add-a-rule.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.datafiles import LINE_KEY, package_data
from bilateral.errors import DataFileError
from bilateral.events import modality as mod
from bilateral.events.lexicon import Predicate
from bilateral.model import Actor
from bilateral.nlp.tree import (
    children,
)
from bilateral.ontology import PLOVER_TYPES
from bilateral.rules.act_tests import (
    Act,
    _aimed_at,
    _concluded_here,
    _direct_question,
    _done_by_an_act,
    _object_carries_act,
    _object_modified_by,
    _occasion_of_clause,
    _promised_act_below,
    _sentence_says,
    _speaker_of_sectors,
    _targets_inside,
    _told_by_another,
    _told_on_act,
    _told_on_word,
    _verbal_commentary,
)
from bilateral.rules.reading_tests import (
    READING_ACTIONS,
    READING_LIST_TESTS,
    READING_STAGES,
    READING_TESTS,
    SOURCE_QUESTIONS,
    ReadAs,
    check_read_as,
    said_in_clause,
    said_of_object,
)
from bilateral.rules.schema import RULE, check_entry, compiled_condition, condition_leaves, read_rules
from bilateral.rules.words import WordLists, word_lists
from bilateral.syntax import is_negated

if TYPE_CHECKING:
    pass

STAGES = ("sentence", "choose", "preferred", "unmatched", "recipients", "reading", "preferred_nominal", "sourceless", "nominal",
          "retold", "act", "intent", "unreal", "kept")
ACTIONS = ("drop", "rule_out", "refuse", "set", "threat", "offer", "untarget", "read_object_noun", "read_as",
           "speaker_does", "sources_from", "prefer")
# Actions that leave an act out; `rule_out` also keeps the learned fallback from typing the sentence
# when the act is the sentence's main one (the rule has read the sentence: it tells no event).
DROPS = frozenset({"drop", "rule_out"})
RULE_OUT_STAGES = ("act", "unreal", "kept")
NAMED_ACTIONS = ("set", "read_as", "speaker_does", "sources_from")  # written {name: value}


# Named tests: each a question about the act, answered by the syntax layer or the actors.
TESTS: dict[str, Callable[[Act], bool]] = {
    "negated": lambda act: is_negated(act.trigger),
    "direct_question": _direct_question,
    "failed": lambda act: mod.is_failed(act.trigger),
    "intended_by_noun": lambda act: mod.is_intended_by_noun(act.trigger),
    "no_plover_type": lambda act: act.predicate.plover_type is None,
    "no_targets": lambda act: not act.targets,
    "targets_are_places": lambda act: bool(act.targets) and all(t.kind == "place" for t in act.targets),
    # the words of the act name the place where it happened ("a strike on a school *in Gaza City*")
    "names_its_place": lambda act: act.resolver is not None and act.resolver.clause_location(act.trigger) is not None,
    "several_sources": lambda act: len({a.code for a in act.sources}) > 1,
    "states_or_people_act": lambda act: all(a.kind in {"state", "person"} for a in act.sources),
    "people_act": lambda act: bool(act.sources) and all(a.kind == "person" for a in act.sources),
    "organization_targets": lambda act: bool(act.targets) and all(t.kind == "organization" for t in act.targets),
    "foreign_targets": lambda act: bool(act.targets) and bool(act.sources)
    and not {t.code for t in act.targets} & {s.code for s in act.sources},
    "promised_act_below": _promised_act_below,
    "verbal_commentary": _verbal_commentary,
    "refused": lambda act: act.refused,
    "conditional": lambda act: act.condition is not None,
    "unless": lambda act: act.condition == "unless",
    "announced": lambda act: mod.is_announced(act.trigger),
    "threat_or_offer": lambda act: act.intent is not None,
    "hypothetical": lambda act: mod.is_hypothetical(act.trigger),
    "expectation": lambda act: mod.expectation(act.trigger),
    "forecast_noun": lambda act: mod.forecast_noun(act.trigger),
    "done_by_an_act": _done_by_an_act,
    "background_state": lambda act: mod.is_background_state(act.trigger),
    "counted_from": lambda act: mod.is_counted_from(act.trigger),
    "answers_told_act": lambda act: act.answered,
    "told_by_another": _told_by_another,
    # "ordered the UN mission to leave": the object is told to act, it is not the act ordered
    "infinitive_below": lambda act: any(c.dep_ in {"xcomp", "ccomp"} and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in children(c)) for c in children(act.trigger)),
}
# Tests against a word list of data/rules/words.yaml (or, for `cameo` and `flag`, one value).
LIST_TESTS: dict[str, Callable[[Act, Any, WordLists], bool]] = {
    "lemma_in": lambda act, name, words: act.trigger.lemma_.lower() in words[name],
    "cameo_in": lambda act, name, words: act.predicate.cameo in words[name],
    "type_in": lambda act, name, words: act.predicate.plover_type in words[name],
    "type_in_codes": lambda act, name, words: act.predicate.plover_type in words.tables[name],
    "object_lemma_in": lambda act, name, words: bool(act.predicate.object_lemmas & words[name]),
    "targets_inside_act_in": lambda act, name, words: _targets_inside(act, words[name]),
    "object_carrying_act_in": lambda act, name, words: _object_carries_act(act, words[name]),
    "direct_object_in": lambda act, name, words: any(c.dep_ == "dobj" and c.lemma_.lower() in words[name]
                                                     for c in children(act.trigger)),
    "subject_lemma_in": lambda act, name, words: any(c.dep_ == "nsubj" and c.lemma_.lower() in words[name]
                                                     for c in children(act.trigger)),
    # "refused to rule out sending jets": the verb of the trigger's to-infinitive
    "infinitive_lemma_in": lambda act, name, words: any(c.dep_ == "xcomp" and c.lemma_.lower() in words[name] and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in children(c)) for c in children(act.trigger)),
    "told_on_act_in": lambda act, name, words: _told_on_act(act, words[name]),
    "told_on_word_in": lambda act, name, words: _told_on_word(act, words[name]),
    "object_modifier_in": lambda act, name, words: _object_modified_by(act, words[name]),
    "aimed_at_in": lambda act, name, words: _aimed_at(act, words[name]),
    "sentence_says_in": lambda act, name, words: _sentence_says(act, words[name]),
    "speaker_sector_in": lambda act, name, words: _speaker_of_sectors(act, words[name]),
    "concluded_by_in": lambda act, name, words: _concluded_here(act.trigger, words[name]),
    "occasion_prep_in": lambda act, name, words: _occasion_of_clause(act.trigger, words[name]),
    "sources_sector_in": lambda act, name, words: bool(act.sources) and all(a.sector in words[name]
                                                                              for a in act.sources),
    "cameo": lambda act, value, words: act.predicate.cameo == value,
    "type": lambda act, value, words: act.predicate.plover_type == value,
    "flag": lambda act, value, words: value in act.predicate.flags,
}

# -- choosing a verb's reading (stages choose, unmatched, recipients), and acts inside wrappers (kept):
# rules/reading_tests.py
LIST_TESTS["said_of_object_in"] = lambda act, name, words: bool(said_of_object(act.trigger) & words[name])
# "said the seizure was a clear violation": what a that-clause says its subject is
LIST_TESTS["said_in_clause_in"] = lambda act, name, words: bool(said_in_clause(act.trigger) & words[name])
TESTS.update(READING_TESTS)
LIST_TESTS.update(READING_LIST_TESTS)
# --------------------------------------------------------------------------------------------------

SETTABLE = {"cameo", "plover_type", "plover_mode"}


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    when: tuple[Any, ...]
    action: str
    changes: tuple[tuple[str, Any], ...]
    add_flags: frozenset[str]
    example: str
    expect: tuple[dict[str, Any], ...]
    follows: str
    line: int
    words: WordLists = field(repr=False, compare=False)
    reading: ReadAs | None = None  # the reading a `read_as` or `speaker_does` action names
    sources_from: Callable[[Act], list[Actor]] | None = None  # a `sources_from` action's question

    @cached_property
    def _tests(self) -> tuple[Callable[[Act], bool], ...]:
        # Every test is a pure question about the act, so their order cannot change the answer:
        # those that only read the act's own fields (its lemma, code, type) go first, and the
        # parse is walked only for an act that passes them (e.g. "negated" is asked of the
        # verbs of ruling out alone, not of every act).
        ordered = sorted(self.when, key=lambda condition: not _reads_fields_only(condition))
        return tuple(_compiled(condition, self.words) for condition in ordered)

    def matches(self, act: Act) -> bool:
        for test in self._tests:  # noqa: SIM110 - a plain loop: no generator made per rule tried
            if not test(act):
                return False
        return True

    def reread(self, predicate: Predicate) -> Predicate:
        """The predicate as this rule's `set` and `add_flags` read it."""
        from dataclasses import replace

        return replace(predicate, **dict(self.changes), flags=predicate.flags | self.add_flags)


def _compiled(condition: Any, words: WordLists) -> Callable[[Act], bool]:
    """A condition as a function of the act (built once per rule, when it is first used)."""
    return compiled_condition(condition, TESTS, LIST_TESTS, words)


# Tests that read only the act's fields, never the parse: cheap, and asked first (Rule._tests).
FIELD_ONLY_TESTS = frozenset({"no_plover_type", "no_targets", "several_sources", "states_or_people_act",
                              "people_act", "organization_targets", "foreign_targets", "refused",
                              "threat_or_offer", "answers_told_act", "civilians_act"})
# The value tests (a word list, a code or a type) that read only the act's fields.
FIELD_VALUE_TESTS = frozenset({"lemma_in", "cameo_in", "type_in", "type_in_codes", "object_lemma_in",
                               "sources_sector_in", "cameo", "type", "flag"})


def _reads_fields_only(condition: Any) -> bool:
    """Whether every test of the condition (`not`, `any` and `all` looked through) reads only
    the act's fields."""
    return all(value in FIELD_ONLY_TESTS if key is None else key in FIELD_VALUE_TESTS
               for key, value in condition_leaves(condition))


class Constructions:
    """The rules of one file, by stage, checked on load."""

    def __init__(self, path: Path | None = None, words: WordLists | None = None) -> None:
        self.path = path or package_data("rules", "constructions.yaml")
        self.words = words or word_lists()
        self.rules = read_rules(self.path, self._rule)
        self.by_stage = {stage: tuple(r for r in self.rules if r.stage == stage) for stage in STAGES}
        self._by_lemma = {stage: self._lemma_index(rules) for stage, rules in self.by_stage.items()}

    def first(self, stage: str, act: Act) -> Rule | None:
        """The first rule of `stage` whose conditions all hold of the act, if any."""
        any_trigger, by_lemma = self._by_lemma[stage]
        for rule in by_lemma.get(act.trigger.lemma_.lower(), any_trigger):
            if rule.matches(act):
                return rule
        return None

    def _lemma_index(self, rules: tuple[Rule, ...]) -> tuple[tuple[Rule, ...], dict[str, tuple[Rule, ...]]]:
        """The rules a trigger can match, by its lemma: a rule that asks `lemma_in` a list cannot
        match a trigger of another lemma, so it is tried only for those of its list, in file
        order with the others (the rules that may match any trigger, the first of the pair)."""
        lists = [self._lemma_list(rule) for rule in rules]
        any_trigger = tuple(rule for rule, lemmas in zip(rules, lists, strict=True) if lemmas is None)
        listed = set().union(*(lemmas for lemmas in lists if lemmas is not None))
        return any_trigger, {lemma: tuple(rule for rule, lemmas in zip(rules, lists, strict=True)
                                          if lemmas is None or lemma in lemmas) for lemma in listed}

    def _lemma_list(self, rule: Rule) -> frozenset[str] | None:
        """The lemmas a rule's trigger must have (the first `lemma_in` of its conditions), if it says."""
        named = [c["lemma_in"] for c in rule.when if isinstance(c, dict) and "lemma_in" in c]
        return self.words[named[0]] if named else None

    def trigger_lemmas(self, *stages: str) -> frozenset[str] | None:
        """The verbs that can fire a rule of `stages`: each rule's `lemma_in` list (None if a rule
        there may fire on any verb). The coder looks at a verb the lexicon lacks only for these."""
        lemmas: set[str] = set()
        for rule in (r for stage in stages for r in self.by_stage[stage]):
            named = self._lemma_list(rule)
            if named is None:
                return None
            lemmas |= named
        return frozenset(lemmas)

    def _rule(self, entry: Any) -> Rule:
        name = entry.get("id", "rule") if isinstance(entry, dict) else "rule"
        check_entry(self.path, str(name), entry, RULE)
        line = entry[LINE_KEY]
        if entry["stage"] not in STAGES:
            self._fail(line, name, f"stage {entry['stage']!r} is not one of {', '.join(STAGES)}")
        for condition in entry["when"]:
            self._check_condition(condition, line, name)
        then = {k: v for k, v in entry["then"].items() if k != LINE_KEY}
        action = next((k for k in NAMED_ACTIONS if k in then), str(then.get("action")))
        if action not in ACTIONS:
            self._fail(line, name, f"then: expected action drop, refuse, rule_out, threat, offer or untarget, or set (found {then})")
        if entry["stage"] == "sentence" and action != "drop":
            self._fail(line, name, "then: the sentence stage takes only drop")
        if action == "rule_out" and entry["stage"] not in RULE_OUT_STAGES:
            self._fail(line, name, f"then: rule_out is an action of the stages {', '.join(RULE_OUT_STAGES)}")
        if action == "untarget" and entry["stage"] not in {"reading", "nominal"}:
            self._fail(line, name, "then: untarget is an action of the reading and nominal stages (where recipients "
                                   "are found)")
        reading = self._reading_action(entry["stage"], action, then, line, name)
        question = then.get("sources_from")
        if action == "sources_from" and (not isinstance(question, str) or question not in SOURCE_QUESTIONS):
            self._fail(line, name, f"then.sources_from: one of {', '.join(SOURCE_QUESTIONS)}")
        changes = {k: v for k, v in (then.get("set") or {}).items() if k != LINE_KEY}
        if set(changes) - SETTABLE:
            self._fail(line, name, f"then.set: only {', '.join(sorted(SETTABLE))} can be set")
        if changes.get("plover_type") not in {None, *PLOVER_TYPES}:
            self._fail(line, name, f"then.set: unknown PLOVER type {changes['plover_type']!r}")
        return Rule(entry["id"], entry["stage"], tuple(entry["when"]), action, tuple(changes.items()),
                    frozenset(then.get("add_flags", ())), entry["example"],
                    tuple({k: v for k, v in e.items() if k != LINE_KEY} for e in entry["expect"]),
                    entry["follows"], line, self.words, reading, SOURCE_QUESTIONS.get(str(question)))

    def _reading_action(self, stage: str, action: str, then: dict[str, Any], line: int, name: str) -> ReadAs | None:
        """The stages that choose a verb's reading take only the actions that name one."""
        allowed = READING_STAGES.get(stage)
        if (allowed is not None) != (action in READING_ACTIONS) or (allowed and action not in allowed):
            where = f"the {stage} stage takes {', '.join(allowed)}" if allowed else \
                f"{action} is an action of the stages {', '.join(READING_STAGES)}"
            self._fail(line, name, f"then: {where}")
        if action not in {"read_as", "speaker_does"}:
            return None
        reading, reason = check_read_as(then[action])
        if reason:
            self._fail(line, name, f"then.{action}: {reason}")
        return reading

    def _check_condition(self, condition: Any, line: int, name: str) -> None:
        try:
            leaves = condition_leaves(condition)
        except ValueError as bad:
            return self._fail(line, name, str(bad))
        for key, value in leaves:
            if key is None and value not in TESTS:
                self._fail(line, name, f"unknown test {value!r}; known: {', '.join(sorted(TESTS))}")
            elif key is None:
                continue
            elif key not in LIST_TESTS:
                self._fail(line, name, f"unknown condition {key!r}")
            elif key.endswith("_in") and value not in self.words.sets:
                self._fail(line, name, f"{key}: no word list {value!r} in words.yaml")
            elif key == "type_in_codes" and value not in self.words.tables:
                self._fail(line, name, f"{key}: no code table {value!r} in codes.yaml")
        return None

    def _fail(self, line: int, name: str, reason: str) -> None:
        raise DataFileError(str(self.path), line, f"{name}: {reason}")


@lru_cache(maxsize=1)
def constructions() -> Constructions:
    """The packaged rules, read once per process (they are immutable)."""
    return Constructions()
