"""Events the rules did not code: where a sentence yields no rule event, the learned classifier
(`classifier.TypeClassifier`) may name its PLOVER type; the act's modality (negated, promised,
threatened) and its actors come from the parse as the rules would read them: the subject of the
act's verb acts on what the verb acts on, else on the first other actor named.

The fallback never replaces or adds to a rule's event: the coder asks it only about sentences
with no event (events/coder.py, `EventCoder.code`). Its events say `method="learned"` and carry the
classifier's probability, which is at least the model's threshold for the mode (dyadic or
all acts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Span, Token

from bilateral import syntax as syn
from bilateral.actors.resolve import ActorResolver
from bilateral.events import modality as mod
from bilateral.events.candidates import EventReading
from bilateral.events.dates import DateMention
from bilateral.events.emit import AGREE_CODES, THREAT_CODES, build_events, kept_pairs, placed_targets, typed
from bilateral.events.participants import subject_token
from bilateral.learned.classifier import NO_EVENT, TypeClassifier
from bilateral.model import Actor, Event
from bilateral.nlp.tree import children, root_of, span_text
from bilateral.ontology import DEFAULT_CAMEO, cameo
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/words.yaml: the same type groups the rules use
COOPERATIVE_TYPES = WORDS["cooperative_types"]


def reading(verb: Token, ptype: str) -> EventReading | None:
    """The PLOVER manual's modality rules (ANNOTATION.md) on the classifier's type, typed as the
    rules type their acts (events/emit.py): a negated, hypothetical or merely expected act is no
    event; a promised cooperative act is AGREE and an announced hostile one THREATEN (with the code
    of what is promised); another act announced for the future is no event; other acts as they are."""
    if syn.is_negated(verb) or mod.is_hypothetical(verb) or mod.expectation(verb):
        return None
    future = mod.is_future(verb) and ptype not in {"AGREE", "THREATEN"}
    if future and ptype not in AGREE_CODES and ptype not in THREAT_CODES:
        return None
    return typed(verb, ptype, None, DEFAULT_CAMEO[ptype], threat=future and ptype not in AGREE_CODES)


class LearnedFallback:
    def __init__(self, classifier: TypeClassifier, threshold: float | None = None,
                 all_acts_threshold: float | None = None) -> None:
        self.classifier = classifier
        self.threshold = classifier.threshold if threshold is None else threshold
        self.all_acts_threshold = classifier.all_acts_threshold if all_acts_threshold is None \
            else all_acts_threshold
        # The rules' reading of a sentence with every act kept (the all-acts coder's
        # `code_sentence`), set by the event component: an act the rules found but left out of
        # the dyadic output on purpose ("refused to join sanctions against Russia" is aimed at no
        # one) is theirs to leave out.
        self.all_acts_rules: Callable[..., list[Event]] | None = None

    def code_sentence(self, sent: Span, index: int, resolver: ActorResolver, doc_id: str,
                      pub_date: date | None, dates: list[DateMention], translated: bool,
                      dyadic: bool = True) -> list[Event]:
        """The sentence's event by the classifier, or none: below the threshold, of no type, or
        without the actors its mode needs (dyadic: a source, and a target unless the type needs
        none; all acts: either side). A sentence that names no actor is not classified; nor is one
        the rules take as commentary, which the coder does not pass on (`EventCoder.is_commentary`)."""
        text = span_text(sent)
        if not any(sent.start <= m.start < sent.end for m in resolver.mentions):
            return []
        decision = self.classifier.decide(text)
        if decision.type == NO_EVENT or decision.probability < (self.threshold if dyadic else self.all_acts_threshold):
            return []
        verb = acting_verb(sent, decision.type, resolver)
        read = reading(verb, decision.type)
        if read is None:
            return []
        ptype = read.type
        sources, targets = participants(sent, verb, ptype, resolver)
        source = sources[0] if sources else None
        target = targets[0] if targets else None
        reciprocal = False
        if target is None and len(sources) > 1:
            # "Chile and Argentina ...": coordinated subjects act on each other.
            target, reciprocal = sources[1], ptype in COOPERATIVE_TYPES
        placed = False
        if target is None:  # as the rules have it: repression and violence hit the place
            found = placed_targets(verb, ptype, sources[:1], resolver)
            target, placed = (found[0], True) if found else (None, False)
        if source is None and (target is None or dyadic):
            return []
        # As with the rules: a state acting on itself, and an interaction with no recipient
        pairs = kept_pairs([(source, target, reciprocal)], ptype, read.promised, placed, dyadic)
        if not pairs:
            return []
        if dyadic and self.all_acts_rules is not None and \
                self.all_acts_rules(sent, index, resolver, doc_id, pub_date, dates, translated):
            return []  # asked last: it is the costly question
        return build_events(verb, read, pairs, sent, index, doc_id, pub_date, dates,
                            resolver, translated, method="learned", probability=round(decision.probability, 4))


def acting_verb(sent: Span, ptype: str, resolver: ActorResolver) -> Token:
    """The verb of the act: the sentence's root, or the clause a speech verb reports. A verbal
    act (quad 1 or 3: a request, an accusation) is the speaker's when the speaker is an actor;
    a material one is what the report says was done ("Kyiv said Russian forces shelled ...")."""
    root = root_of(sent)
    reported = reported_clause(root)
    if reported is None:
        return root
    speaker = subject_token(root, False)
    speaks_as_actor = speaker is not None and bool(resolver.actors_of(speaker))
    verbal = cameo(DEFAULT_CAMEO[ptype]).quad in {1, 3}
    return root if verbal and speaks_as_actor else reported


def reported_clause(verb: Token) -> Token | None:
    """What a speech verb says: "said [that Israel's campaign was genocidal]"."""
    if verb.lemma_.lower() not in mod.SPEECH_VERBS:
        return None
    return next((c for c in children(verb) if c.dep_ == "ccomp"), None)


def participants(sent: Span, verb: Token, ptype: str,
                 resolver: ActorResolver) -> tuple[list[Actor], list[Actor]]:
    """Sources: the actors of the verb's subject (a passive's agent), else the first actor named
    that the verb does not act on; repression or force told in the passive with no agent is
    the act of the state where it happens, as with the rules, or of no one known. Targets: what the verb acts on (whom a statement is about, the
    object, a passive's subject), else the first other actor named; at most one."""
    passive = syn.is_passive(verb)
    subj = subject_token(verb, passive)
    sources = resolver.actors_of(subj) if subj is not None else []
    # Only an object that names an actor itself: "the pullout of French troops" is no one acted on.
    acted_on = [a for obj in syn.objects(verb, passive) if resolver.mention_at(obj) is not None
                for a in resolver.actors_of(obj)]
    reported = reported_clause(verb)
    told_of = subject_token(reported, syn.is_passive(reported)) if reported is not None else None
    if told_of is not None:
        # "South Africa told the court that Israel's campaign was genocidal": about Israel.
        acted_on = resolver.actors_of(told_of) + acted_on
    named = [a for m in resolver.mentions if sent.start <= m.start < sent.end for a in m.actors]
    if not sources and passive and ptype in {"COERCE", "ASSAULT"}:
        place = resolver.clause_location(verb)
        sources = [place] if place is not None else []
    elif not sources:
        # "West African leaders suspended Burkina Faso from ECOWAS": not the one suspended.
        sources = [a for a in named if a.code not in {t.code for t in acted_on}][:1]
    codes = {a.code for a in sources}
    return sources, [a for a in acted_on + named if a.code not in codes][:1]
