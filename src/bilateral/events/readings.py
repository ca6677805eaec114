"""Choosing a lexicon reading for a verb or noun: its particle, objects, prepositions and
complements; carrying out the rules that choose a reading instead (data/rules/constructions.yaml,
stages choose, unmatched and recipients: evaluative words, light verbs, ordered acts, deliveries);
and which event nouns name only a topic or a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bilateral import syntax as syn
from bilateral.events.lexicon import Lexicon, ObjectSpec, Predicate
from bilateral.nlp.tree import children, lemmas, lowers, sentence_at, subtree
from bilateral.rules.words import word_lists

if TYPE_CHECKING:
    from bilateral.rules.act_tests import Act
    from bilateral.rules.constructions import Constructions
    from bilateral.rules.reading_tests import ReadAs

WORDS = word_lists()  # data/rules/words.yaml

ENDING_VERBS = WORDS["ending_verbs"]
TIME_NOUNS = WORDS["time_nouns"]
QUANTITY_NOUNS = WORDS["quantity_nouns"]
TOPIC_HEADS = WORDS["topic_heads"]
TOPIC_PREPS = WORDS["topic_preps"]
REFERENCE_HEADS = WORDS["reference_heads"]
TOPIC_VERBS = WORDS["topic_verbs"]
UNREALIZED = WORDS["unrealized"]
FOREBODING_HEADS = WORDS["foreboding_heads"]


class ReadingMatcher:
    """The lexicon-reading half of the event coder (a mixin of EventCoder)."""

    lex: Lexicon
    rules: Constructions

    def _chosen(self, stage: str, act: Act) -> tuple[Token | None, Predicate | None]:
        """The reading the first rule of `stage` (choose, unmatched or recipients; see
        rules/reading_tests.py) gives the act, and the event noun it was read from, if any."""
        rule = self.rules.first(stage, act)
        if rule is None:
            return None, None
        if rule.action == "read_object_noun":
            return self._light_object(act.trigger)
        return None, self._read_as(rule.reading, act.trigger) if rule.reading else None

    def _read_as(self, reading: ReadAs, verb: Token) -> Predicate | None:
        """The first lexicon reading a `read_as` action names: of its verbs, with one of its
        types (types first), no particle, and an object among the words its question finds (or,
        without a question, no object)."""
        names = reading.objects(verb) if reading.objects else None
        for wanted in reading.types:
            for lemma in reading.verbs:
                for option in self.lex.verbs.get(lemma, ()):
                    if option.plover_type != wanted or option.particle:
                        continue
                    if option.object_lemmas & names if names is not None else not option.objects:
                        return option
        return None

    def _light_object(self, verb: Token) -> tuple[Token | None, Predicate | None]:
        for obj in syn.objects(verb, passive=False):
            nouns = [obj, *syn.pobjs(obj, "of")]
            for noun in nouns:
                preds = with_modifier(noun, self.lex.nouns.get(noun.lemma_.lower(), ()))
                if preds:
                    return noun, preds[0]
        return None, None

    def _match(self, verb: Token, preds: tuple[Predicate, ...] | list[Predicate], objects: list[Token],
               act: Act) -> Predicate | None:
        """The most specific entry that fits the verb's particle, object and prepositions, as the
        rules of the stage `preferred` rank them (`act`: the verb's, its reading aside): words like
        "strike", "storm" and "block" are collective action by civilians and force by states."""
        if not preds:
            return None
        return self._preferred("preferred", self._fitting(verb, preds, objects), act)

    def _preferred(self, stage: str, options: list[Predicate], act: Act) -> Predicate | None:
        """Of `options` (in order), the one whose act matches the earliest rule of `stage` (a
        `prefer` rule); none matching, the first."""
        rules = self.rules.by_stage[stage]
        best, rank = None, len(rules)
        for option in options:
            act.predicate = option  # (the same act, each reading in turn: it is built once)
            rule = self.rules.first(stage, act)
            if rule is not None and rules.index(rule) < rank:
                best, rank = option, rules.index(rule)
                if rank == 0:
                    break
        return best if best is not None else (options[0] if options else None)

    def _options(self, preds: tuple[Predicate, ...] | list[Predicate]) -> _Options:
        """`preds` indexed by their object words, once per list (the lexicon's lists live as long
        as the coder; a list is known by its identity)."""
        known: dict[int, _Options] = self.__dict__.setdefault("_options_by_list", {})
        options = known.get(id(preds))
        if options is None or options.preds is not preds:
            options = known[id(preds)] = _Options(preds)
        return options

    def _fitting(self, verb: Token, preds: tuple[Predicate, ...] | list[Predicate],
                 objects: list[Token]) -> list[Predicate]:
        stacked = syn.stacked_particles(verb)
        particles = syn.particles(verb)  # (its stacked particles are answered once per token)
        # Infinitival complements: "refused to meet", "went to Beijing to sign"; not "..., saying".
        # "allow X to participate" often comes parsed as a ccomp with its own subject.
        xcomps = {c.lemma_.lower() for c in children(verb) if c.dep_ == "xcomp" or (
            c.dep_ in {"advcl", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in children(c)))}
        # A predicate noun's prepositions are the description's, not the verb's: "what he called
        # China's position *on* the conflict" is no "called on".
        spans = verb.lemma_.lower() not in ENDING_VERBS
        # What a count or measure counts carries the object's prepositions too: "launched dozens
        # of drones *against* refineries", "fired a barrage of missiles *at* Israel".
        preps = syn.prep_words([verb, *(h for o in objects if o.dep_ not in {"oprd", "attr"}
                                        for h in object_heads(o, spans)), *stacked])
        # (a count after a preposition counts what it names: "targeted oligarchs with a fresh
        # round *of sanctions*")
        # (and a preposition may hang on the particle: "cut the banks off *from* SWIFT")
        holders = [verb, *stacked, *(c for c in children(verb) if c.dep_ == "prt")]
        prep_objects = {(c.lower_, k.lemma_.lower()) for h in holders for c in children(h)
                        if c.dep_ in {"prep", "dative"} for p in children(c) if p.dep_ == "pobj"
                        for k in object_heads(p, spans)}
        # Each object as (the words that name it, the words under it), computed once per verb.
        # "ended a decade of frosty ties" ends the decade, not the ties: no reading through time
        # (`spans` above).
        object_words = [(object_names(obj, spans), WordsBelow(obj)) for obj in objects]
        head_words = {h.lemma_.lower() for obj in objects for h in object_heads(obj, spans)} | {lemma for _, lemma in prep_objects} \
            | xcomps
        available = {w for names, _ in object_words for w in names} | {lemma for _, lemma in prep_objects} | xcomps
        out: list[tuple[bool, bool, bool, Predicate]] = []
        for pred in self._options(preds).candidates(available):  # most specific first
            if pred.particle and pred.particle not in particles:
                continue
            if pred.objects and pred.object_lemmas.isdisjoint(available):
                continue
            # (only the specs whose word is present can match: a set test first, the full one after)
            matched = [spec for spec in pred.objects if spec.lemma in available and (
                ((spec.prep, spec.lemma) in prep_objects or (spec.infinitive and spec.lemma in xcomps))
                if spec.prep else object_matches(spec, object_words, xcomps))]
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


class _Options:
    """A verb's lexicon entries as `_fitting` tries them: an entry that names objects fits only
    if one of its object words is among the words the clause offers, so only those entries and
    the ones with no object are tried (some 13 entries a verb on average, "call" 71), in their
    lexicon order."""

    __slots__ = ("preds", "plain", "by_object")

    def __init__(self, preds: tuple[Predicate, ...] | list[Predicate]) -> None:
        self.preds = preds
        self.plain = tuple(i for i, p in enumerate(preds) if not p.objects)
        by_object: dict[str, list[int]] = {}
        for i, pred in enumerate(preds):
            for lemma in pred.object_lemmas:
                by_object.setdefault(lemma, []).append(i)
        self.by_object = {lemma: tuple(positions) for lemma, positions in by_object.items()}

    def candidates(self, available: set[str]) -> list[Predicate]:
        """The entries that can fit a clause offering the words `available`, in lexicon order."""
        named = [i for word in available for i in self.by_object.get(word, ())]
        positions = sorted(set(named).union(self.plain)) if named else self.plain
        return [self.preds[i] for i in positions]


def with_modifier(noun: Token, preds: tuple[Predicate, ...] | list[Predicate]) -> list[Predicate]:
    """The nominal entries whose required modifier ("joint" drill, "air" strike) precedes the noun."""
    if not preds:
        return []
    if all(p.modifier is None for p in preds):
        return list(preds)
    doc = noun.doc
    # the three words before the noun, hyphens left out: "build-up" is "build up", "cease-fire" "cease fire"
    window = range(max(sentence_at(doc, noun.i).start, noun.i - 4), noun.i)
    words = [i for i in window if doc[i].text != "-"][-3:]
    before = " ".join(lowers(doc)[i] for i in words)
    before_lemmas = " ".join(lemmas(doc)[i] for i in words)
    return [p for p in preds if p.modifier is None or before.endswith(p.modifier) or before_lemmas.endswith(p.modifier)]


def is_topic(noun: Token) -> bool:
    """An event noun that names what is discussed, judged or planned, not an act that happened:
    "negotiations on a troop pullback", "discussed the planned withdrawal"."""
    if any(c.dep_ == "amod" and c.lower_ in UNREALIZED for c in children(noun)):
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in TOPIC_VERBS:
        return True
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in REFERENCE_HEADS:
        return True  # "the implementation of the agreement between China and the EAEU": an existing one
    if noun.dep_ == "pobj" and prep.lower_ in {"of", "for"} and prep.head.lemma_.lower() in FOREBODING_HEADS:
        return True  # "warnings of an imminent invasion", "calls for the withdrawal": feared or wanted
    if noun.dep_ != "pobj" or prep.lower_ not in TOPIC_PREPS or prep.head.i == prep.i:
        return False
    head = prep.head  # "talks on X", or "renewed talks on X" with the phrase on the verb
    return head.lemma_.lower() in TOPIC_HEADS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in TOPIC_HEADS for c in children(head))


def object_names(obj: Token, spans: bool = True) -> set[str]:
    """The words that name an object: its head and compounds ("sanctions", "sanction package"),
    and for a measure or count ("tons of aid", "two of its nationals") what it measures."""
    heads = object_heads(obj, spans)
    words = heads + [c for h in heads for c in children(h) if c.dep_ == "compound"]
    return {w.lemma_.lower() for w in words} | {w.lower_ for w in words}


def object_heads(obj: Token, spans: bool = True) -> list[Token]:
    """The object's head noun, or what a measure or count measures (with `spans`, also what a
    stretch of time holds: "two days of drills")."""
    heads = [obj]
    lemma = obj.lemma_.lower()
    if (lemma in QUANTITY_NOUNS and (spans or lemma not in TIME_NOUNS)) or obj.pos_ == "NUM":
        heads += syn.pobjs(obj, "of")
    return heads


class WordsBelow:
    """The words under an object, worked out only if an entry asks for a modifier."""

    def __init__(self, obj: Token) -> None:
        self.obj = obj
        self.words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self.words is None:
            self.words = {w for t in subtree(self.obj) for w in (t.lemma_.lower(), t.lower_)}
        return word in self.words


def object_matches(spec: ObjectSpec, object_words: list[tuple[set[str], WordsBelow]], xcomps: set[str]) -> bool:
    if spec.infinitive:
        return spec.lemma in xcomps
    return any(spec.lemma in names and (spec.modifier is None or spec.modifier in below)
               for names, below in object_words)
