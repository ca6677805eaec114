"""The actors a noun phrase refers to, using the mentions found in the document and the parse."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Token

from bilateral.actors.gazetteer import Gazetteer
from bilateral.actors.mentions import Mention
from bilateral.actors.pronouns import PRONOUNS, PronounResolver
from bilateral.actors.roles import keeps_own_sector, role_sector
from bilateral.actors.story import WORDS, StoryFocus
from bilateral.model import Actor
from bilateral.nlp.tree import (
    children,
    pos_tags,
    root_of,
    sentence_at,
    subtree_indices,
    texts,
)
from bilateral.syntax import accompanying, clause_verb

# Modifier slots searched for the actor behind a role noun, in order ("Kenya's president",
# "Russian troops", "the ambassador of China", "police in Minsk").
_MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "nummod", "appos")
_PREP_WORDS = ("of", "from", "in", "at", "for")
# Where a thing is does not make it its country's: "police in Lagos" are Nigeria's, "floods in
# Pakistan" and "a crash in India" are no actor. Only a role noun takes the place named after these
# (a verb's is what it is about: "interfering in Ukraine").
_ROLE_ONLY_PREPS = frozenset({"in", "at"})
BOUNDARY_NOUNS = WORDS["boundary_nouns"]
MISSION_NOUNS = WORDS["diplomatic_mission_nouns"]
COMMENTATOR_NOUNS = WORDS["commentator_nouns"]
NEIGHBOUR_NOUNS = WORDS["neighbour_nouns"]
RELATIONAL_NOUNS = WORDS["relational_nouns"]
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
# Sectors whose members act domestically; without a country of their own they belong to the
# country where the sentence takes place ("Protesters took to the streets of Caracas").
DOMESTIC_SECTORS = {"CVL", "COP", "OPP", "REB", "LAB", "AGR", "JUD", "LEG", "BUS", "PTY", "REL", "CRM", "UAF", "EDU", "MED", "JRN"}
LOCATIVE_PREPS = {"in", "at", "near", "into", "across", "inside", "around", "outside", "throughout"}
# Mentions that are names, and those that stand in for a name the story gave before.
NAME_FORMS = frozenset({"name", "alias", "official", "person", "seat"})
_STAND_IN_FORMS = frozenset({"anaphor", "body"})


class ActorResolver(PronounResolver):
    """Answers "who does this phrase denote?" for one parsed document."""

    def __init__(self, mentions: list[Mention], gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_token: dict[int, Mention] = {}
        self._visiting: set[int] = set()
        # Answers to outermost questions: the coder asks about the same phrase many times (once
        # per verb it is the subject or object of, and again for each event slot).
        self._answers: dict[tuple[int, bool], list[Actor]] = {}
        self._locations: dict[int, Actor | None] = {}
        self._sectors: dict[int, str | None] = {}
        self._titled_names: dict[str, list[int]] | None = None
        self._story_countries: dict[int, Actor | None] = {}
        self._starts = [m.start for m in self.mentions]
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def mention_at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def _role_sector(self, token: Token) -> str | None:
        """`role_sector`, worked out once per token: every question about a phrase asks it again."""
        if token.i not in self._sectors:
            self._sectors[token.i] = role_sector(token, self.gaz)
        return self._sectors[token.i]

    def _starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start at a token in [start, end), in order."""
        return self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def actors_of(self, token: Token, place_fallback: bool = True) -> list[Actor]:
        """Every actor the phrase headed by `token` denotes, coordinated phrases included.
        With `place_fallback`, a role noun with no country of its own ("protesters") takes the
        country where its clause happens."""
        if token.i in self._visiting:  # a pronoun inside the phrase it would point to
            return []
        # Only an outermost answer is kept: inside another question, a pronoun may not point
        # back into the phrase being asked about, so the answer can differ.
        outermost = not self._visiting
        key = (token.i, place_fallback)
        if outermost and key in self._answers:
            return list(self._answers[key])
        self._visiting.add(token.i)
        try:
            out: list[Actor] = []
            for head in conjuncts(token):
                for actor in self._single(head, depth=0, place_fallback=place_fallback):
                    if all(a.code != actor.code for a in out):
                        out.append(actor)
        finally:
            self._visiting.discard(token.i)
        if outermost:
            self._answers[key] = list(out)
        return out

    def is_pair(self, token: Token) -> bool:
        m = self.mention_at(token)
        return m is not None and m.form == "pair"

    def _single(self, token: Token, depth: int, place_fallback: bool = True) -> list[Actor]:
        mention = self.mention_at(token)
        # A role word inside a name ("the European Community", "the Bank of England") is not a
        # role: the name has its sector.
        # A named person keeps his office's sector on the date, whatever title the text gives him
        # ("General Secretary Xi Jinping" is not military, "Gen. al-Burhan" heads a state).
        named = mention is not None and mention.form in NAME_FORMS
        sector = self._role_sector(token) if token.pos_ in {"NOUN", "PROPN"} and not named else None
        if token.pos_ == "NOUN" and (sector is not None and mention is None or mention is not None
                                     and mention.form in _STAND_IN_FORMS):
            # "The island nation's president, Anura Kumara Dissanayake,", "The prime minister,
            # Mark Rutte,": the name set beside the role says whose it is, whatever the owner
            # or the story's state would say.
            beside = self._named_apposition(token)
            if beside:
                return [self._with_sector(a, sector) for a in beside]
        if mention is not None:
            return [self._with_sector(a, sector) for a in mention.actors]
        if token.lower_ in PRONOUNS:
            return self._pronoun(token)
        if token.lemma_.lower() in NEIGHBOUR_NOUNS and token.tag_ == "NN":
            return self._neighbour(token)
        if depth < 5 and token.lemma_.lower() in BOUNDARY_NOUNS:
            # "its border with Belarus": a boundary points at the country on its other side.
            for pobj in (p for c in children(token) if c.dep_ == "prep" and c.lower_ == "with"
                         for p in children(c) if p.dep_ == "pobj"):
                found = self._coordinated(pobj, depth + 1)
                if found:
                    return found
        if depth < 5:
            owned = self._owner_of_phrase(token, depth, sector)
            if owned:
                return [self._with_sector(a, sector) for a in owned]
        if token.pos_ == "PROPN" and depth == 0:
            named_before = self._namesake(token)
            if named_before:
                return named_before
        if sector is None and depth == 0:
            sector = self._members_sector(token)
        # (not a role word that only modifies another noun: "press credentials", "police station";
        # nor analysts and experts, who speak for no state)
        if sector in DOMESTIC_SECTORS and depth == 0 and place_fallback and token.dep_ not in {"compound", "amod"} \
                and token.lemma_.lower() not in COMMENTATOR_NOUNS:
            place = self.sentence_country(token)
            if place:
                return [replace(place, sector=sector, text=token.text)]
        return []

    def _owner_of_phrase(self, token: Token, depth: int, sector: str | None) -> list[Actor]:
        """The actors a phrase's modifiers or its "of"/"from"/"in" phrase name: "his Belarusian
        counterpart", "the troops of Russia", "the process of admitting Belarus"."""
        # "his counterpart", "Pyongyang's closest ally": the owner is the other side of the relation.
        relational = token.lemma_.lower() in RELATIONAL_NOUNS
        # Named modifiers before possessive pronouns: "his Belarusian counterpart" is Belarus.
        modifiers = sorted((c for c in children(token) if c.dep_ in _MODIFIER_DEPS
                            and not (relational and c.dep_ == "poss")), key=lambda c: c.lower_ in PRONOUNS)
        for child in modifiers:
            if child.i != token.i:
                found = self._coordinated(child, depth + 1)
                if found:
                    return found
        for child in children(token):
            if child.dep_ == "prep" and child.lower_ in _PREP_WORDS and not relational and (
                    sector is not None or token.pos_ != "NOUN" or child.lower_ not in _ROLE_ONLY_PREPS):
                for pobj in children(child):
                    # "the process of admitting Belarus": the object of the gerund
                    heads = [pobj] if pobj.dep_ == "pobj" else [
                        o for o in children(pobj) if o.dep_ == "dobj"] if pobj.dep_ == "pcomp" else []
                    for head in heads:
                        found = self._coordinated(head, depth + 1)
                        if found:
                            return found
        return []

    def _neighbour(self, token: Token) -> list[Actor]:
        """"Its neighbour", "Armenia's neighbour": never the owner, but the latest state named
        before that shares a land border with it (borders.yaml); no such state, no actor."""
        owners = [a for c in children(token) if c.dep_ == "poss" for a in self._coordinated(c, 1)]
        if len(owners) != 1:
            return []
        beside = self.gaz.neighbours.get(owners[0].code, frozenset())
        for m in reversed(self._starting_in(0, token.i)):
            actor = m.actors[0]
            if m.form not in _STAND_IN_FORMS and actor.code in beside and actor.kind in {"state", "place", "person"}:
                return [Actor(actor.code, "GOV", token.text, "state", self.gaz.states.get(actor.code))]
        return []

    def _named_apposition(self, token: Token) -> list[Actor]:
        """The actors of a name the gazetteer knows set after `token` as its apposition, unless
        the role names its owner itself ("Pakistan's army chief, General Asim Munir,": Pakistan
        decides, as before)."""
        for child in children(token):
            if child.dep_ in _MODIFIER_DEPS and child.i < token.i:
                owner = self.mention_at(child)
                if owner is not None and owner.form not in _STAND_IN_FORMS:
                    return []
        for child in children(token):
            if child.dep_ == "appos" and child.i > token.i:
                named = self.mention_at(child)
                if named is not None and named.form in NAME_FORMS:
                    return named.actors
        return []

    def _with_sector(self, actor: Actor, sector: str | None) -> Actor:
        """The actor under a role word, with the role's sector unless it keeps its own."""
        if not sector or keeps_own_sector(actor.kind, actor.sector, sector, actor.code in self.gaz.executive_orgs):
            return actor
        return replace(actor, sector=sector)

    def _namesake(self, token: Token) -> list[Actor]:
        """A name the gazetteer does not know, used alone after the story gave it a title with a
        country ("Philippine coast guard spokesman Jay Tarriela accused China ... Tarriela urged
        Beijing ...") or set it beside an office ("North Korea's ambassador, Kang Chol, ... Kang
        accused Malaysia"): the actor of its first, titled use. The name is known by its last word
        or its first (family names come first in some languages); a word that two such names with
        different countries share names neither."""
        if self._titled_names is None:
            self._titled_names = _titled_names(token.doc, self.by_token)
        found: list[Actor] = []
        for i in self._titled_names.get(token.text, ()):
            if i >= token.i:
                break
            name = token.doc[i]
            titled = self._single(name, depth=1, place_fallback=False)
            if not titled and name.dep_ == "appos":  # "Bangladesh's foreign minister, Abul Hassan Mahmood Ali"
                titled = self._single(name.head, depth=1, place_fallback=False)
            if titled and found and {a.code for a in titled} != {a.code for a in found}:
                return []
            found = found or titled
        return found

    def _members_sector(self, token: Token) -> str | None:
        """"Thousands of protesters", "dozens of opposition supporters": the group's members."""
        members = [p for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"
                   for p in children(c) if p.dep_ == "pobj"]
        return next((self._role_sector(m) for m in members if self._role_sector(m)), None)

    def role_without_actor(self, token: Token) -> tuple[str | None, Actor | None]:
        """For a phrase that names no actor but a role ("soldiers", "the ministry", "riot
        police"): its sector, and the country where its clause takes place if the sentence names
        one (any sector here: the coder keeps its own, narrower fallback for acts)."""
        sector = self._role_sector(token) if token.pos_ in {"NOUN", "PROPN"} else None
        sector = sector or self._members_sector(token)
        if sector is None:
            return None, None
        return sector, self.sentence_country(token)

    def _coordinated(self, token: Token, depth: int) -> list[Actor]:
        """"the leaders of Armenia and Azerbaijan", "Russian and Ukrainian negotiators"."""
        out: list[Actor] = []
        for head in conjuncts(token):
            for actor in self._single(head, depth, place_fallback=False):
                if all(a.code != actor.code for a in out):
                    out.append(actor)
        return out

    def clause_location(self, verb: Token) -> Actor | None:
        """The country of a capital or place named in the clause of `verb` ("Police in Minsk
        detained ...", "... in Tehran"), if any."""
        # Asked for each event of the verb, and again for its targets.
        if verb.i not in self._locations:
            self._locations[verb.i] = self._clause_location(verb)
        return self._locations[verb.i]

    def _clause_location(self, verb: Token) -> Actor | None:
        in_clause = subtree_indices(verb)
        doc = verb.doc
        for m in self._starting_in(min(in_clause), max(in_clause) + 1):
            if m.start not in in_clause or m.form not in {"capital", "place", "name"}:
                continue
            root = root_of(doc[m.start:m.end])
            # Only a place in a locative phrase; "Moscow launched ..." is an actor, not a place.
            if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
                return replace(m.actors[0], sector=None)
        return None

    def sentence_country(self, token: Token) -> Actor | None:
        """The country where the clause of `token` takes place: a capital or place in its clause
        ("protesters stormed its embassy in Tehran"), else the first state of the sentence that
        is not only the owner of a thing ("spilled Ukrainian grain", "surrounded the French
        embassy" tell whose the grain and the embassy are, not where the act is), else the
        story's state ("Georgia's parliament passed the bill. Riot police cleared ...")."""
        sent = sentence_at(token.doc, token.i)
        in_clause = subtree_indices(clause_verb(token))
        states = [m for m in self._starting_in(sent.start, sent.end) if m.actors[0].kind in {"state", "place"}]
        for m in states:
            if m.start in in_clause and m.form in {"capital", "place"}:
                return m.actors[0]
        doc = token.doc
        where = next((m for m in states if not self._owns_a_thing(doc, m)), None)
        return where.actors[0] if where is not None else self._story_country(doc, sent.start)

    def _owns_a_thing(self, doc: Doc, mention: Mention) -> bool:
        """A state named only as the owner of a thing or of a mission abroad ("Ukrainian grain",
        "the French embassy"), not of people ("Kenyan protesters") nor as a place."""
        root = root_of(doc[mention.start:mention.end])
        if root.dep_ not in _OWNER_DEPS or root.head.i < mention.end:
            return False
        head = root.head
        return head.lemma_.lower() in MISSION_NOUNS

    def _story_country(self, doc: Doc, before: int) -> Actor | None:
        """The state the story told before token `before` is about (`StoryFocus.story_state`)."""
        if before not in self._story_countries:
            story = StoryFocus(doc)
            for m in self._starting_in(0, before):
                if m.form not in _STAND_IN_FORMS and m.form != "pair":
                    for actor in m.actors:
                        story.note(actor, doc[m.start:m.end])
            state = story.story_state() if story.named else None
            self._story_countries[before] = None if state is None else Actor(
                state.code, None, state.text, "state", self.gaz.states.get(state.code, state.name))
        return self._story_countries[before]


def conjuncts(token: Token, appositions: bool = True) -> list[Token]:
    """The token and the tokens coordinated with it. Headlines write "China, Belarus improve
    ties", which the parser reads as an apposition: with `appositions`, a proper-noun apposition
    counts as coordination (one naming the same actor adds nothing, as codes are deduplicated)."""
    out = [token]
    for child in children(token):
        if child.dep_ == "conj" or (appositions and child.dep_ == "appos" and child.pos_ == "PROPN"
                                    and token.pos_ == "PROPN"):
            out += conjuncts(child, appositions)
        elif child.dep_ == "prep":
            for partner in accompanying(child):
                out += conjuncts(partner, appositions)
    return out


def _titled_names(doc: Doc, named: dict[int, Mention]) -> dict[str, list[int]]:
    """The heads of the name phrases the gazetteer did not match (`named`: tokens it did), by the
    name's last word and its first."""
    out: dict[str, list[int]] = {}
    words = texts(doc)
    for i, pos in enumerate(pos_tags(doc)):
        if pos != "PROPN" or i in named:
            continue
        t = doc[i]
        if t.dep_ == "compound" or not any(c.dep_ == "compound" for c in children(t)):
            continue
        out.setdefault(words[i], []).append(i)
        first = next((c for c in children(t) if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < i), None)
        if first is not None and words[first.i] != words[i]:
            out.setdefault(words[first.i], []).append(i)
    return out
