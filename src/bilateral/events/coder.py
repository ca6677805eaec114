"""The event coder: who did what to whom, from spaCy's dependency parse and the predicate lexicon.

For each verb (and each noun that names an event) the lexicon gives a CAMEO code; the parse gives
the source (subject or passive agent) and the target (object, dative or a preposition's object, as
the lexicon entry says). Coordinated actors give one event each; mutual acts are reciprocal.
Modality follows the PLOVER manual: promised cooperative acts are AGREE, negated and hypothetical
acts are not events, and analysts' commentary is not an act of their state.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from bilateral import syntax as syn
from bilateral.actors.mentions import role_sector
from bilateral.actors.resolve import ActorResolver
from bilateral.datafiles import load_yaml, package_data
from bilateral.events import modality as mod
from bilateral.events.candidates import (
    Candidate,
    EventReading,
    dedupe,
    depth,
    domestic_pair,
    dyads,
    event_date,
    share_recipients,
)
from bilateral.events.contexts import ContextFinder
from bilateral.events.dates import DateMention
from bilateral.events.discourse import ActsTold
from bilateral.events.lexicon import Lexicon, Predicate
from bilateral.events.participants import ParticipantFinder, subject_token
from bilateral.events.readings import ReadingMatcher, is_topic, with_modifier
from bilateral.learned.fallback import LearnedFallback
from bilateral.model import Actor, Event
from bilateral.nlp.tree import (
    children,
    lemmas,
    pos_tags,
    sentences,
    span_text,
    span_tokens,
    tags,
    texts,
)
from bilateral.ontology import DEFAULT_CAMEO, cameo
from bilateral.rules.constructions import Act, Constructions, constructions
from bilateral.rules.words import word_lists

# Word lists and code tables: data/rules/words.yaml and codes.yaml (each says why it exists).
WORDS = word_lists()
LIGHT_VERBS = WORDS["light_verbs"]
ORDERING_VERBS = WORDS["ordering_verbs"]
AGREE_CODES = WORDS.table("agree_codes")
AGREE_CONTEXT_CODES = {(k.split()[0], k.split()[1]): v for k, v in WORDS.table("agree_context_codes").items()}
OWN_FORCES_VERBS = WORDS["own_forces_verbs"]
ARRIVAL_VERBS = WORDS["arrival_verbs"]
THREAT_CODES = WORDS.table("threat_codes")
ADDRESSEE_VERBS = WORDS["addressee_verbs"]
PROMISES_NEED_TARGET = WORDS["promises_need_target"]
DOMESTIC_TYPES = WORDS["domestic_types"]
TARGETLESS_TYPES = WORDS["targetless_types"]
COOPERATIVE_TYPES = WORDS["cooperative_types"]
CIVILIAN_SECTORS = WORDS["civilian_sectors"]
FRAMING_PREPS = WORDS["framing_preps"]
TRAVEL_VERBS = WORDS["travel_verbs"]
_COMMENTARY_CUES = WORDS.ordered["commentary_cues"]


class EventCoder(ReadingMatcher, ParticipantFinder):
    fallback: LearnedFallback | None = None  # types where the rules code nothing (bilateral.learned)

    def __init__(self, lexicon: Lexicon, contexts: ContextFinder, dyadic: bool = True,
                 rules: Constructions | None = None) -> None:
        self.lex = lexicon
        self.rules = rules or constructions()  # data/rules/constructions.yaml
        # "called the charge outrageous", "described the move as unjustifiable": criticism or praise.
        words = load_yaml(package_data("lexicon", "evaluations.yaml"))
        self.evaluation_verbs = set(words["verbs"])
        self.negative = set(words["negative"])
        self.positive = set(words["positive"])
        self._criticize = lexicon.plain("criticize", "ACCUSE")
        self._praise = lexicon.plain("praise", "SUPPORT")
        self._demand = lexicon.plain("demand", "REQUEST")  # obligations told in reported speech
        self.contexts = contexts
        # Dyadic output (the default) keeps only events with a source and, for interaction types, a
        # recipient. Without it every recognized act is kept: what scoring event types alone needs.
        self.dyadic = dyadic

    def code(self, doc: Doc, resolver: ActorResolver, doc_id: str, pub_date: date | None,
             dates: list[DateMention], translated: bool = False) -> list[Event]:
        events: list[Event] = []
        for index, sent in enumerate(sentences(doc)):
            found = self.code_sentence(sent, index, resolver, doc_id, pub_date, dates, translated)
            if not found and self.fallback is not None:
                found = self.fallback.code_sentence(sent, index, resolver, doc_id, pub_date, dates, translated,
                                                    self.dyadic)
            events += found
        return events

    def code_sentence(self, sent: Span, index: int, resolver: ActorResolver, doc_id: str,
                      pub_date: date | None, dates: list[DateMention], translated: bool) -> list[Event]:
        lowered = span_text(sent).lower()
        if any(cue in lowered for cue in _COMMENTARY_CUES) or self._commentary(sent, resolver):
            return []
        candidates: list[Candidate] = []
        consumed: set[int] = set()
        nouns: list[Token] = []
        verbs, nouns_by_lemma = self.lex.verbs, self.lex.nouns
        obliging = "must" in lowered or "ought" in lowered
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
                if lemma in verbs or lemma in LIGHT_VERBS:
                    cand = self._verb(token, resolver, consumed)
                if cand is None and obliging and self._demand is not None and mod.is_obligation(token):
                    # "said China must drop its barriers": whatever the act, telling someone they
                    # must do it is a demand (coded in _events from the speaker).
                    cand = Candidate(token, self._demand, self._subject(token, resolver, False), [], False, False)
                if cand:
                    candidates.append(cand)
            # A noun that only modifies another ("riot police", "strike force", "ceasefire line")
            # names a kind of thing, not an event.
            if pos == "NOUN" and token.dep_ != "compound" and lemma_of[i] in nouns_by_lemma:
                nouns.append(token)
        for token in nouns:
            # Event nouns are common nouns: "March" the month is not a march.
            if token.i not in consumed and (not texts(doc)[token.i].istitle() or token.i == sent.start) \
                    and not is_topic(token):
                cand = self._nominal(token, resolver)
                if cand:
                    candidates.append(cand)
        triggers = {c.trigger.i for c in candidates}
        share_recipients(candidates)
        self._answer_told_acts(candidates, ActsTold.of(doc), resolver)
        # The main act first: events are listed from the clause nearest the sentence's root down.
        candidates.sort(key=lambda c: (depth(c.trigger), c.trigger.i))
        events: list[Event] = []
        for cand in candidates:
            events += self._events(cand, sent, index, doc_id, pub_date, dates, translated, triggers, resolver)
        return dedupe(events)

    def _answer_told_acts(self, candidates: list[Candidate], told: ActsTold, resolver: ActorResolver) -> None:
        """"... condemned the attack": a reaction to an act told before is aimed at its doer
        (events/discourse.py)."""
        for cand in candidates:
            if cand.targets or not cand.sources:
                continue
            doer = told.doer_of(cand.trigger, cand.predicate.plover_type, cand.sources, self.lex,
                                lambda t: resolver.mention_at(t) is not None)
            if doer is not None:
                cand.targets = [doer]

    # -- matching ---------------------------------------------------------------------------

    def _verb(self, verb: Token, resolver: ActorResolver, consumed: set[int]) -> Candidate | None:
        lemma = verb.lemma_.lower()
        candidates = self.lex.verbs.get(lemma, ())
        if not candidates and lemma not in LIGHT_VERBS:
            return None
        passive = syn.is_passive(verb)
        # "Putin ordered Russia's forces to be put on alert": the commander acts.
        sources = self._commander(verb, resolver) or self._subject(verb, resolver, passive)
        if not sources and not passive and lemma in OWN_FORCES_VERBS:
            # "..., and recalled its ambassador": who recalls an ambassador is whose ambassador he is.
            sources = [a for obj in syn.objects(verb, False) for c in children(obj)
                       if c.dep_ == "poss" and c.lower_ in {"its", "their"} for a in resolver.actors_of(c)]
        if self.dyadic and not sources and not passive:
            return None  # no one acts: nothing to code (passives may still find their agent below)
        civilian = bool(sources) and all(a.sector in CIVILIAN_SECTORS for a in sources)
        if not sources:
            # "protesters blocked roads": a subject that names no actor still says who acts.
            subj = subject_token(verb, passive)
            civilian = subj is not None and self._role_sector(subj) in CIVILIAN_SECTORS
        objects = syn.objects(verb, passive)
        pred = self._evaluation(verb) if lemma in self.evaluation_verbs else None
        event_noun: Token | None = None
        if lemma in ORDERING_VERBS:
            # "ordered the expulsion of the ambassador": the ordered act is the orderer's.
            event_noun, pred = self._light_object(verb)
        pred = pred or self._match(verb, candidates, objects, civilian)
        if pred is None and lemma in LIGHT_VERBS:
            event_noun, pred = self._light_object(verb)
        if pred is None:
            return None
        targets = self._targets(pred, verb, objects, resolver, event_noun, sources)
        if passive and not sources and "mutual" in pred.flags and len({t.code for t in targets}) > 1:
            sources, targets = targets, []  # "Talks were held between Russian and Chinese officials"
        one_another = not targets and len(sources) > 1 and syn.names_one_another(verb, objects)
        if one_another:
            targets = list(sources)  # "Thai and Cambodian troops fired on one another"
        if lemma in ARRIVAL_VERBS:
            pred = self._delivery(verb, pred)  # the place of arrival stays the recipient
        if not targets and pred.plover_type in {"ASSAULT", "COERCE"}:
            targets = self._purpose_targets(verb, resolver)
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
        if pred.plover_type is not None or lemma in ADDRESSEE_VERBS:
            for obj in objects:
                consumed.add(obj.i)
        if event_noun is not None:
            consumed.add(event_noun.i)
        subj = subject_token(verb, passive)
        pair = bool(subj is not None and (resolver.is_pair(subj) or len(sources) > 1))
        return Candidate(verb, pred, sources, targets, "mutual" in pred.flags or one_another, pair)

    def _nominal(self, noun: Token, resolver: ActorResolver) -> Candidate | None:
        preds = with_modifier(noun, self.lex.nouns.get(noun.lemma_.lower(), ()))
        if not preds:
            return None
        # A noun that is itself an actor ("the visit" is not, "the alliance" is) is not an event.
        if resolver.mention_at(noun) is not None:
            return None
        pred, sources = preds[0], self._slots(preds[0].sources, noun, [], resolver)
        civilian = bool(sources) and all(a.sector in CIVILIAN_SECTORS for a in sources)
        for option in preds:  # "clash", "strike": the source's sector picks the reading
            if (option.plover_type == "PROTEST" or "civilian" in option.flags) == civilian:
                pred, sources = option, self._slots(option.sources, noun, [], resolver)
                break
        if not sources and any(s.kind == "prep" and s.prep == "by" for s in pred.sources):
            # "the expulsion of 40 Russian diplomats by Germany": the parser often hangs the
            # agent on the object of "of" rather than on the event noun.
            sources = [a for acted in syn.pobjs(noun, "of") for p in syn.pobjs(acted, "by")
                       for a in resolver.actors_of(p)]
        targets = self._slots(pred.targets, noun, [], resolver)
        pred = self._reread("nominal", Act(noun, pred, sources, targets))  # e.g. leaving an organization
        if not sources and pred.plover_type == "PROTEST":
            # "Belarus has been engulfed in mass protests": protests belong to the country where
            # they happen, and are aimed at its government.
            place = resolver.sentence_country(noun)
            sources = [replace(place, sector="CVL")] if place else []
        if not sources and pred.plover_type == "CONSULT":
            sources = self._framing_subject(noun, resolver, {t.code for t in targets})
            if not targets and not ("mutual" in pred.flags and len(sources) > 1):
                sources = []  # "in talks, China said": talks with nobody named are no meeting
        if not sources:
            return None
        if not targets and "mutual" not in pred.flags and pred.plover_type not in {"CONSULT", "MOBILIZE", "PROTEST"}:
            return None
        pair = any(s.kind == "prep" and s.prep == "between" for s in pred.sources) and len(sources) > 1
        return Candidate(noun, pred, sources, targets, "mutual" in pred.flags, pair)

    # -- actors -----------------------------------------------------------------------------

    def _framing_subject(self, noun: Token, resolver: ActorResolver, targets: set[str]) -> list[Actor]:
        """"In a call with Xi, Biden raised concerns", "During talks with Modi, Putin said", "U.S.
        and Russian negotiators return to Geneva for talks": a meeting that frames the clause, or
        that a trip is for, is held by the clause's subject."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.head.pos_ not in {"VERB", "AUX"}:
            return []
        # "returned to Geneva for talks", "was in Beijing for talks": the trip is for the meeting
        for_trip = prep.lower_ == "for" and prep.head.lemma_.lower() in TRAVEL_VERBS
        if prep.lower_ not in FRAMING_PREPS and not for_trip:
            return []
        return [a for a in self._subject(prep.head, resolver, syn.is_passive(prep.head)) if a.code not in targets]


    # -- events -----------------------------------------------------------------------------

    def _events(self, cand: Candidate, sent: Span, index: int, doc_id: str, pub_date: date | None,
                dates: list[DateMention], translated: bool, triggers: set[int],
                resolver: ActorResolver) -> list[Event]:
        verb = cand.trigger
        if self.dyadic and not cand.sources:
            return []
        if mod.is_obligation(verb):
            # "Russia said Sudan must return the helicopter": no act of Sudan's, but a demand of
            # Russia's on Sudan (PLOVER REQUEST). Without a speaker it is no event at all.
            speaker = syn.speaker_of(verb)
            subj = subject_token(speaker, False) if speaker is not None else None
            demanders = resolver.actors_of(subj) if subj is not None else []
            if self._demand is None or speaker is None or (self.dyadic and not demanders) or not cand.sources:
                return []
            demand = Candidate(speaker, self._demand, demanders, cand.sources, False, False)
            return self._events(demand, sent, index, doc_id, pub_date, dates, translated, triggers, resolver)
        reading = self._reading(cand, sent, triggers, resolver)
        if reading is None:
            return []
        return self._emit(cand, reading, sent, index, doc_id, pub_date, dates, translated, resolver)

    def _reading(self, cand: Candidate, sent: Span, triggers: set[int],
                 resolver: ActorResolver) -> EventReading | None:
        """What the act is coded as, after its modality (PLOVER manual; ANNOTATION.md), or None
        when it is no event: negated, hypothetical, expected, wanted, commentary..."""
        verb, pred = cand.trigger, cand.predicate
        # Statements, negated and failed acts (data/rules/constructions.yaml, stage "act").
        act = Act(verb, pred, cand.sources, cand.targets, triggers)
        modality_rule = self.rules.first("act", act)
        if modality_rule is not None and modality_rule.action == "drop":
            return None
        refusal = modality_rule is not None and modality_rule.action == "refuse"
        # Threats and offers, then acts that did not happen (constructions.yaml, "intent", "unreal").
        act.refused = refusal
        intent_rule = self.rules.first("intent", act)
        act.intent = intent_rule.action if intent_rule is not None else None
        unreal_rule = self.rules.first("unreal", act)
        if unreal_rule is not None and unreal_rule.action == "drop":
            return None
        threat, condition = act.intent == "threat", act.condition
        wrapper = mod.governing_wrapper(verb)
        # "tried to hack into", "attempted to storm": attempted force or repression is coded as
        # the act (PLOVER codes attempts, as with assassinations); other attempts are not acts.
        if wrapper is not None and wrapper.i != verb.i and not (
                wrapper.lemma_.lower() in mod.ATTEMPT_VERBS and pred.plover_type in {"ASSAULT", "COERCE"}) and not (
                wrapper.i == verb.head.i and self._commander(verb, resolver)):
            return None
        speaker = syn.speaker_of(verb)
        if speaker is not None and self._is_commentary(speaker, verb):
            return None
        # Promises carried by the promised act, commentary, joining (constructions.yaml, "kept").
        kept_rule = self.rules.first("kept", act)
        if kept_rule is not None and kept_rule.action == "drop":
            return None
        return self._typed(verb, pred, refusal, threat, condition, self.contexts.find(sent, pred.contexts))

    @staticmethod
    def _typed(verb: Token, pred: Predicate, refusal: bool, threat: bool, condition: str | None,
               contexts: tuple[str, ...]) -> EventReading:
        """The type, mode and code of a kept act: a refusal is REJECT, a promised cooperative act
        AGREE (with the CAMEO 03x code of what is promised), a threatened hostile act THREATEN."""
        ptype, pmode, code = pred.plover_type or "", pred.plover_mode, pred.cameo  # (typeless: dropped above)
        if refusal:
            ptype, pmode, code = "REJECT", None, DEFAULT_CAMEO["REJECT"]
        promised = None
        if mod.is_future(verb) or "future" in pred.flags and ptype != "AGREE":
            if ptype in AGREE_CODES:
                promised = ptype
                code = next((AGREE_CONTEXT_CODES[(ptype, c)] for c in contexts
                             if (ptype, c) in AGREE_CONTEXT_CODES), AGREE_CODES[ptype])
                ptype, pmode = "AGREE", None
            modality = "conditional" if condition else "future"
        else:
            modality = "asserted"
        if threat and pred.plover_type == "ASSAULT" and not condition and mod.is_prepared(verb):
            # Forces getting ready to attack show force (CAMEO 15, PLOVER MOBILIZE); they do not threaten.
            promised, code, ptype, pmode, modality = None, "150", "MOBILIZE", None, "asserted"
        elif threat:
            threatened = pred.plover_type or ptype
            promised, code, ptype, pmode = threatened, THREAT_CODES[threatened], "THREATEN", None
            modality = "conditional" if condition else "future"
        return EventReading(ptype, pmode, code, promised, modality, contexts)

    def _emit(self, cand: Candidate, reading: EventReading, sent: Span, index: int, doc_id: str,
              pub_date: date | None, dates: list[DateMention], translated: bool,
              resolver: ActorResolver) -> list[Event]:
        """One event per pair of participants, dated and placed by the act's clause."""
        verb, sources = cand.trigger, cand.sources
        ptype, pmode, code, promised = reading.type, reading.mode, reading.cameo, reading.promised
        modality, contexts = reading.modality, reading.contexts
        info = cameo(code)
        when, precision = event_date(verb, sent, dates, pub_date, ahead=modality in {"future", "conditional"})
        where = resolver.clause_location(verb)
        targets = cand.targets
        placed = not targets and ptype in {"COERCE", "ASSAULT"}  # (a place the text names: no accident)
        if placed:
            # Repression and violence aimed at no named actor hit the place where they happen.
            place = resolver.clause_location(verb)
            targets = [place] if place else []
        pairs = dyads(sources, targets, cand, cooperative=cand.mutual or ptype in COOPERATIVE_TYPES)
        told = ActsTold.of(sent.doc)
        for doer in sources:  # remembered whether or not it is kept: a later "the attack" may name it
            told.tell(ptype, doer)
        out = []
        for src, tgt, reciprocal in pairs:
            # A state acting on itself is no event; its forces acting on its people may be ("police
            # detained protesters", "arrested the opposition leader"), but not on the very actor
            # acting ("launched its invasion") nor on another organ of the state ("put its forces
            # on alert": no MOBILIZE RUS -> RUS; ANNOTATION.md codes only domestic actors so),
            # unless the act hits a place of its own that the text names ("police ... in Belgrade").
            if tgt is not None and src is not None and src.code == tgt.code and not domestic_pair(src, tgt) and (
                    ptype not in DOMESTIC_TYPES or (tgt.kind != "person" and not placed) or src.kind == "person"):
                if self.dyadic and ptype not in TARGETLESS_TYPES:
                    continue
                tgt = None  # the act is kept if it needs no recipient ("fired missiles off its coast")
            if tgt is None and self.dyadic and (ptype not in TARGETLESS_TYPES or promised in PROMISES_NEED_TARGET):
                continue
            out.append(Event(
                doc_id=doc_id, sentence_index=index, type=ptype, mode=pmode, contexts=contexts,
                source=src, target=tgt, reciprocal=reciprocal, cameo=code, goldstein=info.goldstein,
                quad=info.quad, date=when, date_precision=precision, negated=False, modality=modality,
                sentence=span_text(sent), sentence_start=sent.start_char, sentence_end=sent.end_char,
                trigger=verb.text, trigger_start=verb.idx, trigger_end=verb.idx + len(verb.text),
                promised_type=promised, location=where.code if where else None,
                location_text=where.text if where else None, translated=translated,
            ))
        return out

    def _reread(self, stage: str, act: Act) -> Predicate:
        """The act's reading after the first rule of `stage` that matches it, if any."""
        rule = self.rules.first(stage, act)
        return rule.reread(act.predicate) if rule is not None and rule.action == "set" else act.predicate

    def _commentary(self, sent: Span, resolver: ActorResolver) -> bool:
        """A sentence that reports what analysts or experts said: their words are commentary, not
        acts of their state (annotation conventions; PLOVER manual on sources). The press saying
        what someone did is attribution: "X did Y, the news agency said" codes X's act."""
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            if pos_of[token.i] == "VERB" and lemma_of[token.i] in mod.SPEECH_VERBS:
                for subj in (c for c in children(token) if c.dep_ == "nsubj"):
                    actors = resolver.actors_of(subj)
                    if any(a.sector in mod.COMMENTATORS for a in actors) or (
                            not actors and self._is_commentary(token, token)):
                        return True
        return False

    def _is_commentary(self, speaker: Token, verb: Token) -> bool:
        subj = next((c for c in children(speaker) if c.dep_ == "nsubj"), None)
        return subj is not None and self._role_sector(subj) in mod.COMMENTATORS

    def _role_sector(self, noun: Token) -> str | None:
        return role_sector(noun, self.contexts.gazetteer)


