"""Which actor a pronoun stands for ("it", "its", "they", "him"), for `actors.resolve.ActorResolver`
(of which this is a mixin): the subject of a clause above, the subject of the sentence before, the
other party of an act's reason, or the nearest actor that is not its own clause's subject."""

from __future__ import annotations

from spacy.tokens import Token

from bilateral.actors.mentions import Mention
from bilateral.actors.story import SUBJECT_DEPS, WORDS, first_subject, opens_sentence
from bilateral.model import Actor
from bilateral.nlp.tree import children, sentences_before, span_tokens, subtree

PRONOUNS = {"it": "single", "its": "single", "they": "group", "their": "group", "them": "group",
            "he": "person", "his": "person", "she": "person", "her": "person", "itself": "single", "him": "person"}
REASON_PREPS = WORDS["reason_preps"]
OWNING_UP_VERBS = WORDS["owning_up_verbs"]
# Object pronouns: "telephoned Qatar's ruler and urged him", "spoke to both ministers to encourage them".
OBJECT_PRONOUNS = {"him", "her", "them"}
OBJECT_DEPS = {"dobj", "dative"}
_LISTED_DEPS = {"conj", "amod", "compound", "poss", "nmod", "appos"}


class PronounResolver:
    """The pronoun half of the actor resolver (a mixin of ActorResolver)."""

    def actors_of(self, token: Token, place_fallback: bool = True) -> list[Actor]:
        raise NotImplementedError  # ActorResolver's

    def mention_at(self, token: Token) -> Mention | None:
        raise NotImplementedError  # ActorResolver's

    def is_pair(self, token: Token) -> bool:
        raise NotImplementedError  # ActorResolver's

    def _starting_in(self, start: int, end: int) -> list[Mention]:
        raise NotImplementedError  # ActorResolver's

    def _pronoun(self, token: Token) -> list[Actor]:
        want = PRONOUNS[token.lower_]
        if token.lower_ in OBJECT_PRONOUNS and token.dep_ in OBJECT_DEPS or token.dep_ == "dative":
            # ("granted it observer status": an indirect object is someone, never the subject)
            return self._object_pronoun(token, want)
        other = self._reason_party(token)
        if other:
            return other
        # "India said its troops ...": the possessive points to the subject of the clause above.
        for anc in token.ancestors:
            for child in children(anc):
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i < token.i and child.lower_ not in PRONOUNS \
                        and token not in subtree(child):
                    # "protesters stormed its embassy": a subject with no actor of its own is
                    # not what "its" points to.
                    found = self.actors_of(child, place_fallback=False)
                    # "Saudi Arabia and the UAE cut ties with Qatar, accusing it ...": "it" is
                    # never a list of actors; such a subject is "they".
                    if found and (want != "person" or found[0].kind == "person") \
                            and not (want == "single" and len(found) > 1):
                        return found
        if self._opens_sentence_subject(token):
            centre = self._previous_subject(token, want)
            if centre:
                return centre
        if want == "group":
            group = self._recent_coordinated_subject(token)
            if group:
                return group
        # (One starting at the pronoun or after it ends after it, and would be passed over.)
        for m in reversed(self._starting_in(0, token.i)):
            if m.end > token.i or token.i - m.end > 120:
                continue
            if want == "group":
                # "they": the last collective mention ("the two sides", "China and Belarus").
                if m.is_group:
                    return m.actors
                continue
            if want == "person" and m.actors[0].kind != "person":
                continue
            return m.actors[:1]
        return []

    def _reason_party(self, token: Token) -> list[Actor]:
        """"broke off relations with Israel over its military offensive", "sanctioned Lithuania for
        its decision": a possessive in the reason for an act aimed at another state is that
        state's (not after a verb of owning up: "apologised to Korea for its wartime actions")."""
        if token.lower_ not in {"its", "their"} or token.dep_ != "poss":
            return []
        noun = token.head
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in REASON_PREPS or prep.dep_ != "prep":
            return []
        verb = prep.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() in OWNING_UP_VERBS:
            return []
        subject = {a.code for c in children(verb) if c.dep_ in SUBJECT_DEPS
                   for a in self.actors_of(c, place_fallback=False)}
        for obj in [c for c in children(verb) if c.dep_ in {"dobj", "dative"}] + \
                [p for c in children(verb) if c.dep_ == "prep" and c.lower_ in {"with", "to", "on", "against"}
                 for p in children(c) if p.dep_ == "pobj"] + \
                [p for o in children(verb) if o.dep_ == "dobj" for c in children(o)
                 if c.dep_ == "prep" and c.lower_ in {"with", "on", "against"} for p in children(c) if p.dep_ == "pobj"]:
            found = [a for a in self.actors_of(obj, place_fallback=False)
                     if a.kind in {"state", "organization"} and a.code not in subject]
            if found and (token.lower_ == "their" or len(found) == 1):
                return found
        return []

    def _object_pronoun(self, token: Token, want: str) -> list[Actor]:
        """A verb's object pronoun is not the subject of its own clause or of the clauses it
        hangs on ("Kuwait's emir telephoned Qatar's ruler and urged him": not the emir): the
        nearest actor named before it that is none of those, a person or a state's office for
        "him" and "her", a pair or list for "them"."""
        bound = {a.code for anc in token.ancestors for c in children(anc)
                 if c.dep_ in SUBJECT_DEPS and c.i < token.i for a in self.actors_of(c, place_fallback=False)}
        for m in reversed(self._starting_in(0, token.i)):
            if m.end > token.i or token.i - m.end > 120:
                continue
            if want == "group":
                # "the leaders of Israel and Egypt", "the Chinese and Japanese ministers"
                phrase = _listing_phrase(token.doc[m.end - 1])
                group = [a for a in (m.actors if m.is_group else self.actors_of(phrase, place_fallback=False))
                         if a.code not in bound]
                if len(group) > 1:
                    return group
                continue
            free = [a for a in m.actors if a.code not in bound]
            if free and (free[0].kind == "person" or free[0].sector is not None):
                return free[:1]
        return []

    @staticmethod
    def _opens_sentence_subject(token: Token) -> bool:
        """"He pledged ...", "It warned Manila ...", "Its spokesman blamed ...": the pronoun is
        (or owns) the subject of its sentence's first clause, with no subject before it; or it
        is the speaker of a report told first ("China must release them, she said")."""
        phrase = token.head if token.dep_ == "poss" else token
        if phrase.dep_ not in SUBJECT_DEPS:
            return False
        if phrase.head.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < phrase.i for c in children(phrase.head)):
            return True
        return opens_sentence(phrase)

    def _previous_subject(self, token: Token, want: str) -> list[Actor]:
        """Centering: a pronoun that opens a sentence as its subject continues the subject of the
        sentence before ("Wang Yi met his Indian counterpart Jaishankar. He pledged ..." is Wang,
        not the nearer Jaishankar; "Beijing blamed the Philippine crews. It warned Manila ..." is
        Beijing). Up to three sentences back, past subjects of another kind ("Lavrov said ...
        The bloc had withdrawn ... He said ...", "Beijing imposed sanctions ... They said ... It
        warned Manila ..."); "it" and "they" stop at a subject that names no actor and is no
        pronoun ("The deal was signed ... It ..." may mean the deal)."""
        for prev in sentences_before(token.doc, token.i, 3):
            subject = first_subject(prev)
            if subject is None:
                continue
            actors = self.actors_of(subject, place_fallback=False)
            if not actors and want != "person" and subject.lower_ not in PRONOUNS:
                break  # "The deal was signed ... It ...": the thing before may be what is meant
            if not actors:
                continue
            # a person the gazetteer does not know is a titled name ("Somali Foreign Minister
            # Ahmed Fiqi"), which resolves to his state
            if want == "person" and (actors[0].kind == "person" or subject.pos_ == "PROPN"
                                     and self.mention_at(subject) is None):
                return actors[:1]
            plural = subject.tag_ in {"NNS", "NNPS"} or len(actors) > 1 or self.is_pair(subject)
            if want == "single" and actors[0].kind != "person" and len(actors) == 1 and not plural:
                return actors
            if want == "group" and plural:
                return actors
        return []

    def _recent_coordinated_subject(self, token: Token) -> list[Actor]:
        """"China and Belarus expressed concern ... They also agreed": a coordinated subject of
        one of the two sentences before."""
        for prev in sentences_before(token.doc, token.i, 2):
            for t in span_tokens(prev):
                if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
                    actors = self.actors_of(t)
                    if len(actors) > 1:
                        return actors
        return []


def _listing_phrase(token: Token) -> Token:
    """The noun phrase a named actor is listed in: "Egypt" in "the leaders of Israel and Egypt" is
    in "leaders", "Japanese" in "the Chinese and Japanese ministers" in "ministers"."""
    while token.head.i != token.i:
        if token.dep_ in _LISTED_DEPS:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "PROPN"}:
            token = token.head.head
        else:
            break
    return token
