"""The event coder: who did what to whom, from spaCy's dependency parse and the predicate lexicon.

For each verb (and each noun that names an event) the lexicon gives a CAMEO code; the parse gives
the source (subject or passive agent) and the target (object, dative or a preposition's object, as
the lexicon entry says). Coordinated actors give one event each; mutual acts are reciprocal.
Modality follows the PLOVER manual: promised cooperative acts are AGREE, negated and hypothetical
acts are not events, and analysts' commentary is not an act of their state.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from bilateral import syntax as syn
from bilateral.actors.resolve import ActorResolver
from bilateral.actors.roles import role_sector
from bilateral.events.candidates import (
    Candidate,
    EventReading,
    dedupe,
    depth,
    dyads,
    share_recipients,
)
from bilateral.events.contexts import ContextFinder
from bilateral.events.dates import DateMention
from bilateral.events.discourse import ACCUSING_TYPES, ActsTold, charge_told_alongside
from bilateral.events.emit import build_events, kept_pairs, placed_targets, typed
from bilateral.events.lexicon import Lexicon
from bilateral.events.participants import ParticipantFinder, subject_token
from bilateral.events.readings import ReadingMatcher, is_topic, object_heads, with_modifier
from bilateral.learned.fallback import LearnedFallback
from bilateral.model import Actor, Event
from bilateral.nlp.tree import (
    lemmas,
    pos_tags,
    root_of,
    sentences,
    span_text,
    span_tokens,
    tags,
    texts,
)
from bilateral.rules.act_tests import Act
from bilateral.rules.constructions import DROPS, Constructions, Rule, constructions
from bilateral.rules.reading_tests import unread
from bilateral.rules.slot_terms import Sides
from bilateral.rules.slots import slots
from bilateral.rules.words import word_lists

# Word lists: data/rules/words.yaml (each says why it exists).
WORDS = word_lists()
ADDRESSEE_VERBS = WORDS["addressee_verbs"]
COOPERATIVE_TYPES = WORDS["cooperative_types"]
CIVILIAN_SECTORS = WORDS["civilian_sectors"]
OBLIGATION_WORDS = WORDS.ordered["obligation_words"]
CONDEMNING_VERBS = WORDS["condemning_verbs"]
JUDGED_ACT_TYPES = WORDS["judged_act_types"]


class EventCoder(ReadingMatcher, ParticipantFinder):
    fallback: LearnedFallback | None = None  # types where the rules code nothing (bilateral.learned)

    def __init__(self, lexicon: Lexicon, contexts: ContextFinder, dyadic: bool = True,
                 rules: Constructions | None = None) -> None:
        self.lex = lexicon
        self.rules = rules or constructions()  # data/rules/constructions.yaml
        # Verbs the lexicon lacks that a rule may still read ("held talks": the event noun is the act).
        self.rule_verbs = self.rules.trigger_lemmas("choose", "unmatched")
        self.contexts = contexts
        # Dyadic output (the default) keeps only events with a source and, for interaction types, a
        # recipient. Without it every recognized act is kept: what scoring event types alone needs.
        self.dyadic = dyadic

    def code(self, doc: Doc, resolver: ActorResolver, doc_id: str, pub_date: date | None,
             dates: list[DateMention], translated: bool = False) -> list[Event]:
        events: list[Event] = []
        for index, sent in enumerate(sentences(doc)):
            # Commentary codes nothing, by the rules or the fallback (asked once per sentence).
            if self.is_commentary(sent, resolver):
                continue
            found = self._code_sentence(sent, index, resolver, doc_id, pub_date, dates, translated)
            if not found and self.fallback is not None and sent.start not in ActsTold.of(doc).ruled_out:
                found = self.fallback.code_sentence(sent, index, resolver, doc_id, pub_date, dates, translated,
                                                    self.dyadic)
            events += found
        return events

    def code_sentence(self, sent: Span, index: int, resolver: ActorResolver, doc_id: str,
                      pub_date: date | None, dates: list[DateMention], translated: bool) -> list[Event]:
        if self.is_commentary(sent, resolver):
            return []
        return self._code_sentence(sent, index, resolver, doc_id, pub_date, dates, translated)

    def _code_sentence(self, sent: Span, index: int, resolver: ActorResolver, doc_id: str,
                       pub_date: date | None, dates: list[DateMention], translated: bool) -> list[Event]:
        """The rules' events of a sentence that is not commentary."""
        lowered = span_text(sent).lower()
        candidates: list[Candidate] = []
        consumed: set[int] = set()
        nouns: list[Token] = []
        verbs, nouns_by_lemma = self.lex.verbs, self.lex.nouns
        obliging = any(word in lowered for word in OBLIGATION_WORDS)  # (a quick test first)
        doc = sent.doc
        pos_of, tag_of, lemma_of = pos_tags(doc), tags(doc), lemmas(doc)
        for token in span_tokens(sent):
            i = token.i
            pos = pos_of[i]
            # A participle used as an adjective ("alleged bombers", "the occupied West Bank",
            # "banned groups") describes; it does not report an act.
            if (pos in {"VERB", "AUX"} or (pos == "NOUN" and tag_of[i].startswith("VB"))) and token.dep_ != "amod":
                lemma = lemma_of[i]
                cand = None
                if lemma in verbs or self.rule_verbs is None or lemma in self.rule_verbs:
                    cand = self._verb(token, resolver, consumed)
                if cand is None and obliging:
                    # "said China must drop its barriers": whatever the act, telling someone they
                    # must do it is a demand (a "retold" rule; coded in _events from the speaker).
                    cand = self._retold_candidate(token, resolver)
                if cand:
                    candidates.append(cand)
            # A noun that only modifies another ("riot police", "strike force", "ceasefire line")
            # names a kind of thing, not an event.
            if pos == "NOUN" and token.dep_ != "compound" and lemma_of[i] in nouns_by_lemma:
                nouns.append(token)
        for token in nouns:
            # Event nouns are common nouns: "March" the month is not a march.
            if token.i not in consumed and (not texts(doc)[token.i].istitle() or token.i == sent.start) \
                    and (not (topic := is_topic(token)) or self._judged_act(token)):
                cand = self._nominal(token, resolver)
                # a condemned act is kept only as what makes it one (force), not in another reading
                if cand and (not topic or cand.predicate.plover_type in JUDGED_ACT_TYPES):
                    candidates.append(cand)
        triggers = {c.trigger.i for c in candidates}
        share_recipients(candidates)
        self._answer_told_acts(candidates, ActsTold.of(doc), resolver)
        # The main act first: events are listed from the clause nearest the sentence's root down.
        candidates.sort(key=lambda c: (depth(c.trigger), c.trigger.i))
        events: list[Event] = []
        for cand in candidates:
            events += self._events(cand, sent, index, doc_id, pub_date, dates, translated, triggers, resolver)
        return dedupe(events, frozenset(c.trigger.idx for c in candidates if c.trigger.pos_ in {"NOUN", "PROPN"}))

    def _answer_told_acts(self, candidates: list[Candidate], told: ActsTold, resolver: ActorResolver) -> None:
        """"... condemned the attack": a reaction to an act told before is aimed at its doer
        (events/discourse.py)."""
        accusations = [(c.trigger, c.sources, c.targets) for c in candidates
                       if c.predicate.plover_type in ACCUSING_TYPES]
        for cand in candidates:
            if not cand.sources:
                continue
            doers = [] if cand.targets else charge_told_alongside(cand.trigger, cand.sources, accusations)
            doers = doers or told.doers_of(cand.trigger, cand.predicate, cand.sources, self.lex,
                                           lambda t: resolver.mention_at(t) is not None, bool(cand.targets))
            if not doers:
                continue
            cand.targets = doers
            if cand.predicate.plover_type is None:
                # "Beijing denied the charge": a statement that answers an act told before may
                # be an act of its own (constructions.yaml, stage "reading", answers_told_act)
                rule = self.rules.first("reading", Act(cand.trigger, cand.predicate, cand.sources, doers,
                                                       resolver=resolver, answered=True))
                if rule is not None and rule.action == "set":
                    cand.predicate = rule.reread(cand.predicate)

    # -- matching ---------------------------------------------------------------------------

    def _verb(self, verb: Token, resolver: ActorResolver, consumed: set[int]) -> Candidate | None:
        lemma = verb.lemma_.lower()
        candidates = self.lex.verbs.get(lemma, ())
        if not candidates and self.rule_verbs is not None and lemma not in self.rule_verbs:
            return None
        passive = syn.is_passive(verb)
        # "Putin ordered Russia's forces to be put on alert": the commander acts.
        # "..., and recalled its ambassador": who recalls an ambassador is whose he is (slots.yaml, "owner").
        sources = self._commander(verb, resolver) or self._subject(verb, resolver, passive) \
            or slots().owner(verb, resolver)
        if self.dyadic and not sources and not passive:
            return None  # no one acts: nothing to code (passives may still find their agent below)
        civilian = bool(sources) and all(a.sector in CIVILIAN_SECTORS for a in sources)
        if not sources:
            # "protesters blocked roads": a subject that names no actor still says who acts.
            subj = subject_token(verb, passive)
            civilian = subj is not None and self.role_sector(subj) in CIVILIAN_SECTORS
        objects = syn.objects(verb, passive)
        # Readings the sentence's shape gives: an ordered act, calling something outrageous; else
        # the lexicon's; else the event noun a light verb carries (constructions.yaml).
        blank = unread(verb)
        event_noun, pred = self._chosen("choose", Act(verb, blank, sources, []))
        pred = pred or self._match(verb, candidates, objects, Act(verb, blank, sources, [], civilians=civilian))
        if pred is None:
            event_noun, pred = self._chosen("unmatched", Act(verb, blank, sources, []))
        if pred is None:
            return None
        targets = self._targets(pred, verb, objects, resolver, event_noun, sources)
        # "Talks were held between Russian and Chinese officials", "fired on one another" (slots.yaml, "sides")
        sides = Sides(pred, verb, objects, passive, sources, targets)
        slots().sides(sides)
        sources, targets, one_another = sides.sources, sides.targets, sides.mutual
        # goods that arrive were delivered; the place of arrival stays the recipient (constructions.yaml)
        pred = self._chosen("recipients", Act(verb, pred, sources, targets, resolver=resolver))[1] or pred
        if not targets:  # e.g. force aimed at whom its purpose names (slots.yaml, "untargeted")
            targets = self._untargeted(pred, verb, objects, resolver, event_noun, sources)
        if passive and not sources:
            sources = self._agentless_sources(verb, pred, targets, resolver)
        # e.g. joint drills; a refusal to act against X is not aimed at X (constructions.yaml)
        rule = self.rules.first("reading", Act(verb, pred, sources, targets, resolver=resolver))
        if rule is not None and rule.action == "untarget":
            targets = []
        elif rule is not None and rule.action == "set":
            pred = rule.reread(pred)
        if "swap" in pred.flags:
            sources, targets = targets, sources
        # A statement leaves its object be ("announced a suspension of air links"), except where the
        # object is whom it is told to ("told a May Day rally").
        # What a count of the object counts is the object too when the reading is about it
        # ("lifted most of its sanctions"); "condemned the wave of strikes" leaves the strikes be.
        if pred.plover_type is not None or lemma in ADDRESSEE_VERBS:
            for obj in objects:
                if self._judged_act(obj):
                    continue  # "condemned the Russian attack on a hospital": the attack is coded too
                consumed.update(h.i for h in object_heads(obj) if h is obj or h.lemma_.lower() in pred.object_lemmas)
        if event_noun is not None:
            consumed.add(event_noun.i)
        subj = subject_token(verb, passive)
        pair = bool(subj is not None and (resolver.is_pair(subj) or len(sources) > 1))
        return Candidate(verb, pred, sources, targets, "mutual" in pred.flags or one_another, pair)

    def _judged_act(self, noun: Token) -> bool:
        """The noun is the object of a condemnation (words.yaml condemning_verbs) and names an act
        of force or repression (judged_act_types): an act of its own, by whoever did it, not a
        mere topic (ANNOTATION.md: the condemned strikes are coded with the condemnation)."""
        return noun.dep_ == "dobj" and noun.head.lemma_.lower() in CONDEMNING_VERBS and any(
            p.plover_type in JUDGED_ACT_TYPES for p in self.lex.nouns.get(noun.lemma_.lower(), ()))

    def _nominal(self, noun: Token, resolver: ActorResolver) -> Candidate | None:
        preds = with_modifier(noun, self.lex.nouns.get(noun.lemma_.lower(), ()))
        if not preds:
            return None
        # A noun that is itself an actor ("the visit" is not, "the alliance" is) is not an event.
        if resolver.mention_at(noun) is not None:
            return None
        pred, sources = preds[0], self._slots(preds[0].sources, noun, [], resolver)
        # "clash", "strike": the source's sector picks the reading (constructions.yaml, "preferred_nominal")
        civilian = bool(sources) and all(a.sector in CIVILIAN_SECTORS for a in sources)
        preferred = self._preferred("preferred_nominal", preds, Act(noun, pred, sources, [], civilians=civilian))
        if preferred is not None and preferred is not pred:
            pred, sources = preferred, self._slots(preferred.sources, noun, [], resolver)
        targets = self._slots(pred.targets, noun, [], resolver)
        if not sources:  # e.g. "by" on the noun's object, a meeting framing a clause (constructions.yaml, "sourceless")
            unsourced = Act(noun, pred, [], targets, resolver=resolver, participants=self)
            found = self.rules.first("sourceless", unsourced)
            if found is not None and found.sources_from is not None:
                sources, pred = found.sources_from(unsourced), found.reread(pred)
        # e.g. leaving an organization, nouns that need a target (constructions.yaml, "nominal")
        rule = self.rules.first("nominal", Act(noun, pred, sources, targets, resolver=resolver))
        if rule is not None and rule.action == "drop":
            return None
        if rule is not None and rule.action == "untarget":
            targets = []
        pred = rule.reread(pred) if rule is not None and rule.action == "set" else pred
        if not sources:
            return None
        pair = any(s.kind == "prep" and s.prep == "between" for s in pred.sources) and len(sources) > 1
        return Candidate(noun, pred, sources, targets, "mutual" in pred.flags, pair)

    # -- events -----------------------------------------------------------------------------

    def _events(self, cand: Candidate, sent: Span, index: int, doc_id: str, pub_date: date | None,
                dates: list[DateMention], translated: bool, triggers: set[int],
                resolver: ActorResolver) -> list[Event]:
        verb = cand.trigger
        if self.dyadic and not cand.sources:
            return []
        retold = self.rules.first("retold", Act(verb, cand.predicate, cand.sources, cand.targets, triggers))
        if retold is not None:
            # "Russia said Sudan must return the helicopter": a demand of Russia's on Sudan
            # (constructions.yaml, stage "retold"); without a speaker, no event at all.
            speakers = self._speakers_act(retold, cand, resolver)
            return self._events(speakers, sent, index, doc_id, pub_date, dates, translated, triggers,
                                resolver) if speakers is not None else []
        reading = self._reading(cand, sent, triggers, resolver)
        if reading is None:
            return []
        return self._emit(cand, reading, sent, index, doc_id, pub_date, dates, translated, resolver)

    def _retold_candidate(self, verb: Token, resolver: ActorResolver) -> Candidate | None:
        """A verb with no reading of its own that a "retold" rule makes the speaker's act: the act
        the speaker does stands in for it until _events retells it."""
        rule = self.rules.first("retold", Act(verb, unread(verb), [], []))
        reading = self._read_as(rule.reading, verb) if rule is not None and rule.reading else None
        return Candidate(verb, reading, self._subject(verb, resolver, False), [], False, False) if reading else None

    def _speakers_act(self, rule: Rule, cand: Candidate, resolver: ActorResolver) -> Candidate | None:
        """The act a "retold" rule makes of an act told in reported speech: the speaker's, of the
        rule's reading, aimed at the act's doers (None: no speaker, or no one to aim it at)."""
        speaker = syn.speaker_of(cand.trigger)
        subj = subject_token(speaker, False) if speaker is not None else None
        doers = resolver.actors_of(subj) if subj is not None else []
        reading = self._read_as(rule.reading, cand.trigger) if rule.reading else None
        if reading is None or speaker is None or (self.dyadic and not doers) or not cand.sources:
            return None
        return Candidate(speaker, reading, doers, cand.sources, False, False)

    def _reading(self, cand: Candidate, sent: Span, triggers: set[int],
                 resolver: ActorResolver) -> EventReading | None:
        """What the act is coded as, after its modality (PLOVER manual; ANNOTATION.md), or None
        when it is no event: negated, hypothetical, expected, wanted, commentary..."""
        verb, pred = cand.trigger, cand.predicate
        # Statements, negated and failed acts (data/rules/constructions.yaml, stage "act").
        act = Act(verb, pred, cand.sources, cand.targets, triggers, resolver=resolver, participants=self)
        modality_rule = self.rules.first("act", act)
        if _left_out(modality_rule, sent, verb):
            return None
        refusal = modality_rule is not None and modality_rule.action == "refuse"
        # Threats and offers, then acts that did not happen (constructions.yaml, "intent", "unreal").
        act.refused = refusal
        intent_rule = self.rules.first("intent", act)
        act.intent = intent_rule.action if intent_rule is not None else None
        if _left_out(self.rules.first("unreal", act), sent, verb):
            return None
        threat, condition = act.intent == "threat", act.condition
        # Acts inside a wrapper ("urged X to", "tried to"), promises carried
        # by the promised act, commentary, joining (constructions.yaml, "kept").
        if _left_out(self.rules.first("kept", act), sent, verb):
            return None
        return typed(verb, pred.plover_type or "", pred.plover_mode, pred.cameo, future="future" in pred.flags,
                     refusal=refusal, threat=threat, condition=condition,
                     contexts=self.contexts.find(sent, pred.contexts))

    def _emit(self, cand: Candidate, reading: EventReading, sent: Span, index: int, doc_id: str,
              pub_date: date | None, dates: list[DateMention], translated: bool,
              resolver: ActorResolver) -> list[Event]:
        """One event per pair of participants, dated and placed by the act's clause."""
        verb, sources, ptype, promised = cand.trigger, cand.sources, reading.type, reading.promised
        targets, placed = cand.targets, False
        if not targets:  # e.g. repression and violence hit the place where they happen
            targets = placed_targets(verb, ptype, sources, resolver, cand.predicate, self.lex.nouns)
            placed = bool(targets)  # (a place the text names: no accident)
        pairs = dyads(sources, targets, cand, cooperative=cand.mutual or ptype in COOPERATIVE_TYPES)
        told = ActsTold.of(sent.doc)
        # Remembered whether or not it is kept: a later "the attack" may name it, and a later act
        # with no recipient may be aimed at the other side of this fight (whom it was done to).
        hit = [t for _, t, _ in pairs if t is not None]
        mutual = any(reciprocal for _, _, reciprocal in pairs)
        told.tell(ptype, reading.cameo, _doers(sources, targets, mutual), mutual, verb, hit)
        kept = kept_pairs(pairs, ptype, promised, placed, self.dyadic)
        return build_events(verb, reading, kept, sent, index, doc_id, pub_date, dates, resolver, translated)

    def is_commentary(self, sent: Span, resolver: ActorResolver) -> bool:
        """The sentence codes nothing: analysts' or experts' commentary (constructions.yaml, stage
        "sentence"; its act is the sentence's root, with no reading or actors yet)."""
        root = root_of(sent)
        act = Act(root, unread(root), [], [], resolver=resolver, participants=self)
        rule = self.rules.first("sentence", act)
        return rule is not None and rule.action == "drop"

    def role_sector(self, noun: Token) -> str | None:
        return role_sector(noun, self.contexts.gazetteer)

    def subjects(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who the subject of the verb's clause names (events/participants.py), for the rules."""
        return self._subject(verb, resolver, syn.is_passive(verb))

    def commanders(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Who ordered their own forces to do the act (events/participants.py), for the rules."""
        return self._commander(verb, resolver)


def _left_out(rule: Rule | None, sent: Span, trigger: Token) -> bool:
    """The rule leaves the act out. One that rules it out (action rule_out) and is about the
    sentence's main act (its root's, the clause its root says, or the noun either has as subject
    or object) is remembered, so that the learned fallback does not type the sentence after all;
    an act left out lower down ("... if Finland joined NATO") leaves the sentence open to it."""
    if rule is None or rule.action not in DROPS:
        return False
    if rule.action == "rule_out":
        clause = trigger.head if trigger.pos_ in {"NOUN", "PROPN"} else trigger
        root = root_of(sent)
        if clause.i == root.i or (clause.dep_ in {"ccomp", "xcomp"} and clause.head.i == root.i):
            ActsTold.of(sent.doc).ruled_out.add(sent.start)
    return True


def _doers(sources: list[Actor], targets: list[Actor], mutual: bool) -> list[Actor]:
    """Who did an act together: its sources, and its targets too when it is mutual (a reciprocal
    pair: "Kenya and Ethiopia signed a pact"), each once."""
    doers: dict[str, Actor] = {}
    for actor in [*sources, *(targets if mutual else [])]:
        doers.setdefault(actor.code, actor)
    return list(doers.values())
