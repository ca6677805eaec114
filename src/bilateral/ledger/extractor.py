"""Ledger facts: partnership designations, memberships and diplomatic relations, with their dates.

Reads the parse of each sentence with the cue words in `data/ledger/cues.yaml` (docs/ledger.md).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from bilateral.actors.resolve import ActorResolver, conjuncts
from bilateral.datafiles import LINE_KEY, load_yaml, package_data
from bilateral.errors import DataFileError
from bilateral.events import modality as mod
from bilateral.events.dates import DateMention
from bilateral.ledger import clauses
from bilateral.ledger.dating import Found as _Found
from bilateral.ledger.dating import fact_date as _fact_date
from bilateral.ledger.diplomatic import SWITCH_VERBS, DiplomaticRelationsReader
from bilateral.ledger.merge import merge_document_facts
from bilateral.model import Actor, LedgerFact
from bilateral.nlp.tree import (
    children,
    lemmas,
    lowers,
    pos_tags,
    sentence_at,
    sentences,
    slice_text,
    span_text,
    span_tokens,
    subtree,
)
from bilateral.rules.words import word_lists
from bilateral.syntax import clause_verb as _clause_verb
from bilateral.syntax import is_negated, pobjs

# Word lists and code tables: data/rules/words.yaml and codes.yaml (each says why it exists).
WORDS = word_lists()
HOLDING_VERBS = WORDS["holding_verbs"]


class LedgerExtractor(DiplomaticRelationsReader):
    def __init__(self, path: Path | None = None) -> None:
        path = path or package_data("ledger", "cues.yaml")
        cues = load_yaml(path)
        if not isinstance(cues, dict):
            raise DataFileError(str(path), None, "expected a mapping")
        try:
            p, m, d = cues["partnership"], cues["membership"], cues["diplomatic_relations"]
            self.heads = set(p["heads"])
            self.modifiers = set(p["modifiers"])
            self.core = set(p["core"])
            self.strict = {k: set(v) for k, v in p["strict_heads"].items() if k != LINE_KEY}
            self.acts = set(p["acts"])
            self.stative_verbs = frozenset(p["states"])
            self.member_acts: list[dict[str, Any]] = m["acts"]
            self.member_nouns: dict[str, str] = m["nouns"]
            self.statuses: dict[str, str] = m["statuses"]
            self.completed_after = frozenset(m["completed"]["after"])
            self.completed_nouns: dict[str, str] = m["completed"]["nouns"]
            self.completing_verbs = frozenset(m["completed"]["verbs"])
            self.listing_verbs = frozenset(m["listing_verbs"])
            self.applying = frozenset(m["applying"]["verbs"])
            self.joining = frozenset(m["applying"]["joins"])
            # Lookups by the word that must be there, so that most tokens are passed over at once.
            self.member_acts_by_verb: dict[str, list[dict[str, Any]]] = {}
            for rule in self.member_acts:
                self.member_acts_by_verb.setdefault(str(rule["verb"]), []).append(rule)
            self.status_heads = {phrase.split()[-1] for phrase in self.statuses}
            # Verbs that change a membership whatever their object ("suspended", not "began").
            self.objectless_member_verbs = {str(rule["verb"]) for rule in self.member_acts if "object" not in rule}
            self.membership_words = (set(self.member_nouns) | self.status_heads) - {"partner"}
            self.relation_acts: dict[str, str] = d["acts"]
            self.relation_objects = set(d["objects"])
            self.non_diplomatic = set(d["non_diplomatic"])
            self.manner_nouns = frozenset(d["manner_nouns"])
            # Every word one of the extractors below starts from.
            self.cue_words = self.heads | set(self.member_acts_by_verb) | set(self.member_nouns) | \
                self.status_heads | set(self.relation_acts) | SWITCH_VERBS | self.listing_verbs
        except (KeyError, TypeError) as exc:
            raise DataFileError(str(path), None, f"missing or malformed section: {exc}") from exc

    def extract(self, doc: Doc, resolver: ActorResolver, doc_id: str, pub_date: date | None,
                dates: list[DateMention]) -> list[LedgerFact]:
        facts: list[LedgerFact] = []
        cues, lower_of, lemma_of = self.cue_words, lowers(doc), lemmas(doc)
        for index, sent in enumerate(sentences(doc)):
            if not any(lower_of[i] in cues or lemma_of[i] in cues for i in range(sent.start, sent.end)):
                continue  # most sentences hold no ledger cue at all: one pass decides
            found = self._partnerships(sent, resolver) + self._memberships(sent, resolver) + \
                self._relations(sent, resolver)
            for f in found:
                verb = _clause_verb(f.token)
                # ("As a permanent member of the Security Council, China can veto ...": a status
                # set beside the clause holds whatever the clause's mood)
                aside = f.token.dep_ == "appos" or f.token.dep_ == "pobj" and f.token.head.lower_ == "as"
                if is_negated(f.token.head if f.token.pos_ != "VERB" else f.token) or \
                        not aside and (mod.is_hypothetical(verb) or clauses.in_principle(verb)):
                    continue
                when, precision, source, words = _fact_date(f, sent, dates, pub_date)
                facts.append(LedgerFact(
                    doc_id=doc_id, kind=f.kind, parties=f.parties,
                    label=f.value if f.kind == "partnership" else None,
                    status=None if f.kind == "partnership" else f.value,
                    date=when, date_precision=precision, sentence_index=index, sentence=span_text(sent),
                    sentence_start=sent.start_char, sentence_end=sent.end_char, evidence=f.evidence,
                    date_source=source, date_text=words,
                ))
        return merge_document_facts(facts, pub_date)

    # -- partnerships ----------------------------------------------------------------------

    def _partnerships(self, sent: Span, resolver: ActorResolver) -> list[_Found]:
        out = []
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            lemma = lemma_of[token.i]
            if pos_of[token.i] != "NOUN" or lemma not in self.heads:
                continue
            words = self._designation(token)
            if not words or not (set(words) & self.core):
                continue
            if lemma in self.strict and not set(words) & self.strict[lemma]:
                continue
            label = clauses.canonical(words, lemma, token)
            parties, partners = self._parties(token, resolver)
            others = [a.code for a in parties if a.code not in partners]
            # "had comprehensive strategic partnerships with China, Russia and India": each is
            # the subject's partner, not the others'.
            pairs = [(a, b) for a in others for b in partners] if others and len(partners) > 1 \
                else clauses.pairs(parties)
            for a, b in pairs:
                # "Indonesia and Vietnam, strategic partners since 2013, agreed on Monday": an
                # apposition is dated only by what it holds.
                out.append(_Found("partnership", tuple(sorted((a, b))), label, token, label,
                                  clauses.stative(token, self.stative_verbs), dateless=token.dep_ == "appos"))
        return out

    def _designation(self, head: Token) -> list[str]:
        """The run of designation words just before the head noun ("comprehensive all-weather
        strategic" before "partnership"), hyphenated words rejoined."""
        doc = head.doc
        text = slice_text(doc, max(sentence_at(doc, head.i).start, head.i - 10), head.i).lower()
        text = re.sub(r"\s*-\s*", "-", text)
        text = re.sub(r"[\"“”‘’']", " ", text)
        words: list[str] = []
        for w in reversed(text.split()):
            if w not in self.modifiers or w in {"of", "for", "a", "new", "era"}:
                break
            words.insert(0, w)
        while words and words[0] == "and":
            words.pop(0)
        return words

    def _parties(self, noun: Token, resolver: ActorResolver) -> tuple[list[Actor], set[str]]:
        """Who holds the designation, and which of them are named after "with" (the partners of
        the others)."""
        found: list[Actor] = []
        partners: set[str] = set()

        def add(actors: list[Actor], partner: bool = False) -> None:
            for a in actors:
                if a.kind in {"state", "person", "organization"} and all(a.code != f.code for f in found):
                    found.append(a)
                    if partner:
                        partners.add(a.code)

        verb = _clause_verb(noun)
        # A passive's agent may hang on the designation: "was designated a major non-NATO ally by ..."
        preps = {"between", "with", "by"} if any(c.dep_ == "auxpass" for c in children(verb)) else {"between", "with"}
        for child in children(noun):
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in children(child):
                    add(resolver.actors_of(pobj), partner=child.lower_ == "with")
            if child.dep_ == "poss":
                add(resolver.actors_of(child))
        subj = clauses.subject(verb)
        if subj is not None:
            add(resolver.actors_of(subj))
            for pobj in pobjs(subj, ("between", "with")):  # "Ties between Riyadh and Beijing were lifted to ..."
                add(resolver.actors_of(pobj))
        for child in children(verb):
            if child.dep_ == "agent":  # "Kenya was designated a major non-NATO ally by the United States"
                for pobj in children(child):
                    add(resolver.actors_of(pobj))
            if child.dep_ in {"dobj", "dative"} and child.i != noun.i:
                add(resolver.actors_of(child))
                for pobj in pobjs(child, "with"):  # "call the ties with Moscow a ... partnership"
                    add(resolver.actors_of(pobj))
            if child.dep_ == "prep" and child.lower_ in {"with", "between"}:
                for pobj in children(child):
                    add(resolver.actors_of(pobj), partner=child.lower_ == "with")
        # "Pakistan which has been China's ... partner": the relative clause's antecedent.
        if verb.dep_ == "relcl":
            add(resolver.actors_of(verb.head))
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and noun.head.i == verb.i and noun.dep_ == "dobj":
            # "raised the United States to its top tier, forming a comprehensive strategic
            # partnership": the participle's pair includes the object of the clause it hangs on
            for child in children(verb.head):
                if child.dep_ in {"dobj", "dative"}:
                    add(resolver.actors_of(child))
        return found, partners

    # -- memberships -----------------------------------------------------------------------

    def _memberships(self, sent: Span, resolver: ActorResolver) -> list[_Found]:
        out = []
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            lemma, pos = lemma_of[token.i], pos_of[token.i]
            if pos in {"VERB", "AUX"} and lemma in self.joining and token.dep_ == "xcomp" and \
                    lemma_of[token.head.i] in self.applying and not is_negated(token.head):
                # "has asked to join the BRICS group": an application, not yet membership
                out += self._member_facts(token, "applicant", "subject", resolver)
            elif pos in {"VERB", "AUX"}:
                for rule in self.member_acts_by_verb.get(lemma, ()):
                    objects = [c for c in children(token) if c.dep_ in {"dobj", "attr", "nsubjpass"}]
                    xcomps = [c for c in children(token) if c.dep_ in {"xcomp"}]
                    if "object" in rule and not any(
                        rule["object"] in {t.lemma_.lower() for t in [o, *children(o)]} for o in objects + xcomps
                    ) or "prep" in rule and not pobjs(token, rule["prep"]):
                        continue
                    status = rule["status"]
                    if status == "member" and token.dep_ in {"pcomp", "acl", "xcomp"}:
                        continue  # "the process of admitting X": not yet a member
                    if (lemma in {"join", "become", "accede"} and token.tag_ in {"VB", "VBG"} or
                            status == "withdrawn" and clauses.to_infinitive(token)) and not clauses.describes_subject(token):
                        continue  # "Sweden joining NATO", "to join", "voted to leave": not (yet) a fact
                    if status == "from_object" or lemma in {"join", "become"}:
                        status = self._status_words(token) or (status if status != "from_object" else "observer")
                    if status == "withdrawn" and rule.get("state") == "subject" and \
                            not clauses.organization_left(token, resolver):
                        continue  # "Sweden left waiting", "withdrew its draft": no organization left
                    # Only a change named in membership words leans on the story's organization:
                    # "withdrew its draft" or "became China's partner" is no membership.
                    worded = status != "dialogue_partner" and ("object" in rule or any(
                        t.lemma_.lower() in self.membership_words for t in subtree(token)))
                    out += self._member_facts(token, status, rule["state"], resolver, from_context=worded)
                    break
            elif pos == "NOUN" and lemma in self.member_nouns and any(
                    c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in children(token)) and not (
                    token.dep_ in {"nsubj", "nsubjpass", "dobj"} and lemma_of[token.head.i] in self.objectless_member_verbs):
                # (not when a verb of membership says what became of it: "Sudan's membership of
                # the AU was suspended" is a suspension, read from the verb)
                status = self.member_nouns[lemma]
                if token.dep_ == "pobj" and token.head.lower_ in self.completed_after or self._completed(token):
                    # "since Finland's accession to NATO in April 2023": what came after it is done
                    status = self.completed_nouns.get(lemma, status)
                if not (status == "member" and token.dep_ == "compound"):
                    # ("Sweden's NATO membership bid" is a bid, not membership)
                    out += self._member_facts(token, status, "poss", resolver)
        out += self._stative_memberships(sent, resolver) + self._member_lists(sent, resolver)
        return out

    def _member_lists(self, sent: Span, resolver: ActorResolver) -> list[_Found]:
        """"The SCO, which includes China, Russia and India, ...": an organization listing its
        members by a verb of which it is the subject."""
        out = []
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            if pos_of[token.i] != "VERB" or lemma_of[token.i] not in self.listing_verbs:
                continue
            subj = clauses.subject(token)
            # (the organization itself, not "the SCO summit")
            mention = resolver.mention_at(subj) if subj is not None else None
            owners = mention.actors if mention is not None else []
            if len(owners) != 1 or owners[0].kind != "organization":
                continue
            for obj in (c for c in children(token) if c.dep_ == "dobj" and c.pos_ == "PROPN"):
                for state in _listed_names(obj, resolver):
                    if state.kind == "state":
                        out.append(_Found("membership", (state.code, owners[0].code), "member", token, token.text,
                                          True, dateless=True))
        return out

    def _completed(self, noun: Token) -> bool:
        """The change the noun names is said to be complete: "was completed", "took effect"."""
        verb = noun.head
        if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
            return False
        lemma = verb.lemma_.lower()
        return lemma in self.completing_verbs or lemma == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "effect" for c in children(verb))

    @staticmethod
    def _organization_objects(verb: Token, resolver: ActorResolver) -> list[tuple[Token, Actor]]:
        heads = [c for c in children(verb) if c.dep_ in {"dobj", "conj"} and c.pos_ in {"NOUN", "PROPN"}]
        out = []
        for head in heads:
            for t in conjuncts(head, appositions=False):
                orgs = [a for a in resolver.actors_of(t, place_fallback=False) if a.kind == "organization"]
                if orgs:
                    out.append((t, orgs[0]))
        return sorted(out, key=lambda pair: pair[0].i)

    def _status_words(self, verb: Token) -> str | None:
        text = " ".join(t.lower_ for t in subtree(verb))
        for phrase in sorted(self.statuses, key=len, reverse=True):
            if re.search(rf"\b(?:as an?|an?|the)\s+(?:\w+\s+)?{re.escape(phrase)}\b", text) or \
                    re.search(rf"\b{re.escape(phrase)} status\b", text) or \
                    re.search(rf"\bstatus of (?:an? )?(?:\w+\s+)?{re.escape(phrase)}s?\b", text):
                return self.statuses[phrase]
        return None

    def _member_facts(self, token: Token, status: str, state_slot: str, resolver: ActorResolver,
                      from_context: bool = False) -> list[_Found]:
        """Membership facts of the change `token` tells. With `from_context`, a change told in
        membership words ("began the accession process", "was granted observer status") may take
        the organization the story has just named."""
        in_clause = [a for t in subtree(token) for a in clauses.mention_actors(t, resolver)]
        subj = clauses.subject(token)
        if subj is None and token.dep_ == "acl" and token.head.pos_ == "PROPN":
            subj = token.head  # "Belarus, an SCO observer, applied ...": the parser hangs the verb on its subject
        subj_actors = resolver.actors_of(subj) if subj is not None else []
        orgs = [a for a in in_clause + subj_actors if a.kind == "organization"]
        if not orgs and subj is not None and state_slot == "subject":
            # "applied for full membership": the organization named in the subject's apposition
            orgs = [a for t in subtree(subj) for a in clauses.mention_actors(t, resolver) if a.kind == "organization"]
        if not orgs and from_context:
            orgs = clauses.organization_before(token, resolver)
        if not orgs:
            return []
        if state_slot == "subject":
            states = [a for a in subj_actors + clauses.companions(token, resolver) if a.kind in {"state", "person"}]
        elif state_slot == "poss":  # "Sweden's accession", "the accession of Egypt and Ethiopia"
            states = [a for c in [*children(token), *pobjs(token, "of")] if c.dep_ in {"poss", "pobj"}
                      for a in resolver.actors_of(c) if a.kind in {"state", "person"}]
        else:
            states = self._admitted(token, status, subj_actors, resolver)
        out = []
        codes = {s.code for s in states}
        org_objects = self._organization_objects(token, resolver) if state_slot == "subject" else []
        if len(org_objects) > 1:
            # "joined NATO in 2004 and the European Union in 2007": one fact per organization,
            # each dated by what is written between it and the next one.
            sent_end = sentence_at(token.doc, token.i).end_char
            for i, (obj, each) in enumerate(org_objects):
                end = org_objects[i + 1][0].idx if i + 1 < len(org_objects) else sent_end
                for s in states:
                    out.append(_Found("membership", (s.code, each.code), status, token, token.text,
                                      clauses.stative(token, self.stative_verbs), date_window=(obj.idx, end)))
            return out
        org = next((o for o in orgs if o.code not in codes), None)
        if org is None:
            return []
        seen: set[str] = set()
        for s in states:
            if s.code in seen:
                continue
            seen.add(s.code)
            out.append(_Found("membership", (s.code, org.code), status, token, token.text, clauses.stative(token, self.stative_verbs)))
        return out

    @staticmethod
    def _admitted(token: Token, status: str, subj_actors: list[Actor], resolver: ActorResolver) -> list[Actor]:
        """The states a change told of its object concerns ("admitted Croatia", "Finland was
        suspended", "opened talks with Ukraine")."""
        objs = [c for c in children(token) if c.dep_ in {"dobj", "nsubjpass", "dative"}]
        objs += pobjs(token, ("of", "with"))
        # (not the place where it happens: "opened talks with Ukraine in Luxembourg")
        states = [a for o in objs for t in subtree(o) if not clauses.in_place_phrase(t, o)
                  for a in clauses.mention_actors(t, resolver) if a.kind in {"state", "person"}]
        if not states:  # "granted it observer status"
            states = [a for o in objs for a in resolver.actors_of(o, place_fallback=False)
                      if a.kind in {"state", "person"}]
        if not states and status == "member" and subj_actors:
            # "The G20 admitted the African Union as a permanent member": a bloc can join one
            admitting = {a.code for a in subj_actors}
            states = [a for o in objs for a in resolver.actors_of(o, place_fallback=False)
                      if a.kind == "organization" and a.code not in admitting]
        if not states and status == "accession_started":
            # "Minsk began the accession process": the process named by its own subject.
            states = [a for a in subj_actors if a.kind in {"state", "person"}]
        return states

    def _stative_memberships(self, sent: Span, resolver: ActorResolver) -> list[_Found]:
        """"Mongolia has been an observer state of the SCO since 2004", "As an SCO observer state, X",
        "Belarus, an SCO observer, ...", "China and Russia are founding members of the SCO"."""
        out = []
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            head_word = lemma_of[token.i]
            if pos_of[token.i] != "NOUN" or head_word not in self.status_heads:
                continue
            words = [t.lower_ for t in subtree(token) if t.dep_ in {"compound", "amod"} and t.i < token.i
                     and resolver.mention_at(t) is None]
            if "non" in lowers(sent.doc)[max(sent.start, token.i - 4):token.i]:
                # "a non-member observer state" is an observer
                words = [w for w in words if w not in {"non", "-", "member", "non-member"}]
            phrase = " ".join([*words, head_word])
            if token.i > sent.start and token.doc[token.i - 1].lower_ == "founding":
                phrase = "founding " + head_word  # the parser reads "are founding members" as a verb
            status = self.statuses.get(phrase) or self.statuses.get(head_word)
            orgs = list({a.code: a for t in subtree(token) for a in clauses.mention_actors(t, resolver)
                         if a.kind == "organization"}.values())
            # A bare "partner" or "candidate" is anyone's ("a presidential candidate"); "an EU
            # candidate" names what it is a candidate of.
            if status is None or head_word in {"partner", "candidate"} and "dialogue" not in phrase and not (
                    head_word == "candidate" and orgs):
                continue
            states, dateless = self._status_holders(token, resolver)
            if not orgs:  # "...as a full UN member; Palestine has been a non-member observer state"
                # (the nearest before it: "vetoed a Security Council resolution ... as a full UN
                # member; Palestine has been a non-member observer state" is the UN's)
                named = [(abs(t.i - token.i) + (0 if t.i < token.i else len(sent)), a) for t in sent
                         for a in clauses.mention_actors(t, resolver) if a.kind == "organization"]
                orgs = [min(named, key=lambda pair: pair[0])[1]] if named else []
            orgs = orgs or clauses.organization_before(token, resolver)
            for s in states:
                for org in orgs:  # "a member of both the EU and NATO"
                    if s.kind in {"state", "person"} and s.code != org.code:
                        out.append(_Found("membership", (s.code, org.code), status, token, token.text, True,
                                          dateless=dateless))
        return out

    @staticmethod
    def _status_holders(token: Token, resolver: ActorResolver) -> tuple[list[Actor], bool]:
        """Who holds the status the noun names, and whether the sentence's dates are about something
        else (an apposition describes its noun; the clause around it tells another act)."""
        head = token.head
        if token.dep_ == "attr" and head.lemma_ == "be" or token.dep_ == "dobj" and (
                head.lower_ == "founding" or head.lemma_.lower() in HOLDING_VERBS):  # "had held observer status"
            subj = clauses.subject(head)
            return (resolver.actors_of(subj) if subj is not None else []), False
        if token.dep_ == "pobj" and head.lower_ == "as":
            subj = clauses.subject(_clause_verb(head))
            return (resolver.actors_of(subj) if subj is not None else []), False
        if token.dep_ == "appos":  # "Belarus, an SCO observer, applied ..."
            return resolver.actors_of(head), True
        # (right after the noun, in a sentence the parser found a verb for)
        named = [c for c in children(token) if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == token.i + 1
                 and token.dep_ != "ROOT"]
        if named:  # "NATO members Poland, Lithuania, Latvia and Estonia"
            return _listed_names(named[0], resolver), True
        return [], False


def _listed_names(first: Token, resolver: ActorResolver) -> list[Actor]:
    """The actors of a list of names, up to the first word that is no name: the parser may run a
    list on into the rest of the sentence ("NATO members Poland, Latvia and Estonia border Russia"
    makes "border" and "Russia" conjuncts too)."""
    out: list[Actor] = []
    for t in conjuncts(first, appositions=False):
        if t.pos_ != "PROPN":
            break
        mention = resolver.mention_at(t)
        out += [a for a in (mention.actors if mention is not None else []) if all(a.code != o.code for o in out)]
    return out
