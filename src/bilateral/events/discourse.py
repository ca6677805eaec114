"""Acts a document has told, for later reactions that name them by a noun alone.

"Iran fired missiles at Israel on Tuesday. Leaders of the Group of Seven condemned the attack."
The condemnation has no actor for a recipient in its sentence; its object, "the attack", is the
act told before, and whoever did that act is the one condemned. The same holds for welcoming,
rejecting or protesting an act ("welcomed the decision", "denounced the move"), and for an act
named after a preposition ("voiced concern about the pact", "protested against the decision").

An act is remembered as its type, CAMEO code and doers when the coder emits it, whether or not
it is kept as an event (a raid with no named victim still has a doer). The doers are all who did it
together: the co-sources ("Russia and China vetoed the resolution"), and both sides of a mutual act
("Kenya and Ethiopia signed a pact"), so that "Somalia criticised the pact" is aimed at both. A
noun refers to the latest act of its own type (the nominal lexicon's types: "the strike" an ASSAULT, "the visit" a CONSULT; an
agreement noun, "the accord", any act of agreeing or signing) or, for a noun that can name any act
("the move", "the decision"), the latest act that was not words (signing an agreement is a deed).
A noun of force or hostility (all its types in words.yaml `hostile_types`: "the attack", "the
raid") names the first such act instead: the act the story is about, whose reactions it tells after
the other side's answer ("The Houthis attacked Abu Dhabi. The coalition struck Sanaa. The UN
condemned the attack"); and a noun aimed at the reactors themselves ("condemned the attack on its
embassy") names the latest act of any kind that hit them. "It" or "this" as a reaction's object
("called it unacceptable") names the latest material act.
A reaction is never what a later reaction answers: in "Bahrain welcomed the step. Iran condemned
the accord." Iran condemns the accord's parties, not Bahrain. A noun with an actor of its own
("Russia's attack", "the attack by Iran") or a determiner other than "the"/"this"/"that" is not a
reference back; the coder reads it as before.

Each act is remembered with whom it was done to, too, which tells the story's fight: force aimed
at no one named ("Armenian troops shot down two helicopters") hits the one state the story has so
far set its doer against (`opponent`), and a call for restraint with no addressee ("Russia called
for an immediate ceasefire") is to the two sides of the latest act of force or show of force the
caller took no part in (`latest_fight`); the slot rules ask both (data/rules/slots.yaml, finders `fight_opponent` and
`fight_sides`).

The same record tells whom a retort with no addressee answers. Wire stories tell a dispute move by
move, and the answer to a move often names no one: "Peru expelled Bolivia's ambassador. Bolivia
said it was recalling its envoy" (from Peru), "Bolivia said it would retaliate", "Bolivia
demanded an apology". When the story's hostile acts so far (words.yaml `hostile_types`, reactions
included) set the act's doers against one state only, that state is the one answered (finder
`story_opponent`); a doer the story has set against several, or against none yet, is left without.

A denial answers an accusation the same way: "Washington blamed Iran for the attacks. Tehran
dismissed the allegations" (or "denied the charge", "rejected the criticism", and a denial that
names no charge: "Tehran denied any involvement", "denied that its forces had fired") answers the
latest accusation told against the deniers, whoever made it, also when it was itself a reaction
(`_accusers`); with none told, a denial stays a statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from bilateral.events.lexicon import Lexicon, Predicate
from bilateral.model import Actor
from bilateral.nlp.tree import children, subtree
from bilateral.rules.words import word_lists

WORDS = word_lists()  # data/rules/words.yaml
REACTION_TYPES = WORDS["reaction_types"]
GENERIC_ACT_NOUNS = WORDS["generic_act_nouns"]
SPOKEN_TYPES = WORDS["spoken_types"]
REFERRING_DETERMINERS = WORDS["referring_determiners"]
REACTION_PREPS = WORDS["reaction_preps"]
SPOKEN_SUPPORT_CODES = WORDS["spoken_support_codes"]
AGREEMENT_NOUNS = WORDS["agreement_nouns"]
AGREEMENT_TYPES = WORDS["agreement_types"]
HOSTILE_TYPES = WORDS["hostile_types"]
DENIAL_CODES = WORDS["denial_codes"]
ACCUSATION_NOUNS = WORDS["accusation_nouns"]
ACCUSING_TYPES = frozenset({"ACCUSE"})  # what "the charge" a denial answers was
_KEY = "bilateral.acts_told"
FIGHTING_KINDS = frozenset({"state", "group", "place"})
DISPUTING_KINDS = FIGHTING_KINDS | {"organization"}  # who a retort can answer
# Closed-class words of the tests below (docs/how-to-add-a-rule.md: they stay beside their test).
_ACT_PRONOUNS = frozenset({"it", "this"})  # "called it unacceptable": the act just told
_AIMED_PREPS = frozenset({"on", "against"})
_OWN_POSSESSIVES = frozenset({"its", "their", "our"})  # who a story's fight is between (a place: its state)


@dataclass(frozen=True)
class ToldAct:
    plover_type: str
    cameo: str
    doers: tuple[Actor, ...]
    mutual: bool  # done by each party to the other ("Kenya and Ethiopia signed a pact")
    reaction: bool  # it answered an act told before ("welcomed the step")
    targets: tuple[Actor, ...] = ()


@dataclass
class ActsTold:
    """The acts told so far in one document, in order, and the triggers of reactions among them."""

    acts: list[ToldAct] = field(default_factory=list)
    reactions: set[int] = field(default_factory=set)
    # Starts of the sentences whose main act a rule ruled out (constructions.yaml, action
    # rule_out): the learned fallback does not type them.
    ruled_out: set[int] = field(default_factory=set)

    @staticmethod
    def of(doc: Doc) -> ActsTold:
        """The document's record (kept on the Doc, so that nothing outlives it)."""
        told = doc.user_data.get(_KEY)
        if not isinstance(told, ActsTold):
            told = doc.user_data[_KEY] = ActsTold()
        return told

    def tell(self, plover_type: str, cameo: str, doers: list[Actor], mutual: bool, trigger: Token,
             targets: Sequence[Actor] = ()) -> None:
        if doers:
            self.acts.append(ToldAct(plover_type, cameo, tuple(doers), mutual, trigger.i in self.reactions,
                                     tuple(targets)))

    def opponent(self, codes: frozenset[str], types: frozenset[str], reactions: bool = False,
                 kinds: frozenset[str] = FIGHTING_KINDS) -> list[Actor]:
        """The one state that the acts of `types` told so far set against the states `codes`
        (whoever they hit, or whoever hit them, or fought them), as a state; none when there is no
        such act or the story has set them against more than one ("Armenian troops shot down two
        helicopters" in a story of Armenia's fight with Azerbaijan hit Azerbaijan's). With
        `reactions`, acts that answered another count too ("Kenya condemned the raid"); `kinds`
        are the kinds of actor that can be that side (a dispute, unlike a fight, may be with an
        organization: "the EU imposed sanctions on China. Beijing responded with sanctions")."""
        others: dict[str, Actor] = {}
        for act in self.acts:
            if act.plover_type not in types or act.reaction and not reactions:
                continue
            doers, targets = {a.code for a in act.doers}, {t.code for t in act.targets}
            if act.mutual and codes & (doers | targets):
                others.update((a.code, a) for a in (*act.doers, *act.targets) if a.code not in codes)
            elif doers & codes:
                others.update((t.code, t) for t in act.targets if t.code not in codes)
            elif targets & codes:
                others.update((a.code, a) for a in act.doers if a.code not in codes)
        states = [_as_state(a) for a in others.values() if a.kind in kinds]
        return states if len(others) == 1 else []

    def latest_doers(self, codes: frozenset[str]) -> list[Actor]:
        """Who did the latest act told that others than `codes` took part in, but `codes`: what
        an act told as a response answers ("North Korea fired missiles. South Korea responded by
        firing missiles of its own")."""
        for act in reversed(self.acts):
            others = [a for a in act.doers if a.code not in codes]
            if others:
                return [_as_state(a) if a.kind == "place" else a for a in others]
        return []

    def latest_asker(self, codes: frozenset[str] | set[str], types: frozenset[str]) -> list[Actor]:
        """Who did the latest act of `types` told that was aimed at `codes`, but `codes`: whom a
        refusal with no addressee answers ("Australia demanded an apology from China. China
        refused to apologise"), or a denial (`_accusers`)."""
        for act in reversed(self.acts):
            if act.plover_type in types and codes & {t.code for t in act.targets}:
                others = [a for a in act.doers if a.code not in codes]
                if others:
                    return others
        return []

    def latest_fight(self, types: frozenset[str], exclude: frozenset[str]) -> list[Actor]:
        """The two sides of the latest act of `types` told so far that neither of `exclude` took
        part in, as states: whom a call for restraint or a ceasefire with no addressee is to."""
        for act in reversed(self.acts):
            if act.plover_type not in types or act.reaction or not act.targets:
                continue
            sides = list({a.code: a for a in (*act.doers, *act.targets)}.values())
            codes = {a.code for a in sides}
            if codes & exclude or len(codes) < 2 or any(a.kind not in FIGHTING_KINDS for a in sides):
                continue
            return [_as_state(a) for a in sides]
        return []

    def doers_of(self, verb: Token, reading: Predicate, reactors: list[Actor], lexicon: Lexicon,
                 mentioned: Callable[[Token], bool], has_recipient: bool) -> list[Actor]:
        """Whoever did the act that `verb`'s object names by a noun alone, when `verb` reacts to it,
        but the reactors themselves ("Kenya and Ethiopia signed a pact. Kenya hailed it": Ethiopia);
        `mentioned` tells a token inside an actor's mention. A reaction is noted as one even when
        it names its recipient itself (`has_recipient`), so that no later reaction answers it."""
        denial = reading.cameo in DENIAL_CODES  # "denied the charge": a statement, until it answers
        if not denial and (reading.plover_type not in REACTION_TYPES or
                           reading.plover_type == "SUPPORT" and reading.cameo not in SPOKEN_SUPPORT_CODES):
            return []  # only words react: signing the pact or upgrading ties is no reaction to it
        for noun in _named_acts(verb):
            lemma = noun.lemma_.lower()
            if denial and lemma not in ACCUSATION_NOUNS:
                continue
            agreement = lemma in AGREEMENT_NOUNS  # an agreement is reached, not praised
            if agreement:
                wanted: frozenset[str] | None = AGREEMENT_TYPES
            elif lemma in GENERIC_ACT_NOUNS or noun.pos_ == "PRON":
                wanted = None
            elif lemma in lexicon.nouns:
                wanted = frozenset(p.plover_type for p in lexicon.nouns[lemma] if p.plover_type)
            else:
                continue
            self.reactions.add(verb.i)
            if has_recipient or noun.pos_ != "PRON" and not _refers_back(noun, mentioned):
                return []
            own = {a.code for a in reactors}
            # "Tehran dismissed the allegations", "rejected the criticism": made against Tehran
            if lemma in ACCUSATION_NOUNS or wanted and wanted <= ACCUSING_TYPES:
                accusers = self._accusers(own)
                if accusers or lemma in ACCUSATION_NOUNS:
                    return accusers
            if _aimed_at_own(noun):  # "condemned the attack on its embassy": the act that hit them
                return self._answered(None, False, own, hit=True) or self._answered(wanted, agreement, own)
            # "condemned the attack": the act of force or hostility the story is about, told first
            first = wanted is not None and not agreement and wanted <= HOSTILE_TYPES
            return self._answered(wanted, agreement, own, first=first)
        if denial and not has_recipient:
            # "Tehran denied any involvement", "denied that its forces had shelled the plant": a
            # denial that names no charge answers the latest one told against the deniers
            accusers = self._accusers({a.code for a in reactors})
            if accusers:
                self.reactions.add(verb.i)
            return accusers
        return []

    def _accusers(self, own: set[str]) -> list[Actor]:
        """Who made the latest accusation told against `own`, but `own`: whom a denial or a
        rejection of "the charge" answers. An accusation that was itself a reaction counts
        ("Britain condemned the attack. Moscow rejected the accusation")."""
        return self.latest_asker(own, ACCUSING_TYPES)

    def _answered(self, wanted: frozenset[str] | None, agreement: bool, own: set[str],
                  hit: bool = False, first: bool = False) -> list[Actor]:
        """The doers, but `own`, of the latest act a noun of the `wanted` types names (with `hit`,
        of the latest that was aimed at `own`: "the attack on its embassy" may be a mob's). An agreement is reached between parties: the
        latest mutual act is preferred to a later one-sided one ("A and B signed a treaty. A
        invited B's leader to visit. C welcomed the treaty")."""
        one_sided: list[Actor] = []
        for act in self.acts if first else reversed(self.acts):
            others = [d for d in act.doers if d.code not in own]
            if not others or act.reaction or hit and not own & {t.code for t in act.targets}:
                continue
            deed = act.plover_type not in SPOKEN_TYPES or \
                act.plover_type == "SUPPORT" and act.cameo not in SPOKEN_SUPPORT_CODES
            if wanted is None and deed or wanted and act.plover_type in wanted and (deed or not agreement):
                if not agreement or act.mutual:
                    return others
                one_sided = one_sided or others
        return one_sided
        return []


def charge_told_alongside(verb: Token, reactors: list[Actor], accusations: list[tuple[Token, list[Actor],
                          list[Actor]]]) -> list[Actor]:
    """Who made the accusation that `verb` denies in a relative clause on a charge told alongside
    it ("Kyiv accused Moscow of shelling the plant, an allegation Russia denied"): the sources of
    the accusation (`accusations`: each accusing act of the sentence as its trigger, sources and
    targets) whose trigger that charge hangs on, or hangs under ("Washington said Iran was behind
    the attacks, a charge Tehran denied"), and whose targets are the deniers."""
    noun = verb.head
    if verb.dep_ != "relcl" or noun.lemma_.lower() not in ACCUSATION_NOUNS:
        return []
    own = {a.code for a in reactors}
    for trigger, sources, targets in accusations:
        if any(a.i == trigger.i for a in noun.ancestors) and own & {t.code for t in targets}:
            return [a for a in sources if a.code not in own]
    return []


def _named_acts(verb: Token) -> list[Token]:
    """The nouns a reaction can name an act by: its object ("condemned the attack"), or the
    object of a preposition on the verb or its object ("voiced concern about the pact",
    "protested against the decision"); and "it" or "this" as its object ("called it
    unacceptable"), which can name any act."""
    objects = [c for c in children(verb) if c.dep_ == "dobj"]
    nouns = [o for o in objects if o.pos_ == "NOUN" or o.pos_ == "PRON" and o.lower_ in _ACT_PRONOUNS]
    for head in (verb, *objects):
        nouns += [p for c in children(head) if c.dep_ == "prep" and c.lower_ in REACTION_PREPS
                  for p in children(c) if p.dep_ == "pobj" and p.pos_ == "NOUN"]
    return nouns


def _aimed_at_own(noun: Token) -> bool:
    """"the attack on its embassy", "the raid against their nationals": an act named as one aimed
    at the reactors themselves (their own possessive after "on" or "against")."""
    return any(c.dep_ == "prep" and c.lower_ in _AIMED_PREPS and any(
        p.dep_ == "poss" and p.lower_ in _OWN_POSSESSIVES for o in children(c) for p in children(o))
        for c in children(noun))


def _refers_back(noun: Token, mentioned: Callable[[Token], bool]) -> bool:
    """"the attack", "this move": a definite noun with no actor of its own in its phrase."""
    kids = children(noun)
    if not any(c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS for c in kids):
        return False
    if any(c.dep_ == "poss" for c in kids):
        return False
    return not any(mentioned(t) for t in subtree(noun))


def _as_state(actor: Actor) -> Actor:
    """The state a side of a fight stands for: its forces' or a place's country."""
    return replace(actor, sector=None, kind="state") if actor.kind == "place" else replace(actor, sector=None)
