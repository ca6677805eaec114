"""What a construction rule looks at (`Act`) and the questions about it that take more than a
line, for the named tests of `rules.constructions`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Token

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
from bilateral.ontology import cameo
from bilateral.rules.reading_tests import (
    Participants,
)
from bilateral.syntax import embedded_acts, infinitive_complement, is_negated, speaker_of

if TYPE_CHECKING:
    from bilateral.actors.resolve import ActorResolver


RECIPIENT_DEPS = frozenset({"dobj", "dative", "prep"})
PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "throughout"})


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
