"""Diplomatic relations in a sentence: established, restored, downgraded or severed, between whom
(a mixin of `ledger.extractor.LedgerExtractor`, which loads the cue words; docs/ledger.md)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bilateral.actors.resolve import ActorResolver
from bilateral.ledger import clauses
from bilateral.ledger.dating import Found as _Found
from bilateral.ledger.dating import told_as_background
from bilateral.nlp.tree import children, lemmas, pos_tags, span_text, span_tokens
from bilateral.rules.words import word_lists
from bilateral.syntax import clause_verb as _clause_verb
from bilateral.syntax import is_company, pobjs

SWITCH_VERBS = word_lists()["switch_verbs"]
_SINCE = re.compile(r"\bsince\b", re.I)


class DiplomaticRelationsReader:
    relation_acts: dict[str, str]  # verb lemma -> status (cues.yaml diplomatic_relations.acts)
    relation_objects: set[str]  # "relations", "ties"
    non_diplomatic: set[str]  # "trade ties" are no diplomatic relations
    manner_nouns: frozenset[str]  # "in solidarity with"

    def _recognition_switches(self, sent: Span, resolver: ActorResolver) -> list[_Found]:
        """"switched diplomatic recognition from Taiwan to Beijing": relations with the first
        are severed and with the second established."""
        out = []
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            if pos_of[token.i] != "VERB" or lemma_of[token.i] not in SWITCH_VERBS:
                continue
            objs = [c for c in children(token) if c.dep_ == "dobj"
                    and c.lemma_.lower() in {"recognition", "allegiance", "tie", "relation"}]
            subj = clauses.subject(token)
            if not objs or subj is None or (token.tag_ == "VB" and token.dep_ in {"acl", "xcomp"}):
                continue  # "the decision to switch recognition" is not yet the switch
            states = [a for a in resolver.actors_of(subj) if a.kind in {"state", "person"}]
            old = clauses.recognition_switch_parties(token, resolver, "from") or \
                clauses.recognition_switch_parties(objs[0], resolver, "from")
            new = clauses.recognition_switch_parties(token, resolver, "to") or \
                clauses.recognition_switch_parties(objs[0], resolver, "to")
            for s in states:
                for o in old:
                    out.append(_Found("diplomatic_relations", tuple(sorted((s.code, o.code))), "severed",
                                      token, f"{token.text} {objs[0].text}", False))
                for n in new:
                    out.append(_Found("diplomatic_relations", tuple(sorted((s.code, n.code))), "established",
                                      token, f"{token.text} {objs[0].text}", False))
        return out

    def _relation_pairs(self, token: Token, obj: Token, resolver: ActorResolver) -> list[tuple[str, str]]:
        """The parties of the relations `token` changes (`obj`: "relations", "ties")."""
        subj = clauses.subject(token)
        sources = (resolver.actors_of(subj) if subj is not None else []) + clauses.companions(token, resolver)
        others = [a for p in [*pobjs(token, "with"), *pobjs(obj, "with")]
                  if not self._manner_with(p) and not is_company(p.head) for a in resolver.actors_of(p)]
        states = [a for a in sources if a.kind in {"state", "person"}]
        if not others and len(states) == 1 and token.dep_ == "relcl":
            # The other party is in the clause the relative clause hangs on.
            main_subj = clauses.subject(_clause_verb(token.head))
            if main_subj is not None:
                others = [a for a in resolver.actors_of(main_subj) if a.code != states[0].code]
        # "Relations between China and Honduras were established": the parties name the relations.
        between = [a for p in pobjs(obj, "between") for a in resolver.actors_of(p) if a.kind in {"state", "person"}]
        if others:
            return [(s.code, o.code) for s in states for o in others if s.code != o.code]
        if between and (obj.dep_ == "nsubjpass" or obj.i == token.head.i):
            return clauses.pairs(between)
        if clauses.with_someone(token, obj):
            # "Saudi Arabia, UAE, Bahrain and Egypt sever ties with Qatar", Qatar unresolved:
            # those who cut ties together did not cut them with each other.
            return []
        pairs = clauses.pairs(states)
        if not pairs and len(states) <= 1 and not told_as_background(token):
            # "Morocco broke off relations in 1976", "ties were restored in 1988": in a story
            # about two states, relations told without the other party are theirs.
            pairs = clauses.story_pair(token, resolver, states)
        return pairs

    def _manner_with(self, pobj: Token) -> bool:
        """"in solidarity with Mexico", "in line with the EU": a "with" that says how the act was
        done, not with whom the relations are (the parser may hang it on "relations")."""
        prep = pobj.head
        doc = prep.doc
        return prep.i >= 2 and doc[prep.i - 1].lower_ in self.manner_nouns and doc[prep.i - 2].lower_ == "in"

    @staticmethod
    def _broke_with(token: Token, resolver: ActorResolver) -> list[_Found]:
        if token.lemma_.lower() != "break":
            return []
        return [_Found("diplomatic_relations", tuple(sorted(pair)), "severed", token, f"{token.text} with", False)
                for pair in clauses.broke_with_states(token, resolver)]

    def _relations(self, sent: Span, resolver: ActorResolver) -> list[_Found]:
        out = self._recognition_switches(sent, resolver)
        pos_of, lemma_of = pos_tags(sent.doc), lemmas(sent.doc)
        for token in span_tokens(sent):
            lemma = lemma_of[token.i]
            if pos_of[token.i] != "VERB" or lemma not in self.relation_acts:
                continue
            objs = [c for c in children(token) if c.dep_ in {"dobj", "nsubjpass"}
                    and c.lemma_.lower() in self.relation_objects]
            if not objs and token.dep_ == "relcl" and token.head.lemma_.lower() in self.relation_objects and any(
                    c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in {"which", "that"} for c in children(token)):
                objs = [token.head]  # "relations, which Washington broke off in 1961"
            if not objs and token.dep_ == "acl" and token.tag_ == "VBN" and \
                    token.head.lemma_.lower() in self.relation_objects:
                objs = [token.head]  # "ties between Riyadh and Damascus, cut in 2012, ..."
            if not objs and token.dep_ == "conj" and any(c.dep_ == "dobj" and c.tag_ == "PRP" for c in children(token)) \
                    and not pobjs(token, "with"):
                # "cut ties with Israel in 2009 and restored them in 2019": the pronoun is the first
                # verb's ties (but "established ties with China and broke them off with Taiwan")
                objs = [c for c in children(token.head) if c.dep_ == "dobj" and c.lemma_.lower() in self.relation_objects]
            if not objs:
                out += self._broke_with(token, resolver)
                continue
            obj = objs[0]
            mods = {c.lemma_.lower() for c in children(obj) if c.dep_ in {"amod", "compound"}}
            if mods & self.non_diplomatic and "diplomatic" not in mods:
                continue
            if lemma == "maintain" and not _SINCE.search(span_text(sent)):
                continue
            if clauses.unfulfilled(token):
                continue  # "requires countries ... to end relations with Taipei": asked for, not done
            status = self.relation_acts[lemma]
            if lemma == "break" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in children(token)) \
                    and "diplomatic" not in mods:
                continue
            pairs = self._relation_pairs(token, obj, resolver)
            for a, b in pairs:
                out.append(_Found("diplomatic_relations", tuple(sorted((a, b))), status, token,
                                  f"{token.text} {obj.text}", lemma == "maintain" or told_as_background(token)))
        return out
