"""Finding actor mentions in a parsed document, and the actor a noun phrase refers to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from bilateral.actors.gazetteer import Entry, Gazetteer, Office
from bilateral.actors.roles import keeps_own_sector, role_sector, title_sector
from bilateral.actors.story import BODY_NOUNS, STATE_KINDS, SUBJECT_DEPS, WORDS, StoryFocus, opens_sentence
from bilateral.model import Actor
from bilateral.nlp.tree import (
    children,
    lowers,
    root_of,
    sentence_at,
    sentences_before,
    slice_text,
    span_text,
    subtree,
    texts,
)

COLLECTIVE_MEMBER_NOUNS = WORDS["collective_member_nouns"]

# Collective references that stand for the actors the document has just been talking about.
PAIR_NOUNS = WORDS.ordered["pair_nouns"]
_ANAPHOR_OPENERS = WORDS["pair_openers"]
# A possessive opens a pair phrase only with "two" ("the United States urged its two allies"); the
# closed-class words of that test stay beside it (docs/how-to-add-a-rule.md).
_POSSESSIVE_OPENERS = frozenset({"its", "their", "his", "her"})
_PAIR_DESCRIBERS = WORDS["pair_describers"]
# Prefixes before a hyphen that make a name mean something other than its actor.
_NOT_THE_ACTOR = WORDS["not_the_actor_prefixes"]


def plural(noun: str) -> str:
    """The regular English plural: "country" -> "countries", "ally" -> "allies", "side" -> "sides"."""
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "sh", "ch")):
        return noun + "es"
    return noun + "s"
SINGLE_NOUNS = WORDS.ordered["single_nouns"]


@dataclass
class Mention:
    """A span of the document that names one or more actors."""

    start: int  # token index
    end: int
    actors: list[Actor]
    form: str  # how it was named: name, adjective, capital, seat, person, pair, anaphor, ...
    candidates: list[Actor] = field(default_factory=list)  # for anaphors: other readings, most recent first

    @property
    def is_group(self) -> bool:
        return len(self.actors) > 1


def form_words(gazetteer: Gazetteer) -> list[list[str]]:
    """Each written form of the gazetteer as the tokenizer splits it: the phrases to match."""
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    return [[token.text for token in tokenizer(text)] for text in gazetteer.forms]


class ActorFinder:
    """Matches the gazetteer's forms in a Doc and resolves each to actors, date-aware."""

    def __init__(self, vocab: Vocab, gazetteer: Gazetteer, words: list[list[str]] | None = None) -> None:
        """`words`: `form_words(gazetteer)`, when the caller has it already (it is cached)."""
        self.gaz = gazetteer
        self.phrases = PhraseMatcher(vocab, attr="ORTH")
        # The patterns are matched by their words' hashes alone: a bare vocabulary makes their
        # Docs three times faster than the model's, which computes every lexical attribute.
        patterns = Vocab()
        for tokens in form_words(gazetteer) if words is None else words:
            self.phrases.add("A", [Doc(patterns, words=tokens)])
        self.pair_nouns = set(PAIR_NOUNS)
        self.single_nouns = set(SINGLE_NOUNS)

    def _anaphor_spans(self, doc: Doc, covered: set[int]) -> list[Span]:
        """"the two sides", "both countries", "each other" (PAIR); "the country" (SINGLE); "the
        bloc" (ORG); "the ministry" as a subject (BODY). `covered`: tokens inside a name. A scan
        from the few words that can open them: spaCy's Matcher would test its patterns on every
        token."""
        out = []
        n = len(doc)
        for i, lower in enumerate(lowers(doc)):
            if lower not in _ANAPHOR_OPENERS and lower not in _POSSESSIVE_OPENERS:
                continue
            nxt = doc[i + 1] if i + 1 < n else None
            if nxt is None or lower in _POSSESSIVE_OPENERS and nxt.lower_ != "two":
                continue  # "its two allies" is the story's pair, "its allies" anyone's
            if lower == "each":
                if nxt.lower_ == "other":
                    out.append(Span(doc, i, i + 2, label="PAIR"))
                continue
            j = i + 1
            while j + 1 < n and j < i + 4 and (lowers(doc)[j] in _PAIR_DESCRIBERS or doc[j].tag_ == "JJ"
                                               and doc[j].lemma_ not in self.pair_nouns):
                j += 1
            noun = doc[j]
            if noun.tag_ in {"NNS", "NNPS"} and noun.lemma_ in self.pair_nouns:
                out.append(Span(doc, i, noun.i + 1, label="PAIR"))
            elif lower == "the" and _bare_two(doc[i], nxt):
                out.append(Span(doc, i, i + 2, label="PAIR"))  # "the two have been partners since 2008"
            if lower != "the":
                continue
            body = _body_head(doc[i], covered)
            described = self._described_state(doc[i], covered)
            if body is not None:
                out.append(Span(doc, i, body.i + 1, label="BODY"))
            elif described is not None:
                out.append(Span(doc, i, described.i + 1, label="SINGLE"))
            elif nxt.tag_ == "NNP" and nxt.lower_ in self.gaz.compass_points and nxt.text[0].isupper() \
                    and doc[i].head.i == nxt.i and nxt.dep_ not in {"compound", "amod"}:
                out.append(Span(doc, i, i + 2, label="SINGLE"))  # "the North" of the two Koreas
            elif nxt.tag_ == "NN" and nxt.lower_ in self.single_nouns and not _owned(nxt, covered):
                out.append(Span(doc, i, i + 2, label="SINGLE"))
            org_noun = _described_organization(doc[i], self.gaz.generic_orgs)
            if org_noun is not None and not any(k in covered for k in range(i + 1, org_noun.i + 1)):
                # ("the Commonwealth" is a name as well as a generic noun: the name is kept)
                out.append(Span(doc, i, org_noun.i + 1, label="ORG"))
        return out

    def _described_state(self, det: Token, covered: set[int]) -> Token | None:
        """"the West African country", "the Baltic state", "the Central American nation", "the
        sultanate", "the Asian giant": a state described by words that name none, as one phrase
        (`covered`: tokens in a name). A noun of descriptions.yaml's `heads` ("giant") stands for
        a state only with a word that fits some ("the tech giant" is none)."""
        head = det.head
        if det.dep_ != "det" or not det.i < head.i <= det.i + 5 or head.tag_ != "NN":
            return None
        if any(i in covered for i in range(det.i, head.i)):
            return None
        if head.lower_ in self.gaz.described_heads:
            return head if self.gaz.fitting_states(lowers(det.doc)[det.i + 1:head.i + 1]) else None
        return head if head.lower_ in self.single_nouns and det.i + 1 < head.i else None

    def __call__(self, doc: Doc, pub_date: date | None) -> list[Mention]:
        named = [Span(doc, s, e) for _, s, e in self.phrases(doc)]
        mentions: list[Mention] = []
        seen_people: set[str] = set()
        recent: list[Actor] = []  # actors in order of last mention
        story = StoryFocus(doc)
        named = self._unshadowed(named)
        named += self._hyphenated(doc, named)
        # A members' adjective names no one outside its phrase ("the West African country").
        # Nor does a name its blocker vetoes ("Central American" is not American).
        names = [s for s in named if not all(e.form == "members" or _blocked(e, s) for e in self.gaz.lookup(span_text(s)))]
        anaphoric = self._anaphor_spans(doc, {i for s in names for i in range(s.start, s.end)})
        for span in filter_spans(named + anaphoric):
            if span.label_ == "HYPHEN":
                mention = self._named(span, pub_date, seen_people, self.hyphen_prefix(span_text(span)))
            elif not span.label:
                mention = self._named(span, pub_date, seen_people)
            else:
                mention = self._anaphor(span, recent, story)
            if mention is None:
                continue
            mentions.append(mention)
            for actor in mention.actors:
                if mention.form not in {"pair", "anaphor", "body"}:
                    recent = [a for a in recent if a.code != actor.code] + [actor]
                    story.note(actor, span)
        return mentions

    def _unshadowed(self, spans: list[Span]) -> list[Span]:
        """"Premier Li Qiang": "Premier Li", a form kept for after the full name, must not hide
        the full name it overlaps (the longer-span rule would keep the first of two)."""
        ends = sorted((s.start, s.end) for s in spans)
        if all(a[1] <= b[0] for a, b in pairwise(ends)):
            return spans  # no two overlap: nothing to decide (most documents)
        weak = {(s.start, s.end) for s in spans if all(e.weak for e in self.gaz.lookup(span_text(s)))}
        if not weak:
            return spans
        strong = {i for s in spans if (s.start, s.end) not in weak for i in range(s.start, s.end)}
        return [s for s in spans if (s.start, s.end) not in weak or strong.isdisjoint(range(s.start, s.end))]

    def hyphen_prefix(self, text: str) -> str | None:
        """The actor named before the hyphen of one token ("U.S.-made" gives "U.S."), if any."""
        if "-" not in text[1:-1]:
            return None
        prefix = text.rsplit("-", 1)[0]
        return prefix if self.gaz.lookup(prefix) else None

    def _hyphenated(self, doc: Doc, named: list[Span]) -> list[Span]:
        """Single tokens like "U.S.-made" or "Saudi-led": the part before the hyphen is an actor."""
        covered = {i for s in named for i in range(s.start, s.end)}
        out = []
        for i, text in enumerate(texts(doc)):
            if "-" in text and i not in covered and self.hyphen_prefix(text):
                out.append(Span(doc, i, i + 1, label="HYPHEN"))
        return out

    def _named(self, span: Span, pub_date: date | None, seen_people: set[str],
               text: str | None = None) -> Mention | None:
        # A surname shared by several people ("Lee") stands for one already named in full.
        entries = [e for e in self.gaz.lookup(text or span_text(span))
                   if not _blocked(e, span) and not (e.weak and e.name not in seen_people)]
        if not entries:
            return None
        entry = _prefer(entries)
        doc = span.doc
        if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in _NOT_THE_ACTOR:
            return None  # "non-NATO ally", "pro-Russian separatists", "anti-French protests": not the actor
        if entry.form == "prefix" and (span.end >= len(span.doc) or span.doc[span.end].text != "-"):
            return None
        if entry.form == "members":
            return _members(span, entry, self.gaz)
        if entry.kind == "person":
            seen_people.add(entry.name)
            office = _office_on(entry.offices, pub_date)
            held = office.sector
            if pub_date is not None and not any(o.held_on(pub_date) for o in entry.offices):
                # In no listed office that day, but the text gives a title other than a
                # government one ("Opposition leader Benjamin Netanyahu" between his terms, "Army
                # commander Joseph Aoun" before his presidency): the title says what he is then.
                title = _title_before(span, self.gaz)
                held = title if title is not None and title != "GOV" else held
            actor = Actor(office.country, held, span_text(span), "person", entry.name)
            return Mention(span.start, span.end, [actor], "person")
        if entry.kind == "group":  # "Hamas", "the Houthis": their country, in the role they had then
            period = _office_on(entry.offices, pub_date)
            root = root_of(span)
            head = root.head if root.dep_ in {"amod", "compound", "poss", "nmod"} else None
            role = role_sector(head, self.gaz) if head is not None and head.i >= span.end else None
            if role is not None and keeps_own_sector("group", period.sector, role):
                role = None
            actor = Actor(period.country, role or period.sector, span.text, "group", entry.name)
            return Mention(span.start, span.end, [actor], "name")
        sector = entry.sector
        root = root_of(span)
        head = root.head if root.dep_ in {"amod", "compound", "poss", "nmod"} else None
        if head is not None and head.i >= span.end:
            role = role_sector(head, self.gaz)
            if role is not None and not keeps_own_sector(entry.kind, sector, role, entry.code in self.gaz.executive_orgs):
                sector = role
        elif entry.form == "demonym" and sector is None and root.tag_ in {"NNS", "NNPS"}:
            sector = "CVL"  # "Palestinians blocked roads": people of a country, not its state
        if entry.kind == "place":
            place = Actor(entry.code, None, span_text(span), "place", entry.name)
            return Mention(span.start, span.end, [place], "place")
        actor = Actor(entry.code, sector, span_text(span), entry.kind, entry.name)
        return Mention(span.start, span.end, [actor], entry.form)

    def _salient_states(self, span: Span, recent: list[Actor], story: StoryFocus) -> list[Actor]:
        """States "the two sides" can stand for, most likely first. When the sentence has named
        two before it ("Russia and Ukraine accused each other"): those named in this or the
        previous two sentences, then by how often the document has named them, then recency.
        Otherwise the pair the story has named together most (`StoryFocus.best_pair`): "the two
        sides" of a story about Iran and Saudi Arabia stay those two after a paragraph on the
        United States and Yemen."""
        doc = span.doc
        window_start = sentence_at(doc, span.start).start
        named_here = [a for a in recent if story.last_sentence.get(a.code) == window_start and a.kind in STATE_KINDS]
        if len(named_here) < 2:
            pair = story.best_pair(span.start)
            if pair is not None:
                return pair
        elif span[-1].lower_ == "other":
            # "Indonesia and Vietnam upgraded ties with each other": a reciprocal pronoun stands
            # for the sentence's own states, whatever the sentences before named more often
            # ("the two sides" may be others: "France and Italy urged the two sides to ...").
            recent = named_here
        window_start = ([window_start] + [s.start for s in sentences_before(doc, span.start, 2)])[-1]
        order = {a.code: i for i, a in enumerate(recent)}
        states = [a for a in recent if a.kind in STATE_KINDS]
        # Named in the last sentences first, but a state named only once there gives way to the
        # two the story keeps naming ("The two countries downgraded relations ... after Israeli
        # forces killed dozens of Palestinians" are Israel and Turkey).
        counts = story.counts
        return sorted(states, key=lambda a: (story.last_sentence.get(a.code, -1) >= window_start
                                             or counts.get(a.code, 0) >= 3,
                                             counts.get(a.code, 0), order[a.code]), reverse=True)

    def _names_an_actor(self, phrases: list[Token]) -> bool:
        """Whether words inside `phrases` are a name the gazetteer knows (one to three words)."""
        doc = phrases[0].doc
        for t in (t for p in phrases for t in subtree(p)):
            if any(self.gaz.lookup(doc[max(t.i - n, 0):t.i + 1].text) for n in range(3)):
                return True
        return False

    def _anaphor(self, span: Span, recent: list[Actor], story: StoryFocus) -> Mention | None:
        label = span.label_
        if label == "BODY":
            head = span[-1]
            owner = story.body_owner(head)
            if owner is None:
                return None
            story.note_body(head.lemma_.lower(), owner, head.i)
            actor = replace(owner, text=span_text(span), kind="state", name=None,
                            sector=role_sector(head, self.gaz) or "GOV")
            return Mention(span.start, span.end, [actor], "body")
        if label == "PAIR":
            return self._pair(span, recent, story)
        if label == "ORG":
            noun = span[-1].lower_
            orgs = set(self.gaz.generic_orgs.get(noun, ()))
            # "the West African bloc": words its members are called by name the organization
            members = [e for e in self.gaz.lookup(span_text(span[1:-1])) if e.form == "members" and e.code in orgs] \
                if len(span) > 2 else []
            if members:
                e = members[0]
                return Mention(span.start, span.end, [Actor(e.code, e.sector, span_text(span), "organization", e.name)],
                               "anaphor")
            for actor in reversed(recent):
                if actor.code in orgs:
                    return Mention(span.start, span.end, [replace(actor, text=span_text(span))], "anaphor")
            return None
        return self._single_state(span, recent, story)

    def _pair(self, span: Span, recent: list[Actor], story: StoryFocus) -> Mention | None:
        """"the two sides", "both countries": the story's pair."""
        owners = _owner_phrases(span[-1])
        if owners and self._names_an_actor(owners):
            # "the leaders of Armenia and Azerbaijan" name their own states ("the leaders of
            # the two Koreas" name none the gazetteer knows, and stay the story's pair).
            return None
        states = self._salient_states(span, recent, story)
        # "the two armies" are MIL, "the two sides" their governments.
        sector = role_sector(span[-1], self.gaz) or "GOV"
        codes: list[Actor] = []
        for actor in states:
            if actor.code not in {a.code for a in codes}:
                codes.append(replace(actor, text=span_text(span), kind="state", sector=sector, name=None))
            if len(codes) == 2:
                break
        if len(codes) < 2:
            return None
        return Mention(span.start, span.end, codes, "pair")

    def _single_state(self, span: Span, recent: list[Actor], story: StoryFocus) -> Mention | None:
        """"the country", "the island nation": the state of the story the words fit."""
        owners = _owner_phrases(span[-1])
        if owners and self._names_an_actor(owners):
            # "the government of the People's Republic of China" names its own actor ("the country
            # of 1.4 billion people" does not)
            return None
        # "the island nation", "the Himalayan kingdom": only a state the words fit (descriptions.yaml)
        fits = self.gaz.compass_points.get(span[-1].lower_) if len(span) == 2 and span[-1].tag_ == "NNP" \
            else self.gaz.fitting_states(lowers(span.doc)[span.start:span.end])

        def fitting(actor: Actor | None) -> bool:
            return actor is not None and (fits is None or actor.code in fits)

        # "after Moscow launched an invasion of the country": not the clause's own subject.
        clause = next((t for t in span.root.ancestors if t.pos_ in {"VERB", "AUX"}), None)
        if clause is not None and span.root.dep_ in SUBJECT_DEPS:
            # "... two days after the West African country cut ties": the main clause's subject;
            # "Niger expelled the envoy. The country also ...": the subject before continues.
            main = story.main_subject_state(clause) or (
                story.previous_subject_state(span.root) if opens_sentence(span.root) else None)
            if main is not None and fitting(main):
                return Mention(span.start, span.end, [replace(main, text=span_text(span), kind="state",
                                                              sector="GOV", name=None)], "anaphor")
        subject_codes = set()
        if clause is not None:
            for subj in (c for c in children(clause) if c.dep_ in SUBJECT_DEPS):
                for t in subtree(subj):
                    subject_codes |= {e.code for e in self.gaz.lookup(t.text)}
        states = [replace(a, text=span_text(span), kind="state", sector="GOV",
                          name=self.gaz.states.get(a.code, a.name)) for a in reversed(recent)
                  if a.kind in {"state", "person", "place"} and a.code not in subject_codes and fitting(a)]
        if not states:
            return None
        return Mention(span.start, span.end, [states[0]], "anaphor", candidates=states[1:])


def _described_organization(det: Token, generic: Mapping[str, object]) -> Token | None:
    """"the bloc", "the West African bloc", "the 27-nation bloc", "the Western military alliance":
    a generic word for an organization, with only describing words between it and "the"."""
    doc = det.doc
    if det.i + 1 < len(doc) and doc[det.i + 1].lower_ in generic:
        return doc[det.i + 1]
    noun = det.head
    if not (det.i + 1 < noun.i <= det.i + 4) or noun.lower_ not in generic or noun.tag_ != "NN":
        return None
    between = doc[det.i + 1:noun.i]
    # (not a number: "the 27-nation bloc" says which bloc, and may be another than the last)
    if all(t.pos_ in {"ADJ", "PROPN"} or (t.dep_ == "compound" and t.pos_ != "NUM") for t in between):
        return noun
    return None


def _owner_phrases(head: Token) -> list[Token]:
    """What a noun's owner is named by: its possessive ("China's leaders") or its "of" phrase."""
    return [c for c in children(head) if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")]


def _title_before(span: Span, gaz: Gazetteer) -> str | None:
    """The sector of a title written before a name, as words hung on the name's head."""
    root = root_of(span)
    titles = [c for c in children(root) if c.dep_ in {"compound", "amod"} and c.i < span.start]
    return title_sector(root, titles, gaz) if titles else None


def _prefer(entries: list[Entry]) -> Entry:
    order = {"state": 0, "organization": 1, "person": 2, "group": 2, "place": 3}
    return sorted(entries, key=lambda e: (e.weak, order.get(e.kind, 3)))[0]


def _office_on(offices: tuple[Office, ...], day: date | None) -> Office:
    held = [o for o in offices if o.held_on(day)]
    if held:
        return held[0]
    if day is not None:
        # Out of office on that day: the most recent office before it (a former official).
        past = [o for o in offices if o.start is None or o.start <= day.isoformat()]
        if past:
            last = max(past, key=lambda o: o.end or "9999")
            return replace(last, sector="ELI") if last.end else last
    return offices[0]


def _blocked(entry: Entry, span: Span) -> bool:
    blocker = entry.blocker
    if blocker is None:
        return False
    doc = span.doc
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if nxt in blocker.unless_next or prev in blocker.unless_prev:
        return True
    following = slice_text(doc, span.end, span.end + 3).lower()
    if any(following.startswith(w) for w in blocker.unless_next if " " in w or "'" in w):
        return True
    sentence = span_text(sentence_at(doc, span.start)).lower()
    return any(w in sentence for w in blocker.unless_sentence)


def _members(span: Span, entry: Entry, gaz: Gazetteer) -> Mention | None:
    """"West African leaders", "Southeast Asian foreign ministers": the organization of those
    members, with the role word's sector; the adjective elsewhere ("a West African country") is none."""
    root = root_of(span)
    head = root.head
    if root.dep_ not in {"amod", "compound", "nmod"} or head.i < span.end or head.tag_ not in {"NNS", "NNPS"} \
            or head.lemma_.lower() not in COLLECTIVE_MEMBER_NOUNS:
        return None
    actor = Actor(entry.code, role_sector(head, gaz) or entry.sector, span_text(span), "organization", entry.name)
    return Mention(span.start, span.end, [actor], "members")


def _body_head(det: Token, covered: set[int]) -> Token | None:
    """The noun of "the ministry", "the foreign ministry", "the customs administration" when it is
    a government body (`government_body_nouns`) that heads the subject of its clause, or is the
    possessor in it ("the ministry's spokesman"), and names no owner of its own ("the government
    of Iraq", "the Chinese foreign ministry", "the government in Caracas" name theirs)."""
    head = det.head
    if det.dep_ != "det" or head.i <= det.i or head.i - det.i > 3 or head.lemma_.lower() not in BODY_NOUNS:
        return None
    if head.tag_ not in {"NN", "NNS"} or any(i in covered for i in range(det.i, head.i + 1)):
        return None
    if _owned(head, covered):
        return None
    subject = head.head if head.dep_ == "poss" else head
    return head if subject.dep_ in SUBJECT_DEPS else None


def _owned(head: Token, covered: set[int]) -> bool:
    """"the government of Iraq", "the government in Caracas", "its government": the noun names
    its owner in its own phrase (`covered`: tokens inside a name)."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and (c.lower_ == "of" or any(
        i in covered for i in range(c.i, c.right_edge.i + 1)))) for c in children(head))


def _bare_two(det: Token, two: Token) -> bool:
    """"the two" standing alone for a noun phrase ("the two agreed", "talks between the two"), as
    "the two sides" does; not "the two men", where "two" counts the noun after it."""
    return two.lower_ == "two" and two.tag_ == "CD" and det.head.i == two.i and \
        two.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}
