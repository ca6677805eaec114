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

from spacy.tokens import Token

from bilateral.datafiles import LINE_KEY, package_data
from bilateral.errors import DataFileError
from bilateral.events import modality as mod
from bilateral.events.lexicon import Predicate
from bilateral.model import Actor
from bilateral.nlp.tree import (
    children,
    lemmas,
    pos_tags,
    sentence_at,
    span_text,
    span_tokens,
    subtree,
    subtree_indices,
)
from bilateral.ontology import PLOVER_TYPES, cameo
from bilateral.rules.reading_tests import (
    READING_ACTIONS,
    READING_LIST_TESTS,
    READING_STAGES,
    READING_TESTS,
    SOURCE_QUESTIONS,
    Participants,
    ReadAs,
    check_read_as,
    said_in_clause,
    said_of_object,
)
from bilateral.rules.schema import RULE, check_entry, compiled_condition, condition_leaves, read_rules
from bilateral.rules.words import WordLists, word_lists
from bilateral.syntax import embedded_acts, infinitive_complement, is_negated, speaker_of

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver

RECIPIENT_DEPS = frozenset({"dobj", "dative", "prep"})
PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "throughout"})
STAGES = ("sentence", "choose", "preferred", "unmatched", "recipients", "reading", "preferred_nominal", "sourceless", "nominal",
          "retold", "act", "intent", "unreal", "kept")
ACTIONS = ("drop", "rule_out", "refuse", "set", "threat", "offer", "untarget", "read_object_noun", "read_as",
           "speaker_does", "sources_from", "prefer")
# Actions that leave an act out; `rule_out` also keeps the learned fallback from typing the sentence
# when the act is the sentence's main one (the rule has read the sentence: it tells no event).
DROPS = frozenset({"drop", "rule_out"})
RULE_OUT_STAGES = ("act", "unreal", "kept")
NAMED_ACTIONS = ("set", "read_as", "speaker_does", "sources_from")  # written {name: value}


@dataclass
class Act:
    """What a rule looks at: the trigger word, its lexicon reading and its actors."""

    trigger: Token
    predicate: Predicate
    sources: list[Actor]
    targets: list[Actor]
    triggers: set[int] = field(default_factory=set)  # every trigger of the sentence, by index
    refused: bool = False  # an `act` rule made it a rejection
    intent: str | None = None  # an `intent` rule found it a threat or an offer
    resolver: ActorResolver | None = None  # who the words name (the `reading` and `kept` stages have it)
    participants: Participants | None = None  # the coder's answers on commanders and roles (`kept`)
    civilians: bool = False  # the actors are civilians, by sector or role noun (`preferred` stages)
    answered: bool = False  # its targets are the doers of an act told before that it answers (`reading`)

    @cached_property
    def condition(self) -> str | None:
        """The conjunction of the condition the act hangs on ("if", "unless"), if any."""
        return mod.condition_of(self.trigger)


def _promised_act_below(act: Act) -> bool:
    """The act promised is coded in the promise's place ("agreed to upgrade"); an act promised
    not to be done ("agreed not to deploy troops") is none, and the promise itself is the event."""
    return "future" in act.predicate.flags and any(
        infinitive_complement(c) and c.i in act.triggers and not is_negated(c) for c in _promised_heads(act.trigger))


def _promised_heads(trigger: Token) -> list[Token]:
    """The trigger's complements, looking through a verb of aspect ("pledged to *keep supplying*",
    "vowed to *continue backing*"): the act promised is the one the aspect goes on with."""
    out = []
    for c in children(trigger):
        out.append(c)
        if infinitive_complement(c) and c.lemma_.lower() in mod.ASPECTUAL_VERBS and not is_negated(c):
            out += [g for g in children(c) if infinitive_complement(g)]
    return out


def _told_on(verb: Token) -> Token | None:
    """The word the verb is told on as a participle or a relative clause ("crashed ..., *killing*
    74", "strikes that *killed* 20"), if it is."""
    if verb.head.i == verb.i:
        return None
    if verb.dep_ in {"relcl", "acl"} or verb.dep_ in {"advcl", "conj"} and verb.tag_ == "VBG":
        return verb.head
    return None


def _told_on_act(act: Act, verbs: frozenset[str]) -> bool:
    """The act is told as a participle or a relative clause on another act of its sentence: its
    toll ("clashed on the border, killing 20 soldiers", "strikes that killed 20 people") or its aim
    ("adopted sanctions, targeting the shadow fleet")."""
    head = _told_on(act.trigger)
    return act.trigger.lemma_.lower() in verbs and head is not None and head.i in act.triggers


def _object_modified_by(act: Act, words: frozenset[str]) -> bool:
    """A word of `words` modifies the trigger's direct object or the object of one of its
    prepositions: "came under Russian *missile* fire"."""
    heads = [c for c in children(act.trigger) if c.dep_ == "dobj"]
    heads += [p for c in children(act.trigger) if c.dep_ == "prep" for p in children(c) if p.dep_ == "pobj"]
    return any(m.dep_ in {"amod", "compound", "nmod"} and m.lemma_.lower() in words
               for h in heads for m in children(h))


def _told_on_word(act: Act, words: frozenset[str]) -> bool:
    """The act is told as a participle or a relative clause on a word of `words`, whether or not
    that word is an act: the toll of a crash ("a plane crashed, killing all 74 on board")."""
    head = _told_on(act.trigger)
    return head is not None and head.lemma_.lower() in words


def _verbal_commentary(act: Act) -> bool:
    return any(a.sector in mod.COMMENTARY_SECTORS for a in act.sources) and cameo(act.predicate.cameo).quad in {1, 3}


def _targets_inside(act: Act, words: frozenset[str]) -> bool:
    """Every recipient of the act is named inside an act it is about whose word is one of `words`
    ("refused to join sanctions against Russia", "rejected the idea of decoupling from China"):
    they are that act's recipients, not this one's."""
    if not act.targets or act.resolver is None:
        return False
    resolver, inside, authors = act.resolver, set(), set()
    for head in embedded_acts(act.trigger):
        # whose the act judged is ("condemned London's decision to ban Huawei from Britain's
        # network"): its author is the recipient, wherever else the author's country is named
        authors |= {a.code for c in children(head) if c.dep_ == "poss" for a in resolver.actors_of(c)}
        for word in subtree(head):
            if word.i == act.trigger.i or word.lemma_.lower() not in words:
                continue
            # Only its recipients' side: "sanctions the EU imposed" and "Western sanctions" name the
            # author. A hostile object takes its verb's prepositions ("impose sanctions on Iran").
            sides = [c for c in children(word) if c.dep_ in RECIPIENT_DEPS]
            if word.dep_ == "dobj":
                sides += [c for c in children(word.head) if c.dep_ in {"prep", "dative"}]
            for side in sides:
                # where the hostile act happened is not whom it hit ("the arrest of Meng in Vancouver")
                places = {i for t in subtree(side) if t.dep_ == "prep" and t.lower_ in PLACE_PREPS
                          for i in subtree_indices(t)}
                inside |= {a.code for t in subtree(side) if t.i not in places
                           and (m := resolver.mention_at(t)) is not None for a in m.actors}
    targets = {t.code for t in act.targets}
    return targets <= inside and not targets & authors


def _sentence_says(act: Act, phrases: frozenset[str]) -> bool:
    """The act's sentence contains one of `phrases` ("according to analysts")."""
    lowered = span_text(sentence_at(act.trigger.doc, act.trigger.i)).lower()
    return any(phrase in lowered for phrase in phrases)


def _told_by_another(act: Act) -> bool:
    """The act is told in reported speech whose speaker names actors, none of them of the act's
    sources' countries ("Ukraine said Russia would not withdraw": Ukraine's claim, not Russia's
    word)."""
    speech = speaker_of(act.trigger) if act.resolver is not None else None
    if speech is None or act.resolver is None:
        return False
    speakers = [a for s in children(speech) if s.dep_ == "nsubj" for a in act.resolver.actors_of(s)]
    own = {a.code for a in act.sources}
    return bool(speakers) and not any(a.code in own for a in speakers)


def _speaker_of_sectors(act: Act, sectors: frozenset[str]) -> bool:
    """A verb of saying in the act's sentence has a subject naming an actor of one of `sectors`,
    or, naming no actor, a role noun of one ("analysts said", "experts believe"); the role is that
    of the verb's first subject, or of the role noun set beside it ("said Ivan Petrov, *a
    defence analyst*": a name the gazetteer does not know, introduced by what the person is)."""
    if act.resolver is None or act.participants is None:
        return False
    sent = sentence_at(act.trigger.doc, act.trigger.i)
    pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
    for token in span_tokens(sent):
        if pos_of[token.i] != "VERB" or lemma_of[token.i] not in mod.SPEECH_VERBS:
            continue
        subjects = [c for c in children(token) if c.dep_ == "nsubj"]
        for subj in subjects:
            actors = act.resolver.actors_of(subj)
            if any(a.sector in sectors for a in actors) or (
                    not actors and _role_in_sectors(act.participants, subjects[0], sectors)):
                return True
    return False


def _role_in_sectors(participants: Participants, subject: Token, sectors: frozenset[str]) -> bool:
    """The subject is a role noun of one of `sectors`, or is set beside one (its apposition)."""
    nouns = [subject, *(c for c in children(subject) if c.dep_ == "appos")]
    return any(participants.role_sector(noun) in sectors for noun in nouns)


# Prepositions that say where a shot or a launch goes ("fired a missile *toward* the sea").
AIM_PREPS = frozenset({"across", "at", "into", "toward", "towards"})


def _aimed_at(act: Act, nouns: frozenset[str]) -> bool:
    """What the act is fired or launched at, into or toward (on the trigger or its direct
    object) is a word of `nouns`: "fired two missiles toward the East Sea"."""
    heads = [act.trigger, *(c for c in children(act.trigger) if c.dep_ == "dobj")]
    return any(p.lemma_.lower() in nouns for h in heads for c in children(h)
               if c.dep_ == "prep" and c.lower_ in AIM_PREPS for p in children(c) if p.dep_ == "pobj")


def _object_carries_act(act: Act, nouns: frozenset[str]) -> bool:
    """The act's object is one of `nouns` (texts) and carries another act of the sentence
    ("issued a joint statement urging Russia to ..."; not "blocked Sweden's bid to join NATO")."""
    return any(c.dep_ == "acl" and c.i in act.triggers for obj in children(act.trigger)
               if obj.dep_ == "dobj" and obj.lemma_.lower() in nouns for c in children(obj))


def _concluded_here(noun: Token, verbs: frozenset[str]) -> bool:
    """The sentence tells the agreement the noun names being concluded: a participle or relative
    clause of concluding on it ("a deal *signed* on Tuesday", "the accord *reached* in Sochi"), or
    it is what a verb of concluding has as subject ("the pact *was signed*")."""
    if any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in verbs for c in children(noun)):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
        return noun.head.head.lemma_.lower() in verbs  # "the signing of a security pact"
    return noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_.lower() in verbs


def _occasion_of_clause(noun: Token, preps: frozenset[str]) -> bool:
    """The event noun, or the span of time it fills ("weeks *of* protests"), is the object of a
    preposition of `preps` on a verb: told as the occasion of that verb's act ("paused the
    overhaul *after* mass protests", "resigned *amid* weeks of protests")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
        noun = noun.head.head
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in preps and prep.head.pos_ in {"VERB", "AUX"}


def _done_by_an_act(act: Act) -> bool:
    """The verb's subject is an event noun the sentence codes, and whoever the verb is said to be
    done by is named in that noun's phrase ("*Xi's visit* eased tensions": the visit's doer,
    not a second act of his); not "the launch drew protests *from Tokyo*"."""
    if act.resolver is None or not act.sources:
        return False
    subjects = [c for c in children(act.trigger) if c.dep_ == "nsubj" and c.i in act.triggers and c.pos_ == "NOUN"]
    if not subjects:
        return False
    named = {a.code for t in _doer_words(subjects) if (m := act.resolver.mention_at(t)) is not None
             for a in m.actors}
    return all(a.code in named for a in act.sources)


def _doer_words(nouns: list[Token]) -> list[Token]:
    """The words that name whose an event noun is: its possessor and modifiers ("*Blinken's*
    visit", "*Israeli* strikes") and its "by" phrase, not a place it names ("over the Sea of Japan")."""
    heads = [c for noun in nouns for c in children(noun) if c.dep_ in {"poss", "compound", "amod", "nmod"}]
    heads += [p for noun in nouns for c in children(noun) if c.dep_ == "prep" and c.lower_ == "by"
              for p in children(c) if p.dep_ == "pobj"]
    return [t for h in heads for t in subtree(h)]


def _direct_question(act: Act) -> bool:
    """The act's sentence asks a question in the writer's own voice ("Will Iran and the United
    States return to talks?"), not inside a quotation."""
    sent = sentence_at(act.trigger.doc, act.trigger.i)
    # Asked of every sentence: its last word is read first, and its quotation marks only when
    # that is a question mark (from the tables' tokens: no Token made for each word).
    words = span_tokens(sent)
    last = next((t for t in reversed(words) if not t.is_space), None)
    return last is not None and last.text == "?" and not any(t.is_quote for t in words)

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
