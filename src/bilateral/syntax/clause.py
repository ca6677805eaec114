"""One clause of a dependency parse, read once: its verb and voice, subject and passive agent,
objects, particles, prepositional objects by preposition, negation and the speaker of reported
speech. Pure functions of the parse (no state kept between documents); `Clause` gathers them
for a verb and works each out the first time it is asked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from bilateral.nlp.tree import children, per_token, root_of, sentence_at
from bilateral.rules.words import word_lists

WORDS = word_lists()
DOCUMENT_NOUNS = WORDS["document_nouns"]
PARTICLES = WORDS["particles"]
STANCE_PARTICIPLES = WORDS["stance_participles"]
SPEECH_VERBS = WORDS["speech_verbs"]
GERUND_CLAUSE_PREPS = WORDS["gerund_clause_preps"]
DATE_WORDS = WORDS["date_words"]
FRAMING_PREPS = WORDS["framing_preps"]
MEETING_NOUNS = WORDS["meeting_nouns"]
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})


@per_token
def clause_verb(token: Token) -> Token:
    """The verb of the clause a token is in: the token itself or its nearest verb above, else the
    sentence's root. (One governor for dates, facts and places alike.)"""
    anc = token
    for _ in range(len(token.doc)):  # (up the heads, as `Token.ancestors` goes)
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
        if anc.head.i == anc.i:
            break
        anc = anc.head
    return root_of(sentence_at(token.doc, token.i))


def pobjs(head: Token, prep: str | Iterable[str] | None, deps: Iterable[str] = ("prep",)) -> list[Token]:
    """The objects of a preposition under `head`: pobjs(verb, "with") of "broke with Taipei";
    with `prep` None, of any preposition attached as one of `deps` (a passive's agent:
    pobjs(verb, None, deps=("agent",)))."""
    words = None if prep is None else {prep} if isinstance(prep, str) else set(prep)
    wanted = set(deps)
    return [p for c in children(head) if c.dep_ in wanted and (words is None or c.lower_ in words)
            for p in children(c) if p.dep_ == "pobj" or p.dep_ == "pcomp" and is_nominal_gerund(p)]


COMPANY_WORDS = frozenset({"along", "together"})


def is_company(prep: Token) -> bool:
    """"together with Saudi Arabia", "along with the UAE": a "with" that adds a companion to
    whoever acts, not a partner of the act."""
    return prep.lower_ == "with" and any(c.lower_ in COMPANY_WORDS for c in children(prep) if c.dep_ == "advmod")


def accompanying(prep: Token) -> list[Token]:
    """The companions a preposition of company adds to the phrase it hangs on: "Britain, along
    with the United States," acts as one coordinated side with the United States."""
    if prep.lower_ in COMPANY_WORDS:
        return [p for c in children(prep) if c.dep_ == "prep" and c.lower_ == "with"
                for p in children(c) if p.dep_ == "pobj"]
    if prep.lower_ == "alongside" or is_company(prep):
        return [p for p in children(prep) if p.dep_ == "pobj"]
    return []


def is_nominal_gerund(token: Token) -> bool:
    """A gerund the parser left as a verb but that is written as a noun, with a determiner,
    possessor or adjective of its own: "by Russian shelling", "after the bombing" (not "by
    cutting ties", a clause)."""
    return token.tag_ == "VBG" and any(c.dep_ in {"amod", "det", "poss", "compound"} and c.i < token.i
                                       for c in children(token))


def stance_object(verb: Token) -> Token | None:
    """"is opposed to French mediation", "remains committed to the deal": a participle that
    states the subject's stance, not a passive. Returns what the stance is towards."""
    if verb.lemma_.lower() not in STANCE_PARTICIPLES or any(c.dep_ == "agent" for c in children(verb)):
        return None
    return next(iter(pobjs(verb, "to")), None)


def claim_about_another(verb: Token) -> Token | None:
    """The verb states that someone else did something: it has no direct object and its
    that-clause has a verb of its own (not a copula: "claims Taiwan is part of China") whose subject
    is not a pronoun or the speaker's own ("claimed its forces had taken the village"). Returns the
    that-clause's subject ("Seoul charged that *Pyongyang's demolition* broke the agreements")."""
    if any(c.dep_ == "dobj" for c in children(verb)):
        return None
    clause = next((c for c in children(verb) if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    subj = next((c for c in children(clause) if c.dep_ in SUBJECT_DEPS), None) if clause is not None else None
    if subj is None or subj.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children(subj)):
        return None
    return subj


def reported_clauses(verb: Token) -> list[Token]:
    """The verb's clausal complements ("said Iran was behind ..."), and a that-clause the parser
    hung on a text named in a phrase on the verb ("said *in a statement that* the actions were
    ...", words.yaml document_nouns)."""
    return [c for c in children(verb) if c.dep_ == "ccomp"] + [
        a for p in children(verb) if p.dep_ == "prep" for o in children(p)
        if o.dep_ == "pobj" and o.lemma_.lower() in DOCUMENT_NOUNS
        for a in children(o) if a.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in children(a))]


def judged_clause(verb: Token) -> tuple[Token, list[Token]] | None:
    """The verb states that something is something ("said the seizure was a clear violation",
    "wrote that Armenia was the biggest threat to peace", "said in a statement that ..."): it has
    no direct object and its that-clause is a copula with a subject and a predicate. Returns the clause's subject and the
    predicate's words (the noun or adjective and its modifiers, or a "behind" the subject is)."""
    if any(c.dep_ == "dobj" for c in children(verb)):
        return None
    clause = next((c for c in reported_clauses(verb) if c.lemma_ == "be"), None)
    if clause is None:
        return None
    subj = next((c for c in children(clause) if c.dep_ == "nsubj"), None)
    said = [c for c in children(clause) if c.dep_ in {"attr", "acomp"}]
    # "said Iran was *behind* the attacks": where the copula puts its subject is what it says of it
    behind = [c for c in children(clause) if c.dep_ == "prep" and c.lower_ == "behind"]
    if subj is None or not (said or behind):
        return None
    return subj, [m for t in said for m in (t, *children(t)) if m.dep_ in {"attr", "acomp", "amod", "compound"}] + behind


def embedded_acts(verb: Token) -> list[Token]:
    """What a verb's act is about when that is itself an act: its `to`-complement ("refused to
    join sanctions"), its objects ("rejected the idea of decoupling") and prepositions ("protested
    against the arrest of")."""
    return [c for c in children(verb) if c.dep_ in {"xcomp", "dobj", "ccomp", "prep"}]


def names_one_another(verb: Token, objs: list[Token]) -> bool:
    """The verb's object, or the object of one of its prepositions, is "one another" (the parser
    makes "one" the head and "another" its determiner; "each other" is a mention of the pair,
    found by bilateral.actors.mentions)."""
    return any(t.lower_ == "one" and any(c.lower_ == "another" for c in children(t))
               for t in [*objs, *pobjs(verb, None)])


@per_token
def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in children(verb)) and stance_object(verb) is None


@per_token
def is_negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in children(verb)):
        return True
    # "neither accepts nor recognises": the preconjunction negates both verbs; "neither Turkey
    # nor Hungary has ratified", "neither side has recognised": on the subject, it negates the act.
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in children(verb)):
        return True
    if any(c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for s in children(verb) if s.dep_ in SUBJECT_DEPS
           for c in children(s)):
        return True
    return verb.dep_ == "conj" and any(c.lower_ == "nor" for c in [*children(verb.head), *children(verb)])


def objects(verb: Token, passive: bool) -> list[Token]:
    """What the verb acts on: direct objects (a passive's subject), attributes and predicates,
    what a stance is towards, an object shared with a coordinated verb, and their conjuncts."""
    deps = {"dobj", "nsubjpass"} if passive else {"dobj", "attr", "oprd"}
    objs = [c for c in children(verb) if c.dep_ in deps]
    if not passive:
        # "said no to the plan": the parser makes "no" an interjection with "to" under it
        objs += [c for c in children(verb) if c.dep_ == "intj" and any(p.dep_ == "prep" for p in children(c))]
    stance = None if passive else stance_object(verb)
    if stance is not None:
        objs.append(stance)
    if not objs and not passive and _ends_before_its_conjunct(verb):
        # "fired on and seized three vessels": the coordinated verb's object is shared; not by a
        # verb told in full before it ("met on the sidelines and discussed the launch").
        for conj in (c for c in children(verb) if c.dep_ == "conj" and c.pos_ == "VERB"):
            objs = [c for c in children(conj) if c.dep_ == "dobj"]
            break
    for obj in list(objs):
        objs += [c for c in children(obj) if c.dep_ == "conj"]
    return objs


def _ends_before_its_conjunct(verb: Token) -> bool:
    """Nothing the verb governs after it but particles, stranded prepositions and the
    coordination itself: its object, if any, is the next verb's ("fired on and seized ...")."""
    return not any(c.i > verb.i and c.dep_ not in {"prt", "cc", "conj", "punct", "advmod"}
                   and not (c.dep_ == "prep" and not any(p.dep_ == "pobj" for p in children(c)))
                   for c in children(verb))


def infinitive_complement(verb: Token) -> bool:
    """The verb is the to-infinitive its head governs: an xcomp, or the same clause parsed as an
    adverbial one when a phrase comes between ("vowed *on Sunday* to back Ukraine",
    "agreed on Thursday to upgrade ties")."""
    if verb.head.i == verb.i:
        return False
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "advcl" and verb.i > verb.head.i and verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children(verb)) and not any(c.dep_ == "mark" for c in children(verb))


@per_token
def stacked_particles(verb: Token) -> tuple[Token, ...]:
    """A particle the parser took for a preposition: "pulled out of the deal" gives "out" as a
    prep with "of" under it and no object of its own; or for an adverb with the preposition under
    it: "pulled back from the area around Kyiv"."""
    return tuple(c for c in children(verb) if c.lower_ in PARTICLES and (
        (c.dep_ == "prep" and not any(p.dep_ == "pobj" for p in children(c)))
        or (c.dep_ == "advmod" and any(p.dep_ == "prep" for p in children(c)))
        or _adverb_before_object(verb, c)))


def _adverb_before_object(verb: Token, adverb: Token) -> bool:
    """A particle the parser took for an adverb between the verb and its object: "brushed *aside*
    U.S. calls", "pushed *back* the date"."""
    return adverb.dep_ == "advmod" and adverb.i == verb.i + 1 and any(
        c.dep_ == "dobj" and c.i > adverb.i for c in children(verb))


def particles(verb: Token) -> set[str]:
    return {c.lower_ for c in children(verb) if c.dep_ == "prt"} | {c.lower_ for c in stacked_particles(verb)}


def prep_words(heads: list[Token]) -> set[str]:
    """The prepositions and particles hanging on any of `heads` or on their particles, less those that only say when
    ("pressed officials *on Saturday* to curb" has no "on" a reading can require: "pressed on Kyiv")."""
    words = set()
    for head in heads:
        words |= {c.lower_ for c in children(head) if c.dep_ in {"prep", "agent", "dative"} and not _says_when(c)}
        words |= {c.lower_ for c in children(head) if c.dep_ == "prt"}
        words |= {p.lower_ for c in children(head) if c.dep_ == "prt"
                  for p in children(c) if p.dep_ == "prep" and not _says_when(p)}
    return words


def _says_when(prep: Token) -> bool:
    """A preposition whose objects are all dates or times ("on Saturday", "in March 2022", "in 2019")."""
    objs = [p for p in children(prep) if p.dep_ == "pobj"]
    return bool(objs) and all(p.lower_ in DATE_WORDS or (p.is_digit and len(p) == 4) for p in objs)


def prep_objects(head: Token, objs: list[Token], prep: str) -> list[Token]:
    """The objects of `prep` on the head, its objects or a stacked particle ("pulled out of the
    treaty with X"); also a clause as the object ("by firing"); failing those, on an object of
    another preposition of the head."""
    # (and on the head's particle: "cut the banks *off from* SWIFT" hangs "from" on "off")
    heads = [head, *objs, *(c for c in children(head) if c.dep_ == "prt")]
    for particle in stacked_particles(head):
        heads += [particle, *(p for c in children(particle) if c.dep_ == "prep" for p in children(c)
                              if p.dep_ == "pobj")]
    out = _objects_of(heads, prep)
    if not out:
        # The parser hangs the preposition on another prepositional object of the verb:
        # "spoke *by telephone with* Putin", "withdrew *from the treaty with* Russia", "agreed
        # *on a package for* Ukraine"; not on a meeting that frames the clause ("*during talks
        # with* Ruto, Xi pledged loans").
        out = _objects_of([p for c in children(head) if c.dep_ == "prep" and c.lower_ != prep
                           for p in children(c) if p.dep_ == "pobj" and not (
                               c.lower_ in FRAMING_PREPS and p.lemma_.lower() in MEETING_NOUNS)], prep)
    return out


def _objects_of(heads: list[Token], prep: str) -> list[Token]:
    out: list[Token] = []
    company: list[Token] = []
    for h in heads:
        for child in children(h):
            if child.dep_ in {"prep", "dative", "prt", "agent"} and child.lower_ == prep:
                # "cut ties with Qatar together with Saudi Arabia": a companion is the act's
                # partner only when no other is named ("held drills together with Russia")
                (company if is_company(child) else out).extend(
                    p for p in children(child) if p.dep_ in {"pobj", "pcomp"})
    return out or company


def misparsed_subject(verb: Token) -> Token | None:
    """A proper noun before a verb that has no subject, attached by the parser as a modifier
    ("Nauru severed ties", parsed with "Nauru" as an adverbial): the subject it must be."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in children(verb)):
        return None
    for child in children(verb):
        if child.i < verb.i and child.pos_ == "PROPN" and child.dep_ in {"advmod", "npadvmod", "dep", "nmod", "compound", "intj"}:
            return child
    # "Somalia recalls envoy, rejects deal": a headline's first verb, taken for a clause of the
    # second, holds the subject both share.
    for child in children(verb):
        if child.i < verb.i and child.dep_ == "ccomp":
            return next((c for c in children(child) if c.dep_ == "nsubj"), None)
    return None


def subject(verb: Token, deps: frozenset[str] = SUBJECT_DEPS, climb: frozenset[str] = frozenset({"xcomp", "conj"}),
            adjectives: bool = False, misparsed: bool = False, relative: bool = False,
            through_acl: bool = False, limit: int = 4) -> Token | None:
    """The subject of the verb's clause, or of the clauses it belongs to: a verb with none of its
    own ("agreed to withdraw", "met and signed") takes the subject of the verb it hangs on, up
    `climb` relations. With `adjectives`, an adjective's complement too ("is ready to withdraw");
    with `misparsed`, a proper noun the parser left as a modifier; with `relative`, the noun a
    relative clause describes ("Nauru, which severed ties"); with `through_acl`, the clause of
    the noun a participle describes ("signed agreements normalising relations")."""
    tok = verb
    for _ in range(limit):
        subj = next((c for c in children(tok) if c.dep_ in deps), None) or (
            misparsed_subject(tok) if misparsed else None)
        if subj is not None:
            if relative and subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            return subj
        if relative and tok.dep_ == "relcl" and tok.head.dep_ == "attr" and tok.head.head.i != tok.head.i:
            # "Burundi became the first country to leave the court": the clause describes what
            # the subject became, so it is the subject's own act.
            tok = tok.head.head
        elif through_acl and tok.dep_ == "acl" and tok.head.i != tok.i:
            tok = clause_verb(tok.head)
        elif is_gerund_clause(tok):
            # The means or time of the clause above is its subject's act: "Mali responded by
            # cutting ties", "established ties with China after cutting its links with Taiwan".
            tok = tok.head.head
        elif (tok.dep_ in climb or adjectives and tok.dep_ == "acomp" and tok.pos_ == "ADJ") and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def is_gerund_clause(verb: Token) -> bool:
    """A gerund with no subject of its own after "by", "after", "before"... (words.yaml
    `gerund_clause_preps`): its doer is the subject of the clause it hangs on."""
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and \
        verb.head.lower_ in GERUND_CLAUSE_PREPS and verb.head.head.i != verb.head.i


def speaker_of(verb: Token) -> Token | None:
    """For an act inside reported speech ("X said Y did"), the speech verb."""
    tok = verb
    while tok.dep_ in {"ccomp", "conj", "xcomp", "advcl"} and tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_VERBS:
            return tok
    # "..., analysts said." with the speech verb as the root and the act as its ccomp is the common
    # case; the parser sometimes attaches the clause the other way round.
    for child in children(verb):
        if child.dep_ in {"parataxis", "ccomp"} and child.lemma_.lower() in SPEECH_VERBS:
            return child
    return None


@dataclass(frozen=True)
class Clause:
    """The questions every stage asks of a verb's clause, each answered once."""

    verb: Token

    @cached_property
    def passive(self) -> bool:
        return is_passive(self.verb)

    @cached_property
    def subject(self) -> Token | None:
        """The grammatical subject (a passive's agent for a passive), here or up the clause."""
        deps = frozenset({"nsubj", "agent"}) if self.passive else SUBJECT_DEPS
        return subject(self.verb, deps=deps, adjectives=True)

    @cached_property
    def agent(self) -> Token | None:
        """The passive's "by" phrase object ("sanctions imposed by the EU")."""
        return next(iter(pobjs(self.verb, None, deps=("agent",))), None)

    @cached_property
    def objects(self) -> list[Token]:
        return objects(self.verb, self.passive)

    @cached_property
    def particles(self) -> set[str]:
        return particles(self.verb)

    @cached_property
    def stacked_particles(self) -> tuple[Token, ...]:
        return stacked_particles(self.verb)

    def prep_objects(self, prep: str) -> list[Token]:
        return prep_objects(self.verb, self.objects, prep)

    @cached_property
    def negated(self) -> bool:
        return is_negated(self.verb)

    @cached_property
    def speaker(self) -> Token | None:
        return speaker_of(self.verb)


def clause_of(verb: Token) -> Clause:
    return Clause(verb)
