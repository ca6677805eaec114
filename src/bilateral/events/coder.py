"""The event coder: who did what to whom, from spaCy's dependency parse and the predicate lexicon.

For each verb (and each noun that names an event) the lexicon gives a CAMEO code; the parse gives
the source (subject or passive agent) and the target (object, dative or a preposition's object, as
the lexicon entry says). Coordinated actors give one event each; mutual acts are reciprocal.
Modality follows the PLOVER manual: promised cooperative acts are AGREE, negated and hypothetical
acts are not events, and analysts' commentary is not an act of their state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from bilateral import syntax as syn
from bilateral.actors.mentions import role_sector
from bilateral.actors.resolve import ActorResolver
from bilateral.datafiles import load_yaml, package_data
from bilateral.events import modality as mod
from bilateral.events.contexts import ContextFinder
from bilateral.events.dates import DateMention
from bilateral.events.lexicon import Lexicon, ObjectSpec, Predicate, Slot
from bilateral.model import Actor, Event
from bilateral.nlp.tree import (
    children,
    lemmas,
    lowers,
    pos_tags,
    sentence_at,
    sentences,
    span_text,
    span_tokens,
    subtree,
    subtree_indices,
    tags,
    texts,
)
from bilateral.ontology import DEFAULT_CAMEO, cameo
from bilateral.rules.constructions import Act, Constructions, constructions
from bilateral.rules.words import word_lists

# Word lists and code tables: data/rules/words.yaml and codes.yaml (each says why it exists).
WORDS = word_lists()
LIGHT_VERBS = WORDS["light_verbs"]
ENDING_VERBS = WORDS["ending_verbs"]
TIME_NOUNS = WORDS["time_nouns"]
WEEKDAY_PATTERN = r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
COMMAND_VERBS = WORDS["command_verbs"]
FORCE_SECTORS = WORDS["force_sectors"]
ORDERING_VERBS = WORDS["ordering_verbs"]
AGREE_CODES = WORDS.table("agree_codes")
AGREE_CONTEXT_CODES = {(k.split()[0], k.split()[1]): v for k, v in WORDS.table("agree_context_codes").items()}
OWN_FORCES_VERBS = WORDS["own_forces_verbs"]
ARRIVAL_VERBS = WORDS["arrival_verbs"]
FIGHT_NOUNS = WORDS["fight_nouns"]
SOCIETY_SECTORS = WORDS["society_sectors"]
THREAT_CODES = WORDS.table("threat_codes")
ADDRESSEE_VERBS = WORDS["addressee_verbs"]
MATERIAL_TYPES = WORDS["material_types"]
FUTURE_THREATS = WORDS["future_threats"]
PROMISES_NEED_TARGET = WORDS["promises_need_target"]
DOMESTIC_TYPES = WORDS["domestic_types"]
TARGETLESS_TYPES = WORDS["targetless_types"]
COOPERATIVE_TYPES = WORDS["cooperative_types"]
CIVILIAN_SECTORS = WORDS["civilian_sectors"]
_COMMENTARY_CUES = WORDS.ordered["commentary_cues"]


@dataclass
class _Candidate:
    trigger: Token
    predicate: Predicate
    sources: list[Actor]
    targets: list[Actor]
    mutual: bool
    pair: bool  # the subject is "the two sides" or a coordination of actors


class EventCoder:
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
            events += self.code_sentence(sent, index, resolver, doc_id, pub_date, dates, translated)
        return events

    def code_sentence(self, sent: Span, index: int, resolver: ActorResolver, doc_id: str,
                      pub_date: date | None, dates: list[DateMention], translated: bool) -> list[Event]:
        lowered = span_text(sent).lower()
        if any(cue in lowered for cue in _COMMENTARY_CUES) or self._commentary(sent, resolver):
            return []
        candidates: list[_Candidate] = []
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
                    cand = _Candidate(token, self._demand, self._subject(token, resolver, False), [], False, False)
                if cand:
                    candidates.append(cand)
            # A noun that only modifies another ("riot police", "strike force", "ceasefire line")
            # names a kind of thing, not an event.
            if pos == "NOUN" and token.dep_ != "compound" and lemma_of[i] in nouns_by_lemma:
                nouns.append(token)
        for token in nouns:
            # Event nouns are common nouns: "March" the month is not a march.
            if token.i not in consumed and (not texts(doc)[token.i].istitle() or token.i == sent.start) \
                    and not _is_topic(token):
                cand = self._nominal(token, resolver)
                if cand:
                    candidates.append(cand)
        triggers = {c.trigger.i for c in candidates}
        _share_recipients(candidates)
        # The main act first: events are listed from the clause nearest the sentence's root down.
        candidates.sort(key=lambda c: (_depth(c.trigger), c.trigger.i))
        events: list[Event] = []
        for cand in candidates:
            events += self._events(cand, sent, index, doc_id, pub_date, dates, translated, triggers, resolver)
        return _dedupe(events)

    # -- matching ---------------------------------------------------------------------------

    def _verb(self, verb: Token, resolver: ActorResolver, consumed: set[int]) -> _Candidate | None:
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
            subj = _subject_token(verb, passive)
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
        targets = self._targets(pred, verb, objects, resolver, event_noun, [a.code for a in sources])
        if lemma in ARRIVAL_VERBS:
            pred = self._delivery(verb, pred)  # the place of arrival stays the recipient
        if not targets and pred.plover_type in {"ASSAULT", "COERCE"}:
            # "used tear gas to disperse the protesters": force aimed at whom its purpose names.
            purposes = [c for c in children(verb) if c.dep_ in {"xcomp", "advcl"} and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in children(c))]
            # ("to stop farmers marching": the people may be the subject of the clause under it)
            clauses = purposes + [g for c in purposes for g in children(c) if g.dep_ in {"advcl", "ccomp", "xcomp"}]
            targets = [a for c in clauses for o in children(c) if o.dep_ in {"dobj", "nsubj"}
                       for a in resolver.actors_of(o)][:2]
        if passive and not sources and pred.plover_type == "ASSAULT":
            # "soldiers were killed in a clash with Chinese troops": the other side of the fight.
            sources = [a for a in self._opponents(verb, resolver) if a.code not in {t.code for t in targets}]
        if passive and not sources and pred.plover_type in {"COERCE", "ASSAULT"}:
            # "Kovrig has been detained in China": repression with no agent is the act of the
            # state where it happens.
            place = resolver.clause_location(verb)
            sources = [replace(place, sector="GOV")] if place else []
        pred = self._reread("reading", Act(verb, pred, sources, targets))  # e.g. joint drills
        if "swap" in pred.flags:
            sources, targets = targets, sources
        # A statement leaves its object be ("announced a suspension of air links"), except where the
        # object is whom it is told to ("told a May Day rally").
        if pred.plover_type is not None or lemma in ADDRESSEE_VERBS:
            for obj in objects:
                consumed.add(obj.i)
        if event_noun is not None:
            consumed.add(event_noun.i)
        subj = _subject_token(verb, passive)
        pair = bool(subj is not None and (resolver.is_pair(subj) or len(sources) > 1))
        return _Candidate(verb, pred, sources, targets, "mutual" in pred.flags, pair)

    def _commander(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """For an act ordered of one's own forces ("Putin ordered Russia's forces to be put on
        alert", "the government ordered its troops to withdraw"), who gave the order: the act is
        theirs. Ordering another state to act is a demand, and yields nobody here."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.lemma_.lower() not in COMMAND_VERBS:
            return []
        subj = next((c for c in children(head) if c.dep_ == "nsubj"), None)
        ordered = [c for c in children(head) if c.dep_ == "dobj"]
        if subj is None or not ordered:
            return []
        commanders = resolver.actors_of(subj)
        codes = {a.code for a in commanders}
        forces = [a for o in ordered for a in resolver.actors_of(o)]
        own = bool(forces) and all(a.code in codes and a.sector in FORCE_SECTORS for a in forces)
        return commanders if own else []

    def _evaluation(self, verb: Token) -> Predicate | None:
        """"Netanyahu called the charge outrageous": the words said of the object decide between
        criticism and praise; the object's owner or author is the recipient (see _targets)."""
        said: list[Token] = []
        for child in children(verb):
            if child.dep_ in {"oprd", "acomp", "attr", "xcomp", "ccomp"}:
                said.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                said += children(child)
        for obj in (c for c in children(verb) if c.dep_ == "dobj"):
            # the parser hangs the predicated words on the object too ("called the decision a disgrace")
            said += [t for t in subtree(obj) if t.dep_ in {"oprd", "npadvmod", "appos", "ccomp"}]
            said += [p for t in subtree(obj) if t.dep_ == "prep" and t.lower_ == "as" for p in children(t)]
        words: set[str] = set()
        for token in said:
            words |= {token.lemma_.lower(), token.lower_}
            words |= {c.lemma_.lower() for c in children(token) if c.dep_ in {"amod", "compound", "acomp"}}
            phrase = " ".join(t.lower_ for t in children(token) if t.i < token.i and t.dep_ in {"amod", "compound"})
            if phrase:
                words.add(f"{phrase} {token.lower_}")
        if words & self.negative:
            return self._criticize
        if words & self.positive:
            return self._praise
        return None

    def _delivery(self, verb: Token, pred: Predicate) -> Predicate:
        """"The first HIMARS launchers have arrived in Ukraine", "experts arrived in Rome with 31
        tonnes of supplies": goods that arrive were delivered. Their kind picks the entry, as if
        the text said "delivered launchers to Ukraine"; people who arrive are visiting."""
        clause = verb  # ("arrived arrived to Tehran": the repeated verb's subject is its head's)
        while not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children(clause)) and \
                clause.dep_ in {"advcl", "conj", "xcomp"} and clause.head.i != clause.i:
            clause = clause.head
        goods = [c for c in children(clause) if c.dep_ in {"nsubj", "nsubjpass"}]
        goods += [p for c in children(verb) if c.dep_ == "prep" and c.lower_ == "with"
                  for p in children(c) if p.dep_ == "pobj"]
        names = {w for g in goods if g.pos_ == "NOUN" for w in _names(g)}  # goods, not named people
        for wanted in ("AID", "COOPERATE"):
            for deliver in ("deliver", "send", "ship", "launch"):
                for option in self.lex.verbs.get(deliver, ()):
                    if option.plover_type == wanted and not option.particle and option.object_lemmas & names:
                        return option
        return pred

    def _opponents(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """The "with" side of a fight told in the verb's clause ("in a clash with X")."""
        for t in subtree(verb):
            if t.dep_ == "prep" and t.lower_ == "with" and t.head.lemma_.lower() in FIGHT_NOUNS:
                return [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
        return []

    def _light_object(self, verb: Token) -> tuple[Token | None, Predicate | None]:
        for obj in syn.objects(verb, passive=False):
            nouns = [obj] + [p for prep in children(obj) if prep.dep_ == "prep" and prep.lower_ == "of"
                             for p in children(prep) if p.dep_ == "pobj"]
            for noun in nouns:
                preds = _with_modifier(noun, self.lex.nouns.get(noun.lemma_.lower(), ()))
                if preds:
                    return noun, preds[0]
        return None, None

    def _match(self, verb: Token, preds: tuple[Predicate, ...] | list[Predicate], objects: list[Token],
               civilian: bool = False) -> Predicate | None:
        """The most specific entry that fits the verb's particle, object and prepositions. Words
        like "strike", "storm" and "block" are collective action by civilians and force by states:
        the subject's sector decides between the PROTEST reading and the others."""
        if not preds:
            return None
        fitting = self._fitting(verb, preds, objects)
        if civilian:
            # The civilian readings: protest itself, or ending one ("called off the strike").
            protest = [p for p in fitting if p.plover_type == "PROTEST" or "civilian" in p.flags]
            if protest:
                return protest[0]
        other = [p for p in fitting if "civilian" not in p.flags]
        chosen = other or fitting
        return chosen[0] if chosen else None

    def _fitting(self, verb: Token, preds: tuple[Predicate, ...] | list[Predicate],
                 objects: list[Token]) -> list[Predicate]:
        stacked = syn.stacked_particles(verb)
        particles = syn.particles(verb)
        # Infinitival complements: "refused to meet", "went to Beijing to sign"; not "..., saying".
        # "allow X to participate" often comes parsed as a ccomp with its own subject.
        xcomps = {c.lemma_.lower() for c in children(verb) if c.dep_ == "xcomp" or (
            c.dep_ in {"advcl", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in children(c)))}
        preps = syn.prep_words([verb, *objects, *stacked])
        prep_objects = {(c.lower_, p.lemma_.lower()) for h in [verb, *stacked] for c in children(h)
                        if c.dep_ in {"prep", "dative"} for p in children(c) if p.dep_ == "pobj"}
        # Each object as (the words that name it, the words under it), computed once per verb.
        # "ended a decade of frosty ties" ends the decade, not the ties: no reading through time.
        spans = verb.lemma_.lower() not in ENDING_VERBS
        object_words = [(_names(obj, spans), _Below(obj)) for obj in objects]
        head_words = {h.lemma_.lower() for obj in objects for h in _heads(obj, spans)} | {lemma for _, lemma in prep_objects} \
            | xcomps
        available = {w for names, _ in object_words for w in names} | {lemma for _, lemma in prep_objects} | xcomps
        out: list[tuple[bool, bool, bool, Predicate]] = []
        for pred in preds:  # most specific first
            if pred.particle and pred.particle not in particles:
                continue
            if pred.objects and pred.object_lemmas.isdisjoint(available):
                continue
            # (only the specs whose word is present can match: a set test first, the full one after)
            matched = [spec for spec in pred.objects if spec.lemma in available and (
                ((spec.prep, spec.lemma) in prep_objects or (spec.infinitive and spec.lemma in xcomps))
                if spec.prep else _object_matches(spec, object_words, xcomps))]
            if pred.objects and not matched:
                continue
            if not pred.required_preps <= preps:
                continue
            # Entries with the verb's particle come first ("called off a national strike"); then
            # those that matched the object's head rather than a word before it ("the UN refugee
            # agency" is an agency); then those that matched a modifier too ("hunger strike").
            on_head = not pred.objects or any(spec.lemma in head_words for spec in matched)
            out.append((bool(pred.particle), on_head, any(spec.modifier for spec in matched), pred))
        out.sort(key=lambda ranked: (not ranked[0], not ranked[1], not ranked[2]))
        return [pred for _, _, _, pred in out]

    def _nominal(self, noun: Token, resolver: ActorResolver) -> _Candidate | None:
        preds = _with_modifier(noun, self.lex.nouns.get(noun.lemma_.lower(), ()))
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
        targets = self._slots(pred.targets, noun, [], resolver)
        pred = self._reread("nominal", Act(noun, pred, sources, targets))  # e.g. leaving an organization
        if not sources and pred.plover_type == "PROTEST":
            # "Belarus has been engulfed in mass protests": protests belong to the country where
            # they happen, and are aimed at its government.
            place = resolver.sentence_country(noun)
            sources = [replace(place, sector="CVL")] if place else []
        if not sources:
            return None
        if not targets and "mutual" not in pred.flags and pred.plover_type not in {"CONSULT", "MOBILIZE", "PROTEST"}:
            return None
        pair = any(s.kind == "prep" and s.prep == "between" for s in pred.sources) and len(sources) > 1
        return _Candidate(noun, pred, sources, targets, "mutual" in pred.flags, pair)

    # -- actors -----------------------------------------------------------------------------

    def _subject(self, verb: Token, resolver: ActorResolver, passive: bool) -> list[Actor]:
        tok: Token | None = verb
        while tok is not None:
            is_passive = syn.is_passive(tok)
            if is_passive:
                for child in children(tok):
                    if child.dep_ == "agent":
                        for pobj in children(child):
                            if pobj.dep_ == "pobj":
                                return resolver.actors_of(pobj)
                # The parser often hangs "by X" on the object ("sanctions on Turkey's agency by
                # the United States"): any "by" phrase under a passive verb names the agent.
                for t in subtree(tok):
                    if t.dep_ == "prep" and t.lower_ == "by" and t.head.i != tok.i:
                        found = [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
                        if found:
                            return found
                if tok is verb:
                    return []
            subj = next((c for c in children(tok) if c.dep_ in {"nsubj", "csubj"} or (
                c.dep_ == "nsubjpass" and not is_passive)), None) or syn.misparsed_subject(tok)
            if subj is not None:
                if subj.lower_ in {"which", "who", "that"} and tok.dep_ == "relcl":
                    return resolver.actors_of(tok.head)
                return resolver.actors_of(subj)
            if tok.dep_ == "acl":
                # "farmers marching on New Delhi": the noun the participle describes acts;
                # "sanctions imposed by X" is passive and was handled above.
                return [] if tok.tag_ == "VBN" else resolver.actors_of(tok.head)
            if (tok.dep_ in {"xcomp", "conj", "advcl", "ccomp", "acl"} or (
                    tok.dep_ == "acomp" and tok.pos_ == "ADJ")) and tok.head.i != tok.i:
                # ("is ready to withdraw": the adjective's subject is the verb's)
                # Object-control verbs ("urged China to act"): the actor of the complement is the
                # object of the head, which is not the event we code; stop there.
                if tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in children(tok.head)) and \
                        tok.head.lemma_.lower() in mod.OPAQUE_WRAPPERS:
                    return []
                tok = tok.head
                continue
            return []
        return []

    def _targets(self, pred: Predicate, verb: Token, objects: list[Token], resolver: ActorResolver,
                 event_noun: Token | None, source_codes: list[str]) -> list[Actor]:
        found = self._slots(pred.targets, verb, objects, resolver)
        if not found and event_noun is not None:
            found = self._slots(pred.targets, event_noun, [], resolver)
        if not found and not pred.targets:
            found = self._slots((Slot("obj"), Slot("prep", "with"), Slot("prep", "against"),
                                 Slot("prep", "on"), Slot("prep", "to")), verb, objects, resolver)
        if not found:
            # "signed agreements normalising relations with Israel": a "with" inside the object.
            for obj in objects:
                for t in subtree(obj):
                    if t.dep_ == "prep" and t.lower_ in {"with", "between"} and t.i != obj.i:
                        found += [a for p in children(t) if p.dep_ == "pobj" for a in resolver.actors_of(p)]
        if not found and pred.plover_type in {"ASSAULT", "COERCE", "MOBILIZE"}:
            # "launched a full-scale invasion of the country", "an attack on Kyiv"
            for obj in objects:
                if obj.lemma_.lower() in self.lex.nouns:
                    found = self._slots((Slot("prep", "of"), Slot("prep", "on"), Slot("prep", "against"),
                                         Slot("prep", "into")), obj, [], resolver)
                    if found:
                        break
        if not found and pred.plover_type in {"ASSAULT", "COERCE"}:
            # "rebels killed dozens of Malian soldiers": the victims, also of the rebels' own country.
            found = [a for obj in objects for a in resolver.actors_of(obj)]
        if not found and pred.plover_type in {"AGREE", "AID", "COOPERATE"}:
            # "pledged 3.5 trillion yen in investment in India", "loans for Egypt"
            found = self._slots((Slot("prep", "in"), Slot("prep", "for")), objects[0], [], resolver) \
                if objects else []
        if not found:
            # "Belarus recognizes that the government of the PRC is ...": the clause's subject.
            # "warned that Moscow would respond": the speaker again is no recipient.
            for clause in (c for c in children(verb) if c.dep_ == "ccomp"):
                for subj in (c for c in children(clause) if c.dep_ in {"nsubj", "nsubjpass"}):
                    found += [a for a in resolver.actors_of(subj) if a.code not in source_codes]
        if not found and pred.plover_type in {"ACCUSE", "REJECT", "SUPPORT"}:
            # "called the charge brought by South Africa outrageous", "vetoed a resolution drafted by
            # the U.S.": the author of what is judged receives the judgement.
            for obj in objects:
                for acl in (c for c in children(obj) if c.dep_ == "acl" and c.tag_ == "VBN"):
                    found += [a for agent in children(acl) if agent.dep_ == "agent" for p in children(agent)
                              if p.dep_ == "pobj" for a in resolver.actors_of(p) if a.code not in source_codes]
        mutual_group = "mutual" in pred.flags and len(source_codes) > 1
        # "Armenia and Azerbaijan agreed to end the fighting": a joint promise is made to each other.
        joint_promise = len(source_codes) > 1 and verb.dep_ == "xcomp" and \
            verb.head.lemma_.lower() in mod.FUTURE_WRAPPERS
        if not found and not mutual_group and not joint_promise:  # "A and B held talks": they talk with each other
            # "warned that Moscow would respond to any deployment of NATO troops", "submitted
            # applications to join the EU": the first other actor inside the complement or object.
            found = self._first_actor_within(verb, objects, resolver, exclude=set(source_codes))
        return found

    def _first_actor_within(self, verb: Token, objects: list[Token], resolver: ActorResolver,
                            exclude: set[str]) -> list[Actor]:
        heads = [*objects, *(c for c in children(verb) if c.dep_ in {"ccomp", "xcomp"})]
        for head in heads:
            # not inside a passive participle of the object ("talks mediated by the EU")
            skipped = {t.i for c in children(head) if c.dep_ == "acl" and c.tag_ == "VBN" for t in subtree(c)}
            for t in subtree(head):
                if t.i in skipped:
                    continue
                m = resolver.mention_at(t)
                if m is not None and m.start == t.i:
                    actors = [a for a in m.actors if a.code not in exclude and a.kind != "place"]
                    if actors:
                        return actors
        return []

    def _slots(self, slots: tuple[Slot, ...], head: Token, objects: list[Token],
               resolver: ActorResolver) -> list[Actor]:
        for slot in slots:
            found: list[Actor] = []
            if slot.kind == "obj":
                # The first object that names an actor: "designated Kenya a major non-NATO ally".
                for obj in objects:
                    found = resolver.actors_of(obj)
                    if found:
                        break
            elif slot.kind == "dative":
                found = [a for c in children(head) if c.dep_ in {"dative", "iobj"} for a in resolver.actors_of(c)]
            elif slot.kind == "poss":
                # The owner of the object: "Iran's demand", "Ukrainian navy vessels".
                found = [a for obj in objects or [head] for c in children(obj)
                         if c.dep_ in {"poss", "amod", "compound", "nmod"} for a in resolver.actors_of(c)]
            elif slot.kind in {"amod", "compound"}:
                found = [a for c in children(head) if c.dep_ in {"amod", "compound", "nmod"}
                         for a in resolver.actors_of(c)]
            elif slot.kind == "prep":
                found = [a for pobj in syn.prep_objects(head, objects, slot.prep or "") for a in resolver.actors_of(pobj)]
            if found:
                return found
        return []

    # -- events -----------------------------------------------------------------------------

    def _events(self, cand: _Candidate, sent: Span, index: int, doc_id: str, pub_date: date | None,
                dates: list[DateMention], translated: bool, triggers: set[int],
                resolver: ActorResolver) -> list[Event]:
        verb = cand.trigger
        pred = cand.predicate
        if self.dyadic and not cand.sources:
            return []
        if mod.is_obligation(verb):
            # "Russia said Sudan must return the helicopter": no act of Sudan's, but a demand of
            # Russia's on Sudan (PLOVER REQUEST). Without a speaker it is no event at all.
            speaker = syn.speaker_of(verb)
            subj = _subject_token(speaker, False) if speaker is not None else None
            demanders = resolver.actors_of(subj) if subj is not None else []
            if self._demand is None or speaker is None or (self.dyadic and not demanders) or not cand.sources:
                return []
            demand = _Candidate(speaker, self._demand, demanders, cand.sources, False, False)
            return self._events(demand, sent, index, doc_id, pub_date, dates, translated, triggers, resolver)
        # Statements, negated and failed acts (data/rules/constructions.yaml, stage "act").
        act = Act(verb, pred, cand.sources, cand.targets, triggers)
        modality_rule = self.rules.first("act", act)
        if modality_rule is not None and modality_rule.action == "drop":
            return []
        refusal = modality_rule is not None and modality_rule.action == "refuse"
        # "will boycott the elections unless the president steps down": a hostile act promised on
        # a condition is a threat (PLOVER THREATEN), not a hypothetical. So is one announced for
        # the future ("said they would boycott all contact"): it has not happened, and CAMEO codes
        # the stated intent to act hostilely as a threat (13x).
        condition = mod.condition_of(verb)
        threat = pred.plover_type in THREAT_CODES and not refusal and (
            condition == "unless" or condition is not None and pred.plover_type in FUTURE_THREATS
            or pred.plover_type in FUTURE_THREATS and mod.is_announced(verb))
        # "would meet the mediator if he gave them a veto": a cooperative act offered on a
        # condition is an offer (PLOVER AGREE: "offer ... or otherwise indicate willingness").
        offer = condition is not None and pred.plover_type in AGREE_CODES
        # "has held observer status since 2015" is a standing state; "have killed eight leaders
        # since July" still reports acts of force.
        background = mod.is_background_state(verb) and pred.plover_type not in MATERIAL_TYPES
        if not (threat or offer) and (mod.is_hypothetical(verb) or mod.expectation(verb) or background):
            return []
        wrapper = mod.governing_wrapper(verb)
        # "tried to hack into", "attempted to storm": attempted force or repression is coded as
        # the act (PLOVER codes attempts, as with assassinations); other attempts are not acts.
        if wrapper is not None and wrapper.i != verb.i and not (
                wrapper.lemma_.lower() in mod.ATTEMPT_VERBS and pred.plover_type in {"ASSAULT", "COERCE"}) and not (
                wrapper.i == verb.head.i and self._commander(verb, resolver)):
            return []
        speaker = syn.speaker_of(verb)
        if speaker is not None and self._is_commentary(speaker, verb):
            return []
        # Promises carried by the promised act, commentary, joining (constructions.yaml, "kept").
        kept_rule = self.rules.first("kept", act)
        if kept_rule is not None and kept_rule.action == "drop":
            return []
        sources = cand.sources
        ptype, pmode, code = pred.plover_type or "", pred.plover_mode, pred.cameo  # (typeless: dropped above)
        if refusal:
            ptype, pmode, code = "REJECT", None, DEFAULT_CAMEO["REJECT"]
        promised = None
        contexts = self.contexts.find(sent, pred.contexts)
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
        info = cameo(code)
        when, precision = _event_date(verb, sent, dates, pub_date, ahead=modality in {"future", "conditional"})
        where = resolver.clause_location(verb)
        targets = cand.targets
        if not targets and ptype in {"COERCE", "ASSAULT"}:
            # Repression and violence aimed at no named actor hit the place where they happen.
            place = resolver.clause_location(verb)
            targets = [place] if place else []
        pairs = _dyads(sources, targets, cand, cooperative=cand.mutual or ptype in COOPERATIVE_TYPES)
        out = []
        for src, tgt, reciprocal in pairs:
            # A state acting on itself is no event; its forces acting on its people may be ("police
            # detained protesters"), but not on the very actor acting ("launched its invasion").
            if tgt is not None and src is not None and src.code == tgt.code and (
                    ptype not in DOMESTIC_TYPES or src.sector == tgt.sector) and not _domestic_pair(src, tgt):
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


def _domestic_pair(src: Actor, tgt: Actor) -> bool:
    """Two sides of one country that can act on each other: the government and rebels, the
    opposition or a region ("Sudan lifted the state of emergency in West Darfur"); a state and
    itself cannot."""
    if tgt.kind == "place":
        return True
    sectors = {src.sector or "GOV", tgt.sector or "GOV"}
    return tgt.kind != "person" and len(sectors) == 2 and bool(sectors & SOCIETY_SECTORS)


def _share_recipients(candidates: list[_Candidate]) -> None:
    """"China summoned Canada's ambassador, warning of severe consequences": a participle clause
    with no recipient of its own is aimed at the recipient of the act it accompanies."""
    by_trigger = {c.trigger.i: c for c in candidates}
    for cand in candidates:
        verb = cand.trigger
        if cand.targets or verb.dep_ != "advcl" or verb.tag_ != "VBG":
            continue
        head = by_trigger.get(verb.head.i)
        if head is not None and head.targets and {a.code for a in head.sources} == {a.code for a in cand.sources}:
            cand.targets = list(head.targets)


def _with_modifier(noun: Token, preds: tuple[Predicate, ...] | list[Predicate]) -> list[Predicate]:
    """The nominal entries whose required modifier ("joint" drill, "air" strike) precedes the noun."""
    if not preds:
        return []
    if all(p.modifier is None for p in preds):
        return list(preds)
    doc = noun.doc
    start = max(sentence_at(doc, noun.i).start, noun.i - 3)
    before = " ".join(lowers(doc)[start:noun.i])
    before_lemmas = " ".join(lemmas(doc)[start:noun.i])
    return [p for p in preds if p.modifier is None or before.endswith(p.modifier) or before_lemmas.endswith(p.modifier)]


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _dyads(sources: list[Actor], targets: list[Actor], cand: _Candidate,
           cooperative: bool) -> list[tuple[Actor | None, Actor | None, bool]]:
    if cooperative and not targets and len(sources) > 1:
        # "China and Belarus agreed ...": one reciprocal event per pair of participants.
        return [(a, b, True) for i, a in enumerate(sources) for b in sources[i + 1:]]
    out: list[tuple[Actor | None, Actor | None, bool]] = []
    participants: list[Actor | None] = [*sources] or [None]
    for src in participants:
        candidates: list[Actor | None] = [*targets] or [None]
        for tgt in candidates:
            if tgt is not None and src is not None and tgt.code == src.code and \
                    any(t.code != src.code for t in targets):
                continue  # "A accused B and A's allies": A is not its own recipient
            out.append((src, tgt, cand.mutual and tgt is not None))
    if not targets and (cand.predicate.plover_type == "PROTEST" or "civilian" in cand.predicate.flags) \
            and any(sources):
        # Protesters act against, and give up protests to, their own government unless the text
        # names another target.
        out = [(src, replace(src, sector="GOV"), False) for src in sources if src is not None]
    return out


TOPIC_HEADS = WORDS["topic_heads"]
TOPIC_PREPS = WORDS["topic_preps"]
REFERENCE_HEADS = WORDS["reference_heads"]


TOPIC_VERBS = WORDS["topic_verbs"]
UNREALIZED = WORDS["unrealized"]


def _is_topic(noun: Token) -> bool:
    """An event noun that names what is discussed, judged or planned, not an act that happened:
    "negotiations on a troop pullback", "discussed the planned withdrawal"."""
    if any(c.dep_ == "amod" and c.lower_ in UNREALIZED for c in children(noun)):
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in TOPIC_VERBS:
        return True
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in REFERENCE_HEADS:
        return True  # "the implementation of the agreement between China and the EAEU": an existing one
    if noun.dep_ != "pobj" or prep.lower_ not in TOPIC_PREPS or prep.head.i == prep.i:
        return False
    head = prep.head  # "talks on X", or "renewed talks on X" with the phrase on the verb
    return head.lemma_.lower() in TOPIC_HEADS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in TOPIC_HEADS for c in children(head))


QUANTITY_NOUNS = WORDS["quantity_nouns"]


def _names(obj: Token, spans: bool = True) -> set[str]:
    """The words that name an object: its head and compounds ("sanctions", "sanction package"),
    and for a measure or count ("tons of aid", "two of its nationals") what it measures."""
    heads = _heads(obj, spans)
    words = heads + [c for h in heads for c in children(h) if c.dep_ == "compound"]
    return {w.lemma_.lower() for w in words} | {w.lower_ for w in words}


def _heads(obj: Token, spans: bool = True) -> list[Token]:
    """The object's head noun, or what a measure or count measures (with `spans`, also what a
    stretch of time holds: "two days of drills")."""
    heads = [obj]
    lemma = obj.lemma_.lower()
    if (lemma in QUANTITY_NOUNS and (spans or lemma not in TIME_NOUNS)) or obj.pos_ == "NUM":
        heads += [pobj for prep in children(obj) if prep.dep_ == "prep" and prep.lower_ == "of"
                  for pobj in children(prep) if pobj.dep_ == "pobj"]
    return heads


class _Below:
    """The words under an object, worked out only if an entry asks for a modifier."""

    def __init__(self, obj: Token) -> None:
        self.obj = obj
        self.words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self.words is None:
            self.words = {w for t in subtree(self.obj) for w in (t.lemma_.lower(), t.lower_)}
        return word in self.words


def _object_matches(spec: ObjectSpec, object_words: list[tuple[set[str], _Below]], xcomps: set[str]) -> bool:
    if spec.infinitive:
        return spec.lemma in xcomps
    return any(spec.lemma in names and (spec.modifier is None or spec.modifier in below)
               for names, below in object_words)


def _event_date(verb: Token, sent: Span, dates: list[DateMention], pub_date: date | None,
                ahead: bool = False) -> tuple[str | None, str | None]:
    """The date written for the act's clause, else the publication date. A promised act (`ahead`)
    dated by a bare month or weekday lies ahead: "will visit Cairo in September", written in July,
    is this September, not last."""
    written = _written_date(verb, sent, dates)
    if written is None:
        return (pub_date.isoformat(), "day") if pub_date is not None else (None, None)
    when, precision = written.value, written.precision
    if ahead and pub_date is not None and when < pub_date.isoformat()[:len(when)]:
        text = sent.doc.text[written.start:written.end]
        if not re.search(r"\d{4}", text):
            if precision == "day" and re.search(WEEKDAY_PATTERN, text):
                return (date.fromisoformat(when) + timedelta(days=7)).isoformat(), precision
            return f"{int(when[:4]) + 1:04d}{when[4:]}", precision
    return when, precision


def _written_date(verb: Token, sent: Span, dates: list[DateMention]) -> DateMention | None:
    in_sentence = [d for d in dates if sent.start_char <= d.start < sent.end_char]
    if not in_sentence:
        return None
    by_governor = syn.governed_dates(sent.doc, in_sentence)
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        if tok.i in by_governor:
            return by_governor[tok.i]
        tok = tok.head if tok.dep_ in {"xcomp", "conj", "ccomp", "advcl", "relcl", "acl", "pobj", "prep"} else None
    clause = verb if verb.pos_ in {"VERB", "AUX"} else syn.clause_verb(verb)
    in_clause = subtree_indices(clause)
    return next((d for gov_i, d in by_governor.items() if gov_i in in_clause), None)


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in events:
        key = (e.type, e.source.code if e.source else "", e.target.code if e.target else "")
        mirror = (e.type, key[2], key[1])
        if key in seen or (e.reciprocal and mirror in seen):
            continue
        seen.add(key)
        out.append(e)
    return out


_AGENT_DEPS = frozenset({"nsubj", "agent"})


def _subject_token(verb: Token, passive: bool) -> Token | None:
    """The clause's subject word (a passive's agent phrase), climbing coordinated and
    complement verbs and adjectives ("is ready to withdraw")."""
    return syn.subject(verb, deps=_AGENT_DEPS if passive else syn.clause.SUBJECT_DEPS, adjectives=True)

