"""The engine's part for rules that choose an act's reading or actors (stages `choose`,
`unmatched` and `recipients` for a verb's reading; `retold` for acts told in reported speech;
`sourceless` for event nouns with no source; of data/rules/constructions.yaml) and for acts inside
wrappers (stage `kept`): the questions they ask of the clause, and the readings and questions
their actions name, checked on load. The coder carries the actions out (events/readings.py,
`ReadingMatcher._chosen`; events/coder.py).

Actions:
- `prefer` (stages `preferred`, `preferred_nominal`): of the readings the lexicon offers, in its
  order, the one for which the rule highest in the file holds is taken (none: the first).
- `read_object_noun`: the act is the event noun the verb's object names ("held talks",
  "ordered the expulsion of the ambassador"); the noun is not coded again on its own.
- `speaker_does: {verbs, types}` (stage `retold`): the act is the speaker's, of that reading (as
  `read_as` finds it), aimed at the act's doers ("Russia said Sudan must return the helicopter":
  a demand of Russia's on Sudan); with no speaker who is an actor, no event.
- `sources_from: QUESTION` (stage `sourceless`): the act's sources are whom that question of
  SOURCE_QUESTIONS finds ("In a call with Xi, Biden said": the clause's subject holds the call).
- `read_as: {verbs, types, objects}`: the lexicon's reading of one of `verbs` with one of
  `types` (tried in the order given, types first), with no particle; with `objects` (a name in
  OBJECT_WORDS), its object is one of the words that question finds, else it has no object.
  When no such reading exists, the act keeps the reading it had (or the lexicon's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from spacy.tokens import Token

from bilateral.events import modality as mod
from bilateral.events.lexicon import Predicate
from bilateral.events.readings import object_names
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree
from bilateral.ontology import PLOVER_TYPES
from bilateral.syntax import claim_about_another, judged_clause, pobjs

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver
    from bilateral.rules.act_tests import Act
    from bilateral.rules.words import WordLists

# The stages with actions of their own, and the actions each allows (no other stage takes them).
READING_STAGES: dict[str, tuple[str, ...]] = {
    "choose": ("read_object_noun", "read_as"),  # before the lexicon is asked
    "unmatched": ("read_object_noun", "read_as"),  # when no lexicon reading fits
    "recipients": ("read_as",),  # once the recipients are found: they stay
    "retold": ("speaker_does",),  # an act told in reported speech that is the speaker's act
    "sourceless": ("sources_from",),  # an event noun whose source the text does not name with it
    "preferred": ("prefer",),  # among a verb's fitting lexicon readings
    "preferred_nominal": ("prefer",),  # among an event noun's lexicon readings
}
READING_ACTIONS = frozenset(a for actions in READING_STAGES.values() for a in actions)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SAID_DEPS = frozenset({"oprd", "acomp", "attr", "xcomp", "ccomp"})
JUDGED_PREPS = frozenset({"over", "at", "about", "for"})  # "regret over X", "dismay at X"
AUTHOR_DEPS = frozenset({"poss", "amod", "compound"})  # "Niger's decision", "the Chinese decision"
BARE_NOUN_EXCLUDES = frozenset({"det", "poss", "nummod", "compound"})  # what makes a noun name one act


@dataclass(frozen=True)
class ReadAs:
    verbs: tuple[str, ...]
    types: tuple[str, ...]
    objects: Callable[[Token], set[str]] | None = None  # an OBJECT_WORDS question


def said_of_object(verb: Token) -> set[str]:
    """The words a verb of calling or describing says of its object ("called the charge
    outrageous", "described the move as unjustifiable", "called the decision a disgrace"):
    lemmas and forms, their modifiers, and modifier-noun phrases ("act of war" is listed whole)."""
    said: list[Token] = []
    for child in children(verb):
        if child.dep_ in SAID_DEPS:
            said.append(child)
        elif child.dep_ == "prep" and child.lower_ == "as":
            said += children(child)
    for obj in (c for c in children(verb) if c.dep_ == "dobj"):
        # the parser hangs the predicated words on the object too ("called the decision a disgrace")
        said += [t for t in subtree(obj) if t.dep_ in {"oprd", "npadvmod", "appos", "ccomp"}]
        said += [p for t in subtree(obj) if t.dep_ == "prep" and t.lower_ == "as" for p in children(t)]
    return _said_words(said)


def _said_words(said: list[Token]) -> set[str]:
    """Lemmas and forms of the words said, their modifiers, and modifier-noun phrases."""
    words: set[str] = set()
    for token in said:
        words |= {token.lemma_.lower(), token.lower_}
        words |= {c.lemma_.lower() for c in children(token) if c.dep_ in {"amod", "compound", "acomp"}}
        phrase = " ".join(t.lower_ for t in children(token) if t.i < token.i and t.dep_ in {"amod", "compound"})
        if phrase:
            words.add(f"{phrase} {token.lower_}")
    return words


def said_in_clause(verb: Token) -> set[str]:
    """The words a verb of saying says its that-clause's subject is ("said the Armenian shelling
    was a gross violation", "wrote that Armenia was the biggest threat"): lemmas and forms. Only
    for a subject that names whose it is (a name, or a noun with an owner or a demonym): "said the
    action was a violation" leaves the act to be found, which the clause alone does not tell."""
    judged = judged_clause(verb)
    if judged is None or not _names_its_owner(judged[0]):
        return set()
    words: set[str] = set()
    for token in judged[1]:
        words |= {token.lemma_.lower(), token.lower_}
    return words


def _names_its_owner(noun: Token) -> bool:
    return noun.pos_ == "PROPN" or any(c.dep_ in AUTHOR_DEPS for c in children(noun))


def arriving_things(verb: Token) -> set[str]:
    """The common nouns that arrive: the clause's subject ("the first HIMARS launchers have
    arrived"; for a repeated verb, its head's: "arrived arrived to Tehran") and what comes "with"
    someone ("arrived in Rome with 31 tonnes of supplies"). Named people are not goods."""
    clause = verb
    while not any(c.dep_ in SUBJECT_DEPS for c in children(clause)) and \
            clause.dep_ in {"advcl", "conj", "xcomp"} and clause.head.i != clause.i:
        clause = clause.head
    things = [c for c in children(clause) if c.dep_ in SUBJECT_DEPS] + pobjs(verb, "with")
    return {w for t in things if t.pos_ == "NOUN" for w in object_names(t)}


# Questions a `read_as` action may ask for the object words of the reading it names.
OBJECT_WORDS: dict[str, Callable[[Token], set[str]]] = {
    "arriving_things": arriving_things,
}


def unread(verb: Token) -> Predicate:
    """What a rule of the `choose` stage sees as the act's reading: none yet."""
    return _unread(verb.lemma_.lower())


@lru_cache(maxsize=4096)
def _unread(lemma: str) -> Predicate:
    # One per lemma: it is asked for every verb and every sentence's root, and a frozen
    # dataclass of twelve fields costs some 4 microseconds to make; nothing changes it.
    return Predicate(cameo="", lemma=lemma, particle=None, objects=(), targets=(), sources=(),
                     flags=frozenset(), plover_type=None, plover_mode=None, contexts=(), line=0)


def check_read_as(value: Any) -> tuple[ReadAs | None, str | None]:
    """A `read_as` action's parameters, or why they are wrong."""
    if not isinstance(value, dict):
        return None, "expected {verbs: [...], types: [...], objects: NAME}"
    fields = {k: v for k, v in value.items() if not k.startswith("__")}
    verbs, types, objects = fields.get("verbs") or [], fields.get("types") or [], fields.get("objects")
    if set(fields) - {"verbs", "types", "objects"} or not _words(verbs) or not _words(types):
        return None, "expected {verbs: [...], types: [...]} and at most objects: NAME"
    if any(t not in PLOVER_TYPES for t in types):
        return None, f"types: not PLOVER types: {types}"
    if objects is not None and (not isinstance(objects, str) or objects not in OBJECT_WORDS):
        return None, f"objects: one of {', '.join(OBJECT_WORDS)}"
    return ReadAs(tuple(verbs), tuple(types), OBJECT_WORDS[objects] if objects else None), None


def _words(value: Any) -> bool:
    """A non-empty list of words."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


# -- wrappers (stage kept) -------------------------------------------------------------------------

class Participants(Protocol):
    """What the coder answers about who takes part, for the tests below."""

    def commanders(self, verb: Token, resolver: ActorResolver) -> list[Actor]: ...

    def subjects(self, verb: Token, resolver: ActorResolver) -> list[Actor]: ...

    def role_sector(self, noun: Token) -> str | None: ...


def _wrapper(act: Act) -> Token | None:
    """The opaque verb the act is the complement of ("urged X to", "tried to"), not itself."""
    wrapper = mod.governing_wrapper(act.trigger)
    return wrapper if wrapper is not None and wrapper.i != act.trigger.i else None


def _ordered_by_commander(act: Act) -> bool:
    """The wrapper is an order to the commander's own forces ("ordered its troops to withdraw")."""
    wrapper = _wrapper(act)
    return wrapper is not None and wrapper.i == act.trigger.head.i and act.participants is not None \
        and act.resolver is not None and bool(act.participants.commanders(act.trigger, act.resolver))


# -- event nouns with no source of their own (stage sourceless) -----------------------------------

def _framing_head(act: Act, preps: frozenset[str] | None) -> Token | None:
    """The verb whose clause the event noun frames through a preposition of `preps` ("*In* a call
    with Xi, Biden said"; None: "for"), if the noun is that preposition's object."""
    noun, prep = act.trigger, act.trigger.head
    if noun.dep_ != "pobj" or prep.head.pos_ not in {"VERB", "AUX"}:
        return None
    return prep.head if (prep.lower_ in preps if preps is not None else prep.lower_ == "for") else None


def _trip_for(act: Act, name: str, words: WordLists) -> bool:
    """The noun is what a trip of a verb of `name` is "for" ("returned to Geneva for talks")."""
    head = _framing_head(act, None)
    return head is not None and head.lemma_.lower() in words[name]


def _framed_clause_subject(act: Act) -> list[Actor]:
    """Who holds a meeting that frames a clause or that a trip is for: the clause's subject, but
    not whom the meeting is with."""
    prep = act.trigger.head
    if act.participants is None or act.resolver is None:
        return []
    targets = {t.code for t in act.targets}
    return [a for a in act.participants.subjects(prep.head, act.resolver) if a.code not in targets]


def _people_of_the_country(act: Act) -> list[Actor]:
    """The people (sector CVL) of the country where the act's clause takes place."""
    place = act.resolver.sentence_country(act.trigger) if act.resolver is not None else None
    return [replace(place, sector="CVL")] if place else []


def _manner_after(act: Act, name: str, words: WordLists) -> bool:
    """The event noun stands bare (no article, possessive, number or plural) after a preposition
    of `name` on a verb or noun: "recalled its envoy *in protest* at the execution", "expelled
    diplomats *in retaliation* for": it says how that act was done; it is no act of its own."""
    noun, prep = act.trigger, act.trigger.head
    return noun.dep_ == "pobj" and prep.lower_ in words[name] and prep.head.pos_ in {"VERB", "AUX", "NOUN"} \
        and noun.tag_ == "NN" and not any(c.dep_ in BARE_NOUN_EXCLUDES for c in children(noun))


def _addressing(act: Act, name: str, words: WordLists) -> bool:
    """The verb is a participle that frames its clause ("*Speaking to reporters*, Blinken urged
    ...", "Erdogan, *speaking at a news conference*, accused ...") and whom or where it speaks to
    is one of `name` (the press, an audience): it says how the clause's own act was told."""
    verb = act.trigger
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "acl"}:
        return False
    heard = [p for c in children(verb) if c.dep_ == "prep" for p in children(c) if p.dep_ == "pobj"]
    return bool(heard) and all(p.lemma_.lower() in words[name] for p in heard)


def _targets_author_what_is_judged(act: Act) -> bool:
    """Every recipient of the act is the author of what it judges: named as the possessor,
    modifier or "by" agent of its object or of what it is "over", "at", "about" or "for"
    ("regretted *Niger's* decision", "expressed regret over the decision *by Finland*"), not
    someone the act is addressed to or who suffered what is judged ("regret over the downing of
    the Russian jet")."""
    if not act.targets or act.resolver is None:
        return False
    verb = act.trigger
    heads = [verb] + [c for c in children(verb) if c.dep_ == "dobj"]
    judged = heads[1:] + [p for head in heads for p in pobjs(head, JUDGED_PREPS)]
    # "said Hungary's veto was unacceptable", "said Kyiv was responsible", "said agents of India were behind"
    clause = judged_clause(verb)
    subjects = [clause[0]] if clause is not None else []
    judged += subjects
    authors = [c for noun in judged for c in children(noun) if c.dep_ in AUTHOR_DEPS]
    authors += [p for noun in judged for p in pobjs(noun, "by")]
    authors += [s for s in subjects if s.pos_ == "PROPN"] + [p for s in subjects for p in pobjs(s, "of")]
    named = {a.code for t in authors for a in act.resolver.actors_of(t)}
    return {t.code for t in act.targets} <= named


def _warns_of_others_doing(act: Act, name: str, words: WordLists) -> bool:
    """The act warns, with no one it is said to and a that-clause, of what someone else does or of
    a situation ("warned that the war in Ukraine could slow growth", "warned that Russia was massing
    troops"): not of the warner's own act ("warned that Moscow would respond", "that it would hit
    back") nor of a reprisal in store, whose words are in `name` ("that any attack would be met with
    a crushing response", "that Iran would pay a heavy price")."""
    verb = act.trigger
    if act.resolver is None or any(c.dep_ in {"dobj", "dative", "iobj"} for c in children(verb)):
        return False
    clause = next((c for c in children(verb) if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subj = next((c for c in children(clause) if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or subj.pos_ == "PRON" or {t.lemma_.lower() for t in subtree(clause)} & words[name]:
        return False
    own = {a.code for a in act.sources}
    return not own or not any(a.code in own for a in act.resolver.actors_of(subj))


def _carrying_verb_subject(act: Act) -> list[Actor]:
    """Who the subject of the verb that has the event noun for its object names ("Japan
    announced a loan to Sri Lanka": Japan), but not the act's recipients."""
    if act.participants is None or act.resolver is None:
        return []
    targets = {t.code for t in act.targets}
    return [a for a in act.participants.subjects(act.trigger.head, act.resolver) if a.code not in targets]


def _describing_agents(act: Act) -> list[Token]:
    """The "by" agents of the passive participles and relative clauses on the event noun ("the
    strikes, which were carried out by American forces", "an attack claimed by Hamas"). A
    relative clause set off by a comma after the noun's own phrase ("the strikes on Houthi targets,
    which were ...") describes the noun, wherever the parser hangs it."""
    noun = act.trigger
    clauses = [c for c in children(noun) if c.dep_ in {"acl", "relcl"}]
    clauses += [c for p in pobjs(noun, None) for c in children(p)
                if c.dep_ == "relcl" and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","]
    return [p for c in clauses for p in pobjs(c, None, deps=("agent",))]


def _describing_clause_agent(act: Act) -> list[Actor]:
    """Who those agents name, but not the act's recipients."""
    if act.resolver is None:
        return []
    targets = {t.code for t in act.targets}
    return [a for p in _describing_agents(act) for a in act.resolver.actors_of(p) if a.code not in targets]


SOURCE_QUESTIONS: dict[str, Callable[[Act], list[Actor]]] = {
    "framed_clause_subject": _framed_clause_subject,
    "people_of_the_country": _people_of_the_country,
    "carrying_verb_subject": _carrying_verb_subject,
    "describing_clause_agent": _describing_clause_agent,
}


# The tests above, by the names the rules use (added to constructions.TESTS and LIST_TESTS).
READING_TESTS: dict[str, Callable[[Act], bool]] = {
    "civilians_act": lambda act: act.civilians,  # protesters, strikers, farmers... (the coder says)
    "obligation": lambda act: mod.is_obligation(act.trigger),  # "must return" (stage retold)
    "targets_author_what_is_judged": _targets_author_what_is_judged,  # "regretted Niger's decision"
    "claim_about_another": lambda act: claim_about_another(act.trigger) is not None,  # "charged that Seoul broke"
    "wrapped": lambda act: _wrapper(act) is not None,
    "ordered_by_commander": _ordered_by_commander,
    "described_with_agent": lambda act: bool(_describing_agents(act)),  # "strikes carried out by"
}
READING_LIST_TESTS: dict[str, Callable[[Act, Any, WordLists], bool]] = {
    "wrapper_lemma_in": lambda act, name, words: (w := _wrapper(act)) is not None and w.lemma_.lower() in words[name],
    "frame_prep_in": lambda act, name, words: _framing_head(act, words[name]) is not None,
    "warns_of_others_doing_unless": _warns_of_others_doing,
    "trip_for_verb_in": _trip_for,
    "manner_after_prep_in": _manner_after,
    "addressing_in": _addressing,
    # the event noun is the direct object of a verb of `name` ("announced a loan to Sri Lanka")
    "object_of_verb_in": lambda act, name, words: act.trigger.dep_ == "dobj" and act.trigger.head.lemma_.lower() in words[name],
}
